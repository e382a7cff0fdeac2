"""Datasets, records and results pickle and copy, so that they can go to another process."""

from __future__ import annotations

import copy
import functools
import json
import multiprocessing
import pickle

import pytest

import runtone
from _support import read_raw
from free_exercise_db_sample import RECORDS
from runtone import Dataset, Profile

RAW = read_raw()
DS = runtone.load()


@pytest.fixture(scope="module")
def pack_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The packaged data with one exercise added by a pack."""
    record = dict(next(e for e in RAW["exercises"] if e["id"] == "calf-raise"))
    record.update({"id": "box-calf-raise", "name": "Box calf raise", "aliases": []})
    directory = tmp_path_factory.mktemp("pack") / "pack"
    directory.mkdir()
    (directory / "exercises.json").write_text(json.dumps([record]), "utf-8")
    return runtone.load(packs=[directory])


def _round_trip(value: object) -> object:
    return pickle.loads(pickle.dumps(value))  # noqa: S301 - our own bytes


def test_the_packaged_dataset_unpickles_as_the_cached_one() -> None:
    assert _round_trip(DS) is DS
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(DS, protocol)) is DS  # noqa: S301


def test_a_pack_dataset_pickles_to_an_equal_one(pack_dataset: Dataset) -> None:
    again = _round_trip(pack_dataset)
    assert isinstance(again, Dataset)
    assert again == pack_dataset
    assert again is not pack_dataset
    added = again.exercise("box calf raise")
    assert added.targets[0].muscle is again.muscle("calves")  # one object per record still
    assert again.find_exercises(muscle="calves") == pack_dataset.find_exercises(muscle="calves")


def test_datasets_copy_as_themselves(pack_dataset: Dataset) -> None:
    for ds in (DS, pack_dataset):
        assert copy.copy(ds) is ds
        assert copy.deepcopy(ds) is ds
        assert copy.deepcopy({"ds": ds})["ds"] is ds


def test_every_record_pickles_without_its_hash_cache() -> None:
    for name in runtone.export():
        if name == "data_version":
            continue
        for record in getattr(DS, name):
            hash(record)  # fills the cache
            again = _round_trip(record)
            assert again == record
            assert type(again) is type(record)
            # The cache holds a hash of this process (str hashes are salted): it must
            # not travel, or the record would hash wrong in another process.
            with pytest.raises(AttributeError):
                object.__getattribute__(again, "_hash")
            assert hash(again) == hash(record)


def test_results_pickle() -> None:
    profile = Profile(weak_muscles=["glutes"], injuries=["runner's knee"], strike_pattern="heel")
    results: list[object] = [
        profile,
        runtone.recommend(profile),
        runtone.plan(profile, weeks=2),
        runtone.compare_strikes("heel", "forefoot"),
    ]
    for result in results:
        assert _round_trip(result) == result
        assert copy.deepcopy(result) == result


def test_a_conversion_pickles_and_copies() -> None:
    conversion = runtone.convert_free_exercise_db(json.dumps(RECORDS).encode())
    again = _round_trip(conversion)
    assert again == conversion
    assert isinstance(again, runtone.Conversion)
    assert again.unmapped == conversion.unmapped
    with pytest.raises(TypeError):
        again.unmapped["muscle"]["chest"] = 0  # type: ignore[index]
    assert copy.deepcopy(conversion) is conversion
    assert copy.copy(conversion) is conversion


def test_a_spawn_pool_takes_a_pack_dataset_and_answers(pack_dataset: Dataset) -> None:
    # Only library callables go to the worker: it imports runtone, not this module.
    profile = Profile(weak_muscles=["calves"], strength_days=2)
    lookup = functools.partial(Dataset.exercise, pack_dataset, "box-calf-raise")
    advice = functools.partial(runtone.plan, profile, weeks=1, dataset=pack_dataset)
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        found = pool.apply(lookup)
        planned = pool.apply(advice)
        sent_back = pool.apply(copy.copy, (pack_dataset,))
    assert found == pack_dataset.exercise("box-calf-raise")
    assert planned == runtone.plan(profile, weeks=1, dataset=pack_dataset)
    assert planned.profile.weak_muscles == {pack_dataset.muscle("calves")}
    assert sent_back == pack_dataset
