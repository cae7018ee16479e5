"""The desktop application's rule settings, remembered in Arelle's config.

The desktop application has no command line, so its runs take the rule settings and 8-K items
that the settings dialog (Tools menu) saved, written in the same syntax as --cyber-rules and
--cyber-8k-items. No Tk here: the plugin state reads these while validating, off the Tk thread.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any, Final

from ..checks import REGISTRY, RULE_CODES
from ..core.findings import CODE_PREFIX, Severity
from ..core.settings import OptionError, RuleSettings, parse_items, parse_rules
from .options import RunSettings

RULES_KEY: Final = "cyberPluginRules"
ITEMS_KEY: Final = "cyberPlugin8kItems"
OFF: Final = "off"


def rules_spec(choices: Mapping[str, str]) -> str:
    """A --cyber-rules spec from each rule's choice ('off' or a severity); defaults are left out."""
    entries = []
    for rule in REGISTRY:
        choice = choices.get(rule.code, rule.severity.value)
        if choice == OFF:
            entries.append("-" + rule.code)
        elif choice != rule.severity.value:
            entries.append(f"{rule.code}={Severity(choice).value}")
    return ",".join(entries)


def rule_choices(rules: RuleSettings) -> dict[str, str]:
    """Each rule's choice ('off' or its severity) under `rules`."""
    return {
        rule.code: OFF if rule.code in rules.disabled else rules.severity_for(rule.code, rule.severity).value
        for rule in REGISTRY
    }


def settings_for(rules: str, items: str | Iterable[str]) -> RunSettings:
    """RunSettings from a rules spec and an item list; raises OptionError."""
    if not isinstance(items, str):
        items = ",".join(items)
    disabled, severities = parse_rules(rules, RULE_CODES, option="Rule settings")
    eight_k_items = parse_items(items, option="8-K items")
    return RunSettings(rules=RuleSettings(disabled, severities, eight_k_items))


def remembered_settings(cntlr: Any) -> RunSettings:
    """The settings saved in Arelle's config; defaults (and one error message) if unusable."""
    try:
        return settings_for(cntlr.config.get(RULES_KEY) or "", cntlr.config.get(ITEMS_KEY) or "")
    except OptionError as error:
        cntlr.addToLog(
            f"The remembered cybersecurity rule settings cannot be used ({error}); the rules run with "
            "their defaults until Tools > Cybersecurity rule settings saves new ones.",
            messageCode=CODE_PREFIX + "invalidOption",
            level=logging.ERROR,
        )
        return RunSettings()


def remember(cntlr: Any, settings: RunSettings) -> None:
    """Save `settings` in Arelle's config file."""
    cntlr.config[RULES_KEY] = rules_spec(rule_choices(settings.rules))
    cntlr.config[ITEMS_KEY] = ",".join(settings.rules.eight_k_items)
    cntlr.saveConfig()
