"""cyber-extract's worker side: one Arelle controller per process, kept for many filings, and one
record per filing, the same JSON object as `--cyber-export` (the same extraction, checks and
document)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Final

from ..core.settings import RuleSettings
from .dataset import Record, failure_record, filing_record

# The plugin, and Arelle's own plugin that loads an archive's inline documents as one document set
# (an EDGAR submission's primary document and its inline exhibits are one report; separate
# reports merged into it are told apart afterwards, by `reports`).
PLUGINS: Final = ("cyber_plugin", "inlineXbrlDocumentSet")
ERROR_MESSAGES_KEPT: Final = 3
XML_SYNTAX_ERROR: Final = "xmlSchema:syntax"


@dataclass(frozen=True)
class ReaderSettings:
    offline: bool
    cache_directory: str | None
    rules: RuleSettings


@dataclass(frozen=True)
class Outcome:
    """What a worker says about one input: its record."""

    source: str
    record: Record


@dataclass(frozen=True)
class StartFailure:
    """A worker could not set Arelle up: no filing can be read, so the batch stops."""

    reason: str


class ErrorMessages(logging.Handler):
    """The error messages Arelle logs for the filing being read: the first of each code (why a
    load failed) and the names of the files each code was about."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.first_by_code: dict[str, str] = {}
        self.files_by_code: dict[str, set[str]] = {}

    def clear(self) -> None:
        self.first_by_code.clear()
        self.files_by_code.clear()

    def emit(self, record: logging.LogRecord) -> None:
        code = str(getattr(record, "messageCode", "") or "")
        files = self.files_by_code.setdefault(code, set())
        for reference in getattr(record, "refs", None) or ():
            href = str(reference.get("href", "")).partition("#")[0]
            files.add(os.path.basename(href) or href)
        if code in self.first_by_code:
            return
        try:
            text = record.getMessage()
        except Exception:  # an Arelle message whose arguments do not fit its template
            text = str(record.msg)
        self.first_by_code[code] = f"[{code}] {text}" if code else text

    def summary(self) -> str:
        return " ".join(list(self.first_by_code.values())[:ERROR_MESSAGES_KEPT])


class FilingReader:
    """Reads filings with one Arelle controller, kept for the worker's life.

    `arelle.api.Session` cannot be reused with plugins in Arelle 2.47 (its second run clears the
    plugin configuration and fails), so the reader drives `CntlrCmdLine` itself the way
    `arelleCmdLine` does: plugins preloaded once, then `run` per filing with `keepOpen`, and the
    models closed here once the record is made.
    """

    def __init__(self, settings: ReaderSettings) -> None:
        from arelle import PluginManager
        from arelle.CntlrCmdLine import CntlrCmdLine

        self._settings = settings
        self._cntlr = CntlrCmdLine(disable_persistent_config=True)
        plugin_manager = PluginManager.getInstance()
        for name in PLUGINS:
            module_info = plugin_manager.addPluginModule(name)
            if not module_info:
                raise RuntimeError(f"Arelle cannot find its plugin {name!r}; is cyber_plugin installed?")
            self._cntlr.preloadedPlugins[name] = module_info
        plugin_manager.reset()
        self._errors = ErrorMessages()
        # Only errors are logged (the reason a load failed); the findings come back as values.
        self._cntlr.startLogging(logHandler=self._errors, logLevel="ERROR", logPropagate=False)
        self._cntlr.postLoggingInit()

    def outcome(self, source: str) -> Outcome:
        try:
            sha256 = file_sha256(source)
        except OSError as error:
            return Outcome(source, failure_record(source, None, f"cannot read the file: {_os_reason(error)}"))
        try:
            return Outcome(source, self.record(source, sha256))
        except Exception as error:  # a defect here must cost one filing, not the batch
            return Outcome(source, failure_record(source, sha256, f"{type(error).__name__}: {error}"))

    def record(self, source: str, sha256: str) -> Record:
        from arelle.RuntimeOptions import RuntimeOptions

        self._errors.clear()
        options = RuntimeOptions(
            entrypointFile=_entry_point(source),
            plugins="|".join(PLUGINS),
            workOffline=True if self._settings.offline else None,
            cacheDirectory=self._settings.cache_directory,
            keepOpen=True,
        )
        try:
            self._cntlr.run(options)
        except Exception as error:
            self._close(list(self._cntlr.modelManager.loadedModelXbrls))
            return failure_record(source, sha256, f"Arelle failed: {type(error).__name__}: {error}")
        models = list(self._cntlr.modelManager.loadedModelXbrls)
        try:
            return self._record_from(models, source, sha256)
        finally:
            self._close(models)

    def _record_from(self, models: list[Any], source: str, sha256: str) -> Record:
        from arelle.ModelDocument import Type as DocumentType

        from ..core.extraction import is_filing
        from ..core.status import filing_status
        from ..integration.reporting import findings_for
        from ..integration.state import disclosure_of
        from ..outputs.json_format import disclosure_document
        from .reports import separate_reports

        filings = [model for model in models if is_filing(model)]
        reports = [name for model in filings for name in separate_reports(model)]
        if len(reports) > 1:
            names = ", ".join(sorted(reports))
            return failure_record(
                source, sha256, f"holds {len(reports)} separate XBRL reports ({names}); give them one by one"
            )
        if filings:
            model = filings[0]
            disclosure = disclosure_of(model)
            if self._errors.files_by_code.get(XML_SYNTAX_ERROR, set()) & set(disclosure.documents):
                # lxml recovered what it could of a damaged (often truncated) document: facts may
                # be missing, so its reading must not pass for the filing's disclosure.
                reason = self._errors.first_by_code[XML_SYNTAX_ERROR]
                return failure_record(source, sha256, f"not well-formed XML: {reason}")
            findings = findings_for(model, disclosure, self._settings.rules)
            status = filing_status(disclosure, self._settings.rules.eight_k_items)
            return filing_record(disclosure_document(disclosure, findings), source, sha256, status)
        loaded = [model.modelDocument for model in models if model.modelDocument is not None]
        if loaded:
            kind = DocumentType.typeName[loaded[0].type]
            return failure_record(
                source, sha256, f"not an XBRL instance or inline XBRL document (Arelle read it as {kind})"
            )
        reason = self._errors.summary() or "no XBRL entry point found"
        reason = reason.replace(_entry_point(source), repr(source))  # Arelle quotes what it was given
        return failure_record(source, sha256, f"Arelle could not load it: {reason}")

    def _close(self, models: list[Any]) -> None:
        manager = self._cntlr.modelManager
        for model in models:
            file_source = getattr(model, "fileSource", None)
            manager.close(model)
            if file_source is not None:
                file_source.close()  # with keepOpen Arelle leaves an archive open


def _entry_point(source: str) -> str:
    """Arelle's entry point for one file, as JSON so that a '|' in its name is not read as a list."""
    return json.dumps([{"file": source}])


def file_sha256(path: str) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


def worker_main(connection: Connection, settings: ReaderSettings) -> None:
    """A worker's life: read the sources the parent sends until it sends None or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent alone answers Ctrl-C
    try:
        reader = FilingReader(settings)
    except Exception as error:
        with contextlib.suppress(OSError):
            connection.send(StartFailure(f"{type(error).__name__}: {error}"))
        return
    while True:
        try:
            source = connection.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if source is None:
            return
        outcome = reader.outcome(source)
        try:
            connection.send(outcome)
        except OSError:
            return
