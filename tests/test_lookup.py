"""Lookups by id, name and alias; unknown keys; suggestions."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Optional

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from _support import read_raw
from runtone import Dataset, UnknownIdError
from runtone._dataset import normalize
from runtone._loader import COLLECTIONS as _COLLECTIONS

DS = runtone.load()
COLLECTION_NAMES = [collection.name for collection in _COLLECTIONS]

# (lookup, get-style lookup, records) for every collection with a lookup.
Find = Callable[[str], object]
Get = Callable[[str], Optional[object]]
COLLECTIONS: list[tuple[Find, Get, tuple[object, ...]]] = [
    (DS.muscle, DS.get_muscle, DS.muscles),
    (DS.exercise, DS.get_exercise, DS.exercises),
    (DS.strike_pattern, DS.get_strike_pattern, DS.strike_patterns),
    (DS.stride_effect, DS.get_stride_effect, DS.stride_effects),
    (DS.injury, DS.get_injury, DS.injuries),
    (DS.claim, DS.get_claim, DS.claims),
    (DS.recommendation, DS.get_recommendation, DS.recommendations),
    (DS.source, DS.get_source, DS.sources),
    (DS.training_rule, DS.get_training_rule, DS.training_rules),
]


def _keys(record: object) -> list[str]:
    keys = [getattr(record, "id")]  # noqa: B009
    keys += [k for k in (getattr(record, "name", None), getattr(record, "title", None)) if k]
    keys += list(getattr(record, "aliases", ()))
    return keys


CASES = [
    (find, get, record, key)
    for find, get, records in COLLECTIONS
    for record in records
    for key in _keys(record)
]


@pytest.mark.parametrize(("find", "get", "record", "key"), CASES)
def test_every_id_name_and_alias_finds_its_record(
    find: object, get: object, record: object, key: str
) -> None:
    assert callable(find)
    assert callable(get)
    assert find(key) is record
    assert get(key) is record


def _disguise(draw: st.DrawFn, key: str) -> str:
    """The key with random case and random spaces, hyphens and underscores."""
    out = []
    for char in key.replace("-", " "):
        if char == " ":
            out.append(draw(st.sampled_from([" ", "-", "_", "", "  ", " - "])))
        else:
            out.append(char.upper() if draw(st.booleans()) else char.lower())
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from([" ", "-", "_"])))
    return "".join(out)


@st.composite
def disguised(draw: st.DrawFn) -> tuple[object, object, str]:
    find, _, record, key = draw(st.sampled_from(CASES))
    return find, record, _disguise(draw, key)


@given(disguised())
def test_case_spaces_hyphens_and_underscores_are_ignored(case: tuple[object, object, str]) -> None:
    find, record, key = case
    assert callable(find)
    assert find(key) is record


def test_quads_examples() -> None:
    assert runtone.muscle("Quads") is runtone.muscle("quadriceps") is runtone.muscle("QUADRICEPS")
    assert runtone.muscle("quads").name == "Quadriceps"


def test_heel_is_rearfoot() -> None:
    assert runtone.strike_pattern("heel").id == "rearfoot-strike"
    assert runtone.strike_pattern("Heel strike") is runtone.strike_pattern("rearfoot-strike")


def test_unknown_key_suggests_close_matches() -> None:
    with pytest.raises(UnknownIdError) as info:
        runtone.muscle("hamstrung")
    err = info.value
    assert isinstance(err, LookupError)
    assert err.key == "hamstrung"
    assert err.collection == "muscles"
    assert err.suggestions[0] == "hamstrings"
    assert "hamstrings" in str(err)
    assert str(err).startswith("no muscle 'hamstrung'; did you mean 'hamstrings'")


@pytest.mark.parametrize(
    ("lookup", "collection", "key", "first"),
    [
        (runtone.injury, "injuries", "knee pain", "patellofemoral-pain"),  # issue 17's
        (runtone.injury, "injuries", "heel pain", "plantar-heel-pain"),
        (runtone.muscle, "muscles", "glutez maximus", "gluteus-maximus"),
        (runtone.exercise, "exercises", "brdge", "glute-bridge"),
    ],
)
def test_suggestions_are_what_search_finds_in_the_collection(
    lookup: Callable[[str], object], collection: str, key: str, first: str
) -> None:
    with pytest.raises(UnknownIdError) as info:
        lookup(key)
    found = runtone.search(key, collections=[collection], limit=3)
    assert info.value.suggestions == tuple(hit.record.id for hit in found)
    assert info.value.suggestions[0] == first


def test_a_key_search_cannot_place_gets_the_closest_spellings() -> None:
    # Two letters swapped twice: beyond search's one typo, within difflib's ratio.
    assert runtone.search("hmastrngs", collections=["muscles"]) == ()
    with pytest.raises(UnknownIdError) as info:
        runtone.muscle("hmastrngs")
    assert info.value.suggestions == ("hamstrings",)


def test_suggestions_come_from_the_dataset_looked_in() -> None:
    # A dataset of three muscles suggests only among them, by search as well.
    mine = Dataset({"muscles": runtone.load().muscles[:3]})
    with pytest.raises(UnknownIdError) as info:
        mine.muscle("hamstrung")
    assert set(info.value.suggestions) <= {m.id for m in mine.muscles}


@given(st.text(max_size=40))
def test_any_text_either_finds_or_raises_with_at_most_three_suggestions(key: str) -> None:
    for find, get, records in COLLECTIONS:
        if not normalize(key):  # blank, or only separators: a mistake, for get too
            for lookup in (find, get):
                with pytest.raises(UnknownIdError) as info:
                    lookup(key)
                assert (info.value.key, info.value.field, info.value.suggestions) == (
                    key,
                    "key",
                    (),
                )
            continue
        found = get(key)
        if found is None:
            with pytest.raises(UnknownIdError) as info:
                find(key)
            assert info.value.key == key
            assert len(info.value.suggestions) <= 3
            assert len(set(info.value.suggestions)) == len(info.value.suggestions)
            ids = {getattr(r, "id") for r in records}  # noqa: B009
            assert set(info.value.suggestions) <= ids
        else:
            assert find(key) is found
            assert normalize(key) in {normalize(k) for k in _keys(found)}


def test_nothing_close_suggests_nothing() -> None:
    with pytest.raises(UnknownIdError) as info:
        runtone.exercise("zzzzzzzzzzzzzzzzzzzz")
    assert info.value.suggestions == ()
    assert str(info.value) == "no exercise 'zzzzzzzzzzzzzzzzzzzz'"


def test_get_style_default() -> None:
    sentinel = DS.muscles[0]
    assert DS.get_muscle("no such muscle") is None
    assert DS.get_muscle("no such muscle", sentinel) is sentinel


@pytest.mark.parametrize("key", [None, 3, b"quads", ["quads"]])
def test_non_string_keys_are_type_errors(key: object) -> None:
    with pytest.raises(TypeError, match="key must be a str"):
        DS.muscle(key)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="key must be a str"):
        DS.get_exercise(key)  # type: ignore[arg-type]


def test_muscle_hierarchy() -> None:
    calves = DS.muscle("calves")
    parts = DS.parts(calves)
    assert {m.id for m in parts} >= {"gastrocnemius", "soleus"}
    for part in parts:
        assert DS.group(part) is calves
        assert part.part_of == "calves"
    assert DS.group(calves) is None
    assert DS.parts(DS.muscle("soleus")) == ()


def test_repr_counts_collections(tmp_path: Path) -> None:
    # Counted, not written down: a pack with one more exercise shows one more.
    mine = dict(read_raw()["exercises"][0], id="box-squat", name="Box squat", aliases=[])
    (tmp_path / "exercises.json").write_text(json.dumps([mine]), "utf-8")
    bigger = runtone.load(packs=[tmp_path])
    assert len(bigger.exercises) == len(DS.exercises) + 1
    for dataset in (DS, bigger):
        text = repr(dataset)
        assert text.startswith("<Dataset")
        for collection in COLLECTION_NAMES:
            count = len(getattr(dataset, collection))
            assert re.search(rf"\b{count} {collection}\b", text), (collection, text)


def test_dataset_is_exported() -> None:
    # The class of what load() returns is public: in __all__, and the very class (not a
    # subclass or a look-alike) that a user imports to annotate with or check against.
    assert "Dataset" in runtone.__all__
    assert type(DS) is Dataset
    assert type(runtone.load(packs=[], packaged=False)) is Dataset
    assert Dataset.__module__.startswith("runtone")


# --- the fast paths answer as the long way does -------------------------------------------

_OLD_FOLD = re.compile(r"[\s_-]+")


def _old_normalize(key: str) -> str:
    """normalize() as it was, with its regular expression: the reference."""
    folded = key.casefold()
    return folded if folded.isalnum() else _OLD_FOLD.sub("", folded)


#: Text full of what normalize() removes or keeps: every Unicode space, separators, letters
#: that case fold to several letters, marks, punctuation, digits.
_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_KEYISH = st.text(
    alphabet=st.one_of(
        st.sampled_from(f"{_SPACES}-_'.ßİﬁΣσς̈ÅAa1\x00\x7f"),
        st.characters(),
    ),
    max_size=30,
)


@given(st.one_of(_KEYISH, st.text()))
def test_normalize_is_the_regular_expression_it_replaced(key: str) -> None:
    assert normalize(key) == _old_normalize(key)
    assert normalize(key) == runtone._vocab.normalize(key)
    # A key's lower case and normalized forms find what it finds (the index relies on it).
    assert normalize(key.casefold()) == normalize(normalize(key)) == normalize(key)


def test_normalize_removes_what_the_regular_expression_removed_for_every_character() -> None:
    # One string of every code point: each character is removed by both or kept by both.
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert normalize(every) == _old_normalize(every)
    # Case folding maps each character on its own, and folding twice is folding once.
    assert every.casefold().casefold() == every.casefold()
    assert normalize(every.casefold()) == normalize(normalize(every)) == normalize(every)
    assert normalize("a" + _SPACES + "-_b") == "ab"


def _long_way(records: tuple[object, ...], key: str) -> object:
    """What a lookup found before the fast paths: the id, else the first normalized key."""
    by_id = {getattr(r, "id"): r for r in records}  # noqa: B009
    if key in by_id:
        return by_id[key]
    by_key: dict[str, object] = {}
    for record in records:
        for spelt in _keys(record):
            by_key.setdefault(_old_normalize(spelt), record)
    norm = _old_normalize(key)
    if not norm:
        return UnknownIdError
    return by_key.get(norm)


def _spellings(records: tuple[object, ...]) -> list[str]:
    keys = [k for r in records for k in _keys(r)]
    return [*keys, *(k.casefold() for k in keys), *(normalize(k) for k in keys)]


def _answer(lookup: Callable[[str], object], key: str) -> object:
    try:
        return lookup(key)
    except UnknownIdError as exc:
        return UnknownIdError if exc.field == "key" and not exc.suggestions else exc.suggestions


@pytest.mark.parametrize(("find", "get", "records"), COLLECTIONS)
def test_every_spelling_finds_what_the_long_way_found(
    find: Find, get: Get, records: tuple[object, ...]
) -> None:
    for key in _spellings(records):
        assert get(key) is _long_way(records, key), key
        assert find(key) is _long_way(records, key), key


@st.composite
def _disguised_spelling(draw: st.DrawFn, records: tuple[object, ...]) -> str:
    return _disguise(draw, draw(st.sampled_from(_spellings(records))))


@given(data=st.data())
def test_any_key_finds_what_the_long_way_found(data: st.DataObject) -> None:
    find, get, records = data.draw(st.sampled_from(COLLECTIONS))
    key = data.draw(st.one_of(_disguised_spelling(records), _KEYISH))
    expected = _long_way(records, key)
    if expected is UnknownIdError:
        assert _answer(get, key) is _answer(find, key) is UnknownIdError
    elif expected is None:
        assert get(key) is None
        assert isinstance(_answer(find, key), tuple)
    else:
        assert get(key) is find(key) is expected
        face = getattr(runtone, find.__name__)
        assert face(key) is expected


def test_an_id_wins_over_an_earlier_records_alias_spelt_like_it() -> None:
    # calves' alias "Soleus" normalizes as soleus's id: the id still finds soleus, the
    # alias as written finds calves (the first record with that normalized key).
    soleus = DS.muscle("soleus")
    calves = attrs.evolve(DS.muscle("calves"), aliases=("Soleus", "SOLEUS muscle"))
    ds = Dataset({"muscles": (calves, soleus)})
    for lookup in (ds.muscle, ds.get_muscle):
        assert lookup("soleus") is soleus
        assert lookup("Soleus") is calves
        assert lookup("soleus muscle") is calves
        assert lookup("SOLEUS") is calves


class _Str(str):
    """A str subclass: looked up the long way, as any key once was."""

    __slots__ = ()


def test_a_str_subclass_finds_what_a_str_finds() -> None:
    for key in ("quads", "quadriceps", "Hip flexors", "Hip Flexor Muscles"):
        assert DS.muscle(_Str(key)) is DS.muscle(key)
        assert runtone.muscle(_Str(key)) is DS.muscle(key)
    with pytest.raises(UnknownIdError) as info:
        DS.muscle(_Str("hamstrung"))
    assert info.value.suggestions[0] == "hamstrings"


def test_a_stand_in_held_before_first_use_answers_from_the_one_index_made() -> None:
    ds = Dataset({"muscles": DS.muscles, "exercises": DS.exercises})
    held = ds._muscles  # still the stand-in: nothing is indexed yet
    assert held.find("quads") is DS.muscle("quads")
    made = ds._muscles
    assert made is not held
    assert held.by_id is made.by_id  # the same index: the stand-in makes it once
    assert ds.parts("calves") == DS.parts("calves")
    assert ds.easier("squat") == DS.easier("squat")
    assert ds.muscle("Hip Flexor Muscles") is DS.muscle("hip flexors")
