"""The load rules a plan follows, read from the dataset's ``training_rules`` records.

The engine takes every number from the records (a data pack may tune them); this
module names the rules it needs and checks that the dataset has them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ..errors import UnknownIdError

if TYPE_CHECKING:
    from .._dataset import Dataset
    from .._records import TrainingRule

__all__ = ["Rules", "rules_of"]

#: The ids of the rules the plan engine applies, by the name it uses for each.
IDS = {
    "spike": "single-run-spike-limit",
    "weekly_cap": "weekly-increase-cap",
    "ten_percent": "ten-percent-rule-untested-benefit",
    "lighter": "lighter-week-every-3-to-4-weeks",
    "taper": "race-taper",
    "run_walk": "beginner-run-walk-to-30-minutes",
    "easy_share": "mostly-easy-intensity",
    "talk": "talk-test-easy-effort",
    "effort": "effort-rating-bands",
}
#: Rules the engine applies when the dataset has them (a plan without them says less).
OPTIONAL_IDS = {
    "injured": "running-with-a-current-injury",
    "bmi": "first-week-distance-heavier-novices",
}


@attrs.frozen
class Rules:
    """The load rules of one dataset, each under the engine's name for it."""

    spike: TrainingRule
    weekly_cap: TrainingRule
    ten_percent: TrainingRule
    lighter: TrainingRule
    taper: TrainingRule
    run_walk: TrainingRule
    easy_share: TrainingRule
    talk: TrainingRule
    effort: TrainingRule
    injured: TrainingRule | None
    bmi: TrainingRule | None


_CACHE: dict[int, tuple[Dataset, Rules]] = {}


def rules_of(dataset: Dataset) -> Rules:
    """The load rules of ``dataset``.

    Raises:
        UnknownIdError: ``dataset`` lacks one of the rules the engine needs (the
            error's field is ``dataset``).
    """
    cached = _CACHE.get(id(dataset))
    if cached is not None and cached[0] is dataset:
        return cached[1]

    def need(name: str) -> TrainingRule:
        rule = dataset.get_training_rule(IDS[name])
        if rule is None:
            raise UnknownIdError(IDS[name], "training_rules", (), field="dataset")
        return rule

    rules = Rules(
        spike=need("spike"),
        weekly_cap=need("weekly_cap"),
        ten_percent=need("ten_percent"),
        lighter=need("lighter"),
        taper=need("taper"),
        run_walk=need("run_walk"),
        easy_share=need("easy_share"),
        talk=need("talk"),
        effort=need("effort"),
        injured=dataset.get_training_rule(OPTIONAL_IDS["injured"]),
        bmi=dataset.get_training_rule(OPTIONAL_IDS["bmi"]),
    )
    if len(_CACHE) > 8:  # noqa: PLR2004 - a handful of datasets at most
        _CACHE.clear()
    _CACHE[id(dataset)] = (dataset, rules)
    return rules
