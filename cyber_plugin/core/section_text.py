"""What a line of a filing is, read from its words alone: an item heading, page furniture, a
sub-heading, or a pointer to another document.

Plain string functions, shared by the section reader and its tests.
"""

from __future__ import annotations

import re
from typing import Final

# Words a title may keep in lower case ("Market for Registrant's Common Equity and ...").
_TITLE_SMALL_WORDS: Final = frozenset("a an and as at by continued for from in of on or the to with".split())
_WORD_EDGES: Final = "“”\"'‘’()[],.:;–—-&/|"
# "Item 1C.", "ITEM 1C. CYBERSECURITY", "Item 1C – Cybersecurity", "Item 1C.Cybersecurity".
_ITEM_HEADING: Final = re.compile(
    r"item\s*(?P<number>\d{1,2}[a-z]?)(?![a-z0-9])\s*(?:[.:\-–—]\s*)?(?P<title>.*)", re.I | re.S
)
_PART_HEADING: Final = re.compile(
    r"part\s+(?:iv|v|i{1,3}|[1-5])(?![a-z0-9])\s*(?:[.:\-–—]\s*)?(?P<title>.*)", re.I
)
_MAX_HEADING_CHARS: Final = 200
_MAX_SUBHEADING_CHARS: Final = 120
_TRAILING_PAGE_NUMBER: Final = re.compile(r"\s(?:page\s+)?\d{1,4}$", re.I)
# Page furniture: page numbers ("15", "- 15 -", "F-3", "Page 15", "xii"), "Table of Contents"
# back-links, and running heads or feet such as "Netflix, Inc. | 2024 Form 10-K | 15".
_PAGE_NUMBER: Final = re.compile(
    r"(?:page\s+)?[-–—]?\s*(?:[a-z]{1,2}\s?-\s?)?\d{1,4}\s*[-–—]?|[ivxlc]{1,7}", re.I
)
_BACK_LINK: Final = re.compile(
    r"(?:(?:back|return)\s+to\s+)?(?:the\s+)?(?:table\s+of\s+contents|contents|index)", re.I
)
_RUNNING_HEAD: Final = re.compile(r"[^|]{0,80}(?:\|[^|]{0,80}){1,3}")
_REPORT_NAME: Final = re.compile(r"\b(?:form\s*(?:10-?k|20-?f)|annual\s+report)\b", re.I)
# "10 The Procter & Gamble Company", "Apple Inc. 2024 Form 10-K 12": a page number and a name.
_NUMBERED_LINE: Final = re.compile(r"\d{1,3}\s+\S.{0,78}|.{0,78}\S\s+\d{1,3}")
MIN_SUBSTANTIVE_WORDS: Final = 6

# Read only when a section is short enough to be a pointer elsewhere, which few are: kept as
# strings, so that `re` compiles them on first use (and caches them) instead of at every start.
_BY_REFERENCE: Final = r"\bincorporated\b[^.]{0,80}?\bby\s+reference\b|\bby\s+reference\s+(?:to|from|into)\b"
_SOURCE: Final = (
    r"\b(?:in|from|to)\s+(?:the\s+|our\s+|its\s+|this\s+)?(?P<source>(?:[\w’'&.-]+\s+){0,6}?"
    r"(?:annual\s+report|proxy\s+statement|information\s+statement|exhibit\s+[\w.()-]*\w\)?)"
    r"(?:\s+to\s+(?:shareholders|stockholders|security\s+holders))?)"
)
_EXHIBIT_IN_TEXT: Final = r"\bexhibit\s+(?P<number>\d{1,3}(?:\.\d{1,3})*(?:\([a-z0-9]{1,3}\))?)"
_EXHIBIT_NUMBER: Final = r"(?:exhibit\s+)?(?P<number>\d{1,3}(?:\.\d{1,3})*(?:\s?\([a-z0-9]{1,3}\))?)\s?\**"
_PLACE: Final = r"\bunder\s+(?:the\s+)?(?:caption\s+|heading\s+)?[“\"](?P<place>[^”\"]+)[”\"]"


def squeeze_spaces(text: str) -> str:
    return " ".join(text.split())


def is_title(text: str) -> bool:
    """Whether text reads as a title: every word capitalised, a number, or a small word."""
    for word in text.split():
        core = word.strip(_WORD_EDGES)
        if core and core[0].islower() and core.lower() not in _TITLE_SMALL_WORDS:
            return False
    return True


def item_heading(text: str) -> tuple[str, str] | None:
    """(item number, title) when the whole text is an item heading such as "Item 2. Properties";
    "PART" headings give ("PART", title)."""
    if len(text) > _MAX_HEADING_CHARS:
        return None
    match = _ITEM_HEADING.fullmatch(text) or _PART_HEADING.fullmatch(text)
    if match is None:
        return None
    title = match["title"].strip()
    if not is_title(title):
        return None
    number = match.groupdict().get("number")
    return (number.upper() if number else "PART"), title


def has_page_number(title: str) -> bool:
    """A table-of-contents line: the title ends with a page number ("Cybersecurity 15")."""
    return bool(_TRAILING_PAGE_NUMBER.search(title))


def is_page_furniture(text: str) -> bool:
    """A page number, a "Table of Contents" back-link, or a running head or foot."""
    if _PAGE_NUMBER.fullmatch(text) or _BACK_LINK.fullmatch(text):
        return True
    if _NUMBERED_LINE.fullmatch(text) and is_title(text):
        return True
    return bool(_RUNNING_HEAD.fullmatch(text) and _REPORT_NAME.search(text) and re.search(r"\d", text))


def is_subheading(text: str) -> bool:
    """A short title-like line inside the section ("Risk Management and Strategy")."""
    return len(text) <= _MAX_SUBHEADING_CHARS and is_title(text)


def is_substantive(text: str) -> bool:
    """A paragraph that says something: not a heading, and at least a few words long."""
    return not is_subheading(text) and len(text.split()) >= MIN_SUBSTANTIVE_WORDS


def first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def points_elsewhere(text: str) -> bool:
    """The text incorporates something by reference."""
    return bool(re.search(_BY_REFERENCE, text, re.I))


def referenced_source(text: str) -> str | None:
    """The document a by-reference sentence names ("2024 Annual Report to Shareholders")."""
    match = re.search(_SOURCE, text, re.I)
    return squeeze_spaces(match["source"]).rstrip(".") if match else None


def referenced_exhibit(text: str) -> str | None:
    """An exhibit number the text itself names ("Exhibit 13" -> "13")."""
    match = re.search(_EXHIBIT_IN_TEXT, text, re.I)
    return match["number"] if match else None


def referenced_place(text: str) -> str | None:
    """Where in that document: the quoted caption after "under"."""
    match = re.search(_PLACE, text, re.I)
    return match["place"].strip().rstrip(".,") if match else None


def exhibit_number(text: str) -> str | None:
    """The number of an exhibit index's first cell ("13", "Exhibit 10.1(a)*"); None otherwise."""
    match = re.fullmatch(_EXHIBIT_NUMBER, text, re.I)
    return match["number"] if match else None
