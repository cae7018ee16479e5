"""cyber-extract: a dataset of cybersecurity disclosures from many filings.

The command expands the inputs, hands one file at a time to a pool of worker processes (`pool`,
`worker`) and alone writes the outputs (`dataset`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final

from ..core.regular_files import os_reason
from ..core.settings import OptionError
from ..dataset.output_lock import locked_outputs
from ..dataset.records import (
    DATASET_FILES,
    DatasetError,
    DatasetFile,
    dataset_format,
    open_dataset,
    record_key,
    source_key,
)
from ..dataset.stored_settings import check_settings, store_settings
from ..dataset.table_files import TableFormat
from ..edgar.downloads import EdgarSettings
from ..edgar.leftovers import remove_leftovers
from ..integration import settings_codec
from ..integration.options import CheckedValue, add_arguments
from ..outputs import extension_list
from ..outputs.filing_record import with_skipped_twin
from ..outputs.tables import TABLES
from . import PROGRAM
from .argument_lists import ArgumentListError, expand_lists
from .edgar_arguments import EDGAR_OPTIONS, edgar_settings
from .inputs import Input, expand_inputs, without_extracted_twins
from .pool import BatchError, StopRequest, run_pool
from .progress import Progress, Tally
from .screening import refusal
from .sources import content_sha256, is_url
from .worker import Outcome, ReaderSettings, failed_outcome

INTERRUPTED_EXIT_STATUS: Final = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Extract the SEC cybersecurity disclosures (cyd facts, flags, text blocks and the "
        "plugin's findings) of many filings into one dataset.",
        epilog="Re-running with the same outputs resumes: inputs already recorded (same SHA-256) are "
        "skipped. Ctrl-C stops cleanly, keeping every finished filing (exit status 130). One run at a "
        "time writes an output: a second run on it stops at once (exit status 2).",
        exit_on_error=False,  # main adds a hint to argparse's errors
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="an inline XBRL .htm, an XBRL .xml instance, an EDGAR submission .zip, an EDGAR full "
        "submission <accession>.txt, a directory (searched recursively), a glob pattern, an EDGAR archive "
        "URL (https://www.sec.gov/Archives/edgar/data/CIK/ACCESSION/[FILE]; needs --user-agent), or "
        "@FILE holding arguments one per line (blank lines and lines starting with '#' are skipped; it "
        "may name other lists)",
    )
    parser.add_argument(
        "-o",
        "--output",
        action=CheckedValue,
        check=dataset_format,
        repeatable=True,
        required=True,
        metavar="OUTPUT",
        help=f"dataset to write (appended to and resumed): a file whose extension names its format "
        f"({extension_list(DATASET_FILES)}; a .csv holds the filings table), or a directory (ending "
        f"with '/') for the tables {', '.join(table.name for table in TABLES)} in --format. May be "
        "given more than once.",
    )
    parser.add_argument(
        "--format",
        type=TableFormat,
        choices=list(TableFormat),
        default=TableFormat.PARQUET,
        help="the format of the tables in a directory output (default: parquet)",
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=default_jobs(), help="worker processes (default: the CPU count)"
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="Arelle works offline (--workOffline): it downloads no schema; EDGAR URL inputs are still "
        "downloaded, once",
    )
    parser.add_argument(
        "--cache-directory",
        metavar="DIR",
        help="Arelle's cache directory (--cacheDirectory) for schemas and EDGAR downloads; created "
        "when it does not exist",
    )
    add_arguments(parser)
    add_arguments(parser, EDGAR_OPTIONS)
    return parser


def default_jobs() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))  # the CPUs this process may use
    return os.cpu_count() or 1


def parse_arguments(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """The parsed command line, its @FILE lists read; any error exits with the usage message
    (status 2)."""
    try:
        return parser.parse_intermixed_args(expand_lists(argv))
    except argparse.ArgumentError as error:
        message = str(error)
        if error.argument_name and error.argument_name.startswith("-") and "expected one argument" in message:
            # argparse reads a value that starts with '-' as an option: say how to give one.
            option = error.argument_name.split("/")[-1]
            message += f" (a value that starts with '-' is attached with '=': {option}=-VALUE)"
        parser.error(message)
    except ArgumentListError as error:
        parser.error(str(error))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    arguments = parse_arguments(parser, sys.argv[1:] if argv is None else argv)
    if arguments.jobs < 1:
        parser.error(f"--jobs must be at least 1, not {arguments.jobs}")

    def warn(message: str) -> None:
        print(f"{PROGRAM}: warning: {message}", file=sys.stderr)

    try:
        inputs = expand_inputs(arguments.inputs, warn)
        if not inputs:
            parser.error("the inputs name no filing")
        cache_directory = _absolute(arguments.cache_directory)
        try:
            edgar = edgar_settings(arguments, [each.path for each in inputs], cache_directory)
        except OptionError as error:
            parser.error(str(error))
        if cache_directory is not None:
            _create_cache_directory(parser, cache_directory)
        settings = ReaderSettings(
            arguments.offline,
            edgar.cache_directory if edgar else cache_directory,
            settings_codec.parse(vars(arguments), settings_codec.EXTRACT_OPTIONS),
            edgar,
        )
        with contextlib.ExitStack() as held:
            try:
                held.enter_context(locked_outputs(arguments.output, warn))
                outputs = _open_outputs(arguments.output, arguments.format, settings, warn)
            except DatasetError as error:
                parser.error(str(error))
            remove_leftovers(edgar.cache_directory if edgar else None)  # what killed runs left
            try:
                status = _run(inputs, settings, arguments.jobs, outputs)
            finally:
                closed = _close_outputs(outputs)
            return status if closed else 1
    except KeyboardInterrupt:  # outside the pool, where Ctrl-C is a request to stop (see _run)
        print(f"{PROGRAM}: interrupted", file=sys.stderr)
        return INTERRUPTED_EXIT_STATUS


def _absolute(path: str | None) -> str | None:
    return os.path.abspath(path) if path else None


def _create_cache_directory(parser: argparse.ArgumentParser, path: str) -> None:
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as error:
        parser.error(f"--cache-directory {path!r} cannot be made a directory: {os_reason(error)}")


def _open_outputs(
    paths: Iterable[str], table_format: TableFormat, settings: ReaderSettings, warn: Callable[[str], None]
) -> list[DatasetFile]:
    """Every output, read and checked first (its records and the settings they were made with), so
    that none is touched when one is unusable."""
    unique = {os.path.realpath(path): path for path in paths}.values()  # one output, however spelt
    outputs = [open_dataset(path, table_format) for path in unique]
    for output in outputs:
        check_settings(output.path, bool(output.recorded), settings.rules, warn)
    for output in outputs:
        output.open()
        store_settings(output.path, settings.rules)
    return outputs


def _close_outputs(outputs: Iterable[DatasetFile]) -> bool:
    """Close every output (a directory then writes its tables); False when one failed (said why)."""
    closed = True
    for output in outputs:
        try:
            output.close()
        except DatasetError as error:
            print(f"{PROGRAM}: {error}", file=sys.stderr)
            closed = False
    return closed


def _not_yet_recorded(
    sources: list[str], outputs: list[DatasetFile], edgar: EdgarSettings | None
) -> list[str]:
    """The sources some output lacks, decided here by content (SHA-256; a URL's download in the
    cache) so that a resumed run starts no worker and makes no request for what it skips; a file
    that cannot be read (a URL not downloaded) is looked up by its path."""
    everywhere = set.intersection(*(output.recorded for output in outputs))
    if not everywhere:
        return sources
    return [
        source
        for source in sources
        if (content_sha256(source, edgar) or source_key(source)) not in everywhere
    ]


def _run(inputs: list[Input], settings: ReaderSettings, jobs: int, outputs: list[DatasetFile]) -> int:
    inputs, twins = without_extracted_twins(inputs)
    shown = {each.path: each.shown for each in inputs}
    todo = _not_yet_recorded(list(shown), outputs, settings.edgar)
    # Files refused before Arelle sees them (see screening) are recorded here, costing no worker.
    refused = {source: why for source in todo if not is_url(source) and (why := refusal(Path(source)))}
    tally = Tally(already_recorded=len(inputs) - len(todo), extracted_twins=len(twins))
    progress = Progress(len(todo), sys.stderr)
    stop = StopRequest()
    started = time.monotonic()

    def on_outcome(outcome: Outcome) -> None:
        name, record = shown[outcome.source], outcome.record
        if outcome.source in twins:
            record = with_skipped_twin(record, twins[outcome.source].path)
        key = record_key(record)
        missing = [output for output in outputs if key not in output.recorded]
        for output in missing:
            output.append(record)
        if missing:
            progress.advance(name, tally.count(record, name), failed="error" in record)
        else:
            tally.same_content += 1
            progress.advance(name, "same content as an input already recorded")

    to_read = [source for source in todo if source not in refused]
    workers = min(jobs, len(to_read))  # none when every input is already recorded or refused
    try:
        with stop.installed():
            for source, why in refused.items():
                on_outcome(failed_outcome(source, why, settings))
            run_pool(to_read, settings, jobs, on_outcome, stop)
    except (BatchError, DatasetError) as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return 1
    finally:
        progress.close()
    summary = tally.summary_lines(time.monotonic() - started, workers, outputs)
    if stop.requested:
        print("\n".join(summary), file=sys.stderr)
        print(
            f"{PROGRAM}: interrupted; every filing finished before the interruption is in the dataset. "
            "Run the same command again to resume.",
            file=sys.stderr,
        )
        return INTERRUPTED_EXIT_STATUS
    with contextlib.suppress(BrokenPipeError):
        print("\n".join(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
