"""Reader for HTML: a report as a government web page serves it, whole or as a body fragment.

What it reads:

* the encoding from a byte-order mark, ``<meta charset>`` or ``http-equiv`` Content-Type, or
  else by trying UTF-8 and then GB18030 (which covers GBK and GB2312);
* the report inside a full CMS page: the paragraphs and tables inside the smallest element
  holding the section headings, the title and the 发布日期 field printed above it; scripts,
  styles, forms, navigation and page furniture (打印本页, 关闭窗口 …) left out;
* paragraphs from block elements, split at ``<br>``; Word-exported HTML, where a label or
  even a number is split across ``<span>`` s, reads as one text;
* tables as grids by the HTML table model (``rowspan``, ``colspan``); a table that holds
  other tables, or has a single cell, is layout and its cells are read as blocks; in a cell,
  ``<br>`` and ``<p>`` end a line, ``&nbsp;`` is a space.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Final

from lxml import etree

from disclosure_report.errors import LimitExceededError, ParseError
from disclosure_report.limits import DEFAULT_LIMITS, Limits, check
from disclosure_report.model import Source

from ._guard import PARSER_DEPTH, deeper_than
from ._metadata import date_field, is_title
from ._raw import Block, RawCell, RawDocument, RawParagraph, diagnostic, place
from ._sections import heading

__all__ = ["decode_html", "read_html"]

_SKIPPED: Final = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "nav",
        "head",
        "map",
        "audio",
        "video",
    }
)
_BLOCKS: Final = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "blockquote",
        "pre",
        "center",
        "address",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "hr",
        "body",
        "html",
        "caption",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
    }
)
_FURNITURE: Final = re.compile(
    r"^(?:[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|分享到|扫一扫|收藏|"
    r"字体|字号|大|中|小|默认|我要纠错|下载|附件)\s*[】\]:：]?\s*)+$"
)
_META_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WHITESPACE: Final = re.compile(r"[ \t\n\r\f\xa0\u3000]+")
_MAX_SPAN: Final = 1000
_LOCAL: Final = threading.local()
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_CLEANED: Final = "P1.6"


def _parser() -> etree.HTMLParser:
    """This thread's HTML parser (lxml parsers are not shared between threads)."""
    parser: etree.HTMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = etree.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True
        )
    return parser


def decode_html(data: bytes) -> str:
    """The text of an HTML page: BOM, then ``<meta charset>``, then UTF-8, then GB18030.

    A byte-order mark or a ``<meta charset>`` the bytes do not follow (GBK bytes declared as
    UTF-8, as some CMS serve them) is not trusted: the bytes are sniffed instead.
    """
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                data = data[len(bom) :]  # a wrong mark: sniff instead
                break
    declared = _META_CHARSET.search(data[:4096])
    if declared is not None:
        name = declared[1].decode("ascii").lower()
        if name in {"gb2312", "gbk", "x-gbk"}:
            name = "gb18030"  # the superset: pages labelled GB2312 use GBK characters
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label: sniff instead
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


_INTERNAL_SUBSET: Final = re.compile(r"<!DOCTYPE[^>\[]{0,1000}\[", re.I)
"""A DOCTYPE with declarations of its own (entities): no web page has one."""


def _parse(text: str, limits: Limits) -> etree._Element:
    # lxml refuses str input that declares its own encoding; the text is decoded already.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    if _INTERNAL_SUBSET.search(text):
        # The HTML parser would neither load nor expand them, but a page declaring entities
        # is an attack, not a report.
        msg = "the HTML page declares entities in its DOCTYPE: not read (no web page does)"
        raise ParseError(msg)
    parser = _parser()
    try:
        # lxml.html's parser, without its element classes: a third faster, and nothing here
        # needs their methods.
        root = etree.fromstring(text, parser) if text.strip() else None
    except (etree.ParserError, ValueError) as error:
        msg = f"the HTML cannot be read: {error}"
        raise ParseError(msg) from error
    for entry in parser.error_log:
        # libxml2 stops at its own limits (256 levels, 10 MB of text in one run) and keeps
        # what it read so far: the rest of the page would be lost without a word.
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            if "depth" in entry.message:
                raise LimitExceededError(
                    "max_html_depth",
                    PARSER_DEPTH + 1,
                    min(limits.max_html_depth, PARSER_DEPTH),
                    "the HTML page (nesting depth, at least)",
                )
            msg = f"the HTML page is beyond what an HTML parser reads: {entry.message.strip()}"
            raise ParseError(msg)
    if root is None:
        msg = "the HTML page is empty"
        raise ParseError(msg)
    if deeper_than(root, limits.max_html_depth):
        raise LimitExceededError(
            "max_html_depth",
            limits.max_html_depth + 1,
            limits.max_html_depth,
            "the HTML page (nesting depth, at least)",
        )
    return root


def _flat(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        number = int((value or "1").strip())
    except ValueError:
        return 1
    return max(0, min(number, _MAX_SPAN))


class _Walker:
    """Walks an HTML tree in document order, yielding paragraphs and tables with their element.

    A paragraph's element is the innermost block element open when its text began.
    """

    def __init__(self, limits: Limits) -> None:
        self.buffer: list[str] = []
        self.owner: etree._Element | None = None
        self.open: list[etree._Element] = []
        self.tables = 0
        self.limits = limits
        self.slots = 0
        """Grid slots the cells of the tables so far cover (checked before they are placed)."""

    def add(self, text: str) -> None:
        if not self.buffer and self.open:
            self.owner = self.open[-1]
        self.buffer.append(text)

    def flush(self) -> Iterator[tuple[Block, etree._Element]]:
        text = _flat("".join(self.buffer)).strip()
        self.buffer = []
        if text and self.owner is not None:
            yield RawParagraph(text=text, source=Source(line=self.owner.sourceline)), self.owner

    def walk(self, element: etree._Element) -> Iterator[tuple[Block, etree._Element]]:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED or not tag:
            return
        if tag == "table":
            yield from self.flush()
            yield from self.table(element)
            return
        if tag == "br":
            yield from self.flush()
            return
        block = tag in _BLOCKS
        if block:
            yield from self.flush()
            self.open.append(element)
        if element.text:
            self.add(element.text)
        for child in element:
            yield from self.walk(child)
            if child.tail:
                self.add(child.tail)
        if block:
            yield from self.flush()
            self.open.pop()

    def table(self, element: etree._Element) -> Iterator[tuple[Block, etree._Element]]:
        rows = [tr for tr in element.iter("tr") if _owner_table(tr) is element]
        cells = [[c for c in tr if c.tag in {"td", "th"}] for tr in rows]
        nested = any(True for t in element.iter("table") if t is not element)
        if nested or sum(len(r) for r in cells) <= 1:
            # Layout: the page's frame, or one box. Its cells hold the text.
            for row in cells:
                for cell in row:
                    yield from self.walk(cell)
            return
        index = self.tables
        self.tables += 1
        check(self.limits, "max_tables", self.tables)
        placed: list[tuple[Source, list[RawCell]]] = []
        for r, (tr, row) in enumerate(zip(rows, cells, strict=True)):
            out = []
            for c, cell in enumerate(row):
                raw = RawCell(
                    text=_cell_text(cell),
                    source=Source(line=cell.sourceline, table=index, row=r, cell=c),
                    row_span=_span(cell.get("rowspan")),
                    col_span=max(1, _span(cell.get("colspan"))),
                )
                # Placing a merged cell costs a step per slot it covers: count them first.
                below = len(rows) - r
                self.slots += raw.col_span * (
                    below if raw.row_span <= 0 else min(raw.row_span, below)
                )
                check(self.limits, "max_cells", self.slots)
                out.append(raw)
            placed.append((Source(line=tr.sourceline, table=index, row=r), out))
        table = place(placed, Source(line=element.sourceline, table=index))
        yield table, element


def _owner_table(row: etree._Element) -> etree._Element | None:
    parent = row.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cell_text(cell: etree._Element) -> str:
    """A cell's text, one line per ``<br>``, ``<p>`` or ``<div>``; spaces collapsed."""
    if len(cell) == 0:
        return _flat(cell.text or "").strip()
    if len(cell) == 1 and len(cell[0]) == 0 and cell[0].tag in {"p", "span", "div", "font"}:
        only = cell[0]  # the usual cell: <td><p>821</p></td>
        return _flat(f"{cell.text or ''}{only.text or ''}{only.tail or ''}").strip()
    parts: list[str] = []

    def visit(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED:
            return
        if tag == "br" or tag in {"p", "div", "li"}:
            parts.append("\n")
        if element.text and tag:
            parts.append(element.text)
        for child in element:
            visit(child)
            if child.tail:
                parts.append(child.tail)
        if tag in {"p", "div", "li"}:
            parts.append("\n")

    if cell.text:
        parts.append(cell.text)
    for child in cell:
        visit(child)
        if child.tail:
            parts.append(child.tail)
    lines = (_flat(line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _container(blocks: list[tuple[Block, etree._Element]]) -> etree._Element | None:
    """The smallest element holding every section heading, when the page has two or more."""
    position = -1
    elements = []
    for block, element in blocks:
        if isinstance(block, RawParagraph) and (found := heading(block.text, position)):
            position = found[0]
            elements.append(element)
    if len(elements) < 2:
        return None
    chains = [[*reversed(list(e.iterancestors())), e] for e in elements]
    common = None
    for level in zip(*chains, strict=False):
        if all(e is level[0] for e in level):
            common = level[0]
        else:
            break
    return common


_TITLE_SEPARATORS: Final = re.compile(r"\s*(?:_|\||\uff5c|—|--| - )\s*")
_WEB_ADDRESS: Final = re.compile(r"https?://\S+\Z", re.IGNORECASE)
_TITLE_META: Final = ("articletitle", "title", "og:title", "dc.title")
_DATE_META: Final = (
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "dc.date",
    "article:published_time",
)


def _address(root: etree._Element, metas: dict[str, str]) -> str | None:
    """The page's own address, when it states one: its canonical link, else ``og:url``."""
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = _flat(link.get("href") or "").strip()
            if _WEB_ADDRESS.match(href):
                return href
    found = metas.get("og:url", "")
    return found if _WEB_ADDRESS.match(found) else None


def _page_fields(root: etree._Element) -> tuple[str | None, str | None, str | None]:
    """The title, publication date and address a page states apart from its text.

    Government CMS pages name them in ``<meta name="ArticleTitle">`` and
    ``<meta name="PubDate">``; the ``<title>`` holds the article's title among the site's
    names (``…年度报告_政府信息公开_某某市人民政府``), of which the part that reads as a report
    title is kept.
    """
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = _flat(meta.get("content") or "").strip()
        if name and content:
            metas.setdefault(name, content)
    title = next((metas[n] for n in _TITLE_META if n in metas and is_title(metas[n])), None)
    if title is None:
        page = _flat(root.findtext(".//title") or "").strip()
        parts = [p for p in _TITLE_SEPARATORS.split(page) if p]
        title = next((p for p in parts if is_title(p)), parts[0] if parts else None)
    published = next((metas[n] for n in _DATE_META if n in metas), None)
    if published is not None:
        published = f"发布日期：{published}"
    return title or None, published, _address(root, metas)


def read_html(data: bytes | str, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read an HTML page or fragment into paragraphs and grid tables.

    Raises:
        ParseError: the page cannot be parsed as HTML at all.
        LimitExceededError: the page nests deeper than :attr:`Limits.max_html_depth`, or its
            tables are over :attr:`Limits.max_tables` or :attr:`Limits.max_cells`.
    """
    text = decode_html(data) if isinstance(data, bytes) else data
    # A lone surrogate (only a str can hold one) would end lxml's reading of the page there.
    surrogates = sorted({f"U+{ord(c):04X}" for c in _SURROGATE.findall(text)})
    if surrogates:
        text = _SURROGATE.sub("", text)
    root = _parse(text, limits)
    document = RawDocument()
    if surrogates:
        document.diagnostics.append(
            diagnostic(_CLEANED, f"removed {', '.join(surrogates)} (lone surrogates)")
        )
    document.title, document.publication_date, document.address = _page_fields(root)
    body = root.find("body")
    walker = _Walker(limits)
    blocks = list(walker.walk(body if body is not None else root))
    blocks.extend(walker.flush())
    container = _container(blocks)
    if container is not None:
        inside = set(container.iter())
        first = next(i for i, (_, e) in enumerate(blocks) if e in inside)
        before = blocks[:first]
        kept = [b for b, e in blocks if e in inside]
        title = next(
            (b for b, _ in reversed(before) if isinstance(b, RawParagraph) and is_title(b.text)),
            None,
        )
        fields = [
            b for b, _ in before if isinstance(b, RawParagraph) and date_field(b.text) is not None
        ]
        if fields and document.publication_date is None:
            document.publication_date = fields[-1].text
        head = [title] if title is not None else []
        document.blocks = [*head, *kept]
    else:
        document.blocks = [b for b, _ in blocks]
    document.blocks = [
        b for b in document.blocks if not (isinstance(b, RawParagraph) and _FURNITURE.match(b.text))
    ]
    return document
