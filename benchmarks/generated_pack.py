"""A generated data pack, as large as asked, for the load and query benchmarks.

    python benchmarks/generated_pack.py OUTPUT_DIR [--exercises N] [--muscles N] [--seed N]

writes a pack directory (``sources.json``, ``muscles.json``, ``exercises.json``)
of valid records that loads over an empty dataset with
``runtone.load(packs=[OUTPUT_DIR], packaged=False)``.

Each generated record copies the shape of a record of runtone's packaged data,
taken in turn: the same kind, level, equipment and evidence grade, the same
number of targets, steps, sources, aliases and findings, and texts of about the
same length, made of filler words.  So a pack of 10,000 exercises is what ten
thousand records like runtone's own would look like, and a query matches about
the same share of them.  Ids, names, titles and aliases end in the record's
number, which keeps every lookup key unique.

:func:`build` is the benchmark's floor: it makes the same record objects from
the parsed JSON without checking anything, as fast as plain Python can.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

import runtone

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "Built",
    "ExerciseJSON",
    "MuscleJSON",
    "PackJSON",
    "SourceJSON",
    "build",
    "generate",
    "read",
    "write",
]

#: The collections of a generated pack, in the order they refer to each other.
FILES = ("sources", "muscles", "exercises")


class SourceJSON(TypedDict):
    """A source record as it appears in a pack file."""

    id: str
    title: str
    kind: str
    authors: list[str]
    year: int | None
    publisher: str | None
    url: str | None
    doi: str | None
    references: list[str]
    note: str | None


class FindingJSON(TypedDict):
    """A finding within a muscle record."""

    text: str
    evidence: str
    sources: list[str]


class MuscleJSON(TypedDict):
    """A muscle record as it appears in a pack file."""

    id: str
    name: str
    kind: str
    region: str
    location: str
    actions: list[str]
    gait_phases: list[str]
    role: str
    evidence: str
    sources: list[str]
    part_of: str | None
    aliases: list[str]
    problems: list[str]
    findings: list[FindingJSON]


class TargetJSON(TypedDict):
    """A target within an exercise record."""

    muscle: str
    role: str


class ExerciseJSON(TypedDict):
    """An exercise record as it appears in a pack file."""

    id: str
    name: str
    kind: str
    purpose: str
    targets: list[TargetJSON]
    equipment: list[str]
    level: str
    unilateral: bool
    steps: list[str]
    cautions: list[str]
    evidence: str
    sources: list[str]
    aliases: list[str]
    contraindications: list[str]


class PackJSON(TypedDict):
    """A generated pack: the three collections it holds."""

    sources: list[SourceJSON]
    muscles: list[MuscleJSON]
    exercises: list[ExerciseJSON]


# Filler words (letters only, so that a key's trailing number always stands apart).
_WORDS = (  # noqa: SIM905 - 65 words read better as prose than as a list
    "stride swing stance knee hip ankle calf thigh glute shin heel toe foot load "
    "spring tendon push lift drive land brace hold lower rise step hop bound reach "
    "slow steady quick light firm short long level slope trail track road grass "
    "sand tempo easy hard warm cool pace rhythm balance control posture trunk "
    "pelvis arch cadence effort recovery rest strength power endurance range motion "
    "joint"
).split()


class _Writer:
    """Deterministic filler text from a seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - test data, not cryptography

    def words(self, count: int) -> list[str]:
        return [self.rng.choice(_WORDS) for _ in range(count)]

    def text(self, like: str) -> str:
        """Sentences of filler words, about as long as ``like``."""
        sentences: list[str] = []
        size = 0
        while size < len(like):
            sentence = " ".join(self.words(self.rng.randint(6, 14))).capitalize() + "."
            sentences.append(sentence)
            size += len(sentence) + 1
        return " ".join(sentences)

    def texts(self, like: Sequence[str]) -> list[str]:
        return [self.text(item) for item in like]

    def name(self, number: int) -> tuple[str, str]:
        """A display name and the id made from it, both ending in ``number``."""
        words = self.words(self.rng.randint(2, 3))
        return " ".join(words).capitalize() + f" {number}", "-".join([*words, str(number)])

    def aliases(self, number: int, count: int, name: str) -> list[str]:
        found: list[str] = []
        while len(found) < count:
            alias = " ".join(self.words(2)) + f" {number}"
            if alias not in found and alias.lower() != name.lower():
                found.append(alias)
        return found

    def authors(self, count: int) -> list[str]:
        found: list[str] = []
        while len(found) < count:
            author = f"{self.rng.choice(_WORDS).capitalize()} {self.rng.choice('ABCDEFGHKLMPRST')}"
            if author not in found:
                found.append(author)
        return found

    def pick(self, ids: Sequence[str], count: int) -> list[str]:
        # sample() reads a list as it is: copying ids for every pick made 100k exercises
        # cost seconds of copying (the result is the same).
        population = ids if isinstance(ids, list) else list(ids)
        return self.rng.sample(population, min(count, len(ids)))


def _sources(writer: _Writer, count: int, like: Sequence[SourceJSON]) -> list[SourceJSON]:
    records: list[SourceJSON] = []
    for n in range(count):
        model = like[n % len(like)]
        title = writer.text(model["title"]).rstrip(".") + f" {n}"
        ident = f"source-{n}"
        records.append(
            {
                "id": ident,
                "title": title,
                "kind": model["kind"],
                "authors": writer.authors(len(model["authors"])),
                "year": None if model["year"] is None else writer.rng.randint(1990, 2025),
                "publisher": None if model["publisher"] is None else writer.text("x" * 20),
                "url": None if model["url"] is None else f"https://example.org/{ident}",
                "doi": None if model["doi"] is None else f"10.5555/{ident}",
                "references": writer.texts(model["references"]),
                "note": None if model["note"] is None else writer.text(model["note"]),
            }
        )
    return records


def _muscles(
    writer: _Writer, count: int, like: Sequence[MuscleJSON], sources: Sequence[str]
) -> list[MuscleJSON]:
    groups = max(1, count * 2 // 5)  # as in runtone's data: about 2 in 5 are groups
    records: list[MuscleJSON] = []
    for n in range(count):
        model = like[n % len(like)]
        name, ident = writer.name(n)
        records.append(
            {
                "id": ident,
                "name": name,
                "kind": "group" if n < groups else "muscle",
                "region": model["region"],
                "location": writer.text(model["location"]),
                "actions": list(model["actions"]),
                "gait_phases": list(model["gait_phases"]),
                "role": writer.text(model["role"]),
                "evidence": model["evidence"],
                "sources": writer.pick(sources, len(model["sources"])),
                "part_of": None if n < groups else records[n % groups]["id"],
                "aliases": writer.aliases(n, len(model["aliases"]), name),
                "problems": writer.texts(model["problems"]),
                "findings": [
                    {
                        "text": writer.text(finding["text"]),
                        "evidence": finding["evidence"],
                        "sources": writer.pick(sources, len(finding["sources"])),
                    }
                    for finding in model["findings"]
                ],
            }
        )
    return records


def _exercises(
    writer: _Writer,
    count: int,
    like: Sequence[ExerciseJSON],
    muscles: Sequence[str],
    sources: Sequence[str],
) -> list[ExerciseJSON]:
    records: list[ExerciseJSON] = []
    for n in range(count):
        model = like[n % len(like)]
        name, ident = writer.name(n)
        targets = writer.pick(muscles, len(model["targets"]))
        records.append(
            {
                "id": ident,
                "name": name,
                "kind": model["kind"],
                "purpose": writer.text(model["purpose"]),
                "targets": [
                    {"muscle": muscle, "role": target["role"]}
                    for muscle, target in zip(targets, model["targets"])
                ],
                "equipment": list(model["equipment"]),
                "level": model["level"],
                "unilateral": model["unilateral"],
                "steps": writer.texts(model["steps"]),
                "cautions": writer.texts(model["cautions"]),
                "evidence": model["evidence"],
                "sources": writer.pick(sources, len(model["sources"])),
                "aliases": writer.aliases(n, len(model["aliases"]), name),
                "contraindications": [],
            }
        )
    return records


def _packaged() -> PackJSON:
    exported = runtone.export()
    return {
        "sources": exported["sources"],  # type: ignore[typeddict-item]
        "muscles": exported["muscles"],  # type: ignore[typeddict-item]
        "exercises": exported["exercises"],  # type: ignore[typeddict-item]
    }


def generate(
    exercises: int = 10_000, muscles: int = 500, sources: int | None = None, *, seed: int = 0
) -> PackJSON:
    """A pack of this many exercises over this many muscles, and the sources they cite.

    ``sources`` defaults to one for every five exercises (at least 10).  The same
    arguments always give the same pack.
    """
    if exercises < 1 or muscles < 1:
        raise ValueError("a generated pack needs at least one exercise and one muscle")
    like = _packaged()
    writer = _Writer(seed)
    source_records = _sources(writer, sources or max(10, exercises // 5), like["sources"])
    source_ids = [s["id"] for s in source_records]
    muscle_records = _muscles(writer, muscles, like["muscles"], source_ids)
    muscle_ids = [m["id"] for m in muscle_records]
    return {
        "sources": source_records,
        "muscles": muscle_records,
        "exercises": _exercises(writer, exercises, like["exercises"], muscle_ids, source_ids),
    }


def write(pack: PackJSON, directory: Path) -> dict[str, bytes]:
    """Write the pack as a directory of collection files; return each file's bytes.

    The files are indented like runtone's own data files.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, bytes] = {}
    for name in FILES:
        data = json.dumps(pack[name], indent=2, ensure_ascii=False).encode() + b"\n"  # type: ignore[literal-required]
        (directory / f"{name}.json").write_bytes(data)
        written[name] = data
    return written


def read(files: dict[str, bytes]) -> PackJSON:
    """Parse a pack's file bytes with plain :func:`json.loads`: the first half of the floor."""
    return {
        "sources": json.loads(files["sources"]),
        "muscles": json.loads(files["muscles"]),
        "exercises": json.loads(files["exercises"]),
    }


class Built(TypedDict):
    """The records :func:`build` makes, by collection, in data order."""

    sources: tuple[runtone.Source, ...]
    muscles: tuple[runtone.Muscle, ...]
    exercises: tuple[runtone.Exercise, ...]


def build(pack: PackJSON) -> Built:
    """The same record objects the loader makes, built without a single check.

    The second half of the floor: references are looked up in plain dicts,
    enums by value in plain dicts, and nothing is validated.
    """
    kinds = {m.value: m for m in runtone.SourceKind}
    grades = {m.value: m for m in runtone.EvidenceGrade}
    sources = {
        s["id"]: runtone.Source(
            id=s["id"],
            title=s["title"],
            kind=kinds[s["kind"]],
            authors=tuple(s["authors"]),
            year=s["year"],
            publisher=s["publisher"],
            url=s["url"],
            doi=s["doi"],
            references=tuple(s["references"]),
            note=s["note"],
        )
        for s in pack["sources"]
    }
    muscle_kinds = {m.value: m for m in runtone.MuscleKind}
    regions = {m.value: m for m in runtone.Region}
    actions = {m.value: m for m in runtone.JointAction}
    phases = {m.value: m for m in runtone.GaitPhase}
    muscles = {
        m["id"]: runtone.Muscle(
            id=m["id"],
            name=m["name"],
            kind=muscle_kinds[m["kind"]],
            region=regions[m["region"]],
            location=m["location"],
            actions=tuple(actions[a] for a in m["actions"]),
            gait_phases=tuple(phases[p] for p in m["gait_phases"]),
            role=m["role"],
            evidence=grades[m["evidence"]],
            sources=tuple(sources[i] for i in m["sources"]),
            part_of=m["part_of"],
            aliases=tuple(m["aliases"]),
            problems=tuple(m["problems"]),
            findings=tuple(
                runtone.Finding(
                    text=f["text"],
                    evidence=grades[f["evidence"]],
                    sources=tuple(sources[i] for i in f["sources"]),
                )
                for f in m["findings"]
            ),
        )
        for m in pack["muscles"]
    }
    exercise_kinds = {m.value: m for m in runtone.ExerciseKind}
    roles = {m.value: m for m in runtone.TargetRole}
    equipment = {m.value: m for m in runtone.Equipment}
    levels = {m.value: m for m in runtone.Level}
    exercises = tuple(
        runtone.Exercise(
            id=e["id"],
            name=e["name"],
            kind=exercise_kinds[e["kind"]],
            purpose=e["purpose"],
            targets=tuple(
                runtone.Target(muscle=muscles[t["muscle"]], role=roles[t["role"]])
                for t in e["targets"]
            ),
            equipment=frozenset(equipment[q] for q in e["equipment"]),
            level=levels[e["level"]],
            unilateral=e["unilateral"],
            steps=tuple(e["steps"]),
            cautions=tuple(e["cautions"]),
            evidence=grades[e["evidence"]],
            sources=tuple(sources[i] for i in e["sources"]),
            aliases=tuple(e["aliases"]),
        )
        for e in pack["exercises"]
    )
    return {
        "sources": tuple(sources.values()),
        "muscles": tuple(muscles.values()),
        "exercises": exercises,
    }


def main(argv: list[str] | None = None) -> int:
    """Write a generated pack and print what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the pack directory to write")
    parser.add_argument("--exercises", type=int, default=10_000)
    parser.add_argument("--muscles", type=int, default=500)
    parser.add_argument("--sources", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    pack = generate(args.exercises, args.muscles, args.sources, seed=args.seed)
    files = write(pack, args.output)
    counts = ", ".join(f"{len(pack[name])} {name}" for name in FILES)  # type: ignore[literal-required]
    print(f"{args.output}: {counts}, {sum(map(len, files.values())):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
