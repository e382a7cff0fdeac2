"""Data flows one way: no module of the core imports the package face."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "runtone"
#: The modules that may use the face: the face itself and the command line over it.
FRONT = frozenset({"__init__.py", "__main__.py", "cli.py"})
CORE = sorted(path for path in SRC.glob("*.py") if path.name not in FRONT)


def _imports_face(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name == "runtone" for alias in node.names)
    if isinstance(node, ast.ImportFrom):
        return (node.level, node.module) in {(0, "runtone"), (1, None)}
    return False


def _face_imports(tree: ast.AST) -> list[int]:
    return [
        node.lineno for node in ast.walk(tree) if isinstance(node, ast.stmt) and _imports_face(node)
    ]


@pytest.mark.parametrize("path", CORE, ids=lambda path: path.name)
def test_no_core_module_imports_the_package_face(path: Path) -> None:
    assert _face_imports(ast.parse(path.read_text("utf-8"))) == []


def test_the_issue_grep_finds_nothing() -> None:
    # The check as the issue states it: grep over src/runtone/_*.py, docstrings included.
    pattern = re.compile(r"from \. import|from runtone import|import runtone")
    hits = [
        f"{path.name}:{number}"
        for path in sorted(SRC.glob("_*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


def test_the_checks_see_a_face_import() -> None:
    for code in ("import runtone", "from runtone import load", "from . import load"):
        assert _face_imports(ast.parse(code)) == [1], code
