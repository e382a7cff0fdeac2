"""Consistency rules: what the records of any dataset must agree on with each other.

The loader checks each record on its own terms (types, ranges, references).  These
rules check what a record says against what it rests on and against the records
beside it, so that a runner is never shown two things that contradict each other.
They run over any :class:`~runtone.Dataset`, runtone's own or one with packs, and
``runtone validate`` reports what they find.  docs/concepts.md ("Consistency
rules") explains each one.

``popular-only``
    A graded statement whose sources are all popular (every source is a popular
    or medically reviewed article) is graded ``popular``.
``one-grade``
    The same source and finding never carry two grades: a claim and a
    recommendation with the same id, a claim and the stride-effect row its
    ``asserts`` names when they cite a source in common, and a recommendation and
    a claim it lists when both rest on exactly the same sources.
``level``
    Every level a recommendation is for has at least one of its exercises that
    suits it (an exercise's ``level`` at or below that level).
``prevention``
    No injury's ``prevention`` cites a source that studied only people who already
    had a condition (a source with a ``condition``).
``mentioned-id``
    Every id a text mentions exists: a bracketed kebab-case word such as
    ``[dorn-2012]`` in any text is a citation, the id of a source the record
    cites (in its own or its parts' ``sources``), and a source's ``condition``
    is the id of an injury.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Union, cast

import attrs

from ._loader import COLLECTIONS
from ._path import field_path
from ._vocab import EvidenceGrade, Level, SourceKind

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._dataset import Dataset
    from ._records import Claim, Injury, Recommendation, Source, StrideEffect

__all__ = ["MENTION", "POPULAR_KINDS", "RULES", "Problem", "check_consistency"]

#: The source kinds that are popular writing, not research.
POPULAR_KINDS = frozenset({SourceKind.POPULAR_ARTICLE, SourceKind.MEDICALLY_REVIEWED_ARTICLE})

#: How a text mentions a record: its id, of two or more kebab-case parts, in brackets.
MENTION = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)+)\]")

#: The rules, in the order they are checked.
RULES = ("popular-only", "one-grade", "level", "prevention", "mentioned-id")

#: The collections, in the order their records are checked: the loader's order.
_COLLECTIONS = tuple(c.name for c in COLLECTIONS)
_LEVELS = (Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED)

_Step = Union[str, int]


@attrs.frozen
class Problem:
    """One broken consistency rule.

    Attributes:
        collection: The collection of the record, e.g. ``"claims"``.
        record: The record's id.
        field: The field's path within the record, e.g. ``"prevention[0].sources[1]"``.
        rule: The rule broken, one of :data:`RULES`.
        message: What is wrong, in a sentence.
    """

    collection: str
    record: str
    field: str
    rule: str
    message: str


def _graded(value: object, steps: tuple[_Step, ...]) -> Iterator[tuple[tuple[_Step, ...], object]]:
    """The value and every graded part of it (with ``evidence`` and ``sources``), with paths."""
    if hasattr(value, "evidence") and hasattr(value, "sources"):
        yield steps, value
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
        item = getattr(value, field.name)
        if isinstance(item, tuple):
            for i, part in enumerate(item):
                if attrs.has(type(part)) and not hasattr(part, "id"):
                    yield from _graded(part, (*steps, field.name, i))


def _texts(value: object, steps: tuple[_Step, ...]) -> Iterator[tuple[tuple[_Step, ...], str]]:
    """Every text of a record and of its parts (not of the records it refers to)."""
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
        if field.name in {"id", "condition"}:
            continue
        item = getattr(value, field.name)
        if isinstance(item, str):
            yield (*steps, field.name), item
        elif isinstance(item, tuple):
            for i, part in enumerate(item):
                if isinstance(part, str):
                    yield (*steps, field.name, i), part
                elif attrs.has(type(part)) and not hasattr(part, "id"):
                    yield from _texts(part, (*steps, field.name, i))
        elif attrs.has(type(item)) and not hasattr(item, "id"):
            yield from _texts(item, (*steps, field.name))


def _popular_only(collection: str, record: object) -> Iterator[Problem]:
    ident = cast("str", getattr(record, "id", ""))
    for steps, part in _graded(record, ()):
        sources = cast("tuple[Source, ...]", getattr(part, "sources", ()))
        evidence = cast("EvidenceGrade", getattr(part, "evidence", None))
        if (
            sources
            and all(s.kind in POPULAR_KINDS for s in sources)
            and evidence is not EvidenceGrade.POPULAR
        ):
            yield Problem(
                collection,
                ident,
                field_path((*steps, "evidence")) if steps else "evidence",
                "popular-only",
                f"graded {evidence.value!r} but every source is a popular article "
                f"({', '.join(s.id for s in sources)}): it must be graded 'popular'",
            )


def _row_of(effect: StrideEffect, muscle: str) -> int | None:
    for i, row in enumerate(effect.muscle_effects):
        if row.muscle.id == muscle:
            return i
    return None


def _one_grade_claim(claim: Claim) -> Iterator[Problem]:
    cited = {s.id for s in claim.sources}
    for i, assertion in enumerate(claim.asserts):
        effect = assertion.effect
        index = _row_of(effect, assertion.muscle.id)
        if index is None:
            continue
        row = effect.muscle_effects[index]
        shared = sorted(cited & {s.id for s in row.sources})
        if shared and row.evidence is not claim.evidence:
            yield Problem(
                "claims",
                claim.id,
                "evidence",
                "one-grade",
                f"graded {claim.evidence.value!r}, but asserts[{i}] names {effect.id!r} "
                f"muscle_effects[{index}] ({assertion.muscle.id}), which is graded "
                f"{row.evidence.value!r} on the same source(s) {', '.join(shared)}",
            )


def _one_grade_recommendation(
    advice: Recommendation, claims: dict[str, Claim]
) -> Iterator[Problem]:
    same = claims.get(advice.id)
    if same is not None and same.evidence is not advice.evidence:
        yield Problem(
            "recommendations",
            advice.id,
            "evidence",
            "one-grade",
            f"graded {advice.evidence.value!r}, but the claim with the same id is graded "
            f"{same.evidence.value!r}",
        )
    cited = {s.id for s in advice.sources}
    for i, claim in enumerate(advice.claims):
        if claim is same:
            continue
        if {s.id for s in claim.sources} == cited and claim.evidence is not advice.evidence:
            yield Problem(
                "recommendations",
                advice.id,
                "evidence",
                "one-grade",
                f"graded {advice.evidence.value!r}, but claims[{i}] {claim.id!r} rests on "
                f"exactly the same sources and is graded {claim.evidence.value!r}",
            )


def _level(advice: Recommendation) -> Iterator[Problem]:
    if not advice.exercises:
        return
    easiest = min(_LEVELS.index(e.level) for e in advice.exercises)
    for level in sorted(advice.levels, key=_LEVELS.index):
        if _LEVELS.index(level) < easiest:
            above = ", ".join(f"{e.id} ({e.level.value})" for e in advice.exercises)
            yield Problem(
                "recommendations",
                advice.id,
                "levels",
                "level",
                f"is for {level.value} runners, but none of its exercises suits that level: "
                f"{above}",
            )


def _prevention(injury: Injury) -> Iterator[Problem]:
    for i, finding in enumerate(injury.prevention):
        for j, source in enumerate(finding.sources):
            if source.condition is not None:
                yield Problem(
                    "injuries",
                    injury.id,
                    field_path(("prevention", i, "sources", j)),
                    "prevention",
                    f"{source.id!r} studied only people who already had {source.condition!r}: "
                    "it is treatment evidence, not prevention (move it to treatment)",
                )


def _mentioned_ids(
    collection: str, record: object, ids: frozenset[str], injuries: frozenset[str]
) -> Iterator[Problem]:
    ident = cast("str", getattr(record, "id", ""))
    cited = {
        s.id
        for _, part in _graded(record, ())
        for s in cast("tuple[Source, ...]", getattr(part, "sources", ()))
    }
    for steps, text in _texts(record, ()):
        for match in MENTION.finditer(text):
            mentioned = match.group(1)
            if mentioned not in ids:
                problem = "which is not the id of any record"
            elif mentioned not in cited:
                problem = "which is not a source the record cites"
            else:
                continue
            yield Problem(
                collection,
                ident,
                field_path(steps),
                "mentioned-id",
                f"mentions [{mentioned}], {problem}",
            )
    condition = getattr(record, "condition", None)
    if collection == "sources" and condition is not None and condition not in injuries:
        yield Problem(
            collection,
            ident,
            "condition",
            "mentioned-id",
            f"{condition!r} is not the id of an injury",
        )


def check_consistency(dataset: Dataset) -> tuple[Problem, ...]:
    """Every broken consistency rule in ``dataset``, record by record.

    Args:
        dataset: Any dataset: runtone's own, or one with packs applied.

    Returns:
        The problems found, in the order of the collections and of their records;
        ``()`` when every rule holds.
    """
    records = {name: cast("tuple[object, ...]", getattr(dataset, name)) for name in _COLLECTIONS}
    ids = frozenset(cast("str", r.id) for rs in records.values() for r in rs)  # type: ignore[attr-defined]
    injuries = frozenset(i.id for i in dataset.injuries)
    claims = {c.id: c for c in dataset.claims}
    problems: list[Problem] = []
    for name, rows in records.items():
        for record in rows:
            problems.extend(_popular_only(name, record))
            if name == "claims":
                problems.extend(_one_grade_claim(cast("Claim", record)))
            elif name == "recommendations":
                advice = cast("Recommendation", record)
                problems.extend(_one_grade_recommendation(advice, claims))
                problems.extend(_level(advice))
            elif name == "injuries":
                problems.extend(_prevention(cast("Injury", record)))
            problems.extend(_mentioned_ids(name, record, ids, injuries))
    return tuple(problems)
