"""cyber-extract on what analysts have from EDGAR: full submissions (`<accession>.txt`, built around
the real incident 8-Ks) and archive URLs, fetched from a loopback server with EDGAR's layout."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cyber_plugin.batch.worker import ErrorMessages

from .support.doc_pages import block_run_by, run_block
from .support.edgar_server import Archive
from .support.edgar_submissions import EXHIBITS, FILINGS, Filing, build_submission
from .support.extract import (
    EXPORT_SCHEMA,
    read_records,
    read_rows,
    run_extract,
    sha256_of,
    summary_count,
    without,
)
from .support.paths import CYBER_EXTRACT
from .support.variants import IX, InlineVariant

USER_AGENT = "Example Research Lab research@example.com"
IDENTITY = ("accessionNumber", "filed", "eightKItems")
INCIDENT_NOT_TAGGED = "CYBER.incidentNotTagged"
STRYKER, GENIUS, CARECLOUD, COUPANG = FILINGS
DOCUMENTED_EXAMPLE = "tests/test_batch_edgar.py::test_the_documented_edgar_example"


def codes(record: dict[str, Any]) -> list[str]:
    return [finding["code"] for finding in record["findings"]]


def iso(compact: str) -> str:
    return f"{compact[:4]}-{compact[4:6]}-{compact[6:]}"


def cyd_fact_ids(variant: InlineVariant, continuations: bool = False) -> list[str]:
    """The ids of the document's cyd facts (the real incident reports tag no other continuations)."""
    paths = ["//ix:nonNumeric[starts-with(@name, 'cyd:')]/@id", *(["//ix:continuation/@id"] * continuations)]
    return [str(found) for found in variant.root.xpath(" | ".join(paths), namespaces={"ix": IX})]


def without_cyd_facts(filing: Filing, target: Path) -> Path:
    """The filing's document with every cyd fact (and its continuations) untagged."""
    variant = InlineVariant(filing.path)
    for element_id in cyd_fact_ids(variant, continuations=True):
        variant.unwrap(element_id)
    return variant.write(target)


def test_full_submissions_give_accession_filing_date_and_their_own_8k_items(tmp_path: Path) -> None:
    """Four real incident reports as EDGAR's full submissions, found in a folder beside a text file
    that is no submission; two 8-Ks without cyd facts, one whose header lists Item 1.05 and one
    whose header does not; and the untagged 8-K alone, without a header. The run's --8k-items
    (9.01) applies only to the input without a header."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    for filing in FILINGS:
        build_submission(folder, filing)
    (folder / "README.txt").write_text("Submissions downloaded from EDGAR.\n", encoding="utf-8")
    untagged = without_cyd_facts(COUPANG, tmp_path / "untagged" / "cpng-20251215.htm")
    reports_incident = build_submission(tmp_path / "untagged", COUPANG, primary=untagged.read_bytes())
    other_events = dataclasses.replace(STRYKER, item_lines=("Other Events", EXHIBITS), items=("8.01", "9.01"))
    no_incident = build_submission(tmp_path, other_events, primary=untagged.read_bytes())
    originals = [filing.path for filing in FILINGS]

    result = run_extract(
        folder, reports_incident, no_incident, untagged, *originals, "-o", "cyd.jsonl", "-o", "cyd.csv",
        "--8k-items", "9.01", "--jobs", "2", cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    records = {record["source"]: record for record in read_records(tmp_path / "cyd.jsonl")}
    assert len(records) == 11 and not [record for record in records.values() if "error" in record]
    for filing in FILINGS:
        record = records[str(folder / f"{filing.accession}.txt")]
        assert list(record)[3:7] == ["sha256", *IDENTITY]
        assert (record["accessionNumber"], record["filed"]) == (filing.accession, iso(filing.filed))
        assert record["eightKItems"] == list(filing.items)
        assert record["sha256"] == sha256_of(folder / f"{filing.accession}.txt")
        jsonschema.validate(without(record, "sha256"), EXPORT_SCHEMA)
        original = records[str(filing.path)]  # the bare document: its accession number from its name
        assert original["accessionNumber"] == filing.accession and original["filed"] is None
        assert original["eightKItems"] == ["9.01"]
        assert (
            [without(fact, "document") for fact in record["facts"]]
            == [without(fact, "document") for fact in original["facts"]]
            != []
        )
        assert {fact["document"] for fact in record["facts"]} == {filing.schema.replace(".xsd", ".htm")}
    incident, other, bare = (records[str(path)] for path in (reports_incident, no_incident, untagged))
    assert incident["facts"] == other["facts"] == bare["facts"] == []
    assert (incident["eightKItems"], codes(incident)[-1:]) == (["1.05"], [INCIDENT_NOT_TAGGED])
    assert (other["eightKItems"], other["accessionNumber"]) == (["8.01", "9.01"], STRYKER.accession)
    assert INCIDENT_NOT_TAGGED not in codes(other) + codes(bare)
    assert (bare["accessionNumber"], bare["eightKItems"]) == (None, ["9.01"])
    header, rows = read_rows(tmp_path / "cyd.csv")
    assert {"accession_number", "filed", "eight_k_items"} <= set(header)  # the filings table
    row = next(row for row in rows if row["source"] == str(folder / f"{STRYKER.accession}.txt"))
    assert (row["accession_number"], row["filed"], row["eight_k_items"]) == (
        STRYKER.accession,
        "2026-03-12",
        "1.05 9.01",
    )


# ---------------------------------------------------------------------------------------------
# EDGAR archive URLs, from the loopback server


def folder_of(filing: Filing) -> str:
    return f"/Archives/edgar/data/{int(filing.cik)}/{filing.accession.replace('-', '')}/"


def document_path(filing: Filing) -> str:
    return folder_of(filing) + filing.schema.replace(".xsd", ".htm")


def submission_path(filing: Filing) -> str:
    return folder_of(filing) + f"{filing.accession}.txt"


def extract(*arguments: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """cyber-extract offline (Arelle downloads nothing) with a cache of its own, `cwd/cache`."""
    (cwd / "cache").mkdir(exist_ok=True)
    return subprocess.run(
        [str(CYBER_EXTRACT), *map(str, arguments), "--offline", "--cache-directory", str(cwd / "cache")],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def serve_filings(archive: Archive, folder: Path) -> dict[str, bytes]:
    """Coupang's and Stryker's full submissions, CareCloud's and Genius's documents; returns them by
    path."""
    folder.mkdir()
    archive.files[submission_path(COUPANG)] = build_submission(folder, COUPANG).read_bytes()
    archive.files[submission_path(STRYKER)] = build_submission(folder, STRYKER).read_bytes()
    archive.files[document_path(CARECLOUD)] = CARECLOUD.path.read_bytes()
    archive.files[document_path(GENIUS)] = GENIUS.path.read_bytes()
    return dict(archive.files)


def test_archive_urls_are_fetched_politely_once_and_read(archive: Archive, tmp_path: Path) -> None:
    """A folder URL (its full submission is fetched), a submission URL, a document URL and one
    from an @FILE list; the server first answers 429 to one and drops the connection of another;
    at most two requests a second, each with the declared user agent. A rerun asks nothing."""
    served = serve_filings(archive, tmp_path / "built")
    archive.failures = {submission_path(COUPANG): ["429"], document_path(CARECLOUD): ["drop"]}
    base = archive.base_url
    inputs = [base + folder_of(COUPANG), base + submission_path(STRYKER), base + document_path(CARECLOUD)]
    (tmp_path / "urls.txt").write_text(f"# from EDGAR\n{base + document_path(GENIUS)}\n", encoding="utf-8")
    options = ["--user-agent", USER_AGENT, "--edgar-base-url", base, "--requests-per-second", "2"]

    first = extract(*inputs, "@urls.txt", "-o", "cyd.jsonl", *options, "--jobs", "2", cwd=tmp_path)

    assert first.returncode == 0, first.stderr
    assert sorted(archive.paths()) == sorted([*served, submission_path(COUPANG), document_path(CARECLOUD)])
    assert {agent for _, _, agent in archive.requests} == {USER_AGENT}
    times = sorted(moment for moment, _, _ in archive.requests)
    assert max(sum(1 for other in times if start <= other < start + 1.0) for start in times) <= 2
    records = {record["source"]: record for record in read_records(tmp_path / "cyd.jsonl")}
    for filing, url, served_as in [
        (COUPANG, folder_of(COUPANG), submission_path(COUPANG)),
        (STRYKER, submission_path(STRYKER), submission_path(STRYKER)),
        (CARECLOUD, document_path(CARECLOUD), document_path(CARECLOUD)),
        (GENIUS, document_path(GENIUS), document_path(GENIUS)),
    ]:
        record = records[base + url]
        assert "error" not in record, url
        tagged = sorted(cyd_fact_ids(InlineVariant(filing.path)))
        assert sorted(fact["id"] for fact in record["facts"]) == tagged != []
        assert record["sha256"] == hashlib.sha256(served[served_as]).hexdigest()
        assert record["accessionNumber"] == filing.accession
        is_submission = served_as.endswith(".txt")
        assert record["filed"] == (iso(filing.filed) if is_submission else None)
        assert record["eightKItems"] == (list(filing.items) if is_submission else [])
    assert {fact["document"] for fact in records[base + document_path(CARECLOUD)]["facts"]} == {
        "ccld-20260324.htm"
    }
    seen = len(archive.requests)

    resumed = extract(*inputs, "@urls.txt", "-o", "cyd.jsonl", *options, cwd=tmp_path)
    again = extract(*inputs, "@urls.txt", "-o", "again.jsonl", *options, cwd=tmp_path)

    assert resumed.returncode == again.returncode == 0, resumed.stderr + again.stderr
    assert summary_count(resumed.stdout, "already recorded") == 4 and "with 0 workers" in resumed.stdout
    assert {record["source"]: record for record in read_records(tmp_path / "again.jsonl")} == records
    assert len(archive.requests) == seen  # the downloads were read from the cache


def test_a_url_that_fails_is_a_record_with_the_reason(archive: Archive, tmp_path: Path) -> None:
    missing = archive.base_url + submission_path(COUPANG)
    elsewhere = "https://example.com" + submission_path(COUPANG)

    result = extract(missing, elsewhere, "-o", "cyd.jsonl", "--user-agent", USER_AGENT,
                     "--edgar-base-url", archive.base_url, cwd=tmp_path)  # fmt: skip

    assert result.returncode == 0, result.stderr
    records = {record["source"]: record for record in read_records(tmp_path / "cyd.jsonl")}
    assert records[missing]["error"] == f"{missing} is not in EDGAR's archive (HTTP 404)"
    assert records[elsewhere]["error"].startswith(f"{elsewhere!r} is not an EDGAR archive URL")
    assert [(records[url]["sha256"], records[url]["accessionNumber"]) for url in (missing, elsewhere)] == [
        (None, COUPANG.accession)
    ] * 2
    assert archive.paths() == [submission_path(COUPANG)]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], "is read from EDGAR, which asks every automated client to say who it is"),
        (["--user-agent", "python-requests/2.32"], "--user-agent 'python-requests/2.32': EDGAR asks"),
        (["--user-agent", USER_AGENT, "--requests-per-second", "20"], "at most 10, the most the SEC allows"),
        (["--user-agent", USER_AGENT, "--edgar-base-url", "ftp://mirror"], "is not an origin such as"),
    ],
)
def test_url_options_are_usage_errors(
    options: list[str], expected: str, archive: Archive, tmp_path: Path
) -> None:
    url = archive.base_url + folder_of(COUPANG)

    result = extract(url, "-o", "cyd.jsonl", "--edgar-base-url", archive.base_url, *options, cwd=tmp_path)

    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "cache"] and archive.requests == []
    assert list((tmp_path / "cache").iterdir()) == []


def test_the_documented_edgar_example(archive: Archive, tmp_path: Path) -> None:
    """docs/cyber-extract.md's example as written, with the loopback server for www.sec.gov."""
    serve_filings(archive, tmp_path / "built")
    example = block_run_by(DOCUMENTED_EXAMPLE).replace("https://www.sec.gov", archive.base_url)

    run_block(DOCUMENTED_EXAMPLE, tmp_path, f"{example} --edgar-base-url {archive.base_url}")

    records = read_records(tmp_path / "incidents.jsonl")
    assert sorted((r["accessionNumber"], r["filed"], len(r["facts"])) for r in records) == [
        (CARECLOUD.accession, None, 6),
        (COUPANG.accession, "2025-12-17", 4),
    ]


def test_arelles_own_retries_stay_out_of_the_reason_a_load_failed() -> None:
    """Arelle logs each retry of a download at ERROR; only the outcome may explain a failure."""
    messages = ErrorMessages()
    for code, text in [("webCache:retryingOperation", "HTTP 429, 2 retries remaining"), ("IOerror", "gone")]:
        record = logging.LogRecord("arelle", logging.ERROR, __file__, 1, text, None, None)
        record.messageCode = code
        messages.emit(record)

    assert messages.summary() == "[IOerror] gone"


def test_viewer_links_and_upper_case_schemes_load_the_downloaded_document(
    archive: Archive, tmp_path: Path
) -> None:
    """The inline viewer's link (https://www.sec.gov/ix?doc=/Archives/...) and a scheme in upper
    case name an archive document: it is downloaded once and Arelle loads it from the cache, offline,
    without asking for the viewer's page."""
    serve_filings(archive, tmp_path / "built")
    base = archive.base_url
    viewer = f"{base}/ix?doc={document_path(CARECLOUD)}"
    upper = base.replace("http://", "HTTP://") + document_path(GENIUS)

    result = extract(viewer, upper, "-o", "cyd.jsonl", "--user-agent", USER_AGENT, "--edgar-base-url", base,
                     cwd=tmp_path)  # fmt: skip

    assert result.returncode == 0, result.stderr
    records = {record["source"]: record for record in read_records(tmp_path / "cyd.jsonl")}
    for source, filing in [(viewer, CARECLOUD), (upper, GENIUS)]:
        assert "error" not in records[source], records[source]["error"]
        assert sorted(fact["id"] for fact in records[source]["facts"]) == sorted(
            cyd_fact_ids(InlineVariant(filing.path))
        )
        assert records[source]["accessionNumber"] == filing.accession
    assert sorted(archive.paths()) == sorted([document_path(CARECLOUD), document_path(GENIUS)])


def test_max_download_mb_bounds_each_download(archive: Archive, tmp_path: Path) -> None:
    big, small = folder_of(STRYKER) + "big.htm", document_path(CARECLOUD)
    archive.files[big] = b"<html>" + b" " * (1 << 20) + b"</html>"  # just over 1 MiB
    archive.files[small] = CARECLOUD.path.read_bytes()
    options = ["--user-agent", USER_AGENT, "--edgar-base-url", archive.base_url, "--max-download-mb", "1"]

    result = extract(
        archive.base_url + big, archive.base_url + small, "-o", "cyd.jsonl", *options, cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    records = {record["source"]: record for record in read_records(tmp_path / "cyd.jsonl")}
    assert records[archive.base_url + big]["error"] == (
        f"{archive.base_url + big} is larger than the download limit, 1 MiB"
    )
    assert "error" not in records[archive.base_url + small]
    assert not list((tmp_path / "cache").rglob("big.htm*"))  # nothing of it kept


@pytest.mark.parametrize("value", ["0", "-1", "1.5", "lots"])
def test_max_download_mb_must_be_a_whole_number(value: str, archive: Archive, tmp_path: Path) -> None:
    url = archive.base_url + folder_of(COUPANG)

    result = extract(url, "-o", "cyd.jsonl", "--user-agent", USER_AGENT, f"--max-download-mb={value}",
                     "--edgar-base-url", archive.base_url, cwd=tmp_path)  # fmt: skip

    assert result.returncode == 2
    assert f"--max-download-mb {value!r}: give a whole number of MiB, at least 1" in result.stderr
    assert archive.requests == []


def test_a_downloaded_archive_whose_entry_leads_outside_it_is_refused(
    archive: Archive, tmp_path: Path
) -> None:
    """An archive from the server names, as its entry, another file of the cache (another company's
    filing, downloaded before): Arelle would read that file. The record refuses the archive."""
    serve_filings(archive, tmp_path / "built")
    # from …/data/CIK/ACCESSION/ccld-xbrl.zip up to …/data, then down to Genius's document
    entry = "../../.." + document_path(GENIUS).removeprefix("/Archives/edgar/data")
    archived = io.BytesIO()
    with zipfile.ZipFile(archived, "w") as zipped:
        zipped.writestr(zipfile.ZipInfo(entry), CARECLOUD.path.read_bytes())
    archive.files[folder_of(CARECLOUD) + "ccld-xbrl.zip"] = archived.getvalue()
    options = ["--user-agent", USER_AGENT, "--edgar-base-url", archive.base_url]
    first = extract(archive.base_url + document_path(GENIUS), "-o", "genius.jsonl", *options, cwd=tmp_path)
    assert first.returncode == 0, first.stderr

    url = archive.base_url + folder_of(CARECLOUD) + "ccld-xbrl.zip"
    result = extract(url, "-o", "cyd.jsonl", *options, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    [record] = read_records(tmp_path / "cyd.jsonl")
    assert record["error"].startswith(
        f"refused: the archive's entry {entry!r} names a file outside the archive"
    )
    assert record["sha256"] == hashlib.sha256(archived.getvalue()).hexdigest()
