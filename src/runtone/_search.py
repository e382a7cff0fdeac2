"""Search: every record by what a person types, ranked, with why each one matched.

The index of a dataset (:class:`_Index`) is built on its first search and kept, for
as long as the dataset lives, in a cache keyed on the dataset's identity (a dataset
is immutable; a pack makes a new one).  It holds:

* every key (id, name or title, alias, Latin name) in two normalized forms, for
  exact matches, and sorted, for prefix matches (a binary search);
* every word of every searched field, folded (case, plurals, possessives), with
  the fields holding it (an inverted index), and the vocabulary sorted, for words
  begun (``"hamstr"``);
* a deletion index over the vocabulary (each word and each form of it with one
  letter left out), so a word one typo away is found by a few dictionary lookups,
  not by comparing the query with every word.

A query is therefore answered from the records holding its words, never by a scan
of the whole dataset.
"""

from __future__ import annotations

import bisect
import collections
import functools
import heapq
import re
import threading
import weakref
from typing import TYPE_CHECKING, Union, cast

import attrs

from ._vocab import normalize
from .errors import InvalidValueError, shown

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._dataset import Dataset
    from ._records import (
        Claim,
        Exercise,
        Injury,
        Muscle,
        Recommendation,
        Source,
        StrideEffect,
        Term,
        TrainingRule,
    )

__all__ = ["COLLECTIONS", "DEFAULT_COLLECTIONS", "SearchResult", "search"]

#: A record search can return.
Searchable = Union[
    "Muscle",
    "Injury",
    "Exercise",
    "StrideEffect",
    "TrainingRule",
    "Recommendation",
    "Claim",
    "Term",
    "Source",
]

#: What each match kind adds to a score (the score's whole part); the order of the ranking.
EXACT, PREFIX, WORDS, PARTIAL = 3, 2, 1, 0

#: The fields searched in each collection, with their weight, in the order ties are
#: broken.  The keys (ids, names, titles, aliases, Latin names) also match as a whole.
_FIELDS: dict[str, tuple[tuple[str, float], ...]] = {
    "muscles": (("name", 1.0), ("aliases", 1.0), ("latin_name", 0.9), ("id", 0.8)),
    "injuries": (("name", 1.0), ("aliases", 1.0), ("id", 0.8)),
    "exercises": (("name", 1.0), ("aliases", 1.0), ("id", 0.8)),
    "strike_patterns": (("name", 1.0), ("aliases", 1.0), ("id", 0.8)),
    "stride_effects": (("name", 1.0), ("aliases", 1.0), ("id", 0.8)),
    "training_rules": (("name", 1.0), ("aliases", 1.0), ("id", 0.8)),
    "recommendations": (("title", 0.8), ("id", 0.8)),
    "claims": (("id", 0.8), ("question", 0.5), ("statement", 0.5)),
    "terms": (("name", 1.0), ("aliases", 1.0), ("id", 0.8), ("definition", 0.4)),
    "sources": (("title", 0.8), ("id", 0.8)),
}
#: Fields matched as a whole (exactly or by their beginning), besides word by word.
_KEYS = frozenset(("id", "name", "title", "aliases", "latin_name", "english"))
#: The weight of a translated record's English name or alias (field ``"english"``):
#: below the language's own names, so that they come first when both match.
_ENGLISH = 0.9
#: The weight of a record's summary, searched in every collection that has one.
_SUMMARY = 0.4

#: Every collection search knows, in the order results of equal score come.
COLLECTIONS = tuple(_FIELDS)
#: The collections searched unless others are asked for: all but the sources, whose
#: long research titles ("... knee pain in runners ...") would crowd out the records.
DEFAULT_COLLECTIONS = tuple(name for name in COLLECTIONS if name != "sources")

#: Words left out of a query of several words ("pain in the knee"): nearly every
#: summary holds them.
_STOP = frozenset(
    "a an and at by for from in into is it its my of on or the to with".split()  # noqa: SIM905
)
#: Plurals that are not the singular plus -s or -es.
_IRREGULAR = {"calves": "calf", "halves": "half", "feet": "foot", "teeth": "tooth"}
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = re.compile(r"['\u2019]s?\b")
#: The shortest word a typo is forgiven in, and the shortest begun word that matches.
_TYPO_MIN = 4
#: The longest word a typo is looked for in (its deletions grow with its square).
_TYPO_MAX = 40
_BEGUN_MIN = 3
#: At most this many vocabulary words a begun word stands for (the shortest first).
_BEGUN_MAX = 50
#: The most postings of one vocabulary word a query reads (best first).
_POSTINGS = 500
#: How good a word's match is: as written (after folding), begun, or one typo away.
_WHOLE, _BEGUN, _TYPO = 1.0, 0.7, 0.6


def fold(word: str) -> str:
    """A lower-case word's singular, as search compares words (``"glutes"`` -> ``"glute"``)."""
    irregular = _IRREGULAR.get(word)
    if irregular is not None:
        return irregular
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):  # noqa: PLR2004
        return word
    if word.endswith("ies") and len(word) > 4:  # noqa: PLR2004
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def raw_words(text: str) -> list[str]:
    """The words of a text, case folded, without apostrophes and possessive s."""
    return _WORD.findall(_APOSTROPHES.sub("", text.casefold()))


def words(text: str) -> list[str]:
    """The folded words of a text: case folded, possessives and plurals made singular."""
    return [fold(w) for w in raw_words(text)]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@attrs.frozen
class SearchResult:
    """One record :func:`runtone.search` found, and why.

    Attributes:
        record: The record found.
        collection: The collection it is in (``"injuries"``).
        score: How well it matched: higher is better.  The whole part is the kind
            of match (3 exact, 2 prefix, 1 every word, 0 partial), the fraction how
            good it is within that kind (which field, how much of it the text covers).
        match: The kind of match: ``"exact"`` (the text is a key of the record: its
            id, name, title, an alias or its Latin name, ignoring case, spaces,
            hyphens and plurals), ``"prefix"`` (the text begins a key),
            ``"words"`` (every word of the text is a word of the record's searched
            fields) or ``"partial"`` (some words only, or words begun, or one typo away).
        field: The field that matched best: ``"id"``, ``"name"``, ``"title"``,
            ``"aliases"``, ``"latin_name"``, ``"summary"``, ``"definition"`` (a
            glossary term's), ``"statement"`` or ``"question"`` (a claim's), or
            ``"english"`` (in a translated dataset, the record's English name or an
            English alias).
        text: That field's text that matched (the alias itself, for an alias).

    >>> hit = runtone.search("knee pain")[0]
    >>> hit.record.id, hit.collection, hit.match
    ('patellofemoral-pain', 'injuries', 'words')
    """

    record: Searchable
    collection: str
    score: float
    match: str
    field: str
    text: str

    def __repr__(self) -> str:
        ident = getattr(self.record, "id", "?")
        return (
            f"<SearchResult {self.collection}:{ident!r}: {self.match} {self.field}="
            f"{self.text!r} score={self.score}>"
        )


# A field of a record: (record number, field name, text, weight, words, key?).
_Field = tuple[int, str, str, float, tuple[str, ...], bool]


class _Index:
    """What search looks a dataset's words and keys up in, built once per dataset."""

    __slots__ = (
        "begun",
        "collection_of",
        "exact",
        "fields",
        "first_field",
        "keyed",
        "prefixes",
        "record_of",
        "records",
        "typos",
        "vocabulary",
        "words",
    )

    def __init__(self, dataset: Dataset) -> None:
        self.records: list[Searchable] = []
        self.collection_of: list[str] = []
        self.fields: list[_Field] = []
        #: The number of each record's first field.
        self.first_field: list[int] = []
        #: A key's normalized form (and its folded words joined) -> fields numbers.
        self.exact: dict[str, list[int]] = {}
        #: A folded word -> the numbers of the fields holding it.
        self.words: dict[str, list[int]] = {}
        keys: dict[str, list[int]] = {}
        locale = dataset._locale  # noqa: SLF001 - a translation's English keys
        for collection in COLLECTIONS:
            spec = _FIELDS[collection]
            english = {} if locale is None else locale[1].get(collection, {})
            for record in getattr(dataset, collection):
                number = len(self.records)
                self.records.append(record)
                self.first_field.append(len(self.fields))  # a record's fields are consecutive
                self.collection_of.append(collection)
                for name, weight in (*spec, ("summary", _SUMMARY)):
                    value = getattr(record, name, None)
                    texts = value if isinstance(value, tuple) else (value,)
                    for text in texts:
                        if isinstance(text, str):
                            self._add(number, name, text, weight, keys)
                for text in english.get(record.id, ()):
                    self._add(number, "english", text, _ENGLISH, keys)
        self.prefixes = sorted(keys.items())
        #: A word -> how many of its postings, at their front, are keys.
        self.keyed: dict[str, int] = {}
        #: Each field's record number (the postings loop reads only this).
        self.record_of = [field[0] for field in self.fields]
        self.first_field.append(len(self.fields))  # one past the last record's
        self.rank()
        self.vocabulary = sorted(self.words)
        self.typos: dict[str, set[str]] = {}
        self.begun: list[str] = self.vocabulary

    def _add(
        self, number: int, name: str, text: str, weight: float, keys: dict[str, list[int]]
    ) -> None:
        field = len(self.fields)
        folded = tuple(words(text))
        is_key = name in _KEYS
        self.fields.append((number, name, text, weight, folded, is_key))
        seen: set[str] = set()
        for word in folded:
            if word not in seen:
                seen.add(word)
                self.words.setdefault(word, []).append(field)
        if is_key:
            for form in {normalize(text), "".join(folded)}:
                if form:
                    self.exact.setdefault(form, []).append(field)
                    keys.setdefault(form, []).append(field)

    def rank(self) -> None:
        """Order each word's postings best first: by what the field adds to a score.

        A field adds its weight (most of a word's score) and, for a key, the share of
        it one word covers; ties keep the fields' order (collections, then data).
        The keys come first, and :attr:`keyed` says how many there are.
        """
        fields = self.fields

        def impact(field: int) -> tuple[bool, float]:
            _, _, _, weight, folded, is_key = fields[field]
            # Keys first (their weights, 0.8 and up, are above every other field's).
            return not is_key, -(0.7 * weight + (0.15 / len(folded) if is_key and folded else 0.0))

        for word, postings in self.words.items():
            postings.sort(key=impact)
            self.keyed[word] = sum(1 for field in postings if fields[field][5])

    def build_typos(self) -> None:
        """Make the deletion index: each word by itself and with one letter left out.

        The raw forms of words are indexed too (``"calves"`` as well as ``"calf"``).
        """
        typos: dict[str, set[str]] = {}
        raw: set[str] = set()
        for _, _, text, _, _, _ in self.fields:
            raw.update(raw_words(text))
        for word in raw:
            target = fold(word)
            if target not in self.words:
                continue
            for form in {word, target}:  # a query's words are folded: index both
                if _TYPO_MIN <= len(form) <= _TYPO_MAX:
                    typos.setdefault(form, set()).add(target)
                    for deleted in _deletions(form):
                        typos.setdefault(deleted, set()).add(target)
        self.typos = typos

    def close_words(self, word: str) -> set[str]:
        """Vocabulary words at most one edit (or one swap of neighbours) from ``word``."""
        found: set[str] = set()
        for form in (word, *_deletions(word)):
            found.update(self.typos.get(form, ()))
        found.discard(word)
        return found

    def begun_words(self, word: str) -> list[str]:
        """Vocabulary words that ``word`` begins (not ``word`` itself), shortest first."""
        vocabulary = self.vocabulary
        start = bisect.bisect_right(vocabulary, word)
        found: list[str] = []
        for i in range(start, len(vocabulary)):
            other = vocabulary[i]
            if not other.startswith(word):
                break
            found.append(other)
        found.sort(key=len)
        return found[:_BEGUN_MAX]

    def key_prefixes(self, form: str) -> Iterable[tuple[str, list[int]]]:
        """The keys (normalized) that ``form`` begins, and their fields.

        At most :data:`_POSTINGS` keys, the first in alphabetical order.
        """
        prefixes = self.prefixes
        i = bisect.bisect_right(prefixes, (form, []))
        end = min(len(prefixes), i + _POSTINGS)  # a huge pack's common prefix: the first
        while i < end and prefixes[i][0].startswith(form):
            yield prefixes[i]
            i += 1


# --- the cache: one index per dataset, dropped with the dataset ---------------------------

_lock = threading.Lock()
_indexes: dict[int, tuple[weakref.ref[Dataset], _Index]] = {}


def _forget(number: int, _: object = None) -> None:
    _indexes.pop(number, None)


def index_of(dataset: Dataset) -> _Index:
    """The search index of ``dataset``, built on first use and dropped with it."""
    number = id(dataset)
    entry = _indexes.get(number)
    if entry is not None and entry[0]() is dataset:
        return entry[1]
    index = _Index(dataset)
    index.build_typos()
    with _lock:
        # The entry's weak reference removes it when the dataset goes (its id may then
        # be reused: the check above compares the dataset itself, not only its id).
        _indexes[number] = (weakref.ref(dataset, functools.partial(_forget, number)), index)
    return index


# --- a query --------------------------------------------------------------------------------


def _checked(text: object, limit: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text: expected a str, got {shown(text)}")
    if not text.strip():
        raise InvalidValueError("text", "is blank: give a word or a name to search for")
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit: expected a whole number, got {shown(limit)}")
    if limit < 1:
        raise InvalidValueError("limit", f"must be at least 1, got {shown(limit)}")
    return text


def _collections(collections: object) -> frozenset[str]:
    if collections is None:
        return frozenset(DEFAULT_COLLECTIONS)
    if isinstance(collections, (str, bytes)):
        raise TypeError(
            "collections must be a list of collection names; for one, write "
            f"collections=[{collections!r}]"
        )
    try:
        names = list(cast("Iterable[object]", collections))
    except TypeError:
        raise TypeError(
            f"collections: expected a list of names, got {shown(collections)}"
        ) from None
    for i, name in enumerate(names):
        if not isinstance(name, str):
            raise TypeError(f"collections[{i}]: expected a str, got {shown(name)}")
        if name not in _FIELDS:
            raise InvalidValueError(
                f"collections[{i}]",
                f"{shown(name)} is not a collection (one of {', '.join(COLLECTIONS)})",
            )
    if not names:
        raise InvalidValueError("collections", "is empty: name at least one collection")
    return frozenset(cast("list[str]", names))


# What a query's words matched in one record: each field's number -> the query words
# (their numbers) it holds, each with its best quality there.  Plain dicts: a query
# makes one for each record a word of it is in, and fills them posting by posting.
_Matches = dict[int, dict[int, float]]
# The postings a query word is looked up in: (query word number, quality of the match,
# postings, how many at their front are keys, the weight of the heaviest field past
# those).
_List = tuple[int, float, list[int], int, float]


def _add(matches: _Matches, word: int, field: int, quality: float) -> None:
    """Query word number ``word`` matched ``field`` this well (the better match kept)."""
    matched = matches.get(field)
    if matched is None:
        matches[field] = {word: quality}
    elif quality > matched.get(word, 0.0):
        matched[word] = quality


class _Query:
    """One search: each record's best score so far, in the collections wanted."""

    __slots__ = ("index", "raw", "scores", "wanted")

    def __init__(self, index: _Index, wanted: frozenset[str]) -> None:
        self.index, self.wanted = index, wanted
        #: Each folded query word as it was typed.
        self.raw: dict[str, str] = {}
        #: Each record's best (score, field number, match kind) so far.
        self.scores: dict[int, tuple[float, int, str]] = {}

    def offer(self, field: int, score: float, kind: str) -> None:
        number = self.index.fields[field][0]
        if self.index.collection_of[number] not in self.wanted:
            return
        old = self.scores.get(number)
        if old is None or score > old[0]:
            self.scores[number] = (score, field, kind)

    def keys(self, forms: set[str]) -> None:
        """Records with a key that is ``forms`` (exact) or that begins with it (prefix)."""
        index = self.index
        for form in forms:
            for field in index.exact.get(form, ()):
                self.offer(field, EXACT + 0.99 * index.fields[field][3], "exact")
            for key, found in index.key_prefixes(form):
                if key != form:  # the more of the key the text covers, the better
                    for field in found:
                        share = 0.5 + 0.49 * len(form) / len(key)
                        self.offer(field, PREFIX + index.fields[field][3] * share, "prefix")

    def words(self, query: list[str], limit: int) -> None:
        """Records holding the query's words, whole, begun or one typo away.

        The candidates are scored (one pass over the fields each matched); only the
        first ``limit``, which alone can enter the results, are offered with the
        field that matched best.
        """
        if not query:  # a text of no words ("?!"), whose keys matched nothing or did
            return
        fields = self.index.fields
        scored = self.pruned(query, limit)
        for negative, _, matches in heapq.nsmallest(limit, scored):
            field = _best_field(matches, fields)
            self.offer(field, -negative, "words" if -negative >= WORDS else "partial")

    def pruned(self, query: list[str], limit: int) -> list[tuple[float, int, _Matches]]:
        """The scored candidates, leaving out records that cannot enter the ``limit``.

        First the records holding every query word as written, which score above
        any record lacking one (a ``"words"`` match above a ``"partial"`` one): with
        the records a key matched, they may fill the ``limit`` alone.  Else those,
        the records a word matched in a key, and the records holding every word in
        some form.  The rest matched outside keys only (summaries, definitions and
        claims' text, 0.5 at most in weight, with no coverage), and lack at least
        one word: that bounds their score, and when the ``limit``-th score so far is
        above the bound none of them can enter; else the records lacking one word
        are scored too, and the bound drops to those lacking two, and so on.

        Each chosen record is scored with every match of every query word.  A
        vocabulary word's postings are read best first (see :meth:`_Index.rank`) and
        at most :data:`_POSTINGS` of them: a word that a share of a huge pack holds
        costs no more than a rarer one, and the records chosen are then looked up
        for it.
        """
        index, scores, wanted = self.index, self.scores, self.wanted
        record_of, collection_of, fields = index.record_of, index.collection_of, index.fields
        size = len(query)
        lists, cut = self.lists(query)

        def wanted_only(numbers: Iterable[int]) -> set[int]:
            return {n for n in numbers if n not in scores and collection_of[n] in wanted}

        whole = [postings for _, quality, postings, _, _ in lists if quality == _WHOLE]
        chosen: set[int] = set()
        if len(whole) == size:  # every word is in the vocabulary as written
            whole.sort(key=len)
            chosen.update(map(record_of.__getitem__, whole[0]))
            for postings in whole[1:]:
                chosen.intersection_update(map(record_of.__getitem__, postings))
            chosen = wanted_only(chosen)
            if len(chosen) + len(scores) >= limit:
                return _scored(query, self.matches(chosen, lists, cut), fields)
        for _, _, postings, keyed, _ in lists:
            chosen.update(map(record_of.__getitem__, postings[:keyed]))
        lacking = self.lacking(size, lists, cut)
        chosen = wanted_only(chosen.union(lacking[0]))
        scored = _scored(query, self.matches(chosen, lists, cut), fields)
        best = _unkeyed_bests(size, lists)
        for missing in range(1, size):
            if len(scored) + len(scores) >= limit:
                every = [-value[0] for value in scored]
                every.extend(value[0] for value in scores.values())
                threshold = heapq.nlargest(limit, every)[-1]
                # A record lacking this many words has only the others' best matches.
                bound = 0.99 * 0.7 * sum(best[: size - missing]) / size
                if bound + 1e-9 < threshold:
                    return scored
            more = wanted_only(lacking[missing]) - chosen
            chosen |= more
            scored.extend(_scored(query, self.matches(more, lists, cut), fields))
        return scored

    def lists(self, query: list[str]) -> tuple[list[_List], list[tuple[int, str, float]]]:
        """The postings of each vocabulary word standing for a query word, and the cuts.

        At most :data:`_POSTINGS` postings of a word, its best; the words cut
        short come second, each with its query word's number and the match's quality.
        """
        index = self.index
        fields = index.fields
        lists: list[_List] = []
        cut: list[tuple[int, str, float]] = []
        for i, word in enumerate(query):
            for vocabulary_word, quality in _matches(index, word, self.raw.get(word, word)):
                postings = index.words[vocabulary_word]
                keyed = index.keyed[vocabulary_word]
                # The heaviest field outside keys (the first after them) bounds the
                # records matched only there, those past a cut included.
                unkeyed = fields[postings[keyed]][3] if keyed < len(postings) else 0.0
                if len(postings) > _POSTINGS:  # a word a share of a huge pack holds
                    postings = postings[:_POSTINGS]
                    keyed = min(keyed, _POSTINGS)
                    cut.append((i, vocabulary_word, quality))
                lists.append((i, quality, postings, keyed, unkeyed))
        return lists, cut

    def lacking(
        self, size: int, lists: list[_List], cut: list[tuple[int, str, float]]
    ) -> list[list[int]]:
        """The records the postings hold, by how many of the query's words each lacks."""
        record_of = self.index.record_of
        held_by: list[set[int]] = [set() for _ in range(size)]  # each word's records
        for i, _, postings, _, _ in lists:
            held_by[i].update(map(record_of.__getitem__, postings))
        if cut:
            self.recount(held_by, cut)
        holding = collections.Counter[int]()
        for held in held_by:
            holding.update(held)
        lacking: list[list[int]] = [[] for _ in range(size)]
        for number, count in holding.items():
            lacking[size - count].append(number)
        return lacking

    def recount(self, held_by: list[set[int]], cut: list[tuple[int, str, float]]) -> None:
        """Add to a word's records those past its cut that other words' postings hold.

        Only the postings of words read in full are followed: a record that every
        word's postings hold only past their cuts stays unknown, as the price of a
        word that a share of a huge pack holds costing no more than a rarer one.
        """
        index = self.index
        first, fields = index.first_field, index.fields
        short = {i for i, _, _ in cut}
        found = set().union(*(held for i, held in enumerate(held_by) if i not in short))
        for i, vocabulary_word, _ in cut:
            for number in found - held_by[i]:
                if any(
                    vocabulary_word in fields[field][4]
                    for field in range(first[number], first[number + 1])
                ):
                    held_by[i].add(number)

    def matches(
        self, numbers: Iterable[int], lists: list[_List], cut: list[tuple[int, str, float]]
    ) -> dict[int, _Matches]:
        """What each record of ``numbers`` holds of the query's words (``lists``).

        The words whose postings were cut short (``cut``) are looked up in each
        record's fields as well.
        """
        index = self.index
        record_of = index.record_of
        candidates: dict[int, _Matches] = {number: {} for number in numbers}
        if not candidates:
            return candidates
        for i, quality, postings, _, _ in lists:
            for field in postings:
                matches = candidates.get(record_of[field])
                if matches is None:
                    continue
                matched = matches.get(field)  # _add, inlined: this is the hot loop
                if matched is None:
                    matches[field] = {i: quality}
                elif quality > matched.get(i, 0.0):
                    matched[i] = quality
        if cut:
            self.look_up(candidates, cut)
        return candidates

    def look_up(self, candidates: dict[int, _Matches], cut: list[tuple[int, str, float]]) -> None:
        """Find the words cut short in each candidate's fields."""
        first, fields = self.index.first_field, self.index.fields
        for i, vocabulary_word, quality in cut:
            for number, matches in candidates.items():
                for field in range(first[number], first[number + 1]):
                    if vocabulary_word in fields[field][4]:
                        _add(matches, i, field, quality)


def _matches(index: _Index, word: str, raw: str) -> list[tuple[str, float]]:
    """The vocabulary words standing for a query word, each with how good a match it is.

    ``word`` is the folded word and ``raw`` the word as typed (``"aalves"``, one typo
    from ``"calves"``, folds to ``"aalve"``, two from ``"calf"``).
    """
    matches: list[tuple[str, float]] = []
    if word in index.words:
        matches.append((word, _WHOLE))
    # A typo may make another word ("strain" -> "sprain"): close words are looked for
    # either way, and rank below the word itself.
    close = {
        w
        for form in {word, raw}
        if _TYPO_MIN <= len(form) <= _TYPO_MAX
        for w in index.close_words(form)
    }
    close.discard(word)
    matches.extend((w, _TYPO) for w in sorted(close))
    if len(word) >= _BEGUN_MIN:
        matches.extend((longer, _BEGUN) for longer in index.begun_words(word))
    return matches


def search(
    dataset: Dataset,
    text: str,
    *,
    collections: Iterable[str] | None = None,
    limit: int = 10,
) -> tuple[SearchResult, ...]:
    """The records of ``dataset`` that ``text`` names or describes, best first.

    See :func:`runtone.search`.
    """
    text = _checked(text, limit)
    wanted = _collections(collections)
    index = index_of(dataset)
    query = _Query(index, wanted)
    raw = raw_words(text)
    folded = [fold(w) for w in raw]
    query.keys({normalize(text), "".join(folded)} - {""})
    for typed, word in zip(raw, folded):
        query.raw.setdefault(word, typed)
    if len(query.scores) < limit:  # else the keys fill it: they score above any words
        content = [w for w in folded if w not in _STOP] or folded
        query.words(list(dict.fromkeys(content)), limit)
    ranked = sorted(query.scores.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    return tuple(_result(index, number, *value) for number, value in ranked)


def _scored(
    query: list[str], candidates: dict[int, _Matches], fields: list[_Field]
) -> list[tuple[float, int, _Matches]]:
    """Each candidate's score, negated (best first as a heap orders), number and matches."""
    return [(-sum(_score(query, m, fields)), n, m) for n, m in candidates.items()]


def _unkeyed_bests(size: int, lists: list[_List]) -> list[float]:
    """The best match of each query word outside keys, in any record, best first.

    A word's best match there is its quality times the heaviest unkeyed field of one
    of its lists.
    """
    best = [0.0] * size
    for i, quality, _, _, unkeyed in lists:
        best[i] = max(best[i], quality * unkeyed)
    return sorted(best, reverse=True)


def _score(query: list[str], matches: _Matches, fields: list[_Field]) -> tuple[int, float]:
    """The kind of words match, and how well the fields hold the query (0 to 0.99).

    Mostly the mean of each word's best match (its quality times the field's
    weight); then whether a field holds the words side by side, in order, and how
    much of a key they cover.
    """
    size = len(query)
    if len(matches) == 1:  # most candidates: one word in one field, scored in short
        ((field, matched),) = matches.items()
        if len(matched) == 1:
            ((_, quality),) = matched.items()
            _, _, _, weight, folded, is_key = fields[field]
            tier = WORDS if size == 1 and quality == _WHOLE else PARTIAL
            coverage = 1 / len(folded) if is_key and folded else 0.0
            return tier, 0.99 * (0.7 * (quality * weight) / size + 0.15 * coverage)
    best = [0.0] * size
    whole = [False] * size
    phrase = coverage = 0.0
    for field, matched in matches.items():
        _, _, _, weight, folded, is_key = fields[field]
        for word, quality in matched.items():
            if quality * weight > best[word]:  # noqa: PLR1730 - max() costs a call here
                best[word] = quality * weight
            if quality == _WHOLE:
                whole[word] = True
        count = len(matched)
        if is_key and folded and count / len(folded) > coverage:
            coverage = count / len(folded)
        if size > 1 and count == size and weight > phrase and _in_order(query, folded):
            phrase = weight
    tier = WORDS if all(whole) else PARTIAL
    return tier, 0.99 * (0.7 * sum(best) / size + 0.15 * phrase + 0.15 * coverage)


def _best_field(matches: _Matches, fields: list[_Field]) -> int:
    """The field that matched best: the most weight times quality, then the most words."""
    best_field, best_key = -1, (-1.0, -1)
    for field, matched in matches.items():
        key = (fields[field][3] * sum(matched.values()), len(matched))
        if key > best_key:
            best_field, best_key = field, key
    return best_field


def _in_order(query: list[str], folded: tuple[str, ...]) -> bool:
    """Whether the query's words stand side by side, in order, in ``folded``."""
    words, size, start = tuple(query), len(query), 0
    try:
        while True:  # tuple.index finds each place the first word stands (in C)
            start = folded.index(words[0], start)
            if folded[start : start + size] == words:
                return True
            start += 1
    except ValueError:
        return False


def _result(index: _Index, number: int, score: float, field: int, kind: str) -> SearchResult:
    _, name, text, _, _, _ = index.fields[field]
    return SearchResult(
        record=index.records[number],
        collection=index.collection_of[number],
        score=round(score, 4),
        match=kind,
        field=name,
        text=text,
    )
