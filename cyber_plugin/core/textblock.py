"""Text-block markup to plain text.

The markup comes from the filing, so it is parsed with network access and entity expansion off,
and nothing in it is ever executed: only its text is read.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Final

from lxml import etree

from .page_flow import Flow, element_flow, flow_of

if TYPE_CHECKING:
    from lxml import html

_SPACES: Final = re.compile(r"\s+")
# Our own line breaks; a newline in the markup is only white space.
_LINE_BREAK: Final = "\u2029"
_CELL_GAP: Final = " "
# Elements that have no end tag in HTML.
_VOID_ELEMENTS: Final = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


def safe_html_parser() -> html.HTMLParser:
    """An HTML parser that never fetches anything nor expands entity definitions. (lxml.html is
    imported on first use: a filing without text blocks never needs it.)"""
    from lxml import html

    return html.HTMLParser(
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
        default_doctype=False,
    )


_PARSERS: Final = threading.local()  # an lxml parser must not be shared between threads


def _parser() -> html.HTMLParser:
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = safe_html_parser()
    return parser


def parse_fragment(markup: str) -> etree._Element:
    """Parse markup into one wrapping <div>, whatever the fragment holds."""
    from lxml import html

    return html.fragment_fromstring(markup, create_parent="div", parser=_parser())


class _TextBuilder:
    """Collects readable text from start-tag, end-tag and text events, whatever parser made them:
    a line break where a block starts or ends, a space after a cell."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.skip_depth = 0

    def start(self, flow: Flow) -> None:
        if flow is Flow.SKIPPED:
            self.skip_depth += 1
        elif self.skip_depth == 0 and flow is Flow.BLOCK:
            self.pieces.append(_LINE_BREAK)

    def end(self, flow: Flow) -> None:
        if flow is Flow.SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif self.skip_depth == 0:
            if flow is Flow.CELL:
                self.pieces.append(_CELL_GAP)
            elif flow is Flow.BLOCK:
                self.pieces.append(_LINE_BREAK)

    def data(self, text: str | None) -> None:
        if text and self.skip_depth == 0:
            self.pieces.append(text.replace(_LINE_BREAK, " "))  # in the text, only white space

    def text(self) -> str:
        return _tidy("".join(self.pieces))


def _stream_text(markup: str, builder: _TextBuilder) -> None:
    """Feed markup to the standard library's HTML parser: slower than lxml, but with no nesting
    limit (libxml2 stops at 2,048 levels and drops what lies deeper). Imported only for such
    markup, which few filings have."""
    from html.parser import HTMLParser

    open_flows: dict[str, list[Flow]] = {}  # each tag's open elements, for their end tags

    class StreamingTextParser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            flow = flow_of(tag, dict(attrs).get("style"))
            if tag not in _VOID_ELEMENTS:
                open_flows.setdefault(tag, []).append(flow)
            builder.start(flow)

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            flow = flow_of(tag, dict(attrs).get("style"))
            builder.start(flow)
            builder.end(flow)

        def handle_endtag(self, tag: str) -> None:
            opened = open_flows.get(tag)
            builder.end(opened.pop() if opened else flow_of(tag, None))

        def handle_data(self, data: str) -> None:
            builder.data(data)

    streaming = StreamingTextParser(convert_charrefs=True)
    streaming.feed(markup)
    streaming.close()


def plain_text(markup: str) -> str:
    """Readable text as a browser lays the markup out: one line per paragraph, list item or table
    row (and at each `<br>`); white space collapsed as HTML collapses it, so that a line break of
    the source is a space; elements styled `display:inline` run on in the line."""
    if "<" not in markup and "&" not in markup:
        return " ".join(markup.split())
    builder = _TextBuilder()
    try:
        root = parse_fragment(markup)
    except (etree.ParserError, ValueError):
        root = None
    if root is None or any(error.type_name == "ERR_RESOURCE_LIMIT" for error in _parser().error_log):
        _stream_text(markup, builder)
        return builder.text()
    for event, element in etree.iterwalk(root, events=("start", "end")):
        flow = element_flow(element) if isinstance(element.tag, str) else Flow.INLINE
        if event == "start":
            builder.start(flow)
            if isinstance(element.tag, str):
                builder.data(element.text)
            continue
        builder.end(flow)
        if element is not root:
            builder.data(element.tail)
    return builder.text()


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split(_LINE_BREAK))
    return "\n".join(line for line in lines if line)
