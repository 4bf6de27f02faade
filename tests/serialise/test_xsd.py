"""The XML Schemas: generated from the declaration, shipped unchanged, and as strict as meant."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest
from lxml import etree

from disclosure_report.errors import SerialiseError
from disclosure_report.model import Edition
from disclosure_report.serialise import (
    XML_NAMESPACE,
    NonconformingReportError,
    build_xsd,
    from_xml,
    write_schemas,
    xml_schema,
)
from disclosure_report.serialise.xsd import schema_filename
from disclosure_report.tables import TableSpec, ValueKind, edition_spec

XS = "http://www.w3.org/2001/XMLSchema"
NSMAP = {"xs": XS}
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REGENERATE = "python -m disclosure_report.serialise"


def shipped_text(edition: Edition) -> str:
    resource = importlib.resources.files("disclosure_report.serialise").joinpath(
        "schemas", schema_filename(edition)
    )
    return resource.read_bytes().decode("utf-8")


def parsed(edition: Edition) -> etree._Element:
    return etree.fromstring(build_xsd(edition).encode("utf-8"))


def zh(element: etree._Element) -> str | None:
    for documentation in element.iterfind("xs:annotation/xs:documentation", NSMAP):
        if documentation.get(LANG) == "zh":
            return documentation.text
    return None


def child_element(parent: etree._Element, name: str) -> etree._Element:
    """The element declaration ``name`` in ``parent``'s (inline) content model."""
    found = parent.find(f"xs:complexType/xs:sequence/xs:element[@name='{name}']", NSMAP)
    assert found is not None, name
    return found


@pytest.mark.parametrize("edition", list(Edition))
def test_shipped_schema_matches_the_declaration(edition: Edition) -> None:
    assert shipped_text(edition) == build_xsd(edition), (
        f"src/disclosure_report/serialise/schemas/{schema_filename(edition)} is out of date "
        f"with disclosure_report.tables: regenerate it with `{REGENERATE}`"
    )


@pytest.mark.parametrize("edition", list(Edition))
def test_schema_is_valid_and_deterministic(edition: Edition) -> None:
    assert build_xsd(edition) == build_xsd(str(edition))
    etree.XMLSchema(parsed(edition))  # compiles
    root = parsed(edition)
    assert root.get("targetNamespace") == XML_NAMESPACE
    assert root.get("elementFormDefault") == "qualified"


def test_xml_schema_is_cached_and_is_the_shipped_file() -> None:
    assert xml_schema(Edition.E2021) is xml_schema(Edition.E2021)
    assert xml_schema(Edition.E2019) is not xml_schema(Edition.E2021)


def test_write_schemas(tmp_path: Path) -> None:
    written = write_schemas(tmp_path / "out")
    assert [p.name for p in written] == [schema_filename(e) for e in Edition]
    for edition, path in zip(Edition, written, strict=True):
        assert path.read_text(encoding="utf-8") == build_xsd(edition)


@pytest.mark.parametrize("edition", list(Edition))
def test_every_declared_element_is_there_with_its_official_label(edition: Edition) -> None:
    spec = edition_spec(edition)
    report = parsed(edition).find("xs:element[@name='report']", NSMAP)
    assert report is not None
    assert zh(report) == spec.name
    for section in spec.sections:
        element = child_element(report, section.key)
        assert element.get("minOccurs") == "0"
        assert zh(element) == section.label
        if not isinstance(section, TableSpec):
            continue
        sequence = element.find("xs:complexType/xs:sequence", NSMAP)
        assert sequence is not None
        row_elements = sequence.xpath(
            "xs:element | xs:choice/xs:element | xs:choice/xs:sequence/xs:element",
            namespaces=NSMAP,
        )
        row_names = [e.get("name") for e in row_elements]
        assert row_names[1 : 1 + len(section.rows)] == [row.key for row in section.rows]
        for row in section.rows:
            row_element = next(e for e in row_elements if e.get("name") == row.key)
            in_choice = etree.QName(row_element.getparent()).localname == "choice"
            # Rows are optional; an optional row is the first branch of an optional choice.
            assert row_element.get("minOccurs") == (None if in_choice else "0")
            assert zh(row_element) == (row.path or None)
            columns = row_element.findall("xs:complexType/xs:sequence/xs:element", NSMAP)
            assert [c.get("name") for c in columns] == [c.key for c in row.columns]
            for declared, column in zip(row.columns, columns, strict=True):
                assert zh(column) == declared.path
                assert column.get("type") == f"{declared.kind.value}Cell"
                assert column.get("minOccurs") == ("0" if declared.optional else None)


def test_edition_attribute_is_fixed() -> None:
    root = parsed(Edition.E2019)
    attribute = root.find("xs:element[@name='report']/xs:complexType/xs:attribute", NSMAP)
    assert attribute is not None
    assert (attribute.get("name"), attribute.get("fixed"), attribute.get("use")) == (
        "edition",
        "2019",
        "required",
    )
    document = etree.fromstring(f'<report xmlns="{XML_NAMESPACE}" edition="2021"/>'.encode())
    assert not xml_schema(Edition.E2019).validate(document)
    assert xml_schema(Edition.E2021).validate(document)


# --- cell values -------------------------------------------------------------------------


def _cell_document(
    kind: ValueKind, text: str, edition: Edition = Edition.E2021
) -> tuple[Edition, str]:
    """A document with ``text`` in the first cell of the first column of ``kind``."""
    for table in edition_spec(edition).tables:
        for row in table.rows:
            for index, column in enumerate(row.columns):
                if column.kind is kind:
                    cells = "".join(
                        f"<{c.key}>{text}</{c.key}>" if i == index else f"<{c.key}/>"
                        for i, c in enumerate(row.columns)
                    )
                    body = f"<{table.key}><{row.key}>{cells}</{row.key}></{table.key}>"
                    return edition, (
                        f'<report xmlns="{XML_NAMESPACE}" edition="{edition}">{body}</report>'
                    )
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (ValueKind.COUNT, "0"),
        (ValueKind.COUNT, "-3"),  # wrong, but the model holds it and the validator reports it
        (ValueKind.COUNT, "1234567890123456789012345678"),  # 28 digits: the bound
        (ValueKind.COUNT, "000001234567890123456789012345678"),
        (ValueKind.COUNT, ""),
        (ValueKind.AMOUNT, "12.50"),
        (ValueKind.AMOUNT, "-0.0001"),
        (ValueKind.AMOUNT, "7"),
        (ValueKind.AMOUNT, ""),
    ],
)
def test_schema_accepts_what_the_model_holds(kind: ValueKind, text: str) -> None:
    edition, document = _cell_document(kind, text)
    assert xml_schema(edition).validate(etree.fromstring(document.encode()))
    from_xml(document)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (ValueKind.COUNT, "+5"),
        (ValueKind.COUNT, "1e3"),
        (ValueKind.COUNT, "abc"),
        (ValueKind.COUNT, "一"),
        (ValueKind.COUNT, "   "),
        (ValueKind.AMOUNT, "1E+2"),
        (ValueKind.AMOUNT, ".5"),
        (ValueKind.AMOUNT, "5."),
        (ValueKind.AMOUNT, "NaN"),
        (ValueKind.AMOUNT, "12,50"),
    ],
)
def test_schema_refuses_other_cell_text(kind: ValueKind, text: str) -> None:
    edition, document = _cell_document(kind, text)
    assert not xml_schema(edition).validate(etree.fromstring(document.encode()))
    with pytest.raises(SerialiseError, match="Expected nothing"):
        from_xml(document)


@pytest.mark.parametrize(
    ("kind", "text", "reason"),
    [
        (ValueKind.COUNT, "1.5", "has a fraction"),
        (ValueKind.COUNT, "12345678901234567890123456789", "more than 28 digits"),
        (ValueKind.AMOUNT, "1234567890123456789.0123456789", "more than 28 digits"),
    ],
)
def test_schema_and_conformance_refuse_numbers_in_conformance_words(
    kind: ValueKind, text: str, reason: str
) -> None:
    _edition, document = _cell_document(kind, text)
    with pytest.raises(NonconformingReportError, match=reason):
        from_xml(document)
    with pytest.raises(NonconformingReportError, match=reason):
        from_xml(document, validate=False)


@pytest.mark.parametrize("text", ["-3", "0", "12", ""])
def test_signed_columns_take_negative_numbers(text: str) -> None:
    edition, document = _cell_document(ValueKind.SIGNED, text, Edition.E2019)
    assert xml_schema(edition).validate(etree.fromstring(document.encode()))
    report = from_xml(document)
    values = [
        cell.value
        for table in edition_spec(edition).tables
        if (found := getattr(report, table.key)) is not None
        for row in found.rows
        for cell in row.cells
        if cell.value is not None
    ]
    assert values == ([int(text)] if text else [])
