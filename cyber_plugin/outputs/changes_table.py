"""The `changes` table: one row per element whose state differs between a filing and the prior filing
it is compared with.

Its rows are read from the record's `changes` object (`json_changes`): the elements whose change is
not `same`. A single-filing export has them when the run compared the filing with a prior one
(`--cyber-compare`); cyber-extract gives every annual report of a dataset the comparison with the
same CIK's previous annual report in it when it writes the tables (`dataset/year_over_year.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from ..core.catalogue import concept_for
from ..core.comparison import Change
from ..core.filing_view import cik_key
from .filings_table import FILING_IDENTITY, PERIOD_END
from .json_changes import CHANGES_KEY, FLAG_KIND
from .table_model import Column, ColumnReading, ColumnType, Item, Record, Table, iso_date, nested, of_item

_S, _B, _I, _F, _D = (
    ColumnType.STRING,
    ColumnType.BOOLEAN,
    ColumnType.INTEGER,
    ColumnType.FLOAT,
    ColumnType.DATE,
)


def _changed_elements(record: Record) -> list[Item]:
    """The elements of the record's comparison whose state differs, in presentation order."""
    elements = nested(record, CHANGES_KEY, "elements") or ()
    return [element for element in elements if element["change"] != Change.SAME.value]


def _of_prior(key: str, convert: Callable[[Any], Any] = lambda value: value) -> ColumnReading:
    """A value of the prior filing's identity in the export's `changes`, converted for its column."""
    return lambda record, item: convert(nested(record, CHANGES_KEY, "prior", key))


def _flag_value(key: str) -> ColumnReading:
    """A flag's value on one side (true, false, None when not tagged or not a boolean); None for
    a text block."""
    return lambda record, element: element.get(key) if element["kind"] == FLAG_KIND else None


CHANGES: Final = Table(
    "changes",
    "one row per element whose state differs between a filing and the prior one it is compared with: "
    "in a dataset, each annual report (10-K, 20-F, 10-KT ...; amendments aside) and the same CIK's "
    "previous annual report in it (by period end); in an export, the filing and the prior filing the "
    "run compared it with. Elements in the same state in both have no row",
    (
        *FILING_IDENTITY,
        PERIOD_END,
        Column("prior_source", _S, "the prior filing's `source`", _of_prior("source")),
        Column(
            "prior_accession_number",
            _S,
            "the prior filing's accession number, when known",
            _of_prior("accessionNumber"),
        ),
        Column(
            "prior_cik",
            _S,
            "the prior filing's CIK, ten digits (the same as `cik` in a dataset, which pairs reports by CIK)",
            _of_prior("cik", cik_key),
        ),
        Column("prior_form", _S, "the prior filing's dei:DocumentType", _of_prior("documentType")),
        Column(
            "prior_fiscal_year", _I, "the prior filing's dei:DocumentFiscalYearFocus", _of_prior("fiscalYear")
        ),
        Column(
            "prior_period_end",
            _D,
            "the prior filing's dei:DocumentPeriodEndDate",
            _of_prior("periodEnd", iso_date),
        ),
        Column("concept", _S, "the element's local name in the cyd namespace", of_item("concept")),
        Column(
            "name",
            _S,
            "the element's short name, as its column in `filings`",
            lambda r, element: concept_for(element["concept"]).short_name,
        ),
        Column(
            "change",
            _S,
            "`added` (tagged in this filing, not in the prior one), `dropped` (tagged in the prior filing, "
            "not in this one), `flag_changed` (a flag tagged in both, its value changed) or `text_edited` "
            "(a text block tagged in both, its words changed; white space aside)",
            of_item("change"),
        ),
        Column(
            "prior_value",
            _B,
            "a flag's value in the prior filing: true or false; empty when not tagged there or neither "
            "true nor false, and for a text block",
            _flag_value("priorValue"),
        ),
        Column(
            "value",
            _B,
            "a flag's value in this filing: true or false; empty when not tagged here or neither true "
            "nor false, and for a text block",
            _flag_value("value"),
        ),
        Column(
            "similarity",
            _F,
            "for `text_edited`: how alike the two texts are, from 0 to 1 (2 x the words and marks in their "
            "longest common subsequence / those of both texts; an edit never reads 1); empty otherwise",
            lambda record, element: (
                element.get("similarity") if element["change"] == Change.TEXT_EDITED.value else None
            ),
        ),
    ),
    _changed_elements,
)
