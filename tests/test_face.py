"""The package face: a shortcut for every collection, public names only, honest types.

mypy --strict checks this file too: an assignment such as ``version: str =
runtone.__version__`` fails the type check (not the test run) if the face's types
regress, and a ``type: ignore`` that stops being needed is itself an error.
"""

from __future__ import annotations

import subprocess
import sys
import types
from typing import Any, cast

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from runtone import (
    Claim,
    Exercise,
    Injury,
    Muscle,
    Recommendation,
    StrideEffect,
    Term,
    TrainingRule,
    _loader,
)
from strategies import DS, LOOKUPS

COLLECTIONS = tuple(c.name for c in _loader.COLLECTIONS)
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


# --- only public names ------------------------------------------------------------------------


def _dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def test_dir_lists_the_public_names_and_nothing_else() -> None:
    listed = dir(runtone)
    assert listed == sorted(listed)
    assert [n for n in listed if not _dunder(n)] == sorted(runtone.__all__)
    assert "__version__" in listed
    for leaked in ("os", "gc", "threading", "importlib", "typing", "TYPE_CHECKING"):
        assert leaked not in listed


def test_the_namespace_holds_no_imported_helper() -> None:
    # Submodules (runtone.errors, runtone.cli) are set by the import system once imported.
    extra = {
        name
        for name, value in vars(runtone).items()
        if not name.startswith("_") and name not in runtone.__all__
        if not (isinstance(value, types.ModuleType) and value.__name__ == f"runtone.{name}")
    }
    assert extra == set()


def test_a_fresh_import_holds_no_imported_helper() -> None:
    code = (
        "import runtone, types; print(sorted(n for n, v in vars(runtone).items()"
        " if not n.startswith('_') and n not in runtone.__all__"
        " and not isinstance(v, types.ModuleType)))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found == "[]\n"


def test_all_names_each_name_once_and_every_name_resolves() -> None:
    assert len(set(runtone.__all__)) == len(runtone.__all__)
    for name in runtone.__all__:
        assert getattr(runtone, name) is not None


# --- types ------------------------------------------------------------------------------------


def test_the_version_is_a_str_to_the_type_checker() -> None:
    version: str = runtone.__version__  # mypy: an error if typed object
    assert isinstance(version, str)
    assert version


def test_citing_returns_records_typed_as_records() -> None:
    source = DS.source("vannatta-2015")
    citing: tuple[
        Muscle | Injury | Exercise | StrideEffect | Claim | Recommendation | Term | TrainingRule,
        ...,
    ]
    citing = DS.citing(source)  # mypy: an error if typed tuple[object, ...]
    assert citing
    # Each is one of those records: the ids of every citing record, whatever its class.
    assert all(source in _sources_within(record) for record in citing)


def _sources_within(record: object) -> set[object]:
    found: set[object] = set()
    stack = [record]
    while stack:
        item = stack.pop()
        if isinstance(item, runtone.Source):
            found.add(item)
        elif isinstance(item, (tuple, frozenset)):
            stack.extend(item)
        elif attrs.has(type(item)) and (item is record or not hasattr(item, "id")):
            fields = attrs.fields(cast("type[attrs.AttrsInstance]", type(item)))
            stack.extend(getattr(item, f.name) for f in fields)
    return found


def test_a_misspelt_profile_field_is_refused_with_a_close_match() -> None:
    with pytest.raises(TypeError) as info:
        runtone.Profile.in_dataset(DS, weak_muscle=["glutes"])  # type: ignore[call-arg]
    assert str(info.value) == (
        "Profile.in_dataset() got an unexpected field 'weak_muscle'; did you mean 'weak_muscles'?"
    )


@given(name=st.text(max_size=20))
def test_any_unknown_field_is_named(name: str) -> None:
    fields = attrs.fields_dict(runtone.Profile)
    if name in fields:
        return
    unknown: dict[str, Any] = {name: 1}
    with pytest.raises(TypeError, match=r"^Profile\.in_dataset\(\) got an unexpected field"):
        runtone.Profile.in_dataset(DS, **unknown)


def test_profile_fields_names_every_field_of_a_profile() -> None:
    assert set(runtone.ProfileFields.__annotations__) == set(attrs.fields_dict(runtone.Profile))
    fields: runtone.ProfileFields = {"level": "beginner", "equipment": ["none"]}
    assert runtone.Profile.in_dataset(DS, **fields) == runtone.Profile(**fields)
