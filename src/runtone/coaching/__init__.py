"""The coaching engine: a runner's profile, and plans built from it under sourced load rules.

- :mod:`.profile`: :class:`Profile`, what the runner wants, does now and has had;
- :mod:`.sessions`: what a plan is made of (sessions with their steps, days, weeks);
- :mod:`.rules`: the dataset's load rules the engine applies;
- :mod:`.engine`: the engine, :func:`plan`;
- :mod:`.calendar`: a plan as an iCalendar file (:meth:`Plan.to_ics`).

Every name is also importable from :mod:`runtone` itself.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import plan
    from .profile import Profile, ProfileFields
    from .sessions import (
        Adjustment,
        Change,
        Day,
        Intensity,
        Note,
        Plan,
        RunSession,
        Step,
        StrengthItem,
        StrengthSession,
        Week,
    )

__all__ = [
    "Adjustment",
    "Change",
    "Day",
    "Intensity",
    "Note",
    "Plan",
    "Profile",
    "ProfileFields",
    "RunSession",
    "Step",
    "StrengthItem",
    "StrengthSession",
    "Week",
    "plan",
]

# Each name's module, imported on first use: the recommendation module imports the
# profile from here, and the engine imports the recommendations.
_HOME = {"plan": ".engine", "Profile": ".profile", "ProfileFields": ".profile"}


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(_HOME.get(name, ".sessions"), __name__)
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
