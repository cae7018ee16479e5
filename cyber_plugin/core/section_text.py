"""What a line of a filing is, read from its words alone: an item, part or signature heading, page
furniture (and the page number it prints), a sub-heading, or a pointer to another document.

Plain string functions, shared by the section reader and its tests.
"""

from __future__ import annotations

import functools
import re
from typing import Final

# Words a title may keep in lower case ("Market for Registrant's Common Equity and ...").
_TITLE_SMALL_WORDS: Final = frozenset("a an and as at by continued for from in of on or the to with".split())
_WORD_EDGES: Final = "“”\"'‘’()[],.:;–—-&/|"
# "Item 1C.", "ITEM 1C. CYBERSECURITY", "Item 1C – Cybersecurity", "Item 1C.Cybersecurity", and an
# 8-K's "Item 1.05 Material Cybersecurity Incidents."
_ITEM_HEADING: Final = re.compile(
    r"item\s*(?P<number>\d{1,2}(?:\.\d{2})?[a-z]?)(?![a-z0-9])\s*(?:[.:\-–—]\s*)?(?P<title>.*)", re.I | re.S
)
_PART_HEADING: Final = re.compile(
    r"part\s+(?P<part>iv|v|i{1,3}|[1-5])(?![a-z0-9])\s*(?:[.:\-–—]\s*)?(?P<title>.*)", re.I | re.S
)
_ROMAN_PARTS: Final = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}
# An 8-K's "Section 8 – Other Events", and the signature heading that closes a report.
_FORM_SECTION_HEADING: Final = re.compile(
    r"section\s+(?P<number>\d{1,2})\s*[.:\-–—]\s*(?P<title>\S.*)", re.I | re.S
)
_SIGNATURE_HEADING: Final = re.compile(r"signatures?(?:\s*\(s\))?\s*[.:]?", re.I)
SIGNATURES: Final = "SIGNATURES"
_HEADINGS: Final = (_ITEM_HEADING, _PART_HEADING, _FORM_SECTION_HEADING)
_MAX_HEADING_CHARS: Final = 200
_MAX_SUBHEADING_CHARS: Final = 120
_TRAILING_PAGE_NUMBER: Final = re.compile(r"\s(?:page\s+)?\d{1,4}$", re.I)
# Page furniture: page numbers ("15", "- 15 -", "F-3", "Page 15", "xii"), "Table of Contents"
# back-links, and running heads or feet such as "Netflix, Inc. | 2024 Form 10-K | 15".
_PAGE_NUMBER: Final = re.compile(
    r"(?:page\s+)?[-–—]?\s*(?P<number>(?:[a-z]{1,2}\s?-\s?)?\d{1,4}|[ivxlc]{1,7})\s*[-–—]?\.?", re.I
)
_BACK_LINK: Final = re.compile(
    r"(?:(?:back|return)\s+to\s+)?(?:the\s+)?(?:table\s+of\s+contents|contents|index)", re.I
)
_RUNNING_HEAD: Final = re.compile(r"[^|]{0,80}(?:\|[^|]{0,80}){1,3}")
_REPORT_NAME: Final = re.compile(r"\b(?:form\s*(?:10-?k|20-?f)|annual\s+report)\b", re.I)
# "10 The Procter & Gamble Company", "Apple Inc. 2024 Form 10-K 12": a page number and a name.
_NUMBERED_LINE: Final = re.compile(r"(\d{1,3})\s+\S.{0,78}|.{0,78}\S\s+(\d{1,3})")
# The words running heads and feet are made of, besides the company's name and the page number:
# the report's name ("Fiscal 2024 Form 10-K", "2024 Annual Report") and separators.
_REPORT_WORDS: Final = re.compile(
    r"\b(?:annual\s+report(?:\s+on\s+form\s*(?:10-?k|20-?f))?|(?:form\s*)?(?:10-?k|20-?f|8-?k|6-?k)(?:/a)?"
    r"|fiscal(?:\s+year)?|fy|(?:19|20)\d{2})(?![\w-])",
    re.I,
)
_PAGE_TOKEN: Final = re.compile(r"(?<![\w-])(?:page\s+)?(?P<number>(?:[a-z]-)?\d{1,3})(?![\w-])", re.I)
_SEPARATORS: Final = re.compile(r"[\s|•·,:–—-]+")
_LEGAL_SUFFIX: Final = re.compile(
    r"[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|l\.?p|n\.?v|s\.?a|ag|se)\.?$",
    re.I,
)
_STATE_SUFFIX: Final = re.compile(r"\s*/[a-z]{2}/?$", re.I)  # EDGAR's "/MN", "/DE/"
_MAX_FURNITURE_CHARS: Final = 120
# A sentence ends in (or holds) one of these; a heading does not.
_SENTENCE_END: Final = re.compile(r"[.!?;:,][\"'”’)\]]*$|[.!?;]\s")
_LEGEND: Final = re.compile(r"forward[-\s]looking\s+(?:statements|information)|safe\s+harbor", re.I)
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
    """(number, title) when the whole text is a heading that opens a part of the report: an item
    ("Item 2. Properties" gives ("2", "Properties"), "Item 1.05 …" ("1.05", …)), a part ("PART I",
    "PART II — ITEM 5 …": ("PART I", title)), an 8-K's section ("SECTION 8", title) or the
    signatures (("SIGNATURES", ""))."""
    if len(text) > _MAX_HEADING_CHARS:
        return None
    if _SIGNATURE_HEADING.fullmatch(text):
        return SIGNATURES, ""
    match = next(filter(None, (pattern.fullmatch(text) for pattern in _HEADINGS)), None)
    if match is None:
        return None
    title = match["title"].strip()
    if not is_title(title):
        return None
    if match.re is _ITEM_HEADING:
        return match["number"].upper(), title
    if match.re is _PART_HEADING:
        part = match["part"].upper()
        return f"PART {_ROMAN_PARTS.get(part, part)}", title
    return f"SECTION {match['number']}", title


def has_page_number(title: str) -> bool:
    """A table-of-contents line: the title ends with a page number ("Cybersecurity 15")."""
    return bool(_TRAILING_PAGE_NUMBER.search(title))


def is_page_furniture(text: str, company: str | None = None) -> bool:
    """A page number, a "Table of Contents" back-link, or a running head or foot: the company's
    name, the report's name, a page number ("Alphabet Inc.", "Fiscal 2024 Form 10-K", "MASTERCARD
    2024 FORM 10-K 39", "Netflix, Inc. | 2024 Form 10-K | 18", "25.")."""
    if _PAGE_NUMBER.fullmatch(text) or _BACK_LINK.fullmatch(text):
        return True
    if len(text) > _MAX_FURNITURE_CHARS:
        return False
    if _NUMBERED_LINE.fullmatch(text) and is_title(text):
        return True
    if _RUNNING_HEAD.fullmatch(text) and _REPORT_NAME.search(text) and re.search(r"\d", text):
        return True
    rest, _ = furniture_parts(text, company)
    return not rest


def furniture_parts(text: str, company: str | None = None) -> tuple[str, str | None]:
    """(what a line holds besides the words of page furniture, the page number it prints): the
    whole line and None when it holds none ("MASTERCARD 2024 FORM 10-K 39 PART I ITEM 1C.
    CYBERSECURITY" gives ("PART I ITEM 1C. CYBERSECURITY", "39"))."""
    whole = _PAGE_NUMBER.fullmatch(text)
    if whole:
        return "", whole["number"].replace(" ", "")
    if len(text) > _MAX_FURNITURE_CHARS:
        return text, None
    rest = _company_words(company).sub(" ", text) if company else text
    rest = _REPORT_WORDS.sub(" ", rest)
    if rest == text:
        return text, None  # neither the company's name nor the report's: no furniture
    numbers = list(_PAGE_TOKEN.finditer(rest))
    number = numbers[-1]["number"] if numbers else None
    return _SEPARATORS.sub(" ", _PAGE_TOKEN.sub(" ", rest)).strip(), number


@functools.lru_cache(maxsize=64)
def _company_words(company: str) -> re.Pattern[str]:
    """The registrant's name as running heads print it: with or without a leading "The" and its
    "Inc." or the like ("PROCTER & GAMBLE CO" matches "The Procter & Gamble Company"), and
    without EDGAR's state suffix ("WELLS FARGO & COMPANY/MN")."""
    core = _STATE_SUFFIX.sub("", squeeze_spaces(company))
    core = _LEGAL_SUFFIX.sub("", re.sub(r"^the\s+", "", core, flags=re.I)).strip(" ,") or core
    words = r"\s+".join(map(re.escape, core.split()))
    return re.compile(rf"(?<!\w)(?:the\s+)?{words}(?:{_LEGAL_SUFFIX.pattern.removesuffix('$')})?(?!\w)", re.I)


def page_number(text: str, company: str | None = None) -> str | None:
    """The page number a line of page furniture prints ("39", "F-3"); None for any other line."""
    rest, number = furniture_parts(text, company)
    if not rest:
        return number
    numbered = _NUMBERED_LINE.fullmatch(text) if is_title(text) else None
    return next(filter(None, numbered.groups()), None) if numbered else None


def is_legend_heading(text: str) -> bool:
    """The heading of a current report's forward-looking statements legend ("Cautionary Statement
    Regarding Forward-Looking Statements"), which speaks for the whole report, not for an item."""
    return reads_as_heading(text) and bool(_LEGEND.search(text))


def reads_as_heading(text: str) -> bool:
    """A short line that is no sentence: neither ends with sentence punctuation nor holds any."""
    return len(text) <= _MAX_SUBHEADING_CHARS and not _SENTENCE_END.search(text)


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
