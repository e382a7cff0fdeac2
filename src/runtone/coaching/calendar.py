"""A plan as an iCalendar file: one all-day event per session, for a calendar app to import."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from .._ics import CalendarEvent, calendar
from .._vocab import words
from ..errors import shown

if TYPE_CHECKING:
    from .sessions import Plan, RunSession, StrengthSession

__all__ = ["plan_calendar"]


def _run_text(run: RunSession) -> str:
    lines = [f"{run.minutes} min: {run.why}." if run.why else f"{run.minutes} min."]
    for step in run.steps:
        minutes = step.seconds / 60
        length = f"{minutes:g} min" if step.seconds % 60 == 0 else f"{step.seconds} s"
        part = f"- {step.label}: {length} {step.intensity.name}"
        if step.repeats > 1 or step.recovery_seconds:
            part = f"- {step.repeats} x {step.label} {length} {step.intensity.name}"
            if step.recovery_seconds and step.recovery is not None:
                part += f", {step.recovery_seconds} s {step.recovery.name} between"
        part += f" (effort {step.intensity.rpe_min}-{step.intensity.rpe_max} of 20)"
        lines.append(part)
    if run.dose is not None:
        lines.append(f"Protocol: {run.dose.text}")
    cited = [s.title for s in run.sources]
    if cited:
        lines.append("Sources: " + "; ".join(cited))
    return "\n".join(lines)


def _strength_text(session: StrengthSession) -> str:
    lines = [f"{session.minutes} min of strength work:"]
    for item in session.items:
        default = " (runtone's default: no source gives a dose)" if item.default_dosage else ""
        dose = f"{item.sets} x {item.reps}" if item.sets is not None else item.reps
        needs = ", ".join(sorted(words(e) for e in item.needs))
        lines.append(
            f"- {item.exercise.name}: {dose}{default}" + (f" (needs {needs})" if needs else "")
        )
        if item.why:
            lines.append(f"  Why: {item.why}")
    return "\n".join(lines)


def plan_calendar(plan: Plan, start: dt.date) -> str:
    """The calendar text of ``plan`` with its first day on ``start``.

    Raises:
        TypeError: ``start`` is not a date (a datetime is not a date here either).
    """
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
        raise TypeError(f"start: expected a datetime.date, got {shown(start)}")
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
                        summary=f"{words(run.kind).capitalize()} {run.minutes} min",
                        description=_run_text(run),
                        categories=("runtone", words(run.kind)),
                    )
                )
            if day.strength is not None:
                events.append(
                    CalendarEvent(
                        uid=f"{base}-strength@runtone",
                        start=when,
                        summary=f"Strength {day.strength.minutes} min",
                        description=_strength_text(day.strength),
                        categories=("runtone", "strength"),
                    )
                )
    return calendar(events, name="runtone plan")
