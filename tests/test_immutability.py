"""Nothing reachable from a record can be changed."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from types import MappingProxyType

import attrs
import pytest

import runtone
from _support import fields_of

DS = runtone.load()

ALL = [
    *DS.sources,
    *DS.muscles,
    *DS.injuries,
    *DS.exercises,
    *DS.strike_patterns,
    *DS.stride_effects,
    *DS.claims,
    *DS.recommendations,
]


def _walk(value: object, path: str) -> Iterator[tuple[str, object]]:
    """Every value reachable from ``value``, with its path."""
    yield path, value
    if attrs.has(type(value)):
        for field in fields_of(value):
            yield from _walk(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, (tuple, frozenset)):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")


@pytest.mark.parametrize("record", ALL, ids=lambda r: f"{type(r).__name__}:{r.id}")
def test_every_reachable_value_is_immutable(record: object) -> None:
    for path, value in _walk(record, "record"):
        if attrs.has(type(value)):
            params = type(value).__attrs_attrs__  # type: ignore[attr-defined]
            assert params, path
            field = fields_of(value)[0]
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(value, field.name, getattr(value, field.name))
            assert not hasattr(value, "__dict__"), f"{path} is not slotted"
        else:
            assert isinstance(value, (str, int, bool, type(None), enum.Enum, tuple, frozenset)), (
                f"{path} is a {type(value).__name__}"
            )


@pytest.mark.parametrize("record", [ALL[0], DS.muscles[0]], ids=lambda r: r.id)
def test_records_refuse_new_attributes(record: object) -> None:
    with pytest.raises((AttributeError, attrs.exceptions.FrozenInstanceError)):
        record.colour = "red"  # type: ignore[attr-defined]


def test_collections_are_tuples() -> None:
    for name in (
        "sources",
        "muscles",
        "injuries",
        "exercises",
        "strike_patterns",
        "stride_effects",
        "claims",
        "recommendations",
    ):
        assert type(getattr(DS, name)) is tuple, name


def test_dataset_cannot_be_changed() -> None:
    with pytest.raises(AttributeError):
        DS.muscles = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        DS.colour = "red"  # type: ignore[attr-defined]
    index = DS._muscles.by_id
    assert isinstance(index, MappingProxyType)
    with pytest.raises(TypeError):
        index["x"] = DS.muscles[0]  # type: ignore[index]


def test_records_are_hashable_values() -> None:
    muscle = DS.muscles[0]
    assert hash(muscle) == hash(attrs.evolve(muscle))
    assert muscle == attrs.evolve(muscle)
    assert muscle != attrs.evolve(muscle, name=muscle.name + "!")
