"""The content says what the research says, covers the articles, and is written fresh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Protocol

import pytest

import runtone
from _support import require
from runtone import Direction, EvidenceGrade, SourceKind, StrideCategory, Verdict

DS = runtone.load()
ROOT = Path(__file__).resolve().parent.parent
OVERLAP = ROOT.parent / "shared" / "tools" / "overlap.py"
ARTICLES = {SourceKind.POPULAR_ARTICLE, SourceKind.MEDICALLY_REVIEWED_ARTICLE}


def _effect(pattern: str, muscle: str) -> runtone.MuscleEffect:
    record = DS.get_strike_pattern(pattern) or DS.stride_effect(pattern)
    (effect,) = [e for e in record.muscle_effects if e.muscle.id == muscle]
    return effect


def test_no_sentence_is_copied_from_the_seed_articles() -> None:
    require(OVERLAP.exists(), "../shared/tools/overlap.py (beside the repository)")
    targets = [p for p in ("src/runtone/data", "README.md", "docs") if (ROOT / p).exists()]
    result = subprocess.run(
        [sys.executable, str(OVERLAP), *targets],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 copied run(s) of 8+ words")


def test_heel_strike_loads_the_quadriceps_more_citing_research() -> None:
    heel = runtone.strike_pattern("heel")
    assert heel.id == "rearfoot-strike"
    quads = _effect("rearfoot-strike", "quadriceps")
    assert quads.direction is Direction.MORE
    assert quads.evidence >= EvidenceGrade.LAB
    assert any(s.kind not in ARTICLES for s in quads.sources)
    assert heel.baseline_id == "forefoot-strike"


def test_forefoot_strike_loads_calves_more_and_quadriceps_less() -> None:
    assert _effect("forefoot-strike", "calves").direction is Direction.MORE
    assert _effect("forefoot-strike", "quadriceps").direction is Direction.LESS
    assert runtone.strike_pattern("forefoot").baseline_id == "rearfoot-strike"


def test_heel_and_forefoot_mirror_each_other() -> None:
    heel = {e.muscle.id: e.direction for e in DS.strike_pattern("rearfoot").muscle_effects}
    fore = {e.muscle.id: e.direction for e in DS.strike_pattern("forefoot").muscle_effects}
    # The same muscles on both sides (an intersection could be empty and check nothing).
    assert heel.keys() == fore.keys()
    assert len(heel) >= 5
    for muscle, direction in heel.items():
        assert direction is fore[muscle].mirror, muscle


def test_the_three_strike_patterns_exist() -> None:
    assert [p.id for p in DS.strike_patterns] == [
        "rearfoot-strike",
        "midfoot-strike",
        "forefoot-strike",
    ]
    for pattern in DS.strike_patterns:
        assert pattern.category is StrideCategory.FOOT_STRIKE
        assert pattern.joint_loads, pattern.id
        assert pattern.considerations, pattern.id


def test_contradicted_claims_are_not_restated_as_fact() -> None:
    contradicted = [c for c in DS.claims if c.verdict is Verdict.CONTRADICTED]
    assert {"forefoot-works-quadriceps", "sprints-hiit-preserve-muscle"} <= {
        c.id for c in contradicted
    }
    checked = set()
    for claim in contradicted:
        for assertion in claim.asserts:
            for effect in assertion.effect.muscle_effects:
                if effect.muscle == assertion.muscle:
                    assert effect.direction is not assertion.direction, claim.id
                    checked.add(claim.id)
    # The article's claim on forefoot strike and the quadriceps is one the data can check.
    assert "forefoot-works-quadriceps" in checked
    for recommendation in DS.recommendations:
        for claim in recommendation.claims:
            assert claim.verdict is not Verdict.CONTRADICTED, recommendation.id


def test_the_article_claim_on_foot_strike_is_recorded_with_verdicts() -> None:
    assert DS.claim("forefoot-works-quadriceps").verdict is Verdict.CONTRADICTED
    assert DS.claim("forefoot-works-calves").verdict is Verdict.SUPPORTED
    assert DS.claim("heel-strike-works-shins").verdict is Verdict.PARTLY
    assert DS.claim("heel-strike-works-hamstrings").verdict is Verdict.PARTLY


def test_claims_are_made_by_the_articles() -> None:
    for claim in DS.claims:
        assert claim.made_by, claim.id
        assert all(s.kind in ARTICLES for s in claim.made_by), claim.id
        assert len(claim.explanation) > 40, claim.id


class _Graded(Protocol):
    @property
    def evidence(self) -> EvidenceGrade: ...
    @property
    def sources(self) -> tuple[runtone.Source, ...]: ...


def test_popular_grades_rest_on_articles_and_research_grades_on_research() -> None:
    graded: list[tuple[str, _Graded]] = []
    for collection in (DS.muscles, DS.injuries, DS.exercises, DS.claims, DS.recommendations):
        graded += [(record.id, record) for record in collection]
    for effect in (*DS.strike_patterns, *DS.stride_effects):
        graded.append((effect.id, effect))
        graded += [(f"{effect.id}: {e.muscle.id}", e) for e in effect.muscle_effects]
        graded += [(f"{effect.id}: {j.structure.value}", j) for j in effect.joint_loads]
    for label, item in graded:
        if item.evidence is EvidenceGrade.POPULAR:
            assert any(s.kind in ARTICLES for s in item.sources), label
        else:
            assert any(s.kind not in ARTICLES for s in item.sources), label


def test_unsupported_article_effects_carry_only_the_article_and_the_lowest_grade() -> None:
    peroneals = _effect("toes-out", "peroneals")
    assert peroneals.evidence is EvidenceGrade.POPULAR
    assert all(s.kind in ARTICLES for s in peroneals.sources)
    assert DS.claim("toes-out-works-peroneals").verdict is Verdict.UNCLEAR


def test_the_adductor_claim_rests_on_the_running_model_that_measured_them() -> None:
    # A running model (lenhart-2014-hip) gives adductor forces in stance and swing, so
    # the claim is no longer "no study found": it is partly borne out, on lab evidence.
    claim = DS.claim("adductors-stabilize-stride")
    assert claim.verdict is Verdict.PARTLY
    assert claim.evidence is EvidenceGrade.LAB
    assert "lenhart-2014-hip" in {s.id for s in claim.sources}


@pytest.mark.parametrize(
    "key",
    [
        "squats",
        "lunges",
        "walking lunges",
        "calf raises",
        "deadlift",
        "leg press",
        "single-leg hamstring curl",
        "single-leg deadlift",
        "foam rolling",
        "lateral side steps",
        "band walks",
        "single-leg squat",
        "side leg lifts",
        "skipping",
        "squat jumps",
        "interval running",
        "HIIT running",
        "sprints",
        "hill sprints",
        "uphill running",
        "downhill running",
        "easy long run",
        "speed walking",
        "cycling",
        "stair climbing",
    ],
)
def test_every_exercise_the_articles_name_exists(key: str) -> None:
    exercise = DS.get_exercise(key)
    assert exercise is not None, key
    assert exercise.targets
    assert exercise.steps


@pytest.mark.parametrize(
    "key",
    [
        "shin splints",
        "medial tibial stress syndrome",
        "iliotibial band syndrome",
        "IT band syndrome",
        "patellofemoral pain",
        "runner's knee",
        "ankle sprain",
        "low back pain",
        "exertional compartment syndrome",
    ],
)
def test_every_injury_exists(key: str) -> None:
    assert DS.get_injury(key) is not None, key


def test_other_stride_effects_exist() -> None:
    for key in ("overstriding", "higher cadence", "uphill", "downhill", "sprinting", "toes out"):
        assert DS.get_stride_effect(key) is not None, key


def test_every_muscle_named_anywhere_exists_and_groups_have_parts() -> None:
    groups_with_parts = {"quadriceps", "hamstrings", "glutes", "hip-flexors", "calves"}
    for group in groups_with_parts:
        assert DS.parts(DS.muscle(group)), group


def test_recommendations_cover_the_articles_advice() -> None:
    strength = DS.recommendation("combine-running-and-strength")
    assert strength.dosage.days_per_week_min == 2
    assert strength.dosage.days_per_week_max == 3
    start = DS.recommendation("start-slowly-build-to-30-minutes")
    # ACSM: running is vigorous exercise, for which the target is 20 minutes on 3 days.
    assert start.dosage.minutes == 20
    assert start.dosage.days_per_week_min == 3
    assert runtone.Level.BEGINNER in start.levels
    hips = DS.recommendation("strengthen-hips-and-glutes")
    assert {i.id for i in hips.injuries} >= {"patellofemoral-pain", "iliotibial-band-syndrome"}


# Issue 14, section 1: verdicts that said "no study found" although studies exist.
@pytest.mark.parametrize(
    ("claim_id", "verdict", "source_id"),
    [
        ("running-builds-bone-density", Verdict.PARTLY, "nikander-2010"),
        ("leg-training-boosts-hormones", Verdict.PARTLY, "west-2010"),
        ("running-boosts-metabolism", Verdict.PARTLY, "laforgia-2006"),
        ("micro-tears-build-muscle", Verdict.CONTRADICTED, "damas-2016"),
        ("more-muscle-burns-more-at-rest", Verdict.PARTLY, "hunter-2008"),
        ("running-builds-endurance-not-size", Verdict.PARTLY, "wilson-2012"),
        ("leg-strength-reduces-injury-risk", Verdict.PARTLY, "lauersen-2014"),
        ("forefoot-works-calves", Verdict.SUPPORTED, "shod-barefoot-power-2012"),
        ("forefoot-works-quadriceps", Verdict.CONTRADICTED, "subasinghe-arachchige-2025"),
    ],
)
def test_regraded_claims_rest_on_the_studies_found(
    claim_id: str, verdict: Verdict, source_id: str
) -> None:
    claim = DS.claim(claim_id)
    assert claim.verdict is verdict
    assert claim.evidence is not EvidenceGrade.POPULAR
    assert source_id in {s.id for s in claim.sources}


def test_unclear_claims_keep_what_was_searched_for_in_their_note() -> None:
    # Issue 14, section 5: the search behind an unclear or popular-only verdict is
    # for maintainers, in the note; the explanation a runner reads says no more
    # than the state of the evidence.
    for claim in DS.claims:
        if claim.verdict is Verdict.UNCLEAR or claim.evidence is EvidenceGrade.POPULAR:
            assert claim.note is not None, claim.id
            assert "searched" in claim.note.lower(), claim.id
            assert "looked for" not in claim.explanation, claim.id


# Issue 14, section 6: references complete, or their notes say what is not confirmed.
def test_no_source_has_a_placeholder_title() -> None:
    for source in DS.sources:
        assert not source.title.startswith("["), source.id


def test_a_journal_source_without_volume_or_pages_says_so_in_its_note() -> None:
    # Reference works (anatomy pages) and datasets have no journal volume or pages.
    research = set(SourceKind) - ARTICLES - {SourceKind.DATASET, SourceKind.REFERENCE_WORK}
    for source in DS.sources:
        if source.kind in research and (source.volume is None or source.pages is None):
            assert source.note is not None, source.id
            note = source.note.lower()
            assert "volume" in note or "pages" in note, source.id


# Issue 14: when to have an injury seen rests on health-service advice, or says why not.
def test_every_injury_says_when_to_see_a_clinician_from_health_service_pages() -> None:
    health_service = {SourceKind.GUIDELINE, SourceKind.MEDICALLY_REVIEWED_ARTICLE}
    for injury in DS.injuries:
        if not injury.see_a_clinician:
            # An empty list is a search that found no page, and the note says which.
            assert injury.note is not None, injury.id
            assert "see_a_clinician" in injury.note, injury.id
            assert "searche" in injury.note, injury.id
        for finding in injury.see_a_clinician:
            assert any(s.kind in health_service for s in finding.sources), injury.id
