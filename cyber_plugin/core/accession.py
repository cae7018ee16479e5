"""EDGAR accession numbers named by a file's path or an archive URL.

An accession number is written 0001193125-26-149607 (filer agent's CIK, year, sequence); EDGAR's
archive folders write it without dashes (`data/310764/000119312526149607/`), its files with them
(`0001193125-26-149607.txt`, `0001193125-26-149607-xbrl.zip`, `0001193125-26-149607-index.htm`).
"""

from __future__ import annotations

import re
from typing import Final

_DASHED: Final = r"(\d{10})-(\d{2})-(\d{6})"
_DIGITS: Final = r"(\d{10})(\d{2})(\d{6})"
_ACCESSION: Final = re.compile(rf"^(?:{_DASHED}|{_DIGITS})$")
# A file name that starts with a dashed accession number, or is an undashed one with one of
# EDGAR's own suffixes (a bare run of 18 digits at the start of any name is too weak a sign).
_FILE_NAME: Final = re.compile(
    rf"^(?:{_DASHED}(?:[.\-_].*)?|{_DIGITS}(?:\.txt|\.hdr\.sgml|-xbrl\.zip|-index\.html?))$", re.IGNORECASE
)
_CIK: Final = re.compile(r"^\d{1,10}$")


def dashed(accession: str) -> str | None:
    """The dashed form of an accession number written with or without dashes, else None."""
    match = _ACCESSION.match(accession.strip())
    if not match:
        return None
    parts = [part for part in match.groups() if part is not None]
    return "-".join(parts)


def accession_from_path(path: str) -> str | None:
    """The dashed accession number a path or URL names, or None.

    The file's own name is read first (`0001193125-26-149607.txt`, `…-xbrl.zip`, `….htm`,
    `000119312526149607.txt`), then the path's folders from the nearest up (the last part may be
    a folder too): a folder named with a dashed accession number, or EDGAR's `<cik>/<18 digits>/`.
    """
    path, _, query = path.partition("#")[0].partition("?")
    if query.startswith("doc="):  # EDGAR's inline viewer: …/ix?doc=/Archives/edgar/data/…
        path = query[len("doc=") :]
    parts = [part for part in re.split(r"[/\\]", path) if part]
    if not parts:
        return None
    named = _FILE_NAME.match(parts[-1])
    if named:
        return "-".join(part for part in named.groups() if part is not None)
    for index in range(len(parts) - 1, -1, -1):
        folder = parts[index]
        if re.fullmatch(_DASHED, folder):
            return folder
        if re.fullmatch(r"\d{18}", folder) and index > 0 and _CIK.match(parts[index - 1]):
            return dashed(folder)
    return None
