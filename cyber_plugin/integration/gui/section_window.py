"""A read-only window with Item 1C / 16K as filed: untagged paragraphs highlighted, each with the
element it reads like, and in step with the pane (clicking a paragraph selects the fact whose tags
hold it; selecting a fact marks its paragraphs here)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from tkinter import END, WORD, Toplevel
from tkinter.scrolledtext import ScrolledText
from typing import Any, Final

from ...core.disclosure import Disclosure
from ...core.section import Section
from ...core.suggestion_words import SUGGESTIONS_EXPLAINED, reads_like
from ...core.words import (
    INCORPORATED_BY_REFERENCE,
    UNTAGGED_HIGHLIGHTED,
    ParagraphState,
    entity_text,
    paragraph_place,
    paragraph_state,
    section_summary,
    section_title,
    where_incorporated,
)

_PARAGRAPH: Final = "paragraph"
_CURRENT: Final = "current"  # the paragraphs of the fact selected in the pane
_SUGGESTED: Final = "suggested"  # what an untagged paragraph reads like, by the suggestion model
_STYLES: Final[dict[str, dict[str, Any]]] = {
    "heading": {"font": ("TkTextFont", 13, "bold"), "spacing3": 4},
    "meta": {"foreground": "#666666", "font": ("TkTextFont", 9)},
    ParagraphState.UNTAGGED.name.lower(): {"background": "#fff0c2"},
    ParagraphState.MINOR.name.lower(): {"foreground": "#555555"},
    _CURRENT: {"background": "#cfe2ff"},
    _SUGGESTED: {"foreground": "#1f4e8c"},
}


def _paragraph_tag(index: int) -> str:
    return f"{_PARAGRAPH}-{index}"


class SectionWindow:
    """The section's paragraphs in document order; `on_select(index)` is called when the reader
    clicks paragraph `index`."""

    def __init__(self, master: Any, disclosure: Disclosure, on_select: Callable[[int], None]) -> None:
        section = disclosure.section
        assert section is not None, "the pane offers the window only for a filing with a section"
        self.section = section
        self.on_select = on_select
        self.window = Toplevel(master)
        self.window.title(f"{section_title(section)}: {entity_text(disclosure.filing)}")
        self.window.geometry("820x620")
        self.text = ScrolledText(self.window, wrap=WORD, padx=12, pady=10, font=("TkTextFont", 11))
        for tag, style in _STYLES.items():
            self.text.tag_configure(tag, **style)
        self.text.tag_raise(_CURRENT)
        self._write(disclosure, section)
        self.text.tag_bind(_PARAGRAPH, "<Button-1>", self._clicked)
        self.text.configure(state="disabled")
        self.text.pack(fill="both", expand=True)
        self.window.bind("<Escape>", lambda event: self.window.destroy())

    def _write(self, disclosure: Disclosure, section: Section) -> None:
        untagged = {
            index: reads_like(disclosure.suggestions_for(index))
            for index, paragraph in enumerate(section.paragraphs)
            if paragraph_state(paragraph) is ParagraphState.UNTAGGED
        }
        explained = f"\n{SUGGESTIONS_EXPLAINED}" if any(untagged.values()) else ""
        self.text.insert(END, f"{section.heading or section_title(section)}\n", ("heading",))
        self.text.insert(END, f"{section_summary(section)}\n{UNTAGGED_HIGHLIGHTED}{explained}\n\n", ("meta",))
        if section.by_reference is not None:
            where = where_incorporated(section.by_reference)
            self.text.insert(END, f"{INCORPORATED_BY_REFERENCE}: {where}\n\n", ("meta",))
        for index, paragraph in enumerate(section.paragraphs):
            state = paragraph_state(paragraph)
            tags = (_PARAGRAPH, _paragraph_tag(index), state.name.lower())
            self.text.insert(END, paragraph.text, tags)
            meta = paragraph_place(paragraph, section)
            meta += f" \u00b7 {state.value}" if state is not ParagraphState.TAGGED else ""
            self.text.insert(END, f"\n{meta}", ("meta", _PARAGRAPH, _paragraph_tag(index)))
            if untagged.get(index):
                suggested = f" \u00b7 {untagged[index]}"
                self.text.insert(END, suggested, ("meta", _SUGGESTED, _PARAGRAPH, _paragraph_tag(index)))
            self.text.insert(END, "\n\n", ("meta", _PARAGRAPH, _paragraph_tag(index)))

    def _clicked(self, event: Any) -> None:
        index = self.paragraph_at(f"@{event.x},{event.y}")
        if index is not None:
            self.show((index,))
            self.on_select(index)

    def paragraph_at(self, position: str) -> int | None:
        """The index of the paragraph at a Text position ('@x,y', '3.0'), or None."""
        prefix = _paragraph_tag(0)[:-1]
        for tag in self.text.tag_names(position):
            if tag.startswith(prefix) and tag[len(prefix) :].isdigit():
                return int(tag[len(prefix) :])
        return None

    def show(self, indices: Iterable[int]) -> None:
        """Mark these paragraphs, and scroll to the first unless one of them is in view."""
        wanted = [self.text.tag_ranges(_paragraph_tag(index)) for index in indices]
        self.text.tag_remove(_CURRENT, "1.0", END)
        for ranges in wanted:
            self.text.tag_add(_CURRENT, ranges[0], ranges[-1])
        if wanted and not any(self.text.bbox(ranges[0]) for ranges in wanted):
            self.text.see(wanted[0][0])

    def marked(self, tag: str) -> list[int]:
        """The indices of the paragraphs whose text carries `tag` ('untagged', 'current')."""
        starts = (
            self.text.tag_ranges(_paragraph_tag(index))[0] for index in range(len(self.section.paragraphs))
        )
        return [index for index, start in enumerate(starts) if tag in self.text.tag_names(start)]
