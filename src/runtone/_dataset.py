"""The Dataset: every collection, with indexes for lookups by id, name or alias."""

from __future__ import annotations

import re
import weakref
from types import MappingProxyType
from typing import TYPE_CHECKING, Generic, TypeVar, Union, cast

import attrs

from ._default import cached, load
from ._records import (
    Claim,
    Dose,
    Exercise,
    Finding,
    Injury,
    Muscle,
    Recommendation,
    Source,
    StrideEffect,
    Term,
    TrainingRule,
)
from ._vocab import (
    SUGGEST_MAX,
    Equipment,
    EvidenceGrade,
    ExerciseKind,
    Goal,
    JointAction,
    Level,
    Region,
    TargetRole,
    Verdict,
    close_matches,
    parse_enum,
    parse_enums,
)
from .errors import InvalidValueError, UnknownIdError, shown, singular

if TYPE_CHECKING:
    import enum
    from collections.abc import Iterable, Mapping

__all__ = [
    "Dataset",
    "check_dataset",
    "normalize",
    "record_keys",
    "term_pattern",
]

T = TypeVar("T")

#: A record that can cite a source (every record but a source).
Citing = Union[
    "Muscle",
    "Injury",
    "Exercise",
    "StrideEffect",
    "Claim",
    "Recommendation",
    "Term",
    "TrainingRule",
]


def normalize(key: str) -> str:
    r"""The form a key is compared in: case folded, no spaces, hyphens or underscores.

    The same text as ``runtone._vocab.normalize`` for every string (a test
    compares them over arbitrary text), without its regular expression, which
    took most of the time of a lookup by a name of several words.  Whitespace is
    what ``str.split()`` splits at: the characters the expression's ``\s`` matches.

    >>> normalize("Rectus_femoris") == normalize("rectus-femoris") == normalize("RECTUS FEMORIS")
    True
    """
    folded = key.casefold()
    if folded.isalnum():  # most keys are a single word: nothing to remove
        return folded
    return "".join(folded.split()).replace("-", "").replace("_", "")


class _Index(Generic[T]):
    """One collection: its records in order, by id, and by every normalized key."""

    __slots__ = ("_also", "_by_key", "by_id", "exact", "name", "owner", "records")

    def __init__(
        self, name: str, records: tuple[T, ...], also: Mapping[str, tuple[str, ...]] | None = None
    ) -> None:
        self.name = name
        self.records = records
        # More keys by record id, after the records' own: a translation's English names.
        self._also = also
        ids = {_id(rec): rec for rec in records}
        self.by_id: Mapping[str, T] = MappingProxyType(ids)
        # Built on the first lookup that is not an id (a race builds equal maps, harmlessly).
        self._by_key: dict[str, T] | None = None
        # What a key spelt exactly so finds, with no normalizing: the ids until by_key()
        # is built, then also every id, name, title and alias as written, case folded
        # and normalized.  Only the data's own spellings, never a caller's key: its size is
        # fixed by the records.
        self.exact: dict[str, T] = ids
        #: The dataset whose collection this is, when there is one: unknown keys are
        #: then searched for in it, so that suggestions rank as :func:`runtone.search`.
        self.owner: weakref.ref[Dataset] | None = None

    def by_key(self) -> dict[str, T]:
        """Every record by each of its normalized keys (id, name or title, aliases).

        Built on first use; the caller must not change it.
        """
        by_key = self._by_key
        if by_key is None:
            built: dict[str, T] = {}
            exact = dict(self.by_id)  # an id finds its record, whatever else it spells
            for rec in self.records:
                for key in _lookup_keys(rec):
                    norm = normalize(key)
                    # The first record with a normalized key keeps it, so what the key
                    # finds is settled here.  Its lower case and normalized spellings
                    # normalize the same (case folding is idempotent: a test checks it).
                    found = built.setdefault(norm, rec)
                    if norm:  # a blank key finds nothing but an error
                        exact.setdefault(key, found)
                        exact.setdefault(key.casefold(), found)
                        exact.setdefault(norm, found)
            if self._also:  # a record's own keys come first: they win a clash
                for rec in self.records:
                    for key in self._also.get(_id(rec), ()):
                        norm = normalize(key)
                        found = built.setdefault(norm, rec)
                        if norm:
                            exact.setdefault(key, found)
                            exact.setdefault(key.casefold(), found)
                            exact.setdefault(norm, found)
            self.exact = exact
            by_key = self._by_key = built
        return by_key

    def get(self, key: object, field: str = "key") -> T | None:
        """The record ``key`` names, or None.

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: ``key`` is blank, or only hyphens, underscores and
                spaces: no record answers to it, and it is a mistake (names ``field``).
        """
        if not isinstance(key, str):
            raise TypeError(f"key must be a str, not {type(key).__name__}")
        # An id, or a spelling of the data: what the id, then the normalized key, finds.
        # (A str subclass may compare in its own way: it is looked up the long way.)
        found = (self.exact if type(key) is str else self.by_id).get(key)
        if found is None:
            norm = normalize(key)
            if not norm:  # "", "  ", "-": no record answers to nothing (the loader sees to it)
                raise UnknownIdError(key, self.name, field=field)
            by_key = self._by_key
            found = (self.by_key() if by_key is None else by_key).get(norm)
        return found

    def find(self, key: object) -> T:
        """The record ``key`` names; as :meth:`get`, but an unknown key raises.

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: no record answers to ``key`` (with close matches).
        """
        if type(key) is str:  # the common case first: a key spelt as in the data
            found = self.exact.get(key)
            if found is not None:
                return found
        found = self.get(key)
        if found is None:
            assert isinstance(key, str)  # noqa: S101 - get() raised TypeError otherwise
            raise UnknownIdError(key, self.name, self.suggest(key))
        return found

    def suggest(self, key: str) -> tuple[str, ...]:
        """Ids of up to three records that ``key`` may have meant, the likeliest first.

        Those :func:`runtone.search` finds for it in this collection ("knee pain":
        patellofemoral pain); when it finds none, those with a key spelt closest to it.
        """
        dataset = None if self.owner is None else self.owner()
        if dataset is not None and len(key) <= SUGGEST_MAX and key.strip():
            from ._search import search  # noqa: PLC0415 - only a failed lookup needs it

            found = search(dataset, key, collections=(self.name,), limit=3)
            if found:
                return tuple(_id(hit.record) for hit in found)
        return close_matches(key, self.by_key(), _id)


def _restore(
    records: Mapping[str, tuple[object, ...]],
    locale: str,
    also: Mapping[str, Mapping[str, tuple[str, ...]]],
) -> Dataset:
    """A translated dataset, unpickled: its records, language and English keys."""
    keys = MappingProxyType({n: MappingProxyType(dict(k)) for n, k in also.items()})
    made = Dataset(records)
    made._locale = (locale, keys)  # noqa: SLF001 - set before any index is made
    return made


def _group_parts(muscles: tuple[Muscle, ...]) -> Mapping[str, tuple[Muscle, ...]]:
    """Each muscle group's id with the muscles that are part of it."""
    parts: dict[str, list[Muscle]] = {}
    for muscle in muscles:
        if muscle.part_of is not None:
            parts.setdefault(muscle.part_of, []).append(muscle)
    return MappingProxyType({group: tuple(members) for group, members in parts.items()})


def _variations(
    exercises: tuple[Exercise, ...],
) -> Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each exercise's easier and harder variations, from what either record says."""
    easier: dict[str, dict[str, None]] = {}
    harder: dict[str, dict[str, None]] = {}
    for exercise in exercises:
        for other in exercise.easier:
            easier.setdefault(exercise.id, {})[other] = None
            harder.setdefault(other, {})[exercise.id] = None
        for other in exercise.harder:
            harder.setdefault(exercise.id, {})[other] = None
            easier.setdefault(other, {})[exercise.id] = None
    # In data order, as every query answers (an id the data lack sorts last).
    position = {exercise.id: i for i, exercise in enumerate(exercises)}

    def ordered(ids: dict[str, None]) -> tuple[str, ...]:
        return tuple(sorted(ids, key=lambda i: position.get(i, len(position))))

    return MappingProxyType(
        {
            ident: (ordered(easier.get(ident, {})), ordered(harder.get(ident, {})))
            for ident in easier.keys() | harder.keys()
        }
    )


def _id(record: object) -> str:
    return cast("str", getattr(record, "id"))  # noqa: B009


def _lookup_keys(record: object) -> list[str]:
    """The keys of :func:`record_keys`, without the fields they come from."""
    keys = [_id(record)]
    for name in ("name", "title"):
        text = getattr(record, name, None)
        if isinstance(text, str):
            keys.append(text)
    keys.extend(getattr(record, "aliases", ()))
    return keys


def record_keys(record: object) -> list[tuple[str, str]]:
    """The keys a record is looked up by, each with the field it comes from."""
    keys = [("id", _id(record))]
    for name in ("name", "title"):
        text = getattr(record, name, None)
        if isinstance(text, str):
            keys.append((name, text))
    keys.extend((f"aliases[{i}]", alias) for i, alias in enumerate(getattr(record, "aliases", ())))
    return keys


#: The record class of each collection, in the order the loader builds them.
_CLASSES: Mapping[str, type] = MappingProxyType(
    {
        "sources": Source,
        "muscles": Muscle,
        "injuries": Injury,
        "exercises": Exercise,
        "strike_patterns": StrideEffect,
        "stride_effects": StrideEffect,
        "claims": Claim,
        "recommendations": Recommendation,
        "terms": Term,
        "training_rules": TrainingRule,
    }
)

#: The Dataset attribute that indexes each collection, with the collection's name.
_INDEXED = {f"_{name}": name for name in _CLASSES}

#: The Dataset attributes made on first use: an index per collection, the groups' parts
#: and the exercises' variations.
_MADE_ON_USE = (*_INDEXED, "_parts", "_variations")


class _Unmade:
    """Stands in a Dataset's slot for an index until the index is first used.

    Any attribute asked of it makes the index, puts it in the slot and answers
    from it: after that the dataset holds the index itself, and a stand-in still
    held somewhere answers from the same index.  A Dataset defines no
    ``__getattr__`` (which would be the simpler way) because that slows every
    attribute and method lookup on it, a third of a warm ``ds.muscle("quads")``.
    """

    __slots__ = ("_dataset", "_made", "_name")

    def __init__(self, dataset: Dataset, name: str) -> None:
        self._dataset = dataset
        self._name = name
        self._made: object = None

    def __getattr__(self, attribute: str) -> object:
        made = self._made
        if made is None:
            made = self._made = self._dataset._make(self._name, self)
        return getattr(made, attribute)


def _checked_collections(collections: object) -> dict[str, tuple[object, ...]]:
    """``collections`` as Dataset() takes them, every record checked for its class.

    Raises:
        TypeError: ``collections`` is not a mapping, a collection is not a tuple or
            list, or a record is not of its collection's class.
        InvalidValueError: a name is not a collection's, or two records share an id.
    """
    from collections.abc import Mapping  # noqa: PLC0415 - only a public Dataset() needs it

    if not isinstance(collections, Mapping):
        raise TypeError(
            "collections: expected a mapping of collection names to tuples of records, "
            f"got {shown(collections)}"
        )
    checked: dict[str, tuple[object, ...]] = dict.fromkeys(_CLASSES, ())
    for name, records in collections.items():
        cls = _CLASSES.get(name) if isinstance(name, str) else None
        if cls is None:
            raise InvalidValueError(
                "collections", f"{shown(name)} is not a collection (one of {', '.join(_CLASSES)})"
            )
        where = f"collections[{name!r}]"
        if not isinstance(records, (tuple, list)):
            raise TypeError(f"{where}: expected a tuple of records, got {shown(records)}")
        seen: dict[str, int] = {}
        for i, record in enumerate(records):
            if not isinstance(record, cls):
                raise TypeError(f"{where}[{i}]: expected a {cls.__name__}, got {shown(record)}")
            first = seen.setdefault(_id(record), i)
            if first != i:
                raise InvalidValueError(
                    f"{where}[{i}]", f"id {_id(record)!r} is also the id of [{first}]"
                )
        checked[name] = tuple(records)
    return checked


class Dataset:
    """The whole dataset: immutable collections and lookups.

    Get the packaged one with :func:`runtone.load`. Every collection is a tuple
    in a stable order (the order of the data files); every lookup accepts a
    record's id, name or any alias, ignoring case, spaces, hyphens and
    underscores, and raises :class:`~runtone.UnknownIdError` (with close
    matches) for an unknown key.  The ``get_*`` forms return a default instead.

    Where a method takes a record, it takes it by id: a record of another
    dataset (the packaged one, say, when this one was loaded with packs) stands
    for this dataset's record with the same id, and one whose id this dataset
    lacks raises :class:`~runtone.UnknownIdError`.

    >>> ds = runtone.load()
    >>> ds.muscle("Quads") is ds.muscle("quadriceps")
    True
    """

    __slots__ = (
        "__weakref__",  # runtone.search keeps each dataset's index in a weak-keyed cache
        "_citing",
        "_claims",
        "_collections_by_name",
        "_exercises",
        "_injuries",
        "_locale",
        "_muscles",
        "_parts",
        "_recommendations",
        "_sources",
        "_stride_effects",
        "_strike_patterns",
        "_targeting",
        "_term_pattern",
        "_terms",
        "_training_rules",
        "_variations",
    )

    # One index per collection, each made on first use (see _Unmade).
    _sources: _Index[Source]
    _muscles: _Index[Muscle]
    _injuries: _Index[Injury]
    _exercises: _Index[Exercise]
    _strike_patterns: _Index[StrideEffect]
    _stride_effects: _Index[StrideEffect]
    _claims: _Index[Claim]
    _recommendations: _Index[Recommendation]
    _terms: _Index[Term]
    _training_rules: _Index[TrainingRule]
    _parts: Mapping[str, tuple[Muscle, ...]]
    _variations: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]

    def __init__(self, collections: Mapping[str, tuple[object, ...]]) -> None:
        """A dataset of these records; :func:`runtone.load` is the usual way to get one.

        Each record is checked to be of its collection's class and to have an id
        no other record of its collection has; a collection left out is empty.
        References between records are not checked: records made by the loader
        (of one dataset) already agree.

        Args:
            collections: Tuples of records by collection name (``"muscles"``,
                ``"exercises"`` ...).

        Raises:
            TypeError: ``collections`` is not a mapping, a collection is not a
                tuple, or a record is not of its collection's class; the message
                says which (``collections['muscles'][0]: expected a Muscle``).
            InvalidValueError: a name is not a collection's, or two records of a
                collection share an id.
        """
        self._setup(_checked_collections(collections))

    @classmethod
    def _trusted(
        cls,
        collections: Mapping[str, tuple[object, ...]],
        locale: tuple[str, Mapping[str, Mapping[str, tuple[str, ...]]]] | None = None,
    ) -> Dataset:
        """A dataset of records the loader made, unchecked.

        ``collections`` may make each collection when it is first asked for (the
        packaged data do): a collection is indexed on first use, so a lookup in one
        collection does not wait for the others.  ``locale`` is a translation's
        language code and, for each collection, the English keys of each record
        its lookups accept too.
        """
        dataset = cls.__new__(cls)
        dataset._setup(collections, locale)  # noqa: SLF001 - the same class
        return dataset

    def _setup(
        self,
        collections: Mapping[str, tuple[object, ...]],
        locale: tuple[str, Mapping[str, Mapping[str, tuple[str, ...]]]] | None = None,
    ) -> None:
        self._collections_by_name = collections
        self._locale = locale
        # Query indexes, built on first use (a race builds the same value twice, harmlessly).
        self._targeting: Mapping[str, tuple[tuple[int, TargetRole], ...]] | None = None
        self._citing: Mapping[str, tuple[Citing, ...]] | None = None
        self._term_pattern: tuple[re.Pattern[str], Mapping[str, Term]] | None = None

        # Each index in its slot, made on first use: until then a stand-in makes it.
        for name in _MADE_ON_USE:
            setattr(self, name, _Unmade(self, name))

    def _make(self, name: str, stand_in: _Unmade) -> object:
        """The index in slot ``name``, made now and put in the slot in place of ``stand_in``.

        Racing threads may both make one; they index the same records, harmlessly.
        """
        made: object = getattr(self, name)
        if made is not stand_in:  # another thread has made it
            return made
        collection = _INDEXED.get(name)
        if collection is not None:
            also = None if self._locale is None else self._locale[1].get(collection)
            records = self._collections_by_name[collection]
            index = (
                _Index(collection, records) if also is None else _Index(collection, records, also)
            )
            index.owner = weakref.ref(self)
            value: object = index
        elif name == "_parts":
            value = _group_parts(self._muscles.records)
        else:
            value = _variations(self._exercises.records)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(index.records)} {index.name}"
            for index in (
                self._muscles,
                self._exercises,
                self._strike_patterns,
                self._stride_effects,
                self._claims,
                self._injuries,
                self._recommendations,
                self._terms,
                self._training_rules,
                self._sources,
            )
        )
        return f"<Dataset: {counts}>"

    def _collections(self) -> tuple[tuple[object, ...], ...]:
        return tuple(
            index.records
            for index in (
                self._sources,
                self._muscles,
                self._injuries,
                self._exercises,
                self._strike_patterns,
                self._stride_effects,
                self._claims,
                self._recommendations,
                self._terms,
                self._training_rules,
            )
        )

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle the records; the packaged dataset pickles as a call of :func:`runtone.load`.

        A dataset unpickled in another process (a spawn pool's worker) is equal
        to this one; the packaged one comes back as that process's own cached
        :func:`runtone.load` (the same object every time).
        """
        if self is cached():
            return (load, ())
        names = _INDEXED.values()
        records = {name: getattr(self, f"_{name}").records for name in names}
        if self._locale is not None:
            code, also = self._locale
            keys = {name: dict(by_id) for name, by_id in also.items()}
            return (_restore, (records, code, keys))
        return (Dataset, (records,))

    @property
    def locale(self) -> str:
        """Which language the dataset's names and texts are in, as a code.

        ``"en"`` for English (the packaged data, and a dataset made from
        records); ``"de"``, ``"es"`` or ``"fr"`` for ``runtone.load(locale=...)``'s,
        whose lookups accept the English names and aliases too.
        """
        return "en" if self._locale is None else self._locale[0]

    def __copy__(self) -> Dataset:
        """The dataset itself: it is immutable."""
        return self

    def __deepcopy__(self, memo: object) -> Dataset:
        """The dataset itself: it is immutable, all the way down."""
        return self

    def __eq__(self, other: object) -> bool:
        """Two datasets are equal when they hold equal records in the same order."""
        if not isinstance(other, Dataset):
            return NotImplemented
        return self is other or self._collections() == other._collections()

    def __hash__(self) -> int:
        return hash(self._collections())

    # --- collections ----------------------------------------------------------------

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, in data order."""
        return self._sources.records

    @property
    def muscles(self) -> tuple[Muscle, ...]:
        """Every muscle group and muscle, in data order."""
        return self._muscles.records

    @property
    def injuries(self) -> tuple[Injury, ...]:
        """Every injury, in data order."""
        return self._injuries.records

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        """Every exercise and workout, in data order."""
        return self._exercises.records

    @property
    def strike_patterns(self) -> tuple[StrideEffect, ...]:
        """The foot-strike patterns (rearfoot, midfoot, forefoot), in data order."""
        return self._strike_patterns.records

    @property
    def stride_effects(self) -> tuple[StrideEffect, ...]:
        """Other ways of running (stride length, cadence, slope, speed, foot angle)."""
        return self._stride_effects.records

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim from the articles, with its verdict, in data order."""
        return self._claims.records

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every glossary term (a word of the evidence detail, defined), in data order."""
        return self._terms.records

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        """Every recommendation, in data order."""
        return self._recommendations.records

    @property
    def training_rules(self) -> tuple[TrainingRule, ...]:
        """Every training load rule (how fast to build, when to ease off), in data order."""
        return self._training_rules.records

    # --- lookups --------------------------------------------------------------------

    def source(self, key: str) -> Source:
        """The source with this id or title.

        Raises:
            UnknownIdError: no source answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        index = self._sources  # the fast path inline: a lookup is mostly its calls
        found = index.exact.get(key) if type(key) is str else None
        return index.find(key) if found is None else found

    def muscle(self, key: str) -> Muscle:
        """The muscle with this id, name or alias (``"quads"``, ``"Quadriceps"``).

        Raises:
            UnknownIdError: no muscle answers to ``key``; the message suggests
                up to three close matches.
            TypeError: ``key`` is not a string.
        """
        index = self._muscles  # the fast path inline: a lookup is mostly its calls
        found = index.exact.get(key) if type(key) is str else None
        return index.find(key) if found is None else found

    def injury(self, key: str) -> Injury:
        """The injury with this id, name or alias (``"runner's knee"``).

        Raises:
            UnknownIdError: no injury answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        index = self._injuries  # the fast path inline: a lookup is mostly its calls
        found = index.exact.get(key) if type(key) is str else None
        return index.find(key) if found is None else found

    def exercise(self, key: str) -> Exercise:
        """The exercise with this id, name or alias.

        Raises:
            UnknownIdError: no exercise answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        index = self._exercises  # the fast path inline: a lookup is mostly its calls
        found = index.exact.get(key) if type(key) is str else None
        return index.find(key) if found is None else found

    def strike_pattern(self, key: str) -> StrideEffect:
        """The foot-strike pattern with this id, name or alias (``"heel"`` is rearfoot).

        Raises:
            UnknownIdError: no strike pattern answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        index = self._strike_patterns  # the fast path inline: a lookup is mostly its calls
        found = index.exact.get(key) if type(key) is str else None
        return index.find(key) if found is None else found

    def stride_effect(self, key: str) -> StrideEffect:
        """The stride effect with this id, name or alias (``"uphill"``).

        Raises:
            UnknownIdError: no stride effect answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        index = self._stride_effects  # the fast path inline: a lookup is mostly its calls
        found = index.exact.get(key) if type(key) is str else None
        return index.find(key) if found is None else found

    def claim(self, key: str) -> Claim:
        """The claim with this id.

        Raises:
            UnknownIdError: no claim answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        index = self._claims  # the fast path inline: a lookup is mostly its calls
        found = index.exact.get(key) if type(key) is str else None
        return index.find(key) if found is None else found

    def recommendation(self, key: str) -> Recommendation:
        """The recommendation with this id or title.

        Raises:
            UnknownIdError: no recommendation answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        index = self._recommendations  # the fast path inline: a lookup is mostly its calls
        found = index.exact.get(key) if type(key) is str else None
        return index.find(key) if found is None else found

    def term(self, key: str) -> Term:
        """The glossary term with this id, name or abbreviation.

        >>> runtone.load().term("EMG").name
        'Electromyography'

        Raises:
            UnknownIdError: no term answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        index = self._terms  # the fast path inline: a lookup is mostly its calls
        found = index.exact.get(key) if type(key) is str else None
        return index.find(key) if found is None else found

    def get_source(self, key: str, default: Source | None = None) -> Source | None:
        """Like :meth:`source`, but return ``default`` for an unknown key.

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: ``key`` is blank, or only hyphens, underscores and spaces.
        """
        found = self._sources.get(key)
        return default if found is None else found

    def get_muscle(self, key: str, default: Muscle | None = None) -> Muscle | None:
        """Like :meth:`muscle`, but return ``default`` for an unknown key.

        >>> runtone.load().get_muscle("hamstrung") is None
        True

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: ``key`` is blank, or only hyphens, underscores and spaces.
        """
        found = self._muscles.get(key)
        return default if found is None else found

    def get_injury(self, key: str, default: Injury | None = None) -> Injury | None:
        """Like :meth:`injury`, but return ``default`` for an unknown key.

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: ``key`` is blank, or only hyphens, underscores and spaces.
        """
        found = self._injuries.get(key)
        return default if found is None else found

    def get_exercise(self, key: str, default: Exercise | None = None) -> Exercise | None:
        """Like :meth:`exercise`, but return ``default`` for an unknown key.

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: ``key`` is blank, or only hyphens, underscores and spaces.
        """
        found = self._exercises.get(key)
        return default if found is None else found

    def get_strike_pattern(
        self, key: str, default: StrideEffect | None = None
    ) -> StrideEffect | None:
        """Like :meth:`strike_pattern`, but return ``default`` for an unknown key.

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: ``key`` is blank, or only hyphens, underscores and spaces.
        """
        found = self._strike_patterns.get(key)
        return default if found is None else found

    def get_stride_effect(
        self, key: str, default: StrideEffect | None = None
    ) -> StrideEffect | None:
        """Like :meth:`stride_effect`, but return ``default`` for an unknown key.

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: ``key`` is blank, or only hyphens, underscores and spaces.
        """
        found = self._stride_effects.get(key)
        return default if found is None else found

    def get_claim(self, key: str, default: Claim | None = None) -> Claim | None:
        """Like :meth:`claim`, but return ``default`` for an unknown key.

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: ``key`` is blank, or only hyphens, underscores and spaces.
        """
        found = self._claims.get(key)
        return default if found is None else found

    def get_recommendation(
        self, key: str, default: Recommendation | None = None
    ) -> Recommendation | None:
        """Like :meth:`recommendation`, but return ``default`` for an unknown key.

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: ``key`` is blank, or only hyphens, underscores and spaces.
        """
        found = self._recommendations.get(key)
        return default if found is None else found

    def training_rule(self, key: str) -> TrainingRule:
        """The training load rule with this id, name or alias.

        >>> runtone.load().training_rule("race-taper").value("weeks")
        2

        Raises:
            UnknownIdError: no training rule answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        index = self._training_rules  # the fast path inline: a lookup is mostly its calls
        found = index.exact.get(key) if type(key) is str else None
        return index.find(key) if found is None else found

    def get_training_rule(
        self, key: str, default: TrainingRule | None = None
    ) -> TrainingRule | None:
        """Like :meth:`training_rule`, but return ``default`` for an unknown key.

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: ``key`` is blank, or only hyphens, underscores and spaces.
        """
        found = self._training_rules.get(key)
        return default if found is None else found

    def get_term(self, key: str, default: Term | None = None) -> Term | None:
        """Like :meth:`term`, but return ``default`` for an unknown key.

        Raises:
            TypeError: ``key`` is not a string.
            UnknownIdError: ``key`` is blank, or only hyphens, underscores and spaces.
        """
        found = self._terms.get(key)
        return default if found is None else found

    def terms_in(self, text: str) -> tuple[Term, ...]:
        """The glossary terms a text uses, each once, in the order they first appear.

        A term is found by its name or an alias as a whole word, with a plural
        ``s`` or ``es``; a name in lower case matches in any case, an alias with a
        capital letter (``"SMD"``) only as written.  An app shows the definitions
        beside a record's detail; the docs link them.

        >>> ds = runtone.load()
        >>> [t.id for t in ds.terms_in("Calf EMG rose, an SMD of 0.4.")]
        ['electromyography', 'standardised-mean-difference']

        Raises:
            TypeError: ``text`` is not a string.
        """
        if not isinstance(text, str):
            raise TypeError(f"text: expected a str, got {shown(text)}")
        pattern = self._term_pattern
        if pattern is None:
            pattern = self._term_pattern = term_pattern(self._terms.records)
        regex, by_word = pattern
        found: dict[str, Term] = {}
        for match in regex.finditer(text):
            word = match.group(1)
            term = by_word.get(word) or by_word[word.lower()]
            found.setdefault(term.id, term)
        return tuple(found.values())

    # --- muscle hierarchy -----------------------------------------------------------

    def parts(self, muscle: Muscle | str) -> tuple[Muscle, ...]:
        """The muscles that are part of a group (``()`` for a single muscle).

        Raises:
            UnknownIdError: ``muscle`` is a key that names no muscle, or a muscle
                (of another dataset) whose id this dataset lacks.
            TypeError: ``muscle`` is neither a muscle nor a string.
        """
        return self._parts.get(self._resolve_muscle(muscle, "muscle").id, ())

    def group(self, muscle: Muscle | str) -> Muscle | None:
        """The group a muscle is part of, or ``None``.

        Raises:
            UnknownIdError: ``muscle`` is a key that names no muscle, or a muscle
                (of another dataset) whose id this dataset lacks.
            TypeError: ``muscle`` is neither a muscle nor a string.
        """
        part_of = self._resolve_muscle(muscle, "muscle").part_of
        return None if part_of is None else self._muscles.by_id[part_of]

    def with_parts(self, muscle: Muscle | str) -> tuple[Muscle, ...]:
        """The muscle followed by all its parts, their parts, and so on.

        >>> [m.id for m in runtone.load().with_parts("calves")]
        ['calves', 'gastrocnemius', 'soleus']

        Raises:
            UnknownIdError: ``muscle`` is a key that names no muscle, or a muscle
                (of another dataset) whose id this dataset lacks.
            TypeError: ``muscle`` is neither a muscle nor a string.
        """
        found = [self._resolve_muscle(muscle, "muscle")]
        for item in found:
            found.extend(self._parts.get(item.id, ()))
        return tuple(found)

    def easier(self, exercise: Exercise | str) -> tuple[Exercise, ...]:
        """The easier variations of an exercise, as either record names them, in data order.

        >>> [e.id for e in runtone.load().easier("single-leg-glute-bridge")]
        ['glute-bridge']

        Raises:
            UnknownIdError: ``exercise`` is a key that names no exercise, or an
                exercise (of another dataset) whose id this dataset lacks.
            TypeError: ``exercise`` is neither an exercise nor a string.
        """
        return self._variation(exercise, 0)

    def harder(self, exercise: Exercise | str) -> tuple[Exercise, ...]:
        """The harder variations of an exercise, as either record names them, in data order.

        >>> [e.id for e in runtone.load().harder("glute-bridge")]
        ['single-leg-glute-bridge', 'hip-thrust']

        Raises:
            UnknownIdError: ``exercise`` is a key that names no exercise, or an
                exercise (of another dataset) whose id this dataset lacks.
            TypeError: ``exercise`` is neither an exercise nor a string.
        """
        return self._variation(exercise, 1)

    def _variation(self, exercise: Exercise | str, side: int) -> tuple[Exercise, ...]:
        """The easier (``side`` 0) or harder (1) variations of ``exercise``."""
        found = self._resolve("exercise", exercise, self._exercises)
        ids = self._variations.get(found.id, ((), ()))[side]
        return tuple(self._exercises.by_id[i] for i in ids)

    def doses_for(self, finding: Finding) -> tuple[tuple[Exercise, Dose], ...]:
        """The exercises a finding uses, each with the doses its trials prescribed.

        A dose belongs to the finding when they cite a source in common (the trial
        whose protocol it is).

        >>> finding = runtone.injury("achilles tendinopathy").treatment[0]
        >>> [(e.id, d.sources[0].id) for e, d in runtone.load().doses_for(finding)][:1]
        [('eccentric-heel-drop-straight-knee', 'alfredson-1998')]

        Raises:
            TypeError: ``finding`` is not a :class:`Finding`.
        """
        if not isinstance(finding, Finding):
            raise TypeError(f"finding: expected a Finding, got {shown(finding)}")
        cited = {source.id for source in finding.sources}
        found: list[tuple[Exercise, Dose]] = []
        for ident in finding.exercises:
            exercise = self._exercises.by_id[ident]
            found.extend(
                (exercise, dose)
                for dose in exercise.doses
                if any(source.id in cited for source in dose.sources)
            )
        return tuple(found)

    # --- queries --------------------------------------------------------------------

    def find_exercises(
        self,
        *,
        muscle: Muscle | str | None = None,
        role: TargetRole | str | None = None,
        kind: ExerciseKind | str | None = None,
        equipment: Iterable[Equipment | str] | None = None,
        level: Level | str | None = None,
        unilateral: bool | None = None,
    ) -> tuple[Exercise, ...]:
        """Exercises matching every filter given, in data order.

        Args:
            muscle: Works this muscle or any of its parts (asking for the calves
                finds soleus and gastrocnemius work too); an id, name or alias.
            role: With ``muscle``, works it in this role; alone, has any target
                in this role.
            kind: Is of this kind.
            equipment: The equipment at hand: only exercises that need nothing
                else. ``()`` (or ``["none"]``, ``["bodyweight"]``) means body
                weight only; ``None`` does not filter.
            level: Suits a runner of this level (the exercise's level is the
                same or lower).
            unilateral: Works one leg at a time (``True``) or both (``False``).

        Raises:
            UnknownIdError: ``muscle`` names no muscle.
            InvalidValueError: a filter's value names none of its enum's values.
            TypeError: a filter has the wrong type.

        >>> ds = runtone.load()
        >>> [e.id for e in ds.find_exercises(muscle="hamstrings", equipment=())][:3]
        ['squat', 'lunge', 'walking-lunge']
        """
        role_ = _enum(TargetRole, role, "role")
        kind_ = _enum(ExerciseKind, kind, "kind")
        level_ = _enum(Level, level, "level")
        have = None if equipment is None else parse_enums(Equipment, equipment, "equipment")
        if unilateral is not None and not isinstance(unilateral, bool):
            raise TypeError(f"unilateral: expected True, False or None, got {shown(unilateral)}")
        records = self._exercises.records
        if muscle is not None:
            index = self._targets_index()
            candidates = sorted(
                {
                    i
                    for m in self.with_parts(self._resolve_muscle(muscle, "muscle"))
                    for i, r in index.get(m.id, ())
                    if role_ is None or r is role_
                }
            )
            chosen: Iterable[Exercise] = (records[i] for i in candidates)
        else:
            chosen = records
            if role_ is not None:
                chosen = (e for e in chosen if any(t.role is role_ for t in e.targets))
        return tuple(
            e
            for e in chosen
            if (kind_ is None or e.kind is kind_)
            and (have is None or e.equipment <= have)
            and (level_ is None or _LEVELS[e.level] <= _LEVELS[level_])
            and (unilateral is None or e.unilateral is unilateral)
        )

    def find_muscles(
        self,
        *,
        region: Region | str | None = None,
        action: JointAction | str | None = None,
    ) -> tuple[Muscle, ...]:
        """Muscles in this region and/or with this joint action, in data order.

        Raises:
            InvalidValueError: a filter's value names none of its enum's values.
            TypeError: a filter has the wrong type.

        >>> [m.id for m in runtone.load().find_muscles(action="knee_extension")][:2]
        ['quadriceps', 'rectus-femoris']
        """
        region_ = _enum(Region, region, "region")
        action_ = _enum(JointAction, action, "action")
        return tuple(
            m
            for m in self._muscles.records
            if (region_ is None or m.region is region_)
            and (action_ is None or action_ in m.actions)
        )

    def find_claims(
        self,
        *,
        verdict: Verdict | str | None = None,
        min_evidence: EvidenceGrade | str | None = None,
        muscle: Muscle | str | None = None,
    ) -> tuple[Claim, ...]:
        """Claims with this verdict, at least this evidence grade, about this muscle.

        Raises:
            UnknownIdError: ``muscle`` names no muscle.
            InvalidValueError: a filter's value names none of its enum's values.
            TypeError: a filter has the wrong type.

        >>> [c.id for c in runtone.load().find_claims(verdict="contradicted")][:1]
        ['forefoot-works-quadriceps']
        """
        verdict_ = _enum(Verdict, verdict, "verdict")
        grade = _enum(EvidenceGrade, min_evidence, "min_evidence")
        about = (
            None if muscle is None else set(self.with_parts(self._resolve_muscle(muscle, "muscle")))
        )
        return tuple(
            c
            for c in self._claims.records
            if (verdict_ is None or c.verdict is verdict_)
            and (grade is None or c.evidence >= grade)
            and (about is None or not about.isdisjoint(c.muscles))
        )

    def find_recommendations(
        self,
        *,
        goal: Goal | str | None = None,
        level: Level | str | None = None,
        muscle: Muscle | str | None = None,
        injury: Injury | str | None = None,
        min_evidence: EvidenceGrade | str | None = None,
    ) -> tuple[Recommendation, ...]:
        """Recommendations for this goal, level, weak muscle and/or injury, in data order.

        A recommendation for a muscle group answers a question about any of its
        parts, and one for a part answers a question about its group.

        Raises:
            UnknownIdError: ``muscle`` or ``injury`` names no such record.
            InvalidValueError: a filter's value names none of its enum's values.
            TypeError: a filter has the wrong type.

        >>> ds = runtone.load()
        >>> found = ds.find_recommendations(injury="runner's knee")
        >>> "strengthen-hips-and-glutes" in [r.id for r in found]
        True
        """
        goal_ = _enum(Goal, goal, "goal")
        level_ = _enum(Level, level, "level")
        grade = _enum(EvidenceGrade, min_evidence, "min_evidence")
        related = (
            None if muscle is None else self.related_muscles(self._resolve_muscle(muscle, "muscle"))
        )
        injury_ = None if injury is None else self._resolve("injury", injury, self._injuries)
        return tuple(
            r
            for r in self._recommendations.records
            if (goal_ is None or goal_ in r.goals)
            and (level_ is None or level_ in r.levels)
            and (grade is None or r.evidence >= grade)
            and (related is None or not related.isdisjoint(r.muscles))
            and (injury_ is None or injury_ in r.injuries)
        )

    def related_muscles(self, muscle: Muscle | str) -> frozenset[Muscle]:
        """The muscle, its parts (all the way down) and the groups above it.

        Raises:
            UnknownIdError: ``muscle`` is a key that names no muscle, or a muscle
                (of another dataset) whose id this dataset lacks.
            TypeError: ``muscle`` is neither a muscle nor a string.
        """
        found = self._resolve_muscle(muscle, "muscle")
        related = set(self.with_parts(found))
        group = self.group(found)
        while group is not None:
            related.add(group)
            group = self.group(group)
        return frozenset(related)

    def citing(
        self, source: Source | str
    ) -> tuple[
        Muscle | Injury | Exercise | StrideEffect | Claim | Recommendation | Term | TrainingRule,
        ...,
    ]:
        """Every record that cites the source anywhere within it, in collection order.

        >>> ds = runtone.load()
        >>> ds.strike_pattern("forefoot") in ds.citing("vannatta-2015")
        True

        Raises:
            UnknownIdError: ``source`` is a key that names no source, or a source
                (of another dataset) whose id this dataset lacks.
            TypeError: ``source`` is neither a source nor a string.
        """
        found = self._resolve("source", source, self._sources)
        index = self._citing
        if index is None:
            index = self._citing = _build_citing(self)
        return index.get(found.id, ())

    # --- helpers --------------------------------------------------------------------

    def _resolve_muscle(self, muscle: Muscle | str, name: str) -> Muscle:
        return self._resolve(name, muscle, self._muscles)

    def _resolve(self, name: str, value: T | str, *indexes: _Index[T]) -> T:
        """A record of one of ``indexes``, given as itself or as a key.

        Raises:
            UnknownIdError: ``value`` is a key no record answers to, or a record
                (of another dataset) whose id none has (the message names ``name``).
            TypeError: ``value`` is neither a key nor a record of these collections' class.
        """
        if isinstance(value, str):
            for index in indexes:
                found = index.get(value, name)
                if found is not None:
                    return found
            close = tuple(dict.fromkeys(s for index in indexes for s in index.suggest(value)))
            raise UnknownIdError(value, indexes[0].name, close[:3], field=name)
        if isinstance(value, _CLASSES[indexes[0].name]):
            # A record stands for this dataset's record with its id: one of another
            # dataset (the packaged one, when this one has packs) is taken by id.
            ident = _id(value)
            for index in indexes:
                found = index.by_id.get(ident)
                if found is not None:
                    return found
            close = tuple(dict.fromkeys(s for index in indexes for s in index.suggest(ident)))
            raise UnknownIdError(ident, indexes[0].name, close[:3], field=name)
        kind = singular(indexes[0].name)
        article = "an" if kind[0] in "aeiou" else "a"
        raise TypeError(
            f"{name}: expected {article} {kind} of this dataset or its id, got {shown(value)}"
        )

    def _targets_index(self) -> Mapping[str, tuple[tuple[int, TargetRole], ...]]:
        index = self._targeting
        if index is None:
            built: dict[str, list[tuple[int, TargetRole]]] = {}
            for i, exercise in enumerate(self._exercises.records):
                for target in exercise.targets:
                    built.setdefault(target.muscle.id, []).append((i, target.role))
            index = self._targeting = MappingProxyType({k: tuple(v) for k, v in built.items()})
        return index


_LEVELS = {level: rank for rank, level in enumerate(Level)}

E = TypeVar("E", bound="enum.Enum")


def check_dataset(value: object, name: str = "dataset") -> Dataset:
    """``value``, checked to be a :class:`Dataset`.

    Raises:
        TypeError: it is not (the message starts with ``name``).
    """
    if not isinstance(value, Dataset):
        raise TypeError(f"{name}: expected a runtone.Dataset, got {shown(value)}")
    return value


def _enum(cls: type[E], value: E | str | None, name: str) -> E | None:
    return None if value is None else parse_enum(cls, value, name)


def _cited_ids(value: object, into: set[str]) -> None:
    if isinstance(value, Source):
        into.add(value.id)
    elif isinstance(value, (tuple, frozenset)):
        for item in value:
            _cited_ids(item, into)
    elif attrs.has(type(value)) and not hasattr(value, "id"):
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
            _cited_ids(getattr(value, field.name), into)


def _build_citing(dataset: Dataset) -> Mapping[str, tuple[Citing, ...]]:
    index: dict[str, list[Citing]] = {}
    collections: tuple[tuple[Citing, ...], ...] = (
        dataset.muscles,
        dataset.injuries,
        dataset.exercises,
        dataset.strike_patterns,
        dataset.stride_effects,
        dataset.claims,
        dataset.recommendations,
        dataset.terms,
        dataset.training_rules,
    )
    for collection in collections:
        for record in collection:
            ids: set[str] = set()
            for field in attrs.fields(type(record)):
                _cited_ids(getattr(record, field.name), ids)
            for ident in ids:
                index.setdefault(ident, []).append(record)
    return MappingProxyType({k: tuple(v) for k, v in index.items()})


def term_pattern(terms: tuple[Term, ...]) -> tuple[re.Pattern[str], Mapping[str, Term]]:
    """One regular expression for every term's words, and the term of each word.

    A word with a capital letter is matched as written (``"SMD"``, not ``"smd"``);
    any other in any case.  Longer words are tried first, so ``"negative work"``
    wins over ``"work"``.  Words are whole: not inside a longer word or an id.
    """
    by_word: dict[str, Term] = {}
    exact: list[str] = []
    folded: list[str] = []
    for term in terms:
        for word in (term.name, *term.aliases):
            if any(c.isupper() for c in word) and word != word.capitalize():
                by_word.setdefault(word, term)
                exact.append(word)
            else:
                by_word.setdefault(word.lower(), term)
                folded.append(word)

    def alternatives(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    parts = []
    if exact:
        parts.append(f"(?-i:{alternatives(exact)})")
    if folded:
        parts.append(alternatives(folded))
    if not parts:
        return re.compile(r"(?!)()"), MappingProxyType(by_word)
    body = "|".join(parts)
    regex = re.compile(rf"(?<![\w-])({body})(?:e?s)?(?![\w-])", re.IGNORECASE)
    return regex, MappingProxyType(by_word)
