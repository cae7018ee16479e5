"""The `filings` table, one row per filing, and the columns every table starts with (which filing a
row belongs to). The flag and text-block columns take their names from the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from ..core.catalogue import ANNUAL_FLAGS, CONCEPTS, Concept, FormFamily
from ..core.filing_view import cik_key, fiscal_year_of
from ..core.findings import Severity
from ..core.section_text import is_substantive
from ..core.status import Status
from .filing_record import ACCESSION_KEY, FILED_KEY, ITEMS_KEY, SKIPPED_TWIN_KEY
from .json_changes import CHANGES_KEY
from .table_model import (
    Column,
    ColumnReading,
    ColumnType,
    Item,
    Record,
    Table,
    iso_date,
    nested,
    of_record,
)
from .tabular import listed

_S, _B, _I, _F, _D, _L = (
    ColumnType.STRING,
    ColumnType.BOOLEAN,
    ColumnType.INTEGER,
    ColumnType.FLOAT,
    ColumnType.DATE,
    ColumnType.LIST,
)


def finding_codes(findings: Iterable[Item]) -> list[str]:
    """The distinct codes of findings, in finding order."""
    return listed(dict.fromkeys(finding["code"] for finding in findings))


def is_substantive_paragraph(paragraph: Item) -> bool:
    """A paragraph of the section that says something (not a heading, sub-heading or short line),
    as the section reader judged it; a record written before it said so is judged by the words."""
    judged = paragraph.get("substantive")
    return judged if isinstance(judged, bool) else is_substantive(paragraph["text"])


def section_paragraphs(record: Record) -> list[Any]:
    """The paragraphs of the section as filed; none when it was not read or not found."""
    return nested(record, "section", "paragraphs") or []


# The key of every table: which filing a row belongs to.
KEY_COLUMNS: Final = (
    Column("source", _S, "the input file (absolute path) the record was read from", of_record("source")),
    Column(
        "accession_number",
        _S,
        "EDGAR's accession number of the submission (0000950170-25-012345), when the input names it",
        of_record(ACCESSION_KEY),
    ),
)
CIK: Final = Column(
    "cik",
    _S,
    "dei:EntityCentralIndexKey as ten digits with leading zeros",
    lambda r, i: cik_key(nested(r, "entity", "cik")),
)
# The filing's identity, in the filings table and beside the rows of other tables.
ENTITY_NAME: Final = Column("entity_name", _S, "dei:EntityRegistrantName", of_record("entity", "name"))
FORM: Final = Column("form", _S, "dei:DocumentType (10-K, 20-F, 8-K, 10-K/A ...)", of_record("documentType"))
FISCAL_YEAR: Final = Column(
    "fiscal_year", _I, "dei:DocumentFiscalYearFocus", lambda r, i: fiscal_year_of(r.get("fiscalYearFocus"))
)
PERIOD_END: Final = Column(
    "period_end", _D, "dei:DocumentPeriodEndDate", lambda r, i: iso_date(nested(r, "period", "end"))
)
# Which filing and company a row of another table is about: the key, then the filing's identity.
FILING_IDENTITY: Final = (*KEY_COLUMNS, CIK, ENTITY_NAME, FORM, FISCAL_YEAR)
# What a dataset adds to a record when it writes its tables (`dataset/year_over_year.py`): the
# source of the report an incident report amendment amends.
AMENDS_KEY: Final = "amends"
_STATUS_VALUES: Final = ", ".join(f"`{status.value}`" for status in Status)


def _count(key: str) -> ColumnReading:
    return lambda record, item: len(record[key]) if key in record else None


def _first_incident(record: Record) -> str | None:
    """The name of the incident the filing mentions first (records list incidents in that order)."""
    incidents = record.get("incidents") or ()
    return incidents[0]["name"] if incidents else None


def _first_value(concept: Concept) -> ColumnReading:
    """The value of a concept's first fact (facts are in presentation order), as for the flags; for
    an Item 1.05 element, the first incident's, so that one row never mixes incidents."""

    def value(record: Record, item: Item) -> object:
        facts = record.get("facts", ())
        if concept.family is FormFamily.INCIDENT:
            first = _first_incident(record)
            facts = [fact for fact in facts if fact.get("incident") == first]
        return next((f["value"] for f in facts if f["concept"] == concept.local_name), None)

    return value


def _element(concept: Concept) -> str:
    """How the data dictionary names a concept: label, local name and the item it answers."""
    item = f"S-K {concept.item}" if concept.family is FormFamily.ANNUAL else concept.item
    return f"{concept.label}, `cyd:{concept.local_name}` ({item})"


def _severity_count(severity: Severity) -> ColumnReading:
    def count(record: Record, item: Item) -> int | None:
        findings = record.get("findings")
        return None if findings is None else sum(f["severity"] == severity.value for f in findings)

    return count


def _section_count(substantive_untagged: bool) -> ColumnReading:
    """How many paragraphs the section has (or how many substantive ones no cyd text block
    covers); empty when it was not read."""

    def count(record: Record, item: Item) -> int | None:
        if nested(record, "section") is None:
            return None
        paragraphs = section_paragraphs(record)
        if substantive_untagged:
            paragraphs = [p for p in paragraphs if not p["taggedBy"] and is_substantive_paragraph(p)]
        return len(paragraphs)

    return count


FILINGS: Final = Table(
    "filings",
    "one row per filing (input file); a failed filing has only its identity (`source`, `sha256`, "
    "`skipped_twin`, `accession_number`, `filed`) and `error`",
    (
        *KEY_COLUMNS,
        Column("sha256", _S, "SHA-256 of the input file's bytes (empty in an export)", of_record("sha256")),
        Column(
            "skipped_twin",
            _S,
            "the XBRL instance EDGAR extracted from this inline document (x_htm.xml beside x.htm), left "
            "unread: one filing is read once",
            of_record(SKIPPED_TWIN_KEY),
        ),
        Column(
            "filed",
            _D,
            "EDGAR's filing date, when the input names it",
            lambda r, i: iso_date(r.get(FILED_KEY)),
        ),
        CIK,
        Column(
            "ticker",
            _S,
            "dei:TradingSymbol, the first one in the filing",
            of_record("entity", "tradingSymbol"),
        ),
        ENTITY_NAME,
        FORM,
        Column("amendment", _B, "dei:AmendmentFlag (empty when not tagged)", of_record("amendment")),
        FISCAL_YEAR,
        Column(
            "fiscal_period", _S, "dei:DocumentFiscalPeriodFocus (FY, Q1 ...)", of_record("fiscalPeriodFocus")
        ),
        Column(
            "period_start",
            _D,
            "the start of the reporting period (of the context of dei:DocumentType)",
            lambda r, i: iso_date(nested(r, "period", "start")),
        ),
        PERIOD_END,
        Column(
            "prior_source",
            _S,
            "the filing this one is compared with (rows in `changes`): in a dataset, the same CIK's "
            "previous annual report in it (for an annual report: 10-K, 20-F, 10-KT ..., amendments "
            "aside); in an export, the prior filing the run compared it with; empty when none",
            of_record(CHANGES_KEY, "prior", "source"),
        ),
        Column(
            "amends",
            _S,
            "for an incident report amendment (8-K/A, 6-K/A) in a dataset: the `source` of the report it "
            "amends, the same CIK's latest earlier report of that form in the dataset (an incident's "
            "first); empty otherwise, and in an export",
            of_record(AMENDS_KEY),
        ),
        Column(
            "status",
            _S,
            f"the tagging status, one of {_STATUS_VALUES} (see the status values); empty for a failed filing",
            of_record("status"),
        ),
        Column("error", _S, "why the filing could not be read (empty when it was)", of_record("error")),
        Column(
            "eight_k_items",
            _L,
            "the 8-K items the submission reports (1.05 ...), when known",
            lambda r, i: listed(r.get(ITEMS_KEY)),
        ),
        Column(
            "cyd_namespaces",
            _L,
            "the cyd namespaces the facts use",
            lambda r, i: listed(r.get("cydNamespaces")),
        ),
        Column("cyd_facts", _I, "the number of cyd facts, duplicates included", _count("facts")),
        *(
            Column(
                concept.short_name,
                _B,
                f"{_element(concept)}: true, false, or empty when not tagged (absent is not false)",
                of_record("flags", concept.local_name),
            )
            for concept in ANNUAL_FLAGS
        ),
        Column(
            "incidents",
            _I,
            "the number of incidents the filing reports (members of the incident axis; incident facts "
            "without the axis make one); empty when it reports none",
            lambda r, i: len(r["incidents"]) if r.get("incidents") else None,
        ),
        Column(
            "incident",
            _S,
            "the incident the `incident_*` text columns are about: the one the filing mentions first "
            "(the member's label, else its local name); the others' texts are in `facts`",
            lambda r, i: _first_incident(r),
        ),
        *(
            Column(
                concept.short_name,
                _S,
                f"{_element(concept)}: the plain text of "
                + (
                    "the first incident's first fact"
                    if concept.family is FormFamily.INCIDENT
                    else "its first fact"
                )
                + ", one line per paragraph; empty when not tagged",
                _first_value(concept),
            )
            for concept in CONCEPTS
            if not concept.is_flag
        ),
        Column(
            "section_item",
            _S,
            "the item of the section as filed that was looked for (1C, 16K, 1.05); empty when none was "
            "read (not an inline 10-K, 20-F or 8-K)",
            of_record("section", "item"),
        ),
        Column(
            "section_found",
            _B,
            "whether the section was found in the document (empty when none was read)",
            of_record("section", "found"),
        ),
        Column("section_heading", _S, "the section's heading, as filed", of_record("section", "heading")),
        Column(
            "section_by_reference",
            _S,
            "the section's words when it only incorporates its content by reference from elsewhere",
            of_record("section", "byReference"),
        ),
        Column(
            "section_tagged_share",
            _F,
            "the share (0 to 1) of the section's text that cyd text blocks tag",
            of_record("section", "taggedShare"),
        ),
        Column(
            "section_paragraphs",
            _I,
            "the number of the section's paragraphs (rows in `paragraphs`)",
            _section_count(substantive_untagged=False),
        ),
        Column(
            "section_untagged_paragraphs",
            _I,
            "the number of the section's substantive paragraphs that no cyd text block covers",
            _section_count(substantive_untagged=True),
        ),
        Column("section_text", _S, "the section's plain text, tagged or not", of_record("section", "text")),
        *(
            Column(
                f"findings_{severity.value}",
                _I,
                f"the number of {severity.value} findings",
                _severity_count(severity),
            )
            for severity in Severity
        ),
        Column(
            "finding_codes",
            _L,
            "the distinct finding codes, in finding order",
            lambda r, i: finding_codes(r.get("findings", ())),
        ),
    ),
    lambda record: (record,),
)
