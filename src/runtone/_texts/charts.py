"""The plan chart's words (:func:`runtone.plan_chart`) and the plan calendar's (``Plan.to_ics``)."""

from __future__ import annotations

#: The English of each text, by key.
TEXTS: dict[str, str] = {}
