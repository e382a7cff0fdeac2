"""Ranked and explained recommendations for a runner's profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import attrs

from ._dataset import check_dataset
from ._messages import words
from ._repr import describe
from ._rules import POPULAR_KINDS
from ._vocab import EvidenceGrade, Goal, Level, parse_enum
from .coaching.profile import _RESOLVING_IN, Profile, _dataset
from .errors import ProfileError, UnknownIdError, shown

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._dataset import Dataset, _Index
    from ._messages import Words
    from ._records import Exercise, Injury, Muscle, Recommendation, Source, StrideEffect

__all__ = ["Reason", "Suggestion", "doable", "recommend"]


def _enum_value(cls: type[EvidenceGrade], value: object, field: str) -> EvidenceGrade:
    return parse_enum(cls, value, field, error=ProfileError)


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


class _Entry:
    """One recommendation with what recommend() tests of it, in the forms it tests fastest.

    The record's tuples of records become sets (a membership test is then one hash
    instead of a comparison per element), its exercises carry what :func:`doable`
    looks at, and what depends on the recommendation alone is decided once.
    """

    __slots__ = (
        "contraindications",
        "exercises",
        "goals",
        "injuries",
        "muscles",
        "neg_rank",
        "only_level",
        "position",
        "rank",
        "rec",
        "strikes",
        "treats_only",
        "unconditional",
    )

    def __init__(self, position: int, rec: Recommendation) -> None:
        self.position = position
        self.rec = rec
        self.rank = rec.evidence.rank
        self.neg_rank = -self.rank
        self.goals = rec.goals
        self.muscles = frozenset(rec.muscles)
        self.injuries = frozenset(rec.injuries)
        self.contraindications = frozenset(rec.contraindications)
        #: The strike patterns it is for, or ``None`` for any.
        self.strikes = frozenset(rec.strike_patterns) or None
        self.treats_only = _treats_only(rec)
        #: Its one level when it suits only one (``rec.levels == {level}``), else ``None``.
        self.only_level = next(iter(rec.levels)) if len(rec.levels) == 1 else None
        #: Each exercise with the equipment it needs and the injuries that rule it out.
        self.exercises = tuple(
            (e, e.equipment, frozenset(e.contraindications)) for e in rec.exercises
        )
        #: Whether every exercise is doable by anyone (no equipment, no contraindication).
        self.unconditional = all(not eq and not contra for _, eq, contra in self.exercises)


class _Advice:
    """What recommend() needs of one dataset, worked out on its first call with it.

    Datasets are immutable, so none of it goes stale: the recommendations by level
    in data order, each muscle's related muscles, and the reasons (one object per
    reason, shared by every suggestion that gives it).
    """

    __slots__ = ("by_level", "dataset", "reasons", "related")

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        entries = [_Entry(position, rec) for position, rec in enumerate(dataset.recommendations)]
        self.by_level: dict[Level, tuple[_Entry, ...]] = {
            level: tuple(e for e in entries if level in e.rec.levels) for level in Level
        }
        self.related: dict[str, frozenset[Muscle]] = {}
        self.reasons: dict[tuple[str, str], Reason] = {}

    def related_muscles(self, muscle: Muscle) -> frozenset[Muscle]:
        found = self.related.get(muscle.id)
        if found is None:
            found = self.related[muscle.id] = self.dataset.related_muscles(muscle)
        return found

    def reason(self, field: str, key: str, record: Muscle | Injury | StrideEffect | None) -> Reason:
        """The reason ``field`` gives for ``key`` (a record's id, a goal's or a level's value)."""
        found = self.reasons.get((field, key))
        if found is None:
            say = words(self.dataset.locale)
            found = self.reasons[(field, key)] = _reason(field, key, record, say)
        return found


def _reason(
    field: str, key: str, record: Muscle | Injury | StrideEffect | None, say: Words
) -> Reason:
    """Why a recommendation suits the profile, in the dataset's language."""
    if field == "goals":
        return Reason(field, key, say("advice/goal", goal=say.member(Goal(key))))
    if field == "level":
        return Reason(field, key, say("advice/level", level=say.member(Level(key))))
    assert record is not None  # noqa: S101 - every other field is a record's
    name = say.in_sentence(record.name)
    return Reason(field, key, say(f"advice/{field}", name=name))


#: The advice of each dataset recommend() has been called with, with the dataset itself
#: (kept so that its id is not reused while the entry stands). Datasets take no weak
#: references and have no slot for it, so the cache is kept small instead.
_ADVICE: dict[int, _Advice] = {}
_ADVICE_MOST = 8


def _advice(dataset: Dataset) -> _Advice:
    found = _ADVICE.get(id(dataset))
    if found is not None and found.dataset is dataset:
        return found
    found = _Advice(dataset)
    if len(_ADVICE) >= _ADVICE_MOST:
        _ADVICE.clear()
    _ADVICE[id(dataset)] = found
    return found


class _Asked:
    """What a profile asks for and rules out, worked out once per call.

    :meth:`exercises` and :meth:`reasons` then test one recommendation against it.
    """

    __slots__ = (
        "equipment",
        "goal_reasons",
        "goals",
        "hurt",
        "injuries",
        "level",
        "level_reason",
        "muscles",
        "strike",
        "strike_reason",
    )

    def __init__(self, profile: Profile, advice: _Advice) -> None:
        self.goals = profile.goals
        self.equipment = profile.equipment
        #: Injuries now and before.
        self.hurt = profile.injuries | profile.past_injuries
        self.level = profile.level
        self.strike = strike = profile.strike_pattern
        #: (goal, its reason), by the goal's value.
        self.goal_reasons = [
            (goal, advice.reason("goals", goal.value, None))
            for goal in sorted(profile.goals, key=lambda g: g.value)
        ]
        #: (the muscle with its parts and groups, the reason), in the order reasons go.
        self.muscles = [
            (advice.related_muscles(muscle), advice.reason(field, muscle.id, muscle))
            for field, muscles in (
                ("weak_muscles", profile.weak_muscles),
                ("tight_muscles", profile.tight_muscles),
            )
            for muscle in sorted(muscles, key=lambda m: m.id)
        ]
        #: (the injury, the reason), in the order reasons go.
        self.injuries = [
            (injury, advice.reason(field, injury.id, injury))
            for field, injuries in (
                ("injuries", profile.injuries),
                ("past_injuries", profile.past_injuries),
            )
            for injury in sorted(injuries, key=lambda i: i.id)
        ]
        self.level_reason = advice.reason("level", profile.level.value, None)
        self.strike_reason = (
            None if strike is None else advice.reason("strike_pattern", strike.id, strike)
        )

    def exercises(self, entry: _Entry) -> tuple[Exercise, ...] | None:
        """The recommendation's exercises the profile can do; ``None`` when it is ruled out.

        Ruled out: an injury (now or before) rules it out, it is for other strike
        patterns, it is treatment advice for injuries the runner has not had, or none
        of its exercises (when it has some) is doable.
        """
        hurt = self.hurt
        if not hurt.isdisjoint(entry.contraindications):
            return None
        if entry.strikes is not None and self.strike not in entry.strikes:
            return None
        if entry.treats_only and hurt.isdisjoint(entry.injuries):
            return None
        if entry.unconditional:
            return entry.rec.exercises
        equipment = self.equipment
        found = []
        for e, needs, rules_out in entry.exercises:  # a comprehension would be a call more
            if needs <= equipment and hurt.isdisjoint(rules_out):
                found.append(e)
        return tuple(found) if found else None

    def reasons(self, entry: _Entry) -> list[Reason]:
        """The facts of the profile that a recommendation it is not ruled out of answers.

        Empty when it answers none, or when it is advice about injuries the runner
        has not had that has only the runner's level in common with them.
        """
        hurt = self.hurt
        reasons: list[Reason] = []
        if not self.goals.isdisjoint(entry.goals):
            reasons = [reason for goal, reason in self.goal_reasons if goal in entry.goals]
        for related, reason in self.muscles:
            if not related.isdisjoint(entry.muscles):
                reasons.append(reason)
        if not hurt.isdisjoint(entry.injuries):
            reasons.extend(reason for injury, reason in self.injuries if injury in entry.injuries)
        if entry.only_level is self.level:
            reasons.append(self.level_reason)
        # A recommendation for some strike patterns that is not ruled out has the profile's.
        if self.strike_reason is not None and entry.strikes is not None:
            reasons.append(self.strike_reason)
        elif (
            len(reasons) == 1
            and reasons[0] is self.level_reason
            and entry.injuries
            and hurt.isdisjoint(entry.injuries)
        ):
            return []  # advice about injuries the runner has not had, matched on level alone
        return reasons


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
    injuries, is suggested only to a runner who has or has had one of them; other
    advice about an injury needs more than the runner's level in common with a
    runner who has not had it.
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
    advice = _advice(ds)
    asked = _Asked(profile, advice)
    least = -1 if grade is None else grade.rank
    weights = _WEIGHTS
    ranked: list[tuple[int, int, int, Suggestion]] = []
    for entry in advice.by_level[profile.level]:
        if entry.rank < least:
            continue
        exercises = asked.exercises(entry)
        if exercises is None:
            continue
        reasons = asked.reasons(entry)
        if not reasons:
            continue
        score = 0
        for reason in reasons:
            score += weights[reason.field]
        rec = entry.rec
        suggestion = Suggestion(rec, score, tuple(reasons), exercises, rec.sources)
        ranked.append((-score, entry.neg_rank, entry.position, suggestion))
    ranked.sort()  # the positions differ: the suggestions themselves are never compared
    return tuple(item[3] for item in ranked)
