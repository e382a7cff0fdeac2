"""Converting free-exercise-db's exercises into a runtone pack."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from _support import require
from free_exercise_db_sample import RECORDS
from runtone import DataError, Equipment, ExerciseKind, Level, SourceKind, TargetRole

FULL = Path(__file__).resolve().parents[2] / "shared" / "external" / "free-exercise-db"


def _convert(records: object, tmp_path: Path) -> runtone.Conversion:
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps(records), "utf-8")
    return runtone.convert_free_exercise_db(path)


@pytest.fixture
def sample(tmp_path: Path) -> runtone.Conversion:
    return _convert(RECORDS, tmp_path)


def _converted(result: runtone.Conversion, tmp_path: Path) -> runtone.Dataset:
    return runtone.load(packs=[result.write(tmp_path / "pack")])


def test_the_sample_converts_and_reports_what_it_left_out(sample: runtone.Conversion) -> None:
    assert (sample.total, sample.converted, len(sample.skipped)) == (13, 7, 6)
    assert dict(sample.skipped) == {
        "Clock_Push-Up": "no muscle runtone covers: chest, shoulders, triceps",
        "Alternating_Hang_Clean": "equipment runtone has no term for: kettlebells",
        "Alternate_Leg_Diagonal_Bound": "equipment runtone has no term for: (not given)",
        "Bodyweight_Squat": "id already used as a name: squat",
        "Plank": "id already used: plank",
        "Iron_Cross": "no instructions",
    }
    assert dict(sample.unmapped["equipment"]) == {"(not given)": 1, "kettlebells": 1}
    assert sample.unmapped["muscle"]["chest"] == 2
    assert dict(sample.unmapped["level"]) == dict(sample.unmapped["category"]) == {}
    summary = sample.summary()
    assert "13 exercises read, 7 converted, 6 skipped" in summary
    assert all(len(line) <= 80 for line in summary.splitlines())
    assert sample.report()["skipped_by_reason"] == {
        "equipment runtone has no term for": 2,
        "id already used": 1,
        "id already used as a name": 1,
        "no instructions": 1,
        "no muscle runtone covers": 1,
    }


def test_vocabularies_map_onto_runtones(sample: runtone.Conversion, tmp_path: Path) -> None:
    ds = _converted(sample, tmp_path)
    calf = ds.exercise("dumbbell-seated-one-leg-calf-raise")
    assert calf.equipment == {Equipment.DUMBBELLS}
    assert calf.unilateral is True
    assert [(t.muscle.id, t.role) for t in calf.targets] == [("calves", TargetRole.PRIMARY)]
    assert ds.exercise("monster-walk").targets[0].muscle.id == "gluteus-medius"
    assert ds.exercise("monster-walk").equipment == {Equipment.RESISTANCE_BAND}
    smr = ds.exercise("hamstring-smr")
    assert (smr.kind, smr.equipment) == (ExerciseKind.MOBILITY, frozenset({Equipment.FOAM_ROLLER}))
    squat = ds.exercise("barbell-squat-to-a-bench")
    assert squat.level is Level.ADVANCED
    assert [t.muscle.id for t in squat.targets] == [
        "quadriceps",
        "calves",
        "glutes",
        "hamstrings",
        "erector-spinae",
    ]
    assert ds.exercise("bench-jump").kind is ExerciseKind.PLYOMETRIC
    assert ds.exercise("bench-jump").equipment == frozenset()
    assert ds.exercise("3-4-sit-up").targets[0].muscle.id == "core"
    source = ds.source("free-exercise-db")
    assert source.kind is SourceKind.DATASET
    for exercise in ds.exercises[-sample.converted :]:
        assert exercise.sources == (source,)
        assert exercise.evidence is runtone.EvidenceGrade.POPULAR
        assert "free-exercise-db" in exercise.purpose


def test_the_pack_is_also_a_single_file(sample: runtone.Conversion, tmp_path: Path) -> None:
    single = tmp_path / "pack.json"
    single.write_text(sample.text, "utf-8")
    assert runtone.load(packs=[single]) == _converted(sample, tmp_path)
    assert sample.pack() == json.loads(sample.text)
    assert sample.pack() is not sample.pack()


@settings(max_examples=30, deadline=None)
@given(st.permutations(RECORDS), st.integers(0, len(RECORDS)))
def test_any_selection_converts_deterministically_and_loads(
    tmp_path_factory: pytest.TempPathFactory, order: list[dict[str, object]], count: int
) -> None:
    records = order[:count]
    tmp = tmp_path_factory.mktemp("convert")
    result = _convert(records, tmp)
    assert result == _convert(records, tmp)
    assert result.converted + len(result.skipped) == result.total == count
    ds = runtone.load(packs=[result.write(tmp / "pack")])
    assert len(ds.exercises) == len(runtone.load().exercises) + result.converted


@pytest.mark.parametrize(
    ("change", "record", "field", "problem"),
    [
        (lambda r: r.pop("name"), "Monster_Walk", "name", "expected a non-empty string, got None"),
        (lambda r: r.update(level=3), "Monster_Walk", "level", "expected a non-empty string"),
        (
            lambda r: r.update(primaryMuscles="abductors"),
            "Monster_Walk",
            "primaryMuscles",
            "expected an array of strings",
        ),
        (lambda r: r.update(equipment=["bands"]), "Monster_Walk", "equipment", "a string or null"),
        (lambda r: r.update(id=""), "#1", "id", "expected a non-empty string"),
        (lambda r: r.update(name="Monster\x1b[31m"), "Monster_Walk", "name", "control character"),
        (
            lambda r: r.update(instructions=["Step\x00 out."]),
            "Monster_Walk",
            "instructions",
            "control character",
        ),
    ],
)
def test_malformed_records_name_the_exercise_and_field(
    tmp_path: Path, change: object, record: str, field: str, problem: str
) -> None:
    records = copy.deepcopy(RECORDS)
    change(records[1])  # type: ignore[operator]
    with pytest.raises(DataError) as info:
        _convert(records, tmp_path)
    err = info.value
    assert (err.file, err.record, err.field) == (str(tmp_path / "exercises.json"), record, field)
    assert problem in err.problem


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{}", "expected an array of exercises, got an object"),
        (b"[1]", "expected an object, got a number"),
        (b"[", "invalid JSON at line 1 column 2"),
    ],
)
def test_malformed_files(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "exercises.json"
    path.write_bytes(content)
    with pytest.raises(DataError, match=problem):
        runtone.convert_free_exercise_db(path)


def test_a_missing_file_and_a_wrong_source_type(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot be read"):
        runtone.convert_free_exercise_db(tmp_path / "nope.json")
    with pytest.raises(TypeError, match="expected a path or bytes"):
        runtone.convert_free_exercise_db(3)  # type: ignore[arg-type]
    assert runtone.convert_free_exercise_db(json.dumps(RECORDS).encode()).converted == 7


def test_the_whole_free_exercise_db_loads_over_runtones_data(tmp_path: Path) -> None:
    require(FULL.is_dir(), "../shared/external/free-exercise-db")
    result = runtone.convert_free_exercise_db(FULL / "exercises.json")
    assert result.total == 873
    assert result.converted + len(result.skipped) == result.total
    assert result.converted > 100
    ds = runtone.load(packs=[result.write(tmp_path / "pack")])
    assert len(ds.exercises) == len(runtone.load().exercises) + result.converted


def test_ids_never_clash_with_names_here_or_in_runtone(tmp_path: Path) -> None:
    records = copy.deepcopy(RECORDS[:2])
    records[0]["id"] = "Heel_Raise"  # an alias of runtone's calf raise
    records[1]["name"] = "Copy Of Monster Walk"
    extra = dict(copy.deepcopy(RECORDS[1]), id="Another", name="Dumbbell Seated One Leg Calf Raise")
    copy_of = dict(copy.deepcopy(RECORDS[1]), id="Copy_Of_Monster_Walk", name="Something Else")
    result = _convert([*records, extra, copy_of], tmp_path)
    assert dict(result.skipped) == {
        "Heel_Raise": "id already used as a name: calf-raise",
        "Copy_Of_Monster_Walk": "id already used as a name: monster-walk",
    }
    assert runtone.load(packs=[result.write(tmp_path / "pack")])


def test_writing_never_overwrites_a_pack(sample: runtone.Conversion, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "pack.json").write_text("{}", "utf-8")
    with pytest.raises(FileExistsError, match="not an empty directory"):
        sample.write(mine)
    assert (mine / "pack.json").read_text("utf-8") == "{}"
    assert not (mine / "exercises.json").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert sample.write(empty) == empty
