"""What changed since the prior filing, in the desktop application: the pane's "Changes since ..."
rows, and the window an edited text block's row opens with its redline (Tools > "Compare with prior
filing..." is in `menus`)."""

from __future__ import annotations

from tkinter import END, WORD, Toplevel
from tkinter.scrolledtext import ScrolledText
from typing import Any, Final

from ...core.catalogue import concept_for
from ...core.comparison import Change, Comparison, FlagComparison, ParagraphChange, TextComparison
from ...core.word_diff import RunKind
from ...core.words import (
    CHANGE_WORDS,
    changes_summary,
    changes_title,
    compared_flag_text,
    counted,
    other_registrant_text,
    prior_filing_text,
    similarity_text,
)

PARAGRAPHS_LABEL: Final = "The section as filed: paragraphs removed and added"
_STYLES: Final[dict[str, dict[str, Any]]] = {
    "heading": {"font": ("TkTextFont", 13, "bold"), "spacing3": 4},
    "meta": {"foreground": "#666666", "font": ("TkTextFont", 9)},
    RunKind.DELETED.value: {"foreground": "#9b1c1c", "background": "#fdecec", "overstrike": True},
    RunKind.INSERTED.value: {"foreground": "#1a6b2a", "background": "#e6f4e8", "underline": True},
}


# The pane's rows.

Opened = TextComparison | Comparison  # what a row opens: a redline, or the paragraphs' changes


def add_change_rows(tree: Any, comparison: Comparison | None) -> dict[str, Opened]:
    """The "Changes since ..." rows at the foot of the tree: the summary, then a row per changed
    element (and incident member), then the section's paragraphs; returns what each row opens."""
    if comparison is None:
        return {}
    top = tree.insert(
        "",
        END,
        text=changes_title(comparison.prior),
        values=(changes_summary(comparison), "", other_registrant_text(comparison) or ""),
        open=True,
        tags=("section",),
    )
    opens: dict[str, Opened] = {}
    for element in (*comparison.changed_elements, *comparison.incidents):
        if element.change is Change.SAME:
            continue
        row = tree.insert(top, END, text=_label(element), values=_values(element), tags=_tags(element))
        if isinstance(element, TextComparison) and element.change is Change.TEXT_EDITED:
            opens[row] = element
    if any(p.change is not ParagraphChange.KEPT for p in comparison.paragraphs):
        counts = {
            change: sum(p.change is change for p in comparison.paragraphs) for change in ParagraphChange
        }
        summary = ", ".join(f"{counted(n, 'paragraph')} {change.value}" for change, n in counts.items())
        opens[tree.insert(top, END, text=PARAGRAPHS_LABEL, values=(summary, "", ""))] = comparison
    return opens


def _label(element: FlagComparison | TextComparison) -> str:
    label = concept_for(element.concept).label
    member = element.incident_member if isinstance(element, TextComparison) else None
    return f"{label} ({member})" if member else label


def _values(element: FlagComparison | TextComparison) -> tuple[str, str, str]:
    word = CHANGE_WORDS[element.change]
    if isinstance(element, FlagComparison):
        before = compared_flag_text(element.prior_tagged, element.prior)
        after = compared_flag_text(element.tagged, element.value)
        return (f"{word}: {before} \u2192 {after}", "", "")
    if element.change is Change.TEXT_EDITED:
        return (f"{word}, {similarity_text(element.similarity)} (double-click for the redline)", "", "")
    return (word, "", "")


def _tags(element: FlagComparison | TextComparison) -> tuple[str, ...]:
    return ("warning",) if element.change is Change.DROPPED else ()


# The windows a row opens.


class RedlineWindow:
    """A read-only window with an edited text block's redline, or the section's paragraphs removed
    and added: deleted words struck through in red, inserted ones underlined in green."""

    def __init__(self, master: Any, opened: Opened) -> None:
        self.window = Toplevel(master)
        self.window.geometry("820x600")
        self.text = ScrolledText(self.window, wrap=WORD, padx=12, pady=10, font=("TkTextFont", 11))
        for tag, style in _STYLES.items():
            self.text.tag_configure(tag, **style)
        if isinstance(opened, TextComparison):
            self._redline(opened)
        else:
            self._paragraphs(opened)
        self.text.configure(state="disabled")
        self.text.pack(fill="both", expand=True)
        self.window.bind("<Escape>", lambda event: self.window.destroy())

    def _redline(self, text: TextComparison) -> None:
        self.window.title(_label(text))
        self.text.insert(END, _label(text) + "\n", ("heading",))
        self.text.insert(END, f"{similarity_text(text.similarity)}\n\n", ("meta",))
        for index, run in enumerate(text.diff):
            self.text.insert(END, " " if run.spaced and index else "")
            self.text.insert(END, run.text, (run.kind.value,))

    def _paragraphs(self, comparison: Comparison) -> None:
        self.window.title(PARAGRAPHS_LABEL)
        self.text.insert(END, PARAGRAPHS_LABEL + "\n", ("heading",))
        self.text.insert(END, f"compared with {prior_filing_text(comparison.prior)}\n\n", ("meta",))
        kinds = {
            ParagraphChange.REMOVED: RunKind.DELETED.value,
            ParagraphChange.ADDED: RunKind.INSERTED.value,
        }
        for paragraph in comparison.paragraphs:
            if paragraph.change in kinds:
                self.text.insert(END, paragraph.text, (kinds[paragraph.change],))
                self.text.insert(END, f"\n{paragraph.change.value}\n\n", ("meta",))

    def shown(self, tag: str) -> list[str]:
        """The texts shown with a tag (for the tests)."""
        ranges = self.text.tag_ranges(tag)
        return [self.text.get(start, end) for start, end in zip(ranges[::2], ranges[1::2], strict=True)]
