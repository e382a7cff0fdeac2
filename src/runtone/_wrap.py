"""Text wrapped into lines, in time linear in its length.

:func:`textwrap.wrap` copies the rest of a word each time it breaks one that is
longer than a line, so a title of one ten-megabyte word took minutes; this does
one pass and slices each character once.
"""

from __future__ import annotations

__all__ = ["wrap"]


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at white space.

    Runs of white space become one space; a word longer than ``width`` fills the
    rest of its line and goes on over the next ones, as :func:`textwrap.wrap`
    (without breaking on hyphens) does.  For text whose words fit a line and are
    separated by single spaces, the lines are :func:`textwrap.wrap`'s.

    >>> wrap("Calves and shins: change in muscle work", 20)
    ['Calves and shins:', 'change in muscle', 'work']
    >>> wrap("x" * 7, 3)
    ['xxx', 'xxx', 'x']
    """
    if width < 1:
        raise ValueError(f"width: must be at least 1, got {width}")
    lines: list[str] = []
    line: list[str] = []
    used = 0  # the characters of ``line``, the spaces between its words included
    for word in text.split():
        gap = 1 if line else 0
        if used + gap + len(word) <= width:
            line.append(word)
            used += gap + len(word)
            continue
        if len(word) <= width:
            lines.append(" ".join(line))
            line, used = [word], len(word)
            continue
        # A word longer than a line: the rest of this line, then whole lines of it.
        start = max(width - used - gap, 0)
        if start:
            line.append(word[:start])
        if line:
            lines.append(" ".join(line))
        while len(word) - start > width:
            lines.append(word[start : start + width])
            start += width
        line, used = [word[start:]], len(word) - start
    if line:
        lines.append(" ".join(line))
    return lines
