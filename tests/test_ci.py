""".ci/run tests every Python the classifiers claim, and CI fails on one it cannot find."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / ".ci" / "run"
PYPROJECT = (ROOT / "pyproject.toml").read_text("utf-8")
CLASSIFIED = re.findall(r'"Programming Language :: Python :: (3\.\d+)"', PYPROJECT)


def test_the_classifiers_name_every_version_from_the_oldest_supported() -> None:
    (oldest,) = re.findall(r'^requires-python = ">=(3\.\d+)"$', PYPROJECT, re.MULTILINE)
    minors = [int(version.split(".")[1]) for version in CLASSIFIED]
    assert CLASSIFIED[0] == oldest
    assert minors == list(range(minors[0], minors[0] + len(minors)))
    assert len(minors) >= 5  # 3.9 to 3.13: each one .ci/run tests


def _fake_path(tmp_path: Path) -> Path:
    """A PATH with the tools .ci/run needs to list interpreters, and two fake Pythons."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("dirname", "sed", "ls", "sort"):
        found = shutil.which(tool)
        assert found is not None, tool
        (tools / tool).symlink_to(found)
    # A python3.10 that is 3.10, and a python3.12 that is really another version.
    for name, says in (("python3.10", "3.10"), ("python3.12", "3.11")):
        (tools / name).write_text(f"#!/bin/sh\necho {says}\n", "utf-8")
        (tools / name).chmod(0o755)
    return tools


@pytest.mark.parametrize(("ci", "code"), [("true", 1), ("", 0)])
def test_a_missing_python_fails_in_ci_and_is_said_elsewhere(
    tmp_path: Path, ci: str, code: int
) -> None:
    tools = _fake_path(tmp_path)
    bash = shutil.which("bash")
    assert bash is not None
    result = subprocess.run(
        [bash, str(RUN), "--pythons"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(tools), "CI": ci, "HOME": os.environ.get("HOME", "/")},
    )
    assert result.returncode == code, result.stdout + result.stderr
    found = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert list(found) == CLASSIFIED  # every classified version, in order, and no other
    assert found["3.10"] == "python3.10"
    assert found["3.12"] == "not found"  # it answered 3.11: not taken for 3.12
    assert found["3.9"] == "not found"
