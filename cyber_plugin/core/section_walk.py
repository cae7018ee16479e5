"""Walking a document forward from one element: its paragraphs in order, each piece of text with
the cyd text blocks that cover it and whether it is emphasised (bold or underlined)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

from arelle.XbrlConst import ixbrlAll
from lxml import etree

from .section_text import exhibit_number, squeeze_spaces
from .textblock import BLOCK_ELEMENTS, CELL_ELEMENTS, SKIPPED_ELEMENTS, local_tag

# Elements that start a paragraph; a line break or rule inside one does not make it a heading's block.
_PARAGRAPH_BLOCKS: Final = BLOCK_ELEMENTS - {"br", "hr"}
_EMPHASIS_TAGS: Final = frozenset({"b", "strong", "u"})
_EMPHASIS_STYLE: Final = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)|text-decoration[^;]*underline", re.I)
HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none", re.I)
_ROWS: Final = ("{http://www.w3.org/1999/xhtml}tr", "tr")
_EVENTS: Final = ("start", "end", "comment", "pi")
_IX_PREFIXES: Final = tuple(f"{{{namespace}}}" for namespace in sorted(ixbrlAll))


def ix_kind(element: Any) -> str | None:
    """The local name of an inline XBRL element ("header", "exclude", …); None for any other."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith(_IX_PREFIXES):
        return tag.rpartition("}")[2]
    return None


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


@dataclass
class Draft:
    """A paragraph being read: its pieces of text in order."""

    document: str
    line: int | None = None
    pieces: list[_Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return squeeze_spaces("".join(piece.text for piece in self.pieces))

    def lead(self) -> tuple[str, Draft] | None:
        """The emphasised run that opens the paragraph, and the rest; None when it opens plainly."""
        for index, piece in enumerate(self.pieces):
            if not piece.emphasised and piece.text.strip():
                if index == 0 or not any(p.text.strip() for p in self.pieces[:index]):
                    return None
                lead = squeeze_spaces("".join(p.text for p in self.pieces[:index]))
                return lead, Draft(self.document, self.line, self.pieces[index:])
        return None

    @property
    def tagged_by(self) -> tuple[str, ...]:
        """The cyd text blocks covering some of it, in order of appearance."""
        return tuple(dict.fromkeys(name for piece in self.pieces for name in piece.cover))

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
        draft = Draft(self.document)
        for event, element in _following(start):
            tag = local_tag(element)
            if event in ("comment", "pi"):
                self._add(draft, element.tail, stack[-1], element)
                continue
            if event == "start":
                stack.append(self._enter(element, stack[-1]))
                if tag in BLOCK_ELEMENTS and draft.pieces:
                    yield from _finished(draft)
                    draft = Draft(self.document)
                self._add(draft, element.text, stack[-1], element)
                continue
            if len(stack) > 1:
                stack.pop()
            if tag in BLOCK_ELEMENTS and draft.pieces:
                yield from _finished(draft)
                draft = Draft(self.document)
            elif tag in CELL_ELEMENTS:
                self._add(draft, " ", stack[-1], element)
            self._add(draft, element.tail, stack[-1], element)
        yield from _finished(draft)

    def _enter(self, element: Any, state: _State) -> _State:
        own = self.cover.get(element)
        if ix_kind(element) == "exclude":
            cover: tuple[str, ...] = ()
        else:
            cover = state.cover if own is None else _merged(state.cover, own)
        style = element.get("style") or ""
        return _State(
            cover=cover,
            emphasised=state.emphasised
            or local_tag(element) in _EMPHASIS_TAGS
            or bool(_EMPHASIS_STYLE.search(style)),
            hidden=state.hidden or is_hidden_part(element),
        )

    @staticmethod
    def _add(draft: Draft, text: str | None, state: _State, element: Any) -> None:
        if not text or state.hidden:
            return
        if draft.line is None and text.strip():
            draft.line = element.sourceline
        draft.pieces.append(_Piece(text, state.cover, state.emphasised))


def _merged(outer: tuple[str, ...], inner: tuple[str, ...]) -> tuple[str, ...]:
    return outer + tuple(name for name in inner if name not in outer) if outer else inner


def _finished(draft: Draft) -> Iterator[Draft]:
    if draft.text:
        yield draft


def _following(start: Any) -> Iterator[tuple[str, Any]]:
    """Start and end events from `start` to the end of its document, in document order; the
    ancestors of `start` give end events only (their starts came before it)."""
    yield from etree.iterwalk(start, events=_EVENTS)
    node = start
    while True:
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str):
                yield from etree.iterwalk(sibling, events=_EVENTS)
            else:
                yield "comment", sibling  # or a processing instruction: only its tail is text
        parent = node.getparent()
        if parent is None:
            return
        yield "end", parent
        node = parent


def block_of(element: Any) -> Any:
    """The paragraph block holding an element's text; None when that text is a link (a table of
    contents entry or a cross-reference) or is not shown (ix:header, display:none)."""
    block = None
    for node in (element, *element.iterancestors()):
        tag = local_tag(node)
        if block is None and tag == "a" and node.get("href"):
            return None
        if is_hidden_part(node):
            return None
        if block is None and tag in _PARAGRAPH_BLOCKS:
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
