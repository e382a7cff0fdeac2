"""The benchmark's rivals (pydantic v2, msgspec) check what runtone's loader checks.

A figure "runtone loads faster than pydantic" means something only if pydantic did the
same work: here each rival accepts the packs runtone accepts and rejects the broken
records runtone rejects, and a property compares the three verdicts on arbitrary values.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
import typing
from pathlib import Path
from typing import Any, Callable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generated_pack
import rivals
import runtone
from _support import examples, require
from runtone import _loader

Pack = dict[str, list[dict[str, Any]]]
LOADERS: dict[str, rivals.Loader] = {}


def _rival(name: str) -> rivals.Loader:
    """The rival's loader, made once (a model costs milliseconds to build)."""
    require(rivals.missing(name) is None, f"{name} (the bench extra: pip install -e '.[bench]')")
    if name not in LOADERS:
        LOADERS[name] = rivals.pydantic_loader() if name == "pydantic" else rivals.msgspec_loader()
    return LOADERS[name]


RIVALS = ("pydantic", "msgspec")


def _pack(exercises: int = 12, muscles: int = 6, sources: int = 8) -> Pack:
    return typing.cast("Pack", generated_pack.generate(exercises, muscles, sources, seed=7))


def _files(pack: Pack) -> dict[str, bytes]:
    return {
        name: json.dumps(pack[name], ensure_ascii=False).encode() for name in generated_pack.FILES
    }


def _runtone_load(pack: Pack) -> runtone.Dataset:
    """The pack as runtone's loader makes it, over no packaged data."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in _files(pack).items():
            (Path(tmp) / f"{name}.json").write_bytes(data)
        return runtone.load(packs=[tmp], packaged=False)


def _runtone_error(pack: Pack) -> runtone.DataError | None:
    """What runtone's loader says of the pack: its DataError, or None when it loads."""
    try:
        _runtone_load(pack)
    except runtone.DataError as exc:
        return exc
    return None


def _runtone_accepts(pack: Pack) -> bool:
    return _runtone_error(pack) is None


def _rival_accepts(name: str, pack: Pack) -> bool:
    try:
        _rival(name)(_files(pack))
    except rivals.Rejected:
        return False
    return True


@pytest.mark.parametrize("name", RIVALS)
def test_a_rival_accepts_a_generated_pack_and_makes_every_record(name: str) -> None:
    pack = _pack(60, 20, 30)
    sources, muscles, exercises = _rival(name)(_files(pack))
    assert [s.id for s in sources] == [s["id"] for s in pack["sources"]]
    assert [m.id for m in muscles] == [m["id"] for m in pack["muscles"]]
    assert [e.id for e in exercises] == [e["id"] for e in pack["exercises"]]
    # Enums are runtone's own, references stay ids.
    assert exercises[0].level is runtone.Level(pack["exercises"][0]["level"])
    assert exercises[0].targets[0].muscle == pack["exercises"][0]["targets"][0]["muscle"]
    assert _runtone_accepts(pack)


def test_the_msgspec_sketch_makes_runtones_own_records() -> None:
    require(rivals.missing("msgspec") is None, "msgspec (the bench extra)")
    pack = _pack(60, 20, 30)
    ds = _runtone_load(pack)
    load = rivals.msgspec_records_loader()
    made = load(_files(pack))
    assert made == (ds.sources, ds.muscles, ds.exercises)
    sources, muscles, exercises = made
    # A reference is the record itself, made once; a second load makes new ones.
    muscle_by_id = {m.id: m for m in muscles}
    source_by_id = {s.id: s for s in sources}
    assert all(t.muscle is muscle_by_id[t.muscle.id] for e in exercises for t in e.targets)
    assert all(s is source_by_id[s.id] for e in exercises for s in e.sources)
    again = load(_files(pack))
    assert again == made
    assert again[2][0] is not exercises[0]


def _set(collection: str, index: int, field: str, *, to: object) -> Callable[[Pack], None]:
    def edit(pack: Pack) -> None:
        pack[collection][index][field] = to

    return edit


def _drop(collection: str, field: str) -> Callable[[Pack], None]:
    def edit(pack: Pack) -> None:
        del pack[collection][0][field]

    return edit


def _same_as_first(
    collection: str, field: str, change: Callable[[Any], Any]
) -> Callable[[Pack], None]:
    def edit(pack: Pack) -> None:
        pack[collection][1][field] = change(pack[collection][0][field])

    return edit


def _cycle(pack: Pack) -> None:
    # Two single muscles (the generated groups come first), each part of the other.
    first, second = [m for m in pack["muscles"] if m["part_of"] is not None][:2]
    first["part_of"], second["part_of"] = second["id"], first["id"]


def _variation_cycle(pack: Pack) -> None:
    first, second = pack["exercises"][:2]
    first["harder"], second["harder"] = [second["id"]], [first["id"]]


def _dose(**numbers: object) -> Callable[[Pack], None]:
    def edit(pack: Pack) -> None:
        source = pack["sources"][0]["id"]
        dose = {"text": "Three sets.", "evidence": "rct", "sources": [source], **numbers}
        pack["exercises"][0]["doses"] = [dose]

    return edit


def _finding_exercise(pack: Pack) -> None:
    pack["muscles"][0]["findings"][0]["exercises"] = ["no-such-exercise"]


BROKEN: dict[str, Callable[[Pack], None]] = {
    "a bool where a whole number is": _set("sources", 0, "year", to=True),
    "a whole number as a string": _set("sources", 0, "year", to="2001"),
    "a whole number as 2001.0": _set("sources", 0, "year", to=2001.0),
    "a number out of its range": _set("sources", 0, "year", to=1700),
    "a string where a bool is": _set("exercises", 0, "unilateral", to="true"),
    "a whole number where a bool is": _set("exercises", 0, "unilateral", to=1),
    "an unknown field": _set("muscles", 0, "colour", to="red"),
    "a missing required field": _drop("exercises", "level"),
    "a bad id": _set("exercises", 0, "id", to="Bad Id"),
    "an id of 81 characters": _set("exercises", 0, "id", to="a" * 81),
    "a bad id in part_of": _set("muscles", 3, "part_of", to="Not An Id"),
    "an empty string": _set("exercises", 0, "purpose", to=""),
    "white space only": _set("exercises", 0, "purpose", to="   "),
    "leading white space": _set("muscles", 0, "name", to=" Calves 0"),
    "trailing white space": _set("muscles", 0, "location", to="Behind the knee.\u00a0"),
    "a control character": _set("muscles", 0, "name", to="Cal\u200bves 0"),
    "a newline": _set("exercises", 0, "steps", to=["Stand.\nLift."]),
    "an unknown enum value": _set("exercises", 0, "level", to="expert"),
    "an enum value of the wrong type": _set("exercises", 0, "level", to=1),
    "a string where a list is": _set("exercises", 0, "steps", to="Stand."),
    "an empty list that must have items": _set("exercises", 0, "steps", to=[]),
    "an item listed twice": lambda p: p["exercises"][0].update(
        aliases=[p["exercises"][0]["aliases"][0]] * 2
    ),
    "an enum listed twice": _set("muscles", 0, "gait_phases", to=["mid_stance", "mid_stance"]),
    "a dangling source reference": _set("exercises", 0, "sources", to=["no-such-source"]),
    "a dangling muscle reference": _set(
        "exercises", 0, "targets", to=[{"muscle": "no-such-muscle", "role": "primary"}]
    ),
    "a dangling injury reference": _set("exercises", 0, "contraindications", to=["shin-splints"]),
    "a dangling part_of": _set("muscles", 3, "part_of", to="no-such-muscle"),
    "a part_of cycle": _cycle,
    "a muscle part of itself": lambda p: p["muscles"][3].update(part_of=p["muscles"][3]["id"]),
    "an id used twice": _same_as_first("muscles", "id", lambda i: i),
    "a name used twice, in another case": _same_as_first("exercises", "name", str.upper),
    "a name that is another's alias": lambda p: p["exercises"][1].update(
        name=p["exercises"][0]["aliases"][0].replace(" ", "-")
    ),
    "a name with no letter or digit": _set("exercises", 0, "name", to="- -"),
    "a dangling easier": _set("exercises", 0, "easier", to=["no-such-exercise"]),
    "an exercise its own variation": lambda p: p["exercises"][0].update(
        harder=[p["exercises"][0]["id"]]
    ),
    "a cycle of variations": _variation_cycle,
    "a dose with reps_min over reps_max": _dose(reps_min=12, reps_max=8),
    "a dose with a bool for sets": _dose(sets=False),
    "a finding naming no exercise": _finding_exercise,
    "a record that is not an object": lambda p: p["sources"].append("source-x"),  # type: ignore[arg-type]
}

#: The field runtone's DataError names for each: the start of it (``steps`` for ``steps[0]``).
FIELDS: dict[str, str | None] = {
    "a bool where a whole number is": "year",
    "a whole number as a string": "year",
    "a whole number as 2001.0": "year",
    "a number out of its range": "year",
    "a string where a bool is": "unilateral",
    "a whole number where a bool is": "unilateral",
    "an unknown field": "colour",
    "a missing required field": "level",
    "a bad id": "id",
    "an id of 81 characters": "id",
    "a bad id in part_of": "part_of",
    "an empty string": "purpose",
    "white space only": "purpose",
    "leading white space": "name",
    "trailing white space": "location",
    "a control character": "name",
    "a newline": "steps",
    "an unknown enum value": "level",
    "an enum value of the wrong type": "level",
    "a string where a list is": "steps",
    "an empty list that must have items": "steps",
    "an item listed twice": "aliases",
    "an enum listed twice": "gait_phases",
    "a dangling source reference": "sources",
    "a dangling muscle reference": "targets",
    "a dangling injury reference": "contraindications",
    "a dangling part_of": "part_of",
    "a part_of cycle": "part_of",
    "a muscle part of itself": "part_of",
    "an id used twice": "id",
    "a name used twice, in another case": "name",
    "a name that is another's alias": "name",
    "a name with no letter or digit": "name",
    "a dangling easier": "easier",
    "an exercise its own variation": "harder",
    "a cycle of variations": "harder",
    "a dose with reps_min over reps_max": "doses",
    "a dose with a bool for sets": "doses",
    "a finding naming no exercise": "findings",
    "a record that is not an object": None,
}


def test_every_broken_record_names_its_field() -> None:
    assert set(FIELDS) == set(BROKEN)


@pytest.mark.parametrize("broken", BROKEN)
def test_each_broken_record_is_broken_where_it_says(broken: str) -> None:
    pack = copy.deepcopy(_pack())
    assert _runtone_accepts(pack)
    BROKEN[broken](pack)
    error = _runtone_error(pack)
    assert error is not None, broken
    expected = FIELDS[broken]
    if expected is None:
        assert error.field is None, error
    else:
        assert error.field is not None, error
        assert re.match(rf"{re.escape(expected)}\b", error.field), error


@pytest.mark.parametrize("broken", BROKEN)
@pytest.mark.parametrize("name", RIVALS)
def test_a_rival_rejects_what_runtone_rejects(name: str, broken: str) -> None:
    pack = copy.deepcopy(_pack())
    assert _rival_accepts(name, pack)
    BROKEN[broken](pack)
    assert not _rival_accepts(name, pack), broken


_texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=6) | st.sampled_from(
    ["ok", " ok", "ok ", "\u3000ok", "o\u00a0k", "o\x1fk", "o\u2066k", "o\u200dk", "ok\u0085"]
)


@settings(max_examples=examples(1))
@given(value=_texts)
def test_a_rival_takes_the_same_texts_as_runtone(value: str) -> None:
    pack = _pack(2, 1, 1)
    pack["muscles"][0]["location"] = value
    expected = _runtone_accepts(pack)
    assert {name: _rival_accepts(name, pack) for name in RIVALS} == dict.fromkeys(RIVALS, expected)


@settings(max_examples=examples(1))
@given(value=_texts | st.text(st.sampled_from("ab-09Z_ "), max_size=90))
def test_a_rival_takes_the_same_ids_as_runtone(value: str) -> None:
    pack = _pack(2, 1, 1)
    pack["exercises"][1]["id"] = value
    expected = _runtone_accepts(pack)
    assert {name: _rival_accepts(name, pack) for name in RIVALS} == dict.fromkeys(RIVALS, expected)


_json = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=4)
    | st.lists(st.integers(1790, 2110), max_size=2)
)


@settings(max_examples=examples(1))
@given(year=_json | st.integers(1795, 2105), sets=_json | st.integers(-2, 102))
def test_a_rival_takes_the_same_numbers_as_runtone(year: object, sets: object) -> None:
    pack = _pack(2, 1, 1)
    pack["sources"][0]["year"] = year
    _dose(sets=sets)(pack)
    expected = _runtone_accepts(pack)
    assert {name: _rival_accepts(name, pack) for name in RIVALS} == dict.fromkeys(RIVALS, expected)


def _list_fields(cls: type) -> set[str]:
    return {
        field.name
        for field in attrs.fields(cls)
        if typing.get_origin(field.type) in {tuple, frozenset}
    }


def test_the_rivals_copies_of_runtones_rules_are_runtones() -> None:
    # The id pattern, the control characters and the lists that must have items are
    # spelt out in rivals.py: they must be the loader's own.
    assert _loader._ID.pattern == rivals.ID_PATTERN + r"\Z"
    assert rivals.MAX_ID == _loader._MAX_ID
    assert _loader._CONTROL.pattern == f"[{rivals.CONTROL}]"
    assert rivals.NONEMPTY == _loader._NONEMPTY
    # check() looks for an item listed twice in every list field of every class it reads.
    for cls, names in rivals.LISTS.items():
        assert set(names) == _list_fields(cls), cls
    classes = {cls for _, cls in rivals.RECORDS}
    nested = {
        item
        for cls in [*classes, *rivals.LISTS]
        for field in attrs.fields(cls)
        for item in typing.get_args(field.type) or (field.type,)
        if isinstance(item, type) and attrs.has(item) and not hasattr(attrs.fields(item), "id")
    }
    assert nested <= set(rivals.LISTS)


def test_a_missing_rival_says_what_to_install() -> None:
    reason = rivals.missing("no_such_module_for_runtone")
    assert reason is not None
    assert re.search(r"does not import .*the bench extra installs", reason)
    assert rivals.missing("json") is None
