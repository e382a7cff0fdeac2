"""JSON Schemas (draft 2020-12) for the data files, generated from the record classes.

The loader and the schemas read the same attrs classes, so they cannot drift apart;
``tests/test_schema.py`` checks that the shipped schema files are what this module
generates and that the shipped data validates against them.  Regenerate with
``python -m runtone._schema``, which also fingerprints the packaged data once they
pass validation (``data/checked.json``: see :func:`runtone._loader.load_packaged`).

What a schema cannot say, the loader still checks: that references name existing
records, that ids, names and aliases are unique, and the few rules that span fields.

The results that :func:`runtone.to_json` writes (a profile, suggestions, a plan, a
comparison) have schemas too, generated the same way from their classes: every
field is always there, and a record they refer to is its id.
"""

from __future__ import annotations

import ast
import enum
import json
import sys
import typing
from pathlib import Path
from typing import Union

import attrs

from ._compare import StrikeComparison
from ._default import LOCALES
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
from ._recommend import Suggestion
from ._records import CHOICES, LATER, RANGE, REF, SAME, SETS, Recommendation, TrainingRule
from ._vocab import Goal
from .coaching.engine import MAX_WEEKS
from .coaching.profile import DAYS_IN_WEEK, MAX_MINUTES, MAX_WEEKLY_MINUTES, MIN_MINUTES, Profile
from .coaching.sessions import Plan

__all__ = [
    "collection_schema",
    "export_schema",
    "main",
    "pack_schema",
    "result_schema",
    "schemas",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: A string with no leading or trailing white space and no control character (the
#: loader's ``_CONTROL``), as an ECMA-262 regex, as JSON Schema uses.
_NOT_CONTROL = (
    r"\u0000-\u001f\u007f-\u009f\ufffe\uffff\u200b\u200e\u200f\u202a-\u202e\u2028\u2029"
    r"\u2060-\u2064\u2066-\u2069\ufeff"
)
_TEXT = {
    "type": "string",
    "minLength": 1,
    "pattern": rf"^[^\s{_NOT_CONTROL}](?:[^{_NOT_CONTROL}]*[^\s{_NOT_CONTROL}])?$",
}
_ID = {"type": "string", "maxLength": 80, "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$"}

Schema = dict[str, object]


def _field_schema(  # noqa: C901, PLR0911 - a dispatch table
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
        later = metadata.get(LATER)
        if isinstance(later, str):
            return {**_ID, "description": f"The id of a record in {later}."}
        choices = metadata.get(CHOICES)
        if isinstance(choices, tuple):
            return {"enum": list(choices)}
        return dict(_TEXT)
    if tp is int:
        low, high = typing.cast("tuple[int, int]", metadata[RANGE])  # each int has a range
        return {"type": "integer", "minimum": low, "maximum": high}
    if tp is float:
        low, high = typing.cast("tuple[int, int]", metadata[RANGE])  # each number has one
        return {"type": "number", "minimum": low, "maximum": high}
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
        },
        "locale": {
            "enum": list(LOCALES),
            "description": (
                "The language of the names and texts: en, or a translation's (de, es, fr)."
            ),
        },
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
            "The whole dataset as one object: data_version, locale and a key per collection. "
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


#: The result schemas: file stem, title, the class of the value (a list of it if in a list).
RESULTS: tuple[tuple[str, str, type, bool], ...] = (
    ("profile", "a runner's profile (runtone.Profile)", Profile, False),
    ("suggestions", "ranked suggestions (runtone.recommend())", Suggestion, True),
    ("plan", "a weekly plan (runtone.plan())", Plan, False),
    ("comparison", "two ways of running compared (runtone.compare_strikes())",
     StrikeComparison, False),
)  # fmt: skip

#: Where a result's reference to a record looks.
_RESULT_TARGETS: dict[type, tuple[str, ...]] = {
    **_TARGETS,
    Recommendation: ("recommendations",),
    TrainingRule: ("training_rules",),
}

#: The ranges of a result's numbers that its class checks: (class, field) -> (least, most).
_RESULT_RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("Profile", "running_days"): (0, DAYS_IN_WEEK),
    ("Profile", "strength_days"): (0, DAYS_IN_WEEK),
    ("Profile", "minutes_per_session"): (MIN_MINUTES, MAX_MINUTES),
    ("Week", "number"): (1, MAX_WEEKS),
    ("Day", "number"): (1, DAYS_IN_WEEK),
    ("Adjustment", "asked"): (0, DAYS_IN_WEEK),
    ("Adjustment", "planned"): (0, DAYS_IN_WEEK),
    ("RunSession", "minutes"): (1, MAX_MINUTES),
    ("StrengthSession", "minutes"): (1, MAX_MINUTES),
    ("StrengthItem", "sets"): SETS,
    ("Profile", "current_running_days"): (0, DAYS_IN_WEEK),
    ("Profile", "weekly_minutes"): (0, MAX_WEEKLY_MINUTES),
    ("Profile", "longest_run"): (0, MAX_MINUTES),
    ("Intensity", "rpe_min"): (6, 20),
    ("Intensity", "rpe_max"): (6, 20),
    ("Step", "repeats"): (1, MAX_MINUTES * 60),
    ("Step", "seconds"): (1, MAX_MINUTES * 60),
    ("Step", "recovery_seconds"): (0, MAX_MINUTES * 60),
}

#: Whole numbers of results that have no upper bound: a score grows with the profile
#: (one reason for each weak muscle, injury or goal it shares with the advice).
_UNBOUNDED = frozenset({("Suggestion", "score")})

#: The names a result class's string annotations may use: those of the modules of the
#: records, the vocabulary and the results (their own imports are for type checkers only).
_NAMESPACE: dict[str, object] = {
    **{
        name: value
        for cls in (Recommendation, Goal, StrikeComparison, Plan, Profile, Suggestion)
        for name, value in vars(sys.modules[cls.__module__]).items()
        if isinstance(value, type)
    },
    **{cls.__name__: cls for cls in (tuple, frozenset, str, int, bool, float)},
}


def _evaluate(node: ast.expr) -> object:
    """A string annotation's type, read without eval (``X | None`` fails at runtime on 3.9)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return Union[_evaluate(node.left), _evaluate(node.right)]
    if isinstance(node, ast.Subscript):
        origin = _evaluate(node.value)
        inner = node.slice
        args = inner.elts if isinstance(inner, ast.Tuple) else [inner]
        return origin[tuple(_evaluate(arg) for arg in args)]  # type: ignore[index]
    if isinstance(node, ast.Constant) and node.value in (None, Ellipsis):
        return type(None) if node.value is None else Ellipsis
    if isinstance(node, ast.Name):
        return _NAMESPACE[node.id]
    raise TypeError(f"no type for {ast.dump(node)}")  # pragma: no cover - a bug in a class


def _field_type(field: attrs.Attribute[object]) -> object:
    tp: object = field.type  # a string where the module postpones annotations
    if isinstance(tp, str):
        return _evaluate(ast.parse(tp, mode="eval").body)
    return tp


def _result_field_schema(tp: object, defs: dict[str, Schema]) -> Schema:  # noqa: PLR0911 - a dispatch
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Union:
        inner = next(a for a in args if a is not type(None))
        return {"anyOf": [_result_field_schema(inner, defs), {"type": "null"}]}
    if origin in (tuple, frozenset):
        schema: Schema = {"type": "array", "items": _result_field_schema(args[0], defs)}
        if origin is frozenset:
            schema["uniqueItems"] = True  # a set is a sorted array with no repeats
        return schema
    if tp is str:
        return {"type": "string", "minLength": 1}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer", "minimum": 0}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and tp in _RESULT_TARGETS:
        where = " or ".join(_RESULT_TARGETS[tp])
        return {**_ID, "description": f"The id of a record in {where}."}
    if isinstance(tp, type) and attrs.has(tp):
        _define_result(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no schema for {tp!r}")  # pragma: no cover - a bug in a class


def _define_result(cls: type, defs: dict[str, Schema]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # reserve the name first
    fields = attrs.fields(cls)
    properties = {f.name: _result_field_schema(_field_type(f), defs) for f in fields}
    for name, schema in properties.items():
        limits = _RESULT_RANGES.get((cls.__name__, name)) or attrs.fields_dict(cls)[
            name
        ].metadata.get(RANGE)
        # an optional number is anyOf [the number, null]: its range goes on the number
        number = typing.cast("list[Schema]", schema["anyOf"])[0] if "anyOf" in schema else schema
        if limits is not None:
            number["minimum"], number["maximum"] = limits
        elif number.get("type") == "integer" and (cls.__name__, name) not in _UNBOUNDED:
            raise TypeError(f"{cls.__name__}.{name}: a whole number needs a range")
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    defs[cls.__name__] = {
        "type": "object",
        "description": doc,
        "properties": properties,
        "required": [f.name for f in fields],  # to_json writes every field
        "additionalProperties": False,
    }


def result_schema(stem: str) -> Schema:
    """The JSON Schema of what :func:`runtone.to_json` writes for one kind of result.

    Args:
        stem: ``profile``, ``suggestions``, ``plan`` or ``comparison``.

    Raises:
        KeyError: ``stem`` is none of those.
    """
    _, title, cls, listed = {r[0]: r for r in RESULTS}[stem]
    defs: dict[str, Schema] = {}
    _define_result(cls, defs)
    top: Schema = {"$ref": f"#/$defs/{cls.__name__}"}
    described = f"What runtone.to_json gives for {title}. References to records are ids."
    if listed:
        top = {"type": "array", "items": top}
    return {
        "$schema": DRAFT,
        "title": f"runtone {stem}",
        "description": described,
        **top,
        "$defs": dict(sorted(defs.items())),
    }


def schemas() -> dict[str, Schema]:
    """Every shipped schema by file name."""
    result = {f"{c.name}.schema.json": collection_schema(c) for c in COLLECTIONS}
    result["export.schema.json"] = export_schema()
    result["pack.schema.json"] = pack_schema()
    for stem, *_ in RESULTS:
        result[f"{stem}.schema.json"] = result_schema(stem)
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
