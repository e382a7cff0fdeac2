"""What a runner reads is plain, carries its units, and says nothing of how it was made.

Issue 14, section 5: every runner-facing record has a plain ``summary``; the jargon of
the evidence detail is defined in the glossary (the ``terms`` collection); speeds carry
a pace and slopes a percent grade; no user-facing text tells the story of its own
making, and no prose sentence is repeated across records.  Each rule is checked over
every record of the packaged data, and each check is shown to catch a broken text.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import cast

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from runtone._loader import COLLECTIONS

DS = runtone.load()

#: The collections a runner reads; sources and the glossary are reference material.
RUNNER_FACING = tuple(c.name for c in COLLECTIONS if c.name not in {"sources", "terms"})
RECORDS = [(name, r) for name in RUNNER_FACING for r in getattr(DS, name)]
IDS = [f"{name}:{r.id}" for name, r in RECORDS]

#: Fields that hold no text for a runner: ids and references, and the maintainers' note.
_NOT_TEXT = {"id", "note"}

#: Words a summary may not use: study words and the statistical, mechanical and
#: anatomical vocabulary of the detail.  Not every glossary term: the glossary also
#: defines words runners use every day (swing, cadence, IT band), which a summary may.
SUMMARY_JARGON = re.compile(
    r"(?<![\w-])("
    + "|".join(  # noqa: FLY002 - one word a line reads and diffs best
        [
            r"EMG",
            r"SMD",
            r"moments?",
            r"torques?",
            r"eccentric\w*",
            r"concentric\w*",
            r"(?:negative|positive) work",
            r"J/kg",
            r"N·m",
            r"isokinetic",
            r"effect sizes?",
            r"ground reaction forces?",
            r"stance",
            r"swing phase",
            r"musculoskeletal",
            r"meta-analys[ie]s",
            r"systematic reviews?",
            r"randomi[sz]ed",
            r"cohorts?",
            r"significant\w*",
            r"confidence intervals?",
            r"odds",
            r"kinetics?",
            r"kinematics?",
            r"dorsiflex\w*",
            r"plantar ?flex\w*",
            r"pronat\w*",
            r"supinat\w*",
            r"abduct\w*",
            r"adduction",
            r"proximal",
            r"distal",
            r"MTSS",
            r"ITBS",
            r"EPOC",
            r"hypertroph\w*",
            r"metabolic",
            r"activation",
            r"modell?ed",
            r"models?",
            r"trials?",
            r"study",
            r"studies",
        ]
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)

#: Jargon of the detail that the glossary must define: each spelling, as the data uses it.
DETAIL_JARGON = re.compile(
    r"(?<![\w-])(SMD|EMG|effect sizes?|moments?|torques?|negative work|positive work|"
    r"eccentric\w*|concentric\w*|J/kg|N·m|isokinetic|ground reaction forces?|"
    r"musculoskeletal models?|meta-analys[ie]s)(?![\w-])",
    re.IGNORECASE,
)

#: Phrases that tell how the data was made, not what is known.
TRACES = (
    "in the notes",
    "the notes",
    "this dataset",
    "the dataset",
    "runtone",
    "was located",
    "were located",
    "looked for",
    "cautious choice",
    "cannot be checked here",
    "page read",
    "pages read",
    "pages found",
    "abstract gave",
    "abstract gives",
    "abstract does not",
    "abstract did not",
    "rests on the article",
    "rest on the article",
    "gave no size",
)

#: Fields whose sentences may repeat across records: how-to steps and cautions are
#: rightly the same for two kinds of lunge; names, titles and questions are short.
_MAY_REPEAT = {"steps", "cautions", "name", "title", "aliases", "question", "statement"}

_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_CITATION = re.compile(r"\s*\[[a-z0-9]+(?:-[a-z0-9]+)*\]")
_MILE = 1609.344


def texts(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every user-facing string within a record, with its field path.

    Records it refers to (those with an id: muscles, sources ...) are not entered:
    they are checked as records of their own.
    """
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (tuple, frozenset)):
        for i, item in enumerate(value):
            yield from texts(item, f"{path}[{i}]")
    elif attrs.has(type(value)) and not (path and hasattr(value, "id")):
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
            if field.name not in _NOT_TEXT:
                item = getattr(value, field.name)
                yield from texts(item, f"{path}.{field.name}" if path else field.name)


def _ident(record: object) -> str:
    """The id of a record of any collection."""
    return str(getattr(record, "id"))  # noqa: B009 - records of several classes


def _field(path: str) -> str:
    return path.rsplit(".", maxsplit=1)[-1].split("[", maxsplit=1)[0]


# --- summaries ------------------------------------------------------------------------


def summary_problems(summary: str | None) -> list[str]:
    """What is wrong with a summary: a runner must read it with no help."""
    if not summary:
        return ["no summary"]
    problems = []
    if re.search(r"[0-9%]", summary):
        problems.append("a figure")
    problems += [f"jargon {m[0]!r}" for m in SUMMARY_JARGON.finditer(summary)]
    if len([s for s in _SENTENCES.split(summary.strip()) if s]) > 2:
        problems.append("more than two sentences")
    if len(summary) > 300:
        problems.append(f"{len(summary)} characters, more than 300")
    if _CITATION.search(summary):
        problems.append("a citation")
    return problems


@pytest.mark.parametrize(("name", "record"), RECORDS, ids=IDS)
def test_every_record_a_runner_reads_has_a_plain_summary(name: str, record: object) -> None:
    assert summary_problems(getattr(record, "summary", None)) == [], f"{name}:{record}"


def test_no_two_records_share_a_summary() -> None:
    by_summary = defaultdict(list)
    for name, record in RECORDS:
        by_summary[getattr(record, "summary", None)].append(f"{name}:{_ident(record)}")
    assert {s: ids for s, ids in by_summary.items() if len(ids) > 1} == {}


@pytest.mark.parametrize(
    "summary",
    [
        None,
        "",
        "It rose by 12 percent.",
        "Forefoot landing raised calf EMG.",
        "The knee moment fell.",
        "One. Two. Three.",
        "Hamstrings work hard [dorn-2012].",
        "word " * 70,
        "In a randomised trial it helped.",
    ],
)
def test_the_summary_check_catches_what_a_runner_cannot_read(summary: str | None) -> None:
    assert summary_problems(summary)


# --- the glossary ---------------------------------------------------------------------


def test_the_glossary_defines_every_term_of_the_detail() -> None:
    used = {
        m[0]
        for _, record in RECORDS
        for _, text in texts(record)
        for m in DETAIL_JARGON.finditer(text)
    }
    assert used, "the detail uses none of the jargon: the check would check nothing"
    undefined = sorted(word for word in used if not DS.terms_in(word))
    assert undefined == []


@pytest.mark.parametrize("term", DS.terms, ids=[t.id for t in DS.terms])
def test_every_term_is_defined_in_plain_sentences_with_sources(term: runtone.Term) -> None:
    assert term.sources
    assert 1 <= len(_SENTENCES.split(term.definition.strip())) <= 3
    # A term is found by its own name and each alias, as the docs link it.
    for word in (term.name, *term.aliases):
        assert term in DS.terms_in(f"Here {word} was measured."), word


@given(data=st.data())
def test_a_term_is_found_as_a_whole_word_with_a_plural(data: st.DataObject) -> None:
    term = data.draw(st.sampled_from(DS.terms))
    word = data.draw(st.sampled_from((term.name, *term.aliases)))
    before = data.draw(st.sampled_from(["", "The ", "(", "a "]))
    after = data.draw(st.sampled_from(["", "s", ".", ")", " rose"]))
    assert term in DS.terms_in(before + word + after)
    if " " not in word:  # inside a longer word or an id it is not a use of the term
        assert term not in DS.terms_in(f"x{word}x")
        assert term not in DS.terms_in(f"{word}-id")


def test_terms_in_lists_each_term_once_in_the_order_of_first_use() -> None:
    first, second = DS.terms[0], DS.terms[1]
    text = f"{second.name} then {first.name}, and {second.name} again."
    assert DS.terms_in(text) == (second, first)
    assert DS.terms_in("") == ()
    with pytest.raises(TypeError, match="text: expected a str"):
        DS.terms_in(cast("str", None))


def test_an_abbreviation_matches_only_as_written() -> None:
    capitals = [(t, a) for t in DS.terms for a in t.aliases if a.isupper() and len(a) > 1]
    assert capitals, "no abbreviation in the glossary"
    for term, alias in capitals:
        assert term in DS.terms_in(alias)
        assert term not in DS.terms_in(alias.lower()) or term.name.lower() == alias.lower()


# --- units ----------------------------------------------------------------------------


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def unit_problems(text: str) -> list[str]:
    """Speeds without their pace, slopes without their grade, or either worked out wrong."""
    problems = []
    for m in re.finditer(r"(\d+(?:\.\d+)?) (m/s|km/h)( \(([^)]*)\))?", text):
        speed = float(m[1]) / (3.6 if m[2] == "km/h" else 1)
        if speed < 0.5:
            continue
        pace = f"{_clock(1000 / speed)} min/km, {_clock(_MILE / speed)} min/mile"
        if m[4] != pace:
            problems.append(f"{m[0]!r}: expected ({pace})")
    for sentence in re.split(r"(?<=[.;])\s", text):
        if re.search(r"trunk|lean", sentence):  # a body angle, not a slope
            continue
        slope = r"([±−-]?)(\d+(?:\.\d+)?)°(?!/s)( \(([^)]*)\))?"  # noqa: RUF001 - the data's minus
        for m in re.finditer(slope, sentence):
            grade = f"{m[1]}{math.tan(math.radians(float(m[2]))) * 100:.1f}% grade"
            if m[4] != grade:
                problems.append(f"{m[0]!r}: expected ({grade})")
    return problems


def test_every_speed_has_its_pace_and_every_slope_its_grade() -> None:
    checked = [
        (f"{name}:{_ident(record)}.{path}", text)
        for name, record in RECORDS
        for path, text in texts(record)
        if re.search(r"m/s|km/h|°", text)
    ]
    assert len(checked) > 20, "the data has fewer speeds and slopes than it did"
    assert {where: unit_problems(text) for where, text in checked if unit_problems(text)} == {}


@pytest.mark.parametrize(
    "text",
    [
        "above about 7 m/s the hips take over",
        "at 7 m/s (2:22 min/km, 3:50 min/mile)",
        "on a 6° slope",
        "on a 6° (10.0% grade) slope",
        "at 10 km/h (6:00 min/km)",
    ],
)
def test_the_unit_check_catches_a_missing_or_wrong_conversion(text: str) -> None:
    assert unit_problems(text)


def test_the_unit_check_passes_right_conversions_and_body_angles() -> None:
    assert unit_problems("at 7 m/s (2:23 min/km, 3:50 min/mile) and 12° (21.3% grade)") == []
    assert unit_problems("a walking speed 0.08 m/s faster; tested at 60°/s") == []
    assert unit_problems("runners who lean the trunk about 11° against 4°") == []


# --- how the data was made, and repeats -----------------------------------------------


def test_no_user_facing_text_tells_how_the_data_was_made() -> None:
    found = [
        (f"{name}:{_ident(record)}.{path}", trace)
        for name, record in RECORDS
        for path, text in texts(record)
        for trace in TRACES
        if trace in text.lower()
    ]
    assert found == []


def test_a_trace_in_a_text_is_found() -> None:
    record = DS.claims[0]
    traced = attrs.evolve(record, explanation=record.explanation + " No study in the notes.")
    assert any("in the notes" in text.lower() for _, text in texts(traced))
    # The maintainers' note is not user-facing: a trace there is where it belongs.
    noted = attrs.evolve(record, note="Searched the pages corpus; this dataset's choice.")
    assert not any("this dataset" in text.lower() for _, text in texts(noted))


def repeated_sentences(records: list[tuple[str, object]]) -> dict[str, list[str]]:
    """Prose sentences of 25 or more characters that occur in more than one record."""
    where: dict[str, set[str]] = defaultdict(set)
    for name, record in records:
        for path, text in texts(record):
            if _field(path) in _MAY_REPEAT:
                continue
            for sentence in _SENTENCES.split(text):
                plain = _CITATION.sub("", sentence).strip()
                if len(plain) >= 25:
                    where[plain].add(f"{name}:{_ident(record)}")
    return {s: sorted(ids) for s, ids in where.items() if len(ids) > 1}


def test_no_prose_sentence_is_repeated_across_records() -> None:
    assert repeated_sentences(RECORDS) == {}


def test_a_repeated_sentence_is_found() -> None:
    (name, first), (_, second) = RECORDS[0], RECORDS[1]
    line = "This exact sentence appears in two records."
    one = attrs.evolve(first, summary=line)
    two = attrs.evolve(second, summary=line)
    assert line in repeated_sentences([(name, one), (name, two)])


def test_the_text_walk_reads_a_records_own_text_and_not_the_records_it_cites() -> None:
    claim = next(c for c in DS.claims if c.muscles)
    paths = dict(texts(claim))
    assert paths["explanation"] == claim.explanation
    assert paths["summary"] == claim.summary
    assert "note" not in paths
    assert not any(p.startswith(("muscles", "sources", "made_by")) for p in paths)


def test_the_checks_read_every_record_a_runner_reads() -> None:
    # The eight runner-facing collections (the training rules too), 150 records or more:
    # a walk over none passes.
    assert len(RUNNER_FACING) == 8
    assert len(RECORDS) >= 150
