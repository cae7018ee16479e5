"""The JSON contract: one object per filing, shared by --cyber-export and the batch command."""

from __future__ import annotations

import json
from typing import Any, Final

from ..core.comparison import comparison_with_prior
from ..core.disclosure import CydFact, Disclosure, Incident
from ..core.findings import Finding
from .json_changes import CHANGES_KEY, changes_document

FORMAT_NAME: Final = "cyber-disclosure"
FORMAT_VERSION: Final = 1
SHARE_DIGITS: Final = 4  # a tagged share's decimals
SCORE_DIGITS: Final = 4  # a suggestion's score's decimals


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


def section_document(disclosure: Disclosure) -> dict[str, Any] | None:
    """Item 1C / 16K / 1.05 as filed; None when the filing is not an inline 10-K, 20-F or 8-K.
    Each paragraph carries the suggestion model's elements for it (`suggested`)."""
    section = disclosure.section
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
                "suggested": [
                    {"concept": s.concept, "score": round(s.score, SCORE_DIGITS)}
                    for s in disclosure.suggestions_for(index)
                ],
            }
            for index, p in enumerate(section.paragraphs)
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
        "section": section_document(disclosure),
        "findings": [finding.as_dict() for finding in findings],
        CHANGES_KEY: changes_document(comparison_with_prior(disclosure)),
    }


def render(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    document = disclosure_document(disclosure, findings)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
