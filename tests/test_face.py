"""The package face: a shortcut for every collection, public names only, honest types.

mypy --strict checks this file too: an assignment such as ``version: str =
runtone.__version__`` fails the type check (not the test run) if the face's types
regress, and a ``type: ignore`` that stops being needed is itself an error.
"""

from __future__ import annotations

import types

import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from runtone import _loader
from strategies import DS

COLLECTIONS = tuple(c.name for c in _loader.COLLECTIONS)
#: The lookup method of each collection, in the order of COLLECTIONS.
LOOKUPS = (
    "source",
    "muscle",
    "injury",
    "exercise",
    "strike_pattern",
    "stride_effect",
    "claim",
    "recommendation",
)
QUERIES = ("find_exercises", "find_muscles", "find_claims", "find_recommendations")


def test_the_lookups_are_named_after_the_collections() -> None:
    assert len(LOOKUPS) == len(COLLECTIONS)
    for lookup, collection in zip(LOOKUPS, COLLECTIONS):
        assert callable(getattr(DS, lookup)), collection


@pytest.mark.parametrize("name", [*LOOKUPS, *QUERIES])
def test_every_lookup_and_query_has_a_shortcut_on_the_face(name: str) -> None:
    assert name in runtone.__all__
    shortcut = getattr(runtone, name)
    assert isinstance(shortcut, types.FunctionType)
    assert "Raises:" in (shortcut.__doc__ or "")


@given(data=st.data())
def test_a_shortcut_finds_what_the_default_dataset_finds(data: st.DataObject) -> None:
    lookup, collection = data.draw(st.sampled_from(list(zip(LOOKUPS, COLLECTIONS))))
    record = data.draw(st.sampled_from(getattr(DS, collection)))
    assert getattr(runtone, lookup)(record.id) is record
    key = getattr(record, "name", None) or getattr(record, "title", None) or record.id
    assert getattr(runtone, lookup)(key.upper()) is getattr(DS, lookup)(key)


@pytest.mark.parametrize("name", LOOKUPS)
def test_a_shortcut_raises_as_the_lookup_does(name: str) -> None:
    with pytest.raises(runtone.UnknownIdError) as info:
        getattr(runtone, name)("no such thing at all")
    assert info.value.key == "no such thing at all"
    with pytest.raises(TypeError, match=r"^key must be a str"):
        getattr(runtone, name)(5)


def test_the_query_shortcuts_query_the_default_dataset() -> None:
    assert runtone.find_muscles(action="knee_extension") == DS.find_muscles(action="knee_extension")
    assert runtone.find_claims(verdict="contradicted") == DS.find_claims(verdict="contradicted")
    assert runtone.find_recommendations(goal="speed") == DS.find_recommendations(goal="speed")
