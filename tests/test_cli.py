"""The command line: every command's output and exit code, in text and JSON."""

from __future__ import annotations

import functools
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import pytest

import runtone
from _support import require
from free_exercise_db_sample import RECORDS
from runtone import _loader, _text, cli
from runtone._export import to_json
from runtone.errors import singular

COLLECTIONS = [c.name for c in _loader.COLLECTIONS]
BIN = Path(sys.executable).parent


@attrs.frozen
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run(*argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return Run(code, out.getvalue(), err.getvalue())


def _fits(text: str) -> bool:
    return all(len(line) <= cli.WIDTH for line in text.splitlines())


def _command(name: str) -> str:
    return name.replace("_", "-")


def _one(name: str) -> str:
    return singular(name).replace(" ", "-")


@pytest.mark.parametrize("name", COLLECTIONS)
def test_every_collection_lists_every_record(name: str) -> None:
    result = run(_command(name))
    assert (result.code, result.err) == (0, "")
    assert _fits(result.out)
    records = getattr(runtone.load(), name)
    listed = [line.split()[0] for line in result.out.splitlines()[2:] if line.strip()][:-1]
    assert listed == [r.id for r in records]
    assert result.out.rstrip().endswith(f"{len(records)} {name.replace('_', ' ')}")
    as_json = run(_command(name), "--json")
    assert as_json.json() == [to_json(r) for r in records]
    assert run("--json", _command(name)).json() == as_json.json()


@pytest.mark.parametrize(
    ("name", "record"),
    [(name, r) for name in COLLECTIONS for r in getattr(runtone.load(), name)],
    ids=lambda value: value if isinstance(value, str) else value.id,
)
def test_every_record_shows_in_text_and_json(name: str, record: object) -> None:
    ident = record.id  # type: ignore[attr-defined]
    result = run(_one(name), ident)
    assert (result.code, result.err) == (0, "")
    assert _fits(result.out)
    assert f"\nid:{' ' * (_text.LABEL - 3)}{ident}\n" in result.out
    assert run(_one(name), ident, "--json").json() == to_json(record)


def test_show_accepts_names_and_aliases() -> None:
    assert run("muscle", "quads").out == run("muscle", "quadriceps").out
    assert run("strike-pattern", "heel").out.startswith("Rearfoot strike\n===")
    parts = next(
        line for line in run("muscle", "calves").out.splitlines() if line.startswith("parts")
    )
    assert parts.split(":", 1)[1].strip().split(", ") == ["gastrocnemius", "soleus"]


def test_unknown_key_exits_1_with_suggestions() -> None:
    result = run("muscle", "hamstrung")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "runtone: no muscle 'hamstrung'; did you mean 'hamstrings', 'biceps-femoris', "
        "'adductor-magnus'?\n"
    )
    as_json = run("muscle", "hamstrung", "--json")
    assert as_json.code == 1
    assert json.loads(as_json.err) == {
        "error": "not_found",
        "message": (
            "no muscle 'hamstrung'; did you mean 'hamstrings', 'biceps-femoris', 'adductor-magnus'?"
        ),
        "key": "hamstrung",
        "collection": "muscles",
        "suggestions": ["hamstrings", "biceps-femoris", "adductor-magnus"],
    }


def test_filters_match_the_library() -> None:
    result = run("exercises", "--muscle", "hamstrings", "--equipment", "none", "--json")
    expected = runtone.find_exercises(muscle="hamstrings", equipment=())
    assert [e["id"] for e in result.json()] == [e.id for e in expected]
    result = run("exercises", "--kind", "strength", "--bilateral", "--level", "beginner", "--json")
    expected = runtone.find_exercises(kind="strength", unilateral=False, level="beginner")
    assert [e["id"] for e in result.json()] == [e.id for e in expected]
    ds = runtone.load()
    claims = run("claims", "--verdict", "contradicted", "--json").json()
    assert [c["id"] for c in claims] == [c.id for c in ds.find_claims(verdict="contradicted")]
    recs = run("recommendations", "--injury", "runner's knee", "--json").json()
    expected_recs = ds.find_recommendations(injury="runner's knee")
    assert [r["id"] for r in recs] == [r.id for r in expected_recs]
    muscles = run("muscles", "--region", "lower_leg", "--json").json()
    assert [m["id"] for m in muscles] == [m.id for m in ds.find_muscles(region="lower_leg")]
    assert run("exercises", "--muscle", "neck").code == 1
    assert run("claims", "--muscle", "gluteus-maximus", "--verdict", "unclear").out == (
        "no claims match\n"
    )


def test_compare_prints_a_table_with_the_evidence() -> None:
    result = run("compare", "heel", "forefoot")
    assert (result.code, result.err) == (0, "")
    assert _fits(result.out)
    rows = {line.split("  ")[0]: line.split() for line in result.out.splitlines()}
    assert rows["Calves"][1:3] == ["more", "systematic"]
    assert rows["Quadriceps"][1:3] == ["less", "systematic"]
    change = runtone.compare_strikes("heel", "forefoot")
    assert run("compare", "heel", "forefoot", "--json").json() == to_json(change)
    derived = run("compare", "midfoot", "forefoot")
    assert "* worked out through a common baseline" in derived.out
    assert run("compare", "heel", "tiptoe").code == 1


def _profile_flags(field: attrs.Attribute[object]) -> str:
    return "--" + field.name.replace("_", "-")


@pytest.mark.parametrize("command", ["recommend", "plan"])
def test_every_profile_field_has_a_flag(command: str) -> None:
    result = run(command, "--help")
    assert result.code == 0
    text = result.out
    for field in attrs.fields(runtone.Profile):
        assert _profile_flags(field) in text


PROFILE = (
    "--level",
    "beginner",
    "--strike-pattern",
    "heel",
    "--weak-muscles",
    "glutes",
    "--injuries",
    "runner's knee",
    "--goals",
    "strength,injury_prevention",
    "--equipment",
    "resistance_band",
    "--tight-muscles",
    "calves",
    "--past-injuries",
    "shin splints",
    "--running-days",
    "3",
    "--strength-days",
    "2",
    "--minutes-per-session",
    "45",
)


def _library_profile() -> runtone.Profile:
    return runtone.Profile(
        level="beginner",
        strike_pattern="heel",
        weak_muscles=["glutes"],
        injuries=["runner's knee"],
        goals=["strength", "injury_prevention"],
        equipment=["resistance_band"],
        tight_muscles=["calves"],
        past_injuries=["shin splints"],
        running_days=3,
        strength_days=2,
        minutes_per_session=45,
    )


def test_recommend_matches_the_library() -> None:
    result = run("recommend", *PROFILE)
    assert (result.code, result.err) == (0, "")
    assert _fits(result.out)
    suggestions = runtone.recommend(_library_profile())
    assert result.out.startswith(f"1. {suggestions[0].recommendation.title}")
    # The library's to_json, as every --json prints it: the recommendation as its id.
    expected = runtone.to_json(suggestions)
    assert isinstance(expected, list)
    assert [item["recommendation"] for item in expected] == [  # type: ignore[call-overload, index]
        s.recommendation.id for s in suggestions
    ]
    assert run("recommend", *PROFILE, "--json").json() == expected
    limited = run("recommend", *PROFILE, "--limit", "1", "--json").json()
    assert limited == expected[:1]


def test_plan_matches_the_library() -> None:
    result = run("plan", *PROFILE, "--weeks", "2")
    assert (result.code, result.err) == (0, "")
    assert _fits(result.out)
    made = runtone.plan(_library_profile(), weeks=2)
    assert result.out.count("\nWeek ") + result.out.startswith("Week ") == 2
    week = made.weeks[0]
    assert f"Week 1, start ({week.run_minutes} min running, {week.minutes} in all)" in result.out
    assert run("plan", *PROFILE, "--weeks", "2", "--json").json() == to_json(made)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("plan", "--minutes-per-session", "5"), "--minutes-per-session: must be from 10 to 300"),
        (("plan", "--weeks", "0"), "--weeks: must be from 1 to 52"),
        (("plan", "--running-days", "8"), "--running-days: must be from 0 to 7"),
        (("recommend", "--limit", "0"), "--limit: must be 1 or more"),
        (
            ("plan", "--equipment", "none,dumbbells"),
            "--equipment: 'none' means no equipment and cannot be combined",
        ),
        (("plan", "--goals", "abs"), "--goals: 'abs' is not one of"),
        (("export", "--indent", "-1"), "--indent: must be from 0 to 8"),
        (("export", "--indent", "20000"), "--indent: must be from 0 to 8"),
        (("exercises", "--equipment", "kettlebell"), "'kettlebell' is not one of 'dumbbells'"),
        (("recommend", "--equipment", ","), "give equipment names, or 'none'"),
    ],
)
def test_bad_values_exit_2_naming_the_option(argv: tuple[str, ...], message: str) -> None:
    result = run(*argv)
    assert (result.code, result.out) == (2, "")
    assert message in result.err


@pytest.mark.parametrize(
    "argv",
    [
        (),
        ("nonsense",),
        ("muscles", "--region", "elbow"),
        ("muscle",),
        ("plan", "--weeks", "two"),
        ("exercises", "--unilateral", "--bilateral"),
    ],
)
def test_bad_usage_exits_2(argv: tuple[str, ...]) -> None:
    result = run(*argv)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("usage: runtone")


def test_unknown_names_in_a_profile_exit_1() -> None:
    result = run("plan", "--weak-muscles", "glutez")
    assert result.code == 1
    assert "weak_muscles: no muscle 'glutez'; did you mean 'glutes'" in result.err


def test_help_on_every_command_has_examples() -> None:
    result = run("--help")
    assert (result.code, result.err) == (0, "")
    top = result.out
    assert "examples:" in top
    commands = [
        *(_command(n) for n in COLLECTIONS),
        *(_one(n) for n in COLLECTIONS),
        "compare",
        "recommend",
        "plan",
        "diagram",
        "export",
        "validate",
        "convert",
    ]
    for command in commands:
        assert command in top
        result = run(command, "--help")
        assert result.code == 0
        text = result.out
        assert "examples:" in text, command
        assert _fits(text), command


def test_version_shows_package_and_data_versions() -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out == f"runtone {runtone.__version__} (data {runtone.DATA_VERSION})\n"


def test_export_writes_the_whole_dataset(tmp_path: Path) -> None:
    result = run("export")
    assert result.code == 0
    assert json.loads(result.out) == runtone.export()
    assert len(run("export", "--indent", "0").out.splitlines()) == 1
    target = tmp_path / "runtone.json"
    written = run("export", "--output", str(target))
    assert (written.code, written.out) == (0, "")
    assert json.loads(target.read_text("utf-8")) == runtone.export()
    assert _fits(written.err)
    counts = " ".join(written.err.split())
    assert counts.startswith(f"wrote {target}: {len(runtone.load().sources)} sources")
    for bad in (tmp_path / "missing" / "x.json", tmp_path):
        failed = run("export", "--output", str(bad))
        assert (failed.code, failed.out) == (1, "")
        assert failed.err.startswith(f"runtone: cannot write {bad}: ")


def _pack(tmp_path: Path, records: list[dict[str, object]]) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "exercises.json").write_text(json.dumps(records), "utf-8")
    return pack


def test_validate_a_good_and_a_broken_pack(tmp_path: Path) -> None:
    record: dict[str, Any] = to_json(runtone.exercise("calf-raise"))  # type: ignore[assignment]
    record.update(id="box-calf-raise", name="Box calf raise", aliases=[])
    pack = _pack(tmp_path, [record])
    good = run("validate", str(pack))
    assert (good.code, good.err) == (0, "")
    assert _fits(good.out)
    rows = {line.split()[0]: line.split()[1:] for line in good.out.splitlines()[3:]}
    total = len(runtone.load().exercises) + 1
    assert rows["exercises"] == [str(total), "1", "0"]
    assert rows["muscles"] == [str(len(runtone.load().muscles)), "0", "0"]
    report = run("validate", str(pack), "--json").json()
    assert report["collections"]["exercises"] == {"total": total, "added": 1, "replaced": 0}

    assert run("exercise", "box-calf-raise", "--pack", str(pack)).code == 0
    assert run("exercise", "box-calf-raise").code == 1

    record["targets"] = [{"muscle": "calfs", "role": "primary"}]
    (pack / "exercises.json").write_text(json.dumps([record]), "utf-8")
    broken = run("validate", str(pack))
    assert (broken.code, broken.out) == (1, "")
    assert broken.err == (
        f"runtone: invalid data: {pack}/exercises.json: record 'box-calf-raise': "
        "field 'targets[0].muscle': 'calfs' is not the id of any record in muscles\n"
    )
    error = json.loads(run("validate", str(pack), "--json").err)
    assert (error["file"], error["record"], error["field"]) == (
        f"{pack}/exercises.json",
        "box-calf-raise",
        "targets[0].muscle",
    )
    assert run("validate", str(tmp_path / "missing")).code == 1


def test_validate_an_export_standalone(tmp_path: Path) -> None:
    target = tmp_path / "runtone.json"
    run("export", "--output", str(target))
    assert run("validate", str(target), "--standalone").code == 0
    assert run("validate", str(target)).code == 1  # over our data it would need overrides


def test_convert_free_exercise_db(tmp_path: Path) -> None:
    source = tmp_path / "exercises.json"
    source.write_text(json.dumps(RECORDS), "utf-8")
    to_stdout = run("convert", str(source))
    assert to_stdout.code == 0
    assert set(json.loads(to_stdout.out)) == {"sources", "exercises"}
    assert "13 exercises read, 7 converted, 6 skipped" in to_stdout.err
    directory = tmp_path / "pack"
    to_dir = run("convert", str(source), "--output", str(directory))
    assert to_dir.code == 0
    assert to_dir.out.endswith(f"wrote {directory}\n")
    assert run("validate", str(directory)).code == 0
    report = run("convert", str(source), "-o", str(tmp_path / "again"), "--json").json()
    assert report["converted"] == 7
    assert run("convert", str(tmp_path / "none.json")).code == 1
    source.write_text("[{", "utf-8")
    assert "invalid JSON" in run("convert", str(source)).err


def _cli(*argv: str, via: str = "script") -> subprocess.CompletedProcess[str]:
    command = [str(BIN / "runtone")] if via == "script" else [sys.executable, "-m", "runtone"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "80"}
    return subprocess.run([*command, *argv], capture_output=True, text=True, check=False, env=env)


def test_the_console_script_and_python_m_agree() -> None:
    require((BIN / "runtone").exists(), f"the runtone console script in {BIN}")
    script = _cli("compare", "heel", "forefoot")
    module = _cli("compare", "heel", "forefoot", via="module")
    assert (script.returncode, module.returncode) == (0, 0)
    assert script.stdout == module.stdout == run("compare", "heel", "forefoot").out
    missing = _cli("muscle", "hamstrung", via="module")
    assert missing.returncode == 1
    assert "did you mean 'hamstrings'" in missing.stderr
    assert _cli("nonsense").returncode == 2


def test_export_pipes_into_json_load() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "runtone", "export"], stdout=subprocess.PIPE
    ) as export:
        check = subprocess.run(
            [sys.executable, "-c", "import json,sys; print(len(json.load(sys.stdin)['muscles']))"],
            stdin=export.stdout,
            capture_output=True,
            text=True,
            check=True,
        )
    assert export.returncode == 0
    assert int(check.stdout) == len(runtone.load().muscles)


def test_a_closed_pipe_is_not_an_error() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "runtone", "export"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as export:
        assert export.stdout is not None
        assert export.stderr is not None
        export.stdout.read(100)
        export.stdout.close()
        errors = export.stderr.read()
    assert export.returncode == 0
    assert b"Traceback" not in errors


def test_diagram_draws_what_the_library_draws(tmp_path: Path) -> None:
    forefoot = run("diagram", "forefoot")
    assert (forefoot.code, forefoot.err) == (0, "")
    assert forefoot.out == runtone.diagram(runtone.strike_pattern("forefoot")) + "\n"
    ET.fromstring(forefoot.out)  # noqa: S314 - our own output, not untrusted data
    uphill = run("diagram", "uphill")
    assert uphill.out == runtone.diagram(runtone.load().stride_effect("uphill")) + "\n"
    change = run("diagram", "--compare", "heel", "forefoot", "--title", "Heel to forefoot")
    expected = runtone.diagram(
        runtone.compare_strikes("heel", "forefoot"), title="Heel to forefoot"
    )
    assert change.out == expected + "\n"
    lift = run("diagram", "--exercise", "single-leg-deadlift", "--json").json()
    exercise = runtone.exercise("single-leg-deadlift")
    assert lift == {"subject": to_json(exercise), "svg": runtone.diagram(exercise)}
    target = tmp_path / "out.svg"
    written = run("diagram", "forefoot", "--output", str(target))
    assert (written.code, written.out, written.err) == (0, "", f"wrote {target}\n")
    assert target.read_text("utf-8") == runtone.diagram(runtone.strike_pattern("forefoot"))


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (("diagram", "tiptoe"), 1),
        (("diagram", "--exercise", "deadlfit"), 1),
        (("diagram", "--compare", "heel", "tiptoe"), 1),
        (("diagram",), 2),
        (("diagram", "heel", "--exercise", "squat"), 2),
        (("diagram", "heel", "--title", " "), 2),
    ],
)
def test_diagram_errors(argv: tuple[str, ...], code: int) -> None:
    result = run(*argv)
    assert (result.code, result.out) == (code, "")


def test_validate_counts_only_what_a_pack_replaces(tmp_path: Path) -> None:
    squat: dict[str, Any] = to_json(runtone.exercise("squat"))  # type: ignore[assignment]
    squat["cautions"] = ["Our app's own caution."]
    pack = _pack(tmp_path, [squat])
    (pack / "pack.json").write_text(json.dumps({"overrides": {"exercises": ["squat"]}}), "utf-8")
    report = run("validate", str(pack), "--json").json()
    replaced = {name: c["replaced"] for name, c in report["collections"].items() if c["replaced"]}
    assert replaced == {"exercises": 1}  # recommendations that cite the squat are not counted


def test_convert_never_overwrites_a_directory(tmp_path: Path) -> None:
    source = tmp_path / "exercises.json"
    source.write_text(json.dumps(RECORDS), "utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "pack.json").write_text('{"name": "mine"}', "utf-8")
    result = run("convert", str(source), "--output", str(mine))
    assert (result.code, result.out) == (1, "")
    assert "not an empty directory" in result.err
    assert (mine / "pack.json").read_text("utf-8") == '{"name": "mine"}'


def test_tables_fit_even_with_a_packs_long_ids(tmp_path: Path) -> None:
    record: dict[str, Any] = to_json(runtone.exercise("calf-raise"))  # type: ignore[assignment]
    long_id = "-".join(["very-long-exercise-id"] * 3)
    record.update(id=long_id, name="A long one", aliases=[], equipment=["resistance_band"])
    pack = _pack(tmp_path, [record])
    listed = run("exercises", "--pack", str(pack))
    assert listed.code == 0
    assert _fits(listed.out)
    line = next(line for line in listed.out.splitlines() if line.startswith("very-long"))
    assert line.split()[0].endswith("...")


# --- output in any encoding ---------------------------------------------------------------

ENCODINGS = ("cp1252", "ascii", "utf-8")


def run_encoded(encoding: str, *argv: str) -> tuple[int, bytes, bytes]:
    """``main(argv)`` writing to streams of this encoding that fail on what they cannot encode."""
    out_raw, err_raw = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_raw, encoding=encoding, errors="strict", newline="\n")
    err = io.TextIOWrapper(err_raw, encoding=encoding, errors="strict", newline="\n")
    code = cli.main(list(argv), out=out, err=err)
    out.flush()
    err.flush()
    return code, out_raw.getvalue(), err_raw.getvalue()


def _every_command_line() -> list[tuple[str, ...]]:
    ds = runtone.load()
    lines: list[tuple[str, ...]] = [(_command(n),) for n in COLLECTIONS]
    lines += [(_one(n), r.id) for n in COLLECTIONS for r in getattr(ds, n)]
    lines += [
        ("strike-pattern", "heel", "--json"),
        ("compare", "heel", "forefoot"),
        ("recommend", *PROFILE),
        ("plan", *PROFILE),
        ("diagram", "--compare", "heel", "forefoot"),
        ("diagram", "forefoot"),
        ("diagram", "--exercise", "single-leg-deadlift"),
        ("export",),
        ("--help",),
        ("plan", "--help"),
        ("--version",),
    ]
    return lines


@functools.cache
def _utf8(*argv: str) -> str:
    return run(*argv).out


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_command_survives_any_output_encoding(encoding: str) -> None:
    for argv in _every_command_line():
        plain = {"--help", "--version"} & set(argv)
        # Every record in text; JSON takes one path for all, tried on the others.
        for as_json in ((),) if plain or len(argv) == 2 else ((), ("--json",)):
            code, printed, said = run_encoded(encoding, *argv, *as_json)
            assert (code, said) == (0, b""), (argv, said)
            text = printed.decode(encoding)
            expected = _utf8(*argv, *as_json)
            if as_json or "--json" in argv or argv[0] == "export":
                assert json.loads(text) == json.loads(expected), argv
            elif argv[0] == "diagram":  # the same picture, characters referenced if need be
                assert ET.tostring(ET.fromstring(text)) == ET.tostring(ET.fromstring(expected))  # noqa: S314 - our own output
            else:
                assert len(text) == len(expected), argv  # only unencodable characters replaced
                assert text == expected or encoding != "utf-8"


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_errors_survive_any_encoding(encoding: str) -> None:
    # A file name that is not UTF-8 reaches argv as a lone surrogate (surrogateescape).
    name = os.fsdecode(b"bad\xffname")
    code, printed, said = run_encoded(encoding, "validate", name, "--json")
    assert (code, printed) == (1, b"")
    assert json.loads(said.decode(encoding))["error"] == "invalid_data"
    code, printed, said = run_encoded(encoding, "validate", name)
    assert (code, printed) == (1, b"")
    assert said.decode(encoding).startswith("runtone: invalid data: bad")
    code, printed, said = run_encoded(encoding, "muscle", "sol\u00e9us\u2192", "--json")
    assert code == 1
    assert json.loads(said.decode(encoding))["key"] == "sol\u00e9us\u2192"
    code, printed, said = run_encoded(encoding, "plan", "--level", "\u2192")
    assert code == 2
    assert said.decode(encoding).startswith("usage: runtone plan")


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_real_process_survives_a_narrow_encoding(encoding: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": f"{encoding}:strict"}
    for argv in (("export",), ("diagram", "--compare", "heel", "forefoot"), ("muscle", "calves")):
        done = subprocess.run(
            [sys.executable, "-m", "runtone", *argv],
            capture_output=True,
            check=False,
            env=env,
            cwd=tmp_path,
        )
        assert (done.returncode, done.stderr) == (0, b""), argv
        text = done.stdout.decode(encoding)
        if argv[0] == "export":
            assert json.loads(text) == runtone.export()
        elif argv[0] == "diagram":
            ET.fromstring(text)  # noqa: S314 - our own output


# --- usage errors that explain ------------------------------------------------------------


def test_an_unknown_option_names_the_command_and_the_close_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run("plan", "--runing-days", "3")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("usage: runtone plan ")
    assert result.err.endswith(
        "runtone plan: error: unrecognized arguments: --runing-days 3; "
        "did you mean --running-days?\n"
    )
    as_json = run("plan", "--runing-days", "3", "--json")
    assert (as_json.code, as_json.out) == (2, "")
    assert json.loads(as_json.err) == {
        "error": "usage",
        "message": "runtone plan: error: unrecognized arguments: --runing-days 3; "
        "did you mean --running-days?",
        "command": "plan",
        "suggestions": ["--running-days"],
    }
    assert capsys.readouterr() == ("", "")  # nothing went around main()'s streams


def test_an_unknown_command_suggests_close_ones() -> None:
    result = run("plna")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("usage: runtone ")
    assert result.err.endswith(
        "runtone: error: argument COMMAND: invalid choice: 'plna'; did you mean 'plan'?\n"
    )
    error = json.loads(run("--json", "musle").err)
    assert (error["error"], error["command"]) == ("usage", None)
    assert error["suggestions"] == ["muscle", "muscles"]
    nothing_close = run("zzz").err
    assert "invalid choice: 'zzz' (choose from sources, source, muscles, " in nothing_close


@pytest.mark.parametrize(
    "argv",
    [("--help",), ("plan", "--help"), ("--version",), ("nonsense",), ("plan", "--weeks", "x")],
)
def test_argparse_writes_only_to_mains_streams(
    argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(*argv)
    assert result.out or result.err
    assert capsys.readouterr() == ("", "")


def test_usage_errors_after_parsing_are_json_too() -> None:
    error = json.loads(run("plan", "--weeks", "0", "--json").err)
    assert error == {
        "error": "usage",
        "message": "runtone plan: error: --weeks: must be from 1 to 52, got 0",
        "command": "plan",
        "suggestions": [],
    }


@pytest.mark.parametrize(
    ("argv", "close"),
    [
        (("exercises", "--kind", "runing"), ["running_workout"]),
        (("claims", "--verdict", "contradictd"), ["contradicted"]),
        (("plan", "--level", "begginer"), ["beginner"]),
        (("recommend", "--goals", "strenght"), ["strength"]),
    ],
)
def test_a_bad_value_in_json_carries_the_close_values_the_text_names(
    argv: tuple[str, ...], close: list[str]
) -> None:
    # The text says "did you mean 'beginner'?": the JSON's suggestions say the same.
    text = run(*argv)
    assert text.code == 2
    assert text.err.endswith(f"did you mean {', '.join(map(repr, close))}?\n")
    error = json.loads(run(*argv, "--json").err)
    assert (error["error"], error["command"]) == ("usage", argv[0])
    assert error["suggestions"] == close


# --- the terminal's width, and one column order ----------------------------------------------


@pytest.mark.parametrize("columns", [60, 120])
def test_output_fits_the_terminals_width(columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    for argv in [
        *((_command(n),) for n in COLLECTIONS),
        ("muscle", "calves"),
        ("claim", "forefoot-works-quadriceps"),
        ("compare", "heel", "forefoot"),
        ("recommend", *PROFILE),
        ("plan", *PROFILE),
        ("plan", "--help"),
        ("--help",),
    ]:
        result = run(*argv)
        assert result.code == 0, argv
        lines = result.out.splitlines()
        assert all(len(line) <= columns for line in lines), argv
        if columns > cli.WIDTH and argv[0] in {"muscle", "claim", "compare", "plan", "--help"}:
            assert any(len(line) > cli.WIDTH for line in lines), argv  # the room is used
    monkeypatch.setenv("COLUMNS", "10")  # narrower than any table can be: the minimum
    assert all(len(line) <= _text.MIN_WIDTH for line in run("muscles").out.splitlines())


def test_every_list_has_its_columns_in_one_order() -> None:
    names = {"name", "title"}
    for name in COLLECTIONS:
        headers = run(_command(name)).out.splitlines()[0].split()
        assert headers[0] == "id", name
        if "evidence" in headers:
            assert headers[-1] == "evidence", name
        named = [h for h in headers if h in names]
        assert headers[1 : 1 + len(named)] == named, name  # the name comes right after the id


# --- values as the output shows them ---------------------------------------------------------

SPELLINGS = [
    ("exercises", "--kind", "kind", "running workout"),
    ("exercises", "--kind", "kind", "Running_Workout"),
    ("exercises", "--level", "level", "Beginner"),
    ("exercises", "--level", "level", "beginer"),
    ("exercises", "--role", "role", "Primary"),
    ("claims", "--min-evidence", "min_evidence", "RCT"),
    ("claims", "--min-evidence", "min_evidence", "systematic review"),
    ("claims", "--verdict", "verdict", "Contradicted"),
    ("recommendations", "--min-evidence", "min_evidence", "rct"),
    ("recommendations", "--goal", "goal", "injury prevention"),
    ("muscles", "--region", "region", "lower leg"),
    ("muscles", "--action", "action", "Knee Extension"),
]


@pytest.mark.parametrize(("command", "flag", "field", "value"), SPELLINGS)
def test_option_values_go_to_the_librarys_parser(
    command: str, flag: str, field: str, value: str
) -> None:
    # Whatever the library makes of the text, the command line makes the same: the
    # records it finds, or its error (with its close matches) as a usage error.
    find = getattr(runtone.load(), f"find_{command}")
    expected, error = _library(lambda: find(**{field: value}))
    result = run(command, flag, value, "--json")
    if error is not None:
        assert (result.code, result.out) == (2, "")
        message = json.loads(result.err)["message"]
        assert message == f"runtone {command}: error: {flag}: {error.split(': ', 1)[1]}"
    else:
        assert result.code == 0, result.err
        assert [r["id"] for r in result.json()] == [r.id for r in expected]  # type: ignore[attr-defined]


def _library(call: Any) -> tuple[object, str | None]:
    """What the library returns for a call, or its ValueError's message."""
    try:
        return call(), None
    except ValueError as exc:
        return None, str(exc)


def test_profile_values_go_to_the_librarys_parser() -> None:
    for value in ("Beginner", "advanced", "expert"):
        result = run("plan", "--level", value, "--weeks", "1", "--json")
        profile, error = _library(lambda v=value: runtone.Profile(level=v))
        if error is not None:
            assert result.code == 2
            assert json.loads(result.err)["message"].endswith(error.split(": ", 1)[1])
        else:
            assert result.json() == to_json(runtone.plan(profile, weeks=1))  # type: ignore[arg-type]


def test_help_lists_the_values_an_option_takes() -> None:
    text = " ".join(run("exercises", "--help").out.split())
    assert "running_workout" in text
    assert "intermediate" in text


class _Full(io.StringIO):
    def write(self, text: str) -> int:
        del text
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize("argv", [("muscle", "soleus"), ("export",), ("muscles", "--json")])
def test_a_full_or_closed_output_is_an_error_not_a_traceback(
    argv: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    err = io.StringIO()
    assert cli.main(list(argv), out=_Full(), err=err) == 1
    assert "cannot write the output: No space left on device" in err.getvalue()
    monkeypatch.setattr(sys, "stdout", None)  # what a process started with stdout closed has
    err = io.StringIO()
    assert cli.main(list(argv), err=err) == 1
    assert "cannot write the output: standard output is closed" in err.getvalue()
    monkeypatch.setattr(sys, "stderr", None)
    assert cli.main(["muscle", "solus"]) == 1  # the message has nowhere to go; no crash


def test_a_closed_output_does_not_stop_a_command_that_writes_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    err = io.StringIO()
    assert cli.main(["export", "--output", str(tmp_path / "x.json")], err=err) == 0
    assert err.getvalue().startswith("wrote ")


def test_rule_and_rules_are_the_short_names_of_the_training_rule_commands() -> None:
    assert run("rule", "race-taper").out == run("training-rule", "race-taper").out
    assert "weeks: 2 weeks" in run("rule", "race-taper").out
    assert run("rules").out == run("training-rules").out
    missing = run("rule", "race tapper")
    assert missing.code == 1
    assert "race-taper" in missing.err
