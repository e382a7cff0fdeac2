"""Issue 15 deepens the dataset: what each part adds stays found, sourced and graded.

Several parts add to this file; each keeps its tests under a header naming its part.
"""

from __future__ import annotations

import pytest

import runtone
from runtone import EvidenceGrade, SourceKind

DS = runtone.load()


def _cited(findings: tuple[runtone.Finding, ...]) -> set[str]:
    return {s.id for f in findings for s in f.sources}


# --- injuries B (issue 15 item 3) -----------------------------------------------------

#: The injuries this part adds, with names a runner may look them up by.
INJURIES_B = {
    "hamstring-strain": ("hamstring strain", "pulled hamstring", "hamstring tear"),
    "proximal-hamstring-tendinopathy": (
        "proximal hamstring tendinopathy",
        "high hamstring tendinopathy",
    ),
    "patellar-tendinopathy": ("patellar tendinopathy", "jumper's knee", "patellar tendinitis"),
    "gluteal-tendinopathy": ("gluteal tendinopathy", "gluteus medius tendinopathy"),
}

#: The trials and series of people who already had the injury, by the injury they treat.
TREATED_B = {
    "hamstring-strain": {"askling-2013", "askling-2014", "askling-2007"},
    "proximal-hamstring-tendinopathy": {"cacchio-2011", "cushman-rho-case-report"},
    "patellar-tendinopathy": {"kongsgaard-2009", "breda-2021"},
    "gluteal-tendinopathy": {"mellor-2018", "leap-trial-protocol"},
}

#: Health-service pages: what to do about a strain or tendon pain is theirs to say.
HEALTH_SERVICE = {SourceKind.MEDICALLY_REVIEWED_ARTICLE, SourceKind.GUIDELINE}


@pytest.mark.parametrize(("ident", "key"), [(i, k) for i, keys in INJURIES_B.items() for k in keys])
def test_injuries_b_are_found_by_the_names_runners_use(ident: str, key: str) -> None:
    assert DS.injury(key).id == ident


@pytest.mark.parametrize("ident", sorted(INJURIES_B))
def test_injuries_b_are_complete_and_every_finding_is_sourced(ident: str) -> None:
    injury = DS.injury(ident)
    assert injury.muscles, ident
    for part in (injury.occurrence, injury.risk_factors, injury.treatment, injury.see_a_clinician):
        assert part, ident
        assert all(f.sources for f in part), ident
    assert injury.summary, ident
    assert injury.note is not None
    assert "Searched" in injury.note, ident
    cited = _cited(
        (*injury.occurrence, *injury.risk_factors, *injury.prevention, *injury.treatment)
    )
    assert cited <= {s.id for s in injury.sources} | _cited(injury.see_a_clinician), ident
    for finding in injury.see_a_clinician:
        assert any(s.kind in HEALTH_SERVICE for s in finding.sources), ident


@pytest.mark.parametrize(("ident", "studies"), sorted(TREATED_B.items()))
def test_treatment_studies_of_injuries_b_are_marked_by_their_condition(
    ident: str, studies: set[str]
) -> None:
    injury = DS.injury(ident)
    assert studies <= _cited(injury.treatment)
    for study in studies:
        assert DS.source(study).condition == ident, study
    assert not any(s.condition is not None for f in injury.prevention for s in f.sources)


def test_hamstring_prevention_rests_on_the_nordic_trials_in_footballers() -> None:
    # Prevention is what the trials in uninjured players found, and each finding names
    # who the players were, since none was in runners.
    injury = DS.injury("pulled hamstring")
    assert {"van-dyk-2019", "petersen-2011", "van-der-horst-2015"} <= _cited(injury.prevention)
    trials = [f for f in injury.prevention if f.evidence is EvidenceGrade.RCT]
    assert len(trials) == 2
    assert all("footballers" in f.text for f in trials)
    (review,) = [f for f in injury.prevention if "van-dyk-2019" in _cited((f,))]
    assert review.evidence is EvidenceGrade.SYSTEMATIC_REVIEW


def test_injuries_b_link_only_muscles_that_exist_and_the_right_ones() -> None:
    expected = {
        "hamstring-strain": {"hamstrings", "biceps-femoris"},
        "proximal-hamstring-tendinopathy": {"hamstrings", "biceps-femoris"},
        "patellar-tendinopathy": {"quadriceps"},
        "gluteal-tendinopathy": {"gluteus-medius", "glutes"},
    }
    for ident, muscles in expected.items():
        assert {m.id for m in DS.injury(ident).muscles} >= muscles, ident


def test_greater_trochanteric_pain_syndrome_is_explained_not_aliased() -> None:
    # The sources read treat GTPS as the wider label, gluteal tendinopathy its commonest
    # cause: the description says so and the name is not an alias of the tendinopathy.
    injury = DS.injury("gluteal tendinopathy")
    assert "greater trochanteric pain syndrome" not in {a.lower() for a in injury.aliases}
    assert "Greater trochanteric pain syndrome (GTPS)" in injury.description
    assert "trochanteric bursitis" in injury.description


def test_no_prevention_is_claimed_where_none_was_tested() -> None:
    for ident in ("proximal-hamstring-tendinopathy", "gluteal-tendinopathy"):
        injury = DS.injury(ident)
        assert injury.prevention == (), ident
        assert injury.note is not None
        assert "prevention is empty" in injury.note, ident


def test_existing_injuries_say_how_common_they_are_among_runners() -> None:
    # The reviews of running injuries give figures for five of the first six; exertional
    # compartment syndrome has none yet.
    expected = {
        "shin-splints": {"lopes-2012", "kakouris-2021", "mulvad-2018"},
        "patellofemoral-pain": {"kakouris-2021", "nielsen-2014-recovery", "mulvad-2018"},
        "iliotibial-band-syndrome": {"kakouris-2021", "mulvad-2018"},
        "ankle-sprain": {"kakouris-2021"},
        "low-back-pain": {"maselli-2020"},
    }
    for ident, sources in expected.items():
        assert _cited(DS.injury(ident).occurrence) == sources, ident
    assert DS.injury("exertional-compartment-syndrome").occurrence == ()
    reviews = {"lopes-2012", "kakouris-2021", "maselli-2020"}
    for ident in expected:
        for finding in DS.injury(ident).occurrence:
            if _cited((finding,)) <= reviews:
                assert finding.evidence is EvidenceGrade.SYSTEMATIC_REVIEW, ident


def test_injuries_b_bring_the_collection_to_at_least_ten() -> None:
    assert set(INJURIES_B) <= {i.id for i in DS.injuries}
    assert len(DS.injuries) >= 10
