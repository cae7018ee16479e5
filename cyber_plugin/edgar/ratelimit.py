"""A request rate shared by every process that uses one cache directory.

The SEC asks automated clients for at most 10 requests a second, counted per client, not per
process: cyber-extract's workers, and two runs at once on one cache, must share one budget. The
budget is a file in the cache directory holding the time of the next free request slot, read and
moved on under a file lock; a process that takes a slot sleeps until it comes. It needs nothing
passed between processes, so it holds however the processes were started.
"""

from __future__ import annotations

import calendar
import contextlib
import time
import urllib.request
from collections.abc import Iterator
from email.message import Message
from email.utils import parsedate
from http.client import HTTPResponse
from pathlib import Path
from typing import Final

from filelock import FileLock

STATE_FILE: Final = "edgar-rate-limit"
# Slots are this much wider than the rate allows (10 a second become about 8), so that a request
# held up on its way (up to a fifth of a second) cannot make the server count more in one second.
_SPACING_MARGIN: Final = 1.2
_LOCK_TIMEOUT_SECONDS: Final = 60.0
# A next slot further ahead than this comes from a clock set back (or a damaged file): ignored.
_FURTHEST_AHEAD_SECONDS: Final = 900.0
_PAUSING_STATUSES: Final = frozenset({429, 503})


class SharedRateLimit:
    """At most `per_second` requests a second among all processes sharing `directory`."""

    def __init__(self, directory: str | Path, per_second: float) -> None:
        if per_second <= 0:
            raise ValueError(f"a request rate must be above zero, not {per_second}")
        Path(directory).mkdir(parents=True, exist_ok=True)
        self._state = Path(directory) / STATE_FILE
        self._spacing = _SPACING_MARGIN / per_second

    def wait(self) -> None:
        """Take the next free slot and sleep until it comes."""
        with self._locked() as now:
            slot = max(now, self._next_free(now))
            self._state.write_text(repr(slot + self._spacing), encoding="ascii")
        time.sleep(max(0.0, slot - time.time()))

    def pause(self, seconds: float) -> None:
        """No request from any process for `seconds` (a server's Retry-After, a back-off)."""
        with self._locked() as now:
            self._state.write_text(repr(max(self._next_free(now), now + seconds)), encoding="ascii")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[float]:
        with FileLock(f"{self._state}.lock", timeout=_LOCK_TIMEOUT_SECONDS):
            yield time.time()  # wall-clock time: the one clock all processes share

    def _next_free(self, now: float) -> float:
        try:
            free = float(self._state.read_text(encoding="ascii"))
        except (OSError, ValueError):
            return now
        return free if free - now <= _FURTHEST_AHEAD_SECONDS else now


def retry_after_seconds(headers: Message | None) -> float | None:
    """A response's Retry-After, in seconds or as an HTTP date, else None."""
    value = (headers.get("Retry-After") if headers is not None else None) or ""
    value = value.strip()
    if value.isdigit():
        return float(value)
    moment = parsedate(value)
    return max(0.0, calendar.timegm(moment) - time.time()) if moment else None


class PoliteHandler(urllib.request.BaseHandler):
    """A urllib handler that sends every request under the shared rate limit with the declared
    user agent, and holds every process back when the server answers 429 or 503 with Retry-After.

    It works in any urllib opener: the fetcher's own and Arelle's web cache's.
    """

    handler_order = 100  # before the handlers that open connections and raise for error statuses

    def __init__(self, limit: SharedRateLimit, user_agent: str, longest_pause_seconds: float) -> None:
        self.limit = limit
        self.user_agent = user_agent
        self.longest_pause_seconds = longest_pause_seconds

    def http_request(self, request: urllib.request.Request) -> urllib.request.Request:
        request.add_unredirected_header("User-Agent", self.user_agent)
        self.limit.wait()
        return request

    def http_response(self, request: urllib.request.Request, response: HTTPResponse) -> HTTPResponse:
        if response.status in _PAUSING_STATUSES:
            wait = retry_after_seconds(response.headers)
            if wait is not None:
                self.limit.pause(min(wait, self.longest_pause_seconds))
        return response

    https_request = http_request
    https_response = http_response
