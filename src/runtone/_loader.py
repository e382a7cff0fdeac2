"""Reading, checking and building the dataset: the only place that sees raw JSON.

The shape of every record is read from its attrs class (field names, types,
defaults and metadata), so the classes in :mod:`runtone._records` are the one
description of the data; the JSON Schemas are generated from the same classes.

Loading is all or nothing: the first problem raises :class:`~runtone.DataError`
naming the file, the record and the field, and no partial dataset exists.
"""

from __future__ import annotations

import enum
import json
import re
import sys
import typing
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Callable, Union

import attrs

from . import _records as r
from ._dataset import Dataset, normalize, record_keys
from .errors import DataError

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover
        from importlib_resources.abc import Traversable

__all__ = ["COLLECTIONS", "load_from", "load_packaged"]


@attrs.frozen
class Collection:
    """One collection: its name, the file it is read from and its record class."""

    name: str
    record: type

    @property
    def file(self) -> str:
        """The file name, e.g. ``muscles.json``."""
        return f"{self.name}.json"


#: Every collection, in the order they are built: a collection may refer only to
#: collections before it (and, by id, to itself).
COLLECTIONS: tuple[Collection, ...] = (
    Collection("sources", r.Source),
    Collection("muscles", r.Muscle),
    Collection("injuries", r.Injury),
    Collection("exercises", r.Exercise),
    Collection("strike_patterns", r.StrideEffect),
    Collection("stride_effects", r.StrideEffect),
    Collection("claims", r.Claim),
    Collection("recommendations", r.Recommendation),
)

#: Where a reference to a record class looks, unless the field's metadata narrows it.
_TARGETS: dict[type, tuple[str, ...]] = {
    r.Source: ("sources",),
    r.Muscle: ("muscles",),
    r.Injury: ("injuries",),
    r.Exercise: ("exercises",),
    r.StrideEffect: ("strike_patterns", "stride_effects"),
    r.Claim: ("claims",),
}

#: Collection fields that must hold at least one item.
_NONEMPTY = frozenset(
    {"sources", "targets", "steps", "actions", "gait_phases", "made_by", "goals", "levels"}
)

#: Same-collection references that form a tree: a cycle in them is an error.
_HIERARCHIES = frozenset({"part_of"})

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_MAX_ID = 80
#: Longest quoted value in a message.
_SHORT = 60


class _InvalidError(Exception):
    """A problem at a path within one record (turned into DataError by the caller)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.path = path
        self.problem = problem


def _type_name(value: object) -> str:  # noqa: PLR0911 - one return per JSON type
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # pragma: no cover - json yields only the above


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHORT else text[: _SHORT - 3] + "..."


# --- converters -------------------------------------------------------------------
# A converter turns one JSON value into a Python value, raising _InvalidError(path, ...).

Registry = Mapping[str, Mapping[str, object]]
Converter = Callable[[object, str, Registry], object]


def _convert_str(value: object, path: str, _: Registry) -> object:
    if not isinstance(value, str):
        raise _InvalidError(path, f"expected a string, got {_type_name(value)}")
    if not value.strip():
        raise _InvalidError(path, "must not be empty")
    if value != value.strip():
        raise _InvalidError(path, f"{_short(value)} has leading or trailing white space")
    return value


def _convert_id(value: object, path: str, registry: Registry) -> object:
    _convert_str(value, path, registry)
    assert isinstance(value, str)  # noqa: S101 - narrowed by _convert_str
    if len(value) > _MAX_ID or not _ID.match(value):
        raise _InvalidError(
            path,
            f"{_short(value)} is not a valid id (lowercase letters and digits in "
            f"words joined by single hyphens, at most {_MAX_ID} characters)",
        )
    return value


def _convert_int(value: object, path: str, _: Registry) -> object:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _InvalidError(path, f"expected a whole number, got {_type_name(value)}")
    if value < 0:
        raise _InvalidError(path, f"must not be negative, got {value}")
    return value


def _convert_bool(value: object, path: str, _: Registry) -> object:
    if not isinstance(value, bool):
        raise _InvalidError(path, f"expected true or false, got {_type_name(value)}")
    return value


def _enum_converter(cls: type[enum.Enum]) -> Converter:
    members: dict[object, enum.Enum] = {m.value: m for m in cls}
    allowed = ", ".join(repr(v) for v in members)

    def convert(value: object, path: str, _: Registry) -> object:
        if not isinstance(value, str):
            raise _InvalidError(path, f"expected a string, got {_type_name(value)}")
        try:
            return members[value]
        except KeyError:
            raise _InvalidError(path, f"{_short(value)} is not one of {allowed}") from None

    return convert


def _optional(inner: Converter) -> Converter:
    def convert(value: object, path: str, registry: Registry) -> object:
        return None if value is None else inner(value, path, registry)

    return convert


def _sequence(inner: Converter, make: Callable[[Iterable[object]], object]) -> Converter:
    def convert(value: object, path: str, registry: Registry) -> object:
        if not isinstance(value, list):
            raise _InvalidError(path, f"expected an array, got {_type_name(value)}")
        items = [inner(item, f"{path}[{i}]", registry) for i, item in enumerate(value)]
        seen: set[object] = set()
        for i, item in enumerate(items):
            if item in seen:
                raise _InvalidError(f"{path}[{i}]", f"{_short(value[i])} is listed twice")
            seen.add(item)
        return make(items)

    return convert


def _reference(collections: tuple[str, ...]) -> Converter:
    label = " or ".join(collections)

    def convert(value: object, path: str, registry: Registry) -> object:
        if not isinstance(value, str):
            raise _InvalidError(path, f"expected an id (a string), got {_type_name(value)}")
        for name in collections:
            found = registry.get(name, {}).get(value)
            if found is not None:
                return found
        raise _InvalidError(path, f"{_short(value)} is not the id of any record in {label}")

    return convert


def _same_collection_id(value: object, path: str, registry: Registry) -> object:
    # Checked against the collection's ids once the whole collection is read.
    return _convert_id(value, path, registry)


@attrs.frozen
class _Field:
    name: str
    convert: Converter
    required: bool
    nonempty: bool
    same_ref: bool


_SPECS: dict[type, tuple[_Field, ...]] = {}


def _converter_for(tp: object, metadata: Mapping[object, object]) -> Converter:  # noqa: PLR0911 - a dispatch table
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    ref = metadata.get(r.REF)
    if origin is Union:
        inner = [a for a in args if a is not type(None)]
        return _optional(_converter_for(inner[0], metadata))
    if origin is tuple:
        return _sequence(_converter_for(args[0], metadata), tuple)
    if origin is frozenset:
        return _sequence(_converter_for(args[0], metadata), frozenset)
    if tp is str:
        return _same_collection_id if ref == r.SAME else _convert_str
    if tp is int:
        return _convert_int
    if tp is bool:
        return _convert_bool
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_converter(tp)
    if isinstance(tp, type) and tp in _TARGETS:
        return _reference((ref,) if isinstance(ref, str) else _TARGETS[tp])
    if isinstance(tp, type) and attrs.has(tp):
        return _value_converter(tp)
    raise TypeError(f"no converter for {tp!r}")  # pragma: no cover - a bug in _records


def _spec(cls: type) -> tuple[_Field, ...]:
    spec = _SPECS.get(cls)
    if spec is None:
        fields = []
        for field in attrs.fields(cls):
            convert = (
                _convert_id if field.name == "id" else _converter_for(field.type, field.metadata)
            )
            fields.append(
                _Field(
                    name=field.name,
                    convert=convert,
                    required=field.default is attrs.NOTHING,
                    nonempty=field.name in _NONEMPTY,
                    same_ref=field.metadata.get(r.REF) == r.SAME,
                )
            )
        spec = _SPECS[cls] = tuple(fields)
    return spec


def _build(cls: type, value: object, path: str, registry: Registry) -> object:
    """Build one record or value object of ``cls`` from a JSON object."""
    if not isinstance(value, dict):
        raise _InvalidError(path, f"expected an object, got {_type_name(value)}")
    spec = _spec(cls)
    prefix = f"{path}." if path else ""
    known = {f.name for f in spec}
    for key in value:
        if key not in known:
            allowed = ", ".join(sorted(known))
            raise _InvalidError(f"{prefix}{key}", f"unknown field (allowed: {allowed})")
    kwargs: dict[str, object] = {}
    for field in spec:
        if field.name not in value:
            if field.required:
                raise _InvalidError(f"{prefix}{field.name}", "missing")
            continue
        raw = value[field.name]
        converted = field.convert(raw, f"{prefix}{field.name}", registry)
        if field.nonempty and not converted:
            raise _InvalidError(f"{prefix}{field.name}", "must list at least one item")
        kwargs[field.name] = converted
    _check(cls, kwargs, prefix)
    return cls(**kwargs)


def _value_converter(cls: type) -> Converter:
    def convert(value: object, path: str, registry: Registry) -> object:
        return _build(cls, value, path, registry)

    return convert


def _check(cls: type, kwargs: Mapping[str, object], prefix: str) -> None:
    """Rules that span fields of one record."""
    if cls is r.Dosage:
        low = kwargs.get("days_per_week_min")
        high = kwargs.get("days_per_week_max")
        for name, days in (("days_per_week_min", low), ("days_per_week_max", high)):
            if isinstance(days, int) and days > 7:  # noqa: PLR2004 - days in a week
                raise _InvalidError(f"{prefix}{name}", f"a week has 7 days, got {days}")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            raise _InvalidError(
                f"{prefix}days_per_week_min", f"{low} is more than days_per_week_max {high}"
            )
    if kwargs.get("part_of") is not None and kwargs.get("part_of") == kwargs.get("id"):
        raise _InvalidError(f"{prefix}part_of", "a muscle cannot be part of itself")
    if kwargs.get("baseline_id") is not None and kwargs.get("baseline_id") == kwargs.get("id"):
        raise _InvalidError(f"{prefix}baseline_id", "a record cannot be its own baseline")


# --- reading ----------------------------------------------------------------------


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r} in an object")
            seen.add(key)
    return result


def _constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


#: In JSON text: a run of escaped backslashes, or a ``\\u`` escape of half a surrogate
#: pair (``\\ud800``-``\\udbff`` come first in a pair, ``\\udc00``-``\\udfff`` second).
_SURROGATE = re.compile(r"(?:\\\\)+|\\u([dD][89a-fA-F][0-9a-fA-F]{2})")


def _lone_surrogate(text: str) -> int | None:
    r"""Where the first ``\u`` escape of half a surrogate pair without its other half is.

    JSON allows such escapes, and json.loads turns them into strings that cannot be
    written as UTF-8; a pair (first half, then second half, adjacent) is one character.
    Runs of escaped backslashes are matched whole, so ``\\ud800`` is plain text.
    """
    first: re.Match[str] | None = None  # a first half waiting for its second half
    for match in _SURROGATE.finditer(text):
        half = match.group(1)
        second = half is not None and half[1] in "cdefCDEF"
        if first is not None:
            if not second or match.start() != first.end():
                return first.start()
            first = None
        elif second:
            return match.start()
        elif half is not None:
            first = match
    return None if first is None else first.start()


def parse(file: str, data: bytes) -> object:
    """Parse one file's bytes as strict JSON.

    Strict: UTF-8, no duplicate keys, no NaN or Infinity, and no escape of half a
    surrogate pair (a string that could not be written back as UTF-8).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(file, None, None, f"not UTF-8 text: byte {exc.start}") from None
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise DataError(
            file, None, None, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise DataError(file, None, None, "invalid JSON: nested too deeply") from None
    except ValueError as exc:
        raise DataError(file, None, None, f"invalid JSON: {exc}") from None
    if "\\ud" in text or "\\uD" in text:  # rare: only an escape can make a surrogate
        where = _lone_surrogate(text)
        if where is not None:
            line = text.count("\n", 0, where) + 1
            column = where - text.rfind("\n", 0, where)
            raise DataError(
                file,
                None,
                None,
                f"invalid JSON at line {line} column {column}: {text[where : where + 6]} is "
                "half a surrogate pair, not a character",
            )
    return value


def _label(raw: object, index: int) -> str:
    if isinstance(raw, dict):
        ident = raw.get("id")
        if isinstance(ident, str) and _ID.match(ident) and len(ident) <= _MAX_ID:
            return ident
    return f"#{index}"


@attrs.frozen
class _Item:
    """One raw record and where it was read: its file and its index there."""

    file: str
    index: int
    raw: object

    @property
    def label(self) -> str:
        return _label(self.raw, self.index)

    @property
    def id(self) -> str | None:
        label = self.label
        return None if label.startswith("#") else label


Items = dict[str, list[_Item]]


def _items(raw: Mapping[str, object], files: Mapping[str, str] | None = None) -> Items:
    """Raw collections as items, each remembering its file (``muscles.json`` by default)."""
    items: Items = {}
    for collection in COLLECTIONS:
        file = (files or {}).get(collection.name, collection.file)
        records = raw.get(collection.name)
        if not isinstance(records, list):
            raise DataError(
                file, None, None, f"expected an array of records, got {_type_name(records)}"
            )
        items[collection.name] = [_Item(file, i, item) for i, item in enumerate(records)]
    return items


def build(raw: Mapping[str, object]) -> Dataset:
    """Build a Dataset from parsed JSON, one list of records per collection name.

    Raises:
        DataError: for the first problem found.
    """
    return _build_items(_items(raw))


@attrs.frozen
class _Key:
    """Who holds a lookup key: the record, its file, the field, and runtone's own file.

    Comparing ``file`` with ``own_file`` tells a pack's record from ours.
    """

    owner: str
    file: str
    path: str
    own_file: str
    text: str


def _build_items(items: Items) -> Dataset:
    registry: dict[str, dict[str, object]] = {}
    # Lookup keys are unique across collections of one class (a strike pattern and a
    # stride effect may not share an alias: compare_strikes looks in both).
    keys_by_class: dict[type, dict[str, _Key]] = {}
    for collection in COLLECTIONS:
        built: dict[str, object] = {}
        keys = keys_by_class.setdefault(collection.record, {})
        files: dict[str, str] = {}
        for item in items[collection.name]:
            file, label = item.file, item.label
            try:
                record = _build(collection.record, item.raw, "", registry)
            except _InvalidError as exc:
                raise DataError(file, label, exc.path or None, exc.problem) from None
            ident = typing.cast("str", getattr(record, "id"))  # noqa: B009
            shared = _TARGETS.get(collection.record, ())  # collections of the same class
            if ident in built or any(ident in registry.get(name, {}) for name in shared):
                raise DataError(file, label, "id", f"{ident!r} is used by another record")
            for path, key in record_keys(record):
                norm = normalize(key)
                held = keys.get(norm)
                if held is not None and held.owner != ident:
                    if file == collection.file and held.file != held.own_file:
                        # Ours came later than a pack's record: the pack is at fault.
                        raise DataError(
                            held.file,
                            held.owner,
                            held.path,
                            f"{held.text!r} is also a name or alias of {ident!r}",
                        )
                    raise DataError(
                        file, label, path, f"{key!r} is also a name or alias of {held.owner!r}"
                    )
                keys[norm] = _Key(ident, file, path, collection.file, key)
            built[ident] = record
            files[ident] = file
        registry[collection.name] = built
        _check_same_refs(collection, built, files)
    return Dataset({c.name: tuple(registry[c.name].values()) for c in COLLECTIONS})


def _check_same_refs(
    collection: Collection, built: Mapping[str, object], files: Mapping[str, str]
) -> None:
    """Check ids that point within the collection: they exist, and hierarchies have no cycle."""
    for field in _spec(collection.record):
        if not field.same_ref:
            continue
        for ident, record in built.items():
            target = getattr(record, field.name)
            if target is not None and target not in built:
                raise DataError(
                    files[ident],
                    ident,
                    field.name,
                    f"{target!r} is not the id of any record in {collection.name}",
                )
        if field.name not in _HIERARCHIES:
            continue  # baselines may point at each other (rearfoot <-> forefoot)
        for ident in built:
            chain = [ident]
            target = getattr(built[ident], field.name)
            while target is not None:
                if target in chain:
                    cycle = " -> ".join([*chain, target])
                    raise DataError(files[ident], ident, field.name, f"cycle: {cycle}")
                chain.append(target)
                target = getattr(built[target], field.name)


def read(root: Traversable) -> dict[str, object]:
    """Read and parse every collection file under ``root``."""
    raw: dict[str, object] = {}
    for collection in COLLECTIONS:
        entry = root / collection.file
        if not entry.is_file():
            raise DataError(collection.file, None, None, "file not found")
        try:
            data = entry.read_bytes()
        except OSError as exc:
            raise DataError(
                collection.file, None, None, f"cannot be read: {exc.strerror or exc}"
            ) from None
        raw[collection.name] = parse(collection.file, data)
    return raw


def load_from(root: Traversable) -> Dataset:
    """Load a dataset from a directory (any importlib.resources traversable).

    Used by tests and by data packs; :func:`runtone.load` reads the packaged data.
    """
    return build(read(root))


def packaged_root() -> Traversable:
    """The ``runtone/data`` traversable inside the installed package."""
    if sys.version_info >= (3, 10):
        from importlib.resources import files  # noqa: PLC0415 - imported when loading
    else:  # pragma: no cover
        from importlib_resources import files  # noqa: PLC0415

    return files("runtone") / "data"


def load_packaged() -> Dataset:
    """Load the dataset shipped inside the package."""
    return load_from(packaged_root())
