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
from pathlib import Path
from typing import Final, Literal

from cyber_plugin.core.catalogue import ANNUAL_CONCEPTS, INCIDENT_CONCEPTS, MATERIALLY_AFFECTED_FLAG

from .markup import (
    CIK,
    EXTENSION_SCHEMA,
    FILING_NAME,
    amount_name,
    cover,
    dei_fact,
    document,
    duration_context,
    extension_schema,
    flag_fact,
    instant_context,
    member_name,
    text_block,
    text_block_markup,
    write_text,
)

SEED: Final = 106  # Regulation S-K Item 106, which Item 1C answers
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
# the texts below (every one true but materially-affected), so the checks find nothing (but
# CYBER.textReadsLikeOther, info, on blocks whose generic filler reads like risk management).
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
    contexts = [duration_context(context, FISCAL_YEAR_START, FISCAL_YEAR_END)]
    instant_count = -(-filler // FILLER_CONCEPTS)
    contexts += [instant_context(_instant_id(i), _filler_instant(i)) for i in range(instant_count)]

    body = [cover("ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)", _ANNUAL_DEI[_HIDDEN_DEI_COUNT:], context)]
    body.append("<h2>Item 1C. Cybersecurity</h2>")
    cyd_facts: list[tuple[str, str]] = []
    for number, local_name, flag in ANNUAL_ELEMENTS:
        fact_id = f"cyd-{number:02d}"
        cyd_facts.append((fact_id, local_name))
        if flag is None:
            markup = text_block_markup(rng, ANNUAL_LEADS[number], text_block_bytes)
            body.append(text_block(fact_id, local_name, context, markup))
        else:
            body.append(flag_fact(fact_id, local_name, context, flag))
    body.append("<h2>Item 8. Financial Statements</h2>")
    body.extend(_filler_tables(rng, filler))

    write_text(
        folder / FILING_NAME,
        document(
            title=f"{REGISTRANT} – Annual Report on Form 10-K for 2024",
            hidden=[
                dei_fact(name, value, fmt, context) for name, value, fmt in _ANNUAL_DEI[:_HIDDEN_DEI_COUNT]
            ],
            contexts=contexts,
            with_unit=filler > 0,
            body=body,
        ),
    )
    write_text(folder / EXTENSION_SCHEMA, extension_schema(min(filler, FILLER_CONCEPTS), incidents=0))
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
                f'<tr><td>Amount {concept:03d}</td><td><ix:nonFraction name="ex:{amount_name(concept)}" '
                f'contextRef="{_instant_id(instant)}" unitRef="usd" decimals="-3" scale="3" '
                f'format="ixt:num-dot-decimal">{amount}</ix:nonFraction></td></tr>'
            )
        rows.append("</table>")
        yield "\n".join(rows)


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
    contexts = [duration_context(context, INCIDENT_REPORT_DATE, INCIDENT_REPORT_DATE)]
    contexts += [
        duration_context(
            _incident_context(n), INCIDENT_REPORT_DATE, INCIDENT_REPORT_DATE, member=member_name(n)
        )
        for n in range(1, incidents + 1)
    ]
    body = [
        cover(
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
            markup = text_block_markup(rng, lead.format(n=f"{n:03d}"), text_block_bytes)
            body.append(text_block(fact_id, local_name, _incident_context(n), markup))

    write_text(
        folder / FILING_NAME,
        document(
            title=f"{REGISTRANT} – Current Report on Form 8-K dated March 10, 2025",
            hidden=[
                dei_fact(name, value, fmt, context)
                for name, value, fmt in _INCIDENT_DEI[:_HIDDEN_INCIDENT_DEI_COUNT]
            ],
            contexts=contexts,
            with_unit=False,
            body=body,
        ),
    )
    write_text(folder / EXTENSION_SCHEMA, extension_schema(0, incidents=incidents))
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
