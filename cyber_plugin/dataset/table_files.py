"""Table files: cyber-extract's tables written whole as Parquet (pyarrow) or CSV, and the CSV
lines every cyber-extract CSV shares.

A file says which table it holds: a CSV's first column, `table`, names it on every row, and a
Parquet file names it in its schema's metadata (`cyber_plugin.table`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO, Final, Protocol

from ..outputs import atomic_stream
from ..outputs.tabular import TABLE_COLUMN, neutralise
from .table_model import ColumnType, Record, Row, Table
from .tables import TABLES

PARQUET_TABLE_KEY: Final = b"cyber_plugin.table"
# Excel opens a CSV as UTF-8 only with a byte-order mark; the project's other CSV export has one.
CSV_ENCODING: Final = "utf-8-sig"
CSV_LINE_END: Final = b"\r\n"
INSTALL_HINT: Final = "pip install 'cyber-plugin[dataset]'"
_RECORDS_PER_CHUNK: Final = 500


class TableFormat(StrEnum):
    PARQUET = "parquet"
    CSV = "csv"

    @property
    def extension(self) -> str:
        return "." + self.value


class MissingDependency(ImportError):
    """pandas or pyarrow is not installed; the message says how to install them."""


def require_pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise MissingDependency(f"Parquet needs pyarrow, which is not installed: {INSTALL_HINT}") from None
    return pyarrow


# CSV: RFC 4180 quoting, CRLF, cells a spreadsheet would read as a formula guarded by an
# apostrophe. A CSV appended to row by row keeps each row on one line (line breaks in a cell become
# spaces), so that a killed run tears at most its last line; a table written whole keeps them.


def csv_cell(value: object, one_line: bool) -> str:
    """A cell as text (a date as ISO, numbers as Python writes them), on one line if asked."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = " ".join(str(value).splitlines()) if one_line else str(value)
    return neutralise(text)


def csv_line(cells: Iterable[str]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=CSV_LINE_END.decode()).writerow(cells)
    return buffer.getvalue()


def parse_csv_line(line: str) -> list[str]:
    return next(csv.reader([line]), [])


def csv_header(table: Table) -> bytes:
    """The header line, with the byte-order mark that starts the file."""
    return csv_line((TABLE_COLUMN, *table.column_names)).encode(CSV_ENCODING)


def csv_rows(table: Table, rows: Iterable[Row], one_line: bool) -> bytes:
    return b"".join(
        csv_line((table.name, *(csv_cell(value, one_line) for value in row))).encode("utf-8") for row in rows
    )


# Whole tables.


class _TableWriter(Protocol):
    table: Table

    def write(self, rows: Sequence[Row]) -> None: ...

    def close(self) -> None: ...


class _CsvWriter:
    def __init__(self, stream: BinaryIO, table: Table) -> None:
        self.table = table
        self._stream = stream
        stream.write(csv_header(table))

    def write(self, rows: Sequence[Row]) -> None:
        self._stream.write(csv_rows(self.table, rows, one_line=False))

    def close(self) -> None:
        """Every row is in the stream already."""


_ARROW_TYPES: Final = {
    ColumnType.STRING: "string",
    ColumnType.BOOLEAN: "bool_",
    ColumnType.INTEGER: "int64",
    ColumnType.FLOAT: "float64",
    ColumnType.DATE: "date32",
}


def parquet_schema(table: Table) -> Any:
    pa = require_pyarrow()
    fields = [pa.field(column.name, getattr(pa, _ARROW_TYPES[column.type])()) for column in table.columns]
    return pa.schema(fields, metadata={PARQUET_TABLE_KEY: table.name.encode()})


class _ParquetWriter:
    def __init__(self, stream: BinaryIO, table: Table) -> None:
        import pyarrow.parquet as pq

        self.table = table
        self._schema = parquet_schema(table)
        self._writer = pq.ParquetWriter(stream, self._schema)

    def write(self, rows: Sequence[Row]) -> None:
        if rows:
            pa = require_pyarrow()
            cells = zip(*rows, strict=True)
            columns = [
                pa.array(values, field.type) for values, field in zip(cells, self._schema, strict=True)
            ]
            self._writer.write_table(pa.Table.from_arrays(columns, schema=self._schema))

    def close(self) -> None:
        self._writer.close()  # writes the footer


_WRITERS: Final = {TableFormat.PARQUET: _ParquetWriter, TableFormat.CSV: _CsvWriter}


def table_path(directory: Path, table: Table, table_format: TableFormat) -> Path:
    return directory / (table.name + table_format.extension)


def write_tables(directory: Path, records: Iterable[Record], table_format: TableFormat) -> None:
    """Every table as `directory/<table>.<format>`, from one pass over the records. Each file is
    written whole or not at all: an error or Ctrl-C leaves the files as they were."""
    with contextlib.ExitStack() as stack:
        writers = [
            _open_writer(stack, table_path(directory, t, table_format), t, table_format) for t in TABLES
        ]
        records = iter(records)
        while chunk := list(itertools.islice(records, _RECORDS_PER_CHUNK)):
            for writer in writers:
                writer.write([row for record in chunk for row in writer.table.rows(record)])
        for writer in writers:
            writer.close()


def _open_writer(
    stack: contextlib.ExitStack, path: Path, table: Table, table_format: TableFormat
) -> _TableWriter:
    writer = _WRITERS[table_format](stack.enter_context(atomic_stream(path)), table)
    # Closed before its stream also when a later step fails (closing twice does nothing).
    stack.callback(_close_quietly, writer)
    return writer


def _close_quietly(writer: _TableWriter) -> None:
    with contextlib.suppress(Exception):
        writer.close()
