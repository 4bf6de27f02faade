"""Sphinx configuration of the disclosure_report documentation.

Build (warnings are errors)::

    python -m sphinx -W --keep-going -b html docs docs/_build/html

The reference tables (official tables, diagnostic codes, XML vocabulary) are generated from
the code at every build by the local extension ``_ext/generated.py``; never edit them by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.application import Sphinx

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))
# Fallback for a source checkout: the installed package wins when there is one.
sys.path.append(str(DOCS.parent / "src"))

import disclosure_report  # noqa: E402  (after the path set-up above)

# -- Project -------------------------------------------------------------------------------

project = "disclosure_report"
author = "disclosure_report developers"
copyright = "disclosure_report developers"
release = disclosure_report.__version__
version = ".".join(release.split(".")[:2])
language = "en"

# -- General -------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "generated",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = [
    "_build",
    # Generated pages are pulled into their reference page with {include}; they are not
    # documents of their own.
    "reference/_generated",
]
templates_path: list[str] = []
nitpicky = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc / napoleon --------------------------------------------------------------------

autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_class_signature = "mixed"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# -- HTML ----------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"disclosure_report {release}"
html_static_path: list[str] = []


# -- Local fixes ---------------------------------------------------------------------------

_PROSE_KINDS = frozenset({"attribute", "data", "property"})
_prose: dict[str, list[str]] = {}


def _keep_prose(
    _app: object, what: str, name: str, _obj: object, _options: object, lines: list[str]
) -> None:
    """Before napoleon (priority 500): remember an attribute's docstring as written."""
    if what in _PROSE_KINDS:
        _prose[name] = list(lines)


def _restore_prose(
    _app: object, what: str, name: str, _obj: object, _options: object, lines: list[str]
) -> None:
    """After napoleon: put the attribute's docstring back as written.

    Google style reads the first line of an attribute docstring as ``type: description``.
    This project's attribute docstrings are prose (``The number: ``int`` for counts ...``),
    and their types come from the annotations, so napoleon must not rewrite them.
    """
    if what in _PROSE_KINDS and name in _prose:
        lines[:] = _prose.pop(name)


def setup(app: Sphinx) -> None:
    """Register the local fixes."""
    app.connect("autodoc-process-docstring", _keep_prose, priority=400)
    app.connect("autodoc-process-docstring", _restore_prose, priority=600)
