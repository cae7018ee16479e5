"""Text-block markup to plain text.

The markup comes from the filing, so it is parsed with network access and entity expansion off,
and nothing in it is ever executed: only its text is read.
"""

from __future__ import annotations

import re
from typing import Final

from lxml import etree, html

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
_SPACES: Final = re.compile(r"\s+")
# Our own line breaks; a newline in the markup is only white space.
_LINE_BREAK: Final = "\u2029"
_CELL_GAP: Final = " "


def safe_html_parser() -> html.HTMLParser:
    """An HTML parser that never fetches anything nor expands entity definitions."""
    return html.HTMLParser(
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
        default_doctype=False,
    )


_PARSER: Final = safe_html_parser()


def parse_fragment(markup: str) -> etree._Element:
    """Parse markup into one wrapping <div>, whatever the fragment holds."""
    return html.fragment_fromstring(markup, create_parent="div", parser=_PARSER)


def _local_tag(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments, processing instructions, entities
    return tag.rpartition("}")[2].lower()


def plain_text(markup: str) -> str:
    """Readable text: one line per paragraph, list item or table row; other spaces collapsed."""
    if "<" not in markup and "&" not in markup:
        return _tidy(markup.replace("\n", _LINE_BREAK))
    try:
        root = parse_fragment(markup)
    except (etree.ParserError, ValueError):
        return _tidy(markup)
    pieces: list[str] = []
    skip_depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = _local_tag(element)
        if event == "start":
            if tag in SKIPPED_ELEMENTS:
                skip_depth += 1
            elif skip_depth == 0:
                if tag in BLOCK_ELEMENTS:
                    pieces.append(_LINE_BREAK)
                if element.text and isinstance(element.tag, str):
                    pieces.append(element.text)
            continue
        if tag in SKIPPED_ELEMENTS:
            skip_depth -= 1
        elif skip_depth == 0:
            if tag in CELL_ELEMENTS:
                pieces.append(_CELL_GAP)
            elif tag in BLOCK_ELEMENTS:
                pieces.append(_LINE_BREAK)
        if element.tail and skip_depth == 0 and element is not root:
            pieces.append(element.tail)
    return _tidy("".join(pieces))


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split(_LINE_BREAK))
    return "\n".join(line for line in lines if line)
