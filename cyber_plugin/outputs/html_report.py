"""A self-contained HTML review report: one file, inline CSS, no script, nothing fetched.

Text-block markup comes from the filing, so it passes through the nh3 (Ammonia) sanitiser with
an allow-list of structure and basic formatting: no script, event handlers, links, forms,
frames, objects or images survive, and of inline styles only typographic properties, so the
report can load nothing and run nothing. A Content-Security-Policy that forbids every load and
script (in the template's head) backs the sanitiser up.

The page is rendered from `templates/report.html` with autoescaping on: every value is escaped,
except the sanitised text-block fragments, which `_text_block` alone marks safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..core.catalogue import Concept, FormFamily
from ..core.disclosure import CydFact, Disclosure, Period
from ..core.findings import Finding, Severity
from ..core.textblock import SKIPPED_ELEMENTS
from ..core.words import (
    NO_FINDINGS_SENTENCE,
    SEVERITY_HEADINGS,
    cik_text,
    entity_text,
    fact_id_text,
    flag_word,
    form_text,
    form_title,
    period_heading,
    period_text,
    reporting_period_text,
    taxonomy_years,
    untagged_state,
    value_note,
)

ALLOWED_TAGS: Final = frozenset(
    {
        "p", "div", "span", "br", "hr", "b", "strong", "i", "em", "u", "s", "sub", "sup", "small",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "colgroup", "col", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "code",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: Final = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}, "*": {"style"}}
# Inline styles survive only with these properties: typography, never anything that can load.
ALLOWED_STYLE_PROPERTIES: Final = frozenset(
    {"font-weight", "font-style", "text-decoration", "text-align", "text-indent", "vertical-align"}
)
# The SEC viewer's headings.
SECTION_TITLE: Final = "Cybersecurity Risk Management and Strategy Disclosure"
LINE_ITEMS: Final = "Cybersecurity Risk Management, Strategy, and Governance [Line Items]"
INCIDENT_TITLE: Final = "Material Cybersecurity Incident Disclosure"
INCIDENT_LINE_ITEMS: Final = f"{INCIDENT_TITLE} [Line Items]"

_TEMPLATE: Final = Environment(
    loader=PackageLoader(__package__, "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=StrictUndefined,
).get_template("report.html")


def sanitise(markup: str) -> str:
    """Filing markup reduced to structure and basic formatting (see the module docstring)."""
    return nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(SKIPPED_ELEMENTS - {"head"}),  # removed with their content
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )


def _text_block(fact: CydFact) -> Markup:
    """The one value the template does not escape: filing markup, sanitised."""
    return Markup(sanitise(fact.html or ""))


@dataclass(frozen=True)
class NumberedFinding:
    """A finding with its place in the report, and links to the facts or elements it is about."""

    number: int
    finding: Finding
    links: tuple[tuple[str, str], ...]  # (anchor, text)


@dataclass(frozen=True)
class Row:
    """One row of the disclosure table: a fact, or an element that is not tagged."""

    anchor: str
    label: str
    value: str = ""  # a flag's word
    note: str | None = None  # shown greyed instead of a value: nil, empty, not tagged
    text_block: Markup | None = None
    meta: str | None = None  # id, another period, dimensions; None for an element not tagged
    badges: tuple[NumberedFinding, ...] = ()


def _fact_anchor(index: int) -> str:
    return f"fact-{index}"


def _concept_anchor(name: str) -> str:
    return f"concept-{name}"


def _numbered_findings(findings: tuple[Finding, ...], fact_numbers: dict[int, int]) -> list[NumberedFinding]:
    numbered = []
    for number, finding in enumerate(findings):
        links = [
            (_fact_anchor(fact_numbers[id(fact)]), fact.id or fact.local_name)
            for fact in finding.facts
            if id(fact) in fact_numbers
        ]
        links += [(_concept_anchor(name), name) for name in finding.concepts]
        numbered.append(NumberedFinding(number, finding, tuple(links)))
    return numbered


def _fact_row(
    fact: CydFact, number: int, heading_period: Period | None, badges: list[NumberedFinding]
) -> Row:
    meta = [fact_id_text(fact)]
    if fact.period is not None and fact.period != heading_period:
        meta.append(f"period {period_text(fact.period)}")
    if fact.dimensions:
        meta.append(", ".join(f"{d}={m}" for d, m in fact.dimensions))
    note = value_note(fact)
    readable = note is None
    return Row(
        anchor=_fact_anchor(number),
        label=fact.concept.label,
        value=flag_word(fact.value is True) if readable and fact.is_flag else "",
        note=note,
        text_block=_text_block(fact) if readable and not fact.is_flag else None,
        meta="; ".join(meta),
        badges=tuple(badges),
    )


def _untagged_row(concept: Concept) -> Row:
    return Row(anchor=_concept_anchor(concept.local_name), label=concept.label, note=untagged_state(concept))


def _sections(
    disclosure: Disclosure,
    numbered: list[NumberedFinding],
    fact_numbers: dict[int, int],
    heading_period: Period | None,
) -> list[tuple[str | None, list[Row]]]:
    """The table's rows in presentation order, under the SEC viewer's [Line Items] headings."""
    badges: dict[int, list[NumberedFinding]] = {}
    for item in numbered:
        for fact in item.finding.facts:
            badges.setdefault(id(fact), []).append(item)
    sections: list[tuple[str | None, list[Row]]] = [
        (None if disclosure.filing.is_incident_report else LINE_ITEMS, [])
    ]
    for concept in disclosure.shown_concepts:
        if concept.family is FormFamily.INCIDENT and sections[-1][0] != INCIDENT_LINE_ITEMS:
            sections.append((INCIDENT_LINE_ITEMS, []))
        rows = sections[-1][1]
        facts = disclosure.facts_for(concept.local_name)
        if not facts:
            rows.append(_untagged_row(concept))
        for fact in facts:
            rows.append(_fact_row(fact, fact_numbers[id(fact)], heading_period, badges.get(id(fact), [])))
    return sections


def render(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    filing = disclosure.filing
    heading_period = disclosure.reporting_period
    fact_numbers = {id(fact): number for number, fact in enumerate(disclosure.facts)}
    numbered = _numbered_findings(findings, fact_numbers)
    severity_groups = [
        (severity, SEVERITY_HEADINGS[severity], items)
        for severity in Severity
        if (items := [item for item in numbered if item.finding.severity is severity])
    ]
    page = _TEMPLATE.render(
        title=f"Cybersecurity disclosure: {entity_text(filing)}, {form_title(filing)}",
        filing_fields=(
            ("Entity", entity_text(filing)),
            ("CIK", cik_text(filing)),
            ("Form", form_text(filing)),
            ("Period", reporting_period_text(disclosure)),
            ("cyd taxonomy", taxonomy_years(disclosure.cyd_namespaces)),
            ("Source", disclosure.source),
        ),
        severity_groups=severity_groups,
        no_findings=NO_FINDINGS_SENTENCE,
        table_title=INCIDENT_TITLE if filing.is_incident_report else SECTION_TITLE,
        column_heading=period_heading(heading_period, filing.period_end),
        sections=_sections(disclosure, numbered, fact_numbers, heading_period),
    )
    return page.encode("utf-8")
