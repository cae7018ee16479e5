"""An independent reading of cyd facts straight from inline XBRL markup, to check extraction.

Deliberately shares no code with the plugin: plain lxml, its own continuation and exclusion
handling, whitespace ignored when comparing text.
"""

from __future__ import annotations

import re
from pathlib import Path

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
