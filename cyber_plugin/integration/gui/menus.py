"""The plugin's entries in the desktop application's View and Tools menus, and opening the pane.

Tools > "Compare with prior filing..." asks for the prior filing (a file, an archive or a JSON
export), compares the filing in front with it off the Tk thread (`prior.compare_loaded_filing`:
loaded with the application's controller and closed, its messages kept out of the log), checks the
filing again (its findings are logged and shown) and rebuilds the pane with the changes.
"""

from __future__ import annotations

import os
import threading
from tkinter import Menu, filedialog
from tkinter.ttk import PanedWindow
from typing import TYPE_CHECKING, Final

from .. import prior, state
from ..guard import guarded
from ..reporting import reported_reading
from .export_dialog import EXPORT_MENU_LABEL, export_from_menu
from .pane import CyberView, pane_of, wants_pane
from .settings_dialog import SETTINGS_MENU_LABEL, SettingsDialog

if TYPE_CHECKING:
    from arelle.CntlrWinMain import CntlrWinMain
    from arelle.ModelXbrl import ModelXbrl

VIEW_MENU_LABEL: Final = "Cybersecurity disclosure"
COMPARE_MENU_LABEL: Final = "Compare with prior filing\u2026"
COMPARE_FOLDER_KEY: Final = "cyberPluginCompareFolder"
_PRIOR_FILETYPES: Final = (
    ("Inline XBRL or XBRL instance", "*.htm *.html *.xhtml *.xml"),
    ("Archive", "*.zip"),
    ("JSON export", "*.json"),
    ("All files", "*"),
)
# Arelle's default layout gives the top notebooks about 300 px of the window; the pane asks for
# this share of the area above the messages (and never shrinks what the user chose).
USABLE_SHARE: Final = 0.6


def show_pane(cntlr: CntlrWinMain, modelXbrl: ModelXbrl, select: bool = False) -> CyberView | None:
    """Open the pane for a loaded filing (or bring it forward), when the filing calls for one."""
    view = pane_of(modelXbrl)
    if view is None:
        disclosure = state.reading_of(modelXbrl).disclosure
        if not wants_pane(disclosure):
            return None
        view = CyberView(cntlr, modelXbrl, disclosure)
        give_usable_height(cntlr)
    if select:
        view.select()
    return view


def give_usable_height(cntlr: CntlrWinMain) -> None:
    """Move the sash between the top notebooks and the messages down to USABLE_SHARE."""
    above = cntlr.tabWinTopRt.master
    paned = above.master if above is not None else None  # notebooks above, messages below
    if not isinstance(paned, PanedWindow):
        return  # a layout this code does not know: leave it as it is
    paned.update_idletasks()
    wanted = int(paned.winfo_height() * USABLE_SHARE)
    if cntlr.tabWinTopRt.winfo_height() < wanted:
        paned.sashpos(0, wanted)  # type: ignore[no-untyped-call]  # typeshed leaves sashpos unannotated


def add_view_menu(cntlr: CntlrWinMain, menu: Menu) -> None:
    def reopen() -> None:
        modelXbrl = cntlr.modelManager.modelXbrl
        if modelXbrl is None or modelXbrl.modelDocument is None:
            cntlr.showStatus("No filing loaded", 5000)
        elif show_pane(cntlr, modelXbrl, select=True) is None:
            cntlr.showStatus("This filing has no cybersecurity disclosure and needs none", 5000)

    menu.add_command(label=VIEW_MENU_LABEL, underline=0, command=reopen)


def add_tools_menu(cntlr: CntlrWinMain, menu: Menu) -> None:
    menu.add_command(label=EXPORT_MENU_LABEL, underline=0, command=lambda: export_from_menu(cntlr))
    menu.add_command(label=COMPARE_MENU_LABEL, underline=0, command=lambda: compare_from_menu(cntlr))
    menu.add_command(label=SETTINGS_MENU_LABEL, underline=0, command=lambda: SettingsDialog(cntlr))


# Compare with prior filing...


def ask_prior_path(cntlr: CntlrWinMain) -> str:
    """The open dialog; the folder of the last prior filing is remembered in Arelle's config."""
    return filedialog.askopenfilename(
        parent=cntlr.parent,
        title=COMPARE_MENU_LABEL.rstrip("\u2026"),
        initialdir=cntlr.config.get(COMPARE_FOLDER_KEY) or os.getcwd(),
        filetypes=list(_PRIOR_FILETYPES),
    )


def compare_from_menu(cntlr: CntlrWinMain) -> threading.Thread | None:
    """Ask for the prior filing, then compare the filing in front with it off the Tk thread."""
    modelXbrl = cntlr.modelManager.modelXbrl
    if modelXbrl is None or modelXbrl.modelDocument is None:
        cntlr.showStatus("No filing loaded to compare", 5000)
        return None
    path = ask_prior_path(cntlr)
    if not path:
        return None
    cntlr.config[COMPARE_FOLDER_KEY] = os.path.dirname(os.path.abspath(path))
    cntlr.saveConfig()
    cntlr.showStatus(f"Comparing with {path}\u2026")
    worker = threading.Thread(target=compare_in_background, args=(cntlr, modelXbrl, path), daemon=True)
    worker.start()
    return worker


@guarded
def compare_in_background(cntlr: CntlrWinMain, modelXbrl: ModelXbrl, path: str) -> None:
    """Compare, check again (the findings are logged and shown), and rebuild the pane."""
    if not prior.compare_loaded_filing(modelXbrl, path):
        cntlr.uiThreadQueue.put((cntlr.showStatus, ["The prior filing could not be read: see the log", 5000]))
        return
    reading = reported_reading(modelXbrl, again=True)

    def show() -> None:
        view = show_pane(cntlr, modelXbrl, select=True)
        if view is not None:
            view.show_reading(reading.disclosure, reading.findings)
        cntlr.showStatus(f"Compared with {path}", 5000)

    cntlr.uiThreadQueue.put((show, []))
