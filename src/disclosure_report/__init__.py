"""disclosure_report: read, check and exchange 政府信息公开工作年度报告.

The Chinese government information disclosure annual report, as typed data::

    >>> import disclosure_report as dr
    >>> result = dr.parse_file("report.html")               # doctest: +SKIP
    >>> findings = dr.validate(result.report)              # doctest: +SKIP
    >>> xml = dr.to_xml(result.report)                     # doctest: +SKIP

This module is the public API: everything in ``__all__`` is stable; other modules are
reached through it or through their own documented ``__all__``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from disclosure_report.build import (
    BuildError,
    blank_report,
    fill_totals,
    replace_cell,
    replace_cell_by_label,
    replace_cells,
)
from disclosure_report.diagnostics import (
    CODES,
    CodeInfo,
    Diagnostic,
    Location,
    Severity,
    UnknownCodeError,
)
from disclosure_report.errors import (
    DisclosureReportError,
    InvalidTextError,
    LimitExceededError,
    ParseError,
    SerialiseError,
)
from disclosure_report.limits import DEFAULT_LIMITS, Limits
from disclosure_report.model import (
    Cell,
    Edition,
    ExtraRow,
    Paragraph,
    Report,
    Row,
    Source,
    Table,
    TextSection,
)
from disclosure_report.parse import (
    Form,
    ParseResult,
    parse_bytes,
    parse_docx,
    parse_file,
    parse_html,
    parse_pdf,
    parse_text,
)
from disclosure_report.render import render
from disclosure_report.serialise import (
    NonconformingReportError,
    Record,
    from_json,
    from_xml,
    to_csv,
    to_dataframe,
    to_json,
    to_parquet,
    to_records,
    to_xml,
)
from disclosure_report.tables import EDITIONS, edition_spec
from disclosure_report.validate import (
    Rollup,
    SeriesError,
    check_rollup,
    rollup,
    validate,
    validate_series,
)

try:
    __version__ = version("disclosure-report")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "CODES",
    "DEFAULT_LIMITS",
    "EDITIONS",
    "BuildError",
    "Cell",
    "CodeInfo",
    "Diagnostic",
    "DisclosureReportError",
    "Edition",
    "ExtraRow",
    "Form",
    "InvalidTextError",
    "LimitExceededError",
    "Limits",
    "Location",
    "NonconformingReportError",
    "Paragraph",
    "ParseError",
    "ParseResult",
    "Record",
    "Report",
    "Rollup",
    "Row",
    "SerialiseError",
    "SeriesError",
    "Severity",
    "Source",
    "Table",
    "TextSection",
    "UnknownCodeError",
    "__version__",
    "blank_report",
    "check_rollup",
    "edition_spec",
    "fill_totals",
    "from_json",
    "from_xml",
    "parse_bytes",
    "parse_docx",
    "parse_file",
    "parse_html",
    "parse_pdf",
    "parse_text",
    "render",
    "replace_cell",
    "replace_cell_by_label",
    "replace_cells",
    "rollup",
    "to_csv",
    "to_dataframe",
    "to_json",
    "to_parquet",
    "to_records",
    "to_xml",
    "validate",
    "validate_series",
]
