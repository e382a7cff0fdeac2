"""The ``importlib.resources`` of each Python: the standard library's, or the backport.

``files()`` comes from the standard library on Python 3.10 and later and from the
``importlib-resources`` backport below (the dependency's marker in pyproject.toml says
the same). ``Traversable``, the type ``files()`` returns, lives in
``importlib.resources.abc`` from 3.11, in ``importlib.abc`` on 3.10, and in the
backport on 3.9. Import this module only when resources are read (importing
``importlib.resources`` costs milliseconds), or under ``TYPE_CHECKING``.
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
    from importlib_resources import files
    from importlib_resources.abc import Traversable

__all__ = ["Traversable", "files"]
