"""A self-contained HTML review report: one file, inline CSS, no script, nothing fetched.

Text-block markup comes from the filing, so it passes through the nh3 (Ammonia) sanitiser with
an allow-list of structure and basic formatting: no script, event handlers, links, forms,
frames, objects or images survive, and of inline styles only typographic properties, so the
report can load nothing and run nothing. A Content-Security-Policy that forbids every load and
script backs the sanitiser up.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from html import escape
from importlib import resources
from typing import Final

import nh3

from ..core.catalogue import REQUIRED_ANNUAL_CONCEPTS, Concept, FormFamily
from ..core.disclosure import CydFact, Disclosure, Period
from ..core.findings import Finding, Severity
from ..core.textblock import SKIPPED_ELEMENTS

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
CONTENT_SECURITY_POLICY: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"
)
SECTION_TITLE: Final = "Cybersecurity Risk Management and Strategy Disclosure"
LINE_ITEMS: Final = "Cybersecurity Risk Management, Strategy, and Governance [Line Items]"
INCIDENT_TITLE: Final = "Material Cybersecurity Incident Disclosure"
SEVERITY_HEADINGS: Final = {
    Severity.ERROR: "Errors",
    Severity.WARNING: "Warnings",
    Severity.INFO: "Information",
}
NO_FINDINGS: Final = "No findings: the tagged facts agree with each other and with the filing."
_MONTHS: Final = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip

STYLE: Final = (resources.files(__package__) / "report.css").read_text(encoding="utf-8")


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


def sec_date(day: date) -> str:
    """The SEC viewer's date style: 'Dec. 31, 2024'."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def period_heading(period: Period | None, period_end: date | None) -> str:
    """The value column's heading, e.g. '12 Months Ended Dec. 31, 2024'."""
    end = period_end or (period.end or period.instant if period else None)
    if end is None:
        return "Value"
    days = period.days if period else None
    if days and days > 27:
        return f"{round(days / 30.44)} Months Ended {sec_date(end)}"
    return sec_date(end)


def _text(value: object) -> str:
    return escape(str(value), quote=True)


def _fact_anchor(index: int) -> str:
    return f"fact-{index}"


def _concept_anchor(concept: Concept) -> str:
    return f"concept-{concept.local_name}"


def _badges(codes: Iterable[tuple[str, Severity, int]]) -> str:
    return "".join(
        f'<a class="badge {severity.value}" href="#finding-{number}">{_text(code)}</a>'
        for code, severity, number in codes
    )


def _absent(note: str) -> str:
    return f'<span class="absent">{_text(note)}</span>'


def _value_cell(fact: CydFact) -> str:
    if fact.is_flag:
        if isinstance(fact.value, bool):
            return _text(str(fact.value).lower())
        return _absent("nil" if fact.nil else "not a boolean: " + fact.lexical.strip())
    if not fact.has_text:
        return _absent("nil" if fact.nil else "empty")
    return f'<div class="textblock">{sanitise(fact.html or "")}</div>'


def _rows_for(disclosure: Disclosure) -> list[tuple[Concept, list[CydFact]]]:
    """Every concept the report should show, in presentation order, with its facts (maybe none)."""
    return [
        (concept, list(disclosure.facts_for(concept.local_name))) for concept in disclosure.shown_concepts
    ]


def _report_rows(disclosure: Disclosure, findings: tuple[Finding, ...], heading_period: Period | None) -> str:
    fact_numbers = {id(fact): number for number, fact in enumerate(disclosure.facts)}
    badges: dict[int, list[tuple[str, Severity, int]]] = {}
    for number, finding in enumerate(findings):
        for fact in finding.facts:
            badges.setdefault(id(fact), []).append((finding.code, finding.severity, number))
    required = {c.local_name for c in REQUIRED_ANNUAL_CONCEPTS}
    rows: list[str] = []
    section_title = None
    for concept, facts in _rows_for(disclosure):
        if concept.family is FormFamily.INCIDENT and section_title != INCIDENT_TITLE:
            section_title = INCIDENT_TITLE
            rows.append(_line_items_row(f"{INCIDENT_TITLE} [Line Items]"))
        if not facts:
            optional = concept.known and concept.local_name not in required
            value = _absent("not tagged (optional)" if optional else "not tagged")
            rows.append(
                f'<tr id="{_concept_anchor(concept)}"><td class="label">{_text(concept.label)}</td>'
                f'<td class="value">{value}</td></tr>'
            )
            continue
        for fact in facts:
            number = fact_numbers[id(fact)]
            other_period = fact.period is not None and fact.period != heading_period
            meta = [f"id {fact.id}" if fact.id else "no id"]
            if other_period:
                meta.append(f"period {_describe(fact.period)}")
            if fact.dimensions:
                meta.append(", ".join(f"{d}={m}" for d, m in fact.dimensions))
            label = f"{_text(concept.label)}{_badges(badges.get(id(fact), []))}"
            rows.append(
                f'<tr id="{_fact_anchor(number)}"><td class="label">{label}<br>'
                f'<span class="meta">{_text("; ".join(meta))}</span></td>'
                f'<td class="value">{_value_cell(fact)}</td></tr>'
            )
    return "\n".join(rows)


def _line_items_row(title: str) -> str:
    return f'<tr class="items"><th colspan="2">{_text(title)}</th></tr>'


def _describe(period: Period | None) -> str:
    if period is None:
        return "none"
    if period.instant:
        return period.instant.isoformat()
    return f"{period.start} to {period.end}"


def _findings_section(findings: tuple[Finding, ...], disclosure: Disclosure) -> str:
    if not findings:
        return f"<h2>Findings</h2>\n<p>{NO_FINDINGS}</p>"
    fact_numbers = {id(fact): number for number, fact in enumerate(disclosure.facts)}
    parts = ["<h2>Findings</h2>"]
    for severity in Severity:
        numbered = [(n, f) for n, f in enumerate(findings) if f.severity is severity]
        if not numbered:
            continue
        heading = f"{SEVERITY_HEADINGS[severity]} ({len(numbered)})"
        parts.append(f'<section class="severity"><h3 class="{severity.value}">{heading}</h3>')
        for number, finding in numbered:
            links = [
                f'<a href="#{_fact_anchor(fact_numbers[id(f)])}">{_text(f.id or f.local_name)}</a>'
                for f in finding.facts
                if id(f) in fact_numbers
            ]
            links += [f'<a href="#concept-{_text(name)}">{_text(name)}</a>' for name in finding.concepts]
            where = f' <span class="meta">({", ".join(links)})</span>' if links else ""
            code = f'<span class="code {severity.value}">{_text(finding.code)}</span>'
            parts.append(
                f'<p class="finding" id="finding-{number}">{code} {_text(finding.message)}{where}</p>'
            )
        parts.append("</section>")
    return "\n".join(parts)


def render(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    filing = disclosure.filing
    heading_period = filing.period or next((f.period for f in disclosure.facts if f.period), None)
    entity = filing.registrant_name or "(entity not tagged)"
    years = ", ".join(ns.rsplit("/", 1)[-1] for ns in disclosure.cyd_namespaces) or "none"
    start = heading_period.start if heading_period else None
    end = filing.period_end
    period_text = f"{start} to {end}" if start and end else str(end or "?")
    title = f"Cybersecurity disclosure: {entity}, {filing.document_type or 'form not tagged'}"
    table_title = INCIDENT_TITLE if filing.is_incident_report else SECTION_TITLE
    line_items = "" if filing.is_incident_report else _line_items_row(LINE_ITEMS)
    form = (filing.document_type or "not tagged") + (" (amendment)" if filing.is_amendment else "")
    column_heading = period_heading(heading_period, filing.period_end)
    body = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_text(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{_text(title)}</h1>
<dl class="filing">
<dt>Entity</dt><dd>{_text(entity)}</dd>
<dt>CIK</dt><dd>{_text(filing.cik or "not tagged")}</dd>
<dt>Form</dt><dd>{_text(form)}</dd>
<dt>Period</dt><dd>{_text(period_text)}</dd>
<dt>cyd taxonomy</dt><dd>{_text(years)}</dd>
<dt>Source</dt><dd>{_text(disclosure.source)}</dd>
</dl>
</header>
<main>
{_findings_section(findings, disclosure)}
<h2>Disclosure</h2>
<table class="report">
<thead><tr><th>{_text(table_title)}</th><th>{_text(column_heading)}</th></tr></thead>
<tbody>
{line_items}
{_report_rows(disclosure, findings, heading_period)}
</tbody>
</table>
</main>
<footer>Written by cyber_plugin from the filing's tagged cyd facts. Text-block markup is shown
sanitised: formatting only, nothing that runs or loads.</footer>
</body>
</html>
"""
    return body.encode("utf-8")
