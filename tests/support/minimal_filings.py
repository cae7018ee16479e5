"""Minimal inline filings laid out as the large filers' 10-Ks and 8-Ks are (Workiva's way: the
whole document on one long line, a div per paragraph, running feet and heads around each
`page-break-after` rule), for the layouts no real filing in ../shared shows: Mastercard's running
heads, Alphabet's, Home Depot's and J&J's page furniture, Walmart's sub-headings, Nike's
continuations, Nucor's display:inline."""

from __future__ import annotations

from html import escape

PROCESSES = "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock"
BOARD = "CybersecurityRiskBoardOfDirectorsOversightTextBlock"
ROLE = "CybersecurityRiskRoleOfManagementTextBlock"
NATURE = "MaterialCybersecurityIncidentNatureTextBlock"
PAGE_BREAK = '<hr style="page-break-after:always"/>'


def inline_filing(body: str, company: str, form: str = "10-K") -> str:
    """An inline XBRL document: the dei facts a reader needs (form, registrant, period), one
    context, then `body`; all after the XML declaration on one line."""
    header = (
        '<div style="display:none"><ix:header><ix:hidden>'
        f'<ix:nonNumeric name="dei:DocumentType" contextRef="c-1" id="dei-1">{form}</ix:nonNumeric>'
        f'<ix:nonNumeric name="dei:EntityRegistrantName" contextRef="c-1" id="dei-2">{escape(company)}'
        "</ix:nonNumeric>"
        '<ix:nonNumeric name="dei:DocumentPeriodEndDate" contextRef="c-1" id="dei-3">2024-12-31'
        "</ix:nonNumeric>"
        '<ix:nonNumeric name="dei:EntityCentralIndexKey" contextRef="c-1" id="dei-4">0000000001'
        "</ix:nonNumeric>"
        '</ix:hidden><ix:references><link:schemaRef xlink:type="simple" '
        'xlink:href="https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd"/></ix:references><ix:resources>'
        '<xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001'
        "</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate>"
        "<xbrli:endDate>2024-12-31</xbrli:endDate></xbrli:period></xbrli:context></ix:resources>"
        "</ix:header></div>"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
        'xmlns:cyd="http://xbrl.sec.gov/cyd/2024" xmlns:dei="http://xbrl.sec.gov/dei/2024" '
        'xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink"><head><title>{escape(company)}</title></head><body>'
        f"{header}{body}</body></html>"
    )


def div(text: str, style: str = "") -> str:
    """A Workiva paragraph: a div holding a span."""
    styled = f' style="{style}"' if style else ""
    return f"<div><span{styled}>{text}</span></div>"


def tagged(concept: str, inner: str, fact_id: str, continued_at: str | None = None) -> str:
    link = f' continuedAt="{continued_at}"' if continued_at else ""
    return (
        f'<ix:nonNumeric name="cyd:{concept}" contextRef="c-1" id="{fact_id}" escape="true"{link}>'
        f"{inner}</ix:nonNumeric>"
    )


def continuation(inner: str, part_id: str, continued_at: str | None = None) -> str:
    link = f' continuedAt="{continued_at}"' if continued_at else ""
    return f'<ix:continuation id="{part_id}"{link}>{inner}</ix:continuation>'


def heading(text: str) -> str:
    return div(text, "font-weight:700")
