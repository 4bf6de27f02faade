"""A batch over a generated folder: counts, outputs, resuming, and the same outputs from every engine."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from benchmarks.variations import Made, compare, count_independently, make_folder

from disclosure_report import from_xml, parse_file
from disclosure_report.batch import BatchError, FileResult, InputError, run_batch
from disclosure_report.serialise import read_xml_collection

from .conftest import need


def _tree(folder: Path, *, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every output file by its path under ``folder`` (the run's own timings left out)."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_dir() or relative.startswith((".", *skip)):
            continue
        data = path.read_bytes()
        if relative == "summary.json":
            summary = json.loads(data)
            del summary["run"]
            data = json.dumps(summary).encode()
        found[relative] = data
    return found


@pytest.fixture(scope="module")
def first_run(
    variations: tuple[Path, Made], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[FileResult]]:
    """The generated folder run once with two worker processes, to XML and Parquet."""
    folder, _ = variations
    out = tmp_path_factory.mktemp("batch") / "out"
    run = run_batch([str(folder)], out, to=["xml", "parquet"], jobs=2)
    results = list(run)
    return out, results


def test_summary_matches_what_was_made_and_an_independent_count(
    variations: tuple[Path, Made], first_run: tuple[Path, list[FileResult]]
) -> None:
    folder, made = variations
    out, results = first_run
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["files"] == len(results)
    assert compare(summary, made, count_independently(folder)) == []
    assert summary["run"]["processed"] + summary["run"]["skipped"] == made.files


def test_every_file_is_listed_and_every_failure_has_its_reason(
    variations: tuple[Path, Made], first_run: tuple[Path, list[FileResult]]
) -> None:
    folder, made = variations
    out, _ = first_run
    with (out / "files.csv").open(encoding="utf-8-sig", newline="") as stream:
        files = list(csv.DictReader(stream))
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert sorted(Path(f["file"]).relative_to(folder).as_posix() for f in files) == on_disk
    with (out / "failures.csv").open(encoding="utf-8-sig", newline="") as stream:
        failures = list(csv.DictReader(stream))
    assert len(failures) == made.broken
    assert all(f["reason"] and "坏文件" in f["file"] for f in failures)
    for row in files:
        if row["status"] == "ok":
            (output,) = row["outputs"].split(";")
            report = from_xml((out / output).read_bytes())
            assert report.organ == row["organ"]
            assert str(report.year) == row["year"]


def test_the_datasets_hold_every_cell_and_finding_by_year_and_edition(
    first_run: tuple[Path, list[FileResult]],
) -> None:
    ds = need("pyarrow.dataset")
    out, _ = first_run
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    findings = ds.dataset(out / "findings", format="parquet", partitioning="hive").to_table()
    assert findings.num_rows == sum(summary["findings_by_code"].values())
    cells = ds.dataset(out / "cells", format="parquet", partitioning="hive").to_table()
    assert set(cells.column("year").to_pylist()) == {2019, 2020, 2021}
    assert len(set(cells.column("sha256").to_pylist())) == summary["reports"]
    # one report's cells are its records, in order, with their labels
    with (out / "files.csv").open(encoding="utf-8-sig", newline="") as stream:
        row = next(r for r in csv.DictReader(stream) if r["status"] == "ok")
    report = from_xml((out / row["outputs"]).read_bytes())
    mine = cells.filter(ds.field("sha256") == row["sha256"]).to_pylist()
    from disclosure_report import to_records

    records = to_records(report)
    assert [(c["table"], c["row"], c["column"]) for c in mine] == [
        (r.table, r.row, r.column) for r in records
    ]
    assert [c["integer"] if c["amount"] is None else c["amount"] for c in mine] == [
        r.value for r in records
    ]
    assert [c["row_label"] for c in mine] == [r.row_label for r in records]
    fields = ("kind", "unit", "marker", "raw", "report_id", "organ")
    assert [tuple(c[f] for f in fields) for c in mine] == [
        tuple(getattr(r, f) for f in fields) for r in records
    ]
    assert {c["year"] for c in mine} == {report.year}


def test_pandas_reads_the_datasets(first_run: tuple[Path, list[FileResult]]) -> None:
    pd = need("pandas")
    out, _ = first_run
    frame = pd.read_parquet(out / "findings")
    assert {"code", "severity", "message", "year", "edition"} <= set(frame.columns)


def test_a_second_run_reads_nothing_again_and_writes_the_same_outputs(
    variations: tuple[Path, Made], first_run: tuple[Path, list[FileResult]], tmp_path: Path
) -> None:
    folder, _ = variations
    out, _ = first_run
    before = _tree(out)
    states = {p: p.stat().st_mtime_ns for p in (out / "state").rglob("*.json")}
    run = run_batch([str(folder)], out, to=["xml", "parquet"], jobs=2)
    results = list(run)
    assert all(r.skipped for r in results)
    assert run.summary is not None
    assert run.summary.processed == 0
    assert _tree(out) == before
    assert {p: p.stat().st_mtime_ns for p in (out / "state").rglob("*.json")} == states


def test_a_renamed_file_is_not_read_again(variations: tuple[Path, Made], tmp_path: Path) -> None:
    folder, _ = variations
    source = next(p for p in sorted(folder.rglob("*报告.txt")))
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(source, inputs / "a.txt")
    out = tmp_path / "out"
    assert [r.skipped for r in run_batch([str(inputs)], out, jobs=1)] == [False]
    (inputs / "a.txt").rename(inputs / "renamed.txt")
    (result,) = run_batch([str(inputs)], out, jobs=1)
    assert result.skipped
    assert result.name.endswith("renamed.txt")
    (result,) = run_batch([str(inputs)], out, jobs=1, force=True)
    assert not result.skipped
    # asking for another form of output redoes the file
    (result,) = run_batch([str(inputs)], out, jobs=1, to="json")
    assert not result.skipped
    assert result.outputs[0].endswith(".json")


def test_a_damaged_state_is_redone(variations: tuple[Path, Made], tmp_path: Path) -> None:
    folder, _ = variations
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(next(iter(sorted(folder.rglob("*报告.html")))), inputs / "a.html")
    out = tmp_path / "out"
    list(run_batch([str(inputs)], out, jobs=1))
    (state,) = (out / "state").rglob("*.json")
    state.write_text('{"version": 1, "sha', encoding="utf-8")
    (result,) = run_batch([str(inputs)], out, jobs=1)
    assert not result.skipped
    assert result.ok


def test_inputs_can_be_archives_lists_and_globs(
    variations: tuple[Path, Made], tmp_path: Path
) -> None:
    folder, _ = variations
    reports = sorted(folder.rglob("*报告.*"))[:3]
    archive = tmp_path / "reports.zip"
    import zipfile

    with zipfile.ZipFile(archive, "w") as zipped:
        for path in reports:
            zipped.write(path, f"县/{path.name}")
    listing = tmp_path / "list.txt"
    listing.write_text(f"# two files\n{reports[0]}\n\n{reports[1]}\n", encoding="utf-8")
    pattern = str(folder / "**" / "*报告.html")
    html = len(list(folder.rglob("*报告.html")))
    run = run_batch([str(archive), f"@{listing}", pattern], tmp_path / "out", jobs=1)
    names = [r.name for r in run]
    assert len(names) == 3 + 2 + html
    assert f"{archive}!/县/{reports[0].name}" in names
    assert run.summary is not None
    assert run.summary.duplicates == 2 + sum(p.suffix == ".html" for p in reports)


def test_bad_options_are_refused_before_the_run(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        run_batch([str(tmp_path / "missing")], tmp_path / "out")
    with pytest.raises(InputError, match="no file matches"):
        run_batch([str(tmp_path / "*.nothing")], tmp_path / "out")
    with pytest.raises(BatchError, match="choose among"):
        run_batch([str(tmp_path)], tmp_path / "out", to="pdf")
    with pytest.raises(BatchError, match="at least 1"):
        run_batch([str(tmp_path)], tmp_path / "out", jobs=0)
    with pytest.raises(BatchError, match="engine"):
        run_batch([str(tmp_path)], tmp_path / "out", engine="spark")


def test_the_output_folder_inside_the_input_is_not_read(
    variations: tuple[Path, Made], tmp_path: Path
) -> None:
    folder, _ = variations
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(next(iter(sorted(folder.rglob("*报告.txt")))), inputs / "a.txt")
    for _ in range(2):
        run = run_batch([str(inputs)], inputs / "out", to=["xml", "json"], jobs=1)
        assert [r.name for r in run] == [str(inputs / "a.txt")]


def test_two_batches_cannot_write_to_one_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"")
    first = iter(run_batch([str(tmp_path / "in")], tmp_path / "out", jobs=1))
    next(first)
    with pytest.raises(BatchError, match="another batch"):
        list(run_batch([str(tmp_path / "in")], tmp_path / "out", jobs=1))
    list(first)


def test_dask_on_a_local_cluster_writes_the_same_outputs(
    variations: tuple[Path, Made], first_run: tuple[Path, list[FileResult]], tmp_path: Path
) -> None:
    distributed = need("distributed")
    folder, _ = variations
    local, _ = first_run
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        run = run_batch(
            [str(folder)], tmp_path / "out", to=["xml", "parquet"], engine="dask", scheduler=client
        )
        results = list(run)
    assert run.summary is not None
    assert run.summary.engine == "dask"
    assert run.summary.workers == 2
    assert len(results) == len(list(folder.rglob("*.*")))
    assert _tree(tmp_path / "out") == _tree(local)


def test_pdfs_are_read_too(tmp_path: Path) -> None:
    need("pdfplumber")
    made = make_folder(tmp_path / "in", 3, forms=("pdf",), broken_every=0, duplicate_every=0)
    run = run_batch([str(tmp_path / "in")], tmp_path / "out", to="parquet", jobs=1)
    assert all(result.ok and result.form == "pdf" for result in run)
    assert run.summary is not None
    assert run.summary.reports_by_edition_and_year == made.reports_by_edition_and_year


def test_a_collection_document_holds_every_report_once_in_input_order(
    variations: tuple[Path, Made], tmp_path: Path
) -> None:
    folder, _ = variations
    inputs = tmp_path / "in"
    inputs.mkdir()
    sources = sorted(folder.rglob("*报告.*"))[:5]
    for number, path in enumerate(sources):
        shutil.copy(path, inputs / f"{number}{path.suffix}")
    shutil.copy(sources[0], inputs / f"9-copy{sources[0].suffix}")
    run = run_batch([str(inputs)], tmp_path / "out", to="collection", jobs=1)
    assert len(list(run)) == 6
    with (tmp_path / "out" / "reports.xml").open("rb") as document:
        collected = list(read_xml_collection(document))
    assert collected == [
        parse_file(inputs / f"{n}{p.suffix}").report for n, p in enumerate(sources)
    ]


def test_the_address_a_file_states_reaches_the_listing_and_the_datasets(tmp_path: Path) -> None:
    ds = need("pyarrow.dataset")
    inputs = tmp_path / "in"
    inputs.mkdir()
    corpus = Path(__file__).parents[1] / "corpus"
    for name in ("007.txt", "000.txt"):
        (inputs / name).write_bytes((corpus / name).read_bytes())
    out = tmp_path / "out"
    results = {Path(r.name).name: r for r in run_batch([str(inputs)], out, to=["parquet"], jobs=1)}
    address = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202001/t20200120_80576.htm"
    assert results["007.txt"].address == address
    assert results["000.txt"].address is None
    with (out / "files.csv").open(encoding="utf-8-sig", newline="") as stream:
        listed = {Path(r["file"]).name: r["address"] for r in csv.DictReader(stream)}
    assert listed == {"007.txt": address, "000.txt": ""}
    cells = ds.dataset(out / "cells", format="parquet", partitioning="hive").to_table()
    by_file = {
        (Path(f).name, a)
        for f, a in zip(
            cells.column("file").to_pylist(), cells.column("address").to_pylist(), strict=True
        )
    }
    assert by_file == {("007.txt", address), ("000.txt", None)}
