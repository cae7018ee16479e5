"""The plugin's Python entry point: read one filing, get its Disclosure and findings.

    from cyber_plugin.api import read_filing
    reading = read_filing("filing.htm", rules="-missingElement", cache_directory="taxonomy-cache")
    compared = read_filing("this-year.htm", compare="last-year.htm")  # what changed since

It wraps Arelle's Python API (`arelle.api.Session`) and hides its traps: a Session serves one
`run()` only (a second fails inside Arelle with KeyError: 'modules'), so every call has its own;
and a misspelt option is an error here, where `pluginOptions` would ignore it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from arelle.api.Session import Session
from arelle.logging.handlers.StructuredMessageLogHandler import StructuredMessageLogHandler
from arelle.RuntimeOptions import RuntimeOptions

from .core.disclosure import Disclosure
from .core.extraction import is_filing
from .core.findings import Finding
from .core.settings import OptionError
from .integration import settings_codec
from .integration.options import COMPARE
from .integration.prior import PRIOR_NOT_LOADED
from .integration.state import reading_of
from .outputs import write_export

PLUGIN: str = "cyber_plugin"
NOT_A_FILING: str = "is not an XBRL filing Arelle could load"
NOT_A_PRIOR_FILING: str = "is not a prior filing the plugin could read"


@dataclass(frozen=True)
class Reading:
    """One filing as the plugin reads it. The facts' Arelle model objects belong to a model that
    is closed by the time this is returned: use the data, not them."""

    disclosure: Disclosure
    findings: tuple[Finding, ...]
    # Arelle's messages for the load (and validation, when asked): dicts with messageCode,
    # levelname and msg, as arelle.api.Session.get_log_messages() gives them.
    messages: tuple[dict[str, Any], ...]

    def export(self, path: str | os.PathLike[str]) -> Path:
        """Write the disclosure and findings in the format the extension names (atomically)."""
        return write_export(path, self.disclosure, self.findings)


class FilingError(Exception):
    """The file (or the prior filing to compare it with) could not be read; `messages` holds the
    reasons."""

    def __init__(
        self,
        path: str,
        messages: tuple[dict[str, Any], ...],
        what: str = NOT_A_FILING,
    ) -> None:
        errors = [m for m in messages if m.get("levelname") in ("ERROR", "CRITICAL")]
        reasons = "; ".join(str(m.get("msg", "")) for m in errors)
        super().__init__(f"{path} {what}" + (f": {reasons}" if reasons else ""))
        self.messages = messages


def read_filing(
    path: str | os.PathLike[str],
    *,
    rules: str | None = None,
    eight_k_items: str | Iterable[str] | None = None,
    compare: str | os.PathLike[str] | None = None,
    validate: bool = False,
    work_offline: bool = True,
    cache_directory: str | os.PathLike[str] | None = None,
    plugins: Iterable[str] = (),
    arelle_options: Mapping[str, Any] | None = None,
) -> Reading:
    """Load `path` with Arelle and the plugin, in a Session of its own, and read it.

    rules and eight_k_items are the command line's --cyber-rules and --cyber-8k-items, compare
    its --cyber-compare (the prior filing: its disclosure's `prior`, the exports' changes);
    validate also runs Arelle's validation (its messages land in Reading.messages). plugins are
    other Arelle plugins to load beside this one; arelle_options are further RuntimeOptions
    fields. A misspelt keyword is a TypeError, a bad value an OptionError (raised before anything
    loads), and a file that is not a filing, or a prior filing that cannot be read, a FilingError.
    """
    spelling = settings_codec.API_KEYWORDS
    keywords = {spelling.rules_key: rules, spelling.items_key: eight_k_items}
    rule_settings = settings_codec.parse(keywords, spelling)  # OptionError, before anything loads
    plugin_options: dict[str, Any] = settings_codec.write(rule_settings, settings_codec.QUERY)
    if compare is not None:
        plugin_options[COMPARE.dest] = os.fspath(compare)
    options = RuntimeOptions(
        **{
            "entrypointFile": os.fspath(path),
            "plugins": "|".join([PLUGIN, *plugins]),
            "workOffline": work_offline,
            "cacheDirectory": os.fspath(cache_directory) if cache_directory is not None else None,
            "validate": validate,
            "keepOpen": True,
            **(arelle_options or {}),
        },
        pluginOptions=plugin_options,
    )
    with Session() as session:
        session.run(options, logHandler=StructuredMessageLogHandler())
        messages = tuple(session.get_log_messages())
        models = session.get_models()
        if not models or not is_filing(models[0]):
            raise FilingError(os.fspath(path), messages)
        if compare is not None and any(m.get("messageCode") == PRIOR_NOT_LOADED for m in messages):
            raise FilingError(os.fspath(compare), messages, NOT_A_PRIOR_FILING)
        # Read (and checked, when validated) during the run under these very settings: not again.
        reading = reading_of(models[0], rule_settings)
    return Reading(reading.disclosure, reading.findings, messages)


__all__ = ["FilingError", "OptionError", "Reading", "read_filing"]
