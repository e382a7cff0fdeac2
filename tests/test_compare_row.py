"""A comparison's row takes a muscle as every lookup does: a record, or an id, name or alias."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from runtone import UnknownIdError
from runtone._dataset import normalize, record_keys

DS = runtone.load()
PATTERNS = DS.strike_patterns + DS.stride_effects


@given(a=st.sampled_from(PATTERNS), b=st.sampled_from(PATTERNS), data=st.data())
def test_every_key_of_a_rows_muscle_finds_its_row(
    a: runtone.StrideEffect, b: runtone.StrideEffect, data: st.DataObject
) -> None:
    change = runtone.compare_strikes(a, b)
    if not change.muscles:
        return
    row = data.draw(st.sampled_from(change.muscles))
    _, key = data.draw(st.sampled_from(record_keys(row.muscle)))
    spelled = data.draw(st.sampled_from([key, key.upper(), key.replace("-", " "), f" {key}"]))
    if normalize(spelled) != normalize(key):
        return
    assert change.row(spelled) is row
    assert change.row(row.muscle) is row
    assert change.row(DS.muscle(row.muscle.id)) is row


def test_quads_finds_the_quadriceps_row() -> None:
    change = runtone.compare_strikes("heel", "forefoot")
    assert change.row("quads") is change.row("quadriceps")
    assert change.mirror().row("Quads").direction is runtone.Direction.MORE


def test_a_muscle_with_no_row_is_an_unknown_id_with_suggestions() -> None:
    change = runtone.compare_strikes("heel", "forefoot")
    assert "peroneals" not in [r.muscle.id for r in change.muscles]
    with pytest.raises(UnknownIdError) as info:
        change.row("peroneals")
    assert (info.value.key, info.value.field, info.value.collection) == (
        "peroneals",
        "muscle",
        "rows",
    )
    with pytest.raises(UnknownIdError) as info:
        change.row("quadricep")
    assert info.value.suggestions == ("quadriceps",)
    assert str(info.value) == "muscle: no row 'quadricep'; did you mean 'quadriceps'?"
    with pytest.raises(UnknownIdError) as info:
        change.row(DS.muscle("peroneals"))
    assert info.value.key == "peroneals"
    assert not isinstance(info.value, KeyError)


def test_a_row_key_of_the_wrong_type_is_a_type_error() -> None:
    change = runtone.compare_strikes("heel", "forefoot")
    with pytest.raises(TypeError, match=r"^muscle: expected a muscle or its id"):
        change.row(3)  # type: ignore[arg-type]
