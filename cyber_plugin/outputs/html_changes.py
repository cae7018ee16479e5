"""The HTML report's "Changes since ..." part: what changed since the prior filing the run compared
the filing with, laid out for the template (`templates/changes.html`).

Each element whose state differs gets a row (flags with both values, text blocks with their
similarity), an edited text block its redline: the words deleted struck through in red (`<del>`),
those inserted underlined in green (`<ins>`), as reviewers read a marked-up draft. Incident text
blocks compared member by member follow; then the paragraphs of the section as filed that were
removed or added. Every text is the filing's and is escaped by the template like any other value:
none of it is markup here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ..core.catalogue import concept_for
from ..core.comparison import Change, Comparison, FlagComparison, ParagraphChange, TextComparison
from ..core.word_diff import RunKind, WordRun
from ..core.words import (
    CHANGE_WORDS,
    NOT_TAGGED,
    TAGGED,
    changes_summary,
    changes_title,
    compared_flag_text,
    other_registrant_text,
    prior_filing_text,
    similarity_text,
)

CHANGES_ANCHOR: Final = "changes"


@dataclass(frozen=True)
class RedlineRun:
    """A run of words as the template writes it: `del`, `ins` or plain, and a space before it."""

    tag: str | None
    text: str
    space: bool


@dataclass(frozen=True)
class ShownChange:
    anchor: str
    label: str
    change: Change
    word: str  # what became of it
    prior: str  # a flag's prior value; a text block's similarity
    value: str
    redline: tuple[RedlineRun, ...]


@dataclass(frozen=True)
class ShownParagraphChange:
    change: ParagraphChange
    text: str
    place: str


@dataclass(frozen=True)
class ShownChanges:
    anchor: str
    title: str
    prior: str
    summary: str
    warning: str | None
    elements: tuple[ShownChange, ...]
    incidents: tuple[ShownChange, ...]
    paragraphs: tuple[ShownParagraphChange, ...]


_TAGS: Final = {RunKind.DELETED: "del", RunKind.INSERTED: "ins", RunKind.KEPT: None}


def change_anchor(concept: str, member: str | None = None) -> str:
    """The anchor of an element's change row (and of one incident member's)."""
    return f"change-{concept}" + (f"-{member.replace(':', '-')}" if member else "")


def redline(runs: tuple[WordRun, ...]) -> tuple[RedlineRun, ...]:
    return tuple(
        RedlineRun(_TAGS[run.kind], run.text, run.spaced and index > 0) for index, run in enumerate(runs)
    )


def _shown(element: FlagComparison | TextComparison) -> ShownChange:
    label = concept_for(element.concept).label
    if isinstance(element, FlagComparison):
        return ShownChange(
            change_anchor(element.concept),
            label,
            element.change,
            CHANGE_WORDS[element.change],
            compared_flag_text(element.prior_tagged, element.prior),
            compared_flag_text(element.tagged, element.value),
            (),
        )
    member = element.incident_member
    edited = element.change is Change.TEXT_EDITED
    value = NOT_TAGGED if element.text is None else TAGGED
    return ShownChange(
        change_anchor(element.concept, member),
        f"{label} ({member})" if member else label,
        element.change,
        CHANGE_WORDS[element.change],
        NOT_TAGGED if element.prior_text is None else TAGGED,
        f"{value}, {similarity_text(element.similarity)}" if edited else value,
        redline(element.diff) if edited else (),
    )


def shown_changes(comparison: Comparison | None) -> ShownChanges | None:
    """The part's content; None without a prior filing."""
    if comparison is None:
        return None
    paragraphs = tuple(
        ShownParagraphChange(
            paragraph.change,
            paragraph.text,
            f"paragraph {paragraph.index + 1}"
            if paragraph.index is not None
            else f"paragraph {(paragraph.prior_index or 0) + 1} of the prior filing's section",
        )
        for paragraph in comparison.paragraphs
        if paragraph.change is not ParagraphChange.KEPT
    )
    return ShownChanges(
        anchor=CHANGES_ANCHOR,
        title=changes_title(comparison.prior),
        prior=prior_filing_text(comparison.prior),
        summary=changes_summary(comparison),
        warning=other_registrant_text(comparison),
        elements=tuple(_shown(element) for element in comparison.changed_elements),
        incidents=tuple(_shown(text) for text in comparison.incidents if text.change is not Change.SAME),
        paragraphs=paragraphs,
    )
