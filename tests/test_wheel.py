"""The built wheel ships every data file and works installed outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "runtone" / "data"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("runtone-*.whl")
    return built


def test_wheel_contains_every_data_file_and_marker(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "runtone/data/" + path.relative_to(DATA).as_posix()
        for path in DATA.rglob("*")
        if path.is_file()
    }
    assert expected, "no data files found"
    assert expected <= names, sorted(expected - names)
    assert "runtone/py.typed" in names


def test_installed_wheel_loads_its_data(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import runtone, pathlib; "
        "assert 'site-packages' in runtone.__file__, runtone.__file__; "
        "ds = runtone.load(); "
        "print(len(ds.muscles), runtone.muscle('quads').name, runtone.__version__)"
    )
    result = subprocess.run(
        [str(python), "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    count, name, version = result.stdout.split()
    assert int(count) > 10
    assert name == "Quadriceps"
    assert version
    script = python.parent / ("runtone.exe" if os.name == "nt" else "runtone")
    compare = subprocess.run(
        [str(script), "compare", "heel", "forefoot"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Quadriceps" in compare.stdout
