r"""XML Schemas of the report vocabulary, generated from the table declaration.

One XSD 1.0 per edition, all with the target namespace
:data:`~disclosure_report.serialise.xml.XML_NAMESPACE`. Every row, column and section element
is generated from :mod:`disclosure_report.tables` and carries its official label as
``xs:documentation xml:lang="zh"``; the metadata elements follow the attributes of
:class:`~disclosure_report.model.Report`.

The generated files ship with the package (``schemas/disclosure-report-<edition>.xsd``) and are
what :func:`xml_schema` loads. After changing the declaration, regenerate them with::

    python -m disclosure_report.serialise

A test fails while the shipped files differ from :func:`build_xsd`.

The schemas accept whatever the model can hold that the vocabulary can place (negative counts
included: judging numbers is the validator's business), and nothing else:

* a row element holds one element per column of the declared row, in order; a column the
  declaration marks optional may be left out, the others may not (a blank cell is an empty
  element); rows themselves are optional;
* a cell's text is empty (blank) or a number: counts and signed columns ``-?[0-9]+``,
  amounts ``-?[0-9]+(\.[0-9]+)?``; its ``unit``, ``marker`` and ``raw`` attributes are text;
* dates are ``YYYY-MM-DD``.
"""

from __future__ import annotations

import functools
import importlib.resources
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from lxml import etree

from disclosure_report.conformance import MAX_NUMBER_DIGITS
from disclosure_report.model import Edition
from disclosure_report.serialise import _vocabulary as v
from disclosure_report.tables import Column, RowSpec, TableSpec, ValueKind, edition_spec

__all__ = ["SIMPLE_TYPES", "build_xsd", "schema_filename", "write_schemas", "xml_schema"]

_XS: Final = "http://www.w3.org/2001/XMLSchema"
_XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"
_SCHEMAS_FOLDER: Final = "schemas"

# Named types of the schema (in the target namespace, which is the schema's default namespace).
_TEXT: Final = "text"
_INTEGER: Final = "integer"
_DECIMAL: Final = "decimal"
_CELL_INTEGER: Final = "cellInteger"
_CELL_DECIMAL: Final = "cellDecimal"
_DATE: Final = "date"
_EMPTY: Final = "empty"
_PARAGRAPHS: Final = "paragraphs"
_TEXT_SECTION: Final = "textSection"
_EXTRA_ROW_TYPE: Final = "extraRow"
_CELL_ATTRIBUTES: Final = "cellAttributes"


_WHOLE: Final = "a whole number: digits with an optional minus sign"
_FRACTION: Final = "a decimal number: digits with an optional minus sign and fraction, no exponent"


def _cell_type(kind: ValueKind) -> str:
    return f"{kind.value}Cell"


def _value_type(kind: ValueKind) -> str:
    return f"{kind.value}Value"


def _number_type(kind: ValueKind) -> str:
    return _CELL_INTEGER if v.NUMBER_KINDS[kind] is int else _CELL_DECIMAL


SIMPLE_TYPES: Final[Mapping[str, str]] = {
    _TEXT: "text",
    _INTEGER: _WHOLE,
    _DECIMAL: _FRACTION,
    _CELL_INTEGER: f"{_WHOLE}, at most {MAX_NUMBER_DIGITS} digits",
    _CELL_DECIMAL: f"{_FRACTION}, at most {MAX_NUMBER_DIGITS} significant digits",
    _DATE: "a date written YYYY-MM-DD",
    _EMPTY: "nothing",
    **{
        _value_type(kind): "nothing (a blank cell) or "
        + (_WHOLE if _number_type(kind) == _CELL_INTEGER else _FRACTION)
        + f" of at most {MAX_NUMBER_DIGITS} digits"
        for kind in ValueKind
    },
}
"""The schema's simple types by name, described in words (for documentation and messages)."""


def schema_filename(edition: Edition | str) -> str:
    """Return the file name of the shipped schema of ``edition``, e.g. ``disclosure-report-2021.xsd``."""
    return f"disclosure-report-{Edition(edition)}.xsd"


class _Builder:
    """Writes one schema document with lxml (so escaping is lxml's business)."""

    def __init__(self) -> None:
        self.root = etree.Element(
            self.xs("schema"),
            nsmap={"xs": _XS, None: v.XML_NAMESPACE},
            targetNamespace=v.XML_NAMESPACE,
            elementFormDefault="qualified",
            version=v.VOCABULARY_VERSION,
        )

    @staticmethod
    def xs(name: str) -> str:
        return f"{{{_XS}}}{name}"

    def sub(self, parent: etree._Element, tag: str, /, **attributes: str) -> etree._Element:
        return etree.SubElement(parent, self.xs(tag), attributes)

    def document(
        self, parent: etree._Element, *, zh: str | None = None, en: str | None = None
    ) -> None:
        """Annotate ``parent`` (its first child); empty texts are left out."""
        if not zh and not en:
            return
        annotation = self.sub(parent, "annotation")
        for lang, text in (("zh", zh), ("en", en)):
            if text:
                documentation = self.sub(annotation, "documentation")
                documentation.set(_XML_LANG, lang)
                documentation.text = text

    def restriction(self, type_name: str, base: str, en: str, /, **facets: str) -> None:
        simple = self.sub(self.root, "simpleType", name=type_name)
        self.document(simple, en=en)
        restriction = self.sub(simple, "restriction", base=base)
        for facet, value in facets.items():
            self.sub(restriction, facet, value=value)


def _simple_types(b: _Builder) -> None:
    b.restriction(_TEXT, "xs:string", "Text as printed; whitespace is kept as it is.")
    b.restriction(_INTEGER, "xs:integer", SIMPLE_TYPES[_INTEGER], pattern=v.INTEGER_PATTERN)
    b.restriction(_DECIMAL, "xs:decimal", SIMPLE_TYPES[_DECIMAL], pattern=v.DECIMAL_PATTERN)
    b.restriction(
        _CELL_INTEGER, "xs:integer", SIMPLE_TYPES[_CELL_INTEGER], pattern=v.CELL_INTEGER_PATTERN
    )
    b.restriction(
        _CELL_DECIMAL,
        "xs:decimal",
        SIMPLE_TYPES[_CELL_DECIMAL]
        + " (the pattern allows as many on each side of the point; the readers refuse more"
        " in all)",
        pattern=v.CELL_DECIMAL_PATTERN,
    )
    b.restriction(_DATE, "xs:date", SIMPLE_TYPES[_DATE], pattern=v.DATE_PATTERN)
    b.restriction(_EMPTY, "xs:string", "Nothing: a blank cell.", length="0")

    group = b.sub(b.root, "attributeGroup", name=_CELL_ATTRIBUTES)
    for name in v.CELL_ATTRIBUTES:
        attribute = b.sub(group, "attribute", name=name, type=_TEXT)
        b.document(attribute, en=f"Cell.{name} of disclosure_report.model; absent means None.")

    for kind in ValueKind:
        simple = b.sub(b.root, "simpleType", name=_value_type(kind))
        b.document(
            simple, en=f"The text of a {kind.value} cell: {SIMPLE_TYPES[_value_type(kind)]}."
        )
        b.sub(simple, "union", memberTypes=f"{_number_type(kind)} {_EMPTY}")
        complex_ = b.sub(b.root, "complexType", name=_cell_type(kind))
        b.document(
            complex_,
            en=f"A cell of a column of kind {kind.value} (ValueKind.{kind.name}): an empty "
            "element is a blank cell; what the publisher wrote instead of or around the "
            "number is in the attributes.",
        )
        extension = b.sub(b.sub(complex_, "simpleContent"), "extension", base=_value_type(kind))
        b.sub(extension, "attributeGroup", ref=_CELL_ATTRIBUTES)


def _complex_types(b: _Builder) -> None:
    paragraphs = b.sub(b.root, "complexType", name=_PARAGRAPHS)
    b.document(paragraphs, en="Paragraphs of text, one p element each.")
    sequence = b.sub(paragraphs, "sequence")
    b.sub(sequence, "element", name=v.PARAGRAPH, type=_TEXT, minOccurs="0", maxOccurs="unbounded")

    section = b.sub(b.root, "complexType", name=_TEXT_SECTION)
    b.document(section, en="A section of running text: its heading as printed, then paragraphs.")
    sequence = b.sub(section, "sequence")
    b.sub(sequence, "element", name=v.HEADING, type=_TEXT, minOccurs="0")
    b.sub(sequence, "element", name=v.PARAGRAPH, type=_TEXT, minOccurs="0", maxOccurs="unbounded")

    extra = b.sub(b.root, "complexType", name=_EXTRA_ROW_TYPE)
    b.document(extra, en="A table row the official format has no place for: label and cell texts.")
    sequence = b.sub(extra, "sequence")
    b.sub(sequence, "element", name=v.EXTRA_CELL, type=_TEXT, minOccurs="0", maxOccurs="unbounded")
    b.sub(extra, "attribute", name=v.EXTRA_ROW_LABEL, type=_TEXT, use="required")


def _column(b: _Builder, parent: etree._Element, column: Column) -> None:
    element = b.sub(parent, "element", name=column.key, type=_cell_type(column.kind))
    if column.optional:
        element.set("minOccurs", "0")
    b.document(element, zh=column.path, en=f"Unit: {column.unit}." if column.unit else None)


def _row(b: _Builder, parent: etree._Element, row: RowSpec, *, required: bool = False) -> None:
    element = b.sub(parent, "element", name=row.key)
    if not required:
        element.set("minOccurs", "0")
    b.document(element, zh=row.path)
    complex_ = b.sub(element, "complexType")
    sequence = b.sub(complex_, "sequence")
    for column in row.columns:
        _column(b, sequence, column)
    b.sub(complex_, "attribute", name=v.ROW_LABEL, type=_TEXT)


def _replaced(table: TableSpec, position: int) -> tuple[RowSpec, ...]:
    """The rows the optional row at ``position`` stands for, when they follow it in order."""
    row = table.rows[position]
    if not row.optional or not row.replaces:
        return ()
    following = table.rows[position + 1 : position + 1 + len(row.replaces)]
    if tuple(r.key for r in following) != row.replaces:  # pragma: no cover - not declared so
        msg = f"{table.key}.{row.key}: the rows it replaces must follow it, in order"
        raise TypeError(msg)
    return following


def _table(b: _Builder, element: etree._Element, table: TableSpec) -> None:
    sequence = b.sub(b.sub(element, "complexType"), "sequence")
    b.sub(sequence, "element", name=v.HEADING, type=_TEXT, minOccurs="0")
    skip = 0
    for position, row in enumerate(table.rows):
        if skip:
            skip -= 1
            continue
        replaced = _replaced(table, position)
        if replaced:
            # Either the optional row or the rows it stands for, never both.
            choice = b.sub(sequence, "choice", minOccurs="0")
            b.document(
                choice,
                en=f"Either {row.key} or the rows it stands for "
                f"({', '.join(r.key for r in replaced)}), never both.",
            )
            _row(b, choice, row, required=True)
            group = b.sub(choice, "sequence")
            for other in replaced:
                _row(b, group, other)
            skip = len(replaced)
            continue
        _row(b, sequence, row)
    b.sub(
        sequence,
        "element",
        name=v.EXTRA_ROW,
        type=_EXTRA_ROW_TYPE,
        minOccurs="0",
        maxOccurs="unbounded",
    )
    note = b.sub(sequence, "element", name=v.NOTE, type=_TEXT, minOccurs="0", maxOccurs="unbounded")
    b.document(note, en="One paragraph printed inside the section besides the table.")


_SIMPLE_FIELD_TYPES: Final = {
    v.FieldKind.TEXT: _TEXT,
    v.FieldKind.INTEGER: _INTEGER,
    v.FieldKind.DATE: _DATE,
    v.FieldKind.PARAGRAPHS: _PARAGRAPHS,
    v.FieldKind.TEXT_SECTION: _TEXT_SECTION,
}


def build_xsd(edition: Edition | str) -> str:
    """Generate the XML Schema of ``edition`` from the table declaration.

    Args:
        edition: an :class:`~disclosure_report.model.Edition` or its year string.

    Returns:
        The schema document, with its XML declaration (UTF-8), pretty-printed and
        deterministic: the same declaration always gives the same text.
    """
    edition = Edition(edition)
    spec = edition_spec(edition)
    plan = v.edition_plan(edition)
    b = _Builder()
    b.document(
        b.root,
        zh=f"{spec.name}（{spec.notice}）",
        en=f"Government information disclosure annual report, edition {edition}; "
        f"vocabulary version {v.VOCABULARY_VERSION}. Generated from disclosure_report.tables "
        "by disclosure_report.serialise.xsd: do not edit by hand.",
    )
    _simple_types(b)
    _complex_types(b)

    report = b.sub(b.root, "element", name=v.ROOT)
    b.document(report, zh=spec.name)
    complex_ = b.sub(report, "complexType")
    sequence = b.sub(complex_, "sequence")
    for field in v.REPORT_FIELDS:
        if field.kind is v.FieldKind.EDITION:
            continue
        if field.kind in (v.FieldKind.TEXT_SECTION, v.FieldKind.TABLE):
            section = plan.sections.get(field.name)
            if section is None:  # the edition has no such section: the vocabulary neither
                continue
            element = b.sub(sequence, "element", name=field.name, minOccurs="0")
            b.document(element, zh=section.label)
            if isinstance(section, TableSpec):
                _table(b, element, section)
            else:
                element.set("type", _TEXT_SECTION)
            continue
        element = b.sub(
            sequence,
            "element",
            name=field.name,
            type=_SIMPLE_FIELD_TYPES[field.kind],
            minOccurs="0",
        )
        b.document(element, en=f"Report.{field.name} of disclosure_report.model.")
    b.sub(
        complex_,
        "attribute",
        name=v.EDITION_ATTRIBUTE,
        type="xs:string",
        use="required",
        fixed=str(edition),
    )
    text = etree.tostring(b.root, encoding="unicode", pretty_print=True)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}'


@functools.cache
def xml_schema(edition: Edition | str) -> etree.XMLSchema:
    """Return the shipped schema of ``edition``, loaded once (cached).

    Raises:
        FileNotFoundError: the package was installed without its schema files.
    """
    edition = Edition(edition)
    package = v.__name__.rpartition(".")[0]  # this package, also when run as __main__
    resource = importlib.resources.files(package).joinpath(_SCHEMAS_FOLDER)
    data = resource.joinpath(schema_filename(edition)).read_bytes()
    return etree.XMLSchema(etree.fromstring(data, v.hardened_parser()))


def write_schemas(directory: Path | str | None = None) -> list[Path]:
    """Write the schema of every edition (default: into the package's ``schemas`` folder).

    Args:
        directory: where to write; created if missing.

    Returns:
        The paths written, oldest edition first.
    """
    target = Path(__file__).parent / _SCHEMAS_FOLDER if directory is None else Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for edition in Edition:
        path = target / schema_filename(edition)
        path.write_bytes(build_xsd(edition).encode("utf-8"))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the shipped schemas: ``python -m disclosure_report.serialise [DIRECTORY]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    for path in write_schemas(args[0] if args else None):
        print(path)
    return 0
