"""The XML codec: round trip, schema validity, determinism, layout, hardening, errors."""

from __future__ import annotations

import importlib.resources
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

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
from disclosure_report.serialise import (
    XML_NAMESPACE,
    NonconformingReportError,
    from_xml,
    to_xml,
)
from disclosure_report.serialise import xml as xml_module
from disclosure_report.tables import ValueKind, edition_spec

from ._reports import full_report, with_provenance

NS = f"{{{XML_NAMESPACE}}}"
_R = attrs.fields(Report)
APPLICATIONS = _R.applications.name
PROACTIVE = _R.proactive_disclosure.name


def shipped_schema(edition: Edition) -> etree.XMLSchema:
    """The schema file shipped in the package, loaded independently of the codec."""
    name = f"disclosure-report-{edition}.xsd"
    data = importlib.resources.files("disclosure_report.serialise").joinpath("schemas", name)
    return etree.XMLSchema(etree.fromstring(data.read_bytes()))


SCHEMAS = {edition: shipped_schema(edition) for edition in Edition}


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


# --- robustness --------------------------------------------------------------------------

DOCUMENTS = [to_xml(full_report(edition)) for edition in Edition]


@pytest.mark.property
@given(
    st.sampled_from(DOCUMENTS),
    st.integers(min_value=0),
    st.binary(max_size=6) | st.sampled_from([b"<", b"&", b"/>", b"<x/>", b"-1", b"1.5", b"\x00"]),
)
def test_damaged_documents_raise_only_serialise_error(
    document: bytes, position: int, patch: bytes
) -> None:
    at = position % (len(document) + 1)
    damaged = document[:at] + patch + document[at + len(patch) :]
    try:
        report = from_xml(damaged)
    except SerialiseError:
        return
    # What reads must write back and read again to the same report.
    assert from_xml(to_xml(report)) == report


# --- determinism and layout --------------------------------------------------------------


@pytest.mark.parametrize("edition", list(Edition))
def test_same_report_twice_gives_identical_bytes(edition: Edition) -> None:
    first = to_xml(full_report(edition))
    second = to_xml(with_provenance(full_report(edition)))
    assert first == second
    assert b"source" not in first
    assert b"line=" not in first


@pytest.mark.parametrize("edition", list(Edition))
def test_full_report_round_trips_and_validates(edition: Edition) -> None:
    report = full_report(edition)
    document = to_xml(report)
    assert SCHEMAS[edition].validate(etree.fromstring(document))
    assert from_xml(document) == report


def test_document_shape() -> None:
    report = full_report(Edition.E2021)
    document = to_xml(report)
    assert document.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    root = etree.fromstring(document)
    assert root.tag == f"{NS}report"
    assert root.nsmap == {None: XML_NAMESPACE}
    assert root.get(_R.edition.name) == "2021"
    # Children follow the model's attribute order; every attribute is set in the full report.
    assert [local(child) for child in root] == [f.name for f in _R if f.name != _R.edition.name]
    # Rows and cells follow the declaration.
    spec = edition_spec(Edition.E2021)
    for table_spec in spec.tables:
        element = root.find(f"{NS}{table_spec.key}")
        assert element is not None
        names = [local(child) for child in element]
        assert names[0] == attrs.fields(Table).heading.name
        template = table_spec.expected_rows(())
        assert names[1 : 1 + len(template)] == [row.key for row in template]
        for row in template:
            row_element = element.find(f"{NS}{row.key}")
            assert row_element is not None
            assert [local(c) for c in row_element] == [c.key for c in row.columns]


def test_cell_encoding() -> None:
    rows = (
        Row(
            key="regulations",
            cells=(
                Cell(column="issued", value=7, raw="7件", unit="件"),
                Cell(column="repealed"),
                Cell(column="in_force", marker="—"),
            ),
            label="规章（含部门规章）",
        ),
    )
    report = Report(edition=Edition.E2021, proactive_disclosure=Table(rows=rows))
    root = etree.fromstring(to_xml(report))
    row = root.find(f"{NS}{PROACTIVE}/{NS}regulations")
    assert row is not None
    assert row.get("label") == "规章（含部门规章）"
    issued, repealed, in_force = row
    assert (issued.text, dict(issued.attrib)) == ("7", {"unit": "件", "raw": "7件"})
    assert (repealed.text, dict(repealed.attrib), len(repealed)) == (None, {}, 0)
    assert (in_force.text, dict(in_force.attrib)) == (None, {"marker": "—"})


def test_optional_column_may_be_left_out() -> None:
    spec = edition_spec(Edition.E2021).table(APPLICATIONS)
    row_spec = spec.rows[0]
    optional = [c.key for c in row_spec.columns if c.optional]
    assert optional, "the declaration has an optional column in table 三"
    cells = tuple(Cell(column=c.key, value=1) for c in row_spec.columns if not c.optional)
    report = Report(
        edition=Edition.E2021, applications=Table(rows=(Row(key=row_spec.key, cells=cells),))
    )
    document = to_xml(report)
    assert optional[0].encode() not in document
    assert from_xml(document) == report


# --- empty string versus None ------------------------------------------------------------


def test_empty_string_and_none_are_different() -> None:
    empty = Report(
        edition=Edition.E2019,
        organ="",
        title="",
        overview=TextSection(heading="", paragraphs=(Paragraph(text=""),)),
        applications=Table(
            heading="",
            rows=(
                Row(
                    key="new_received",
                    label="",
                    cells=tuple(
                        Cell(column=c.key, raw="", unit="", marker="")
                        for c in edition_spec(Edition.E2019).table(APPLICATIONS).rows[0].columns
                    ),
                ),
            ),
            extra_rows=(ExtraRow(label="", cells=("",)),),
            notes=(Paragraph(text=""),),
        ),
        closing=(Paragraph(text=""),),
    )
    nothing = Report(edition=Edition.E2019)
    assert from_xml(to_xml(empty)) == empty
    assert from_xml(to_xml(nothing)) == nothing
    root = etree.fromstring(to_xml(empty))
    organ = root.find(f"{NS}organ")
    assert organ is not None
    assert organ.text is None  # present and empty
    assert root.find(f"{NS}year") is None  # None: absent
    assert etree.fromstring(to_xml(nothing)).find(f"{NS}organ") is None
    cell = root.find(f"{NS}{APPLICATIONS}/{NS}new_received")
    assert cell is not None
    assert cell.get("label") == ""
    assert dict(cell[0].attrib) == {"unit": "", "marker": "", "raw": ""}


def test_empty_preamble_is_left_out_and_an_empty_element_reads_as_none() -> None:
    report = Report(edition=Edition.E2021)
    assert b"preamble" not in to_xml(report)
    document = (
        f'<report xmlns="{XML_NAMESPACE}" edition="2021"><preamble/><overview/></report>'
    ).encode()
    assert from_xml(document) == Report(edition=Edition.E2021, overview=TextSection())


# --- text survives as it is --------------------------------------------------------------

AWKWARD = [
    " leading",
    "trailing ",
    "\ttab",
    "a\rb",
    "a\r\nb",
    "a\nb",
    "  ",
    "<&>\"'",
    "]]>",
    "一\u3000二",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_round_trips_in_elements_and_attributes(text: str) -> None:
    spec = edition_spec(Edition.E2021).table(PROACTIVE).rows[0]
    report = Report(
        edition=Edition.E2021,
        organ=text,
        preamble=(Paragraph(text=text),),
        proactive_disclosure=Table(
            heading=text,
            rows=(
                Row(
                    key=spec.key,
                    label=text,
                    cells=tuple(Cell(column=c.key, raw=text, marker=text) for c in spec.columns),
                ),
            ),
            extra_rows=(ExtraRow(label=text, cells=(text,)),),
            notes=(Paragraph(text=text),),
        ),
    )
    assert from_xml(to_xml(report)) == report


# --- numbers -----------------------------------------------------------------------------


def _fee_report(value: int | Decimal) -> Report:
    table = edition_spec(Edition.E2021).table(PROACTIVE)
    row = next(r for r in table.rows if r.columns[0].kind is ValueKind.AMOUNT)
    return Report(
        edition=Edition.E2021,
        proactive_disclosure=Table(
            rows=(Row(key=row.key, cells=(Cell(column=row.columns[0].key, value=value),)),)
        ),
    )


def _fee(report: Report) -> int | Decimal | None:
    table = report.proactive_disclosure
    assert table is not None
    return table.rows[0].cells[0].value


@pytest.mark.parametrize("text", ["12.50", "0.0001", "-3.10", "0", "1000000000000.0000"])
def test_decimal_scale_is_kept(text: str) -> None:
    value = Decimal(text)
    back = _fee(from_xml(to_xml(_fee_report(value))))
    assert isinstance(back, Decimal)
    assert back.as_tuple() == value.as_tuple()


def test_positive_exponent_is_written_out_and_equal() -> None:
    report = _fee_report(Decimal("1E+2"))
    document = to_xml(report)
    assert b">100<" in document
    assert from_xml(document) == report


def test_int_in_an_amount_column_reads_back_equal() -> None:
    report = _fee_report(5)
    back = _fee(from_xml(to_xml(report)))
    assert back == 5
    assert isinstance(back, Decimal)


def _count_report(value: int | Decimal) -> Report:
    row = edition_spec(Edition.E2021).table(APPLICATIONS).rows[0]
    cells = tuple(
        Cell(column=c.key, value=value if i == 0 else None) for i, c in enumerate(row.columns)
    )
    return Report(edition=Edition.E2021, applications=Table(rows=(Row(key=row.key, cells=cells),)))


def test_integral_decimal_in_a_count_column_is_written_as_an_integer() -> None:
    report = _count_report(Decimal("4"))
    assert from_xml(to_xml(report)) == report


def test_fractional_decimal_in_a_count_column_is_refused() -> None:
    with pytest.raises(NonconformingReportError, match="has a fraction"):
        to_xml(_count_report(Decimal("4.5")))


def test_negative_and_huge_counts_round_trip() -> None:
    for value in (-1, 10**28 - 1, -(10**28 - 1)):
        report = _count_report(value)
        assert from_xml(to_xml(report)) == report
    for value in (10**28, -(10**28)):
        with pytest.raises(NonconformingReportError, match="more than 28 digits"):
            to_xml(_count_report(value))


def test_integer_too_long_to_write_is_a_serialise_error() -> None:
    with pytest.raises(NonconformingReportError, match="more than 28 digits"):
        to_xml(_count_report(10**5000))
    row = edition_spec(Edition.E2021).table(APPLICATIONS).rows[0]
    digits = "9" * 5000
    cells = "".join(
        f"<{c.key}>{digits}</{c.key}>" if i == 0 else f"<{c.key}/>"
        for i, c in enumerate(row.columns)
        if not c.optional
    )
    document = (
        f'<report xmlns="{XML_NAMESPACE}" edition="2021">'
        f"<{APPLICATIONS}><{row.key}>{cells}</{row.key}></{APPLICATIONS}></report>"
    )
    with pytest.raises(NonconformingReportError, match="more than 28 digits"):
        from_xml(document)
    with pytest.raises(NonconformingReportError, match="more than 28 digits"):
        from_xml(document, validate=False)


# --- what the vocabulary has no place for ------------------------------------------------


def _applications(*rows: Row) -> Report:
    return Report(edition=Edition.E2021, applications=Table(rows=rows))


def _row(key: str, *, drop: int | None = None, swap: bool = False) -> Row:
    row = edition_spec(Edition.E2021).table(APPLICATIONS).row(key)
    cells = [Cell(column=c.key, value=1) for c in row.columns]
    if drop is not None:
        del cells[drop]
    if swap:
        cells[0], cells[1] = cells[1], cells[0]
    return Row(key=key, cells=tuple(cells))


def test_unknown_row_is_refused() -> None:
    with pytest.raises(NonconformingReportError, match="is not a row of"):
        to_xml(_applications(Row(key="invented", cells=())))


def test_row_of_the_other_edition_is_refused() -> None:
    spec_2019 = edition_spec(Edition.E2019).table(APPLICATIONS)
    spec_2021 = edition_spec(Edition.E2021).table(APPLICATIONS)
    keys_2019 = {r.key for r in spec_2019.rows}
    only_2021 = next(r.key for r in spec_2021.rows if r.key not in keys_2019)
    report = Report(edition=Edition.E2019, applications=Table(rows=(Row(key=only_2021, cells=()),)))
    with pytest.raises(SerialiseError, match=only_2021):
        to_xml(report)


def test_rows_out_of_order_or_repeated_are_refused() -> None:
    first, second = (r.key for r in edition_spec(Edition.E2021).table(APPLICATIONS).rows[:2])
    with pytest.raises(NonconformingReportError, match="comes after a row that follows it"):
        to_xml(_applications(_row(second), _row(first)))
    with pytest.raises(NonconformingReportError, match="appears twice"):
        to_xml(_applications(_row(first), _row(first)))


def test_cells_unknown_out_of_order_or_missing_are_refused() -> None:
    key = edition_spec(Edition.E2021).table(APPLICATIONS).rows[0].key
    with pytest.raises(NonconformingReportError, match="comes after a column that follows it"):
        to_xml(_applications(_row(key, swap=True)))
    with pytest.raises(NonconformingReportError, match="no cell for column"):
        to_xml(_applications(_row(key, drop=0)))
    with pytest.raises(NonconformingReportError, match="no cell for column"):
        to_xml(_applications(_row(key, drop=-1)))
    unknown = Row(key=key, cells=(Cell(column="invented"),))
    with pytest.raises(NonconformingReportError, match="not a column"):
        to_xml(_applications(unknown))


def _numbered_row(start: int) -> Row:
    """The first row of 三 with its required cells numbered from ``start`` on."""
    row = edition_spec(Edition.E2021).table(APPLICATIONS).rows[0]
    columns = [c for c in row.columns if not c.optional]
    return Row(
        key=row.key,
        cells=tuple(Cell(column=c.key, value=start + i) for i, c in enumerate(columns)),
    )


def test_a_trusted_document_is_read_by_cell_names_not_positions() -> None:
    # Every number of the row is read once in every column, so that the reader knows the
    # cells of a document with the first two cells swapped (the wrong reading would be 2, 1).
    for start in (1, 2, 0):
        report = _applications(_numbered_row(start))
        assert from_xml(to_xml(report), validate=False) == report
    first, second = (c.column for c in _numbered_row(1).cells[:2])
    document = to_xml(_applications(_numbered_row(1))).decode()
    in_order = f"<{first}>1</{first}>\n      <{second}>2</{second}>"
    assert in_order in document
    swapped = document.replace(in_order, f"<{second}>2</{second}>\n      <{first}>1</{first}>")
    with pytest.raises(NonconformingReportError, match="comes after a column that follows it"):
        from_xml(swapped, validate=False)
    with pytest.raises(SerialiseError):
        from_xml(swapped)


def test_a_trusted_document_with_an_element_inside_a_cell_is_refused() -> None:
    report = _applications(_numbered_row(1))
    assert from_xml(to_xml(report), validate=False) == report  # its cells are known now
    first = report.applications.rows[0].cells[0].column  # type: ignore[union-attr]
    document = to_xml(report).decode().replace(f"<{first}>1</{first}>", f"<{first}>1<b/></{first}>")
    with pytest.raises(SerialiseError, match="holds elements"):
        from_xml(document, validate=False)


# --- hardened reading --------------------------------------------------------------------

MINIMAL = f'<report xmlns="{XML_NAMESPACE}" edition="2021"><organ>x</organ></report>'


def test_minimal_document_reads() -> None:
    assert from_xml(MINIMAL) == Report(edition=Edition.E2021, organ="x")


def test_comments_and_processing_instructions_are_dropped() -> None:
    document = (
        f'<?xml version="1.0"?><!-- a --><report xmlns="{XML_NAMESPACE}" edition="2021">'
        "<?pi x?><organ>a<!-- b -->b</organ></report>"
    )
    assert from_xml(document) == Report(edition=Edition.E2021, organ="ab")


def test_doctype_is_refused() -> None:
    with pytest.raises(SerialiseError, match="DOCTYPE"):
        from_xml("<!DOCTYPE report>" + MINIMAL)


def test_internal_entity_is_refused() -> None:
    document = MINIMAL.replace("<organ>x", "<organ>&x;")
    with pytest.raises(SerialiseError, match="DOCTYPE"):
        from_xml(f'<!DOCTYPE report [<!ENTITY x "expanded">]>{document}')


def test_undeclared_entity_is_refused() -> None:
    with pytest.raises(SerialiseError, match="line 1"):
        from_xml(MINIMAL.replace("<organ>x", "<organ>&x;"))


def test_external_entity_is_refused_and_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    document = MINIMAL.replace("<organ>x", "<organ>&xxe;")
    doctype = f'<!DOCTYPE report [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    with pytest.raises(SerialiseError, match="DOCTYPE") as caught:
        from_xml((doctype + document).encode())
    assert "TOP-SECRET" not in str(caught.value)


def test_external_dtd_and_parameter_entities_are_refused(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "TOP-SECRET">', encoding="utf-8")
    for doctype in (
        f'<!DOCTYPE report SYSTEM "{dtd.as_uri()}">',
        f'<!DOCTYPE report [<!ENTITY % p SYSTEM "{dtd.as_uri()}"> %p;]>',
    ):
        with pytest.raises(SerialiseError) as caught:
            from_xml(doctype + MINIMAL)
        assert "TOP-SECRET" not in str(caught.value)


def test_billion_laughs_is_refused() -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    document = MINIMAL.replace("<organ>x", "<organ>&lol9;")
    with pytest.raises(SerialiseError, match="DOCTYPE"):
        from_xml(f"<!DOCTYPE report [{''.join(entities)}]>{document}")


def test_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xml_module, "MAX_XML_BYTES", 100)
    with pytest.raises(SerialiseError, match="limit"):
        from_xml(MINIMAL + " " * 100)
    assert from_xml(MINIMAL) == Report(edition=Edition.E2021, organ="x")


def test_declared_encoding_of_bytes_is_honoured() -> None:
    document = MINIMAL.replace("<organ>x", "<organ>政府")
    data = ('<?xml version="1.0" encoding="GB18030"?>' + document).encode("gb18030")
    assert from_xml(data) == Report(edition=Edition.E2021, organ="政府")
    # Text input is taken as text, whatever its declaration says.
    assert from_xml('<?xml version="1.0" encoding="GB18030"?>' + document).organ == "政府"


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x00\xff\xfe garbage", "not well-formed"),
        (b"not xml at all", "not well-formed"),
        (MINIMAL[:-5].encode(), "not well-formed"),
        (b"<report edition='2021'/>", "without a namespace"),
        (b"<report xmlns='urn:example' edition='2021'/>", "urn:example"),
        (
            MINIMAL.replace(XML_NAMESPACE, XML_NAMESPACE[:-1] + "2").encode(),
            "vocabulary version '2'",
        ),
        (f"<rapport xmlns='{XML_NAMESPACE}' edition='2021'/>".encode(), "<rapport>"),
        (f"<report xmlns='{XML_NAMESPACE}'/>".encode(), "no edition"),
        (f"<report xmlns='{XML_NAMESPACE}' edition='2018'/>".encode(), "unknown edition '2018'"),
        (MINIMAL.replace("<organ>x</organ>", "<unknown/>").encode(), "not a valid report"),
        (MINIMAL.replace("<organ>x</organ>", "<year>soon</year>").encode(), "whole number"),
        (
            MINIMAL.replace("<organ>x</organ>", "<period_end>2024-02-30</period_end>").encode(),
            "period_end",
        ),
        (MINIMAL.replace(">x<", ' bad="1">x<').encode(), "bad"),
    ],
)
def test_bad_documents_raise_serialise_error(document: bytes, expected: str) -> None:
    with pytest.raises(SerialiseError) as caught:
        from_xml(document)
    assert expected in str(caught.value)
    assert "line" in str(caught.value) or expected == "empty"


def test_wrong_input_type_is_a_serialise_error() -> None:
    with pytest.raises(SerialiseError, match="bytes or str"):
        from_xml(42)  # type: ignore[arg-type]


def test_schema_error_names_the_line_and_the_official_labels() -> None:
    report = full_report(Edition.E2021)
    lines = to_xml(report).decode().splitlines()
    spec = edition_spec(Edition.E2021).table(APPLICATIONS)
    row = spec.rows[2]
    column = row.columns[0]
    row_line = next(i for i, line in enumerate(lines) if f"<{row.key}" in line)
    cell_line = next(
        i for i in range(row_line, len(lines)) if lines[i].strip().startswith(f"<{column.key}")
    )
    lines[cell_line] = f"      <{column.key}>twelve</{column.key}>"
    with pytest.raises(SerialiseError) as caught:
        from_xml("\n".join(lines))
    message = str(caught.value)
    assert f"line {cell_line + 1}:" in message
    assert spec.label in message
    assert row.path in message
    assert column.path in message
    assert "twelve" in message


def test_content_of_the_other_edition_breaks_the_schema() -> None:
    document = to_xml(full_report(Edition.E2019)).replace(b'edition="2019"', b'edition="2021"')
    with pytest.raises(SerialiseError, match="edition 2021"):
        from_xml(document)


def test_a_column_key_has_one_kind_in_every_edition() -> None:
    """The XML reader interns cells by element name across editions: a name is one kind."""
    kinds: dict[str, set[ValueKind]] = {}
    for edition in Edition:
        for table in edition_spec(edition).tables:
            for column in table.columns:
                kinds.setdefault(column.key, set()).add(column.kind)
    assert {key: k for key, k in kinds.items() if len(k) > 1} == {}


def test_from_xml_in_many_threads_at_once() -> None:
    """Each thread reads with its own parser (lxml parsers are not shared between threads)."""
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from disclosure_report import parse_file

    report = parse_file(Path(__file__).parents[1] / "corpus" / "000.txt").report
    data = to_xml(report)
    with ThreadPoolExecutor(8) as pool:
        assert all(r == report for r in pool.map(lambda _: from_xml(data), range(64)))


@pytest.mark.parametrize("value", [3, 0, None, Decimal(3), 10**27])
def test_what_a_count_is_written_as_is_kept_and_never_stands_for_another_value(
    value: int | Decimal | None,
) -> None:
    """``to_xml`` keeps what each blank or count of a column is written as; what it writes
    is still exactly the cell, whatever was written before."""
    from disclosure_report.build import replace_cell

    report = full_report()
    for before in (3, 0, None):
        to_xml(replace_cell(report, "applications", "granted", "natural_person", before))
    changed = replace_cell(report, "applications", "granted", "natural_person", value)
    document = to_xml(changed)
    assert from_xml(document) == changed
    namespaces = {"r": xml_module.XML_NAMESPACE}
    (cell,) = etree.fromstring(document).xpath(
        "r:applications/r:granted/r:natural_person", namespaces=namespaces
    )
    assert cell.text == (None if value is None else str(int(value)))


def test_a_count_out_of_bounds_is_refused_after_counts_were_written() -> None:
    report = full_report()
    to_xml(report)
    table = report.applications
    assert table is not None
    row = table.rows[0]
    cells = (attrs.evolve(row.cells[0], value=10**40), *row.cells[1:])
    wrong = attrs.evolve(
        report,
        applications=attrs.evolve(table, rows=(attrs.evolve(row, cells=cells), *table.rows[1:])),
    )
    with pytest.raises(SerialiseError):
        to_xml(wrong)
