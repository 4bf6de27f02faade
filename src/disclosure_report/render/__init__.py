"""Render a report in the official layout: :func:`render` with a form.

* ``"html"``: a standalone page with the official merged table headers and a print style,
  ready to publish (:mod:`.html`);
* ``"markdown"``: GitHub-flavoured Markdown, one pipe table per table (:mod:`.markdown`);
* ``"text"``: the seed's text form, a Word text extraction that
  :func:`~disclosure_report.parse_text` reads back (:mod:`.text`);
* ``"docx"``: a Word document, merged cells as Word writes them (:mod:`.docx`).

Every form prints the official labels from the declaration, blanks as blank, markers and
notes as the report holds them. Rendering does not check arithmetic (that is
:func:`~disclosure_report.validate`) and prints what the report holds.
"""

from __future__ import annotations

from typing import Literal, overload

from disclosure_report.model import Report
from disclosure_report.render.docx import render_docx
from disclosure_report.render.html import render_html
from disclosure_report.render.markdown import render_markdown
from disclosure_report.render.text import render_text

__all__ = ["FORMS", "Form", "render"]

Form = Literal["html", "markdown", "text", "docx"]
"""The forms :func:`render` writes."""
FORMS: tuple[Form, ...] = ("html", "markdown", "text", "docx")


@overload
def render(report: Report, form: Literal["docx"]) -> bytes: ...
@overload
def render(report: Report, form: Literal["html", "markdown", "text"]) -> str: ...
def render(report: Report, form: Form) -> str | bytes:
    """Render ``report`` in ``form``: text for html, markdown and text; bytes for docx.

    >>> import disclosure_report as dr
    >>> page = dr.render(dr.blank_report("2021", title="2024年某某局政府信息公开工作年度报告"), "html")
    >>> page.startswith("<!DOCTYPE html>")
    True

    Raises:
        ValueError: an unknown form (the message lists the forms).
    """
    if form == "html":
        return render_html(report)
    if form == "markdown":
        return render_markdown(report)
    if form == "text":
        return render_text(report)
    if form == "docx":
        return render_docx(report)
    msg = f"unknown form {form!r}; the forms are {', '.join(FORMS)}"
    raise ValueError(msg)
