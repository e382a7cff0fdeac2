"""The whole dataset as a normalised SQLite database, written with the standard library.

The schema is read from the record classes (:mod:`runtone._records`), as the loader
reads them: their fields, types and metadata.  A field added to a record class gets its
column or its table here without a change to this module, and a field of a type this
module cannot store makes the schema fail to build (every export, and the tests, fail
loudly) rather than be left out.

The shape follows the JSON export (:mod:`runtone._export`): the same collections, the
same field names, enum members as their values, references as ids.

- **A table per collection**, named after it (``muscles``): ``id`` (the primary key),
  ``position`` (the record's place in its collection, from 0: ``ORDER BY position``
  gives the dataset's order), then a column per field that holds one value.  Text is
  ``TEXT``, whole numbers ``INTEGER``, other numbers ``REAL``, ``True``/``False`` an
  ``INTEGER`` 1/0, an enum member its value as ``TEXT``.  A column is ``NOT NULL``
  unless its field may be ``None``; ranges, enums and fixed choices are
  ``CHECK`` constraints.
- **A list or a set** is a table named after its owner and the field
  (``muscle_aliases``, ``muscle_sources``): the owner's key (``muscle_id``), the
  item's ``position`` (from 0; a set has none: its items are stored in sorted order and
  keyed by value) and the item.
- **A reference** to another record is its id under the name ``<record>_id``
  (``source_id``, ``muscle_id``), a foreign key.  A reference that may point into
  either of two collections (an assertion names a strike pattern *or* a stride effect)
  is one such column per collection, exactly one of them set.  Ids kept as text in the
  records (a muscle's ``part_of``, a stride effect's ``baseline_id``, an exercise's
  ``easier`` and ``harder``, a finding's ``exercises``) are foreign keys too.
- **Objects inside records** (a finding, a target, a dose) get rows of their own.  A
  kind of object with one place in the data has a table named after that place
  (``exercise_targets``, ``exercise_doses``); one found in several places (findings: a
  muscle's, an injury's risk factors, prevention, ...) has one table named after its
  class (``findings``), with an integer ``id``, and a link table for each place
  (``injury_risk_factors``: ``injury_id``, ``position``, ``finding_id``).  A single
  object (a recommendation's ``dosage``) is flattened into its owner's columns
  (``dosage_text``, ``dosage_sets``, ...).
- Every foreign-key column has an index (its own, or one it leads).
- ``metadata`` (``key``, ``value``) holds ``schema_version``, ``data_version``, ``locale``
  (the language of the names and texts: ``en``, ``de``, ``es`` or ``fr``) and, when
  the package's metadata is installed, ``runtone_version``; ``PRAGMA user_version`` is
  the schema version too.

The database is built in a new file beside the target and renamed into place when it is
complete, so a failure leaves no partial file, and an existing file is replaced only
when the caller says so.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import functools
import os
import re
import sqlite3
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Union

import attrs

from ._loader import COLLECTIONS
from ._records import CHOICES, LATER, RANGE, REF, SAME
from .errors import InvalidValueError, shown

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._dataset import Dataset

__all__ = ["SCHEMA_VERSION", "Column", "Layout", "Table", "layout", "to_sqlite"]

#: The version of the database's layout: it changes whenever a table or column does
#: (``metadata.schema_version`` and ``PRAGMA user_version`` hold it).
SCHEMA_VERSION = 1

#: A row as sqlite3 takes it.
Row = tuple[object, ...]


# --- the schema -------------------------------------------------------------------------


@attrs.frozen
class Column:
    """One column of a table.

    Attributes:
        name: The column's name.
        type: ``TEXT``, ``INTEGER`` or ``REAL``.
        not_null: Whether it always holds a value.
        check: A ``CHECK`` constraint on its values, or ``None``.
        references: The table whose ``id`` it holds (a foreign key), or ``None``.
    """

    name: str
    type: str
    not_null: bool = True
    check: str | None = None
    references: str | None = None

    def sql(self, *, primary_key: bool = False) -> str:
        """The column's definition in ``CREATE TABLE``."""
        words = [_quoted(self.name), self.type]
        if primary_key:
            words.append("PRIMARY KEY")
        if self.not_null:
            words.append("NOT NULL")
        if self.check is not None:
            words.append(f"CHECK ({self.check})")
        if self.references is not None:
            words.append(f"REFERENCES {_quoted(self.references)} (id)")
        return " ".join(words)


@attrs.frozen
class Table:
    """One table: its columns, keys and constraints.

    Attributes:
        name: The table's name.
        doc: What one row is, in a few words (kept as a comment in the schema).
        columns: Its columns, in order.
        primary_key: The columns of its primary key.
        unique: Other sets of columns whose values are unique.
        checks: Constraints over several columns.
    """

    name: str
    doc: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    unique: tuple[tuple[str, ...], ...] = ()
    checks: tuple[str, ...] = ()

    def create(self) -> str:
        """The ``CREATE TABLE`` statement, one column a line."""
        single = self.primary_key[0] if len(self.primary_key) == 1 else None
        lines = [c.sql(primary_key=c.name == single) for c in self.columns]
        if single is None:
            lines.append(f"PRIMARY KEY ({_list(self.primary_key)})")
        lines += [f"UNIQUE ({_list(names)})" for names in self.unique]
        lines += [f"CHECK ({check})" for check in self.checks]
        body = ",\n    ".join(lines)
        return f"CREATE TABLE {_quoted(self.name)} (  -- {self.doc}\n    {body}\n)"

    def indexes(self) -> list[str]:
        """``CREATE INDEX`` for each foreign-key column that no key or index leads."""
        led = {self.primary_key[0], *(names[0] for names in self.unique)}
        return [
            f"CREATE INDEX {_quoted(f'{self.name}_by_{c.name}')} "
            f"ON {_quoted(self.name)} ({_quoted(c.name)})"
            for c in self.columns
            if c.references is not None and c.name not in led
        ]

    def insert(self) -> str:
        """The ``INSERT`` statement for a row of every column, in order."""
        marks = ", ".join("?" * len(self.columns))
        return f"INSERT INTO {_quoted(self.name)} VALUES ({marks})"  # noqa: S608 - our own names


#: Names SQL takes without quotes, unless SQLite reserves them (see :func:`_quoted`).
_PLAIN = re.compile(r"[a-z_][a-z0-9_]*\Z")


@functools.cache
def _quoted(name: str) -> str:
    """``name`` as SQL needs it: bare where SQLite accepts it so, else double-quoted."""
    if _PLAIN.match(name):
        probe = sqlite3.connect(":memory:")
        try:
            probe.execute(f"CREATE TABLE {name} ({name} INTEGER)")
            probe.execute(f"SELECT {name} FROM {name} WHERE {name} = 0 ORDER BY {name}")  # noqa: S608 - a probe of our own names
        except sqlite3.Error:  # a reserved word (ORDER, GROUP, REFERENCES, ...)
            pass
        else:
            return name
        finally:
            probe.close()
    return '"' + name.replace('"', '""') + '"'


def _list(names: Sequence[str]) -> str:
    return ", ".join(_quoted(n) for n in names)


def _text(value: str) -> str:
    """``value`` as an SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


# --- how each field becomes columns and rows ----------------------------------------------


class _Writer:
    """The rows of every table, filled record by record."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.rows: dict[str, list[Row]] = {}
        self._serials: dict[str, int] = {}
        self._ids: dict[str, frozenset[str]] = {}

    def add(self, table: str, row: Row) -> None:
        self.rows.setdefault(table, []).append(row)

    def serial(self, table: str) -> int:
        """The next integer id of ``table``'s rows, from 1."""
        number = self._serials[table] = self._serials.get(table, 0) + 1
        return number

    def home(self, ident: str, collections: tuple[str, ...]) -> str:
        """Which of ``collections`` holds the record with this id."""
        for name in collections:
            ids = self._ids.get(name)
            if ids is None:
                ids = self._ids[name] = frozenset(r.id for r in getattr(self.dataset, name))
            if ident in ids:
                return name
        # The loader resolved the reference, so one of them holds it.
        raise LookupError(f"{ident!r} is in none of {collections}")  # pragma: no cover


class Value:
    """A field that holds one value: one column.

    Attributes:
        field: The field's name.
        columns: Its one column.
    """

    __slots__ = ("columns", "convert", "field")

    def __init__(self, field: str, column: Column, convert: Callable[[object], object]) -> None:
        self.field = field
        self.columns = (column,)
        self.convert = convert

    def values(self, value: object, writer: _Writer) -> Row:
        del writer
        return (None if value is None else self.convert(value),)


class Reference:
    """A field that holds one record of a collection (or of either of two): its id.

    Attributes:
        field: The field's name.
        columns: One column per collection the record may be in, in the same order.
        collections: Those collections.
        check: With more than one collection, the constraint that one column is set.
    """

    __slots__ = ("check", "collections", "columns", "field")

    def __init__(
        self, field: str, columns: tuple[Column, ...], collections: tuple[str, ...], check: str
    ) -> None:
        self.field = field
        self.columns = columns
        self.collections = collections
        self.check = check

    def values(self, value: object, writer: _Writer) -> Row:
        if value is None:
            return (None,) * len(self.columns)
        ident: str = getattr(value, "id")  # noqa: B009 - every record has one
        if len(self.collections) == 1:
            return (ident,)
        home = writer.home(ident, self.collections)
        return tuple(ident if name == home else None for name in self.collections)


class Flat:
    """A field that holds one object (not a record): its fields as the owner's columns.

    Attributes:
        field: The field's name.
        parts: How each of the object's fields is stored, its columns' names prefixed
            with ``field`` and ``_``.
        columns: Their columns, in order.
    """

    __slots__ = ("columns", "field", "parts")

    def __init__(self, field: str, parts: tuple[Value | Reference, ...]) -> None:
        self.field = field
        self.parts = parts
        self.columns = tuple(c for part in parts for c in part.columns)

    def values(self, value: object, writer: _Writer) -> Row:
        if value is None:
            return (None,) * len(self.columns)
        return tuple(v for p in self.parts for v in p.values(getattr(value, p.field), writer))


class Many:
    """A field that holds a list or a set: rows of another table.

    Attributes:
        field: The field's name.
        table: The table with a row per item (for objects of a class found in several
            places, the link table: owner, position, the object's id).
        ordered: A list (rows have a ``position``), not a set.
        item: How an item is stored: a :class:`Value` or :class:`Reference` (its
            columns follow the owner's key and position), or the :class:`Shape` of an
            object.
        shared: The item is an object kept in its class's own table
            (``item.table``), and ``table`` links the owner to it.
    """

    __slots__ = ("field", "item", "ordered", "shared", "table")

    def __init__(
        self,
        field: str,
        table: Table,
        item: Value | Reference | Shape,
        *,
        ordered: bool,
        shared: bool = False,
    ) -> None:
        self.field = field
        self.table = table
        self.item = item
        self.ordered = ordered
        self.shared = shared

    def emit(self, owner: object, value: object, writer: _Writer) -> None:
        items = typing.cast("tuple[object, ...] | frozenset[object]", value)
        item = self.item
        if isinstance(item, Shape):
            for position, one in enumerate(items):
                if self.shared:
                    writer.add(self.table.name, (owner, position, item.emit(one, (), writer)))
                else:
                    item.emit(one, (owner, position), writer)
            return
        if self.ordered:
            for position, one in enumerate(items):
                writer.add(self.table.name, (owner, position, *item.values(one, writer)))
        else:  # a set: in the order of its stored values, as the export sorts it
            for row in sorted(item.values(one, writer) for one in items):
                writer.add(self.table.name, (owner, *row))


class Shape:
    """How a record, or an object inside one, becomes a row and the rows of its lists.

    Attributes:
        cls: The class.
        table: Its table.
        key: ``"id"`` (a record of a collection, keyed by its id), ``"serial"`` (an
            object given an integer ``id``) or ``"place"`` (an object keyed by its
            owner and position, with no lists of its own).
        parts: How each field that is columns of the row is stored, in column order.
        many: How each field that is rows of other tables is stored.
    """

    __slots__ = ("cls", "key", "many", "parts", "table")

    def __init__(
        self,
        cls: type,
        table: Table,
        key: str,
        parts: tuple[Value | Reference | Flat, ...],
        many: tuple[Many, ...],
    ) -> None:
        self.cls = cls
        self.table = table
        self.key = key
        self.parts = parts
        self.many = many

    def emit(self, value: object, lead: Row, writer: _Writer) -> object:
        """Add ``value``'s rows (after the ``lead`` columns); return its key."""
        if self.key == "serial":
            key: object = writer.serial(self.table.name)
            lead = (key, *lead)
        else:
            key = lead[0] if lead else None
        row = [*lead]
        for part in self.parts:
            row.extend(part.values(getattr(value, part.field), writer))
        writer.add(self.table.name, tuple(row))
        for many in self.many:
            many.emit(key, getattr(value, many.field), writer)
        return key


@attrs.frozen
class Layout:
    """The database's tables, and how each collection's records fill them.

    Attributes:
        tables: Every table, in the order they are created (an owner before its lists).
        collections: Each collection's name and the shape of its records.
    """

    tables: tuple[Table, ...]
    collections: tuple[tuple[str, Shape], ...]


#: The table of the database's own facts.
METADATA = Table(
    "metadata",
    "facts about the database: schema_version, data_version, locale, runtone_version",
    (Column("key", "TEXT"), Column("value", "TEXT")),
    ("key",),
)

_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")


def _one(word: str) -> str:
    """The singular of a collection's or field's name: ``injuries`` -> ``injury``."""
    if word.endswith("aliases"):
        return word[:-2]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _unwrap(tp: object) -> tuple[object, bool]:
    """``Optional[X]`` as ``(X, True)``; any other type as ``(tp, False)``."""
    if typing.get_origin(tp) is Union:
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return inner[0], True
    return tp, False


def _fields(cls: type) -> tuple[attrs.Attribute[object], ...]:
    return typing.cast(
        "tuple[attrs.Attribute[object], ...]",
        attrs.fields(typing.cast("type[attrs.AttrsInstance]", cls)),
    )


class _Builder:
    """Builds the tables and shapes from the record classes."""

    def __init__(self) -> None:
        self.tables: list[Table] = [METADATA]
        #: The collections each record class lives in.
        self.homes: dict[type, tuple[str, ...]] = {}
        for collection in COLLECTIONS:
            held = self.homes.get(collection.record, ())
            self.homes[collection.record] = (*held, collection.name)
        self.places = self._places()
        self.shared: dict[type, Shape] = {}

    def _object(self, tp: object) -> bool:
        """Whether ``tp`` is a class of objects inside records (not records of a collection)."""
        return isinstance(tp, type) and attrs.has(tp) and tp not in self.homes

    def _places(self) -> dict[type, int]:
        """For each class of objects inside records, how many lists hold such objects."""
        places: dict[type, set[tuple[object, str]]] = {}
        seen: set[type] = set()

        def walk(cls: type, owner: object) -> None:
            for field in _fields(cls):
                tp, _ = _unwrap(field.type)
                many = typing.get_origin(tp) in {tuple, frozenset}
                item = typing.get_args(tp)[0] if many else tp
                if not (isinstance(item, type) and self._object(item)):
                    continue
                if many:
                    places.setdefault(item, set()).add((owner, field.name))
                if item not in seen:
                    seen.add(item)
                    walk(item, item)  # one table of its own, or one place: either way, one owner

        for collection in COLLECTIONS:
            walk(collection.record, collection.name)
        return {cls: len(owners) for cls, owners in places.items()}

    def collection(self, name: str, cls: type) -> Shape:
        lead = (Column("id", "TEXT"), Column("position", "INTEGER"))
        return self.shape(
            cls,
            name,
            _one(name),
            lead,
            key="id",
            home=name,
            doc=f"a record of {name} (runtone.{cls.__name__})",
        )

    def shape(
        self,
        cls: type,
        name: str,
        prefix: str,
        lead: tuple[Column, ...],
        *,
        key: str,
        home: str | None,
        doc: str,
    ) -> Shape:
        """The table of ``cls``'s objects named ``name``; its lists' tables take ``prefix``."""
        used = {c.name for c in lead}
        parts: list[Value | Reference | Flat] = []
        lists: list[tuple[attrs.Attribute[object], object, bool]] = []
        for field in _fields(cls):
            if field.name == "id" and key == "id":
                continue  # the key, in the lead
            tp, optional = _unwrap(field.type)
            origin = typing.get_origin(tp)
            if origin in {tuple, frozenset}:
                lists.append((field, typing.get_args(tp)[0], origin is tuple))
            elif self._object(tp):
                parts.append(self.flat(field.name, typing.cast("type", tp), optional, home, used))
            else:
                parts.append(self.scalar(field, tp, optional, home, used, name=field.name))
        columns = [*lead, *(c for part in parts for c in part.columns)]
        if key == "serial":
            columns.insert(0, Column("id", "INTEGER"))
        checks = tuple(p.check for p in parts if isinstance(p, Reference) and p.check)
        primary: tuple[str, ...] = ("id",)
        unique: tuple[tuple[str, ...], ...] = ()
        if key == "id":
            unique = (("position",),)
        elif key == "serial" and lead:
            unique = (tuple(c.name for c in lead),)
        elif key == "place":
            primary = tuple(c.name for c in lead)
        table = Table(name, doc, tuple(columns), primary, unique, checks)
        self.tables.append(table)
        owner_type = "TEXT" if key == "id" else "INTEGER"
        many = tuple(
            self.many(field, item, ordered, prefix, name, owner_type, home)
            for field, item, ordered in lists
        )
        if many and key == "place":
            raise TypeError(f"{cls.__name__}: objects with lists need a key")  # pragma: no cover
        return Shape(cls, table, key, tuple(parts), many)

    def flat(self, field: str, cls: type, optional: bool, home: str | None, used: set[str]) -> Flat:
        parts: list[Value | Reference] = []
        for inner in _fields(cls):
            tp, inner_optional = _unwrap(inner.type)
            if typing.get_origin(tp) in {tuple, frozenset} or self._object(tp):
                raise TypeError(f"{field}.{inner.name}: no SQL columns for {tp!r} in one object")
            parts.append(
                self.scalar(
                    inner, tp, optional or inner_optional, home, used, name=f"{field}_{inner.name}"
                )
            )
        return Flat(field, tuple(parts))

    def scalar(
        self,
        field: attrs.Attribute[object],
        tp: object,
        optional: bool,
        home: str | None,
        used: set[str],
        *,
        name: str,
        item: bool = False,
    ) -> Value | Reference:
        """The column(s) of one value of type ``tp``; ``name`` is the plain column's name.

        ``item``: the value is an item of a list, so a reference's column is named
        after what it refers to, as the columns of single references are.
        """
        if isinstance(tp, type) and tp in self.homes:  # a record of a collection: its id
            return self.reference(field, tp, optional=optional, used=used)
        column = _column(field, tp, name, not_null=not optional)
        ref, later = field.metadata.get(REF), field.metadata.get(LATER)
        if ref == SAME and home is None:  # pragma: no cover - none yet
            raise TypeError(f"{field.name}: an id of the same collection in a shared object")
        target = home if ref == SAME else later if isinstance(later, str) else None
        if target is not None:  # an id kept as text: a foreign key all the same
            if item:
                name = f"{_one(target)}_id"
                if name in used:
                    name = f"{_one(field.name)}_id"
            column = Column(name, "TEXT", column.not_null, references=target)
        used.add(column.name)
        if tp is bool:
            return Value(field.name, column, _number)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return Value(field.name, column, _value)
        return Value(field.name, column, _same)

    def reference(
        self, field: attrs.Attribute[object], cls: type, *, optional: bool, used: set[str]
    ) -> Reference:
        """The column of a record's id, or one for each collection it may be in."""
        ref = field.metadata.get(REF)
        targets = (ref,) if isinstance(ref, str) and ref != SAME else self.homes[cls]
        names = [f"{_one(t)}_id" for t in targets]
        if used & set(names):
            names = [f"{_one(field.name)}_{_one(t)}_id" for t in targets]
        used.update(names)
        if len(targets) == 1:
            column = Column(names[0], "TEXT", not optional, references=targets[0])
            return Reference(field.name, (column,), targets, "")
        columns = tuple(
            Column(n, "TEXT", not_null=False, references=t) for n, t in zip(names, targets)
        )
        count = " + ".join(f"({_quoted(n)} IS NOT NULL)" for n in names)
        return Reference(field.name, columns, targets, f"{count} {'<=' if optional else '='} 1")

    def many(  # noqa: PLR0917 - the pieces of one list
        self,
        field: attrs.Attribute[object],
        item: object,
        ordered: bool,
        prefix: str,
        owner_table: str,
        owner_type: str,
        home: str | None,
    ) -> Many:
        """The table of a list (or set) field of ``owner_table``'s rows."""
        name = f"{prefix}_{field.name}"
        owner = Column(f"{prefix}_id", owner_type, references=owner_table)
        lead = (owner, Column("position", "INTEGER")) if ordered else (owner,)
        where = f"{owner_table}.{field.name}"
        if self._object(item):
            cls = typing.cast("type", item)
            if not ordered:
                raise TypeError(f"{where}: no SQL table for a set of objects")
            if self.places[cls] > 1:
                shape = self.shared_shape(cls)
                link = Column(f"{_snake(cls)}_id", "INTEGER", references=shape.table.name)
                table = Table(
                    name,
                    f"an item of {where}: a row of {shape.table.name}",
                    (*lead, link),
                    (owner.name, "position"),
                    ((link.name,),),
                )
                self.tables.append(table)
                return Many(field.name, table, shape, ordered=True, shared=True)
            has_lists = any(
                typing.get_origin(_unwrap(f.type)[0]) in {tuple, frozenset} for f in _fields(cls)
            )
            shape = self.shape(
                cls,
                name,
                f"{prefix}_{_one(field.name)}",
                lead,
                key="serial" if has_lists else "place",
                home=home,
                doc=f"an item of {where} (runtone.{cls.__name__})",
            )
            return Many(field.name, shape.table, shape, ordered=True)
        used = {c.name for c in lead}
        value = self.scalar(
            field, item, optional=False, home=home, used=used, name=_one(field.name), item=True
        )
        columns = value.columns
        if not ordered and len(columns) > 1:
            raise TypeError(f"{where}: no SQL table for a set of references to two collections")
        primary = (owner.name, "position") if ordered else (owner.name, columns[0].name)
        checks = (value.check,) if isinstance(value, Reference) and value.check else ()
        table = Table(name, f"an item of {where}", (*lead, *columns), primary, (), checks)
        self.tables.append(table)
        return Many(field.name, table, value, ordered=ordered)

    def shared_shape(self, cls: type) -> Shape:
        """The one table of a class of objects found in several places, built once."""
        shape = self.shared.get(cls)
        if shape is None:
            snake = _snake(cls)
            plural = snake[:-1] + "ies" if snake.endswith("y") else snake + "s"
            shape = self.shared[cls] = self.shape(
                cls,
                plural,
                snake,
                (),
                key="serial",
                home=None,
                doc=f"a runtone.{cls.__name__}, linked to its owner by one link table",
            )
        return shape


def _snake(cls: type) -> str:
    """A class's name in snake_case: ``MuscleEffect`` -> ``muscle_effect``."""
    return _SNAKE.sub("_", cls.__name__).lower()


def _column(field: attrs.Attribute[object], tp: object, name: str, *, not_null: bool) -> Column:
    """The column of a value that is not a record: text, a number, a truth value, an enum."""
    check: str | None = None
    if tp is str:
        choices = field.metadata.get(CHOICES)
        if isinstance(choices, tuple):
            check = f"{_quoted(name)} IN ({', '.join(_text(str(c)) for c in choices)})"
        return Column(name, "TEXT", not_null, check)
    if tp is bool:
        return Column(name, "INTEGER", not_null, f"{_quoted(name)} IN (0, 1)")
    if tp is int or tp is float:
        bounds = field.metadata.get(RANGE)
        if isinstance(bounds, tuple):
            low, high = bounds
            check = f"{_quoted(name)} BETWEEN {low} AND {high}"
        return Column(name, "INTEGER" if tp is int else "REAL", not_null, check)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        values = [m.value for m in tp]
        if not all(isinstance(v, str) for v in values):  # pragma: no cover - none yet
            raise TypeError(f"{field.name}: {tp.__name__} has values that are not text")
        check = f"{_quoted(name)} IN ({', '.join(_text(v) for v in values)})"
        return Column(name, "TEXT", not_null, check)
    raise TypeError(f"{field.name}: no SQL column for {tp!r}")


def _same(value: object) -> object:
    return value


def _number(value: object) -> object:
    """``True`` and ``False`` as SQL stores them: 1 and 0."""
    return int(typing.cast("bool", value))


def _value(value: object) -> object:
    return typing.cast("enum.Enum", value).value


@functools.cache
def layout() -> Layout:
    """The database's tables and how the records fill them, read from the record classes.

    Raises:
        TypeError: a record class has a field of a type with no SQL form (a bug
            of runtone's, found by its tests).
    """
    builder = _Builder()
    shapes = tuple((c.name, builder.collection(c.name, c.record)) for c in COLLECTIONS)
    return Layout(tuple(builder.tables), shapes)


def _rows(dataset: Dataset) -> dict[str, list[Row]]:
    writer = _Writer(dataset)
    for name, shape in layout().collections:
        for position, record in enumerate(getattr(dataset, name)):
            shape.emit(record, (getattr(record, "id"), position), writer)  # noqa: B009
    return writer.rows


# --- writing the file -------------------------------------------------------------------


def to_sqlite(
    dataset: Dataset,
    path: str | os.PathLike[str],
    data_version: str,
    *,
    overwrite: bool = False,
) -> Path:
    """Write ``dataset`` to ``path`` as a SQLite database; return the path.

    The database is written to a new file in the same directory and renamed to
    ``path`` once complete: a failure leaves no file behind (and an existing file
    as it was).

    Raises:
        FileExistsError: ``path`` exists and ``overwrite`` is false.
        IsADirectoryError: ``path`` is a directory.
        OSError: the file cannot be written (no such directory, no permission, the
            disk is full).
        InvalidValueError: ``path`` is empty or cannot be a path (it holds a NUL or
            a character the file system cannot encode).
        TypeError: ``path`` is not a path, or ``overwrite`` is not a bool.
    """
    target = _target(path)
    if not isinstance(overwrite, bool):
        raise TypeError(f"overwrite: expected True or False, got {shown(overwrite)}")
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(target))
    if not overwrite and os.path.lexists(target):
        raise _exists(target)
    rows = _rows(dataset)  # before any file is made: an error here leaves nothing to remove
    facts = _metadata(data_version)
    facts.append(("locale", dataset.locale))
    temporary = _temporary(target)
    try:
        _write(temporary, target, rows, facts)
        _move(temporary, target, overwrite=overwrite)
    except BaseException:
        _discard(temporary)
        raise
    return target


def _target(path: object) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path: expected a path (a str or an os.PathLike), got {shown(path)}")
    text = os.fspath(path)
    if not isinstance(text, str):
        raise TypeError(f"path: expected a path of text, got {shown(path)}")
    if not text:
        raise InvalidValueError("path", "an empty path names no file")
    try:
        if "\x00" in text:
            raise ValueError("embedded null byte")  # noqa: TRY301 - one message for both
        os.fsencode(text)
    except ValueError as exc:  # UnicodeEncodeError too: a lone surrogate
        raise InvalidValueError("path", f"{shown(text)} cannot be a path: {exc}") from None
    return Path(text)


def _exists(target: Path) -> FileExistsError:
    return FileExistsError(errno.EEXIST, "exists (pass overwrite=True to replace it)", str(target))


def _metadata(data_version: str) -> list[Row]:
    facts: list[Row] = [("schema_version", str(SCHEMA_VERSION)), ("data_version", data_version)]
    # Imported only here: it costs about 30 ms, which no other use of runtone pays.
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    with contextlib.suppress(PackageNotFoundError):  # running from a tree never installed
        facts.append(("runtone_version", version("runtone")))
    return facts


def _temporary(target: Path) -> Path:
    """A new empty file beside ``target``, whose name no other process has taken."""
    for _ in range(100):
        temporary = target.parent / f".runtone-{os.urandom(6).hex()}.tmp"
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:  # named as the caller knows it, not by the temporary name
            raise type(exc)(exc.errno, exc.strerror, str(target)) from None
        os.close(descriptor)
        return temporary
    raise FileExistsError(  # pragma: no cover - a hundred random names taken
        errno.EEXIST, "no temporary file could be made beside it", str(target)
    )


def _write(temporary: Path, target: Path, rows: dict[str, list[Row]], facts: list[Row]) -> None:
    try:
        # Autocommit: the one transaction is begun and committed below, by hand.
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            # The rollback journal in memory: no second file beside the target to clean up.
            connection.execute("PRAGMA journal_mode = MEMORY")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("BEGIN")
            # References are checked at COMMIT: rows may come before the rows they name.
            connection.execute("PRAGMA defer_foreign_keys = ON")
            _fill(connection, rows, facts)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
        finally:
            connection.close()
    except sqlite3.OperationalError as exc:  # disk full, I/O error
        raise OSError(errno.EIO, f"cannot write the database: {exc}", str(target)) from None


def _fill(connection: sqlite3.Connection, rows: dict[str, list[Row]], facts: list[Row]) -> None:
    """Create every table, insert every row, then index every foreign key."""
    tables = layout().tables
    for table in tables:
        connection.execute(table.create())
    connection.executemany(METADATA.insert(), facts)
    for table in tables:
        connection.executemany(table.insert(), rows.get(table.name, ()))
    for table in tables:
        for statement in table.indexes():
            connection.execute(statement)


def _move(temporary: Path, target: Path, *, overwrite: bool) -> None:
    """Rename the finished database to ``target``: over it, or only if it does not exist."""
    try:
        if overwrite:
            os.replace(temporary, target)  # noqa: PTH105 - Path.replace on 3.9 holds its own os.replace
            return
        try:
            # A hard link fails if the target exists, in one step: no check-then-rename race.
            os.link(temporary, target)
        except FileExistsError:
            raise _exists(target) from None
        except OSError:  # a file system without hard links: check, then rename
            if os.path.lexists(target):
                raise _exists(target) from None
            os.replace(temporary, target)  # noqa: PTH105 - as above
            return
    except FileExistsError:
        raise
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror, str(target)) from None
    with contextlib.suppress(OSError):
        temporary.unlink()


def _discard(temporary: Path) -> None:
    for leftover in (temporary, Path(f"{temporary}-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()
