"""cyber-extract over two years of many companies (real inline filings made from the SEC's cyd
facts, tests/two_years.py): its `changes` table holds exactly the differences between each
company's consecutive annual reports, recomputed here from the SEC's raw facts; the filings table
names each report's prior one; docs/dataset.md's year-over-year questions run as doctests."""

from __future__ import annotations

import doctest
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from benchmarks.population_records import POPULATION, SecFiling, read_population, record_of
from cyber_plugin.dataset import Tables, read
from cyber_plugin.dataset.year_over_year import compared_records
from cyber_plugin.outputs.tables import CHANGES

from .support.doc_pages import blocks_run_by
from .support.two_years import MATERIALLY_AFFECTED, two_year_companies, write_two_years
from .test_changes_table import expected_rows
from .test_documented_commands import run_block

IDIOMS = "tests/test_year_over_year.py::test_the_year_over_year_idioms"


@dataclass(frozen=True)
class TwoYears:
    folder: Path  # where the documented command ran: two-years/ and the dataset yoy/
    pairs: list[tuple[SecFiling, SecFiling]]
    tables: Tables


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> TwoYears:
    if not POPULATION.is_file():
        pytest.skip(f"the SEC's cyd facts are not at {POPULATION} (they sit beside the project in CI)")
    folder = tmp_path_factory.mktemp("year-over-year")
    pairs = two_year_companies(read_population())
    write_two_years(pairs, folder / "two-years")
    (command,) = [block.text for block in blocks_run_by(IDIOMS) if block.language == "sh"]
    run_block(IDIOMS, folder, command)
    return TwoYears(folder, pairs, read(folder / "yoy"))


def _key(row: dict[str, Any]) -> tuple[str, str]:
    return (str(row["accession_number"]), str(row["concept"]))


def _cell(value: Any) -> Any:
    return None if pd.isna(value) else value


def test_the_changes_table_is_exactly_the_differences_between_consecutive_reports(
    two_years: TwoYears,
) -> None:
    changes = two_years.tables.changes
    got = {
        _key(row): {
            k: _cell(row[k]) for k in ("cik", "prior_accession_number", "prior_fiscal_year", "fiscal_year")
        }
        | {k: _cell(row[k]) for k in ("change", "prior_value", "value")}
        for row in changes.to_dict("records")
    }

    expected = {}
    for prior, report in two_years.pairs:
        for row in expected_rows(prior, report):
            expected[(report.accession, row["concept"])] = {
                "cik": row["cik"],
                "prior_accession_number": prior.accession,
                "prior_fiscal_year": row["prior_fiscal_year"],
                "fiscal_year": row["fiscal_year"],
                "change": row["change"],
                "prior_value": row["prior_value"],
                "value": row["value"],
            }
    assert len(changes) == len(got)  # one row per element and filing
    assert got == expected
    assert set(changes.change) == {"added", "dropped", "flag_changed", "text_edited"}
    turned = changes[(changes.concept == MATERIALLY_AFFECTED) & changes.value.fillna(False)]
    assert len(turned) == 4  # the companies chosen for it


def test_the_similarities_are_those_of_the_sec_s_texts(two_years: TwoYears) -> None:
    records = [record_of(filing) for pair in two_years.pairs for filing in pair]
    from_sec = {
        (row[1], row[CHANGES.column_names.index("concept")]): row[CHANGES.column_names.index("similarity")]
        for record in compared_records(records)
        for row in CHANGES.rows(record)
    }
    changes = two_years.tables.changes
    from_filings = {
        (row["accession_number"], row["concept"]): _cell(row["similarity"])
        for row in changes.to_dict("records")
    }

    assert from_filings == from_sec


def test_each_annual_report_names_the_prior_one(two_years: TwoYears) -> None:
    filings = two_years.tables.filings.set_index("accession_number")
    folder = two_years.folder / "two-years"

    for prior, report in two_years.pairs:
        assert filings.prior_source[report.accession].endswith(f"{prior.accession}.htm")
        assert pd.isna(filings.prior_source[prior.accession])
        assert (folder / f"{prior.accession}.htm").is_file()
    assert filings.amends.isna().all()  # no incident report amendment among them


def test_the_year_over_year_idioms(two_years: TwoYears, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(two_years.folder)
    text = "\n".join(block.text for block in blocks_run_by(IDIOMS) if block.language == "python")
    sessions = doctest.DocTestParser().get_doctest(text, {}, "docs/dataset.md", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []

    runner.run(sessions, out=report.append)

    assert len(sessions.examples) >= 4 and runner.failures == 0, "".join(report)
