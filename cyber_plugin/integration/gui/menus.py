"""The plugin's entries in the desktop application's View and Tools menus, and opening the pane."""

from __future__ import annotations

from tkinter import Menu
from tkinter.ttk import PanedWindow
from typing import TYPE_CHECKING, Final

from .. import state
from .export_dialog import EXPORT_MENU_LABEL, export_from_menu
from .pane import CyberView, pane_of, wants_pane
from .settings_dialog import SETTINGS_MENU_LABEL, SettingsDialog

if TYPE_CHECKING:
    from arelle.CntlrWinMain import CntlrWinMain
    from arelle.ModelXbrl import ModelXbrl

VIEW_MENU_LABEL: Final = "Cybersecurity disclosure"
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
    menu.add_command(label=SETTINGS_MENU_LABEL, underline=0, command=lambda: SettingsDialog(cntlr))
