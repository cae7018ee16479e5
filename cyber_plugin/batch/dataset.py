"""The batch dataset: one record per filing, appended to JSON Lines and CSV files that survive a
killed run and can be resumed.

A record is the `--cyber-export` JSON object of the filing with the input file (`source`), its
SHA-256 (`sha256`) and the filing's EDGAR identity (`accessionNumber`, `filed`, `eightKItems`); a
filing that could not be read is a record with `error` instead. The CSV row
is derived from the record, so both files always say the same thing.

Every record is written as one line with one write and flushed, so a killed run can leave at most
a torn last line, which is cut off when the file is opened again, before anything is appended.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, Final, Protocol

from ..core.catalogue import ANNUAL_FLAGS, CONCEPTS
from ..core.findings import Severity
from ..outputs import by_extension
from ..outputs.json_format import FORMAT_NAME, FORMAT_VERSION
from ..outputs.tabular import LIST_SEPARATOR, neutralise, restore
from .sources import FilingIdentity

Record = dict[str, Any]

SKIPPED_TWIN: Final = "skippedTwin"
ACCESSION_NUMBER: Final = "accessionNumber"
FILED: Final = "filed"
EIGHT_K_ITEMS: Final = "eightKItems"

TEXT_BLOCKS: Final = tuple(concept for concept in CONCEPTS if not concept.is_flag)
TEXT_LENGTH_SUFFIX: Final = "_chars"
SEVERITY_COLUMNS: Final = {severity: f"findings_{severity.value}" for severity in Severity}
CSV_COLUMNS: Final[tuple[str, ...]] = (
    "source",
    "sha256",
    "skipped_twin",
    "accession_number",
    "filed",
    "eight_k_items",
    "error",
    "entity",
    "cik",
    "form",
    "period_start",
    "period_end",
    "cyd_namespaces",
    "cyd_facts",
    *(concept.local_name for concept in ANNUAL_FLAGS),
    *(concept.local_name + TEXT_LENGTH_SUFFIX for concept in TEXT_BLOCKS),
    *SEVERITY_COLUMNS.values(),
    "finding_codes",
)
# Excel opens a CSV as UTF-8 only with a byte-order mark; the project's other CSV export has one.
_CSV_ENCODING: Final = "utf-8-sig"
_CSV_LINE_END: Final = b"\r\n"


class DatasetError(Exception):
    """An output file that cannot be resumed or written; the message says why."""


def filing_record(document: Mapping[str, Any], source: str, sha256: str) -> Record:
    """The export object with `source` replaced by the input file and `sha256` added after it."""
    return _inserted_after({**document, "source": source}, "source", {"sha256": sha256})


def with_identity(record: Record, identity: FilingIdentity) -> Record:
    """The record with the filing's accession number, filing date and 8-K items after `sha256`."""
    filed = identity.filed.isoformat() if identity.filed else None
    fields = {
        ACCESSION_NUMBER: identity.accession_number,
        FILED: filed,
        EIGHT_K_ITEMS: [*identity.eight_k_items],
    }
    return _inserted_after(record, "sha256", fields)


def with_skipped_twin(record: Record, twin: str) -> Record:
    """The record of an inline document with `skippedTwin` after `sha256`: the instance EDGAR
    extracted from it, left unread (see inputs.without_extracted_twins)."""
    return _inserted_after(record, "sha256", {SKIPPED_TWIN: twin})


def _inserted_after(record: Mapping[str, Any], after: str, fields: Mapping[str, Any]) -> Record:
    items = list(record.items())
    position = [name for name, _ in items].index(after) + 1
    return dict([*items[:position], *fields.items(), *items[position:]])


def failure_record(source: str, sha256: str | None, reason: str) -> Record:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "source": source,
        "sha256": sha256,
        "error": " ".join(reason.split()),  # one line, whatever the cause printed
    }


def record_key(record: Mapping[str, Any]) -> str:
    """What identifies a record on resume: its content hash, or its path when it was unreadable."""
    return record.get("sha256") or source_key(str(record.get("source", "")))


def source_key(source: str) -> str:
    return "source:" + source


def csv_row(record: Mapping[str, Any]) -> dict[str, object]:
    """The CSV row of a record: flags as true/false/empty, text-block lengths in characters
    (empty when the block is not tagged), finding counts by severity and the distinct codes."""
    row: dict[str, object] = {
        "source": record["source"],
        "sha256": record.get("sha256"),
        "skipped_twin": record.get(SKIPPED_TWIN),
        "accession_number": record.get(ACCESSION_NUMBER),
        "filed": record.get(FILED),
        "eight_k_items": LIST_SEPARATOR.join(record.get(EIGHT_K_ITEMS) or ()),
    }
    if "error" in record:
        row["error"] = record["error"]
        return row
    facts: list[Mapping[str, Any]] = record["facts"]
    findings: list[Mapping[str, Any]] = record["findings"]
    row.update(
        entity=record["entity"]["name"],
        cik=record["entity"]["cik"],
        form=record["documentType"],
        period_start=record["period"]["start"],
        period_end=record["period"]["end"],
        cyd_namespaces=LIST_SEPARATOR.join(record["cydNamespaces"]),
        cyd_facts=len(facts),
    )
    row.update({concept.local_name: record["flags"].get(concept.local_name) for concept in ANNUAL_FLAGS})
    first_text: dict[str, Any] = {}
    for fact in facts:  # facts are in presentation order; the first of a concept counts, as for flags
        first_text.setdefault(fact["concept"], fact["value"])
    for concept in TEXT_BLOCKS:
        if concept.local_name in first_text:
            value = first_text[concept.local_name]
            row[concept.local_name + TEXT_LENGTH_SUFFIX] = len(value) if isinstance(value, str) else 0
    severities = Counter(finding["severity"] for finding in findings)
    row.update({column: severities.get(severity.value, 0) for severity, column in SEVERITY_COLUMNS.items()})
    row["finding_codes"] = LIST_SEPARATOR.join(dict.fromkeys(finding["code"] for finding in findings))
    return row


def csv_cell(value: object) -> str:
    """A cell as text on one physical line (so a row is a line), guarded against spreadsheet
    formulas."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = " ".join(str(value).splitlines())
    return neutralise(text)


class DatasetFile(Protocol):
    path: Path
    recorded: set[str]

    def open(self) -> None: ...

    def append(self, record: Record) -> None: ...

    def close(self) -> None: ...


def dataset_format(path: str | os.PathLike[str], option: str | None) -> Callable[[Path], DatasetFile]:
    """The dataset file class the extension names; an unsupported extension is an OptionError
    naming `option`, as the user typed it."""
    return by_extension(path, DATASET_FILES, option)


def open_dataset(path: Path) -> DatasetFile:
    """An output with the keys it already holds, read and checked but not yet touched (`open`
    cuts off a torn last line and prepares appending); raises DatasetError for a file that is not
    a dataset, OptionError for an unsupported extension."""
    return dataset_format(path, None)(path)


class _AppendOnlyFile:
    """A file written one whole line at a time, flushed after each."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.recorded: set[str] = set()
        self.complete_length = 0
        self.torn_line = b""
        self._stream: BinaryIO | None = None

    def _check_torn_line(self, first_line_start: bytes) -> None:
        """With no complete line, only the start of this format's first line counts as torn: any
        other content is somebody else's file, to be left alone."""
        if self.complete_length == 0 and self.torn_line:
            if not first_line_start.startswith(self.torn_line[: len(first_line_start)]):
                raise self._not_a_dataset(1, "is not this format's first line")

    def open(self) -> None:
        """Open for appending after the last complete line, dropping a torn line after it."""
        try:
            if self.torn_line:
                os.truncate(self.path, self.complete_length)  # drop the torn line a killed run left
            self._stream = open(self.path, "ab")  # kept open for the whole run
        except OSError as error:
            raise DatasetError(f"cannot write {os.fspath(self.path)!r}: {error.strerror or error}") from None

    def _write(self, data: bytes) -> None:
        assert self._stream is not None, "the dataset file is not open"
        try:
            self._stream.write(data)
            self._stream.flush()
        except OSError as error:  # a full disk, a vanished mount: the batch cannot go on
            raise DatasetError(f"cannot write {os.fspath(self.path)!r}: {error.strerror or error}") from None

    def close(self) -> None:
        if self._stream is not None:
            stream, self._stream = self._stream, None
            # Every line was flushed when written; a failure here (after a failed write, already
            # reported) must not hide the outcome of the run.
            with contextlib.suppress(OSError):
                os.fsync(stream.fileno())
            with contextlib.suppress(OSError):
                stream.close()

    def _complete_lines(self, line_end: bytes) -> Iterator[tuple[int, bytes]]:
        """(line number, line without its end) for each complete line, read as a stream; a last line
        without its end is torn and left out. Sets `complete_length`, where appending resumes."""
        self.complete_length, self.torn_line = 0, b""
        try:
            stream = open(self.path, "rb")
        except FileNotFoundError:
            return
        except OSError as error:
            raise DatasetError(f"cannot read {os.fspath(self.path)!r}: {error.strerror or error}") from None
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.endswith(line_end):
                    if stream.read(1):  # only the last line can be torn; this one is just wrong
                        raise self._not_a_dataset(number, "does not end as this format's lines do")
                    self.torn_line = line
                    return
                yield number, line[: -len(line_end)]
                self.complete_length += len(line)

    def _not_a_dataset(self, number: int, why: str) -> DatasetError:
        return DatasetError(
            f"{os.fspath(self.path)!r} line {number} {why}, so it is not a cyber-extract dataset this "
            "version can resume; give another output file"
        )


class JsonLinesFile(_AppendOnlyFile):
    """JSON Lines: one record per line, UTF-8."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        for number, line in self._complete_lines(b"\n"):
            try:
                record = json.loads(line)
            except ValueError:
                raise self._not_a_dataset(number, "is not JSON") from None
            if not isinstance(record, dict) or record.get("format") != FORMAT_NAME or "source" not in record:
                raise self._not_a_dataset(number, f"is not a {FORMAT_NAME} record")
            self.recorded.add(record_key(record))
        self._check_torn_line(_JSON_LINE_START)

    def append(self, record: Record) -> None:
        self._write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        self.recorded.add(record_key(record))


class CsvFile(_AppendOnlyFile):
    """CSV: a header, then one row per record (RFC 4180 quoting, CRLF, UTF-8 with a BOM)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        lines = self._complete_lines(_CSV_LINE_END)
        header = next(lines, None)
        if header is not None:
            if _parse_csv_line(header[1].decode(_CSV_ENCODING)) != list(CSV_COLUMNS):
                raise self._not_a_dataset(1, "is not this version's header")
            for number, line in lines:
                cells = _parse_csv_line(line.decode("utf-8", errors="replace"))
                if len(cells) != len(CSV_COLUMNS):
                    raise self._not_a_dataset(number, f"has {len(cells)} cells, not {len(CSV_COLUMNS)}")
                row = dict(zip(CSV_COLUMNS, map(restore, cells), strict=True))
                self.recorded.add(row["sha256"] or source_key(row["source"]))
        self._check_torn_line(_CSV_HEADER)

    def open(self) -> None:
        super().open()
        if self.complete_length == 0:
            self._write(_CSV_HEADER)

    def append(self, record: Record) -> None:
        row = csv_row(record)
        self._write(_csv_line([csv_cell(row.get(column)) for column in CSV_COLUMNS]).encode("utf-8"))
        self.recorded.add(record_key(record))


DATASET_FILES: Final[dict[str, Callable[[Path], DatasetFile]]] = {
    ".jsonl": JsonLinesFile,
    ".ndjson": JsonLinesFile,
    ".csv": CsvFile,
}


def _csv_line(cells: Any) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=_CSV_LINE_END.decode()).writerow(cells)
    return buffer.getvalue()


def _parse_csv_line(line: str) -> list[str]:
    return next(csv.reader([line]), [])


_JSON_LINE_START: Final = json.dumps({"format": FORMAT_NAME})[:-1].encode("utf-8")
_CSV_HEADER: Final = _csv_line(CSV_COLUMNS).encode(_CSV_ENCODING)
