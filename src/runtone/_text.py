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
import functools
import textwrap
from typing import TYPE_CHECKING, cast

import attrs

from ._dataset import Dataset
from ._loader import COLLECTIONS
from ._messages import Words, words
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
from ._texts.plans import intensity as _intensity
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
    The words of runtone's own (headings, labels, units) are in the language of
    ``dataset`` when one is given; else in that of the plan or dataset rendered
    (:attr:`Plan.locale <runtone.Plan.locale>`, :attr:`Dataset.locale
    <runtone.Dataset.locale>`); else in English.

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
    return _Renderer(width, dataset, words(_locale(obj, dataset))).render(obj)


def _locale(obj: object, dataset: Dataset | None) -> str:
    """The language of the words :func:`to_text` writes of its own for ``obj``."""
    if dataset is not None:
        return dataset.locale
    # A plan's is its own (see _Renderer.plan), as a dataset's is.
    return obj.locale if isinstance(obj, Dataset) else "en"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int = 80) -> str:
    """Rows of cells (strings) in aligned columns under ``headers``, fitting ``width``.

    Raises:
        InvalidValueError: ``width`` is less than 40.
    """
    if width < MIN_WIDTH:
        raise InvalidValueError("width", f"must be at least {MIN_WIDTH}, got {shown(width)}")
    return _Renderer(width, None, words("en")).table(headers, rows)


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


def _ref(value: object) -> str:
    return str(getattr(value, "id", value))


def _cite(say: Words, evidence: EvidenceGrade, sources: Sequence[object]) -> str:
    return f"[{say.member(evidence)}: {', '.join(_ref(s) for s in sources)}]"


def _plain(say: Words, value: object) -> str:
    if isinstance(value, bool):
        return say("text/yes") if value else say("text/no")
    if isinstance(value, enum.Enum):
        return say.member(value)
    if hasattr(value, "id"):
        return _ref(value)
    return str(value)


def _summary(say: Words, value: object) -> str:  # noqa: PLR0911 - one form per value class
    """One value object of a record or result in one line (wrapped later)."""
    if isinstance(value, Finding):
        return f"{value.text} {_cite(say, value.evidence, value.sources)}"
    if isinstance(value, Target):
        return f"{value.muscle.id} ({say.member(value.role)})"
    if isinstance(value, (MuscleEffect, JointLoad)):
        what = value.muscle.id if isinstance(value, MuscleEffect) else say.member(value.structure)
        size = f" ({value.magnitude})" if value.magnitude else ""
        return (
            f"{what}: {say.member(value.direction)}{size}. {value.text} "
            f"{_cite(say, value.evidence, value.sources)}"
        )
    if isinstance(value, Assertion):
        return f"{value.effect.id}: {value.muscle.id} {say.member(value.direction)}"
    if isinstance(value, ActivityWindow):
        return say(
            "text/activity_window",
            onset=value.onset,
            offset=value.offset,
            text=value.text,
            cite=_cite(say, value.evidence, value.sources),
        )
    if isinstance(value, Dose):
        return f"{value.text} {_cite(say, value.evidence, value.sources)}"
    if isinstance(value, Dosage):
        return value.text
    if isinstance(value, Parameter):
        return f"{value.name}: {value.value} {value.unit}"
    return _result_summary(say, value)


def _result_summary(say: Words, value: object) -> str:  # noqa: PLR0911 - one form per value class
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
        what = value.muscle.id if isinstance(value, MuscleRow) else say.member(value.structure)
        how = say("text/row/derived") if value.derived else say("text/row/measured")
        return (
            f"{what}: {say.member(value.direction)} ({how}). {value.text} "
            f"{_cite(say, value.evidence, value.sources)}"
        )
    if isinstance(value, Reason):
        return value.text
    if isinstance(value, RunSession):
        return _run_line(say, value)
    if isinstance(value, Step):
        return _step_line(say, value)
    if isinstance(value, Intensity):
        return say(
            "text/intensity",
            name=_intensity(say, value.name),
            low=value.rpe_min,
            high=value.rpe_max,
            talk=value.talk,
        )
    if isinstance(value, Change):
        return value.text + _rule_ids(value.rules)
    if isinstance(value, Note):
        return value.text + _rule_ids(value.rules)
    if isinstance(value, StrengthItem):
        return _item_line(say, value)
    if isinstance(value, StrengthSession):
        items = "; ".join(_summary(say, i) for i in value.items)
        return say("text/strength", minutes=value.minutes, items=items)
    return _plain(say, value)


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


def _length(say: Words, seconds: int) -> str:
    if seconds % 60 == 0:
        return say("units/minutes", minutes=seconds // 60)
    if seconds > 120:  # noqa: PLR2004 - whole minutes and seconds past two minutes
        return say("units/minutes_seconds", minutes=seconds // 60, seconds=seconds % 60)
    return say("units/seconds", seconds=seconds)


def _step_line(say: Words, step: Step) -> str:
    what = f"{step.label} {_length(say, step.seconds)} {_intensity(say, step.intensity.name)}"
    if step.repeats > 1:
        what = say("text/repeats", repeats=step.repeats, step=what)
    if step.recovery_seconds and step.recovery is not None:
        recovery = _intensity(say, step.recovery.name)
        what += f" / {_length(say, step.recovery_seconds)} {recovery}"
    return what


def _item_line(say: Words, item: StrengthItem) -> str:
    dose = _dose_words(say, item)
    if item.default_dosage:
        return say("text/strength_item/default", exercise=item.exercise.id, dose=dose)
    return say("text/strength_item", exercise=item.exercise.id, dose=dose)


def _dose_words(say: Words, item: StrengthItem) -> str:
    dose = item.reps if item.sets is None else say("text/sets", sets=item.sets, reps=item.reps)
    if item.needs:
        needs = ", ".join(sorted(say.member(e) for e in item.needs))
        dose = say("text/needs", dose=dose, equipment=needs)
    return dose


def _run_line(say: Words, run: RunSession) -> str:
    kind = say.member(run.kind)
    main = [
        s for s in run.steps if s.repeats > 1 or s.recovery_seconds or s.intensity.name != "easy"
    ]
    if not main:
        return say("text/run", kind=kind, minutes=run.minutes, exercise=run.exercise.id)
    steps = "; ".join(_step_line(say, s) for s in main)
    return say(
        "text/run/steps", kind=kind, minutes=run.minutes, steps=steps, exercise=run.exercise.id
    )


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
    """Renders in ``width`` columns, looking relations up in ``dataset`` (or the default).

    Its own words are ``say``'s.
    """

    __slots__ = ("dataset", "say", "width")

    def __init__(self, width: int, dataset: Dataset | None, say: Words) -> None:
        self.width, self.dataset, self.say = width, dataset, say

    def render(self, obj: object) -> str:
        # Records, their values and the dataset first: no other class is needed for them.
        if type(obj) in _COLLECTION_OF:
            return self.record(obj)
        if isinstance(obj, Dataset):
            return self.counts(obj)
        if isinstance(obj, _VALUES):
            return "\n".join(_wrap(_summary(self.say, obj), self.width))
        if isinstance(obj, (tuple, list)):
            items = cast("Sequence[object]", obj)
            if not items:
                return self.say("text/none")
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
            return "\n".join(_wrap(_summary(self.say, obj), self.width))
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
        say = self.say
        if len(kinds) == 1:
            collection = kinds.pop()
            columns = COLUMNS[collection]
            rows = [[_cell(say, r, field) for field in columns] for r in records]
            headers = [say(f"text/column/{field.removesuffix('_id')}") for field in columns]
            counted = collection
        else:  # records of several collections: what each is, and its name
            headers = [say(f"text/column/{c}") for c in ("id", "name", "record")]
            rows = [
                [_ref(r), _name(r), say(f"text/record/{_COLLECTION_OF[type(r)]}")] for r in records
            ]
            counted = "records"
        count = say(_count_key(counted, len(records)), count=len(records))
        return self.table(headers, rows, keep_first=True) + f"\n\n{count}"

    def search_results(self, results: Sequence[SearchResult]) -> str:
        """Search results in a table, best first: the record, and what of it matched."""
        say = self.say
        rows = [
            [
                _ref(r.record),
                say.text(f"text/record/{r.collection}", singular(r.collection)),
                say(
                    "text/match",
                    match=say.text(f"text/match/{r.match}", r.match),
                    field=say.text(f"text/field/{r.field}", r.field.replace("_", " ")),
                ),
                r.text,
            ]
            for r in results
        ]
        headers = [say(f"text/column/{c}") for c in ("id", "record", "match", "matched_text")]
        table = self.table(headers, rows, keep_first=True)
        return table + "\n\n" + say(_count_key("results", len(results)), count=len(results))

    def counts(self, ds: Dataset) -> str:
        say = self.say
        rows = [
            [say(f"text/collection/{c.name}"), str(len(getattr(ds, c.name)))] for c in COLLECTIONS
        ]
        return self.table((say("text/column/collection"), say("text/column/records")), rows)

    # --- records ------------------------------------------------------------------------

    def fields(self, label: str, value: object) -> list[str]:
        """A labelled field, wrapped to the width with the label in its own column."""
        head = f"{label}:".ljust(LABEL) if len(label) < LABEL - 1 else f"{label}: "
        pad = " " * LABEL
        if isinstance(value, (tuple, frozenset, list)):
            plain = functools.partial(_plain, self.say)
            items = sorted(value, key=plain) if isinstance(value, frozenset) else list(value)
            if not items:
                return []
            if all(attrs.has(type(i)) and not hasattr(i, "id") for i in items) or (
                all(isinstance(i, str) for i in items) and any(len(i) > _SHORT_ITEM for i in items)
            ):
                lines = [head.rstrip()]
                for item in items:
                    text = item if isinstance(item, str) else _summary(self.say, item)
                    lines += _wrap(text, self.width, pad[:-2] + "- ", pad)
                return lines
            text = ", ".join(plain(i) for i in items)
        elif value is None:
            return []
        elif attrs.has(type(value)) and not hasattr(value, "id"):
            text = _summary(self.say, value)
        else:
            text = _plain(self.say, value)
        return _wrap(text, self.width, head, pad) or [head.rstrip()]

    def heading(self, title: str) -> list[str]:
        lines = _wrap(title, self.width) or [""]
        return [*lines, "=" * max(1, *(len(line) for line in lines))]

    def record(self, record: object) -> str:
        ident = _ref(record)
        lines = [*self.heading(_name(record)), *self.fields(self.label("id"), ident)]
        # The plain summary first: it is what a runner reads; the detail follows.
        lines += self.fields(self.label("summary"), getattr(record, "summary", None))
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(record))):
            if field.name in ("id", "name", "title", "summary"):
                continue
            lines += self.fields(self.label(field.name), getattr(record, field.name))
        ds = self.relations(record) if isinstance(record, (Muscle, Source)) else None
        if ds is not None and isinstance(record, Muscle):
            lines += self.fields(self.label("parts"), ds.parts(record))
        if ds is not None and isinstance(record, Source):
            lines += self.fields(self.label("cited_by"), [_ref(r) for r in ds.citing(record)])
        return "\n".join(lines)

    def label(self, field: str) -> str:
        """A field's label: its name in words, in the renderer's language."""
        return self.say.text(f"text/field/{field}", field.replace("_", " "))

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
        lines = self.heading(self.say("text/profile"))
        for field in attrs.fields(type(profile)):
            value = getattr(profile, field.name)
            empty = isinstance(value, frozenset) and not value
            lines += self.fields(self.label(field.name), self.say("text/none") if empty else value)
        return "\n".join(lines)

    # --- results ------------------------------------------------------------------------

    def comparison(self, change: StrikeComparison) -> str:
        from ._compare import MuscleRow as _MuscleRow  # noqa: PLC0415 - only results need it

        say = self.say
        heading = f"{change.a.name} ({change.a.id}) -> {change.b.name} ({change.b.id})"
        lines = [
            *_wrap(heading, self.width),
            *_wrap(say("text/comparison/intro", b=say.in_sentence(change.b.name)), self.width),
            "",
        ]
        derived = False

        def rows(items: Sequence[MuscleRow | JointRow]) -> list[list[str]]:
            nonlocal derived
            out = []
            for row in items:
                what = row.muscle.name if isinstance(row, _MuscleRow) else say.member(row.structure)
                mark = "*" if row.derived else ""
                derived = derived or row.derived
                sources = ", ".join(s.id for s in row.sources)
                direction = say.member(row.direction) + mark
                out.append([what, direction, say.member(row.evidence), sources])
            return out

        headers = [say(f"text/column/{c}") for c in ("muscle", "change", "evidence", "sources")]
        muscles = rows(change.muscles)
        none = say("text/comparison/no_muscles")
        lines.append(self.table(headers, muscles, wrap=True) if muscles else none)
        lines.append("")
        joints = rows(change.joints)
        joint_headers = (say("text/column/joint"), *headers[1:])
        none = say("text/comparison/no_joints")
        lines.append(self.table(joint_headers, joints, wrap=True) if joints else none)
        if derived:
            lines += ["", *_wrap(say("text/comparison/derived"), self.width)]
        return "\n".join(lines)

    def suggestions(self, suggestions: Sequence[Suggestion], *, numbered: bool = True) -> str:
        say = self.say
        lines: list[str] = []
        for n, s in enumerate(suggestions, 1):
            rec = s.recommendation
            head = f"{n}. {rec.title} ({rec.id})" if numbered else f"{rec.title} ({rec.id})"
            lines += _wrap(head, self.width, "", "   ")
            pad = "   "
            score = say("text/suggestion/score", evidence=say.member(rec.evidence), score=s.score)
            facts = [
                ("why", "; ".join(r.text for r in s.reasons)),
                ("evidence", score),
                ("dosage", rec.dosage.text),
                ("exercises", ", ".join(e.id for e in s.exercises)),
                ("sources", ", ".join(src.id for src in s.sources)),
            ]
            for name, text in facts:
                if text:
                    label = say(f"text/suggestion/{name}")
                    lines += _wrap(text, self.width, f"{pad}{label}: ".ljust(LABEL), " " * LABEL)
            lines.append("")
        return "\n".join(lines).rstrip()

    def day(self, day: Day, marks: list[bool] | None = None) -> list[str]:
        say = self.say
        parts: list[str] = []
        if day.run is not None:
            parts.append(_run_line(say, day.run))
        if day.strength is not None:
            doses: dict[str, list[str]] = {}
            for item in day.strength.items:
                mark = "*" if item.default_dosage else ""
                if item.default_dosage and marks is not None:
                    marks.append(True)
                doses.setdefault(_dose_words(say, item) + mark, []).append(item.exercise.id)
            done = "; ".join(f"{', '.join(ids)} ({dose})" for dose, ids in doses.items())
            parts.append(say("text/strength", minutes=day.strength.minutes, items=done))
        text = "; ".join(parts) or say("text/day/rest")
        head = f"  {say('text/day', number=day.number)}  "
        # The text lines up under the first line's (9 columns in English), up to a third
        # of the width however long a language's word for a day.
        return _wrap(text, self.width, head, " " * min(len(head), self.width // 3))

    def week(self, week: Week, marks: list[bool] | None = None) -> list[str]:
        text = self.say(
            "text/week",
            number=week.number,
            kind=self.say.member(week.kind),
            running=week.run_minutes,
            minutes=week.minutes,
        )
        lines = _wrap(text, self.width, "", "  ")
        for change in week.changes:
            lines += _wrap(_summary(self.say, change), self.width, "  - ", "    ")
        for day in week.days:
            lines += self.day(day, marks)
        return lines

    def plan(self, plan: Plan) -> str:
        if self.dataset is None and plan.locale != self.say.locale:  # the plan's language
            return _Renderer(self.width, None, words(plan.locale)).plan(plan)
        say = self.say
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
        text = say("text/plan/from", recommendations=recs) if recs else say("text/plan/from/none")
        lines += _wrap(text, self.width, "", "  ")
        for change in plan.adjustments:  # what the plan could not give as the profile asked
            text = say(
                "text/plan/changed",
                field=say.text(f"text/plan/changed/{change.field}", change.field),
                asked=change.asked,
                planned=change.planned,
                reason=change.reason,
            )
            lines += _wrap(text, self.width, "", "  ")
        for note in plan.notes:
            lines += _wrap(say("text/plan/note", note=_summary(say, note)), self.width, "", "  ")
        if marks:
            lines += _wrap(say("text/plan/default"), self.width)
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


def _count_key(counted: str, count: int) -> str:
    """The key of ``count`` records of a collection (or ``"records"``, ``"results"``)."""
    return f"text/count/{counted}/{'one' if count == 1 else 'many'}"


def _cell(say: Words, record: object, field: str) -> str:
    """One field of a record as a table cell: words for enums, ids for records."""
    value = getattr(record, field)
    if value is None:
        return ""
    if isinstance(value, frozenset):
        return ", ".join(sorted(_plain(say, v) for v in value)) or say("text/none")
    return _plain(say, value)
