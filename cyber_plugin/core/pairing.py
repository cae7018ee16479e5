"""Which filing of a dataset is compared with which: pure functions of `FilingView`s, for the dataset's
changes table and its `prior_source` and `amends` columns (dataset/year_over_year.py).

Annual reports (`FilingView.is_annual_report`: 10-K, 20-F, 10-KT ...; amendments aside) are paired
with the same CIK's previous annual report: the one with the latest period end
(dei:DocumentPeriodEndDate) before theirs. Fiscal years do not order reports: filers number them
differently (the SEC's own fiscal year gives two consecutive reports the same year for several
filers), so they are only reported. A report without a CIK or a period end is not paired. Two
reports for one period end (a report filed again) are each paired with the previous period's
report, and the next period's report is paired with the one filed last (by filing date, then
accession number, then source), which supersedes the other.

An amendment of an incident report (8-K/A, 6-K/A) is paired with the report it amends: the same
CIK's latest earlier report of the same form that is not an amendment, by period end (the date of
the event, which an amendment repeats) and, when both are known, filing date. Among those, the
reports of an incident (Item 1.05 tagged or listed) come first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from .filing_view import FilingView


def _filing_order(view: FilingView) -> tuple[date, date, str, str]:
    """When a filing stands: its period end, then its filing date, accession number and source."""
    return (view.period_end or date.min, view.filed or date.min, view.accession or "", view.source)


def _by_cik(views: Iterable[FilingView], wanted: Callable[[FilingView], bool]) -> dict[str, list[FilingView]]:
    """The wanted filings with a CIK and a period end, by CIK, each CIK's in filing order."""
    groups: dict[str, list[FilingView]] = defaultdict(list)
    for view in views:
        if view.cik is not None and view.period_end is not None and wanted(view):
            groups[view.cik].append(view)
    for group in groups.values():
        group.sort(key=_filing_order)
    return groups


def _is_original_annual_report(view: FilingView) -> bool:
    return view.is_annual_report and not view.is_amendment


def annual_report_pairs(views: Iterable[FilingView]) -> list[tuple[FilingView, FilingView]]:
    """(prior, report) for each annual report that has a prior one, by CIK and period."""
    pairs: list[tuple[FilingView, FilingView]] = []
    for _, reports in sorted(_by_cik(views, _is_original_annual_report).items()):
        prior: FilingView | None = None  # the last report of the previous period end
        latest: FilingView | None = None  # the last report so far
        for report in reports:
            if latest is not None and latest.period_end != report.period_end:
                prior = latest
            if prior is not None:
                pairs.append((prior, report))
            latest = report
    return pairs


def _is_incident_report(view: FilingView) -> bool:
    return view.is_incident_report


def amended_reports(views: Iterable[FilingView]) -> list[tuple[FilingView, FilingView]]:
    """(amended report, amendment) for each incident report amendment (8-K/A, 6-K/A) whose
    original is among the views."""
    pairs: list[tuple[FilingView, FilingView]] = []
    for _, reports in sorted(_by_cik(views, _is_incident_report).items()):
        for amendment in (report for report in reports if report.is_amendment):
            originals = [
                report
                for report in reports
                if not report.is_amendment
                and report.base_form == amendment.base_form
                and _not_later(report, amendment)
            ]
            if originals:
                amended = max(originals, key=lambda r: (r.reports_incident, _filing_order(r)))
                pairs.append((amended, amendment))
    return pairs


def _not_later(original: FilingView, amendment: FilingView) -> bool:
    """Whether a report stands no later than an amendment: period end, and filing date when known."""
    if (original.period_end or date.min) > (amendment.period_end or date.min):
        return False
    return original.filed is None or amendment.filed is None or original.filed <= amendment.filed
