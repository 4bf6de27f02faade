"""Write :mod:`disclosure_report.keys` from the declaration: ``python -m disclosure_report._generate_keys``.

The typed keys are generated, checked in, and compared with :func:`keys_source` by a test
(``tests/test_keys.py``), like the XML Schemas: after changing :mod:`disclosure_report.tables`,
run this module and commit the result.

The generated module imports nothing of ours (the model imports it for its type hints), so
it spells every key once more; that second spelling is this generator's output, never typed
by hand.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from disclosure_report.model import Edition
from disclosure_report.tables import EDITIONS, TableSpec, TextSectionSpec

__all__ = ["constant_name", "keys_source", "main", "type_name"]

TARGET = Path(__file__).with_name("keys.py")

_HEADER = '''\
"""Typed keys of the official tables: generated from :mod:`disclosure_report.tables`, do not edit.

Regenerate with ``python -m disclosure_report._generate_keys`` after changing the declaration; a
test fails while this file differs from what the generator writes.

For each table section there is a ``Literal`` type of its row keys and of its column keys
(every edition together, and per edition with the edition's year as suffix), and a class of
constants whose docstrings are the official labels, so a type checker catches a misspelt key
and an editor completes it::

    from disclosure_report.keys import ApplicationsColumns, ApplicationsRows

    report.applications.cell(ApplicationsRows.GRANTED, ApplicationsColumns.NATURAL_PERSON)

This module imports nothing: the model reads its types.
"""

from __future__ import annotations

from typing import Final, Literal
'''


def type_name(key: str) -> str:
    """``proactive_disclosure`` -> ``ProactiveDisclosure``."""
    return "".join(part.capitalize() for part in key.split("_"))


def constant_name(key: str) -> str:
    """``natural_person`` -> ``NATURAL_PERSON``."""
    return key.upper()


def _literal(name: str, keys: Iterable[str], doc: str) -> list[str]:
    items = list(keys)
    if len(items) == 1:  # one key: no trailing comma (it would read as a tuple)
        return [f'{name} = Literal["{items[0]}"]', f'"""{doc}"""', ""]
    lines = [f"{name} = Literal["]
    lines += [f'    "{key}",' for key in items]
    lines += ["]", f'"""{doc}"""', ""]
    return lines


def _ordered(groups: Iterable[Iterable[str]]) -> list[str]:
    """Keys in order of first appearance across editions (oldest edition first)."""
    seen: dict[str, None] = {}
    for keys in groups:
        for key in keys:
            seen.setdefault(key, None)
    return list(seen)


def _labels_by_edition(found: dict[str, dict[Edition, str]], key: str) -> str:
    by_edition = found[key]
    labels = set(by_edition.values())
    if len(labels) == 1:
        return labels.pop() or "(the table's only, unlabelled row)"
    return "; ".join(f"{edition}: {label}" for edition, label in by_edition.items())


def _constants(
    name: str, doc: str, keys: Sequence[str], labels: dict[str, dict[Edition, str]]
) -> list[str]:
    lines = [f"class {name}:", f'    """{doc}"""', ""]
    for key in keys:
        lines.append(f'    {constant_name(key)}: Final = "{key}"')
        lines.append(f'    """{_labels_by_edition(labels, key)}"""')
    lines.append("")
    lines.append("")
    return lines


def keys_source() -> str:
    """The text of :mod:`disclosure_report.keys` for the current declaration."""
    tables: dict[str, dict[Edition, TableSpec]] = {}
    sections: list[str] = []
    for edition, spec in EDITIONS.items():
        for section in spec.sections:
            if section.key not in sections:
                sections.append(section.key)
            if isinstance(section, TableSpec):
                tables.setdefault(section.key, {})[edition] = section
    text_sections = [
        s.key for spec in EDITIONS.values() for s in spec.sections if isinstance(s, TextSectionSpec)
    ]
    names: list[str] = ["SectionKey", "TableKey", "TextSectionKey"]
    body: list[str] = []
    body += _literal(
        "SectionKey", sections, "Key of every section (a Report attribute), in printed order."
    )
    body += _literal("TableKey", list(tables), "Key of every section holding an official table.")
    body += _literal(
        "TextSectionKey", _ordered([text_sections]), "Key of every section of running text."
    )
    for table_key, by_edition in tables.items():
        stem = type_name(table_key)
        label = " / ".join(sorted({t.label for t in by_edition.values()}))
        rows = _ordered([r.key for r in t.rows] for t in by_edition.values())
        columns = _ordered([c.key for c in t.columns] for t in by_edition.values())
        body += _literal(f"{stem}Row", rows, f"Row key of {label}, any edition.")
        body += _literal(f"{stem}Column", columns, f"Column key of {label}, any edition.")
        names += [f"{stem}Row", f"{stem}Column"]
        for edition, table in by_edition.items():
            body += _literal(
                f"{stem}Row{edition}",
                [r.key for r in table.rows],
                f"Row key of {label}, edition {edition}.",
            )
            body += _literal(
                f"{stem}Column{edition}",
                [c.key for c in table.columns],
                f"Column key of {label}, edition {edition}.",
            )
            names += [f"{stem}Row{edition}", f"{stem}Column{edition}"]
        row_labels: dict[str, dict[Edition, str]] = {}
        column_labels: dict[str, dict[Edition, str]] = {}
        for edition, table in by_edition.items():
            for row in table.rows:
                row_labels.setdefault(row.key, {})[edition] = row.path
            for column in table.columns:
                column_labels.setdefault(column.key, {})[edition] = column.path
        body += ["", ""]
        body += _constants(
            f"{stem}Rows",
            f"Row keys of {label}; each docstring is the official label path.",
            rows,
            row_labels,
        )
        body += _constants(
            f"{stem}Columns",
            f"Column keys of {label}; each docstring is the official header path.",
            columns,
            column_labels,
        )
        names += [f"{stem}Rows", f"{stem}Columns"]
    all_ = ["", "__all__ = ["] + [f'    "{n}",' for n in sorted(names)] + ["]", "", ""]
    text = "\n".join([_HEADER.rstrip("\n"), *all_, *body]).rstrip("\n") + "\n"
    return text.replace("\n\n\n\n", "\n\n\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Write the keys module (default: :data:`TARGET`, beside this file)."""
    args = list(sys.argv[1:] if argv is None else argv)
    target = Path(args[0]) if args else TARGET
    target.write_text(keys_source(), encoding="utf-8")
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
