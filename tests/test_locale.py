"""The dataset in German, French and Spanish: the catalogs, load(locale=...), lookups, export."""

from __future__ import annotations

import contextlib
import io
import json
import pickle
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runtone
from runtone import InvalidValueError, _locale, _messages, _po, cli
from runtone._dataset import normalize
from runtone._loader import packaged_root, read
from runtone.errors import singular

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LOCALES = _locale.LOCALES
RAW = read(packaged_root())
ENGLISH = runtone.export()


def _lookup(ds: runtone.Dataset, collection: str) -> Callable[[str], Any]:
    """The dataset's lookup for one collection (``ds.muscle`` for ``"muscles"``)."""
    return cast("Callable[[str], Any]", getattr(ds, singular(collection).replace(" ", "_")))


def _rows(data: Mapping[str, object], collection: str) -> list[dict[str, object]]:
    """One collection's records of parsed or exported data."""
    return cast("list[dict[str, object]]", data[collection])


# --- the examples ---------------------------------------------------------------


def test_the_calves_by_their_german_name() -> None:
    calves = runtone.load(locale="de").muscle("Wadenmuskulatur")
    assert calves.id == "calves"
    assert calves.name == "Wadenmuskulatur"
    assert calves.name != runtone.muscle("calves").name


@pytest.mark.parametrize(("locale", "name"), [("fr", "Mollets"), ("es", "Pantorrillas")])
def test_the_calves_by_their_french_and_spanish_names(locale: str, name: str) -> None:
    calves = runtone.load(locale=locale).muscle(name)
    assert (calves.id, calves.name) == ("calves", name)


@pytest.mark.parametrize("locale", LOCALES)
def test_each_catalog_translates_every_required_text(locale: str) -> None:
    report = _locale.completeness(locale)
    print(report)  # noqa: T201 - the gate's completeness report
    assert report.required == sum(1 for _ in _locale.units(RAW)) > 1000
    assert (report.stale, report.missing, report.unknown) == ((), (), ())
    assert report.translated == report.required
    assert report.percent == 100.0
    assert str(report).startswith(f"{locale}: {report.required} of {report.required} texts")


def test_the_completeness_command_prints_each_language_and_passes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _locale.main() == 0
    lines = capsys.readouterr().out.splitlines()
    # The data's catalogs, then the texts' (the pictures' words).
    assert [line.split(":")[0] for line in lines] == [
        *LOCALES,
        *(f"{code} (texts)" for code in LOCALES),
    ]
    assert all("(100.0%)" in line for line in lines)


# --- what a translation changes, and what it keeps ------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_a_translation_keeps_ids_order_and_every_other_field(locale: str) -> None:
    translated = runtone.export(locale=locale)
    assert translated["locale"] == locale
    assert translated["data_version"] == ENGLISH["data_version"]
    changed = total = 0
    for collection, records in ENGLISH.items():
        if not isinstance(records, list):
            continue
        theirs = _rows(translated, collection)
        assert [r["id"] for r in theirs] == [r["id"] for r in _rows(ENGLISH, collection)]
        fields = _locale.FIELDS.get(collection, ())
        for mine, other in zip(records, theirs):
            assert isinstance(mine, dict)
            assert isinstance(other, dict)
            assert mine.keys() == other.keys()
            for field, value in mine.items():
                if field in fields:
                    total += 1
                    changed += other[field] != value
                    theirs_value = other[field]
                    if isinstance(value, list) and field != "aliases":
                        assert isinstance(theirs_value, list)
                        assert len(theirs_value) == len(value)
                else:
                    assert other[field] == value, (collection, mine["id"], field)
    assert changed > 0.9 * total


@pytest.mark.parametrize("locale", LOCALES)
def test_every_translated_name_and_alias_finds_its_record(locale: str) -> None:
    ds = runtone.load(locale=locale)
    for collection in _locale.FIELDS:
        lookup = _lookup(ds, collection)
        for record in getattr(ds, collection):
            keys = [getattr(record, "name", None) or getattr(record, "title", None)]
            keys += list(getattr(record, "aliases", ()))
            for key in filter(None, keys):
                assert lookup(key) is record, (collection, record.id, key)


@pytest.mark.parametrize("locale", LOCALES)
def test_english_names_still_work_unless_the_language_uses_the_word_elsewhere(
    locale: str,
) -> None:
    ds = runtone.load(locale=locale)
    english = runtone.load()
    shadowed = []
    for collection in _locale.FIELDS:
        lookup, own = _lookup(ds, collection), _lookup(english, collection)
        local = {
            normalize(k): r.id
            for r in getattr(ds, collection)
            for k in (
                getattr(r, "name", None),
                getattr(r, "title", None),
                *getattr(r, "aliases", ()),
            )
            if k
        }
        for record in getattr(english, collection):
            for key in (getattr(record, "name", None), getattr(record, "title", None)):
                if not key:
                    continue
                found = lookup(key)
                assert found.id == own(key).id or local.get(normalize(key)) == found.id
                shadowed += [key] if found.id != record.id else []
    assert len(shadowed) < 5, shadowed


@given(st.sampled_from(LOCALES), st.data())
@SETTINGS
def test_any_record_looked_up_by_id_is_the_same_record_in_every_language(
    locale: str, data: st.DataObject
) -> None:
    ds = runtone.load(locale=locale)
    collection = data.draw(st.sampled_from(sorted(_locale.FIELDS)))
    record = data.draw(st.sampled_from(getattr(ds, collection)))
    assert _lookup(ds, collection)(record.id) is record
    english = _lookup(runtone.load(), collection)(record.id)
    assert type(english) is type(record)
    assert english.evidence is record.evidence
    assert english.sources == record.sources


def test_search_finds_records_by_the_language_s_words_and_by_english() -> None:
    de = runtone.load(locale="de")
    assert runtone.search("Wade", dataset=de)[0].record.id == "calves"
    hit = runtone.search("calves", dataset=de)[0]
    assert (hit.record.id, hit.field, hit.text) == ("calves", "english", "Calves")
    fr = runtone.load(locale="fr")
    assert runtone.search("ischio-jambiers", dataset=fr)[0].record.id == "hamstrings"
    es = runtone.load(locale="es")
    assert runtone.search("sentadilla", dataset=es)[0].record.id == "squat"


# --- load(locale=...) as an API -----------------------------------------------------------


def test_each_language_is_loaded_once_and_english_is_the_default() -> None:
    assert runtone.load(locale="de") is runtone.load(locale="de")
    assert runtone.load(locale="en") is runtone.load() is runtone.load(locale=None)
    assert runtone.load().locale == "en"
    assert {runtone.load(locale=code).locale for code in LOCALES} == set(LOCALES)


@pytest.mark.parametrize(
    ("locale", "error", "message"),
    [
        ("DE", InvalidValueError, "locale: 'DE' is not one of 'en', 'de', 'es', 'fr'"),
        ("german", InvalidValueError, "locale: 'german' is not one of"),
        ("", InvalidValueError, "locale: '' is not one of"),
        (3, TypeError, "locale: expected a language code such as 'de', got 3"),
        (b"de", TypeError, "locale: expected a language code"),
    ],
)
def test_a_locale_that_is_no_language_says_so(
    locale: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match="^" + message.replace("(", r"\(")):
        runtone.load(locale=locale)  # type: ignore[arg-type]


def test_a_locale_gets_a_suggestion_when_close() -> None:
    with pytest.raises(InvalidValueError) as info:
        runtone.load(locale="DE")
    assert info.value.suggestions == ("de",)


def test_a_translated_dataset_pickles_with_its_language_and_english_keys() -> None:
    de = runtone.load(locale="de")
    back = pickle.loads(pickle.dumps(de))  # noqa: S301 - our own bytes
    assert back == de
    assert back.locale == "de"
    assert back.muscle("calves").name == "Wadenmuskulatur"
    assert back.muscle("Calves") is back.muscle("Wade")


def test_packs_load_over_the_translation(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    muscle = dict(next(r for r in _rows(ENGLISH, "muscles") if r["id"] == "calves"))
    muscle.update(id="my-calves", name="My calves", aliases=["my calf"], part_of=None)
    (pack / "muscles.json").write_text(json.dumps([muscle]), encoding="utf-8")
    ds = runtone.load(packs=[pack], locale="de")
    assert ds.locale == "de"
    assert ds.muscle("my calf").id == "my-calves"
    assert ds.muscle("Wade").name == "Wadenmuskulatur"
    assert ds.muscle("Calves").id == "calves"  # the English name, still


def test_export_and_sqlite_carry_the_language(tmp_path: Path) -> None:
    de = runtone.load(locale="de")
    assert runtone.export(de)["locale"] == "de"
    assert runtone.export(de, locale="de") == runtone.export(locale="de")
    with pytest.raises(
        InvalidValueError, match=r"^locale: 'fr' differs from the dataset's own, 'de'"
    ):
        runtone.export(de, locale="fr")
    with pytest.raises(InvalidValueError, match=r"^locale: 'xx' is not one of"):
        runtone.export(de, locale="xx")
    path = runtone.export_sqlite(tmp_path / "de.db", locale="es")
    with contextlib.closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT value FROM metadata WHERE key = 'locale'").fetchone() == ("es",)
        name = db.execute("SELECT name FROM muscles WHERE id = 'calves'").fetchone()
    assert name == ("Pantorrillas",)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_line_takes_a_locale_before_or_after_the_command() -> None:
    code, out, _ = _run("--locale", "de", "muscle", "Wade")
    assert code == 0
    assert out.startswith("Wadenmuskulatur\n")
    code, out, _ = _run("muscle", "calves", "--locale", "fr", "--json")
    assert code == 0
    assert json.loads(out)["name"] == "Mollets"
    code, out, err = _run("muscle", "calves", "--locale", "xx")
    assert code == 2
    assert out == ""
    assert "--locale: 'xx' is not one of 'en', 'de', 'es', 'fr'" in err


# --- the catalog format --------------------------------------------------------------


def test_a_translation_of_older_english_falls_back_and_is_counted_stale() -> None:
    entries = _locale.catalog("de")
    raw: dict[str, object] = {**RAW, "muscles": [dict(r) for r in _rows(RAW, "muscles")]}
    calves = next(r for r in _rows(raw, "muscles") if r["id"] == "calves")
    calves["name"] = "Calf muscles"
    translated = _locale.translate(raw, entries)
    names = {r["id"]: r["name"] for r in _rows(translated, "muscles")}
    assert names["calves"] == "Calf muscles"  # English, as the catalog has no current entry
    assert names["hamstrings"] != "Hamstrings"
    assert _rows(RAW, "muscles")[0]["name"] == "Core"  # not changed in place
    report = _locale.completeness("de", raw)
    assert report.stale == ("muscles/calves/name",)
    assert report.translated == report.required - 1


def test_an_entry_for_no_record_is_reported() -> None:
    raw = {**RAW, "muscles": [r for r in _rows(RAW, "muscles") if r["id"] != "calves"]}
    report = _locale.completeness("fr", raw)
    assert "muscles/calves/name" in report.unknown
    assert report.missing == report.stale == ()


_STRING = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@given(
    st.lists(
        st.tuples(_STRING.filter(bool), _STRING.filter(bool), _STRING, st.booleans()),
        max_size=8,
        unique_by=lambda e: e[0],
    )
)
@SETTINGS
def test_any_catalog_written_reads_back_the_same(
    entries: list[tuple[str, str, str, bool]],
) -> None:
    made = [_po.Entry(c, s, t, f, 0) for c, s, t, f in entries]
    back = _po.parse(_po.write({"Language": "de"}, made), "x.po")
    assert [(e.context, e.source, e.translation, e.fuzzy) for e in back] == entries


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('msgid "a"\nmsgstr "b\n', "x.po, line 2: expected a quoted string, got '\"b'"),
        ('msgid "a"\nmsgstr "b\\q"\n', "x.po, line 2: unknown escape"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', "x.po, line 2: plural forms"),
        ('#~ msgid "a"\n', "x.po, line 1: obsolete entries"),
        ('msgid "a"\n\nmsgstr "b"\n', "x.po, line 1: an entry without msgstr"),
        ('msgctxt "c"\nmsgctxt "d"\nmsgid "a"\nmsgstr ""\n', "x.po, line 2: msgctxt out of place"),
        ('"loose"\n', "x.po, line 1: a string continues no keyword"),
        ('msgfoo "a"\n', "x.po, line 1: unknown keyword 'msgfoo'"),
        ('msgid "a "b""\nmsgstr ""\n', "x.po, line 1: a quote inside a string must be escaped"),
    ],
)
def test_a_malformed_catalog_names_its_file_and_line(text: str, message: str) -> None:
    with pytest.raises(_po.CatalogError) as info:
        _po.parse(text, "x.po")
    assert str(info.value).startswith(message)


def test_entries_follow_one_another_without_blank_lines_and_keep_their_flags() -> None:
    text = (
        'msgid ""\nmsgstr "Language: de\\n"\n'
        '#. a note\n#, fuzzy\nmsgctxt "c1"\nmsgid "one"\nmsgstr "eins"\n'
        'msgctxt "c2"\nmsgid ""\n"two\\n"\n"lines"\nmsgstr "zwei"\n'
    )
    first, second = _po.parse(text, "x.po")
    assert (first.context, first.source, first.translation, first.fuzzy) == (
        "c1",
        "one",
        "eins",
        True,
    )
    assert first.comments == ("a note",)
    assert (second.context, second.source, second.fuzzy, second.line) == (
        "c2",
        "two\nlines",
        False,
        8,
    )


def test_the_packaged_catalogs_are_plain_utf8_po_with_each_context_once() -> None:
    root = Path(runtone.__file__).parent / "data" / "locale"
    names = [f"{code}.po" for code in sorted(LOCALES)]
    assert sorted(p.name for p in root.iterdir()) == [*names, "ui"]  # ui: the texts'
    assert sorted(p.name for p in (root / "ui").iterdir()) == names
    for code in LOCALES:
        for path, catalog_of in (
            (root / f"{code}.po", _locale.catalog),
            (root / "ui" / f"{code}.po", _messages.catalog),
        ):
            text = path.read_text(encoding="utf-8")
            assert f'"Language: {code}\\n"' in text
            assert "Content-Type: text/plain; charset=UTF-8" in text
            entries = _po.parse(text, code)
            assert len({e.context for e in entries}) == len(entries) == len(catalog_of(code))
        assert not any(e.fuzzy for e in entries)
