"""The gait-cycle chart: when in the running stride each study found a muscle working.

:func:`gait_chart` draws the :attr:`~runtone.Muscle.activity` windows of the data as a
standalone SVG: one row per window (a muscle, as one study timed it), a bar over the
part of the gait cycle the study found the muscle active, from foot contact (0%) to
the same foot's next contact (100%).  A window from late swing into the next stance
wraps past 100%: it is drawn as two bars, one at the end of the row and one at its
start.  Where the study gives the moment the foot leaves the ground, the row shades
the stance before it, so stance and swing are the study's own.

The chart is text built in a fixed order: the same muscles give the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._dataset import Dataset, check_dataset
from ._default import load
from ._diagram import _attr, _n, _text, check_title
from ._messages import words
from ._records import ActivityWindow, Muscle
from .errors import InvalidValueError, shown

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["ACTIVE", "STANCE", "gait_chart"]

#: Fill of a bar: the muscle is active.
ACTIVE = "#d95f02"
#: Fill of the stance part of a row (the study's own, from contact to toe-off).
STANCE = "#deebf7"
#: Fill of the rest of a row's track.
TRACK = "#f0f0f0"

_LABEL = 300  # width of the label column
_TRACK = 400  # width of the 0-100% track
_ROW = 24  # height of a row
_BAR = 14  # height of a bar
_TOP = 56  # room for the title and the axis
_PAD = 12
_WIDTH = _PAD + _LABEL + _TRACK + _PAD


def _x(percent: float) -> float:
    """The x of a point of the gait cycle."""
    return _PAD + _LABEL + _TRACK * percent / 100


def spans(window: ActivityWindow) -> list[tuple[int, int]]:
    """The parts of the cycle a window covers: one span, or two when it wraps past 100%.

    >>> lab = runtone.EvidenceGrade.LAB
    >>> w = runtone.ActivityWindow(onset=85, offset=15, text="", evidence=lab, sources=())
    >>> spans(w)
    [(85, 100), (0, 15)]
    """
    if window.offset >= window.onset:
        return [(window.onset, window.offset)]
    return [(window.onset, 100), (0, window.offset)]


def _muscles(keys: Iterable[Muscle | str] | None, dataset: Dataset) -> list[Muscle]:
    if keys is None:
        return [m for m in dataset.muscles if m.activity]
    if isinstance(keys, (str, bytes, Muscle)):
        raise TypeError(f"muscles: expected a collection of muscles, got {shown(keys)}")
    try:
        items = list(keys)
    except TypeError:
        raise TypeError(f"muscles: expected a collection of muscles, got {shown(keys)}") from None
    found: list[Muscle] = []
    for i, key in enumerate(items):
        if not isinstance(key, (str, Muscle)):
            raise TypeError(f"muscles[{i}]: expected a muscle or its id, got {shown(key)}")
        muscle = dataset._resolve_muscle(key, "muscles")  # noqa: SLF001 - one package
        if not muscle.activity:
            raise InvalidValueError(
                f"muscles[{i}]", f"{muscle.id!r} has no activity window in the data"
            )
        if muscle not in found:
            found.append(muscle)
    return found


def gait_chart(
    muscles: Iterable[Muscle | str] | None = None,
    *,
    dataset: Dataset | None = None,
    title: str | None = None,
) -> str:
    """A standalone SVG chart of when in the running gait cycle each muscle works.

    One row per activity window, in the order of the muscles and of each muscle's
    windows: the muscle's name and the study, then a track from 0% (foot contact) to
    100% (the same foot's next contact) with a bar where the study found the muscle
    active (fill ``#d95f02``).  Where the study gives toe-off, the stance before it is
    shaded (``#deebf7``); the rest of the track is ``#f0f0f0``.  Each bar is a
    ``<rect>`` with ``data-muscle``, ``data-onset`` and ``data-offset`` (the window's,
    also on both pieces of a window that wraps past 100%) and a ``<title>``.

    Args:
        muscles: The muscles to draw (records, or ids, names or aliases); every muscle
            of the dataset that has a window, by default.
        dataset: Where the muscles are looked up; the packaged dataset by default.
        title: The chart's title.

    Returns:
        The SVG document, as text.

    Raises:
        TypeError: ``muscles`` is not a collection of muscles or keys, or ``dataset``
            is not a Dataset.
        UnknownIdError: a key names no muscle.
        InvalidValueError: a muscle has no activity window, none is left to draw, or
            the title is blank or holds a character an SVG cannot.

    >>> svg = runtone.gait_chart(["calves"])
    >>> svg.startswith("<svg") and 'data-muscle="calves"' in svg
    True
    """
    ds = load() if dataset is None else check_dataset(dataset)
    say = words(ds.locale)
    heading = say("gait/title") if title is None else title
    heading = check_title(heading)
    chosen = _muscles(muscles, ds)
    rows = [(m, w) for m in chosen for w in m.activity]
    if not rows:
        raise InvalidValueError("muscles", "no muscle to draw has an activity window")
    height = _TOP + _ROW * len(rows) + _PAD + 20
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
            f'viewBox="0 0 {_WIDTH} {height}" role="img" '
            'aria-labelledby="gait-title gait-desc" font-family="sans-serif" font-size="12">'
        ),
        f'<title id="gait-title">{_text(heading)}</title>',
        f'<desc id="gait-desc">{_text(say("gait/desc"))}</desc>',
        f'<rect x="0" y="0" width="{_WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="{_PAD}" y="20" font-size="15" font-weight="bold">{_text(heading)}</text>',
    ]
    parts.extend(
        f'<text x="{_n(_x(tick))}" y="{_TOP - 8}" text-anchor="middle">'
        f"{_text(say('gait/tick', percent=tick))}</text>"
        for tick in (0, 25, 50, 75, 100)
    )
    for i, (muscle, window) in enumerate(rows):
        y = _TOP + _ROW * i
        study = ", ".join(s.id for s in window.sources)
        label = f"{muscle.name} ({study})"
        parts.append(f'<text x="{_PAD}" y="{y + _ROW / 2 + 4:.0f}">{_text(label[:48])}</text>')
        top = y + (_ROW - _BAR) / 2
        parts.append(
            f'<rect x="{_n(_x(0))}" y="{_n(top)}" width="{_TRACK}" height="{_BAR}" fill="{TRACK}"/>'
        )
        if window.toe_off is not None:
            parts.append(
                f'<rect class="stance" x="{_n(_x(0))}" y="{_n(top)}" '
                f'width="{_n(_TRACK * window.toe_off / 100)}" height="{_BAR}" fill="{STANCE}"/>'
            )
        for start, end in spans(window):
            tip = say(
                "gait/active",
                muscle=muscle.name,
                onset=window.onset,
                offset=window.offset,
                studies=study,
            )
            parts.append(
                f'<rect class="active" x="{_n(_x(start))}" y="{_n(top)}" '
                f'width="{_n(_TRACK * (end - start) / 100)}" height="{_BAR}" fill="{ACTIVE}" '
                f'data-muscle="{_attr(muscle.id)}" data-onset="{window.onset}" '
                f'data-offset="{window.offset}"><title>{_text(tip)}</title></rect>'
            )
    parts.append(
        f'<text x="{_PAD}" y="{height - _PAD}" font-size="11">{_text(say("gait/footer"))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
