"""The exceptions runtone raises."""

from __future__ import annotations

import itertools
import reprlib  # collections imports it already: it costs nothing

__all__ = ["DataError", "InvalidValueError", "ProfileError", "RuntoneError", "UnknownIdError"]


def shown(value: object, width: int = 80) -> str:
    """``repr(value)`` cut to ``width`` characters, for an error message about it.

    Bounded: the work and the memory do not grow with the value.  A string is cut
    before its repr is made, and a list, tuple, dict or set shows only as many of
    its items (and as deep) as can fit in ``width``, so ``shown("x" * 10**8)`` is
    as cheap as ``shown("x")``.  Safe for any value: an int too long to print
    (Python refuses past 4,300 digits) or an object whose ``repr()`` fails is
    named by its type instead, so that building the message never raises an
    error of its own.

    >>> shown("calves"), shown(10**5000), shown("x" * 100, 5)
    ("'calves'", '<an int too long to show>', "'xxxx")
    """
    try:
        text = _bounded_repr(value, max(width, 0))
    except Exception:  # noqa: BLE001 - any failure to describe a value gets the same answer
        name = type(value).__name__
        text = f"<{'an' if name[:1] in 'aeiou' else 'a'} {name} too long to show>"
    return text[:width]


#: Containers that :func:`shown` abbreviates (their exact types: a subclass may repr itself).
_CONTAINERS = (list, tuple, dict, set, frozenset)


def _bounded_repr(value: object, width: int) -> str:
    """A repr of ``value`` whose first ``width`` characters are those of ``repr(value)``.

    Whatever lies beyond ``width`` may be abbreviated: the caller cuts it off.
    """
    if isinstance(value, str) and value.__class__ is str:
        # One character more than fits: the repr of the cut string still shows that
        # the string goes on.  (The quote may differ from repr(value)'s if the rest
        # holds a quote: for a message that is as good.)
        return repr(value[: width + 1])
    if value.__class__ not in _CONTAINERS:
        return repr(value)
    return _Short(width).repr(value)


class _Short(reprlib.Repr):
    """:mod:`reprlib` with limits that abbreviate only what lies past ``width``."""

    def __init__(self, width: int) -> None:
        super().__init__()
        # An item takes at least 3 characters (", " and itself) and a level 2 ("[" and
        # "]"), so the first ``width`` characters are those of the full repr.
        many = width // 3 + 2
        self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = many
        self.maxdict = width // 6 + 2
        self.maxlevel = width // 2 + 2
        self.width = width + 2

    # reprlib keeps the end of a long string or int too; a message needs only the start.
    def repr_str(self, x: str, level: int) -> str:  # noqa: ARG002 - reprlib's signature
        return repr(x[: self.width])[: self.width]

    def repr_int(self, x: int, level: int) -> str:  # noqa: ARG002
        return repr(x)[: self.width]

    def repr_instance(self, x: object, level: int) -> str:  # noqa: ARG002
        return repr(x)[: self.width]

    def repr_dict(self, x: dict[object, object], level: int) -> str:
        # reprlib sorts the keys; repr keeps their order.
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        items = [
            f"{self.repr1(key, level - 1)}: {self.repr1(value, level - 1)}"
            for key, value in itertools.islice(x.items(), self.maxdict)
        ]
        more = ", ..." if len(x) > self.maxdict else ""
        return "{" + ", ".join(items) + more + "}"


def singular(collection: str) -> str:
    """What one record of a collection is called: ``"injuries"`` -> ``"injury"``."""
    if collection.endswith("ies"):
        return collection[:-3] + "y"
    return collection.removesuffix("s").replace("_", " ")


#: The longest quotation of a key or field path in a message.
_QUOTED = 100


def _quoted(text: str) -> str:
    """``repr(text)``, or its start and ``...`` when it is longer than :data:`_QUOTED`."""
    if len(text) <= _QUOTED:
        return repr(text)
    return shown(text, _QUOTED - 3) + "..."


class RuntoneError(Exception):
    """Base class of every error runtone raises on purpose."""


class DataError(RuntoneError, ValueError):
    """The data is malformed: nothing was loaded.

    The message names the file, the record (by id, or by index when it has no
    usable id) and the field, e.g.
    ``muscles.json: record 'calves': field 'actions': 'ankle_flexion' is not one of ...``.

    Attributes:
        file: The data file, e.g. ``"muscles.json"``.
        record: The record's id, or ``"#3"`` for the fourth record, or ``None``
            when the error is about the file as a whole.
        field: The field's path within the record (``"targets[0].muscle"``; a key
            that is not an identifier is quoted, ``'findings[0]["we.ird"]'``), or
            ``None``.
        problem: What is wrong, without the location.
    """

    def __init__(
        self,
        file: str,
        record: str | None,
        field: str | None,
        problem: str,
    ) -> None:
        self.file = file
        self.record = record
        self.field = field
        self.problem = problem
        # A name with outer spaces (or only spaces) is quoted, so that it can be seen.
        parts = [file if file and file == file.strip() else repr(file)]
        if record is not None:
            parts.append(
                f"record {record}" if record.startswith("#") else f"record {_quoted(record)}"
            )
        if field is not None:
            parts.append(f"field {_quoted(field)}")
        parts.append(problem)
        super().__init__(": ".join(parts))

    def __reduce__(self) -> tuple[type[DataError], tuple[str, str | None, str | None, str]]:
        return (DataError, (self.file, self.record, self.field, self.problem))


class UnknownIdError(RuntoneError, LookupError):
    """No record answers to the key asked for.

    Attributes:
        key: What was asked for, exactly as given.
        collection: The collection that was searched, e.g. ``"muscles"``.
        suggestions: Ids of up to three records whose names are close to ``key``.
        field: The argument or field the key was given for, or ``None``.
    """

    def __init__(
        self,
        key: str,
        collection: str,
        suggestions: tuple[str, ...] = (),
        field: str | None = None,
    ) -> None:
        self.key = key
        self.collection = collection
        self.suggestions = suggestions
        self.field = field
        # The key is the caller's and may be of any length: the message quotes its start.
        message = f"no {singular(collection)} {_quoted(key)}"
        if field is not None:
            message = f"{field}: {message}"
        if suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
        super().__init__(message)

    def __reduce__(
        self,
    ) -> tuple[type[UnknownIdError], tuple[str, str, tuple[str, ...], str | None]]:
        return (UnknownIdError, (self.key, self.collection, self.suggestions, self.field))

    def __str__(self) -> str:
        # LookupError's str() is the plain message; keep it so (KeyError would repr it).
        return str(self.args[0])


class InvalidValueError(RuntoneError, ValueError):
    """A value given to runtone is not one it allows: unknown, out of range, or malformed.

    Every bad value an argument or a field can hold raises this (or its subclass
    :class:`ProfileError`), and a value of the wrong type raises :class:`TypeError`.
    The message starts with the argument or field, e.g.
    ``level: 'beginer' is not one of 'beginner', 'intermediate', 'advanced'; did you
    mean 'beginner'?``.

    Attributes:
        field: The argument or field, e.g. ``"level"``.
        problem: What is wrong, without the field.
        suggestions: Up to three allowed values close to the one given, closest
            first (empty when none is close, or the value is not a word).
    """

    def __init__(self, field: str, problem: str, suggestions: tuple[str, ...] = ()) -> None:
        self.field = field
        self.problem = problem
        self.suggestions = suggestions
        super().__init__(f"{field}: {problem}")

    def __reduce__(
        self,
    ) -> tuple[type[InvalidValueError], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (self.field, self.problem, self.suggestions))


class ProfileError(InvalidValueError):
    """A value given for a profile or a plan is out of range or not allowed.

    An :class:`InvalidValueError` (so also a :class:`ValueError`) raised by
    :class:`~runtone.Profile`, :func:`~runtone.recommend`, :func:`~runtone.plan` and
    :func:`~runtone.plan_chart` (a week the plan does not have).

    Attributes:
        field: The field or argument, e.g. ``"minutes_per_session"``.
        problem: What is wrong, without the field.
        suggestions: Up to three allowed values close to the one given.
    """
