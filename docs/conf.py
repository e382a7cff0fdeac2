"""Sphinx configuration for the runtone documentation.

Build with ``python -m sphinx -W -n --keep-going -b html docs docs/_build/html``;
``tests/test_docs.py`` does the same on every run of the gate.
"""

from __future__ import annotations

import sys
from pathlib import Path

import runtone

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "runtone"
author = "The runtone developers"
copyright = "The runtone developers"  # noqa: A001 - the name Sphinx reads
release = runtone.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "runtone_docs",  # docs/_ext/runtone_docs.py: the dataset reference, from the data
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
root_doc = "index"

# Every warning is an error (-W in the test), every cross-reference must resolve (-n).
nitpicky = True
nitpick_ignore = [
    # Standard-library types in signatures. Linking them needs intersphinx, which downloads
    # Python's inventory at build time; the docs build must work offline.
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "os.PathLike"),
    ("py:class", "pathlib.Path"),
    ("py:class", "datetime.date"),
    ("py:class", "enum.Enum"),
    ("py:class", "types.MappingProxyType"),
    # Private helpers named in signatures; users never build them (Dataset(collections)
    # is made by runtone.load()).
    ("py:class", "T"),
    # Type aliases in signatures (a pack: a path or a traversable; a JSON value), which the
    # docstrings of load() and export() describe in words.
    ("py:class", "Pack"),
    ("py:class", "JSONValue"),
    # SearchResult.record: any record search returns, which its docstring says in words.
    ("py:class", "Searchable"),
    # Profile.in_dataset(**fields: Unpack[ProfileFields]): typing's Unpack, imported for
    # the type checker only; ProfileFields itself is documented.
    ("py:class", "Unpack"),
]

# --- MyST ---------------------------------------------------------------------------
myst_enable_extensions = ["fieldlist", "substitution", "colon_fence"]
# Counts and versions are added from the data by runtone_docs at config time.
myst_substitutions: dict[str, object] = {}
myst_heading_anchors = 3

# --- autodoc ------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = False
autoclass_content = "class"
autosummary_generate = False
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = False
napoleon_attr_annotations = True
python_use_unqualified_type_names = True

# --- HTML ---------------------------------------------------------------------------
html_theme = "furo"
html_title = f"runtone {release}"
html_show_sourcelink = False
html_static_path = ["_static"]
html_css_files = ["runtone.css"]
