"""Data packs: an app's own records, added to runtone's or replacing some of them.

A pack is either

* a **directory** (any importlib.resources traversable, or a path) holding any of
  the collection files (``muscles.json``, ``exercises.json``, ...) in the same
  format as runtone's data, and optionally a manifest ``pack.json``::

      {"name": "my-app", "overrides": {"muscles": ["quadriceps"]}}

* or a **single JSON file** in the export format (what ``runtone export``
  writes): an object with a key per collection, and optionally ``data_version``,
  ``locale`` and ``overrides``.

A record whose id is new is added after the existing ones.  A record whose id
already exists replaces the existing record in place, but only when the pack
lists that id under ``overrides``; otherwise the load fails, so that a pack can
never shadow runtone's data by accident.  Packs apply in the order given, each
over the result of the ones before.  The merged whole is then checked exactly as
runtone's own data is, and every :class:`~runtone.DataError` names the pack's
file, the record and the field.

Only :func:`json.loads` ever sees a pack's bytes: a pack cannot make runtone
import or run anything.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Union

import attrs

from ._loader import (
    _CONTROL,
    _ID,
    _MAX_ID,
    COLLECTIONS,
    Items,
    Problems,
    Records,
    _build_items,
    _items,
    _short,
    _type_name,
    parse,
    paused_gc,
    plain,
    read_packaged,
)
from ._path import field_path
from ._rules import check_consistency
from .errors import DataError, InvalidValueError, shown

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._dataset import Dataset
    from ._resources import Traversable

    Pack = Union[str, "os.PathLike[str]", Traversable]

__all__ = ["LIMIT", "MANIFEST", "Report", "check", "load", "read_pack"]

#: The optional manifest of a pack directory.
MANIFEST = "pack.json"
_NAMES = tuple(c.name for c in COLLECTIONS)
_FILES = {c.file: c.name for c in COLLECTIONS}
_MANIFEST_KEYS = ("name", "overrides")
_EXPORT_KEYS = ("data_version", "locale", "overrides", *_NAMES)


@attrs.frozen
class _Pack:
    """One pack, read and parsed: its records by collection and what it overrides."""

    items: Items
    overrides: Mapping[str, tuple[str, ...]]
    #: Where ``overrides`` was read (the manifest, or the single file).
    overrides_file: str


def _root(pack: object, name: str) -> Traversable:
    if isinstance(pack, (str, os.PathLike)):
        path = os.fsdecode(pack)
        if not path:  # Path("") is the working directory: never a pack by accident
            raise InvalidValueError(name, "an empty path names no pack")
        return Path(path)
    if all(hasattr(pack, attr) for attr in ("is_dir", "is_file", "iterdir", "read_bytes")):
        return pack  # type: ignore[return-value]  # a Traversable, structurally
    raise TypeError(
        f"{name}: expected a path or an importlib.resources traversable, got {shown(pack)}"
    )


#: What a file that could not be read or parsed gives (its problem is reported).
_UNREAD = object()


def _parsed(entry: Traversable, file: str, problems: Problems) -> object:
    """The file's parsed JSON, or :data:`_UNREAD` once its problem is reported."""
    return _parsed_text(entry, file, problems)[0]


def _parsed_text(entry: Traversable, file: str, problems: Problems) -> tuple[object, bool]:
    """:func:`_parsed`, and whether the text was plain (see :func:`~runtone._loader.plain`)."""
    try:
        data = entry.read_bytes()
    except OSError as exc:
        unreadable = f"cannot be read: {exc.strerror or exc}"
    else:
        try:
            return parse(file, data), plain(data)
        except DataError as exc:
            if problems.limit is None:
                raise
            problems.add(exc.file, exc.record, exc.field, exc.problem)
            return _UNREAD, False
    problems.add(file, None, None, unreadable)  # outside the except: no chained traceback
    return _UNREAD, False


def _text_problem(value: object) -> str | None:
    """What is wrong with ``value`` as a name: None when it is a fine string."""
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        return f"expected a non-empty string without outer spaces, got {_short(value)}"
    if _CONTROL.search(value) is not None:
        return f"{_short(value)} holds a control character"
    return None


def _read_overrides(value: object, file: str, problems: Problems) -> dict[str, tuple[str, ...]]:
    """The ids a pack may replace, by collection (every problem reported, in one pass)."""
    if not isinstance(value, dict):
        problems.add(file, None, "overrides", f"expected an object, got {_type_name(value)}")
        return {}
    overrides: dict[str, tuple[str, ...]] = {}
    for name, ids in value.items():
        where = field_path(("overrides", name))
        if name not in _NAMES:
            problems.add(file, None, where, f"not a collection (one of {', '.join(_NAMES)})")
            continue
        if not isinstance(ids, list):
            problems.add(file, None, where, f"expected an array of ids, got {_type_name(ids)}")
            continue
        seen: set[str] = set()
        kept: list[str] = []
        for i, ident in enumerate(ids):
            if not isinstance(ident, str) or len(ident) > _MAX_ID or not _ID.match(ident):
                problems.add(file, None, f"{where}[{i}]", f"{_short(ident)} is not an id")
            elif ident in seen:
                problems.add(file, None, f"{where}[{i}]", f"{ident!r} is listed twice")
            else:
                seen.add(ident)
                kept.append(ident)
        overrides[name] = tuple(kept)
    return overrides


def _read_manifest(entry: Traversable, file: str, problems: Problems) -> dict[str, tuple[str, ...]]:
    manifest = _parsed(entry, file, problems)
    if manifest is _UNREAD:
        return {}
    if not isinstance(manifest, dict):
        problems.add(file, None, None, f"expected an object, got {_type_name(manifest)}")
        return {}
    for key in manifest:
        if key not in _MANIFEST_KEYS:
            allowed = ", ".join(_MANIFEST_KEYS)
            problems.add(file, None, field_path((key,)), f"unknown key (allowed: {allowed})")
    if "name" in manifest:
        problem = _text_problem(manifest["name"])
        if problem is not None:
            problems.add(file, None, "name", problem)
    return _read_overrides(manifest.get("overrides", {}), file, problems)


def _read_directory(root: Traversable, label: str, problems: Problems) -> _Pack:
    raw: dict[str, object] = {name: [] for name in _NAMES}
    files: dict[str, str] = {}
    plain_text: set[str] = set()
    overrides: dict[str, tuple[str, ...]] = {}
    manifest_file = f"{label}/{MANIFEST}"
    found = False
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.lower().endswith(".json"):
            continue  # a README, a schema/ folder: not the pack's business
        file = f"{label}/{entry.name}"
        if not entry.is_file():
            problems.add(file, None, None, "not a readable file (a folder or a broken link?)")
            continue
        if entry.name == MANIFEST:
            overrides = _read_manifest(entry, file, problems)
            continue
        name = _FILES.get(entry.name)
        if name is None:
            problems.add(
                file,
                None,
                None,
                f"not a collection file (a pack holds {MANIFEST} and any of {', '.join(_FILES)})",
            )
            continue
        found = True
        records, is_plain = _parsed_text(entry, file, problems)
        if records is not _UNREAD:
            raw[name] = records
            files[name] = file
            if is_plain:
                plain_text.add(name)
    if not found:
        problems.add(label, None, None, f"no collection file in the pack ({', '.join(_FILES)})")
    return _Pack(_items(raw, files, problems, plain_text), overrides, manifest_file)


def _read_file(root: Traversable, label: str, problems: Problems) -> _Pack | None:
    data, is_plain = _parsed_text(root, label, problems)
    if data is _UNREAD:
        return None
    if not isinstance(data, dict):
        problems.add(
            label,
            None,
            None,
            f"expected an object with a key per collection, got {_type_name(data)}",
        )
        return None
    for key in data:
        if key not in _EXPORT_KEYS:
            allowed = ", ".join(_EXPORT_KEYS)
            problems.add(label, None, field_path((key,)), f"unknown key (allowed: {allowed})")
    for key in ("data_version", "locale"):  # what it was exported from: never shown
        version = data.get(key)
        if version is not None and not isinstance(version, str):
            problems.add(label, None, key, f"expected a string, got {_type_name(version)}")
    if not any(name in data for name in _NAMES):
        problems.add(label, None, None, f"no collection in the pack ({', '.join(_NAMES)})")
    raw = {name: data.get(name, []) for name in _NAMES}
    files = {name: f"{label}#{name}" for name in _NAMES}
    overrides = _read_overrides(data.get("overrides", {}), label, problems)
    return _Pack(_items(raw, files, problems, _NAMES if is_plain else ()), overrides, label)


def read_pack(pack: Pack, name: str = "pack", problems: Problems | None = None) -> _Pack | None:
    """Read and parse one pack (a directory or a single export-format file).

    Returns:
        The pack, or None when ``problems`` has a limit and the pack could not be
        read at all (the problem is in ``problems``).

    Raises:
        DataError: the pack is missing, unreadable or malformed (unless
            ``problems`` has a limit: then each problem is added to it).
        TypeError: ``pack`` is neither a path nor a traversable (the message
            starts with ``name``).
        InvalidValueError: ``pack`` is an empty path (the message starts with ``name``).
    """
    problems = Problems() if problems is None else problems
    root = _root(pack, name)
    label = os.fsdecode(pack) if isinstance(pack, (str, os.PathLike)) else str(root)
    label = label.rstrip("/\\") or label
    try:
        if root.is_dir():
            return _read_directory(root, label, problems)
        if root.is_file():
            return _read_file(root, label, problems)
    except OSError as exc:
        problem = f"cannot be read: {exc.strerror or exc}"
    else:
        problem = "pack not found (no such file or directory)"
    problems.add(label, None, None, problem)  # outside the except: no chained traceback
    return None


class _Merged:
    """Every collection's records as packs are applied, and where each id is.

    The positions are kept up to date as records are added, so applying many packs
    costs the size of each pack, not the size of the whole for every pack.
    """

    def __init__(self, items: Items) -> None:
        self.items = items
        self.positions: dict[str, dict[str, int]] = {}
        for name in _NAMES:
            records = items[name]
            where = self.positions[name] = {}
            for i in range(len(records)):
                ident = records.ident(i)
                if ident is not None:
                    where[ident] = i

    def apply(self, pack: _Pack, problems: Problems) -> None:
        """Add the pack's records, replacing those it overrides."""
        for name in _NAMES:
            listed = pack.overrides.get(name, ())
            overrides = frozenset(listed)
            records = self.items[name]
            positions = self.positions[name]
            theirs = pack.items[name]
            idents = theirs.idents()
            if not listed and not positions.keys() & idents:
                _append(records, positions, theirs, idents)  # the usual pack: new records only
                continue
            seen: set[str] = set()
            for i, ident in enumerate(idents):
                if ident is None or ident in seen:
                    records.take(theirs, i)  # a second record with one id fails in the build
                    continue
                seen.add(ident)
                position = positions.get(ident)
                if position is not None:
                    if ident in overrides:
                        records.take(theirs, i, position)
                    else:
                        problems.add(
                            theirs.files[i],
                            ident,
                            "id",
                            f"{ident!r} is already a record in {name}; to replace it, list it "
                            f"under overrides.{name} in {pack.overrides_file}",
                        )
                elif ident in overrides:
                    problems.add(
                        theirs.files[i],
                        ident,
                        "id",
                        f"{ident!r} is listed under overrides.{name} but there is no such "
                        "record to replace",
                    )
                else:
                    positions[ident] = len(records)
                    records.take(theirs, i)
            for i, ident in enumerate(listed):
                if ident not in seen:
                    problems.add(
                        pack.overrides_file,
                        None,
                        field_path(("overrides", name, i)),
                        f"{ident!r} is not a record of the pack's {name}",
                    )


def _append(
    records: Records, positions: dict[str, int], theirs: Records, idents: list[str | None]
) -> None:
    """Put all of ``theirs`` (none of whose ids is in ``records``) after ``records``."""
    for at, ident in enumerate(idents, len(records)):
        if ident is not None:
            positions.setdefault(ident, at)  # a second record with one id fails in the build
    records.take_all(theirs)


def _merge(
    packs: Iterable[Pack],
    *,
    packaged: bool,
    problems: Problems,
    base: Mapping[str, object] | None = None,
) -> tuple[_Merged | None, list[_Pack]]:
    """The packs read and applied over runtone's data (or nothing).

    None instead of the merge when a pack could not be read whole: its missing
    records would only make the others fail for nothing.
    """
    # runtone.load() checked it is a list
    read_packs = [read_pack(pack, f"packs[{i}]", problems) for i, pack in enumerate(packs)]
    if problems.total:
        return None, [p for p in read_packs if p is not None]
    kept = [p for p in read_packs if p is not None]
    if packaged:  # runtone's data, as read or (``base``) as translated
        merged = _Merged(_items(read_packaged() if base is None else base))
    else:
        merged = _Merged(_empty())
    for pack in kept:
        merged.apply(pack, problems)
    return merged, kept


def _empty() -> Items:
    return {name: Records() for name in _NAMES}


def load(
    packs: Iterable[Pack], *, packaged: bool = True, base: Mapping[str, object] | None = None
) -> Dataset:
    """A new Dataset: runtone's data (or nothing) with ``packs`` applied in order.

    ``base`` is runtone's data parsed and translated, in place of the packaged
    files as they are (see ``runtone._locale``).

    Raises:
        DataError: a pack is missing, unreadable or malformed, or the merged data
            fails any check; the error names the pack's file, record and field.
            It is the first problem found: :func:`check` finds them all.
        TypeError: a pack is neither a path nor a traversable.
        InvalidValueError: a pack is an empty path (``packs[0]: an empty path ...``).
    """
    problems = Problems()
    with paused_gc():  # reading and building free nothing: the collector would only walk
        merged, _ = _merge(packs, packaged=packaged, problems=problems, base=base)
        assert merged is not None  # noqa: S101 - without a limit, a problem raises
        dataset = _build_items(merged.items, problems)
    assert dataset is not None  # noqa: S101
    return dataset


#: How many problems :func:`check` keeps by default.
LIMIT = 50


@attrs.frozen
class Report:
    """What :func:`check` found: the dataset, or every problem (up to a limit).

    Attributes:
        dataset: The merged Dataset, or ``None`` when there is any problem.
        errors: The first ``limit`` problems, in the order found.
        total: How many problems were found in all (``total - len(errors)`` more
            were counted but not kept).
        replaced: The ids each pack's ``overrides`` replace, by collection.
    """

    dataset: Dataset | None
    errors: tuple[DataError, ...]
    total: int
    replaced: Mapping[str, frozenset[str]]

    @property
    def more(self) -> int:
        """How many problems were found beyond those in :attr:`errors`."""
        return self.total - len(self.errors)


def _broken_rules(dataset: Dataset, merged: _Merged, problems: Problems) -> bool:
    """Report every broken consistency rule as a problem of the record's file."""
    found = check_consistency(dataset)
    for problem in found:
        records = merged.items[problem.collection]
        position = merged.positions[problem.collection].get(problem.record)
        file = records.files[position] if position is not None else f"{problem.collection}.json"
        problems.add(
            file, problem.record, problem.field, f"breaks rule {problem.rule!r}: {problem.message}"
        )
    return bool(found)


def check(packs: Iterable[Pack], *, packaged: bool = True, limit: int = LIMIT) -> Report:
    """Load ``packs`` as :func:`load` does, finding every problem instead of the first.

    Each pack is read once.  Problems found in reading (a file that is not JSON,
    not an array of objects, a manifest that is malformed) are reported alone: the
    checks of the records would only repeat them.  Otherwise every record is
    checked, and a record that fails does not make those that refer to it fail too.
    When every record loads, the merged data is checked against the consistency
    rules (docs/concepts.md, "Consistency rules"), and each
    broken rule is a problem too: :func:`load` does not apply them.

    Args:
        packs: The packs, as for :func:`load`.
        packaged: Apply them over runtone's data (else over nothing).
        limit: How many problems to keep as :class:`~runtone.DataError`; the rest
            are only counted.

    Raises:
        TypeError: a pack is neither a path nor a traversable.
        ValueError: ``limit`` is less than 1.
    """
    if limit < 1:
        raise ValueError(f"limit: must be at least 1, got {shown(limit)}")
    problems = Problems(limit)
    with paused_gc():
        merged, read_packs = _merge(packs, packaged=packaged, problems=problems)
        dataset = None if merged is None else _build_items(merged.items, problems)
    if dataset is not None and merged is not None and _broken_rules(dataset, merged, problems):
        dataset = None
    replaced: dict[str, set[str]] = {}
    for pack in read_packs:
        for name, ids in pack.overrides.items():
            replaced.setdefault(name, set()).update(ids)
    return Report(
        dataset,
        tuple(problems.errors),
        problems.total,
        MappingProxyType({name: frozenset(ids) for name, ids in replaced.items()}),
    )
