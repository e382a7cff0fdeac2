"""The ``importlib.resources`` of each Python: the standard library's, or the backport.

``files()`` comes from the standard library on Python 3.10 and later, and from the
``importlib-resources`` backport on 3.9 (the dependency's marker in pyproject.toml says
the same). ``Traversable``, the protocol ``files()`` returns, is the standard
library's on every version: ``importlib.resources.abc`` from 3.11, ``importlib.abc``
before. (The backport's own protocol is narrower than the objects it returns, and its
``files()`` is untyped: :func:`data_root` gives it a type.) Import this module only when
resources are read (importing ``importlib.resources`` costs milliseconds), or under
``TYPE_CHECKING``.
"""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from importlib.resources import files
    from importlib.resources.abc import Traversable
elif sys.version_info >= (3, 10):  # pragma: no cover - the gate's coverage runs on 3.11
    from importlib.abc import Traversable
    from importlib.resources import files
else:  # pragma: no cover
    from importlib.abc import Traversable

    from importlib_resources import files

__all__ = ["Traversable", "data_root"]


def data_root() -> Traversable:
    """The installed package's ``runtone/data``, wherever and however it is installed."""
    root: Traversable = files("runtone")
    return root / "data"
