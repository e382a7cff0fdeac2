"""Queries on the Dataset: filters combine, groups include parts, order is stable."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from _support import read_raw
from runtone import Equipment, ExerciseKind, Level, TargetRole, UnknownIdError
from runtone._loader import COLLECTIONS

DS = runtone.load()
LEVELS = list(Level)


def test_a_group_includes_its_parts() -> None:
    calves = {e.id for e in DS.find_exercises(muscle="calves")}
    for part in ("gastrocnemius", "soleus"):
        assert {e.id for e in DS.find_exercises(muscle=part)} <= calves


@given(
    muscle=st.none() | st.sampled_from(DS.muscles),
    role=st.none() | st.sampled_from(TargetRole),
    kind=st.none() | st.sampled_from(ExerciseKind),
    equipment=st.none() | st.frozensets(st.sampled_from(Equipment)),
    level=st.none() | st.sampled_from(Level),
    unilateral=st.none() | st.booleans(),
)
def test_exercise_filters_combine(  # noqa: PLR0917 - one argument per filter
    muscle: runtone.Muscle | None,
    role: TargetRole | None,
    kind: ExerciseKind | None,
    equipment: frozenset[Equipment] | None,
    level: Level | None,
    unilateral: bool | None,
) -> None:
    found = DS.find_exercises(
        muscle=muscle, role=role, kind=kind, equipment=equipment, level=level, unilateral=unilateral
    )
    wanted = set() if muscle is None else set(DS.with_parts(muscle))
    expected = tuple(
        e
        for e in DS.exercises
        if (muscle is None or any(t.muscle in wanted and role in (None, t.role) for t in e.targets))
        and (muscle is not None or role is None or any(t.role is role for t in e.targets))
        and (kind is None or e.kind is kind)
        and (equipment is None or e.equipment <= equipment)
        and (level is None or LEVELS.index(e.level) <= LEVELS.index(level))
        and (unilateral is None or e.unilateral is unilateral)
    )
    assert found == expected


def test_filters_take_values_as_strings() -> None:
    assert DS.find_exercises(kind="strength", level="beginner") == DS.find_exercises(
        kind=ExerciseKind.STRENGTH, level=Level.BEGINNER
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"kind": "strenth"}, ValueError, "kind: 'strenth' is not one of"),
        ({"equipment": "barbell"}, TypeError, "equipment: expected a collection"),
        ({"level": 3}, TypeError, "level: expected Level"),
        ({"muscle": "hamstrung"}, UnknownIdError, "muscle: no muscle 'hamstrung'"),
        ({"unilateral": "yes"}, TypeError, "unilateral: expected True, False or None"),
        ({"equipment": [None]}, TypeError, "equipment: expected Equipment or its value"),
    ],
)
def test_bad_filters_name_the_argument(kwargs: dict[str, object], error: type, text: str) -> None:
    with pytest.raises(error) as info:
        DS.find_exercises(**kwargs)  # type: ignore[arg-type]
    assert str(info.value).startswith(text)


def test_muscles_by_region_and_action() -> None:
    found = DS.find_muscles(region="thigh", action="knee_flexion")
    assert "hamstrings" in {m.id for m in found}
    assert all(runtone.JointAction.KNEE_FLEXION in m.actions for m in found)


def test_claims_by_verdict_and_grade() -> None:
    strong = DS.find_claims(min_evidence="systematic_review")
    assert strong
    assert all(c.evidence is runtone.EvidenceGrade.SYSTEMATIC_REVIEW for c in strong)
    contradicted = DS.find_claims(verdict="contradicted")
    assert {c.id for c in contradicted} >= {"forefoot-works-quadriceps"}
    about_quads = DS.find_claims(muscle="quadriceps")
    assert DS.claim("forefoot-works-quadriceps") in about_quads


def test_recommendations_by_goal_level_muscle_injury() -> None:
    found = DS.find_recommendations(goal="strength", level="beginner", muscle="gluteus medius")
    assert "strengthen-hips-and-glutes" in {r.id for r in found}
    for rec in found:
        assert runtone.Goal.STRENGTH in rec.goals
        assert Level.BEGINNER in rec.levels
    assert DS.find_recommendations(injury="ITBS")


def _cited(value: object, into: set[str], key: str | None = None) -> None:
    """Every source id under a ``sources`` or ``made_by`` key anywhere in raw JSON."""
    if isinstance(value, dict):
        for name, item in value.items():
            _cited(item, into, name)
    elif isinstance(value, list):
        if key in {"sources", "made_by"}:
            into.update(item for item in value if isinstance(item, str))
        else:
            for item in value:
                _cited(item, into)


def test_citing_finds_every_record_that_cites_a_source() -> None:
    # Worked out from the raw JSON, independently of the records and of the index.
    raw = read_raw()
    expected: dict[str, list[tuple[str, object]]] = {str(s["id"]): [] for s in raw["sources"]}
    for collection in COLLECTIONS[1:]:  # every collection but the sources themselves
        for record in raw[collection.name]:
            cited: set[str] = set()
            _cited(record, cited)
            for ident in cited:
                expected[ident].append((collection.name, record["id"]))
    assert sum(map(len, expected.values())) > 300
    # Each record as (collection, id), by identity: citing() returns the records themselves.
    named = {id(r): (c.name, r.id) for c in COLLECTIONS for r in getattr(DS, c.name)}
    for source in DS.sources:
        citing = DS.citing(source)
        assert citing == DS.citing(source.id)
        assert [named[id(r)] for r in citing] == expected[source.id], source.id
    assert DS.strike_pattern("forefoot") in DS.citing("vannatta-2015")
