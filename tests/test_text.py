"""runtone.to_text: every record and result as text that fits the width asked for."""

from __future__ import annotations

import io

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from _support import examples
from runtone import _loader, _text, cli
from runtone._export import to_json
from strategies import DS, profiles

COLLECTIONS = [c.name for c in _loader.COLLECTIONS]
RECORDS: tuple[object, ...] = tuple(r for name in COLLECTIONS for r in getattr(DS, name))
WIDTHS = st.integers(_text.MIN_WIDTH, 200)


def _fits(text: str, width: int) -> bool:
    return all(len(line) <= width for line in text.splitlines())


def test_to_text_is_public_and_lazy() -> None:
    assert "to_text" in runtone.__all__
    assert runtone.to_text is _text.to_text


@settings(max_examples=examples(3))
@given(record=st.sampled_from(RECORDS), width=WIDTHS)
def test_every_record_fits_any_width(record: object, width: int) -> None:
    text = runtone.to_text(record, width)
    assert _fits(text, width), text
    assert f"\nid:{' ' * (_text.LABEL - 3)}" in text


@settings(max_examples=examples(1))
@given(
    records=st.lists(st.sampled_from(RECORDS), min_size=1, max_size=8).map(tuple),
    width=WIDTHS,
)
def test_a_list_of_records_is_a_table_that_fits(records: tuple[object, ...], width: int) -> None:
    text = runtone.to_text(records, width)
    assert _fits(text, width), text
    lines = text.splitlines()
    assert lines[0].split()[0] == "id"
    assert lines[-1].split()[0] == str(len(records))
    assert len(lines) == len(records) + 4  # header, rule, one row each, blank, count


@settings(max_examples=examples(0.5))
@given(
    profile=profiles().filter(lambda p: p.running_days or p.strength_days),  # 0 and 0: no plan
    width=WIDTHS,
    weeks=st.integers(1, 3),
)
def test_every_result_fits_any_width(profile: runtone.Profile, width: int, weeks: int) -> None:
    made = runtone.plan(profile, weeks=weeks)
    for result in (made, made.weeks[0], made.weeks[0].days[0], profile, made.suggestions):
        assert _fits(runtone.to_text(result, width), width)
    if made.suggestions:
        assert _fits(runtone.to_text(made.suggestions[0], width), width)


@settings(max_examples=examples(0.5))
@given(
    a=st.sampled_from(DS.strike_patterns + DS.stride_effects),
    b=st.sampled_from(DS.strike_patterns + DS.stride_effects),
    width=WIDTHS,
)
def test_comparisons_fit_any_width(
    a: runtone.StrideEffect, b: runtone.StrideEffect, width: int
) -> None:
    text = runtone.to_text(runtone.compare_strikes(a, b), width)
    assert _fits(text, width), text


def test_value_objects_and_the_dataset_render() -> None:
    calves = DS.muscle("calves")
    assert runtone.to_text(calves.findings[0]).startswith(calves.findings[0].text[:20])
    assert runtone.to_text(DS.exercise("squat").targets[0]) == "quadriceps (primary)"
    counts = runtone.to_text(DS).splitlines()
    assert counts[2].split() == ["sources", str(len(DS.sources))]


def test_width_has_a_documented_minimum() -> None:
    muscle = DS.muscle("soleus")
    with pytest.raises(ValueError, match=rf"^width: must be at least {_text.MIN_WIDTH}, got 39$"):
        runtone.to_text(muscle, _text.MIN_WIDTH - 1)
    with pytest.raises(ValueError, match=r"^width: must be at least 40, got <an int too long"):
        runtone.to_text(muscle, -(10**4500))  # past the digits Python will print
    with pytest.raises(TypeError, match=r"^width: expected a whole number"):
        runtone.to_text(muscle, True)  # noqa: FBT003 - the wrong type on purpose
    with pytest.raises(TypeError, match=r"^obj: to_text cannot render a dict$"):
        runtone.to_text({"id": "soleus"})
    with pytest.raises(TypeError, match=r"^dataset: expected a runtone\.Dataset"):
        runtone.to_text(muscle, dataset="packaged")  # type: ignore[arg-type]
    assert f"{_text.MIN_WIDTH}" in (runtone.to_text.__doc__ or "")


def test_a_width_too_small_is_a_bad_value_of_runtones_error_family() -> None:
    # Bad values raise runtone.InvalidValueError, the documented family (a ValueError),
    # with the argument named in .field, as every other argument's bad value does.
    with pytest.raises(runtone.InvalidValueError) as caught:
        runtone.to_text(DS.muscle("soleus"), _text.MIN_WIDTH - 1)
    assert isinstance(caught.value, runtone.RuntoneError)
    assert (caught.value.field, caught.value.problem) == (
        "width",
        f"must be at least {_text.MIN_WIDTH}, got 39",
    )


def test_relations_come_from_the_dataset_given() -> None:
    calves = DS.muscle("calves")
    assert "\nparts:          gastrocnemius, soleus" in runtone.to_text(calves)
    source = DS.source("dorn-2012")
    assert "\ncited by:" in runtone.to_text(source, dataset=DS)


def _cli(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(list(argv), out=out, err=err) == 0, err.getvalue()
    return out.getvalue()


def test_the_command_line_prints_what_to_text_renders() -> None:
    assert _cli("muscle", "calves") == runtone.to_text(DS.muscle("calves")) + "\n"
    assert _cli("exercises") == runtone.to_text(DS.exercises) + "\n"
    change = runtone.compare_strikes("heel", "forefoot")
    assert _cli("compare", "heel", "forefoot") == runtone.to_text(change) + "\n"
    profile = runtone.Profile(weak_muscles=["glutes"], level="intermediate")
    argv = ("--weak-muscles", "glutes", "--level", "intermediate")
    assert _cli("recommend", *argv) == runtone.to_text(runtone.recommend(profile)) + "\n"
    made = runtone.plan(profile, weeks=2)
    assert _cli("plan", *argv, "--weeks", "2") == runtone.to_text(made) + "\n"


def test_the_command_line_renders_nothing_itself() -> None:
    # The renderers moved to runtone._text; the command line keeps none of them.
    for name in ("_show", "_list", "_comparison", "_suggestions", "_plan", "_wrap", "_summary"):
        assert not hasattr(cli, name), name


def test_days_are_numbered_1_to_7_everywhere() -> None:
    made = runtone.plan(runtone.Profile(), weeks=1)
    week = made.weeks[0]
    assert [day.number for day in week.days] == [1, 2, 3, 4, 5, 6, 7]
    assert not hasattr(week.days[0], "index")
    days: list[dict[str, object]] = to_json(week)["days"]  # type: ignore[assignment, call-overload, index]
    assert [day["number"] for day in days] == [1, 2, 3, 4, 5, 6, 7]
    assert "index" not in days[0]
    text = runtone.to_text(week).splitlines()
    starts = [line.split()[:2] for line in text if line.startswith("  Day ")]
    assert starts == [["Day", str(n)] for n in range(1, 8)]


@pytest.mark.parametrize("ident", ["-", "   ", "_ - _"])
@pytest.mark.parametrize("collection", ["sources", "muscles"])
def test_a_record_with_a_blank_id_renders_without_its_relations(
    collection: str, ident: str
) -> None:
    # Sources and muscles show relations (cited by, parts) only when they are the
    # dataset's own records. A record made in code may have an id that no lookup
    # answers to ("-"): it is not the dataset's, so it renders without them (a blank
    # lookup raises UnknownIdError, and to_text raised it: the fuzz test below found it).
    record = getattr(DS, collection)[0]
    edited = attrs.evolve(record, id=ident)
    text = runtone.to_text(edited)
    assert f"\nid:{' ' * 13}{ident}".rstrip() in text
    assert "\ncited by:" not in text
    assert "\nparts:" not in text


_WORDS = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=300)


@settings(max_examples=examples(1))
@given(
    index=st.integers(0, len(RECORDS) - 1),  # not the record: its repr is long
    ident=_WORDS.filter(str.strip),
    text=_WORDS,
    width=WIDTHS,
)
def test_records_with_any_text_fit_any_width(index: int, ident: str, text: str, width: int) -> None:
    # A pack's records can hold ids and names of any length: they fit, cut or wrapped.
    record = RECORDS[index]
    field = "name" if hasattr(record, "name") else "title" if hasattr(record, "title") else "note"
    changes = {"id": ident, field: text or ident} if hasattr(record, field) else {"id": ident}
    edited = attrs.evolve(record, **changes)  # type: ignore[misc]
    assert _fits(runtone.to_text(edited, width), width)
    assert _fits(runtone.to_text((edited, record), width), width)
