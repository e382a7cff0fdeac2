"""The export: one JSON object for apps in any language, described by a shipped schema."""

from __future__ import annotations

import enum
import json
import typing
from collections.abc import Mapping

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from _support import DATA, examples
from runtone import _export, _loader
from strategies import runtone_objects

EXPORT_SCHEMA = json.loads((DATA / "schema" / "export.schema.json").read_text("utf-8"))
PACK_SCHEMA = json.loads((DATA / "schema" / "pack.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(EXPORT_SCHEMA)
RECORD_CLASSES = {c.record for c in _loader.COLLECTIONS}


def test_the_export_matches_the_contract_and_its_schema() -> None:
    data = runtone.export()
    jsonschema.Draft202012Validator.check_schema(EXPORT_SCHEMA)
    assert list(VALIDATOR.iter_errors(data)) == []
    assert set(data) == {"data_version", "locale", *(c.name for c in _loader.COLLECTIONS)}
    assert data["locale"] == "en"
    assert data["data_version"] == runtone.DATA_VERSION
    ds = runtone.load()
    for collection in _loader.COLLECTIONS:
        records = data[collection.name]
        assert isinstance(records, list)
        assert [r["id"] for r in records] == [r.id for r in getattr(ds, collection.name)]  # type: ignore[index, call-overload]


def test_the_export_is_plain_json_and_deterministic() -> None:
    text = json.dumps(runtone.export(), sort_keys=False)
    assert json.loads(text) == runtone.export()
    assert text == json.dumps(runtone.export(), sort_keys=False)


def test_each_call_returns_a_new_object() -> None:
    data = runtone.export()
    muscles = data["muscles"]
    assert isinstance(muscles, list)
    muscles.clear()
    assert runtone.export()["muscles"]


def _records() -> list[object]:
    ds = runtone.load()
    return [r for c in _loader.COLLECTIONS for r in getattr(ds, c.name)]


@given(st.sampled_from(_records()))
def test_every_field_is_there_and_references_are_ids(record: object) -> None:
    data = _export.to_json(record)
    assert isinstance(data, dict)
    fields = attrs.fields(typing.cast("type[attrs.AttrsInstance]", type(record)))
    assert list(data) == [f.name for f in fields]

    def check(value: object, exported: object) -> None:
        if type(value) in RECORD_CLASSES:
            assert exported == value.id  # type: ignore[attr-defined]
        elif attrs.has(type(value)):
            assert isinstance(exported, dict)
            for field in attrs.fields(typing.cast("type[attrs.AttrsInstance]", type(value))):
                check(getattr(value, field.name), exported[field.name])
        elif isinstance(value, (tuple, frozenset)):
            assert isinstance(exported, list)
            assert len(exported) == len(value)
            if isinstance(value, frozenset):
                assert exported == sorted(exported)
        elif hasattr(value, "value") and not isinstance(value, (int, str)):
            assert exported == value.value
        else:
            assert exported == value

    for field in fields:
        check(getattr(record, field.name), data[field.name])


def test_the_schema_rejects_a_bad_last_record() -> None:
    data = runtone.export()
    muscles = data["muscles"]
    assert isinstance(muscles, list)
    last = muscles[-1]
    assert isinstance(last, dict)
    last["region"] = "elbow"
    errors = list(VALIDATOR.iter_errors(data))
    assert [list(e.absolute_path) for e in errors] == [["muscles", len(muscles) - 1, "region"]]
    del data["data_version"]
    assert any(e.validator == "required" for e in VALIDATOR.iter_errors(data))


def test_to_json_refuses_what_json_cannot_hold() -> None:
    with pytest.raises(TypeError, match="cannot express a value of type object as JSON"):
        _export.to_json(object())


def test_the_pack_manifest_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(PACK_SCHEMA)
    validator = jsonschema.Draft202012Validator(PACK_SCHEMA)
    assert list(validator.iter_errors({"name": "mine", "overrides": {"muscles": ["soleus"]}})) == []
    assert list(validator.iter_errors({"overrides": {"muscle": ["soleus"]}}))
    assert list(validator.iter_errors({"version": 1}))


# --- the export and to_json are what a plain walk over the objects gives ---------------------


def _reference(value: object, *, top: bool = False) -> object:  # noqa: PLR0911 - by type
    """The documented JSON form of ``value``, the plain way: the reference."""
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if isinstance(value, enum.Enum):
        return _reference(value.value)
    if attrs.has(type(value)):
        if type(value) in RECORD_CLASSES and not top:
            return _reference(value.id)  # type: ignore[attr-defined]
        fields = attrs.fields(typing.cast("type[attrs.AttrsInstance]", type(value)))
        return {f.name: _reference(getattr(value, f.name)) for f in fields}
    if isinstance(value, (set, frozenset)):
        items = [_reference(item) for item in value]
        return sorted(
            items,
            key=lambda x: (
                (False, x) if isinstance(x, str) else (True, json.dumps(x, sort_keys=True))
            ),
        )
    if isinstance(value, (tuple, list)):
        return [_reference(item) for item in value]
    assert isinstance(value, Mapping)
    return {key: _reference(item) for key, item in value.items()}


def _reference_export(ds: runtone.Dataset) -> str:
    data: dict[str, object] = {"data_version": runtone.DATA_VERSION, "locale": ds.locale}
    data.update(
        {
            c.name: [_reference(r, top=True) for r in getattr(ds, c.name)]
            for c in _loader.COLLECTIONS
        }
    )
    return json.dumps(data)


def test_the_export_is_the_plain_walk() -> None:
    assert json.dumps(runtone.export()) == _reference_export(runtone.load())


@given(runtone_objects())
@settings(max_examples=examples(2))
def test_to_json_is_the_plain_walk(value: object) -> None:
    assert json.dumps(runtone.to_json(value)) == json.dumps(_reference(value, top=True))


@pytest.mark.parametrize("locale", ["en", "de", "es", "fr"])
def test_every_export_of_a_dataset_is_the_plain_walk_and_its_own_object(locale: str) -> None:
    # The first export converts the records, the second keeps its JSON text, and the
    # later ones parse that text: all of them must be the same, and none shared.
    ds = runtone.load(locale=locale)
    reference = _reference_export(ds)
    exports = [runtone.export(ds) for _ in range(4)]
    assert all(json.dumps(data) == reference for data in exports)
    for data in exports[1:]:
        muscles = data["muscles"]
        assert isinstance(muscles, list)
        first = muscles[0]
        assert isinstance(first, dict)
        first["name"] = "changed"
        muscles.append("more")
    assert json.dumps(runtone.export(ds)) == reference


def test_the_exports_kept_are_few_and_each_is_its_datasets() -> None:
    made = [runtone.Dataset({"muscles": runtone.load().muscles[: n + 1]}) for n in range(8)]
    for ds in made:
        for _ in range(3):
            muscles = runtone.export(ds)["muscles"]
            assert isinstance(muscles, list)
            assert [m["id"] for m in muscles if isinstance(m, dict)] == [m.id for m in ds.muscles]
    assert len(_export._texts) <= _export._KEEP
    assert len(_export._exported_once) <= _export._KEEP
    assert all(id(entry[0]) == key for key, entry in _export._texts.items())
