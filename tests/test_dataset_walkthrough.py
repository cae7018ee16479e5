"""The README's "From filings to a table": cyber-extract on the real 10-Ks, then the four questions
answered from read() in at most two lines of pandas each; and a directory output in either format,
resumed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cyber_plugin.dataset import Tables, read

from .conftest import SAMPLE_8K, SAMPLE_20F, real_filings
from .test_batch import run_extract, summary_count


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cyber-extract run on the real 10-Ks into a directory, a JSON Lines file and a CSV."""
    folder = real_filings()[0].parent  # skips when ../shared/real-filings is absent
    output = tmp_path_factory.mktemp("walkthrough")
    result = run_extract(folder, "-o", "cyd/", "-o", "cyd.jsonl", "-o", "filings.csv", cwd=output)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def filings(dataset: Path) -> pd.DataFrame:
    return read(dataset / "cyd").filings


def test_how_many_companies_say_an_incident_materially_affected_them(filings: pd.DataFrame) -> None:
    answer = filings.groupby("materially_affected", dropna=False).cik.nunique()

    assert answer.get(True, 0) == 0  # none of these filings says so
    assert answer[False] == 4 and answer.sum() == 7  # Apple, AbbVie and Wells Fargo tag no flag


def test_which_report_to_the_board(filings: pd.DataFrame) -> None:
    answer = filings.loc[filings.reports_to_board.fillna(False), ["ticker", "entity_name"]].drop_duplicates()

    assert sorted(answer.ticker) == ["IBM", "NFLX", "PG", "UNH"]


def test_how_long_the_risk_management_text_is(filings: pd.DataFrame) -> None:
    answer = filings.set_index("ticker").risk_management_processes.str.len().sort_values(ascending=False)

    assert answer.isna().to_dict() == {t: t in ("AAPL", "WFC") for t in answer.index}  # nothing tagged
    assert answer.dropna().between(1_000, 40_000).all()
    assert answer.idxmax() == "ABBV"  # one umbrella text block holds the whole of Item 1C


def test_which_filings_lack_item_1c_tags(filings: pd.DataFrame) -> None:
    lacking = filings.status.isin(["missing", "partial"])
    answer = filings.loc[lacking, ["ticker", "form", "status", "finding_codes"]]

    assert sorted(answer.itertuples(index=False, name=None)) == [
        ("ABBV", "10-K", "partial", "CYBER.missingElement"),
        ("UNH", "10-K", "partial", "CYBER.missingElement CYBER.duplicate"),
        ("WFC", "10-K", "missing", "CYBER.missingDisclosure"),
    ]
    assert filings.set_index("ticker").status["AAPL"] == "not_required"


def by_source(tables: Tables) -> list[pd.DataFrame]:
    return [frame.sort_values(["source", *frame.columns[2:4]]).reset_index(drop=True) for frame in tables]


def test_every_output_of_the_run_reads_as_the_same_tables(dataset: Path) -> None:
    tables, records, csv = read(dataset / "cyd"), read(dataset / "cyd.jsonl"), read(dataset / "filings.csv")

    for from_tables, from_records in zip(by_source(tables), by_source(records), strict=True):
        pd.testing.assert_frame_equal(from_tables, from_records)
    one_line = by_source(tables)[0].replace(r"\s*\n\s*", " ", regex=True)  # the CSV keeps rows on one line
    pd.testing.assert_frame_equal(by_source(csv)[0], one_line)
    assert (
        len(csv.facts) == len(csv.findings) == 0 and len(tables.facts) == 15 * 4 + 1
    )  # AbbVie tags one fact


def test_a_directory_output_resumes_and_switches_format(tmp_path: Path) -> None:
    inputs = (SAMPLE_20F, SAMPLE_8K)
    first = run_extract(*inputs, "-o", "cyd/", "--format", "csv", cwd=tmp_path)
    written = sorted(path.name for path in (tmp_path / "cyd").iterdir())
    as_csv = read(tmp_path / "cyd")

    second = run_extract(*inputs, "-o", "cyd/", cwd=tmp_path)

    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert written == ["facts.csv", "filings.csv", "findings.csv", "records.jsonl"]
    assert summary_count(second.stdout, "already recorded") == 2
    # The tables are now Parquet, the CSV ones (out of date from now on) are gone.
    assert sorted(path.name for path in (tmp_path / "cyd").iterdir()) == [
        "facts.parquet",
        "filings.parquet",
        "findings.parquet",
        "records.jsonl",
    ]
    for from_csv, from_parquet in zip(as_csv, read(tmp_path / "cyd"), strict=True):
        pd.testing.assert_frame_equal(from_csv, from_parquet)
    assert sorted(as_csv.filings.status) == ["complete", "incident"]


def test_a_directory_that_is_not_a_dataset_stops_the_command(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep", encoding="utf-8")

    result = run_extract(SAMPLE_20F, "-o", "mine/", cwd=tmp_path)

    assert result.returncode == 2 and "not a cyber-extract dataset directory" not in result.stdout
    assert "neither empty nor a cyber-extract dataset directory" in result.stderr
    assert [path.name for path in (tmp_path / "mine").iterdir()] == ["notes.txt"]
