"""Excel workbook: the filing's tables, as cyber-extract's tables have them.

Sheets Facts (the `facts` table), Findings (`findings`), Filing (the `filings` table's one row,
turned into a column of values beside the columns' names and meanings), Section (`paragraphs`,
the section as filed) and Changes (`changes`: what changed since the prior filing the run compared
the filing with; the header alone without one).

Cells are typed as the columns are: flags are Excel booleans, counts and shares numbers, dates
dates, a list its items separated by spaces; a text is a text cell, never a formula, and a text
over Excel's cell limit is cut with an explicit marker. Each sheet has a frozen, filterable header
row, wrapped text and sized columns.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Final

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..core.disclosure import Disclosure
from ..core.findings import Finding
from .filing_record import export_record
from .table_model import ColumnType, Table
from .tables import CHANGES, FACTS, FILINGS, FINDINGS, PARAGRAPHS
from .tabular import cell_text, neutralise

EXCEL_CELL_LIMIT: Final = 32_767
TRUNCATION_MARKER: Final = (
    " [\u2026 cut at Excel's {limit:,}-character cell limit; {total:,} characters in all: "
    "see the JSON or CSV export]"
)
# The sheets, each with the table it shows; the Filing sheet shows its one row as a column.
SHEETS: Final = (
    ("Facts", FACTS),
    ("Findings", FINDINGS),
    ("Filing", FILINGS),
    ("Section", PARAGRAPHS),
    ("Changes", CHANGES),
)
TRANSPOSED: Final = frozenset({"Filing"})
TRANSPOSED_COLUMNS: Final = ("column", "value", "what it holds")
DATE_FORMAT: Final = "yyyy-mm-dd"
_MAX_COLUMN_WIDTH: Final = 80
_WRAP: Final = Alignment(wrap_text=True, vertical="top")

Cell = str | bool | int | float | date | None


def fit_cell(text: str) -> str:
    """Text Excel can hold: no XML-illegal characters, and at most the cell limit, cut visibly."""
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    marker = TRUNCATION_MARKER.format(limit=EXCEL_CELL_LIMIT, total=len(text))
    return text[: EXCEL_CELL_LIMIT - len(marker)] + marker


def typed_cell(value: object, column_type: ColumnType) -> Cell:
    """A table's value as the Excel cell of its column's type: a flag, number or date as itself,
    anything else as text (unguarded and uncut; empty for an empty list)."""
    if value is None or (
        column_type is not ColumnType.STRING and isinstance(value, bool | int | float | date)
    ):
        return value
    return cell_text(value) or None


def _sheet_rows(table: Table, transposed: bool, rows: list[tuple[object, ...]]) -> list[tuple[Cell, ...]]:
    types = [column.type for column in table.columns]
    typed = [tuple(typed_cell(v, t) for v, t in zip(row, types, strict=True)) for row in rows]
    if not transposed:
        return typed
    [row] = typed  # the filings table has one row per filing
    return [(c.name, value, c.description) for c, value in zip(table.columns, row, strict=True)]


def _write_sheet(sheet: Worksheet, header: Sequence[str], rows: list[tuple[Cell, ...]]) -> None:
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(name) for name in header]
    for row in rows:
        sheet.append([fit_cell(neutralise(v)) if isinstance(v, str) else v for v in row])
        for index, value in enumerate(row):
            widths[index] = max(widths[index], min(len(cell_text(value)), _MAX_COLUMN_WIDTH))
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            cell.alignment = _WRAP
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions


def render(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    record = export_record(disclosure, findings)
    workbook = Workbook()
    for index, (name, table) in enumerate(SHEETS):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        assert sheet is not None, "a new workbook has an active sheet"
        sheet.title = name
        transposed = name in TRANSPOSED
        header = TRANSPOSED_COLUMNS if transposed else table.column_names
        _write_sheet(sheet, header, _sheet_rows(table, transposed, table.rows(record)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
