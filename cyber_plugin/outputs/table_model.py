"""What a table is: columns with a name, a type, a description and a reading of a filing's record.

The tables themselves are in `filings_table` and `tables`; the readings they share are here.

A record is the `--cyber-export` JSON object of a filing with what identifies it (see
`filing_record`). A failure record (with `error`) has only its identity and `error`: every other
reading gives None for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, cast

Record = dict[str, Any]
Item = Mapping[str, Any]  # what a row is about: the record itself, one of its facts, findings ...
Row = tuple[object, ...]
ColumnReading = Callable[[Record, Item], object]  # (record, item) -> the cell, None when unknown


class ColumnType(StrEnum):
    STRING = "string"
    BOOLEAN = "boolean"
    INTEGER = "integer"
    FLOAT = "float"
    DATE = "date"
    LIST = "list"  # of texts: a Parquet list, space-separated in a CSV or Excel cell


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    value: ColumnReading

    def cell(self, value: object) -> object:
        """A reading as the table holds it: a list column's items as a list of texts (empty for
        none), and an empty text as None, as a CSV cannot tell it from a missing one."""
        if self.type is ColumnType.LIST:
            return [str(item) for item in cast("Iterable[object]", value or ())]
        return None if value == "" else value


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    items: Callable[[Record], Iterable[Item]]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def rows(self, record: Record) -> list[Row]:
        """The record's rows, each cell as its column holds it (`Column.cell`)."""
        return [tuple(c.cell(c.value(record, item)) for c in self.columns) for item in self.items(record)]


# Readings.


def nested(mapping: Mapping[str, Any] | None, *keys: str) -> Any:
    """mapping[k1][k2]..., or None where a level is missing."""
    value: Any = mapping
    for key in keys:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def of_record(*keys: str) -> ColumnReading:
    """A reading of the record: record[k1][k2]..."""
    return lambda record, item: nested(record, *keys)


def of_item(*keys: str) -> ColumnReading:
    """A reading of the row's item (a fact, finding, paragraph ...): item[k1][k2]..."""
    return lambda record, item: nested(item, *keys)


def iso_date(text: object) -> date | None:
    """The date an ISO text starts with, or None."""
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None
