"""The analysts' entry to a cyber-extract dataset: `read(path)` gives its tables as pandas DataFrames.

The tables are filings, facts, findings, paragraphs and changes, with their types (`cik` and every
text as `string`, flags as nullable `boolean`, counts as `Int64`, dates as `datetime64[ns]`, lists
as Python lists of texts, empty for none), whichever output the dataset is:

    from cyber_plugin.dataset import read
    tables = read("cyd/")   # also cyd.jsonl, cyd/filings.parquet, filings.csv
    tables.filings, tables.facts, tables.findings, tables.paragraphs, tables.changes

The columns are described in docs/data-dictionary.md. Needs pandas and pyarrow:
`pip install 'cyber-plugin[dataset]'`.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from ..outputs import by_extension
from ..outputs.csv_format import CSV_ENCODING
from ..outputs.table_model import ColumnType, Table
from ..outputs.tables import TABLE_VERSION, TABLES, TABLES_BY_NAME
from ..outputs.tabular import TABLE_COLUMN, VERSION_COLUMN, list_items, restore
from .records import RECORDS_FILE, DatasetError, JsonLinesFile
from .table_files import (
    INSTALL_HINT,
    PARQUET_TABLE_KEY,
    PARQUET_VERSION_KEY,
    MissingDependency,
    TableFormat,
    require_pyarrow,
    table_path,
)
from .year_over_year import compared_records

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PANDAS_TYPES", "TableVersionError", "Tables", "read"]

PandasType = Literal["string", "boolean", "Int64", "Float64", "datetime64[ns]", "object"]
PANDAS_TYPES: Final[dict[ColumnType, PandasType]] = {
    ColumnType.STRING: "string",
    ColumnType.BOOLEAN: "boolean",
    ColumnType.INTEGER: "Int64",
    ColumnType.FLOAT: "Float64",
    ColumnType.DATE: "datetime64[ns]",  # one resolution, whichever format the dates came from
    ColumnType.LIST: "object",  # each cell a list of texts
}
_CSV_BOOLEANS: Final = {"true": True, "false": False}
# What read() gave before it had `paragraphs`: unpacking still gives these three.
_UNPACKED: Final = ("filings", "facts", "findings")
UNPACKING_DEPRECATED: Final = (
    "unpacking read()'s result gives only its first three tables (filings, facts, findings) and is "
    "deprecated: read() also gives paragraphs and changes; use the tables by name, as "
    "tables.filings, tables.facts, tables.findings, tables.paragraphs and tables.changes"
)


@dataclass(frozen=True, eq=False)
class Tables:
    """A dataset's tables by name: `tables.facts`, or `tables["facts"]`; `items()` gives every one.

    Unpacking (`filings, facts, findings = read(...)`) and indexing by number still give the three
    tables read() gave before `paragraphs` was added, with a DeprecationWarning: a later version
    drops them, so that adding a table never changes what unpacking gives."""

    filings: pd.DataFrame
    facts: pd.DataFrame
    findings: pd.DataFrame
    paragraphs: pd.DataFrame
    changes: pd.DataFrame

    def __getitem__(self, key: str | int) -> pd.DataFrame:
        if isinstance(key, int):
            warnings.warn(UNPACKING_DEPRECATED, DeprecationWarning, stacklevel=2)
            return self._table(_UNPACKED[key])
        if key not in TABLES_BY_NAME:
            raise KeyError(f"no table {key!r}; the tables are {', '.join(TABLES_BY_NAME)}")
        return self._table(key)

    def __iter__(self) -> Iterator[pd.DataFrame]:
        warnings.warn(UNPACKING_DEPRECATED, DeprecationWarning, stacklevel=2)
        return iter([self._table(name) for name in _UNPACKED])

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """(name, table) for every table, in the data dictionary's order."""
        return ((field.name, self._table(field.name)) for field in fields(self))

    def _table(self, name: str) -> pd.DataFrame:
        table: pd.DataFrame = getattr(self, name)
        return table


class TableVersionError(ValueError):
    """A table file written with other columns (another `table_version`) than this version reads."""


def read(path: str | os.PathLike[str]) -> Tables:
    """The tables of a dataset: a directory written by `cyber-extract -o DIR/` (its Parquet or CSV
    tables, or its records when they are newer or the tables are of another version), a JSON Lines
    file, or one table file (`.parquet`, or a `.csv` as cyber-extract or `--cyber-export` writes
    it), whose other tables are then empty. Raises ValueError for a file that is not a
    cyber-extract dataset (TableVersionError for a table file of another version), ImportError
    without pandas."""
    _pandas()  # the ImportError with the install hint, before anything is read
    target = Path(path)
    if target.is_dir():
        return _read_directory(target)
    return by_extension(target, _FILE_READERS, None)(target)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingDependency(
            f"reading a dataset needs pandas, which is not installed: {INSTALL_HINT}"
        ) from None
    return pandas


def _read_directory(directory: Path) -> Tables:
    records = directory / RECORDS_FILE
    written = records.stat().st_mtime if records.exists() else 0.0
    for table_format, read_table in _TABLE_READERS.items():
        paths = [table_path(directory, table, table_format) for table in TABLES]
        if all(p.exists() and p.stat().st_mtime >= written for p in paths):
            try:
                return _complete(dict(map(read_table, paths)))
            except TableVersionError:
                if not records.exists():
                    raise
    if records.exists():  # a run killed before it rewrote the tables, or an earlier version's tables
        return _from_records(records)
    raise ValueError(f"{os.fspath(directory)!r} is not a cyber-extract dataset directory (no {RECORDS_FILE})")


def _from_records(path: Path) -> Tables:
    rows: dict[str, list[tuple[object, ...]]] = {table.name: [] for table in TABLES}
    try:
        for record in compared_records(JsonLinesFile(path).records):
            for table in TABLES:
                rows[table.name] += table.rows(record)
    except (DatasetError, OSError) as error:
        raise ValueError(str(error)) from None
    pd = _pandas()
    return Tables(
        **{
            t.name: _typed(pd.DataFrame.from_records(rows[t.name], columns=list(t.column_names)), t)
            for t in TABLES
        }
    )


def _check_version(path: Path, versions: set[str]) -> None:
    """A table file's versions must be this version's; none is the first version's."""
    if versions != {str(TABLE_VERSION)}:
        written = ", ".join(sorted(versions)) or "1 (it names none)"
        advice = (
            "a newer cyber_plugin reads it"
            if any(v.isdigit() and int(v) > TABLE_VERSION for v in versions)
            else f"run cyber-extract again to write it anew, or read its {RECORDS_FILE}"
        )
        raise TableVersionError(
            f"{os.fspath(path)!r} holds table_version {written}, whose columns differ from version "
            f"{TABLE_VERSION}'s (see the CHANGELOG): {advice}"
        )


def _parquet_table(path: Path) -> tuple[str, pd.DataFrame]:
    require_pyarrow()
    import pyarrow.parquet as pq

    contents = pq.read_table(path)
    metadata = contents.schema.metadata or {}
    name = metadata.get(PARQUET_TABLE_KEY, b"").decode()
    if name not in TABLES_BY_NAME:
        raise ValueError(
            f"{os.fspath(path)!r} is not a cyber-extract table (no {PARQUET_TABLE_KEY.decode()})"
        )
    _check_version(
        path, {metadata[PARQUET_VERSION_KEY].decode()} if PARQUET_VERSION_KEY in metadata else set()
    )
    return name, _typed(contents.to_pandas(), TABLES_BY_NAME[name])


def _csv_table(path: Path) -> tuple[str, pd.DataFrame]:
    frame = _pandas().read_csv(path, dtype=str, keep_default_na=False, encoding=CSV_ENCODING)
    columns = list(frame.columns)
    table = _csv_table_named(frame) if columns[:1] == [TABLE_COLUMN] else None
    if table is None:
        raise ValueError(f"{os.fspath(path)!r} is not a cyber-extract table")
    if len(frame) or VERSION_COLUMN not in columns:  # a header alone has no version to tell, nor rows
        _check_version(path, set(frame[VERSION_COLUMN]) if VERSION_COLUMN in columns else set())
    if not set(table.column_names[:2]) <= set(columns):
        raise ValueError(f"{os.fspath(path)!r} is not a cyber-extract table (no {table.column_names[0]})")
    for column in table.columns:
        if column.name not in columns:
            continue  # a column added after the file was written: read as empty
        cells = frame[column.name].map(restore)
        if column.type is ColumnType.BOOLEAN:
            frame[column.name] = cells.map(_CSV_BOOLEANS.get)
        elif column.type is ColumnType.LIST:
            frame[column.name] = cells.map(list_items)
        else:
            frame[column.name] = cells.replace("", None)
    return table.name, _typed(frame, table)


def _csv_table_named(frame: pd.DataFrame) -> Table | None:
    """The table a CSV's rows name in their `table` column; for a file without rows, the table
    whose header it has (or, written before a column was added, whose columns it has)."""
    names = set(frame[TABLE_COLUMN])
    if names:
        return TABLES_BY_NAME.get(names.pop()) if len(names) == 1 else None
    header = [name for name in frame.columns if name not in (TABLE_COLUMN, VERSION_COLUMN)]
    exact = [t for t in TABLES if list(t.column_names) == header]
    return next(iter(exact or [t for t in TABLES if set(header) < set(t.column_names)]), None)


def _complete(found: dict[str, pd.DataFrame]) -> Tables:
    """Tables from the tables found, the others empty."""
    pd = _pandas()
    return Tables(
        **{
            t.name: found[t.name]
            if t.name in found
            else _typed(pd.DataFrame(columns=list(t.column_names)), t)
            for t in TABLES
        }
    )


def _typed(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The table's columns, in its order, each with its pandas type; a column the frame lacks (one
    added after its file was written) is empty, and a column the table does not know is left out."""
    pd = _pandas()
    typed = frame.reindex(columns=list(table.column_names))
    for column in table.columns:
        cells = typed[column.name]
        if column.type is ColumnType.DATE:
            cells = pd.to_datetime(cells)
        elif column.type is ColumnType.LIST:  # Parquet gives arrays; a column missing is empty lists
            cells = cells.map(_as_list, na_action=None)
        typed[column.name] = cells.astype(PANDAS_TYPES[column.type])
    return typed


def _as_list(cell: object) -> list[str]:
    """A list column's cell (a list, or an array from Parquet) as a list of texts; a missing one
    (None, NaN, <NA>) as an empty list."""
    if isinstance(cell, str):
        return list_items(cell)
    return [str(item) for item in cell] if isinstance(cell, Iterable) else []


_TABLE_READERS: Final = {TableFormat.PARQUET: _parquet_table, TableFormat.CSV: _csv_table}
_FILE_READERS: Final[dict[str, Callable[[Path], Tables]]] = {
    ".jsonl": _from_records,
    ".ndjson": _from_records,
    ".parquet": lambda path: _complete(dict([_parquet_table(path)])),
    ".csv": lambda path: _complete(dict([_csv_table(path)])),
}
