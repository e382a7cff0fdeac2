"""Helpers shared by the tests (imported as ``_support``; tests/ is on the path)."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import attrs
from hypothesis import settings

from runtone import _loader

DATA = Path(__file__).resolve().parent.parent / "src" / "runtone" / "data"

RawData = dict[str, list[dict[str, object]]]


def read_raw() -> RawData:
    """The packaged data as parsed JSON, one list of records per collection."""
    return {
        collection.name: json.loads((DATA / collection.file).read_text("utf-8"))
        for collection in _loader.COLLECTIONS
    }


def write(directory: Path, raw: RawData) -> Path:
    """Write ``raw`` as a data directory and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, records in raw.items():
        (directory / f"{name}.json").write_text(json.dumps(records, indent=1), "utf-8")
    return directory


def fields_of(value: object) -> tuple[attrs.Attribute[object], ...]:
    """The attrs fields of an attrs instance."""
    cls = typing.cast("type[attrs.AttrsInstance]", type(value))
    return typing.cast("tuple[attrs.Attribute[object], ...]", attrs.fields(cls))


def examples(times: float) -> int:
    """``times`` the active Hypothesis profile's max_examples (tests/conftest.py's profiles).

    A fixed count in ``@settings`` would not grow under the deep profile.
    """
    active: int = settings().max_examples
    return max(1, round(times * active))
