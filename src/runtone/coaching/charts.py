"""Pictures of a plan: its load over the weeks, and one week's sessions, as standalone SVG.

:func:`plan_chart` draws either

* the whole plan: one bar per week, its height the week's minutes of training,
  stacked by what those minutes are (easy running, hard running, walking,
  cross-training, strength), with the week's number and its part in the plan
  (start, build, hold, lighter, taper) written under it; or
* one week: seven columns, one per day, each session a vertical strip of its
  steps in time order (top to bottom), each step coloured by its intensity, with
  the session's minutes and kind written under it.

How a running session's minutes are split for the load chart: each step's work
goes to its intensity (``walk`` to walking, ``hard`` and ``very hard`` to hard
running, anything else to easy running) and each recovery to its own intensity
(easy when it has none).  A cross-training session counts whole as
cross-training, a strength session as strength, so each bar adds up to
:attr:`Week.minutes <runtone.Week.minutes>`.  A session whose steps do not add up
to its minutes (a hand-made one) has their shares scaled to its minutes, and one
with no steps counts whole as easy running.

The colours are the Okabe-Ito palette, told apart with every common colour-vision
deficiency; each is named in the picture's legend, and every bar, segment and
strip has a ``<title>`` saying in words what it shows.  The SVG is text built in a
fixed order from the plan alone: the same plan gives the same bytes.

The pictures' own words (titles, descriptions, legends, tooltips) are in the
plan's language (:attr:`Plan.locale <runtone.Plan.locale>`), from the texts'
catalog (:mod:`runtone._messages`, keys ``chart/...``); the ``data-*`` attributes
but ``data-legend`` (a legend item's words) stay the English keys and values, for
scripts and tests.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Union

from .._diagram import _attr, _n, _text, check_title
from .._messages import Words, words
from .._texts.charts import category_key
from .._texts.plans import intensity as _intensity
from .._vocab import SessionKind
from .._wrap import wrap
from ..errors import ProfileError, shown
from .sessions import Plan, RunSession, Step, StrengthSession, Week

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["CATEGORIES", "INTENSITIES", "STRENGTH", "plan_chart"]

#: Fill of strength work, in both pictures.
STRENGTH = "#cc79a7"
#: The load chart's kinds of minutes, bottom of a bar first: (key, words, fill).
CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("easy", "easy running", "#56b4e9"),
    ("hard", "hard running (hard and very hard)", "#d55e00"),
    ("walk", "walking", "#009e73"),
    ("cross_training", "cross-training", "#0072b2"),
    ("strength", "strength", STRENGTH),
)
#: The week chart's fill of each intensity a step can have: (name, fill).
INTENSITIES: tuple[tuple[str, str], ...] = (
    ("walk", "#009e73"),
    ("easy", "#56b4e9"),
    ("hard", "#e69f00"),
    ("very hard", "#d55e00"),
)

_FILL = {key: fill for key, _, fill in CATEGORIES}
_WORDS = {key: english for key, english, _ in CATEGORIES}
_STEP_FILL = dict(INTENSITIES)
_HARD = frozenset({"hard", "very hard"})

_TEXT = "#222222"
_GRID = "#d9d9d9"
_MARGIN = 16
_TITLE_SIZE = 18
_TITLE_LINE = 23
_TITLE_WIDTH = 60
_AXIS = 60  # room left of a plot for its tick labels and axis name
_LEGEND_GAP = 24
_LEGEND_WIDTH = 270  # at least; wider for a language whose words need it
_LEGEND_LINE = 22
_SWATCH = 14
_PLOT_HEIGHT = 260
#: Tick steps an axis of minutes may use: the smallest giving at most 6 steps is taken.
_STEPS = (5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 360, 480, 600, 900, 1200)

#: What :func:`plan_chart` takes as its ``week``.
WeekChoice = Union[int, Week, None]


def plan_chart(plan: Plan, *, week: WeekChoice = None, title: str | None = None) -> str:
    """A standalone SVG picture of a plan's load over the weeks, or of one week's sessions.

    With ``week=None``, one bar per week, in order: its height is the week's
    minutes of training (the axis on the left gives minutes), stacked from the
    bottom by easy running (``#56b4e9``, sky blue), hard running, that is the
    steps at ``hard`` or ``very hard`` (``#d55e00``, vermilion), walking
    (``#009e73``, bluish green), cross-training (``#0072b2``, blue) and strength
    (``#cc79a7``, reddish purple).  Under each bar: the week's number and its
    part in the plan (``start``, ``build``, ``hold``, ``lighter``, ``taper``).
    Each bar is a ``<g class="week">`` with ``data-week``, ``data-kind`` and
    ``data-minutes``, holding one ``<rect class="segment">`` per kind of minutes
    it has, with ``data-category`` (``easy``, ``hard``, ``walk``,
    ``cross_training``, ``strength``) and ``data-minutes``.

    With ``week`` a week's number (1 for the first) or one of the plan's
    :class:`~runtone.Week` records: seven columns, one per day, each session a
    vertical strip, from its start at the top to its end at the bottom (the axis
    on the left gives minutes from the start).  A running or cross-training
    session's strip is its steps in time order, every repeat and recovery a
    ``<rect class="step">`` with ``data-intensity`` and ``data-seconds``,
    coloured walk ``#009e73`` (bluish green), easy ``#56b4e9`` (sky blue), hard
    ``#e69f00`` (orange) or very hard ``#d55e00`` (vermilion); a strength
    session's strip is one ``#cc79a7`` (reddish purple) block.  Each strip is a
    ``<g class="session">`` with ``data-day``, ``data-kind`` and
    ``data-minutes``, and has its minutes and kind written under it.

    The root has ``role="img"`` and is labelled by its ``<title>`` and by a
    ``<desc>`` that gives every figure in words.  The text starts with ``<svg``,
    holds no script, and is the same, byte for byte, for the same arguments.

    Args:
        plan: The plan to draw.
        week: ``None`` for the whole plan, or the week to draw: its number (1 to
            the plan's number of weeks) or the :class:`~runtone.Week` itself.
        title: The picture's title, instead of one made from the plan.

    Returns:
        The SVG document, as text.

    Raises:
        TypeError: ``plan`` is not a :class:`~runtone.Plan`, ``week`` is neither a
            whole number nor a :class:`~runtone.Week`, or ``title`` is not a string.
        ProfileError: ``week`` is a number outside 1 to the plan's number of weeks,
            or a :class:`~runtone.Week` that is not one of the plan's.
        InvalidValueError: ``title`` is blank or holds a character an SVG cannot
            hold (a control character, a lone surrogate).

    >>> p = runtone.plan(runtone.Profile(level="beginner"), weeks=3)
    >>> svg = runtone.plan_chart(p)
    >>> svg.startswith("<svg"), svg.count('class="week"')
    (True, 3)
    >>> 'class="session"' in runtone.plan_chart(p, week=1)
    True
    """
    if not isinstance(plan, Plan):
        raise TypeError(f"plan: expected a runtone.Plan, got {shown(plan)}")
    chosen = _week(plan, week)
    if title is not None:
        title = check_title(title)
    say = words(plan.locale)
    if chosen is None:
        return _load_chart(plan, title, say)
    return _week_chart(chosen, title, say)


def _week(plan: Plan, week: object) -> Week | None:
    count = len(plan.weeks)
    if week is None:
        return None
    if isinstance(week, Week):
        if week not in plan.weeks:
            raise ProfileError("week", f"week {week.number} given is not one of the plan's weeks")
        return week
    if isinstance(week, bool) or not isinstance(week, int):
        raise TypeError(
            f"week: expected None, a week's number or one of the plan's Weeks, got {shown(week)}"
        )
    if not 1 <= week <= count:
        span = f"from 1 to {count}" if count else "none: the plan has no weeks"
        raise ProfileError("week", f"must be a week of the plan, {span}, got {shown(week)}")
    return plan.weeks[week - 1]


# --- what the minutes are -------------------------------------------------------------


def _session_seconds(run: RunSession) -> dict[str, float]:
    """A session's seconds by load category, scaled to add up to its minutes."""
    total = run.minutes * 60
    if run.kind is SessionKind.CROSS_TRAINING:
        return {"cross_training": float(total)}
    found: dict[str, float] = {}
    for _, seconds, name in _pieces(run, words("en")):
        key = "walk" if name == "walk" else "hard" if name in _HARD else "easy"
        found[key] = found.get(key, 0.0) + seconds
    drawn = sum(found.values())
    if drawn <= 0:
        return {"easy": float(total)}
    return {key: value * total / drawn for key, value in found.items()}


def _pieces(run: RunSession, say: Words) -> Iterable[tuple[str, int, str]]:
    """The session's parts in time order: (label in words, seconds, intensity name)."""
    for step in run.steps:
        recovery = step.recovery.name if step.recovery is not None else "easy"
        for i in range(step.repeats):
            label = (
                step.label
                if step.repeats == 1
                else say(
                    "chart/week/piece/repeat", label=step.label, repeat=i + 1, repeats=step.repeats
                )
            )
            if step.seconds > 0:
                yield label, step.seconds, step.intensity.name
            if step.recovery_seconds > 0:
                yield say("chart/week/piece/recovery", label=label), step.recovery_seconds, recovery


def week_minutes(week: Week) -> dict[str, float]:
    """A week's minutes by load category (every category, 0 where it has none).

    >>> w = runtone.plan(runtone.Profile(level="beginner"), weeks=1).weeks[0]
    >>> m = week_minutes(w)
    >>> round(sum(m.values()), 6) == w.minutes, m["strength"]
    (True, 60.0)
    """
    minutes = dict.fromkeys(_FILL, 0.0)
    for day in week.days:
        if day.run is not None:
            for key, seconds in _session_seconds(day.run).items():
                minutes[key] += seconds / 60
        if day.strength is not None:
            minutes["strength"] += day.strength.minutes
    return minutes


# --- shared drawing -------------------------------------------------------------------


def _axis_top(most: float) -> tuple[int, int]:
    """The step and top of an axis of minutes that reaches ``most``."""
    step = next((s for s in _STEPS if most <= s * 6), _STEPS[-1])
    top = max(step, step * math.ceil(most / step))
    return step, top


def _category(say: Words, key: str) -> str:
    """A kind of minutes (``"easy"``, a key of ``CATEGORIES``) in words."""
    return say.text(category_key(key), _WORDS[key])


def _listed(say: Words, items: Iterable[str]) -> str:
    return say("units/list").join(items)


def _head(width: float, height: float, title: str, desc: str) -> list[str]:
    lines = wrap(title, _TITLE_WIDTH) or [title]
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}"'
            f' viewBox="0 0 {_n(width)} {_n(height)}" role="img"'
            ' aria-labelledby="rt-title rt-desc" font-family="sans-serif">'
        ),
        f'<title id="rt-title">{_text(title)}</title>',
        f'<desc id="rt-desc">{_text(desc)}</desc>',
        f'<rect width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
    ]
    out.extend(
        f'<text x="{_MARGIN}" y="{_MARGIN + _TITLE_SIZE + _TITLE_LINE * i}"'
        f' font-size="{_TITLE_SIZE}" font-weight="bold" fill="{_TEXT}"'
        f' aria-hidden="true">{_text(line)}</text>'
        for i, line in enumerate(lines)
    )
    return out


def _title_height(title: str) -> float:
    return _MARGIN + _TITLE_LINE * len(wrap(title, _TITLE_WIDTH) or [title]) + 12


def _legend(heading: str, items: Sequence[tuple[str, str]], x: float, y: float) -> list[str]:
    out = [
        f'<g id="rt-legend" transform="translate({_n(x)} {_n(y)})" font-size="13" fill="{_TEXT}">',
        f'<text x="0" y="14" font-weight="bold">{_text(heading)}</text>',
    ]
    for row, (fill, named) in enumerate(items, 1):
        top = row * _LEGEND_LINE + 6
        out.append(
            f'<rect x="0" y="{top}" width="{_SWATCH}" height="{_SWATCH}" fill="{fill}"'
            f' stroke="{_TEXT}" stroke-width="0.5" data-legend="{_attr(named)}"/>'
            f'<text x="{_SWATCH + 8}" y="{top + 12}">{_text(named)}</text>'
        )
    out.append("</g>")
    return out


def _legend_height(rows: int) -> float:
    return (rows + 1) * _LEGEND_LINE + 6


def _legend_width(heading: str, items: Sequence[tuple[str, str]]) -> float:
    """The legend's width: ``_LEGEND_WIDTH``, or more for longer words than English's.

    The words' widths are estimated (an average character of 13px sans-serif is
    about 0.55em, of bold about 0.6em); every English legend fits ``_LEGEND_WIDTH``.
    """
    widest = max(
        [len(heading) * 13 * 0.6, *(_SWATCH + 8 + len(named) * 13 * 0.55 for _, named in items)]
    )
    return max(_LEGEND_WIDTH, math.ceil(widest) + 8)


def _axis(
    x: float, y: float, height: float, step: int, top: int, *, down: bool, name: str
) -> list[str]:
    """A vertical axis of minutes at ``x``, from ``y`` (0, or ``top`` when not ``down``)."""
    out = []
    for value in range(0, top + 1, step):
        at = y + (value if down else top - value) * height / top
        out.append(
            f'<line x1="{_n(x)}" y1="{_n(at)}" x2="{_n(x - 4)}" y2="{_n(at)}" stroke="{_TEXT}"/>'
            f'<text x="{_n(x - 7)}" y="{_n(at + 4)}" text-anchor="end" font-size="11"'
            f' fill="{_TEXT}">{value}</text>'
        )
    out.append(
        f'<line class="axis" x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x)}" y2="{_n(y + height)}"'
        f' stroke="{_TEXT}"/>'
    )
    middle = y + height / 2
    out.append(
        f'<text x="{_n(x - 44)}" y="{_n(middle)}" text-anchor="middle" font-size="12"'
        f' fill="{_TEXT}" transform="rotate(-90 {_n(x - 44)} {_n(middle)})">{_text(name)}</text>'
    )
    return out


def _m(value: float, say: Words) -> str:
    """Minutes as text for people: whole or to one decimal, with the language's point."""
    return _n(value, 1).replace(".", say("diagram/decimal"))


# --- the whole plan -------------------------------------------------------------------

_UNDER = 74  # room under the bars for the week's number and kind (at least)
_NARROW = 20  # a slot narrower than this gets smaller text under its bar
_LABELLED = 30  # a slot at least this wide has its week's total written above the bar


def _under(kinds: Iterable[str], size: int) -> float:
    """The room under the bars: ``_UNDER``, or more for a week's kind longer than English's.

    The kind is written upwards from 22 below the bars; its length is estimated (an
    average character about 0.55em), and every English kind fits ``_UNDER``.
    """
    longest = max((len(kind) for kind in kinds), default=0)
    return max(_UNDER, math.ceil(22 + longest * size * 0.55 + 4))


def _load_chart(plan: Plan, title: str | None, say: Words) -> str:
    weeks = plan.weeks
    count = len(weeks)
    heading = title or say("chart/load/title", weeks=count)
    minutes = [week_minutes(w) for w in weeks]
    most = max((w.minutes for w in weeks), default=0)
    step, top = _axis_top(most)
    slot = max(16, min(44, 640 // max(count, 1)))
    bar = slot - max(4, slot // 5)
    size = 11 if slot >= _NARROW else 9
    kinds = {kind: say.member(kind) for kind in dict.fromkeys(w.kind for w in weeks)}
    legend = [(fill, _category(say, key)) for key, _, fill in reversed(CATEGORIES)]
    legend_heading = say("chart/load/legend")
    plot_x = _MARGIN + _AXIS
    plot_y = _title_height(heading) + 8
    plot_w = slot * max(count, 1)
    scale = _PLOT_HEIGHT / top
    legend_x = plot_x + plot_w + _LEGEND_GAP
    width = legend_x + _legend_width(legend_heading, legend) + _MARGIN
    under = _under(kinds.values(), size)
    height = plot_y + max(_PLOT_HEIGHT + under, _legend_height(len(CATEGORIES))) + _MARGIN
    out = _head(width, height, heading, _load_desc(plan, minutes, say))
    bottom = plot_y + _PLOT_HEIGHT
    out.extend(
        f'<line x1="{_n(plot_x)}" y1="{_n(bottom - v * scale)}" x2="{_n(plot_x + plot_w)}"'
        f' y2="{_n(bottom - v * scale)}" stroke="{_GRID}" stroke-width="0.8"/>'
        for v in range(step, top + 1, step)
    )
    out.extend(
        _axis(plot_x, plot_y, _PLOT_HEIGHT, step, top, down=False, name=say("chart/load/axis"))
    )
    out.append(
        f'<line class="baseline" x1="{_n(plot_x)}" y1="{_n(bottom)}" x2="{_n(plot_x + plot_w)}"'
        f' y2="{_n(bottom)}" stroke="{_TEXT}"/>'
    )
    for i, (week, split) in enumerate(zip(weeks, minutes)):
        x = plot_x + i * slot + (slot - bar) / 2
        centre = x + bar / 2
        kind = week.kind.value
        out.append(
            f'<g class="week" data-week="{week.number}" data-kind="{_attr(kind)}"'
            f' data-minutes="{week.minutes}"><title>{_text(_week_words(week, split, say))}</title>'
        )
        done = 0.0
        for key, _, fill in CATEGORIES:
            value = split[key]
            if value <= 0:
                continue
            y = bottom - (done + value) * scale
            words_of = say(
                "chart/load/segment",
                number=week.number,
                minutes=_m(value, say),
                category=_category(say, key),
            )
            out.append(
                f'<rect class="segment" data-category="{key}" data-minutes="{_n(value, 4)}"'
                f' x="{_n(x)}" y="{_n(y)}" width="{_n(bar)}" height="{_n(value * scale)}"'
                f' fill="{fill}"><title>{_text(words_of)}</title></rect>'
            )
            done += value
        if slot >= _LABELLED:
            out.append(
                f'<text x="{_n(centre)}" y="{_n(bottom - done * scale - 4)}" text-anchor="middle"'
                f' font-size="10" fill="{_TEXT}">{week.minutes}</text>'
            )
        kind_y = bottom + 30
        out.append(
            f'<text class="number" x="{_n(centre)}" y="{_n(bottom + 15)}" text-anchor="middle"'
            f' font-size="{size}" fill="{_TEXT}">{week.number}</text>'
            f'<text class="kind" x="{_n(centre + 4)}" y="{_n(kind_y - 8)}" text-anchor="end"'
            f' font-size="{size}" fill="{_TEXT}"'
            f' transform="rotate(-90 {_n(centre + 4)} {_n(kind_y - 8)})">'
            f"{_text(kinds[week.kind])}</text>"
            "</g>"
        )
    out.append(
        f'<text x="{_n(plot_x - 7)}" y="{_n(bottom + 15)}" text-anchor="end" font-size="11"'
        f' fill="{_TEXT}">{_text(say("chart/load/weeks"))}</text>'
    )
    out.extend(_legend(legend_heading, legend, legend_x, plot_y))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _week_words(
    week: Week, split: dict[str, float], say: Words, key: str = "chart/load/week"
) -> str:
    """A week's minutes in words, by kind (``key`` and ``key/parts``: the texts to use)."""
    parts = _listed(
        say,
        (
            say("chart/load/part", minutes=_m(split[k], say), category=_category(say, k))
            for k in _FILL
            if split[k] > 0
        ),
    )
    fields = {"number": week.number, "kind": say.member(week.kind), "minutes": week.minutes}
    if parts:
        return say(f"{key}/parts", parts=parts, **fields)
    return say(key, **fields)


def _load_desc(plan: Plan, minutes: list[dict[str, float]], say: Words) -> str:
    if not plan.weeks:
        return say("chart/load/desc/empty")
    text = [say("chart/load/desc", weeks=len(plan.weeks))]
    text.extend(
        _week_words(week, split, say, "chart/load/desc/week")
        for week, split in zip(plan.weeks, minutes)
    )
    return " ".join(text)


# --- one week -------------------------------------------------------------------------

_COLUMN = 124
_STRIP = 48
_STRIP_GAP = 8
_DAY_HEAD = 30
_LABEL_LINES = 3  # lines under a strip, at least: its minutes, its kind in up to two
_LABEL_LINE = 13


#: The characters of a line of a session kind's words under its strip.
_KIND_WIDTH = 9


def _kind_words(say: Words, kind: SessionKind) -> list[str]:
    """A session kind's words in lines under its strip; a longer word is hyphenated.

    It breaks after its own hyphen where one fits (``course-``, ``marche``), else
    with one added (``Tempodau-``, ``erlauf``).  No English word is that long.
    """
    pieces = []
    for word in say.member(kind).split():
        rest = word
        while len(rest) > _KIND_WIDTH:
            cut = rest.rfind("-", 0, _KIND_WIDTH) + 1
            if cut:
                pieces.append(rest[:cut])
            else:
                cut = _KIND_WIDTH - 1
                pieces.append(rest[:cut] + "-")
            rest = rest[cut:]
        pieces.append(rest)
    return wrap(" ".join(pieces), _KIND_WIDTH)


def _week_chart(week: Week, title: str | None, say: Words) -> str:
    kind = say.member(week.kind)
    heading = title or say("chart/week/title", number=week.number, kind=kind)
    longest = max(
        (s.minutes for d in week.days for s in (d.run, d.strength) if s is not None), default=0
    )
    step, top = _axis_top(longest)
    scale = _PLOT_HEIGHT / top
    plot_x = _MARGIN + _AXIS
    days_y = _title_height(heading) + 8
    plot_y = days_y + _DAY_HEAD
    columns = max(len(week.days), 7)
    legend_x = plot_x + _COLUMN * columns + _LEGEND_GAP
    legend_items = [
        *((fill, _intensity(say, name)) for name, fill in INTENSITIES),
        (STRENGTH, say("chart/week/legend/strength")),
    ]
    legend_heading = say("chart/week/legend")
    width = legend_x + _legend_width(legend_heading, legend_items) + _MARGIN
    labels = {
        session_kind: _kind_words(say, session_kind)
        for session_kind in dict.fromkeys(
            [d.run.kind for d in week.days if d.run is not None] + [SessionKind.STRENGTH]
        )
    }
    rows = max(_LABEL_LINES, *(1 + len(lines) for lines in labels.values()))
    under = 16 + _LABEL_LINE * rows
    height = (
        plot_y + max(_PLOT_HEIGHT + under, _legend_height(len(legend_items)) - _DAY_HEAD) + _MARGIN
    )
    out = _head(width, height, heading, _week_desc(week, say))
    out.extend(
        _axis(plot_x, plot_y, _PLOT_HEIGHT, step, top, down=True, name=say("chart/week/axis"))
    )
    for i, day in enumerate(week.days):
        left = plot_x + i * _COLUMN
        centre = left + _COLUMN / 2
        out.append(
            f'<g class="day" data-day="{day.number}">'
            f'<text x="{_n(centre)}" y="{_n(days_y + 16)}" text-anchor="middle" font-size="13"'
            f' font-weight="bold" fill="{_TEXT}">'
            f"{_text(say('chart/week/day', number=day.number))}</text>"
        )
        sessions: list[RunSession | StrengthSession] = [
            s for s in (day.run, day.strength) if s is not None
        ]
        if not sessions:
            out.append(
                f'<text class="rest" x="{_n(centre)}" y="{_n(plot_y + 20)}" text-anchor="middle"'
                f' font-size="12" fill="{_TEXT}">{_text(say("chart/week/rest"))}</text>'
            )
        span = len(sessions) * _STRIP + (len(sessions) - 1) * _STRIP_GAP
        x = centre - span / 2
        for session in sessions:
            out.extend(_strip(session, day.number, x, plot_y, scale, labels=labels, say=say))
            x += _STRIP + _STRIP_GAP
        out.append("</g>")
    out.extend(_legend(legend_heading, legend_items, legend_x, days_y))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _strip(
    session: RunSession | StrengthSession,
    day: int,
    x: float,
    y: float,
    scale: float,
    *,
    labels: dict[SessionKind, list[str]],
    say: Words,
) -> list[str]:
    pieces: list[tuple[str, int, str]]
    if isinstance(session, RunSession):
        kind, words_under = session.kind.value, labels[session.kind]
        what = say("chart/week/run", exercise=session.exercise.name, minutes=session.minutes)
        pieces = [
            (
                say(
                    "chart/week/piece",
                    label=label,
                    duration=_duration(seconds, say),
                    effort=_intensity(say, name),
                ),
                seconds,
                name,
            )
            for label, seconds, name in _pieces(session, say)
        ]
    else:
        kind, words_under = SessionKind.STRENGTH.value, labels[SessionKind.STRENGTH]
        names = _listed(say, (item.exercise.name for item in session.items))
        what = (
            say("chart/week/strength/items", minutes=session.minutes, exercises=names)
            if names
            else say("chart/week/strength", minutes=session.minutes)
        )
        seconds = session.minutes * 60
        tip = say("chart/week/piece/strength", duration=_duration(seconds, say))
        pieces = [(tip, seconds, "strength")]
    out = [
        (
            f'<g class="session" data-day="{day}" data-kind="{_attr(kind)}"'
            f' data-minutes="{session.minutes}"><title>'
            f"{_text(say('chart/week/session', day=day, session=what))}</title>"
        )
    ]
    done = 0
    for tip, seconds, intensity in pieces:
        fill = STRENGTH if intensity == "strength" else _STEP_FILL.get(intensity, _FILL["easy"])
        out.append(
            f'<rect class="step" data-intensity="{_attr(intensity)}" data-seconds="{seconds}"'
            f' x="{_n(x)}" y="{_n(y + done / 60 * scale)}" width="{_STRIP}"'
            f' height="{_n(seconds / 60 * scale)}" fill="{fill}"><title>{_text(tip)}</title></rect>'
        )
        done += seconds
    out.append(
        f'<rect class="outline" x="{_n(x)}" y="{_n(y)}" width="{_STRIP}"'
        f' height="{_n(done / 60 * scale)}" fill="none" stroke="{_TEXT}" stroke-width="0.8"/>'
    )
    middle = x + _STRIP / 2
    label_y = y + _PLOT_HEIGHT + 16
    lines = [say("units/minutes", minutes=session.minutes), *words_under]
    out.extend(
        f'<text x="{_n(middle)}" y="{_n(label_y + _LABEL_LINE * i)}" text-anchor="middle"'
        f' font-size="11" fill="{_TEXT}">{_text(line)}</text>'
        for i, line in enumerate(lines)
    )
    out.append("</g>")
    return out


def _duration(seconds: int, say: Words) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return say("units/seconds", seconds=rest)
    if not rest:
        return say("units/minutes", minutes=minutes)
    return say("units/minutes_seconds", minutes=minutes, seconds=rest)


def _step_words(step: Step, say: Words) -> str:
    fields = {
        "label": step.label,
        "duration": _duration(step.seconds, say),
        "intensity": _intensity(say, step.intensity.name),
    }
    if step.recovery_seconds:
        recovery = step.recovery.name if step.recovery is not None else "easy"
        work = say(
            "chart/week/desc/step/recovery",
            recovery_duration=_duration(step.recovery_seconds, say),
            recovery=_intensity(say, recovery),
            **fields,
        )
    else:
        work = say("chart/week/desc/step", **fields)
    if step.repeats == 1:
        return work
    return say("chart/week/desc/step/repeats", repeats=step.repeats, step=work)


def _week_desc(week: Week, say: Words) -> str:
    text = [say("chart/week/desc", number=week.number, kind=say.member(week.kind))]
    for day in week.days:
        sessions = []
        if day.run is not None:
            run = day.run
            steps = say("chart/week/desc/steps").join(_step_words(step, say) for step in run.steps)
            fields = {
                "kind": say.member(run.kind),
                "exercise": run.exercise.name,
                "minutes": run.minutes,
            }
            sessions.append(
                say("chart/week/desc/run/steps", steps=steps, **fields)
                if steps
                else say("chart/week/desc/run", **fields)
            )
        if day.strength is not None:
            sessions.append(say("chart/week/desc/strength", minutes=day.strength.minutes))
        if not sessions:
            text.append(say("chart/week/desc/rest", number=day.number))
            continue
        together = (
            sessions[0]
            if len(sessions) == 1
            else say("diagram/and", first=sessions[0], second=sessions[1])
        )
        text.append(say("chart/week/desc/day", number=day.number, sessions=together))
    return " ".join(text)
