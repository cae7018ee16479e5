"""Reading a loaded filing into a Disclosure (the integration layer keeps one per model).

Facts are found through Arelle's qname index and identified by namespace and local name, so
extraction works when the cyd and dei schemas could not be loaded (offline, no extension schema).
An xBRL-XML fact without a schema is not even a ModelFact to Arelle (a plain ModelObject), so
facts are read through their attributes (xsi:nil, contextRef, xml:lang), which every kind has.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from arelle.ModelDocument import Type as DocumentType
from arelle.ModelInstanceObject import ModelFact
from arelle.ModelValue import QName
from arelle.ModelValue import qname as resolve_qname
from arelle.XmlUtil import ancestorOrSelfAttr
from arelle.XmlValidateConst import VALID

from .catalogue import (
    INCIDENT_AXIS,
    SECTION_ITEMS,
    UNNAMED_INCIDENT,
    Dei,
    FormFamily,
    concept_for,
    is_cyd_namespace,
    is_dei_namespace,
)
from .disclosure import CydFact, Disclosure, FilingInfo, Period
from .inline_xbrl import continuation_finder, declared_ix_namespaces, ix_kind, text_block_markup
from .section import Section, TextBlocks, read_section
from .textblock import plain_text

if TYPE_CHECKING:
    from arelle.ModelDocument import ModelDocument
    from arelle.ModelInstanceObject import ModelContext
    from arelle.ModelObject import ModelObject
    from arelle.ModelXbrl import ModelXbrl

_TRUE_WORDS: Final = frozenset({"true", "1", "yes"})
_FALSE_WORDS: Final = frozenset({"false", "0", "no"})
_FILING_TYPES: Final = frozenset(
    {DocumentType.INSTANCE, DocumentType.INLINEXBRL, DocumentType.INLINEXBRLDOCUMENTSET}
)
_XSI_NIL: Final = "{http://www.w3.org/2001/XMLSchema-instance}nil"
_XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"


def is_filing(modelXbrl: ModelXbrl) -> bool:
    """Whether the loaded entry point is an instance or inline XBRL filing."""
    document = getattr(modelXbrl, "modelDocument", None)
    return document is not None and document.type in _FILING_TYPES


def read_disclosure(modelXbrl: ModelXbrl) -> Disclosure:
    cyd_facts: list[ModelObject] = []
    dei_facts: dict[str, list[ModelObject]] = {}
    cyd_namespaces: set[str] = set()
    for qname, facts in facts_by_qname(modelXbrl).items():
        if is_cyd_namespace(qname.namespaceURI):
            cyd_facts.extend(facts)
            cyd_namespaces.add(qname.namespaceURI)
        else:
            dei_facts.setdefault(qname.localName, []).extend(facts)
    continuation = continuation_finder(modelXbrl)
    facts = sorted((read_fact(fact, continuation) for fact in cyd_facts), key=_presentation_key)
    document = modelXbrl.modelDocument
    filing = read_filing_info(dei_facts)
    return Disclosure(
        source=getattr(document, "uri", "") or "",
        filing=filing,
        facts=tuple(facts),
        cyd_namespaces=tuple(sorted(cyd_namespaces)),
        documents=tuple(sorted({_document_name(d) for d in _instance_documents(modelXbrl)})),
        section=read_filing_section(modelXbrl, filing, cyd_facts),
    )


def read_filing_section(
    modelXbrl: ModelXbrl, filing: FilingInfo, cyd_facts: Iterable[ModelObject] | None = None
) -> Section | None:
    """Item 1C / 16K as filed, read from the inline documents of an annual report; None for other
    forms and for xBRL-XML instances (which carry no text around their facts).

    `cyd_facts` are the filing's cyd facts as extraction found them: their text blocks say what
    the section's tagging is, and the blocks' continuations come from Arelle's index of the
    document set's ids. Without them, the reader finds the text blocks by walking every document."""
    item = SECTION_ITEMS.get(filing.base_form)
    roots = getattr(modelXbrl, "ixdsHtmlElements", None)
    if item is None or not roots:
        return None
    documents = [(_document_name(root.modelDocument), root) for root in roots]
    continuation = continuation_finder(modelXbrl)
    company = filing.registrant_name
    if cyd_facts is None or continuation is None:
        return read_section(documents, item, company=company)
    text_blocks = [(fact, fact.qname.localName) for fact in cyd_facts if _is_inline_text_block(fact)]
    return read_section(documents, item, TextBlocks(text_blocks, continuation), company)


def _is_inline_text_block(fact: ModelObject) -> bool:
    return ix_kind(fact) == "nonNumeric" and not concept_for(fact.qname.localName).is_flag


def _is_wanted(namespace: str | None) -> bool:
    return is_cyd_namespace(namespace) or is_dei_namespace(namespace)


def facts_by_qname(modelXbrl: ModelXbrl) -> dict[QName, list[ModelObject]]:
    """The cyd and dei facts, defined or not, without visiting the filing's other facts.

    Facts whose schema is loaded come from Arelle's qname index. Facts whose schema is missing
    are left out of that index: xBRL-XML ones are listed in `undefinedFacts`, inline ones are
    found by an XPath on the prefixes the document binds to cyd and dei namespaces, run only
    when some fact lacks a schema (the usual case offline).
    """
    found: dict[int, ModelObject] = {}
    for qname in list(modelXbrl.factsByQname.keys()):
        if qname is not None and _is_wanted(qname.namespaceURI):
            for fact in modelXbrl.factsByQname[qname]:
                found[id(fact)] = fact
    for fact in getattr(modelXbrl, "undefinedFacts", None) or ():
        if fact.qname is not None and _is_wanted(fact.qname.namespaceURI):
            found[id(fact)] = fact
    target = getattr(modelXbrl, "ixdsTarget", None)
    # Every fact is indexed when none lacks a schema: then only a namespace without a schema
    # can hide facts from the index. (Both are counts, read without visiting facts.)
    all_indexed = len(modelXbrl.factsInInstance) == len(modelXbrl.facts)
    unindexed_namespaces = (
        (lambda ns: ns not in modelXbrl.namespaceDocs) if all_indexed else (lambda ns: True)
    )
    for root in getattr(modelXbrl, "ixdsHtmlElements", None) or ():
        for fact in _inline_candidates(root, unindexed_namespaces):
            qname = getattr(fact, "qname", None)
            if qname is not None and _is_wanted(qname.namespaceURI) and fact.get("target") == target:
                found.setdefault(id(fact), fact)
    grouped: dict[QName, list[ModelObject]] = {}
    for fact in found.values():
        grouped.setdefault(fact.qname, []).append(fact)
    return grouped


def _inline_candidates(root: ModelObject, unindexed: Callable[[str], bool]) -> list[ModelObject]:
    """ix:nonNumeric elements named with a prefix that the root binds to a cyd or dei namespace
    whose facts may be missing from Arelle's index."""
    name_starts = tuple(
        sorted(
            f"{prefix}:"
            for prefix, namespace in root.nsmap.items()
            if prefix and _is_wanted(namespace) and unindexed(namespace)
        )
    )
    ix_namespace = next(iter(declared_ix_namespaces(root)), None)
    if not name_starts or ix_namespace is None:
        return []
    # A tag-filtered walk (done in libxml2) finds the same elements as the XPath
    # //ix:nonNumeric[starts-with(@name, 'cyd:') or ...] in half the time on Arelle's documents;
    # only the ix:nonNumeric elements reach Python.
    return [
        element
        for element in root.iter(f"{{{ix_namespace}}}nonNumeric")
        if (element.get("name") or "").startswith(name_starts)
    ]


def _presentation_key(fact: CydFact) -> tuple[Any, ...]:
    return (fact.concept.order, fact.local_name, fact.document, fact.line or 0, fact.id or "")


def _instance_documents(modelXbrl: ModelXbrl) -> Iterable[ModelDocument]:
    """The instance or inline documents the facts came from (not schemas or linkbases)."""
    for element in getattr(modelXbrl, "ixdsHtmlElements", None) or ():
        yield element.modelDocument
    if modelXbrl.modelDocument is not None and not getattr(modelXbrl, "ixdsHtmlElements", None):
        yield modelXbrl.modelDocument


def _document_name(document: ModelDocument | None) -> str:
    uri = getattr(document, "uri", "") or ""
    return os.path.basename(uri) or uri


def read_fact(fact: ModelObject, continuation: Callable[[str], ModelObject | None] | None = None) -> CydFact:
    """One cyd fact; `continuation` finds the ix:continuations of inline text blocks."""
    name = fact.qname
    concept = concept_for(name.localName)
    context = _context(fact)
    nil = is_nil(fact)
    lexical = _lexical_value(fact)
    if concept.is_flag:
        value: bool | str | None = None if nil else flag_value(fact, lexical)
        markup = None
    else:
        markup = None if nil or lexical is None else text_block_markup(fact, lexical, continuation)
        value = None if markup is None else plain_text(markup)
    scheme, identifier = _entity(context)
    dimensions = _dimensions(context)
    member, incident = _incident(dimensions)
    if incident is None and concept.family is FormFamily.INCIDENT:
        incident = UNNAMED_INCIDENT
    return CydFact(
        concept=concept,
        namespace=name.namespaceURI or "",  # never empty: facts are read for their cyd namespace
        value=value,
        html=markup,
        lexical=(lexical or "") if concept.is_flag else "",
        context_id=fact.get("contextRef"),
        period=_period(context),
        entity=identifier,
        entity_scheme=scheme,
        dimensions=tuple(sorted((str(d), text) for d, (text, _) in dimensions.items())),
        id=fact.id,
        document=_document_name(fact.modelDocument),
        line=fact.sourceline,
        hidden=is_hidden(fact),
        nil=nil,
        language=ancestorOrSelfAttr(fact, _XML_LANG),
        incident=incident,
        incident_member=member,
        model_ref=weakref.ref(fact),
    )


def is_nil(fact: ModelObject) -> bool:
    return fact.get(_XSI_NIL) in ("true", "1")


def _lexical_value(fact: ModelObject) -> str | None:
    """The fact's value after any transform; None when the transform failed."""
    try:
        # An xBRL-XML fact without a schema is a plain element: its value is its text.
        return fact.value if isinstance(fact, ModelFact) else fact.textValue
    except Exception:  # Arelle re-raises a failed inline transform on every read
        return None


def flag_value(fact: ModelObject, lexical: str | None) -> bool | None:
    """A flag as a Python boolean, whichever way it was tagged; None when it is not one."""
    typed = getattr(fact, "xValue", None)
    if getattr(fact, "xValid", 0) >= VALID and isinstance(typed, bool):
        return typed
    return boolean_from_text(lexical)


def boolean_from_text(text: str | None) -> bool | None:
    word = (text or "").strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    return None


def is_hidden(fact: ModelObject) -> bool:
    return any(ix_kind(ancestor) == "hidden" for ancestor in fact.iterancestors())


def _context(fact: ModelObject) -> ModelContext | None:
    model, context_id = fact.modelXbrl, fact.get("contextRef")
    if model is None or context_id is None:
        return None
    try:
        return model.contexts.get(context_id)
    except Exception:  # a broken context reference is reported, not fatal
        return None


def _period(context: ModelContext | None) -> Period | None:
    if context is None:
        return None
    try:
        if context.isInstantPeriod:
            return Period(instant=context.instantDate)
        if context.isStartEndPeriod:
            start = context.startDatetime
            return Period(start=start.date() if start else None, end=context.endDate)
    except Exception:  # malformed dates: no period rather than no fact
        return None
    return Period()


def _entity(context: ModelContext | None) -> tuple[str | None, str | None]:
    if context is None:
        return None, None
    try:
        scheme, identifier = context.entityIdentifier
    except Exception:
        return None, None
    return scheme, (identifier or "").strip() or None


def _dimensions(context: ModelContext | None) -> dict[QName | str, tuple[str, str]]:
    """Each dimension (its QName, or its name as written when the prefix is not declared) ->
    (the member as written, the member's name: its label when Arelle knows the member, else its
    local name, or the typed member's value)."""
    if context is None:
        return {}
    members: dict[QName | str, tuple[str, str]] = {}
    for dimension_value in context.qnameDims.values():
        written = dimension_value.get("dimension")
        dimension = dimension_value.dimensionQname or _resolved(dimension_value, written)
        if dimension_value.isExplicit:
            member = dimension_value.memberQname or (dimension_value.text or "").strip()
            concept = dimension_value.member if dimension_value.memberQname else None
            label = concept.label(fallbackToQname=False, strip=True) if concept is not None else None
            text = str(member)
            members[dimension] = (text, label or text.rpartition(":")[2])
        else:
            typed = dimension_value.typedMember
            text = (typed.stringValue if typed is not None else "").strip()
            members[dimension] = (text, text)
    return members


def _resolved(element: ModelObject, prefixed_name: str | None) -> QName | str:
    """A prefixed name as a QName, resolved against the element's namespace declarations."""
    resolved = resolve_qname(element, prefixed_name) if prefixed_name else None
    return resolved if resolved is not None and resolved.namespaceURI else str(prefixed_name)


def _incident(dimensions: dict[QName | str, tuple[str, str]]) -> tuple[str | None, str | None]:
    """(member, name) of the fact's member of the cyd incident axis, or (None, None)."""
    for dimension, (member, name) in dimensions.items():
        if (
            isinstance(dimension, QName)
            and dimension.localName == INCIDENT_AXIS
            and is_cyd_namespace(dimension.namespaceURI)
        ):
            return member, name
    return None, None


def read_filing_info(dei_facts: dict[str, list[ModelObject]]) -> FilingInfo:
    def first_fact(element: Dei) -> ModelObject | None:
        candidates = [fact for fact in dei_facts.get(element.value, ()) if not is_nil(fact)]
        return min(candidates, key=lambda fact: fact.objectIndex) if candidates else None

    def text(element: Dei) -> str | None:
        """The value with its white space collapsed: the markup's line breaks are no part of it."""
        fact = first_fact(element)
        value = _lexical_value(fact) if fact is not None else None
        return " ".join((value or "").split()) or None

    def boolean(element: Dei) -> bool | None:
        fact = first_fact(element)
        return flag_value(fact, _lexical_value(fact)) if fact is not None else None

    document_type_fact = first_fact(Dei.DOCUMENT_TYPE)
    period = _period(_context(document_type_fact)) if document_type_fact is not None else None
    period_end = _iso_date(text(Dei.PERIOD_END_DATE))
    if period_end is None and period is not None:
        period_end = period.end or period.instant
    return FilingInfo(
        document_type=text(Dei.DOCUMENT_TYPE),
        amendment=boolean(Dei.AMENDMENT_FLAG),
        registrant_name=text(Dei.REGISTRANT_NAME),
        cik=text(Dei.CENTRAL_INDEX_KEY),
        period_end=period_end,
        fiscal_year_focus=text(Dei.FISCAL_YEAR_FOCUS),
        fiscal_period_focus=text(Dei.FISCAL_PERIOD_FOCUS),
        trading_symbol=text(Dei.TRADING_SYMBOL),
        transition_report=boolean(Dei.TRANSITION_REPORT),
        period=period,
        dei_namespaces=tuple(
            sorted({fact.qname.namespaceURI or "" for facts in dei_facts.values() for fact in facts})
        ),
    )


def _iso_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None
