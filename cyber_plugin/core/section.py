"""Item 1C (10-K) or Item 16K (20-F) as filed: its paragraphs, and the cyd text blocks covering each.

A pure function of the inline documents' lxml trees (Arelle's `ixdsHtmlElements`, or any parsed
XHTML). The documents' shown parts are searched in order, each serialised to text in C, for the
item's heading; the search stops after the part that holds the section, so the financial
statements that follow Item 1C (and most of a filing's facts) are never visited. The section is
walked from its heading to the next item or part heading or the end of its document. A paragraph
is covered by a cyd text block when its text lies inside the block's ix:nonNumeric or one of its
ix:continuations (continuedAt chains followed), and not inside an ix:exclude.

Where the cyd text blocks are comes from the caller (Arelle has already found them) or, for plain
trees, from one tag-filtered walk of each document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
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
from .section_walk import Draft, SectionWalker, block_of, exhibit_entry, is_hidden_part

# A by-reference section is short: a sentence or two pointing elsewhere.
_MAX_REFERENCE_PARAGRAPHS: Final = 3
_MAX_REFERENCE_CHARS: Final = 1500
_CYBER: Final = "cyber"
_XHTML_BODY: Final = "{http://www.w3.org/1999/xhtml}body"


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


class TextBlocks(NamedTuple):
    """Where a document set's cyd text blocks are: each block's ix:nonNumeric element with the
    block's local name, and the ix:continuation with a given id (None when there is none)."""

    facts: Sequence[tuple[Any, str]]
    continuation: Callable[[str], Any]


def read_section(
    documents: Iterable[tuple[str, Any]], item: str, blocks: TextBlocks | None = None
) -> Section:
    """The section of `item` ("1C" or "16K") in the inline documents, given as (name, root);
    `blocks` says where the cyd text blocks are, or they are found in the documents."""
    documents = list(documents)
    cover = _cover_map(blocks or find_text_blocks(root for _, root in documents))
    best: tuple[int, Section, Any] | None = None
    for candidates in _sections_by_part(documents, item, cover):
        for score, section, root in candidates:
            if best is None or score >= best[0]:
                best = (score, section, root)
        if best is not None and best[0] > 0:
            break  # the section is found: the rest of the filing is not read
    return Section(item) if best is None else _with_reference(best[1], best[2])


def _sections_by_part(
    documents: list[tuple[str, Any]], item: str, cover: dict[Any, tuple[str, ...]]
) -> Iterator[list[tuple[int, Section, Any]]]:
    """For each shown part of each document, in order, the sections that start in it, each scored
    by its substantive characters and given with its document's root."""
    seen: list[Any] = []
    for name, root in documents:
        walker = SectionWalker(name, cover)
        for hits in _hits_by_part(root, item):
            sections = (_read_from(block, walker, item) for block in _candidate_blocks(hits, seen))
            yield [
                (sum(p.chars for p in section.paragraphs if p.is_substantive), section, root)
                for section in sections
                if section is not None
            ]


def find_text_blocks(roots: Iterable[Any]) -> TextBlocks:
    """The cyd text blocks of plain trees: one tag-filtered walk of each document (in libxml2;
    only ix:nonNumeric and ix:continuation elements reach Python)."""
    facts: list[tuple[Any, str]] = []
    continuations: dict[str, Any] = {}
    for root in roots:
        declared = [ns for ns in ixbrlAll if ns in root.nsmap.values()] or sorted(ixbrlAll)
        tags = [f"{{{ns}}}{kind}" for ns in declared for kind in ("nonNumeric", "continuation")]
        for element in root.iter(*tags):
            if element.tag.endswith("}continuation"):
                continuations.setdefault(element.get("id"), element)
                continue
            prefix, _, local_name = (element.get("name") or "").rpartition(":")
            namespace = element.nsmap.get(prefix or None)
            if is_cyd_namespace(namespace) and not concept_for(local_name).is_flag:
                facts.append((element, local_name))
    return TextBlocks(facts, continuations.get)


def _cover_map(blocks: TextBlocks) -> dict[Any, tuple[str, ...]]:
    """Each element that tags text with cyd text blocks -> their local names, continuations
    included (which an inline document set may hold in any of its documents)."""
    cover: dict[Any, tuple[str, ...]] = {}
    for fact, local_name in blocks.facts:
        cover[fact] = (*cover.get(fact, ()), local_name)
        link, seen = fact.get("continuedAt"), set()
        while link and link not in seen:
            seen.add(link)
            continuation = blocks.continuation(link)
            if continuation is None:
                break
            cover[continuation] = (*cover.get(continuation, ()), local_name)
            link = continuation.get("continuedAt")
    return cover


def _hits_by_part(root: Any, item: str) -> Iterator[list[Any]]:
    """For each shown part of the body in order (its children), the elements whose own text (or a
    child's tail) names the item. A part's text is serialised in C: only parts that name the
    item are walked in Python."""
    upper, lower = item, item.lower()

    def names_item(text: str | None) -> bool:
        return text is not None and (upper in text or lower in text)

    body = root.find(_XHTML_BODY)
    parts = [root] if body is None or (body.text and body.text.strip()) else body
    for part in parts:
        if not isinstance(part.tag, str) or is_hidden_part(part):
            continue
        hits: list[Any] = []
        if not names_item(etree.tostring(part, method="text", encoding=str, with_tail=False)):
            if names_item(part.tail):
                hits.append(part.getparent())
        else:
            for element in part.iter():
                if names_item(element.text) and isinstance(element.tag, str):
                    hits.append(element)
                if names_item(element.tail):
                    hits.append(element.getparent())
        if hits:
            yield hits


def _candidate_blocks(hits: list[Any], seen: list[Any]) -> Iterator[Any]:
    """The paragraph blocks whose text names the item and that are not links or hidden."""
    for hit in hits:
        block = block_of(hit)
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
