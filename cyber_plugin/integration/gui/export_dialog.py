"""Export from the desktop application: a save dialog, then the export written off the Tk thread."""

from __future__ import annotations

import os
import threading
from tkinter import filedialog
from typing import TYPE_CHECKING, Final

from ...outputs import RENDERERS
from ..guard import guarded
from ..reporting import export_and_report, reported_reading

if TYPE_CHECKING:
    from arelle.CntlrWinMain import CntlrWinMain
    from arelle.ModelXbrl import ModelXbrl

EXPORT_MENU_LABEL: Final = "Export cybersecurity disclosure\u2026"
EXPORT_FOLDER_KEY: Final = "cyberPluginExportFolder"
_FILETYPES: Final = {
    ".json": "JSON",
    ".html": "HTML review report",
    ".csv": "CSV",
    ".changes.csv": "CSV of the changes since the prior filing",
    ".xlsx": "Excel workbook",
}


def ask_export_path(cntlr: CntlrWinMain) -> str:
    """The save dialog; the folder of the last export is remembered in Arelle's config."""
    extensions = sorted(RENDERERS)
    return filedialog.asksaveasfilename(
        parent=cntlr.parent,
        title=EXPORT_MENU_LABEL.rstrip("\u2026"),
        initialdir=cntlr.config.get(EXPORT_FOLDER_KEY) or os.getcwd(),
        defaultextension=".html",
        filetypes=[(_FILETYPES.get(ext, ext), f"*{ext}") for ext in extensions],
    )


def export_from_menu(cntlr: CntlrWinMain, modelXbrl: ModelXbrl | None = None) -> threading.Thread | None:
    """Ask where, then write the export off the Tk thread; the result goes to the log."""
    modelXbrl = modelXbrl or cntlr.modelManager.modelXbrl
    if modelXbrl is None or modelXbrl.modelDocument is None:
        cntlr.showStatus("No filing loaded to export", 5000)
        return None
    path = ask_export_path(cntlr)
    if not path:
        return None
    cntlr.config[EXPORT_FOLDER_KEY] = os.path.dirname(os.path.abspath(path))
    cntlr.saveConfig()
    worker = threading.Thread(target=export_in_background, args=(cntlr, modelXbrl, path), daemon=True)
    worker.start()
    return worker


@guarded
def export_in_background(cntlr: CntlrWinMain, modelXbrl: ModelXbrl, path: str) -> None:
    """The export under the saved rule settings, validated or not (the findings are logged once)."""
    if export_and_report(modelXbrl, path, reported_reading(modelXbrl)):
        cntlr.uiThreadQueue.put((cntlr.showStatus, [f"Exported to {path}", 5000]))
