"""The analysts' entry to a cyber-extract dataset: `read(path)` gives its three tables, filings,
facts and findings, as pandas DataFrames with their types (`cik` and every text as `string`,
flags as nullable `boolean`, counts as `Int64`, dates as `datetime64[ns]`), whichever output it is:

    from cyber_plugin.dataset import read
    filings, facts, findings = read("cyd/")   # also cyd.jsonl, cyd/filings.parquet, filings.csv

The columns are described in docs/data-dictionary.md. Needs pandas and pyarrow:
`pip install 'cyber-plugin[dataset]'`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from ..outputs import by_extension
from ..outputs.tabular import TABLE_COLUMN, restore
from .records import RECORDS_FILE, DatasetError, JsonLinesFile
from .table_files import (
    CSV_ENCODING,
    INSTALL_HINT,
    PARQUET_TABLE_KEY,
    MissingDependency,
    TableFormat,
    require_pyarrow,
    table_path,
)
from .table_model import ColumnType, Table
from .tables import TABLES, TABLES_BY_NAME

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PANDAS_TYPES", "Tables", "read"]

PANDAS_TYPES: Final = {
    ColumnType.STRING: "string",
    ColumnType.BOOLEAN: "boolean",
    ColumnType.INTEGER: "Int64",
    ColumnType.FLOAT: "Float64",
    ColumnType.DATE: "datetime64[ns]",  # one resolution, whichever format the dates came from
}
_CSV_BOOLEANS: Final = {"true": True, "false": False}


class Tables(NamedTuple):
    filings: pd.DataFrame
    facts: pd.DataFrame
    findings: pd.DataFrame


def read(path: str | os.PathLike[str]) -> Tables:
    """The tables of a dataset: a directory written by `cyber-extract -o DIR/` (its Parquet or CSV
    tables, or its records when they are newer), a JSON Lines file, or one table file (`.parquet`,
    or a `.csv` as cyber-extract writes it), whose other two tables are then empty. Raises
    ValueError for a file that is not a cyber-extract dataset, ImportError without pandas."""
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
            return _complete(dict(map(read_table, paths)))
    if records.exists():  # a run killed before it rewrote the tables
        return _from_records(records)
    raise ValueError(f"{os.fspath(directory)!r} is not a cyber-extract dataset directory (no {RECORDS_FILE})")


def _from_records(path: Path) -> Tables:
    rows: dict[str, list[tuple[object, ...]]] = {table.name: [] for table in TABLES}
    try:
        for record in JsonLinesFile(path).records():
            for table in TABLES:
                rows[table.name] += table.rows(record)
    except (DatasetError, OSError) as error:
        raise ValueError(str(error)) from None
    pd = _pandas()
    return Tables(
        *(_typed(pd.DataFrame.from_records(rows[t.name], columns=list(t.column_names)), t) for t in TABLES)
    )


def _parquet_table(path: Path) -> tuple[str, pd.DataFrame]:
    require_pyarrow()
    import pyarrow.parquet as pq

    contents = pq.read_table(path)
    name = (contents.schema.metadata or {}).get(PARQUET_TABLE_KEY, b"").decode()
    if name not in TABLES_BY_NAME:
        raise ValueError(
            f"{os.fspath(path)!r} is not a cyber-extract table (no {PARQUET_TABLE_KEY.decode()})"
        )
    return name, _typed(contents.to_pandas(), TABLES_BY_NAME[name])


def _csv_table(path: Path) -> tuple[str, pd.DataFrame]:
    frame = _pandas().read_csv(path, dtype=str, keep_default_na=False, encoding=CSV_ENCODING)
    columns = list(frame.columns)
    table = next((t for t in TABLES if columns == [TABLE_COLUMN, *t.column_names]), None)
    if table is None or not set(frame[TABLE_COLUMN]) <= {table.name}:
        raise ValueError(f"{os.fspath(path)!r} is not a cyber-extract table")
    for column in table.columns:
        cells = frame[column.name].map(restore)
        if column.type is ColumnType.BOOLEAN:
            frame[column.name] = cells.map(_CSV_BOOLEANS.get)
        else:
            frame[column.name] = cells.replace("", None)
    return table.name, _typed(frame, table)


def _complete(found: dict[str, pd.DataFrame]) -> Tables:
    """Tables from the tables found, the others empty."""
    pd = _pandas()
    return Tables(
        *(
            found[t.name] if t.name in found else _typed(pd.DataFrame(columns=list(t.column_names)), t)
            for t in TABLES
        )
    )


def _typed(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The table's columns, in its order, each with its pandas type."""
    pd = _pandas()
    typed = frame[list(table.column_names)].copy()
    for column in table.columns:
        cells = pd.to_datetime(typed[column.name]) if column.type is ColumnType.DATE else typed[column.name]
        typed[column.name] = cells.astype(PANDAS_TYPES[column.type])
    return typed


_TABLE_READERS: Final = {TableFormat.PARQUET: _parquet_table, TableFormat.CSV: _csv_table}
_FILE_READERS: Final = {
    ".jsonl": _from_records,
    ".ndjson": _from_records,
    ".parquet": lambda path: _complete(dict([_parquet_table(path)])),
    ".csv": lambda path: _complete(dict([_csv_table(path)])),
}
