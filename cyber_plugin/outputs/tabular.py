"""Rows for the spreadsheet-like exports (CSV and Excel), built once for both.

Cells that a spreadsheet would read as a formula (a leading =, +, -, @, tab or carriage return)
are neutralised with a leading apostrophe; a value that already starts with an apostrophe gets
one more, so the guard can always be undone by dropping exactly one leading apostrophe.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ..core.catalogue import ANNUAL_FLAGS
from ..core.disclosure import CydFact, Disclosure
from ..core.findings import Finding
from ..core.words import flag_word, iso_cell, period_cells

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
GUARD: Final = "'"

FACT_COLUMNS: Final = (
    "concept",
    "label",
    "section",
    "incident",
    "kind",
    "value",
    "period start",
    "period end",
    "context",
    "fact id",
    "document",
    "line",
    "hidden",
    "nil",
    "finding codes",
)
FINDING_COLUMNS: Final = ("code", "severity", "message", "concepts", "fact ids")
FILING_COLUMNS: Final = ("field", "value")
LIST_SEPARATOR: Final = " "
# Every CSV the project writes starts with this column, naming on each row the table it belongs to.
TABLE_COLUMN: Final = "table"


def neutralise(text: str) -> str:
    """Keep a spreadsheet from evaluating a cell (see the module docstring)."""
    if text.startswith(FORMULA_TRIGGERS) or text.startswith(GUARD):
        return GUARD + text
    return text


def restore(text: str) -> str:
    """Undo `neutralise`."""
    return text[1:] if text.startswith(GUARD) else text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return flag_word(value)
    return str(value)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def codes_by_fact(findings: Iterable[Finding]) -> dict[int, list[str]]:
    """Finding codes per fact (keyed by the fact object's identity), in finding order."""
    codes: dict[int, list[str]] = {}
    for finding in findings:
        for fact in finding.facts:
            fact_codes = codes.setdefault(id(fact), [])
            if finding.code not in fact_codes:
                fact_codes.append(finding.code)
    return codes


def fact_row(fact: CydFact, codes: list[str]) -> tuple[str, ...]:
    start, end = period_cells(fact.period)
    return tuple(
        _cell(value)
        for value in (
            fact.local_name,
            fact.concept.label,
            fact.concept.section.value,
            fact.incident,
            fact.concept.kind.value,
            fact.value,
            start,
            end,
            fact.context_id,
            fact.id,
            fact.document,
            fact.line,
            fact.hidden,
            fact.nil,
            LIST_SEPARATOR.join(codes),
        )
    )


def finding_row(finding: Finding) -> tuple[str, ...]:
    return (
        finding.code,
        finding.severity.value,
        finding.message,
        LIST_SEPARATOR.join(finding.concept_names),
        LIST_SEPARATOR.join(finding.fact_ids),
    )


def filing_rows(disclosure: Disclosure) -> tuple[tuple[str, str], ...]:
    filing = disclosure.filing
    period = filing.period
    flags = disclosure.flags
    rows: list[tuple[str, object]] = [
        ("source", disclosure.source),
        ("document type", filing.document_type),
        ("amendment", filing.amendment),
        ("entity name", filing.registrant_name),
        ("CIK", filing.cik),
        ("period start", iso_cell(period.start if period else None)),
        ("period end", iso_cell(filing.period_end)),
        ("fiscal year focus", filing.fiscal_year_focus),
        ("cyd namespaces", LIST_SEPARATOR.join(disclosure.cyd_namespaces)),
        ("cyd facts", len(disclosure.facts)),
        ("incidents", "; ".join(incident.name for incident in disclosure.incidents)),
    ]
    rows += [(concept.label, flags[concept.local_name]) for concept in ANNUAL_FLAGS]
    return tuple((name, _cell(value)) for name, value in rows)


def tables(disclosure: Disclosure, findings: tuple[Finding, ...]) -> tuple[Table, Table, Table]:
    """Facts, findings and filing information as plain (unguarded) text tables."""
    codes = codes_by_fact(findings)
    return (
        Table("Facts", FACT_COLUMNS, tuple(fact_row(f, codes.get(id(f), [])) for f in disclosure.facts)),
        Table("Findings", FINDING_COLUMNS, tuple(finding_row(f) for f in findings)),
        Table("Filing", FILING_COLUMNS, filing_rows(disclosure)),
    )
