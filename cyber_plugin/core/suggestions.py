"""Which cyd text-block element a passage answers: the learned suggestions of issue #23.

Pure functions, text in and scores out; the model (`suggestion_model.npz`, see
docs/suggestion-model.md) is read on first use and kept, and only numpy runs it (imported then,
not here). A score is a probability-like number from 0 to 1 that the filer would tag the text with
the element; elements are named by their local names in the catalogue. Every function takes an
optional `model` (by default the package's).

Scoring a section (Item 1C / 16K as filed: `Section.paragraphs`, or anything with `text` and
`is_substantive`), its paragraphs given in order, all of them (sub-headings included: they give
the paragraphs after them their heading):

    scores = score_section(section.paragraphs)      # SectionScores
    scores.suggestions(index)          # up to 3 Suggestion(concept, score), best first; () for a
                                       # paragraph that is not substantive
    scores.all_suggestions()           # the same for every paragraph, in order
    scores.best_paragraph(local_name)  # (index, Suggestion) of the paragraph most likely to answer
                                       # a missing element, or None when its score is under the
                                       # element's threshold (missing_element_threshold)

A paragraph is read with its neighbours, its heading (the sub-heading before it, or one run into
its first sentence) and its place: the same paragraph may score differently in another section.
The section model knows the annual report's ten text blocks (`paragraph_concepts()`).

Scoring a text block's whole text, for the annual and the incident elements:

    score_text_block(text)             # {local name: score} for every text block of the
                                       # catalogue; the five incident elements share one score
                                       # (the model reads "an incident report's text", not which
                                       # of its parts)
    read_blocks(blocks)                # a BlockReading per block, given as (local name, text) for
                                       # a whole filing: its own score, the best other element
    reading_like_others(blocks)        # those whose margin reaches the model's threshold

For the rule CYBER.textReadsLikeOther: a block reads like another element when that element's
score exceeds its own by at least the model's `reads_like_other` margin (tuned for precision);
elements that tag the same text, or a text holding it, in the filing count as its own (copying a
passage into several elements is common and legitimate).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from .catalogue import INCIDENT_CONCEPTS, FormFamily
from .suggestion_features import section_inputs
from .suggestion_model import SuggestionModel, load_model

SUGGESTIONS_PER_PARAGRAPH: Final = 3
# A suggestion a reader is told outright: the scores are calibrated (the card), so at this score
# the filer would tag the passage with the element more often than not.
LIKELY_SCORE: Final = 0.5
INCIDENT_LABEL: Final = FormFamily.INCIDENT.value  # the text-block model's label for them all
MISSING_THRESHOLD: Final = "missing_element"  # names of the model's tuned thresholds
READS_LIKE_OTHER_MARGIN: Final = "reads_like_other"
_INCIDENT_NAMES: Final = frozenset(c.local_name for c in INCIDENT_CONCEPTS)


class SectionParagraph(Protocol):
    """What scoring needs of a paragraph of the section (core.section.Paragraph has it)."""

    @property
    def text(self) -> str: ...

    @property
    def is_substantive(self) -> bool: ...


@dataclass(frozen=True)
class Suggestion:
    concept: str  # the element's local name
    score: float


@dataclass(frozen=True)
class SectionScores:
    """The scores of a section's paragraphs: for each paragraph given, in order, a score per
    element of `concepts`, or None for a paragraph that is not substantive."""

    concepts: tuple[str, ...]
    scores: tuple[tuple[float, ...] | None, ...]

    def suggestions(self, index: int, count: int = SUGGESTIONS_PER_PARAGRAPH) -> tuple[Suggestion, ...]:
        """The paragraph's `count` most likely elements, best first (none if not substantive)."""
        row = self.scores[index]
        if row is None:
            return ()
        ranked = sorted(zip(self.concepts, row, strict=True), key=lambda pair: -pair[1])
        return tuple(Suggestion(concept, score) for concept, score in ranked[:count])

    def all_suggestions(self) -> tuple[tuple[Suggestion, ...], ...]:
        return tuple(self.suggestions(index) for index in range(len(self.scores)))

    def best_paragraph(self, concept: str, threshold: float | None = None) -> tuple[int, Suggestion] | None:
        """The paragraph most likely to answer `concept`, with its score, when the score reaches
        `threshold` (by default the package model's for the element, tuned for precision); None
        otherwise."""
        column = self.concepts.index(concept)
        scored = [(row[column], index) for index, row in enumerate(self.scores) if row is not None]
        if not scored:
            return None
        score, index = max(scored, key=lambda pair: (pair[0], -pair[1]))
        limit = missing_element_threshold(concept) if threshold is None else threshold
        return (index, Suggestion(concept, score)) if score >= limit else None


def likely(suggestions: Sequence[Suggestion]) -> tuple[Suggestion, ...]:
    """The suggestions worth naming, best first: those scoring LIKELY_SCORE or more, else the best
    alone (which then reads like no element clearly); none when there are none."""
    named = tuple(suggestion for suggestion in suggestions if suggestion.score >= LIKELY_SCORE)
    return named or tuple(suggestions[:1])


def paragraph_concepts() -> tuple[str, ...]:
    """The elements the section model suggests: the annual report's text blocks."""
    return load_model().paragraph_labels


def missing_element_threshold(concept: str, model: SuggestionModel | None = None) -> float:
    """The least score at which a paragraph is put forward for a missing element (one per
    element, tuned on the validation filers for precision; above 1 when it never is)."""
    return (model or load_model()).thresholds[f"{MISSING_THRESHOLD}/{concept}"]


def score_section(
    paragraphs: Sequence[SectionParagraph], model: SuggestionModel | None = None
) -> SectionScores:
    """Score every substantive paragraph of a section given in order (with the package's model,
    or `model`)."""
    model = model or load_model()
    inputs = section_inputs([p.text for p in paragraphs], [p.is_substantive for p in paragraphs])
    rows: list[tuple[float, ...] | None] = [None] * len(paragraphs)
    for paragraph, scores in zip(inputs, model.section_scores(inputs), strict=True):
        rows[paragraph.index] = tuple(float(score) for score in scores)
    return SectionScores(model.paragraph_labels, tuple(rows))


def score_text_block(text: str, model: SuggestionModel | None = None) -> dict[str, float]:
    """A whole text block's score for every text-block element the model knows."""
    return _block_score_maps([text], model or load_model())[0]


def _block_score_maps(texts: Sequence[str], model: SuggestionModel) -> list[dict[str, float]]:
    """Each text's score for every text-block element (the five incident elements share one)."""
    incident = [c.local_name for c in INCIDENT_CONCEPTS]
    maps: list[dict[str, float]] = []
    for row in model.block_scores_of(texts) if texts else ():
        scores: dict[str, float] = {}
        for label, score in zip(model.block_labels, row, strict=True):
            scores.update(dict.fromkeys(incident if label == INCIDENT_LABEL else [label], float(score)))
        maps.append(scores)
    return maps


@dataclass(frozen=True)
class BlockReading:
    """How a tagged text block reads: its own score and the best other element's."""

    concept: str  # the element it is tagged with
    text: str
    own_score: float  # the best score among its own elements
    reads_like: Suggestion | None  # the best other element, with its score (None: no other)

    @property
    def margin(self) -> float:
        """How far the best other element outscores its own (negative: its own reads better)."""
        return self.reads_like.score - self.own_score if self.reads_like else -1.0


def read_blocks(
    blocks: Sequence[tuple[str, str]], model: SuggestionModel | None = None
) -> tuple[BlockReading, ...]:
    """How each of a filing's text blocks, given as (local name, text), reads; blocks of elements
    the model does not know, and empty ones, are left out. A block's own elements are its element
    and those tagging the same text or a text that holds it (and for an incident element, all of
    the incident elements, which the model scores as one)."""
    return _BlockSet(blocks, model or load_model()).readings()


def reading_like_others(
    blocks: Sequence[tuple[str, str]], margin: float | None = None, model: SuggestionModel | None = None
) -> tuple[BlockReading, ...]:
    """The filing's text blocks, given as (local name, text), that read like another element by at
    least `margin` (by default the model's, tuned for precision).

    Counting the texts that hold a block among its own elements can only lower its margin, so
    the blocks are first read with only the elements tagging the very same text as their own, and
    only those flagged so are read again against the texts of the elements that score above
    their own (no other can change a positive margin): the work grows with the number of blocks,
    not its square (an 8-K may report hundreds of incidents, with many blocks flagged)."""
    model = model or load_model()
    limit = model.thresholds[READS_LIKE_OTHER_MARGIN] if margin is None else margin
    found = _BlockSet(blocks, model)
    candidates = [(index, reading) for index, reading in found.rough() if reading.margin >= limit]
    exact = (found.exact(index, above=reading.own_score) for index, reading in candidates)
    return tuple(reading for reading in exact if reading is not None and reading.margin >= limit)


class _BlockSet:
    """A filing's text blocks, each distinct text scored once."""

    def __init__(self, blocks: Sequence[tuple[str, str]], model: SuggestionModel) -> None:
        self.blocks = blocks
        self.texts = [" ".join(text.split()) for _, text in blocks]
        distinct = list(dict.fromkeys(text for text in self.texts if text))
        self.scores = dict(zip(distinct, _block_score_maps(distinct, model), strict=True))
        self.same_text: dict[str, set[str]] = {}
        self.texts_of: dict[str, list[str]] = {}  # by element
        for (concept, _), text in zip(blocks, self.texts, strict=True):
            self.same_text.setdefault(text, set()).add(concept)
            self.texts_of.setdefault(concept, []).append(text)

    def readings(self) -> tuple[BlockReading, ...]:
        """Each readable block's reading (`exact`), in order."""
        return tuple(found for found in map(self.exact, range(len(self.blocks))) if found is not None)

    def rough(self) -> list[tuple[int, BlockReading]]:
        """Each readable block's index and reading, its own elements those tagging the same text."""
        found = (
            (index, self._reading(index, self.same_text[self.texts[index]]))
            for index in range(len(self.blocks))
        )
        return [(index, reading) for index, reading in found if reading is not None]

    def exact(self, index: int, above: float | None = None) -> BlockReading | None:
        """The block's reading, its own elements those tagging the same text or one holding it;
        with `above`, only the elements scoring more than it are looked for among the holders
        (those that can change a reading whose margin is positive)."""
        text = self.texts[index]
        scores = self.scores.get(text, {})
        holding = {
            other
            for other, texts in self.texts_of.items()
            if (above is None or scores.get(other, above) > above) and any(text in holder for holder in texts)
        }
        return self._reading(index, holding | self.same_text[text])

    def _reading(self, index: int, own: set[str]) -> BlockReading | None:
        concept, original = self.blocks[index]
        scores = self.scores.get(self.texts[index])
        if scores is None or concept not in scores:
            return None
        own = own | {concept}
        own |= _INCIDENT_NAMES if own & _INCIDENT_NAMES else set()
        others = [(score, name) for name, score in scores.items() if name not in own]
        best = max(others) if others else None
        return BlockReading(
            concept,
            original,
            max(scores[name] for name in own if name in scores),
            Suggestion(best[1], best[0]) if best else None,
        )
