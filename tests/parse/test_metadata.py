"""Metadata as reports print it: titles, organs, dates, statistics periods."""

from __future__ import annotations

from datetime import date

import pytest

from disclosure_report.parse._metadata import (
    compiler,
    date_field,
    date_line,
    is_title,
    organ_from_title,
    organ_line,
    period,
    year_of,
)


@pytest.mark.parametrize(
    ("title", "organ"),
    [
        ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅"),
        ("上海市人民政府办公厅2019年政府信息公开工作年度报告", "上海市人民政府办公厅"),
        ("某某县审计局2020年度政府信息公开工作年度报告", "某某县审计局"),
        ("某某县审计局关于2020年政府信息公开工作年度报告", "某某县审计局"),
        ("《某某镇人民政府2022年政府信息公开工作年度报告》", "某某镇人民政府"),
        ("2016年度政务信息公开年度报告", None),
        # a year in Chinese numerals
        ("段店乡人民政府二〇一九年政府信息公开工作年度报告", "段店乡人民政府"),
        ("二○二一年度某某县审计局政府信息公开工作年度报告", "某某县审计局"),
        # the year between the body and a tail without 政府: the body keeps its 政府
        ("段店乡人民政府2019年信息公开工作年度报告", "段店乡人民政府"),
        ("某某市人民政府2021年度信息公开工作年度报告", "某某市人民政府"),
        ("2019年某某县人民政府信息公开工作年度报告", "某某县人民政府"),
        ("2019年某某县人民政府政府信息公开工作年度报告", "某某县人民政府"),
        ("某某县政务服务中心2019年政务信息公开年度报告", "某某县政务服务中心"),
        # a year in full-width digits
        ("段店乡２０１９年度政府信息公开工作年度报告", "段店乡"),
        ("２０１９年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅"),
        ("关于报送年度报告的函", None),
    ],
)
def test_organ_from_title(title: str, organ: str | None) -> None:
    assert organ_from_title(title) == organ


def test_a_title_is_short_and_ends_as_the_format_says() -> None:
    assert is_title("2019年某某县人民政府政府信息公开工作年度报告")
    assert is_title("某某县2019年度政府信息公开工作报告")
    assert not is_title("本年度报告根据条例编制，全文包括……政府信息公开工作年度报告")
    assert not is_title("x" * 200 + "政府信息公开工作年度报告")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布日期：2020-01-31", date(2020, 1, 31)),
        ("发布时间：2020-01-31 09:30 来源：市政府办公厅", date(2020, 1, 31)),
        ("发布时间: 2021年2月3日", date(2021, 2, 3)),
        ("成文日期：2022/01/20", date(2022, 1, 20)),
        ("发布日期：2020-02-30", None),
        ("本单位于2020年发布", None),
    ],
)
def test_date_field(text: str, expected: date | None) -> None:
    assert date_field(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019年12月31日", date(2019, 12, 31)),
        ("二〇二〇年一月二十日", date(2020, 1, 20)),
        ("2020-01-31", date(2020, 1, 31)),
        ("2019年12月31日，本单位", None),
        # the zero of a year typed as a white circle or the letter O; 号 for 日
        ("二○二○年一月二十日", date(2020, 1, 20)),
        ("二O二一年一月十五日", date(2021, 1, 15)),
        ("二Ｏ二一年一月十五日", date(2021, 1, 15)),
        ("2019年12月31号", date(2019, 12, 31)),
        ("2019年13月31日", None),
    ],
)
def test_date_line(text: str, expected: date | None) -> None:
    assert date_line(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
        "本报告所列数据的统计期限为2020年1月1日至2020年12月31日。",
        "本年度报告中所列数据统计期限从2020年1月1日到12月31日止。",
        "本报告中所列数据的统计期限自二〇二〇年一月一日起至二〇二〇年十二月三十一日止。",
        "本报告所列数据统计期限为二○二○年一月一日至十二月三十一日。",
    ],
)
def test_statistics_period(text: str) -> None:
    assert period([text]) == (date(2020, 1, 1), date(2020, 12, 31))


def test_the_body_that_compiled_the_report() -> None:
    text = "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。"
    assert compiler([text]) == "淮安市洪泽区人民政府"
    assert compiler(["本年度报告是某某县审计局依据条例编制的。"]) == "某某县审计局"
    assert compiler(["本报告根据条例编制。"]) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("段店乡2019年度政府信息公开年度报告", 2019),
        ("段店乡二〇一九年政府信息公开工作年度报告", 2019),
        ("某某县二○二一年度政府信息公开工作年度报告", 2021),
        ("某某县二零二二 年政府信息公开工作年度报告", 2022),
        ("一九九九年", 1999),
        ("段店乡２０１９年度政府信息公开年度报告", 2019),
        ("三〇一九年", None),
        ("政府信息公开工作年度报告", None),
    ],
)
def test_year_of(text: str, year: int | None) -> None:
    assert year_of(text) == year


@pytest.mark.parametrize(
    ("line", "organ"),
    [
        ("段店乡人民政府", "段店乡人民政府"),
        ("段 店 乡 人 民 政 府", "段店乡人民政府"),  # spaced out across a right-aligned line
        ("段店乡人民政府（盖章）", "段店乡人民政府"),
        ("某某县审计局 (章)", "某某县审计局"),
        ("中共某某县委办公室 某某县人民政府办公室", "中共某某县委办公室 某某县人民政府办公室"),
        ("我 们 认 为", None),
        ("现将有关情况报告如下：", None),
    ],
)
def test_organ_line(line: str, organ: str | None) -> None:
    assert organ_line(line) == organ
