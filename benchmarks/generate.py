"""Deterministic synthetic Inline XBRL filings for the scaling benchmark (and the tests).

Two kinds of filing, each written as `filing.htm` beside a generated company extension schema:

- an annual report (10-K) with the 16 annual cyd facts (Item 1C), the usual dei cover facts and
  as many non-cyd monetary facts as it takes to reach a given total; its text blocks can be made
  as large as asked (1 MB each for the large-text case);
- an incident report (8-K Item 1.05) whose five incident text blocks are tagged once per
  incident, each incident on its own context with an explicit member of `ex:IncidentAxis`.

The filings reference the SEC's cyd and dei schemas by their real URLs (found offline in
sample_filings/taxonomy-cache, passed to Arelle with --cacheDirectory) and their extension schema
by a relative path, so every fact has a schema and lands in Arelle's fact index. Everything is
drawn from one seeded random generator and written with fixed line endings: the same arguments
give the same bytes on every run and machine.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Final, Literal

from cyber_plugin.core.catalogue import ANNUAL_CONCEPTS, INCIDENT_CONCEPTS, MATERIALLY_AFFECTED_FLAG

SEED: Final = 106  # Regulation S-K Item 106, which Item 1C answers
FILING_NAME: Final = "filing.htm"
EXTENSION_SCHEMA: Final = "ex-20241231.xsd"
EXTENSION_NAMESPACE: Final = "http://www.example.com/cyber-benchmark/20241231"
CYD_NAMESPACE: Final = "http://xbrl.sec.gov/cyd/2024"
DEI_NAMESPACE: Final = "http://xbrl.sec.gov/dei/2024"
CYD_SCHEMA_URL: Final = "https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd"
DEI_SCHEMA_URL: Final = "https://xbrl.sec.gov/dei/2024/dei-2024.xsd"
CIK: Final = "0001999990"
REGISTRANT: Final = "Benchmark Synthetic Holdings, Inc."
# Non-cyd fact i is Amount{i % 200} on instant context i // 200: every fact is unique.
FILLER_CONCEPTS: Final = 200
DEFAULT_TEXT_BLOCK_BYTES: Final = 1_500
DEFAULT_INCIDENT_TEXT_BYTES: Final = 600

FISCAL_YEAR_START: Final = date(2024, 1, 1)
FISCAL_YEAR_END: Final = date(2024, 12, 31)
INCIDENT_REPORT_DATE: Final = date(2025, 3, 10)
FIRST_FILLER_INSTANT: Final = date(2020, 1, 1)

# The 16 annual elements in the SEC's presentation order, from the plugin's catalogue:
# (presentation number, local name, flag value or None for a text block). The flags agree with
# the texts below (every one true but materially-affected), so the checks find nothing.
ANNUAL_ELEMENTS: Final[tuple[tuple[int, str, bool | None], ...]] = tuple(
    (c.order, c.local_name, (c.local_name != MATERIALLY_AFFECTED_FLAG) if c.is_flag else None)
    for c in ANNUAL_CONCEPTS
)

# The sentence each text block opens with, saying what its element asks.
ANNUAL_LEADS: Final[dict[int, str]] = {
    1: "We maintain a cybersecurity risk management program designed to assess, identify and manage "
    "material risks from cybersecurity threats to our information systems and data.",
    3: "Our cybersecurity risk management processes are integrated into our overall enterprise risk "
    "management program.",
    7: "As of the date of this report, risks from cybersecurity threats, including as a result of any "
    "previous cybersecurity incidents, have not materially affected the Company.",
    8: "Our Board of Directors oversees the management of risks from cybersecurity threats as part of "
    "its oversight of enterprise risk.",
    9: "The Audit and Risk Committee of the Board oversees cybersecurity risk on behalf of the Board.",
    10: "The Chief Information Security Officer reports to the Audit and Risk Committee each quarter "
    "on cybersecurity risks, incidents and the progress of the program.",
    11: "Management is responsible for assessing and managing our material risks from cybersecurity threats.",
    13: "Our Chief Information Security Officer leads the cybersecurity team and is responsible for "
    "the program.",
    14: "Our Chief Information Security Officer has more than twenty years of experience in "
    "information security and holds recognized industry certifications.",
    15: "The security operations team informs the Chief Information Security Officer of incidents "
    "through a documented escalation process.",
}

# Incident (Item 1.05) elements, from the catalogue, with each one's opening sentence for
# incident {n}: (id suffix, local name, sentence).
_INCIDENT_LEADS: Final = (
    ("nature", "Incident {n}: an unauthorized party gained access to part of our network and "
     "encrypted servers."),
    ("scope", "Incident {n} affected systems that support order processing and customer billing "
     "in two regions."),
    ("timing", "Incident {n} was detected within hours of the first unauthorized access and "
     "contained within days."),
    ("impact", "Incident {n} has disrupted operations and is reasonably likely to affect results "
     "for the quarter."),
    ("unknown", "The full scope of incident {n} and its costs have not yet been determined."),
)  # fmt: skip
INCIDENT_ELEMENTS: Final[tuple[tuple[str, str, str], ...]] = tuple(
    (suffix, concept.local_name, lead)
    for (suffix, lead), concept in zip(_INCIDENT_LEADS, INCIDENT_CONCEPTS, strict=True)
)

# Neutral sentences that pad text blocks to their size; none affirms or denies a flag.
FILLER_SENTENCES: Final = (
    "The program is based on recognized industry frameworks and is reviewed every year.",
    "We assess cybersecurity risks through vulnerability scanning, penetration tests and tabletop exercises.",
    "Employees complete security awareness training when they join and every year thereafter.",
    "Access to sensitive systems requires multi-factor authentication and is reviewed each quarter.",
    "We monitor our networks and endpoints for unusual activity around the clock.",
    "Our incident response plan sets out roles, escalation paths and communication steps.",
    "We back up critical data regularly and test the recovery of key systems.",
    "Security requirements are part of the design and change processes for our applications.",
    "We classify data by sensitivity and apply controls that fit each class.",
    "Findings from assessments are tracked until they are remediated and reported to management.",
    "The program adapts as threats, technologies and regulations change.",
    "We share threat intelligence with industry groups and government agencies where appropriate.",
    "Suppliers with access to our systems agree to security terms in their contracts.",
    "Metrics on the program’s performance are reviewed by management every month.",
    "The cybersecurity budget is set each year as part of the Company’s planning cycle.",
    "We test our detection capabilities with simulated attacks several times a year.",
    "Policies and standards are published internally and reviewed by their owners every year.",
    "Logs from critical systems are retained and analysed by the security operations center.",
)  # fmt: skip
LIST_ITEMS: Final = (
    "asset inventory and configuration management;",
    "identity and access management;",
    "network segmentation and monitoring;",
    "endpoint detection and response;",
    "encryption of data in transit and at rest;",
    "vulnerability management and patching;",
    "security awareness training;",
    "incident response and recovery planning.",
)
TABLE_ROWS: Final = (
    ("Penetration test", "External firm", "Annually"),
    ("Vulnerability scan", "Internal team", "Weekly"),
    ("Tabletop exercise", "Management and external advisers", "Twice a year"),
    ("Maturity assessment", "External consultant", "Every two years"),
    ("Phishing simulation", "Internal team", "Monthly"),
)


@dataclass(frozen=True)
class CaseSpec:
    """One benchmark filing: an annual report with `size` total facts, or an incident report
    with `size` incidents; `text_block_bytes` is each text block's approximate size."""

    name: str
    kind: Literal["annual", "incident"]
    size: int
    text_block_bytes: int


@dataclass(frozen=True)
class GeneratedFiling:
    """A written filing and what it holds, for the benchmark's tables and the tests' checks."""

    name: str
    path: Path
    form: str
    total_facts: int
    cyd_facts: tuple[tuple[str, str], ...]  # (fact id, cyd local name), in document order
    incidents: int
    text_block_bytes: int
    size_bytes: int  # of the inline document

    @property
    def cyd_fact_count(self) -> int:
        return len(self.cyd_facts)


# The standard set the benchmark measures: flat in non-cyd facts, linear in cyd facts, big texts.
STANDARD_CASES: Final = (
    CaseSpec("annual-1k", "annual", 1_000, DEFAULT_TEXT_BLOCK_BYTES),
    CaseSpec("annual-10k", "annual", 10_000, DEFAULT_TEXT_BLOCK_BYTES),
    CaseSpec("annual-100k", "annual", 100_000, DEFAULT_TEXT_BLOCK_BYTES),
    CaseSpec("8k-1-incident", "incident", 1, DEFAULT_INCIDENT_TEXT_BYTES),
    CaseSpec("8k-10-incidents", "incident", 10, DEFAULT_INCIDENT_TEXT_BYTES),
    CaseSpec("8k-100-incidents", "incident", 100, DEFAULT_INCIDENT_TEXT_BYTES),
    CaseSpec("8k-500-incidents", "incident", 500, DEFAULT_INCIDENT_TEXT_BYTES),
    CaseSpec("annual-1mb-text-blocks", "annual", 1_000, 1_000_000),
)


def write_case(folder: Path, spec: CaseSpec, seed: int = SEED) -> GeneratedFiling:
    """Write one standard case into `folder`/`spec.name`."""
    target = folder / spec.name
    if spec.kind == "annual":
        return write_annual_report(target, spec.size, text_block_bytes=spec.text_block_bytes, seed=seed)
    if spec.kind == "incident":
        return write_incident_report(target, spec.size, text_block_bytes=spec.text_block_bytes, seed=seed)
    raise ValueError(f"unknown case kind {spec.kind!r}")


# --- annual report ------------------------------------------------------------------------------

_ANNUAL_DEI: Final[tuple[tuple[str, str, str | None], ...]] = (
    # (local name, displayed value, inline format); the first five are hidden, as in real filings
    ("EntityCentralIndexKey", CIK, None),
    ("AmendmentFlag", "false", "ixt:fixed-false"),
    ("DocumentAnnualReport", "true", "ixt:fixed-true"),
    ("DocumentTransitionReport", "false", "ixt:fixed-false"),
    ("CurrentFiscalYearEndDate", "--12-31", None),
    ("DocumentType", "10-K", None),
    ("DocumentPeriodEndDate", "December 31, 2024", "ixt:date-monthname-day-year-en"),
    ("DocumentFiscalYearFocus", "2024", None),
    ("DocumentFiscalPeriodFocus", "FY", None),
    ("EntityRegistrantName", REGISTRANT, None),
    ("EntityFileNumber", "001-99990", None),
    ("EntityIncorporationStateCountryCode", "DE", None),
    ("TradingSymbol", "BSYN", None),
    ("SecurityExchangeName", "NASDAQ", None),
)
_HIDDEN_DEI_COUNT: Final = 5
ANNUAL_NON_FILLER_FACTS: Final = len(_ANNUAL_DEI) + len(ANNUAL_ELEMENTS)


def write_annual_report(
    folder: Path, total_facts: int, *, text_block_bytes: int = DEFAULT_TEXT_BLOCK_BYTES, seed: int = SEED
) -> GeneratedFiling:
    """A 10-K with the 16 annual cyd facts and `total_facts` facts in all."""
    filler = total_facts - ANNUAL_NON_FILLER_FACTS
    if filler < 0:
        raise ValueError(f"an annual report has at least {ANNUAL_NON_FILLER_FACTS} facts")
    rng = random.Random(seed)
    context = "c-fy2024"
    contexts = [_duration_context(context, FISCAL_YEAR_START, FISCAL_YEAR_END)]
    instant_count = -(-filler // FILLER_CONCEPTS)
    contexts += [_instant_context(_instant_id(i), _filler_instant(i)) for i in range(instant_count)]

    body = [_cover("ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)", _ANNUAL_DEI[_HIDDEN_DEI_COUNT:], context)]
    body.append("<h2>Item 1C. Cybersecurity</h2>")
    cyd_facts: list[tuple[str, str]] = []
    for number, local_name, flag in ANNUAL_ELEMENTS:
        fact_id = f"cyd-{number:02d}"
        cyd_facts.append((fact_id, local_name))
        if flag is None:
            markup = _text_block_markup(rng, ANNUAL_LEADS[number], text_block_bytes)
            body.append(_text_block(fact_id, local_name, context, markup))
        else:
            body.append(_flag(fact_id, local_name, context, flag))
    body.append("<h2>Item 8. Financial Statements</h2>")
    body.extend(_filler_tables(rng, filler))

    _write(
        folder / FILING_NAME,
        _document(
            title=f"{REGISTRANT} – Annual Report on Form 10-K for 2024",
            hidden=[
                _dei_fact(name, value, fmt, context) for name, value, fmt in _ANNUAL_DEI[:_HIDDEN_DEI_COUNT]
            ],
            contexts=contexts,
            with_unit=filler > 0,
            body=body,
        ),
    )
    _write(folder / EXTENSION_SCHEMA, _extension_schema(min(filler, FILLER_CONCEPTS), incidents=0))
    return GeneratedFiling(
        name=folder.name,
        path=folder / FILING_NAME,
        form="10-K",
        total_facts=total_facts,
        cyd_facts=tuple(cyd_facts),
        incidents=0,
        text_block_bytes=text_block_bytes,
        size_bytes=(folder / FILING_NAME).stat().st_size,
    )


def _filler_instant(index: int) -> date:
    return FIRST_FILLER_INSTANT + timedelta(days=index)


def _instant_id(index: int) -> str:
    return f"c-i{index:04d}"


def _filler_tables(rng: random.Random, filler: int) -> Iterable[str]:
    """The non-cyd facts: one table per instant, one row per concept."""
    for start in range(0, filler, FILLER_CONCEPTS):
        instant = start // FILLER_CONCEPTS
        rows = [
            f"<table><tr><th>As of {_filler_instant(instant).isoformat()}</th><th>USD thousands</th></tr>"
        ]
        for index in range(start, min(start + FILLER_CONCEPTS, filler)):
            concept = index % FILLER_CONCEPTS
            amount = f"{rng.randrange(1, 10_000_000):,}"
            rows.append(
                f'<tr><td>Amount {concept:03d}</td><td><ix:nonFraction name="ex:{_amount_name(concept)}" '
                f'contextRef="{_instant_id(instant)}" unitRef="usd" decimals="-3" scale="3" '
                f'format="ixt:num-dot-decimal">{amount}</ix:nonFraction></td></tr>'
            )
        rows.append("</table>")
        yield "\n".join(rows)


def _amount_name(concept: int) -> str:
    return f"Amount{concept:03d}"


# --- incident report ----------------------------------------------------------------------------

_INCIDENT_DEI: Final[tuple[tuple[str, str, str | None], ...]] = (
    ("EntityCentralIndexKey", CIK, None),
    ("AmendmentFlag", "false", "ixt:fixed-false"),
    ("EntityEmergingGrowthCompany", "false", "ixt:fixed-false"),
    ("DocumentType", "8-K", None),
    ("DocumentPeriodEndDate", "March 10, 2025", "ixt:date-monthname-day-year-en"),
    ("EntityRegistrantName", REGISTRANT, None),
    ("EntityFileNumber", "001-99990", None),
    ("EntityIncorporationStateCountryCode", "DE", None),
)
_HIDDEN_INCIDENT_DEI_COUNT: Final = 3


def write_incident_report(
    folder: Path, incidents: int, *, text_block_bytes: int = DEFAULT_INCIDENT_TEXT_BYTES, seed: int = SEED
) -> GeneratedFiling:
    """An 8-K reporting `incidents` incidents, each on its own IncidentAxis member."""
    if incidents < 1:
        raise ValueError("an incident report reports at least one incident")
    rng = random.Random(seed)
    context = "c-20250310"
    contexts = [_duration_context(context, INCIDENT_REPORT_DATE, INCIDENT_REPORT_DATE)]
    contexts += [
        _duration_context(
            _incident_context(n), INCIDENT_REPORT_DATE, INCIDENT_REPORT_DATE, member=_member_name(n)
        )
        for n in range(1, incidents + 1)
    ]
    body = [
        _cover(
            "CURRENT REPORT PURSUANT TO SECTION 13 OR 15(d)",
            _INCIDENT_DEI[_HIDDEN_INCIDENT_DEI_COUNT:],
            context,
        )
    ]
    body.append("<h2>Item 1.05 Material Cybersecurity Incidents</h2>")
    cyd_facts: list[tuple[str, str]] = []
    for n in range(1, incidents + 1):
        body.append(f"<h3>Incident {n:03d}</h3>")
        for suffix, local_name, lead in INCIDENT_ELEMENTS:
            fact_id = f"cyd-i{n:03d}-{suffix}"
            cyd_facts.append((fact_id, local_name))
            markup = _text_block_markup(rng, lead.format(n=f"{n:03d}"), text_block_bytes)
            body.append(_text_block(fact_id, local_name, _incident_context(n), markup))

    _write(
        folder / FILING_NAME,
        _document(
            title=f"{REGISTRANT} – Current Report on Form 8-K dated March 10, 2025",
            hidden=[
                _dei_fact(name, value, fmt, context)
                for name, value, fmt in _INCIDENT_DEI[:_HIDDEN_INCIDENT_DEI_COUNT]
            ],
            contexts=contexts,
            with_unit=False,
            body=body,
        ),
    )
    _write(folder / EXTENSION_SCHEMA, _extension_schema(0, incidents=incidents))
    return GeneratedFiling(
        name=folder.name,
        path=folder / FILING_NAME,
        form="8-K",
        total_facts=len(_INCIDENT_DEI) + len(cyd_facts),
        cyd_facts=tuple(cyd_facts),
        incidents=incidents,
        text_block_bytes=text_block_bytes,
        size_bytes=(folder / FILING_NAME).stat().st_size,
    )


def _incident_context(n: int) -> str:
    return f"c-incident-{n:03d}"


def _member_name(n: int) -> str:
    return f"Incident{n:03d}Member"


# --- markup -------------------------------------------------------------------------------------


def _text_block_markup(rng: random.Random, lead: str, target_bytes: int) -> str:
    """Paragraphs, a list now and then and a table now and then, until about `target_bytes`."""
    pieces = [f"<p>{escape(lead, quote=False)}</p>"]
    size = len(pieces[0].encode("utf-8"))
    while size < target_bytes:
        roll = rng.random()
        if roll < 0.75:
            sentences = rng.sample(FILLER_SENTENCES, rng.randint(2, 5))
            piece = "<p>" + " ".join(escape(s, quote=False) for s in sentences) + "</p>"
        elif roll < 0.9:
            items = rng.sample(LIST_ITEMS, rng.randint(3, 6))
            piece = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        else:
            rows = rng.sample(TABLE_ROWS, rng.randint(2, 4))
            cells = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
            piece = f"<table><tr><th>Activity</th><th>Provider</th><th>Frequency</th></tr>{cells}</table>"
        pieces.append(piece)
        size += len(piece.encode("utf-8"))
    return "\n".join(pieces)


def _text_block(fact_id: str, local_name: str, context: str, markup: str) -> str:
    return (
        f'<ix:nonNumeric id="{fact_id}" name="cyd:{local_name}" contextRef="{context}" escape="true">\n'
        f"{markup}\n</ix:nonNumeric>"
    )


def _flag(fact_id: str, local_name: str, context: str, value: bool) -> str:
    word = "true" if value else "false"
    return (
        f'<p>{local_name}: <ix:nonNumeric id="{fact_id}" name="cyd:{local_name}" contextRef="{context}" '
        f'format="ixt:fixed-{word}">{"Yes" if value else "No"}</ix:nonNumeric></p>'
    )


def _dei_fact(local_name: str, value: str, inline_format: str | None, context: str) -> str:
    format_attribute = f' format="{inline_format}"' if inline_format else ""
    return (
        f'<ix:nonNumeric id="dei-{local_name}" name="dei:{local_name}" contextRef="{context}"'
        f"{format_attribute}>{escape(value, quote=False)}</ix:nonNumeric>"
    )


def _cover(heading: str, visible_dei: Iterable[tuple[str, str, str | None]], context: str) -> str:
    rows = "\n".join(
        f"<tr><td>{name}</td><td>{_dei_fact(name, value, fmt, context)}</td></tr>"
        for name, value, fmt in visible_dei
    )
    title = "<h1>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</h1>"
    return f"{title}\n<p>{heading}</p>\n<table>\n{rows}\n</table>"


def _duration_context(context_id: str, start: date, end: date, member: str | None = None) -> str:
    segment = (
        f'<xbrli:segment><xbrldi:explicitMember dimension="ex:IncidentAxis">ex:{member}'
        "</xbrldi:explicitMember></xbrli:segment>"
        if member
        else ""
    )
    return (
        f'<xbrli:context id="{context_id}"><xbrli:entity>'
        f'<xbrli:identifier scheme="http://www.sec.gov/CIK">{CIK}</xbrli:identifier>{segment}'
        f"</xbrli:entity><xbrli:period><xbrli:startDate>{start.isoformat()}</xbrli:startDate>"
        f"<xbrli:endDate>{end.isoformat()}</xbrli:endDate></xbrli:period></xbrli:context>"
    )


def _instant_context(context_id: str, instant: date) -> str:
    return (
        f'<xbrli:context id="{context_id}"><xbrli:entity>'
        f'<xbrli:identifier scheme="http://www.sec.gov/CIK">{CIK}</xbrli:identifier></xbrli:entity>'
        f"<xbrli:period><xbrli:instant>{instant.isoformat()}</xbrli:instant></xbrli:period>"
        "</xbrli:context>"
    )


def _document(title: str, hidden: list[str], contexts: list[str], with_unit: bool, body: list[str]) -> str:
    unit = (
        '<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>\n' if with_unit else ""
    )
    hidden_facts = "\n".join(hidden)
    context_lines = "\n".join(contexts)
    body_text = "\n".join(body)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by benchmarks/generate.py for cyber_plugin's benchmark. The company is fictional. -->
<html xmlns="http://www.w3.org/1999/xhtml"
      xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
      xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
      xmlns:xbrli="http://www.xbrl.org/2003/instance"
      xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
      xmlns:link="http://www.xbrl.org/2003/linkbase"
      xmlns:xlink="http://www.w3.org/1999/xlink"
      xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
      xmlns:dei="{DEI_NAMESPACE}"
      xmlns:cyd="{CYD_NAMESPACE}"
      xmlns:ex="{EXTENSION_NAMESPACE}"
      xml:lang="en-US">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<title>{escape(title, quote=False)}</title>
</head>
<body>
<div style="display:none">
<ix:header>
<ix:hidden>
{hidden_facts}
</ix:hidden>
<ix:references>
<link:schemaRef xlink:type="simple" xlink:href="{CYD_SCHEMA_URL}"/>
<link:schemaRef xlink:type="simple" xlink:href="{DEI_SCHEMA_URL}"/>
<link:schemaRef xlink:type="simple" xlink:href="{EXTENSION_SCHEMA}"/>
</ix:references>
<ix:resources>
{context_lines}
{unit}</ix:resources>
</ix:header>
</div>
{body_text}
</body>
</html>
"""


def _extension_schema(amount_concepts: int, incidents: int) -> str:
    """The company schema: the non-cyd amounts, and the incident axis with one member each."""
    elements = [
        f'  <xs:element id="ex_{_amount_name(i)}" name="{_amount_name(i)}" type="xbrli:monetaryItemType" '
        'substitutionGroup="xbrli:item" xbrli:periodType="instant" xbrli:balance="debit" nillable="true"/>'
        for i in range(amount_concepts)
    ]
    if incidents:
        elements.append(
            '  <xs:element id="ex_IncidentAxis" name="IncidentAxis" type="xbrli:stringItemType" '
            'substitutionGroup="xbrldt:dimensionItem" abstract="true" xbrli:periodType="duration" '
            'nillable="true"/>'
        )
        elements += [
            f'  <xs:element id="ex_{_member_name(n)}" name="{_member_name(n)}" type="xbrli:stringItemType" '
            'substitutionGroup="xbrli:item" abstract="true" xbrli:periodType="duration" nillable="true"/>'
            for n in range(1, incidents + 1)
        ]
    element_lines = "\n".join(elements)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by benchmarks/generate.py: the fictional company's extension schema. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xbrli="http://www.xbrl.org/2003/instance"
           xmlns:xbrldt="http://xbrl.org/2005/xbrldt"
           xmlns:ex="{EXTENSION_NAMESPACE}"
           targetNamespace="{EXTENSION_NAMESPACE}"
           elementFormDefault="qualified"
           attributeFormDefault="unqualified">
  <xs:import namespace="http://www.xbrl.org/2003/instance"
             schemaLocation="http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"/>
  <xs:import namespace="http://xbrl.org/2005/xbrldt"
             schemaLocation="http://www.xbrl.org/2005/xbrldt-2005.xsd"/>
{element_lines}
</xs:schema>
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the benchmark's synthetic filings.")
    parser.add_argument("folder", type=Path, help="where to write one sub-folder per case")
    parser.add_argument("--seed", type=int, default=SEED)
    arguments = parser.parse_args(argv)
    for spec in STANDARD_CASES:
        filing = write_case(arguments.folder, spec, seed=arguments.seed)
        print(
            f"{filing.path}: {filing.total_facts} facts, {filing.cyd_fact_count} cyd, "
            f"{filing.size_bytes / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
