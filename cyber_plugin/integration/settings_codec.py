"""The rule settings' one codec: read from wherever a user gives them, and written back.

A run's rule settings are two values: a rules spec ('-CODE' switches a rule off, 'CODE=LEVEL'
re-grades it, comma-separated) and the 8-K item list ('1.05,9.01'). Every source holds the same
two values under its own names, a `Spelling`: Arelle's command line and cyber-extract's (their
parsed options), the REST query and Arelle's `pluginOptions`, the desktop application's config,
the Python API's keywords, and the settings file stored with a dataset.

Settings compare by meaning, not spelling: `parse` gives each meaning one RuleSettings (a rule
re-graded to its own default is no change, a rule switched off has no grade, the items are a set
in item order), and `write` spells it one way, so that parse(write(s)) == s for every source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from ..checks import REGISTRY
from ..core.findings import CODE_PREFIX, Severity
from ..core.settings import OptionError, RuleSettings

PLUGIN_PREFIX: Final = "--cyber-"  # Arelle's command line: --cyber-rules
SHORT_PREFIX: Final = "--"  # cyber-extract's: --rules
RULES_STEM: Final = "rules"
ITEMS_STEM: Final = "8k-items"
# The parsed options' attributes, which are also the REST query's and `pluginOptions`' keys.
RULES_DEST: Final = "cyberRules"
ITEMS_DEST: Final = "cyber8kItems"
OFF: Final = "off"  # a rule's choice besides its severities
CHOICES: Final = (*(severity.value for severity in Severity), OFF)
_ITEM_PATTERN: Final = re.compile(r"^(\d{1,2})\.(\d{2})$")
_LEVELS: Final = ", ".join(severity.value for severity in Severity)


@dataclass(frozen=True)
class Spelling:
    """Where a source keeps the two values, and how its messages name them."""

    rules_key: str
    items_key: str
    rules_name: str
    items_name: str


ARELLE_OPTIONS: Final = Spelling(
    RULES_DEST, ITEMS_DEST, PLUGIN_PREFIX + RULES_STEM, PLUGIN_PREFIX + ITEMS_STEM
)
EXTRACT_OPTIONS: Final = Spelling(
    RULES_DEST, ITEMS_DEST, SHORT_PREFIX + RULES_STEM, SHORT_PREFIX + ITEMS_STEM
)
QUERY: Final = Spelling(RULES_DEST, ITEMS_DEST, RULES_DEST, ITEMS_DEST)  # and Arelle's pluginOptions
DESKTOP_CONFIG: Final = Spelling("cyberPluginRules", "cyberPlugin8kItems", "Rule settings", "8-K items")
API_KEYWORDS: Final = Spelling("rules", "eight_k_items", "rules", "eight_k_items")
STORED_SETTINGS: Final = Spelling(
    SHORT_PREFIX + RULES_STEM, SHORT_PREFIX + ITEMS_STEM, SHORT_PREFIX + RULES_STEM, SHORT_PREFIX + ITEMS_STEM
)
SPELLINGS: Final = (ARELLE_OPTIONS, EXTRACT_OPTIONS, QUERY, DESKTOP_CONFIG, API_KEYWORDS, STORED_SETTINGS)


def parse(values: Mapping[str, object], spelling: Spelling) -> RuleSettings:
    """The settings that `values` (parsed options' vars(), a query, a config, keywords, a stored
    file's options) hold under `spelling`; raises OptionError naming the value as the source does."""
    disabled, severities = parse_rules(_text(values.get(spelling.rules_key)), spelling.rules_name)
    return RuleSettings(
        disabled, severities, parse_items(_text(values.get(spelling.items_key)), spelling.items_name)
    )


def write(settings: RuleSettings, spelling: Spelling) -> dict[str, str]:
    """The settings as `spelling`'s source holds them: each meaning spelt one way."""
    return {spelling.rules_key: rules_text(settings), spelling.items_key: ",".join(_items_in_order(settings))}


def parse_rules(spec: str | None, option: str) -> tuple[frozenset[str], dict[str, Severity]]:
    """'-CYBER.a,CYBER.b=error' (the CYBER. prefix may be left out) as the codes switched off and
    the grades that differ from the rules' defaults; a later entry for a code wins over an earlier
    one, and a rule switched off stays off. `option` names the value in messages."""
    defaults = _defaults()
    disabled: set[str] = set()
    severities: dict[str, Severity] = {}
    for entry in (spec or "").split(","):
        entry = entry.strip()
        if not entry:
            continue
        if entry.startswith("-"):
            code, level = _full_code(entry[1:]), None
        elif "=" in entry:
            name, _, level = entry.partition("=")
            code = _full_code(name)
        else:
            raise OptionError(
                f"{option} entry {entry!r} is neither '-CODE' (switch a rule off) "
                f"nor 'CODE=LEVEL' (LEVEL one of {_LEVELS})"
            )
        if code not in defaults:
            raise OptionError(f"{option} names unknown rule {code!r}; known rules: {', '.join(defaults)}")
        if level is None:
            disabled.add(code)
            continue
        try:
            severities[code] = Severity(level.strip().lower())
        except ValueError:
            raise OptionError(f"{option} level {level!r} for {code} is not one of {_LEVELS}") from None
    regraded = {
        code: severity
        for code, severity in severities.items()
        if code not in disabled and severity is not defaults[code]
    }
    return frozenset(disabled), regraded


def parse_items(spec: str | None, option: str) -> tuple[str, ...]:
    """An 8-K item list such as '1.05,9.01' (commas or semicolons), in item order, each item once;
    `option` names the value in messages."""
    items: set[tuple[int, str]] = set()
    for entry in (spec or "").replace(";", ",").split(","):
        entry = entry.strip()
        if not entry:
            continue
        match = _ITEM_PATTERN.match(entry)
        if match is None:
            raise OptionError(
                f"{option} entry {entry!r} is not an 8-K item number; "
                "give a comma-separated list such as 1.05,9.01"
            )
        items.add((int(match[1]), match[2]))
    return tuple(f"{item}.{part}" for item, part in sorted(items))


def rules_text(settings: RuleSettings) -> str:
    """The rules spec of `settings`, in the rules' order: '-CODE' for a rule switched off,
    'CODE=LEVEL' for one graded otherwise than its default."""
    choices = choices_of(settings)
    return ",".join(
        f"-{code}" if choice == OFF else f"{code}={choice}"
        for code, choice in choices.items()
        if choice != _defaults()[code].value
    )


def choices_of(settings: RuleSettings) -> dict[str, str]:
    """Each rule's choice under `settings`, in the rules' order: 'off' or its severity."""
    return {
        code: OFF if code in settings.disabled else settings.severity_for(code, default).value
        for code, default in _defaults().items()
    }


def with_choices(choices: Mapping[str, str], items: str, spelling: Spelling = DESKTOP_CONFIG) -> RuleSettings:
    """The settings of each rule's choice ('off' or a severity; a rule not named keeps its default)
    and an item list, as the desktop's dialog gives them; raises OptionError."""
    unknown = sorted(f"{code}={choice}" for code, choice in choices.items() if choice not in CHOICES)
    if unknown:
        raise OptionError(f"{spelling.rules_name}: {', '.join(unknown)} is not one of {', '.join(CHOICES)}")
    spec = ",".join(f"-{code}" if choice == OFF else f"{code}={choice}" for code, choice in choices.items())
    return parse({spelling.rules_key: spec, spelling.items_key: items}, spelling)


def _defaults() -> dict[str, Severity]:
    return {rule.code: rule.severity for rule in REGISTRY}


def _full_code(name: str) -> str:
    name = name.strip()
    return name if name.startswith(CODE_PREFIX) else CODE_PREFIX + name


def _items_in_order(settings: RuleSettings) -> list[str]:
    return list(parse_items(",".join(settings.eight_k_items), "8-K items"))


def _text(value: object) -> str:
    """A source's value as text: nothing for None (and for Arelle's web service's True, a key given
    without a value), a list of items joined with commas."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Iterable):
        return ",".join(str(each) for each in value)
    return str(value)
