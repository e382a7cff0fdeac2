"""Short reprs for every runtone object: ``<Class key: details>``, never nested records.

A record or result can hold hundreds of other records (a 52-week plan holds its
profile, its suggestions and every session, each with its exercises and their
sources), so a repr that spelled them out ran to hundreds of megabytes.  Every
repr here names the object and tells it apart in at most :data:`LIMIT` characters:

- ``<Muscle 'quadriceps'>``: a record of a collection, by its id;
- ``<Target 'calves': role=primary>``: the class, the key that tells it apart
  (the ids or values it is about), then a few details;
- ``<Plan: 4 weeks, 9 suggestions, 0 adjustments, 1 notes>``: an object with no key
  puts a colon after its class name, as :class:`~runtone.Dataset` does.

A detail is ``name=value`` for a single value (a record as its id, an enum as its
value, text in quotes) and ``N name`` for a collection, which is never spelt out.
Text longer than :data:`TEXT` characters is cut, with ``...`` after the quote.
"""

from __future__ import annotations

import enum
from collections.abc import Collection

__all__ = ["LIMIT", "TEXT", "describe", "quote"]

#: The longest repr of any runtone object; tests check it over generated objects.
LIMIT = 300

#: The most characters of a text or an id that a repr shows: an id has at most 80,
#: so every id is shown whole.
TEXT = 80

#: The most characters of an enum's value that a repr shows (runtone's are shorter).
_ENUM = 40

#: Integers with more digits than this are shown by their size, not their digits.
_DIGITS = 15


def quote(text: str) -> str:
    """``repr(text)`` for at most :data:`TEXT` characters of it, and ``...`` if cut."""
    shown = repr(text[:TEXT])
    if len(text) <= TEXT and len(shown) <= TEXT + 2:
        return shown
    size = TEXT
    while len(shown) > TEXT + 2:  # escapes (\x1b, \U0001f3c3) make a repr longer
        size //= 2
        shown = repr(text[:size])
    return shown + "..."


def _value(value: object) -> str:  # noqa: PLR0911 - a dispatch on type
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        if -(10**_DIGITS) < value < 10**_DIGITS:
            return repr(value)
        return f"<a {value.bit_length()}-bit number>"
    if isinstance(value, enum.Enum):
        return str(value.value)[:_ENUM]
    ident = getattr(value, "id", None)
    if isinstance(ident, str):  # a record of a collection
        return quote(ident)
    if type(value).__module__.startswith("runtone."):  # a result: its own short repr
        return repr(value)
    return f"<{type(value).__qualname__}>"  # pragma: no cover - runtone holds no other


def _detail(name: str, value: object) -> str:
    if isinstance(value, Collection) and not isinstance(value, str):  # tuples, sets, mappings
        return f"{len(value)} {name}"
    return f"{name}={_value(value)}"


def describe(obj: object, key: tuple[str, ...] = (), details: tuple[str, ...] = ()) -> str:
    """``<Class key: details>`` for ``obj``, from the named attributes.

    Args:
        obj: The object.
        key: Attributes that tell it apart, shown as values.
        details: Attributes shown as ``name=value``, or ``N name`` for a collection.

    Returns:
        The repr, at most :data:`LIMIT` characters for any runtone object.
    """
    head = type(obj).__qualname__
    if key:
        head += " " + " ".join(_value(getattr(obj, name)) for name in key)
    if not details:
        return f"<{head}>"
    return f"<{head}: {', '.join(_detail(name, getattr(obj, name)) for name in details)}>"
