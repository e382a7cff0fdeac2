"""Data packs: records added or (when the pack says so) replaced, checked like ours."""

from __future__ import annotations

import copy
import json
import typing
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from _support import RawData, read_raw
from runtone import DataError

RAW = read_raw()


def _exercise(ident: str, **changes: object) -> dict[str, object]:
    record = copy.deepcopy(next(e for e in RAW["exercises"] if e["id"] == "calf-raise"))
    record.update({"id": ident, "name": ident.replace("-", " ").title(), "aliases": []})
    record.update(changes)
    return record


def _pack(
    directory: Path, manifest: dict[str, object] | None = None, /, **collections: object
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, records in collections.items():
        (directory / f"{name}.json").write_text(json.dumps(records), "utf-8")
    if manifest is not None:
        (directory / "pack.json").write_text(json.dumps(manifest), "utf-8")
    return directory


def _error(*packs: Path, packaged: bool = True) -> DataError:
    with pytest.raises(DataError) as info:
        runtone.load(packs=list(packs), packaged=packaged)
    return info.value


def test_a_pack_adds_records_after_ours_in_a_new_dataset(tmp_path: Path) -> None:
    pack = _pack(tmp_path / "pack", exercises=[_exercise("box-calf-raise")])
    merged = runtone.load(packs=[pack])
    base = runtone.load()
    assert merged is not base
    assert merged is not runtone.load(packs=[pack])
    assert merged.exercises[:-1] == base.exercises
    added = merged.exercise("box calf raise")
    assert merged.exercises[-1] is added
    assert added.targets[0].muscle is merged.muscle("calves")
    assert runtone.load().get_exercise("box-calf-raise") is None


def test_packs_accept_strings_paths_and_traversables(tmp_path: Path) -> None:
    pack = _pack(tmp_path / "pack", exercises=[_exercise("box-calf-raise")])
    archive = tmp_path / "packs.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(pack / "exercises.json", "mine/exercises.json")
    from_zip = runtone.load(packs=[zipfile.Path(archive, "mine/")])
    assert from_zip == runtone.load(packs=[str(pack)]) == runtone.load(packs=[pack])


def test_replacing_needs_the_id_listed_under_overrides(tmp_path: Path) -> None:
    soleus = copy.deepcopy(next(m for m in RAW["muscles"] if m["id"] == "soleus"))
    soleus["location"] = "Under the gastrocnemius, as our app draws it."
    pack = _pack(tmp_path / "pack", muscles=[soleus])
    err = _error(pack)
    assert err.file == f"{pack}/muscles.json"
    assert (err.record, err.field) == ("soleus", "id")
    assert "list it under overrides.muscles in" in err.problem

    _pack(pack, {"name": "ours", "overrides": {"muscles": ["soleus"]}})
    merged = runtone.load(packs=[pack])
    base = runtone.load()
    index = [m.id for m in base.muscles].index("soleus")
    assert merged.muscles[index].location == soleus["location"]
    assert [m.id for m in merged.muscles] == [m.id for m in base.muscles]
    # Records that refer to the soleus now hold the replacement.
    effects = merged.strike_pattern("forefoot").muscle_effects
    assert any(e.muscle is merged.muscles[index] for e in effects)


def test_override_of_a_record_that_does_not_exist(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path / "pack",
        {"overrides": {"exercises": ["box-calf-raise"]}},
        exercises=[_exercise("box-calf-raise")],
    )
    err = _error(pack)
    assert (err.file, err.record, err.field) == (f"{pack}/exercises.json", "box-calf-raise", "id")
    assert "no such record to replace" in err.problem


def test_override_listed_but_not_in_the_pack(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path / "pack",
        {"overrides": {"muscles": ["soleus"]}},
        exercises=[_exercise("box-calf-raise")],
    )
    err = _error(pack)
    assert str(err) == (
        f"{pack}/pack.json: field 'overrides.muscles[0]': 'soleus' is not a record of "
        "the pack's muscles"
    )


def test_a_pack_that_breaks_references(tmp_path: Path) -> None:
    record = _exercise("box-calf-raise", targets=[{"muscle": "calfs", "role": "primary"}])
    pack = _pack(tmp_path / "pack", exercises=[record])
    assert str(_error(pack)) == (
        f"{pack}/exercises.json: record 'box-calf-raise': field 'targets[0].muscle': "
        "'calfs' is not the id of any record in muscles"
    )


def test_a_pack_alias_that_clashes_with_ours(tmp_path: Path) -> None:
    pack = _pack(tmp_path / "pack", exercises=[_exercise("box-calf-raise", aliases=["squat"])])
    err = _error(pack)
    assert (err.file, err.record, err.field) == (
        f"{pack}/exercises.json",
        "box-calf-raise",
        "aliases[0]",
    )


def test_a_pack_record_with_a_wrong_type(tmp_path: Path) -> None:
    pack = _pack(tmp_path / "pack", exercises=[_exercise("box-calf-raise", unilateral="yes")])
    assert str(_error(pack)) == (
        f"{pack}/exercises.json: record 'box-calf-raise': field 'unilateral': "
        "expected true or false, got a string"
    )


def test_the_same_new_id_twice_in_one_pack(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path / "pack", exercises=[_exercise("box-calf-raise"), _exercise("box-calf-raise")]
    )
    err = _error(pack)
    assert (err.record, err.field) == ("box-calf-raise", "id")


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({"exercises.json": "[{"}, "invalid JSON at line 1 column 3"),
        ({"exercises.json": "{}"}, "expected an array of records, got an object"),
        ({"exercises.json": b"[\xff]"}, "not UTF-8 text: byte 1"),
        ({"exercise.json": "[]"}, "not a collection file"),
        ({"pack.json": "[]", "exercises.json": "[]"}, "expected an object, got an array"),
        ({"notes.txt": "hello"}, "no collection file in the pack"),
    ],
)
def test_malformed_pack_files(tmp_path: Path, files: dict[str, str | bytes], problem: str) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode()
        (pack / name).write_bytes(data)
    err = _error(pack)
    assert err.file.startswith(str(pack))
    assert problem in err.problem


@pytest.mark.parametrize(
    ("manifest", "field", "problem"),
    [
        ({"name": "x", "version": 2}, "version", "unknown key"),
        ({"name": ""}, "name", "expected a non-empty string"),
        ({"name": " mine "}, "name", "without outer spaces"),
        ({"name": None}, "name", "got None"),
        ({"overrides": []}, "overrides", "expected an object, got an array"),
        ({"overrides": {"muscle": ["soleus"]}}, "overrides.muscle", "not a collection"),
        ({"overrides": {"muscles": "soleus"}}, "overrides.muscles", "expected an array"),
        ({"overrides": {"muscles": ["Soleus"]}}, "overrides.muscles[0]", "is not an id"),
        ({"overrides": {"muscles": ["soleus", "soleus"]}}, "overrides.muscles[1]", "twice"),
    ],
)
def test_malformed_manifests(
    tmp_path: Path, manifest: dict[str, object], field: str, problem: str
) -> None:
    pack = _pack(tmp_path / "pack", manifest, exercises=[])
    err = _error(pack)
    assert (err.file, err.field) == (f"{pack}/pack.json", field)
    assert problem in err.problem


def test_a_missing_pack(tmp_path: Path) -> None:
    err = _error(tmp_path / "nowhere")
    assert str(err) == f"{tmp_path / 'nowhere'}: pack not found (no such file or directory)"


def test_bad_pack_arguments() -> None:
    with pytest.raises(TypeError, match=r"packs=\[pack\]"):
        runtone.load(packs="my-pack")  # a str is an Iterable[str]: only a runtime check helps
    with pytest.raises(TypeError, match=r"^packs\[0\]: expected a path .*, got 3$"):
        runtone.load(packs=[3])  # type: ignore[list-item]


def test_a_failed_pack_load_leaves_the_cached_dataset_alone(tmp_path: Path) -> None:
    base = runtone.load()
    pack = _pack(tmp_path / "pack", exercises=[_exercise("x", level="expert")])
    _error(pack)
    assert runtone.load() is base
    assert base.get_exercise("x") is None


def test_later_packs_apply_over_earlier_ones(tmp_path: Path) -> None:
    first = _pack(tmp_path / "one", exercises=[_exercise("box-calf-raise")])
    changed = _exercise("box-calf-raise", level="advanced")
    second = _pack(tmp_path / "two", {"overrides": {"exercises": ["box-calf-raise"]}})
    _pack(second, exercises=[changed])
    merged = runtone.load(packs=[first, second])
    assert merged.exercise("box-calf-raise").level is runtone.Level.ADVANCED
    err = _error(first, first)
    assert (err.file, err.record) == (f"{first}/exercises.json", "box-calf-raise")


def _write_export(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_an_export_loaded_over_nothing_is_equal_to_the_original(tmp_path: Path) -> None:
    exported = _write_export(tmp_path / "runtone.json", runtone.export())
    again = runtone.load(packs=[exported], packaged=False)
    assert again == runtone.load()
    assert again is not runtone.load()
    assert hash(again) == hash(runtone.load())
    assert runtone.export(again) == runtone.export()


def test_an_export_split_into_a_pack_directory_is_equal_too(tmp_path: Path) -> None:
    data = runtone.export()
    del data["data_version"], data["locale"]
    pack = _pack(tmp_path / "pack", **data)
    assert runtone.load(packs=[pack], packaged=False) == runtone.load()


def test_an_export_over_our_data_needs_overrides(tmp_path: Path) -> None:
    exported = _write_export(tmp_path / "runtone.json", runtone.export())
    err = _error(exported)
    assert (err.file, err.record, err.field) == (
        f"{exported}#sources",
        "needtorace-tone-legs",
        "id",
    )


@pytest.mark.parametrize(
    ("data", "field", "problem"),
    [
        ([], None, "expected an object with a key per collection, got an array"),
        ({"muscle": []}, "muscle", "unknown key"),
        ({"data_version": 2, "muscles": []}, "data_version", "expected a string"),
        ({"data_version": "1"}, None, "no collection in the pack"),
    ],
)
def test_malformed_single_file_packs(
    tmp_path: Path, data: object, field: str | None, problem: str
) -> None:
    pack = _write_export(tmp_path / "pack.json", data)
    err = _error(pack)
    assert (err.file, err.field) == (str(pack), field)
    assert problem in err.problem


def test_datasets_compare_by_records_in_order() -> None:
    base = runtone.load()
    assert base == base  # noqa: PLR0124 - reflexivity is the point
    assert base != "a dataset"
    collections = {
        name: getattr(base, name)
        for name in runtone.export()
        if name not in {"data_version", "locale"}
    }
    reordered = dict(collections, muscles=tuple(reversed(base.muscles)))
    assert runtone.Dataset(collections) == base
    assert runtone.Dataset(reordered) != base


_COLLECTIONS = [name for name in RAW if RAW[name]]


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_overriding_records_with_themselves_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(_COLLECTIONS), label="collection")
    records = RAW[name]
    chosen = data.draw(
        st.lists(st.sampled_from(records), min_size=1, max_size=5, unique_by=lambda r: r["id"]),
        label="records",
    )
    pack = _pack(
        tmp_path_factory.mktemp("pack"),
        {"overrides": {name: [r["id"] for r in chosen]}},
        **{name: chosen},
    )
    assert runtone.load(packs=[pack]) == runtone.load()


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_copy_under_a_new_id_is_added_at_the_end(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    name = data.draw(
        st.sampled_from(_COLLECTIONS),
        label="collection",
    )
    original = data.draw(st.sampled_from(RAW[name]), label="record")
    copied: RawData = {name: [copy.deepcopy(original)]}
    record = copied[name][0]
    record["id"] = f"copy-of-{original['id']}"[:80].rstrip("-")
    record.pop("aliases", None)
    for key in ("name", "title"):
        if key in record:
            record[key] = f"Copy of {record[key]}"
    if name == "muscles":
        record.pop("part_of", None)  # a copy is no part of a group
    pack = _pack(tmp_path_factory.mktemp("pack"), **copied)
    merged = runtone.load(packs=[pack])
    base = runtone.load()
    assert getattr(merged, name)[:-1] == getattr(base, name)
    assert getattr(merged, name)[-1].id == record["id"]


def test_a_collection_file_that_is_not_a_file_is_an_error(tmp_path: Path) -> None:
    dangling = tmp_path / "dangling"
    dangling.mkdir()
    (dangling / "exercises.json").symlink_to(tmp_path / "gone.json")
    folder = tmp_path / "folder"
    (folder / "exercises.json").mkdir(parents=True)
    for pack in (dangling, folder):
        err = _error(pack)
        assert (err.file, err.record, err.field) == (f"{pack}/exercises.json", None, None)
        assert "not a readable file" in err.problem
    shouting = _pack(tmp_path / "shouting", exercises=[])
    (shouting / "exercises.json").rename(shouting / "Exercises.JSON")
    assert "not a collection file" in _error(shouting).problem


def test_an_unreadable_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = _pack(tmp_path / "pack", exercises=[])
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "exercises.json":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    err = _error(pack)
    assert str(err) == f"{pack}/exercises.json: cannot be read: Permission denied"
    assert err.__context__ is None  # the DataError says it all: no chained traceback


def test_a_clash_with_our_later_record_blames_the_pack(tmp_path: Path) -> None:
    core = copy.deepcopy(next(m for m in RAW["muscles"] if m["id"] == "core"))
    core["aliases"] = [*typing.cast("list[str]", core["aliases"]), "Peroneals"]
    pack = _pack(tmp_path / "pack", {"overrides": {"muscles": ["core"]}}, muscles=[core])
    err = _error(pack)
    assert (err.file, err.record) == (f"{pack}/muscles.json", "core")
    assert err.field == f"aliases[{len(core['aliases']) - 1}]"  # type: ignore[arg-type]
    assert err.problem == "'Peroneals' is also a name or alias of 'peroneals'"


def test_strike_patterns_and_stride_effects_share_their_keys(tmp_path: Path) -> None:
    uphill = copy.deepcopy(next(e for e in RAW["stride_effects"] if e["id"] == "uphill"))
    uphill.update(id="uphill-again", name="Uphill again", aliases=["heel"])
    pack = _pack(tmp_path / "pack", stride_effects=[uphill])
    err = _error(pack)
    assert (err.file, err.record, err.field) == (
        f"{pack}/stride_effects.json",
        "uphill-again",
        "aliases[0]",
    )
    assert "'heel' is also a name or alias of 'rearfoot-strike'" in err.problem


def test_a_trailing_slash_is_not_doubled(tmp_path: Path) -> None:
    pack = _pack(tmp_path / "pack", exercises=[_exercise("x", level="expert")])
    assert _error(Path(f"{pack}/")).file == f"{pack}/exercises.json"
    assert _error(f"{pack}/").file == f"{pack}/exercises.json"  # type: ignore[arg-type]
