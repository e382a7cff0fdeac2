"""The packaged data's fast path builds what full validation builds, and only for its bytes.

The packaged files are fingerprinted (``data/checked.json``) once they pass validation;
bytes with those fingerprints are built without checking them again, each collection
when first asked for.  Anything else gets the full validation of ``build()``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs
import pytest

from _support import DATA, fields_of
from runtone import DataError, Source, _loader, _schema

if TYPE_CHECKING:
    from runtone._dataset import Dataset

NAMES = [c.name for c in _loader.COLLECTIONS]


def _validated() -> Dataset:
    return _loader.build(_loader.read_packaged())


def _fast() -> Dataset:
    dataset = _loader.load_packaged()
    assert isinstance(dataset._collections_by_name, _loader._OnDemand), (
        "the fast path was not taken"
    )
    return dataset


def _records(value: object) -> Iterator[object]:
    """Every attrs object reachable from ``value``."""
    if attrs.has(type(value)):
        yield value
        for field in fields_of(value):
            yield from _records(getattr(value, field.name))
    elif isinstance(value, (tuple, frozenset)):
        for item in value:
            yield from _records(item)


def test_the_fingerprints_are_up_to_date() -> None:
    shipped = (DATA / _loader.CHECKED).read_text("utf-8")
    assert shipped == _schema.checked(DATA), "run: python -m runtone._schema"


def test_the_fast_path_builds_what_validation_builds() -> None:
    fast, validated = _fast(), _validated()
    assert fast == validated
    for name in NAMES:
        for mine, theirs in zip(getattr(fast, name), getattr(validated, name)):
            # Equal is not enough (True == 1): the same types and values all
            # the way down.
            assert [type(r) for r in _records(mine)] == [type(r) for r in _records(theirs)]
            assert _shape(mine) == _shape(theirs)


@pytest.mark.parametrize("first", NAMES)
def test_any_order_of_first_use_gives_one_record_per_id(first: str) -> None:
    # Start with each collection in turn, then take the rest from the last to the first.
    order = [first, *reversed(NAMES)]
    fast = _fast()
    for name in order:
        getattr(fast, name)
    by_id = {(type(r), r.id): r for name in NAMES for r in getattr(fast, name)}
    references = 0
    for name in NAMES:
        for record in getattr(fast, name):
            for value in _records(record):
                if hasattr(value, "id") and value is not record:
                    assert by_id[(type(value), value.id)] is value
                    references += 1
    assert references > 500


def test_threads_racing_on_a_fresh_dataset_see_the_same_records() -> None:
    fast = _fast()
    start = threading.Barrier(16)
    seen: list[tuple[object, ...]] = []
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            start.wait()
            name = NAMES[-1 - i % len(NAMES)]
            seen.append((name, getattr(fast, name), fast.muscle("quads")))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for name, records, quads in seen:
        assert records is getattr(fast, str(name))
        assert quads is fast.muscle("quadriceps")


def _edited(monkeypatch: pytest.MonkeyPatch, file: str, edit: bytes) -> None:
    blobs, checked = _loader._packaged_bytes()
    real = dict(blobs)

    def edited() -> tuple[dict[str, bytes], bytes | None]:
        return {**real, file: edit}, checked

    monkeypatch.setattr(_loader, "_packaged_bytes", edited)


def test_edited_data_get_full_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (DATA / "muscles.json").read_bytes()
    broken = text.replace(b'"region": "lower_leg"', b'"region": "elbow"', 1)
    assert broken != text
    _edited(monkeypatch, "muscles.json", broken)
    with pytest.raises(DataError, match=r"^muscles\.json: record '[a-z-]+': field 'region': "):
        _loader.load_packaged()


def test_a_harmless_edit_is_validated_and_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (DATA / "claims.json").read_bytes()
    _edited(monkeypatch, "claims.json", text + b"\n")
    dataset = _loader.load_packaged()
    assert not isinstance(dataset._collections_by_name, _loader._OnDemand)
    assert dataset == _validated()


@pytest.mark.parametrize("checked", [None, b"", b"{", b"[]", b'{"muscles.json": 3}'])
def test_missing_or_garbled_fingerprints_mean_full_validation(
    monkeypatch: pytest.MonkeyPatch, checked: bytes | None
) -> None:
    blobs, _ = _loader._packaged_bytes()
    monkeypatch.setattr(_loader, "_packaged_bytes", lambda: (blobs, checked))
    dataset = _loader.load_packaged()
    assert not isinstance(dataset._collections_by_name, _loader._OnDemand)
    assert dataset == _validated()


def test_data_not_on_disk_are_read_through_importlib_resources(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_loader, "_packaged_dir", lambda: None)
    assert _fast() == _validated()


def _shape(value: object) -> object:
    """``value``'s types and values all the way down, as nested tuples."""
    if attrs.has(type(value)):
        return (type(value), tuple(_shape(getattr(value, f.name)) for f in fields_of(value)))
    if isinstance(value, frozenset):
        return (frozenset, tuple(sorted((_shape(v) for v in value), key=repr)))
    if isinstance(value, (tuple, list)):
        return (type(value), tuple(_shape(v) for v in value))
    return (type(value), value)


def test_shape_tells_apart_what_equality_does_not() -> None:
    # The fast path once compared reprs for this; reprs are short now (tests/test_repr.py).
    source = _fast().sources[0]
    flag, one = attrs.evolve(source, year=True), attrs.evolve(source, year=1)
    assert flag == one
    assert _shape(flag) != _shape(one)


def test_a_first_lookup_makes_only_the_sources_it_cites() -> None:
    fast = _fast()
    quads = fast.muscle("quads")
    on_demand = fast._collections_by_name
    assert isinstance(on_demand, _loader._OnDemand)
    pending = on_demand._registry["sources"]
    assert isinstance(pending, _loader._Pending)
    cited = {source.id for muscle in fast.muscles for source in _sources_in(muscle)}
    assert set(pending) == cited, "the sources made are exactly the ones the muscles cite"
    assert len(cited) < len(pending.where)
    assert any(source.id in cited for source in quads.sources)
    # The whole collection, asked for later, holds the very records made so far.
    made = dict(pending)
    sources = {source.id: source for source in fast.sources}
    assert len(sources) == len(pending.where)
    assert all(sources[ident] is record for ident, record in made.items())


def test_once_every_collection_is_made_nothing_else_is_kept() -> None:
    fast = _fast()
    for name in reversed(NAMES):
        getattr(fast, name)
    on_demand = fast._collections_by_name
    assert isinstance(on_demand, _loader._OnDemand)
    assert on_demand._registry == {}
    assert on_demand._registry.blobs == {}


def test_a_collection_is_not_even_parsed_until_something_needs_it() -> None:
    fast = _fast()
    fast.strike_patterns  # noqa: B018 - made for what it refers to
    on_demand = fast._collections_by_name
    assert isinstance(on_demand, _loader._OnDemand)
    assert {"sources", "muscles", "strike_patterns"} <= set(on_demand._registry)
    assert "injuries" not in on_demand._registry
    assert "exercises" not in on_demand._registry


def _sources_in(value: object) -> Iterator[Source]:
    for record in _records(value):
        if isinstance(record, Source):
            yield record
