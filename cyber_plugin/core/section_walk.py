"""Walking a document forward from one element: its paragraphs in order, as the page lays them out.

Each piece of text comes with the cyd text blocks that cover it and whether it is emphasised
(bold, italic, underlined or a heading element), and each paragraph with where it stands: its
source line, the page breaks passed since the walk began, the nearest element id."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import islice
from typing import Any, Final, NamedTuple

from lxml import etree

from .inline_xbrl import ix_kind
from .page_flow import CELL_ELEMENTS, SKIPPED_ELEMENTS, Flow, element_flow, following, local_tag
from .section_text import exhibit_number, squeeze_spaces

_EMPHASIS_TAGS: Final = frozenset({"b", "strong", "u", "i", "em", "h1", "h2", "h3", "h4", "h5", "h6"})
_EMPHASIS_STYLE: Final = re.compile(
    r"font-weight\s*:\s*(?:bold|[6-9]00)|text-decoration[^;]*underline|font-style\s*:\s*italic", re.I
)
HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none", re.I)
# A page break before or after an element ("page-break-after:always", "break-before:page").
_PAGE_BREAK: Final = re.compile(r"break-(before|after)\s*:\s*(?:always|page|left|right|recto|verso)", re.I)
# Elements that hold a line, not a paragraph: a heading in such a block is not a paragraph's.
_LINE_ELEMENTS: Final = frozenset({"br", "hr"})
_ROWS: Final = ("{http://www.w3.org/1999/xhtml}tr", "tr")
_ANCHOR_SIBLINGS: Final = 12


def is_hidden_part(element: Any) -> bool:
    """Not shown to a reader: ix:header (contexts, units, hidden facts), script and the like,
    or styled display:none."""
    return (
        ix_kind(element) == "header"
        or local_tag(element) in SKIPPED_ELEMENTS
        or bool(HIDDEN_STYLE.search(element.get("style") or ""))
    )


class _Piece(NamedTuple):
    text: str
    cover: tuple[str, ...]
    emphasised: bool


class _State(NamedTuple):
    cover: tuple[str, ...]
    emphasised: bool
    hidden: bool
    flow: Flow = Flow.INLINE
    page_break: str | None = None  # "before" or "after" the element


@dataclass
class Draft:
    """A paragraph being read: its pieces of text in order, and where it stands."""

    document: str
    line: int | None = None
    index: int = 0  # its order among the paragraphs of the walk
    shown: bool = False  # it has some text to show
    sheet: int = 0  # page breaks passed since the walk began, before its first text
    anchor: str | None = None  # the id of the nearest element that has one: in it, or before it
    anchored: bool = False  # its anchor is its own (an element in it), not one before it
    pieces: list[_Piece] = field(default_factory=list)
    blocks: list[Any] = field(default_factory=list)  # the block elements started since the last paragraph

    @cached_property
    def text(self) -> str:
        """Read once its pieces are all in (the walker yields only finished paragraphs)."""
        return squeeze_spaces("".join(piece.text for piece in self.pieces))

    @property
    def emphasised(self) -> bool:
        """Every word of it is emphasised: styled as a heading."""
        return all(piece.emphasised for piece in self.pieces if piece.text.strip())

    def lead(self) -> tuple[str, Draft] | None:
        """The emphasised run that opens the paragraph, and the rest; None when it opens plainly."""
        for index, piece in enumerate(self.pieces):
            if not piece.emphasised and piece.text.strip():
                if index == 0 or not any(p.text.strip() for p in self.pieces[:index]):
                    return None
                lead = squeeze_spaces("".join(p.text for p in self.pieces[:index]))
                return lead, replace(self, pieces=self.pieces[index:], blocks=[])
        return None

    @property
    def tagged_by(self) -> tuple[str, ...]:
        """The cyd text blocks covering some of it, in order of appearance."""
        return tuple(
            dict.fromkeys(name for piece in self.pieces if piece.text.strip() for name in piece.cover)
        )

    @property
    def tagged_chars(self) -> int:
        """Its non-space characters inside cyd text blocks."""
        return sum(len("".join(piece.text.split())) for piece in self.pieces if piece.cover)


class SectionWalker:
    """Reads paragraphs forward from an element of one document, to the end of that document."""

    def __init__(self, document: str, cover: Mapping[Any, tuple[str, ...]]) -> None:
        self.document = document
        self.cover = cover

    def paragraphs(self, start: Any) -> Iterator[Draft]:
        """Paragraphs from the start of `start` on, lazily: stop consuming to stop walking."""
        stack = [_State((), False, False)]
        for ancestor in reversed(list(start.iterancestors())):
            stack.append(self._enter(ancestor, stack[-1]))
        where = _Where(anchor=anchor_before(start))
        draft = Draft(self.document)
        for event, element in following(start):
            if event in ("comment", "pi"):
                where.add(draft, element.tail, stack[-1], element)
                continue
            if event == "start":
                state = self._enter(element, stack[-1])
                stack.append(state)
                if not state.hidden:
                    if state.flow is Flow.BLOCK:
                        if draft.shown:
                            yield draft
                            draft = where.next_draft(self.document)
                        draft.blocks.append(element)
                    where.sheet += state.page_break == "before"
                    where.enter(draft, element.get("id"))
                where.add(draft, element.text, state, element)
                continue
            state = stack.pop() if len(stack) > 1 else stack[-1]
            if not state.hidden:
                if state.flow is Flow.BLOCK and draft.shown:
                    yield draft
                    draft = where.next_draft(self.document)
                elif state.flow is Flow.CELL:
                    where.add(draft, " ", state, element)
                where.sheet += state.page_break == "after"
            where.add(draft, element.tail, stack[-1], element)
        if draft.shown:
            yield draft

    def _enter(self, element: Any, state: _State) -> _State:
        own = self.cover.get(element)
        if ix_kind(element) == "exclude":
            cover: tuple[str, ...] = ()
        else:
            cover = state.cover if own is None else _merged(state.cover, own)
        style = element.get("style") or ""
        page_break = _PAGE_BREAK.search(style) if "break" in style else None
        return _State(
            cover=cover,
            emphasised=state.emphasised
            or local_tag(element) in _EMPHASIS_TAGS
            or bool(_EMPHASIS_STYLE.search(style)),
            hidden=state.hidden or is_hidden_part(element),
            flow=element_flow(element),
            page_break=page_break[1].lower() if page_break else None,
        )


@dataclass
class _Where:
    """Where the walk is: page breaks passed, paragraphs begun, and the id of the last element
    that had one (and whether it stands in the paragraph being read)."""

    sheet: int = 0
    index: int = 0
    anchor: str | None = None
    anchor_here: bool = False

    def next_draft(self, document: str) -> Draft:
        self.anchor_here = False
        return Draft(document)

    def enter(self, draft: Draft, element_id: str | None) -> None:
        """An element starts: an id inside a paragraph is nearer to it than one before it."""
        if not element_id:
            return
        if draft.shown and not draft.anchored:
            draft.anchor, draft.anchored = element_id, True
        self.anchor, self.anchor_here = element_id, True

    def add(self, draft: Draft, text: str | None, state: _State, element: Any) -> None:
        """Text shown in the paragraph being read; its first words say where the paragraph is."""
        if not text or state.hidden or not (draft.shown or text.strip()):
            return  # white space before the paragraph's first words is no part of it
        if not draft.shown:
            self.index += 1
            draft.shown, draft.line, draft.index = True, element.sourceline, self.index
            draft.sheet, draft.anchor, draft.anchored = self.sheet, self.anchor, self.anchor_here
        draft.pieces.append(_Piece(text, state.cover, state.emphasised))


def anchor_before(element: etree._Element) -> str | None:
    """The id of the nearest element before `element` (or around it) that has one: its preceding
    siblings' and its ancestors', nearest first (a few siblings a level)."""
    for node in (element, *element.iterancestors()):
        for sibling in islice(node.itersiblings(preceding=True), _ANCHOR_SIBLINGS):
            if isinstance(sibling.tag, str) and sibling.get("id"):
                return sibling.get("id")
        parent = node.getparent()
        if parent is not None and parent.get("id"):
            return parent.get("id")
    return None


def _merged(outer: tuple[str, ...], inner: tuple[str, ...]) -> tuple[str, ...]:
    return outer + tuple(name for name in inner if name not in outer) if outer else inner


def block_of(element: Any) -> Any:
    """The paragraph block holding an element's text; None when that text is a link (a table of
    contents entry or a cross-reference) or is not shown (ix:header, display:none)."""
    block = None
    for node in (element, *element.iterancestors()):
        if block is None and local_tag(node) == "a" and node.get("href"):
            return None
        if is_hidden_part(node):
            return None
        if block is None and local_tag(node) not in _LINE_ELEMENTS and element_flow(node) is Flow.BLOCK:
            block = node
    return block


def exhibit_entry(root: Any, source: str | None, number: str | None) -> tuple[str, str] | None:
    """(exhibit number, description) from the exhibit index row that lists the referenced document
    or exhibit number; the last such row, as the index closes the report."""
    found = None
    wanted = (source or "").lower()
    for row in root.iter(*_ROWS):
        if (source or number or "") not in etree.tostring(row, method="text", encoding=str):
            continue
        cells = [squeeze_spaces("".join(cell.itertext())) for cell in row if local_tag(cell) in CELL_ELEMENTS]
        cells = [cell for cell in cells if cell]
        exhibit = exhibit_number(cells[0]) if len(cells) > 1 else None
        description = " ".join(cells[1:])
        if exhibit and ((wanted and wanted in description.lower()) or exhibit == number):
            found = (exhibit, description)
    return found
