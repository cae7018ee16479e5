"""Drives the real Arelle desktop application (CntlrWinMain) with the plugin enabled, on an X
display (Xvfb in the tests), and writes what it observed as JSON for test_gui.py to check.

Usage: python gui_driver.py FILING VARIANT NO_PANE_FILING SECTION_VARIANT INCIDENTS TAXONOMY_CACHE OUT_FOLDER
PRIOR (the filing VARIANT is compared with, through Tools > Compare with prior filing...)
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def enable_plugin_like_a_user() -> None:
    """What Help > Manage plug-ins does: add the installed plugin and save plugins.json."""
    from arelle import PluginManager
    from arelle.Cntlr import Cntlr

    cntlr = Cntlr(hasGui=False)
    PluginManager.addPluginModule("cyber_plugin")
    PluginManager.save(cntlr)
    PluginManager.close()
    cntlr.close()


SCREEN = (1400, 900)


def screenshot(root: Any, view: Any, target: Path) -> None:
    """The main window with the Cybersecurity tab in front."""
    from PIL import ImageGrab

    view.select()
    root.update()
    left, top = root.winfo_rootx(), root.winfo_rooty()
    bbox = (left, top, left + root.winfo_width(), top + root.winfo_height())
    ImageGrab.grab(bbox=bbox, xdisplay=None).save(target)


def pump(root: Any, until: Callable[[], Any], seconds: float = 60.0) -> Any:
    """Run the Tk event loop until `until()` is truthy (or time runs out)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        root.update()
        result = until()
        if result:
            return result
        time.sleep(0.02)
    raise TimeoutError(f"gave up waiting for {until}")


def tabs(cntlr: Any) -> list[str]:
    notebook = cntlr.tabWinTopRt
    return [notebook.tab(tab, "text") for tab in notebook.tabs()]


def rows(tree: Any, parent: str = "") -> list[dict[str, Any]]:
    found = []
    for row in tree.get_children(parent):
        found.append(
            {
                "row": row,
                "label": tree.item(row, "text"),
                "values": list(tree.item(row, "values")),
                "parent": tree.item(parent, "text") if parent else "",
            }
        )
        found += rows(tree, row)
    return found


def shown_rows(tree: Any) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "row"} for r in rows(tree)]


def open_filing(root: Any, cntlr: Any, filing: Path) -> Any:
    """Close what is open, open a filing, and wait for its Cybersecurity pane."""
    from cyber_plugin.integration.gui import pane

    cntlr.fileClose()
    root.update()
    cntlr.fileOpenFile(str(filing))
    view = pump(root, lambda: cntlr.modelManager.modelXbrl and pane.pane_of(cntlr.modelManager.modelXbrl))
    root.update()
    return view


def fact_list_of(modelXbrl: Any) -> Any:
    from arelle.ViewWinFactList import ViewFactList

    return next(v for v in modelXbrl.views if isinstance(v, ViewFactList))


def click(root: Any, widget: Any, index: Any) -> None:
    """A real mouse click on a Text widget's character."""
    widget.see(index)
    root.update()
    x, y, _, _ = widget.bbox(index)
    widget.event_generate("<Button-1>", x=x + 1, y=y + 1)
    root.update()


def section_window_phase(root: Any, cntlr: Any, filing: Path, out: Path, observed: dict[str, Any]) -> None:
    """The section as filed: its row, its window from the context menu with the untagged paragraphs
    highlighted, a click on a paragraph selecting its fact, a fact's row marking its paragraphs."""
    from cyber_plugin.core.suggestion_words import reads_like
    from cyber_plugin.integration.gui import pane

    view = open_filing(root, cntlr, filing)
    observed["section_row"] = [
        view.treeView.item(view.section_row, "text"),
        *view.treeView.item(view.section_row, "values"),
    ]
    view.menu.invoke(menu_labels(view.menu).index(pane.SECTION_MENU_LABEL))
    window = pump(root, lambda: view.section_window, 10)
    root.update()
    paragraphs = window.section.paragraphs
    observed["section_window_title"] = window.window.title()
    observed["section_window_head"] = window.text.get("1.0", "5.0")
    observed["highlighted"] = [paragraphs[i].text for i in window.marked("untagged")]
    ranges = window.text.tag_ranges("suggested")
    observed["suggested_beside"] = [
        window.text.get(a, b) for a, b in zip(ranges[::2], ranges[1::2], strict=True)
    ]
    observed["suggested_words"] = [
        reads_like(view.disclosure.suggestions_for(i)) for i in window.marked("untagged")
    ]

    board = next(
        i for i, p in enumerate(paragraphs) if p.text.startswith("Our board of directors has delegated")
    )
    fact_list = fact_list_of(cntlr.modelManager.modelXbrl)
    click(root, window.text, window.text.tag_ranges(f"paragraph-{board}")[0])
    selected = pump(root, lambda: fact_list.treeView.selection(), 10)
    fact = view.fact_of_row[view.treeView.selection()[0]]
    observed["selected_from_paragraph"] = fact.id
    observed["fact_list_follows_paragraph"] = selected[0] in fact_list.tag_has[fact.model_object.objectId()]

    expertise = next(
        r
        for r, f in view.fact_of_row.items()
        if f.local_name.endswith("ExpertiseOfManagementResponsibleTextBlock")
    )
    view.treeView.selection_set(expertise)
    root.update()
    observed["marked_for_expertise"] = [paragraphs[i].text[:40] for i in window.marked("current")]
    screenshot_window(root, window.window, out / "gui-section.png")
    cntlr.fileClose()
    root.update()
    observed["section_window_after_close"] = bool(window.window.winfo_exists())


def screenshot_window(root: Any, window: Any, target: Path) -> None:
    from PIL import ImageGrab

    window.lift()
    root.update()
    left, top = window.winfo_rootx(), window.winfo_rooty()
    ImageGrab.grab(bbox=(left, top, left + window.winfo_width(), top + window.winfo_height())).save(target)


def incidents_phase(root: Any, cntlr: Any, filing: Path, observed: dict[str, Any]) -> None:
    """Two incidents on the incident axis: a subtree each, findings on the incident's own rows."""
    view = open_filing(root, cntlr, filing)
    cntlr.validate()
    pump(root, lambda: view.findings is not None, 60)
    root.update()
    observed["incident_rows"] = shown_rows(view.treeView)


def compare_phase(root: Any, cntlr: Any, prior: Path, out: Path, observed: dict[str, Any]) -> None:
    """Tools > Compare with prior filing..., the open dialog answered with `prior`: the pane gets
    its changes, the log the findings, and an edited text block's row opens its redline."""
    from cyber_plugin.integration.gui import menus, pane

    modelXbrl = cntlr.modelManager.modelXbrl
    menus.ask_prior_path = lambda cntlr: str(prior)
    tools = cntlr.menubar.nametowidget(cntlr.menubar.entrycget("Tools", "menu"))
    tools.invoke(menu_labels(tools).index(menus.COMPARE_MENU_LABEL))

    def changes_row() -> Any:
        view = pane.pane_of(modelXbrl)
        rows = shown_rows(view.treeView) if view is not None else []
        return view if any(r["label"].startswith("Changes since") for r in rows) else None

    view = pump(root, changes_row, 60)
    root.update()
    observed["compare_rows"] = [
        r
        for r in shown_rows(view.treeView)
        if r["label"].startswith("Changes since") or r["parent"].startswith("Changes since")
    ]
    observed["compare_models"] = len(cntlr.modelManager.loadedModelXbrls)
    observed["compare_log"] = (
        [str(line) for line in cntlr.logView.listBox.get(0, "end") if "CYBER." in str(line)]
        if hasattr(cntlr, "logView")
        else []
    )
    (row,) = list(view.change_rows)[:1]
    view.treeView.selection_set(row)
    root.update()
    view.open_selected_text()
    root.update()
    window = view.text_windows[-1]
    observed["redline_title"] = window.window.title()
    observed["redline_deleted"] = window.shown("deleted")
    observed["redline_inserted"] = window.shown("inserted")
    screenshot(root, view, out / "gui-pane-changes.png")
    window.window.destroy()


def menu_labels(menu: Any) -> list[str]:
    labels = []
    for index in range(menu.index("end") + 1):
        try:
            labels.append(menu.entrycget(index, "label"))
        except Exception:  # separators have no label
            labels.append("")
    return labels


def main() -> None:
    filing, variant, no_pane, section_variant, incidents, cache, out, prior = (Path(a) for a in sys.argv[1:9])
    enable_plugin_like_a_user()

    from tkinter import Tk

    from arelle.CntlrWinMain import CntlrWinMain
    from arelle.ViewWinFactList import ViewFactList

    from cyber_plugin.integration.gui import export_dialog, menus, pane

    root = Tk()
    cntlr = CntlrWinMain(root)
    root.geometry(f"{SCREEN[0]}x{SCREEN[1]}+0+0")  # after the controller restores its own geometry
    cntlr.webCache.workOffline = True
    cntlr.webCache.cacheDir = str(cache)
    observed: dict[str, Any] = {}

    cntlr.fileOpenFile(str(filing))
    view = pump(root, lambda: cntlr.modelManager.modelXbrl and pane.pane_of(cntlr.modelManager.modelXbrl))
    modelXbrl = cntlr.modelManager.modelXbrl
    root.update()
    observed["tabs"] = tabs(cntlr)
    observed["rows"] = shown_rows(view.treeView)
    observed["view_menu"] = menu_labels(cntlr.menubar.nametowidget(cntlr.menubar.entrycget("View", "menu")))
    observed["tools_menu"] = menu_labels(cntlr.menubar.nametowidget(cntlr.menubar.entrycget("Tools", "menu")))

    # Select a row here: the Fact List follows.
    fact_list = next(v for v in modelXbrl.views if isinstance(v, ViewFactList))
    third_party_row = next(
        row for row, fact in view.fact_of_row.items() if fact.local_name.endswith("ThirdPartyEngagedFlag")
    )
    third_party = view.fact_of_row[third_party_row].model_object
    view.treeView.selection_set(third_party_row)
    selected = pump(root, lambda: fact_list.treeView.selection(), 10)
    observed["fact_list_selection_is_fact"] = third_party.objectId() in fact_list.tag_has and (
        selected[0] in fact_list.tag_has[third_party.objectId()]
    )

    # Select a fact in the Fact List: this pane follows.
    other = next(f for f in view.disclosure.facts if f.local_name.endswith("RoleOfManagementTextBlock"))
    fact_list.treeviewEnter()  # as the mouse entering the list does
    fact_list.treeView.selection_set(fact_list.tag_has[other.model_object.objectId()][0])
    pump(
        root,
        lambda: view.treeView.selection() and view.fact_of_row.get(view.treeView.selection()[0]) is not None,
        10,
    )
    observed["pane_selection"] = view.fact_of_row[view.treeView.selection()[0]].id
    fact_list.treeviewLeave()
    for _ in range(20):  # no echo loop: the selection stays put
        root.update()
        time.sleep(0.01)
    observed["pane_selection_after_settling"] = view.fact_of_row[view.treeView.selection()[0]].id

    # The full text of a text block opens in its own window.
    view.open_selected_text()
    root.update()
    opened = view.text_windows[-1] if view.text_windows else None
    observed["text_window_title"] = opened.window.title() if opened else None
    observed["text_window_text"] = opened.text.get("1.0", "end") if opened else ""
    for window in view.text_windows:
        window.window.destroy()

    screenshot(root, view, out / "gui-pane.png")

    # Open the variant with a known finding, validate, and watch the findings column fill.
    cntlr.fileClose()
    root.update()
    observed["tabs_after_close"] = tabs(cntlr)
    cntlr.fileOpenFile(str(variant))
    view = pump(root, lambda: cntlr.modelManager.modelXbrl and pane.pane_of(cntlr.modelManager.modelXbrl))
    root.update()
    observed["before_validation"] = shown_rows(view.treeView)[:3]
    cntlr.validate()
    pump(root, lambda: view.findings is not None, 60)
    root.update()
    observed["after_validation"] = shown_rows(view.treeView)
    screenshot(root, view, out / "gui-pane-validated.png")

    # Tools > Export cybersecurity disclosure..., with the save dialog answered.
    exports = {}
    tools = cntlr.menubar.nametowidget(cntlr.menubar.entrycget("Tools", "menu"))
    for extension in (".json", ".html", ".csv", ".xlsx"):
        target = out / f"menu-export{extension}"
        export_dialog.ask_export_path = lambda cntlr, target=target: str(target)
        tools.invoke(menu_labels(tools).index(export_dialog.EXPORT_MENU_LABEL))
        pump(root, lambda target=target: target.exists(), 30)
        exports[extension] = str(target)
    observed["exports"] = exports
    observed["remembered_folder"] = cntlr.config.get(export_dialog.EXPORT_FOLDER_KEY)
    compare_phase(root, cntlr, prior, out, observed)
    view = pane.pane_of(cntlr.modelManager.modelXbrl)

    # The View menu entry brings the pane back after its tab was closed.
    view.close()
    root.update()
    observed["tabs_without_pane"] = tabs(cntlr)
    view_menu = cntlr.menubar.nametowidget(cntlr.menubar.entrycget("View", "menu"))
    view_menu.invoke(menu_labels(view_menu).index(menus.VIEW_MENU_LABEL))
    root.update()
    observed["tabs_after_reopen"] = tabs(cntlr)

    section_window_phase(root, cntlr, section_variant, out, observed)
    incidents_phase(root, cntlr, incidents, observed)

    # A filing with no cyd facts that needs none gets no pane.
    cntlr.fileClose()
    cntlr.fileOpenFile(str(no_pane))
    pump(root, lambda: cntlr.modelManager.modelXbrl is not None and "Fact List" in tabs(cntlr))
    root.update()
    observed["tabs_for_filing_without_disclosure"] = tabs(cntlr)

    observed["log"] = (
        [str(line) for line in cntlr.logView.listBox.get(0, "end")] if hasattr(cntlr, "logView") else []
    )
    (out / "observed.json").write_text(json.dumps(observed, indent=2, default=str), encoding="utf-8")
    cntlr.fileClose()
    root.update()
    root.destroy()


if __name__ == "__main__":
    main()
