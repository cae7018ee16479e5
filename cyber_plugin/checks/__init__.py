"""The rule catalogue and the runner: pure functions of a Disclosure and the run's settings.

Rules live in family modules, one function each, marked with @rule, named after its code, its
docstring the rule. `REGISTRY` lists every one and fixes the order in which they run and report.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from ..core.disclosure import Disclosure
from ..core.findings import INTERNAL_ERROR, Finding, Severity, report
from ..core.settings import RuleSettings
from . import changes, completeness, context, duplicates, incident, section_rules, text
from .rule import Rule

REGISTRY: Final[tuple[Rule, ...]] = tuple(
    Rule.of(function)
    for function in (
        completeness.missingDisclosure,
        completeness.missingElement,
        completeness.flagWithoutText,
        completeness.textWithoutFlag,
        text.flagFalseWithText,
        duplicates.inconsistentDuplicate,
        duplicates.duplicate,
        context.periodMismatch,
        context.dimensionalContext,
        context.entityMismatch,
        completeness.emptyTextBlock,
        completeness.invalidFlag,
        context.hiddenFact,
        context.formMismatch,
        context.taxonomyYear,
        context.unknownConcept,
        incident.incidentIncomplete,
        incident.incidentNotTagged,
        text.textContradictsFlag,
        text.textReadsLikeOther,
        section_rules.untaggedText,
        section_rules.sectionByReference,
        changes.elementDropped,
        changes.flagChanged,
    )
)
RULE_CODES: Final = tuple(r.code for r in REGISTRY)

__all__ = ["REGISTRY", "RULE_CODES", "Rule", "run_checks"]


def run_checks(
    disclosure: Disclosure,
    settings: RuleSettings,
    debug: Callable[[str], None] | None = None,
) -> tuple[Finding, ...]:
    """Every enabled rule, in registry order; a rule that fails becomes one internal error
    (its traceback goes to `debug`)."""
    findings: list[Finding] = []
    for rule in REGISTRY:
        if rule.code in settings.disabled:
            continue
        severity = settings.severity_for(rule.code, rule.severity)
        try:
            findings.extend(
                replace(f, code=rule.code, severity=severity, about=rule.about)
                for f in rule.function(disclosure, settings)
            )
        except Exception as error:  # one broken rule must not silence the others
            if debug is not None:
                debug(traceback.format_exc())
            failure = report(
                "Rule %(rule)s failed and was skipped: %(error)s. Please report this with the filing.",
                rule=rule.code,
                error=f"{type(error).__name__}: {error}",
            )
            findings.append(replace(failure, code=INTERNAL_ERROR, severity=Severity.ERROR))
    return tuple(findings)
