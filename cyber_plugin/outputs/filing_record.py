"""The record of one filing, which every table is made from.

The `--cyber-export` JSON object with the input file (`source`), its SHA-256 (`sha256`), its
tagging `status` and its EDGAR identity (`accessionNumber`, `filed`, `eightKItems`); a filing that
could not be read is a record with `error` instead.

cyber-extract writes one record per filing; the CSV export and the Excel workbook of one filing
are made from the record `export_record` builds, so that a filing reads the same in both. A
record (or an export document) is read back as the filing's view for comparisons
(`view_of_document`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

from ..core.accession import accession_from_path
from ..core.catalogue import INCIDENT_AXIS
from ..core.disclosure import Disclosure
from ..core.filing_view import FilingView, ViewFact, filing_view
from ..core.findings import Finding
from ..core.settings import INCIDENT_ITEM
from ..core.status import Status, filing_status
from .json_format import FORMAT_NAME, FORMAT_VERSION, disclosure_document
from .table_model import Record, iso_date, nested

ACCESSION_KEY: Final = "accessionNumber"
FILED_KEY: Final = "filed"
ITEMS_KEY: Final = "eightKItems"
# The EDGAR-extracted instance left unread beside an inline document (cyber-extract's inputs).
SKIPPED_TWIN_KEY: Final = "skippedTwin"


def filing_record(document: Mapping[str, Any], source: str, sha256: str | None, status: Status) -> Record:
    """The export object with `source` replaced by the input file, and `sha256` and the filing's
    `status` added after it."""
    return inserted_after(
        {**document, "source": source}, "source", {"sha256": sha256, "status": status.value}
    )


def with_identity(
    record: Record, accession_number: str | None, filed: date | None, eight_k_items: Sequence[str]
) -> Record:
    """The record with the filing's accession number, filing date and 8-K items after `sha256`."""
    fields = {
        ACCESSION_KEY: accession_number,
        FILED_KEY: filed.isoformat() if filed else None,
        ITEMS_KEY: [*eight_k_items],
    }
    return inserted_after(record, "sha256", fields)


def with_skipped_twin(record: Record, twin: str) -> Record:
    """The record of an inline document with `skippedTwin` after `sha256`: the instance EDGAR
    extracted from it, left unread."""
    return inserted_after(record, "sha256", {SKIPPED_TWIN_KEY: twin})


def inserted_after(record: Mapping[str, Any], after: str, fields: Mapping[str, Any]) -> Record:
    items = list(record.items())
    position = [name for name, _ in items].index(after) + 1
    return dict([*items[:position], *fields.items(), *items[position:]])


def failure_record(source: str, sha256: str | None, reason: str) -> Record:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "source": source,
        "sha256": sha256,
        "error": " ".join(reason.split()),  # one line, whatever the cause printed
    }


def export_record(disclosure: Disclosure, findings: tuple[Finding, ...]) -> Record:
    """The record of a filing as one export knows it: its source as Arelle loaded it, no SHA-256
    (an export does not hash its input), the status without an 8-K item list (a run's
    --cyber-8k-items reach the findings, not the export), and the accession number the source's
    path names, as cyber-extract reads it from a plain file's path."""
    document = disclosure_document(disclosure, findings)
    record = filing_record(document, disclosure.source, None, filing_status(disclosure))
    return with_identity(record, accession_from_path(disclosure.source), None, ())


def view_of_document(document: Mapping[str, Any], with_section: bool = True) -> FilingView:
    """What a record, or a `--cyber-export` JSON document, says, as comparisons read it (equal to
    the view of the Disclosure it was written from, `comparison.view_of_disclosure`). A failure
    record gives a view with no form and nothing tagged. `with_section=False` leaves the section's
    paragraphs out (as if it was not found), for comparisons of the tagged elements alone."""
    section = document.get("section")
    paragraphs = None
    if with_section and isinstance(section, Mapping) and section.get("found"):
        paragraphs = (p["text"] for p in section["paragraphs"])
    return filing_view(
        source=str(document.get("source", "")),
        document_type=document.get("documentType"),
        amendment=document.get("amendment"),
        cik=nested(document, "entity", "cik"),
        fiscal_year=document.get("fiscalYearFocus"),
        period_end=iso_date(nested(document, "period", "end")),
        facts=(
            ViewFact(fact["concept"], fact.get("value"), _incident_member(fact))
            for fact in document.get("facts") or ()
        ),
        paragraphs=paragraphs,
        filed=iso_date(document.get(FILED_KEY)),
        accession=document.get(ACCESSION_KEY),
        lists_incident_item=INCIDENT_ITEM in (document.get(ITEMS_KEY) or ()),
        entity_name=nested(document, "entity", "name"),
    )


def _incident_member(fact: Mapping[str, Any]) -> str | None:
    """The fact's member of the cyd incident axis (its dimensions map prefixed names to members)."""
    for dimension, member in (fact.get("dimensions") or {}).items():
        if str(dimension).rpartition(":")[2] == INCIDENT_AXIS:
            return str(member)
    return None
