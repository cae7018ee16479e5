"""cyber-extract's options for reading EDGAR archive URLs, in the plugin's option-table style
(integration/options.py; they are cyber-extract's alone), and the download settings they make."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from ..core.settings import OptionError
from ..edgar.downloads import (
    DEFAULT_MAX_MIB,
    MAX_REQUESTS_PER_SECOND,
    POLICY_URL,
    SEC_BASE_URL,
    EdgarSettings,
    UserAgentError,
    check_user_agent,
)
from ..integration.options import OptionSpec
from ..integration.settings_codec import SHORT_PREFIX
from .sources import URL_SCHEMES, is_url

if TYPE_CHECKING:
    import argparse


def _check_user_agent(value: str, option: str) -> None:
    try:
        check_user_agent(value)
    except UserAgentError as error:
        raise OptionError(f"{option} {value!r}: {error}") from None


def _check_base_url(value: str, option: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in URL_SCHEMES or not parts.netloc or parts.path.strip("/") or parts.query:
        raise OptionError(
            f"{option} {value!r} is not an origin such as {SEC_BASE_URL} (http or https, no path)"
        )


def _check_rate(value: str, option: str) -> None:
    try:
        rate = float(value)
    except ValueError:
        rate = 0.0
    if not 0 < rate <= MAX_REQUESTS_PER_SECOND:
        raise OptionError(
            f"{option} {value!r}: give a number above 0 and at most {MAX_REQUESTS_PER_SECOND:g}, "
            f"the most the SEC allows ({POLICY_URL})"
        )


def _check_size(value: str, option: str) -> None:
    if not value.strip().isdigit() or int(value) < 1:
        raise OptionError(f"{option} {value!r}: give a whole number of MiB, at least 1")


USER_AGENT: Final = OptionSpec(
    "user-agent",
    "user_agent",
    "Who is asking, as the SEC's fair-access policy requires of automated clients: a name and a "
    "contact e-mail address, e.g. {option} 'Example Research research@example.com'. Required for "
    "EDGAR URL inputs; sent with every request to EDGAR, Arelle's own (schemas) included.",
    "TEXT",
    _check_user_agent,
)
EDGAR_BASE_URL: Final = OptionSpec(
    "edgar-base-url",
    "edgar_base_url",
    f"Where EDGAR's archive is (default {SEC_BASE_URL}): another origin with the same "
    "/Archives/edgar/data/ layout, such as a mirror. URL inputs must start with it.",
    "URL",
    _check_base_url,
)
REQUESTS_PER_SECOND: Final = OptionSpec(
    "requests-per-second",
    "requests_per_second",
    "The most requests a second to EDGAR, shared by all workers and by runs sharing the cache "
    f"(default and highest: {MAX_REQUESTS_PER_SECOND:g}, the SEC's limit).",
    "N",
    _check_rate,
)
MAX_DOWNLOAD_MB: Final = OptionSpec(
    "max-download-mb",
    "max_download_mb",
    f"The most one EDGAR download may hold, in MiB once decoded (default {DEFAULT_MAX_MIB}): a larger "
    "file is a failure record, and nothing of it is kept.",
    "N",
    _check_size,
)
EDGAR_OPTIONS: Final = (USER_AGENT, EDGAR_BASE_URL, REQUESTS_PER_SECOND, MAX_DOWNLOAD_MB)


def edgar_settings(
    arguments: argparse.Namespace, sources: Sequence[str], cache_directory: str | None
) -> EdgarSettings | None:
    """The download settings of a run with --user-agent (None without it); raises OptionError when
    the sources hold a URL but no user agent was declared. Downloads go to `cache_directory`, or
    to Arelle's own cache."""
    user_agent = getattr(arguments, USER_AGENT.dest, None)
    if user_agent is None:
        url = next((source for source in sources if is_url(source)), None)
        if url is not None:
            raise OptionError(
                f"{url!r} is read from EDGAR, which asks every automated client to say who it is "
                f"({POLICY_URL}): give {SHORT_PREFIX}{USER_AGENT.stem} 'Your Name or Company you@example.com'"
            )
        return None
    return EdgarSettings(
        check_user_agent(user_agent),
        cache_directory or arelle_cache_directory(),
        (getattr(arguments, EDGAR_BASE_URL.dest, None) or SEC_BASE_URL).rstrip("/"),
        float(getattr(arguments, REQUESTS_PER_SECOND.dest, None) or MAX_REQUESTS_PER_SECOND),
        max_bytes=int(getattr(arguments, MAX_DOWNLOAD_MB.dest, None) or DEFAULT_MAX_MIB) << 20,
    )


def arelle_cache_directory() -> str:
    """Arelle's own cache directory: where the workers' Arelle looks without --cache-directory."""
    from arelle.Cntlr import Cntlr

    cntlr = Cntlr(hasGui=False, disable_persistent_config=True)
    try:
        return str(cntlr.webCache.cacheDir)
    finally:
        cntlr.close()
