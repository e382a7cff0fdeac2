"""The gait-cycle chart: bars where the data's activity windows put them.

Issue 15, item 2.  Each window of :attr:`runtone.Muscle.activity` is one row; its bar
spans its onset to its offset on a 0-100% track (two bars when it wraps past 100%), and
the study's stance is shaded where the window gives toe-off.  The browser test in
tests/test_diagram_browser.py checks the drawn pixels; these check the SVG itself.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from runtone import ActivityWindow, EvidenceGrade
from runtone._gait import spans
from runtone.cli import main

DS = runtone.load()
SVG = "{http://www.w3.org/2000/svg}"
STUDY = DS.source("vannatta-2015")


def window(onset: int, offset: int, toe_off: int | None = None) -> ActivityWindow:
    return ActivityWindow(
        onset=onset, offset=offset, text="A study.", evidence=EvidenceGrade.LAB,
        sources=(STUDY,), toe_off=toe_off,
    )  # fmt: skip


def timed(**windows: tuple[ActivityWindow, ...]) -> runtone.Dataset:
    """The packaged dataset with these activity windows on these muscles (ids with _)."""
    by_id = {key.replace("_", "-"): value for key, value in windows.items()}
    muscles = tuple(
        attrs.evolve(m, activity=by_id[m.id]) if m.id in by_id else attrs.evolve(m, activity=())
        for m in DS.muscles
    )
    names = ("sources", "injuries", "exercises", "strike_patterns", "stride_effects")
    return runtone.Dataset({"muscles": muscles, **{n: getattr(DS, n) for n in names}})


def bars(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    return [e for e in root.iter(f"{SVG}rect") if e.get("class") == "active"]


@given(onset=st.integers(0, 100), offset=st.integers(0, 100))
def test_a_bar_spans_its_window_and_a_wrapped_one_splits_at_the_cycles_end(
    onset: int, offset: int
) -> None:
    parts = spans(window(onset, offset))
    covered = sum(end - start for start, end in parts)
    assert covered == (offset - onset if offset >= onset else 100 - onset + offset)
    assert all(0 <= start <= end <= 100 for start, end in parts)
    ds = timed(soleus=(window(onset, offset),))
    drawn = bars(runtone.gait_chart(["soleus"], dataset=ds))
    assert len(drawn) == len(parts)
    assert {(e.get("data-onset"), e.get("data-offset")) for e in drawn} == {
        (str(onset), str(offset))
    }
    widths = sorted(float(e.get("width", "nan")) for e in drawn)
    assert widths == pytest.approx(sorted(4.0 * (end - start) for start, end in parts))


def test_one_row_per_window_in_muscle_order_and_stance_where_toe_off_is_given() -> None:
    ds = timed(
        soleus=(window(10, 30, toe_off=38), window(90, 20)), tibialis_anterior=(window(40, 70),)
    )
    svg = runtone.gait_chart(dataset=ds)
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    order = [e.get("data-muscle") for e in bars(svg)]
    assert order == ["soleus", "soleus", "soleus", "tibialis-anterior"]  # 90-20 wraps
    stance = [e for e in root.iter(f"{SVG}rect") if e.get("class") == "stance"]
    assert [float(e.get("width", "nan")) for e in stance] == [pytest.approx(4.0 * 38)]
    assert svg == runtone.gait_chart(dataset=ds)  # the same bytes every time


def test_a_muscle_without_a_window_or_an_unknown_one_is_a_clear_error() -> None:
    ds = timed(soleus=(window(10, 30),))
    with pytest.raises(runtone.InvalidValueError, match=r"muscles\[0\]: 'calves' has no activity"):
        runtone.gait_chart(["calves"], dataset=ds)
    with pytest.raises(runtone.UnknownIdError):
        runtone.gait_chart(["solius-x"], dataset=ds)
    with pytest.raises(TypeError, match="muscles: expected a collection"):
        runtone.gait_chart("soleus", dataset=ds)
    with pytest.raises(runtone.InvalidValueError, match="title"):
        runtone.gait_chart(["soleus"], dataset=ds, title="  ")
    with pytest.raises(runtone.InvalidValueError, match="no muscle to draw"):
        runtone.gait_chart(dataset=timed())


def test_the_command_line_draws_the_chart(capsys: pytest.CaptureFixture[str]) -> None:
    timed_muscles = [m.id for m in DS.muscles if m.activity]
    assert timed_muscles, "the packaged data times no muscle"
    assert main(["gait", timed_muscles[0]]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<svg")
    assert f'data-muscle="{timed_muscles[0]}"' in out
    assert main(["gait", "quadriceps"]) == 2  # an untimed muscle: a usage error
    assert "has no activity window" in capsys.readouterr().err
