"""How a browser lays out a page's text: which elements start a line, sit side by side, run on in
the line, or are not shown.

Blocks (paragraphs, list items, table rows, `<br>`) start a new line, table cells sit side by
side, inline elements (and block elements styled `display:inline`) run on in the line. Read from
an element's tag and its `display` style, for parsed markup and inline documents alike; also the
document order that text reading follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from typing import Any, Final

from lxml import etree

BLOCK_ELEMENTS: Final = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr",
        "ul",
    }
)  # fmt: skip
CELL_ELEMENTS: Final = frozenset({"td", "th"})
# Elements whose content is not text a reader sees (scripts, styles, embedded objects).
SKIPPED_ELEMENTS: Final = frozenset(
    {"script", "style", "head", "title", "template", "noscript", "iframe", "object", "embed", "svg", "math"}
)
# Elements that break the line whatever their style says.
_LINE_BREAKS: Final = frozenset({"br", "hr"})
_DISPLAY: Final = re.compile(r"display\s*:\s*([a-z-]+)", re.I)
_BLOCK_DISPLAYS: Final = frozenset(
    {
        "block", "list-item", "table", "table-row", "table-row-group", "table-header-group",
        "table-footer-group", "table-caption", "flex", "grid", "flow-root",
    }
)  # fmt: skip
EVENTS: Final = ("start", "end", "comment", "pi")


class Flow(Enum):
    """How an element's content stands on the page."""

    BLOCK = "block"  # on lines of its own
    CELL = "cell"  # beside the other cells of its row
    INLINE = "inline"  # in the line of the text around it
    SKIPPED = "skipped"  # never shown as text (scripts, styles)


def local_tag(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments, processing instructions, entities
    return tag.rpartition("}")[2].lower()


def flow_of(tag: str, style: str | None) -> Flow:
    """How an element of this (local, lower-case) tag and style attribute is laid out: the last
    `display` declaration of the style wins over the tag's usual layout."""
    if tag in SKIPPED_ELEMENTS:
        return Flow.SKIPPED
    if tag in _LINE_BREAKS:
        return Flow.BLOCK
    if style and "isplay" in style:
        displays = _DISPLAY.findall(style)
        display = displays[-1].lower() if displays else ""
        if display.startswith("inline"):  # inline, inline-block, inline-table, inline-flex
            return Flow.INLINE
        if display in _BLOCK_DISPLAYS:
            return Flow.BLOCK
        if display == "table-cell":
            return Flow.CELL
    if tag in BLOCK_ELEMENTS:
        return Flow.BLOCK
    return Flow.CELL if tag in CELL_ELEMENTS else Flow.INLINE


def element_flow(element: Any) -> Flow:
    return flow_of(local_tag(element), element.get("style"))


def following(start: Any) -> Iterator[tuple[str, Any]]:
    """Start and end events from `start` to the end of its document, in document order; the
    ancestors of `start` give end events only (their starts came before it)."""
    yield from etree.iterwalk(start, events=EVENTS)
    yield from after(start)


def after(element: Any) -> Iterator[tuple[str, Any]]:
    """Start and end events after the end of `element` (whose tail comes next), to the end of its
    document; comments and processing instructions come as "comment" events (only their tail is
    text)."""
    node = element
    while True:
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str):
                yield from etree.iterwalk(sibling, events=EVENTS)
            else:
                yield "comment", sibling
        parent = node.getparent()
        if parent is None:
            return
        yield "end", parent
        node = parent
