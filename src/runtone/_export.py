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

import contextlib
import enum
import json
import math
import re
from collections.abc import Mapping
from typing import Any, Callable, Union, cast

import attrs

from ._dataset import Dataset
from ._default import DATA_VERSION
from ._loader import COLLECTIONS, paused_gc

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
            return [_top(item, i) for i, item in enumerate(obj)]
        return _top(obj, None)
    except _Unexpressible as exc:
        where = "obj" + "".join(reversed(exc.path))
        raise exc.error(f"{where}: cannot express {exc.what} as JSON") from None


def _top(value: object, where: object) -> JSONValue:
    """``value`` converted as the top of a result (a record is its fields, not its id).

    The quick way first (:data:`_QUICK`); if it meets something it cannot express,
    the careful way again from ``value``, which raises with the path to it
    (``where`` is its index in a list, if it is in one).
    """
    if not isinstance(value, Dataset):
        fields = _FIELDS[type(value)]
        if fields is not None:
            try:
                return fields(value)
            except _Unexpressible:
                pass  # the careful way says where
    return _convert(value, top=True) if where is None else _item(value, where, top=True)


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
        return export(value, DATA_VERSION)
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


# --- the quick way: what _convert does, one function per class, no path kept ------------

#: Converts a value below the top as :func:`_convert` does, chosen by its exact class;
#: raises :class:`_Unexpressible` (with no path) where :func:`_convert` would.
Converter = Callable[[Any], JSONValue]


def _same(value: bool | None) -> JSONValue:
    return value


def _int(value: int) -> JSONValue:
    if value.bit_length() > _MAX_BITS:
        raise _Unexpressible(ValueError, "a long integer")  # the careful way words it
    return value


def _float(value: float) -> JSONValue:
    if not math.isfinite(value):
        raise _Unexpressible(ValueError, "a float")
    return value


def _enum(value: enum.Enum) -> JSONValue:
    plain = value.value
    return _QUICK[type(plain)](plain)


def _list(value: tuple[object, ...] | list[object]) -> JSONValue:
    quick = _QUICK
    return [quick[type(item)](item) for item in value]


def _set(value: frozenset[object] | set[object]) -> JSONValue:
    quick = _QUICK
    return sorted([quick[type(item)](item) for item in value], key=_set_order)


def _careful(value: object) -> JSONValue:
    return _convert(value, top=False)


def _record_id(value: object) -> JSONValue:
    ident = getattr(value, "id")  # noqa: B009
    return _QUICK[type(ident)](ident)


def _object(cls: type) -> Converter:
    """The converter of an object of the runtone class ``cls``: an object of its fields."""
    names = tuple(f.name for f in attrs.fields(cast("type[attrs.AttrsInstance]", cls)))

    def fields(value: object) -> JSONValue:
        quick = _QUICK
        out: dict[str, JSONValue] = {}
        for name in names:
            item = getattr(value, name)
            out[name] = quick[type(item)](item)
        return out

    return fields


def _runtone(cls: type) -> bool:
    return attrs.has(cls) and cls.__module__.startswith("runtone.")


def _converter(cls: type) -> Converter:  # noqa: PLR0911 - _convert's branches, in its order
    if issubclass(cls, str):
        return _text if cls is str else _careful
    if cls is type(None) or issubclass(cls, bool):
        return _same
    if issubclass(cls, int):
        return _int if cls is int else _careful
    if issubclass(cls, float):
        return _float if cls is float else _careful
    if issubclass(cls, enum.Enum):
        return _enum
    if _runtone(cls):
        return _record_id if cls in _RECORDS else _object(cls)
    if cls is frozenset or cls is set:
        return _set
    if cls is tuple or cls is list:
        return _list
    return _careful  # a mapping, a subclass, or what JSON cannot hold


def _kept(cls: type) -> bool:
    """Whether a table keeps what it works out for ``cls``.

    Only runtone's classes and the builtins: a program making classes without end
    cannot fill the tables.
    """
    return cls.__module__ == "builtins" or cls.__module__.startswith("runtone.")


class _Converters(dict[type, Converter]):
    """The converter of each class below the top, made when the class is first met."""

    def __missing__(self, cls: type) -> Converter:
        made = _converter(cls)
        if _kept(cls):
            self[cls] = made
        return made


class _TopFields(dict[type, Union[Converter, None]]):
    """At the top, a runtone object's fields (a record's too); None for anything else."""

    def __missing__(self, cls: type) -> Converter | None:
        made = _object(cls) if _runtone(cls) else None
        if _kept(cls):
            self[cls] = made
        return made


_QUICK = _Converters()
_FIELDS = _TopFields()


#: How many datasets' JSON texts :func:`export` keeps (the newest); each holds its dataset.
_KEEP = 4
#: The JSON text of each dataset exported more than once, by the dataset's ``id``: the
#: dataset (so that its id is not reused while the entry stands), the data version
#: and the text.  A dataset cannot be weakly referenced, so the table is kept small.
_texts: dict[int, tuple[Dataset, str, str]] = {}
#: The datasets exported once, by ``id`` (with each, so that its id stays its own).
_exported_once: dict[int, Dataset] = {}


def export(dataset: Dataset, data_version: str) -> dict[str, JSONValue]:
    """The whole dataset as one JSON object: ``data_version``, ``locale``, a key per collection.

    The object is new on every call.  A dataset is immutable, so its export is the
    same every time: the second export of a dataset keeps its JSON text, and later
    ones are that text parsed again (by :func:`json.loads`, in C), which gives equal,
    new objects in about half the time of converting the records again.  A dataset
    exported once keeps nothing but its place in a short table.  The garbage
    collector is paused while the objects are made, as the loader pauses it: they
    hold no cycle, and it would only walk them again and again.
    """
    key = id(dataset)
    kept = _texts.get(key)
    if kept is not None and kept[0] is dataset and kept[1] == data_version:
        with paused_gc():  # tens of thousands of new dicts and lists, none in a cycle
            return cast("dict[str, JSONValue]", json.loads(kept[2]))
    with paused_gc():
        result = _export(dataset, data_version)
    if _exported_once.get(key) is dataset:
        _keep(_texts, key, (dataset, data_version, json.dumps(result)))
    else:
        _keep(_exported_once, key, dataset)
    return result


def _keep(table: dict[int, Any], key: int, value: object) -> None:
    """Put ``value`` in ``table``, dropping the oldest entries beyond :data:`_KEEP`."""
    table[key] = value
    with contextlib.suppress(RuntimeError, StopIteration, KeyError):  # another thread's change
        while len(table) > _KEEP:
            del table[next(iter(table))]


def _export(dataset: Dataset, data_version: str) -> dict[str, JSONValue]:
    """:func:`export`'s object, converted from the records."""
    result: dict[str, JSONValue] = {"data_version": data_version, "locale": dataset.locale}
    for collection in COLLECTIONS:
        records = getattr(dataset, collection.name)
        try:
            result[collection.name] = [_top(r, i) for i, r in enumerate(records)]
        except _Unexpressible as exc:  # pragma: no cover - the loader admits only JSON values
            where = f"dataset.{collection.name}" + "".join(reversed(exc.path))
            raise exc.error(f"{where}: cannot express {exc.what} as JSON") from None
    return result


def dumps(value: JSONValue, *, indent: int | None = 2) -> str:
    r"""JSON text, UTF-8 friendly (no ``\\u`` escapes for non-ASCII letters)."""
    return json.dumps(value, indent=indent, ensure_ascii=False)
