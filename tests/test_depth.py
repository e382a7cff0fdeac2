"""The depth of issue 15 stays in the data: each part's records, lookups and sources.

Several parts add to this file; each keeps its tests under a header naming it.
"""

from __future__ import annotations

import pytest

import runtone
from runtone import EvidenceGrade, ExerciseKind, Level, SourceKind, TargetRole

DS = runtone.load()

#: Source kinds that are popular writing, not research.
ARTICLES = {SourceKind.POPULAR_ARTICLE, SourceKind.MEDICALLY_REVIEWED_ARTICLE}


# --- strength exercises (issue 15 item 4) --------------------------------------------

#: The runner's strength and rehabilitation canon the issue lists, by id.
STRENGTH_CANON = (
    "glute-bridge",
    "single-leg-glute-bridge",
    "hip-thrust",
    "clamshell",
    "side-plank",
    "side-plank-hip-abduction",
    "copenhagen-adduction",
    "nordic-hamstring-curl",
    "eccentric-heel-drop-straight-knee",
    "eccentric-heel-drop-bent-knee",
    "seated-calf-raise",
    "tibialis-raise",
    "split-squat",
    "rear-foot-elevated-split-squat",
    "step-down",
    "single-leg-balance",
    "hip-flexor-march",
    "dead-bug",
    "wall-sit",
    "spanish-squat",
    "heavy-slow-calf-raise",
)

#: Exercises no EMG study or trial of the move itself was found for: graded popular.
STRENGTH_POPULAR = ("tibialis-raise", "step-down")


@pytest.mark.parametrize(
    ("key", "ident"),
    [
        ("nordic curl", "nordic-hamstring-curl"),
        ("Nordic hamstring exercise", "nordic-hamstring-curl"),
        ("Copenhagen plank", "copenhagen-adduction"),
        ("Alfredson heel drop", "eccentric-heel-drop-straight-knee"),
        ("bent-knee heel drop", "eccentric-heel-drop-bent-knee"),
        ("bent-knee calf raise", "seated-calf-raise"),
        ("Bulgarian split squat", "rear-foot-elevated-split-squat"),
        ("single-leg bridge", "single-leg-glute-bridge"),
        ("glute bridge", "glute-bridge"),
        ("hip thrust", "hip-thrust"),
        ("clams", "clamshell"),
        ("side plank", "side-plank"),
        ("side bridge with hip abduction", "side-plank-hip-abduction"),
        ("tib raise", "tibialis-raise"),
        ("step-down", "step-down"),
        ("single-leg balance", "single-leg-balance"),
        ("resisted hip flexion", "hip-flexor-march"),
        ("hip-flexor march", "hip-flexor-march"),
        ("dead bug", "dead-bug"),
        ("wall sit", "wall-sit"),
        ("Spanish squat", "spanish-squat"),
        ("heavy slow calf raise", "heavy-slow-calf-raise"),
        ("split squat", "split-squat"),
    ],
)
def test_strength_canon_is_found_by_the_names_runners_use(key: str, ident: str) -> None:
    assert runtone.exercise(key).id == ident


def test_strength_canon_is_all_there_as_strength_work() -> None:
    for ident in STRENGTH_CANON:
        assert DS.exercise(ident).kind is ExerciseKind.STRENGTH, ident
    assert len(DS.exercises) >= 30 + len(STRENGTH_CANON)


@pytest.mark.parametrize("ident", STRENGTH_CANON)
def test_strength_exercise_cites_sources_and_says_what_was_searched(ident: str) -> None:
    exercise = DS.exercise(ident)
    assert exercise.sources, ident
    assert exercise.targets, ident
    assert exercise.summary, ident
    assert exercise.note is not None, ident
    assert "searched" in exercise.note.lower(), ident


@pytest.mark.parametrize("ident", STRENGTH_CANON)
def test_strength_targets_rest_on_research_unless_graded_popular(ident: str) -> None:
    exercise = DS.exercise(ident)
    research = [s for s in exercise.sources if s.kind not in ARTICLES]
    if ident in STRENGTH_POPULAR:
        assert exercise.evidence is EvidenceGrade.POPULAR, ident
        assert not research, ident
    else:
        assert exercise.evidence is not EvidenceGrade.POPULAR, ident
        assert research, ident


def test_the_two_heel_drops_differ_by_the_calf_muscle_they_lead_with() -> None:
    straight = DS.exercise("eccentric-heel-drop-straight-knee")
    bent = DS.exercise("eccentric-heel-drop-bent-knee")
    assert straight.targets[0].muscle.id == "gastrocnemius"
    assert bent.targets[0].muscle.id == "soleus"
    for drop in (straight, bent):
        assert drop.targets[0].role is TargetRole.PRIMARY
        assert "hebert-losier-2012" in {s.id for s in drop.sources}


def test_nordic_and_copenhagen_cite_their_emg_study_and_their_trial() -> None:
    nordic = {s.id for s in DS.exercise("nordic curl").sources}
    assert {"hirose-2021", "petersen-2011"} <= nordic
    copenhagen = {s.id for s in DS.exercise("Copenhagen plank").sources}
    assert {"serner-2014", "haroy-2019"} <= copenhagen
    assert DS.exercise("Copenhagen plank").targets[0].muscle.id == "adductor-longus"


def test_the_hardest_moves_are_not_offered_to_beginners() -> None:
    for ident in (
        "hip-thrust",
        "side-plank-hip-abduction",
        "copenhagen-adduction",
        "nordic-hamstring-curl",
        "rear-foot-elevated-split-squat",
        "heavy-slow-calf-raise",
    ):
        assert DS.exercise(ident).level is not Level.BEGINNER, ident


def test_treatment_studies_of_the_canon_back_no_prevention_finding() -> None:
    # Their participants all had the condition, which has no injury record yet, so the
    # sources cannot carry a `condition`; until they can, no prevention may cite them.
    treatment_only = {"alfredson-1998", "beyer-2015", "rio-2019"}
    for injury in DS.injuries:
        for finding in injury.prevention:
            assert not treatment_only & {s.id for s in finding.sources}, injury.id
