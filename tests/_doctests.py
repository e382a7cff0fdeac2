"""A pytest plugin (``-p _doctests``): doctests see ``runtone`` as a docs reader has it.

The private modules cannot import the package face (data flows one way), so their
examples do not say ``import runtone``: pytest gives every doctest the name here.
"""

from __future__ import annotations

import pytest

import runtone


@pytest.fixture(autouse=True)
def _runtone_in_doctests(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["runtone"] = runtone
