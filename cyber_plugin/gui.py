"""The Cybersecurity pane in Arelle's desktop application, and its menu commands.

This is the only module that imports Tk; `hooks` imports it only from the GUI's hooks. The pane
reads the same Disclosure as every other consumer and shows the findings of the last check.
"""

from __future__ import annotations

import os
import threading
from datetime import date
from tkinter import END, WORD, Menu, Toplevel, filedialog
from tkinter.scrolledtext import ScrolledText
from typing import Any, Final

from arelle.ViewWinTree import ViewTree

from .catalogue import (
    REQUIRED_ANNUAL_CONCEPTS,
    REQUIRED_ANNUAL_FORMS,
    REQUIREMENT_START,
    Concept,
    FormFamily,
    Section,
)
from .checks import cached_findings, findings_for
from .checks.findings import Finding, Severity, describe_counts
from .checks.settings import RuleSettings
from .disclosure import CydFact, Disclosure, Period
from .export import RENDERERS
from .extraction import extract
from .hooks import export_and_report, guarded

TAB_TITLE: Final = "Cybersecurity"
VIEW_MENU_LABEL: Final = "Cybersecurity disclosure"
EXPORT_MENU_LABEL: Final = "Export cybersecurity disclosure\u2026"
EXPORT_FOLDER_KEY: Final = "cyberPluginExportFolder"
COLUMNS: Final = ("value", "period", "findings")
NOT_VALIDATED: Final = "Not checked yet: Tools > Validation > Validate runs the consistency checks"
_FIRST_LINE_LIMIT: Final = 160
_TOOLTIP_LIMIT: Final = 1500
_SEVERITY_ORDER: Final = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_FLAG_WORDS: Final = {True: "Yes", False: "No"}
_FILETYPES: Final = {
    ".json": "JSON",
    ".html": "HTML review report",
    ".csv": "CSV",
    ".xlsx": "Excel workbook",
}


def wants_pane(disclosure: Disclosure) -> bool:
    """A filing with cyd facts, or an annual report that should have them, gets the pane."""
    filing = disclosure.filing
    expected = (
        filing.base_form in REQUIRED_ANNUAL_FORMS
        and filing.period_end is not None
        and filing.period_end >= date.fromisoformat(REQUIREMENT_START)
    )
    return bool(disclosure.facts) or expected


def pane_of(modelXbrl: Any) -> CyberView | None:
    return next((view for view in modelXbrl.views if isinstance(view, CyberView)), None)


def show_pane(cntlr: Any, modelXbrl: Any, select: bool = False) -> CyberView | None:
    """Open the pane for a loaded filing (or bring it forward), when the filing calls for one."""
    view = pane_of(modelXbrl)
    if view is None:
        disclosure = extract(modelXbrl)
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


def ask_export_path(cntlr: Any) -> str:
    """The save dialog; the folder of the last export is remembered in Arelle's config."""
    extensions = sorted(RENDERERS)
    return filedialog.asksaveasfilename(
        parent=cntlr.parent,
        title=EXPORT_MENU_LABEL.rstrip("\u2026"),
        initialdir=cntlr.config.get(EXPORT_FOLDER_KEY) or os.getcwd(),
        defaultextension=".html",
        filetypes=[(_FILETYPES.get(ext, ext), f"*{ext}") for ext in extensions],
    )


def export_from_menu(cntlr: Any, modelXbrl: Any = None) -> threading.Thread | None:
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
def export_in_background(cntlr: Any, modelXbrl: Any, path: str) -> None:
    disclosure = extract(modelXbrl)
    findings = cached_findings(modelXbrl)
    if findings is None:
        findings = findings_for(modelXbrl, disclosure, RuleSettings())
    if export_and_report(modelXbrl, path, disclosure, findings):
        cntlr.uiThreadQueue.put((cntlr.showStatus, [f"Exported to {path}", 5000]))


def _flag_text(fact: CydFact) -> str:
    if isinstance(fact.value, bool):
        return _FLAG_WORDS[fact.value]
    return "nil" if fact.nil else f"not a boolean: {fact.lexical.strip()[:40]}"


def _first_line(fact: CydFact) -> str:
    if not fact.has_text:
        return "nil" if fact.nil else "(empty)"
    line = str(fact.value).split("\n", 1)[0]
    more = len(line) > _FIRST_LINE_LIMIT or "\n" in str(fact.value)
    return line[:_FIRST_LINE_LIMIT] + ("\u2026" if more else "")


def _period_text(period: Period | None) -> str:
    if period is None:
        return "(no context)"
    if period.instant:
        return period.instant.isoformat()
    return f"{period.start} \u2013 {period.end}"


def _worst(findings: list[Finding]) -> Severity:
    return min(findings, key=lambda f: _SEVERITY_ORDER[f.severity]).severity


def _severity_tag(findings: list[Finding]) -> tuple[str, ...]:
    return (_worst(findings).value,) if findings else ()


def _findings_text(findings: list[Finding]) -> str:
    if not findings:
        return ""
    codes = ", ".join(dict.fromkeys(f.code.removeprefix("CYBER.") for f in findings))
    return f"{_worst(findings).value}: {codes}"


class CyberView(ViewTree):
    """A tree in presentation order, grouped by section, with a findings column."""

    def __init__(self, cntlr: Any, modelXbrl: Any, disclosure: Disclosure) -> None:
        super().__init__(modelXbrl, cntlr.tabWinTopRt, TAB_TITLE, True)
        self.cntlr = cntlr
        self.disclosure = disclosure
        self.findings: tuple[Finding, ...] | None = cached_findings(modelXbrl)
        self.fact_of_row: dict[str, CydFact] = {}
        self.row_of_object: dict[str, str] = {}
        self.row_of_concept: dict[str, str] = {}
        self.text_windows: list[TextWindow] = []
        self.block_view_model_object = 0
        self.programmatic_selection: tuple[str, ...] = ()
        tree = self.treeView
        tree["columns"] = COLUMNS
        tree.column("#0", width=420, anchor="w")
        tree.heading("#0", text="Cybersecurity disclosure")
        tree.column("value", width=360, anchor="w")
        tree.heading("value", text="Value")
        tree.column("period", width=170, anchor="w", stretch=False)
        tree.heading("period", text="Period")
        tree.column("findings", width=200, anchor="w", stretch=False)
        tree.heading("findings", text="Findings")
        tree.tag_configure("absent", foreground="#777777")
        tree.tag_configure("error", foreground="#9b1c1c")
        tree.tag_configure("warning", foreground="#8a5300")
        tree.tag_configure("section", font=("TkDefaultFont", 0, "bold"))
        tree.bind("<<TreeviewSelect>>", self.treeview_select, "+")
        tree.bind("<Double-1>", self.open_selected_text, "+")
        tree.bind("<Return>", self.open_selected_text, "+")
        self._build_menu()
        self.view()

    def _build_menu(self) -> None:
        menu = self.contextMenu()
        if menu is None:
            return
        menu.add_command(label="Copy value", underline=0, command=self.copy_value)
        menu.add_command(label="Open full text", underline=0, command=self.open_selected_text)
        menu.add_separator()
        self.menuAddExpandCollapse()
        menu.add_separator()
        menu.add_command(
            label=EXPORT_MENU_LABEL, command=lambda: export_from_menu(self.cntlr, self.modelXbrl)
        )

    # Building the tree.

    def view(self) -> None:
        self.clearTreeView()
        self.fact_of_row.clear()
        self.row_of_object.clear()
        self.row_of_concept.clear()
        findings_by_fact: dict[int, list[Finding]] = {}
        findings_by_missing_concept: dict[str, list[Finding]] = {}
        for finding in self.findings or ():
            for fact in finding.facts:
                findings_by_fact.setdefault(id(fact), []).append(finding)
            for name in finding.concepts:
                findings_by_missing_concept.setdefault(name, []).append(finding)
        self._add_filing_rows()
        for section, concepts in self._sections():
            section_row = self.treeView.insert("", END, text=section.title, open=True, tags=("section",))
            for concept in concepts:
                self._add_concept_rows(section_row, concept, findings_by_fact, findings_by_missing_concept)

    def _add_filing_rows(self) -> None:
        filing = self.disclosure.filing
        title = (
            f"{filing.registrant_name or '(entity not tagged)'}: {filing.document_type or 'form not tagged'}"
        )
        top = self.treeView.insert(
            "",
            END,
            text=title,
            values=(f"CIK {filing.cik or '?'}", _period_text(filing.period), self._filing_summary()),
            open=True,
            tags=("section",),
        )
        if self.findings is None:
            self.treeView.insert(top, END, text=NOT_VALIDATED, tags=("absent",))
            return
        for finding in self.findings:
            if finding.facts:
                continue
            row = self.treeView.insert(
                top,
                END,
                text=finding.code,
                values=(finding.message, "", finding.severity.value),
                tags=(finding.severity.value,),
            )
            for name in finding.concepts:
                self.row_of_concept.setdefault(name, row)

    def _filing_summary(self) -> str:
        if self.findings is None:
            return "not checked"
        return describe_counts(self.findings)

    def _sections(self) -> list[tuple[Section, list[Concept]]]:
        sections: dict[Section, list[Concept]] = {}
        for concept in self.disclosure.shown_concepts:
            sections.setdefault(concept.section, []).append(concept)
        return list(sections.items())

    def _add_concept_rows(
        self,
        parent: str,
        concept: Concept,
        findings_by_fact: dict[int, list[Finding]],
        findings_by_missing_concept: dict[str, list[Finding]],
    ) -> None:
        facts = self.disclosure.facts_for(concept.local_name)
        if not facts:
            required = concept.local_name in {c.local_name for c in REQUIRED_ANNUAL_CONCEPTS}
            optional = not required and concept.family is not FormFamily.INCIDENT
            about_it = findings_by_missing_concept.get(concept.local_name, [])
            row = self.treeView.insert(
                parent,
                END,
                text=concept.label,
                values=("not tagged (optional)" if optional else "not tagged", "", _findings_text(about_it)),
                tags=_severity_tag(about_it) or ("absent",),
            )
            self.row_of_concept[concept.local_name] = row
            return
        for fact in facts:
            own_findings = findings_by_fact.get(id(fact), [])
            value = _flag_text(fact) if fact.is_flag else _first_line(fact)
            tags = _severity_tag(own_findings)
            row = self.treeView.insert(
                parent,
                END,
                text=concept.label,
                values=(value, _period_text(fact.period), _findings_text(own_findings)),
                tags=tags,
            )
            self.fact_of_row[row] = fact
            if fact.model_object is not None:
                self.row_of_object[fact.model_object.objectId()] = row
            self.row_of_concept.setdefault(concept.local_name, row)

    def show_findings(self, findings: tuple[Finding, ...]) -> None:
        """Called on the Tk thread after a validation pass."""
        if self.modelXbrl is None:  # closed meanwhile
            return
        self.findings = findings
        selected = self.treeView.selection()
        selected_fact = self.fact_of_row.get(selected[0]) if selected else None
        self.view()
        if selected_fact is not None and selected_fact.model_object is not None:
            self._select_quietly(self.row_of_object.get(selected_fact.model_object.objectId()))

    # Selection, in step with Arelle's other views.

    def _select_quietly(self, row: str | None) -> None:
        if row is None or not self.treeView.exists(row):
            return
        self.programmatic_selection = (row,)
        self.treeView.see(row)
        self.treeView.selection_set(row)

    def treeview_select(self, *args: Any) -> None:
        selection = self.treeView.selection()
        if selection == self.programmatic_selection:
            self.programmatic_selection = ()
            return  # our own echo of another view's selection
        fact = self.fact_of_row.get(selection[0]) if selection else None
        if fact is None or fact.model_object is None or self.block_view_model_object:
            return
        self.block_view_model_object += 1
        try:
            self.modelXbrl.viewModelObject(fact.model_object.objectId())
        finally:
            self.block_view_model_object -= 1

    def viewModelObject(self, modelObject: Any) -> None:
        """Another view selected `modelObject`: select its row here, without echoing back."""
        if self.block_view_model_object:
            return
        self.block_view_model_object += 1
        try:
            object_id = modelObject.objectId() if hasattr(modelObject, "objectId") else None
            self._select_quietly(self.row_of_object.get(object_id) if object_id else None)
        finally:
            self.block_view_model_object -= 1

    # Reading and copying.

    def getToolTip(self, rowId: str, colId: str) -> str | None:
        fact = self.fact_of_row.get(rowId)
        if fact is not None and not fact.is_flag and fact.has_text:
            text = str(fact.value)
            return (
                text
                if len(text) <= _TOOLTIP_LIMIT
                else text[:_TOOLTIP_LIMIT] + "\u2026 (double-click for the whole text)"
            )
        if colId == "#1" and rowId and not fact:
            return str(self.treeView.set(rowId, "value")) or None
        return None

    def _selected_fact(self) -> CydFact | None:
        selection = self.treeView.selection()
        row = selection[0] if selection else getattr(self, "menuRow", None)
        return self.fact_of_row.get(row) if row else None

    def copy_value(self) -> None:
        fact = self._selected_fact()
        if fact is None:
            return
        text = _flag_text(fact) if fact.is_flag else str(fact.value or "")
        self.treeView.clipboard_clear()
        self.treeView.clipboard_append(text)

    def open_selected_text(self, *args: Any) -> None:
        fact = self._selected_fact()
        if fact is not None and not fact.is_flag:
            self.text_windows = [w for w in self.text_windows if w.window.winfo_exists()]
            self.text_windows.append(TextWindow(self.treeView, fact))


class TextWindow:
    """A readable, read-only window with a text block's whole text."""

    def __init__(self, master: Any, fact: CydFact) -> None:
        self.window = Toplevel(master)
        self.window.title(fact.concept.label)
        self.window.geometry("760x560")
        heading = f"{fact.concept.label}\n{_period_text(fact.period)}   id {fact.id or '(none)'}\n\n"
        self.text = ScrolledText(self.window, wrap=WORD, padx=12, pady=10, font=("TkTextFont", 11))
        self.text.insert(
            END, heading + (str(fact.value) if fact.has_text else "(no text)").replace("\n", "\n\n")
        )
        self.text.configure(state="disabled")
        self.text.pack(fill="both", expand=True)
        self.window.bind("<Escape>", lambda event: self.window.destroy())
