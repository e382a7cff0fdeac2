"""The words of the enum values that plans and text output show, by ``enum/<kind>/<value>``.

The English is the value in words (``run_walk`` -> ``run walk``), as
:func:`runtone._vocab.words` writes it; a language's catalog may say it otherwise.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .._vocab import VOCABULARIES, words

if TYPE_CHECKING:
    import enum

#: The enums whose values are shown as words, each under its key's kind: every enum of
#: runtone's vocabulary, since text output shows the values of them all.
SHOWN = VOCABULARIES


def kind(cls: type[enum.Enum]) -> str:
    """The key's kind of an enum class: its name in snake case (``session_kind``)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def key(member: enum.Enum) -> str:
    """The key of an enum member's words (``enum/session_kind/run_walk``)."""
    return f"enum/{kind(type(member))}/{member.value}"


#: The English of each text, by key.
TEXTS = {key(member): words(member) for cls in SHOWN for member in cls}
