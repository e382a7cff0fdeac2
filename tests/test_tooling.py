"""The gate's static checks: mypy --strict and ruff, on src, tests and the docs' code."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import _browser
from _support import require

ROOT = Path(__file__).resolve().parent.parent
# The docs' Sphinx extension needs Sphinx, which the gate installs on Python 3.11 and later.
PATHS = (
    "src",
    "tests",
    "benchmarks",
    *(("docs",) if sys.version_info >= (3, 11) else ()),
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "command",
    [
        ("mypy", "--strict", *PATHS),
        # Without docs/, as Pythons below 3.11 (no Sphinx) check it: a test that imports
        # the docs' extension must not need mypy to see it.
        ("mypy", "--strict", "src", "tests", "benchmarks"),
        ("ruff", "check", *PATHS),
        ("ruff", "format", "--check", *PATHS),
    ],
    ids=" ".join,
)
def test_static_check_passes(command: tuple[str, ...]) -> None:
    result = _run(*command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_type_checks_as_python_3_10_sees_it() -> None:
    # 3.10 has importlib.resources.files() but keeps Traversable in importlib.abc; code
    # that imported it from the backport (installed only below 3.10) failed there, and
    # the pack type became Any. .ci/run checks each Python on its own; this catches the
    # 3.10 branch without it. (3.9's branch needs the backport, which only 3.9 installs.)
    result = _run("mypy", "--strict", "--python-version", "3.10", "src")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["default", "ci", "deep"])
def test_no_hypothesis_profile_fails_on_timing(name: str) -> None:
    profile = settings.get_profile(name)
    assert profile.deadline is None
    assert HealthCheck.too_slow in profile.suppress_health_check


def test_no_test_sets_a_hypothesis_deadline() -> None:
    timed = [
        f"{path.name}:{node.lineno}"
        for path in sorted((ROOT / "tests").glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.keyword)
        and node.arg == "deadline"
        and not (isinstance(node.value, ast.Constant) and node.value.value is None)
    ]
    assert not timed, f"Hypothesis deadlines make tests fail on a loaded machine: {timed}"


@pytest.mark.parametrize(("ci", "outcome"), [("true", "failed"), ("", "skipped"), ("0", "skipped")])
def test_a_missing_requirement_fails_in_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, ci: str, outcome: str
) -> None:
    # ../shared, the console script, Chromium: a skip in CI would hide an untested claim.
    monkeypatch.setenv("CI", ci)
    monkeypatch.delenv(_browser.REQUIRE, raising=False)
    expected = pytest.fail.Exception if outcome == "failed" else pytest.skip.Exception
    with pytest.raises(expected, match="the thing"):
        require(present=False, what="the thing")
    require(present=True, what="the thing")  # nothing happens
    assert _browser.browser_required() is (outcome == "failed")
