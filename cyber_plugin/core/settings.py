"""How a run wants the rules: switched off, re-graded, and the 8-K's item list."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from .findings import CODE_PREFIX, Severity

INCIDENT_ITEM: Final = "1.05"
_ITEM_PATTERN: Final = re.compile(r"^\d{1,2}\.\d{2}$")


class OptionError(ValueError):
    """A plugin option whose value cannot be used; the message says what is accepted."""


@dataclass(frozen=True)
class RuleSettings:
    disabled: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    eight_k_items: tuple[str, ...] = ()

    def severity_for(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)

    @property
    def reports_incident_item(self) -> bool:
        return INCIDENT_ITEM in self.eight_k_items


def _full_code(name: str) -> str:
    name = name.strip()
    return name if name.startswith(CODE_PREFIX) else CODE_PREFIX + name


def parse_rules(
    spec: str | None, known_codes: Iterable[str], option: str
) -> tuple[frozenset[str], dict[str, Severity]]:
    """Parse '-CYBER.a,CYBER.b=error': '-code' switches a rule off, 'code=level' re-grades it.
    `option` names the option in error messages, as the user typed it."""
    known = tuple(known_codes)
    disabled: set[str] = set()
    severities: dict[str, Severity] = {}
    levels = ", ".join(s.value for s in Severity)
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
                f"nor 'CODE=LEVEL' (LEVEL one of {levels})"
            )
        if code not in known:
            raise OptionError(f"{option} names unknown rule {code!r}; known rules: {', '.join(known)}")
        if level is None:
            disabled.add(code)
            continue
        try:
            severities[code] = Severity(level.strip().lower())
        except ValueError:
            raise OptionError(f"{option} level {level!r} for {code} is not one of {levels}") from None
    return frozenset(disabled), severities


def parse_items(spec: str | None, option: str) -> tuple[str, ...]:
    """Parse an 8-K item list such as '1.05,9.01'; `option` names the option in error messages,
    as the user typed it."""
    items: list[str] = []
    for entry in (spec or "").replace(";", ",").split(","):
        entry = entry.strip()
        if not entry:
            continue
        if not _ITEM_PATTERN.match(entry):
            raise OptionError(
                f"{option} entry {entry!r} is not an 8-K item number; "
                "give a comma-separated list such as 1.05,9.01"
            )
        items.append(entry)
    return tuple(items)
