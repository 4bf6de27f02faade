"""Reader for crawler text: a web page's text with its tables flattened into the sentences.

A crawler saves a report page as plain text: a header block of fields, then the body, often
on one line, where every table row became its label followed by the digits of its cells run
together (``一、本年新收政府信息公开申请数量230 000023``). Grammar::

    document = [ header SEPARATOR ] body
    header   = { FIELD ":" value NEWLINE }       (标题, 发布时间, 原文链接, 文号, 栏目 …)
    SEPARATOR = a line of "=" around 正文
    body     = [ furniture ] [ title ] preamble { heading section }

Section headings are found where they stand in the stream, glued to the text before and
after them (``…联系。一、总体情况2019年，…``): a heading label of the format after an item
numeral. The text of a table section is read by :mod:`._flat` (every declared label, the run
of digits after it); the cells of each run are recovered from the table's arithmetic by the
table stage. Page furniture before the title (``当前位置：首页…``) is left out by the builder,
and after it (``来源：… 微信 微博 …``) here, both with a finding.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterator
from functools import cache
from typing import Final

from disclosure_report.diagnostics import Location
from disclosure_report.model import Source
from disclosure_report.tables import EDITIONS, Along, SectionSpec, TableSpec, normalise_label

from ._flat import PAGE_NUMBER, flat_blocks, fold_character
from ._metadata import is_title, year_of
from ._raw import Block, RawDocument, RawParagraph, diagnostic
from ._sections import near_prefix, section_index

__all__ = ["is_crawler_text", "read_crawler"]

_SEPARATOR: Final = re.compile(r"^\s*={3,}\s*正文\s*={3,}\s*$", re.M)
_FIELD: Final = re.compile(r"^\s*([^\s:：]{1,12})\s*[:：]\s*(.*?)\s*$")
_TITLE_FIELDS: Final = ("标题", "题目", "文章标题")
_DATE_FIELDS: Final = ("发布时间", "发布日期", "成文日期", "时间", "日期")
_ADDRESS_FIELDS: Final = ("原文链接", "链接", "网址", "url", "URL")
_STATED_FIELDS: Final = frozenset((*_TITLE_FIELDS, *_DATE_FIELDS, *_ADDRESS_FIELDS))
_HEADER_FIELDS: Final = _STATED_FIELDS | {
    "文号",
    "发布机构",
    "栏目",
    "本地目录",
    "来源",
    "信息来源",
    "索引号",
    "作者",
}
"""The fields a crawler writes above the body; at the top of a text without the 正文 line,
they are read as its header."""
_NUMERALS: Final = frozenset("一二三四五六七八九十")
_POSITION_NUMERALS: Final = "一二三四五六"
"""The numeral of each of the six sections, by position."""
_MOST_MISPRINT_CANDIDATES: Final = 4
"""Places a missing section's numeral stands that are tried as its misprinted heading (each
costs some milliseconds: a text full of 四、 is not searched to its end)."""
_FURNITURE_FIELD: Final = re.compile(
    r"^(?:来源|信息来源|时间|发布时间|发布日期|作者|浏览次数|点击数|访问量|字号)\s*[:：]"
)
_FURNITURE_WORDS: Final = frozenset(
    {
        "微信",
        "微博",
        "QQ空间",
        "全真版",
        "文字版",
        "文件下载",
        "打印",
        "关闭",
        "关闭窗口",
        "打印本页",
        "分享",
        "分享到",
        "收藏",
        "-->",
        "<!--",
        "【大】",
        "【中】",
        "【小】",
        "大",
        "中",
        "小",
        "相关链接",
        "相关链接：",
        "相关链接:",
    }
)
_CLOCK: Final = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_UNPLACED: Final = "P1.10"


def _fold(text: str) -> str:
    """NFKC where it keeps one character per character (full-width digits, spaces)."""
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) == len(text):
        return folded  # the usual case: offsets stay where they were
    out = []
    for c in text:
        folded = unicodedata.normalize("NFKC", c)
        out.append(folded if len(folded) == 1 else c)
    return "".join(out)


class _Lines:
    """Line numbers of offsets in the whole input."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def source(self, offset: int) -> Source:
        return Source(line=bisect.bisect_right(self.starts, offset))


def _header(text: str) -> tuple[dict[str, tuple[str, int]], int]:
    """The header fields (name -> value, offset) and where the body starts."""
    separator = _SEPARATOR.search(text)
    if separator is None:
        return _leading_fields(text)
    fields: dict[str, tuple[str, int]] = {}
    offset = 0
    for line in text[: separator.start()].split("\n"):
        match = _FIELD.match(line)
        if match is not None and match[2]:
            fields.setdefault(match[1], (match[2], offset + match.start(2)))
        offset += len(line) + 1
    return fields, separator.end()


def _leading_fields(text: str) -> tuple[dict[str, tuple[str, int]], int]:
    """A header block without the 正文 line: the field lines at the very top of the text.

    Only fields a crawler writes count (标题, 发布时间, 原文链接, 栏目 …), and only when one
    of them is the title, the date or the address; the body starts after the last of them.
    """
    fields: dict[str, tuple[str, int]] = {}
    offset = end = 0
    for line in text.split("\n"):
        match = _FIELD.match(line)
        if match is not None and match[1] in _HEADER_FIELDS:
            if match[2]:
                fields.setdefault(match[1], (match[2], offset + match.start(2)))
            end = offset + len(line) + 1
        elif line.strip():
            break
        offset += len(line) + 1
    if not any(name in fields for name in _STATED_FIELDS):
        return {}, 0
    return fields, min(end, len(text))


def _field(fields: dict[str, tuple[str, int]], names: tuple[str, ...]) -> tuple[str, int] | None:
    return next((fields[n] for n in names if n in fields), None)


# --- section headings in the stream ------------------------------------------------------------


def _headings(body: str) -> Iterator[tuple[int, int, int, SectionSpec]]:
    """(start, end, position, section) of each heading, in order, positions increasing.

    A heading is a heading label of the format (or a variant) with an item numeral before it
    (一、 二. 三 …), not in brackets and not glued to a word before it.
    """
    # Each character folded once (the folded strings are cached and shared), and the place of
    # each folded character in an array of machine integers: a list of int and str objects
    # here took forty times the text's size in memory.
    parts = [fold_character(c) for c in body]
    flat = "".join(parts)
    kept = array("q")
    for i, part in enumerate(parts):
        if len(part) == 1:
            kept.append(i)
        elif part:
            kept.extend([i] * len(part))
    del parts
    found: list[tuple[int, int, int, SectionSpec]] = []
    for key, (position, section) in section_index().items():
        at = flat.find(key)
        while at >= 0:
            start = kept[at]
            end = kept[at + len(key) - 1] + 1
            numeral = _numeral_before(body, start, _POSITION_NUMERALS[position])
            if numeral is not None:
                found.append((numeral, end, position, section))
            at = flat.find(key, at + 1)
    found.sort(key=lambda f: (f[0], -f[1]))
    chosen: list[tuple[int, int, int, SectionSpec]] = []
    last_position, last_end = -1, -1
    for start, end, position, section in found:
        if position > last_position and start >= last_end:
            chosen.append((start, end, position, section))
            last_position, last_end = position, end
    yield from _with_misprinted(body, chosen)


def _with_misprinted(
    body: str, chosen: list[tuple[int, int, int, SectionSpec]]
) -> Iterator[tuple[int, int, int, SectionSpec]]:
    """The headings found, with any misprinted heading of a section between two of them.

    A misprinted heading (``四、政府信息公开行政法复议、行政诉讼情况``) is its section's numeral,
    then words near its label (see :func:`._sections.near_prefix`).
    """
    sections = {position: section for _, (position, section) in section_index().items()}
    bounds = [(-1, 0), *((p, e) for _, e, p, _ in chosen)]
    nexts = [*(s for s, _, _, _ in chosen), len(body)]
    for n, (last_position, region_start) in enumerate(bounds):
        if n > 0:
            yield chosen[n - 1]
        region_end = nexts[n]
        next_position = chosen[n][2] if n < len(chosen) else len(_POSITION_NUMERALS)
        at = region_start
        for position in range(last_position + 1, next_position):
            numeral = _POSITION_NUMERALS[position]
            matches = re.finditer(f"{numeral}[、.．]", body[at:region_end])
            for match in itertools.islice(matches, _MOST_MISPRINT_CANDIDATES):
                start = at + match.start()
                if _numeral_before(body, start + 1, numeral) != start:
                    continue
                label_start = start + match.end() - match.start()
                length = near_prefix(body[label_start:region_end], position)
                if length is not None:
                    yield start, label_start + length, position, sections[position]
                    at = label_start + length
                    break


def _numeral_before(body: str, start: int, expected: str) -> int | None:
    """Where the item numeral before a heading label starts, if there is one.

    The numeral may be glued to a word before it (``…32.52元三、收到和处理…``) only when it is
    the section's own numeral: ``统一、主动公开…`` holds no heading.
    """
    i = start
    while i > 0 and body[i - 1] in " \u3000\t、.．,，":
        i -= 1
    end = i
    while i > 0 and body[i - 1] in _NUMERALS:
        i -= 1
    if i == end or end - i > 2:
        return None
    before = body[i - 1] if i > 0 else ""
    if before in "（(":
        return None
    if before and unicodedata.category(before) == "Lo" and body[i:end] != expected:
        return None
    return i


# --- the text before section 一 ----------------------------------------------------------------


def _title_span(head: str) -> tuple[int, int] | None:
    """Where a report title stands in the text before section 一 (a word of its own)."""
    for match in re.finditer(r"\S+", head):
        word = match[0]
        if is_title(word) and year_of(word) is not None:
            return match.start(), match.end()
    return None


def _furniture_end(text: str) -> int:
    """How much of ``text`` is page furniture (来源：… 时间：… 微信 微博 … 相关链接：-->)."""
    end = 0
    for match in re.finditer(r"\S+", text):
        word = match[0]
        if _FURNITURE_FIELD.match(word) or word in _FURNITURE_WORDS or _CLOCK.match(word):
            end = match.end()
            continue
        break
    return end


def _paragraphs(text: str, offset: int, lines: _Lines) -> list[Block]:
    blocks: list[Block] = []
    at = offset
    for line in text.split("\n"):
        if line.strip():
            start = at + len(line) - len(line.lstrip())
            blocks.append(RawParagraph(text=line.strip(), source=lines.source(start)))
        at += len(line) + 1
    return blocks


def _shifted(lines: _Lines, offset: int) -> Callable[[int], Source]:
    """The source of an offset into a stretch of text that starts at ``offset``."""
    return lambda at: lines.source(offset + at)


def read_crawler(text: str) -> RawDocument:
    """Read crawler text into paragraphs and flattened tables.

    Args:
        text: the whole text, decoded.

    Returns:
        The raw document: the header's title, publication date and page address; the body's
        paragraphs; each table section's rows, with their values as runs to recover.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = _Lines(text)
    document = RawDocument()
    fields, body_start = _header(text)
    title_field = _field(fields, _TITLE_FIELDS)
    date_field = next(((n, fields[n]) for n in _DATE_FIELDS if n in fields), None)
    address = _field(fields, _ADDRESS_FIELDS)
    if title_field is not None:
        document.title = title_field[0]
    if date_field is not None:
        document.publication_date = f"{date_field[0]}：{date_field[1][0]}"
    if address is not None:
        document.address = address[0]
    body = text[body_start:]
    # A PDF's text prints page numbers between the rows of a table (``- 4 -``): blanked where
    # they stand, so that no run of values takes them in and every offset stays as it was.
    pages = PAGE_NUMBER.findall(body)
    if pages:
        body = PAGE_NUMBER.sub(lambda match: " " * len(match[0]), body)
        document.diagnostics.append(
            diagnostic(_UNPLACED, f"{len(pages)} page number line(s) left out", Location())
        )

    def say(message: str, source: Source) -> None:
        document.diagnostics.append(diagnostic(_UNPLACED, message, Location(source=source)))

    headings = list(_headings(body))
    first = headings[0][0] if headings else len(body)
    head = body[:first]
    span = _title_span(head)
    if span is None:
        if title_field is not None:
            document.blocks.append(
                RawParagraph(text=title_field[0], source=lines.source(title_field[1]))
            )
        document.blocks.extend(_paragraphs(head, body_start, lines))
    else:
        start, end = span
        document.blocks.extend(_paragraphs(head[:start], body_start, lines))
        document.blocks.append(
            RawParagraph(text=head[start:end], source=lines.source(body_start + start))
        )
        rest = head[end:]
        cut = _furniture_end(rest)
        if cut:
            document.diagnostics.append(
                diagnostic(
                    _UNPLACED,
                    f"page furniture after the title left out: {' '.join(rest[:cut].split())!r}",
                    Location(source=lines.source(body_start + end)),
                )
            )
        document.blocks.extend(_paragraphs(rest[cut:], body_start + end + cut, lines))

    if not headings:
        document.blocks.extend(
            flat_blocks(_fold(body[first:]), _shifted(lines, body_start + first), say=say)
        )
        return document
    for n, (start, end, _, section) in enumerate(headings):
        stop = headings[n + 1][0] if n + 1 < len(headings) else len(body)
        document.blocks.append(
            RawParagraph(text=body[start:end].strip(), source=lines.source(body_start + start))
        )
        content = body[end:stop]
        offset = body_start + end
        if isinstance(section, TableSpec):
            unlabelled = any(not row.label for row in section.rows)
            blocks = flat_blocks(
                _fold(content), _shifted(lines, offset), unlabelled=unlabelled, say=say
            )
            document.blocks.extend(blocks)
        else:
            document.blocks.extend(_paragraphs(content, offset, lines))
    return document


@cache
def _row_keys() -> tuple[str, ...]:
    """Normalised labels of the rows of 三 (both editions), the rows every report prints."""
    keys: dict[str, None] = {}
    for spec in EDITIONS.values():
        for table in spec.tables:
            if any(i.along is Along.COLUMN for i in table.identities):
                keys.update((normalise_label(r.label), None) for r in table.rows)
    return tuple(k for k in keys if len(k) >= 4)


def is_crawler_text(text: str) -> bool:
    """True for crawler text: a header block over 正文, or table rows flattened into lines.

    Flattened rows are declared row labels followed directly by digits
    (``…申请数量230 000023``); three of them, and no lines of TAB-separated cells (the Word
    extraction form), make the text crawler text.
    """
    if _SEPARATOR.search(text[:5000]) is not None:
        return True
    if text.count("\t") > 20:
        return False
    folded = _fold(text)
    flattened = 0
    for key in _row_keys():
        at = folded.find(key)
        while at >= 0:
            # (a PDF's text laid out as printed puts many spaces before the values)
            after = folded[at + len(key) : at + len(key) + 60].lstrip(" \u3000\xa0")
            if after[:1].isdigit():
                flattened += 1
                break
            at = folded.find(key, at + 1)
        if flattened >= 3:
            return True
    return False
