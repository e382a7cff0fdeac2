"""Fuzzed data: valid data broken one way at a time, loaded three ways.

Each example takes valid data, makes one change (see tests/_mutations.py) and
loads the result as a pack directory, as a single export-format pack file and as a
data directory.  A change that leaves the data valid must load and export as
predicted; any other must raise :class:`runtone.DataError` naming the file, the
record and the field it broke, and nothing else: no other exception, no Dataset
built (not even one thrown away), the cached packaged dataset untouched, and no
load running past a fixed bound.

Most examples break a small closed subset of the packaged data (a few records per
collection whose references all resolve, about 1 ms to load); fewer break the full
packaged data.  Run ten times as many with ``pytest --hypothesis-profile=deep``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Literal, Optional, cast, overload

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import runtone
from _mutations import (
    NAMES,
    SHAPES,
    VALID,
    Base,
    Broken,
    Expect,
    broken,
    closed_subset,
    dotted,
    dump,
    is_id,
    json_values,
    pick,
)
from _support import examples
from runtone import DataError, Dataset, _loader

if TYPE_CHECKING:
    from runtone._export import JSONValue

    #: Where an error must point: the file (``""`` for the pack file or manifest itself,
    #: ``"#muscles"`` or ``"/evil.json"`` after the pack's name), the record and the field.
    Where = tuple[str, Optional[str], Optional[str]]

    from runtone._resources import Traversable

CACHED = runtone.load()
_EXPORT = runtone.export()
FULL = Base({name: cast("list[JSONValue]", _EXPORT[name]) for name in NAMES})
SMALL = Base(
    closed_subset(
        FULL.data,
        {
            "sources": [
                "foot-strike-meta-analysis-2021",
                "vannatta-2015",
                "running-emg-profiles-2007",  # the calves' activity window
                "rio-2019",  # the Spanish squat's dose
            ],
            "muscles": ["calves", "gastrocnemius", "soleus", "quadriceps"],
            "injuries": ["shin-splints", "patellofemoral-pain"],
            "exercises": ["calf-raise", "squat", "spanish-squat"],
            "strike_patterns": ["rearfoot-strike", "forefoot-strike"],
            "stride_effects": ["uphill", "downhill"],
            "claims": ["forefoot-works-quadriceps"],
            "recommendations": ["change-foot-strike-only-with-reason", "add-calf-raises"],
            "terms": [str(cast("dict[str, object]", t)["id"]) for t in FULL.data["terms"][:2]],
            "training_rules": ["race-taper", "talk-test-easy-effort"],
        },
    )
)

#: No single load may take longer than this (one with a megabyte string takes ~20 ms).
_BOUND = 5.0


# --- loading a change three ways ------------------------------------------------------


class Tree:
    """An in-memory file or directory: an importlib.resources traversable, as a pack may be.

    Writing and removing real files costs milliseconds per example; the disk is
    exercised by the tests over the full data instead.
    """

    def __init__(self, where: str, content: bytes | dict[str, Tree] | None) -> None:
        self.where = where
        self.content = content

    def __str__(self) -> str:
        return self.where

    @property
    def name(self) -> str:
        return self.where.rsplit("/", 1)[-1]

    def is_dir(self) -> bool:
        return isinstance(self.content, dict)

    def is_file(self) -> bool:
        return isinstance(self.content, bytes)

    def iterdir(self) -> Iterator[Tree]:
        if not isinstance(self.content, dict):
            raise NotADirectoryError(self.where)
        return iter(list(self.content.values()))

    def joinpath(self, *descendants: str | os.PathLike[str]) -> Tree:
        node = self
        for part in descendants:
            name = os.fspath(part)
            children = node.content if isinstance(node.content, dict) else {}
            node = children.get(name) or Tree(f"{node.where}/{name}", None)
        return node

    def __truediv__(self, child: str | os.PathLike[str]) -> Tree:
        return self.joinpath(child)

    def read_bytes(self) -> bytes:
        if not isinstance(self.content, bytes):
            error = IsADirectoryError if isinstance(self.content, dict) else FileNotFoundError
            raise error(self.where)
        return self.content

    def read_text(self, encoding: str | None = None) -> str:
        return self.read_bytes().decode(encoding or "utf-8")

    @overload
    def open(
        self, mode: Literal["r"] = "r", *, encoding: str | None = None, errors: str | None = None
    ) -> IO[str]: ...

    @overload
    def open(self, mode: Literal["rb"]) -> IO[bytes]: ...

    def open(
        self, mode: str = "r", *, encoding: str | None = None, errors: str | None = None
    ) -> IO[str] | IO[bytes]:
        if mode == "rb":
            return io.BytesIO(self.read_bytes())
        return io.TextIOWrapper(io.BytesIO(self.read_bytes()), encoding, errors)


@attrs.frozen
class Mode:
    """One way to hand data to runtone, and the file names its errors use."""

    name: str
    #: Write the changed data where the mode reads it (in memory, or under a directory).
    write: Callable[[Broken, Path | None], Traversable]
    load: Callable[[Traversable], Dataset]
    #: The file an error about a collection names (a single-file pack: ``file#muscles``).
    logical: Callable[[Traversable, str], str]
    #: The file holding a collection's bytes.
    physical: Callable[[Traversable, str], str]


#: Each base collection as JSON bytes, by identity (a change copies only the list it edits).
_DUMPED: dict[int, tuple[object, bytes]] = {}


def _collection_bytes(broken: Broken, name: str) -> bytes:
    records = broken.data[name]
    cached = _DUMPED.get(id(records))
    if cached is not None and cached[0] is records:
        return cached[1]
    data = dump(records, broken.splices).encode("utf-8")
    if any(records is base.data[name] for base in (SMALL, FULL)):
        _DUMPED[id(records)] = (records, data)
    return data


def _files(broken: Broken) -> dict[str, bytes]:
    files = {f"{name}.json": _collection_bytes(broken, name) for name in NAMES}
    if broken.byte_break is not None:
        file = f"{broken.byte_collection}.json"
        files[file] = broken.byte_break.apply(files[file])
    return files


def _export_bytes(broken: Broken) -> bytes:
    """The export format, joined from the collections' JSON (as json.dumps would write it)."""
    head = json.dumps({"data_version": runtone.DATA_VERSION})[:-1].encode("utf-8")
    parts = [
        b'"%s": %s' % (name.encode("ascii"), _collection_bytes(broken, name)) for name in NAMES
    ]
    data = head + b", " + b", ".join(parts) + b"}"
    return data if broken.byte_break is None else broken.byte_break.apply(data)


def _directory(broken: Broken, disk: Path | None) -> Traversable:
    files = _files(broken)
    if disk is None:
        return Tree("memory/data", {n: Tree(f"memory/data/{n}", b) for n, b in files.items()})
    target = disk / "data"
    target.mkdir()
    for name, data in files.items():
        (target / name).write_bytes(data)
    return target


def _export_file(broken: Broken, disk: Path | None) -> Traversable:
    if disk is None:
        return Tree("memory/export.json", _export_bytes(broken))
    target = disk / "export.json"
    target.write_bytes(_export_bytes(broken))
    return target


def _as_pack(target: Traversable) -> Dataset:
    return runtone.load(packs=[target], packaged=False)


PACK_DIRECTORY = Mode(
    "pack directory",
    _directory,
    _as_pack,
    lambda target, name: f"{target}/{name}.json",
    lambda target, name: f"{target}/{name}.json",
)
EXPORT_FILE = Mode(
    "export file",
    _export_file,
    _as_pack,
    lambda target, name: f"{target}#{name}",
    lambda target, _: str(target),
)
DATA_DIRECTORY = Mode(
    "data directory",
    _directory,
    _loader.load_from,
    lambda _, name: f"{name}.json",
    lambda _, name: f"{name}.json",
)
MODES = [PACK_DIRECTORY, EXPORT_FILE, DATA_DIRECTORY]


class _Hang(BaseException):
    """Raised in the main thread when a load runs past its bound (never caught by runtone)."""


@contextlib.contextmanager
def _bounded(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (on POSIX, in the main thread)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield  # pragma: no cover - Windows, or a worker thread
        return

    def expire(_signum: int, _frame: object) -> None:
        raise _Hang(f"a load ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def built() -> Iterator[list[Dataset]]:
    """Every Dataset constructed while the module runs (reset by each example)."""
    made: list[Dataset] = []
    real = Dataset._setup  # every Dataset, checked by __init__ or made by the loader

    def counting(
        self: Dataset,
        collections: dict[str, tuple[object, ...]],
        locale: tuple[str, Mapping[str, Mapping[str, tuple[str, ...]]]] | None = None,
    ) -> None:
        made.append(self)
        real(self, collections, locale)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Dataset, "_setup", counting)
        yield made


def _held() -> list[str]:
    """Where runtone's modules hold a Dataset."""
    return [
        f"{module}.{name}"
        for module, namespace in list(sys.modules.items())
        if module == "runtone" or module.startswith("runtone.")
        for name, value in list(vars(namespace).items())
        if isinstance(value, Dataset)
    ]


def _expected_error(expect: Expect, mode: Mode, target: Traversable) -> tuple[str, str | None]:
    """The file an error must name, and (for a record) the collection it is in."""
    assert expect.collection is not None
    if expect.place == "parse":
        return mode.physical(target, expect.collection), None
    return mode.logical(target, expect.collection), expect.collection


def _check(change: Broken, mode: Mode, built: list[Dataset], *, disk: bool = False) -> None:
    built.clear()
    with contextlib.ExitStack() as stack:
        where = Path(stack.enter_context(tempfile.TemporaryDirectory())) if disk else None
        target = mode.write(change, where)
        with _bounded(_BOUND):
            if change.expect == VALID:
                loaded = mode.load(target)
            else:
                with pytest.raises(DataError) as info:
                    mode.load(target)
    if change.expect == VALID:
        exported = runtone.export(loaded)
        assert {name: exported[name] for name in NAMES} == change.expected
        assert built == [loaded]
    else:
        err = info.value
        assert type(err) is DataError
        file, _ = _expected_error(change.expect, mode, target)
        assert err.file == file, err
        if change.expect.steps:
            assert (err.record, err.field) in change.expect.steps, err
        elif change.expect.place == "record":
            assert err.record in change.expect.records, err
            assert err.field == change.expect.field, err
        else:
            assert (err.record, err.field) == (None, None), err
        assert str(err).startswith(file)
        assert err.problem
        assert built == [], "a Dataset was built from broken data"
    assert runtone._default._cache is CACHED
    assert runtone.load() is CACHED


# --- the properties -----------------------------------------------------------------------

_FUZZ = settings(
    max_examples=examples(6),
    deadline=None,  # _bounded() bounds each load instead, and also where the profile has none
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _backslashes() -> Broken:
    r"""A title of a million characters, ``\ud`` over and over: as JSON, ``\\ud``.

    The scan for escaped halves of surrogate pairs once took 14 s over it.
    """
    data, record = SMALL.edit("sources", 0)
    assert isinstance(record, dict)
    record["title"] = "\\ud" * (2**20 // 3)
    return Broken("a title of '\\ud' a million characters long", data, VALID, data)


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.name)
@_FUZZ
@example(change=_backslashes())
@given(change=broken(SMALL))
def test_any_change_to_small_data_loads_or_is_named(
    mode: Mode, change: Broken, built: list[Dataset]
) -> None:
    _check(change, mode, built)


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.name)
@settings(_FUZZ, max_examples=examples(1 / 3))
@given(change=broken(FULL))
def test_any_change_to_the_packaged_data_on_disk_loads_or_is_named(
    mode: Mode, change: Broken, built: list[Dataset]
) -> None:
    _check(change, mode, built, disk=True)


# --- what surrounds the records: a single file's keys, a pack's manifest and files ------


@attrs.frozen
class Outer:
    """A change around the records of SMALL, and where it must fail (None: it loads)."""

    what: str
    #: A single file's top-level value, or a directory's manifest (None: no manifest).
    top: JSONValue
    expect: Where | None
    #: More entries of a pack directory: a file's bytes, or None for a folder.
    extra: tuple[tuple[str, bytes | None], ...] = ()


_EXPORT_KEYS = ("data_version", "locale", "overrides", *NAMES)
_WRONG_OBJECT = json_values.filter(lambda v: not isinstance(v, dict))
_WRONG_LIST = json_values.filter(lambda v: not isinstance(v, list))
_NOT_A_NAME = st.text(max_size=10).filter(lambda k: k not in NAMES)


@st.composite
def _overrides(draw: st.DrawFn, here: str) -> tuple[JSONValue, Where]:  # noqa: PLR0911 - by case
    """A bad ``overrides`` value and where it fails; ``here`` is the file holding it."""
    name = pick(draw, NAMES)
    ids = SMALL.ids[name]
    how = pick(draw, ("type", "name", "list", "id", "twice", "absent", "no base"))
    if how == "type":
        return draw(_WRONG_OBJECT), (here, None, "overrides")
    if how == "name":
        other = draw(_NOT_A_NAME)
        return {other: []}, (here, None, dotted(("overrides", other)))
    if how == "list":
        return {name: draw(_WRONG_LIST)}, (here, None, f"overrides.{name}")
    if how == "id":
        return {
            name: [draw(json_values.filter(lambda v: not (isinstance(v, str) and is_id(v))))]
        }, (
            here,
            None,
            f"overrides.{name}[0]",
        )
    ident = pick(draw, ids)
    if how == "twice":
        return {name: [ident, ident]}, (here, None, f"overrides.{name}[1]")
    if how == "absent":
        fresh = draw(st.from_regex(r"[a-z]{1,8}-fuzz", fullmatch=True))
        return {name: [fresh]}, (here, None, f"overrides.{name}[0]")
    # Over no packaged data, a record the pack lists as replacing has nothing to replace.
    return {name: [ident]}, (f"#{name}" if here == "" else f"/{name}.json", ident, "id")


@st.composite
def export_keys(draw: st.DrawFn) -> Outer:
    """The single file's own keys: unknown, data_version, overrides, or not an object."""
    whole: dict[str, JSONValue] = {"data_version": runtone.DATA_VERSION, **SMALL.data}
    how = pick(draw, ("unknown", "version", "fine version", "no version", "overrides", "type"))
    if how == "unknown":
        key = draw(st.text(max_size=10).filter(lambda k: k not in _EXPORT_KEYS))
        whole[key] = draw(json_values)
        return Outer(f"add key {key!r}", whole, ("", None, dotted((key,))))
    if how == "version":
        whole["data_version"] = draw(
            json_values.filter(lambda v: v is not None and not isinstance(v, str))
        )
        return Outer(f"data_version {whole['data_version']!r}", whole, ("", None, "data_version"))
    if how == "fine version":
        whole["data_version"] = draw(st.none() | st.text(max_size=10))
        return Outer(f"data_version {whole['data_version']!r}", whole, None)
    if how == "no version":
        del whole["data_version"]
        return Outer("no data_version", whole, None)
    if how == "overrides":
        whole["overrides"], where = draw(_overrides(""))
        return Outer(f"overrides {whole['overrides']!r}", whole, where)
    wrong = draw(_WRONG_OBJECT)
    return Outer(f"the file is {wrong!r}", wrong, ("", None, None))


_NAMES_IGNORED = st.sampled_from(
    ["README.md", "__init__.py", "evil.py", "x.pth", "data.yaml", "schema"]
)


@st.composite
def manifest_and_files(draw: st.DrawFn) -> Outer:  # noqa: PLR0911 - one return per case
    """A pack directory's manifest (pack.json) and the other entries beside its files."""
    manifest: dict[str, JSONValue] = {"name": "fuzz pack"}
    how = pick(draw, ("unknown", "name", "overrides", "type", "ignored", "stray", "folder"))
    if how == "unknown":
        key = draw(st.text(max_size=10).filter(lambda k: k not in {"name", "overrides"}))
        manifest[key] = draw(json_values)
        return Outer(f"add key {key!r}", manifest, ("/pack.json", None, dotted((key,))))
    if how == "name":
        manifest["name"] = draw(
            json_values.filter(lambda v: not isinstance(v, str) or not v.strip() or v != v.strip())
        )
        return Outer(f"name {manifest['name']!r}", manifest, ("/pack.json", None, "name"))
    if how == "overrides":
        manifest["overrides"], (where, record, field) = draw(_overrides("/pack.json"))
        return Outer(f"overrides {manifest['overrides']!r}", manifest, (where, record, field))
    if how == "type":
        wrong = draw(_WRONG_OBJECT)
        return Outer(f"the manifest is {wrong!r}", wrong, ("/pack.json", None, None))
    if how == "ignored":  # not .json: never read, so never run, whatever it holds
        name = draw(_NAMES_IGNORED)
        content = None if name == "schema" else b"import os; os.system('exit 3')\n"
        return Outer(f"add {name}", manifest, None, ((name, content),))
    if how == "stray":  # .json, but no collection of runtone's
        name = draw(st.from_regex(r"[a-zA-Z_]{1,10}\.(json|JSON|Json)", fullmatch=True))
        name = name if name.lower()[:-5] not in NAMES and name != "pack.json" else "evil.json"
        return Outer(f"add {name}", manifest, (f"/{name}", None, None), ((name, b"[]"),))
    return Outer("add a folder x.json", manifest, ("/x.json", None, None), (("x.json", None),))


def _check_outer(change: Outer, target: Tree, built: list[Dataset]) -> None:
    built.clear()
    with _bounded(_BOUND):
        if change.expect is None:
            loaded = _as_pack(target)
        else:
            with pytest.raises(DataError) as info:
                _as_pack(target)
    if change.expect is None:
        exported = runtone.export(loaded)
        assert {name: exported[name] for name in NAMES} == SMALL.data
        assert built == [loaded]
    else:
        err = info.value
        where, record, field = change.expect
        assert (err.file, err.record, err.field) == (f"{target}{where}", record, field), err
        assert built == []
    assert runtone.load() is CACHED


@settings(_FUZZ, max_examples=examples(1))
@given(change=export_keys())
def test_a_single_file_packs_own_keys_load_or_are_named(
    change: Outer, built: list[Dataset]
) -> None:
    target = Tree("memory/export.json", dump(change.top).encode("utf-8"))
    _check_outer(change, target, built)


@settings(_FUZZ, max_examples=examples(1))
@given(change=manifest_and_files())
def test_a_pack_directorys_manifest_and_other_files_load_or_are_named(
    change: Outer, built: list[Dataset]
) -> None:
    entries = {
        f"{name}.json": Tree(f"memory/pack/{name}.json", dump(SMALL.data[name]).encode("utf-8"))
        for name in NAMES
    }
    entries["pack.json"] = Tree("memory/pack/pack.json", dump(change.top).encode("utf-8"))
    for name, content in change.extra:
        entries[name] = Tree(f"memory/pack/{name}", {} if content is None else content)
    _check_outer(change, Tree("memory/pack", entries), built)


def test_the_small_base_is_closed_and_holds_every_kind_of_object() -> None:
    dataset = runtone.load(
        packs=[_directory(Broken("none", SMALL.data, VALID), None)], packaged=False
    )
    exported = runtone.export(dataset)
    assert {name: exported[name] for name in NAMES} == SMALL.data
    assert all(len(SMALL.data[name]) >= 2 for name in NAMES if name != "claims")
    shapes = {node.kind.shape for node in SMALL.nodes if node.kind.type == "object"}
    assert shapes == set(SHAPES)  # targets, findings, dosages, effects, loads, assertions


def test_after_fuzzing_only_the_packaged_dataset_is_held() -> None:
    assert _held() == ["runtone._default._cache"]
    assert runtone.load() is CACHED
    assert _loader.load_packaged() == CACHED
    assert runtone.export() == _EXPORT
