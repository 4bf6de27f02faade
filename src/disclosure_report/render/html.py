"""A report as a standalone HTML page in the official layout, ready to publish and to print.

The page holds the title, the preamble, the six sections with their official headings, the
three tables with the official merged headers (``rowspan``/``colspan`` as the template merges
them), notes, and the closing lines. Numbers are printed as the report holds them; a blank
cell stays empty. Every value cell carries ``data-row`` and ``data-column`` with its keys, so
the page can be read back by machine as well as by eye. The style sheet is inline (no
network), and prints on A4 with tables kept whole where they fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Final

from disclosure_report.model import Paragraph, Report, Table, TextSection
from disclosure_report.render._layout import GridCell, grid, organ_above_title
from disclosure_report.tables import TableSpec, edition_spec

__all__ = ["STYLE", "render_html"]

STYLE: Final = """\
:root { color-scheme: light; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif;
       margin: 2em auto; max-width: 60em; padding: 0 1em; line-height: 1.7; color: #000; }
h1 { font-size: 1.5em; text-align: center; font-weight: bold; }
h2 { font-size: 1.15em; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
p { text-indent: 2em; margin: 0.3em 0; }
p.closing { text-align: right; text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 0.9em; }
th, td { border: 1px solid #000; padding: 0.25em 0.4em; vertical-align: middle; }
th { font-weight: normal; text-align: center; }
th.caption { font-weight: bold; text-align: left; }
th.label { text-align: left; }
td { text-align: center; min-width: 2.5em; }
tr.extra-row th, tr.extra-row td { font-style: italic; }
@media print {
  @page { size: A4; margin: 2cm 1.8cm; }
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  table { page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  thead { display: table-header-group; }
  h2 { page-break-after: avoid; }
}
"""
"""The page's style sheet (inline; no fonts or files are fetched)."""

_INDENT: Final = "  "


def _paragraphs(paragraphs: Iterable[Paragraph], css: str | None = None) -> list[str]:
    attribute = f' class="{css}"' if css else ""
    return [f"<p{attribute}>{escape(p.text)}</p>" for p in paragraphs]


def _cell(cell: GridCell) -> str:
    attributes = []
    if cell.rowspan > 1:
        attributes.append(f' rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attributes.append(f' colspan="{cell.colspan}"')
    if cell.role == "value":
        attributes.append(f' data-row="{cell.row}" data-column="{cell.column}"')
        return f"<td{''.join(attributes)}>{escape(cell.text)}</td>"
    if cell.role == "extra":
        return f"<td{''.join(attributes)}>{escape(cell.text)}</td>"
    css = {"caption": "caption", "label": "label", "header": "header"}[cell.role]
    if cell.role == "label" and cell.row is not None:
        attributes.append(f' data-row="{cell.row}"')
    if cell.role == "header" and cell.column is not None:
        attributes.append(f' data-column="{cell.column}"')
    scope = (
        ' scope="col"' if cell.role == "header" else ' scope="row"' if cell.role == "label" else ""
    )
    return f'<th class="{css}"{scope}{"".join(attributes)}>{escape(cell.text)}</th>'


def _table(spec: TableSpec, table: Table) -> list[str]:
    rows = grid(spec, table)
    head = 0  # the leading rows of column headers repeat on every printed page
    while head < len(rows) and rows[head] and all(c.role == "header" for c in rows[head]):
        head += 1
    lines = [f'<table data-section="{spec.key}">']
    if head:
        lines.append(f"{_INDENT}<thead>")
        for line in rows[:head]:
            lines.append(f"{_INDENT * 2}<tr>{''.join(_cell(c) for c in line)}</tr>")
        lines.append(f"{_INDENT}</thead>")
        rows = rows[head:]
    lines.append(f"{_INDENT}<tbody>")
    for line in rows:
        extra = ' class="extra-row"' if line and line[0].role == "extra" else ""
        lines.append(f"{_INDENT * 2}<tr{extra}>{''.join(_cell(c) for c in line)}</tr>")
    lines.append(f"{_INDENT}</tbody>")
    lines.append("</table>")
    return lines


def _metadata(report: Report) -> list[str]:
    """The title and publication date as government CMS pages state them, in ``<meta>``."""
    found = []
    if report.title:
        found.append(f'<meta name="ArticleTitle" content="{escape(report.title)}">')
    if report.publication_date is not None:
        found.append(f'<meta name="PubDate" content="{report.publication_date.isoformat()}">')
    return found


def render_html(report: Report) -> str:
    """The report as a standalone HTML5 page (UTF-8 text), in the official layout."""
    spec = edition_spec(report.edition)
    body: list[str] = []
    if (organ := organ_above_title(report)) is not None:
        body.append(f'<p class="organ">{escape(organ)}</p>')
    if report.title:
        body.append(f"<h1>{escape(report.title)}</h1>")
    body += _paragraphs(report.preamble)
    for section in spec.sections:
        value = getattr(report, section.key)
        if value is None:
            continue
        heading = value.heading if value.heading else section.label
        body.append(f'<section id="{section.key}">')
        body.append(f"<h2>{escape(heading)}</h2>")
        if isinstance(value, Table) and isinstance(section, TableSpec):
            body += _table(section, value)
            body += _paragraphs(value.notes, "note")
        elif isinstance(value, TextSection):
            body += _paragraphs(value.paragraphs)
        body.append("</section>")
    body += _paragraphs(report.closing, "closing")
    lines = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="disclosure_report; edition {report.edition}">',
        *_metadata(report),
        f"<title>{escape(report.title or report.organ or '')}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        "<body>",
        f'<article class="disclosure-report" data-edition="{report.edition}">',
        *body,
        "</article>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"
