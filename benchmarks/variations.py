"""A folder of many reports made from the corpus by rendering variations, with what it holds.

The seed text (``tests/corpus/000.txt``), the HTML page (``014.html``) and the Word file
(``103.docx``) are rewritten with another organ, another report year (2019, 2020 or 2021:
a 2021 report on the 2019 edition's tables is a finding) and a few numbers changed (which
breaks totals: findings); the text-layer PDFs (``001.pdf`` … ``003.pdf``) are copied with a
comment after their end. Some files are broken on purpose (empty, not a report, a damaged
Word file, bytes of no known kind) and some are copies of earlier ones under another name.

:class:`Made` records what was made, counted without the library: the files by form, the
reports by edition and year, the files that must fail, the copies. Run as a script::

    python -m benchmarks.variations OUT_DIR COUNT
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from attrs import define, field

CORPUS = Path(__file__).parent.parent / "tests" / "corpus"
TEXT_SEED = CORPUS / "000.txt"
HTML_SEED = CORPUS / "014.html"
DOCX_SEED = CORPUS / "103.docx"
YEARS = (2019, 2020, 2021)
EDITION = "2019"
"""The edition of every seed's tables (a variation changes the year, never the tables)."""

_SYLLABLES = (
    "安宝城大东丰福高广和河红华黄金锦丽林龙隆明南宁平青泉瑞山胜石顺泰天田新兴阳永玉园云长中"
)
_PROVINCES = ("北方省", "南方省", "东海省", "西山省")
_TEXT_NUMBER = re.compile(r"(?m)^\t(\d+)$")
_HTML_NUMBER = re.compile(r'(<p align="center">)(\d+)(</p>)')
_DOCX_NUMBER = re.compile(r"(<w:t>)(\d+)(</w:t>)")
_DOCX_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*</w:t>")


@define
class Made:
    """What a generated folder holds, counted as it was made."""

    files: int = 0
    files_by_form: Counter[str] = field(factory=Counter)
    """Every file, copies included, by the form it was written in (``unknown``: junk)."""
    reports_by_edition_and_year: Counter[tuple[str, str]] = field(factory=Counter)
    """Distinct reports, by edition and year."""
    broken: int = 0
    """Distinct files that cannot be read as a report."""
    duplicates: int = 0
    """Files that are byte copies of an earlier one (made so, or two variations that came out
    the same: same organ, year and numbers)."""


def made_to_json(made: Made) -> str:
    """``made`` as JSON (saved beside a folder made once and measured many times)."""
    return json.dumps(
        {
            "files": made.files,
            "files_by_form": made.files_by_form,
            "reports": [[e, y, n] for (e, y), n in made.reports_by_edition_and_year.items()],
            "broken": made.broken,
            "duplicates": made.duplicates,
        }
    )


def made_from_json(text: str) -> Made:
    """What :func:`made_to_json` wrote."""
    data = json.loads(text)
    return Made(
        files=data["files"],
        files_by_form=Counter(data["files_by_form"]),
        reports_by_edition_and_year=Counter({(e, y): n for e, y, n in data["reports"]}),
        broken=data["broken"],
        duplicates=data["duplicates"],
    )


def _organ(rng: random.Random, kind: str) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(2)) + kind


def _change_numbers(text: str, pattern: re.Pattern[str], rng: random.Random, group: int) -> str:
    """Add a small number to 0, 1 or 2 of the numbers ``pattern`` finds (group ``group``).

    Years (a Word file may print the year of its title in a run of its own) are left alone.
    """
    matches = [m for m in pattern.finditer(text) if not 1990 <= int(m.group(group)) <= 2100]
    chosen = rng.sample(matches, k=min(len(matches), rng.choice((0, 0, 1, 2))))
    for match in sorted(chosen, key=lambda m: -m.start()):  # from the end: spans stay true
        start, end = match.span(group)
        text = text[:start] + str(int(match.group(group)) + rng.randint(1, 9)) + text[end:]
    return text


def text_variation(rng: random.Random, year: int) -> bytes:
    """The seed text of another township, year and numbers."""
    text = TEXT_SEED.read_text(encoding="utf-8")
    text = text.replace("段店乡", _organ(rng, "乡")).replace("2019", str(year))
    return _change_numbers(text, _TEXT_NUMBER, rng, 1).encode("utf-8")


def html_variation(rng: random.Random, year: int) -> bytes:
    """The HTML page of another office, year and numbers."""
    page = HTML_SEED.read_text(encoding="utf-8")
    organ = _organ(rng, "市人民政府办公厅")
    page = page.replace("2020-01-31", f"{year + 1}-01-31").replace("2019", str(year))
    page = page.replace("上海市人民政府办公厅", organ)
    return _change_numbers(page, _HTML_NUMBER, rng, 2).encode("utf-8")


def docx_variation(rng: random.Random, year: int) -> bytes:
    """The Word file of another office, year and numbers (word/document.xml rewritten)."""
    organ = _organ(rng, "市人民政府办公厅")
    out = io.BytesIO()
    with zipfile.ZipFile(DOCX_SEED) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                xml = _DOCX_TEXT.sub(
                    lambda m: (
                        m[0].replace("2019", str(year)).replace("上海市人民政府办公厅", organ)
                    ),
                    data.decode("utf-8"),
                )
                data = _change_numbers(xml, _DOCX_NUMBER, rng, 2).encode("utf-8")
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


_PDF_SEEDS = ("001", "002", "003")


def pdf_variation(rng: random.Random) -> tuple[bytes, str, int]:
    """One of the corpus's text-layer PDFs with a comment after its end: (bytes, edition, year).

    A PDF cannot be rewritten here; the comment makes each file's bytes its own.
    """
    name = rng.choice(_PDF_SEEDS)
    truth = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    data = (
        CORPUS / f"{name}.pdf"
    ).read_bytes() + f"\n% variation {rng.getrandbits(64):x}\n".encode()
    return data, str(truth["edition"]), int(truth["year"])


def _broken(rng: random.Random, number: int) -> tuple[str, bytes]:
    """A file that is not a report: (suffix, bytes)."""
    kind = number % 4
    if kind == 0:
        return "txt", b""
    if kind == 1:
        return "txt", "本页面暂无内容，请稍后访问。\n".encode() * rng.randint(1, 5)
    if kind == 2:
        whole = DOCX_SEED.read_bytes()
        return "docx", whole[: len(whole) // 2]
    return "doc", bytes(rng.randrange(256) for _ in range(512))


_MAKERS = {"text": ("txt", text_variation), "html": ("html", html_variation)}
_MAKERS["docx"] = ("docx", docx_variation)
_SUFFIXES = {"text": "txt", "html": "html", "docx": "docx", "pdf": "pdf"}


def make_folder(
    folder: Path,
    count: int,
    *,
    seed: int = 0,
    forms: tuple[str, ...] = ("text", "text", "html", "docx"),
    broken_every: int = 50,
    duplicate_every: int = 200,
) -> Made:
    """Write ``count`` files under ``folder`` (in province/county sub-folders); what they are.

    Every ``broken_every``-th file is broken, every ``duplicate_every``-th a copy of the file
    before it under another name; the rest are variations of the seeds, in ``forms`` turn.
    """
    rng = random.Random(seed)
    made = Made()
    seen: set[bytes] = set()
    last: tuple[str, bytes] | None = None
    for number in range(1, count + 1):
        county = f"{_PROVINCES[number % len(_PROVINCES)]}/第{number % 23:02d}县"
        where = folder / county
        where.mkdir(parents=True, exist_ok=True)
        if duplicate_every and number % duplicate_every == 0 and last is not None:
            form, data = last
            suffix = _SUFFIXES[form]
            (where / f"{number:05d}-副本.{suffix}").write_bytes(data)
            made.files += 1
            made.files_by_form[form] += 1
            made.duplicates += 1
            continue
        if broken_every and number % broken_every == 0:
            suffix, data = _broken(rng, number // broken_every)
            form = "text" if suffix == "txt" else "unknown"  # a damaged zip is of no known form
            (where / f"{number:05d}-坏文件.{suffix}").write_bytes(data)
            made.files += 1
            made.files_by_form[form] += 1
            digest = hashlib.sha256(data).digest()
            if digest in seen:
                made.duplicates += 1
            else:
                seen.add(digest)
                made.broken += 1
            continue
        form = forms[number % len(forms)]
        if form == "pdf":
            suffix = "pdf"
            data, edition, year = pdf_variation(rng)
        else:
            suffix, maker = _MAKERS[form]
            edition, year = EDITION, rng.choice(YEARS)
            data = maker(rng, year)
        (where / f"{number:05d}-报告.{suffix}").write_bytes(data)
        made.files += 1
        made.files_by_form[form] += 1
        digest = hashlib.sha256(data).digest()
        if digest in seen:
            made.duplicates += 1
        else:
            seen.add(digest)
            made.reports_by_edition_and_year[(edition, str(year))] += 1
        last = (form, data)
    return made


def count_independently(folder: Path) -> dict[str, Counter[str]]:
    """Findings by code and failures by reason, file by file, without the batch machinery.

    Each distinct file (by the SHA-256 of its bytes) is parsed and validated in turn.
    """
    from disclosure_report import parse_bytes, validate
    from disclosure_report.errors import DisclosureReportError

    findings: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    seen: set[str] = set()
    for root, _dirs, names in sorted(os.walk(folder)):
        for name in sorted(names):
            data = (Path(root) / name).read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            try:
                result = parse_bytes(data)
            except DisclosureReportError as error:
                failures[str(error)] += 1
                continue
            for finding in (*result.diagnostics, *validate(result.report)):
                findings[finding.code] += 1
    return {"findings": findings, "failures": failures}


def compare(summary: dict[str, Any], made: Made, counted: dict[str, Counter[str]]) -> list[str]:
    """Where a batch's ``summary.json`` differs from what was made and counted (empty: nowhere)."""
    editions: dict[str, dict[str, int]] = {}
    for (edition, year), count in sorted(made.reports_by_edition_and_year.items()):
        editions.setdefault(edition, {})[year] = count
    expected = {
        "files": made.files,
        "files_by_form": dict(sorted(made.files_by_form.items())),
        "duplicates": made.duplicates,
        "failed": made.broken,
        "reports": made.reports_by_edition_and_year.total(),
        "reports_by_edition_and_year": editions,
        "findings_by_code": dict(sorted(counted["findings"].items())),
        "failures_by_reason": dict(sorted(counted["failures"].items())),
    }
    return [
        f"{key}: the batch says {summary.get(key)!r}, the count {value!r}"
        for key, value in expected.items()
        if summary.get(key) != value
    ]


def main(argv: list[str]) -> int:
    """``python -m benchmarks.variations OUT_DIR COUNT``."""
    folder, count = Path(argv[0]), int(argv[1])
    made = make_folder(folder, count)
    print(made)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
