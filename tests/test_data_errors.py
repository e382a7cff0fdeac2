"""Bad data fails the whole load with a DataError naming file, record and field."""

from __future__ import annotations

import copy
import re
import typing
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from _support import RawData, examples, write
from runtone import _loader
from runtone.errors import DataError

Load = Callable[[RawData], object]


def _index(raw: RawData, collection: str, ident: str) -> int:
    return next(i for i, rec in enumerate(raw[collection]) if rec["id"] == ident)


def _error(load: Load, raw: RawData) -> DataError:
    with pytest.raises(DataError) as info:
        load(raw)
    return info.value


def test_unknown_field(raw: RawData, load_edited: Load) -> None:
    raw["muscles"][_index(raw, "muscles", "calves")]["colour"] = "red"
    err = _error(load_edited, raw)
    assert str(err).startswith("muscles.json: record 'calves': field 'colour': unknown field")
    assert (err.file, err.record, err.field) == ("muscles.json", "calves", "colour")


def test_missing_field(raw: RawData, load_edited: Load) -> None:
    del raw["muscles"][_index(raw, "muscles", "soleus")]["name"]
    assert str(_error(load_edited, raw)) == "muscles.json: record 'soleus': field 'name': missing"


def test_wrong_type(raw: RawData, load_edited: Load) -> None:
    raw["exercises"][_index(raw, "exercises", "squat")]["unilateral"] = "no"
    assert str(_error(load_edited, raw)) == (
        "exercises.json: record 'squat': field 'unilateral': expected true or false, got a string"
    )


def test_bad_enum_value(raw: RawData, load_edited: Load) -> None:
    raw["muscles"][_index(raw, "muscles", "calves")]["actions"] = ["ankle_flexion"]
    message = str(_error(load_edited, raw))
    assert message.startswith(
        "muscles.json: record 'calves': field 'actions[0]': 'ankle_flexion' is not one of "
        "'hip_flexion', "
    )
    assert "'ankle_plantarflexion'" in message


def test_malformed_id_names_the_index(raw: RawData, load_edited: Load) -> None:
    raw["muscles"][2]["id"] = "Calves!"
    err = _error(load_edited, raw)
    assert (err.record, err.field) == ("#2", "id")
    assert "'Calves!' is not a valid id" in str(err)
    assert str(err).startswith("muscles.json: record #2: field 'id': ")


def test_duplicate_id(raw: RawData, load_edited: Load) -> None:
    copy = dict(raw["muscles"][_index(raw, "muscles", "soleus")])
    copy["name"] = "Another soleus"
    copy["aliases"] = []
    raw["muscles"].append(copy)
    assert str(_error(load_edited, raw)) == (
        "muscles.json: record 'soleus': field 'id': 'soleus' is used by another record"
    )


def test_duplicate_alias_across_records(raw: RawData, load_edited: Load) -> None:
    i = _index(raw, "muscles", "hamstrings")
    raw["muscles"][i]["aliases"] = [*raw["muscles"][i].get("aliases", []), "QUADS"]  # type: ignore[misc]
    err = _error(load_edited, raw)
    assert err.file == "muscles.json"
    assert "'QUADS' is also a name or alias of 'quadriceps'" in str(err)


def test_name_clashing_with_another_id(raw: RawData, load_edited: Load) -> None:
    raw["muscles"][_index(raw, "muscles", "soleus")]["name"] = "Gastrocnemius"
    err = _error(load_edited, raw)
    assert (err.file, err.field) == ("muscles.json", "name")
    assert "'gastrocnemius'" in str(err)


def test_dangling_reference(raw: RawData, load_edited: Load) -> None:
    exercise = raw["exercises"][_index(raw, "exercises", "squat")]
    exercise["targets"][0]["muscle"] = "quadricep"  # type: ignore[index]
    assert str(_error(load_edited, raw)) == (
        "exercises.json: record 'squat': field 'targets[0].muscle': "
        "'quadricep' is not the id of any record in muscles"
    )


def test_dangling_source(raw: RawData, load_edited: Load) -> None:
    raw["muscles"][_index(raw, "muscles", "soleus")]["sources"] = ["nobody-2099"]
    err = _error(load_edited, raw)
    assert (err.record, err.field) == ("soleus", "sources[0]")
    assert "'nobody-2099' is not the id of any record in sources" in str(err)


def test_record_without_sources(raw: RawData, load_edited: Load) -> None:
    raw["muscles"][_index(raw, "muscles", "soleus")]["sources"] = []
    assert str(_error(load_edited, raw)) == (
        "muscles.json: record 'soleus': field 'sources': must list at least one item"
    )


def test_source_listed_twice(raw: RawData, load_edited: Load) -> None:
    muscle = raw["muscles"][_index(raw, "muscles", "soleus")]
    sources = muscle["sources"]
    assert isinstance(sources, list)
    muscle["sources"] = [sources[0], sources[0]]
    err = _error(load_edited, raw)
    assert err.field == "sources[1]"
    assert "is listed twice" in str(err)


def test_unknown_group(raw: RawData, load_edited: Load) -> None:
    raw["muscles"][_index(raw, "muscles", "soleus")]["part_of"] = "legs"
    assert str(_error(load_edited, raw)) == (
        "muscles.json: record 'soleus': field 'part_of': "
        "'legs' is not the id of any record in muscles"
    )


def test_group_cycle(raw: RawData, load_edited: Load) -> None:
    raw["muscles"][_index(raw, "muscles", "calves")]["part_of"] = "soleus"
    err = _error(load_edited, raw)
    assert err.field == "part_of"
    assert "cycle: " in str(err)


def test_truncated_json(tmp_path: Path, raw: RawData) -> None:
    directory = write(tmp_path, raw)
    text = (directory / "exercises.json").read_text("utf-8")
    (directory / "exercises.json").write_text(text[: len(text) // 2], "utf-8")
    with pytest.raises(DataError, match=r"^exercises\.json: invalid JSON at line \d+ column \d+: "):
        _loader.load_from(directory)


def test_not_utf8(tmp_path: Path, raw: RawData) -> None:
    directory = write(tmp_path, raw)
    (directory / "claims.json").write_bytes("[]".encode("utf-16"))
    with pytest.raises(DataError, match=r"^claims\.json: not UTF-8 text"):
        _loader.load_from(directory)


def test_duplicate_key(tmp_path: Path, raw: RawData) -> None:
    directory = write(tmp_path, raw)
    (directory / "sources.json").write_text('[{"id": "a", "id": "b"}]', "utf-8")
    with pytest.raises(DataError, match=r"^sources\.json: invalid JSON: duplicate key 'id'"):
        _loader.load_from(directory)


def test_nan_is_rejected(tmp_path: Path, raw: RawData) -> None:
    directory = write(tmp_path, raw)
    (directory / "sources.json").write_text('[{"year": NaN}]', "utf-8")
    with pytest.raises(DataError, match=r"^sources\.json: invalid JSON: NaN is not valid JSON"):
        _loader.load_from(directory)


@pytest.mark.parametrize(
    ("escape", "column"),
    [
        ("\\ud800", 11),  # a high half alone
        ("\\udc80", 11),  # a low half alone
        ("\\udc80\\ud83d", 11),  # the halves the wrong way round
        ("\\ud83d \\ude00", 11),  # apart
        ("x\\\\\\ud800", 14),  # an escaped backslash, then the escape
    ],
)
def test_half_a_surrogate_pair_is_rejected(
    tmp_path: Path, raw: RawData, escape: str, column: int
) -> None:
    directory = write(tmp_path, raw)
    (directory / "sources.json").write_text(f'[\n  {{"id": "{escape}"}}]', "utf-8")
    with pytest.raises(DataError) as info:
        _loader.load_from(directory)
    assert str(info.value).startswith(f"sources.json: invalid JSON at line 2 column {column}: ")
    assert "half a surrogate pair" in str(info.value)


def test_a_surrogate_pair_and_an_escaped_backslash_are_text(tmp_path: Path, raw: RawData) -> None:
    index = _index(raw, "muscles", "soleus")
    raw["muscles"][index]["location"] = "LOCATION"
    directory = write(tmp_path, raw)
    file = directory / "muscles.json"
    text = file.read_text("utf-8").replace('"LOCATION"', '"Deep \\ud83e\\uddb5 \\\\ud800"')
    file.write_text(text, "utf-8")
    soleus = _loader.load_from(directory).muscle("soleus")
    assert soleus.location == "Deep \U0001f9b5 \\ud800"


def test_top_level_must_be_an_array(raw: RawData, load_edited: Load) -> None:
    raw["injuries"] = {"shin-splints": {}}  # type: ignore[assignment]
    assert str(_error(load_edited, raw)) == (
        "injuries.json: expected an array of records, got an object"
    )


def test_record_must_be_an_object(raw: RawData, load_edited: Load) -> None:
    raw["sources"].insert(1, "not a record")  # type: ignore[arg-type]
    assert str(_error(load_edited, raw)) == (
        "sources.json: record #1: expected an object, got a string"
    )


def test_missing_file(tmp_path: Path, raw: RawData) -> None:
    directory = write(tmp_path, raw)
    (directory / "claims.json").unlink()
    with pytest.raises(DataError, match=r"^claims\.json: file not found$"):
        _loader.load_from(directory)


@pytest.mark.parametrize("on_disk", [True, False], ids=["files", "importlib-resources"])
def test_a_broken_package_leaves_no_partial_dataset(
    tmp_path: Path, raw: RawData, monkeypatch: pytest.MonkeyPatch, on_disk: bool
) -> None:
    del raw["recommendations"][-1]["title"]
    broken = write(tmp_path, raw)
    monkeypatch.setattr(runtone._default, "_cache", None)
    # A package on disk is read with plain file I/O; anywhere else through importlib.resources.
    monkeypatch.setattr(_loader, "_packaged_dir", lambda: str(broken) if on_disk else None)
    monkeypatch.setattr(_loader, "packaged_root", lambda: broken)
    with pytest.raises(DataError, match=r"^recommendations\.json: "):
        runtone.load()
    assert runtone._default._cache is None  # nothing half-built was cached
    monkeypatch.undo()
    assert runtone.load().recommendations  # and the real data still loads


def test_data_error_pickles() -> None:
    import pickle  # noqa: PLC0415

    err = DataError("muscles.json", "calves", "actions", "bad")
    again = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own object
    assert (str(again), again.record) == (str(err), "calves")


# --- properties over every record and field ------------------------------------------

_RAW = _loader.read(_loader.packaged_root())
_FIELDS = [
    (collection.name, index, field.name, field.default is attrs.NOTHING)
    for collection in _loader.COLLECTIONS
    for index in range(len(typing.cast("list[object]", _RAW[collection.name])))
    for field in attrs.fields(collection.record)
]
#: Replacement values that are still valid for their field (12345 is no year: 1800-2100).
_STILL_VALID = (("unilateral", True),)
_WRONG = st.sampled_from([12345, 1.5, True, {"x": 1}, [{"deep": []}], "", " padded "])


@settings(max_examples=examples(3))
@given(where=st.sampled_from(_FIELDS), wrong=_WRONG, drop=st.booleans())
def test_any_broken_field_is_named(
    where: tuple[str, int, str, bool], wrong: object, drop: bool
) -> None:
    collection, index, field, required = where
    edited = copy.deepcopy(_RAW)
    records = edited[collection]
    assert isinstance(records, list)
    record = records[index]
    ident = record["id"]
    if drop:
        if not required or field not in record:
            return
        del record[field]
    else:
        if record.get(field) == wrong:
            return
        record[field] = wrong
    if not drop and any((field, wrong) == valid for valid in _STILL_VALID):
        _loader.build(edited)
        return
    with pytest.raises(DataError) as info:
        _loader.build(edited)
    err = info.value
    assert err.file == f"{collection}.json"
    assert err.record is not None
    if field != "id":
        assert err.record == ident
        assert err.field is not None
        assert re.match(rf"{field}\b", err.field), (str(err), field)


# --- found by fuzzing ----------------------------------------------------------------


def test_an_unknown_field_named_nothing_is_named(raw: RawData, load_edited: Load) -> None:
    raw["muscles"][_index(raw, "muscles", "calves")][""] = "red"
    err = _error(load_edited, raw)
    assert (err.file, err.record, err.field) == ("muscles.json", "calves", '[""]')
    assert str(err).startswith("""muscles.json: record 'calves': field '[""]': unknown field""")


def test_a_cycle_of_groups_names_a_record_on_the_cycle(raw: RawData, load_edited: Load) -> None:
    muscles = raw["muscles"]
    muscles.insert(0, muscles.pop(_index(raw, "muscles", "soleus")))  # a part before its group
    muscles[_index(raw, "muscles", "calves")]["part_of"] = "gastrocnemius"
    err = _error(load_edited, raw)
    assert err.field == "part_of"
    assert err.record in {"calves", "gastrocnemius"}, str(err)


@pytest.mark.parametrize("name", [" ", "   ", " pack", "pack "])
def test_a_file_name_with_outer_spaces_is_quoted_so_it_shows(
    name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert str(DataError(name, None, None, "pack not found")) == f"{name!r}: pack not found"
    monkeypatch.chdir(tmp_path)  # a pack named by a relative path that does not exist
    with pytest.raises(DataError) as info:
        runtone.load(packs=[name])
    assert str(info.value).startswith(f"{name!r}: ")


def test_a_plain_file_name_is_not_quoted() -> None:
    assert str(DataError("x/muscles.json", None, None, "oops")) == "x/muscles.json: oops"


# --- training rules: a parameter's number, unit and name ----------------------------------


def _taper(raw: RawData) -> dict[str, typing.Any]:
    return typing.cast(
        "dict[str, typing.Any]", raw["training_rules"][_index(raw, "training_rules", "race-taper")]
    )


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2", "expected a number, got a string"),
        (True, "expected a number, got a boolean"),
        (-1, "must be from 0 to 10080, got -1"),
        (10080.5, "must be from 0 to 10080, got 10080.5"),
    ],
)
def test_a_parameter_value_must_be_a_number_in_range(
    raw: RawData, load_edited: Load, value: object, problem: str
) -> None:
    _taper(raw)["parameters"][0]["value"] = value
    assert str(_error(load_edited, raw)) == (
        f"training_rules.json: record 'race-taper': field 'parameters[0].value': {problem}"
    )


def test_a_parameter_value_may_be_a_fraction(raw: RawData, load_edited: Load) -> None:
    _taper(raw)["parameters"][0]["value"] = 1.5
    ds = typing.cast("runtone.Dataset", load_edited(raw))
    assert ds.training_rule("race-taper").value("weeks") == 1.5


def test_a_parameter_unit_must_be_a_known_unit(raw: RawData, load_edited: Load) -> None:
    _taper(raw)["parameters"][0]["unit"] = "fortnights"
    message = str(_error(load_edited, raw))
    assert message.startswith(
        "training_rules.json: record 'race-taper': field 'parameters[0].unit': 'fortnights' "
        "is not one of 'percent', "
    )


@pytest.mark.parametrize("name", ["Weeks", "two-weeks", "weeks_", "_weeks", "2weeks"])
def test_a_parameter_name_is_snake_case(raw: RawData, load_edited: Load, name: str) -> None:
    _taper(raw)["parameters"][0]["name"] = name
    assert "field 'parameters[0].name'" in str(_error(load_edited, raw))


def test_two_parameters_of_a_rule_may_not_share_a_name(raw: RawData, load_edited: Load) -> None:
    _taper(raw)["parameters"][1]["name"] = "weeks"
    assert str(_error(load_edited, raw)) == (
        "training_rules.json: record 'race-taper': field 'parameters[1].name': "
        "'weeks' names two parameters"
    )
