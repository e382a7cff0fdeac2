"""Fuzzed public API: any argument gives a result or a documented error that names it.

Every public function and method is called with one argument at a time replaced
by anything: keys of any text (empty, blank, huge, lone surrogates, NUL), values
of the wrong type (None, numbers huge and negative, bytes, lists, dicts, records
of another class, members of another enum), and lists that are empty or repeat
themselves.  Whatever comes back, the call either works or raises an error
listed in the ``Raises:`` section of its own docstring (read here, so that the
test and the documentation cannot drift apart), and the message starts with the
argument's name (``"muscle: ..."``, ``"key must be a str"``).  An unknown key
(:class:`~runtone.UnknownIdError`) says which key and, where the function takes
more than that one argument, which argument.  The command line gets random
argument lists: :func:`runtone.cli.main` returns 0, 1 or 2, never raises, and
prints what its documentation promises.

Each bad input that once slipped through is also kept as a plain example
(:func:`test_inputs_that_once_broke_the_api`), so it is checked on every run and
not only when the search happens to meet it again.
"""

from __future__ import annotations

import argparse
import builtins
import contextlib
import enum
import functools
import inspect
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runtone
import runtone.errors
from runtone import DataError, InvalidValueError, ProfileError, UnknownIdError, _loader, cli
from runtone._dataset import normalize
from runtone.errors import shown
from strategies import DS, ENUMS, LOOKUPS, profiles

#: Examples for each argument of each function (the command line has its own figure).
FUZZ = settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

COLLECTIONS = tuple(c.name for c in _loader.COLLECTIONS)
RECORDS: tuple[object, ...] = tuple(r for name in COLLECTIONS for r in getattr(DS, name))


def _keys(record: object) -> list[str]:
    keys = [str(getattr(record, "id"))]  # noqa: B009 - every record has one
    keys += [v for v in (getattr(record, "name", None), getattr(record, "title", None)) if v]
    keys += list(getattr(record, "aliases", ()))
    return keys


def _spellings(key: str) -> list[str]:
    """``key`` as a user might type it: lookups ignore case, spaces, hyphens, underscores."""
    return [key, key.upper(), key.replace("-", " "), f" {key}_", key.replace(" ", "")]


def keys_of(records: tuple[object, ...]) -> st.SearchStrategy[str]:
    """Keys that name one of ``records``, spelt in any way the lookups accept."""
    return st.sampled_from([k for r in records for k in _keys(r)]).flatmap(
        lambda key: st.sampled_from(_spellings(key))
    )


#: Text no lookup or file name can take: control characters, lone surrogates, huge.
NASTY = (
    "",
    " ",
    "\t\n",
    "-_ ",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\ud800",
    "\udcff",
    "x\udcffy",
    "\ufffe",
    "\u212a",
    "x" * 100_000,
)
# Any character, lone surrogates included (st.text() never gives them), NUL often.
_CHAR = st.characters() | st.characters(categories=["Cs"]) | st.sampled_from("\x00\t\n -_'")
TEXT: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(NASTY),
    st.text(_CHAR, max_size=20),
    st.text(_CHAR, min_size=1, max_size=3).map(lambda s: s * 30_000),
)
NUMBERS: st.SearchStrategy[object] = st.one_of(
    st.integers(),
    st.sampled_from([0, -1, 2**63, -(2**63) - 1, 10**400, -(10**400)]),
    # Past the 4,300 digits Python will print: a message must not try (built by map()
    # because Hypothesis prints a sampled_from's values in its own messages).
    st.integers(4400, 4500).map(lambda n: 10**n),
    st.integers(4400, 4500).map(lambda n: -(10**n)),
    st.floats(),
    st.sampled_from([0.5, float("nan"), float("inf"), -0.0]),
)


class Unprintable:
    """A value whose repr() fails, as a broken user object's might."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")


WRONG: st.SearchStrategy[object] = st.one_of(
    st.none(),
    st.booleans(),
    NUMBERS,
    st.binary(max_size=8),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(RECORDS),
    st.sampled_from([m for cls in ENUMS for m in cls]),
    st.sampled_from([object(), DS, runtone.Profile(), (), frozenset(), b""]),
    st.builds(Unprintable),
)
#: Any value at all: text, keys of any record, and wrong types.
ANY: st.SearchStrategy[object] = st.one_of(TEXT, keys_of(RECORDS), WRONG)


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def collections_of(item: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Lists (empty, each item twice), tuples, sets and one-shot iterators of ``item``; or ANY."""
    lists = st.lists(item, max_size=4)
    return st.one_of(
        lists,
        lists.map(lambda xs: xs + xs),
        lists.map(tuple),
        st.frozensets(item.filter(_hashable), max_size=3),
        lists.map(iter),
        ANY,
    )


def records_or_keys(collection: str) -> st.SearchStrategy[object]:
    """A record of ``collection``, one of its keys, or anything at all."""
    records: tuple[object, ...] = getattr(DS, collection)
    return st.one_of(st.sampled_from(records), keys_of(records), ANY)


def enum_values(cls: type[enum.Enum]) -> st.SearchStrategy[object]:
    """A member of ``cls``, its value, or anything at all."""
    return st.one_of(st.sampled_from(cls), st.sampled_from([m.value for m in cls]), ANY)


DATASETS: st.SearchStrategy[object] = st.one_of(st.just(DS), st.none(), WRONG)
#: Languages, and what is not one (a close miss, another code, another type).
LOCALES: st.SearchStrategy[object] = st.one_of(
    st.none(), st.sampled_from(["en", "de", "es", "fr", "DE", "it", ""]), ANY
)
EVIDENCE = st.one_of(st.none(), enum_values(runtone.EvidenceGrade))


# --- what each function documents, and the check ----------------------------------------


def documented(function: object) -> tuple[type[BaseException], ...]:
    """The exceptions listed in the ``Raises:`` section of ``function``'s docstring."""
    lines = (inspect.getdoc(function) or "").splitlines()
    if "Raises:" not in lines:
        return ()
    found: list[type[BaseException]] = []
    for line in lines[lines.index("Raises:") + 1 :]:
        if line and not line.startswith(" "):
            break
        match = re.match(r" {4}(\w+):", line)
        if match:
            name = match.group(1)
            cls = getattr(runtone.errors, name, None) or getattr(builtins, name)
            assert isinstance(cls, type), name
            assert issubclass(cls, BaseException), name
            found.append(cls)
    return tuple(found)


def check_error(exc: Exception, doc: object, arg: str) -> None:
    """``exc`` is listed in ``doc``'s Raises section, and its message names ``arg``."""
    allowed = documented(doc)
    if type(exc) not in allowed and not (OSError in allowed and isinstance(exc, OSError)):
        name = getattr(doc, "__qualname__", doc)
        raise AssertionError(
            f"{name}({arg}=...) raised {type(exc).__name__}, not in its Raises: {allowed}"
        ) from exc
    message = str(exc)
    if isinstance(exc, UnknownIdError):
        # The message quotes the key, or the start of a long one: it stays short.
        assert (repr(exc.key) if len(exc.key) <= 100 else shown(exc.key, 97)) in message, message
        assert len(message) < 500, len(message)
        if arg != "key":  # a lookup's one argument needs no naming
            assert exc.field == arg, (exc.field, arg)
            assert message.startswith(f"{arg}: "), message
    elif isinstance(exc, DataError):
        # The file as given, or quoted where it has outer spaces (so a blank one shows).
        shown_file = exc.file if exc.file and exc.file == exc.file.strip() else repr(exc.file)
        assert message.startswith(shown_file), message
    elif isinstance(exc, InvalidValueError):  # ProfileError too
        # The argument, or a place inside it: packs[0], profile.weak_muscles.
        assert exc.field == arg or exc.field.startswith((f"{arg}[", f"{arg}.")), (exc.field, arg)
        assert message.startswith(f"{exc.field}: "), message
    elif isinstance(exc, KeyError):  # like a dict's: the one argument is the missing key
        assert len(exc.args) == 1, exc.args
        assert isinstance(exc.args[0], str), exc.args
    elif isinstance(exc, OSError):
        assert exc.filename is not None or message.startswith(arg), message
    else:
        assert re.match(rf"{re.escape(arg)}\b", message), f"{arg!r} not named in: {message}"


FAILED = object()


def attempt(
    function: Callable[..., object], arg: str, kwargs: Mapping[str, object], doc: object = None
) -> object:
    """``function(**kwargs)``, or :data:`FAILED` once the error it raised has been checked."""
    try:
        return function(**kwargs)
    except Exception as exc:  # noqa: BLE001 - which errors are allowed is the question
        check_error(exc, function if doc is None else doc, arg)
        return FAILED


@contextlib.contextmanager
def in_empty_directory() -> Iterator[Path]:
    """Run in a new empty working directory: fuzzed text may be read or written as a path."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)
        try:
            yield Path(directory)
        finally:
            os.chdir(before)


def test_documented_reads_each_raises_entry() -> None:
    assert documented(DS.find_exercises) == (UnknownIdError, InvalidValueError, TypeError)
    assert documented(runtone.Profile) == (ProfileError, UnknownIdError, TypeError)
    assert documented(cli.console) == ()


def test_check_error_rejects_the_undocumented_and_the_unnamed() -> None:
    with pytest.raises(AssertionError, match="raised AttributeError"):
        check_error(AttributeError("key"), DS.muscle, "key")
    with pytest.raises(AssertionError, match="'muscle' not named"):
        check_error(TypeError("expected a muscle"), DS.with_parts, "muscle")
    check_error(TypeError("muscle: expected a muscle"), DS.with_parts, "muscle")


# --- one argument at a time ---------------------------------------------------------------


def _in(collection: tuple[object, ...]) -> Callable[[object, Mapping[str, object]], None]:
    """A result check: records of ``collection``, in its order, each once."""

    def check(result: object, _: Mapping[str, object]) -> None:
        items = result if isinstance(result, (tuple, frozenset)) else (result,)
        positions = [collection.index(item) for item in items if item is not None]
        if isinstance(result, tuple):
            assert positions == sorted(set(positions)), "in data order, each once"

    return check


def _svg(result: object, _: Mapping[str, object]) -> None:
    assert isinstance(result, str)
    root = ET.fromstring(result.encode("utf-8"))  # noqa: S314 - our own output
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def _plan(result: object, kwargs: Mapping[str, object]) -> None:
    assert isinstance(result, runtone.Plan)
    assert len(result.weeks) == kwargs["weeks"]


def _profile(result: object, kwargs: Mapping[str, object]) -> None:
    assert isinstance(result, runtone.Profile)
    ((field, _),) = [(k, v) for k, v in kwargs.items() if k in PROFILE_FIELDS]
    assert result == runtone.Profile(**{field: getattr(result, field)})


def _converted(result: object, _: Mapping[str, object]) -> None:
    assert isinstance(result, runtone.Conversion)
    assert result.converted + len(result.skipped) == result.total


def _exported(result: object, _: Mapping[str, object]) -> None:
    assert isinstance(result, dict)
    assert set(result) == {"data_version", "locale", *COLLECTIONS}


def _json_ready(result: object, _: Mapping[str, object]) -> None:
    assert json.loads(json.dumps(result)) == result


def _fits(result: object, kwargs: Mapping[str, object]) -> None:
    assert isinstance(result, str)
    width = kwargs["width"]
    assert isinstance(width, int)
    assert all(len(line) <= width for line in result.splitlines())


def _is(cls: type) -> Callable[[object, Mapping[str, object]], None]:
    def check(result: object, _: Mapping[str, object]) -> None:
        assert isinstance(result, cls), result

    return check


def _in_dataset(dataset: object) -> runtone.Profile:
    return runtone.Profile.in_dataset(dataset)  # type: ignore[arg-type]


class Case(NamedTuple):
    """One argument of one function: what to draw for it, what else to pass, what to check."""

    function: Callable[..., object]
    arg: str
    values: st.SearchStrategy[object]
    fixed: Mapping[str, object] = {}
    check: Callable[[object, Mapping[str, object]], None] | None = None
    #: Whose docstring lists the errors, when ``function`` is a wrapper.
    doc: object = None


QUERIES: dict[str, dict[str, st.SearchStrategy[object]]] = {
    "find_exercises": {
        "muscle": records_or_keys("muscles"),
        "role": enum_values(runtone.TargetRole),
        "kind": enum_values(runtone.ExerciseKind),
        "equipment": collections_of(enum_values(runtone.Equipment)),
        "level": enum_values(runtone.Level),
        "unilateral": st.one_of(st.booleans(), ANY),
    },
    "find_muscles": {
        "region": enum_values(runtone.Region),
        "action": enum_values(runtone.JointAction),
    },
    "find_claims": {
        "verdict": enum_values(runtone.Verdict),
        "min_evidence": enum_values(runtone.EvidenceGrade),
        "muscle": records_or_keys("muscles"),
    },
    "find_recommendations": {
        "goal": enum_values(runtone.Goal),
        "level": enum_values(runtone.Level),
        "muscle": records_or_keys("muscles"),
        "injury": records_or_keys("injuries"),
        "min_evidence": enum_values(runtone.EvidenceGrade),
    },
}
FOUND_IN = {
    "find_exercises": DS.exercises,
    "find_muscles": DS.muscles,
    "find_claims": DS.claims,
    "find_recommendations": DS.recommendations,
}
PROFILE_FIELDS: dict[str, st.SearchStrategy[object]] = {
    "goals": collections_of(enum_values(runtone.Goal)),
    "level": enum_values(runtone.Level),
    "strike_pattern": st.one_of(st.none(), records_or_keys("strike_patterns")),
    "weak_muscles": collections_of(records_or_keys("muscles")),
    "tight_muscles": collections_of(records_or_keys("muscles")),
    "injuries": collections_of(records_or_keys("injuries")),
    "past_injuries": collections_of(records_or_keys("injuries")),
    "equipment": collections_of(enum_values(runtone.Equipment)),
    "running_days": st.one_of(st.integers(-3, 10), ANY),
    "strength_days": st.one_of(st.integers(-3, 10), ANY),
    "minutes_per_session": st.one_of(st.integers(0, 400), ANY),
}
PATTERNS = st.one_of(records_or_keys("strike_patterns"), records_or_keys("stride_effects"))
_WEEK = runtone.plan(runtone.Profile(strength_days=2), weeks=1).weeks[0]
SUBJECTS: st.SearchStrategy[object] = st.one_of(
    st.sampled_from(
        [
            runtone.compare_strikes("heel", "forefoot"),
            *DS.strike_patterns,
            *DS.stride_effects,
            *DS.exercises[:5],
            _WEEK,
        ]
    ),
    st.dictionaries(
        records_or_keys("muscles").filter(_hashable),
        st.one_of(st.floats(0, 1), NUMBERS, ANY),
        max_size=3,
    ),
    ANY,
)
PATHS: st.SearchStrategy[object] = st.one_of(TEXT, st.sampled_from(["/", ".", "x.json"]), WRONG)
FREE_EXERCISE_DB = st.one_of(
    st.binary(max_size=40),
    st.sampled_from([b"[]", b"{}", b"[{}]", b'[{"id": 1}]', b"[" * 5000, b"\xff\xfe"]),
    st.lists(
        st.dictionaries(
            st.sampled_from(["id", "name", "primaryMuscles", "equipment", "instructions"]),
            st.one_of(st.text(max_size=5), st.lists(st.text(max_size=5), max_size=2)),
        ),
        max_size=3,
    ).map(lambda items: json.dumps(items).encode()),
    PATHS,
)
_CONVERSION = runtone.convert_free_exercise_db(b"[]")
_COMPARISON = runtone.compare_strikes("heel", "forefoot")
_PLAN = runtone.plan(runtone.Profile(level="intermediate"), weeks=1)
_OTHER_PLAN = runtone.plan(runtone.Profile(level="beginner"), weeks=2)


#: Every word the glossary's terms are found by, to put into the texts terms_in reads.
_TERM_WORDS = [word for term in DS.terms for word in (term.name, *term.aliases)]


def _in_terms(result: object, _: Mapping[str, object]) -> None:
    """terms_in gave a tuple of the dataset's terms, each once."""
    assert isinstance(result, tuple), result
    assert all(any(t is term for t in DS.terms) for term in result), result
    assert len({t.id for t in result}) == len(result), result


#: Every finding of an injury, for doses_for.
_FINDINGS = [
    finding
    for injury in DS.injuries
    for field in ("treatment", "prevention", "risk_factors")
    for finding in getattr(injury, field)
]


def _dosed(result: object, args: Mapping[str, object]) -> None:
    """doses_for gave (exercise, dose) pairs of the finding's exercises and sources."""
    assert isinstance(result, tuple), result
    finding = args["finding"]
    assert isinstance(finding, runtone.Finding)
    cited = {s.id for s in finding.sources}
    for exercise, dose in result:
        assert exercise.id in finding.exercises
        assert dose in exercise.doses
        assert cited & {s.id for s in dose.sources}


def _record_cases() -> dict[str, Case]:
    """Lookups, the muscle hierarchy, citations and queries."""
    cases: dict[str, Case] = {}
    for name, collection in zip(LOOKUPS, COLLECTIONS):
        records = getattr(DS, collection)
        for owner in (DS, runtone) if hasattr(runtone, name) else (DS,):
            where = "runtone" if owner is runtone else "Dataset"
            cases[f"{where}.{name}"] = Case(getattr(owner, name), "key", ANY, check=_in(records))
        cases[f"Dataset.get_{name}"] = Case(
            getattr(DS, f"get_{name}"), "key", ANY, check=_in(records)
        )
    for name in ("parts", "group", "with_parts", "related_muscles"):
        cases[f"Dataset.{name}"] = Case(
            getattr(DS, name), "muscle", records_or_keys("muscles"), check=_in(DS.muscles)
        )
    for name in ("easier", "harder"):
        cases[f"Dataset.{name}"] = Case(
            getattr(DS, name), "exercise", records_or_keys("exercises"), check=_in(DS.exercises)
        )
    cases["Dataset.doses_for"] = Case(
        DS.doses_for, "finding", st.one_of(st.sampled_from(_FINDINGS), ANY), check=_dosed
    )
    cases["Dataset.citing"] = Case(DS.citing, "source", records_or_keys("sources"))
    cases["Dataset.terms_in"] = Case(
        DS.terms_in, "text", st.one_of(TEXT, st.sampled_from(_TERM_WORDS), ANY), check=_in_terms
    )
    for query, args in QUERIES.items():
        for owner in (DS, runtone) if hasattr(runtone, query) else (DS,):
            where = "runtone" if owner is runtone else "Dataset"
            for arg, values in args.items():
                cases[f"{where}.{query}-{arg}"] = Case(
                    getattr(owner, query), arg, values, check=_in(FOUND_IN[query])
                )
    return cases


def _sqlite_cases() -> dict[str, Case]:
    """The SQLite export, argument by argument (it writes in an empty directory)."""
    return {
        f"export_sqlite-{arg}": Case(
            runtone.export_sqlite, arg, values, {"path": "runtone.db"}, check=_is(Path)
        )
        for arg, values in (
            ("path", PATHS),
            ("dataset", DATASETS),
            ("overwrite", st.one_of(st.booleans(), ANY)),
            ("locale", LOCALES),
        )
    }


def _searched(result: object, args: Mapping[str, object]) -> None:
    """search gave at most ``limit`` results, best first, from the collections asked for."""
    assert isinstance(result, tuple), result
    assert all(isinstance(hit, runtone.SearchResult) for hit in result), result
    assert len(result) <= cast("int", args.get("limit", 10))
    scores = [hit.score for hit in result]
    assert scores == sorted(scores, reverse=True)
    wanted = args.get("collections")
    if isinstance(wanted, list):
        assert {hit.collection for hit in result} <= set(wanted)


def _search_cases() -> dict[str, Case]:
    """Search, argument by argument."""
    names = st.sampled_from([*COLLECTIONS, "strike-patterns", "nope", ""])
    return {
        f"search-{arg}": Case(runtone.search, arg, values, {"text": "bridge"}, check=_searched)
        for arg, values in (
            ("text", st.one_of(TEXT, keys_of(RECORDS), ANY)),
            ("collections", st.one_of(st.none(), st.lists(names, max_size=3), ANY)),
            ("limit", st.one_of(st.integers(-2, 30), ANY)),
            ("dataset", DATASETS),
        )
    }


def _other_cases() -> dict[str, Case]:
    """Comparisons, profiles, recommendations, plans, pictures, export and files."""
    cases: dict[str, Case] = {}
    for arg, values in (("a", PATTERNS), ("b", PATTERNS), ("dataset", DATASETS)):
        cases[f"compare_strikes-{arg}"] = Case(
            runtone.compare_strikes,
            arg,
            values,
            {"a": "heel", "b": "forefoot"},
            check=_is(runtone.StrikeComparison),
        )
    cases["StrikeComparison.row"] = Case(
        _COMPARISON.row, "muscle", records_or_keys("muscles"), check=_is(runtone.MuscleRow)
    )
    in_dataset = functools.partial(runtone.Profile.in_dataset, DS)
    for field, values in PROFILE_FIELDS.items():
        cases[f"Profile-{field}"] = Case(runtone.Profile, field, values, check=_profile)
        cases[f"Profile.in_dataset-{field}"] = Case(
            in_dataset, field, values, check=_profile, doc=runtone.Profile.in_dataset
        )
    cases["Profile.in_dataset-dataset"] = Case(
        _in_dataset, "dataset", DATASETS, check=_is(runtone.Profile), doc=runtone.Profile.in_dataset
    )
    for arg, values in (
        ("profile", st.one_of(profiles(), ANY)),
        ("min_evidence", EVIDENCE),
        ("dataset", DATASETS),
    ):
        cases[f"recommend-{arg}"] = Case(
            runtone.recommend, arg, values, {"profile": runtone.Profile()}, check=_is(tuple)
        )
    for arg, values in (
        ("profile", st.one_of(profiles(), ANY)),
        ("weeks", st.one_of(st.integers(-2, 60), ANY)),
        ("min_evidence", EVIDENCE),
        ("dataset", DATASETS),
    ):
        cases[f"plan-{arg}"] = Case(
            runtone.plan, arg, values, {"profile": runtone.Profile(), "weeks": 2}, check=_plan
        )
    for arg, values in (
        ("subject", SUBJECTS),
        ("dataset", DATASETS),
        ("title", st.one_of(st.none(), TEXT, WRONG)),
    ):
        cases[f"diagram-{arg}"] = Case(
            runtone.diagram, arg, values, {"subject": {"calves": 0.5}}, check=_svg
        )
    timed = [m.id for m in DS.muscles if m.activity][:1] or None
    for arg, values in (
        ("muscles", st.one_of(st.none(), collections_of(records_or_keys("muscles")), ANY)),
        ("dataset", DATASETS),
        ("title", st.one_of(st.none(), TEXT, WRONG)),
    ):
        cases[f"gait_chart-{arg}"] = Case(
            runtone.gait_chart, arg, values, {"muscles": timed}, check=_svg
        )
    weeks = _PLAN.weeks + _OTHER_PLAN.weeks  # the plan's own, and another plan's
    for arg, values in (
        ("plan", st.one_of(st.sampled_from([_PLAN, _OTHER_PLAN]), ANY)),
        ("week", st.one_of(st.none(), st.integers(-2, 3), st.sampled_from(weeks), ANY)),
        ("title", st.one_of(st.none(), TEXT, WRONG)),
    ):
        cases[f"plan_chart-{arg}"] = Case(
            runtone.plan_chart, arg, values, {"plan": _PLAN}, check=_svg
        )
    cases.update(_search_cases())
    cases["export-dataset"] = Case(runtone.export, "dataset", DATASETS, check=_exported)
    cases["export-locale"] = Case(runtone.export, "locale", LOCALES, check=_exported)
    cases.update(_sqlite_cases())
    cases["to_json-obj"] = Case(
        runtone.to_json, "obj", st.one_of(ANY, st.lists(ANY, max_size=3)), check=_json_ready
    )
    renderable = st.sampled_from(
        [_COMPARISON, DS, runtone.Profile(), _PLAN, _PLAN.weeks[0], _PLAN.weeks[0].days[0]]
    )
    for arg, values in (
        (
            "obj",
            st.one_of(
                renderable,
                st.sampled_from(RECORDS),
                st.lists(st.sampled_from(RECORDS), max_size=3),
                ANY,
            ),
        ),
        ("width", st.one_of(st.integers(-2, 250), ANY)),
        ("dataset", DATASETS),
    ):
        cases[f"to_text-{arg}"] = Case(
            runtone.to_text, arg, values, {"obj": DS.muscle("calves"), "width": 80}, check=_fits
        )
    cases["load-packs"] = Case(
        runtone.load,
        "packs",
        collections_of(PATHS),
        {"packaged": False},
        check=_is(runtone.Dataset),
    )
    cases["load-packaged"] = Case(
        runtone.load, "packaged", st.one_of(st.booleans(), ANY), {"packs": []}
    )
    cases["load-locale"] = Case(runtone.load, "locale", LOCALES, check=_is(runtone.Dataset))
    for arg, values in (
        ("source", FREE_EXERCISE_DB),
        ("dataset", DATASETS),
        ("file", st.one_of(st.none(), TEXT, WRONG)),
    ):
        cases[f"convert_free_exercise_db-{arg}"] = Case(
            runtone.convert_free_exercise_db, arg, values, {"source": b"[]"}, check=_converted
        )
    cases["Conversion.write"] = Case(_CONVERSION.write, "directory", PATHS, check=_is(Path))
    return cases


CASES = {**_record_cases(), **_other_cases()}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
@FUZZ
@given(data=st.data())
def test_any_argument_gives_a_result_or_a_documented_error_naming_it(
    case: Case, data: st.DataObject
) -> None:
    kwargs = {**case.fixed, case.arg: data.draw(case.values, label=case.arg)}
    with in_empty_directory():
        result = attempt(case.function, case.arg, kwargs, case.doc)
    if result is not FAILED and case.check is not None:
        case.check(result, kwargs)


def test_every_public_callable_has_a_case() -> None:
    """A new public function or method needs its case here (or a reason to have none)."""
    named = {key.split("-")[0].removeprefix("runtone.") for key in CASES}
    public = {
        name
        for name in runtone.__all__
        if callable(getattr(runtone, name)) and not isinstance(getattr(runtone, name), type)
    }
    methods = {
        f"{cls.__name__}.{name}"
        for cls in (runtone.Dataset, runtone.Profile, runtone.StrikeComparison, runtone.Conversion)
        for name, member in vars(cls).items()
        if not name.startswith("_") and callable(getattr(member, "__func__", member))
    }
    # Methods with no arguments, or a cli of their own: nothing to fuzz here.
    no_arguments = {"StrikeComparison.mirror", "Conversion.pack", "Conversion.report"}
    no_arguments |= {"Conversion.reasons", "Conversion.summary"}
    missing = (public | methods) - no_arguments - named
    assert not missing, sorted(missing)


# --- lookups: get_* and the lookup agree ------------------------------------------------------


@FUZZ
@given(key=st.one_of(TEXT, keys_of(RECORDS)), name=st.sampled_from(LOOKUPS))
def test_a_lookup_and_its_get_form_agree(key: str, name: str) -> None:
    if not normalize(key):  # blank: both forms raise, naming the key
        for lookup in (getattr(DS, name), getattr(DS, f"get_{name}")):
            with pytest.raises(UnknownIdError) as blank:
                lookup(key)
            assert (blank.value.key, blank.value.field) == (key, "key")
        return
    found = getattr(DS, f"get_{name}")(key)
    if found is None:
        with pytest.raises(UnknownIdError) as info:
            getattr(DS, name)(key)
        assert info.value.key is key
        assert info.value.collection == dict(zip(LOOKUPS, COLLECTIONS))[name]
        assert len(info.value.suggestions) <= 3
    else:
        assert getattr(DS, name)(key) is found


@FUZZ
@given(name=st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12))
def test_an_unknown_profile_field_is_named(name: str) -> None:
    if name not in PROFILE_FIELDS:
        with pytest.raises(TypeError, match=re.escape(repr(name))):
            runtone.Profile(**{name: 1})  # type: ignore[arg-type]


# --- inputs that once broke the API, kept as plain examples -----------------------------------


@pytest.mark.parametrize(
    ("function", "arg", "kwargs"),
    [
        (runtone.load, "packs", {"packs": 5}),
        (runtone.load, "packs", {"packs": [5]}),
        (runtone.load, "packaged", {"packaged": "no"}),
        (runtone.export, "dataset", {"dataset": False}),
        (runtone.compare_strikes, "dataset", {"a": "heel", "b": "heel", "dataset": 5}),
        (runtone.recommend, "dataset", {"profile": runtone.Profile(), "dataset": 5}),
        (runtone.plan, "dataset", {"profile": runtone.Profile(), "dataset": 5}),
        (runtone.diagram, "subject", {"subject": {"calves": 10**400}}),
        (runtone.diagram, "subject", {"subject": {"calves": -(10**400)}}),
        (runtone.diagram, "subject", {"subject": {"calves": 10**5000}}),
        (runtone.Profile, "running_days", {"running_days": 10**5000}),
        (runtone.plan, "weeks", {"profile": runtone.Profile(), "weeks": -(10**5000)}),
        (DS.find_exercises, "level", {"level": 10**5000}),
        (runtone.compare_strikes, "a", {"a": Unprintable(), "b": "heel"}),
        (runtone.diagram, "title", {"subject": {}, "title": "a\x00b"}),
        (runtone.diagram, "title", {"subject": {}, "title": "\ud800"}),
        (runtone.plan_chart, "week", {"plan": _PLAN, "week": 10**5000}),
        (runtone.plan_chart, "title", {"plan": _PLAN, "title": "a\x00b"}),
        (runtone.convert_free_exercise_db, "source", {"source": "a\x00b"}),
        (runtone.convert_free_exercise_db, "source", {"source": "\ud800"}),
        (runtone.convert_free_exercise_db, "dataset", {"source": b"[]", "dataset": 5}),
        (runtone.convert_free_exercise_db, "file", {"source": b"{", "file": 5}),
        (_CONVERSION.write, "directory", {"directory": "a\x00b"}),
        (_CONVERSION.write, "directory", {"directory": 5}),
        (DS.parts, "muscle", {"muscle": 5}),
        (DS.group, "muscle", {"muscle": None}),
        (DS.related_muscles, "muscle", {"muscle": b"calves"}),
        (_COMPARISON.row, "muscle", {"muscle": None}),
    ],
)
def test_inputs_that_once_broke_the_api(
    function: Callable[..., object], arg: str, kwargs: dict[str, object]
) -> None:
    with in_empty_directory():
        assert attempt(function, arg, kwargs) is FAILED


def test_hierarchy_methods_also_take_keys() -> None:
    soleus, calves = DS.muscle("soleus"), DS.muscle("calves")
    assert DS.group("soleus") is calves
    assert DS.parts("calves") == DS.parts(calves)
    assert DS.related_muscles("soleus") == DS.related_muscles(soleus)


# --- the command line ---------------------------------------------------------------------

_PARSER = cli._parser()
SUBCOMMANDS: dict[str, argparse.ArgumentParser] = cli._commands(_PARSER)
COMMANDS = sorted(SUBCOMMANDS)


def _flags(parser: argparse.ArgumentParser) -> list[str]:
    return sorted(flag for action in parser._actions for flag in action.option_strings)


FLAGS = sorted({flag for parser in (_PARSER, *SUBCOMMANDS.values()) for flag in _flags(parser)})
VALUES = sorted(
    {
        *(str(m.value) for cls in ENUMS for m in cls),
        *("-1", "0", "1", "2", "7", "53", "99999999999999999999", "1.5", "1e3", "0x10"),
        *("none", "none,dumbbells", "heel,forefoot", ",", "--", "-", ""),
        *("out.json", "out.svg", "sub/dir/x.json", ".", "/", "\x00", "\udcff", "\ud800"),
    }
)
#: One word of an argument list: a value, a key, any text, or any option.
VALUE = st.one_of(
    st.sampled_from(VALUES),
    keys_of(RECORDS),
    st.text(_CHAR, max_size=10),
    st.sampled_from(NASTY),
)
TOKEN = st.one_of(st.sampled_from(FLAGS), VALUE)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command with its own options in any order, each given a value or not."""
    command = draw(st.sampled_from(COMMANDS))
    argv = [*draw(st.lists(st.sampled_from(["--json", "--version", "--help"]), max_size=1))]
    argv += [command, *draw(st.lists(VALUE, max_size=2))]
    for flag in draw(st.lists(st.sampled_from(_flags(SUBCOMMANDS[command])), max_size=4)):
        argv += [flag, draw(VALUE)] if draw(st.booleans()) else [flag]
    return argv


ARGV = st.one_of(command_lines(), st.lists(TOKEN, max_size=6))
#: Commands whose text output is aligned to fit 80 columns (the others print SVG or JSON).
TEXT_COMMANDS = frozenset(COMMANDS) - {"diagram", "gait", "export", "convert"}


def _parse(argv: list[str]) -> argparse.Namespace | None:
    """What the command line makes of ``argv``, or None where argparse exits (help, errors)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            return cli._parser().parse_args(argv)
        except SystemExit:
            return None


def run_cli(argv: list[str], files: Mapping[str, bytes] | None = None) -> tuple[int, str, str]:
    """``main(argv)`` in an empty directory (holding ``files``): its code, stdout and stderr.

    argparse's own messages go to sys.stdout and sys.stderr, so those are caught
    too.  Standard output is strict UTF-8, as sys.stdout is under a UTF-8 locale;
    standard error escapes what it cannot encode, as sys.stderr does.
    """
    out_raw, err_raw = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_raw, encoding="utf-8", errors="strict", newline="\n")
    err = io.TextIOWrapper(err_raw, encoding="utf-8", errors="backslashreplace", newline="\n")
    with in_empty_directory() as here, contextlib.redirect_stdout(out):
        for name, data in (files or {}).items():
            (here / name).write_bytes(data)
        with contextlib.redirect_stderr(err):
            code = cli.main(argv, out=out, err=err)
    out.flush()
    err.flush()
    return code, out_raw.getvalue().decode(), err_raw.getvalue().decode()


def check_cli(argv: list[str], code: int, printed: str, said: str) -> None:
    """The exit code is 0, 1 or 2, and what was printed has the documented form."""
    assert code in {0, 1, 2}
    args = _parse(argv)
    if args is None:  # argparse's own --help, --version and usage errors
        assert code in {0, 2}
        assert said if code else printed
        return
    as_json = bool(args.json)
    command: str = args.command
    output = getattr(args, "output", None)
    if command == "export":  # FILE is --output by another name
        output = output or args.file
    if code:
        assert not printed, "nothing is half printed"
        if as_json:
            kind = json.loads(said)["error"]
            assert kind == "usage" if code == 2 else kind in {"not_found", "invalid_data", "output"}
        else:
            assert said.startswith("runtone: " if code == 1 else "usage: "), said
    elif output is not None and command in {"export", "diagram", "gait"}:
        assert not printed
    elif as_json or (command in {"export", "convert"} and output is None):
        json.loads(printed)
    elif command in {"diagram", "gait"}:
        ET.fromstring(printed.encode())  # noqa: S314 - our own output
    elif command in TEXT_COMMANDS:
        assert all(len(line) <= cli.WIDTH for line in printed.splitlines())


@settings(FUZZ, max_examples=150)
@given(argv=ARGV)
def test_the_command_line_exits_0_1_or_2_and_prints_its_documented_form(argv: list[str]) -> None:
    check_cli(argv, *run_cli(argv))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["export", "--output", "a\x00b"], 1),
        (["export", "--output", "\ud800"], 1),
        (["export", "--format", "sqlite"], 2),
        (["export", "--format", "sqlite", "a\x00b"], 1),
        (["export", "--format", "sqlite", "\ud800", "--json"], 1),
        (["export", "--format", "sqlite", "/"], 1),
        (["diagram", "heel", "--output", "a\x00b"], 1),
        (["diagram", "heel", "--title", "\udcff"], 2),
        (["diagram", "heel", "--title", "a\x00b", "--json"], 2),
        (["convert", "a\x00b"], 1),
        (["convert", "\ud800", "--json"], 1),
        (["convert", "exercises.json", "--output", "a\x00b"], 1),
    ],
)
def test_command_lines_that_once_raised(argv: list[str], expected: int) -> None:
    code, printed, said = run_cli(argv, {"exercises.json": b"[]"})
    assert code == expected, said
    check_cli(argv, code, printed, said)
