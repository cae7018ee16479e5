"""The words people read about the suggestions: which element the suggestion model
(core/suggestions.py) says a passage answers, and with what score. The rest of the words people
read are in core/words.py, whose forms these use (a paragraph's place and first words)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from .catalogue import concept_for
from .section import Paragraph, Section
from .words import quoted_place

if TYPE_CHECKING:
    from .suggestions import Suggestion

SUGGESTIONS_EXPLAINED: Final = (
    "Beside each untagged paragraph: the element it reads like, with the suggestion model's score "
    "(0 to 1, how likely a filer would tag it so; a suggestion, never the filer's tag)."
)
_TEXT_BLOCK_SUFFIX: Final = " [Text Block]"


def element_name(local_name: str) -> str:
    """A text-block element within a sentence: its standard label without "[Text Block]"."""
    return concept_for(local_name).label.removesuffix(_TEXT_BLOCK_SUFFIX)


def score_text(score: float) -> str:
    """A suggestion's score, 0 to 1, as people read it: '0.91'."""
    return f"{score:.2f}"


def scored(suggestion: Suggestion) -> str:
    """An element with its score: 'Cybersecurity Risk Role of Management (0.91)'."""
    return f"{element_name(suggestion.concept)} ({score_text(suggestion.score)})"


def reads_like(suggestions: Sequence[Suggestion]) -> str:
    """What a paragraph reads like, from its suggestions: 'reads like A (0.91) and B (0.62)' (each
    likely one); 'reads most like A (0.32), no element clearly' when none is likely; '' without
    any (a heading, a section the model does not read)."""
    if not suggestions:
        return ""
    from .suggestions import LIKELY_SCORE, likely  # loaded with the model that made them

    named = likely(suggestions)
    if named[0].score < LIKELY_SCORE:
        return f"reads most like {scored(named[0])}, no element clearly"
    phrases = [scored(suggestion) for suggestion in named]
    return "reads like " + (
        f"{', '.join(phrases[:-1])} and {phrases[-1]}" if len(phrases) > 1 else phrases[0]
    )


def likeliest_paragraphs(
    found: Sequence[tuple[str, tuple[Paragraph, Suggestion] | None]], section: Section
) -> str:
    """For a list of missing text blocks, each with the section's paragraph most likely to answer
    it (or None), the sentences that say so: 'The paragraph of Item 1C most likely to answer a
    missing text block (the suggestion model's score, 0 to 1): Cybersecurity Risk Board of
    Directors Oversight: page 26 “Our board of directors has…” (0.96). No paragraph of Item 1C
    reads clearly like the other missing text blocks: A; B.' Those without a paragraph come last,
    in one sentence, so that a long list stays readable; '' for an empty list."""
    named = [
        f"{element_name(name)}: {quoted_place(hit[0], section)} ({score_text(hit[1].score)})"
        for name, hit in found
        if hit is not None
    ]
    unnamed = [element_name(name) for name, hit in found if hit is None]
    sentences = []
    if named:
        which = "paragraph" if len(named) == 1 else "paragraphs"
        sentences.append(
            f"The {which} of Item {section.item} most likely to answer {'a' if len(named) == 1 else 'each'} "
            f"missing text block (the suggestion model's score, 0 to 1): {'; '.join(named)}."
        )
    if unnamed:
        others = "the other missing text blocks" if named else "any missing text block"
        sentences.append(
            f"No paragraph of Item {section.item} reads clearly like {others}: {'; '.join(unnamed)}."
        )
    return " ".join(sentences)
