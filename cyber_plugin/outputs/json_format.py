"""The JSON contract: one object per filing, shared by --cyber-export and the batch command."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from ..core.catalogue import INCIDENT_AXIS
from ..core.disclosure import CydFact, Disclosure, Incident
from ..core.filing_view import FilingView, ViewFact, filing_view
from ..core.findings import Finding
from ..core.section import Section
from ..core.settings import INCIDENT_ITEM

FORMAT_NAME: Final = "cyber-disclosure"
FORMAT_VERSION: Final = 1
SHARE_DIGITS: Final = 4  # a tagged share's decimals
# Keys only cyber-extract's dataset records have (in the JSON Schema too).
ACCESSION_NUMBER: Final = "accessionNumber"
FILED: Final = "filed"
EIGHT_K_ITEMS: Final = "eightKItems"


def fact_document(fact: CydFact) -> dict[str, Any]:
    concept = fact.concept
    return {
        "concept": concept.local_name,
        "namespace": fact.namespace,
        "label": concept.label,
        "section": concept.topic.value,
        "kind": concept.kind.value,
        "known": concept.known,
        "value": fact.value,
        "html": fact.html,
        "contextRef": fact.context_id,
        "period": fact.period.as_dict() if fact.period else None,
        "entity": fact.entity,
        "dimensions": dict(fact.dimensions),
        "id": fact.id,
        "document": fact.document,
        "line": fact.line,
        "hidden": fact.hidden,
        "nil": fact.nil,
        "language": fact.language,
        "incident": fact.incident,
    }


def incident_document(incident: Incident) -> dict[str, Any]:
    return {
        "name": incident.name,
        "member": incident.member,
        "concepts": list(dict.fromkeys(fact.local_name for fact in incident.facts)),
        "factIds": [fact.id for fact in incident.facts if fact.id],
    }


def section_document(section: Section | None) -> dict[str, Any] | None:
    """Item 1C / 16K / 1.05 as filed; None when the filing is not an inline 10-K, 20-F or 8-K."""
    if section is None:
        return None
    return {
        "item": section.item,
        "found": section.found,
        "heading": section.heading,
        "page": section.page,
        "anchor": section.anchor,
        "byReference": section.by_reference.text if section.by_reference else None,
        "text": section.text,
        "taggedShare": round(section.tagged_share, SHARE_DIGITS),
        "paragraphs": [
            {
                "text": p.text,
                "document": p.document,
                "line": p.line,
                "page": p.page,
                "anchor": p.anchor,
                "substantive": p.is_substantive,
                "taggedBy": list(p.tagged_by),
            }
            for p in section.paragraphs
        ],
    }


def disclosure_document(disclosure: Disclosure, findings: tuple[Finding, ...]) -> dict[str, Any]:
    filing = disclosure.filing
    period = filing.period
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "source": disclosure.source,
        "documentType": filing.document_type,
        "amendment": filing.amendment,
        "entity": {"name": filing.registrant_name, "cik": filing.cik, "tradingSymbol": filing.trading_symbol},
        "period": {
            "start": period.start.isoformat() if period and period.start else None,
            "end": filing.period_end.isoformat() if filing.period_end else None,
        },
        "fiscalYearFocus": filing.fiscal_year_focus,
        "fiscalPeriodFocus": filing.fiscal_period_focus,
        "cydNamespaces": list(disclosure.cyd_namespaces),
        "facts": [fact_document(fact) for fact in disclosure.facts],
        "incidents": [incident_document(incident) for incident in disclosure.incidents],
        "flags": disclosure.flags,
        "section": section_document(disclosure.section),
        "findings": [finding.as_dict() for finding in findings],
    }


def render(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    document = disclosure_document(disclosure, findings)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def view_of_document(document: Mapping[str, Any]) -> FilingView:
    """What a JSON export document or a dataset record says, as comparisons read it (equal to the
    view of the Disclosure it was written from; `comparison.view_of_disclosure`). A failure record
    gives a view with no form and nothing tagged."""
    entity = document.get("entity") or {}
    section = document.get("section")
    found = isinstance(section, Mapping) and section.get("found")
    return filing_view(
        source=str(document.get("source", "")),
        document_type=document.get("documentType"),
        amendment=document.get("amendment"),
        cik=entity.get("cik"),
        fiscal_year=document.get("fiscalYearFocus"),
        period_end=_date((document.get("period") or {}).get("end")),
        facts=(
            ViewFact(fact["concept"], fact.get("value"), _incident_member(fact))
            for fact in document.get("facts") or ()
        ),
        paragraphs=(p["text"] for p in section["paragraphs"]) if found else None,
        filed=_date(document.get(FILED)),
        accession=document.get(ACCESSION_NUMBER),
        lists_incident_item=INCIDENT_ITEM in (document.get(EIGHT_K_ITEMS) or ()),
    )


def _incident_member(fact: Mapping[str, Any]) -> str | None:
    """The fact's member of the cyd incident axis (its dimensions map prefixed names to members)."""
    for dimension, member in (fact.get("dimensions") or {}).items():
        if str(dimension).rpartition(":")[2] == INCIDENT_AXIS:
            return str(member)
    return None


def _date(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None
