"""``python -m disclosure_report``: the same as the ``disclosure-report`` command."""

from disclosure_report.cli import main

raise SystemExit(main())
