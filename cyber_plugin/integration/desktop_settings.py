"""The desktop application's rule settings, remembered in Arelle's config.

The desktop application has no command line, so its runs take the rule settings and 8-K items
that the settings dialog (Tools menu) saved, written by the settings codec in the same syntax as
--cyber-rules and --cyber-8k-items. No Tk here: the plugin state reads these while validating,
off the Tk thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..core.findings import CODE_PREFIX
from ..core.settings import OptionError
from . import settings_codec
from .options import RunSettings

if TYPE_CHECKING:
    from arelle.Cntlr import Cntlr


def remembered_settings(cntlr: Cntlr) -> RunSettings:
    """The settings saved in Arelle's config; defaults (and one error message) if unusable."""
    try:
        return RunSettings(rules=settings_codec.parse(cntlr.config, settings_codec.DESKTOP_CONFIG))
    except OptionError as error:
        cntlr.addToLog(
            f"The remembered cybersecurity rule settings cannot be used ({error}); the rules run with "
            "their defaults until Tools > Cybersecurity rule settings saves new ones.",
            messageCode=CODE_PREFIX + "invalidOption",
            level=logging.ERROR,
        )
        return RunSettings()


def remember(cntlr: Cntlr, settings: RunSettings) -> None:
    """Save `settings` in Arelle's config file."""
    cntlr.config.update(settings_codec.write(settings.rules, settings_codec.DESKTOP_CONFIG))
    cntlr.saveConfig()
