"""runtone installed the ways apps install it: from the wheel, from the sdist, from a zip.

The wheel and the sdist are built once (``python -m build``: the sdist, then the
wheel from the sdist) and each is installed into its own new virtual
environment outside the source tree, where tests/_smoke.py runs with the
environment's interpreter in isolated mode.  Every figure it prints is compared
with the same call made here, on the source tree.

runtone's dependencies come from this interpreter's own installation, re-packed
as wheels, so installing the wheel needs no index.  Installing the sdist builds
it, and that build fetches hatchling the way ``python -m build`` does.

The zip test imports runtone with zipimport from an archive of src/runtone and
nothing else on the path but the dependencies, and checks that the data come out
of the archive through importlib.resources, as they must when the package is
not plain files on disk.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import runtone
from _smoke import PROFILE

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "runtone"
DATA = SRC / "data"
SMOKE = Path(__file__).resolve().parent / "_smoke.py"
BIN = "Scripts" if os.name == "nt" else "bin"
#: The collections of the export, besides data_version.
COLLECTIONS = (
    "sources",
    "muscles",
    "injuries",
    "exercises",
    "strike_patterns",
    "stride_effects",
    "claims",
    "recommendations",
    "terms",
    "training_rules",
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel (built from the sdist), by kind."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (sdist,) = out.glob("runtone-*.tar.gz")
    (wheel,) = out.glob("runtone-*.whl")
    return {"sdist": sdist, "wheel": wheel}


def _requirements(name: str) -> list[str]:
    """The distributions ``name`` needs here (its extras and other Pythons' needs left out)."""
    needed = []
    for text in importlib.metadata.requires(name) or ():
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            needed.append(requirement.name)
    return needed


def _repack(name: str, into: Path) -> Path | None:
    """This interpreter's installed ``name`` as a wheel in ``into`` (None if it cannot be).

    A pure-Python distribution installed from a wheel lists its files in RECORD;
    zipping them back (bytecode caches left out) gives the wheel it came from.
    """
    dist = importlib.metadata.distribution(name)
    tag = dist.read_text("WHEEL") or ""
    if dist.files is None or "Root-Is-Purelib: true" not in tag:
        return None
    project = dist.metadata["Name"].replace("-", "_")
    wheel = into / f"{project}-{dist.version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for file in dist.files:
            source = Path(str(file.locate()))
            if file.parts[0] != ".." and "__pycache__" not in file.parts and source.is_file():
                archive.write(source, file.as_posix())
    return wheel


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bool]:
    """runtone's dependencies as wheels, and whether they are all there (no index needed)."""
    house = tmp_path_factory.mktemp("wheelhouse")
    todo, done, complete = _requirements("runtone"), set(), True
    while todo:
        name = todo.pop()
        if name in done:
            continue
        done.add(name)
        complete &= _repack(name, house) is not None
        todo += _requirements(name)
    return house, complete


def _venv(where: Path) -> Path:
    """A new virtual environment (no pip of its own: ours installs into it); its python."""
    venv.create(where, with_pip=False)
    return where / BIN / ("python.exe" if os.name == "nt" else "python")


def _install(python: Path, package: Path, wheelhouse: tuple[Path, bool]) -> None:
    house, complete = wheelhouse
    # Offline when we can be; building an sdist needs hatchling from an index.
    offline = ["--no-index"] if complete and package.suffix == ".whl" else []
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    subprocess.run(
        [*pip, *offline, "--find-links", str(house), str(package)],
        check=True,
        capture_output=True,
    )


def test_wheel_contains_every_data_file_and_marker(dist: dict[str, Path]) -> None:
    names = set(zipfile.ZipFile(dist["wheel"]).namelist())
    expected = {
        "runtone/data/" + path.relative_to(DATA).as_posix()
        for path in DATA.rglob("*")
        if path.is_file()
    }
    assert expected, "no data files found"
    assert expected <= names, sorted(expected - names)
    assert "runtone/py.typed" in names


def test_sdist_contains_every_source_and_data_file(dist: dict[str, Path]) -> None:
    with tarfile.open(dist["sdist"]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    expected = {
        path.relative_to(ROOT).as_posix()
        for path in SRC.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected <= names, sorted(expected - names)
    assert {"pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE", "docs/index.md"} <= names
    # The tests stay in the repository: they need .ci/run, ../shared and a browser, which
    # an unpacked sdist does not have (docs/testing.md).
    assert not {n for n in names if n.startswith(("tests/", "benchmarks/", ".ci/"))}


def test_the_licence_ships_in_both_and_the_metadata_names_it(dist: dict[str, Path]) -> None:
    licence = (ROOT / "LICENSE").read_text("utf-8")
    assert licence.startswith("MIT License\n\nCopyright (c) 2026 The runtone developers\n")
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        info = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = wheel.read(info).decode("utf-8")
        shipped = wheel.read(info.replace("METADATA", "licenses/LICENSE")).decode("utf-8")
    assert shipped == licence
    headers = metadata.split("\n\n", 1)[0].splitlines()
    assert "License-Expression: MIT" in headers
    assert "License-File: LICENSE" in headers
    urls = {line.split(", ", 1)[0] for line in headers if line.startswith("Project-URL: ")}
    assert urls == {
        f"Project-URL: {name}" for name in ("Source", "Documentation", "Changelog", "Issues")
    }
    with tarfile.open(dist["sdist"]) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/LICENSE"))
        packed = archive.extractfile(member)
        assert packed is not None
        assert packed.read().decode("utf-8") == licence


@pytest.mark.skipif(
    sys.version_info < (3, 10),
    reason="twine 7, which reads the metadata 2.5 hatchling writes, needs Python 3.10",
)
def test_twine_check_strict_passes_on_the_sdist_and_the_wheel(dist: dict[str, Path]) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "twine",
            "check",
            "--strict",
            str(dist["sdist"]),
            str(dist["wheel"]),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2, result.stdout


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_installed_package_passes_the_smoke_script(
    kind: str, dist: dict[str, Path], wheelhouse: tuple[Path, bool], tmp_path: Path
) -> None:
    python = _venv(tmp_path / "venv")
    _install(python, dist[kind], wheelhouse)
    result = subprocess.run(
        [str(python), "-I", str(SMOKE)], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    found = json.loads(result.stdout)
    installed = Path(found["file"]).resolve()
    assert installed.is_relative_to(Path(found["purelib"]).resolve()), installed
    assert not installed.is_relative_to(ROOT), "imported from the source tree"
    assert found["version"] == importlib.metadata.version("runtone")

    profile = runtone.Profile(**PROFILE)  # type: ignore[arg-type]
    made = runtone.plan(profile, weeks=3)
    assert found["by_id"] == found["by_alias"] == runtone.muscle("quads").id
    assert found["exercise_by_alias"] == runtone.exercise("band walks").id
    assert found["heel"] == runtone.strike_pattern("heel").id
    calves = runtone.find_exercises(muscle="calves", equipment=())
    assert found["calf_exercises"] == [e.id for e in calves]
    comparison = runtone.compare_strikes("heel", "forefoot")
    assert found["heel_to_forefoot"] == {r.muscle.id: r.direction.value for r in comparison.muscles}
    assert found["recommend"] == [s.recommendation.id for s in runtone.recommend(profile)]
    assert found["recommend"], "the profile gets some advice"
    assert found["plan"] == [[day.minutes for day in week.days] for week in made.weeks]
    exported = found["export"]
    assert set(exported) == {"data_version", "locale", *COLLECTIONS}
    assert exported == json.loads(json.dumps(runtone.export()))


#: Run in the zip test's interpreter: import runtone from the zip, load, report as JSON.
_FROM_ZIP = """
import json, os, pathlib, sys

opened = []
sys.addaudithook(
    lambda event, args: opened.append(os.fsdecode(args[0]))
    if event == "open" and isinstance(args[0], (str, bytes)) else None
)
import runtone

if sys.version_info >= (3, 10):
    from importlib.resources import files
else:
    from importlib_resources import files

before = len(opened)
dataset = runtone.load()
json.dump(
    {
        "file": runtone.__file__,
        "path": sys.path,
        "traversable": type(files("runtone")).__module__ + "." + type(files("runtone")).__name__,
        "on_disk": isinstance(files("runtone"), pathlib.Path),
        "opened_while_loading": opened[before:],
        "quads": dataset.muscle("quads").name,
        "export": runtone.export(dataset),
    },
    sys.stdout,
)
"""


def test_runtone_imports_from_a_zip_and_reads_its_data_from_it(
    wheelhouse: tuple[Path, bool], tmp_path: Path
) -> None:
    archive = tmp_path / "runtone.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(SRC.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, path.relative_to(SRC.parent).as_posix())
    house, complete = wheelhouse
    assert complete, "every dependency of runtone is pure Python, so zipimport can load it"
    # -S: no site-packages at all (ours holds the editable install that points at src);
    # -s: no user site; the path is the zip, the dependencies' wheels, and the stdlib.
    pythonpath = [str(archive), *(str(wheel) for wheel in sorted(house.glob("*.whl")))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(pythonpath)}
    result = subprocess.run(
        [sys.executable, "-S", "-s", "-c", _FROM_ZIP],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout)
    assert Path(found["file"]).is_relative_to(archive), found["file"]
    assert not any(str(ROOT) in entry for entry in found["path"]), found["path"]
    assert found["on_disk"] is False, found["traversable"]
    opened = found["opened_while_loading"]
    assert str(archive) in opened, "the data were read out of the archive"
    assert not [p for p in opened if p.endswith(".json") or ROOT in Path(p).parents], opened
    assert found["quads"] == runtone.muscle("quads").name
    assert found["export"] == json.loads(json.dumps(runtone.export()))
