"""The tables a filing is read into: `filings`, `facts`, `findings`, `paragraphs` and `changes`.

Each is rows derived from the filing's record (see `filing_record`); `changes` from the comparison
with a prior filing the record carries (`changes_table`).

A table is a tuple of columns: a short snake_case name, a type, what it holds, and how it is read
from a record. cyber-extract's table files (CSV, Parquet), `cyber_plugin.dataset.read`, the CSV
export and the Excel workbook of one filing, and the data dictionary (docs/data-dictionary.md,
written by tools/data_dictionary.py) all take their columns from here.

`TABLE_VERSION` is the version of these definitions, written in every table file: it changes when
a column is renamed or removed or changes meaning or type. A column (or a table) may be added
without a new version: readers ignore the columns they do not know, and read a column missing from
an older file as empty.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ..core.catalogue import concept_for
from .changes_table import CHANGES as CHANGES  # re-exported: every table is read from this module
from .filings_table import (
    CIK,
    FILING_IDENTITY,
    KEY_COLUMNS,
    finding_codes,
    is_substantive_paragraph,
    section_paragraphs,
)
from .filings_table import (
    FILINGS as FILINGS,  # re-exported: every table is read from this module
)
from .table_model import Column, ColumnType, Item, Record, Table, iso_date, nested, of_item, of_record
from .tabular import listed

# 1: the columns before the export and the dataset shared their tables; 2: before list columns
# (8-K items, namespaces, finding codes, concepts, fact ids, dimensions, tagged_by were texts, their
# items separated by spaces, in Parquet too).
TABLE_VERSION: Final = 3
_S, _B, _I, _D, _L, _F = (
    ColumnType.STRING,
    ColumnType.BOOLEAN,
    ColumnType.INTEGER,
    ColumnType.DATE,
    ColumnType.LIST,
    ColumnType.FLOAT,
)


def _flag(record: Record, fact: Item) -> object:
    return fact["value"] if fact["kind"] == "flag" and isinstance(fact["value"], bool) else None


def _text(record: Record, fact: Item) -> object:
    return fact["value"] if fact["kind"] != "flag" and isinstance(fact["value"], str) else None


def _period_end(record: Record, fact: Item) -> date | None:
    period = fact.get("period") or {}
    return iso_date(period.get("end") or period.get("instant"))


def _fact_findings(record: Record, fact: Item) -> list[str]:
    fact_id = fact.get("id")
    return finding_codes(f for f in record.get("findings", ()) if fact_id and fact_id in f["factIds"])


FACTS: Final = Table(
    "facts",
    "one row per cyd fact, duplicates included, in presentation order; facts of different incidents "
    "(members of the incident axis) are kept apart by `incident`",
    (
        *KEY_COLUMNS,
        Column("concept", _S, "the local name in the cyd namespace", of_item("concept")),
        Column(
            "name",
            _S,
            "the concept's short name, as its column in `filings` (derived from the local name for a "
            "concept the catalogue does not know)",
            lambda r, fact: concept_for(fact["concept"]).short_name,
        ),
        Column("label", _S, "the concept's standard label", of_item("label")),
        Column(
            "section",
            _S,
            "risk management and strategy, governance, material incident, structure or unknown",
            of_item("section"),
        ),
        Column(
            "kind",
            _S,
            "flag, text, or abstract (a structural element, which should carry no fact)",
            of_item("kind"),
        ),
        Column(
            "incident",
            _S,
            "the incident (the member of the incident axis), empty when none",
            of_item("incident"),
        ),
        Column("flag", _B, "a flag's value (empty when nil or not a boolean, and for text blocks)", _flag),
        Column(
            "text",
            _S,
            "a text block's plain text, one line per paragraph (a structural element's value as tagged; "
            "empty for flags)",
            _text,
        ),
        Column(
            "period_start",
            _D,
            "the context's start date",
            lambda r, fact: iso_date(nested(fact, "period", "start")),
        ),
        Column("period_end", _D, "the context's end date (an instant's date)", _period_end),
        Column("context", _S, "the context's id", of_item("contextRef")),
        Column(
            "dimensions",
            _L,
            "the context's dimensions, each as dimension=member",
            lambda r, fact: listed(f"{d}={m}" for d, m in (fact.get("dimensions") or {}).items()),
        ),
        Column("fact_id", _S, "the fact's id (the inline XBRL element id)", of_item("id")),
        Column("document", _S, "the file holding the fact", of_item("document")),
        Column("line", _I, "the fact's line in that file", of_item("line")),
        Column("hidden", _B, "inside ix:hidden", of_item("hidden")),
        Column("nil", _B, "xsi:nil", of_item("nil")),
        Column("language", _S, "xml:lang in scope", of_item("language")),
        Column("namespace", _S, "the cyd namespace", of_item("namespace")),
        Column("known", _B, "whether the catalogue knows the concept", of_item("known")),
        Column("finding_codes", _L, "the codes of the findings about this fact", _fact_findings),
    ),
    lambda record: record.get("facts", ()),
)

FINDINGS: Final = Table(
    "findings",
    "one row per finding of the plugin's rules, with the filing's company, form and fiscal year",
    (
        *FILING_IDENTITY,
        Column("code", _S, "the rule's code (CYBER.missingElement ...)", of_item("code")),
        Column("severity", _S, "error, warning or info", of_item("severity")),
        Column("message", _S, "what the finding says", of_item("message")),
        Column(
            "concepts",
            _L,
            "the local names of the concepts it is about",
            lambda r, f: listed(f.get("concepts")),
        ),
        Column("fact_ids", _L, "the ids of the facts it is about", lambda r, f: listed(f.get("factIds"))),
    ),
    lambda record: record.get("findings", ()),
)


def _numbered_paragraphs(record: Record) -> list[Item]:
    """The section's paragraphs, each with its number (from 1, in document order)."""
    return [{**paragraph, "number": n} for n, paragraph in enumerate(section_paragraphs(record), start=1)]


def _best_suggestion(paragraph: Item, key: str) -> object:
    """The paragraph's first suggestion's concept or score; None without one (or in a record
    written before suggestions)."""
    suggested = paragraph.get("suggested") or ()
    return suggested[0][key] if suggested else None


PARAGRAPHS: Final = Table(
    "paragraphs",
    "one row per paragraph of the section as filed (Item 1C of a 10-K, Item 16K of a 20-F, Item 1.05 "
    "of an 8-K), in document order, tagged or not; none for a filing whose section was not read or "
    "not found",
    (
        *KEY_COLUMNS,
        CIK,
        Column("item", _S, "the section's item (1C, 16K, 1.05)", of_record("section", "item")),
        Column("paragraph", _I, "the paragraph's number in the section, from 1", of_item("number")),
        Column("document", _S, "the file holding the paragraph", of_item("document")),
        Column("line", _I, "the paragraph's source line in that file", of_item("line")),
        Column(
            "page",
            _S,
            "the page number the document prints on the paragraph's page (`39`, `F-3`); empty where it "
            "prints none",
            of_item("page"),
        ),
        Column(
            "anchor",
            _S,
            "the id of the nearest element that has one (in the paragraph, else before it): "
            "`document#anchor` opens the document there",
            of_item("anchor"),
        ),
        Column("text", _S, "the paragraph's plain text, as the page shows it", of_item("text")),
        Column(
            "tagged_by",
            _L,
            "the local names of the cyd text blocks covering some of it; empty when none does",
            lambda r, p: listed(p.get("taggedBy")),
        ),
        Column(
            "substantive",
            _B,
            "whether it says something (false for a heading, a sub-heading or a short line): a "
            "substantive paragraph with an empty `tagged_by` is text no cyd text block covers",
            lambda r, p: is_substantive_paragraph(p),
        ),
        Column(
            "suggested",
            _S,
            "the suggestion model's best element for the paragraph (a local name; docs/suggestion-model.md): "
            "the model's reading of its text, never the filer's tag (that is `tagged_by`); for every "
            "substantive paragraph of Item 1C / 16K, tagged or not, and in filings that tag nothing, so "
            "that an untagged year's section reads in the same elements; empty for other paragraphs, "
            "Item 1.05 and sections incorporated by reference",
            lambda r, p: _best_suggestion(p, "concept"),
        ),
        Column(
            "suggested_score",
            _F,
            "the suggestion model's score of `suggested`, 0 to 1: how likely a filer would tag the "
            "paragraph with it (calibrated, so 0.9 is right about nine times in ten)",
            lambda r, p: _best_suggestion(p, "score"),
        ),
    ),
    _numbered_paragraphs,
)

TABLES: Final = (FILINGS, FACTS, FINDINGS, PARAGRAPHS, CHANGES)
TABLES_BY_NAME: Final = {table.name: table for table in TABLES}
