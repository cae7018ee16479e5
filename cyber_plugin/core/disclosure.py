"""The disclosure object: what one loaded filing says about cybersecurity, read once.

Plain frozen data. Checks, exports, the GUI and the batch command all consume it; none of them
reads Arelle's facts again. Facts keep a weak reference to their Arelle model object (for logging
and GUI selection), which is left out of equality, hashing and pickling: a reading kept for a
model must not keep that model's documents alive once Arelle closes it.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final

from .catalogue import (
    ANNUAL_CONCEPTS,
    ANNUAL_FLAGS,
    ANNUAL_ITEMS,
    INCIDENT_CONCEPTS,
    REQUIRED_ANNUAL_CONCEPTS,
    REQUIRED_ANNUAL_FORMS,
    REQUIREMENT_START,
    Concept,
    FiledForm,
    FormFamily,
    Kind,
)
from .filing_view import FilingView
from .section import Paragraph, Section

if TYPE_CHECKING:
    from arelle.ModelObject import ModelObject

    from .suggestions import SectionScores, Suggestion

REQUIREMENT_START_DATE: Final = date.fromisoformat(REQUIREMENT_START)


@dataclass(frozen=True)
class Period:
    start: date | None = None
    end: date | None = None
    instant: date | None = None

    @property
    def days(self) -> int | None:
        """Length of a duration, counting both the first and the last day."""
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1

    def as_dict(self) -> dict[str, str]:
        if self.instant is not None:
            return {"instant": self.instant.isoformat()}
        return {
            "start": self.start.isoformat() if self.start else "",
            "end": self.end.isoformat() if self.end else "",
        }


@dataclass(frozen=True)
class CydFact:
    concept: Concept
    namespace: str
    value: bool | str | None
    html: str | None
    lexical: str
    context_id: str | None
    period: Period | None
    entity: str | None
    entity_scheme: str | None
    dimensions: tuple[tuple[str, str], ...]
    id: str | None
    document: str
    line: int | None
    hidden: bool
    nil: bool
    language: str | None
    # The incident the fact reports on (see `Incident`); None for a fact about no incident.
    incident: str | None = None
    incident_member: str | None = None
    # The Arelle ModelFact, weakly, for log references and GUI selection; not part of the data.
    model_ref: weakref.ref[ModelObject] | None = field(default=None, compare=False, hash=False, repr=False)

    @property
    def model_object(self) -> ModelObject | None:
        """The Arelle ModelFact while its model is open; None after, or for a copied fact."""
        return None if self.model_ref is None else self.model_ref()

    @property
    def local_name(self) -> str:
        return self.concept.local_name

    @property
    def is_flag(self) -> bool:
        return self.concept.kind is Kind.FLAG

    @property
    def has_text(self) -> bool:
        """Whether a text block says anything: a block without a letter or digit (a lone '.',
        a dash) is as good as empty."""
        return isinstance(self.value, str) and any(character.isalnum() for character in self.value)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["model_ref"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)


@dataclass(frozen=True)
class Incident:
    """One material cybersecurity incident: the facts on one member of the incident axis (named by
    the member's label, else its local name), or the incident facts tagged without the axis."""

    name: str
    member: str | None
    facts: tuple[CydFact, ...]

    def texts_of(self, local_name: str) -> tuple[CydFact, ...]:
        """This incident's facts of one text block that hold some text."""
        return tuple(f for f in self.facts if f.local_name == local_name and f.has_text)


@dataclass(frozen=True)
class FilingInfo(FiledForm):
    """The dei facts that say what the filing is."""

    document_type: str | None = None
    amendment: bool | None = None
    registrant_name: str | None = None
    cik: str | None = None
    period_end: date | None = None
    fiscal_year_focus: str | None = None
    fiscal_period_focus: str | None = None
    trading_symbol: str | None = None  # the first dei:TradingSymbol in document order
    transition_report: bool | None = None
    period: Period | None = None
    dei_namespaces: tuple[str, ...] = ()

    @property
    def tagging_required(self) -> bool:
        """Whether cyd tagging is required (as DQC_0202): a 10-K or 20-F, not an amendment nor a
        transition report, for a period ending on or after the requirement's start."""
        return (
            self.base_form in REQUIRED_ANNUAL_FORMS
            and not self.is_amendment
            and not self.transition_report
            and self.period_end is not None
            and self.period_end >= REQUIREMENT_START_DATE
        )


@dataclass(frozen=True)
class Disclosure:
    source: str
    filing: FilingInfo
    facts: tuple[CydFact, ...]
    cyd_namespaces: tuple[str, ...]
    documents: tuple[str, ...] = ()
    # Item 1C / 16K as filed, for an inline annual report; None for other filings.
    section: Section | None = None
    # The filing this one is compared with (usually last year's annual report, or the 8-K an 8-K/A
    # amends), when the run names one; see comparison.comparison_with_prior.
    prior: FilingView | None = None

    @cached_property
    def by_name(self) -> dict[str, tuple[CydFact, ...]]:
        index: dict[str, list[CydFact]] = {}
        for fact in self.facts:
            index.setdefault(fact.local_name, []).append(fact)
        return {name: tuple(facts) for name, facts in index.items()}

    @cached_property
    def repeated_facts(self) -> tuple[tuple[CydFact, ...], ...]:
        """Groups of facts of one concept on equivalent contexts (entity, period, dimensions) in
        one language: duplicates, whether their values agree or not."""
        groups: dict[tuple[object, ...], list[CydFact]] = {}
        for fact in self.facts:
            if fact.context_id is not None and fact.period is not None:
                language = (fact.language or "").lower()
                key = (fact.local_name, fact.entity, fact.period, fact.dimensions, language)
                groups.setdefault(key, []).append(fact)
        return tuple(tuple(group) for group in groups.values() if len(group) > 1)

    @property
    def reporting_period(self) -> Period | None:
        """The period the disclosure is about: the document type's context, else the first fact's."""
        return self.filing.period or next((fact.period for fact in self.facts if fact.period), None)

    @cached_property
    def incidents(self) -> tuple[Incident, ...]:
        """The incidents the filing reports on, in the order the filing first mentions them."""
        groups: dict[tuple[str | None, str], list[CydFact]] = {}
        for fact in sorted(self.facts, key=lambda f: (f.document, f.line or 0)):
            if fact.incident is not None:
                groups.setdefault((fact.incident_member, fact.incident), []).append(fact)
        in_presentation_order = {id(fact): index for index, fact in enumerate(self.facts)}
        return tuple(
            Incident(name, member, tuple(sorted(facts, key=lambda f: in_presentation_order[id(f)])))
            for (member, name), facts in groups.items()
        )

    @cached_property
    def section_scores(self) -> SectionScores | None:
        """The suggestion model's scores of the section's paragraphs (`core/suggestions.py`): which
        annual text-block elements each substantive paragraph of Item 1C / 16K answers. Computed
        on first use and kept: the rules and every output share one scoring, and a run that asks
        for none never imports the suggestion modules nor loads the model. None without an annual
        section to score (none found, one that only points elsewhere, an 8-K's Item 1.05: the
        model knows the annual elements)."""
        section = self.section
        if section is None or not section.found or section.by_reference is not None:
            return None
        if section.item not in ANNUAL_ITEMS:
            return None
        from .suggestions import score_section  # imported with the model, when first needed

        return score_section(section.paragraphs)

    def suggestions_for(self, index: int) -> tuple[Suggestion, ...]:
        """The elements the section's paragraph `index` most likely answers, up to three, best
        first; none for a paragraph that is not substantive, or a section that is not scored."""
        scores = self.section_scores
        return scores.suggestions(index) if scores is not None else ()

    def facts_covering(self, paragraph: Paragraph) -> tuple[CydFact, ...]:
        """The text-block facts whose tags hold some of a paragraph of the section as filed."""
        return tuple(fact for name in paragraph.tagged_by for fact in self.facts_for(name))

    def facts_for(self, local_name: str) -> tuple[CydFact, ...]:
        return self.by_name.get(local_name, ())

    def first(self, local_name: str) -> CydFact | None:
        facts = self.by_name.get(local_name)
        return facts[0] if facts else None

    @property
    def flags(self) -> dict[str, bool | None]:
        """Each annual flag: True, False, or None when absent (or not a valid boolean)."""
        values: dict[str, bool | None] = {}
        for concept in ANNUAL_FLAGS:
            fact = self.first(concept.local_name)
            values[concept.local_name] = fact.value if fact and isinstance(fact.value, bool) else None
        return values

    @property
    def untagged_required(self) -> tuple[Concept, ...]:
        """The elements of a complete Item 1C / 16K (REQUIRED_ANNUAL_CONCEPTS) without any fact."""
        return tuple(c for c in REQUIRED_ANNUAL_CONCEPTS if c.local_name not in self.by_name)

    @property
    def shown_concepts(self) -> tuple[Concept, ...]:
        """The concepts a reader should see, tagged or not, in presentation order: the annual
        elements for an annual report, the Item 1.05 ones for an incident report (or wherever
        such facts are tagged), then any cyd names the catalogue does not know."""
        families = {fact.concept.family for fact in self.facts}
        shown: list[Concept] = []
        if self.filing.is_annual_report or FormFamily.ANNUAL in families:
            shown += ANNUAL_CONCEPTS
        if self.filing.is_incident_report or FormFamily.INCIDENT in families:
            shown += INCIDENT_CONCEPTS
        shown += dict.fromkeys(fact.concept for fact in self.facts if not fact.concept.known)
        return tuple(shown)

    @property
    def text_blocks(self) -> tuple[CydFact, ...]:
        return tuple(fact for fact in self.facts if fact.concept.kind is Kind.TEXT)
