"""Every plan gives the days its profile asks for, or says what it changed and why."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from _support import RawData, examples
from runtone import Adjustment, Plan, Profile, ProfileError
from strategies import profiles


def _days(plan: Plan) -> list[tuple[int, int]]:
    """(running days, strength days) of each week."""
    return [
        (
            sum(day.run is not None for day in week.days),
            sum(day.strength is not None for day in week.days),
        )
        for week in plan.weeks
    ]


def _given(plan: Plan, field: str) -> int:
    """The days a week the plan says it gives for ``field``."""
    changes = [a for a in plan.adjustments if a.field == field]
    assert len(changes) <= 1, changes
    asked = getattr(plan.profile, field)
    if not changes:
        return int(asked)
    (change,) = changes
    assert change.asked == asked
    assert 0 <= change.planned < change.asked
    assert change.reason.strip()
    return change.planned


@settings(max_examples=examples(2))
@given(profile=profiles(), weeks=st.integers(1, 6))
def test_every_plan_honours_the_days_or_says_what_it_changed(profile: Profile, weeks: int) -> None:
    if profile.running_days == 0 and profile.strength_days == 0:
        with pytest.raises(ProfileError) as info:
            runtone.plan(profile, weeks=weeks)
        assert info.value.field == "profile"
        return
    plan = runtone.plan(profile, weeks=weeks)
    expected = (_given(plan, "running_days"), _given(plan, "strength_days"))
    assert _days(plan) == [expected] * weeks
    assert {a.field for a in plan.adjustments} <= {"running_days", "strength_days"}


def test_seven_and_seven_gives_seven_runs_and_says_why_strength_is_three() -> None:
    profile = Profile(
        level="intermediate", weak_muscles=["glutes"], running_days=7, strength_days=7
    )
    plan = runtone.plan(profile, weeks=2)
    assert _days(plan) == [(7, 3), (7, 3)]
    (change,) = plan.adjustments
    assert (change.field, change.asked, change.planned) == ("strength_days", 7, 3)
    assert "2 to 3 strength days" in change.reason
    assert all(day.minutes <= profile.minutes_per_session for day in plan.weeks[0].days)


def test_zero_and_zero_is_a_profile_no_plan_can_honour() -> None:
    profile = Profile(running_days=0, strength_days=0)
    assert runtone.recommend(Profile(weak_muscles=["glutes"], running_days=0, strength_days=0))
    with pytest.raises(ProfileError) as info:
        runtone.plan(profile)
    assert str(info.value) == (
        "profile: running_days and strength_days are both 0: there is no day to plan; "
        "give at least one day of running or of strength work"
    )


def test_strength_days_with_no_strength_exercise_to_give_are_named(
    raw: RawData, load_edited: Callable[[RawData], object]
) -> None:
    # Without the general strength advice, a profile that no advice answers has none.
    raw["recommendations"] = [
        r for r in raw["recommendations"] if r["id"] != "combine-running-and-strength"
    ]
    ds = load_edited(raw)
    assert isinstance(ds, runtone.Dataset)
    plan = runtone.plan(Profile(running_days=3, strength_days=2), weeks=1, dataset=ds)
    assert _days(plan) == [(3, 0)]
    assert plan.adjustments == (
        Adjustment(
            "strength_days",
            2,
            0,
            "no suggestion for this profile has a strength, plyometric or mobility exercise "
            "it can do (with its equipment and injuries)",
        ),
    )


def test_running_days_in_a_dataset_without_an_easy_run_are_named(
    raw: RawData, load_edited: Callable[[RawData], object]
) -> None:
    raw["exercises"] = [e for e in raw["exercises"] if e["id"] != "easy-long-run"]
    ds = load_edited(raw)
    assert isinstance(ds, runtone.Dataset)
    profile = Profile(level="intermediate", weak_muscles=["glutes"], running_days=4)
    plan = runtone.plan(profile, weeks=1, dataset=ds)
    assert _days(plan) == [(0, 2)]
    (change,) = plan.adjustments
    assert (change.field, change.asked, change.planned) == ("running_days", 4, 0)
    assert "'easy-long-run'" in change.reason


def test_the_command_line_says_what_the_plan_changed(capsys: pytest.CaptureFixture[str]) -> None:
    from runtone.cli import main  # noqa: PLC0415 - only this test needs the CLI

    argv = ["plan", "--level", "intermediate", "--weak", "glutes"]
    argv += ["--running-days", "7", "--strength-days", "7"]
    assert main([*argv, "--weeks", "1"]) == 0
    out = capsys.readouterr().out
    assert "Changed: strength_days 7 -> 3: the evidence supports" in out
    assert main([*argv, "--weeks", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["adjustments"] == [
        {
            "field": "strength_days",
            "asked": 7,
            "planned": 3,
            "reason": runtone.plan(
                Profile(
                    level="intermediate", weak_muscles=["glutes"], running_days=7, strength_days=7
                ),
                weeks=1,
            )
            .adjustments[0]
            .reason,
        }
    ]
