"""The shipped JSON Schemas are the generated ones, and the shipped data obeys them."""

from __future__ import annotations

import json

import jsonschema
import pytest

from _support import DATA
from runtone import _loader, _schema

COLLECTIONS = {c.name: c for c in _loader.COLLECTIONS}


@pytest.mark.parametrize("file", _schema.schemas())
def test_schema_file_is_up_to_date(file: str) -> None:
    shipped = (DATA / "schema" / file).read_text("utf-8")
    assert shipped == _schema.dumps(_schema.schemas()[file]), "run: python -m runtone._schema"


def test_every_shipped_schema_is_generated() -> None:
    shipped = {path.name for path in (DATA / "schema").glob("*.json")}
    assert shipped == set(_schema.schemas())


@pytest.mark.parametrize("name", COLLECTIONS)
def test_data_validates_against_its_schema(name: str) -> None:
    schema = json.loads((DATA / "schema" / f"{name}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((DATA / f"{name}.json").read_text("utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert errors == [], [e.message for e in errors[:5]]


def test_schema_checks_every_item_not_just_the_first() -> None:
    schema = json.loads((DATA / "schema" / "muscles.schema.json").read_text("utf-8"))
    data = json.loads((DATA / "muscles.json").read_text("utf-8"))
    data[-1]["region"] = "elbow"
    data[-1]["colour"] = "red"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    paths = {tuple(e.absolute_path) for e in errors}
    assert (len(data) - 1, "region") in paths
    assert any(e.validator == "additionalProperties" for e in errors)


@pytest.mark.parametrize("name", COLLECTIONS)
def test_schema_and_loader_agree_on_required_fields(name: str) -> None:
    import attrs  # noqa: PLC0415

    schema = _schema.collection_schema(COLLECTIONS[name])
    defs = schema["$defs"]
    assert isinstance(defs, dict)
    record = defs[COLLECTIONS[name].record.__name__]
    required = {
        f.name for f in attrs.fields(COLLECTIONS[name].record) if f.default is attrs.NOTHING
    }
    assert set(record["required"]) == required


def test_result_schemas_are_named_by_their_stem() -> None:
    assert _schema.result_schema("plan")["title"] == "runtone plan"
    with pytest.raises(KeyError):
        _schema.result_schema("week")


def test_result_schemas_require_every_field_of_their_classes() -> None:
    import attrs  # noqa: PLC0415

    for stem, _, cls, _ in _schema.RESULTS:
        defs = _schema.result_schema(stem)["$defs"]
        assert isinstance(defs, dict)
        for name, definition in defs.items():
            assert definition["required"] == list(definition["properties"]), (stem, name)
        top = defs[cls.__name__]
        assert top["required"] == [f.name for f in attrs.fields(cls)]
