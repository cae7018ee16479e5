"""8-K item numbers from the item descriptions an EDGAR submission header lists.

The header of an 8-K's full submission names its items by description, not number
(`ITEM INFORMATION: Material Cybersecurity Incidents` is Item 1.05). The descriptions come from
the SEC's fixed list (Form 8-K, General Instructions B), though their wording drifts a little over
the years (singular and plural, "the"), so they are compared in a normal form and, failing that,
by close likeness. A description that names its number (`<ITEMS>1.05`, `Item 1.05`) is read as is.
"""

from __future__ import annotations

import difflib
import re
from typing import Final

ITEM_TITLES: Final[dict[str, str]] = {
    "1.01": "Entry into a Material Definitive Agreement",
    "1.02": "Termination of a Material Definitive Agreement",
    "1.03": "Bankruptcy or Receivership",
    "1.04": "Mine Safety - Reporting of Shutdowns and Patterns of Violations",
    "1.05": "Material Cybersecurity Incidents",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet "
    "Arrangement of a Registrant",
    "2.04": "Triggering Events That Accelerate or Increase a Direct Financial Obligation or an "
    "Obligation under an Off-Balance Sheet Arrangement",
    "2.05": "Costs Associated with Exit or Disposal Activities",
    "2.06": "Material Impairments",
    "3.01": "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; "
    "Transfer of Listing",
    "3.02": "Unregistered Sales of Equity Securities",
    "3.03": "Material Modification to Rights of Security Holders",
    "4.01": "Changes in Registrant's Certifying Accountant",
    "4.02": "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or "
    "Completed Interim Review",
    "5.01": "Changes in Control of Registrant",
    "5.02": "Departure of Directors or Certain Officers; Election of Directors; Appointment of "
    "Certain Officers; Compensatory Arrangements of Certain Officers",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "5.04": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "5.05": "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "5.06": "Change in Shell Company Status",
    "5.07": "Submission of Matters to a Vote of Security Holders",
    "5.08": "Shareholder Director Nominations",
    "6.01": "ABS Informational and Computational Material",
    "6.02": "Change of Servicer or Trustee",
    "6.03": "Change in Credit Enhancement or Other External Support",
    "6.04": "Failure to Make a Required Distribution",
    "6.05": "Securities Act Updating Disclosure",
    "6.06": "Static Pool",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}
# Older wordings EDGAR still shows on some filings, too far from today's to be found by likeness.
_ALIASES: Final[dict[str, str]] = {
    "Shareholder Nominations Pursuant to Exchange Act Rule 14a-11": "5.08",
}
_LIKENESS_FLOOR: Final = 0.9
_NUMBER: Final = re.compile(r"^(?:<ITEMS>|item\s+)?(\d{1,2}\.\d{2})\b", re.IGNORECASE)
_STOP_WORDS: Final = frozenset({"a", "an", "the"})


def _normal(description: str) -> str:
    """Lower case, punctuation and articles dropped, words in the singular (a plain trailing s)."""
    words = re.sub(r"[^0-9a-z]+", " ", description.casefold().replace("'s", "")).split()
    return " ".join(word.removesuffix("s") for word in words if word not in _STOP_WORDS)


_BY_NORMAL: Final[dict[str, str]] = {_normal(title): number for number, title in ITEM_TITLES.items()} | {
    _normal(wording): number for wording, number in _ALIASES.items()
}


def item_number(description: str) -> str | None:
    """The 8-K item number ('1.05') an EDGAR header's item description stands for, or None."""
    description = " ".join(description.split())
    named = _NUMBER.match(description)
    if named:
        return named.group(1)
    normal = _normal(description)
    if not normal:
        return None
    if normal in _BY_NORMAL:
        return _BY_NORMAL[normal]
    closest = difflib.get_close_matches(normal, _BY_NORMAL, n=1, cutoff=_LIKENESS_FLOOR)
    return _BY_NORMAL[closest[0]] if closest else None
