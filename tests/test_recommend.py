"""Profiles, recommend() and plan(): properties over generated profiles and examples."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import assume, given, settings

import runtone
from _support import read_raw
from runtone import Level, Profile, ProfileError, UnknownIdError, _loader
from strategies import profiles

if TYPE_CHECKING:
    from _support import RawData

DS = runtone.load()
RAW = read_raw()
PROFILE_FIELDS = {f.name for f in attrs.fields(Profile)}


@settings(max_examples=500)
@given(profiles())
def test_recommend_is_deterministic_doable_and_explained(profile: Profile) -> None:
    first = runtone.recommend(profile)
    assert first == runtone.recommend(profile)
    scores = [s.score for s in first]
    assert scores == sorted(scores, reverse=True)
    for suggestion in first:
        rec = suggestion.recommendation
        assert profile.level in rec.levels
        assert profile.all_injuries.isdisjoint(rec.contraindications)
        assert suggestion.reasons
        for reason in suggestion.reasons:
            assert reason.field in PROFILE_FIELDS
        for exercise in suggestion.exercises:
            assert exercise in rec.exercises
            assert exercise.equipment <= profile.equipment
            assert profile.all_injuries.isdisjoint(exercise.contraindications)
        assert suggestion.sources == rec.sources


@settings(max_examples=500)
@given(profiles())
def test_plans_respect_the_profile(profile: Profile) -> None:
    assume(profile.running_days or profile.strength_days)  # else no plan (test_plan_days.py)
    made = runtone.plan(profile, weeks=3)
    assert made == runtone.plan(profile, weeks=3)
    suggested = {s.recommendation for s in made.suggestions}
    for week in made.weeks:
        assert len(week.days) == 7
        runs = [d for d in week.days if d.run]
        strength = [d for d in week.days if d.strength]
        assert len(runs) <= profile.running_days
        assert len(strength) <= min(profile.strength_days, 3)
        if any(d.strength for d in week.days) or profile.strength_days == 0:
            assert len(strength) >= min(profile.strength_days, 2)
        assert week.minutes <= 7 * profile.minutes_per_session
        for day in week.days:
            assert day.minutes <= profile.minutes_per_session
            if day.run:
                assert day.run.minutes > 0
                assert day.run.exercise.equipment - day.run.needs <= profile.equipment
                assert set(day.run.recommendations) <= suggested
            if day.strength:
                assert day.strength.items
                for item in day.strength.items:
                    # only a current injury's treatment comes without its equipment
                    assert item.exercise.equipment - item.needs <= profile.equipment
                    assert not item.needs or item.injury in profile.injuries
                    assert profile.all_injuries.isdisjoint(item.exercise.contraindications)
                    if item.injury is None:  # advice, suggested or the general strength work
                        assert item.recommendations
                        assert set(item.recommendations) <= suggested | {GENERAL}
                    assert all(item.exercise in r.exercises for r in item.recommendations)


#: The strength advice every plan may fall back on.
GENERAL = runtone.recommendation("combine-running-and-strength")


def test_beginners_build_toward_30_minutes() -> None:
    profile = Profile(level="beginner", running_days=5, minutes_per_session=45, goals=["endurance"])
    weeks = runtone.plan(profile, weeks=9).weeks
    firsts = [next(d.run for d in w.days if d.run) for w in weeks]
    running = [sum(s.repeats * s.seconds for s in r.steps if s.label == "run") for r in firsts]
    assert running == sorted(running)
    assert firsts[0].kind is runtone.SessionKind.RUN_WALK
    last = [s for s in firsts[-1].steps if s.label == "run"]
    assert [(s.repeats, s.seconds, s.recovery_seconds) for s in last] == [(1, 30 * 60, 0)]
    assert "start-slowly-build-to-30-minutes" in {r.id for r in firsts[0].recommendations}


def test_question_hamstrings_without_equipment() -> None:
    found = runtone.find_exercises(muscle="hamstrings", equipment=())
    assert found
    for exercise in found:
        assert exercise.equipment == frozenset()
        targeted = {t.muscle for t in exercise.targets}
        assert targeted & set(DS.with_parts("hamstrings"))


def test_question_heel_to_forefoot() -> None:
    change = runtone.compare_strikes("heel", "forefoot")
    calves, quads = change.row("calves"), change.row("quadriceps")
    assert calves.direction is runtone.Direction.MORE
    assert quads.direction is runtone.Direction.LESS
    for row in (calves, quads):
        assert row.sources
        assert any(s.kind is runtone.SourceKind.SYSTEMATIC_REVIEW for s in row.sources)


@pytest.mark.parametrize("level", list(Level))
def test_every_level_is_told_to_change_foot_strike_only_for_a_reason(level: Level) -> None:
    # The advice not to switch without a reason uses no exercise, so the level rule
    # leaves it for beginners too; how to retrain uses the intermediate retraining drill.
    profile = Profile(level=level, strike_pattern="heel", goals=["injury_prevention"])
    ids = [s.recommendation.id for s in runtone.recommend(profile)]
    assert "change-foot-strike-only-with-reason" in ids
    assert ("retrain-foot-strike-gradually" in ids) is (level is not Level.BEGINNER)
    reason = DS.recommendation("change-foot-strike-only-with-reason")
    gradual = DS.recommendation("retrain-foot-strike-gradually")
    assert reason.levels == frozenset(Level)
    assert not reason.exercises
    assert [e.id for e in gradual.exercises] == ["forefoot-strike-retraining"]


def test_retraining_gradually_rests_on_the_rows_about_how_to_change() -> None:
    # Its sources are those of the heel-strike rows on the load and the programme,
    # not of the row that says a healthy heel striker has no proven reason to switch.
    rows = DS.strike_pattern("rearfoot").how_to_change
    (why_not,) = [r for r in rows if "no proven reason" in r.text]
    how = {s.id for r in rows if r is not why_not for s in r.sources}
    cited = {s.id for s in DS.recommendation("retrain-foot-strike-gradually").sources}
    assert cited <= how
    assert cited.isdisjoint(s.id for s in why_not.sources)
    assert {s.id for s in why_not.sources} <= {
        s.id for s in DS.recommendation("change-foot-strike-only-with-reason").sources
    }


def test_question_beginner_heel_striker_with_weak_glutes_and_knee_pain() -> None:
    profile = Profile(
        level="beginner",
        strike_pattern="heel",
        weak_muscles=["glutes"],
        injuries=["runner's knee"],
    )
    suggestions = runtone.recommend(profile)
    ids = [s.recommendation.id for s in suggestions]
    assert ids[0] == "strengthen-hips-and-glutes"
    assert "raise-step-rate" in ids
    top = suggestions[0]
    assert {r.field for r in top.reasons} == {"weak_muscles", "injuries"}
    week = runtone.plan(profile).weeks[0]
    assert any(day.is_rest for day in week.days)
    assert any(d.strength for d in week.days)


def test_compare_is_a_mirror_both_ways() -> None:
    effects = (*DS.strike_patterns, *DS.stride_effects)
    for a in effects:
        for b in effects:
            ab, ba = runtone.compare_strikes(a, b), runtone.compare_strikes(b, a)
            assert ab.mirror() == ba
            assert [r.direction.mirror for r in ab.muscles] == [r.direction for r in ba.muscles]


def _findings(pattern: str, field: str) -> dict[str, dict[str, object]]:
    """A strike pattern's raw findings (``muscle_effects`` or ``joint_loads``) by subject."""
    record = next(r for r in RAW["strike_patterns"] if r["id"] == pattern)
    subject = "muscle" if field == "muscle_effects" else "structure"
    findings = record[field]
    assert isinstance(findings, list)
    return {str(f[subject]): f for f in findings}


def _subject(row: runtone.MuscleRow | runtone.JointRow) -> str:
    return row.muscle.id if isinstance(row, runtone.MuscleRow) else row.structure.value


def test_compare_rows_carry_evidence_and_sources() -> None:
    # Checked against the raw JSON. Midfoot strike is measured against rearfoot strike,
    # so its own findings are the rows, as the data state them.
    direct = runtone.compare_strikes("rearfoot", "midfoot")
    for rows, field in ((direct.muscles, "muscle_effects"), (direct.joints, "joint_loads")):
        findings = _findings("midfoot-strike", field)
        assert rows
        assert {_subject(row) for row in rows} == set(findings)
        for row in rows:
            finding = findings[_subject(row)]
            assert not row.derived
            assert row.direction.value == finding["direction"]
            assert row.evidence.value == finding["evidence"]
            assert [s.id for s in row.sources] == finding["sources"]
    # Midfoot and forefoot strike are each measured against rearfoot strike: each row
    # rests on both patterns' findings, with the weaker grade and the sources of both.
    derived = runtone.compare_strikes("midfoot", "forefoot")
    for rows, field in ((derived.muscles, "muscle_effects"), (derived.joints, "joint_loads")):
        mid, fore = _findings("midfoot-strike", field), _findings("forefoot-strike", field)
        assert rows
        assert {_subject(row) for row in rows} == set(mid) | set(fore)
        for row in rows:
            both = [f[_subject(row)] for f in (mid, fore) if _subject(row) in f]
            grades = [runtone.EvidenceGrade(str(f["evidence"])) for f in both]
            assert row.derived
            assert row.evidence is min(grades, key=lambda grade: grade.rank)
            cited: list[object] = []
            for finding in both:
                assert isinstance(finding["sources"], list)
                cited.extend(finding["sources"])
            assert [s.id for s in row.sources] == list(dict.fromkeys(cited))


def test_min_evidence_drops_weaker_advice() -> None:
    goals = [g for g in runtone.Goal if g is not runtone.Goal.RETURN_FROM_INJURY]
    profile = Profile(goals=goals, level="intermediate")
    everything = runtone.recommend(profile)
    strong = runtone.recommend(profile, min_evidence="systematic_review")
    assert 0 < len(strong) < len(everything)
    assert all(s.recommendation.evidence is runtone.EvidenceGrade.SYSTEMATIC_REVIEW for s in strong)


def test_injury_contraindications_are_respected(raw: RawData) -> None:
    # The packaged data sets no contraindication, so give one to a recommendation and
    # to an exercise, and check that recommend() and plan() then keep away from both.
    recs = {r["id"]: r for r in raw["recommendations"]}
    recs["strengthen-hips-and-glutes"]["contraindications"] = ["patellofemoral-pain"]
    exercises = {e["id"]: e for e in raw["exercises"]}
    exercises["squat"]["contraindications"] = ["patellofemoral-pain"]
    edited = _loader.build(raw)
    healthy = Profile(goals=["tone"], weak_muscles=["glutes"])
    hurt = attrs.evolve(healthy, past_injuries=["runner's knee"])

    def suggested(profile: Profile) -> set[str]:
        return {s.recommendation.id for s in runtone.recommend(profile, dataset=edited)}

    def planned(profile: Profile) -> set[str]:
        weeks = runtone.plan(profile, dataset=edited).weeks
        return {
            item.exercise.id
            for week in weeks
            for day in week.days
            if day.strength
            for item in day.strength.items
        }

    assert "strengthen-hips-and-glutes" in suggested(healthy)
    assert "strengthen-hips-and-glutes" not in suggested(hurt)
    assert "squat" in planned(healthy)
    assert "squat" not in planned(hurt)
    for suggestion in runtone.recommend(hurt, dataset=edited):
        assert "squat" not in {e.id for e in suggestion.exercises}


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"minutes_per_session": -5}, ProfileError, "minutes_per_session: must be from 10 to 300"),
        ({"running_days": 8}, ProfileError, "running_days: must be from 0 to 7"),
        ({"strength_days": -1}, ProfileError, "strength_days: must be from 0 to 7"),
        ({"level": "expert"}, ProfileError, "level: 'expert' is not one of"),
        ({"goals": ["abs"]}, ProfileError, "goals: 'abs' is not one of"),
        (
            {"equipment": "dumbbells"},
            TypeError,
            "equipment: expected a collection of Equipment values",
        ),
        ({"goals": [None]}, TypeError, "goals: expected Goal or its value"),
        (
            {"weak_muscles": [3]},
            TypeError,
            "weak_muscles: expected a muscle of this dataset or its id",
        ),
        ({"running_days": 3.5}, TypeError, "running_days: expected a whole number"),
        ({"weak_muscles": ["glutez"]}, UnknownIdError, "weak_muscles: no muscle 'glutez'"),
        ({"injuries": ["runers knee"]}, UnknownIdError, "injuries: no injury 'runers knee'"),
        ({"strike_pattern": "toe"}, UnknownIdError, "strike_pattern: no strike pattern 'toe'"),
    ],
)
def test_bad_profiles_name_the_field(kwargs: dict[str, object], error: type, text: str) -> None:
    with pytest.raises(error) as info:
        Profile(**kwargs)  # type: ignore[arg-type]
    assert str(info.value).startswith(text)


def test_unknown_ids_suggest_close_matches() -> None:
    with pytest.raises(UnknownIdError) as info:
        Profile(weak_muscles=["glutez"])
    assert "glutes" in info.value.suggestions
    assert info.value.field == "weak_muscles"


def test_profile_is_immutable_and_hashable() -> None:
    profile = Profile(goals=["tone"], level=Level.ADVANCED)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        profile.level = Level.BEGINNER  # type: ignore[misc]
    assert hash(profile) == hash(Profile(goals={"tone"}, level="advanced"))


def test_plan_weeks_are_checked() -> None:
    with pytest.raises(ProfileError, match=r"^weeks: must be from 1 to 52"):
        runtone.plan(Profile(), weeks=0)
    with pytest.raises(TypeError, match=r"^weeks: "):
        runtone.plan(Profile(), weeks="4")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^profile: "):
        runtone.recommend({"level": "beginner"})  # type: ignore[arg-type]


def test_compare_names_the_bad_argument() -> None:
    with pytest.raises(UnknownIdError) as info:
        runtone.compare_strikes("heel", "forfoot")
    assert str(info.value).startswith(
        "b: no strike pattern 'forfoot'; did you mean 'forefoot-strike'"
    )
    with pytest.raises(TypeError, match=r"^a: expected a strike pattern of this dataset"):
        runtone.compare_strikes(DS.muscle("calves"), "heel")  # type: ignore[arg-type]
    assert runtone.compare_strikes("uphill", "downhill").a.id == "uphill"
