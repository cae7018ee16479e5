"""The Cybersecurity pane: the filing's cyd facts in a tree beside Arelle's own views.

The gui package is the only one that imports Tk; `hooks` imports it only from the GUI's hooks.
The pane reads the same Disclosure as every other consumer and shows the last check's findings.
"""

from __future__ import annotations

from tkinter import END
from typing import Any, Final

from arelle.ViewWinTree import ViewTree

from ...core.catalogue import Concept, Section
from ...core.disclosure import CydFact, Disclosure
from ...core.findings import Finding, Severity
from ...core.words import (
    FlagForm,
    cik_text,
    describe_counts,
    entity_text,
    flag_word,
    form_title,
    period_text,
    reporting_period_text,
    short_code,
    untagged_state,
    value_note,
)
from ..reporting import cached_findings
from .export_dialog import EXPORT_MENU_LABEL, export_from_menu
from .text_window import TextWindow

TAB_TITLE: Final = "Cybersecurity"
COLUMNS: Final = ("value", "period", "findings")
NOT_VALIDATED: Final = "Not checked yet: Tools > Validation > Validate runs the consistency checks"
_FIRST_LINE_LIMIT: Final = 160
_TOOLTIP_LIMIT: Final = 1500
_BAD_FLAG_LIMIT: Final = 40
_SEVERITY_ORDER: Final = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def wants_pane(disclosure: Disclosure) -> bool:
    """A filing with cyd facts, or one whose cyd tagging is required, gets the pane."""
    return bool(disclosure.facts) or disclosure.filing.tagging_required


def pane_of(modelXbrl: Any) -> CyberView | None:
    return next((view for view in modelXbrl.views if isinstance(view, CyberView)), None)


def value_text(fact: CydFact) -> str:
    """The value column: Yes or No, a text block's first line, or why there is no value."""
    note = value_note(fact, limit=_BAD_FLAG_LIMIT)
    if note is not None:
        return note
    if fact.is_flag:
        return flag_word(fact.value is True, FlagForm.VALUE)
    line = str(fact.value).split("\n", 1)[0]
    more = len(line) > _FIRST_LINE_LIMIT or "\n" in str(fact.value)
    return line[:_FIRST_LINE_LIMIT] + ("\u2026" if more else "")


def fact_values(fact: CydFact, findings: list[Finding]) -> tuple[str, str, str]:
    """A fact's row: value, period and findings columns."""
    return value_text(fact), period_text(fact.period), _findings_text(findings)


def untagged_values(concept: Concept, findings: list[Finding]) -> tuple[str, str, str]:
    """The row of an element the filing does not tag."""
    return untagged_state(concept), "", _findings_text(findings)


def _worst(findings: list[Finding]) -> Severity:
    return min(findings, key=lambda f: _SEVERITY_ORDER[f.severity]).severity


def _severity_tag(findings: list[Finding]) -> tuple[str, ...]:
    return (_worst(findings).value,) if findings else ()


def _findings_text(findings: list[Finding]) -> str:
    if not findings:
        return ""
    codes = ", ".join(dict.fromkeys(short_code(f.code) for f in findings))
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
        top = self.treeView.insert(
            "",
            END,
            text=f"{entity_text(filing)}: {form_title(filing)}",
            values=(
                f"CIK {cik_text(filing)}",
                reporting_period_text(self.disclosure),
                self._filing_summary(),
            ),
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
            about_it = findings_by_missing_concept.get(concept.local_name, [])
            row = self.treeView.insert(
                parent,
                END,
                text=concept.label,
                values=untagged_values(concept, about_it),
                tags=_severity_tag(about_it) or ("absent",),
            )
            self.row_of_concept[concept.local_name] = row
            return
        for fact in facts:
            own_findings = findings_by_fact.get(id(fact), [])
            row = self.treeView.insert(
                parent,
                END,
                text=concept.label,
                values=fact_values(fact, own_findings),
                tags=_severity_tag(own_findings),
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
        text = value_text(fact) if fact.is_flag else str(fact.value or "")
        self.treeView.clipboard_clear()
        self.treeView.clipboard_append(text)

    def open_selected_text(self, *args: Any) -> None:
        fact = self._selected_fact()
        if fact is not None and not fact.is_flag:
            self.text_windows = [w for w in self.text_windows if w.window.winfo_exists()]
            self.text_windows.append(TextWindow(self.treeView, fact))
