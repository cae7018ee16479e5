"""Which documents of an archive are one report.

Arelle's `inlineXbrlDocumentSet` plugin loads every inline document of an archive as one document
set, which is right for an EDGAR submission (a primary document and its inline exhibits are one
report) but merges an archive of two filings into one reading of the first company. A document
that names its registrant, form or period (dei) begins a report of its own when those differ from
every other report's; a document that names none of them (an exhibit) belongs to the report it
came with.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Final

from ..core.catalogue import Dei, is_dei_namespace
from ..core.inline_xbrl import declared_ix_namespaces

if TYPE_CHECKING:
    from arelle.ModelDocument import ModelDocument
    from arelle.ModelObject import ModelObject
    from arelle.ModelXbrl import ModelXbrl

# What tells one report from another, as EDGAR tells its separate document sets apart by form.
IDENTITY: Final = frozenset({Dei.CENTRAL_INDEX_KEY, Dei.DOCUMENT_TYPE, Dei.PERIOD_END_DATE})

Identity = dict[str, str]


def separate_reports(model: ModelXbrl) -> list[str]:
    """The name of each report's first document in a loaded inline XBRL document set, in document
    order: one name when the documents are one report (or the model is a single document)."""
    roots = getattr(model, "ixdsHtmlElements", None) or ()
    if len(roots) < 2:
        return [_name(roots[0].modelDocument if roots else model.modelDocument)]
    target = getattr(model, "ixdsTarget", None)
    reports: list[tuple[str, Identity]] = []
    for root in roots:
        identity = _identity(root, target)
        report = next((r for r in reports if _same_report(r[1], identity)), None)
        if report is None:
            reports.append((_name(root.modelDocument), identity))
        else:
            report[1].update(identity)
    return [name for name, _ in reports]


def _same_report(report: Identity, document: Identity) -> bool:
    return all(report.get(name, value) == value for name, value in document.items())


def _identity(root: ModelObject, target: str | None) -> Identity:
    """The identifying dei values a document tags for `target` (the first of each)."""
    namespace = next(iter(declared_ix_namespaces(root)), None)
    identity: Identity = {}
    if namespace is None:
        return identity
    for element in root.iter(f"{{{namespace}}}nonNumeric"):
        name = (element.get("name") or "").rpartition(":")[2]
        if name in IDENTITY and name not in identity and element.get("target") == target:
            qname = getattr(element, "qname", None)
            if qname is not None and is_dei_namespace(qname.namespaceURI):
                identity[name] = _value(element)
    return identity


def _value(element: Any) -> str:
    try:
        value = element.value  # after its transform: the same date however it is written
    except Exception:  # Arelle re-raises a failed transform on every read
        value = element.rawValue
    return " ".join(str(value).split())


def _name(document: ModelDocument | None) -> str:
    uri = getattr(document, "uri", "") or ""
    return os.path.basename(uri) or uri
