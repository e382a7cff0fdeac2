"""Every field path in a DataError reads back as the one sequence of steps it names.

A data file may hold any key, so a path cannot simply join keys with ``.`` and ``[``:
the key ``"["`` under ``findings[0]`` once came out as ``findings[0][``. The parser
here is written from the rule in docs/howto/handle-errors.md, not from the loader.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Union

import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from runtone import _loader
from runtone.errors import DataError

if TYPE_CHECKING:
    from _support import RawData

Step = Union[str, int]

_IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*"
_STEP = re.compile(
    r"\[(?P<index>0|[1-9][0-9]*)\]"  # an index
    r'|\[(?P<quoted>"(?:[^"\\]|\\.)*")\]'  # a quoted key: a JSON string
    rf"|(?P<dot>\.?)(?P<name>{_IDENTIFIER})"  # a name, after a "." unless first
)


def parse(path: str) -> tuple[Step, ...]:
    """The steps a path names; ValueError for a path spelt against the rule."""
    steps: list[Step] = []
    at = 0
    while at < len(path):
        step = _STEP.match(path, at)
        if step is None:
            raise ValueError(f"{path!r}: cannot read from {at}")
        if step["index"] is not None:
            steps.append(int(step["index"]))
        elif step["quoted"] is not None:
            key = json.loads(step["quoted"])
            if re.fullmatch(_IDENTIFIER, key):
                raise ValueError(f"{path!r}: {key!r} needs no quotes")
            steps.append(key)
        elif bool(step["dot"]) == bool(steps):  # a "." before every name but the first
            steps.append(step["name"])
        else:
            raise ValueError(f"{path!r}: a '.' out of place at {at}")
        at = step.end()
    if not steps:
        raise ValueError("an empty path")
    return tuple(steps)


#: Keys heavy in the characters a path is made of, and any others (lone surrogates too:
#: a JSON file can spell them with \\u escapes).
_KEYS = st.text(st.sampled_from("[].\\\"'_a0 ") | st.characters(exclude_categories=()), max_size=8)
_STEPS = st.lists(_KEYS | st.integers(0, 10**6), min_size=1, max_size=6).map(tuple)


@given(_STEPS)
def test_every_path_reads_back_as_its_steps(steps: tuple[Step, ...]) -> None:
    # Built as the loader builds it: the innermost step first, each enclosing one added.
    error = _loader._InvalidError("wrong", steps[-1])
    for step in reversed(steps[:-1]):
        error = error.under(step)
    assert error.path is not None
    assert parse(error.path) == steps


@pytest.mark.parametrize(
    ("steps", "path"),
    [
        (("colour",), "colour"),
        (("targets", 0, "muscle"), "targets[0].muscle"),
        (("overrides", "muscles", 1), "overrides.muscles[1]"),
        (("findings", 0, "["), 'findings[0]["["]'),
        (("findings", 0, "[1]"), 'findings[0]["[1]"]'),
        (("we.ird",), '["we.ird"]'),
        (("",), '[""]'),
        (("a", 'q"\\'), r'a["q\"\\"]'),
        (("2nd",), '["2nd"]'),
    ],
)
def test_paths_are_spelt_as_documented(steps: tuple[Step, ...], path: str) -> None:
    error = _loader._InvalidError("wrong", steps[-1])
    for step in reversed(steps[:-1]):
        error = error.under(step)
    assert error.path == path
    assert parse(path) == steps


def test_a_key_like_an_index_is_quoted(
    raw: RawData, load_edited: Callable[[RawData], object]
) -> None:
    # The reproducer: test_fuzz_data drew this key and got field 'findings[0]['.
    quads = next(m for m in raw["muscles"] if m["id"] == "quadriceps")
    findings = quads["findings"]
    assert isinstance(findings, list)
    findings[0]["["] = 1
    with pytest.raises(DataError) as info:
        load_edited(raw)
    assert info.value.field == 'findings[0]["["]'
    assert str(info.value).startswith(
        """muscles.json: record 'quadriceps': field 'findings[0]["["]': unknown field"""
    )


@pytest.mark.parametrize("key", ["[", "we.ird", "", "overrides.muscles"])
def test_an_unknown_key_in_a_pack_manifest_is_quoted(tmp_path: Path, key: str) -> None:
    (tmp_path / "pack.json").write_text(json.dumps({key: 1}), "utf-8")
    (tmp_path / "exercises.json").write_text("[]", "utf-8")
    with pytest.raises(DataError) as info:
        runtone.load(packs=[tmp_path])
    assert info.value.field is not None
    assert parse(info.value.field) == (key,)


@pytest.mark.parametrize("key", ["[", "we.ird", ""])
def test_an_unknown_collection_in_overrides_is_quoted(tmp_path: Path, key: str) -> None:
    (tmp_path / "pack.json").write_text(json.dumps({"overrides": {key: []}}), "utf-8")
    (tmp_path / "exercises.json").write_text("[]", "utf-8")
    with pytest.raises(DataError) as info:
        runtone.load(packs=[tmp_path])
    assert info.value.field is not None
    assert parse(info.value.field) == ("overrides", key)


@pytest.mark.parametrize("key", ["[", "we.ird", ""])
def test_an_unknown_key_in_an_export_pack_is_quoted(tmp_path: Path, key: str) -> None:
    pack = tmp_path / "pack.json"
    pack.write_text(json.dumps({"exercises": [], key: 1}), "utf-8")
    with pytest.raises(DataError) as info:
        runtone.load(packs=[pack])
    assert info.value.field is not None
    assert parse(info.value.field) == (key,)
