"""The one reading path: a loaded model's Disclosure and its findings under a run's rule settings.

Every consumer goes through `reading_of`: the hooks (validation, exports, the summary), the
desktop application (pane, menus, export), the Python API, the web service's route and
cyber-extract's worker. Nothing else reads a model or runs the rules (the architecture test holds
it); logging the findings is `reporting`'s.

What is kept, where, and why:
- per model, its Disclosure (with the prior filing it is compared with, when the run names one:
  `compare_with`) and last check, in a weak map of this module's own: a closed model is never kept
  alive, and they do not depend on the controller's plugin-data slot, which Arelle
  clears when any run ends (under a threaded web server, another request's run);
- per command-line run (Arelle's command line, a web-service request, an API Session,
  cyber-extract's worker), its settings, for the thread that runs it: Arelle runs a request on
  one thread from start to end, and a threaded server runs several at once on one controller;
- the desktop application's settings (remembered in its config), in the controller's
  plugin-data slot: its Validate runs on threads of its own, with no command line.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final

from arelle.utils.PluginData import PluginData

from ..checks import run_checks
from ..core.comparison import view_of_disclosure
from ..core.disclosure import Disclosure
from ..core.extraction import read_disclosure
from ..core.filing_view import FilingView
from ..core.findings import INTERNAL_ERROR, Finding
from ..core.settings import RuleSettings
from .options import RunSettings

if TYPE_CHECKING:
    from arelle.Cntlr import Cntlr
    from arelle.ModelXbrl import ModelXbrl

STATE_NAME: Final = "cyber_plugin"


@dataclass(frozen=True, eq=False)
class ModelReading:
    """What the plugin read from a loaded model, and what the rules found in it under `rules`."""

    disclosure: Disclosure
    findings: tuple[Finding, ...]
    rules: RuleSettings


def reading_of(modelXbrl: ModelXbrl, rules: RuleSettings | None = None) -> ModelReading:
    """The model's reading under `rules` (by default the run's settings: the command line's, or the
    desktop's saved ones). The model is read once; the rules run again only for other settings."""
    if rules is None:
        settings = settings_of(modelXbrl.modelManager.cntlr)
        rules = settings.rules if settings is not None else RuleSettings()
    kept = _kept_for(modelXbrl)
    reading = kept.reading
    if reading is None or reading.rules != rules:

        def debug(trace: str) -> None:  # a rule's defect: its traceback, beside the internal error
            modelXbrl.log("DEBUG", INTERNAL_ERROR, "%(trace)s", trace=trace)

        reading = kept.reading = ModelReading(
            kept.disclosure, run_checks(kept.disclosure, rules, debug), rules
        )
    return reading


def logged_reading(modelXbrl: ModelXbrl) -> ModelReading | None:
    """The reading whose findings were logged for the model last; None before any was."""
    kept = _kept.get(modelXbrl)
    return None if kept is None else kept.logged


def mark_logged(modelXbrl: ModelXbrl, reading: ModelReading) -> None:
    _kept_for(modelXbrl).logged = reading


def compare_with(modelXbrl: ModelXbrl, prior: FilingView | None) -> Disclosure:
    """From now on the model's reading compares it with `prior` (None: with no filing), and the rules
    run again on the next reading; returns the Disclosure that says so."""
    kept = _kept_for(modelXbrl)
    with _lock:
        kept.disclosure = replace(kept.disclosure, prior=prior)
        kept.reading = None
    return kept.disclosure


def view_of(modelXbrl: ModelXbrl) -> FilingView:
    """What a loaded model says, as comparisons read it: for a prior filing, read as every filing is
    and kept nowhere (its model is closed once the view is taken)."""
    return view_of_disclosure(read_disclosure(modelXbrl))


def forget(modelXbrl: ModelXbrl) -> None:
    """Drop what is kept for the model (it is being measured afresh)."""
    with _lock:
        _kept.pop(modelXbrl, None)


@dataclass
class _Kept:
    disclosure: Disclosure
    reading: ModelReading | None = None  # the last check
    logged: ModelReading | None = None  # the check whose findings were logged


_kept: weakref.WeakKeyDictionary[ModelXbrl, _Kept] = weakref.WeakKeyDictionary()
_lock: Final = threading.Lock()


def _kept_for(modelXbrl: ModelXbrl) -> _Kept:
    with _lock:
        kept = _kept.get(modelXbrl)
    if kept is None:
        # Read outside the lock: another thread's model is not kept waiting for this one.
        read = _Kept(read_disclosure(modelXbrl))
        with _lock:
            kept = _kept.setdefault(modelXbrl, read)
    return kept


# The run's settings.


@dataclass(frozen=True)
class _Run:
    cntlr: weakref.ref[Cntlr]
    settings: RunSettings | None  # None when the run's options were rejected


_this_thread: Final = threading.local()


def begin_run(cntlr: Cntlr, settings: RunSettings | None) -> None:
    """The settings of the command-line run that this thread is starting on `cntlr`; None when
    its options were rejected (the plugin then stands aside for the run)."""
    _this_thread.run = _Run(weakref.ref(cntlr), settings)


def settings_of(cntlr: Cntlr) -> RunSettings | None:
    """The settings of the run on this thread; the desktop's saved settings outside such a run."""
    run: _Run | None = getattr(_this_thread, "run", None)
    if run is not None and run.cntlr() is cntlr:
        return run.settings
    return _desktop_state(cntlr).settings


def set_desktop_settings(cntlr: Cntlr, settings: RunSettings) -> None:
    """The desktop's settings from now on (the settings dialog saved them)."""
    _desktop_state(cntlr).settings = settings


@dataclass
class DesktopState(PluginData):
    settings: RunSettings = field(default_factory=RunSettings)


def _desktop_state(cntlr: Cntlr) -> DesktopState:
    """The controller's plugin state, created on first use: the desktop application's remembered
    settings there, the defaults elsewhere (read only there, so that command-line runs do not load
    the settings dialog's code)."""
    state = cntlr.getPluginData(STATE_NAME)
    if not isinstance(state, DesktopState):  # None before the first use
        settings = RunSettings()
        if getattr(cntlr, "hasGui", False):
            from .desktop_settings import remembered_settings

            settings = remembered_settings(cntlr)
        state = DesktopState(STATE_NAME, settings=settings)
        cntlr.setPluginData(state)
    return state
