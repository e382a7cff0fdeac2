"""The headings and labels of text output (:func:`runtone.to_text`, the command line's).

Field labels are made from the record classes' fields and the profile's, as
``text/field/<field>`` (English: the name in words, ``see_a_clinician`` -> ``see a
clinician``); what a collection's records are called, and counted, from the
collections' names (``text/collection/<collection>``, ``text/record/<collection>``,
``text/count/<collection>/one`` and ``.../many``).  The rest is written out below.
"""

from __future__ import annotations

import attrs

from .._loader import COLLECTIONS as _LOADED
from ..errors import singular

#: The collections, in the loader's order.
COLLECTIONS = tuple(c.name for c in _LOADED)

#: The fields of a profile (a test holds them to :class:`runtone.Profile`'s; importing
#: the coaching engine here would load it for every record shown).
PROFILE_FIELDS = (
    "goals",
    "level",
    "strike_pattern",
    "weak_muscles",
    "tight_muscles",
    "injuries",
    "past_injuries",
    "equipment",
    "running_days",
    "strength_days",
    "minutes_per_session",
    "race",
    "current_running_days",
    "weekly_minutes",
    "longest_run",
)

#: The labels that are no field of a class: a record's relations, and the field a
#: search matched in a translated dataset's English.
_OTHER_LABELS = ("parts", "cited_by", "english")

#: The record classes, in the collections' order.
_RECORDS = tuple(dict.fromkeys(c.record for c in _LOADED))

#: Every field whose label text output shows, in the order first met.
FIELDS = tuple(
    dict.fromkeys(
        [
            *(field.name for cls in _RECORDS for field in attrs.fields(cls)),
            *PROFILE_FIELDS,
            *_OTHER_LABELS,
        ]
    )
)

#: The header of each table column, by its key's last part.
_COLUMNS = {
    # A collection's table: the columns of runtone._text.COLUMNS ("baseline_id" is "baseline").
    "id": "id",
    "name": "name",
    "title": "title",
    "region": "region",
    "part_of": "part of",
    "kind": "kind",
    "level": "level",
    "equipment": "equipment",
    "baseline": "baseline",
    "category": "category",
    "evidence": "evidence",
    "verdict": "verdict",
    "year": "year",
    # Records of several collections, and search results.
    "record": "record",
    "match": "match",
    "matched_text": "matched text",
    # The dataset's collections.
    "collection": "collection",
    "records": "records",
    # A comparison of two strike patterns.
    "muscle": "muscle",
    "joint": "joint",
    "change": "change",
    "sources": "sources",
}

_FIXED = {
    # Lists, values and cells.
    "text/none": "none",
    "text/yes": "yes",
    "text/no": "no",
    # Counts under a table of records of several collections, and of search results.
    "text/count/records/one": "{count} record",
    "text/count/records/many": "{count} records",
    "text/count/results/one": "{count} result",
    "text/count/results/many": "{count} results",
    # A search result's match: its kind, then the field it matched in.
    "text/match/exact": "exact",
    "text/match/prefix": "prefix",
    "text/match/words": "words",
    "text/match/partial": "partial",
    "text/match": "{match} ({field})",
    # Value objects.
    "text/activity_window": "{onset}-{offset}% of the gait cycle: {text} {cite}",
    "text/row/derived": "worked out through a common baseline",
    "text/row/measured": "measured",
    "text/intensity": "{name}: effort {low}-{high} of 20, {talk}",
    "text/strength_item": "{exercise}: {dose}",
    "text/strength_item/default": "{exercise}: {dose} (runtone's starting default)",
    "text/strength": "strength {minutes} min: {items}",
    "text/needs": "{dose}; needs {equipment}",
    "text/sets": "{sets} x {reps}",
    "text/repeats": "{repeats} x {step}",
    "text/run": "{kind} {minutes} min: {exercise}",
    "text/run/steps": "{kind} {minutes} min ({steps}): {exercise}",
    # A profile.
    "text/profile": "Profile",
    # A comparison of two strike patterns.
    "text/comparison/intro": "Each row: the work under {b}, compared.",
    "text/comparison/no_muscles": "no muscle rows",
    "text/comparison/no_joints": "no joint rows",
    "text/comparison/derived": "* worked out through a common baseline, not measured directly",
    # A suggestion's labels.
    "text/suggestion/why": "why",
    "text/suggestion/evidence": "evidence",
    "text/suggestion/dosage": "dosage",
    "text/suggestion/exercises": "exercises",
    "text/suggestion/sources": "sources",
    "text/suggestion/score": "{evidence}, score {score}",
    # A plan, its weeks and days.
    "text/day": "Day {number}",
    "text/day/rest": "rest",
    "text/week": "Week {number}, {kind} ({running} min running, {minutes} in all)",
    "text/plan/from": "From: {recommendations}",
    "text/plan/from/none": "From: no recommendation",
    "text/plan/changed": "Changed: {field} {asked} -> {planned}: {reason}.",
    # The profile's field a plan could not give as asked, as a change names it.
    "text/plan/changed/running_days": "running_days",
    "text/plan/changed/strength_days": "strength_days",
    "text/plan/note": "Note: {note}",
    "text/plan/default": "* runtone's starting default: no source gives a dose.",
}

#: The English of each text, by key.
TEXTS: dict[str, str] = {
    **{f"text/field/{name}": name.replace("_", " ") for name in FIELDS},
    **{f"text/column/{name}": header for name, header in _COLUMNS.items()},
    **{f"text/collection/{name}": name.replace("_", " ") for name in COLLECTIONS},
    **{f"text/record/{name}": singular(name) for name in COLLECTIONS},
    **{f"text/count/{name}/one": "{count} " + singular(name) for name in COLLECTIONS},
    **{f"text/count/{name}/many": "{count} " + name.replace("_", " ") for name in COLLECTIONS},
    **_FIXED,
}
