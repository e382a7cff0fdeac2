"""What the coaching engine writes into a plan: its notes, changes, reasons and steps.

The plan's numbers, names and the data's own statements are the fields; a
translation keeps every one of them and may put them in its own order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._messages import Words


def intensity(say: Words, name: str) -> str:
    """An intensity's name in words (``Intensity.name``, ``"very hard"``, is the English key).

    A name of no text of its own (a hand-made intensity's) is shown as it is.
    """
    return say.text(f"plan/intensity/{name}", name)


#: The English of each text, by key.
TEXTS: dict[str, str] = {
    # An intensity's name, as shown (Intensity.name itself stays the English key), and
    # what the runner can still say at it (Intensity.talk).
    "plan/intensity/walk": "walk",
    "plan/intensity/easy": "easy",
    "plan/intensity/hard": "hard",
    "plan/intensity/very hard": "very hard",
    "plan/talk/walk": "talk freely",
    "plan/talk/easy": "speak in full sentences",
    "plan/talk/hard": "a few words at a time",
    "plan/talk/very hard": "a word or two at most",
    # A step's label (Step.label).
    "plan/step/easy run": "easy run",
    "plan/step/brisk walk": "brisk walk",
    "plan/step/run": "run",
    "plan/step/tempo": "tempo",
    "plan/step/interval": "interval",
    "plan/step/uphill": "uphill",
    "plan/step/stride": "stride",
    # Why a session is in the week (RunSession.why).
    "plan/why/long": "the week's longest run, at an easy effort",
    "plan/why/easy": "easy running, the bulk of the week",
    "plan/why/run-walk": "stage {stage} of the run-walk ramp toward continuous running",
    "plan/why/cross": (
        "low-impact exercise in place of running while your {injuries} settles"
        " (swimming will do as well)"
    ),
    "plan/why/tempo": "a steady comfortably hard run",
    "plan/why/intervals": "four-minute intervals with jogged recoveries",
    "plan/why/hills": "hill repeats, jogging back down between them",
    "plan/why/strides": "an easy run with short fast strides at the end",
    # Why a strength item is in the plan (StrengthItem.why).
    "plan/item/treats": "treats your {injury} ({evidence})",
    "plan/item/prevents": "helps keep away your past {injury} ({evidence})",
    "plan/item/sessions": "{why}; the trial's protocol ran {sessions} sessions a week",
    "plan/item/advice": "from the advice '{advice}'",
    "plan/item/general": "strength work for every runner, from the advice '{advice}'",
    # A strength item's repetitions (StrengthItem.reps).
    "plan/reps/default": "10 to 12 repetitions",
    "plan/reps/default-holds": "holds for as long as good form lasts",
    "plan/reps/protocol": "as the protocol describes",
    "plan/reps/holds": "{seconds}-second holds",
    "plan/reps/range": "{least} to {most} repetitions",
    "plan/reps/exactly": "{count} repetitions",
    "plan/reps/up-to": "up to {most} repetitions",
    # A day count the plan could not give (Adjustment.reason).
    "plan/adjust/no-workout": "the dataset has no {workout} workout",
    "plan/adjust/beginner-runs": (
        "beginners run {most} times a week with a rest day between ({rule})"
    ),
    "plan/adjust/strength-days": (
        "the evidence supports {least} to {most} strength days a week (ACSM; Blagrove et"
        " al. 2018), so the plan gives the most of that range"
    ),
    "plan/adjust/no-strength": (
        "no suggestion for this profile has a strength, plyometric or mobility exercise"
        " it can do (with its equipment and injuries)"
    ),
    # How a week differs from the last (Change.text).
    "plan/change/taper": (
        "Taper for the {race}: about {percent}% less running than the peak week, on the"
        " same days, keeping hard sessions where they fit"
    ),
    "plan/change/taper-injured": (
        "Taper for the {race}: about {percent}% less of the running held while the injury settles"
    ),
    "plan/change/start": "The first week starts from the running you do now",
    "plan/change/start-assumed": (
        "The first week assumes some running already (no current running given)"
    ),
    "plan/change/lighter": (
        "A lighter week: about {percent}% less running than the last full week, no hard sessions"
    ),
    "plan/change/held-injured": (
        "Running stays at the first week's level while the injury settles"
    ),
    "plan/change/no-running": (
        "No running while the injury settles: low-impact exercise in its place"
    ),
    "plan/change/back": (
        "Back toward the last full week's running, at most {cap}% more than last week"
    ),
    "plan/change/level": "Running stays level",
    "plan/change/build": (
        "Up to {ten}% more running than the last full week, and at most {cap}% more than last week"
    ),
    "plan/change/run-walk-held": (
        "The run-walk stays at the first week's stage while the injury settles"
    ),
    "plan/change/run-walk-start": "Run-walk spells to begin",
    "plan/change/continuous": "Continuous easy runs at the target length",
    "plan/change/run-walk-stage": (
        "Stage {stage} of {stages} of the run-walk ramp: longer running spells"
    ),
    "plan/change/capped": (
        "Runs are held to about a tenth longer than the longest run of the past 30 days"
    ),
    # What the runner should know about the whole plan (Note.text).
    "plan/note/race-run-walk": (
        "The {race} is the day after week {weeks} ends; the run-walk ramp has no taper before it"
    ),
    "plan/note/race": (
        "The {race} is the day after week {weeks} ends; the last week has no long run,"
        " and a hard session only early in the week, where one fits"
    ),
    "plan/note/short-taper": (
        "A race taper takes about {full} weeks; this plan has room for {room}"
    ),
    "plan/note/race-injured": (
        "While the injury is current the plan cannot build toward the race; whether to"
        " race depends on how it settles"
    ),
    "plan/note/run-walk-load": (
        "The load rules count a run-walk session whole, walking included; the running"
        " within it grows stage by stage as the run-walk rule's plan does, faster than"
        " a tenth a week"
    ),
    "plan/note/run-walk-time": (
        "{target} minutes of running after the {warm}-minute brisk walk need {total}"
        " minutes a session; with {minutes}, the walk shortens as the running grows"
    ),
    "plan/note/clinician": "See a clinician: {finding}",
    "plan/note/no-treatment": (
        "No exercise in the data has been shown to treat {injury}; the plan manages the"
        " running instead"
    ),
    "plan/note/settled": (
        "The plan cannot tell when the injury has settled: once it has, or a clinician"
        " says so, make a new plan without it and build back slowly"
    ),
    "plan/note/ramp": (
        "The run-walk ramp takes {stages} weeks; this plan covers the first {weeks}"
    ),
    "plan/note/assumed": (
        "No current running was given (weekly_minutes, longest_run): the first week"
        " assumes about {percent}% of the running time available"
    ),
}
