"""Drives the real Arelle desktop application through Tools > Cybersecurity rule settings: changes
rules and the 8-K items in the dialog's own widgets, validates, and writes what it observed as
JSON for test_gui_settings.py to check.

Usage: python gui_settings_driver.py FILING TAXONOMY_CACHE OUT_FOLDER
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from gui_driver import SCREEN, enable_plugin_like_a_user, menu_labels, pump, rows, screenshot


def tools_menu(cntlr: Any) -> Any:
    return cntlr.menubar.nametowidget(cntlr.menubar.entrycget("Tools", "menu"))


def open_dialog(root: Any, cntlr: Any, label: str) -> Any:
    """Invoke the Tools menu entry and return the dialog's window."""
    tools = tools_menu(cntlr)
    tools.invoke(menu_labels(tools).index(label))
    return pump(
        root, lambda: next((w for w in root.winfo_children() if w.winfo_class() == "Toplevel"), None), 10
    )


def widgets(window: Any) -> list[Any]:
    found = []
    for child in window.winfo_children():
        found += [child, *widgets(child)]
    return found


def rule_settings(window: Any) -> dict[str, Any]:
    """Each rule's Combobox, found by the row of the label that names the rule."""
    labels = {w.cget("text"): w for w in widgets(window) if w.winfo_class() == "TLabel"}
    combos = {}
    for code, label in labels.items():
        if str(code).startswith("CYBER."):
            row = label.grid_info()["row"]
            combos[code] = next(w for w in label.master.grid_slaves(row=row, column=2))
    return combos


def button(window: Any, text: str) -> Any:
    return next(w for w in widgets(window) if w.winfo_class() == "TButton" and w.cget("text") == text)


def validate(root: Any, cntlr: Any, view: Any) -> list[dict[str, Any]]:
    view.findings = None
    cntlr.validate()
    pump(root, lambda: view.findings is not None, 60)
    root.update()
    return [{k: v for k, v in r.items() if k != "row"} for r in rows(view.treeView)]


def main() -> None:
    filing, cache, out = (Path(argument) for argument in sys.argv[1:4])
    enable_plugin_like_a_user()

    from tkinter import Tk

    from arelle.CntlrWinMain import CntlrWinMain
    from PIL import ImageGrab

    from cyber_plugin.integration.gui import export_dialog, pane, settings_dialog

    root = Tk()
    cntlr = CntlrWinMain(root)
    root.geometry(f"{SCREEN[0]}x{SCREEN[1]}+0+0")
    cntlr.webCache.workOffline = True
    cntlr.webCache.cacheDir = str(cache)
    observed: dict[str, Any] = {}

    def open_filing() -> Any:
        cntlr.fileOpenFile(str(filing))
        view = pump(root, lambda: cntlr.modelManager.modelXbrl and pane.pane_of(cntlr.modelManager.modelXbrl))
        root.update()
        return view

    view = open_filing()
    paned = cntlr.tabWinTopRt.master.master
    observed["top_share"] = cntlr.tabWinTopRt.winfo_height() / paned.winfo_height()
    observed["default_rows"] = validate(root, cntlr, view)

    window = open_dialog(root, cntlr, settings_dialog.SETTINGS_MENU_LABEL)
    observed["dialog_title"] = window.title()
    combos = rule_settings(window)
    observed["dialog_rules"] = sorted(combos)
    observed["dialog_choices_offered"] = list(combos["CYBER.textWithoutFlag"].cget("values"))
    combos["CYBER.textWithoutFlag"].set("error")
    combos["CYBER.missingElement"].set("off")
    items = next(w for w in widgets(window) if w.winfo_class() == "TEntry")
    items.delete(0, "end")
    items.insert(0, "1.5x")
    button(window, "OK").invoke()
    root.update()
    labels = [str(w.cget("text")) for w in widgets(window) if w.winfo_class() == "TLabel"]
    observed["bad_items_problem"] = next((text for text in labels if "not an 8-K item" in text), None)
    observed["dialog_open_after_bad_items"] = bool(window.winfo_exists())
    observed["config_before_ok"] = json.loads(Path(cntlr.configJsonFile).read_text()).get("cyberPluginRules")
    items.delete(0, "end")
    items.insert(0, "1.05, 9.01")
    root.update()
    left, top = window.winfo_rootx(), window.winfo_rooty()
    ImageGrab.grab(bbox=(left, top, left + window.winfo_width(), top + window.winfo_height())).save(
        out / "gui-settings-dialog.png"
    )
    button(window, "OK").invoke()
    root.update()
    observed["dialog_closed_after_ok"] = not window.winfo_exists()
    saved = json.loads(Path(cntlr.configJsonFile).read_text(encoding="utf-8"))
    observed["saved_rules"] = saved.get("cyberPluginRules")
    observed["saved_items"] = saved.get("cyberPlugin8kItems")
    observed["regraded_rows"] = validate(root, cntlr, view)
    screenshot(root, view, out / "gui-pane-regraded.png")
    observed["pane_height"] = view.treeView.winfo_height()
    observed["window_height"] = root.winfo_height()

    # Closing the filing clears the plugin's state; the remembered settings still apply, to an
    # export made before Validate (what the export dialog's worker does) as to the next Validate.
    cntlr.fileClose()
    root.update()
    view = open_filing()
    export = out / "export-before-validate.json"
    export_dialog.export_in_background(cntlr, cntlr.modelManager.modelXbrl, str(export))
    exported = json.loads(export.read_text(encoding="utf-8"))["findings"]
    observed["export_before_validate"] = [[f["code"], f["severity"]] for f in exported]
    pump(root, lambda: view.findings is not None, 10)
    observed["pane_after_export"] = [[f.code, f.severity.value] for f in view.findings or ()]
    observed["rows_after_reopen"] = validate(root, cntlr, view)

    window = open_dialog(root, cntlr, settings_dialog.SETTINGS_MENU_LABEL)
    combos = rule_settings(window)
    observed["dialog_shows_remembered"] = {
        code: combos[code].get()
        for code in ("CYBER.textWithoutFlag", "CYBER.missingElement", "CYBER.duplicate")
    }
    observed["dialog_shows_items"] = next(w for w in widgets(window) if w.winfo_class() == "TEntry").get()
    button(window, "Defaults").invoke()
    button(window, "OK").invoke()
    root.update()
    observed["saved_after_defaults"] = json.loads(Path(cntlr.configJsonFile).read_text()).get(
        "cyberPluginRules"
    )
    observed["rows_after_defaults"] = validate(root, cntlr, view)

    (out / "observed-settings.json").write_text(json.dumps(observed, indent=2, default=str), encoding="utf-8")
    cntlr.fileClose()
    root.update()
    root.destroy()


if __name__ == "__main__":
    main()
