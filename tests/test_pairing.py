"""Which filing of a dataset is compared with which, and the changes table's rows: the pairing rules
on hand-made views, and on the SEC's cyd facts of thousands of filings the rows are exactly the
differences between each company's consecutive annual reports (recomputed here from the raw facts)."""

from __future__ import annotations

from collections import defaultdict
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
from cyber_plugin.core.filing_view import FilingView, ViewFact, filing_view
from cyber_plugin.core.pairing import (
    CHANGE_COLUMNS,
    amended_reports,
    annual_report_pairs,
    change_rows,
    year_over_year_rows,
)
from cyber_plugin.core.word_diff import tokens
from cyber_plugin.outputs.filing_record import view_of_document

from .builder import annual_report
from .test_word_diff import lcs_length

NATURE = "MaterialCybersecurityIncidentNatureTextBlock"
PROCESSES_TEXT = "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock"


def view(
    source: str,
    end: str | None = "2024-12-31",
    form: str = "10-K",
    cik: str | None = "320193",
    fiscal_year: str | None = None,
    filed: str | None = None,
    accession: str | None = None,
    incident: bool = False,
) -> FilingView:
    return filing_view(
        source=source,
        document_type=form,
        amendment=None,
        cik=cik,
        fiscal_year=fiscal_year,
        period_end=date.fromisoformat(end) if end else None,
        facts=[ViewFact(NATURE, "What happened.", None)] if incident else [],
        paragraphs=None,
        filed=date.fromisoformat(filed) if filed else None,
        accession=accession,
    )


def sources(pairs: list[tuple[FilingView, FilingView]]) -> list[tuple[str, str]]:
    return [(prior.source, later.source) for prior, later in pairs]


def test_each_annual_report_is_paired_with_the_same_cik_s_previous_one() -> None:
    views = [
        view("a-2025", "2025-12-31"),
        view("a-2023", "2023-12-31"),
        view("a-2024", "2024-12-31"),
        view("a-2024-amendment", "2024-12-31", form="10-K/A"),
        view("a-8-k", "2025-03-10", form="8-K", incident=True),
        view("b-2024", "2024-12-31", form="20-F", cik="0000000002"),
        view("b-2025", "2025-12-31", form="20-F", cik="2"),  # the same CIK, as EDGAR pads it
        view("c-2024", "2024-06-30", cik="3"),
        view("c-transition", "2024-12-31", form="10-KT", cik="3"),
        view("d-2024", "2024-12-31", cik="4"),  # alone: no prior
    ]

    assert sources(annual_report_pairs(views)) == [  # by CIK (ten digits), then period
        ("b-2024", "b-2025"),
        ("c-2024", "c-transition"),
        ("a-2023", "a-2024"),
        ("a-2024", "a-2025"),
    ]


def test_period_ends_order_the_reports_not_fiscal_years() -> None:
    views = [
        view("first", "2025-01-31", fiscal_year="2025"),
        view("second", "2026-01-31", fiscal_year="2025"),  # the same fiscal year, a year later
        view("gap", "2028-01-31", fiscal_year="2027"),  # a year missing from the dataset
    ]

    pairs = annual_report_pairs(views)

    assert sources(pairs) == [("first", "second"), ("second", "gap")]
    assert [(p.fiscal_year, r.fiscal_year) for p, r in pairs] == [(2025, 2025), (2025, 2027)]


def test_two_reports_for_one_period_end_each_follow_the_year_before_and_the_last_filed_leads() -> None:
    views = [
        view("2023", "2023-12-31", filed="2024-02-20"),
        view("2024-filed-again", "2024-12-31", filed="2025-06-12"),
        view("2024", "2024-12-31", filed="2025-02-21"),
        view("2025", "2025-12-31", filed="2026-02-19"),
    ]
    # Without filing dates the accession number, then the source, decides.
    undated = [
        view("x-2024-b", "2024-12-31", cik="9", accession="0000000009-25-000002"),
        view("x-2024-a", "2024-12-31", cik="9", accession="0000000009-25-000001"),
        view("x-2025", "2025-12-31", cik="9"),
    ]

    assert sources(annual_report_pairs(views)) == [
        ("2023", "2024"),
        ("2023", "2024-filed-again"),
        ("2024-filed-again", "2025"),
    ]
    assert sources(annual_report_pairs(undated)) == [("x-2024-b", "x-2025")]


def test_reports_without_a_cik_or_a_period_end_are_not_paired() -> None:
    views = [view("2023", "2023-12-31"), view("no-end", None), view("no-cik", "2024-12-31", cik=None)]

    assert annual_report_pairs([*views, view("2024", "2024-12-31")]) == annual_report_pairs(
        [views[0], view("2024", "2024-12-31")]
    )
    assert annual_report_pairs(views) == []


def test_an_8k_a_is_paired_with_the_latest_earlier_8k_of_an_incident() -> None:
    incident = view("8-k-incident", "2025-01-05", form="8-K", filed="2025-01-07", incident=True)
    earnings = view("8-k-earnings", "2025-01-20", form="8-K", filed="2025-01-21")
    amendment = view("8-k-a", "2025-01-25", form="8-K/A", filed="2025-02-01", incident=True)
    later = view("8-k-later", "2025-01-05", form="8-K", filed="2025-03-01", incident=True)
    foreign = view("6-k", "2025-01-04", form="6-K", incident=True)
    other_cik = view("8-k-other", "2025-01-06", form="8-K", cik="5", incident=True)

    assert sources(amended_reports([later, amendment, earnings, incident, foreign, other_cik])) == [
        ("8-k-incident", "8-k-a")
    ]
    # Without any report of an incident, the latest earlier one.
    assert sources(amended_reports([earnings, view("8-k-early", "2025-01-02", form="8-K"), amendment])) == [
        ("8-k-earnings", "8-k-a")
    ]
    assert sources(amended_reports([view("6-k/a", "2025-01-05", form="6-K/A"), foreign, incident])) == [
        ("6-k", "6-k/a")
    ]
    assert amended_reports([amendment, later, other_cik]) == []


def test_the_rows_of_two_annual_reports_are_their_differing_elements() -> None:
    prior = annual_report(period_end="2023-12-31", fiscal_year="2023")
    prior.set("cyd-06", value=True).set_text("cyd-01", "We assess risks.")
    current = (
        annual_report().unwrap("cyd-12").unwrap("cyd-14").set_text("cyd-01", "We assess and manage risks.")
    )
    prior.unwrap("cyd-07")
    rows = change_rows(view_of_disclosure(prior.build()), view_of_disclosure(current.build()))

    common = {"cik": "0001999902", "prior_source": "filing.htm", "source": "filing.htm"}
    common |= {"prior_fiscal_year": 2023, "fiscal_year": 2024}
    assert rows == [
        common | row
        for row in (
            {
                "concept": PROCESSES_TEXT,
                "change": "text_edited",
                "prior_value": None,
                "value": None,
                "similarity": round(2 * 4 / 10, 4),  # We assess risks . / We assess and manage risks .
            },
            {
                "concept": MATERIALLY_AFFECTED_FLAG,
                "change": "flag_changed",
                "prior_value": "true",
                "value": "false",
                "similarity": None,
            },
            {
                "concept": MATERIALLY_AFFECTED_TEXT_BLOCK.local_name,
                "change": "added",
                "prior_value": None,
                "value": None,
                "similarity": None,
            },
            {
                "concept": POSITIONS_RESPONSIBLE_FLAG,
                "change": "dropped",
                "prior_value": "true",
                "value": None,
                "similarity": None,
            },
            {
                "concept": "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock",
                "change": "dropped",
                "prior_value": None,
                "value": None,
                "similarity": None,
            },
        )
    ]
    assert all(tuple(row) == CHANGE_COLUMNS for row in rows)


# The SEC's data: thousands of companies with two annual reports.

ANNUAL_FORMS = ("10-K", "20-F", "10-KT", "20-FT", "40-F")
SHORT_ENOUGH = 200 * 200  # token pairs


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


def elements(filing: SecFiling) -> dict[str, tuple[bool, str | None]]:
    """Each tagged element -> (is a flag, its value): a flag's first value ('true', 'false', None
    for anything else), a text block's distinct texts with their white space collapsed."""
    flags: dict[str, str | None] = {}
    texts: dict[str, list[str]] = {}
    for fact in filing.facts:
        value = unquoted(fact["value"])
        if fact["tag"].endswith("Flag"):
            flags.setdefault(fact["tag"], value if value in ("true", "false") else None)
        elif value not in texts.setdefault(fact["tag"], []):
            texts[fact["tag"]].append(value)
    found: dict[str, tuple[bool, str | None]] = {tag: (True, value) for tag, value in flags.items()}
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


def test_the_changes_rows_of_the_sec_s_data_are_exactly_the_differences(population: list[SecFiling]) -> None:
    views = [view_of_document(record_of(filing)) for filing in population]

    rows = list(year_over_year_rows(views))

    pairs = expected_pairs(population)
    assert len(pairs) > 2_500  # the companies with two (or three) annual reports
    expected = [row for prior, report in pairs for row in expected_rows(prior, report)]
    key = ("source", "concept")
    assert sorted(
        ({k: v for k, v in row.items() if k != "similarity"} for row in rows), key=_by(key)
    ) == sorted(expected, key=_by(key))
    similarities = [row["similarity"] for row in rows if row["change"] == "text_edited"]
    assert similarities and all(0.0 <= s < 1.0 for s in similarities)
    assert all(row["similarity"] is None for row in rows if row["change"] != "text_edited")
    changes = {row["change"] for row in rows}
    assert changes == {"added", "dropped", "flag_changed", "text_edited"}


def _by(key: tuple[str, ...]) -> Any:
    return lambda row: tuple(str(row[k]) for k in key)


def test_the_similarity_of_real_edited_texts_is_the_lcs_ratio(population: list[SecFiling]) -> None:
    checked = 0
    for prior, report in expected_pairs(population)[:60]:
        before, after = view_of_document(record_of(prior)), view_of_document(record_of(report))
        for row in change_rows(before, after):
            if row["change"] != "text_edited":
                continue
            old, new = tokens(before.text_of[row["concept"]]), tokens(after.text_of[row["concept"]])
            if len(old) * len(new) <= SHORT_ENOUGH:  # for the plain dynamic programme
                assert row["similarity"] == round(2 * lcs_length(old, new) / (len(old) + len(new)), 4)
                checked += 1
    assert checked > 25
