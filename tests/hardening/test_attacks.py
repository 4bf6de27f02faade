"""The attack corpus: every hostile file refused (or read without harm) in under a second.

"Without harm": nothing fetched (a local server counts requests: ``canary``), no local file
read (``secret``), no entity expanded, nothing written (each test runs in an empty folder
and checks it stays empty), and the error is a :class:`ParseError` or
:class:`SerialiseError` that says what was refused.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from disclosure_report import (
    LimitExceededError,
    ParseError,
    ParseResult,
    SerialiseError,
    from_json,
    from_xml,
    parse_bytes,
    parse_file,
    parse_html,
    parse_text,
    to_json,
    to_xml,
    validate,
)
from disclosure_report.limits import DEFAULT_LIMITS
from disclosure_report.model import Report

from . import attacks as a
from .conftest import SECRET, Canary

FAST = 1.0
"""Seconds within which every attack is refused or read."""


@pytest.fixture(autouse=True)
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each attack runs in an empty working folder, which must stay empty."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    yield folder
    assert list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["work"]


def _quickly(call: Callable[[], object]) -> object:
    """The call's result, or the exception it raised; it must be done within FAST."""
    started = time.perf_counter()
    try:
        outcome: object = call()
    except (ParseError, SerialiseError) as error:
        outcome = error
    elapsed = time.perf_counter() - started
    assert elapsed < FAST, f"took {elapsed:.2f} s"
    return outcome


def _read(call: Callable[[], ParseResult]) -> ParseResult:
    """The call's result: it must be read, not refused, within FAST."""
    outcome = _quickly(call)
    assert isinstance(outcome, ParseResult), f"refused: {outcome!r}"
    return outcome


def _refused(call: Callable[[], object], says: str = "") -> ParseError | SerialiseError:
    outcome = _quickly(call)
    assert isinstance(outcome, ParseError | SerialiseError), f"not refused: {outcome!r}"
    assert says in str(outcome)
    return outcome


def _text_of(report: Report) -> str:
    return to_json(report)


# --- XML entities and external resources, in every reader that parses XML or HTML ---------------


def _xml_document(prolog: str, body: str = "") -> bytes:
    """A report's XML, as to_xml writes it, with a prolog and a body element added."""
    report = parse_text(a.SEED_TEXT).report
    xml = to_xml(report).decode("utf-8")
    declaration, rest = xml.split("?>", 1)
    if body:
        rest = rest.replace("</organ>", f"{body}</organ>", 1)
    return f"{declaration}?>{prolog}{rest}".encode()


@pytest.mark.parametrize("reader", ["docx", "html", "xml"])
@pytest.mark.parametrize(
    "attack", ["xxe-file", "xxe-network", "external-dtd", "parameter-entity", "billion-laughs"]
)
def test_entities_and_dtds_are_refused_and_nothing_is_fetched(
    reader: str, attack: str, canary: Canary, secret: Path
) -> None:
    root = {"docx": "w:document", "html": "html", "xml": "report"}[reader]
    prolog = {
        "xxe-file": a.xxe_file_prolog(secret, root),
        "xxe-network": a.xxe_network_prolog(canary.url, root),
        "external-dtd": a.external_dtd_prolog(canary.url, root),
        "parameter-entity": a.parameter_entity_prolog(canary.url, root),
        "billion-laughs": a.billion_laughs_prolog(root),
    }[attack]
    reference = "&lol9;" if attack == "billion-laughs" else "&xxe;"
    if reader == "docx":
        data = a.docx_with(a.word_body(f"<w:p><w:r><w:t>{reference}</w:t></w:r></w:p>", prolog))
        outcome = _quickly(lambda: parse_bytes(data))
    elif reader == "html":
        page = a.html_page(f"<p>{reference}</p>", prolog)
        outcome = _quickly(lambda: parse_html(page))
    else:
        document = _xml_document(prolog, reference if attack != "external-dtd" else "")
        outcome = _quickly(lambda: from_xml(document))
    if reader == "html" and attack == "external-dtd":
        # <!DOCTYPE html SYSTEM "…"> is how half the web's pages start (XHTML): the page is
        # read, and the DTD is never fetched.
        assert not isinstance(outcome, Exception), outcome
        return
    assert isinstance(outcome, ParseError | SerialiseError), outcome
    assert SECRET not in str(outcome)
    assert "lollollollollollollollollollollollollol" not in str(outcome)


@pytest.mark.parametrize("reader", ["docx", "xml"])
def test_quadratic_blowup_is_refused(reader: str) -> None:
    if reader == "docx":
        prolog = a.quadratic_prolog("w:document")
        body = f"<w:p><w:r><w:t>{a.QUADRATIC_BODY}</w:t></w:r></w:p>"
        data = a.docx_with(a.word_body(body, prolog))
        _refused(lambda: parse_bytes(data))
    else:
        document = _xml_document(a.quadratic_prolog("report"), a.QUADRATIC_BODY)
        _refused(lambda: from_xml(document))


def test_quadratic_blowup_in_html_is_refused() -> None:
    page = a.html_page(f"<p>{a.QUADRATIC_BODY}</p>", a.quadratic_prolog("html"))
    _refused(lambda: parse_html(page), "DOCTYPE")


@pytest.mark.parametrize("reader", ["docx", "html", "xml"])
@pytest.mark.parametrize("target", ["file", "network"])
def test_xinclude_is_never_processed(
    reader: str, target: str, canary: Canary, secret: Path
) -> None:
    href = secret.as_uri() if target == "file" else f"{canary.url}/xinclude"
    include = a.xinclude(href)
    if reader == "docx":
        outcome = _quickly(lambda: parse_bytes(a.docx_with(a.word_body(include))))
    elif reader == "html":
        outcome = _quickly(lambda: parse_html(a.html_page(include)))
    else:
        outcome = _quickly(lambda: from_xml(_xml_document("", include)))
    if isinstance(outcome, Exception):
        assert SECRET not in str(outcome)
    else:
        assert hasattr(outcome, "report")
        assert SECRET not in _text_of(outcome.report)
        assert "FETCHED" not in _text_of(outcome.report)


@pytest.mark.parametrize("reader", ["docx", "html"])
def test_html_and_word_never_fetch_what_they_link(reader: str, canary: Canary) -> None:
    url = f"{canary.url}/linked"
    if reader == "html":
        links = (
            f'<link rel="stylesheet" href="{url}.css"><script src="{url}.js"></script>'
            f'<img src="{url}.png"><iframe src="{url}.html"></iframe><base href="{url}/">'
        )
        outcome = _quickly(lambda: parse_html(a.html_page(links)))
    else:
        rels = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{url}.png" TargetMode="External"/>'
            "</Relationships>"
        ).encode()
        data = a.docx_with(extra={"word/_rels/document.xml.rels.extra": rels})
        outcome = _quickly(lambda: parse_bytes(data))
    assert not isinstance(outcome, Exception), outcome


# --- nesting ------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [DEFAULT_LIMITS.max_html_depth + 10, 300, 100_000])
def test_deep_html_is_refused_naming_the_limit(depth: int) -> None:
    error = _refused(lambda: parse_html(a.deep_html(depth)), "max_html_depth")
    assert isinstance(error, LimitExceededError)
    assert error.limit == "max_html_depth"


def test_html_nested_within_the_limit_is_read() -> None:
    outcome = _quickly(lambda: parse_html(a.deep_html(DEFAULT_LIMITS.max_html_depth - 10)))
    assert not isinstance(outcome, Exception), outcome


@pytest.mark.parametrize("depth", [DEFAULT_LIMITS.max_xml_depth, 1_000, 50_000])
def test_deep_word_xml_is_refused(depth: int) -> None:
    # Deep enough to pass max_xml_depth (or libxml2's own 256 levels), compressed past
    # max_docx_compression_ratio when it is very deep: refused either way, and quickly.
    error = _refused(lambda: parse_bytes(a.deep_docx(depth)))
    assert isinstance(error, LimitExceededError) or "depth" in str(error).lower()


def test_deep_json_is_refused() -> None:
    _refused(lambda: from_json("[" * 100_000 + "]" * 100_000))
    _refused(lambda: from_json('{"a":' * 100_000 + "1" + "}" * 100_000))


def test_deep_xml_is_refused() -> None:
    document = _xml_document("", "<x>" * 100_000 + "</x>" * 100_000)
    _refused(lambda: from_xml(document))


# --- size ---------------------------------------------------------------------------------

_HUNDRED_MB = 100 * 2**20


def test_a_100_mb_text_is_refused_before_it_is_decoded() -> None:
    data = b"\t0\n" * (_HUNDRED_MB // 3)
    error = _refused(lambda: parse_bytes(data), "max_input_bytes")
    assert isinstance(error, LimitExceededError)
    assert error.value == len(data)


def test_a_100_mb_str_is_refused() -> None:
    text = "一" * _HUNDRED_MB
    error = _refused(lambda: parse_text(text), "max_text_chars")
    assert isinstance(error, LimitExceededError)
    assert error.value == len(text)


def test_a_100_mb_file_is_refused_reading_no_more_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: nothing is written to the disk
        handle.truncate(_HUNDRED_MB)
    try:
        error = _refused(lambda: parse_file(path), "max_input_bytes")
        assert isinstance(error, LimitExceededError)
        assert error.value == DEFAULT_LIMITS.max_input_bytes + 1
    finally:
        path.unlink()


@pytest.mark.parametrize("shape", ["one line", "many lines", "one cell", "one paragraph"])
def test_text_over_its_limits_is_refused(shape: str) -> None:
    text = {
        "one line": a.SEED_TEXT + "一" * 4_000_000,
        "many lines": a.SEED_TEXT + "\n" * 1_000_000,
        "one cell": a.with_cell(a.SEED_TEXT, "x\n" * 100_000),
        "one paragraph": "2019年" + "某" * 1_000_000 + "政府信息公开工作年度报告\n" + a.SEED_TEXT,
    }[shape]
    _refused(lambda: parse_text(text), "max_")


def test_html_merged_cells_covering_a_million_slots_are_refused() -> None:
    cells = '<td rowspan="1000" colspan="1000">1</td>' * 50
    rows = "<tr><td>1</td></tr>" * 1_000
    page = a.html_page(
        f"<p>三、收到和处理政府信息公开申请情况</p><table><tr>{cells}</tr>{rows}</table>"
    )
    _refused(lambda: parse_html(page), "max_cells")


@pytest.mark.parametrize("attribute", ["gridSpan", "gridBefore"])
def test_word_spans_of_a_billion_columns_are_refused(attribute: str) -> None:
    document = a.document_xml()
    if attribute == "gridSpan":
        document = document.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="1000000000"/>', 1)
    else:
        document = document.replace(
            b"<w:tr>", b'<w:tr><w:trPr><w:gridBefore w:val="1000000000"/></w:trPr>', 1
        )
    _refused(lambda: parse_bytes(a.docx_with(document)), "max_cells")


def test_word_list_numbers_cannot_blow_up() -> None:
    # A list starting at two billion in Roman numerals would be a megabyte per paragraph.
    numbering = (
        f'<w:numbering xmlns:w="{a.W_NS}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
        '<w:start w:val="2000000000"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>'
        '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        "</w:numbering>"
    ).encode()
    paragraph = (
        '<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
    )
    data = a.docx_with(a.word_body(paragraph * 1_000), {"word/numbering.xml": numbering})
    outcome = _quickly(lambda: parse_bytes(data))
    assert not isinstance(outcome, Exception) or "no section" in str(outcome), outcome


# --- zip archives ---------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_without_unpacking_it() -> None:
    bomb = a.zip_bomb()
    assert len(bomb) < 1_000_000
    error = _refused(lambda: parse_bytes(bomb))
    assert isinstance(error, LimitExceededError)
    assert error.limit in {"max_docx_uncompressed_bytes", "max_docx_compression_ratio"}


def test_a_zip_bomb_that_lies_about_its_size_is_refused() -> None:
    bomb = a.lying_zip_bomb()
    error = _refused(lambda: parse_bytes(bomb))
    assert isinstance(error, ParseError)


@pytest.mark.parametrize("count", [DEFAULT_LIMITS.max_docx_entries + 1, 65_535, 10_000_000])
def test_a_zip_declaring_too_many_entries_is_refused_before_it_is_opened(count: int) -> None:
    error = _refused(lambda: parse_bytes(a.declared_entries(count)), "max_docx_entries")
    assert isinstance(error, LimitExceededError)
    assert error.value == count


def test_a_zip_with_too_many_entries_is_refused() -> None:
    data = a.many_entries(DEFAULT_LIMITS.max_docx_entries + 1)
    _refused(lambda: parse_bytes(data), "max_docx_entries")


@pytest.mark.parametrize("name", a.ZIP_SLIP_NAMES)
def test_zip_slip_names_are_refused_and_nothing_is_written(name: str, tmp_path: Path) -> None:
    _refused(lambda: parse_bytes(a.zip_slip(name)), "zip-slip")
    assert not (tmp_path.parent / "evil.txt").exists()
    assert not Path("/tmp/evil-absolute.txt").exists()


# --- text: encodings, control characters, bidi, digits -------------------------------------


def test_gbk_bytes_declared_as_utf8_in_html_are_read_as_what_they_are() -> None:
    expected = parse_bytes(a.HTML_PAGE).report
    assert _read(lambda: parse_bytes(a.gbk_declared_utf8_html())).report == expected


def test_gbk_bytes_behind_a_utf8_mark_are_refused_saying_so() -> None:
    _refused(lambda: parse_bytes(a.gbk_with_utf8_bom_text()), "utf-8")


def test_nul_bytes_early_are_binary_later_are_removed_and_said() -> None:
    _refused(lambda: parse_bytes(b"\x00" + a.SEED_TEXT.encode()), "binary")
    text = a.SEED_TEXT + "\n本报告\x00完。\n"
    outcome = _read(lambda: parse_text(text))
    assert any(d.code == "P1.6" and "U+0000" in d.message for d in outcome.diagnostics)


@pytest.mark.parametrize("reader", ["text", "html"])
@pytest.mark.parametrize("character", ["\x01", "\x1b", "\x7f", "\x9b", "\ufffe", "\ud800"])
def test_control_characters_are_removed_and_said(reader: str, character: str) -> None:
    if reader == "text":
        outcome = _read(lambda: parse_text(a.with_cell(a.SEED_TEXT, f"1{character}")))
    else:
        page = a.HTML_PAGE.decode("utf-8").replace("<td", f"<td>{character}</td><td", 1)
        outcome = _read(lambda: parse_html(page))
    assert character not in _text_of(outcome.report)
    assert any(d.code == "P1.6" for d in outcome.diagnostics)


@pytest.mark.parametrize("reader", ["text", "html"])
@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u200f", "\u061c"])
def test_bidi_controls_in_labels_are_removed_and_the_label_still_read(
    reader: str, control: str
) -> None:
    if reader == "text":
        expected = parse_text(a.SEED_TEXT).report
        label = "本年新收政府信息公开申请数量"
        assert label in a.SEED_TEXT
        hostile = a.SEED_TEXT.replace(label, f"本年新收{control}政府信息公开申请数量", 1)
        outcome = _read(lambda: parse_text(hostile))
    else:
        page = a.HTML_PAGE.decode("utf-8")
        expected = parse_html(page).report
        label = "本年新收政府信息公开申请数量"
        assert label in page
        hostile = page.replace(label, f"本年{control}新收政府信息公开申请数量", 1)
        outcome = _read(lambda: parse_html(hostile))
    assert outcome.report == expected
    assert any(
        d.code == "P1.6" and f"U+{ord(control):04X}" in d.message for d in outcome.diagnostics
    )


@pytest.mark.parametrize(
    "cell", [a.TEN_THOUSAND_DIGITS, "1" + "0" * 4_300, a.BILLION_EXPONENT, "1e999999999"]
)
def test_huge_numbers_in_a_cell_are_unreadable_cells_not_errors(cell: str) -> None:
    outcome = _read(lambda: parse_text(a.with_cell(a.SEED_TEXT, cell)))
    cells = [c for r in outcome.report.applications.rows for c in r.cells]  # type: ignore[union-attr]
    assert [c.value for c in cells if c.raw == cell] == [None]
    assert all(len(str(abs(c.value))) <= 28 for c in cells if c.value is not None)
    assert any(d.code == "P1.1" and cell[:20] in d.message for d in outcome.diagnostics)
    _quickly(lambda: validate(outcome.report))


def test_ten_thousand_digits_in_a_sentence_are_not_an_error() -> None:
    text = a.SEED_TEXT.replace(
        "一、总体情况\n", f"一、总体情况\n本年共主动公开{a.TEN_THOUSAND_DIGITS}条。\n", 1
    )
    outcome = _read(lambda: parse_text(text))
    _quickly(lambda: validate(outcome.report))


def test_crawler_text_full_of_near_headings_is_read_quickly() -> None:
    """Each place a missing section's numeral stands costs a search for a misprinted heading."""
    near = "四、行政诉讼复议公开政府信息情况"  # words of the heading of 四, not near enough
    body = "一、总体情况本年无。" + near * 6_000 + "六、其他需要报告的事项无。"
    text = "标题: 某某县2023年政府信息公开工作年度报告\n==================== 正文 ====================\n"
    _read(lambda: parse_text(text + "某某县2023年政府信息公开工作年度报告 " + body))


# --- the exchange formats: numbers ------------------------------------------------------------


_MARK = 7_654_321


def _marked(data: object) -> bool:
    """Put _MARK in place of the first whole number 0 of a cell, in place."""
    if isinstance(data, dict):
        for key, value in data.items():
            if value == 0 and not isinstance(value, bool) and key not in {"year"}:
                data[key] = _MARK
                return True
            if _marked(value):
                return True
    elif isinstance(data, list):
        return any(_marked(item) for item in data)
    return False


def _json_with_number(number: str) -> str:
    """The seed report's JSON, its first 0 printed as ``number``."""
    data = json.loads(to_json(parse_text(a.SEED_TEXT).report))
    assert _marked(data)
    text = json.dumps(data, ensure_ascii=False)
    assert text.count(str(_MARK)) == 1
    return text.replace(str(_MARK), number)


def _xml_with_number(number: str) -> bytes:
    """The seed report's XML, its first 0 printed as ``number``."""
    xml = to_xml(parse_text(a.SEED_TEXT).report).decode("utf-8")
    marked, count = re.subn(r"(<[a-z_]+>)0(</[a-z_]+>)", rf"\g<1>{number}\g<2>", xml, count=1)
    assert count == 1
    return marked.encode("utf-8")


@pytest.mark.parametrize(
    "number", [a.TEN_THOUSAND_DIGITS, "1" + "0" * 4_300, "1E1000000000", "1e-1000000000"]
)
def test_json_numbers_beyond_any_report_are_refused(number: str) -> None:
    _refused(lambda: from_json(_json_with_number(number)))


@pytest.mark.parametrize("number", [a.TEN_THOUSAND_DIGITS, a.BILLION_EXPONENT])
def test_xml_numbers_beyond_any_report_are_refused(number: str) -> None:
    document = _xml_with_number(number)
    _refused(lambda: from_xml(document))


# --- PDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("pdf", ["truncated", "encrypted"])
def test_a_truncated_or_encrypted_pdf_is_refused(pdf: str) -> None:
    data = a.truncated_pdf() if pdf == "truncated" else a.encrypted_pdf()
    _refused(lambda: parse_bytes(data))
