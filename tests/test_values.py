"""Enum values: one parser for the API and the command line, one error family for bad values.

Every function that takes an enum value reads it with :func:`runtone._vocab.parse_enum`
(sets with :func:`~runtone._vocab.parse_enums`): a member, its value, its name, the
words the output shows, or an alias, in any case, with spaces, hyphens and
underscores alike.  A value that names no member raises
:class:`runtone.InvalidValueError` (:class:`runtone.ProfileError` for a profile or a
plan), whose message starts with the argument and suggests close values.
"""

from __future__ import annotations

import contextlib
import enum
import io
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from runtone import InvalidValueError, ProfileError, RuntoneError, cli
from runtone._vocab import (
    ALIASES,
    NO_EQUIPMENT,
    normalize,
    parse_enum,
    parse_enums,
    words,
)
from strategies import DS, ENUMS

MEMBERS = [member for cls in ENUMS for member in cls]


def spellings(member: enum.Enum) -> list[str]:
    """Every way a user may write ``member``: as the data, the code and the output spell it."""
    value = str(member.value)
    shown = words(member)
    forms = [value, member.name, shown, *ALIASES.get(member, ())]
    forms += [shown.title(), shown.upper(), value.replace("_", "-"), f"  {shown} ", shown.title()]
    forms += [member.name.replace("_", " "), value.replace("_", " - ")]
    return forms


def test_every_enum_is_covered() -> None:
    assert {cls.__name__ for cls in ENUMS} == {
        name
        for name in runtone.__all__
        if isinstance(getattr(runtone, name), type)
        and issubclass(getattr(runtone, name), enum.Enum)
    }


@given(member=st.sampled_from(MEMBERS), data=st.data())
def test_each_spelling_of_each_member_parses_to_it(member: enum.Enum, data: st.DataObject) -> None:
    spelt = data.draw(st.sampled_from([member, *spellings(member)]), label="spelt")
    assert parse_enum(type(member), spelt, "x") is member


@pytest.mark.parametrize(
    ("cls", "spelt", "member"),
    [
        (runtone.ExerciseKind, "running workout", runtone.ExerciseKind.RUNNING_WORKOUT),
        (runtone.Level, "Beginner", runtone.Level.BEGINNER),
        (runtone.EvidenceGrade, "RCT", runtone.EvidenceGrade.RCT),
        (runtone.EvidenceGrade, "systematic review", runtone.EvidenceGrade.SYSTEMATIC_REVIEW),
        (runtone.EvidenceGrade, "Meta-analysis", runtone.EvidenceGrade.SYSTEMATIC_REVIEW),
        (runtone.EvidenceGrade, "randomized controlled trial", runtone.EvidenceGrade.RCT),
        (runtone.Region, "Lower leg", runtone.Region.LOWER_LEG),
    ],
)
def test_values_are_read_as_the_output_shows_them(
    cls: type[enum.Enum], spelt: str, member: enum.Enum
) -> None:
    assert parse_enum(cls, spelt, "x") is member


@pytest.mark.parametrize("cls", ENUMS, ids=lambda cls: cls.__name__)
def test_no_spelling_names_two_members(cls: type[enum.Enum]) -> None:
    owner: dict[str, enum.Enum] = {}
    for member in cls:
        for spelt in spellings(member):
            assert owner.setdefault(normalize(spelt), member) is member, spelt
    if cls is runtone.Equipment:
        assert not {normalize(w) for w in NO_EQUIPMENT} & set(owner)


def test_every_alias_is_of_an_enum_member_and_not_another_spelling() -> None:
    for member, aliases in ALIASES.items():
        assert type(member) in ENUMS
        for alias in aliases:
            assert normalize(alias) not in {normalize(s) for s in spellings(member)[:3]}


@given(member=st.sampled_from(MEMBERS), junk=st.text(max_size=30))
def test_any_text_parses_to_the_member_it_spells_or_raises_naming_the_argument(
    member: enum.Enum, junk: str
) -> None:
    cls = type(member)
    try:
        found = parse_enum(cls, junk, "level")
    except InvalidValueError as caught:
        error = caught
    else:
        assert normalize(junk) in {normalize(s) for s in spellings(found)}
        return
    assert type(error) is InvalidValueError
    assert str(error).startswith("level: ")
    assert (error.field, len(error.suggestions) <= 3) == ("level", True)
    assert all(parse_enum(cls, s, "x").value == s for s in error.suggestions)
    assert all(repr(s) in str(error) for s in error.suggestions)
    assert normalize(junk) not in {normalize(s) for m in cls for s in spellings(m)}


@given(value=st.one_of(st.none(), st.integers(), st.binary(), st.sampled_from(MEMBERS)))
def test_a_value_of_another_type_or_enum_is_a_type_error(value: object) -> None:
    if isinstance(value, runtone.Level):
        return
    with pytest.raises(TypeError, match=r"^level: expected Level or its value"):
        parse_enum(runtone.Level, value, "level")


def test_an_unknown_value_gets_close_matches_like_an_unknown_key() -> None:
    with pytest.raises(InvalidValueError) as info:
        DS.find_exercises(kind="runing workout")
    assert info.value.suggestions == ("running_workout",)
    assert str(info.value) == (
        "kind: 'runing workout' is not one of 'strength', 'plyometric', 'running_workout',"
        " 'drill', 'mobility', 'cross_training'; did you mean 'running_workout'?"
    )
    with pytest.raises(ProfileError) as profile:
        runtone.Profile(level="beginer")
    assert profile.value.suggestions == ("beginner",)
    assert str(profile.value).endswith("; did you mean 'beginner'?")


def test_the_suggestions_are_ranked_as_the_lookups_rank_them() -> None:
    # The same typo against the same candidates: the lookups' ranking, as an enum's.
    with pytest.raises(InvalidValueError) as info:
        parse_enum(runtone.Region, "lowr_leg", "region")
    assert info.value.suggestions == ("lower_leg",)
    with pytest.raises(runtone.UnknownIdError) as lookup:
        DS.muscle("hamstrng")
    assert lookup.value.suggestions[0] == "hamstrings"


# --- equipment: "none" and "bodyweight" --------------------------------------------------


@pytest.mark.parametrize("word", ["none", "None", "bodyweight", "body weight", "Body-Weight"])
def test_a_word_for_no_equipment_means_the_empty_set(word: str) -> None:
    assert parse_enums(runtone.Equipment, [word], "equipment") == frozenset()
    assert runtone.Profile(equipment=[word]) == runtone.Profile(equipment=())
    assert DS.find_exercises(equipment=[word]) == DS.find_exercises(equipment=())


def test_no_equipment_cannot_be_combined_with_equipment() -> None:
    with pytest.raises(ProfileError, match=r"^equipment: 'none' means no equipment and cannot"):
        runtone.Profile(equipment=["dumbbells", "none"])
    with pytest.raises(InvalidValueError, match=r"^equipment: 'bodyweight' means no equipment"):
        DS.find_exercises(equipment=["bodyweight", "step"])


def test_a_misspelt_no_equipment_word_is_suggested() -> None:
    with pytest.raises(InvalidValueError) as info:
        parse_enums(runtone.Equipment, ["nnoe"], "equipment")
    assert info.value.suggestions == ("none",)
    assert "'stairs', 'none'" in str(info.value)


def test_a_set_of_values_is_read_item_by_item() -> None:
    goals = parse_enums(runtone.Goal, iter(["Fat loss", "SPEED", "speed"]), "goals")
    assert goals == {runtone.Goal.FAT_LOSS, runtone.Goal.SPEED}
    with pytest.raises(TypeError, match=r"^goals: expected a collection of Goal values"):
        parse_enums(runtone.Goal, "speed", "goals")


# --- every user of the parser ---------------------------------------------------------------


def test_the_api_reads_values_as_the_output_shows_them() -> None:
    assert DS.find_exercises(kind="running workout") == DS.find_exercises(kind="running_workout")
    assert DS.find_muscles(region="lower leg") == DS.find_muscles(region="lower_leg")
    assert DS.find_claims(min_evidence="RCT") == DS.find_claims(min_evidence="rct")
    assert DS.find_recommendations(level="Beginner") == DS.find_recommendations(level="beginner")
    profile = runtone.Profile(level="Intermediate", goals=["injury prevention"])
    assert profile == runtone.Profile(level="intermediate", goals=["injury_prevention"])
    assert runtone.recommend(profile, min_evidence="systematic review") == runtone.recommend(
        profile, min_evidence="systematic_review"
    )


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("argv", "same_as"),
    [
        (["exercises", "--kind", "running workout"], ["exercises", "--kind", "running_workout"]),
        (["exercises", "--level", "Beginner"], ["exercises", "--level", "beginner"]),
        (["claims", "--min-evidence", "RCT"], ["claims", "--min-evidence", "rct"]),
        (
            ["claims", "--min-evidence", "systematic review"],
            ["claims", "--min-evidence", "systematic_review"],
        ),
        (["exercises", "--equipment", "none"], ["exercises", "--equipment", "none"]),
        (["exercises", "--equipment", "bodyweight"], ["exercises", "--equipment", "none"]),
        (["plan", "--level", "Advanced", "--json"], ["plan", "--level", "advanced", "--json"]),
    ],
)
def test_the_command_line_reads_values_as_the_output_shows_them(
    argv: list[str], same_as: list[str]
) -> None:
    code, out, err = _cli(*argv)
    assert (code, err) == (0, "")
    assert out == _cli(*same_as)[1]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["exercises", "--kind", "runing"], "did you mean 'running_workout'?"),
        (["claims", "--min-evidence", "RTC"], "did you mean 'rct'?"),
        (["exercises", "--equipment", "dumbell"], "did you mean 'dumbbells'?"),
    ],
)
def test_the_command_line_suggests_close_values(argv: list[str], said: str) -> None:
    code, out, err = _cli(*argv)
    assert (code, out) == (2, "")
    assert said in err


# --- one error family ---------------------------------------------------------------------


def test_bad_values_are_one_family_of_errors() -> None:
    assert issubclass(InvalidValueError, RuntoneError)
    assert issubclass(InvalidValueError, ValueError)
    assert issubclass(ProfileError, InvalidValueError)
    with pytest.raises(InvalidValueError) as info:
        runtone.find_exercises(level="pro")
    assert type(info.value) is InvalidValueError  # not a plain ValueError any more
    with pytest.raises(InvalidValueError):
        runtone.Profile(running_days=9)
    with pytest.raises(InvalidValueError):
        runtone.plan(runtone.Profile(), weeks=0)


@pytest.mark.parametrize(
    "error",
    [
        InvalidValueError("level", "'x' is not one of 'beginner'", ("beginner",)),
        ProfileError("weeks", "must be from 1 to 52, got 0"),
    ],
)
def test_a_bad_value_error_pickles_as_itself(error: InvalidValueError) -> None:
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(again) is type(error)
    assert (again.field, again.problem, again.suggestions, str(again)) == (
        error.field,
        error.problem,
        error.suggestions,
        str(error),
    )
