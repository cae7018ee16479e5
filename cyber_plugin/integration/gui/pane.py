"""The Cybersecurity pane: the filing's cyd facts in a tree beside Arelle's own views.

The gui package is the only one that imports Tk; `hooks` imports it only from the GUI's hooks.
The pane shows the reading every other consumer gets, and the findings of the last check logged.
"""

from __future__ import annotations

from tkinter import END
from typing import TYPE_CHECKING, Any, Final

from arelle.ViewWinTree import ViewTree

from ...core.catalogue import Topic
from ...core.comparison import comparison_with_prior
from ...core.disclosure import CydFact, Disclosure, Incident
from ...core.findings import Finding
from ...core.words import (
    cik_text,
    describe_counts,
    entity_text,
    form_title,
    incident_member_text,
    period_text,
    reporting_period_text,
    section_summary,
    section_title,
)
from ...outputs.layout import Entry, layout
from .. import state
from .changes_view import Opened, RedlineWindow, add_change_rows
from .export_dialog import EXPORT_MENU_LABEL, export_from_menu
from .row_values import fact_values, findings_about, findings_text, severity_tag, untagged_values, value_text
from .section_window import SectionWindow
from .text_window import TextWindow

if TYPE_CHECKING:
    from arelle.CntlrWinMain import CntlrWinMain
    from arelle.ModelXbrl import ModelXbrl

TAB_TITLE: Final = "Cybersecurity"
COLUMNS: Final = ("value", "period", "findings")
NOT_VALIDATED: Final = "Not checked yet: Tools > Validation > Validate runs the consistency checks"
SECTION_MENU_LABEL: Final = "Show section as filed"
_TOOLTIP_LIMIT: Final = 1500


def wants_pane(disclosure: Disclosure) -> bool:
    """A filing with cyd facts, one whose cyd tagging is required, or one whose Item 1C / 16K was
    found (to show its text, untagged) gets the pane."""
    section = disclosure.section
    return bool(disclosure.facts) or disclosure.filing.tagging_required or bool(section and section.found)


def pane_of(modelXbrl: ModelXbrl) -> CyberView | None:
    return next((view for view in modelXbrl.views if isinstance(view, CyberView)), None)


class CyberView(ViewTree):
    """A tree in presentation order, grouped by section and incident (see outputs/layout.py), with
    a findings column, and a row for the section as filed that opens it in a window."""

    def __init__(self, cntlr: CntlrWinMain, modelXbrl: ModelXbrl, disclosure: Disclosure) -> None:
        super().__init__(modelXbrl, cntlr.tabWinTopRt, TAB_TITLE, True)
        self.cntlr = cntlr
        self.disclosure = disclosure
        logged = state.logged_reading(modelXbrl)
        self.findings: tuple[Finding, ...] | None = None if logged is None else logged.findings
        self.fact_of_row: dict[str, CydFact] = {}
        self.row_of_fact: dict[int, str] = {}  # by the fact's identity
        self.row_of_object: dict[str, str] = {}
        self.section_row: str | None = None
        self.change_rows: dict[str, Opened] = {}  # what each row of the changes opens
        self.text_windows: list[TextWindow | RedlineWindow] = []
        self.section_window: SectionWindow | None = None
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
        tree.tag_configure("incident", font=("TkDefaultFont", 0, "bold italic"))
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
        if self.disclosure.section is not None:
            menu.add_command(label=SECTION_MENU_LABEL, underline=0, command=self.open_section)
        menu.add_separator()
        self.menuAddExpandCollapse()
        menu.add_separator()
        menu.add_command(
            label=EXPORT_MENU_LABEL, command=lambda: export_from_menu(self.cntlr, self.modelXbrl)
        )

    # Building the tree.

    def view(self) -> None:
        self.clearTreeView()
        for index in (self.fact_of_row, self.row_of_fact, self.row_of_object):
            index.clear()
        findings_by_fact: dict[int, list[Finding]] = {}
        for finding in self.findings or ():
            for fact in finding.facts:
                findings_by_fact.setdefault(id(fact), []).append(finding)
        self._add_filing_rows()
        section_rows: dict[Topic, str] = {}
        for group in layout(self.disclosure):
            parent = section_rows.get(group.topic)
            if parent is None:
                parent = self.treeView.insert("", END, text=group.topic.heading, open=True, tags=("section",))
                section_rows[group.topic] = parent
            if group.incident is not None:
                parent = self._add_incident_row(parent, group.incident, findings_by_fact)
            absent = group.findings_about_absent(self.findings or ())
            for entry in group.entries:
                self._add_entry_rows(
                    parent, entry, findings_by_fact, absent.get(entry.concept.local_name, [])
                )
        self._add_section_row()
        self.change_rows = add_change_rows(self.treeView, comparison_with_prior(self.disclosure))

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
            if not finding.facts:
                self.treeView.insert(
                    top,
                    END,
                    text=finding.code,
                    values=(finding.message, "", finding.severity.value),
                    tags=(finding.severity.value,),
                )

    def _filing_summary(self) -> str:
        if self.findings is None:
            return "not checked"
        return describe_counts(self.findings)

    def _add_incident_row(
        self, parent: str, incident: Incident, findings_by_fact: dict[int, list[Finding]]
    ) -> str:
        """An incident's own subtree, named as every output names it; its findings column sums
        up the findings about its facts."""
        about_it = findings_about(incident.facts, findings_by_fact)
        first = incident.facts[0] if incident.facts else None
        return self.treeView.insert(
            parent,
            END,
            text=incident.name,
            values=(
                incident_member_text(incident),
                period_text(first.period) if first else "",
                findings_text(about_it),
            ),
            open=True,
            tags=("incident", *severity_tag(about_it)),
        )

    def _add_entry_rows(
        self,
        parent: str,
        entry: Entry,
        findings_by_fact: dict[int, list[Finding]],
        absent_findings: list[Finding],
    ) -> None:
        concept = entry.concept
        if not entry.facts:
            self.treeView.insert(
                parent,
                END,
                text=concept.label,
                values=untagged_values(concept, absent_findings),
                tags=severity_tag(absent_findings) or ("absent",),
            )
        for fact in entry.facts:
            own_findings = findings_by_fact.get(id(fact), [])
            row = self.treeView.insert(
                parent,
                END,
                text=concept.label,
                values=fact_values(fact, own_findings),
                tags=severity_tag(own_findings),
            )
            self.fact_of_row[row] = fact
            self.row_of_fact[id(fact)] = row
            if fact.model_object is not None:
                self.row_of_object[fact.model_object.objectId()] = row

    def _add_section_row(self) -> None:
        section = self.disclosure.section
        self.section_row = None
        if section is not None:
            self.section_row = self.treeView.insert(
                "",
                END,
                text=section_title(section),
                values=(section_summary(section), "", ""),
                tags=("section",),
            )

    def show_reading(self, disclosure: Disclosure, findings: tuple[Finding, ...]) -> None:
        """Called on the Tk thread when the filing was read anew (compared with a prior filing)."""
        self.disclosure = disclosure
        self.show_findings(findings)

    def show_findings(self, findings: tuple[Finding, ...]) -> None:
        """Called on the Tk thread after a validation pass."""
        if self.modelXbrl is None:  # closed meanwhile
            # Arelle's ViewTree annotates modelXbrl as never None, and sets it to None on close.
            return  # type: ignore[unreachable]
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
        fact = self.fact_of_row.get(selection[0]) if selection else None
        self._show_in_section(fact)
        if selection == self.programmatic_selection:
            self.programmatic_selection = ()
            return  # our own echo of another view's selection
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

    def _selected_row(self) -> str | None:
        selection = self.treeView.selection()
        return selection[0] if selection else getattr(self, "menuRow", None)

    def _selected_fact(self) -> CydFact | None:
        row = self._selected_row()
        return self.fact_of_row.get(row) if row else None

    def copy_value(self) -> None:
        fact = self._selected_fact()
        if fact is None:
            return
        text = value_text(fact) if fact.is_flag else str(fact.value or "")
        self.treeView.clipboard_clear()
        self.treeView.clipboard_append(text)

    def open_selected_text(self, *args: Any) -> None:
        row = self._selected_row()
        if self.section_row is not None and row == self.section_row:
            self.open_section()
            return
        self.text_windows = [w for w in self.text_windows if w.window.winfo_exists()]
        if row in self.change_rows:
            self.text_windows.append(RedlineWindow(self.treeView, self.change_rows[row]))
            return
        fact = self._selected_fact()
        if fact is not None and not fact.is_flag:
            self.text_windows.append(TextWindow(self.treeView, fact))

    # The section as filed, in step with the tree.

    def close(self) -> None:
        """Closing the tab or the filing closes the section window, which follows this tree."""
        if self.section_window is not None and self.section_window.window.winfo_exists():
            self.section_window.window.destroy()
        self.section_window = None
        super().close()

    def open_section(self) -> SectionWindow | None:
        """Open the section's window (or bring it forward) with the selected fact's paragraphs marked."""
        if self.disclosure.section is None:
            return None
        if self.section_window is not None and self.section_window.window.winfo_exists():
            self.section_window.window.lift()
        else:
            self.section_window = SectionWindow(self.treeView, self.disclosure, self.select_paragraph_fact)
        self._show_in_section(self._selected_fact())
        return self.section_window

    def select_paragraph_fact(self, index: int) -> None:
        """A paragraph was clicked in the section window: select the first fact whose tags hold it
        (Arelle's views follow, as for a click in the tree)."""
        assert self.disclosure.section is not None
        facts = self.disclosure.facts_covering(self.disclosure.section.paragraphs[index])
        row = next((self.row_of_fact[id(f)] for f in facts if id(f) in self.row_of_fact), None)
        if row is not None:
            self.treeView.see(row)
            self.treeView.selection_set(row)

    def _show_in_section(self, fact: CydFact | None) -> None:
        """Mark the paragraphs a fact's tags hold in the open section window."""
        window = self.section_window
        if window is None or not window.window.winfo_exists():
            return
        if fact is not None:
            window.show(i for i, p in enumerate(window.section.paragraphs) if fact.local_name in p.tagged_by)
