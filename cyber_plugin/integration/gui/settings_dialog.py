"""Tools > Cybersecurity rule settings: switch rules off or re-grade them (as --cyber-rules does)
and give the 8-K items (as --cyber-8k-items). Saved in Arelle's config, used from the next
Validate."""

from __future__ import annotations

from tkinter import StringVar, Toplevel
from tkinter.ttk import Button, Combobox, Entry, Frame, Label
from typing import TYPE_CHECKING, Final

from arelle.CntlrWinTooltip import ToolTip

from ...checks import REGISTRY
from ...core.settings import OptionError
from .. import desktop_settings, settings_codec, state
from ..options import RunSettings

if TYPE_CHECKING:
    from arelle.CntlrWinMain import CntlrWinMain

SETTINGS_MENU_LABEL: Final = "Cybersecurity rule settings\u2026"
SAVED_STATUS: Final = "Cybersecurity rule settings saved; they apply from the next Validate"


class SettingsDialog:
    """One row per rule (its code, default severity and a choice), the 8-K items, and OK/Cancel."""

    def __init__(self, cntlr: CntlrWinMain) -> None:
        self.cntlr = cntlr
        current = state.settings_of(cntlr) or desktop_settings.remembered_settings(cntlr)
        self.window = Toplevel(cntlr.parent)
        self.window.title(SETTINGS_MENU_LABEL.rstrip("\u2026"))
        self.window.transient(cntlr.parent)
        body = Frame(self.window, padding=12)
        body.grid(row=0, column=0, sticky="nsew")
        for column, heading in enumerate(("Rule", "Default", "Setting")):
            Label(body, text=heading, font=("TkDefaultFont", 0, "bold")).grid(
                row=0, column=column, sticky="w"
            )
        self.choices: dict[str, StringVar] = {}
        chosen = settings_codec.choices_of(current.rules)
        for row, rule in enumerate(REGISTRY, start=1):
            name = Label(body, text=rule.code)
            name.grid(row=row, column=0, sticky="w", padx=(0, 16))
            ToolTip(name, text=rule.description, wraplength=480)
            Label(body, text=rule.severity.value).grid(row=row, column=1, sticky="w", padx=(0, 16))
            self.choices[rule.code] = StringVar(self.window, chosen[rule.code])
            Combobox(
                body,
                textvariable=self.choices[rule.code],
                values=settings_codec.CHOICES,
                state="readonly",
                width=9,
            ).grid(row=row, column=2, sticky="w", pady=1)
        items_row = len(REGISTRY) + 1
        Label(body, text="8-K items reported (e.g. 1.05,9.01)").grid(
            row=items_row, column=0, columnspan=2, sticky="w", pady=(10, 0)
        )
        self.items = StringVar(self.window, ",".join(current.rules.eight_k_items))
        Entry(body, textvariable=self.items, width=14).grid(row=items_row, column=2, sticky="w", pady=(10, 0))
        self.problem = StringVar(self.window, "")
        Label(body, textvariable=self.problem, foreground="#9b1c1c", wraplength=520).grid(
            row=items_row + 1, column=0, columnspan=3, sticky="w", pady=(6, 0)
        )
        buttons = Frame(body)
        buttons.grid(row=items_row + 2, column=0, columnspan=3, sticky="e", pady=(10, 0))
        Button(buttons, text="Defaults", command=self.restore_defaults).grid(row=0, column=0, padx=4)
        Button(buttons, text="Cancel", command=self.window.destroy).grid(row=0, column=1, padx=4)
        Button(buttons, text="OK", default="active", command=self.save).grid(row=0, column=2, padx=4)
        self.window.bind("<Escape>", lambda event: self.window.destroy())
        self.window.bind("<Return>", lambda event: self.save())

    def restore_defaults(self) -> None:
        for rule in REGISTRY:
            self.choices[rule.code].set(rule.severity.value)
        self.items.set("")
        self.problem.set("")

    def save(self) -> bool:
        """Check, remember and apply the settings; a bad item list is shown and nothing is saved."""
        choices = {code: var.get() for code, var in self.choices.items()}
        try:
            settings = RunSettings(rules=settings_codec.with_choices(choices, self.items.get()))
        except OptionError as error:
            self.problem.set(str(error))
            return False
        desktop_settings.remember(self.cntlr, settings)
        state.set_desktop_settings(self.cntlr, settings)
        self.cntlr.showStatus(SAVED_STATUS, 5000)
        self.window.destroy()
        return True
