"""A short human summary of one filing's disclosure, for the command line and the demo."""

from __future__ import annotations

from ..core.catalogue import ANNUAL_FLAGS
from ..core.disclosure import Disclosure
from ..core.findings import Finding
from ..core.words import (
    FlagForm,
    cik_text,
    counted,
    describe_counts,
    entity_text,
    flag_state,
    form_text,
    reporting_period_text,
    section_summary,
    taxonomy_years,
)


def summary_lines(disclosure: Disclosure, findings: tuple[Finding, ...]) -> list[str]:
    filing = disclosure.filing
    lines = [
        f"Entity: {entity_text(filing)} (CIK {cik_text(filing)})",
        f"Form: {form_text(filing)}",
        f"Period: {reporting_period_text(disclosure)}",
        f"cyd taxonomy: {taxonomy_years(disclosure.cyd_namespaces)}; "
        f"{counted(len(disclosure.facts), 'cyd fact')}",
    ]
    flags = disclosure.flags
    if set(ANNUAL_FLAGS) <= set(disclosure.shown_concepts):
        lines += [f"  {c.label}: {flag_state(flags[c.local_name], FlagForm.PROSE)}" for c in ANNUAL_FLAGS]
    if disclosure.incidents:
        names = "; ".join(incident.name for incident in disclosure.incidents)
        lines.append(f"Incidents: {len(disclosure.incidents)} ({names})")
    texts = disclosure.text_blocks
    lines.append(f"Text blocks: {len(texts)} ({sum(1 for f in texts if f.has_text)} with text)")
    lines += [section_summary(disclosure.section)] if disclosure.section else []
    codes = f" ({', '.join(dict.fromkeys(f.code for f in findings))})" if findings else ""
    lines.append(f"Findings: {describe_counts(findings)}{codes}")
    return lines
