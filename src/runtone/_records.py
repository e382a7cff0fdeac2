"""The records of the dataset: frozen, slotted attrs classes.

A record is a value: it cannot be changed after it is made, every collection in
it is a tuple or a frozenset, and two records with the same fields are equal.

References between records of *different* collections are resolved into the
objects themselves (``exercise.targets[0].muscle.name``).  References within the
*same* collection (a muscle's group, a stride effect's baseline) are kept as ids,
because they may form cycles that immutable objects cannot hold; the
:class:`~runtone.Dataset` resolves them (``ds.muscle(m.part_of)``,
``ds.parts(m)``).

This module's annotations are evaluated at runtime (no ``from __future__ import
annotations``): the loader reads them to know how to build each record, so they
use ``typing.Optional`` to stay valid on Python 3.9.
"""

import operator
from typing import Callable, ClassVar, Optional, cast

import attrs

from ._repr import describe
from ._vocab import (
    Direction,
    Equipment,
    EvidenceGrade,
    ExerciseKind,
    GaitPhase,
    Goal,
    JointAction,
    Level,
    MuscleKind,
    Region,
    SourceKind,
    StrideCategory,
    Structure,
    TargetRole,
    Verdict,
)
from .errors import shown

__all__ = [
    "ActivityWindow",
    "Assertion",
    "Claim",
    "Dosage",
    "Dose",
    "Exercise",
    "Finding",
    "Injury",
    "JointLoad",
    "Muscle",
    "MuscleEffect",
    "Parameter",
    "Recommendation",
    "Source",
    "StrideEffect",
    "Target",
    "Term",
    "TrainingRule",
]

#: attrs metadata key: the field holds the id of a record of this collection.
REF = "runtone_ref"


#: ``REF`` value for a reference to the record's own collection.
SAME = "same"

#: attrs metadata key: the field holds ids of records of a collection built *after* the
#: record's own (an injury's finding naming exercises, which themselves name injuries).
#: They stay ids, like ``SAME`` references; the loader checks them once all is built.
LATER = "runtone_later"


#: attrs metadata key: the least and the greatest value a whole-number field may hold.
RANGE = "runtone_range"

#: The range of each number in the data (the loader checks them; the schemas say them).
YEARS = (1800, 2100)
DAYS = (0, 7)
MINUTES = (1, 1440)
SETS = (1, 100)
REPS = (1, 1000)
HOLD_SECONDS = (1, 3600)
#: Sessions a week: a protocol may prescribe two a day (Alfredson's heel drops: 14).
SESSIONS = (1, 21)
WEEKS = (1, 104)
#: A point of the gait cycle, in percent from one foot contact to the next.
PERCENT = (0, 100)
#: The range of a training rule's parameter value (none is negative; a week holds no
#: more than 10080 minutes, the largest number a unit here could need).
PARAMETER_VALUES = (0, 10080)

#: attrs metadata key: the only strings a text field may hold (the loader checks them;
#: the schemas list them).
CHOICES = "runtone_choices"

#: The units a training rule's parameter may be in.
UNITS = (
    "percent",
    "days",
    "weeks",
    "minutes",
    "seconds",
    "runs",
    "rpe",
    "km",
    "kg/m2",
    "points of 10",
)


def _ref(collection: str) -> dict[str, str]:
    return {REF: collection}


def _range(low: int, high: int) -> Optional[int]:
    """A whole-number field, ``None`` by default, that must be from ``low`` to ``high``."""
    field: Optional[int] = attrs.field(default=None, metadata={RANGE: (low, high)})
    return field


class _Record:
    """The base of every record class: one ``__eq__``, ``__hash__`` and ``__repr__`` for all.

    ``__eq__`` and ``__hash__`` behave like the ones attrs writes: records are equal
    when they are of the same class and every field is equal, and the hash is computed
    once and kept.  But attrs would generate and compile these methods for each class
    when runtone is first used, which was most of the cost of a process's first lookup;
    these are written once.

    The repr is not attrs': that one spelt out every nested record, so a single
    exercise printed its targets' muscles with all their sources.  It is short
    instead (see :mod:`runtone._repr`): ``<Muscle 'quadriceps'>`` for a record of a
    collection, ``<Target 'calves': role=primary>`` for a part of a record, from the
    class's ``_repr_key`` and ``_repr_details``.
    """

    __slots__ = ("_hash",)
    _hash: int
    #: The fields that tell a record apart in its repr, and the ones shown after them.
    _repr_key: ClassVar[tuple[str, ...]] = ("id",)
    _repr_details: ClassVar[tuple[str, ...]] = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        if other is self:
            return True
        values = _values(self.__class__)
        return values(self) == values(other)

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            cls = self.__class__
            value = hash((cls.__qualname__, _values(cls)(self)))
            object.__setattr__(self, "_hash", value)  # frozen: the one write, a cache
            return value

    def __repr__(self) -> str:
        return describe(self, self._repr_key, self._repr_details)


_NAMES: dict[type, tuple[str, ...]] = {}
_VALUES: dict[type, Callable[[object], tuple[object, ...]]] = {}


def _names(cls: type) -> tuple[str, ...]:
    """The names of a record class's fields, in order."""
    names = _NAMES.get(cls)
    if names is None:
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", cls))
        names = _NAMES[cls] = tuple(field.name for field in fields)
    return names


def _values(cls: type) -> Callable[[object], tuple[object, ...]]:
    """A function giving a record's field values as a tuple, in order."""
    values = _VALUES.get(cls)
    if values is None:
        names = _names(cls)
        getter = operator.attrgetter(*names)
        # attrgetter of one name gives the value itself, not a 1-tuple.
        values = _VALUES[cls] = getter if len(names) > 1 else lambda r: (getter(r),)
    return values


@attrs.frozen(eq=False, repr=False)
class Source(_Record):
    """A document the data rests on.

    Attributes:
        id: Stable kebab-case identifier.
        title: The document's title as published.
        kind: What sort of document it is.
        authors: Authors as published, ``()`` when the source did not show them.
        year: Year of publication (1800 to 2100), or ``None`` when not known.
        publisher: Journal, site or institution, or ``None`` when not known.
        volume: The journal volume, with the issue in brackets where known
            (``"46(8)"``), or ``None`` when not known or not a journal.
        pages: The page range or article number (``"1578-1587"``, ``"e15853"``),
            or ``None`` when not known.
        url: A web address, or ``None``.
        doi: The Digital Object Identifier, or ``None``.
        references: Works the document itself cites, as plain citations.
        note: What is uncertain about the record (unconfirmed details), or ``None``.
        condition: For a study whose participants all already had one condition (a
            trial or review of treatment), the id of that injury; else ``None``.
            Such a study says nothing of prevention in healthy runners, so no
            injury's ``prevention`` may cite it (see the consistency rules).

    >>> source = runtone.load().source("vannatta-2015")
    >>> source.authors, source.year, source.kind.value
    (('Vannatta CN', 'Kernozek TW'), 2015, 'peer_reviewed_study')
    """

    id: str
    title: str
    kind: SourceKind
    authors: tuple[str, ...] = ()
    year: Optional[int] = _range(*YEARS)
    publisher: Optional[str] = None
    volume: Optional[str] = None
    pages: Optional[str] = None
    url: Optional[str] = None
    doi: Optional[str] = None
    references: tuple[str, ...] = ()
    note: Optional[str] = None
    #: An injury id, kept as a string: an injury cites sources, so a source cannot hold
    #: the injury object; the consistency rules check that the id exists.
    condition: Optional[str] = None


@attrs.frozen(eq=False, repr=False)
class Finding(_Record):
    """One statement with the evidence behind it.

    Attributes:
        text: The statement, one or two plain sentences.
        evidence: How strong the evidence for it is.
        sources: The sources it rests on (at least one).
        exercises: Ids of the exercises the finding is about (an injury's treatment
            or prevention that uses them); the dose of each that the finding's
            trials used is :meth:`Dataset.doses_for <runtone.Dataset.doses_for>`.

    >>> finding = runtone.muscle("soleus").findings[1]
    >>> finding.text
    'Switching to a forefoot strike increased modelled soleus force.'
    >>> finding.evidence.value, [s.id for s in finding.sources]
    ('lab', ['vannatta-2015'])
    """

    _repr_key = ("text",)
    _repr_details = ("evidence", "sources")

    text: str
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    exercises: tuple[str, ...] = attrs.field(default=(), metadata={LATER: "exercises"})


@attrs.frozen(eq=False, repr=False)
class ActivityWindow(_Record):
    """When in the running gait cycle one study found a muscle active.

    The gait cycle runs from one contact of a foot (0%) to its next (100%); stance
    comes first, then swing.  A window that starts late in swing and goes on into the
    next stance wraps: its ``offset`` is less than its ``onset`` (85 to 15).

    Attributes:
        onset: Where the activity starts, in percent of the gait cycle (0 to 100).
        offset: Where it ends, in percent of the gait cycle (0 to 100).
        text: What was measured, in a sentence: the method (surface EMG, a
            simulation), the runners, their speed and foot strike.
        evidence: Grade of the study.
        sources: The study (at least one).
        toe_off: Where in the cycle the study's foot left the ground (1 to 99), so
            stance and swing are the study's own; ``None`` when it does not say.
    """

    _repr_key = ("onset", "offset")
    _repr_details = ("evidence", "sources")

    onset: int = attrs.field(metadata={RANGE: PERCENT})
    offset: int = attrs.field(metadata={RANGE: PERCENT})
    text: str
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    toe_off: Optional[int] = _range(1, 99)


@attrs.frozen(eq=False, repr=False)
class Muscle(_Record):
    """A muscle group or a single muscle.

    Attributes:
        id: Stable kebab-case identifier.
        name: Display name.
        kind: Group (quadriceps) or single muscle (soleus).
        region: Where on the body it lies.
        location: Where it lies, in a sentence.
        actions: The joint actions it produces or controls, main one first.
        gait_phases: When in the running stride it works.
        role: What it does in running, in plain sentences.
        evidence: Grade of the evidence behind ``role``.
        sources: Sources of the description.
        part_of: Id of the group this muscle belongs to, or ``None``.
        aliases: Other names people use for it.
        latin_name: Its Latin name in Terminologia Anatomica (``"musculus soleus"``),
            from a source the record cites; ``None`` for a group that Terminologia
            Anatomica does not name as one muscle (the glutes, the hamstrings).
        problems: Common problems runners have with it.
        findings: Research findings about it, each with its own grade.
        activity: When in the gait cycle studies found it active, one window a study
            (``()`` where no study gives the timing: no window is guessed).
        summary: One or two plain sentences for a runner: no figures, no jargon;
            the detail above holds the evidence.  ``None`` only in packs that give none.
        note: How the record was made (what was searched for, what was left out and
            why), for maintainers and reviewers; not meant to be shown to runners.

    >>> calves = runtone.muscle("calf")
    >>> calves.kind.value, calves.region.value, calves.part_of
    ('group', 'lower_leg', None)
    >>> runtone.muscle("soleus").part_of
    'calves'
    >>> runtone.muscle("soleus").latin_name
    'musculus soleus'
    """

    id: str
    name: str
    kind: MuscleKind
    region: Region
    location: str
    actions: tuple[JointAction, ...]
    gait_phases: tuple[GaitPhase, ...]
    role: str
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    part_of: Optional[str] = attrs.field(default=None, metadata=_ref(SAME))
    aliases: tuple[str, ...] = ()
    latin_name: Optional[str] = None
    problems: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    summary: Optional[str] = None
    note: Optional[str] = None
    activity: tuple[ActivityWindow, ...] = ()


@attrs.frozen(eq=False, repr=False)
class Injury(_Record):
    """A running injury or complaint the sources name.

    Attributes:
        id: Stable kebab-case identifier.
        name: Display name.
        description: What it is, in plain sentences.
        muscles: Muscles the sources relate to it.
        risk_factors: What is associated with it, each graded.
        prevention: What was found about preventing it, from studies of people who did
            not have it (healthy runners), each graded.
        evidence: Grade of the evidence behind the description.
        sources: Sources of the description.
        treatment: What was found about treating it, from studies of people who already
            had it, each graded; ``()`` when the sources test no treatment.
        aliases: Other names for it.
        see_a_clinician: When to have it seen by a doctor or physiotherapist rather than
            manage it alone, as health services advise, each graded.
        occurrence: How common it is among runners (incidence or prevalence), from
            epidemiological studies and reviews, each graded.
        summary: One or two plain sentences for a runner: no figures, no jargon;
            the detail above holds the evidence.  ``None`` only in packs that give none.
        note: How the record was made (what was searched for, what was left out and
            why), for maintainers and reviewers; not meant to be shown to runners.

    >>> knee = runtone.load().injury("runner's knee")
    >>> knee.id, [m.id for m in knee.muscles]
    ('patellofemoral-pain', ['quadriceps', 'glutes', 'gluteus-medius'])
    """

    id: str
    name: str
    description: str
    muscles: tuple[Muscle, ...]
    risk_factors: tuple[Finding, ...]
    prevention: tuple[Finding, ...]
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    treatment: tuple[Finding, ...] = ()
    aliases: tuple[str, ...] = ()
    see_a_clinician: tuple[Finding, ...] = ()
    occurrence: tuple[Finding, ...] = ()
    summary: Optional[str] = None
    note: Optional[str] = None


@attrs.frozen(eq=False, repr=False)
class Target(_Record):
    """A muscle an exercise works, and how.

    Attributes:
        muscle: The muscle.
        role: Primary mover, secondary mover or stabilizer.

    >>> target = runtone.exercise("calf raises").targets[0]
    >>> target.muscle.name, target.role
    ('Calves', <TargetRole.PRIMARY: 'primary'>)
    """

    _repr_key = ("muscle",)
    _repr_details = ("role",)

    muscle: Muscle
    role: TargetRole


@attrs.frozen(eq=False, repr=False)
class Dose(_Record):
    """How much of an exercise a published protocol prescribes, with its source.

    Every number is the protocol's own; a number it does not give is ``None``.  A dose
    always cites the trial, review or guideline it comes from: runtone's own starting
    defaults are not data (the coaching engine marks them, see
    :attr:`~runtone.StrengthItem.default_dosage`).

    Attributes:
        text: The protocol in words.
        evidence: Grade of the source the protocol comes from.
        sources: The trial, review or guideline that used or set it (at least one).
        sets: Sets a session (1 to 100), or ``None``.
        reps_min: Fewest repetitions a set (1 to 1000), or ``None``.
        reps_max: Most repetitions a set (1 to 1000; at least ``reps_min``), or ``None``.
        hold_seconds: Seconds a hold lasts, for an isometric exercise (1 to 3600), or
            ``None``.
        load: The load in words ("body weight", "70% of one-repetition maximum"), or
            ``None``.
        sessions_per_week: Sessions a week (1 to 21: some protocols go twice a day), or
            ``None``.
        weeks: How many weeks the protocol ran (1 to 104), or ``None``.
        progression: How the protocol made it harder over time, or ``None``.
    """

    _repr_key = ("text",)

    text: str
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    sets: Optional[int] = _range(*SETS)
    reps_min: Optional[int] = _range(*REPS)
    reps_max: Optional[int] = _range(*REPS)
    hold_seconds: Optional[int] = _range(*HOLD_SECONDS)
    load: Optional[str] = None
    sessions_per_week: Optional[int] = _range(*SESSIONS)
    weeks: Optional[int] = _range(*WEEKS)
    progression: Optional[str] = None


@attrs.frozen(eq=False, repr=False)
class Exercise(_Record):
    """A strength move, plyometric, running workout, drill, mobility or cross-training.

    Attributes:
        id: Stable kebab-case identifier.
        name: Display name.
        kind: What sort of activity it is.
        purpose: What it is for, in plain sentences.
        targets: The muscles it works, primary movers first.
        equipment: What it needs; empty when it needs nothing.
        level: The least experience it suits.
        unilateral: ``True`` when it works one leg at a time.
        steps: How to do it, one step a string.
        cautions: What to watch out for.
        evidence: Grade of the evidence that it works the targets as stated.
        sources: Sources it rests on.
        aliases: Other names for it.
        contraindications: Injuries for which the sources advise against it.
        doses: The doses published protocols prescribe for it, each with its source.
        easier: Ids of easier variations of it (a bridge for the single-leg bridge).
        harder: Ids of harder variations of it (a hip thrust for the bridge).  The
            variations form no cycle; :meth:`Dataset.easier <runtone.Dataset.easier>`
            and :meth:`Dataset.harder <runtone.Dataset.harder>` resolve them, from
            both directions.
        summary: One or two plain sentences for a runner: no figures, no jargon;
            the detail above holds the evidence.  ``None`` only in packs that give none.
        note: How the record was made (what was searched for, what was left out and
            why), for maintainers and reviewers; not meant to be shown to runners.

    >>> squat = runtone.exercise("squats")
    >>> squat.kind.value, squat.level.value, squat.equipment, squat.unilateral
    ('strength', 'beginner', frozenset(), False)
    """

    id: str
    name: str
    kind: ExerciseKind
    purpose: str
    targets: tuple[Target, ...]
    equipment: frozenset[Equipment]
    level: Level
    unilateral: bool
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()
    contraindications: tuple[Injury, ...] = ()
    summary: Optional[str] = None
    note: Optional[str] = None
    doses: tuple[Dose, ...] = ()
    easier: tuple[str, ...] = attrs.field(default=(), metadata=_ref(SAME))
    harder: tuple[str, ...] = attrs.field(default=(), metadata=_ref(SAME))


@attrs.frozen(eq=False, repr=False)
class MuscleEffect(_Record):
    """How a way of running changes one muscle's work against the baseline.

    Attributes:
        muscle: The muscle.
        direction: More, less, similar or unknown against the baseline.
        text: What was found, in plain sentences.
        evidence: How strong the evidence is.
        sources: Sources it rests on.
        magnitude: The size of the change where a study gives one, else ``None``.

    >>> effect = runtone.strike_pattern("forefoot").muscle_effects[0]
    >>> effect.muscle.id, effect.direction.value, effect.evidence.value
    ('calves', 'more', 'systematic_review')
    """

    _repr_key = ("muscle",)
    _repr_details = ("direction", "evidence", "sources")

    muscle: Muscle
    direction: Direction
    text: str
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    magnitude: Optional[str] = None


@attrs.frozen(eq=False, repr=False)
class JointLoad(_Record):
    """How a way of running shifts the load on a joint or tendon.

    Attributes:
        structure: The joint, tendon or tissue.
        direction: More, less, similar or unknown against the baseline.
        text: What was found, in plain sentences.
        evidence: How strong the evidence is.
        sources: Sources it rests on.
        magnitude: The size of the change where a study gives one, else ``None``.

    >>> load = runtone.strike_pattern("forefoot").joint_loads[0]
    >>> load.structure.value, load.direction.value, load.evidence.value
    ('ankle', 'more', 'systematic_review')
    """

    _repr_key = ("structure",)
    _repr_details = ("direction", "evidence", "sources")

    structure: Structure
    direction: Direction
    text: str
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    magnitude: Optional[str] = None


@attrs.frozen(eq=False, repr=False)
class StrideEffect(_Record):
    """A way of running (a foot strike, a slope, a cadence) and what it shifts.

    Foot-strike patterns are stride effects of category
    :attr:`~runtone.StrideCategory.FOOT_STRIKE`; ``StrikePattern`` is another
    name for this class.

    Attributes:
        id: Stable kebab-case identifier.
        name: Display name.
        category: What it varies.
        description: What it is (for a foot strike, how the foot lands).
        baseline: What the effects are measured against, in words.
        muscle_effects: Per-muscle changes against the baseline.
        joint_loads: Per-joint and per-tendon load changes against the baseline.
        considerations: Injury considerations, each graded.
        how_to_change: How to adopt or leave it safely, each graded.
        evidence: Grade of the strongest evidence behind the record.
        sources: Sources it rests on.
        baseline_id: Id of the record in the same collection that the baseline
            is, if it is one (forefoot strike is measured against rearfoot).
        aliases: Other names for it.
        summary: One or two plain sentences for a runner: no figures, no jargon;
            the detail above holds the evidence.  ``None`` only in packs that give none.
        note: How the record was made (what was searched for, what was left out and
            why), for maintainers and reviewers; not meant to be shown to runners.

    >>> forefoot = runtone.strike_pattern("forefoot")
    >>> forefoot.category.value, forefoot.baseline_id
    ('foot_strike', 'rearfoot-strike')
    """

    id: str
    name: str
    category: StrideCategory
    description: str
    baseline: str
    muscle_effects: tuple[MuscleEffect, ...]
    joint_loads: tuple[JointLoad, ...]
    considerations: tuple[Finding, ...]
    how_to_change: tuple[Finding, ...]
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    baseline_id: Optional[str] = attrs.field(default=None, metadata=_ref(SAME))
    aliases: tuple[str, ...] = ()
    summary: Optional[str] = None
    note: Optional[str] = None


@attrs.frozen(eq=False, repr=False)
class Assertion(_Record):
    """A machine-checkable form of what a claim says about a stride effect.

    Attributes:
        effect: The way of running the claim is about.
        muscle: The muscle it names.
        direction: What the claim says happens to the muscle's work.

    >>> (assertion,) = runtone.load().claim("forefoot-works-quadriceps").asserts
    >>> assertion.effect.id, assertion.muscle.id, assertion.direction.value
    ('forefoot-strike', 'quadriceps', 'more')
    """

    _repr_key = ("effect", "muscle")
    _repr_details = ("direction",)

    effect: StrideEffect
    muscle: Muscle
    direction: Direction


@attrs.frozen(eq=False, repr=False)
class Claim(_Record):
    """A statement from the popular articles, checked against research.

    Attributes:
        id: Stable kebab-case identifier.
        statement: What the articles claim, paraphrased.
        verdict: What research says of it.
        evidence: How strong the evidence behind the verdict is.
        explanation: Why the verdict is what it is, in plain sentences.
        made_by: The articles that make the claim.
        sources: The sources the verdict rests on.
        question: The question a reader asks, for FAQs and myths, else ``None``.
        muscles: Muscles the claim is about.
        asserts: The claim in machine-checkable form, where it has one.
        summary: One or two plain sentences for a runner: no figures, no jargon;
            the detail above holds the evidence.  ``None`` only in packs that give none.
        note: How the record was made (what was searched for, what was left out and
            why), for maintainers and reviewers; not meant to be shown to runners.

    >>> claim = runtone.load().claim("forefoot-works-quadriceps")
    >>> claim.verdict.value, [s.id for s in claim.made_by]
    ('contradicted', ['how-running-shapes-lower-body'])
    """

    id: str
    statement: str
    verdict: Verdict
    evidence: EvidenceGrade
    explanation: str
    made_by: tuple[Source, ...]
    sources: tuple[Source, ...]
    question: Optional[str] = None
    muscles: tuple[Muscle, ...] = ()
    asserts: tuple[Assertion, ...] = ()
    summary: Optional[str] = None
    note: Optional[str] = None


@attrs.frozen(eq=False, repr=False)
class Dosage(_Record):
    """How much of a recommendation to do.

    Attributes:
        text: The dosage in words.
        days_per_week_min: Fewest days a week (0 to 7), or ``None``.
        days_per_week_max: Most days a week (0 to 7), or ``None``.
        minutes: Minutes a session (1 to 1440), or ``None``.
        sets: Sets of each exercise (1 to 100), or ``None``.
        reps: Repetitions (or seconds) a set, in words, or ``None``.

    >>> dosage = runtone.load().recommendation("combine-running-and-strength").dosage
    >>> dosage.days_per_week_min, dosage.days_per_week_max, dosage.sets
    (2, 3, None)
    """

    _repr_key = ("text",)

    text: str
    days_per_week_min: Optional[int] = _range(*DAYS)
    days_per_week_max: Optional[int] = _range(*DAYS)
    minutes: Optional[int] = _range(*MINUTES)
    sets: Optional[int] = _range(*SETS)
    reps: Optional[str] = None


@attrs.frozen(eq=False, repr=False)
class Recommendation(_Record):
    """Advice an app can show, with whom it is for and the evidence behind it.

    Attributes:
        id: Stable kebab-case identifier.
        title: A short imperative title.
        advice: What to do, in plain sentences.
        rationale: Why, in plain sentences.
        dosage: How much and how often.
        goals: The goals it serves.
        levels: The levels it suits.
        evidence: How strong the evidence behind it is.
        sources: Sources it rests on.
        exercises: Exercises it uses.
        muscles: Weak or tight muscles it addresses.
        injuries: Injuries (now or before) it addresses.
        strike_patterns: Foot-strike patterns it is for; empty for any.
        contraindications: Injuries for which it should not be suggested.
        claims: Claims it rests on or answers.
        summary: One or two plain sentences for a runner: no figures, no jargon;
            the detail above holds the evidence.  ``None`` only in packs that give none.
        note: How the record was made (what was searched for, what was left out and
            why), for maintainers and reviewers; not meant to be shown to runners.

    >>> advice = runtone.load().recommendation("strengthen-hips-and-glutes")
    >>> advice.title
    'Strengthen the hips for knee and IT band pain'
    >>> [i.id for i in advice.injuries]
    ['patellofemoral-pain', 'iliotibial-band-syndrome']
    """

    id: str
    title: str
    advice: str
    rationale: str
    dosage: Dosage
    goals: frozenset[Goal]
    levels: frozenset[Level]
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    exercises: tuple[Exercise, ...] = ()
    muscles: tuple[Muscle, ...] = ()
    injuries: tuple[Injury, ...] = ()
    strike_patterns: tuple[StrideEffect, ...] = attrs.field(
        default=(), metadata=_ref("strike_patterns")
    )
    contraindications: tuple[Injury, ...] = ()
    claims: tuple[Claim, ...] = ()
    summary: Optional[str] = None
    note: Optional[str] = None


@attrs.frozen(eq=False, repr=False)
class Term(_Record):
    """A word of the evidence detail (SMD, EMG, joint moment), defined in plain words.

    The detail of a record says what a study measured in the study's own terms; the
    glossary explains them, so an app can show a definition beside the sentence
    (:meth:`~runtone.Dataset.terms_in` finds the terms a text uses).

    Attributes:
        id: Stable kebab-case identifier.
        name: The term as written in full.
        definition: What it means, in one to three plain sentences.
        evidence: Grade of the sources behind the definition (a textbook's or
            handbook's definition is ``consensus``).
        sources: Sources that define it.
        aliases: Other spellings used in the data (abbreviations such as ``"SMD"``).

    >>> term = runtone.load().term("SMD")
    >>> term.id, term.evidence.value
    ('standardised-mean-difference', 'consensus')
    """

    id: str
    name: str
    definition: str
    evidence: EvidenceGrade
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()


@attrs.frozen(eq=False, repr=False)
class Parameter(_Record):
    """One number of a training rule, with its unit.

    Attributes:
        name: What the number is, in snake_case (``"max_increase_percent"``), unique
            within its rule; a coaching engine reads the number by this name.
        value: The number, from 0 to 10080, as the data give it (a whole number
            stays an ``int``).
        unit: What it counts: ``"percent"``, ``"days"``, ``"weeks"``, ``"minutes"``,
            ``"seconds"``, ``"runs"``, ``"rpe"`` (the 6-20 effort scale), ``"km"``,
            ``"kg/m2"`` (body mass index) or ``"points of 10"`` (a 0-10 pain scale).

    >>> runtone.training_rule("single-run-spike-limit").parameters[0]
    <Parameter 'max_increase_percent': value=10, unit='percent'>
    """

    _repr_key = ("name",)
    _repr_details = ("value", "unit")

    name: str
    value: float = attrs.field(metadata={RANGE: PARAMETER_VALUES})
    unit: str = attrs.field(metadata={CHOICES: UNITS})


@attrs.frozen(eq=False, repr=False)
class TrainingRule(_Record):
    """A load rule of training (how fast to build, when to ease off), with its numbers.

    A coaching engine reads its numbers from these records, so a data pack can tune
    them; each rule says how strong its evidence is and where it rests on coaching
    convention rather than a trial.

    Attributes:
        id: Stable kebab-case identifier.
        name: Display name.
        statement: The rule as a coach would state it.
        evidence: Grade of the best evidence behind it.
        convention: ``True`` when the rule rests on coaching convention or consensus
            (or a habit a trial did not support) rather than on a trial showing it works.
        parameters: Its numbers, each named (``()`` for a rule with none).
        sources: Sources it rests on (at least one).
        detail: The evidence, with its figures, and where it is weak.
        aliases: Other names for it.
        summary: One or two plain sentences for a runner: no figures, no jargon;
            the detail above holds the evidence.  ``None`` only in packs that give none.
        note: How the record was made (what was searched for, what was left out and
            why), for maintainers and reviewers; not meant to be shown to runners.

    >>> rule = runtone.training_rule("single-run-spike-limit")
    >>> rule.evidence.value, rule.convention, rule.value("window_days")
    ('cohort', False, 30)
    """

    id: str
    name: str
    statement: str
    evidence: EvidenceGrade
    convention: bool
    parameters: tuple[Parameter, ...]
    sources: tuple[Source, ...]
    detail: str
    aliases: tuple[str, ...] = ()
    summary: Optional[str] = None
    note: Optional[str] = None

    def value(self, name: str) -> float:
        """The value of the parameter called ``name``.

        >>> runtone.training_rule("race-taper").value("weeks")
        2

        Raises:
            KeyError: the rule has no parameter of that name; the message names the
                rule and lists its parameters.
            TypeError: ``name`` is not a string.
        """
        if not isinstance(name, str):
            raise TypeError(f"name: expected a str, got {shown(name)}")
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter.value
        known = ", ".join(repr(p.name) for p in self.parameters) or "none"
        raise KeyError(
            f"training rule {self.id!r} has no parameter {shown(name)} (its parameters: {known})"
        )
