"""Item 1C (10-K) or Item 16K (20-F) as filed: its paragraphs, and the cyd text blocks covering each.

A pure function of the inline documents' lxml trees (Arelle's `ixdsHtmlElements`, or any parsed
XHTML). Each document is walked once, in C as far as lxml allows, to find the elements whose text
names the item and the ix elements that tag text; then only the section is walked, from its
heading to the next item or part heading or the end of its document. A paragraph is covered by a
cyd text block when its text lies inside the block's ix:nonNumeric or one of its ix:continuations
(continuedAt chains followed), and not inside an ix:exclude.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Final, NamedTuple

from arelle.XbrlConst import ixbrlAll
from lxml import etree

from .catalogue import concept_for, is_cyd_namespace
from .section_text import (
    has_page_number,
    is_page_furniture,
    is_substantive,
    item_heading,
    points_elsewhere,
    referenced_exhibit,
    referenced_place,
    referenced_source,
    squeeze_spaces,
)
from .section_walk import Draft, SectionWalker, block_of, exhibit_entry

_XHTML: Final = "{http://www.w3.org/1999/xhtml}"
_IX_KINDS: Final = ("nonNumeric", "continuation", "exclude", "header")
# A by-reference section is short: a sentence or two pointing elsewhere.
_MAX_REFERENCE_PARAGRAPHS: Final = 3
_MAX_REFERENCE_CHARS: Final = 1500
_CYBER: Final = "cyber"


@dataclass(frozen=True)
class Paragraph:
    text: str
    document: str
    line: int | None
    tagged_by: tuple[str, ...] = ()  # local names of the cyd text blocks covering some of it
    tagged_chars: int = 0  # its non-space characters inside cyd text blocks

    @property
    def chars(self) -> int:
        """Non-space characters, the unit of the tagged share."""
        return len(self.text) - self.text.count(" ")

    @cached_property
    def is_substantive(self) -> bool:
        """Cached: the rules, the section's scoring and the outputs each ask."""
        return is_substantive(self.text)


@dataclass(frozen=True)
class Reference:
    """Where a section that only points elsewhere says its content is, in the filing's words."""

    text: str
    source: str | None = None  # the document it names: "2024 Annual Report to Shareholders"
    place: str | None = None  # the caption within it
    exhibit: str | None = None  # its exhibit number, from the text or the exhibit index
    exhibit_entry: str | None = None  # the exhibit index's description of it


@dataclass(frozen=True)
class Section:
    item: str  # "1C" or "16K"
    found: bool = False
    heading: str | None = None
    document: str | None = None
    line: int | None = None
    by_reference: Reference | None = None
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(paragraph.text for paragraph in self.paragraphs)

    @property
    def tagged_share(self) -> float:
        """The share of the section's (non-space) characters inside cyd text blocks."""
        total = sum(paragraph.chars for paragraph in self.paragraphs)
        return sum(p.tagged_chars for p in self.paragraphs) / total if total else 0.0

    @property
    def untagged(self) -> tuple[Paragraph, ...]:
        """Substantive paragraphs that no cyd text block covers."""
        return tuple(p for p in self.paragraphs if p.is_substantive and not p.tagged_by)


@dataclass
class _Scan:
    """What the one pass over a document finds."""

    document: str
    root: Any
    hits: list[Any]  # elements whose own text (or a child's tail) names the item
    facts: list[Any]  # ix:nonNumeric elements
    continuations: dict[str, Any]
    excludes: list[Any]
    headers: list[Any]


def read_section(documents: Iterable[tuple[str, Any]], item: str) -> Section:
    """The section of `item` ("1C" or "16K") in the inline documents, given as (name, root)."""
    scans = [_scan(name, root, item) for name, root in documents]
    cover = _cover_map(scans)
    skipped = {header for scan in scans for header in scan.headers}
    best: tuple[int, Section, Any] | None = None
    for scan in scans:
        walker = SectionWalker(scan.document, cover, skipped)
        for block in _candidate_blocks(scan, skipped):
            section = _read_from(block, walker, item)
            if section is None:
                continue
            score = sum(p.chars for p in section.paragraphs if p.is_substantive)
            if best is None or score >= best[0]:
                best = (score, section, scan.root)
    if best is None:
        return Section(item)
    _, section, root = best
    return _with_reference(section, root)


def _scan(document: str, root: Any, item: str) -> _Scan:
    # Only the inline XBRL namespaces the document declares: each tag matched costs libxml2 a
    # comparison on every element.
    namespaces = [ns for ns in ixbrlAll if ns in root.nsmap.values()] or sorted(ixbrlAll)
    facts, continuations, excludes, headers = [], {}, [], []
    for element in root.iter(*(f"{{{ns}}}{kind}" for ns in namespaces for kind in _IX_KINDS)):
        kind = element.tag.rpartition("}")[2]
        if kind == "nonNumeric":
            facts.append(element)
        elif kind == "continuation":
            continuations[element.get("id")] = element
        elif kind == "exclude":
            excludes.append(element)
        else:
            headers.append(element)
    upper, lower = item, item.lower()

    def names_item(text: str | None) -> bool:
        return text is not None and (upper in text or lower in text)

    hits: list[Any] = []
    for part in _shown_parts(root, headers):
        # A part's text is serialised in C: only the few parts that name the item are walked.
        if not names_item(etree.tostring(part, method="text", encoding=str, with_tail=False)):
            if names_item(part.tail):
                hits.append(part.getparent())
            continue
        for element in part.iter():
            if names_item(element.text) and isinstance(element.tag, str):
                hits.append(element)
            if names_item(element.tail):
                hits.append(element.getparent())
    return _Scan(document, root, hits, facts, continuations, excludes, headers)


def _shown_parts(root: Any, headers: list[Any]) -> list[Any]:
    """The parts of the body to search: its children, less those holding ix:header (contexts,
    units and hidden facts, often most of a document's elements)."""
    body = root.find(f"{_XHTML}body")
    if body is None or (body.text and body.text.strip()):
        return [root]
    hidden = [
        ancestor for header in headers for ancestor in header.iterancestors() if ancestor.getparent() is body
    ]
    return [child for child in body if not any(child is part for part in hidden)]


def _cover_map(scans: list[_Scan]) -> dict[Any, tuple[str, ...] | None]:
    """Each element that tags text with cyd text blocks -> their local names; ix:exclude -> None.
    Continuations are found across all documents, as an inline document set allows."""
    continuations: dict[str, Any] = {}
    for scan in scans:
        continuations.update(scan.continuations)
    cover: dict[Any, tuple[str, ...] | None] = {}
    for scan in scans:
        namespaces = dict(scan.root.nsmap)
        for fact in scan.facts:
            prefix, _, local_name = (fact.get("name") or "").rpartition(":")
            namespace = namespaces.get(prefix or None) or fact.nsmap.get(prefix or None)
            if not is_cyd_namespace(namespace) or concept_for(local_name).is_flag:
                continue
            link, seen = fact.get("continuedAt"), set()
            cover[fact] = (*(cover.get(fact) or ()), local_name)
            while link and link not in seen and link in continuations:
                seen.add(link)
                continuation = continuations[link]
                cover[continuation] = (*(cover.get(continuation) or ()), local_name)
                link = continuation.get("continuedAt")
        for exclude in scan.excludes:
            cover[exclude] = None
    return cover


def _candidate_blocks(scan: _Scan, skipped: set[Any]) -> Iterator[Any]:
    """The paragraph blocks whose text names the item and that are not links or hidden."""
    seen: list[Any] = []
    for hit in scan.hits:
        block = block_of(hit, skipped)
        if block is not None and not any(block is other for other in seen):
            seen.append(block)
            yield block


class _Heading(NamedTuple):
    number: str  # "1C", "2", … or "PART"
    title: str
    text: str
    rest: Draft | None  # the paragraph's text after a heading that opens it


def _read_from(block: Any, walker: SectionWalker, item: str) -> Section | None:
    """The section that starts at `block`, or None when `block` does not open with the item's heading."""
    drafts = (draft for draft in walker.paragraphs(block) if not is_page_furniture(draft.text))
    first = next(drafts, None)
    heading = _heading_of(first) if first is not None else None
    if first is None or heading is None or heading.number != item or has_page_number(heading.title):
        return None
    paragraphs = [_paragraph(heading.rest)] if heading.rest is not None else []
    for draft in drafts:
        other = _heading_of(draft)
        if other is not None and other.number != item:
            break
        if other is None or other.rest is not None:
            paragraphs.append(_paragraph(draft))
        # else: the item's own heading again, a running head
    title = heading.text
    second = paragraphs[0] if paragraphs else None
    if not heading.title and second and not second.is_substantive and _CYBER in second.text.lower():
        title = f"{title} {paragraphs.pop(0).text}"  # "Item 1C." and "Cybersecurity" on lines of their own
    return Section(item, True, title, first.document, first.line, paragraphs=tuple(paragraphs))


def _paragraph(draft: Draft) -> Paragraph:
    return Paragraph(draft.text, draft.document, draft.line, draft.tagged_by, draft.tagged_chars)


def _heading_of(draft: Draft) -> _Heading | None:
    """The item or part heading a paragraph is, or opens with as an emphasised run followed by a
    sentence ("<b>Item 2. Properties.</b> We lease …"); None for any other paragraph."""
    whole = item_heading(draft.text)
    if whole is not None:
        return _Heading(*whole, draft.text, None)
    split = draft.lead()
    if split is None or split[1].text[:1].islower():
        return None
    lead = item_heading(split[0])
    return _Heading(*lead, split[0], split[1]) if lead is not None else None


def _with_reference(section: Section, root: Any) -> Section:
    """The section, with where it points when it only points elsewhere."""
    substantive = [p for p in section.paragraphs if p.is_substantive]
    if not substantive or len(substantive) > _MAX_REFERENCE_PARAGRAPHS:
        return section
    text = squeeze_spaces(" ".join(p.text for p in substantive))
    if len(text) > _MAX_REFERENCE_CHARS or not points_elsewhere(text):
        return section
    return replace(section, by_reference=_reference(text, root))


def _reference(text: str, root: Any) -> Reference:
    source, number = referenced_source(text), referenced_exhibit(text)
    entry = exhibit_entry(root, source, number) if source or number else None
    return Reference(
        text=text,
        source=source,
        place=referenced_place(text),
        exhibit=entry[0] if entry else number,
        exhibit_entry=entry[1] if entry else None,
    )
