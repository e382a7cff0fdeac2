"""What a user could pick instead of runtone's loader: pydantic v2 and msgspec, same checks.

``benchmarks/run.py`` times runtone loading a generated pack against each rival
loading the same bytes.  A rival decodes each collection file straight into typed
objects (``pydantic.TypeAdapter(list[Model]).validate_json``,
``msgspec.json.Decoder(list[Struct]).decode``) that check, per record, what
runtone's loader checks:

- types, strictly: a string is a JSON string, a whole number a JSON integer (not
  ``true``, not ``1.0``, not ``"1"``), a flag ``true`` or ``false``, a list an array;
- enumerations: the values of runtone's own enums (:mod:`runtone._vocab`);
- no unknown field, and every required field present;
- ids: ``[a-z0-9]+(?:-[a-z0-9]+)*``, at most 80 characters (also ``part_of``,
  ``easier``, ``harder`` and a finding's ``exercises``, which runtone reads as ids);
- text: not empty, no leading or trailing white space, no control character (the
  characters runtone's loader refuses, listed in :data:`CONTROL`);
- the range of every number (``year`` from 1800 to 2100 ...);
- at least one item in the lists runtone requires filled (:data:`NONEMPTY`).

Then one pass in plain Python, :func:`check`, shared by both, does what no field
type can: no item twice in a list, a record's own rules (``reps_min`` at most
``reps_max``, no muscle part of itself, no exercise a variation of itself), ids
unique in each collection, every source, muscle, injury and exercise referred to
exists, ``part_of`` and the easier-to-harder order of exercises have no cycle, and
names and aliases are unique in each collection after runtone's
:func:`~runtone._dataset.normalize`.

The models are made from runtone's record classes (their attrs fields, types and
metadata), so that every field of a pack has its rival field.  What the rivals
do not check that runtone does: JSON objects with a key twice (both keep the
last) and escapes of half a surrogate pair; both are rare, and cheap for runtone.
"""

from __future__ import annotations

import enum
import typing
from typing import TYPE_CHECKING, Any, Callable, Union

import attrs

import runtone
from runtone._dataset import normalize
from runtone._records import CHOICES, LATER, RANGE, REF, SAME

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "CONTROL",
    "ID_PATTERN",
    "LISTS",
    "MAX_ID",
    "MSGSPEC",
    "NONEMPTY",
    "PYDANTIC",
    "Loader",
    "Rejected",
    "check",
    "missing",
    "msgspec_loader",
    "msgspec_records_loader",
    "pydantic_loader",
]

#: The pins of the bench extra (pyproject.toml): the newest releases with wheels for
#: every Python runtone supports, 3.9 to 3.13 (a figure is a ratio to these).
PYDANTIC = "pydantic==2.13.5"
MSGSPEC = "msgspec==0.20.0"

#: runtone's id: lowercase letters and digits in words joined by single hyphens.
ID_PATTERN = "[a-z0-9]+(?:-[a-z0-9]+)*"
MAX_ID = 80
#: The characters no text may hold, as runtone's loader lists them: C0 and C1
#: controls, DEL, two noncharacters, and the invisible format controls.
CONTROL = (
    "\x00-\x1f\x7f-\x9f\ufffe\uffff\u200b\u200e\u200f\u202a-\u202e\u2028\u2029"
    "\u2060-\u2064\u2066-\u2069\ufeff"
)
#: The list fields that must hold at least one item.
NONEMPTY = frozenset(
    {"sources", "targets", "steps", "actions", "gait_phases", "made_by", "goals", "levels"}
)
#: The three collections of a generated pack, with their record classes.
RECORDS: tuple[tuple[str, type], ...] = (
    ("sources", runtone.Source),
    ("muscles", runtone.Muscle),
    ("exercises", runtone.Exercise),
)

_REQUIRED = object()


class Rejected(Exception):  # noqa: N818 - what a rival does to a broken pack
    """A rival refused a pack: where, and why.

    Attributes:
        file: The collection file (``muscles.json``).
        record: The record's id, or ``None`` when the library's message says where.
        field: The field, or ``None``.
        problem: What is wrong.
    """

    def __init__(self, file: str, record: str | None, field: str | None, problem: str) -> None:
        super().__init__(f"{file}: {record or '-'}: {field or '-'}: {problem}")
        self.file = file
        self.record = record
        self.field = field
        self.problem = problem


#: What a rival returns: the sources, muscles and exercises it made.
Loaded = tuple["Sequence[Any]", "Sequence[Any]", "Sequence[Any]"]
#: A rival: the pack's file bytes by collection name in, its records out.
Loader = Callable[["Mapping[str, bytes]"], Loaded]


def missing(module: str) -> str | None:
    """Why a rival cannot run here (its library does not import), or ``None``."""
    import importlib  # noqa: PLC0415 - only the benchmark asks

    try:
        importlib.import_module(module)
    except ImportError as exc:
        pin = {"pydantic": PYDANTIC, "msgspec": MSGSPEC}.get(module, module)
        return f"{module} does not import ({exc}); the bench extra installs {pin}"
    return None


# --- the models, made from runtone's record classes -------------------------------------


class _Kit:
    """How one library spells each kind of field; :func:`_model` assembles them."""

    def ident(self) -> object:
        raise NotImplementedError

    def text(self) -> object:
        raise NotImplementedError

    def whole(self, low: int, high: int) -> object:
        raise NotImplementedError

    def number(self, low: float, high: float) -> object:
        raise NotImplementedError

    def many(self, item: object, *, nonempty: bool) -> object:
        raise NotImplementedError

    def record(self, name: str, fields: list[tuple[str, object, object]]) -> type:
        """A model class of these fields: (name, type, default or _REQUIRED)."""
        raise NotImplementedError


_ANY: Any = typing  # typing's special forms, subscripted with run-time values


def _is_record(cls: type) -> bool:
    """Whether ``cls`` is a record of a collection (it has an id), not a value in one."""
    return attrs.has(cls) and any(f.name == "id" for f in attrs.fields(cls))


def _field_type(name: str, tp: object, metadata: Mapping[object, object], kit: _Kit) -> object:
    origin = typing.get_origin(tp)
    if origin is tuple or origin is frozenset:
        (item,) = typing.get_args(tp)[:1]
        return kit.many(_item_type(item, metadata, kit), nonempty=name in NONEMPTY)
    if name == "id":
        return kit.ident()
    return _item_type(tp, metadata, kit)


def _item_type(tp: object, metadata: Mapping[object, object], kit: _Kit) -> object:  # noqa: PLR0911 - a dispatch table
    if tp is str:
        choices = metadata.get(CHOICES)
        if isinstance(choices, tuple):
            return _ANY.Literal[choices]
        same = metadata.get(REF) == SAME or metadata.get(LATER) is not None
        return kit.ident() if same else kit.text()
    if tp is bool:
        return bool
    if tp is int or tp is float:
        bounds = metadata.get(RANGE)
        if not isinstance(bounds, tuple):  # pragma: no cover - runtone's records declare one
            raise TypeError(f"a number without a range: {tp!r}")
        return kit.whole(*bounds) if tp is int else kit.number(*bounds)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if isinstance(tp, type) and _is_record(tp):
        return str  # a reference by id: check() looks it up
    if isinstance(tp, type) and attrs.has(tp):
        return _model(tp, kit)
    raise TypeError(f"no rival field for {tp!r}")  # pragma: no cover - a new kind of field


_MODELS: dict[tuple[type, type], type] = {}


def _model(cls: type, kit: _Kit) -> type:
    """The kit's model of runtone's record class ``cls``, made once."""
    made = _MODELS.get((cls, type(kit)))
    if made is None:
        fields: list[tuple[str, object, object]] = []
        for field in attrs.fields(cls):
            tp = field.type
            args = typing.get_args(tp)
            optional = typing.get_origin(tp) is Union and type(None) in args
            if optional:
                (tp,) = (a for a in args if a is not type(None))
            annotation = _field_type(field.name, tp, field.metadata, kit)
            if optional:
                annotation = _ANY.Optional[annotation]
            default = _REQUIRED if field.default is attrs.NOTHING else field.default
            fields.append((field.name, annotation, default))
        made = _MODELS[cls, type(kit)] = kit.record(cls.__name__, fields)
    return made


def _rust_class(chars: str) -> str:
    """A character class body of :data:`CONTROL` for Rust's regex (pydantic's engine)."""
    return "".join(c if c == "-" else f"\\x{{{ord(c):x}}}" for c in chars)


class _PydanticKit(_Kit):
    def __init__(self) -> None:
        import pydantic  # noqa: PLC0415 - the rival is optional

        self.pydantic = pydantic
        control = _rust_class(CONTROL)
        self._ident = _ANY.Annotated[
            str, pydantic.StringConstraints(pattern=f"^{ID_PATTERN}$", max_length=MAX_ID)
        ]
        # Rust's regex: $ is the end of the text (no newline before it, as Python's).
        self._text = _ANY.Annotated[
            str,
            pydantic.StringConstraints(
                pattern=f"^[^\\s{control}](?:[^{control}]*[^\\s{control}])?$"
            ),
        ]

    def ident(self) -> object:
        return self._ident

    def text(self) -> object:
        return self._text

    def whole(self, low: int, high: int) -> object:
        return _ANY.Annotated[int, self.pydantic.Field(ge=low, le=high)]

    def number(self, low: float, high: float) -> object:
        return _ANY.Annotated[float, self.pydantic.Field(ge=low, le=high)]

    def many(self, item: object, *, nonempty: bool) -> object:
        many = _ANY.Tuple[item, ...]
        return _ANY.Annotated[many, self.pydantic.Field(min_length=1)] if nonempty else many

    def record(self, name: str, fields: list[tuple[str, object, object]]) -> type:
        config = self.pydantic.ConfigDict(strict=True, extra="forbid", frozen=True)
        definitions: dict[str, Any] = {
            field: (annotation, ... if default is _REQUIRED else default)
            for field, annotation, default in fields
        }
        model: type = self.pydantic.create_model(name, __config__=config, **definitions)
        return model


class _MsgspecKit(_Kit):
    def __init__(self) -> None:
        import msgspec  # noqa: PLC0415 - the rival is optional

        self.msgspec = msgspec
        self._ident = _ANY.Annotated[
            str, msgspec.Meta(pattern=f"^{ID_PATTERN}\\Z", max_length=MAX_ID)
        ]
        # Python's re (msgspec's): \s is what str.strip() strips.
        self._text = _ANY.Annotated[
            str, msgspec.Meta(pattern=f"^[^\\s{CONTROL}](?:[^{CONTROL}]*[^\\s{CONTROL}])?\\Z")
        ]

    def ident(self) -> object:
        return self._ident

    def text(self) -> object:
        return self._text

    def whole(self, low: int, high: int) -> object:
        return _ANY.Annotated[int, self.msgspec.Meta(ge=low, le=high)]

    def number(self, low: float, high: float) -> object:
        return _ANY.Annotated[float, self.msgspec.Meta(ge=low, le=high)]

    def many(self, item: object, *, nonempty: bool) -> object:
        many = _ANY.Tuple[item, ...]
        return _ANY.Annotated[many, self.msgspec.Meta(min_length=1)] if nonempty else many

    def record(self, name: str, fields: list[tuple[str, object, object]]) -> type:
        spec: list[Any] = [
            (field, annotation) if default is _REQUIRED else (field, annotation, default)
            for field, annotation, default in fields
        ]
        struct: type = self.msgspec.defstruct(
            name, spec, kw_only=True, forbid_unknown_fields=True, frozen=True
        )
        return struct


def pydantic_loader() -> Loader:
    """Load a pack with pydantic v2 models (strict, no extra fields), then :func:`check`.

    Raises:
        ImportError: pydantic is not installed.
    """
    import pydantic  # noqa: PLC0415 - the rival is optional

    kit = _PydanticKit()
    adapters = [(name, pydantic.TypeAdapter(_ANY.List[_model(cls, kit)])) for name, cls in RECORDS]

    def load(files: Mapping[str, bytes]) -> Loaded:
        made: list[Sequence[Any]] = []
        name = ""
        try:
            for name, adapter in adapters:
                made.append(adapter.validate_json(files[name]))
        except pydantic.ValidationError as exc:
            raise Rejected(f"{name}.json", None, None, str(exc)) from None
        sources, muscles, exercises = made
        check(sources, muscles, exercises)
        return sources, muscles, exercises

    return load


def msgspec_loader() -> Loader:
    """Load a pack with msgspec Structs (no unknown fields), then :func:`check`.

    Raises:
        ImportError: msgspec is not installed.
    """
    import msgspec  # noqa: PLC0415 - the rival is optional

    kit = _MsgspecKit()
    decoders = [(name, msgspec.json.Decoder(_ANY.List[_model(cls, kit)])) for name, cls in RECORDS]

    def load(files: Mapping[str, bytes]) -> Loaded:
        made: list[Sequence[Any]] = []
        name = ""
        try:
            for name, decoder in decoders:
                made.append(decoder.decode(files[name]))
        except msgspec.ValidationError as exc:
            raise Rejected(f"{name}.json", None, None, str(exc)) from None
        except msgspec.DecodeError as exc:
            raise Rejected(f"{name}.json", None, None, f"invalid JSON: {exc}") from None
        sources, muscles, exercises = made
        check(sources, muscles, exercises)
        return sources, muscles, exercises

    return load


def msgspec_records_loader() -> Loader:
    """:func:`msgspec_loader`, then runtone's own records made of its Structs.

    What runtone's loader would cost if it decoded with msgspec (issue 18 asks whether
    that is faster than the hand-written path): the same decoding into Structs and the
    same pass, then every source, muscle and exercise made as runtone's record, each
    reference the record itself.  Only the making is added; what runtone's parser
    checks that msgspec does not (a key twice in an object, half a surrogate pair), and
    turning msgspec's message into a DataError naming the record, are left out, so the
    figure is the least that path could cost.

    Raises:
        ImportError: msgspec is not installed.
    """
    load = msgspec_loader()
    tables: dict[type, dict[str, Any]] = {}
    makers = [(cls, _from_struct(cls, tables)) for _, cls in RECORDS]

    def records(files: Mapping[str, bytes]) -> Loaded:
        decoded = load(files)
        made: list[tuple[Any, ...]] = []
        try:
            for (cls, make), structs in zip(makers, decoded):
                table = tables.setdefault(cls, {})
                for struct in structs:
                    table[struct.id] = make(struct)
                made.append(tuple(table.values()))
        finally:
            for table in tables.values():
                table.clear()  # the records returned hold what they refer to
        sources, muscles, exercises = made
        return sources, muscles, exercises

    return records


#: Makes a field's runtone value of its value in a Struct.
_Convert = Callable[[Any], Any]


def _from_struct(cls: type, tables: dict[type, dict[str, Any]]) -> _Convert:
    """What makes a ``cls`` of the Struct msgspec decoded for it (see :func:`_model`)."""
    fields = tuple((field.name, _struct_value(field.type, tables)) for field in attrs.fields(cls))

    def make(struct: object) -> object:
        args = []
        for name, convert in fields:
            value = getattr(struct, name)
            args.append(value if convert is None else convert(value))
        return cls(*args)

    return make


def _struct_value(tp: object, tables: dict[type, dict[str, Any]]) -> _Convert | None:  # noqa: PLR0911 - a dispatch table
    """How a Struct's value becomes the field's (None: it already is, as enums are)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Union:
        inner = _struct_value(next(a for a in args if a is not type(None)), tables)
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    if origin is tuple or origin is frozenset:
        item = _struct_value(args[0], tables)
        if origin is frozenset:
            return frozenset if item is None else lambda value: frozenset(map(item, value))
        return None if item is None else lambda value: tuple(map(item, value))
    if isinstance(tp, type) and _is_record(tp):
        return tables.setdefault(tp, {}).__getitem__  # the pass checked that it exists
    if isinstance(tp, type) and attrs.has(tp):
        return _from_struct(tp, tables)
    return None


# --- the pass both rivals share ---------------------------------------------------------


def _lists(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that hold a list."""
    return tuple(
        f.name for f in attrs.fields(cls) if typing.get_origin(f.type) in {tuple, frozenset}
    )


#: The list fields of each record and value class, where no item may appear twice.
LISTS: dict[type, tuple[str, ...]] = {
    cls: _lists(cls)
    for cls in (
        runtone.Source,
        runtone.Muscle,
        runtone.Finding,
        runtone.ActivityWindow,
        runtone.Exercise,
        runtone.Target,
        runtone.Dose,
    )
}


def _twice(record: object, names: tuple[str, ...], file: str, ident: str) -> None:
    """Raise Rejected if a list field of ``record`` holds an item twice."""
    for name in names:
        items = getattr(record, name)
        if len(items) > 1 and len(set(items)) != len(items):
            raise Rejected(file, ident, name, "an item is listed twice")


def _exist(
    ids: Iterable[str], known: Mapping[str, object] | set[str], where: tuple[str, ...]
) -> None:
    for target in ids:
        if target not in known:
            file, ident, field, collection = where
            raise Rejected(file, ident, field, f"{target!r} is not the id of any {collection}")


def _key(keys: dict[str, str], key: str, ident: str, file: str, field: str) -> None:
    """Add one lookup key: it must normalize to something, and be no other record's."""
    norm = normalize(key)
    if not norm:
        raise Rejected(file, ident, field, f"{key!r} has no letter or digit")
    owner = keys.setdefault(norm, ident)
    if owner != ident:
        raise Rejected(file, ident, field, f"{key!r} is also a name or alias of {owner!r}")


def check(  # noqa: C901, PLR0912, PLR0915 - one pass over every record, each check where it applies
    sources: Sequence[Any],
    muscles: Sequence[Any],
    exercises: Sequence[Any],
    injuries: Sequence[Any] = (),
) -> None:
    """The checks across records, in plain Python, over what a rival decoded.

    Raises:
        Rejected: for the first problem found.
    """
    source_lists, muscle_lists, exercise_lists = (
        LISTS[runtone.Source],
        LISTS[runtone.Muscle],
        LISTS[runtone.Exercise],
    )
    finding_lists, window_lists, dose_lists = (
        LISTS[runtone.Finding],
        LISTS[runtone.ActivityWindow],
        LISTS[runtone.Dose],
    )
    injury_ids = {i.id for i in injuries}

    file = "sources.json"
    source_ids: set[str] = set()
    keys: dict[str, str] = {}
    for source in sources:
        ident = source.id
        _twice(source, source_lists, file, ident)
        if ident in source_ids:
            raise Rejected(file, ident, "id", f"{ident!r} is used by another record")
        source_ids.add(ident)
        _key(keys, ident, ident, file, "id")
        _key(keys, source.title, ident, file, "title")

    file = "muscles.json"
    parent: dict[str, str | None] = {}
    keys = {}
    later: list[tuple[str, str]] = []  # (muscle, exercise id) from findings
    for muscle in muscles:
        ident = muscle.id
        _twice(muscle, muscle_lists, file, ident)
        _exist(muscle.sources, source_ids, (file, ident, "sources", "source"))
        for finding in muscle.findings:
            _twice(finding, finding_lists, file, ident)
            _exist(finding.sources, source_ids, (file, ident, "findings", "source"))
            later.extend((ident, exercise) for exercise in finding.exercises)
        for window in muscle.activity:
            _twice(window, window_lists, file, ident)
            _exist(window.sources, source_ids, (file, ident, "activity", "source"))
        if muscle.part_of is not None and muscle.part_of == ident:
            raise Rejected(file, ident, "part_of", "a muscle cannot be part of itself")
        if ident in parent:
            raise Rejected(file, ident, "id", f"{ident!r} is used by another record")
        parent[ident] = muscle.part_of
        _key(keys, ident, ident, file, "id")
        _key(keys, muscle.name, ident, file, "name")
        for alias in muscle.aliases:
            _key(keys, alias, ident, file, "aliases")
    for ident, group in parent.items():
        if group is not None and group not in parent:
            raise Rejected(file, ident, "part_of", f"{group!r} is not the id of any muscle")
    _no_cycle(parent, file)

    file = "exercises.json"
    variations: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    keys = {}
    for exercise in exercises:
        ident = exercise.id
        _twice(exercise, exercise_lists, file, ident)
        _exist((t.muscle for t in exercise.targets), parent, (file, ident, "targets", "muscle"))
        _exist(exercise.sources, source_ids, (file, ident, "sources", "source"))
        _exist(exercise.contraindications, injury_ids, (file, ident, "contraindications", "injury"))
        for dose in exercise.doses:
            _twice(dose, dose_lists, file, ident)
            _exist(dose.sources, source_ids, (file, ident, "doses", "source"))
            low, high = dose.reps_min, dose.reps_max
            if low is not None and high is not None and low > high:
                raise Rejected(file, ident, "doses", "reps_min is more than reps_max")
        if ident in exercise.easier or ident in exercise.harder:
            raise Rejected(file, ident, "easier", "an exercise cannot be a variation of itself")
        if ident in variations:
            raise Rejected(file, ident, "id", f"{ident!r} is used by another record")
        variations[ident] = (exercise.easier, exercise.harder)
        _key(keys, ident, ident, file, "id")
        _key(keys, exercise.name, ident, file, "name")
        for alias in exercise.aliases:
            _key(keys, alias, ident, file, "aliases")
    up: dict[str, list[str]] = {}  # each exercise's harder ones, from both directions
    for ident, (easier, harder) in variations.items():
        _exist(easier, variations, (file, ident, "easier", "exercise"))
        _exist(harder, variations, (file, ident, "harder", "exercise"))
        for other in harder:
            up.setdefault(ident, []).append(other)
        for other in easier:
            up.setdefault(other, []).append(ident)
    _no_progression_cycle(up, file)
    for muscle_id, exercise_id in later:
        if exercise_id not in variations:
            raise Rejected(
                "muscles.json", muscle_id, "findings", f"{exercise_id!r} is not an exercise"
            )


def _no_cycle(parent: Mapping[str, str | None], file: str) -> None:
    """Raise Rejected at a cycle of ``part_of``; each muscle is walked once."""
    done: set[str] = set()
    for start in parent:
        walk: set[str] = set()
        node: str | None = start
        while node is not None and node not in done:
            if node in walk:
                raise Rejected(file, node, "part_of", "cycle")
            walk.add(node)
            node = parent.get(node)
        done.update(walk)


def _no_progression_cycle(up: Mapping[str, list[str]], file: str) -> None:
    """Raise Rejected at a cycle of easier-to-harder; a depth-first walk, in linear time."""
    done: set[str] = set()
    for start in up:
        if start in done:
            continue
        path = [start]
        on_path = {start}
        edges = [iter(up[start])]
        while edges:
            step = next(edges[-1], None)
            if step is None:
                edges.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
            elif step in on_path:
                raise Rejected(file, step, "harder", "cycle of variations")
            elif step not in done:
                path.append(step)
                on_path.add(step)
                edges.append(iter(up.get(step, ())))
