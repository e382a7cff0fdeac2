"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

import enum

import attrs
from hypothesis import strategies as st

import runtone
from _support import fields_of

#: Every enum of runtone's vocabulary.
ENUMS: tuple[type[enum.Enum], ...] = (
    runtone.Direction,
    runtone.Equipment,
    runtone.EvidenceGrade,
    runtone.ExerciseKind,
    runtone.GaitPhase,
    runtone.Goal,
    runtone.JointAction,
    runtone.Level,
    runtone.MuscleKind,
    runtone.RaceDistance,
    runtone.Region,
    runtone.SessionKind,
    runtone.SourceKind,
    runtone.StrideCategory,
    runtone.Structure,
    runtone.TargetRole,
    runtone.Verdict,
    runtone.WeekKind,
)

#: The lookup method of each collection, in the order of the loader's collections.
LOOKUPS = (
    "source",
    "muscle",
    "injury",
    "exercise",
    "strike_pattern",
    "stride_effect",
    "claim",
    "recommendation",
    "term",
    "training_rule",
)

DS = runtone.load()


@st.composite
def profiles(draw: st.DrawFn) -> runtone.Profile:
    """Any valid profile, its records given as objects or as ids, names or aliases."""

    def pick(records: tuple[object, ...]) -> st.SearchStrategy[list[object]]:
        as_key = st.sampled_from(records).flatmap(
            lambda r: st.sampled_from([r, getattr(r, "id"), getattr(r, "name")])  # noqa: B009
        )
        return st.lists(as_key, max_size=4)

    injuries = draw(pick(DS.injuries))
    past = draw(pick(DS.injuries))
    goals = draw(st.frozensets(st.sampled_from(runtone.Goal)))
    if not injuries and not past:  # returning from injury needs one (a ProfileError)
        goals -= {runtone.Goal.RETURN_FROM_INJURY}
    running_days = draw(st.integers(0, 7))
    current_days = draw(st.none() | st.integers(0, 7))
    weekly: int | None = None
    longest: int | None = None
    if current_days != 0:  # minutes need days; days need minutes (ProfileErrors)
        most = 7 * 300 if current_days is None else current_days * 300
        weekly = draw(st.none() | st.integers(1, most))
        top = 300 if weekly is None else min(300, weekly)
        longest = draw(st.none() | st.integers(0, top))
        if current_days is not None and weekly is None:
            weekly = draw(st.integers(1, most))
            longest = None if longest is None else min(longest, weekly)
    return runtone.Profile(
        goals=goals,
        level=draw(st.sampled_from(runtone.Level)),
        strike_pattern=draw(st.none() | st.sampled_from(DS.strike_patterns)),
        weak_muscles=draw(pick(DS.muscles)),  # type: ignore[arg-type]
        tight_muscles=draw(pick(DS.muscles)),  # type: ignore[arg-type]
        injuries=injuries,  # type: ignore[arg-type]
        past_injuries=past,  # type: ignore[arg-type]
        equipment=draw(st.frozensets(st.sampled_from(runtone.Equipment))),
        running_days=running_days,
        strength_days=draw(st.integers(0, 7)),
        minutes_per_session=draw(st.integers(10, 300)),
        race=draw(st.none() | st.sampled_from(runtone.RaceDistance)) if running_days else None,
        current_running_days=current_days,
        weekly_minutes=weekly,
        longest_run=longest,
    )


@st.composite
def plans(draw: st.DrawFn) -> runtone.Plan:
    """A plan of any length for any profile with a day to plan (0 and 0 is a ProfileError)."""
    runner = draw(profiles().filter(lambda p: p.running_days or p.strength_days))
    return runtone.plan(runner, weeks=draw(st.integers(1, 52)))


@st.composite
def comparisons(draw: st.DrawFn) -> runtone.StrikeComparison:
    """A comparison of any two stride effects (foot strikes or others), either way round."""
    effects = DS.strike_patterns + DS.stride_effects
    return runtone.compare_strikes(draw(st.sampled_from(effects)), draw(st.sampled_from(effects)))


def parts(value: object) -> list[object]:
    """``value`` and every runtone object inside it, each once, outermost first."""
    found: dict[int, object] = {}

    def walk(item: object) -> None:
        if isinstance(item, (tuple, frozenset, list)):
            for inner in item:
                walk(inner)
        elif attrs.has(type(item)) and id(item) not in found:
            found[id(item)] = item
            for field in fields_of(item):
                walk(getattr(item, field.name))

    walk(value)
    return list(found.values())


#: Every record of the packaged dataset, and every part of one (findings, targets, ...).
RECORD_PARTS = tuple(
    part for name in ("sources", "muscles", "injuries", "exercises", "stride_effects",
                      "strike_patterns", "claims", "recommendations")
    for record in getattr(DS, name) for part in parts(record)
)  # fmt: skip


@st.composite
def runtone_objects(draw: st.DrawFn) -> object:
    """Any record or part of one, profile, plan or part of one, comparison or row of one."""
    source = draw(st.sampled_from(["record", "profile", "plan", "comparison", "suggestions"]))
    if source == "record":
        return draw(st.sampled_from(RECORD_PARTS))
    if source == "profile":
        return draw(profiles())
    made: object
    if source == "plan":
        made = draw(plans())
    elif source == "comparison":
        made = draw(comparisons())
    else:
        made = runtone.recommend(draw(profiles()))
    inside = parts(made)
    return draw(st.sampled_from(inside)) if inside else draw(profiles())  # no suggestions


@st.composite
def mangled(draw: st.DrawFn, value: object) -> object:
    """``value`` with its text and numbers replaced by any text (long, escapes) and any int.

    No validation runs when a record is made by hand, so a repr must stay short
    whatever the fields hold.
    """
    changes: dict[str, object] = {}
    for field in fields_of(value):
        if field.converter is not None:  # a Profile checks its numbers
            continue
        current = getattr(value, field.name)
        if isinstance(current, str):
            changes[field.name] = draw(st.text(max_size=2000) | st.just("\x1b[31m" * 300))
        elif isinstance(current, int) and not isinstance(current, bool):
            changes[field.name] = draw(st.integers() | st.just(10**5000) | st.just(-(10**40)))
    return attrs.evolve(value, **changes)  # type: ignore[misc]
