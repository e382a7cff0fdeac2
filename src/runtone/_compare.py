"""Comparing two ways of running muscle by muscle (foot-strike patterns first of all)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Union

import attrs

from ._dataset import _Index
from ._records import JointLoad, Muscle, MuscleEffect, Source, StrideEffect
from ._repr import describe
from ._vocab import Direction, EvidenceGrade, Structure
from .errors import UnknownIdError, shown

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["JointRow", "MuscleRow", "StrikeComparison", "compare"]


@attrs.frozen
class MuscleRow:
    """How one muscle's work changes going from one pattern to the other.

    Attributes:
        muscle: The muscle.
        direction: Its work under the second pattern compared with the first.
        evidence: The weakest grade among the findings the row rests on.
        sources: The sources of those findings.
        text: The findings, as the data states them.
        derived: ``True`` when the row is worked out from two patterns measured
            against a common baseline, not read from a direct comparison.
    """

    muscle: Muscle
    direction: Direction
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    text: str
    derived: bool = False

    def __repr__(self) -> str:
        return describe(self, ("muscle",), ("direction", "evidence", "derived", "sources"))

    def mirror(self) -> MuscleRow:
        """The same row seen from the other pattern."""
        return attrs.evolve(self, direction=self.direction.mirror)


@attrs.frozen
class JointRow:
    """How the load on one joint or tendon changes going from one pattern to the other.

    Attributes:
        structure: The joint, tendon or tissue.
        direction: Its load under the second pattern compared with the first.
        evidence: The weakest grade among the findings the row rests on.
        sources: The sources of those findings.
        text: The findings, as the data states them.
        derived: ``True`` when worked out through a common baseline.
    """

    structure: Structure
    direction: Direction
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    text: str
    derived: bool = False

    def __repr__(self) -> str:
        return describe(self, ("structure",), ("direction", "evidence", "derived", "sources"))

    def mirror(self) -> JointRow:
        """The same row seen from the other pattern."""
        return attrs.evolve(self, direction=self.direction.mirror)


@attrs.frozen
class StrikeComparison:
    """What changes, muscle by muscle and joint by joint, going from ``a`` to ``b``.

    ``compare_strikes(a, b)`` is the mirror of ``compare_strikes(b, a)``: the
    same rows in the same order, every direction turned round.

    Attributes:
        a: The pattern you move from.
        b: The pattern you move to.
        muscles: One row per muscle, in the order the data lists them.
        joints: One row per joint or tendon.

    >>> change = runtone.compare_strikes("heel", "forefoot")
    >>> change.row("quadriceps").direction.value, change.mirror().row("quadriceps").direction.value
    ('less', 'more')
    """

    a: StrideEffect
    b: StrideEffect
    muscles: tuple[MuscleRow, ...]
    joints: tuple[JointRow, ...]

    def __repr__(self) -> str:
        return describe(self, ("a", "b"), ("muscles", "joints"))

    def mirror(self) -> StrikeComparison:
        """The comparison the other way round."""
        return StrikeComparison(
            a=self.b,
            b=self.a,
            muscles=tuple(row.mirror() for row in self.muscles),
            joints=tuple(row.mirror() for row in self.joints),
        )

    def row(self, muscle: Muscle | str) -> MuscleRow:
        """The row of one muscle: by record (its id), or by id, name or alias.

        Keys are matched as the Dataset's lookups match them (case, spaces,
        hyphens and underscores ignored), among the muscles the comparison has
        rows for.

        >>> runtone.compare_strikes("heel", "forefoot").row("Quads").muscle.id
        'quadriceps'

        Raises:
            UnknownIdError: the comparison has no row for that muscle; the
                message suggests up to three close ones that it has (its
                ``collection`` is ``"rows"``).
            TypeError: ``muscle`` is neither a muscle nor a string.
        """
        if isinstance(muscle, Muscle):
            key = muscle.id
        elif isinstance(muscle, str):
            key = muscle
        else:
            raise TypeError(f"muscle: expected a muscle or its id, got {shown(muscle)}")
        for row in self.muscles:  # by id: the usual question, answered without an index
            if row.muscle.id == key:
                return row
        index = _Index("rows", tuple(row.muscle for row in self.muscles))
        found = index.get(key, "muscle") if isinstance(muscle, str) else None
        if found is None:
            raise UnknownIdError(key, "rows", index.suggest(key), field="muscle")
        return next(row for row in self.muscles if row.muscle is found)


Effect = Union[MuscleEffect, JointLoad]
#: (muscle or structure, direction, evidence, sources, text)
Line = tuple[Union[Muscle, Structure], Direction, EvidenceGrade, tuple[Source, ...], str]


def _key(effect: Effect) -> Muscle | Structure:
    return effect.muscle if isinstance(effect, MuscleEffect) else effect.structure


def _direct(effects: tuple[Effect, ...], *, mirror: bool = False) -> list[Line]:
    return [
        (_key(e), e.direction.mirror if mirror else e.direction, e.evidence, e.sources, e.text)
        for e in effects
    ]


# Direction of b against a, from b and a each against a common baseline.
_THROUGH_BASELINE = {
    (Direction.SIMILAR, Direction.MORE): Direction.MORE,
    (Direction.SIMILAR, Direction.LESS): Direction.LESS,
    (Direction.SIMILAR, Direction.SIMILAR): Direction.SIMILAR,
    (Direction.MORE, Direction.SIMILAR): Direction.LESS,
    (Direction.LESS, Direction.SIMILAR): Direction.MORE,
    (Direction.LESS, Direction.MORE): Direction.MORE,
    (Direction.MORE, Direction.LESS): Direction.LESS,
}


def _through(
    a_effects: tuple[Effect, ...], b_effects: tuple[Effect, ...], *, linked: bool
) -> list[Line]:
    """Rows of b against a, each measured against a common baseline (if ``linked``)."""
    a_by = {_key(e): e for e in a_effects}
    b_by = {_key(e): e for e in b_effects}
    rows: list[Line] = []
    for key in dict.fromkeys([*a_by, *b_by]):
        ea, eb = a_by.get(key), b_by.get(key)
        if ea is None or eb is None:
            only = ea or eb
            assert only is not None  # noqa: S101 - the key came from one of the two
            rows.append((key, Direction.UNKNOWN, only.evidence, only.sources, only.text))
            continue
        direction = Direction.UNKNOWN
        if linked:
            direction = _THROUGH_BASELINE.get((ea.direction, eb.direction), Direction.UNKNOWN)
        sources = tuple(dict.fromkeys([*ea.sources, *eb.sources]))
        evidence = min(ea.evidence, eb.evidence)
        rows.append((key, direction, evidence, sources, f"{ea.text} {eb.text}"))
    return rows


def compare(dataset: Dataset, a: StrideEffect | str, b: StrideEffect | str) -> StrikeComparison:
    """Compare two foot-strike patterns (or two stride effects) muscle by muscle.

    Where one pattern is measured against the other (forefoot strike against
    rearfoot), its effects are read directly; where both are measured against
    a common baseline (midfoot and forefoot, both against rearfoot), each row is
    worked out through that baseline and marked ``derived``, and a row whose
    direction cannot be told that way (both more, say) is ``unknown``. With no
    link at all, every row is ``unknown``.

    Raises:
        UnknownIdError: ``a`` or ``b`` names no strike pattern or stride effect.
    """
    first = _resolve(dataset, a, "a")
    second = _resolve(dataset, b, "b")
    # Work out one canonical direction and mirror it, so that a-b and b-a always agree.
    order = _position(dataset, first) <= _position(dataset, second)
    x, y = (first, second) if order else (second, first)
    comparison = _compare(x, y)
    return comparison if order else comparison.mirror()


def _compare(a: StrideEffect, b: StrideEffect) -> StrikeComparison:
    derived = False
    if a == b:
        muscles: list[Line] = []
        joints: list[Line] = []
    elif b.baseline_id == a.id:
        muscles, joints = _direct(b.muscle_effects), _direct(b.joint_loads)
    elif a.baseline_id == b.id:
        muscles = _direct(a.muscle_effects, mirror=True)
        joints = _direct(a.joint_loads, mirror=True)
    else:
        derived = True
        linked = a.baseline_id is not None and a.baseline_id == b.baseline_id
        muscles = _through(a.muscle_effects, b.muscle_effects, linked=linked)
        joints = _through(a.joint_loads, b.joint_loads, linked=linked)
    return StrikeComparison(
        a=a,
        b=b,
        muscles=tuple(
            MuscleRow(m, d, g, s, t, derived) for m, d, g, s, t in muscles if isinstance(m, Muscle)
        ),
        joints=tuple(
            JointRow(j, d, g, s, t, derived) for j, d, g, s, t in joints if isinstance(j, Structure)
        ),
    )


def _position(dataset: Dataset, effect: StrideEffect) -> tuple[int, int]:
    for group, records in enumerate((dataset.strike_patterns, dataset.stride_effects)):
        for i, record in enumerate(records):
            if record is effect:
                return group, i
    raise AssertionError(effect.id)  # pragma: no cover - _resolve returned it


def _resolve(dataset: Dataset, value: StrideEffect | str, name: str) -> StrideEffect:
    indexes = (dataset._strike_patterns, dataset._stride_effects)  # noqa: SLF001
    return dataset._resolve(name, value, *indexes)  # noqa: SLF001 - same package
