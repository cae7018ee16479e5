"""What the suggestion model reads of a section: each substantive paragraph's words, its heading,
its neighbours and its place in the section.

Pure string work, shared by the inference (`suggestions.py`) and the training tool
(`tools/train_suggestions.py`), so that a paragraph is read the same way in both.

- Words: lower case, apostrophes dropped ("Company's" and the SEC data sets' "Companys" are one
  word), runs of letters and digits that start with a letter; the model's terms are these words
  and each pair of neighbouring words ("board", "audit committee").
- Heading: a heading run into the paragraph's first sentence ("Risk Management and Strategy We
  have ..."; the SEC's data sets flatten every heading into the text this way) is split off and is
  the paragraph's heading; otherwise its heading is the last heading (a short title-like
  paragraph, `section_text.is_subheading`, or a heading run into a paragraph) before it in the
  section, or none.
- Neighbours and place: the substantive paragraphs before and after it, its rank among them and
  their count. Non-substantive paragraphs are never scored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from .section_text import is_subheading

_APOSTROPHES: Final = "’'‘`"
_WORD: Final = re.compile(r"[a-z][a-z0-9]*")
# Words that a title may keep in lower case, and the edges a word's core is read without (as
# section_text reads titles).
_SMALL_WORDS: Final = frozenset("a an and as at by continued for from in of on or the to with".split())
_WORD_EDGES: Final = "“”\"'‘’()[],.:;–—-&/|"
# Capitalised words that open a sentence after a heading run into it: "Governance The Board ...",
# "Risk Management and Strategy We have ...". A heading ends before the first of them.
_SENTENCE_OPENERS: Final = frozenset(
    "the we our in as this these to at each any all although while since for from during its if "
    "upon when with a an under it additionally there such".split()
)
_MAX_HEADING_WORDS: Final = 15
_MAX_HEADING_CHARS: Final = 120
_MIN_WORDS_AFTER_HEADING: Final = 3


def words(text: str) -> list[str]:
    """The paragraph's words, lower case, apostrophes dropped."""
    lowered = text.lower()
    for apostrophe in _APOSTROPHES:  # str.replace: several times faster than a translation table
        lowered = lowered.replace(apostrophe, "")
    return _WORD.findall(lowered)


def terms(text: str) -> list[str]:
    """The model's terms: the words and each pair of neighbouring words."""
    found = words(text)
    return found + [f"{first} {second}" for first, second in pairwise(found)]


def term_counts(text: str, longest: int) -> dict[str, int]:
    """How often each of the text's terms (at most `longest` characters) occurs, in the order of
    `terms(text)` (each term at its first occurrence): Counter(terms(text)) without making a string
    for every pair of words, which takes seconds on a text block of megabytes."""
    found = words(text)
    counted = {word: count for word, count in Counter(found).items() if len(word) <= longest}
    for (first, second), count in Counter(pairwise(found)).items():
        if len(first) + len(second) < longest:
            counted[f"{first} {second}"] = count
    return counted


def _is_opener(word: str) -> bool:
    """A capitalised sentence opener ("The", "Our"; not "IT" or "OUR")."""
    return word[:1].isupper() and word[1:].islower() and word.lower() in _SENTENCE_OPENERS


def split_run_in_heading(text: str) -> tuple[str, str]:
    """(heading, rest) when the text opens with a title-like heading run into its first sentence,
    which starts with a capitalised opener; ("", text) otherwise."""
    parts = text.split()
    title_run = 0
    for word in parts[: _MAX_HEADING_WORDS + 1]:
        core = word.strip(_WORD_EDGES)
        if core[:1].islower() and core not in _SMALL_WORDS:
            break
        title_run += 1
    for end in range(1, min(title_run, _MAX_HEADING_WORDS)):
        if not _is_opener(parts[end].strip(_WORD_EDGES)):
            continue
        heading = " ".join(parts[:end])
        last = parts[end - 1].strip(_WORD_EDGES).lower()
        if (
            len(heading) <= _MAX_HEADING_CHARS
            and last not in _SMALL_WORDS
            and not heading.endswith(",")
            and re.search(r"[A-Za-z]{3}", heading)
            and len(parts) - end >= _MIN_WORDS_AFTER_HEADING
        ):
            return heading, " ".join(parts[end:])
        break
    return "", text


@dataclass(frozen=True)
class ParagraphInput:
    """One substantive paragraph as the model reads it."""

    index: int  # its place in the list of paragraphs given
    text: str  # without a heading run into it
    heading: str  # that heading, else the last sub-heading before it in the section, else ""
    rank: int  # its place among the section's substantive paragraphs, from 0
    count: int  # the section's substantive paragraphs


def section_inputs(texts: Sequence[str], substantive: Sequence[bool]) -> tuple[ParagraphInput, ...]:
    """The model's reading of a section's paragraphs, given in order with whether each is
    substantive: one input for each substantive paragraph, in order."""
    count = sum(1 for flag in substantive if flag)
    inputs: list[ParagraphInput] = []
    last_heading = ""
    for index, (text, is_substantive) in enumerate(zip(texts, substantive, strict=True)):
        if not is_substantive:
            if is_subheading(text.strip()):
                last_heading = text.strip()
            continue
        heading, rest = split_run_in_heading(text)
        last_heading = heading or last_heading  # as a heading line would, it heads what follows
        inputs.append(ParagraphInput(index, rest, last_heading, len(inputs), count))
    return tuple(inputs)
