"""runtone.to_text in the dataset's language: every word of its own from the texts' catalog.

With the ``pseudo_german`` fixture every text of runtone's own is ``«English»`` in
German, so that a word of the code's outside the marks is one that did not come through
the catalog.  Two checks hold each rendering to that:

- every word outside the marks is a word of the data rendered (its ids, names, texts):
  none is runtone's own;
- with the marks taken out, it is the English rendering of the same object, but for
  spaces and rules (a label or header two characters longer pads its column so).
"""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runtone
from _support import examples, fields_of
from runtone import _loader, _messages, _text
from runtone._po import Entry
from runtone._texts import enums, output
from strategies import DS, ENUMS, profiles, runtone_objects

OPEN, CLOSE = (
    "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}",
    "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}",
)
#: Wide enough that no table cell is cut (a cut cell would lose its closing mark).
WIDE = 1000
COLLECTIONS = [c.name for c in _loader.COLLECTIONS]

#: Fields whose strings are English keys, not data: shown in words from the catalog.
_KEYS = {("Intensity", "name"), ("Adjustment", "field"), ("SearchResult", "match")}
_KEYS |= {("SearchResult", "field"), ("SearchResult", "collection"), ("Plan", "locale")}


def _outside(text: str) -> str:
    """``text`` with every «marked» span (nested ones too) blanked out."""
    kept, depth = [], 0
    for char in text:
        if char == OPEN:
            depth += 1
        elif char == CLOSE:
            depth -= 1
            assert depth >= 0, f"a closing mark with none open in:\n{text}"
        if depth == 0 and char not in (OPEN, CLOSE):
            kept.append(char)
        else:
            kept.append(" " if char == "\n" else "")
    assert depth == 0, f"a mark left open in:\n{text}"
    return "".join(kept)


def _words(text: str) -> set[str]:
    """The words of a text, in lower case (``running_days`` is one: a field's name)."""
    return {word.casefold() for word in re.findall(r"[^\W\d]+", text)}


#: The record classes: a record inside another object is shown by its id (or name).
_RECORDS = tuple({c.record for c in _loader.COLLECTIONS})
#: The fields of a record inside another object that text output shows: its id, and
#: a comparison's strike patterns' and muscles' names, a suggestion's recommendation's
#: title and dosage.
_SHOWN_OF_A_RECORD = {
    runtone.StrideEffect: ("id", "name"),
    runtone.Muscle: ("id", "name"),
    runtone.Recommendation: ("id", "title", "dosage"),
}


def _data_words(obj: object) -> set[str]:
    """The words of the strings ``obj`` holds, and every object inside it holds.

    Of a record inside another (a suggestion's recommendation, an item's exercise),
    only the fields a text shows of it count: not its texts, where a fixed word
    of the code's could hide.
    """
    found: set[str] = set()
    seen: set[tuple[int, bool]] = set()

    def walk(item: object, owner: str = "", field: str = "", *, top: bool = False) -> None:
        if isinstance(item, str):
            if (owner, field) not in _KEYS:
                found.update(_words(item))
        elif isinstance(item, (tuple, list, frozenset)):
            for inner in item:
                walk(inner, owner, field)
        elif attrs.has(type(item)) and (id(item), top) not in seen:
            seen.add((id(item), top))
            inside = isinstance(item, _RECORDS) and not top
            shown = _SHOWN_OF_A_RECORD.get(type(item), ("id",))
            for f in fields_of(item):
                if not inside or f.name in shown:
                    walk(getattr(item, f.name), type(item).__name__, f.name)

    for top in obj if isinstance(obj, (tuple, list)) else (obj,):
        walk(top, top=True)
    return found


def _layout_free(text: str) -> list[str]:
    """``text``'s lines without marks, runs of spaces, or the length of rules."""
    lines = []
    for line in text.replace(OPEN, "").replace(CLOSE, "").splitlines():
        if line.strip() and not line.strip(" -="):
            line = "-" if "-" in line else "="  # noqa: PLW2901 - a table's rule, a heading's
        lines.append(" ".join(line.split()))
    return lines


def _all_marked(text: str, obj: object) -> None:
    """Every word of ``text`` outside the marks is a word of the data ``obj`` holds."""
    own = _words(_outside(text)) - _data_words(obj)
    assert not own, f"words not from the catalog: {sorted(own)} in:\n{text}"


def _like_english(obj: object, de: runtone.Dataset) -> str:
    """``obj`` (English) with German's pseudo words: the English, marks taken out."""
    german = runtone.to_text(obj, WIDE, dataset=de)
    assert _layout_free(german) == _layout_free(runtone.to_text(obj, WIDE))
    assert OPEN in german
    return german


def _unrelated(obj: object) -> object:
    """A copy of a muscle or source that no dataset holds: shown without its relations.

    An English record given ``dataset=de`` is not German's, so its parts and citing
    records are left out; its copy leaves them out in English too.
    """
    return attrs.evolve(obj) if isinstance(obj, (runtone.Muscle, runtone.Source)) else obj


def _related(record: object, ds: runtone.Dataset) -> tuple[object, ...]:
    """The records a record's text names as its relations (a muscle's parts, citing records)."""
    if isinstance(record, runtone.Muscle):
        return ds.parts(record)
    if isinstance(record, runtone.Source):
        return ds.citing(record)
    return ()


def _marked_between_fields(english: str) -> str:
    """``english`` with its words marked and its fields not: ``«Day »{number}``.

    A field's value is then outside the marks, so that a word of the code's in it
    (an intensity's name in a step, a field's name in a change) shows up unmarked.
    """
    marked = re.sub(r"\{[^{}]*\}", lambda field: f"{CLOSE}{field[0]}{OPEN}", english)
    return f"{OPEN}{marked}{CLOSE}".replace(OPEN + CLOSE, "")


@pytest.fixture
def de(monkeypatch: pytest.MonkeyPatch) -> runtone.Dataset:
    """German's dataset, the words of each text of runtone's own in marks, not its fields.

    The stricter cousin of the ``pseudo_german`` fixture, which marks texts whole.
    """
    entries = {
        key: Entry(key, english, _marked_between_fields(english), fuzzy=False, line=0)
        for key, english in _messages.MESSAGES.items()
    }
    monkeypatch.setitem(_messages._words, "de", _messages.Words("de", entries))
    # Pseudo German writes a name inside a sentence as English does, so that without
    # its marks it is the English.
    monkeypatch.setattr(_messages, "_CAPITAL_NOUNS", frozenset())
    return runtone.load(locale="de")


# --- the texts -----------------------------------------------------------------------


def test_the_keys_cover_every_field_collection_and_enum_shown() -> None:
    assert list(output.PROFILE_FIELDS) == [f.name for f in attrs.fields(runtone.Profile)]
    assert set(enums.SHOWN) == set(ENUMS)
    for collection in COLLECTIONS:
        for field in _text.COLUMNS[collection]:
            assert f"text/column/{field.removesuffix('_id')}" in _messages.MESSAGES, field
        for record in getattr(DS, collection)[:1]:
            for f in fields_of(record):
                assert _messages.MESSAGES[f"text/field/{f.name}"] == f.name.replace("_", " ")


def test_english_is_the_texts_themselves() -> None:
    say = _messages.words("en")
    for key, english in output.TEXTS.items():
        assert say.text(key, english) == english, key
    assert say("text/week", number=1, kind="build", running=40, minutes=80, extra=1) == (
        "Week 1, build (40 min running, 80 in all)"
    )


def test_english_output_keeps_its_words() -> None:
    # The catalog's English is what the code wrote before it had a catalog.
    hits = runtone.search("bridge", limit=2)
    assert runtone.to_text(hits).splitlines()[0].split() == [
        "id",
        "record",
        "match",
        "matched",
        "text",
    ]
    assert runtone.to_text(hits).endswith("\n\n2 results")
    assert runtone.to_text(hits[0]).endswith("\n\n1 result")
    assert runtone.to_text(DS).splitlines()[0].split() == ["collection", "records"]
    assert runtone.to_text(()) == "none"
    assert runtone.to_text(DS.muscles[:1]).endswith("\n\n1 muscle")
    assert runtone.to_text((DS.muscles[0], DS.sources[0])).endswith("\n\n2 records")
    change = runtone.to_text(runtone.compare_strikes("heel", "forefoot")).splitlines()
    assert change[1] == "Each row: the work under forefoot strike, compared."
    assert change[3].split() == ["muscle", "change", "evidence", "sources"]
    made = runtone.plan(runtone.Profile(), weeks=1)
    text = runtone.to_text(made)
    assert re.search(r"^Week 1, start \(\d+ min running, \d+ in all\)$", text, re.MULTILINE)
    assert re.search(r"^  Day \d  rest$", text, re.MULTILINE)
    assert re.search(r"^From: ", text, re.MULTILINE)
    suggestion = runtone.to_text(made.suggestions[0]).splitlines()
    assert [line.split(":")[0].strip() for line in suggestion[1:3]] == ["why", "evidence"]


# --- German's pseudo words -------------------------------------------------------------


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_a_record_of_every_collection_has_the_languages_words(
    collection: str, de: runtone.Dataset
) -> None:
    records = getattr(de, collection)
    for record in records:
        text = runtone.to_text(record, WIDE, dataset=de)
        assert f"\n{OPEN}id{CLOSE}:" in text
        _all_marked(text, (record, *_related(record, de)))
    table = runtone.to_text(records, WIDE, dataset=de)
    assert table.startswith(f"{OPEN}id{CLOSE}")
    assert table.endswith(f"\n\n{len(records)}{OPEN} {collection.replace('_', ' ')}{CLOSE}")
    _all_marked(table, records)
    _all_marked(runtone.to_text(records[:1], WIDE, dataset=de), records[:1])
    english = getattr(DS, collection)
    _like_english(tuple(english), de)
    _like_english(english[:1], de)
    _like_english(_unrelated(english[0]), de)


def test_relations_records_of_several_collections_and_the_dataset(de: runtone.Dataset) -> None:
    calves = runtone.to_text(de.muscle("calves"), WIDE, dataset=de)
    assert f"\n{OPEN}parts{CLOSE}:" in calves
    source = runtone.to_text(de.source("dorn-2012"), WIDE, dataset=de)
    assert f"\n{OPEN}cited by{CLOSE}:" in source
    mixed = (de.muscles[0], de.exercises[0], de.sources[0])
    text = runtone.to_text(mixed, WIDE, dataset=de)
    assert f"{OPEN}exercise{CLOSE}" in text
    assert text.endswith(f"\n\n3{OPEN} records{CLOSE}")
    _all_marked(text, mixed)
    _like_english((DS.muscles[0], DS.exercises[0], DS.sources[0]), de)
    counts = runtone.to_text(de, WIDE)  # a dataset in its own language
    assert counts.startswith(f"{OPEN}collection{CLOSE}")
    _all_marked(counts, ())
    _like_english(DS, de)
    assert runtone.to_text((), WIDE, dataset=de) == f"{OPEN}none{CLOSE}"
    assert runtone.to_text(DS) == _text.to_text(DS, dataset=DS)  # English's own


def test_a_comparison_has_the_languages_words(de: runtone.Dataset) -> None:
    change = runtone.compare_strikes("heel", "forefoot", dataset=de)
    text = runtone.to_text(change, WIDE, dataset=de)
    assert f"{OPEN}muscle{CLOSE}" in text
    assert f"{OPEN}joint{CLOSE}" in text
    _all_marked(text, change)
    for row in (*change.muscles, *change.joints):
        _all_marked(runtone.to_text(row, WIDE, dataset=de), row)
    english = runtone.compare_strikes("heel", "forefoot")
    _like_english(english, de)
    for row in (*english.muscles, *english.joints):
        _like_english(row, de)
    derived = runtone.to_text(
        runtone.compare_strikes("heel", "overstriding", dataset=de), WIDE, dataset=de
    )
    if "*" in derived:
        assert f"{OPEN}* worked out through a common baseline" in derived


def test_suggestions_search_results_and_a_profile_have_the_languages_words(
    de: runtone.Dataset,
) -> None:
    profile = runtone.Profile(weak_muscles=["glutes"], injuries=["ITBS"], equipment=["dumbbells"])
    suggestions = runtone.recommend(profile, dataset=de)
    text = runtone.to_text(suggestions, WIDE, dataset=de)
    for label in ("why", "evidence", "dosage", "exercises", "sources"):
        assert f"   {OPEN}{label}{CLOSE}: " in text, label
    _all_marked(text, suggestions)
    _all_marked(runtone.to_text(suggestions[0], WIDE, dataset=de), suggestions[0])
    _like_english(runtone.recommend(profile), de)
    hits = runtone.search("knie", dataset=de)
    text = runtone.to_text(hits, WIDE, dataset=de)
    assert text.endswith(f"\n\n{len(hits)}{OPEN} results{CLOSE}")
    _all_marked(text, hits)
    _all_marked(runtone.to_text(hits[0], WIDE, dataset=de), hits[0])
    _like_english(runtone.search("hamstrng"), de)
    _like_english(runtone.search("bridge")[0], de)
    shown = runtone.to_text(profile, WIDE, dataset=de)
    assert shown.startswith(f"{OPEN}Profile{CLOSE}\n")
    assert f"\n{OPEN}goals{CLOSE}:" in shown
    assert f"{OPEN}none{CLOSE}" in shown
    _all_marked(shown, profile)
    _like_english(profile, de)


_PROFILES = (
    runtone.Profile(),
    runtone.Profile(weak_muscles=["glutes"], level="intermediate", running_days=7, strength_days=7),
    runtone.Profile(injuries=["ITBS"], goals=["return_from_injury"], running_days=4),
    runtone.Profile(
        running_days=5, race="half_marathon", level="advanced", equipment=["dumbbells"]
    ),
)


@pytest.mark.parametrize("profile", _PROFILES, ids=range(len(_PROFILES)))
def test_a_plan_has_its_languages_words(profile: runtone.Profile, de: runtone.Dataset) -> None:
    made = runtone.plan(profile, weeks=8, dataset=de)
    assert made.locale == "de"
    text = runtone.to_text(made, WIDE)  # no dataset: the plan's own language
    assert text.startswith(f"{OPEN}Week {CLOSE}1{OPEN}, {CLOSE}")
    assert f"\n  {OPEN}Day {CLOSE}1  " in text
    assert re.search(f"^{OPEN}From: {CLOSE}", text, re.MULTILINE)
    assert runtone.to_text(made, WIDE, dataset=de) == text
    _all_marked(text, made)
    for week in made.weeks[:2]:
        _all_marked(runtone.to_text(week, WIDE, dataset=de), week)
        for day in week.days:
            _all_marked(runtone.to_text(day, WIDE, dataset=de), day)
            for part in (day.run, day.strength):
                if part is not None:
                    _all_marked(runtone.to_text(part, WIDE, dataset=de), part)
            for step in day.run.steps if day.run else ():
                _all_marked(runtone.to_text(step, WIDE, dataset=de), step)
                _all_marked(runtone.to_text(step.intensity, WIDE, dataset=de), step.intensity)
    english = runtone.plan(profile, weeks=8)
    assert _layout_free(runtone.to_text(attrs.evolve(english, locale="de"), WIDE)) == (
        _layout_free(runtone.to_text(english, WIDE))
    )
    _like_english(english.weeks[-1], de)


def test_a_plan_of_german_shown_with_an_english_dataset_is_in_english(de: runtone.Dataset) -> None:
    made = runtone.plan(runtone.Profile(), weeks=2, dataset=de)
    # The dataset given says the language; the engine's own texts stay as written.
    text = runtone.to_text(made, dataset=DS)
    assert re.search(r"^Week 1, start \(\d+ min running, \d+ in all\)$", text, re.MULTILINE)


@settings(
    max_examples=examples(0.5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(obj=runtone_objects(), width=st.integers(_text.MIN_WIDTH, 200))
def test_every_object_has_the_languages_words(obj: object, width: int, de: runtone.Dataset) -> None:
    obj = _unrelated(obj)
    german = _like_english(obj, de) if _has_words(obj) else runtone.to_text(obj, WIDE, dataset=de)
    _all_marked(german, obj)
    assert all(len(line) <= width for line in runtone.to_text(obj, width, dataset=de).splitlines())


def _has_words(obj: object) -> bool:
    """Whether runtone writes a word of its own for ``obj`` (a dosage is its text alone)."""
    return type(obj).__name__ not in _TEXT_ALONE


#: What is shown as its own text alone (and the ids of its rules or sources).
_TEXT_ALONE = ("Dosage", "Reason", "Change", "Note", "Parameter")


@settings(max_examples=examples(0.3), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(profile=profiles())
def test_every_profile_has_the_languages_words(
    profile: runtone.Profile, de: runtone.Dataset
) -> None:
    _all_marked(runtone.to_text(profile, WIDE, dataset=de), profile)
    _like_english(profile, de)


def test_with_whole_texts_marked_each_line_of_a_plan_is_one_text(pseudo_german: None) -> None:  # noqa: ARG001 - German's texts made pseudo
    made = runtone.plan(runtone.Profile(), weeks=1, dataset=runtone.load(locale="de"))
    lines = runtone.to_text(made, WIDE).splitlines()
    week = rf"{OPEN}Week 1, {OPEN}start{CLOSE} \(\d+ min running, \d+ in all\){CLOSE}"
    assert re.fullmatch(week, lines[0]), lines[0]
    days = [line for line in lines if line.startswith(f"  {OPEN}Day ")]
    assert [line[:11] for line in days] == [f"  {OPEN}Day {n}{CLOSE}  " for n in range(1, 8)]
    assert any(line.endswith(f"{OPEN}rest{CLOSE}") for line in days)
    assert lines[-1].startswith(OPEN)
    assert lines[-1].endswith(CLOSE)
