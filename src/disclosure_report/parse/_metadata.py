"""The report's metadata from its text: title, organ, year, publication date, statistics period.

The words that belong to the format (how a title ends, what opens the statistics-period
sentence) are declared in :mod:`disclosure_report.tables`; what is here is how dates and
organ names are printed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Final

from disclosure_report.tables import PERIOD_WORDS, TITLE_ENDINGS

__all__ = [
    "choose_title",
    "compiler",
    "date_field",
    "date_line",
    "is_title",
    "organ_from_title",
    "organ_line",
    "period",
    "year_of",
]

_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_MONTH_DAY: Final = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*"
_DAY: Final = _YEAR_MONTH_DAY + "日"
_DATE: Final = re.compile(rf"^{_YEAR_MONTH_DAY}[日号]$")
"""A date alone on a line; it may end in 号 as well as 日."""
_ISO_DATE: Final = re.compile(r"^((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})")
_HAN_DATE: Final = re.compile(
    r"^([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]$"
)
_HAN_YEAR: Final = re.compile(r"(?:一九|二[〇零○O])[〇零○O一二三四五六七八九]{2}(?=\s*年)")
_HAN_NUMBER: Final = r"([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
"""A month or day number in Chinese numerals: 一 to 九, 十 to 三十九."""
_HAN_MONTH_DAY: Final = re.compile(rf"{_HAN_NUMBER}\s*月\s*{_HAN_NUMBER}\s*日")
_HAN_DIGITS: Final = str.maketrans("〇零○O一二三四五六七八九", "0000123456789")
"""Chinese digits; a year's zero is often typed as ○ (U+25CB) or the letter O (二○二〇, 二O二一)."""
_WIDE: Final = str.maketrans({0xFF10 + digit: str(digit) for digit in range(10)})
"""Full-width digits, U+FF10 to U+FF19 (a title typed with the Chinese input method's digits)."""
_FIELD: Final = re.compile(r"(?:发布|公开|成文|印发)(?:时间|日期)\s*[:：]?\s*")
_PERIOD: Final = re.compile(
    rf"(?:{'|'.join(PERIOD_WORDS)}).{{0,16}}?{_DAY}.{{0,6}}?(?:至|到|—|-|~|－)\s*"
    r"(?:((?:19|20)\d{2})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_TITLE_TAIL: Final = re.compile(
    rf"(?:{'|'.join(sorted(TITLE_ENDINGS, key=len, reverse=True))})$|(?:政府|政务)?信息公开.*报告$"
)
_ORGAN_SUFFIX: Final = re.compile(
    r"(?:政府|局|委员会|委|办公室|办公厅|厅|院|中心|办事处|街道|乡|镇|所|站|队|公司|部|署|处|馆|区|县|市|省|管委会|集团)$"
)
_SEAL: Final = re.compile(r"\s*[（(](?:盖章|印章|章|公章)[)）]$")
"""Where a signature says its seal goes: （盖章）."""
_SENTENCE: Final = re.compile(r"[。；，,;：:！？]")
_LONGEST_TITLE: Final = 120
_MARK: Final = "\x00"
"""Where a year stood in a title (a title holds no control character: readers remove them)."""


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _arabic_years(text: str) -> str:
    """``text`` with each year in ASCII digits: 二〇一九年 and ２０１９年 give 2019年."""
    return _HAN_YEAR.sub(lambda match: match[0].translate(_HAN_DIGITS), text.translate(_WIDE))


def _arabic_dates(text: str) -> str:
    """``text`` with dates written in Chinese numerals (二〇一九年十二月三十一日) in digits."""
    text = _arabic_years(text)
    return _HAN_MONTH_DAY.sub(lambda m: f"{_han_number(m[1])}月{_han_number(m[2])}日", text)


def year_of(text: str) -> int | None:
    """The first ``YYYY年`` in ``text`` (or ``二〇一九年``, in Chinese numerals)."""
    match = _YEAR.search(_arabic_years(text))
    return int(match[1]) if match else None


def is_title(text: str) -> bool:
    """A line that reads as a report title (ends with a title ending of the format)."""
    folded = _fold(text).strip("《》<>")
    if len(folded) > _LONGEST_TITLE or _SENTENCE.search(folded):
        return False
    return any(folded.endswith(ending) for ending in TITLE_ENDINGS)


def _han_number(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十一 -> 21 (month and day numbers)."""
    if "十" not in text:
        return int(text.translate(_HAN_DIGITS))
    tens, _, units = text.partition("十")
    return int(tens.translate(_HAN_DIGITS) or 1) * 10 + int(units.translate(_HAN_DIGITS) or 0)


def date_line(text: str) -> date | None:
    """A date alone on a line: 2019年12月31日, 2019-12-31 or 二〇一九年十二月三十一日."""
    folded = _fold(text)
    if len(folded) > 20:
        return None
    try:
        if match := _DATE.match(folded):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if (match := _ISO_DATE.match(folded)) and match.end() == len(folded):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _HAN_DATE.match(folded):
            year = int(match[1].translate(_HAN_DIGITS))
            return date(year, _han_number(match[2]), _han_number(match[3]))
    except ValueError:
        return None
    return None


def date_field(text: str) -> date | None:
    """The date of a page's 发布时间 / 发布日期 field: ``发布日期：2020-01-31 10:00``."""
    folded = unicodedata.normalize("NFKC", text)
    match = _FIELD.search(folded)
    if match is None:
        return None
    rest = folded[match.end() :].strip()
    try:
        if iso := _ISO_DATE.match(rest):
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if day := re.match(_DAY, rest):
            return date(int(day[1]), int(day[2]), int(day[3]))
    except ValueError:
        return None
    return None


def period(texts: Iterable[str]) -> tuple[date, date] | None:
    """The statistics period stated in the first sentence that states one."""
    for text in texts:
        match = _PERIOD.search(_arabic_dates(unicodedata.normalize("NFKC", text[:2000])))
        if match is None:
            continue
        try:
            end_year = int(match[4]) if match[4] else int(match[1])
            return (
                date(int(match[1]), int(match[2]), int(match[3])),
                date(end_year, int(match[5]), int(match[6])),
            )
        except ValueError:
            continue
    return None


def organ_line(text: str) -> str | None:
    """A short line naming a body (a signature line), or None."""
    words = text.split()
    if len(words) >= 3 and all(len(word) == 1 for word in words):
        words = ["".join(words)]  # a name spaced out across the line: 段 店 乡 人 民 政 府
    folded = _SEAL.sub("", " ".join(words))
    if 3 <= len(folded) <= 40 and not _SENTENCE.search(folded) and _ORGAN_SUFFIX.search(folded):
        return folded
    return None


def organ_from_title(title: str) -> str | None:
    """The body named in a title like ``2019年某某县人民政府政府信息公开工作年度报告``."""
    folded = _arabic_years("".join(title.split()).strip("《》"))
    if len(folded) > _LONGEST_TITLE:
        return None
    # The year stands between the body and the tail, or before the body: it is replaced by a
    # mark, not removed, so that the tail cannot take the end of the body's name with it
    # (某某镇人民政府2019年信息公开工作年度报告: the tail is 信息公开…, not 政府信息公开…).
    body = _YEAR.sub(_MARK, re.sub(r"((?:19|20)\d{2})\s*年度", _MARK, folded))
    tail = _TITLE_TAIL.search(body)
    if tail is None:
        return None  # not a report title (a template's, a covering letter's)
    organ = body[: tail.start()].replace(_MARK, "").strip("《》 ")
    organ = organ.removesuffix("关于").removesuffix("的")
    # 某某县人民政府信息公开工作年度报告: the tail is 信息公开…, and 政府 ends the body's name.
    if organ.endswith("人民") and tail.group().startswith("政府"):
        organ += "政府"
    return organ or None


def choose_title(candidates: Sequence[str], *, loosely: bool = False) -> int | None:
    """Index of the title among the paragraphs before section 一.

    The last paragraph that reads as a title; with ``loosely``, else the first short one that
    mentions 报告 (a title worded otherwise).
    """
    for i in range(len(candidates) - 1, -1, -1):
        if is_title(candidates[i]):
            return i
    if not loosely:
        return None
    return next(
        (i for i, t in enumerate(candidates) if "报告" in t and len(t) <= _LONGEST_TITLE // 2),
        None,
    )


_COMPILER: Final = re.compile(
    r"本(?:年度)?报告(?:由|是)([\u4e00-\u9fff（）()]{2,40}?)(?:根据|依据|按照|依照|编制|制作)"
)
_OFFICE: Final = re.compile(r"(?:政务公开|信息公开)?(?:办公室|办公厅|办)$")


def compiler(texts: Iterable[str]) -> str | None:
    """The body a preamble says compiled the report, its office aside.

    「本报告由淮安市洪泽区人民政府办公室根据……编制」 gives 淮安市洪泽区人民政府.
    """
    for text in texts:
        match = _COMPILER.search(unicodedata.normalize("NFKC", text[:300]))
        if match is not None:
            return _OFFICE.sub("", match[1]) or None
    return None
