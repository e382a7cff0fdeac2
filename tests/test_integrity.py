"""The packaged data holds together: ids, references, sources."""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator

import attrs

import runtone
from _support import fields_of
from runtone import MuscleKind, Source

DS = runtone.load()

COLLECTIONS = {
    "sources": DS.sources,
    "muscles": DS.muscles,
    "injuries": DS.injuries,
    "exercises": DS.exercises,
    "strike_patterns": DS.strike_patterns,
    "stride_effects": DS.stride_effects,
    "claims": DS.claims,
    "recommendations": DS.recommendations,
    "terms": DS.terms,
    "training_rules": DS.training_rules,
}


def _cited(value: object) -> Iterator[Source]:
    """Every Source reachable from ``value`` (not counting Source records themselves)."""
    if isinstance(value, Source):
        yield value
    elif attrs.has(type(value)):
        for field in fields_of(value):
            yield from _cited(getattr(value, field.name))
    elif isinstance(value, (tuple, frozenset)):
        for item in value:
            yield from _cited(item)


def _id(record: object) -> str:
    return typing.cast("str", getattr(record, "id"))  # noqa: B009


def test_every_collection_is_populated() -> None:
    for name, records in COLLECTIONS.items():
        assert records, name


def test_ids_are_unique_slugs() -> None:
    for name, records in COLLECTIONS.items():
        ids = [_id(r) for r in records]
        assert len(ids) == len(set(ids)), name
        for ident in ids:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident), ident
    stride_ids = {r.id for r in DS.strike_patterns} & {r.id for r in DS.stride_effects}
    assert not stride_ids


def test_every_record_and_statement_has_a_source() -> None:
    statements = 0
    for name, records in COLLECTIONS.items():
        if name == "sources":
            continue
        for record in records:
            assert record.sources, record.id  # type: ignore[attr-defined]
            for path, value in _values(record, record.id):  # type: ignore[attr-defined]
                if attrs.has(type(value)) and "sources" in {f.name for f in fields_of(value)}:
                    assert value.sources, path  # type: ignore[attr-defined]
                    statements += value is not record
    assert statements > 100  # findings, effects and loads inside records, not only records


def _values(value: object, path: str, root: bool = True) -> Iterator[tuple[str, object]]:
    """Every value within a record; referenced records are listed, not entered."""
    yield path, value
    if attrs.has(type(value)) and (root or not hasattr(value, "id")):
        for field in fields_of(value):
            yield from _values(getattr(value, field.name), f"{path}.{field.name}", root=False)
    elif isinstance(value, (tuple, frozenset)):
        for i, item in enumerate(value):
            yield from _values(item, f"{path}[{i}]", root=False)


def test_every_source_is_cited() -> None:
    cited = {
        s.id
        for name, records in COLLECTIONS.items()
        if name != "sources"
        for r in records
        for s in _cited(r)
    }
    uncited = [s.id for s in DS.sources if s.id not in cited]
    assert uncited == []


def test_references_point_into_the_dataset() -> None:
    # The loader resolved references to objects: each must be the dataset's own record.
    by_id: dict[tuple[type, str], object] = {
        (type(r), _id(r)): r for records in COLLECTIONS.values() for r in records
    }
    references = 0
    for records in COLLECTIONS.values():
        for record in records:
            for path, value in _values(record, _id(record)):
                if path != _id(record) and hasattr(value, "id") and attrs.has(type(value)):
                    assert by_id[(type(value), _id(value))] is value, path
                    references += 1
    assert references > 500


def test_muscle_groups_and_parts() -> None:
    for muscle in DS.muscles:
        if muscle.part_of is not None:
            group = DS.group(muscle)
            assert group is not None
            assert group.kind is MuscleKind.GROUP, muscle.id
        if muscle.kind is MuscleKind.MUSCLE:
            assert DS.parts(muscle) == (), muscle.id


def test_every_muscle_is_fully_described() -> None:
    for muscle in DS.muscles:
        assert muscle.actions, muscle.id
        assert muscle.gait_phases, muscle.id
        assert len(muscle.role) > 40, muscle.id
        assert muscle.location, muscle.id


def test_the_article_groups_exist() -> None:
    for key in (
        "quadriceps",
        "hamstrings",
        "glutes",
        "hip flexors",
        "adductors",
        "calves",
        "tibialis anterior",
        "peroneals",
        "core",
        "gastrocnemius",
        "soleus",
        "gluteus maximus",
        "gluteus medius",
        "rectus femoris",
        "iliopsoas",
        "quads",
        "calf",
        "shin muscle",
        "fibularis",
    ):
        assert DS.get_muscle(key) is not None, key
