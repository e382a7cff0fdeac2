"""Exercise progressions, and injury findings that name the exercises they use.

Issue 15, items 5 and 6.  An exercise names its easier and harder variations by id;
the loader rejects an unknown id, an exercise that is its own variation, and a loop
of variations, naming the place that closes it.  A treatment or prevention finding
names the exercises it uses (ids of a file read after injuries.json), and
:meth:`runtone.Dataset.doses_for` gives each with its trial's doses.
"""

from __future__ import annotations

import copy
import graphlib
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from _support import RawData, examples, read_raw
from runtone import _loader
from runtone.errors import DataError

Load = Callable[[RawData], object]
DS = runtone.load()
RAW: RawData = read_raw()


def _error(load: Load, raw: RawData) -> DataError:
    with pytest.raises(DataError) as info:
        load(raw)
    return info.value


def _exercise(raw: RawData, ident: str) -> dict[str, object]:
    (found,) = (r for r in raw["exercises"] if r["id"] == ident)
    return found


def _cleared(raw: RawData) -> RawData:
    """``raw`` with no exercise naming a variation."""
    edited = copy.deepcopy(raw)
    for record in edited["exercises"]:
        record.pop("easier", None)
        record.pop("harder", None)
    return edited


# --- the packaged ladder ----------------------------------------------------------------


def test_the_bridge_ladder_of_the_issue_is_there() -> None:
    assert [e.id for e in DS.harder("glute bridge")] == ["single-leg-glute-bridge", "hip-thrust"]
    assert [e.id for e in DS.easier("single-leg bridge")] == ["glute-bridge"]
    assert [e.id for e in DS.easier("hip thrust")] == ["glute-bridge"]


def test_every_packaged_step_is_stated_by_both_exercises() -> None:
    steps = 0
    for exercise in DS.exercises:
        for harder in exercise.harder:
            assert exercise.id in DS.exercise(harder).easier, (exercise.id, harder)
            steps += 1
        for easier in exercise.easier:
            assert exercise.id in DS.exercise(easier).harder, (exercise.id, easier)
    assert steps >= 10


def test_a_harder_variation_never_suits_less_experience() -> None:
    order = list(runtone.Level)
    checked = 0
    for exercise in DS.exercises:
        for harder in DS.harder(exercise):
            assert order.index(harder.level) >= order.index(exercise.level), (
                exercise.id,
                harder.id,
            )
            checked += 1
    assert checked >= 10


@settings(max_examples=examples(0.5))
@given(st.sampled_from(DS.exercises))
def test_easier_and_harder_mirror_each_other(exercise: runtone.Exercise) -> None:
    for harder in DS.harder(exercise):
        assert exercise in DS.easier(harder)
    for easier in DS.easier(exercise):
        assert exercise in DS.harder(easier)
    assert not set(DS.harder(exercise)) & set(DS.easier(exercise))


def test_a_step_stated_by_one_record_is_seen_from_both(raw: RawData, load_edited: Load) -> None:
    edited = _cleared(raw)
    _exercise(edited, "squat")["harder"] = ["single-leg-squat"]
    dataset = load_edited(edited)
    assert isinstance(dataset, runtone.Dataset)
    assert [e.id for e in dataset.easier("single-leg-squat")] == ["squat"]
    assert [e.id for e in dataset.harder("squat")] == ["single-leg-squat"]
    assert dataset.harder("single-leg-squat") == ()


def test_unknown_exercises_are_an_error_naming_the_argument() -> None:
    with pytest.raises(runtone.UnknownIdError) as info:
        DS.harder("glute brige")
    assert info.value.field == "exercise"
    assert "glute-bridge" in info.value.suggestions
    with pytest.raises(TypeError, match="exercise: expected an exercise"):
        DS.easier(3)  # type: ignore[arg-type]


# --- what the loader rejects ------------------------------------------------------------


def test_an_unknown_variation_is_rejected(raw: RawData, load_edited: Load) -> None:
    edited = _cleared(raw)
    _exercise(edited, "squat")["harder"] = ["single-leg-squat", "pistol-squat"]
    err = _error(load_edited, edited)
    assert (err.file, err.record, err.field) == ("exercises.json", "squat", "harder[1]")
    assert "'pistol-squat' is not the id of any record in exercises" in str(err)


def test_an_exercise_cannot_be_its_own_variation(raw: RawData, load_edited: Load) -> None:
    edited = _cleared(raw)
    _exercise(edited, "squat")["easier"] = ["lunge", "squat"]
    err = _error(load_edited, edited)
    assert (err.record, err.field) == ("squat", "easier[1]")
    assert "variation of itself" in str(err)


def test_a_loop_of_variations_is_rejected_where_it_closes(raw: RawData, load_edited: Load) -> None:
    # squat < lunge (squat says), lunge < walking-lunge (walking-lunge says),
    # walking-lunge < squat (squat says it is easier): a loop of three.
    edited = _cleared(raw)
    _exercise(edited, "squat")["harder"] = ["lunge"]
    _exercise(edited, "walking-lunge")["easier"] = ["lunge"]
    _exercise(edited, "squat")["easier"] = ["walking-lunge"]
    err = _error(load_edited, edited)
    assert err.file == "exercises.json"
    assert (err.record, err.field) in {
        ("squat", "harder[0]"),
        ("walking-lunge", "easier[0]"),
        ("squat", "easier[0]"),
    }
    assert "cycle of variations: " in str(err)
    for ident in ("squat", "lunge", "walking-lunge"):
        assert ident in str(err)


def test_easier_and_harder_at_once_is_a_loop(raw: RawData, load_edited: Load) -> None:
    edited = _cleared(raw)
    _exercise(edited, "squat")["harder"] = ["lunge"]
    _exercise(edited, "squat")["easier"] = ["lunge"]
    err = _error(load_edited, edited)
    assert err.record == "squat"
    assert "cycle of variations: " in str(err)


def test_a_long_ladder_and_a_long_loop_are_checked_without_recursion() -> None:
    # 5,000 steps would overflow a recursive walk (the default limit is 1,000).
    edited = _cleared(RAW)
    base = edited["exercises"][0]
    ladder = []
    for i in range(5000):
        record = copy.deepcopy(base)
        record["id"] = f"step-{i}"
        record["name"] = f"Step {i}"
        record.pop("aliases", None)
        record["harder"] = [f"step-{i + 1}"] if i < 4999 else []
        ladder.append(record)
    edited["exercises"] = [*edited["exercises"], *ladder]
    dataset = _loader.build(edited)
    assert [e.id for e in dataset.harder("step-0")] == ["step-1"]
    ladder[-1]["harder"] = ["step-0"]
    with pytest.raises(DataError, match="cycle of variations: 5000 exercises: step-"):
        _loader.build(edited)


_SMALL = [r["id"] for r in RAW["exercises"][:6]]


@settings(max_examples=examples(0.5))
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_SMALL), st.sampled_from(("easier", "harder")), st.sampled_from(_SMALL)
        ).filter(lambda t: t[0] != t[2]),
        max_size=10,
        unique_by=lambda t: (t[0], t[1], t[2]),
    )
)
def test_the_loader_accepts_exactly_the_ladders_without_a_loop(
    steps: list[tuple[str, str, str]],
) -> None:
    edited = _cleared(RAW)
    graph: dict[str, set[str]] = {}  # each exercise with those easier than it
    for owner, field, other in steps:
        listed = _exercise(edited, owner).setdefault(field, [])
        assert isinstance(listed, list)
        listed.append(other)
        easy, hard = (other, owner) if field == "easier" else (owner, other)
        graph.setdefault(hard, set()).add(easy)
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError:
        with pytest.raises(DataError, match="cycle of variations") as info:
            _loader.build(edited)
        assert info.value.record in _SMALL
        assert info.value.field is not None
        assert info.value.field.startswith(("easier[", "harder["))
    else:
        dataset = _loader.build(edited)
        for hard, easies in graph.items():
            assert {e.id for e in dataset.easier(hard)} == easies


# --- findings that use exercises --------------------------------------------------------


def _treatment(raw: RawData, injury: str) -> list[dict[str, object]]:
    (record,) = (r for r in raw["injuries"] if r["id"] == injury)
    treatment = record["treatment"]
    assert isinstance(treatment, list)
    return treatment


def test_a_finding_naming_an_unknown_exercise_is_rejected(raw: RawData, load_edited: Load) -> None:
    edited = copy.deepcopy(raw)
    _treatment(edited, "achilles-tendinopathy")[0]["exercises"] = ["calf-raise", "toe-walks"]
    err = _error(load_edited, edited)
    assert (err.file, err.record) == ("injuries.json", "achilles-tendinopathy")
    assert err.field == "treatment[0].exercises[1]"
    assert "'toe-walks' is not the id of any record in exercises" in str(err)


def test_doses_for_gives_the_doses_of_the_findings_own_trials(
    raw: RawData, load_edited: Load
) -> None:
    edited = copy.deepcopy(raw)
    finding = _treatment(edited, "achilles-tendinopathy")[0]
    finding["sources"] = ["alfredson-1998"]
    finding["exercises"] = ["eccentric-heel-drop-straight-knee", "squat"]
    dataset = load_edited(edited)
    assert isinstance(dataset, runtone.Dataset)
    loaded = dataset.injury("achilles-tendinopathy").treatment[0]
    assert loaded.exercises == ("eccentric-heel-drop-straight-knee", "squat")
    pairs = dataset.doses_for(loaded)
    assert pairs
    for exercise, dose in pairs:
        assert exercise.id == "eccentric-heel-drop-straight-knee"  # the squat has no such dose
        assert "alfredson-1998" in {s.id for s in dose.sources}
    expected = [
        d
        for d in dataset.exercise("eccentric-heel-drop-straight-knee").doses
        if "alfredson-1998" in {s.id for s in d.sources}
    ]
    assert [d for _, d in pairs] == expected


def test_doses_for_takes_only_a_finding() -> None:
    with pytest.raises(TypeError, match="finding: expected a Finding"):
        DS.doses_for("achilles-tendinopathy")  # type: ignore[arg-type]


def _uses() -> list[tuple[str, str, int, runtone.Finding]]:
    """Every treatment and prevention finding: injury id, field, index, finding."""
    return [
        (injury.id, field, i, finding)
        for injury in DS.injuries
        for field in ("treatment", "prevention")
        for i, finding in enumerate(getattr(injury, field))
    ]


def test_a_finding_links_every_exercise_its_trials_dosed() -> None:
    # Issue 15: "every treatment and prevention finding that uses an exercise links the
    # exercise and its trial's dose".  A finding uses an exercise when one of its
    # sources is the trial an exercise's dose comes from.
    dosed_by: dict[str, set[str]] = {}
    for exercise in DS.exercises:
        for dose in exercise.doses:
            for source in dose.sources:
                dosed_by.setdefault(source.id, set()).add(exercise.id)
    linked = 0
    for injury, field, i, finding in _uses():
        used = set().union(*(dosed_by.get(s.id, set()) for s in finding.sources))
        assert used <= set(finding.exercises), (injury, field, i, sorted(used))
        linked += len(used)
    assert linked >= 6


def test_every_linked_exercise_carries_the_findings_trial_dose() -> None:
    links = 0
    for injury, field, i, finding in _uses():
        with_dose = {exercise.id for exercise, _ in DS.doses_for(finding)}
        for ident in finding.exercises:
            assert ident in with_dose, (injury, field, i, ident)
            links += 1
    assert links >= 6


# --- the issue's done-when, as figures --------------------------------------------------

#: Source kinds a dose may count as "a trial or guideline source" by (issue 15).
_TRIAL_OR_GUIDELINE = {
    runtone.SourceKind.PEER_REVIEWED_STUDY,
    runtone.SourceKind.SYSTEMATIC_REVIEW,
    runtone.SourceKind.GUIDELINE,
}


def test_the_issues_figures_hold() -> None:
    assert len(DS.exercises) >= 70
    assert len(DS.injuries) >= 13
    assert len(DS.muscles) >= 30
    dosed = [
        e.id
        for e in DS.exercises
        if any(
            d.evidence is not runtone.EvidenceGrade.POPULAR
            and any(s.kind in _TRIAL_OR_GUIDELINE for s in d.sources)
            for d in e.doses
        )
    ]
    assert len(dosed) >= 30, dosed
    assert [p.id for p in DS.parts("quadriceps")] == [
        "rectus-femoris",
        "vastus-lateralis",
        "vastus-intermedius",
        "vastus-medialis",
    ]
    assert len(DS.parts("hamstrings")) == 3
    assert runtone.exercise("nordic curl").id == "nordic-hamstring-curl"
    assert runtone.muscle("VMO").id == "vastus-medialis"


# --- strength targets from muscle recordings --------------------------------------------

#: Each classic strength move with the muscle-recording study its targets now rest on.
_EMG = {
    "squat": "caterisano-2002",
    "lunge": "muyor-2020",
    "deadlift": "coratella-2022",
    "leg-press": "martin-fuentes-2020",
    "single-leg-hamstring-curl": "mcallister-2014",
    "single-leg-deadlift": "mo-2023",
    "lateral-band-walk": "youdas-2013",
    "single-leg-squat": "muyor-2020",
}


@pytest.mark.parametrize(("exercise", "study"), sorted(_EMG.items()))
def test_a_strength_moves_targets_cite_its_muscle_recordings(exercise: str, study: str) -> None:
    record = DS.exercise(exercise)
    assert study in {s.id for s in record.sources}
    assert record.evidence is runtone.EvidenceGrade.LAB
    assert f"[{study}]" in record.purpose  # the purpose says what the study recorded
    assert record.note is not None
    plain = unicodedata.normalize("NFKD", record.note).encode("ascii", "ignore").decode()
    assert study.split("-", maxsplit=1)[0] in plain.lower()  # the note names the study


def test_strength_moves_resting_on_articles_alone_say_what_was_searched() -> None:
    # Issue 15: no strength exercise's targets rest on popular evidence alone unless the
    # record says which study was looked for.
    popular = [
        e
        for e in DS.exercises
        if e.kind is runtone.ExerciseKind.STRENGTH and e.evidence is runtone.EvidenceGrade.POPULAR
    ]
    for exercise in popular:
        assert exercise.note is not None, exercise.id
        assert "search" in exercise.note.lower(), exercise.id
    assert {e.id for e in popular} <= {"walking-lunge", "tibialis-raise", "step-down"}
