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


def _attrs_twin(record: object) -> object:
    """The same values in a class whose methods attrs generated (eq and hash)."""
    cls = type(record)
    twin = _TWINS.get(cls)
    if twin is None:
        fields = {f.name: attrs.field() for f in fields_of(record)}
        twin = _TWINS[cls] = attrs.make_class(cls.__name__, fields, frozen=True)
    return twin(*(getattr(record, f.name) for f in fields_of(record)))


_TWINS: dict[type, type] = {}


def _changed(record: object, field: str) -> object:
    """``record`` with one field given another value of the same kind."""
    value = getattr(record, field)
    if isinstance(value, str):
        return attrs.evolve(record, **{field: value + "!"})  # type: ignore[misc]
    if isinstance(value, tuple):
        return attrs.evolve(record, **{field: value[1:] if value else (value,)})  # type: ignore[misc]
    if isinstance(value, frozenset):
        return attrs.evolve(record, **{field: frozenset() if value else frozenset({0})})  # type: ignore[misc]
    return attrs.evolve(record, **{field: 0 if value is None else None})  # type: ignore[misc]


@pytest.mark.parametrize("record", ALL, ids=lambda r: f"{type(r).__name__}:{r.id}")
def test_records_compare_and_hash_as_attrs_would(record: object) -> None:
    # The records share one __eq__ and __hash__ (runtone._records._Record) instead of
    # attrs generating them per class: they must behave as attrs' would.  Their shared
    # __repr__ is deliberately not attrs' (which spelt out every nested record): it
    # names the class and the id (tests/test_repr.py).
    copy = attrs.evolve(record)  # type: ignore[misc]
    assert copy == record
    assert copy is not record
    assert hash(copy) == hash(record)
    assert repr(record) == f"<{type(record).__name__} {record.id!r}>"  # type: ignore[attr-defined]
    for field in fields_of(record):
        other = _changed(record, field.name)
        assert (other == record) == (_attrs_twin(other) == _attrs_twin(record)), field.name
        assert other != record, field.name
    assert record != _attrs_twin(record)  # another class is never equal
    assert record.__eq__(object()) is NotImplemented
