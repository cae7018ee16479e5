"""Where an input is read from: a file, or an EDGAR archive URL read from its download in the
cache (`edgar.downloads`); its content hash; and its EDGAR submission header, when it has one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from ..core.regular_files import open_regular_file
from ..edgar.downloads import EdgarSettings, cache_path, parse_archive_url
from ..edgar.submission import SubmissionError, SubmissionHeader, is_submission, read_header

URL_SCHEMES: Final = frozenset({"http", "https"})


def is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in URL_SCHEMES


def stored_copy(source: str, edgar: EdgarSettings | None) -> Path | None:
    """The file a source is read from, where it is without a request: a path itself, or an archive
    URL's download in the cache; None for a URL that names no archive file under `edgar`'s base."""
    if not is_url(source):
        return Path(source)
    archive = parse_archive_url(source, edgar.base_url) if edgar else None
    return cache_path(archive.document_url, edgar.cache_directory) if archive and edgar else None


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a regular file; NotRegularFile (an OSError) for anything else."""
    with open_regular_file(path) as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def content_sha256(source: str, edgar: EdgarSettings | None) -> str | None:
    """The SHA-256 of what a source holds, when that is readable without a request (a URL not yet
    downloaded has none)."""
    copy = stored_copy(source, edgar)
    try:
        return file_sha256(copy) if copy else None
    except OSError:
        return None


def header_of(path: Path | None) -> SubmissionHeader | None:
    """The EDGAR submission header of a file, or None when it is not a readable submission."""
    if path is None or not is_submission(path):
        return None
    try:
        return read_header(path)
    except (SubmissionError, OSError):
        return None
