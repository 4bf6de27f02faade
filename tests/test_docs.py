"""The documentation tells the truth: every example in README.md and docs/ runs, as a doctest.

Examples are ``pycon`` blocks (``>>>`` prompts and the output they print); each page's blocks
run in order in one namespace, in a scratch folder where ``tests/`` (the corpus) is at hand,
so files the examples write do not land in the repository. ``python`` blocks are source to put
in the library's own files (a rule, a declaration entry, often a fragment), and must not be
usage examples (an example that uses the package belongs in a ``pycon`` block, where it
runs).
"""

from __future__ import annotations

import doctest
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(
    [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")],
)
PAGES = [p for p in PAGES if "_build" not in p.parts and "_generated" not in p.parts]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def blocks(page: Path, language: str) -> Iterator[tuple[int, str]]:
    text = page.read_text(encoding="utf-8")
    for match in FENCE.finditer(text):
        if match.group(1) == language:
            yield text[: match.start()].count("\n") + 2, match.group(2)


def _name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("page", [p for p in PAGES if any(blocks(p, "pycon"))], ids=_name)
def test_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    monkeypatch.chdir(tmp_path)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    failed = 0
    for line, code in blocks(page, "pycon"):
        test = parser.get_doctest(code, namespace, _name(page), str(page), line - 1)
        failed += runner.run(test, clear_globs=False).failed
        namespace = test.globs  # the next block goes on from here
    assert failed == 0, f"{failed} example(s) of {_name(page)} failed (see the output above)"


@pytest.mark.parametrize("page", [p for p in PAGES if any(blocks(p, "python"))], ids=_name)
def test_python_blocks_are_source_to_edit_not_examples(page: Path) -> None:
    for line, code in blocks(page, "python"):
        where = f"{_name(page)}:{line}: a usage example: write it as a pycon block, so it runs"
        assert "import disclosure_report" not in code, where
        assert "dr." not in code, where


def test_there_are_examples() -> None:
    assert sum(1 for page in PAGES for _ in blocks(page, "pycon")) > 20
