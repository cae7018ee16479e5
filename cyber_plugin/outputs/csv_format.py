"""CSV: the one writer of every table the project writes as CSV (the export, cyber-extract's tables).

UTF-8 with a byte-order mark (so Excel reads it as UTF-8), RFC 4180 quoting, CRLF line ends, cells
written as `tabular.cell_text` writes them and neutralised where a spreadsheet would read a formula.
The first two columns, `table` and `table_version`, say on every row which table it belongs to and
the version of its columns.

The `--cyber-export x.csv` export is the `facts` table of the filing, as cyber-extract's facts
table has it, and `--cyber-export x.changes.csv` its rows of the `changes` table (what changed since
the prior filing the run compared it with; the header alone without one): one table per CSV, as
cyber-extract writes them and `cyber_plugin.dataset.read` reads them. The other tables are in the
Excel workbook; the section as filed also in the JSON and the HTML report. cyber-extract writes its
CSV tables with the same functions.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Final

from ..core.disclosure import Disclosure
from ..core.findings import Finding
from .filing_record import export_record
from .table_model import Row, Table
from .tables import CHANGES, FACTS, TABLE_VERSION
from .tabular import TABLE_COLUMN, VERSION_COLUMN, cell_text, neutralise

CSV_ENCODING: Final = "utf-8-sig"
CSV_LINE_END: Final = b"\r\n"
_VERSION_CELL: Final = str(TABLE_VERSION)


def csv_line(cells: Iterable[str]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=CSV_LINE_END.decode()).writerow(cells)
    return buffer.getvalue()


def parse_csv_line(line: str) -> list[str]:
    return next(csv.reader([line]), [])


def csv_columns(table: Table) -> tuple[str, ...]:
    """A table's header in CSV: the table's name and version, then its columns."""
    return (TABLE_COLUMN, VERSION_COLUMN, *table.column_names)


def csv_header(table: Table) -> bytes:
    """The header line, with the byte-order mark that starts the file."""
    return csv_line(csv_columns(table)).encode(CSV_ENCODING)


def csv_rows(table: Table, rows: Iterable[Row], one_line: bool) -> bytes:
    """Rows as CSV lines; `one_line` keeps each row on one line (line breaks in a text become
    spaces), for a file appended to row by row."""
    return b"".join(
        csv_line(
            (table.name, _VERSION_CELL, *(neutralise(cell_text(value, one_line)) for value in row))
        ).encode("utf-8")
        for row in rows
    )


def table_csv(table: Table, disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    """One table of the filing as a CSV file."""
    record = export_record(disclosure, findings)
    return csv_header(table) + csv_rows(table, table.rows(record), one_line=False)


def render(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    return table_csv(FACTS, disclosure, findings)


def render_changes(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    return table_csv(CHANGES, disclosure, findings)
