"""Helpers shared by the tests (imported as ``_support``; tests/ is on the path)."""

from __future__ import annotations

import json
import os
import typing
from pathlib import Path

import attrs
import pytest
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


def in_ci() -> bool:
    """Whether the tests run in CI: ``CI`` is set to something other than false (``CI=true``)."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def require(present: bool, what: str) -> None:
    """Skip the calling test when ``what`` is absent, except in CI, where that fails it.

    On a workstation a clone may lack ``../shared``; in CI a skip would hide that the
    gate did not test what it claims to.
    """
    if present:
        return
    if in_ci():
        pytest.fail(f"{what} is missing; in CI (CI=true) that fails the test instead of skipping")
    pytest.skip(f"{what} is missing (in CI, with CI=true, this fails)")
