"""The plan chart and the plan calendar write their own words in the plan's language.

With the ``pseudo_german`` fixture every text of the catalog is ``«English»``: once the
marked spans are taken out of a German chart's or calendar's words, no letter may be
left (a fixed English word the code wrote without the catalog would be).  The English
chart and calendar are the German ones with the marks taken out, word for word, and
their structure (every element and ``data-*`` attribute) does not change with the
language.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import textwrap
import xml.etree.ElementTree as ET

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import runtone
from _support import examples
from conftest import PSEUDO
from runtone import _messages
from runtone._po import Entry
from runtone._texts import charts as chart_texts
from runtone.coaching import charts as chart_code
from runtone.coaching.charts import CATEGORIES, _legend_width, week_minutes
from strategies import profiles

SVG = "{http://www.w3.org/2000/svg}"
START = dt.date(2027, 1, 4)
OPEN, CLOSE = PSEUDO

#: Profiles that between them have every kind of session and week, strength with and
#: without equipment and default doses, steps with and without repeats and recoveries,
#: rest days, and cross-training for an injury.
VARIED = (
    runtone.Profile(),
    runtone.Profile(level="beginner", running_days=5, strength_days=2, minutes_per_session=20),
    runtone.Profile(injuries={"shin splints"}, strength_days=2),
    runtone.Profile(injuries={"achilles-tendinopathy"}, strength_days=3, race="10k"),
    runtone.Profile(
        level="intermediate",
        race="10k",
        weekly_minutes=150,
        longest_run=50,
        current_running_days=4,
        running_days=4,
        minutes_per_session=75,
        equipment=set(runtone.Equipment),
        strength_days=2,
    ),
    runtone.Profile(
        level="advanced",
        running_days=5,
        strength_days=4,
        race="marathon",
        current_running_days=5,
        weekly_minutes=300,
        longest_run=100,
    ),
)
WEEKS = 12


def unmarked(text: str) -> str:
    """``text`` without its ``«...»`` spans, nested ones and all.

    Raises:
        AssertionError: the marks do not pair up.
    """
    out: list[str] = []
    depth = 0
    for char in text:
        if char == OPEN:
            depth += 1
        elif char == CLOSE:
            depth -= 1
            assert depth >= 0, f"a {CLOSE} without its {OPEN}: {text!r}"
        elif depth == 0:
            out.append(char)
    assert depth == 0, f"a {OPEN} without its {CLOSE}: {text!r}"
    return "".join(out)


def letters(text: str) -> list[str]:
    """The words of ``text`` (runs of letters): what no fixed word may leave outside marks."""
    return re.findall(r"[^\W\d_]+", text)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def words_of(svg: str, *, kinds: bool = True) -> str:
    """Every text a chart shows or says: its text nodes, tooltips and description, in order.

    ``kinds=False`` leaves out the lines of a session's kind under its strip (those
    after its minutes), which a long word is hyphenated across
    (``chart_code._kind_words``; tested on its own).
    """
    root = parse(svg)
    skipped: set[int] = set()
    if not kinds:
        for strip in (e for e in root.iter() if e.get("class") == "session"):
            skipped.update(id(t) for t in list(strip.iter(f"{SVG}text"))[1:])
    shown = (
        e
        for e in root.iter()
        if e.tag in {f"{SVG}text", f"{SVG}title", f"{SVG}desc"} and id(e) not in skipped
    )
    legends = (e.get("data-legend", "") for e in root.iter() if e.get("data-legend"))
    return "\n".join([*(e.text or "" for e in shown), *legends])


def structure(svg: str) -> list[tuple[str, dict[str, str]]]:
    """Each element's tag and ``class``/``data-*`` attributes, in document order.

    A text without a class is a line of wrapped words, as many as the words take.
    """
    return [
        (
            e.tag,
            {
                k: v
                for k, v in e.attrib.items()
                if (k == "class" or k.startswith("data-")) and k != "data-legend"
            },
        )
        for e in parse(svg).iter()
        if e.tag != f"{SVG}text" or "class" in e.attrib  # lines of words: as many as they wrap to
    ]


def unfolded(ics: str) -> list[str]:
    """The calendar's logical lines (RFC 5545 folding undone)."""
    return ics.replace("\r\n ", "").split("\r\n")


def unescaped(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value)


def calendar_words(ics: str) -> dict[str, list[str]]:
    """The calendar's words by property: SUMMARY, DESCRIPTION, CATEGORIES and its names."""
    found: dict[str, list[str]] = {}
    for line in unfolded(ics):
        name, _, value = line.partition(":")
        if name == "CATEGORIES":
            found.setdefault(name, []).extend(unescaped(c) for c in re.split(r"(?<!\\),", value))
        elif name in {"SUMMARY", "DESCRIPTION", "NAME", "X-WR-CALNAME"}:
            found.setdefault(name, []).append(unescaped(value))
    return found


def charts(plan: runtone.Plan) -> list[str]:
    """The plan's load chart and each of its first weeks' charts."""
    return [runtone.plan_chart(plan)] + [
        runtone.plan_chart(plan, week=n) for n in range(1, min(len(plan.weeks), 6) + 1)
    ]


def assert_all_from_the_catalog(plan: runtone.Plan) -> None:
    for svg in charts(plan):
        text = words_of(svg)
        assert OPEN in text
        assert letters(unmarked(text)) == [], unmarked(text)
    found = calendar_words(plan.to_ics(START))
    assert set(found) == {"SUMMARY", "DESCRIPTION", "CATEGORIES", "NAME", "X-WR-CALNAME"}
    for name, values in found.items():
        for value in values:
            left = unmarked(value)
            if name == "CATEGORIES" and value == "runtone":
                continue  # the tag that finds runtone's events, in every language
            assert letters(left) == [], (name, value)


@pytest.fixture(scope="module")
def german() -> runtone.Dataset:
    return runtone.load(locale="de")


# --- German: every fixed word from the catalog --------------------------------------------


@pytest.mark.usefixtures("pseudo_german")
@pytest.mark.parametrize("profile", VARIED, ids=range(len(VARIED)))
def test_the_chart_and_calendar_write_no_fixed_english_word(
    profile: runtone.Profile, german: runtone.Dataset
) -> None:
    plan = runtone.plan(profile, weeks=WEEKS, dataset=german)
    assert plan.locale == "de"
    assert_all_from_the_catalog(plan)


@pytest.mark.usefixtures("pseudo_german")
def test_the_words_replaced_are_the_catalogs(german: runtone.Dataset) -> None:
    plan = runtone.plan(VARIED[4], weeks=WEEKS, dataset=german)
    load, week = runtone.plan_chart(plan), runtone.plan_chart(plan, week=1)
    bare = unmarked(words_of(load) + words_of(week))
    for english in ("Training load", "minutes", "Week", "week", "easy running", "Effort", "Day"):
        assert english not in bare
    root = parse(load)
    title = f"{OPEN}Training load of a {WEEKS}-week plan: minutes a week{CLOSE}"
    assert root.findtext(f"{SVG}title") == title
    legend = [t.text for t in root.iter(f"{SVG}text")][-len(CATEGORIES) :]
    assert legend == [f"{OPEN}{words}{CLOSE}" for _, words, _ in reversed(CATEGORIES)]
    kinds = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "kind"]
    assert kinds == [f"{OPEN}{w.kind.value}{CLOSE}" for w in plan.weeks]
    ics = "\n".join(unfolded(plan.to_ics(START)))
    assert f"NAME:{OPEN}runtone plan{CLOSE}" in ics
    assert f"CATEGORIES:runtone,{OPEN}strength{CLOSE}" in ics
    assert re.search(f"SUMMARY:{OPEN}Strength \\d+ min{CLOSE}", ics)
    assert re.search(f"SUMMARY:{OPEN}Easy \\d+ min{CLOSE}", ics)
    assert f"{OPEN}Protocol: " in ics or f"{OPEN}Sources: " in ics


@pytest.mark.usefixtures("pseudo_german")
def test_a_fractional_minute_has_the_languages_decimal_point(german: runtone.Dataset) -> None:
    for profile in VARIED:
        plan = runtone.plan(profile, weeks=WEEKS, dataset=german)
        if any(not float(m).is_integer() for w in plan.weeks for m in week_minutes(w).values()):
            break
    else:
        pytest.fail("no plan of VARIED has a fractional minute to show")
    text = words_of(runtone.plan_chart(plan))
    assert f"{OPEN}.{CLOSE}" in text
    assert not re.search(r"\d\.\d", text)


@pytest.mark.usefixtures("pseudo_german")
@given(profile=profiles(), weeks=st.integers(1, 6))
@settings(max_examples=examples(0.1), deadline=None)
def test_any_plan_in_german_writes_its_words_from_the_catalog(
    profile: runtone.Profile, weeks: int
) -> None:
    assume(profile.running_days or profile.strength_days)
    plan = runtone.plan(profile, weeks=weeks, dataset=runtone.load(locale="de"))
    assert_all_from_the_catalog(plan)


# --- English: unchanged ---------------------------------------------------------------------


def english_plans() -> list[runtone.Plan]:
    return [runtone.plan(p, weeks=WEEKS) for p in VARIED]


@pytest.mark.usefixtures("pseudo_german")
def test_english_is_german_without_the_marks() -> None:
    # The same plan, told it is German: its words are the catalog's «English»; without
    # the marks (and the line breaks, which move as the texts grow) they are the English.
    for english in english_plans():
        assert english.locale == "en"
        marked = attrs.evolve(english, locale="de")
        for ours, theirs in zip(charts(english), charts(marked)):
            assert OPEN not in ours
            assert structure(ours) == structure(theirs)
            bare = re.sub(rf"[\s{OPEN}{CLOSE}]", "", words_of(theirs, kinds=False))
            assert bare == re.sub(r"\s", "", words_of(ours, kinds=False))
        ours_ics = english.to_ics(START)
        assert OPEN not in ours_ics
        theirs_ics = marked.to_ics(START)
        assert [re.sub(f"[{OPEN}{CLOSE}]", "", line) for line in unfolded(theirs_ics)] == (
            unfolded(ours_ics)
        )


def test_the_english_texts_are_the_ones_the_code_wrote() -> None:
    plan = runtone.plan(VARIED[4], weeks=3)
    root = parse(runtone.plan_chart(plan))
    assert root.findtext(f"{SVG}title") == "Training load of a 3-week plan: minutes a week"
    week = parse(runtone.plan_chart(plan, week=1))
    assert week.findtext(f"{SVG}title") == "Week 1 (start): sessions by effort"
    ics = plan.to_ics(START)
    assert "X-WR-CALNAME:runtone plan\r\n" in ics
    assert "CATEGORIES:runtone,strength\r\n" in ics


def test_the_category_words_are_the_public_constants() -> None:
    assert {key: words for key, words, _ in CATEGORIES} == chart_texts.CATEGORY_WORDS
    for key, words, _ in CATEGORIES:
        assert _messages.MESSAGES[chart_texts.category_key(key)] == words


def test_every_key_the_chart_and_calendar_name_is_a_text_of_theirs() -> None:
    from pathlib import Path  # noqa: PLC0415 - only this test reads the source

    src = Path(runtone.__file__).parent / "coaching"
    code = (src / "charts.py").read_text("utf-8") + (src / "calendar.py").read_text("utf-8")
    named = set(re.findall(r"[\"']((?:chart|calendar)/[^\"'{]+)[\"']", code))
    named |= {
        k for k in chart_texts.TEXTS if k.startswith(("calendar/summary/", "chart/category/"))
    }
    named |= {f"{k}/parts" for k in named if k.endswith(("/load/week", "/load/desc/week"))}
    named |= {f"{k}/needs" for k in named if k.startswith("calendar/item")}
    assert named == set(chart_texts.TEXTS), named ^ set(chart_texts.TEXTS)
    assert all(k.startswith(("chart/", "calendar/")) for k in chart_texts.TEXTS)


# --- other words: escaped, and laid out however long --------------------------------------


def _set_german(monkeypatch: pytest.MonkeyPatch, make: object) -> None:
    assert callable(make)
    entries = {
        key: Entry(key, english, make(english), fuzzy=False, line=0)
        for key, english in _messages.MESSAGES.items()
    }
    monkeypatch.setitem(_messages._words, "de", _messages.Words("de", entries))


def test_words_with_markup_characters_are_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    _set_german(monkeypatch, lambda english: f'<&"{english}";,>')
    plan = attrs.evolve(runtone.plan(VARIED[4], weeks=4), locale="de")
    for svg in charts(plan):
        assert "<&" in words_of(svg)  # parses, and says the words as given
    ics = plan.to_ics(START)
    assert 'NAME:<&"runtone plan"\\;\\,>' in unfolded(ics)


def test_long_words_still_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    long = "Übungsbeschreibungswörter"
    _set_german(monkeypatch, lambda english: f"{english} {long}" if english.strip() else english)
    plan = attrs.evolve(runtone.plan(VARIED[4], weeks=WEEKS), locale="de")
    english = runtone.plan(VARIED[4], weeks=WEEKS)
    for ours, theirs in zip(charts(english), charts(plan)):
        root = parse(theirs)
        width, height = float(root.get("width", "0")), float(root.get("height", "0"))
        assert width > float(parse(ours).get("width", "0")), "the legend makes room"
        assert height > float(parse(ours).get("height", "0")), "so do the words under"
        texts = list(root.iter(f"{SVG}text"))
        title = [t for t in texts if t.get("font-weight") == "bold" and t.get("font-size") == "18"]
        first = min(float(line.get("y1", "0")) for line in root.iter(f"{SVG}line"))
        assert max(float(t.get("y", "0")) for t in title) < first, "the plot is under the title"
        legend = root.find(f".//{SVG}g[@id='rt-legend']")
        assert legend is not None
        for text in set(texts) - set(legend.iter(f"{SVG}text")):
            y, size = float(text.get("y", "0")), float(text.get("font-size", "0"))
            if text.get("class") == "kind":  # written upwards, from y down
                y += len(text.text or "") * size * 0.5
            elif "transform" in text.attrib:
                continue  # the axis's name, upwards along the axis
            assert y <= height - 16, (text.text, y, height)
        shift = re.fullmatch(r"translate\(([\d.]+) [\d.]+\)", legend.get("transform", ""))
        assert shift is not None
        items = [(str(r.get("fill")), str(r.get("data-legend"))) for r in legend.iter(f"{SVG}rect")]
        heading = legend.findtext(f"{SVG}text") or ""
        assert float(shift[1]) + _legend_width(heading, items) <= width
    week = parse(runtone.plan_chart(plan, week=1))
    say = _messages.words("de")
    for strip in (e for e in week.iter() if e.get("class") == "session"):
        kind = runtone.SessionKind(strip.get("data-kind"))
        lines = [t.text for t in strip.iter(f"{SVG}text")]
        assert lines[1:] == chart_code._kind_words(say, kind), "no line of the kind is left out"


def xed(english: str) -> str:
    """``english`` with every letter but its fields' names an ``x``: words of no language."""
    out = []
    for literal, field, spec, conversion in string.Formatter().parse(english):
        out.append(re.sub(r"[^\W\d_]", "x", literal).replace("{", "{{").replace("}", "}}"))
        if field is not None:
            out.append(
                "{"
                + field
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
    return "".join(out)


def carried(plan: runtone.Plan) -> list[str]:
    """The texts a plan carries (its engine's, its data's), longest first."""
    found: set[str] = set()
    for week in plan.weeks:
        for day in week.days:
            if day.run is not None:
                found |= {day.run.exercise.name, day.run.why, *(s.title for s in day.run.sources)}
                found |= {step.label for step in day.run.steps}
                if day.run.dose is not None:
                    found.add(day.run.dose.text)
            if day.strength is not None:
                for item in day.strength.items:
                    found |= {item.exercise.name, item.why, item.reps}
    return sorted((text for text in found if text), key=len, reverse=True)


@pytest.mark.parametrize("profile", VARIED, ids=range(len(VARIED)))
def test_every_field_of_a_text_is_in_words_of_the_language_too(
    profile: runtone.Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    # German's every text its English with each letter an x: an English letter left in a
    # chart or calendar of an English plan told it is German is a word the code wrote
    # without the catalog, even inside a translated text (an intensity's name in a step's
    # tooltip, say), or one of the plan's own texts.
    _set_german(monkeypatch, xed)
    plan = attrs.evolve(runtone.plan(profile, weeks=WEEKS), locale="de")
    texts = carried(plan)

    def left(text: str) -> list[str]:
        for known in texts:
            text = text.replace(known, " ")
        return [w for w in letters(text) if set(w) - {"x", "X"}]

    for svg in charts(plan):
        assert left(words_of(svg)) == []
    for name, values in calendar_words(plan.to_ics(START)).items():
        assert [v for v in values if left(v) and v != "runtone"] == [], name


@pytest.mark.parametrize("locale", ["en", "de", "es", "fr"])
def test_a_session_kinds_long_word_is_hyphenated_under_its_strip(locale: str) -> None:
    say = _messages.words(locale)
    for kind in runtone.SessionKind:
        lines = chart_code._kind_words(say, kind)
        assert all(len(line) <= chart_code._KIND_WIDTH for line in lines), lines
        words = say.member(kind).split()
        joined = " ".join(lines)
        # Put back together, the lines are the words: a break is a line ending in a
        # hyphen, added (dropped here) or the word's own (kept).
        rebuilt = joined.replace("- ", "-")
        assert rebuilt.split() == words or rebuilt.replace("-", "") == " ".join(words).replace(
            "-", ""
        ), (lines, words)
        if locale == "en":
            assert lines == textwrap.wrap(say.member(kind), chart_code._KIND_WIDTH)


def test_a_word_breaks_after_its_own_hyphen_where_one_fits() -> None:
    entries = {
        key: Entry(
            key,
            english,
            "course-marche" if key.endswith("/run_walk") else english,
            fuzzy=False,
            line=0,
        )
        for key, english in _messages.MESSAGES.items()
    }
    say = _messages.Words("fr", entries)
    assert chart_code._kind_words(say, runtone.SessionKind.RUN_WALK) == ["course-", "marche"]
    entries["enum/session_kind/tempo"] = Entry(
        "enum/session_kind/tempo", "tempo", "Tempodauerlauf", fuzzy=False, line=0
    )
    say = _messages.Words("de", entries)
    assert chart_code._kind_words(say, runtone.SessionKind.TEMPO) == ["Tempodau-", "erlauf"]
