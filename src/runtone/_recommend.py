"""Ranked and explained recommendations for a runner's profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import attrs

from ._dataset import check_dataset
from ._repr import describe
from ._rules import POPULAR_KINDS
from ._vocab import EvidenceGrade, parse_enum
from .coaching.profile import _RESOLVING_IN, Profile, _dataset
from .errors import ProfileError, UnknownIdError, shown

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._dataset import Dataset, _Index
    from ._records import Exercise, Recommendation, Source

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


def _level_only_injury_advice(rec: Recommendation, profile: Profile, reasons: list[Reason]) -> bool:
    """Whether ``rec`` is advice about injuries the runner has not had, matched on level alone."""
    return (
        bool(rec.injuries)
        and profile.all_injuries.isdisjoint(rec.injuries)
        and all(r.field == "level" for r in reasons)
    )


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
        if not reasons or _level_only_injury_advice(rec, profile, reasons):
            continue
        score = sum(_WEIGHTS[r.field] for r in reasons)
        suggestion = Suggestion(rec, score, tuple(reasons), exercises, rec.sources)
        ranked.append((-score, -rec.evidence.rank, position, suggestion))
    ranked.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in ranked)
