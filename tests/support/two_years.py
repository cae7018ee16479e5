"""Two years of annual reports of many companies, as real inline filings: the SEC's cyd facts of
companies that filed two annual reports (../shared/population), each report written as an inline
10-K or 20-F of its own with its dei facts, one fiscal-year context and every cyd fact tagged as the
data set gives it (flags as true / false, text blocks as their text), under its accession number
(`0001213900-24-091726.htm`), as cyber-extract reads a filing's accession number from its name.

Only companies whose two reports the data set gives plainly are taken (every fact without
dimensions, each element once, flags true or false), so that what the SEC's data says is exactly
what the inline filings say. The choice is fixed (by CIK), and holds companies whose
materially-affected flag turned true, companies that dropped an element, and others.
"""

from __future__ import annotations

from datetime import timedelta
from html import escape
from pathlib import Path
from typing import Final

from benchmarks.population_records import SecFiling, compact_date, unquoted

MATERIALLY_AFFECTED: Final = (
    "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag"
)
_BOOLEANS: Final = ("true", "false")
_ANNUAL_FORMS: Final = ("10-K", "20-F", "10-KT", "20-FT", "40-F")


def is_plain(filing: SecFiling) -> bool:
    """Every fact without dimensions, each element once, each flag true or false, a fiscal year."""
    tags = [fact["tag"] for fact in filing.facts]
    return (
        bool(filing.facts)
        and bool(filing.header["fy"])
        and len(tags) == len(set(tags))
        and all(fact["dimh"] == "0x00000000" for fact in filing.facts)
        and all(unquoted(f["value"]) in _BOOLEANS for f in filing.facts if f["tag"].endswith("Flag"))
    )


def _flag(filing: SecFiling, tag: str) -> str | None:
    return next((unquoted(f["value"]) for f in filing.facts if f["tag"] == tag), None)


def two_year_companies(
    filings: list[SecFiling], turned_true: int = 4, dropping: int = 4, others: int = 8
) -> list[tuple[SecFiling, SecFiling]]:
    """Companies with exactly two annual reports in the data set, both plain, earlier one first:
    the first (by CIK) `turned_true` whose materially-affected flag went from false to true, the
    first `dropping` that dropped an element, and the first `others` of the rest."""
    by_cik: dict[str, list[SecFiling]] = {}
    for filing in filings:
        if filing.header["form"] in _ANNUAL_FORMS:
            by_cik.setdefault(filing.header["cik"], []).append(filing)
    chosen: dict[str, list[tuple[SecFiling, SecFiling]]] = {"true": [], "dropped": [], "other": []}
    for cik in sorted(by_cik, key=int):
        reports = sorted(by_cik[cik], key=lambda f: f.header["period"])
        if len(reports) != 2 or reports[0].header["period"] == reports[1].header["period"]:
            continue
        if not all(map(is_plain, reports)):
            continue
        prior, report = reports
        if (_flag(prior, MATERIALLY_AFFECTED), _flag(report, MATERIALLY_AFFECTED)) == ("false", "true"):
            kind = "true"
        elif {f["tag"] for f in prior.facts} - {f["tag"] for f in report.facts}:
            kind = "dropped"
        else:
            kind = "other"
        chosen[kind].append((prior, report))
    return chosen["true"][:turned_true] + chosen["dropped"][:dropping] + chosen["other"][:others]


def inline_document(filing: SecFiling) -> str:
    """The filing as an inline XBRL document."""
    header = filing.header
    end = compact_date(header["period"])
    assert end is not None, header
    start = end.replace(year=end.year - 1) + timedelta(days=1)
    cik = header["cik"].zfill(10)
    versions = sorted({fact["version"] for fact in filing.facts})
    prefixes = {version: f"cyd{index}" for index, version in enumerate(versions)}
    namespaces = "".join(f' xmlns:{p}="http://xbrl.sec.gov/{v}"' for v, p in prefixes.items())
    dei = (
        ("DocumentType", header["form"]),
        ("AmendmentFlag", "false"),
        ("DocumentPeriodEndDate", end.isoformat()),
        ("DocumentFiscalYearFocus", header["fy"]),
        ("DocumentFiscalPeriodFocus", header["fp"] or "FY"),
        ("EntityRegistrantName", header["name"]),
        ("EntityCentralIndexKey", cik),
    )
    hidden = "".join(
        f'<ix:nonNumeric name="dei:{name}" contextRef="c-1" id="dei-{n}">{escape(value)}</ix:nonNumeric>'
        for n, (name, value) in enumerate(dei)
    )
    context = (
        '<xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">'
        f"{cik}</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>{start.isoformat()}"
        f"</xbrli:startDate><xbrli:endDate>{end.isoformat()}</xbrli:endDate></xbrli:period></xbrli:context>"
    )
    body = []
    for n, fact in enumerate(filing.facts):
        value = unquoted(fact["value"])
        name = f"{prefixes[fact['version']]}:{fact['tag']}"
        if fact["tag"].endswith("Flag"):
            body.append(
                f'<p>{fact["tag"]}: <ix:nonNumeric name="{name}" contextRef="c-1" id="f-{n}">'
                f"{value}</ix:nonNumeric></p>"
            )
        else:
            body.append(
                f'<div><ix:nonNumeric name="{name}" contextRef="c-1" id="f-{n}" escape="true">'
                f"<p>{escape(value)}</p></ix:nonNumeric></div>"
            )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
        'xmlns:dei="http://xbrl.sec.gov/dei/2024" xmlns:xbrli="http://www.xbrl.org/2003/instance" '
        'xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f"{namespaces}><head><title>{escape(header['name'])}</title></head><body>"
        '<div style="display:none"><ix:header><ix:hidden>'
        f"{hidden}</ix:hidden><ix:references>"
        '<link:schemaRef xlink:type="simple" xlink:href="https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd"/>'
        f"</ix:references><ix:resources>{context}</ix:resources></ix:header></div>"
        f"<p>Item {'16K' if header['form'].startswith('20-F') else '1C'}. Cybersecurity</p>"
        f"{''.join(body)}</body></html>"
    )


def write_two_years(pairs: list[tuple[SecFiling, SecFiling]], folder: Path) -> list[Path]:
    """Each report of the pairs as `folder/<accession>.htm`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for filing in (filing for pair in pairs for filing in pair):
        path = folder / f"{filing.accession}.htm"
        path.write_text(inline_document(filing), encoding="utf-8")
        written.append(path)
    return written
