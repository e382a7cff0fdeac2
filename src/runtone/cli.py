"""The ``runtone`` command line: explore the dataset, compare, recommend, plan, export.

Run ``runtone --help`` (or ``python -m runtone --help``) for the commands, and
``runtone COMMAND --help`` for each command's options and examples.  Every
command prints aligned text that fits 80 columns, or JSON with ``--json``.

Exit codes: 0 success; 1 not found (the message suggests close matches) or
invalid data; 2 bad usage.
"""

from __future__ import annotations

import argparse
import enum
import importlib.metadata
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NoReturn, TextIO, cast

import attrs

import runtone

from ._export import JSONValue, dumps, to_json
from ._loader import COLLECTIONS
from ._vocab import (
    Equipment,
    EvidenceGrade,
    ExerciseKind,
    Goal,
    JointAction,
    Level,
    Region,
    TargetRole,
    Verdict,
    parse_enum,
    parse_enums,
)
from .errors import DataError, InvalidValueError, UnknownIdError, singular

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._compare import StrikeComparison
    from ._dataset import Dataset
    from ._recommend import Plan, Profile, Suggestion

__all__ = ["console", "main"]

WIDTH = 80
#: Width of the label column when a record is shown.
LABEL = 16
OK, NOT_FOUND, USAGE = 0, 1, 2
#: The widest indent ``runtone export --indent`` accepts.
MAX_INDENT = 8
#: The narrowest the last column of a table may be.
MIN_LAST = 10
#: Lists of strings longer than this go one item a line.
_SHORT_ITEM = 30
_DAY_NAMES = ("Day 1", "Day 2", "Day 3", "Day 4", "Day 5", "Day 6", "Day 7")


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


# --- text output ----------------------------------------------------------------------


def _wrap(text: str, width: int, **options: str) -> list[str]:
    """Lines of at most ``width``; ids (``foot-strike-meta-analysis-2021``) stay whole."""
    return textwrap.wrap(text, width, break_on_hyphens=False, **options)  # type: ignore[arg-type]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 3, 0)] + "..."


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, wrap: bool = False) -> str:
    """Rows in aligned columns; the last column is cut (or wrapped) to fit in WIDTH."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths[i], len(cell))
    # Too wide (a pack's long ids)? Narrow the widest columns before the last, cutting cells.
    while sum(widths[:-1]) + 2 * (len(headers) - 1) > WIDTH - MIN_LAST:
        widest = max(range(len(widths) - 1), key=lambda i: widths[i])
        widths[widest] -= 1
    fixed = sum(widths[:-1]) + 2 * (len(headers) - 1)
    last = WIDTH - fixed
    lines = []
    for row in (headers, ["-" * len(h) for h in headers], *rows):
        cells = [_clip(cell, widths[i]).ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        tail = _wrap(row[-1], last) if wrap else [_clip(row[-1], last)]
        lines.append("  ".join([*cells, tail[0] if tail else ""]).rstrip())
        lines += [" " * fixed + more for more in tail[1:]]
    return "\n".join(lines)


def _words(value: enum.Enum) -> str:
    return str(value.value).replace("_", " ")


def _ref(value: object) -> str:
    return str(getattr(value, "id", value))


def _cite(evidence: EvidenceGrade, sources: Sequence[object]) -> str:
    return f"[{_words(evidence)}: {', '.join(_ref(s) for s in sources)}]"


def _summary(value: object) -> str:  # noqa: PLR0911 - one form per value class
    """One value object of a record in one line (wrapped later)."""
    if isinstance(value, runtone.Finding):
        return f"{value.text} {_cite(value.evidence, value.sources)}"
    if isinstance(value, runtone.Target):
        return f"{value.muscle.id} ({_words(value.role)})"
    if isinstance(value, (runtone.MuscleEffect, runtone.JointLoad)):
        what = value.muscle.id if isinstance(value, runtone.MuscleEffect) else value.structure
        what = what if isinstance(what, str) else _words(what)
        size = f" ({value.magnitude})" if value.magnitude else ""
        return (
            f"{what}: {value.direction.value}{size}. {value.text} "
            f"{_cite(value.evidence, value.sources)}"
        )
    if isinstance(value, runtone.Assertion):
        return f"{value.effect.id}: {value.muscle.id} {value.direction.value}"
    if isinstance(value, runtone.Dosage):
        return value.text
    if isinstance(value, runtone.Reason):
        return value.text
    return _plain(value)


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return _words(value)
    if hasattr(value, "id"):
        return _ref(value)
    return str(value)


def _field_lines(label: str, value: object) -> list[str]:
    """A labelled field, wrapped to WIDTH with the label in its own column."""
    head = f"{label}:".ljust(LABEL)
    pad = " " * LABEL
    if isinstance(value, (tuple, frozenset, list)):
        items = sorted(value, key=_plain) if isinstance(value, frozenset) else list(value)
        if not items:
            return []
        if all(attrs.has(type(i)) and not hasattr(i, "id") for i in items) or (
            all(isinstance(i, str) for i in items) and any(len(i) > _SHORT_ITEM for i in items)
        ):
            lines = [head.rstrip()]
            for item in items:
                text = item if isinstance(item, str) else _summary(item)
                lines += _wrap(text, WIDTH, initial_indent=pad[:-2] + "- ", subsequent_indent=pad)
            return lines
        text = ", ".join(_plain(i) for i in items)
    elif value is None:
        return []
    elif attrs.has(type(value)) and not hasattr(value, "id"):
        text = _summary(value)
    else:
        text = _plain(value)
    return _wrap(text, WIDTH, initial_indent=head, subsequent_indent=pad) or [head]


def _show(record: object, ds: Dataset) -> str:
    ident = _ref(record)
    title = getattr(record, "name", None) or getattr(record, "title", None) or ident
    heading = _wrap(str(title), WIDTH)
    lines = [*heading, "=" * max(len(line) for line in heading), *_field_lines("id", ident)]
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(record))):
        if field.name in ("id", "name", "title"):
            continue
        lines += _field_lines(field.name.replace("_", " "), getattr(record, field.name))
    if isinstance(record, runtone.Muscle):
        lines += _field_lines("parts", ds.parts(record))
    if isinstance(record, runtone.Source):
        cited = ds.citing(record)
        lines += _field_lines("cited by", [_ref(r) for r in cited])
    return "\n".join(lines)


def _cell(record: object, field: str) -> str:
    """One field of a record as a table cell: words for enums, ids for records."""
    value = getattr(record, field)
    if value is None:
        return ""
    if isinstance(value, frozenset):
        return ", ".join(sorted(_plain(v) for v in value)) or "none"
    return _plain(value)


#: The columns of each collection's list: record fields, the id first.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "muscles": ("id", "name", "region", "part_of"),
    "exercises": ("id", "kind", "level", "equipment"),
    "strike_patterns": ("id", "name", "evidence", "baseline_id"),
    "stride_effects": ("id", "category", "evidence", "name"),
    "claims": ("id", "verdict", "evidence"),
    "injuries": ("id", "evidence", "name"),
    "recommendations": ("id", "evidence", "title"),
    "sources": ("id", "year", "title"),
}


def _list(collection: str, records: Sequence[object]) -> str:
    columns = _COLUMNS[collection]
    if not records:
        return f"no {collection.replace('_', ' ')} match"
    rows = [[_cell(record, field) for field in columns] for record in records]
    noun = singular(collection) if len(records) == 1 else collection.replace("_", " ")
    headers = [field.removesuffix("_id").replace("_", " ") for field in columns]
    return _table(headers, rows) + f"\n\n{len(records)} {noun}"


def _comparison(change: StrikeComparison) -> str:
    heading = f"{change.a.name} ({change.a.id}) -> {change.b.name} ({change.b.id})"
    lines = [
        *_wrap(heading, WIDTH),
        *_wrap(f"Each row: the work under {change.b.name.lower()}, compared.", WIDTH),
        "",
    ]
    derived = False

    def rows(items: Sequence[runtone.MuscleRow | runtone.JointRow]) -> list[list[str]]:
        nonlocal derived
        out = []
        for row in items:
            what = row.muscle.name if isinstance(row, runtone.MuscleRow) else _words(row.structure)
            mark = "*" if row.derived else ""
            derived = derived or row.derived
            sources = ", ".join(s.id for s in row.sources)
            out.append([what, row.direction.value + mark, _words(row.evidence), sources])
        return out

    headers = ("muscle", "change", "evidence", "sources")
    muscles = rows(change.muscles)
    lines.append(_table(headers, muscles, wrap=True) if muscles else "no muscle rows")
    lines.append("")
    joints = rows(change.joints)
    lines.append(_table(("joint", *headers[1:]), joints, wrap=True) if joints else "no joint rows")
    if derived:
        lines += ["", "* worked out through a common baseline, not measured directly"]
    return "\n".join(lines)


def _suggestions(suggestions: Sequence[Suggestion]) -> str:
    if not suggestions:
        return "no recommendation matches this profile"
    lines: list[str] = []
    for n, s in enumerate(suggestions, 1):
        rec = s.recommendation
        head = f"{n}. {rec.title} ({rec.id})"
        lines += _wrap(head, WIDTH, subsequent_indent="   ")
        pad = "   "
        why = "; ".join(r.text for r in s.reasons)
        facts = [
            ("why", why),
            ("evidence", f"{_words(rec.evidence)}, score {s.score}"),
            ("dosage", rec.dosage.text),
            ("exercises", ", ".join(e.id for e in s.exercises)),
            ("sources", ", ".join(src.id for src in s.sources)),
        ]
        for label, text in facts:
            if text:
                lines += _wrap(
                    text,
                    WIDTH,
                    initial_indent=f"{pad}{label}: ".ljust(LABEL),
                    subsequent_indent=" " * LABEL,
                )
        lines.append("")
    return "\n".join(lines).rstrip()


def _plan(plan: Plan) -> str:
    lines: list[str] = []
    default = False
    for week in plan.weeks:
        lines.append(f"Week {week.number} ({week.minutes} min)")
        for day in week.days:
            parts: list[str] = []
            if day.run is not None:
                parts.append(f"run {day.run.minutes} min: {day.run.exercise.id}")
            if day.strength is not None:
                doses: dict[str, list[str]] = {}
                for item in day.strength.items:
                    mark = "*" if item.default_dosage else ""
                    default = default or item.default_dosage
                    doses.setdefault(f"{item.sets} x {item.reps}{mark}", []).append(
                        item.exercise.id
                    )
                done = "; ".join(f"{', '.join(ids)} ({dose})" for dose, ids in doses.items())
                parts.append(f"strength {day.strength.minutes} min: {done}")
            text = "; ".join(parts) or "rest"
            lines += _wrap(
                text,
                WIDTH,
                initial_indent=f"  {_DAY_NAMES[day.index]}  ",
                subsequent_indent=" " * 9,
            )
        lines.append("")
    recs = ", ".join(s.recommendation.id for s in plan.suggestions)
    lines += _wrap(f"From: {recs or 'no recommendation'}", WIDTH, subsequent_indent="  ")
    if default:
        lines += _wrap("* runtone's starting default: no source gives a dose.", WIDTH)
    return "\n".join(lines)


# --- the parser ----------------------------------------------------------------------


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
        version = importlib.metadata.version("runtone")
        sys.stdout.write(f"runtone {version} (data {runtone.DATA_VERSION})\n")
        parser.exit()


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=WIDTH, max_help_position=28)


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

    The value is read by ``parse_enum``, as the API reads it.
    """
    values = _values(enum_cls)
    listed = f"one of: {', '.join(values)}"

    def member(value: str) -> enum.Enum:
        try:
            return parse_enum(enum_cls, value, flag)
        except InvalidValueError as exc:  # argparse prefixes "argument FLAG: "
            raise argparse.ArgumentTypeError(exc.problem) from None

    parser.add_argument(
        flag,
        type=member,
        default=default,
        metavar=enum_cls.__name__.upper(),
        help=f"{text} ({listed})" if text else listed,
    )


def _split(values: Sequence[str] | None) -> list[str]:
    """Repeated and comma-separated option values, as one list."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _equipment(values: Sequence[str]) -> frozenset[Equipment]:
    """The ``--equipment`` values, read as the API reads them: equipment, or ``none`` alone."""
    equipment = _split(values)
    if not equipment:
        raise _UsageError("--equipment: give equipment names, or 'none' for body weight only")
    return parse_enums(Equipment, equipment, "--equipment")


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
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
        metavar="PACK",
        help="load this data pack over runtone's data (repeatable)",
    )
    return common


def _subparser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    examples: Sequence[str],
    common: argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    epilog = "examples:\n" + "\n".join(f"  {example}" for example in examples)
    return commands.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=epilog,
        formatter_class=_Formatter,
        parents=[common],
    )


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
}


def _add_filters(name: str, sub: argparse.ArgumentParser) -> None:
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


def _add_profile(sub: argparse.ArgumentParser) -> None:
    group = sub.add_argument_group(
        "profile",
        textwrap.fill(
            "The runner: one option per field of runtone.Profile. Lists are repeatable "
            "or comma-separated.",
            WIDTH - 2,
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
    _add_choice(sub, "--min-evidence", EvidenceGrade, "drop weaker advice")


def _parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="runtone",
        description=textwrap.fill(
            "Explore runtone's dataset: the leg muscles running works, the exercises that "
            "train them, how foot strike shifts the work, and advice with its evidence.",
            WIDTH,
        ),
        epilog=(
            "examples:\n"
            "  runtone muscle quads\n"
            "  runtone exercises --muscle hamstrings --equipment none\n"
            "  runtone compare heel forefoot\n"
            "  runtone diagram --compare heel forefoot > heel-to-forefoot.svg\n"
            "  runtone plan --level beginner --strike-pattern heel --weak-muscles glutes\n"
            "  runtone export > runtone.json\n\n"
            "exit codes: 0 success, 1 not found or invalid data, 2 bad usage"
        ),
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "--version", action=_Version, help="show the package and data versions and exit"
    )
    parser.add_argument(
        "--json", action="store_true", default=False, help="print JSON instead of text"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for collection in COLLECTIONS:
        name = collection.name
        plural = name.replace("_", "-")
        sub = _subparser(
            commands, plural, f"list {name.replace('_', ' ')}", _LIST_EXAMPLES[name], common
        )
        _add_filters(name, sub)
        sub.set_defaults(run=_run_list, collection=name)
        one = singular(name).replace(" ", "-")
        sub = _subparser(
            commands,
            one,
            f"show one {singular(name)} by id, name or alias",
            [f"runtone {one} {json.dumps(_SHOW_EXAMPLES[name])}".replace('"', "'")],
            common,
        )
        sub.add_argument("key", help="id, name or alias (case, spaces and hyphens ignored)")
        sub.set_defaults(run=_run_show, collection=name)

    sub = _subparser(
        commands,
        "compare",
        "compare two foot strikes (or stride effects) muscle by muscle",
        ["runtone compare heel forefoot", "runtone compare midfoot forefoot --json"],
        common,
    )
    sub.add_argument("a", help="the pattern you move from")
    sub.add_argument("b", help="the pattern you move to")
    sub.set_defaults(run=_run_compare)

    sub = _subparser(
        commands,
        "recommend",
        "ranked, explained recommendations for a runner",
        [
            'runtone recommend --weak-muscles glutes --injuries "runner\'s knee"',
            "runtone recommend --goals strength,speed --equipment dumbbells --json",
        ],
        common,
    )
    _add_profile(sub)
    sub.add_argument("--limit", type=int, metavar="N", help="show the first N only")
    sub.set_defaults(run=_run_recommend)

    sub = _subparser(
        commands,
        "plan",
        "a week-by-week training plan for a runner",
        [
            "runtone plan --level beginner --strike-pattern heel --weak-muscles glutes",
            "runtone plan --running-days 4 --strength-days 2 --weeks 2 --json",
        ],
        common,
    )
    _add_profile(sub)
    sub.add_argument("--weeks", type=int, default=4, metavar="N", help="1 to 52 (default 4)")
    sub.set_defaults(run=_run_plan)

    sub = _subparser(
        commands,
        "diagram",
        "draw an SVG body map of a foot strike, a comparison or an exercise",
        [
            "runtone diagram forefoot > forefoot.svg",
            "runtone diagram --compare heel forefoot --output heel-to-forefoot.svg",
            "runtone diagram --exercise single-leg-deadlift > deadlift.svg",
        ],
        common,
    )
    what = sub.add_mutually_exclusive_group(required=True)
    what.add_argument("pattern", nargs="?", help="a foot strike or stride effect, e.g. uphill")
    what.add_argument("--compare", nargs=2, metavar=("A", "B"), help="from pattern A to B")
    what.add_argument("--exercise", metavar="EXERCISE", help="an exercise's target muscles")
    sub.add_argument("--title", help="the picture's title (default: made from the subject)")
    sub.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here, not stdout")
    sub.set_defaults(run=_run_diagram)

    sub = _subparser(
        commands,
        "export",
        "write the whole dataset as one JSON object (ids for references)",
        [
            "runtone export > runtone.json",
            'runtone export --indent 0 | python -c "import json,sys; json.load(sys.stdin)"',
            "runtone export --pack ./my-pack --output merged.json",
        ],
        common,
    )
    sub.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here, not stdout")
    sub.add_argument(
        "--indent", type=int, default=2, metavar="N", help="indent (0: one line; default 2)"
    )
    sub.set_defaults(run=_run_export)

    sub = _subparser(
        commands,
        "validate",
        "check data packs as strictly as runtone's own data",
        ["runtone validate ./my-pack", "runtone validate export.json --standalone"],
        common,
    )
    sub.add_argument("packs", nargs="+", metavar="PACK", help="a pack directory or JSON file")
    sub.add_argument(
        "--standalone", action="store_true", help="check the packs alone, without runtone's data"
    )
    sub.set_defaults(run=_run_validate)

    sub = _subparser(
        commands,
        "convert",
        "turn free-exercise-db's exercises.json into a runtone pack",
        [
            "runtone convert exercises.json --output ./free-exercise-db-pack",
            "runtone convert exercises.json > pack.json",
        ],
        common,
    )
    sub.add_argument("file", type=Path, help="free-exercise-db's exercises.json")
    sub.add_argument(
        "--format", choices=["free-exercise-db"], default="free-exercise-db", help="its format"
    )
    sub.add_argument("--output", "-o", type=Path, metavar="DIR", help="write a pack directory here")
    sub.set_defaults(run=_run_convert)
    return parser


# --- the commands ----------------------------------------------------------------------


@attrs.frozen
class _Context:
    args: argparse.Namespace
    out: TextIO
    err: TextIO

    @property
    def json(self) -> bool:
        return bool(self.args.json)

    def dataset(self) -> Dataset:
        packs = list(getattr(self.args, "pack", []) or [])
        return runtone.load(packs=packs) if packs else runtone.load()

    def emit(self, text: str, data: Callable[[], JSONValue]) -> int:
        self.out.write((dumps(data()) if self.json else text) + "\n")
        return OK


def _run_list(ctx: _Context) -> int:
    ds, args, name = ctx.dataset(), ctx.args, ctx.args.collection
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
    return ctx.emit(_list(name, records), lambda: [to_json(r) for r in records])


def _run_show(ctx: _Context) -> int:
    ds = ctx.dataset()
    lookup = getattr(ds, singular(ctx.args.collection).replace(" ", "_"))
    record = lookup(ctx.args.key)
    return ctx.emit(_show(record, ds), lambda: to_json(record))


def _run_compare(ctx: _Context) -> int:
    change = runtone.compare_strikes(ctx.args.a, ctx.args.b, dataset=ctx.dataset())
    return ctx.emit(_comparison(change), lambda: to_json(change))


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
    )


def _run_recommend(ctx: _Context) -> int:
    ds = ctx.dataset()
    if ctx.args.limit is not None and ctx.args.limit < 1:
        raise _UsageError(f"--limit: must be 1 or more, got {ctx.args.limit}")
    found = runtone.recommend(_profile(ctx, ds), min_evidence=ctx.args.min_evidence, dataset=ds)
    shown = found[: ctx.args.limit] if ctx.args.limit else found
    return ctx.emit(_suggestions(shown), lambda: [_suggestion_json(s) for s in shown])


def _suggestion_json(suggestion: Suggestion) -> JSONValue:
    """A suggestion with its whole recommendation (the text output shows its title and dose)."""
    data = to_json(suggestion)
    assert isinstance(data, dict)  # noqa: S101 - an attrs instance becomes an object
    data["recommendation"] = to_json(suggestion.recommendation)
    return data


def _run_plan(ctx: _Context) -> int:
    ds = ctx.dataset()
    made = runtone.plan(
        _profile(ctx, ds), weeks=ctx.args.weeks, min_evidence=ctx.args.min_evidence, dataset=ds
    )
    return ctx.emit(_plan(made), lambda: to_json(made))


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
        ctx.err.write(f"wrote {args.output}\n")
        return OK
    return ctx.emit(svg, lambda: {"subject": to_json(subject), "svg": svg})


def _run_export(ctx: _Context) -> int:
    if not 0 <= ctx.args.indent <= MAX_INDENT:
        raise _UsageError(f"--indent: must be from 0 to {MAX_INDENT}, got {ctx.args.indent}")
    ds = ctx.dataset()
    text = dumps(runtone.export(ds), indent=ctx.args.indent or None) + "\n"
    if ctx.args.output is None:
        ctx.out.write(text)
    else:
        _write(ctx.args.output, text)
        counts = ", ".join(f"{len(getattr(ds, c.name))} {c.name}" for c in COLLECTIONS)
        ctx.err.write("\n".join(_wrap(f"wrote {ctx.args.output}: {counts}", WIDTH)) + "\n")
    return OK


def _run_validate(ctx: _Context) -> int:
    from ._packs import read_pack  # noqa: PLC0415 - only this command needs it

    packs = [*ctx.args.pack, *ctx.args.packs]
    base = None if ctx.args.standalone else runtone.load()
    merged = runtone.load(packs=packs, packaged=not ctx.args.standalone)
    replaced: dict[str, set[str]] = {}
    for pack in packs:  # read again only for the figures: load() has checked them all
        for name, ids in read_pack(pack).overrides.items():
            replaced.setdefault(name, set()).update(ids)
    counts: dict[str, dict[str, int]] = {}
    for collection in COLLECTIONS:
        ours = {_ref(r) for r in getattr(base, collection.name, ())}
        theirs = getattr(merged, collection.name)
        counts[collection.name] = {
            "total": len(theirs),
            "added": sum(1 for r in theirs if _ref(r) not in ours),
            "replaced": len(replaced.get(collection.name, ())),
        }
    where = "alone" if ctx.args.standalone else "over runtone's data"
    rows = [
        [name, str(c["total"]), str(c["added"]), str(c["replaced"])] for name, c in counts.items()
    ]
    text = "\n".join(
        [
            f"valid: {len(packs)} pack(s) {where}",
            "",
            _table(("collection", "records", "added", "replaced"), rows),
        ]
    )
    report: dict[str, JSONValue] = {
        "valid": True,
        "packs": [str(p) for p in packs],
        "standalone": bool(ctx.args.standalone),
        "collections": {n: dict(c) for n, c in counts.items()},
    }
    return ctx.emit(text, lambda: report)


def _run_convert(ctx: _Context) -> int:
    from ._free_exercise_db import convert  # noqa: PLC0415 - only this command needs it

    result = convert(ctx.args.file, dataset=ctx.dataset())
    summary = result.summary()
    if ctx.args.output is None:
        ctx.out.write(result.text + "\n")
        ctx.err.write((dumps(result.report()) if ctx.json else summary) + "\n")
    else:
        try:
            written = result.write(ctx.args.output)
        except OSError as exc:
            raise _OutputError(f"cannot write {ctx.args.output}: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise _OutputError(f"cannot write {str(ctx.args.output)!r}: {exc}") from None
        ctx.out.write(
            (dumps(result.report()) if ctx.json else f"{summary}\nwrote {written}") + "\n"
        )
    return OK


# --- entry point ------------------------------------------------------------------------


def _fail(
    ctx_json: bool, err: TextIO, code: int, kind: str, message: str, **extra: JSONValue
) -> int:
    if ctx_json:
        err.write(dumps({"error": kind, "message": message, **extra}) + "\n")
    else:
        err.write(f"runtone: {message}\n")
    return code


def main(  # noqa: PLR0911 - one return per exit path
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    >>> main(["muscle", "soleus", "--json"]) == 0
    {...}
    True
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, and usage errors (2)
        return exc.code if isinstance(exc.code, int) else USAGE
    as_json = bool(args.json)
    ctx = _Context(args, out, err)
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
        sub = f"runtone {args.command}"
        if not as_json:
            err.write(f"usage: see '{sub} --help'\n")
        return _fail(as_json, err, USAGE, "usage", f"{sub}: error: {exc}")
    except BrokenPipeError:
        # The reader went away (`runtone export | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return OK


def console() -> NoReturn:
    """The ``runtone`` console script: :func:`main`, exiting with its code."""
    sys.exit(main())
