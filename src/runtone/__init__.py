"""runtone: the leg muscles running works, with the evidence behind every claim.

>>> runtone.muscle("quads").name
'Quadriceps'

Importing runtone is cheap: it reads no data and imports its own modules only
when a name is first used.  :func:`load` parses the packaged data once, on
first call, and returns the same :class:`Dataset` from then on.
"""

from __future__ import annotations

# Modules under private names, so that the package's namespace holds public names only.
import importlib as _importlib
import typing as _typing

from ._default import DATA_VERSION as _PACKAGED_DATA_VERSION
from ._default import load

# The module whose cache the lookups read (without calling load() once it is filled).
_default = _importlib.import_module("._default", __name__)

if _typing.TYPE_CHECKING:
    import os
    import pathlib
    from collections.abc import Iterable

    from ._compare import JointRow, MuscleRow, StrikeComparison
    from ._dataset import Dataset
    from ._diagram import diagram
    from ._export import JSONValue, to_json
    from ._free_exercise_db import Conversion
    from ._free_exercise_db import convert as convert_free_exercise_db
    from ._gait import gait_chart
    from ._recommend import Reason, Suggestion, recommend
    from ._records import (
        ActivityWindow,
        Assertion,
        Claim,
        Dosage,
        Dose,
        Exercise,
        Finding,
        Injury,
        JointLoad,
        Muscle,
        MuscleEffect,
        Parameter,
        Recommendation,
        Source,
        StrideEffect,
        Target,
        Term,
        TrainingRule,
    )
    from ._records import StrideEffect as StrikePattern
    from ._search import SearchResult
    from ._text import to_text
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
        RaceDistance,
        Region,
        SessionKind,
        SourceKind,
        StrideCategory,
        Structure,
        TargetRole,
        Verdict,
        WeekKind,
    )
    from .coaching import (
        Adjustment,
        Change,
        Day,
        Intensity,
        Note,
        Plan,
        Profile,
        ProfileFields,
        RunSession,
        Step,
        StrengthItem,
        StrengthSession,
        Week,
        plan,
    )
    from .coaching.charts import plan_chart
    from .errors import (
        DataError,
        InvalidValueError,
        ProfileError,
        RuntoneError,
        UnknownIdError,
    )

    #: The version of the installed package (read from its metadata on first use).
    __version__: str

__all__ = [
    "DATA_VERSION",
    "ActivityWindow",
    "Adjustment",
    "Assertion",
    "Change",
    "Claim",
    "Conversion",
    "DataError",
    "Dataset",
    "Day",
    "Direction",
    "Dosage",
    "Dose",
    "Equipment",
    "EvidenceGrade",
    "Exercise",
    "ExerciseKind",
    "Finding",
    "GaitPhase",
    "Goal",
    "Injury",
    "Intensity",
    "InvalidValueError",
    "JointAction",
    "JointLoad",
    "JointRow",
    "Level",
    "Muscle",
    "MuscleEffect",
    "MuscleKind",
    "MuscleRow",
    "Note",
    "Parameter",
    "Plan",
    "Profile",
    "ProfileError",
    "ProfileFields",
    "RaceDistance",
    "Reason",
    "Recommendation",
    "Region",
    "RunSession",
    "RuntoneError",
    "SearchResult",
    "SessionKind",
    "Source",
    "SourceKind",
    "Step",
    "StrengthItem",
    "StrengthSession",
    "StrideCategory",
    "StrideEffect",
    "StrikeComparison",
    "StrikePattern",
    "Structure",
    "Suggestion",
    "Target",
    "TargetRole",
    "Term",
    "TrainingRule",
    "UnknownIdError",
    "Verdict",
    "Week",
    "WeekKind",
    "claim",
    "compare_strikes",
    "convert_free_exercise_db",
    "diagram",
    "exercise",
    "export",
    "export_sqlite",
    "find_claims",
    "find_exercises",
    "find_muscles",
    "find_recommendations",
    "gait_chart",
    "injury",
    "load",
    "muscle",
    "plan",
    "plan_chart",
    "recommend",
    "recommendation",
    "search",
    "source",
    "stride_effect",
    "strike_pattern",
    "term",
    "to_json",
    "to_text",
    "training_rule",
]

#: The version of the packaged dataset; it changes whenever the data changes.
DATA_VERSION = _PACKAGED_DATA_VERSION

# Where each lazily imported public name lives.
_LAZY = {
    "Dataset": "._dataset",
    "diagram": "._diagram",
    "gait_chart": "._gait",
    "plan_chart": ".coaching.charts",
    "to_json": "._export",
    "to_text": "._text",
    **dict.fromkeys(
        (
            "ActivityWindow",
            "Assertion",
            "Claim",
            "Dose",
            "Dosage",
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
            "StrikePattern",
            "Target",
            "Term",
            "TrainingRule",
        ),
        "._records",
    ),
    **dict.fromkeys(
        (
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
        ),
        "._vocab",
    ),
    **dict.fromkeys(
        ("DataError", "InvalidValueError", "ProfileError", "RuntoneError", "UnknownIdError"),
        ".errors",
    ),
    **dict.fromkeys(("JointRow", "MuscleRow", "StrikeComparison"), "._compare"),
    "SearchResult": "._search",
    "Conversion": "._free_exercise_db",
    "convert_free_exercise_db": "._free_exercise_db",
    **dict.fromkeys(("Reason", "Suggestion", "recommend"), "._recommend"),
    **dict.fromkeys(
        (
            "Adjustment",
            "Change",
            "Day",
            "Intensity",
            "Note",
            "Plan",
            "Profile",
            "ProfileFields",
            "RunSession",
            "Step",
            "StrengthItem",
            "StrengthSession",
            "Week",
            "plan",
        ),
        ".coaching",
    ),
}

# Public names that differ from the name in their module.
_RENAMED = {"StrikePattern": "StrideEffect", "convert_free_exercise_db": "convert"}


def export(dataset: Dataset | None = None, *, locale: str | None = None) -> dict[str, JSONValue]:
    """The dataset (by default :func:`load`'s, in ``locale``) as one JSON-ready object.

    One key per collection plus ``data_version`` and ``locale`` (the language of
    the names and texts: ``"en"``, ``"de"``, ``"es"`` or ``"fr"``; see
    :func:`load`); each record is an object with
    every field of its class, references to other records are their ids, and
    sets are sorted arrays.  ``runtone/data/schema/export.schema.json``
    describes it.  The result is a new object on every call.

    >>> data = export()
    >>> data["data_version"] == DATA_VERSION, data["muscles"][0]["id"]
    (True, 'core')

    >>> export(locale="fr")["muscles"][0]["name"]
    'Muscles du tronc'

    Raises:
        TypeError: ``dataset`` is not a :class:`Dataset`, or ``locale`` not a string.
        InvalidValueError: ``locale`` is not a language of :func:`load`, or differs
            from the language of the ``dataset`` given.
    """
    from ._export import export as export_dataset  # noqa: PLC0415 - lazy by design

    return export_dataset(_chosen(dataset, locale), DATA_VERSION)


def _chosen(dataset: Dataset | None, locale: str | None) -> Dataset:
    """``dataset``, checked to be one and in ``locale``; or :func:`load`'s in ``locale``."""
    from ._dataset import check_dataset  # noqa: PLC0415 - lazy by design
    from .errors import InvalidValueError  # noqa: PLC0415

    if dataset is None:
        return load(locale=locale)
    check_dataset(dataset)
    if locale is not None and locale != dataset.locale:
        load(locale=locale)  # a locale that is no language raises its own error
        raise InvalidValueError(
            "locale", f"{locale!r} differs from the dataset's own, {dataset.locale!r}"
        )
    return dataset


def export_sqlite(
    path: str | os.PathLike[str],
    dataset: Dataset | None = None,
    *,
    overwrite: bool = False,
    locale: str | None = None,
) -> pathlib.Path:
    """Write the dataset (by default :func:`load`'s) to ``path`` as a SQLite database.

    The database is normalised: a table per collection (``muscles``, ...), a table
    per list or set (``muscle_sources``, ``exercise_targets``, ...), findings and
    the other objects inside records as rows of their own, every reference a
    foreign key with an index, and a ``metadata`` table holding
    ``data_version`` and ``locale`` (as :func:`export`'s).  Columns take the field names
    of :func:`export`, except that a reference to another record is ``<record>_id``
    (``muscle_id``); the how-to guide on SQLite describes the tables.  The standard
    library's ``sqlite3`` writes it and reads it: nothing else is needed.

    The file is built beside ``path`` under a temporary name and renamed into
    place once complete, so a failure leaves nothing half written.  An existing
    file is replaced only with ``overwrite=True`` (and then only once the new
    one is complete).  Returns ``path`` as a :class:`~pathlib.Path`.

    >>> import pathlib, sqlite3, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = export_sqlite(pathlib.Path(folder.name) / "runtone.db")
    >>> db = sqlite3.connect(path)
    >>> db.execute("SELECT value FROM metadata WHERE key = 'data_version'").fetchone()
    ('...',)
    >>> db.execute("SELECT muscle_id, role FROM exercise_targets WHERE exercise_id = ?",
    ...            ("calf-raise",)).fetchall()
    [('calves', 'primary')]
    >>> db.close()
    >>> folder.cleanup()

    Raises:
        FileExistsError: ``path`` exists and ``overwrite`` is false (nothing is written).
        OSError: the file cannot be written: ``path`` is a directory, its directory
            does not exist or may not be written, or the disk is full.
        InvalidValueError: ``path`` is empty or cannot be a path (it holds a NUL or
            a character the file system cannot encode).
        TypeError: ``path`` is not a path, ``dataset`` is not a :class:`Dataset`,
            or ``overwrite`` is not a bool.
        InvalidValueError: ``locale`` is as :func:`export` refuses it.
    """
    from ._sqlite import to_sqlite  # noqa: PLC0415 - lazy by design

    return to_sqlite(
        _chosen(dataset, locale),
        path,
        DATA_VERSION,
        overwrite=overwrite,
    )


def muscle(key: str) -> Muscle:
    """The muscle with this id, name or alias, from :func:`load`.

    >>> muscle("hamstrung")
    Traceback (most recent call last):
    ...
    runtone.errors.UnknownIdError: no muscle 'hamstrung'; did you mean 'hamstrings'...

    Raises:
        UnknownIdError: no muscle answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    dataset: Dataset | None = _default._cache  # noqa: SLF001 - load() without the call
    if dataset is None or type(key) is not str:
        return load().muscle(key)
    found = dataset._muscles.exact.get(key)  # noqa: SLF001 - Dataset.muscle's fast path
    return dataset.muscle(key) if found is None else found


def exercise(key: str) -> Exercise:
    """The exercise with this id, name or alias, from :func:`load`.

    >>> exercise("band walks").id
    'lateral-band-walk'

    Raises:
        UnknownIdError: no exercise answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    dataset: Dataset | None = _default._cache  # noqa: SLF001 - load() without the call
    if dataset is None or type(key) is not str:
        return load().exercise(key)
    found = dataset._exercises.exact.get(key)  # noqa: SLF001 - Dataset.exercise's fast path
    return dataset.exercise(key) if found is None else found


def strike_pattern(key: str) -> StrideEffect:
    """The foot-strike pattern with this id, name or alias, from :func:`load`.

    >>> strike_pattern("heel").id
    'rearfoot-strike'

    Raises:
        UnknownIdError: no strike pattern answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    dataset: Dataset | None = _default._cache  # noqa: SLF001 - load() without the call
    if dataset is None or type(key) is not str:
        return load().strike_pattern(key)
    found = dataset._strike_patterns.exact.get(key)  # noqa: SLF001 - Dataset.strike_pattern's fast path
    return dataset.strike_pattern(key) if found is None else found


def stride_effect(key: str) -> StrideEffect:
    """The stride effect with this id, name or alias, from :func:`load`.

    >>> stride_effect("uphill").id
    'uphill'

    Raises:
        UnknownIdError: no stride effect answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    dataset: Dataset | None = _default._cache  # noqa: SLF001 - load() without the call
    if dataset is None or type(key) is not str:
        return load().stride_effect(key)
    found = dataset._stride_effects.exact.get(key)  # noqa: SLF001 - Dataset.stride_effect's fast path
    return dataset.stride_effect(key) if found is None else found


def injury(key: str) -> Injury:
    """The injury with this id, name or alias, from :func:`load`.

    >>> injury("runner's knee").id
    'patellofemoral-pain'

    Raises:
        UnknownIdError: no injury answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    dataset: Dataset | None = _default._cache  # noqa: SLF001 - load() without the call
    if dataset is None or type(key) is not str:
        return load().injury(key)
    found = dataset._injuries.exact.get(key)  # noqa: SLF001 - Dataset.injury's fast path
    return dataset.injury(key) if found is None else found


def claim(key: str) -> Claim:
    """The claim with this id, from :func:`load`.

    >>> claim("forefoot-works-quadriceps").verdict
    <Verdict.CONTRADICTED: 'contradicted'>

    Raises:
        UnknownIdError: no claim answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    dataset: Dataset | None = _default._cache  # noqa: SLF001 - load() without the call
    if dataset is None or type(key) is not str:
        return load().claim(key)
    found = dataset._claims.exact.get(key)  # noqa: SLF001 - Dataset.claim's fast path
    return dataset.claim(key) if found is None else found


def recommendation(key: str) -> Recommendation:
    """The recommendation with this id or title, from :func:`load`.

    >>> recommendation("strengthen-hips-and-glutes").id
    'strengthen-hips-and-glutes'

    Raises:
        UnknownIdError: no recommendation answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    dataset: Dataset | None = _default._cache  # noqa: SLF001 - load() without the call
    if dataset is None or type(key) is not str:
        return load().recommendation(key)
    found = dataset._recommendations.exact.get(key)  # noqa: SLF001 - Dataset.recommendation's fast path
    return dataset.recommendation(key) if found is None else found


def term(key: str) -> Term:
    """The glossary term with this id, name or abbreviation, from :func:`load`.

    >>> term("SMD").name
    'Standardised mean difference'

    Raises:
        UnknownIdError: no term answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    dataset: Dataset | None = _default._cache  # noqa: SLF001 - load() without the call
    if dataset is None or type(key) is not str:
        return load().term(key)
    found = dataset._terms.exact.get(key)  # noqa: SLF001 - Dataset.term's fast path
    return dataset.term(key) if found is None else found


def training_rule(key: str) -> TrainingRule:
    """The training load rule with this id, name or alias, from :func:`load`.

    >>> rule = training_rule("weekly-increase-cap")
    >>> rule.value("max_increase_percent"), rule.value("window_weeks")
    (30, 2)

    Raises:
        UnknownIdError: no training rule answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    dataset: Dataset | None = _default._cache  # noqa: SLF001 - load() without the call
    if dataset is None or type(key) is not str:
        return load().training_rule(key)
    found = dataset._training_rules.exact.get(key)  # noqa: SLF001 - Dataset.training_rule's fast path
    return dataset.training_rule(key) if found is None else found


def source(key: str) -> Source:
    """The source with this id or title, from :func:`load`.

    >>> source("vannatta-2015").year
    2015

    Raises:
        UnknownIdError: no source answers to ``key``.
        TypeError: ``key`` is not a string.
    """
    dataset: Dataset | None = _default._cache  # noqa: SLF001 - load() without the call
    if dataset is None or type(key) is not str:
        return load().source(key)
    found = dataset._sources.exact.get(key)  # noqa: SLF001 - Dataset.source's fast path
    return dataset.source(key) if found is None else found


def search(
    text: str,
    *,
    collections: Iterable[str] | None = None,
    limit: int = 10,
    dataset: Dataset | None = None,
) -> tuple[SearchResult, ...]:
    """The records that ``text`` names or describes, best first, each with why it matched.

    Every collection is searched but the sources (name ``"sources"`` in
    ``collections`` to search their ids and titles): ids, names (a
    recommendation's title, a claim's statement and question), aliases, Latin
    names, summaries and the glossary's terms and definitions.  Case, spaces,
    hyphens, possessives and plurals are ignored (``"glute"`` finds the glutes),
    and a word of four letters or more may be one typo off (``"hamstrng"``).
    Exact keys rank first, then keys the text begins, then records holding every
    word of it, then records holding some (see :class:`SearchResult` and the
    how-to guide on search).

    >>> [hit.record.id for hit in search("bridge", limit=2)]
    ['glute-bridge', 'single-leg-glute-bridge']
    >>> hit = search("hamstrng")[0]
    >>> hit.record.id, hit.match, hit.field
    ('hamstrings', 'partial', 'name')

    Args:
        text: What to look for: a name, an alias, a few words.
        collections: The collections to search (``["muscles", "exercises"]``);
            by default all but ``"sources"``.
        limit: The most results to return (1 or more).
        dataset: Where to search; by default :func:`load`'s dataset.

    Raises:
        InvalidValueError: ``text`` is empty or blank, ``limit`` is less than 1, or
            ``collections`` is empty or names a collection that does not exist.
        TypeError: ``text`` is not a str, ``limit`` is not a whole number,
            ``collections`` is not a list of str, or ``dataset`` is not a
            :class:`Dataset`.
    """
    from ._dataset import check_dataset  # noqa: PLC0415 - lazy by design
    from ._search import search as search_dataset  # noqa: PLC0415

    return search_dataset(
        load() if dataset is None else check_dataset(dataset),
        text,
        collections=collections,
        limit=limit,
    )


def compare_strikes(
    a: StrideEffect | str, b: StrideEffect | str, *, dataset: Dataset | None = None
) -> StrikeComparison:
    """What changes for each muscle and joint going from strike pattern ``a`` to ``b``.

    Each row gives the direction under ``b`` compared with ``a`` (more, less,
    similar, unknown), with its evidence grade and sources.
    ``compare_strikes(a, b)`` is the mirror of ``compare_strikes(b, a)``.

    >>> c = compare_strikes("heel", "forefoot")
    >>> c.row("calves").direction, c.row("quadriceps").direction
    (<Direction.MORE: 'more'>, <Direction.LESS: 'less'>)

    Raises:
        UnknownIdError: ``a`` or ``b`` names no strike pattern or stride effect.
        TypeError: ``a`` or ``b`` is neither a record of the dataset nor a string,
            or ``dataset`` is not a :class:`Dataset`.
    """
    from ._compare import compare  # noqa: PLC0415 - lazy by design
    from ._dataset import check_dataset  # noqa: PLC0415

    return compare(load() if dataset is None else check_dataset(dataset), a, b)


def find_exercises(
    *,
    muscle: Muscle | str | None = None,
    role: TargetRole | str | None = None,
    kind: ExerciseKind | str | None = None,
    equipment: Iterable[Equipment | str] | None = None,
    level: Level | str | None = None,
    unilateral: bool | None = None,
) -> tuple[Exercise, ...]:
    """Exercises of :func:`load` matching every filter; see :meth:`Dataset.find_exercises`.

    >>> [e.id for e in find_exercises(muscle="calves", kind="strength", equipment=())][:1]
    ['calf-raise']

    Raises:
        UnknownIdError: ``muscle`` names no muscle.
        InvalidValueError: a filter's value names none of its enum's values.
        TypeError: a filter has the wrong type.
    """
    return load().find_exercises(
        muscle=muscle,
        role=role,
        kind=kind,
        equipment=equipment,
        level=level,
        unilateral=unilateral,
    )


def find_muscles(
    *,
    region: Region | str | None = None,
    action: JointAction | str | None = None,
) -> tuple[Muscle, ...]:
    """Muscles of :func:`load` in this region and/or with this joint action.

    See :meth:`Dataset.find_muscles`.

    >>> [m.id for m in find_muscles(region="lower leg")][:2]
    ['calves', 'gastrocnemius']

    Raises:
        InvalidValueError: a filter's value names none of its enum's values.
        TypeError: a filter has the wrong type.
    """
    return load().find_muscles(region=region, action=action)


def find_claims(
    *,
    verdict: Verdict | str | None = None,
    min_evidence: EvidenceGrade | str | None = None,
    muscle: Muscle | str | None = None,
) -> tuple[Claim, ...]:
    """Claims of :func:`load` matching every filter; see :meth:`Dataset.find_claims`.

    >>> [c.id for c in find_claims(verdict="contradicted")][:1]
    ['forefoot-works-quadriceps']

    Raises:
        UnknownIdError: ``muscle`` names no muscle.
        InvalidValueError: a filter's value names none of its enum's values.
        TypeError: a filter has the wrong type.
    """
    return load().find_claims(verdict=verdict, min_evidence=min_evidence, muscle=muscle)


def find_recommendations(
    *,
    goal: Goal | str | None = None,
    level: Level | str | None = None,
    muscle: Muscle | str | None = None,
    injury: Injury | str | None = None,
    min_evidence: EvidenceGrade | str | None = None,
) -> tuple[Recommendation, ...]:
    """Recommendations of :func:`load` matching every filter.

    See :meth:`Dataset.find_recommendations`.

    >>> "strengthen-hips-and-glutes" in [r.id for r in find_recommendations(injury="ITBS")]
    True

    Raises:
        UnknownIdError: ``muscle`` or ``injury`` names no such record.
        InvalidValueError: a filter's value names none of its enum's values.
        TypeError: a filter has the wrong type.
    """
    return load().find_recommendations(
        goal=goal, level=level, muscle=muscle, injury=injury, min_evidence=min_evidence
    )


def __getattr__(name: str) -> object:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - costs ~30 ms at import

        return version("runtone")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'runtone' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module, __name__), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    # The public names and the module's own dunders: no imported module, no helper.
    dunders = (name for name in globals() if name.startswith("__") and name.endswith("__"))
    return sorted({*__all__, "__version__", *dunders})


# The __future__ import binds a feature object to this name: not part of the package.
del annotations
