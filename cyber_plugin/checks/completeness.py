"""Completeness: is everything there that the filing should tag, and is each fact readable?"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.catalogue import (
    PAIRED_TEXT_BLOCKS,
    REQUIRED_ANNUAL_CONCEPTS,
    REQUIREMENT_START,
    SECTION_ITEMS,
)
from ..core.disclosure import CydFact, Disclosure
from ..core.findings import Finding, Severity, report
from ..core.settings import RuleSettings
from ..core.suggestion_words import likeliest_paragraphs
from ..core.words import EMPTY, NIL, NOT_TAGGED, UNREADABLE, where_incorporated
from .rule import is_annual, label_of, rule, texts_of


@rule(Severity.ERROR)
def missingDisclosure(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A 10-K or 20-F (not an amendment, not a transition report) whose DocumentPeriodEndDate is
    on or after 2024-12-15 has no cyd fact in the loaded documents (as DQC_0202). Item 1C / 16K
    may sit in an exhibit that was not loaded with the primary document: when the section says it
    is incorporated by reference, the finding says from where, in the filing's words."""
    filing = disclosure.filing
    if disclosure.facts or not filing.tagging_required or filing.period_end is None:
        return
    item = SECTION_ITEMS.get(filing.base_form, "1C")
    reference = disclosure.section.by_reference if disclosure.section else None
    advice = (
        f"Item {item} is incorporated by reference: {where_incorporated(reference)}. Load that document "
        f"together with the primary document and validate again; Item {item} must be tagged where it is."
        if reference is not None
        else "If the section is incorporated by reference from an exhibit, load the exhibit together "
        "with the primary document and validate again; otherwise tag the section."
    )
    yield report(
        "This %(form)s for the period ending %(periodEnd)s has no cybersecurity (cyd) fact in the "
        "loaded documents (%(documents)s). Item %(item)s must be tagged with the cyd taxonomy for "
        "fiscal years ending on or after %(start)s. %(advice)s",
        form=filing.base_form,
        periodEnd=filing.period_end.isoformat(),
        documents=", ".join(disclosure.documents) or disclosure.source,
        item=item,
        start=REQUIREMENT_START,
        advice=advice,
    )


@rule(Severity.WARNING)
def missingElement(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """An annual report tags some cyd facts but not all 15 elements that every complete Item 1C /
    16K carries (the 16 annual elements less the materially-affected text block). One finding
    lists what is missing and, for each missing text block, the paragraph of Item 1C / 16K as
    filed most likely to answer it (where it is, its first words and the suggestion model's
    score), or that no paragraph reads clearly like it (those text blocks together, last): a
    paragraph is named only when its score reaches the element's threshold, tuned so that nine in
    ten named are right (docs/suggestion-model.md); for elements that no threshold makes that
    precise, none is."""
    if not is_annual(disclosure) or not disclosure.facts:
        return
    missing = [c.local_name for c in disclosure.untagged_required]
    if not missing:
        return
    yield report(
        "The cybersecurity disclosure tags %(present)s of the %(required)s elements a complete "
        "Item 1C / 16K carries; missing: %(missing)s. Tag each one (a flag as true or false, a text "
        "block with the passage that answers it).%(likeliest)s",
        concepts=missing,
        present=len(REQUIRED_ANNUAL_CONCEPTS) - len(missing),
        required=len(REQUIRED_ANNUAL_CONCEPTS),
        missing="; ".join(label_of(name) for name in missing),
        likeliest=_likeliest_paragraphs(disclosure, missing),
    )


def _likeliest_paragraphs(disclosure: Disclosure, missing: list[str]) -> str:
    """The sentences naming, for each missing text block the suggestion model knows, the section's
    paragraph most likely to answer it, or that none reads clearly like it; empty without a
    scored section."""
    scores, section = disclosure.section_scores, disclosure.section
    if scores is None or section is None:
        return ""
    found = []
    for name in (name for name in missing if name in scores.concepts):
        best = scores.best_paragraph(name)
        found.append((name, (section.paragraphs[best[0]], best[1]) if best is not None else None))
    sentences = likeliest_paragraphs(found, section)
    return f" {sentences}" if sentences else ""


@rule(Severity.WARNING)
def flagWithoutText(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A flag is true but the text block that pairs with it (processes integrated, positions or
    committees responsible, materially affected) is absent or empty."""
    for text_block in PAIRED_TEXT_BLOCKS:
        flag_name = text_block.paired_flag or ""
        true_flags = [f for f in disclosure.facts_for(flag_name) if f.value is True]
        if true_flags and not texts_of(disclosure, text_block.local_name):
            yield report(
                "%(flag)s is true, but %(textBlock)s is %(state)s. Tag the passage that describes it, "
                "or correct the flag.",
                facts=true_flags + list(disclosure.facts_for(text_block.local_name)),
                concepts=(text_block.local_name,),
                flag=label_of(flag_name),
                textBlock=text_block.label,
                state=EMPTY if disclosure.facts_for(text_block.local_name) else NOT_TAGGED,
            )


@rule(Severity.WARNING)
def textWithoutFlag(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A text block is tagged but the flag that pairs with it is absent (absent is not false)."""
    for text_block in PAIRED_TEXT_BLOCKS:
        flag_name = text_block.paired_flag or ""
        texts = disclosure.facts_for(text_block.local_name)
        if texts and not disclosure.facts_for(flag_name):
            yield report(
                "%(textBlock)s is tagged but %(flag)s is not. An absent flag is not a false one: tag "
                "the flag as true or false.",
                facts=texts,
                concepts=(flag_name,),
                textBlock=text_block.label,
                flag=label_of(flag_name),
            )


@rule(Severity.WARNING)
def emptyTextBlock(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A text block is nil, has no text (no letter or digit: a lone '.' counts as empty), or could
    not be read."""
    for fact in disclosure.text_blocks:
        if not fact.has_text:
            yield report(
                "%(concept)s is %(state)s. Tag the passage that answers it, or remove the fact.",
                facts=(fact,),
                concept=fact.concept.label,
                state=_emptiness(fact),
            )


def _emptiness(fact: CydFact) -> str:
    if fact.nil:
        return NIL
    if fact.html is None:
        return UNREADABLE
    if isinstance(fact.value, str) and fact.value.strip():
        return f"without a letter or digit ('{fact.value.strip()[:20]}')"
    return EMPTY


@rule(Severity.ERROR)
def invalidFlag(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A flag is nil or its value is not a boolean (for example a failed transform)."""
    for fact in disclosure.facts:
        if fact.is_flag and not isinstance(fact.value, bool):
            yield report(
                "%(concept)s is %(state)s, so it is neither true nor false. Tag it as true or false "
                "(for example with ixt:fixed-true or ixt:fixed-false).",
                facts=(fact,),
                concept=fact.concept.label,
                state=NIL if fact.nil else f"'{fact.lexical.strip()[:60]}'",
            )
