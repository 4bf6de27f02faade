"""The official format, declared once: sections, tables, rows, columns, labels and variants.

Everything that knows an official label or a key reads it from here: the text parser's label
matching, the validator's rules, the XML vocabulary and its XSD, the long-format export. The
model (:mod:`disclosure_report.model`) holds keys only.

Sources for every label: ``spec/FORMAT.md`` of the project (§3 for the 2021 edition, §4 for
2019, §9 for the variants seen in real reports). Keys are the identifiers given there.

An edition is data (:class:`EditionSpec`), not code: a future edition of the format is a new
entry in :data:`EDITIONS`.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from functools import cached_property, lru_cache
from typing import Final

import attrs
from attrs import frozen

from disclosure_report.model import Edition, Report

__all__ = [
    "AMOUNT_UNITS",
    "COUNT_UNITS",
    "EDITIONS",
    "INVISIBLE_CHARACTERS",
    "MARKERS",
    "PERIOD_WORDS",
    "TEN_THOUSAND",
    "TITLE_ENDINGS",
    "Along",
    "Column",
    "ColumnGroup",
    "EditionSpec",
    "Group",
    "Identity",
    "RowSpec",
    "TableSpec",
    "TextSectionSpec",
    "ValueKind",
    "edition_spec",
    "normalise_label",
]


class ValueKind(enum.Enum):
    """What a column's cells hold."""

    COUNT = "count"
    """A whole number >= 0 (件, 项)."""
    SIGNED = "signed"
    """A whole number that may be negative (2019 本年增/减)."""
    AMOUNT = "amount"
    """A decimal amount of money, in the column's unit."""


# --- label normalisation ---------------------------------------------------------------------

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)[、.]?|\d{1,2}(?:[、.]|(?=\D)))",
)
_CHARACTER_VARIANTS = str.maketrans({"它": "他"})  # 其它 / 其他


INVISIBLE_CHARACTERS: Final = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
"""Format characters that print nothing, which web pages and Word files leave in text: the
zero-width space, non-joiner and joiner, the word joiner, the byte-order mark, the soft hyphen."""
_INVISIBLE: Final = dict.fromkeys(map(ord, INVISIBLE_CHARACTERS))


@lru_cache(maxsize=8192)
def normalise_label(text: str) -> str:
    """Reduce a printed label to the form labels are matched in.

    NFKC (full-width to half-width), no whitespace, no leading item number
    (``一、`` ``（三）`` ``6、`` ``1.``), no punctuation or quote marks, no invisible format
    characters (a zero-width space), 其它 as 其他.

    >>> normalise_label("6、 其他需要报告的事项")
    '其他需要报告的事项'
    >>> normalise_label('3. 危及"三安全一稳定"') == normalise_label("3.危及“三安全一稳定”")
    True
    """
    text = "".join(unicodedata.normalize("NFKC", text).translate(_INVISIBLE).split())
    text = _NUMBERING.sub("", text, count=1)
    text = "".join(c for c in text if not unicodedata.category(c).startswith(("P", "S")))
    return text.translate(_CHARACTER_VARIANTS)


# --- the format's words outside the tables ---------------------------------------------------

TITLE_ENDINGS: Final = (
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "政务信息公开年度报告",
    "信息公开工作年度报告",
    "年度政府信息公开工作报告",
    "政府信息公开工作报告",
)
"""How a report's title ends (FORMAT.md §9.1): ``<year>年<body>`` or ``<body><year>年`` before it."""

PERIOD_WORDS: Final = ("统计期限", "统计时间", "统计时限", "统计区间", "统计周期", "数据统计")
"""Words that open the statistics-period sentence (FORMAT.md §2, §9.1), e.g.
「本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止」."""

COUNT_UNITS: Final = ("件", "项", "个", "条", "次")
"""Units a count cell may print after its number (``5件``)."""

AMOUNT_UNITS: Final = ("万元", "元", "万")
"""Units an amount cell may print after its number (``251000元``, FORMAT.md §4.2, §9.3)."""

TEN_THOUSAND: Final = "万"
"""Printed after a count, a multiplier: ``1.5万`` is 15000 (exact, or the cell is not read)."""

MARKERS: Final = frozenset(
    {"/", "//", "\\", "-", "--", "—", "——", "–", "无", "不适用", "空", "暂无", "N/A", "n/a", "×"}
)
"""What publishers write in a cell instead of a number (FORMAT.md §9.3), compared after NFKC:
kept as the cell's marker, never read as 0."""


# --- the declaration types -------------------------------------------------------------------


@frozen(cache_hash=True)
class Column:
    """One column of an official table."""

    key: str
    """Identifier: attribute, XML element and JSON key."""
    label: str
    """Header as printed in the official template."""
    group: tuple[str, ...] = ()
    """Merged headers above it, outermost first (e.g. ``("行政诉讼", "复议后起诉")``)."""
    kind: ValueKind = ValueKind.COUNT
    unit: str | None = None
    """Unit stated by the template for the whole column (e.g. ``万元``)."""
    variants: tuple[str, ...] = ()
    """Other spellings seen in real reports."""
    optional: bool = False
    """A column some publishers add (never required)."""

    @property
    def path(self) -> str:
        """The header path, levels joined by ``/`` (e.g. ``行政诉讼/复议后起诉/总计``)."""
        return "/".join((*self.group, self.label))


@frozen(cache_hash=True)
class Group:
    """A label that heads several rows and has no numbers of its own (e.g. （三）不予公开)."""

    key: str
    label: str
    variants: tuple[str, ...] = ()
    total: str | None = None
    """Key of the row of the group that totals its other rows (``results_total`` of 三), if any."""


@frozen(cache_hash=True)
class ColumnGroup:
    """Columns of a table whose sum a declared total column holds, in every row.

    The validator checks ``total == sum(columns)`` by these keys, so its rules depend neither
    on the order columns are declared in nor on their printed headers.
    """

    key: str
    """Identifier of the group (e.g. ``review``)."""
    label: str
    """Header path above the group's columns, levels joined by ``/`` (e.g. ``行政诉讼/复议后起诉``)."""
    columns: tuple[str, ...]
    """Keys of the columns that add up to :attr:`total`, in printed order."""
    total: str
    """Key of the column holding their sum (it may be an optional column)."""


@frozen(cache_hash=True)
class RowSpec:
    """One data row of an official table, with the columns its cells fill."""

    key: str
    label: str
    """Label as printed in the official template; empty for a table's only, unlabelled row."""
    columns: tuple[Column, ...]
    groups: tuple[Group, ...] = ()
    """Label cells above it in the official layout, outermost first."""
    variants: tuple[str, ...] = ()
    optional: bool = False
    """Not in the template, but printed by some publishers instead of the rows it :attr:`replaces`."""
    replaces: tuple[str, ...] = ()
    """Keys of the template rows an optional row stands for when it is printed."""

    @property
    def path(self) -> str:
        """The label path, levels joined by ``/`` (e.g. ``三、本年度办理结果/（一）予以公开``)."""
        return "/".join((*(g.label for g in self.groups), self.label))

    def column(self, key: str) -> Column:
        """Return the column ``key`` of this row.

        Raises:
            KeyError: the row has no such column.
        """
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


@frozen(cache_hash=True)
class TableSpec:
    """A section holding an official table."""

    key: str
    """The :class:`~disclosure_report.model.Report` attribute holding it."""
    label: str
    """Section heading as printed in the official template."""
    rows: tuple[RowSpec, ...]
    variants: tuple[str, ...] = ()
    header_labels: tuple[str, ...] = ()
    """Header cells that are neither a column nor a row label (corner notes, 信息内容 ...)."""
    column_groups: tuple[ColumnGroup, ...] = ()
    """Columns with a declared total column (申请人情况/总计, 行政复议/总计 ...)."""
    identities: tuple[Identity, ...] = ()
    """The sums its cells must satisfy (勾稽关系), declared in the block "sum identities" below."""

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        """Every column of the table once, in printed order."""
        seen: dict[str, Column] = {}
        for row in self.rows:
            for column in row.columns:
                seen.setdefault(column.key, column)
        return tuple(seen.values())

    @cached_property
    def groups(self) -> tuple[Group, ...]:
        """Every row group of the table once, in printed order."""
        seen: dict[str, Group] = {}
        for row in self.rows:
            for group in row.groups:
                seen.setdefault(group.key, group)
        return tuple(seen.values())

    @cached_property
    def _rows(self) -> Mapping[str, RowSpec]:
        return {row.key: row for row in self.rows}

    def row(self, key: str) -> RowSpec:
        """Return the row ``key``.

        Raises:
            KeyError: the table has no such row.
        """
        return self._rows[key]

    def column_group(self, key: str) -> ColumnGroup:
        """Return the column group ``key``.

        Raises:
            KeyError: the table has no such column group.
        """
        for group in self.column_groups:
            if group.key == key:
                return group
        raise KeyError(key)

    def row_group(self, key: str) -> Group:
        """Return the row group ``key``.

        Raises:
            KeyError: the table has no such row group.
        """
        for group in self.groups:
            if group.key == key:
                return group
        raise KeyError(key)

    def expected_rows(self, present: Collection[str]) -> tuple[RowSpec, ...]:
        """The rows a table printing the rows ``present`` should hold, in printed order.

        Every template row, except those an optional row that is printed stands for; and the
        optional rows that are printed.
        """
        replaced = {k for r in self.rows if r.optional and r.key in present for k in r.replaces}
        return tuple(
            r for r in self.rows if r.key in present or (not r.optional and r.key not in replaced)
        )


@frozen(cache_hash=True)
class TextSectionSpec:
    """A section of running text."""

    key: str
    """The :class:`~disclosure_report.model.Report` attribute holding it."""
    label: str
    variants: tuple[str, ...] = ()


SectionSpec = TableSpec | TextSectionSpec


@frozen(cache_hash=True)
class EditionSpec:
    """One edition of the official format: its sections in printed order."""

    edition: Edition
    name: str
    """The template's title."""
    notice: str
    """The notice that issued it."""
    years: tuple[int, int | None]
    """First and last report year it is meant for (``None``: still current)."""
    sections: tuple[SectionSpec, ...]

    @cached_property
    def tables(self) -> tuple[TableSpec, ...]:
        """The table sections, in printed order."""
        return tuple(s for s in self.sections if isinstance(s, TableSpec))

    @cached_property
    def text_sections(self) -> tuple[TextSectionSpec, ...]:
        """The text sections, in printed order."""
        return tuple(s for s in self.sections if isinstance(s, TextSectionSpec))

    def table(self, key: str) -> TableSpec:
        """Return the table section ``key``.

        Raises:
            KeyError: the edition has no such table.
        """
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def labels(self) -> Iterator[str]:
        """Every official label and variant of the edition (sections, groups, rows, columns)."""
        for section in self.sections:
            yield section.label
            yield from section.variants
            if isinstance(section, TableSpec):
                yield from section.header_labels
                for group in section.groups:
                    yield group.label
                    yield from group.variants
                for row in section.rows:
                    yield row.label
                    yield from row.variants
                for column in section.columns:
                    yield column.label
                    yield from column.variants

    def covers(self, year: int) -> bool:
        """True when the edition is meant for report year ``year``."""
        first, last = self.years
        return year >= first and (last is None or year <= last)


# --- the declaration -------------------------------------------------------------------------

_R = attrs.fields(Report)

OVERVIEW: Final = TextSectionSpec(
    _R.overview.name, "一、总体情况", variants=("政府信息公开工作总体情况", "概述")
)
PROBLEMS: Final = TextSectionSpec(
    _R.problems.name,
    "五、存在的主要问题及改进情况",
    variants=(
        "政府信息公开工作存在的主要问题及改进情况",
        "政府信息公开工作存在主要问题及改进情况",
        "存在问题及改进情况",
        "存在的主要问题及改进措施",
        "存在的主要问题和改进情况",
    ),
)
OTHER_MATTERS: Final = TextSectionSpec(
    _R.other_matters.name, "六、其他需要报告的事项", variants=("其他需要报告事项",)
)

# Section 二: one row group per block, captioned by the article of the Regulation it reports on.
_ART20_1 = Group("art20_1", "第二十条第（一）项")
_ART20_5 = Group("art20_5", "第二十条第（五）项")
_ART20_6 = Group("art20_6", "第二十条第（六）项")
_ART20_8 = Group("art20_8", "第二十条第（八）项")
_ART20_9 = Group("art20_9", "第二十条第（九）项")
_PROACTIVE_HEADING = "二、主动公开政府信息情况"
_PROACTIVE_VARIANTS = ("行政机关主动公开政府信息情况",)
_CONTENT_HEADER = "信息内容"

_2019_DOCS = (
    Column("made", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("published_total", "对外公开总数量"),
)
_2019_ITEMS = (
    Column("items_prev_year", "上一年项目数量"),
    Column("items_change", "本年增/减", kind=ValueKind.SIGNED, variants=("本年增减",)),
)
_2019_DECISIONS = (*_2019_ITEMS, Column("decisions", "处理决定数量"))
_2019_PROCUREMENT = (
    Column("procurement_items", "采购项目数量"),
    Column("procurement_amount", "采购总金额", kind=ValueKind.AMOUNT),
)
_2019_PROACTIVE = TableSpec(
    _R.proactive_disclosure.name,
    _PROACTIVE_HEADING,
    variants=_PROACTIVE_VARIANTS,
    header_labels=(_CONTENT_HEADER,),
    rows=(
        RowSpec("regulations", "规章", _2019_DOCS, (_ART20_1,)),
        RowSpec("normative_documents", "规范性文件", _2019_DOCS, (_ART20_1,), ("行政规范性文件",)),
        RowSpec("administrative_licensing", "行政许可", _2019_DECISIONS, (_ART20_5,)),
        RowSpec("other_external_services", "其他对外管理服务事项", _2019_DECISIONS, (_ART20_5,)),
        RowSpec("administrative_penalty", "行政处罚", _2019_DECISIONS, (_ART20_6,)),
        RowSpec("administrative_coercion", "行政强制", _2019_DECISIONS, (_ART20_6,)),
        RowSpec("administrative_fees", "行政事业性收费", _2019_ITEMS, (_ART20_8,)),
        RowSpec("centralized_procurement", "政府集中采购", _2019_PROCUREMENT, (_ART20_9,)),
    ),
)

_2021_DOCS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
_2021_DECISIONS = (Column("decisions", "本年处理决定数量"),)
_2021_FEES = (
    Column(
        "fee_amount_wan_yuan",
        "本年收费金额（单位：万元）",
        kind=ValueKind.AMOUNT,
        unit="万元",
        variants=("本年收费金额",),
    ),
)
_2021_PROACTIVE = TableSpec(
    _R.proactive_disclosure.name,
    _PROACTIVE_HEADING,
    variants=_PROACTIVE_VARIANTS,
    header_labels=(_CONTENT_HEADER,),
    rows=(
        RowSpec("regulations", "规章", _2021_DOCS, (_ART20_1,)),
        RowSpec("normative_documents", "行政规范性文件", _2021_DOCS, (_ART20_1,), ("规范性文件",)),
        RowSpec("administrative_licensing", "行政许可", _2021_DECISIONS, (_ART20_5,)),
        RowSpec("administrative_penalty", "行政处罚", _2021_DECISIONS, (_ART20_6,)),
        RowSpec("administrative_coercion", "行政强制", _2021_DECISIONS, (_ART20_6,)),
        RowSpec("administrative_fees", "行政事业性收费", _2021_FEES, (_ART20_8,)),
    ),
)

# Section 三: the same seven applicant columns in both editions, plus the subtotal some add.
_ORGANISATION = "法人或其他组织"
_TOTAL_VARIANTS = ("合计",)
_APPLICANTS_HEADER = "申请人情况"
_SUBTOTAL = "legal_person_subtotal"
_APPLICANTS_TOTAL = "total"
_APPLICANTS = (
    Column("natural_person", "自然人"),
    Column("commercial_enterprise", "商业企业", (_ORGANISATION,)),
    Column("research_institution", "科研机构", (_ORGANISATION,)),
    Column("public_welfare_org", "社会公益组织", (_ORGANISATION,)),
    Column("legal_service_org", "法律服务机构", (_ORGANISATION,)),
    Column("other_org", "其他", (_ORGANISATION,)),
    Column(
        _SUBTOTAL,
        "小计",
        (_ORGANISATION,),
        variants=("法人或其他组织小计",),
        optional=True,
    ),
    Column(_APPLICANTS_TOTAL, "总计", variants=_TOTAL_VARIANTS),
)
_APPLICANT_GROUPS = (
    # 总计 = the six applicant columns; the optional 小计 = the five under 法人或其他组织.
    ColumnGroup(
        "applicants",
        _APPLICANTS_HEADER,
        tuple(c.key for c in _APPLICANTS if not c.optional and c.key != _APPLICANTS_TOTAL),
        _APPLICANTS_TOTAL,
    ),
    ColumnGroup(
        "organisations",
        _ORGANISATION,
        tuple(c.key for c in _APPLICANTS if c.group == (_ORGANISATION,) and not c.optional),
        _SUBTOTAL,
    ),
)
_RESULTS_TOTAL = "results_total"
_RESULTS = Group("results", "三、本年度办理结果", ("本年度办理结果",), total=_RESULTS_TOTAL)
_WITHHELD = Group("withheld", "（三）不予公开")
_UNABLE = Group("unable", "（四）无法提供")
_NOT_PROCESSED = Group("not_processed", "（五）不予处理")
_OTHER_HANDLING = Group("other_handling", "（六）其他处理")


def _applications(*, other_handling: tuple[RowSpec, ...]) -> TableSpec:
    def row(key: str, label: str, *groups: Group, variants: tuple[str, ...] = ()) -> RowSpec:
        return RowSpec(key, label, _APPLICANTS, groups, variants)

    return TableSpec(
        _R.applications.name,
        "三、收到和处理政府信息公开申请情况",
        variants=("行政机关收到和处理政府信息公开申请情况",),
        header_labels=(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            _APPLICANTS_HEADER,
        ),
        column_groups=_APPLICANT_GROUPS,
        rows=(
            row("new_received", "一、本年新收政府信息公开申请数量"),
            row("carried_over", "二、上年结转政府信息公开申请数量"),
            row("granted", "（一）予以公开", _RESULTS),
            row(
                "partially_granted",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                _RESULTS,
                variants=("（二）部分公开",),
            ),
            row("withheld_state_secret", "1.属于国家秘密", _RESULTS, _WITHHELD),
            row(
                "withheld_prohibited_by_law",
                "2.其他法律行政法规禁止公开",
                _RESULTS,
                _WITHHELD,
                # 法规禁 left out: the template of 淮安市洪泽区 (its 2023 and 2024 reports).
                variants=("2.其他法律行政止公开",),
            ),
            row("withheld_security_stability", "3.危及“三安全一稳定”", _RESULTS, _WITHHELD),
            row("withheld_third_party_rights", "4.保护第三方合法权益", _RESULTS, _WITHHELD),
            row("withheld_internal_affairs", "5.属于三类内部事务信息", _RESULTS, _WITHHELD),
            row("withheld_process_info", "6.属于四类过程性信息", _RESULTS, _WITHHELD),
            row("withheld_enforcement_file", "7.属于行政执法案卷", _RESULTS, _WITHHELD),
            row("withheld_admin_inquiry", "8.属于行政查询事项", _RESULTS, _WITHHELD),
            row("unable_not_held", "1.本机关不掌握相关政府信息", _RESULTS, _UNABLE),
            row("unable_requires_creation", "2.没有现成信息需要另行制作", _RESULTS, _UNABLE),
            row("unable_unclear_after_correction", "3.补正后申请内容仍不明确", _RESULTS, _UNABLE),
            row(
                "not_processed_petition_complaint", "1.信访举报投诉类申请", _RESULTS, _NOT_PROCESSED
            ),
            row("not_processed_repeat", "2.重复申请", _RESULTS, _NOT_PROCESSED),
            row("not_processed_publication", "3.要求提供公开出版物", _RESULTS, _NOT_PROCESSED),
            row("not_processed_excessive", "4.无正当理由大量反复申请", _RESULTS, _NOT_PROCESSED),
            row(
                "not_processed_confirm_or_reissue",
                "5.要求行政机关确认或重新出具已获取信息",
                _RESULTS,
                _NOT_PROCESSED,
            ),
            *other_handling,
            row(_RESULTS_TOTAL, "（七）总计", _RESULTS, variants=_TOTAL_VARIANTS),
            row(
                "carried_forward",
                "四、结转下年度继续办理",
                variants=("结转下一年继续办理", "结转下一年度继续办理"),
            ),
        ),
    )


_2019_APPLICATIONS = _applications(
    other_handling=(RowSpec("other_handling", _OTHER_HANDLING.label, _APPLICANTS, (_RESULTS,)),),
)
_2021_APPLICATIONS = _applications(
    other_handling=(
        # Some 2021-edition reports keep the 2019 layout here: （六） as one row (the corpus's
        # 洪泽区 2023 and 2024 reports). Accepted, and checked in place of the three sub-rows.
        RowSpec(
            "other_handling",
            _OTHER_HANDLING.label,
            _APPLICANTS,
            (_RESULTS,),
            optional=True,
            replaces=("other_no_correction", "other_fee_unpaid", "other_misc"),
        ),
        RowSpec(
            "other_no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            _APPLICANTS,
            (_RESULTS, _OTHER_HANDLING),
            ("逾期不补正",),
        ),
        RowSpec(
            "other_fee_unpaid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            _APPLICANTS,
            (_RESULTS, _OTHER_HANDLING),
            ("逾期未缴费",),
        ),
        RowSpec("other_misc", "3.其他", _APPLICANTS, (_RESULTS, _OTHER_HANDLING)),
    ),
)


# Section 四: one row of fifteen numbers, three groups of the same five outcomes.
def _outcomes(prefix: str, group: tuple[str, ...]) -> tuple[Column, ...]:
    return (
        Column(f"{prefix}_upheld", "结果维持", group, variants=("维持",)),
        Column(f"{prefix}_corrected", "结果纠正", group, variants=("纠正",)),
        Column(f"{prefix}_other", "其他结果", group),
        Column(f"{prefix}_pending", "尚未审结", group),
        Column(f"{prefix}_total", "总计", group, variants=_TOTAL_VARIANTS),
    )


def _outcome_group(prefix: str, group: tuple[str, ...]) -> ColumnGroup:
    """The four outcomes of a group of 四 add up to its 总计."""
    columns = _outcomes(prefix, group)
    return ColumnGroup(prefix, "/".join(group), tuple(c.key for c in columns[:-1]), columns[-1].key)


_REVIEW = "行政复议"
_LITIGATION = "行政诉讼"
_DIRECT = "未经复议直接起诉"
_AFTER_REVIEW = "复议后起诉"
_OUTCOME_GROUPS = (
    ("review", (_REVIEW,)),
    ("litigation_direct", (_LITIGATION, _DIRECT)),
    ("litigation_after_review", (_LITIGATION, _AFTER_REVIEW)),
)
_REVIEW_LITIGATION = TableSpec(
    _R.review_litigation.name,
    "四、政府信息公开行政复议、行政诉讼情况",
    variants=(
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "因政府信息公开申请行政复议和提起行政诉讼的情况",
        "政府信息公开行政复议和行政诉讼情况",
    ),
    header_labels=(_REVIEW, _LITIGATION, _DIRECT, _AFTER_REVIEW),
    rows=(
        RowSpec(
            "cases",
            "",
            tuple(column for key, group in _OUTCOME_GROUPS for column in _outcomes(key, group)),
        ),
    ),
    column_groups=tuple(_outcome_group(key, group) for key, group in _OUTCOME_GROUPS),
)

# --- the sum identities (勾稽关系) --------------------------------------------------------------
# One definition for everyone who needs the tables' arithmetic: the parser recovers cells whose
# boundaries were lost from them (parse/_recover.py); the validator checks them (spec/FORMAT.md
# §7.2, §7.3). Each is data on its table (:attr:`TableSpec.identities`), named by the rule code
# that states it.


class Along(enum.Enum):
    """Which way an :class:`Identity` runs through its table."""

    ROW = "row"
    """The terms are column keys; the identity holds in every row that has those columns."""
    COLUMN = "column"
    """The terms are row keys; the identity holds in every column of those rows."""


@frozen(cache_hash=True)
class Identity:
    """A sum the cells of an official table must satisfy: ``sum(left) == sum(right)``.

    >>> review = edition_spec("2021").table("review_litigation")
    >>> print(review.identities[0])
    R4.1: review_total = review_upheld + review_corrected + review_other + review_pending
    """

    code: str
    """The rule of spec/FORMAT.md §7 that states it (``R3.1``); several may share one code."""
    along: Along
    left: tuple[str, ...]
    right: tuple[str, ...]

    @property
    def terms(self) -> tuple[str, ...]:
        """Every key the identity names, left side first."""
        return (*self.left, *self.right)

    def applies(self, printed: Collection[str]) -> bool:
        """True when every term is among ``printed``.

        ``printed`` is the columns of a row, or the rows of a table as
        :meth:`TableSpec.expected_rows` gives them.
        """
        return all(key in printed for key in self.terms)

    def __str__(self) -> str:
        return f"{self.code}: {' + '.join(self.left)} = {' + '.join(self.right)}"


_GROUP_RULES: Final = {
    "applicants": "R3.2",
    "organisations": "R3.8",
    "review": "R4.1",
    "litigation_direct": "R4.2",
    "litigation_after_review": "R4.3",
}
"""The rule of FORMAT.md §7 that states each column group's total (the validator checks the
same groups under the same codes; tests/test_identities.py keeps the two in step)."""
_BALANCE: Final = Identity(
    "R3.1",
    Along.COLUMN,
    ("new_received", "carried_over"),
    ("results_total", "carried_forward"),
)
"""三's own note: 第一项加第二项之和，等于第三项加第四项之和."""


def _identities(table: TableSpec, *, results_code: str | None = None) -> tuple[Identity, ...]:
    """The identities of a table, read from what it declares.

    Each column group's total column is the sum of its columns, in every row; each row group
    with a total row (三、本年度办理结果 and its （七）总计) sums its other rows, in every
    column. A 2021 table that prints （六）其他处理 as one row (the 2019 layout) has no three
    sub-rows: its results identity sums that row instead, so the table declares both forms and
    each applies where its rows are printed.
    """
    found = [
        Identity(_GROUP_RULES[g.key], Along.ROW, (g.total,), g.columns) for g in table.column_groups
    ]
    for group in table.groups:
        if group.total is None or results_code is None:
            continue
        members = [r for r in table.rows if group in r.groups and r.key != group.total]
        replaced = {k for r in members if r.optional for k in r.replaces}
        forms = [tuple(r.key for r in members if not r.optional)]  # the template's rows
        if replaced:  # the optional single row in place of the rows it stands for
            forms.append(tuple(r.key for r in members if r.key not in replaced))
        found.extend(Identity(results_code, Along.COLUMN, (group.total,), f) for f in forms)
    if _BALANCE.applies({r.key for r in table.rows}):
        found.insert(0, _BALANCE)
    return tuple(found)


_2019_APPLICATIONS = attrs.evolve(
    _2019_APPLICATIONS, identities=_identities(_2019_APPLICATIONS, results_code="R3.3b")
)
_2021_APPLICATIONS = attrs.evolve(
    _2021_APPLICATIONS, identities=_identities(_2021_APPLICATIONS, results_code="R3.3")
)
_REVIEW_LITIGATION = attrs.evolve(_REVIEW_LITIGATION, identities=_identities(_REVIEW_LITIGATION))

EDITIONS: Final[Mapping[Edition, EditionSpec]] = {
    Edition.E2019: EditionSpec(
        Edition.E2019,
        "《中华人民共和国政府信息公开工作年度报告格式（试行）》",
        "国办公开办函〔2019〕60号",
        (2019, 2020),
        (
            OVERVIEW,
            _2019_PROACTIVE,
            _2019_APPLICATIONS,
            _REVIEW_LITIGATION,
            PROBLEMS,
            OTHER_MATTERS,
        ),
    ),
    Edition.E2021: EditionSpec(
        Edition.E2021,
        "《中华人民共和国政府信息公开工作年度报告格式》",
        "国办公开办函〔2021〕30号",
        (2021, None),
        (
            OVERVIEW,
            _2021_PROACTIVE,
            _2021_APPLICATIONS,
            _REVIEW_LITIGATION,
            PROBLEMS,
            OTHER_MATTERS,
        ),
    ),
}
"""Every edition of the official format, oldest first."""


def edition_spec(edition: Edition | str) -> EditionSpec:
    """Return the declaration of ``edition`` (an :class:`Edition` or its year string)."""
    return EDITIONS[Edition(edition)]
