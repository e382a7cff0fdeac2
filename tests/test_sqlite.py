"""The SQLite export: a normalised database the standard library opens and checks clean.

The database is read back with :mod:`sqlite3` alone.  The reader below walks each
record's fields as the record class lists them (not as the export module does), finds
each field's column or table through the layout, and rebuilds the record in the JSON
export's form: a field the database left out, a list out of order or a value changed
on the way makes it differ from :func:`runtone.to_json`.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import sqlite3
import typing
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Union

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from _support import read_raw
from runtone import _loader, _sqlite, cli
from runtone.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Iterator

DS = runtone.load()
COLLECTIONS = tuple(c.name for c in _loader.COLLECTIONS)
RECORDS = [(name, record) for name in COLLECTIONS for record in getattr(DS, name)]
HOWTO = Path(__file__).resolve().parent.parent / "docs" / "howto" / "sqlite.md"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return runtone.export_sqlite(tmp_path_factory.mktemp("sqlite") / "runtone.db")


@pytest.fixture(scope="module")
def db(database: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(database)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def q(name: str) -> str:
    """A table's or column's name as SQL takes it."""
    return _sqlite._quoted(name)


# --- reading records back ----------------------------------------------------------------


def _plain(tp: object) -> object:
    """The type inside ``Optional[...]``."""
    if typing.get_origin(tp) is Union:
        return next(a for a in typing.get_args(tp) if a is not type(None))
    return tp


class Reader:
    """Rebuilds records from the database in the export's JSON form, counting rows read."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.read: Counter[str] = Counter()
        self.shapes = dict(_sqlite.layout().collections)

    def rows(self, table: str, column: str, key: object, order: str) -> list[sqlite3.Row]:
        found = self.db.execute(
            f"SELECT * FROM {q(table)} WHERE {q(column)} = ? ORDER BY {q(order)}",  # noqa: S608 - the layout's names
            (key,),
        ).fetchall()
        self.read[table] += len(found)
        return found

    def record(self, collection: str, ident: str) -> dict[str, object]:
        (row,) = self.rows(collection, "id", ident, "id")
        return self.build(self.shapes[collection], row)

    def build(self, shape: _sqlite.Shape, row: sqlite3.Row) -> dict[str, object]:
        parts = {p.field: p for p in shape.parts}
        many = {m.field: m for m in shape.many}
        built: dict[str, object] = {}
        for field in attrs.fields(typing.cast("type[attrs.AttrsInstance]", shape.cls)):
            if field.name == "id" and shape.key == "id":
                built["id"] = row["id"]
            elif field.name in parts:
                built[field.name] = self.part(parts[field.name], row, _plain(field.type))
            else:  # a KeyError here is a field the database has no place for
                built[field.name] = self.many(many[field.name], row["id"])
        return built

    def part(
        self, part: _sqlite.Value | _sqlite.Reference | _sqlite.Flat, row: sqlite3.Row, tp: object
    ) -> object:
        if isinstance(part, _sqlite.Flat):
            fields = {
                f.name: _plain(f.type)
                for f in attrs.fields(typing.cast("type[attrs.AttrsInstance]", tp))
            }
            assert [p.field for p in part.parts] == list(fields)
            return {p.field: self.part(p, row, fields[p.field]) for p in part.parts}
        values = [row[c.name] for c in part.columns]
        if isinstance(part, _sqlite.Reference):
            found = [v for v in values if v is not None]
            assert len(found) <= 1, values
            return found[0] if found else None
        (value,) = values
        return bool(value) if tp is bool and value is not None else value

    def many(self, many: _sqlite.Many, key: object) -> list[object]:
        table = many.table
        owner = next(c.name for c in table.columns if c.name != "id")
        order = "position" if many.ordered else table.columns[-1].name
        rows = self.rows(table.name, owner, key, order)
        item = many.item
        if isinstance(item, _sqlite.Shape):
            if many.shared:
                link = table.columns[-1].name
                return [
                    self.build(item, self.rows(item.table.name, "id", r[link], "id")[0])
                    for r in rows
                ]
            return [self.build(item, r) for r in rows]
        return [self.part(item, r, None) for r in rows]


@given(st.sampled_from(RECORDS))
def test_a_record_reads_back_as_it_is(db: sqlite3.Connection, record: tuple[str, object]) -> None:
    collection, value = record
    ident = getattr(value, "id")  # noqa: B009
    assert Reader(db).record(collection, ident) == runtone.to_json(value)


def test_every_row_belongs_to_a_record(db: sqlite3.Connection) -> None:
    reader = Reader(db)
    for collection, record in RECORDS:
        reader.record(collection, getattr(record, "id"))  # noqa: B009
    for table in _sqlite.layout().tables:
        if table.name != "metadata":
            (count,) = db.execute(f"SELECT count(*) FROM {q(table.name)}").fetchone()  # noqa: S608
            assert reader.read[table.name] == count, table.name
    assert sum(reader.read.values()) > 5 * len(RECORDS)


def test_each_collection_has_its_records_in_order(db: sqlite3.Connection) -> None:
    for name in COLLECTIONS:
        ids = [r[0] for r in db.execute(f"SELECT id FROM {name} ORDER BY position")]  # noqa: S608
        assert ids == [r.id for r in getattr(DS, name)], name
        (count,) = db.execute(f"SELECT count(*) FROM {name}").fetchone()  # noqa: S608
        assert count == len(getattr(DS, name)) > 0, name


# --- the database as SQLite sees it -------------------------------------------------------


def test_sqlite_finds_every_reference_and_no_damage(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [tuple(r) for r in db.execute("PRAGMA integrity_check")] == [("ok",)]
    assert db.execute("PRAGMA user_version").fetchone()[0] == _sqlite.SCHEMA_VERSION


def test_the_metadata_holds_the_versions(db: sqlite3.Connection) -> None:
    facts = {r["key"]: r["value"] for r in db.execute("SELECT key, value FROM metadata")}
    assert facts == {
        "data_version": runtone.DATA_VERSION,
        "locale": "en",
        "schema_version": str(_sqlite.SCHEMA_VERSION),
        "runtone_version": runtone.__version__,
    }


def _tables(db: sqlite3.Connection) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def _foreign_keys(db: sqlite3.Connection, table: str) -> dict[str, str]:
    """Each foreign-key column of ``table`` and the table it refers to."""
    return {r["from"]: r["table"] for r in db.execute(f"PRAGMA foreign_key_list({q(table)})")}


def test_every_foreign_key_column_leads_an_index(db: sqlite3.Connection) -> None:
    for table in _tables(db):
        led = set()
        for index in db.execute(f"PRAGMA index_list({q(table)})").fetchall():
            info = db.execute(f"PRAGMA index_info({q(index['name'])})").fetchall()
            led.add(min(info, key=lambda r: r["seqno"])["name"])
        assert set(_foreign_keys(db, table)) <= led, table


def test_every_id_column_is_a_foreign_key(db: sqlite3.Connection) -> None:
    found = 0
    for table in _tables(db):
        columns = [r["name"] for r in db.execute(f"PRAGMA table_info({q(table)})")]
        ids = {c for c in columns if c.endswith("_id") or c == "part_of"}
        assert ids <= set(_foreign_keys(db, table)), table
        found += len(ids)
    assert found > 60
    assert _foreign_keys(db, "muscles") == {"part_of": "muscles"}
    assert _foreign_keys(db, "stride_effects") == {"baseline_id": "stride_effects"}
    assert _foreign_keys(db, "exercise_easier") == {
        "exercise_id": "exercises",
        "easier_id": "exercises",
    }
    assert _foreign_keys(db, "finding_exercises") == {
        "finding_id": "findings",
        "exercise_id": "exercises",
    }
    assert _foreign_keys(db, "claim_asserts") == {
        "claim_id": "claims",
        "strike_pattern_id": "strike_patterns",
        "stride_effect_id": "stride_effects",
        "muscle_id": "muscles",
    }


def _columns(db: sqlite3.Connection, table: str) -> list[tuple[str, str, bool]]:
    """Each column of ``table``: name, type, and whether it is NOT NULL."""
    return [
        (r["name"], r["type"], bool(r["notnull"]))
        for r in db.execute(f"PRAGMA table_info({q(table)})")
    ]


def test_the_schema_reads_as_documented(db: sqlite3.Connection) -> None:
    tables = set(_tables(db))
    assert tables == {t.name for t in _sqlite.layout().tables}
    assert {*COLLECTIONS, "metadata", "findings", "finding_sources"} <= tables
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in tables)
    for name in COLLECTIONS:
        assert _columns(db, name)[:2] == [("id", "TEXT", True), ("position", "INTEGER", True)]
    assert _columns(db, "muscle_sources") == [
        ("muscle_id", "TEXT", True),
        ("position", "INTEGER", True),
        ("source_id", "TEXT", True),
    ]
    assert _columns(db, "exercise_targets") == [
        ("exercise_id", "TEXT", True),
        ("position", "INTEGER", True),
        ("muscle_id", "TEXT", True),
        ("role", "TEXT", True),
    ]
    assert _columns(db, "exercise_equipment") == [
        ("exercise_id", "TEXT", True),
        ("equipment", "TEXT", True),
    ]
    assert _columns(db, "injury_risk_factors") == [
        ("injury_id", "TEXT", True),
        ("position", "INTEGER", True),
        ("finding_id", "INTEGER", True),
    ]
    assert _columns(db, "findings") == [
        ("id", "INTEGER", True),
        ("text", "TEXT", True),
        ("evidence", "TEXT", True),
    ]
    assert _columns(db, "finding_sources") == [
        ("finding_id", "INTEGER", True),
        ("position", "INTEGER", True),
        ("source_id", "TEXT", True),
    ]
    for table, column in [
        ("muscles", ("name", "TEXT", True)),
        ("muscles", ("part_of", "TEXT", False)),
        ("sources", ("year", "INTEGER", False)),
        ("exercises", ("unilateral", "INTEGER", True)),
        ("training_rule_parameters", ("value", "REAL", True)),
        ("recommendations", ("dosage_text", "TEXT", True)),
        ("recommendations", ("dosage_sets", "INTEGER", False)),
        ("claim_asserts", ("strike_pattern_id", "TEXT", False)),
    ]:
        assert column in _columns(db, table), (table, column)


def test_the_constraints_hold(database: Path) -> None:
    with contextlib.closing(sqlite3.connect(database)) as db:
        db.execute("PRAGMA foreign_keys = ON")
        bad = [
            "INSERT INTO muscle_sources VALUES ('calves', 99, 'no-such-source')",
            "INSERT INTO muscle_sources VALUES ('calves', 0, 'vannatta-2015')",
            "UPDATE muscles SET region = 'elbow' WHERE id = 'calves'",
            "UPDATE muscles SET name = NULL WHERE id = 'calves'",
            "UPDATE exercises SET unilateral = 2 WHERE id = 'squat'",
            "UPDATE sources SET year = 1500 WHERE id = 'vannatta-2015'",
            # an assertion about a strike pattern and a stride effect at once
            "UPDATE claim_asserts SET stride_effect_id = 'uphill' WHERE strike_pattern_id > ''",
        ]
        for statement in bad:
            with pytest.raises(sqlite3.IntegrityError):
                db.execute(statement)
            db.rollback()


# --- the documented query -----------------------------------------------------------------


_SQL = re.compile(r"^```sql\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def _documented_query() -> str:
    """The how-to's one SQL example."""
    (query,) = _SQL.findall(HOWTO.read_text("utf-8"))
    return str(query)


def test_the_documented_query_finds_what_find_exercises_finds(db: sqlite3.Connection) -> None:
    found = [r[0] for r in db.execute(_documented_query())]
    assert found == [e.id for e in runtone.find_exercises(muscle="hamstrings", equipment=())]
    assert len(found) > 3


@given(st.sampled_from(DS.muscles))
def test_the_documented_query_agrees_for_every_muscle(
    db: sqlite3.Connection, muscle: runtone.Muscle
) -> None:
    query = _documented_query().replace("'hamstrings'", "?")
    assert query.count("?") == 1
    found = [r[0] for r in db.execute(query, (muscle.id,))]
    assert found == [e.id for e in DS.find_exercises(muscle=muscle, equipment=())]


# --- other datasets -----------------------------------------------------------------------


def test_a_dataset_with_a_pack_exports_too(tmp_path: Path) -> None:
    record = copy.deepcopy(next(e for e in read_raw()["exercises"] if e["id"] == "calf-raise"))
    record.update(id="box-calf-raise", name="Box calf raise", aliases=[], equipment=["step"])
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "exercises.json").write_text(json.dumps([record]), "utf-8")
    merged = runtone.load(packs=[pack])
    path = runtone.export_sqlite(tmp_path / "merged.db", dataset=merged)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.row_factory = sqlite3.Row
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for name in COLLECTIONS:
            (count,) = db.execute(f"SELECT count(*) FROM {name}").fetchone()  # noqa: S608
            assert count == len(getattr(merged, name)), name
        added = merged.exercise("box-calf-raise")
        assert Reader(db).record("exercises", added.id) == runtone.to_json(added)
        row = db.execute("SELECT position FROM exercises WHERE id = 'box-calf-raise'").fetchone()
        assert row[0] == len(DS.exercises)


# --- writing safely -----------------------------------------------------------------------


def _fail(*args: object, **kwargs: object) -> typing.NoReturn:
    del args, kwargs
    raise RuntimeError("stopped midway")


def test_a_failure_midway_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The indexes come after every table is made and filled.
    monkeypatch.setattr(_sqlite.Table, "indexes", _fail)
    with pytest.raises(RuntimeError, match="stopped midway"):
        runtone.export_sqlite(tmp_path / "runtone.db")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_midway_keeps_the_file_it_was_to_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "runtone.db"
    target.write_bytes(b"the old file")
    monkeypatch.setattr(_sqlite.Table, "indexes", _fail)
    with pytest.raises(RuntimeError):
        runtone.export_sqlite(target, overwrite=True)
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_bytes() == b"the old file"


def test_a_failed_rename_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        del args, kwargs
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    target = tmp_path / "runtone.db"
    with pytest.raises(PermissionError) as info:
        runtone.export_sqlite(target)
    assert info.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_replaced_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "runtone.db"
    target.write_bytes(b"not ours")
    with pytest.raises(FileExistsError) as info:
        runtone.export_sqlite(target)
    assert info.value.filename == str(target)
    assert "overwrite=True" in str(info.value)
    assert target.read_bytes() == b"not ours"
    assert runtone.export_sqlite(str(target), overwrite=True) == target
    with contextlib.closing(sqlite3.connect(target)) as db:
        assert db.execute("SELECT count(*) FROM muscles").fetchone()[0] == len(DS.muscles)
    assert list(tmp_path.iterdir()) == [target]


def test_a_file_made_while_writing_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "runtone.db"
    rows = _sqlite._rows

    def meanwhile(dataset: runtone.Dataset) -> object:
        target.write_bytes(b"made meanwhile")  # after the check, before the rename
        return rows(dataset)

    monkeypatch.setattr(_sqlite, "_rows", meanwhile)
    with pytest.raises(FileExistsError):
        runtone.export_sqlite(target)
    assert target.read_bytes() == b"made meanwhile"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize(
    ("kwargs", "error", "argument"),
    [
        ({"path": 5}, TypeError, "path"),
        ({"path": b"runtone.db"}, TypeError, "path"),
        ({"path": ""}, InvalidValueError, "path"),
        ({"path": "a\x00b.db"}, InvalidValueError, "path"),
        ({"path": "\ud800.db"}, InvalidValueError, "path"),
        ({"path": "runtone.db", "dataset": "runtone"}, TypeError, "dataset"),
        ({"path": "runtone.db", "overwrite": "yes"}, TypeError, "overwrite"),
    ],
)
def test_a_bad_argument_is_named(
    kwargs: dict[str, object],
    error: type[Exception],
    argument: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error) as info:
        runtone.export_sqlite(**kwargs)  # type: ignore[arg-type]
    assert str(info.value).startswith(f"{argument}: ")
    assert list(tmp_path.iterdir()) == []


def test_a_directory_or_a_missing_one_is_named(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError) as directory:
        runtone.export_sqlite(tmp_path, overwrite=True)
    assert directory.value.filename == str(tmp_path)
    missing = tmp_path / "missing" / "runtone.db"
    with pytest.raises(FileNotFoundError) as absent:
        runtone.export_sqlite(missing)
    assert absent.value.filename == str(missing)
    assert list(tmp_path.iterdir()) == []


# --- the command line ---------------------------------------------------------------------


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_line_writes_a_database_sqlite_opens(tmp_path: Path) -> None:
    target = tmp_path / "runtone.db"
    for _ in range(2):  # the second time over the first, as --output replaces a file
        code, out, err = _run("export", "--format", "sqlite", str(target))
        assert (code, out) == (0, "")
        assert " ".join(err.split()).startswith(f"wrote {target}: {len(DS.sources)} sources")
    with contextlib.closing(sqlite3.connect(target)) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for name in COLLECTIONS:
            (count,) = db.execute(f"SELECT count(*) FROM {name}").fetchone()  # noqa: S608
            assert count == len(getattr(DS, name)), name
    assert list(tmp_path.iterdir()) == [target]


def test_the_command_line_takes_output_and_packs_for_sqlite(tmp_path: Path) -> None:
    record = copy.deepcopy(next(e for e in read_raw()["exercises"] if e["id"] == "calf-raise"))
    record.update(id="box-calf-raise", name="Box calf raise", aliases=[])
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "exercises.json").write_text(json.dumps([record]), "utf-8")
    target = tmp_path / "merged.db"
    code, _, _ = _run("export", "--format", "sqlite", "--output", str(target), "--pack", str(pack))
    assert code == 0
    with contextlib.closing(sqlite3.connect(target)) as db:
        (count,) = db.execute("SELECT count(*) FROM exercises").fetchone()
    assert count == len(DS.exercises) + 1


def test_the_command_line_needs_a_file_for_a_database(tmp_path: Path) -> None:
    code, out, err = _run("export", "--format", "sqlite")
    assert (code, out) == (2, "")
    assert "runtone export: error: --format sqlite: " in err
    code, out, err = _run(
        "export", str(tmp_path / "a.db"), "--output", str(tmp_path / "b.db"), "--json"
    )
    assert (code, out) == (2, "")
    assert json.loads(err)["error"] == "usage"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["missing/runtone.db", "a\x00b.db", "\ud800.db", "."])
def test_the_command_line_says_what_it_cannot_write(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run("export", "--format", "sqlite", name)
    assert (code, out) == (1, "")
    assert err.startswith("runtone: cannot write ")
    assert list(tmp_path.iterdir()) == []


def test_a_file_argument_writes_the_json_as_output_does(tmp_path: Path) -> None:
    target = tmp_path / "runtone.json"
    code, out, _ = _run("export", str(target))
    assert (code, out) == (0, "")
    assert json.loads(target.read_text("utf-8")) == runtone.export()
