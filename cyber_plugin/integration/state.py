"""The plugin's state in a run, in one place: Arelle's plugin-data slot on the controller.

Arelle clears a controller's plugin data when a command-line run ends (and when the desktop
application closes its last filing), so nothing here outlives the run that made it. Readings
and findings are kept per model in weak maps: a closed model is never kept alive by the plugin.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any, Final

from arelle.utils.PluginData import PluginData

from ..core.disclosure import Disclosure
from ..core.extraction import read_disclosure
from ..core.findings import Finding
from ..core.settings import RuleSettings
from .options import RunSettings

STATE_NAME: Final = "cyber_plugin"


@dataclass
class CyberState(PluginData):
    # None when the run's options were rejected: the plugin then stands aside.
    settings: RunSettings | None = field(default_factory=RunSettings)
    readings: weakref.WeakKeyDictionary[Any, Disclosure] = field(default_factory=weakref.WeakKeyDictionary)
    checks: weakref.WeakKeyDictionary[Any, tuple[RuleSettings, tuple[Finding, ...]]] = field(
        default_factory=weakref.WeakKeyDictionary
    )


def state_of(cntlr: Any) -> CyberState:
    """The controller's plugin state, created on first use (with the desktop application's
    remembered settings there, defaults elsewhere)."""
    state = cntlr.getPluginData(STATE_NAME)
    if state is None:
        # The desktop application has no command line: it runs with the remembered settings
        # (read only there, so that command-line runs do not load the settings dialog's code).
        settings = RunSettings()
        if getattr(cntlr, "hasGui", False):
            from .desktop_settings import remembered_settings

            settings = remembered_settings(cntlr)
        state = CyberState(STATE_NAME, settings=settings)
        cntlr.setPluginData(state)
    return state


def _cntlr_of(modelXbrl: Any) -> Any:
    return modelXbrl.modelManager.cntlr


def settings_of(cntlr: Any) -> RunSettings | None:
    """The run's settings; None when the options were rejected."""
    return state_of(cntlr).settings


def set_settings(cntlr: Any, settings: RunSettings | None) -> None:
    state_of(cntlr).settings = settings


def disclosure_of(modelXbrl: Any) -> Disclosure:
    """The model's Disclosure, read on first use and kept while the model and the run last."""
    readings = state_of(_cntlr_of(modelXbrl)).readings
    disclosure = readings.get(modelXbrl)
    if disclosure is None:
        disclosure = readings[modelXbrl] = read_disclosure(modelXbrl)
    return disclosure


def forget(modelXbrl: Any) -> None:
    """Drop the model's reading and findings (it is being reloaded or measured afresh)."""
    state = state_of(_cntlr_of(modelXbrl))
    state.readings.pop(modelXbrl, None)
    state.checks.pop(modelXbrl, None)


def checked(modelXbrl: Any) -> tuple[RuleSettings, tuple[Finding, ...]] | None:
    """The settings and findings of the model's last check, or None."""
    return state_of(_cntlr_of(modelXbrl)).checks.get(modelXbrl)


def remember_check(modelXbrl: Any, settings: RuleSettings, findings: tuple[Finding, ...]) -> None:
    state_of(_cntlr_of(modelXbrl)).checks[modelXbrl] = (settings, findings)
