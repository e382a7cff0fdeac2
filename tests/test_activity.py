"""Activity windows: when in the gait cycle a study found a muscle working.

Issue 15, item 2.  A window is a study's onset and offset in percent of the gait cycle
(0% at foot contact); one that runs from late swing into stance wraps past 100%.  The
loader holds each number to 0-100 and each window to a source, naming the field.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from _support import RawData, examples, read_raw, write
from runtone import ActivityWindow, EvidenceGrade, _loader
from runtone.errors import DataError

DS = runtone.load()
RAW: RawData = read_raw()
STUDY = "vannatta-2015"
WINDOW = {
    "onset": 85,
    "offset": 15,
    "text": "Surface EMG in runners at an easy pace, from late swing into early stance.",
    "evidence": "lab",
    "sources": [STUDY],
}


def _load_with(window: dict[str, object]) -> runtone.Dataset:
    raw = copy.deepcopy(RAW)
    muscle = raw["muscles"][0]
    assert isinstance(muscle, dict)
    muscle["activity"] = [window]
    with tempfile.TemporaryDirectory() as tmp:
        return _loader.load_from(write(Path(tmp) / "data", raw))


def test_a_window_that_wraps_past_the_cycle_loads() -> None:
    (window,) = _load_with(WINDOW).muscles[0].activity
    assert (window.onset, window.offset) == (85, 15)
    assert window.evidence is EvidenceGrade.LAB
    assert [s.id for s in window.sources] == [STUDY]


@settings(max_examples=examples(0.3))
@given(
    field=st.sampled_from(["onset", "offset"]),
    value=st.one_of(st.integers(max_value=-1), st.integers(min_value=101)),
)
def test_a_point_off_the_gait_cycle_is_rejected(field: str, value: int) -> None:
    with pytest.raises(DataError) as info:
        _load_with({**WINDOW, field: value})
    assert info.value.file == "muscles.json"
    assert info.value.field == f"activity[0].{field}"


def test_a_window_without_a_study_is_rejected() -> None:
    with pytest.raises(DataError) as info:
        _load_with({**WINDOW, "sources": []})
    assert info.value.field == "activity[0].sources"


def test_a_window_is_shown_as_its_share_of_the_cycle() -> None:
    window = ActivityWindow(
        onset=85, offset=15, text="From late swing.", evidence=EvidenceGrade.LAB,
        sources=(DS.source(STUDY),),
    )  # fmt: skip
    text = " ".join(runtone.to_text(attrs.evolve(DS.muscles[0], activity=(window,))).split())
    assert f"85-15% of the gait cycle: From late swing. [lab: {STUDY}]" in text


def test_every_packaged_window_cites_a_study_and_lies_on_the_cycle() -> None:
    for muscle in DS.muscles:
        for window in muscle.activity:
            assert window.sources, muscle.id
            assert window.evidence is not EvidenceGrade.POPULAR, muscle.id
            assert 0 <= window.onset <= 100, muscle.id
            assert 0 <= window.offset <= 100, muscle.id
