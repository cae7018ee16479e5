"""Text heuristics: flags that the text beside them contradicts, and text blocks that read like
another element. Conservative by design: a sentence must make its claim outright. A modal ("we may
engage ... as needed"), conditional ("in the event of an incident, management will report ...") or
delegated ("the Company relies on the Adviser to engage ...") statement claims nothing about what
the company does, and a denial must cover all that the flag covers. A text block is said to read
like another element only when the suggestion model is far surer of that element than of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from ..core.catalogue import (
    ANNUAL_CONCEPTS,
    MATERIALLY_AFFECTED_FLAG,
    POSITIONS_RESPONSIBLE_FLAG,
    PROCESSES_INTEGRATED_FLAG,
    TEXT_BLOCK_FOR_FLAG,
    THIRD_PARTY_ENGAGED_FLAG,
    Topic,
)
from ..core.disclosure import CydFact, Disclosure
from ..core.findings import Finding, Severity, report
from ..core.settings import RuleSettings
from ..core.suggestion_words import score_text, scored
from ..core.words import fact_id_text, flag_word
from .rule import label_of, rule, texts_of

_NEGATION: Final = re.compile(r"\b(?:not|no|none|neither|nor|never|without)\b|n't\b", re.IGNORECASE)
_SENTENCE_END: Final = re.compile(r"(?<=[.;!?])\s+|\n")
# What makes a statement hedged: a modal verb, a condition, or someone else doing it.
_HEDGE: Final = re.compile(
    r"\b(?:may|might|could|would|can|will|shall|should)\b"
    r"|\b(?:if|unless|in the event|in case)\b"
    r"|\brel(?:y|ies|ied|ying)\s+(?:up)?on\b|\bdelegat(?:e|es|ed|ing)\b|\bon (?:its|our|their) behalf\b",
    re.IGNORECASE,
)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _asserts(sentence: str) -> bool:
    """Whether a sentence states something outright: neither a denial nor hedged."""
    return not _NEGATION.search(sentence) and not _HEDGE.search(sentence)


_DESCRIBED_SUBJECT: Final = {
    PROCESSES_INTEGRATED_FLAG: re.compile(
        r"integrat|part of (?:our|the) (?:overall|broader|enterprise)", re.I
    ),
    POSITIONS_RESPONSIBLE_FLAG: re.compile(
        r"responsib|officer|CISO|CIO|CTO|committee|team|lead|head of|director|vice president", re.I
    ),
}


@rule(Severity.WARNING)
def flagFalseWithText(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """The processes-integrated or positions-responsible flag is false while its paired text block
    describes that very thing in a statement made outright (not a denial, nor a modal, conditional
    or delegated statement)."""
    for flag_name, subject in _DESCRIBED_SUBJECT.items():
        false_flags = [f for f in disclosure.facts_for(flag_name) if f.value is False]
        text_block = TEXT_BLOCK_FOR_FLAG[flag_name]
        describing = [
            fact
            for fact in texts_of(disclosure, text_block.local_name)
            if any(subject.search(s) and _asserts(s) for s in _sentences(str(fact.value)))
        ]
        if false_flags and describing:
            yield report(
                "%(flag)s is false, yet %(textBlock)s describes it. If the text is right, the flag "
                "should be true; if the flag is right, the text block should say so.",
                facts=false_flags + describing,
                flag=label_of(flag_name),
                textBlock=text_block.label,
            )


@dataclass(frozen=True)
class Contradiction:
    """A flag value that a sentence of its section's text contradicts."""

    flag: str
    flag_value: bool
    # Patterns, matched without regard to case. Kept as strings: `re` compiles them when a flag
    # has the value first (and caches them), not in every run that loads the plugin.
    claim: str
    counter_claim: str | None
    text_blocks: tuple[str, ...]
    summary: str


# Up to 200 characters of one clause: no sentence end, nor a "but" that turns the denial around.
_UNBROKEN: Final = r"(?:(?!\b(?:but|however|although|though|yet|except)\b)[^.;]){0,200}"
_RISK_MANAGEMENT_TEXTS: Final = tuple(
    c.local_name for c in ANNUAL_CONCEPTS if c.topic is Topic.RISK_MANAGEMENT and not c.is_flag
)

CONTRADICTIONS: Final = (
    Contradiction(
        flag=THIRD_PARTY_ENGAGED_FLAG,
        flag_value=False,
        claim=(
            r"\b(?:we|company)\b[^.;]{0,60}\b(?:engage[sd]?|retain(?:s|ed)?|use[sd]?|utiliz(?:e|es|ed)|"
            r"work(?:s|ed)? with|partner(?:s|ed)? with)\b[^.;]{0,60}"
            r"\b(?:third[- ]part(?:y|ies)|independent|external|outside)\b"
            r"[^.;]{0,40}\b(?:assessors?|consultants?|auditors?|advisors?|experts?|firms?)\b"
        ),
        counter_claim=None,
        text_blocks=_RISK_MANAGEMENT_TEXTS,
        summary="the company engages third-party assessors or consultants",
    ),
    Contradiction(
        flag=MATERIALLY_AFFECTED_FLAG,
        flag_value=True,
        # The flag covers both: a denial must say "not materially affected" and "not reasonably
        # likely to" (one "not" may cover both); "have not materially affected us to date" is too weak.
        claim=(
            rf"^(?=.*\b(?:not|never)\b{_UNBROKEN}\bmaterially\s+(?:affected|impacted)\b)"
            rf"(?=.*\bnot\b{_UNBROKEN}\breasonably\s+likely\b)"
        ),
        counter_claim=(
            r"(?<!not )\b(?:ha(?:ve|s)|had)\s+materially\s+affected\b|"
            r"(?<!not )\b(?:are|is)\s+reasonably\s+likely\s+to\s+materially\s+affect"
        ),
        text_blocks=(TEXT_BLOCK_FOR_FLAG[MATERIALLY_AFFECTED_FLAG].local_name, *_RISK_MANAGEMENT_TEXTS),
        summary="risks have not materially affected the company and are not reasonably likely to",
    ),
)


@rule(Severity.WARNING)
def textContradictsFlag(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A flag's value contradicts what its section's text says: third-party-engaged false while
    the text says the company engages third-party assessors or consultants; materially-affected
    true while the text says cybersecurity risks have not materially affected the company and are
    not reasonably likely to. A conservative heuristic: a sentence must make the claim outright (a
    denial, a modal, conditional or delegated statement is none), a denial of effects must also
    deny their reasonable likelihood, and an opposite claim elsewhere keeps it silent."""
    for contradiction in CONTRADICTIONS:
        flags = [f for f in disclosure.facts_for(contradiction.flag) if f.value is contradiction.flag_value]
        if not flags:
            continue
        texts = [fact for name in contradiction.text_blocks for fact in texts_of(disclosure, name)]
        sentences = [(fact, s) for fact in texts for s in _sentences(str(fact.value))]
        if any(_counters(contradiction, s) for _, s in sentences):
            continue
        claims = [(fact, s) for fact, s in sentences if _states(contradiction, s)]
        if claims:
            fact, sentence = claims[0]
            claiming = [f for f in dict.fromkeys(f for f, _ in claims) if f.local_name == fact.local_name]
            yield report(
                "%(flag)s is %(value)s, but %(textBlock)s says %(summary)s: \u201c%(sentence)s\u201d. "
                "Check which is right.",
                facts=flags + claiming,
                flag=label_of(contradiction.flag),
                value=flag_word(contradiction.flag_value),
                textBlock=fact.concept.label,
                summary=contradiction.summary,
                sentence=_shorten(sentence),
            )


def _shorten(sentence: str, limit: int = 240) -> str:
    sentence = sentence.strip()
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + "\u2026"


def _counters(contradiction: Contradiction, sentence: str) -> bool:
    """Whether a sentence makes the opposite claim outright (one with a denial in it is none)."""
    counter = contradiction.counter_claim
    return (
        counter is not None
        and bool(re.search(counter, sentence, re.IGNORECASE))
        and not _NEGATION.search(sentence)
    )


def _states(contradiction: Contradiction, sentence: str) -> bool:
    if not re.search(contradiction.claim, sentence, re.IGNORECASE):
        return False
    # A claim of engagement must be made outright ("we do not engage", "we may engage" are none);
    # a denial of effects is its own claim.
    return contradiction.flag_value or _asserts(sentence)


@rule(Severity.INFO)
def textReadsLikeOther(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A tagged text block reads far more like another cyd text-block element than like its own:
    the suggestion model (docs/suggestion-model.md) scores the whole block for another element
    higher than for its own by at least its margin, tuned on the validation filers so that it
    flags no more than one block in two hundred as filers tag them. The block's own elements are
    its element and every element that tags the same text or a text holding it (copying a passage
    into several elements is common and legitimate); the five incident elements count as one.
    A prompt to check the tag, not proof that it is wrong: one finding per block (per text, when
    one element tags the same text twice)."""
    facts_by_block: dict[tuple[str, str], list[CydFact]] = {}
    for fact in disclosure.text_blocks:
        if fact.has_text and isinstance(fact.value, str):
            facts_by_block.setdefault((fact.local_name, fact.value), []).append(fact)
    if not facts_by_block:
        return
    from ..core.suggestions import reading_like_others  # imported with the model, when first needed

    for reading in reading_like_others(list(facts_by_block)):
        if reading.reads_like is None:
            continue
        facts = facts_by_block[(reading.concept, reading.text)]
        yield report(
            "%(concept)s (%(id)s) reads far more like %(other)s than like its own element (%(own)s): "
            "the suggestion model's scores, 0 to 1, for the whole block. Check that it is tagged with "
            "the element it answers.",
            facts=facts,
            concept=facts[0].concept.label,
            id=fact_id_text(facts[0]),
            other=scored(reading.reads_like),
            own=score_text(reading.own_score),
        )
