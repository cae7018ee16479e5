"""The rule catalogue: one function per rule, named after its code, its docstring the rule.

Each rule reads the Disclosure (and the run's settings) and yields findings; `registry` gives
the runner each rule's code and default severity in catalogue order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Final

from ..catalogue import (
    ANNUAL_CONCEPTS,
    BY_NAME,
    CYD_NAMESPACE_PATTERN,
    DEI_NAMESPACE_PATTERN,
    INCIDENT_ASPECTS,
    INCIDENT_INFORMATION_NOT_AVAILABLE,
    INTERIM_FORMS,
    MATERIALLY_AFFECTED_FLAG,
    PAIRED_TEXT_BLOCKS,
    POSITIONS_RESPONSIBLE_FLAG,
    PROCESSES_INTEGRATED_FLAG,
    REQUIRED_ANNUAL_CONCEPTS,
    REQUIRED_ANNUAL_FORMS,
    REQUIREMENT_START,
    TEXT_BLOCK_FOR_FLAG,
    THIRD_PARTY_ENGAGED_FLAG,
    FormFamily,
    Section,
    namespace_year,
)
from ..disclosure import CydFact, Disclosure
from .findings import Finding, Severity, report
from .settings import CODE_PREFIX, RuleSettings

RuleFunction = Callable[[Disclosure, RuleSettings], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    function: RuleFunction

    @property
    def description(self) -> str:
        return " ".join((self.function.__doc__ or "").split())


registry: list[Rule] = []


def rule(severity: Severity) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        registry.append(Rule(CODE_PREFIX + function.__name__, severity, function))
        return function

    return register


# Facts shared by several rules, computed once per Disclosure.
MIN_FISCAL_YEAR_DAYS: Final = 340
MAX_FISCAL_YEAR_DAYS: Final = 390
_REQUIREMENT_START_DATE: Final = date.fromisoformat(REQUIREMENT_START)


def _label(name: str) -> str:
    concept = BY_NAME.get(name)
    return concept.label if concept else name


def _is_annual(disclosure: Disclosure) -> bool:
    return disclosure.filing.is_annual_report


def _texts(disclosure: Disclosure, name: str) -> tuple[CydFact, ...]:
    return tuple(fact for fact in disclosure.facts_for(name) if fact.has_text)


def _normalized_cik(value: str | None) -> str:
    return (value or "").strip().lstrip("0")


@rule(Severity.ERROR)
def missingDisclosure(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A 10-K or 20-F (not an amendment, not a transition report) whose DocumentPeriodEndDate is
    on or after 2024-12-15 has no cyd fact in the loaded documents (as DQC_0202). Item 1C / 16K
    may sit in an exhibit that was not loaded with the primary document."""
    filing = disclosure.filing
    if (
        disclosure.facts
        or filing.base_form not in REQUIRED_ANNUAL_FORMS
        or filing.is_amendment
        or filing.transition_report
        or filing.period_end is None
        or filing.period_end < _REQUIREMENT_START_DATE
    ):
        return
    yield report(
        "This %(form)s for the period ending %(periodEnd)s has no cybersecurity (cyd) fact in the "
        "loaded documents (%(documents)s). Item %(item)s must be tagged with the cyd taxonomy for "
        "fiscal years ending on or after %(start)s. If the section is incorporated by reference from "
        "an exhibit, load the exhibit together with the primary document and validate again; "
        "otherwise tag the section.",
        form=filing.base_form,
        periodEnd=filing.period_end.isoformat(),
        documents=", ".join(disclosure.documents) or disclosure.source,
        item="16K" if filing.base_form == "20-F" else "1C",
        start=REQUIREMENT_START,
    )


@rule(Severity.WARNING)
def missingElement(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """An annual report tags some cyd facts but not all 15 elements that every complete Item 1C /
    16K carries (the 16 annual elements less the materially-affected text block). One finding
    lists what is missing."""
    if not _is_annual(disclosure) or not disclosure.facts:
        return
    missing = [c.local_name for c in REQUIRED_ANNUAL_CONCEPTS if not disclosure.facts_for(c.local_name)]
    if not missing:
        return
    yield report(
        "The cybersecurity disclosure tags %(present)s of the %(required)s elements a complete "
        "Item 1C / 16K carries; missing: %(missing)s. Tag each one (a flag as true or false, a text "
        "block with the passage that answers it).",
        concepts=missing,
        present=len(REQUIRED_ANNUAL_CONCEPTS) - len(missing),
        required=len(REQUIRED_ANNUAL_CONCEPTS),
        missing="; ".join(_label(name) for name in missing),
    )


@rule(Severity.WARNING)
def flagWithoutText(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A flag is true but the text block that pairs with it (processes integrated, positions or
    committees responsible, materially affected) is absent or empty."""
    for text_block in PAIRED_TEXT_BLOCKS:
        flag_name = text_block.paired_flag or ""
        true_flags = [f for f in disclosure.facts_for(flag_name) if f.value is True]
        if true_flags and not _texts(disclosure, text_block.local_name):
            yield report(
                "%(flag)s is true, but %(textBlock)s is %(state)s. Tag the passage that describes it, "
                "or correct the flag.",
                facts=true_flags + list(disclosure.facts_for(text_block.local_name)),
                concepts=(text_block.local_name,),
                flag=_label(flag_name),
                textBlock=text_block.label,
                state="empty" if disclosure.facts_for(text_block.local_name) else "not tagged",
            )


@rule(Severity.WARNING)
def textWithoutFlag(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A text block is tagged but the flag that pairs with it is absent (absent is not false)."""
    for text_block in PAIRED_TEXT_BLOCKS:
        flag_name = text_block.paired_flag or ""
        texts = disclosure.facts_for(text_block.local_name)
        if texts and not disclosure.facts_for(flag_name):
            yield report(
                "%(textBlock)s is tagged but %(flag)s is not. An absent flag is not a false one: tag "
                "the flag as true or false.",
                facts=texts,
                concepts=(flag_name,),
                textBlock=text_block.label,
                flag=_label(flag_name),
            )


_NEGATION: Final = re.compile(r"\b(?:not|no|none|neither|nor|never|without)\b|n't\b", re.IGNORECASE)
_SENTENCE_END: Final = re.compile(r"(?<=[.;!?])\s+|\n")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


_DESCRIBED_SUBJECT: Final = {
    PROCESSES_INTEGRATED_FLAG: re.compile(
        r"integrat|part of (?:our|the) (?:overall|broader|enterprise)", re.I
    ),
    POSITIONS_RESPONSIBLE_FLAG: re.compile(
        r"responsib|officer|CISO|CIO|CTO|committee|team|lead|head of|director|vice president", re.I
    ),
}


@rule(Severity.WARNING)
def flagFalseWithText(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """The processes-integrated or positions-responsible flag is false while its paired text block
    describes that very thing (an affirmative statement, not a denial)."""
    for flag_name, subject in _DESCRIBED_SUBJECT.items():
        false_flags = [f for f in disclosure.facts_for(flag_name) if f.value is False]
        text_block = TEXT_BLOCK_FOR_FLAG[flag_name]
        describing = [
            fact
            for fact in _texts(disclosure, text_block.local_name)
            if any(
                subject.search(sentence) and not _NEGATION.search(sentence)
                for sentence in _sentences(str(fact.value))
            )
        ]
        if false_flags and describing:
            yield report(
                "%(flag)s is false, yet %(textBlock)s describes it. If the text is right, the flag "
                "should be true; if the flag is right, the text block should say so.",
                facts=false_flags + describing,
                flag=_label(flag_name),
                textBlock=text_block.label,
            )


def _comparable(fact: CydFact) -> object:
    return (fact.nil, " ".join(fact.value.split()) if isinstance(fact.value, str) else fact.value)


def _duplicates(disclosure: Disclosure, consistent: bool, template: str) -> Iterator[Finding]:
    for group in disclosure.repeated_facts:
        if (len({_comparable(fact) for fact in group}) == 1) is consistent:
            first = group[0]
            yield report(
                template, facts=group, concept=first.concept.label, count=len(group), context=first.context_id
            )


@rule(Severity.ERROR)
def inconsistentDuplicate(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """The same concept is tagged more than once on the same context (and language) with
    different values."""
    yield from _duplicates(
        disclosure,
        consistent=False,
        template="%(concept)s is tagged %(count)s times on context %(context)s with different values. "
        "Keep one fact, or make the values agree.",
    )


@rule(Severity.INFO)
def duplicate(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """The same concept is tagged more than once on the same context (and language) with the
    same value: consistent, but redundant."""
    yield from _duplicates(
        disclosure,
        consistent=True,
        template="%(concept)s is tagged %(count)s times on context %(context)s with the same value.",
    )


@rule(Severity.WARNING)
def periodMismatch(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """In an annual report (not a transition report), a cyd fact whose period is not the
    fiscal-year duration (340 to 390 days, as DQC_0006) ending on DocumentPeriodEndDate,
    including a fact whose context is missing or broken."""
    filing = disclosure.filing
    if not _is_annual(disclosure) or filing.transition_report:
        return
    for fact in disclosure.facts:
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
                period=_describe_period(fact),
                periodEnd=filing.period_end.isoformat() if filing.period_end else "(unknown)",
                min=MIN_FISCAL_YEAR_DAYS,
                max=MAX_FISCAL_YEAR_DAYS,
            )


def _describe_period(fact: CydFact) -> str:
    period = fact.period
    if period is None:
        return f"no period (its context {fact.context_id or '(none)'} is missing or broken)"
    if period.instant is not None:
        return f"the instant {period.instant.isoformat()}"
    return f"{period.start} to {period.end} ({period.days} days)"


@rule(Severity.WARNING)
def dimensionalContext(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """An annual-report cyd fact is on a context with dimensions."""
    if not _is_annual(disclosure):
        return
    for fact in disclosure.facts:
        if fact.dimensions:
            yield report(
                "%(concept)s is on context %(context)s, which has dimensions (%(dimensions)s). Annual "
                "cybersecurity disclosures belong on the context without dimensions.",
                facts=(fact,),
                concept=fact.concept.label,
                context=fact.context_id,
                dimensions=", ".join(f"{d}={m}" for d, m in fact.dimensions),
            )


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
def emptyTextBlock(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A text block is nil, has no text, or could not be read."""
    for fact in disclosure.text_blocks:
        if not fact.has_text:
            yield report(
                "%(concept)s is %(state)s. Tag the passage that answers it, or remove the fact.",
                facts=(fact,),
                concept=fact.concept.label,
                state="nil"
                if fact.nil
                else "empty"
                if fact.html is not None
                else "unreadable (Arelle could not read it)",
            )


@rule(Severity.ERROR)
def invalidFlag(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A flag is nil or its value is not a boolean (for example a failed transform)."""
    for fact in disclosure.facts:
        if fact.is_flag and not isinstance(fact.value, bool):
            yield report(
                "%(concept)s is %(state)s, so it is neither true nor false. Tag it as true or false "
                "(for example with ixt:fixed-true or ixt:fixed-false).",
                facts=(fact,),
                concept=fact.concept.label,
                state="nil" if fact.nil else f"'{fact.lexical.strip()[:60]}'",
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
    """Annual-report elements appear in an 8-K or 6-K, or incident (Item 1.05) elements in a
    10-K, 20-F or 10-Q."""
    filing = disclosure.filing
    if filing.is_incident_report:
        wrong_family, expected = FormFamily.ANNUAL, "an annual report (10-K or 20-F)"
    elif filing.is_annual_report or filing.base_form in INTERIM_FORMS:
        wrong_family, expected = FormFamily.INCIDENT, "an 8-K or 6-K incident report"
    else:
        return
    misplaced = [fact for fact in disclosure.facts if fact.concept.family is wrong_family]
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
    cyd_years = sorted({namespace_year(ns, CYD_NAMESPACE_PATTERN) for ns in disclosure.cyd_namespaces})
    dei_years = sorted({namespace_year(ns, DEI_NAMESPACE_PATTERN) for ns in disclosure.filing.dei_namespaces})
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


@rule(Severity.WARNING)
def unknownConcept(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A local name in a cyd namespace is not in the catalogue (a typo, or an element the plugin
    does not know yet)."""
    unknown: dict[str, list[CydFact]] = {}
    for fact in disclosure.facts:
        if not fact.concept.known:
            unknown.setdefault(fact.local_name, []).append(fact)
    for name, facts in unknown.items():
        yield report(
            "cyd:%(name)s is not an element of the cybersecurity disclosure taxonomy known to this "
            "plugin. Check the spelling against the cyd taxonomy.",
            facts=facts,
            name=name,
        )


@rule(Severity.WARNING)
def incidentIncomplete(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """An 8-K (or 6-K) with incident facts lacks the nature, scope, timing or impact text block,
    and has no information-not-available text block."""
    filing = disclosure.filing
    if filing.is_annual_report or filing.base_form in INTERIM_FORMS:
        return
    incident_facts = [f for f in disclosure.facts if f.concept.family is FormFamily.INCIDENT]
    if not incident_facts or _texts(disclosure, INCIDENT_INFORMATION_NOT_AVAILABLE.local_name):
        return
    missing = [c for c in INCIDENT_ASPECTS if not _texts(disclosure, c.local_name)]
    if missing:
        yield report(
            "The Item 1.05 disclosure does not tag %(missing)s. Tag each aspect, or state in "
            "%(notAvailable)s what is not yet determined.",
            facts=incident_facts,
            concepts=[c.local_name for c in missing],
            missing="; ".join(c.label for c in missing),
            notAvailable=INCIDENT_INFORMATION_NOT_AVAILABLE.label,
        )


@rule(Severity.WARNING)
def incidentNotTagged(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """--cyber-8k-items lists Item 1.05 but the filing has no cyd fact (as EFM 6.5.77, which
    stand-alone Arelle cannot run because the item list lives outside the XBRL)."""
    if settings.reports_incident_item and not disclosure.facts:
        yield report(
            "The submission reports Item 1.05 (items %(items)s) but tags no cybersecurity (cyd) fact. "
            "Tag the incident's nature, scope, timing and impact with the cyd taxonomy.",
            items=", ".join(settings.eight_k_items),
        )


@dataclass(frozen=True)
class Contradiction:
    """A flag value that a sentence of its section's text contradicts."""

    flag: str
    flag_value: bool
    claim: re.Pattern[str]
    counter_claim: re.Pattern[str] | None
    text_blocks: tuple[str, ...]
    summary: str


_RISK_MANAGEMENT_TEXTS: Final = tuple(
    c.local_name for c in ANNUAL_CONCEPTS if c.section is Section.RISK_MANAGEMENT and not c.is_flag
)

CONTRADICTIONS: Final = (
    Contradiction(
        flag=THIRD_PARTY_ENGAGED_FLAG,
        flag_value=False,
        claim=re.compile(
            r"\b(?:we|company)\b[^.;]{0,60}\b(?:engage[sd]?|retain(?:s|ed)?|use[sd]?|utiliz(?:e|es|ed)|"
            r"work(?:s|ed)? with|partner(?:s|ed)? with)\b[^.;]{0,60}"
            r"\b(?:third[- ]part(?:y|ies)|independent|external|outside)\b"
            r"[^.;]{0,40}\b(?:assessors?|consultants?|auditors?|advisors?|experts?|firms?)\b",
            re.IGNORECASE,
        ),
        counter_claim=None,
        text_blocks=_RISK_MANAGEMENT_TEXTS,
        summary="the company engages third-party assessors or consultants",
    ),
    Contradiction(
        flag=MATERIALLY_AFFECTED_FLAG,
        flag_value=True,
        claim=re.compile(
            r"\b(?:ha(?:ve|s)|did)\s+not\b[^.;]{0,40}\bmaterially\s+affect(?:ed)?\b|"
            r"\b(?:are|is)\s+not\b[^.;]{0,20}\breasonably\s+likely\s+to\s+materially\s+affect",
            re.IGNORECASE,
        ),
        counter_claim=re.compile(
            r"(?<!not )\b(?:ha(?:ve|s)|had)\s+materially\s+affected\b|"
            r"(?<!not )\b(?:are|is)\s+reasonably\s+likely\s+to\s+materially\s+affect",
            re.IGNORECASE,
        ),
        text_blocks=(TEXT_BLOCK_FOR_FLAG[MATERIALLY_AFFECTED_FLAG].local_name, *_RISK_MANAGEMENT_TEXTS),
        summary="risks have not materially affected the company",
    ),
)


@rule(Severity.WARNING)
def textContradictsFlag(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A flag's value contradicts what its section's text says: third-party-engaged false while
    the text says the company engages third-party assessors or consultants; materially-affected
    true while the text says cybersecurity risks have not materially affected the company. A
    conservative heuristic: a sentence must make the claim outright, and a denial in the same
    sentence (or an opposite claim elsewhere) keeps it silent."""
    for contradiction in CONTRADICTIONS:
        flags = [f for f in disclosure.facts_for(contradiction.flag) if f.value is contradiction.flag_value]
        if not flags:
            continue
        texts = [fact for name in contradiction.text_blocks for fact in _texts(disclosure, name)]
        sentences = [(fact, s) for fact in texts for s in _sentences(str(fact.value))]
        if contradiction.counter_claim and any(contradiction.counter_claim.search(s) for _, s in sentences):
            continue
        claims = [(fact, s) for fact, s in sentences if _states(contradiction, s)]
        if claims:
            fact, sentence = claims[0]
            claiming = [f for f in dict.fromkeys(f for f, _ in claims) if f.local_name == fact.local_name]
            yield report(
                "%(flag)s is %(value)s, but %(textBlock)s says %(summary)s: \u201c%(sentence)s\u201d. "
                "Check which is right.",
                facts=flags + claiming,
                flag=_label(contradiction.flag),
                value=str(contradiction.flag_value).lower(),
                textBlock=fact.concept.label,
                summary=contradiction.summary,
                sentence=_shorten(sentence),
            )


def _shorten(sentence: str, limit: int = 240) -> str:
    sentence = sentence.strip()
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + "\u2026"


def _states(contradiction: Contradiction, sentence: str) -> bool:
    if not contradiction.claim.search(sentence):
        return False
    # A denial elsewhere in a third-party sentence ("we do not engage ...") is no claim.
    return contradiction.flag_value or not _NEGATION.search(sentence)
