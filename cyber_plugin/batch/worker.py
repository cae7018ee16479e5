"""cyber-extract's worker side: one Arelle controller per process, kept for many filings, and one
record per filing, the same JSON object as `--cyber-export` (the same extraction, checks and
document) with the filing's EDGAR identity.

An EDGAR archive URL is downloaded first (edgar.downloads; a rerun finds it in the cache), and
Arelle loads the archive document it names from there. A file that is not a regular file, or an
archive with an entry outside it, is refused before Arelle sees it (screening). A full submission
(`<accession>.txt`) is unpacked and its XBRL documents loaded; its header's 8-K items are that
filing's --8k-items.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ..core.regular_files import os_reason
from ..core.settings import RuleSettings
from ..edgar.downloads import EdgarSettings, Fetcher, FetchError, apply_to_web_cache, parse_archive_url
from ..edgar.filing_identity import FilingIdentity, identity_of
from ..edgar.submission import SubmissionError, SubmissionHeader, is_submission, unpacked
from ..outputs.filing_record import failure_record, filing_record, with_identity
from ..outputs.table_model import Record
from .screening import refusal
from .sources import content_sha256, file_sha256, header_of, is_url, stored_copy

if TYPE_CHECKING:
    from arelle.ModelXbrl import ModelXbrl

# The plugin, and Arelle's own plugin that loads an archive's inline documents as one document set
# (an EDGAR submission's primary document and its inline exhibits are one report; separate
# reports merged into it are told apart afterwards, by `reports`).
PLUGINS: Final = ("cyber_plugin", "inlineXbrlDocumentSet")
ERROR_MESSAGES_KEPT: Final = 3
XML_SYNTAX_ERROR: Final = "xmlSchema:syntax"
# Arelle logs each retry of a download as an error; the download's outcome is what counts.
IGNORED_ERRORS: Final = frozenset({"webCache:retryingOperation"})


@dataclass(frozen=True)
class ReaderSettings:
    offline: bool
    cache_directory: str | None
    rules: RuleSettings
    edgar: EdgarSettings | None = None  # with --user-agent: downloads from EDGAR's archive


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
        if code in IGNORED_ERRORS:
            return
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


def _plugin_file(name: str) -> Path:
    """Where one of PLUGINS is: this package, or a plugin Arelle ships."""
    if name == "cyber_plugin":
        return Path(__file__).parents[1] / "__init__.py"
    import arelle

    return Path(arelle.__file__).parent / "plugin" / f"{name}.py"


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
            # By its file, Arelle reads only the plugin's own __pluginInfo__; by its name, it first
            # reads every plugin it ships to find the name (about 0.2 s of each worker's start).
            module_info = plugin_manager.moduleModuleInfo(moduleURL=str(_plugin_file(name)))
            if module_info:
                module_info = plugin_manager.addPluginModuleInfo(module_info)
            else:  # not where it was: found by its name after all
                module_info = plugin_manager.addPluginModule(name)
            if not module_info:
                raise RuntimeError(f"Arelle cannot find its plugin {name!r}; is cyber_plugin installed?")
            self._cntlr.preloadedPlugins[name] = module_info
        plugin_manager.reset()
        self._errors = ErrorMessages()
        # Only errors are logged (the reason a load failed); the findings come back as values.
        self._cntlr.startLogging(logHandler=self._errors, logLevel="ERROR", logPropagate=False)
        self._cntlr.postLoggingInit()
        self._fetcher: Fetcher | None = None
        if settings.edgar is not None:  # Arelle's own downloads (schemas) under the same rules
            apply_to_web_cache(self._cntlr.webCache, settings.edgar)
            self._fetcher = Fetcher(settings.edgar)

    def outcome(self, source: str) -> Outcome:
        try:
            local = self._local_file(source)
        except FetchError as error:
            return failed_outcome(source, str(error), self._settings)
        refused = refusal(local)
        if refused is not None:
            return failed_outcome(source, refused, self._settings)
        try:
            sha256 = file_sha256(local)
        except OSError as error:
            return failed_outcome(source, f"cannot read the file: {os_reason(error)}", self._settings)
        header: SubmissionHeader | None = None
        try:
            if is_submission(local):
                record, header = self._submission_record(source, local, sha256)
            else:
                entry_point = _entry_point(self._arelle_file(source))
                record = self.record(source, sha256, entry_point, self._settings.rules)
        except SubmissionError as error:
            return failed_outcome(source, f"not a usable EDGAR submission: {error}", self._settings)
        except Exception as error:  # a defect here must cost one filing, not the batch
            return failed_outcome(source, f"{type(error).__name__}: {error}", self._settings)
        identity = identity_of(source, header, self._settings.rules.eight_k_items)
        return Outcome(source, _identified(record, identity))

    def _local_file(self, source: str) -> Path:
        """The file to read: a path itself, a URL downloaded (or found in the cache)."""
        if not is_url(source):
            return Path(source)
        if self._fetcher is None:
            raise FetchError("an EDGAR URL is read only with --user-agent")
        return self._fetcher.fetch(source)

    def _arelle_file(self, source: str) -> str:
        """What Arelle is given to load: a path itself; for a URL, the archive URL of the document
        it names (an inline viewer's `…/ix?doc=/Archives/…` link names one; a scheme may be in
        upper case), which Arelle finds downloaded in its cache."""
        archive = parse_archive_url(source, self._settings.edgar.base_url) if self._settings.edgar else None
        return archive.document_url if archive is not None and is_url(source) else source

    def _submission_record(self, source: str, local: Path, sha256: str) -> tuple[Record, SubmissionHeader]:
        """A full submission, unpacked and read with its header's 8-K items as the filing's own."""
        with unpacked(local) as submission:
            rules = replace(self._settings.rules, eight_k_items=submission.header.items)
            return self.record(source, sha256, submission.entry_point, rules), submission.header

    def record(self, source: str, sha256: str, entry_point: str, rules: RuleSettings) -> Record:
        from arelle.RuntimeOptions import RuntimeOptions

        self._errors.clear()
        options = RuntimeOptions(
            entrypointFile=entry_point,
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
            return self._record_from(models, source, sha256, entry_point, rules)
        finally:
            self._close(models)

    def _record_from(
        self, models: list[ModelXbrl], source: str, sha256: str, entry_point: str, rules: RuleSettings
    ) -> Record:
        from arelle.ModelDocument import Type as DocumentType

        from ..core.extraction import is_filing
        from ..core.status import filing_status
        from ..integration.state import reading_of
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
            reading = reading_of(model, rules)
            if self._errors.files_by_code.get(XML_SYNTAX_ERROR, set()) & set(reading.disclosure.documents):
                # lxml recovered what it could of a damaged (often truncated) document: facts may
                # be missing, so its reading must not pass for the filing's disclosure.
                reason = self._errors.first_by_code[XML_SYNTAX_ERROR]
                return failure_record(source, sha256, f"not well-formed XML: {reason}")
            status = filing_status(reading.disclosure, rules.eight_k_items)
            return filing_record(
                disclosure_document(reading.disclosure, reading.findings), source, sha256, status
            )
        loaded = [model.modelDocument for model in models if model.modelDocument is not None]
        if loaded:
            kind = DocumentType.typeName[loaded[0].type]
            return failure_record(
                source, sha256, f"not an XBRL instance or inline XBRL document (Arelle read it as {kind})"
            )
        reason = self._errors.summary() or "no XBRL entry point found"
        reason = reason.replace(entry_point, repr(source))  # Arelle quotes what it was given
        return failure_record(source, sha256, f"Arelle could not load it: {reason}")

    def _close(self, models: list[ModelXbrl]) -> None:
        manager = self._cntlr.modelManager
        for model in models:
            file_source = getattr(model, "fileSource", None)
            manager.close(model)
            if file_source is not None:
                file_source.close()  # with keepOpen Arelle leaves an archive open


def _entry_point(source: str) -> str:
    """Arelle's entry point for one file, as JSON so that a '|' in its name is not read as a list."""
    return json.dumps([{"file": source}])


def failed_outcome(source: str, reason: str, settings: ReaderSettings) -> Outcome:
    """A failure record, with the content hash and identity known without a request."""
    identity = identity_of(
        source, header_of(stored_copy(source, settings.edgar)), settings.rules.eight_k_items
    )
    record = failure_record(source, content_sha256(source, settings.edgar), reason)
    return Outcome(source, _identified(record, identity))


def _identified(record: Record, identity: FilingIdentity) -> Record:
    return with_identity(record, identity.accession_number, identity.filed, identity.eight_k_items)


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
