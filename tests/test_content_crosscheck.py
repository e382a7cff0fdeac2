"""Corrections that one record carried and its neighbours did not (issue 14, §1 and §2).

Two editors fixed records in parallel; these tests pin the fixes that had to be carried
across to the other files: the foot-strike wording about the leg's total work, the ITBS
and shin-splint claims, the unsized hamstring difference, the aerobic-hypertrophy
counterpoint, the disputed downhill shin work and the level of the plyometric advice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib.resources import files

from hypothesis import given
from hypothesis import strategies as st

import runtone
from runtone import EvidenceGrade, Level, SourceKind, Verdict

DS = runtone.load()
LEVEL_ORDER = [Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED]
DATA_FILES = (
    "claims.json",
    "exercises.json",
    "injuries.json",
    "muscles.json",
    "recommendations.json",
    "strike_patterns.json",
    "stride_effects.json",
)

#: A sentence about the whole leg's work or power, not one joint's.
TOTAL_WORK = re.compile(
    r"\btotal\b[^.;]*\b(?:work|power)\b|\b(?:leg|limb)'s total\b", re.IGNORECASE
)
#: ... that says it stayed as it was.
UNCHANGED = re.compile(
    r"\bsame\b|did not (?:change|differ)|\bunchanged\b|\bstays?\b|without changing", re.IGNORECASE
)
#: What such a sentence, or the one after it, must add: that it is disputed or changed.
QUALIFIED = re.compile(
    r"disagree|disput|\bchanged\b|\brose\b|\bfell\b|\bincreased\b", re.IGNORECASE
)
#: "moves load ... rather than adding it" asserts the total is unchanged outright.
NOT_ADDED = re.compile(r"rather than (?:being )?add(?:ed|ing)?\b", re.IGNORECASE)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _data_texts() -> list[str]:
    folder = files("runtone").joinpath("data")
    texts: set[str] = set()
    for name in DATA_FILES:
        texts |= set(_strings(json.loads(folder.joinpath(name).read_text(encoding="utf-8"))))
    return sorted(t for t in texts if " " in t)


TEXTS = _data_texts()


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


def _forefoot_quadriceps() -> runtone.MuscleEffect:
    effects = DS.strike_pattern("forefoot-strike").muscle_effects
    (found,) = [e for e in effects if e.muscle.id == "quadriceps"]
    return found


def test_the_text_walk_reaches_the_foot_strike_records() -> None:
    # Guards the property below against walking nothing.
    assert _forefoot_quadriceps().text in TEXTS
    assert DS.claim("forefoot-works-calves").explanation in TEXTS


#: The leg's total work (not power): the quantity Stearne 2014 found equal in habitual
#: heel and forefoot strikers.
TOTAL_WORK_ONLY = re.compile(
    r"\b(?:leg|limb)'s total work\b|\btotal (?:leg |limb |lower[- ]limb )?work\b", re.IGNORECASE
)
#: Said to be in dispute.
DISPUTED = re.compile(r"disagree|disput|\bwhether\b", re.IGNORECASE)
#: Equal work was found only between runners who land each way by habit.
HABITUAL = re.compile(r"habitual|by habit", re.IGNORECASE)
#: No study measured the whole leg's energy: shod-barefoot-power-2012 measured peak
#: joint power, Stearne 2014 work and average power.
TOTAL_ENERGY = re.compile(
    r"\btotal energy\b|energy (?:that )?the (?:whole )?leg absorbed|energy absorbed by the"
    r" (?:whole )?leg",
    re.IGNORECASE,
)
#: Clauses of a sentence, so "work was the same ..., but power rose" is read in parts.
CLAUSE = re.compile(r"[;:]\s*|,?\s+(?:but|while|whereas)\s+")


def _unqualified_total_work(text: str) -> list[str]:
    """The clauses of a text that misstate the leg's total work or energy.

    Stearne 2014: total work (and average power) the same in habitual heel and
    forefoot strikers; after a switch total average power rose (heel to forefoot) or
    fell (forefoot to heel). shod-barefoot-power-2012: lower peak total power
    absorption with a forefoot landing. So total work is the same between habitual
    strikers, the dispute is about total power after a switch, and no study measured
    the leg's total energy.
    """
    if NOT_ADDED.search(text):
        return [text]
    found = [m.group(0) for m in TOTAL_ENERGY.finditer(text)]
    for sentence in _sentences(text):
        for clause in CLAUSE.split(sentence):
            if not TOTAL_WORK_ONLY.search(clause):
                continue
            if DISPUTED.search(clause) or QUALIFIED.search(clause):
                found.append(clause)  # work is not what the studies disagree on
            elif UNCHANGED.search(clause) and not HABITUAL.search(clause):
                found.append(clause)  # the same only between habitual strikers
    return found


def test_no_text_says_the_legs_total_work_is_unchanged_without_the_dispute() -> None:
    # Every text is checked (a sample could miss the one sentence that says it): total
    # work is the same only in habitual strikers, studies disagree on total POWER after
    # a switch, and no text speaks of the leg's total energy.
    assert [s for text in TEXTS for s in _unqualified_total_work(text)] == []


@given(st.sampled_from(TEXTS), st.sampled_from(["did not change", "stays the same"]))
def test_the_check_catches_an_unqualified_total(text: str, unchanged: str) -> None:
    # Any text with the old wording appended is caught, whatever it said before.
    ending = "" if text.endswith((".", "!", "?")) else "."
    assert _unqualified_total_work(f"{text}{ending} The total work of the leg {unchanged}.")


@given(
    st.sampled_from(TEXTS),
    st.sampled_from(
        [
            "Studies disagree on whether the leg's total work changes.",
            "Whether the leg's total work changes is disputed.",
            "The total energy the leg absorbed fell in another study.",
            "A forefoot landing lowered the total energy absorbed by the leg.",
        ]
    ),
)
def test_the_check_catches_work_or_energy_said_in_dispute(text: str, wrong: str) -> None:
    # The wording before issue 15 (E1): the dispute put on work, or energy measured.
    ending = "" if text.endswith((".", "!", "?")) else "."
    assert _unqualified_total_work(f"{text}{ending} {wrong}")


def test_the_check_lets_the_corrected_rule_through() -> None:
    assert not _unqualified_total_work(
        "Habitual heel and forefoot strikers did the same total leg work; after a"
        " switch, studies disagree on total leg power."
    )


def test_the_power_study_is_described_as_measuring_power() -> None:
    note = DS.source("shod-barefoot-power-2012").note or ""
    assert "peak sagittal joint power" in note


def test_the_forefoot_quadriceps_row_cites_the_studies_that_disagree() -> None:
    quadriceps = _forefoot_quadriceps()
    cited = {s.id for s in quadriceps.sources}
    assert {"stearne-2014", "shod-barefoot-power-2012", "subasinghe-arachchige-2025"} <= cited
    assert "knee contact force" in quadriceps.text


def test_weak_hips_and_itbs_weighs_the_study_that_found_no_weakness() -> None:
    claim = DS.claim("weak-hips-and-itbs")
    assert "grau-2008" in {s.id for s in claim.sources}
    assert "10 runners with ITBS and 10 healthy runners" in claim.explanation
    assert "unlikely to prevent" in claim.explanation
    # One case series found weakness, a controlled comparison found none, and no study
    # measured strength before the injury: the verdict cannot lean either way.
    assert claim.verdict is Verdict.UNCLEAR
    # Graded as the injury record grades the same comparison.
    itbs = DS.injury("itbs")
    (finding,) = [f for f in itbs.risk_factors if "grau-2008" in {s.id for s in f.sources}]
    assert claim.evidence is finding.evidence


def test_the_shin_soreness_claim_names_the_muscles_at_the_painful_edge() -> None:
    # Tibialis posterior did not attach at the painful site in either cadaver study.
    expected = {"soleus", "flexor-digitorum-longus"}
    claim = DS.claim("shin-soreness-when-starting")
    assert {m.id for m in claim.muscles} == expected
    assert {"brown-2016-mtss", "mtss-muscle-location-1994"} <= {s.id for s in claim.sources}
    for name in ("soleus", "flexor digitorum longus", "inner back border"):
        assert name in claim.explanation, name
    # The claim, the injury and the advice about it agree on the muscles.
    assert {m.id for m in DS.injury("shin-splints").muscles} == expected
    assert {m.id for m in DS.recommendation("treat-shin-pain-as-injury").muscles} == expected


def test_no_claim_sizes_the_unsized_hamstring_difference() -> None:
    for claim in DS.claims:
        if "vannatta-2015" in {s.id for s in claim.sources}:
            for sentence in _sentences(claim.explanation):
                if "hamstring" in sentence.lower():
                    assert not re.search(r"slightly|a little|somewhat", sentence), claim.id


def test_the_aerobic_hypertrophy_counterpoint_is_stated_in_full() -> None:
    for key in ("running-not-bulky", "running-builds-leg-muscle"):
        claim = DS.claim(key)
        assert {"konopka-2014", "harber-2012"} <= {s.id for s in claim.sources}, key
        # The review argues for young and old alike, not "mainly in untrained or older".
        assert "young and older" in claim.explanation, key
        assert "mainly in untrained" not in claim.explanation, key
        # Harber 2012: quadriceps volume +5% (young) and +6% (older) after 12 weeks.
        assert "5%" in claim.explanation, key
        assert "6%" in claim.explanation, key


def test_downhill_shin_work_is_called_disputed_wherever_a_claim_mentions_it() -> None:
    for claim in DS.claims:
        if "downhill" in claim.id and "shin" in claim.explanation:
            assert "disputed" in claim.explanation, claim.id
            assert "cai-2010" in {s.id for s in claim.sources}, claim.id


def test_the_plyometric_advice_and_its_exercises_agree_on_level() -> None:
    advice = DS.recommendation("add-plyometric-drills")
    lowest = min(advice.levels, key=LEVEL_ORDER.index)
    # The review behind it took in only runners with at least six months' running.
    assert lowest is Level.INTERMEDIATE
    assert "six months" in advice.rationale
    assert {e.level for e in advice.exercises} == {lowest}


def test_the_shin_advice_says_why_it_leaves_out_tibialis_posterior() -> None:
    advice = DS.recommendation("treat-shin-pain-as-injury")
    # The rationale names the muscle only to say the cadaver studies cleared it ...
    assert "tibialis posterior" in advice.rationale
    assert "did not attach" in advice.rationale
    # ... so the advice does not link it, and its muscle record says why.
    assert "tibialis-posterior" not in {m.id for m in advice.muscles}
    role = DS.muscle("tibialis-posterior").role
    assert "often blamed" in role
    assert "did not attach" in role


def test_injuries_carry_the_studies_their_claims_found() -> None:
    # The calf claim found two prospective cohorts; the injury said none existed.
    claim = DS.claim("calves-prevent-ankle-sprains")
    sprain = DS.injury("ankle sprain")
    cohorts = {"willems-2005", "baumhauer-1995"}
    assert cohorts <= {s.id for s in claim.sources}
    for finding in sprain.risk_factors:
        if {s.id for s in finding.sources} & cohorts:
            assert finding.evidence is claim.evidence
    assert cohorts <= {s.id for f in sprain.risk_factors for s in f.sources}
    # The record is graded by its strongest finding, now the balance-training reviews.
    findings = (*sprain.risk_factors, *sprain.prevention, *sprain.treatment)
    assert sprain.evidence is max((f.evidence for f in findings), key=lambda g: g.rank)
    # The back claim found a review of treatment; the injury said the research had none.
    back = DS.injury("low back pain")
    review = DS.claim("hamstrings-glutes-protect-back")
    assert "santamaria-2023" in {s.id for s in review.sources}
    assert "santamaria-2023" in {s.id for f in back.treatment for s in f.sources}
    assert "santamaria-2023" not in {s.id for f in back.prevention for s in f.sources}


def test_hill_sprints_do_not_deny_the_rectus_femoris_they_target() -> None:
    # Uphill the vasti do less and the rectus femoris, a knee extensor, does more.
    sprints = DS.exercise("hill-sprints")
    assert "rectus-femoris" in {t.muscle.id for t in sprints.targets}
    assert "knee extensors do no more" not in sprints.purpose
    uphill = {e.muscle.id: e.direction for e in DS.stride_effect("uphill").muscle_effects}
    assert uphill["rectus-femoris"] is runtone.Direction.MORE


# --- review2: prevention and treatment trials the records had missed ------------------


def _finding_sources(findings: tuple[runtone.Finding, ...]) -> set[str]:
    return {s.id for f in findings for s in f.sources}


def test_shin_splints_prevention_cites_the_neuromuscular_training_meta_analysis() -> None:
    shin = DS.injury("shin-splints")
    (finding,) = [f for f in shin.prevention if "marques-2025" in {s.id for s in f.sources}]
    assert finding.evidence is runtone.EvidenceGrade.SYSTEMATIC_REVIEW
    assert "neuromuscular training" in finding.text
    assert "0.13 to 0.64" in finding.text
    # The old text said no tested way to prevent MTSS was in the sources.
    assert not any("No tested way" in f.text for f in shin.prevention)
    # Treatment lists a trial in people who have MTSS.
    assert "moen-2012" in _finding_sources(shin.treatment)
    assert "test no treatment" not in DS.recommendation("treat-shin-pain-as-injury").advice


def test_patellofemoral_prevention_cites_the_recruit_trial() -> None:
    knee = DS.injury("patellofemoral-pain")
    (finding,) = [f for f in knee.prevention if "coppack-2011" in {s.id for s in f.sources}]
    assert finding.evidence is runtone.EvidenceGrade.RCT
    for part in ("1,502", "4.8%", "1.3%", "0.25", "not runners"):
        assert part in finding.text, part
    claim = DS.claim("hip-strengthening-helps")
    assert "coppack-2011" in {s.id for s in claim.sources}
    assert "prevention has not been shown" not in claim.explanation
    assert "did not test hip exercises alone" in claim.explanation
    assert claim.verdict is Verdict.PARTLY


def test_leg_strength_claim_reports_the_marathon_trial_and_the_subgroup() -> None:
    claim = DS.claim("leg-strength-reduces-injury-risk")
    assert {"toresdahl-2020", "coppack-2011", "lauersen-2014"} <= {s.id for s in claim.sources}
    for part in ("720", "7.1%", "7.3%", "0.97", "0.57 to 1.63"):
        assert part in claim.explanation, part
    # Lauersen's RR 0.315 belongs to the strength-training subgroup, not all 25 trials.
    assert "subgroup of strength-training trials" in claim.explanation
    assert "no trial of strength training against running injuries" not in claim.explanation
    assert claim.verdict is Verdict.PARTLY


def test_back_pain_prevention_rests_on_the_prevention_review() -> None:
    back = DS.injury("low-back-pain")
    (finding,) = [f for f in back.prevention if "steffens-2016" in {s.id for s in f.sources}]
    assert finding.evidence is runtone.EvidenceGrade.SYSTEMATIC_REVIEW
    for part in ("30,850", "0.55", "0.41 to 0.74", "0.65"):
        assert part in finding.text, part
    claim = DS.claim("hamstrings-glutes-protect-back")
    assert "steffens-2016" in {s.id for s in claim.sources}
    assert claim.verdict in {Verdict.PARTLY, Verdict.UNCLEAR}
    # The claim and the injury grade the prevention finding alike.
    assert claim.evidence is finding.evidence
    assert back.evidence is finding.evidence


def test_ankle_sprain_lists_balance_training_after_a_sprain() -> None:
    sprain = DS.injury("ankle-sprain")
    treated = _finding_sources(sprain.treatment)
    assert {"hupperets-2009", "schiftan-2015", "doherty-2017"} <= treated
    (trial,) = [f for f in sprain.treatment if "hupperets-2009" in {s.id for s in f.sources}]
    assert trial.evidence is runtone.EvidenceGrade.RCT
    for part in ("522", "33%", "22%", "0.63"):
        assert part in trial.text, part
    # For athletes who never sprained an ankle, the pooled result is called unproven.
    (first,) = [f for f in sprain.prevention if "schiftan-2015" in {s.id for s in f.sources}]
    assert "0.57" in first.text
    assert "unproven" in first.text
    # The trials in people after a sprain stay out of the prevention list.
    assert "hupperets-2009" not in _finding_sources(sprain.prevention)


def test_the_itbs_record_states_the_two_comparisons_without_leaning() -> None:
    itbs = DS.injury("itbs")
    # Grau's view that abductor work will not prevent ITBS is an opinion from a
    # comparison of people who already had it, not a prevention study.
    assert "grau-2008" not in _finding_sources(itbs.prevention)
    assert "prevent" in itbs.description
    (fredericson,) = [
        f for f in itbs.risk_factors if "fredericson-2000" in {s.id for s in f.sources}
    ]
    assert "control group" in fredericson.text
    (grau,) = [f for f in itbs.risk_factors if "grau-2008" in {s.id for s in f.sources}]
    assert "adductor strength did not differ" not in grau.text
    assert "hip-abductor and adductor" not in grau.text


def test_beers_is_not_said_to_have_closed_a_strength_gap() -> None:
    # The starting difference between the legs was only a trend (Beers 2008).
    itbs = DS.injury("itbs")
    (beers,) = [f for f in itbs.treatment if "beers-2008" in {s.id for s in f.sources}]
    assert "not significantly" in beers.text
    for advice in DS.recommendations:
        assert "closed the strength gap" not in advice.rationale, advice.id
    assert "closed the strength gap" not in beers.text


def test_blagrove_carries_the_volume_and_pages_read_on_its_page() -> None:
    source = DS.source("blagrove-2018")
    assert (source.volume, source.pages) == ("48(5)", "1117-1149")


def test_the_downhill_eccentric_work_is_attributed_to_its_review() -> None:
    shin = DS.muscle("tibialis-anterior")
    (finding,) = [f for f in shin.findings if "eston-1995" in {s.id for s in f.sources}]
    assert finding.text.startswith("A 1995 narrative review")
    assert "argues" in finding.text


def test_rectus_femoris_at_a_higher_step_rate_is_compared_with_the_preferred_rate() -> None:
    # E2: lenhart-2014-hip Table 1 gives the preferred-rate values (8.00 to 9.11 N/kg
    # in early swing, 8.93 to 7.88 in stance), so "not reported" was wrong.
    (effect,) = [
        e
        for e in DS.stride_effect("higher-cadence").muscle_effects
        if e.muscle.id == "rectus-femoris"
    ]
    finding = [f for f in DS.muscle("rectus-femoris").findings if "9.11" in f.text]
    for text, sources in ((effect.text, effect.sources), (finding[0].text, finding[0].sources)):
        assert "not reported" not in text
        for number in ("8.00", "9.11", "8.93", "7.88"):
            assert number in text, number
        assert "lenhart-2014-hip" in {s.id for s in sources}


def test_uphill_hamstring_texts_say_cai_found_no_difference_from_level() -> None:
    # E3: Cai 2010 found biceps femoris higher uphill than downhill only; the model's
    # uphill-over-level rise was at 5.0 m/s only.
    (effect,) = [
        e for e in DS.stride_effect("uphill").muscle_effects if e.muscle.id == "hamstrings"
    ]
    (finding,) = [
        f for f in DS.muscle("hamstrings").findings if "cai-2010" in {s.id for s in f.sources}
    ]
    claim = DS.claim("uphill-works-hamstrings-glutes-calves").explanation
    for text in (effect.text, finding.text, claim):
        assert "level" in text
        assert re.search(
            r"(?:no significant difference|not significantly different|did not"
            r" differ significantly)",
            text,
        ), text
        assert "5.0 m/s" in text, text


def test_downhill_glutes_are_disputed_and_not_a_downhill_target() -> None:
    # E4: eston-1995 expects more hip-extensor work downhill, ahn-2007-inclines found
    # the posterior muscles (gluteus maximus among them) tended to be less active.
    (effect,) = [e for e in DS.stride_effect("downhill").muscle_effects if e.muscle.id == "glutes"]
    assert effect.direction is runtone.Direction.UNKNOWN
    assert {"eston-1995", "ahn-2007-inclines"} <= {s.id for s in effect.sources}
    assert "disagree" in effect.text
    exercise = DS.exercise("downhill-running")
    assert "glutes" not in {t.muscle.id for t in exercise.targets}
    assert "ahn-2007-inclines" in {s.id for s in exercise.sources}


def test_foch_is_cited_for_its_results_not_its_background() -> None:
    # E5: Foch 2020 states gluteus medius's control of hip adduction as background;
    # its results were equal gluteus medius activity and less hip adduction excursion.
    for key in ("gluteus-medius", "glutes"):
        muscle = DS.muscle(key)
        foch = [f for f in muscle.findings if "foch-2020" in {s.id for s in f.sources}]
        results = [f for f in foch if "adduction excursion" in f.text]
        assert results, key
        assert all(f.evidence is runtone.EvidenceGrade.LAB for f in results), key
        assert "IT band syndrome" in results[0].text, key
        assert "inward less" in muscle.role, key
    (background,) = [
        f
        for f in DS.muscle("gluteus-medius").findings
        if "foch-2020" in {s.id for s in f.sources} and "background" in f.text
    ]
    assert background.evidence is runtone.EvidenceGrade.CONSENSUS


def test_the_forefoot_knee_texts_give_the_pooled_contact_force_and_the_comparison() -> None:
    # C2: Subasinghe 2025 compared forefoot striking with natural running (10 healthy
    # adults, foot strike not reported); the 2021 meta-analysis pooled knee axial
    # contact force over 2 studies: SMD 0.35 (95% CI -0.03 to 0.72), not significant.
    (knee,) = [
        j for j in DS.strike_pattern("forefoot-strike").joint_loads if j.structure.value == "knee"
    ]
    claim = DS.claim("forefoot-works-quadriceps").explanation
    for text in (knee.text, _forefoot_quadriceps().text, claim):
        assert "SMD 0.35" in text, text
        assert "natural running" in text, text
        assert "10 healthy adults" in text, text


def test_ahn_2007_anterior_muscles_are_not_read_as_tibialis_anterior_alone() -> None:
    # C4: Ahn 2007's "anterior muscles" include rectus femoris and vastus lateralis.
    (effect,) = [
        e for e in DS.stride_effect("downhill").muscle_effects if e.muscle.id == "tibialis-anterior"
    ]
    (finding,) = [
        f
        for f in DS.muscle("tibialis-anterior").findings
        if "ahn-2007-inclines" in {s.id for s in f.sources}
    ]
    for text in (effect.text, finding.text):
        assert "rectus femoris" in text, text
        assert "vastus lateralis" in text, text


def test_chumanov_is_described_at_its_speeds_and_phases() -> None:
    # C7: 80-100% of maximum speed; lengthening under load from 50% to 90% of the cycle.
    hamstrings = DS.muscle("hamstrings")
    (finding,) = [f for f in hamstrings.findings if {s.id for s in f.sources} == {"chumanov-2011"}]
    texts = (
        hamstrings.role,
        finding.text,
        DS.claim("hamstrings-bend-knee-after-toe-off").explanation,
    )
    for text in texts:
        assert "80 to 100%" in text, text
        assert "50% to 90%" in text, text


def test_teng_is_described_as_cross_sectional() -> None:
    # C9: Teng 2015 compared runners who leaned more with runners who leaned less.
    for key in ("gluteus-maximus", "quadriceps"):
        (finding,) = [
            f for f in DS.muscle(key).findings if "teng-2015" in {s.id for s in f.sources}
        ]
        assert "cross-sectional" in finding.text, key
    assert "0.12 against 0.05 J/kg" in next(
        f.text
        for f in DS.muscle("gluteus-maximus").findings
        if "teng-2015" in {s.id for s in f.sources}
    )


def test_the_conference_abstract_is_filed_as_one() -> None:
    # C8: a conference abstract is not a peer-reviewed paper; it has its own kind now.
    source = DS.source("hamner-2009-abstract")
    assert source.kind is SourceKind.CONFERENCE_ABSTRACT
    # And no record leans on it alone for a grade above a single-case laboratory result.
    for record in DS.citing(source):
        for finding in getattr(record, "findings", ()):
            if [s.id for s in finding.sources] == [source.id]:
                assert finding.evidence <= EvidenceGrade.LAB, record
