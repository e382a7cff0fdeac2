"""Hypothesis strategies that take valid runtone data and break it, and say where.

A :class:`Broken` is valid data with one change: a field dropped, added or given a
wrong type or value (at any depth), an id used twice, a reference left dangling, a
name clashing with another record's, a string made enormous, a value nested deeply,
a duplicated key, or the file's bytes truncated or re-encoded.  Each carries an
:class:`Expect`: either that the data is still valid (and what it must load as),
or where :class:`runtone.DataError` must point (file, record and field).

What each field may hold is read from the shipped export schema
(``runtone/data/schema/export.schema.json``): its JSON type, whether it is
required or nullable, its enum values, and which collection a reference names.
The schema is generated from the record classes, so this is the documented
format, not a copy of the loader's code.  The rules a schema cannot state (ids,
names and aliases unique, references resolve, groups without cycles) are the
ones docs/formats.md lists, modelled here directly.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Callable, Protocol, TypeVar, Union, cast

import attrs
from hypothesis import strategies as st

from _support import DATA
from runtone._dataset import normalize
from runtone._export import JSONValue
from runtone._loader import COLLECTIONS

#: Records by collection name, in build order.  A "record" may be broken into a non-object.
Data = dict[str, list[JSONValue]]
Path = tuple[Union[str, int], ...]
T = TypeVar("T")

NAMES = tuple(c.name for c in COLLECTIONS)
_RANK = {name: i for i, name in enumerate(NAMES)}
#: Collections whose records share one class: ids, names and aliases are unique across them.
_GROUPS = (frozenset({"strike_patterns", "stride_effects"}),)
#: Fields that a record is looked up by (besides its id), as docs/formats.md says.
_KEY_FIELDS = ("name", "title")
#: An id, as docs/formats.md defines it.
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_ID = 80
#: Marks a value to be replaced in the JSON text after dumping (see :func:`dump`).
_SENTINEL = "\u2060fuzz-splice\u2060"


def _mapping(value: object) -> Mapping[str, object]:
    assert isinstance(value, dict), value
    return cast("Mapping[str, object]", value)


def _sequence(value: object) -> Sequence[object]:
    assert isinstance(value, list), value
    return cast("Sequence[object]", value)


# --- what the schema allows where ------------------------------------------------------


@attrs.frozen
class Kind:
    """What one place in a record may hold, read from the schema."""

    #: "text", "id", "ref", "int", "number", "bool", "enum", "array" or "object".
    type: str
    nullable: bool = False
    #: For "ref": the collections looked in; empty for a reference within the same file.
    refs: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int | None = None
    item: Kind | None = None
    nonempty: bool = False
    #: For "object": the name of its definition.
    shape: str | None = None

    @property
    def stringy(self) -> bool:
        return self.type in {"text", "id", "ref", "enum"}

    def holds(self, value: JSONValue) -> bool:  # noqa: PLR0911 - one return per JSON type
        """Whether ``value`` has a JSON type this place accepts (its value may still be bad)."""
        if value is None:
            return self.nullable
        if isinstance(value, bool):
            return self.type == "bool"
        if isinstance(value, int):
            return self.type in {"int", "number"}
        if isinstance(value, float):
            return self.type == "number"
        if isinstance(value, str):
            return self.stringy
        if isinstance(value, list):
            return self.type == "array"
        return self.type == "object"


@attrs.frozen
class Shape:
    """An object definition: its fields in order, and which of them are required."""

    fields: Mapping[str, Kind]
    required: frozenset[str]


def _kind(node: Mapping[str, object]) -> Kind:  # noqa: PLR0911 - one return per schema form
    if "anyOf" in node:
        options = [_mapping(o) for o in _sequence(node["anyOf"])]
        (inner,) = [o for o in options if o.get("type") != "null"]
        return attrs.evolve(_kind(inner), nullable=True)
    if "$ref" in node:
        return Kind("object", shape=str(node["$ref"]).rsplit("/", 1)[-1])
    if "enum" in node:
        return Kind("enum", values=tuple(str(v) for v in _sequence(node["enum"])))
    kind = node["type"]
    if kind == "string":
        description = str(node.get("description", ""))
        if description == "The id of another record in this file.":
            return Kind("ref")
        if description.startswith("The id of a record in "):
            names = description[len("The id of a record in ") :].rstrip(".")
            return Kind("ref", refs=tuple(names.split(" or ")))
        return Kind("id") if "maxLength" in node else Kind("text")
    if kind == "integer":
        minimum, maximum = node.get("minimum", 0), node.get("maximum")
        assert isinstance(minimum, int)
        return Kind("int", minimum=minimum, maximum=maximum if isinstance(maximum, int) else None)
    if kind == "number":  # any number, whole or not, within the range
        minimum, maximum = node.get("minimum", 0), node.get("maximum")
        assert isinstance(minimum, int)
        return Kind(
            "number", minimum=minimum, maximum=maximum if isinstance(maximum, int) else None
        )
    if kind == "boolean":
        return Kind("bool")
    assert kind == "array", node
    min_items = node.get("minItems", 0)
    assert isinstance(min_items, int)
    return Kind("array", item=_kind(_mapping(node["items"])), nonempty=min_items >= 1)


def _shapes() -> tuple[dict[str, Shape], dict[str, str]]:
    schema = _mapping(json.loads((DATA / "schema" / "export.schema.json").read_text("utf-8")))
    shapes = {}
    for name, definition in _mapping(schema["$defs"]).items():
        body = _mapping(definition)
        shapes[name] = Shape(
            {k: _kind(_mapping(v)) for k, v in _mapping(body["properties"]).items()},
            frozenset(str(f) for f in _sequence(body["required"])),
        )
    properties = _mapping(schema["properties"])
    records = {
        name: str(_mapping(_mapping(properties[name])["items"])["$ref"]).rsplit("/", 1)[-1]
        for name in NAMES
    }
    return shapes, records


SHAPES, RECORD_SHAPE = _shapes()


def _items(kind: Kind) -> Kind:
    assert kind.item is not None
    return kind.item


@attrs.frozen
class Node:
    """One place in one record: its path, what it may hold and what it holds."""

    collection: str
    index: int
    path: Path
    kind: Kind
    value: JSONValue = attrs.field(repr=False)
    #: For an object's field: whether the schema requires it (always true otherwise).
    required: bool = True


def nodes(collection: str, index: int, record: JSONValue) -> list[Node]:
    """Every place in a record, the record itself first, parents before children."""
    found = [Node(collection, index, (), Kind("object", shape=RECORD_SHAPE[collection]), record)]
    _walk(found, found[0])
    return found


def _walk(found: list[Node], node: Node) -> None:
    kind, value = node.kind, node.value
    if kind.type == "object" and isinstance(value, dict):
        assert kind.shape is not None
        shape = SHAPES[kind.shape]
        children = [
            Node(node.collection, node.index, (*node.path, name), field, value[name], required)
            for name, field in shape.fields.items()
            if name in value
            for required in [name in shape.required]
        ]
    elif kind.type == "array" and isinstance(value, list):
        children = [
            Node(node.collection, node.index, (*node.path, i), _items(kind), item)
            for i, item in enumerate(value)
        ]
    else:
        return
    for child in children:
        found.append(child)
        _walk(found, child)


def _generic(path: Path) -> str:
    """A path with its list positions left out: ``targets[].muscle``."""
    return dotted(tuple(-1 if isinstance(part, int) else part for part in path)).replace(
        "[-1]", "[]"
    )


def dotted(path: Path) -> str:
    """A path as DataError names it: ``targets[0].muscle``, ``findings[0]["we.ird"]``.

    Written from the rule in docs/howto/handle-errors.md, not from the loader's code.
    """
    text = ""
    for i, part in enumerate(path):
        if isinstance(part, int):
            text += f"[{part}]"
        elif not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            text += f"[{json.dumps(part)}]"
        else:
            text += f".{part}" if i else part
    return text


def label(record: JSONValue, index: int) -> str:
    """How DataError names a record: its id when it has a valid one, else ``#index``."""
    if isinstance(record, dict):
        ident = record.get("id")
        if isinstance(ident, str) and len(ident) <= _MAX_ID and _ID.fullmatch(ident):
            return ident
    return f"#{index}"


def is_id(text: str) -> bool:
    """Whether ``text`` is a well-formed id."""
    return len(text) <= _MAX_ID and _ID.fullmatch(text) is not None


def _get(value: JSONValue, part: str | int) -> JSONValue:
    if isinstance(part, int):
        assert isinstance(value, list)
        return value[part]
    assert isinstance(value, dict)
    return value[part]


def _at(record: JSONValue, path: Path) -> JSONValue:
    for part in path:
        record = _get(record, part)
    return record


def _put(record: JSONValue, path: Path, new: JSONValue) -> None:
    parent = _at(record, path[:-1])
    part = path[-1]
    if isinstance(part, int):
        assert isinstance(parent, list)
        parent[part] = new
    else:
        assert isinstance(parent, dict)
        parent[part] = new


def _remove(record: JSONValue, path: Path) -> None:
    parent = _at(record, path[:-1])
    assert isinstance(parent, dict)
    part = path[-1]
    assert isinstance(part, str)
    del parent[part]


# --- the base and the outcome ------------------------------------------------------------


class Base:
    """Valid data to break, with every place in it listed once."""

    def __init__(self, data: Data) -> None:
        self.data = data
        self.nodes = [
            node
            for name in NAMES
            for index, record in enumerate(data[name])
            for node in nodes(name, index, record)
        ]
        self.ids = {name: [_ident(record) for record in data[name]] for name in NAMES}
        self.records = [(name, i) for name in NAMES for i in range(len(data[name]))]
        self._places: dict[str, list[list[Node]]] = {}

    def place(self, draw: st.DrawFn, place: str) -> Node:
        """Any place of the kind ``place`` (a key of ``PLACES``) in the data.

        Places are drawn by field first (``targets[].muscle``, ``part_of``), then among
        that field's places: a field found once in the data is drawn as often as one
        found in every record.
        """
        groups = self._places.get(place)
        if groups is None:
            fields: dict[str, list[Node]] = {}
            for node in self.nodes:
                if PLACES[place](self, node):
                    fields.setdefault(_generic(node.path), []).append(node)
            assert fields, f"the base has no place for {place!r}"
            groups = self._places[place] = list(fields.values())
        return pick(draw, pick(draw, groups))

    def edit(self, collection: str, index: int) -> tuple[Data, JSONValue]:
        """A copy of the data sharing every record but one, which is a deep copy to change."""
        data = dict(self.data)
        records = list(data[collection])
        record = records[index] = copy.deepcopy(records[index])
        data[collection] = records
        return data, record

    def targets(self, node: Node) -> list[str]:
        """The ids a reference at ``node`` may name."""
        names = node.kind.refs or (node.collection,)
        return [ident for name in names for ident in self.ids[name]]


def _ident(record: JSONValue) -> str:
    assert isinstance(record, dict)
    ident = record["id"]
    assert isinstance(ident, str)
    return ident


@attrs.frozen
class Expect:
    """The outcome: valid, or a DataError at one place.

    ``place`` is one of

    * ``"valid"``: loads, and exports as :attr:`Broken.expected`;
    * ``"parse"``: the file holding ``collection`` cannot be parsed: the error names
      that file (for a single-file pack, the file itself) and no record or field;
    * ``"file"``: the collection as a whole is wrong (not an array): the error names
      its file (``pack.json#muscles`` in a single-file pack), no record or field;
    * ``"record"``: the error names the collection's file, one of ``records`` and
      ``field``.
    """

    place: str
    collection: str | None = None
    records: frozenset[str] = frozenset()
    field: str | None = None
    #: For a loop of exercise variations: the (record, field) pairs the error may name,
    #: one for each step on a loop (the loader names the step that closes it).
    steps: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def loop(cls, steps: frozenset[tuple[str, str]]) -> Expect:
        return cls("record", "exercises", frozenset(r for r, _ in steps), None, steps)

    @classmethod
    def at(cls, collection: str, record: str | Iterator[str], field: str | None) -> Expect:
        records = frozenset([record] if isinstance(record, str) else record)
        return cls("record", collection, records, field)


VALID = Expect("valid")


@attrs.frozen
class ByteBreak:
    """A change to the bytes of one file after it is written."""

    #: "truncate", "insert", or an encoding: "utf-16", "utf-16-le", "utf-16-be",
    #: "utf-32", "utf-8-sig", "latin-1".
    how: str
    at: int = 0
    byte: int = 0

    def apply(self, data: bytes) -> bytes:
        if self.how == "truncate":
            return data[: self.at % len(data)]
        if self.how == "insert":
            at = self.at % (len(data) + 1)
            return data[:at] + bytes([self.byte]) + data[at:]
        text = data.decode("utf-8")
        if self.how == "latin-1":
            # Characters latin-1 lacks become JSON escapes, so only the encoding is wrong.
            return text.encode("latin-1", errors="backslashreplace")
        return text.encode(self.how)


@attrs.frozen(repr=False)
class Broken:
    """Valid data with one change, and what loading it must do."""

    what: str
    data: Data = attrs.field(repr=False)
    expect: Expect
    #: For a valid change: the collections as :func:`runtone.export` must give them back.
    expected: Data | None = attrs.field(default=None, repr=False)
    #: (placeholder string, raw JSON text) pairs replaced after dumping.
    splices: tuple[tuple[str, str], ...] = attrs.field(default=(), repr=False)
    #: A change to the bytes of the file that holds ``byte_collection``.
    byte_break: ByteBreak | None = None
    byte_collection: str | None = None

    def __repr__(self) -> str:
        what = self.what if len(self.what) < 300 else self.what[:297] + "..."
        return f"Broken({what!r}, {self.expect!r})"

    def _repr_pretty_(self, printer: _Printer, _cycle: bool) -> None:
        """Hypothesis prints this (not every field) in a falsifying example."""
        printer.text(repr(self))


class _Printer(Protocol):
    def text(self, text: str) -> None: ...


def dump(value: JSONValue, splices: Sequence[tuple[str, str]] = ()) -> str:
    """JSON text for ``value``, with each placeholder string replaced by its raw text."""
    text = json.dumps(value, ensure_ascii=False)
    for placeholder, raw in splices:
        token = json.dumps(placeholder, ensure_ascii=False)
        if token in text:
            text = text.replace(token, raw)
    return text


def _error_at(node: Node, data: Data, path: Path | None = None) -> Expect:
    """An error at ``path`` (by default the node's own) in the node's record.

    The record is named as it is after the change; a change to the record as a whole
    names no field."""
    path = node.path if path is None else path
    record = label(data[node.collection][node.index], node.index)
    return Expect.at(node.collection, record, dotted(path) if path else None)


def _describe(node: Node) -> str:
    where = dotted(node.path)
    return f"{node.collection}[{node.index}]{'.' + where if where else ''}"


# --- values ------------------------------------------------------------------------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
#: Any JSON value, kept small.
json_values: st.SearchStrategy[JSONValue] = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
_EITHER = st.booleans()
#: White space that str.strip() removes, so a text padded with it is rejected.
_PAD = st.sampled_from([" ", "\t", "\n", "\r", "\u00a0", "\u2003", "\u3000"])
#: Text a lookup key may be, with no outer white space.
_CLEAN = st.text(min_size=1, max_size=6).filter(lambda s: s.strip() == s)


@functools.cache
def _below(n: int) -> st.SearchStrategy[int]:
    return st.integers(0, n - 1)


def pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    """One of ``items`` (strategies are cached by length: building one per draw is slow)."""
    return items[draw(_below(len(items)))]


@functools.cache
def _wrong_type(kind: Kind) -> st.SearchStrategy[JSONValue]:
    return json_values.filter(lambda v: not kind.holds(v))


@functools.cache
def _unknown_key(shape: str) -> st.SearchStrategy[str]:
    known = SHAPES[shape].fields
    return st.text(max_size=10).filter(lambda k: k not in known)


#: Well-formed ids (most dangling references look like real ones).
_IDS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)


@functools.cache
def _not_in(known: frozenset[str]) -> st.SearchStrategy[str]:
    return (_IDS | st.text(max_size=12)).filter(lambda s: s not in known)


#: Kinds of places a change applies to.
PLACES: dict[str, Callable[[Base, Node], bool]] = {
    "any": lambda _base, _node: True,
    "inside": lambda _, n: bool(n.path),
    "field": lambda _, n: bool(n.path) and isinstance(n.path[-1], str),
    "object": lambda _, n: n.kind.type == "object" and isinstance(n.value, dict),
    "text": lambda _, n: n.kind.type == "text" and isinstance(n.value, str),
    "string": lambda _, n: n.kind.stringy and bool(n.path),
    "list": lambda _, n: n.kind.type == "array" and bool(n.value),
    "badly": lambda _, n: (
        bool(n.path)
        and n.kind.type not in {"bool", "object"}
        and (n.kind.type != "array" or n.kind.nonempty)
    ),
    "ref": lambda base, n: n.kind.type == "ref" and len(base.targets(n)) > 1,
}


# --- the changes --------------------------------------------------------------------------


@st.composite
def dropped(draw: st.DrawFn, base: Base) -> Broken:
    """A field left out: an error if the schema requires it, else its default is used."""
    node = base.place(draw, "field")
    data, record = base.edit(node.collection, node.index)
    _remove(record, node.path)
    what = f"drop {_describe(node)}"
    if node.required:
        return Broken(what, data, _error_at(node, data))
    expected, copied = base.edit(node.collection, node.index)
    _put(copied, node.path, [] if node.kind.type == "array" else None)
    return Broken(what, data, VALID, expected)


@st.composite
def added(draw: st.DrawFn, base: Base) -> Broken:
    """A field the schema does not have, on a record or any object inside one."""
    node = base.place(draw, "object")
    assert node.kind.shape is not None
    key = draw(_unknown_key(node.kind.shape))
    data, record = base.edit(node.collection, node.index)
    parent = _at(record, node.path)
    assert isinstance(parent, dict)
    parent[key] = draw(json_values)
    return Broken(
        f"add {key!r} to {_describe(node)}", data, _error_at(node, data, (*node.path, key))
    )


@st.composite
def retyped(draw: st.DrawFn, base: Base) -> Broken:
    """A value of a JSON type the place does not accept (a record that is not an object)."""
    node = base.place(draw, "any")
    wrong = draw(_wrong_type(node.kind))
    data, record = base.edit(node.collection, node.index)
    if node.path:
        _put(record, node.path, wrong)
    else:
        data[node.collection][node.index] = wrong
    return Broken(f"retype {_describe(node)} to {wrong!r}", data, _error_at(node, data))


_PADDED = st.sampled_from(["", " ", "\n", "a\x1bb", "\x85", "x\x00"]) | st.tuples(
    _PAD, st.text(max_size=5), st.booleans()
).map(lambda t: t[0] + t[1] if t[2] else "x" + t[1] + t[0])
_NOT_AN_ID = st.text(max_size=12).filter(lambda s: not is_id(s)) | st.just("a" * 81)
_NEGATIVE = st.integers(max_value=-1)
#: How far past a number's range a bad number lies: a fraction or a whole number.
_OVER = st.sampled_from([0.5, 1, 1.25, 1000, 10**6 + 0.5])


def _bad_value(draw: st.DrawFn, base: Base, node: Node) -> JSONValue:  # noqa: PLR0911 - by kind
    """A value of the right JSON type that is still wrong for ``node``."""
    kind = node.kind
    if kind.type == "text":
        return draw(_PADDED)
    if kind.type == "id":
        return draw(_NOT_AN_ID)
    if kind.type == "ref":
        if not kind.refs and draw(_EITHER):  # within the file: never itself
            return base.ids[node.collection][node.index]
        return draw(_not_in(frozenset(base.targets(node))))
    if kind.type == "enum":
        return draw(_not_in(frozenset(kind.values)))
    if kind.type == "int":
        if kind.maximum is not None and draw(_EITHER):
            return kind.maximum + 1 + draw(_below(10**6))
        return kind.minimum - 1 - draw(_below(10**6)) if kind.minimum else draw(_NEGATIVE)
    if kind.type == "number":  # out of range, whole or not
        if kind.maximum is not None and draw(_EITHER):
            return kind.maximum + draw(_OVER)
        return kind.minimum - draw(_OVER)
    assert kind.type == "array", kind
    assert kind.nonempty
    return []


@st.composite
def bad_value(draw: st.DrawFn, base: Base) -> Broken:
    """A value of the right type but wrong: empty or padded text, a malformed id, an
    unknown enum value, a dangling reference, a negative count, an empty required list."""
    node = base.place(draw, "badly")
    wrong = _bad_value(draw, base, node)
    data, record = base.edit(node.collection, node.index)
    _put(record, node.path, wrong)
    return Broken(f"set {_describe(node)} to {wrong!r}", data, _error_at(node, data))


@st.composite
def listed_twice(draw: st.DrawFn, base: Base) -> Broken:
    """An item of a list repeated at its end."""
    node = base.place(draw, "list")
    data, record = base.edit(node.collection, node.index)
    items = _at(record, node.path)
    assert isinstance(items, list)
    which = draw(_below(len(items)))
    items.append(copy.deepcopy(items[which]))
    return Broken(
        f"repeat {_describe(node)}[{which}]",
        data,
        _error_at(node, data, (*node.path, len(items) - 1)),
    )


#: An exercise's lists of variations (docs/formats.md: no exercise is its own, no loop).
_VARIATIONS = ("easier", "harder")


def _loop_steps(exercises: Sequence[JSONValue]) -> frozenset[tuple[str, str]]:
    """The steps (record, field) that lie on a loop of variations; empty when none does.

    ``a.harder`` naming ``b``, or ``b.easier`` naming ``a``, is a step from ``a`` up to
    ``b``; a step is on a loop when ``a`` can be reached again from ``b``.
    """
    steps = list(_variation_steps(exercises))
    up: dict[str, set[str]] = {}
    for low, high, _ in steps:
        up.setdefault(low, set()).add(high)
    return frozenset(place for low, high, place in steps if _reaches(up, high, low))


def _variation_steps(
    exercises: Sequence[JSONValue],
) -> Iterator[tuple[str, str, tuple[str, str]]]:
    """Each step of variations: the easier id, the harder id, and where it is stated."""
    for i, record in enumerate(exercises):
        if not isinstance(record, dict):
            continue
        ident = label(record, i)
        for field in _VARIATIONS:
            others = record.get(field, [])
            for j, other in enumerate(others if isinstance(others, list) else []):
                if isinstance(other, str):
                    low, high = (other, ident) if field == "easier" else (ident, other)
                    yield low, high, (ident, f"{field}[{j}]")


def _reaches(up: Mapping[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        for nxt in up.get(todo.pop(), ()):
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return start == goal


def _cycle(muscles: Sequence[JSONValue], start: str) -> list[str]:
    """The ids on the part_of cycle reached from ``start``, or [] when there is none."""
    parent = {}
    for record in muscles:
        assert isinstance(record, dict)
        group = record.get("part_of")
        parent[_ident(record)] = group if isinstance(group, str) else None
    chain = [start]
    while (step := parent.get(chain[-1])) is not None:
        if step in chain:
            return chain[chain.index(step) :]
        chain.append(step)
    return []


@st.composite
def repointed(draw: st.DrawFn, base: Base) -> Broken:
    """A reference moved to another existing record: valid unless it repeats an item of
    its list, points a record at itself, or closes a cycle of groups."""
    node = base.place(draw, "ref")
    new = pick(draw, [t for t in base.targets(node) if t != node.value])
    data, record = base.edit(node.collection, node.index)
    _put(record, node.path, new)
    what = f"point {_describe(node)} at {new!r}"
    # The list that may now hold the same item twice: the reference's own, or its object's.
    *head, last = node.path
    if isinstance(last, int) or (len(head) >= 1 and isinstance(head[-1], int)):
        at = len(head) if isinstance(last, int) else len(head) - 1
        items = _at(record, node.path[:at])
        position = node.path[at]
        assert isinstance(items, list)
        assert isinstance(position, int)
        twins = [i for i, item in enumerate(items) if i != position and item == items[position]]
        if twins:
            return Broken(
                what, data, _error_at(node, data, (*node.path[:at], max(position, *twins)))
            )
        return Broken(what, data, _variation_outcome(base, node, new, data) or VALID, data)
    if not node.kind.refs:  # part_of or baseline_id
        if new == base.ids[node.collection][node.index]:
            return Broken(what, data, _error_at(node, data))
        if node.path == ("part_of",):
            cycle = _cycle(data["muscles"], new)
            if cycle:
                return Broken(what, data, Expect.at(node.collection, iter(cycle), "part_of"))
    return Broken(what, data, VALID, data)


def _variation_outcome(base: Base, node: Node, new: str, data: Data) -> Expect | None:
    """The error a repointed variation of an exercise makes, or None when it makes none."""
    if node.collection != "exercises" or node.path[0] not in _VARIATIONS:
        return None
    if new == base.ids[node.collection][node.index]:
        return _error_at(node, data)
    loop = _loop_steps(data["exercises"])
    return Expect.loop(loop) if loop else None


def _positions(base: Base, collection: str) -> list[tuple[str, int]]:
    group = next((g for g in _GROUPS if collection in g), frozenset({collection}))
    return [(name, i) for name in NAMES if name in group for i in range(len(base.data[name]))]


def _rank(position: tuple[str, int]) -> tuple[int, int]:
    return _RANK[position[0]], position[1]


@st.composite
def same_id(draw: st.DrawFn, base: Base) -> Broken:
    """Two records with one id: one renamed to another's, or a record appended twice.

    The record built later is named (a stride effect after every strike pattern)."""
    first = pick(draw, base.records)
    ident = base.ids[first[0]][first[1]]
    others = [p for p in _positions(base, first[0]) if p != first]
    if not others or draw(_EITHER):
        data = dict(base.data)
        data[first[0]] = [*data[first[0]], copy.deepcopy(data[first[0]][first[1]])]
        later = (first[0], len(data[first[0]]) - 1)
        return Broken(f"append a copy of {ident!r}", data, Expect.at(later[0], ident, "id"))
    second = pick(draw, others)
    data, record = base.edit(*second)
    assert isinstance(record, dict)
    record["id"] = ident
    what = f"rename {second[0]}[{second[1]}] to {ident!r}"
    for field in ("part_of", "baseline_id"):  # now naming itself, checked as it is built
        if record.get(field) == ident:
            return Broken(what, data, Expect.at(second[0], ident, field))
    for field in _VARIATIONS:  # the same for a list of variations
        variations = record.get(field, [])
        if isinstance(variations, list) and ident in variations:
            place = f"{field}[{variations.index(ident)}]"
            return Broken(what, data, Expect.at(second[0], ident, place))
    later = max(first, second, key=_rank)
    if later[0] != second[0]:
        # The renamed record's file is complete before the clash: its references within
        # the file are checked first, and one may name the old id.
        old = base.ids[second[0]][second[1]]
        records = data[second[0]]
        for i, other in enumerate(records):
            for field in ("part_of", "baseline_id"):
                if isinstance(other, dict) and other.get(field) == old:
                    return Broken(what, data, Expect.at(second[0], label(other, i), field))
    return Broken(what, data, Expect.at(later[0], ident, "id"))


def _keys(record: JSONValue) -> list[tuple[str, str]]:
    """A record's lookup keys in the order the loader registers them: id, name or title,
    aliases (docs/formats.md: unique after ignoring case, spaces, hyphens, underscores)."""
    assert isinstance(record, dict)
    keys = [("id", _ident(record))]
    keys.extend((f, v) for f in _KEY_FIELDS if isinstance(v := record.get(f), str))
    aliases = record.get("aliases", [])
    assert isinstance(aliases, list)
    keys.extend((f"aliases[{i}]", a) for i, a in enumerate(aliases) if isinstance(a, str))
    return keys


#: Spellings of a key that name the same record.
_VARIANTS: tuple[Callable[[str], str], ...] = (
    str.upper,
    str.title,
    lambda s: s.replace("-", " "),
    lambda s: s.replace("-", "_").upper(),
    lambda s: s.replace(" ", "-"),
    lambda s: s.replace(" ", "").lower(),
)


def _keyed(base: Base) -> list[tuple[str, int]]:
    """Records with a name, title or aliases that share their collection (or group)."""
    return [
        (name, i)
        for name, i in base.records
        if any(f in SHAPES[RECORD_SHAPE[name]].fields for f in (*_KEY_FIELDS, "aliases"))
        and len(_positions(base, name)) > 1
    ]


@st.composite
def clashing(draw: st.DrawFn, base: Base) -> Broken:
    """A name, title or alias that another record answers to, spelt differently.

    The record registered later is named, at its first key that clashes."""
    mine = pick(draw, _keyed(base))
    other = pick(draw, [p for p in _positions(base, mine[0]) if p != mine])
    _, key = pick(draw, _keys(base.data[other[0]][other[1]]))
    spelt = pick(draw, _VARIANTS)(key)
    if not spelt or spelt.strip() != spelt or normalize(spelt) != normalize(key):
        spelt = key
    fields = SHAPES[RECORD_SHAPE[mine[0]]].fields
    data, record = base.edit(*mine)
    assert isinstance(record, dict)
    field = pick(draw, [f for f in (*_KEY_FIELDS, "aliases") if f in fields])
    if field == "aliases":
        aliases = record.setdefault("aliases", [])
        assert isinstance(aliases, list)
        aliases.append(spelt)
        path = f"aliases[{len(aliases) - 1}]"
    else:
        record[field] = spelt
        path = field
    what = f"call {mine[0]}[{mine[1]}] {spelt!r} ({key!r} of {other[0]}[{other[1]}])"
    if _rank(mine) > _rank(other):
        return Broken(what, data, Expect.at(mine[0], label(record, mine[1]), path))
    theirs = data[other[0]][other[1]]
    first = next(p for p, k in _keys(theirs) if normalize(k) == normalize(spelt))
    return Broken(what, data, Expect.at(other[0], label(theirs, other[1]), first))


@st.composite
def enormous(draw: st.DrawFn, base: Base) -> Broken:
    """A string of a million characters: fine as text, wrong as an id, a reference or an
    enum value."""
    node = base.place(draw, "string")
    unit = draw(_CLEAN)
    size = 2**20  # a megabyte or more (a character may take up to four bytes)
    big = unit * (size // len(unit))
    data, record = base.edit(node.collection, node.index)
    _put(record, node.path, big)
    what = f"set {_describe(node)} to {len(big)} x {unit!r}"
    if node.kind.type == "text" and _fine_text(node, big):
        return Broken(what, data, VALID, data)
    return Broken(what, data, _error_at(node, data))


#: A training rule's parameter name, as the loader checks it (snake_case, like an id).
_SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")

#: What no text in the data may hold (the loader's _CONTROL, as docs/formats.md says).
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\ufffe\uffff\u200b\u200e\u200f\u202a-\u202e\u2028\u2029"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _fine_text(node: Node, text: str) -> bool:
    """Whether ``text`` is valid at ``node``, a text place: no control character, and
    a lookup key (a name, a title, an alias) keeps a letter or digit once normalized."""
    if _CONTROL.search(text):
        return False
    if node.path[-3:-2] == ("parameters",) and node.path[-1] == "name":  # a training rule's
        return len(text) <= _MAX_ID and _SNAKE.fullmatch(text) is not None
    key = node.path in {(f,) for f in _KEY_FIELDS} or node.path[:1] == ("aliases",)
    return not key or bool(normalize(text))


#: Deep enough for any JSON parser's nesting limit.
DEEP = 100_000


@st.composite
def nested(draw: st.DrawFn, base: Base) -> Broken:
    """A value replaced by nested arrays: a few levels are a wrong type at that place
    (or at its first item, for a list); 100,000 levels make the file unparseable."""
    node = base.place(draw, "any")
    data, record = base.edit(node.collection, node.index)
    deep = draw(_EITHER)
    if deep:
        opener, closer = pick(draw, [("[", "]"), ('{"a":', "}"), ('[{"a":', "}]")])
        raw = opener * DEEP + "0" + closer * DEEP
        value: JSONValue = _SENTINEL
    else:
        depth = 2 + draw(_below(39))
        value = []
        for _ in range(depth - 1):
            value = [value]
    if node.path:
        _put(record, node.path, value)
    else:
        data[node.collection][node.index] = value
    what = f"nest {_describe(node)} {'deeply' if deep else ''}"
    if deep:
        return Broken(what, data, Expect("parse", node.collection), splices=((_SENTINEL, raw),))
    if node.kind.type == "array":
        return Broken(what, data, _error_at(node, data, (*node.path, 0)))
    return Broken(what, data, _error_at(node, data))


#: Python's limit on the digits int() reads (0 where the Python has none).
_MAX_DIGITS = getattr(sys, "get_int_max_str_digits", lambda: 0)()


@st.composite
def unparseable_value(draw: st.DrawFn, base: Base) -> Broken:
    """A key given twice in one object, a number too long for Python's int(), or a text
    holding half a surrogate pair (a ``\\u`` escape no UTF-8 text can hold)."""
    how = pick(draw, ("twice", "surrogate", "digits") if _MAX_DIGITS else ("twice", "surrogate"))
    if how == "twice":
        node = base.place(draw, "object")
        data, record = base.edit(node.collection, node.index)
        parent = _at(record, node.path)
        assert isinstance(parent, dict)
        key = pick(draw, sorted(parent))
        parent[_SENTINEL] = draw(json_values)
        splice = json.dumps(key, ensure_ascii=False)
        what = f"repeat key {key!r} in {_describe(node)}"
    else:
        node = base.place(draw, "text" if how == "surrogate" else "inside")
        data, record = base.edit(node.collection, node.index)
        _put(record, node.path, _SENTINEL)
        if how == "surrogate":
            half = pick(draw, ("\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\udc80\\ud800"))
            splice = f'"{pick(draw, ("", "x", "Calf "))}{half}"'
        else:
            splice = "9" * (_MAX_DIGITS + 1 + draw(_below(9 * _MAX_DIGITS)))
        what = f"set {_describe(node)} to {splice[:40]}"
    return Broken(what, data, Expect("parse", node.collection), splices=((_SENTINEL, splice),))


_NOT_A_LIST = json_values.filter(lambda v: not isinstance(v, list))


@st.composite
def not_an_array(draw: st.DrawFn, base: Base) -> Broken:
    """A collection that is not an array of records."""
    name = pick(draw, NAMES)
    wrong = draw(_NOT_A_LIST)
    data = dict(base.data)
    data[name] = wrong  # type: ignore[assignment]  # broken on purpose
    return Broken(f"make {name} {wrong!r}", data, Expect("file", name))


_OFFSET = st.integers(0, 2**32)
_ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig", "latin-1")


@st.composite
def bytes_broken(draw: st.DrawFn, base: Base) -> Broken:
    """A file's bytes truncated, given a byte UTF-8 never has (or a NUL), or re-encoded.

    Before re-encoding as latin-1, a text gets a letter latin-1 writes as one byte
    that is not UTF-8, so the encoding is wrong whatever the data holds."""
    node = base.place(draw, "text")
    how = pick(draw, ("truncate", "insert", *_ENCODINGS))
    broken = ByteBreak(how, draw(_OFFSET), pick(draw, (0, 0x80, 0xC0, 0xFF)))
    data = base.data
    if how == "latin-1":
        data, record = base.edit(node.collection, node.index)
        text = _at(record, node.path)
        assert isinstance(text, str)
        _put(record, node.path, text + " café")
    return Broken(
        f"{broken} on {node.collection}",
        data,
        Expect("parse", node.collection),
        byte_break=broken,
        byte_collection=node.collection,
    )


def broken(base: Base) -> st.SearchStrategy[Broken]:
    """Any one change to ``base``."""
    return st.one_of(
        dropped(base),
        added(base),
        retyped(base),
        bad_value(base),
        listed_twice(base),
        repointed(base),
        same_id(base),
        clashing(base),
        enormous(base),
        nested(base),
        unparseable_value(base),
        not_an_array(base),
        bytes_broken(base),
    )


# --- a small base --------------------------------------------------------------------------


def closed_subset(full: Data, seeds: Mapping[str, Sequence[str]]) -> Data:
    """The seed records and the records they refer to, in their original order.

    To keep it small, a reference to a record outside the subset is dropped from its
    list (or the list item holding it, such as a target, is dropped) when the list may
    lose it, and a group or baseline outside it is cleared; otherwise the record it
    names joins the subset.  Repeats until every reference resolves.
    """
    every = {name: {_ident(r): r for r in full[name]} for name in NAMES}
    chosen = {name: set(seeds.get(name, ())) for name in NAMES}
    taken: dict[str, dict[str, JSONValue]] = {name: {} for name in NAMES}
    changed = True
    while changed:
        changed = False
        for name in NAMES:
            for ident in sorted(chosen[name]):
                record = taken[name].setdefault(ident, copy.deepcopy(every[name][ident]))
                changed |= _trim(record, name, chosen, every)
    return {
        name: [taken[name][_ident(r)] for r in full[name] if _ident(r) in chosen[name]]
        for name in NAMES
    }


def _drop_reference(record: JSONValue, node: Node, kinds: Mapping[Path, Kind]) -> bool:
    """Remove the reference at ``node`` by dropping it (or the nearest list item holding
    it) from a list that may lose an item, or else by clearing it; False if neither."""
    lists = [i for i in range(len(node.path) - 1, -1, -1) if isinstance(node.path[i], int)]
    for at in lists[:1]:
        if _drop_item(record, node.path[: at + 1], kinds):
            return True
    if node.kind.nullable:
        _put(record, node.path, None)
        return True
    return any(_drop_item(record, node.path[: at + 1], kinds) for at in lists[1:])


def _drop_item(record: JSONValue, path: Path, kinds: Mapping[Path, Kind]) -> bool:
    items = _at(record, path[:-1])
    position = path[-1]
    assert isinstance(items, list)
    assert isinstance(position, int)
    if len(items) > 1 or not kinds[path[:-1]].nonempty:
        del items[position]
        return True
    return False


def _trim(
    record: JSONValue,
    collection: str,
    chosen: dict[str, set[str]],
    every: Mapping[str, Mapping[str, JSONValue]],
) -> bool:
    """Drop or clear each reference outside ``chosen``, or choose its record; True if any."""
    changed = False
    while True:
        found = nodes(collection, 0, record)
        outside = [
            node
            for node in found
            if node.kind.type == "ref"
            and isinstance(node.value, str)
            and not any(node.value in chosen[name] for name in node.kind.refs or (collection,))
        ]
        if not outside:
            return changed
        changed = True
        node = outside[-1]
        if not _drop_reference(record, node, {n.path: n.kind for n in found}):
            ident = node.value
            assert isinstance(ident, str)
            names = node.kind.refs or (collection,)
            chosen[next(name for name in names if ident in every[name])].add(ident)
