"""Item 1C (10-K), Item 16K (20-F) or Item 1.05 (8-K) as filed: its paragraphs, where each stands,
and the cyd text blocks covering each.

Where a paragraph stands: its source line, the page number the document prints, the nearest
element id.

A pure function of the inline documents' lxml trees (Arelle's `ixdsHtmlElements`, or any parsed
XHTML). The documents' shown parts are searched in order, each serialised to text in C, for the
item's heading; the search stops after the part that holds the section, so the financial
statements that follow Item 1C (and most of a filing's facts) are never visited. The section is
walked from its heading to the next item, part or signature heading or the end of its document;
page furniture (page numbers, running heads, the company's name) is left out, and a running head
that repeats the item's own heading does not end it. Every element is walked once, however many
times the heading repeats. A paragraph is covered by a cyd text block when its text lies inside
the block's ix:nonNumeric or one of its ix:continuations (continuedAt chains followed), and not
inside an ix:exclude.

Where the cyd text blocks are comes from the caller (Arelle has already found them) or, for plain
trees, from one tag-filtered walk of each document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import islice, zip_longest
from typing import Any, Final, NamedTuple

from lxml import etree

from .catalogue import SECTION_PARTS, concept_for, is_cyd_namespace
from .inline_xbrl import declared_ix_namespaces, ix_namespaces, text_block_parts
from .section_pages import PageNumbers
from .section_text import (
    furniture_parts,
    has_page_number,
    is_legend_heading,
    is_page_furniture,
    is_substantive,
    item_heading,
    page_number,
    points_elsewhere,
    reads_as_heading,
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
    page: str | None = None  # the page number the document prints on its page ("39", "F-3")
    anchor: str | None = None  # the id of the nearest element that has one: in it, else before it
    heading: bool = False  # a sub-heading: a short line, no sentence, styled or placed as a heading

    @property
    def chars(self) -> int:
        """Non-space characters, the unit of the tagged share."""
        return len(self.text) - self.text.count(" ")

    @cached_property
    def is_substantive(self) -> bool:
        """Cached: the rules, the section's scoring and the outputs each ask."""
        return not self.heading and is_substantive(self.text)


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
    item: str  # "1C", "16K" or "1.05"
    found: bool = False
    heading: str | None = None
    document: str | None = None
    line: int | None = None
    by_reference: Reference | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    page: str | None = None  # where its heading is, as the paragraphs' page and anchor say
    anchor: str | None = None

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

    @cached_property  # asked once per paragraph when each paragraph's place is written
    def lines_apart(self) -> bool:
        """Whether the heading and each paragraph have a source line of their own (a file written
        on a few long lines gives many paragraphs one line, which then tells a reader nothing)."""
        lines = [self.line, *(p.line for p in self.paragraphs)]
        return None not in lines and len(set(lines)) == len(lines)


class TextBlocks(NamedTuple):
    """Where a document set's cyd text blocks are: each block's ix:nonNumeric element with the
    block's local name, and the ix:continuation with a given id (None when there is none)."""

    facts: Sequence[tuple[Any, str]]
    continuation: Callable[[str], Any]


class _Item(NamedTuple):
    """The item sought, and what the lines around it are for it."""

    number: str  # "1C", "16K", "1.05"
    company: str | None  # the registrant's name, which running heads print

    def furniture(self, text: str) -> tuple[bool, str | None]:
        """Whether a line is page furniture, or a running head that repeats the item's heading
        beside it ("MASTERCARD 2024 FORM 10-K 39 PART I ITEM 1C. CYBERSECURITY"); and the page
        number it prints."""
        if is_page_furniture(text, self.company):
            return True, page_number(text, self.company)
        rest, number = furniture_parts(text, self.company)
        heading = item_heading(rest) if rest != text else None
        return (True, number) if heading is not None and not self.ends_at(*heading) else (False, None)

    def closes_at(self, text: str) -> bool:
        """An 8-K's item ends at the report's forward-looking statements legend too."""
        return "." in self.number and is_legend_heading(text)

    def ends_at(self, number: str, title: str) -> bool:
        """Whether a heading ends the section: another item's, a part's or the signatures'; not
        the item's own (a running head), nor its part's ("PART I" over Item 1C's pages)."""
        if number == self.number:
            return False
        if number.startswith("PART "):
            named = item_heading(title)
            return number != SECTION_PARTS.get(self.number) and (named is None or named[0] != self.number)
        return True


def read_section(
    documents: Iterable[tuple[str, Any]],
    item: str,
    blocks: TextBlocks | None = None,
    company: str | None = None,
) -> Section:
    """The section of `item` ("1C", "16K" or "1.05") in the inline documents, given as (name,
    root); `blocks` says where the cyd text blocks are, or they are found in the documents;
    `company` is the registrant's name (running heads print it)."""
    documents = list(documents)
    cover = _cover_map(blocks or find_text_blocks(root for _, root in documents))
    best: tuple[int, Section, Any] | None = None
    for candidates in _sections_by_part(documents, _Item(item, company), cover):
        for score, section, root in candidates:
            if best is None or score >= best[0]:
                best = (score, section, root)
        if best is not None and best[0] > 0:
            break  # the section is found: the rest of the filing is not read
    return Section(item) if best is None else _with_reference(best[1], best[2])


def _sections_by_part(
    documents: list[tuple[str, Any]], item: _Item, cover: dict[Any, tuple[str, ...]]
) -> Iterator[list[tuple[int, Section, Any]]]:
    """For each shown part of each document, in order, the sections that start in it, each scored
    by its substantive characters and given with its document's root. A heading inside a section
    already read (a running head) starts none: no element is read twice."""
    read: set[Any] = set()  # the blocks of the sections read so far
    for name, root in documents:
        walker = SectionWalker(name, cover)
        for hits in _hits_by_part(root, item.number):
            sections = (_read_from(block, walker, item, read) for block in _candidate_blocks(hits, read))
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
        declared = declared_ix_namespaces(root) or list(ix_namespaces())
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
        for part in text_block_parts(fact, blocks.continuation):
            cover[part] = (*cover.get(part, ()), local_name)
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


def _candidate_blocks(hits: list[Any], read: set[Any]) -> Iterator[Any]:
    """The paragraph blocks whose text names the item, not links nor hidden, and not inside a
    section already read."""
    for hit in hits:
        block = block_of(hit)
        if block is not None and block not in read:
            read.add(block)
            yield block


class _Heading(NamedTuple):
    number: str  # "1C", "2", "1.05", "PART I", "SIGNATURES" …
    title: str
    text: str
    rest: Draft | None  # the paragraph's text after a heading that opens it


# An unstyled line above a sentence is a heading when it is this short.
_MAX_PLACED_HEADING_WORDS: Final = 12
# How many paragraphs past the section's end are read for the page number of its last page.
_PAGE_LOOKAHEAD: Final = 40


def _read_from(block: Any, walker: SectionWalker, item: _Item, read: set[Any]) -> Section | None:
    """The section that starts at `block`, or None when `block` does not open with the item's
    heading. The blocks it passes join `read`."""
    drafts = walker.paragraphs(block)
    pages = PageNumbers()
    first = next((d for d in drafts if not item.furniture(d.text)[0]), None)
    heading = _heading_of(first) if first is not None else None
    if first is None or heading is None or heading.number != item.number or has_page_number(heading.title):
        return None
    read.update(first.blocks)
    pages.add(first, None)
    kept = [heading.rest] if heading.rest is not None else []
    for draft in drafts:
        read.update(draft.blocks)
        furniture, number = item.furniture(draft.text)
        pages.add(draft, number)
        if furniture:
            continue
        other = _heading_of(draft)
        if (other is not None and item.ends_at(other.number, other.title)) or item.closes_at(draft.text):
            break
        if other is None or other.rest is not None:
            kept.append(draft)
        # else: the item's own heading again, a running head
    last = kept[-1] if kept else first
    for draft in islice(drafts, _PAGE_LOOKAHEAD):  # on to the foot of the last page
        if pages.known(last, draft):
            break
        pages.add(draft, item.furniture(draft.text)[1])
    paragraphs = [_paragraph(draft, after, pages) for draft, after in zip_longest(kept, kept[1:])]
    title = heading.text
    second = paragraphs[0] if paragraphs else None
    if not heading.title and second and not second.is_substantive and _CYBER in second.text.lower():
        title = f"{title} {paragraphs.pop(0).text}"  # "Item 1C." and "Cybersecurity" on lines of their own
    return Section(
        item.number,
        True,
        title,
        first.document,
        first.line,
        paragraphs=tuple(paragraphs),
        page=pages.page_of(first),
        anchor=first.anchor,
    )


def _paragraph(draft: Draft, following: Draft | None, pages: PageNumbers) -> Paragraph:
    """A paragraph of the section; a short line that is no sentence is a sub-heading when it is
    styled as one (emphasised) or placed as one (a few words above a sentence)."""
    placed = (
        following is not None
        and len(draft.text.split()) <= _MAX_PLACED_HEADING_WORDS
        and not reads_as_heading(following.text)
    )
    heading = reads_as_heading(draft.text) and (draft.emphasised or placed)
    return Paragraph(
        draft.text,
        draft.document,
        draft.line,
        draft.tagged_by,
        draft.tagged_chars,
        page=pages.page_of(draft),
        anchor=draft.anchor,
        heading=heading,
    )


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
