"""The prior filing a run compares the filing with (`--cyber-compare PATH`, `cyberCompare`, the
desktop's "Compare with prior filing..."): read into its view and given to the filing's reading.

A prior filing given as a file, archive or URL is loaded with the run's own controller, as Arelle's
command line loads an entry point, read as every filing is (`state.view_of`), and closed at once:
only its view is kept. Its load is the plugin's business, not the run's: Arelle's messages about it
are not logged (they would read as the filing's, and change what Arelle and EDGAR say about it); the
reasons a load failed go into one CYBER.priorNotLoaded error instead, and the run goes on without a
comparison (CYBER.elementDropped and CYBER.flagChanged then stay silent). The controller's current
model and file source are as they were before, so the run goes on with its own filing.

A prior filing given as its JSON export (`--cyber-export x.json`, or a cyber-extract record) is read
without a load.

Once compared, the run warns when the two filings name different CIKs (CYBER.priorOtherRegistrant)
or when the prior one's period does not end before this one's (CYBER.priorNotEarlier): the
comparison is made all the same.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from ..core.comparison import comparison_with_prior
from ..core.extraction import is_filing
from ..core.filing_view import FilingView
from ..core.findings import CODE_PREFIX
from ..core.words import prior_filing_text
from ..outputs.filing_record import view_of_document
from ..outputs.json_format import FORMAT_NAME
from . import state

PRIOR_NOT_LOADED: Final = CODE_PREFIX + "priorNotLoaded"
PRIOR_OTHER_REGISTRANT: Final = CODE_PREFIX + "priorOtherRegistrant"
PRIOR_NOT_EARLIER: Final = CODE_PREFIX + "priorNotEarlier"
COMPARED: Final = CODE_PREFIX + "compared"
JSON_EXTENSION: Final = ".json"
REASONS_KEPT: Final = 3
_LOADING: Final = "loading the prior filing"


class PriorError(Exception):
    """The prior filing could not be read; the message says why."""


class _MessagesOfThisThread(logging.Filter):
    """Keeps from the log what this thread logs while it is installed (the prior filing's load), and
    keeps its errors' texts; other threads' messages pass."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()
        self.errors: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.thread != self.thread:
            return True
        if record.levelno >= logging.ERROR and len(self.errors) < REASONS_KEPT:
            try:
                text = record.getMessage()
            except Exception:  # an Arelle message whose arguments do not fit its template
                text = str(record.msg)
            code = str(getattr(record, "messageCode", "") or "")
            self.errors.append(f"[{code}] {text}" if code else text)
        return False


def prior_view(cntlr: Any, location: str) -> FilingView:
    """The view of the prior filing at `location`: its JSON export read, or the filing loaded with
    `cntlr` and closed; raises PriorError."""
    if location.lower().endswith(JSON_EXTENSION) and os.path.isfile(location):
        return _exported_view(Path(location))
    return _loaded_view(cntlr, location)


def _exported_view(path: Path) -> FilingView:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PriorError(f"cannot read it as a JSON export: {error}") from None
    return view_of_export(document)


def view_of_export(document: object) -> FilingView:
    """The view of a prior filing's JSON export (or cyber-extract record); raises PriorError."""
    if not isinstance(document, Mapping) or document.get("format") != FORMAT_NAME:
        raise PriorError(f"it is not a {FORMAT_NAME} JSON export (--cyber-export x.json)")
    if "error" in document:
        raise PriorError(f"its record says it could not be read: {document['error']}")
    return view_of_document(document)


def _loaded_view(cntlr: Any, location: str) -> FilingView:
    from arelle import FileSource
    from arelle.utils.EntryPointDetection import parseEntrypointFileInput

    manager = cntlr.modelManager
    current, current_source = manager.modelXbrl, manager.filesource
    messages = _MessagesOfThisThread()
    logger = cntlr.logger
    if logger is not None:
        logger.addFilter(messages)
    opened: list[Any] = []
    models: list[Any] = []
    try:
        parsed = parseEntrypointFileInput(cntlr, location)
        if parsed.filesource is not None:
            opened.append(parsed.filesource)
        entries = parsed.entrypointFiles if parsed.success else []
        if len(entries) != 1:
            raise PriorError(
                f"it holds {len(entries)} XBRL reports; name the one to compare with"
                if entries
                else _reason(messages, "no XBRL entry point found in it")
            )
        [entry] = entries
        file = entry.get("file") if isinstance(entry, dict) else entry
        source = parsed.filesource
        if source is not None and source.isArchive:
            source.select(file)
        else:
            source = FileSource.openFileSource(cntlr.packages.map(file), cntlr)
            opened.append(source)
        model = manager.load(source, _LOADING, entrypoint=entry)
        models.append(model)
        if not is_filing(model):
            raise PriorError(_reason(messages, "it is not an XBRL instance or inline XBRL filing"))
        return state.view_of(model)
    except PriorError:
        raise
    except Exception as error:  # Arelle's own failures to load it
        raise PriorError(_reason(messages, f"{type(error).__name__}: {error}")) from None
    finally:
        for model in models:
            manager.close(model)
        for source in opened:
            source.close()
        manager.modelXbrl, manager.filesource = current, current_source
        if logger is not None:
            logger.removeFilter(messages)


def _reason(messages: _MessagesOfThisThread, otherwise: str) -> str:
    return "; ".join(messages.errors) or otherwise


def compare_loaded_filing(modelXbrl: Any, location: str) -> bool:
    """Compare a loaded filing with the prior filing at `location`, and log how it went; False (with
    CYBER.priorNotLoaded logged) when the prior filing could not be read."""
    try:
        prior = prior_view(modelXbrl.modelManager.cntlr, location)
    except PriorError as error:
        modelXbrl.error(
            PRIOR_NOT_LOADED,
            "The prior filing %(prior)s could not be read, so this filing is not compared with it "
            "(CYBER.elementDropped and CYBER.flagChanged stay silent): %(reason)s",
            modelObject=modelXbrl.modelDocument,
            prior=location,
            reason=str(error),
        )
        return False
    disclosure = state.compare_with(modelXbrl, prior)
    comparison = comparison_with_prior(disclosure)
    assert comparison is not None, "the disclosure has its prior"
    named = prior_filing_text(prior)
    modelXbrl.info(
        COMPARED,
        "Compared with the prior filing, %(prior)s.",
        modelObject=modelXbrl.modelDocument,
        prior=named,
    )
    current = comparison.current
    if not comparison.same_registrant:
        modelXbrl.warning(
            PRIOR_OTHER_REGISTRANT,
            "The prior filing, %(prior)s, names CIK %(priorCik)s and this one CIK %(cik)s: the two are "
            "not filings of one registrant. The comparison is made all the same.",
            modelObject=modelXbrl.modelDocument,
            prior=named,
            priorCik=prior.cik or "none",
            cik=current.cik or "none",
        )
    if prior.period_end and current.period_end and prior.period_end >= current.period_end:
        modelXbrl.warning(
            PRIOR_NOT_EARLIER,
            "The prior filing, %(prior)s, does not end before this filing's period (%(end)s): were the "
            "two given the other way round? The comparison is made all the same.",
            modelObject=modelXbrl.modelDocument,
            prior=named,
            end=current.period_end.isoformat(),
        )
    return True
