"""Records and results as plain JSON values, and the whole dataset as one JSON object.

The export is the contract for apps in other languages: one object with a key per
collection plus ``data_version``; each record is an object with every field of its
class (defaults included, so every record of a collection has the same keys); a
reference to another record is that record's id; a set is a sorted array.  The
JSON Schema ``runtone/data/schema/export.schema.json`` describes it, and loading
an export as a pack over no data gives back an equal :class:`~runtone.Dataset`.
"""

from __future__ import annotations

import enum
import json
from typing import TYPE_CHECKING, Union

import attrs

from ._loader import COLLECTIONS

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["JSONValue", "dumps", "export", "to_json"]

#: A value as :func:`json.loads` returns it.
JSONValue = Union[None, bool, int, float, str, list["JSONValue"], dict[str, "JSONValue"]]

#: Classes whose instances have an id and live in a collection: nested, they become ids.
_RECORDS = frozenset(c.record for c in COLLECTIONS)


def _sort_key(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    ident = getattr(value, "id", None)
    return ident if isinstance(ident, str) else repr(value)


def to_json(value: object) -> JSONValue:
    """``value`` as plain JSON values: a record's fields, with records it refers to as ids.

    >>> data = to_json(runtone.exercise("calf raise"))
    >>> data["id"], data["targets"][0]
    ('calf-raise', {'muscle': 'calves', 'role': 'primary'})
    """
    return _convert(value, top=True)


def _convert(value: object, *, top: bool) -> JSONValue:  # noqa: PLR0911 - a dispatch on type
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return _convert(value.value, top=False)
    cls = type(value)
    if attrs.has(cls):
        if cls in _RECORDS and not top:
            return _convert(getattr(value, "id"), top=False)  # noqa: B009
        return {
            field.name: _convert(getattr(value, field.name), top=False)
            for field in attrs.fields(cls)
        }
    if isinstance(value, (frozenset, set)):
        return [_convert(item, top=False) for item in sorted(value, key=_sort_key)]
    if isinstance(value, (tuple, list)):
        return [_convert(item, top=False) for item in value]
    if isinstance(value, dict):
        return {str(k): _convert(v, top=False) for k, v in value.items()}
    raise TypeError(f"cannot express a {cls.__name__} as JSON")


def export(dataset: Dataset, data_version: str) -> dict[str, JSONValue]:
    """The whole dataset as one JSON object: ``data_version`` and a key per collection."""
    result: dict[str, JSONValue] = {"data_version": data_version}
    for collection in COLLECTIONS:
        records = getattr(dataset, collection.name)
        result[collection.name] = [to_json(record) for record in records]
    return result


def dumps(value: JSONValue, *, indent: int | None = 2) -> str:
    r"""JSON text, UTF-8 friendly (no ``\\u`` escapes for non-ASCII letters)."""
    return json.dumps(value, indent=indent, ensure_ascii=False)
