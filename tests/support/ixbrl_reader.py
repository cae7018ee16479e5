"""An independent reading of cyd facts straight from inline XBRL markup, to check extraction.

Deliberately shares no code with the plugin: plain lxml, its own continuation and exclusion
handling, and its own reading of how a browser lays text out (paragraphs, white space).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from lxml import etree

IX_NAMESPACES = ("http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL")
CYD = re.compile(r"^http://xbrl\.sec\.gov/cyd/\d{4}$")
BALLOT = {"\u2610": False, "\u2611": True, "\u2612": True}


def _text_without_excludes(element: etree._Element, ix: str) -> str:
    pieces: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == f"{{{ix}}}exclude":
            return
        if node.text:
            pieces.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(element)
    return "".join(pieces)


def squeeze(text: str) -> str:
    """Text with every white-space character removed: compares content, not layout."""
    return "".join(text.split())


def read_cyd_facts(path: Path) -> dict[str, tuple[str, object]]:
    """fact id -> (local name, value): a bool for flags, the squeezed text for text blocks."""
    tree = etree.parse(str(path), etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True))
    root = tree.getroot()
    ix = next(ns for ns in IX_NAMESPACES if ns in root.nsmap.values())
    continuations = {c.get("id"): c for c in root.iter(f"{{{ix}}}continuation")}
    facts: dict[str, tuple[str, object]] = {}
    for element in root.iter(f"{{{ix}}}nonNumeric"):
        prefix, _, local_name = element.get("name", "").rpartition(":")
        if not CYD.match(element.nsmap.get(prefix or None, "")):
            continue
        text = _text_without_excludes(element, ix)
        link = element.get("continuedAt")
        while link:
            continuation = continuations[link]
            text += _text_without_excludes(continuation, ix)
            link = continuation.get("continuedAt")
        transform = element.get("format", "").rpartition(":")[2]
        value: object
        if local_name.endswith("Flag"):
            if transform in ("fixed-true", "fixed-false", "booleantrue", "booleanfalse"):
                value = transform in ("fixed-true", "booleantrue")  # whatever the text says
            elif transform == "boolballotbox":
                value = BALLOT[text.strip()]
            else:
                value = {"true": True, "false": False}[text.strip()]
        else:
            value = squeeze(text)
        facts[element.get("id")] = (local_name, value)
    return facts


# Text as a browser lays it out, read independently of the plugin: block-level elements (and
# <br>) are paragraph boundaries, table cells stand side by side, a `display` style wins over the
# tag, white space collapses, hidden and script-like content is not shown.

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br caption dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 "
    "h6 header hr li main nav ol p pre section table tbody tfoot thead tr ul".split()
)
_NOT_SHOWN_TAGS = frozenset("script style head title template noscript iframe object embed svg math".split())
_BREAK = "\x00"  # a paragraph boundary in a stream of text


def _local(element: etree._Element) -> str:
    return element.tag.rpartition("}")[2].lower() if isinstance(element.tag, str) else ""


def _display(element: etree._Element) -> str:
    """ "block", "cell" or "inline", as a browser would lay the element out."""
    tag = _local(element)
    if tag in ("br", "hr"):
        return "block"
    declared = re.findall(r"display\s*:\s*([a-z-]+)", element.get("style") or "", re.I)
    if declared:
        value = declared[-1].lower()
        if value.startswith("inline"):
            return "inline"
        if value == "table-cell":
            return "cell"
        if value != "none" and value != "contents":
            return "block"
    return "block" if tag in _BLOCK_TAGS else "cell" if tag in ("td", "th") else "inline"


def _hidden(element: etree._Element) -> bool:
    return (
        _local(element) in _NOT_SHOWN_TAGS
        or bool(re.search(r"display\s*:\s*none", element.get("style") or "", re.I))
        or (_local(element) == "header" and element.tag.startswith("{http://www.xbrl.org/"))
    )


def _stream(element: etree._Element, skip: Callable[[etree._Element], bool]) -> list[str]:
    """The element's text and paragraph boundaries in document order (its tail left out)."""
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        layout = _display(node)
        if layout == "block":
            out.append(_BREAK)
        if node.text:
            out.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not skip(child):
                walk(child)
            if child.tail:
                out.append(child.tail)
        out.append(_BREAK if layout == "block" else " " if layout == "cell" else "")

    walk(element)
    return out


def _paragraphs(stream: list[str]) -> list[str]:
    return [" ".join(p.split()) for p in "".join(stream).split(_BREAK) if p.split()]


def page_paragraphs(element: etree._Element) -> list[str]:
    """The paragraphs a browser shows for an element (hidden parts and ix:exclude left out)."""
    return _paragraphs(_stream(element, lambda e: _hidden(e) or _local(e) == "exclude"))


def _text_block_stream(parts: list[etree._Element], ix: str) -> list[str]:
    """A text block's parts read as the page lays them out: a part goes on where the one before
    stopped when both stand in the same block with no boundary between them (one space where
    the page has white space between), and starts a new paragraph otherwise."""
    excluded = lambda e: e.tag == f"{{{ix}}}exclude"  # noqa: E731
    stream = _stream(parts[0], excluded)
    for before, part in pairwise(parts):
        stream += [_between(before, part), *_stream(part, excluded)]
    return stream


def _between(before: etree._Element, part: etree._Element) -> str:
    """What the page shows between the end of `before` and the start of `part`: marks put into
    a copy of their nearest common block, which is then read."""
    blocks = [a for a in before.iterancestors() if _display(a) != "inline"]
    container = blocks[0] if blocks else None
    part_blocks = [a for a in part.iterancestors() if _display(a) != "inline"]
    if container is None or not part_blocks or part_blocks[0] is not container:
        return _BREAK
    start, end = "\ue000", "\ue001"
    before.tail = start + (before.tail or "")
    part.text = end + (part.text or "")
    try:
        text = "".join(_stream(container, lambda e: False))
    finally:
        before.tail = before.tail[1:] or None
        part.text = part.text[1:] or None
    gap = text[text.index(start) + 1 : text.index(end)] if start in text and end in text else _BREAK
    if text.find(end) < text.find(start) or _BREAK in gap:
        return _BREAK
    return " " if gap != "".join(gap.split()) else ""


def text_block_paragraphs(path: Path) -> dict[str, list[str]]:
    """fact id -> the paragraphs of each cyd text block, as a browser lays its parts out."""
    root = etree.parse(str(path), etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True))
    ix = next(ns for ns in IX_NAMESPACES if ns in root.getroot().nsmap.values())
    continuations = {c.get("id"): c for c in root.iter(f"{{{ix}}}continuation")}
    found: dict[str, list[str]] = {}
    for element in root.iter(f"{{{ix}}}nonNumeric"):
        prefix, _, local_name = element.get("name", "").rpartition(":")
        if not CYD.match(element.nsmap.get(prefix or None, "")) or local_name.endswith("Flag"):
            continue
        parts = [element]
        while parts[-1].get("continuedAt"):
            parts.append(continuations[parts[-1].get("continuedAt")])
        found[element.get("id")] = _paragraphs(_text_block_stream(parts, ix))
    return found


def document_paragraphs(path: Path) -> list[str]:
    """Every paragraph a browser shows in an inline document's body, in order."""
    root = etree.parse(str(path), etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True))
    body = next(e for e in root.iter() if _local(e) == "body")
    return _paragraphs(_stream(body, _hidden))


def breaks_fall_between_paragraphs(text: str, paragraphs: list[str]) -> bool:
    """Whether `text` (lines) holds the paragraphs' words with white space collapsed, each line
    break of it falling where one paragraph ends and the next begins."""
    lines = [" ".join(line.split()) for line in text.split("\n")] if text else []
    if " ".join(lines) != " ".join(paragraphs):
        return False
    ends = {sum(len(p) + 1 for p in paragraphs[: n + 1]) for n in range(len(paragraphs))}
    return all(sum(len(line) + 1 for line in lines[: n + 1]) in ends for n in range(len(lines)))


MAX_LEFT_OUT_WORDS = 12  # page furniture, headings: what a section may leave out of its run


def section_problems(section: list[str], document: list[str]) -> list[str]:
    """What is wrong with a section's paragraphs read against the document's: each must be one of
    the document's paragraphs (or its end, after a heading that opens it), on one line, in
    order; what lies between them, left out, may only be short lines (furniture, headings)."""
    problems, position = [], None
    for paragraph in section:
        if "\n" in paragraph:
            problems.append(f"line break inside: {paragraph[:80]!r}")
        start = 0 if position is None else position + 1
        found = next(
            (
                i
                for i in range(start, len(document))
                if document[i] == paragraph or document[i].endswith(" " + paragraph)
            ),
            None,
        )
        if found is None:
            problems.append(f"not a paragraph of the document: {paragraph[:80]!r}")
            continue
        left_out = document[start:found] if position is not None else []
        left_out.append(document[found][: len(document[found]) - len(paragraph)])
        problems += [
            f"left out: {text[:80]!r}" for text in left_out if len(text.split()) > MAX_LEFT_OUT_WORDS
        ]
        position = found
    return problems


def layout_problems(path: Path, exported: dict[str, Any]) -> list[str]:
    """Where the JSON export of the inline document at `path` reads otherwise than the page: each
    text block's text against `text_block_paragraphs`, the section's paragraphs against
    `document_paragraphs` (see `section_problems`); [] when it reads as the page shows it."""
    expected = text_block_paragraphs(path)
    texts = {fact["id"]: fact["value"] for fact in exported["facts"] if fact["kind"] == "text"}
    problems = (
        [] if sorted(texts) == sorted(expected) else [f"text blocks {sorted(texts)} != {sorted(expected)}"]
    )
    problems += [
        f"{fact_id} not as the page lays it out: {text[:80]!r}"
        for fact_id, text in texts.items()
        if not breaks_fall_between_paragraphs(text, expected.get(fact_id, []))
    ]
    section = exported["section"]
    if section is not None:
        problems += section_problems([p["text"] for p in section["paragraphs"]], document_paragraphs(path))
    return problems
