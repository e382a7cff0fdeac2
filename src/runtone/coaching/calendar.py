"""A plan as an iCalendar file: one all-day event per session, for a calendar app to import.

The calendar's own words (its name, each event's summary, the lines of its description
and its categories but the tag ``runtone``) are in the plan's language
(:attr:`Plan.locale <runtone.Plan.locale>`), from the texts' catalog (keys
``calendar/...``); the texts the engine wrote into the plan are shown as they are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from .._ics import CalendarEvent, calendar
from .._messages import Words, words
from .._texts.charts import summary_key
from .._texts.plans import intensity as _intensity
from .._vocab import SessionKind
from ..errors import shown

if TYPE_CHECKING:
    from .sessions import Plan, RunSession, StrengthSession

__all__ = ["plan_calendar"]


def _run_text(run: RunSession, say: Words) -> str:
    lines = [
        say("calendar/run/why", minutes=run.minutes, why=run.why)
        if run.why
        else say("calendar/run", minutes=run.minutes)
    ]
    for step in run.steps:
        length = (
            say("units/minutes", minutes=f"{step.seconds / 60:g}")
            if step.seconds % 60 == 0
            else say("units/seconds", seconds=step.seconds)
        )
        fields = {
            "label": step.label,
            "length": length,
            "intensity": _intensity(say, step.intensity.name),
            "low": step.intensity.rpe_min,
            "high": step.intensity.rpe_max,
        }
        if not (step.repeats > 1 or step.recovery_seconds):
            lines.append(say("calendar/step", **fields))
        elif step.recovery_seconds and step.recovery is not None:
            lines.append(
                say(
                    "calendar/step/repeats/recovery",
                    repeats=step.repeats,
                    recovery_seconds=step.recovery_seconds,
                    recovery=_intensity(say, step.recovery.name),
                    **fields,
                )
            )
        else:
            lines.append(say("calendar/step/repeats", repeats=step.repeats, **fields))
    if run.dose is not None:
        lines.append(say("calendar/protocol", protocol=run.dose.text))
    cited = [s.title for s in run.sources]
    if cited:
        lines.append(say("calendar/sources", sources=say("calendar/sources/separator").join(cited)))
    return "\n".join(lines)


def _strength_text(session: StrengthSession, say: Words) -> str:
    lines = [say("calendar/strength", minutes=session.minutes)]
    for item in session.items:
        dose = (
            say("calendar/sets", sets=item.sets, reps=item.reps)
            if item.sets is not None
            else item.reps
        )
        needs = say("units/list").join(sorted(say.member(e) for e in item.needs))
        key = "calendar/item/default" if item.default_dosage else "calendar/item"
        if needs:
            lines.append(
                say(f"{key}/needs", exercise=item.exercise.name, dose=dose, equipment=needs)
            )
        else:
            lines.append(say(key, exercise=item.exercise.name, dose=dose))
        if item.why:
            lines.append(say("calendar/why", why=item.why))
    return "\n".join(lines)


def plan_calendar(plan: Plan, start: dt.date) -> str:
    """The calendar text of ``plan`` with its first day on ``start``.

    Raises:
        TypeError: ``start`` is not a date (a datetime is not a date here either).
    """
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
        raise TypeError(f"start: expected a datetime.date, got {shown(start)}")
    say = words(plan.locale)
    events: list[CalendarEvent] = []
    # Ids unique to this plan and start, so that two plans imported into one calendar
    # never overwrite each other's events, and the same plan re-imported replaces itself.
    shape = ";".join(
        f"{w.number}.{d.number}:{d.run.kind.value if d.run else ''}{d.minutes}"
        for w in plan.weeks
        for d in w.days
    )
    key = hashlib.sha256(f"{start.isoformat()}|{plan.profile!r}|{shape}".encode()).hexdigest()[:16]
    for week in plan.weeks:
        for day in week.days:
            when = start + dt.timedelta(days=(week.number - 1) * 7 + day.number - 1)
            base = f"{key}-w{week.number}d{day.number}"
            if day.run is not None:
                run = day.run
                events.append(
                    CalendarEvent(
                        uid=f"{base}-run@runtone",
                        start=when,
                        summary=say(summary_key(run.kind), minutes=run.minutes),
                        description=_run_text(run, say),
                        categories=("runtone", say.member(run.kind)),
                    )
                )
            if day.strength is not None:
                events.append(
                    CalendarEvent(
                        uid=f"{base}-strength@runtone",
                        start=when,
                        summary=say(
                            summary_key(SessionKind.STRENGTH), minutes=day.strength.minutes
                        ),
                        description=_strength_text(day.strength, say),
                        categories=("runtone", say.member(SessionKind.STRENGTH)),
                    )
                )
    return calendar(events, name=say("calendar/name"))
