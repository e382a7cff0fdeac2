"""Shared fixtures: the packaged data as raw JSON, and a way to load edited copies."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from _support import RawData, read_raw, write
from runtone import _loader

_RAW = read_raw()


@pytest.fixture
def raw() -> RawData:
    """A fresh deep copy of the packaged data, one list of records per collection."""
    return copy.deepcopy(_RAW)


@pytest.fixture
def load_edited(tmp_path: Path) -> Callable[[RawData], object]:
    """Write edited data to a temporary directory and load it with the real loader."""

    def load(raw: RawData) -> object:
        return _loader.load_from(write(tmp_path / "data", raw))

    return load
