"""Item 1.05 incident reports (8-K, 6-K)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.catalogue import INCIDENT_ASPECTS, INCIDENT_INFORMATION_NOT_AVAILABLE, INTERIM_FORMS
from ..core.disclosure import Disclosure
from ..core.findings import Finding, Severity, report
from ..core.settings import RuleSettings
from .rule import rule


@rule(Severity.WARNING)
def incidentIncomplete(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """An 8-K (or 6-K) lacks, for one of its incidents (one member of the incident axis; without
    the axis, all its incident facts), the nature, scope, timing or impact text block, and has no
    information-not-available text block for it. An amendment (8-K/A) gives only what was not
    determined when the incident was first reported (Item 1.05 Instruction 2), so it is reported
    only when it tags no text at all for an incident."""
    filing = disclosure.filing
    if filing.is_annual_report or filing.base_form in INTERIM_FORMS:
        return
    for incident in disclosure.incidents:
        if incident.texts_of(INCIDENT_INFORMATION_NOT_AVAILABLE.local_name):
            continue
        missing = [c for c in INCIDENT_ASPECTS if not incident.texts_of(c.local_name)]
        named = f" of incident {incident.name}" if incident.member else ""
        if filing.is_amendment and len(missing) == len(INCIDENT_ASPECTS):
            yield report(
                "This amendment tags no text%(incident)s. An Item 1.05 amendment gives the information "
                "that was not determined when the incident was first reported: tag it in the aspect "
                "(nature, scope, timing or impact) it concerns, or in %(notAvailable)s.",
                facts=incident.facts,
                incident=named,
                notAvailable=INCIDENT_INFORMATION_NOT_AVAILABLE.label,
            )
        elif missing and not filing.is_amendment:
            yield report(
                "The Item 1.05 disclosure%(incident)s does not tag %(missing)s. Tag each aspect, or "
                "state in %(notAvailable)s what is not yet determined.",
                facts=incident.facts,
                concepts=[c.local_name for c in missing],
                incident=named,
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
