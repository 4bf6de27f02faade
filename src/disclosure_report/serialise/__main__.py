"""Regenerate the shipped schemas: ``python -m disclosure_report.serialise [DIRECTORY]``.

Writes ``disclosure-report-<edition>.xsd`` (XML Schema) and
``disclosure-report-<edition>.schema.json`` (JSON Schema) for every edition, by default into
the package's ``schemas`` folder.
"""

from __future__ import annotations

import sys

from disclosure_report.serialise.json_schema import write_json_schemas
from disclosure_report.serialise.xsd import write_schemas


def main(argv: list[str] | None = None) -> int:
    """Write every schema; print the paths written."""
    args = list(sys.argv[1:] if argv is None else argv)
    directory = args[0] if args else None
    for path in [*write_schemas(directory), *write_json_schemas(directory)]:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
