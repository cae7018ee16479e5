"""A filing's cybersecurity-tagging status: one word for whether Item 1C / 16K (or Item 1.05) was
required, and how much of it is tagged.

It is judged on the same tests the rules use (`FilingInfo.tagging_required` as
CYBER.missingDisclosure, `Disclosure.untagged_required` as CYBER.missingElement, the 8-K item list
as CYBER.incidentNotTagged).
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from typing import Final

from .catalogue import FormFamily
from .disclosure import Disclosure
from .settings import INCIDENT_ITEM


class Status(StrEnum):
    NOT_REQUIRED = "not_required"
    MISSING = "missing"
    PARTIAL = "partial"
    COMPLETE = "complete"
    INCIDENT = "incident"


STATUS_MEANINGS: Final = {
    Status.NOT_REQUIRED: "no cyd fact, and none was required: not a 10-K or 20-F, an amendment, a "
    "transition report, or a fiscal year ending before 2024-12-15 (an 8-K only when its item list "
    "does not name Item 1.05)",
    Status.MISSING: "no cyd fact although tagging is required: a 10-K or 20-F for a fiscal year ending "
    "on or after 2024-12-15 (CYBER.missingDisclosure), or a filing whose 8-K item list names Item "
    "1.05 (CYBER.incidentNotTagged)",
    Status.PARTIAL: "cyd facts, but not every one of the 15 elements of a complete Item 1C / 16K "
    "(CYBER.missingElement)",
    Status.COMPLETE: "all 15 elements of a complete Item 1C / 16K are tagged (the materially-affected "
    "text block is needed only when its flag is true)",
    Status.INCIDENT: "an incident report (not a 10-K or 20-F) that tags Item 1.05 incident facts",
}


def filing_status(disclosure: Disclosure, eight_k_items: Collection[str] = ()) -> Status:
    """The status of a filing whose submission reports `eight_k_items` (empty when unknown)."""
    filing = disclosure.filing
    if not disclosure.facts:
        required = filing.tagging_required or INCIDENT_ITEM in eight_k_items
        return Status.MISSING if required else Status.NOT_REQUIRED
    if not filing.is_annual_report and any(f.concept.family is FormFamily.INCIDENT for f in disclosure.facts):
        return Status.INCIDENT
    return Status.PARTIAL if disclosure.untagged_required else Status.COMPLETE
