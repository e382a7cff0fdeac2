"""runtone: the leg muscles running works, with the evidence behind every claim.

>>> import runtone
>>> runtone.muscle("quads").name
'Quadriceps'

Importing runtone is cheap: it reads no data and imports its own modules only
when a name is first used.  :func:`load` parses the packaged data once, on
first call, and returns the same :class:`Dataset` from then on.
"""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._dataset import Dataset
    from ._records import (
        Assertion,
        Claim,
        Dosage,
        Exercise,
        Finding,
        Injury,
        JointLoad,
        Muscle,
        MuscleEffect,
        Recommendation,
        Source,
        StrideEffect,
        Target,
    )
    from ._records import StrideEffect as StrikePattern
    from ._vocab import (
        Direction,
        Equipment,
        EvidenceGrade,
        ExerciseKind,
        GaitPhase,
        Goal,
        JointAction,
        Level,
        MuscleKind,
        Region,
        SourceKind,
        StrideCategory,
        Structure,
        TargetRole,
        Verdict,
    )
    from .errors import DataError, RuntoneError, UnknownIdError

__all__ = [
    "DATA_VERSION",
    "Assertion",
    "Claim",
    "DataError",
    "Dataset",
    "Direction",
    "Dosage",
    "Equipment",
    "EvidenceGrade",
    "Exercise",
    "ExerciseKind",
    "Finding",
    "GaitPhase",
    "Goal",
    "Injury",
    "JointAction",
    "JointLoad",
    "Level",
    "Muscle",
    "MuscleEffect",
    "MuscleKind",
    "Recommendation",
    "Region",
    "RuntoneError",
    "Source",
    "SourceKind",
    "StrideCategory",
    "StrideEffect",
    "StrikePattern",
    "Structure",
    "Target",
    "TargetRole",
    "UnknownIdError",
    "Verdict",
    "exercise",
    "load",
    "muscle",
    "strike_pattern",
]

#: The version of the packaged dataset; it changes whenever the data changes.
DATA_VERSION = "0.2.0"

# Where each lazily imported public name lives.
_LAZY = {
    "Dataset": "._dataset",
    **dict.fromkeys(
        (
            "Assertion",
            "Claim",
            "Dosage",
            "Exercise",
            "Finding",
            "Injury",
            "JointLoad",
            "Muscle",
            "MuscleEffect",
            "Recommendation",
            "Source",
            "StrideEffect",
            "Target",
        ),
        "._records",
    ),
    **dict.fromkeys(
        (
            "Direction",
            "Equipment",
            "EvidenceGrade",
            "ExerciseKind",
            "GaitPhase",
            "Goal",
            "JointAction",
            "Level",
            "MuscleKind",
            "Region",
            "SourceKind",
            "StrideCategory",
            "Structure",
            "TargetRole",
            "Verdict",
        ),
        "._vocab",
    ),
    **dict.fromkeys(("DataError", "RuntoneError", "UnknownIdError"), ".errors"),
}

_lock = threading.Lock()
_cache: Dataset | None = None


def load() -> Dataset:
    """The packaged dataset, parsed on first call and cached.

    Thread-safe: however many threads call it at once, the data is read and
    checked exactly once, and every call returns the same object.

    Raises:
        DataError: the packaged data is malformed (a broken installation).
    """
    global _cache  # noqa: PLW0603 - the module-level cache is the point
    dataset = _cache
    if dataset is None:
        with _lock:
            if _cache is None:
                from ._loader import load_packaged  # noqa: PLC0415 - lazy by design

                _cache = load_packaged()
            dataset = _cache
    return dataset


def muscle(key: str) -> Muscle:
    """The muscle with this id, name or alias, from :func:`load`.

    >>> muscle("hamstrung")
    Traceback (most recent call last):
    ...
    runtone.errors.UnknownIdError: no muscle 'hamstrung'; did you mean 'hamstrings'...

    Raises:
        UnknownIdError: no muscle answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    return load().muscle(key)


def exercise(key: str) -> Exercise:
    """The exercise with this id, name or alias, from :func:`load`.

    Raises:
        UnknownIdError: no exercise answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    return load().exercise(key)


def strike_pattern(key: str) -> StrideEffect:
    """The foot-strike pattern with this id, name or alias, from :func:`load`.

    >>> strike_pattern("heel").id
    'rearfoot-strike'

    Raises:
        UnknownIdError: no strike pattern answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    return load().strike_pattern(key)


def __getattr__(name: str) -> object:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - costs ~30 ms at import

        return version("runtone")
    target = "StrideEffect" if name == "StrikePattern" else name
    module = _LAZY.get(target)
    if module is None:
        raise AttributeError(f"module 'runtone' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), target)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "__version__"})
