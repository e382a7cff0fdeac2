"""Shared fixtures: the packaged data as raw JSON, and a way to load edited copies."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from _support import RawData, read_raw, write
from runtone import _loader, _messages
from runtone._po import Entry

# Hypothesis profiles.  The gate runs "default" (or, where a CI variable is set, "ci":
# the same examples, derandomized); tests give their example counts as multiples of
# its max_examples (see _support.examples), so that "deep" runs ten times as many of
# every property: pytest --hypothesis-profile=deep
# No profile has a deadline or a too-slow health check: a property test fails on a wrong
# answer, never on a loaded machine (speed is measured by benchmarks/run.py instead).
EXAMPLES = 100
UNTIMED = (HealthCheck.too_slow,)
settings.register_profile(
    "default", max_examples=EXAMPLES, deadline=None, suppress_health_check=UNTIMED
)
settings.register_profile(
    "ci",
    settings.get_profile("ci"),
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=UNTIMED,
)
settings.register_profile(
    "deep", max_examples=10 * EXAMPLES, deadline=None, suppress_health_check=UNTIMED
)

_RAW = read_raw()


@pytest.fixture(autouse=True, scope="session")
def _text_width_is_80() -> Iterator[None]:
    """The command line fits ``COLUMNS``: not that of the terminal that runs the tests.

    Tests of other widths set it themselves.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("COLUMNS", raising=False)
        yield


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


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``docs_build`` every test that needs the docs built (the ``html`` fixture).

    .ci/run builds the docs on the gate's Python only (``-m "not docs_build"`` on the
    others): the HTML does not depend on the Python, and the build takes a minute.
    """
    for item in items:
        if "html" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.docs_build)


#: What the ``pseudo_german`` fixture wraps each text in.
PSEUDO = (
    "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}",
    "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}",
)


@pytest.fixture
def pseudo_german(monkeypatch: pytest.MonkeyPatch) -> None:
    """German texts made from the English: every text of ``MESSAGES`` as ``«English»``.

    With it, whatever runtone's code writes in German shows whether it came through the
    texts' catalog: a fixed English word outside the marks did not.  (Pseudo-localising,
    as translators' tools call it.)  The data's own texts stay as German's catalog has
    them.
    """
    entries = {
        key: Entry(key, english, f"{PSEUDO[0]}{english}{PSEUDO[1]}", fuzzy=False, line=0)
        for key, english in _messages.MESSAGES.items()
    }
    monkeypatch.setitem(_messages._words, "de", _messages.Words("de", entries))
    # A name inside a sentence is written as English writes it (lower case), so that
    # pseudo German without its marks is the English.
    monkeypatch.setattr(_messages, "_CAPITAL_NOUNS", frozenset())
