"""The words and states people read, in every form an output needs.

Spreadsheet cells, the HTML report, the GUI pane, the command-line summary and the rules' messages
each spell flags, periods and absent values in the form their readers expect ("true" in a cell,
"yes" in a sentence), but every form is written here, so no two outputs can drift apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from enum import Enum
from typing import Final

from .catalogue import OPTIONAL_CONCEPTS, Concept
from .comparison import Change, Comparison, ParagraphChange
from .disclosure import CydFact, Disclosure, FilingInfo, Incident, Period
from .filing_view import FilingView
from .findings import CODE_PREFIX, Finding, Severity
from .section import Paragraph, Reference, Section
from .section_text import first_words
from .word_diff import RunKind, WordRun

# What stands where a value is not there.
NOT_TAGGED: Final = "not tagged"
TAGGED: Final = "tagged"
NOT_TAGGED_OPTIONAL: Final = "not tagged (optional)"
NIL: Final = "nil"
EMPTY: Final = "empty"
UNREADABLE: Final = "unreadable (Arelle could not read it)"
NOT_A_BOOLEAN: Final = "not a boolean: "
ENTITY_NOT_TAGGED: Final = "(entity not tagged)"
FORM_NOT_TAGGED: Final = "form not tagged"
AMENDMENT: Final = " (amendment)"
NO_CONTEXT: Final = "(no context)"
NO_ID: Final = "no id"
UNKNOWN: Final = "?"
NONE: Final = "none"


class FlagForm(Enum):
    """How a flag's value is spelt, by where it is read: (true, false)."""

    # XBRL's own spelling: spreadsheet cells, the HTML report (as the SEC viewer), the rules' messages
    LEXICAL = ("true", "false")
    PROSE = ("yes", "no")  # within a line of text: the command-line summary
    VALUE = ("Yes", "No")  # a value standing alone: the GUI pane


def flag_word(value: bool, form: FlagForm = FlagForm.LEXICAL) -> str:
    true, false = form.value
    return true if value else false


def flag_state(value: bool | None, form: FlagForm) -> str:
    """A flag for a reader: its word, or 'not tagged' when absent (absent is not false)."""
    return NOT_TAGGED if value is None else flag_word(value, form)


def untagged_state(concept: Concept) -> str:
    """What a reader sees for an element the filing does not tag."""
    return NOT_TAGGED_OPTIONAL if concept in OPTIONAL_CONCEPTS else NOT_TAGGED


def value_note(fact: CydFact, limit: int | None = None) -> str | None:
    """Why a fact has no value to show ('nil', 'empty', 'not a boolean: …'), or None when it has
    one; `limit` shortens the text of a flag that is not a boolean."""
    if fact.is_flag:
        if isinstance(fact.value, bool):
            return None
        return NIL if fact.nil else NOT_A_BOOLEAN + fact.lexical.strip()[:limit]
    if fact.has_text:
        return None
    return NIL if fact.nil else EMPTY


def fact_id_text(fact: CydFact) -> str:
    return f"id {fact.id}" if fact.id else NO_ID


# Periods and dates.

_MONTHS: Final = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
_AVERAGE_MONTH_DAYS: Final = 30.44
_SHORTEST_MONTHS_HEADING: Final = 28  # shorter periods are headed by their end date alone


def sec_date(day: date) -> str:
    """The SEC viewer's date style: 'Dec. 31, 2024'."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def period_heading(period: Period | None, period_end: date | None) -> str:
    """A value column's heading as the SEC viewer writes it: '12 Months Ended Dec. 31, 2024'."""
    end = period_end or (period.end or period.instant if period else None)
    if end is None:
        return "Value"
    days = period.days if period else None
    if days and days >= _SHORTEST_MONTHS_HEADING:
        return f"{round(days / _AVERAGE_MONTH_DAYS)} Months Ended {sec_date(end)}"
    return sec_date(end)


def iso_cell(day: date | None) -> str:
    """A date in a spreadsheet cell: ISO, or blank when unknown."""
    return day.isoformat() if day else ""


def period_cells(period: Period | None) -> tuple[str, str]:
    """A fact's period as the spreadsheet's start and end cells (an instant is an end)."""
    if period is None:
        return "", ""
    return iso_cell(period.start), iso_cell(period.end or period.instant)


def span_text(start: date | None, end: date | None) -> str:
    """'2024-01-01 to 2024-12-31'; the end alone when the start is unknown, '?' when both are."""
    if start and end:
        return f"{start.isoformat()} to {end.isoformat()}"
    return end.isoformat() if end else UNKNOWN


def period_text(period: Period | None) -> str:
    """A fact's period in a table: '2024-01-01 to 2024-12-31', '2024-12-31', '(no context)'."""
    if period is None:
        return NO_CONTEXT
    if period.instant:
        return period.instant.isoformat()
    return span_text(period.start, period.end)


def reporting_period_text(disclosure: Disclosure) -> str:
    """The filing's period: the start of its reporting period to DocumentPeriodEndDate."""
    period = disclosure.reporting_period
    return span_text(period.start if period else None, disclosure.filing.period_end)


def period_phrase(fact: CydFact) -> str:
    """A fact's period within a sentence: 'the instant 2024-12-31', '… to … (366 days)'."""
    period = fact.period
    if period is None:
        return f"no period (its context {fact.context_id or '(none)'} is missing or broken)"
    if period.instant is not None:
        return f"the instant {period.instant.isoformat()}"
    days = period.days
    return f"{period_text(period)} ({days} days)" if days else period_text(period)


# The filing.


def entity_text(filing: FilingInfo) -> str:
    return filing.registrant_name or ENTITY_NOT_TAGGED


def form_title(filing: FilingInfo) -> str:
    """The form within a title, beside the entity."""
    return filing.document_type or FORM_NOT_TAGGED


def form_text(filing: FilingInfo) -> str:
    """The form as a field's value, marked when it is an amendment."""
    return (filing.document_type or NOT_TAGGED) + (AMENDMENT if filing.is_amendment else "")


def cik_text(filing: FilingInfo) -> str:
    return filing.cik or NOT_TAGGED


def taxonomy_years(namespaces: Iterable[str]) -> str:
    """The cyd releases used: '2024', '2024, 2025' or 'none'."""
    return ", ".join(namespace.rsplit("/", 1)[-1] for namespace in namespaces) or NONE


# Severities and findings.

SEVERITY_HEADINGS: Final = {
    Severity.ERROR: "Errors",
    Severity.WARNING: "Warnings",
    Severity.INFO: "Information",
}
_COUNTED: Final = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("info", "info"),
}
NO_FINDINGS: Final = "no findings"
NO_FINDINGS_SENTENCE: Final = "No findings: the tagged facts agree with each other and with the filing."


def describe_counts(findings: Sequence[Finding]) -> str:
    """'2 warnings, 1 info', or 'no findings'."""
    counts = {severity: sum(1 for f in findings if f.severity is severity) for severity in Severity}
    return ", ".join(f"{n} {_COUNTED[s][n != 1]}" for s, n in counts.items() if n) or NO_FINDINGS


def counted(number: int, noun: str) -> str:
    """'1 paragraph', '3 paragraphs': a count with its noun in the right number."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def short_code(code: str) -> str:
    """A finding's code without the plugin's prefix, where space is short: 'missingElement'."""
    return code.removeprefix(CODE_PREFIX)


# Incidents.

INCIDENT_WITHOUT_AXIS: Final = "tagged without the incident axis"


def incident_heading(incident: Incident) -> str:
    return f"Incident: {incident.name}"


def incident_phrase(incident: Incident) -> str:
    """An incident within a line: 'incident Payroll Phishing'."""
    return f"incident {incident.name}"


def incident_member_text(incident: Incident) -> str:
    """Which member of the incident axis an incident is: 'member syk:March112026IncidentMember'."""
    return f"member {incident.member}" if incident.member else INCIDENT_WITHOUT_AXIS


# The section as filed.


class ParagraphState(Enum):
    """What a paragraph of the section is to a reader; the name, lower-cased, is its style class."""

    TAGGED = "tagged"
    UNTAGGED = "not in any cyd text block"  # substantive text that no cyd text block covers
    MINOR = "heading or short line, not tagged"


INCORPORATED_BY_REFERENCE: Final = "Incorporated by reference"
UNTAGGED_HIGHLIGHTED: Final = "Highlighted: paragraphs that no cyd text block covers."


def paragraph_state(paragraph: Paragraph) -> ParagraphState:
    if paragraph.tagged_by:
        return ParagraphState.TAGGED
    return ParagraphState.UNTAGGED if paragraph.is_substantive else ParagraphState.MINOR


def section_title(section: Section) -> str:
    return f"Item {section.item} as filed"


def section_summary(section: Section) -> str:
    """One line: whether the section was found, and how much of it the cyd text blocks tag."""
    if not section.found:
        return f"Item {section.item}: not found in the inline document"
    if section.by_reference is not None:
        return f"Item {section.item}: incorporated by reference ({section.by_reference.source or 'see text'})"
    return (
        f"Item {section.item}: {counted(len(section.paragraphs), 'paragraph')}, {section.tagged_share:.0%} "
        f"of the text in cyd text blocks, {counted(len(section.untagged), 'substantive paragraph')} untagged"
    )


def location(place: Paragraph | Section, lines_apart: bool) -> str:
    """Where a filer finds a paragraph (or a section's heading) in its document: the page number
    the document prints, and the source line when each paragraph has a line of its own ("page
    39, line 412"); else the nearest element id ("near #f-36"); else the source line."""
    parts = [f"page {place.page}"] if place.page else []
    if lines_apart and place.line is not None:
        parts.append(f"line {place.line}")
    if not parts:
        parts.append(f"near #{place.anchor}" if place.anchor else f"line {_or_unknown(place.line)}")
    return ", ".join(parts)


def _or_unknown(value: object) -> str:
    return UNKNOWN if value is None else str(value)


def paragraph_place(paragraph: Paragraph, section: Section) -> str:
    """Where a paragraph of the section is: 'unh-10-k.htm, page 21'."""
    return f"{paragraph.document}, {location(paragraph, section.lines_apart)}"


def quoted_place(paragraph: Paragraph, section: Section) -> str:
    """A paragraph of the section within a sentence: where it is and its first words ('page 21
    “UnitedHealth Group manages cybersecurity and data protection through…”')."""
    return f"{location(paragraph, section.lines_apart)} “{first_words(paragraph.text)}”"


def where_incorporated(reference: Reference) -> str:
    """Where a section incorporated by reference says its content is, in the filing's words."""
    if reference.source is None:
        return f"“{reference.text}”"
    where = f"the filing puts it in the {reference.source}"
    if reference.place:
        where += f", under “{reference.place}”"
    if reference.exhibit and not reference.source.lower().startswith("exhibit"):
        where += f", which EDGAR carries as Exhibit {reference.exhibit}"
    return where


# Comparisons with a prior filing.

NO_BOOLEAN: Final = "neither true nor false"
DELETED_MARKS: Final = ("[-", "-]")  # a plain-text redline's deleted words, as `git diff --word-diff`
INSERTED_MARKS: Final = ("{+", "+}")


def prior_filing_text(prior: FilingView) -> str:
    """Which filing a comparison is with, by form, fiscal year, period and source: 'the 10-K for
    fiscal year 2024, period ending 2024-12-31 (prior.htm)'."""
    return f"the {prior_filing_name(prior)} ({prior.source})"


def prior_filing_name(prior: FilingView) -> str:
    """A filing by form, fiscal year and period: '10-K for fiscal year 2024, period ending
    2024-12-31' (the fiscal year left out when the filing does not tag it)."""
    end = prior.period_end.isoformat() if prior.period_end else UNKNOWN
    year = f" for fiscal year {prior.fiscal_year}," if prior.fiscal_year is not None else " for the"
    return f"{prior.document_type or FORM_NOT_TAGGED}{year} period ending {end}"


def changes_title(prior: FilingView) -> str:
    """The heading of what changed: 'Changes since the 10-K for fiscal year 2024, period ending
    2024-12-31'."""
    return f"Changes since the {prior_filing_name(prior)}"


CHANGE_WORDS: Final = {
    Change.SAME: "the same",
    Change.ADDED: "added",
    Change.DROPPED: "dropped",
    Change.FLAG_CHANGED: "changed",
    Change.TEXT_EDITED: "edited",
}


def similarity_text(similarity: float | None) -> str:
    """'similarity 0.92' (two decimals; an edit never reads 1.00); empty without one."""
    if similarity is None:
        return ""
    return f"similarity {similarity if similarity == 1 else min(similarity, 0.99):.2f}"


def changes_summary(comparison: Comparison) -> str:
    """One line: how many elements changed in which way, and the section's paragraphs."""
    changes = Counter(element.change for element in comparison.elements)
    parts = [
        f"{counted(changes[Change.DROPPED], 'element')} dropped",
        f"{changes[Change.ADDED]} added",
        f"{counted(changes[Change.FLAG_CHANGED], 'flag')} changed",
        f"{counted(changes[Change.TEXT_EDITED], 'text block')} edited",
        f"{changes[Change.SAME]} the same",
    ]
    summary = ", ".join(parts)
    if comparison.section_compared:
        paragraphs = Counter(paragraph.change for paragraph in comparison.paragraphs)
        summary += "; the section as filed: " + ", ".join(
            f"{counted(paragraphs[change], 'paragraph') if index == 0 else paragraphs[change]} {change.value}"
            for index, change in enumerate(ParagraphChange)
        )
    return summary


def other_registrant_text(comparison: Comparison) -> str | None:
    """A warning when the two filings are not one registrant's; None when they are."""
    if comparison.same_registrant:
        return None
    prior, current = comparison.prior.cik or NONE, comparison.current.cik or NONE
    return f"The prior filing names CIK {prior} and this one CIK {current}: not one registrant's filings."


def compared_flag_text(tagged: bool, value: bool | None) -> str:
    """A flag's value on one side of a comparison: 'true', 'false', 'not tagged', or 'neither true
    nor false' (nil, or not a boolean)."""
    if not tagged:
        return NOT_TAGGED
    return NO_BOOLEAN if value is None else flag_word(value)


def redline_text(runs: Sequence[WordRun]) -> str:
    """A word diff as plain text: 'We [-maintain-] {+keep+} a program.'"""
    marks = {RunKind.DELETED: DELETED_MARKS, RunKind.INSERTED: INSERTED_MARKS}
    pieces = []
    for number, run in enumerate(runs):
        opening, closing = marks.get(run.kind, ("", ""))
        pieces.append(f"{' ' if run.spaced and number else ''}{opening}{run.text}{closing}")
    return "".join(pieces)
