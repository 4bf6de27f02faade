"""The rendered HTML in a real browser: headless Chromium lays it out, and the layout is checked.

A script added to the page measures every table cell after layout and writes the boxes into
the page; ``chromium --headless --dump-dom`` prints the page, and the test reads the boxes.
Then, for both editions:

* every number of the report is in a visible cell at its row and column;
* every merged header covers exactly the columns the declaration puts under it (申请人情况 all
  of them, 法人或其他组织 its five, 行政诉讼 ten, ...), judged by where the browser drew them;
* every merged row label covers exactly the rows of its group (三、本年度办理结果 ...).

CI installs Debian's chromium (``.ci/run``) and runs this test; without a browser it fails
under CI and is skipped elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from disclosure_report.model import Edition, Report
from disclosure_report.render import render
from disclosure_report.render._layout import cell_text
from disclosure_report.tables import TableSpec, edition_spec
from serialise._reports import full_report

CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1024",
    "--virtual-time-budget=5000",
]

MEASURE = """
<script>
window.addEventListener("load", () => {
  const boxes = [];
  for (const cell of document.querySelectorAll("th, td")) {
    const r = cell.getBoundingClientRect();
    boxes.push({
      section: cell.closest("table").dataset.section,
      tag: cell.tagName.toLowerCase(),
      kind: cell.className,
      text: cell.innerText.trim(),
      row: cell.dataset.row || null,
      column: cell.dataset.column || null,
      left: r.left, right: r.right, top: r.top, bottom: r.bottom,
    });
  }
  const out = document.createElement("pre");
  out.id = "layout";
  out.textContent = JSON.stringify(boxes);
  document.body.appendChild(out);
});
</script>
"""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return CHROMIUM


def layout(browser: str, report: Report, tmp_path: Path) -> list[dict[str, Any]]:
    page = render(report, "html").replace("</body>", MEASURE + "</body>")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    result = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", path.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    [pre] = lxml_html.fromstring(result.stdout.encode("utf-8")).xpath("//pre[@id='layout']")
    boxes: list[dict[str, Any]] = json.loads(pre.text_content())
    return boxes


def _centre_x(box: dict[str, Any]) -> float:
    return float(box["left"] + box["right"]) / 2


def _centre_y(box: dict[str, Any]) -> float:
    return float(box["top"] + box["bottom"]) / 2


def _check_table(spec: TableSpec, report: Report, boxes: list[dict[str, Any]]) -> None:
    mine = [b for b in boxes if b["section"] == spec.key]
    values = [b for b in mine if b["tag"] == "td" and b["column"]]
    table = getattr(report, spec.key)
    # Every number, at its row and column, in a cell the browser drew.
    for row in table.rows:
        for cell in row.cells:
            [box] = [b for b in values if b["row"] == row.key and b["column"] == cell.column]
            assert box["text"] == cell_text(cell).strip()
            assert box["right"] > box["left"]
            assert box["bottom"] > box["top"]
    if all(len(r.groups) == 1 for r in spec.rows):
        return  # table 二 is printed in blocks: no merged headers over columns
    # Merged headers cover exactly the columns the declaration puts under them.
    first_row = table.rows[0].key
    columns = {b["column"]: b for b in values if b["row"] == first_row}
    printed = [c for c in spec.columns if c.key in columns]
    for header in (b for b in mine if b["kind"] == "header"):
        covered = {
            key for key, box in columns.items() if header["left"] < _centre_x(box) < header["right"]
        }
        if header["column"]:
            expected = {header["column"]}
        elif header["text"] in {g for c in printed for g in c.group}:
            expected = {c.key for c in printed if header["text"] in c.group}
        elif header["text"] == spec.header_labels[0] and spec.rows[0].label:
            expected = set()  # the corner, over the row labels
        else:
            expected = {c.key for c in printed}  # a caption over every column (申请人情况)
        assert covered == expected, (spec.key, header["text"])
    # Merged row labels cover exactly the rows of their group.
    rows = {b["row"]: b for b in values if b["column"] == printed[0].key}
    groups = {g.label: g for r in spec.rows for g in r.groups}
    labels = [b for b in mine if b["kind"] == "label" and not b["row"]]
    assert {b["text"] for b in labels} == {
        g.label for r in table.rows for g in spec.row(r.key).groups
    }
    for label in labels:
        covered = {
            key for key, box in rows.items() if label["top"] < _centre_y(box) < label["bottom"]
        }
        group = groups[label["text"]]
        expected = {r.key for r in table.rows if group in spec.row(r.key).groups}
        assert covered == expected, (spec.key, label["text"])


@pytest.mark.parametrize("edition", list(Edition))
def test_the_browser_shows_every_number_under_the_official_headers(
    browser: str, edition: Edition, tmp_path: Path
) -> None:
    report = full_report(edition)
    boxes = layout(browser, report, tmp_path)
    for spec in edition_spec(edition).tables:
        _check_table(spec, report, boxes)
