"""The disclosure laid out for a reader: the groups of rows that the HTML report and the GUI pane
both show, in the same order.

First the annual report's elements, by section (risk management and strategy, governance), each
tagged or not; then one group per incident (its Item 1.05 elements, tagged or not, then any other
fact tagged on its member of the incident axis); then the facts of elements the catalogue does
not know; then facts of the taxonomy's structural elements, which never should carry one. Every
fact is in exactly one group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..core.catalogue import (
    ANNUAL_CONCEPTS,
    INCIDENT_CONCEPTS,
    UNNAMED_INCIDENT,
    Concept,
    FormFamily,
    Topic,
)
from ..core.disclosure import CydFact, Disclosure, Incident
from ..core.findings import Finding


@dataclass(frozen=True)
class Entry:
    """An element and its facts in one group; no facts: the element is not tagged there."""

    concept: Concept
    facts: tuple[CydFact, ...] = ()


@dataclass(frozen=True)
class Group:
    topic: Topic
    entries: tuple[Entry, ...]
    incident: Incident | None = None

    @property
    def facts(self) -> tuple[CydFact, ...]:
        return tuple(fact for entry in self.entries for fact in entry.facts)

    def concerns(self, finding: Finding) -> bool:
        """Whether a finding is about this group: some of its facts are here, or it has none and
        the group is no incident's (a finding about the filing as a whole)."""
        if not finding.facts:
            return self.incident is None
        here = {id(fact) for fact in self.facts}
        return any(id(fact) in here for fact in finding.facts)

    def findings_about_absent(self, findings: Iterable[Finding]) -> dict[str, list[Finding]]:
        """The findings that name an element as missing from this group, by its local name."""
        about: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.concepts and self.concerns(finding):
                for name in finding.concepts:
                    about.setdefault(name, []).append(finding)
        return about


def layout(disclosure: Disclosure) -> tuple[Group, ...]:
    """The groups a reader sees (see the module docstring)."""
    outside_incidents = [fact for fact in disclosure.facts if fact.incident is None]
    annual_topics = dict.fromkeys(concept.topic for concept in ANNUAL_CONCEPTS)
    groups: list[Group] = []
    tags_annual = any(fact.concept.topic in annual_topics for fact in outside_incidents)
    if disclosure.filing.is_annual_report or tags_annual:
        for topic in annual_topics:
            concepts = [concept for concept in ANNUAL_CONCEPTS if concept.topic is topic]
            facts = [fact for fact in outside_incidents if fact.concept.topic is topic]
            groups.append(Group(topic, _entries(concepts, facts)))
    for incident in _incidents(disclosure, outside_incidents):
        groups.append(Group(Topic.INCIDENT, _entries(INCIDENT_CONCEPTS, incident.facts), incident))
    strays: tuple[tuple[Topic, Callable[[Concept], bool]], ...] = (
        (Topic.UNKNOWN, lambda concept: not concept.known),
        (Topic.STRUCTURE, lambda concept: concept.is_abstract),
    )
    for topic, belongs in strays:
        facts = [fact for fact in outside_incidents if belongs(fact.concept)]
        if facts:
            groups.append(Group(topic, _entries((), facts)))
    return tuple(groups)


def _incidents(disclosure: Disclosure, outside_incidents: list[CydFact]) -> list[Incident]:
    """The filing's incidents; an incident report that tags none gets one with no facts, so that
    its untagged aspects show. (Item 1.05 facts without an incident only come from hand-built
    disclosures: extraction names their incident.)"""
    incidents = list(disclosure.incidents)
    unnamed = tuple(
        fact
        for fact in outside_incidents
        if fact.concept.family is FormFamily.INCIDENT and not fact.concept.is_abstract
    )
    if unnamed or (not incidents and disclosure.filing.is_incident_report):
        incidents.append(Incident(UNNAMED_INCIDENT, None, unnamed))
    return incidents


def _entries(concepts: Iterable[Concept], facts: Iterable[CydFact]) -> tuple[Entry, ...]:
    """Each of `concepts` with its facts (none: not tagged), then the other facts' elements, in
    the facts' (presentation) order."""
    by_concept: dict[Concept, list[CydFact]] = {concept: [] for concept in concepts}
    for fact in facts:
        by_concept.setdefault(fact.concept, []).append(fact)
    return tuple(Entry(concept, tuple(facts)) for concept, facts in by_concept.items())
