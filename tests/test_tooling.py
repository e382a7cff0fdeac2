"""The gate's static checks: mypy --strict and ruff, on src, tests and the docs' code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The docs' Sphinx extension needs Sphinx, which the gate installs on Python 3.11 and later.
PATHS = ("src", "tests", "benchmarks", *(("docs",) if sys.version_info >= (3, 11) else ()))


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "command",
    [
        ("mypy", "--strict", *PATHS),
        ("ruff", "check", *PATHS),
        ("ruff", "format", "--check", *PATHS),
    ],
    ids=" ".join,
)
def test_static_check_passes(command: tuple[str, ...]) -> None:
    result = _run(*command)
    assert result.returncode == 0, result.stdout + result.stderr
