"""The section as filed: Item 1C / 16K / 1.05 text that no cyd text block covers, and sections
that only point to another document."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.disclosure import Disclosure
from ..core.findings import Finding, Severity, Subject, report
from ..core.settings import RuleSettings
from ..core.suggestion_words import reads_like
from ..core.words import location, quoted_place, where_incorporated
from .rule import rule


@rule(Severity.WARNING, about=Subject.SECTION)
def untaggedText(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A 10-K, 20-F or 8-K tags cyd facts, yet substantive paragraphs of its Item 1C / 16K / 1.05
    section (as found in the inline document) lie outside every cyd text block's ix:nonNumeric
    and its ix:continuations. One finding lists them, each with where it is (the page the document
    prints, or its line where each paragraph has one of its own), its first words and, in Item 1C
    / 16K, the element it most likely answers with the suggestion model's score (every element
    scoring 0.5 or more; else the best, as reading like no element clearly); headings,
    sub-headings, page furniture, wholly covered sections and sections incorporated by reference
    stay silent."""
    section = disclosure.section
    if section is None or section.by_reference is not None or not disclosure.facts:
        return
    untagged = [
        (index, paragraph)
        for index, paragraph in enumerate(section.paragraphs)
        if paragraph.is_substantive and not paragraph.tagged_by
    ]
    if not untagged:
        return
    listed = []
    for index, paragraph in untagged:
        reading = reads_like(disclosure.suggestions_for(index))
        listed.append(f"{quoted_place(paragraph, section)} {reading}".rstrip())
    advice = (
        "Tag each with the text block it reads like (the scores are the suggestion model's, 0 to 1)"
        if disclosure.section_scores is not None
        else "Tag each with the text block of the element it answers"
    )
    yield report(
        "Paragraphs of Item %(item)s in %(document)s that no cyd text block covers (%(count)s of "
        "%(total)s; %(share)s of the section's text is tagged): %(paragraphs)s. %(advice)s, or move it "
        "out of Item %(item)s if it answers none.",
        count=len(untagged),
        total=len(section.paragraphs),
        item=section.item,
        document=section.document,
        share=f"{section.tagged_share:.0%}",
        paragraphs="; ".join(listed),
        advice=advice,
    )


@rule(Severity.INFO, about=Subject.SECTION)
def sectionByReference(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """The Item 1C / 16K section incorporates its disclosure by reference from another document
    (such as the annual report to shareholders, filed as Exhibit 13): says where, in the filing's
    own words."""
    section = disclosure.section
    if section is None or section.by_reference is None:
        return
    reference = section.by_reference
    yield report(
        "Item %(item)s (%(document)s, %(location)s) incorporates its disclosure by reference: "
        "%(where)s%(entry)s. The filing's words: “%(words)s”",
        item=section.item,
        document=section.document,
        location=location(section, section.lines_apart),
        where=where_incorporated(reference),
        entry=f" (exhibit index: “{reference.exhibit_entry}”)" if reference.exhibit_entry else "",
        words=reference.text,
    )
