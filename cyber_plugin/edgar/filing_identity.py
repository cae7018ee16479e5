"""What identifies a filing on EDGAR: its accession number, filing date and 8-K items.

They come from the filing's EDGAR submission header when it is a full submission
(`<accession>.txt`); else the accession number is the one its path or URL names (`accession`), it
has no filing date, and its 8-K items are the run's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.accession import accession_from_path
from .submission import SubmissionHeader


@dataclass(frozen=True)
class FilingIdentity:
    accession_number: str | None = None  # dashed: 0001193125-26-149607
    filed: date | None = None
    eight_k_items: tuple[str, ...] = ()


def identity_of(source: str, header: SubmissionHeader | None, run_items: tuple[str, ...]) -> FilingIdentity:
    """A submission header's accession number, filing date and 8-K items (its own, even none: they
    replace the run's --8k-items for that filing); without a header, the accession number the path
    or URL names and the run's 8-K items."""
    named = accession_from_path(source)
    if header is None:
        return FilingIdentity(named, None, run_items)
    return FilingIdentity(header.accession_number or named, header.filed, header.items)
