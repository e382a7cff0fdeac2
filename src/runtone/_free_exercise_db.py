"""Converting free-exercise-db's ``exercises.json`` into a runtone data pack.

`free-exercise-db <https://github.com/yuhonas/free-exercise-db>`_ is a public
domain (Unlicense) set of about 900 exercises.  Each has a name, a category, a
level, one piece of equipment, primary and secondary muscles and instructions,
but no source and no running mechanics.  This module maps its vocabularies onto
runtone's and reports what it cannot map:

* **muscles**: by name or alias in runtone's data (``quadriceps``, ``calves``,
  ``abdominals`` ...), plus ``abductors`` as the gluteus medius (alias *hip
  abductors*) and ``lower back`` as the erector spinae (alias *back
  extensors*).  Muscles runtone does not describe (chest, shoulders, arms,
  back) are dropped from an exercise and counted; an exercise left with no
  muscle is skipped.
* **equipment**: ``body only`` is none; ``barbell``, ``dumbbell``, ``bands``
  and ``foam roll`` map to runtone's terms.  An exercise that needs anything
  else, or whose equipment is not given, is skipped: saying it needs nothing
  would be wrong.
* **level**: ``expert`` is ``advanced``.  **category**: strength, powerlifting,
  olympic weightlifting and strongman are ``strength``; plyometrics is
  ``plyometric``; stretching is ``mobility``; cardio is ``cross_training``.
* **unilateral**: free-exercise-db does not record it; it is ``True`` only
  when the name says single-leg or one-leg.

Every converted exercise cites one source, ``free-exercise-db`` (kind
``dataset``), with the evidence grade ``popular``: nothing in that database is
graded against research.  An exercise whose id or name is already one of
runtone's is skipped, so the pack loads over runtone's data without overriding
anything.
"""

from __future__ import annotations

import collections
import errno
import json
import os
import re
import textwrap
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Union

import attrs

from ._dataset import check_dataset, normalize
from ._default import load
from ._loader import _MAX_ID, _short, _type_name, parse
from ._packs import MANIFEST
from ._vocab import Equipment, EvidenceGrade, ExerciseKind, Level, SourceKind
from .errors import DataError, InvalidValueError, shown

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._dataset import Dataset
    from ._export import JSONValue

__all__ = ["SOURCE_ID", "Conversion", "convert"]

#: The id of the source every converted exercise cites.
SOURCE_ID = "free-exercise-db"
_SOURCE: dict[str, JSONValue] = {
    "id": SOURCE_ID,
    "title": "Free Exercise DB",
    "kind": SourceKind.DATASET.value,
    "url": "https://github.com/yuhonas/free-exercise-db",
    "note": (
        "A public domain (Unlicense) exercise database. runtone converted its exercises "
        "without checking them against research; their muscles, equipment and steps are "
        "the database's."
    ),
}

#: free-exercise-db muscle names that runtone knows under another name or alias.
_MUSCLE_KEYS = {"abductors": "hip abductors", "lower back": "back extensors"}
_EQUIPMENT: dict[str, Equipment | None] = {
    "body only": None,
    "barbell": Equipment.BARBELL,
    "dumbbell": Equipment.DUMBBELLS,
    "bands": Equipment.RESISTANCE_BAND,
    "foam roll": Equipment.FOAM_ROLLER,
}
_LEVELS = {
    "beginner": Level.BEGINNER,
    "intermediate": Level.INTERMEDIATE,
    "expert": Level.ADVANCED,
}
_KINDS = {
    "strength": ExerciseKind.STRENGTH,
    "powerlifting": ExerciseKind.STRENGTH,
    "olympic weightlifting": ExerciseKind.STRENGTH,
    "strongman": ExerciseKind.STRENGTH,
    "plyometrics": ExerciseKind.PLYOMETRIC,
    "stretching": ExerciseKind.MOBILITY,
    "cardio": ExerciseKind.CROSS_TRAINING,
}
_ONE_LEG = re.compile(r"\b(?:single|one)[- ]leg", re.IGNORECASE)
_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_GIVEN = "(not given)"


@attrs.frozen
class Conversion:
    """The result of a conversion: the pack, and what could not be converted.

    Attributes:
        text: The pack as JSON text, in the single-file pack format (``sources``
            and ``exercises``); :meth:`pack` parses it.
        total: Exercises read.
        converted: Exercises in the pack.
        skipped: ``(free-exercise-db id, reason)`` for every exercise left out.
        unmapped: For each vocabulary (``muscle``, ``equipment``, ``level``,
            ``category``), each value runtone has no term for and the number of
            exercises it appeared in.
    """

    text: str
    total: int
    converted: int
    skipped: tuple[tuple[str, str], ...]
    unmapped: Mapping[str, Mapping[str, int]]

    def pack(self) -> dict[str, JSONValue]:
        """The pack as a new JSON object (``sources`` and ``exercises``)."""
        data = json.loads(self.text)
        assert isinstance(data, dict)  # noqa: S101 - written by convert()
        return data

    def report(self) -> dict[str, JSONValue]:
        """The figures as a JSON object."""
        return {
            "total": self.total,
            "converted": self.converted,
            "skipped": len(self.skipped),
            "skipped_by_reason": dict(self.reasons()),
            "unmapped": {field: dict(values) for field, values in self.unmapped.items()},
        }

    def reasons(self) -> list[tuple[str, int]]:
        """How many exercises were skipped for each kind of reason, most first."""
        kinds = collections.Counter(reason.split(":", 1)[0] for _, reason in self.skipped)
        return sorted(kinds.items(), key=lambda item: (-item[1], item[0]))

    def summary(self) -> str:
        """The figures in words, for a terminal."""
        lines = [
            (
                f"free-exercise-db: {self.total} exercises read, {self.converted} converted, "
                f"{len(self.skipped)} skipped"
            )
        ]
        lines += [f"  skipped, {reason}: {count}" for reason, count in self.reasons()]
        for field, values in self.unmapped.items():
            if values:
                listed = ", ".join(f"{value} {count}" for value, count in values.items())
                lines += textwrap.wrap(
                    f"unmapped {field} (exercises): {listed}",
                    80,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
        return "\n".join(lines)

    def write(self, directory: str | os.PathLike[str]) -> Path:
        """Write the pack as a new directory (``pack.json``, ``sources.json``, ``exercises.json``).

        Raises:
            FileExistsError: ``directory`` exists and is not empty (nothing is
                overwritten: it may hold another pack).
            OSError: the directory cannot be made or written.
            InvalidValueError: ``directory`` cannot be a path (it holds a NUL
                or a character the file system cannot encode).
            TypeError: ``directory`` is not a path.
        """
        if not isinstance(directory, (str, os.PathLike)):
            raise TypeError(f"directory: expected a path, got {shown(directory)}")
        path = Path(directory)
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise FileExistsError(errno.EEXIST, "exists and is not an empty directory", str(path))
        try:
            path.mkdir(parents=True, exist_ok=True)
        except ValueError as exc:  # exists() says False for such a name; mkdir() says why
            raise InvalidValueError(
                "directory", f"{shown(os.fspath(path))} cannot be a path: {exc}"
            ) from None
        pack = self.pack()
        (path / MANIFEST).write_text(json.dumps({"name": SOURCE_ID}, indent=2) + "\n", "utf-8")
        for name in ("sources", "exercises"):
            text = json.dumps(pack[name], indent=2, ensure_ascii=False) + "\n"
            (path / f"{name}.json").write_text(text, "utf-8")
        return path


def _slug(value: str) -> str:
    return _SLUG.sub("-", value.lower()).strip("-")


Source = Union[str, "os.PathLike[str]", bytes]


def _read(source: Source, file: str | None) -> tuple[str, object]:
    if isinstance(source, bytes):
        label = file or "exercises.json"
        return label, parse(label, source)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = file or str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DataError(label, None, None, f"cannot be read: {exc.strerror or exc}") from None
        except ValueError as exc:  # a NUL or a lone surrogate: no file can have that name
            raise DataError(label, None, None, f"cannot be read: {exc}") from None
        return label, parse(label, data)
    raise TypeError(f"source: expected a path or bytes, got {type(source).__name__}")


class _Converter:
    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.ids = {e.id: e.id for e in dataset.exercises}
        # Every lookup key (id, name, alias), compared as the loader compares them.
        self.names = {
            normalize(key): e.id for e in dataset.exercises for key in (e.id, e.name, *e.aliases)
        }
        self.unmapped: dict[str, collections.Counter[str]] = {
            name: collections.Counter() for name in ("muscle", "equipment", "level", "category")
        }
        self.muscles: dict[str, str | None] = {}

    def muscle(self, name: str) -> str | None:
        if name not in self.muscles:
            found = self.dataset.get_muscle(_MUSCLE_KEYS.get(name, name))
            self.muscles[name] = None if found is None else found.id
        return self.muscles[name]

    def targets(self, raw: _Raw) -> tuple[list[dict[str, JSONValue]], list[str]]:
        """The runtone targets of an exercise, and the muscle names runtone lacks."""
        targets: list[dict[str, JSONValue]] = []
        seen: set[str] = set()
        lost: list[str] = []
        for role, names in (("primary", raw.primary), ("secondary", raw.secondary)):
            for name in names:
                muscle = self.muscle(name)
                if muscle is None:
                    self.unmapped["muscle"][name] += 1
                    lost.append(name)
                elif muscle not in seen:
                    seen.add(muscle)
                    targets.append({"muscle": muscle, "role": role})
        return targets, lost

    def problems(self, raw: _Raw, slug: str) -> list[str]:
        """Why the exercise cannot be converted (empty when it can), counting unmapped terms."""
        problems: list[str] = []
        for field, value, known in (
            ("equipment", raw.equipment, _EQUIPMENT),
            ("level", raw.level, _LEVELS),
            ("category", raw.category, _KINDS),
        ):
            if value not in known:
                self.unmapped[field][value] += 1
                problems.append(f"{field} runtone has no term for: {value}")
        if not slug or len(slug) > _MAX_ID:
            problems.append(f"id cannot be made a runtone id: {raw.ident}")
        elif slug in self.ids:
            problems.append(f"id already used: {self.ids[slug]}")
        elif normalize(slug) in self.names:
            problems.append(f"id already used as a name: {self.names[normalize(slug)]}")
        owner = self.names.get(normalize(raw.name))
        if owner is not None:
            problems.append(f"name already used: {owner}")
        if not raw.steps:
            problems.append("no instructions")
        return problems

    def one(self, item: Mapping[str, object], where: tuple[str, str]) -> dict[str, JSONValue] | str:
        """The runtone record for one exercise, or why it is skipped."""
        raw = _Raw.read(item, where)
        targets, lost = self.targets(raw)
        slug = _slug(raw.ident)
        problems = [] if targets else [f"no muscle runtone covers: {', '.join(lost) or 'none'}"]
        problems += self.problems(raw, slug)
        if problems:
            return problems[0]
        self.ids[slug] = slug
        self.names[normalize(slug)] = slug
        self.names[normalize(raw.name)] = slug
        mapped = _EQUIPMENT[raw.equipment]
        return {
            "id": slug,
            "name": raw.name,
            "kind": _KINDS[raw.category].value,
            "purpose": (
                f"A {raw.category} exercise from free-exercise-db"
                f"{f' ({raw.details})' if raw.details else ''}; that database does not say "
                "what it is for."
            ),
            "targets": [*targets],
            "equipment": [] if mapped is None else [mapped.value],
            "level": _LEVELS[raw.level].value,
            "unilateral": bool(_ONE_LEG.search(raw.name)),
            "steps": [*raw.steps],
            "cautions": [],
            "evidence": EvidenceGrade.POPULAR.value,
            "sources": [SOURCE_ID],
        }


@attrs.frozen
class _Raw:
    """One free-exercise-db exercise, its fields checked for type."""

    ident: str
    name: str
    level: str
    category: str
    equipment: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    steps: tuple[str, ...]
    details: str

    @classmethod
    def read(cls, item: Mapping[str, object], where: tuple[str, str]) -> _Raw:
        def text(name: str) -> str:
            value = item.get(name)
            if not isinstance(value, str) or not value.strip():
                raise DataError(*where, name, f"expected a non-empty string, got {_short(value)}")
            return " ".join(value.split())

        def texts(name: str) -> tuple[str, ...]:
            value = item.get(name)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise DataError(*where, name, f"expected an array of strings, got {_short(value)}")
            return tuple(dict.fromkeys(" ".join(v.split()) for v in value if v.strip()))

        equipment = item.get("equipment")
        if equipment is not None and not isinstance(equipment, str):
            raise DataError(
                *where, "equipment", f"expected a string or null, got {_short(equipment)}"
            )
        details = ", ".join(
            f"{key} {value}"
            for key in ("force", "mechanic")
            if isinstance(value := item.get(key), str) and value
        )
        return cls(
            ident=text("id"),
            name=text("name"),
            level=text("level"),
            category=text("category"),
            equipment=_NOT_GIVEN if equipment is None else equipment,
            primary=texts("primaryMuscles"),
            secondary=texts("secondaryMuscles"),
            steps=texts("instructions"),
            details=details,
        )


def convert(
    source: Source, *, dataset: Dataset | None = None, file: str | None = None
) -> Conversion:
    """Convert free-exercise-db's ``exercises.json`` into a runtone pack.

    Args:
        source: The file's path, or its bytes.
        dataset: The data the pack will be loaded over (default: runtone's);
            muscles are looked up in it and its exercises' ids and names are
            avoided.
        file: The name to use in error messages (default: the path).

    Raises:
        DataError: the file cannot be read, is not valid JSON or is not in
            free-exercise-db's format; the error names the file, the exercise
            and the field.
        TypeError: ``source`` is neither a path nor bytes, ``dataset`` is not a
            Dataset, or ``file`` is not a string.
    """
    if file is not None and not isinstance(file, str):
        raise TypeError(f"file: expected a string or None, got {shown(file)}")
    dataset = load() if dataset is None else check_dataset(dataset)
    label, data = _read(source, file)
    if not isinstance(data, list):
        raise DataError(
            label, None, None, f"expected an array of exercises, got {_type_name(data)}"
        )
    converter = _Converter(dataset)
    exercises: list[JSONValue] = []
    skipped: list[tuple[str, str]] = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise DataError(label, f"#{index}", None, f"expected an object, got {_type_name(item)}")
        raw_id = item.get("id")
        where = (label, raw_id if isinstance(raw_id, str) and raw_id.strip() else f"#{index}")
        result = converter.one(item, where)
        if isinstance(result, str):
            skipped.append((where[1], result))
        else:
            exercises.append(result)
    pack: dict[str, JSONValue] = {"sources": [dict(_SOURCE)], "exercises": exercises}
    unmapped = {
        field: MappingProxyType(dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))
        for field, counts in converter.unmapped.items()
    }
    return Conversion(
        text=json.dumps(pack, ensure_ascii=False),
        total=len(data),
        converted=len(exercises),
        skipped=tuple(skipped),
        unmapped=MappingProxyType(unmapped),
    )
