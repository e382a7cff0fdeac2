"""runtone.to_json: one JSON shape for every record, result, Profile and Dataset.

``json.dumps(plan)`` raised TypeError and the encoder was private.  Now every
object runtone makes has a public JSON form, references to records are ids, and
each kind of result has a shipped JSON Schema that its JSON obeys.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
import re
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given, settings

import runtone
from _support import DATA, examples, fields_of
from free_exercise_db_sample import RECORDS
from runtone import _export, _loader, _schema
from strategies import DS, comparisons, parts, plans, profiles, runtone_objects

RECORD_CLASSES = frozenset(c.record for c in _loader.COLLECTIONS)


def _validator(stem: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((DATA / "schema" / f"{stem}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


VALIDATORS = {stem: _validator(stem) for stem, *_ in _schema.RESULTS}
EXPORT = json.loads((DATA / "schema" / "export.schema.json").read_text("utf-8"))


def _errors(stem: str, data: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATORS[stem].iter_errors(data)]


def _same_shape(value: object, data: object) -> None:
    """``data`` is ``value`` as documented: fields all there, records as ids, sets sorted."""
    if type(value) in RECORD_CLASSES:
        assert data == value.id  # type: ignore[attr-defined]
    elif attrs.has(type(value)):
        assert isinstance(data, dict)
        assert list(data) == [f.name for f in fields_of(value)]
        for field in fields_of(value):
            _same_shape(getattr(value, field.name), data[field.name])
    elif isinstance(value, (tuple, frozenset)):
        assert isinstance(data, list)
        assert len(data) == len(value)
        if isinstance(value, frozenset):
            assert data == sorted(data)
    elif isinstance(value, enum.Enum):
        assert data == value.value
    else:
        assert data == value


def _top(value: object, data: object) -> None:
    """At the top a record is all its fields; inside, the same rules as everywhere."""
    assert isinstance(data, dict)
    assert list(data) == [f.name for f in fields_of(value)]
    for field in fields_of(value):
        _same_shape(getattr(value, field.name), data[field.name])


@given(runtone_objects())
@settings(max_examples=examples(2))
def test_every_object_becomes_plain_json_with_records_as_ids(value: object) -> None:
    data = runtone.to_json(value)
    assert json.loads(json.dumps(data)) == data  # json.dumps takes it, and nothing is lost
    _top(value, data)


@given(profiles())
@settings(max_examples=examples(0.5))
def test_a_tuple_of_results_is_a_list_of_them(profile: runtone.Profile) -> None:
    found = runtone.recommend(profile)
    data = runtone.to_json(found)
    assert data == [runtone.to_json(s) for s in found]
    assert json.loads(json.dumps(data)) == data


@given(plans())
@settings(max_examples=examples(0.5))
def test_a_plan_obeys_the_plan_schema(made: runtone.Plan) -> None:
    data = runtone.to_json(made)
    assert _errors("plan", data) == []
    assert _errors("profile", runtone.to_json(made.profile)) == []
    assert _errors("suggestions", runtone.to_json(made.suggestions)) == []
    json.dumps(data)


@given(profiles())
def test_a_profile_and_its_suggestions_obey_their_schemas(profile: runtone.Profile) -> None:
    data = runtone.to_json(profile)
    assert _errors("profile", data) == []
    assert data["weak_muscles"] == sorted(m.id for m in profile.weak_muscles)  # type: ignore[call-overload, index]
    assert _errors("suggestions", runtone.to_json(runtone.recommend(profile))) == []


@given(comparisons())
def test_a_comparison_obeys_the_comparison_schema(change: runtone.StrikeComparison) -> None:
    data = runtone.to_json(change)
    assert _errors("comparison", data) == []
    assert data["a"] == change.a.id  # type: ignore[call-overload, index]


@pytest.mark.parametrize("name", [c.name for c in _loader.COLLECTIONS])
def test_a_record_is_what_the_export_holds(name: str) -> None:
    exported = runtone.export()[name]
    records = getattr(DS, name)
    assert [runtone.to_json(r) for r in records] == exported
    assert runtone.to_json(records) == exported  # a tuple of records: each one whole
    item = next(c.record.__name__ for c in _loader.COLLECTIONS if c.name == name)
    schema = {**EXPORT, "$ref": f"#/$defs/{item}"}
    del schema["properties"], schema["required"], schema["type"], schema["additionalProperties"]
    validator = jsonschema.Draft202012Validator(schema)
    for record in records:
        assert list(validator.iter_errors(runtone.to_json(record))) == []


def test_a_dataset_is_its_export(tmp_path: Path) -> None:
    assert runtone.to_json(DS) == runtone.export()
    pack = tmp_path / "pack"
    pack.mkdir()
    muscle = runtone.to_json(DS.muscles[0])
    assert isinstance(muscle, dict)
    extra = {**muscle, "id": "extra-muscle", "name": "Extra", "aliases": []}
    (pack / "muscles.json").write_text(json.dumps([extra]), "utf-8")
    merged = runtone.load(packs=[pack])
    assert runtone.to_json(merged) == runtone.export(merged)
    assert runtone.to_json([DS]) == [runtone.export()]


def test_the_reproducer_json_dumps_of_a_plan() -> None:
    made = runtone.plan(runtone.Profile(weak_muscles=["glutes"], strength_days=2), weeks=52)
    with pytest.raises(TypeError):
        json.dumps(made)  # a Plan is not JSON itself...
    text = json.dumps(runtone.to_json(made))  # ...its to_json is
    data = json.loads(text)
    assert len(data["weeks"]) == 52
    assert data["suggestions"][0]["recommendation"] == made.suggestions[0].recommendation.id
    day = data["weeks"][0]["days"][0]
    assert list(day) == [f.name for f in attrs.fields(runtone.Day)]


def test_every_part_of_a_plan_has_its_fields() -> None:
    made = runtone.plan(runtone.Profile(weak_muscles=["glutes"], goals=["speed"]), weeks=3)
    kinds = set()
    for part in parts(made):
        kinds.add(type(part))
        _top(part, runtone.to_json(part))
    assert {runtone.Week, runtone.Day, runtone.RunSession, runtone.StrengthSession} <= kinds
    assert {runtone.StrengthItem, runtone.Suggestion, runtone.Reason} <= kinds


def test_a_conversion_becomes_json(tmp_path: Path) -> None:
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps(RECORDS), "utf-8")
    result = runtone.convert_free_exercise_db(path)
    data = runtone.to_json(result)
    assert json.loads(json.dumps(data)) == data
    assert isinstance(data, dict)
    assert data["total"] == result.total
    assert data["unmapped"] == result.report()["unmapped"]
    assert data["skipped"] == [list(pair) for pair in result.skipped]


@attrs.frozen
class _Theirs:
    """Some other library's attrs class."""

    x: int


@pytest.mark.parametrize(
    ("value", "named"),
    [
        (object(), "a value of type object"),
        (dt.date(2020, 1, 1), "a value of type datetime.date"),
        (_Theirs(1), f"a value of type {_Theirs.__module__}._Theirs"),
        ([1, object()], "a value of type object"),
        ((DS.muscles[0], {1: 2}), "a key of type int"),
        (b"bytes", "a value of type bytes"),
        (runtone.to_json, "a value of type function"),
    ],
)
def test_anything_else_is_a_type_error_naming_its_type(value: object, named: str) -> None:
    with pytest.raises(TypeError, match=re.escape(f"cannot express {named} as JSON")):
        runtone.to_json(value)


def test_no_nan_or_infinity() -> None:
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError, match="cannot express"):
            runtone.to_json([bad])


def test_plain_values_and_enums_pass_through() -> None:
    assert runtone.to_json(None) is None
    assert runtone.to_json([1, "a", True, 1.5]) == [1, "a", True, 1.5]
    assert runtone.to_json(runtone.Level.BEGINNER) == "beginner"
    assert runtone.to_json(frozenset(runtone.Goal)) == sorted(g.value for g in runtone.Goal)


def test_the_face_gives_the_one_function() -> None:
    # The command line's --json output is compared with it in tests/test_cli.py.
    assert runtone.to_json is _export.to_json
    assert "to_json" in runtone.__all__
    assert "to_json" in dir(runtone)


def test_each_call_gives_a_new_value() -> None:
    made = runtone.plan(runtone.Profile(), weeks=1)
    first = runtone.to_json(made)
    assert isinstance(first, dict)
    first["weeks"] = []
    assert runtone.to_json(made) != first


def test_the_result_schemas_have_teeth() -> None:
    made = runtone.plan(runtone.Profile(weak_muscles=["glutes"]), weeks=1)
    data = runtone.to_json(made)
    assert isinstance(data, dict)
    whole = json.loads(json.dumps(data))
    whole["suggestions"][0]["recommendation"] = runtone.to_json(made.suggestions[0].recommendation)
    assert _errors("plan", whole)  # a whole record where an id belongs
    extra = json.loads(json.dumps(data))
    extra["weeks"][0]["colour"] = "red"
    assert _errors("plan", extra)
    missing = json.loads(json.dumps(data))
    del missing["profile"]["level"]
    assert _errors("plan", missing)
    far = json.loads(json.dumps(data))
    far["profile"]["running_days"] = 8
    assert _errors("plan", far)


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ([runtone.Profile(), (1, b"x")], "obj[1][1]"),
        ({"a": [1, {"b": object()}]}, "obj['a'][1]['b']"),
        (frozenset({1, object()}), "obj{...}"),
    ],
)
def test_the_error_says_where_in_the_value(value: object, where: str) -> None:
    with pytest.raises(TypeError) as info:
        runtone.to_json(value)
    assert str(info.value).startswith(f"{where}: cannot express a value of type ")


def test_a_record_made_by_hand_with_a_bad_field_is_named() -> None:
    odd = attrs.evolve(DS.sources[0], year=dt.date(2020, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(
        TypeError, match=re.escape("obj.year: cannot express a value of type datetime.date")
    ):
        runtone.to_json(odd)
    inside = attrs.evolve(
        DS.muscles[0],
        findings=(attrs.evolve(DS.muscles[0].findings[0], text=1.5j),),  # type: ignore[arg-type]
    )
    with pytest.raises(TypeError, match=re.escape("obj.findings[0].text: ")):
        runtone.to_json(inside)


def test_numbers_json_cannot_write_are_refused() -> None:
    with pytest.raises(ValueError, match=r"obj\[0\]: cannot express an integer of \d+ bits"):
        runtone.to_json([10**5000])
    assert json.dumps(runtone.to_json([10**4000])) == f"[{10**4000}]"


@pytest.mark.parametrize("text", ["\ud800", "a\udcff", "\ud8d6\udc0f"])
def test_a_string_that_is_not_unicode_text_is_refused(text: str) -> None:
    # json.dumps would escape a pair of surrogates and json.loads read it back as one
    # character: the value would not survive the trip, so it is refused where it is.
    with pytest.raises(ValueError, match=r"^obj\[1\]: cannot express a string holding a surr"):
        runtone.to_json(["fine", text])
    with pytest.raises(ValueError, match="surrogate"):
        runtone.to_json({text: 1})
