"""Findings: what a rule reports, with code, severity and the facts it is about."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from .disclosure import CydFact

CODE_PREFIX: Final = "CYBER."
INTERNAL_ERROR: Final = CODE_PREFIX + "internalError"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def arelle_level(self) -> str:
        return self.name


class Subject(StrEnum):
    """What a rule's findings are about, for the outputs that link a finding to it: the facts and
    elements it names, and also the Item 1C / 16K section as filed, or the changes since the prior
    filing the run compares the filing with. A rule says it itself (`@rule(severity, about=...)`);
    the runner puts it on each finding."""

    FACTS = "facts"
    SECTION = "section"
    CHANGES = "changes"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    template: str
    arguments: tuple[tuple[str, str], ...]
    facts: tuple[CydFact, ...] = ()
    concepts: tuple[str, ...] = ()
    about: Subject = Subject.FACTS

    @property
    def message(self) -> str:
        return self.template % dict(self.arguments)

    @property
    def fact_ids(self) -> tuple[str, ...]:
        return tuple(fact.id for fact in self.facts if fact.id)

    @property
    def concept_names(self) -> tuple[str, ...]:
        """Concepts named by the finding: its facts' concepts, then any it names without facts."""
        names = dict.fromkeys(fact.local_name for fact in self.facts)
        names.update(dict.fromkeys(self.concepts))
        return tuple(names)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "concepts": list(self.concept_names),
            "factIds": list(self.fact_ids),
        }


def report(
    template: str,
    facts: tuple[CydFact, ...] | list[CydFact] = (),
    concepts: tuple[str, ...] | list[str] = (),
    **arguments: object,
) -> Finding:
    """A finding as a rule yields it; the runner fills in the rule's code and severity."""
    return Finding(
        code="",
        severity=Severity.INFO,
        template=template,
        arguments=tuple((name, str(value)) for name, value in arguments.items()),
        facts=tuple(facts),
        concepts=tuple(concepts),
    )
