"""What the tests of runtone.diagram() share: the documented colours and SVG helpers.

The colours are written out here as the module's docstring documents them, not
imported, so that a change of colour in the code fails the tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any
from xml.etree import ElementTree as ET

import runtone
from _support import DATA

DS = runtone.load()
SVG_NS = "{http://www.w3.org/2000/svg}"
SHAPES: dict[str, Any] = json.loads((DATA / "diagram" / "shapes.json").read_text("utf-8"))
VIEWS = tuple(SHAPES["views"])

MORE, LESS, SIMILAR, UNKNOWN, NEUTRAL = "#d95f02", "#1f78b4", "#969696", "#c8c8c8", "#e6e6e6"
#: The fill of a joint marker with no finding.
MARKER_NEUTRAL = "#ffffff"
SCALE = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
DIRECTION = {"more": MORE, "less": LESS, "similar": SIMILAR, "unknown": UNKNOWN}
ROLE = {"primary": "#bd0026", "secondary": "#fd8d3c", "stabilizer": "#fecc5c"}


def parse(svg: str) -> ET.Element:
    """The SVG's root element (checked to be an SVG root)."""
    root = ET.fromstring(svg)  # noqa: S314 - runtone's own output, not untrusted input
    assert root.tag == f"{SVG_NS}svg"
    return root


def muscle_shapes(root: ET.Element) -> list[ET.Element]:
    """The muscle shapes, in document (drawing) order."""
    return [e for e in root.iter() if e.get("data-muscle") is not None]


def fills(root: ET.Element) -> dict[str, set[str]]:
    """Muscle id -> the fills of its shapes (one per view it is drawn in)."""
    found: dict[str, set[str]] = {}
    for element in muscle_shapes(root):
        found.setdefault(element.get("data-muscle", ""), set()).add(element.get("fill", ""))
    return found


def ancestors(muscle: runtone.Muscle) -> Iterator[runtone.Muscle]:
    """The muscle's group, that group's group, and so on."""
    group = DS.group(muscle)
    while group is not None:
        yield group
        group = DS.group(group)


def expected_fill(muscle: runtone.Muscle, own: Mapping[str, str]) -> str:
    """The documented rule: a muscle's own colour, else its group's, else neutral."""
    for m in (muscle, *ancestors(muscle)):
        if m.id in own:
            return own[m.id]
    return NEUTRAL


def comparison_fills(
    comparison: runtone.StrikeComparison,
) -> tuple[dict[str, str], dict[str, str]]:
    """The fills the data calls for: by muscle id (own rows only), and by structure."""
    muscles = {row.muscle.id: DIRECTION[row.direction.value] for row in comparison.muscles}
    joints = {row.structure.value: DIRECTION[row.direction.value] for row in comparison.joints}
    return muscles, joints
