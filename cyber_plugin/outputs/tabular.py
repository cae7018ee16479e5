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
from ..core.section import Section
from ..core.words import flag_word, iso_cell, paragraph_state, period_cells
from .json_format import SHARE_DIGITS

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
SECTION_COLUMNS: Final = ("paragraph", "state", "tagged by", "document", "line", "text")
# The Filing sheet's rows about the section as filed.
SECTION_FIELDS: Final = (
    "section item",
    "section found",
    "section heading",
    "section by reference",
    "section tagged share",
    "section paragraphs",
    "section untagged paragraphs",
)
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
class Sheet:
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
            fact.concept.topic.value,
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
    rows += section_fields(disclosure.section)
    return tuple((name, _cell(value)) for name, value in rows)


def section_fields(section: Section | None) -> list[tuple[str, object]]:
    """The section as filed in the Filing sheet; every value empty when it was not read (not an
    inline annual report), `section found` false when it was read and not found."""
    if section is None:
        return [(name, None) for name in SECTION_FIELDS]
    values = (
        section.item,
        section.found,
        section.heading,
        section.by_reference.text if section.by_reference else None,
        round(section.tagged_share, SHARE_DIGITS),
        len(section.paragraphs),
        len(section.untagged),
    )
    return list(zip(SECTION_FIELDS, values, strict=True))


def section_rows(section: Section | None) -> tuple[tuple[str, ...], ...]:
    """One row per paragraph of the section as filed, in document order."""
    paragraphs = section.paragraphs if section is not None else ()
    return tuple(
        tuple(
            _cell(value)
            for value in (
                number,
                paragraph_state(paragraph).value,
                LIST_SEPARATOR.join(paragraph.tagged_by),
                paragraph.document,
                paragraph.line,
                paragraph.text,
            )
        )
        for number, paragraph in enumerate(paragraphs, start=1)
    )


def sheets(disclosure: Disclosure, findings: tuple[Finding, ...]) -> tuple[Sheet, Sheet, Sheet, Sheet]:
    """Facts, findings, filing information and the section as filed, as plain (unguarded) text tables."""
    codes = codes_by_fact(findings)
    return (
        Sheet("Facts", FACT_COLUMNS, tuple(fact_row(f, codes.get(id(f), [])) for f in disclosure.facts)),
        Sheet("Findings", FINDING_COLUMNS, tuple(finding_row(f) for f in findings)),
        Sheet("Filing", FILING_COLUMNS, filing_rows(disclosure)),
        Sheet("Section", SECTION_COLUMNS, section_rows(disclosure.section)),
    )
