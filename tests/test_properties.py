"""Property-based: generated inline XBRL filings with random cyd facts, values, contexts,
nesting, exclusions and continuations. The plugin never fails on them, and what it extracts
agrees with an independent reading of the same markup, paragraph for paragraph."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from cyber_plugin.checks import RULE_CODES
from cyber_plugin.core.catalogue import CONCEPTS
from cyber_plugin.core.settings import RuleSettings
from cyber_plugin.integration.state import reading_of
from cyber_plugin.outputs import RENDERERS

from .support.ixbrl_reader import (
    breaks_fall_between_paragraphs,
    read_cyd_facts,
    squeeze,
    text_block_paragraphs,
)
from .support.loads import load_in_session

XHTML = "http://www.w3.org/1999/xhtml"
IX = "http://www.xbrl.org/2013/inlineXBRL"
XBRLI = "http://www.xbrl.org/2003/instance"
NAMESPACES = {
    None: XHTML,
    "ix": IX,
    "ixt": "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12",
    "ixt-sec": "http://www.sec.gov/inlineXBRL/transformation/2015-08-31",
    "xbrli": XBRLI,
    "xbrldi": "http://xbrl.org/2006/xbrldi",
    "link": "http://www.xbrl.org/2003/linkbase",
    "xlink": "http://www.w3.org/1999/xlink",
    "dei": "http://xbrl.sec.gov/dei/2024",
    "cyd": "http://xbrl.sec.gov/cyd/2024",
}
CONTEXTS = {  # id: (start, end, dimension member or None)
    "fy": ("2024-01-01", "2024-12-31", None),
    "q4": ("2024-10-01", "2024-12-31", None),
    "seg": ("2024-01-01", "2024-12-31", "dei:EntityDomain"),
}
WORDS = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Co", "Cn"),
        blacklist_characters="\ufffe\uffff",
        max_codepoint=0x1F6FF,
    ),
    min_size=0,
    max_size=40,
)
BLOCK_TAGS = ("p", "div", "li-list", "table", "span")


@dataclass
class FactPlan:
    concept: str
    flag_format: str
    flag_value: bool
    paragraphs: list[tuple[str, str]]
    context: str
    exclude: str | None
    pieces: int
    nest_in_previous: bool


@dataclass
class FilingPlan:
    facts: list[FactPlan] = field(default_factory=list)


def fact_plans() -> st.SearchStrategy[FactPlan]:
    names = [c.local_name for c in CONCEPTS] + [
        "CybersecurityRiskSomethingNewFlag",
        "CybersecurityAIUseTextBlock",
    ]
    return st.builds(
        FactPlan,
        concept=st.sampled_from(names),
        flag_format=st.sampled_from(["fixed", "ballot", "plain"]),
        flag_value=st.booleans(),
        paragraphs=st.lists(st.tuples(st.sampled_from(BLOCK_TAGS), WORDS), min_size=0, max_size=4),
        context=st.sampled_from(sorted(CONTEXTS)),
        exclude=st.one_of(st.none(), WORDS),
        pieces=st.integers(min_value=1, max_value=3),
        nest_in_previous=st.booleans(),
    )


def _element(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
    namespace, _, local = tag.rpartition(":")
    qualified = f"{{{NAMESPACES[namespace or None]}}}{local}"
    element = etree.SubElement(parent, qualified, {k.replace("_", ""): v for k, v in attributes.items()})
    element.text = text
    return element


def _header(body: Any) -> None:
    hidden_div = _element(body, "div", style="display:none")
    header = _element(hidden_div, "ix:header")
    hidden = _element(header, "ix:hidden")
    for name, value in (
        ("DocumentType", "10-K"),
        ("EntityCentralIndexKey", "0001999902"),
        ("DocumentPeriodEndDate", "2024-12-31"),
    ):
        _element(hidden, "ix:nonNumeric", value, name=f"dei:{name}", contextRef="fy", id=f"dei-{name}")
    references = _element(header, "ix:references")
    for schema in ("cyd/2024/cyd-2024.xsd", "dei/2024/dei-2024.xsd"):
        _element(references, "link:schemaRef", **{"{http://www.w3.org/1999/xlink}type": "simple"}).set(
            "{http://www.w3.org/1999/xlink}href", f"https://xbrl.sec.gov/{schema}"
        )
    resources = _element(header, "ix:resources")
    for context_id, (start, end, member) in CONTEXTS.items():
        context = _element(resources, "xbrli:context", id=context_id)
        entity = _element(context, "xbrli:entity")
        _element(entity, "xbrli:identifier", "0001999902", scheme="http://www.sec.gov/CIK")
        if member:
            segment = _element(entity, "xbrli:segment")
            _element(segment, "xbrldi:explicitMember", member, dimension="dei:LegalEntityAxis")
        period = _element(context, "xbrli:period")
        _element(period, "xbrli:startDate", start)
        _element(period, "xbrli:endDate", end)


def _fill(parent: Any, paragraphs: list[tuple[str, str]]) -> None:
    for tag, words in paragraphs:
        if tag == "li-list":
            _element(_element(parent, "ul"), "li", words)
        elif tag == "table":
            row = _element(_element(parent, "table"), "tr")
            _element(row, "td", words)
            _element(row, "td", "cell")
        else:
            _element(parent, tag, words)


def build_filing(plan: FilingPlan, target: Path) -> Path:
    html = etree.Element(f"{{{XHTML}}}html", nsmap=NAMESPACES)
    _element(_element(html, "head"), "title", "Generated filing")
    body = _element(html, "body")
    _header(body)
    later = _element(body, "div")  # continuations go after every fact
    previous_text_block = None
    for number, fact in enumerate(plan.facts):
        fact_id = f"f{number}"
        holder = previous_text_block if fact.nest_in_previous and previous_text_block is not None else body
        container = _element(holder, "div")
        if fact.concept.endswith("Flag"):
            if fact.flag_format == "fixed":
                attributes = {"format": f"ixt:fixed-{str(fact.flag_value).lower()}"}
                text = "Yes, we do." if fact.flag_value else "No."
            elif fact.flag_format == "ballot":
                attributes, text = (
                    {"format": "ixt-sec:boolballotbox"},
                    "\u2612" if fact.flag_value else "\u2610",
                )
            else:
                attributes, text = {}, str(fact.flag_value).lower()
            _element(
                container,
                "ix:nonNumeric",
                text,
                name=f"cyd:{fact.concept}",
                contextRef=fact.context,
                id=fact_id,
                **attributes,
            )
            continue
        element = _element(
            container,
            "ix:nonNumeric",
            name=f"cyd:{fact.concept}",
            contextRef=fact.context,
            id=fact_id,
            escape="true",
        )
        share = max(1, len(fact.paragraphs) // fact.pieces)
        _fill(element, fact.paragraphs[:share])
        if fact.exclude is not None:
            _element(element, "ix:exclude", fact.exclude)
        link_from, remaining = element, fact.paragraphs[share:]
        for piece in range(1, fact.pieces):
            continuation_id = f"{fact_id}-c{piece}"
            link_from.set("continuedAt", continuation_id)
            link_from = _element(later, "ix:continuation", id=continuation_id)
            _fill(link_from, remaining[:share] if piece < fact.pieces - 1 else remaining)
            remaining = remaining[share:]
        previous_text_block = element
    etree.ElementTree(html).write(str(target), encoding="utf-8", xml_declaration=True)
    return target


# Each example is a whole Arelle load (about half a second): 20 new ones a run, on top of the
# failures Hypothesis keeps in .hypothesis/ and tries first.
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.builds(FilingPlan, facts=st.lists(fact_plans(), min_size=0, max_size=7)))
def test_extraction_agrees_with_an_independent_reading(plan: FilingPlan) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = build_filing(plan, Path(folder) / "filing.htm")
        expected = read_cyd_facts(path)
        loaded = load_in_session(path)
        messages, model = loaded.messages, loaded.model
        try:
            assert not [m for m in messages if m.get("messageCode") == "CYBER.internalError"]
            reading = reading_of(model, RuleSettings())
            disclosure = reading.disclosure
            got = {
                fact.id: (fact.local_name, fact.value if fact.is_flag else squeeze(str(fact.value or "")))
                for fact in disclosure.facts
            }
            assert got == expected
            laid_out = text_block_paragraphs(path)  # and the text's lines are the page's paragraphs
            for fact in disclosure.facts:
                if not fact.is_flag and fact.value is not None:
                    assert breaks_fall_between_paragraphs(fact.value, laid_out[fact.id]), fact.id
            findings = reading.findings
            assert {f.code for f in findings} <= {*RULE_CODES}
            for extension, render in RENDERERS.items():
                assert render(disclosure, findings), extension
        finally:
            loaded.session.close()
