"""The public surface is deliberate: a change to it shows up here."""

from __future__ import annotations

import disclosure_report

FIXED_BY_THE_ISSUE = {
    "parse_file",
    "parse_text",
    "parse_bytes",
    "parse_html",
    "parse_docx",
    "ParseResult",
    "validate",
    "Diagnostic",
    "to_xml",
    "from_xml",
    "to_json",
    "from_json",
    "to_records",
    "DisclosureReportError",
    "ParseError",
}


def test_all_is_complete() -> None:
    names = disclosure_report.__all__
    assert len(names) == len(set(names))
    assert set(names) >= FIXED_BY_THE_ISSUE
    for name in names:
        assert hasattr(disclosure_report, name), name


def test_every_exception_derives_from_the_base() -> None:
    for name in ("ParseError", "SerialiseError", "InvalidTextError"):
        assert issubclass(getattr(disclosure_report, name), disclosure_report.DisclosureReportError)
