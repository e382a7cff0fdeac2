"""A plan made from a translated dataset: the same plan, with its texts in that language.

The engine writes its notes, changes, reasons, steps and repetitions from the texts'
catalog (``plan/...`` keys, :mod:`runtone._texts.plans`).  With the ``pseudo_german``
fixture every such text is ``«English»``, so a text the engine wrote in English without
the catalog shows at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import runtone
from _support import examples
from conftest import PSEUDO
from runtone import _messages
from runtone._texts import plans as plan_texts
from strategies import profiles

SRC = Path(runtone.__file__).parent
LOCALES = ("de", "es", "fr")

#: Profiles that between them reach every branch of the engine that writes a text: a
#: beginner's run-walk ramp, a taper, an injury that stops the running and one that
#: does not, past injuries, more days than the rules allow, no current running, and a
#: session too short for the run-walk's warm-up.
VARIED = (
    runtone.Profile(),
    runtone.Profile(level="beginner", running_days=5, strength_days=2, minutes_per_session=20),
    runtone.Profile(level="beginner", injuries={"plantar-heel-pain"}, race="5k"),
    runtone.Profile(injuries={"patellofemoral-pain"}, strength_days=2),
    runtone.Profile(injuries={"achilles-tendinopathy"}, strength_days=3, race="10k"),
    runtone.Profile(past_injuries={"hamstring-strain"}, strength_days=2),
    runtone.Profile(
        level="advanced",
        running_days=5,
        strength_days=4,
        race="marathon",
        current_running_days=5,
        weekly_minutes=300,
        longest_run=100,
    ),
    runtone.Profile(race="half_marathon", weekly_minutes=120, running_days=4, strength_days=0),
)


def _shape(plan: runtone.Plan) -> object:
    """Everything of a plan but its words: ids, numbers, kinds and rules."""

    def rules(items: tuple[runtone.TrainingRule, ...]) -> tuple[str, ...]:
        return tuple(r.id for r in items)

    def run(session: runtone.RunSession | None) -> object:
        if session is None:
            return None
        steps = tuple(
            (
                s.repeats,
                s.seconds,
                s.intensity.name,
                s.intensity.rpe_min,
                s.intensity.rpe_max,
                s.recovery_seconds,
                s.recovery.name if s.recovery else None,
            )
            for s in session.steps
        )
        dose = session.dose.sessions_per_week if session.dose else None
        recs = tuple(r.id for r in session.recommendations)
        kind = session.kind
        return (session.exercise.id, session.minutes, kind, steps, rules(session.rules), dose, recs)

    def strength(session: runtone.StrengthSession | None) -> object:
        if session is None:
            return None
        items = tuple(
            (
                i.exercise.id,
                i.sets,
                i.default_dosage,
                i.injury.id if i.injury else None,
                i.needs,
                tuple(r.id for r in i.recommendations),
            )
            for i in session.items
        )
        return (session.minutes, items)

    weeks = tuple(
        (
            w.number,
            w.kind,
            w.run_minutes,
            w.minutes,
            tuple(rules(c.rules) for c in w.changes),
            tuple((d.number, run(d.run), strength(d.strength)) for d in w.days),
        )
        for w in plan.weeks
    )
    return (
        weeks,
        tuple((a.field, a.asked, a.planned) for a in plan.adjustments),
        tuple((n.injury.id if n.injury else None, rules(n.rules)) for n in plan.notes),
        rules(plan.rules),
        tuple(s.recommendation.id for s in plan.suggestions),
    )


@pytest.mark.parametrize("profile", VARIED, ids=range(len(VARIED)))
@pytest.mark.parametrize("locale", LOCALES)
def test_a_translated_plan_is_the_same_plan(locale: str, profile: runtone.Profile) -> None:
    english = runtone.plan(profile, weeks=12)
    translated = runtone.plan(profile, weeks=12, dataset=runtone.load(locale=locale))
    assert translated.locale == locale
    assert english.locale == "en"
    assert _shape(translated) == _shape(english)


@given(profile=profiles(), weeks=st.integers(1, 16), locale=st.sampled_from(LOCALES))
@settings(max_examples=examples(0.5))
def test_any_profile_gets_the_same_plan_in_every_language(
    profile: runtone.Profile, weeks: int, locale: str
) -> None:
    assume(profile.running_days or profile.strength_days)
    english = runtone.plan(profile, weeks=weeks)
    translated = runtone.plan(profile, weeks=weeks, dataset=runtone.load(locale=locale))
    assert _shape(translated) == _shape(english)


def _engine_texts(plan: runtone.Plan) -> list[str]:
    """Every text the engine writes into a plan, but its notes (some are the data's)."""
    texts = [c.text for w in plan.weeks for c in w.changes]
    texts += [a.reason for a in plan.adjustments]
    for week in plan.weeks:
        for day in week.days:
            if day.run is not None:
                texts.append(day.run.why)
                cross = day.run.kind is runtone.SessionKind.CROSS_TRAINING
                for step in day.run.steps:
                    texts.append(step.intensity.talk)
                    if not cross:  # a cross-training step is named for its exercise
                        texts.append(step.label)
            if day.strength is not None:
                for item in day.strength.items:
                    texts += [item.why, item.reps]
    return texts


def _wrapped(text: str) -> bool:
    return text.startswith(PSEUDO[0]) and text.endswith(PSEUDO[1])


@pytest.mark.usefixtures("pseudo_german")
def test_every_text_the_engine_writes_comes_from_the_catalog() -> None:
    de = runtone.load(locale="de")
    statements = {r.statement for r in de.training_rules}
    seen = 0
    for profile in VARIED:
        plan = runtone.plan(profile, weeks=14, dataset=de)
        for text in _engine_texts(plan):
            assert _wrapped(text), text
            seen += 1
        for note in plan.notes:  # a note is the engine's, or a rule's statement as it is
            assert _wrapped(note.text) or note.text in statements, note.text
    assert seen > 100


@pytest.mark.usefixtures("pseudo_german")
def test_the_english_plan_does_not_read_another_languages_texts() -> None:
    for profile in VARIED[:4]:
        plan = runtone.plan(profile, weeks=6)
        assert not any(PSEUDO[0] in text for text in _engine_texts(plan))


def test_the_english_plan_writes_the_english_texts() -> None:
    plan = runtone.plan(VARIED[3], weeks=6)
    held = _messages.MESSAGES["plan/change/held-injured"]
    assert plan.weeks[1].changes[0].text in (held, _messages.MESSAGES["plan/change/no-running"])
    plan = runtone.plan(VARIED[4], weeks=2)
    treats = [i.why for d in plan.weeks[0].days if d.strength for i in d.strength.items]
    assert any(why.startswith("treats your achilles tendinopathy (") for why in treats)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_translated_plan_says_its_texts_in_its_language(locale: str) -> None:
    say = _messages.words(locale)
    beginner = runtone.Profile(level="beginner", running_days=3)  # a walk to warm up
    plan = runtone.plan(beginner, weeks=3, dataset=runtone.load(locale=locale))
    assert plan.weeks[0].changes[0].text == say("plan/change/run-walk-start")
    assert plan.weeks[0].changes[0].text != _messages.MESSAGES["plan/change/run-walk-start"]
    run = next(d.run for d in plan.weeks[0].days if d.run)
    assert run.steps[0].label == say("plan/step/brisk walk")
    assert run.steps[0].intensity.talk == say("plan/talk/walk")


def test_german_keeps_a_names_capital_inside_a_sentence() -> None:
    de = runtone.load(locale="de")
    plan = runtone.plan(VARIED[4], weeks=2, dataset=de)
    name = de.injury("achilles-tendinopathy").name
    treats = [i.why for d in plan.weeks[0].days if d.strength for i in d.strength.items]
    assert any(name in why for why in treats)
    fr = runtone.load(locale="fr")
    plan = runtone.plan(VARIED[4], weeks=2, dataset=fr)
    name = fr.injury("achilles-tendinopathy").name.lower()
    treats = [i.why for d in plan.weeks[0].days if d.strength for i in d.strength.items]
    assert any(name in why for why in treats)


def test_every_plan_text_is_written_by_the_engine_and_every_key_it_names_is_a_text() -> None:
    engine = (SRC / "coaching" / "engine.py").read_text(encoding="utf-8")
    named = set(re.findall(r'"(plan/[^"]+)"', engine))
    assert named <= set(_messages.MESSAGES), named - set(_messages.MESSAGES)
    shown_by_others = {k for k in plan_texts.TEXTS if k.startswith("plan/intensity/")}
    assert set(plan_texts.TEXTS) - shown_by_others <= named
