"""The body maps as a real browser draws them: headless Chromium screenshots.

For every muscle and joint shape, the test works out from the shapes data a
point well inside the shape and clear of everything drawn over it, and checks
the screenshot's pixel there against the colour the data calls for.  Without
Chromium these tests skip, unless RUNTONE_REQUIRE_BROWSER=1 makes them fail.
"""

from __future__ import annotations

import functools
import math
import re
import struct
import zlib
from typing import Optional
from xml.etree import ElementTree as ET

import pytest

import _browser
import runtone
from _bodymap import (
    DS,
    LESS,
    MARKER_NEUTRAL,
    MORE,
    NEUTRAL,
    ROLE,
    SCALE,
    SHAPES,
    VIEWS,
    comparison_fills,
    expected_fill,
    parse,
)
from runtone._gait import ACTIVE, STANCE, TRACK
from test_gait import timed, window

Point = tuple[float, float]
#: A polygon's points, or a circle as (centre x, centre y, radius).
Piece = tuple[tuple[Point, ...], Optional[tuple[float, float, float]]]
#: How far a sampled point must be from any edge: the pixel it falls in reaches up to
#: sqrt(2) from it, and the white outline 0.4 inside each edge.
CLEARANCE = 2.0
#: How far a pixel's channels may be from the expected colour.
TOLERANCE = 6


# --- geometry from the shapes data ----------------------------------------------------------


def pieces(kind: str, key: str, view: str) -> list[Piece]:
    """The polygons and circles of a muscle or structure in a view, mirrored copies included."""
    figure = SHAPES[kind][key].get(view)
    if figure is None:
        return []
    width = SHAPES["size"][0]
    found: list[Piece] = []
    for polygon in figure.get("polygons", []):
        points = tuple((float(x), float(y)) for x, y in polygon)
        found.append((points, None))
        if figure["mirror"]:
            found.append((tuple((width - x, y) for x, y in points), None))
    for cx, cy, r in figure.get("circles", []):
        found.append(((), (float(cx), float(cy), float(r))))
        if figure["mirror"]:
            found.append(((), (float(width - cx), float(cy), float(r))))
    return found


def inside(point: Point, piece: Piece) -> bool:
    x, y = point
    polygon, circle = piece
    if circle is not None:
        cx, cy, r = circle
        return math.hypot(x - cx, y - cy) < r
    hit = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def edge_distance(point: Point, piece: Piece) -> float:
    x, y = point
    polygon, circle = piece
    if circle is not None:
        cx, cy, r = circle
        return abs(math.hypot(x - cx, y - cy) - r)
    best = math.inf
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1]):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(x - x1 - t * dx, y - y1 - t * dy))
    return best


def bounds(piece: Piece) -> tuple[float, float, float, float]:
    polygon, circle = piece
    if circle is not None:
        cx, cy, r = circle
        return cx - r, cy - r, cx + r, cy + r
    xs, ys = [p[0] for p in polygon], [p[1] for p in polygon]
    return min(xs), min(ys), max(xs), max(ys)


def visible_point(piece: Piece, above: list[Piece]) -> tuple[Point, float]:
    """The point of ``piece`` farthest from its edges and from every piece drawn above it."""
    left, top, right, bottom = bounds(piece)
    margin = CLEARANCE * 2
    above = [
        p
        for p in above
        if bounds(p)[0] - margin <= right
        and bounds(p)[2] + margin >= left
        and bounds(p)[1] - margin <= bottom
        and bounds(p)[3] + margin >= top
    ]
    best: tuple[Point, float] = ((left, top), -1.0)
    for i in range(int(right - left) + 1):
        for j in range(int(bottom - top) + 1):
            point = (left + i, top + j)
            if not inside(point, piece) or any(inside(point, p) for p in above):
                continue
            clear = min([edge_distance(point, piece), *(edge_distance(point, p) for p in above)])
            if clear > best[1]:
                best = (point, clear)
    return best


@functools.cache
def sample_points(
    order: tuple[tuple[str, str], ...], view: str
) -> dict[tuple[str, str], list[Point]]:
    """For each (kind, key) drawn in this order, one visible point per piece."""
    drawn = [(item, pieces(item[0], item[1], view)) for item in order]
    points: dict[tuple[str, str], list[Point]] = {}
    for index, (item, own) in enumerate(drawn):
        above = [p for _, later in drawn[index + 1 :] for p in later]
        for piece in own:
            point, clear = visible_point(piece, above)
            assert clear >= CLEARANCE, f"{item} in {view}: no point clear of the shapes above it"
            points.setdefault(item, []).append(point)
    return points


# --- pictures and pixels ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> None:
    if _browser.chromium() is None:
        if _browser.browser_required():
            pytest.fail(f"{_browser.REQUIRE}=1 but there is no chromium on the PATH")
        pytest.skip(f"no chromium on the PATH (set {_browser.REQUIRE}=1 to fail instead)")


def rgb(colour: str) -> tuple[int, int, int]:
    value = int(colour.lstrip("#"), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def close(pixel: tuple[int, int, int], colour: str) -> bool:
    return all(abs(a - b) <= TOLERANCE for a, b in zip(pixel, rgb(colour)))


def drawn_pixels(svg: str) -> dict[tuple[str, str], list[tuple[int, int, int]]]:
    """Screenshot ``svg``; the pixel at each sampled point of each shape, by (kind, key)."""
    root = parse(svg)
    image = _browser.screenshot(svg, int(root.get("width", "0")), int(root.get("height", "0")))
    found: dict[tuple[str, str], list[tuple[int, int, int]]] = {}
    for group in root:
        view = group.get("data-view")
        if view is None:
            continue
        match = re.fullmatch(r"translate\(([\d.]+) ([\d.]+)\)", group.get("transform", ""))
        assert match, group.attrib
        dx, dy = float(match[1]), float(match[2])
        order = tuple(_item(e) for e in group if _item(e)[0])
        for item, points in sample_points(order, view).items():
            found.setdefault(item, []).extend(
                image.rgb(int(dx + x), int(dy + y)) for x, y in points
            )
    return found


def _item(element: ET.Element) -> tuple[str, str]:
    if element.get("data-muscle"):
        return "muscles", element.get("data-muscle", "")
    if element.get("data-structure"):
        return "structures", element.get("data-structure", "")
    return "", ""


def assert_colours(
    pixels: dict[tuple[str, str], list[tuple[int, int, int]]], expected: dict[tuple[str, str], str]
) -> None:
    wrong = {
        item: (expected[item], pixels.get(item))
        for item in expected
        if not pixels.get(item) or not all(close(p, expected[item]) for p in pixels[item])
    }
    assert not wrong, wrong


# --- the tests ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("browser")
def test_heel_to_forefoot_picture_shows_calves_more_and_quadriceps_less() -> None:
    comparison = runtone.compare_strikes("heel", "forefoot")
    pixels = drawn_pixels(runtone.diagram(comparison))
    # What the issue asks to see, straight from the research: calves more, quadriceps less.
    for muscle in ("calves", "gastrocnemius", "soleus"):
        assert all(close(p, MORE) for p in pixels["muscles", muscle]), muscle
    for muscle in ("quadriceps", "rectus-femoris", "vastus-lateralis"):
        assert all(close(p, LESS) for p in pixels["muscles", muscle]), muscle
    assert all(close(p, LESS) for p in pixels["structures", "knee"])
    assert all(close(p, MORE) for p in pixels["structures", "achilles_tendon"])
    # And every other shape as the data says: loaded ones coloured, the rest not.
    own, joints = comparison_fills(comparison)
    expected = {("muscles", m.id): expected_fill(m, own) for m in DS.muscles}
    expected.update(
        (("structures", s.value), joints.get(s.value, MARKER_NEUTRAL)) for s in runtone.Structure
    )
    assert sum(colour == NEUTRAL for colour in expected.values()) >= 5
    assert_colours(pixels, expected)


@pytest.mark.usefixtures("browser")
def test_exercise_picture_colours_its_targets_only() -> None:
    exercise = DS.exercise("single-leg-deadlift")
    pixels = drawn_pixels(runtone.diagram(exercise))
    own = {t.muscle.id: ROLE[t.role.value] for t in exercise.targets}
    assert all(close(p, ROLE["primary"]) for p in pixels["muscles", "hamstrings"])
    assert all(close(p, NEUTRAL) for p in pixels["muscles", "quadriceps"])
    assert_colours(pixels, {("muscles", m.id): expected_fill(m, own) for m in DS.muscles})


@pytest.mark.usefixtures("browser")
def test_intensity_picture_colours_each_muscle_at_its_place() -> None:
    intensities = {"core": 0.1, "quadriceps": 0.3, "gluteus-medius": 0.5, "adductors": 0.7}
    intensities |= {"soleus": 0.9, "tibialis-anterior": 1.0}
    steps = {ident: SCALE[min(int(x * 5), 4)] for ident, x in intensities.items()}
    pixels = drawn_pixels(runtone.diagram(intensities))
    assert_colours(pixels, {("muscles", m.id): expected_fill(m, steps) for m in DS.muscles})


def test_every_shape_has_a_visible_point_in_every_view() -> None:
    root = parse(runtone.diagram(runtone.compare_strikes("heel", "forefoot")))
    for group in root:
        view = group.get("data-view")
        if view is not None:
            order = tuple(_item(e) for e in group if _item(e)[0])
            assert len(sample_points(order, view)) == len(order)
    assert {group.get("data-view") for group in root} >= set(VIEWS)


# --- the PNG decoder ---------------------------------------------------------------------------


def _encode(rows: list[bytes], width: int, filters: list[int]) -> bytes:
    """A PNG of RGB rows, each row written with the given filter type (a reference encoder)."""
    bpp = 3
    raw = bytearray()
    prior = bytes(width * bpp)
    for row, kind in zip(rows, filters):
        line = bytearray()
        for i, value in enumerate(row):
            left = row[i - bpp] if i >= bpp else 0
            up = prior[i]
            upleft = prior[i - bpp] if i >= bpp else 0
            predictor = [0, left, up, (left + up) // 2, _browser._paeth(left, up, upleft)][kind]
            line.append((value - predictor) & 0xFF)
        raw += bytes([kind]) + line
        prior = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0)
    return (
        _browser.PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw)))
        + chunk(b"IEND", b"")
    )


def test_png_decoder_undoes_every_filter_type() -> None:
    width = 7
    rows = [
        bytes((x * 37 + y * 91 + c * 53) % 256 for x in range(width) for c in range(3))
        for y in range(10)
    ]
    filters = [0, 1, 2, 3, 4, 4, 3, 2, 1, 0]
    image = _browser.decode_png(_encode(rows, width, filters))
    assert (image.width, image.height, image.channels) == (width, 10, 3)
    assert list(image.rows) == rows
    assert image.rgb(6, 9) == tuple(rows[9][18:21])
    with pytest.raises(IndexError):
        image.rgb(width, 0)


def test_png_decoder_refuses_what_it_cannot_read() -> None:
    with pytest.raises(ValueError, match="not a PNG"):
        _browser.decode_png(b"GIF89a")
    grey = _encode([bytes(3)], 1, [0]).replace(
        struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0), struct.pack(">IIBBBBB", 1, 1, 16, 2, 0, 0, 0)
    )
    with pytest.raises(ValueError, match="unsupported PNG"):
        _browser.decode_png(grey)


@pytest.mark.usefixtures("browser")
def test_gait_chart_draws_each_bar_where_its_window_lies() -> None:
    # Issue 15, item 2: the chart's bars where the data puts them, as Chromium draws them.
    ds = timed(
        soleus=(window(10, 30, toe_off=40),),
        tibialis_anterior=(window(85, 15),),  # wraps past 100%
    )
    svg = runtone.gait_chart(dataset=ds)
    root = parse(svg)
    # Headless Chromium draws nothing in a window under about 140 pixels high: shoot a
    # taller one (the chart sits at its top left, so its coordinates hold).
    height = max(int(root.get("height", "0")), 400)
    image = _browser.screenshot(svg, int(root.get("width", "0")), height)
    rows: dict[str, tuple[float, float]] = {}  # muscle -> (x of 0%, y of the row's middle)
    for element in root.iter("{http://www.w3.org/2000/svg}rect"):
        if element.get("class") == "active" and element.get("data-muscle") not in rows:
            y = float(element.get("y", "0")) + float(element.get("height", "0")) / 2
            rows[str(element.get("data-muscle"))] = (312.0, y)
    assert set(rows) == {"soleus", "tibialis-anterior"}

    def pixel(muscle: str, percent: float) -> tuple[int, int, int]:
        x0, y = rows[muscle]
        return image.rgb(int(x0 + 4 * percent), int(y))

    # Inside each window: the active colour; outside: the study's stance, or the track.
    assert close(pixel("soleus", 20), ACTIVE)
    assert close(pixel("soleus", 35), STANCE)
    assert close(pixel("soleus", 70), TRACK)
    assert close(pixel("tibialis-anterior", 95), ACTIVE)
    assert close(pixel("tibialis-anterior", 5), ACTIVE)
    assert close(pixel("tibialis-anterior", 50), TRACK)
