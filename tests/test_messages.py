"""The pictures' words in each language: the catalogs of texts, and the body maps."""

from __future__ import annotations

import html
import io
import os
import re
import signal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from runtone import _diagram, _locale, _messages, cli
from runtone._diagram import shape_texts
from runtone._messages import MESSAGES, Words, fields_of, words
from runtone._po import Entry

LOCALES = _locale.LOCALES
#: Every text of the pictures, by key, in English: the code's and the shapes file's.
REQUIRED = {**MESSAGES, **shape_texts()}


def _svg_text(svg: str) -> str:
    """The text of a picture: its words with the markup gone and entities undone."""
    return html.unescape(re.sub(r"<[^>]+>", "\n", svg))


#: Texts a language writes as English does, where they have words: the parameter names
#: a plan's changes name as the profile has them (running_days), loanwords ("tempo") and
#: words spelt alike (French "sources", "verdict", "marathon"). Any other text equal to
#: its English is the English copied over, not a translation.
SAME_AS_ENGLISH: dict[str, frozenset[str]] = {
    "de": frozenset(
        {
            "text/plan/changed/running_days",
            "text/plan/changed/strength_days",
        }
    ),
    "es": frozenset(
        {
            "calendar/summary/tempo",
            "enum/direction/similar",
            "enum/session_kind/tempo",
            "plan/step/tempo",
            "text/field/unilateral",
            "text/plan/changed/running_days",
            "text/plan/changed/strength_days",
        }
    ),
    "fr": frozenset(
        {
            "calendar/summary/tempo",
            "chart/week/legend",
            "chart/week/run",
            "enum/equipment/step",
            "enum/goal/endurance",
            "enum/muscle_kind/muscle",
            "enum/race_distance/marathon",
            "enum/session_kind/tempo",
            "enum/stride_category/cadence",
            "plan/step/tempo",
            "text/collection/muscles",
            "text/collection/sources",
            "text/column/collection",
            "text/column/muscle",
            "text/column/sources",
            "text/column/verdict",
            "text/count/muscles/many",
            "text/count/muscles/one",
            "text/count/sources/many",
            "text/count/sources/one",
            "text/field/actions",
            "text/field/condition",
            "text/field/convention",
            "text/field/description",
            "text/field/dosage",
            "text/field/doses",
            "text/field/muscles",
            "text/field/note",
            "text/field/pages",
            "text/field/question",
            "text/field/sources",
            "text/field/verdict",
            "text/field/volume",
            "text/plan/changed/running_days",
            "text/plan/changed/strength_days",
            "text/record/muscles",
            "text/record/sources",
            "text/suggestion/dosage",
            "text/suggestion/score",
            "text/suggestion/sources",
        }
    ),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_text_is_translated_with_its_fields(locale: str) -> None:
    report = _locale.texts_completeness(locale)
    print(report)  # noqa: T201 - the gate's completeness report
    assert (report.translated, report.stale, report.missing, report.unknown) == (
        len(REQUIRED),
        (),
        (),
        (),
    )
    for key, entry in _messages.catalog(locale).items():
        assert entry.source == REQUIRED[key], key
        assert sorted(fields_of(entry.translation)) == sorted(fields_of(entry.source)), key
        # Not the English copied over, where there are words to translate.
        words_of = re.sub(r"\{[^}]*\}", "", entry.source)
        if key not in SAME_AS_ENGLISH[locale]:
            assert entry.translation != entry.source or not re.search("[a-z]{4}", words_of), key
    for key in SAME_AS_ENGLISH[locale]:  # each one still is the English, or it is listed wrongly
        assert _messages.catalog(locale)[key].translation == REQUIRED[key], key


def test_english_is_the_texts_themselves() -> None:
    say = words("en")
    assert say("diagram/exercise/title", exercise="Squat") == "Squat: muscles worked"
    assert say.text("shapes/views/front", "Front") == "Front"
    assert words("en") is say  # read once


def _subjects(ds: runtone.Dataset) -> list[tuple[object, str]]:
    """One subject of each kind a body map draws, with the key of its title."""
    plan = runtone.plan(runtone.Profile(), weeks=4, dataset=ds)
    return [
        (runtone.compare_strikes("heel", "forefoot", dataset=ds), "diagram/change/title"),
        (ds.stride_effect("uphill"), "diagram/effect/title"),
        (ds.exercise("glute-bridge"), "diagram/exercise/title"),
        (plan.weeks[0], "diagram/week/title"),
        ({"calves": 0.9, "quads": 0.3}, "diagram/intensity/title"),
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_translated_body_map_has_no_english_words_of_its_own(locale: str) -> None:
    ds = runtone.load(locale=locale)
    say = words(locale)
    for subject, _ in _subjects(ds):
        text = _svg_text(runtone.diagram(subject, dataset=ds))  # type: ignore[arg-type]
        for key, english in REQUIRED.items():
            translated = say.text(key, english)
            fixed = [piece for piece in re.split(r"\{[^}]*\}", english) if len(piece) > 6]
            for piece in fixed:  # the English words around the fields
                if piece not in translated:
                    assert piece not in text, (locale, key, piece)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_translated_body_map_says_what_its_catalog_says(locale: str) -> None:
    ds = runtone.load(locale=locale)
    say = words(locale)
    svg = runtone.diagram(ds.exercise("glute-bridge"), dataset=ds)
    title = say("diagram/exercise/title", exercise=ds.exercise("glute-bridge").name)
    assert f'<title id="rt-title">{html.escape(title, quote=False)}</title>' in svg
    text = _svg_text(svg)
    for key in ("diagram/exercise/heading", "diagram/role/primary", "diagram/exercise/none"):
        assert say(key) in text, key
    for view in ("front", "back"):
        assert say.text(f"shapes/views/{view}", view.title()) in text


def test_what_one_language_keeps_changes_no_byte_of_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    subject = runtone.compare_strikes("heel", "forefoot")
    monkeypatch.setattr(_diagram, "_kept_geometry", {})
    monkeypatch.setattr(_diagram, "_kept_layout", None)  # it holds the English geometry
    english = runtone.diagram(subject)
    for locale in LOCALES:
        ds = runtone.load(locale=locale)
        runtone.diagram(runtone.compare_strikes("heel", "forefoot", dataset=ds), dataset=ds)
    assert set(_diagram._kept_geometry) == {"en", *LOCALES}
    assert runtone.diagram(subject) == english


def test_the_english_body_map_is_unchanged_by_the_catalogs() -> None:
    svg = runtone.diagram(runtone.compare_strikes("heel", "forefoot"))
    assert "Rearfoot strike \N{RIGHTWARDS ARROW} Forefoot strike: change in muscle work" in svg
    assert "The legs, hips and trunk seen from the front and back." in svg
    assert "circles: joints, tendons" in svg


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(LOCALES), st.data())
def test_every_exercise_of_every_language_is_drawn_under_its_translated_title(
    locale: str, data: st.DataObject
) -> None:
    ds = runtone.load(locale=locale)
    exercise = data.draw(st.sampled_from(ds.exercises))
    svg = runtone.diagram(exercise, dataset=ds)
    title = words(locale)("diagram/exercise/title", exercise=exercise.name)
    assert html.escape(title, quote=False) in svg
    assert runtone.diagram(exercise, dataset=ds) == svg  # the same, byte for byte


# --- a translation that cannot be used is not ------------------------------------------


KEY = "diagram/exercise/title"


def _words(translation: str, *, source: str = MESSAGES[KEY], fuzzy: bool = False) -> Words:
    return Words("xx", {KEY: Entry(KEY, source, translation, fuzzy, 1)})


@pytest.mark.parametrize(
    ("translation", "source", "fuzzy"),
    [
        ("{exercise}: trabajados", "{exercise}: muscles trained", False),  # older English
        ("{exercise}: trabajados", MESSAGES[KEY], True),  # fuzzy
        ("{ejercicio}: trabajados", MESSAGES[KEY], False),  # a field renamed
        ("{exercise}: {exercise} {x}", MESSAGES[KEY], False),  # a field added
        ("{exercise: trabajados", MESSAGES[KEY], False),  # not a format string
        ("", MESSAGES[KEY], False),  # empty
    ],
)
def test_a_translation_that_cannot_stand_for_the_english_is_not_used(
    translation: str, source: str, fuzzy: bool
) -> None:
    say = _words(translation, source=source, fuzzy=fuzzy)
    assert say(KEY, exercise="Sentadilla") == "Sentadilla: muscles worked"


def test_a_current_translation_is_used_with_its_fields_in_its_order() -> None:
    say = _words("Trabajados por {exercise}")
    assert say(KEY, exercise="Sentadilla") == "Trabajados por Sentadilla"


def test_a_field_value_with_braces_is_written_as_it_is() -> None:
    say = words("de")
    assert "{x}" in say(KEY, exercise="{x}")


def test_a_key_of_no_text_is_a_mistake_in_the_code() -> None:
    with pytest.raises(KeyError):
        words("de")("diagram/no-such-text")


@pytest.mark.parametrize("locale", LOCALES)
def test_a_translated_map_writes_numbers_with_the_languages_decimal_mark(locale: str) -> None:
    ds = runtone.load(locale=locale)
    svg = runtone.diagram({"calves": 0.75}, dataset=ds)
    text = _svg_text(svg)
    mark = words(locale)("diagram/decimal")
    assert mark != "."
    assert f"0{mark}75" in text
    assert "0.75" not in text
    assert 'data-state="0.75"' in svg  # the state, for code, stays as it was


@pytest.mark.parametrize("locale", LOCALES)
def test_the_command_line_draws_in_the_locale_it_is_given(locale: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    argv = ["diagram", "--compare", "heel", "forefoot", "--locale", locale]
    assert cli.main(argv, out=out, err=err) == 0, err.getvalue()
    ds = runtone.load(locale=locale)
    assert (
        out.getvalue()
        == runtone.diagram(runtone.compare_strikes("heel", "forefoot", dataset=ds), dataset=ds)
        + "\n"
    )
    assert "change in muscle work" not in out.getvalue()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_child_forked_while_the_lock_is_held_can_still_read_a_catalog() -> None:
    with _messages._lock:  # as if another thread were reading a catalog
        pid = os.fork()
        if pid == 0:  # the child: the lock was held at the fork, yet words() works
            signal.alarm(10)  # a child stuck on the lock dies, and the test fails
            _messages._words.clear()
            code = 0 if words("fr")("diagram/intensity/heading") == "Intensité" else 1
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


# --- the gait chart ------------------------------------------------------------------


GAIT = {key: text for key, text in MESSAGES.items() if key.startswith("gait/")}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_translated_gait_chart_has_its_languages_words(locale: str) -> None:
    ds = runtone.load(locale=locale)
    say = words(locale)
    svg = runtone.gait_chart(["calves"], dataset=ds)
    text = _svg_text(svg)
    assert say("gait/title") in text
    assert say("gait/desc") in text
    assert say("gait/footer") in text
    window = ds.muscle("calves").activity[0]
    tip = say(
        "gait/active",
        muscle=ds.muscle("calves").name,
        onset=window.onset,
        offset=window.offset,
        studies=", ".join(s.id for s in window.sources),
    )
    assert tip in text
    for key, english in GAIT.items():
        for piece in re.split(r"\{[^}]*\}", english):
            if len(piece) > 6 and piece not in say(key, **dict.fromkeys(fields_of(english), "")):
                assert piece not in text, (locale, key, piece)


def test_the_english_gait_chart_keeps_its_words() -> None:
    text = _svg_text(runtone.gait_chart(["calves"]))
    assert "When the muscles work in the running stride" in text
    assert "0% and 100%: the same foot touches down." in text
    assert re.search(r"Calves: active from \d+% to \d+% of the gait cycle \(", text)
