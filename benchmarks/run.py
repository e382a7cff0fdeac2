"""runtone's benchmarks: every figure against a floor measured in the same run, with its budget.

    pip install -e ".[bench]"
    python benchmarks/run.py [--repeat N] [--strict] [--json FILE] [--python PATH]
    python benchmarks/run.py --quick

Each line gives a figure (the median of ``--repeat`` runs, 20 by default), its
ratio to a floor measured in the same run, its budget (issues #8 and #18) and
whether it holds (PASS) or not (OVER).  A budget is either on the ratio
(``<= 1.15x``) or on the figure itself (``<= 1 us``); for the latter the ratio is
context.  The last line says how many budgets hold; ``--strict`` makes the exit
code 1 when any does not.

Whole-process figures time a process from start to exit (``python -c CODE``, or
runtone's console script), the candidates taken in turn round after round so
that any drift of the machine hits them all alike, after one warm-up run each.
Apps import installed packages with compiled bytecode, so by default the script
builds runtone's wheel, installs it and pycountry into a new virtual environment
in a temporary directory (pip compiles their bytecode) and times that
interpreter and its ``runtone`` script, run outside the repository with no
``PYTHON*`` variables set.  ``--python PATH`` times an interpreter you have
prepared instead, and the ``runtone`` script beside it (``PATH -m runtone``
where there is none).  Everything else is timed in this process, on the runtone
it imports.

The garbage collector: runtone is timed as an app calls it, with the collector
on (its loader turns it off while it builds records); every floor and rival it
is compared with runs in the state runtone's own work runs in, so a floor of
building records runs with the collector off.  Warm calls loop with the
collector on, figure and floor alike (``timeit`` would turn it off).

Packs: runtone loads generated packs (``benchmarks/generated_pack.py``) against
a floor that builds the same records unchecked, and against pydantic v2 and
msgspec doing the same checks (``benchmarks/rivals.py``); the cost per record
is compared from a tenth of the main pack's size to ten times it.

``--quick`` runs each step once, on smaller generated packs (the largest
skipped) and with this interpreter, to check that the benchmarks work; its
figures mean nothing and it always exits 0.  The test suite runs it.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
import venv
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Generic, TypeVar

import free_exercise_db
import generated_pack
import rivals
import runtone
from runtone._dataset import normalize
from runtone._loader import COLLECTIONS, paused_gc
from runtone._search import DEFAULT_COLLECTIONS

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = Path(__file__).resolve().parent
#: What ``pip install ".[bench]"`` installs besides runtone (kept equal to pyproject.toml;
#: the rivals' pins are in rivals.py).
PYCOUNTRY = "pycountry==26.2.16"
#: The number of runs issue #8 asks the median of.
RUNS = 20
#: Runs of the largest pack (seconds each): a median of 3 is steady.
LARGE_RUNS = 3
MB = 1_000_000
T = TypeVar("T")

# --- figures ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Budget:
    """A limit on a figure's ratio to its floor (``ratio``) or on the figure itself."""

    limit: float
    ratio: bool

    def text(self, unit: str) -> str:
        """The budget as printed, e.g. ``<= 1.15x`` or ``<= 1 us``."""
        return f"<= {self.limit:g}x" if self.ratio else f"<= {self.limit:g} {unit}"


@dataclasses.dataclass(frozen=True)
class Figure:
    """One line of the report."""

    key: str
    label: str
    unit: str
    value: float | None
    floor: float | None
    floor_label: str
    budget: Budget | None
    #: Why the figure was not measured, or what to know about it.
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """The figure over its floor, or ``None`` when either is missing."""
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor

    @property
    def holds(self) -> bool | None:
        """Whether the budget holds; ``None`` when there is no budget."""
        if self.budget is None:
            return None
        measured = self.ratio if self.budget.ratio else self.value
        return measured is not None and measured <= self.budget.limit

    def line(self) -> str:
        """The figure as one line of the report."""
        verdict = {None: "-", True: "PASS", False: "OVER"}[self.holds]
        if self.value is None and self.budget is not None:
            verdict = "n/a"  # not measured: it does not hold, but it is not over either
        budget = "no budget" if self.budget is None else self.budget.text(self.unit)
        if self.value is None:
            return f"{self.label:<50} {'n/a':>10}  {'':>7}  {budget:<10} {verdict:<4}  {self.note}"
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}x"
        floor = "" if self.floor is None else f"{_number(self.floor)} {self.unit}"
        note = f" ({self.note})" if self.note else ""
        return (
            f"{self.label:<50} {_number(self.value):>7} {self.unit:<2}  {ratio:>7}  "
            f"{budget:<10} {verdict:<4}  floor {floor}: {self.floor_label}{note}"
        )

    def json(self) -> dict[str, object]:
        """The figure as a JSON object."""
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "value": self.value,
            "floor": self.floor,
            "floor_label": self.floor_label,
            "ratio": self.ratio,
            "budget": None
            if self.budget is None
            else {"limit": self.budget.limit, "on": "ratio" if self.budget.ratio else "value"},
            "holds": self.holds,
            "note": self.note,
        }


def _number(value: float) -> str:
    if value >= 100:  # noqa: PLR2004 - a display rule
        return f"{value:.0f}"
    if value >= 10:  # noqa: PLR2004
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 1 else f"{value:.3f}"


# --- timing -------------------------------------------------------------------------


def _interleaved(steps: Mapping[str, Callable[[], float]], repeat: int) -> dict[str, float]:
    """Each step's median duration: one run of each in turn, ``repeat`` rounds."""
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(repeat):
        for name, step in steps.items():
            times[name].append(step())
    return {name: statistics.median(values) for name, values in times.items()}


class _Call(Generic[T]):
    """A step that times one call of ``function``.

    The call's result is kept until the next step begins, so that freeing it
    (ten thousand records, say) is never part of a timing; a garbage collection
    before each call, also untimed, starts every call from the same state.
    With ``gc_off`` the collector is off during the call (a floor or a rival of
    runtone's loader, which turns it off while it builds); otherwise it is as
    the caller has it, on.
    """

    def __init__(self, function: Callable[[], T], *, gc_off: bool = False) -> None:
        self.function = function
        self.gc_off = gc_off
        self.last: T | None = None

    def __call__(self) -> float:
        self.last = None
        gc.collect()
        collect = gc.isenabled()
        if self.gc_off:
            gc.disable()
        try:
            start = time.perf_counter()
            self.last = self.function()
            return time.perf_counter() - start
        finally:
            if collect:
                gc.enable()


def _loop(code: str, names: Mapping[str, object], seconds: float) -> Callable[[], float]:
    """A step that times ``code`` in a loop of about ``seconds`` and returns one call's time.

    The garbage collector is on, as in an app (``timeit`` alone turns it off).
    """
    timer = timeit.Timer(code, setup="gc.enable()", globals={**names, "gc": gc})
    timer.timeit(1)  # warm-up: first calls build caches
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= seconds / 10 or number >= 10**8:
            break
        number *= 10
    number = max(1, round(number * seconds / max(elapsed, 1e-9)))
    return lambda: timer.timeit(number) / number


# --- whole processes ----------------------------------------------------------------

#: Whole processes that run ``python -c CODE``.
PROCESSES = {
    "start": "pass",
    "attrs": "import attrs",
    "runtone": "import runtone",
    "lookup": 'import runtone; runtone.muscle("quads")',
    "pycountry": 'import pycountry; pycountry.countries.get(alpha_2="DE")',
}
#: Whole processes of runtone's command line: ``runtone ARGS``.
COMMANDS = {
    "cli-muscle": ("muscle", "quads"),
    "cli-compare": ("compare", "heel", "forefoot"),
}

# How many of each package's modules have bytecode that is up to date.
_BYTECODE = """
import importlib.util, json, pathlib
found = {}
for name in ("runtone", "attrs", "attr", "pycountry"):
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin:
        continue
    sources = list(pathlib.Path(spec.origin).parent.rglob("*.py"))
    compiled = [
        s for s in sources
        if pathlib.Path(importlib.util.cache_from_source(str(s))).is_file()
    ]
    found[name] = [str(pathlib.Path(spec.origin).parent), len(compiled), len(sources)]
print(json.dumps(found))
"""

# The memory the packaged data keep: the bytes allocated through Python's allocators
# while the data are loaded and every collection is built, and still held then
# (tracemalloc counts each allocation made after it starts and forgets it when freed).
# The code is imported first (an empty load runs the loader), so only the data count.
# Resident memory (VmRSS) cannot measure this: half a megabyte of small objects fits in
# memory pages the interpreter already holds, mapped for the imports and the file reads
# and freed since, so VmRSS grew by nothing at all on Python 3.9 and 3.13, and by a
# different part of the truth on each version. The packaged collections are built on
# first use, so the probe asks for every one of them (one lookup built only the first),
# and looks a key up in each, which builds its index of names and aliases: the memory
# an app keeps once it has used every collection.
_KEPT = f"""
import gc, json, tracemalloc
import importlib.resources
import runtone
from runtone._dataset import normalize
runtone.load(packs=[], packaged=False)
COLLECTIONS = {[collection.name for collection in COLLECTIONS]!r}
SINGULAR = {{"injuries": "injury"}}
SINGULAR.update((name, name[:-1]) for name in COLLECTIONS if name not in SINGULAR)
"""
MEMORY = {
    "dataset": _KEPT
    + """
gc.collect()
tracemalloc.start()
dataset = runtone.load()
built = sum(len(getattr(dataset, name)) for name in COLLECTIONS)
for name in COLLECTIONS:  # a lookup by a key that is no id indexes every key
    getattr(dataset, "get_" + SINGULAR[name])("no such key")
dataset.muscle("quads")
gc.collect()
kept, _ = tracemalloc.get_traced_memory()
print(json.dumps([kept, built]))
""",
    "floor": _KEPT
    + """
root = importlib.resources.files("runtone") / "data"
blobs = [(root / f"{name}.json").read_bytes() for name in COLLECTIONS]
gc.collect()
tracemalloc.start()
parsed = [json.loads(blob) for blob in blobs]
gc.collect()
kept, _ = tracemalloc.get_traced_memory()
print(json.dumps([kept, sum(len(records) for records in parsed)]))
""",
}


@dataclasses.dataclass(frozen=True)
class Interpreter:
    """The Python that whole-process figures run, and how."""

    python: Path
    cwd: Path
    env: Mapping[str, str]
    #: How runtone's command line starts: its console script beside ``python``, or,
    #: where there is none, ``python -m runtone`` (see :func:`console_for`).
    console: tuple[str, ...] = ()

    def argv(self, what: str | Sequence[str]) -> list[str]:
        """The command line: ``python -c CODE`` for a string, ``runtone ARGS`` for a tuple."""
        if isinstance(what, str):
            return [str(self.python), "-c", what]
        return [*(self.console or (str(self.python), "-m", "runtone")), *what]

    def run(self, what: str | Sequence[str]) -> subprocess.CompletedProcess[str]:
        """Run ``what`` once (code or runtone's arguments) and capture what it prints."""
        return subprocess.run(  # noqa: S603 - our own code, in our own interpreter
            self.argv(what),
            cwd=self.cwd,
            env=dict(self.env),
            capture_output=True,
            text=True,
            check=False,
        )

    def step(self, what: str | Sequence[str]) -> Callable[[], float]:
        """A step that runs ``what`` once and returns the wall time of the whole process."""
        command = self.argv(what)

        def step() -> float:
            start = time.perf_counter()
            subprocess.run(  # noqa: S603
                command,
                cwd=self.cwd,
                env=dict(self.env),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
            return time.perf_counter() - start

        return step


def console_for(python: Path) -> tuple[str, ...]:
    """The runtone console script installed beside ``python``, or ``()`` when there is none."""
    script = python.parent / ("runtone.exe" if os.name == "nt" else "runtone")
    return (str(script),) if script.is_file() else ()


def _clean_env() -> dict[str, str]:
    """The environment without PYTHON* variables (PYTHONDONTWRITEBYTECODE among them)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}


def _quiet(command: Sequence[str], what: str) -> None:
    result = subprocess.run(  # noqa: S603 - our own build and install commands
        command, capture_output=True, text=True, check=False, env=_clean_env()
    )
    if result.returncode != 0:
        sys.exit(f"benchmarks: {what} failed:\n{result.stdout}{result.stderr}")


def _install(tmp: Path) -> tuple[Path, str]:
    """Build runtone's wheel and install it, with pycountry, into a new venv under ``tmp``."""
    dist = tmp / "dist"
    _quiet(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
        "building the wheel",
    )
    (wheel,) = dist.glob("runtone-*.whl")
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    result = subprocess.run(  # noqa: S603
        [*pip, str(wheel), PYCOUNTRY], capture_output=True, text=True, check=False, env=_clean_env()
    )
    if result.returncode != 0:
        _quiet([*pip, str(wheel)], "installing the wheel")
    return python, wheel.name


def _bytecode(interpreter: Interpreter) -> str:
    result = interpreter.run(_BYTECODE)
    if result.returncode != 0:
        return f"not checked ({result.stderr.strip().splitlines()[-1:]})"
    found: dict[str, list[object]] = json.loads(result.stdout)
    return ", ".join(f"{name} {n}/{total}" for name, (_, n, total) in found.items())


def _processes(interpreter: Interpreter, repeat: int) -> tuple[list[Figure], float]:
    steps: dict[str, Callable[[], float]] = {}
    missing: dict[str, str] = {}
    runs: dict[str, str | tuple[str, ...]] = {**PROCESSES, **COMMANDS}
    for name, what in runs.items():
        warm_up = interpreter.run(what)  # also the warm-up run
        if warm_up.returncode == 0:
            steps[name] = interpreter.step(what)
        elif name == "pycountry" and "ModuleNotFoundError" in warm_up.stderr:
            missing[name] = (
                f"pycountry is not installed (the bench extra: {PYCOUNTRY}, on Python 3.10+)"
            )
        else:
            shown = " ".join(interpreter.argv(what))
            sys.exit(f"benchmarks: {shown} failed:\n{warm_up.stderr}")
    ms = {name: seconds * 1000 for name, seconds in _interleaved(steps, repeat).items()}
    console = "runtone" if interpreter.console else "python -m runtone"
    figures = [
        Figure(
            "import",
            "import runtone (whole process)",
            "ms",
            ms["runtone"],
            ms["attrs"],
            "import attrs",
            Budget(1.15, ratio=True),
        ),
        Figure(
            "import-lookup-vs-attrs",
            'import runtone; runtone.muscle("quads")',
            "ms",
            ms["lookup"],
            ms["attrs"],
            "import attrs",
            Budget(1.1, ratio=True),
        ),
        Figure(
            "import-lookup-vs-pycountry",
            'import runtone; muscle("quads"), vs pycountry',
            "ms",
            ms["lookup"] if "pycountry" in ms else None,
            ms.get("pycountry"),
            PROCESSES["pycountry"],
            Budget(1.0, ratio=True),
            missing.get("pycountry", ""),
        ),
    ]
    figures.extend(
        Figure(
            name,
            f"{console} {' '.join(args)}",
            "ms",
            ms[name],
            ms["attrs"],
            "import attrs",
            Budget(1.3, ratio=True),
        )
        for name, args in COMMANDS.items()
    )
    return figures, ms["start"]


def _memory(interpreter: Interpreter, repeat: int) -> Figure:
    counts: dict[str, int] = {}

    def step(name: str, code: str) -> Callable[[], float]:
        def run() -> float:
            result = interpreter.run(code)
            if result.returncode != 0:
                sys.exit(f"benchmarks: the memory probe failed:\n{result.stderr}")
            kept, counts[name] = json.loads(result.stdout)
            return float(kept) / MB

        return run

    added = _interleaved({name: step(name, code) for name, code in MEMORY.items()}, repeat)
    if counts["dataset"] != counts["floor"] or not counts["dataset"]:
        sys.exit(f"benchmarks: the memory probes counted different records: {counts}")
    return Figure(
        "memory",
        "packaged dataset, all built and indexed: memory",
        "MB",
        added["dataset"],
        added["floor"],
        f"the same JSON files parsed and kept as dicts ({counts['floor']} records; tracemalloc)",
        Budget(5, ratio=False),
    )


# --- in this process -------------------------------------------------------------------

_TABLE = {"quads": "quadriceps"}


def _dict_get(key: str) -> object:
    return _TABLE.get(key)


def _profile() -> runtone.Profile:
    """A beginner heel striker with weak glutes and runner's knee, as in the README."""
    return runtone.Profile(
        level="beginner",
        strike_pattern="heel",
        weak_muscles=["glutes"],
        injuries=["runner's knee"],
        running_days=3,
        strength_days=2,
    )


def _runner() -> runtone.Profile:
    """A busier runner for the coaching budgets: a 52-week plan of every kind of week.

    A marathon goal, five days, weights, a past hamstring strain and weak glutes.
    """
    return runtone.Profile(
        level="intermediate",
        race="marathon",
        weak_muscles=["glutes"],
        past_injuries=["hamstring strain"],
        equipment=["dumbbells"],
        running_days=5,
        strength_days=2,
        minutes_per_session=120,
        current_running_days=5,
        weekly_minutes=200,
        longest_run=60,
    )


#: A multi-word alias of the quadriceps: its lookup folds the spaces away (normalize).
MULTI_WORD = "quadriceps femoris"
#: The exercise whose body map the diagram figure draws.
DIAGRAM = "squat"
#: The texts the search figure looks for: issue 17's examples (a typo, a nickname, a
#: plural, words of a name and of summaries), then longer questions as people type them.
SEARCHES = (
    "bridge",
    "knee pain",
    "hamstrng",
    "heel pain",
    "glute",
    "hammies",
    "pain in the knee",
    "achilles tendon pain",
    "calf raise",
    "runner's knee pain on stairs",
)
#: What the search figure of a generated pack looks for: its filler words, which
#: thousands of its records hold (one word, two, three, and one begun), and the name of
#: its middle exercise.
PACK_SEARCHES = ("knee", "heel pain", "stride swing", "tempo pace rhythm", "cadenc")


def _search_figure(
    key: str,
    label: str,
    dataset: runtone.Dataset,
    texts: Sequence[str],
    *,
    seconds: float,
    repeat: int,
    budget: Budget | None,
) -> Figure:
    """The mean time of a search over ``texts``, against one pass over every record's name.

    The floor is the least any scan costs: a substring test of each record's name (or
    title), case folded, in a list comprehension; no typos, no ranking, no aliases.
    The note names the slowest text.
    """
    records = [
        getattr(record, "name", None) or getattr(record, "title", "")
        for collection in DEFAULT_COLLECTIONS
        for record in getattr(dataset, collection)
    ]
    runtone.search("warm", dataset=dataset)  # the index is built on the first search
    times = _interleaved(
        {
            **{
                text: _loop(
                    "search(t, dataset=ds)",
                    {"search": runtone.search, "t": text, "ds": dataset},
                    seconds,
                )
                for text in texts
            },
            **{
                f"scan {text}": _loop(
                    "[n for n in names if t in n.casefold()]",
                    {"names": records, "t": text.casefold()},
                    seconds,
                )
                for text in texts
            },
        },
        repeat,
    )
    mean = statistics.fmean(times[text] for text in texts) * 1e6
    floor = statistics.fmean(times[f"scan {text}"] for text in texts) * 1e6
    slowest = max(texts, key=lambda text: times[text])
    return Figure(
        key,
        label,
        "us",
        mean,
        floor,
        f"one pass over the {len(records):,} records' names (substring, case folded)",
        budget,
        f"mean of {len(texts)} texts; slowest {slowest!r} {times[slowest] * 1e6:.0f} us",
    )


def _calls(repeat: int, seconds: float) -> list[Figure]:
    ds = runtone.load()
    quads = ds.muscle("quadriceps")
    if MULTI_WORD not in quads.aliases or normalize(MULTI_WORD) == MULTI_WORD:
        sys.exit(f"benchmarks: {MULTI_WORD!r} is no longer a multi-word alias of the quadriceps")
    profile = _profile()
    level = runtone.Level.BEGINNER
    exercise = ds.exercise(DIAGRAM)
    exported = json.dumps(runtone.export())
    svg = runtone.diagram(exercise)
    elements = svg.split("<")
    us = 1e6
    times = _interleaved(
        {
            "floor": _loop("f(k)", {"f": _dict_get, "k": "quads"}, seconds),
            "alias": _loop("runtone.muscle(k)", {"runtone": runtone, "k": "quads"}, seconds),
            "multi-word": _loop(
                "runtone.muscle(k)", {"runtone": runtone, "k": MULTI_WORD}, seconds
            ),
            "ds-id": _loop("ds.muscle(k)", {"ds": ds, "k": "quadriceps"}, seconds),
            "scan": _loop(
                "tuple(r for r in rs if lv in r.levels)",
                {"rs": ds.recommendations, "lv": level},
                seconds,
            ),
            "recommend": _loop("runtone.recommend(p)", {"runtone": runtone, "p": profile}, seconds),
            "plan": _loop("runtone.plan(p)", {"runtone": runtone, "p": profile}, seconds),
            "plan-52": _loop(
                "runtone.plan(p, weeks=52)", {"runtone": runtone, "p": _runner()}, seconds
            ),
            "recommend-runner": _loop(
                "runtone.recommend(p)", {"runtone": runtone, "p": _runner()}, seconds
            ),
            "export": _loop("runtone.export()", {"runtone": runtone}, seconds),
            # The collector paused, as export() pauses it while it makes the objects.
            "export-floor": _loop(
                "with paused():\n    loads(text)",
                {"loads": json.loads, "text": exported, "paused": paused_gc},
                seconds,
            ),
            "diagram": _loop("runtone.diagram(e)", {"runtone": runtone, "e": exercise}, seconds),
            "diagram-floor": _loop('"<".join(parts)', {"parts": elements}, seconds),
        },
        repeat,
    )
    floor = "a Python function returning dict.get(key)"
    scan = f"one pass over the {len(ds.recommendations)} recommendations (level filter)"
    return [
        Figure(
            "lookup-alias",
            'runtone.muscle("quads"), warm',
            "us",
            times["alias"] * us,
            times["floor"] * us,
            floor,
            Budget(0.3, ratio=False),
        ),
        Figure(
            "lookup-multi-word",
            f"runtone.muscle({MULTI_WORD!r}), warm".replace("'", '"'),
            "us",
            times["multi-word"] * us,
            times["floor"] * us,
            floor,
            Budget(0.4, ratio=False),
        ),
        Figure(
            "lookup-ds-id",
            'ds.muscle("quadriceps"), warm (by id)',
            "us",
            times["ds-id"] * us,
            times["floor"] * us,
            floor,
            Budget(0.2, ratio=False),
        ),
        Figure(
            "recommend",
            "runtone.recommend(profile)",
            "us",
            times["recommend"] * us,
            times["scan"] * us,
            scan,
            Budget(100, ratio=False),
        ),
        Figure(
            "plan",
            "runtone.plan(profile), 4 weeks",
            "ms",
            times["plan"] * 1000,
            times["recommend"] * 1000,
            "runtone.recommend(profile)",
            Budget(1, ratio=False),
        ),
        Figure(
            "plan-52-weeks",
            "runtone.plan(runner, weeks=52): marathon, 5 days, past injury",
            "ms",
            times["plan-52"] * 1000,
            times["recommend-runner"] * 1000,
            "runtone.recommend(runner)",
            Budget(5, ratio=False),
        ),
        Figure(
            "recommend-runner",
            "runtone.recommend(runner)",
            "us",
            times["recommend-runner"] * us,
            times["scan"] * us,
            scan,
            Budget(100, ratio=False),
        ),
        Figure(
            "export",
            "runtone.export(), warm",
            "ms",
            times["export"] * 1000,
            times["export-floor"] * 1000,
            f"json.loads of its JSON text ({len(exported) / MB:.2f} MB), gc off: the same dicts,"
            " made in C",
            Budget(3, ratio=False),
        ),
        _search_figure(
            "search",
            f"runtone.search(text), warm, {len(SEARCHES)} texts",
            ds,
            SEARCHES,
            seconds=seconds,
            repeat=repeat,
            budget=Budget(200, ratio=False),
        ),
        Figure(
            "diagram",
            f'runtone.diagram(exercise "{DIAGRAM}"), warm',
            "ms",
            times["diagram"] * 1000,
            times["diagram-floor"] * 1000,
            f"joining the same SVG's {len(elements)} elements into its {len(svg):,} characters",
            Budget(0.5, ratio=False),
        ),
    ]


# --- generated packs ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Pack:
    """A generated pack written to disk: its directory, its files' bytes and its size."""

    directory: Path
    files: dict[str, bytes]
    exercises: int
    muscles: int
    sources: int

    @property
    def records(self) -> int:
        """Every record of the pack: sources, muscles and exercises."""
        return self.exercises + self.muscles + self.sources

    @property
    def size(self) -> int:
        """The bytes of its files."""
        return sum(map(len, self.files.values()))

    def describe(self) -> str:
        """What the pack holds, e.g. ``10,000 exercises, 500 muscles, 2,000 sources, 22.5 MB``."""
        return (
            f"{self.exercises:,} exercises, {self.muscles:,} muscles, {self.sources:,} sources, "
            f"{self.size / MB:.1f} MB"
        )

    def load(self) -> runtone.Dataset:
        """Load it as runtone does: validated, over no packaged data."""
        return runtone.load(packs=[self.directory], packaged=False)

    def floor(self) -> generated_pack.Built:
        """The floor: parse the same bytes and build the same records, unchecked."""
        return generated_pack.build(generated_pack.read(self.files))


def _generate(tmp: Path, exercises: int) -> _Pack:
    """A pack of ``exercises`` exercises, one muscle for every 20 and a source for every 5.

    Those are :func:`generated_pack.generate`'s proportions at 10,000 exercises
    (500 muscles, 2,000 sources), kept at every size, so a cost per record compares
    like with like.
    """
    pack = generated_pack.generate(exercises, max(1, exercises // 20))
    directory = tmp / f"generated-{exercises}"
    files = generated_pack.write(pack, directory)
    return _Pack(
        directory, files, len(pack["exercises"]), len(pack["muscles"]), len(pack["sources"])
    )


#: The floor's description on every pack line.
FLOOR = "json.loads of the same bytes + the same records built unchecked, gc off"


def _rival_steps(pack: _Pack) -> tuple[dict[str, _Call[rivals.Loaded]], dict[str, str]]:
    """A timed step for each rival that imports here, and why each other one cannot run."""
    steps: dict[str, _Call[rivals.Loaded]] = {}
    missing: dict[str, str] = {}
    for name, make in (
        ("pydantic", rivals.pydantic_loader),
        ("msgspec", rivals.msgspec_loader),
        ("msgspec-records", rivals.msgspec_records_loader),
    ):
        reason = rivals.missing(name.split("-")[0])
        if reason is not None:
            missing[name] = reason
            continue
        loader = make()  # building the models is not timed: an app does it once

        def run(loader: rivals.Loader = loader, name: str = name) -> rivals.Loaded:
            try:
                return loader(pack.files)
            except rivals.Rejected as exc:
                sys.exit(f"benchmarks: {name} rejected the generated pack: {exc}")

        steps[name] = _Call(run, gc_off=True)
    return steps, missing


def _main_pack(
    pack: _Pack, repeat: int, seconds: float
) -> tuple[list[Figure], tuple[float, float]]:
    """Load the main pack against the floor and each rival, then query it.

    Returns the figures, and the load's and the floor's times for :func:`_scale`.
    """
    load = _Call(pack.load)
    floor = _Call(pack.floor, gc_off=True)
    rival_steps, missing = _rival_steps(pack)
    times = _interleaved({"load": load, "floor": floor, **rival_steps}, repeat)
    big, built = load.last, floor.last
    if big is None or built is None:
        sys.exit("benchmarks: nothing was timed (--repeat must be at least 1)")
    if (built["sources"], built["muscles"], built["exercises"]) != (
        big.sources,
        big.muscles,
        big.exercises,
    ):
        sys.exit("benchmarks: the floor's records differ from the ones runtone loads")
    for name, step in rival_steps.items():
        made = step.last
        if made is None or [len(c) for c in made] != [pack.sources, pack.muscles, pack.exercises]:
            sys.exit(f"benchmarks: {name} did not make every record of the pack")
    sketch = rival_steps.get("msgspec-records")
    if sketch is not None and sketch.last != (big.sources, big.muscles, big.exercises):
        sys.exit("benchmarks: the msgspec sketch's records differ from the ones runtone loads")
    ms = {name: seconds * 1000 for name, seconds in times.items()}
    figures = [
        Figure(
            "pack-load",
            f"load {pack.exercises:,} exercises, validated",
            "ms",
            ms["load"],
            ms["floor"],
            FLOOR,
            Budget(2, ratio=True),
        )
    ]
    versions = {"pydantic": rivals.PYDANTIC, "msgspec": rivals.MSGSPEC}
    how = {
        "pydantic": "TypeAdapter(list[Model]).validate_json",
        "msgspec": "msgspec.json.decode into Structs",
    }
    figures.extend(
        Figure(
            f"pack-load-vs-{name}",
            f"load {pack.exercises:,} exercises, vs {name}",
            "ms",
            ms["load"] if name in ms else None,
            ms.get(name),
            f"{versions[name]}: {how[name]}, the same checks and pass, gc off",
            Budget(1.0, ratio=True),
            missing.get(name, ""),
        )
        for name in versions
    )
    # Issue 18 asks whether runtone's loader would be faster on msgspec: the least that
    # costs, against runtone's own validating load (no budget: it is not runtone's path).
    figures.append(
        Figure(
            "pack-load-msgspec-records",
            f"load {pack.exercises:,} exercises, on msgspec (a sketch)",
            "ms",
            ms.get("msgspec-records"),
            ms["load"],
            f"runtone's own load (the first line); the sketch: {rivals.MSGSPEC}'s decoding and "
            "pass, then runtone's records made of its Structs, gc off",
            None,
            missing.get("msgspec-records", ""),
        )
    )
    figures.extend(_queries(big, seconds, repeat))
    return figures, (times["load"], times["floor"])


def _queries(big: runtone.Dataset, seconds: float, repeat: int) -> list[Figure]:
    small = runtone.load()
    group = big.muscles[0].id  # a group with parts, like the hamstrings
    queries = (
        ("muscle", "find_exercises(muscle=m)", "ds.find_exercises(muscle=m)", "hamstrings", group),
        ("equipment", "find_exercises(equipment=())", "ds.find_exercises(equipment=())", "", ""),
    )
    middle = big.exercises[len(big.exercises) // 2].name
    figures = [
        _search_figure(
            "search-pack",
            f"search(text) in the pack, warm, {len(PACK_SEARCHES) + 1} texts",
            big,
            (*PACK_SEARCHES, middle),
            seconds=seconds,
            repeat=repeat,
            budget=None,  # issue 17's budget is on the packaged data; this shows the cap
        )
    ]
    for key, label, code, small_muscle, big_muscle in queries:
        counts = (
            len(eval(code, {"ds": small, "m": small_muscle})),  # noqa: S307 - our own code
            len(eval(code, {"ds": big, "m": big_muscle})),  # noqa: S307
        )
        times = _interleaved(
            {
                "small": _loop(code, {"ds": small, "m": small_muscle}, seconds),
                "big": _loop(code, {"ds": big, "m": big_muscle}, seconds),
            },
            repeat,
        )
        figures.append(
            Figure(
                f"query-{key}",
                f"{label} per result",
                "us",
                times["big"] / max(counts[1], 1) * 1e6,
                times["small"] / max(counts[0], 1) * 1e6,
                f"per result, runtone's {len(small.exercises)} exercises",
                Budget(1.5, ratio=True),
                f"{counts[1]} vs {counts[0]} results",
            )
        )
    return figures


# The peak of resident memory while one pack is loaded (or its floor built), in a new
# process that has imported runtone and run an empty load first: the high-water mark
# (VmHWM) reset just before, less the resident memory then. tracemalloc would count
# only Python's allocations, and made a load of 100,000 exercises take 80 s, not 15.
_PEAK = f"""
import gc, json, os, sys
sys.path.insert(0, {str(BENCHMARKS)!r})
import generated_pack, runtone
runtone.load(packs=[], packaged=False)
directory, what = sys.argv[1:]
def status(field):
    with open("/proc/self/status") as lines:
        for line in lines:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
gc.collect()
try:
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
except OSError:
    pass
before = status("VmRSS")
if what == "load":
    kept = runtone.load(packs=[directory], packaged=False)
    made = len(kept.exercises)
else:
    files = {{}}
    for name in generated_pack.FILES:
        with open(os.path.join(directory, name + ".json"), "rb") as file:
            files[name] = file.read()
    gc.disable()
    kept = generated_pack.build(generated_pack.read(files))
    made = len(kept["exercises"])
print(json.dumps([status("VmHWM") - before, made]))
"""


def _peak(pack: _Pack, what: str) -> float | None:
    """The peak resident memory of loading ``pack`` (``what`` ``load`` or ``floor``), in MB."""
    if not Path("/proc/self/status").is_file():
        return None
    result = subprocess.run(  # noqa: S603 - our own code, in this interpreter
        [sys.executable, "-c", _PEAK, str(pack.directory), what],
        capture_output=True,
        text=True,
        check=False,
        cwd=pack.directory.parent,
    )
    if result.returncode != 0:
        sys.exit(f"benchmarks: the peak memory probe failed:\n{result.stderr}")
    peak, made = json.loads(result.stdout)
    if made != pack.exercises:
        sys.exit(f"benchmarks: the peak memory probe made {made} exercises of {pack.exercises}")
    return float(peak) / MB


def _per_thousand(seconds: float, pack: _Pack) -> float:
    """Milliseconds per 1,000 records."""
    return seconds * 1000 / pack.records * 1000


def _scale(
    tmp: Path, main: _Pack, main_times: tuple[float, float], repeat: int, *, quick: bool
) -> list[Figure]:
    """The cost per record of a tenth of the main pack, the main pack and ten times it."""
    small = _generate(tmp, main.exercises // 10)
    load, floor = _Call(small.load), _Call(small.floor, gc_off=True)
    times = _interleaved({"load": load, "floor": floor}, repeat)
    small_times = (times["load"], times["floor"])
    steps: list[tuple[str, _Pack | None, tuple[float, float] | None]] = [
        ("1x", small, small_times),
        ("10x", main, main_times),
    ]
    large_size = main.exercises * 10
    if quick:
        steps.append(("100x", None, None))
    else:
        large = _generate(tmp, large_size)
        load, floor = _Call(large.load), _Call(large.floor, gc_off=True)
        times = _interleaved({"load": load, "floor": floor}, min(repeat, LARGE_RUNS))
        del load, floor
        steps.append(("100x", large, (times["load"], times["floor"])))

    base = _per_thousand(small_times[0], small)
    figures: list[Figure] = []
    peaks: list[Figure] = []
    for key, pack, measured in steps:
        exercises = large_size if pack is None else pack.exercises
        label = f"load {exercises:,} exercises: ms per 1,000 records"
        peak_label = f"load {exercises:,} exercises: peak memory (RSS)"
        if pack is None or measured is None:
            note = "skipped in --quick (a load takes seconds)"
            figures.append(
                Figure(f"scale-{key}", label, "ms", None, None, "", Budget(1.5, ratio=True), note)
            )
            peaks.append(Figure(f"peak-{key}", peak_label, "MB", None, None, "", None, note))
            continue
        runs = min(repeat, LARGE_RUNS) if key == "100x" else repeat
        value, floor_value = (_per_thousand(t, pack) for t in measured)
        fair = f"the floor: {_number(floor_value)} ms ({value / floor_value:.2f}x)"
        if key == "1x":
            figures.append(
                Figure(
                    f"scale-{key}",
                    label,
                    "ms",
                    value,
                    floor_value,
                    f"{FLOOR}, per 1,000 records",
                    None,
                    f"{pack.records:,} records",
                )
            )
        else:
            figures.append(
                Figure(
                    f"scale-{key}",
                    label,
                    "ms",
                    value,
                    base,
                    f"the same at {small.exercises:,} exercises",
                    Budget(1.5, ratio=True),
                    f"{pack.records:,} records, median of {runs}; {fair}",
                )
            )
        load_peak, floor_peak = _peak(pack, "load"), _peak(pack, "floor")
        peaks.append(
            Figure(
                f"peak-{key}",
                peak_label,
                "MB",
                load_peak,
                floor_peak,
                "the floor's peak; resident high-water, in a new process",
                None,
                "" if load_peak is not None else "needs Linux's /proc/self/status",
            )
        )
    return figures + peaks


def _free_exercise_db(file: Path, tmp: Path, repeat: int) -> list[Figure]:
    if not file.is_file():
        note = f"{file} is not there (pass --free-exercise-db FILE)"
        return [
            Figure("fedb-convert", "convert free-exercise-db", "ms", None, None, "", None, note),
            Figure(
                "fedb-load",
                "load runtone + the free-exercise-db pack",
                "ms",
                None,
                None,
                "",
                None,
                note,
            ),
        ]
    conversion, convert, load = free_exercise_db.steps(file, tmp)
    data = file.read_bytes()
    export = tmp / "runtone-export.json"
    export.write_text(json.dumps(runtone.export()), "utf-8")
    times = _interleaved(
        {
            "convert": _Call(convert),
            "parse": _Call(lambda: json.loads(data)),
            "load": _Call(load),
            "base": _Call(lambda: runtone.load(packs=[export], packaged=False)),
        },
        repeat,
    )
    return [
        Figure(
            "fedb-convert",
            f"convert free-exercise-db ({conversion.total} records)",
            "ms",
            times["convert"] * 1000,
            times["parse"] * 1000,
            "json.loads of the file",
            None,
            f"{conversion.converted} converted",
        ),
        Figure(
            "fedb-load",
            f"load runtone + the {conversion.converted}-exercise pack",
            "ms",
            times["load"] * 1000,
            times["base"] * 1000,
            "load runtone's data alone (its export as a pack)",
            None,
        ),
    ]


# --- hostile inputs ----------------------------------------------------------------------


def _rejected(function: Callable[[], object]) -> Callable[[], object]:
    """``function``, its DataError or UnknownIdError (expected) returned, not raised."""

    def run() -> object:
        try:
            return function()
        except (runtone.DataError, runtone.UnknownIdError) as exc:
            return exc

    return run


def _peak_bytes(function: Callable[[], object]) -> float:
    """The peak of memory ``function`` allocates (tracemalloc), in MB."""
    gc.collect()
    tracemalloc.start()
    try:
        function()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak / MB


def _hostile(tmp: Path, repeat: int, *, quick: bool) -> list[Figure]:
    """What broken or hostile input costs to reject, against what reading it costs anyway."""
    scale = 10 if quick else 1
    rounds = min(repeat, 3)  # each round is seconds of work: a median of 3 is steady
    base = runtone.load()
    muscle = dict(runtone.export(base)["muscles"][0])  # type: ignore[arg-type, index]
    muscle.update(aliases=[], findings=[], problems=[], kind="muscle")

    # A part_of chain of muscles, against the same muscles with no group.
    chain_size = 3_000 // scale
    chained, flat = tmp / "chain", tmp / "flat"
    for directory, part_of in ((chained, True), (flat, False)):
        directory.mkdir()
        records = [
            dict(
                muscle, id=f"m-{i}", name=f"M {i}", part_of=f"m-{i - 1}" if part_of and i else None
            )
            for i in range(chain_size)
        ]
        (directory / "muscles.json").write_text(json.dumps(records), "utf-8")

    # Overrides: many ids, each naming a record of the pack (so all are checked).
    overrides_size = 40_000 // scale
    listed = tmp / "overrides"
    listed.mkdir()
    ids = [f"o-{i}" for i in range(overrides_size)]
    manifest = json.dumps({"overrides": {"muscles": ids}})
    (listed / "pack.json").write_text(manifest, "utf-8")
    (listed / "muscles.json").write_text("[]", "utf-8")

    # An exercises.json of numbers.
    numbers = tmp / "numbers"
    numbers.mkdir()
    data = ("[" + ",".join(["1"] * (10_000_000 // scale)) + "]").encode()
    (numbers / "exercises.json").write_bytes(data)

    title = "x" * (10_000_000 // scale)
    words = " ".join(["x" * 49] * (len(title) // 50))
    exercise = base.exercise("squat")
    key = "q" * (10_000_000 // scale)

    times = _interleaved(
        {
            "chain": _Call(lambda: runtone.load(packs=[chained])),
            "flat": _Call(lambda: runtone.load(packs=[flat])),
            "overrides": _Call(_rejected(lambda: runtone.load(packs=[listed]))),
            "manifest": _Call(lambda: json.loads(manifest)),
            "numbers": _Call(_rejected(lambda: runtone.load(packs=[numbers]))),
            "parse": _Call(lambda: json.loads(data)),
            "title": _Call(lambda: runtone.diagram(exercise, title=title)),
            "words": _Call(lambda: runtone.diagram(exercise, title=words)),
            "key": _Call(_rejected(lambda: base.muscle(key))),
            "normalize": _Call(lambda: normalize(key)),
        },
        rounds,
    )
    ms = {name: seconds * 1000 for name, seconds in times.items()}
    memory = _peak_bytes(_rejected(lambda: runtone.load(packs=[numbers])))
    parsed = _peak_bytes(lambda: json.loads(data))
    size = f"{len(data) / MB:.0f} MB"
    return [
        Figure(
            "hostile-chain",
            f"a part_of chain of {chain_size:,} muscles",
            "ms",
            ms["chain"],
            ms["flat"],
            "the same muscles, in no group",
            Budget(1.5, ratio=True),
        ),
        Figure(
            "hostile-overrides",
            f"reject a pack listing {overrides_size:,} overrides",
            "ms",
            ms["overrides"],
            ms["manifest"],
            "json.loads of its manifest",
            Budget(40, ratio=True),
        ),
        Figure(
            "hostile-numbers",
            f"reject a {size} exercises.json of numbers, time",
            "ms",
            ms["numbers"],
            ms["parse"],
            "json.loads of the same bytes",
            Budget(1.5, ratio=True),
        ),
        Figure(
            "hostile-numbers-memory",
            f"reject a {size} exercises.json of numbers, peak",
            "MB",
            memory,
            parsed,
            "json.loads of the same bytes, peak (tracemalloc)",
            Budget(2, ratio=True),
        ),
        Figure(
            "hostile-title",
            f"diagram with a title of one {len(title) / MB:.0f} MB word",
            "ms",
            ms["title"],
            ms["words"],
            "the same diagram, the title in words of 49 letters",
            Budget(3, ratio=True),
        ),
        Figure(
            "hostile-key",
            f"look up a {len(key) / MB:.0f} MB unknown key",
            "ms",
            ms["key"],
            ms["normalize"],
            "normalizing the key once, as every lookup does",
            Budget(5, ratio=True),
        ),
    ]


# --- report --------------------------------------------------------------------------


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )


def summarize(figures: Sequence[Figure], *, quick: bool, strict: bool) -> tuple[str, int]:
    """The last line of the report, and the exit code.

    The code is 1 only with ``strict``, outside quick mode, when a budget does
    not hold or was not measured; otherwise 0.
    """
    budgets = [f for f in figures if f.budget is not None]
    held = sum(1 for f in budgets if f.holds)
    unmeasured = sum(1 for f in budgets if f.value is None)
    summary = f"{held} of {len(budgets)} budgets hold"
    if unmeasured:
        summary += f" ({unmeasured} not measured)"
    if quick:
        return f"quick mode, 1 run each, figures not meaningful: {summary}", 0
    return summary, 1 if strict and held < len(budgets) else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeat", type=int, default=RUNS, help=f"runs per figure (default {RUNS})"
    )
    parser.add_argument(
        "--quick", action="store_true", help="one run each, smaller pack: check it works"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 if any budget fails")
    parser.add_argument(
        "--json", metavar="FILE", help="also write the figures as JSON (- for stdout only)"
    )
    parser.add_argument(
        "--markdown", metavar="FILE", help="also write the figures as Markdown tables"
    )
    parser.add_argument(
        "--python", type=Path, help="time this interpreter's whole processes (no venv is built)"
    )
    parser.add_argument(
        "--free-exercise-db",
        type=Path,
        default=free_exercise_db.DEFAULT / "exercises.json",
        metavar="FILE",
        help="free-exercise-db's exercises.json (default: ../shared/external/...)",
    )
    return parser


Sections = list[tuple[str, list[Figure]]]


def _measure(args: argparse.Namespace, say: Callable[[str], None]) -> Sections:
    """Every figure, by section, each section printed as it is measured."""
    repeat: int = 1 if args.quick else args.repeat
    seconds = 0.002 if args.quick else 0.05
    exercises = 1_000 if args.quick else 10_000
    sections: Sections = []

    def show(section: str, new: list[Figure]) -> None:
        say("")
        say(section)
        for figure in new:
            say("  " + figure.line())
        sections.append((section, new))

    with tempfile.TemporaryDirectory(prefix="runtone-bench-") as name:
        tmp = Path(name)
        where = tmp / "cwd"
        where.mkdir()
        if args.python is not None:
            python, built = Path(args.python), "as given by --python"
        elif args.quick:
            python, built = Path(sys.executable), "this interpreter"
        else:
            say("building the wheel and a virtual environment for whole-process figures ...")
            python, wheel = _install(tmp)
            built = f"a new venv with {wheel} and {PYCOUNTRY}"
        # This interpreter keeps PYTHONDONTWRITEBYTECODE: it must not write bytecode into src/.
        clean = python != Path(sys.executable)
        console = console_for(python)
        interpreter = Interpreter(
            python, where, _clean_env() if clean else dict(os.environ), console
        )
        say(f"whole processes: {python} -c CODE ({built}),")
        say(f"  and {console[0] if console else f'{python} -m runtone'} ARGS,")
        say(f"  run outside the repository{' with no PYTHON* variables' if clean else ''};")
        say(f"  modules with bytecode: {_bytecode(interpreter)}")
        say(f"in-process: {sys.executable}, runtone from {Path(runtone.__file__).parent}")

        processes, start = _processes(interpreter, repeat)
        show(f"Whole processes (interpreter start alone: {start:.1f} ms)", processes)
        show("Memory", [_memory(interpreter, repeat)])
        show("Warm calls, in process", _calls(repeat, seconds))
        pack = _generate(tmp, exercises)
        figures_of_pack, times = _main_pack(pack, repeat, seconds)
        show(f"Packs: a generated pack ({pack.describe()})", figures_of_pack)
        largest = "" if not args.quick else ", the largest skipped in --quick"
        show(
            f"Packs: the cost per record, from a tenth of that pack to ten times it{largest}",
            _scale(tmp, pack, times, repeat, quick=args.quick),
        )
        show(
            "free-exercise-db, converted and loaded as a pack",
            _free_exercise_db(args.free_exercise_db, tmp, repeat),
        )
        show(
            "Hostile packs: the cost of rejecting them (median of at most 3 runs)",
            _hostile(tmp, repeat, quick=args.quick),
        )
    return sections


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(sections: Sections, header: Sequence[str]) -> str:
    """The figures as Markdown: the ``header`` lines, then one table per section.

    docs/performance.md shows a run's figures in this form, so that a new run
    replaces them whole (``--markdown FILE``).
    """
    lines = [*header]
    for title, figures in sections:
        lines += ["", f"### {title}", ""]
        lines += [
            "| What | Figure | Floor | Ratio | Budget | Verdict |",
            "|---|---|---|---|---|---|",
        ]
        for f in figures:
            what = f"{f.label} ({f.note})" if f.note else f.label
            if f.value is None:
                value, floor, ratio = "n/a", "", ""
            else:
                value = f"{_number(f.value)} {f.unit}"
                floor = "" if f.floor is None else f"{f.floor_label}: {_number(f.floor)} {f.unit}"
                ratio = "" if f.ratio is None else f"{f.ratio:.2f}x"
            budget = "none" if f.budget is None else f.budget.text(f.unit)
            verdict = {None: "-", True: "PASS", False: "OVER"}[f.holds]
            if f.value is None and f.budget is not None:
                verdict = "n/a"
            row = (what, value, floor, ratio, budget, verdict)
            lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


def _load() -> str:
    """The machine's load averages, which say how busy it was (other work skews figures)."""
    try:
        one, five, fifteen = os.getloadavg()
    except (AttributeError, OSError):
        return "load average not known"
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min)"


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark, print its figures and return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    out = sys.stderr if args.json == "-" else sys.stdout

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    repeat = 1 if args.quick else args.repeat
    quick = "quick mode: 1 run each, figures not meaningful"
    say(f"runtone benchmarks ({quick if args.quick else f'median of {repeat} runs'})")
    say(f"machine: {_machine()}")
    started = _load()
    say(f"at the start: {started}")
    if not args.quick and repeat < RUNS:
        say(f"note: issue #8 asks for the median of at least {RUNS} runs")
    sections = _measure(args, say)
    figures = [figure for _, section in sections for figure in section]
    summary, code = summarize(figures, quick=args.quick, strict=args.strict)
    ended = _load()
    say("")
    say(f"at the end: {ended}")
    say(summary)
    if args.json is not None:
        report = {
            "mode": "quick" if args.quick else "full",
            "repeat": repeat,
            "machine": _machine(),
            "load": {"start": started, "end": ended},
            "sections": [
                {"title": title, "keys": [f.key for f in section]} for title, section in sections
            ],
            "figures": [f.json() for f in figures],
            "summary": summary,
        }
        text = json.dumps(report, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", "utf-8")
    if args.markdown is not None:
        command = " ".join(["python benchmarks/run.py", *(argv or sys.argv[1:])])
        header = [
            (
                f"Measured on {time.strftime('%Y-%m-%d')} with `{command}`, "
                f"{quick if args.quick else f'the median of {repeat} runs'}."
            ),
            "",
            f"Machine: {_machine()}; at the start, {started}; at the end, {ended}.",
            "",
            f"{summary}.",
        ]
        Path(args.markdown).write_text(markdown(sections, header), "utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main())
