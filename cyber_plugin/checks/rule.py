"""What a rule is, and the small readings of a Disclosure that several rule families share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final

from ..core.catalogue import BY_NAME
from ..core.disclosure import CydFact, Disclosure
from ..core.findings import CODE_PREFIX, Finding, Severity, Subject
from ..core.settings import RuleSettings

RuleFunction = Callable[[Disclosure, RuleSettings], Iterator[Finding]]
# What @rule marks a function with: its default severity and what its findings are about.
_MARK_ATTRIBUTE: Final = "cyber_rule"

# A fiscal year's length in days, as DQC_0006 accepts it.
MIN_FISCAL_YEAR_DAYS: Final = 340
MAX_FISCAL_YEAR_DAYS: Final = 390


@dataclass(frozen=True)
class RuleMark:
    severity: Severity
    about: Subject


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    function: RuleFunction
    about: Subject = Subject.FACTS

    @property
    def description(self) -> str:
        return " ".join((self.function.__doc__ or "").split())

    @classmethod
    def of(cls, function: RuleFunction) -> Rule:
        """The rule that `function` is; TypeError when @rule did not mark it."""
        mark = rule_mark(function)
        if mark is None:
            raise TypeError(f"{function.__qualname__} is not marked with @rule")
        return cls(CODE_PREFIX + function.__name__, mark.severity, function, mark.about)


def rule(severity: Severity, about: Subject = Subject.FACTS) -> Callable[[RuleFunction], RuleFunction]:
    """Mark a function as a rule with its default severity, and what its findings are about (the
    section as filed, for a rule that reads it); its name is its code. A marked function runs only
    once REGISTRY lists it (a test holds the two together)."""

    def mark(function: RuleFunction) -> RuleFunction:
        setattr(function, _MARK_ATTRIBUTE, RuleMark(severity, about))
        return function

    return mark


def rule_mark(function: object) -> RuleMark | None:
    """How @rule marked `function`; None for any other object."""
    mark = getattr(function, _MARK_ATTRIBUTE, None)
    return mark if isinstance(mark, RuleMark) else None


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
