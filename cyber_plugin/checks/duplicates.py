"""Duplicates: one concept tagged more than once on the same context."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.disclosure import CydFact, Disclosure
from ..core.findings import Finding, Severity, report
from ..core.settings import RuleSettings
from .rule import rule


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
