"""Right answers across datasets: a record of one dataset is taken by id in another.

A Profile made the usual way holds the packaged dataset's records; recommend() and
plan() given a dataset loaded with packs must answer with that dataset's records (a
pack's replacements included), and every function that takes records and a dataset
takes them by id there, or says clearly that the dataset lacks the id.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings

import runtone
from _support import examples, read_raw
from runtone import Dataset, Profile, UnknownIdError
from strategies import profiles

RAW = read_raw()
BASE = runtone.load()


def _record(collection: str, ident: str, **changes: object) -> dict[str, object]:
    record = copy.deepcopy(next(r for r in RAW[collection] if r["id"] == ident))
    record.update(changes)
    return record


def _pack(directory: Path, overrides: dict[str, list[str]], **collections: object) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, records in collections.items():
        (directory / f"{name}.json").write_text(json.dumps(records), "utf-8")
    (directory / "pack.json").write_text(json.dumps({"overrides": overrides}), "utf-8")
    return directory


@pytest.fixture(scope="module")
def knee_pack(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """Replaces patellofemoral pain and makes it rule out the hip strengthening advice."""
    injury = _record("injuries", "patellofemoral-pain", description="Knee pain, as we say it.")
    advice = _record(
        "recommendations", "strengthen-hips-and-glutes", contraindications=["patellofemoral-pain"]
    )
    directory = _pack(
        tmp_path_factory.mktemp("knee") / "pack",
        {"injuries": ["patellofemoral-pain"], "recommendations": ["strengthen-hips-and-glutes"]},
        injuries=[injury],
        recommendations=[advice],
    )
    return runtone.load(packs=[directory])


@pytest.fixture(scope="module")
def glutes_pack(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """Replaces the glutes and the forefoot strike, and adds a muscle of its own."""
    glutes = _record("muscles", "glutes", location="The buttock, as our app draws it.")
    forefoot = _record("strike_patterns", "forefoot-strike", description="Toes first, we say.")
    source = _record("sources", "vannatta-2015", note="Checked again by our app.")
    twin = _record("muscles", "soleus", id="soleus-twin", name="Soleus twin", aliases=[])
    directory = _pack(
        tmp_path_factory.mktemp("glutes") / "pack",
        {
            "muscles": ["glutes"],
            "strike_patterns": ["forefoot-strike"],
            "sources": ["vannatta-2015"],
        },
        muscles=[glutes, twin],
        strike_patterns=[forefoot],
        sources=[source],
    )
    return runtone.load(packs=[directory])


def _ids(suggestions: tuple[runtone.Suggestion, ...]) -> list[str]:
    return [s.recommendation.id for s in suggestions]


KNEE: runtone.ProfileFields = {
    "level": "beginner",
    "weak_muscles": ["glutes"],
    "injuries": ["runner's knee"],
}


def test_a_packs_contraindication_holds_for_a_profile_made_the_usual_way(
    knee_pack: Dataset,
) -> None:
    profile = Profile(**KNEE)
    assert "strengthen-hips-and-glutes" in _ids(runtone.recommend(profile))
    found = runtone.recommend(profile, dataset=knee_pack)
    assert "strengthen-hips-and-glutes" not in _ids(found)
    assert found == runtone.recommend(Profile.in_dataset(knee_pack, **KNEE), dataset=knee_pack)
    made = runtone.plan(profile, dataset=knee_pack)
    assert made.suggestions == found
    (injury,) = made.profile.injuries
    assert injury is knee_pack.injury("patellofemoral-pain")
    assert all(
        "strengthen-hips-and-glutes" not in [r.id for r in item.recommendations]
        for week in made.weeks
        for day in week.days
        if day.strength is not None
        for item in day.strength.items
    )


def test_a_replaced_muscle_and_strike_pattern_are_taken_by_id(glutes_pack: Dataset) -> None:
    fields: runtone.ProfileFields = {"weak_muscles": ["glutes"], "strike_pattern": "forefoot"}
    profile = Profile(**fields)
    assert profile.weak_muscles != {glutes_pack.muscle("glutes")}
    found = runtone.recommend(profile, dataset=glutes_pack)
    assert found
    assert found == runtone.recommend(
        Profile.in_dataset(glutes_pack, **fields), dataset=glutes_pack
    )
    resolved = runtone.plan(profile, weeks=1, dataset=glutes_pack).profile
    assert resolved.weak_muscles == {glutes_pack.muscle("glutes")}
    assert resolved.strike_pattern is glutes_pack.strike_pattern("forefoot")


def test_a_profile_made_in_the_dataset_is_used_as_it_is(glutes_pack: Dataset) -> None:
    profile = Profile(weak_muscles=["glutes"], injuries=["shin splints"], strike_pattern="heel")
    assert runtone.plan(profile, weeks=1).profile is profile
    made_there = Profile.in_dataset(glutes_pack, weak_muscles=["glutes"])
    assert runtone.plan(made_there, weeks=1, dataset=glutes_pack).profile is made_there


def test_a_profile_record_the_dataset_lacks_is_named(glutes_pack: Dataset) -> None:
    profile = Profile.in_dataset(glutes_pack, tight_muscles=["soleus twin", "calves"])
    for call in (runtone.recommend, runtone.plan):
        with pytest.raises(UnknownIdError) as info:
            call(profile)
        assert (info.value.field, info.value.key) == ("profile.tight_muscles", "soleus-twin")
        assert str(info.value).startswith("profile.tight_muscles: no muscle 'soleus-twin'")
        assert "soleus" in info.value.suggestions


@settings(max_examples=examples(0.5))
@given(profile=profiles())
def test_any_profile_answers_as_if_made_in_the_dataset(
    glutes_pack: Dataset, knee_pack: Dataset, profile: Profile
) -> None:
    for ds in (glutes_pack, knee_pack):
        again = Profile.in_dataset(
            ds,
            goals=profile.goals,
            level=profile.level,
            strike_pattern=None if profile.strike_pattern is None else profile.strike_pattern.id,
            weak_muscles=[m.id for m in profile.weak_muscles],
            tight_muscles=[m.id for m in profile.tight_muscles],
            injuries=[i.id for i in profile.injuries],
            past_injuries=[i.id for i in profile.past_injuries],
            equipment=profile.equipment,
            running_days=profile.running_days,
            strength_days=profile.strength_days,
            minutes_per_session=profile.minutes_per_session,
            race=profile.race,
            current_running_days=profile.current_running_days,
            weekly_minutes=profile.weekly_minutes,
            longest_run=profile.longest_run,
        )
        assert runtone.recommend(profile, dataset=ds) == runtone.recommend(again, dataset=ds)
        if profile.running_days or profile.strength_days:  # else no plan: test_plan_days.py
            planned = runtone.plan(profile, weeks=2, dataset=ds)
            assert planned == runtone.plan(again, weeks=2, dataset=ds)


# --- every other function that takes records and a dataset ----------------------------


def test_dataset_methods_take_a_record_of_another_dataset_by_id(glutes_pack: Dataset) -> None:
    ds, glutes, vannatta = glutes_pack, BASE.muscle("glutes"), BASE.source("vannatta-2015")
    assert glutes != ds.muscle("glutes")
    assert vannatta != ds.source("vannatta-2015")
    assert ds.parts(glutes) == ds.parts("glutes")
    assert ds.with_parts(glutes) == ds.with_parts("glutes")
    assert ds.with_parts(glutes)[0] is ds.muscle("glutes")
    assert ds.group(BASE.muscle("gluteus-medius")) is ds.muscle("glutes")
    assert ds.related_muscles(glutes) == ds.related_muscles("glutes")
    assert ds.find_exercises(muscle=glutes) == ds.find_exercises(muscle="glutes")
    assert ds.find_claims(muscle=glutes) == ds.find_claims(muscle="glutes")
    assert ds.find_recommendations(muscle=glutes) == ds.find_recommendations(muscle="glutes")
    knee = BASE.injury("patellofemoral-pain")
    assert ds.find_recommendations(injury=knee) == ds.find_recommendations(injury=knee.id)
    assert ds.citing(vannatta) == ds.citing("vannatta-2015")
    assert ds.citing(vannatta)


def test_compare_and_diagram_take_a_record_of_another_dataset_by_id(
    glutes_pack: Dataset,
) -> None:
    ds, forefoot = glutes_pack, BASE.strike_pattern("forefoot")
    change = runtone.compare_strikes("heel", forefoot, dataset=ds)
    assert change == runtone.compare_strikes("heel", "forefoot", dataset=ds)
    assert change.b is ds.strike_pattern("forefoot")
    mapping = {BASE.muscle("glutes"): 0.5}
    assert runtone.diagram(mapping, dataset=ds) == runtone.diagram({"glutes": 0.5}, dataset=ds)


def test_a_record_whose_id_the_dataset_lacks_is_named(glutes_pack: Dataset) -> None:
    twin = glutes_pack.muscle("soleus-twin")
    calls: dict[str, list[Callable[[], object]]] = {
        "muscle": [
            lambda: BASE.parts(twin),
            lambda: BASE.group(twin),
            lambda: BASE.with_parts(twin),
            lambda: BASE.related_muscles(twin),
            lambda: BASE.find_exercises(muscle=twin),
            lambda: BASE.find_claims(muscle=twin),
            lambda: BASE.find_recommendations(muscle=twin),
        ],
        "subject": [lambda: runtone.diagram({twin: 0.5})],
        "weak_muscles": [lambda: Profile(weak_muscles=[twin])],
    }
    for field, failing in calls.items():
        for call in failing:
            with pytest.raises(UnknownIdError) as info:
                call()
            assert (info.value.field, info.value.key) == (field, "soleus-twin")
            assert "soleus" in info.value.suggestions


@pytest.mark.parametrize(
    "call",
    [
        lambda: BASE.parts(BASE.exercise("squat")),  # type: ignore[arg-type]
        lambda: BASE.citing(BASE.muscle("calves")),  # type: ignore[arg-type]
        lambda: runtone.compare_strikes(BASE.muscle("calves"), "heel"),  # type: ignore[arg-type]
    ],
)
def test_a_record_of_the_wrong_collection_is_still_a_type_error(call: object) -> None:
    assert callable(call)
    with pytest.raises(TypeError, match=r"^(muscle|source|a): expected an? "):
        call()
