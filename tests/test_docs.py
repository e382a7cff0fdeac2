"""The documentation: it builds without a warning, its examples run, and it covers everything.

The Sphinx build runs once per session (about ten seconds) into a temporary
directory; the tests below read its HTML with the standard library's parser.
Sphinx 9 needs Python 3.11, so on older Pythons only the build is skipped: the
examples and the docstring checks run everywhere.
"""

from __future__ import annotations

import argparse
import ast
import doctest
import enum
import html as html_lib
import importlib
import inspect
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import attrs
import jsonschema
import pytest

import runtone
from _support import DATA
from runtone import cli
from runtone._loader import COLLECTIONS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
DS = runtone.load()

needs_sphinx = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="the pinned Sphinx 9 needs Python 3.11 or later"
)

_FENCE = re.compile(r"^(`{3,})([^\n`]*)\n(.*?)^\1$", re.DOTALL | re.MULTILINE)


def _fences(text: str) -> list[tuple[str, str, int]]:
    """Every fenced block of a Markdown text: (info string, body, line of its first body line)."""
    return [
        (m.group(2).strip(), m.group(3), text.count("\n", 0, m.start(3)) + 1)
        for m in _FENCE.finditer(text)
    ]


# --- the build ------------------------------------------------------------------------


class _Ids(HTMLParser):
    """The values of every ``id`` attribute in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        del tag
        self.ids += [value for name, value in attributes if name == "id" and value]


class _Rows(HTMLParser):
    """The text of every table row in a page, one string per cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        del attributes
        if tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _ids(page: Path) -> list[str]:
    parser = _Ids()
    parser.feed(page.read_text("utf-8"))
    return parser.ids


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs built once with warnings as errors and every reference checked."""
    out = tmp_path_factory.mktemp("docs")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",  # every warning is an error...
            "-n",  # ...including every reference that does not resolve
            "--keep-going",  # report them all at once
            "-q",
            "-E",  # never reuse a saved environment
            "-d",
            str(out / "doctrees"),
            "-b",
            "html",
            str(DOCS),
            str(out / "html"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out / "html"


@needs_sphinx
@pytest.mark.parametrize(
    ("collection", "page", "prefix"),
    [
        ("muscles", "muscles", "muscle"),
        ("exercises", "exercises", "exercise"),
        ("strike_patterns", "strike-patterns", "strike"),
        ("stride_effects", "stride-effects", "stride"),
        ("claims", "claims", "claim"),
        ("injuries", "injuries", "injury"),
        ("recommendations", "recommendations", "recommendation"),
        ("sources", "sources", "source"),
        ("terms", "terms", "term"),
    ],
)
def test_every_record_has_an_anchor_on_its_page(
    html: Path, collection: str, page: str, prefix: str
) -> None:
    ids = _ids(html / "dataset" / f"{page}.html")
    anchors = [i for i in ids if i.startswith(f"{prefix}-")]
    records = getattr(DS, collection)
    # Every record once (claims are grouped by verdict, the rest keep data order).
    assert sorted(anchors) == sorted(f"{prefix}-{record.id}" for record in records)
    assert len(anchors) == len(records) > 0


@needs_sphinx
def test_every_collection_is_counted_on_the_dataset_index(html: Path) -> None:
    parser = _Rows()
    parser.feed((html / "dataset" / "index.html").read_text("utf-8"))
    counts = {row[0]: row[1] for row in parser.rows if len(row) == 3}
    assert counts == {c.name: str(len(getattr(DS, c.name))) for c in COLLECTIONS} | {
        "Collection": "Records"
    }


@needs_sphinx
def test_every_public_name_is_in_the_api_reference(html: Path) -> None:
    ids = set(_ids(html / "api.html"))
    missing = [name for name in runtone.__all__ if f"runtone.{name}" not in ids]
    assert missing == []
    for name in runtone.__all__:
        obj = getattr(runtone, name)
        if inspect.isclass(obj) and attrs.has(obj) and obj.__name__ == name:  # not an alias
            fields = [f"runtone.{name}.{field.name}" for field in attrs.fields(obj)]
            assert [f for f in fields if f not in ids] == [], name


@needs_sphinx
def test_the_changelog_page_shows_the_changelog(html: Path) -> None:
    text = (html / "changelog.html").read_text("utf-8")
    assert "Unreleased" in text
    assert f"Data version {runtone.DATA_VERSION}" in text


@needs_sphinx
def test_the_pictures_are_drawn_from_the_data(html: Path) -> None:
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        # The docs' own extension, on its path now (imported by name, not by an import
        # statement: mypy checks docs/ only where Sphinx installs, 3.11 and later).
        extension = importlib.import_module("runtone_docs")
    finally:
        sys.path.remove(str(DOCS / "_ext"))
    runner = runtone.Profile(**extension.PLAN_RUNNER)
    pictures = {
        "dataset/strike-patterns.html": runtone.diagram(
            runtone.compare_strikes("heel", "forefoot")
        ),
        "dataset/exercises.html": runtone.diagram(runtone.exercise("single-leg-deadlift")),
        "howto/profile-and-plan.html": runtone.diagram(runtone.plan(runner).weeks[0]),
    }
    for page, svg in pictures.items():
        text = (html / page).read_text("utf-8")
        assert text.count('aria-labelledby="rt-title rt-desc"') == 1, page
        assert svg in text, page


@needs_sphinx
def test_the_cli_page_shows_every_commands_help(html: Path) -> None:
    text = (html / "cli.html").read_text("utf-8")
    parser = cli._parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name in commands.choices:
        assert f"runtone {name}" in text, name
    assert text.count("examples:") == len(commands.choices) + 1


# --- the examples ---------------------------------------------------------------------


def _examples(page: Path) -> str:
    """The page's ``pycon`` blocks, every other line blanked so line numbers still match."""
    text = page.read_text("utf-8")
    lines = [""] * (text.count("\n") + 1)
    for info, body, first in _fences(text):
        if info == "pycon":
            for offset, line in enumerate(body.splitlines()):
                lines[first + offset] = line
    return "\n".join(lines)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_page_examples_run(page: Path) -> None:
    text = _examples(page)
    name = page.relative_to(ROOT).as_posix()
    test = doctest.DocTestParser().get_doctest(text, {}, name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    failures: list[str] = []
    runner.run(test, out=failures.append)
    assert runner.failures == 0, "".join(failures)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_python_examples_are_doctests(page: Path) -> None:
    for info, body, line in _fences(page.read_text("utf-8")):
        if ">>>" in body or info in {"python", "py", "python3"}:
            assert info == "pycon", f"{page.name}:{line}: make Python examples ```pycon blocks"


def test_the_guides_hold_examples() -> None:
    for page in ("getting-started.md", "howto/filter-exercises.md", "howto/profile-and-plan.md"):
        assert ">>> " in (DOCS / page).read_text("utf-8"), page


def test_getting_started_ends_in_a_plan_for_a_beginner_heel_striker() -> None:
    text = _examples(DOCS / "getting-started.md")
    assert re.search(r'level="beginner"', text)
    assert re.search(r'strike_pattern="heel"', text)
    assert "runtone.plan(" in text


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_json_examples_obey_their_schema(page: Path) -> None:
    text = page.read_text("utf-8")
    for info, body, line in _fences(text):
        if info != "json":
            continue
        before = text[: text.index(body)].rstrip().rsplit("\n", 2)[-2]
        match = re.fullmatch(r"% schema: (\w+)", before)
        assert match, f"{page.name}:{line}: put '% schema: <collection>' before a JSON example"
        schema = json.loads((DATA / "schema" / f"{match.group(1)}.schema.json").read_text("utf-8"))
        jsonschema.validate(json.loads(body), schema)


# --- the concepts cover the vocabulary ------------------------------------------------


@pytest.mark.parametrize("vocabulary", [runtone.EvidenceGrade, runtone.Verdict, runtone.Direction])
def test_concepts_explain_every_value(vocabulary: type[enum.Enum]) -> None:
    text = (DOCS / "concepts.md").read_text("utf-8")
    missing = [m.value for m in vocabulary if f"`{m.value}`" not in text]
    assert missing == []


# --- docstrings -----------------------------------------------------------------------


def _attribute_section(doc: str) -> list[str]:
    """The names listed in a Google-style ``Attributes:`` section."""
    lines = inspect.cleandoc(doc).splitlines()
    if "Attributes:" not in lines:
        return []
    names = []
    for line in lines[lines.index("Attributes:") + 1 :]:
        if line and not line.startswith(" "):
            break
        match = re.match(r" {4}(\w+):", line)
        if match:
            names.append(match.group(1))
    return names


def _own_members(cls: type) -> list[tuple[str, object]]:
    """Public methods and properties defined by the class itself (not attrs or enum)."""
    members: list[tuple[str, object]] = []
    for name, value in vars(cls).items():
        if name.startswith("_") or isinstance(value, enum.Enum):
            continue
        if inspect.isfunction(value) or isinstance(value, (property, classmethod, staticmethod)):
            members.append((name, value))
    return members


def _undocumented(name: str, obj: object) -> list[str]:
    if not inspect.isclass(obj):
        return [] if inspect.getdoc(obj) else [name]
    problems = [] if obj.__doc__ else [name]
    for member, value in _own_members(obj):
        function = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
        doc = getattr(function, "__doc__", None)
        if not doc:
            problems.append(f"{name}.{member}")
    if attrs.has(obj):
        documented = _attribute_section(obj.__doc__ or "")
        fields = [field.name for field in attrs.fields(obj)]
        problems += [f"{name}.{f} (not in Attributes:)" for f in fields if f not in documented]
        problems += [
            f"{name}.{d} (documented, no such field)" for d in documented if d not in fields
        ]
    return problems


def _commented_constants() -> set[str]:
    """Module-level names of runtone/__init__.py with a ``#:`` comment right above them."""
    source = (ROOT / "src" / "runtone" / "__init__.py").read_text("utf-8")
    lines = source.splitlines()
    names: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and lines[node.lineno - 2].lstrip().startswith("#:"):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def test_every_public_name_has_a_docstring() -> None:
    constants = _commented_constants()
    problems = []
    for name in runtone.__all__:
        obj = getattr(runtone, name)
        if isinstance(obj, (str, int)):
            if name not in constants:
                problems.append(f"{name} (no '#:' comment)")
        else:
            problems += _undocumented(name, obj)
    assert problems == []


def test_the_docstring_check_catches_what_it_should() -> None:
    @attrs.frozen
    class Half:
        """A record that documents one of its two fields.

        Attributes:
            a: Documented.
            c: Not a field.
        """

        a: int
        b: int

        def method(self) -> int:
            return self.a

        @property
        def prop(self) -> int:
            return self.b

    assert _undocumented("Half", Half) == [
        "Half.method",
        "Half.prop",
        "Half.b (not in Attributes:)",
        "Half.c (documented, no such field)",
    ]
    assert _undocumented("f", lambda: None) == ["f"]


@needs_sphinx
def test_the_sources_page_shows_every_reference_detail(html: Path) -> None:
    page = html_lib.unescape((html / "dataset" / "sources.html").read_text("utf-8"))
    # Sphinx curls straight quotes and apostrophes ("smart quotes"): straighten them back.
    page = page.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))
    missing = [
        f"{source.id}.{field}"
        for source in DS.sources
        for field in ("title", "publisher", "volume", "pages", "doi")
        if getattr(source, field) and getattr(source, field) not in page
    ]
    assert not missing
    assert any(source.volume for source in DS.sources)
