"""The controlled vocabulary of the dataset.

Every enum's values are the exact strings used in the JSON data files, so
``Region("thigh")`` turns a data value into a member and ``member.value`` turns
it back.  The enums are plain :class:`enum.Enum` (not ``str`` mixins) so that a
member never compares equal to, or sorts like, a bare string by accident.

A user's words become members through one parser, :func:`parse_enum` (and
:func:`parse_enums` for sets), shared by :class:`~runtone.Profile`, every query
filter, :func:`~runtone.recommend` and the command line.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Callable, TypeVar, cast

from .errors import InvalidValueError, shown

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "Direction",
    "Equipment",
    "EvidenceGrade",
    "ExerciseKind",
    "GaitPhase",
    "Goal",
    "JointAction",
    "Level",
    "MuscleKind",
    "RaceDistance",
    "Region",
    "SessionKind",
    "SourceKind",
    "StrideCategory",
    "Structure",
    "TargetRole",
    "Verdict",
    "WeekKind",
    "close_matches",
    "normalize",
    "parse_enum",
    "parse_enums",
    "words",
]

_FOLD = re.compile(r"[\s_-]+")

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def normalize(key: str) -> str:
    """The form a key is compared in: case folded, no spaces, hyphens or underscores.

    Record lookups and enum values are both compared in this form.

    >>> normalize("Rectus_femoris") == normalize("rectus-femoris") == normalize("RECTUS FEMORIS")
    True
    """
    folded = key.casefold()
    # Most keys are a single word: then there is nothing to remove.
    return folded if folded.isalnum() else _FOLD.sub("", folded)


#: The longest key (normalized) that close matches are looked for.
SUGGEST_MAX = 200


def close_matches(
    key: str, candidates: Mapping[str, T], name: Callable[[T], str]
) -> tuple[str, ...]:
    """The names of up to three candidates whose keys are close to ``key``, closest first.

    ``candidates`` maps normalized keys to what they stand for (a record, an enum
    member) and ``name`` gives the name to suggest for one (an id, a value).  Every
    lookup and every enum value ranks its suggestions this way, so the same typo
    gets the same kind of answer everywhere.

    >>> close_matches("Beginer", {"beginner": "beginner", "advanced": "advanced"}, str)
    ('beginner',)
    """
    import difflib  # noqa: PLC0415 - only a failed lookup needs it

    word = normalize(key)
    if len(word) > SUGGEST_MAX:
        return ()  # no name is that long: a typo of none, and comparing would cost
    # A ratio of 0.6 needs the lengths within 3/7 to 7/3 of each other: compare only those.
    low, high = len(word) * 3 / 7, len(word) * 7 / 3
    keys = [k for k in candidates if low <= len(k) <= high]
    close = difflib.get_close_matches(word, keys, n=20, cutoff=0.6)
    return tuple(dict.fromkeys(name(candidates[match]) for match in close))[:3]


class Region(enum.Enum):
    """Where on the body a muscle lies."""

    TRUNK = "trunk"
    HIP = "hip"
    THIGH = "thigh"
    LOWER_LEG = "lower_leg"
    FOOT = "foot"


class MuscleKind(enum.Enum):
    """Whether a muscle record is a group (quadriceps) or a single muscle (soleus)."""

    GROUP = "group"
    MUSCLE = "muscle"


class JointAction(enum.Enum):
    """A movement of a joint that a muscle produces or controls."""

    HIP_FLEXION = "hip_flexion"
    HIP_EXTENSION = "hip_extension"
    HIP_ABDUCTION = "hip_abduction"
    HIP_ADDUCTION = "hip_adduction"
    HIP_EXTERNAL_ROTATION = "hip_external_rotation"
    KNEE_EXTENSION = "knee_extension"
    KNEE_FLEXION = "knee_flexion"
    ANKLE_PLANTARFLEXION = "ankle_plantarflexion"
    ANKLE_DORSIFLEXION = "ankle_dorsiflexion"
    FOOT_EVERSION = "foot_eversion"
    TOE_FLEXION = "toe_flexion"
    TRUNK_STABILIZATION = "trunk_stabilization"
    PELVIC_STABILIZATION = "pelvic_stabilization"


class GaitPhase(enum.Enum):
    """A part of the running stride, from landing to the next landing."""

    #: First contact and the first half of stance, when the body is braked and caught.
    EARLY_STANCE = "early_stance"
    #: The middle of stance, body weight over the foot.
    MID_STANCE = "mid_stance"
    #: The second half of stance up to toe-off, when the foot pushes the body on.
    LATE_STANCE = "late_stance"
    #: The leg swings forward after toe-off.
    EARLY_SWING = "early_swing"
    #: The leg reaches forward and is slowed before the next landing (terminal swing).
    LATE_SWING = "late_swing"


class TargetRole(enum.Enum):
    """How an exercise uses a muscle."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    STABILIZER = "stabilizer"


class Level(enum.Enum):
    """Training experience an exercise or recommendation suits."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class ExerciseKind(enum.Enum):
    """What sort of activity an exercise is."""

    STRENGTH = "strength"
    PLYOMETRIC = "plyometric"
    RUNNING_WORKOUT = "running_workout"
    DRILL = "drill"
    MOBILITY = "mobility"
    CROSS_TRAINING = "cross_training"


class Equipment(enum.Enum):
    """Something an exercise needs; an exercise that needs none has an empty set."""

    DUMBBELLS = "dumbbells"
    BARBELL = "barbell"
    RESISTANCE_BAND = "resistance_band"
    LEG_PRESS_MACHINE = "leg_press_machine"
    LEG_CURL_MACHINE = "leg_curl_machine"
    FOAM_ROLLER = "foam_roller"
    STEP = "step"
    HILL = "hill"
    TREADMILL = "treadmill"
    BICYCLE = "bicycle"
    STAIRS = "stairs"


class StrideCategory(enum.Enum):
    """What a stride-effect record varies."""

    FOOT_STRIKE = "foot_strike"
    STRIDE_LENGTH = "stride_length"
    CADENCE = "cadence"
    SLOPE = "slope"
    SPEED = "speed"
    FOOT_ANGLE = "foot_angle"


class Direction(enum.Enum):
    """How a way of running changes a load, against the record's baseline."""

    MORE = "more"
    LESS = "less"
    SIMILAR = "similar"
    UNKNOWN = "unknown"

    @property
    def mirror(self) -> Direction:
        """The same change seen from the other side (more becomes less)."""
        return _MIRROR[self]


_MIRROR = {
    Direction.MORE: Direction.LESS,
    Direction.LESS: Direction.MORE,
    Direction.SIMILAR: Direction.SIMILAR,
    Direction.UNKNOWN: Direction.UNKNOWN,
}


class Structure(enum.Enum):
    """A joint, tendon or tissue whose load a way of running shifts."""

    HIP = "hip"
    KNEE = "knee"
    PATELLOFEMORAL_JOINT = "patellofemoral_joint"
    TIBIOFEMORAL_JOINT = "tibiofemoral_joint"
    ANKLE = "ankle"
    ACHILLES_TENDON = "achilles_tendon"
    PLANTAR_FASCIA = "plantar_fascia"
    ANTERIOR_COMPARTMENT = "anterior_compartment"


class EvidenceGrade(enum.Enum):
    """How strong the evidence behind a statement is, weakest first.

    Members compare by strength: ``EvidenceGrade.LAB < EvidenceGrade.RCT``.
    The order follows the usual pyramid of evidence: a popular article with no
    research behind it is weakest; expert consensus and narrative reviews rank
    below data; uncontrolled case series below controlled laboratory
    measurement; then prospective cohorts, randomised trials, and systematic
    reviews or meta-analyses at the top.
    """

    POPULAR = "popular"
    CONSENSUS = "consensus"
    CASE_SERIES = "case_series"
    LAB = "lab"
    COHORT = "cohort"
    RCT = "rct"
    SYSTEMATIC_REVIEW = "systematic_review"

    @property
    def rank(self) -> int:
        """The grade's position in the order, 0 for the weakest."""
        return _GRADE_RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, EvidenceGrade):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, EvidenceGrade):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, EvidenceGrade):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, EvidenceGrade):
            return NotImplemented
        return self.rank >= other.rank


_GRADE_RANK = {grade: rank for rank, grade in enumerate(EvidenceGrade)}


class Verdict(enum.Enum):
    """What research says of a claim made by a popular article."""

    SUPPORTED = "supported"
    PARTLY = "partly"
    CONTRADICTED = "contradicted"
    UNCLEAR = "unclear"


class Goal(enum.Enum):
    """What a runner wants from training."""

    TONE = "tone"
    STRENGTH = "strength"
    ENDURANCE = "endurance"
    SPEED = "speed"
    FAT_LOSS = "fat_loss"
    MUSCLE_MAINTENANCE = "muscle_maintenance"
    INJURY_PREVENTION = "injury_prevention"
    HEALTH = "health"
    #: Getting back to running after an injury (the profile must name the injury).
    RETURN_FROM_INJURY = "return_from_injury"


class RaceDistance(enum.Enum):
    """A race a plan builds toward; its last weeks taper to it."""

    FIVE_K = "5k"
    TEN_K = "10k"
    HALF_MARATHON = "half_marathon"
    MARATHON = "marathon"


class SessionKind(enum.Enum):
    """What sort of session a plan's day holds."""

    RUN_WALK = "run_walk"
    EASY = "easy"
    LONG = "long"
    STRIDES = "strides"
    TEMPO = "tempo"
    INTERVALS = "intervals"
    HILLS = "hills"
    CROSS_TRAINING = "cross_training"
    STRENGTH = "strength"


class WeekKind(enum.Enum):
    """The part a week plays in a plan."""

    #: The plan's first week, the runner's starting point.
    START = "start"
    #: More running than the last full week, within the load rules.
    BUILD = "build"
    #: The same running as the last full week (no room left to grow, or an injury).
    HOLD = "hold"
    #: A lighter week, every third or fourth week.
    LIGHTER = "lighter"
    #: The last weeks before a goal race, with less running.
    TAPER = "taper"


class SourceKind(enum.Enum):
    """What sort of document a source is."""

    POPULAR_ARTICLE = "popular_article"
    MEDICALLY_REVIEWED_ARTICLE = "medically_reviewed_article"
    PEER_REVIEWED_STUDY = "peer_reviewed_study"
    NARRATIVE_REVIEW = "narrative_review"
    SYSTEMATIC_REVIEW = "systematic_review"
    GUIDELINE = "guideline"
    #: The short report of a study given at a conference (not a peer-reviewed paper).
    CONFERENCE_ABSTRACT = "conference_abstract"
    #: An anatomy textbook, atlas or encyclopaedia page (a reference work).
    REFERENCE_WORK = "reference_work"
    #: An open database compiled by a project or a community (used by converted packs).
    DATASET = "dataset"


# --- from a user's words to members -------------------------------------------------------

#: Other words for a member, besides its value, its name and the words runtone prints.
ALIASES: Mapping[enum.Enum, tuple[str, ...]] = {
    EvidenceGrade.RCT: ("randomised controlled trial", "randomized controlled trial"),
    EvidenceGrade.SYSTEMATIC_REVIEW: ("meta-analysis",),
    EvidenceGrade.LAB: ("laboratory",),
    RaceDistance.FIVE_K: ("5 km", "5km", "parkrun"),
    RaceDistance.TEN_K: ("10 km", "10km"),
    RaceDistance.HALF_MARATHON: ("half", "21k", "21.1 km"),
    RaceDistance.MARATHON: ("42k", "42.2 km", "full marathon"),
    Goal.RETURN_FROM_INJURY: ("returning from injury", "return to running", "comeback"),
}

#: Words that, in a set of equipment, mean no equipment at all (body weight only).
NO_EQUIPMENT = ("none", "bodyweight")

_TABLES: dict[type[enum.Enum], Mapping[str, enum.Enum]] = {}


def words(member: enum.Enum) -> str:
    """How runtone's text output shows a member: its value in words.

    >>> words(ExerciseKind.RUNNING_WORKOUT)
    'running workout'
    """
    return str(member.value).replace("_", " ")


def _spellings(member: enum.Enum) -> list[str]:
    spelt = [member.name, words(member), *ALIASES.get(member, ())]
    return [member.value, *spelt] if isinstance(member.value, str) else spelt


def _table(cls: type[E]) -> Mapping[str, E]:
    table = _TABLES.get(cls)
    if table is None:  # a race builds equal tables, harmlessly
        built: dict[str, enum.Enum] = {}
        for member in cls:
            for spelling in _spellings(member):
                built.setdefault(normalize(spelling), member)
        table = _TABLES[cls] = built
    return cast("Mapping[str, E]", table)


def _unknown(
    cls: type[enum.Enum],
    value: str,
    name: str,
    error: type[InvalidValueError],
    nothing: tuple[str, ...] = (),
) -> InvalidValueError:
    # A word for nothing is suggested as the first of those words.
    table: dict[str, str] = {key: str(m.value) for key, m in _table(cls).items()}
    table.update(dict.fromkeys(map(normalize, nothing), nothing[0] if nothing else ""))
    close = close_matches(value, table, str)
    allowed = ", ".join([*(repr(m.value) for m in cls), *(repr(word) for word in nothing[:1])])
    problem = f"{shown(value)} is not one of {allowed}"
    if close:
        problem += "; did you mean " + ", ".join(repr(c) for c in close) + "?"
    return error(name, problem, close)


def parse_enum(
    cls: type[E],
    value: object,
    name: str,
    *,
    error: type[InvalidValueError] = InvalidValueError,
) -> E:
    """``value`` as a member of ``cls``: the member itself, or a string that names it.

    A string may be the member's value (``"running_workout"``), its name
    (``"RUNNING_WORKOUT"``), the words runtone's output shows for it (``"running
    workout"``, see :func:`words`) or one of its :data:`ALIASES`
    (``"meta-analysis"``), in any case, with spaces, hyphens and underscores
    alike.  Lookups of records compare keys the same way.

    >>> parse_enum(ExerciseKind, "Running workout", "kind")
    <ExerciseKind.RUNNING_WORKOUT: 'running_workout'>
    >>> parse_enum(EvidenceGrade, "RCT", "min_evidence")
    <EvidenceGrade.RCT: 'rct'>
    >>> parse_enum(Level, "beginer", "level")
    Traceback (most recent call last):
    ...
    runtone.errors.InvalidValueError: level: 'beginer' is not one of 'beginner', ...

    Args:
        cls: The enum.
        value: What was given.
        name: The argument or field it was given for: every message starts with it.
        error: The class to raise for a string that names no member (a subclass
            of :class:`~runtone.InvalidValueError`, e.g. :class:`~runtone.ProfileError`).

    Raises:
        InvalidValueError: ``value`` is a string that names no member (``error``);
            the message lists the values and up to three close ones, which the
            error's ``suggestions`` hold.
        TypeError: ``value`` is neither a member of ``cls`` nor a string.
    """
    if isinstance(value, cls):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected {cls.__name__} or its value, got {shown(value)}")
    found = _table(cls).get(normalize(value))
    if found is None:
        raise _unknown(cls, value, name, error)
    return found


def parse_enums(
    cls: type[E],
    values: object,
    name: str,
    *,
    error: type[InvalidValueError] = InvalidValueError,
) -> frozenset[E]:
    """The members a collection of values names, each read by :func:`parse_enum`.

    For :class:`Equipment`, a collection that is just one of the words
    :data:`NO_EQUIPMENT` (``"none"``, ``"bodyweight"``) means no equipment: the
    empty set.  Such a word cannot be combined with equipment.

    >>> sorted(m.value for m in parse_enums(Goal, ["speed", "Fat loss"], "goals"))
    ['fat_loss', 'speed']
    >>> parse_enums(Equipment, ["none"], "equipment")
    frozenset()

    Raises:
        InvalidValueError: an item names no member (``error``), or a word for no
            equipment is combined with equipment.
        TypeError: ``values`` is a string or not a collection, or an item is
            neither a member nor a string.
    """
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(
            f"{name}: expected a collection of {cls.__name__} values, got {shown(values)}"
        )
    nothing = NO_EQUIPMENT if cls is Equipment else ()
    empty = frozenset(map(normalize, nothing))
    members: list[E] = []
    said_nothing: str | None = None
    for value in values:
        if isinstance(value, str) and normalize(value) in empty:
            said_nothing = value
            continue
        try:
            members.append(parse_enum(cls, value, name, error=error))
        except InvalidValueError:
            if not nothing:
                raise
            assert isinstance(value, str)  # noqa: S101 - parse_enum raised TypeError otherwise
            raise _unknown(cls, value, name, error, nothing) from None
    if said_nothing is not None and members:
        raise error(
            name,
            f"{shown(said_nothing)} means no {cls.__name__.lower()} and cannot be combined"
            f" with {shown(members[0].value)}",
        )
    return frozenset(members)


#: Every enum of the vocabulary, in the order of ``__all__``: the values whose words
#: text output shows (``runtone._texts.enums``).
VOCABULARIES: tuple[type[enum.Enum], ...] = tuple(
    value
    for value in map(globals().__getitem__, __all__)
    if isinstance(value, type) and issubclass(value, enum.Enum)
)
