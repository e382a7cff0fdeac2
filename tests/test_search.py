"""runtone.search: the issue's examples, and properties over every record and any text."""

from __future__ import annotations

import gc
import string

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runtone
from runtone import InvalidValueError, _search
from runtone._dataset import normalize
from strategies import DS

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Every record search finds by default, with its collection.
RECORDS = [(c, r) for c in _search.DEFAULT_COLLECTIONS for r in getattr(DS, c)]
#: Every (collection, record, key) whose key is a name, title or alias.
KEYS = [
    (c, r, key)
    for c, r in RECORDS
    for key in (
        *(v for v in (getattr(r, "name", None), getattr(r, "title", None)) if v),
        *getattr(r, "aliases", ()),
    )
]
#: Every name of six letters or more (a typo in it is forgiven).
LONG_NAMES = [
    (c, r, name)
    for c, r in RECORDS
    for name in [getattr(r, "name", None) or getattr(r, "title", None)]
    if name and sum(ch.isalpha() for ch in name) >= 6
]


def ids(text: str, **kwargs: object) -> list[str]:
    return [hit.record.id for hit in runtone.search(text, **kwargs)]  # type: ignore[arg-type]


# --- the issue's examples ----------------------------------------------------------------


def test_bridge_finds_the_glute_bridge_first() -> None:
    first = runtone.search("bridge")[0]
    assert first.record is DS.exercise("glute-bridge")
    assert (first.collection, first.match, first.field, first.text) == (
        "exercises",
        "exact",
        "aliases",
        "bridge",
    )


def test_knee_pain_finds_patellofemoral_pain_first() -> None:
    # No record has "knee pain" as a name or an alias: the words rank it first.
    assert not [k for _, _, k in KEYS if normalize(k) == "kneepain"]
    first = runtone.search("knee pain")[0]
    assert (first.collection, first.record.id, first.match) == (
        "injuries",
        "patellofemoral-pain",
        "words",
    )


def test_heel_pain_finds_plantar_heel_pain_first() -> None:
    first = runtone.search("heel pain")[0]
    assert (first.collection, first.record.id) == ("injuries", "plantar-heel-pain")


def test_a_typo_finds_the_hamstrings() -> None:
    found = runtone.search("hamstrng")
    assert found[0].record is DS.muscle("hamstrings")
    assert found[0].match == "partial"


@pytest.mark.parametrize("text", ["glute", "glutes", "Glutes", "GLUTE"])
def test_singular_and_plural_find_the_glutes(text: str) -> None:
    first = runtone.search(text)[0]
    assert (first.record.id, first.match) == ("glutes", "exact")


def test_hammies_is_an_alias_of_the_hamstrings() -> None:
    assert "hammies" in DS.muscle("hamstrings").aliases
    assert ids("hammies")[0] == "hamstrings"
    assert ids("hammy")[0] == "hamstrings"  # the singular of an alias


def test_a_prefix_ranks_above_a_word_inside() -> None:
    found = runtone.search("hamstr")
    assert found[0].record.id == "hamstrings"
    assert found[0].match == "prefix"


def test_words_of_several_fields_make_a_match() -> None:
    # "runner's knee" is an alias, "pain" is in the name; possessives are ignored.
    assert ids("runners knee")[0] == "patellofemoral-pain"
    assert ids("pain in the knee")[0] == "patellofemoral-pain"  # small words left out


def test_latin_names_and_ids_are_searched() -> None:
    first = runtone.search("musculus soleus")[0]
    assert (first.record.id, first.field, first.match) == ("soleus", "latin_name", "exact")
    assert ids("single-leg-glute-bridge")[0] == "single-leg-glute-bridge"


def test_glossary_terms_are_searched() -> None:
    first = runtone.search("SMD")[0]
    assert (first.collection, first.record.id) == ("terms", "standardised-mean-difference")
    found = runtone.search("kneecap overload", collections=["terms"])
    assert found[0].record.id == "patellofemoral-pain"
    assert found[0].field == "definition"


def test_sources_are_searched_only_when_asked_for() -> None:
    assert all(hit.collection != "sources" for hit in runtone.search("vannatta", limit=50))
    found = runtone.search("vannatta 2015", collections=["sources"])
    assert found[0].record is DS.source("vannatta-2015")


def test_nothing_matches_gibberish() -> None:
    assert runtone.search("qqqzzzxxx") == ()


@pytest.mark.parametrize("text", ["\x1b", "?!", "--", "\u2019s"])
def test_a_text_without_words_finds_nothing(text: str) -> None:
    # Not blank, so not refused; with no word and no key there is nothing to find.
    assert runtone.search(text) == ()


def test_a_dataset_with_packs_is_searched_with_its_own_index() -> None:
    empty = runtone.Dataset({})
    assert runtone.search("bridge", dataset=empty) == ()
    mine = runtone.Dataset({"muscles": DS.muscles[:3]})
    assert {hit.record for hit in runtone.search("core", dataset=mine)} <= set(DS.muscles[:3])


def test_an_index_goes_with_its_dataset() -> None:
    dataset = runtone.Dataset({"muscles": DS.muscles})
    runtone.search("core", dataset=dataset)
    assert id(dataset) in _search._indexes
    number = id(dataset)
    del dataset
    gc.collect()
    assert number not in _search._indexes


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", [b"bridge", None, 3, ["bridge"]])
def test_text_must_be_a_str(text: object) -> None:
    with pytest.raises(TypeError, match=r"^text: "):
        runtone.search(text)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", " ", "\t\n"])
def test_blank_text_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError, match=r"^text: ") as caught:
        runtone.search(text)
    assert caught.value.field == "text"


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_below_one_is_refused(limit: int) -> None:
    with pytest.raises(InvalidValueError, match=r"^limit: ") as caught:
        runtone.search("bridge", limit=limit)
    assert caught.value.field == "limit"


@pytest.mark.parametrize("limit", [1.5, "3", True, None])
def test_a_limit_must_be_a_whole_number(limit: object) -> None:
    with pytest.raises(TypeError, match=r"^limit: "):
        runtone.search("bridge", limit=limit)  # type: ignore[arg-type]


def test_an_unknown_collection_is_named() -> None:
    with pytest.raises(InvalidValueError, match=r"^collections\[1\]: 'musles' is not") as caught:
        runtone.search("bridge", collections=["exercises", "musles"])
    assert caught.value.field == "collections[1]"
    with pytest.raises(InvalidValueError, match=r"^collections: is empty"):
        runtone.search("bridge", collections=[])
    with pytest.raises(TypeError, match=r"^collections must be a list"):
        runtone.search("bridge", collections="muscles")
    with pytest.raises(TypeError, match=r"^dataset: "):
        runtone.search("bridge", dataset="packaged")  # type: ignore[arg-type]


# --- properties over every record --------------------------------------------------------


@SETTINGS
@given(st.sampled_from(KEYS))
def test_a_records_name_or_alias_finds_it_first_or_among_records_sharing_it(
    item: tuple[str, object, str],
) -> None:
    collection, record, key = item
    found = runtone.search(key, limit=1000)
    assert found[0].match == "exact", (key, found[0])
    place = next(i for i, hit in enumerate(found) if hit.record is record)
    assert found[place].collection == collection
    # Only records that share the key (exactly, as search compares keys) come before it.
    assert all(hit.match == "exact" for hit in found[: place + 1]), (key, found[: place + 1])


@SETTINGS
@given(st.sampled_from(LONG_NAMES), st.data())
def test_a_name_with_one_letter_changed_is_still_found(
    item: tuple[str, object, str], data: st.DataObject
) -> None:
    _, record, name = item
    where = data.draw(st.sampled_from([i for i, ch in enumerate(name) if ch.isalpha()]))
    letter = data.draw(
        st.sampled_from(string.ascii_lowercase).filter(lambda c: c != name[where].lower())
    )
    typo = name[:where] + letter + name[where + 1 :]
    found = runtone.search(typo)
    assert any(hit.record is record for hit in found), (typo, found)


@SETTINGS
@given(
    st.text(min_size=1, max_size=30) | st.sampled_from([k for _, _, k in KEYS]),
    st.lists(st.sampled_from(_search.COLLECTIONS), min_size=1, max_size=3) | st.none(),
    st.integers(1, 30),
)
def test_any_text_gives_sorted_results_within_the_limit_and_collections(
    text: str, collections: list[str] | None, limit: int
) -> None:
    if not text.strip():
        with pytest.raises(InvalidValueError):
            runtone.search(text, collections=collections, limit=limit)
        return
    found = runtone.search(text, collections=collections, limit=limit)
    assert len(found) <= limit
    scores = [hit.score for hit in found]
    assert scores == sorted(scores, reverse=True)
    wanted = set(_search.DEFAULT_COLLECTIONS if collections is None else collections)
    for hit in found:
        assert hit.collection in wanted
        assert any(r is hit.record for r in getattr(DS, hit.collection))
        assert int(hit.score) == ("partial", "words", "prefix", "exact").index(hit.match)
        value = getattr(hit.record, hit.field)
        assert hit.text == value or hit.text in value
    assert len({id(hit.record) for hit in found}) == len(found)  # each record once


@SETTINGS
@given(st.sampled_from([k for _, _, k in KEYS]), st.integers(1, 5))
def test_a_smaller_limit_gives_the_first_results(key: str, limit: int) -> None:
    assert runtone.search(key, limit=limit) == runtone.search(key, limit=50)[:limit]


# --- pruning: the same results as scoring every record ------------------------------------


def _every_record_scored(
    dataset: runtone.Dataset, text: str, collections: list[str] | None, limit: int
) -> list[tuple[str, str, float, str]]:
    """What search finds when every record is scored: no postings, no bounds, no cuts.

    The keys and the scoring are search's own; only the choice of which records to
    score is left out, so this checks that choice.
    """
    index = _search.index_of(dataset)
    query = _search._Query(index, _search._collections(collections))
    raw = _search.raw_words(text)
    folded = [_search.fold(w) for w in raw]
    query.keys({normalize(text), "".join(folded)} - {""})
    for typed, word in zip(raw, folded):
        query.raw.setdefault(word, typed)
    content = list(dict.fromkeys([w for w in folded if w not in _search._STOP] or folded))
    wanted: dict[str, list[tuple[int, float]]] = {}  # vocabulary word -> (word number, quality)
    for i, word in enumerate(content):
        for vocabulary_word, quality in _search._matches(index, word, query.raw.get(word, word)):
            wanted.setdefault(vocabulary_word, []).append((i, quality))
    keyed = dict(query.scores)
    for number in range(len(index.records)):
        if number in keyed or index.collection_of[number] not in query.wanted:
            continue
        matches: dict[int, dict[int, float]] = {}
        for field in range(index.first_field[number], index.first_field[number + 1]):
            for word in index.fields[field][4]:
                for i, quality in wanted.get(word, ()):
                    _search._add(matches, i, field, quality)
        if matches:
            tier, score = _search._score(content, matches, index.fields)
            field = _search._best_field(matches, index.fields)
            query.offer(field, tier + score, "words" if tier == _search.WORDS else "partial")
    ranked = sorted(query.scores.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    return [
        (index.records[n].id, index.collection_of[n], round(score, 4), kind)
        for n, (score, _, kind) in ranked
    ]


#: Words of the packaged data's vocabulary (every one held by fewer fields than the cut).
VOCABULARY = sorted(_search.index_of(DS).words)


@SETTINGS
@given(
    st.lists(
        st.sampled_from(VOCABULARY) | st.sampled_from(VOCABULARY).map(lambda w: w[:-1] or w),
        min_size=1,
        max_size=4,
    ).map(" ".join),
    st.lists(st.sampled_from(_search.COLLECTIONS), min_size=1, max_size=3) | st.none(),
    st.integers(1, 30),
)
def test_search_finds_what_scoring_every_record_finds(
    text: str, collections: list[str] | None, limit: int
) -> None:
    assert max(len(p) for p in _search.index_of(DS).words.values()) <= _search._POSTINGS
    found = [
        (hit.record.id, hit.collection, hit.score, hit.match)
        for hit in runtone.search(text, collections=collections, limit=limit)
    ]
    assert found == _every_record_scored(DS, text, collections, limit)


@pytest.mark.parametrize(
    "text", ["knee pain", "heel pain", "runner's knee pain on stairs", "hip weakness knee", "glute"]
)
def test_the_issues_queries_find_what_scoring_every_record_finds(text: str) -> None:
    found = [(h.record.id, h.collection, h.score, h.match) for h in runtone.search(text)]
    assert found == _every_record_scored(DS, text, None, 10)


def test_a_word_past_the_cut_is_found_through_the_other_words() -> None:
    # "stride" is in 601 fields, more than the postings read for one word; the record
    # holding both words holds "stride" only past that cut, in its definition.
    term = DS.terms[0]
    notes = [
        attrs.evolve(term, id=f"stride-note-{n}", name=f"Stride note {n}", aliases=())
        for n in range(_search._POSTINGS + 100)
    ]
    target = attrs.evolve(
        term, id="target", name="Target", aliases=(), definition="How cadence and stride change."
    )
    dataset = runtone.Dataset({"terms": (*notes, target)})
    postings = _search.index_of(dataset).words["stride"]
    assert len(postings) > _search._POSTINGS
    hits = runtone.search("cadence stride", dataset=dataset)
    assert hits[0].record is target
    assert hits[0].match == "words"  # both words, the cut one included
    assert all(hit.match == "partial" for hit in hits[1:])
