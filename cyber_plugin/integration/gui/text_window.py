"""A read-only window with a text block's whole text."""

from __future__ import annotations

from tkinter import END, WORD, Toplevel
from tkinter.scrolledtext import ScrolledText
from typing import Any

from ...core.disclosure import CydFact, Period


def _period_text(period: Period | None) -> str:
    if period is None:
        return "(no context)"
    if period.instant:
        return period.instant.isoformat()
    return f"{period.start} \u2013 {period.end}"


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
