"""The texts runtone writes around the data, in each language: the pictures' words.

The data's own texts (names, summaries, steps) are translated by the catalogs of
:mod:`runtone._locale`.  The words a picture puts around them (its title, legend
and description: "Calves: more work", "Role in the exercise") are written by the
code; this module holds each of them under a key, in English, and translates them
from a second gettext catalog a language, ``runtone/data/locale/ui/<code>.po``.
An entry's context (``msgctxt``) is the key, its ``msgid`` the English text and its
``msgstr`` the translation.  A text may hold named fields (``{exercise}``), filled
in when the text is used; a translation holds the same fields, in the order its
language puts them.

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

from ._po import Entry, by_context

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["MESSAGES", "Words", "catalog", "fields_of", "usable", "words"]

#: Every text the code writes around the data, by key, in English.
MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        # A comparison of two strike patterns, or a stride effect against its baseline.
        "diagram/change/title": "{a} \N{RIGHTWARDS ARROW} {b}: change in muscle work",
        "diagram/change/intro": "Going from {a} to {b}.",
        "diagram/effect/title": "{effect}: change in muscle work",
        "diagram/effect/intro": "{effect}, against its baseline: {baseline}",
        "diagram/change/heading": "Change in work",
        "diagram/change/legend/more": "more work or load",
        "diagram/change/legend/less": "less work or load",
        "diagram/change/legend/similar": "about the same",
        "diagram/change/legend/unknown": "direction unknown",
        "diagram/change/none": "no finding",
        # What a muscle's or a joint's shape says (its <title>), and the groups of the
        # description, by direction.
        "diagram/work/more": "more work",
        "diagram/work/less": "less work",
        "diagram/work/similar": "about the same",
        "diagram/work/unknown": "direction unknown",
        "diagram/load/more": "more load",
        "diagram/load/less": "less load",
        "diagram/load/similar": "about the same",
        "diagram/load/unknown": "direction unknown",
        "diagram/muscles/more": "More work",
        "diagram/muscles/less": "Less work",
        "diagram/muscles/similar": "About the same",
        "diagram/muscles/unknown": "Direction unknown",
        "diagram/joints/more": "Joints and tendons, more load",
        "diagram/joints/less": "Joints and tendons, less load",
        "diagram/joints/similar": "Joints and tendons, about the same",
        "diagram/joints/unknown": "Joints and tendons, direction unknown",
        "diagram/circles": "circles: joints, tendons",
        # An exercise's targets, and a plan week's, by role.
        "diagram/exercise/title": "{exercise}: muscles worked",
        "diagram/exercise/intro": "The muscles {exercise} works, by role.",
        "diagram/exercise/heading": "Role in the exercise",
        "diagram/exercise/none": "not worked",
        "diagram/week/title": "Week {number}: muscles trained",
        "diagram/week/intro": (
            "The muscles the sessions of week {number} work, each in the strongest role a"
            " session gives it."
        ),
        "diagram/week/heading": "Role in the week's sessions",
        "diagram/week/none": "not trained",
        "diagram/role/primary": "primary mover",
        "diagram/role/secondary": "secondary mover",
        "diagram/role/stabilizer": "stabilizer",
        "diagram/roles/primary": "Primary movers",
        "diagram/roles/secondary": "Secondary movers",
        "diagram/roles/stabilizer": "Stabilizers",
        # A mapping of muscles to intensities.
        "diagram/intensity/title": "Intensity by muscle",
        "diagram/intensity/intro": "Each muscle coloured by an intensity from 0 to 1.",
        "diagram/intensity/heading": "Intensity",
        "diagram/intensity/state": "intensity {value}",
        "diagram/intensity/none": "not given",
        # Every picture's description, and a muscle drawn in its group's colour.
        "diagram/seen": "The legs, hips and trunk seen from the {views}.",
        "diagram/and": "{first} and {second}",
        "diagram/group": "{heading}: {names}.",
        "diagram/uncoloured": "No muscle is coloured.",
        "diagram/undrawn": "Not drawn, for want of a shape: {names}.",
        "diagram/inherited": "shown with its group, {group}: {words}",
        # A shape's tooltip begins with its name ("Calves: more work"); a number's
        # decimal point ("intensity 0.75").
        "diagram/label": "{name}: ",
        "diagram/decimal": ".",
        # The gait chart (runtone.gait_chart): when in the stride each muscle works.
        "gait/title": "When the muscles work in the running stride",
        "gait/desc": (
            "Each row is one study of one muscle: the bar shows where in the gait cycle,"
            " from foot contact (0%) to the next contact of the same foot (100%), the study"
            " found the muscle active; a shaded start of a row is the study's stance phase,"
            " where it gives toe-off."
        ),
        "gait/active": (
            "{muscle}: active from {onset}% to {offset}% of the gait cycle ({studies})"
        ),
        "gait/footer": (
            "0% and 100%: the same foot touches down. Shaded: stance, where the study gives"
            " toe-off."
        ),
    }
)

_FORMATTER = string.Formatter()


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
    from ._resources import data_root  # noqa: PLC0415 - only a translation reads it

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
