"""Every hook is guarded: a defect in the plugin becomes one CYBER.internalError message, never a
failed Arelle run. Hooks can be timed for the benchmark (CYBER_PLUGIN_TIMINGS names a file)."""

from __future__ import annotations

import functools
import json
import logging
import os
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, ParamSpec, TypeVar

from ..core.findings import INTERNAL_ERROR

if TYPE_CHECKING:
    from arelle.ModelXbrl import ModelXbrl

TIMINGS_VARIABLE: Final = "CYBER_PLUGIN_TIMINGS"
P = ParamSpec("P")
R = TypeVar("R")

_INTERNAL_ERROR_MESSAGE: Final = "cyber_plugin failed in %(hook)s and skipped its work there: %(error)s"
# Failures in hooks that have nothing to log to (option parsing, transform registration) wait
# here for the next hook that has a controller or a model.
_pending_errors: list[tuple[dict[str, str], str]] = []


def guarded(function: Callable[P, R]) -> Callable[P, R | None]:
    """Turn any exception escaping `function` into one CYBER.internalError message (and None)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | None:
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

    return wrapper


def record_timing(path: str, hook: str, seconds: float) -> None:
    try:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(json.dumps({"hook": hook, "seconds": seconds, "pid": os.getpid()}) + "\n")
    except OSError:
        pass  # timing is a measurement aid, never a reason to fail


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


def _model_of(candidate: object) -> ModelXbrl | None:
    """The ModelXbrl a hook argument is or belongs to (a validator carries one)."""
    from arelle.ModelXbrl import ModelXbrl  # loaded already: hooks run inside Arelle

    for model in (candidate, getattr(candidate, "modelXbrl", None)):
        if isinstance(model, ModelXbrl):
            return model
    return None
