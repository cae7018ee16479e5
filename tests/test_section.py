"""The section reader (Item 1C / 16K as filed) and its rules, untaggedText and sectionByReference.

Hand-built XHTML for each layout the reader must handle; realistic filings built from the SEC's
real texts (tests/support/population.py); the real 10-Ks, read through Arelle.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from lxml import html as lxml_html

from cyber_plugin import checks
from cyber_plugin.checks import completeness, section_rules
from cyber_plugin.checks.rule import Rule, rule
from cyber_plugin.core.catalogue import BY_NAME
from cyber_plugin.core.disclosure import CydFact, Disclosure, FilingInfo
from cyber_plugin.core.findings import Finding, Severity, Subject, report
from cyber_plugin.core.section import Paragraph, Reference, Section, read_section
from cyber_plugin.core.settings import RuleSettings
from cyber_plugin.core.suggestion_words import reads_like
from cyber_plugin.outputs import html_report

from .support.paths import SAMPLE_10K
from .support.population_inline import POPULATION, build, population_filings, write
from .support.variants import InlineVariant

PROCESSES = "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock"
BOARD = "CybersecurityRiskBoardOfDirectorsOversightTextBlock"
ROLE = "CybersecurityRiskRoleOfManagementTextBlock"
INTEGRATED_FLAG = "CybersecurityRiskManagementProcessesIntegratedFlag"
PROGRAM = "We maintain a cybersecurity program that assesses, identifies and manages material risks."
OVERSIGHT = "Our Board of Directors oversees cybersecurity risk through its Audit Committee each quarter."
NEXT_ITEM = "<p><b>Item 2. Properties</b></p><p>We lease our offices.</p>"


def page(body: str) -> Any:
    return etree.fromstring(
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
        'xmlns:cyd="http://xbrl.sec.gov/cyd/2024" xmlns:us-gaap="http://fasb.org/us-gaap/2024">'
        f"<body>{body}</body></html>"
    )


def read(body: str, item: str = "1C") -> Section:
    return read_section([("filing.htm", page(body))], item)


def texts(section: Section) -> list[str]:
    return [paragraph.text for paragraph in section.paragraphs]


def fact(name: str, text: str = "Some text.") -> str:
    return f'<ix:nonNumeric name="cyd:{name}" contextRef="c" escape="true">{text}</ix:nonNumeric>'


# Finding the section: heading layouts


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("<p>ITEM 1C. CYBERSECURITY</p>", "ITEM 1C. CYBERSECURITY"),
        ("<p>Item 1C.</p>", "Item 1C."),
        ("<p>Item 1C – Cybersecurity</p>", "Item 1C – Cybersecurity"),
        ("<p><b>Item 1C.</b></p><p><b>Cybersecurity</b></p>", "Item 1C. Cybersecurity"),
        (
            "<div><span>Item</span><span>&#160;1C.</span><span>&#160;&#160;Cybersecurity</span></div>",
            "Item 1C. Cybersecurity",
        ),
        (
            "<table><tr><td><span>ITEM 1C.</span></td><td><span>CYBERSECURITY</span></td></tr></table>",
            "ITEM 1C. CYBERSECURITY",
        ),
        ('<p><a id="item1c"></a>Item 1C: Cybersecurity</p>', "Item 1C: Cybersecurity"),
        (
            '<div><span style="font-weight:700">Item 1C. </span>'
            '<span style="text-decoration:underline">Cybersecurity.</span></div>',
            "Item 1C. Cybersecurity.",
        ),
    ],
    ids=["upper", "number", "dash", "two-lines", "split-spans", "table-row", "anchor-tail", "underlined"],
)  # fmt: skip
def test_heading_layouts(heading: str, expected: str) -> None:
    section = read(f"{heading}<p>{PROGRAM}</p>{NEXT_ITEM}")

    assert (section.found, section.heading, texts(section)) == (True, expected, [PROGRAM])


def test_heading_in_a_bold_run_opens_the_first_paragraph() -> None:
    section = read(f"<p><b>Item 1C. Cybersecurity.</b> {PROGRAM}</p><p>{OVERSIGHT}</p>{NEXT_ITEM}")

    assert section.heading == "Item 1C. Cybersecurity."
    assert texts(section) == [PROGRAM, OVERSIGHT]


def test_item_16k_of_a_20f_ends_at_part_iii() -> None:
    body = (
        f"<p>ITEM 16K. CYBERSECURITY</p><p>{PROGRAM}</p><p>PART III</p><p>ITEM 17. FINANCIAL STATEMENTS</p>"
    )

    section = read(body, item="16K")

    assert (section.item, section.heading, texts(section)) == ("16K", "ITEM 16K. CYBERSECURITY", [PROGRAM])


def test_table_of_contents_and_cross_references_are_not_the_section() -> None:
    toc = (
        '<table><tr><td><a href="#s">Item 1C.</a></td><td>Cybersecurity</td><td>21</td></tr>'
        "<tr><td>Item 1C.</td><td>Cybersecurity</td><td>21</td></tr>"
        "<tr><td>Item 2.</td><td>Properties</td><td>23</td></tr></table>"
    )
    risk_factors = (
        "<p>Item 1A. Risk Factors</p>"
        "<p>Attacks could harm us. See Item 1C, Cybersecurity, for how we manage this risk.</p>"
        "<p>Item 1C “Cybersecurity” of this report describes how we manage these risks at length.</p>"
        '<p><a href="#s">Item 1C. Cybersecurity</a></p>'
    )

    section = read(
        f"{toc}{risk_factors}<p>Item 1B. None</p><p>ITEM 1C. CYBERSECURITY</p><p>{PROGRAM}</p>{NEXT_ITEM}"
    )

    assert (section.heading, texts(section)) == ("ITEM 1C. CYBERSECURITY", [PROGRAM])


@pytest.mark.parametrize(
    "ending",
    [
        "<p>Item 2. Properties</p><p>We lease our offices.</p>",
        "<p>ITEM 2.PROPERTIES</p><p>We lease our offices.</p>",
        "<p>PART II</p><p>Item 5. Market for Registrant’s Common Equity</p>",
        "<p><b>Item 2. Properties.</b> We lease our offices in three cities.</p>",
        "",
    ],
    ids=["item-2", "item-2-no-space", "part-ii", "bold-run", "end-of-document"],
)
def test_section_ends_at_the_next_item_or_part_or_the_end_of_the_document(ending: str) -> None:
    section = read(f"<p>Item 1C. Cybersecurity</p><p>{PROGRAM}</p><p>{OVERSIGHT}</p>{ending}")

    assert texts(section) == [PROGRAM, OVERSIGHT]


def test_cross_references_to_other_items_inside_the_section_do_not_end_it() -> None:
    inside = (
        "<p>Item 1A, “Risk Factors,” describes the risks we face from cybersecurity threats.</p>"
        "<p><b>Item 1A</b> of this report describes the risks we face.</p>"
    )

    section = read(f"<p>Item 1C. Cybersecurity</p>{inside}<p>{PROGRAM}</p>{NEXT_ITEM}")

    assert len(section.paragraphs) == 3 and section.paragraphs[-1].text == PROGRAM


def test_page_furniture_is_not_a_paragraph() -> None:
    furniture = (
        "<p>15</p><p>- 16 -</p><p>Page 17</p>"
        '<p><a href="#toc">Table of Contents</a></p>'
        "<p>Netflix, Inc. | 2024 Form 10-K | 18</p>"
        "<p>10 The Procter &amp; Gamble Company</p>"
        "<p>Item 1C. Cybersecurity (continued)</p>"
        '<hr style="page-break-after:always"/>'
    )

    section = read(f"<p>Item 1C. Cybersecurity</p><p>{PROGRAM}</p>{furniture}<p>{OVERSIGHT}</p>{NEXT_ITEM}")

    assert texts(section) == [PROGRAM, OVERSIGHT]


def test_mentions_in_hidden_facts_or_hidden_blocks_are_not_headings() -> None:
    hidden = (
        '<div style="display:none"><ix:header><ix:hidden>'
        '<ix:nonNumeric name="us-gaap:Note" contextRef="c">Item 1C. Cybersecurity</ix:nonNumeric>'
        "</ix:hidden></ix:header></div>"
        '<div style="display:none"><p>Item 1C. Cybersecurity</p><p>Hidden text of many words here.</p></div>'
    )

    assert read(hidden + NEXT_ITEM) == Section("1C")


def test_an_ix_header_hides_its_text_wherever_it_sits() -> None:
    header = (
        '<div><ix:header><ix:hidden><ix:nonNumeric name="us-gaap:Note" contextRef="c">'
        "Item 1C. Cybersecurity</ix:nonNumeric></ix:hidden></ix:header></div>"
    )

    assert read(header + NEXT_ITEM) == Section("1C")
    assert read(header.removeprefix("<div>").removesuffix("</div>") + NEXT_ITEM) == Section("1C")


def test_the_first_heading_followed_by_text_is_the_section() -> None:
    """The search stops at the first heading that opens a section with text: an index of items
    without links or page numbers is passed over, and nothing after the section is searched."""
    index = "<p>Item 1B. Unresolved Staff Comments</p><p>Item 1C. Cybersecurity</p><p>Item 2. Properties</p>"
    repeated = f"<p>Item 1C. Cybersecurity</p><p>{OVERSIGHT}</p><p>{PROGRAM} {PROGRAM}</p>"

    section = read(f"{index}<p>Item 1C. Cybersecurity</p><p>{PROGRAM}</p>{NEXT_ITEM}{repeated}")

    assert texts(section) == [PROGRAM]


def test_a_document_without_the_item_has_no_section() -> None:
    section = read(f"<p>Item 1. Business</p><p>{PROGRAM}</p>{NEXT_ITEM}")

    assert section == Section("1C")
    assert (section.found, section.text, section.tagged_share, section.untagged) == (False, "", 0.0, ())


# Coverage by cyd text blocks


def test_paragraphs_record_the_text_blocks_that_cover_them() -> None:
    body = (
        "<p>Item 1C. Cybersecurity</p>"
        f'<ix:nonNumeric name="cyd:{PROCESSES}" contextRef="c" id="p" escape="true" continuedAt="p1">'
        f"<p>{PROGRAM}</p></ix:nonNumeric>"
        "<p>21</p>"
        f"<p>{OVERSIGHT}</p>"
        '<ix:continuation id="p1" continuedAt="p2">'
        "<p>We test the program every year with outside assessors.</p></ix:continuation>"
        '<ix:continuation id="p2"><p>Results go to the Audit Committee and the Board each year.'
        "<ix:exclude> Page 22</ix:exclude></p></ix:continuation>"
        f"<p>{fact(ROLE, 'Management')} assesses risks from cybersecurity threats across the company.</p>"
        f"<p>{fact(INTEGRATED_FLAG, 'Our program is integrated into enterprise risk management.')}</p>"
        f'<p><ix:nonNumeric name="us-gaap:PolicyTextBlock" contextRef="c">Our policies cover all staff and '
        "contractors alike.</ix:nonNumeric></p>"
        f"{NEXT_ITEM}"
    )

    section = read(body)

    assert [(p.text, p.tagged_by) for p in section.paragraphs] == [
        (PROGRAM, (PROCESSES,)),
        (OVERSIGHT, ()),
        ("We test the program every year with outside assessors.", (PROCESSES,)),
        ("Results go to the Audit Committee and the Board each year. Page 22", (PROCESSES,)),
        ("Management assesses risks from cybersecurity threats across the company.", (ROLE,)),
        ("Our program is integrated into enterprise risk management.", ()),
        ("Our policies cover all staff and contractors alike.", ()),
    ]
    excluded = section.paragraphs[3]
    assert excluded.tagged_chars == excluded.chars - len("Page22")
    assert section.paragraphs[4].tagged_chars == len("Management")
    covered = sum(p.tagged_chars for p in section.paragraphs)
    assert section.tagged_share == covered / sum(p.chars for p in section.paragraphs)
    assert [p.text for p in section.untagged] == [
        OVERSIGHT,
        "Our program is integrated into enterprise risk management.",
        "Our policies cover all staff and contractors alike.",
    ]


def test_nested_text_blocks_both_cover_and_headings_are_never_untagged() -> None:
    nested = fact(BOARD, f"<p>Governance</p>{fact(ROLE, f'<p>{OVERSIGHT}</p>')}")

    section = read(f"<p>Item 1C. Cybersecurity</p><p>Risk Management and Strategy</p>{nested}{NEXT_ITEM}")

    assert [(p.text, p.tagged_by) for p in section.paragraphs] == [
        ("Risk Management and Strategy", ()),
        ("Governance", (BOARD,)),
        (OVERSIGHT, (BOARD, ROLE)),
    ]
    assert section.untagged == ()


def test_a_continuation_in_another_document_of_the_set_covers_its_text() -> None:
    primary = page(
        f'<p>Item 1C. Cybersecurity</p><ix:nonNumeric name="cyd:{PROCESSES}" contextRef="c" id="p" '
        f'escape="true" continuedAt="x1"><p>{PROGRAM}</p></ix:nonNumeric>'
    )
    exhibit = page(f'<ix:continuation id="x1"><p>{OVERSIGHT}</p></ix:continuation>')

    section = read_section([("primary.htm", primary), ("exhibit.htm", exhibit)], "1C")

    assert [(p.text, p.document, p.tagged_by) for p in section.paragraphs] == [
        (PROGRAM, "primary.htm", (PROCESSES,))
    ]
    assert read_section([("exhibit.htm", exhibit), ("primary.htm", primary)], "1C") == section


def test_looping_continuations_end() -> None:
    body = (
        f'<p>Item 1C</p><ix:nonNumeric name="cyd:{PROCESSES}" contextRef="c" continuedAt="a"><p>{PROGRAM}</p>'
        f'</ix:nonNumeric><ix:continuation id="a" continuedAt="b"><p>{OVERSIGHT}</p></ix:continuation>'
        '<ix:continuation id="b" continuedAt="a"><p>Looping continuation text of several words.</p>'
        "</ix:continuation>"
    )

    assert all(p.tagged_by == (PROCESSES,) for p in read(body).paragraphs)


# Sections that only point elsewhere

WFC_WORDS = (
    "Information in response to this Item 1C can be found in the 2024 Annual Report to Shareholders under "
    "“Financial Review – Risk Management – Operational Risk Management.” That information is incorporated "
    "into this item by reference."
)
EXHIBIT_INDEX = (
    "<table><tr><td>Exhibit</td><td>Description</td><td>Location</td></tr>"
    "<tr><td>10(a)</td><td>Long-Term Incentive Plan.</td><td>Incorporated by reference to Exhibit 10(a) to "
    "the Company’s Annual Report on Form 10-K for 2023.</td></tr>"
    "<tr><td>13</td><td>2024 Annual Report to Shareholders.</td><td>Filed herewith.</td></tr></table>"
)


def test_a_section_incorporated_by_reference_says_where_in_the_filings_words() -> None:
    section = read(f"<p>ITEM 1C.</p><p>CYBERSECURITY</p><p>{WFC_WORDS}</p><p>7</p>{NEXT_ITEM}{EXHIBIT_INDEX}")

    assert section.heading == "ITEM 1C. CYBERSECURITY"
    assert section.by_reference == Reference(
        text=WFC_WORDS,
        source="2024 Annual Report to Shareholders",
        place="Financial Review – Risk Management – Operational Risk Management",
        exhibit="13",
        exhibit_entry="2024 Annual Report to Shareholders. Filed herewith.",
    )


def test_a_reference_that_names_its_exhibit_needs_no_index() -> None:
    words = "The information required by this item is incorporated herein by reference to Exhibit 99.1."

    reference = read(f"<p>Item 1C. Cybersecurity</p><p>{words}</p>{NEXT_ITEM}").by_reference

    assert reference == Reference(text=words, source="Exhibit 99.1", exhibit="99.1")


def test_a_full_section_that_mentions_a_reference_is_not_by_reference() -> None:
    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            PROGRAM,
            OVERSIGHT,
            "Our CISO has twenty years of experience in information security roles.",
            "Item 1A, which is incorporated herein by reference, describes the related risks in detail.",
        )
    )

    assert read(f"<p>Item 1C. Cybersecurity</p>{paragraphs}{NEXT_ITEM}").by_reference is None


# Realistic filings: every annual filing of the SEC sample, its real texts partly tagged

POPULATION_FILINGS = population_filings() if POPULATION.is_file() else []


@pytest.mark.parametrize(
    "index",
    range(len(POPULATION_FILINGS)) or [pytest.param(0, marks=pytest.mark.skip(f"{POPULATION} not found"))],
    ids=lambda i: POPULATION_FILINGS[i].adsh if POPULATION_FILINGS else "none",
)
def test_population_filing_section_is_read_exactly(index: int) -> None:
    filing = POPULATION_FILINGS[index]
    built = build(filing, index)

    section = read_section([("filing.htm", etree.fromstring(built.markup.encode()))], filing.item)

    assert section.heading == built.heading
    assert [(p.text, p.tagged_by) for p in section.paragraphs] == built.paragraphs
    assert [p.text for p in section.untagged] == [
        text for text, covered in built.paragraphs if not covered and len(text.split()) >= 6
    ]


def test_population_filings_are_varied() -> None:
    """The built population exercises what it is meant to: untagged paragraphs in some filings,
    nested and continued text blocks, 20-F sections and every heading layout."""
    if not POPULATION_FILINGS:
        pytest.skip(f"{POPULATION} not found")
    built = [build(filing, index) for index, filing in enumerate(POPULATION_FILINGS)]

    assert sum(any(not covered for _, covered in b.paragraphs) for b in built) >= 20
    assert sum(any(len(covered) > 1 for _, covered in b.paragraphs) for b in built) >= 50
    assert sum("ix:continuation" in b.markup for b in built) >= 20
    assert sum(filing.item == "16K" for filing in POPULATION_FILINGS) >= 20
    assert len({b.heading.replace("16K", "1C") for b in built}) >= 4


@pytest.mark.parametrize("index", [1, 3])
def test_population_filing_through_arelle(load: Any, tmp_path: Path, index: int) -> None:
    if not POPULATION_FILINGS:
        pytest.skip(f"{POPULATION} not found")
    candidates = [
        (i, f) for i, f in enumerate(POPULATION_FILINGS) if any(not c for _, c in build(f, i).paragraphs)
    ]
    position, filing = candidates[index]
    built = build(filing, position)
    path = write(built, tmp_path)

    loaded = load(path, cyberExport=str(tmp_path / "out.json"))

    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["section"]
    assert [(p["text"], tuple(p["taggedBy"])) for p in exported["paragraphs"]] == built.paragraphs
    untagged = [text for text, covered in built.paragraphs if not covered and len(text.split()) >= 6]
    messages = [m["msg"] for m in loaded.messages_with("CYBER.untaggedText")]
    assert len(messages) == (1 if untagged else 0)
    lines = built.markup.split("\n")
    for text in untagged:  # the page the document prints (21, one more after each page break)
        line = next(n for n, content in enumerate(lines, 1) if escape(text[:40]) in content)
        page = 21 + built.markup[: built.markup.index(escape(text[:40]))].count("page-break-after")
        words = re.escape(" ".join(text.split()[:8]))
        assert re.search(rf"page {page}(?:, line {line})? “{words}", messages[0]), messages[0]


# The real 10-Ks, read through Arelle: where the section starts and ends, and how much is tagged

REAL_SECTIONS = {
    "aapl-10-k-2024-11-01.htm": (
        "Item 1C. Cybersecurity", 4, 0.0,
        "The Company’s management, led by its Head of Corporate Information Security, has overall",
        "see Item 1A of this Form 10-K under the heading “Risk Factors.”",
    ),
    "abbv-10-k-2025-02-14.htm": (
        "ITEM 1C. CYBERSECURITY", 13, 1.0,
        "We rely on complex information technology systems and various software applications to operate",
        "also provides similar topical updates to the full board of directors at least annually.",
    ),
    "ibm-20241231.htm": (
        "Item 1C. Cybersecurity:", 13, 0.9943,
        "Risk Management and Strategy",
        "the full Board, on cybersecurity issues and incidents of potential interest.",
    ),
    "nflx-10-k-2025-01-27.htm": (
        "Item 1C.Cybersecurity", 5, 1.0,
        "We have an enterprise-wide information security program designed to identify, protect, detect",
        "incidents and industry trends, and other areas of importance.",
    ),
    "pg-10-k-2025-08-04.htm": (
        "Item 1C. Cybersecurity.", 12, 0.9935,
        "Risk Management and Strategy",
        "identification and management of cybersecurity risks to the Audit Committee.",
    ),
    "unh-10-k-2025-02-27.htm": (
        "ITEM 1C. CYBERSECURITY", 8, 0.9249,
        "UnitedHealth Group manages cybersecurity and data protection through a continuously evolving",
        "For further information about the cybersecurity risks we face, and potential impacts, see Part I, "
        "Item 1A, “Risk Factors.”",
    ),
    "wfc-10-k-2025-02-25.htm": (
        "ITEM 1C. CYBERSECURITY", 1, 0.0, WFC_WORDS, WFC_WORDS,
    ),
}  # fmt: skip
UNH_UNTAGGED = (
    "Paragraphs of Item 1C in unh-10-k-2025-02-27.htm that no cyd text block covers (1 of 8; 92% of the "
    "section's text is tagged): page 21 “UnitedHealth Group manages cybersecurity and data protection "
    "through…” reads like Cybersecurity Risk Management Processes for Assessing, Identifying, and Managing "
    "Threats (0.94) and Cybersecurity Risk Management Processes Integrated (0.52). Tag each with the text "
    "block it reads like (the scores are the suggestion model's, 0 to 1), or move it out of Item 1C if it "
    "answers none."
)


@pytest.mark.parametrize("name", sorted(REAL_SECTIONS))
def test_real_filing_section_starts_and_ends_where_the_filing_says(
    name: str, real_exports: dict[str, dict]
) -> None:
    heading, count, share, first, last = REAL_SECTIONS[name]

    section = real_exports[name]["section"]

    assert (section["item"], section["found"], section["heading"]) == ("1C", True, heading)
    assert (len(section["paragraphs"]), section["taggedShare"]) == (count, share)
    assert section["paragraphs"][0]["text"].startswith(first)
    assert section["paragraphs"][-1]["text"].endswith(last)
    assert section["text"] == "\n".join(p["text"] for p in section["paragraphs"])
    assert {p["document"] for p in section["paragraphs"]} == {name}


@pytest.mark.parametrize("name", sorted(REAL_SECTIONS))
def test_real_filing_untagged_text_finding(name: str, real_exports: dict[str, dict]) -> None:
    found = [f["message"] for f in real_exports[name]["findings"] if f["code"] == "CYBER.untaggedText"]

    assert found == ([UNH_UNTAGGED] if name.startswith("unh") else [])


def test_wells_fargo_says_where_item_1c_is(real_exports: dict[str, dict]) -> None:
    wells_fargo = real_exports["wfc-10-k-2025-02-25.htm"]
    messages = {f["code"]: f["message"] for f in wells_fargo["findings"]}
    where = (
        "the filing puts it in the 2024 Annual Report to Shareholders, under “Financial Review – Risk "
        "Management – Operational Risk Management”, which EDGAR carries as Exhibit 13"
    )

    assert wells_fargo["section"]["byReference"] == WFC_WORDS
    assert (
        f"Item 1C is incorporated by reference: {where}. Load that document"
        in messages["CYBER.missingDisclosure"]
    )
    assert messages["CYBER.sectionByReference"] == (
        f"Item 1C (wfc-10-k-2025-02-25.htm, page 7) incorporates its disclosure by reference: {where} "
        "(exhibit index: “2024 Annual Report to Shareholders. Filed herewith.”). "
        f"The filing's words: “{WFC_WORDS}”"
    )


def test_apple_without_cyd_facts_still_gets_its_section(real_exports: dict[str, dict]) -> None:
    apple = real_exports["aapl-10-k-2024-11-01.htm"]

    assert apple["facts"] == [] and apple["findings"] == []
    assert [p["taggedBy"] for p in apple["section"]["paragraphs"]] == [[], [], [], []]
    # Read in the elements' vocabulary all the same: the model's suggestions, not the filer's tags.
    processes = "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock"
    assert [p["suggested"][0]["concept"] for p in apple["section"]["paragraphs"]] == [
        processes,
        processes,
        "CybersecurityRiskBoardOfDirectorsOversightTextBlock",
        processes,
    ]
    assert apple["section"]["text"].startswith("The Company’s management, led by its Head of Corporate")


# The rules on hand-built disclosures

FY2024 = FilingInfo(document_type="10-K", amendment=False, period_end=date(2024, 12, 31))


def text_fact() -> CydFact:
    return CydFact(
        concept=BY_NAME[PROCESSES], namespace="http://xbrl.sec.gov/cyd/2024", value=PROGRAM, html=PROGRAM,
        lexical="", context_id="c", period=None, entity=None, entity_scheme=None, dimensions=(), id="f-1",
        document="filing.htm", line=3, hidden=False, nil=False, language=None,
    )  # fmt: skip


def disclosure(section: Section | None, tagged: bool = True) -> Disclosure:
    facts = (text_fact(),) if tagged else ()
    return Disclosure(
        "filing.htm", FY2024, facts, ("http://xbrl.sec.gov/cyd/2024",), ("filing.htm",), section
    )


def paragraph(text: str, line: int, *tagged_by: str) -> Paragraph:
    return Paragraph(text, "filing.htm", line, tagged_by, len("".join(text.split())) if tagged_by else 0)


PARTLY_TAGGED = Section(
    "1C", True, "Item 1C. Cybersecurity", "filing.htm", 2,
    paragraphs=(
        paragraph("Risk Management and Strategy", 3),
        paragraph(PROGRAM, 4, PROCESSES),
        paragraph(OVERSIGHT, 7),
        paragraph("Our CISO has twenty years of experience in information security roles.", 9),
    ),
)  # fmt: skip
BY_REFERENCE = Section(
    "1C", True, "ITEM 1C. CYBERSECURITY", "filing.htm", 2,
    by_reference=Reference(WFC_WORDS, "2024 Annual Report to Shareholders", "Financial Review", "13", None),
    paragraphs=(paragraph(WFC_WORDS, 3),),
)  # fmt: skip


def run(rule: Any, subject: Disclosure) -> list[str]:
    return [finding.message for finding in rule(subject, RuleSettings())]


def test_untagged_text_lists_each_untagged_paragraph_with_its_line_first_words_and_suggestion() -> None:
    subject = disclosure(PARTLY_TAGGED)
    board, ciso = (reads_like(subject.suggestions_for(index)) for index in (2, 3))

    assert run(section_rules.untaggedText, subject) == [
        "Paragraphs of Item 1C in filing.htm that no cyd text block covers (2 of 4; 32% of the "
        f"section's text is tagged): line 7 “Our Board of Directors oversees cybersecurity risk "
        f"through…” {board}; line 9 “Our CISO has twenty years of experience in…” {ciso}. Tag each with "
        "the text block it reads like (the scores are the suggestion model's, 0 to 1), or move it out of "
        "Item 1C if it answers none."
    ]
    assert board.startswith("reads like Cybersecurity Risk Board")  # its committee's or the board's
    assert ciso.startswith("reads like Cybersecurity Risk Management Expertise of Management Responsible (")


def test_untagged_text_in_item_105_suggests_nothing() -> None:
    """The model reads the annual elements: an 8-K's untagged paragraph is listed without one."""
    item_105 = replace(PARTLY_TAGGED, item="1.05", heading="Item 1.05 Material Cybersecurity Incidents")
    subject = replace(disclosure(item_105), filing=FilingInfo(document_type="8-K", amendment=False))

    assert run(section_rules.untaggedText, subject) == [
        "Paragraphs of Item 1.05 in filing.htm that no cyd text block covers (2 of 4; 32% of the "
        "section's text is tagged): line 7 “Our Board of Directors oversees cybersecurity risk "
        "through…”; line 9 “Our CISO has twenty years of experience in…”. Tag each with the text block of "
        "the element it answers, or move it out of Item 1.05 if it answers none."
    ]


@pytest.mark.parametrize(
    "subject",
    [
        disclosure(Section("1C", True, "Item 1C", "filing.htm", 2, paragraphs=PARTLY_TAGGED.paragraphs[:2])),
        disclosure(PARTLY_TAGGED, tagged=False),
        disclosure(BY_REFERENCE),
        disclosure(Section("1C")),
        disclosure(None),
    ],
    ids=["headings-only-untagged", "no-cyd-facts", "by-reference", "not-found", "not-an-annual-report"],
)
def test_untagged_text_silent(subject: Disclosure) -> None:
    assert run(section_rules.untaggedText, subject) == []


def test_section_by_reference_fires_and_stays_silent() -> None:
    assert run(section_rules.sectionByReference, disclosure(BY_REFERENCE)) == [
        "Item 1C (filing.htm, line 2) incorporates its disclosure by reference: the filing puts it in the "
        "2024 Annual Report to Shareholders, under “Financial Review”, which EDGAR carries as Exhibit 13. "
        f"The filing's words: “{WFC_WORDS}”"
    ]
    assert run(section_rules.sectionByReference, disclosure(PARTLY_TAGGED)) == []
    assert run(section_rules.sectionByReference, disclosure(None)) == []


def test_missing_disclosure_names_where_the_section_points() -> None:
    with_reference = run(completeness.missingDisclosure, disclosure(BY_REFERENCE, tagged=False))
    without = run(completeness.missingDisclosure, disclosure(PARTLY_TAGGED, tagged=False))

    assert (
        "Item 1C is incorporated by reference: the filing puts it in the 2024 Annual Report"
        in with_reference[0]
    )
    assert "If the section is incorporated by reference from an exhibit" in without[0]


def test_sample_10k_with_an_untagged_paragraph_draws_one_finding(load: Any, tmp_path: Path) -> None:
    path = InlineVariant(SAMPLE_10K).unwrap("cyd-08").write(tmp_path / "filing.htm")

    messages = load(path).messages_with("CYBER.untaggedText")

    assert len(messages) == 1
    assert "Paragraphs of Item 1C in filing.htm that no cyd text block covers (1 of 30;" in messages[0]["msg"]
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if "The chair of the Audit and Risk Committee" in text)
    assert f"line {line} “The chair of the Audit and Risk Committee…”" in messages[0]["msg"]


def test_a_rule_about_the_section_gets_its_findings_linked_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule says itself that its findings are about the section, and the report links them there:
    a rule added so needs no list of codes kept elsewhere."""

    @rule(Severity.INFO, about=Subject.SECTION)
    def newSectionRule(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
        yield report("A finding about the section as filed.")

    @rule(Severity.INFO)
    def newFactsRule(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
        yield report("A finding about no fact in particular.")

    monkeypatch.setattr(checks, "REGISTRY", (*checks.REGISTRY, *map(Rule.of, (newSectionRule, newFactsRule))))
    subject = disclosure(BY_REFERENCE)
    findings = checks.run_checks(subject, RuleSettings())
    page = lxml_html.fromstring(html_report.render(subject, findings))

    linked = {
        paragraph.xpath("./span[contains(@class, 'code')]")[0].text
        for paragraph in page.xpath("//p[@class='finding']")
        if "#section-as-filed" in paragraph.xpath(".//a/@href")
    }
    about = {f.code: f.about for f in findings}
    assert {code for code, subject in about.items() if subject is Subject.SECTION} == {
        "CYBER.sectionByReference",
        "CYBER.newSectionRule",
    }
    assert about["CYBER.newFactsRule"] is Subject.FACTS
    assert linked == {"CYBER.sectionByReference", "CYBER.newSectionRule"}
