"""cyber-extract on inputs as they come from EDGAR and on resumed runs: an archive of several
reports, a filing folder holding EDGAR's extracted instance, the settings stored with a dataset,
and what the progress lines and the summary show."""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cyber_plugin.batch.inputs import Input, expand_inputs, without_extracted_twins
from cyber_plugin.batch.reports import separate_reports
from cyber_plugin.core.findings import Severity
from cyber_plugin.core.settings import RuleSettings
from cyber_plugin.dataset.records import DatasetError
from cyber_plugin.dataset.stored_settings import check_settings, settings_path

from .support.extract import (
    EXPORT_SCHEMA,
    common_options,
    read_records,
    read_rows,
    run_extract,
    run_on_terminal,
    summary_count,
    without,
)
from .support.paths import (
    ALL_SAMPLES,
    CYBER_EXTRACT,
    SAMPLE_8K,
    SAMPLE_10K,
    SAMPLE_20F,
    SAMPLE_20F_XML,
    TAXONOMY_CACHE,
    real_filing,
)
from .support.variants import InlineVariant, document_set

BROKEN = '<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body><ix:header>'


def progress_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("[")]


def test_an_archive_of_two_filings_is_a_failure_and_a_submission_with_exhibits_is_one(
    tmp_path: Path,
) -> None:
    two_companies = tmp_path / "two-10-ks.zip"
    with zipfile.ZipFile(two_companies, "w") as zipped:
        for name in ("nflx-10-k-2025-01-27.htm", "abbv-10-k-2025-02-14.htm"):
            zipped.write(real_filing(name), name)
    submission = tmp_path / "submission.zip"  # a primary document and an inline exhibit: one report
    with zipfile.ZipFile(submission, "w") as zipped:
        for path in document_set(SAMPLE_10K, tmp_path / "set"):
            zipped.write(path, path.name)

    result = run_extract(two_companies, submission, "-o", "cyd.jsonl", "--jobs", "2", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    by_name = {Path(record["source"]).name: record for record in read_records(tmp_path / "cyd.jsonl")}
    assert by_name["two-10-ks.zip"]["error"] == (
        "holds 2 separate XBRL reports (abbv-10-k-2025-02-14.htm, nflx-10-k-2025-01-27.htm); "
        "give them one by one"
    )
    one = by_name["submission.zip"]
    assert "error" not in one and one["entity"]["cik"] == "0001999902" and len(one["facts"]) == 16
    assert {fact["document"] for fact in one["facts"]} == {"primary.htm", "exhibit13.htm"}


@pytest.mark.parametrize(
    ("make_second", "expected"),
    [
        (lambda folder: document_set(SAMPLE_10K, folder), ["primary.htm"]),
        (
            lambda folder: (
                InlineVariant(SAMPLE_10K).write(folder / "fy2024.htm"),
                InlineVariant(SAMPLE_10K)
                .set_text("dei-DocumentPeriodEndDate", "December 31, 2023")
                .write(folder / "fy2023.htm"),
            ),
            ["fy2024.htm", "fy2023.htm"],
        ),
        (
            lambda folder: (
                shutil.copy(SAMPLE_20F, folder / "20-f.htm"),
                shutil.copy(SAMPLE_10K, folder / "10-k.htm"),
            ),
            ["20-f.htm", "10-k.htm"],
        ),
    ],
    ids=["primary-and-exhibit", "same-company-two-years", "two-companies"],
)
def test_separate_reports_in_one_inline_document_set(
    make_second: Any, expected: list[str], load: Any, tmp_path: Path
) -> None:
    documents = make_second(tmp_path)
    entry_point = json.dumps([{"ixds": [{"file": str(path)} for path in documents]}])

    loaded = load(entry_point, validate=False, plugins="cyber_plugin|inlineXbrlDocumentSet")

    assert separate_reports(loaded.model) == expected


def edgar_folder(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An EDGAR filing folder: the inline document and the instance EDGAR extracted from it."""
    folder = tmp_path / "0001999901-25-000007"
    folder.mkdir()
    inline = Path(shutil.copy(SAMPLE_20F, folder / "hpa-20241231.htm"))
    twin = Path(shutil.copy(SAMPLE_20F_XML, folder / "hpa-20241231_htm.xml"))
    return folder, inline, twin


def test_an_edgar_folder_is_read_once_from_its_inline_document(tmp_path: Path) -> None:
    folder, inline, twin = edgar_folder(tmp_path)

    first = run_extract(folder, "-o", "cyd.jsonl", "-o", "cyd.csv", cwd=tmp_path)

    assert first.returncode == 0, first.stderr
    [record] = read_records(tmp_path / "cyd.jsonl")
    assert list(record)[:5] == ["format", "version", "source", "sha256", "skippedTwin"]
    assert (record["source"], record["skippedTwin"]) == (str(inline), str(twin))
    assert "error" not in record and record["documentType"] == "20-F"
    jsonschema.validate(without(record, "sha256"), EXPORT_SCHEMA)
    [row] = read_rows(tmp_path / "cyd.csv")[1]
    assert (row["source"], row["skipped_twin"]) == (str(inline), str(twin))
    assert summary_count(first.stdout, "extracted twins") == 1

    again = run_extract(folder, "-o", "cyd.jsonl", "-o", "cyd.csv", cwd=tmp_path)  # the twin stays unread

    assert again.returncode == 0, again.stderr
    assert (
        summary_count(again.stdout, "already recorded") == 1
        and len(read_records(tmp_path / "cyd.jsonl")) == 1
    )


def test_an_extracted_instance_given_without_its_inline_document_is_read(tmp_path: Path) -> None:
    _, _, twin = edgar_folder(tmp_path)

    result = run_extract(twin, "-o", "cyd.jsonl", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    [record] = read_records(tmp_path / "cyd.jsonl")
    assert record["source"] == str(twin) and "skippedTwin" not in record and "error" not in record


@pytest.mark.parametrize("output", ["cyd.jsonl", "cyd.csv"])
def test_a_resumed_run_with_other_rule_settings_stops_and_touches_nothing(
    output: str, tmp_path: Path
) -> None:
    first = run_extract(SAMPLE_10K, "-o", output, "--8k-items", "9.01,1.05", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert set(before) == {output, f"{output}.settings.json"}

    changed = run_extract(SAMPLE_10K, SAMPLE_8K, "-o", output, "--rules=-CYBER.missingElement", cwd=tmp_path)

    assert changed.returncode == 2 and "Traceback" not in changed.stderr
    assert (
        f"'{tmp_path / output}' holds records made with --8k-items=1.05,9.01, but this run asks for "
        "--rules=-CYBER.missingElement: resuming would mix findings made under different rules. "
        "Nothing was read. Give a new output for these settings"
    ) in changed.stderr
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before

    same = run_extract(SAMPLE_10K, "-o", output, "--8k-items", " 1.05, 9.01", cwd=tmp_path)  # typed otherwise

    assert same.returncode == 0, same.stderr
    assert summary_count(same.stdout, "already recorded") == 1


def test_a_rule_given_its_own_grade_resumes_a_dataset_written_without_rules(tmp_path: Path) -> None:
    first = run_extract(SAMPLE_10K, "-o", "cyd.jsonl", cwd=tmp_path)
    assert first.returncode == 0, first.stderr

    resumed = run_extract(
        SAMPLE_10K, SAMPLE_8K, "-o", "cyd.jsonl", "--rules", "CYBER.duplicate=info", cwd=tmp_path
    )

    assert resumed.returncode == 0, resumed.stderr
    assert summary_count(resumed.stdout, "already recorded") == 1
    assert len(read_records(tmp_path / "cyd.jsonl")) == 2


def test_a_dataset_without_stored_settings_takes_this_runs_with_a_warning(tmp_path: Path) -> None:
    first = run_extract(SAMPLE_10K, "-o", "cyd.jsonl", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    settings = tmp_path / "cyd.jsonl.settings.json"
    settings.unlink()  # as an earlier version left the dataset

    resumed = run_extract(SAMPLE_10K, "-o", "cyd.jsonl", "--8k-items", "1.05", cwd=tmp_path)

    assert resumed.returncode == 0, resumed.stderr
    assert "does not say which rule settings its records were made with" in resumed.stderr
    assert json.loads(settings.read_text(encoding="utf-8"))["options"] == {
        "--rules": "",
        "--8k-items": "1.05",
    }


def test_paths_are_shown_relative_to_their_input(tmp_path: Path) -> None:
    for company in ("alpha", "beta"):
        (tmp_path / "filings" / company).mkdir(parents=True)
        shutil.copy(SAMPLE_10K, tmp_path / "filings" / company / "filing.htm")
    (tmp_path / "filings" / "gamma").mkdir()
    (tmp_path / "filings" / "gamma" / "filing.htm").write_text(BROKEN, encoding="utf-8")

    result = run_extract("filings", "-o", "cyd.jsonl", "--jobs", "1", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    shown = [line.split("  ", 1)[1].split(":")[0] for line in progress_lines(result.stderr)]
    assert shown == ["alpha/filing.htm", "beta/filing.htm", "gamma/filing.htm"]
    assert "\n    gamma/filing.htm: not well-formed XML: " in result.stdout  # the summary lists failures


def test_a_resumed_run_skips_recorded_files_without_a_worker_and_out_of_the_rate(tmp_path: Path) -> None:
    first = run_extract(*ALL_SAMPLES, "-o", "cyd.jsonl", "--jobs", "2", cwd=tmp_path)
    assert first.returncode == 0, first.stderr

    again = run_extract(*ALL_SAMPLES, "-o", "cyd.jsonl", "--jobs", "2", cwd=tmp_path)

    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("cyber-extract: 0 filings read in ") and "with 0 workers" in again.stdout
    assert progress_lines(again.stderr) == []
    broken = tmp_path / "broken.htm"
    broken.write_text(BROKEN, encoding="utf-8")

    more = run_extract(*ALL_SAMPLES, broken, "-o", "cyd.jsonl", "--jobs", "2", cwd=tmp_path)

    assert more.returncode == 0, more.stderr
    [line] = progress_lines(more.stderr)  # the four skipped files count for neither the rate nor the ETA
    assert line.startswith("[1/1] ") and f"  {broken}: failed: not well-formed XML" in line
    assert summary_count(more.stdout, "already recorded") == len(ALL_SAMPLES)
    assert "with 1 worker" in more.stdout


def test_a_failure_shows_above_the_progress_bar_as_it_happens(tmp_path: Path) -> None:
    (tmp_path / "broken.htm").write_text(BROKEN, encoding="utf-8")

    completed, shown = run_on_terminal(
        "broken.htm", SAMPLE_10K, "-o", "cyd.jsonl", "--jobs", "1", cwd=tmp_path
    )

    assert completed.returncode == 0
    failure = shown.find("broken.htm: failed: not well-formed XML: [xmlSchema:syntax]")
    assert 0 <= failure < shown.rfind("2/2")  # printed while the bar runs, not only in the summary


def test_inputs_are_shown_relative_to_the_input_they_came_from(tmp_path: Path, monkeypatch: Any) -> None:
    for folder in ("filings/alpha", "filings/beta"):
        (tmp_path / folder).mkdir(parents=True)
        shutil.copy(SAMPLE_10K, tmp_path / folder / "filing.htm")
    monkeypatch.chdir(tmp_path)

    inputs = expand_inputs(["filings", f"{tmp_path}/filings/*/filing.htm", "filings/beta/filing.htm"], print)

    assert inputs == [  # each file once, shown as its first input has it
        Input(str(tmp_path / "filings/alpha/filing.htm"), "alpha/filing.htm"),
        Input(str(tmp_path / "filings/beta/filing.htm"), "beta/filing.htm"),
    ]
    pattern = expand_inputs([f"{tmp_path}/filings/*/filing.htm"], print)
    assert [each.shown for each in pattern] == ["alpha/filing.htm", "beta/filing.htm"]
    assert expand_inputs(["filings/beta/filing.htm"], print)[0].shown == "filings/beta/filing.htm"


def test_an_extracted_twin_is_left_out_only_beside_its_inline_document() -> None:
    def given(*paths: str) -> list[Input]:
        return [Input(path, path) for path in paths]

    kept, twins = without_extracted_twins(
        given("/f/x_htm.xml", "/f/x.htm", "/g/y_htm.xml", "/h/x.htm", "/f/z_HTML.xml", "/f/z.HTML")
    )

    assert kept == given("/f/x.htm", "/g/y_htm.xml", "/h/x.htm", "/f/z.HTML")
    assert twins == {
        "/f/x.htm": Input("/f/x_htm.xml", "/f/x_htm.xml"),
        "/f/z.HTML": given("/f/z_HTML.xml")[0],
    }


def test_stored_settings_compare_by_meaning_not_spelling(tmp_path: Path) -> None:
    """A settings file spelt otherwise (as an earlier version sorted it, with the rule at its own
    grade) holds the same settings; other settings stop the run."""
    output = tmp_path / "cyd.jsonl"
    output.write_text("{}\n", encoding="utf-8")
    settings_path(output).write_text(
        json.dumps(
            {
                "format": "cyber-extract-settings",
                "version": 1,
                "options": {"--rules": "CYBER.duplicate=info,-missingElement", "--8k-items": "9.01, 1.05"},
            }
        ),
        encoding="utf-8",
    )
    same = RuleSettings(disabled=frozenset({"CYBER.missingElement"}), eight_k_items=("1.05", "9.01"))
    warnings: list[str] = []

    check_settings(output, True, same, warnings.append)

    assert warnings == []
    with pytest.raises(DatasetError, match="holds records made with"):
        check_settings(output, True, RuleSettings(eight_k_items=("1.05", "9.01")), warnings.append)
    regraded = replace(same, severities={"CYBER.duplicate": Severity.WARNING})
    with pytest.raises(DatasetError, match="this run asks for"):
        check_settings(output, True, regraded, warnings.append)


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_the_settings_file_gets_the_permissions_of_its_output(umask: int, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(CYBER_EXTRACT),
            str(SAMPLE_10K),
            "-o",
            "cyd.jsonl",
            "-o",
            "tables/",
            "--format",
            "csv",
            *common_options(),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        umask=umask,
    )

    assert result.returncode == 0, result.stderr
    mode = 0o666 & ~umask
    for path in (
        "cyd.jsonl",
        "cyd.jsonl.settings.json",
        "tables/records.jsonl",
        "tables/cyber-extract-settings.json",
    ):
        assert stat.S_IMODE((tmp_path / path).stat().st_mode) == mode, path


WORKER_START = """
import json, sys
from arelle import PluginManager
from cyber_plugin.batch.worker import FilingReader, ReaderSettings
from cyber_plugin.core.settings import RuleSettings

reader = FilingReader(ReaderSettings(offline=True, cache_directory=sys.argv[1], rules=RuleSettings()))
outcome = reader.outcome(sys.argv[2])
print(json.dumps({
    "every_shipped_plugin_read": PluginManager.getInstance()._entryPointRefCache is not None,
    "plugins": sorted(module["name"] for module in reader._cntlr.preloadedPlugins.values()),
    "error": outcome.record.get("error"),
    "flags": outcome.record["flags"],
}))
"""


def test_a_worker_finds_its_plugins_by_file_without_reading_every_plugin_arelle_ships(tmp_path: Path) -> None:
    """Named by its name, a plugin is found after Arelle reads each of the ~50 plugins it ships (a
    fifth of a second or more); a worker names its two by file, and reads filings with them."""
    completed = subprocess.run(
        [sys.executable, "-c", WORKER_START, str(TAXONOMY_CACHE), str(SAMPLE_10K)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    started = json.loads(completed.stdout.splitlines()[-1])

    assert started["plugins"] == ["Cybersecurity Disclosure (cyd)", "Inline XBRL Document Set"]
    assert started["every_shipped_plugin_read"] is False
    assert started["error"] is None and started["flags"], started
