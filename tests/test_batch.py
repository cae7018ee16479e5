"""cyber-extract, the installed batch command, on the real filings, the samples, an archive, a list
file and broken inputs: its JSONL and CSV against the single-filing export, resume after a kill,
Ctrl-C, and one worker against two."""

from __future__ import annotations

import contextlib
import csv
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import pytest

from cyber_plugin.batch.pool import StopRequest, _interrupts_held
from cyber_plugin.core.catalogue import ANNUAL_FLAGS, CONCEPTS, FormFamily
from cyber_plugin.core.section_text import is_substantive
from cyber_plugin.dataset import read
from cyber_plugin.outputs.tables import TABLE_VERSION
from cyber_plugin.outputs.tabular import restore

from .support.command_line import run_arelle
from .support.extract import (
    EXPORT_SCHEMA,
    read_records,
    read_rows,
    run_extract,
    run_on_terminal,
    sha256_of,
    start_extract,
    summary_count,
    without,
)
from .support.paths import (
    ALL_SAMPLES,
    REAL_INCIDENTS,
    SAMPLE_10K,
    SAMPLES,
    real_filing,
    real_filings,
)
from .support.run_cache import in_worker_order
from .support.same_tables import assert_exports_are_the_tables
from .support.variants import InlineVariant

FLAGS = [concept.short_name for concept in ANNUAL_FLAGS]
TEXT_BLOCKS = [concept for concept in CONCEPTS if not concept.is_flag]
EXPECTED_COLUMNS = [
    "table",
    "table_version",
    "source",
    "accession_number",
    "sha256",
    "skipped_twin",
    "filed",
    "cik",
    "ticker",
    "entity_name",
    "form",
    "amendment",
    "fiscal_year",
    "fiscal_period",
    "period_start",
    "period_end",
    "prior_source",  # empty: a CSV output written filing by filing pairs nothing
    "amends",
    "status",
    "error",
    "eight_k_items",
    "cyd_namespaces",
    "cyd_facts",
    *FLAGS,
    "incidents",
    "incident",
    *(concept.short_name for concept in TEXT_BLOCKS),
    "section_item",
    "section_found",
    "section_heading",
    "section_by_reference",
    "section_tagged_share",
    "section_paragraphs",
    "section_untagged_paragraphs",
    "section_text",
    "findings_error",
    "findings_warning",
    "findings_info",
    "finding_codes",
]


def complete_lines(path: Path) -> list[bytes]:
    """The lines a killed run finished (a torn last line left out)."""
    return path.read_bytes().split(b"\n")[:-1] if path.exists() else []


def wait_for_first_record(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not complete_lines(path):
        assert process.poll() is None, f"cyber-extract ended early: {process.communicate()}"
        assert time.monotonic() < deadline, "no record after 120 s"
        time.sleep(0.05)


# What a batch record adds to the filing's export: the input and its EDGAR identity.
BATCH_KEYS = ("source", "sha256", "accessionNumber", "filed", "eightKItems")


def key(record: dict[str, Any]) -> str:
    return record["sha256"] or "source:" + record["source"]


def row_key(line: bytes) -> str:
    row = dict(zip(EXPECTED_COLUMNS, next(csv.reader([line.decode("utf-8").rstrip("\r")])), strict=True))
    return row["sha256"] or "source:" + restore(row["source"])


SECTION_FIELDS = (
    ("item", "item"),
    ("found", "found"),
    ("heading", "heading"),
    ("by_reference", "byReference"),
    ("tagged_share", "taggedShare"),
    ("text", "text"),
)


def expected_row(record: dict[str, Any]) -> dict[str, str]:
    """The CSV row a record must give, derived here from the JSON independently of the code."""
    row = dict.fromkeys(EXPECTED_COLUMNS, "")
    row.update(
        table="filings",
        table_version=str(TABLE_VERSION),
        source=record["source"],
        sha256=record["sha256"] or "",
        skipped_twin=record.get("skippedTwin", ""),
        accession_number=record["accessionNumber"] or "",
        filed=record["filed"] or "",
        eight_k_items=" ".join(record["eightKItems"]),
    )
    if "error" in record:
        row["error"] = record["error"]
        return row

    def text(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return "" if value is None else " ".join(str(value).splitlines())

    cik = record["entity"]["cik"]
    row.update(
        cik=cik.rjust(10, "0") if cik and cik.isdigit() else text(cik),
        ticker=text(record["entity"]["tradingSymbol"]),
        entity_name=text(record["entity"]["name"]),
        form=text(record["documentType"]),
        amendment=text(record["amendment"]),
        fiscal_year=text(record["fiscalYearFocus"]),
        fiscal_period=text(record["fiscalPeriodFocus"]),
        period_start=text(record["period"]["start"]),
        period_end=text(record["period"]["end"]),
        status=record["status"],
        cyd_namespaces=" ".join(record["cydNamespaces"]),
        cyd_facts=str(len(record["facts"])),
    )
    for concept in ANNUAL_FLAGS:
        row[concept.short_name] = text(record["flags"][concept.local_name])
    incidents = [incident["name"] for incident in record["incidents"]]
    row.update(incidents=str(len(incidents) or ""), incident=incidents[0] if incidents else "")
    for concept in TEXT_BLOCKS:
        values = [
            fact["value"]
            for fact in record["facts"]
            if fact["concept"] == concept.local_name
            and (concept.family is not FormFamily.INCIDENT or fact["incident"] == row["incident"])
        ]
        row[concept.short_name] = text(values[0]) if values else ""  # the first fact (of the first incident)
    if record["section"] is not None:
        section = record["section"]
        row.update({f"section_{key}": text(section[name]) for key, name in SECTION_FIELDS})
        untagged = [p for p in section["paragraphs"] if not p["taggedBy"] and is_substantive(p["text"])]
        row.update(
            section_paragraphs=str(len(section["paragraphs"])), section_untagged_paragraphs=str(len(untagged))
        )
    for severity in ("error", "warning", "info"):
        row[f"findings_{severity}"] = str(sum(f["severity"] == severity for f in record["findings"]))
    codes: list[str] = []
    for finding in record["findings"]:
        if finding["code"] not in codes:
            codes.append(finding["code"])
    row["finding_codes"] = " ".join(codes)
    return row


@dataclass
class Corpus:
    """The batch's inputs: the real-filings folder, the samples through a list file, an archive
    of a sample with its folder, a broken file and a path that does not exist."""

    folder: Path
    arguments: list[str]
    archive: Path
    broken: Path
    missing: Path
    list_file: Path

    @property
    def filings(self) -> list[Path]:
        return [*real_filings(), *ALL_SAMPLES, self.archive]

    @property
    def sources(self) -> set[str]:
        return {str(path) for path in [*self.filings, self.broken, self.missing]}

    @property
    def short_list(self) -> list[str]:
        """A quicker batch for the interruption tests: two real filings first (so that the kill
        comes while filings are still waiting), then the samples and the odd inputs."""
        names = ("nflx-10-k-2025-01-27.htm", "wfc-10-k-2025-02-25.htm")
        first = [str(real_filing(name)) for name in names]
        return [*first, *map(str, ALL_SAMPLES), *map(str, (self.archive, self.broken, self.missing))]


@dataclass
class BatchRun:
    result: subprocess.CompletedProcess[str]
    records: list[dict[str, Any]]
    header: list[str]
    rows: list[dict[str, str]]

    @property
    def by_source(self) -> dict[str, dict[str, Any]]:
        return {record["source"]: record for record in self.records}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    real_filings()  # skips the module's batch tests when ../shared/real-filings is absent
    folder = tmp_path_factory.mktemp("corpus")
    archive = folder / "10k-item1c.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(SAMPLE_10K, SAMPLE_10K.relative_to(SAMPLES))
    broken = folder / "broken.htm"
    broken.write_text('<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body><ix:header>', "utf-8")
    list_file = folder / "samples.txt"
    list_file.write_text("# the samples\n" + "\n".join(map(str, ALL_SAMPLES)) + "\n\n", "utf-8")
    missing = folder / "not-there.htm"
    arguments = [str(real_filings()[0].parent), f"@{list_file}", archive.name, broken.name, missing.name]
    return Corpus(folder, arguments, archive, broken, missing, list_file)


def run_batch(corpus: Corpus, arguments: list[str], output_folder: Path, jobs: int) -> BatchRun:
    """The inputs read into a JSON Lines file, a CSV file and a directory of CSV tables."""
    output_folder.mkdir()
    jsonl, table, tables = output_folder / "cyd.jsonl", output_folder / "cyd.csv", output_folder / "tables"
    outputs = ["-o", jsonl, "-o", table, "-o", f"{tables}/", "--format", "csv"]
    result = run_extract(*arguments, *outputs, "--jobs", str(jobs), cwd=corpus.folder)
    assert result.returncode == 0, result.stderr
    header, rows = read_rows(table)
    return BatchRun(result, read_records(jsonl), header, rows)


@pytest.fixture(scope="module")
def two_jobs(corpus: Corpus) -> BatchRun:
    """The whole corpus, read by two workers."""
    return run_batch(corpus, corpus.arguments, corpus.folder / "two-jobs", jobs=2)


@pytest.fixture(scope="module")
def one_job(corpus: Corpus) -> BatchRun:
    """The corpus but the real 10-Ks' folder (the samples through the list file, the archive, the
    broken file, the missing path), read by one worker, given as the whole corpus gives them."""
    return run_batch(corpus, corpus.arguments[1:], corpus.folder / "one-job", jobs=1)


@pytest.fixture(scope="module")
def exports(corpus: Corpus, export_run: Any) -> dict[str, dict[str, Path]]:
    """Each filing's single-filing exports (arelleCmdLine --cyber-export, by extension), by source:
    the runs the export tests read."""
    return {str(path): export_run(path).files for path in in_worker_order(corpus.filings)}


def test_every_record_equals_the_single_filing_export(
    two_jobs: BatchRun, exports: dict[str, dict[str, Path]], corpus: Corpus
) -> None:
    assert sorted(two_jobs.by_source) == sorted(corpus.sources)
    assert len(two_jobs.records) == len(corpus.sources)
    for source, files in exports.items():
        exported = json.loads(files[".json"].read_text(encoding="utf-8"))
        record = two_jobs.by_source[source]
        assert list(record)[:8] == ["format", "version", *BATCH_KEYS, "status"]
        assert record["sha256"] == sha256_of(Path(source))
        assert (record["filed"], record["eightKItems"]) == (None, [])  # no submission header, no --8k-items
        assert without(record, *BATCH_KEYS, "status") == without(exported, "source"), source
        jsonschema.validate(without(record, "sha256"), EXPORT_SCHEMA)  # the record is an export


def test_each_filings_csv_and_excel_exports_are_its_rows_of_the_dataset_tables(
    two_jobs: BatchRun, exports: dict[str, dict[str, Path]], corpus: Corpus
) -> None:
    """One facts schema: the CSV export is the filing's rows of cyber-extract's facts table, the
    workbook's sheets its rows of facts, findings, paragraphs and filings; the same headers and
    cells (an export has no SHA-256, and for an archive names the document inside it)."""
    tables = corpus.folder / "two-jobs" / "tables"
    assert sorted(path.name for path in tables.glob("*.csv")) == [
        "changes.csv",
        "facts.csv",
        "filings.csv",
        "findings.csv",
        "paragraphs.csv",
    ]
    for source, files in exports.items():
        assert_exports_are_the_tables(files[".csv"], files[".xlsx"], tables, source)
    paragraphs = read(tables).paragraphs
    assert set(paragraphs.source) >= {str(path) for path in real_filings()}  # every 10-K has its section


def test_the_real_incident_reports_exports_are_their_rows_of_the_dataset_tables(
    tmp_path: Path, export_run: Any
) -> None:
    """As above for the 8-K, 8-K/A and 6-K Item 1.05 reports, named by their accession numbers:
    the exports name them too."""
    if not REAL_INCIDENTS.is_dir():
        pytest.skip(
            f"real incident reports not found at {REAL_INCIDENTS} (they sit beside the project in CI)"
        )
    reports = sorted(REAL_INCIDENTS.glob("*.htm"))
    result = run_extract(*reports, "-o", "tables/", "--format", "csv", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    for report in reports:
        files = export_run(report).files
        assert_exports_are_the_tables(files[".csv"], files[".xlsx"], tmp_path / "tables", str(report))
    facts = read(tmp_path / "tables").facts
    assert sorted(set(facts.accession_number)) == sorted(path.stem for path in reports)
    assert set(facts.incident.dropna()) >= {"March112026IncidentMember"}


def test_directories_yield_filings_not_their_schemas_linkbases_or_readme(two_jobs: BatchRun) -> None:
    real = {source for source in two_jobs.by_source if source.startswith(str(real_filings()[0].parent))}

    assert real == {str(path) for path in real_filings()}  # the IBM folder gives its .htm only


def test_archive_and_list_file_inputs(two_jobs: BatchRun, corpus: Corpus) -> None:
    archived = two_jobs.by_source[str(corpus.archive)]
    listed = [two_jobs.by_source[str(sample)] for sample in ALL_SAMPLES]

    assert archived["documentType"] == "10-K" and {f["document"] for f in archived["facts"]} == {"filing.htm"}
    assert without(archived, *BATCH_KEYS) == without(two_jobs.by_source[str(SAMPLE_10K)], *BATCH_KEYS)
    assert [record["documentType"] for record in listed] == ["20-F", "20-F", "10-K", "8-K"]


def test_broken_and_missing_files_are_records_with_the_reason(two_jobs: BatchRun, corpus: Corpus) -> None:
    broken = two_jobs.by_source[str(corpus.broken)]
    missing = two_jobs.by_source[str(corpus.missing)]

    assert set(broken) == {"format", "version", *BATCH_KEYS, "error"}
    assert broken["sha256"] == sha256_of(corpus.broken)
    assert broken["error"].startswith("not well-formed XML: [xmlSchema:syntax] Premature end of data")
    assert missing["sha256"] is None and missing["error"] == "cannot read the file: No such file or directory"
    assert summary_count(two_jobs.result.stdout, "failed") == 2
    assert summary_count(two_jobs.result.stdout, "with cyd facts") == len(corpus.filings) - 2  # not AAPL, WFC


def test_a_damaged_linkbase_beside_a_filing_does_not_make_it_fail(tmp_path: Path) -> None:
    folder = tmp_path / "ibm"
    folder.mkdir()
    for path in real_filing("ibm-20241231.htm").parent.iterdir():
        content = path.read_bytes()
        (folder / path.name).write_bytes(content[:5000] if path.name.endswith("_lab.xml") else content)

    result = run_extract(folder, "-o", "cyd.jsonl", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    [record] = read_records(tmp_path / "cyd.jsonl")
    assert "error" not in record and len(record["facts"]) == 15  # only a damaged instance fails


def test_csv_is_one_row_per_record_with_the_catalogue_columns(two_jobs: BatchRun) -> None:
    assert two_jobs.header == EXPECTED_COLUMNS
    assert sorted(two_jobs.rows, key=lambda row: row["source"]) == sorted(
        map(expected_row, two_jobs.records), key=lambda row: row["source"]
    )
    rows = {Path(row["source"]).name: row for row in two_jobs.rows}
    flags = FLAGS
    netflix, abbvie, wells = (
        rows["nflx-10-k-2025-01-27.htm"],
        rows["abbv-10-k-2025-02-14.htm"],
        rows["wfc-10-k-2025-02-25.htm"],
    )
    assert (
        netflix["form"] == "10-K" and netflix["cik"] == "0001065280" and netflix["period_end"] == "2024-12-31"
    )
    assert {netflix[flag] for flag in flags} == {"true", "false"} and netflix["finding_codes"] == ""
    assert [abbvie[flag] for flag in flags] == [""] * 6  # absent, not false
    assert [c.short_name for c in TEXT_BLOCKS if abbvie[c.short_name]] == ["risk_management_processes"]
    assert (netflix["status"], abbvie["status"], wells["status"]) == ("complete", "partial", "missing")
    assert (netflix["ticker"], netflix["fiscal_year"], netflix["fiscal_period"]) == ("NFLX", "2024", "FY")
    assert (abbvie["findings_warning"], abbvie["finding_codes"]) == ("1", "CYBER.missingElement")
    assert (wells["cyd_facts"], wells["findings_error"], wells["finding_codes"]) == (
        "0",
        "1",
        "CYBER.missingDisclosure CYBER.sectionByReference",
    )
    assert rows["broken.htm"]["error"] and rows["broken.htm"]["form"] == rows["broken.htm"]["status"] == ""
    assert {row["table"] for row in two_jobs.rows} == {"filings"}


def test_the_csv_reads_as_the_filings_table_of_the_records(two_jobs: BatchRun, corpus: Corpus) -> None:
    folder = corpus.folder / "two-jobs"
    from_csv, from_records = read(folder / "cyd.csv"), read(folder / "cyd.jsonl")

    expected = from_records.filings.replace(r"\s*\n\s*", " ", regex=True)  # a CSV row is one line
    pd.testing.assert_frame_equal(from_csv.filings, expected)
    assert len(from_csv.facts) == len(from_csv.findings) == 0 < len(from_records.facts)


def test_csv_cells_are_one_line_each_and_never_a_formula(tmp_path: Path) -> None:
    name = '=HYPERLINK("http://example.com/x","Lumen")\nHoldings'
    filing = (
        InlineVariant(SAMPLE_10K).set_text("dei-EntityRegistrantName", name).write(tmp_path / "hostile.htm")
    )

    result = run_extract(filing, "-o", "cyd.jsonl", "-o", "cyd.csv", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    # dei values have their white space collapsed, the line break included
    assert read_records(tmp_path / "cyd.jsonl")[0]["entity"]["name"] == name.replace("\n", " ")
    lines = (tmp_path / "cyd.csv").read_bytes().split(b"\r\n")
    assert len(lines) == 3 and lines[-1] == b""  # a header and one row, each on one line
    entity = next(csv.DictReader([lines[0].decode("utf-8-sig"), lines[1].decode()]))["entity_name"]
    assert entity.startswith("'=") and restore(entity) == name.replace("\n", " ")


def test_two_jobs_give_the_same_dataset_as_one(one_job: BatchRun, two_jobs: BatchRun) -> None:
    """Each record and table row one worker makes is the one two workers make of the same input."""
    ones, twos = {key(r): r for r in one_job.records}, {key(r): r for r in two_jobs.records}
    assert len(ones) == len(one_job.records) == len(ALL_SAMPLES) + 3  # the archive, broken, missing
    assert ones == {k: twos[k] for k in ones}
    assert one_job.header == two_jobs.header
    sources = {record["source"] for record in one_job.records}
    as_set = lambda rows: {tuple(sorted(row.items())) for row in rows}  # noqa: E731
    theirs = [row for row in two_jobs.rows if row["source"] in sources]
    assert as_set(one_job.rows) == as_set(theirs) and len(one_job.rows) == len(theirs)


def test_resume_after_the_process_is_killed_mid_batch(corpus: Corpus, tmp_path: Path) -> None:
    jsonl, table = tmp_path / "cyd.jsonl", tmp_path / "cyd.csv"
    arguments = [*corpus.short_list, "-o", jsonl, "-o", table, "--jobs", "1"]
    process = start_extract(*arguments, cwd=corpus.folder)
    wait_for_first_record(jsonl, process)
    os.killpg(process.pid, signal.SIGKILL)  # the parent and its workers, no chance to tidy up
    process.communicate()
    finished = {key(json.loads(line)) for line in complete_lines(jsonl)}
    in_both = finished & {row_key(line) for line in complete_lines(table)[1:]}
    assert 1 <= len(finished) < len(corpus.short_list), "the kill came after the batch had finished"

    rerun = run_extract(*arguments, cwd=corpus.folder)

    assert rerun.returncode == 0, rerun.stderr
    assert summary_count(rerun.stdout, "already recorded") == len(in_both)
    records = read_records(jsonl)
    _, rows = read_rows(table)
    assert sorted(record["source"] for record in records) == sorted(corpus.short_list)  # all, once
    assert sorted(row["source"] for row in rows) == sorted(corpus.short_list)
    assert sorted(map(key, records)) == sorted({key(record) for record in records})


def test_a_torn_last_line_is_cut_off_when_resuming(tmp_path: Path) -> None:
    jsonl, table = tmp_path / "cyd.jsonl", tmp_path / "cyd.csv"
    first = run_extract(*ALL_SAMPLES, "-o", jsonl, "-o", table, "--jobs", "1", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    complete = read_records(jsonl)
    for path in (jsonl, table):  # as if killed in the middle of writing the last filing
        content = path.read_bytes()
        last_start = content.rstrip(b"\n").rfind(b"\n") + 1
        path.write_bytes(content[: last_start + (len(content) - last_start) // 2])

    second = run_extract(*ALL_SAMPLES, "-o", jsonl, "-o", table, "--jobs", "1", cwd=tmp_path)

    assert second.returncode == 0, second.stderr
    assert summary_count(second.stdout, "already recorded") == len(ALL_SAMPLES) - 1
    records = read_records(jsonl)
    assert {key(r): r for r in records} == {key(r): r for r in complete} and len(records) == len(complete)
    _, rows = read_rows(table)
    assert sorted(row["sha256"] for row in rows) == sorted(key(r) for r in complete)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.jsonl", b'{"some": "other data"}\n'),
        ("notes.jsonl", b"no newline at all"),
        ("table.csv", b"a,b,c\r\n1,2,3\r\n"),
    ],
)
def test_an_output_that_is_not_a_dataset_is_left_alone(name: str, content: bytes, tmp_path: Path) -> None:
    output = tmp_path / name
    output.write_bytes(content)

    result = run_extract(SAMPLE_10K, "-o", output, cwd=tmp_path)

    assert result.returncode == 2
    assert "not a cyber-extract dataset" in result.stderr
    assert output.read_bytes() == content


def test_ctrl_c_stops_cleanly_keeping_every_finished_filing(corpus: Corpus, tmp_path: Path) -> None:
    jsonl, table, tables = tmp_path / "cyd.jsonl", tmp_path / "cyd.csv", tmp_path / "tables"
    arguments = ["-o", jsonl, "-o", table, "-o", f"{tables}/", "--jobs", "2"]
    process = start_extract(*corpus.short_list, *arguments, cwd=corpus.folder)
    wait_for_first_record(jsonl, process)

    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends to the foreground job
    _, stderr = process.communicate(timeout=60)

    assert process.returncode == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    records = read_records(jsonl)  # whole lines only
    _, rows = read_rows(table)  # a header, then whole rows only
    assert 1 <= len(records) < len(corpus.short_list)
    assert sorted(map(key, records)) == sorted(row["sha256"] or "source:" + row["source"] for row in rows)
    # The directory's tables are written whole after the interruption, from the same filings.
    assert sorted(path.name for path in tables.iterdir()) == [
        "changes.parquet",
        "cyber-extract-settings.json",
        "facts.parquet",
        "filings.parquet",
        "findings.parquet",
        "paragraphs.parquet",
        "records.jsonl",
    ]
    assert sorted(read(tables).filings.source) == sorted(record["source"] for record in records)
    assert no_process_left_in_group(process.pid)
    assert list(tmp_path.glob("*.lock")) == []  # the outputs' locks are released


def report_sigint_blocked(queue: Any) -> None:
    """Whether a process finds SIGINT blocked when it starts."""
    queue.put(signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []))


def test_a_ctrl_c_while_a_worker_starts_is_answered_and_never_reaches_the_worker() -> None:
    """Ignoring SIGINT while a worker started (so that it inherits it ignored) lost a Ctrl-C that
    came meanwhile: the run went on to the end. It is held now, and answered once the worker runs."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=report_sigint_blocked, args=(queue,))
    stop = StopRequest()
    with stop.installed():
        with _interrupts_held():
            process.start()
            # a Ctrl-C during the start, sent to this thread: in a process with other threads
            # (pytest-xdist's) a signal sent to the process may go to one that does not block it
            signal.pthread_kill(threading.get_ident(), signal.SIGINT)
            assert not stop.requested
        assert stop.requested
    process.join(60)
    assert queue.get(timeout=10) is True  # blocked in the worker from its first instruction


_FIRST_WORKER_SCRIPT = """
import multiprocessing, signal, sys
from cyber_plugin.batch.pool import _interrupts_held

def report() -> None:
    sys.exit(3 if signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []) else 4)

if __name__ == "__main__":
    process = multiprocessing.get_context("spawn").Process(target=report)
    with _interrupts_held():
        process.start()
    process.join(60)
    print(process.exitcode)
"""


def test_the_first_worker_of_a_run_inherits_sigint_blocked(tmp_path: Path) -> None:
    """The first process a spawn context starts also starts multiprocessing's resource tracker,
    which unblocked SIGINT on its way: the run's first worker started with SIGINT unblocked, and a
    Ctrl-C during its start-up ended it with a traceback. Checked in a fresh interpreter, where
    the tracker is not running yet."""
    script = tmp_path / "first_worker.py"
    script.write_text(_FIRST_WORKER_SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "3", result.stderr  # 3: blocked in the worker


def no_process_left_in_group(group: int) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_a_worker_that_dies_costs_one_filing_and_the_batch_goes_on(tmp_path: Path) -> None:
    inputs = [real_filing("abbv-10-k-2025-02-14.htm"), *ALL_SAMPLES]
    process = start_extract(*inputs, "-o", "cyd.jsonl", "--jobs", "1", cwd=tmp_path)
    worker = wait_for_worker(process)

    os.kill(worker, signal.SIGKILL)  # as the kernel's out-of-memory killer would
    _, stderr = process.communicate(timeout=120)

    assert process.returncode == 0, stderr
    records = read_records(tmp_path / "cyd.jsonl")
    assert sorted(record["source"] for record in records) == sorted(map(str, inputs))
    failed = [record for record in records if "error" in record]
    assert len(failed) == 1, failed
    assert failed[0]["error"].startswith("the worker process reading it ended unexpectedly (exit status -9)")
    assert failed[0]["sha256"] == sha256_of(Path(failed[0]["source"]))


def wait_for_worker(process: subprocess.Popen[str]) -> int:
    """The process id of cyber-extract's worker (a multiprocessing child, not its resource tracker)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "cyber-extract ended before its worker was seen"
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        for child in children:
            with contextlib.suppress(OSError):
                if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                    return int(child)
        time.sleep(0.02)
    raise AssertionError("no worker process within 60 s")


def test_rule_options_apply_as_the_plugins_own(tmp_path: Path) -> None:
    incomplete = InlineVariant(SAMPLE_10K).unwrap("cyd-08").write(tmp_path / "incomplete.htm")
    filings = [incomplete, real_filing("wfc-10-k-2025-02-25.htm")]  # the second has no cyd fact
    spec, items = "-CYBER.missingElement,missingDisclosure=info", "1.05,9.01"

    # A value that starts with '-' is attached with '=', as argparse requires.
    result = run_extract(*filings, "-o", "cyd.jsonl", f"--rules={spec}", "--8k-items", items, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    by_source = {record["source"]: record for record in read_records(tmp_path / "cyd.jsonl")}
    for filing in filings:
        run_arelle(
            "-f",
            filing,
            "--cyber-rules",
            spec,
            "--cyber-8k-items",
            items,
            "--cyber-export",
            "x.json",
            cwd=tmp_path,
        )
        exported = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
        assert by_source[str(filing)]["findings"] == exported["findings"]
    # CYBER.missingElement without the option; the paragraph it leaves untagged is still reported
    assert [f["code"] for f in by_source[str(filings[0])]["findings"]] == ["CYBER.untaggedText"]
    assert [by_source[str(filing)]["eightKItems"] for filing in filings] == [["1.05", "9.01"]] * 2
    assert [(f["code"], f["severity"]) for f in by_source[str(filings[1])]["findings"]] == [
        ("CYBER.missingDisclosure", "info"),
        ("CYBER.incidentNotTagged", "warning"),
        ("CYBER.sectionByReference", "info"),
    ]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["-o", "cyd.txt"], "-o 'cyd.txt': unsupported extension '.txt'; supported: .csv, .jsonl, .ndjson"),
        (["--output", "cyd"], "--output 'cyd': unsupported extension '(none)'"),
        (["-o", "cyd.jsonl", "--rules", "CYBER.noSuchRule=error"], "--rules names unknown rule"),
        (["-o", "cyd.jsonl", "--rules", "-CYBER.duplicate"], "attached with '=': --rules=-VALUE"),
        (["-o", "cyd.jsonl", "--8k-items", "nine"], "--8k-items entry 'nine' is not an 8-K item number"),
        (["-o", "cyd.jsonl", "--jobs", "0"], "--jobs must be at least 1"),
        (
            ["-o", "cyd.jsonl", "@no-such-list.txt"],
            "cannot read the @FILE list 'no-such-list.txt': No such file or directory",
        ),
    ],
)
def test_bad_options_stop_before_anything_is_read(
    arguments: list[str], expected: str, tmp_path: Path
) -> None:
    result = run_extract(SAMPLE_10K, *arguments, cwd=tmp_path)

    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # Options may be listed too, one argument per line; comments and blank lines are skipped.
        (b"# the 8-K items\n\n  --8k-items=nine  \n", "--8k-items entry 'nine' is not an 8-K item number"),
        (b"\xff\xfe not text\n", "the @FILE list 'list.txt' cannot be decoded"),
    ],
)
def test_a_list_file_is_read_as_arguments_before_anything_else(
    content: bytes, expected: str, tmp_path: Path
) -> None:
    list_file = tmp_path / "list.txt"
    list_file.write_bytes(content)

    result = run_extract(SAMPLE_10K, "-o", "cyd.jsonl", f"@{list_file.name}", cwd=tmp_path)

    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == [list_file]


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    completed, shown = run_on_terminal(SAMPLE_10K, "-o", "cyd.jsonl", cwd=tmp_path)

    assert completed.returncode == 0
    assert "100%" in shown and "1/1" in shown and "filings/s" in shown
    assert "filings read" not in shown and "1 filing read" in completed.stdout
