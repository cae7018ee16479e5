"""The page each paragraph of a section stands on, as the document numbers its pages.

A filing prints its page numbers in running feet or heads ("39", "- 39 -", "MASTERCARD 2024 FORM
10-K 39"); the walk says which of its paragraphs and numbers stand between the same page breaks.
A page that prints no number among the paragraphs walked (its head came before the section's
heading) is counted from the nearest that does. A document without page breaks prints a number
below each page's text: a paragraph's page is then the first number printed after it.
"""

from __future__ import annotations

from typing import Protocol


class Placed(Protocol):
    """A paragraph as the walk found it: its order, and the page breaks passed before it."""

    @property
    def index(self) -> int: ...

    @property
    def sheet(self) -> int: ...


class PageNumbers:
    """The page numbers printed among the paragraphs walked, each with where it stands."""

    def __init__(self) -> None:
        self._printed: list[tuple[int, str]] = []  # (order of the walk, number)
        self._by_sheet: dict[int, str] = {}  # the last number printed between two page breaks
        self._sheets: set[int] = set()

    def add(self, placed: Placed, number: str | None) -> None:
        """A paragraph walked, with the page number it prints (None for any other)."""
        self._sheets.add(placed.sheet)
        if number is not None:
            self._printed.append((placed.index, number))
            self._by_sheet[placed.sheet] = number

    def page_of(self, placed: Placed) -> str | None:
        """The number of the page a paragraph stands on; None when the document prints none there."""
        if len(self._sheets | {placed.sheet}) > 1:
            return self._by_sheet.get(placed.sheet) or self._counted(placed.sheet)
        return next((number for index, number in self._printed if index > placed.index), None)

    def _counted(self, sheet: int) -> str | None:
        """A page that prints no number, counted from the nearest one that does (a head printed
        above the section's first page is not walked): pages run on one by one."""
        numbered = [(abs(other - sheet), other, int(n)) for other, n in self._by_sheet.items() if n.isdigit()]
        if not numbered:
            return None
        _, other, number = min(numbered)
        return str(number + sheet - other) if number + sheet - other > 0 else None

    def known(self, last: Placed, placed: Placed) -> bool:
        """Whether reading on past the section (at `placed`) can tell no more about the page of
        its last paragraph: that page is left behind, or its number is known."""
        return placed.sheet != last.sheet or self.page_of(last) is not None
