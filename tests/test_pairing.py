"""Which filing of a dataset is compared with which: the pairing rules on hand-made views (the rows
they give, on the SEC's cyd facts of thousands of filings, are in test_changes_table.py)."""

from __future__ import annotations

from datetime import date

from cyber_plugin.core.filing_view import FilingView, ViewFact, filing_view
from cyber_plugin.core.pairing import (
    amended_reports,
    annual_report_pairs,
)

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
