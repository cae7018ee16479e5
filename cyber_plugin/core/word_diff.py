"""Word-level differences between two texts: the runs of words kept, deleted and inserted, and how
alike the two texts are.

White space is normalised first: every run of white space (line breaks, tabs, no-break spaces) is
one space, and the ends are trimmed. Two texts are the same when they are equal so normalised
(`similarity` 1.0). The normalised text is then cut into tokens: words (letters and digits, with
inner hyphens and apostrophes, "third-party", "Company’s", and numbers with inner separators,
"1,000") and single punctuation marks. Each token keeps the space before it, so punctuation stays
attached to its word when a diff is shown ("program[-.-]{+, which+}") and the tokens joined give
the normalised text back; a word that gains or loses the space before it ("(CIO)" for "( CIO )") is
a change too.

The alignment is the longest common subsequence of tokens (rapidfuzz's Indel, bit-parallel in C++:
a few milliseconds for two whole Item 1C sections, where the standard library's difflib takes tens
of milliseconds and more on rewritten text). A raw alignment of rewritten text keeps scattered
common words ("the", "of") between changes, which makes a redline hard to read; so a kept run
shorter than the larger side of the change before it and of the change after it is folded into one
change (as diff-match-patch's semantic clean-up does, counted in tokens).

`similarity` is 2 x (tokens in the longest common subsequence) / (tokens of both texts): 1.0 for
the same text, 0.0 for texts without a token in common (and for a text against an empty one),
rounded to `SIMILARITY_DIGITS` (an edit never rounds up to 1.0). It is symmetric and exact, and
taken before the folding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

SIMILARITY_DIGITS: Final = 4
_BELOW_ONE: Final = 1 - 10**-SIMILARITY_DIGITS
_SPACE: Final = " "
# A token with the space before it: a word (inner hyphens and apostrophes joined, and digits joined
# by inner separators) or one other mark that is not white space.
_TOKEN: Final = re.compile(r" ?(?:\w+(?:(?:[-'’]|(?<=\d)[.,/:](?=\d))\w+)*|\S)")


class RunKind(StrEnum):
    KEPT = "kept"
    DELETED = "deleted"  # in the prior text only
    INSERTED = "inserted"  # in the new text only


@dataclass(frozen=True)
class WordRun:
    """Consecutive tokens of one kind: its text as written (white space normalised), and whether a
    space separates it from what comes before it."""

    kind: RunKind
    text: str
    spaced: bool


def normalised(text: str) -> str:
    """The text with each run of white space made one space, and no space at either end."""
    return _SPACE.join(text.split())


def tokens(text: str) -> tuple[str, ...]:
    """The words and punctuation marks of a text, each with the space before it (the first one
    too, so that a word reads the same at the start of a text as within it). Joined, they are the
    normalised text with a space before it: equal tokens, equal texts white space aside."""
    return tuple(_TOKEN.findall(_SPACE + normalised(text)))


def similarity(before: str, after: str) -> float:
    """2 x common tokens / all tokens, by the longest common subsequence: 1.0 exactly when the
    texts differ in white space only (two empty texts included); a text that differs never rounds
    up to 1.0."""
    return 1.0 if before == after else token_similarity(tokens(before), tokens(after))


def token_similarity(old: Sequence[str], new: Sequence[str]) -> float:
    """`similarity` of two texts' tokens."""
    if old == new:
        return 1.0
    from rapidfuzz.distance import Indel  # imported by the first comparison (2 MB resident)

    return min(round(Indel.normalized_similarity(old, new), SIMILARITY_DIGITS), _BELOW_ONE)


@dataclass
class _Hunk:
    """A kept run of tokens (`kept`), or a change: the tokens deleted and those inserted there."""

    kept: list[str]
    deleted: list[str]
    inserted: list[str]

    @property
    def is_change(self) -> bool:
        return not self.kept

    @property
    def change_size(self) -> int:
        return max(len(self.deleted), len(self.inserted))


def word_diff(before: str, after: str) -> tuple[WordRun, ...]:
    """The runs that turn `before` into `after`: kept runs, and at each change its deleted run then
    its inserted run. The kept and deleted runs give `before` back, the kept and inserted runs
    `after`, both white space normalised."""
    return token_diff(tokens(before), tokens(after))


def token_diff(old: Sequence[str], new: Sequence[str]) -> tuple[WordRun, ...]:
    """`word_diff` of two texts' tokens."""
    if old == new:
        hunks = [_Hunk(list(old), [], [])] if old else []
    else:
        hunks = _folded(_hunks(old, new))
    return tuple(_runs(hunks))


def _hunks(old: Sequence[str], new: Sequence[str]) -> list[_Hunk]:
    """Kept runs and changes alternating, from the longest common subsequence's alignment."""
    from rapidfuzz.distance import Indel

    hunks: list[_Hunk] = []
    for opcode in Indel.opcodes(old, new):
        if opcode.tag == "equal":
            hunks.append(_Hunk(list(old[opcode.src_start : opcode.src_end]), [], []))
            continue
        if not hunks or not hunks[-1].is_change:
            hunks.append(_Hunk([], [], []))
        hunks[-1].deleted += old[opcode.src_start : opcode.src_end]
        hunks[-1].inserted += new[opcode.dest_start : opcode.dest_end]
    return hunks


def _folded(hunks: list[_Hunk]) -> list[_Hunk]:
    """The hunks with each kept run that is shorter than the larger side of the changes on both of
    its sides folded into one change with them; folding goes on as changes grow."""
    result: list[_Hunk] = []
    for hunk in hunks:
        result.append(hunk)
        while len(result) >= 3 and _foldable(*result[-3:]):
            after, kept, before = result.pop(), result.pop(), result.pop()
            result.append(
                _Hunk(
                    [],
                    before.deleted + kept.kept + after.deleted,
                    before.inserted + kept.kept + after.inserted,
                )
            )
    return result


def _foldable(before: _Hunk, kept: _Hunk, after: _Hunk) -> bool:
    return (
        before.is_change
        and after.is_change
        and not kept.is_change
        and len(kept.kept) < before.change_size
        and len(kept.kept) < after.change_size
    )


def _runs(hunks: list[_Hunk]) -> Iterator[WordRun]:
    for hunk in hunks:
        for kind, run in (
            (RunKind.KEPT, hunk.kept),
            (RunKind.DELETED, hunk.deleted),
            (RunKind.INSERTED, hunk.inserted),
        ):
            if run:
                text = "".join(run)
                spaced = text.startswith(_SPACE)
                yield WordRun(kind, text[1:] if spaced else text, spaced)


def text_of_runs(runs: Sequence[WordRun], side: RunKind) -> str:
    """One side of a diff as text: the kept runs with the deleted ones (side DELETED, the prior
    text) or with the inserted ones (side INSERTED, the new text)."""
    wanted = (RunKind.KEPT, side)
    pieces = [(_SPACE if run.spaced else "") + run.text for run in runs if run.kind in wanted]
    return "".join(pieces).lstrip(_SPACE)
