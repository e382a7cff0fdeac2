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
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Union

from .._diagram import _attr, _n, _text, check_title
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
_WORDS = {key: words for key, words, _ in CATEGORIES}
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
_LEGEND_WIDTH = 270
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
    if chosen is None:
        return _load_chart(plan, title)
    return _week_chart(chosen, title)


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
    for _, seconds, name in _pieces(run):
        key = "walk" if name == "walk" else "hard" if name in _HARD else "easy"
        found[key] = found.get(key, 0.0) + seconds
    drawn = sum(found.values())
    if drawn <= 0:
        return {"easy": float(total)}
    return {key: value * total / drawn for key, value in found.items()}


def _pieces(run: RunSession) -> Iterable[tuple[str, int, str]]:
    """The session's parts in time order: (label, seconds, intensity name)."""
    for step in run.steps:
        recovery = step.recovery.name if step.recovery is not None else "easy"
        for i in range(step.repeats):
            label = step.label if step.repeats == 1 else f"{step.label} {i + 1} of {step.repeats}"
            if step.seconds > 0:
                yield label, step.seconds, step.intensity.name
            if step.recovery_seconds > 0:
                yield f"{label}: recovery", step.recovery_seconds, recovery


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
    for row, (fill, words) in enumerate(items, 1):
        top = row * _LEGEND_LINE + 6
        out.append(
            f'<rect x="0" y="{top}" width="{_SWATCH}" height="{_SWATCH}" fill="{fill}"'
            f' stroke="{_TEXT}" stroke-width="0.5" data-legend="{_attr(words)}"/>'
            f'<text x="{_SWATCH + 8}" y="{top + 12}">{_text(words)}</text>'
        )
    out.append("</g>")
    return out


def _legend_height(rows: int) -> float:
    return (rows + 1) * _LEGEND_LINE + 6


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


def _m(value: float) -> str:
    """Minutes as text for people: whole or to one decimal."""
    return _n(value, 1)


# --- the whole plan -------------------------------------------------------------------

_UNDER = 74  # room under the bars for the week's number and kind
_NARROW = 20  # a slot narrower than this gets smaller text under its bar
_LABELLED = 30  # a slot at least this wide has its week's total written above the bar


def _load_chart(plan: Plan, title: str | None) -> str:
    weeks = plan.weeks
    count = len(weeks)
    heading = title or f"Training load of a {count}-week plan: minutes a week"
    minutes = [week_minutes(w) for w in weeks]
    most = max((w.minutes for w in weeks), default=0)
    step, top = _axis_top(most)
    slot = max(16, min(44, 640 // max(count, 1)))
    bar = slot - max(4, slot // 5)
    plot_x = _MARGIN + _AXIS
    plot_y = _title_height(heading) + 8
    plot_w = slot * max(count, 1)
    scale = _PLOT_HEIGHT / top
    legend_x = plot_x + plot_w + _LEGEND_GAP
    width = legend_x + _LEGEND_WIDTH + _MARGIN
    height = plot_y + max(_PLOT_HEIGHT + _UNDER, _legend_height(len(CATEGORIES))) + _MARGIN
    out = _head(width, height, heading, _load_desc(plan, minutes))
    bottom = plot_y + _PLOT_HEIGHT
    out.extend(
        f'<line x1="{_n(plot_x)}" y1="{_n(bottom - v * scale)}" x2="{_n(plot_x + plot_w)}"'
        f' y2="{_n(bottom - v * scale)}" stroke="{_GRID}" stroke-width="0.8"/>'
        for v in range(step, top + 1, step)
    )
    out.extend(_axis(plot_x, plot_y, _PLOT_HEIGHT, step, top, down=False, name="minutes a week"))
    out.append(
        f'<line class="baseline" x1="{_n(plot_x)}" y1="{_n(bottom)}" x2="{_n(plot_x + plot_w)}"'
        f' y2="{_n(bottom)}" stroke="{_TEXT}"/>'
    )
    size = 11 if slot >= _NARROW else 9
    for i, (week, split) in enumerate(zip(weeks, minutes)):
        x = plot_x + i * slot + (slot - bar) / 2
        centre = x + bar / 2
        kind = week.kind.value
        parts = ", ".join(f"{_m(split[k])} {_WORDS[k]}" for k in _FILL if split[k] > 0)
        out.append(
            f'<g class="week" data-week="{week.number}" data-kind="{_attr(kind)}"'
            f' data-minutes="{week.minutes}"><title>{_text(_week_words(week, parts))}</title>'
        )
        done = 0.0
        for key, _, fill in CATEGORIES:
            value = split[key]
            if value <= 0:
                continue
            y = bottom - (done + value) * scale
            out.append(
                f'<rect class="segment" data-category="{key}" data-minutes="{_n(value, 4)}"'
                f' x="{_n(x)}" y="{_n(y)}" width="{_n(bar)}" height="{_n(value * scale)}"'
                f' fill="{fill}"><title>Week {week.number}: {_m(value)} minutes of'
                f" {_text(_WORDS[key])}</title></rect>"
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
            f' transform="rotate(-90 {_n(centre + 4)} {_n(kind_y - 8)})">{_text(kind)}</text>'
            "</g>"
        )
    out.append(
        f'<text x="{_n(plot_x - 7)}" y="{_n(bottom + 15)}" text-anchor="end" font-size="11"'
        f' fill="{_TEXT}">week</text>'
    )
    legend = [(fill, words) for _, words, fill in reversed(CATEGORIES)]
    out.extend(_legend("Training, top to bottom", legend, legend_x, plot_y))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _week_words(week: Week, parts: str) -> str:
    return f"Week {week.number} ({week.kind.value}): {week.minutes} minutes" + (
        f": {parts}" if parts else ""
    )


def _load_desc(plan: Plan, minutes: list[dict[str, float]]) -> str:
    if not plan.weeks:
        return "A chart of a plan's weekly minutes of training; the plan has no weeks."
    text = [
        (
            f"A bar chart of a {len(plan.weeks)}-week plan: one bar per week, its height the"
            " week's minutes of training, stacked from the bottom by easy running, hard"
            " running (hard and very hard efforts), walking, cross-training and strength."
            " Under each bar: the week's number and its part in the plan."
        )
    ]
    for week, split in zip(plan.weeks, minutes):
        parts = ", ".join(f"{_m(split[k])} {_WORDS[k]}" for k in _FILL if split[k] > 0)
        text.append(_week_words(week, parts) + ".")
    return " ".join(text)


# --- one week -------------------------------------------------------------------------

_COLUMN = 124
_STRIP = 48
_STRIP_GAP = 8
_DAY_HEAD = 30
_LABEL_LINES = 3
_LABEL_LINE = 13


def _kind_words(kind: SessionKind) -> list[str]:
    return wrap(kind.value.replace("_", " "), 9)


def _week_chart(week: Week, title: str | None) -> str:
    heading = title or f"Week {week.number} ({week.kind.value}): sessions by effort"
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
    width = legend_x + _LEGEND_WIDTH + _MARGIN
    under = 16 + _LABEL_LINE * _LABEL_LINES
    legend_items = [*((fill, name) for name, fill in INTENSITIES), (STRENGTH, "strength session")]
    height = (
        plot_y + max(_PLOT_HEIGHT + under, _legend_height(len(legend_items)) - _DAY_HEAD) + _MARGIN
    )
    out = _head(width, height, heading, _week_desc(week))
    out.extend(
        _axis(plot_x, plot_y, _PLOT_HEIGHT, step, top, down=True, name="minutes from the start")
    )
    for i, day in enumerate(week.days):
        left = plot_x + i * _COLUMN
        centre = left + _COLUMN / 2
        out.append(
            f'<g class="day" data-day="{day.number}">'
            f'<text x="{_n(centre)}" y="{_n(days_y + 16)}" text-anchor="middle" font-size="13"'
            f' font-weight="bold" fill="{_TEXT}">Day {day.number}</text>'
        )
        sessions: list[RunSession | StrengthSession] = [
            s for s in (day.run, day.strength) if s is not None
        ]
        if not sessions:
            out.append(
                f'<text class="rest" x="{_n(centre)}" y="{_n(plot_y + 20)}" text-anchor="middle"'
                f' font-size="12" fill="{_TEXT}">rest</text>'
            )
        span = len(sessions) * _STRIP + (len(sessions) - 1) * _STRIP_GAP
        x = centre - span / 2
        for session in sessions:
            out.extend(_strip(session, day.number, x, plot_y, scale))
            x += _STRIP + _STRIP_GAP
        out.append("</g>")
    out.extend(_legend("Effort", legend_items, legend_x, days_y))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _strip(
    session: RunSession | StrengthSession, day: int, x: float, y: float, scale: float
) -> list[str]:
    if isinstance(session, RunSession):
        kind, words = session.kind.value, _kind_words(session.kind)
        what = f"{session.exercise.name}, {session.minutes} minutes"
        pieces = list(_pieces(session))
    else:
        kind, words = SessionKind.STRENGTH.value, ["strength"]
        names = ", ".join(item.exercise.name for item in session.items)
        what = f"strength, {session.minutes} minutes" + (f": {names}" if names else "")
        pieces = [("strength", session.minutes * 60, "strength")]
    out = [
        (
            f'<g class="session" data-day="{day}" data-kind="{_attr(kind)}"'
            f' data-minutes="{session.minutes}"><title>Day {day}: {_text(what)}</title>'
        )
    ]
    done = 0
    for label, seconds, intensity in pieces:
        fill = STRENGTH if intensity == "strength" else _STEP_FILL.get(intensity, _FILL["easy"])
        out.append(
            f'<rect class="step" data-intensity="{_attr(intensity)}" data-seconds="{seconds}"'
            f' x="{_n(x)}" y="{_n(y + done / 60 * scale)}" width="{_STRIP}"'
            f' height="{_n(seconds / 60 * scale)}" fill="{fill}"><title>{_text(label)}:'
            f" {_duration(seconds)}, {_text(intensity)}</title></rect>"
        )
        done += seconds
    out.append(
        f'<rect class="outline" x="{_n(x)}" y="{_n(y)}" width="{_STRIP}"'
        f' height="{_n(done / 60 * scale)}" fill="none" stroke="{_TEXT}" stroke-width="0.8"/>'
    )
    middle = x + _STRIP / 2
    label_y = y + _PLOT_HEIGHT + 16
    lines = [f"{session.minutes} min", *words][:_LABEL_LINES]
    out.extend(
        f'<text x="{_n(middle)}" y="{_n(label_y + _LABEL_LINE * i)}" text-anchor="middle"'
        f' font-size="11" fill="{_TEXT}">{_text(line)}</text>'
        for i, line in enumerate(lines)
    )
    out.append("</g>")
    return out


def _duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def _step_words(step: Step) -> str:
    work = f"{step.label} {_duration(step.seconds)} {step.intensity.name}"
    if step.recovery_seconds:
        recovery = step.recovery.name if step.recovery is not None else "easy"
        work += f", then {_duration(step.recovery_seconds)} {recovery}"
    return work if step.repeats == 1 else f"{step.repeats} times ({work})"


def _week_desc(week: Week) -> str:
    text = [
        (
            f"The days of week {week.number} ({week.kind.value}), one column each; each"
            " session is a vertical strip from its start at the top to its end at the bottom,"
            " its steps coloured by effort: walk, easy, hard or very hard, and strength work"
            " in one block."
        )
    ]
    for day in week.days:
        sessions = []
        if day.run is not None:
            steps = "; ".join(_step_words(step) for step in day.run.steps)
            sessions.append(
                f"{day.run.kind.value.replace('_', ' ')} session ({day.run.exercise.name}),"
                f" {day.run.minutes} minutes" + (f": {steps}" if steps else "")
            )
        if day.strength is not None:
            sessions.append(f"strength session, {day.strength.minutes} minutes")
        text.append(f"Day {day.number}: {' and '.join(sessions) or 'rest'}.")
    return " ".join(text)
