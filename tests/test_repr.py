"""Every runtone object prints short: its class, the ids or values that tell it apart, counts.

A repr that spelt out nested records ran to 17 million characters for a 4-week plan
(204 MB for 52 weeks), 130 KB for a Profile and 1.26 MB for recommend()'s tuple:
a REPL, a notebook or a log line hung on it.
"""

from __future__ import annotations

import enum
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from _support import examples
from runtone._repr import LIMIT, TEXT, quote
from strategies import (
    DS,
    RECORD_PARTS,
    mangled,
    parts,
    plans,
    profiles,
    runtone_objects,
)

ROOT = Path(__file__).resolve().parent.parent

#: <Class key: details>, <Class: details> or <Class key>
SHAPE = re.compile(r"<(?P<cls>[A-Za-z]+)(?: [^:]+)?(?::? .*)?>", re.DOTALL)


#: The fields whose values each kind of result shows first, after its class name.
RESULT_KEYS: dict[type, tuple[str, ...]] = {
    runtone.Reason: ("field", "value"),
    runtone.Suggestion: ("recommendation",),
    runtone.RunSession: ("exercise",),
    runtone.StrengthItem: ("exercise",),
    runtone.StrengthSession: (),
    runtone.Day: (attrs.fields(runtone.Day)[0].name,),  # its number
    runtone.Week: ("number",),
    runtone.Plan: (),
    runtone.Profile: (),
    runtone.StrikeComparison: ("a", "b"),
    runtone.MuscleRow: ("muscle",),
    runtone.JointRow: ("structure",),
}


def _shown(value: object) -> str:
    """How a key field's value reads in a repr: a record as its id, an enum as its value."""
    ident = getattr(value, "id", None)
    if isinstance(ident, str):
        return repr(ident)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        # The module's rule: a number of more than 15 digits is shown by its size (and
        # repr() of one of more than 4,300 digits raises ValueError).
        return f"<a {value.bit_length()}-bit number>"
    return repr(value)


def _check(value: object) -> str:
    text = repr(value)
    assert len(text) <= LIMIT, (len(text), text[:500])
    match = SHAPE.fullmatch(text)
    assert match, text
    assert match["cls"] == type(value).__name__
    ident = getattr(value, "id", None)
    if isinstance(ident, str) and len(ident) <= TEXT and ident.isprintable():
        assert text.startswith(f"<{type(value).__name__} {ident!r}"), text
    keys = RESULT_KEYS.get(type(value), getattr(value, "_repr_key", ()))
    head = " ".join(_shown(getattr(value, name)) for name in keys)
    if len(head) <= TEXT:  # not cut short
        assert text.startswith(
            f"<{type(value).__name__} {head}" if head else f"<{type(value).__name__}"
        ), text
    return text


@given(runtone_objects())
@settings(max_examples=examples(2))
def test_every_repr_is_short_and_names_its_class_and_id(value: object) -> None:
    _check(value)


@given(st.sampled_from((*RECORD_PARTS, runtone.Profile())).flatmap(mangled))
@settings(max_examples=examples(2))
def test_a_repr_stays_short_whatever_its_fields_hold(value: object) -> None:
    _check(value)


@given(plans())
@settings(max_examples=examples(0.3))
def test_a_plan_of_any_length_prints_in_a_line(made: runtone.Plan) -> None:
    text = _check(made)
    assert f"{len(made.weeks)} weeks" in text
    assert f"{len(made.suggestions)} suggestions" in text
    for week in made.weeks:
        assert _check(week).startswith(f"<Week {week.number}: 7 days, minutes={week.minutes}")
        for day in week.days:
            _check(day)


@given(profiles())
def test_a_profile_prints_its_numbers_and_counts(profile: runtone.Profile) -> None:
    text = _check(profile)
    strike = profile.strike_pattern
    assert (f"strike_pattern={strike.id!r}" if strike else "strike_pattern=None") in text
    assert f"{len(profile.weak_muscles)} weak_muscles" in text
    assert f"running_days={profile.running_days}" in text
    assert f"minutes_per_session={profile.minutes_per_session}" in text


def test_the_api_reference_shows_real_reprs() -> None:
    text = " ".join((ROOT / "docs" / "api.rst").read_text("utf-8").split())
    runner = runtone.Profile(weak_muscles=["glutes"])
    for value in (
        runtone.muscle("quads"),
        runtone.exercise("calf raise").targets[0],
        runtone.recommend(runner)[0],
        runtone.plan(runner),
    ):
        assert f"``{value!r}``" in text, value
    assert f"``{repr(DS).split(',')[0]}, ...>``" in text


def test_the_reprs_read_as_documented() -> None:
    # runtone._repr and docs/api.rst describe these; a change of style is a change of docs.
    p = runtone.Profile(
        level="beginner", strike_pattern="heel", weak_muscles=["glutes"], goals=["strength"]
    )
    made = runtone.plan(p, weeks=52)
    top = made.suggestions[0]
    assert repr(runtone.muscle("quads")) == "<Muscle 'quadriceps'>"
    assert repr(runtone.exercise("calf raise").targets[0]) == "<Target 'calves': role=primary>"
    assert repr(p) == (
        "<Profile: 1 goals, level=beginner, strike_pattern='rearfoot-strike', 1 weak_muscles, "
        "0 tight_muscles, 0 injuries, 0 past_injuries, 0 equipment, running_days=3, "
        "strength_days=2, minutes_per_session=30, race=None, current_running_days=None, "
        "weekly_minutes=None, longest_run=None>"
    )
    counts = (
        f"{len(made.suggestions)} suggestions, {len(made.adjustments)} adjustments, "
        f"{len(made.notes)} notes"
    )
    expected = f"<Plan: 52 weeks, {counts}>"
    assert repr(made) == expected
    assert repr(top) == (
        f"<Suggestion {top.recommendation.id!r}: score={top.score}, {len(top.reasons)} reasons, "
        f"{len(top.exercises)} exercises, {len(top.sources)} sources>"
    )
    assert repr(top.reasons[0]) == f"<Reason {top.reasons[0].field!r} {top.reasons[0].value!r}>"
    change = runtone.compare_strikes("heel", "forefoot")
    assert repr(change) == (
        f"<StrikeComparison 'rearfoot-strike' 'forefoot-strike': {len(change.muscles)} muscles, "
        f"{len(change.joints)} joints>"
    )
    assert repr(change.row("calves")).startswith("<MuscleRow 'calves': direction=more, ")
    assert repr(DS).startswith(f"<Dataset: {len(DS.muscles)} muscles, ")


def test_recommend_and_its_tuple_print_short() -> None:
    goals = set(runtone.Goal) - {runtone.Goal.RETURN_FROM_INJURY}  # that one needs an injury
    p = runtone.Profile(goals=goals, weak_muscles=[m.id for m in DS.muscles])
    found = runtone.recommend(p)
    assert len(repr(found)) <= (LIMIT + 2) * len(found)  # a tuple of short reprs
    for suggestion in found:
        _check(suggestion)


def test_a_day_shows_its_sessions_short() -> None:
    made = runtone.plan(runtone.Profile(strength_days=2, weak_muscles=["glutes"]), weeks=1)
    day = next(d for d in made.weeks[0].days if d.run is not None)
    number = getattr(day, attrs.fields(type(day))[0].name)
    assert repr(day).startswith(f"<Day {number}: run=<RunSession {day.run.exercise.id!r}: ")  # type: ignore[union-attr]
    rest = next(d for d in made.weeks[0].days if d.is_rest)
    assert repr(rest).endswith(": run=None, strength=None>")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("short", "'short'"),
        ("x" * TEXT, repr("x" * TEXT)),
        ("x" * (TEXT + 1), repr("x" * TEXT) + "..."),
        ("\x1b" * TEXT, repr("\x1b" * (TEXT // 4)) + "..."),
    ],
)
def test_quote_cuts_long_text_and_says_so(text: str, shown: str) -> None:
    assert quote(text) == shown
    assert len(quote(text)) <= TEXT + 5


def test_every_part_of_every_record_prints_short() -> None:
    for part in RECORD_PARTS:
        _check(part)
    assert {type(p) for p in RECORD_PARTS} >= {
        runtone.Finding,
        runtone.Target,
        runtone.MuscleEffect,
        runtone.JointLoad,
        runtone.Assertion,
        runtone.Dosage,
    }


def test_parts_walks_every_nested_object() -> None:
    made = runtone.plan(runtone.Profile(strength_days=2, weak_muscles=["glutes"]), weeks=2)
    kinds = {type(p) for p in parts(made)}
    assert {runtone.Week, runtone.Day, runtone.StrengthSession, runtone.Suggestion} <= kinds
