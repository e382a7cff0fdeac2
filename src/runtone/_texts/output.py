"""The headings and labels of text output (:func:`runtone.to_text`, the command line's)."""

from __future__ import annotations

#: The English of each text, by key.
TEXTS: dict[str, str] = {}
