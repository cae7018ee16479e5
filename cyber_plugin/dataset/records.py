"""The batch dataset: one record per filing, appended to JSON Lines and CSV files that survive a
killed run and can be resumed, or to a directory of tables.

A record (`outputs/filing_record.py`) is the `--cyber-export` JSON object of the filing with the input
file (`source`), its SHA-256 (`sha256`), the filing's EDGAR identity (`accessionNumber`, `filed`,
`eightKItems`) and its tagging `status`; a filing that could not be read is a record with `error`
instead. CSV rows and tables are derived from the records (`outputs/tables.py`), so every output
always says the same thing.

Every record is written as one line with one write and flushed, so a killed run can leave at most
a torn last line, which is cut off when the file is opened again, before anything is appended.
A directory keeps its records so (`records.jsonl`) and rewrites its tables whole from them when
the run ends (`TablesDirectory`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, Final, Protocol

from ..core.regular_files import open_regular_file
from ..outputs import by_extension
from ..outputs.csv_format import CSV_ENCODING, CSV_LINE_END, csv_columns, csv_header, csv_rows, parse_csv_line
from ..outputs.json_format import FORMAT_NAME
from ..outputs.table_model import Record, Table
from ..outputs.tables import FILINGS, TABLES
from ..outputs.tabular import restore
from .table_files import MissingDependency, TableFormat, require_pyarrow, table_path, write_tables

RECORDS_FILE: Final = "records.jsonl"


class DatasetError(Exception):
    """An output file that cannot be resumed or written; the message says why."""


def record_key(record: Mapping[str, Any]) -> str:
    """What identifies a record on resume: its content hash, or its path when it was unreadable."""
    return record.get("sha256") or source_key(str(record.get("source", "")))


def source_key(source: str) -> str:
    return "source:" + source


class DatasetFile(Protocol):
    path: Path
    recorded: set[str]

    def open(self) -> None: ...

    def append(self, record: Record) -> None: ...

    def close(self) -> None: ...


def is_directory_output(path: str | os.PathLike[str]) -> bool:
    """Whether an output names a directory: it ends with a slash or is an existing directory."""
    text = os.fspath(path)
    return text.endswith(("/", os.sep)) or os.path.isdir(text)


def dataset_format(
    path: str | os.PathLike[str], option: str | None, table_format: TableFormat = TableFormat.PARQUET
) -> Callable[[Path], DatasetFile]:
    """The dataset class the output names: a directory of tables in `table_format`, or the file
    format of its extension; an unsupported extension is an OptionError naming `option`, as the
    user typed it."""
    if is_directory_output(path):
        return functools.partial(TablesDirectory, table_format=table_format)
    return by_extension(path, DATASET_FILES, option)


def open_dataset(
    path: str | os.PathLike[str], table_format: TableFormat = TableFormat.PARQUET
) -> DatasetFile:
    """An output with the keys it already holds, read and checked but not yet touched (`open`
    cuts off a torn last line and prepares appending); raises DatasetError for an output that is
    not a dataset, OptionError for an unsupported extension."""
    return dataset_format(path, None, table_format)(Path(os.path.abspath(path)))


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
            stream = open_regular_file(self.path)  # a FIFO or a device is refused, never waited on
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
        self.recorded.update(map(record_key, self.records()))
        self._check_torn_line(_JSON_LINE_START)

    def records(self) -> Iterator[Record]:
        """Every complete record, read as a stream and checked; DatasetError for a line that is not
        one."""
        for number, line in self._complete_lines(b"\n"):
            try:
                record = json.loads(line)
            except ValueError:
                raise self._not_a_dataset(number, "is not JSON") from None
            if not isinstance(record, dict) or record.get("format") != FORMAT_NAME or "source" not in record:
                raise self._not_a_dataset(number, f"is not a {FORMAT_NAME} record")
            yield record

    def append(self, record: Record) -> None:
        self._write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        self.recorded.add(record_key(record))


class CsvFile(_AppendOnlyFile):
    """CSV: the filings table, a header then one row per record, each on one line (RFC 4180 quoting,
    CRLF, UTF-8 with a BOM); its first column, `table`, says `filings` on every row."""

    table: Table = FILINGS

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        header = csv_header(self.table)
        columns = list(csv_columns(self.table))
        lines = self._complete_lines(CSV_LINE_END)
        first = next(lines, None)
        if first is not None:
            if parse_csv_line(first[1].decode(CSV_ENCODING)) != columns:
                raise self._not_a_dataset(1, "is not this version's header (its columns differ)")
            for number, line in lines:
                cells = parse_csv_line(line.decode("utf-8", errors="replace"))
                if len(cells) != len(columns):
                    raise self._not_a_dataset(number, f"has {len(cells)} cells, not {len(columns)}")
                row = dict(zip(columns, map(restore, cells), strict=True))
                self.recorded.add(row["sha256"] or source_key(row["source"]))
        self._check_torn_line(header)

    def open(self) -> None:
        super().open()
        if self.complete_length == 0:
            self._write(csv_header(self.table))

    def append(self, record: Record) -> None:
        self._write(csv_rows(self.table, self.table.rows(record), one_line=True))
        self.recorded.add(record_key(record))


class TablesDirectory:
    """A directory holding the records (`records.jsonl`, appended to and resumed as a JSON Lines
    output) and the tables (`filings`, `facts`, `findings`, `paragraphs`, `changes`) in `table_format`,
    rewritten whole from the records when the run ends, also after Ctrl-C; a run killed before that leaves the
    previous tables, which the next run brings up to date."""

    def __init__(self, path: Path, table_format: TableFormat) -> None:
        self.path = path
        self.table_format = table_format
        if table_format is TableFormat.PARQUET:
            try:
                require_pyarrow()
            except MissingDependency as error:
                raise DatasetError(f"{os.fspath(path)!r}: {error}") from None
        if path.exists() and not path.is_dir():
            raise DatasetError(f"{os.fspath(path)!r} is a file, not a directory")
        if path.is_dir() and not (path / RECORDS_FILE).exists() and any(path.iterdir()):
            raise DatasetError(
                f"{os.fspath(path)!r} is neither empty nor a cyber-extract dataset directory (it has no "
                f"{RECORDS_FILE}); give another output directory"
            )
        self._records = JsonLinesFile(path / RECORDS_FILE)
        self.recorded = self._records.recorded
        self._opened = False

    def open(self) -> None:
        try:
            self.path.mkdir(exist_ok=True)
        except OSError as error:
            raise DatasetError(f"cannot create {os.fspath(self.path)!r}: {error.strerror or error}") from None
        self._records.open()
        self._opened = True

    def append(self, record: Record) -> None:
        self._records.append(record)

    def close(self) -> None:
        """Close the records and write the tables from them; raises DatasetError when they cannot
        be written (the records are kept)."""
        self._records.close()
        if not self._opened:
            return
        self._opened = False
        try:
            write_tables(self.path, self._records.records, self.table_format)
            # Tables an earlier run wrote in the other format are out of date now.
            others = (f for f in TableFormat if f is not self.table_format)
            for stale in [table_path(self.path, table, other) for other in others for table in TABLES]:
                stale.unlink(missing_ok=True)
        except OSError as error:
            raise DatasetError(
                f"cannot write the tables in {os.fspath(self.path)!r}: {error.strerror or error}; the "
                f"records are kept in {RECORDS_FILE}: run the command again to write them"
            ) from None


DATASET_FILES: Final[dict[str, Callable[[Path], DatasetFile]]] = {
    ".jsonl": JsonLinesFile,
    ".ndjson": JsonLinesFile,
    ".csv": CsvFile,
}

_JSON_LINE_START: Final = json.dumps({"format": FORMAT_NAME})[:-1].encode("utf-8")
