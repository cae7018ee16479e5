"""Findings and exports as Arelle log messages: each check logs its findings once per pass, and
each export says whether it was written."""

from __future__ import annotations

from typing import Any

from ..checks import run_checks
from ..core.disclosure import Disclosure
from ..core.findings import CODE_PREFIX, INTERNAL_ERROR, Finding
from ..core.settings import OptionError, RuleSettings
from ..outputs import write_export
from . import state


def findings_for(
    modelXbrl: Any, disclosure: Disclosure, settings: RuleSettings, refresh: bool = False
) -> tuple[Finding, ...]:
    """The model's findings, computed and logged once per load and reused by exports; `refresh`
    (each validation pass) runs and logs them again."""
    cached = state.checked(modelXbrl)
    if not refresh and cached is not None and cached[0] == settings:
        return cached[1]
    findings = run_checks(
        disclosure, settings, lambda trace: modelXbrl.log("DEBUG", INTERNAL_ERROR, "%(trace)s", trace=trace)
    )
    log_findings(modelXbrl, findings)
    state.remember_check(modelXbrl, settings, findings)
    return findings


def cached_findings(modelXbrl: Any) -> tuple[Finding, ...] | None:
    """The findings of the model's last check, or None when it has not been checked."""
    cached = state.checked(modelXbrl)
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


def export_and_report(
    modelXbrl: Any, path: str, disclosure: Disclosure, findings: tuple[Finding, ...]
) -> bool:
    """Write one export and log the outcome (CYBER.exported or CYBER.exportFailed)."""
    try:
        written = write_export(path, disclosure, findings)
    except (OSError, OptionError) as error:
        modelXbrl.error(
            CODE_PREFIX + "exportFailed",
            "Could not write the cybersecurity export %(path)s: %(error)s. Nothing was written; "
            "check that the folder exists and is writable.",
            modelObject=modelXbrl.modelDocument,
            path=path,
            error=str(error),
        )
        return False
    modelXbrl.info(
        CODE_PREFIX + "exported",
        "Wrote the cybersecurity disclosure to %(path)s",
        modelObject=modelXbrl.modelDocument,
        path=str(written),
    )
    return True
