"""Table files: the tables written whole as Parquet (pyarrow) or CSV (`outputs/csv_format.py`, as the
CSV export).

A file says which table it holds and the version of its columns (`outputs/tables.TABLE_VERSION`): a
CSV in its first two columns, `table` and `table_version`, on every row; a Parquet file in its
schema's metadata (`cyber_plugin.table`, `cyber_plugin.table_version`).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO, Final, Protocol

from ..outputs import atomic_stream
from ..outputs.csv_format import csv_header, csv_rows
from ..outputs.table_model import ColumnType, Row, Table
from ..outputs.tables import TABLE_VERSION, TABLES
from .year_over_year import Records, compared_records

PARQUET_TABLE_KEY: Final = b"cyber_plugin.table"
PARQUET_VERSION_KEY: Final = b"cyber_plugin.table_version"
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


def arrow_type(column_type: ColumnType) -> Any:
    """The Arrow type of a column: a list column is a list of strings."""
    pa = require_pyarrow()
    return {
        ColumnType.STRING: pa.string,
        ColumnType.BOOLEAN: pa.bool_,
        ColumnType.INTEGER: pa.int64,
        ColumnType.FLOAT: pa.float64,
        ColumnType.DATE: pa.date32,
        ColumnType.LIST: lambda: pa.list_(pa.string()),
    }[column_type]()


def parquet_schema(table: Table) -> Any:
    pa = require_pyarrow()
    fields = [pa.field(column.name, arrow_type(column.type)) for column in table.columns]
    metadata = {PARQUET_TABLE_KEY: table.name.encode(), PARQUET_VERSION_KEY: str(TABLE_VERSION).encode()}
    return pa.schema(fields, metadata=metadata)


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


_WRITERS: Final[dict[TableFormat, Callable[[BinaryIO, Table], _TableWriter]]] = {
    TableFormat.PARQUET: _ParquetWriter,
    TableFormat.CSV: _CsvWriter,
}


def table_path(directory: Path, table: Table, table_format: TableFormat) -> Path:
    return directory / (table.name + table_format.extension)


def write_tables(directory: Path, records: Records, table_format: TableFormat) -> None:
    """Every table as `directory/<table>.<format>`, from the records with what their comparisons add
    (`year_over_year`: it reads them twice). Each file is written whole or not at all: an error or
    Ctrl-C leaves the files as they were."""
    with contextlib.ExitStack() as stack:
        writers = [
            _open_writer(stack, table_path(directory, t, table_format), t, table_format) for t in TABLES
        ]
        compared = compared_records(records)
        while chunk := list(itertools.islice(compared, _RECORDS_PER_CHUNK)):
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
