"""Excel workbook: sheets Facts, Findings, Filing and Section (the section as filed, one row per
paragraph), with a frozen, filterable header row, wrapped text and sized columns. Text over
Excel's cell limit is cut with an explicit marker."""

from __future__ import annotations

import io
from typing import Final

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..core.disclosure import Disclosure
from ..core.findings import Finding
from .tabular import Sheet, neutralise, sheets

EXCEL_CELL_LIMIT: Final = 32_767
TRUNCATION_MARKER: Final = (
    " [\u2026 cut at Excel's {limit:,}-character cell limit; {total:,} characters in all: "
    "see the JSON or CSV export]"
)
_MAX_COLUMN_WIDTH: Final = 80
_WRAP: Final = Alignment(wrap_text=True, vertical="top")


def fit_cell(text: str) -> str:
    """Text Excel can hold: no XML-illegal characters, and at most the cell limit, cut visibly."""
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    marker = TRUNCATION_MARKER.format(limit=EXCEL_CELL_LIMIT, total=len(text))
    return text[: EXCEL_CELL_LIMIT - len(marker)] + marker


def _write_sheet(workbook: Workbook, table: Sheet, first: bool) -> None:
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = table.name
    sheet.append(list(table.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(name) for name in table.columns]
    for row in table.rows:
        values = [fit_cell(neutralise(value)) for value in row]
        sheet.append(values)
        for index, value in enumerate(values):
            widths[index] = max(widths[index], min(len(value), _MAX_COLUMN_WIDTH))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"  # text, never a formula
            cell.alignment = _WRAP
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions


def render(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    workbook = Workbook()
    for index, table in enumerate(sheets(disclosure, findings)):
        _write_sheet(workbook, table, first=index == 0)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
