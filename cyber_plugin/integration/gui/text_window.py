"""A read-only window with a text block's whole text."""

from __future__ import annotations

from tkinter import END, WORD, Toplevel
from tkinter.scrolledtext import ScrolledText
from typing import Any

from ...core.disclosure import CydFact
from ...core.words import fact_id_text, period_text, value_note


class TextWindow:
    """A readable, read-only window with a text block's whole text."""

    def __init__(self, master: Any, fact: CydFact) -> None:
        self.window = Toplevel(master)
        self.window.title(fact.concept.label)
        self.window.geometry("760x560")
        heading = f"{fact.concept.label}\n{period_text(fact.period)}   {fact_id_text(fact)}\n\n"
        self.text = ScrolledText(self.window, wrap=WORD, padx=12, pady=10, font=("TkTextFont", 11))
        self.text.insert(END, heading + (value_note(fact) or str(fact.value)).replace("\n", "\n\n"))
        self.text.configure(state="disabled")
        self.text.pack(fill="both", expand=True)
        self.window.bind("<Escape>", lambda event: self.window.destroy())
