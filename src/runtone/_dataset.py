"""The Dataset: every collection, with indexes for lookups by id, name or alias."""

from __future__ import annotations

import difflib
import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from .errors import UnknownIdError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._records import (
        Claim,
        Exercise,
        Injury,
        Muscle,
        Recommendation,
        Source,
        StrideEffect,
    )

__all__ = ["Dataset", "normalize", "record_keys"]

_FOLD = re.compile(r"[\s_-]+")

T = TypeVar("T")


def normalize(key: str) -> str:
    """The form a lookup key is compared in: case folded, no spaces, hyphens or underscores.

    >>> normalize("Rectus_femoris") == normalize("rectus-femoris") == normalize("RECTUS FEMORIS")
    True
    """
    return _FOLD.sub("", key.casefold())


class _Index(Generic[T]):
    """One collection: its records in order, by id, and by every normalized key."""

    __slots__ = ("by_id", "by_key", "name", "records")

    def __init__(self, name: str, records: tuple[T, ...]) -> None:
        self.name = name
        self.records = records
        self.by_id: Mapping[str, T] = MappingProxyType({_id(rec): rec for rec in records})
        by_key: dict[str, T] = {}
        for rec in records:
            for _, key in record_keys(rec):
                by_key.setdefault(normalize(key), rec)
        self.by_key: Mapping[str, T] = MappingProxyType(by_key)

    def get(self, key: object) -> T | None:
        if not isinstance(key, str):
            raise TypeError(f"key must be a str, not {type(key).__name__}")
        found = self.by_id.get(key)
        if found is None:
            found = self.by_key.get(normalize(key))
        return found

    def find(self, key: object) -> T:
        found = self.get(key)
        if found is None:
            assert isinstance(key, str)  # noqa: S101 - get() raised TypeError otherwise
            raise UnknownIdError(key, self.name, self.suggest(key))
        return found

    def suggest(self, key: str) -> tuple[str, ...]:
        """Ids of up to three records with a key close to ``key``, closest first."""
        close = difflib.get_close_matches(normalize(key), list(self.by_key), n=20, cutoff=0.6)
        ids: list[str] = []
        for match in close:
            ident = _id(self.by_key[match])
            if ident not in ids:
                ids.append(ident)
        return tuple(ids[:3])


def _id(record: object) -> str:
    return cast("str", getattr(record, "id"))  # noqa: B009


def record_keys(record: object) -> list[tuple[str, str]]:
    """The keys a record is looked up by, each with the field it comes from."""
    keys = [("id", _id(record))]
    for name in ("name", "title"):
        text = getattr(record, name, None)
        if isinstance(text, str):
            keys.append((name, text))
    keys.extend((f"aliases[{i}]", alias) for i, alias in enumerate(getattr(record, "aliases", ())))
    return keys


class Dataset:
    """The whole dataset: immutable collections and lookups.

    Get the packaged one with :func:`runtone.load`. Every collection is a tuple
    in a stable order (the order of the data files); every lookup accepts a
    record's id, name or any alias, ignoring case, spaces, hyphens and
    underscores, and raises :class:`~runtone.UnknownIdError` (with close
    matches) for an unknown key.  The ``get_*`` forms return a default instead.

    >>> import runtone
    >>> ds = runtone.load()
    >>> ds.muscle("Quads") is ds.muscle("quadriceps")
    True
    """

    __slots__ = (
        "_claims",
        "_exercises",
        "_injuries",
        "_muscles",
        "_parts",
        "_recommendations",
        "_sources",
        "_stride_effects",
        "_strike_patterns",
    )

    def __init__(self, collections: Mapping[str, tuple[object, ...]]) -> None:
        """Index already validated records; use :func:`runtone.load` instead."""
        self._sources = _Index["Source"](
            "sources", cast("tuple[Source, ...]", collections["sources"])
        )
        self._muscles = _Index["Muscle"](
            "muscles", cast("tuple[Muscle, ...]", collections["muscles"])
        )
        self._injuries = _Index["Injury"](
            "injuries", cast("tuple[Injury, ...]", collections["injuries"])
        )
        self._exercises = _Index["Exercise"](
            "exercises", cast("tuple[Exercise, ...]", collections["exercises"])
        )
        self._strike_patterns = _Index["StrideEffect"](
            "strike_patterns", cast("tuple[StrideEffect, ...]", collections["strike_patterns"])
        )
        self._stride_effects = _Index["StrideEffect"](
            "stride_effects", cast("tuple[StrideEffect, ...]", collections["stride_effects"])
        )
        self._claims = _Index["Claim"]("claims", cast("tuple[Claim, ...]", collections["claims"]))
        self._recommendations = _Index["Recommendation"](
            "recommendations", cast("tuple[Recommendation, ...]", collections["recommendations"])
        )
        parts: dict[str, list[Muscle]] = {}
        for muscle in self._muscles.records:
            if muscle.part_of is not None:
                parts.setdefault(muscle.part_of, []).append(muscle)
        self._parts: Mapping[str, tuple[Muscle, ...]] = MappingProxyType(
            {group: tuple(members) for group, members in parts.items()}
        )

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
                self._sources,
            )
        )
        return f"<Dataset: {counts}>"

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
    def recommendations(self) -> tuple[Recommendation, ...]:
        """Every recommendation, in data order."""
        return self._recommendations.records

    # --- lookups --------------------------------------------------------------------

    def source(self, key: str) -> Source:
        """The source with this id or title.

        Raises:
            UnknownIdError: no source answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        return self._sources.find(key)

    def muscle(self, key: str) -> Muscle:
        """The muscle with this id, name or alias (``"quads"``, ``"Quadriceps"``).

        Raises:
            UnknownIdError: no muscle answers to ``key``; the message suggests
                up to three close matches.
            TypeError: ``key`` is not a string.
        """
        return self._muscles.find(key)

    def injury(self, key: str) -> Injury:
        """The injury with this id, name or alias (``"runner's knee"``).

        Raises:
            UnknownIdError: no injury answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        return self._injuries.find(key)

    def exercise(self, key: str) -> Exercise:
        """The exercise with this id, name or alias.

        Raises:
            UnknownIdError: no exercise answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        return self._exercises.find(key)

    def strike_pattern(self, key: str) -> StrideEffect:
        """The foot-strike pattern with this id, name or alias (``"heel"`` is rearfoot).

        Raises:
            UnknownIdError: no strike pattern answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        return self._strike_patterns.find(key)

    def stride_effect(self, key: str) -> StrideEffect:
        """The stride effect with this id, name or alias (``"uphill"``).

        Raises:
            UnknownIdError: no stride effect answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        return self._stride_effects.find(key)

    def claim(self, key: str) -> Claim:
        """The claim with this id.

        Raises:
            UnknownIdError: no claim answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        return self._claims.find(key)

    def recommendation(self, key: str) -> Recommendation:
        """The recommendation with this id or title.

        Raises:
            UnknownIdError: no recommendation answers to ``key``.
            TypeError: ``key`` is not a string.
        """
        return self._recommendations.find(key)

    def get_source(self, key: str, default: Source | None = None) -> Source | None:
        """Like :meth:`source`, but return ``default`` for an unknown key."""
        found = self._sources.get(key)
        return default if found is None else found

    def get_muscle(self, key: str, default: Muscle | None = None) -> Muscle | None:
        """Like :meth:`muscle`, but return ``default`` for an unknown key.

        >>> import runtone
        >>> runtone.load().get_muscle("hamstrung") is None
        True
        """
        found = self._muscles.get(key)
        return default if found is None else found

    def get_injury(self, key: str, default: Injury | None = None) -> Injury | None:
        """Like :meth:`injury`, but return ``default`` for an unknown key."""
        found = self._injuries.get(key)
        return default if found is None else found

    def get_exercise(self, key: str, default: Exercise | None = None) -> Exercise | None:
        """Like :meth:`exercise`, but return ``default`` for an unknown key."""
        found = self._exercises.get(key)
        return default if found is None else found

    def get_strike_pattern(
        self, key: str, default: StrideEffect | None = None
    ) -> StrideEffect | None:
        """Like :meth:`strike_pattern`, but return ``default`` for an unknown key."""
        found = self._strike_patterns.get(key)
        return default if found is None else found

    def get_stride_effect(
        self, key: str, default: StrideEffect | None = None
    ) -> StrideEffect | None:
        """Like :meth:`stride_effect`, but return ``default`` for an unknown key."""
        found = self._stride_effects.get(key)
        return default if found is None else found

    def get_claim(self, key: str, default: Claim | None = None) -> Claim | None:
        """Like :meth:`claim`, but return ``default`` for an unknown key."""
        found = self._claims.get(key)
        return default if found is None else found

    def get_recommendation(
        self, key: str, default: Recommendation | None = None
    ) -> Recommendation | None:
        """Like :meth:`recommendation`, but return ``default`` for an unknown key."""
        found = self._recommendations.get(key)
        return default if found is None else found

    # --- muscle hierarchy -----------------------------------------------------------

    def parts(self, muscle: Muscle) -> tuple[Muscle, ...]:
        """The muscles that are part of a group (``()`` for a single muscle)."""
        return self._parts.get(muscle.id, ())

    def group(self, muscle: Muscle) -> Muscle | None:
        """The group a muscle is part of, or ``None``."""
        return None if muscle.part_of is None else self._muscles.by_id[muscle.part_of]
