"""Reading, checking and building the dataset: the only place that sees raw JSON.

The shape of every record is read from its attrs class (field names, types,
defaults and metadata), so the classes in :mod:`runtone._records` are the one
description of the data; the JSON Schemas are generated from the same classes.

Loading is all or nothing: the first problem raises :class:`~runtone.DataError`
naming the file, the record and the field, and no partial dataset exists.

The packaged data have a fast path (see :func:`load_packaged`): files whose bytes
match the fingerprints recorded when they last passed validation are built without
checking them again, each collection when first used.  Any other bytes, and every
data pack, go through the full validation.
"""

from __future__ import annotations

import enum
import gc
import itertools
import json
import operator
import os
import re
import threading
import typing
from array import array
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Callable, Union

import attrs

from ._dataset import Dataset, normalize, record_keys
from ._path import Step, field_path
from ._records import (
    CHOICES,
    LATER,
    RANGE,
    REF,
    SAME,
    Claim,
    Dosage,
    Dose,
    Exercise,
    Injury,
    Muscle,
    Parameter,
    Recommendation,
    Source,
    StrideEffect,
    Term,
    TrainingRule,
)
from .errors import DataError, shown

if TYPE_CHECKING:
    from ._resources import Traversable

__all__ = ["COLLECTIONS", "Problems", "load_from", "load_packaged", "paused_gc"]


class Collection:
    """One collection: its name, the file it is read from and its record class."""

    __slots__ = ("file", "name", "record")

    def __init__(self, name: str, record: type) -> None:
        self.name = name
        self.record = record
        #: The file name, e.g. ``muscles.json``.
        self.file = f"{name}.json"

    def __repr__(self) -> str:
        return f"Collection({self.name!r}, {self.record.__name__})"


#: Every collection, in the order they are built: a collection may refer only to
#: collections before it (and, by id, to itself).
COLLECTIONS: tuple[Collection, ...] = (
    Collection("sources", Source),
    Collection("muscles", Muscle),
    Collection("injuries", Injury),
    Collection("exercises", Exercise),
    Collection("strike_patterns", StrideEffect),
    Collection("stride_effects", StrideEffect),
    Collection("claims", Claim),
    Collection("recommendations", Recommendation),
    Collection("terms", Term),
    Collection("training_rules", TrainingRule),
)

#: Where a reference to a record class looks, unless the field's metadata narrows it.
_TARGETS: dict[type, tuple[str, ...]] = {
    Source: ("sources",),
    Muscle: ("muscles",),
    Injury: ("injuries",),
    Exercise: ("exercises",),
    StrideEffect: ("strike_patterns", "stride_effects"),
    Claim: ("claims",),
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
#: Characters no text in the data may hold: the C0 controls (tab and newline among
#: them: no field of the data is laid out in lines), DEL, the C1 controls (a terminal
#: obeys these), the two noncharacters XML cannot hold, and the invisible format
#: controls that reorder or hide text (bidirectional embeddings, overrides and isolates,
#: zero-width space, word joiner, byte order mark, line and paragraph separators).  Any
#: of them in a name would reach a terminal raw, make an SVG that is not XML, or make
#: two names that look the same differ.  The zero-width (non-)joiner, which some
#: languages' spelling needs, is allowed.
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\ufffe\uffff\u200b\u200e\u200f\u202a-\u202e\u2028\u2029"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)
_control = _CONTROL.search
#: The cycle of groups a message spells out in full, at most.
_CYCLE = 6


class _InvalidError(Exception):
    """A problem at a path within one record (turned into DataError by the caller).

    Converters raise it with the path *below* the value they were given; each
    enclosing object or array adds its own step on the way out (:meth:`under`),
    so no path is built for data that is valid.
    """

    def __init__(self, problem: str, *steps: Step) -> None:
        super().__init__(problem, *steps)
        self.problem = problem
        #: Field names (any string, even ``""``) and array indexes, outermost first;
        #: empty for the record itself.
        self.steps = steps

    @property
    def path(self) -> str | None:
        """The spelled path (see :mod:`runtone._path`), or None for the record itself."""
        return field_path(self.steps) if self.steps else None

    def under(self, step: Step) -> _InvalidError:
        """The same problem, one step further from the record (a field name or an index)."""
        return _InvalidError(self.problem, step, *self.steps)


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
    """``repr(value)``, cut to :data:`_SHORT` characters with ``...``: bounded for any value."""
    text = shown(value, _SHORT + 1)
    return text if len(text) <= _SHORT else text[: _SHORT - 3] + "..."


# --- converters -------------------------------------------------------------------
# A converter turns one JSON value into a Python value, raising _InvalidError.

Registry = Mapping[str, Mapping[str, object]]
Converter = Callable[[object, Registry], object]


def _convert_str(value: object, _: Registry) -> object:
    if not isinstance(value, str):
        raise _InvalidError(f"expected a string, got {_type_name(value)}")
    if _control(value) is not None:  # inline: this runs for every string of a pack
        _check_text(value)
    if value != value.strip():
        if not value.strip():
            raise _InvalidError("must not be empty")
        raise _InvalidError(f"{_short(value)} has leading or trailing white space")
    if not value:
        raise _InvalidError("must not be empty")
    return value


def _check_text(value: str) -> None:
    """Raise _InvalidError if ``value`` holds a control character (see :data:`_CONTROL`)."""
    bad = _CONTROL.search(value)
    if bad is not None:
        raise _InvalidError(
            f"{bad.group()!r} (character {bad.start() + 1}) is a control character; "
            "text must not hold one"
        )


def _convert_id(value: object, registry: Registry) -> object:
    _convert_str(value, registry)
    assert isinstance(value, str)  # noqa: S101 - narrowed by _convert_str
    if len(value) > _MAX_ID or not _ID.match(value):
        raise _InvalidError(
            f"{_short(value)} is not a valid id (lowercase letters and digits in "
            f"words joined by single hyphens, at most {_MAX_ID} characters)",
        )
    return value


def _int_converter(bounds: object) -> Converter:
    """Whole numbers from ``low`` to ``high`` (the field's :data:`~runtone._records.RANGE`)."""
    if not isinstance(bounds, tuple):  # pragma: no cover - a bug in _records
        raise TypeError("every whole-number field declares its range")
    low, high = bounds

    def convert(value: object, _: Registry) -> object:
        if value.__class__ is not int:  # bool is a subclass of int, and not a number here
            raise _InvalidError(f"expected a whole number, got {_type_name(value)}")
        assert isinstance(value, int)  # noqa: S101 - narrowed above
        if not low <= value <= high:
            raise _InvalidError(f"must be from {low} to {high}, got {shown(value, 20)}")
        return value

    return convert


def _number_converter(bounds: object) -> Converter:
    """Numbers, whole or not, from ``low`` to ``high``; a whole number stays an ``int``."""
    if not isinstance(bounds, tuple):  # pragma: no cover - a bug in _records
        raise TypeError("every number field declares its range")
    low, high = bounds

    def convert(value: object, _: Registry) -> object:
        if value.__class__ is not int and value.__class__ is not float:  # not bool
            raise _InvalidError(f"expected a number, got {_type_name(value)}")
        assert isinstance(value, (int, float))  # noqa: S101 - narrowed above
        if not low <= value <= high:  # json.loads gives no NaN or infinity: parse() refuses
            raise _InvalidError(f"must be from {low} to {high}, got {shown(value, 20)}")
        return value

    return convert


def _choice_converter(choices: tuple[str, ...]) -> Converter:
    """A string that is one of ``choices`` (the field's :data:`~runtone._records.CHOICES`)."""
    allowed = ", ".join(repr(c) for c in choices)
    known = frozenset(choices)

    def convert(value: object, registry: Registry) -> object:
        _convert_str(value, registry)
        if value not in known:
            raise _InvalidError(f"{_short(value)} is not one of {allowed}")
        return value

    return convert


def _convert_bool(value: object, _: Registry) -> object:
    if not isinstance(value, bool):
        raise _InvalidError(f"expected true or false, got {_type_name(value)}")
    return value


def _enum_converter(cls: type[enum.Enum]) -> Converter:
    members: dict[object, enum.Enum] = {m.value: m for m in cls}
    allowed = ", ".join(repr(v) for v in members)

    def convert(value: object, _: Registry) -> object:
        if not isinstance(value, str):
            raise _InvalidError(f"expected a string, got {_type_name(value)}")
        try:
            return members[value]
        except KeyError:
            raise _InvalidError(f"{_short(value)} is not one of {allowed}") from None

    return convert


def _optional(inner: Converter) -> Converter:
    def convert(value: object, registry: Registry) -> object:
        return None if value is None else inner(value, registry)

    return convert


def _sequence(inner: Converter, make: Callable[[list[object]], object]) -> Converter:
    def convert(value: object, registry: Registry) -> object:
        if value.__class__ is not list:
            raise _InvalidError(f"expected an array, got {_type_name(value)}")
        assert isinstance(value, list)  # noqa: S101 - narrowed above
        try:
            items = [inner(item, registry) for item in value]
        except _InvalidError:
            # Find which item failed (converters are pure: running one again is safe).
            for i, item in enumerate(value):
                try:
                    inner(item, registry)
                except _InvalidError as exc:  # noqa: PERF203 - only once, for the message
                    raise exc.under(i) from None
            raise  # pragma: no cover - the loop above raised
        result = make(items)
        unique = len(result) if isinstance(result, frozenset) else len(set(items))
        if unique != len(items):
            seen: set[object] = set()
            for i, item in enumerate(items):
                if item in seen:
                    raise _InvalidError(f"{_short(value[i])} is listed twice", i)
                seen.add(item)
        return result

    return convert


def _reference(collections: tuple[str, ...]) -> Converter:
    label = " or ".join(collections)

    def convert(value: object, registry: Registry) -> object:
        if not isinstance(value, str):
            raise _InvalidError(f"expected an id (a string), got {_type_name(value)}")
        for name in collections:
            found = registry.get(name, {}).get(value)
            if found is not None:
                return found
        raise _InvalidError(f"{_short(value)} is not the id of any record in {label}")

    return convert


def _same_collection_id(value: object, registry: Registry) -> object:
    # Checked against the collection's ids once the whole collection is read.
    return _convert_id(value, registry)


class _Field:
    """How to read one field of a record class."""

    __slots__ = (
        "convert",
        "inner",
        "later",
        "name",
        "nonempty",
        "optional",
        "required",
        "same_ref",
    )

    def __init__(
        self,
        name: str,
        convert: Converter,
        *,
        required: bool,
        nonempty: bool,
        same_ref: bool,
        optional: bool,
        later: str | None = None,
        inner: type | None = None,
    ) -> None:
        self.name = name
        self.convert = convert
        self.required = required
        #: ``null`` is a valid value (``convert`` is then not called).
        self.optional = optional
        self.nonempty = nonempty
        self.same_ref = same_ref
        #: The collection, built after this record's, whose ids the field holds.
        self.later = later
        #: The value class (not a record of a collection) the field holds, if any.
        self.inner = inner


class _Spec:
    """How to read one record class: its fields, in order, and their names."""

    __slots__ = ("fields", "names")

    def __init__(self, fields: tuple[_Field, ...]) -> None:
        self.fields = fields
        self.names = frozenset(f.name for f in fields)


_SPECS: dict[type, _Spec] = {}


def _converter_for(tp: object, metadata: Mapping[object, object]) -> Converter:  # noqa: C901, PLR0911 - a dispatch table
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    ref = metadata.get(REF)
    if origin is Union:
        inner = [a for a in args if a is not type(None)]
        return _optional(_converter_for(inner[0], metadata))
    if origin is tuple:
        return _sequence(_converter_for(args[0], metadata), tuple)
    if origin is frozenset:
        return _sequence(_converter_for(args[0], metadata), frozenset)
    if tp is str:
        same = ref == SAME or metadata.get(LATER) is not None
        choices = metadata.get(CHOICES)
        if isinstance(choices, tuple):
            return _choice_converter(choices)
        return _same_collection_id if same else _convert_str
    if tp is int:
        return _int_converter(metadata.get(RANGE))
    if tp is float:
        return _number_converter(metadata.get(RANGE))
    if tp is bool:
        return _convert_bool
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_converter(tp)
    if isinstance(tp, type) and tp in _TARGETS:
        return _reference((ref,) if isinstance(ref, str) else _TARGETS[tp])
    if isinstance(tp, type) and attrs.has(tp):
        return _value_converter(tp)
    raise TypeError(f"no converter for {tp!r}")  # pragma: no cover - a bug in _records


def _spec(cls: type) -> _Spec:
    spec = _SPECS.get(cls)
    if spec is None:
        fields = []
        for field in attrs.fields(cls):
            tp = field.type
            optional = typing.get_origin(tp) is Union and type(None) in typing.get_args(tp)
            if optional:
                (tp,) = (a for a in typing.get_args(tp) if a is not type(None))
            convert = _convert_id if field.name == "id" else _converter_for(tp, field.metadata)
            item = typing.get_args(tp)[0] if typing.get_origin(tp) is tuple else tp
            later = field.metadata.get(LATER)
            fields.append(
                _Field(
                    name=field.name,
                    convert=convert,
                    required=field.default is attrs.NOTHING,
                    nonempty=field.name in _NONEMPTY,
                    same_ref=field.metadata.get(REF) == SAME,
                    optional=optional,
                    later=later if isinstance(later, str) else None,
                    inner=item
                    if isinstance(item, type) and attrs.has(item) and item not in _TARGETS
                    else None,
                )
            )
        spec = _SPECS[cls] = _Spec(tuple(fields))
    return spec


def _build(cls: type, value: object, registry: Registry) -> object:
    """Build one record or value object of ``cls`` from a JSON object."""
    if value.__class__ is not dict:
        raise _InvalidError(f"expected an object, got {_type_name(value)}")
    assert isinstance(value, dict)  # noqa: S101 - narrowed above
    spec = _spec(cls)
    if not spec.names.issuperset(value):
        allowed = ", ".join(sorted(spec.names))
        unknown = next(key for key in value if key not in spec.names)
        raise _InvalidError(f"unknown field (allowed: {allowed})", unknown)
    kwargs: dict[str, object] = {}
    for field in spec.fields:
        name = field.name
        if name in value:
            raw = value[name]
            if raw is None and field.optional:
                kwargs[name] = None
                continue
            try:
                converted = field.convert(raw, registry)
            except _InvalidError as exc:
                raise exc.under(name) from None
            if field.nonempty and not converted:
                raise _InvalidError("must list at least one item", name)
            kwargs[name] = converted
        elif field.required:
            raise _InvalidError("missing", name)
    record = cls(**kwargs)
    check = _CHECKS.get(cls)
    if check is not None:
        check(record)
    return record


def _value_converter(cls: type) -> Converter:
    def convert(value: object, registry: Registry) -> object:
        return _build(cls, value, registry)

    return convert


# --- rules that span fields of one record -------------------------------------------
# Each runs on the record once it is built (by either path), and raises _InvalidError.


def _check_dosage(record: Dosage) -> None:
    # Each is from 0 to 7 (its field's range); together they must be in order.
    low, high = record.days_per_week_min, record.days_per_week_max
    if low is not None and high is not None and low > high:
        raise _InvalidError(f"{low} is more than days_per_week_max {high}", "days_per_week_min")


def _check_dose(record: Dose) -> None:
    low, high = record.reps_min, record.reps_max
    if low is not None and high is not None and low > high:
        raise _InvalidError(f"{low} is more than reps_max {high}", "reps_min")


def _check_muscle(record: Muscle) -> None:
    if record.part_of is not None and record.part_of == record.id:
        raise _InvalidError("a muscle cannot be part of itself", "part_of")


def _check_stride_effect(record: StrideEffect) -> None:
    if record.baseline_id is not None and record.baseline_id == record.id:
        raise _InvalidError("a record cannot be its own baseline", "baseline_id")


def _check_exercise(record: Exercise) -> None:
    ident = record.id
    for name, ids in (("easier", record.easier), ("harder", record.harder)):
        if ident in ids:
            raise _InvalidError(
                f"an exercise cannot be a variation of itself ({name})", name, ids.index(ident)
            )


#: A parameter's name: lowercase words joined by single underscores.
_SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")


def _check_parameter(record: Parameter) -> None:
    name = record.name
    if len(name) > _MAX_ID or not _SNAKE.match(name):
        raise _InvalidError(
            f"{_short(name)} is not a parameter name (lowercase words joined by single "
            f"underscores, at most {_MAX_ID} characters)",
            "name",
        )


def _check_training_rule(record: TrainingRule) -> None:
    seen: set[str] = set()
    for i, parameter in enumerate(record.parameters):
        name = parameter.name
        if name in seen:
            raise _InvalidError(f"{_short(name)} names two parameters", "parameters", i, "name")
        seen.add(name)


#: The rules of each class that has some (the records are of that class).
_CHECKS: dict[type, Callable[[typing.Any], None]] = {
    Dosage: _check_dosage,
    Dose: _check_dose,
    Exercise: _check_exercise,
    Muscle: _check_muscle,
    Parameter: _check_parameter,
    StrideEffect: _check_stride_effect,
    TrainingRule: _check_training_rule,
}


# --- the fast path ------------------------------------------------------------------
# Most records are valid, and a converter call for every field is most of what checking
# them costs.  So each class also has a function that checks a whole record and builds
# it, its fields grouped by kind so that each check is a few operations inline.  It
# accepts only what the converters accept and builds the same record; on anything else
# it gives up (raises: _Slow, or the KeyError of a lookup...) and the converters run on
# the record, to say what is wrong.  So every message still comes from the converters,
# and the fast path may refuse more than it must (a str subclass, say), never less.

#: A table the fast path looks values up in: enum members by value, or records by id.
Table = Mapping[typing.Any, object]
#: What makes a table of the records of some collections, by id.
Tables = Callable[[tuple[str, ...]], Table]
#: What the fast path makes of a raw value: the record (or value object).
Builder = Callable[[object], object]


class _Slow(Exception):  # noqa: N818 - not an error: the converters are asked instead
    """The fast path gives up on a value: the converters will check it."""


#: What the fast path reads for an absent field that must be present (no check takes it).
_REQUIRED = object()
#: What it reads for an absent field whose default is ``()``.
_ABSENT = object()


class _Plan:
    """How the fast path reads one class: its fields' positions, grouped by kind.

    Each group holds the positions (in field order) of the fields of one kind, with
    what checking them needs; :func:`_fast` makes a plan into a function.
    """

    __slots__ = (
        "allowed",
        "bools",
        "check",
        "choices",
        "cls",
        "defaults",
        "enum_lists",
        "enums",
        "id_lists",
        "ids",
        "lookups",
        "names",
        "numbers",
        "opt_ids",
        "opt_text",
        "raw_key",
        "ref_lists",
        "refs",
        "text",
        "text_lists",
        "value_lists",
        "values",
    )

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.check = _CHECKS.get(cls)
        fields = _spec(cls).fields
        self.allowed = frozenset(f.name for f in fields)
        self.names = tuple(f.name for f in fields)
        groups = _Groups()
        self.defaults = tuple(
            groups.add(i, field, attribute)
            for i, (field, attribute) in enumerate(zip(fields, attrs.fields(cls)))
        )
        #: Text, required and nullable; ids, the same; one of a few strings.
        self.text, self.opt_text = tuple(groups.text), tuple(groups.opt_text)
        self.ids, self.opt_ids = tuple(groups.ids), tuple(groups.opt_ids)
        self.choices = tuple(groups.choices)
        #: Numbers: position, least, greatest, whole, nullable.
        self.numbers = tuple(groups.numbers)
        self.bools = tuple(groups.bools)
        #: Enum members by value; records by id (the collections they are in).
        self.enums, self.refs = tuple(groups.enums), tuple(groups.refs)
        #: Value objects (their class).
        self.values = tuple(groups.values)
        #: Arrays of each (whether they must hold an item; enums, whether a set).
        self.text_lists, self.id_lists = tuple(groups.text_lists), tuple(groups.id_lists)
        self.enum_lists, self.ref_lists = tuple(groups.enum_lists), tuple(groups.ref_lists)
        self.value_lists = tuple(groups.value_lists)
        required = all(d is _REQUIRED for d in self.defaults)
        scalar = not (self.values or self.text_lists or self.id_lists or self.enum_lists)
        scalar = scalar and not (self.ref_lists or self.value_lists)
        #: For a class of required single values: a valid object's raw values in field
        #: order; two objects are equal when these are (each converts one to one).
        self.raw_key: Callable[[object], object] | None = None
        if required and scalar:
            self.raw_key = typing.cast(
                "Callable[[object], object]", operator.itemgetter(*self.names)
            )
        #: For a class of required enums and references only: each field's table (the
        #: enum's members, or the collections of the records).
        self.lookups: tuple[Table | tuple[str, ...], ...] | None = None
        if required and len(self.names) > 1 and len(self.enums) + len(self.refs) == len(fields):
            by_position: dict[int, Table | tuple[str, ...]] = dict(self.enums)
            by_position.update(self.refs)
            self.lookups = tuple(by_position[i] for i in range(len(fields)))


class _Groups:
    """The fields of a class, put in their groups one by one (see :class:`_Plan`)."""

    def __init__(self) -> None:
        self.text: list[int] = []
        self.opt_text: list[int] = []
        self.ids: list[int] = []
        self.opt_ids: list[int] = []
        self.choices: list[tuple[int, frozenset[str]]] = []
        self.numbers: list[tuple[int, float, float, bool, bool]] = []
        self.bools: list[int] = []
        self.enums: list[tuple[int, Table]] = []
        self.refs: list[tuple[int, tuple[str, ...]]] = []
        self.values: list[tuple[int, type]] = []
        self.text_lists: list[tuple[int, bool]] = []
        self.id_lists: list[tuple[int, bool]] = []
        self.enum_lists: list[tuple[int, Table, bool, bool]] = []
        self.ref_lists: list[tuple[int, tuple[str, ...], bool]] = []
        self.value_lists: list[tuple[int, type, bool]] = []

    def add(self, i: int, field: _Field, attribute: attrs.Attribute[object]) -> object:  # noqa: C901, PLR0912 - one branch a kind
        """Put field ``i`` in its group; return what to read for it when it is absent.

        Raises:
            _Unplanned: the fast path has no group for the field.
        """
        tp = attribute.type
        default = attribute.default
        origin = typing.get_origin(tp)
        if field.optional:  # Optional[X] = None
            (tp,) = (a for a in typing.get_args(tp) if a is not type(None))
            if default is not None or field.nonempty:
                raise _Unplanned
            if tp is str and attribute.metadata.get(CHOICES) is None:
                (self.opt_ids if _holds_ids(field) else self.opt_text).append(i)
            elif tp is int or tp is float:
                self.numbers.append((i, *_bounds(attribute), tp is int, True))
            else:
                raise _Unplanned
            return None
        if origin is tuple or origin is frozenset:
            if default is attrs.NOTHING:
                absent = _REQUIRED
            elif default == () and origin is tuple:
                absent = _ABSENT
            else:
                raise _Unplanned
            self._add_list(i, field, attribute, typing.get_args(tp)[0], frozen=origin is frozenset)
            return absent
        if default is not attrs.NOTHING or field.nonempty:
            raise _Unplanned
        if tp is str:  # in the order _spec() and _converter_for() look
            choices = attribute.metadata.get(CHOICES)
            if field.convert is _convert_id:
                self.ids.append(i)
            elif isinstance(choices, tuple):
                self.choices.append((i, _known(choices)))
            else:
                (self.ids if _holds_ids(field) else self.text).append(i)
        elif tp is int or tp is float:
            self.numbers.append((i, *_bounds(attribute), tp is int, False))
        elif tp is bool:
            self.bools.append(i)
        elif isinstance(tp, type) and issubclass(tp, enum.Enum):
            self.enums.append((i, _members(tp)))
        elif isinstance(tp, type) and tp in _TARGETS:
            self.refs.append((i, _looked_in(attribute, tp)))
        elif isinstance(tp, type) and attrs.has(tp):
            self.values.append((i, tp))
        else:
            raise _Unplanned
        return _REQUIRED

    def _add_list(
        self,
        i: int,
        field: _Field,
        attribute: attrs.Attribute[object],
        item: object,
        *,
        frozen: bool,
    ) -> None:
        nonempty = field.nonempty
        if isinstance(item, type) and issubclass(item, enum.Enum):
            self.enum_lists.append((i, _members(item), nonempty, frozen))
        elif frozen or attribute.metadata.get(CHOICES) is not None:
            raise _Unplanned
        elif item is str:
            (self.id_lists if _holds_ids(field) else self.text_lists).append((i, nonempty))
        elif isinstance(item, type) and item in _TARGETS:
            self.ref_lists.append((i, _looked_in(attribute, item), nonempty))
        elif isinstance(item, type) and attrs.has(item):
            self.value_lists.append((i, item, nonempty))
        else:
            raise _Unplanned


class _Unplanned(Exception):  # noqa: N818 - a kind of field the fast path does not know
    """A field the fast path has no group for: its class is only ever converted."""


def _holds_ids(field: _Field) -> bool:
    """Whether a text field holds ids (of records in the same or a later collection)."""
    return field.same_ref or field.later is not None


def _bounds(attribute: attrs.Attribute[object]) -> tuple[float, float]:
    bounds = attribute.metadata.get(RANGE)
    if not isinstance(bounds, tuple):  # pragma: no cover - a bug in _records
        raise TypeError(f"{attribute.name}: every number field declares its range")
    low, high = bounds
    return low, high


def _known(choices: tuple[str, ...]) -> frozenset[str]:
    """The choices, each checked as text, so that being one of them is enough."""
    for choice in choices:
        _convert_str(choice, {})
    return frozenset(choices)


def _members(cls: type[enum.Enum]) -> Table:
    """The enum's members by value (a value that is not a string would not be found)."""
    members = {m.value: m for m in cls}
    if not all(value.__class__ is str for value in members):  # pragma: no cover
        raise TypeError(f"{cls.__name__}: the loader reads enums of strings only")
    return members


def _looked_in(attribute: attrs.Attribute[object], tp: type) -> tuple[str, ...]:
    ref = attribute.metadata.get(REF)
    return (ref,) if isinstance(ref, str) else _TARGETS[tp]


_PLANS: dict[type, _Plan | None] = {}


def _plan(cls: type) -> _Plan | None:
    """The class's plan; None when a field of it, or of a value in it, has no group."""
    if cls not in _PLANS:
        _PLANS[cls] = None  # a class that holds itself is never planned
        try:
            plan = _Plan(cls)
        except _Unplanned:
            return None
        nested = [c for _, c in plan.values] + [c for _, c, _ in plan.value_lists]
        _PLANS[cls] = plan if all(_plan(c) is not None for c in nested) else None
    return _PLANS[cls]


def _fast(
    cls: type, tables: Tables, made: dict[type, Builder], *, plain: bool = False
) -> Builder | None:
    """The fast path's function for ``cls``, its references looked up in ``tables``.

    ``made`` holds the functions already made with the same tables and ``plain`` (value
    classes are held by many classes).  With ``plain``, the records are from plain text
    (see :func:`plain`): no string of theirs is looked at for control characters.
    None when the class has no plan.
    """
    build = made.get(cls)
    if build is None:
        plan = _plan(cls)
        if plan is None:
            return None
        build = made[cls] = (
            _lookups(plan, plan.lookups, tables)
            if plan.lookups is not None
            else _builder(plan, tables, made, plain=plain)
        )
    return build


def _nested(cls: type, tables: Tables, made: dict[type, Builder], *, plain: bool) -> Builder:
    """:func:`_fast` for a value class, which has a plan (its holder's says so)."""
    build = _fast(cls, tables, made, plain=plain)
    assert build is not None  # noqa: S101 - _plan() plans a class only with its values
    return build


def _lookups(plan: _Plan, lookups: tuple[Table | tuple[str, ...], ...], tables: Tables) -> Builder:
    """The fast path for a class of required enums and references (a target, say)."""
    cls, allowed, check = plan.cls, plan.allowed.issuperset, plan.check
    values = operator.itemgetter(*plan.names)  # a KeyError when one is absent
    found = tuple(tables(t) if isinstance(t, tuple) else t for t in lookups)
    getitem = operator.getitem

    def build(value: object) -> object:
        if type(value) is not dict or not allowed(value):
            raise _Slow
        record = cls(*map(getitem, found, values(value)))
        if check is not None:
            check(record)
        return record

    return build


def _builder(plan: _Plan, tables: Tables, made: dict[type, Builder], *, plain: bool) -> Builder:  # noqa: C901, PLR0915 - every kind of field inline
    """The fast path for a class: every field checked inline, by kind."""
    cls, allowed, names, defaults, check = (
        plan.cls,
        plan.allowed.issuperset,
        plan.names,
        plan.defaults,
        plan.check,
    )
    text, opt_text, ids, opt_ids = plan.text, plan.opt_text, plan.ids, plan.opt_ids
    choices, numbers, bools, enums = plan.choices, plan.numbers, plan.bools, plan.enums
    text_lists, id_lists, enum_lists = plan.text_lists, plan.id_lists, plan.enum_lists
    refs = tuple((i, tables(collections)) for i, collections in plan.refs)
    ref_lists = tuple((i, tables(collections), ne) for i, collections, ne in plan.ref_lists)
    values = tuple((i, _nested(c, tables, made, plain=plain)) for i, c in plan.values)
    value_lists = tuple(
        (i, _nested(c, tables, made, plain=plain), _raw_key(c), ne) for i, c, ne in plan.value_lists
    )
    id_match, max_id = _ID.match, _MAX_ID

    def build(value: object) -> object:  # noqa: C901, PLR0912, PLR0915 - see above
        if type(value) is not dict or not allowed(value):
            raise _Slow
        args: list[typing.Any] = list(map(value.get, names, defaults))
        if text:
            for i in text:
                v = args[i]
                if v.__class__ is not str or not v or v != v.strip():
                    raise _Slow
                if not (plain or v.isprintable()):
                    raise _Slow
        if opt_text:
            for i in opt_text:
                v = args[i]
                if v is not None and (
                    v.__class__ is not str
                    or not v
                    or v != v.strip()
                    or not (plain or v.isprintable())
                ):
                    raise _Slow
        if ids:
            for i in ids:
                v = args[i]
                if v.__class__ is not str or len(v) > max_id or id_match(v) is None:
                    raise _Slow
        if opt_ids:
            for i in opt_ids:
                v = args[i]
                if v is not None and (
                    v.__class__ is not str or len(v) > max_id or id_match(v) is None
                ):
                    raise _Slow
        if choices:
            for i, known in choices:
                v = args[i]
                if v.__class__ is not str or v not in known:
                    raise _Slow
        if numbers:
            for i, low, high, whole, nullable in numbers:
                v = args[i]
                if v is None and nullable:
                    continue
                kind = v.__class__
                if (kind is not int and (whole or kind is not float)) or not low <= v <= high:
                    raise _Slow
        if bools:
            for i in bools:
                if args[i].__class__ is not bool:
                    raise _Slow
        if enums:
            for i, members in enums:
                args[i] = members[args[i]]
        if refs:
            for i, table in refs:
                args[i] = table[args[i]]
        if values:
            for i, make in values:
                args[i] = make(args[i])
        if text_lists:
            for i, nonempty in text_lists:
                v = args[i]
                if v.__class__ is not list:
                    if v is not _ABSENT:
                        raise _Slow
                    args[i] = ()
                    continue
                for item in v:
                    if (
                        item.__class__ is not str
                        or not item
                        or item != item.strip()
                        or not (plain or item.isprintable())
                    ):
                        raise _Slow
                if (nonempty and not v) or len(set(v)) != len(v):
                    raise _Slow
                args[i] = tuple(v)
        if id_lists:
            for i, nonempty in id_lists:
                v = args[i]
                if v.__class__ is not list:
                    if v is not _ABSENT:
                        raise _Slow
                    args[i] = ()
                    continue
                for item in v:
                    if item.__class__ is not str or len(item) > max_id or id_match(item) is None:
                        raise _Slow
                if (nonempty and not v) or len(set(v)) != len(v):
                    raise _Slow
                args[i] = tuple(v)
        if enum_lists:
            for i, members, nonempty, frozen in enum_lists:
                v = args[i]
                if v.__class__ is not list:
                    if v is not _ABSENT:
                        raise _Slow
                    args[i] = ()
                    continue
                if nonempty and not v:
                    raise _Slow
                if frozen:
                    held: typing.Any = frozenset(map(members.__getitem__, v))
                    if len(held) != len(v):
                        raise _Slow
                else:
                    held = tuple(map(members.__getitem__, v))
                    if len(set(v)) != len(v):  # distinct values are distinct members
                        raise _Slow
                args[i] = held
        if ref_lists:
            for i, table, nonempty in ref_lists:
                v = args[i]
                if v.__class__ is not list:
                    if v is not _ABSENT:
                        raise _Slow
                    args[i] = ()
                    continue
                if (nonempty and not v) or len(set(v)) != len(v):  # one record an id
                    raise _Slow
                args[i] = tuple(map(table.__getitem__, v))
        if value_lists:
            for i, make, key, nonempty in value_lists:
                v = args[i]
                if v.__class__ is not list:
                    if v is not _ABSENT:
                        raise _Slow
                    args[i] = ()
                    continue
                held = tuple(map(make, v))
                if nonempty and not held:
                    raise _Slow
                # A record's hash calls Python; the raw values of a simple one do not.
                if len(held) > 1 and len(set(held if key is None else map(key, v))) != len(v):
                    raise _Slow
                args[i] = held
        record = cls(*args)
        if check is not None:
            check(record)
        return record

    return build


def _raw_key(cls: type) -> Callable[[object], object] | None:
    plan = _plan(cls)
    return None if plan is None else plan.raw_key


# --- reading ----------------------------------------------------------------------


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    if not pairs:
        # {} shares the interpreter's empty key table; dict([]) on Python 3.9
        # allocates one of its own, which made a file of {} cost 3x its parsing there.
        return {}
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
#: (Compiled on first use, by re's cache: the first lookup of a process imports this module.)
_SURROGATE = r"(?:\\\\)+|\\u([dD][89a-fA-F][0-9a-fA-F]{2})"


def _lone_surrogate(text: str) -> int | None:
    r"""Where the first ``\u`` escape of half a surrogate pair without its other half is.

    JSON allows such escapes, and json.loads turns them into strings that cannot be
    written as UTF-8; a pair (first half, then second half, adjacent) is one character.
    Runs of escaped backslashes are matched whole, so ``\\ud800`` is plain text.
    """
    first: re.Match[str] | None = None  # a first half waiting for its second half
    for match in re.finditer(_SURROGATE, text):
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


def plain(data: bytes) -> bool:
    """Whether no string parsed from this JSON text can hold a control character.

    True of ASCII text without a backslash (an escape) or DEL: JSON refuses the other
    ASCII controls in a string, so the only ones in such a file are line breaks and
    indents between its values.  The checks then need not look at every character of
    every string (which cost a third of checking the strings).
    """
    return data.isascii() and b"\\" not in data and b"\x7f" not in data


def _label(raw: object, index: int) -> str:
    if isinstance(raw, dict):
        ident = raw.get("id")
        if isinstance(ident, str) and _ID.match(ident) and len(ident) <= _MAX_ID:
            return ident
    return f"#{index}"


class Problems:
    """Where the checks put the problems they find.

    Without a ``limit`` (:func:`runtone.load`'s way) the first problem raises its
    :class:`~runtone.DataError` at once.  With one, the checks go on past each
    problem to find the others: every problem is counted and the first ``limit``
    are kept, so a file of a million bad records costs a million counts but only
    ``limit`` messages.

    Attributes:
        limit: How many problems to keep, or ``None`` to raise the first.
        errors: The problems kept, in the order found.
        total: How many problems were found, kept or not.
    """

    __slots__ = ("errors", "limit", "total")

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        self.errors: list[DataError] = []
        self.total = 0

    def __repr__(self) -> str:
        return f"Problems(limit={self.limit}, total={self.total})"

    def add(self, file: str, record: str | None, field: str | None, problem: str) -> None:
        """Report one problem: raise it, or keep it if the limit allows, and count it.

        Raises:
            DataError: when there is no limit.
        """
        if self.limit is None:
            raise DataError(file, record, field, problem)
        self.total += 1
        if len(self.errors) < self.limit:
            self.errors.append(DataError(file, record, field, problem))

    @property
    def more(self) -> int:
        """How many problems were found beyond those kept."""
        return self.total - len(self.errors)


class Records:
    """One collection's raw records, each with where it was read: its file and its index.

    Parallel lists rather than an object per record: a hostile file of ten million
    tiny records costs three machine words each here, not ten million more objects.
    """

    __slots__ = ("files", "indexes", "plain", "raw")

    def __init__(self) -> None:
        self.raw: list[object] = []
        self.files: list[str] = []
        self.indexes = array("q")
        #: Whether each file's text is plain (see :func:`plain`): true only if every
        #: file read under that name was.
        self.plain: dict[str, bool] = {}

    def __len__(self) -> int:
        return len(self.raw)

    def __repr__(self) -> str:
        return f"Records({len(self.raw)} records)"

    def extend(
        self, file: str, records: list[object], indexes: Iterable[int], *, plain: bool = False
    ) -> None:
        """Add ``records``, read from ``file`` (plain text or not) at ``indexes``."""
        self.raw.extend(records)
        self.files.extend(itertools.repeat(file, len(records)))
        self.indexes.extend(indexes)
        self._file(file, plain=plain)

    def _file(self, file: str, *, plain: bool) -> None:
        self.plain[file] = self.plain.get(file, True) and plain

    def take(self, other: Records, i: int, position: int | None = None) -> None:
        """Put ``other``'s record ``i`` at ``position`` (replacing what is there), or last."""
        file = other.files[i]
        if position is None:
            self.raw.append(other.raw[i])
            self.files.append(file)
            self.indexes.append(other.indexes[i])
        else:
            self.raw[position] = other.raw[i]
            self.files[position] = file
            self.indexes[position] = other.indexes[i]
        self._file(file, plain=other.plain.get(file, False))

    def take_all(self, other: Records) -> None:
        """Put all of ``other``'s records last, in order."""
        self.raw.extend(other.raw)
        self.files.extend(other.files)
        self.indexes.extend(other.indexes)
        for file, plain in other.plain.items():
            self._file(file, plain=plain)

    def label(self, i: int) -> str:
        """How messages name record ``i``: its id, or ``#`` and its index in its file."""
        return _label(self.raw[i], self.indexes[i])

    def idents(self) -> list[str | None]:
        """Every record's id, or None where it has no valid one (as :meth:`ident`)."""
        labels = map(_label, self.raw, self.indexes)
        return [None if label.startswith("#") else label for label in labels]

    def ident(self, i: int) -> str | None:
        """Record ``i``'s id, or None when it has no valid one."""
        label = self.label(i)
        return None if label.startswith("#") else label


Items = dict[str, Records]


def _objects(
    file: str, records: list[object], problems: Problems
) -> tuple[list[object], Iterable[int]]:
    """The records that are JSON objects, and their indexes; each other one is a problem.

    Checked before any record is built: a file of ten million numbers is rejected
    at its first, having cost only its parsing.
    """
    first = next((i for i, r in enumerate(records) if r.__class__ is not dict), None)
    if first is None:
        return records, range(len(records))
    kept = records[:first]
    indexes = array("q", range(first))
    for i in range(first, len(records)):
        record = records[i]
        if record.__class__ is dict:
            kept.append(record)
            indexes.append(i)
        else:
            problems.add(file, f"#{i}", None, f"expected an object, got {_type_name(record)}")
    return kept, indexes


def _items(
    raw: Mapping[str, object],
    files: Mapping[str, str] | None = None,
    problems: Problems | None = None,
    plain: Iterable[str] = (),
) -> Items:
    """Raw collections as items, each remembering its file (``muscles.json`` by default).

    ``plain`` names the collections whose file's text is plain (see :func:`plain`).

    Raises:
        DataError: a collection is not an array of objects (unless ``problems``
            has a limit: then each problem is added to it).
    """
    problems = Problems() if problems is None else problems
    plain = frozenset(plain)
    items: Items = {}
    for collection in COLLECTIONS:
        file = (files or {}).get(collection.name, collection.file)
        records = raw.get(collection.name)
        found = items[collection.name] = Records()
        if not isinstance(records, list):
            problems.add(
                file, None, None, f"expected an array of records, got {_type_name(records)}"
            )
            continue
        found.extend(file, *_objects(file, records, problems), plain=collection.name in plain)
    return items


def build(raw: Mapping[str, object]) -> Dataset:
    """Build a Dataset from parsed JSON, one list of records per collection name.

    Raises:
        DataError: for the first problem found.
    """
    dataset = _build_items(_items(raw))
    assert dataset is not None  # noqa: S101 - without a limit, a problem raises
    return dataset


class _Keys:
    """The lookup keys of one class's records, each normalized, and who holds each.

    The keys are normalized many at a time (see :func:`_normalized`): a record's keys
    wait in :attr:`pending` until the next problem or the end of its collection, so the
    problems they have are still reported in the order of the records.
    """

    __slots__ = ("held", "keys_of", "pending")

    def __init__(self, cls: type) -> None:
        #: For each normalized key: the id of the record that has it, its file, the
        #: record (for the field, found again only for a message), the key's place in
        #: its keys, runtone's own file for its collection (comparing the two tells a
        #: pack's record from ours), and the key as written.
        self.held: dict[str, tuple[str, str, object, int, str, str]] = {}
        self.keys_of = _key_getter(cls)
        #: Records whose keys are not checked yet, each with its id and file.
        self.pending: list[tuple[object, str, str]] = []

    def check(self, own_file: str, problems: Problems) -> None:
        """Check the pending records' keys (in order) against those before them."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        keys_of, held = self.keys_of, self.held
        keys = [keys_of(record) for record, _, _ in pending]
        norms = iter(_normalized(list(itertools.chain.from_iterable(keys))))
        for (record, ident, file), texts in zip(pending, keys):
            for j, (key, norm) in enumerate(zip(texts, norms)):
                holder = held.get(norm)
                if holder is None and norm:
                    held[norm] = (ident, file, record, j, own_file, key)
                elif not norm:
                    # "-" or "_ _": nothing is left to look it up by, and ds.muscle("")
                    # must not find it.
                    problems.add(
                        file,
                        ident,
                        _key_path(record, j),
                        f"{_short(key)} has no letter or digit: it cannot be looked up",
                    )
                elif holder is not None and holder[0] != ident:
                    owner, held_file, held_record, held_j, held_own_file, text = holder
                    if file == own_file and held_file != held_own_file:
                        # Ours came later than a pack's record: the pack is at fault.
                        problems.add(
                            held_file,
                            owner,
                            _key_path(held_record, held_j),
                            f"{_short(text)} is also a name or alias of {ident!r}",
                        )
                    else:
                        problems.add(
                            file,
                            ident,
                            _key_path(record, j),
                            f"{_short(key)} is also a name or alias of {owner!r}",
                        )
                else:  # the record's own key again: the last one is kept
                    held[norm] = (ident, file, record, j, own_file, key)


def _key_getter(cls: type) -> Callable[[object], tuple[str, ...]]:
    """The keys :func:`~runtone._dataset.record_keys` gives a record of ``cls``, in order.

    Without the field each comes from, which only a message needs (:func:`_key_path`).
    """
    fields = {f.name: f.type for f in attrs.fields(cls)}
    single = ["id", *(name for name in ("name", "title") if name in fields)]
    if any(fields[name] is not str for name in single):  # pragma: no cover - none yet
        return lambda record: tuple(key for _, key in record_keys(record))
    get = operator.attrgetter(*single)
    if len(single) == 1:  # pragma: no cover - every record class has a name or title
        return lambda record: (get(record), *getattr(record, "aliases", ()))
    if "aliases" in fields:
        return lambda record: (*get(record), *record.aliases)  # type: ignore[attr-defined]
    return get


def _key_path(record: object, j: int) -> str:
    """The field of a record that its key ``j`` comes from."""
    return record_keys(record)[j][0]


def _normalized(keys: list[str]) -> list[str]:
    """``[normalize(key) for key in keys]``, normalizing all of them in one call.

    A call costs more than the work it does on one short key.  Keys are checked text,
    so none holds a NUL, and normalizing maps each character on its own (case folding,
    dropping spaces, hyphens and underscores), keeping NUL: the keys joined by NULs
    normalize to theirs joined by NULs.  Should ``normalize`` ever change that, the
    count tells (tests/test_loader_fast.py checks the rest).
    """
    if not keys:
        return []
    norms = normalize("\0".join(keys)).split("\0")
    if len(norms) != len(keys):  # pragma: no cover - normalize would have changed
        return [normalize(key) for key in keys]
    return norms


#: Stands in the registry for a record that failed to build (when problems are being
#: collected), so that the records referring to it are not blamed for its fault.
_BROKEN = object()


def _build_items(items: Items, problems: Problems | None = None) -> Dataset | None:
    """The Dataset of ``items``; None when ``problems`` has a limit and found any.

    Raises:
        DataError: for the first problem, when ``problems`` has no limit.
    """
    with paused_gc():
        return _build_all(items, Problems() if problems is None else problems)


class paused_gc:  # noqa: N801 - used as a function: ``with paused_gc():``
    """The cyclic garbage collector paused for the block (and left as it was after).

    Parsing and building make hundreds of thousands of objects and free none (JSON
    makes no cycle, nor do the records): the collector would walk them again and again
    for nothing, which cost parsing alone half as much again.
    """

    __slots__ = ("collect",)

    def __enter__(self) -> None:
        self.collect = gc.isenabled()
        gc.disable()

    def __exit__(self, *_: object) -> None:
        if self.collect:
            gc.enable()


def _attempt(cls: type, raw: object, registry: Registry) -> object:
    """:func:`_build`, or the _InvalidError it raised."""
    try:
        return _build(cls, raw, registry)
    except _InvalidError as exc:
        return exc


def _build_all(items: Items, problems: Problems) -> Dataset | None:  # noqa: C901, PLR0915 - one pass over every record, each check where it applies
    registry: dict[str, dict[str, object]] = {}
    # The same without the records that failed (the fast path finds only built ones).
    clean: dict[str, dict[str, object]] = {}

    def tables(names: tuple[str, ...]) -> Mapping[str, object]:
        """The records of ``names`` by id, for the fast path: each id as the converters find it."""
        if len(names) == 1:
            return clean.get(names[0], {})
        merged: dict[str, object] = {}
        for name in reversed(names):  # the first collection that has an id is where it is
            merged.update(registry.get(name, {}))
        return {ident: record for ident, record in merged.items() if record is not _BROKEN}

    # Lookup keys are unique across collections of one class (a strike pattern and a
    # stride effect may not share an alias: compare_strikes looks in both).
    keys_by_class: dict[type, _Keys] = {}
    files_by_collection: dict[str, dict[str, str]] = {}
    for collection in COLLECTIONS:
        cls = collection.record
        built: dict[str, object] = {}
        keys = keys_by_class.get(cls)
        if keys is None:
            keys = keys_by_class[cls] = _Keys(cls)
        pending = keys.pending
        files: dict[str, str] = {}
        # Collections of the same class share one id space.
        others = [registry[name] for name in _TARGETS.get(cls, ()) if name in registry]
        records = items[collection.name]
        own_file = collection.file
        fast = _fast(cls, tables, {})
        fast_plain = _fast(cls, tables, {}, plain=True)
        plain = records.plain
        any_broken = False
        for i, (raw, file) in enumerate(zip(records.raw, records.files)):
            record: object = None
            build = fast_plain if plain[file] else fast
            if build is not None:
                try:  # noqa: SIM105 - suppress() would cost a context manager a record
                    record = build(raw)
                except Exception:  # noqa: BLE001, S110 - the converters say what is wrong
                    pass
            if record is None:
                record = _attempt(cls, raw, registry)
            if isinstance(record, _InvalidError):
                keys.check(own_file, problems)  # the problems of the records before first
                pending = keys.pending
                problems.add(file, records.label(i), record.path, record.problem)
                broken = records.ident(i)
                if broken is not None and broken not in built:
                    built[broken] = _BROKEN
                    files[broken] = file
                    any_broken = True
                continue
            ident: str = record.id  # type: ignore[attr-defined]
            if ident in built or (others and any(ident in other for other in others)):
                keys.check(own_file, problems)
                pending = keys.pending
                problems.add(file, ident, "id", f"{ident!r} is used by another record")
                continue
            pending.append((record, ident, file))
            built[ident] = record
            files[ident] = file
        keys.check(own_file, problems)
        registry[collection.name] = built
        clean[collection.name] = (
            {ident: record for ident, record in built.items() if record is not _BROKEN}
            if any_broken
            else built
        )
        files_by_collection[collection.name] = files
        _check_same_refs(collection, built, files, problems)
    _check_later_refs(registry, files_by_collection, problems)
    if problems.total:
        return None
    return Dataset._trusted({c.name: tuple(registry[c.name].values()) for c in COLLECTIONS})  # noqa: SLF001


def _check_same_refs(
    collection: Collection,
    built: Mapping[str, object],
    files: Mapping[str, str],
    problems: Problems,
) -> None:
    """Check ids that point within the collection: they exist, and hierarchies have no cycle."""
    for field in _spec(collection.record).fields:
        if not field.same_ref:
            continue
        name = field.name
        # Each record's target, where both are records that were built.
        targets: dict[str, str] = {}
        for ident, record in built.items():
            held = None if record is _BROKEN else getattr(record, name)
            if not held:  # None or (): most records name no other
                continue
            for place, target in _ids_in(held, name):
                if target not in built:
                    problems.add(
                        files[ident],
                        ident,
                        place,
                        f"{target!r} is not the id of any record in {collection.name}",
                    )
                elif built[target] is not _BROKEN and place == name:
                    targets[ident] = target
        if name in _HIERARCHIES:  # baselines may point at each other (rearfoot <-> forefoot)
            _check_cycles(targets, files, name, problems)
    if collection.record is Exercise:
        _check_progressions(built, files, problems)


def _ids_in(value: object, name: str) -> Iterator[tuple[str, str]]:
    """The ids a field holds (one, as a muscle's group, or a list), each with its place."""
    if isinstance(value, tuple):
        for i, target in enumerate(value):
            yield field_path((name, i)), target
    elif isinstance(value, str):
        yield name, value


def _check_progressions(
    built: Mapping[str, object], files: Mapping[str, str], problems: Problems
) -> None:
    """Report a cycle in the easier-to-harder order of exercises, in linear time.

    ``a.harder`` naming ``b`` and ``b.easier`` naming ``a`` say the same thing: ``a``
    is easier than ``b``.  Each cycle is reported once, at the place in the data that
    closes it as a depth-first walk in file order meets it.
    """
    up = _progression_edges(built)
    done: set[str] = set()
    for start in up:
        if start in done:
            continue
        path: list[str] = [start]
        on_path = {start}
        edges = [iter(up[start])]
        while edges:
            step = next(edges[-1], None)
            if step is None:
                edges.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
            elif step[0] in on_path:
                node, owner, place = step
                cycle = [*path[path.index(node) :], node]
                problems.add(files[owner], owner, place, "cycle of variations: " + _chain(cycle))
            elif step[0] not in done:
                path.append(step[0])
                on_path.add(step[0])
                edges.append(iter(up.get(step[0], ())))


def _progression_edges(built: Mapping[str, object]) -> dict[str, list[tuple[str, str, str]]]:
    """For each exercise, those it is easier than: (id, whose record says so, where)."""
    up: dict[str, list[tuple[str, str, str]]] = {}
    for ident, record in built.items():
        if record is _BROKEN:
            continue
        assert isinstance(record, Exercise)  # noqa: S101 - the exercises collection
        if not (record.harder or record.easier):
            continue
        for i, other in enumerate(record.harder):
            if built.get(other, _BROKEN) is not _BROKEN:
                up.setdefault(ident, []).append((other, ident, field_path(("harder", i))))
        for i, other in enumerate(record.easier):
            if built.get(other, _BROKEN) is not _BROKEN:
                up.setdefault(other, []).append((ident, ident, field_path(("easier", i))))
    return up


def _chain(ids: list[str]) -> str:
    """``a -> b -> a`` (easier first); a long chain shows its ends."""
    if len(ids) <= _CYCLE + 1:
        return " -> ".join(ids)
    return f"{len(ids) - 1} exercises: " + " -> ".join([*ids[:3], "...", *ids[-2:]])


def _check_later_refs(
    registry: Mapping[str, Mapping[str, object]],
    files: Mapping[str, Mapping[str, str]],
    problems: Problems,
) -> None:
    """Check ids that name records of a collection built after the record's own."""
    for collection in COLLECTIONS:
        if not _holds_later(collection.record):
            continue
        for ident, record in registry[collection.name].items():
            if record is _BROKEN:
                continue
            for steps, target_collection, target in _later_ids(record, collection.record, ()):
                if target not in registry[target_collection]:
                    problems.add(
                        files[collection.name][ident],
                        ident,
                        field_path(steps),
                        f"{target!r} is not the id of any record in {target_collection}",
                    )


_HOLDS_LATER: dict[type, bool] = {}


def _holds_later(cls: type) -> bool:
    """Whether records of ``cls`` (or the values in them) may hold later ids."""
    held = _HOLDS_LATER.get(cls)
    if held is None:
        _HOLDS_LATER[cls] = False  # a value class that nests itself is not walked twice
        held = _HOLDS_LATER[cls] = any(
            f.later is not None or (f.inner is not None and _holds_later(f.inner))
            for f in _spec(cls).fields
        )
    return held


def _later_ids(
    value: object, cls: type, prefix: tuple[Step, ...]
) -> Iterator[tuple[tuple[Step, ...], str, str]]:
    """Each later id in ``value``: its path, its collection and the id."""
    for field in _spec(cls).fields:
        inner = field.inner
        if field.later is None and (inner is None or not _holds_later(inner)):
            continue
        held = getattr(value, field.name)
        if held is None:
            continue
        many = isinstance(held, tuple)
        for i, item in enumerate(held if many else (held,)):
            steps = (*prefix, field.name, i) if many else (*prefix, field.name)
            if field.later is not None:
                yield steps, field.later, item
            elif inner is not None:
                yield from _later_ids(item, inner, steps)


def _check_cycles(
    parent: Mapping[str, str], files: Mapping[str, str], field: str, problems: Problems
) -> None:
    """Report each cycle in ``parent`` once, in time linear in its size.

    Each walk up from a record stops at a record an earlier walk went through, so
    no record is walked twice.  A cycle is blamed on its first record reached, a
    record on the cycle (not one whose chain merely leads to it).
    """
    done: set[str] = set()
    for start in parent:
        if start in done:
            continue
        walk: dict[str, int] = {}  # the records of this walk, in order, and their positions
        node: str | None = start
        while node is not None and node not in done:
            if node in walk:
                cycle = list(walk)[walk[node] :]
                problems.add(files[node], node, field, _cycle_text(cycle))
                break
            walk[node] = len(walk)
            node = parent.get(node)
        done.update(walk)


def _cycle_text(cycle: list[str]) -> str:
    """``cycle: a -> b -> a``; a long cycle shows its count and its start and end."""
    ids = [*cycle, cycle[0]]
    if len(cycle) <= _CYCLE:
        return "cycle: " + " -> ".join(ids)
    shown_ids = [*ids[: _CYCLE // 2], "...", *ids[-2:]]
    return f"cycle of {len(cycle)} records: " + " -> ".join(shown_ids)


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
    with paused_gc():
        return build(read(root))


def packaged_root() -> Traversable:
    """The ``runtone/data`` traversable inside the installed package."""
    from ._resources import data_root  # noqa: PLC0415 - imported when loading

    return data_root()


# --- the packaged data ------------------------------------------------------------
# The packaged data are validated by the test suite and fingerprinted when they pass
# (``python -m runtone._schema`` writes CHECKED).  Bytes with that fingerprint are the
# bytes that passed, so they are built without checking them again; any other bytes
# (an edited file, a stale fingerprint) get the full validation of build().

#: The file holding each packaged data file's fingerprint, as last validated.
CHECKED = "checked.json"


def fingerprint(data: bytes) -> dict[str, int]:
    """A data file's fingerprint: its size and CRC-32 (enough to notice any edit)."""
    import zlib  # noqa: PLC0415 - only the packaged data's loading needs it

    return {"size": len(data), "crc32": zlib.crc32(data)}


def _trusted(blobs: Mapping[str, bytes], checked: bytes | None) -> bool:
    """Whether every file's bytes are the ones fingerprinted in ``checked``."""
    if checked is None:
        return False
    try:
        recorded = json.loads(checked)
    except ValueError:
        return False
    return isinstance(recorded, dict) and all(
        recorded.get(file) == fingerprint(data) for file, data in blobs.items()
    )


Maker = Callable[[object, Registry], object]


def _maker_for(tp: object, metadata: Mapping[object, object]) -> Maker | None:
    """What turns a known-good JSON value into the field's value (None: the value itself)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Union:
        return _maker_for(next(a for a in args if a is not type(None)), metadata)
    if origin is tuple or origin is frozenset:
        return _many(origin, _maker_for(args[0], metadata))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        members = {m.value: m for m in tp}
        return lambda value, _: members[value]
    if isinstance(tp, type) and tp in _TARGETS:
        ref = metadata.get(REF)
        return _lookup((ref,) if isinstance(ref, str) else _TARGETS[tp])
    if isinstance(tp, type) and attrs.has(tp):
        return _maker(tp)
    return None


def _many(make: Callable[[list[object]], object], inner: Maker | None) -> Maker:
    if inner is None:
        return lambda value, _: make(value)  # type: ignore[arg-type]
    return lambda value, registry: make([inner(item, registry) for item in value])  # type: ignore[attr-defined]


def _lookup(names: tuple[str, ...]) -> Maker:
    if len(names) == 1:
        (name,) = names
        return lambda value, registry: registry[name][value]  # type: ignore[index]

    def lookup(value: object, registry: Registry) -> object:
        for name in names:
            found = registry.get(name, {}).get(value)  # type: ignore[call-overload]
            if found is not None:
                return found
        raise KeyError(value)  # pragma: no cover - the data were validated

    return lookup


_MAKERS: dict[type, Maker] = {}
#: Stands for a field the JSON object leaves out (its value is then the default).
_ABSENT = object()


def _maker(cls: type) -> Maker:
    """The function that builds a ``cls`` from a known-good JSON object, made once.

    It passes every field positionally, in order: a field the object leaves out gets
    the class's default (every default of a record is a plain value), and the others
    are converted where their type asks it (an enum member, a record referred to, a
    tuple).  No code is generated: the loading modules never compile anything.
    """
    maker = _MAKERS.get(cls)
    if maker is not None:
        return maker
    fields = tuple(
        (
            field.name,
            field.default is attrs.NOTHING,
            field.default,
            _maker_for(field.type, field.metadata),
        )
        for field in attrs.fields(cls)
    )

    def make(value: object, registry: Registry) -> object:
        get = value.get  # type: ignore[attr-defined]
        arguments = []
        for name, required, default, convert in fields:
            item = value[name] if required else get(name, _ABSENT)  # type: ignore[index]
            if item is _ABSENT:
                item = default
            elif convert is not None and item is not None:
                item = convert(item, registry)
            arguments.append(item)
        return cls(*arguments)

    maker = _MAKERS[cls] = make
    return maker


def _make(cls: type, value: object, registry: Registry) -> object:
    """:func:`_build` for a value known to be valid: the same record, nothing checked."""
    return _maker(cls)(value, registry)


class _Pending(dict[str, object]):
    """A collection's records by id, each made the first time something refers to it.

    A lookup of one muscle needs the muscles and the sources they cite, a fifth of
    the sources; the rest are made when the whole collection is asked for.  Making
    a record twice would break the rule that every record exists once, so each one
    made is kept here, and the whole collection is made from this.
    """

    __slots__ = ("maker", "raw", "registry", "where")

    def __init__(
        self, maker: Maker, raw: list[dict[str, object] | None], registry: Registry
    ) -> None:
        super().__init__()
        self.maker = maker
        self.raw = raw
        self.registry = registry
        #: Each id's place in the file.
        self.where: dict[str, int] = {str(item["id"]): i for i, item in enumerate(raw) if item}

    def __missing__(self, ident: str) -> object:
        i = self.where[ident]
        record = self[ident] = self.maker(self.raw[i], self.registry)
        self.raw[i] = None  # made: its JSON is not needed again
        return record

    def get(self, ident: str, default: object = None) -> object:
        """The record, made now if it is not made yet; ``default`` if there is none."""
        return self[ident] if ident in self.where else default

    def everything(self) -> tuple[object, ...]:
        """Every record, in file order, made now where it is not made yet."""
        return tuple(self[ident] for ident in self.where)


def _make_collection(
    collection: Collection, raw: object, registry: dict[str, dict[str, object]]
) -> tuple[object, ...]:
    """Every record of ``collection`` (its parsed file, or the ones pending), registered."""
    pending = raw if isinstance(raw, _Pending) else None
    if pending is None:
        pending = _Pending(_maker(collection.record), raw, registry)  # type: ignore[arg-type]
    records = pending.everything()
    registry[collection.name] = dict(zip(pending.where, records))
    return records


#: The lock every :class:`_OnDemand` makes its collections under (one dataset uses it).
_on_demand_lock = threading.Lock()


def _after_fork_in_child() -> None:
    # A fork while another thread makes a collection would leave the child's copy of the
    # lock held for ever (that thread does not exist in the child): give it a new one.
    global _on_demand_lock  # noqa: PLW0603 - the lock is module state by design
    _on_demand_lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_after_fork_in_child)


class _Registry(dict[str, dict[str, object]]):
    """Records by collection name and id, each collection parsed when first referred to.

    A lookup of one strike pattern needs the muscles and sources it names, and no
    injury or exercise: those files are not even parsed until something refers to
    one of their records, or the whole collection is asked for.
    """

    __slots__ = ("blobs",)

    def __init__(self, blobs: dict[str, bytes]) -> None:
        super().__init__()
        #: The files of the collections not made yet, by collection name.
        self.blobs = blobs

    def __missing__(self, name: str) -> dict[str, object]:
        collection = _BY_NAME[name]
        pending = self[name] = _Pending(
            _maker(collection.record), json.loads(self.blobs[name]), self
        )
        return pending

    def get(self, name: str, default: dict[str, object] | None = None) -> dict[str, object] | None:  # type: ignore[override]
        """The collection's records by id (parsed now if need be); ``default`` if none."""
        return self[name] if name in self or name in self.blobs else default


#: Every collection by name.
_BY_NAME = {collection.name: collection for collection in COLLECTIONS}


class _OnDemand(Mapping[str, tuple[object, ...]]):
    """Known-good collections, each parsed and made when first asked for.

    Only what a collection refers to is made of the others (see :class:`_Registry`
    and :class:`_Pending`), under a lock: every record exists once, and references
    between collections are the records themselves, as :func:`build` makes them.
    """

    def __init__(self, blobs: Mapping[str, bytes]) -> None:
        # The bytes of a collection go only once its records are made: a fork while
        # another thread makes them leaves the child what it needs to make them again.
        self._registry = _Registry({c.name: blobs[c.file] for c in COLLECTIONS})
        self._made: dict[str, tuple[object, ...]] = {}

    def __getitem__(self, name: str) -> tuple[object, ...]:
        made = self._made.get(name)
        if made is not None:
            return made
        collection = _BY_NAME[name]  # KeyError for a name that is no collection's
        with _on_demand_lock:  # the module's, looked up here: a fork replaces it
            made = self._made.get(name)
            if made is not None:  # another thread made it while this one waited
                return made
            registry = self._registry
            made = self._made[name] = _make_collection(collection, registry[name], registry)
            del registry.blobs[name]
            if not registry.blobs:
                registry.clear()  # every record is made: the records hold what they need
        return made

    def __iter__(self) -> Iterator[str]:
        return (c.name for c in COLLECTIONS)

    def __len__(self) -> int:
        return len(COLLECTIONS)


def _packaged_dir() -> str | None:
    """The packaged data's directory when the package is plain files on disk, else None."""
    directory = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")  # noqa: PTH118, PTH120, PTH100 - pathlib costs more to import than the read
    return directory if os.path.isdir(directory) else None  # noqa: PTH112


def _read_bytes(root: Traversable | str, file: str) -> bytes | None:
    """One packaged file's bytes, or None when it does not exist."""
    try:
        if isinstance(root, str):
            with open(os.path.join(root, file), "rb") as stream:  # noqa: PTH118, PTH123
                return stream.read()
        entry = root / file
        return entry.read_bytes() if entry.is_file() else None
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataError(file, None, None, f"cannot be read: {exc.strerror or exc}") from None


def _packaged_bytes() -> tuple[dict[str, bytes], bytes | None]:
    """Every packaged collection file's bytes, and the fingerprints file's.

    A package installed as files on disk is read directly: importing
    :mod:`importlib.resources` costs more than reading the data.  Anywhere else (a
    zip file, another loader) the data are reached through
    ``importlib.resources.files("runtone")``.
    """
    directory = _packaged_dir()
    root: Traversable | str = packaged_root() if directory is None else directory
    blobs: dict[str, bytes] = {}
    for collection in COLLECTIONS:
        data = _read_bytes(root, collection.file)
        if data is None:
            raise DataError(collection.file, None, None, "file not found")
        blobs[collection.file] = data
    return blobs, _read_bytes(root, CHECKED)


def read_packaged() -> dict[str, object]:
    """Read and parse the packaged data files."""
    blobs, _ = _packaged_bytes()
    return {c.name: parse(c.file, blobs[c.file]) for c in COLLECTIONS}


def load_packaged() -> Dataset:
    """Load the dataset shipped inside the package.

    Raises:
        DataError: the packaged data are not the validated ones and are malformed.
    """
    blobs, checked = _packaged_bytes()
    if _trusted(blobs, checked):
        return Dataset._trusted(_OnDemand(blobs))  # noqa: SLF001 - same package
    return build({c.name: parse(c.file, blobs[c.file]) for c in COLLECTIONS})
