"""plan_chart(): the SVG pictures of a plan's load over the weeks and of one week's sessions.

The pictures are parsed with xml.etree and held to the plan they draw: one bar per
week whose segments stand for the minutes the test works out itself from the
sessions' steps, and for a week one strip per session whose steps, in time order,
add up to the session's minutes.  Headless Chromium checks that they render.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import _browser
import runtone
from runtone import cli
from runtone.coaching.charts import CATEGORIES, INTENSITIES, STRENGTH, week_minutes
from strategies import plans

SVG = "{http://www.w3.org/2000/svg}"
#: How far a drawn length may be from the exact one: the SVG writes 2 decimals.
ROUNDING = 0.011

RUNNER = runtone.Profile(
    level="intermediate",
    race="10k",
    weekly_minutes=150,
    longest_run=50,
    current_running_days=4,
    running_days=4,
    minutes_per_session=75,
)
PLAN = runtone.plan(RUNNER, weeks=12)
BEGINNER = runtone.plan(runtone.Profile(level="beginner"), weeks=4)
SHINS = runtone.plan(runtone.Profile(injuries=["shin splints"]), weeks=3)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def classed(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("class") == name]


def number(element: ET.Element, attribute: str) -> float:
    return float(element.get(attribute, "nan"))


# --- what the test expects, worked out from the plan itself ----------------------------------


def expected_minutes(week: runtone.Week) -> dict[str, float]:
    """Minutes by category, straight from the steps (the engine's steps add up exactly)."""
    found = {key: 0.0 for key, _, _ in CATEGORIES}
    for day in week.days:
        if day.strength is not None:
            found["strength"] += day.strength.minutes
        run = day.run
        if run is None:
            continue
        assert sum(s.total_seconds for s in run.steps) == run.minutes * 60, run
        if run.kind is runtone.SessionKind.CROSS_TRAINING:
            found["cross_training"] += run.minutes
            continue
        for step in run.steps:
            parts = [(step.intensity.name, step.seconds)]
            if step.recovery_seconds:
                parts.append(
                    (step.recovery.name if step.recovery else "easy", step.recovery_seconds)
                )
            for name, seconds in parts:
                key = (
                    "walk"
                    if name == "walk"
                    else "hard"
                    if name in {"hard", "very hard"}
                    else "easy"
                )
                found[key] += step.repeats * seconds / 60
    return found


def expected_pieces(run: runtone.RunSession) -> list[tuple[str, int]]:
    """A session's parts in time order: (intensity, seconds), every repeat and recovery."""
    pieces: list[tuple[str, int]] = []
    for step in run.steps:
        for _ in range(step.repeats):
            pieces.append((step.intensity.name, step.seconds))
            if step.recovery_seconds:
                name = step.recovery.name if step.recovery else "easy"
                pieces.append((name, step.recovery_seconds))
    return pieces


# --- the whole plan ---------------------------------------------------------------------------


def check_load_chart(plan: runtone.Plan, svg: str) -> None:
    root = parse(svg)
    bars = classed(root, "week")
    assert [int(number(b, "data-week")) for b in bars] == [w.number for w in plan.weeks]
    assert [b.get("data-kind") for b in bars] == [w.kind.value for w in plan.weeks]
    baseline = classed(root, "baseline")[0]
    bottom = number(baseline, "y1")
    ratios = []
    fills = {key: fill for key, _, fill in CATEGORIES}
    order = [key for key, _, _ in CATEGORIES]
    for bar, week in zip(bars, plan.weeks):
        assert int(number(bar, "data-minutes")) == week.minutes
        segments = [e for e in bar if e.get("class") == "segment"]
        keys = [str(s.get("data-category")) for s in segments]
        assert keys == sorted(keys, key=order.index), "stacked in the legend's order"
        drawn = {key: number(s, "data-minutes") for key, s in zip(keys, segments)}
        expected = expected_minutes(week)
        assert drawn == pytest.approx({k: v for k, v in expected.items() if v > 0}, abs=1e-3)
        assert sum(drawn.values()) == pytest.approx(week.minutes, abs=1e-3)
        top = bottom
        for segment in segments:
            assert segment.get("fill") == fills[str(segment.get("data-category"))]
            height, y = number(segment, "height"), number(segment, "y")
            assert y + height == pytest.approx(top, abs=2 * ROUNDING), "stacked, no gap"
            ratios.append((height, number(segment, "data-minutes")))
            top = y
    if ratios:
        scale = sum(h for h, _ in ratios) / sum(m for _, m in ratios)
        for height, minutes in ratios:
            assert height == pytest.approx(minutes * scale, abs=ROUNDING), "height ∝ minutes"


def test_one_bar_per_week_each_the_minutes_of_its_kinds() -> None:
    check_load_chart(PLAN, runtone.plan_chart(PLAN))
    check_load_chart(BEGINNER, runtone.plan_chart(BEGINNER))
    check_load_chart(SHINS, runtone.plan_chart(SHINS))


def test_the_kinds_of_minutes_are_the_ones_the_plan_has() -> None:
    # The 10 km plan has hard running and strength; the beginner walks; the shins
    # cross-train in place of running (the injury rule).
    assert week_minutes(PLAN.weeks[0])["hard"] > 0
    assert week_minutes(PLAN.weeks[0])["strength"] > 0
    assert week_minutes(BEGINNER.weeks[0])["walk"] > 0
    assert week_minutes(SHINS.weeks[0])["cross_training"] > 0
    root = parse(runtone.plan_chart(SHINS))
    assert {s.get("data-category") for s in classed(root, "segment")} == {
        "cross_training",
        "strength",
    }
    walked = parse(runtone.plan_chart(BEGINNER))
    assert {s.get("data-category") for s in classed(walked, "segment")} >= {"walk", "easy"}


def test_the_taller_week_has_the_taller_bar() -> None:
    root = parse(runtone.plan_chart(PLAN))
    heights = [
        sum(number(s, "height") for s in bar if s.get("class") == "segment")
        for bar in classed(root, "week")
    ]
    for (h1, w1), (h2, w2) in zip(zip(heights, PLAN.weeks), zip(heights[1:], PLAN.weeks[1:])):
        assert (h1 < h2) == (w1.minutes < w2.minutes), (w1.number, w2.number)


def test_each_week_says_its_number_and_kind_under_its_bar() -> None:
    root = parse(runtone.plan_chart(PLAN))
    for bar, week in zip(classed(root, "week"), PLAN.weeks):
        texts = {t.get("class"): t.text for t in bar.iter(f"{SVG}text")}
        assert texts["number"] == str(week.number)
        assert texts["kind"] == week.kind.value
    kinds = [w.kind.value for w in PLAN.weeks]
    assert {"start", "build", "lighter", "taper"} <= set(kinds)


def test_the_axis_reaches_past_the_longest_week() -> None:
    root = parse(runtone.plan_chart(PLAN))
    ticks = [
        int(t.text or "") for t in root.iter(f"{SVG}text") if re.fullmatch(r"\d+", t.text or "")
    ]
    assert max(ticks) >= max(w.minutes for w in PLAN.weeks)


# --- one week ---------------------------------------------------------------------------------


def check_week_chart(week: runtone.Week, svg: str) -> None:
    root = parse(svg)
    days = classed(root, "day")
    assert [int(number(d, "data-day")) for d in days] == [d.number for d in week.days]
    fills = dict(INTENSITIES)
    for element, day in zip(days, week.days):
        strips = [e for e in element if e.get("class") == "session"]
        sessions = [s for s in (day.run, day.strength) if s is not None]
        assert len(strips) == len(sessions), day
        rest = [e for e in element.iter() if e.get("class") == "rest"]
        assert bool(rest) == day.is_rest
        for strip, session in zip(strips, sessions):
            assert int(number(strip, "data-minutes")) == session.minutes
            steps = [e for e in strip if e.get("class") == "step"]
            seconds = [int(number(s, "data-seconds")) for s in steps]
            assert sum(seconds) == session.minutes * 60, "the steps add up to the session"
            if isinstance(session, runtone.RunSession):
                assert strip.get("data-kind") == session.kind.value
                pieces = [(str(s.get("data-intensity")), n) for s, n in zip(steps, seconds)]
                assert pieces == expected_pieces(session), "the steps, in time order"
                assert [s.get("fill") for s in steps] == [fills[name] for name, _ in pieces]
            else:
                assert strip.get("data-kind") == "strength"
                assert [s.get("fill") for s in steps] == [STRENGTH]
            # Top to bottom in time order, one after another, heights in proportion.
            start = number(steps[0], "y")
            end = number(steps[-1], "y") + number(steps[-1], "height")
            scale = (end - start) / sum(seconds)
            done = 0
            for step, length in zip(steps, seconds):
                assert number(step, "y") == pytest.approx(start + done * scale, abs=2 * ROUNDING)
                assert number(step, "height") == pytest.approx(length * scale, abs=2 * ROUNDING)
                done += length
            words = [t.text for t in strip.iter(f"{SVG}text")]
            assert words[0] == f"{session.minutes} min"


def test_a_week_has_a_strip_per_session_of_its_steps() -> None:
    for plan in (PLAN, BEGINNER, SHINS):
        for week in plan.weeks:
            check_week_chart(week, runtone.plan_chart(plan, week=week.number))


def test_strips_share_one_scale_across_the_week() -> None:
    root = parse(runtone.plan_chart(PLAN, week=1))
    strips = classed(root, "session")
    scales = {
        round(
            sum(number(r, "height") for r in s if r.get("class") == "step")
            / number(s, "data-minutes"),
            2,
        )
        for s in strips
    }
    assert len(scales) == 1, scales


def test_a_week_can_be_given_as_its_record() -> None:
    assert runtone.plan_chart(PLAN, week=PLAN.weeks[2]) == runtone.plan_chart(PLAN, week=3)


def test_run_sessions_say_their_kind() -> None:
    root = parse(runtone.plan_chart(PLAN, week=2))
    kinds = {s.get("data-kind") for s in classed(root, "session")}
    assert {"easy", "tempo", "strides", "long", "strength"} <= kinds
    tempo = parse(runtone.plan_chart(PLAN, week=1))
    assert "tempo" in {s.get("data-kind") for s in classed(tempo, "session")}


# --- both pictures ----------------------------------------------------------------------------


def pictures() -> list[str]:
    return [runtone.plan_chart(PLAN), runtone.plan_chart(BEGINNER, week=1)]


@pytest.mark.parametrize("which", [0, 1], ids=["load", "week"])
def test_accessible_script_free_and_every_colour_named(which: int) -> None:
    svg = pictures()[which]
    root = parse(svg)
    assert svg.startswith("<svg")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "rt-title rt-desc"
    assert (root.findtext(f"{SVG}title") or "").strip()
    assert len(root.findtext(f"{SVG}desc") or "") > 100
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert not [a for e in root.iter() for a in e.attrib if a.lower().startswith("on")]
    legend = root.find(f".//{SVG}g[@id='rt-legend']")
    assert legend is not None
    named = {r.get("fill"): r.get("data-legend") for r in legend.iter(f"{SVG}rect")}
    used = {e.get("fill") for e in classed(root, "segment") + classed(root, "step")}
    assert used <= set(named), used - set(named)
    texts = {t.text for t in legend.iter(f"{SVG}text")}
    assert all(name in texts for name in named.values())
    # Every segment and step says in words what it is.
    assert all(
        e.find(f"{SVG}title") is not None for e in classed(root, "segment") + classed(root, "step")
    )


def test_the_palette_is_okabe_ito() -> None:
    # Okabe & Ito's eight colours stay apart under the common colour-vision deficiencies.
    okabe_ito = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"}
    fills = {fill for _, _, fill in CATEGORIES} | {fill for _, fill in INTENSITIES}
    assert fills <= okabe_ito
    assert len({fill for _, _, fill in CATEGORIES}) == len(CATEGORIES)
    assert len({fill for _, fill in INTENSITIES}) == len(INTENSITIES)


def test_deterministic() -> None:
    again = runtone.plan(RUNNER, weeks=12)
    assert runtone.plan_chart(PLAN) == runtone.plan_chart(again) == runtone.plan_chart(PLAN)
    assert runtone.plan_chart(PLAN, week=5) == runtone.plan_chart(again, week=5)


def test_the_title_is_the_callers_and_escaped() -> None:
    title = 'Mine & <yours> "quoted"'
    for week in (None, 1):
        svg = runtone.plan_chart(PLAN, week=week, title=f"  {title} ")
        assert parse(svg).findtext(f"{SVG}title") == title
        assert "<yours>" not in svg


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("week", [0, -1, 13, 10**400])
def test_a_week_out_of_range_names_the_range(week: int) -> None:
    with pytest.raises(runtone.ProfileError, match=r"^week: .*from 1 to 12") as info:
        runtone.plan_chart(PLAN, week=week)
    assert info.value.field == "week"


def test_a_week_of_another_plan_is_refused() -> None:
    with pytest.raises(runtone.ProfileError, match=r"^week: .*not one of the plan's weeks"):
        runtone.plan_chart(BEGINNER, week=PLAN.weeks[0])


@pytest.mark.parametrize("week", [True, "1", 1.0, [1], PLAN.weeks[0].days[0]])
def test_a_week_of_the_wrong_type_is_a_type_error(week: object) -> None:
    with pytest.raises(TypeError, match=r"^week: expected .*Week"):
        runtone.plan_chart(PLAN, week=week)  # type: ignore[arg-type]


@pytest.mark.parametrize("plan", [None, "plan", PLAN.weeks[0], RUNNER])
def test_not_a_plan_is_a_type_error(plan: object) -> None:
    with pytest.raises(TypeError, match=r"^plan: expected a runtone\.Plan"):
        runtone.plan_chart(plan)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("title", "error"),
    [(" ", runtone.InvalidValueError), ("a\x00b", runtone.InvalidValueError), (5, TypeError)],
)
def test_a_bad_title_is_refused(title: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"^title: "):
        runtone.plan_chart(PLAN, title=title)  # type: ignore[arg-type]


# --- generated plans --------------------------------------------------------------------------


@given(plan=plans(), data=st.data())
def test_any_plan_draws_true_to_its_minutes(plan: runtone.Plan, data: st.DataObject) -> None:
    check_load_chart(plan, runtone.plan_chart(plan))
    week = data.draw(st.integers(1, len(plan.weeks)), label="week")
    check_week_chart(plan.weeks[week - 1], runtone.plan_chart(plan, week=week))
    assert runtone.plan_chart(plan, week=week) == runtone.plan_chart(
        plan, week=plan.weeks[week - 1]
    )


# --- the command line -------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_cli_writes_the_load_chart_and_a_weeks_chart(tmp_path: Path) -> None:
    args = ["plan", "--level", "intermediate", "--race", "10k", "--weeks", "12"]
    args += ["--weekly-minutes", "150", "--longest-run", "50", "--current-running-days", "4"]
    args += ["--running-days", "4", "--minutes-per-session", "75"]
    load, week = tmp_path / "load.svg", tmp_path / "week.svg"
    code, out, err = run(*args, "--chart", str(load))
    assert (code, err) == (0, f"wrote {load}\n")
    assert out.startswith("Week 1")
    assert load.read_text("utf-8") == runtone.plan_chart(PLAN)
    code, _, _ = run(*args, "--chart", str(week), "--chart-week", "3")
    assert code == 0
    assert week.read_text("utf-8") == runtone.plan_chart(PLAN, week=3)


def test_the_cli_names_the_option_of_a_bad_week(tmp_path: Path) -> None:
    code, _, err = run(
        "plan", "--weeks", "2", "--chart", str(tmp_path / "c.svg"), "--chart-week", "3"
    )
    assert code == 2
    assert "--chart-week: must be a week of the plan, from 1 to 2, got 3" in err
    code, _, err = run("plan", "--chart-week", "1")
    assert code == 2
    assert "--chart-week: give --chart FILE too" in err
    assert not (tmp_path / "c.svg").exists()


# --- as a browser draws it --------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> None:
    if _browser.chromium() is None:
        if _browser.browser_required():
            pytest.fail(f"{_browser.REQUIRE}=1 but there is no chromium on the PATH")
        pytest.skip(f"no chromium on the PATH (set {_browser.REQUIRE}=1 to fail instead)")


def rgb(colour: str) -> tuple[int, int, int]:
    value = int(colour.lstrip("#"), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def close(pixel: tuple[int, int, int], colour: str) -> bool:
    return all(abs(a - b) <= 6 for a, b in zip(pixel, rgb(colour)))


@pytest.mark.usefixtures("browser")
@pytest.mark.parametrize("which", [0, 1], ids=["load", "week"])
def test_chromium_draws_each_block_in_its_colour(which: int) -> None:
    svg = pictures()[which]
    root = parse(svg)
    width, height = int(float(root.get("width", "0"))), int(float(root.get("height", "0")))
    # Headless Chromium draws nothing in a window under about 140 pixels high.
    image = _browser.screenshot(svg, width, max(height, 400))
    blocks = [
        e
        for e in classed(root, "segment") + classed(root, "step")
        if number(e, "height") >= 6  # big enough to hold a pixel clear of its edges
    ]
    assert len(blocks) >= 10
    for block in blocks:
        x = number(block, "x") + number(block, "width") / 2
        y = number(block, "y") + number(block, "height") / 2
        assert close(image.rgb(int(x), int(y)), str(block.get("fill"))), block.attrib
    painted = sum(
        image.rgb(x, y) != (255, 255, 255) for y in range(0, height, 4) for x in range(0, width, 4)
    )
    assert painted > width * height / 16 / 10, "not blank"
