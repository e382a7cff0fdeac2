"""Issue 15, depth: the records each part of the issue adds, pinned by what a runner asks."""

from __future__ import annotations

import json
import re

import pytest

import runtone
from _support import DATA
from runtone import EvidenceGrade, GaitPhase, JointAction, MuscleKind, Region

DS = runtone.load()

# --- muscles (issue 15 item 1) --------------------------------------------------------

#: The muscles issue 15 adds, each with the group it belongs to (``None``: no group).
NEW_MUSCLES = {
    "vastus-medialis": "quadriceps",
    "semitendinosus": "hamstrings",
    "semimembranosus": "hamstrings",
    "tensor-fasciae-latae": None,
    "gluteus-minimus": "glutes",
    "fibularis-longus": "peroneals",
    "fibularis-brevis": "peroneals",
    "intrinsic-foot-muscles": None,
    "abductor-hallucis": "intrinsic-foot-muscles",
    "flexor-digitorum-brevis": "intrinsic-foot-muscles",
    "transversus-abdominis": "core",
}

#: How the group records count their members in their ``location``.
NUMBERS = {"two": 2, "three": 3, "four": 4}
COUNTED = re.compile(r"(?:the )?(two|three|four) muscles\b", re.IGNORECASE)


def test_vmo_finds_vastus_medialis_in_the_quadriceps() -> None:
    for key in ("VMO", "vmo", "vastus medialis oblique", "Vastus medialis", "teardrop muscle"):
        assert runtone.muscle(key).id == "vastus-medialis", key
    assert runtone.muscle("VMO").part_of == "quadriceps"


def test_the_quadriceps_list_four_muscles_and_the_hamstrings_three() -> None:
    quadriceps = [p.id for p in runtone.load().parts("quadriceps")]
    assert quadriceps == [
        "rectus-femoris",
        "vastus-lateralis",
        "vastus-intermedius",
        "vastus-medialis",
    ]
    hamstrings = [p.id for p in runtone.load().parts("hamstrings")]
    assert hamstrings == ["biceps-femoris", "semitendinosus", "semimembranosus"]


@pytest.mark.parametrize(
    "group", [m for m in DS.muscles if m.kind is MuscleKind.GROUP], ids=lambda m: m.id
)
def test_a_group_that_counts_its_muscles_lists_that_many_parts(group: runtone.Muscle) -> None:
    # "Four muscles covering the front ..." must come with four parts, not three.
    counted = COUNTED.match(group.location)
    if counted:
        assert len(DS.parts(group)) == NUMBERS[counted[1].lower()], group.id
    # The groups the issue names all count their members this way.
    if group.id in {"quadriceps", "hamstrings", "glutes", "peroneals"}:
        assert counted, group.id


@pytest.mark.parametrize(("ident", "group"), NEW_MUSCLES.items())
def test_each_new_muscle_is_fully_described_and_sourced(ident: str, group: str | None) -> None:
    muscle = DS.muscle(ident)
    assert muscle.part_of == group
    assert muscle.actions
    assert muscle.gait_phases
    assert muscle.summary
    assert muscle.note
    ids = [s.id for s in muscle.sources]
    # An anatomy reference that was read, and research or an article beyond it.
    assert any(i.startswith("anatomy-") for i in ids), ident
    assert any(not i.startswith("anatomy-") for i in ids), ident
    for finding in muscle.findings:
        assert finding.sources, (ident, finding.text)


@pytest.mark.parametrize("ident", NEW_MUSCLES)
def test_each_new_muscle_has_a_body_map_shape(ident: str) -> None:
    shapes = json.loads((DATA / "diagram" / "shapes.json").read_text("utf-8"))
    assert shapes["muscles"][ident], ident
    svg = runtone.diagram({ident: 1.0})
    assert f'data-muscle="{ident}"' in svg


def test_the_other_names_runners_use_find_the_new_muscles() -> None:
    names = {
        "TFL": "tensor-fasciae-latae",
        "glute min": "gluteus-minimus",
        "peroneus longus": "fibularis-longus",
        "peroneus brevis": "fibularis-brevis",
        "foot core": "intrinsic-foot-muscles",
        "FDB": "flexor-digitorum-brevis",
        "TrA": "transversus-abdominis",
        "transverse abdominis": "transversus-abdominis",
    }
    for key, ident in names.items():
        assert runtone.muscle(key).id == ident, key
    # The group keeps its own names: "peroneus" and "fibularis" still mean both muscles.
    assert runtone.muscle("peroneus").id == "peroneals"
    assert runtone.muscle("fibularis").id == "peroneals"


def test_the_foot_muscles_lie_in_the_foot_and_bend_the_toes() -> None:
    foot = {m.id for m in DS.find_muscles(region=Region.FOOT)}
    assert foot == {"intrinsic-foot-muscles", "abductor-hallucis", "flexor-digitorum-brevis"}
    for ident in foot:
        assert JointAction.TOE_FLEXION in DS.muscle(ident).actions, ident
    assert DS.find_muscles(region="foot") == DS.find_muscles(region=Region.FOOT)


def test_the_stride_timing_of_the_new_parts_rests_on_running_studies() -> None:
    vastus = DS.muscle("vastus-medialis")
    assert set(vastus.gait_phases) == {GaitPhase.LATE_SWING, GaitPhase.EARLY_STANCE}
    assert "montgomery-1994" in {s.id for s in vastus.sources}
    for ident in ("semitendinosus", "semimembranosus"):
        muscle = DS.muscle(ident)
        assert set(muscle.gait_phases) == {GaitPhase.LATE_SWING, GaitPhase.EARLY_STANCE}
        assert {"schache-2012", "thelen-2005"} <= {s.id for s in muscle.sources}, ident
    # Push-off for the foot muscles: the nerve-block study of running.
    foot = DS.muscle("intrinsic-foot-muscles")
    assert foot.gait_phases == (GaitPhase.LATE_STANCE,)
    assert "farris-2019" in {s.id for s in foot.sources}


def test_muscles_without_running_timing_say_where_their_phases_come_from() -> None:
    # No running study records gluteus minimus or tensor fasciae latae on its own, nor
    # peroneus longus: their notes say which phases were inferred and what was searched.
    for ident in ("gluteus-minimus", "tensor-fasciae-latae", "fibularis-longus"):
        note = DS.muscle(ident).note or ""
        assert "gait_phases" in note, ident
        assert "search" in note, ident
    assert "No running study has recorded it" in DS.muscle("gluteus-minimus").role
    assert "has not been recorded" in DS.muscle("fibularis-longus").role


def test_the_vmo_timing_and_isolation_findings_keep_their_review_grades() -> None:
    findings = {f.sources[0].id: f for f in DS.muscle("vastus-medialis").findings}
    assert findings["chester-2008"].evidence is EvidenceGrade.SYSTEMATIC_REVIEW
    assert "heterogeneity" in findings["chester-2008"].text
    assert findings["smith-2009-vmo"].evidence is EvidenceGrade.SYSTEMATIC_REVIEW
    assert "did not raise VMO activity" in findings["smith-2009-vmo"].text


def test_the_foot_core_trial_is_graded_as_a_randomised_trial_of_healthy_runners() -> None:
    (trial,) = [f for f in DS.muscle("foot core").findings if f.sources[0].id == "taddei-2020"]
    assert trial.evidence is EvidenceGrade.RCT
    assert DS.source("taddei-2020").condition is None  # runners without an injury


def test_the_converter_still_maps_its_muscle_names_onto_the_same_records() -> None:
    from runtone import _free_exercise_db  # noqa: PLC0415

    mapper = _free_exercise_db._Converter(DS)
    expected = {
        "abductors": "gluteus-medius",
        "lower back": "erector-spinae",
        "abdominals": "core",
        "quadriceps": "quadriceps",
        "hamstrings": "hamstrings",
        "glutes": "glutes",
        "adductors": "adductors",
        "calves": "calves",
        "chest": None,
        "biceps": None,
    }
    assert {name: mapper.muscle(name) for name in expected} == expected
