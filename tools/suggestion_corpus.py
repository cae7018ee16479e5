"""The suggestion model's examples, made from the SEC's cyd facts (../shared/population/).

The data set holds each text block as plain text with its paragraph breaks flattened to spaces, so
a filing's section is rebuilt from its text blocks and cut into paragraph-like pieces:

1. Each distinct text of the filing's annual text blocks is split into sentences. The blocks are
   laid out longest first: a sentence already placed anchors the block (a shorter block is a part
   of a longer one, or overlaps it), and the block's new sentences go in around its anchors. A
   block that shares no sentence with those placed goes after the blocks of elements that come
   before it in the SEC's order, unless it is under six words (a name, "Audit Committee", that the
   section's sentences hold). A sentence's labels are the elements whose blocks hold it (or most
   of it, or a part of eight words or more of it).
2. The sentences are read in that order: an item heading is dropped, a heading run into a sentence
   ("Governance The Board ...") becomes a heading piece of its own, and the others are grouped into
   paragraph-like pieces: a piece ends where the sentences' labels change, at a heading, or once it
   reaches a length between 250 and 1,000 characters (drawn from a hash of the filing and the
   piece's number: real Item 1C paragraphs run from one to six sentences, 600 characters at the
   median). A piece's labels are the elements that tag all of it.

Filers tag whole paragraphs, so a change of labels is a paragraph break of the filing; the length
cut stands in for the breaks inside a run of paragraphs tagged alike.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from cyber_plugin.core.catalogue import ANNUAL_CONCEPTS, INCIDENT_CONCEPTS, INCIDENT_FORMS, FormFamily, Kind
from cyber_plugin.core.section_text import MIN_SUBSTANTIVE_WORDS, item_heading
from cyber_plugin.core.suggestion_features import split_run_in_heading

REPO: Final = Path(__file__).resolve().parents[1]
SHARED: Final = REPO.parent / "shared"
POPULATION: Final = SHARED / "population" / "cyd-facts-train.ndjson.gz"
REAL_FILINGS: Final = SHARED / "real-filings"
REAL_INCIDENTS: Final = SHARED / "real-incidents"
POPULATION_SAMPLE: Final = REAL_FILINGS / "population-sample.ndjson"

# The labels: the annual report's text blocks (paragraph and text-block models), and one label for
# the incident report's text blocks together (text-block model only; see the model card).
PARAGRAPH_LABELS: Final = tuple(c.local_name for c in ANNUAL_CONCEPTS if c.kind is Kind.TEXT)
INCIDENT_LABEL: Final = FormFamily.INCIDENT.value
BLOCK_LABELS: Final = (*PARAGRAPH_LABELS, INCIDENT_LABEL)
_INCIDENT_NAMES: Final = frozenset(c.local_name for c in INCIDENT_CONCEPTS)
_ORDER: Final = {name: rank for rank, name in enumerate(PARAGRAPH_LABELS)}
VALIDATION_SHARE: Final = 5  # one filer in five, by a hash of the CIK
FOLDS: Final = 4  # the training filers' folds for out-of-fold first-stage scores

# A sentence ends at . ! or ? (quotes and brackets after it kept), before a capital, digit or quote,
# unless the word before the point is an abbreviation, an initial or an item number ("Item 1A.").
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
_ABBREVIATIONS: Final = frozenset(
    "inc corp co ltd llc lp l.p u.s no nos mr ms mrs dr e.g i.e etc st jr sr vs n.a s.a p.c u.k plc "
    "approx fig sec".split()
)
_NOT_AN_END: Final = re.compile(r"[a-z]|(?:[a-z]\.)+[a-z]|\d{1,2}[a-z]")
_CIK_FACT: Final = re.compile(r"EntityCentralIndexKey[^>]*>\s*(\d+)\s*<")
_MIN_PIECE_CHARS: Final = 250
_PIECE_CHARS_SPREAD: Final = 750
_MIN_FRAGMENT_WORDS: Final = 8


def stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def normal_cik(cik: str) -> str:
    return cik.strip().lstrip("0")


def is_validation(cik: str) -> bool:
    return stable_hash(normal_cik(cik)) % VALIDATION_SHARE == 0


def fold_of(cik: str) -> int:
    return stable_hash(normal_cik(cik)) // VALIDATION_SHARE % FOLDS


@dataclass(frozen=True)
class Piece:
    text: str
    labels: frozenset[str]  # the paragraph labels tagging all of it; none for a heading
    heading: bool = False


@dataclass(frozen=True)
class CorpusFiling:
    accession: str
    cik: str
    form: str
    blocks: tuple[tuple[str, frozenset[str]], ...]  # each distinct text: the labels of blocks holding it
    pieces: tuple[Piece, ...]  # the rebuilt section, in order
    tagged: tuple[tuple[str, str], ...]  # every cyd text block as tagged: local name, text

    @property
    def validation(self) -> bool:
        return is_validation(self.cik)


def real_filing_ciks() -> dict[str, str]:
    """The CIK (dei:EntityCentralIndexKey) of every .htm under ../shared/real-filings and
    ../shared/real-incidents, by file name."""
    documents = sorted([*REAL_FILINGS.rglob("*.htm"), *REAL_INCIDENTS.rglob("*.htm")])
    if not documents:
        raise FileNotFoundError(f"the real filings to exclude are not under {SHARED}")
    found: dict[str, str] = {}
    for document in documents:
        match = _CIK_FACT.search(document.read_text(encoding="utf-8", errors="replace"))
        if match is None:
            raise ValueError(f"{document} has no dei:EntityCentralIndexKey")
        found[document.relative_to(SHARED).as_posix()] = normal_cik(match.group(1))
    return found


def excluded_ciks() -> tuple[str, ...]:
    """The CIKs of the real filings the tests read: the real filings' and incident reports', and
    those of the population sample's filers (tests build filings from their texts)."""
    if not POPULATION_SAMPLE.is_file():
        raise FileNotFoundError(f"{POPULATION_SAMPLE} is not there")
    found = set(real_filing_ciks().values())
    for line in POPULATION_SAMPLE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["t"] == "filing":
            found.add(normal_cik(record["cik"]))
    return tuple(sorted(found, key=int))


def plain_text(value: str) -> str:
    """A data-set value as text: CSV quoting undone, entities decoded, spaces squeezed."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1].replace('""', '"')
    return " ".join(html.unescape(value).split())


def split_sentences(text: str) -> list[str]:
    found: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].rstrip('"”’)').split()
        last = before[-1].lower().rstrip(".") if before else ""
        if last in _ABBREVIATIONS or _NOT_AN_END.fullmatch(last):
            continue
        found.append(text[start : match.start()].strip())
        start = match.end()
    found.append(text[start:].strip())
    return [sentence for sentence in found if sentence]


def _key(text: str) -> str:
    return " ".join(re.sub(r"[’'‘]", "", text).lower().split())


@dataclass
class _Sentence:
    text: str
    key: str
    rank: int  # the SEC order of the block that placed it
    labels: set[str] = field(default_factory=set)


def _rank(labels: frozenset[str]) -> int:
    return min(_ORDER[name] for name in labels)


def _anchor(key: str, by_key: dict[str, _Sentence], placed: list[_Sentence]) -> _Sentence | None:
    """The placed sentence that is this one, or holds it as a part of 20 characters or more."""
    same = by_key.get(key)
    if same is not None or len(key) < 20:
        return same
    return next((sentence for sentence in placed if key in sentence.key), None)


def rebuild_section(blocks: list[tuple[str, frozenset[str]]]) -> list[_Sentence]:
    """The section's sentences in order, with the labels of the blocks holding each (step 1)."""
    placed: list[_Sentence] = []
    by_key: dict[str, _Sentence] = {}
    for text, labels in sorted(blocks, key=lambda block: (-len(block[0]), _rank(block[1]), block[0])):
        sentences = [(sentence, _key(sentence)) for sentence in split_sentences(text)]
        anchors = [_anchor(key, by_key, placed) for _, key in sentences]
        first = next((anchor for anchor in anchors if anchor is not None), None)
        if first is None and len(text.split()) < MIN_SUBSTANTIVE_WORDS:
            continue  # a name ("Audit Committee") found inside some sentence: too short to place
        if first is not None:
            at = placed.index(first)
        else:  # a block apart: after the blocks of the elements before it
            rank = _rank(labels)
            at = next((n for n, sentence in enumerate(placed) if sentence.rank > rank), len(placed))
        for (sentence, key), anchor in zip(sentences, anchors, strict=True):
            if anchor is not None:
                if anchor.key == key or 2 * len(key) >= len(anchor.key):
                    anchor.labels |= labels
                elif len(sentence.split()) >= _MIN_FRAGMENT_WORDS:
                    anchor.labels |= labels
                at = placed.index(anchor) + 1
                continue
            new = _Sentence(sentence, key, _rank(labels), set(labels))
            placed.insert(at, new)
            by_key.setdefault(key, new)
            at += 1
    return placed


def cut_pieces(sentences: list[_Sentence], accession: str) -> list[Piece]:
    """The rebuilt section's headings and paragraph-like pieces (step 2)."""
    pieces: list[Piece] = []
    run: list[str] = []
    labels: frozenset[str] = frozenset()
    length = target = number = 0

    def close() -> None:
        nonlocal length
        if run:
            pieces.append(Piece(" ".join(run), labels))
        run.clear()
        length = 0

    for sentence in sentences:
        if item_heading(sentence.text) is not None:
            continue
        heading, text = split_run_in_heading(sentence.text)
        if heading:
            close()
            pieces.append(Piece(heading, frozenset(), heading=True))
        if frozenset(sentence.labels) != labels or (run and length >= target):
            close()
            labels, number = frozenset(sentence.labels), number + 1
            target = _MIN_PIECE_CHARS + stable_hash(f"{accession}/{number}") % _PIECE_CHARS_SPREAD
        run.append(text)
        length += len(text)
    close()
    return pieces


def read_population(path: Path = POPULATION) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each filing record of the data set with its fact records."""
    header: dict[str, Any] | None = None
    facts: list[dict[str, Any]] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["t"] == "filing":
                if header is not None:
                    yield header, facts
                header, facts = record, []
            else:
                facts.append(record)
    if header is not None:
        yield header, facts


def corpus_filing(header: dict[str, Any], facts: list[dict[str, Any]]) -> CorpusFiling:
    """One filing's text blocks and rebuilt section. An incident text block counts (as the incident
    label) in an incident report only: in annual reports such tags are the filer's slips."""
    incident_report = header["form"].removesuffix("/A") in INCIDENT_FORMS
    by_text: dict[str, set[str]] = {}
    tagged: list[tuple[str, str]] = []
    for fact in facts:
        name, text = fact["tag"], plain_text(fact["value"])
        if text and (name in _ORDER or name in _INCIDENT_NAMES):
            tagged.append((name, text))
        if text and (name in _ORDER or (name in _INCIDENT_NAMES and incident_report)):
            by_text.setdefault(text, set()).add(INCIDENT_LABEL if name in _INCIDENT_NAMES else name)
    annual = [(text, frozenset(labels & set(_ORDER))) for text, labels in sorted(by_text.items())]
    annual = [(text, labels) for text, labels in annual if labels]
    # A text's block labels are those of every block holding it: the filer tagged it with them all.
    blocks = tuple(
        (text, frozenset().union(*(labels for holder, labels in by_text.items() if text in holder)))
        for text in sorted(by_text)
    )
    pieces = cut_pieces(rebuild_section(annual), header["adsh"]) if annual else []
    return CorpusFiling(
        header["adsh"],
        normal_cik(header["cik"]),
        header["form"],
        blocks,
        tuple(pieces),
        tuple(sorted(tagged)),
    )


def read_corpus(
    path: Path = POPULATION, limit: int | None = None, filers: Callable[[str], bool] | None = None
) -> tuple[CorpusFiling, ...]:
    """The data set's filings, the excluded filers' left out, sorted by accession number; `limit`
    keeps the first filings read (for quick runs), `filers` only the filers whose CIK it accepts
    (`is_validation`: the validation filers), without rebuilding the others' sections."""
    excluded = set(excluded_ciks())
    filings: list[CorpusFiling] = []
    for header, facts in read_population(path):
        cik = normal_cik(header["cik"])
        if cik not in excluded and (filers is None or filers(cik)):
            filings.append(corpus_filing(header, facts))
            if limit is not None and len(filings) >= limit:
                break
    return tuple(sorted(filings, key=lambda filing: filing.accession))
