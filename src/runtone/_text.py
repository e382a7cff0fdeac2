"""Records and results as plain text that fits a given width: what ``runtone`` prints.

:func:`to_text` renders every record (a heading, then one labelled field a line,
wrapped), a sequence of records (a table, one row each), a comparison of two
strike patterns, suggestions, a plan with its weeks and days, a profile and a
dataset.  Lines are at most ``width`` characters: long text wraps at spaces and a
word longer than a line is broken; table cells that cannot fit are cut with
``...``.  The output is deterministic: the same object and width give the same
text.

A record's text needs only the record classes: the classes of results
(comparisons, suggestions, plans, profiles) are imported when a result is
rendered, so that ``runtone muscle quads`` does not import the coaching engine.
"""

from __future__ import annotations

import enum
import textwrap
from typing import TYPE_CHECKING, cast

import attrs

from ._dataset import Dataset
from ._loader import COLLECTIONS
from ._records import (
    ActivityWindow,
    Assertion,
    Dosage,
    Dose,
    Finding,
    JointLoad,
    Muscle,
    MuscleEffect,
    Parameter,
    Source,
    StrideEffect,
    Target,
)
from ._vocab import EvidenceGrade, StrideCategory
from .errors import InvalidValueError, UnknownIdError, shown, singular

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._compare import JointRow, MuscleRow, StrikeComparison
    from ._recommend import Suggestion
    from ._search import SearchResult
    from .coaching.profile import Profile
    from .coaching.sessions import (
        Day,
        Plan,
        RunSession,
        Step,
        StrengthItem,
        Week,
    )

__all__ = ["COLUMNS", "LABEL", "MIN_WIDTH", "table", "to_text"]

#: The narrowest width :func:`to_text` accepts: a label column and a few words beside it.
MIN_WIDTH = 40
#: Width of the label column when a record is shown.
LABEL = 16
#: The narrowest the last column of a table may be.
_MIN_LAST = 10
#: The narrowest a table cell is cut to before the id column is cut too.
_MIN_CELL = 8
#: Lists of strings longer than this go one item a line.
_SHORT_ITEM = 30

#: The collection of each record class.
_COLLECTION_OF = {c.record: c.name for c in COLLECTIONS}

#: The columns of each collection's table, in one order for all: the id, the name (or
#: title) where the table has room for one, the fields that sort the records into kinds,
#: and the evidence grade last.
COLUMNS: dict[str, tuple[str, ...]] = {
    "muscles": ("id", "name", "region", "part_of"),
    "exercises": ("id", "kind", "level", "equipment"),
    "strike_patterns": ("id", "name", "baseline_id", "evidence"),
    "stride_effects": ("id", "name", "category", "evidence"),
    "claims": ("id", "verdict", "evidence"),
    "injuries": ("id", "name", "evidence"),
    "recommendations": ("id", "title", "evidence"),
    "sources": ("id", "title", "year"),
    "terms": ("id", "name", "evidence"),
    "training_rules": ("id", "name", "evidence"),
}


def to_text(obj: object, width: int = 80, *, dataset: Dataset | None = None) -> str:
    r"""``obj`` as plain text of lines at most ``width`` characters long.

    ``obj`` is a record (a heading and its fields), a tuple or list of records (a
    table, one row each, with a count), a :class:`~runtone.StrikeComparison`,
    a :class:`~runtone.Suggestion` or a sequence of them (numbered), a
    :class:`~runtone.SearchResult` or a sequence of them (a table, best first),
    a :class:`~runtone.Plan`, :class:`~runtone.Week` or :class:`~runtone.Day`
    (days are numbered 1 to 7), a :class:`~runtone.Profile`, a
    :class:`~runtone.Dataset` (its collections and their sizes), or one of the
    value objects records hold (a finding, a target, an effect, a dosage...).
    References to other records are shown as their ids; enum values as words.

    >>> print(to_text(runtone.muscle("soleus"), 60).splitlines()[2])
    id:             soleus

    Args:
        obj: What to render.
        width: The longest a line may be: 40 or more.
        dataset: Where a record's relations are looked up (a muscle's parts, the
            records citing a source); by default the packaged dataset, when the
            record is one of its own (otherwise those lines are left out).

    Returns:
        The text, lines separated by ``"\n"``, with no final newline.

    Raises:
        InvalidValueError: ``width`` is less than 40.
        TypeError: ``width`` is not a whole number, ``dataset`` is not a
            :class:`~runtone.Dataset`, or ``obj`` is of a kind it cannot render.
    """
    if isinstance(width, bool) or not isinstance(width, int):
        raise TypeError(f"width: expected a whole number, got {shown(width)}")
    if width < MIN_WIDTH:
        raise InvalidValueError("width", f"must be at least {MIN_WIDTH}, got {shown(width)}")
    if dataset is not None and not isinstance(dataset, Dataset):
        raise TypeError(f"dataset: expected a runtone.Dataset, got {shown(dataset)}")
    return _Renderer(width, dataset).render(obj)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int = 80) -> str:
    """Rows of cells (strings) in aligned columns under ``headers``, fitting ``width``.

    Raises:
        InvalidValueError: ``width`` is less than 40.
    """
    if width < MIN_WIDTH:
        raise InvalidValueError("width", f"must be at least {MIN_WIDTH}, got {shown(width)}")
    return _Renderer(width, None).table(headers, rows)


def _wrap(text: str, width: int, initial: str = "", subsequent: str = "") -> list[str]:
    """Lines of at most ``width``; ids (``foot-strike-meta-analysis-2021``) stay whole."""
    return textwrap.wrap(
        text,
        width,
        initial_indent=initial,
        subsequent_indent=subsequent,
        break_on_hyphens=False,
    )


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 3, 0)] + "..."


def _words(value: enum.Enum) -> str:
    return str(value.value).replace("_", " ")


def _ref(value: object) -> str:
    return str(getattr(value, "id", value))


def _cite(evidence: EvidenceGrade, sources: Sequence[object]) -> str:
    return f"[{_words(evidence)}: {', '.join(_ref(s) for s in sources)}]"


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return _words(value)
    if hasattr(value, "id"):
        return _ref(value)
    return str(value)


def _summary(value: object) -> str:  # noqa: PLR0911 - one form per value class
    """One value object of a record or result in one line (wrapped later)."""
    if isinstance(value, Finding):
        return f"{value.text} {_cite(value.evidence, value.sources)}"
    if isinstance(value, Target):
        return f"{value.muscle.id} ({_words(value.role)})"
    if isinstance(value, (MuscleEffect, JointLoad)):
        what = value.muscle.id if isinstance(value, MuscleEffect) else _words(value.structure)
        size = f" ({value.magnitude})" if value.magnitude else ""
        return (
            f"{what}: {value.direction.value}{size}. {value.text} "
            f"{_cite(value.evidence, value.sources)}"
        )
    if isinstance(value, Assertion):
        return f"{value.effect.id}: {value.muscle.id} {value.direction.value}"
    if isinstance(value, ActivityWindow):
        return (
            f"{value.onset}-{value.offset}% of the gait cycle: {value.text} "
            f"{_cite(value.evidence, value.sources)}"
        )
    if isinstance(value, Dose):
        return f"{value.text} {_cite(value.evidence, value.sources)}"
    if isinstance(value, Dosage):
        return value.text
    if isinstance(value, Parameter):
        return f"{value.name}: {value.value} {value.unit}"
    return _result_summary(value)


def _result_summary(value: object) -> str:  # noqa: PLR0911 - one form per value class
    """:func:`_summary` of a value object of a result (a comparison, a suggestion, a plan)."""
    from ._compare import JointRow, MuscleRow  # noqa: PLC0415 - only results need them
    from ._recommend import Reason  # noqa: PLC0415
    from .coaching.sessions import (  # noqa: PLC0415
        Change,
        Intensity,
        Note,
        RunSession,
        Step,
        StrengthItem,
        StrengthSession,
    )

    if isinstance(value, (MuscleRow, JointRow)):
        what = value.muscle.id if isinstance(value, MuscleRow) else _words(value.structure)
        how = "worked out through a common baseline" if value.derived else "measured"
        return (
            f"{what}: {value.direction.value} ({how}). {value.text} "
            f"{_cite(value.evidence, value.sources)}"
        )
    if isinstance(value, Reason):
        return value.text
    if isinstance(value, RunSession):
        return _run_line(value)
    if isinstance(value, Step):
        return _step_line(value)
    if isinstance(value, Intensity):
        return f"{value.name}: effort {value.rpe_min}-{value.rpe_max} of 20, {value.talk}"
    if isinstance(value, Change):
        return value.text + _rule_ids(value.rules)
    if isinstance(value, Note):
        return value.text + _rule_ids(value.rules)
    if isinstance(value, StrengthItem):
        mark = " (runtone's starting default)" if value.default_dosage else ""
        return f"{value.exercise.id}: {_dose_words(value)}{mark}"
    if isinstance(value, StrengthSession):
        return f"strength {value.minutes} min: " + "; ".join(_summary(i) for i in value.items)
    return _plain(value)


#: Value objects of records :func:`to_text` renders on their own, as their one-line
#: summary (:func:`_result_values` gives those of results).
_VALUES = (
    ActivityWindow,
    Finding,
    Target,
    MuscleEffect,
    JointLoad,
    Assertion,
    Dose,
    Dosage,
    Parameter,
)


def _result_values() -> tuple[type, ...]:
    """Value objects of results :func:`to_text` renders on their own, as their summary."""
    from ._compare import JointRow, MuscleRow  # noqa: PLC0415 - only results need them
    from ._recommend import Reason  # noqa: PLC0415
    from .coaching.sessions import (  # noqa: PLC0415
        Change,
        Intensity,
        Note,
        RunSession,
        Step,
        StrengthItem,
        StrengthSession,
    )

    return (
        MuscleRow,
        JointRow,
        Reason,
        RunSession,
        StrengthItem,
        StrengthSession,
        Step,
        Intensity,
        Change,
        Note,
    )


def _rule_ids(rules: Sequence[object]) -> str:
    ids = [cast("str", getattr(r, "id", "")) for r in rules]
    return f" [{', '.join(ids)}]" if ids else ""


def _length(seconds: int) -> str:
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    if seconds > 120:  # noqa: PLR2004 - whole minutes and seconds past two minutes
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds} s"


def _step_line(step: Step) -> str:
    what = f"{step.label} {_length(step.seconds)} {step.intensity.name}"
    if step.repeats > 1:
        what = f"{step.repeats} x {what}"
    if step.recovery_seconds and step.recovery is not None:
        what += f" / {_length(step.recovery_seconds)} {step.recovery.name}"
    return what


def _dose_words(item: StrengthItem) -> str:
    words = f"{item.sets} x {item.reps}" if item.sets is not None else item.reps
    if item.needs:
        words += "; needs " + ", ".join(sorted(e.value.replace("_", " ") for e in item.needs))
    return words


def _run_line(run: RunSession) -> str:
    kind = run.kind.value.replace("_", " ")
    main = [
        s for s in run.steps if s.repeats > 1 or s.recovery_seconds or s.intensity.name != "easy"
    ]
    detail = f" ({'; '.join(_step_line(s) for s in main)})" if main else ""
    return f"{kind} {run.minutes} min{detail}: {run.exercise.id}"


def _caps(widths: list[int], budget: int) -> list[int]:
    """``widths`` cut down, widest first, until they add up to at most ``budget``."""
    if sum(widths) <= budget:
        return widths
    low, high = 0, max(widths)  # the largest cap that fits, by bisection (linear in cells)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(min(w, cap) for w in widths) <= budget:
            low = cap
        else:
            high = cap - 1
    return [min(w, low) for w in widths]


class _Renderer:
    """Renders in ``width`` columns, looking relations up in ``dataset`` (or the default)."""

    __slots__ = ("dataset", "width")

    def __init__(self, width: int, dataset: Dataset | None) -> None:
        self.width, self.dataset = width, dataset

    def render(self, obj: object) -> str:
        # Records, their values and the dataset first: no other class is needed for them.
        if type(obj) in _COLLECTION_OF:
            return self.record(obj)
        if isinstance(obj, Dataset):
            return self.counts(obj)
        if isinstance(obj, _VALUES):
            return "\n".join(_wrap(_summary(obj), self.width))
        if isinstance(obj, (tuple, list)):
            items = cast("Sequence[object]", obj)
            if not items:
                return "none"
            if all(type(i) in _COLLECTION_OF for i in items):
                return self.table_of(items)
        return self.result(obj)

    def result(self, obj: object) -> str:  # noqa: PLR0911 - one form per class
        """A result (a comparison, suggestions, a plan, a profile), or a list of things.

        Each result's module is imported only when the ones before it do not match,
        so that a comparison does not import the coaching engine.
        """
        from ._compare import StrikeComparison  # noqa: PLC0415 - only results need them

        if isinstance(obj, StrikeComparison):
            return self.comparison(obj)
        from ._recommend import Suggestion  # noqa: PLC0415

        if isinstance(obj, Suggestion):
            return self.suggestions([obj], numbered=False)
        from .coaching.sessions import Day, Plan, Week  # noqa: PLC0415

        if isinstance(obj, Plan):
            return self.plan(obj)
        if isinstance(obj, Week):
            return "\n".join(self.week(obj))
        if isinstance(obj, Day):
            return "\n".join(self.day(obj))
        from .coaching.profile import Profile  # noqa: PLC0415

        if isinstance(obj, Profile):
            return self.profile(obj)
        from ._search import SearchResult  # noqa: PLC0415

        if isinstance(obj, SearchResult):
            return self.search_results([obj])
        if isinstance(obj, _result_values()):
            return "\n".join(_wrap(_summary(obj), self.width))
        if isinstance(obj, (tuple, list)):
            # Not empty, not all records: render did those.
            return self.sequence(cast("Sequence[object]", obj))
        raise TypeError(f"obj: to_text cannot render a {type(obj).__name__}")

    def sequence(self, items: Sequence[object]) -> str:
        """Suggestions (numbered), search results (a table), or anything else in turn."""
        from ._recommend import Suggestion  # noqa: PLC0415 - only results need them
        from ._search import SearchResult  # noqa: PLC0415

        if all(isinstance(i, Suggestion) for i in items):
            return self.suggestions(cast("Sequence[Suggestion]", items))
        if all(isinstance(i, SearchResult) for i in items):
            return self.search_results(cast("Sequence[SearchResult]", items))
        return "\n\n".join(self.render(item) for item in items)

    # --- tables -------------------------------------------------------------------------

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        wrap: bool = False,
        keep_first: bool = False,
    ) -> str:
        """Rows in aligned columns; the last column is cut (or wrapped) to fit the width."""
        widths = [len(h) for h in headers]
        for row in rows:
            for i, cell in enumerate(row):
                widths[i] = max(widths[i], len(cell))
        gaps = 2 * (len(headers) - 1)
        # Keep room for the last column: all of it if short (an evidence grade), else some;
        # a wrapped column room for its longest word (an id), up to a third of the width.
        if wrap:
            longest = max((len(word) for row in rows for word in row[-1].split()), default=0)
            room = max(_MIN_LAST, min(longest, self.width // 3))
        else:
            room = min(widths[-1], max(_MIN_LAST, self.width // 4))
        budget = self.width - room - gaps
        fixed_widths = _caps(widths[:-1], budget)
        if keep_first:  # cut the columns after the first (names) before the first (ids)
            rest = _caps(widths[1:-1], budget - widths[0])
            if all(w >= min(_MIN_CELL, widths[i + 1]) for i, w in enumerate(rest)):
                fixed_widths = [widths[0], *rest]
        fixed = sum(fixed_widths) + gaps
        last = self.width - fixed
        lines = []
        for row in (headers, ["-" * len(h) for h in headers], *rows):
            cells = [
                _clip(c, fixed_widths[i]).ljust(fixed_widths[i]) for i, c in enumerate(row[:-1])
            ]
            tail = _wrap(row[-1], last) if wrap else [_clip(row[-1], last)]
            lines.append("  ".join([*cells, tail[0] if tail else ""]).rstrip())
            lines += [" " * fixed + more for more in tail[1:]]
        return "\n".join(lines)

    def table_of(self, records: Sequence[object]) -> str:
        kinds = {_collection(r) for r in records}
        if kinds == {"strike_patterns", "stride_effects"}:  # one class: show the categories
            kinds = {"stride_effects"}
        if len(kinds) == 1:
            collection = kinds.pop()
            columns = COLUMNS[collection]
            rows = [[_cell(r, field) for field in columns] for r in records]
            headers = [field.removesuffix("_id").replace("_", " ") for field in columns]
            noun = singular(collection) if len(records) == 1 else collection.replace("_", " ")
        else:  # records of several collections: what each is, and its name
            headers = ["id", "name", "record"]
            rows = [[_ref(r), _name(r), singular(_COLLECTION_OF[type(r)])] for r in records]
            noun = "record" if len(records) == 1 else "records"
        return self.table(headers, rows, keep_first=True) + f"\n\n{len(records)} {noun}"

    def search_results(self, results: Sequence[SearchResult]) -> str:
        """Search results in a table, best first: the record, and what of it matched."""
        rows = [
            [
                _ref(r.record),
                singular(r.collection),
                f"{r.match} ({r.field.replace('_', ' ')})",
                r.text,
            ]
            for r in results
        ]
        noun = "result" if len(results) == 1 else "results"
        table = self.table(["id", "record", "match", "matched text"], rows, keep_first=True)
        return table + f"\n\n{len(results)} {noun}"

    def counts(self, ds: Dataset) -> str:
        rows = [[c.name.replace("_", " "), str(len(getattr(ds, c.name)))] for c in COLLECTIONS]
        return self.table(("collection", "records"), rows)

    # --- records ------------------------------------------------------------------------

    def fields(self, label: str, value: object) -> list[str]:
        """A labelled field, wrapped to the width with the label in its own column."""
        head = f"{label}:".ljust(LABEL) if len(label) < LABEL - 1 else f"{label}: "
        pad = " " * LABEL
        if isinstance(value, (tuple, frozenset, list)):
            items = sorted(value, key=_plain) if isinstance(value, frozenset) else list(value)
            if not items:
                return []
            if all(attrs.has(type(i)) and not hasattr(i, "id") for i in items) or (
                all(isinstance(i, str) for i in items) and any(len(i) > _SHORT_ITEM for i in items)
            ):
                lines = [head.rstrip()]
                for item in items:
                    text = item if isinstance(item, str) else _summary(item)
                    lines += _wrap(text, self.width, pad[:-2] + "- ", pad)
                return lines
            text = ", ".join(_plain(i) for i in items)
        elif value is None:
            return []
        elif attrs.has(type(value)) and not hasattr(value, "id"):
            text = _summary(value)
        else:
            text = _plain(value)
        return _wrap(text, self.width, head, pad) or [head.rstrip()]

    def heading(self, title: str) -> list[str]:
        lines = _wrap(title, self.width) or [""]
        return [*lines, "=" * max(1, *(len(line) for line in lines))]

    def record(self, record: object) -> str:
        ident = _ref(record)
        lines = [*self.heading(_name(record)), *self.fields("id", ident)]
        # The plain summary first: it is what a runner reads; the detail follows.
        lines += self.fields("summary", getattr(record, "summary", None))
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(record))):
            if field.name in ("id", "name", "title", "summary"):
                continue
            lines += self.fields(field.name.replace("_", " "), getattr(record, field.name))
        ds = self.relations(record) if isinstance(record, (Muscle, Source)) else None
        if ds is not None and isinstance(record, Muscle):
            lines += self.fields("parts", ds.parts(record))
        if ds is not None and isinstance(record, Source):
            lines += self.fields("cited by", [_ref(r) for r in ds.citing(record)])
        return "\n".join(lines)

    def relations(self, record: object) -> Dataset | None:
        """The dataset to look the record's relations up in, if it is one of its records."""
        if self.dataset is not None:
            ds = self.dataset
        else:
            from ._default import load  # noqa: PLC0415 - only when asked for relations

            ds = load()
        collection = _collection(record)
        lookup = getattr(ds, f"get_{singular(collection).replace(' ', '_')}")
        try:
            found = lookup(_ref(record))
        except UnknownIdError:  # a blank id ("-", made in code): no record of any dataset
            return None
        return ds if found is record else None

    def profile(self, profile: Profile) -> str:
        lines = self.heading("Profile")
        for field in attrs.fields(type(profile)):
            value = getattr(profile, field.name)
            label = field.name.replace("_", " ")
            empty = isinstance(value, frozenset) and not value
            lines += self.fields(label, "none" if empty else value)
        return "\n".join(lines)

    # --- results ------------------------------------------------------------------------

    def comparison(self, change: StrikeComparison) -> str:
        from ._compare import MuscleRow as _MuscleRow  # noqa: PLC0415 - only results need it

        heading = f"{change.a.name} ({change.a.id}) -> {change.b.name} ({change.b.id})"
        lines = [
            *_wrap(heading, self.width),
            *_wrap(f"Each row: the work under {change.b.name.lower()}, compared.", self.width),
            "",
        ]
        derived = False

        def rows(items: Sequence[MuscleRow | JointRow]) -> list[list[str]]:
            nonlocal derived
            out = []
            for row in items:
                what = row.muscle.name if isinstance(row, _MuscleRow) else _words(row.structure)
                mark = "*" if row.derived else ""
                derived = derived or row.derived
                sources = ", ".join(s.id for s in row.sources)
                out.append([what, row.direction.value + mark, _words(row.evidence), sources])
            return out

        headers = ("muscle", "change", "evidence", "sources")
        muscles = rows(change.muscles)
        lines.append(self.table(headers, muscles, wrap=True) if muscles else "no muscle rows")
        lines.append("")
        joints = rows(change.joints)
        joint_headers = ("joint", *headers[1:])
        lines.append(self.table(joint_headers, joints, wrap=True) if joints else "no joint rows")
        if derived:
            lines += [
                "",
                *_wrap("* worked out through a common baseline, not measured directly", self.width),
            ]
        return "\n".join(lines)

    def suggestions(self, suggestions: Sequence[Suggestion], *, numbered: bool = True) -> str:
        lines: list[str] = []
        for n, s in enumerate(suggestions, 1):
            rec = s.recommendation
            head = f"{n}. {rec.title} ({rec.id})" if numbered else f"{rec.title} ({rec.id})"
            lines += _wrap(head, self.width, "", "   ")
            pad = "   "
            facts = [
                ("why", "; ".join(r.text for r in s.reasons)),
                ("evidence", f"{_words(rec.evidence)}, score {s.score}"),
                ("dosage", rec.dosage.text),
                ("exercises", ", ".join(e.id for e in s.exercises)),
                ("sources", ", ".join(src.id for src in s.sources)),
            ]
            for label, text in facts:
                if text:
                    lines += _wrap(text, self.width, f"{pad}{label}: ".ljust(LABEL), " " * LABEL)
            lines.append("")
        return "\n".join(lines).rstrip()

    def day(self, day: Day, marks: list[bool] | None = None) -> list[str]:
        parts: list[str] = []
        if day.run is not None:
            parts.append(_run_line(day.run))
        if day.strength is not None:
            doses: dict[str, list[str]] = {}
            for item in day.strength.items:
                mark = "*" if item.default_dosage else ""
                if item.default_dosage and marks is not None:
                    marks.append(True)
                doses.setdefault(_dose_words(item) + mark, []).append(item.exercise.id)
            done = "; ".join(f"{', '.join(ids)} ({dose})" for dose, ids in doses.items())
            parts.append(f"strength {day.strength.minutes} min: {done}")
        text = "; ".join(parts) or "rest"
        return _wrap(text, self.width, f"  Day {day.number}  ", " " * 9)

    def week(self, week: Week, marks: list[bool] | None = None) -> list[str]:
        head = f"Week {week.number}, {week.kind.value} "
        text = f"{head}({week.run_minutes} min running, {week.minutes} in all)"
        lines = _wrap(text, self.width, "", "  ")
        for change in week.changes:
            lines += _wrap(_summary(change), self.width, "  - ", "    ")
        for day in week.days:
            lines += self.day(day, marks)
        return lines

    def plan(self, plan: Plan) -> str:
        lines: list[str] = []
        marks: list[bool] = []
        for week in plan.weeks:
            lines += [*self.week(week, marks), ""]
        used = [s.recommendation for s in plan.suggestions]
        for week in plan.weeks:  # and the advice its sessions and items carry out
            for day in week.days:
                used += day.run.recommendations if day.run else ()
                used += day.strength.recommendations if day.strength else ()
        recs = ", ".join(dict.fromkeys(r.id for r in used))
        lines += _wrap(f"From: {recs or 'no recommendation'}", self.width, "", "  ")
        for change in plan.adjustments:  # what the plan could not give as the profile asked
            text = f"Changed: {change.field} {change.asked} -> {change.planned}: {change.reason}."
            lines += _wrap(text, self.width, "", "  ")
        for note in plan.notes:
            lines += _wrap(f"Note: {_summary(note)}", self.width, "", "  ")
        if marks:
            lines += _wrap("* runtone's starting default: no source gives a dose.", self.width)
        return "\n".join(lines)


def _collection(record: object) -> str:
    """The collection a record belongs in (a foot strike is a strike pattern)."""
    if isinstance(record, StrideEffect):
        foot = record.category is StrideCategory.FOOT_STRIKE
        return "strike_patterns" if foot else "stride_effects"
    return _COLLECTION_OF[type(record)]


def _name(record: object) -> str:
    for field in ("name", "title"):
        value = getattr(record, field, None)
        if isinstance(value, str) and value:
            return value
    return _ref(record)


def _cell(record: object, field: str) -> str:
    """One field of a record as a table cell: words for enums, ids for records."""
    value = getattr(record, field)
    if value is None:
        return ""
    if isinstance(value, frozenset):
        return ", ".join(sorted(_plain(v) for v in value)) or "none"
    return _plain(value)
