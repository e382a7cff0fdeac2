"""Why a recommendation suits a profile (a :class:`~runtone.Reason`'s text), by the field."""

from __future__ import annotations

#: The English of each text, by key.
TEXTS: dict[str, str] = {
    "advice/goal": "serves your goal: {goal}",
    "advice/level": "is meant for {level} runners",
    "advice/strike_pattern": "is for runners with a {name}",
    "advice/weak_muscles": "addresses your weak {name}",
    "advice/tight_muscles": "addresses your tight {name}",
    "advice/injuries": "addresses your {name}",
    "advice/past_injuries": "addresses your {name} (before)",
}
