"""Broken or hostile packs are rejected in time and memory proportional to their size.

No test here times anything (speed is benchmarks/run.py's business).  Work is
counted instead: ids are a str subclass that counts how often it is hashed or
compared, so a check that searches a list at every step shows up as a count that
grows faster than the input.  Memory is compared with tracemalloc against
json.loads of the same bytes.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import textwrap
import tracemalloc
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, ClassVar

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runtone
from _support import examples, read_raw
from runtone import DataError, UnknownIdError, _loader, _packs, cli
from runtone._dataset import normalize
from runtone._wrap import wrap
from runtone.errors import shown

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

RAW = read_raw()


class Counted(str):
    """A str that counts every hash and comparison made of it (all instances together)."""

    __slots__ = ()
    operations: ClassVar[int] = 0

    def __hash__(self) -> int:
        Counted.operations += 1
        return str.__hash__(self)

    def __eq__(self, other: object) -> bool:
        Counted.operations += 1
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        Counted.operations += 1
        return str.__ne__(self, other)


def _counted(value: object) -> object:
    """``value`` (parsed JSON) with every string value a :class:`Counted`."""
    if isinstance(value, str):
        return Counted(value)
    if isinstance(value, list):
        return [_counted(item) for item in value]
    if isinstance(value, dict):
        return {key: _counted(item) for key, item in value.items()}
    return value


def _operations(run: Callable[[], object]) -> int:
    Counted.operations = 0
    with contextlib.suppress(DataError):
        run()
    return Counted.operations


def _grows_linearly(work: Callable[[int], int], n: int = 300) -> None:
    """Twice the input may cost about twice the work, not four or eight times."""
    small, large = work(n), work(2 * n)
    assert small > 0
    assert large <= 2.5 * small, (small, large)


def _muscle(ident: str, **changes: object) -> dict[str, object]:
    record = copy.deepcopy(RAW["muscles"][0])
    record.update(id=ident, name=ident.replace("-", " "), aliases=[], findings=[], problems=[])
    record["sources"] = [RAW["sources"][0]["id"]]
    record.update(changes)
    return record


def _chain(n: int) -> dict[str, list[dict[str, object]]]:
    """One source and ``n`` muscles, each part of the one before."""
    muscles = [
        _muscle(f"m-{i}", part_of=f"m-{i - 1}" if i else None, kind="muscle") for i in range(n)
    ]
    raw: dict[str, list[dict[str, object]]] = {c.name: [] for c in _loader.COLLECTIONS}
    raw.update(sources=[RAW["sources"][0]], muscles=muscles)
    return raw


# --- time: no check searches a list at every step ---------------------------------------


def test_a_part_of_chain_is_checked_in_linear_time() -> None:
    # It was cubic: each record's chain was walked, searching the chain at every step.
    def work(n: int) -> int:
        raw = _counted(_chain(n))
        assert isinstance(raw, dict)
        return _operations(lambda: _loader.build(raw))

    _grows_linearly(work)


def test_a_long_cycle_is_found_in_linear_time_and_shown_short() -> None:
    def work(n: int) -> int:
        raw = _chain(n)
        raw["muscles"][0]["part_of"] = f"m-{n - 1}"
        counted = _counted(raw)
        assert isinstance(counted, dict)
        return _operations(lambda: _loader.build(counted))

    _grows_linearly(work)
    raw = _chain(1000)
    raw["muscles"][0]["part_of"] = "m-999"
    with pytest.raises(DataError) as info:
        _loader.build(raw)
    assert info.value.field == "part_of"
    assert info.value.problem.startswith("cycle of 1000 records: m-0 -> m-999 -> m-998 -> ...")
    assert len(str(info.value)) < 200


def test_overrides_are_checked_in_linear_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It was quadratic: each id was looked for in the list of those before it.
    real = _loader.parse
    monkeypatch.setattr("runtone._packs.parse", lambda file, data: _counted(real(file, data)))

    def work(n: int) -> int:
        pack = tmp_path / f"pack-{n}"
        pack.mkdir()
        ids = [f"m-{i}" for i in range(n)]
        muscles = [_muscle(ident) for ident in ids]
        (pack / "muscles.json").write_text(json.dumps(muscles), "utf-8")
        (pack / "pack.json").write_text(json.dumps({"overrides": {"muscles": ids}}), "utf-8")
        return _operations(lambda: runtone.load(packs=[pack]))

    _grows_linearly(work)


def test_many_small_packs_cost_their_size_not_the_whole_each(tmp_path: Path) -> None:
    # Where each id is was worked out again, over every record, for every pack.
    def work(n: int) -> int:
        packs = []
        for i in range(n):
            pack = tmp_path / f"{n}-{i}"
            pack.mkdir()
            (pack / "muscles.json").write_text(json.dumps([_muscle(f"m-{i}")]), "utf-8")
            packs.append(pack)
        (packs[0] / "sources.json").write_text(json.dumps(RAW["sources"][:1]), "utf-8")
        calls = 0
        label = _loader._label

        def counting(raw: object, index: int) -> str:
            nonlocal calls
            calls += 1
            return label(raw, index)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_loader, "_label", counting)
            runtone.load(packs=packs, packaged=False)
        return calls

    _grows_linearly(work, 40)


# --- memory: a wrong shape costs no more than parsing it ---------------------------------


def _peak(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
    except DataError:
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


@pytest.mark.parametrize("item", ["1", "{}", '{"id": "a"}', "[]", '"x"'])
def test_a_file_of_wrong_records_costs_at_most_twice_its_parsing(tmp_path: Path, item: str) -> None:
    data = ("[" + ",".join([item] * 200_000) + "]").encode()
    (tmp_path / "exercises.json").write_bytes(data)
    floor = _peak(lambda: json.loads(data))
    with pytest.raises(DataError) as info:
        runtone.load(packs=[tmp_path], packaged=False)
    assert info.value.record in {"#0", "a"}
    load = _peak(lambda: runtone.load(packs=[tmp_path], packaged=False))
    assert load <= 2 * floor, (load, floor)
    check = _peak(lambda: _packs.check([tmp_path], packaged=False))
    assert check <= 2 * floor, (check, floor)


def test_a_million_bad_records_make_only_the_reported_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "exercises.json").write_text("[" + ",".join(["1"] * 100_000) + "]", "utf-8")
    made = 0
    real = DataError

    def counting(*args: str | None) -> DataError:
        nonlocal made
        made += 1
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_loader, "DataError", counting)
    report = _packs.check([tmp_path], packaged=False)
    assert report.dataset is None
    assert (len(report.errors), report.total, report.more) == (50, 100_000, 99_950)
    assert made == 50
    assert [e.record for e in report.errors[:2]] == ["#0", "#1"]


# --- validate: every problem, one reading -------------------------------------------------


def _broken_pack(directory: Path) -> Path:
    directory.mkdir()
    exercise = copy.deepcopy(next(e for e in RAW["exercises"] if e["id"] == "calf-raise"))
    exercises = []
    for i in range(60):
        record = copy.deepcopy(exercise)
        record.update(id=f"mine-{i}", name=f"Mine {i}", aliases=[])
        record["targets"] = [{"muscle": "calfs", "role": "primary"}]
        exercises.append(record)
    exercises.append({"id": "mine-broken", "name": "Broken"})  # missing fields
    muscle = _muscle("my-calf", part_of="nothing-here")
    (directory / "exercises.json").write_text(json.dumps(exercises), "utf-8")
    (directory / "muscles.json").write_text(json.dumps([muscle]), "utf-8")
    return directory


def test_check_reports_every_problem_up_to_a_limit(tmp_path: Path) -> None:
    pack = _broken_pack(tmp_path / "pack")
    with pytest.raises(DataError) as first:
        runtone.load(packs=[pack])
    report = _packs.check([pack], limit=10)
    assert report.dataset is None
    assert str(report.errors[0]) == str(first.value)  # load() raises the first of them
    assert (report.total, len(report.errors), report.more) == (62, 10, 52)
    everything = _packs.check([pack], limit=1000)
    fields = {(e.record, e.field) for e in everything.errors}
    assert ("my-calf", "part_of") in fields
    assert ("mine-broken", "kind") in fields
    assert all((f"mine-{i}", "targets[0].muscle") in fields for i in range(60))
    assert everything.total == len(everything.errors) == 62
    with pytest.raises(ValueError, match="limit"):
        _packs.check([pack], limit=0)


def test_a_broken_record_does_not_make_those_citing_it_fail(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    source = dict(RAW["sources"][0], id="my-source", year="1999")  # a wrong type
    muscle = _muscle("my-muscle", sources=["my-source"])
    (pack / "sources.json").write_text(json.dumps([source]), "utf-8")
    (pack / "muscles.json").write_text(json.dumps([muscle]), "utf-8")
    report = _packs.check([pack])
    assert [(e.record, e.field) for e in report.errors] == [("my-source", "year")]


def test_validate_prints_every_problem_and_json_lists_them(tmp_path: Path) -> None:
    pack = _broken_pack(tmp_path / "pack")
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["validate", str(pack)], out=out, err=err) == 1
    lines = err.getvalue().splitlines()
    assert out.getvalue() == ""
    assert len(lines) == 51
    assert all(line.startswith("runtone: invalid data: ") for line in lines[:50])
    assert lines[50] == "runtone: and 12 more problems not shown"
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["validate", str(pack), "--json"], out=out, err=err) == 1
    report = json.loads(err.getvalue())
    assert report["error"] == "invalid_data"
    assert (len(report["errors"]), report["more"]) == (50, 12)
    assert report["errors"][0]["file"] == report["file"] == f"{pack}/muscles.json"
    assert report["errors"][0]["message"] == report["message"].removeprefix("invalid data: ")


def test_validate_reads_each_pack_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    exercise = copy.deepcopy(next(e for e in RAW["exercises"] if e["id"] == "squat"))
    exercise["cautions"] = ["Our own caution."]
    (pack / "exercises.json").write_text(json.dumps([exercise]), "utf-8")
    (pack / "pack.json").write_text(json.dumps({"overrides": {"exercises": ["squat"]}}), "utf-8")
    reads: list[str] = []
    real = type(pack).read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self.name)
        return real(self)

    monkeypatch.setattr(type(pack), "read_bytes", counting)
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["validate", str(pack), "--json"], out=out, err=err) == 0, err.getvalue()
    assert sorted(reads) == ["exercises.json", "pack.json"]
    assert json.loads(out.getvalue())["collections"]["exercises"]["replaced"] == 1


# --- keys and text: nothing that cannot be looked up or shown ------------------------------


@pytest.mark.parametrize("alias", ["-", "- _ -", "_", " - "])
def test_a_key_with_no_letter_or_digit_is_a_data_error(tmp_path: Path, alias: str) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    muscle = _muscle("my-muscle", aliases=["mine", alias.strip() or alias])
    (pack / "muscles.json").write_text(json.dumps([muscle]), "utf-8")
    with pytest.raises(DataError) as info:
        runtone.load(packs=[pack])
    assert (info.value.record, info.value.field) == ("my-muscle", "aliases[1]"), str(info.value)


def test_a_name_with_no_letter_or_digit_is_a_data_error(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "muscles.json").write_text(json.dumps([_muscle("my-muscle", name="--")]), "utf-8")
    with pytest.raises(DataError) as info:
        runtone.load(packs=[pack])
    assert (info.value.record, info.value.field) == ("my-muscle", "name")
    assert "no letter or digit" in info.value.problem


@pytest.mark.parametrize("key", ["", "   ", "-", "- _ -", "\t"])
def test_blank_lookups_are_errors(key: str) -> None:
    ds = runtone.load()
    for lookup in (ds.muscle, ds.get_muscle, ds.exercise, ds.get_source):
        with pytest.raises(UnknownIdError) as info:
            lookup(key)
        assert (info.value.key, info.value.field) == (key, "key")
    with pytest.raises(UnknownIdError) as named:
        ds.find_exercises(muscle=key)
    assert named.value.field == "muscle"


#: Every control character the loader rejects, and one of each kind around them.
CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))] + ["\ufffe", "\uffff"]
#: The invisible format controls it rejects too: they reorder or hide text on a screen.
FORMATS = ["\u200b", "\u200e", "\u200f", "\u2028", "\u2029", "\ufeff"] + [
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A))
]


@pytest.mark.parametrize(
    "char", ["\x1b", "\x00", "\n", "\t", "\x7f", "\x85", "\x9b", "\ufffe", "\u200b", "\u202e"]
)
@pytest.mark.parametrize(("field", "make"), [("name", str), ("location", str)])
def test_control_characters_are_rejected_in_text(
    tmp_path: Path, char: str, field: str, make: Callable[[str], str]
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    muscle = _muscle("my-muscle", **{field: make(f"Red{char}[31m muscle")})
    (pack / "muscles.json").write_text(json.dumps([muscle]), "utf-8")
    with pytest.raises(DataError) as info:
        runtone.load(packs=[pack])
    assert (info.value.record, info.value.field) == ("my-muscle", field)
    assert "control character" in info.value.problem
    assert char not in str(info.value)  # the message shows it escaped


def test_the_packaged_data_holds_no_control_character() -> None:
    text = json.dumps(RAW, ensure_ascii=False)
    assert not any(c in text for c in CONTROLS + FORMATS)


@pytest.mark.parametrize("char", CONTROLS + FORMATS, ids=lambda c: f"U+{ord(c):04X}")
def test_the_loader_and_the_schemas_reject_the_same_characters(char: str) -> None:
    from runtone._schema import schemas  # noqa: PLC0415

    assert _loader._CONTROL.search(f"a{char}b") is not None
    defs = schemas()["muscles.schema.json"]["$defs"]
    assert isinstance(defs, dict)
    text_schema = defs["Muscle"]["properties"]["name"]
    jsonschema.validate("a b", text_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(f"a{char}b", text_schema)


@pytest.mark.parametrize("char", ["\u200c", "\u200d", "\u00e9", "\u00ad"])
def test_joiners_and_letters_other_languages_need_are_allowed(char: str) -> None:
    assert _loader._CONTROL.search(f"a{char}b") is None


_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30)


@settings(max_examples=examples(0.5), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_TEXT, location=_TEXT, title=_TEXT)
def test_every_svg_of_a_fuzzed_pack_is_xml(
    tmp_path: Path, name: str, location: str, title: str
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    muscle = _muscle("fuzzed-muscle", name=name, location=location, part_of="calves")
    exercise = copy.deepcopy(next(e for e in RAW["exercises"] if e["id"] == "calf-raise"))
    exercise.update(id="fuzzed-move", name=title, aliases=[])
    exercise["targets"] = [{"muscle": "fuzzed-muscle", "role": "primary"}]
    (pack / "muscles.json").write_text(json.dumps([muscle]), "utf-8")
    (pack / "exercises.json").write_text(json.dumps([exercise]), "utf-8")
    try:
        ds = runtone.load(packs=[pack])
    except DataError as exc:
        rejected: DataError | None = exc
    else:
        rejected = None
    if rejected is not None:  # a control character, or a name with no letter or digit
        assert rejected.record in {"fuzzed-muscle", "fuzzed-move"}, str(rejected)
        return
    svgs = [
        runtone.diagram(ds.exercise("fuzzed-move"), dataset=ds),
        runtone.diagram({"fuzzed-muscle": 0.5}, dataset=ds),
    ]
    try:
        svgs.append(runtone.diagram(ds.exercise("fuzzed-move"), dataset=ds, title=title))
    except ValueError:
        assert not title.strip() or _loader._CONTROL.search(title)
    for svg in svgs:
        ET.fromstring(svg)  # noqa: S314 - our own output


# --- numbers: every one has a documented range --------------------------------------------


@pytest.mark.parametrize(
    ("collection", "path", "value", "ok"),
    [
        ("sources", ("year",), 10**300, False),
        ("sources", ("year",), 1799, False),
        ("sources", ("year",), 1800, True),
        ("sources", ("year",), 2100, True),
        ("sources", ("year",), 2101, False),
        ("recommendations", ("dosage", "minutes"), 10**18, False),
        ("recommendations", ("dosage", "minutes"), 0, False),
        ("recommendations", ("dosage", "minutes"), 1440, True),
        ("recommendations", ("dosage", "sets"), 101, False),
        ("recommendations", ("dosage", "sets"), 100, True),
        ("recommendations", ("dosage", "days_per_week_max"), 8, False),
    ],
)
def test_numbers_are_checked_against_their_range(
    collection: str, path: tuple[str, ...], value: int, ok: bool
) -> None:
    raw = copy.deepcopy(RAW)
    record: dict[str, object] = raw[collection][0]
    target = record
    for step in path[:-1]:
        inner = target[step]
        assert isinstance(inner, dict)
        target = inner
    target[path[-1]] = value
    if path[-1] == "days_per_week_max":
        target["days_per_week_min"] = None
    if ok:
        _loader.build(raw)
        return
    with pytest.raises(DataError) as info:
        _loader.build(raw)
    assert info.value.field == ".".join(path)
    assert info.value.problem.startswith("must be from ")
    assert len(str(info.value)) < 200


def test_every_number_in_the_schemas_has_a_range() -> None:
    from runtone._schema import schemas  # noqa: PLC0415

    def integers(node: object, where: str) -> list[tuple[str, dict[str, object]]]:
        if isinstance(node, dict):
            found = [(where, node)] if node.get("type") == "integer" else []
            return found + [i for k, value in node.items() for i in integers(value, f"{where}/{k}")]
        if isinstance(node, list):
            return [i for n, value in enumerate(node) for i in integers(value, f"{where}/{n}")]
        return []

    found = [i for name, schema in schemas().items() for i in integers(schema, name)]
    assert len(found) > 10
    # Every whole number has both bounds, but a suggestion's score, which grows with the
    # profile (and which no pack gives: it is an output, not data).
    open_ended = [where for where, i in found if not ("minimum" in i and "maximum" in i)]
    assert all(where.endswith("/Suggestion/properties/score") for where in open_ended), open_ended
    assert all("minimum" in i for _, i in found)


# --- messages: each quotes at most the start of what it is about ---------------------------


def test_a_huge_unknown_key_makes_a_short_message() -> None:
    key = "x" * 10_000_000
    with pytest.raises(UnknownIdError) as info:
        runtone.muscle(key)
    assert info.value.key is key
    assert len(str(info.value)) < 200
    assert info.value.suggestions == ()


def test_a_huge_unknown_field_makes_a_short_message(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "muscles.json").write_text(json.dumps([_muscle("mine", **{"y" * 10**6: 1})]), "utf-8")
    (pack / "pack.json").write_text(json.dumps({"z" * 10**6: 1}), "utf-8")
    report = _packs.check([pack])
    assert report.total == 1  # the manifest's key; the records are not read
    assert all(len(str(e)) < 300 for e in report.errors)
    (pack / "pack.json").unlink()
    with pytest.raises(DataError) as info:
        runtone.load(packs=[pack])
    assert len(str(info.value)) < 500  # the path, the record, the field's start, the allowed
    assert info.value.field == "y" * 10**6


def test_shown_is_bounded_whatever_the_value() -> None:
    huge = "x" * 10_000_000
    values: list[object] = [huge, [huge] * 1000, {huge: huge}, (1,) * 10**6, 10**4000]
    for value in values:
        tracemalloc.start()
        text = shown(value, 60)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(text) <= 60
        assert peak < 100_000, (type(value), peak)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(value=json_values, width=st.integers(0, 120))
def test_shown_is_the_start_of_repr(value: object, width: int) -> None:
    text = shown(value, width)
    full = repr(value)
    assert len(text) <= width
    if len(full) <= width or not _holds_str(value):
        assert text == full[:width]
    else:  # a cut string may get the other quote: the rest must still agree
        assert len(text) == width


def _holds_str(value: object) -> bool:
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        return any(_holds_str(k) or _holds_str(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_holds_str(v) for v in value)
    return False


def test_normalize_is_what_the_empty_key_check_uses() -> None:
    assert normalize("- _ -") == ""
    assert normalize("x-") == "x"


# --- titles: wrapped in one pass -------------------------------------------------------------

_WORDS = st.lists(st.text("ab-", min_size=1, max_size=12), max_size=12)


@given(words=_WORDS, width=st.integers(1, 15))
def test_wrap_breaks_lines_as_textwrap_does(words: list[str], width: int) -> None:
    text = " ".join(words)
    expected = textwrap.wrap(text, width, break_on_hyphens=False)
    # textwrap may leave a space at the end of a line it broke a long word after.
    assert wrap(text, width) == [line.rstrip() for line in expected]


@given(text=st.text(max_size=200), width=st.integers(1, 60))
def test_wrap_keeps_every_character_in_lines_that_fit(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(0 < len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_a_title_of_one_huge_word_is_wrapped_into_full_lines() -> None:
    title = "x" * 1_000_003
    svg = runtone.diagram(runtone.exercise("squat"), title=title)
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    texts = root.iter("{http://www.w3.org/2000/svg}text")
    lines = [e.text for e in texts if e.get("font-size") == "18" and e.text]  # title lines
    assert "".join(lines) == title
    assert {len(line) for line in lines[:-1]} == {58}
