"""JSON Schemas (draft 2020-12) for the data files, generated from the record classes.

The loader and the schemas read the same attrs classes, so they cannot drift apart;
``tests/test_schema.py`` checks that the shipped schema files are what this module
generates and that the shipped data validates against them.  Regenerate with
``python -m runtone._schema``, which also fingerprints the packaged data once they
pass validation (``data/checked.json``: see :func:`runtone._loader.load_packaged`).

What a schema cannot say, the loader still checks: that references name existing
records, that ids, names and aliases are unique, and the few rules that span fields.
"""

from __future__ import annotations

import enum
import json
import sys
import typing
from pathlib import Path
from typing import Union

import attrs

from ._loader import (
    _NONEMPTY,
    _TARGETS,
    CHECKED,
    COLLECTIONS,
    Collection,
    build,
    fingerprint,
    parse,
)
from ._records import RANGE, REF, SAME

__all__ = ["collection_schema", "export_schema", "main", "pack_schema", "schemas"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: A string with no leading or trailing white space and no control character (the
#: loader's ``_CONTROL``), as an ECMA-262 regex, as JSON Schema uses.
_NOT_CONTROL = r"\u0000-\u001f\u007f-\u009f\ufffe\uffff"
_TEXT = {
    "type": "string",
    "minLength": 1,
    "pattern": rf"^[^\s{_NOT_CONTROL}](?:[^{_NOT_CONTROL}]*[^\s{_NOT_CONTROL}])?$",
}
_ID = {"type": "string", "maxLength": 80, "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$"}

Schema = dict[str, object]


def _field_schema(  # noqa: PLR0911 - a dispatch table
    tp: object, metadata: typing.Mapping[object, object], defs: dict[str, Schema]
) -> Schema:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    ref = metadata.get(REF)
    if origin is Union:
        inner = next(a for a in args if a is not type(None))
        return {"anyOf": [_field_schema(inner, metadata, defs), {"type": "null"}]}
    if origin in (tuple, frozenset):
        return {
            "type": "array",
            "items": _field_schema(args[0], metadata, defs),
            "uniqueItems": True,
        }
    if tp is str:
        if ref == SAME:
            return {**_ID, "description": "The id of another record in this file."}
        return dict(_TEXT)
    if tp is int:
        low, high = typing.cast("tuple[int, int]", metadata[RANGE])  # each int has a range
        return {"type": "integer", "minimum": low, "maximum": high}
    if tp is bool:
        return {"type": "boolean"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and tp in _TARGETS:
        where = (ref,) if isinstance(ref, str) else _TARGETS[tp]
        return {**_ID, "description": f"The id of a record in {' or '.join(where)}."}
    if isinstance(tp, type) and attrs.has(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no schema for {tp!r}")  # pragma: no cover - a bug in _records


def _define(cls: type, defs: dict[str, Schema]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # reserve the name first: value objects may nest
    properties: dict[str, Schema] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if field.name == "id":
            schema: Schema = dict(_ID)
        else:
            schema = _field_schema(field.type, field.metadata, defs)
        if field.name in _NONEMPTY:
            schema["minItems"] = 1
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    defs[cls.__name__] = {
        "type": "object",
        "description": doc,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def collection_schema(collection: Collection) -> Schema:
    """The JSON Schema of one data file: an array whose every item is a record."""
    defs: dict[str, Schema] = {}
    _define(collection.record, defs)
    return {
        "$schema": DRAFT,
        "title": f"runtone {collection.name}",
        "description": f"The records of {collection.file}: every item of the array is checked.",
        "type": "array",
        "items": {"$ref": f"#/$defs/{collection.record.__name__}"},
        "$defs": dict(sorted(defs.items())),
    }


def export_schema() -> Schema:
    """The JSON Schema of ``runtone export``: one object, a key per collection."""
    defs: dict[str, Schema] = {}
    properties: dict[str, Schema] = {
        "data_version": {
            "type": "string",
            "minLength": 1,
            "description": "The version of the data exported (runtone.DATA_VERSION).",
        }
    }
    for collection in COLLECTIONS:
        _define(collection.record, defs)
        properties[collection.name] = {
            "type": "array",
            "description": f"Every record of {collection.file}, in order.",
            "items": {"$ref": f"#/$defs/{collection.record.__name__}"},
        }
    return {
        "$schema": DRAFT,
        "title": "runtone export",
        "description": (
            "The whole dataset as one object: data_version and a key per collection. "
            "References between records are ids."
        ),
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def pack_schema() -> Schema:
    """The JSON Schema of a data pack's manifest, ``pack.json``."""
    return {
        "$schema": DRAFT,
        "title": "runtone pack manifest",
        "description": (
            "Optional manifest of a data pack directory: its name and the ids of the "
            "records it replaces, by collection."
        ),
        "type": "object",
        "properties": {
            "name": dict(_TEXT),
            "overrides": {
                "type": "object",
                "properties": {
                    c.name: {"type": "array", "items": dict(_ID), "uniqueItems": True}
                    for c in COLLECTIONS
                },
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    }


def schemas() -> dict[str, Schema]:
    """Every shipped schema by file name."""
    result = {f"{c.name}.schema.json": collection_schema(c) for c in COLLECTIONS}
    result["export.schema.json"] = export_schema()
    result["pack.schema.json"] = pack_schema()
    return result


def dumps(schema: Schema) -> str:
    """The schema as the text of its file."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def checked(data: Path) -> str:
    """The fingerprints file for the data files in ``data``, once they pass validation.

    Raises:
        DataError: the data are malformed (no fingerprint is made for them).
    """
    blobs = {c.file: (data / c.file).read_bytes() for c in COLLECTIONS}
    build({c.name: parse(c.file, blobs[c.file]) for c in COLLECTIONS})
    lines = [
        f"  {json.dumps(file)}: {json.dumps(fingerprint(blob))}" for file, blob in blobs.items()
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv: typing.Sequence[str] = ()) -> int:
    """Write the schemas into ``data/schema/`` and, once the data validate, ``data/checked.json``.

    ``argv[0]``, when given, is the directory for the schemas (and nothing else is written).
    """
    data = Path(__file__).parent / "data"
    out = Path(argv[0]) if argv else data / "schema"
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas().items():
        (out / name).write_text(dumps(schema), "utf-8")
    if not argv:
        (data / CHECKED).write_text(checked(data), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
