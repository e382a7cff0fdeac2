"""The benchmarks run (quick mode: one run each, no timing asserted) and measure the right thing."""

from __future__ import annotations

import collections
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generated_pack
import runtone

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


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    exercises=st.integers(1, 80),
    muscles=st.integers(1, 30),
    sources=st.integers(1, 40),
    seed=st.integers(0, 2**32),
)
def test_a_generated_pack_loads_and_the_floor_builds_the_same_records(
    exercises: int, muscles: int, sources: int, seed: int
) -> None:
    pack = generated_pack.generate(exercises, muscles, sources, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        files = generated_pack.write(pack, Path(tmp))
        ds = runtone.load(packs=[tmp], packaged=False)
    assert (len(ds.exercises), len(ds.muscles), len(ds.sources)) == (exercises, muscles, sources)
    built = generated_pack.build(generated_pack.read(files))
    assert built["sources"] == ds.sources
    assert built["muscles"] == ds.muscles
    assert built["exercises"] == ds.exercises
    assert generated_pack.generate(exercises, muscles, sources, seed=seed) == pack


def test_generated_exercises_are_shaped_like_runtones() -> None:
    own = runtone.load().exercises
    pack = generated_pack.generate(len(own) * 3, 40)

    def shape(kind: str, level: str, equipment: list[str], targets: int, steps: int) -> object:
        return (kind, level, tuple(sorted(equipment)), targets, steps)

    generated = collections.Counter(
        shape(e["kind"], e["level"], e["equipment"], len(e["targets"]), len(e["steps"]))
        for e in pack["exercises"]
    )
    expected = collections.Counter(
        shape(
            e.kind.value,
            e.level.value,
            [q.value for q in e.equipment],
            len(e.targets),
            len(e.steps),
        )
        for e in own
    )
    assert generated == {key: count * 3 for key, count in expected.items()}
    own_size = sum(len(e.purpose) for e in own) / len(own)
    size = sum(len(e["purpose"]) for e in pack["exercises"]) / len(pack["exercises"])
    assert (
        own_size <= size <= own_size + 120
    )  # each text runs to its model's length, plus a sentence
