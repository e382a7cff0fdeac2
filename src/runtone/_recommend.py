"""Profiles of runners, ranked and explained recommendations, and weekly plans."""

from __future__ import annotations

import contextvars
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, cast

import attrs

from ._dataset import check_dataset
from ._default import load
from ._repr import describe
from ._rules import POPULAR_KINDS
from ._vocab import (
    Equipment,
    EvidenceGrade,
    ExerciseKind,
    Goal,
    Level,
    close_matches,
    normalize,
    parse_enum,
    parse_enums,
)
from .errors import ProfileError, UnknownIdError, shown

if TYPE_CHECKING:
    from collections.abc import Mapping

    from typing_extensions import Unpack

    from ._dataset import Dataset, _Index
    from ._records import Exercise, Injury, Muscle, Recommendation, Source, StrideEffect

__all__ = [
    "Adjustment",
    "Day",
    "Plan",
    "Profile",
    "ProfileFields",
    "Reason",
    "RunSession",
    "StrengthItem",
    "StrengthSession",
    "Suggestion",
    "Week",
    "plan",
    "recommend",
]

#: Limits on a profile's numbers.
MAX_MINUTES = 300
MIN_MINUTES = 10
DAYS_IN_WEEK = 7
#: Strength days a week that the evidence supports (ACSM; Blagrove et al. 2018).
STRENGTH_DAYS = (2, 3)

E = TypeVar("E", bound=enum.Enum)


#: The dataset that Profile's fields are looked up in while Profile.in_dataset() runs.
_RESOLVING_IN: contextvars.ContextVar[Dataset | None] = contextvars.ContextVar(
    "runtone_profile_dataset", default=None
)


def _dataset() -> Dataset:
    return load()


def _lookup(value: object, field: str, collection: str) -> object:
    """A record of the dataset (packaged by default) from itself or its id, name or alias."""
    ds = _RESOLVING_IN.get() or _dataset()
    index = cast("_Index[object]", getattr(ds, f"_{collection}"))
    return ds._resolve(field, value, index)  # noqa: SLF001 - same package


def _collection(values: object, field: str) -> list[object]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{field}: expected a list or set, got {shown(values)}")
    return list(values)


def _enum_value(cls: type[E], value: object, field: str) -> E:
    return parse_enum(cls, value, field, error=ProfileError)


def _goals(values: Iterable[Goal | str]) -> frozenset[Goal]:
    return parse_enums(Goal, values, "goals", error=ProfileError)


def _equipment(values: Iterable[Equipment | str]) -> frozenset[Equipment]:
    return parse_enums(Equipment, values, "equipment", error=ProfileError)


def _level(value: Level | str) -> Level:
    return _enum_value(Level, value, "level")


def _muscles(values: object, field: str) -> frozenset[Muscle]:
    items = _collection(values, field)
    return frozenset(cast("Muscle", _lookup(v, field, "muscles")) for v in items)


def _injuries(values: object, field: str) -> frozenset[Injury]:
    items = _collection(values, field)
    return frozenset(cast("Injury", _lookup(v, field, "injuries")) for v in items)


def _weak(values: Iterable[Muscle | str]) -> frozenset[Muscle]:
    return _muscles(values, "weak_muscles")


def _tight(values: Iterable[Muscle | str]) -> frozenset[Muscle]:
    return _muscles(values, "tight_muscles")


def _current(values: Iterable[Injury | str]) -> frozenset[Injury]:
    return _injuries(values, "injuries")


def _past(values: Iterable[Injury | str]) -> frozenset[Injury]:
    return _injuries(values, "past_injuries")


def _strike(value: StrideEffect | str | None) -> StrideEffect | None:
    if value is None:
        return None
    return cast("StrideEffect", _lookup(value, "strike_pattern", "strike_patterns"))


def _days(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field}: expected a whole number of days, got {shown(value)}")
    if not 0 <= value <= DAYS_IN_WEEK:
        raise ProfileError(
            field, f"must be from 0 to {DAYS_IN_WEEK} days a week, got {shown(value)}"
        )
    return value


def _running_days(value: int) -> int:
    return _days(value, "running_days")


def _strength_days(value: int) -> int:
    return _days(value, "strength_days")


def _minutes(value: int) -> int:
    field = "minutes_per_session"
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field}: expected a whole number of minutes, got {shown(value)}")
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise ProfileError(
            field, f"must be from {MIN_MINUTES} to {MAX_MINUTES} minutes, got {shown(value)}"
        )
    return value


class ProfileFields(TypedDict, total=False):
    """The fields of a :class:`Profile`, each optional, as :meth:`Profile.in_dataset` takes them.

    Its keys are the names of :class:`Profile`'s attributes; each takes what the
    attribute's converter takes (a record or its id, name or alias; an enum member
    or a string that names it; a collection of them; a whole number).

    Type a mapping of fields with it to pass it on as keyword arguments:

    >>> fields: runtone.ProfileFields = {"level": "beginner", "weak_muscles": ["glutes"]}
    >>> runtone.Profile.in_dataset(runtone.load(), **fields).level
    <Level.BEGINNER: 'beginner'>
    """

    goals: Iterable[Goal | str]
    level: Level | str
    strike_pattern: StrideEffect | str | None
    weak_muscles: Iterable[Muscle | str]
    tight_muscles: Iterable[Muscle | str]
    injuries: Iterable[Injury | str]
    past_injuries: Iterable[Injury | str]
    equipment: Iterable[Equipment | str]
    running_days: int
    strength_days: int
    minutes_per_session: int


@attrs.frozen
class Profile:
    """An immutable, validated description of a runner.

    Every field takes either the record or enum itself or its id, name, alias or
    value (``"heel"``, ``"runner's knee"``, ``"beginner"``); names are looked up
    in the packaged dataset (:meth:`in_dataset` looks them up in another).
    :func:`recommend` and :func:`plan` take the profile's records by id in the
    dataset they are given, so a profile made here answers right in a dataset
    loaded with packs too.

    Attributes:
        goals: What the runner wants from training.
        level: Training experience.
        strike_pattern: How the runner's foot lands, or ``None`` when unknown.
        weak_muscles: Muscles the runner knows to be weak.
        tight_muscles: Muscles the runner feels to be tight.
        injuries: Injuries the runner has now.
        past_injuries: Injuries the runner has had before.
        equipment: Equipment at hand (empty: bodyweight only).
        running_days: Days a week available for running, 0 to 7.
        strength_days: Days a week available for strength work, 0 to 7.
        minutes_per_session: Minutes available a session, 10 to 300.

    Raises:
        ProfileError: a value is out of range or not one of an enum's values.
        UnknownIdError: a name matches no record (the message suggests close ones).
        TypeError: a value has the wrong type.

    >>> p = runtone.Profile(level="beginner", strike_pattern="heel", weak_muscles=["glutes"])
    >>> p.strike_pattern.id, sorted(m.id for m in p.weak_muscles)
    ('rearfoot-strike', ['glutes'])
    """

    goals: frozenset[Goal] = attrs.field(default=frozenset(), converter=_goals)
    level: Level = attrs.field(default=Level.BEGINNER, converter=_level)
    strike_pattern: StrideEffect | None = attrs.field(default=None, converter=_strike)
    weak_muscles: frozenset[Muscle] = attrs.field(default=frozenset(), converter=_weak)
    tight_muscles: frozenset[Muscle] = attrs.field(default=frozenset(), converter=_tight)
    injuries: frozenset[Injury] = attrs.field(default=frozenset(), converter=_current)
    past_injuries: frozenset[Injury] = attrs.field(default=frozenset(), converter=_past)
    equipment: frozenset[Equipment] = attrs.field(default=frozenset(), converter=_equipment)
    running_days: int = attrs.field(default=3, converter=_running_days)
    strength_days: int = attrs.field(default=2, converter=_strength_days)
    minutes_per_session: int = attrs.field(default=30, converter=_minutes)

    def __repr__(self) -> str:
        return describe(self, (), tuple(f.name for f in attrs.fields(Profile)))

    @classmethod
    def in_dataset(cls, dataset: Dataset, /, **fields: Unpack[ProfileFields]) -> Profile:
        """A profile whose names are looked up in ``dataset`` instead of the packaged one.

        Use it with a dataset loaded with packs, so that the pack's own muscles
        and injuries can be named; pass the same dataset to :func:`recommend`
        and :func:`plan`.

        >>> ds = runtone.load()
        >>> runtone.Profile.in_dataset(ds, weak_muscles=["glute med"]).weak_muscles
        frozenset({<Muscle 'gluteus-medius'>})

        Raises:
            ProfileError: a value is out of range or not one of an enum's values.
            UnknownIdError: a name matches no record of ``dataset``.
            TypeError: ``dataset`` is not a Dataset, a field is unknown (the
                message names it and suggests close ones), or a value has the
                wrong type.
        """
        from ._dataset import Dataset  # noqa: PLC0415 - a cycle at import time

        if not isinstance(dataset, Dataset):
            raise TypeError(f"dataset: expected a runtone.Dataset, got {shown(dataset)}")
        unknown = [name for name in fields if name not in _FIELDS.values()]
        if unknown:
            close = close_matches(unknown[0], _FIELDS, str)
            hint = "; did you mean " + ", ".join(map(repr, close)) + "?" if close else ""
            raise TypeError(
                f"Profile.in_dataset() got an unexpected field {shown(unknown[0])}{hint}"
            )
        token = _RESOLVING_IN.set(dataset)
        try:
            return cls(**cast("dict[str, Any]", fields))
        finally:
            _RESOLVING_IN.reset(token)

    @property
    def all_injuries(self) -> frozenset[Injury]:
        """Injuries now and before."""
        return self.injuries | self.past_injuries


#: Each field of a Profile by its normalized name (to suggest one for a misspelt name).
_FIELDS = {normalize(name): name for name in attrs.fields_dict(Profile)}


@attrs.frozen
class Reason:
    """One fact of a profile that a suggestion answers.

    Attributes:
        field: The Profile field, e.g. ``"weak_muscles"``.
        value: The value in that field it answers, e.g. ``"glutes"``.
        text: The reason in words.
    """

    field: str
    value: str
    text: str

    def __repr__(self) -> str:
        return describe(self, ("field", "value"), ())


@attrs.frozen
class Suggestion:
    """A recommendation ranked for a profile, with why.

    Attributes:
        recommendation: The recommendation.
        score: Higher ranks first; it adds up the reasons' weights.
        reasons: The facts of the profile it answers.
        exercises: Its exercises that the profile can do (equipment, injuries).
        sources: The sources that back it.
    """

    recommendation: Recommendation
    score: int
    reasons: tuple[Reason, ...]
    exercises: tuple[Exercise, ...]
    sources: tuple[Source, ...]

    def __repr__(self) -> str:
        return describe(self, ("recommendation",), ("score", "reasons", "exercises", "sources"))


# How much each kind of match weighs in a suggestion's score.
_WEIGHTS = {
    "level": 1,
    "injuries": 5,
    "weak_muscles": 4,
    "goals": 3,
    "past_injuries": 3,
    "tight_muscles": 2,
    "strike_pattern": 2,
}


def doable(exercise: Exercise, profile: Profile) -> bool:
    """Whether the profile has the equipment and no injury that rules the exercise out."""
    return exercise.equipment <= profile.equipment and profile.all_injuries.isdisjoint(
        exercise.contraindications
    )


class _Asked:
    """What a profile asks for, worked out once per call instead of once per recommendation."""

    __slots__ = ("goals", "injuries", "muscles")

    def __init__(self, profile: Profile, dataset: Dataset) -> None:
        self.goals = sorted(profile.goals, key=lambda g: g.value)
        #: (field, muscle, the muscle with its parts and groups), in the order reasons go.
        self.muscles = [
            (field, muscle, dataset.related_muscles(muscle))
            for field, muscles in (
                ("weak_muscles", profile.weak_muscles),
                ("tight_muscles", profile.tight_muscles),
            )
            for muscle in sorted(muscles, key=lambda m: m.id)
        ]
        self.injuries = [
            (field, injury)
            for field, injuries in (
                ("injuries", profile.injuries),
                ("past_injuries", profile.past_injuries),
            )
            for injury in sorted(injuries, key=lambda i: i.id)
        ]


#: The Profile fields that hold records, with the collection of each.
_RECORD_FIELDS = (
    ("strike_pattern", "strike_patterns"),
    ("weak_muscles", "muscles"),
    ("tight_muscles", "muscles"),
    ("injuries", "injuries"),
    ("past_injuries", "injuries"),
)


def _own(records: Iterable[Any], by_id: Mapping[str, object]) -> bool:
    """Whether every record is the one ``by_id`` holds under its id."""
    for record in records:  # noqa: SIM110 - all() of a generator costs more on the fast path
        if by_id.get(record.id) is not record:
            return False
    return True


def _resolved(profile: Profile, dataset: Dataset) -> Profile:
    """The profile with each of its records replaced by ``dataset``'s record of that id.

    A profile made in ``dataset`` (every record already its own) is returned as it
    is: that check is a dictionary look-up a record, with nothing built.

    Raises:
        UnknownIdError: ``dataset`` has no record with the id of one of the profile's
            (the error's field is ``profile.<field>``).
    """
    muscles = dataset._muscles.by_id  # noqa: SLF001 - same package
    injuries = dataset._injuries.by_id  # noqa: SLF001
    strike = profile.strike_pattern
    if (
        (strike is None or dataset._strike_patterns.by_id.get(strike.id) is strike)  # noqa: SLF001
        and _own(profile.weak_muscles, muscles)
        and _own(profile.tight_muscles, muscles)
        and _own(profile.injuries, injuries)
        and _own(profile.past_injuries, injuries)
    ):
        return profile
    changed: dict[str, object] = {}
    for field, collection in _RECORD_FIELDS:
        value = getattr(profile, field)
        if value is None:
            continue
        index = cast("_Index[Any]", getattr(dataset, f"_{collection}"))
        records: Iterable[Any] = value if isinstance(value, frozenset) else (value,)
        if _own(records, index.by_id):
            continue
        found = []
        for record in sorted(records, key=lambda r: cast("str", r.id)):
            mine = index.by_id.get(record.id)
            if mine is None:
                suggestions = index.suggest(record.id)
                raise UnknownIdError(record.id, collection, suggestions, field=f"profile.{field}")
            found.append(mine)
        changed[field] = frozenset(found) if isinstance(value, frozenset) else found[0]
    token = _RESOLVING_IN.set(dataset)
    try:
        return attrs.evolve(profile, **cast("dict[str, Any]", changed))
    finally:
        _RESOLVING_IN.reset(token)


def _reasons(rec: Recommendation, profile: Profile, asked: _Asked) -> list[Reason]:
    reasons = [
        Reason("goals", goal.value, f"serves your goal: {goal.value.replace('_', ' ')}")
        for goal in asked.goals
        if goal in rec.goals
    ]
    for field, muscle, related in asked.muscles:
        if not related.isdisjoint(rec.muscles):
            word = "weak" if field == "weak_muscles" else "tight"
            reasons.append(Reason(field, muscle.id, f"addresses your {word} {muscle.name.lower()}"))
    for field, injury in asked.injuries:
        if injury in rec.injuries:
            when = "" if field == "injuries" else " (before)"
            reasons.append(Reason(field, injury.id, f"addresses your {injury.name.lower()}{when}"))
    if rec.levels == {profile.level}:
        level = profile.level.value
        reasons.append(Reason("level", level, f"is meant for {level} runners"))
    if profile.strike_pattern is not None and profile.strike_pattern in rec.strike_patterns:
        pattern = profile.strike_pattern
        reasons.append(
            Reason("strike_pattern", pattern.id, f"is for runners with a {pattern.name.lower()}")
        )
    return reasons


def _treats_only(rec: Recommendation) -> bool:
    """Whether ``rec`` is treatment advice: all its research studied people with its injuries.

    Such advice rests only on studies of people who already had one of its
    injuries (sources whose ``condition`` is among them; popular articles do not
    count), so it says nothing about runners without them.
    """
    injuries = {i.id for i in rec.injuries}
    research = [s for s in rec.sources if s.kind not in POPULAR_KINDS]
    return bool(injuries and research) and all(s.condition in injuries for s in research)


def recommend(
    profile: Profile,
    *,
    min_evidence: EvidenceGrade | str | None = None,
    dataset: Dataset | None = None,
) -> tuple[Suggestion, ...]:
    """Recommendations for a profile, best first, each with its reasons.

    A recommendation is suggested when it suits the profile's level and foot
    strike, answers at least one of its goals, weak or tight muscles, injuries
    or foot strike, no listed injury rules it out, and (if it uses exercises)
    at least one of them is doable with the profile's equipment and injuries.
    Treatment advice, whose research sources all studied people with one of its
    injuries, is suggested only to a runner who has or has had one of them.
    Ranking: score (the weights of its reasons), then evidence grade, then data
    order. The same profile always gives the same result.

    Args:
        profile: The runner.
        min_evidence: Drop advice graded below this.
        dataset: The dataset to draw from; the packaged one by default. The
            profile's records are taken by id in it, so a profile made the
            usual way (in the packaged dataset) gets the answers of ``dataset``'s
            own records, a pack's replacements included.

    Raises:
        ProfileError: ``min_evidence`` is not an evidence grade.
        UnknownIdError: ``dataset`` has no record with the id of one of the
            profile's (the error's field is ``profile.<field>``).
        TypeError: ``profile`` is not a Profile, ``dataset`` is not a Dataset,
            or ``min_evidence`` has the wrong type.

    >>> p = runtone.Profile(level="beginner", weak_muscles=["glutes"], injuries=["runner's knee"])
    >>> top = runtone.recommend(p)[0]
    >>> top.recommendation.id, [r.field for r in top.reasons]
    ('strengthen-hips-and-glutes', ['weak_muscles', 'injuries'])
    """
    if not isinstance(profile, Profile):
        raise TypeError(f"profile: expected a runtone.Profile, got {shown(profile)}")
    grade = (
        None if min_evidence is None else _enum_value(EvidenceGrade, min_evidence, "min_evidence")
    )
    ds = _dataset() if dataset is None else check_dataset(dataset)
    profile = _resolved(profile, ds)
    ranked: list[tuple[int, int, int, Suggestion]] = []
    asked = _Asked(profile, ds)
    for position, rec in enumerate(ds.recommendations):
        if profile.level not in rec.levels:
            continue
        if grade is not None and rec.evidence < grade:
            continue
        if not profile.all_injuries.isdisjoint(rec.contraindications):
            continue
        if rec.strike_patterns and profile.strike_pattern not in rec.strike_patterns:
            continue
        if _treats_only(rec) and profile.all_injuries.isdisjoint(rec.injuries):
            continue
        exercises = tuple(e for e in rec.exercises if doable(e, profile))
        if rec.exercises and not exercises:
            continue
        reasons = _reasons(rec, profile, asked)
        if not reasons:
            continue
        score = sum(_WEIGHTS[r.field] for r in reasons)
        suggestion = Suggestion(rec, score, tuple(reasons), exercises, rec.sources)
        ranked.append((-score, -rec.evidence.rank, position, suggestion))
    ranked.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in ranked)


# --- plans ------------------------------------------------------------------------------


@attrs.frozen
class RunSession:
    """A running session.

    Attributes:
        exercise: The running workout.
        minutes: How long.
        recommendations: The recommendations it comes from (empty for an easy
            run that is simply the runner's own running days).
    """

    exercise: Exercise
    minutes: int
    recommendations: tuple[Recommendation, ...]

    def __repr__(self) -> str:
        return describe(self, ("exercise",), ("minutes", "recommendations"))


@attrs.frozen
class StrengthItem:
    """One exercise of a strength session.

    Attributes:
        exercise: The exercise.
        sets: Sets to do.
        reps: Repetitions (or time) a set, in words.
        recommendations: The recommendations it comes from.
        default_dosage: ``True`` when no source gives sets and repetitions and
            the numbers are runtone's starting default, not a sourced dose.
    """

    exercise: Exercise
    sets: int
    reps: str
    recommendations: tuple[Recommendation, ...]
    default_dosage: bool

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
        run: The running session, or ``None``.
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
class Week:
    """One week of a plan.

    Attributes:
        number: 1 for the first week.
        days: Seven days.
    """

    number: int
    days: tuple[Day, ...]

    def __repr__(self) -> str:
        return describe(self, ("number",), ("days", "minutes"))

    @property
    def minutes(self) -> int:
        """Minutes of training that week."""
        return sum(day.minutes for day in self.days)


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
class Plan:
    """A plan of weeks for a profile, built from its suggestions.

    Every week has exactly the profile's running days and strength days, except
    where :attr:`adjustments` says the plan gives fewer and why.

    Attributes:
        profile: The runner it was made for.
        weeks: The weeks, in order.
        suggestions: The ranked suggestions it draws on.
        adjustments: Each of the profile's day counts that the plan could not
            give, with the days it gives instead and why; empty when it gives
            every day asked for.

    >>> p = runtone.plan(runtone.Profile(running_days=3, strength_days=2), weeks=2)
    >>> len(p.weeks), [len(w.days) for w in p.weeks]
    (2, [7, 7])
    """

    profile: Profile
    weeks: tuple[Week, ...]
    suggestions: tuple[Suggestion, ...]
    adjustments: tuple[Adjustment, ...] = ()

    def __repr__(self) -> str:
        return describe(self, (), ("weeks", "suggestions", "adjustments"))


#: runtone's starting dose where the sources give none (flagged on every item).
DEFAULT_SETS = 2
DEFAULT_REPS = "10 to 12 repetitions"
MAX_STRENGTH_ITEMS = 5
STRENGTH_KINDS = frozenset({ExerciseKind.STRENGTH, ExerciseKind.PLYOMETRIC, ExerciseKind.MOBILITY})
#: Beginners build toward about 30 minutes (ACSM; the articles), from half of it.
BEGINNER_TARGET = 30
MAX_WEEKS = 52
#: The running workout of a plan's running days (quality runs replace some).
EASY_RUN = "easy-long-run"


def _spread(count: int, free: list[int]) -> list[int]:
    """``count`` days picked evenly from ``free`` (sorted day indexes)."""
    if count <= 0 or not free:
        return []
    count = min(count, len(free))
    step = len(free) / count
    return sorted({free[int(i * step)] for i in range(count)})


def plan(
    profile: Profile,
    *,
    weeks: int = 4,
    min_evidence: EvidenceGrade | str | None = None,
    dataset: Dataset | None = None,
) -> Plan:
    """A week-by-week plan for a profile.

    Every week has the profile's running days and strength days, with three
    exceptions, each listed in :attr:`Plan.adjustments` with its reason: strength
    work is at most 3 days a week (2 to 3 is the evidence-based range, fewer
    only when the profile has fewer); there is none when no suggestion has a
    strength exercise the profile can do; and there are no runs when the
    dataset has no easy run (``easy-long-run``) to plan them with.  When runs
    and strength work need more than 7 days, strength shares days with runs
    and the two split the day's minutes. No day is longer than the profile's
    minutes a session. Beginners start at half of about 30 minutes (or of their
    minutes a session, if less) and build up to it by the last week. Exercises
    come from the profile's suggestions and respect its equipment and injuries.

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
            profile's (the error's field is ``profile.<field>``).
        TypeError: an argument has the wrong type.

    >>> p = runtone.Profile(level="beginner", strike_pattern="heel", running_days=3)
    >>> week = runtone.plan(p, weeks=4).weeks[0]
    >>> sum(1 for day in week.days if day.run), sum(1 for day in week.days if day.is_rest) > 0
    (3, True)
    """
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
    ds = _dataset() if dataset is None else check_dataset(dataset)
    profile = _resolved(profile, ds)
    suggestions = recommend(profile, min_evidence=min_evidence, dataset=ds)
    strength_items = _strength_items(suggestions)
    quality = _quality_runs(suggestions, profile)
    easy = ds.get_exercise(EASY_RUN)
    run_recs = tuple(
        s.recommendation
        for s in suggestions
        if s.recommendation.dosage.minutes is not None and not s.recommendation.exercises
    )
    adjustments: list[Adjustment] = []
    run_count = profile.running_days
    if run_count and easy is None:
        adjustments.append(
            Adjustment(
                "running_days",
                run_count,
                0,
                f"the dataset has no easy run ({EASY_RUN!r}) to plan running days with",
            )
        )
        run_count = 0
    strength_count = profile.strength_days
    if strength_count and not strength_items:
        adjustments.append(
            Adjustment(
                "strength_days",
                strength_count,
                0,
                "no suggestion for this profile has a strength, plyometric or mobility "
                "exercise it can do (with its equipment and injuries)",
            )
        )
        strength_count = 0
    elif strength_count > STRENGTH_DAYS[1]:
        adjustments.append(
            Adjustment(
                "strength_days",
                strength_count,
                STRENGTH_DAYS[1],
                f"the evidence supports {STRENGTH_DAYS[0]} to {STRENGTH_DAYS[1]} strength days "
                "a week (ACSM; Blagrove et al. 2018), so the plan gives the most of that range",
            )
        )
        strength_count = STRENGTH_DAYS[1]
    run_days = _spread(run_count, list(range(DAYS_IN_WEEK)))
    free = [d for d in range(DAYS_IN_WEEK) if d not in run_days]
    strength_days = _spread(strength_count, free)
    if len(strength_days) < strength_count:  # not enough free days: share with runs
        shared = [d for d in run_days if d not in strength_days]
        strength_days = sorted(strength_days + _spread(strength_count - len(strength_days), shared))
    layout = _Layout(run_days, strength_days, strength_items, easy, run_recs, quality)
    built = tuple(
        Week(
            number,
            tuple(layout.day(profile, index, number, weeks) for index in range(DAYS_IN_WEEK)),
        )
        for number in range(1, weeks + 1)
    )
    return Plan(profile, built, suggestions, tuple(adjustments))


@attrs.frozen
class _Layout:
    """Which days hold what, and the sessions' contents, for every week of a plan."""

    run_days: list[int]
    strength_days: list[int]
    strength_items: tuple[StrengthItem, ...]
    easy: Exercise | None
    run_recs: tuple[Recommendation, ...]
    quality: list[tuple[Exercise, tuple[Recommendation, ...]]]

    def day(self, profile: Profile, index: int, number: int, weeks: int) -> Day:
        minutes = profile.minutes_per_session
        has_run = index in self.run_days and self.easy is not None
        has_strength = index in self.strength_days
        run_minutes = _run_minutes(profile, number, weeks)
        strength_minutes = min(minutes, BEGINNER_TARGET)
        if has_run and has_strength:  # share the day's minutes
            strength_minutes = minutes // 2
            run_minutes = min(run_minutes, minutes - strength_minutes)
        run = None
        if has_run and self.easy is not None:
            workout, recs = self.easy, self.run_recs
            last_run = index == self.run_days[-1]
            if self.quality and last_run and profile.level is not Level.BEGINNER:
                workout, recs = self.quality[(number - 1) % len(self.quality)]
            run = RunSession(workout, run_minutes, recs)
        strength = None
        if has_strength:
            recs = tuple(dict.fromkeys(r for i in self.strength_items for r in i.recommendations))
            strength = StrengthSession(self.strength_items, strength_minutes, recs)
        return Day(index + 1, run, strength)


def _run_minutes(profile: Profile, week: int, weeks: int) -> int:
    if profile.level is not Level.BEGINNER:
        return profile.minutes_per_session
    target = min(BEGINNER_TARGET, profile.minutes_per_session)
    start = max(MIN_MINUTES, target // 2)
    if weeks == 1:
        return start
    return start + round((target - start) * (week - 1) / (weeks - 1))


def _strength_items(suggestions: tuple[Suggestion, ...]) -> tuple[StrengthItem, ...]:
    chosen: dict[Exercise, list[Recommendation]] = {}
    for suggestion in suggestions:
        for exercise in suggestion.exercises:
            if exercise.kind not in STRENGTH_KINDS:
                continue
            if exercise in chosen:
                chosen[exercise].append(suggestion.recommendation)
            elif len(chosen) < MAX_STRENGTH_ITEMS:
                chosen[exercise] = [suggestion.recommendation]
    items = []
    for exercise, recs in chosen.items():
        dosage = next((r.dosage for r in recs if r.dosage.sets and r.dosage.reps), None)
        if dosage is not None and dosage.sets is not None and dosage.reps is not None:
            items.append(
                StrengthItem(exercise, dosage.sets, dosage.reps, tuple(recs), default_dosage=False)
            )
        else:
            items.append(
                StrengthItem(exercise, DEFAULT_SETS, DEFAULT_REPS, tuple(recs), default_dosage=True)
            )
    return tuple(items)


def _quality_runs(
    suggestions: tuple[Suggestion, ...], profile: Profile
) -> list[tuple[Exercise, tuple[Recommendation, ...]]]:
    """Running workouts other than easy running that the suggestions call for."""
    runs: list[tuple[Exercise, tuple[Recommendation, ...]]] = []
    seen: set[Exercise] = set()
    for suggestion in suggestions:
        for exercise in suggestion.exercises:
            if (
                exercise.kind is ExerciseKind.RUNNING_WORKOUT
                and exercise not in seen
                and doable(exercise, profile)
            ):
                seen.add(exercise)
                runs.append((exercise, (suggestion.recommendation,)))
    return runs
