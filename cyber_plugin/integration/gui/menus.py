"""The plugin's entries in the desktop application's View and Tools menus, and opening the pane."""

from __future__ import annotations

from tkinter import Menu
from typing import Any, Final

from .. import state
from .export_dialog import EXPORT_MENU_LABEL, export_from_menu
from .pane import CyberView, pane_of, wants_pane

VIEW_MENU_LABEL: Final = "Cybersecurity disclosure"


def show_pane(cntlr: Any, modelXbrl: Any, select: bool = False) -> CyberView | None:
    """Open the pane for a loaded filing (or bring it forward), when the filing calls for one."""
    view = pane_of(modelXbrl)
    if view is None:
        disclosure = state.disclosure_of(modelXbrl)
        if not wants_pane(disclosure):
            return None
        view = CyberView(cntlr, modelXbrl, disclosure)
    if select:
        view.select()
    return view


def add_view_menu(cntlr: Any, menu: Menu) -> None:
    def reopen() -> None:
        modelXbrl = cntlr.modelManager.modelXbrl
        if modelXbrl is None or modelXbrl.modelDocument is None:
            cntlr.showStatus("No filing loaded", 5000)
        elif show_pane(cntlr, modelXbrl, select=True) is None:
            cntlr.showStatus("This filing has no cybersecurity disclosure and needs none", 5000)

    menu.add_command(label=VIEW_MENU_LABEL, underline=0, command=reopen)


def add_tools_menu(cntlr: Any, menu: Menu) -> None:
    menu.add_command(label=EXPORT_MENU_LABEL, underline=0, command=lambda: export_from_menu(cntlr))
