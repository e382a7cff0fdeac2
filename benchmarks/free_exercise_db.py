"""Benchmark: convert the full free-exercise-db file and load it as a pack over runtone.

Run from the repository root, with ../shared beside it (or pass the file):

    python benchmarks/free_exercise_db.py [path/to/exercises.json] [--repeat N] [--quick]

It prints the conversion figures (read, converted, skipped) and the median wall time
of each step over the repeats. ``--quick`` runs each step once, to check that the
benchmark works (the test suite does that); it asserts no timing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, TypeVar

import runtone

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "external" / "free-exercise-db"
T = TypeVar("T")


def _timed(step: Callable[[], T], repeat: int) -> tuple[T, float]:
    """The step's result and its median wall time in milliseconds."""
    times = []
    result = step()
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append((time.perf_counter() - start) * 1000)
    return result, statistics.median(times)


def steps(
    file: Path, directory: Path
) -> tuple[runtone.Conversion, Callable[[], runtone.Conversion], Callable[[], runtone.Dataset]]:
    """The file's conversion, written as a pack in ``directory``, and the two timed steps.

    The steps are: convert the file again, and load runtone's data with the pack
    over it.  ``benchmarks/run.py`` times the same two steps.
    """
    conversion = runtone.convert_free_exercise_db(file)
    pack = conversion.write(directory / "pack")
    return (
        conversion,
        lambda: runtone.convert_free_exercise_db(file),
        lambda: runtone.load(packs=[pack]),
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT / "exercises.json")
    parser.add_argument("--repeat", type=int, default=20, help="runs per step (default 20)")
    parser.add_argument("--quick", action="store_true", help="one run per step, no figures")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    runtone.load()  # the packaged data, parsed once, is not what this measures

    with tempfile.TemporaryDirectory() as tmp:
        conversion, convert, load = steps(args.file, Path(tmp))
        conversion, convert_ms = _timed(convert, repeat)
        merged, load_ms = _timed(load, repeat)
    print(conversion.summary())
    print(f"merged dataset: {merged!r}")
    print(f"median of {repeat} run(s):")
    rows = (
        (f"convert {conversion.total} free-exercise-db records", convert_ms),
        (f"load runtone's data + the {conversion.converted}-exercise pack", load_ms),
    )
    for label, ms in rows:
        print(f"  {label:<50} {ms:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
