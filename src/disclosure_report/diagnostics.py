"""Findings as data: :class:`Diagnostic`, its :class:`Location`, and the catalogue of codes.

Parsers and the validator never raise because of what a report says; they return
diagnostics. Each has a stable code (``R3.1`` for a rule of ``spec/FORMAT.md`` §7, ``P1.x``
for what the parser could only partly read; :data:`CODES` lists them all), an ordered
severity, the place it is about, the numbers it compares (:attr:`Diagnostic.expected`,
:attr:`Diagnostic.actual`, :attr:`Diagnostic.difference`) and a message a clerk can act on,
in Chinese by default and in English on request (:meth:`Diagnostic.text`).
``str(diagnostic)`` names the official table, row and column labels; :meth:`Diagnostic.to_dict`
is its JSON form.
"""

from __future__ import annotations

import enum
import string
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final, Literal, cast

import attrs
from attrs import Factory, field, frozen

from disclosure_report.errors import DisclosureReportError
from disclosure_report.model import Edition, Source
from disclosure_report.tables import TableSpec, edition_spec

__all__ = [
    "CODES",
    "FORMS",
    "LABEL_SEPARATOR",
    "LANGUAGES",
    "XML_ROOT",
    "CodeInfo",
    "Diagnostic",
    "Fix",
    "Lang",
    "Location",
    "Number",
    "Phrase",
    "Severity",
    "UnknownCodeError",
    "check_selectors",
    "code_matches",
    "locate",
    "without_restated",
]


LABEL_SEPARATOR: Final = " > "
"""Between the labels of a place: section > row path > column path.

Plain ASCII, so that any console encoding can print it (GBK/cp936 included)."""

XML_ROOT: Final = "report"
"""Local name of the root element of the XML vocabulary (:attr:`Location.xpath` starts there)."""

Lang = Literal["zh", "en"]
"""A language messages are written in: ``zh`` (the default) or ``en``."""
LANGUAGES: Final[tuple[Lang, ...]] = ("zh", "en")

Number = int | Decimal
"""What a cell's value can be."""


class Severity(enum.StrEnum):
    """How much a finding matters; ordered: ``ERROR > WARNING > INFO``."""

    ERROR = "error"
    """The report contradicts the official format or itself."""
    WARNING = "warning"
    """Suspicious or incomplete; real reports sometimes do this."""
    INFO = "info"
    """Worth knowing; nothing to fix (e.g. a rule that could not be checked)."""

    @property
    def rank(self) -> int:
        """2 for an error, 1 for a warning, 0 for a note: the order of severities."""
        return _RANKS[self]

    def label(self, lang: Lang = "zh") -> str:
        """The severity's name in ``lang`` (错误 / 警告 / 提示, or the English value)."""
        return _SEVERITY_ZH[self] if lang == "zh" else self.value

    def __lt__(self, other: str) -> bool:
        if isinstance(other, Severity):
            return self.rank < other.rank
        return NotImplemented

    def __le__(self, other: str) -> bool:
        if isinstance(other, Severity):
            return self.rank <= other.rank
        return NotImplemented

    def __gt__(self, other: str) -> bool:
        if isinstance(other, Severity):
            return self.rank > other.rank
        return NotImplemented

    def __ge__(self, other: str) -> bool:
        if isinstance(other, Severity):
            return self.rank >= other.rank
        return NotImplemented


_RANKS: Final = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}
_SEVERITY_ZH: Final = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


class UnknownCodeError(DisclosureReportError, ValueError):
    """A code selector (``select``, ``ignore``, ``--select``, ``--ignore``) names no code.

    Args:
        selector: the selector as given.
        suggestions: codes it may have meant.
    """

    def __init__(self, selector: str, suggestions: Iterable[str] = ()) -> None:
        self.selector = selector
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(
            f"{selector!r} names no diagnostic code (codes look like R3.1, R3, P1.4, P){hint}"
        )


# --- places ----------------------------------------------------------------------------------


def _source_text(source: Source, lang: Lang) -> str:
    """Where in the input: ``第3页，第42行，表1第5行第2格`` (the numbers as :class:`Source` holds them)."""
    if lang == "en":
        return str(source)
    parts = [
        template.format(value)
        for template, value in (("第{}页", source.page), ("第{}行", source.line))
        if value is not None
    ]
    cell = "".join(
        template.format(value)
        for template, value in (
            ("表{}", source.table),
            ("第{}行", source.row),
            ("第{}格", source.cell),
        )
        if value is not None
    )
    return "，".join([*parts, cell] if cell else parts) or "位置不明"


def _source_dict(source: Source | None) -> dict[str, int] | None:
    if source is None:
        return None
    found = {
        name: value
        for name, value in (
            ("page", source.page),
            ("line", source.line),
            ("table", source.table),
            ("row", source.row),
            ("cell", source.cell),
        )
        if value is not None
    }
    return found or None


@frozen(kw_only=True)
class Location:
    """A place in a report: a section, a row, a cell, or the whole report.

    Keys (:attr:`section`, :attr:`row`, :attr:`column`) make the identity; the official labels
    and the place in the input are there for people and left out of equality.
    """

    section: str | None = None
    row: str | None = None
    column: str | None = None
    labels: tuple[str, ...] = field(default=(), eq=False)
    """Official labels of the section, row (path) and column (path), as far as known."""
    source: Source | None = field(default=None, eq=False)

    @property
    def path(self) -> str:
        """cattrs-style path of keys, e.g. ``$.applications.carried_over.total``."""
        return ".".join(["$", *(p for p in (self.section, self.row, self.column) if p)])

    @property
    def xpath(self) -> str:
        """Path of local element names into the XML form, e.g. ``/report/applications/carried_over/total``."""
        return "/".join(["", XML_ROOT, *(p for p in (self.section, self.row, self.column) if p)])

    def format(self, lang: Lang = "zh") -> str:
        """The official labels (or the key path), and where in the input, in ``lang``."""
        where = LABEL_SEPARATOR.join(label for label in self.labels if label) or self.path
        if self.source is None:
            return where
        source = _source_text(self.source, lang)
        return f"{where}（{source}）" if lang == "zh" else f"{where} ({source})"

    def __str__(self) -> str:
        return self.format()

    def to_dict(self) -> dict[str, Any]:
        """The location as JSON-ready data: keys, paths, labels and source position."""
        return {
            "section": self.section,
            "row": self.row,
            "column": self.column,
            "path": self.path,
            "xpath": self.xpath,
            "labels": list(self.labels),
            "source": _source_dict(self.source),
        }


def locate(
    edition: Edition | str,
    section: str | None = None,
    row: str | None = None,
    column: str | None = None,
    *,
    source: Source | None = None,
) -> Location:
    """Build a :class:`Location`, with the official labels of ``edition`` filled in."""
    labels = _labels(Edition(edition), section, row, column)
    return Location(section=section, row=row, column=column, labels=labels, source=source)


@lru_cache(maxsize=4096)
def _labels(
    edition: Edition, section: str | None, row: str | None, column: str | None
) -> tuple[str, ...]:
    """Official labels of a section, row path and column path; keys where there is none."""
    if section is None:
        return ()
    spec = edition_spec(edition)
    found = next((s for s in spec.sections if s.key == section), None)
    if found is None:
        return tuple(k for k in (section, row, column) if k is not None)
    labels = [found.label]
    if not isinstance(found, TableSpec) or row is None:
        return tuple(labels)
    try:
        row_spec = found.row(row)
    except KeyError:
        return (*labels, row, *((column,) if column is not None else ()))
    labels.append(row_spec.path)
    if column is not None:
        try:
            labels.append(row_spec.column(column).path)
        except KeyError:
            labels.append(column)
    return tuple(labels)


# --- message pieces --------------------------------------------------------------------------


@frozen
class Phrase:
    """A piece of message text written in both languages."""

    zh: str
    en: str

    def text(self, lang: Lang) -> str:
        """The phrase in ``lang``."""
        return self.zh if lang == "zh" else self.en


Arg = str | int | Decimal | Phrase
"""A value filled into a message template: plain text and numbers read the same in both
languages (official labels stay Chinese); a :class:`Phrase` is chosen by language."""


@frozen
class Fix:
    """A value a repair suggestion proposes for one cell (never applied by the library)."""

    location: Location
    value: Number | None

    def to_dict(self) -> dict[str, Any]:
        """The fix as JSON-ready data."""
        return {"location": self.location.to_dict(), "value": _json_number(self.value)}


def _json_number(value: Number | None) -> int | str | None:
    """Integers as JSON numbers; decimal amounts as strings, so no digit is lost."""
    if value is None or isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else str(value)


def _difference(diagnostic: Diagnostic) -> Number | None:
    if diagnostic.expected is None or diagnostic.actual is None:
        return None
    return diagnostic.actual - diagnostic.expected


def _render(template: str, args: Mapping[str, Arg], lang: Lang) -> str:
    values = {k: v.text(lang) if isinstance(v, Phrase) else v for k, v in args.items()}
    return template.format_map(values)


def _default_message(diagnostic: Diagnostic) -> str:
    return diagnostic.text("zh", fallback="")


@frozen(kw_only=True)
class Diagnostic:
    """One finding about a report.

    The message comes from the catalogue (:data:`CODES`): the code's template in the chosen
    language, or a shared one (:attr:`form`, see :data:`FORMS`), filled with :attr:`args`.
    A producer may also give the message as text (the parser does).
    """

    code: str
    """Stable code, e.g. ``R3.1``; see :data:`CODES`."""
    severity: Severity
    location: Location = Location()
    cells: tuple[Location, ...] = ()
    """The cells the finding is about: every term of a broken identity; the blank cells of a
    rule that could not be checked."""
    assessable: bool = True
    """False when a rule could not be checked because some of its cells are blank."""
    expected: Number | None = None
    """The value the rule expects (e.g. the sum of the parts)."""
    actual: Number | None = None
    """The value the report gives (e.g. its printed total)."""
    difference: Number | None = Factory(_difference, takes_self=True)
    """``actual - expected``, when both are known."""
    fixes: tuple[Fix, ...] = ()
    """For a repair suggestion: the values it proposes (never applied)."""
    report: str | None = None
    """Which report the finding is about, when several are checked together (organ and year)."""
    form: str | None = None
    """A shared message template of :data:`FORMS` to use instead of the code's own."""
    args: tuple[tuple[str, Arg], ...] = ()
    """Values for the message template, by name."""
    message: str = Factory(_default_message, takes_self=True)
    """The message in Chinese (or as the producer wrote it)."""

    @property
    def name(self) -> str:
        """The code's stable kebab-case name, e.g. ``column-identity``."""
        info = CODES.get(self.code)
        return info.name if info is not None else self.code

    def text(self, lang: Lang = "zh", *, fallback: str | None = None) -> str:
        """The message in ``lang``: the template filled in, else :attr:`message`."""
        info = CODES.get(self.code)
        if self.form is not None:
            template = FORMS[self.form].text(lang) if self.form in FORMS else ""
        elif info is not None:
            template = info.zh if lang == "zh" else info.en
        else:
            template = ""
        own = self.message if fallback is None else fallback
        if not template:
            return own
        try:
            return _render(template, {"message": own, **dict(self.args)}, lang)
        except (KeyError, IndexError, ValueError):
            return own

    def format(self, lang: Lang = "zh") -> str:
        """One line: severity, code, place and message, in ``lang``."""
        where = self.location.format(lang)
        if self.report:
            where = f"{self.report}: {where}"
        head = f"{self.severity.label(lang)} {self.code} [{where}]"
        return f"{head}：{self.text(lang)}" if lang == "zh" else f"{head}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.format()

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """The finding as JSON-ready data (``json.dumps`` takes it as is).

        Integers stay numbers; decimal amounts become strings, so that no digit is lost.
        """
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.text(lang),
            "location": self.location.to_dict(),
            "cells": [cell.to_dict() for cell in self.cells],
            "assessable": self.assessable,
            "report": self.report,
            "expected": _json_number(self.expected),
            "actual": _json_number(self.actual),
            "difference": _json_number(self.difference),
            "fixes": [fix.to_dict() for fix in self.fixes],
        }


# --- selecting codes -------------------------------------------------------------------------


_RESTATED: Final = frozenset({"P1.8"})
"""Parser findings the validator says again, at the same place, when it checks that place:
a metadata field not found (P1.8) is the validator's missing field (M1, M2, M4)."""


def without_restated(
    parsed: Iterable[Diagnostic], validated: Iterable[Diagnostic]
) -> tuple[Diagnostic, ...]:
    """The parser's findings, less those a validator finding says again at the same place.

    One fact, one finding: a report whose publication date the parser did not find gets the
    validator's ``M4`` (which says what the date is needed for), not also the parser's ``P1.8``.
    A parser finding whose place the validator did not check (the rule not selected) stays.
    """
    places = {d.location for d in validated}
    return tuple(d for d in parsed if d.code not in _RESTATED or d.location not in places)


def code_matches(code: str, selector: str) -> bool:
    """True when ``selector`` names ``code``.

    A selector is the code itself (``R0.6``), a prefix of it up to a dot (``R3`` for ``R3.1``
    … ``R3.8``; ``P1`` for every parser finding), or its letter (``R``). ``R3.3`` does not
    name ``R3.3b``, and ``P1.1`` does not name ``P1.10``.
    """
    return (
        code == selector
        or code.startswith(selector.rstrip(".") + ".")
        or (selector.isalpha() and code.startswith(selector))
    )


def check_selectors(
    selectors: Iterable[str], codes: Iterable[str] | None = None
) -> tuple[str, ...]:
    """Return ``selectors`` as a tuple, after making sure each names at least one code.

    Args:
        selectors: code selectors (see :func:`code_matches`).
        codes: the codes they choose among; every code of :data:`CODES` by default.

    Raises:
        UnknownCodeError: a selector names no code (``R9.9``, ``r0.6``, ``X``).
    """
    known = tuple(CODES if codes is None else codes)
    chosen = tuple(selectors)
    for selector in chosen:
        if not isinstance(cast("object", selector), str) or not any(
            code_matches(c, selector) for c in known
        ):
            text = str(selector)
            near = [c for c in known if c.lower() == text.lower().strip()]
            near += [
                c for c in known if text and c.lower().startswith(text.lower()) and c not in near
            ]
            raise UnknownCodeError(text, near[:3])
    return chosen


# --- the catalogue ---------------------------------------------------------------------------


@frozen
class CodeInfo:
    """What a diagnostic code means, and how its findings are worded."""

    name: str
    """Stable, unique, kebab-case (``column-identity``)."""
    severity: Severity
    """Default severity."""
    summary: str
    """What the code checks, in one English line."""
    summary_zh: str = field(default="", kw_only=True)
    """The same, in Chinese."""
    zh: str = field(default="", kw_only=True)
    """Message template in Chinese (``str.format`` fields filled from the finding's args)."""
    en: str = field(default="", kw_only=True)
    """Message template in English."""
    basis: str = field(default="derived", kw_only=True)
    """Where the rule comes from: the FORMAT.md rule id with the official text, or ``derived``."""
    since: str = field(default="0.1.0", kw_only=True)
    """The version that added the code."""

    @property
    def fields(self) -> frozenset[str]:
        """Names the templates use."""
        return frozenset(
            name
            for template in (self.zh, self.en)
            for _, name, _, _ in string.Formatter().parse(template)
            if name
        )


FORMS: Final[Mapping[str, Phrase]] = {
    "not-assessable": Phrase(
        "{count}处无法核对（{reasons}，空白不计为0）：{lines}",
        "not checked in {count} place(s) ({reasons}; a blank is not 0): {lines}",
    ),
    "parts-exceed": Phrase(
        "{known}，已大于{total}；空白单元格填任何数都不能使等式成立（空白：{blanks}）",
        "{known}, already more than {total}; no number in the blank cells can make it hold "
        "(blank: {blanks})",
    ),
    "wrong-unit": Phrase(
        "单元格的单位是「{unit}」，但该列以{column_unit}为单位：请换算为{column_unit}",
        "the cell is in {unit} but the column is in {column_unit}: convert it to {column_unit}",
    ),
    "published-early": Phrase(
        "发布日期{date}早于统计期限结束日{end}，报告不可能完整",
        "published on {date}, before the statistics period ends ({end}): it cannot be complete",
    ),
    "no-rows": Phrase(
        "「{section}」中没有官方表格的任何一行（应有{count}行）",
        "{section} holds none of the {count} official rows",
    ),
    "copied": Phrase(
        "「{section}」与{previous}年报告完全相同（内容雷同）",
        "{section} is word for word the {previous} report's (copied content)",
    ),
}
"""Message templates several codes share (a finding names one in :attr:`Diagnostic.form`)."""

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_NEW = "0.2.0"

# Templates several codes share.
_IDENTITY_ZH = "{left}，而{right}，两边相差{difference}"
_IDENTITY_EN = "{left}, but {right}; the two sides differ by {difference}"
_AT_LEAST_ZH = "{left}，小于{right}"
_AT_LEAST_EN = "{left}, less than {right}"
_VALUE_ZH = "「{value}」不符合要求：{requirement}"
_VALUE_EN = "{value} is not allowed here: {requirement}"
_NARRATIVE_ZH = "「{section}」写的是「{quote}」，但表格中{table}为{value}"
_NARRATIVE_EN = "{section} says 「{quote}」, but the table's {table} is {value}"
_SUGGEST_EN = "with {fixes}, {holds} would hold (a suggestion: nothing was changed)"


def _parser_code(name: str, severity: Severity, summary: str, summary_zh: str) -> CodeInfo:
    return CodeInfo(
        name,
        severity,
        summary,
        summary_zh=summary_zh,
        zh=summary_zh + "：{message}",
        en="{message}",
        basis="parser",
    )


# What the parser could read only in part. One block, so that new parser codes merge easily.
PARSER_CODES: Final = {
    "P1.1": _parser_code(
        "unreadable-cell",
        _W,
        "A cell holds text no number could be read from.",
        "单元格中的文字无法读成数字",
    ),
    "P1.2": _parser_code(
        "unknown-row",
        _W,
        "A row label is not in the official table; kept as is.",
        "表格中有官方格式没有的行，已原样保留",
    ),
    "P1.3": _parser_code(
        "missing-section", _E, "One of the six sections was not found.", "未找到六个部分之一"
    ),
    "P1.4": _parser_code(
        "missing-row", _W, "An official row was not found in its table.", "表格中未找到官方的行"
    ),
    "P1.5": _parser_code(
        "cell-count",
        _W,
        "A row has more or fewer cells than its columns.",
        "一行的单元格数与列数不符",
    ),
    "P1.6": _parser_code(
        "text-cleaned",
        _I,
        "Artefacts or unprintable characters were removed.",
        "已删除排版残留或不可打印的字符",
    ),
    "P1.7": _parser_code(
        "edition-guessed",
        _W,
        "The tables did not show which edition they follow.",
        "表格未显示所用的格式版本",
    ),
    "P1.8": _parser_code(
        "missing-metadata",
        _W,
        "Organ, year or publication date was not found.",
        "未找到发布机关、年度或发布日期",
    ),
    "P1.9": _parser_code(
        "label-variant", _I, "A label differs from the official one.", "标签与官方写法不同"
    ),
    "P1.10": _parser_code(
        "unplaced-text",
        _I,
        "Text the format has no place for was kept.",
        "格式中没有位置的文字已保留",
    ),
    "P1.11": _parser_code(
        "cells-counted",
        _I,
        "Values were placed by counting cells: no column positions.",
        "表格没有列位置，数值按单元格顺序放置",
    ),
    "P1.12": _parser_code(
        "ambiguous-cell",
        _W,
        "What stands under a column cannot be one value; left blank.",
        "列下的内容不能确定为一个数值，已留空",
    ),
    "P1.13": _parser_code(
        "unknown-header",
        _I,
        "A header cell names no column of the table.",
        "表头单元格不对应表格的任何列",
    ),
    "P1.14": _parser_code("no-table", _E, "A table section holds no table.", "表格部分中没有表格"),
    "P1.15": _parser_code(
        "table-by-content",
        _I,
        "A table was placed by its labels, not by a heading.",
        "表格按其标签而非标题归入所属部分",
    ),
    "P1.16": _parser_code(
        "nonconforming-row",
        _W,
        "A row did not fit the edition; kept as an extra row.",
        "一行不符合所用版本，已作为额外行保留",
    ),
    # Runs of values whose cell boundaries were lost (crawler text, OCR dumps): parse/_recover.py.
    "P1.20": attrs.evolve(
        _parser_code(
            "recovered-cell",
            _I,
            "A cell recovered from a run whose boundaries were lost, proved by the table's arithmetic.",
            "单元格边界丢失，数值由表格的勾稽关系唯一确定",
        ),
        since=_NEW,
    ),
    "P1.21": attrs.evolve(
        _parser_code(
            "ambiguous-run",
            _W,
            "A run of values splits into the row's cells in more than one way; left blank.",
            "连在一起的数字有多种拆分方式，无法确定，单元格留空",
        ),
        since=_NEW,
    ),
    "P1.22": attrs.evolve(
        _parser_code(
            "unsplittable-run",
            _W,
            "A run of values fits the row's cells in no way; left blank.",
            "连在一起的数字无法拆分成该行的单元格，单元格留空",
        ),
        since=_NEW,
    ),
    "P1.23": attrs.evolve(
        _parser_code(
            "run-too-long",
            _W,
            "A run of values is too long to split within the search bound; left blank.",
            "连在一起的数字过长，超出拆分的搜索上限，单元格留空",
        ),
        since=_NEW,
    ),
    "P1.30": _parser_code(
        "unmapped-font",
        _W,
        "A PDF font prints characters without a Unicode map; no number is read from them.",
        "PDF字体的字符没有Unicode映射，不从中读取数字",
    ),
    "P1.31": _parser_code(
        "image-page",
        _W,
        "A PDF page is an image without a text layer; it was not read.",
        "PDF页面是没有文字层的图像，未读取",
    ),
    "P1.32": _parser_code(
        "table-joined",
        _I,
        "A PDF table continued on the next page was joined into one.",
        "跨页的PDF表格已合并为一个",
    ),
    "P1.33": attrs.evolve(
        _parser_code(
            "table-from-positions",
            _I,
            "A PDF table without ruling lines was read from the positions of its text.",
            "PDF表格没有框线，按文字的位置读取",
        ),
        since=_NEW,
    ),
    "P1.34": attrs.evolve(
        _parser_code(
            "unproved-cell",
            _W,
            "In a PDF table without ruling lines, the text's position proves no value for a cell; left blank.",
            "PDF表格没有框线，文字的位置不能确定单元格的数值，已留空",
        ),
        since=_NEW,
    ),
}
"""The parser's codes (``P1.x``)."""

RULE_CODES: Final = {
    # --- R0: the document (FORMAT.md §7.0) ---------------------------------------------------
    "R0.1": CodeInfo(
        "required-section",
        _E,
        "Each of the six sections 一 to 六 is present.",
        summary_zh="六个部分齐全",
        zh="缺少「{section}」部分",
        en="the section {section} is missing",
        basis="R0.1: 「不能遗漏，也不宜泛化」 (国办公开办函〔2021〕30号); Art. 50 of the Regulation",
        since=_NEW,
    ),
    "R0.2": CodeInfo(
        "required-row",
        _E,
        "Tables 二, 三 and 四 keep every official row of the edition's template.",
        summary_zh="表格保留模板的每一行",
        zh="「{section}」缺少官方表格的行「{row}」",
        en="{section} lacks the official row {row}",
        basis="R0.2: 「严禁擅自删减报告事项」 (重庆 notice implementing 国办公开办函〔2019〕60号)",
        since=_NEW,
    ),
    "R0.2b": CodeInfo(
        "extra-row",
        _W,
        "A table holds a row the template does not have.",
        summary_zh="表格中有模板没有的行",
        zh="「{section}」中有模板没有的行「{label}」",
        en="{section} has a row the template does not have: 「{label}」",
        basis="R0.2: the template's rows are fixed; added rows are tolerated but not checked",
        since=_NEW,
    ),
    "R0.3": CodeInfo(
        "edition-year",
        _E,
        "The edition of the tables fits the report year.",
        summary_zh="表格版本与报告年度相符",
        zh="报告年度为{year}年，但表格采用{used}（适用于{years}）；{advice}",
        en="the report is for {year} but uses the tables of {used}, meant for {years}; {advice}",
        basis="R0.3: 国办公开办函〔2019〕60号 (2019-2020), 〔2021〕30号 (2021 on)",
    ),
    "R0.4": CodeInfo(
        "year-mismatch",
        _E,
        "The year in the title, the statistics period and the overview is the report year.",
        summary_zh="标题、统计期限和总体情况中的年度与报告年度一致",
        zh="{what}中的年度是{found}年，与报告年度{year}年不一致",
        en="{what} says {found}, but the report year is {year}",
        basis="R0.4 (derived)",
        since=_NEW,
    ),
    "R0.5": CodeInfo(
        "late-publication",
        _W,
        "The report was published by the statutory deadline.",
        summary_zh="按法定期限发布",
        zh="发布日期{date}晚于{kind}报告的法定期限{deadline}",
        en="published on {date}, after the {deadline} deadline for {kind}",
        basis="R0.5: 条例 Art. 49 「每年1月31日前」 (departments), 「每年3月31日前」 (governments)",
        since=_NEW,
    ),
    "R0.6": CodeInfo(
        "blank-cell",
        _W,
        "Every numeric cell holds a number (blank is not 0).",
        summary_zh="数字单元格不得空白（空白不等于0）",
        zh="{count}个单元格没有数字，应填写数字（没有则填0，空白不等于0）：{columns}",
        en="{count} cell(s) without a number: write it, 0 if there were none (a blank is not 0): "
        "{columns}",
        basis="R0.6 (derived); §8 E1",
    ),
    "R0.7": CodeInfo(
        "copied-report",
        _W,
        "The tables are not a copy of the same body's previous report.",
        summary_zh="表格数字不得照搬上年报告",
        zh="表格数字与{previous}年报告完全相同（内容雷同）",
        en="every number of the tables is the {previous} report's (copied content)",
        basis="R0.7: 「内容雷同、敷衍塞责」 (国办公开办函〔2021〕30号); §8 E8",
        since=_NEW,
    ),
    # --- R2: table 二 (§7.1) -------------------------------------------------------------------
    "R2.1": CodeInfo(
        "proactive-value",
        _E,
        "Table 二: counts are whole numbers >= 0, amounts >= 0, fees in 万元.",
        summary_zh="表二：件数为非负整数，金额非负，收费以万元计",
        zh=_VALUE_ZH,
        en=_VALUE_EN,
        basis="R2.1: the template's column headers; §8 E10",
        since=_NEW,
    ),
    "R2.2": CodeInfo(
        "stock-flow",
        _W,
        "Table 二 (2021): in force = last year's in force + issued - repealed.",
        summary_zh="表二：现行有效件数 = 上年现行有效件数 + 本年制发 - 本年废止",
        zh=_IDENTITY_ZH,
        en=_IDENTITY_EN,
        basis="R2.2 (derived)",
        since=_NEW,
    ),
    "R2.3": CodeInfo(
        "published-total",
        _W,
        "Table 二 (2019): the total published is at least this year's new publications.",
        summary_zh="表二（2019）：对外公开总数量不小于本年新公开数量",
        zh=_AT_LEAST_ZH,
        en=_AT_LEAST_EN,
        basis="R2.3 (derived)",
        since=_NEW,
    ),
    "R2.4": CodeInfo(
        "item-count",
        _E,
        "Table 二 (2019): last year's items + this year's change is not negative.",
        summary_zh="表二（2019）：上一年项目数量 + 本年增/减 不为负",
        zh=_AT_LEAST_ZH,
        en=_AT_LEAST_EN,
        basis="R2.4 (derived)",
        since=_NEW,
    ),
    "R2.5": CodeInfo(
        "procurement-unit",
        _I,
        "Table 二 (2019): the procurement amount states its unit.",
        summary_zh="表二（2019）：采购总金额注明单位",
        zh="「{column}」为{value}，但没有注明单位（元或万元），表头也没有",
        en="{column} is {value} with no unit (元 or 万元), and the header gives none",
        basis="R2.5: the 2019 header gives no unit; §8 E10",
        since=_NEW,
    ),
    # --- R3: table 三 (§7.2) -------------------------------------------------------------------
    "R3.1": CodeInfo(
        "column-identity",
        _E,
        "Table 三: received + carried over = results total + carried forward, per column.",
        summary_zh="表三：第一项加第二项之和，等于第三项加第四项之和（每一列）",
        zh=_IDENTITY_ZH,
        en=_IDENTITY_EN,
        basis="R3.1: stated in the table's corner note 「本列数据的勾稽关系为：第一项加第二项之和，"
        "等于第三项加第四项之和」",
    ),
    "R3.2": CodeInfo(
        "row-identity",
        _E,
        "Table 三: the total column = the sum of the six applicant columns, per row.",
        summary_zh="表三：总计 = 六类申请人之和（每一行）",
        zh=_IDENTITY_ZH,
        en=_IDENTITY_EN,
        basis="R3.2 (derived from the 总计 column of 申请人情况)",
    ),
    "R3.3": CodeInfo(
        "results-identity",
        _E,
        "Table 三 (2021 edition): the results total = the sum of the result rows.",
        summary_zh="表三（2021）：（七）总计 = 各办理结果之和",
        zh=_IDENTITY_ZH,
        en=_IDENTITY_EN,
        basis="R3.3 (derived: （七）总计 totals 三、本年度办理结果)",
    ),
    "R3.3b": CodeInfo(
        "results-identity-2019",
        _E,
        "Table 三 (2019 edition): the results total = the sum of the result rows.",
        summary_zh="表三（2019）：（七）总计 = 各办理结果之和",
        zh=_IDENTITY_ZH,
        en=_IDENTITY_EN,
        basis="R3.3b (derived, with the single （六）其他处理 row)",
    ),
    "R3.4": CodeInfo(
        "application-count",
        _E,
        "Table 三: every cell is a whole number >= 0.",
        summary_zh="表三：每个单元格为非负整数",
        zh=_VALUE_ZH,
        en=_VALUE_EN,
        basis="R3.4 (derived)",
        since=_NEW,
    ),
    "R3.6": CodeInfo(
        "carry-over",
        _W,
        "Table 三: carried over = last year's carried forward (same body), per column.",
        summary_zh="表三：上年结转 = 上年报告的结转下年度（每一列）",
        zh=_IDENTITY_ZH,
        en=_IDENTITY_EN,
        basis="R3.6 (derived)",
        since=_NEW,
    ),
    "R3.7": CodeInfo(
        "narrative-applications",
        _W,
        "Numbers of applications stated in 一 equal table 三.",
        summary_zh="总体情况中的申请数、办结数与表三一致",
        zh=_NARRATIVE_ZH,
        en=_NARRATIVE_EN,
        basis="R3.7 (derived)",
        since=_NEW,
    ),
    "R3.8": CodeInfo(
        "subtotal-identity",
        _E,
        "Table 三: an added organisation subtotal = its five organisation columns.",
        summary_zh="表三：增加的法人或其他组织小计 = 五类组织之和",
        zh=_IDENTITY_ZH,
        en=_IDENTITY_EN,
        basis="R3.8 (derived)",
    ),
    "R3.9": CodeInfo(
        "fee-unpaid-without-fees",
        _I,
        "Table 三 (2021): applications closed for unpaid fees, but 六 reports no fee.",
        summary_zh="表三（2021）：有逾期未缴费的申请，但第六部分未提及信息处理费",
        zh="「{row}」有{value}件，但「{section}」未提及信息处理费",
        en="{row} counts {value}, but {section} does not mention the 信息处理费 (processing fee)",
        basis="R3.9 (derived)",
        since=_NEW,
    ),
    # --- R4: table 四 (§7.3) -------------------------------------------------------------------
    "R4.1": CodeInfo(
        "review-total",
        _E,
        "Table 四: the administrative review total = its four outcomes.",
        summary_zh="表四：行政复议总计 = 四项结果之和",
        zh=_IDENTITY_ZH,
        en=_IDENTITY_EN,
        basis="R4.1 (derived)",
    ),
    "R4.2": CodeInfo(
        "direct-litigation-total",
        _E,
        "Table 四: the direct litigation total = its four outcomes.",
        summary_zh="表四：未经复议直接起诉总计 = 四项结果之和",
        zh=_IDENTITY_ZH,
        en=_IDENTITY_EN,
        basis="R4.2 (derived)",
    ),
    "R4.3": CodeInfo(
        "litigation-after-review-total",
        _E,
        "Table 四: the litigation-after-review total = its four outcomes.",
        summary_zh="表四：复议后起诉总计 = 四项结果之和",
        zh=_IDENTITY_ZH,
        en=_IDENTITY_EN,
        basis="R4.3 (derived)",
    ),
    "R4.4": CodeInfo(
        "case-count",
        _E,
        "Table 四: every cell is a whole number >= 0.",
        summary_zh="表四：每个单元格为非负整数",
        zh=_VALUE_ZH,
        en=_VALUE_EN,
        basis="R4.4 (derived)",
        since=_NEW,
    ),
    "R4.6": CodeInfo(
        "narrative-cases",
        _W,
        "What 一 says about administrative review and litigation agrees with table 四.",
        summary_zh="总体情况中关于行政复议、行政诉讼的表述与表四一致",
        zh=_NARRATIVE_ZH,
        en=_NARRATIVE_EN,
        basis="R4.6 (derived): 「未发生行政复议、行政诉讼」 means every cell of 四 is 0",
        since=_NEW,
    ),
    # --- R6: sections 一, 五, 六 (§7.4) -----------------------------------------------------------
    "R6.1": CodeInfo(
        "overview-aspects",
        _W,
        "一 (2021) covers the five aspects the notice names.",
        summary_zh="总体情况（2021）涵盖通知要求的五个方面",
        zh="「{section}」未涉及：{missing}",
        en="{section} does not cover: {missing}",
        basis="R6.1: 「主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障」 "
        "(国办公开办函〔2021〕30号)",
        since=_NEW,
    ),
    "R6.2": CodeInfo(
        "problems-empty",
        _W,
        "五 states problems and improvements, and is not last year's 五.",
        summary_zh="第五部分有实质内容，且不照搬上年",
        zh="「{section}」没有实质内容",
        en="{section} says nothing",
        basis="R6.2: 「内容雷同」 (国办公开办函〔2021〕30号)",
        since=_NEW,
    ),
    "R6.3": CodeInfo(
        "processing-fee",
        _W,
        "六 (2021) reports the 信息处理费 collected.",
        summary_zh="第六部分（2021）报告信息处理费收取情况",
        zh="「{section}」未报告信息处理费的收取情况（2021年版格式要求在此报告，未收取也应说明）",
        en="{section} does not report the 信息处理费 (processing fee) collected; the 2021 format "
        "asks for it there, none included",
        basis="R6.3: the 2021 template's placeholder in 六 「收取信息处理费情况在此处报告」; R6.4",
        since=_NEW,
    ),
    # --- §8: typical errors with no rule of §7 --------------------------------------------------
    "E7": CodeInfo(
        "report-title",
        _W,
        "The title reads <year><body>政府信息公开工作年度报告.",
        summary_zh="标题为「××年××政府信息公开工作年度报告」",
        zh="标题「{title}」不是年度报告的标题（应为「××年××政府信息公开工作年度报告」）",
        en="「{title}」 is not the title of an annual report "
        "(「<year><body>政府信息公开工作年度报告」)",
        basis="§8 E7 and §9.1 (title variants)",
        since=_NEW,
    ),
    "E9": CodeInfo(
        "number-missing",
        _W,
        "A sentence of the text lacks its number (「共主动公开条」).",
        summary_zh="文字中缺少数字（如「共主动公开条」）",
        zh="「{section}」中「{quote}」缺少数字",
        en="a number is missing in 「{quote}」 ({section})",
        basis="§8 E9",
        since=_NEW,
    ),
    # --- the report's metadata (derived) --------------------------------------------------------
    "M1": CodeInfo(
        "missing-organ",
        _E,
        "The report names its publishing body.",
        summary_zh="写明发布机关",
        zh="未写明发布机关",
        en="the publishing body (organ) is not given",
        since=_NEW,
    ),
    "M2": CodeInfo(
        "missing-year",
        _E,
        "The report states its year.",
        summary_zh="写明报告年度",
        zh="未写明报告年度",
        en="the report year is not given",
        since=_NEW,
    ),
    "M3": CodeInfo(
        "missing-title",
        _W,
        "The report has a title.",
        summary_zh="有标题",
        zh="报告没有标题",
        en="the report has no title",
        basis="§8 E7",
        since=_NEW,
    ),
    "M4": CodeInfo(
        "missing-publication-date",
        _W,
        "The report states its publication date.",
        summary_zh="写明发布日期",
        zh="未写明发布日期，无法核对是否按时发布",
        en="no publication date: whether it was published on time cannot be checked",
        basis="R0.5",
        since=_NEW,
    ),
    # --- the shape of the tables (conformance) --------------------------------------------------
    "C1": CodeInfo(
        "nonconforming-table",
        _E,
        "The tables fit the shape their edition declares (keys, order, one cell per column).",
        summary_zh="表格结构符合所用版本（行、列、顺序、每列一个单元格）",
        zh="表格结构不符合{edition}年版格式（{kind}）：{detail}",
        en="the table does not fit the {edition} edition ({kind}): {detail}",
        basis="R0.2; the declaration of the edition",
        since=_NEW,
    ),
    # --- rolling children up into a parent (derived) --------------------------------------------
    "A1": CodeInfo(
        "missing-child",
        _W,
        "Rollup: a report expected from a child body is missing.",
        summary_zh="汇总：缺少下级单位的报告",
        zh="缺少「{child}」的报告，汇总数不完整",
        en="no report from {child}: the sums are incomplete",
        since=_NEW,
    ),
    "A2": CodeInfo(
        "blank-in-child",
        _W,
        "Rollup: a cell some child leaves blank stays blank in the sum.",
        summary_zh="汇总：下级报告有空白，汇总单元格保留空白",
        zh="汇总单元格保留为空：{count}份下级报告此处为空（{children}）",
        en="left blank: {count} child report(s) leave it blank ({children})",
        since=_NEW,
    ),
    "A3": CodeInfo(
        "parent-differs",
        _W,
        "Rollup: a published parent report equals the sum of its children.",
        summary_zh="汇总：上级报告的数字等于下级报告之和",
        zh=_IDENTITY_ZH,
        en=_IDENTITY_EN,
        since=_NEW,
    ),
    # --- repair suggestions (never applied) -----------------------------------------------------
    "S1": CodeInfo(
        "split-digits",
        _I,
        "Suggestion: the digits of one number seem split across two cells.",
        summary_zh="建议：一个数字的各位可能被拆到了两个单元格",
        zh="一个数字可能被拆到了两个单元格：若{fixes}，则{holds}均成立（仅为建议，未作修改）",
        en="the digits of one number may be split across two cells: " + _SUGGEST_EN,
        since=_NEW,
    ),
    "S2": CodeInfo(
        "shifted-value",
        _I,
        "Suggestion: a value seems written one column off.",
        summary_zh="建议：一个数字可能填错了列",
        zh="一个数字可能填到了相邻的列：若{fixes}，则{holds}均成立（仅为建议，未作修改）",
        en="a value may be one column off: " + _SUGGEST_EN,
        since=_NEW,
    ),
    "S3": CodeInfo(
        "swapped-groups",
        _I,
        "Suggestion: two column groups of 四 seem swapped.",
        summary_zh="建议：表四的两组数字可能填反了",
        zh="「{first}」与「{second}」两组数字可能填反了：交换后{holds}均成立（仅为建议，未作修改）",
        en="the groups {first} and {second} may be swapped: swapped, {holds} would hold "
        "(a suggestion: nothing was changed)",
        since=_NEW,
    ),
    "S4": CodeInfo(
        "total-in-data-row",
        _I,
        "Suggestion: a data row or column seems to hold a total.",
        summary_zh="建议：数据行（列）可能误填了合计数",
        zh="「{line}」可能误填了合计数：若{fixes}，则{holds}均成立（仅为建议，未作修改）",
        en="{line} may hold a total: " + _SUGGEST_EN,
        since=_NEW,
    ),
}
"""The validator's codes: rules of FORMAT.md §7 (``R``), checks of §8 (``E``), metadata (``M``),
conformance (``C``), rollup (``A``) and repair suggestions (``S``)."""

CODES: Final[Mapping[str, CodeInfo]] = {**PARSER_CODES, **RULE_CODES}
"""Every diagnostic code, with its name, default severity, meaning, templates, basis and the
version that added it. Codes are never reused."""
