"""The benchmarks run (quick mode: one run a step, no timing asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FULL = ROOT.parent / "shared" / "external" / "free-exercise-db" / "exercises.json"


@pytest.mark.skipif(not FULL.is_file(), reason="../shared/external/free-exercise-db is not here")
def test_the_free_exercise_db_benchmark_runs() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "free_exercise_db.py"), "--quick"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "873 exercises read" in result.stdout
    assert "median of 1 run(s):" in result.stdout
