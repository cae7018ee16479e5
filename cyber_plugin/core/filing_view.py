"""What a filing says, as two filings are compared on: a small neutral view.

A view holds the filing's identity (source, CIK, entity name, form, fiscal year, period end, and
the filing date and accession number where a dataset record has them), each tagged flag's value,
each tagged text block's text (per incident member too), and the paragraphs of Item 1C / 16K as
filed. It is made from a Disclosure (`comparison.view_of_disclosure`) or from a JSON export
document or dataset record (`outputs.filing_record.view_of_document`), both through `filing_view`,
and the two give equal views of one filing. The comparison (`comparison.py`) and the pairing of a
dataset's filings (`pairing.py`) need nothing else, so a dataset is compared without Arelle and
without Disclosures.

An element is tagged when the filing has a fact of it, whatever its value (nil included). A flag's
value is its first fact's (True, False, or None when that fact is nil or not a boolean), as
`Disclosure.flags` reads it. A text block's text is the distinct texts of its facts in the
filing's order (presentation order), one per line; a nil fact's text is empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Final, NamedTuple

from .catalogue import FiledForm, FormFamily, concept_for

CIK_DIGITS: Final = 10
_LINE: Final = "\n"


def cik_key(cik: object) -> str | None:
    """A CIK as EDGAR writes it, ten digits with leading zeros; anything else as tagged, trimmed."""
    text = str(cik).strip() if cik is not None else ""
    return text.zfill(CIK_DIGITS) if text.isdigit() else text or None


def fiscal_year_of(text: object) -> int | None:
    """dei:DocumentFiscalYearFocus as a number, or None when it is not one."""
    try:
        return int(str(text).strip()) if text is not None else None
    except ValueError:
        return None


class ViewFact(NamedTuple):
    """What a view takes from one cyd fact, in the filing's (presentation) order."""

    concept: str  # cyd local name
    value: bool | str | None  # a flag's boolean, a text block's plain text; None when nil or unreadable
    incident_member: str | None  # its member of the incident axis, as a QName


@dataclass(frozen=True)
class FilingView(FiledForm):
    source: str
    cik: str | None  # ten digits
    document_type: str | None  # dei:DocumentType as tagged: 10-K, 10-K/A, 8-K ...
    amendment: bool | None  # dei:AmendmentFlag
    fiscal_year: int | None
    period_end: date | None
    filed: date | None = None  # dataset records of EDGAR submissions only
    accession: str | None = None  # dataset records only
    entity_name: str | None = None  # dei:EntityRegistrantName
    reports_incident: bool = False  # tags Item 1.05 elements, or its 8-K item list names Item 1.05
    flags: tuple[tuple[str, bool | None], ...] = ()  # each tagged flag -> its value
    texts: tuple[tuple[str, str], ...] = ()  # each tagged text block -> its text
    # (member, text block) -> its text, for the facts on a member of the incident axis
    incident_texts: tuple[tuple[str, str, str], ...] = ()
    section_found: bool = False  # Item 1C / 16K found in an inline document
    paragraphs: tuple[str, ...] = ()  # its paragraphs as filed

    @cached_property
    def flag_values(self) -> dict[str, bool | None]:
        return dict(self.flags)

    @cached_property
    def text_of(self) -> dict[str, str]:
        return dict(self.texts)

    @cached_property
    def tagged(self) -> frozenset[str]:
        """The local names of every element the filing tags."""
        return frozenset(self.flag_values) | frozenset(self.text_of)

    @cached_property
    def incident_text_of(self) -> dict[tuple[str, str], str]:
        """(member, text block) -> its text."""
        return {(member, concept): text for member, concept, text in self.incident_texts}

    @property
    def uses_incident_axis(self) -> bool:
        return bool(self.incident_texts)


def filing_view(
    source: str,
    document_type: str | None,
    amendment: bool | None,
    cik: object,
    fiscal_year: object,
    period_end: date | None,
    facts: Iterable[ViewFact],
    paragraphs: Iterable[str] | None,
    filed: date | None = None,
    accession: str | None = None,
    lists_incident_item: bool = False,
    entity_name: str | None = None,
) -> FilingView:
    """The view of a filing whose cyd facts are `facts`, in the filing's order; `paragraphs` are
    its section's as filed, or None when the section was not found (or not looked for)."""
    flags: dict[str, bool | None] = {}
    texts: dict[str, dict[str, None]] = {}  # text block -> its distinct texts, in order
    member_texts: dict[tuple[str, str], dict[str, None]] = {}
    reports_incident = lists_incident_item
    for fact in facts:
        concept = concept_for(fact.concept)
        reports_incident = reports_incident or concept.family is FormFamily.INCIDENT
        if concept.is_flag:
            value = fact.value if isinstance(fact.value, bool) else None
            flags.setdefault(fact.concept, value)
            continue
        text = fact.value if isinstance(fact.value, str) else ""
        texts.setdefault(fact.concept, {})[text] = None
        if fact.incident_member is not None:
            member_texts.setdefault((fact.incident_member, fact.concept), {})[text] = None
    return FilingView(
        source=source,
        cik=cik_key(cik),
        document_type=document_type,
        amendment=amendment,
        fiscal_year=fiscal_year_of(fiscal_year),
        period_end=period_end,
        filed=filed,
        accession=accession,
        entity_name=entity_name,
        reports_incident=reports_incident,
        flags=tuple(flags.items()),
        texts=tuple((name, _joined(distinct)) for name, distinct in texts.items()),
        incident_texts=tuple(
            (member, name, _joined(distinct)) for (member, name), distinct in member_texts.items()
        ),
        section_found=paragraphs is not None,
        paragraphs=tuple(paragraphs or ()),
    )


def _joined(texts: Iterable[str]) -> str:
    return _LINE.join(text for text in texts if text)
