"""The controlled vocabulary of the dataset.

Every enum's values are the exact strings used in the JSON data files, so
``Region("thigh")`` turns a data value into a member and ``member.value`` turns
it back.  The enums are plain :class:`enum.Enum` (not ``str`` mixins) so that a
member never compares equal to, or sorts like, a bare string by accident.
"""

from __future__ import annotations

import enum

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
    "Region",
    "SourceKind",
    "StrideCategory",
    "Structure",
    "TargetRole",
    "Verdict",
]


class Region(enum.Enum):
    """Where on the body a muscle lies."""

    TRUNK = "trunk"
    HIP = "hip"
    THIGH = "thigh"
    LOWER_LEG = "lower_leg"


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


class SourceKind(enum.Enum):
    """What sort of document a source is."""

    POPULAR_ARTICLE = "popular_article"
    MEDICALLY_REVIEWED_ARTICLE = "medically_reviewed_article"
    PEER_REVIEWED_STUDY = "peer_reviewed_study"
    NARRATIVE_REVIEW = "narrative_review"
    SYSTEMATIC_REVIEW = "systematic_review"
    GUIDELINE = "guideline"
    #: An open database compiled by a project or a community (used by converted packs).
    DATASET = "dataset"
