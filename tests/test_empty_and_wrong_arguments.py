"""Wrong-type collections and empty paths: clear errors that say where and what."""

from __future__ import annotations

from pathlib import Path

import pytest

import runtone
from runtone import Dataset
from runtone.cli import main

DS = runtone.load()


@pytest.mark.parametrize(
    ("collections", "error", "message"),
    [
        ({"muscles": (1, 2)}, TypeError, "collections['muscles'][0]: expected a Muscle, got 1"),
        (
            {"muscles": (DS.muscles[0], DS.sources[0])},
            TypeError,
            "collections['muscles'][1]: expected a Muscle, got <Source 'needtorace-tone-legs'>",
        ),
        ({"muscles": "calves"}, TypeError, "collections['muscles']: expected a tuple of records"),
        ({"muscle": ()}, ValueError, "collections: 'muscle' is not a collection (one of sources,"),
        ({3: ()}, ValueError, "collections: 3 is not a collection"),
        (
            {"muscles": (DS.muscles[0], DS.muscles[0])},
            ValueError,
            f"collections['muscles'][1]: id {DS.muscles[0].id!r} is also the id of [0]",
        ),
        ([("muscles", ())], TypeError, "collections: expected a mapping of collection names"),
    ],
)
def test_a_dataset_of_wrong_collections_says_where_and_what(
    collections: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        Dataset(collections)  # type: ignore[arg-type]
    assert str(info.value).startswith(message)


def test_a_dataset_of_some_collections_has_the_others_empty() -> None:
    ds = Dataset({"muscles": list(DS.muscles)})  # type: ignore[dict-item]
    assert ds.muscles == DS.muscles
    assert isinstance(ds.muscles, tuple)
    assert ds.exercises == ()
    assert ds.muscle("quads") is DS.muscle("quads")


def test_an_empty_pack_path_is_named(tmp_path: Path) -> None:
    # Path("") is ".": without the check, the working directory was read as a pack.
    with pytest.raises(ValueError, match=r"^packs\[0\]: an empty path names no pack$"):
        runtone.load(packs=[""])
    pack = tmp_path / "pack.json"
    pack.write_text('{"sources": []}', "utf-8")
    with pytest.raises(ValueError, match=r"^packs\[1\]: an empty path names no pack$"):
        runtone.load(packs=[pack, ""])


def test_an_empty_path_to_convert_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"^source: an empty path names no file$"):
        runtone.convert_free_exercise_db("")
    with pytest.raises(ValueError, match=r"^file: an empty name"):
        runtone.convert_free_exercise_db(b"[]", file="")
    conversion = runtone.convert_free_exercise_db(b"[]")
    with pytest.raises(ValueError, match=r"^directory: an empty path names no directory$"):
        conversion.write("")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["muscle", "quads", "--pack", ""], "--pack"),
        (["export", "--output", ""], "--output/-o"),
        (["diagram", "--compare", "heel", "forefoot", "--output", ""], "--output/-o"),
        (["validate", ""], "PACK"),
        (["convert", ""], "file"),
        (["convert", "x.json", "--output", ""], "--output/-o"),
    ],
)
def test_the_command_line_names_the_option_given_an_empty_path(
    argv: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"error: argument {option}: an empty path names no file or directory" in err
