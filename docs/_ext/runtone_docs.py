"""A local Sphinx extension: the dataset reference, generated from the data at build time.

A page asks for generated content with a MyST comment line of its own, e.g.::

    % runtone: muscles

When Sphinx reads the page, the line is replaced by Markdown written from
:func:`runtone.load` (every record of the collection, each under an anchor such
as ``muscle-quadriceps``).  Nothing generated is written to disk, and the pages
depend on the data files, so a change to the data rebuilds them.

Every text value from the data is escaped, so no record can inject markup; the
``[source-id]`` citations inside texts become links to the bibliography.

A page can also ask for the fact check of one seed article, with the article's
source id after the block name::

    % runtone: fact_check needtorace-tone-legs

The statements come from ``docs/fact-checks/<source-id>.json`` (see
:func:`fact_check_map`); each is shown in runtone's words with the verdict of the
record that holds it and a link to that record.

The extension also fills MyST substitutions (``{{ muscles }}``,
``{{ data_version }}``...) with counts and versions from the data, so the
hand-written pages never state a number that the data could contradict.
"""

from __future__ import annotations

import collections
import enum
import html
import inspect
import json
import re
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol, TypeVar

import runtone
from runtone import _loader
from runtone import cli as runtone_cli
from runtone._dataset import term_pattern

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = [
    "BLOCKS",
    "FACT_CHECKS",
    "LABELS",
    "attribute_docs",
    "citation_labels",
    "fact_check_map",
    "setup",
]

#: The anchor prefix of each collection's records, e.g. ``muscle-quadriceps``.
LABELS = {
    "muscles": "muscle",
    "exercises": "exercise",
    "strike_patterns": "strike",
    "stride_effects": "stride",
    "claims": "claim",
    "injuries": "injury",
    "recommendations": "recommendation",
    "sources": "source",
    "terms": "term",
    "training_rules": "rule",
}

#: How the pages name each evidence grade (see ``EvidenceGrade``'s docstring).
GRADES = {
    runtone.EvidenceGrade.POPULAR: "popular article",
    runtone.EvidenceGrade.CONSENSUS: "expert consensus",
    runtone.EvidenceGrade.CASE_SERIES: "case series",
    runtone.EvidenceGrade.LAB: "laboratory study",
    runtone.EvidenceGrade.COHORT: "cohort study",
    runtone.EvidenceGrade.RCT: "randomised trial",
    runtone.EvidenceGrade.SYSTEMATIC_REVIEW: "systematic review",
}

_MARKER = re.compile(r"^% runtone: *([a-z_]+)(?: +([a-z0-9-]+))? *$", re.MULTILINE)
#: Every ASCII punctuation character: CommonMark lets a backslash escape any of them.
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_CITATION = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
_INITIALS = re.compile(r"[^\W\d_]{1,3}")

EnumT = TypeVar("EnumT", bound=enum.Enum)


class _Record(Protocol):
    @property
    def id(self) -> str: ...


# --- Markdown helpers -----------------------------------------------------------------


def _escape(value: str) -> str:
    """Text as Markdown: every punctuation character escaped, so none is markup."""
    return _PUNCT.sub(r"\\\1", value)


def _text(value: str) -> str:
    """Plain text as one line of Markdown."""
    return _escape(" ".join(value.split()))


def _ref(label: str, title: str) -> str:
    """A cross-reference; Sphinx fails the build (-n -W) if the label does not exist."""
    return "{ref}`" + title.replace("`", "'").replace("\n", " ") + " <" + label + ">`"


def _word(member: object) -> str:
    """An enum member in words: ``JointAction.KNEE_EXTENSION`` -> ``knee extension``."""
    value = getattr(member, "value", member)
    return str(value).replace("_", " ")


def _words(members: Iterable[object]) -> str:
    return ", ".join(_word(m) for m in members) or "none"


def _grade(grade: runtone.EvidenceGrade) -> str:
    return GRADES[grade]


def _sorted(members: Iterable[EnumT]) -> list[EnumT]:
    """Enum members in definition order (frozensets have none of their own)."""
    return sorted(members, key=lambda m: list(type(m).__members__.values()).index(m))


def _authors(source: runtone.Source) -> str | None:
    def surname(author: str) -> str:
        *rest, last = author.split()
        return " ".join(rest) if rest and _INITIALS.fullmatch(last) and last.isupper() else author

    names = [surname(a) for a in source.authors]
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    if len(names) == 2:  # noqa: PLR2004 - "A and B" is the usual form for two authors
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def _short_title(title: str, words: int = 6) -> str:
    parts = title.split()
    return title if len(parts) <= words else " ".join(parts[:words]) + " …"


def citation_labels(dataset: runtone.Dataset) -> dict[str, str]:
    """A short author-year label for every source, unique across the bibliography.

    Sources without authors are labelled by their (shortened) title. Labels that
    would repeat get a, b, c... after the year, in data order.
    """
    labels: dict[str, str] = {}
    for source in dataset.sources:
        who = _authors(source) or _short_title(source.title)
        if source.year is None:
            labels[source.id] = who
        else:
            labels[source.id] = (
                f"{who} {source.year}" if source.authors else f"{who}, {source.year}"
            )
    counts = collections.Counter(labels.values())
    seen: collections.Counter[str] = collections.Counter()
    for ident, label in labels.items():
        if counts[label] > 1:
            labels[ident] = label + "abcdefghijklmnopqrstuvwxyz"[seen[label]]
            seen[label] += 1
    return labels


class _Writer:
    """Markdown for one dataset: links to records and sources, prose with citations."""

    def __init__(self, dataset: runtone.Dataset) -> None:
        self.ds = dataset
        self.cites = citation_labels(dataset)
        self.term_words = term_pattern(dataset.terms)
        self.effect_collection = {
            **dict.fromkeys((e.id for e in dataset.strike_patterns), "strike_patterns"),
            **dict.fromkeys((e.id for e in dataset.stride_effects), "stride_effects"),
        }

    # links ---------------------------------------------------------------------------

    def link(self, collection: str, record: _Record, title: str | None = None) -> str:
        """A link to a record; a claim, whose name is a whole sentence, shows its id."""
        if title is None:
            title = record.id if collection == "claims" else _name(record)
        return _ref(f"{LABELS[collection]}-{record.id}", title)

    def links(self, collection: str, records: Iterable[_Record]) -> str:
        return ", ".join(self.link(collection, r) for r in records)

    def effect(self, effect: runtone.StrideEffect) -> str:
        return self.link(self.effect_collection[effect.id], effect)

    def source(self, source: runtone.Source) -> str:
        return self.link("sources", source, self.cites[source.id])

    def sources(self, sources: Iterable[runtone.Source]) -> str:
        return "; ".join(self.source(s) for s in sources) or "none"

    def prose(self, value: str) -> str:
        """Data text as Markdown, with citations and glossary terms linked.

        Each ``[source-id]`` links to the bibliography, and each glossary term to its
        definition where the text first uses it.
        """
        value = " ".join(value.split())
        out: list[str] = []
        linked: set[str] = set()
        position = 0
        for match in _CITATION.finditer(value):
            cited = self.ds.get_source(match.group(1))
            if cited is None:
                continue
            out += [self.terms(value[position : match.start()], linked), r"\["]
            out += [self.source(cited), r"\]"]
            position = match.end()
        out.append(self.terms(value[position:], linked))
        return "".join(out)

    def terms(self, text: str, linked: set[str]) -> str:
        """Plain text as Markdown, each term not in ``linked`` yet linked to the glossary."""
        regex, by_word = self.term_words
        out: list[str] = []
        position = 0
        for match in regex.finditer(text):
            word = match.group(1)
            term = by_word.get(word) or by_word[word.lower()]
            if term.id in linked:
                continue
            linked.add(term.id)
            out += [_escape(text[position : match.start()]), _ref(f"term-{term.id}", match[0])]
            position = match.end()
        out.append(_escape(text[position:]))
        return "".join(out)

    def summary(self, record: object) -> list[str]:
        """The record's plain summary, ahead of its detail."""
        text = getattr(record, "summary", None)
        return [f"**In short.** {_text(text)}", ""] if text else []

    # shared blocks -------------------------------------------------------------------

    def heading(self, collection: str, record: _Record, level: int = 2) -> list[str]:
        return [
            f"({LABELS[collection]}-{record.id})=",
            f"{'#' * level} {_text(_name(record))}",
            "",
        ]

    def graded(self, evidence: runtone.EvidenceGrade, sources: Iterable[runtone.Source]) -> str:
        return f"(Evidence: {_grade(evidence)}. Sources: {self.sources(sources)})"

    def findings(self, title: str, findings: Iterable[runtone.Finding]) -> list[str]:
        items = [f"- {self.prose(f.text)} {self.graded(f.evidence, f.sources)}" for f in findings]
        return [f"**{title}**", "", *items, ""] if items else []

    def bullets(self, title: str, texts: Iterable[str]) -> list[str]:
        items = [f"- {self.prose(t)}" for t in texts]
        return [f"**{title}**", "", *items, ""] if items else []

    def fields(self, *pairs: tuple[str, str | None]) -> list[str]:
        return [f":{name}: {value}" for name, value in pairs if value] + [""]

    def overview(self, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[str]:
        return [
            "| " + " | ".join(header) + " |",
            "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows),
            "",
        ]


def _name(record: object) -> str:
    for attribute in ("name", "title", "statement"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return value
    return str(getattr(record, "id", record))


def _aliases(record: object) -> str | None:
    aliases: tuple[str, ...] = getattr(record, "aliases", ())
    return ", ".join(_text(a) for a in aliases) or None


def _id(record: _Record) -> str:
    return f"`{record.id}`"


# --- one renderer per block -----------------------------------------------------------


def _muscles(w: _Writer) -> Iterator[str]:
    ds = w.ds
    yield from w.overview(
        ("Muscle", "Kind", "Region", "Part of"),
        (
            (
                w.link("muscles", m),
                _word(m.kind),
                _word(m.region),
                w.link("muscles", g) if (g := ds.group(m)) else "",
            )
            for m in ds.muscles
        ),
    )
    for m in ds.muscles:
        group = ds.group(m)
        targeting = [
            f"{w.link('exercises', e)} ({_word(t.role)})"
            for e in ds.exercises
            for t in e.targets
            if t.muscle == m
        ]
        yield from w.heading("muscles", m)
        yield from w.fields(
            ("Id", _id(m)),
            ("Kind", _word(m.kind)),
            ("Also called", _aliases(m)),
            ("Latin name", _text(m.latin_name) if m.latin_name else None),
            ("Region", _word(m.region)),
            ("Part of", w.link("muscles", group) if group else None),
            ("Parts", w.links("muscles", ds.parts(m)) if ds.parts(m) else None),
            ("Joint actions", _words(m.actions)),
            ("Works in", _words(m.gait_phases)),
            ("Evidence", _grade(m.evidence)),
            ("Sources", w.sources(m.sources)),
        )
        yield from w.summary(m)
        yield from [w.prose(m.location), ""]
        yield from [f"**Role in running.** {w.prose(m.role)}", ""]
        yield from w.bullets("Common problems", m.problems)
        yield from w.findings("Findings", m.findings)
        windows = [
            f"- {a.onset}% to {a.offset}% of the gait cycle: {w.prose(a.text)} "
            f"{w.graded(a.evidence, a.sources)}"
            for a in m.activity
        ]
        if windows:
            yield from ["**When it works in the stride** (0% is foot contact)", "", *windows, ""]
        if targeting:
            yield from [f"**Exercises that work it:** {', '.join(targeting)}.", ""]


def _exercises(w: _Writer) -> Iterator[str]:
    ds = w.ds
    yield from w.overview(
        ("Exercise", "Kind", "Level", "Primary muscles", "Equipment"),
        (
            (
                w.link("exercises", e),
                _word(e.kind),
                _word(e.level),
                w.links(
                    "muscles",
                    [t.muscle for t in e.targets if t.role is runtone.TargetRole.PRIMARY],
                ),
                _words(_sorted(e.equipment)),
            )
            for e in ds.exercises
        ),
    )
    for e in ds.exercises:
        yield from w.heading("exercises", e)
        yield from w.fields(
            ("Id", _id(e)),
            ("Kind", _word(e.kind)),
            ("Also called", _aliases(e)),
            ("Level", f"{_word(e.level)} and up"),
            ("Equipment", _words(_sorted(e.equipment))),
            ("One leg at a time", "yes" if e.unilateral else "no"),
            ("Evidence", _grade(e.evidence)),
            ("Sources", w.sources(e.sources)),
            ("Not advised with", w.links("injuries", e.contraindications) or None),
            ("Easier variations", w.links("exercises", ds.easier(e)) or None),
            ("Harder variations", w.links("exercises", ds.harder(e)) or None),
        )
        yield from w.summary(e)
        yield from [w.prose(e.purpose), ""]
        yield from w.overview(
            ("Muscle", "Role"), ((w.link("muscles", t.muscle), _word(t.role)) for t in e.targets)
        )
        yield "**Steps**"
        yield ""
        yield from (f"{i}. {w.prose(step)}" for i, step in enumerate(e.steps, 1))
        yield ""
        yield from w.bullets("Cautions", e.cautions)
        yield from _doses(w, e.doses)


def _doses(w: _Writer, doses: Iterable[runtone.Dose]) -> list[str]:
    """Each published dose: its words, its numbers, and the source it comes from."""
    items = []
    for d in doses:
        reps = (
            (f"{d.reps_min}" if d.reps_min == d.reps_max else f"{d.reps_min} to {d.reps_max}")
            if d.reps_min is not None and d.reps_max is not None
            else None
        )
        numbers = [
            f"{d.sets} sets" if d.sets is not None else "",
            f"{reps} repetitions" if reps else "",
            f"{d.hold_seconds} s holds" if d.hold_seconds is not None else "",
            f"{d.sessions_per_week} sessions a week" if d.sessions_per_week is not None else "",
            f"{d.weeks} weeks" if d.weeks is not None else "",
            f"load: {d.load}" if d.load is not None else "",
        ]
        shown = ", ".join(n for n in numbers if n)
        extra = f" ({_escape(shown)})" if shown else ""
        items.append(f"- {w.prose(d.text)}{extra} {w.graded(d.evidence, d.sources)}")
        if d.progression is not None:
            items.append(f"  Progression: {w.prose(d.progression)}")
    return ["**Doses from published protocols**", "", *items, ""] if items else []


def _effects(w: _Writer, collection: str) -> Iterator[str]:
    records: tuple[runtone.StrideEffect, ...] = getattr(w.ds, collection)
    yield from w.overview(
        ("Way of running", "Varies", "Measured against", "Evidence"),
        (
            (
                w.link(collection, e),
                _word(e.category),
                w.effect(base) if (base := _baseline(w, e)) else "see its page",
                _grade(e.evidence),
            )
            for e in records
        ),
    )
    for e in records:
        base = _baseline(w, e)
        yield from w.heading(collection, e)
        yield from w.fields(
            ("Id", _id(e)),
            ("Also called", _aliases(e)),
            ("Varies", _word(e.category)),
            ("Baseline record", w.effect(base) if base else None),
            ("Evidence", _grade(e.evidence)),
            ("Sources", w.sources(e.sources)),
        )
        yield from w.summary(e)
        yield from [w.prose(e.description), ""]
        yield from [f"**Measured against.** {w.prose(e.baseline)}", ""]
        if e.muscle_effects:
            yield "**Muscle by muscle**"
            yield ""
            yield from w.overview(
                ("Muscle", "Work", "What was found", "Evidence", "Sources"),
                (
                    (
                        w.link("muscles", m.muscle),
                        f"**{_word(m.direction)}**",
                        _finding(w, m.text, m.magnitude),
                        _grade(m.evidence),
                        w.sources(m.sources),
                    )
                    for m in e.muscle_effects
                ),
            )
        if e.joint_loads:
            yield "**Joints and tendons**"
            yield ""
            yield from w.overview(
                ("Structure", "Load", "What was found", "Evidence", "Sources"),
                (
                    (
                        _word(j.structure),
                        f"**{_word(j.direction)}**",
                        _finding(w, j.text, j.magnitude),
                        _grade(j.evidence),
                        w.sources(j.sources),
                    )
                    for j in e.joint_loads
                ),
            )
        yield from w.findings("Injury considerations", e.considerations)
        yield from w.findings("How to change safely", e.how_to_change)


def _baseline(w: _Writer, effect: runtone.StrideEffect) -> runtone.StrideEffect | None:
    if effect.baseline_id is None:
        return None
    return w.ds.get_strike_pattern(effect.baseline_id) or w.ds.stride_effect(effect.baseline_id)


def _finding(w: _Writer, text: str, magnitude: str | None) -> str:
    """An effect's finding, followed by its size where a study gives one."""
    return w.prose(text) + (f" *Size: {_text(magnitude.rstrip('.'))}.*" if magnitude else "")


def _claims(w: _Writer) -> Iterator[str]:
    ds = w.ds
    counts = collections.Counter(c.verdict for c in ds.claims)
    yield (
        "Verdicts: "
        + ", ".join(
            f"{_ref(f'verdict-{v.value}', _word(v))} {counts[v]}" if counts[v] else f"{_word(v)} 0"
            for v in runtone.Verdict
        )
        + "."
    )
    yield ""
    yield from w.overview(
        ("Claim", "Verdict", "Evidence"),
        (
            (w.link("claims", c, c.statement), _word(c.verdict), _grade(c.evidence))
            for c in ds.claims
        ),
    )
    for verdict in runtone.Verdict:
        claims = [c for c in ds.claims if c.verdict is verdict]
        if claims:
            yield from [f"(verdict-{verdict.value})=", f"## {_word(verdict).capitalize()}", ""]
        for c in claims:
            yield from _claim(w, c)


def _claim(w: _Writer, c: runtone.Claim) -> Iterator[str]:
    yield from w.heading("claims", c, level=3)
    yield from w.fields(
        ("Id", _id(c)),
        ("Verdict", f"**{_word(c.verdict)}**"),
        ("Evidence", _grade(c.evidence)),
        ("Question", _text(c.question) if c.question else None),
        ("Made by", w.sources(c.made_by)),
        ("Sources", w.sources(c.sources)),
        ("Muscles", w.links("muscles", c.muscles) if c.muscles else None),
        (
            "Asserts",
            "; ".join(
                f"{_word(a.direction)} work for {w.link('muscles', a.muscle)} "
                f"with {w.effect(a.effect)}"
                for a in c.asserts
            )
            or None,
        ),
    )
    yield from w.summary(c)
    yield from [w.prose(c.explanation), ""]


def _injuries(w: _Writer) -> Iterator[str]:
    for i in w.ds.injuries:
        yield from w.heading("injuries", i)
        yield from w.fields(
            ("Id", _id(i)),
            ("Also called", _aliases(i)),
            ("Muscles", w.links("muscles", i.muscles)),
            ("Evidence", _grade(i.evidence)),
            ("Sources", w.sources(i.sources)),
        )
        yield from w.summary(i)
        yield from [w.prose(i.description), ""]
        yield from w.findings("How common it is", i.occurrence)
        yield from w.findings("Risk factors", i.risk_factors)
        yield from w.findings("Prevention", i.prevention)
        yield from w.findings("Treatment", i.treatment)
        yield from w.findings("When to see a clinician", i.see_a_clinician)


def _recommendations(w: _Writer) -> Iterator[str]:
    ds = w.ds
    yield from w.overview(
        ("Recommendation", "Levels", "Evidence"),
        (
            (w.link("recommendations", r), _words(_sorted(r.levels)), _grade(r.evidence))
            for r in ds.recommendations
        ),
    )
    for r in ds.recommendations:
        d = r.dosage
        numbers = [
            f"{_days(d.days_per_week_min, d.days_per_week_max)} days a week"
            if d.days_per_week_min is not None or d.days_per_week_max is not None
            else "",
            f"{d.minutes} minutes" if d.minutes is not None else "",
            f"{d.sets} sets" if d.sets is not None else "",
            f"{_text(d.reps)} a set" if d.reps is not None else "",
        ]
        yield from w.heading("recommendations", r)
        yield from w.fields(
            ("Id", _id(r)),
            ("Dosage", w.prose(d.text)),
            ("In numbers", ", ".join(n for n in numbers if n) or None),
            ("Goals", _words(_sorted(r.goals))),
            ("Levels", _words(_sorted(r.levels))),
            ("Foot strike", w.links("strike_patterns", r.strike_patterns) or "any"),
            ("Exercises", w.links("exercises", r.exercises) if r.exercises else None),
            ("Muscles", w.links("muscles", r.muscles) if r.muscles else None),
            ("Injuries", w.links("injuries", r.injuries) if r.injuries else None),
            (
                "Not with",
                w.links("injuries", r.contraindications) if r.contraindications else None,
            ),
            ("Claims", w.links("claims", r.claims) if r.claims else None),
            ("Evidence", _grade(r.evidence)),
            ("Sources", w.sources(r.sources)),
        )
        yield from w.summary(r)
        yield from [w.prose(r.advice), ""]
        yield from [f"**Why.** {w.prose(r.rationale)}", ""]


def _days(low: int | None, high: int | None) -> str:
    if low is not None and high is not None and low != high:
        return f"{low} to {high}"
    return str(low if low is not None else high)


def _sources(w: _Writer) -> Iterator[str]:
    ds = w.ds
    kinds = collections.Counter(s.kind for s in ds.sources)
    yield ", ".join(f"{_word(k)}: {kinds[k]}" for k in runtone.SourceKind if kinds[k]) + "."
    yield ""
    for s in ds.sources:
        citing = ds.citing(s)
        yield f"(source-{s.id})="
        yield f"## {_text(w.cites[s.id])}"
        yield ""
        yield f"{_text(', '.join(s.authors)) + '. ' if s.authors else ''}*{_text(s.title)}*."
        yield ""
        yield from w.fields(
            ("Id", _id(s)),
            ("Kind", _word(s.kind)),
            ("Year", str(s.year) if s.year is not None else None),
            ("Published in", _text(s.publisher) if s.publisher else None),
            ("Volume", _text(s.volume) if s.volume else None),
            ("Pages", _text(s.pages) if s.pages else None),
            ("DOI", f"<https://doi.org/{s.doi}>" if s.doi else None),
            ("Web", f"<{s.url}>" if s.url else None),
            ("Note", w.prose(s.note) if s.note else None),
            ("Cited by", _citing(w, citing) if citing else "no record yet"),
        )
        yield from w.bullets("It cites", s.references)


def _citing(w: _Writer, records: Iterable[object]) -> str:
    by_type = {
        runtone.Muscle: "muscles",
        runtone.Injury: "injuries",
        runtone.Exercise: "exercises",
        runtone.Claim: "claims",
        runtone.Recommendation: "recommendations",
        runtone.Term: "terms",
        runtone.TrainingRule: "training_rules",
    }
    links = []
    for record in records:
        if isinstance(record, runtone.StrideEffect):
            links.append(w.effect(record))
        else:
            links.append(w.link(by_type[type(record)], record))  # type: ignore[arg-type]
    return ", ".join(links)


def _terms(w: _Writer) -> Iterator[str]:
    yield from w.overview(
        ("Term", "Also written", "Evidence"),
        ((w.link("terms", t), _aliases(t) or "", _grade(t.evidence)) for t in w.ds.terms),
    )
    for t in w.ds.terms:
        yield from w.heading("terms", t)
        yield from w.fields(
            ("Id", _id(t)),
            ("Also written", _aliases(t)),
            ("Evidence", _grade(t.evidence)),
            ("Sources", w.sources(t.sources)),
        )
        yield from [w.prose(t.definition), ""]


def _training_rules(w: _Writer) -> Iterator[str]:
    yield from w.overview(
        ("Rule", "Numbers", "Evidence"),
        (
            (w.link("training_rules", r), str(len(r.parameters)), _grade(r.evidence))
            for r in w.ds.training_rules
        ),
    )
    for r in w.ds.training_rules:
        yield from w.heading("training_rules", r)
        yield from w.fields(
            ("Id", _id(r)),
            ("Also called", _aliases(r)),
            ("Evidence", _grade(r.evidence)),
            ("Rests on", "coaching convention" if r.convention else "research"),
            ("Sources", w.sources(r.sources)),
        )
        yield from w.summary(r)
        yield from [f"**The rule.** {w.prose(r.statement)}", ""]
        if r.parameters:
            yield from w.overview(
                ("Parameter", "Value", "Unit"),
                ((f"`{p.name}`", str(p.value), _escape(p.unit)) for p in r.parameters),
            )
        yield from [f"**Evidence.** {w.prose(r.detail)}", ""]


def _collections(w: _Writer) -> Iterator[str]:
    pages = {
        "muscles": "muscles",
        "exercises": "exercises",
        "strike_patterns": "strike-patterns",
        "stride_effects": "stride-effects",
        "claims": "claims",
        "injuries": "injuries",
        "recommendations": "recommendations",
        "sources": "sources",
        "terms": "terms",
        "training_rules": "training-rules",
    }
    yield from w.overview(
        ("Collection", "Records", "Page"),
        (
            (
                f"`{name}`",
                str(len(getattr(w.ds, name))),
                "{doc}`" + pages[name] + "`",
            )
            for name in pages
        ),
    )


# --- the JSON formats -----------------------------------------------------------------


def attribute_docs(cls: type) -> dict[str, str]:
    """The ``Attributes:`` section of a class docstring, one text per attribute."""
    docs: dict[str, str] = {}
    lines = inspect.cleandoc(cls.__doc__ or "").splitlines()
    if "Attributes:" not in lines:
        return docs
    current = ""
    for line in lines[lines.index("Attributes:") + 1 :]:
        if line and not line.startswith(" "):
            break
        match = re.fullmatch(r" {4}(\w+): (.*)", line)
        if match:
            current = match.group(1)
            docs[current] = match.group(2)
        elif line.strip() and current:
            docs[current] += " " + line.strip()
    return docs


def _schema_type(schema: dict[str, object], *, many: bool = False) -> str:  # noqa: PLR0911
    """What a schema accepts, in words (``many``: as the items of an array)."""
    if "anyOf" in schema:
        options = schema["anyOf"]
        assert isinstance(options, list)  # noqa: S101 - the shape of our own schemas
        return " or ".join(_schema_type(o) for o in options)
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return f"{_ref(f'format-{name.lower()}', name)} object{'s' if many else ''}"
    if "enum" in schema:
        values = schema["enum"]
        assert isinstance(values, list)  # noqa: S101
        return ("values from " if many else "one of ") + ", ".join(f"`{v}`" for v in values)
    kind = schema.get("type")
    if kind == "array":
        items = schema["items"]
        assert isinstance(items, dict)  # noqa: S101
        least = ", at least one," if schema.get("minItems") else ""
        return f"array{least} of {_schema_type(items, many=True)}"
    if "description" in schema:  # a reference: "The id of a record in muscles."
        target = str(schema["description"]).removeprefix("The id of ").rstrip(".")
        if many:
            return "ids of " + target.replace("a record", "records").replace("another", "other")
        return "the id of " + target
    if kind == "string":
        if "maxLength" in schema:
            return "ids" if many else "an id"
        return "texts" if many else "text"
    return f"{kind}s" if many else str(kind)


_LITERAL = re.compile(r"``(.+?)``|:\w+:`~?(?:[\w.]+\.)?([\w]+)`")
#: Python literals in the docstrings, as JSON writes them.
_JSON = {"None": "null", "()": "[]", "True": "true", "False": "false"}


def _meaning(doc: str) -> str:
    """An attribute's docstring as Markdown, its Python literals in JSON terms."""
    out: list[str] = []
    position = 0
    for match in _LITERAL.finditer(doc):
        literal = match.group(1) or match.group(2)
        out += [_escape(doc[position : match.start()]), f"`{_JSON.get(literal, literal)}`"]
        position = match.end()
    out.append(_escape(doc[position:]))
    return "".join(out)


def _formats(w: _Writer) -> Iterator[str]:  # noqa: ARG001 - every block takes the writer
    schemas = files(runtone) / "data" / "schema"
    done: set[str] = set()
    for collection in _loader.COLLECTIONS:
        schema = json.loads((schemas / f"{collection.name}.schema.json").read_text("utf-8"))
        yield f"({LABELS[collection.name]}-format)="
        yield f"### `{collection.file}`"
        yield ""
        yield (
            f"An array of `{collection.record.__name__}` records "
            f"(schema: `schema/{collection.name}.schema.json`; "
            f"records: {{doc}}`dataset/{collection.name.replace('_', '-')}`)."
        )
        yield ""
        for name, definition in schema["$defs"].items():
            if name in done:
                continue
            done.add(name)
            yield from _definition(name, definition)


def _definition(name: str, definition: dict[str, object]) -> Iterator[str]:
    cls = getattr(runtone, name)
    meaning = attribute_docs(cls)
    properties = definition["properties"]
    required = definition["required"]
    assert isinstance(properties, dict)  # noqa: S101
    assert isinstance(required, list)  # noqa: S101
    yield f"(format-{name.lower()})="
    yield f"#### {name}"
    yield ""
    yield f"{_text(str(definition['description']))} See {{class}}`runtone.{name}`."
    yield ""
    yield "| Field | Type | Required | Meaning |"
    yield "|---|---|---|---|"
    for field, schema in properties.items():
        yield (
            f"| `{field}` | {_schema_type(schema)} | {'yes' if field in required else 'no'} "
            f"| {_meaning(meaning[field])} |"
        )
    yield ""


# --- pictures and the command line ----------------------------------------------------


def _picture(svg: str, caption: str) -> Iterator[str]:
    """An SVG from :func:`runtone.diagram`, inline, with a caption written from the data."""
    yield "```{raw} html"
    yield '<figure class="runtone-diagram">'
    yield svg
    yield f"<figcaption>{html.escape(caption)}</figcaption>"
    yield "</figure>"
    yield "```"


def _picture_foot_strike(w: _Writer) -> Iterator[str]:
    change = runtone.compare_strikes("heel", "forefoot", dataset=w.ds)
    more = [r.muscle.name for r in change.muscles if r.direction is runtone.Direction.MORE]
    less = [r.muscle.name for r in change.muscles if r.direction is runtone.Direction.LESS]
    caption = (
        f"From {change.a.name.lower()} to {change.b.name.lower()}: more work for "
        f"{', '.join(more)}; less for {', '.join(less)} (orange: more, blue: less)."
    )
    yield from _picture(runtone.diagram(change, dataset=w.ds), caption)


def _picture_gait(w: _Writer) -> Iterator[str]:
    timed = [m for m in w.ds.muscles if m.activity]
    names = ", ".join(m.name for m in timed)
    caption = (
        f"When in the gait cycle the studies found {names} working (0% and 100%: the "
        "same foot touches down); muscles no study times are left out."
    )
    yield from _picture(runtone.gait_chart(dataset=w.ds), caption)


def _picture_exercise(w: _Writer) -> Iterator[str]:
    exercise = w.ds.exercise("single-leg-deadlift")
    roles = "; ".join(f"{t.muscle.name} ({_word(t.role)})" for t in exercise.targets)
    yield from _picture(runtone.diagram(exercise, dataset=w.ds), f"{exercise.name}: {roles}.")


#: The runner of the "profile and plan" guide, whose first week is drawn there.
PLAN_RUNNER: runtone.ProfileFields = {
    "level": "intermediate",
    "goals": ["speed"],
    "weak_muscles": ["glutes"],
    "past_injuries": ["shin splints"],
    "equipment": ["resistance_band"],
    "running_days": 4,
    "strength_days": 2,
    "minutes_per_session": 45,
}


def _picture_week(w: _Writer) -> Iterator[str]:
    runner = runtone.Profile.in_dataset(w.ds, **PLAN_RUNNER)
    week = runtone.plan(runner, dataset=w.ds).weeks[0]
    yield from _picture(
        runtone.diagram(week, dataset=w.ds),
        "The muscles the first week of this plan works, each in the strongest role any "
        "of its sessions gives it.",
    )


def _cli(w: _Writer) -> Iterator[str]:  # noqa: ARG001 - every block takes the writer
    """The ``--help`` of ``runtone`` and of each command, as the parser prints it."""
    parser = runtone_cli._parser()  # noqa: SLF001 - the docs show the real parser's help
    yield "## `runtone`"
    yield ""
    yield from _help(parser.format_help())
    for name, sub in runtone_cli._commands(parser).items():  # noqa: SLF001 - every one, built
        yield f"## `runtone {name}`"
        yield ""
        yield from _help(sub.format_help())


def _help(text: str) -> Iterator[str]:
    yield "```text"
    yield text.rstrip()
    yield "```"
    yield ""


# --- fact checks of the seed articles ---------------------------------------------------

#: Where the statement maps live: one ``<source-id>.json`` per seed article.
FACT_CHECKS = Path(__file__).resolve().parent.parent / "fact-checks"
#: The collection each record prefix of a statement map names, e.g. ``claim:<id>``.
_PREFIXES = {label: name for name, label in LABELS.items() if name != "sources"}
#: How the pages name the verdict of a record that is not a claim.
AS_FACT = "stated as fact"
ARTICLE_WORD = "the article's word only"


def fact_check_map(article: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The statements of one article's map: (runtone's wording, [(collection, id), ...]).

    Args:
        article: The source id of the article, which names its file in ``FACT_CHECKS``.

    Returns:
        The statements in the article's order, each with the records that hold it,
        the first of which gives the verdict.

    Raises:
        ValueError: If the file is missing, names another article, or a statement has
            no wording, no record, or a record reference without a known prefix.
    """
    path = FACT_CHECKS / f"{article}.json"
    if not path.exists():
        raise ValueError(f"{path}: no fact check for article {article!r}")
    data = json.loads(path.read_text("utf-8"))
    if data.get("article") != article:
        raise ValueError(f"{path}: 'article' is {data.get('article')!r}, expected {article!r}")
    statements: list[tuple[str, list[tuple[str, str]]]] = []
    for number, item in enumerate(data.get("statements", []), 1):
        where = f"{path}: statement {number}"
        says, records = item.get("says"), item.get("records")
        if not isinstance(says, str) or not says.strip():
            raise ValueError(f"{where}: 'says' must be a non-empty text")
        if not isinstance(records, list) or not records:
            raise ValueError(f"{where}: 'records' must list at least one record")
        refs: list[tuple[str, str]] = []
        for ref in records:
            prefix, _, ident = str(ref).partition(":")
            if prefix not in _PREFIXES or not ident:
                known = ", ".join(sorted(_PREFIXES))
                raise ValueError(f"{where}: {ref!r} is not <prefix>:<id> (prefixes: {known})")
            refs.append((_PREFIXES[prefix], ident))
        statements.append((says, refs))
    if not statements:
        raise ValueError(f"{path}: no statements listed")
    return statements


def _verdict(record: object) -> tuple[str, str]:
    """The verdict a statement gets from the record that holds it: (words, label)."""
    if isinstance(record, runtone.Claim):
        return _word(record.verdict), f"verdict-{record.verdict.value}"
    evidence: runtone.EvidenceGrade = getattr(record, "evidence")  # noqa: B009 - every record kind has one
    if evidence is runtone.EvidenceGrade.POPULAR:
        return ARTICLE_WORD, "fact-check-verdicts"
    return AS_FACT, "fact-check-verdicts"


def _resolve(w: _Writer, article: str) -> list[tuple[str, list[tuple[str, _Record]]]]:
    resolved = []
    for number, (says, refs) in enumerate(fact_check_map(article), 1):
        records: list[tuple[str, _Record]] = []
        for collection, ident in refs:
            found = [r for r in getattr(w.ds, collection) if r.id == ident]
            if not found:
                raise ValueError(
                    f"{article}: statement {number} names unknown {collection} {ident!r}"
                )
            records.append((collection, found[0]))
        resolved.append((says, records))
    return resolved


def _tally(statements: Iterable[tuple[str, list[tuple[str, _Record]]]]) -> str:
    counts = collections.Counter(_verdict(records[0][1])[0] for _, records in statements)
    order = [_word(v) for v in runtone.Verdict] + [AS_FACT, ARTICLE_WORD]
    return ", ".join(f"{name} {counts[name]}" for name in order if counts[name])


def _fact_check(w: _Writer, article: str) -> Iterator[str]:
    source = w.ds.source(article)
    statements = _resolve(w, article)
    yield from w.fields(
        ("Article", w.source(source)),
        ("Statements", str(len(statements))),
        ("Verdicts", _tally(statements)),
    )
    yield from w.overview(
        ("#", "What the article says, in runtone's words", "Verdict", "Held by"),
        (
            (
                str(number),
                _text(says),
                "**" + _ref(_verdict(records[0][1])[1], _verdict(records[0][1])[0]) + "**",
                ", ".join(w.link(collection, record) for collection, record in records),
            )
            for number, (says, records) in enumerate(statements, 1)
        ),
    )


def _plain(title: str) -> str:
    """A title as the text of a role, which MyST shows as it stands (no escaping)."""
    return " ".join(title.split()).replace("`", "'").replace("<", "(").replace(">", ")")


def _fact_checks(w: _Writer) -> Iterator[str]:
    kinds = {runtone.SourceKind.POPULAR_ARTICLE, runtone.SourceKind.MEDICALLY_REVIEWED_ARTICLE}
    made = {source for claim in w.ds.claims for source in claim.made_by}
    articles = [s for s in w.ds.sources if s.kind in kinds and s in made]  # the fact-checked
    rows = []
    for source in articles:
        statements = _resolve(w, source.id)
        rows.append(
            (
                "{doc}`" + _plain(source.title) + " <" + source.id + ">`",
                str(len(statements)),
                _tally(statements),
            )
        )
    yield from w.overview(("Article", "Statements", "Verdicts"), rows)


# --- substitutions and wiring ---------------------------------------------------------

#: Every block a page can ask for with ``% runtone: <name>``.
BLOCKS: dict[str, Callable[[_Writer], Iterable[str]]] = {
    "muscles": _muscles,
    "exercises": _exercises,
    "strike_patterns": lambda w: _effects(w, "strike_patterns"),
    "stride_effects": lambda w: _effects(w, "stride_effects"),
    "claims": _claims,
    "injuries": _injuries,
    "recommendations": _recommendations,
    "sources": _sources,
    "terms": _terms,
    "training_rules": _training_rules,
    "collections": _collections,
    "formats": _formats,
    "picture_foot_strike": _picture_foot_strike,
    "picture_exercise": _picture_exercise,
    "picture_gait": _picture_gait,
    "picture_week": _picture_week,
    "cli": _cli,
    "fact_checks": _fact_checks,
}


def _substitutions(app: Sphinx, config: Config) -> None:  # noqa: ARG001 - Sphinx's signature
    ds = runtone.load()
    values: dict[str, object] = dict(config.myst_substitutions)
    values["data_version"] = runtone.DATA_VERSION
    for name in LABELS:
        values[name] = len(getattr(ds, name))
    values["primary_muscles"] = len({t.muscle for e in ds.exercises for t in e.targets})
    config.myst_substitutions = values


def _data_files() -> list[str]:
    data = files(runtone) / "data"
    return [str(Path(str(data)) / c.file) for c in _loader.COLLECTIONS]


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not _MARKER.search(source[0]):
        return
    writer = _Writer(runtone.load())
    for path in _data_files():  # the page changes with the data
        if Path(path).exists():
            app.env.note_dependency(path)

    def expand(match: re.Match[str]) -> str:
        if match.group(1) == "fact_check":
            app.env.note_dependency(str(FACT_CHECKS / f"{match.group(2)}.json"))
            return "\n".join(_fact_check(writer, str(match.group(2))))
        if match.group(1) == "fact_checks":
            for path in sorted(FACT_CHECKS.glob("*.json")):
                app.env.note_dependency(str(path))
        block = BLOCKS.get(match.group(1))
        if block is None:
            known = ", ".join(sorted(BLOCKS))
            raise ValueError(f"{docname}: unknown block {match.group(1)!r} (known: {known})")
        return "\n".join(block(writer))

    source[0] = _MARKER.sub(expand, source[0])


def setup(app: Sphinx) -> dict[str, object]:
    """Register the extension with Sphinx."""
    app.connect("config-inited", _substitutions)
    app.connect("source-read", _source_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
