"""The consistency rules hold over runtone's data, and catch a pack that breaks any of them.

Each rule (runtone._rules; docs/concepts.md, "Consistency rules") gets a property: a
pack that breaks it in a record Hypothesis picks is caught, at that record and field,
both by the checker over the loaded dataset and by ``runtone validate``, which names the
pack's file.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import runtone
from _support import examples, read_raw
from runtone import EvidenceGrade, Level, SourceKind
from runtone._packs import check
from runtone._rules import MENTION, RULES, check_consistency
from runtone.cli import main

DS = runtone.load()
RAW: dict[str, list[dict[str, Any]]] = read_raw()
POPULAR = next(s.id for s in DS.sources if s.kind is SourceKind.POPULAR_ARTICLE)
STUDY = next(s.id for s in DS.sources if s.kind is SourceKind.PEER_REVIEWED_STUDY)
TREATMENT_ONLY = sorted(s.id for s in DS.sources if s.condition is not None)
GRADES = [g.value for g in EvidenceGrade if g is not EvidenceGrade.POPULAR]
ABOVE_BEGINNER = sorted(e.id for e in DS.exercises if e.level is not Level.BEGINNER)
FEW = settings(max_examples=examples(0.2))

#: A broken pack: the records it overrides by collection, and where the rule must fire.
Broken = tuple[dict[str, list[dict[str, Any]]], tuple[str, str, str, str]]


def _raw(collection: str, ident: str) -> dict[str, Any]:
    (record,) = [r for r in RAW[collection] if r["id"] == ident]
    copy: dict[str, Any] = json.loads(json.dumps(record))  # a deep copy
    return copy


def _caught(broken: Broken) -> None:
    """The pack is caught by the checker and by check() (validate), where expected."""
    records, (collection, record, field, rule) = broken
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder)
        for name, rows in records.items():
            (pack / f"{name}.json").write_text(json.dumps(rows), "utf-8")
        overrides = {
            n: [r["id"] for r in rows if r["id"] in DS_IDS[n]] for n, rows in records.items()
        }
        (pack / "pack.json").write_text(json.dumps({"overrides": overrides}), "utf-8")
        found = check_consistency(runtone.load(packs=[pack]))
        assert (collection, record, field, rule) in [
            (p.collection, p.record, p.field, p.rule) for p in found
        ]
        report = check([pack])
        assert report.dataset is None
        assert (f"{pack}/{collection}.json", record, field) in [
            (str(e.file), e.record, e.field) for e in report.errors
        ]
        assert any(f"breaks rule {rule!r}" in e.problem for e in report.errors)


DS_IDS = {name: {r["id"] for r in rows} for name, rows in RAW.items()}


# --- runtone's own data -------------------------------------------------------------


def test_the_packaged_data_keeps_every_rule() -> None:
    assert check_consistency(DS) == ()


def test_the_packaged_data_validates_with_the_rules() -> None:
    assert check([]).errors == ()


def test_the_texts_do_mention_ids_the_rule_checks() -> None:
    # Guards the mentioned-id rule against a syntax that matches nothing in the data.
    mentions = [m for r in RAW["muscles"] for m in MENTION.findall(json.dumps(r))]
    assert len(mentions) > 10
    assert set(mentions) <= {s.id for s in DS.sources}


def test_statements_graded_popular_are_shown_as_popular() -> None:
    # The popular-only rule makes the grade say so; the text a runner reads shows it.
    for effect in (*DS.strike_patterns, *DS.stride_effects):
        text = " ".join(runtone.to_text(effect).split())
        grades = [r.evidence for r in effect.muscle_effects]
        grades += [j.evidence for j in effect.joint_loads]
        grades += [f.evidence for f in (*effect.considerations, *effect.how_to_change)]
        popular = grades.count(EvidenceGrade.POPULAR)
        assert text.count("[popular: ") == popular, effect.id
    for exercise in DS.exercises:
        shown = "evidence: popular" in " ".join(runtone.to_text(exercise).split())
        assert shown is (exercise.evidence is EvidenceGrade.POPULAR), exercise.id


def test_treatment_only_studies_are_marked_and_cited_as_treatment() -> None:
    # The studies the review found filed under prevention: now marked by their condition.
    assert set(TREATMENT_ONLY) >= {
        "itbs-abductor-trial",
        "beers-2008",
        "nascimento-2018",
        "lack-2015",
        "diebal-2012",
    }
    for source in TREATMENT_ONLY:
        condition = DS.source(source).condition
        assert condition is not None
        treated = {s.id for f in DS.injury(condition).treatment for s in f.sources}
        assert source in treated, source


# --- each rule catches a pack that breaks it ----------------------------------------


@FEW
@given(st.sampled_from([r["id"] for r in RAW["exercises"]]), st.sampled_from(GRADES))
def test_popular_only_catches_an_exercise_graded_above_its_articles(ident: str, grade: str) -> None:
    record = _raw("exercises", ident)
    record.update(sources=[POPULAR], evidence=grade)
    _caught(({"exercises": [record]}, ("exercises", ident, "evidence", "popular-only")))


ROWS = [
    (name, r["id"], i)
    for name in ("strike_patterns", "stride_effects")
    for r in RAW[name]
    for i in range(len(r.get("muscle_effects", [])))
]


@FEW
@given(st.sampled_from(ROWS), st.sampled_from(GRADES))
def test_popular_only_catches_a_direction_graded_above_its_articles(
    row: tuple[str, str, int], grade: str
) -> None:
    name, ident, i = row
    record = _raw(name, ident)
    record["muscle_effects"][i].update(sources=[POPULAR], evidence=grade)
    field = f"muscle_effects[{i}].evidence"
    _caught(({name: [record]}, (name, ident, field, "popular-only")))


ASSERTED = [(c.id, i) for c in DS.claims for i in range(len(c.asserts))]


@FEW
@given(st.sampled_from(ASSERTED), st.sampled_from(GRADES))
def test_one_grade_catches_a_claim_graded_apart_from_its_row(
    asserted: tuple[str, int], grade: str
) -> None:
    ident, i = asserted
    assertion = DS.claim(ident).asserts[i]
    (row,) = [e for e in assertion.effect.muscle_effects if e.muscle == assertion.muscle]
    if grade == row.evidence.value:
        grade = EvidenceGrade.POPULAR.value
    record = _raw("claims", ident)
    # Cite the row's own source, so that the two grade the same source and finding.
    extra = [s for s in (row.sources[0].id, STUDY) if s not in record["sources"]]
    record["sources"] = [*record["sources"], *extra]
    record["evidence"] = grade
    _caught(({"claims": [record]}, ("claims", ident, "evidence", "one-grade")))


def test_one_grade_catches_a_recommendation_graded_apart_from_its_claim() -> None:
    ident = "start-slowly-build-to-30-minutes"
    record = _raw("recommendations", ident)
    record["evidence"] = "cohort"  # the review found the claim rct, the advice cohort
    _caught(({"recommendations": [record]}, ("recommendations", ident, "evidence", "one-grade")))


@FEW
@given(
    st.sampled_from([r["id"] for r in RAW["recommendations"]]),
    st.lists(st.sampled_from(ABOVE_BEGINNER), min_size=1, max_size=3, unique=True),
)
def test_level_catches_beginner_advice_with_no_beginner_exercise(
    ident: str, exercises: list[str]
) -> None:
    record = _raw("recommendations", ident)
    record.update(levels=["beginner", "intermediate"], exercises=exercises)
    _caught(({"recommendations": [record]}, ("recommendations", ident, "levels", "level")))


@FEW
@given(st.sampled_from([r["id"] for r in RAW["injuries"]]), st.sampled_from(TREATMENT_ONLY))
def test_prevention_catches_a_treatment_only_study(ident: str, source: str) -> None:
    record = _raw("injuries", ident)
    record["prevention"] = [
        *record["prevention"],
        {"text": "Strengthening helped.", "evidence": "rct", "sources": [source]},
    ]
    field = f"prevention[{len(record['prevention']) - 1}].sources[0]"
    _caught(({"injuries": [record]}, ("injuries", ident, field, "prevention")))


@FEW
@given(
    st.sampled_from([r["id"] for r in RAW["muscles"]]),
    st.from_regex(r"[a-z]{3,8}-[0-9]{4}-zz", fullmatch=True),
)
def test_mentioned_id_catches_a_citation_of_no_record(ident: str, missing: str) -> None:
    record = _raw("muscles", ident)
    record["role"] = f"{record['role']} A study found so [{missing}]."
    _caught(({"muscles": [record]}, ("muscles", ident, "role", "mentioned-id")))


@FEW
@given(st.sampled_from([r["id"] for r in RAW["muscles"]]))
def test_mentioned_id_catches_a_citation_of_a_source_the_record_does_not_cite(
    ident: str,
) -> None:
    record = _raw("muscles", ident)
    cited = {s.id for s in DS.muscle(ident).sources} | {
        s.id for f in DS.muscle(ident).findings for s in f.sources
    }
    other = next(s.id for s in DS.sources if s.id not in cited)
    record["role"] = f"{record['role']} A study found so [{other}]."
    _caught(({"muscles": [record]}, ("muscles", ident, "role", "mentioned-id")))


def test_mentioned_id_catches_a_condition_that_is_no_injury() -> None:
    record = _raw("sources", "lack-2015")
    record["condition"] = "runners-knee"
    _caught(({"sources": [record]}, ("sources", "lack-2015", "condition", "mentioned-id")))


def test_every_rule_has_a_property_here() -> None:
    names = set(RULES)
    caught: set[str] = set()
    for name, value in globals().items():
        if name.startswith("test_") and callable(value) and "catches" in name:
            caught.add(name.split("_catches")[0].removeprefix("test_").replace("_", "-"))
    assert caught == names


# --- runtone validate ---------------------------------------------------------------


def _validate(pack: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["validate", str(pack)], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_validate_reports_a_broken_rule(tmp_path: Path) -> None:
    record = _raw("recommendations", "raise-step-rate")
    record["exercises"] = ["forefoot-strike-retraining"]
    (tmp_path / "recommendations.json").write_text(json.dumps([record]), "utf-8")
    manifest = {"overrides": {"recommendations": ["raise-step-rate"]}}
    (tmp_path / "pack.json").write_text(json.dumps(manifest), "utf-8")
    code, out, err = _validate(tmp_path)
    assert (code, out) == (1, "")
    assert f"{tmp_path}/recommendations.json: record 'raise-step-rate': field 'levels'" in err
    assert "breaks rule 'level'" in err
    # A pack that keeps the rules is valid.
    record["exercises"] = ["cadence-drill"]
    (tmp_path / "recommendations.json").write_text(json.dumps([record]), "utf-8")
    assert _validate(tmp_path)[0] == 0
