"""What a plan is made of: sessions with their structure, days, weeks, and the plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .._default import check_locale
from .._repr import describe
from .._vocab import Equipment, SessionKind, WeekKind

if TYPE_CHECKING:
    import datetime  # noqa: ICN001 - the docs show the signature as written: datetime.date

    from .._recommend import Suggestion
    from .._records import Dose, Exercise, Injury, Recommendation, Source, TrainingRule
    from .profile import Profile

__all__ = [
    "Adjustment",
    "Change",
    "Day",
    "Intensity",
    "Note",
    "Plan",
    "RunSession",
    "Step",
    "StrengthItem",
    "StrengthSession",
    "Week",
]


@attrs.frozen
class Intensity:
    """How hard a part of a session is, on the 6-20 effort scale and by the talk test.

    Attributes:
        name: ``"walk"``, ``"easy"``, ``"hard"`` or ``"very hard"``.
        rpe_min: Least rating of perceived exertion (6-20 scale).
        rpe_max: Most rating of perceived exertion (6-20 scale).
        talk: What the runner can still say at this effort.
        rules: The load rules it comes from.
    """

    name: str
    rpe_min: int
    rpe_max: int
    talk: str
    rules: tuple[TrainingRule, ...]

    def __repr__(self) -> str:
        return describe(self, ("name",), ("rpe_min", "rpe_max"))


@attrs.frozen
class Step:
    """One part of a session, done ``repeats`` times in a row.

    A repeated step with a recovery is an interval set: ``repeats`` x (``seconds``
    of work, then ``recovery_seconds`` of recovery).

    Attributes:
        label: What to do, in words ("warm up", "run", "uphill", "stride").
        repeats: How many times (1 for a single stretch).
        seconds: How long each time.
        intensity: How hard.
        recovery_seconds: The recovery after each repeat, or 0 for none.
        recovery: How hard the recovery is, or ``None`` when there is none.
    """

    label: str
    repeats: int
    seconds: int
    intensity: Intensity
    recovery_seconds: int = 0
    recovery: Intensity | None = None

    def __repr__(self) -> str:
        return describe(self, ("label",), ("repeats", "seconds", "recovery_seconds"))

    @property
    def total_seconds(self) -> int:
        """The step's whole time, its recoveries included."""
        return self.repeats * (self.seconds + self.recovery_seconds)


@attrs.frozen
class RunSession:
    """A running (or cross-training) session with the structure to render and time it.

    Attributes:
        exercise: The workout record it carries out.
        minutes: How long, warm-up and cool-down included.
        recommendations: The recommendations it comes from.
        kind: What sort of session.
        steps: Its parts in order; their times add up to :attr:`minutes`.
        rules: The load rules that set its length or intensity.
        dose: The published protocol its structure follows, or ``None``.
        why: Why it is in the plan, in a sentence.
        needs: Equipment it needs that the profile does not list (only cross-training
            in place of running is planned without it); empty otherwise.
    """

    exercise: Exercise
    minutes: int
    recommendations: tuple[Recommendation, ...]
    kind: SessionKind = SessionKind.EASY
    steps: tuple[Step, ...] = ()
    rules: tuple[TrainingRule, ...] = ()
    dose: Dose | None = None
    why: str = ""
    needs: frozenset[Equipment] = frozenset()

    def __repr__(self) -> str:
        return describe(self, ("exercise",), ("kind", "minutes", "steps", "recommendations"))

    @property
    def hard_minutes(self) -> float:
        """Minutes of the session harder than easy running."""
        return (
            sum(s.repeats * s.seconds for s in self.steps if s.intensity.name in HARD_EFFORTS) / 60
        )

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources behind the session (its dose's, rules' and recommendations')."""
        found = list(self.dose.sources if self.dose else ())
        found += [s for r in self.rules for s in r.sources]
        found += [s for r in self.recommendations for s in r.sources]
        return tuple(dict.fromkeys(found))


#: The intensities that count as hard running (the mostly-easy rule's hard share).
HARD_EFFORTS = frozenset({"hard", "very hard"})


@attrs.frozen
class StrengthItem:
    """One exercise of a strength session.

    Attributes:
        exercise: The exercise.
        sets: Sets to do, or ``None`` when the protocol gives no number of sets (then
            :attr:`reps` is the protocol in words).
        reps: Repetitions (or holds) a set, in words.
        recommendations: The recommendations it comes from.
        default_dosage: ``True`` when no source gives the exercise a dose and the
            numbers are runtone's starting default, not a sourced dose.
        dose: The published protocol the numbers come from, or ``None``.
        why: Why it is in the plan, in a sentence.
        injury: The injury it treats or helps prevent, or ``None``.
        needs: Equipment it needs that the profile does not list (only a current
            injury's treatment is planned without its equipment); empty otherwise.
    """

    exercise: Exercise
    sets: int | None
    reps: str
    recommendations: tuple[Recommendation, ...]
    default_dosage: bool
    dose: Dose | None = None
    why: str = ""
    injury: Injury | None = None
    needs: frozenset[Equipment] = frozenset()

    def __repr__(self) -> str:
        return describe(self, ("exercise",), ("sets", "reps", "default_dosage", "recommendations"))


@attrs.frozen
class StrengthSession:
    """A strength session.

    Attributes:
        items: The exercises, in order.
        minutes: How long.
        recommendations: The recommendations it carries out.
    """

    items: tuple[StrengthItem, ...]
    minutes: int
    recommendations: tuple[Recommendation, ...]

    def __repr__(self) -> str:
        return describe(self, (), ("items", "minutes", "recommendations"))


@attrs.frozen
class Day:
    """One day of a week.

    Attributes:
        number: 1 for the first day of the week to 7 for the last (the same
            numbering as weeks, the command line and the JSON).
        run: The running or cross-training session, or ``None``.
        strength: The strength session, or ``None``.
    """

    number: int
    run: RunSession | None = None
    strength: StrengthSession | None = None

    def __repr__(self) -> str:
        return describe(self, (attrs.fields(Day)[0].name,), ("run", "strength"))  # the day's number

    @property
    def is_rest(self) -> bool:
        """``True`` on a day with no session."""
        return self.run is None and self.strength is None

    @property
    def minutes(self) -> int:
        """Minutes of training that day."""
        return (self.run.minutes if self.run else 0) + (
            self.strength.minutes if self.strength else 0
        )


@attrs.frozen
class Change:
    """One way a week differs from the week before it, and the rules behind it.

    Attributes:
        text: The change in a sentence.
        rules: The load rules that call for it.
    """

    text: str
    rules: tuple[TrainingRule, ...] = ()

    def __repr__(self) -> str:
        return describe(self, ("text",), ("rules",))


@attrs.frozen
class Week:
    """One week of a plan.

    Attributes:
        number: 1 for the first week.
        days: Seven days.
        kind: The part the week plays (start, build, hold, lighter, taper).
        changes: How it differs from the week before, and why.
    """

    number: int
    days: tuple[Day, ...]
    kind: WeekKind = WeekKind.BUILD
    changes: tuple[Change, ...] = ()

    def __repr__(self) -> str:
        return describe(self, ("number",), ("days", "minutes", "kind"))

    @property
    def minutes(self) -> int:
        """Minutes of training that week."""
        return sum(day.minutes for day in self.days)

    @property
    def run_minutes(self) -> int:
        """Minutes of running that week (cross-training and strength left out)."""
        return sum(
            d.run.minutes
            for d in self.days
            if d.run is not None and d.run.kind is not SessionKind.CROSS_TRAINING
        )


@attrs.frozen
class Adjustment:
    """A number of days a week that a plan could not give as its profile asked, and why.

    Attributes:
        field: The profile's field: ``"running_days"`` or ``"strength_days"``.
        asked: The profile's value.
        planned: The days a week the plan gives instead (always fewer).
        reason: Why, in a sentence.
    """

    field: str
    asked: int
    planned: int
    reason: str

    def __repr__(self) -> str:
        return describe(self, ("field",), ("asked", "planned", "reason"))


@attrs.frozen
class Note:
    """Something the runner should know about the whole plan, with where it comes from.

    Attributes:
        text: The note.
        injury: The injury it is about, or ``None``.
        rules: The load rules it comes from.
        sources: Its sources.
    """

    text: str
    injury: Injury | None = None
    rules: tuple[TrainingRule, ...] = ()
    sources: tuple[Source, ...] = ()

    def __repr__(self) -> str:
        return describe(self, ("text",), ("injury", "rules", "sources"))


@attrs.frozen
class Plan:
    """A plan of weeks for a profile, built from its suggestions and the load rules.

    Every week has exactly the profile's running days and strength days, except
    where :attr:`adjustments` says the plan gives fewer and why.

    Attributes:
        profile: The runner it was made for.
        weeks: The weeks, in order.
        suggestions: The ranked suggestions it draws on.
        adjustments: Each of the profile's day counts that the plan could not
            give, with the days it gives instead and why; empty when it gives
            every day asked for.
        notes: What the runner should know about the plan as a whole: when to
            see a clinician, how much pain is acceptable, what was assumed.
        rules: Every load rule the plan applies.
        locale: The language of its texts (its notes, changes, reasons and steps),
            the dataset's it was made from (:attr:`Dataset.locale
            <runtone.Dataset.locale>`); text output, the plan chart and the calendar
            write their own words in it too.

    >>> p = runtone.plan(runtone.Profile(running_days=3, strength_days=2), weeks=2)
    >>> len(p.weeks), [len(w.days) for w in p.weeks]
    (2, [7, 7])
    """

    profile: Profile
    weeks: tuple[Week, ...]
    suggestions: tuple[Suggestion, ...]
    adjustments: tuple[Adjustment, ...] = ()
    notes: tuple[Note, ...] = ()
    rules: tuple[TrainingRule, ...] = ()
    locale: str = attrs.field(
        default="en", validator=lambda _plan, _field, value: check_locale(value)
    )

    def __repr__(self) -> str:
        return describe(self, (), ("weeks", "suggestions", "adjustments", "notes"))

    def to_ics(self, start: datetime.date) -> str:
        """The plan as an iCalendar file's text (RFC 5545): one event per session.

        Week 1, day 1 falls on ``start``; each event is a whole day, with the
        session's structure, dose and sources in its description.

        >>> import datetime
        >>> ics = runtone.plan(runtone.Profile(), weeks=1).to_ics(datetime.date(2027, 1, 4))
        >>> ics.startswith("BEGIN:VCALENDAR"), ics.count("BEGIN:VEVENT")
        (True, 5)

        Raises:
            TypeError: ``start`` is not a ``datetime.date``.
        """
        from .calendar import plan_calendar  # noqa: PLC0415 - only this method needs it

        return plan_calendar(self, start)
