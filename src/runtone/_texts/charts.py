"""The plan chart's words (:func:`runtone.plan_chart`) and the plan calendar's (``Plan.to_ics``).

The chart's keys begin ``chart/``, the calendar's ``calendar/``.  A number with a decimal
point in the chart (``12.5 easy running``) is written with ``diagram/decimal``.
"""

from __future__ import annotations

from .._vocab import SessionKind, words

#: The plan chart's kinds of minutes in words, by the key of ``CATEGORIES`` in
#: :mod:`runtone.coaching.charts` (which keeps them in English, as public values).
CATEGORY_WORDS: dict[str, str] = {
    "easy": "easy running",
    "hard": "hard running (hard and very hard)",
    "walk": "walking",
    "cross_training": "cross-training",
    "strength": "strength",
}


def category_key(category: str) -> str:
    """The key of a kind of minutes' words (``chart/category/easy``)."""
    return f"chart/category/{category}"


def summary_key(kind: SessionKind) -> str:
    """The key of a calendar event's summary for a session of ``kind``."""
    return f"calendar/summary/{kind.value}"


#: The English of each text, by key.
TEXTS: dict[str, str] = {
    # The whole plan: a bar a week, stacked by kind of minutes.
    **{category_key(key): english for key, english in CATEGORY_WORDS.items()},
    "chart/load/title": "Training load of a {weeks}-week plan: minutes a week",
    "chart/load/axis": "minutes a week",
    "chart/load/weeks": "week",
    "chart/load/legend": "Training, top to bottom",
    "chart/load/part": "{minutes} {category}",
    "chart/load/week": "Week {number} ({kind}): {minutes} minutes",
    "chart/load/week/parts": "Week {number} ({kind}): {minutes} minutes: {parts}",
    "chart/load/segment": "Week {number}: {minutes} minutes of {category}",
    "chart/load/desc": (
        "A bar chart of a {weeks}-week plan: one bar per week, its height the week's minutes"
        " of training, stacked from the bottom by easy running, hard running (hard and very"
        " hard efforts), walking, cross-training and strength. Under each bar: the week's"
        " number and its part in the plan."
    ),
    "chart/load/desc/empty": (
        "A chart of a plan's weekly minutes of training; the plan has no weeks."
    ),
    "chart/load/desc/week": "Week {number} ({kind}): {minutes} minutes.",
    "chart/load/desc/week/parts": "Week {number} ({kind}): {minutes} minutes: {parts}.",
    # One week: a column a day, a strip a session.
    "chart/week/title": "Week {number} ({kind}): sessions by effort",
    "chart/week/axis": "minutes from the start",
    "chart/week/day": "Day {number}",
    "chart/week/rest": "rest",
    "chart/week/legend": "Effort",
    "chart/week/legend/strength": "strength session",
    "chart/week/session": "Day {day}: {session}",
    "chart/week/run": "{exercise}, {minutes} minutes",
    "chart/week/strength": "strength, {minutes} minutes",
    "chart/week/strength/items": "strength, {minutes} minutes: {exercises}",
    "chart/week/piece": "{label}: {duration}, {effort}",
    "chart/week/piece/repeat": "{label} {repeat} of {repeats}",
    "chart/week/piece/recovery": "{label}: recovery",
    "chart/week/piece/strength": "strength: {duration}, strength",
    "chart/week/desc": (
        "The days of week {number} ({kind}), one column each; each session is a vertical"
        " strip from its start at the top to its end at the bottom, its steps coloured by"
        " effort: walk, easy, hard or very hard, and strength work in one block."
    ),
    "chart/week/desc/step": "{label} {duration} {intensity}",
    "chart/week/desc/step/recovery": (
        "{label} {duration} {intensity}, then {recovery_duration} {recovery}"
    ),
    "chart/week/desc/step/repeats": "{repeats} times ({step})",
    "chart/week/desc/steps": "; ",
    "chart/week/desc/run": "{kind} session ({exercise}), {minutes} minutes",
    "chart/week/desc/run/steps": "{kind} session ({exercise}), {minutes} minutes: {steps}",
    "chart/week/desc/strength": "strength session, {minutes} minutes",
    "chart/week/desc/day": "Day {number}: {sessions}.",
    "chart/week/desc/rest": "Day {number}: rest.",
    # The calendar: its name, each event's summary and description.
    "calendar/name": "runtone plan",
    **{summary_key(kind): f"{words(kind).capitalize()} {{minutes}} min" for kind in SessionKind},
    "calendar/run": "{minutes} min.",
    "calendar/run/why": "{minutes} min: {why}.",
    "calendar/step": "- {label}: {length} {intensity} (effort {low}-{high} of 20)",
    "calendar/step/repeats": (
        "- {repeats} x {label} {length} {intensity} (effort {low}-{high} of 20)"
    ),
    "calendar/step/repeats/recovery": (
        "- {repeats} x {label} {length} {intensity}, {recovery_seconds} s {recovery} between"
        " (effort {low}-{high} of 20)"
    ),
    "calendar/protocol": "Protocol: {protocol}",
    "calendar/sources": "Sources: {sources}",
    "calendar/sources/separator": "; ",
    "calendar/strength": "{minutes} min of strength work:",
    "calendar/sets": "{sets} x {reps}",
    "calendar/item": "- {exercise}: {dose}",
    "calendar/item/default": "- {exercise}: {dose} (runtone's default: no source gives a dose)",
    "calendar/item/needs": "- {exercise}: {dose} (needs {equipment})",
    "calendar/item/default/needs": (
        "- {exercise}: {dose} (runtone's default: no source gives a dose) (needs {equipment})"
    ),
    "calendar/why": "  Why: {why}",
}
