"""The page as a reader sees it, on minimal documents built as the large filers' are (see
tests/support/minimal_filings.py): text blocks laid out as a browser lays them out, the whole section
past running heads and page furniture, sub-headings, locations a filer can use, and repeated
headings read in linear time."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from lxml import html as lxml_html

from benchmarks.section_reader import REPEATED_HEADINGS, repeated_headings_document
from cyber_plugin import dataset
from cyber_plugin.core.section import Section, read_section
from cyber_plugin.core.textblock import plain_text

from .support.ixbrl_reader import breaks_fall_between_paragraphs, page_paragraphs, text_block_paragraphs
from .support.minimal_filings import (
    BOARD,
    PAGE_BREAK,
    PROCESSES,
    ROLE,
    continuation,
    div,
    heading,
    inline_filing,
    tagged,
)
from .support.paths import SAMPLE_8K
from .support.variants import InlineVariant

BODY = (
    "We maintain a cybersecurity program that assesses, identifies and manages material risks.",
    "Our security operations center monitors our networks and systems around the clock.",
    "We engage outside assessors to test the program and report their findings to management.",
    "Our Board of Directors oversees cybersecurity risk through its Audit Committee each quarter.",
    "Our Chief Information Security Officer leads the program and reports to the Chief Information Officer.",
)
NEXT_ITEM = heading("Item 2. Properties") + div("We own our headquarters and lease our other offices.")


def read(document: str, company: str | None = None, item: str = "1C") -> Section:
    return read_section([("filing.htm", etree.fromstring(document.encode()))], item, company=company)


def texts(section: Section) -> list[str]:
    return [paragraph.text for paragraph in section.paragraphs]


# Text blocks: as a browser lays them out


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("The\nCompany is continuing to investigate", "The Company is continuing to investigate"),
        (
            'Rule <div style="display:inline">12b-2</div> of the Exchange Act',
            "Rule 12b-2 of the Exchange Act",
        ),
        ('<div>Form <div style="top:0;display: inline;">8-K,</div> furnished</div>', "Form 8-K, furnished"),
        ('<span style="display:block">One</span><span>Two</span>', "One\nTwo"),
        ('<table style="display:inline-table"><tr><td>a</td></tr><tr><td>b</td></tr></table>', "a\nb"),
        ('<p style="display:inline">first</p> <p style="display:inline">second</p>', "first second"),
    ],
    ids=["source-wraps", "inline-div", "last-display-wins", "block-span", "inline-table-rows", "inline-p"],
)
def test_plain_text_is_laid_out_as_a_browser_lays_it_out(markup: str, expected: str) -> None:
    assert plain_text(markup) == expected


NIKE_ROLE = (
    'Our cybersecurity program is led by our Vice President, Chief Information Security Officer ("VP, CIS").'
)
NIKE_BOARD = "Our Board of Directors oversees our cybersecurity risk management through its Audit Committee."
CONTINUATIONS = (
    heading("Item 1C. Cybersecurity")
    # Nike: the continuation stands in the next block of the page.
    + f"<div><span>{tagged(ROLE, NIKE_ROLE, 'nke', 'nke-1')}</span></div>"
    + f"<div><span>{continuation(NIKE_BOARD, 'nke-1')}</span></div>"
    # Coupang: in the same block, right where the text stopped, inside a word.
    + f"<div><span>{tagged(PROCESSES, 'The data was not disclosed. N', 'cpng', 'cpng-1')}</span>"
    + f"<span>{continuation('o customer payment information was obtained.', 'cpng-1')}</span></div>"
    # The same block with white space between, and a line break between.
    + f"<div>{tagged(BOARD, 'The committee meets', 'space', 'space-1')} "
    + f"{continuation('four times a year.', 'space-1')}</div>"
    + f"<div>{tagged(BOARD, 'Reports go to the Board.', 'br', 'br-1')}<br/>"
    + f"{continuation('The Board asks questions.', 'br-1')}</div>"
    # CareCloud: bare text wrapped in the source; Nucor: an element styled display:inline.
    + div(
        tagged(
            ROLE, "The\nCompany is continuing to investigate the nature and scope of the incident.", "wrap"
        )
    )
    + div(
        tagged(
            ROLE,
            'Our CISO, <div style="display:inline">who reports to the CIO,</div> leads the response team'
            '<span style="display:none"> (unseen)</span>.',
            "inline",
        )
    )
    + NEXT_ITEM
)
CONTINUATION_VALUES = {
    "nke": f"{NIKE_ROLE}\n{NIKE_BOARD}",
    "cpng": "The data was not disclosed. No customer payment information was obtained.",
    "space": "The committee meets four times a year.",
    "br": "Reports go to the Board.\nThe Board asks questions.",
    "wrap": "The Company is continuing to investigate the nature and scope of the incident.",
    "inline": "Our CISO, who reports to the CIO, leads the response team (unseen).",  # the value, all of it
}


def test_continuations_join_as_the_page_shows_them(load: Any, tmp_path: Path) -> None:
    path = tmp_path / "filing.htm"
    path.write_text(inline_filing(CONTINUATIONS, "NIKE, Inc."), encoding="utf-8")

    report = tmp_path / "report.html"

    disclosure = load(path, validate=False, cyberExport=str(report)).disclosure

    facts = {fact.id: fact for fact in disclosure.facts}
    assert {fact_id: fact.value for fact_id, fact in facts.items()} == CONTINUATION_VALUES
    assert '("VP, CIS").<br/>Our Board' in facts["nke"].html
    assert all(plain_text(fact.html) == fact.value for fact in facts.values())
    independent = text_block_paragraphs(path)
    assert all(breaks_fall_between_paragraphs(fact.value, independent[i]) for i, fact in facts.items())
    page = lxml_html.fromstring(report.read_bytes())  # the report shows each value's lines
    shown = [page_paragraphs(page.get_element_by_id(f"fact-{n}").xpath("./td")[1]) for n in range(len(facts))]
    assert shown == [fact.value.split("\n") for fact in disclosure.facts]


# The whole section: running heads, page furniture, sub-headings


def mastercard_foot_and_head(layout: str, page: int) -> str:
    foot, head = ("MASTERCARD 2024 FORM 10-K", str(page)), ("PART I", "ITEM 1C. CYBERSECURITY")
    if layout == "blocks":
        return div(foot[0]) + div(foot[1]) + PAGE_BREAK + div(head[0]) + div(head[1])
    if layout == "rows":
        row = "<table><tr><td>{}</td><td>{}</td></tr></table>"
        return row.format(*foot) + PAGE_BREAK + row.format(*head)
    return div(" ".join((*foot, *head))) + PAGE_BREAK  # as the issue quotes it, one line


@pytest.mark.parametrize("layout", ["blocks", "rows", "one-line"])
def test_mastercard_running_heads_never_end_the_section(layout: str) -> None:
    """ "MASTERCARD 2024 FORM 10-K 39 PART I ITEM 1C. CYBERSECURITY" on every page: the section
    reads on to Item 2, whole and wholly tagged, each paragraph on its printed page."""
    body = (
        heading("Item 1C. Cybersecurity")
        + tagged(PROCESSES, div(BODY[0]) + div(BODY[1]), "f-1", "f-1-1")
        + mastercard_foot_and_head(layout, 39)
        + continuation(div(BODY[2]), "f-1-1")
        + tagged(BOARD, div(BODY[3]), "f-2")
        + mastercard_foot_and_head(layout, 40)
        + tagged(ROLE, div(BODY[4]), "f-3")
        + NEXT_ITEM
        + mastercard_foot_and_head(layout, 41)
    )

    section = read(inline_filing(body, "Mastercard Incorporated"), "Mastercard Incorporated")

    assert texts(section) == list(BODY)
    assert (section.tagged_share, section.untagged) == (1.0, ())
    assert [p.page for p in section.paragraphs] == ["39", "39", "40", "40", "41"]


@pytest.mark.parametrize(
    ("company", "furniture"),
    [
        ("Alphabet Inc.", lambda page: div("Alphabet Inc.") + div(f"{page}.")),
        ("The Home Depot, Inc.", lambda page: div(str(page)) + div("Fiscal 2024 Form 10-K")),
        ("Johnson & Johnson", lambda page: div("2024 Annual Report") + div(str(page))),
        ("PROCTER & GAMBLE CO", lambda page: div(f"{page} The Procter &amp; Gamble Company")),
        ("WELLS FARGO & COMPANY/MN", lambda page: div(f"Wells Fargo &amp; Company | {page}")),
    ],
    ids=["alphabet", "home-depot", "johnson-johnson", "procter-gamble", "wells-fargo"],
)
def test_page_furniture_is_no_paragraph(company: str, furniture: Any) -> None:
    """Page numbers ("25."), the company's name as EDGAR or the page spells it, and the report's
    name ("Fiscal 2024 Form 10-K", "2024 Annual Report") are furniture; the page number is read."""
    body = (
        heading("Item 1C. Cybersecurity")
        + div(BODY[0])
        + div(BODY[1])
        + furniture(25)
        + PAGE_BREAK
        + div(BODY[2])
        + NEXT_ITEM
        + furniture(26)
        + PAGE_BREAK
    )

    section = read(inline_filing(body, company), company)

    assert texts(section) == list(BODY[:3])
    assert [p.page for p in section.paragraphs] == ["25", "25", "26"]


WALMART_HEADINGS = (
    heading("Risk management and strategy"),  # bold
    div("Board of Directors' oversight of risks from cybersecurity threats", "font-style:italic"),
    div("Management's role in assessing and managing material risks from cybersecurity threats"),  # placed
)
WALMART = (
    heading("Item 1C. Cybersecurity")
    + WALMART_HEADINGS[0]
    + tagged(PROCESSES, div(BODY[0]), "f-1")
    + WALMART_HEADINGS[1]
    + tagged(BOARD, div(BODY[3]), "f-2")
    + WALMART_HEADINGS[2]
    + tagged(ROLE, div(BODY[4]), "f-3")
    + NEXT_ITEM
)


def test_walmart_sub_headings_are_headings_and_never_untagged_text(load: Any, tmp_path: Path) -> None:
    """Short lines that are no sentence, styled (bold, italic) or placed (above a sentence) as
    headings: a fully tagged section draws no untaggedText."""
    section = read(inline_filing(WALMART, "Walmart Inc."), "Walmart Inc.")
    path = tmp_path / "filing.htm"
    path.write_text(inline_filing(WALMART, "Walmart Inc."), encoding="utf-8")

    assert [(p.heading, p.is_substantive) for p in section.paragraphs] == [
        (True, False),
        (False, True),
        (True, False),
        (False, True),
        (True, False),
        (False, True),
    ]
    assert section.untagged == ()
    assert load(path).messages_with("CYBER.untaggedText") == []


@pytest.mark.parametrize(
    "line",
    [
        "We review the program with our outside auditors every year.",  # a sentence
        # no full stop, but too long for a heading placed above text
        "We have also integrated cybersecurity risk management into our enterprise risk management system",
    ],
)
def test_a_sentence_is_never_a_heading(line: str) -> None:
    section = read(
        inline_filing(WALMART.replace(WALMART_HEADINGS[2], div(line)), "Walmart Inc."), "Walmart Inc."
    )

    assert [p.text for p in section.untagged] == [line]


# Locations a filer can use


def untagged_message(load: Any, tmp_path: Path, document: str) -> str:
    path = tmp_path / "filing.htm"
    path.write_text(document, encoding="utf-8")
    [message] = load(path).messages_with("CYBER.untaggedText")
    return str(message["msg"])


def test_a_document_on_one_line_gives_the_printed_page(load: Any, tmp_path: Path) -> None:
    """Salesforce, Meta and others write their 10-K on a handful of lines: the page it prints."""
    body = (
        heading("Item 1C. Cybersecurity")
        + tagged(PROCESSES, div(BODY[0]), "f-1")
        + div("17")
        + PAGE_BREAK
        + div(BODY[1])
        + NEXT_ITEM
        + div("18")
        + PAGE_BREAK
    )

    message = untagged_message(load, tmp_path, inline_filing(body, "Salesforce, Inc."))

    assert (
        "(1 of 2; 52% of the section's text is tagged): page 18 “Our security operations center monitors"
        in message
    )


def test_lines_where_each_paragraph_has_its_own_and_else_the_nearest_id(load: Any, tmp_path: Path) -> None:
    body = [heading("Item 1C. Cybersecurity"), tagged(PROCESSES, div(BODY[0]), "f-1")]
    body += [f'<div id="cyber-2"><span>{BODY[1]}</span></div>', NEXT_ITEM]

    on_lines = untagged_message(load, tmp_path, inline_filing("\n".join(body), "Meta"))
    on_one = untagged_message(load, tmp_path, inline_filing("".join(body), "Meta"))

    assert "is tagged): line 4 “Our security operations center monitors our networks and" in on_lines
    assert "is tagged): near #cyber-2 “Our security operations center monitors our networks and" in on_one


# Linear time


def test_repeated_headings_are_read_in_linear_time() -> None:
    """1,200 "Item 1C. Cybersecurity" headings in one div (180 KB) took 32 s; every element is
    now walked once. (A generous limit: `make bench` gives the figure.)"""
    root = etree.fromstring(repeated_headings_document(REPEATED_HEADINGS).encode())

    started = time.perf_counter()
    section = read_section([("filing.htm", root)], "1C")
    seconds = time.perf_counter() - started

    assert len(section.paragraphs) == REPEATED_HEADINGS
    assert seconds < 1.0


# 8-K Item 1.05 as filed

EIGHT_K_FACTS = ("cyd-nature", "cyd-scope", "cyd-timing", "cyd-impact")
CYBER_EXTRACT = Path(sys.executable).with_name("cyber-extract")


def test_an_8k_item_1_05_is_read_as_filed_and_its_untagged_text_found(load: Any, tmp_path: Path) -> None:
    tagged_8k = load(SAMPLE_8K)
    partly = InlineVariant(SAMPLE_8K).unwrap("cyd-scope").write(tmp_path / "partly.htm")

    section = tagged_8k.disclosure.section
    [message] = load(partly).messages_with("CYBER.untaggedText")

    assert (section.item, section.found) == ("1.05", True)
    assert section.heading == "Item 1.05 Material Cybersecurity Incidents."
    assert len(section.paragraphs) == 5 and section.tagged_share == 1.0
    assert section.paragraphs[0].text.startswith("On March 4, 2025, Northwind Freight Systems Corp.")
    assert tagged_8k.messages_with("CYBER.untaggedText") == []
    assert message["msg"].startswith(
        "Paragraphs of Item 1.05 in partly.htm that no cyd text block covers (1 of 5"
    )
    lines = partly.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if "The encrypted systems include" in text)
    assert (
        f"line {line} “The encrypted systems include the Company’s transportation management…”"
        in message["msg"]
    )


def test_an_8k_that_tags_nothing_gives_its_item_1_05_text_to_the_dataset(tmp_path: Path) -> None:
    variant = InlineVariant(SAMPLE_8K)
    for fact_id in EIGHT_K_FACTS:
        variant.unwrap(fact_id)
    variant.write(tmp_path / "untagged-8k.htm")

    result = subprocess.run(
        [str(CYBER_EXTRACT), "untagged-8k.htm", "-o", "cyd.jsonl", "--8k-items", "1.05,9.01", "--offline"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    tables = dataset.read(tmp_path / "cyd.jsonl")
    [row] = tables.filings.to_dict("records")
    paragraphs = tables.paragraphs.to_dict("records")
    assert [(p["item"], p["paragraph"], p["tagged_by"], p["substantive"]) for p in paragraphs] == [
        ("1.05", number, [], True) for number in range(1, 6)
    ]
    assert (row["form"], row["cyd_facts"], row["finding_codes"]) == ("8-K", 0, ["CYBER.incidentNotTagged"])
    assert (row["section_found"], row["section_tagged_share"]) == (True, 0.0)
    assert row["section_text"].startswith("On March 4, 2025, Northwind Freight Systems Corp. (the “Company”)")
    assert row["section_text"].endswith(
        "will notify affected individuals and regulators as required by applicable law."
    )
    assert row["section_text"].count("\n") == 4
