r"""The XML codec: :func:`to_xml` and :func:`from_xml`, one module so the two mirror each other.

The vocabulary (namespace :data:`XML_NAMESPACE`, version 1) is generated from the model and the
table declaration; its schema is :mod:`disclosure_report.serialise.xsd`. A report looks like::

    <?xml version='1.0' encoding='UTF-8'?>
    <report xmlns="urn:x-disclosure-report:1" edition="2021">
      <organ>某某市人民政府办公室</organ>
      <year>2024</year>
      <publication_date>2025-01-20</publication_date>
      <preamble>
        <p>根据《中华人民共和国政府信息公开条例》……</p>
      </preamble>
      <overview>
        <heading>一、总体情况</heading>
        <p>……</p>
      </overview>
      <proactive_disclosure>
        <regulations>
          <issued>3</issued>
          <repealed/>
          <in_force marker="/"/>
        </regulations>
        <administrative_fees>
          <fee_amount_wan_yuan raw="12.50万元" unit="万元">12.50</fee_amount_wan_yuan>
        </administrative_fees>
        <extra_row label="合计"><cell>5</cell></extra_row>
        <note>注：……</note>
      </proactive_disclosure>
      ...
    </report>

Rules:

* Elements follow the model's attribute order; rows and cells follow the declaration's order
  for the report's edition. Equal reports give identical bytes (provenance is not written).
* ``None`` is an absent element or attribute; ``""`` is a present, empty one. A blank cell is
  an empty element; a cell's number is its text (integers as digits, decimals in plain
  notation keeping their scale); ``unit``, ``marker`` and ``raw`` are attributes.
* Output is UTF-8 with an XML declaration, pretty-printed (two-space indentation), so schema
  errors point at a useful line. Text is never reflowed: leading and trailing spaces, tabs,
  ``\r`` and newlines survive (lxml writes ``\r`` as ``&#13;``).

Reading is strict and hardened: no DOCTYPE (so no entities of any kind), no network, no huge
trees, a size cap, and the edition's XSD is checked before anything is built.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Final, cast

from lxml import etree

from disclosure_report.conformance import MAX_NUMBER_DIGITS
from disclosure_report.diagnostics import LABEL_SEPARATOR
from disclosure_report.errors import SerialiseError
from disclosure_report.model import (
    Cell,
    Edition,
    ExtraRow,
    Paragraph,
    Report,
    Row,
    Table,
    TextSection,
)
from disclosure_report.serialise import _vocabulary as v
from disclosure_report.serialise._conform import (
    LIMIT,
    InternTable,
    intern_table,
    number_fits,
    refuse_nonconforming,
)
from disclosure_report.serialise._vocabulary import XML_NAMESPACE
from disclosure_report.serialise.xsd import SIMPLE_TYPES, xml_schema

__all__ = ["MAX_XML_BYTES", "XML_NAMESPACE", "from_xml", "to_xml"]

MAX_XML_BYTES: Final = 50 * 1024 * 1024
"""Largest document :func:`from_xml` reads (a real report is about 20 KB)."""

_ROOT: Final = v.qualified(v.ROOT)
_P: Final = v.qualified(v.PARAGRAPH)
_HEADING: Final = v.qualified(v.HEADING)
_EXTRA_ROW: Final = v.qualified(v.EXTRA_ROW)
_EXTRA_CELL: Final = v.qualified(v.EXTRA_CELL)
_NOTE: Final = v.qualified(v.NOTE)
_NAMESPACE_PREFIX: Final = f"{{{XML_NAMESPACE}}}"
_FIELDS_BY_TAG: Final = {field.tag: field for field in v.REPORT_FIELDS}
_MAX_PROBLEMS: Final = 5
"""Schema problems listed in one error message."""


_DOCTYPE: Final = b"<!DOCTYPE"
_DOCTYPE_REFUSED: Final = (
    "the document has a DOCTYPE declaration: report XML must not have one "
    "(DTDs and entities are refused for safety)"
)
_PARSERS: Final = threading.local()
"""This thread's parsers: lxml parsers are not to be shared between threads."""


def _parser(text: bool) -> etree.XMLParser:
    """This thread's parser, for bytes or for ``str`` input.

    ``str`` input is encoded to UTF-8 here: whatever encoding its declaration names is moot.
    """
    name = "text" if text else "bytes"
    parser: etree.XMLParser | None = getattr(_PARSERS, name, None)
    if parser is None:
        parser = v.hardened_parser("utf-8" if text else None)
        setattr(_PARSERS, name, parser)
    return parser


# --- writing -------------------------------------------------------------------------------
#
# The document is written as text, not built as an lxml tree: the layout is fixed (two-space
# indentation, one element per line), so each element is a prepared string and only text needs
# escaping. The output is byte for byte what lxml's serialiser writes for the same tree (a
# test compares the two), at a third of the cost.

_XML_DECLARATION: Final = "<?xml version='1.0' encoding='UTF-8'?>\n"
_NAMESPACE_DECLARATION: Final = f' xmlns="{XML_NAMESPACE}"'
_SECTION: Final = "  "
_SECTION_CONTENT: Final = "    "
_CELL: Final = "      "
_LIMIT: Final = LIMIT
_TEXT_ESCAPES: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES: Final = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)
_NEEDS_TEXT_ESCAPE: Final = re.compile("[&<>\r]")
_NEEDS_ATTRIBUTE_ESCAPE: Final = re.compile('[&<>"\r\n\t]')


def _text(text: str) -> str:
    return text.translate(_TEXT_ESCAPES) if _NEEDS_TEXT_ESCAPE.search(text) else text


def _attribute(text: str) -> str:
    return text.translate(_ATTRIBUTE_ESCAPES) if _NEEDS_ATTRIBUTE_ESCAPE.search(text) else text


def _element(out: list[str], indent: str, name: str, text: str | None) -> None:
    if text is None:
        out.append(f"{indent}<{name}/>\n")
    else:
        out.append(f"{indent}<{name}>{_text(text)}</{name}>\n")


def _paragraphs(out: list[str], indent: str, name: str, paragraphs: Iterable[Paragraph]) -> None:
    for paragraph in paragraphs:
        out.append(f"{indent}<{name}>{_text(paragraph.text)}</{name}>\n")


class _Unproven(Exception):  # noqa: N818 - a signal inside this module, never raised out of it
    """The writer's walk cannot prove the report conforms: the real check must decide."""


def _count_piece(column: v.ColumnPlan, value: int | None) -> str:
    """A plain cell holding a blank or a count as written (then kept), or :class:`_Unproven`."""
    if value is None:
        piece = f"{column.open_tag}/>\n"
    elif -_LIMIT < value < _LIMIT:
        piece = f"{column.open_tag}>{value}{column.close_tag}"
    else:
        raise _Unproven
    column.xml_pieces.keep(value, piece)
    return piece


def _write_cells(out: list[str], plan: v.RowPlan, row: Row) -> None:
    """Write the cells of ``row``, proving on the way that they fit (else :class:`_Unproven`)."""
    columns = plan.columns
    last = -1
    required = 0
    for cell in row.cells:
        found = columns.get(cell.column)
        if found is None or found.position <= last:
            raise _Unproven
        last = found.position
        if not found.column.optional:
            required += 1
        value = cell.value
        if cell.unit is None and cell.marker is None and cell.raw is None:
            if value is None or value.__class__ is int:
                piece: str | None = found.xml_pieces.get(value)  # type: ignore[assignment]
                if piece is None:
                    piece = _count_piece(found, value)
                out.append(piece)
                continue
            head = found.open_tag
        else:
            attributes = zip(v.CELL_ATTRIBUTES, (cell.unit, cell.marker, cell.raw), strict=True)
            head = found.open_tag + "".join(
                f' {name}="{_attribute(text)}"' for name, text in attributes if text is not None
            )
        if value is None:
            out.append(f"{head}/>\n")
            continue
        if value.__class__ is int:
            if not -_LIMIT < value < _LIMIT:
                raise _Unproven
            text = str(value)
        else:
            if not number_fits(value, whole=found.number is int):
                raise _Unproven
            text = v.format_number(value, found.column)
        out.append(f"{head}>{text}{found.close_tag}")
    if required != plan.required:
        raise _Unproven


def _write_table(out: list[str], table: Table, plan: v.TablePlan) -> None:
    """Write the content of a table section, proving on the way that it fits."""
    indent = _SECTION_CONTENT
    if table.heading is not None:
        _element(out, indent, v.HEADING, table.heading)
    last = -1
    rows = plan.rows
    seen_optional = False
    for row in table.rows:
        row_plan = rows.get(row.key)
        if row_plan is None or row_plan.position <= last:
            raise _Unproven
        last = row_plan.position
        seen_optional = seen_optional or row_plan.spec.optional
        label = "" if row.label is None else f' {v.ROW_LABEL}="{_attribute(row.label)}"'
        if not row.cells:
            out.append(f"{indent}<{row_plan.name}{label}/>\n")
            _write_cells(out, row_plan, row)
            continue
        out.append(f"{indent}<{row_plan.name}{label}>\n")
        _write_cells(out, row_plan, row)
        out.append(f"{indent}</{row_plan.name}>\n")
    if seen_optional:
        present = {row.key for row in table.rows}
        for spec in plan.spec.rows:
            if spec.optional and spec.key in present and present.intersection(spec.replaces):
                raise _Unproven
    inner = _CELL
    for extra in table.extra_rows:
        head = f'{indent}<{v.EXTRA_ROW} {v.EXTRA_ROW_LABEL}="{_attribute(extra.label)}"'
        if not extra.cells:
            out.append(f"{head}/>\n")
            continue
        out.append(f"{head}>\n")
        for text in extra.cells:
            out.append(f"{inner}<{v.EXTRA_CELL}>{_text(text)}</{v.EXTRA_CELL}>\n")
        out.append(f"{indent}</{v.EXTRA_ROW}>\n")
    _paragraphs(out, indent, v.NOTE, table.notes)


def _write_text_section(out: list[str], section: TextSection) -> None:
    if section.heading is not None:
        _element(out, _SECTION_CONTENT, v.HEADING, section.heading)
    _paragraphs(out, _SECTION_CONTENT, v.PARAGRAPH, section.paragraphs)


def _write(report: Report, out: list[str], *, namespace: bool) -> None:
    """Append the report element, proving on the way that the report fits its edition."""
    plan = v.edition_plan(report.edition)
    inner = _SECTION
    declaration = _NAMESPACE_DECLARATION if namespace else ""
    out.append(f'<{v.ROOT}{declaration} {v.EDITION_ATTRIBUTE}="{report.edition}">\n')
    opened = len(out)
    for field in v.REPORT_FIELDS:
        value = getattr(report, field.name)
        kind = field.kind
        if kind is v.FieldKind.EDITION or value is None:
            continue
        name = field.name
        if kind is v.FieldKind.TEXT:
            _element(out, inner, name, value)
        elif kind is v.FieldKind.INTEGER:
            out.append(f"{inner}<{name}>{value}</{name}>\n")
        elif kind is v.FieldKind.DATE:
            out.append(f"{inner}<{name}>{value.isoformat()}</{name}>\n")
        elif kind is v.FieldKind.PARAGRAPHS:
            if value:
                out.append(f"{inner}<{name}>\n")
                _paragraphs(out, _SECTION_CONTENT, v.PARAGRAPH, value)
                out.append(f"{inner}</{name}>\n")
        elif name not in plan.sections:
            raise _Unproven
        else:
            start = len(out)
            if kind is v.FieldKind.TEXT_SECTION:
                _write_text_section(out, value)
            else:
                _write_table(out, value, plan.tables[name])
            if len(out) == start:
                out.append(f"{inner}<{name}/>\n")
            else:
                out.insert(start, f"{inner}<{name}>\n")
                out.append(f"{inner}</{name}>\n")
    if len(out) == opened:  # an empty report element
        out[opened - 1] = out[opened - 1][:-2] + "/>\n"
    else:
        out.append(f"</{v.ROOT}>\n")


def write_report(report: Report, out: list[str], *, namespace: bool = True) -> None:
    """Append ``report`` as a ``report`` element to ``out`` (also used by collections).

    Args:
        report: the report.
        out: where the text goes, piece by piece.
        namespace: declare the namespace on the element (not inside a collection document,
            whose root declares it).

    Raises:
        NonconformingReportError: the report does not fit its edition.
    """
    mark = len(out)
    try:
        _write(report, out, namespace=namespace)
    except _Unproven:
        del out[mark:]
        refuse_nonconforming(report)
        # Not reached: the walk raises only on what the real check refuses. Say so loudly.
        msg = "internal error: the XML writer refused a report that conforms"  # pragma: no cover
        raise AssertionError(msg) from None  # pragma: no cover


def to_xml(report: Report) -> bytes:
    """Write ``report`` as an XML document of the vocabulary :data:`XML_NAMESPACE`.

    The output validates against the edition's schema
    (:func:`~disclosure_report.serialise.xsd.xml_schema`) and reads back equal with
    :func:`from_xml`. Provenance (``source``) is not written.

    Args:
        report: a report that fits its edition
            (:func:`~disclosure_report.conformance.nonconformities` finds nothing).

    Returns:
        UTF-8 bytes with an XML declaration, indented by two spaces; identical for equal
        reports (a decimal keeps its scale: ``12.50`` is written as such).

    Raises:
        NonconformingReportError: the report does not fit its edition (a
            :class:`~disclosure_report.errors.SerialiseError`); the message lists every
            nonconformity, as :func:`~disclosure_report.serialise.json.to_json` would.
    """
    out = [_XML_DECLARATION]
    write_report(report, out)
    return "".join(out).encode("utf-8")


# --- reading -------------------------------------------------------------------------------


def _local(tag: object) -> str:
    text = str(tag)
    return text[len(_NAMESPACE_PREFIX) :] if text.startswith(_NAMESPACE_PREFIX) else text


def _labels_of(element: etree._Element, plan: v.EditionPlan) -> str:
    """The official labels along the path to ``element`` (section › row › column)."""
    chain = [*list(element.iterancestors())[::-1][1:], element]
    names = [_local(e.tag) for e in chain]
    labels: list[str] = []
    section = plan.sections.get(names[0]) if names else None
    if section is None:
        return f"<{'/'.join(names)}>" if names else "<report>"
    labels.append(section.label)
    table = plan.tables.get(section.key)
    if table is not None and len(names) > 1 and names[1] in table.rows:
        row = table.rows[names[1]]
        labels.append(row.spec.path or names[1])
        if len(names) > 2 and names[2] in row.columns:
            labels.append(row.columns[names[2]].column.path)
    return LABEL_SEPARATOR.join(labels) + f" <{'/'.join(names)}>"


def _schema_problems(
    schema: etree.XMLSchema, root: etree._Element, plan: v.EditionPlan
) -> SerialiseError:
    lines = []
    errors = list(schema.error_log)
    tree = root.getroottree()
    for entry in errors[:_MAX_PROBLEMS]:
        message = entry.message.replace(_NAMESPACE_PREFIX, "")
        hints = [words for name, words in SIMPLE_TYPES.items() if f"type '{name}'" in message]
        if hints:
            message += f" Expected {hints[0]}."
        try:
            found = tree.xpath(entry.path) if entry.path else None
        except etree.XPathError:
            found = None
        where = ""
        if isinstance(found, list) and found and isinstance(found[0], etree._Element):
            where = f"{_labels_of(found[0], plan)}: "
        lines.append(f"line {entry.line}: {where}{message}")
    if len(errors) > _MAX_PROBLEMS:
        lines.append(f"... and {len(errors) - _MAX_PROBLEMS} more")
    summary = f"not a valid report of edition {plan.edition} (schema {XML_NAMESPACE})"
    return SerialiseError(summary + ":\n" + "\n".join(lines))


def _parse(data: bytes | str) -> etree._Element:
    if isinstance(data, str):
        raw, parser = data.encode("utf-8", "surrogatepass"), _parser(text=True)
    elif isinstance(data, bytes | bytearray | memoryview):
        raw, parser = bytes(data), _parser(text=False)
    else:
        msg = f"XML input must be bytes or str, not {type(data).__name__}"
        raise SerialiseError(msg)
    if len(raw) > MAX_XML_BYTES:
        msg = f"the document is {len(raw):,} bytes; the limit is {MAX_XML_BYTES:,}"
        raise SerialiseError(msg)
    if not raw or raw.isspace():  # (stops at the first other byte: no copy of the document)
        msg = "the document is empty"
        raise SerialiseError(msg)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else "?"
        msg = f"line {line}: not well-formed XML: {exc.msg}"
        if _DOCTYPE in raw:  # e.g. entity expansion stopped by libxml2 before our own check
            msg = f"{_DOCTYPE_REFUSED} ({msg})"
        raise SerialiseError(msg) from exc
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise SerialiseError(_DOCTYPE_REFUSED)
    return root


def _edition_of(root: etree._Element) -> Edition:
    line = root.sourceline
    qname = etree.QName(root)
    if qname.namespace != XML_NAMESPACE or qname.localname != v.ROOT:
        namespace = qname.namespace
        if namespace is not None and namespace.startswith(v.NAMESPACE_STEM):
            hint = (
                f"vocabulary version {namespace[len(v.NAMESPACE_STEM) :]!r} is not supported; "
                f"this library reads version {v.VOCABULARY_VERSION}"
            )
        else:
            hint = f"expected <{v.ROOT}> in namespace {XML_NAMESPACE!r}"
        found = f"<{qname.localname}>" + (
            f" in namespace {namespace!r}" if namespace else " without a namespace"
        )
        msg = f"line {line}: the root element is {found}: {hint}"
        raise SerialiseError(msg)
    edition = root.get(v.EDITION_ATTRIBUTE)
    known = ", ".join(str(e) for e in Edition)
    if edition is None:
        msg = f"line {line}: <{v.ROOT}> has no {v.EDITION_ATTRIBUTE} attribute (one of {known})"
        raise SerialiseError(msg)
    try:
        return Edition(edition)
    except ValueError:
        msg = f"line {line}: unknown {v.EDITION_ATTRIBUTE} {edition!r}; known: {known}"
        raise SerialiseError(msg) from None


class _Refused(Exception):  # noqa: N818 - a signal inside this module
    """The document holds what no report can: the reader's own words, with a line."""


def _line(element: etree._Element) -> str:
    return f"line {element.sourceline}: " if element.sourceline else ""


def _refuse(element: etree._Element, what: str) -> _Refused:
    return _Refused(f"{_line(element)}{what}")


def _leaf_text(element: etree._Element) -> str:
    """The text of an element that holds text only (refused if it holds elements)."""
    if len(element):
        msg = f"<{_local(element.tag)}> holds elements; it holds text only"
        raise _refuse(element, msg)
    return element.text or ""


def _texts(element: etree._Element, tag: str) -> tuple[str, ...]:
    texts = []
    for child in element:
        if child.tag != tag:
            raise _refuse(child, f"unexpected <{_local(child.tag)}> in <{_local(element.tag)}>")
        texts.append(_leaf_text(child))
    return tuple(texts)


def _read_text_section(element: etree._Element) -> TextSection:
    heading = None
    paragraphs: list[Paragraph] = []
    for child in element:
        if child.tag == _HEADING and heading is None and not paragraphs:
            heading = _leaf_text(child)
        elif child.tag == _P:
            paragraphs.append(Paragraph(text=_leaf_text(child)))
        else:
            raise _refuse(child, f"unexpected <{_local(child.tag)}> in <{_local(element.tag)}>")
    return TextSection(heading=heading, paragraphs=tuple(paragraphs))


_INTERNED: Final = intern_table()
"""Cells read so far, by (tag, text, attributes), with whether their number fits: see
``_conform.InternTable``. A tag names one column, of one kind, in every edition (a test checks
it), so the tag stands for the column."""
_PLAIN: Final[dict[str, InternTable]] = {}
"""Cells without attributes whose number fits, per tag by text: what a valid row of plain
cells is read from, in bulk (see ``_Reader.row``)."""
_get: Final[Callable[[InternTable, str | None], Cell | None]] = dict.get  # type: ignore[assignment]
_PLAIN_ROWS: Final[dict[tuple[str, ...], tuple[InternTable, ...]]] = {}
"""The tables of :data:`_PLAIN` of a row's columns, by the row's column tags."""
_CELL_ATTRIBUTES_FOUND: Final = etree.XPath("boolean(*/*/*/@*)")
"""Whether an element three levels under the root (a cell: section, row, cell) has attributes."""
_CELL_ELEMENTS_FOUND: Final = etree.XPath("boolean(*/*/*/*)")
"""Whether an element three levels under the root (a cell) holds elements (the schema refuses
them; without it, the reader does)."""
_CELLS_NOT_PLAIN: Final = etree.XPath("boolean(*/*/*/@* | */*/*/*)")
"""Either of the two above, in one pass (for a document the schema did not check)."""
_INTEGER_TEXT: Final = re.compile(r"\s*-?[0-9]+\s*")
_DECIMAL_TEXT: Final = re.compile(r"\s*-?[0-9]+(?:\.[0-9]+)?\s*")
_LONGEST_INT: Final = 2 * MAX_NUMBER_DIGITS
"""Longer integer texts are read as Decimal: Python refuses to read very long ints, and the
number is refused anyway, by conformance, in its own words."""


def _number(plan: v.ColumnPlan | None, text: str, element: etree._Element) -> int | Decimal:
    """The number of a cell's text: int in whole-number columns, Decimal otherwise."""
    if plan is not None and plan.number is int and _INTEGER_TEXT.fullmatch(text):
        if len(text) <= _LONGEST_INT:
            return int(text)
        return Decimal(text)
    if _DECIMAL_TEXT.fullmatch(text):
        return Decimal(text)  # a fraction in a whole-number column: conformance says so
    kind = "a whole number" if plan is not None and plan.number is int else "a number"
    msg = f"<{_local(element.tag)}> holds {text!r}, which is not {kind}"
    raise _refuse(element, msg)


class _Reader:
    """Builds a report from a document, proving conformance on the way where it can."""

    def __init__(self, edition: Edition, *, valid: bool = False) -> None:
        self.edition = edition
        self.plan = v.edition_plan(edition)
        self.proven = True
        self.valid = valid
        """The document is valid against its edition's schema: rows and cells are declared,
        in order, none repeated or missing (what is left to prove: the numbers)."""
        self.nested = True
        """Some cell of the document may hold elements (each cell is then looked at)."""
        self.plain = False
        """No cell of the document has attributes (unit, marker, raw) or elements."""

    def cell(self, item: etree._Element, plan: v.ColumnPlan | None) -> tuple[Cell, bool]:
        """The cell of ``item`` and whether its number is proven to fit (see ``_conform``)."""
        if len(item):
            raise _refuse(item, f"the cell <{_local(item.tag)}> holds elements; it holds text only")
        text = item.text
        value = None if text is None else _number(plan, text, item)
        proven = plan is not None and (
            value is None or number_fits(value, whole=plan.number is int)
        )
        column = plan.column.key if plan is not None else _local(item.tag)
        attributes = dict(item.items())
        if not attributes:
            return Cell(column=column, value=value), proven
        unknown = set(attributes) - _CELL_ATTRIBUTE_NAMES
        if unknown:
            msg = f"the cell <{column}> has unknown attributes: {', '.join(sorted(unknown))}"
            raise _refuse(item, msg)
        cell = Cell(
            column=column,
            value=value,
            unit=attributes.get(_UNIT),
            marker=attributes.get(_MARKER),
            raw=attributes.get(_RAW),
        )
        return cell, proven

    def row(self, element: etree._Element, plan: v.RowPlan | None) -> Row:
        cells: list[Cell] = []
        label = element.get(v.ROW_LABEL)
        if plan is None:  # not a row of this table: conformance names it
            self.proven = False
            for item in element:
                cells.append(self.cell(item, None)[0])
            return Row(key=_local(element.tag), cells=tuple(cells), label=label)
        columns = plan.columns_by_tag
        interned = _INTERNED
        proven = True
        if self.plain:  # no cell has attributes or elements: a cell is its tag and its text
            items = list(element)
            texts = [item.text for item in items]
            count = len(texts)
            tags = (
                plan.all_tags
                if count == len(plan.all_tags)
                else plan.required_tags
                if count == len(plan.required_tags)
                else None
            )
            # The schema proved the cells' places in a valid document; else they are compared.
            if tags is not None and (self.valid or tags == tuple([item.tag for item in items])):
                tables = _PLAIN_ROWS.get(tags)
                if tables is None:
                    tables = tuple(_PLAIN.setdefault(tag, intern_table()) for tag in tags)
                    _PLAIN_ROWS[tags] = tables
                read: tuple[Cell | None, ...] = tuple(map(_get, tables, texts))
                if all(read):
                    return Row(key=plan.name, cells=read, label=label)  # type: ignore[arg-type]
        if self.valid:  # the schema checked the cells' places: only their numbers are left
            for item in element:
                attributes = item.items()
                text = item.text
                tag = item.tag
                key = (tag, text, *attributes) if attributes else (tag, text)
                known: tuple[Cell, bool] | None = interned.get(key)  # type: ignore[assignment]
                if known is None:
                    known = self.cell(item, columns[tag])  # type: ignore[index]
                    interned.keep(key, known)
                if known[1] and not attributes:  # for the bulk reading of the next such row
                    _PLAIN.setdefault(tag, intern_table()).keep(text, known[0])  # type: ignore[arg-type]
                if not known[1]:
                    proven = False
                cells.append(known[0])
            if not proven:
                self.proven = False
            return Row(key=plan.name, cells=tuple(cells), label=label)
        last = -1
        required = 0
        for item in element:
            tag = item.tag
            found = columns.get(tag)  # type: ignore[arg-type]
            if found is None or found.position <= last:
                proven = False
                cells.append(self.cell(item, found)[0])
                continue
            last = found.position
            required += found.required
            attributes = item.items()
            text = item.text
            key = (tag, text, *attributes) if attributes else (tag, text)
            known = interned.get(key)  # type: ignore[assignment]
            if known is None or (self.nested and len(item)):
                known = self.cell(item, found)  # (refuses a cell holding elements)
                interned.keep(key, known)
            if known[1] and not attributes:  # for the bulk reading of the next such row
                _PLAIN.setdefault(tag, intern_table()).keep(text, known[0])  # type: ignore[arg-type]
            if not known[1]:
                proven = False
            cells.append(known[0])
        if not proven or required != plan.required:
            self.proven = False
        return Row(key=plan.name, cells=tuple(cells), label=label)

    def table(self, element: etree._Element, plan: v.TablePlan) -> Table:
        heading = None
        rows = []
        extra_rows = []
        notes = []
        rows_by_tag = plan.rows_by_tag
        last = -1
        optional = False
        for child in element:
            tag = cast(str, child.tag)
            row_plan = rows_by_tag.get(tag)
            if row_plan is not None:
                if row_plan.position <= last:
                    self.proven = False
                last = row_plan.position
                optional = optional or row_plan.spec.optional
                rows.append(self.row(child, row_plan))
            elif tag == _HEADING and heading is None and not rows:
                heading = _leaf_text(child)
            elif tag == _EXTRA_ROW:
                extra_rows.append(
                    ExtraRow(
                        label=child.get(v.EXTRA_ROW_LABEL, ""),
                        cells=_texts(child, _EXTRA_CELL),
                    )
                )
            elif tag == _NOTE:
                notes.append(Paragraph(text=_leaf_text(child)))
            elif tag.startswith(_NAMESPACE_PREFIX) and tag not in _TABLE_PARTS:
                rows.append(self.row(child, None))  # a row key the table does not declare
            else:
                raise _refuse(child, f"unexpected <{_local(tag)}> in <{plan.spec.key}>")
        if optional:
            present = {row.key for row in rows}
            for spec in plan.spec.rows:
                if spec.optional and spec.key in present and present.intersection(spec.replaces):
                    self.proven = False
        return Table(
            heading=heading, rows=tuple(rows), extra_rows=tuple(extra_rows), notes=tuple(notes)
        )

    def report(self, root: etree._Element) -> Report:
        values: dict[str, object] = {}
        for child in root:
            field = _FIELDS_BY_TAG.get(cast(str, child.tag))
            if field is None or field.kind is v.FieldKind.EDITION:
                raise _refuse(child, f"unexpected <{_local(child.tag)}> in <{v.ROOT}>")
            if field.name in values:
                raise _refuse(child, f"<{field.name}> appears twice")
            kind = field.kind
            value: object
            if kind is v.FieldKind.TEXT:
                value = _leaf_text(child)
            elif kind is v.FieldKind.INTEGER:
                text = _leaf_text(child)
                if not _INTEGER_TEXT.fullmatch(text) or len(text) > _LONGEST_INT:
                    raise _refuse(child, f"<{field.name}> holds {text!r}, not a whole number")
                value = int(text)
            elif kind is v.FieldKind.DATE:
                text = _leaf_text(child)
                try:
                    value = date.fromisoformat(text.strip())
                except ValueError:
                    msg = f"<{field.name}> holds {text!r}, not a date written YYYY-MM-DD"
                    raise _refuse(child, msg) from None
            elif kind is v.FieldKind.PARAGRAPHS:
                value = tuple(Paragraph(text=text) for text in _texts(child, _P))
            elif field.name not in self.plan.sections:
                raise _refuse(child, f"edition {self.edition} has no section <{field.name}>")
            elif kind is v.FieldKind.TEXT_SECTION:
                value = _read_text_section(child)
            else:
                value = self.table(child, self.plan.tables[field.name])
            values[field.name] = value
        return Report(edition=self.edition, **values)  # type: ignore[arg-type]


_UNIT, _MARKER, _RAW = v.CELL_ATTRIBUTES
_CELL_ATTRIBUTE_NAMES: Final = frozenset(v.CELL_ATTRIBUTES)
_TABLE_PARTS: Final = frozenset({_HEADING, _EXTRA_ROW, _NOTE})


def read_report(root: etree._Element, *, validate: bool = True) -> Report:
    """Build the report of a ``report`` element (also used by collection documents).

    Raises:
        SerialiseError: see :func:`from_xml`.
    """
    edition = _edition_of(root)
    schema = xml_schema(edition) if validate else None
    if schema is not None and not schema.validate(root):
        # Say why in conformance's words when the document is a report that does not fit its
        # edition (a row twice, a fraction in a count ...); else in the schema's.
        problems = _schema_problems(schema, root, v.edition_plan(edition))
        try:
            report = _Reader(edition).report(root)
        except (_Refused, ValueError, TypeError, LookupError, ArithmeticError):
            raise problems from None
        refuse_nonconforming(report)
        raise problems
    reader = _Reader(edition, valid=schema is not None)
    if reader.valid:  # (the schema refuses elements in cells)
        reader.nested = False
        reader.plain = not _CELL_ATTRIBUTES_FOUND(root)
    elif not _CELLS_NOT_PLAIN(root):
        reader.nested = False
        reader.plain = True
    else:
        reader.nested = bool(_CELL_ELEMENTS_FOUND(root))
    try:
        report = reader.report(root)
    except _Refused as exc:
        raise SerialiseError(str(exc)) from None
    except (ValueError, TypeError, LookupError, ArithmeticError) as exc:
        # The model's own checks (text XML cannot carry is impossible here; a safety net).
        msg = f"cannot read the report: {exc}"
        raise SerialiseError(msg) from exc
    if not reader.proven:
        refuse_nonconforming(report)
    return report


def from_xml(data: bytes | str, *, validate: bool = True) -> Report:
    """Read a report written in the vocabulary :data:`XML_NAMESPACE`.

    The document is parsed with a hardened parser (no DTD, no entities, no network, no huge
    trees, comments and processing instructions dropped), its root and edition are checked,
    it is validated against the edition's schema, and the report is built and must fit its
    edition (:func:`~disclosure_report.conformance.nonconformities`).

    Args:
        data: the document, as bytes (its XML declaration names the encoding; UTF-8 by
            default) or as text (read as such; an encoding in its declaration is ignored).
        validate: check the document against the edition's schema first (the default).
            Without it reading is about a tenth faster (docs/explanation/speed.md), for
            documents from a trusted writer: the reader still refuses unknown elements,
            elements inside cells, unreadable numbers and dates, and reports that do not fit
            their edition, but no longer checks what the schema alone checks (unknown
            attributes of rows, text between elements).

    Returns:
        The report, without provenance.

    Raises:
        SerialiseError: the input is too large, not well-formed, has a DOCTYPE, is not a
            report of this vocabulary or of a known edition, or breaks the edition's schema.
            The message names the line (and, for schema errors, the official labels).
        NonconformingReportError: the document holds a report that does not fit its edition
            (a :class:`~disclosure_report.errors.SerialiseError` too); the message lists the
            nonconformities in the words :func:`to_xml` and the JSON codec use.
    """
    return read_report(_parse(data), validate=validate)
