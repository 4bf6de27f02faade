"""Mutation fuzzing of every reader: the corpus files, damaged, and the properties they must keep.

Shared by the bounded suite in ``test_fuzz.py`` and the on-demand harness ``tools/fuzz.py``.

Inputs are corpus files damaged by a few mutations at a time (bytes or characters flipped,
inserted, deleted, repeated, and tokens a reader cares about spliced in: tabs, headings,
table markup, spans, long digit runs, control and bidirectional characters). What is
checked of each input, whatever it is:

1. only the documented exceptions: :class:`ParseError` from the parsers (its limits
   included) and :class:`SerialiseError` from the codecs, and never a ``ParseError`` that
   wraps a fault of ours ("internal error");
2. every report returned fits its edition
   (:func:`~disclosure_report.conformance.nonconformities` finds nothing) and comes back
   equal through ``to_xml``/``from_xml`` and ``to_json``/``from_json``;
3. no number in a parsed report that is not in its input: every cell's value is printed in
   the input (its printed text ``raw`` when it has one, else its digits), in the input's text
   as the reader sees it (decoded, markup and the characters the reader removes and reports
   left out, NFKC, whitespace removed).
"""

from __future__ import annotations

import copy
import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from hypothesis import strategies as st
from lxml import etree

from disclosure_report import (
    ParseError,
    ParseResult,
    Report,
    SerialiseError,
    Table,
    from_json,
    from_xml,
    parse_bytes,
    parse_file,
    to_json,
    to_xml,
)
from disclosure_report.conformance import nonconformities
from disclosure_report.parse import Form, detect
from disclosure_report.parse._detect import ZIP_ERRORS, decode_text
from disclosure_report.parse.html import decode_html
from disclosure_report.tables import edition_spec

CORPUS = Path(__file__).parents[1] / "corpus"


def _files(*suffixes: str) -> list[bytes]:
    """The corpus reports of these forms (not PROVENANCE.md)."""
    return [
        p.read_bytes()
        for p in sorted(CORPUS.iterdir())
        if p.suffix in suffixes and p.stem[:1].isdigit()
    ]


TEXT_SEEDS = _files(".txt", ".md")
HTML_SEEDS = _files(".html")
DOCX_SEEDS = _files(".docx")
PDF_SEEDS = _files(".pdf")


def _reports() -> list[Report]:
    reports = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in {".txt", ".html", ".docx"}:
            try:
                reports.append(parse_file(path).report)
            except ParseError:
                continue
    return reports


_REPORTS = _reports()
XML_SEEDS = [to_xml(r) for r in _REPORTS]
JSON_SEEDS = [to_json(r).encode("utf-8") for r in _REPORTS]

# --- mutations ------------------------------------------------------------------------------

_TOKENS = [
    "\t",
    "\n",
    "\n\n",
    "\r",
    " ",
    "\u3000",
    "\xa0",
    "0",
    "1",
    "7",
    "99999999999999999999999999999",
    "9" * 60,
    "1E+1000000000",
    "-",
    "+",
    ".",
    ",",
    "万",
    "元",
    "万元",
    "件",
    "（",
    "）",
    "(",
    ")",
    "【注】",
    "—",
    "/",
    "无",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "（一）",
    "（七）总计",
    "总计",
    "合计",
    "自然人",
    "本年新收政府信息公开申请数量",
    "2019年",
    "2021年政府信息公开工作年度报告",
    "[bookmark: _GoBack]",
    "\x00",
    "\x01",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x9b",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ufffd",
    "&#1;",
    "&nbsp;",
    "&amp;",
    "<",
    ">",
    "</",
    "<br>",
    "<p>",
    "</p>",
    "<div>",
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    '<td rowspan="0">',
    '<td colspan="40">',
    '<td rowspan="7" colspan="3">',
    "<th>",
    '<meta charset="gbk">',
    "<title>2020年某某局政府信息公开工作年度报告</title>",
    "<w:p>",
    "</w:p>",
    "<w:r><w:t>",
    "</w:t></w:r>",
    "<w:tab/>",
    "<w:br/>",
    '<w:gridSpan w:val="9"/>',
    '<w:gridSpan w:val="-3"/>',
    '<w:vMerge w:val="restart"/>',
    "<w:vMerge/>",
    '<w:gridBefore w:val="4"/>',
    "<w:tc>",
    "</w:tc>",
    "<w:tr>",
    "</w:tr>",
    "<w:tbl>",
    "</w:tbl>",
    '"',
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "true",
    '"value":',
    '"marker":"/"',
    '"raw":"x"',
    "-0",
    "1e5",
    "0.5",
    'edition="2021"',
    'edition="2019"',
]


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    """``text`` with one to eight character-level mutations."""
    characters = list(text)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "repeat", "swap"]))
        at = draw(st.integers(0, len(characters)))
        if kind == "insert" or not characters:
            token = draw(st.sampled_from(_TOKENS) | st.text(max_size=4))
            characters[at:at] = list(token)
        elif kind == "delete":
            characters[at : at + draw(st.integers(1, 200))] = []
        elif kind == "replace":
            token = draw(st.sampled_from(_TOKENS))
            characters[at : at + len(token)] = list(token)
        elif kind == "repeat":
            piece = characters[at : at + draw(st.integers(1, 400))]
            characters[at:at] = piece * draw(st.integers(1, 4))
        else:
            other = draw(st.integers(0, len(characters)))
            size = draw(st.integers(1, 300))
            a, b = sorted((at, other))
            if b - a >= size:
                characters[a : a + size], characters[b : b + size] = (
                    characters[b : b + size],
                    characters[a : a + size],
                )
    return "".join(characters)


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with one to eight byte-level mutations (then cut, sometimes)."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(0, len(out) - 1)))
        kind = draw(st.sampled_from(["flip", "insert", "delete"]))
        if kind == "flip" and out:
            out[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            out[at : at + draw(st.integers(1, 64))] = b""
    if draw(st.booleans()) and len(out) > 1:
        out = out[: draw(st.integers(1, len(out)))]
    return bytes(out)


def _encoded(draw: st.DrawFn, text: str) -> bytes:
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "gb18030", "utf-16", "utf-8-sig"]))
    return text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "replace")


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WORD_SNIPPETS = [
    "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>",
    "<w:p><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p>",
    "<w:tc><w:p><w:r><w:t>7</w:t></w:r></w:p></w:tc>",
    "<w:tc><w:tcPr><w:gridSpan w:val='3'/></w:tcPr><w:p><w:r><w:t>总计</w:t></w:r></w:p></w:tc>",
    "<w:tcPr><w:gridSpan w:val='2'/></w:tcPr>",
    "<w:tcPr><w:vMerge w:val='restart'/></w:tcPr>",
    "<w:tcPr><w:vMerge/></w:tcPr>",
    "<w:trPr><w:gridBefore w:val='2'/></w:trPr>",
    "<w:tr><w:tc><w:p><w:r><w:t>自然人</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>",
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    "<w:r><w:fldChar w:fldCharType='begin'/></w:r>",
    "<w:r><w:instrText>PAGE 9</w:instrText></w:r>",
    "<w:r><w:fldChar w:fldCharType='separate'/></w:r>",
    "<w:r><w:fldChar w:fldCharType='end'/></w:r>",
    "<w:del><w:r><w:delText>5</w:delText></w:r></w:del>",
    "<w:ins><w:r><w:t>6</w:t></w:r></w:ins>",
    "<w:sdt><w:sdtContent><w:p><w:r><w:t>8</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    "<w:r><w:br/></w:r>",
    "<w:r><w:tab/></w:r>",
    "<w:r><w:t xml:space='preserve'> 1 036 </w:t></w:r>",
    "<w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr></w:pPr>",
]


def _snippet(text: str) -> etree._Element:
    return etree.fromstring(f'<w:x xmlns:w="{_W}">{text}</w:x>')[0]


@st.composite
def mutated_tree(draw: st.DrawFn, xml: bytes, snippets: list[str]) -> bytes:
    """``xml`` with one to six mutations of its tree: elements deleted, repeated, moved,
    inserted (``snippets``), their text or attributes replaced; well-formed throughout."""
    root = etree.fromstring(xml)
    for _ in range(draw(st.integers(1, 6))):
        elements = list(root.iter())
        element = elements[draw(st.integers(0, len(elements) - 1))]
        parent = element.getparent()
        kind = draw(st.sampled_from(["delete", "repeat", "move", "text", "attribute", "insert"]))
        if kind == "delete" and parent is not None:
            parent.remove(element)
        elif kind == "repeat" and parent is not None:
            for _ in range(draw(st.integers(1, 3))):
                element.addnext(copy.deepcopy(element))
        elif kind == "move" and parent is not None:
            target = elements[draw(st.integers(0, len(elements) - 1))]
            if element not in target.iterancestors() and target is not element:
                target.append(element)
        elif kind == "text":
            token = draw(st.sampled_from(_TOKENS) | st.text(max_size=6))
            element.text = _XML_SAFE.sub("", token)
        elif kind == "attribute" and element.attrib:
            name = draw(st.sampled_from(sorted(element.attrib)))
            value = draw(st.sampled_from(["0", "-1", "1", "3", "40", "99999", "", "restart", "x"]))
            element.set(name, value)
        elif kind == "insert" and snippets:
            element.insert(
                draw(st.integers(0, len(element))), _snippet(draw(st.sampled_from(snippets)))
            )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


_XML_SAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@st.composite
def text_inputs(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(TEXT_SEEDS))
    if draw(st.integers(0, 9)) == 0:
        return draw(mutated_bytes(seed))
    return _encoded(draw, draw(mutated_text(seed.decode("utf-8"))))


@st.composite
def html_inputs(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(HTML_SEEDS))
    if draw(st.integers(0, 9)) == 0:
        return draw(mutated_bytes(seed))
    return _encoded(draw, draw(mutated_text(seed.decode("utf-8"))))


def _rezip(seed: bytes, document: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(seed))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, document if name == "word/document.xml" else source.read(name))
    return out.getvalue()


@st.composite
def docx_inputs(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(DOCX_SEEDS))
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(mutated_bytes(seed))
    document = zipfile.ZipFile(io.BytesIO(seed)).read("word/document.xml")
    if choice <= 2:
        mutated = draw(mutated_text(document.decode("utf-8")))
        return _rezip(seed, mutated.encode("utf-8", errors="surrogatepass"))
    return _rezip(seed, draw(mutated_tree(document, _WORD_SNIPPETS)))


@st.composite
def pdf_inputs(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(PDF_SEEDS))
    if draw(st.integers(0, 4)) == 0:
        return draw(mutated_bytes(seed))
    # Mostly bytes changed in place: the file keeps its structure and is read in part.
    out = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    return bytes(out)


@st.composite
def xml_inputs(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(XML_SEEDS))
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(mutated_bytes(seed))
    if choice <= 3:
        return draw(mutated_text(seed.decode("utf-8"))).encode("utf-8", errors="surrogatepass")
    return draw(mutated_tree(seed, []))


@st.composite
def json_inputs(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(JSON_SEEDS))
    if draw(st.integers(0, 9)) == 0:
        return draw(mutated_bytes(seed))
    return draw(mutated_text(seed.decode("utf-8"))).encode("utf-8", errors="surrogatepass")


# --- the properties -------------------------------------------------------------------------

_UNSHOWN = re.compile(
    "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    "|[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    """Text as a cell's number is compared: the reader's removals undone, NFKC, no spaces."""
    text = _ARTEFACT.sub("", _UNSHOWN.sub("", text))
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def haystack(data: bytes) -> str:
    """The text of an input as its reader sees it (best effort, never narrower)."""
    if data.startswith(b"PK"):
        parts = []
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    try:
                        parts.append(archive.read(name).decode("utf-8", "replace"))
                    except ZIP_ERRORS:
                        continue
        except ZIP_ERRORS:
            return ""
        return _normal(html.unescape(_TAG.sub("", "".join(parts))))
    if _is_pdf(data):
        return _pdf_text(data)
    try:
        text = decode_text(data)
    except ParseError:
        text = ""
    page = decode_html(data)
    return _normal(text) + "\n" + _normal(html.unescape(_TAG.sub("", page)))


def _is_pdf(data: bytes) -> bool:
    """Whether the parser reads ``data`` as a PDF (whatever comes before its ``%PDF-``)."""
    try:
        return detect(data) is Form.PDF
    except ParseError:
        return False


def _pdf_text(data: bytes) -> str:
    """A PDF's text layer: its characters in the order drawn, and line by line as laid out."""
    import pdfplumber  # the [pdf] extra

    parts = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            for page in document.pages:
                parts.append("".join(str(c["text"]) for c in page.chars))
                parts.append(page.extract_text() or "")
    except Exception:  # a damaged PDF: what was read so far
        pass
    return _normal("\n".join(parts))


def _tables(report: Report) -> list[Table]:
    found = []
    for spec in edition_spec(report.edition).tables:
        table = getattr(report, spec.key)
        if isinstance(table, Table):
            found.append(table)
    return found


def _printed(value: int | Decimal) -> str:
    return str(abs(value)) if isinstance(value, int) else format(abs(value), "f")


def invented_numbers(report: Report, data: bytes) -> list[str]:
    """The cell values of ``report`` not printed in ``data``."""
    text = haystack(data)
    invented = []
    for table in _tables(report):
        for row in table.rows:
            for cell in row.cells:
                if cell.value is None:
                    continue
                printed = _normal(cell.raw) if cell.raw is not None else _printed(cell.value)
                if printed not in text:
                    invented.append(f"{row.key}/{cell.column}={cell.value} ({cell.raw!r})")
    return invented


def check_report(report: Report) -> None:
    """A report returned by any reader fits its edition and round-trips through both codecs."""
    found = nonconformities(report)
    assert not found, found
    assert from_xml(to_xml(report)) == report
    assert from_json(to_json(report)) == report


def check_parse(data: bytes, parse: Callable[[bytes], ParseResult] = parse_bytes) -> None:
    """The properties of a parser on ``data``."""
    try:
        result = parse(data)
    except ParseError as error:
        if str(error).startswith("internal error"):
            raise AssertionError(f"a fault of ours: {error.__cause__!r}") from error
        return
    check_report(result.report)
    invented = invented_numbers(result.report, data)
    assert invented == [], invented


def check_codec(data: bytes, read: Callable[[bytes], Report]) -> None:
    """The properties of ``from_xml`` or ``from_json`` on ``data``."""
    try:
        report = read(data)
    except SerialiseError:
        return
    check_report(report)


TARGETS: dict[str, tuple[st.SearchStrategy[bytes], Callable[[bytes], None]]] = {
    "text": (text_inputs(), check_parse),
    "html": (html_inputs(), check_parse),
    "docx": (docx_inputs(), check_parse),
    "pdf": (pdf_inputs(), check_parse),
    "xml": (xml_inputs(), lambda data: check_codec(data, from_xml)),
    "json": (json_inputs(), lambda data: check_codec(data, from_json)),
}
"""Each fuzz target: its inputs, and the check of one input."""
