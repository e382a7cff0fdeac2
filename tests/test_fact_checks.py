"""Every statement of the five seed articles maps to a record (issue 14, section 4).

The maps live in ``docs/fact-checks/<source-id>.json``, one per seed article, and the
docs render each as a page (``% runtone: fact_check <source-id>``). These tests hold
the maps to the data: every statement names at least one record, every record named
exists, a statement's verdict-giving claim is one the article makes, every claim an
article makes is on its page, and no article's list shrinks below what a
sentence-by-sentence reading found.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtone
from runtone import SourceKind


class _Docs(Protocol):
    """What these tests use of the docs' extension, as below 3.11 mypy must see it."""

    FACT_CHECKS: Path

    def fact_check_map(self, article: str) -> list[tuple[str, list[tuple[str, str]]]]: ...


sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs" / "_ext"))
try:
    if sys.version_info >= (3, 11):
        import runtone_docs  # the docs' own extension, which renders the maps
    else:
        # Below 3.11 mypy checks without docs/ (no Sphinx there to type the extension
        # against: tests/test_tooling.py's PATHS), so it cannot see the module; the same
        # module, imported by name, with the part of it these tests use.
        runtone_docs = cast("_Docs", importlib.import_module("runtone_docs"))
finally:
    sys.path.pop(0)

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "docs" / "fact-checks"
DS = runtone.load()
#: The articles whose claims runtone checks: those that made a claim. Other popular
#: sources (a how-to guide cited for an exercise's steps) are cited, not fact-checked.
ARTICLES = sorted(
    s.id
    for s in DS.sources
    if s.kind in {SourceKind.POPULAR_ARTICLE, SourceKind.MEDICALLY_REVIEWED_ARTICLE}
    and any(s in claim.made_by for claim in DS.claims)
)
#: The collection behind each record prefix; the prefixes are the docs' anchor prefixes.
PREFIXES = {
    "claim": "claims",
    "muscle": "muscles",
    "exercise": "exercises",
    "strike": "strike_patterns",
    "stride": "stride_effects",
    "injury": "injuries",
    "recommendation": "recommendations",
}
#: Statements found by reading each article sentence by sentence (2026-12 reading).
#: Dropping a statement from a map fails; adding one is fine (raise the number then).
LEAST_STATEMENTS = {
    "needtorace-tone-legs": 56,
    "does-running-help-tone-legs": 13,
    "how-running-shapes-lower-body": 49,
    "will-running-make-legs-muscular": 40,
    "does-running-trim-thighs": 26,
}

Statement = tuple[str, list[str]]


def _statements(article: str) -> list[Statement]:
    data = json.loads((MAPS / f"{article}.json").read_text("utf-8"))
    assert data["article"] == article
    return [(item["says"], list(item["records"])) for item in data["statements"]]


def _record(ref: str) -> object:
    prefix, _, ident = ref.partition(":")
    assert prefix in PREFIXES, f"{ref!r}: unknown prefix"
    found = [r for r in getattr(DS, PREFIXES[prefix]) if r.id == ident]
    assert found, f"{ref!r}: no such record"
    return found[0]


def test_each_seed_article_has_a_map_and_no_other_map_exists() -> None:
    assert sorted(LEAST_STATEMENTS) == ARTICLES
    assert sorted(p.stem for p in MAPS.glob("*.json")) == ARTICLES
    seeds = {json.loads(p.read_text("utf-8"))["seed"] for p in MAPS.glob("*.json")}
    assert len(seeds) == len(ARTICLES)
    shared = ROOT.parent / "shared" / "seeds"
    if shared.exists():
        assert seeds == {p.name for p in shared.glob("*.txt")}


@pytest.mark.parametrize("article", ARTICLES)
def test_each_article_has_a_page_that_renders_its_map(article: str) -> None:
    page = (MAPS / f"{article}.md").read_text("utf-8")
    assert f"\n% runtone: fact_check {article}\n" in page
    assert f"\n{article}\n" in (MAPS / "index.md").read_text("utf-8")  # in the toctree


@pytest.mark.parametrize("article", ARTICLES)
def test_no_article_lists_fewer_statements_than_its_reading_found(article: str) -> None:
    statements = _statements(article)
    assert len(statements) >= LEAST_STATEMENTS[article]
    wordings = [says for says, _ in statements]
    assert len(set(wordings)) == len(wordings), "a statement is listed twice"


@pytest.mark.parametrize("article", ARTICLES)
def test_every_statement_names_records_that_exist(article: str) -> None:
    for number, (says, refs) in enumerate(_statements(article), 1):
        assert says.strip(), (article, number)
        assert refs, f"{article} statement {number} has no record: {says}"
        assert len(set(refs)) == len(refs), (article, number)
        for ref in refs:
            _record(ref)


@pytest.mark.parametrize("article", ARTICLES)
def test_a_claim_that_gives_a_verdict_is_made_by_the_article(article: str) -> None:
    for number, (_, refs) in enumerate(_statements(article), 1):
        first = _record(refs[0])
        if isinstance(first, runtone.Claim):
            assert article in {s.id for s in first.made_by}, (article, number, first.id)


@pytest.mark.parametrize("article", ARTICLES)
def test_every_claim_an_article_makes_is_on_its_page(article: str) -> None:
    listed = {ref.partition(":")[2] for _, refs in _statements(article) for ref in refs}
    made = {c.id for c in DS.claims if article in {s.id for s in c.made_by}}
    assert made <= listed, sorted(made - listed)


def test_the_docs_extension_reads_the_same_maps() -> None:
    for article in ARTICLES:
        read = runtone_docs.fact_check_map(article)
        expected = [
            (says, [(PREFIXES[r.partition(":")[0]], r.partition(":")[2]) for r in refs])
            for says, refs in _statements(article)
        ]
        assert read == expected


@contextlib.contextmanager
def _maps_in() -> Iterator[Path]:
    """A fresh directory set as the extension's ``FACT_CHECKS`` for one example."""
    saved = runtone_docs.FACT_CHECKS
    with tempfile.TemporaryDirectory() as name:
        runtone_docs.FACT_CHECKS = Path(name)
        try:
            yield Path(name)
        finally:
            runtone_docs.FACT_CHECKS = saved


def _write_map(directory: Path, statements: object) -> None:
    text = json.dumps({"article": "an-article", "seed": "x.txt", "statements": statements})
    (directory / "an-article.json").write_text(text, "utf-8")


@pytest.mark.parametrize(
    ("statements", "message"),
    [
        ([], "no statements listed"),
        ([{"says": "Running is fun.", "records": []}], "statement 1: 'records' must list"),
        ([{"says": " ", "records": ["claim:x"]}], "statement 1: 'says' must be"),
        ([{"says": "Running is fun.", "records": ["claims/x"]}], "is not <prefix>:<id>"),
    ],
)
def test_a_broken_map_is_refused_with_where_and_what(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, statements: object, message: str
) -> None:
    monkeypatch.setattr(runtone_docs, "FACT_CHECKS", tmp_path)
    _write_map(tmp_path, statements)
    with pytest.raises(ValueError, match=r"an-article\.json") as raised:
        runtone_docs.fact_check_map("an-article")
    assert message in str(raised.value)


@given(st.text(max_size=30))
def test_a_reference_without_a_known_prefix_is_refused(ref: str) -> None:
    prefix, _, ident = ref.partition(":")
    statements = [{"says": "Running is fun.", "records": [ref]}]
    with _maps_in() as directory:
        _write_map(directory, statements)
        if prefix in PREFIXES and ident:
            assert runtone_docs.fact_check_map("an-article") == [
                ("Running is fun.", [(PREFIXES[prefix], ident)])
            ]
        else:
            with pytest.raises(ValueError, match="is not <prefix>:<id>"):
                runtone_docs.fact_check_map("an-article")
