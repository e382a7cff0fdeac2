"""Body maps: the muscles of a question drawn as a standalone SVG picture.

:func:`diagram` turns an answer of runtone (a foot-strike comparison, a stride
effect, an exercise's targets, a week of a plan) or a mapping of muscles to
intensities into one SVG document: the legs, hips and trunk seen from the front
and from the back, one shape per muscle of the dataset, coloured, with a legend,
a title and a text description.  It needs nothing outside the standard library;
the colours it uses are listed in its docstring and kept in this module's
constants (:data:`MORE`, :data:`LESS`, :data:`SCALE` ...).

How the picture is built:

* The shapes are data, not code: ``runtone/data/diagram/shapes.json`` (with a
  JSON Schema beside it) holds a body outline per view and, for every muscle
  id, its polygons in the front and/or back view, drawn for the figure's left
  side and mirrored to the right when the shape says so.  Joints and tendons
  (:class:`~runtone.Structure`) have small round markers there too.  The file
  is drawing data, not part of the dataset: it is read (through
  ``importlib.resources``) the first time a picture is drawn.
* It is a schematic, not an anatomical atlas: deep muscles (iliopsoas, vastus
  intermedius, soleus) are drawn as small shapes near where they lie.
* A group and its parts overlap.  The group (quadriceps) is drawn first, as the
  whole area, and its parts (rectus femoris, vastus lateralis) on top of it as
  smaller shapes, so both stay visible.  A part with no value of its own takes
  its group's colour (its title says so, and its ``data-inherited`` attribute
  names the group); a part with its own value shows it, whatever the group's.
* The SVG is built as text in a fixed order, so the same subject always gives
  the same text, byte for byte.
* What depends on the shapes alone (every outline, marker and muscle path) is
  written once and kept; what depends on the dataset too (the drawing order, each
  muscle's groups, the names) is kept for the packaged dataset only, in one entry
  keyed by the dataset object, and made again for any other dataset.  Nothing
  that depends on the subject or the title is kept, and what is kept is text and
  tuples, which no caller can change.
"""

from __future__ import annotations

import json
import math
import numbers
import os
import re
import threading
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar, Union

import attrs

from ._compare import StrikeComparison
from ._dataset import Dataset
from ._default import cached, load
from ._messages import Words, words
from ._records import Exercise, Muscle, StrideEffect
from ._vocab import Direction, Structure, TargetRole
from ._wrap import wrap
from .coaching.sessions import Week
from .errors import DataError, InvalidValueError, UnknownIdError, shown

if TYPE_CHECKING:
    from ._resources import Traversable

__all__ = [
    "LESS",
    "MORE",
    "NEUTRAL",
    "ROLES",
    "SCALE",
    "SIMILAR",
    "UNKNOWN",
    "diagram",
]

#: Fill of a muscle (or marker of a joint) that works or is loaded more.
MORE = "#d95f02"
#: Fill of a muscle (or marker of a joint) that works or is loaded less.
LESS = "#1f78b4"
#: Fill of a muscle whose work stays about the same.
SIMILAR = "#969696"
#: Fill of a muscle whose change has been studied but whose direction is unknown.
UNKNOWN = "#c8c8c8"
#: Fill of a muscle the subject does not involve (no finding, not given, not targeted).
NEUTRAL = "#e6e6e6"
#: The sequential scale for intensities from 0 to 1, lightest (lowest) first.
SCALE = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
#: The fill of each role an exercise gives a muscle: steps of :data:`SCALE`.
ROLES: Mapping[TargetRole, str] = MappingProxyType(
    {
        TargetRole.PRIMARY: SCALE[4],
        TargetRole.SECONDARY: SCALE[2],
        TargetRole.STABILIZER: SCALE[1],
    }
)

#: The fill of joint markers with no finding, and the outline colours.
_MARKER_NEUTRAL = "#ffffff"
_BODY_FILL = "#f7f7f7"
_BODY_STROKE = "#7a7a7a"
_SHAPE_STROKE = "#ffffff"
_TEXT = "#222222"

#: Where the shapes live, under the package's data directory.
SHAPES_FILE = "diagram/shapes.json"

_DIRECTIONS = {
    Direction.MORE: MORE,
    Direction.LESS: LESS,
    Direction.SIMILAR: SIMILAR,
    Direction.UNKNOWN: UNKNOWN,
}
_ROLE_RANK = {TargetRole.PRIMARY: 0, TargetRole.SECONDARY: 1, TargetRole.STABILIZER: 2}


# --- shapes --------------------------------------------------------------------------

Point = tuple[float, float]


@attrs.frozen
class _Figure:
    """The shapes of one muscle or structure in one view."""

    mirror: bool
    polygons: tuple[tuple[Point, ...], ...] = ()
    circles: tuple[tuple[float, float, float], ...] = ()


@attrs.frozen
class _View:
    name: str
    head: tuple[float, float, float]
    outline: tuple[Point, ...]


@attrs.frozen
class _Shapes:
    width: float
    height: float
    views: Mapping[str, _View]
    muscles: Mapping[str, Mapping[str, _Figure]]
    structures: Mapping[Structure, Mapping[str, _Figure]]
    structure_names: Mapping[Structure, str]


_lock = threading.Lock()
_cache: _Shapes | None = None


def _after_fork_in_child() -> None:
    # A fork while another thread reads the shapes would leave the child's copy of the
    # lock held for ever (that thread does not exist in the child): give it a new one.
    global _lock  # noqa: PLW0603 - the lock is module state by design
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_after_fork_in_child)


def shape_texts() -> dict[str, str]:
    """The shapes file's texts a picture shows, by their key in the catalogs of texts.

    The views' names (``shapes/views/front``: "Front"), as they stand in a sentence
    (``shapes/views/front/in-text``: "front"), and the joints' and tendons' names
    (``shapes/structures/achilles_tendon``); see :mod:`runtone._messages`.
    """
    shapes = _shapes()
    texts = {}
    for view, spec in shapes.views.items():
        texts[f"shapes/views/{view}"] = spec.name
        texts[f"shapes/views/{view}/in-text"] = spec.name.lower()
    for structure, name in shapes.structure_names.items():
        texts[f"shapes/structures/{structure.value}"] = name
    return texts


def _shapes() -> _Shapes:
    """The packaged shapes, read on first use (under a lock) and cached."""
    global _cache  # noqa: PLW0603 - the module-level cache is the point
    shapes = _cache
    if shapes is None:
        with _lock:
            if _cache is None:
                _cache = parse_shapes(_shapes_file().read_bytes())
            shapes = _cache
    return shapes


def _shapes_file() -> Traversable:
    from ._resources import data_root  # noqa: PLC0415 - read on first use only

    return data_root() / "diagram" / "shapes.json"


class _ShapeError(Exception):
    """A problem in the shapes file, with the dotted path of the value it is about."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(problem)
        self.where = where
        self.problem = problem


def parse_shapes(data: bytes) -> _Shapes:
    """Parse and check the shapes file.

    Raises:
        DataError: the file is not valid JSON or not of the documented shape;
            the record is the muscle id or structure, the field the path within it
            (``back.polygons[0]``), or for the rest of the file the path from its top.
    """
    try:
        raw = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(SHAPES_FILE, None, None, f"not valid JSON: {exc}") from None
    try:
        return _parse(raw)
    except _ShapeError as bad:
        collection, _, rest = bad.where.partition(".")
        record, field = None, bad.where
        if collection in {"muscles", "structures"} and rest:
            record, _, field = rest.partition(".")
        raise DataError(SHAPES_FILE, record, field or None, bad.problem) from None


def _parse(raw: object) -> _Shapes:
    top = _object(raw, "", {"size", "views", "muscles", "structures"}, {"$comment"})
    width, height = _numbers(top["size"], "size", 2)
    views_raw = _object(top["views"], "views", set(), None)
    views = {name: _view(value, f"views.{name}") for name, value in views_raw.items()}
    if not views:
        raise _ShapeError("views", "must name at least one view")
    muscles = {
        ident: _figures(value, f"muscles.{ident}", views, set())
        for ident, value in _object(top["muscles"], "muscles", set(), None).items()
    }
    structures: dict[Structure, Mapping[str, _Figure]] = {}
    names: dict[Structure, str] = {}
    for key, value in _object(top["structures"], "structures", set(), None).items():
        structure = _structure(key)
        structures[structure] = _figures(value, f"structures.{key}", views, {"name"})
        names[structure] = _name(_object(value, "", set(), None).get("name"), f"structures.{key}")
    return _Shapes(
        width,
        height,
        MappingProxyType(views),
        MappingProxyType(muscles),
        MappingProxyType(structures),
        MappingProxyType(names),
    )


def _structure(key: str) -> Structure:
    try:
        return Structure(key)
    except ValueError:
        allowed = ", ".join(repr(s.value) for s in Structure)
        raise _ShapeError(f"structures.{key}", f"{key!r} is not one of {allowed}") from None


def _name(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _ShapeError(f"{where}.name", f"expected a non-empty string, got {value!r:.60}")
    return value


def _object(
    value: object, where: str, required: set[str], optional: set[str] | None
) -> dict[str, object]:
    """``value`` as a JSON object with these keys (any keys when ``optional`` is None)."""
    if not isinstance(value, dict):
        raise _ShapeError(where, f"expected an object, got {type(value).__name__}")
    missing = sorted(required - set(value))
    if missing:
        raise _ShapeError(where, f"missing {', '.join(missing)}")
    if optional is not None:
        extra = sorted(set(value) - required - optional)
        if extra:
            raise _ShapeError(where, f"unknown field {', '.join(extra)}")
    return value


def _numbers(value: object, where: str, count: int) -> tuple[float, ...]:
    if not isinstance(value, list) or len(value) != count:
        raise _ShapeError(where, f"expected a list of {count} numbers, got {value!r:.60}")
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (int, float)) or item < 0:
            raise _ShapeError(where, f"expected numbers of 0 or more, got {item!r:.60}")
    return tuple(float(item) for item in value)


def _polygon(value: object, where: str) -> tuple[Point, ...]:
    minimum = 3
    if not isinstance(value, list) or len(value) < minimum:
        raise _ShapeError(where, f"expected a list of at least {minimum} [x, y] points")
    points = [_numbers(point, f"{where}[{i}]", 2) for i, point in enumerate(value)]
    return tuple((x, y) for x, y in points)


def _circle(value: object, where: str) -> tuple[float, float, float]:
    cx, cy, r = _numbers(value, where, 3)
    return cx, cy, r


def _view(value: object, where: str) -> _View:
    fields = _object(value, where, {"name", "head", "outline"}, set())
    name = _name(fields["name"], where)
    head = _circle(fields["head"], f"{where}.head")
    return _View(name, head, _polygon(fields["outline"], f"{where}.outline"))


def _figures(
    value: object, where: str, views: Mapping[str, _View], extra: set[str]
) -> Mapping[str, _Figure]:
    fields = _object(value, where, set(), set(views) | extra)
    figures: dict[str, _Figure] = {}
    for view in views:
        if view in fields:
            figures[view] = _figure(fields[view], f"{where}.{view}")
    if not figures:
        raise _ShapeError(where, f"has no shape in any view ({', '.join(views)})")
    return MappingProxyType(figures)


def _figure(value: object, where: str) -> _Figure:
    part = _object(value, where, {"mirror"}, {"polygons", "circles"})
    mirror = part["mirror"]
    if not isinstance(mirror, bool):
        raise _ShapeError(f"{where}.mirror", "expected true or false")
    polygons = part.get("polygons", [])
    circles = part.get("circles", [])
    if not isinstance(polygons, list) or not isinstance(circles, list):
        raise _ShapeError(where, "polygons and circles must be lists")
    figure = _Figure(
        mirror,
        tuple(_polygon(p, f"{where}.polygons[{i}]") for i, p in enumerate(polygons)),
        tuple(_circle(c, f"{where}.circles[{i}]") for i, c in enumerate(circles)),
    )
    if not figure.polygons and not figure.circles:
        raise _ShapeError(where, "has no polygon or circle")
    return figure


# --- what to paint -------------------------------------------------------------------


@attrs.frozen
class _Paint:
    """How one muscle or joint is drawn: its fill, its state and the words for it."""

    colour: str
    state: str
    words: str


@attrs.frozen
class _Picture:
    """Everything a subject decides about the picture, before any drawing."""

    title: str
    intro: str
    #: Paint by muscle id.
    muscles: Mapping[str, _Paint]
    #: Name by muscle id, for every muscle in ``muscles``.
    names: Mapping[str, str]
    neutral: _Paint
    legend_heading: str
    legend: tuple[tuple[str, str], ...]
    structures: Mapping[Structure, _Paint] | None = None
    #: Words for the desc, one group per legend entry: (words, names).
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()


#: What :func:`diagram` draws.
Subject = Union[
    Mapping[str, float],
    Mapping[Muscle, float],
    Mapping[Union[Muscle, str], float],
    StrideEffect,
    StrikeComparison,
    Exercise,
    Week,
]


def diagram(
    subject: Subject,
    *,
    dataset: Dataset | None = None,
    title: str | None = None,
) -> str:
    """A standalone SVG body map of ``subject``: front and back views, one shape per muscle.

    What gets coloured depends on the subject:

    * a mapping of muscles (records, or their ids, names or aliases) to
      intensities from 0 to 1: each muscle in one of five steps of a scale;
      muscles left out are drawn as not involved;
    * a :class:`~runtone.StrikeComparison` (``runtone.compare_strikes(a, b)``):
      each muscle by whether ``b`` gives it more or less work than ``a`` (or
      about the same, or an unknown change, where the data says so), and the
      joints and tendons (knee, Achilles tendon) as round markers coloured the
      same way;
    * a :class:`~runtone.StrideEffect` (a foot-strike pattern, uphill running):
      likewise, against the effect's own baseline;
    * an :class:`~runtone.Exercise`: its targets by role;
    * a plan's :class:`~runtone.Week`: every muscle a session of the week works,
      in the strongest role any of them gives it.

    A muscle that is part of a group and has no value of its own is drawn in
    its group's colour.  The colours, as written in the SVG:

    ====================  ==========================================================
    meaning               fill
    ====================  ==========================================================
    more work or load     ``#d95f02`` (orange)
    less work or load     ``#1f78b4`` (blue)
    about the same        ``#969696`` (mid grey)
    direction unknown     ``#c8c8c8`` (light grey)
    not involved          ``#e6e6e6`` (lightest grey); a joint with no finding is white
    intensity             ``#ffffb2``, ``#fecc5c``, ``#fd8d3c``, ``#f03b20``,
                          ``#bd0026``: five steps, step ``i`` holding ``i/5`` up to
                          but not including ``(i+1)/5``, and 1 in the top step
    primary mover         ``#bd0026`` (the top step of the scale)
    secondary mover       ``#fd8d3c`` (its middle step)
    stabilizer            ``#fecc5c`` (its second step)
    ====================  ==========================================================

    Each muscle is one ``<path>`` per view it is drawn in, with ``id``
    ``<muscle id>-<view>`` (``calves-back``), ``data-muscle`` (the plain muscle
    id), ``data-view``, ``data-state`` (``more``, ``primary``, an intensity such
    as ``0.75``, or ``none``) and a ``<title>`` child naming the muscle and what
    it shows.  A joint marker is a ``<path>`` with id ``joint-<structure>-<view>``
    and ``data-structure``.  The root has ``role="img"`` and is labelled by its
    ``<title>`` and by a ``<desc>`` that says in words what the colours show.
    The text starts with ``<svg`` (no XML declaration, so it can also go inline
    in HTML) and is the same, byte for byte, for the same subject.

    Args:
        subject: What to draw.
        dataset: Where muscle keys are looked up and groups found; the packaged
            dataset by default.
        title: The picture's title, instead of one made from the subject.

    Returns:
        The SVG document, as text.

    Raises:
        UnknownIdError: a key of a mapping names no muscle, or is a muscle (of
            another dataset) whose id ``dataset`` lacks; a muscle record is taken
            by its id.
        TypeError: ``subject`` is none of the above, a mapping's key is neither
            a muscle nor a string, or an intensity is not a number.
        InvalidValueError: an intensity is outside 0 to 1 (or not a number at
            all), the same muscle is given twice, or ``title`` is blank or holds
            a character that XML cannot (a control character, a lone surrogate).

    >>> svg = runtone.diagram(runtone.compare_strikes("heel", "forefoot"))
    >>> svg[:4]
    '<svg'
    >>> import xml.etree.ElementTree as ET
    >>> shapes = {e.get("id"): e for e in ET.fromstring(svg).iter() if e.get("data-muscle")}
    >>> shapes["calves-back"].get("fill"), shapes["quadriceps-front"].get("fill")
    ('#d95f02', '#1f78b4')
    >>> shapes["calves-back"].find("{http://www.w3.org/2000/svg}title").text
    'Calves: more work'

    A mapping of intensities, and an exercise's targets:

    >>> svg = runtone.diagram({"calves": 0.9, "quads": 0.3}, title="After the hill session")
    >>> 'fill="#bd0026"' in svg and "After the hill session" in svg
    True
    >>> "Single-leg deadlift" in runtone.diagram(runtone.exercise("single-leg-deadlift"))
    True
    """
    if dataset is None:
        dataset = load()
    elif not isinstance(dataset, Dataset):
        raise TypeError(f"dataset: expected a runtone Dataset, got {shown(dataset)}")
    if title is not None:
        title = check_title(title)
    shapes = _shapes()
    say = words(dataset.locale)
    picture = _picture(subject, dataset, shapes, say)
    if title is not None:
        picture = attrs.evolve(picture, title=title)
    return _render(picture, _layout(dataset, shapes, say), say)


#: A character XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def check_title(title: object) -> str:
    """``title`` as a picture's title: a string, not blank, every character allowed in XML.

    Raises:
        TypeError: ``title`` is not a string.
        InvalidValueError: it is blank or holds a character XML cannot.
    """
    if not isinstance(title, str):
        raise TypeError(f"title: expected a string, got {shown(title)}")
    if not title.strip():
        raise InvalidValueError("title", "must not be blank")
    bad = _NOT_XML.search(title)
    if bad is not None:
        raise InvalidValueError(
            "title",
            f"{bad.group()!r} (character {bad.start() + 1}) is a character an SVG cannot hold",
        )
    return title.strip()


def _picture(subject: object, dataset: Dataset, shapes: _Shapes, say: Words) -> _Picture:
    if isinstance(subject, StrikeComparison):
        return _effects(
            say("diagram/change/title", a=subject.a.name, b=subject.b.name),
            say("diagram/change/intro", a=subject.a.name, b=subject.b.name),
            muscles=[(row.muscle, row.direction) for row in subject.muscles],
            joints=[(row.structure, row.direction) for row in subject.joints],
            dataset=dataset,
            shapes=shapes,
            say=say,
        )
    if isinstance(subject, StrideEffect):
        return _effect(subject, dataset, shapes, say)
    if isinstance(subject, Exercise):
        return _roles(
            say("diagram/exercise/title", exercise=subject.name),
            say("diagram/exercise/intro", exercise=subject.name),
            targets=[(target.muscle, target.role) for target in subject.targets],
            what="exercise",
            dataset=dataset,
            say=say,
        )
    if isinstance(subject, Week):
        targets: list[tuple[Muscle, TargetRole]] = []
        for day in subject.days:
            exercises = [day.run.exercise] if day.run else []
            if day.strength:
                exercises.extend(item.exercise for item in day.strength.items)
            targets.extend((t.muscle, t.role) for e in exercises for t in e.targets)
        return _roles(
            say("diagram/week/title", number=subject.number),
            say("diagram/week/intro", number=subject.number),
            targets=targets,
            what="week",
            dataset=dataset,
            say=say,
        )
    if isinstance(subject, Mapping):
        return _intensities(subject, dataset, say)
    raise TypeError(
        "subject: expected a mapping of muscles to intensities, a StrikeComparison, a"
        f" StrideEffect, an Exercise or a Week, got {type(subject).__name__}"
    )


def _effect(effect: StrideEffect, dataset: Dataset, shapes: _Shapes, say: Words) -> _Picture:
    base = None
    if effect.baseline_id is not None:
        base = dataset.get_strike_pattern(effect.baseline_id) or dataset.get_stride_effect(
            effect.baseline_id
        )
    if base is not None:
        title = say("diagram/change/title", a=base.name, b=effect.name)
        intro = say("diagram/change/intro", a=base.name, b=effect.name)
    else:
        title = say("diagram/effect/title", effect=effect.name)
        intro = say("diagram/effect/intro", effect=effect.name, baseline=effect.baseline)
    return _effects(
        title,
        intro,
        muscles=[(e.muscle, e.direction) for e in effect.muscle_effects],
        joints=[(j.structure, j.direction) for j in effect.joint_loads],
        dataset=dataset,
        shapes=shapes,
        say=say,
    )


def _effects(
    title: str,
    intro: str,
    *,
    muscles: list[tuple[Muscle, Direction]],
    joints: list[tuple[Structure, Direction]],
    dataset: Dataset,
    shapes: _Shapes,
    say: Words,
) -> _Picture:
    ordered = _ordered(muscles, dataset)
    paints = {
        m.id: _Paint(_DIRECTIONS[d], d.value, say(f"diagram/work/{d.value}")) for m, d in ordered
    }
    structures = {
        s: _Paint(_DIRECTIONS[d], d.value, say(f"diagram/load/{d.value}")) for s, d in joints
    }
    groups = []
    for direction in Direction:
        names = tuple(m.name for m, d in ordered if d is direction)
        if names:
            groups.append((say(f"diagram/muscles/{direction.value}"), names))
    for direction in Direction:
        found = tuple(_structure_name(s, shapes, say) for s, d in joints if d is direction)
        if found:
            groups.append((say(f"diagram/joints/{direction.value}"), found))
    none = say("diagram/change/none")
    return _Picture(
        title=title,
        intro=intro,
        muscles=paints,
        names={m.id: m.name for m, _ in ordered},
        neutral=_Paint(NEUTRAL, "none", none),
        legend_heading=say("diagram/change/heading"),
        legend=(
            *((_DIRECTIONS[d], say(f"diagram/change/legend/{d.value}")) for d in Direction),
            (NEUTRAL, none),
        ),
        structures=structures,
        groups=tuple(groups),
    )


def _structure_name(structure: Structure, shapes: _Shapes, say: Words) -> str:
    # Every Structure has a marker and a name in the shapes file (a test checks it).
    return say.text(f"shapes/structures/{structure.value}", shapes.structure_names[structure])


def _roles(
    title: str,
    intro: str,
    *,
    targets: list[tuple[Muscle, TargetRole]],
    what: str,
    dataset: Dataset,
    say: Words,
) -> _Picture:
    best: dict[Muscle, TargetRole] = {}
    for muscle, role in targets:
        if muscle not in best or _ROLE_RANK[role] < _ROLE_RANK[best[muscle]]:
            best[muscle] = role
    ordered = _ordered(list(best.items()), dataset)
    role_words = {role: say(f"diagram/role/{role.value}") for role in TargetRole}
    paints = {m.id: _Paint(ROLES[r], r.value, role_words[r]) for m, r in ordered}
    groups = []
    for role in TargetRole:
        names = tuple(m.name for m, r in ordered if r is role)
        if names:
            groups.append((say(f"diagram/roles/{role.value}"), names))
    none = say(f"diagram/{what}/none")
    return _Picture(
        title=title,
        intro=intro,
        muscles=paints,
        names={m.id: m.name for m, _ in ordered},
        neutral=_Paint(NEUTRAL, "none", none),
        legend_heading=say(f"diagram/{what}/heading"),
        legend=(*((ROLES[r], role_words[r]) for r in TargetRole), (NEUTRAL, none)),
        groups=tuple(groups),
    )


def _intensities(subject: Mapping[object, object], dataset: Dataset, say: Words) -> _Picture:
    given: dict[Muscle, float] = {}
    keys: dict[Muscle, object] = {}
    for key, value in subject.items():
        muscle = _muscle(key, dataset)
        what = f"intensity of {muscle.id!r}"
        where = f"subject: {what}"
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{where}: expected a number from 0 to 1, got {shown(value)}")
        try:
            number = float(value)
        except OverflowError:  # an int too big for a float is far outside 0 to 1
            number = math.nan
        if not 0 <= number <= 1:
            raise InvalidValueError("subject", f"{what}: must be from 0 to 1, got {shown(value)}")
        if muscle in given:
            raise InvalidValueError(
                "subject",
                f"{what}: given twice, as {shown(keys[muscle], 40)} and {shown(key, 40)}",
            )
        given[muscle] = number
        keys[muscle] = key
    ordered = _ordered(list(given.items()), dataset)
    point = say("diagram/decimal")

    def shown_number(value: float) -> str:
        return _n(value, 3).replace(".", point)

    paints = {
        m.id: _Paint(
            SCALE[_step(x)], repr(x), say("diagram/intensity/state", value=shown_number(x))
        )
        for m, x in ordered
    }
    heading = say("diagram/intensity/heading")
    groups = (
        ((heading, tuple(f"{m.name} {shown_number(x)}" for m, x in ordered)),) if ordered else ()
    )
    bounds = tuple(shown_number(step) for step in (0, 0.2, 0.4, 0.6, 0.8, 1))
    none = say("diagram/intensity/none")
    return _Picture(
        title=say("diagram/intensity/title"),
        intro=say("diagram/intensity/intro"),
        muscles=paints,
        names={m.id: m.name for m, _ in ordered},
        neutral=_Paint(NEUTRAL, "none", none),
        legend_heading=heading,
        legend=(
            *((SCALE[i], f"{bounds[i]}\N{EN DASH}{bounds[i + 1]}") for i in range(len(SCALE))),
            (NEUTRAL, none),
        ),
        groups=groups,
    )


#: The lower bound of each intensity step after the first.
_STEPS = (0.2, 0.4, 0.6, 0.8)


def _step(value: float) -> int:
    """The step of :data:`SCALE` an intensity falls in: ``i`` holds ``i/5`` up to ``(i+1)/5``."""
    return sum(value >= bound for bound in _STEPS)


def _muscle(key: object, dataset: Dataset) -> Muscle:
    if isinstance(key, str):
        try:
            return dataset.muscle(key)
        except UnknownIdError as exc:
            raise UnknownIdError(key, "muscles", exc.suggestions, field="subject") from None
    if isinstance(key, Muscle):  # taken by id, like every record a Dataset is given
        return dataset._resolve("subject", key, dataset._muscles)  # noqa: SLF001 - same package
    raise TypeError(f"subject: expected a muscle or its id, name or alias, got {shown(key)}")


T = TypeVar("T")


def _ordered(items: list[tuple[Muscle, T]], dataset: Dataset) -> list[tuple[Muscle, T]]:
    """``items`` in the dataset's order of muscles (muscles it lacks last, by id)."""
    order = _order(dataset)
    return sorted(items, key=lambda item: (order.get(item[0].id, len(order)), item[0].id))


#: The packaged dataset's muscle order (one entry, keyed by the dataset object).
_kept_order: tuple[Dataset, Mapping[str, int]] | None = None


def _order(dataset: Dataset) -> Mapping[str, int]:
    """Each muscle id's place in the dataset; kept for the packaged dataset only."""
    global _kept_order  # noqa: PLW0603 - a module-level cache of one entry
    kept = _kept_order
    if kept is not None and kept[0] is dataset:
        return kept[1]
    order = MappingProxyType({m.id: i for i, m in enumerate(dataset.muscles)})
    if dataset is cached():
        _kept_order = (dataset, order)
    return order


# --- drawing -------------------------------------------------------------------------

_MARGIN = 16
_GAP = 16
_TITLE_SIZE = 18
_TITLE_LINE = 23
_TITLE_WIDTH = 58
_LABEL_SPACE = 26
_LEGEND_GAP = 24
_LEGEND_WIDTH = 180
_LEGEND_LINE = 22
_SWATCH = 14


@attrs.frozen
class _ViewParts:
    """The text of one view that depends on the shapes alone, made once."""

    #: Its ``<g ...`` opening up to the y of its translate (which depends on the title).
    opening: str
    #: The body outline and the head.
    body: tuple[str, ...]
    #: Each joint or tendon marker drawn in it: (structure, text before its state,
    #: text after its fill up to the words of its title).
    markers: tuple[tuple[Structure, str, str], ...]
    #: The view's label and the group's close.
    closing: tuple[str, ...]


@attrs.frozen
class _Geometry:
    """Everything of a picture that depends on the shapes alone: made once per shapes."""

    views: tuple[tuple[str, _ViewParts], ...]
    #: The ``d`` of each muscle's figure in each view, by (muscle id, view).
    paths: Mapping[tuple[str, str], str]
    #: The picture's width, the height of the views, and where the legend starts.
    width: float
    height: float
    legend_x: float


#: The shapes' geometry in each language (keyed by the shapes object, which is read
#: once, and the language: a view's label and a joint's name are in it).
_kept_geometry: dict[str, tuple[_Shapes, _Geometry]] = {}


def _geometry(shapes: _Shapes, say: Words) -> _Geometry:
    """The drawing of ``shapes`` that no subject changes, made on first use and kept."""
    kept = _kept_geometry.get(say.locale)
    if kept is not None and kept[0] is shapes:
        return kept[1]
    w = shapes.width
    views = list(shapes.views)
    parts = []
    for i, view in enumerate(views):
        spec = shapes.views[view]
        x = _MARGIN + i * (w + _GAP)
        outline = [*spec.outline, *((w - px, py) for px, py in reversed(spec.outline))]
        hx, hy, hr = spec.head
        markers = []
        for structure, figures in shapes.structures.items():
            figure = figures.get(view)
            if figure is not None:
                ident = structure.value.replace("_", "-")
                markers.append(
                    (
                        structure,
                        (
                            f'<path id="joint-{ident}-{view}" data-structure="{structure.value}"'
                            f' data-view="{_attr(view)}" data-state="'
                        ),
                        (
                            f' stroke="{_TEXT}" stroke-width="1" d="{_figure_d(figure, w)}">'
                            "<title>"
                            + _text(
                                say("diagram/label", name=_structure_name(structure, shapes, say))
                            )
                        ),
                    )
                )
        parts.append(
            (
                view,
                _ViewParts(
                    opening=(
                        f'<g id="rt-view-{view}" data-view="{_attr(view)}"'
                        f' transform="translate({_n(x)} '
                    ),
                    body=(
                        (
                            f'<path d="{_polygon_d(outline)}" fill="{_BODY_FILL}"'
                            f' stroke="{_BODY_STROKE}" stroke-width="1.2" stroke-linejoin="round"/>'
                        ),
                        (
                            f'<circle cx="{_n(hx)}" cy="{_n(hy)}" r="{_n(hr)}" fill="{_BODY_FILL}"'
                            f' stroke="{_BODY_STROKE}" stroke-width="1.2"/>'
                        ),
                    ),
                    markers=tuple(markers),
                    closing=(
                        (
                            f'<text x="{_n(w / 2)}" y="{_n(shapes.height + _LABEL_SPACE - 6)}"'
                            f' text-anchor="middle" font-size="14" fill="{_TEXT}">'
                            f"{_text(say.text(f'shapes/views/{view}', spec.name))}</text>"
                        ),
                        "</g>",
                    ),
                ),
            )
        )
    paths = {
        (ident, view): _figure_d(figure, w)
        for ident, figures in shapes.muscles.items()
        for view, figure in figures.items()
    }
    legend_x = _MARGIN + len(views) * w + (len(views) - 1) * _GAP + _LEGEND_GAP
    geometry = _Geometry(
        views=tuple(parts),
        paths=MappingProxyType(paths),
        width=legend_x + _LEGEND_WIDTH + _MARGIN,
        height=shapes.height,
        legend_x=legend_x,
    )
    _kept_geometry[say.locale] = (shapes, geometry)
    return geometry


@attrs.frozen
class _Layout:
    """Everything of a picture that depends on the dataset and the shapes, not the subject."""

    geometry: _Geometry
    #: The dataset's muscles that have shapes, in drawing order (groups first), each
    #: with the groups above it, nearest first, whose colour it takes if it has none.
    drawn: tuple[tuple[Muscle, tuple[Muscle, ...]], ...]
    drawn_ids: frozenset[str]
    #: For each view, each of its muscle shapes: (muscle id, the text before its state,
    #: the text after its fill up to the words of its title).
    shapes: tuple[tuple[tuple[str, str, str], ...], ...]
    #: The names of the views as the description's sentence puts them ("front and back").
    view_names: str


#: The packaged dataset's layout (one entry, keyed by the dataset and shapes objects):
#: any other dataset's is made again for each picture, so none is kept alive by it.
_kept_layout: tuple[Dataset, _Shapes, _Layout] | None = None


def _layout(dataset: Dataset, shapes: _Shapes, say: Words) -> _Layout:
    """The layout of ``dataset``'s muscles on ``shapes``; kept for the packaged dataset."""
    global _kept_layout  # noqa: PLW0603 - a module-level cache of one entry
    kept = _kept_layout
    if kept is not None and kept[0] is dataset and kept[1] is shapes:
        return kept[2]
    geometry = _geometry(shapes, say)

    def groups(muscle: Muscle) -> tuple[Muscle, ...]:
        # Up the groups, stopping at a loop (a dataset made by hand may have one).
        above, seen = [], {muscle.id}
        group = dataset.group(muscle)
        while group is not None and group.id not in seen:
            above.append(group)
            seen.add(group.id)
            group = dataset.group(group)
        return tuple(above)

    order = _order(dataset)
    have = [(m, groups(m)) for m in dataset.muscles if m.id in shapes.muscles]
    drawn = sorted(have, key=lambda item: (len(item[1]), order[item[0].id]))
    views = []
    for view, _ in geometry.views:
        views.append(
            tuple(
                (
                    muscle.id,
                    (
                        f'<path id="{_attr(muscle.id)}-{view}" data-muscle="{_attr(muscle.id)}"'
                        f' data-view="{_attr(view)}" data-state="'
                    ),
                    (
                        f' stroke="{_SHAPE_STROKE}" stroke-width="0.8" stroke-linejoin="round"'
                        f' d="{geometry.paths[muscle.id, view]}"><title>'
                        + _text(say("diagram/label", name=muscle.name))
                    ),
                )
                for muscle, _ in drawn
                if (muscle.id, view) in geometry.paths
            )
        )
    layout = _Layout(
        geometry=geometry,
        drawn=tuple(drawn),
        drawn_ids=frozenset(m.id for m, _ in drawn),
        shapes=tuple(views),
        view_names=_joined(
            [
                say.text(f"shapes/views/{view}/in-text", v.name.lower())
                for view, v in shapes.views.items()
            ],
            say,
        ),
    )
    if dataset is cached():
        _kept_layout = (dataset, shapes, layout)
    return layout


def _joined(names: list[str], say: Words) -> str:
    """``names`` as a phrase: "front and back", "a, b and c"."""
    if len(names) < 2:  # noqa: PLR2004 - a pair is the smallest thing "and" joins
        return "".join(names)
    return say("diagram/and", first=", ".join(names[:-1]), second=names[-1])


def _render(picture: _Picture, layout: _Layout, say: Words) -> str:
    geometry = layout.geometry
    lines = wrap(picture.title, _TITLE_WIDTH) or [picture.title]  # linear: see _wrap
    top = _MARGIN + _TITLE_LINE * len(lines) + 8
    width = _n(geometry.width)
    height = _n(top + geometry.height + _LABEL_SPACE + _MARGIN)
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
            f' viewBox="0 0 {width} {height}" role="img"'
            ' aria-labelledby="rt-title rt-desc" font-family="sans-serif">'
        ),
        f'<title id="rt-title">{_text(picture.title)}</title>',
        f'<desc id="rt-desc">{_text(_describe(picture, layout, say))}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    out.extend(
        f'<text x="{_MARGIN}" y="{_MARGIN + _TITLE_SIZE + _TITLE_LINE * i}"'
        f' font-size="{_TITLE_SIZE}" font-weight="bold" fill="{_TEXT}"'
        f' aria-hidden="true">{_text(line)}</text>'
        for i, line in enumerate(lines)
    )
    # Each drawn muscle's state, fill and words, the same in every view.
    painted = {}
    for muscle, above in layout.drawn:
        paint = picture.muscles.get(muscle.id)
        group = None
        if paint is None:
            for group in above:  # the first with a paint: the one it is shown with
                paint = picture.muscles.get(group.id)
                if paint is not None:
                    break
            else:
                paint, group = picture.neutral, None
        if group is None:
            inherited, words = "", paint.words
        else:
            inherited = f' data-inherited="{_attr(group.id)}"'
            words = say("diagram/inherited", group=group.name, words=paint.words)
        painted[muscle.id] = (
            f'{_attr(paint.state)}"{inherited} fill="{paint.colour}"',
            f"{_text(words)}</title></path>",
        )
    y = f'{_n(top)})">'
    # How a joint marker with no finding is drawn.
    no_finding = _Paint(_MARKER_NEUTRAL, "none", say("diagram/change/none"))
    for (_, view), muscles in zip(geometry.views, layout.shapes):
        out.append(view.opening + y)
        out.extend(view.body)
        for ident, before, after in muscles:
            state, words = painted[ident]
            out.append(before + state + after + words)
        if picture.structures is not None:
            for structure, before, after in view.markers:
                paint = picture.structures.get(structure, no_finding)
                out.append(
                    f'{before}{paint.state}" fill="{paint.colour}"{after}'
                    f"{_text(paint.words)}</title></path>"
                )
        out.extend(view.closing)
    out.extend(_legend_svg(picture, geometry.legend_x, top, say))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend_svg(picture: _Picture, x: float, y: float, say: Words) -> list[str]:
    out = [
        f'<g id="rt-legend" transform="translate({_n(x)} {_n(y)})" font-size="13" fill="{_TEXT}">',
        f'<text x="0" y="14" font-weight="bold">{_text(picture.legend_heading)}</text>',
    ]
    row = 1
    for colour, label in picture.legend:
        top = row * _LEGEND_LINE + 6
        out.append(
            f'<rect x="0" y="{top}" width="{_SWATCH}" height="{_SWATCH}" fill="{colour}"'
            f' stroke="{_BODY_STROKE}" stroke-width="0.8"/>'
            f'<text x="{_SWATCH + 8}" y="{top + 12}">{_text(label)}</text>'
        )
        row += 1
    if picture.structures is not None:
        top = row * _LEGEND_LINE + 6
        r = _SWATCH / 2
        out.append(
            f'<circle cx="{_n(r)}" cy="{_n(top + r)}" r="{_n(r - 1)}" fill="{_MARKER_NEUTRAL}"'
            f' stroke="{_TEXT}" stroke-width="1"/>'
            f'<text x="{_SWATCH + 8}" y="{top + 12}">{_text(say("diagram/circles"))}</text>'
        )
    out.append("</g>")
    return out


def _describe(picture: _Picture, layout: _Layout, say: Words) -> str:
    parts = [say("diagram/seen", views=layout.view_names), picture.intro]
    parts.extend(
        say("diagram/group", heading=heading, names=", ".join(names))
        for heading, names in picture.groups
    )
    if not picture.groups:
        parts.append(say("diagram/uncoloured"))
    drawn = layout.drawn_ids
    missing = [name for ident, name in picture.names.items() if ident not in drawn]
    if missing:
        parts.append(say("diagram/undrawn", names=", ".join(missing)))
    return " ".join(parts)


def _n(value: float, decimals: int = 2) -> str:
    """A number as text: at most ``decimals`` decimals, no trailing zeros."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _polygon_d(points: list[Point] | tuple[Point, ...]) -> str:
    return "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in points) + "Z"


def _circle_d(cx: float, cy: float, r: float) -> str:
    return (
        f"M{_n(cx - r)} {_n(cy)}a{_n(r)} {_n(r)} 0 1 0 {_n(2 * r)} 0"
        f"a{_n(r)} {_n(r)} 0 1 0 {_n(-2 * r)} 0Z"
    )


def _figure_d(figure: _Figure, width: float) -> str:
    paths = [_polygon_d(p) for p in figure.polygons]
    paths.extend(_circle_d(*c) for c in figure.circles)
    if figure.mirror:
        paths.extend(_polygon_d([(width - x, y) for x, y in p]) for p in figure.polygons)
        paths.extend(_circle_d(width - cx, cy, r) for cx, cy, r in figure.circles)
    return "".join(paths)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")
