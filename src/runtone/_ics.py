"""A dependency-free iCalendar (RFC 5545) writer for all-day events.

The plan engine will write a plan's sessions as a calendar that a calendar app
imports; this module knows nothing of plans.  It writes what RFC 5545 asks of a
``VCALENDAR`` of all-day ``VEVENT`` components: ``TEXT`` values escaped
(backslash, semicolon, comma and newline), lines ended by CRLF and folded so
that no line is longer than 75 octets, never inside a UTF-8 character.

The output is deterministic: the same events give the same bytes.  ``DTSTAMP``
(when the event's iCalendar object was made, which RFC 5545 requires) is not the
clock's time but midnight UTC at the start of the earliest event's first day,
unless the caller gives ``stamp``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from .errors import InvalidValueError, shown

__all__ = ["CalendarEvent", "calendar"]

#: The product identifier ``calendar()`` writes unless told otherwise (RFC 5545, 3.7.3).
PRODUCT_ID = "-//runtone//runtone//EN"

#: The longest physical line, in octets without its CRLF (RFC 5545, 3.1).
LINE_OCTETS = 75

#: The characters a TEXT value escapes with a backslash, and how (RFC 5545, 3.3.11).
_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})

#: Control characters a value may hold: tab as it is, newline escaped as ``\n``.
_ALLOWED_CONTROLS = frozenset("\t\n")


def _bad_character(text: str) -> str | None:
    """The first character of ``text`` that no iCalendar value may hold, or ``None``.

    Those are the control characters (Unicode category Cc: U+0000 to U+001F, U+007F
    to U+009F) other than tab and newline, and lone surrogates (no UTF-8 for them).
    """
    for char in text:
        code = ord(char)
        if char in _ALLOWED_CONTROLS:
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:  # noqa: PLR2004
            return char
    return None


def _check_text(field: str, value: object, *, empty: bool = True) -> str:
    """``value`` if it is a string an iCalendar TEXT value can hold.

    Args:
        field: The argument or field, for the error message.
        value: The value given.
        empty: Whether an empty (or all-whitespace) string is allowed.

    Returns:
        ``value``, unchanged.

    Raises:
        TypeError: ``value`` is not a string.
        InvalidValueError: ``value`` holds a control character or a lone surrogate,
            or is empty where ``empty`` is false.
    """
    if not isinstance(value, str):
        msg = f"{field}: expected a string, got {type(value).__name__} {shown(value)}"
        raise TypeError(msg)
    if not empty and not value.strip():
        raise InvalidValueError(field, f"{shown(value)} is empty; it needs a visible character")
    bad = _bad_character(value)
    if bad is not None:
        raise InvalidValueError(
            field,
            f"holds the control character U+{ord(bad):04X} at index {value.index(bad)}, "
            "which an iCalendar value cannot hold (only tab and newline are allowed)",
        )
    return value


def _check_date(field: str, value: object) -> dt.date:
    """``value`` if it is a calendar date (not a date and time).

    Raises:
        TypeError: ``value`` is not a :class:`datetime.date`, or is a
            :class:`datetime.datetime` (the events are all-day).
    """
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        msg = (
            f"{field}: expected a datetime.date (events are all-day), "
            f"got {type(value).__name__} {shown(value)}"
        )
        raise TypeError(msg)
    return value


def _uid(value: object) -> str:
    return _check_text("uid", value, empty=False)


def _start(value: object) -> dt.date:
    return _check_date("start", value)


def _end(value: object) -> dt.date | None:
    return None if value is None else _check_date("end", value)


def _days(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"days: expected an int, got {type(value).__name__} {shown(value)}"
        raise TypeError(msg)
    if value < 1:
        raise InvalidValueError("days", f"{value} is not a number of days; it must be 1 or more")
    return value


def _summary(value: object) -> str:
    return _check_text("summary", value)


def _description(value: object) -> str:
    return _check_text("description", value)


def _categories(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        msg = f"categories: expected an iterable of strings, got {type(value).__name__}"
        raise TypeError(msg)
    return tuple(
        _check_text(f"categories[{index}]", item, empty=False) for index, item in enumerate(value)
    )


@attrs.frozen(kw_only=True)
class CalendarEvent:
    """One all-day event of a calendar: a ``VEVENT`` of :func:`calendar`.

    The event lasts from ``start`` for ``days`` days, or up to ``end``; give one of
    the two, or neither for a one-day event.  Every argument is keyword-only.

    Attributes:
        uid: The event's identifier, unique within its calendar; a calendar app
            that imports the file again updates the event of the same uid instead
            of adding a copy, so it should stay the same across exports (e.g.
            ``"plan-week-3-day-2@runtone"``).  Not empty.
        start: The event's first day.
        summary: The event's title (any text; newlines are kept).
        description: The event's notes (any text; newlines are kept).
        end: The day after the event's last day, as RFC 5545's ``DTEND`` counts
            (exclusive): a one-day event on 3 March ends on 4 March.  Later than
            ``start``.  ``None`` when ``days`` gives the length instead.
        days: How many days the event lasts (1 or more), or ``None`` when ``end``
            gives it instead.
        categories: The event's categories, each a non-empty string (written as
            ``CATEGORIES``, left out when empty).

    Raises:
        InvalidValueError: An empty ``uid`` or category, a control character
            (other than tab and newline) in any text, ``days`` below 1, both
            ``end`` and ``days`` given, or an ``end`` that is not after ``start``.
        TypeError: A value of the wrong type, e.g. a :class:`datetime.datetime`
            for ``start`` (the events are all-day).
    """

    uid: str = attrs.field(converter=_uid)
    start: dt.date = attrs.field(converter=_start)
    summary: str = attrs.field(converter=_summary)
    description: str = attrs.field(default="", converter=_description)
    end: dt.date | None = attrs.field(default=None, converter=_end)
    days: int | None = attrs.field(default=None, converter=_days)
    categories: tuple[str, ...] = attrs.field(default=(), converter=_categories)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.days is not None:
            raise InvalidValueError(
                "end", "give end or days, not both: each says how long the event lasts"
            )
        if self.end is not None and self.end <= self.start:
            raise InvalidValueError(
                "end",
                f"{self.end.isoformat()} is not after start {self.start.isoformat()}; end is "
                "the day after the event's last day (exclusive), as in RFC 5545",
            )

    @property
    def stop(self) -> dt.date:
        """The day after the event's last day: its ``DTEND``, from ``end`` or ``days``."""
        if self.end is not None:
            return self.end
        return self.start + dt.timedelta(days=1 if self.days is None else self.days)


def escape(text: str) -> str:
    r"""``text`` as an RFC 5545 TEXT value: ``\``, ``;``, ``,`` and newline escaped.

    >>> escape("Easy run; 30 min, flat\nthen strides")
    'Easy run\\; 30 min\\, flat\\nthen strides'
    """
    return text.translate(_ESCAPES)


def fold(line: str) -> str:
    r"""``line`` folded for RFC 5545: no physical line longer than 75 octets of UTF-8.

    A line too long is cut before the character that would take it past 75 octets
    (never inside a character's UTF-8 bytes) and goes on after CRLF and a space;
    the space counts towards the next line's 75 octets.  The result ends in CRLF.

    >>> fold("X" * 80).split("\r\n")
    ['XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', ' XXXXX', '']
    """
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    for char in line:
        size = len(char.encode("utf-8"))
        if used + size > LINE_OCTETS:
            pieces.append("".join(current))
            current = [" "]
            used = 1
        current.append(char)
        used += size
    pieces.append("".join(current))
    return "\r\n".join(pieces) + "\r\n"


def _stamp(stamp: object, events: tuple[CalendarEvent, ...]) -> str:
    """The ``DTSTAMP`` value: ``stamp`` in UTC, or midnight UTC of the earliest start."""
    if stamp is None:
        return _date(min(event.start for event in events)) + "T000000Z"
    if not isinstance(stamp, dt.datetime):
        msg = f"stamp: expected a datetime.datetime, got {type(stamp).__name__} {shown(stamp)}"
        raise TypeError(msg)
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise InvalidValueError(
            "stamp", f"{stamp.isoformat()} has no time zone; give an aware datetime (e.g. UTC)"
        )
    utc = stamp.astimezone(dt.timezone.utc)
    return f"{_date(utc.date())}T{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z"


def _date(day: dt.date) -> str:
    """``day`` as an RFC 5545 DATE, ``YYYYMMDD`` (strftime pads no year below 1000 on Linux)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _events(events: object) -> tuple[CalendarEvent, ...]:
    """``events`` as a tuple, checked: at least one, each a :class:`CalendarEvent`."""
    if isinstance(events, (str, bytes)) or not isinstance(events, Iterable):
        msg = f"events: expected an iterable of CalendarEvent, got {type(events).__name__}"
        raise TypeError(msg)
    checked: list[CalendarEvent] = []
    for index, event in enumerate(events):
        if not isinstance(event, CalendarEvent):
            msg = f"events[{index}]: expected a CalendarEvent, got {type(event).__name__}"
            raise TypeError(msg)
        checked.append(event)
    if not checked:
        raise InvalidValueError("events", "no events; a calendar needs at least one (RFC 5545)")
    return tuple(checked)


def calendar(
    events: Iterable[CalendarEvent],
    *,
    product_id: str = PRODUCT_ID,
    name: str | None = None,
    stamp: dt.datetime | None = None,
) -> str:
    r"""An iCalendar (RFC 5545) file of all-day events, as text with CRLF line endings.

    A ``VCALENDAR`` with ``VERSION:2.0``, ``PRODID``, ``CALSCALE:GREGORIAN`` (and
    the calendar's ``NAME``, RFC 7986, and ``X-WR-CALNAME``, which most apps read,
    when ``name`` is given), then one ``VEVENT`` per event in the order given, each
    with ``UID``, ``DTSTAMP``, ``DTSTART;VALUE=DATE``, ``DTEND;VALUE=DATE``
    (exclusive), ``SUMMARY``, ``DESCRIPTION`` and, when it has any, ``CATEGORIES``.
    Write it to a file as UTF-8 with ``newline=""`` so that the CRLFs stay as they are.

    The same arguments give the same text: ``DTSTAMP`` is ``stamp`` if given, else
    midnight UTC at the start of the earliest event's first day, not the time now.

    Args:
        events: The events, at least one, with distinct uids.
        product_id: The ``PRODID``: who made the file (RFC 5545 suggests the form
            ``-//owner//product//language``).  Not empty.
        name: The calendar's name as an app shows it, or ``None`` for none.
        stamp: The ``DTSTAMP`` of every event, a timezone-aware datetime (written
            in UTC, to the second), or ``None`` for the default above.

    Returns:
        The calendar's text; every line ends in CRLF and has at most 75 octets.

    Raises:
        InvalidValueError: No events, two events with the same uid, an empty
            ``product_id`` or ``name``, a control character (other than tab and
            newline) in them, or a ``stamp`` without a time zone.
        TypeError: An event that is not a :class:`CalendarEvent`, or another value
            of the wrong type.

    >>> import datetime
    >>> run = CalendarEvent(uid="w1d1@example", start=datetime.date(2026, 3, 2), summary="Easy run")
    >>> calendar([run]).splitlines()  # doctest: +NORMALIZE_WHITESPACE
    ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//runtone//runtone//EN', 'CALSCALE:GREGORIAN',
     'BEGIN:VEVENT', 'UID:w1d1@example', 'DTSTAMP:20260302T000000Z',
     'DTSTART;VALUE=DATE:20260302', 'DTEND;VALUE=DATE:20260303', 'SUMMARY:Easy run',
     'DESCRIPTION:', 'END:VEVENT', 'END:VCALENDAR']
    """
    given = _events(events)
    seen: dict[str, int] = {}
    for index, event in enumerate(given):
        if event.uid in seen:
            raise InvalidValueError(
                f"events[{index}].uid",
                f"{shown(event.uid)} is also the uid of events[{seen[event.uid]}]; "
                "each event needs its own",
            )
        seen[event.uid] = index
    product = _check_text("product_id", product_id, empty=False)
    title = None if name is None else _check_text("name", name, empty=False)
    stamped = _stamp(stamp, given)

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{escape(product)}", "CALSCALE:GREGORIAN"]
    if title is not None:
        lines += [f"NAME:{escape(title)}", f"X-WR-CALNAME:{escape(title)}"]
    for event in given:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape(event.uid)}",
            f"DTSTAMP:{stamped}",
            f"DTSTART;VALUE=DATE:{_date(event.start)}",
            f"DTEND;VALUE=DATE:{_date(event.stop)}",
            f"SUMMARY:{escape(event.summary)}",
            f"DESCRIPTION:{escape(event.description)}",
        ]
        if event.categories:
            lines.append("CATEGORIES:" + ",".join(escape(c) for c in event.categories))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
