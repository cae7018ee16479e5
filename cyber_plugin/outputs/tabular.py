"""A table cell as text, written the same in every table the project writes (the CSV export, the
Excel workbook's text cells, cyber-extract's CSV tables).

Empty for unknown, a flag as `true` or `false`, a date as ISO (2024-12-31), a list with its items
separated by a space (empty for none), numbers as Python writes them.

Cells that a spreadsheet would read as a formula (a leading =, +, -, @, tab or carriage return)
are neutralised with a leading apostrophe; a value that already starts with an apostrophe gets
one more, so the guard can always be undone by dropping exactly one leading apostrophe.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Final

from ..core.words import flag_word

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
GUARD: Final = "'"
LIST_SEPARATOR: Final = " "
# Every CSV the project writes starts with these two columns, saying on each row which table it
# belongs to and the version of that table's columns (see `tables.TABLE_VERSION`).
TABLE_COLUMN: Final = "table"
VERSION_COLUMN: Final = "table_version"


def neutralise(text: str) -> str:
    """Keep a spreadsheet from evaluating a cell (see the module docstring)."""
    if text.startswith(FORMULA_TRIGGERS) or text.startswith(GUARD):
        return GUARD + text
    return text


def restore(text: str) -> str:
    """Undo `neutralise`."""
    return text[1:] if text.startswith(GUARD) else text


def listed(values: Iterable[object] | None) -> list[str]:
    """Values as a list column's cell: their texts, in order; empty for none."""
    return [str(value) for value in values or ()]


def list_items(text: str) -> list[str]:
    """A list cell read back from its text (`cell_text`)."""
    return text.split(LIST_SEPARATOR) if text else []


def cell_text(value: object, one_line: bool = False) -> str:
    """A cell's value as text (unguarded); `one_line` turns line breaks into spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return flag_word(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(map(str, value))
    text = str(value)
    return " ".join(text.splitlines()) if one_line else text
