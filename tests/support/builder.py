"""Hand-built Disclosures: the rules' input without an Arelle load.

`annual_report()` and `incident_report()` give filings shaped like the bundled 10-K and 8-K samples
(same fact ids, contexts, CIKs and deciding sentences, so a rule fires on the same edit); the
methods edit them as tests/support/variants.py edits the samples' markup, `as_filed()` gives them
a section as filed (`item_1c()`), and `build()` gives the Disclosure. Concepts come from the
catalogue; facts are named by id.

`fact()` and `disclosure()` assemble a Disclosure from facts chosen one by one instead (any period
on each fact, any form), for the outputs' tests.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Final

from cyber_plugin.core.catalogue import (
    ANNUAL_CONCEPTS,
    INCIDENT_ASPECTS,
    MATERIALLY_AFFECTED_FLAG,
    UNNAMED_INCIDENT,
    Concept,
    FormFamily,
    concept_for,
)
from cyber_plugin.core.disclosure import CydFact, Disclosure, FilingInfo, Period
from cyber_plugin.core.section import Paragraph, Section

CIK: Final = "0001999902"
INCIDENT_CIK: Final = "0001999903"
CIK_SCHEME: Final = "http://www.sec.gov/CIK"
FISCAL_YEAR_CONTEXT: Final = "c-fy2024"
FISCAL_YEAR: Final = Period(start=date(2024, 1, 1), end=date(2024, 12, 31))
INCIDENT_CONTEXT: Final = "c-20250310"
INCIDENT_DAY: Final = Period(start=date(2025, 3, 10), end=date(2025, 3, 10))
DOCUMENT: Final = "filing.htm"
LANGUAGE: Final = "en-US"  # the samples' xml:lang


def cyd_namespace(year: int) -> str:
    return f"http://xbrl.sec.gov/cyd/{year}"


def dei_namespace(year: int) -> str:
    return f"http://xbrl.sec.gov/dei/{year}"


def annual_id(concept: Concept) -> str:
    """The sample 10-K's id of an annual element: cyd-01 to cyd-16, in presentation order."""
    return f"cyd-{concept.order:02d}"


# The sample 10-K's text, shortened to the sentences the text rules read (by presentation order);
# the other text blocks get a neutral sentence.
ANNUAL_TEXTS: Final[dict[int, str]] = {
    1: "We maintain a cybersecurity program designed to assess, identify and manage risks from "
    "cybersecurity threats. We engage independent assessors, consultants and auditors to evaluate "
    "and test our cybersecurity program.",
    3: "Our cybersecurity risk management is integrated into our overall enterprise risk management program.",
    7: "Risks from cybersecurity threats have not materially affected and are not reasonably likely to "
    "materially affect the Company.",
    9: "Audit and Risk Committee",
    13: "Our Chief Information Security Officer has primary responsibility for assessing and managing "
    "our material risks from cybersecurity threats.",
    14: "Our CISO has more than 20 years of experience in information security.",
}
INCIDENT_IDS: Final = ("cyd-nature", "cyd-scope", "cyd-timing", "cyd-impact")


@dataclass(frozen=True)
class Context:
    period: Period | None
    entity: str | None
    dimensions: tuple[tuple[str, str], ...] = ()


class Filing:
    """A filing being built: its dei facts, its contexts and its cyd facts. Every edit returns the
    filing, so edits chain."""

    def __init__(
        self,
        form: str = "10-K",
        period_end: str | None = "2024-12-31",
        cik: str | None = CIK,
        amendment: bool | None = False,
        transition: bool | None = False,
        context: str = FISCAL_YEAR_CONTEXT,
        period: Period = FISCAL_YEAR,
        dei_year: int = 2024,
        cyd_year: int = 2024,
        registrant: str = "Harbor Point Analytics, Inc.",
        fiscal_year: str | None = "2024",
        fiscal_period: str | None = "FY",
        trading_symbol: str | None = "HPAN",
    ) -> None:
        self.info = FilingInfo(
            document_type=form,
            amendment=amendment,
            registrant_name=registrant,
            cik=cik,
            period_end=date.fromisoformat(period_end) if period_end else None,
            fiscal_year_focus=fiscal_year,
            fiscal_period_focus=fiscal_period,
            trading_symbol=trading_symbol,
            transition_report=transition,
            period=period,
            dei_namespaces=(dei_namespace(dei_year),),
        )
        self.default_context = context
        self.namespace = cyd_namespace(cyd_year)
        self.contexts: dict[str, Context] = {context: Context(period, cik)}
        self.facts: list[CydFact] = []
        self.section: Section | None = None

    # Building

    def as_filed(self, section: Section) -> Filing:
        """The filing's section as filed (Item 1C / 16K / 1.05), as the section reader gives it."""
        self.section = section
        return self

    def context(
        self,
        context_id: str,
        start: str | None = None,
        end: str | None = None,
        cik: str | None = None,
        dimension: tuple[str, str] | None = None,
    ) -> Filing:
        """A context like the filing's own, with another start, end, entity or one dimension."""
        base = self.contexts[self.default_context]
        period = base.period or Period()
        self.contexts[context_id] = Context(
            Period(
                start=date.fromisoformat(start) if start else period.start,
                end=date.fromisoformat(end) if end else period.end,
            ),
            cik or base.entity,
            (dimension,) if dimension else (),
        )
        return self

    def flag(self, concept: Concept | str, value: bool | str = True, fact_id: str | None = None) -> Filing:
        """A flag fact: True or False, or a string that is no boolean (a failed transform)."""
        return self._add(concept, fact_id, value=value)

    def text(self, concept: Concept | str, text: str, fact_id: str | None = None) -> Filing:
        """A text block holding `text` (plain text is its markup too)."""
        return self._add(concept, fact_id, text=text)

    def _add(self, concept: Concept | str, fact_id: str | None, **value: Any) -> Filing:
        concept = concept if isinstance(concept, Concept) else concept_for(concept)
        context = self.contexts[self.default_context]
        fact = CydFact(
            concept=concept,
            namespace=self.namespace,
            value=None,
            html=None,
            lexical="",
            context_id=self.default_context,
            period=context.period,
            entity=context.entity,
            entity_scheme=CIK_SCHEME,
            dimensions=context.dimensions,
            id=fact_id,
            document=DOCUMENT,
            line=len(self.facts) + 1,
            hidden=False,
            nil=False,
            language=LANGUAGE,
            incident=_incident_of(concept),
        )
        self.facts.append(_with_value(fact, **value))
        return self

    # Editing facts by id, as tests/support/variants.py edits the samples

    def fact(self, fact_id: str) -> CydFact:
        found = [fact for fact in self.facts if fact.id == fact_id]
        assert len(found) == 1, f"no single fact with id {fact_id}"
        return found[0]

    def set(
        self,
        fact_id: str,
        *,
        value: bool | str | None = None,
        text: str | None = None,
        context: str | None = None,
        **fields: Any,
    ) -> Filing:
        """Change a fact: its flag value, its text, its context (by id) or any CydFact field
        (hidden, language, namespace ...)."""
        fact = self.fact(fact_id)
        changed = replace(fact, **fields)
        if value is not None or text is not None:
            changed = _with_value(changed, value=value, text=text)
        if context is not None:
            where = self.contexts[context]
            changed = replace(
                changed,
                context_id=context,
                period=where.period,
                entity=where.entity,
                dimensions=where.dimensions,
            )
        self.facts[self.facts.index(fact)] = changed
        return self

    def set_text(self, fact_id: str, text: str) -> Filing:
        return self.set(fact_id, text=text)

    def make_nil(self, fact_id: str) -> Filing:
        fact = self.fact(fact_id)
        self.facts[self.facts.index(fact)] = replace(fact, nil=True, value=None, html=None, lexical="")
        return self

    def hide(self, fact_id: str) -> Filing:
        return self.set(fact_id, hidden=True)

    def rename(self, fact_id: str, name: Concept | str, namespace: str | None = None) -> Filing:
        """Give a fact another cyd concept (a local name may be one the catalogue does not know),
        optionally in another cyd namespace."""
        concept = name if isinstance(name, Concept) else concept_for(name)
        namespace = namespace or self.fact(fact_id).namespace
        return self.set(fact_id, concept=concept, namespace=namespace, incident=_incident_of(concept))

    def unwrap(self, fact_id: str) -> Filing:
        """Untag a fact."""
        self.facts.remove(self.fact(fact_id))
        return self

    def unwrap_all(self) -> Filing:
        self.facts.clear()
        return self

    def copy_fact(self, fact_id: str, new_id: str, **changes: Any) -> Filing:
        """Tag a second fact next to the first (same concept, context and value), then change it."""
        fact = self.fact(fact_id)
        self.facts.insert(self.facts.index(fact) + 1, replace(fact, id=new_id, line=(fact.line or 0) + 1))
        return self.set(new_id, **changes) if changes else self

    def build(self) -> Disclosure:
        return Disclosure(
            source=DOCUMENT,
            filing=self.info,
            facts=tuple(self.facts),
            cyd_namespaces=tuple(sorted({fact.namespace for fact in self.facts})),
            documents=(DOCUMENT,),
            section=self.section,
        )


def _incident_of(concept: Concept) -> str | None:
    """The incident an incident element tagged without the incident axis reports on, as read."""
    return UNNAMED_INCIDENT if concept.family is FormFamily.INCIDENT else None


def _with_value(fact: CydFact, value: bool | str | None = None, text: str | None = None) -> CydFact:
    if fact.concept.is_flag:
        flag = value if value is not None else text
        if isinstance(flag, bool):
            return replace(fact, value=flag, lexical=str(flag).lower(), nil=False)
        return replace(fact, value=None, lexical=flag or "", nil=False)
    markup = text if text is not None else str(value or "")
    return replace(fact, value=markup.strip(), html=markup, nil=False)


def annual_report(**filing: Any) -> Filing:
    """A complete Item 1C on the fiscal-year context, as the sample 10-K tags it: every annual
    element, each flag true but materially-affected, ids cyd-01 to cyd-16."""
    built = Filing(**filing)
    for concept in ANNUAL_CONCEPTS:
        if concept.is_flag:
            built.flag(concept, concept.local_name != MATERIALLY_AFFECTED_FLAG, annual_id(concept))
        else:
            text = ANNUAL_TEXTS.get(concept.order, f"What the company says about {concept.label}.")
            built.text(concept, text, annual_id(concept))
    return built


def incident_report(**filing: Any) -> Filing:
    """An Item 1.05 8-K like the sample: the four aspects on the event day's context."""
    options = {
        "form": "8-K",
        "period_end": "2025-03-10",
        "cik": INCIDENT_CIK,
        "amendment": False,
        "transition": None,
        "context": INCIDENT_CONTEXT,
        "period": INCIDENT_DAY,
        "registrant": "Northwind Freight Systems Corp.",
        "fiscal_year": None,
        "fiscal_period": None,
        "trading_symbol": None,
    }
    built = Filing(**(options | filing))
    for concept, fact_id in zip(INCIDENT_ASPECTS, INCIDENT_IDS, strict=True):
        built.text(concept, f"What the company says about {concept.label}.", fact_id)
    return built


# Item 1C as filed (`Filing.as_filed`): headings, paragraphs tagged by the facts of annual_report()
# whose ids they give, and an untagged last paragraph on the CISO's expertise.
EXPERTISE_PARAGRAPH = (
    "Our Chief Information Security Officer has more than 25 years of experience in information "
    "technology and cybersecurity, including leadership roles in information security at several "
    "Fortune 500 companies. He holds a bachelor's degree in computer science and is a Certified "
    "Information Systems Security Professional (CISSP) and a Certified Information Security Manager (CISM)."
)
ITEM_1C: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("Risk Management and Strategy", ()),
    (
        "We maintain a cybersecurity risk management program designed to assess, identify and manage "
        "material risks from cybersecurity threats, including vulnerability scanning, penetration testing "
        "and security awareness training for our employees.",
        ("cyd-01",),
    ),
    ("Governance", ()),
    (
        "Our Board of Directors oversees cybersecurity risk as part of its oversight of enterprise risk, "
        "and receives a report on cybersecurity from management at least once a year.",
        ("cyd-08",),
    ),
    (
        "Our Audit Committee oversees cybersecurity risk on behalf of the Board and receives quarterly "
        "reports from our Chief Information Security Officer on cybersecurity matters.",
        ("cyd-09", "cyd-10"),
    ),
    (
        "Our Chief Information Security Officer leads our cybersecurity team and is responsible for "
        "assessing and managing our material risks from cybersecurity threats.",
        ("cyd-11", "cyd-13"),
    ),
    (EXPERTISE_PARAGRAPH, ()),
)


def item_1c(*left_out: int) -> Section:
    """ITEM_1C as the section reader gives it, one paragraph a line from line 3, without the
    paragraphs numbered `left_out`; a paragraph is tagged by the elements of its fact ids."""
    built = annual_report()
    paragraphs = tuple(
        Paragraph(text, DOCUMENT, line, tuple(built.fact(i).local_name for i in ids), len(text) if ids else 0)
        for line, (text, ids) in enumerate(ITEM_1C, start=3)
        if line - 3 not in left_out
    )
    return Section("1C", True, "Item 1C. Cybersecurity", DOCUMENT, 2, paragraphs=paragraphs)


def fact(name: str, value: bool | str | None, period: Period | None = FISCAL_YEAR, **fields: Any) -> CydFact:
    """One cyd fact on its own: a flag (True / False), a text block (its markup), or nil (None), on
    `period` (None: no context); any other CydFact field may be given."""
    lexical = str(value).lower() if isinstance(value, bool) else value or ""
    defaults: dict[str, Any] = {
        "concept": concept_for(name),
        "namespace": cyd_namespace(2024),
        "value": value,
        "html": value if isinstance(value, str) else None,
        "lexical": lexical,
        "context_id": "c" if period else None,
        "period": period,
        "entity": CIK,
        "entity_scheme": CIK_SCHEME,
        "dimensions": (),
        "id": f"f-{name[-12:]}-{period.days if period else 0}",
        "document": DOCUMENT,
        "line": 1,
        "hidden": False,
        "nil": value is None,
        "language": LANGUAGE,
    }
    return CydFact(**(defaults | fields))


def disclosure(
    form: str, facts: tuple[CydFact, ...], period: Period = FISCAL_YEAR, section: Section | None = None
) -> Disclosure:
    """A Disclosure of `form` holding `facts` as given, for the fiscal `period`."""
    filing = FilingInfo(
        document_type=form,
        amendment=False,
        registrant_name="Example Corp",
        cik=CIK,
        period_end=period.end or period.instant,
        period=period,
        dei_namespaces=(dei_namespace(2024),),
    )
    return Disclosure(DOCUMENT, filing, facts, (cyd_namespace(2024),), section=section)
