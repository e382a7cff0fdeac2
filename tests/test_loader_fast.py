"""The loader's fast path: it accepts only what the converters accept, and builds the same.

Each record is first checked and built by one function for its class (the fast path),
which gives up on anything it is not sure of; the converters then check it again and
say what is wrong.  These tests hold the fast path to that: on data broken one way
at a time, wherever the converters refuse a record the fast path refuses it too, and
wherever it builds one, the record is the converters' own.  And runtime facts the
fast path stands on are checked here over every character and arbitrary text.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runtone
from _mutations import NAMES, Base, Broken, broken, closed_subset
from _support import examples
from runtone import DataError, _loader, _packs
from runtone._dataset import normalize, record_keys

if TYPE_CHECKING:
    from pathlib import Path

    from runtone._export import JSONValue

CACHED = runtone.load()
#: The packaged data's records as JSON, by collection.
_RAW = cast("dict[str, list[dict[str, JSONValue]]]", runtone.export())
_CLASSES = {c.name: c.record for c in _loader.COLLECTIONS}
#: Every record of the packaged data by id, collection by collection (what references
#: are looked up in).
_REGISTRY: dict[str, dict[str, object]] = {
    name: {r.id: r for r in getattr(CACHED, name)} for name in NAMES
}
SMALL = Base(
    closed_subset(
        {name: list(_RAW[name]) for name in NAMES},
        {
            "sources": ["vannatta-2015", "rio-2019", "running-emg-profiles-2007"],
            "muscles": ["calves", "gastrocnemius", "soleus"],
            "injuries": ["shin-splints"],
            "exercises": ["calf-raise", "spanish-squat"],
            "strike_patterns": ["rearfoot-strike", "forefoot-strike"],
            "stride_effects": ["uphill"],
            "claims": ["forefoot-works-quadriceps"],
            "recommendations": ["add-calf-raises"],
            "terms": [str(_RAW["terms"][0]["id"])],
            "training_rules": ["race-taper"],
        },
    )
)


def _tables(names: tuple[str, ...]) -> dict[str, object]:
    found: dict[str, object] = {}
    for name in reversed(names):
        found.update(_REGISTRY[name])
    return found


def _both(cls: type, raw: object, *, plain: bool) -> tuple[object, object]:
    """What the converters make of ``raw`` (a record or the problem), and the fast path."""
    try:
        slow: object = _loader._build(cls, raw, _REGISTRY)
    except _loader._InvalidError as exc:
        slow = exc
    fast_build = _loader._fast(cls, _tables, {}, plain=plain)
    assert fast_build is not None, f"{cls.__name__} has no fast path"
    try:
        fast: object = fast_build(raw)
    except Exception as exc:  # noqa: BLE001 - any exception is the fast path giving up
        fast = exc
    return slow, fast


def _is_plain(value: object) -> bool:
    """Whether ``value`` would have been read from plain text (see _loader.plain)."""
    return _loader.plain(json.dumps(value, ensure_ascii=False).encode())


@settings(
    max_examples=examples(1),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(broken(SMALL))
def test_the_fast_path_refuses_what_the_converters_refuse_and_builds_the_same(
    change: Broken,
) -> None:
    if change.splices or change.byte_break is not None:
        # Raw JSON spliced in after dumping (a NaN, a duplicate key): parse() refuses it.
        return
    for name in NAMES:
        records: object = change.data[name]
        if not isinstance(records, list):  # the file's problem, not a record's
            continue
        for raw in records:
            for plain in {False, _is_plain(raw)}:
                slow, fast = _both(_CLASSES[name], raw, plain=plain)
                if isinstance(slow, _loader._InvalidError):
                    assert isinstance(fast, Exception), (change, name, slow.problem)
                elif not isinstance(fast, Exception):
                    assert type(fast) is type(slow)
                    assert fast == slow, (change, name)


#: Wrong values of each JSON type, and some right ones (what the converters say decides).
_STRINGS = ["", " ", " x", "x ", "x\ty", "a\x00b", "a\x85b", "a\u200bb", "a\u2028b", "x\u00a0"]
_STRINGS += ["a" * 81, "a--b", "-a", "A", "UPPER", "x_y", "not-there", "primary", "percent"]
_OTHERS: list[JSONValue] = [None, True, False, 0, 1, -1, 1.5, 10**9, [], {}, ["x"], {"x": 1}]


def _variants(value: JSONValue) -> list[JSONValue]:
    """Values to put in place of ``value``: wrong ones of every kind, and near ones."""
    found: list[JSONValue] = [*_STRINGS, *_OTHERS]
    if isinstance(value, str):
        found += [value + " ", value.upper(), value + "\x7f", value[:-1], value + "-x"]
    elif isinstance(value, list) and value:
        found += [value + value[:1], value[1:], [value[0], None], [*value, value[0]][::-1]]
        found += [[s, *value[1:]] for s in _STRINGS]
    elif isinstance(value, dict):
        found += [{k: v for k, v in value.items() if k != key} for key in value]
        found.append({**value, "unknown": 1})
    return found


def _places(value: JSONValue, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every place inside a record's JSON, outermost first."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _places(item, (*path, i))
    return found


def _replaced(value: JSONValue, path: tuple[str | int, ...], new: JSONValue) -> JSONValue:
    copied = json.loads(json.dumps(value))
    holder = copied
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = new
    return copied  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", NAMES)
def test_every_place_of_every_record_changed_gets_the_converters_answer(name: str) -> None:
    # Every place of each record of the small data, set to each wrong value of every
    # kind in turn (and a few near ones): where the converters refuse, so does the
    # fast path; where it builds, it builds theirs.
    checked = 0
    for raw in SMALL.data[name]:
        for path in _places(raw):
            at: JSONValue = raw
            for step in path:
                at = at[step]  # type: ignore[index]
            for new in _variants(at):
                changed = _replaced(raw, path, new)
                for plain in {False, _is_plain(changed)}:
                    slow, fast = _both(_CLASSES[name], changed, plain=plain)
                    if isinstance(slow, _loader._InvalidError):
                        assert isinstance(fast, Exception), (path, new, slow.problem)
                    elif not isinstance(fast, Exception):
                        assert type(fast) is type(slow)
                        assert fast == slow, (path, new)
                    checked += 1
    assert checked > 100


def test_every_packaged_record_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    slow: list[object] = []
    real = _loader._attempt

    def counting(cls: type, raw: object, registry: _loader.Registry) -> object:
        slow.append(raw)
        return real(cls, raw, registry)

    monkeypatch.setattr(_loader, "_attempt", counting)
    assert _loader.load_from(_loader.packaged_root()) == CACHED
    assert slow == []


def test_a_plain_pack_takes_the_fast_path_and_loads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ASCII data without escapes: the fast path skips looking for control characters.
    pack = tmp_path / "pack"
    pack.mkdir()
    ascii_records = {  # sources refer to no other record
        "sources": [r for r in _RAW["sources"] if _is_plain(r)]
    }
    assert all(ascii_records.values())
    for name, records in ascii_records.items():
        data = json.dumps(records, indent=2).encode()
        assert _loader.plain(data)
        (pack / f"{name}.json").write_bytes(data)
    slow: list[object] = []
    real = _loader._attempt

    def counting(cls: type, raw: object, registry: _loader.Registry) -> object:
        slow.append(raw)
        return real(cls, raw, registry)

    monkeypatch.setattr(_loader, "_attempt", counting)
    loaded = runtone.load(packs=[pack], packaged=False)
    assert slow == []
    assert loaded.sources == tuple(CACHED.source(str(r["id"])) for r in ascii_records["sources"])


@pytest.mark.parametrize(
    "value",
    [
        ("steps", ()),  # a tuple is not a JSON array, even an empty one
        ("steps", ("Stand tall.",)),
        ("name", type("Text", (str,), {})("Calf raise")),  # a str subclass: converted
        ("unilateral", 1),
        ("equipment", ["none", "none"]),
        ("aliases", None),
        ("summary", None),
        ("doses", []),
        ("easier", ["calf-raise"]),  # itself
        ("targets", [{"muscle": "calves", "role": "primary"}] * 2),
        ("targets", [{"muscle": "calves", "role": "primary", "x": 1}]),
    ],
)
def test_edge_values_get_the_converters_answer(value: tuple[str, object]) -> None:
    field, new = value
    raw: dict[str, object] = dict(next(r for r in _RAW["exercises"] if r["id"] == "calf-raise"))
    raw[field] = new
    slow, fast = _both(runtone.Exercise, raw, plain=False)
    if isinstance(slow, _loader._InvalidError):
        assert isinstance(fast, Exception)
    elif not isinstance(fast, Exception):
        assert fast == slow


def test_every_class_of_the_data_has_a_fast_path() -> None:
    for cls in _CLASSES.values():
        assert _loader._plan(cls) is not None, cls
    # And so has every class held in them (a class's plan needs its values' plans).
    planned = {cls for cls, plan in _loader._PLANS.items() if plan is not None}
    assert set(_loader._CHECKS) <= planned
    assert all(attrs.has(cls) for cls in planned)


# --- the facts the fast path stands on -------------------------------------------------


def test_a_printable_character_is_no_control_and_the_only_printable_space_is_a_space() -> None:
    # The fast path checks text with str.isprintable() instead of _CONTROL, and
    # str.strip() for outer white space: every character of every Unicode block.
    printable = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isprintable())
    assert _loader._CONTROL.search(printable) is None
    assert [c for c in printable if c.isspace()] == [" "]


@settings(max_examples=examples(2), deadline=None)
@given(st.lists(st.text()))
def test_text_is_plain_only_when_no_string_in_it_holds_a_control_character(
    values: list[str],
) -> None:
    for ensure_ascii in (False, True):
        data = json.dumps(values, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")
        if _loader.plain(data):
            assert all(_loader._CONTROL.search(v) is None for v in json.loads(data))


def test_ascii_without_escapes_is_plain() -> None:
    assert _loader.plain(b'[{"id": "a", "name": "A b"}]\n')
    assert not _loader.plain(b'["a\\nb"]')
    assert not _loader.plain(b'["a\x7fb"]')
    assert not _loader.plain('["\u00e9"]'.encode())


_KEY_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\0"))


@settings(max_examples=examples(2), deadline=None)
@given(st.lists(_KEY_TEXT))
def test_keys_normalized_together_are_keys_normalized_one_by_one(keys: list[str]) -> None:
    assert _loader._normalized(keys) == [normalize(key) for key in keys]


@pytest.mark.parametrize(
    "key", ["Gluteus  Medius", "ß-straße", "İstanbul", "ΟΔΟΣ", " - ", "x\u00a0y"]
)
def test_unusual_keys_normalize_the_same_together(key: str) -> None:
    assert _loader._normalized([key, key.upper(), "a"]) == [
        normalize(key),
        normalize(key.upper()),
        "a",
    ]


def test_the_keys_of_every_record_are_those_record_keys_gives() -> None:
    for name in NAMES:
        for record in getattr(CACHED, name):
            keys_of = _loader._key_getter(type(record))
            assert keys_of(record) == tuple(key for _, key in record_keys(record))


def test_a_key_problem_is_still_found_before_a_later_records_problem(tmp_path: Path) -> None:
    # Keys are checked many records at a time: the first problem is still the first.
    muscle = dict(_RAW["muscles"][0])
    first = dict(muscle, id="m-1", name="Same name", aliases=[], part_of=None)
    second = dict(muscle, id="m-2", name="Same name", aliases=[], part_of=None)
    third = dict(muscle, id="m-3", name="Other", aliases=[], part_of=None, kind="bone")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "muscles.json").write_text(json.dumps([first, second, third]), "utf-8")
    with pytest.raises(DataError) as info:
        runtone.load(packs=[pack])
    assert (info.value.record, info.value.field) == ("m-2", "name")
    report = _packs.check([pack])
    assert [(e.record, e.field) for e in report.errors] == [("m-2", "name"), ("m-3", "kind")]
