"""A self-contained HTML review report: one file, inline CSS, no script, nothing fetched.

Text-block markup comes from the filing, so it passes through the nh3 (Ammonia) sanitiser with
an allow-list of structure and basic formatting: no script, event handlers, links, forms,
frames, objects or images survive, and of inline styles only typographic properties and how the
text flows (display, never to hide text: the report shows all of a text block's value), so the
report can load nothing and run nothing. A Content-Security-Policy that forbids every load and
script (in the template's head) backs the sanitiser up.

The page is rendered from `templates/report.html` with autoescaping on: every value is escaped,
except the sanitised text-block fragments, which `_text_block` alone marks safe.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..core.catalogue import Topic
from ..core.comparison import comparison_with_prior
from ..core.disclosure import CydFact, Disclosure, Period
from ..core.findings import Finding, Severity, Subject
from ..core.page_flow import SKIPPED_ELEMENTS
from ..core.section import Section
from ..core.suggestion_words import SUGGESTIONS_EXPLAINED, reads_like
from ..core.words import (
    INCORPORATED_BY_REFERENCE,
    NO_FINDINGS_SENTENCE,
    SEVERITY_HEADINGS,
    ParagraphState,
    cik_text,
    entity_text,
    fact_id_text,
    flag_word,
    form_text,
    form_title,
    incident_heading,
    incident_member_text,
    incident_phrase,
    paragraph_place,
    paragraph_state,
    period_heading,
    period_text,
    reporting_period_text,
    section_summary,
    section_title,
    taxonomy_years,
    untagged_state,
    value_note,
    where_incorporated,
)
from .html_changes import ShownChanges, change_anchor, shown_changes
from .layout import Group, layout

ALLOWED_TAGS: Final = frozenset(
    {
        "p", "div", "span", "br", "hr", "b", "strong", "i", "em", "u", "s", "sub", "sup", "small",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "colgroup", "col", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "code",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: Final = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}, "*": {"style"}}
# Inline styles survive only with these properties: typography and how the text flows (display:
# inline keeps a filing's "Form <div style="display:inline">8-K</div>" on one line), never
# anything that can load.
ALLOWED_STYLE_PROPERTIES: Final = frozenset(
    {"font-weight", "font-style", "text-decoration", "text-align", "text-indent", "vertical-align", "display"}
)
_HIDDEN: Final = re.compile(r"display\s*:\s*none\s*;?", re.I)  # in a style nh3 has already cleaned
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
    cleaned = nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(SKIPPED_ELEMENTS - {"head"}),  # removed with their content
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )
    return _HIDDEN.sub("", cleaned)


def _text_block(fact: CydFact) -> Markup:
    """The one value the template does not escape: filing markup, sanitised."""
    return Markup(sanitise(fact.html or ""))


@dataclass(frozen=True)
class NumberedFinding:
    """A finding with its place in the report, and links to what it is about: the incident, the
    facts, the elements not tagged, the section as filed."""

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


@dataclass(frozen=True)
class IncidentHeading:
    anchor: str
    heading: str
    member: str


@dataclass(frozen=True)
class Block:
    """The rows of one layout group, under the [Line Items] heading where a table starts and, for
    an incident, under the incident's name and member."""

    rows: tuple[Row, ...]
    line_items: str | None = None
    incident: IncidentHeading | None = None


@dataclass(frozen=True)
class ShownParagraph:
    anchor: str
    text: str  # plain text, escaped as every value is
    state: ParagraphState
    place: str
    links: tuple[tuple[str, str], ...]  # (fact anchor, the element's label)
    suggestion: str = ""  # what an untagged paragraph reads like, by the suggestion model


@dataclass(frozen=True)
class ShownSection:
    anchor: str
    title: str
    summary: str
    heading: str | None
    reference: str | None  # the filing's words, for a section incorporated by reference
    where: str | None
    paragraphs: tuple[ShownParagraph, ...]
    suggestions: str | None  # what the suggestions beside its untagged paragraphs are, if any


SECTION_ANCHOR: Final = "section-as-filed"
# The findings about the section as filed, which link to it.


def _fact_anchor(index: int) -> str:
    return f"fact-{index}"


def _incident_anchor(group: int) -> str:
    return f"incident-{group}"


def _absent_anchors(groups: tuple[Group, ...]) -> dict[tuple[int, str], str]:
    """The anchor of each row of an element not tagged, by (group, local name): concept-NAME, and
    concept-NAME-2 … where several incidents leave the element untagged."""
    anchors: dict[tuple[int, str], str] = {}
    seen: Counter[str] = Counter()
    for index, group in enumerate(groups):
        for entry in group.entries:
            if not entry.facts:
                name = entry.concept.local_name
                seen[name] += 1
                anchors[(index, name)] = f"concept-{name}" + (f"-{seen[name]}" if seen[name] > 1 else "")
    return anchors


def _numbered_findings(
    findings: tuple[Finding, ...],
    groups: tuple[Group, ...],
    fact_numbers: dict[int, int],
    absent_anchors: dict[tuple[int, str], str],
    section: Section | None,
    changes: ShownChanges | None,
) -> list[NumberedFinding]:
    incidents = [group.incident for group in groups if group.incident is not None]
    name_incidents = len(incidents) > 1 or any(incident.member for incident in incidents)
    numbered = []
    for number, finding in enumerate(findings):
        links: list[tuple[str, str]] = []
        absent: list[tuple[str, str]] = []
        for index, group in enumerate(groups):
            if not group.concerns(finding):
                continue
            if group.incident is not None and finding.facts and name_incidents:
                links.append((_incident_anchor(index), incident_phrase(group.incident)))
            absent += [
                (absent_anchors[(index, n)], n) for n in finding.concepts if (index, n) in absent_anchors
            ]
        links += [
            (_fact_anchor(fact_numbers[id(fact)]), fact.id or fact.local_name)
            for fact in finding.facts
            if id(fact) in fact_numbers
        ]
        links += absent
        if section is not None and finding.about is Subject.SECTION:
            links.append((SECTION_ANCHOR, section_title(section)))
        if changes is not None and finding.about is Subject.CHANGES:
            links += _change_links(finding, changes)
        numbered.append(NumberedFinding(number, finding, tuple(links)))
    return numbered


def _change_links(finding: Finding, changes: ShownChanges) -> list[tuple[str, str]]:
    """A finding about the changes links to the rows of the elements it names in the changes part
    (or to the part)."""
    rows = {element.anchor: element for element in changes.elements}
    named = [(a, rows[a].word) for n in finding.concept_names if (a := change_anchor(n)) in rows]
    return named or [(changes.anchor, changes.title)]


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


def _line_items(group: Group, previous: Group | None) -> str | None:
    """The heading a group starts under: the SEC viewer's [Line Items] where its table starts."""
    if group.incident is not None:
        return INCIDENT_LINE_ITEMS if previous is None or previous.incident is None else None
    if group.topic in (Topic.UNKNOWN, Topic.STRUCTURE):
        return group.topic.heading
    return LINE_ITEMS if previous is None else None


def _blocks(
    groups: tuple[Group, ...],
    numbered: list[NumberedFinding],
    fact_numbers: dict[int, int],
    absent_anchors: dict[tuple[int, str], str],
    heading_period: Period | None,
) -> list[Block]:
    """The table's rows, group by group (see layout.py)."""
    badges: dict[int, list[NumberedFinding]] = {}
    for item in numbered:
        for fact in item.finding.facts:
            badges.setdefault(id(fact), []).append(item)
    blocks = []
    for index, group in enumerate(groups):
        rows = []
        for entry in group.entries:
            if not entry.facts:
                concept = entry.concept
                rows.append(
                    Row(
                        absent_anchors[(index, concept.local_name)],
                        concept.label,
                        note=untagged_state(concept),
                    )
                )
            rows += [
                _fact_row(fact, fact_numbers[id(fact)], heading_period, badges.get(id(fact), []))
                for fact in entry.facts
            ]
        incident = group.incident
        heading = (
            IncidentHeading(
                _incident_anchor(index), incident_heading(incident), incident_member_text(incident)
            )
            if incident is not None
            else None
        )
        blocks.append(Block(tuple(rows), _line_items(group, groups[index - 1] if index else None), heading))
    return blocks


def _shown_section(disclosure: Disclosure, fact_numbers: dict[int, int]) -> ShownSection | None:
    """Item 1C / 16K as filed, each paragraph marked and linked to the facts whose tags hold it."""
    section = disclosure.section
    if section is None:
        return None
    paragraphs = tuple(
        ShownParagraph(
            anchor=f"paragraph-{index}",
            text=paragraph.text,
            state=paragraph_state(paragraph),
            place=paragraph_place(paragraph, section),
            links=tuple(
                (_fact_anchor(fact_numbers[id(fact)]), fact.concept.label)
                for fact in disclosure.facts_covering(paragraph)
            ),
            suggestion=reads_like(disclosure.suggestions_for(index))
            if paragraph_state(paragraph) is ParagraphState.UNTAGGED
            else "",
        )
        for index, paragraph in enumerate(section.paragraphs)
    )
    reference = section.by_reference
    return ShownSection(
        anchor=SECTION_ANCHOR,
        title=section_title(section),
        summary=section_summary(section),
        heading=section.heading,
        reference=reference.text if reference else None,
        where=where_incorporated(reference) if reference else None,
        paragraphs=paragraphs,
        suggestions=SUGGESTIONS_EXPLAINED if any(p.suggestion for p in paragraphs) else None,
    )


def render(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    filing = disclosure.filing
    heading_period = disclosure.reporting_period
    fact_numbers = {id(fact): number for number, fact in enumerate(disclosure.facts)}
    groups = layout(disclosure)
    absent_anchors = _absent_anchors(groups)
    changes = shown_changes(comparison_with_prior(disclosure))
    numbered = _numbered_findings(findings, groups, fact_numbers, absent_anchors, disclosure.section, changes)
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
        blocks=_blocks(groups, numbered, fact_numbers, absent_anchors, heading_period),
        section=_shown_section(disclosure, fact_numbers),
        changes=changes,
        by_reference=INCORPORATED_BY_REFERENCE,
    )
    return page.encode("utf-8")
