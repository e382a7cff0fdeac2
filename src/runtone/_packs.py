"""Data packs: an app's own records, added to runtone's or replacing some of them.

A pack is either

* a **directory** (any importlib.resources traversable, or a path) holding any of
  the collection files (``muscles.json``, ``exercises.json``, ...) in the same
  format as runtone's data, and optionally a manifest ``pack.json``::

      {"name": "my-app", "overrides": {"muscles": ["quadriceps"]}}

* or a **single JSON file** in the export format (what ``runtone export``
  writes): an object with a key per collection, and optionally ``data_version``
  and ``overrides``.

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
from typing import TYPE_CHECKING, Union

import attrs

from ._loader import (
    _ID,
    _MAX_ID,
    COLLECTIONS,
    Items,
    _build_items,
    _items,
    _short,
    _type_name,
    parse,
    read_packaged,
)
from ._path import field_path
from .errors import DataError, shown

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._dataset import Dataset
    from ._resources import Traversable

    Pack = Union[str, "os.PathLike[str]", Traversable]

__all__ = ["MANIFEST", "load", "read_pack"]

#: The optional manifest of a pack directory.
MANIFEST = "pack.json"
_NAMES = tuple(c.name for c in COLLECTIONS)
_FILES = {c.file: c.name for c in COLLECTIONS}
_MANIFEST_KEYS = ("name", "overrides")
_EXPORT_KEYS = ("data_version", "overrides", *_NAMES)


@attrs.frozen
class _Pack:
    """One pack, read and parsed: its records by collection and what it overrides."""

    items: Items
    overrides: Mapping[str, tuple[str, ...]]
    #: Where ``overrides`` was read (the manifest, or the single file).
    overrides_file: str


def _root(pack: object, name: str) -> Traversable:
    if isinstance(pack, (str, os.PathLike)):
        return Path(os.fsdecode(pack))
    if all(hasattr(pack, attr) for attr in ("is_dir", "is_file", "iterdir", "read_bytes")):
        return pack  # type: ignore[return-value]  # a Traversable, structurally
    raise TypeError(
        f"{name}: expected a path or an importlib.resources traversable, got {shown(pack)}"
    )


def _bytes(entry: Traversable, file: str) -> bytes:
    try:
        return entry.read_bytes()
    except OSError as exc:
        raise DataError(file, None, None, f"cannot be read: {exc.strerror or exc}") from None


def _read_overrides(value: object, file: str, prefix: str) -> dict[str, tuple[str, ...]]:
    field = f"{prefix}overrides"
    if not isinstance(value, dict):
        raise DataError(file, None, field, f"expected an object, got {_type_name(value)}")
    overrides: dict[str, tuple[str, ...]] = {}
    for name, ids in value.items():
        where = field_path((field, name))
        if name not in _NAMES:
            raise DataError(file, None, where, f"not a collection (one of {', '.join(_NAMES)})")
        if not isinstance(ids, list):
            raise DataError(file, None, where, f"expected an array of ids, got {_type_name(ids)}")
        seen: list[str] = []
        for i, ident in enumerate(ids):
            if not isinstance(ident, str) or len(ident) > _MAX_ID or not _ID.match(ident):
                raise DataError(file, None, f"{where}[{i}]", f"{_short(ident)} is not an id")
            if ident in seen:
                raise DataError(file, None, f"{where}[{i}]", f"{ident!r} is listed twice")
            seen.append(ident)
        overrides[name] = tuple(seen)
    return overrides


def _read_manifest(entry: Traversable, file: str) -> dict[str, tuple[str, ...]]:
    manifest = parse(file, _bytes(entry, file))
    if not isinstance(manifest, dict):
        raise DataError(file, None, None, f"expected an object, got {_type_name(manifest)}")
    for key in manifest:
        if key not in _MANIFEST_KEYS:
            raise DataError(
                file,
                None,
                field_path((key,)),
                f"unknown key (allowed: {', '.join(_MANIFEST_KEYS)})",
            )
    if "name" in manifest:
        name = manifest["name"]
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            raise DataError(
                file,
                None,
                "name",
                f"expected a non-empty string without outer spaces, got {_short(name)}",
            )
    return _read_overrides(manifest.get("overrides", {}), file, "")


def _read_directory(root: Traversable, label: str) -> _Pack:
    raw: dict[str, object] = {name: [] for name in _NAMES}
    files: dict[str, str] = {}
    overrides: dict[str, tuple[str, ...]] = {}
    manifest_file = f"{label}/{MANIFEST}"
    found = False
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.lower().endswith(".json"):
            continue  # a README, a schema/ folder: not the pack's business
        file = f"{label}/{entry.name}"
        if not entry.is_file():
            raise DataError(file, None, None, "not a readable file (a folder or a broken link?)")
        if entry.name == MANIFEST:
            overrides = _read_manifest(entry, file)
            continue
        name = _FILES.get(entry.name)
        if name is None:
            raise DataError(
                file,
                None,
                None,
                f"not a collection file (a pack holds {MANIFEST} and any of {', '.join(_FILES)})",
            )
        raw[name] = parse(file, _bytes(entry, file))
        files[name] = file
        found = True
    if not found:
        raise DataError(label, None, None, f"no collection file in the pack ({', '.join(_FILES)})")
    return _Pack(_items(raw, files), overrides, manifest_file)


def _read_file(root: Traversable, label: str) -> _Pack:
    data = parse(label, _bytes(root, label))
    if not isinstance(data, dict):
        raise DataError(
            label,
            None,
            None,
            f"expected an object with a key per collection, got {_type_name(data)}",
        )
    for key in data:
        if key not in _EXPORT_KEYS:
            raise DataError(
                label, None, field_path((key,)), f"unknown key (allowed: {', '.join(_EXPORT_KEYS)})"
            )
    version = data.get("data_version")
    if version is not None and not isinstance(version, str):
        raise DataError(
            label, None, "data_version", f"expected a string, got {_type_name(version)}"
        )
    if not any(name in data for name in _NAMES):
        raise DataError(label, None, None, f"no collection in the pack ({', '.join(_NAMES)})")
    raw = {name: data.get(name, []) for name in _NAMES}
    files = {name: f"{label}#{name}" for name in _NAMES}
    overrides = _read_overrides(data.get("overrides", {}), label, "")
    return _Pack(_items(raw, files), overrides, label)


def read_pack(pack: Pack, name: str = "pack") -> _Pack:
    """Read and parse one pack (a directory or a single export-format file).

    Raises:
        DataError: the pack is missing, unreadable or malformed.
        TypeError: ``pack`` is neither a path nor a traversable (the message
            starts with ``name``).
    """
    root = _root(pack, name)
    label = os.fsdecode(pack) if isinstance(pack, (str, os.PathLike)) else str(root)
    label = label.rstrip("/\\") or label
    try:
        if root.is_dir():
            return _read_directory(root, label)
        if root.is_file():
            return _read_file(root, label)
    except OSError as exc:
        raise DataError(label, None, None, f"cannot be read: {exc.strerror or exc}") from None
    raise DataError(label, None, None, "pack not found (no such file or directory)")


def _apply(items: Items, pack: _Pack) -> None:
    """Add the pack's records to ``items``, replacing those it overrides (in place)."""
    for name in _NAMES:
        overrides = pack.overrides.get(name, ())
        positions = {item.id: i for i, item in enumerate(items[name]) if item.id is not None}
        seen: set[str] = set()
        for item in pack.items[name]:
            ident = item.id
            if ident is not None and ident in positions and ident not in seen:
                if ident not in overrides:
                    raise DataError(
                        item.file,
                        ident,
                        "id",
                        f"{ident!r} is already a record in {name}; to replace it, list it "
                        f"under overrides.{name} in {pack.overrides_file}",
                    )
                items[name][positions[ident]] = item
            elif ident is not None and ident in overrides and ident not in seen:
                raise DataError(
                    item.file,
                    ident,
                    "id",
                    f"{ident!r} is listed under overrides.{name} but there is no such "
                    "record to replace",
                )
            else:
                items[name].append(item)  # a second record with one id fails in the build
            if ident is not None:
                seen.add(ident)
        for i, ident in enumerate(overrides):
            if ident not in seen:
                raise DataError(
                    pack.overrides_file,
                    None,
                    f"overrides.{name}[{i}]",
                    f"{ident!r} is not a record of the pack's {name}",
                )


def load(packs: Iterable[Pack], *, packaged: bool = True) -> Dataset:
    """A new Dataset: runtone's data (or nothing) with ``packs`` applied in order.

    Raises:
        DataError: a pack is missing, unreadable or malformed, or the merged data
            fails any check; the error names the pack's file, record and field.
        TypeError: a pack is neither a path nor a traversable.
    """
    # runtone.load() checked it is a list
    read_packs = [read_pack(pack, f"packs[{i}]") for i, pack in enumerate(packs)]
    items = _items(read_packaged()) if packaged else {name: [] for name in _NAMES}
    for pack in read_packs:
        _apply(items, pack)
    return _build_items(items)
