"""Two filings of one registrant compared: what changed since the prior filing.

Usually this year's annual report against last year's, or an 8-K/A against the 8-K it amends. Both
are `FilingView`s (filing_view.py), so the same code compares Disclosures and dataset records.

- Each flag tagged in either filing: its prior value and its value (True, False, or None: not
  tagged, or neither true nor false), and what became of it (`Change`).
- Each text block tagged in either filing: the same text (white space aside), edited (with a
  similarity from 0 to 1 and a word-level diff, word_diff.py), added or dropped.
- Incident reports: when both filings tag incident text blocks on members of the incident axis,
  those are also compared member by member (`incidents`); otherwise the by-concept comparison of
  `texts` is the only one.
- Item 1C / 16K as filed, when both sections were found: each paragraph kept, added or removed.
  Paragraphs are matched by their text, white space aside, in order (the longest common
  subsequence of paragraphs); a paragraph that moved is kept. An edited paragraph is not kept: its
  old wording is removed and its new wording added, next to each other; the word-level edits of
  tagged text are in the text blocks' diffs.

Everything is computed on first use and then kept, so a caller that needs only the flags and the
similarities (the dataset's changes table) never pays for the diffs or the paragraphs.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Set
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from .catalogue import concept_for
from .disclosure import Disclosure
from .filing_view import FilingView, ViewFact, filing_view
from .word_diff import WordRun, normalised, token_diff, token_similarity, tokens


class Change(StrEnum):
    """What became of an element since the prior filing (the changes table's `change`)."""

    SAME = "same"
    ADDED = "added"  # tagged in this filing, not in the prior one
    DROPPED = "dropped"  # tagged in the prior filing, not in this one
    FLAG_CHANGED = "flag_changed"  # a flag tagged in both, its value changed
    TEXT_EDITED = "text_edited"  # a text block tagged in both, its words changed


class ParagraphChange(StrEnum):
    KEPT = "kept"
    ADDED = "added"
    REMOVED = "removed"


def _presence_change(prior_tagged: bool, tagged: bool) -> Change | None:
    """ADDED or DROPPED when an element is tagged in one filing only; None when tagged in both."""
    if prior_tagged == tagged:
        return None if tagged else Change.SAME
    return Change.ADDED if tagged else Change.DROPPED


@dataclass(frozen=True)
class FlagComparison:
    concept: str
    prior_tagged: bool
    tagged: bool
    prior: bool | None  # None: not tagged, nil or not a boolean
    value: bool | None

    @property
    def change(self) -> Change:
        presence = _presence_change(self.prior_tagged, self.tagged)
        if presence is not None:
            return presence
        return Change.SAME if self.prior == self.value else Change.FLAG_CHANGED


@dataclass(frozen=True)
class TextComparison:
    concept: str
    incident_member: str | None  # set when compared member by member (`Comparison.incidents`)
    prior_text: str | None  # None: not tagged
    text: str | None

    @property
    def change(self) -> Change:
        presence = _presence_change(self.prior_text is not None, self.text is not None)
        if presence is not None:
            return presence
        return Change.SAME if self.similarity == 1.0 else Change.TEXT_EDITED

    @cached_property
    def similarity(self) -> float | None:
        """0 to 1 (word_diff.similarity: 1.0 for the same text, white space aside) when tagged in
        both filings; None otherwise."""
        if self.prior_text is None or self.text is None:
            return None
        return 1.0 if self.prior_text == self.text else token_similarity(*self._tokens)

    @cached_property
    def diff(self) -> tuple[WordRun, ...]:
        """The word-level diff from the prior text to this one (all inserted for an added text
        block, all deleted for a dropped one)."""
        return token_diff(*self._tokens)

    @cached_property
    def _tokens(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Both texts' tokens, cut once for the similarity and the diff."""
        return tokens(self.prior_text or ""), tokens(self.text or "")


@dataclass(frozen=True)
class ParagraphComparison:
    change: ParagraphChange
    text: str  # as filed: in this filing, or in the prior one for a removed paragraph
    prior_index: int | None  # its position among the prior section's paragraphs
    index: int | None  # its position among this section's paragraphs


@dataclass(frozen=True)
class Comparison:
    prior: FilingView
    current: FilingView

    @property
    def same_registrant(self) -> bool:
        """Whether both filings name the same CIK (False when either names none)."""
        return self.prior.cik is not None and self.prior.cik == self.current.cik

    @cached_property
    def flags(self) -> tuple[FlagComparison, ...]:
        """Every flag tagged in either filing, in presentation order."""
        before, now = self.prior.flag_values, self.current.flag_values
        return tuple(
            FlagComparison(name, name in before, name in now, before.get(name), now.get(name))
            for name in _in_order(before.keys() | now.keys())
        )

    @cached_property
    def texts(self) -> tuple[TextComparison, ...]:
        """Every text block tagged in either filing, by concept, in presentation order."""
        before, now = self.prior.text_of, self.current.text_of
        return tuple(
            TextComparison(name, None, before.get(name), now.get(name))
            for name in _in_order(before.keys() | now.keys())
        )

    @cached_property
    def incidents(self) -> tuple[TextComparison, ...]:
        """Incident text blocks member by member, when both filings use the incident axis; else ()."""
        if not (self.prior.uses_incident_axis and self.current.uses_incident_axis):
            return ()
        before, now = self.prior.incident_text_of, self.current.incident_text_of
        members = dict.fromkeys(member for member, _ in [*before, *now])
        return tuple(
            TextComparison(name, member, before.get((member, name)), now.get((member, name)))
            for member in members
            for name in _in_order({n for m, n in [*before, *now] if m == member})
        )

    @cached_property
    def elements(self) -> tuple[FlagComparison | TextComparison, ...]:
        """Every element tagged in either filing (flags and text blocks), in presentation order."""
        return tuple(sorted((*self.flags, *self.texts), key=lambda element: _order(element.concept)))

    @property
    def changed_elements(self) -> tuple[FlagComparison | TextComparison, ...]:
        """The elements whose state differs: added, dropped, a flag changed or a text edited."""
        return tuple(element for element in self.elements if element.change is not Change.SAME)

    @property
    def added(self) -> tuple[str, ...]:
        """The elements tagged in this filing and not in the prior one, in presentation order (read
        without comparing any text)."""
        return tuple(_in_order(self.current.tagged - self.prior.tagged))

    @property
    def dropped(self) -> tuple[str, ...]:
        """The elements tagged in the prior filing and not in this one, in presentation order."""
        return tuple(_in_order(self.prior.tagged - self.current.tagged))

    @property
    def section_compared(self) -> bool:
        return self.prior.section_found and self.current.section_found

    @cached_property
    def paragraphs(self) -> tuple[ParagraphComparison, ...]:
        """The paragraphs of both sections in reading order, each kept, added or removed; () unless
        both sections were found."""
        if not self.section_compared:
            return ()
        return compare_paragraphs(self.prior.paragraphs, self.current.paragraphs)


def _order(name: str) -> tuple[int, str]:
    return concept_for(name).order, name


def _in_order(names: Set[str]) -> list[str]:
    return sorted(names, key=_order)


def compare_paragraphs(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[ParagraphComparison, ...]:
    """Both sections' paragraphs in reading order: where paragraphs changed, the removed ones come
    before the added ones; a paragraph found again elsewhere (moved) is kept, at its new place."""
    old, new = [normalised(p) for p in before], [normalised(p) for p in after]
    entries: list[ParagraphComparison] = []
    removed: list[ParagraphComparison] = []
    added: list[ParagraphComparison] = []

    from rapidfuzz.distance import Indel  # imported by the first comparison (2 MB resident)

    def flush() -> None:
        entries.extend(removed)
        entries.extend(added)
        removed.clear()
        added.clear()

    for opcode in Indel.opcodes(old, new):
        if opcode.tag == "equal":
            flush()
            entries.extend(
                ParagraphComparison(ParagraphChange.KEPT, after[j], i, j)
                for i, j in zip(
                    range(opcode.src_start, opcode.src_end),
                    range(opcode.dest_start, opcode.dest_end),
                    strict=True,
                )
            )
            continue
        removed += [
            ParagraphComparison(ParagraphChange.REMOVED, before[i], i, None)
            for i in range(opcode.src_start, opcode.src_end)
        ]
        added += [
            ParagraphComparison(ParagraphChange.ADDED, after[j], None, j)
            for j in range(opcode.dest_start, opcode.dest_end)
        ]
    flush()
    return tuple(_moves_kept(entries, old, new))


def _moves_kept(
    entries: list[ParagraphComparison], old: list[str], new: list[str]
) -> list[ParagraphComparison]:
    """The entries with each added paragraph whose text was removed elsewhere made one kept
    paragraph (at its new place), and that removed entry left out."""
    removed_at: dict[str, deque[int]] = defaultdict(deque)
    for position, entry in enumerate(entries):
        if entry.change is ParagraphChange.REMOVED and entry.prior_index is not None:
            removed_at[old[entry.prior_index]].append(position)
    moved_from: set[int] = set()
    result: dict[int, ParagraphComparison] = dict(enumerate(entries))
    for position, entry in enumerate(entries):
        if entry.change is not ParagraphChange.ADDED or entry.index is None:
            continue
        sources = removed_at.get(new[entry.index])
        if sources:
            source = sources.popleft()
            moved_from.add(source)
            prior_index = entries[source].prior_index
            result[position] = ParagraphComparison(ParagraphChange.KEPT, entry.text, prior_index, entry.index)
    return [entry for position, entry in result.items() if position not in moved_from]


def view_of_disclosure(disclosure: Disclosure) -> FilingView:
    """The view of a Disclosure (equal to the view of its JSON export document)."""
    filing = disclosure.filing
    section = disclosure.section
    return filing_view(
        source=disclosure.source,
        document_type=filing.document_type,
        amendment=filing.amendment,
        cik=filing.cik,
        fiscal_year=filing.fiscal_year_focus,
        period_end=filing.period_end,
        facts=(ViewFact(fact.local_name, fact.value, fact.incident_member) for fact in disclosure.facts),
        paragraphs=(p.text for p in section.paragraphs) if section is not None and section.found else None,
        entity_name=filing.registrant_name,
    )


def comparison_with_prior(disclosure: Disclosure) -> Comparison | None:
    """What changed since the filing's prior (`Disclosure.prior`); None when it has none."""
    if disclosure.prior is None:
        return None
    return Comparison(disclosure.prior, view_of_disclosure(disclosure))
