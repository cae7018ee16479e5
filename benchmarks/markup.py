"""The Inline XBRL pieces benchmarks/generate.py assembles its filings from: facts, contexts, the
document around them, the company's extension schema, and the sentences that fill text blocks."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date
from html import escape
from pathlib import Path
from typing import Final

FILING_NAME: Final = "filing.htm"
EXTENSION_SCHEMA: Final = "ex-20241231.xsd"
EXTENSION_NAMESPACE: Final = "http://www.example.com/cyber-benchmark/20241231"
CYD_NAMESPACE: Final = "http://xbrl.sec.gov/cyd/2024"
DEI_NAMESPACE: Final = "http://xbrl.sec.gov/dei/2024"
CYD_SCHEMA_URL: Final = "https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd"
DEI_SCHEMA_URL: Final = "https://xbrl.sec.gov/dei/2024/dei-2024.xsd"
CIK: Final = "0001999990"

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


def amount_name(concept: int) -> str:
    return f"Amount{concept:03d}"


def member_name(n: int) -> str:
    return f"Incident{n:03d}Member"


def text_block_markup(rng: random.Random, lead: str, target_bytes: int) -> str:
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


def text_block(fact_id: str, local_name: str, context: str, markup: str) -> str:
    return (
        f'<ix:nonNumeric id="{fact_id}" name="cyd:{local_name}" contextRef="{context}" escape="true">\n'
        f"{markup}\n</ix:nonNumeric>"
    )


def flag_fact(fact_id: str, local_name: str, context: str, value: bool) -> str:
    word = "true" if value else "false"
    return (
        f'<p>{local_name}: <ix:nonNumeric id="{fact_id}" name="cyd:{local_name}" contextRef="{context}" '
        f'format="ixt:fixed-{word}">{"Yes" if value else "No"}</ix:nonNumeric></p>'
    )


def dei_fact(local_name: str, value: str, inline_format: str | None, context: str) -> str:
    format_attribute = f' format="{inline_format}"' if inline_format else ""
    return (
        f'<ix:nonNumeric id="dei-{local_name}" name="dei:{local_name}" contextRef="{context}"'
        f"{format_attribute}>{escape(value, quote=False)}</ix:nonNumeric>"
    )


def cover(heading: str, visible_dei: Iterable[tuple[str, str, str | None]], context: str) -> str:
    rows = "\n".join(
        f"<tr><td>{name}</td><td>{dei_fact(name, value, fmt, context)}</td></tr>"
        for name, value, fmt in visible_dei
    )
    title = "<h1>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</h1>"
    return f"{title}\n<p>{heading}</p>\n<table>\n{rows}\n</table>"


def duration_context(context_id: str, start: date, end: date, member: str | None = None) -> str:
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


def instant_context(context_id: str, instant: date) -> str:
    return (
        f'<xbrli:context id="{context_id}"><xbrli:entity>'
        f'<xbrli:identifier scheme="http://www.sec.gov/CIK">{CIK}</xbrli:identifier></xbrli:entity>'
        f"<xbrli:period><xbrli:instant>{instant.isoformat()}</xbrli:instant></xbrli:period>"
        "</xbrli:context>"
    )


def document(title: str, hidden: list[str], contexts: list[str], with_unit: bool, body: list[str]) -> str:
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


def extension_schema(amount_concepts: int, incidents: int) -> str:
    """The company schema: the non-cyd amounts, and the incident axis with one member each."""
    elements = [
        f'  <xs:element id="ex_{amount_name(i)}" name="{amount_name(i)}" type="xbrli:monetaryItemType" '
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
            f'  <xs:element id="ex_{member_name(n)}" name="{member_name(n)}" type="xbrli:stringItemType" '
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


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
