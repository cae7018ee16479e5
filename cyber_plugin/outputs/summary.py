"""A short human summary of one filing's disclosure, for the command line and the demo."""

from __future__ import annotations

from ..core.catalogue import ANNUAL_FLAGS
from ..core.disclosure import Disclosure
from ..core.findings import Finding, describe_counts

_FLAG_WORDS = {True: "yes", False: "no", None: "not tagged"}


def summary_lines(disclosure: Disclosure, findings: tuple[Finding, ...]) -> list[str]:
    filing = disclosure.filing
    period = filing.period
    start = period.start.isoformat() if period and period.start else "?"
    end = filing.period_end.isoformat() if filing.period_end else "?"
    years = ", ".join(ns.rsplit("/", 1)[-1] for ns in disclosure.cyd_namespaces) or "none"
    lines = [
        f"Entity: {filing.registrant_name or '(not tagged)'} (CIK {filing.cik or '?'})",
        f"Form: {filing.document_type or '(not tagged)'}{' (amendment)' if filing.is_amendment else ''}",
        f"Period: {start} to {end}",
        f"cyd taxonomy: {years}; {len(disclosure.facts)} cyd facts",
    ]
    flags = disclosure.flags
    if set(ANNUAL_FLAGS) <= set(disclosure.shown_concepts):
        lines += [f"  {c.label}: {_FLAG_WORDS[flags[c.local_name]]}" for c in ANNUAL_FLAGS]
    texts = disclosure.text_blocks
    lines.append(f"Text blocks: {len(texts)} ({sum(1 for f in texts if f.has_text)} with text)")
    lines += [disclosure.section.describe()] if disclosure.section else []
    codes = f" ({', '.join(dict.fromkeys(f.code for f in findings))})" if findings else ""
    lines.append(f"Findings: {describe_counts(findings)}{codes}")
    return lines
