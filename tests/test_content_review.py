"""The corrections of the content review (issue 14, sections 2 and 3) stay corrected.

Each test pins one finding of the review against the packaged data: the anatomy and the
stride timing of the muscles, the links of the injuries, and machine-readable fields
(directions, grades, levels, dosages) that must agree with the studies and with each
other.  Properties that must hold for every record are checked over all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from runtone import Direction, GaitPhase, JointAction, Level, MuscleKind, Verdict

DS = runtone.load()

GROUPS = [m for m in DS.muscles if m.kind is MuscleKind.GROUP]
LEVEL_ORDER = [Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED]


def _effect(record: str, muscle: str) -> runtone.MuscleEffect:
    effect = DS.get_strike_pattern(record) or DS.stride_effect(record)
    (found,) = [e for e in effect.muscle_effects if e.muscle.id == muscle]
    return found


def _joint(record: str, structure: str) -> runtone.JointLoad:
    effect = DS.strike_pattern(record)
    (found,) = [j for j in effect.joint_loads if j.structure.value == structure]
    return found


def _texts(value: object) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every text in a record, with the ids of the sources nearest to it."""
    if isinstance(value, str):
        return
    if attrs.has(type(value)):
        sources = tuple(s.id for s in getattr(value, "sources", ()))
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
            item = getattr(value, field.name)
            if isinstance(item, str):
                yield item, sources
            elif isinstance(item, tuple) and item and isinstance(item[0], str):
                yield from ((text, sources) for text in item)
            elif isinstance(item, tuple):
                for part in item:
                    if attrs.has(type(part)) and not hasattr(part, "id"):
                        yield from _texts(part)


def _records() -> Iterator[object]:
    yield from DS.muscles
    yield from DS.exercises
    yield from DS.injuries
    yield from DS.recommendations
    yield from DS.strike_patterns
    yield from DS.stride_effects


# --- section 2: anatomy, stride timing and links ------------------------------------


def test_shin_splints_link_the_muscles_at_the_painful_edge() -> None:
    # Both dissection studies found tibialis posterior does not attach at the painful
    # edge, so only soleus and flexor digitorum longus are linked.
    expected = {"soleus", "flexor-digitorum-longus"}
    injury = DS.injury("shin splints")
    assert {m.id for m in injury.muscles} == expected
    advice = DS.recommendation("treat-shin-pain-as-injury")
    assert {m.id for m in advice.muscles} == expected
    for key in ("tibialis posterior", "flexor digitorum longus"):
        muscle = DS.muscle(key)
        assert muscle.region is runtone.Region.LOWER_LEG
        assert "shin splints" in muscle.role


#: Actions a recorded part does that the group as a whole does not, because other
#: members of the group do the opposite. Of the hamstrings only biceps femoris turns
#: the hip outward; semitendinosus and semimembranosus turn the leg inward (their roles say
#: so; the vocabulary has no inward rotation), so the group cannot list outward rotation.
NOT_SHARED = {"hamstrings": frozenset({JointAction.HIP_EXTERNAL_ROTATION})}


@given(st.sampled_from(GROUPS))
def test_a_group_works_when_its_parts_do(group: runtone.Muscle) -> None:
    # A group lists every action of its parts that its members share, and none that
    # its other members work against: such an action stays on the part alone.
    parts = DS.parts(group)
    if not parts:
        return
    phases = {phase for part in parts for phase in part.gait_phases}
    assert set(group.gait_phases) == phases, group.id
    opposed = NOT_SHARED.get(group.id, frozenset())
    actions = {action for part in parts for action in part.actions}
    assert actions - opposed <= set(group.actions), group.id
    assert not opposed & set(group.actions), group.id


def test_only_biceps_femoris_turns_the_hip_outward() -> None:
    assert JointAction.HIP_EXTERNAL_ROTATION not in DS.muscle("hamstrings").actions
    assert JointAction.HIP_EXTERNAL_ROTATION in DS.muscle("biceps-femoris").actions


def test_stride_timing_follows_the_studies() -> None:
    late_swing_into_stance = {GaitPhase.LATE_SWING, GaitPhase.EARLY_STANCE}
    for key in ("hamstrings", "biceps-femoris"):
        assert set(DS.muscle(key).gait_phases) == late_swing_into_stance, key
    for key in ("glutes", "gluteus-maximus", "gluteus-medius"):
        assert late_swing_into_stance <= set(DS.muscle(key).gait_phases), key
    shin = DS.muscle("tibialis-anterior")
    assert set(shin.gait_phases) == {*late_swing_into_stance, GaitPhase.EARLY_SWING}
    assert "lifts the foot" in shin.role
    assert "toes" not in shin.role.split(".")[0]


def test_the_hamner_conference_abstract_has_its_own_source() -> None:
    for record in _records():
        for text, sources in _texts(record):
            if "hamner-2010" in sources:
                assert "2009" not in text, text
    cited = {m.id for m in DS.muscles if "hamner-2009-abstract" in {s.id for s in m.sources}}
    assert {"hamstrings", "soleus", "gastrocnemius"} <= cited


def test_soleus_shares_vertical_support_with_gastrocnemius() -> None:
    for record in _records():
        for text, _ in _texts(record):
            if re.search(r"soleus", text, re.IGNORECASE) and "vertical support" in text:
                assert "gastrocnemius" in text.lower(), text


def test_downhill_shin_work_is_not_stated_from_the_old_review_alone() -> None:
    effect = _effect("downhill", "tibialis-anterior")
    assert effect.direction is Direction.UNKNOWN
    assert "cai-2010" in {s.id for s in effect.sources}
    targets = {t.muscle.id for t in DS.exercise("downhill-running").targets}
    assert "tibialis-anterior" not in targets


def test_the_compartment_pressure_result_is_not_generalised() -> None:
    for pattern in ("rearfoot-strike", "forefoot-strike"):
        load = _joint(pattern, "anterior_compartment")
        assert load.direction is Direction.UNKNOWN, pattern
        assert "without the condition" in load.text, pattern


def test_the_unsized_hamstring_difference_is_not_sized() -> None:
    for record in _records():
        for text, sources in _texts(record):
            if "vannatta-2015" in sources and "hamstring" in text.lower():
                assert not re.search(r"slightly|a little|somewhat", text), text


def test_loaded_emg_figures_say_they_come_from_loaded_versions() -> None:
    for key in ("side-lying-leg-lift", "prone-hip-extension"):
        exercise = DS.exercise(key)
        assert not exercise.equipment
        assert "10-repetition-maximum" in exercise.purpose, key


def test_the_deadlift_says_which_deadlift_its_steps_are() -> None:
    deadlift = DS.exercise("deadlift")
    assert "Romanian" in deadlift.name
    assert "conventional deadlift" in deadlift.purpose


def test_itbs_records_the_study_that_found_no_weakness() -> None:
    injury = DS.injury("itbs")
    assert {"grau-2008", "itbs-abductor-trial", "beers-2008"} <= {s.id for s in injury.sources}
    assert any("grau-2008" in {s.id for s in f.sources} for f in injury.risk_factors)


# --- section 3: fields that contradict the evidence ---------------------------------


# Treatment trials kept out of prevention: the 'prevention' consistency rule, with the
# studies marked by their condition (tests/test_consistency_rules.py).


def test_a_higher_cadence_lowers_the_glutes_peak_stance_forces() -> None:
    for key in ("gluteus-maximus", "gluteus-medius"):
        effect = _effect("higher-cadence", key)
        assert effect.direction is Direction.LESS, key
        assert "lenhart-2014-hip" in {s.id for s in effect.sources}
    drill = DS.exercise("cadence-drill")
    assert not {t.muscle.id for t in drill.targets} & {
        "glutes",
        "gluteus-maximus",
        "gluteus-medius",
    }


@given(st.sampled_from([c for c in DS.claims if c.asserts]))
def test_effects_agree_with_the_verdicts_of_the_claims_about_them(claim: runtone.Claim) -> None:
    for assertion in claim.asserts:
        (effect,) = [e for e in assertion.effect.muscle_effects if e.muscle == assertion.muscle]
        said, found = assertion.direction, effect.direction
        if claim.verdict is Verdict.SUPPORTED:
            assert found is said, claim.id
        elif claim.verdict is Verdict.CONTRADICTED:
            assert found is not said, claim.id
        elif claim.verdict is Verdict.PARTLY:
            assert found is not said.mirror, claim.id
        else:
            assert found is Direction.UNKNOWN, claim.id


def test_start_slowly_is_graded_and_dosed_as_its_evidence_says() -> None:
    advice = DS.recommendation("start-slowly-build-to-30-minutes")
    assert advice.evidence is DS.claim("start-slowly-build-to-30-minutes").evidence
    # ACSM: 20 minutes on 3 days for vigorous exercise such as running; the 5-day
    # figure is for moderate exercise.
    assert advice.dosage.minutes == 20
    assert advice.dosage.days_per_week_min == 3


def test_hill_work_and_its_exercises_agree_on_level() -> None:
    advice = DS.recommendation("add-hill-work")
    lowest = min(advice.levels, key=LEVEL_ORDER.index)
    for exercise in advice.exercises:
        assert LEVEL_ORDER.index(exercise.level) <= LEVEL_ORDER.index(lowest), exercise.id
    assert DS.exercise("uphill-running").level is lowest


def test_every_muscle_cites_an_anatomy_reference() -> None:
    # The anatomy references of the review all have ids starting "anatomy-".
    for muscle in DS.muscles:
        assert any(s.id.startswith("anatomy-") for s in muscle.sources), muscle.id


# --- second pass: the sports physiotherapist's review ------------------------------


def _cited(findings: tuple[runtone.Finding, ...]) -> set[str]:
    return {s.id for f in findings for s in f.sources}


def test_treatment_trials_in_people_already_injured_are_marked_by_their_condition() -> None:
    # Moen 2012 randomised 74 athletes who had MTSS; Hupperets 2009 522 athletes who had
    # sprained an ankle in the two months before: neither says anything of prevention in
    # people who never had the condition, so the prevention rule must see them.
    assert DS.source("moen-2012").condition == "shin-splints"
    assert DS.source("hupperets-2009").condition == "ankle-sprain"


def test_shin_splints_treatment_cites_the_review_of_treatment_trials() -> None:
    # Winters 2013 reviewed eleven MTSS treatment trials and found none strong enough to
    # back any one treatment; the advice on shin pain leans on it and on the HSE page for
    # when to be seen, and the injury no longer counts Nielsen's runners as injuries.
    injury = DS.injury("shin splints")
    assert "winters-2013" in _cited(injury.treatment)
    assert "winters-2013" not in _cited(injury.prevention)
    assert DS.source("winters-2013").condition == "shin-splints"
    advice = DS.recommendation("treat-shin-pain-as-injury")
    assert {"winters-2013", "hse-shin-splints"} <= {s.id for s in advice.sources}
    assert not any("of all injuries" in f.text for f in injury.risk_factors)


def test_knee_pain_prevention_rests_only_on_people_without_it() -> None:
    # Willson 2014 pooled ten runners who had patellofemoral pain with thirteen who did
    # not: its step-length result is a load finding (a risk factor), not prevention.
    injury = DS.injury("runner's knee")
    assert "willson-2014" not in _cited(injury.prevention)
    (row,) = [f for f in injury.risk_factors if "willson-2014" in {s.id for s in f.sources}]
    assert "shorter" in row.text
    assert "longer" in row.text


def test_back_pain_records_cite_the_study_of_core_strength_in_runners() -> None:
    # Lirgg 2020 measured abdominal strength and low back pain in 97 distance runners:
    # it is the runner study that 'no study of back pain in runners' overlooked, and it
    # finds no link; Cai 2017 is a treatment trial in runners who had back pain.
    injury = DS.injury("low back pain")
    assert "lirgg-2020" in _cited(injury.risk_factors)
    assert "lirgg-2020" in _cited(injury.prevention)
    assert not any("No study of back pain in runners" in f.text for f in injury.prevention)
    assert "cai-2017-back-pain" in _cited(injury.treatment)
    assert DS.source("cai-2017-back-pain").condition == "low-back-pain"
    core = DS.muscle("core")
    assert "lirgg-2020" in _cited(core.findings)
    assert "lirgg-2020" in {s.id for s in DS.recommendation("train-your-core").sources}


def test_the_hip_and_core_prevention_trial_in_runners_is_cited_where_prevention_is_judged() -> None:
    # Leppanen 2024 randomised 325 healthy novice runners: a hip and core programme
    # lowered leg injuries (HR 0.66). The records that judged hip or strength work as
    # prevention in runners, or said none was tested, must weigh it.
    for claim in ("hip-strengthening-helps", "leg-strength-reduces-injury-risk"):
        record = DS.claim(claim)
        assert "leppanen-2024" in {s.id for s in record.sources}, claim
        assert "0.66" in record.explanation, claim
        assert record.verdict is Verdict.PARTLY, claim
    for injury in ("iliotibial-band-syndrome", "patellofemoral-pain"):
        assert "leppanen-2024" in _cited(DS.injury(injury).prevention), injury
    itbs = DS.injury("iliotibial-band-syndrome")
    assert "no trial has tested prevention in healthy runners" not in itbs.description
    assert "untested as prevention" not in (DS.claim("hip-strengthening-helps").summary or "")


def test_rest_and_variety_advice_cite_the_research_that_exists() -> None:
    # The notes found the ECSS/ACSM overtraining consensus (Meeusen 2013) and Kassiano's
    # review of exercise variation; the advice said, or implied, that no research exists.
    rest = DS.recommendation("rest-and-recover")
    assert "meeusen-2013" in {s.id for s in rest.sources}
    assert rest.evidence is runtone.EvidenceGrade.CONSENSUS
    vary = DS.recommendation("vary-your-workouts")
    assert "kassiano-2022" in {s.id for s in vary.sources}
    assert "without tests" not in (vary.summary or "")
    mistakes = DS.claim("common-toning-mistakes")
    assert {"kassiano-2022", "meeusen-2013"} <= {s.id for s in mistakes.sources}
    assert mistakes.verdict is Verdict.PARTLY


def test_band_walk_does_not_say_weak_hips_always_go_with_itbs() -> None:
    # Grau 2008 found no abductor weakness in runners with ITBS; Fredericson 2000 did.
    walk = DS.exercise("lateral-band-walk")
    assert "grau-2008" in {s.id for s in walk.sources}
    assert "Weak hips are found alongside IT band syndrome" not in walk.purpose
    assert "not in another" in walk.purpose


#: The glossary's clinical, study-design, statistics and physiology terms of the review.
REVIEWED_TERMS = [
    "standardised-mean-difference",
    "effect-size",
    "risk-ratio",
    "odds-ratio",
    "hazard-ratio",
    "confidence-interval",
    "statistical-significance",
    "certainty-of-evidence",
    "systematic-review",
    "meta-analysis",
    "narrative-review",
    "randomised-controlled-trial",
    "cluster-randomised-trial",
    "cohort-study",
    "prospective-study",
    "retrospective-study",
    "case-series",
    "cross-sectional-study",
    "observational-study",
    "control-group",
    "medial-tibial-stress-syndrome",
    "iliotibial-band-syndrome",
    "patellofemoral-pain",
    "exertional-compartment-syndrome",
    "orthotics",
    "overpronation",
    "ten-percent-rule",
    "proprioceptive-training",
    "neuromuscular-training",
    "maximal-oxygen-uptake",
    "oxygen-uptake",
    "heart-rate-reserve",
    "metabolic-equivalent",
    "epoc",
    "fat-free-mass",
    "body-mass-index",
    "resistance-training",
    "high-intensity-interval-training",
    "plyometric-training",
]


@given(st.sampled_from(REVIEWED_TERMS))
def test_reviewed_glossary_terms_rest_on_no_vendor_or_popular_page(term: str) -> None:
    # A brace maker's page defined MTSS, an insole maker's overpronation, a clinic's CECS,
    # a coaching article the 10% rule, a watch maker's heart-rate reserve: each is now a
    # paper, a handbook, a university or a health-service page.
    record = DS.term(term)
    popular = [s.id for s in record.sources if s.kind is runtone.SourceKind.POPULAR_ARTICLE]
    assert not popular, (term, popular)
    assert record.evidence is not runtone.EvidenceGrade.POPULAR, term
    weak = {
        "zamst-shin-splints",
        "docpods-orthotics",
        "gowda-cecs",
        "active-ten-percent-rule",
        "polar-heart-rate-reserve",
        "scholargate-statistical-significance",
        "rxlist-bmi",
        "praticonnect-proprioception",
        "wikimd-hiit",
        "psychlexicon-progressive-resistance",
    }
    assert not weak & {s.id for s in record.sources}, term


def test_tibialis_anterior_names_the_sprain_risk_its_injury_link_rests_on() -> None:
    # The ankle-sprain record links tibialis anterior because Willems 2005 found weak
    # dorsiflexors predicted sprains; the muscle's own record now says so, and the
    # injury lists the dorsiflexion range Willems found too.
    muscle = DS.muscle("tibialis anterior")
    assert muscle in DS.injury("ankle-sprain").muscles
    assert "willems-2005" in _cited(muscle.findings)
    assert any("sprain" in p for p in muscle.problems)
    sprain = DS.injury("ankle sprain")
    (row,) = [f for f in sprain.risk_factors if "willems-2005" in {s.id for s in f.sources}]
    assert "bent upward" in row.text


# --- second pass: a biomechanist's review (issue 14) --------------------------------


def _term_ids(text: str) -> set[str]:
    return {t.id for t in DS.terms_in(text)}


def test_the_glossary_links_swing_as_a_phase_not_as_a_verb() -> None:
    # "Swing" alone is an everyday verb ("it swings the leg", "arm swing"); only the
    # phase words are the glossary's stride phase.
    for text in (
        "They swing the leg through.",
        "It swings the leg forward.",
        "Keep an easy arm swing.",
    ):
        assert "swing" not in _term_ids(text), text
    for text in (
        "EMG rose in late swing.",
        "It peaked in early swing.",
        "Activation in swing rose.",
    ):
        assert "swing" in _term_ids(text), text


def test_the_kneecap_term_defines_the_force_its_alias_names() -> None:
    term = DS.term("patellofemoral-joint-stress")
    assert "patellofemoral force" in term.aliases
    assert "patellofemoral force" in term.definition
    # The plain paraphrase is plain: a summary may use it.
    assert not _term_ids("It raised stress behind the kneecap.")


def test_lateral_covers_the_sideways_movement_of_exercise_names() -> None:
    term = DS.term("lateral")
    assert term in DS.terms_in("A lateral band walk.")
    assert "side" in term.definition.split(".")[1]
    assert "mw-learners-lateral" in {s.id for s in term.sources}


def test_unit_and_moment_definitions_are_exact() -> None:
    assert "body mass" in DS.term("joules-per-kilogram").definition
    assert "body weight" not in DS.term("joules-per-kilogram").definition
    assert "moment arm" in DS.term("joint-moment").definition


def test_everyday_words_in_mechanics_texts_do_not_borrow_a_technical_definition() -> None:
    # "power" as a verb, "moment" as an instant and "strain" as load were linked to the
    # definitions of joint power, joint moment and muscle strain.
    sprinting = DS.stride_effect("sprinting")
    glutes = next(e for e in sprinting.muscle_effects if e.muscle.id == "glutes")
    assert "power" not in _term_ids(glutes.text)
    assert "joint-moment" not in _term_ids(sprinting.considerations[0].text)
    claim = DS.claim("hamstrings-bend-knee-after-toe-off")
    assert "joint-moment" not in _term_ids(claim.explanation)
    # Chumanov 2011: peak hamstring stretch did not change with speed; the load did.
    assert "strain" not in _term_ids(DS.muscle("hamstrings").summary or "")


def test_the_quadriceps_switch_on_before_the_foot_lands() -> None:
    # Gazendam & Hof 2007: the quadriceps are active with the calves from late swing
    # into early stance (the calves' record says so); Montgomery 1994, fine-wire EMG:
    # the vasti work from terminal swing through the loading response.
    for key in ("quadriceps", "vastus-lateralis", "vastus-intermedius"):
        muscle = DS.muscle(key)
        assert GaitPhase.LATE_SWING in muscle.gait_phases, key
        assert "montgomery-1994" in {s.id for s in muscle.sources}, key
    calves = DS.muscle("calves")
    assert any("quadriceps" in f.text and "late swing" in f.text for f in calves.findings)


def test_uphill_vasti_are_disputed_not_said_to_do_less() -> None:
    # Yokozawa's model: vasti torque lower uphill; Ahn 2007: vastus lateralis (with all
    # seven muscles) more active on a 14% grade; Roberts 2005: knee work as on the level.
    effect = _effect("uphill", "quadriceps")
    assert effect.direction is Direction.UNKNOWN
    assert "ahn-2007-inclines" in {s.id for s in effect.sources}
    assert "vastus lateralis" in effect.text
    claim = DS.claim("uphill-works-quadriceps")
    assert "ahn-2007-inclines" in {s.id for s in claim.sources}
    assert "do less" not in claim.explanation
    vastus = DS.muscle("vastus-lateralis")
    assert "ahn-2007-inclines" in {s.id for s in vastus.sources}
    assert "doing less" not in (vastus.summary or "")


def test_downhill_hip_extensor_work_is_not_stated_from_the_old_review_alone() -> None:
    # Eston 1995 expects more eccentric hip-extensor work downhill; Ahn 2007 found the
    # posterior muscles, gluteus maximus among them, less active on a 14% descent.
    assert _effect("downhill", "glutes").direction is Direction.UNKNOWN
    claim = DS.claim("downhill-works-quadriceps")
    assert "ahn-2007-inclines" in {s.id for s in claim.sources}
    assert "hip extensors are also loaded" not in claim.explanation
    assert "back of the hip" not in (claim.summary or "")


def test_downhill_raises_the_impact_and_braking_peaks_not_every_force() -> None:
    # Gottschall & Kram 2005: impact +54% and braking +73% at -9 degrees; the normal
    # active peak did not change.
    (knee,) = [j for j in DS.stride_effect("downhill").joint_loads if j.structure.value == "knee"]
    assert "impact and braking peaks" in knee.text
    assert not knee.text.startswith("Ground reaction forces rise")


def test_pooled_results_name_how_many_studies_they_pool() -> None:
    # The 2021 meta-analysis included 26 studies, but its plantarflexion moment pooled 6.
    for record in _records():
        for text, _ in _texts(record):
            assert "Pooled over 26 studies" not in text, text
    calves = DS.muscle("calves")
    (finding,) = [f for f in calves.findings if "1.31" in f.text]
    assert "6 of the studies" in finding.text


def test_imposed_and_self_chosen_patterns_are_told_apart() -> None:
    # Takeshita: 7 men ran both ways on instruction, not natural strikers. Thakkar 2019:
    # runners at their own step rates, an association, not a change of cadence.
    for pattern in ("rearfoot-strike", "forefoot-strike"):
        text = _effect(pattern, "gastrocnemius").text
        assert "7 men ran both ways" in text, pattern
    (tibiofemoral,) = [
        j
        for j in DS.stride_effect("higher-cadence").joint_loads
        if j.structure.value == "tibiofemoral_joint"
    ]
    assert "association" in tibiofemoral.text


def test_the_glute_late_swing_force_is_not_said_to_rise_with_cadence() -> None:
    # Lenhart 2014 (table 1): gluteus maximus late-swing peak 5.92 at the preferred rate,
    # 6.04 at +10%, different only from the -10% rate.
    effect = _effect("higher-cadence", "gluteus-maximus")
    assert "rose slightly" not in effect.text
    assert "barely changed" in effect.text


def test_knee_alignment_claim_weighs_the_quadriceps_risk_finding() -> None:
    # Neal 2019: weak quadriceps predicted knee pain in recruits. It bears on the claim's
    # outcome, not on alignment, so the claim cites it and stays unclear.
    claim = DS.claim("thigh-muscles-keep-knees-aligned")
    assert claim.verdict is Verdict.UNCLEAR
    assert "neal-2019" in {s.id for s in claim.sources}
    assert "quadriceps" in claim.explanation
    assert "recruits" in (claim.summary or "")


def test_push_off_claim_cites_the_single_runner_hamstring_finding() -> None:
    claim = DS.claim("thigh-muscles-push-off")
    assert claim.verdict is Verdict.PARTLY
    assert "hamner-2009-abstract" in {s.id for s in claim.sources}
    assert "single runner" in claim.explanation
    # Montgomery 1994 read propulsion from EMG timing the other way: cited and weighed.
    assert "montgomery-1994" in {s.id for s in claim.sources}


def test_cadence_counts_steps_and_stride_rate_counts_strides() -> None:
    # The glossary's cadence is steps a minute (170) and its stride rate strides (85):
    # a text must not call 85 strides a minute a cadence.
    assert "steps" in DS.term("cadence").definition
    for record in _records():
        for text, _ in _texts(record):
            assert not re.search(r"cadence, about \d+ strides", text), text


def test_a_larger_knee_moment_is_not_called_more_knee_work() -> None:
    # Chaudhari 2020 measured a larger peak knee flexion moment after a core-fatigue
    # protocol, not more work done at the knee.
    summary = DS.muscle("core").summary or ""
    assert "knees work harder" not in summary
    assert "load" in summary


def test_the_runners_plain_name_it_band_is_not_glossary_jargon() -> None:
    # "IT band" is the name runners use (the plain summaries use it); the anatomical
    # term stays linked by its names, and the syndrome by its own aliases.
    assert not _term_ids("A running injury of the IT band.")
    assert "iliotibial-band" in _term_ids("It ends in the iliotibial tract.")
    assert "iliotibial-band-syndrome" in _term_ids("Runners with IT band syndrome.")


def test_the_adductors_cite_the_running_emg_read_as_pelvic_steadying() -> None:
    # Montgomery 1994 read adductor magnus timing in running as pelvic stabilisation: the
    # nearest running evidence for the article's claim, an interpretation, not a test.
    for key in ("adductors", "adductor-magnus"):
        assert "montgomery-1994" in {s.id for s in DS.muscle(key).sources}, key
    claim = DS.claim("adductors-stabilize-stride")
    assert claim.verdict is Verdict.PARTLY
    assert "montgomery-1994" in {s.id for s in claim.sources}
    assert "not a test" in claim.explanation


def test_foam_rolling_is_partly_supported_since_tightness_itself_was_not_measured() -> None:
    # Second-pass physiotherapist review: the meta-analyses measured range of motion and
    # soreness, not the feeling of tightness the claim is about.
    claim = DS.claim("foam-rolling-eases-tightness")
    assert claim.verdict is Verdict.PARTLY
    assert "not the feeling of tightness" in claim.explanation


# Second-pass physiotherapist review of the issue-15 injuries (review-inj).


def _finding(injury: str, field: str, source: str) -> runtone.Finding:
    findings = getattr(DS.injury(injury), field)
    (found,) = [f for f in findings if source in {s.id for s in f.sources}]
    return cast("runtone.Finding", found)


def test_bone_stress_injury_says_when_to_be_seen_with_its_warning_signs() -> None:
    # The record had no see_a_clinician finding: a runner with a developing stress
    # fracture was not told which pain to take seriously (at rest, at night, a tender
    # bone) nor that a suspected fracture goes to hospital services, not physiotherapy.
    injury = DS.injury("bone-stress-injury")
    assert injury.see_a_clinician
    leaflet = _finding("bone-stress-injury", "see_a_clinician", "oxsport-bone-stress-leaflet")
    assert "at rest and at night" in leaflet.text
    assert "tender" in leaflet.text
    borders = _finding("bone-stress-injury", "see_a_clinician", "nhs-borders-lower-limb-referral")
    assert "suspected fracture" in borders.text
    assert "emergency" in borders.text


def test_kakouris_figures_are_shares_of_injuries_not_of_runners() -> None:
    # Kakouris 2021's abstract gives the share of injury incidence and prevalence each
    # diagnosis accounted for; "an incidence proportion of 10.3%" read as one runner in
    # ten developing Achilles tendinopathy.
    for injury in ("achilles-tendinopathy", "plantar-heel-pain"):
        text = _finding(injury, "occurrence", "kakouris-2021").text
        assert "incidence proportion" not in text, injury
        assert "shares of injuries, not of all runners" in text, injury


def test_run_clever_diagnosis_shares_are_among_the_injured_runners() -> None:
    # Mulvad 2018: 140 of the 839 runners were injured; MTSS 16% and Achilles 8.9% are
    # diagnosis shares among them (their confidence intervals fit about 140, not 839).
    text = _finding("achilles-tendinopathy", "occurrence", "mulvad-2018").text
    assert "injury proportion" not in text
    assert "among the injured runners, not among all 839" in text


def test_segal_survey_is_graded_alike_in_occurrence_and_risk_factors() -> None:
    # One cross-sectional community survey was graded case_series for how common the
    # syndrome is and lab for what goes with it; it measured nothing in a laboratory.
    grades = {
        _finding("gluteal-tendinopathy", field, "segal-2007").evidence
        for field in ("occurrence", "risk_factors")
    }
    assert grades == {runtone.EvidenceGrade.CASE_SERIES}


# --- review of issue 15: a biomechanist and exercise physiologist ----------------------


def test_the_three_gluteal_latin_names_use_the_terminologia_anatomica_spelling() -> None:
    # Gluteus medius was "musculus glutaeus medius", the older spelling of its Wikipedia
    # infobox; the [TA]-marked dictionary entry spells the word gluteus, as maximus and
    # minimus already were.
    names = {
        ident: DS.muscle(ident).latin_name
        for ident in ("gluteus-maximus", "gluteus-medius", "gluteus-minimus")
    }
    assert names == {
        "gluteus-maximus": "musculus gluteus maximus",
        "gluteus-medius": "musculus gluteus medius",
        "gluteus-minimus": "musculus gluteus minimus",
    }
    ta_marked = DS.source("latin-gluteus-maximus")
    assert "musculus gluteus maximus, marked [TA]" in (ta_marked.note or "")
    assert ta_marked in DS.muscle("gluteus-medius").sources


def test_the_clamshell_does_not_target_the_tensor_fasciae_latae_it_keeps_quiet() -> None:
    # Willcox & Burden 2013: tensor fasciae latae activity relatively low in every clam
    # variation; Selkowitz 2013: the clam had the highest gluteal-to-TFL index.  The
    # record's own purpose says the muscle stays fairly quiet, yet listed it as a mover.
    clamshell = DS.exercise("clamshell")
    assert "tensor-fasciae-latae" not in {t.muscle.id for t in clamshell.targets}
    assert "tensor fasciae latae stayed fairly quiet" in clamshell.purpose
    assert clamshell.targets[0].muscle.id == "gluteus-medius"


@given(st.sampled_from([e for e in DS.exercises if e.note]))
def test_an_exercise_note_never_says_a_muscle_it_targets_is_missing(
    exercise: runtone.Exercise,
) -> None:
    # Nordic curl, split squat, dead bug and clamshell notes still said semitendinosus,
    # vastus medialis, transversus abdominis and tensor fasciae latae were "not muscles
    # in the data yet" after those muscles were added as their targets.
    for sentence in re.split(r"(?<=\.)\s+", exercise.note or ""):
        if "not a muscle" not in sentence and "not muscles" not in sentence:
            continue
        for target in exercise.targets:
            assert target.muscle.name.casefold() not in sentence.casefold(), (
                exercise.id,
                target.muscle.id,
            )


def test_the_cycling_dose_does_not_turn_no_significant_difference_into_equal_gains() -> None:
    # Mutton 1993: five cross-trained and six run-only runners; both groups improved
    # "with no significant differences between the groups", which does not show that
    # the cycle/run group gained "as much as" running alone.
    (dose,) = DS.exercise("cycling").doses
    assert "as much as" not in dose.text
    assert "no significant difference" in dose.text
    assert "11 moderately fit runners" in dose.text


def test_a_box_jump_is_not_the_harder_step_after_a_squat_jump() -> None:
    # The box jump lands on a box the runner lands on comfortably and steps down from;
    # the squat jump is a maximal jump landing on the floor, so by plain load the box
    # jump is not harder, and the one EMG source gives neither jump's value alone.
    assert DS.exercise("box-jump") not in DS.harder("squat-jump")
    assert DS.exercise("squat-jump") not in DS.easier("box-jump")
    # The depth jump adds a drop landing to the jump, so that step stays.
    assert [e.id for e in DS.harder("box-jump")] == ["depth-jump"]


# --- issue 15 review: the sports physiotherapist's check of doses against their sources --


def test_the_heavy_slow_resistance_dose_starts_at_the_published_fifteen_rep_maximum() -> None:
    # Beyer 2015's protocol (3 x 15RM in week 1 down to 4 x 6RM in weeks 9-12), the same
    # trial the seated calf raise's dose already reads that way; 12-6RM is the registration.
    for ident in ("heavy-slow-calf-raise", "seated-calf-raise"):
        (dose,) = [d for d in DS.exercise(ident).doses if d.sources[0].id == "beyer-2015"]
        assert (dose.reps_min, dose.reps_max) == (6, 15), ident
        assert "twelve- to a six" not in dose.text, ident
    rec = DS.recommendation("load-the-achilles-tendon")
    assert rec.dosage is not None
    assert "fifteen to six" in rec.dosage.text
    assert "twelve to six" not in rec.dosage.text
    (finding,) = [
        f for f in DS.injury("achilles-tendinopathy").treatment if f.sources[0].id == "beyer-2015"
    ]
    assert "from 15 to 6" in finding.text


def test_the_ankle_sprain_balance_hold_is_on_each_leg() -> None:
    # Hupperets 2009's exercise sheet: hold one minute on the right leg, then the left.
    (dose,) = DS.exercise("single-leg-balance").doses
    assert "injured side" not in dose.text
    assert "then on the other leg" in dose.text


@pytest.mark.parametrize(
    ("exercise_id", "source", "population"),
    [
        ("nordic-hamstring-curl", "petersen-2011", "footballers"),
        ("nordic-hamstring-curl", "van-der-horst-2015", "footballers"),
        ("copenhagen-adduction", "haroy-2019", "footballers"),
        ("spanish-squat", "rio-2019", "with patellar tendinopathy"),
        ("heavy-slow-calf-raise", "beyer-2015", "Achilles tendinopathy"),
        ("eccentric-heel-drop-straight-knee", "stevens-tan-2014", "Achilles tendinopathy"),
        ("eccentric-heel-drop-bent-knee", "stevens-tan-2014", "Achilles tendinopathy"),
    ],
)
def test_an_older_trial_dose_names_who_was_studied(
    exercise_id: str, source: str, population: str
) -> None:
    # A coach must see that these protocols come from footballers or from injured people,
    # not from healthy runners.
    doses = [d for d in DS.exercise(exercise_id).doses if source in {s.id for s in d.sources}]
    assert doses, exercise_id
    assert all(population in d.text for d in doses), exercise_id


def test_the_heavy_slow_calf_raise_does_not_overstate_its_satisfaction_gap() -> None:
    # Beyer 2015: 100% against 80% satisfied at 12 weeks, P = .052, a trend only.
    purpose = DS.exercise("heavy-slow-calf-raise").purpose
    assert "more patients were satisfied" not in purpose
    assert "tended to be higher" in purpose


# --- review-emg ---------------------------------------------------------------------
# A biomechanist's review (issue 15) of the strength targets that commit 619e570 based on
# muscle-recording studies, each read against its source.


def test_leg_press_lists_the_quadriceps_without_its_own_heads_beside_it() -> None:
    # Martín-Fuentes 2020 found the vastus lateralis and medialis the most active with the
    # rectus femoris close behind: the quadriceps as a whole, primary. Listing two heads
    # at the group's own role beside the group said nothing more and showed it thrice.
    record = DS.exercise("leg-press")
    listed = {t.muscle: t.role for t in record.targets}
    for muscle, role in listed.items():
        group = DS.group(muscle)
        assert group is None or listed.get(group) is not role, muscle.id
    assert listed == {DS.muscle("quadriceps"): runtone.TargetRole.PRIMARY}


def test_leg_press_summary_credits_no_article_the_purpose_no_longer_cites() -> None:
    # The purpose's article "lists it ... without saying which muscles it uses" since the
    # line on the quadriceps was replaced by the review; the summary still said an article
    # names the front of the thighs.
    record = DS.exercise("leg-press")
    assert "without saying which muscles" in record.purpose
    assert record.summary is not None
    assert "article says" not in record.summary
    assert "front of the thighs" in record.summary


def test_lateral_band_walk_ranks_the_gluteus_medius_only_among_the_muscles_reported() -> None:
    # Youdas 2013's abstract gives figures for three of the trunk and hip muscles it
    # recorded (gluteus medius, gluteus maximus, erector spinae), not for all of them.
    purpose = DS.exercise("lateral-band-walk").purpose
    assert "the most active muscle" not in purpose
    assert "most active of the three muscles reported" in purpose
    assert "[youdas-2013]" in purpose


# --- review-physio (issue 16): a sports physiotherapist's check of the training rules -----
# Each rule read against its sources (pages corpus); these pin the corrections.


def test_injury_rule_limits_running_through_pain_to_the_achilles_trial_it_rests_on() -> None:
    # Silbernagel 2007 randomised 38 patients with Achilles tendinopathy only, and every
    # patient did the same tendon-loading programme: the rule said "a tendon problem" and
    # left the programme out, as if running alone were the tested treatment of any tendon.
    rule = runtone.training_rule("running-with-a-current-injury")
    assert "a tendon problem" not in rule.statement
    assert "Achilles" in rule.statement
    assert "alongside a tendon-loading exercise programme" in rule.statement
    assert "same tendon-loading strengthening programme" in rule.detail
    assert "not running in place of it" in rule.detail
    assert rule.summary is not None
    assert "Achilles" in rule.summary
    assert "strengthening exercises" in rule.summary


def test_weekly_cap_is_flagged_as_convention_since_its_signal_crossed_one() -> None:
    # Nielsen 2014: hazard ratio 1.59 (95% CI 0.96 to 2.66, p = .07) for distance-related
    # injuries above 30%; Fredette 2022 found the evidence conflicting and Frandsen 2025 no
    # week-to-week link. No trial shows the cap works, so by TrainingRule.convention's own
    # definition it rests on convention; the record said it rested on research.
    rule = runtone.training_rule("weekly-increase-cap")
    assert rule.convention
    assert "crossed one" in rule.detail
    assert rule.value("max_increase_percent") == 30


def test_spike_rule_says_its_cohort_counted_distance_not_minutes() -> None:
    # Frandsen 2025 compared each session's distance with the longest distance of the past
    # 30 days; the plan engine applies the line to minutes, which the detail did not warn.
    detail = runtone.training_rule("single-run-spike-limit").detail
    assert "longer in distance" in detail
    assert "similar pace" in detail


# --- review-bio (issue 16) ----------------------------------------------------------
# An exercise physiologist's check of the training rules against the pages of their
# sources: each test fails on the rules as issue 16 first shipped them.


def test_polarized_split_took_a_fifth_more_time_not_17_percent() -> None:
    # Festa 2020: 29.9 h polarized against 24.8 h focused; the focused plan saved 17% of
    # the time, so the polarized one took 29.9 / 24.8 - 1 = about 21% more, not 17% more.
    detail = DS.training_rule("mostly-easy-intensity").detail
    assert "17% more training time" not in detail
    assert "about a fifth more training time, 29.9 against 24.8 hours [festa-2020]" in detail


def test_polarized_edge_in_oxygen_uptake_is_only_in_short_programmes_and_top_athletes() -> None:
    # Oliveira 2024: the superiority "only occurred" in interventions under 12 weeks and in
    # highly trained athletes; "mainly" understated how narrow the finding is.
    detail = DS.training_rule("mostly-easy-intensity").detail
    assert "mainly in programmes under 12 weeks" not in detail
    assert "appeared only in programmes under 12 weeks and in highly trained athletes" in detail


def test_taper_sources_say_who_they_admitted_rather_than_few_recreational_runners() -> None:
    # Bosquet 2007 admitted competitive athletes only (none recreational); Wang 2023's
    # abstract says endurance athletes and does not count recreational runners.
    detail = DS.training_rule("race-taper").detail
    assert "recreational runners were few" not in detail
    assert "admitted only competitive athletes" in detail
    # Wang 2023: a progressive and a step taper both improved time trials, which is
    # what lets a plan cut in steps rather than exponentially as in Bosquet 2007.
    assert "a progressive cut and a single step down both improved time trials" in detail


def test_lighter_week_does_not_claim_its_sources_drop_every_hard_session() -> None:
    # The coach keeps one shortened up-tempo run in his recovery week (40 instead of
    # 60 minutes); the forum runner "reduces the intensity" of the workouts. Neither
    # drops the hard sessions, so "no hard sessions" was not the sources' practice.
    rule = DS.training_rule("lighter-week-every-3-to-4-weeks")
    assert "no hard sessions" not in rule.statement
    assert "hard sessions eased, shortened or left out" in rule.statement
    assert "keeps a single shortened workout" in rule.detail
    assert "60-70% of the hardest week" in rule.detail
    assert rule.summary is not None
    assert "skip the hard sessions" not in rule.summary


def test_talk_test_detail_says_the_test_errs_towards_passing_above_the_threshold() -> None:
    # Foster 2008: "Predictive errors biased toward passing the TT when exercise
    # intensity was greater than VT"; the weakness belongs in the detail. Its abstract
    # names no treadmill walking: only Foster 2009's test was a walking one.
    detail = DS.training_rule("talk-test-easy-effort").detail
    assert "passing the test a little above the threshold [foster-2008]" in detail
    assert "The work used treadmill walking" not in detail
    assert "walking on a treadmill in the later study" in detail
