"""The texts runtone writes around the data, in each language.

The data's own texts (names, summaries, steps) are translated by the catalogs of
:mod:`runtone._locale`.  The words the code puts around them (a picture's title and
legend, a plan's notes and changes, text output's labels, the plan chart's and the
calendar's words: "Calves: more work", "Week 2, build") are held under a key, in
English, by the modules of :mod:`runtone._texts`, which :data:`MESSAGES` puts
together; this module translates them from a second gettext catalog a language,
``runtone/data/locale/ui/<code>.po``.  An entry's context (``msgctxt``) is the key,
its ``msgid`` the English text and its ``msgstr`` the translation.  A text may hold
named fields (``{exercise}``), filled in when the text is used; a translation holds
the same fields, in the order its language puts them.

Texts whose English lives in another data file (the names of the body map's views
and of its joints and tendons, in the shapes file) are translated the same way,
under the keys ``shapes/views/<view>`` and ``shapes/structures/<structure>``.

As in the data's catalogs, a translation is used only while its ``msgid`` is the
English text of now, and a text with none is written in English.
"""

from __future__ import annotations

import os
import string
import threading
from types import MappingProxyType
from typing import TYPE_CHECKING

from ._texts import advice, charts, common, enums, output, pictures, plans
from ._vocab import words as _enum_words

if TYPE_CHECKING:
    import enum
    from collections.abc import Mapping

    from ._po import Entry

__all__ = ["MESSAGES", "Words", "catalog", "fields_of", "usable", "words"]

#: Every text the code writes around the data, by key, in English.
MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        **pictures.TEXTS,
        **common.TEXTS,
        **enums.TEXTS,
        **advice.TEXTS,
        **plans.TEXTS,
        **output.TEXTS,
        **charts.TEXTS,
    }
)

_FORMATTER = string.Formatter()
#: The languages that write a noun with a capital letter inside a sentence too.
_CAPITAL_NOUNS = frozenset({"de"})


def fields_of(text: str) -> list[str]:
    """The named fields of a text, in order (``"{a} to {b}"`` -> ``["a", "b"]``).

    Raises:
        ValueError: the text is not a format string (a lone ``{``, say).
    """
    return [name for _, name, _, _ in _FORMATTER.parse(text) if name is not None]


def _file(locale: str) -> str:
    return f"locale/ui/{locale}.po"


def catalog(locale: str) -> dict[str, Entry]:
    """The entries of ``locale``'s catalog of texts, by context (the key).

    Raises:
        CatalogError: the catalog is not one runtone reads, or has a key twice; the
            message names the file and the line.
    """
    from ._po import by_context  # noqa: PLC0415 - only a translation reads a catalog
    from ._resources import data_root  # noqa: PLC0415

    file = _file(locale)
    text = (data_root() / "locale" / "ui" / f"{locale}.po").read_bytes().decode("utf-8")
    return by_context(text, file)


def usable(entry: Entry) -> bool:
    """Whether a translation can stand for its English.

    It must not be empty or fuzzy, and must hold the same named fields (a text
    filled in with a field it lacks would fail).
    """
    if not entry.translation or entry.fuzzy:
        return False
    try:
        return sorted(fields_of(entry.translation)) == sorted(fields_of(entry.source))
    except ValueError:  # a lone brace: not a text that can be filled in
        return False


class Words:
    """One language's texts: ``words(key, **fields)`` is the text of ``key``, filled in."""

    __slots__ = ("_entries", "locale")

    def __init__(self, locale: str, entries: Mapping[str, Entry]) -> None:
        self.locale = locale
        #: Each usable translation's English and text, by key.
        self._entries = {
            key: (entry.source, entry.translation)
            for key, entry in entries.items()
            if usable(entry)
        }

    def __call__(self, key: str, /, **fields: object) -> str:
        """The text of ``key`` in this language, its fields filled in."""
        text = self.text(key, MESSAGES[key])
        return text.format(**fields) if fields else text

    def member(self, member: enum.Enum) -> str:
        """An enum value in words in this language (``SessionKind.RUN_WALK`` -> ``run walk``).

        A value of an enum with no texts of its own is its value in words, as in English.
        """
        key = enums.key(member)
        english = MESSAGES.get(key)
        return _enum_words(member) if english is None else self.text(key, english)

    def in_sentence(self, name: str) -> str:
        """A record's name as it is written inside a sentence of this language.

        English, French and Spanish write a common noun in lower case there ("treats
        your patellofemoral pain"); German keeps a noun's capital.
        """
        return name if self.locale in _CAPITAL_NOUNS else name.lower()

    def text(self, key: str, english: str) -> str:
        """The translation under ``key`` while it translates ``english``; else ``english``."""
        entry = self._entries.get(key)
        return entry[1] if entry is not None and entry[0] == english else english


_lock = threading.Lock()
_words: dict[str, Words] = {}


def _after_fork_in_child() -> None:
    # A fork while another thread reads a catalog would leave the child's copy of the
    # lock held for ever (that thread does not exist in the child): give it a new one.
    global _lock  # noqa: PLW0603 - the lock is module state by design
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_after_fork_in_child)


def words(locale: str) -> Words:
    """The texts in ``locale`` (``"en"``, or a catalog's language), read on first use.

    Raises:
        CatalogError: the language's catalog is not one runtone reads.
    """
    found = _words.get(locale)
    if found is not None:
        return found
    with _lock:
        found = _words.get(locale)
        if found is None:
            found = _words[locale] = Words(locale, {} if locale == "en" else catalog(locale))
    return found
