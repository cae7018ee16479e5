"""Running the rule catalogue over a Disclosure and logging the findings as Arelle messages."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Final

from ..disclosure import Disclosure
from .findings import Finding, Severity, report
from .rules import Rule, registry
from .settings import CODE_PREFIX, RuleSettings

INTERNAL_ERROR: Final = CODE_PREFIX + "internalError"
RULE_CODES: Final = tuple(r.code for r in registry)
_FINDINGS_ATTRIBUTE: Final = "cyberPluginFindings"

__all__ = ["RULE_CODES", "Finding", "Rule", "RuleSettings", "Severity", "registry", "run_checks"]


def run_checks(
    disclosure: Disclosure,
    settings: RuleSettings,
    debug: Callable[[str], None] | None = None,
) -> tuple[Finding, ...]:
    """Every enabled rule, in catalogue order; a rule that fails becomes one internal error
    (its traceback goes to `debug`)."""
    findings: list[Finding] = []
    for rule in registry:
        if rule.code in settings.disabled:
            continue
        severity = settings.severity_for(rule.code, rule.severity)
        try:
            findings.extend(
                replace(f, code=rule.code, severity=severity) for f in rule.function(disclosure, settings)
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


def findings_for(
    modelXbrl: Any, disclosure: Disclosure, settings: RuleSettings, refresh: bool = False
) -> tuple[Finding, ...]:
    """The model's findings, computed and logged once per load and reused by exports; `refresh`
    (each validation pass) runs and logs them again."""
    cached = getattr(modelXbrl, _FINDINGS_ATTRIBUTE, None)
    if not refresh and cached is not None and cached[0] == settings:
        return cached[1]
    findings = run_checks(
        disclosure, settings, lambda trace: modelXbrl.log("DEBUG", INTERNAL_ERROR, "%(trace)s", trace=trace)
    )
    log_findings(modelXbrl, findings)
    setattr(modelXbrl, _FINDINGS_ATTRIBUTE, (settings, findings))
    return findings


def cached_findings(modelXbrl: Any) -> tuple[Finding, ...] | None:
    """The findings of the model's last check, or None when it has not been checked."""
    cached = getattr(modelXbrl, _FINDINGS_ATTRIBUTE, None)
    return None if cached is None else cached[1]


def log_findings(modelXbrl: Any, findings: tuple[Finding, ...]) -> None:
    for finding in findings:
        model_objects = [f.model_object for f in finding.facts if f.model_object is not None]
        modelXbrl.log(
            finding.severity.arelle_level,
            finding.code,
            finding.template,
            modelObject=model_objects or modelXbrl.modelDocument,
            **dict(finding.arguments),
        )


def rule_table_markdown() -> str:
    """The README's rule table, generated from the rules' docstrings."""
    rows = ["| code | severity | fires when |", "|---|---|---|"]
    rows += [f"| `{r.code}` | {r.severity.value} | {r.description} |" for r in registry]
    return "\n".join(rows)
