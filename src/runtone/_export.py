"""Records and results as plain JSON values, and the whole dataset as one JSON object.

The export is the contract for apps in other languages: one object with a key per
collection plus ``data_version``; each record is an object with every field of its
class (defaults included, so every record of a collection has the same keys); a
reference to another record is that record's id; a set is a sorted array.  The
JSON Schema ``runtone/data/schema/export.schema.json`` describes it, and loading
an export as a pack over no data gives back an equal :class:`~runtone.Dataset`.

:func:`to_json` gives the same shape for one record, and for the results built
on records (suggestions, plans, comparisons, profiles): every field of the
object, a record it refers to as its id.  The schemas ``plan``, ``suggestions``,
``comparison`` and ``profile`` in ``runtone/data/schema/`` describe those.
"""

from __future__ import annotations

import enum
import json
import math
import re
from collections.abc import Mapping
from typing import Union

import attrs

from ._dataset import Dataset
from ._default import DATA_VERSION
from ._loader import COLLECTIONS

__all__ = ["JSONValue", "dumps", "export", "to_json"]

#: A value as :func:`json.loads` returns it.
JSONValue = Union[None, bool, int, float, str, list["JSONValue"], dict[str, "JSONValue"]]

#: Classes whose instances have an id and live in a collection: nested, they become ids.
_RECORDS = frozenset(c.record for c in COLLECTIONS)


def _set_order(item: JSONValue) -> tuple[bool, str]:
    """Sets become sorted arrays: text (ids, enum values) by itself, anything else by its JSON."""
    if isinstance(item, str):
        return (False, item)
    return (True, json.dumps(item, sort_keys=True))


#: Integers with more bits than this have more digits than ``json.dumps`` will write (4,300).
_MAX_BITS = 14_000

#: A surrogate code point: no UTF-8 text holds one, and JSON would join a pair into one.
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Unexpressible(Exception):  # noqa: N818 - private, never escapes to_json
    """Something in the value has no JSON form; ``path`` says where, innermost first."""

    def __init__(self, error: type[Exception], what: str) -> None:
        super().__init__(what)
        self.error = error
        self.what = what
        self.path: list[str] = []


def to_json(obj: object) -> JSONValue:
    """``obj`` as plain JSON values: every field, with records it refers to as ids.

    ``obj`` is a record (:class:`~runtone.Muscle`, ...), a result
    (:class:`~runtone.Suggestion`, :class:`~runtone.Plan`,
    :class:`~runtone.StrikeComparison`, ...), a :class:`~runtone.Profile`, a
    :class:`~runtone.Dataset` (which gives what :func:`runtone.export` gives),
    or a tuple or list of them (which gives a list, item by item, so
    ``to_json(recommend(p))`` and ``to_json(ds.muscles)`` work).  Inside an
    object, a record of a collection becomes its id, an enum its value, a set a
    sorted array and any other runtone object an object of its fields.  The
    result is new on every call and ``json.dumps`` always accepts it.

    >>> data = to_json(runtone.exercise("calf raise"))
    >>> data["id"], data["targets"][0]
    ('calf-raise', {'muscle': 'calves', 'role': 'primary'})

    Raises:
        TypeError: ``obj`` (or something inside it) is not a runtone object or a
            plain JSON value; the message says where (``obj[2].value: ...``) and
            names its type.
        ValueError: a float in it is not finite (JSON has no NaN or infinity),
            an integer has more digits than ``json.dumps`` writes, or a string
            holds a surrogate code point (it is not Unicode text).
    """
    try:
        if isinstance(obj, (tuple, list)):
            return [_item(item, i, top=True) for i, item in enumerate(obj)]
        return _convert(obj, top=True)
    except _Unexpressible as exc:
        where = "obj" + "".join(reversed(exc.path))
        raise exc.error(f"{where}: cannot express {exc.what} as JSON") from None


def _item(value: object, where: object, *, top: bool = False) -> JSONValue:
    """``_convert(value)``, adding ``[where]`` to the path of what cannot be expressed."""
    try:
        return _convert(value, top=top)
    except _Unexpressible as exc:
        exc.path.append(f"[{where!r}]")
        raise


def _text(value: str) -> str:
    """``value``, if it is Unicode text: a surrogate code point is half a UTF-16 pair."""
    if not value.isascii() and _SURROGATE.search(value):
        raise _Unexpressible(ValueError, "a string holding a surrogate code point")
    return value


def _convert(value: object, *, top: bool) -> JSONValue:  # noqa: C901, PLR0911, PLR0912 - a dispatch on type
    if isinstance(value, str):
        return _text(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if value.bit_length() > _MAX_BITS:
            raise _Unexpressible(ValueError, f"an integer of {value.bit_length()} bits")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Unexpressible(ValueError, f"the float {value!r}")
        return value
    if isinstance(value, enum.Enum):
        return _convert(value.value, top=False)
    cls = type(value)
    if top and isinstance(value, Dataset):
        return dict(export(value, DATA_VERSION))
    if attrs.has(cls) and cls.__module__.startswith("runtone."):  # a record or a result
        if cls in _RECORDS and not top:
            return _convert(getattr(value, "id"), top=False)  # noqa: B009
        fields: dict[str, JSONValue] = {}
        name = ""
        try:
            for field in attrs.fields(cls):
                name = field.name
                fields[name] = _convert(getattr(value, name), top=False)
        except _Unexpressible as exc:
            exc.path.append(f".{name}")
            raise
        return fields
    if isinstance(value, (frozenset, set)):
        try:
            items = [_convert(item, top=False) for item in value]
        except _Unexpressible as exc:
            exc.path.append("{...}")  # a set's items have no place to name
            raise
        return sorted(items, key=_set_order)
    if isinstance(value, (tuple, list)):
        return [_item(item, i) for i, item in enumerate(value)]
    if isinstance(value, Mapping):
        result: dict[str, JSONValue] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unexpressible(TypeError, f"a key of type {_type_name(type(key))}")
            result[_text(key)] = _item(item, key)
        return result
    raise _Unexpressible(TypeError, f"a value of type {_type_name(cls)}")


def _type_name(cls: type) -> str:
    """``cls`` as a reader would write it: ``object``, ``datetime.date``, ``runtone.Dataset``."""
    if cls.__module__ == "builtins":
        return cls.__qualname__
    module = "runtone" if cls.__module__.startswith("runtone.") else cls.__module__
    return f"{module}.{cls.__qualname__}"


def export(dataset: Dataset, data_version: str) -> dict[str, JSONValue]:
    """The whole dataset as one JSON object: ``data_version`` and a key per collection."""
    result: dict[str, JSONValue] = {"data_version": data_version}
    for collection in COLLECTIONS:
        records = getattr(dataset, collection.name)
        try:
            result[collection.name] = [_item(r, i, top=True) for i, r in enumerate(records)]
        except _Unexpressible as exc:  # pragma: no cover - the loader admits only JSON values
            where = f"dataset.{collection.name}" + "".join(reversed(exc.path))
            raise exc.error(f"{where}: cannot express {exc.what} as JSON") from None
    return result


def dumps(value: JSONValue, *, indent: int | None = 2) -> str:
    r"""JSON text, UTF-8 friendly (no ``\\u`` escapes for non-ASCII letters)."""
    return json.dumps(value, indent=indent, ensure_ascii=False)
