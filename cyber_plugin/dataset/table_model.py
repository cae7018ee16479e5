"""What a cyber-extract table is: columns with a name, a type, a description and a reading of a
dataset record (the tables themselves are in `tables`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

Record = dict[str, Any]
Item = Mapping[str, Any]  # what a row is about: the record itself, one of its facts or findings
Row = tuple[object, ...]


class ColumnType(StrEnum):
    STRING = "string"
    BOOLEAN = "boolean"
    INTEGER = "integer"
    FLOAT = "float"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    value: Callable[[Record, Item], object]  # (record, item) -> the cell, None when unknown


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
        """The record's rows; an empty text is None, as a CSV cannot tell it from a missing one."""
        return [
            tuple(None if value == "" else value for value in (c.value(record, item) for c in self.columns))
            for item in self.items(record)
        ]
