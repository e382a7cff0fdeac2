"""The command line's parser: every command listed, and each built only when it is given.

The top-level parser lists every command without building its parser (that is most
of what start-up cost); these tests check that the lists and the help stay whole, and
that a command imports only what it uses.
"""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap

import pytest

from runtone import _loader, _text, cli

#: Every command (with its aliases), in the help's order, with its own arguments and
#: options: the ones besides -h, --json and --pack, which every command has.
COMMANDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "sources": ((), (), ()),
    "source": ((), ("key",), ()),
    "muscles": ((), (), ("--action", "--region")),
    "muscle": ((), ("key",), ()),
    "injuries": ((), (), ()),
    "injury": ((), ("key",), ()),
    "exercises": (
        (),
        (),
        ("--bilateral", "--equipment", "--kind", "--level", "--muscle", "--role", "--unilateral"),
    ),
    "exercise": ((), ("key",), ()),
    "strike-patterns": ((), (), ()),
    "strike-pattern": ((), ("key",), ()),
    "stride-effects": ((), (), ()),
    "stride-effect": ((), ("key",), ()),
    "claims": ((), (), ("--min-evidence", "--muscle", "--verdict")),
    "claim": ((), ("key",), ()),
    "recommendations": ((), (), ("--goal", "--injury", "--level", "--min-evidence", "--muscle")),
    "recommendation": ((), ("key",), ()),
    "terms": ((), (), ()),
    "term": ((), ("key",), ()),
    "training-rules": (("rules",), (), ()),
    "training-rule": (("rule",), ("key",), ()),
    "search": ((), ("TEXT",), ("--collection", "--limit")),
    "compare": ((), ("a", "b"), ()),
    "recommend": (
        (),
        (),
        (
            *("--current-running-days", "--equipment", "--goals", "--injuries", "--level"),
            *("--limit", "--longest-run", "--min-evidence", "--minutes-per-session"),
            *("--past-injuries", "--race", "--running-days", "--strength-days"),
            *("--strike-pattern", "--tight-muscles", "--weak-muscles", "--weekly-minutes"),
        ),
    ),
    "plan": (
        (),
        (),
        (
            *("--chart", "--chart-week", "--current-running-days", "--equipment", "--goals"),
            *("--ics", "--injuries", "--level", "--longest-run", "--min-evidence"),
            *("--minutes-per-session", "--past-injuries", "--race", "--running-days"),
            *("--start", "--strength-days", "--strike-pattern", "--tight-muscles"),
            *("--weak-muscles", "--weekly-minutes", "--weeks"),
        ),
    ),
    "diagram": ((), ("pattern",), ("--compare", "--exercise", "--output", "--title", "-o")),
    "gait": ((), ("MUSCLE",), ("--output", "--title", "-o")),
    "export": ((), ("FILE",), ("--format", "--indent", "--output", "-o")),
    "validate": ((), ("PACK",), ("--standalone",)),
    "convert": ((), ("file",), ("--format", "--output", "-o")),
}


def _main(*argv: str) -> str:
    out = io.StringIO()
    assert cli.main(list(argv), out=out, err=out) == 0
    return out.getvalue()


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_cli_names_the_collections_of_the_library() -> None:
    # The CLI names them itself, so that its help needs no record class.
    assert tuple(c.name for c in _loader.COLLECTIONS) == cli._COLLECTIONS
    assert set(cli._LIST_EXAMPLES) == set(cli._SHOW_EXAMPLES) == set(cli._COLLECTIONS)
    assert cli.MIN_WIDTH == _text.MIN_WIDTH


def test_the_top_level_help_lists_every_command_with_its_summary() -> None:
    top = _main("--help")
    listing = top.split("\n  COMMAND\n", 1)[1].split("\n\n", 1)[0]
    # Each command's line starts 4 spaces in; a summary that wraps goes on further in.
    names = [line.strip().split("  ")[0] for line in listing.splitlines() if line[4] != " "]
    expected = [f"{n} ({', '.join(a[0])})" if a[0] else n for n, a in COMMANDS.items()]
    assert names == expected
    for name, (aliases, _, _) in COMMANDS.items():
        description = cli._commands(cli._parser())[name].description
        assert description is not None
        summary = _words(description)[0].lower() + _words(description)[1:-1]
        shown = f"{name} ({', '.join(aliases)})" if aliases else name
        assert f"{shown} {summary}" in _words(listing), name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_commands_help_lists_its_own_options(name: str) -> None:
    aliases, arguments, options = COMMANDS[name]
    parsers = cli._commands(cli._parser())
    assert all(parsers[alias] is parsers[name] for alias in aliases)
    sub = parsers[name]
    flags = {f for action in sub._actions for f in action.option_strings}
    assert flags - {"-h", "--help", "--json", "--pack", "--locale"} == set(options)
    positional = [a.metavar or a.dest for a in sub._actions if not a.option_strings]
    assert tuple(positional) == arguments
    for command in (name, *aliases):
        text = _main(command, "--help")
        assert text == sub.format_help()
        assert text.startswith(f"usage: runtone {name} ")
        for word in (*options, *arguments, "--json", "--pack", "--locale", "examples:"):
            assert word in text, (command, word)


def test_a_command_builds_its_own_parser_only() -> None:
    parser = cli._parser()
    commands = cli._subcommands(parser)
    assert commands is not None
    assert list(commands.choices) == [n for n, a in COMMANDS.items() for n in (n, *a[0])]
    assert commands._name_parser_map == {}  # listed, not built
    args = parser.parse_args(["muscle", "quads", "--json"])
    assert (args.command, args.key, args.json, args.collection) == (
        "muscle",
        "quads",
        True,
        "muscles",
    )
    assert list(commands._name_parser_map) == ["muscle"]
    parser.parse_args(["rule", "race-taper"])  # an alias builds its command, once
    assert list(commands._name_parser_map) == ["muscle", "training-rule", "rule"]


def test_the_top_level_help_builds_no_command() -> None:
    parser = cli._parser()
    commands = cli._subcommands(parser)
    assert commands is not None
    with pytest.raises(SystemExit):
        parser.parse_args(["--help", "muscle"])
    assert commands._name_parser_map == {}


#: What a command must not import (the renderers, the engine and the standard modules
#: of other commands), each checked in a new interpreter.
NOT_IMPORTED = {
    ("--help",): (
        *("runtone._records", "runtone._loader", "runtone._text", "runtone._vocab", "json"),
        *("pathlib", "datetime", "difflib", "shutil"),
    ),
    ("muscle", "quads"): (
        *("runtone._compare", "runtone._recommend", "runtone.coaching", "runtone._export"),
        *("runtone._diagram", "runtone._packs", "pathlib", "datetime", "difflib", "shutil"),
    ),
    ("compare", "heel", "forefoot"): (
        *("runtone._recommend", "runtone.coaching", "runtone._export", "runtone._diagram"),
        *("pathlib", "datetime", "difflib", "shutil"),
    ),
    ("muscles", "--json"): ("runtone._compare", "runtone.coaching", "pathlib", "datetime"),
}


@pytest.mark.parametrize("argv", NOT_IMPORTED, ids=" ".join)
def test_a_command_imports_only_what_it_uses(argv: tuple[str, ...]) -> None:
    # Only what the command imports counts, not what the interpreter started with.
    code = textwrap.dedent(
        f"""
        import io, sys
        before = set(sys.modules)
        from runtone.cli import main
        code = main({list(argv)!r}, out=io.StringIO())
        print(code, *sorted(set(sys.modules) - before))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == "0"
    imported = set(out[1:])
    assert "runtone.cli" in imported
    for name in NOT_IMPORTED[argv]:
        assert not {m for m in imported if m == name or m.startswith(name + ".")}, name
