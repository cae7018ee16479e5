"""What each Arelle hook does. `__init__` maps hooks here; every entry point is guarded so that
a defect in the plugin becomes one CYBER.internalError message, never a failed Arelle run."""

from __future__ import annotations

import functools
import json
import logging
import os
import time
import traceback
from collections.abc import Callable, MutableMapping
from typing import Any, Final, TypeVar

from arelle.ModelDocument import Type as DocumentType

from . import transforms
from .checks import INTERNAL_ERROR, findings_for
from .checks.findings import Finding
from .checks.settings import CODE_PREFIX, OptionError
from .disclosure import Disclosure
from .export import write_export
from .extraction import extract
from .options import RunSettings, add_options, settings_from
from .summary import summary_lines

_SETTINGS_ATTRIBUTE: Final = "cyberPluginSettings"
TIMINGS_VARIABLE: Final = "CYBER_PLUGIN_TIMINGS"
_FILING_TYPES: Final = frozenset(
    {DocumentType.INSTANCE, DocumentType.INLINEXBRL, DocumentType.INLINEXBRLDOCUMENTSET}
)
F = TypeVar("F", bound=Callable[..., Any])


def guarded(function: F) -> F:
    """Turn any exception escaping a hook into one CYBER.internalError message, and time the hook
    when CYBER_PLUGIN_TIMINGS names a file (the benchmark reads it)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            if _pending_errors:
                _report_pending(args)
            return function(*args, **kwargs)
        except Exception as error:
            report_internal_error(function.__name__, error, args)
            return None
        finally:
            timings = os.environ.get(TIMINGS_VARIABLE)
            if timings:
                record_timing(timings, function.__name__, time.perf_counter() - started)

    return wrapper  # type: ignore[return-value]


def record_timing(path: str, hook: str, seconds: float) -> None:
    try:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(json.dumps({"hook": hook, "seconds": seconds, "pid": os.getpid()}) + "\n")
    except OSError:
        pass  # timing is a measurement aid, never a reason to fail


_INTERNAL_ERROR_MESSAGE: Final = "cyber_plugin failed in %(hook)s and skipped its work there: %(error)s"
# Failures in hooks that have nothing to log to (option parsing, transform registration) wait
# here for the next hook that has a controller or a model.
_pending_errors: list[tuple[dict[str, str], str]] = []


def report_internal_error(where: str, error: BaseException, hook_args: tuple[Any, ...]) -> None:
    details = {"hook": where, "error": f"{type(error).__name__}: {error}"}
    trace = traceback.format_exc()
    if not _log_internal_error(details, trace, hook_args):
        _pending_errors.append((details, trace))


def _report_pending(hook_args: tuple[Any, ...]) -> None:
    while _pending_errors and _log_internal_error(*_pending_errors[0], hook_args):
        _pending_errors.pop(0)


def _log_internal_error(details: dict[str, str], trace: str, hook_args: tuple[Any, ...]) -> bool:
    """Log one internal error to the hook's model or controller; False when it has neither."""
    modelXbrl = next((m for m in map(_model_of, hook_args) if m is not None), None)
    if modelXbrl is not None and modelXbrl.logger is not None:
        document = modelXbrl.modelDocument
        modelXbrl.error(INTERNAL_ERROR, _INTERNAL_ERROR_MESSAGE, modelObject=document, **details)
        modelXbrl.log("DEBUG", INTERNAL_ERROR, "%(trace)s", trace=trace)
        return True
    cntlr = next((a for a in hook_args if hasattr(a, "addToLog")), None)
    if cntlr is None:
        return False
    cntlr.addToLog(_INTERNAL_ERROR_MESSAGE % details, messageCode=INTERNAL_ERROR, level=logging.ERROR)
    cntlr.addToLog(trace, messageCode=INTERNAL_ERROR, level=logging.DEBUG)
    return True


def _model_of(candidate: Any) -> Any:
    """The ModelXbrl a hook argument is or belongs to (a validator carries one)."""
    if hasattr(candidate, "factsByQname"):
        return candidate
    model = getattr(candidate, "modelXbrl", None)
    return model if hasattr(model, "factsByQname") else None


def is_filing(modelXbrl: Any) -> bool:
    document = getattr(modelXbrl, "modelDocument", None)
    return document is not None and document.type in _FILING_TYPES


def settings_of(cntlr: Any) -> RunSettings | None:
    """The run's settings; None when the options were rejected (the plugin then stands aside)."""
    return getattr(cntlr, _SETTINGS_ATTRIBUTE, RunSettings())


@guarded
def register_transforms(custom_transforms: MutableMapping[Any, Any]) -> None:
    transforms.register(custom_transforms)


@guarded
def add_command_line_options(parser: Any) -> None:
    add_options(parser)


@guarded
def configure_run(cntlr: Any, options: Any) -> None:
    try:
        settings: RunSettings | None = settings_from(options)
    except OptionError as error:
        cntlr.addToLog(str(error), messageCode=CODE_PREFIX + "invalidOption", level=logging.ERROR)
        settings = None
    setattr(cntlr, _SETTINGS_ATTRIBUTE, settings)


@guarded
def validate_filing(val: Any) -> None:
    modelXbrl = val.modelXbrl
    cntlr = modelXbrl.modelManager.cntlr
    settings = settings_of(cntlr)
    if settings is None or not is_filing(modelXbrl):
        return
    findings = findings_for(modelXbrl, extract(modelXbrl), settings.rules, refresh=True)
    # Validation runs on a background thread in the GUI: views update on the Tk thread.
    ui_queue = getattr(cntlr, "uiThreadQueue", None)
    if ui_queue is not None:
        for view in list(modelXbrl.views):
            show_findings = getattr(view, "show_findings", None)
            if show_findings is not None:
                ui_queue.put((show_findings, [findings]))


@guarded
def export_filing(cntlr: Any, options: Any, modelXbrl: Any) -> None:
    settings = settings_of(cntlr)
    if settings is None or not (settings.exports or settings.summary):
        return
    if not is_filing(modelXbrl):
        modelXbrl.warning(
            CODE_PREFIX + "notAFiling",
            "Nothing was exported: %(entry)s is not an XBRL instance or inline XBRL filing.",
            modelObject=modelXbrl.modelDocument,
            entry=getattr(modelXbrl.modelDocument, "basename", "the entry point"),
        )
        return
    disclosure = extract(modelXbrl)
    findings = findings_for(modelXbrl, disclosure, settings.rules)
    for path in settings.exports:
        export_and_report(modelXbrl, path, disclosure, findings)
    if settings.summary:
        modelXbrl.info(
            CODE_PREFIX + "summary",
            "%(summary)s",
            modelObject=modelXbrl.modelDocument,
            summary="\n".join(summary_lines(disclosure, findings)),
        )


def export_and_report(
    modelXbrl: Any, path: str, disclosure: Disclosure, findings: tuple[Finding, ...]
) -> bool:
    """Write one export and log the outcome (CYBER.exported or CYBER.exportFailed)."""
    try:
        written = write_export(path, disclosure, findings)
    except (OSError, OptionError) as error:
        modelXbrl.error(
            CODE_PREFIX + "exportFailed",
            "Could not write the cybersecurity export %(path)s: %(error)s. Nothing was written; "
            "check that the folder exists and is writable.",
            modelObject=modelXbrl.modelDocument,
            path=path,
            error=str(error),
        )
        return False
    modelXbrl.info(
        CODE_PREFIX + "exported",
        "Wrote the cybersecurity disclosure to %(path)s",
        modelObject=modelXbrl.modelDocument,
        path=str(written),
    )
    return True


# The desktop application. The gui module (and with it Tk) is imported only when one of these
# runs, which the command line and servers never do.


@guarded
def add_view_menu(cntlr: Any, menu: Any) -> None:
    from . import gui

    gui.add_view_menu(cntlr, menu)


@guarded
def add_tools_menu(cntlr: Any, menu: Any) -> None:
    from . import gui

    gui.add_tools_menu(cntlr, menu)


@guarded
def show_loaded_filing(cntlr: Any, modelXbrl: Any, attach: Any) -> None:
    if not is_filing(modelXbrl):
        return
    from . import gui

    gui.show_pane(cntlr, modelXbrl)
