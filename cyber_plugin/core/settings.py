"""How a run wants the rules: switched off, re-graded, and the 8-K's item list.

Read and written by `integration/settings_codec`, the one codec for every source of settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from .findings import Severity

INCIDENT_ITEM: Final = "1.05"


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
