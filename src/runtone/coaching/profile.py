"""A runner's profile: what they want, what they can do now, and what hurts."""

from __future__ import annotations

import contextvars
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, cast

import attrs

from .._default import load
from .._repr import describe
from .._vocab import (
    Equipment,
    Goal,
    Level,
    RaceDistance,
    close_matches,
    normalize,
    parse_enum,
    parse_enums,
)
from ..errors import ProfileError, shown

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .._dataset import Dataset, _Index
    from .._records import Injury, Muscle, StrideEffect

__all__ = [
    "DAYS_IN_WEEK",
    "MAX_MINUTES",
    "MAX_WEEKLY_MINUTES",
    "MIN_MINUTES",
    "Profile",
    "ProfileFields",
]

#: Limits on a profile's numbers.
MAX_MINUTES = 300
MIN_MINUTES = 10
DAYS_IN_WEEK = 7
#: The most running a week a profile can report: every day at the longest session.
MAX_WEEKLY_MINUTES = DAYS_IN_WEEK * MAX_MINUTES

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


def _optional_days(value: int | None) -> int | None:
    return None if value is None else _days(value, "current_running_days")


def _bounded(value: object, field: str, most: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field}: expected a whole number of minutes or None, got {shown(value)}")
    if not 0 <= value <= most:
        raise ProfileError(field, f"must be from 0 to {most} minutes, got {shown(value)}")
    return value


def _weekly_minutes(value: int | None) -> int | None:
    return _bounded(value, "weekly_minutes", MAX_WEEKLY_MINUTES)


def _longest_run(value: int | None) -> int | None:
    return _bounded(value, "longest_run", MAX_MINUTES)


def _race(value: RaceDistance | str | None) -> RaceDistance | None:
    return None if value is None else _enum_value(RaceDistance, value, "race")


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
    race: RaceDistance | str | None
    current_running_days: int | None
    weekly_minutes: int | None
    longest_run: int | None


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
        race: The race the plan builds toward (its last weeks taper to it), or
            ``None``.
        current_running_days: Days a week the runner runs now, or ``None`` when
            not given.
        weekly_minutes: Minutes of running a week now (0 to 2100), or ``None``.
        longest_run: The longest run of the past 30 days, in minutes (0 to 300),
            or ``None``.  Plans keep every run within about a tenth of it.

    Raises:
        ProfileError: a value is out of range or not one of an enum's values, or
            values contradict each other: a longest run longer than the week's
            running, running minutes without running days or days without
            minutes, more minutes a week than the days can hold, a race with no
            running days, or the goal of returning from injury with no injury named.
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
    race: RaceDistance | None = attrs.field(default=None, converter=_race)
    current_running_days: int | None = attrs.field(default=None, converter=_optional_days)
    weekly_minutes: int | None = attrs.field(default=None, converter=_weekly_minutes)
    longest_run: int | None = attrs.field(default=None, converter=_longest_run)

    def __attrs_post_init__(self) -> None:
        problem = _contradiction(self)
        if problem is not None:
            raise ProfileError(*problem)

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
        from .._dataset import Dataset  # noqa: PLC0415 - a cycle at import time

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


def _contradiction(p: Profile) -> tuple[str, str] | None:  # noqa: PLR0911 - one check a line
    """The field and the reason when a profile's values cannot all be true."""
    days, weekly, longest = p.current_running_days, p.weekly_minutes, p.longest_run
    if weekly is not None and longest is not None and longest > weekly:
        return (
            "longest_run",
            (
                f"{longest} minutes is longer than the {weekly} minutes run in a whole week "
                "(weekly_minutes)"
            ),
        )
    if days == 0 and weekly:
        return "weekly_minutes", f"{weekly} minutes a week with current_running_days 0"
    if days == 0 and longest:
        return "longest_run", f"a {longest}-minute run with current_running_days 0"
    if days and weekly == 0:
        return "weekly_minutes", f"0 minutes a week over {days} current running days"
    if days and weekly is not None and weekly > days * MAX_MINUTES:
        return (
            "weekly_minutes",
            f"{weekly} minutes cannot fit in {days} days of at most {MAX_MINUTES} minutes",
        )
    if p.race is not None and p.running_days == 0:
        return "race", f"a {p.race.value} race goal needs running days; running_days is 0"
    if Goal.RETURN_FROM_INJURY in p.goals and not p.all_injuries:
        return (
            "goals",
            "return_from_injury needs the injury: name it in injuries or past_injuries",
        )
    return None
