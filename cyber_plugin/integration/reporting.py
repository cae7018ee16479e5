"""Findings and exports as Arelle log messages: a model's findings are logged once per load (and
again on each validation pass), and each export says whether it was written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.findings import CODE_PREFIX, Finding
from ..core.settings import OptionError
from ..outputs import write_export
from . import state
from .state import ModelReading

if TYPE_CHECKING:
    from arelle.ModelXbrl import ModelXbrl


def reported_reading(modelXbrl: ModelXbrl, again: bool = False) -> ModelReading:
    """The model's reading under the run's settings, its findings logged unless they already were
    for this reading; `again` (each validation pass) logs them anyway. The desktop's views show
    the findings logged."""
    reading = state.reading_of(modelXbrl)
    if again or state.logged_reading(modelXbrl) is not reading:
        log_findings(modelXbrl, reading.findings)
        state.mark_logged(modelXbrl, reading)
        # The desktop application's views update on the Tk thread (this may be a background one).
        ui_queue = getattr(modelXbrl.modelManager.cntlr, "uiThreadQueue", None)
        if ui_queue is not None:
            for view in list(modelXbrl.views):
                show_findings = getattr(view, "show_findings", None)
                if show_findings is not None:
                    ui_queue.put((show_findings, [reading.findings]))
    return reading


def log_findings(modelXbrl: ModelXbrl, findings: tuple[Finding, ...]) -> None:
    for finding in findings:
        model_objects = [f.model_object for f in finding.facts if f.model_object is not None]
        modelXbrl.log(
            finding.severity.arelle_level,
            finding.code,
            finding.template,
            modelObject=model_objects or modelXbrl.modelDocument,
            **dict(finding.arguments),
        )


def export_and_report(modelXbrl: ModelXbrl, path: str, reading: ModelReading) -> bool:
    """Write one export and log the outcome (CYBER.exported or CYBER.exportFailed)."""
    try:
        written = write_export(path, reading.disclosure, reading.findings)
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
