"""What a rule is, and the small readings of a Disclosure that several rule families share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final

from ..core.catalogue import BY_NAME
from ..core.disclosure import CydFact, Disclosure
from ..core.findings import CODE_PREFIX, Finding, Severity
from ..core.settings import RuleSettings

RuleFunction = Callable[[Disclosure, RuleSettings], Iterator[Finding]]
_SEVERITY_ATTRIBUTE: Final = "cyber_severity"

# A fiscal year's length in days, as DQC_0006 accepts it.
MIN_FISCAL_YEAR_DAYS: Final = 340
MAX_FISCAL_YEAR_DAYS: Final = 390


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    function: RuleFunction

    @property
    def description(self) -> str:
        return " ".join((self.function.__doc__ or "").split())

    @classmethod
    def of(cls, function: RuleFunction) -> Rule:
        return cls(CODE_PREFIX + function.__name__, getattr(function, _SEVERITY_ATTRIBUTE), function)


def rule(severity: Severity) -> Callable[[RuleFunction], RuleFunction]:
    """Mark a function as a rule with its default severity; its name is its code."""

    def mark(function: RuleFunction) -> RuleFunction:
        setattr(function, _SEVERITY_ATTRIBUTE, severity)
        return function

    return mark


def label_of(name: str) -> str:
    concept = BY_NAME.get(name)
    return concept.label if concept else name


def is_annual(disclosure: Disclosure) -> bool:
    return disclosure.filing.is_annual_report


def annual_report_facts(disclosure: Disclosure) -> tuple[CydFact, ...]:
    """The facts that are not about an incident (incident facts follow the incident's dates)."""
    return tuple(fact for fact in disclosure.facts if fact.incident is None)


def texts_of(disclosure: Disclosure, name: str) -> tuple[CydFact, ...]:
    """The facts of a text block that hold some text."""
    return tuple(fact for fact in disclosure.facts_for(name) if fact.has_text)
