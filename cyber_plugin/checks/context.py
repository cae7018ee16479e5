"""Where facts sit: periods, dimensions, entity, ix:hidden, form and taxonomy year."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..core.catalogue import (
    CYD_NAMESPACE_PATTERN,
    DEI_NAMESPACE_PATTERN,
    INTERIM_FORMS,
    FormFamily,
    namespace_year,
)
from ..core.disclosure import CydFact, Disclosure
from ..core.findings import Finding, Severity, report
from ..core.settings import RuleSettings
from ..core.words import period_phrase
from .rule import MAX_FISCAL_YEAR_DAYS, MIN_FISCAL_YEAR_DAYS, annual_report_facts, is_annual, rule


@rule(Severity.WARNING)
def periodMismatch(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """In an annual report (not a transition report), an annual-report cyd fact whose period is
    not the fiscal-year duration (340 to 390 days, as DQC_0006) ending on DocumentPeriodEndDate,
    including a fact whose context is missing or broken. Incident facts, tagged on the event date,
    are left to formMismatch."""
    filing = disclosure.filing
    if not is_annual(disclosure) or filing.transition_report:
        return
    for fact in annual_report_facts(disclosure):
        period = fact.period
        days = period.days if period else None
        fits = (
            period is not None
            and days is not None
            and MIN_FISCAL_YEAR_DAYS <= days <= MAX_FISCAL_YEAR_DAYS
            and (filing.period_end is None or period.end == filing.period_end)
        )
        if not fits:
            yield report(
                "%(concept)s is reported for %(period)s, not for the fiscal year ending %(periodEnd)s "
                "(a duration of %(min)s to %(max)s days). Put it on the fiscal-year context.",
                facts=(fact,),
                concept=fact.concept.label,
                period=period_phrase(fact),
                periodEnd=filing.period_end.isoformat() if filing.period_end else "(unknown)",
                min=MIN_FISCAL_YEAR_DAYS,
                max=MAX_FISCAL_YEAR_DAYS,
            )


@rule(Severity.WARNING)
def dimensionalContext(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """In an annual report, an annual-report cyd fact is on a context with dimensions. Incident
    facts (on the incident axis or not) are left to formMismatch."""
    if not is_annual(disclosure):
        return
    for fact in annual_report_facts(disclosure):
        if fact.dimensions:
            yield report(
                "%(concept)s is on context %(context)s, which has dimensions (%(dimensions)s). Annual "
                "cybersecurity disclosures belong on the context without dimensions.",
                facts=(fact,),
                concept=fact.concept.label,
                context=fact.context_id,
                dimensions=", ".join(f"{d}={m}" for d, m in fact.dimensions),
            )


def _normalized_cik(value: str | None) -> str:
    return (value or "").strip().lstrip("0")


@rule(Severity.ERROR)
def entityMismatch(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A cyd fact's entity identifier differs from dei:EntityCentralIndexKey."""
    cik = _normalized_cik(disclosure.filing.cik)
    if not cik:
        return
    for fact in disclosure.facts:
        if fact.entity is not None and _normalized_cik(fact.entity) != cik:
            yield report(
                "%(concept)s is reported for entity %(entity)s, but the filing's "
                "EntityCentralIndexKey is %(cik)s. Use the registrant's CIK in the context.",
                facts=(fact,),
                concept=fact.concept.label,
                entity=fact.entity,
                cik=disclosure.filing.cik,
            )


@rule(Severity.WARNING)
def hiddenFact(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A cyd fact sits inside ix:hidden, where EFM 5.2.5.14 does not allow it."""
    for fact in disclosure.facts:
        if fact.hidden:
            yield report(
                "%(concept)s is in ix:hidden. Cybersecurity facts must be tagged where the disclosure "
                "is displayed (EFM 5.2.5.14).",
                facts=(fact,),
                concept=fact.concept.label,
            )


@rule(Severity.WARNING)
def formMismatch(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """Annual-report elements appear in an 8-K or 6-K, or incident facts (Item 1.05 elements, or
    any fact on the incident axis) in a 10-K, 20-F or 10-Q. A 6-K carries incident facts
    legitimately, as an 8-K does."""
    filing = disclosure.filing
    if filing.is_incident_report:
        misplaced = [f for f in disclosure.facts if f.concept.family is FormFamily.ANNUAL]
        expected = "an annual report (10-K or 20-F)"
    elif filing.is_annual_report or filing.base_form in INTERIM_FORMS:
        misplaced = [f for f in disclosure.facts if f.incident is not None]
        expected = "an 8-K or 6-K incident report"
    else:
        return
    if misplaced:
        yield report(
            "This %(form)s tags %(count)s element(s) that belong in %(expected)s: %(elements)s.",
            facts=misplaced,
            form=filing.base_form,
            count=len({f.local_name for f in misplaced}),
            expected=expected,
            elements=", ".join(dict.fromkeys(f.local_name for f in misplaced)),
        )


@rule(Severity.WARNING)
def taxonomyYear(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """The filing uses more than one cyd namespace year, or a cyd year that differs from its dei
    year."""
    cyd_years = _years(disclosure.cyd_namespaces, CYD_NAMESPACE_PATTERN)
    dei_years = _years(disclosure.filing.dei_namespaces, DEI_NAMESPACE_PATTERN)
    if len(cyd_years) > 1:
        yield report(
            "The filing mixes cyd taxonomy years %(years)s. Use one cyd release throughout.",
            facts=disclosure.facts,
            years=", ".join(str(y) for y in cyd_years),
        )
    elif cyd_years and dei_years and cyd_years != dei_years:
        yield report(
            "The cyd taxonomy year %(cyd)s differs from the dei taxonomy year %(dei)s. Use the cyd "
            "release of the same year as the rest of the filing's taxonomies.",
            facts=disclosure.facts,
            cyd=cyd_years[0],
            dei=", ".join(str(y) for y in dei_years),
        )


def _years(namespaces: Iterable[str], pattern: re.Pattern[str]) -> list[int]:
    """The distinct release years of the namespaces that match the pattern, in order."""
    return sorted({year for ns in namespaces if (year := namespace_year(ns, pattern)) is not None})


@rule(Severity.WARNING)
def unknownConcept(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A fact's local name in a cyd namespace is not in the catalogue (a typo, or an element the
    plugin does not know yet), or names a structural element (axis, domain, table, line items),
    which is abstract and never a fact."""
    unknown: dict[str, list[CydFact]] = {}
    for fact in disclosure.facts:
        if not fact.concept.known or fact.concept.is_abstract:
            unknown.setdefault(fact.local_name, []).append(fact)
    for name, facts in unknown.items():
        yield report(
            "cyd:%(name)s %(problem)s. Check the element against the cyd taxonomy.",
            facts=facts,
            name=name,
            problem="is an abstract structural element of the cyd taxonomy and never carries a fact"
            if facts[0].concept.known
            else "is not an element of the cybersecurity disclosure taxonomy known to this plugin",
        )
