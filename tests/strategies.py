"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

from hypothesis import strategies as st

import runtone

DS = runtone.load()


@st.composite
def profiles(draw: st.DrawFn) -> runtone.Profile:
    """Any valid profile, its records given as objects or as ids, names or aliases."""

    def pick(records: tuple[object, ...]) -> st.SearchStrategy[list[object]]:
        as_key = st.sampled_from(records).flatmap(
            lambda r: st.sampled_from([r, getattr(r, "id"), getattr(r, "name")])  # noqa: B009
        )
        return st.lists(as_key, max_size=4)

    return runtone.Profile(
        goals=draw(st.frozensets(st.sampled_from(runtone.Goal))),
        level=draw(st.sampled_from(runtone.Level)),
        strike_pattern=draw(st.none() | st.sampled_from(DS.strike_patterns)),
        weak_muscles=draw(pick(DS.muscles)),  # type: ignore[arg-type]
        tight_muscles=draw(pick(DS.muscles)),  # type: ignore[arg-type]
        injuries=draw(pick(DS.injuries)),  # type: ignore[arg-type]
        past_injuries=draw(pick(DS.injuries)),  # type: ignore[arg-type]
        equipment=draw(st.frozensets(st.sampled_from(runtone.Equipment))),
        running_days=draw(st.integers(0, 7)),
        strength_days=draw(st.integers(0, 7)),
        minutes_per_session=draw(st.integers(10, 300)),
    )
