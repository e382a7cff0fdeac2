"""The plan engine: weeks of sessions that start where the runner is and follow the load rules.

How a plan is made, in order:

1. The days: running days and strength days as the profile gives them (beginners
   run on the run-walk rule's days a week at most; strength work 2 to 3 days).
2. Each week's running minutes: week 1 is where the runner is now (the profile's
   weekly minutes, else a stated assumption); later weeks build by at most the
   weekly rules' percentages over the last full week, every third or fourth week is
   lighter, a race goal's last weeks taper, and a current injury holds the running
   and gives a day to cross-training.  Beginners follow the run-walk ramp instead,
   one stage a week, whatever the plan's length.
3. Each session's length: its share of the week, never over the profile's minutes a
   session nor more than the single-run rule allows over the longest run of the 30
   days before it (the profile's longest recent run counts for the plan's first 30
   days).
4. The sessions' structure: run-walk spells, easy and long runs, strides, tempo,
   intervals and hill repeats from the data's published doses, with the hard share
   of the week kept within the mostly-easy rule.
5. Strength work: treatment exercises of current injuries and prevention work of
   past ones first, with their trial doses, then the profile's suggestions.
"""

from __future__ import annotations

import bisect
import math
from typing import TYPE_CHECKING, Callable, cast

import attrs

from .._dataset import check_dataset
from .._messages import Words, words
from .._recommend import Suggestion, _resolved, doable, recommend
from .._vocab import (
    Equipment,
    EvidenceGrade,
    ExerciseKind,
    Goal,
    Level,
    SessionKind,
    WeekKind,
)
from ..errors import ProfileError, shown
from .profile import DAYS_IN_WEEK, MIN_MINUTES, Profile, _dataset
from .rules import Rules, rules_of
from .sessions import (
    HARD_EFFORTS,
    Adjustment,
    Change,
    Day,
    Intensity,
    Note,
    Plan,
    RunSession,
    Step,
    StrengthItem,
    StrengthSession,
    Week,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .._dataset import Dataset
    from .._records import Dose, Exercise, Finding, Injury, Recommendation, TrainingRule

__all__ = ["MAX_WEEKS", "plan"]

MAX_WEEKS = 52
#: Strength days a week that the evidence supports (ACSM; Blagrove et al. 2018).
STRENGTH_DAYS = (2, 3)
#: runtone's starting dose where no source gives one (flagged on every such item).
DEFAULT_SETS = 2
MAX_STRENGTH_ITEMS = 6
#: Exercises of an injury's treatment or prevention finding that a plan takes.
PER_INJURY = 2
STRENGTH_KINDS = frozenset({ExerciseKind.STRENGTH, ExerciseKind.PLYOMETRIC, ExerciseKind.MOBILITY})
#: Minutes of a strength session when it has a day to itself.
STRENGTH_MINUTES = 30
#: When the profile gives no current running, a non-beginner's first week is assumed
#: to fill this share of the running time the profile has (runtone's default, said in
#: the plan's notes).
ASSUMED_SHARE = 2 / 3
#: The long run's weight against another run's when a week is shared out (runtone's
#: planning default: the long run is half as long again as an easy run).
LONG_WEIGHT = 1.5

#: Minutes below this are rounding, not running.
EPSILON = 1e-9
#: Run-walk spells are whole multiples of this many seconds.
SPELL = 15
#: Ratings on the 6-20 scale of perceived exertion that the effort rule leaves open:
#: walking from "extremely light" to "light" (7 to 11), easy running from "very light"
#: (9), and very hard work below the scale's maximal 19 and 20 (the four-minute
#: intervals' dose is 90 to 95% of maximal heart rate, not a maximal effort).
WALK = (7, 11)
EASY_FROM = 9
VERY_HARD_TO = 18

EASY_RUN = "easy-long-run"
RUN_WALK = "run-walk-intervals"
#: Quality sessions in the order a plan rotates them, by workout id.
QUALITY = ("tempo-run", "interval-running", "uphill-running")
STRIDES = "strides"
#: The shortest easy run that strides are added to.
STRIDES_MINUTES = 15
CROSS = ("cycling",)
#: The advice a plan's strength days fall back on when no suggestion has strength work
#: (two to three sessions a week for the major leg muscles, for every runner).
GENERAL_STRENGTH = "combine-running-and-strength"
#: Exercises a plan takes from that advice.
GENERAL_ITEMS = 3
#: Equipment that lets a runner lift a load heavier than body weight.
WEIGHTS = frozenset({Equipment.BARBELL, Equipment.DUMBBELLS, Equipment.LEG_PRESS_MACHINE})


def _spread(count: int, free: list[int]) -> list[int]:
    """``count`` days picked evenly from ``free`` (sorted day indexes)."""
    if count <= 0 or not free:
        return []
    count = min(count, len(free))
    step = len(free) / count
    return sorted({free[int(i * step)] for i in range(count)})


def _check(profile: object, weeks: object) -> None:
    if isinstance(weeks, bool) or not isinstance(weeks, int):
        raise TypeError(f"weeks: expected a whole number, got {shown(weeks)}")
    if not 1 <= weeks <= MAX_WEEKS:
        raise ProfileError("weeks", f"must be from 1 to {MAX_WEEKS}, got {shown(weeks)}")
    if not isinstance(profile, Profile):
        raise TypeError(f"profile: expected a runtone.Profile, got {shown(profile)}")
    if profile.running_days == 0 and profile.strength_days == 0:
        raise ProfileError(
            "profile",
            "running_days and strength_days are both 0: there is no day to plan; "
            "give at least one day of running or of strength work",
        )


def plan(
    profile: Profile,
    *,
    weeks: int = 4,
    min_evidence: EvidenceGrade | str | None = None,
    dataset: Dataset | None = None,
) -> Plan:
    """A week-by-week plan for a profile, following the dataset's load rules.

    Week 1 starts where the runner is: beginners with run-walk spells, others
    with the running they report (``weekly_minutes``, ``longest_run``). Each later
    week builds within the weekly rules, every fourth week is lighter, a race goal
    tapers over its last weeks, and no run is more than the single-run rule allows
    over the longest run of the 30 days before it. The ramp does not depend on
    ``weeks``: a longer plan just goes further. A current injury holds the
    running, swaps a run for cross-training, drops hard sessions and adds its
    treatment exercises; a past one adds its prevention work. Every session,
    item and change says which recommendations and rules it comes from.

    Args:
        profile: The runner.
        weeks: How many weeks, 1 to 52.
        min_evidence: Use only advice graded at least this.
        dataset: The dataset to draw from; the packaged one by default. The
            profile's records are taken by id in it, as :func:`recommend` does,
            and the plan's profile is the profile so resolved.

    Raises:
        ProfileError: ``weeks`` is out of range, ``min_evidence`` unknown, or
            the profile has neither running days nor strength days (nothing to
            plan; the error's field is ``profile``).
        UnknownIdError: ``dataset`` has no record with the id of one of the
            profile's (the error's field is ``profile.<field>``), or lacks a load
            rule the engine needs (field ``dataset``).
        TypeError: an argument has the wrong type.

    >>> p = runtone.Profile(level="beginner", strike_pattern="heel", running_days=3)
    >>> week = runtone.plan(p, weeks=4).weeks[0]
    >>> sum(1 for day in week.days if day.run), week.days[0].run.kind.value
    (3, 'run_walk')
    """
    _check(profile, weeks)
    ds = _dataset() if dataset is None else check_dataset(dataset)
    profile = _resolved(profile, ds)
    suggestions = recommend(profile, min_evidence=min_evidence, dataset=ds)
    return _Engine(profile, ds, suggestions, rules_of(ds)).build(weeks)


# --- intensities ----------------------------------------------------------------------


def _intensities(rules: Rules, say: Words) -> dict[str, Intensity]:
    bands = rules.effort
    light, hard_min = int(bands.value("light_max")), int(bands.value("hard_min"))
    hard_max, very = int(bands.value("hard_max")), int(bands.value("very_hard_min"))
    effort = (rules.effort,)
    return {
        "walk": Intensity("walk", WALK[0], WALK[1], say("plan/talk/walk"), effort),
        "easy": Intensity(
            "easy", EASY_FROM, light, say("plan/talk/easy"), (rules.effort, rules.talk)
        ),
        "hard": Intensity("hard", hard_min, hard_max, say("plan/talk/hard"), effort),
        "very hard": Intensity("very hard", very, VERY_HARD_TO, say("plan/talk/very hard"), effort),
    }


# --- the engine -----------------------------------------------------------------------


class _History:
    """Every planned run by its day since the plan began, for the 30-day rule.

    The runs are kept in day order (each week adds its runs after the last one's), as
    two lists side by side, so that the runs of a window are found by bisection.
    """

    __slots__ = ("days", "minutes", "start_reference", "window")

    def __init__(self, window: int, start_reference: int | None) -> None:
        self.window = window
        self.start_reference = start_reference
        self.days: list[int] = []
        self.minutes: list[int] = []

    def add(self, day: int, minutes: int) -> None:
        """Record a run on ``day``, a later day than any recorded so far."""
        self.days.append(day)
        self.minutes.append(minutes)

    def drop(self, count: int) -> None:
        """Forget the last ``count`` runs (ones recorded provisionally)."""
        if count:
            del self.days[-count:]
            del self.minutes[-count:]

    def add_week(self, first_day: int, lengths: dict[int, int]) -> None:
        """Record a week's runs: its run days' lengths by day index, in day order."""
        days, minutes = self.days, self.minutes
        for d, length in lengths.items():  # a loop: a comprehension is a call of its own
            if length > 0:
                days.append(first_day + d)
                minutes.append(length)

    def reference(self, day: int) -> int | None:
        """The longest run of the ``window`` days before ``day``."""
        return self.references(day, (0,))[0]

    def references(self, first_day: int, offsets: Sequence[int]) -> list[int | None]:
        """:meth:`reference` of each day ``offsets`` after ``first_day`` (ascending, from 0)."""
        days, minutes, window, start = self.days, self.minutes, self.window, self.start_reference
        if (not days or days[-1] < first_day) and first_day >= window:
            return self._suffix_maxima(first_day, offsets)
        found: list[int | None] = []
        for offset in offsets:
            day = first_day + offset
            low = bisect.bisect_left(days, day - window)
            high = bisect.bisect_left(days, day, low)
            runs = minutes[low:high]
            longest = max(runs) if runs else 0  # minutes are never negative
            if day < window and start and start > longest:
                longest = start
            found.append(longest or None)
        return found

    def _suffix_maxima(self, first_day: int, offsets: Sequence[int]) -> list[int | None]:
        """:meth:`references` when every run is before these days and the first 30 are over.

        Each day's window then runs from its start to the last run, and a later day's
        window is within an earlier day's: the longest runs are found from the last day
        back, each window adding only the runs before the next one's.
        """
        days, minutes = self.days, self.minutes
        start = first_day - self.window
        found: list[int | None] = []
        longest = 0
        end = len(minutes)
        for offset in reversed(offsets):
            low = bisect.bisect_left(days, start + offset, 0, end)  # at most ``end``: ascending
            if low < end:
                runs = minutes[low:end]
                most = max(runs)
                if most > longest:  # noqa: PLR1730 - a comparison costs less than a call here
                    longest = most
                end = low
            found.append(longest or None)
        found.reverse()
        return found


class _Engine:
    def __init__(
        self, profile: Profile, ds: Dataset, suggestions: tuple[Suggestion, ...], rules: Rules
    ) -> None:
        self.profile, self.ds, self.suggestions, self.rules = profile, ds, suggestions, rules
        #: The plan's texts, in the dataset's language.
        self.say = say = words(ds.locale)
        self.intensity = _intensities(rules, say)
        self.adjustments: list[Adjustment] = []
        self.notes: list[Note] = []
        self.used: dict[str, TrainingRule] = {}
        self.injured = bool(profile.injuries)
        # Injuries that a trial let runners keep running through (the injury rule's
        # sources marked with that injury as their condition); any other current injury
        # replaces the running (the rule's health-service advice).
        injured_rule = rules.injured
        tolerated = {s.condition for s in injured_rule.sources} if injured_rule else set()
        self.stop_running = any(i.id not in tolerated for i in profile.injuries)
        self.cautious = self.injured or Goal.RETURN_FROM_INJURY in profile.goals
        self.beginner = profile.level is Level.BEGINNER
        self._recs: dict[str, tuple[Recommendation, ...]] = {}
        #: The suggestions' recommendations by each exercise id they use, in rank order.
        self._recs_by_exercise: dict[str, list[Recommendation]] | None = None
        # What the engine would otherwise work out again and again, each worked out once
        # a plan: the rules' numbers, the records it looks up, what a workout holds at a
        # length, the layout of a week's days, and the changes of a held or built week.
        self._values: dict[tuple[str, str], float] = {}
        self._spike_percent: float | None = None
        self._workouts: dict[str, Exercise] = {}
        self._easy_exercise: Exercise | None = None
        self._doable_ids: dict[str, bool] = {}
        #: The quality workouts the profile can do, in the order a plan rotates them.
        self._pool: list[str] | None = None
        self._doses: dict[tuple[str, bool], Dose | None] = {}
        self._builds: dict[tuple[str, int, bool], tuple[SessionKind, tuple[Step, ...], str, int]]
        self._builds = {}
        self._hard: dict[tuple[str, int, bool], float] = {}
        self._layouts: dict[bool, tuple[int | None, list[int]]] = {}
        self._weekly_changes: list[Change] = []
        #: The rules of each kind of session, recorded as used by its first session.
        self._session_rules: dict[str, tuple[TrainingRule, ...]] = {}
        # What a plan is made of, each made once and shared wherever it recurs: sessions
        # by what decides them, steps of easy running by length, days by their number
        # and their sessions' ids (the sessions are kept here, so their ids stay theirs
        # while the plan is built), and weeks' lengths and days by what decides them
        # (see _shared and _days_of).
        self._sessions: dict[tuple[str, int, int], RunSession] = {}
        self._strength_sessions: dict[int, StrengthSession] = {}
        self._cross_sessions: dict[int, RunSession] = {}
        self._easy_steps: dict[int, Step] = {}
        self._day_objects: dict[tuple[int, int, int], Day] = {}
        self._shares: dict[tuple[object, ...], tuple[dict[int, int], bool]] = {}
        self._week_days: dict[tuple[object, ...], tuple[Day, ...]] = {}

    def use(self, *rules: TrainingRule | None) -> tuple[TrainingRule, ...]:
        """The rules given (``None`` left out), each recorded as used the first time."""
        used = self.used
        for rule in rules:
            if rule is None:
                return self.use(*(r for r in rules if r is not None))
            if rule.id not in used:
                used[rule.id] = rule
        return cast("tuple[TrainingRule, ...]", rules)

    def _value(self, rule: TrainingRule, name: str) -> float:
        """``rule.value(name)``, read once a plan."""
        key = (rule.id, name)
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = rule.value(name)
        return found

    # -- days ----------------------------------------------------------------------

    def _days(self) -> tuple[list[int], list[int], list[int]]:
        """Run days, strength days and the run days given to cross-training."""
        p = self.profile
        run_count = p.running_days
        easy = self.ds.get_exercise(RUN_WALK if self.beginner else EASY_RUN)
        if run_count and easy is None:
            wanted = RUN_WALK if self.beginner else EASY_RUN
            reason = self.say("plan/adjust/no-workout", workout=repr(wanted))
            self._adjust("running_days", run_count, 0, reason)
            run_count = 0
        most = int(self._value(self.rules.run_walk, "runs_per_week"))
        if self.beginner and run_count > most:
            self.use(self.rules.run_walk)
            self._adjust(
                "running_days",
                run_count,
                most,
                self.say("plan/adjust/beginner-runs", most=most, rule=self.rules.run_walk.name),
            )
            run_count = most
        strength_count = p.strength_days
        if strength_count > STRENGTH_DAYS[1]:
            self._adjust(
                "strength_days",
                strength_count,
                STRENGTH_DAYS[1],
                self.say(
                    "plan/adjust/strength-days", least=STRENGTH_DAYS[0], most=STRENGTH_DAYS[1]
                ),
            )
            strength_count = STRENGTH_DAYS[1]
        self.strength_items = self._strength_items()
        if strength_count and not self.strength_items:
            self._adjust(
                "strength_days",
                strength_count,
                0,
                self.say("plan/adjust/no-strength"),
            )
            strength_count = 0
        run_days = _spread(run_count, list(range(DAYS_IN_WEEK)))
        free = [d for d in range(DAYS_IN_WEEK) if d not in run_days]
        strength_days = _spread(strength_count, free)
        if len(strength_days) < strength_count:  # not enough free days: share with runs
            shared = [d for d in run_days if d not in strength_days]
            strength_days = sorted(
                strength_days + _spread(strength_count - len(strength_days), shared)
            )
        cross: list[int] = []
        self.cross = self._cross_exercise()
        if self.stop_running and self.cross is not None:
            cross = list(run_days)
        elif self.injured and run_days and self.cross is not None:
            cross = [run_days[max(0, len(run_days) // 2 - 1)]]
        return run_days, strength_days, cross

    def _adjust(self, field: str, asked: int, planned: int, reason: str) -> None:
        self.adjustments.append(Adjustment(field, asked, planned, reason))

    def _cross_exercise(self) -> Exercise | None:
        """The low-impact workout that replaces running, even if its equipment is lacking.

        Only a non-weight-bearing workout will do (walking or stairs still load the shin
        and the tendons); the session names the equipment it needs.
        """
        for ident in CROSS:
            exercise = self.ds.get_exercise(ident)
            if exercise is not None and self.profile.all_injuries.isdisjoint(
                exercise.contraindications
            ):
                return exercise
        return None

    # -- strength ------------------------------------------------------------------

    def _strength_items(self) -> tuple[StrengthItem, ...]:  # noqa: C901 - three sources in order
        chosen: dict[str, StrengthItem] = {}
        p = self.profile
        for injury in sorted(p.injuries, key=lambda i: i.id):
            self._injury_items(chosen, injury, injury.treatment, "plan/item/treats", current=True)
        for injury in sorted(p.past_injuries - p.injuries, key=lambda i: i.id):
            self._injury_items(
                chosen, injury, injury.prevention, "plan/item/prevents", current=False
            )
        for suggestion in self.suggestions:
            rec = suggestion.recommendation
            for exercise in suggestion.exercises:
                if exercise.kind not in STRENGTH_KINDS:
                    continue
                if exercise.id not in chosen and _a_variation_of(exercise, chosen):
                    continue
                if exercise.id in chosen:
                    item = chosen[exercise.id]
                    if rec not in item.recommendations:
                        recs = (*item.recommendations, rec)
                        chosen[exercise.id] = attrs.evolve(item, recommendations=recs)
                elif len(chosen) < MAX_STRENGTH_ITEMS:
                    why = self.say("plan/item/advice", advice=rec.title)
                    chosen[exercise.id] = self._item(exercise, None, (rec,), why, None)
        general = self.ds.get_recommendation(GENERAL_STRENGTH)
        if general is not None and not any(i.injury is None for i in chosen.values()):
            why = self.say("plan/item/general", advice=general.title)
            for exercise in general.exercises:
                if (
                    exercise.kind in STRENGTH_KINDS
                    and doable(exercise, self.profile)
                    and exercise.id not in chosen
                    and not _a_variation_of(exercise, chosen)
                    and len(chosen) < MAX_STRENGTH_ITEMS
                    and sum(i.injury is None for i in chosen.values()) < GENERAL_ITEMS
                ):
                    chosen[exercise.id] = self._item(exercise, None, (general,), why, None)
        return tuple(chosen.values())

    def _strength_session(self, minutes: int) -> StrengthSession:
        """The plan's strength session at ``minutes``: one object for every day it falls on."""
        made = self._strength_sessions.get(minutes)
        if made is None:
            items = self.strength_items
            recs = tuple(dict.fromkeys(r for i in items for r in i.recommendations))
            made = self._strength_sessions[minutes] = StrengthSession(items, minutes, recs)
        return made

    def _injury_items(
        self,
        chosen: dict[str, StrengthItem],
        injury: Injury,
        findings: tuple[Finding, ...],
        key: str,
        *,
        current: bool,
    ) -> None:
        """Up to :data:`PER_INJURY` exercises of an injury's findings, with their trial doses.

        A current injury's treatment exercises are planned even when they need
        equipment the profile lacks (the item names it): they are the treatment.
        """
        taken = 0
        recs = tuple(
            s.recommendation for s in self.suggestions if injury in s.recommendation.injuries
        )
        for finding in findings:
            doses: dict[Exercise, Dose] = {}
            for tested, protocol in self.ds.doses_for(finding):  # a protocol's first dose
                doses.setdefault(tested, protocol)
            for ident in finding.exercises:
                exercise = self.ds.get_exercise(ident)
                if (
                    exercise is None
                    or exercise.kind not in STRENGTH_KINDS
                    or not self._allowed(exercise, current=current)
                    or exercise.id in chosen
                    or taken >= PER_INJURY
                    or len(chosen) >= MAX_STRENGTH_ITEMS
                ):
                    continue
                mine = tuple(r for r in recs if exercise in r.exercises)
                evidence = self.say.member(finding.evidence)
                why = self.say(key, injury=self.say.in_sentence(injury.name), evidence=evidence)
                dose = doses.get(exercise)
                if dose is not None and dose.sessions_per_week:
                    why = self.say("plan/item/sessions", why=why, sessions=dose.sessions_per_week)
                item = self._item(exercise, dose, mine, why, injury)
                needs = exercise.equipment - self.profile.equipment
                chosen[exercise.id] = attrs.evolve(item, needs=needs) if needs else item
                taken += 1

    def _english_steps(self, exercise: Exercise) -> tuple[str, ...]:
        """The exercise's steps in English, whatever the dataset's language.

        What the steps say decides the default dose (holds or repetitions), so a plan
        made from a translated dataset is the same plan; a pack's record, which no
        catalog translates, is its own English.
        """
        if self.ds.locale == "en":
            return exercise.steps
        english = _dataset().get_exercise(exercise.id)
        return exercise.steps if english is None else english.steps

    def _allowed(self, exercise: Exercise, *, current: bool) -> bool:
        if current:
            return self.profile.all_injuries.isdisjoint(exercise.contraindications)
        return doable(exercise, self.profile)

    def _item(
        self,
        exercise: Exercise,
        dose: Dose | None,
        recs: tuple[Recommendation, ...],
        why: str,
        injury: Injury | None,
    ) -> StrengthItem:
        if dose is None:
            dose = next((d for d in exercise.doses if self._fits(d)), None)
        if dose is None:
            holds = any("hold" in step.lower() for step in self._english_steps(exercise))
            reps = self.say("plan/reps/default-holds" if holds else "plan/reps/default")
            return StrengthItem(
                exercise, DEFAULT_SETS, reps, recs, default_dosage=True, why=why, injury=injury
            )
        return StrengthItem(
            exercise,
            dose.sets,
            _reps(dose, self.say),
            recs,
            default_dosage=False,
            dose=dose,
            why=why,
            injury=injury,
        )

    def _fits(self, dose: Dose) -> bool:
        """Whether a dose suits the profile as a general one.

        It must give numbers, and a load at a repetition maximum suits only a runner
        with weights.
        """
        if not (dose.sets or dose.reps_min or dose.hold_seconds):
            return False
        heavy = dose.load is not None and "maximum" in dose.load
        return not heavy or not self.profile.equipment.isdisjoint(WEIGHTS)

    # -- weeks ---------------------------------------------------------------------

    def build(self, weeks: int) -> Plan:
        self.weeks = weeks
        self._taper: int | None = None
        run_days, strength_days, cross_days = self._days()
        p = self.profile
        spike = self.rules.spike
        window = int(self._value(spike, "window_days"))
        start_ref = p.longest_run
        if start_ref is None and p.weekly_minutes and p.current_running_days:
            start_ref = p.weekly_minutes // p.current_running_days
        self.history = _History(window, start_ref or None)
        self.capacity = {
            d: (p.minutes_per_session - p.minutes_per_session // 2)
            if d in strength_days
            else p.minutes_per_session
            for d in run_days
        }
        self.cross_minutes = self._usual_run()
        #: The days that have a run (not cross-training) every week.
        self.runs = [d for d in run_days if d not in cross_days]
        #: Each strength day's session (the same every week).
        self._strength_on: dict[int, StrengthSession] = {}
        if self.strength_items:
            for d in strength_days:
                minutes = (
                    p.minutes_per_session // 2
                    if d in run_days
                    else min(p.minutes_per_session, STRENGTH_MINUTES)
                )
                self._strength_on[d] = self._strength_session(max(1, minutes))
        self._plan_notes(weeks, run_days)
        built: list[Week] = []
        last_full = 0.0
        peak = 0.0
        self.previous = 0
        for number in range(1, weeks + 1):
            self.last_full = last_full
            kind, target, changes = self._target(
                number, weeks, run_days, cross_days, last_full, peak
            )
            built.append(self._week(number, kind, target, cross_days, changes))
            if kind in (WeekKind.START, WeekKind.BUILD, WeekKind.HOLD):
                last_full = self.previous
                peak = max(peak, last_full)
        return Plan(
            p,
            tuple(built),
            self.suggestions,
            tuple(self.adjustments),
            tuple(self.notes),
            tuple(self.used.values()),
            self.ds.locale,
        )

    def _usual_run(self) -> int:
        """Minutes of a cross-training session: as long as the runner's usual run now."""
        p = self.profile
        if p.weekly_minutes and p.current_running_days:
            usual = p.weekly_minutes / p.current_running_days
        elif p.longest_run:
            usual = p.longest_run
        elif self.beginner:
            rw = self.rules.run_walk
            usual = self._value(rw, "warm_up_walk_minutes") + self._value(
                rw, "first_session_minutes"
            )
        else:
            usual = p.minutes_per_session * ASSUMED_SHARE
        return max(1, round(usual))

    def _start(self, run_days: list[int], cross_days: list[int]) -> float:
        p = self.profile
        runs = [d for d in run_days if d not in cross_days]
        room = sum(self.capacity[d] for d in runs)
        if p.weekly_minutes is not None:
            share = p.weekly_minutes * len(runs) / max(len(run_days), 1)
            return min(room, share)
        return room * ASSUMED_SHARE

    def _target(  # noqa: C901, PLR0911, PLR0917 - one return per kind of week; its context
        self,
        number: int,
        weeks: int,
        run_days: list[int],
        cross_days: list[int],
        last_full: float,
        peak: float,
    ) -> tuple[WeekKind, float, list[Change]]:
        """The week's kind, its running minutes to aim at, and why it differs."""
        r = self.rules
        if self.beginner:
            return self._beginner_target(number)
        taper_weeks = self._taper
        if taper_weeks is None:
            taper_weeks = self._taper = self._taper_weeks(weeks)
        if self.profile.race is not None and taper_weeks and number > weeks - taper_weeks:
            step = number - (weeks - taper_weeks)  # 1 .. taper_weeks
            low, high = (
                self._value(r.taper, "cut_percent_min"),
                self._value(r.taper, "cut_percent_max"),
            )
            cut = low + (high - low) * (step - 1) / max(taper_weeks - 1, 1)
            race = self.say.member(self.profile.race)
            taper = "plan/change/taper-injured" if self.cautious else "plan/change/taper"
            text = self.say(taper, race=race, percent=round(cut))
            return WeekKind.TAPER, peak * (1 - cut / 100), [Change(text, self.use(r.taper))]
        if number == 1:
            start = self._start(run_days, cross_days)
            assumed = self.profile.weekly_minutes is None
            text = self.say("plan/change/start-assumed" if assumed else "plan/change/start")
            return WeekKind.START, start, [Change(text, self.use(r.spike))]
        cycle = int(self._value(r.lighter, "cycle_weeks_max"))
        before_taper = self.profile.race is not None and number >= weeks - taper_weeks
        if weeks >= cycle and number % cycle == 0 and not before_taper and not self.cautious:
            cut = self._value(r.lighter, "cut_percent_min")
            text = self.say("plan/change/lighter", percent=round(cut))
            return (
                WeekKind.LIGHTER,
                last_full * (1 - cut / 100),
                [Change(text, self.use(r.lighter))],
            )
        previous = self.previous
        ten = self._value(r.ten_percent, "max_weekly_increase_percent")
        cap = self._value(r.weekly_cap, "max_increase_percent")
        # The changes of these weeks are the same every week: each is made once.
        changes = self._weekly_changes
        if self.cautious:
            held = min(last_full, previous * (1 + cap / 100))
            if not changes:
                held_key = (
                    "plan/change/no-running" if self.stop_running else "plan/change/held-injured"
                )
                text = self.say(held_key)
                rules = self.use(r.injured, r.weekly_cap) if r.injured else self.use(r.weekly_cap)
                changes.append(Change(text, rules))
            return WeekKind.HOLD, held, [changes[0]]
        target = min(last_full * (1 + ten / 100), previous * (1 + cap / 100))
        if not changes:
            rules = self.use(r.ten_percent, r.weekly_cap)
            changes += [
                Change(self.say("plan/change/back", cap=round(cap)), rules),
                Change(self.say("plan/change/level"), rules),
                Change(self.say("plan/change/build", ten=round(ten), cap=round(cap)), rules),
            ]
        if target < last_full - 0.5:
            return WeekKind.BUILD, target, [changes[0]]
        if target <= last_full + 0.5:
            return WeekKind.HOLD, min(target, last_full), [changes[1]]
        return WeekKind.BUILD, target, [changes[2]]

    def _beginner_target(self, number: int) -> tuple[WeekKind, float, list[Change]]:
        rw = self.rules.run_walk
        stages = int(self._value(rw, "weeks"))
        stage = self._stage(number)
        rules = self.use(rw)
        if number > 1 and self.cautious:
            held = "plan/change/no-running" if self.stop_running else "plan/change/run-walk-held"
            text = self.say(held)
            return WeekKind.HOLD, 1.0, [Change(text, self.use(rw, self.rules.injured))]
        if number == 1:
            if self.stop_running:
                text = self.say("plan/change/no-running")
                return WeekKind.START, 0.0, [Change(text, self.use(rw, self.rules.injured))]
            return WeekKind.START, 0.0, [Change(self.say("plan/change/run-walk-start"), rules)]
        if number > stages:
            return WeekKind.HOLD, 0.0, [Change(self.say("plan/change/continuous"), rules)]
        return (
            WeekKind.BUILD,
            float(stage),
            [Change(self.say("plan/change/run-walk-stage", stage=stage, stages=stages), rules)],
        )

    # -- sessions ------------------------------------------------------------------

    def _week(
        self,
        number: int,
        kind: WeekKind,
        target: float,
        cross_days: list[int],
        changes: list[Change],
    ) -> Week:
        first_day = (number - 1) * DAYS_IN_WEEK
        runs = self.runs
        lengths: dict[int, int] = {}
        capped = False
        if self.beginner:
            for d in runs:
                length, was_capped = self._beginner_length(number, first_day + d, d)
                lengths[d] = length
                capped |= was_capped
                self.history.add(first_day + d, length)  # provisional, as in _share
            self.history.drop(len(runs))
            if number > 1:  # the weekly rules hold for the run-walk ramp too
                ten = self._value(self.rules.ten_percent, "max_weekly_increase_percent")
                cap = self._value(self.rules.weekly_cap, "max_increase_percent")
                most = min(self.last_full * (1 + ten / 100), self.previous * (1 + cap / 100))
                _trim(lengths, most)
        else:
            lengths, capped = self._shared(target, runs, first_day)
        days = self._days_of(number, kind, runs, cross_days, lengths)
        self.history.add_week(first_day, lengths)
        if capped:
            changes.append(Change(self.say("plan/change/capped"), self.use(self.rules.spike)))
        # Its running minutes (Week.run_minutes): a run day's session is as long as its run.
        run_minutes = 0
        for length in lengths.values():
            if length > 0:
                run_minutes += length
        self.previous = run_minutes
        return Week(number, days, kind, tuple(changes))

    def _shared(
        self, target: float, runs: list[int], first_day: int
    ) -> tuple[dict[int, int], bool]:
        """The week's run lengths, as :meth:`_share` and :func:`_trim` give them, and if capped.

        What they give depends only on ``target`` and the runs before the week (the
        longest of each run day's 30 days), so a later week that has the same gets the
        same, worked out once (unless a day has no run before it to go on: then the
        week's own runs count).  The lengths are not to be changed.
        """
        if runs and runs[0] == 0:  # the first day's window is the first run day's
            refs = tuple(self.history.references(first_day, runs))
            first = refs[0]
        else:
            first, *others = self.history.references(first_day, (0, *runs))
            refs = tuple(others)
        if None in refs:
            lengths, capped = self._share(target, runs, first_day, refs, first)
            _trim(lengths, target)
            return lengths, capped
        key = (target, refs, first is None)
        found = self._shares.get(key)
        if found is None:
            lengths, capped = self._share(target, runs, first_day, refs, first)
            _trim(lengths, target)
            found = self._shares[key] = (lengths, capped)
        return found

    def _days_of(
        self,
        number: int,
        kind: WeekKind,
        runs: list[int],
        cross_days: list[int],
        lengths: dict[int, int],
    ) -> tuple[Day, ...]:
        """The week's seven days, its runs of these lengths.

        They depend only on the lengths, the week's kind, where it is in the rotation of
        quality sessions, whether it is race week and (for run-walk) its stage: a later
        week with all of these the same has the same days.
        """
        pool = self._quality_pool()
        key = (
            kind,
            (number - 1) % len(pool) if pool else 0,
            self._race_week(number, kind),
            self._stage(number) if self.beginner else 0,
            tuple(lengths.items()),
        )
        found = self._week_days.get(key)
        if found is not None:
            return found
        roles = self._roles(number, kind, runs, lengths)
        days: list[Day] = []
        strength_on = self._strength_on
        sessions = self._sessions
        day_objects = self._day_objects
        stage = key[3]
        for d in range(DAYS_IN_WEEK):
            run = None
            length = lengths.get(d)
            if length is not None and length > 0:
                role = roles[d]
                run = sessions.get((role, length, stage if role == "run-walk" else 0))
                if run is None:
                    run = self._session(role, length, number)
            elif d in cross_days and self.cross is not None:
                run = self._cross_session(max(1, min(self.cross_minutes, self.capacity[d])))
            strength = strength_on.get(d)
            day = day_objects.get((d + 1, id(run), id(strength)))  # as _day() finds it
            days.append(self._day(d + 1, run, strength) if day is None else day)
        found = self._week_days[key] = tuple(days)
        return found

    def _quality_pool(self) -> list[str]:
        """The quality workouts the profile can do, in the order a plan rotates them."""
        pool = self._pool
        if pool is None:
            pool = self._pool = [q for q in QUALITY if self._doable(q)]
        return pool

    def _cap(self, day: int, room: int) -> tuple[int, bool]:
        return self._limit(self.history.reference(day), room)

    def _limit(self, ref: int | None, room: int) -> tuple[int, bool]:
        """``room``, or the single-run rule's limit over ``ref`` when that is less."""
        if ref is None:
            return room, False
        most = math.floor(ref * (1 + self._spike() / 100) + 1e-9)
        return (most, True) if most < room else (room, False)

    def _share(
        self,
        target: float,
        runs: list[int],
        first_day: int,
        refs: tuple[int | None, ...],
        first: int | None,
    ) -> tuple[dict[int, int], bool]:
        """The week's running minutes shared out over its run days, within every cap.

        Each day's cap is the smaller of the profile's minutes and the single-run rule's
        limit over the runs before the week (this week's own runs can only raise that
        limit, so it holds for them too). What a capped day cannot take goes to the days
        with room, in proportion to their weights (the long run's is larger).
        ``refs`` are the longest runs of each run day's window, ``first`` the first day's.
        """
        if not runs:
            return {}, False
        long_day = runs[-1] if len(runs) >= 3 else None  # noqa: PLR2004
        if first is None:  # nothing to go on: even runs
            long_day = None
        weights = dict.fromkeys(runs, 1.0)
        if long_day is not None:
            weights[long_day] = LONG_WEIGHT
        capacity = self.capacity
        caps = self._caps(runs, refs)
        share = _water_fill(target, weights, caps)
        capped = False
        for d in runs:
            if share[d] >= caps[d] and caps[d] < capacity[d]:
                capped = True
                break
        lengths = _whole_minutes(share, caps)
        for d in runs:  # a run of a few minutes is stretched to a short easy run
            if lengths[d] < MIN_MINUTES:
                lengths[d] = min(caps[d], MIN_MINUTES)
        # With no run before the week to go on, the week's own first runs set the limit.
        # (A day with runs before it to go on is within it already: its own week's runs
        # only raise the limit. When every day has, nothing changes.)
        if None in refs:
            for d in runs:
                lengths[d] = min(lengths[d], self._cap(first_day + d, lengths[d])[0])
                self.history.add(first_day + d, lengths[d])  # provisional
            self.history.drop(len(runs))  # _week records the runs it makes
        return lengths, capped

    def _spike(self) -> float:
        """The single-run rule's percentage: how much longer a run may be than the reference."""
        percent = self._spike_percent
        if percent is None:
            percent = self._spike_percent = self._value(self.rules.spike, "max_increase_percent")
        return percent

    def _caps(self, runs: list[int], refs: tuple[int | None, ...]) -> dict[int, int]:
        """Each run day's most minutes: the profile's, or less by the single-run rule."""
        capacity = self.capacity
        caps: dict[int, int] = {}
        grow = None
        for d, ref in zip(runs, refs):
            room = capacity[d]
            if ref is not None:  # as _limit() gives it
                if grow is None:
                    grow = 1 + self._spike() / 100
                most = math.floor(ref * grow + 1e-9)
                if most < room:  # noqa: PLR1730 - a comparison costs less than a call here
                    room = most
            caps[d] = room
        return caps

    def _stage(self, number: int) -> int:
        """The run-walk stage of a week: one a week, held at 1 while an injury is current."""
        return 1 if self.cautious else min(number, int(self._value(self.rules.run_walk, "weeks")))

    def _beginner_length(self, number: int, day: int, d: int) -> tuple[int, bool]:
        rw = self.rules.run_walk
        stages = int(self._value(rw, "weeks"))
        warm = self._value(rw, "warm_up_walk_minutes")
        first_minutes = self._value(rw, "first_session_minutes")
        target = self._value(rw, "target_continuous_minutes")
        stage = self._stage(number)
        main = first_minutes + (target - first_minutes) * (stage - 1) / max(stages - 1, 1)
        # the running comes first: the warm-up walk shrinks when the session has no room
        wanted = min(round(warm + main), self.capacity[d])
        most, capped = self._cap(day, wanted)
        return min(wanted, most), capped and most < wanted

    def _roles(
        self, number: int, kind: WeekKind, runs: list[int], lengths: dict[int, int]
    ) -> dict[int, str]:
        """What each run day holds: run-walk, easy, long, strides or a quality workout's id."""
        if self.beginner:
            return dict.fromkeys(runs, "run-walk")
        roles = dict.fromkeys(runs, "easy")
        race_week = self._race_week(number, kind)
        long_day, slots = self._layout(race_week)
        if long_day is not None:
            roles[long_day] = "long"
        hard_free = kind is not WeekKind.LIGHTER and not self.cautious
        if not hard_free or len(runs) < 2:  # noqa: PLR2004
            return roles
        pool = self._quality_pool()
        week_minutes = sum(lengths.values())
        budget = week_minutes * self._value(self.rules.easy_share, "hard_percent_max") / 100
        taper = kind is WeekKind.TAPER
        for i, d in enumerate(slots):
            for turn in range(len(pool)):  # this week's workout, else the next that fits
                ident = pool[(number - 1 + i + turn) % len(pool)]
                hard = self._hard_minutes(ident, lengths[d], taper=taper)
                if hard and hard <= budget:
                    roles[d] = f"{ident}:taper" if taper else ident
                    budget -= hard
                    break
        if budget >= _STRIDE_HARD:
            self._strides(roles, runs, lengths)
        return roles

    def _strides(self, roles: dict[int, str], runs: list[int], lengths: dict[int, int]) -> None:
        """Strides on the easy day furthest from the week's harder days, if one is long enough."""
        hard_days: list[int] = []
        rest: list[int] = []  # easy days long enough for strides
        for d in runs:
            if roles[d] != "easy":
                hard_days.append(d)
            elif lengths[d] >= STRIDES_MINUTES:
                rest.append(d)
        if rest and self._doable(STRIDES):
            roles[_farthest(rest, hard_days)] = "strides"

    def _layout(self, race_week: bool) -> tuple[int | None, list[int]]:
        """The long run's day (``None`` for none) and the days hard sessions may go on.

        They depend only on the run days, the level and whether it is race week, so
        each is worked out once a plan.
        """
        found = self._layouts.get(race_week)
        if found is not None:
            return found
        runs = self.runs
        long_day = runs[-1] if len(runs) >= 3 and not race_week else None  # noqa: PLR2004
        count = 2 if self.profile.level is Level.ADVANCED and len(runs) >= 4 else 1  # noqa: PLR2004
        easy_days = [d for d in runs if d != long_day]
        # not the day before the long run, where the week leaves a choice; in race week,
        # one hard session, early in the week
        rested = [d for d in easy_days if d + 1 != runs[-1] or len(runs) < 3]  # noqa: PLR2004
        easy_days = rested if len(rested) >= count else easy_days
        if race_week:
            count = 1
            easy_days = [d for d in easy_days if d < RACE_WEEK_HARD_BY] or easy_days[:1]
        count = min(count, len(easy_days))
        slots = [easy_days[(2 * k + 1) * len(easy_days) // (2 * count)] for k in range(count)]
        found = self._layouts[race_week] = (long_day, slots)
        return found

    def _hard_minutes(self, ident: str, minutes: int, *, taper: bool) -> float:
        """Minutes of hard running workout ``ident`` would hold at ``minutes`` (see below)."""
        key = (ident, minutes, taper)
        found = self._hard.get(key)
        if found is None:
            _, main, _, seconds = self._built(ident, minutes, taper=taper)
            dose = self._dose(ident, taper=taper)
            found = self._hard[key] = _hard_minutes(main, seconds, minutes, dose)
        return found

    def _built(
        self, ident: str, minutes: int, *, taper: bool
    ) -> tuple[SessionKind, tuple[Step, ...], str, int]:
        """Quality workout ``ident``'s kind, main set, why and main set's seconds at ``minutes``.

        Each is built once a plan.
        """
        key = (ident, minutes, taper)
        found = self._builds.get(key)
        if found is None:
            dose = self._dose(ident, taper=taper)
            kind, main, why = _BUILDERS[ident](minutes, self.intensity, dose, self.say)
            seconds = 0
            for step in main:
                seconds += step.total_seconds
            found = self._builds[key] = (kind, main, why, seconds)
        return found

    def _dose(self, ident: str, *, taper: bool) -> Dose | None:
        """Workout ``ident``'s first dose, with a taper's fewer repeats if ``taper``."""
        key = (ident, taper)
        if key not in self._doses:
            dose = _first_dose(self._workout(ident))
            self._doses[key] = _tapered(dose) if taper else dose
        return self._doses[key]

    def _taper_weeks(self, weeks: int) -> int:
        """The rule's taper, shortened to leave the plan at least one week before it."""
        if self.profile.race is None:
            return 0
        return max(0, min(int(self._value(self.rules.taper, "weeks")), weeks - 1))

    def _race_week(self, number: int, kind: WeekKind) -> bool:
        """Whether week ``number`` ends with the goal race (no long run in it)."""
        return kind is WeekKind.TAPER and number == self.weeks

    def _doable(self, ident: str) -> bool:
        found = self._doable_ids.get(ident)
        if found is None:
            exercise = self.ds.get_exercise(ident)
            found = self._doable_ids[ident] = exercise is not None and doable(
                exercise, self.profile
            )
        return found

    def _session(self, role: str, minutes: int, number: int) -> RunSession:
        key = (role, minutes, 0 if role != "run-walk" else self._stage(number))
        made = self._sessions.get(key)
        if made is None:
            made = self._sessions[key] = self._new_session(role, minutes, number)
        return made

    def _new_session(self, role: str, minutes: int, number: int) -> RunSession:
        recs = self._recs_for(role)
        if role == "run-walk":
            return self._run_walk(minutes, number, recs)
        if role in ("easy", "long"):
            exercise = self._easy_exercise
            if exercise is None:
                exercise = self.ds.get_exercise(EASY_RUN) or self.ds.exercise(RUN_WALK)
                self._easy_exercise = exercise
            kind = SessionKind.LONG if role == "long" else SessionKind.EASY
            easy = (self._easy_step(minutes * 60),)
            rules = self._session_rules.get("easy")
            if rules is None:
                rules = self.use(self.rules.talk, self.rules.effort, self.rules.spike)
                self._session_rules["easy"] = rules
            why = self.say("plan/why/long" if role == "long" else "plan/why/easy")
            return RunSession(exercise, minutes, recs, kind, easy, rules, None, why)
        ident, _, tapering = role.partition(":")
        exercise = self._workout(ident)
        dose = self._dose(ident, taper=False)
        kind, main, why, main_seconds = self._built(ident, minutes, taper=bool(tapering))
        rest = minutes * 60 - main_seconds
        cool = 0
        if ident != "strides":  # warm up first, at least WARM_UP minutes; cool down after
            cool = COOL_DOWN * 60 if rest >= (WARM_UP + COOL_DOWN) * 60 else rest // 3
        warm = rest - cool
        steps: tuple[Step, ...] = (self._easy_step(warm), *main) if warm else main
        if cool:
            steps = (*steps, self._easy_step(cool))
        rules = self._session_rules.get("quality")
        if rules is None:
            rules = self._session_rules["quality"] = self.use(
                self.rules.easy_share, self.rules.effort
            )
        return RunSession(exercise, minutes, recs, kind, steps, rules, dose, why)

    def _workout(self, ident: str) -> Exercise:
        """The dataset's exercise ``ident`` (see Dataset.exercise), looked up once a plan."""
        found = self._workouts.get(ident)
        if found is None:
            found = self._workouts[ident] = self.ds.exercise(ident)
        return found

    def _easy_step(self, seconds: int) -> Step:
        """A stretch of easy running: one object for each length, however many sessions have it."""
        step = self._easy_steps.get(seconds)
        if step is None:
            label = self.say("plan/step/easy run")
            step = self._easy_steps[seconds] = Step(label, 1, seconds, self.intensity["easy"])
        return step

    def _run_walk(self, minutes: int, number: int, recs: tuple[Recommendation, ...]) -> RunSession:
        rw = self.rules.run_walk
        i = self.intensity
        stages = int(self._value(rw, "weeks"))
        stage = self._stage(number)
        run1, walk1 = self._value(rw, "first_run_seconds"), self._value(rw, "first_walk_seconds")
        first, target = (
            self._value(rw, "first_session_minutes"),
            self._value(rw, "target_continuous_minutes"),
        )
        wanted_main = (first + (target - first) * (stage - 1) / max(stages - 1, 1)) * 60
        warm = int(
            min(self._value(rw, "warm_up_walk_minutes") * 60, max(0, minutes * 60 - wanted_main))
        )
        main = minutes * 60 - warm
        fraction = stage - 1
        share = run1 / (run1 + walk1)
        share += (1 - share) * fraction / max(stages - 1, 1)
        spell = run1 * (main / run1) ** (fraction / max(stages - 1, 1))
        walk = spell * (1 - share) / share if share < 1 else 0
        reps = max(1, round(main / (spell + walk)))
        # Spells in whole quarter minutes, easy to follow on a watch; what rounding leaves
        # over is walked at the start.
        run_s = int(main * share / reps) // SPELL * SPELL
        walk_s = (main // reps - run_s) // SPELL * SPELL
        warm += main - reps * (run_s + walk_s)
        steps: tuple[Step, ...] = ()
        say = self.say
        if warm:
            steps = (Step(say("plan/step/brisk walk"), 1, warm, i["walk"]),)
        run = say("plan/step/run")
        if walk_s:
            steps = (*steps, Step(run, reps, run_s, i["easy"], walk_s, i["walk"]))
        else:
            steps = (*steps, Step(run, 1, run_s * reps, i["easy"]))
        exercise = self._workout(RUN_WALK)
        why = say("plan/why/run-walk", stage=stage)
        rules = self.use(rw, self.rules.talk, self.rules.spike)
        kind = SessionKind.RUN_WALK if walk_s else SessionKind.EASY
        return RunSession(exercise, minutes, recs, kind, steps, rules, _first_dose(exercise), why)

    def _day(self, number: int, run: RunSession | None, strength: StrengthSession | None) -> Day:
        """The day with these sessions: one object for every week it recurs in."""
        key = (number, id(run), id(strength))
        made = self._day_objects.get(key)
        if made is None:
            made = self._day_objects[key] = Day(number, run, strength)
        return made

    def _cross_session(self, minutes: int) -> RunSession:
        made = self._cross_sessions.get(minutes)
        if made is None:
            made = self._cross_sessions[minutes] = self._cross(minutes)
        return made

    def _cross(self, minutes: int) -> RunSession:
        assert self.cross is not None  # noqa: S101 - only called with one
        i = self.intensity
        steps = (Step(self.say.in_sentence(self.cross.name), 1, minutes * 60, i["easy"]),)
        rules = self.use(self.rules.injured)
        names = ", ".join(sorted(self.say.in_sentence(j.name) for j in self.profile.injuries))
        why = self.say("plan/why/cross", injuries=names)
        needs = self.cross.equipment - self.profile.equipment
        return RunSession(
            self.cross,
            minutes,
            (),
            SessionKind.CROSS_TRAINING,
            steps,
            rules,
            None,
            why,
            needs=needs,
        )

    def _recs_for(self, role: str) -> tuple[Recommendation, ...]:
        found = self._recs.get(role)
        if found is None:
            found = self._recs[role] = self._find_recs(role)
        return found

    def _find_recs(self, role: str) -> tuple[Recommendation, ...]:
        ident = {"run-walk": RUN_WALK, "easy": EASY_RUN, "long": EASY_RUN}.get(role, role)
        timed = role in ("easy", "long", "run-walk")
        if role == "long":  # the same as an easy run's
            return self._recs_for("easy")
        by_exercise = self._recs_by_exercise
        if by_exercise is None:
            by_exercise = self._recs_by_exercise = {}
            for s in self.suggestions:
                rec = s.recommendation
                for exercise_id in dict.fromkeys(e.id for e in rec.exercises):
                    by_exercise.setdefault(exercise_id, []).append(rec)
        found = list(by_exercise.get(ident, ()))
        if timed:
            found += [
                s.recommendation
                for s in self.suggestions
                if s.recommendation.dosage.minutes is not None and not s.recommendation.exercises
            ]
        return tuple(dict.fromkeys(found))

    def _race_notes(self, weeks: int) -> None:
        r, race = self.rules, self.profile.race
        assert race is not None  # noqa: S101 - only called with one
        name = self.say.member(race)
        if self.beginner:
            self.notes.append(Note(self.say("plan/note/race-run-walk", race=name, weeks=weeks)))
            return
        self.notes.append(Note(self.say("plan/note/race", race=name, weeks=weeks)))
        full = int(self._value(r.taper, "weeks"))
        if self._taper_weeks(weeks) < full:
            self.notes.append(
                Note(
                    self.say("plan/note/short-taper", full=full, room=self._taper_weeks(weeks)),
                    None,
                    self.use(r.taper),
                    r.taper.sources,
                )
            )
        if self.cautious:
            self.notes.append(
                Note(
                    self.say("plan/note/race-injured"),
                    None,
                    self.use(r.injured),
                )
            )

    def _beginner_notes(self, weeks: int) -> None:
        r, p = self.rules, self.profile
        rw = r.run_walk
        self.notes.append(
            Note(
                self.say("plan/note/run-walk-load"),
                None,
                self.use(rw, r.spike, r.ten_percent),
                rw.sources,
            )
        )
        warm = self._value(rw, "warm_up_walk_minutes")
        target = self._value(rw, "target_continuous_minutes")
        if p.minutes_per_session < warm + target and weeks > 1:
            self.notes.append(
                Note(
                    self.say(
                        "plan/note/run-walk-time",
                        target=round(target),
                        warm=round(warm),
                        total=round(warm + target),
                        minutes=p.minutes_per_session,
                    ),
                    None,
                    self.use(rw),
                    rw.sources,
                )
            )
        bmi = r.bmi
        if bmi is not None:
            self.notes.append(Note(bmi.statement, None, self.use(bmi), bmi.sources))

    def _injury_notes(self) -> None:
        """When to see a clinician, the rule for running with it, and what the data lacks."""
        r = self.rules
        for injury in sorted(self.profile.injuries, key=lambda i: i.id):
            for finding in injury.see_a_clinician:
                self.notes.append(
                    Note(
                        self.say("plan/note/clinician", finding=finding.text),
                        injury,
                        (),
                        finding.sources,
                    )
                )
            if r.injured is not None:
                self.notes.append(
                    Note(r.injured.statement, injury, self.use(r.injured), r.injured.sources)
                )
            if not any(item.injury is injury for item in self.strength_items):
                self.notes.append(
                    Note(
                        self.say(
                            "plan/note/no-treatment", injury=self.say.in_sentence(injury.name)
                        ),
                        injury,
                    )
                )

    def _plan_notes(self, weeks: int, run_days: list[int]) -> None:
        p, r = self.profile, self.rules
        self._injury_notes()
        if self.stop_running:
            self.notes.append(
                Note(
                    self.say("plan/note/settled"),
                    None,
                    self.use(r.injured),
                    r.injured.sources if r.injured else (),
                )
            )
        if self.beginner and run_days:
            self._beginner_notes(weeks)
            stages = int(self._value(r.run_walk, "weeks"))
            if weeks < stages:
                self.notes.append(
                    Note(
                        self.say("plan/note/ramp", stages=stages, weeks=weeks),
                        None,
                        self.use(r.run_walk),
                        r.run_walk.sources,
                    )
                )
        if not self.beginner and run_days and p.weekly_minutes is None:
            self.notes.append(
                Note(self.say("plan/note/assumed", percent=round(ASSUMED_SHARE * 100)))
            )
        if not self.beginner and run_days:
            rule = r.ten_percent
            self.notes.append(Note(rule.statement, None, self.use(rule), rule.sources))
        if p.race is not None:
            self._race_notes(weeks)


def _water_fill(target: float, weights: dict[int, float], caps: dict[int, int]) -> dict[int, float]:
    """``target`` shared in proportion to ``weights``, no day over its cap.

    What a capped day cannot take goes to the others (at most one round per day).
    The days are taken in ascending order throughout, so that the sums come out the
    same to the last bit however the days were given.
    """
    share = dict.fromkeys(weights, 0.0)
    free, left = sorted(weights), target
    while free and left > EPSILON:
        total = 0.0
        for d in free:
            total += weights[d]
        full: list[int] = []
        room: list[int] = []
        shares: list[float] = []
        for d in free:
            new = share[d] + left * weights[d] / total
            if new >= caps[d]:
                full.append(d)
            else:
                room.append(d)
                shares.append(new)
        if not full:
            for d, new in zip(free, shares):
                share[d] = new
            break
        for d in full:
            left -= caps[d] - share[d]
            share[d] = caps[d]
        free = room
    return share


def _whole_minutes(share: dict[int, float], caps: dict[int, int]) -> dict[int, int]:
    """The shares in whole minutes, the minutes rounding leaves over to the largest remainders."""
    lengths: dict[int, int] = {}
    for d, m in share.items():
        lengths[d] = math.floor(m + EPSILON)
    spare = math.floor(sum(share.values()) + EPSILON) - sum(lengths.values())
    if spare:
        remainders: list[tuple[float, int]] = []
        for d, m in share.items():
            remainders.append((lengths[d] - m, d))
        for _, d in sorted(remainders)[:spare]:
            if lengths[d] < caps[d]:
                lengths[d] += 1
    return lengths


def _a_variation_of(exercise: Exercise, chosen: dict[str, StrengthItem]) -> bool:
    """Whether an easier or harder version of ``exercise`` is already in the session."""
    if not chosen:
        return False
    if not {*exercise.easier, *exercise.harder}.isdisjoint(chosen):
        return True
    ident = exercise.id
    return any(
        ident in item.exercise.easier or ident in item.exercise.harder for item in chosen.values()
    )


def _farthest(days: list[int], hard_days: list[int]) -> int:
    """The day of ``days`` furthest from every one of ``hard_days`` (the later on a tie)."""
    far, farthest = days[0], (-1, -1)
    for d in days:
        gap = 7
        for h in hard_days:
            if abs(d - h) < gap:  # noqa: PLR1730 - a comparison costs less than a call here
                gap = abs(d - h)
        if (gap, d) > farthest:
            far, farthest = d, (gap, d)
    return far


def _trim(lengths: dict[int, int], most: float) -> None:
    """Shorten the longest runs a minute at a time until the week holds at most ``most``."""
    limit = math.floor(most + 1e-9)
    excess = sum(lengths.values()) - limit
    while excess > 0:
        day = max(lengths, key=lambda d: (lengths[d], d))
        if lengths[day] <= 1:
            break
        lengths[day] -= 1
        excess -= 1


def _first_dose(exercise: Exercise) -> Dose | None:
    return exercise.doses[0] if exercise.doses else None


def _reps(dose: Dose, say: Words) -> str:
    if dose.hold_seconds:
        return say("plan/reps/holds", seconds=dose.hold_seconds)
    if dose.reps_min and dose.reps_max and dose.reps_max != dose.reps_min:
        return say("plan/reps/range", least=dose.reps_min, most=dose.reps_max)
    if dose.reps_min:
        return say("plan/reps/exactly", count=dose.reps_min)
    if dose.reps_max:
        return say("plan/reps/up-to", most=dose.reps_max)
    return say("plan/reps/protocol")


# --- quality sessions -----------------------------------------------------------------
# Each builder gives the session's kind, its main set and why; the rest of the
# session's minutes are easy running before and after it.  The times are those of the
# published dose each workout's first dose record describes (its text gives them; the
# record's numbers give the repetitions): tempo, a steady run of about twenty minutes
# (runnersworld-threshold-training); intervals, four of four minutes with three minutes
# of jogging (helgerud-2007); hills, four to six climbs of about three minutes
# (ferley-2016), jogged back down; strides, six to ten of up to twenty seconds with
# twenty to thirty seconds between (runsharper-strides).

TEMPO_SECONDS = 20 * 60
INTERVAL_SECONDS, INTERVAL_RECOVERY = 4 * 60, 3 * 60
HILL_SECONDS = 3 * 60
#: The jog back down a hill: runtone's assumption that it takes about as long as the climb.
HILL_RECOVERY = HILL_SECONDS
STRIDE_SECONDS, STRIDE_RECOVERY = 20, 30
#: Minutes of easy running before a hard set and after it, at least.
WARM_UP, COOL_DOWN = 10, 5
AROUND_TEMPO = AROUND_INTERVALS = WARM_UP + COOL_DOWN
#: In race week, a hard session only before this day index (the first half of the week).
RACE_WEEK_HARD_BY = 4
#: The fewest repeats of an interval set in a taper week, where the dose's full set
#: would not fit: the taper keeps the intensity and trims the volume.
TAPER_REPEATS = 2

_STRIDE_HARD = STRIDE_SECONDS * 6 / 60

#: A quality session's builder: its minutes, the intensities and its dose give its kind,
#: its main set and why it is there, in the plan's language.
Builder = Callable[
    [int, "dict[str, Intensity]", "Dose | None", Words],
    "tuple[SessionKind, tuple[Step, ...], str]",
]


def _tempo(
    minutes: int, i: dict[str, Intensity], _dose: Dose | None, say: Words
) -> tuple[SessionKind, tuple[Step, ...], str]:
    main = min(TEMPO_SECONDS, (minutes - AROUND_TEMPO) * 60)
    if main < TEMPO_SECONDS // 2:  # shorter than half the dose's run is no tempo run
        main = 0
    step = Step(say("plan/step/tempo"), 1, main, i["hard"])
    return SessionKind.TEMPO, (step,), say("plan/why/tempo")


def _repeats(
    minutes: int,
    dose: Dose | None,
    *,
    label: str,
    seconds: int,
    recovery: int,
    effort: Intensity,
    easy: Intensity,
    most: int,
) -> Step:
    """As many repeats as the session holds around its easy running, up to the dose's most."""
    most = dose.reps_max if dose and dose.reps_max else most
    reps = max(1, min(most, (minutes - AROUND_INTERVALS) * 60 // (seconds + recovery)))
    return Step(label, reps, seconds, effort, recovery, easy)


def _intervals(
    minutes: int, i: dict[str, Intensity], dose: Dose | None, say: Words
) -> tuple[SessionKind, tuple[Step, ...], str]:
    step = _repeats(
        minutes,
        dose,
        label=say("plan/step/interval"),
        seconds=INTERVAL_SECONDS,
        recovery=INTERVAL_RECOVERY,
        effort=i["very hard"],
        easy=i["easy"],
        most=4,
    )
    return SessionKind.INTERVALS, (step,), say("plan/why/intervals")


def _hills(
    minutes: int, i: dict[str, Intensity], dose: Dose | None, say: Words
) -> tuple[SessionKind, tuple[Step, ...], str]:
    step = _repeats(
        minutes,
        dose,
        label=say("plan/step/uphill"),
        seconds=HILL_SECONDS,
        recovery=HILL_RECOVERY,
        effort=i["hard"],
        easy=i["easy"],
        most=6,
    )
    return SessionKind.HILLS, (step,), say("plan/why/hills")


def _strides(
    minutes: int, i: dict[str, Intensity], dose: Dose | None, say: Words
) -> tuple[SessionKind, tuple[Step, ...], str]:
    reps = dose.reps_min if dose and dose.reps_min else 6
    easy = (minutes * 60) - reps * (STRIDE_SECONDS + STRIDE_RECOVERY)
    stride = say("plan/step/stride")
    steps = (
        Step(say("plan/step/easy run"), 1, easy, i["easy"]),
        Step(stride, reps, STRIDE_SECONDS, i["hard"], STRIDE_RECOVERY, i["easy"]),
    )
    return SessionKind.STRIDES, steps, say("plan/why/strides")


_BUILDERS: dict[str, Builder] = {
    "tempo-run": _tempo,
    "interval-running": _intervals,
    "uphill-running": _hills,
    "strides": _strides,
}


def _hard_minutes(main: tuple[Step, ...], seconds: int, minutes: int, dose: Dose | None) -> float:
    """Minutes of hard running a session of ``minutes`` would hold with this main set.

    0 when too short: its main set (built for ``dose``, ``seconds`` long in all) would
    not fit with the easy running around it, or would have fewer repetitions than the
    dose's least.
    """
    fewest = dose.reps_min if dose and dose.reps_min else 1
    if seconds > minutes * 60:
        return 0.0
    hard = 0
    for s in main:
        if s.seconds <= 0 or (s.recovery_seconds and s.repeats < fewest):
            return 0.0
        if s.intensity.name in HARD_EFFORTS:
            hard += s.repeats * s.seconds
    return hard / 60


def _tapered(dose: Dose | None) -> Dose | None:
    """The dose with fewer repeats allowed, for a taper week's shorter session."""
    if dose is None or not dose.reps_min or dose.reps_min <= TAPER_REPEATS:
        return dose
    return attrs.evolve(dose, reps_min=TAPER_REPEATS)
