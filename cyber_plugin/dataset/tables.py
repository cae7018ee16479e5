"""cyber-extract's three tables, filings, facts and findings, as rows derived from dataset records.

A table is a tuple of columns: a short snake_case name, a type, what it holds, and how it is read
from a record. Every table file (CSV, Parquet), `cyber_plugin.dataset.read` and the data dictionary
(docs/data-dictionary.md, written by tools/data_dictionary.py) take the columns from here; the
flag and text-block columns take their names from the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, Final

from ..core.catalogue import ANNUAL_FLAGS, CONCEPTS, Concept, FormFamily, concept_for
from ..core.findings import Severity
from ..core.status import Status
from ..outputs.tabular import LIST_SEPARATOR
from .table_model import Column, ColumnType, Item, Record, Table

CIK_DIGITS: Final = 10
# The record key naming the EDGAR-extracted instance left unread beside an inline document.
SKIPPED_TWIN: Final = "skippedTwin"


# Readings of a record. A failure record (with `error`) has only source, sha256 and error: every
# other reading gives None for it.


def _get(mapping: Mapping[str, Any] | None, *keys: str) -> Any:
    """mapping[k1][k2]..., or None where a level is missing."""
    value: Any = mapping
    for key in keys:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def _iso_date(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def _integer(text: object) -> int | None:
    try:
        return int(str(text).strip()) if text is not None else None
    except ValueError:
        return None


def padded_cik(cik: object) -> str | None:
    """A CIK as EDGAR writes it, ten digits with leading zeros; anything else as tagged."""
    text = str(cik).strip() if cik is not None else ""
    return text.zfill(CIK_DIGITS) if text.isdigit() else text or None


def _listed(values: Iterable[object] | None) -> str | None:
    """Values separated by spaces; None for none."""
    return LIST_SEPARATOR.join(map(str, values or ())) or None


def _count(record: Record, key: str) -> int | None:
    return len(record[key]) if key in record else None


def _first_incident(record: Record) -> str | None:
    """The name of the incident the filing mentions first (records list incidents in that order)."""
    incidents = record.get("incidents") or ()
    return incidents[0]["name"] if incidents else None


def _first_value(record: Record, concept: Concept) -> object:
    """The value of a concept's first fact (facts are in presentation order), as for the flags; for
    an Item 1.05 element, the first incident's, so that one row never mixes incidents."""
    facts = record.get("facts", ())
    if concept.family is FormFamily.INCIDENT:
        first = _first_incident(record)
        facts = [fact for fact in facts if fact.get("incident") == first]
    return next((f["value"] for f in facts if f["concept"] == concept.local_name), None)


def _element(concept: Concept) -> str:
    """How the data dictionary names a concept: label, local name and the item it answers."""
    item = f"S-K {concept.item}" if concept.family is FormFamily.ANNUAL else concept.item
    return f"{concept.label}, `cyd:{concept.local_name}` ({item})"


def _finding_codes(findings: Iterable[Item]) -> str | None:
    return _listed(dict.fromkeys(finding["code"] for finding in findings))


def _severity_count(severity: Severity) -> Callable[[Record, Item], object]:
    def count(record: Record, item: Item) -> int | None:
        findings = record.get("findings")
        return None if findings is None else sum(f["severity"] == severity.value for f in findings)

    return count


def _record(*keys: str) -> Callable[[Record, Item], object]:
    return lambda record, item: _get(record, *keys)


def _item(*keys: str) -> Callable[[Record, Item], object]:
    return lambda record, item: _get(item, *keys)


_S, _B, _I, _F, _D = (
    ColumnType.STRING,
    ColumnType.BOOLEAN,
    ColumnType.INTEGER,
    ColumnType.FLOAT,
    ColumnType.DATE,
)

# The key of every table: which filing a row belongs to.
KEY_COLUMNS: Final = (
    Column("source", _S, "the input file (absolute path) the record was read from", _record("source")),
    Column(
        "accession_number",
        _S,
        "EDGAR's accession number of the submission (0000950170-25-012345), when the input names it",
        _record("accessionNumber"),
    ),
)

_STATUS_VALUES: Final = ", ".join(f"`{status.value}`" for status in Status)

FILINGS: Final = Table(
    "filings",
    "one row per filing (input file); a failed filing has only its identity (`source`, `sha256`, "
    "`skipped_twin`, `accession_number`, `filed`) and `error`",
    (
        *KEY_COLUMNS,
        Column("sha256", _S, "SHA-256 of the input file's bytes", _record("sha256")),
        Column(
            "skipped_twin",
            _S,
            "the XBRL instance EDGAR extracted from this inline document (x_htm.xml beside x.htm), left "
            "unread: one filing is read once",
            _record(SKIPPED_TWIN),
        ),
        Column(
            "filed",
            _D,
            "EDGAR's filing date, when the input names it",
            lambda r, i: _iso_date(r.get("filed")),
        ),
        Column(
            "cik",
            _S,
            "dei:EntityCentralIndexKey as ten digits with leading zeros",
            lambda r, i: padded_cik(_get(r, "entity", "cik")),
        ),
        Column(
            "ticker", _S, "dei:TradingSymbol, the first one in the filing", _record("entity", "tradingSymbol")
        ),
        Column("entity_name", _S, "dei:EntityRegistrantName", _record("entity", "name")),
        Column("form", _S, "dei:DocumentType (10-K, 20-F, 8-K, 10-K/A ...)", _record("documentType")),
        Column("amendment", _B, "dei:AmendmentFlag (empty when not tagged)", _record("amendment")),
        Column(
            "fiscal_year",
            _I,
            "dei:DocumentFiscalYearFocus",
            lambda r, i: _integer(r.get("fiscalYearFocus")),
        ),
        Column(
            "fiscal_period", _S, "dei:DocumentFiscalPeriodFocus (FY, Q1 ...)", _record("fiscalPeriodFocus")
        ),
        Column(
            "period_end", _D, "dei:DocumentPeriodEndDate", lambda r, i: _iso_date(_get(r, "period", "end"))
        ),
        Column(
            "status",
            _S,
            f"the tagging status, one of {_STATUS_VALUES} (see the status values); empty for a failed filing",
            _record("status"),
        ),
        Column("error", _S, "why the filing could not be read (empty when it was)", _record("error")),
        Column(
            "eight_k_items",
            _S,
            "the 8-K items the submission reports (space-separated), when known",
            lambda r, i: _listed(r.get("eightKItems")),
        ),
        Column(
            "cyd_namespaces",
            _S,
            "the cyd namespaces the facts use (space-separated)",
            lambda r, i: _listed(r.get("cydNamespaces")) if "facts" in r else None,
        ),
        Column(
            "cyd_facts", _I, "the number of cyd facts, duplicates included", lambda r, i: _count(r, "facts")
        ),
        *(
            Column(
                concept.short_name,
                _B,
                f"{_element(concept)}: true, false, or empty when not tagged (absent is not false)",
                lambda r, i, name=concept.local_name: _get(r, "flags", name),
            )
            for concept in ANNUAL_FLAGS
        ),
        Column(
            "incidents",
            _I,
            "the number of incidents the filing reports (members of the incident axis; incident facts "
            "without the axis make one); empty when it reports none",
            lambda r, i: len(r["incidents"]) if r.get("incidents") else None,
        ),
        Column(
            "incident",
            _S,
            "the incident the `incident_*` text columns are about: the one the filing mentions first "
            "(the member's label, else its local name); the others' texts are in `facts`",
            lambda r, i: _first_incident(r),
        ),
        *(
            Column(
                concept.short_name,
                _S,
                f"{_element(concept)}: the plain text of "
                + (
                    "the first incident's first fact"
                    if concept.family is FormFamily.INCIDENT
                    else "its first fact"
                )
                + ", one line per paragraph; empty when not tagged",
                lambda r, i, concept=concept: _first_value(r, concept),
            )
            for concept in CONCEPTS
            if not concept.is_flag
        ),
        Column(
            "section_found",
            _B,
            "whether the Item 1C / 16K / 1.05 section was found in the document",
            _record("section", "found"),
        ),
        Column(
            "section_tagged_share",
            _F,
            "the share (0 to 1) of the section's text that cyd text blocks tag",
            _record("section", "taggedShare"),
        ),
        Column("section_text", _S, "the section's plain text, tagged or not", _record("section", "text")),
        *(
            Column(
                f"findings_{severity.value}",
                _I,
                f"the number of {severity.value} findings",
                _severity_count(severity),
            )
            for severity in Severity
        ),
        Column(
            "finding_codes",
            _S,
            "the distinct finding codes, in finding order (space-separated)",
            lambda r, i: _finding_codes(r.get("findings", ())),
        ),
    ),
    lambda record: (record,),
)


def _flag(record: Record, fact: Item) -> object:
    return fact["value"] if fact["kind"] == "flag" and isinstance(fact["value"], bool) else None


def _text(record: Record, fact: Item) -> object:
    return fact["value"] if fact["kind"] == "text" else None


def _period_end(record: Record, fact: Item) -> date | None:
    period = fact.get("period") or {}
    return _iso_date(period.get("end") or period.get("instant"))


def _fact_findings(record: Record, fact: Item) -> str | None:
    fact_id = fact.get("id")
    return _finding_codes(f for f in record.get("findings", ()) if fact_id and fact_id in f["factIds"])


FACTS: Final = Table(
    "facts",
    "one row per cyd fact, duplicates included, in presentation order; facts of different incidents "
    "(members of the incident axis) are kept apart by `incident`",
    (
        *KEY_COLUMNS,
        Column("concept", _S, "the local name in the cyd namespace", _item("concept")),
        Column(
            "name",
            _S,
            "the concept's short name, as its column in `filings` (derived from the local name for a "
            "concept the catalogue does not know)",
            lambda r, fact: concept_for(fact["concept"]).short_name,
        ),
        Column(
            "section",
            _S,
            "risk management and strategy, governance, material incident or unknown",
            _item("section"),
        ),
        Column("kind", _S, "flag or text", _item("kind")),
        Column(
            "incident",
            _S,
            "the incident (the member of the incident axis), empty when none",
            _item("incident"),
        ),
        Column("flag", _B, "a flag's value (empty when nil or not a boolean, and for text blocks)", _flag),
        Column("text", _S, "a text block's plain text, one line per paragraph (empty for flags)", _text),
        Column(
            "period_start",
            _D,
            "the context's start date",
            lambda r, fact: _iso_date(_get(fact, "period", "start")),
        ),
        Column("period_end", _D, "the context's end date (an instant's date)", _period_end),
        Column("context", _S, "the context's id", _item("contextRef")),
        Column(
            "dimensions",
            _S,
            "the context's dimensions as dimension=member (space-separated)",
            lambda r, fact: _listed(f"{d}={m}" for d, m in (fact.get("dimensions") or {}).items()),
        ),
        Column("fact_id", _S, "the fact's id (the inline XBRL element id)", _item("id")),
        Column("document", _S, "the file holding the fact", _item("document")),
        Column("line", _I, "the fact's line in that file", _item("line")),
        Column("hidden", _B, "inside ix:hidden", _item("hidden")),
        Column("nil", _B, "xsi:nil", _item("nil")),
        Column("language", _S, "xml:lang in scope", _item("language")),
        Column("namespace", _S, "the cyd namespace", _item("namespace")),
        Column("known", _B, "whether the catalogue knows the concept", _item("known")),
        Column(
            "finding_codes", _S, "the codes of the findings about this fact (space-separated)", _fact_findings
        ),
    ),
    lambda record: record.get("facts", ()),
)

FINDINGS: Final = Table(
    "findings",
    "one row per finding of the plugin's rules",
    (
        *KEY_COLUMNS,
        Column("code", _S, "the rule's code (CYBER.missingElement ...)", _item("code")),
        Column("severity", _S, "error, warning or info", _item("severity")),
        Column("message", _S, "what the finding says", _item("message")),
        Column(
            "concepts",
            _S,
            "the local names of the concepts it is about (space-separated)",
            lambda r, f: _listed(f.get("concepts")),
        ),
        Column(
            "fact_ids",
            _S,
            "the ids of the facts it is about (space-separated)",
            lambda r, f: _listed(f.get("factIds")),
        ),
    ),
    lambda record: record.get("findings", ()),
)

TABLES: Final = (FILINGS, FACTS, FINDINGS)
TABLES_BY_NAME: Final = {table.name: table for table in TABLES}
