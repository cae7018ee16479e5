"""Realistic inline filings built from the SEC's real cyd texts (population-sample.ndjson).

Each annual filing of the sample becomes an inline 10-K or 20-F: a cover, a table of contents,
Item 1A with cross-references to the cybersecurity item, then the item itself in one of the real
heading layouts, its real text-block texts as paragraphs (some tagged, some not, one continued
across a page break, page numbers and running heads in between), and the next item. The builder
records what a correct reading of the section must give.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .paths import REAL_FILINGS

POPULATION = REAL_FILINGS / "population-sample.ndjson"
# The elements filers most often leave untagged (the SEC's data: 31%, 28%, 25% of filings).
OFTEN_UNTAGGED = (
    "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock",
    "CybersecurityRiskProcessForInformingManagementOrCommitteesResponsibleTextBlock",
    "CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
)
HEADINGS = (
    '<div><span style="font-weight:700">ITEM {item}. CYBERSECURITY</span></div>',
    "<p><b>Item {item}.</b></p><p><b>Cybersecurity</b></p>",
    "<table><tr><td><span>Item {item}.</span></td><td><span>Cybersecurity</span></td></tr></table>",
    "<div><span>Item</span><span>&#160;{item}.</span><span>&#160;&#160;Cybersecurity</span></div>",
    '<p><a id="item-{item}"></a>Item {item}: Cybersecurity</p>',
    '<div style="font-weight:bold">Item {item} – Cybersecurity</div>',
)
HEADING_TEXTS = (
    "ITEM {item}. CYBERSECURITY",
    "Item {item}. Cybersecurity",
    "Item {item}. Cybersecurity",
    "Item {item}. Cybersecurity",
    "Item {item}: Cybersecurity",
    "Item {item} – Cybersecurity",
)


@dataclass
class PopulationFiling:
    adsh: str
    name: str
    form: str
    texts: dict[str, str] = field(default_factory=dict)  # concept -> its (first) text

    @property
    def item(self) -> str:
        return "16K" if self.form.startswith("20-F") else "1C"


@dataclass
class Built:
    """An inline document and what its section must read as."""

    markup: str
    heading: str
    paragraphs: list[tuple[str, tuple[str, ...]]]  # (text, the cyd text blocks covering it)


def population_filings() -> list[PopulationFiling]:
    """The sample's 10-K, 10-K/A and 20-F filings that tag at least one text block."""
    filings: dict[str, PopulationFiling] = {}
    for line in POPULATION.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["t"] == "filing":
            filings[record["adsh"]] = PopulationFiling(record["adsh"], record["name"], record["form"])
        elif record["tag"].endswith("TextBlock") and record["dimh"] == "0x00000000":
            filings[record["adsh"]].texts.setdefault(record["tag"], _unquote(record["value"]))
    return [f for f in filings.values() if f.texts and f.form in ("10-K", "10-K/A", "20-F")]


def _unquote(value: str) -> str:
    """The data set writes values with CSV quoting when they hold quotes."""
    text = value[1:-1].replace('""', '"') if value.startswith('"') and value.endswith('"') else value
    return " ".join(text.split())


def _seed(*parts: str) -> int:
    return zlib.crc32("|".join(parts).encode())


@dataclass
class Block:
    """A paragraph: a distinct text, the concepts carrying exactly it, and the shorter texts of
    other concepts found inside it ((start, end, concepts), in order, not overlapping)."""

    text: str
    concepts: tuple[str, ...]
    inner: list[tuple[int, int, tuple[str, ...]]]


def build(filing: PopulationFiling, index: int, untagged: frozenset[str] | None = None) -> Built:
    """Filing number `index` of the population, in heading layout `index % len(HEADINGS)`; the
    texts of the `untagged` elements are left untagged (by default, every fourth filing tags
    everything it has, the others leave the OFTEN_UNTAGGED elements' texts untagged)."""
    item = filing.item
    layout = index % len(HEADINGS)
    if untagged is None:
        untagged = frozenset(OFTEN_UNTAGGED) if index % 4 != 0 else frozenset()

    def tagged(concepts: tuple[str, ...]) -> tuple[str, ...]:
        return () if untagged & set(concepts) else concepts

    blocks = _blocks(filing)
    plain = [i for i, block in enumerate(blocks) if not block.inner and _halves(block.text)]
    continued = max(plain, key=lambda i: len(blocks[i].text), default=None)
    body: list[str] = []
    expected: list[tuple[str, tuple[str, ...]]] = []
    for number, block in enumerate(blocks):
        outer = tagged(block.concepts)
        inner = [(start, end, tagged(concepts)) for start, end, concepts in block.inner]
        halves = _halves(block.text)
        if number == continued and outer and halves:
            body.append(_continued(*halves, outer, f"c-{number}", filing.name))
            expected += [(halves[0], outer), (halves[1], outer)]
        else:
            markup = f"<div>{_with_inner(block.text, inner, f'i-{number}')}</div>"
            body.append(_tagged(markup, outer, f"f-{number}"))
            covering = outer + tuple(c for _, _, concepts in inner for c in concepts)
            expected.append((block.text, tuple(dict.fromkeys(covering))))
        if number == 1:
            body.append(_page_break(filing.name, 21))
    heading = HEADINGS[layout].format(item=item)
    next_item = "<div><b>PART III</b></div>" if item == "16K" else "<div><b>Item 2. Properties</b></div>"
    return Built(
        markup=_document(filing, item, heading + "\n".join(body) + next_item),
        heading=HEADING_TEXTS[layout].format(item=item),
        paragraphs=expected,
    )


def build_from_pieces(
    filing: PopulationFiling, pieces: Sequence[tuple[str, frozenset[str], bool]], untagged: frozenset[str]
) -> Built:
    """An inline filing whose section is `pieces`, in order, given as (text, the elements tagging
    it, whether it is a heading): each a paragraph (a heading in bold), each element's paragraphs
    tagged by one text block continued from one to the next, but for the `untagged` elements. The
    suggestion model's sections (tools/suggestion_corpus.py) are given so, as the filer tagged them."""
    chains: dict[str, list[int]] = {}
    for number, (_, labels, _) in enumerate(pieces):
        for label in sorted(labels - untagged):
            chains.setdefault(label, []).append(number)
    body: list[str] = []
    expected: list[tuple[str, tuple[str, ...]]] = []
    for number, (text, labels, heading) in enumerate(pieces):
        markup = f"<div><b>{escape(text)}</b></div>" if heading else f"<div>{escape(text)}</div>"
        tags = () if heading else tuple(sorted(labels - untagged))
        for label in reversed(tags):
            chain = chains[label]
            link = chain.index(number)
            after = f' continuedAt="{label}-{link + 1}"' if link + 1 < len(chain) else ""
            markup = (
                f'<ix:nonNumeric name="cyd:{label}" contextRef="c-1" id="{label}-0" escape="true"{after}>'
                f"{markup}</ix:nonNumeric>"
                if link == 0
                else f'<ix:continuation id="{label}-{link}"{after}>{markup}</ix:continuation>'
            )
        body.append(markup)
        expected.append((text, tags))
    heading = HEADINGS[0].format(item=filing.item)
    next_item = (
        "<div><b>PART III</b></div>" if filing.item == "16K" else "<div><b>Item 2. Properties</b></div>"
    )
    return Built(
        markup=_document(filing, filing.item, heading + "\n".join(body) + next_item),
        heading=HEADING_TEXTS[0].format(item=filing.item),
        paragraphs=expected,
    )


def _blocks(filing: PopulationFiling) -> list[Block]:
    """Each distinct text once, with every concept that carries exactly it. A text that another
    contains (a committee's name in the board's text, or any text in an umbrella block) is tagged
    inside it instead."""
    by_text: dict[str, list[str]] = {}
    for concept, text in filing.texts.items():
        by_text.setdefault(text, []).append(concept)
    blocks: list[Block] = []
    for text, concepts in by_text.items():
        if any(text != other and text in other for other in by_text):
            continue
        inner: list[tuple[int, int, tuple[str, ...]]] = []
        for part, part_concepts in by_text.items():
            start = text.find(part) if part != text else -1
            end = start + len(part)
            if start >= 0 and not any(start < e and s < end for s, e, _ in inner):
                inner.append((start, end, tuple(part_concepts)))
        blocks.append(Block(text, tuple(concepts), sorted(inner)))
    return blocks


def _with_inner(text: str, inner: list[tuple[int, int, tuple[str, ...]]], fact_id: str) -> str:
    """The escaped text with each inner passage tagged as its concepts."""
    pieces, position = [], 0
    for number, (start, end, concepts) in enumerate(inner):
        pieces.append(escape(text[position:start]))
        pieces.append(_tagged(f"<span>{escape(text[start:end])}</span>", concepts, f"{fact_id}-{number}"))
        position = end
    return "".join(pieces) + escape(text[position:])


def _halves(text: str) -> tuple[str, str] | None:
    """The text cut at a sentence boundary near its middle, when it has one."""
    cut = text.find(". ", len(text) // 3)
    return (text[: cut + 1], text[cut + 2 :]) if 0 < cut < len(text) - 2 else None


def _tagged(markup: str, concepts: tuple[str, ...], fact_id: str, continued_at: str = "") -> str:
    for depth, concept in enumerate(reversed(concepts)):
        link = f' continuedAt="{continued_at}-{depth}"' if continued_at else ""
        markup = (
            f'<ix:nonNumeric name="cyd:{concept}" contextRef="c-1" id="{fact_id}-{depth}" '
            f'escape="true"{link}>{markup}</ix:nonNumeric>'
        )
    return markup


def _continued(first: str, second: str, concepts: tuple[str, ...], link: str, company: str) -> str:
    """A tagged paragraph split by a page break: the second half in one continuation per concept."""
    start = _tagged(f"<div>{escape(first)}</div>", concepts, f"{link}-f", continued_at=link)
    rest = f"<div>{escape(second)}</div>"
    for depth in range(len(concepts)):
        rest = f'<ix:continuation id="{link}-{depth}">{rest}</ix:continuation>'
    return start + _page_break(company, 22) + rest


def _page_break(company: str, page: int) -> str:
    return (
        f'<div style="text-align:center">{page}</div><hr style="page-break-after:always"/>'
        f'<div><a href="#toc">Table of Contents</a></div>'
        f"<div>{escape(company)} | 2024 Form 10-K | {page + 1}</div>"
    )


def _document(filing: PopulationFiling, item: str, section: str) -> str:
    toc_link = f'<a href="#item-{item}">Item {item}.</a>' if _seed(filing.adsh) % 2 else f"Item {item}."
    return f"""<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
      xmlns:cyd="http://xbrl.sec.gov/cyd/2024" xmlns:dei="http://xbrl.sec.gov/dei/2024"
      xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase"
      xmlns:xlink="http://www.w3.org/1999/xlink">
<head><title>{escape(filing.name)}</title></head>
<body>
<div style="display:none"><ix:header><ix:hidden>
<ix:nonNumeric name="dei:DocumentType" contextRef="c-1" id="dei-1">{escape(filing.form)}</ix:nonNumeric>
<ix:nonNumeric name="dei:DocumentPeriodEndDate" contextRef="c-1" id="dei-2">2024-12-31</ix:nonNumeric>
<ix:nonNumeric name="dei:EntityCentralIndexKey" contextRef="c-1" id="dei-3">0000000001</ix:nonNumeric>
</ix:hidden>
<ix:references>
<link:schemaRef xlink:type="simple" xlink:href="https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd"/>
<link:schemaRef xlink:type="simple" xlink:href="https://xbrl.sec.gov/dei/2024/dei-2024.xsd"/>
</ix:references>
<ix:resources><xbrli:context id="c-1"><xbrli:entity>
<xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier></xbrli:entity>
<xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-12-31</xbrli:endDate>
</xbrli:period></xbrli:context></ix:resources>
</ix:header></div>
<div>FORM {escape(filing.form)}</div>
<div id="toc">Table of Contents</div>
<table>
<tr><td>Item 1A.</td><td>Risk Factors</td><td>12</td></tr>
<tr><td>{toc_link}</td><td>Cybersecurity</td><td>20</td></tr>
<tr><td>Item 2.</td><td>Properties</td><td>23</td></tr>
</table>
<div><b>Item 1A. Risk Factors</b></div>
<div>Cyber-attacks could harm our business. See Item {item}, “Cybersecurity,” for our program.</div>
<div>Item {item} “Cybersecurity” of this report describes how we manage these risks.</div>
{section}
<div>We lease our principal offices.</div>
</body>
</html>
"""


def write(built: Built, folder: Path, name: str = "filing.htm") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(built.markup, encoding="utf-8")
    return path
