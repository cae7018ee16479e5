"""Small edits of the inline samples, made with lxml, for tests that need a rule to fire."""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

IX = "http://www.xbrl.org/2013/inlineXBRL"
XBRLI = "http://www.xbrl.org/2003/instance"
XBRLDI = "http://xbrl.org/2006/xbrldi"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XHTML = "http://www.w3.org/1999/xhtml"


class InlineVariant:
    def __init__(self, source: Path) -> None:
        self.tree = etree.parse(str(source), etree.XMLParser(resolve_entities=False, no_network=True))
        self.root = self.tree.getroot()

    def element(self, element_id: str) -> etree._Element:
        found = self.root.xpath("//*[@id=$id]", id=element_id)
        assert len(found) == 1, f"no single element with id {element_id}"
        return found[0]

    def unwrap(self, element_id: str) -> InlineVariant:
        """Untag a fact: it becomes a plain span (or div) with the same content."""
        element = self.element(element_id)
        blocks = {f"{{{XHTML}}}{tag}" for tag in ("p", "div", "table", "ul", "ol")}
        holds_blocks = any(child.tag in blocks for child in element.iter())
        element.tag = f"{{{XHTML}}}{'div' if holds_blocks else 'span'}"
        for name in list(element.attrib):
            del element.attrib[name]
        return self

    def strip_header(self) -> InlineVariant:
        """Drop ix:hidden and empty ix:resources: a document that uses another one's contexts."""
        hidden = self.root.find(f".//{{{IX}}}hidden")
        hidden.getparent().remove(hidden)
        resources = self.root.find(f".//{{{IX}}}resources")
        for child in list(resources):
            resources.remove(child)
        return self

    def set(self, element_id: str, **attributes: str) -> InlineVariant:
        element = self.element(element_id)
        for name, value in attributes.items():
            element.set(name.replace("_", ":") if ":" not in name else name, value)
        return self

    def rename(self, element_id: str, name: str) -> InlineVariant:
        return self.set(element_id, name=name)

    def set_text(self, element_id: str, text: str) -> InlineVariant:
        element = self.element(element_id)
        for child in list(element):
            element.remove(child)
        element.text = text
        return self

    def set_markup(self, element_id: str, fragment: str) -> InlineVariant:
        """Replace a fact's content with XHTML markup (a fragment of elements and text)."""
        element = self.set_text(element_id, "").element(element_id)
        wrapper = etree.fromstring(f'<div xmlns="{XHTML}">{fragment}</div>')
        element.text = wrapper.text
        for child in wrapper:
            element.append(child)
        return self

    def add_paragraph_after(self, element_id: str, text: str) -> InlineVariant:
        """A paragraph of plain text (markup in `text` stays text) right after an element."""
        paragraph = etree.Element(f"{{{XHTML}}}p")
        paragraph.text = text
        paragraph.tail = "\n"
        self.element(element_id).addnext(paragraph)
        return self

    def make_nil(self, element_id: str) -> InlineVariant:
        element = self.set_text(element_id, "").element(element_id)
        element.set(f"{{{XSI}}}nil", "true")
        element.attrib.pop("format", None)
        element.attrib.pop("escape", None)
        return self

    def hide(self, element_id: str) -> InlineVariant:
        """Move a fact into ix:hidden (its text stays visible, untagged)."""
        clone = copy.deepcopy(self.element(element_id))
        clone.tail = None
        self.unwrap(element_id)
        self.root.find(f".//{{{IX}}}hidden").append(clone)
        return self

    def copy_fact(self, element_id: str, new_id: str, **attributes: str) -> InlineVariant:
        """Tag a second fact next to the first (same concept, context and content)."""
        element = self.element(element_id)
        clone = copy.deepcopy(element)
        clone.set("id", new_id)
        for name, value in attributes.items():
            clone.set(name, value)
        clone.tail = " " + (element.tail or "")
        element.tail = None
        element.addnext(clone)
        return self

    def add_context(
        self,
        context_id: str,
        start: str = "2024-01-01",
        end: str = "2024-12-31",
        cik: str | None = None,
        dimension: tuple[str, str] | None = None,
    ) -> InlineVariant:
        resources = self.root.find(f".//{{{IX}}}resources")
        template = resources.find(f"{{{XBRLI}}}context")
        context = copy.deepcopy(template)
        context.set("id", context_id)
        identifier = context.find(f".//{{{XBRLI}}}identifier")
        if cik:
            identifier.text = cik
        context.find(f".//{{{XBRLI}}}startDate").text = start
        context.find(f".//{{{XBRLI}}}endDate").text = end
        if dimension:
            entity = context.find(f"{{{XBRLI}}}entity")
            segment = etree.SubElement(entity, f"{{{XBRLI}}}segment")
            member = etree.SubElement(segment, f"{{{XBRLDI}}}explicitMember", nsmap={"xbrldi": XBRLDI})
            member.set("dimension", dimension[0])
            member.text = dimension[1]
        template.addnext(context)
        return self

    def write(self, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        self.tree.write(str(target), encoding="utf-8", xml_declaration=True)
        return target


GOVERNANCE_IDS = [f"cyd-{n:02d}" for n in range(8, 17)]  # the 10-K sample's governance facts


def document_set(sample_10k: Path, folder: Path) -> tuple[Path, Path]:
    """The 10-K sample split as an EDGAR submission's inline document set: `primary.htm` keeps the
    cover page and the risk-management facts (cyd-01 to cyd-07); `exhibit13.htm`, without dei
    facts or contexts of its own, holds the governance facts (cyd-08 to cyd-16)."""
    primary = InlineVariant(sample_10k)
    for element_id in [*GOVERNANCE_IDS, "cyd-11-c1"]:
        primary.unwrap(element_id)
    exhibit = InlineVariant(sample_10k).strip_header()
    for element_id in [f"cyd-{n:02d}" for n in range(1, 8)] + ["cyd-01-c1", "cyd-01-c2"]:
        exhibit.unwrap(element_id)
    for element in exhibit.root.xpath("//*[starts-with(@id, 'dei-')]"):
        exhibit.unwrap(element.get("id"))
    return primary.write(folder / "primary.htm"), exhibit.write(folder / "exhibit13.htm")


def replace_text(source: Path, target: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of a sample with text replaced; each replaced text must occur in the sample."""
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, f"{old!r} not found in {source.name}: the variant would test nothing"
        text = text.replace(old, new)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
