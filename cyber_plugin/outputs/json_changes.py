"""The JSON export's `changes` object: what changed since the prior filing the run compared the filing
with (core/comparison.py), or null without one.

- `prior`: which filing that was (source, form, CIK, entity, fiscal year, period end, and the filing
  date and accession number where a dataset record has them); `sameRegistrant`: whether both name
  the same CIK.
- `added` and `dropped`: the elements tagged in one filing only, in presentation order.
- `elements`: every element tagged in either filing, in presentation order, with its `change`
  (`same`, `added`, `dropped`, `flag_changed`, `text_edited`): a flag with its prior value and its
  value (true, false, or null: not tagged, or neither true nor false), a text block with its
  `similarity` (0 to 1, when tagged in both) and, when edited, its word-level `diff` as runs of
  words kept, deleted and inserted.
- `incidents`: the incident text blocks member by member, when both filings tag them on members
  of the incident axis (an 8-K/A against its 8-K); [] otherwise.
- `section`: the section as filed, when both filings' sections were found: how many paragraphs were
  kept, added and removed, and each paragraph in reading order with its change and its numbers
  (from 1, as the paragraphs table numbers them) in either section; null otherwise.

The changes table's rows (`tables.CHANGES`) are read from this object: a filing's rows are its
elements whose change is not `same`. cyber-extract builds the object without the diffs for each
annual report it pairs with the previous one (`dataset/year_over_year.py`).
"""

from __future__ import annotations

from typing import Any, Final

from ..core.comparison import (
    Change,
    Comparison,
    FlagComparison,
    ParagraphChange,
    TextComparison,
)
from ..core.filing_view import FilingView
from ..core.word_diff import WordRun

CHANGES_KEY: Final = "changes"
FLAG_KIND: Final = "flag"
TEXT_KIND: Final = "text"


def prior_document(prior: FilingView) -> dict[str, Any]:
    return {
        "source": prior.source,
        "documentType": prior.document_type,
        "amendment": prior.amendment,
        "cik": prior.cik,
        "entityName": prior.entity_name,
        "fiscalYear": prior.fiscal_year,
        "periodEnd": prior.period_end.isoformat() if prior.period_end else None,
        "filed": prior.filed.isoformat() if prior.filed else None,
        "accessionNumber": prior.accession,
    }


def runs_document(runs: tuple[WordRun, ...]) -> list[dict[str, Any]]:
    return [{"kind": run.kind.value, "text": run.text, "spaced": run.spaced} for run in runs]


def text_document(text: TextComparison, diffs: bool) -> dict[str, Any]:
    edited = text.change is Change.TEXT_EDITED
    return {
        "change": text.change.value,
        "similarity": text.similarity,
        "diff": runs_document(text.diff) if edited and diffs else None,
    }


def element_document(element: FlagComparison | TextComparison, diffs: bool) -> dict[str, Any]:
    if isinstance(element, FlagComparison):
        return {
            "concept": element.concept,
            "kind": FLAG_KIND,
            "change": element.change.value,
            "priorValue": element.prior,
            "value": element.value,
        }
    return {"concept": element.concept, "kind": TEXT_KIND, **text_document(element, diffs)}


def section_changes_document(comparison: Comparison) -> dict[str, Any] | None:
    if not comparison.section_compared:
        return None
    paragraphs = comparison.paragraphs
    counts = {change.value: sum(p.change is change for p in paragraphs) for change in ParagraphChange}
    return {
        **counts,
        "paragraphs": [
            {
                "change": paragraph.change.value,
                "text": paragraph.text,
                "priorParagraph": None if paragraph.prior_index is None else paragraph.prior_index + 1,
                "paragraph": None if paragraph.index is None else paragraph.index + 1,
            }
            for paragraph in paragraphs
        ],
    }


def changes_document(comparison: Comparison | None, diffs: bool = True) -> dict[str, Any] | None:
    """The `changes` object of a comparison (None without one); `diffs=False` leaves the word diffs
    out (null), as the dataset's changes table needs none."""
    if comparison is None:
        return None
    return {
        "prior": prior_document(comparison.prior),
        "sameRegistrant": comparison.same_registrant,
        "added": list(comparison.added),
        "dropped": list(comparison.dropped),
        "elements": [element_document(element, diffs) for element in comparison.elements],
        "incidents": [
            {"member": text.incident_member, "concept": text.concept, **text_document(text, diffs)}
            for text in comparison.incidents
        ],
        "section": section_changes_document(comparison),
    }
