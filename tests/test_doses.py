"""Exercise doses: the protocols of published trials as structured numbers, each sourced.

Issue 15, item 5.  A dose gives what its protocol gives (sets, a range of repetitions,
hold seconds, load, sessions a week, weeks, how it progressed) and cites where it comes
from; the loader rejects a dose without a source, a number out of its range, and a
range of repetitions upside down, naming the file, the record and the field.
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from _support import RawData, examples, read_raw, write
from runtone import Dose, EvidenceGrade, _loader
from runtone._records import HOLD_SECONDS, REPS, SESSIONS, SETS, WEEKS
from runtone.errors import DataError

Load = Callable[[RawData], object]
DS = runtone.load()
RAW: RawData = read_raw()
STUDY = "vannatta-2015"

#: A whole dose, every number set: what a pack may write.
FULL = {
    "text": "Three sets of fifteen, twice a day, for twelve weeks.",
    "evidence": "rct",
    "sources": [STUDY],
    "sets": 3,
    "reps_min": 15,
    "reps_max": 15,
    "load": "body weight, then a backpack with added weight",
    "sessions_per_week": 14,
    "weeks": 12,
    "progression": "Add load when the exercise no longer hurts.",
}

#: Each number of a dose with its least and greatest value.
RANGES = {
    "sets": SETS,
    "reps_min": REPS,
    "reps_max": REPS,
    "hold_seconds": HOLD_SECONDS,
    "sessions_per_week": SESSIONS,
    "weeks": WEEKS,
}


def _with_dose(raw: RawData, dose: dict[str, object]) -> RawData:
    edited = copy.deepcopy(raw)
    exercise = edited["exercises"][0]
    assert isinstance(exercise, dict)
    exercise["doses"] = [dose]
    return edited


def _error(load: Load, raw: RawData) -> DataError:
    with pytest.raises(DataError) as info:
        load(raw)
    return info.value


def test_a_dose_loads_with_every_number(raw: RawData, load_edited: Load) -> None:
    dataset = load_edited(_with_dose(raw, FULL))
    assert isinstance(dataset, runtone.Dataset)
    (dose,) = dataset.exercises[0].doses
    assert isinstance(dose, Dose)
    assert (dose.sets, dose.reps_min, dose.reps_max) == (3, 15, 15)
    assert (dose.sessions_per_week, dose.weeks, dose.hold_seconds) == (14, 12, None)
    assert dose.evidence is EvidenceGrade.RCT
    assert [s.id for s in dose.sources] == [STUDY]


def test_a_dose_without_a_source_is_rejected(raw: RawData, load_edited: Load) -> None:
    err = _error(load_edited, _with_dose(raw, {**FULL, "sources": []}))
    assert err.file == "exercises.json"
    assert err.record == raw["exercises"][0]["id"]
    assert err.field == "doses[0].sources"


def test_repetitions_upside_down_are_rejected(raw: RawData, load_edited: Load) -> None:
    err = _error(load_edited, _with_dose(raw, {**FULL, "reps_min": 20, "reps_max": 8}))
    assert err.field == "doses[0].reps_min"
    assert "20 is more than reps_max 8" in str(err)


@settings(max_examples=examples(0.3))
@given(data=st.data())
def test_a_number_out_of_its_range_is_rejected(data: st.DataObject) -> None:
    field = data.draw(st.sampled_from(sorted(RANGES)))
    low, high = RANGES[field]
    value = data.draw(st.one_of(st.integers(max_value=low - 1), st.integers(min_value=high + 1)))
    dose = {**FULL, field: value}
    if field == "reps_min":
        dose["reps_max"] = None
    if field == "reps_max":
        dose["reps_min"] = None
    with tempfile.TemporaryDirectory() as tmp, pytest.raises(DataError) as info:
        _loader.load_from(write(Path(tmp) / "data", _with_dose(RAW, dose)))
    assert info.value.field == f"doses[0].{field}"


def test_a_dose_is_shown_with_its_grade_and_source() -> None:
    source = DS.source(STUDY)
    dose = Dose(text="Three sets of fifteen.", evidence=EvidenceGrade.RCT, sources=(source,))
    exercise = attrs.evolve(DS.exercises[0], doses=(dose,))
    text = runtone.to_text(exercise)
    assert "doses:" in text
    assert f"Three sets of fifteen. [rct: {STUDY}]" in " ".join(text.split())


def test_every_packaged_dose_cites_its_protocol_and_keeps_its_range() -> None:
    doses = [d for e in DS.exercises for d in e.doses]
    assert len(doses) >= 14, "fewer packaged doses than the protocols read give"
    for dose in doses:
        assert dose.sources
        if dose.reps_min is not None and dose.reps_max is not None:
            assert dose.reps_min <= dose.reps_max
