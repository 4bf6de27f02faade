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

from collections.abc import Iterable
from datetime import date
from typing import Final, cast

from lxml import etree

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
_BYTES_PARSER: Final = v.hardened_parser()
_TEXT_PARSER: Final = v.hardened_parser("utf-8")
"""For ``str`` input, encoded to UTF-8 here: whatever encoding its declaration names is moot."""


# --- writing -------------------------------------------------------------------------------


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    element.text = text
    return element


def _paragraphs(parent: etree._Element, tag: str, paragraphs: Iterable[Paragraph]) -> None:
    for paragraph in paragraphs:
        etree.SubElement(parent, tag).text = paragraph.text


def _write_text_section(element: etree._Element, section: TextSection) -> None:
    if section.heading is not None:
        _sub(element, _HEADING, section.heading)
    _paragraphs(element, _P, section.paragraphs)


def _missing(plan: v.RowPlan, start: int, stop: int | None) -> str | None:
    """The first non-optional column between positions ``start`` and ``stop`` (exclusive)."""
    for column in plan.spec.columns[start:stop]:
        if not column.optional:
            return column.key
    return None


def _write_cells(element: etree._Element, plan: v.RowPlan, row: Row, where: str) -> None:
    columns = plan.columns
    sub = etree.SubElement
    last = -1
    for cell in row.cells:
        found = columns.get(cell.column)
        if found is None:
            msg = (
                f"{where}: column {cell.column!r} is not a column of this row; "
                f"its columns are {', '.join(c.key for c in plan.spec.columns)}"
            )
            raise SerialiseError(msg)
        position = found.position
        if position != last + 1:
            if position <= last:
                msg = f"{where}: column {cell.column!r} is repeated or out of the official order"
                raise SerialiseError(msg)
            missing = _missing(plan, last + 1, position)
            if missing is not None:
                if any(c.column == missing for c in row.cells):
                    msg = f"{where}: column {missing!r} is out of the official order"
                else:
                    msg = (
                        f"{where}: no cell for column {missing!r} (write a blank Cell for a blank)"
                    )
                raise SerialiseError(msg)
        last = position
        if cell.unit is None and cell.marker is None and cell.raw is None:
            child = sub(element, found.tag)
        else:
            attributes = zip(v.CELL_ATTRIBUTES, (cell.unit, cell.marker, cell.raw), strict=True)
            child = sub(element, found.tag, {k: a for k, a in attributes if a is not None})
        value = cell.value
        if value is not None:
            # str(int) is the integer form of every column; format_number handles the rest.
            child.text = (
                str(value) if value.__class__ is int else v.format_number(value, found.column)
            )
    missing = _missing(plan, last + 1, None)
    if missing is not None:
        msg = f"{where}: no cell for column {missing!r} (write a blank Cell for a blank)"
        raise SerialiseError(msg)


def _write_table(element: etree._Element, table: Table, plan: v.TablePlan) -> None:
    if table.heading is not None:
        _sub(element, _HEADING, table.heading)
    sub = etree.SubElement
    last = -1
    for row in table.rows:
        row_plan = plan.rows.get(row.key)
        if row_plan is None or row_plan.position <= last:
            where = f"{plan.spec.key}.{row.key}"
            if row_plan is None:
                msg = (
                    f"{where}: {row.key!r} is not an official row of {plan.spec.label} in this "
                    "edition, so the XML vocabulary has no place for it (keep it as an ExtraRow)"
                )
            else:
                msg = (
                    f"{where}: row {row.key!r} is repeated or out of the official order "
                    f"({', '.join(r.key for r in plan.spec.rows)})"
                )
            raise SerialiseError(msg)
        last = row_plan.position
        if row.label is None:
            child = sub(element, row_plan.tag)
        else:
            child = sub(element, row_plan.tag, {v.ROW_LABEL: row.label})
        _write_cells(child, row_plan, row, f"{plan.spec.key}.{row.key}")
    for extra in table.extra_rows:
        child = sub(element, _EXTRA_ROW, {v.EXTRA_ROW_LABEL: extra.label})
        for text in extra.cells:
            sub(child, _EXTRA_CELL).text = text
    _paragraphs(element, _NOTE, table.notes)


def to_xml(report: Report) -> bytes:
    """Write ``report`` as an XML document of the vocabulary :data:`XML_NAMESPACE`.

    The output validates against the edition's schema
    (:func:`~disclosure_report.serialise.xsd.xml_schema`) and reads back equal with
    :func:`from_xml`. Provenance (``source``) is not written.

    Args:
        report: any report of a known edition.

    Returns:
        UTF-8 bytes with an XML declaration, pretty-printed; identical for equal reports.

    Raises:
        SerialiseError: the report holds what the vocabulary has no place for: a row or
            column key the edition does not declare, rows or cells out of the official order
            or repeated, a non-optional column without a cell, or a fractional number in a
            whole-number column.
    """
    try:
        return _write(report)
    except SerialiseError:
        raise
    except ValueError as exc:  # an int longer than sys.get_int_max_str_digits()
        msg = f"cannot write the report: {exc}"
        raise SerialiseError(msg) from exc


def _write(report: Report) -> bytes:
    plan = v.edition_plan(report.edition)
    root = etree.Element(
        _ROOT, {v.EDITION_ATTRIBUTE: str(report.edition)}, nsmap={None: XML_NAMESPACE}
    )
    for field in v.REPORT_FIELDS:
        value = getattr(report, field.name)
        kind = field.kind
        if kind is v.FieldKind.EDITION or value is None:
            continue
        tag = field.tag
        if kind is v.FieldKind.TEXT:
            _sub(root, tag, value)
        elif kind is v.FieldKind.INTEGER:
            _sub(root, tag, str(value))
        elif kind is v.FieldKind.DATE:
            _sub(root, tag, value.isoformat())
        elif kind is v.FieldKind.PARAGRAPHS:
            if value:
                _paragraphs(_sub(root, tag), _P, value)
        elif field.name not in plan.sections:
            msg = f"{field.name}: edition {report.edition} has no such section"
            raise SerialiseError(msg)
        elif kind is v.FieldKind.TEXT_SECTION:
            _write_text_section(_sub(root, tag), value)
        else:
            _write_table(_sub(root, tag), value, plan.tables[field.name])
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


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
        raw, parser = data.encode("utf-8", "surrogatepass"), _TEXT_PARSER
    elif isinstance(data, bytes | bytearray | memoryview):
        raw, parser = bytes(data), _BYTES_PARSER
    else:
        msg = f"XML input must be bytes or str, not {type(data).__name__}"
        raise SerialiseError(msg)
    if len(raw) > MAX_XML_BYTES:
        msg = f"the document is {len(raw):,} bytes; the limit is {MAX_XML_BYTES:,}"
        raise SerialiseError(msg)
    if not raw.strip():
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


def _texts(element: etree._Element) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(text=child.text or "") for child in element)


def _read_text_section(element: etree._Element) -> TextSection:
    heading = None
    paragraphs = []
    for child in element:
        if child.tag == _HEADING:
            heading = child.text or ""
        else:
            paragraphs.append(Paragraph(text=child.text or ""))
    return TextSection(heading=heading, paragraphs=tuple(paragraphs))


_CellKey = tuple[str, str | None, tuple[tuple[str, str], ...]]


_UNIT, _MARKER, _RAW = v.CELL_ATTRIBUTES


def _cell(plan: v.ColumnPlan, text: str | None, items: tuple[tuple[str, str], ...]) -> Cell:
    value = None if text is None else plan.number(text)
    if not items:
        return Cell(column=plan.column.key, value=value)
    found = dict(items)
    return Cell(
        column=plan.column.key,
        value=value,
        unit=found.get(_UNIT),
        marker=found.get(_MARKER),
        raw=found.get(_RAW),
    )


def _read_table(
    element: etree._Element, plan: v.TablePlan, cells_seen: dict[_CellKey, Cell]
) -> Table:
    heading = None
    rows = []
    extra_rows = []
    notes = []
    rows_by_tag = plan.rows_by_tag
    for child in element:
        tag = cast(str, child.tag)
        row_plan = rows_by_tag.get(tag)
        if row_plan is not None:
            columns = row_plan.columns_by_tag
            cells = []
            for item in child:
                # Equal cells are one immutable value: build each distinct cell once per document.
                key = (cast(str, item.tag), item.text, tuple(item.items()))
                cell = cells_seen.get(key)
                if cell is None:
                    cell = cells_seen[key] = _cell(columns[key[0]], key[1], key[2])
                cells.append(cell)
            rows.append(
                Row(key=row_plan.spec.key, cells=tuple(cells), label=child.get(v.ROW_LABEL))
            )
        elif tag == _HEADING:
            heading = child.text or ""
        elif tag == _EXTRA_ROW:
            extra_rows.append(
                ExtraRow(
                    label=child.get(v.EXTRA_ROW_LABEL, ""),
                    cells=tuple(c.text or "" for c in child),
                )
            )
        else:  # the schema allows nothing else: a note
            notes.append(Paragraph(text=child.text or ""))
    return Table(
        heading=heading, rows=tuple(rows), extra_rows=tuple(extra_rows), notes=tuple(notes)
    )


def _build(root: etree._Element, edition: Edition) -> Report:
    plan = v.edition_plan(edition)
    fields = _FIELDS_BY_TAG
    values: dict[str, object] = {}
    cells_seen: dict[_CellKey, Cell] = {}
    for child in root:
        field = fields[cast(str, child.tag)]
        kind = field.kind
        text = child.text
        value: object
        if kind is v.FieldKind.TEXT:
            value = text or ""
        elif kind is v.FieldKind.INTEGER:
            value = int(text or "")
        elif kind is v.FieldKind.DATE:
            value = date.fromisoformat(text or "")
        elif kind is v.FieldKind.PARAGRAPHS:
            value = _texts(child)
        elif kind is v.FieldKind.TEXT_SECTION:
            value = _read_text_section(child)
        else:
            value = _read_table(child, plan.tables[field.name], cells_seen)
        values[field.name] = value
    return Report(edition=edition, **values)  # type: ignore[arg-type]


def from_xml(data: bytes | str) -> Report:
    """Read a report written in the vocabulary :data:`XML_NAMESPACE`.

    The document is parsed with a hardened parser (no DTD, no entities, no network, no huge
    trees, comments and processing instructions dropped), its root and edition are checked,
    and it is validated against the edition's schema before the report is built.

    Args:
        data: the document, as bytes (its XML declaration names the encoding; UTF-8 by
            default) or as text (read as such; an encoding in its declaration is ignored).

    Returns:
        The report, without provenance.

    Raises:
        SerialiseError: the input is too large, not well-formed, has a DOCTYPE, is not a
            report of this vocabulary or of a known edition, or breaks the edition's schema.
            The message names the line (and, for schema errors, the official labels).
    """
    root = _parse(data)
    edition = _edition_of(root)
    schema = xml_schema(edition)
    plan = v.edition_plan(edition)
    if not schema.validate(root):
        raise _schema_problems(schema, root, plan)
    try:
        return _build(root, edition)
    except (ValueError, TypeError, LookupError, ArithmeticError) as exc:
        # The schema admits nothing the builder cannot read; this is a safety net.
        msg = f"cannot read the report: {exc}"
        raise SerialiseError(msg) from exc
