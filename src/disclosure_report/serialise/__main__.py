"""Regenerate the shipped XML Schemas: ``python -m disclosure_report.serialise [DIRECTORY]``.

Writes ``disclosure-report-<edition>.xsd`` for every edition, by default into the package's
``schemas`` folder (see :func:`disclosure_report.serialise.xsd.write_schemas`).
"""

from __future__ import annotations

from disclosure_report.serialise.xsd import main

if __name__ == "__main__":
    raise SystemExit(main())
