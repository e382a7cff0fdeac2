"""A smoke test of an installed runtone, run by tests/test_wheel.py in a fresh environment.

It is run as a script (``python -I tests/_smoke.py``) by the environment's own
interpreter, from a directory outside the source tree, and prints one JSON
object: where runtone was imported from, what a few lookups, queries,
``recommend()`` and ``plan()`` gave, and what the ``runtone export`` console
script wrote.  The test compares every figure with the same calls made on the
source tree, so nothing here is an expected value.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import runtone

#: The runner whose recommendations and plan are compared.
PROFILE = {
    "level": "beginner",
    "strike_pattern": "heel",
    "weak_muscles": ["glutes", "calves"],
    "injuries": ["runner's knee"],
    "equipment": ["resistance_band"],
}


def report() -> dict[str, object]:
    """What this environment's runtone gives for the calls the test compares."""
    profile = runtone.Profile(**PROFILE)  # type: ignore[arg-type]
    made = runtone.plan(profile, weeks=3)
    comparison = runtone.compare_strikes("heel", "forefoot")
    script = Path(sys.executable).with_name("runtone.exe" if os.name == "nt" else "runtone")
    export = subprocess.run(
        [str(script), "export", "--indent", "0"], capture_output=True, check=True
    )
    return {
        "file": runtone.__file__,
        "purelib": sysconfig.get_paths()["purelib"],
        "version": runtone.__version__,
        "by_id": runtone.muscle("quadriceps").id,
        "by_alias": runtone.muscle("quads").id,
        "exercise_by_alias": runtone.exercise("band walks").id,
        "heel": runtone.strike_pattern("heel").id,
        "calf_exercises": [e.id for e in runtone.find_exercises(muscle="calves", equipment=())],
        "heel_to_forefoot": {r.muscle.id: r.direction.value for r in comparison.muscles},
        "recommend": [s.recommendation.id for s in runtone.recommend(profile)],
        "plan": [[day.minutes for day in week.days] for week in made.weeks],
        "export": json.loads(export.stdout),
    }


if __name__ == "__main__":
    json.dump(report(), sys.stdout)
