"""The path of a field within a record, as error messages spell it.

A path is a sequence of steps, outermost first: a field name (any string, since a data
file may hold any key) or an array index. Each sequence has exactly one spelling, and
each spelling reads back as one sequence:

- an index is ``[0]``;
- a name that is an ASCII identifier is written as it is, after a ``.`` unless it
  comes first: ``targets[0].muscle``;
- any other name is quoted as a JSON string in brackets: ``findings[0]["["]``,
  ``["we.ird"]``, ``[""]``.
"""

from __future__ import annotations

import json
from typing import Union

#: One step of a path: a field name or an array index.
Step = Union[str, int]


def _is_name(step: str) -> bool:
    # [A-Za-z_][A-Za-z0-9_]*: an ASCII identifier cannot hold ".", "[", "]" or a quote.
    return step.isascii() and step.isidentifier()


def field_path(steps: tuple[Step, ...]) -> str:
    """Spell a path, e.g. ``("targets", 0, "muscle")`` as ``targets[0].muscle``.

    Args:
        steps: Field names and array indexes, outermost first (at least one).

    Returns:
        The path's one spelling (see the module's docstring).
    """
    parts = []
    for step in steps:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif not _is_name(step):
            parts.append(f"[{json.dumps(step)}]")
        elif parts:
            parts.append(f".{step}")
        else:
            parts.append(step)
    return "".join(parts)
