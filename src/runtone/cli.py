r"""The ``runtone`` command line: explore the dataset, compare, recommend, plan, export.

Run ``runtone --help`` (or ``python -m runtone --help``) for the commands, and
``runtone COMMAND --help`` for each command's options and examples.  Every
command prints aligned text that fits the terminal (``COLUMNS``; 80 columns when
the output is not a terminal), or JSON with ``--json``.  The text is the
library's own, :func:`runtone.to_text`; this module parses arguments, calls the
public API and prints what it returns.

Output survives any encoding of standard output: text the stream cannot encode
is replaced (``?``), JSON falls back to ``\u`` escapes (the same value, in
ASCII) and SVG to XML character references (the same picture, in ASCII).

Exit codes: 0 success; 1 not found (the message suggests close matches) or
invalid data; 2 bad usage.

Start-up is part of every command's time, so this module imports only what every
command needs: argparse builds the parser of the one command given (the top-level
help lists them all without building them), and the renderers, the JSON writer,
pathlib and datetime are imported by the commands that use them.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import io
import os
import re
import sys
import textwrap
from typing import TYPE_CHECKING, Callable, NoReturn, TextIO

import runtone

from .errors import DataError, InvalidValueError, ProfileError, UnknownIdError, singular

if TYPE_CHECKING:
    import datetime as dt
    import enum
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    from ._dataset import Dataset
    from ._export import JSONValue
    from ._vocab import Equipment
    from .coaching.profile import Profile

__all__ = ["console", "main"]

#: The width of text output when standard output is not a terminal and ``COLUMNS``
#: is not set.
WIDTH = 80
OK, NOT_FOUND, USAGE = 0, 1, 2
#: How alike (difflib's ratio) a word must be to an option or command to be suggested,
#: and how much less alike than the closest the other suggestions may be.
_CUTOFF, _BAND = 0.6, 0.1
#: The widest indent ``runtone export --indent`` accepts.
MAX_INDENT = 8
#: The narrowest width of text output: :data:`runtone._text.MIN_WIDTH`, the narrowest
#: :func:`runtone.to_text` renders (a test checks they agree; importing the renderer
#: here would load the record classes for ``--help``).
MIN_WIDTH = 40


class _UsageError(Exception):
    """A bad option value found after parsing (exit 2)."""


class _OutputError(Exception):
    """The output cannot be written (exit 1)."""


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, "utf-8")
    except OSError as exc:
        raise _OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL or a lone surrogate: no file can have that name
        raise _OutputError(f"cannot write {str(path)!r}: {exc}") from None


def _write_bytes(path: Path, data: bytes) -> None:
    """``data`` into ``path`` as it is (an iCalendar file's CRLF line ends kept)."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise _OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL in the name
        raise _OutputError(f"cannot write {str(path)!r}: {exc}") from None


def _ref(value: object) -> str:
    return str(getattr(value, "id", value))


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int = WIDTH) -> str:
    from ._text import table  # noqa: PLC0415 - the renderer only for commands that print

    return table(headers, rows, width)


def _to_json(obj: object) -> JSONValue:
    from ._export import to_json  # noqa: PLC0415 - the JSON writer only for --json

    return to_json(obj)


def _dumps(value: JSONValue, *, indent: int | None = 2) -> str:
    from ._export import dumps  # noqa: PLC0415 - the JSON writer only for --json

    return dumps(value, indent=indent)


# --- output that survives any encoding -------------------------------------------------


def _encodes(stream: TextIO, text: str) -> bool:
    """Whether ``stream`` can write ``text`` as it is (strictly, in its own encoding)."""
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str):  # an in-memory stream holds any str
        return True
    try:
        text.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


def _safe_text(stream: TextIO, text: str, errors: str = "replace") -> str:
    """``text`` with what ``stream`` cannot encode replaced (``?``, or ``errors``)."""
    if _encodes(stream, text):
        return text
    encoding = str(getattr(stream, "encoding", None) or "ascii")
    try:
        return text.encode(encoding, errors).decode(encoding)
    except (UnicodeError, LookupError):
        return text.encode("ascii", errors).decode("ascii")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _safe_json(stream: TextIO, text: str) -> str:
    r"""JSON ``text``, with ``\uXXXX`` escapes for what ``stream`` cannot encode.

    Outside strings JSON is ASCII, so every other character is inside a string,
    where an escape is the same character: the value read back is the same.
    """
    if _encodes(stream, text):
        return text
    import json  # noqa: PLC0415 - only for a stream that cannot encode the JSON

    return _NON_ASCII.sub(lambda m: json.dumps(m.group())[1:-1], text)


def _safe_svg(stream: TextIO, svg: str) -> str:
    """SVG text, in ASCII with character references if ``stream`` cannot encode it."""
    if _encodes(stream, svg):
        return svg
    return svg.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _terminal_width(out: TextIO) -> int:
    """The width text output fits: ``COLUMNS``, else the terminal's, else 80.

    As :func:`shutil.get_terminal_size` does, a positive ``COLUMNS`` wins; the
    terminal asked is the one ``out`` writes to.  Never less than :data:`MIN_WIDTH`.
    """
    columns = 0
    with contextlib.suppress(ValueError):
        columns = int(os.environ.get("COLUMNS", ""))
    if columns <= 0:
        try:
            if out.isatty():
                columns = os.get_terminal_size(out.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(MIN_WIDTH, columns if columns > 0 else WIDTH)


# --- the parser ----------------------------------------------------------------------


class _ParserExit(SystemExit):
    """argparse is done: ``text`` goes to standard output (help, version) or error (usage).

    A :class:`SystemExit`, so that the parser still behaves like argparse's for a
    caller that catches that; :func:`main` writes ``text`` to its own streams.
    """

    def __init__(
        self,
        code: int,
        text: str,
        parser: argparse.ArgumentParser,
        *,
        message: str = "",
        suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__(code)
        self.text = text
        self.parser = parser
        self.message = message
        self.suggestions = tuple(suggestions)


def _close(word: str, possibilities: Sequence[str]) -> list[str]:
    """Up to three of ``possibilities`` close to ``word``: the closest, and any nearly as close."""
    import difflib  # noqa: PLC0415 - only a mistyped word needs it

    ratios = []
    for option in possibilities:
        matcher = difflib.SequenceMatcher(None, word, option)
        if matcher.real_quick_ratio() >= _CUTOFF and matcher.ratio() >= _CUTOFF:
            ratios.append((-matcher.ratio(), option))
    ratios.sort()
    return [option for ratio, option in ratios[:3] if -ratio >= -ratios[0][0] - _BAND]


def _did_you_mean(words: Sequence[str], quote: bool = True) -> str:
    shown = [repr(w) if quote else w for w in words]
    return f"; did you mean {', '.join(shown)}?" if shown else ""


class _Parser(argparse.ArgumentParser):
    """argparse's parser, printing nothing itself and suggesting close choices."""

    _suggestions: Sequence[str] = ()

    def error(self, message: str) -> NoReturn:
        """Raise, with the usage and the message, for :func:`main` to print (exit 2)."""
        text = f"{self.format_usage()}{self.prog}: error: {message}\n"
        suggestions, self._suggestions = self._suggestions, ()
        raise _ParserExit(USAGE, text, self, message=message, suggestions=suggestions)

    def print_help(self, file: object = None) -> NoReturn:
        """Raise with the help, for :func:`main` to print (``--help`` then exits 0)."""
        del file
        raise _ParserExit(OK, self.format_help(), self)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        """Raise with ``message``, for :func:`main` to print."""
        raise _ParserExit(status, message or "", self)

    def _check_value(self, action: argparse.Action, value: object) -> None:
        # argparse's check, with close matches instead of the whole list when there are.
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(c) for c in choices]
        close = _close(str(value), names)
        self._suggestions = close
        listed = f" (choose from {', '.join(names)})" if not close else _did_you_mean(close)
        raise argparse.ArgumentError(action, f"invalid choice: {value!r}{listed}")


class _Version(argparse.Action):
    """``--version``: looks the package version up only when asked (it costs an import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:  # noqa: A002 - argparse's name
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> NoReturn:
        del namespace, values, option_string
        import importlib.metadata  # noqa: PLC0415 - only --version needs it (40 ms to import)

        version = importlib.metadata.version("runtone")
        raise _ParserExit(OK, f"runtone {version} (data {runtone.DATA_VERSION})\n", parser)


def _formatter(width: int) -> type[argparse.HelpFormatter]:
    """Help in ``width`` columns, descriptions and examples as written."""

    class Formatter(argparse.RawDescriptionHelpFormatter):
        def __init__(self, prog: str) -> None:
            super().__init__(prog, width=width, max_help_position=28)

    return Formatter


def _values(enum_cls: type[enum.Enum]) -> list[str]:
    return [str(m.value) for m in enum_cls]


def _add_choice(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup,
    flag: str,
    enum_cls: type[enum.Enum],
    text: str = "",
    default: str | None = None,
) -> None:
    """An option taking one value of an enum: a short usage line, the values in the help.

    No ``choices``: the value goes to the API as typed, and the library's parser
    (``parse_enum``) reads it as the API reads any value, or says what is wrong.
    """
    values = _values(enum_cls)
    listed = f"one of: {', '.join(values)}"
    parser.add_argument(  # no choices: the library's parser decides, and explains
        flag,
        default=default,
        metavar=enum_cls.__name__.upper(),
        help=f"{text} ({listed})" if text else listed,
    )


def _split(values: Sequence[str] | None) -> list[str]:
    """Repeated and comma-separated option values, as one list."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _equipment(values: Sequence[str]) -> frozenset[Equipment]:
    """The ``--equipment`` values, read as the API reads them: equipment, or ``none`` alone."""
    from ._vocab import Equipment, parse_enums  # noqa: PLC0415 - only the commands that take it

    equipment = _split(values)
    if not equipment:
        raise _UsageError("--equipment: give equipment names, or 'none' for body weight only")
    return parse_enums(Equipment, equipment, "--equipment")


def _path(value: str) -> Path:
    """An argument that is a path: any but the empty one (which would be the working directory)."""
    if not value:
        raise argparse.ArgumentTypeError("an empty path names no file or directory")
    from pathlib import Path  # noqa: PLC0415 - only the commands given a path need it

    return Path(value)


def _date(value: str) -> dt.date:
    """An argument that is a calendar date, ``YYYY-MM-DD``."""
    import datetime as dt  # noqa: PLC0415 - only plan --start needs it

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _common(formatter: type[argparse.HelpFormatter]) -> _Parser:
    # Its formatter has a width: argparse makes one to check each option added, and the
    # default one asks the terminal (importing shutil, bz2 and lzma to do it).
    common = _Parser(add_help=False, formatter_class=formatter)
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print JSON instead of text",
    )
    common.add_argument(
        "--pack",
        action="append",
        default=[],
        type=_path,
        metavar="PACK",
        help="load this data pack over runtone's data (repeatable)",
    )
    common.add_argument(  # no choices: the library's load() decides, and explains
        "--locale",
        default=argparse.SUPPRESS,
        metavar="LANG",
        help="names and texts in this language: en (default), de, es or fr",
    )
    return common


#: A word of a shell command: quoted parts stay whole.
_SHELL_WORD = re.compile(r"""(?:[^\s"']+|"[^"]*"|'[^']*')+""")


def _examples(examples: Sequence[str], width: int) -> str:
    r"""Example commands, each continued on the next line (``\``) where too wide."""
    lines = ["examples:"]
    for example in examples:
        line = " "
        for word in _SHELL_WORD.findall(example):
            if len(line) > len("  ") and len(line) + 1 + len(word) > width - len(" \\"):
                lines.append(line + " \\")
                line = "     "
            line += " " + word
        lines.append(line)
    return "\n".join(lines)


_LIST_EXAMPLES: dict[str, tuple[str, ...]] = {
    "muscles": ("runtone muscles", "runtone muscles --region lower_leg --json"),
    "exercises": (
        "runtone exercises --muscle hamstrings --equipment none",
        "runtone exercises --kind plyometric --level beginner",
    ),
    "strike_patterns": ("runtone strike-patterns",),
    "stride_effects": ("runtone stride-effects --json",),
    "claims": ("runtone claims --verdict contradicted", "runtone claims --muscle calves"),
    "injuries": ("runtone injuries",),
    "recommendations": (
        'runtone recommendations --injury "runner\'s knee"',
        "runtone recommendations --goal strength --min-evidence rct",
    ),
    "sources": ("runtone sources",),
    "terms": ("runtone terms", "runtone terms --json"),
    "training_rules": ("runtone rules", "runtone rules --json"),
}
_SHOW_EXAMPLES: dict[str, str] = {
    "muscles": "quads",
    "exercises": "single-leg-deadlift",
    "strike_patterns": "heel",
    "stride_effects": "uphill",
    "claims": "forefoot-works-quadriceps",
    "injuries": "shin splints",
    "recommendations": "strengthen-hips-and-glutes",
    "sources": "vannatta-2015",
    "terms": "SMD",
    "training_rules": "race-taper",
}
#: Shorter names a collection's commands also answer to (``runtone rule race-taper``).
_ALIASES: dict[str, tuple[str, str]] = {"training_rules": ("rules", "rule")}
#: The collections, in :data:`runtone._loader.COLLECTIONS` order (a test checks): named
#: here so that the help lists their commands without importing the record classes.
_COLLECTIONS = (
    "sources",
    "muscles",
    "injuries",
    "exercises",
    "strike_patterns",
    "stride_effects",
    "claims",
    "recommendations",
    "terms",
    "training_rules",
)


def _add_filters(name: str, sub: argparse.ArgumentParser) -> None:
    from ._vocab import (  # noqa: PLC0415 - the values each option lists, for its command only
        Equipment,
        EvidenceGrade,
        ExerciseKind,
        Goal,
        JointAction,
        Level,
        Region,
        TargetRole,
        Verdict,
    )

    if name == "muscles":
        _add_choice(sub, "--region", Region)
        _add_choice(sub, "--action", JointAction, "a joint action")
    elif name == "exercises":
        sub.add_argument("--muscle", help="works this muscle (a group includes its parts)")
        _add_choice(sub, "--role", TargetRole, "...in this role")
        _add_choice(sub, "--kind", ExerciseKind)
        sub.add_argument(
            "--equipment",
            action="append",
            metavar="EQUIPMENT",
            help="equipment at hand, repeatable or comma-separated; 'none' for "
            f"bodyweight only (one of: {', '.join(_values(Equipment))})",
        )
        _add_choice(sub, "--level", Level, "suits this level")
        sides = sub.add_mutually_exclusive_group()
        sides.add_argument("--unilateral", action="store_true", default=None)
        sides.add_argument("--bilateral", dest="unilateral", action="store_false")
    elif name == "claims":
        _add_choice(sub, "--verdict", Verdict)
        _add_choice(sub, "--min-evidence", EvidenceGrade)
        sub.add_argument("--muscle", help="about this muscle (a group includes its parts)")
    elif name == "recommendations":
        _add_choice(sub, "--goal", Goal)
        _add_choice(sub, "--level", Level)
        sub.add_argument("--muscle", help="addresses this weak or tight muscle")
        sub.add_argument("--injury", help="addresses this injury")
        _add_choice(sub, "--min-evidence", EvidenceGrade)


def _add_profile(sub: argparse.ArgumentParser, width: int = WIDTH) -> None:
    from ._vocab import (  # noqa: PLC0415 - the values each option lists, for its command only
        Equipment,
        EvidenceGrade,
        Goal,
        Level,
        RaceDistance,
    )

    group = sub.add_argument_group(
        "profile",
        textwrap.fill(
            "The runner: one option per field of runtone.Profile. Lists are repeatable "
            "or comma-separated.",
            width - 2,
        ),
    )
    group.add_argument("--goals", action="append", metavar="GOAL", help=", ".join(_values(Goal)))
    _add_choice(group, "--level", Level, "default: beginner", default="beginner")
    group.add_argument("--strike-pattern", metavar="PATTERN", help="e.g. heel, midfoot, forefoot")
    group.add_argument("--weak-muscles", action="append", metavar="MUSCLE")
    group.add_argument("--tight-muscles", action="append", metavar="MUSCLE")
    group.add_argument("--injuries", action="append", metavar="INJURY", help="injuries now")
    group.add_argument("--past-injuries", action="append", metavar="INJURY")
    group.add_argument(
        "--equipment",
        action="append",
        metavar="EQUIPMENT",
        help="at hand ('none' for bodyweight only): " + ", ".join(_values(Equipment)),
    )
    group.add_argument("--running-days", type=int, default=3, metavar="N", help="0 to 7")
    group.add_argument("--strength-days", type=int, default=2, metavar="N", help="0 to 7")
    group.add_argument("--minutes-per-session", type=int, default=30, metavar="N", help="10-300")
    _add_choice(group, "--race", RaceDistance, "a goal race: the plan tapers to it")
    group.add_argument(
        "--current-running-days", type=int, metavar="N", help="days a week you run now"
    )
    group.add_argument("--weekly-minutes", type=int, metavar="N", help="minutes you run a week now")
    group.add_argument(
        "--longest-run", type=int, metavar="N", help="your longest run of the past 30 days, minutes"
    )
    _add_choice(sub, "--min-evidence", EvidenceGrade, "drop weaker advice")


class _Spec:
    """One command: what the top-level help lists, and what its own parser adds.

    ``add`` adds the command's arguments and defaults to its parser, which already
    has the common options (``--json``, ``--pack``), the description and the examples.
    """

    __slots__ = ("add", "aliases", "examples", "name", "summary")

    def __init__(
        self,
        name: str,
        summary: str,
        examples: Sequence[str],
        add: Callable[[argparse.ArgumentParser, int], None],
        aliases: Sequence[str] = (),
    ) -> None:
        self.name, self.summary, self.examples = name, summary, tuple(examples)
        self.add, self.aliases = add, tuple(aliases)


if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[_Parser]  # noqa: SLF001 - argparse's subcommands
else:
    _SubParsers = argparse._SubParsersAction  # noqa: SLF001 - not generic at run time


class _Commands(_SubParsers):
    """The subcommands: every one listed in the help, a parser built only for the one given.

    Building the parsers of all of them, with their options, took longer than most
    commands take to run.  ``choices`` maps every name and alias to its
    :class:`_Spec`, in the help's order (argparse checks the command given against
    it); argparse's own map holds the parsers built so far.
    """

    _specs: dict[str, _Spec]
    _width: int
    _formatter: type[argparse.HelpFormatter]
    _common: _Parser | None

    def setup(self, width: int, formatter: type[argparse.HelpFormatter]) -> None:
        self._specs = {}
        # argparse only checks a command against its choices and lists them in messages.
        self.choices = self._specs  # type: ignore[assignment]  # names to specs, not parsers
        self._width, self._formatter, self._common = width, formatter, None

    def register(self, spec: _Spec) -> None:
        """List ``spec`` in the help, as ``add_parser(..., help=...)`` does, without a parser."""
        aliases = list(spec.aliases)
        self._choices_actions.append(self._ChoicesPseudoAction(spec.name, aliases, spec.summary))
        for name in (spec.name, *aliases):
            self._specs[name] = spec

    def parser_of(self, name: str) -> _Parser:
        """The parser of the command ``name`` (or an alias of it), built on first use."""
        built = self._name_parser_map.get(name)
        if built is not None:
            return built
        spec = self._specs[name]
        if self._common is None:
            self._common = _common(self._formatter)
        summary = spec.summary
        sub = self.add_parser(
            spec.name,
            aliases=list(spec.aliases),
            description=textwrap.fill(summary[0].upper() + summary[1:] + ".", self._width),
            epilog=_examples(spec.examples, self._width),
            formatter_class=self._formatter,
            parents=[self._common],
        )
        spec.add(sub, self._width)
        return sub

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        """Build the parser of the command given; argparse then parses the rest with it."""
        if isinstance(values, list) and values and values[0] in self._specs:
            self.parser_of(values[0])
        super().__call__(parser, namespace, values, option_string)


def _parser(width: int = WIDTH) -> argparse.ArgumentParser:
    """The parser, its help fitting ``width`` columns.

    Each command's own parser is built when argparse meets the command (see
    :class:`_Commands`); :func:`_commands` builds them all.
    """
    formatter = _formatter(width)
    parser = _Parser(
        prog="runtone",
        description=textwrap.fill(
            "Explore runtone's dataset: the leg muscles running works, the exercises that "
            "train them, how foot strike shifts the work, and advice with its evidence.",
            width,
        ),
        epilog=_examples(
            [
                "runtone muscle quads",
                "runtone exercises --muscle hamstrings --equipment none",
                "runtone compare heel forefoot",
                "runtone diagram --compare heel forefoot > heel-to-forefoot.svg",
                "runtone plan --level beginner --strike-pattern heel --weak-muscles glutes",
                "runtone export > runtone.json",
            ],
            width,
        )
        + "\n\n"
        + textwrap.fill("exit codes: 0 success, 1 not found or invalid data, 2 bad usage", width),
        formatter_class=formatter,
    )
    parser.add_argument(
        "--version", action=_Version, help="show the package and data versions and exit"
    )
    parser.add_argument(
        "--json", action="store_true", default=False, help="print JSON instead of text"
    )
    parser.add_argument(
        "--locale",
        default=None,
        metavar="LANG",
        help="names and texts in this language: en (default), de, es or fr",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, action=_Commands
    )
    assert isinstance(commands, _Commands)  # noqa: S101 - the action class just given
    commands.setup(width, formatter)
    for spec in _SPECS:
        commands.register(spec)
    return parser


def _add_list(name: str, sub: argparse.ArgumentParser, width: int) -> None:
    del width
    _add_filters(name, sub)
    sub.set_defaults(run=_run_list, collection=name)


def _add_show(name: str, sub: argparse.ArgumentParser, width: int) -> None:
    del width
    sub.add_argument("key", help="id, name or alias (case, spaces and hyphens ignored)")
    sub.set_defaults(run=_run_show, collection=name)


def _collection_specs() -> Iterator[_Spec]:
    """The two commands of each collection: list them all, and show one."""
    for name in _COLLECTIONS:
        plural = name.replace("_", "-")
        many, one_alias = _ALIASES.get(name, (None, None))
        yield _Spec(
            plural,
            f"list {name.replace('_', ' ')}",
            _LIST_EXAMPLES[name],
            functools.partial(_add_list, name),
            (many,) if many else (),
        )
        one = singular(name).replace(" ", "-")
        yield _Spec(
            one,
            f"show one {singular(name)} by id, name or alias",
            [f"runtone {one_alias or one} '{_SHOW_EXAMPLES[name]}'"],
            functools.partial(_add_show, name),
            (one_alias,) if one_alias else (),
        )


def _add_search(sub: argparse.ArgumentParser, width: int) -> None:
    del width
    sub.add_argument("text", metavar="TEXT", help="a name, an alias or a few words")
    sub.add_argument(
        "--collection",
        action="append",
        type=lambda name: name.replace("-", "_"),
        choices=_COLLECTIONS,
        metavar="NAME",
        help="search only this collection (repeat for more): "
        + ", ".join(_COLLECTIONS)
        + "; by default all but sources",
    )
    sub.add_argument("--limit", type=int, default=10, metavar="N", help="at most N (default 10)")
    sub.set_defaults(run=_run_search)


def _add_compare(sub: argparse.ArgumentParser, width: int) -> None:
    del width
    sub.add_argument("a", help="the pattern you move from")
    sub.add_argument("b", help="the pattern you move to")
    sub.set_defaults(run=_run_compare)


def _add_recommend(sub: argparse.ArgumentParser, width: int) -> None:
    _add_profile(sub, width)
    sub.add_argument("--limit", type=int, metavar="N", help="show the first N only")
    sub.set_defaults(run=_run_recommend)


def _add_plan(sub: argparse.ArgumentParser, width: int) -> None:
    _add_profile(sub, width)
    sub.add_argument("--weeks", type=int, default=4, metavar="N", help="1 to 52 (default 4)")
    sub.add_argument(
        "--ics",
        type=_path,
        metavar="FILE",
        help="also write the plan as an iCalendar file (one event per session)",
    )
    sub.add_argument(
        "--start",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the calendar's first day (default: next Monday)",
    )
    sub.add_argument(
        "--chart",
        type=_path,
        metavar="FILE",
        help="also write an SVG chart of the plan's minutes, week by week",
    )
    sub.add_argument(
        "--chart-week",
        type=int,
        metavar="N",
        help="with --chart: chart week N's days and sessions instead",
    )
    sub.set_defaults(run=_run_plan)


def _add_diagram(sub: argparse.ArgumentParser, width: int) -> None:
    del width
    what = sub.add_mutually_exclusive_group(required=True)
    what.add_argument("pattern", nargs="?", help="a foot strike or stride effect, e.g. uphill")
    what.add_argument("--compare", nargs=2, metavar=("A", "B"), help="from pattern A to B")
    what.add_argument("--exercise", metavar="EXERCISE", help="an exercise's target muscles")
    sub.add_argument("--title", help="the picture's title (default: made from the subject)")
    sub.add_argument("--output", "-o", type=_path, metavar="FILE", help="write here, not stdout")
    sub.set_defaults(run=_run_diagram)


def _add_gait(sub: argparse.ArgumentParser, width: int) -> None:
    del width
    sub.add_argument(
        "muscles", nargs="*", metavar="MUSCLE", help="muscles to draw (default: every timed one)"
    )
    sub.add_argument("--title", help="the chart's title")
    sub.add_argument("--output", "-o", type=_path, metavar="FILE", help="write here, not stdout")
    sub.set_defaults(run=_run_gait)


def _add_export(sub: argparse.ArgumentParser, width: int) -> None:
    del width
    sub.add_argument("file", nargs="?", type=_path, metavar="FILE", help="the same as --output")
    sub.add_argument("--output", "-o", type=_path, metavar="FILE", help="write here, not stdout")
    sub.add_argument(
        "--format",
        choices=["json", "sqlite"],
        default="json",
        help="json (the default) or sqlite: a database file, replaced if it exists (needs FILE)",
    )
    sub.add_argument(
        "--indent", type=int, default=2, metavar="N", help="JSON indent (0: one line; default 2)"
    )
    sub.set_defaults(run=_run_export)


def _add_validate(sub: argparse.ArgumentParser, width: int) -> None:
    del width
    sub.add_argument(
        "packs", nargs="+", type=_path, metavar="PACK", help="a pack directory or JSON file"
    )
    sub.add_argument(
        "--standalone", action="store_true", help="check the packs alone, without runtone's data"
    )
    sub.set_defaults(run=_run_validate)


def _add_convert(sub: argparse.ArgumentParser, width: int) -> None:
    del width
    sub.add_argument("file", type=_path, help="free-exercise-db's exercises.json")
    sub.add_argument(
        "--format", choices=["free-exercise-db"], default="free-exercise-db", help="its format"
    )
    sub.add_argument(
        "--output", "-o", type=_path, metavar="DIR", help="write a pack directory here"
    )
    sub.set_defaults(run=_run_convert)


#: Every command, in the order the help lists them.
_SPECS: tuple[_Spec, ...] = (
    *_collection_specs(),
    _Spec(
        "search",
        "find records by name, alias or a few words, best first, typos forgiven",
        [
            "runtone search bridge",
            'runtone search "knee pain" --collection injuries',
            "runtone search hamstrng --limit 3 --json",
        ],
        _add_search,
    ),
    _Spec(
        "compare",
        "compare two foot strikes (or stride effects) muscle by muscle",
        ["runtone compare heel forefoot", "runtone compare midfoot forefoot --json"],
        _add_compare,
    ),
    _Spec(
        "recommend",
        "ranked, explained recommendations for a runner",
        [
            'runtone recommend --weak-muscles glutes --injuries "runner\'s knee"',
            "runtone recommend --goals strength,speed --equipment dumbbells --json",
        ],
        _add_recommend,
    ),
    _Spec(
        "plan",
        "a week-by-week training plan for a runner",
        [
            "runtone plan --level beginner --strike-pattern heel --weak-muscles glutes",
            "runtone plan --running-days 4 --strength-days 2 --weeks 2 --json",
            "runtone plan --level intermediate --race 10k --weeks 12 --chart load.svg",
        ],
        _add_plan,
    ),
    _Spec(
        "diagram",
        "draw an SVG body map of a foot strike, a comparison or an exercise",
        [
            "runtone diagram forefoot > forefoot.svg",
            "runtone diagram --compare heel forefoot --output heel-to-forefoot.svg",
            "runtone diagram --exercise single-leg-deadlift > deadlift.svg",
        ],
        _add_diagram,
    ),
    _Spec(
        "gait",
        "draw an SVG chart of when in the stride each muscle works, study by study",
        ["runtone gait > gait.svg", "runtone gait soleus tibialis-anterior --output shin.svg"],
        _add_gait,
    ),
    _Spec(
        "export",
        "write the whole dataset as one JSON object (ids for references) or a SQLite database",
        [
            "runtone export > runtone.json",
            'runtone export --indent 0 | python -c "import json,sys; json.load(sys.stdin)"',
            "runtone export --pack ./my-pack --output merged.json",
            "runtone export --format sqlite runtone.db",
        ],
        _add_export,
    ),
    _Spec(
        "validate",
        "check data packs as strictly as runtone's own data",
        ["runtone validate ./my-pack", "runtone validate export.json --standalone"],
        _add_validate,
    ),
    _Spec(
        "convert",
        "turn free-exercise-db's exercises.json into a runtone pack",
        [
            "runtone convert exercises.json --output ./free-exercise-db-pack",
            "runtone convert exercises.json > pack.json",
        ],
        _add_convert,
    ),
)


# --- the commands ----------------------------------------------------------------------


class _Context:
    """What a command runs with: its arguments, its streams and the width of its text."""

    __slots__ = ("args", "err", "out", "width")

    def __init__(
        self, args: argparse.Namespace, out: TextIO, err: TextIO, width: int = WIDTH
    ) -> None:
        self.args, self.out, self.err, self.width = args, out, err, width

    @property
    def json(self) -> bool:
        return bool(self.args.json)

    def dataset(self) -> Dataset:
        packs = list(getattr(self.args, "pack", []) or [])
        locale = getattr(self.args, "locale", None)
        if locale is not None:
            return runtone.load(packs=packs or None, locale=locale)
        return runtone.load(packs=packs) if packs else runtone.load()

    def text(self, obj: object, dataset: Dataset | None = None) -> str:
        """``obj`` as the library renders it, in the terminal's width."""
        from ._text import to_text  # noqa: PLC0415 - the renderer only for commands that print

        return to_text(obj, self.width, dataset=dataset)

    def emit(self, text: str | Callable[[], str], data: Callable[[], JSONValue]) -> int:
        if self.json:
            self.out.write(_safe_json(self.out, _dumps(data())) + "\n")
        else:
            self.out.write(_safe_text(self.out, text if isinstance(text, str) else text()) + "\n")
        return OK

    def say(self, message: str) -> None:
        """A message for the user, on standard error."""
        self.err.write(_safe_text(self.err, message, "backslashreplace") + "\n")


@contextlib.contextmanager
def _as_usage_errors() -> Iterator[None]:
    """The library's ValueError for a bad option value, as a usage error (exit 2)."""
    try:
        yield
    except (DataError, InvalidValueError):
        raise  # main() reports these itself (an InvalidValueError with its suggestions)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None


def _run_list(ctx: _Context) -> int:
    ds, args, name = ctx.dataset(), ctx.args, ctx.args.collection
    with _as_usage_errors():
        if name == "muscles":
            records: Sequence[object] = ds.find_muscles(region=args.region, action=args.action)
        elif name == "exercises":
            equipment = None if args.equipment is None else _equipment(args.equipment)
            records = ds.find_exercises(
                muscle=args.muscle,
                role=args.role,
                kind=args.kind,
                equipment=equipment,
                level=args.level,
                unilateral=args.unilateral,
            )
        elif name == "claims":
            records = ds.find_claims(
                verdict=args.verdict, min_evidence=args.min_evidence, muscle=args.muscle
            )
        elif name == "recommendations":
            records = ds.find_recommendations(
                goal=args.goal,
                level=args.level,
                muscle=args.muscle,
                injury=args.injury,
                min_evidence=args.min_evidence,
            )
        else:
            records = getattr(ds, name)
    text = f"no {name.replace('_', ' ')} match" if not records else ctx.text(tuple(records), ds)
    return ctx.emit(text, lambda: [_to_json(r) for r in records])


def _run_show(ctx: _Context) -> int:
    ds = ctx.dataset()
    lookup = getattr(ds, singular(ctx.args.collection).replace(" ", "_"))
    record = lookup(ctx.args.key)
    return ctx.emit(lambda: ctx.text(record, ds), lambda: _to_json(record))


def _run_search(ctx: _Context) -> int:
    args, ds = ctx.args, ctx.dataset()
    found = runtone.search(args.text, collections=args.collection, limit=args.limit, dataset=ds)
    text = f"nothing matches {args.text!r}" if not found else ctx.text(found, ds)
    return ctx.emit(text, lambda: _to_json(found))


def _run_compare(ctx: _Context) -> int:
    ds = ctx.dataset()
    change = runtone.compare_strikes(ctx.args.a, ctx.args.b, dataset=ds)
    return ctx.emit(lambda: ctx.text(change, ds), lambda: _to_json(change))


def _profile(ctx: _Context, ds: Dataset) -> Profile:
    args = ctx.args
    equipment = [] if args.equipment is None else _equipment(args.equipment)
    return runtone.Profile.in_dataset(
        ds,
        goals=_split(args.goals),
        level=args.level,
        strike_pattern=args.strike_pattern,
        weak_muscles=_split(args.weak_muscles),
        tight_muscles=_split(args.tight_muscles),
        injuries=_split(args.injuries),
        past_injuries=_split(args.past_injuries),
        equipment=equipment,
        running_days=args.running_days,
        strength_days=args.strength_days,
        minutes_per_session=args.minutes_per_session,
        race=args.race,
        current_running_days=args.current_running_days,
        weekly_minutes=args.weekly_minutes,
        longest_run=args.longest_run,
    )


def _run_recommend(ctx: _Context) -> int:
    ds = ctx.dataset()
    if ctx.args.limit is not None and ctx.args.limit < 1:
        raise _UsageError(f"--limit: must be 1 or more, got {ctx.args.limit}")
    found = runtone.recommend(_profile(ctx, ds), min_evidence=ctx.args.min_evidence, dataset=ds)
    shown = found[: ctx.args.limit] if ctx.args.limit else found
    text = "no recommendation matches this profile" if not shown else ctx.text(shown, ds)
    return ctx.emit(text, lambda: _to_json(shown))


def _run_plan(ctx: _Context) -> int:
    ds, args = ctx.dataset(), ctx.args
    if args.start is not None and args.ics is None:
        raise _UsageError("--start: give --ics FILE too (the start is the calendar's first day)")
    if args.chart_week is not None and args.chart is None:
        raise _UsageError("--chart-week: give --chart FILE too (the week is the chart's)")
    made = runtone.plan(
        _profile(ctx, ds), weeks=args.weeks, min_evidence=args.min_evidence, dataset=ds
    )
    if args.ics is not None:
        import datetime as dt  # noqa: PLC0415 - only a calendar needs it

        start = args.start or _next_monday(dt.datetime.now().astimezone().date())
        _write_bytes(args.ics, made.to_ics(start).encode("utf-8"))
        ctx.say(f"wrote {args.ics}")
    if args.chart is not None:
        _write(args.chart, _plan_chart(made, args.chart_week))
        ctx.say(f"wrote {args.chart}")
    return ctx.emit(lambda: ctx.text(made), lambda: _to_json(made))


def _plan_chart(made: runtone.Plan, week: int | None) -> str:
    """The plan's SVG chart: its load, or week ``week``'s sessions (named as the option)."""
    try:
        return runtone.plan_chart(made, week=week)
    except ProfileError as exc:  # the week is the only value of the user's it is given
        raise _UsageError(f"--chart-week: {exc.problem}") from None


def _next_monday(today: dt.date) -> dt.date:
    import datetime as dt  # noqa: PLC0415 - only a calendar needs it

    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)


def _run_diagram(ctx: _Context) -> int:
    from ._diagram import check_title  # noqa: PLC0415 - only this command needs it

    ds, args = ctx.dataset(), ctx.args
    subject: runtone.StrikeComparison | runtone.Exercise | runtone.StrideEffect
    if args.compare:
        subject = runtone.compare_strikes(*args.compare, dataset=ds)
    elif args.exercise is not None:
        subject = ds.exercise(args.exercise)
    else:
        subject = ds._resolve("pattern", args.pattern, ds._strike_patterns, ds._stride_effects)  # noqa: SLF001 - the lookup with suggestions from both
    if args.title is not None:
        try:
            check_title(args.title)
        except ValueError as exc:  # its message starts with "title: "
            raise _UsageError(f"--{exc}") from None
    svg = runtone.diagram(subject, dataset=ds, title=args.title)
    if args.output is not None:
        _write(args.output, svg)
        ctx.say(f"wrote {args.output}")
        return OK
    if ctx.json:
        return ctx.emit(svg, lambda: {"subject": _to_json(subject), "svg": svg})
    ctx.out.write(_safe_svg(ctx.out, svg) + "\n")
    return OK


def _run_gait(ctx: _Context) -> int:
    from ._diagram import check_title  # noqa: PLC0415 - only the picture commands need it

    ds, args = ctx.dataset(), ctx.args
    if args.title is not None:
        try:
            check_title(args.title)
        except ValueError as exc:  # its message starts with "title: "
            raise _UsageError(f"--{exc}") from None
    with _as_usage_errors():
        svg = runtone.gait_chart(args.muscles or None, dataset=ds, title=args.title)
    if args.output is not None:
        _write(args.output, svg)
        ctx.say(f"wrote {args.output}")
        return OK
    if ctx.json:
        return ctx.emit(svg, lambda: {"muscles": list(args.muscles), "svg": svg})
    ctx.out.write(_safe_svg(ctx.out, svg) + "\n")
    return OK


def _run_export(ctx: _Context) -> int:
    output: Path | None = ctx.args.output
    if ctx.args.file is not None and output is not None and ctx.args.file != output:
        raise _UsageError("give the file as FILE or as --output, not both")
    output = output or ctx.args.file
    if ctx.args.format == "sqlite":
        return _export_sqlite(ctx, output)
    if not 0 <= ctx.args.indent <= MAX_INDENT:
        raise _UsageError(f"--indent: must be from 0 to {MAX_INDENT}, got {ctx.args.indent}")
    ds = ctx.dataset()
    text = _dumps(runtone.export(ds), indent=ctx.args.indent or None) + "\n"
    if output is None:
        ctx.out.write(_safe_json(ctx.out, text))
    else:
        _write(output, text)
        _wrote(ctx, ds, output)
    return OK


def _export_sqlite(ctx: _Context, output: Path | None) -> int:
    if output is None:
        raise _UsageError("--format sqlite: give the FILE to write (a database is not text)")
    ds = ctx.dataset()
    try:  # replaced, as --output replaces a JSON file (only once the new one is complete)
        runtone.export_sqlite(output, ds, overwrite=True)
    except OSError as exc:
        raise _OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL or a lone surrogate: no file can have that name
        raise _OutputError(f"cannot write {str(output)!r}: {exc}") from None
    _wrote(ctx, ds, output)
    return OK


def _wrote(ctx: _Context, ds: Dataset, output: Path) -> None:
    """Say on standard error that ``output`` was written, with each collection's count."""
    from ._loader import COLLECTIONS  # noqa: PLC0415 - loaded with the dataset already

    counts = ", ".join(f"{len(getattr(ds, c.name))} {c.name}" for c in COLLECTIONS)
    message = f"wrote {output}: {counts}"
    ctx.say(textwrap.fill(message, ctx.width, break_on_hyphens=False))


def _run_validate(ctx: _Context) -> int:
    from ._loader import COLLECTIONS  # noqa: PLC0415 - loaded with the dataset anyway
    from ._packs import check  # noqa: PLC0415 - only this command needs it

    packs = [*ctx.args.pack, *ctx.args.packs]
    base = None if ctx.args.standalone else runtone.load()
    # Each pack is read once, and every problem is found (up to a limit), not the first.
    checked = check(packs, packaged=not ctx.args.standalone)
    merged = checked.dataset
    if merged is None:
        return _invalid(ctx, checked.errors, checked.more)
    counts: dict[str, dict[str, int]] = {}
    for collection in COLLECTIONS:
        ours = {_ref(r) for r in getattr(base, collection.name, ())}
        theirs = getattr(merged, collection.name)
        counts[collection.name] = {
            "total": len(theirs),
            "added": sum(1 for r in theirs if _ref(r) not in ours),
            "replaced": len(checked.replaced.get(collection.name, ())),
        }
    where = "alone" if ctx.args.standalone else "over runtone's data"
    rows = [
        [name, str(c["total"]), str(c["added"]), str(c["replaced"])] for name, c in counts.items()
    ]
    text = "\n".join(
        [
            f"valid: {len(packs)} pack(s) {where}",
            "",
            _table(("collection", "records", "added", "replaced"), rows, ctx.width),
        ]
    )
    report: dict[str, JSONValue] = {
        "valid": True,
        "packs": [str(p) for p in packs],
        "standalone": bool(ctx.args.standalone),
        "collections": {n: dict(c) for n, c in counts.items()},
    }
    return ctx.emit(text, lambda: report)


def _invalid(ctx: _Context, errors: Sequence[DataError], more: int) -> int:
    """Every problem ``validate`` found, on standard error, as the first alone would be."""
    if ctx.json:
        first = errors[0]
        ctx.err.write(
            _safe_json(
                ctx.err,
                _dumps(
                    {
                        "error": "invalid_data",
                        "message": f"invalid data: {first}",
                        "file": first.file,
                        "record": first.record,
                        "field": first.field,
                        "problem": first.problem,
                        "errors": [
                            {
                                "message": str(e),
                                "file": e.file,
                                "record": e.record,
                                "field": e.field,
                                "problem": e.problem,
                            }
                            for e in errors
                        ],
                        "more": more,
                    }
                ),
            )
            + "\n"
        )
    else:
        ctx.err.writelines(
            _safe_text(ctx.err, f"runtone: invalid data: {e}", "backslashreplace") + "\n"
            for e in errors
        )
        if more:
            ctx.err.write(f"runtone: and {more} more problem{'s' * (more != 1)} not shown\n")
    return NOT_FOUND


def _run_convert(ctx: _Context) -> int:
    from ._free_exercise_db import convert  # noqa: PLC0415 - only this command needs it

    result = convert(ctx.args.file, dataset=ctx.dataset())
    summary = result.summary()
    if ctx.args.output is None:
        ctx.out.write(_safe_json(ctx.out, result.text) + "\n")
        if ctx.json:
            ctx.err.write(_safe_json(ctx.err, _dumps(result.report())) + "\n")
        else:
            ctx.say(summary)
    else:
        try:
            written = result.write(ctx.args.output)
        except OSError as exc:
            raise _OutputError(f"cannot write {ctx.args.output}: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise _OutputError(f"cannot write {str(ctx.args.output)!r}: {exc}") from None
        ctx.emit(f"{summary}\nwrote {written}", result.report)
    return OK


# --- entry point ------------------------------------------------------------------------


def _wants_json(argv: Sequence[str]) -> bool:
    """Whether ``--json`` (or an abbreviation argparse accepts) is among the options."""
    options = argv[: list(argv).index("--")] if "--" in argv else argv
    return any(a.startswith("--j") and "--json".startswith(a) for a in options)


def _subcommands(parser: argparse.ArgumentParser) -> _Commands | None:
    for action in parser._actions:  # noqa: SLF001 - argparse keeps its subcommands there
        if isinstance(action, _Commands):
            return action
    return None


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every command's parser by name and alias, in the help's order, all of them built."""
    commands = _subcommands(parser)
    return {} if commands is None else {name: commands.parser_of(name) for name in commands.choices}


def _command(parser: argparse.ArgumentParser, name: str | None) -> argparse.ArgumentParser:
    """The parser of the command ``name``, or ``parser`` itself if it has none of that name."""
    commands = _subcommands(parser)
    if commands is None or name not in commands.choices:
        return parser
    return commands.parser_of(name)


def _unrecognized(sub: argparse.ArgumentParser, extras: Sequence[str]) -> NoReturn:
    """The subcommand's usage error for arguments it does not know, with close options."""
    flags = sorted({f for action in sub._actions for f in action.option_strings})  # noqa: SLF001
    close: list[str] = []
    for word in extras:
        if word.startswith("-"):
            close += [f for f in _close(word.split("=", 1)[0], flags) if f not in close]
    if isinstance(sub, _Parser):
        sub._suggestions = close[:3]  # noqa: SLF001 - read by its error()
    sub.error(f"unrecognized arguments: {' '.join(extras)}{_did_you_mean(close[:3], quote=False)}")


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    args, extras = parser.parse_known_args(argv)
    if extras:
        _unrecognized(_command(parser, getattr(args, "command", None)), extras)
    return args


def _usage(
    exc: _ParserExit | _UsageError | InvalidValueError, sub: argparse.ArgumentParser
) -> tuple[str, str, list[str]]:
    """What a usage error prints: the usage line, the message, and close suggestions."""
    if isinstance(exc, _ParserExit):
        return (
            exc.parser.format_usage(),
            f"{exc.parser.prog}: error: {exc.message}",
            list(exc.suggestions),
        )
    message = str(exc)
    field, sep, rest = message.partition(": ")
    flag = "--" + field.replace("_", "-")
    flags = {f for action in sub._actions for f in action.option_strings}  # noqa: SLF001
    if sep and flag in flags:  # the library names the field; the user typed the option
        message = f"{flag}: {rest}"
    close = list(exc.suggestions) if isinstance(exc, InvalidValueError) else []
    return sub.format_usage(), f"{sub.prog}: error: {message}", close


def _fail(
    ctx_json: bool, err: TextIO, code: int, kind: str, message: str, **extra: JSONValue
) -> int:
    if ctx_json:
        err.write(_safe_json(err, _dumps({"error": kind, "message": message, **extra})) + "\n")
    else:
        err.write(_safe_text(err, f"runtone: {message}", "backslashreplace") + "\n")
    return code


def _usage_error(  # noqa: PLR0917 - the pieces of one message
    as_json: bool,
    err: TextIO,
    usage: str,
    message: str,
    command: str | None,
    suggestions: list[str],
) -> int:
    if as_json:
        return _fail(
            as_json, err, USAGE, "usage", message, command=command, suggestions=list(suggestions)
        )
    err.write(_safe_text(err, f"{usage}{message}", "backslashreplace") + "\n")
    return USAGE


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Everything it prints, argparse's help and usage errors included, goes to
    ``out`` and ``err`` (default: standard output and error).

    >>> main(["muscle", "soleus", "--json"]) == 0
    {...}
    True
    """
    # A closed standard stream is None: what goes to it fails as a write would (exit 1),
    # and messages for a closed standard error are dropped.
    out = (sys.stdout or _Closed()) if out is None else out
    err = (sys.stderr or io.StringIO()) if err is None else err
    argv = sys.argv[1:] if argv is None else list(argv)
    as_json = _wants_json(argv)
    try:
        code = _main(argv, out, err)
        out.flush()
    except BrokenPipeError:
        # The reader went away (`runtone export | head`): not an error of ours.
        with contextlib.suppress(AttributeError, ValueError, OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return OK
    except OSError as exc:  # standard output is full, gone or closed
        with contextlib.suppress(OSError):
            message = f"cannot write the output: {exc.strerror or exc}"
            return _fail(as_json, err, NOT_FOUND, "output", message)
        return NOT_FOUND
    return code


class _Closed(io.StringIO):
    """Standard output when the process has none: every write fails."""

    def write(self, text: str) -> int:
        del text
        raise OSError(errno.EBADF, "standard output is closed")


def _main(argv: list[str], out: TextIO, err: TextIO) -> int:  # noqa: PLR0911 - one return per exit path
    width = _terminal_width(out)
    parser = _parser(width)
    as_json = _wants_json(argv)
    try:
        args = _parse(parser, argv)
    except _ParserExit as exc:  # --help, --version, and usage errors (2)
        code = exc.code if isinstance(exc.code, int) else USAGE
        if code == OK:
            out.write(_safe_text(out, exc.text))
            return OK
        command = None if exc.parser is parser else exc.parser.prog.split()[-1]
        usage, message, close = _usage(exc, exc.parser)
        return _usage_error(as_json, err, usage, message, command, close)
    as_json = bool(args.json)
    ctx = _Context(args, out, err, width)
    try:
        return int(args.run(ctx))
    except UnknownIdError as exc:
        return _fail(
            as_json,
            err,
            NOT_FOUND,
            "not_found",
            str(exc),
            key=exc.key,
            collection=exc.collection,
            suggestions=list(exc.suggestions),
        )
    except DataError as exc:
        return _fail(
            as_json,
            err,
            NOT_FOUND,
            "invalid_data",
            f"invalid data: {exc}",
            file=exc.file,
            record=exc.record,
            field=exc.field,
            problem=exc.problem,
        )
    except _OutputError as exc:
        return _fail(as_json, err, NOT_FOUND, "output", str(exc))
    except (InvalidValueError, _UsageError) as exc:
        sub = _command(parser, args.command)
        usage, message, close = _usage(exc, sub)
        return _usage_error(as_json, err, usage, message, args.command, close)


def console() -> NoReturn:
    """The ``runtone`` console script: :func:`main`, exiting with its code."""
    sys.exit(main())
