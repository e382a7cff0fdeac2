"""Texts more than one domain writes: lengths of time, and what separates a list's items."""

from __future__ import annotations

#: The English of each text, by key.
TEXTS: dict[str, str] = {
    "units/minutes": "{minutes} min",
    "units/seconds": "{seconds} s",
    "units/minutes_seconds": "{minutes} min {seconds} s",
    "units/list": ", ",
}
