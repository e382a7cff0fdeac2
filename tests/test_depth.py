"""Depth of the dataset (issue 15): what each content part added, pinned.

Each part of the issue keeps its tests under a comment header naming it.
"""

from __future__ import annotations

import re

import runtone
from runtone import EvidenceGrade, GaitPhase, SourceKind

DS = runtone.load()

# --- activity windows (issue 15 item 2) ---------------------------------------------

#: Each muscle a study of running times, with that study's window (onset, offset, source).
WINDOWS = {
    "calves": [(86, 25, "running-emg-profiles-2007")],
    "hamstrings": [(50, 90, "chumanov-2011")],
}
#: The muscles on main when the windows were added that no study read times.
UNTIMED = (
    "core",
    "erector-spinae",
    "external-oblique",
    "hip-flexors",
    "iliopsoas",
    "glutes",
    "gluteus-maximus",
    "gluteus-medius",
    "adductors",
    "adductor-magnus",
    "adductor-longus",
    "quadriceps",
    "rectus-femoris",
    "vastus-lateralis",
    "vastus-intermedius",
    "biceps-femoris",
    "gastrocnemius",
    "soleus",
    "tibialis-anterior",
    "tibialis-posterior",
    "flexor-digitorum-longus",
    "peroneals",
)
PACE = re.compile(r"\d+(?:\.\d+)? m/s \(\d+:\d\d min/km, \d+:\d\d min/mile\)")


def _windows() -> list[tuple[str, runtone.ActivityWindow]]:
    return [(m.id, a) for m in DS.muscles for a in m.activity]


def test_the_muscles_a_study_times_carry_its_window_and_no_others_do() -> None:
    found = {
        m.id: [(a.onset, a.offset, *(s.id for s in a.sources)) for a in m.activity]
        for m in DS.muscles
        if m.activity
    }
    assert found == WINDOWS


def test_a_study_that_times_a_group_puts_its_window_on_the_group() -> None:
    for muscle_id in WINDOWS:
        muscle = DS.muscle(muscle_id)
        assert muscle.kind.value == "group", muscle_id
        assert all(not part.activity for part in DS.parts(muscle_id)), muscle_id


def test_every_window_comes_from_a_lab_study_of_running() -> None:
    assert _windows()
    for muscle_id, window in _windows():
        assert window.evidence is EvidenceGrade.LAB, muscle_id
        for source in window.sources:
            assert source.kind is SourceKind.PEER_REVIEWED_STUDY, (muscle_id, source.id)
            assert "running" in source.title.lower(), (muscle_id, source.id)


def test_every_window_gives_the_speed_with_its_pace_and_the_foot_strike() -> None:
    for muscle_id, window in _windows():
        assert PACE.search(window.text), muscle_id
        assert "foot strike" in window.text.lower(), muscle_id


def test_the_calf_window_is_the_studys_burst_wrapped_past_the_next_contact() -> None:
    (window,) = DS.muscle("calves").activity
    assert window.offset < window.onset  # from late swing into the next stance
    assert window.offset == 125 - 100  # the study counts on past 100%
    # the study's own numbers, and where it puts toe-off, stay in the text
    for quoted in ("86%", "125%", "30 to 37%", "4.5 m/s (3:42 min/km, 5:58 min/mile)"):
        assert quoted in window.text
    phases = DS.muscle("calves").gait_phases
    assert {GaitPhase.LATE_SWING, GaitPhase.EARLY_STANCE} <= set(phases)


def test_the_hamstring_window_is_the_stretched_part_and_says_the_load_goes_on() -> None:
    (window,) = DS.muscle("hamstrings").activity
    assert (window.onset, window.offset) == (50, 90)
    assert "50% to 90%" in window.text
    assert "through stance" in window.text
    assert "7.8 m/s (2:08 min/km, 3:26 min/mile)" in window.text
    assert GaitPhase.LATE_SWING in DS.muscle("hamstrings").gait_phases


def test_a_window_that_wraps_belongs_to_a_muscle_working_from_late_swing_into_stance() -> None:
    for muscle_id, window in _windows():
        if window.offset < window.onset:
            phases = set(DS.muscle(muscle_id).gait_phases)
            assert {GaitPhase.LATE_SWING, GaitPhase.EARLY_STANCE} <= phases, muscle_id


def test_a_muscle_no_study_times_has_no_window_and_its_note_says_what_was_searched() -> None:
    for muscle_id in UNTIMED:
        muscle = DS.muscle(muscle_id)
        assert muscle.activity == (), muscle_id
        assert muscle.note is not None, muscle_id
        assert "Activity windows (issue 15): no window" in muscle.note, muscle_id


def test_a_window_is_shown_with_the_muscle() -> None:
    text = " ".join(runtone.to_text(DS.muscle("calves")).split())
    assert "86-25% of the gait cycle: Surface EMG averaged over ten adults" in text
    assert "[lab: running-emg-profiles-2007]" in text
