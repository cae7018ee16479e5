"""Item 1.05 incident reports (8-K, 6-K)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.catalogue import (
    INCIDENT_ASPECTS,
    INCIDENT_INFORMATION_NOT_AVAILABLE,
    INTERIM_FORMS,
    FormFamily,
)
from ..core.disclosure import Disclosure
from ..core.findings import Finding, Severity, report
from ..core.settings import RuleSettings
from .rule import rule, texts_of


@rule(Severity.WARNING)
def incidentIncomplete(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """An 8-K (or 6-K) with incident facts lacks the nature, scope, timing or impact text block,
    and has no information-not-available text block."""
    filing = disclosure.filing
    if filing.is_annual_report or filing.base_form in INTERIM_FORMS:
        return
    incident_facts = [f for f in disclosure.facts if f.concept.family is FormFamily.INCIDENT]
    if not incident_facts or texts_of(disclosure, INCIDENT_INFORMATION_NOT_AVAILABLE.local_name):
        return
    missing = [c for c in INCIDENT_ASPECTS if not texts_of(disclosure, c.local_name)]
    if missing:
        yield report(
            "The Item 1.05 disclosure does not tag %(missing)s. Tag each aspect, or state in "
            "%(notAvailable)s what is not yet determined.",
            facts=incident_facts,
            concepts=[c.local_name for c in missing],
            missing="; ".join(c.label for c in missing),
            notAvailable=INCIDENT_INFORMATION_NOT_AVAILABLE.label,
        )


@rule(Severity.WARNING)
def incidentNotTagged(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """--cyber-8k-items lists Item 1.05 but the filing has no cyd fact (as EFM 6.5.77, which
    stand-alone Arelle cannot run because the item list lives outside the XBRL)."""
    if settings.reports_incident_item and not disclosure.facts:
        yield report(
            "The submission reports Item 1.05 (items %(items)s) but tags no cybersecurity (cyd) fact. "
            "Tag the incident's nature, scope, timing and impact with the cyd taxonomy.",
            items=", ".join(settings.eight_k_items),
        )
