"""The README's examples run, and CI runs the README's gate command."""

from __future__ import annotations

import doctest
import io
import re
import shlex
from pathlib import Path

import pytest

import runtone
from runtone import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def _commands() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)


def test_readme_examples_run() -> None:
    result = doctest.testfile(
        str(ROOT / "README.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS,
        raise_on_error=False,
        verbose=False,
    )
    assert result.attempted > 5
    assert result.failed == 0


def test_quick_start_has_exactly_two_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick_start, re.DOTALL)
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)


def test_ci_runs_the_readme_gate_command() -> None:
    gate = _commands()[1]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert gate in ci.splitlines()


def test_changelog_names_the_data_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    unreleased = changelog.split("## Unreleased", 1)[1].split("\n## ", 1)[0]
    assert f"Data version {runtone.DATA_VERSION}" in unreleased


def _console_examples() -> list[tuple[str, str]]:
    """``(command, output)`` for every ``$ runtone ...`` line of the README's console blocks."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, re.DOTALL):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output))
    return examples


@pytest.mark.parametrize(("command", "output"), _console_examples())
def test_readme_console_examples_print_what_they_show(command: str, output: str) -> None:
    program, *argv = shlex.split(command)
    assert program == "runtone"
    out = io.StringIO()
    code = cli.main(argv, out=out, err=out)
    assert out.getvalue() == output
    assert code == (1 if output.startswith("runtone: ") else 0)


def test_readme_has_console_examples() -> None:
    assert len(_console_examples()) >= 2
