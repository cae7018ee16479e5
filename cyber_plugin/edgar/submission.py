"""EDGAR full-submission text files (`<accession>.txt`): their header, and their XBRL documents
unpacked into a folder for Arelle.

A submission is SGML: `<SEC-DOCUMENT>`, a `<SEC-HEADER>` of `LABEL:<tab>value` lines (or, in the
dissemination format, `<TAG>value` lines), then a `<DOCUMENT>` per file with `<TYPE>`,
`<SEQUENCE>`, `<FILENAME>`, `<DESCRIPTION>` and the file between `<TEXT>` and `</TEXT>` (XBRL
files wrapped in `<XBRL>`, binary ones uuencoded). Only what an Arelle load needs is written: the
inline XBRL documents (the primary document and inline exhibits: one inline document set) and the
extension taxonomy (EX-101 schema and linkbases), or a plain XBRL instance if nothing is inline.
The file is read as a stream, so a submission's images and PDFs cost no memory.
"""

from __future__ import annotations

import binascii
import contextlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Final

from ..core.accession import dashed
from ..core.regular_files import open_regular_file
from .form8k_items import item_number
from .leftovers import unpacking_folder

_MARKERS: Final = (b"<SEC-DOCUMENT>", b"<SEC-HEADER>", b"<IMS-DOCUMENT>", b"<SUBMISSION>")
_HEADER_ENDS: Final = ("</SEC-HEADER>", "</IMS-HEADER>")
_PIECE_BYTES: Final = 1 << 20  # a line longer than this (a one-line document) is read in pieces
_HEADER_BYTES: Final = 1 << 20
# 'ACCESSION NUMBER:\t\t0001193125-26-149607' (a label is upper case), and '<ACCESSION-NUMBER>…'.
_LABELLED: Final = re.compile(r"^\s*([A-Z][A-Z0-9 ,.&'()/-]*?):[^\S\n]*(.*)$")
_TAGGED: Final = re.compile(r"^<([A-Z][A-Z0-9-]*)>(.*)$")
_HEADER_FIELDS: Final = {
    "ACCESSION NUMBER": "accession",
    "ACCESSION-NUMBER": "accession",
    "CONFORMED SUBMISSION TYPE": "form",
    "TYPE": "form",
    "FILED AS OF DATE": "filed",
    "FILING-DATE": "filed",
    "CONFORMED PERIOD OF REPORT": "period",
    "PERIOD": "period",
    "ITEM INFORMATION": "items",
    "ITEMS": "items",
    "CENTRAL INDEX KEY": "cik",
    "CIK": "cik",
    "COMPANY CONFORMED NAME": "company",
    "CONFORMED-NAME": "company",
}
_DOCUMENT_FIELDS: Final = ("TYPE", "SEQUENCE", "FILENAME", "DESCRIPTION")
_DOCUMENT_TAG: Final = re.compile(rb"^<(%s)>(.*)$" % "|".join(_DOCUMENT_FIELDS).encode())
# EDGAR's file names are letters, digits, '.', '_' and '-': anything else (a path) is refused.
_SAFE_NAME: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$")
_INLINE_SUFFIXES: Final = frozenset({".htm", ".html", ".xhtml"})
# A filing-fee exhibit is an inline report of its own (the ffd taxonomy), not part of the filing's.
_SEPARATE_REPORTS: Final = frozenset({"EX-FILING FEES"})
_INSTANCE_TYPE: Final = "EX-101.INS"


class SubmissionError(Exception):
    """A file that cannot be read as an EDGAR submission; the message says why."""


@dataclass(frozen=True)
class Limits:
    """Most bytes one unpacked document, and all of them, may take."""

    document_bytes: int = 256 << 20
    total_bytes: int = 1 << 30


@dataclass(frozen=True)
class SubmissionHeader:
    accession_number: str | None = None
    form_type: str | None = None
    filed: date | None = None
    period: date | None = None
    cik: str | None = None  # ten digits: the header's first company (an 8-K's or 10-K's filer)
    company_name: str | None = None
    item_descriptions: tuple[str, ...] = ()  # as the header gives them: descriptions or numbers

    @property
    def items(self) -> tuple[str, ...]:
        """The 8-K item numbers ('1.05', '9.01'), for the rules' 8-K item list."""
        return tuple(dict.fromkeys(n for n in map(item_number, self.item_descriptions) if n))

    @property
    def unrecognised_items(self) -> tuple[str, ...]:
        return tuple(d for d in self.item_descriptions if item_number(d) is None)


@dataclass(frozen=True)
class DocumentInfo:
    type: str
    sequence: str
    filename: str
    description: str


@dataclass(frozen=True)
class UnpackedSubmission:
    header: SubmissionHeader
    folder: Path
    documents: tuple[Path, ...]  # every file written, in the submission's order
    entry_documents: tuple[Path, ...]  # the inline documents (one set), else the XBRL instance

    @property
    def entry_point(self) -> str:
        """Arelle's entry point (--file): the inline documents as one inline document set."""
        files = [{"file": str(path)} for path in self.entry_documents]
        return json.dumps(files if len(files) == 1 else [{"ixds": files}])


def is_submission(path: str | Path) -> bool:
    """Whether a regular file starts as an EDGAR submission does."""
    try:
        with open_regular_file(path) as stream:
            return stream.readline(256).lstrip().startswith(_MARKERS)  # as _header reads it
    except OSError:
        return False


def read_header(path: str | Path) -> SubmissionHeader:
    """The submission's header, reading no further than its end."""
    with open_regular_file(path) as stream:
        return _header(_pieces(stream))


def unpack(path: str | Path, folder: str | Path, limits: Limits = Limits()) -> UnpackedSubmission:
    """Write the submission's XBRL documents into `folder` (which should be empty) and nowhere else.
    A document Arelle would need whose name is not a plain file name (a path) or repeats another's
    makes the submission unusable: SubmissionError, naming it."""
    folder = Path(folder)
    written: list[Path] = []
    inline: list[Path] = []
    instances: list[Path] = []
    names: set[str] = set()
    total = 0
    with open_regular_file(path) as stream:
        pieces = _pieces(stream)
        header = _header(pieces)
        for info, content in _documents(pieces, _wanted, limits.document_bytes):
            is_inline = PurePosixPath(info.filename).suffix.lower() in _INLINE_SUFFIXES
            if content is None or (is_inline and not _is_inline_xbrl(content)):
                continue
            if not _SAFE_NAME.match(info.filename) or info.filename.lower() in names:
                why = "as is another document" if _SAFE_NAME.match(info.filename) else "not a plain file name"
                raise SubmissionError(
                    f"its document {info.sequence} ({info.type}) is named {info.filename!r}, {why}: it is "
                    "not unpacked, so the filing cannot be read whole"
                )
            total += len(content)
            if total > limits.total_bytes:
                raise SubmissionError(f"its XBRL documents exceed {limits.total_bytes} bytes")
            target = folder / info.filename
            with open(target, "xb") as output:  # never replaces a file
                output.write(content)
            written.append(target)
            names.add(target.name.lower())
            if is_inline:
                inline.append(target)
            elif info.type.upper() == _INSTANCE_TYPE:
                instances.append(target)
    entry = inline or instances
    if not entry:
        raise SubmissionError("it holds no inline XBRL document and no XBRL instance")
    return UnpackedSubmission(header, folder, tuple(written), tuple(entry))


@contextlib.contextmanager
def unpacked(path: str | Path, limits: Limits = Limits()) -> Iterator[UnpackedSubmission]:
    """The submission unpacked into a temporary folder (named by this process: see leftovers),
    removed afterwards."""
    with unpacking_folder() as folder:
        yield unpack(path, folder, limits)


# ---------------------------------------------------------------------------------------------
# Reading


def _pieces(stream: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    """The stream's lines, a long one in pieces: (piece, whether it starts a line)."""
    at_start = True
    while piece := stream.readline(_PIECE_BYTES):
        yield piece, at_start
        at_start = piece.endswith(b"\n")


def _header(pieces: Iterator[tuple[bytes, bool]]) -> SubmissionHeader:
    """The header, read up to its end (or the first document, which then begins unannounced).

    Each value is kept as the list of its lines (a description may wrap onto the next lines),
    joined once at the end: the time taken grows with the header's size, never with its square."""
    fields: dict[str, list[list[str]]] = {}
    last: list[str] | None = None  # the lines of the value being read
    size = 0
    for index, (piece, _) in enumerate(pieces):
        size += len(piece)
        line = piece.decode("latin-1").rstrip("\r\n")  # EDGAR's headers are Latin-1
        if index == 0 and not piece.lstrip().startswith(_MARKERS):
            raise SubmissionError("not an EDGAR submission: it does not start with <SEC-DOCUMENT>")
        if size > _HEADER_BYTES:
            raise SubmissionError(f"not an EDGAR submission: no header end within {_HEADER_BYTES} bytes")
        if line.startswith(_HEADER_ENDS) or line == "<DOCUMENT>":
            return _header_from({name: [" ".join(v) for v in values] for name, values in fields.items()})
        labelled = _LABELLED.match(line) if ":" in line else None  # the patterns only where they may match
        match = labelled or (_TAGGED.match(line) if line.startswith("<") else None)
        if match:
            name = _HEADER_FIELDS.get(match.group(1).strip())
            value = [match.group(2).strip()] if match.group(2).strip() else []
            if name:
                fields.setdefault(name, []).append(value)
            last = value if name and labelled else None
        elif last is not None and line[:1].isspace() and line.strip():
            last.append(line.strip())  # a description wrapped onto the next line
    raise SubmissionError("not an EDGAR submission: its header never ends")


def _header_from(fields: dict[str, list[str]]) -> SubmissionHeader:
    def first(name: str) -> str | None:
        values = [value for value in fields.get(name, []) if value]
        return values[0] if values else None

    cik = first("cik")
    accession = first("accession")
    return SubmissionHeader(
        accession_number=dashed(accession) if accession else None,
        form_type=first("form"),
        filed=_date(first("filed")),
        period=_date(first("period")),
        cik=cik.zfill(10) if cik and cik.isdigit() else None,
        company_name=first("company"),
        item_descriptions=tuple(value for value in fields.get("items", []) if value),
    )


def _date(value: str | None) -> date | None:
    try:
        return datetime.strptime(value or "", "%Y%m%d").date()
    except ValueError:
        return None


def _documents(
    pieces: Iterator[tuple[bytes, bool]], wanted: Callable[[DocumentInfo], bool], limit: int
) -> Iterator[tuple[DocumentInfo, bytes | None]]:
    """Each document's description, and its content when wanted (else None: skipped unread)."""
    tags: dict[str, str] = {}
    for piece, at_start in pieces:
        line = piece.rstrip(b"\r\n") if at_start else b""
        if line == b"<DOCUMENT>":
            tags = {}
        elif line == b"<TEXT>":
            info = DocumentInfo(*(tags.get(name, "") for name in _DOCUMENT_FIELDS))
            keep = wanted(info)
            content = _text(pieces, info, limit if keep else None)
            yield info, _decoded(content) if keep else None
        elif match := _DOCUMENT_TAG.match(line):
            tags[match.group(1).decode()] = match.group(2).decode("latin-1").strip()


def _text(pieces: Iterator[tuple[bytes, bool]], info: DocumentInfo, limit: int | None) -> bytes:
    """The document's text up to </TEXT>; kept only when a limit is given."""
    kept: list[bytes] = []
    size = 0
    for piece, at_start in pieces:
        if at_start and piece.rstrip(b"\r\n") == b"</TEXT>":
            return b"".join(kept)
        if limit is not None:
            size += len(piece)
            if size > limit:
                raise SubmissionError(f"its document {info.filename!r} is larger than {limit} bytes")
            kept.append(piece)
    raise SubmissionError(f"its document {info.filename!r} has no </TEXT>: the file is cut short")


def _decoded(text: bytes) -> bytes:
    """The file itself: EDGAR's <XBRL> or <XML> wrapper removed, a uuencoded file decoded."""
    text = text.strip()
    for tag in (b"XBRL", b"XML"):
        opening, closing = b"<" + tag + b">", b"</" + tag + b">"
        if text.startswith(opening) and text.endswith(closing):
            return text[len(opening) : -len(closing)].strip()
    if text.startswith(b"begin "):
        return _uudecoded(text.splitlines()[1:])
    return text


def _uudecoded(lines: list[bytes]) -> bytes:
    decoded = bytearray()
    for line in lines:
        if line.strip() == b"end":
            break
        if not line.strip():
            continue
        try:
            decoded += binascii.a2b_uu(line)
        except binascii.Error:  # trailing garbage some encoders leave: keep the bytes the length names
            decoded += binascii.a2b_uu(line[: (((line[0] - 32) & 63) * 4 + 5) // 3])
    return bytes(decoded)


def _wanted(info: DocumentInfo) -> bool:
    """Whether Arelle may need the document: inline XBRL candidates, schemas, EX-101 linkbases."""
    suffix = PurePosixPath(info.filename).suffix.lower()
    kind = info.type.upper()
    if kind in _SEPARATE_REPORTS:
        return False
    return suffix in _INLINE_SUFFIXES or suffix == ".xsd" or (suffix == ".xml" and kind.startswith("EX-101."))


def _is_inline_xbrl(content: bytes) -> bool:
    from arelle.XbrlConst import ixbrlAll

    return any(namespace.encode() in content for namespace in ixbrlAll)
