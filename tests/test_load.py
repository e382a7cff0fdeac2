"""load(): lazy, once, thread-safe, cached; importing runtone reads nothing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import runtone
from runtone import _loader


def test_load_returns_the_same_dataset() -> None:
    assert runtone.load() is runtone.load()


def test_32_threads_load_exactly_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = _loader.load_packaged
    start = threading.Barrier(32)

    def counting() -> runtone.Dataset:
        calls.append(threading.get_ident())
        return real()

    monkeypatch.setattr(runtone._default, "_cache", None)
    monkeypatch.setattr(_loader, "load_packaged", counting)
    results: list[object] = [None] * 32
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            start.wait()
            results[i] = runtone.load()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(calls) == 1
    assert all(result is results[0] for result in results)
    assert isinstance(results[0], runtone.Dataset)


def _run(code: str) -> tuple[str, str]:
    """What ``code`` prints, and the import-time log, from a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout, out.stderr


def test_import_reads_no_data_and_no_metadata() -> None:
    # Printed, not asserted (`python -O` drops asserts), and without json (checked below).
    out, log = _run(
        "import sys, runtone; "
        "print('runtone._loader' in sys.modules, 'runtone._dataset' in sys.modules, "
        "runtone._default._cache is None)"
    )
    assert out.split() == ["False", "False", "True"]  # no loader, no dataset, nothing cached
    imported = {line.rsplit("|", 1)[-1].strip() for line in log.splitlines()}
    assert "runtone" in imported
    assert "json" not in imported
    assert "json.decoder" not in imported
    assert "importlib.metadata" not in imported
    # Only the small module that holds the default dataset's cache and lock.
    assert {name for name in imported if name.startswith("runtone.")} == {"runtone._default"}


def test_version_is_lazy_and_right() -> None:
    # The version the project declares, read from pyproject.toml's [project] table
    # (tomllib is 3.11+; a regular expression serves every Python).
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8")
    project = pyproject.split("\n[project]\n", 1)[1].split("\n[", 1)[0]
    declared = re.findall(r'^version = "([^"]+)"$', project, re.MULTILINE)
    assert len(declared) == 1
    assert runtone.__version__ == declared[0]
    assert isinstance(runtone.__version__, str)
    assert "__version__" in dir(runtone)
    # Lazy: importing runtone does not import importlib.metadata; asking for the version does.
    code = (
        "import json, sys, runtone; before = 'importlib.metadata' in sys.modules; "
        "version = runtone.__version__; "
        "print(json.dumps([before, 'importlib.metadata' in sys.modules, version]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [False, True, declared[0]]


def test_every_public_name_resolves() -> None:
    for name in runtone.__all__:
        assert getattr(runtone, name) is not None, name
    assert runtone.__all__ == sorted(runtone.__all__, key=lambda n: (not n.isupper(), n))


def test_strike_pattern_alias_is_the_class() -> None:
    assert runtone.StrikePattern is runtone.StrideEffect


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        runtone.nope  # noqa: B018


#: Run in a fresh interpreter: 32 threads race on the first load and on every query.
_RACE = r"""
import json, sys, threading, traceback

import runtone
from runtone import _loader  # importing the loader reads no data

# Reported, not asserted: `python -O` would drop an assert.
empty_before = runtone._default._cache is None
calls = []
real = _loader.load_packaged


def counting():
    calls.append(threading.get_ident())
    return real()


_loader.load_packaged = counting
sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can


def profile():
    return runtone.Profile(
        level="beginner", strike_pattern="heel", weak_muscles=["glutes"], injuries=["runner's knee"]
    )


QUERIES = {
    "load": lambda: runtone.load(),
    "muscle": lambda: runtone.muscle("quads"),
    "exercise": lambda: runtone.exercise("calf raises"),
    "strike_pattern": lambda: runtone.strike_pattern("heel"),
    "parts": lambda: runtone.load().parts(runtone.muscle("calves")),
    "find_exercises": lambda: runtone.find_exercises(muscle="hamstrings", kind="strength"),
    "citing": lambda: runtone.load().citing("vannatta-2015"),
    "compare_strikes": lambda: runtone.compare_strikes("heel", "forefoot"),
    "recommend": lambda: runtone.recommend(profile()),
    "plan": lambda: runtone.plan(profile(), weeks=4),
    "diagram": lambda: runtone.diagram(runtone.compare_strikes("heel", "forefoot")),
    "export": lambda: runtone.export(),
}
NAMES = list(QUERIES)
THREADS = 32
start = threading.Barrier(THREADS)
results = [{} for _ in range(THREADS)]
errors = []


def worker(i):
    try:
        start.wait()
        for k in range(len(NAMES)):  # each thread starts with a different query
            name = NAMES[(i + k) % len(NAMES)]
            results[i][name] = QUERIES[name]()
    except BaseException:
        errors.append(traceback.format_exc())


threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
first = results[0]
print(json.dumps({
    "empty_before": empty_before,
    "loads": len(calls),
    "errors": errors,
    "answered": sorted(len(r) for r in results),
    "cached": all(r.get("load") is runtone._default._cache for r in results),
    "not_identical": sorted(
        name
        for name in ("load", "muscle", "exercise", "strike_pattern")
        if any(r.get(name) is not first.get(name) for r in results)
    ),
    "unequal": sorted(
        name for name in NAMES if any(r.get(name) != first.get(name) for r in results)
    ),
    "queries": NAMES,
}))
"""


def test_32_threads_race_on_the_first_load_and_queries_in_a_fresh_process() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _RACE], capture_output=True, text=True, check=True, timeout=120
    )
    report = json.loads(out.stdout)
    assert report["empty_before"] is True
    assert report["errors"] == []
    assert report["loads"] == 1
    assert report["answered"] == [len(report["queries"])] * 32
    assert report["cached"] is True
    assert report["not_identical"] == []
    assert report["unequal"] == []
    assert len(report["queries"]) == 12


#: Run in a fresh interpreter: fork while another thread holds one of runtone's lazy
#: locks, and check that the child still gets its answer. argv[1] names the lock: the
#: first load() ("load"), the first use of a collection of the loaded dataset, parsed on
#: demand under a lock of its own ("collection"), or the first diagram, whose shapes are
#: read under a lock too ("diagram").
_FORK_INSIDE = r"""
import os, sys, threading, time

import runtone
from runtone import _diagram, _loader

which = sys.argv[1]
module, name = {
    "load": (_loader, "load_packaged"),
    "collection": (_loader, "_make_collection"),
    "diagram": (_diagram, "parse_shapes"),
}[which]
real = getattr(module, name)
inside = threading.Event()
release = threading.Event()
parent = os.getpid()


def slow(*args):
    if os.getpid() == parent and threading.current_thread() is not threading.main_thread():
        inside.set()  # the parent's worker waits here, holding the lock
        release.wait()
    return real(*args)


setattr(module, name, slow)
if which == "load":
    use = lambda: isinstance(runtone.load(), runtone.Dataset)
elif which == "collection":
    dataset = runtone.load()  # cheap: no collection is parsed yet
    use = lambda: len(runtone.load().muscles) > 0
else:
    use = lambda: runtone.diagram({"calves": 1.0}).startswith("<svg")
thread = threading.Thread(target=use)
thread.start()
if not inside.wait(10):
    sys.exit("the worker never took the lock")
pid = os.fork()
if pid == 0:
    os._exit(0 if use() else 3)
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    time.sleep(0.05)
else:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    status = "the child hung for 30 s"
release.set()
thread.join()
sys.exit(status if isinstance(status, str) else os.waitstatus_to_exitcode(status))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork() here")
@pytest.mark.parametrize("which", ["load", "collection", "diagram"])
def test_a_fork_while_another_thread_holds_a_lazy_lock_does_not_hang_the_child(
    which: str,
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _FORK_INSIDE, which],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
