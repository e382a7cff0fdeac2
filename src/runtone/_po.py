"""Reading and writing gettext PO catalogs: the subset runtone's translations use.

A PO file is a list of entries, each a context (``msgctxt``), the English text
(``msgid``) and its translation (``msgstr``), with comments before it (``#,
fuzzy`` marks a translation its translator doubts; runtone does not use one).
Strings are C-style quoted and may be split over lines, which are joined.
Plural forms (``msgid_plural``) and obsolete entries (``#~``) are not used by
runtone; a catalog with them is refused with the line that has them.

The standard library's :mod:`gettext` reads only compiled MO files; PO is the
text format translators' tools (Poedit, Weblate, Lokalize, ``msgfmt``) open,
and runtone reads it directly so that no compiled file has to be kept in step.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["CatalogError", "Entry", "by_context", "parse", "quote", "write"]


class CatalogError(ValueError):
    """A PO catalog that cannot be read; the message names the file and line."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}, line {line}: {message}")
        self.file = file
        self.line = line
        self.message = message


class Entry(NamedTuple):
    """One catalog entry: where it is, what it translates and into what."""

    context: str
    source: str
    translation: str
    fuzzy: bool
    line: int
    comments: tuple[str, ...] = ()


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
_QUOTED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _unquote(text: str, file: str, line: int) -> str:
    """The value of one C-style quoted string (``"..."``), escapes resolved."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':  # noqa: PLR2004 - two quotes
        raise CatalogError(file, line, f"expected a quoted string, got {text[:40]!r}")
    body = text[1:-1]
    if "\\" not in body:
        if '"' in body:
            raise CatalogError(file, line, "a quote inside a string must be escaped")
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] not in _ESCAPES:
                raise CatalogError(file, line, f"unknown escape in {text[:40]!r}")
            out.append(_ESCAPES[body[i + 1]])
            i += 2
            continue
        if char == '"':
            raise CatalogError(file, line, "a quote inside a string must be escaped")
        out.append(char)
        i += 1
    return "".join(out)


def quote(text: str) -> str:
    """``text`` as one C-style quoted PO string."""
    return '"' + "".join(_QUOTED.get(c, c) for c in text) + '"'


def parse(text: str, file: str) -> list[Entry]:  # noqa: C901, PLR0912, PLR0915 - one pass, one state
    """The entries of a PO catalog, header (the entry with an empty ``msgid``) excluded.

    Raises:
        CatalogError: the text is not a PO catalog of the subset runtone uses; the
            message names ``file`` and the line.
    """
    entries: list[Entry] = []
    fields: dict[str, list[str]] = {}
    comments: list[str] = []
    fuzzy = False
    start = 0
    current: str | None = None

    def finish(line: int) -> None:
        nonlocal fields, comments, fuzzy, current
        if fields:
            for needed in ("msgid", "msgstr"):
                if needed not in fields:
                    raise CatalogError(file, start, f"an entry without {needed}")
            source = "".join(fields["msgid"])
            if source:  # the header has an empty msgid
                context = "".join(fields.get("msgctxt", []))
                translation = "".join(fields["msgstr"])
                entries.append(Entry(context, source, translation, fuzzy, start, tuple(comments)))
        del line
        fields, comments, fuzzy, current = {}, [], False, None

    # Lines end at "\n" only: a string may hold any other line separator (U+2028...).
    lines = text.split("\n")
    for number, raw in enumerate(lines, 1):
        line = raw.strip(" \t\r")
        if not line:
            finish(number)
            continue
        if line.startswith("#~"):
            raise CatalogError(file, number, "obsolete entries (#~) are not read: remove them")
        if line.startswith("#"):
            if fields and current == "msgstr":
                finish(number)
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in (f.strip() for f in line[2:].split(","))
            elif line.startswith("#."):
                comments.append(line[2:].strip())
            continue
        if line.startswith('"'):
            if current is None:
                raise CatalogError(file, number, "a string continues no keyword")
            fields[current].append(_unquote(line, file, number))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid_plural" or keyword.startswith("msgstr["):
            raise CatalogError(file, number, "plural forms are not used by runtone's catalogs")
        if keyword not in ("msgctxt", "msgid", "msgstr"):
            raise CatalogError(file, number, f"unknown keyword {keyword!r}")
        if keyword != "msgstr" and "msgstr" in fields:  # the next entry begins
            finish(number)
        elif keyword in fields or (keyword == "msgctxt" and "msgid" in fields):
            raise CatalogError(file, number, f"{keyword} out of place in an entry")
        if not fields:
            start = number
        current = keyword
        fields[keyword] = [_unquote(rest.strip(), file, number)]
    finish(len(lines) + 1)
    return entries


def by_context(text: str, file: str) -> dict[str, Entry]:
    """The entries of a catalog's text, by context, each context once.

    Raises:
        CatalogError: the text is not a catalog runtone reads, or has a context twice;
            the message names the file and the line.
    """
    found: dict[str, Entry] = {}
    for entry in parse(text, file):
        first = found.setdefault(entry.context, entry)
        if first is not entry:
            raise CatalogError(
                file, entry.line, f"{entry.context!r} again (first at line {first.line})"
            )
    return found


def write(header: dict[str, str], entries: list[Entry]) -> str:
    """A PO catalog's text: the header's fields, then each entry with its comments."""
    lines = ['msgid ""', 'msgstr ""']
    lines.extend(quote(f"{key}: {value}\n") for key, value in header.items())
    for entry in entries:
        lines.append("")
        lines.extend(f"#. {comment}" for comment in entry.comments)
        if entry.fuzzy:
            lines.append("#, fuzzy")
        lines.append(f"msgctxt {quote(entry.context)}")
        for keyword, value in (("msgid", entry.source), ("msgstr", entry.translation)):
            if "\n" in value.rstrip("\n"):
                parts = value.split("\n")
                pieces = [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
                lines.append(f'{keyword} ""')
                lines.extend(quote(p) for p in pieces)
            else:
                lines.append(f"{keyword} {quote(value)}")
    return "\n".join(lines) + "\n"
