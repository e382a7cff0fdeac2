"""The pictures' texts: a body map's (:func:`runtone.diagram`) and a gait chart's."""

from __future__ import annotations

#: The English of each text, by key.
TEXTS = {
    # A comparison of two strike patterns, or a stride effect against its baseline.
    "diagram/change/title": "{a} \N{RIGHTWARDS ARROW} {b}: change in muscle work",
    "diagram/change/intro": "Going from {a} to {b}.",
    "diagram/effect/title": "{effect}: change in muscle work",
    "diagram/effect/intro": "{effect}, against its baseline: {baseline}",
    "diagram/change/heading": "Change in work",
    "diagram/change/legend/more": "more work or load",
    "diagram/change/legend/less": "less work or load",
    "diagram/change/legend/similar": "about the same",
    "diagram/change/legend/unknown": "direction unknown",
    "diagram/change/none": "no finding",
    # What a muscle's or a joint's shape says (its <title>), and the groups of the
    # description, by direction.
    "diagram/work/more": "more work",
    "diagram/work/less": "less work",
    "diagram/work/similar": "about the same",
    "diagram/work/unknown": "direction unknown",
    "diagram/load/more": "more load",
    "diagram/load/less": "less load",
    "diagram/load/similar": "about the same",
    "diagram/load/unknown": "direction unknown",
    "diagram/muscles/more": "More work",
    "diagram/muscles/less": "Less work",
    "diagram/muscles/similar": "About the same",
    "diagram/muscles/unknown": "Direction unknown",
    "diagram/joints/more": "Joints and tendons, more load",
    "diagram/joints/less": "Joints and tendons, less load",
    "diagram/joints/similar": "Joints and tendons, about the same",
    "diagram/joints/unknown": "Joints and tendons, direction unknown",
    "diagram/circles": "circles: joints, tendons",
    # An exercise's targets, and a plan week's, by role.
    "diagram/exercise/title": "{exercise}: muscles worked",
    "diagram/exercise/intro": "The muscles {exercise} works, by role.",
    "diagram/exercise/heading": "Role in the exercise",
    "diagram/exercise/none": "not worked",
    "diagram/week/title": "Week {number}: muscles trained",
    "diagram/week/intro": (
        "The muscles the sessions of week {number} work, each in the strongest role a"
        " session gives it."
    ),
    "diagram/week/heading": "Role in the week's sessions",
    "diagram/week/none": "not trained",
    "diagram/role/primary": "primary mover",
    "diagram/role/secondary": "secondary mover",
    "diagram/role/stabilizer": "stabilizer",
    "diagram/roles/primary": "Primary movers",
    "diagram/roles/secondary": "Secondary movers",
    "diagram/roles/stabilizer": "Stabilizers",
    # A mapping of muscles to intensities.
    "diagram/intensity/title": "Intensity by muscle",
    "diagram/intensity/intro": "Each muscle coloured by an intensity from 0 to 1.",
    "diagram/intensity/heading": "Intensity",
    "diagram/intensity/state": "intensity {value}",
    "diagram/intensity/none": "not given",
    # Every picture's description, and a muscle drawn in its group's colour.
    "diagram/seen": "The legs, hips and trunk seen from the {views}.",
    "diagram/and": "{first} and {second}",
    "diagram/group": "{heading}: {names}.",
    "diagram/uncoloured": "No muscle is coloured.",
    "diagram/undrawn": "Not drawn, for want of a shape: {names}.",
    "diagram/inherited": "shown with its group, {group}: {words}",
    # A shape's tooltip begins with its name ("Calves: more work"); a number's
    # decimal point ("intensity 0.75").
    "diagram/label": "{name}: ",
    "diagram/decimal": ".",
    # The gait chart (runtone.gait_chart): when in the stride each muscle works.
    "gait/title": "When the muscles work in the running stride",
    # A tick of the axis: a share of the gait cycle.
    "gait/tick": "{percent}%",
    "gait/desc": (
        "Each row is one study of one muscle: the bar shows where in the gait cycle,"
        " from foot contact (0%) to the next contact of the same foot (100%), the study"
        " found the muscle active; a shaded start of a row is the study's stance phase,"
        " where it gives toe-off."
    ),
    "gait/active": ("{muscle}: active from {onset}% to {offset}% of the gait cycle ({studies})"),
    "gait/footer": (
        "0% and 100%: the same foot touches down. Shaded: stance, where the study gives toe-off."
    ),
}
