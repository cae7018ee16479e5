"""EDGAR archive URLs (`https://www.sec.gov/Archives/edgar/data/<cik>/<accession>/<file>`),
downloaded politely into Arelle's cache.

The SEC's fair-access policy (https://www.sec.gov/os/accessing-edgar-data) asks every automated
client to declare who it is in its user agent and to send at most 10 requests a second. So a
download needs a declared user agent, takes a slot of a rate shared by all processes
(ratelimit.py), is retried with exponential back-off when the server is busy (429, 5xx, the
server's Retry-After obeyed) or the connection drops, and lands where Arelle's web cache keeps
that URL, so a rerun, and Arelle itself, reads it from there without asking the SEC again.

Arelle's web cache retries busy answers too, but sends requests as fast as it can, retries a
dropped connection at once, and, in a controller without persistent configuration (as
cyber-extract's workers run), asks again for every cached file it uses; hence this small fetcher
for the filings themselves, and `apply_to_web_cache` for what Arelle downloads on its own (a
document's schemas and linkbases).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from filelock import FileLock, Timeout

from ..core.accession import dashed
from .leftovers import partial_download
from .ratelimit import PoliteHandler, SharedRateLimit, retry_after_seconds

if TYPE_CHECKING:
    from arelle.WebCache import WebCache

SEC_BASE_URL: Final = "https://www.sec.gov"
MAX_REQUESTS_PER_SECOND: Final = 10.0
POLICY_URL: Final = "https://www.sec.gov/os/accessing-edgar-data"
DEFAULT_MAX_MIB: Final = 1024
RETRIED_STATUSES: Final = frozenset({408, 429, 500, 502, 503, 504})
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_ARELLE_DEFAULT_CONTACT: Final = "NotRegistered@arelle.org"
# The archive's layout; a file name is letters, digits, '.', '_' and '-' (so never a path).
_ARCHIVE_PATH: Final = re.compile(
    r"^/Archives/edgar/data/(?P<cik>\d{1,10})/"
    r"(?:(?P<folder>\d{18})(?:/(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)?)?|(?P<flat>\d{10}-\d{2}-\d{6})\.txt)$"
)
_BLOCK_BYTES: Final = 1 << 16
_MIB: Final = 1 << 20
_DOWNLOAD_LOCK_SECONDS: Final = 900.0
_DEFAULT_PORTS: Final = {"http": 80, "https": 443}


class FetchError(Exception):
    """A download that failed or was refused; the message says why and what to do."""


class UserAgentError(FetchError):
    """No declared user agent: the SEC's policy asks for one."""


@dataclass(frozen=True)
class EdgarSettings:
    user_agent: str
    cache_directory: str  # Arelle's cache directory (its --cacheDirectory)
    base_url: str = SEC_BASE_URL  # another origin with EDGAR's path layout (a test server, a mirror)
    requests_per_second: float = MAX_REQUESTS_PER_SECOND
    timeout_seconds: float = 60.0
    attempts: int = 5
    backoff_seconds: float = 1.0  # the first retry's wait, doubled for each further one
    longest_wait_seconds: float = 120.0  # a longer Retry-After fails the download instead
    max_bytes: int = DEFAULT_MAX_MIB * (1 << 20)  # the most one download may hold, decoded


@dataclass(frozen=True)
class ArchiveUrl:
    """A URL of EDGAR's archive: a filing's folder, a file in it, or its full submission."""

    base_url: str
    cik: str
    accession: str  # dashed
    path: str  # from /Archives/ on

    @property
    def document_url(self) -> str:
        """What to download: the file, or for a folder its full submission `<accession>.txt`."""
        return self.base_url + (self.path + f"{self.accession}.txt" if self.path.endswith("/") else self.path)


def check_user_agent(user_agent: str | None) -> str:
    """The user agent, if it declares a contact e-mail address as the SEC asks; else UserAgentError."""
    declared = (user_agent or "").strip()
    if not _EMAIL.search(declared) or _ARELLE_DEFAULT_CONTACT.casefold() in declared.casefold():
        raise UserAgentError(
            "EDGAR asks every automated client to declare who it is, with a contact e-mail address "
            f'({POLICY_URL}): give --user-agent "Your Name or Company you@example.com"'
        )
    return declared


def parse_archive_url(url: str, base_url: str = SEC_BASE_URL) -> ArchiveUrl | None:
    """The archive URL `url` names under `base_url`, or None (also for the inline viewer's
    `…/ix?doc=/Archives/…` links, which name the document they show)."""
    parts, base = urlsplit(url.strip()), urlsplit(base_url)
    path = parts.path
    if parts.path.endswith("/ix") and parts.query.startswith("doc=/Archives/"):
        path, query = parts.query[len("doc=") :], ""
    else:
        query = parts.query
    same_origin = (parts.scheme, parts.netloc.lower()) == (base.scheme, base.netloc.lower())
    match = _ARCHIVE_PATH.match(path) if same_origin and not query and not parts.fragment else None
    if not match:
        return None
    accession = dashed(match["folder"] or match["flat"])
    assert accession is not None  # the pattern admits accession numbers only
    if match["folder"] and not match["name"]:
        path = path.rstrip("/") + "/"
    return ArchiveUrl(f"{base.scheme}://{base.netloc}", match["cik"], accession, path)


def cache_path(url: str, cache_directory: str | Path) -> Path:
    """Where Arelle's web cache keeps a URL (scheme, host, ^port, then the path's parts); the same
    as WebCache.urlToCacheFilepath for the archive's URLs, whose parts need no escaping."""
    parts = urlsplit(url)
    host, _, port = parts.netloc.partition(":")
    return Path(
        cache_directory, parts.scheme, host, *([f"^port{port}"] if port else []), *parts.path[1:].split("/")
    )


class SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only within the origin (scheme, host and port) of the URL asked for: an
    answer from elsewhere would be cached as the archive's file."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if _origin(newurl) != _origin(req.full_url):
            fp.close()
            raise FetchError(
                f"{req.full_url} redirects to another origin ({newurl}); not followed: only EDGAR's own "
                "answer is stored as its file"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or _DEFAULT_PORTS.get(scheme)


class Fetcher:
    """Downloads archive URLs into Arelle's cache; one per process."""

    def __init__(self, settings: EdgarSettings) -> None:
        self._settings = settings
        user_agent = check_user_agent(settings.user_agent)
        self._limit = SharedRateLimit(settings.cache_directory, settings.requests_per_second)
        self._opener = urllib.request.build_opener(
            PoliteHandler(self._limit, user_agent, settings.longest_wait_seconds), SameOriginRedirects
        )
        self._opener.addheaders = [("Accept-Encoding", "gzip")]

    def fetch(self, url: str) -> Path:
        """The cached file for an archive URL, downloaded first if it is not cached yet."""
        archive = parse_archive_url(url, self._settings.base_url)
        if archive is None:
            raise FetchError(
                f"{url!r} is not an EDGAR archive URL "
                f"({self._settings.base_url}/Archives/edgar/data/CIK/ACCESSION/FILE)"
            )
        target = cache_path(archive.document_url, self._settings.cache_directory)
        if target.is_file():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with _download_lock(target):
                if not target.is_file():  # unless another process has just downloaded it
                    self._download(archive.document_url, target)
        except Timeout:
            raise FetchError(f"another process is still downloading {archive.document_url}") from None
        return target

    def _download(self, url: str, target: Path) -> None:
        settings = self._settings
        for attempt in range(1, settings.attempts + 1):
            try:
                return self._save(url, target)
            except HTTPError as error:
                if error.code not in RETRIED_STATUSES:
                    raise FetchError(_refusal(url, error)) from None
                wait = retry_after_seconds(error.headers)
                if wait is not None and wait > settings.longest_wait_seconds:
                    raise FetchError(f"EDGAR asks to wait {wait:g} s before asking again for {url}") from None
                reason = f"HTTP {error.code} {error.reason}"
            except (URLError, http.client.HTTPException, OSError) as error:  # dropped, cut short, timed out
                wait, reason = None, _connection_failure(error)
            if attempt == settings.attempts:
                raise FetchError(f"could not download {url}: {reason} ({attempt} attempts)")
            self._limit.pause(wait if wait is not None else settings.backoff_seconds * 2 ** (attempt - 1))

    def _save(self, url: str, target: Path) -> None:
        """One request, its body written to a partial file (see leftovers) and renamed onto the
        target once complete."""
        with self._opener.open(url, timeout=self._settings.timeout_seconds) as response:
            descriptor, partial = partial_download(self._settings.cache_directory)
            try:
                with open(descriptor, "wb") as output:
                    self._write_body(url, response, output)
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)

    def _write_body(self, url: str, response: Any, output: BinaryIO) -> None:
        size, limit = 0, self._settings.max_bytes
        for data in _body(url, response):
            size += len(data)
            if size > limit:
                raise FetchError(f"{url} is larger than the download limit, {_size(limit)}")
            output.write(data)
        if response.length:  # the connection closed before all the Content-Length came
            raise http.client.IncompleteRead(b"", response.length)


def _body(url: str, response: Any) -> Iterator[bytes]:
    """The response's body in blocks of at most _BLOCK_BYTES, decoded when it is gzip-encoded: a
    small answer that decodes to a huge one (a "gzip bomb") costs no more memory than any other."""
    if "gzip" not in response.headers.get("Content-Encoding", ""):
        while block := response.read(_BLOCK_BYTES):
            yield block
        return
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while block := response.read(_BLOCK_BYTES):
            data = decoder.decompress(block, _BLOCK_BYTES)
            while data:  # a full block may leave more to decode from the same input
                yield data
                data = decoder.decompress(decoder.unconsumed_tail, _BLOCK_BYTES)
        yield decoder.flush()
    except zlib.error as error:
        raise FetchError(f"{url} came gzip-encoded but does not decode: {error}") from None


def _size(count: int) -> str:
    return f"{count / _MIB:g} MiB" if count % (_MIB // 16) == 0 else f"{count} bytes"


@contextlib.contextmanager
def _download_lock(target: Path) -> Iterator[None]:
    """The lock every download of `target` holds (the name Arelle's web cache locks it by); its
    file is removed while still held, so that no process can be left holding a removed one."""
    lock = FileLock(f"{target}.lock", timeout=_DOWNLOAD_LOCK_SECONDS)
    with lock:
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.remove(lock.lock_file)


def apply_to_web_cache(web_cache: WebCache, settings: EdgarSettings) -> None:
    """Arelle's own downloads (a filing's schemas and linkbases) under the fetcher's rules: the
    declared user agent, the shared rate limit, the timeout, the same cache, and a cached file
    never fetched again (EDGAR's archives and the SEC's dated taxonomies do not change).
    Safe to call again: the limit is installed once."""
    user_agent = check_user_agent(settings.user_agent)
    web_cache.httpUserAgent = user_agent  # a changed user agent rebuilds the opener: set it first
    web_cache.timeout = settings.timeout_seconds
    web_cache.cacheDir = settings.cache_directory
    web_cache.recheck = "never"
    opener = web_cache.opener
    # typeshed omits OpenerDirector.handlers, the list of handlers its __init__ makes.
    if not any(isinstance(handler, PoliteHandler) for handler in opener.handlers):  # type: ignore[attr-defined]
        limit = SharedRateLimit(settings.cache_directory, settings.requests_per_second)
        opener.add_handler(PoliteHandler(limit, user_agent, settings.longest_wait_seconds))


def _refusal(url: str, error: HTTPError) -> str:
    if error.code == 403:
        return (
            f"EDGAR refused {url} (HTTP 403): the SEC blocks clients that send too many requests or "
            f"do not declare themselves ({POLICY_URL})"
        )
    if error.code == 404:
        return f"{url} is not in EDGAR's archive (HTTP 404)"
    return f"EDGAR refused {url}: HTTP {error.code} {error.reason}"


def _connection_failure(error: OSError | http.client.HTTPException) -> str:
    reason = error.reason if isinstance(error, URLError) else error
    return str(reason) or type(reason).__name__
