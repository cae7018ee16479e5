"""docs/dataset.md's "From filings to a table": its cyber-extract command run as written on the
bundled and real filings (and the summary it shows checked against the one printed), its pandas
sessions run as doctests, and the four questions answered from read() in at most two lines of
pandas each; a directory output in either format, resumed."""

from __future__ import annotations

import doctest
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from cyber_plugin.dataset import Tables, read

from .support.doc_pages import Block, all_blocks, blocks_run_by, run_block
from .support.extract import run_extract, summary_count
from .support.paths import REAL_FILINGS, SAMPLE_8K, SAMPLE_20F, SAMPLES, real_filings

SETTINGS = "cyber-extract-settings.json"  # the rule settings stored with the dataset
WALKTHROUGH = "tests/test_dataset_walkthrough.py::test_the_walkthrough"


def walkthrough_blocks(language: str) -> list[str]:
    return [block.text for block in blocks_run_by(WALKTHROUGH) if block.language == language]


def summary_shown() -> Block:
    """The summary the page shows: the text block right after the walkthrough's command."""
    shown = all_blocks()
    (command,) = [b for b in shown if b.run_by == WALKTHROUGH and b.language == "sh"]
    following = shown[shown.index(command) + 1]
    assert following.page == command.page and following.language == "text"
    return following


@dataclass(frozen=True)
class Project:
    root: Path  # laid out as the repository, with the dataset cyd/ made in it
    summary: str  # what the command printed


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A folder laid out as the repository (sample_filings, ../shared/real-filings) in which the
    documented command has made the dataset cyd/: one run, on the samples and the real 10-Ks."""
    real_filings()  # skips when ../shared/real-filings is absent
    root = tmp_path_factory.mktemp("walkthrough")
    (root / "project").mkdir()
    (root / "project" / "sample_filings").symlink_to(SAMPLES)
    (root / "shared").symlink_to(REAL_FILINGS.parent)
    [command] = walkthrough_blocks("sh")
    completed = run_block(WALKTHROUGH, root / "project", command)
    return Project(root / "project", completed.stdout)


@pytest.fixture(scope="module")
def project(made: Project) -> Path:
    return made.root


@pytest.fixture(scope="module")
def filings(project: Path) -> pd.DataFrame:
    return read(project / "cyd").filings


def test_the_walkthrough(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    sessions = doctest.DocTestParser().get_doctest(
        "\n".join(walkthrough_blocks("python")), {}, "docs/dataset.md", None, 0
    )
    runner = doctest.DocTestRunner()
    report: list[str] = []

    runner.run(sessions, out=report.append)

    assert len(sessions.examples) == 20 and runner.failures == 0, "".join(report)


def test_the_summary_shown_is_what_the_command_prints(made: Project) -> None:
    """Line by line, but for the time and rate of the first line and the dataset's path."""
    shown, printed = summary_shown().text.splitlines(), made.summary.strip().splitlines()
    timing = re.compile(r"in [\d.]+ s \([\d.]+ filings/s\)")

    assert [timing.sub("in … s (… filings/s)", line) for line in printed[:-1]] == shown[:-1]
    assert printed[-1].endswith("/cyd") and shown[-1].startswith("Dataset: ")


def test_how_many_companies_say_an_incident_materially_affected_them(filings: pd.DataFrame) -> None:
    annual = filings[filings.form.isin(["10-K", "20-F"])]
    answer = annual.groupby("materially_affected", dropna=False).cik.nunique()

    assert answer.get(True, 0) == 0  # none of these filings says so
    assert answer[False] == 6 and answer.sum() == 9  # Apple, AbbVie and Wells Fargo tag no flag
    assert "8-K" in set(filings.form) - set(annual.form)  # the 8-K kept apart


def test_which_report_to_the_board(filings: pd.DataFrame) -> None:
    answer = filings.loc[filings.reports_to_board.fillna(False), ["ticker", "entity_name"]].drop_duplicates()

    assert sorted(answer.ticker) == ["HPAN", "IBM", "LCHZ", "NFLX", "PG", "UNH"]


def test_how_long_the_risk_management_text_is(filings: pd.DataFrame) -> None:
    answer = filings.set_index("ticker").risk_management_processes.str.len().sort_values(ascending=False)

    assert answer.dropna().index.tolist() == ["ABBV", "HPAN", "NFLX", "IBM", "UNH", "PG", "LCHZ", "LCHZ"]
    assert answer.dropna().between(1_000, 40_000).all()  # AbbVie: one umbrella text block for all of 1C
    assert sorted(answer[answer.isna()].index.dropna()) == ["AAPL", "WFC"]  # and the 8-K, without ticker


def test_which_filings_lack_item_1c_tags(filings: pd.DataFrame) -> None:
    lacking = filings.status.isin(["missing", "partial"])
    answer = filings.loc[lacking, ["ticker", "form", "status"]]

    assert sorted(answer.itertuples(index=False, name=None)) == [
        ("ABBV", "10-K", "partial"),
        ("UNH", "10-K", "partial"),
        ("WFC", "10-K", "missing"),
    ]
    codes = filings.set_index("ticker").finding_codes
    assert codes["UNH"] == ["CYBER.missingElement", "CYBER.duplicate", "CYBER.untaggedText"]
    assert codes["WFC"] == ["CYBER.missingDisclosure", "CYBER.sectionByReference"]
    assert filings.set_index("ticker").status["AAPL"] == "not_required"


def by_source(tables: Tables) -> list[pd.DataFrame]:
    return [
        frame.sort_values(["source", *frame.columns[2:4]], kind="stable").reset_index(drop=True)
        for _, frame in tables.items()
    ]


def test_the_tables_read_as_the_records_they_were_made_from(project: Path) -> None:
    tables, records = read(project / "cyd"), read(project / "cyd" / "records.jsonl")

    for from_tables, from_records in zip(by_source(tables), by_source(records), strict=True):
        pd.testing.assert_frame_equal(from_tables, from_records)
    assert len(tables.filings) == 11 and len(tables.findings) == 6
    sections = tables.filings.section_paragraphs.sum()
    assert len(tables.paragraphs) == sections > 0  # a row per paragraph of each section as filed


def test_a_directory_output_resumes_and_switches_format(tmp_path: Path) -> None:
    inputs = (SAMPLE_20F, SAMPLE_8K)
    first = run_extract(*inputs, "-o", "cyd/", "--format", "csv", cwd=tmp_path)
    written = sorted(path.name for path in (tmp_path / "cyd").iterdir())
    as_csv = read(tmp_path / "cyd")

    second = run_extract(*inputs, "-o", "cyd/", cwd=tmp_path)

    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert written == [
        "changes.csv",
        SETTINGS,
        "facts.csv",
        "filings.csv",
        "findings.csv",
        "paragraphs.csv",
        "records.jsonl",
    ]
    assert summary_count(second.stdout, "already recorded") == 2
    # The tables are now Parquet, the CSV ones (out of date from now on) are gone.
    assert sorted(path.name for path in (tmp_path / "cyd").iterdir()) == [
        "changes.parquet",
        SETTINGS,
        "facts.parquet",
        "filings.parquet",
        "findings.parquet",
        "paragraphs.parquet",
        "records.jsonl",
    ]
    for (name, from_csv), (_, from_parquet) in zip(
        as_csv.items(), read(tmp_path / "cyd").items(), strict=True
    ):
        pd.testing.assert_frame_equal(from_csv, from_parquet, obj=name)
    assert sorted(as_csv.filings.status) == ["complete", "incident"]


def test_a_directory_that_is_not_a_dataset_stops_the_command(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep", encoding="utf-8")

    result = run_extract(SAMPLE_20F, "-o", "mine/", cwd=tmp_path)

    assert result.returncode == 2 and "not a cyber-extract dataset directory" not in result.stdout
    assert "neither empty nor a cyber-extract dataset directory" in result.stderr
    assert [path.name for path in (tmp_path / "mine").iterdir()] == ["notes.txt"]
