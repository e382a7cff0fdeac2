"""The dataset in German, French and Spanish: which fields are translated, and how.

Each language's catalog is a gettext PO file, ``runtone/data/locale/<code>.po``.
An entry's context (``msgctxt``) says where its text goes, as
``collection/id/field`` (``muscles/calves/name``) or, for one item of a list of
steps or cautions, ``collection/id/field/n`` counting from 1; its ``msgid`` is
the English text, and its ``msgstr`` the translation.  A record's aliases are one
entry, one alias a line, so a language may have more or fewer of them than
English does.

A translation is used only while its ``msgid`` is the English text the data hold
now: when the English changes, the field falls back to English until a
translator updates the entry, and the completeness report counts it as stale.
Fields not listed in :data:`FIELDS` (the longer evidence detail: descriptions,
explanations, findings, notes) stay in English in every language.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, cast

from ._po import Entry, by_context

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from ._dataset import Dataset
    from ._packs import Pack

__all__ = [
    "FIELDS",
    "LOCALES",
    "Completeness",
    "Unit",
    "catalog",
    "completeness",
    "load",
    "translate",
    "units",
]

#: The languages runtone has catalogs for, besides English (``"en"``).
LOCALES = ("de", "es", "fr")

#: The fields translated in each collection; every other field stays in English.
FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "muscles": ("name", "aliases", "summary"),
        "injuries": ("name", "aliases", "summary", "see_a_clinician"),
        "exercises": ("name", "aliases", "summary", "steps", "cautions"),
        "strike_patterns": ("name", "aliases", "summary"),
        "stride_effects": ("name", "aliases", "summary", "baseline"),
        "claims": ("statement", "summary"),
        "recommendations": ("title", "summary"),
        "terms": ("name", "aliases", "definition"),
        "training_rules": ("name", "aliases", "summary", "statement"),
    }
)

#: Fields holding a list whose items are translated one entry each.
_ITEMIZED = frozenset({"steps", "cautions"})
#: Fields holding a list of findings, whose ``text`` is translated one entry a finding
#: (when to see a clinician: what a runner must be able to read in their language).
_FINDINGS = frozenset({"see_a_clinician"})


class Unit(NamedTuple):
    """One piece of English text to translate, and where it goes."""

    context: str
    source: str
    collection: str
    ident: str
    field: str
    item: int | None  # the item's place (from 0) in a list of steps, cautions or findings
    position: int  # the record's place in its collection's list


def units(raw: Mapping[str, object]) -> Iterator[Unit]:
    """Every translatable text of the parsed data, in data order."""
    for collection, fields in FIELDS.items():
        records = raw.get(collection)
        if not isinstance(records, list):
            continue
        for position, record in enumerate(records):
            if not isinstance(record, dict):
                continue
            ident = record.get("id")
            if not isinstance(ident, str):
                continue
            for field in fields:
                value = record.get(field)
                where = f"{collection}/{ident}/{field}"
                if isinstance(value, str):
                    yield Unit(where, value, collection, ident, field, None, position)
                elif isinstance(value, list) and value:
                    yield from _list_units(where, value, collection, ident, field, position)


def _list_units(  # noqa: PLR0917 - a unit's parts, as Unit takes them
    where: str, value: list[object], collection: str, ident: str, field: str, position: int
) -> Iterator[Unit]:
    """The units of a list field: one an item (steps, cautions, findings' texts).

    Any other list of strings (aliases) is one unit, an item a line.
    """
    if field in _FINDINGS or field in _ITEMIZED:
        for i, item in enumerate(value):
            text = item.get("text") if isinstance(item, dict) and field in _FINDINGS else item
            if isinstance(text, str):
                yield Unit(f"{where}/{i + 1}", text, collection, ident, field, i, position)
    elif all(isinstance(item, str) for item in value):
        lines = cast("list[str]", value)
        yield Unit(where, "\n".join(lines), collection, ident, field, None, position)


def template(raw: Mapping[str, object], old: Mapping[str, Entry] | None = None) -> list[Entry]:
    """The catalog's entries for the data: each unit with its translation in ``old``.

    A translation whose English text has changed is kept and marked fuzzy, for
    its translator to check against the new text.
    """
    entries = []
    for unit in units(raw):
        found = None if old is None else old.get(unit.context)
        translation = "" if found is None else found.translation
        fuzzy = found is not None and (found.fuzzy or found.source != unit.source)
        entries.append(Entry(unit.context, unit.source, translation, fuzzy, 0))
    return entries


def _file(locale: str) -> str:
    return f"locale/{locale}.po"


def catalog(locale: str) -> dict[str, Entry]:
    """The entries of ``locale``'s packaged catalog, by context.

    Raises:
        CatalogError: the catalog is not one runtone reads, or has a context twice;
            the message names the file and the line.
    """
    from ._resources import data_root  # noqa: PLC0415 - only a translation reads it

    file = _file(locale)
    text = (data_root() / "locale" / f"{locale}.po").read_bytes().decode("utf-8")
    return by_context(text, file)


def _current(entry: Entry | None, unit: Unit) -> bool:
    """Whether ``entry`` translates the unit's English text as the data hold it now."""
    return (
        entry is not None
        and not entry.fuzzy
        and entry.source == unit.source
        and bool(entry.translation)
    )


def translate(raw: Mapping[str, object], entries: Mapping[str, Entry]) -> dict[str, object]:
    """The parsed data with each current translation in place of its English text.

    ``raw`` is not changed: a record that gets a translation is copied first.
    Where the catalog has no current entry, the English text stays.
    """
    out = dict(raw)
    copied: dict[tuple[str, int], dict[str, object]] = {}
    for unit in units(raw):
        entry = entries.get(unit.context)
        if entry is None or not _current(entry, unit):
            continue
        key = (unit.collection, unit.position)
        record = copied.get(key)
        if record is None:
            records = out[unit.collection]
            if records is raw[unit.collection]:
                records = out[unit.collection] = list(records)  # type: ignore[call-overload]
            assert isinstance(records, list)  # noqa: S101 - units() walked it as a list
            original = records[unit.position]
            assert isinstance(original, dict)  # noqa: S101 - units() walked it as a dict
            record = copied[key] = dict(original)
            records[unit.position] = record
        text = entry.translation
        if unit.item is not None:
            items = record[unit.field]
            assert isinstance(items, list)  # noqa: S101
            if items is _original(raw, unit)[unit.field]:
                items = record[unit.field] = list(items)
            if unit.field in _FINDINGS:  # the finding's text; its grade and sources stay
                finding = items[unit.item]
                assert isinstance(finding, dict)  # noqa: S101 - units() read its text
                items[unit.item] = {**finding, "text": text}
            else:
                items[unit.item] = text
        elif unit.field == "aliases":
            record[unit.field] = [a.strip() for a in text.split("\n") if a.strip()]
        else:
            record[unit.field] = text
    return out


def _original(raw: Mapping[str, object], unit: Unit) -> dict[str, object]:
    records = raw[unit.collection]
    assert isinstance(records, list)  # noqa: S101
    record = records[unit.position]
    assert isinstance(record, dict)  # noqa: S101
    return record


def english_keys(raw: Mapping[str, object]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Each record's English name (or title) and aliases, by collection and id."""
    keys: dict[str, dict[str, tuple[str, ...]]] = {}
    for collection in FIELDS:
        records = raw.get(collection)
        if not isinstance(records, list):
            continue
        by_id = keys.setdefault(collection, {})
        for record in records:
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                names = [record[f] for f in ("name", "title") if isinstance(record.get(f), str)]
                aliases = record.get("aliases")
                if isinstance(aliases, list):
                    names.extend(a for a in aliases if isinstance(a, str))
                by_id[record["id"]] = tuple(names)
    return keys


#: Each language's packaged dataset, made on its first load (under _default's lock).
_cache: dict[str, Dataset] = {}


def load(locale: str, packs: Iterable[Pack] | None = None, *, packaged: bool = True) -> Dataset:
    """The dataset in ``locale`` (not ``"en"``): cached when there are no packs."""
    if packs is None and packaged:
        dataset = _cache.get(locale)
        if dataset is None:
            # The package's one loading lock, looked up now: a forked child gets a new one.
            from ._default import _lock  # noqa: PLC0415

            with _lock:
                dataset = _cache.get(locale)
                if dataset is None:
                    dataset = _cache[locale] = _made(locale, None, packaged=True)
        return dataset
    return _made(locale, packs, packaged=packaged)


def _made(locale: str, packs: Iterable[Pack] | None, *, packaged: bool) -> Dataset:
    from ._loader import build, packaged_root, paused_gc, read  # noqa: PLC0415
    from ._packs import load as load_packs  # noqa: PLC0415

    with paused_gc():
        raw = read(packaged_root())
        base = translate(raw, catalog(locale))
        # With packs: the packs over runtone's data in this language.
        dataset = build(base) if packs is None else load_packs(packs, packaged=packaged, base=base)
    also = english_keys(raw) if packaged else {}
    if packs is not None:  # a pack's record in place of ours keeps only its own keys
        translated = english_keys(base)
        for collection, by_id in also.items():
            now = {getattr(r, "id"): r for r in getattr(dataset, collection)}  # noqa: B009
            for ident in list(by_id):
                record = now.get(ident)
                name = getattr(record, "name", None) or getattr(record, "title", None)
                if record is None or name != (translated[collection].get(ident) or (None,))[0]:
                    del by_id[ident]
    frozen = MappingProxyType({c: MappingProxyType(k) for c, k in also.items()})
    dataset._locale = (locale, frozen)  # noqa: SLF001 - set before any index is made
    return dataset


class Completeness(NamedTuple):
    """How much of the data one language's catalog translates."""

    locale: str
    required: int  #: texts to translate
    translated: int  #: with a current translation
    stale: tuple[str, ...]  #: contexts whose translation is of older English, or fuzzy
    missing: tuple[str, ...]  #: contexts with no entry, or an empty one
    unknown: tuple[str, ...]  #: entries for a record or field the data do not have

    @property
    def percent(self) -> float:
        return 100.0 if not self.required else 100.0 * self.translated / self.required

    def __str__(self) -> str:
        return (
            f"{self.locale}: {self.translated} of {self.required} texts translated "
            f"({self.percent:.1f}%), {len(self.stale)} stale, {len(self.missing)} missing, "
            f"{len(self.unknown)} for no record"
        )


def completeness(locale: str, raw: Mapping[str, object] | None = None) -> Completeness:
    """The completeness of ``locale``'s catalog against the packaged data (or ``raw``)."""
    if raw is None:
        from ._loader import packaged_root, read  # noqa: PLC0415

        raw = read(packaged_root())
    entries = catalog(locale)
    stale: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()
    for unit in units(raw):
        seen.add(unit.context)
        entry = entries.get(unit.context)
        if entry is None or not entry.translation:
            missing.append(unit.context)
        elif not _current(entry, unit):
            stale.append(unit.context)
    unknown = tuple(c for c in entries if c not in seen)
    required = len(seen)
    return Completeness(
        locale,
        required,
        required - len(stale) - len(missing),
        tuple(stale),
        tuple(missing),
        unknown,
    )


def texts_completeness(locale: str) -> Completeness:
    """The completeness of ``locale``'s catalog of the texts around the data.

    Those are :data:`runtone._messages.MESSAGES` and the shapes file's names (see
    :mod:`runtone._messages`); a translation whose named fields differ from its
    English counts as stale, since it is not used.
    """
    from ._diagram import shape_texts  # noqa: PLC0415 - the report alone needs them
    from ._messages import MESSAGES, usable  # noqa: PLC0415
    from ._messages import catalog as texts_catalog  # noqa: PLC0415

    required = {**MESSAGES, **shape_texts()}
    entries = texts_catalog(locale)
    stale: list[str] = []
    missing: list[str] = []
    for key, english in required.items():
        entry = entries.get(key)
        if entry is None or not entry.translation:
            missing.append(key)
        elif entry.source != english or not usable(entry):
            stale.append(key)
    unknown = tuple(key for key in entries if key not in required)
    return Completeness(
        f"{locale} (texts)",
        len(required),
        len(required) - len(stale) - len(missing),
        tuple(stale),
        tuple(missing),
        unknown,
    )


def main() -> int:
    """Print each language's completeness, data then texts; fail unless all are whole."""
    whole = True
    reports = [completeness(code) for code in LOCALES]
    reports.extend(texts_completeness(code) for code in LOCALES)
    for report in reports:
        print(report)  # noqa: T201 - the report is the output
        for label, contexts in (
            ("stale", report.stale),
            ("missing", report.missing),
            ("for no record", report.unknown),
        ):
            for context in contexts[:20]:
                print(f"  {label}: {context}")  # noqa: T201
        whole = whole and report.translated == report.required and not report.unknown
    return 0 if whole else 1


if __name__ == "__main__":
    raise SystemExit(main())
