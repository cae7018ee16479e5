"""One filing's CSV export and Excel workbook against cyber-extract's CSV tables for the same filing:
the same headers and the same rows, read here without the plugin's code (a CSV by the csv module,
a workbook by openpyxl, each typed Excel cell turned into the text a CSV holds)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, time
from pathlib import Path
from typing import Any

import openpyxl

EXCEL_CELL_LIMIT = 32_767
SHEETS = {"Facts": "facts", "Findings": "findings", "Section": "paragraphs", "Changes": "changes"}
UNHASHED = "sha256"  # an export does not hash its input


def csv_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """A CSV's header and rows, as written (apostrophe guards kept)."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), path  # UTF-8 with a byte-order mark
    header, *rows = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    return header, rows


def rows_of(rows: list[list[str]], header: list[str], source: str) -> list[list[str]]:
    column = header.index("source")
    return [row for row in rows if row[column] == source]


def excel_text(cell: Any) -> str:
    """A typed cell as a CSV writes the value: a flag true/false, a date ISO, empty for none."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, datetime):
        assert cell.time() == time(0), cell
        return cell.date().isoformat()
    return str(cell)


def same_cell(excel: Any, written: str) -> bool:
    """Whether an Excel cell holds what a CSV cell holds: the same flag, date or text, the same
    number (Excel keeps 0.0 as 0), or, for a text over Excel's cell limit, its start and the marker
    saying where the whole text is."""
    if isinstance(excel, int | float) and not isinstance(excel, bool):
        return float(excel) == float(written)
    text = excel_text(excel)
    if len(written) <= EXCEL_CELL_LIMIT:
        return text == written
    return len(text) == EXCEL_CELL_LIMIT and text.startswith(written[:1000]) and "cell limit" in text


def as_exported(rows: list[list[str]], header: list[str], exported_source: str) -> list[list[str]]:
    """Rows as an export of the same file writes them: its `source` as Arelle loaded it (for an
    archive, the document inside it) and no SHA-256."""
    blanked = {header.index(name) for name in (UNHASHED,) if name in header}
    source = header.index("source")
    return [
        [
            "" if index in blanked else exported_source if index == source else cell
            for index, cell in enumerate(row)
        ]
        for row in rows
    ]


def assert_exports_are_the_tables(csv_export: Path, workbook: Path, tables: Path, source: str) -> None:
    """The export CSV is cyber-extract's facts table for `source`, and every sheet of the workbook
    the table it shows (the Filing sheet its filings row, turned into a column)."""
    header, rows = csv_table(csv_export)
    exported_source = rows[0][header.index("source")] if rows else source
    assert exported_source == source or exported_source.startswith(source + "/"), (exported_source, source)
    expected = {}
    for name in ("facts", "findings", "paragraphs", "changes", "filings"):
        table_header, table_rows = csv_table(tables / f"{name}.csv")
        mine = rows_of(table_rows, table_header, source)
        expected[name] = (table_header, as_exported(mine, table_header, exported_source))
    assert header == expected["facts"][0]
    assert rows == expected["facts"][1], csv_export

    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["Facts", "Findings", "Filing", "Section", "Changes"]
    for sheet_name, table in SHEETS.items():
        table_header, table_rows = expected[table]
        sheet = list(book[sheet_name].iter_rows(values_only=True))
        assert list(sheet[0]) == table_header[2:], sheet_name  # no `table` and `table_version` columns
        assert len(sheet) - 1 == len(table_rows), sheet_name
        for got, wanted in zip(sheet[1:], table_rows, strict=True):
            assert all(map(same_cell, got, wanted[2:])), (sheet_name, got, wanted)
    filings_header, [filing] = expected["filings"]
    sheet = list(book["Filing"].iter_rows(values_only=True))
    assert [row[0] for row in sheet[1:]] == filings_header[2:]
    assert all(map(same_cell, [row[1] for row in sheet[1:]], filing[2:])), sheet
