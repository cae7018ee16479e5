"""Inline XBRL elements as the page shows them: their kind, and a text block's parts joined as the
page lays them out.

A text block's parts are its ix:nonNumeric and the ix:continuations it is continued at; the page
puts nothing between two parts when the second goes on where the first stopped, a line break when
they stand in different blocks of the page."""

from __future__ import annotations

import functools
from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Final

from .page_flow import Flow, after, element_flow

if TYPE_CHECKING:
    from arelle.ModelObject import ModelObject
    from arelle.ModelXbrl import ModelXbrl


@functools.cache
def ix_namespaces() -> tuple[str, ...]:
    """Inline XBRL's namespaces, sorted (Arelle's list, imported when first asked for: cyber-extract
    reads its command line, and refuses a bad one, without importing Arelle)."""
    from arelle.XbrlConst import ixbrlAll

    return tuple(sorted(ixbrlAll))


def declared_ix_namespaces(root: Any) -> list[str]:
    """The inline XBRL namespaces a document's root declares, sorted (none: not inline XBRL)."""
    declared = set(root.nsmap.values())
    return [namespace for namespace in ix_namespaces() if namespace in declared]


@functools.cache
def _ix_prefixes() -> tuple[str, ...]:
    return tuple(f"{{{namespace}}}" for namespace in ix_namespaces())


# Markup put between two parts of a text block.
DIRECT: Final = ""  # the same block, nothing between them: the second may finish a word
SPACE: Final = " "  # the same block, white space between them
NEW_LINE: Final = "<br/>"  # different blocks of the page, or different documents
# How far apart in the same block two parts may stand: farther than this, they are read as apart.
_MAX_GAP_EVENTS: Final = 2000
_BREAKING: Final = (Flow.BLOCK, Flow.CELL)
_ESCAPED: Final = ("true", "1")  # an ix:nonNumeric's escape attribute when its value is markup


def ix_kind(element: Any) -> str | None:
    """The local name of an inline XBRL element ("header", "exclude", …); None for any other."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith(_ix_prefixes()):
        return tag.rpartition("}")[2]
    return None


def text_block_parts(element: Any, continuation: Callable[[str], Any]) -> list[Any]:
    """An ix:nonNumeric and the ix:continuations its continuedAt chain names, in order (a chain
    that loops, or names a missing continuation, ends there). `continuation(id)` finds one."""
    parts, seen = [element], set()
    link = element.get("continuedAt")
    while link and link not in seen:
        seen.add(link)
        part = continuation(link)
        if part is None:
            break
        parts.append(part)
        link = part.get("continuedAt")
    return parts


def joint(before: Any, part: Any) -> str:
    """The markup between two consecutive parts of a text block, as the page lays them out:
    DIRECT when `part` goes on in the same block right where `before` stopped (it may split a
    word), SPACE when the page has white space between them in that block, NEW_LINE when
    a block boundary (or a `<br>`) does, or when they stand in different blocks or documents."""
    container = _block_around(before)
    if container is None or container is not _block_around(part):
        return NEW_LINE
    gap = [before.tail or ""]
    for count, (event, element) in enumerate(after(before)):
        if element is part:
            between = "".join(gap)
            return SPACE if between != "".join(between.split()) else DIRECT
        if count > _MAX_GAP_EVENTS:
            break
        if event == "comment":
            gap.append(element.tail or "")
        elif element_flow(element) in _BREAKING:
            break  # a block or cell starts or ends between them (the container's end included)
        else:
            gap.append((element.text if event == "start" else element.tail) or "")
    return NEW_LINE


def _block_around(element: Any) -> Any:
    """The nearest enclosing block or cell: where the element's text stands on the page."""
    return next((a for a in element.iterancestors() if element_flow(a) in _BREAKING), None)


def text_block_markup(fact: Any, value: str, continuation: Callable[[str], Any] | None) -> str:
    """A text block's markup, given Arelle's `value`. An inline one is read from its parts, joined
    as the page lays them out: Arelle's value runs a continuation on directly even where it starts
    a new block of the page (and holds no markup where escape is not true)."""
    if ix_kind(fact) != "nonNumeric":
        return value  # an xBRL-XML fact: its value is its markup
    if not fact.get("continuedAt"):
        return value if fact.get("escape") in _ESCAPED else _part_markup(fact).strip()
    if continuation is None:
        return value  # no index of the document set's ids: Arelle's joined value
    parts = text_block_parts(fact, continuation)
    pieces = [_part_markup(parts[0])]
    for before, part in pairwise(parts):
        pieces += (joint(before, part), _part_markup(part))
    return "".join(pieces).strip()


def _part_markup(part: Any) -> str:
    """One part's markup, as Arelle escapes a text block's (ix:exclude left out)."""
    from arelle.XmlUtil import innerText

    return innerText(
        part, ixExclude=True, ixEscape="html", ixContinuation=False, ixResolveUris=True, strip=False
    )


def continuation_finder(modelXbrl: ModelXbrl) -> Callable[[str], ModelObject | None] | None:
    """Finds an ix:continuation of the document set by its id, through the index of ids Arelle's
    inline loader builds; None when the model has none (not an inline document set)."""
    by_id = getattr(modelXbrl, "ixdsEltById", None)
    if by_id is None:
        return None

    def continuation(element_id: str) -> ModelObject | None:
        return next((e for e in by_id.get(element_id, ()) if ix_kind(e) == "continuation"), None)

    return continuation
