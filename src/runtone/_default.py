"""The default dataset: :func:`load` and the cache it fills, below every other module.

The package face re-exports :func:`load`; modules of the core that need the packaged
dataset (advice, pictures, the converter) import it from here, so that no module
reaches back up to ``runtone/__init__.py``.
"""

from __future__ import annotations

import gc
import os
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._dataset import Dataset
    from ._packs import Pack

#: The version of the packaged dataset; it changes whenever the data changes.
#: The package face re-exports it as ``runtone.DATA_VERSION``.
DATA_VERSION = "0.8.2"

_lock = threading.Lock()
_cache: Dataset | None = None


def _after_fork_in_child() -> None:
    # A fork while another thread holds the lock would leave the child's copy locked
    # for ever (that thread does not exist in the child): give the child a new lock.
    # A dataset the parent had finished loading is kept; it is immutable.
    global _lock  # noqa: PLW0603 - the lock is module state by design
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_after_fork_in_child)


#: The languages of :func:`load`'s ``locale``: English and the catalogs' languages.
LOCALES = ("en", "de", "es", "fr")


def load(
    packs: Iterable[Pack] | None = None, *, packaged: bool = True, locale: str | None = None
) -> Dataset:
    """The packaged dataset, parsed on first call and cached; or a new one with packs.

    With no arguments, thread-safe and cached: however many threads call it at
    once, the data is read and checked exactly once, and every call returns the
    same object.

    >>> ds = load()
    >>> ds is load(), len(ds.strike_patterns)
    (True, 3)

    With ``packs`` (directories or traversables of JSON files in runtone's
    format, or single files in the export format), the packs' records are added
    to runtone's, replacing a record only where a pack lists its id under
    ``overrides``, and the merged whole is checked like runtone's own data.  Each
    such call builds a new :class:`Dataset`; the cached one is untouched.  With
    ``packaged=False`` the packs are loaded over an empty dataset.

    >>> load(packs=[]) is load()
    True

    With ``locale`` (``"de"``, ``"es"`` or ``"fr"``), the names, aliases, titles,
    summaries, steps, cautions and glossary terms are in that language, the ids
    and every other field as in English; lookups and search accept that
    language's names and the English ones.  Each language is read on its first
    call and cached like the English.

    >>> load(locale="de").muscle("Wade").name
    'Wadenmuskulatur'

    Args:
        packs: Data packs, applied in order, each over the ones before.
        packaged: Whether runtone's own data is the base (default) or nothing.
        locale: The language: ``"en"`` (the default, also ``None``), ``"de"``,
            ``"es"`` or ``"fr"``.  A pack's records stay as the pack writes them.

    Raises:
        DataError: the packaged data or a pack is malformed; the error names the
            file, the record and the field.
        TypeError: ``packs`` is a single path instead of a list, or holds
            something that is neither a path nor a traversable; or
            ``packaged`` is not ``True`` or ``False``.
        InvalidValueError: a pack is an empty path (which would be the working
            directory); the message names it (``packs[0]``); or ``locale`` is not
            one of these four.
    """
    if locale is not None and locale != "en":
        return _translated(packs, packaged, locale)
    if packs is not None or packaged is not True:  # the cached dataset's path stays short
        packs = _pack_list(packs, packaged)
        if packs or not packaged:
            from ._packs import load as load_packs  # noqa: PLC0415 - lazy by design

            return load_packs(packs, packaged=packaged)
    global _cache  # noqa: PLW0603 - the module-level cache is the point
    dataset = _cache
    if dataset is None:
        with _lock:
            if _cache is None:
                _cache = _load_packaged()
            dataset = _cache
    return dataset


def check_locale(locale: object) -> str:
    """``locale``, if it is one of :data:`LOCALES`.

    Raises:
        TypeError: it is not a string.
        InvalidValueError: it is no language of runtone's, with a close match if any.
    """
    from .errors import InvalidValueError, shown  # noqa: PLC0415 - lazy by design

    if not isinstance(locale, str):
        raise TypeError(f"locale: expected a language code such as 'de', got {shown(locale)}")
    if locale not in LOCALES:
        from ._vocab import close_matches  # noqa: PLC0415

        close = close_matches(locale, {code: code for code in LOCALES}, str)
        problem = f"{shown(locale)} is not one of {', '.join(map(repr, LOCALES))}"
        if close:
            problem += f"; did you mean {close[0]!r}?"
        raise InvalidValueError("locale", problem, close)
    return locale


def _translated(packs: Iterable[Pack] | None, packaged: bool, locale: object) -> Dataset:
    locale = check_locale(locale)
    if packs is not None or packaged is not True:
        packs = _pack_list(packs, packaged)
    from ._locale import load as load_locale  # noqa: PLC0415 - lazy by design

    if not packs and packaged:
        return load_locale(locale)
    return load_locale(locale, packs, packaged=packaged)


def _pack_list(packs: Iterable[Pack] | None, packaged: object) -> list[Pack]:
    # The checks every non-default load makes of its arguments, English or translated.
    from .errors import shown  # noqa: PLC0415 - lazy by design

    if not isinstance(packaged, bool):  # typed bool, but callers may pass anything
        raise TypeError(f"packaged: expected True or False, got {shown(packaged)}")
    if isinstance(packs, (str, bytes, os.PathLike)):
        raise TypeError("packs must be a list of packs; for one pack, write packs=[pack]")
    try:
        given = iter(() if packs is None else packs)
    except TypeError:
        raise TypeError(f"packs: expected a list of packs, got {shown(packs)}") from None
    return list(given)


def cached() -> Dataset | None:
    """The packaged dataset if :func:`load` has made it yet, else ``None``; never loads."""
    return _cache


def _load_packaged() -> Dataset:
    # The first load imports the record classes and builds thousands of objects, none
    # of them garbage: the cyclic collector would only walk them again and again.
    collect = gc.isenabled()
    gc.disable()
    try:
        from ._loader import load_packaged  # noqa: PLC0415 - lazy by design

        return load_packaged()
    finally:
        if collect:
            gc.enable()
