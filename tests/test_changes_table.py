"""The changes table: an export's rows (what changed since the prior filing the run compared it
with), a dataset's comparisons (`prior_source`, `amends`, the changes of each annual report against
the same CIK's previous one), and, on the SEC's cyd facts of thousands of filings, rows that are
exactly the differences between each company's consecutive annual reports (recomputed here from the
raw facts)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from benchmarks.population_records import POPULATION, SecFiling, read_population, record_of, unquoted
from cyber_plugin.core.catalogue import (
    MATERIALLY_AFFECTED_FLAG,
    MATERIALLY_AFFECTED_TEXT_BLOCK,
    POSITIONS_RESPONSIBLE_FLAG,
)
from cyber_plugin.core.comparison import view_of_disclosure
from cyber_plugin.core.disclosure import Disclosure
from cyber_plugin.core.word_diff import tokens
from cyber_plugin.dataset.year_over_year import compared_records
from cyber_plugin.outputs.filing_record import export_record, view_of_document
from cyber_plugin.outputs.table_model import Record
from cyber_plugin.outputs.tables import CHANGES, FILINGS

from .support.builder import CIK, annual_report, incident_report
from .test_word_diff import lcs_length

PROCESSES_TEXT = "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock"
EXPERTISE_TEXT = "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"


def rows_of(records: list[Record]) -> list[dict[str, Any]]:
    """The changes table's rows of the records, as dicts by column."""
    return [dict(zip(CHANGES.column_names, row, strict=True)) for r in records for row in CHANGES.rows(r)]


def compared(current: Disclosure, prior: Disclosure, source: str = "last-year.htm") -> Disclosure:
    return replace(current, prior=replace(view_of_disclosure(prior), source=source))


def test_an_export_s_rows_are_the_elements_whose_state_differs_from_the_prior_filing() -> None:
    prior = annual_report(period_end="2023-12-31", fiscal_year="2023")
    prior.set("cyd-06", value=True).set_text("cyd-01", "We assess risks.").unwrap("cyd-07")
    current = annual_report().unwrap("cyd-12").unwrap("cyd-14")
    current.set_text("cyd-01", "We assess and manage risks.")

    rows = rows_of([export_record(compared(current.build(), prior.build()), ())])

    identity = {"source": "filing.htm", "accession_number": None, "cik": CIK}
    identity |= {"entity_name": "Harbor Point Analytics, Inc.", "form": "10-K", "fiscal_year": 2024}
    identity |= {"period_end": date(2024, 12, 31), "prior_source": "last-year.htm"}
    identity |= {"prior_accession_number": None, "prior_cik": CIK, "prior_form": "10-K"}
    identity |= {"prior_fiscal_year": 2023, "prior_period_end": date(2023, 12, 31)}
    assert [{k: v for k, v in row.items() if k not in identity} for row in rows] == [
        {
            "concept": PROCESSES_TEXT,
            "name": "risk_management_processes",
            "change": "text_edited",
            "prior_value": None,
            "value": None,
            "similarity": round(2 * 4 / 10, 4),  # We assess risks . / We assess and manage risks .
        },
        {
            "concept": MATERIALLY_AFFECTED_FLAG,
            "name": "materially_affected",
            "change": "flag_changed",
            "prior_value": True,
            "value": False,
            "similarity": None,
        },
        {
            "concept": MATERIALLY_AFFECTED_TEXT_BLOCK.local_name,
            "name": "materially_affected_text",
            "change": "added",
            "prior_value": None,
            "value": None,
            "similarity": None,
        },
        {
            "concept": POSITIONS_RESPONSIBLE_FLAG,
            "name": "positions_responsible",
            "change": "dropped",
            "prior_value": True,
            "value": None,
            "similarity": None,
        },
        {
            "concept": EXPERTISE_TEXT,
            "name": "management_expertise",
            "change": "dropped",
            "prior_value": None,
            "value": None,
            "similarity": None,
        },
    ]
    assert all({k: row[k] for k in identity} == identity for row in rows)


def test_an_export_without_a_prior_or_without_a_change_has_no_rows() -> None:
    filing = annual_report().build()
    record = export_record(filing, ())

    assert rows_of([record]) == [] and record["changes"] is None
    assert rows_of([export_record(compared(filing, annual_report().build()), ())]) == []
    prior_source = FILINGS.column_names.index("prior_source")
    assert FILINGS.rows(record)[0][prior_source] is None
    assert FILINGS.rows(export_record(compared(filing, filing), ()))[0][prior_source] == "last-year.htm"


def dataset_record(filing: Disclosure, source: str, filed: str | None = None) -> Record:
    """The record cyber-extract would write for a filing read from `source`."""
    record = export_record(replace(filing, source=source), ())
    return record | {"filed": filed, "accessionNumber": None}


def test_a_dataset_compares_each_annual_report_with_the_previous_one_and_links_amendments() -> None:
    last_year = annual_report(period_end="2023-12-31", fiscal_year="2023").unwrap("cyd-14").build()
    this_year = annual_report().set("cyd-06", value=True).build()
    amended = annual_report(form="10-K/A", amendment=True).build()
    amendment_8k = incident_report(form="8-K/A", amendment=True).build()
    records = [
        dataset_record(this_year, "2024.htm"),
        dataset_record(incident_report().build(), "8-k.htm", filed="2025-03-12"),
        dataset_record(last_year, "2023.htm"),
        dataset_record(amended, "2024-a.htm"),
        dataset_record(amendment_8k, "8-k-a.htm", filed="2025-04-02"),
        {"format": "cyber-disclosure", "version": 1, "source": "broken.htm", "sha256": None, "error": "x"},
    ]

    compared_to = list(compared_records(records))

    assert [r["source"] for r in compared_to] == [r["source"] for r in records]  # in order, all of them
    prior_source = [FILINGS.rows(r)[0][FILINGS.column_names.index("prior_source")] for r in compared_to]
    amends = [FILINGS.rows(r)[0][FILINGS.column_names.index("amends")] for r in compared_to]
    assert prior_source == ["2023.htm", None, None, None, None, None]  # the amendment aside
    assert amends == [None, None, None, None, "8-k.htm", None]
    assert [(r["source"], r["prior_source"], r["concept"], r["change"]) for r in rows_of(compared_to)] == [
        ("2024.htm", "2023.htm", MATERIALLY_AFFECTED_FLAG, "flag_changed"),
        ("2024.htm", "2023.htm", EXPERTISE_TEXT, "added"),
    ]
    assert compared_to[0]["changes"]["elements"][0]["diff"] is None  # a dataset needs no word diffs
    assert records[0].get("changes") is None  # the records themselves are left as they were


def test_a_dataset_reads_its_records_twice_and_refuses_a_one_pass_iterator() -> None:
    records = [dataset_record(annual_report().build(), "a.htm")]

    assert list(compared_records(lambda: iter(records))) == records
    with pytest.raises(TypeError, match="read twice"):
        list(compared_records(iter(records)))


# The SEC's data: thousands of companies with two annual reports.

ANNUAL_FORMS = ("10-K", "20-F", "10-KT", "20-FT", "40-F")
SHORT_ENOUGH = 200 * 200  # token pairs
_BOOLEANS = {"true": True, "false": False}


def expected_pairs(filings: list[SecFiling]) -> list[tuple[SecFiling, SecFiling]]:
    """Each original annual report with the same CIK's report of the previous period end (the
    last filed of that period), from the data set's own fields."""
    by_cik: dict[str, list[SecFiling]] = defaultdict(list)
    for filing in filings:
        if filing.header["form"] in ANNUAL_FORMS:
            by_cik[filing.header["cik"].zfill(10)].append(filing)
    pairs = []
    for reports in by_cik.values():
        reports.sort(key=lambda f: (f.header["period"], f.header["filed"], f.accession))
        for report in reports:
            earlier = [f for f in reports if f.header["period"] < report.header["period"]]
            if earlier:
                pairs.append((earlier[-1], report))
    return pairs


def elements(filing: SecFiling) -> dict[str, tuple[bool, bool | str | None]]:
    """Each tagged element -> (is a flag, its value): a flag's first value (True, False, None for
    anything else), a text block's distinct texts with their white space collapsed."""
    flags: dict[str, bool | None] = {}
    texts: dict[str, list[str]] = {}
    for fact in filing.facts:
        value = unquoted(fact["value"])
        if fact["tag"].endswith("Flag"):
            flags.setdefault(fact["tag"], _BOOLEANS.get(value))
        elif value not in texts.setdefault(fact["tag"], []):
            texts[fact["tag"]].append(value)
    found: dict[str, tuple[bool, bool | str | None]] = {tag: (True, value) for tag, value in flags.items()}
    found |= {tag: (False, " ".join(" ".join(values).split())) for tag, values in texts.items()}
    return found


def expected_rows(prior: SecFiling, report: SecFiling) -> list[dict[str, Any]]:
    before, after = elements(prior), elements(report)
    rows = []
    for tag in before.keys() | after.keys():
        is_flag = (before.get(tag) or after.get(tag) or (False, None))[0]
        old, new = before.get(tag, (is_flag, None))[1], after.get(tag, (is_flag, None))[1]
        if tag not in after:
            change = "dropped"
        elif tag not in before:
            change = "added"
        elif old == new:
            continue
        else:
            change = "flag_changed" if is_flag else "text_edited"
        rows.append(
            {
                "cik": report.header["cik"].zfill(10),
                "prior_source": prior.accession,
                "source": report.accession,
                "prior_fiscal_year": int(prior.header["fy"]) if prior.header["fy"] else None,
                "fiscal_year": int(report.header["fy"]) if report.header["fy"] else None,
                "concept": tag,
                "change": change,
                "prior_value": old if is_flag and tag in before else None,
                "value": new if is_flag and tag in after else None,
            }
        )
    return rows


@pytest.fixture(scope="module")
def population() -> list[SecFiling]:
    if not POPULATION.is_file():
        pytest.skip(f"the SEC's cyd facts are not at {POPULATION} (they sit beside the project in CI)")
    return read_population()


def _by(key: tuple[str, ...]) -> Any:
    return lambda row: tuple(str(row[k]) for k in key)


def test_the_changes_rows_of_the_sec_s_data_are_exactly_the_differences(population: list[SecFiling]) -> None:
    records = [record_of(filing) for filing in population]

    rows = rows_of(list(compared_records(records)))

    pairs = expected_pairs(population)
    assert len(pairs) > 2_500  # the companies with two (or three) annual reports
    expected = [row for prior, report in pairs for row in expected_rows(prior, report)]
    key = ("source", "concept")
    assert sorted(({k: row[k] for k in expected[0]} for row in rows), key=_by(key)) == sorted(
        expected, key=_by(key)
    )
    similarities = [row["similarity"] for row in rows if row["change"] == "text_edited"]
    assert similarities and all(0.0 <= s < 1.0 for s in similarities)
    assert all(row["similarity"] is None for row in rows if row["change"] != "text_edited")
    changes = {row["change"] for row in rows}
    assert changes == {"added", "dropped", "flag_changed", "text_edited"}


def test_the_similarity_of_real_edited_texts_is_the_lcs_ratio(population: list[SecFiling]) -> None:
    checked = 0
    for prior, report in expected_pairs(population)[:60]:
        records = [record_of(prior), record_of(report)]
        before, after = (view_of_document(record) for record in records)
        for row in rows_of(list(compared_records(records))):
            if row["change"] != "text_edited":
                continue
            old, new = tokens(before.text_of[row["concept"]]), tokens(after.text_of[row["concept"]])
            if len(old) * len(new) <= SHORT_ENOUGH:  # for the plain dynamic programme
                assert row["similarity"] == round(2 * lcs_length(old, new) / (len(old) + len(new)), 4)
                checked += 1
    assert checked > 25
