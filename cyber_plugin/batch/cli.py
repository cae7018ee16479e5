"""cyber-extract: a dataset of cybersecurity disclosures from many filings.

The parent process expands the inputs, hands one file at a time to a pool of worker processes and
alone writes the outputs (cyber_plugin.dataset). Each worker keeps one Arelle controller, with the
plugin active, for many filings, and turns each filing into the same JSON object as
`--cyber-export`: the same extraction, the same checks, the same document.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import hashlib
import json
import logging
import multiprocessing
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import FrameType
from typing import Any, Final, TextIO

from ..checks import RULE_CODES
from ..core.settings import OptionError, RuleSettings, parse_items, parse_rules
from .dataset import (
    DatasetError,
    DatasetFile,
    Record,
    failure_record,
    filing_record,
    open_dataset,
    record_key,
    source_key,
    supported_extensions,
)

PROGRAM: Final = "cyber-extract"
# The plugin, and Arelle's own plugin that loads an archive's inline documents as one document set
# (an EDGAR submission's primary document and its inline exhibits are one report).
PLUGINS: Final = ("cyber_plugin", "inlineXbrlDocumentSet")
INPUT_SUFFIXES: Final = frozenset({".htm", ".html", ".xhtml", ".xml", ".zip"})
# A worker is replaced after this many filings, which bounds what Arelle's process-wide caches
# (QNames, lxml's name dictionary) can grow to over thousands of filings.
FILINGS_PER_WORKER: Final = 100
ERROR_MESSAGES_KEPT: Final = 3
XML_SYNTAX_ERROR: Final = "xmlSchema:syntax"
INTERRUPTED_EXIT_STATUS: Final = 130
_POLL_SECONDS: Final = 0.25  # how soon a Ctrl-C is noticed while every worker is busy
_STOP_GRACE_SECONDS: Final = 5.0
_OPTIONS_TAKING_DASHED_VALUES: Final = frozenset({"--rules"})


# ---------------------------------------------------------------------------------------------
# Worker side: one Arelle controller per process, one record per filing.


@dataclass(frozen=True)
class ReaderSettings:
    offline: bool
    cache_directory: str | None
    rules: RuleSettings


@dataclass(frozen=True)
class Outcome:
    """What a worker says about one input: its record, or None when it is already recorded."""

    source: str
    record: Record | None


@dataclass(frozen=True)
class StartFailure:
    """A worker could not set Arelle up: no filing can be read, so the batch stops."""

    reason: str


class ErrorMessages(logging.Handler):
    """The error messages Arelle logs for the filing being read: the first of each code (why a
    load failed) and the names of the files each code was about."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.first_by_code: dict[str, str] = {}
        self.files_by_code: dict[str, set[str]] = {}

    def clear(self) -> None:
        self.first_by_code.clear()
        self.files_by_code.clear()

    def emit(self, record: logging.LogRecord) -> None:
        code = str(getattr(record, "messageCode", "") or "")
        files = self.files_by_code.setdefault(code, set())
        for reference in getattr(record, "refs", None) or ():
            href = str(reference.get("href", "")).partition("#")[0]
            files.add(os.path.basename(href) or href)
        if code in self.first_by_code:
            return
        try:
            text = record.getMessage()
        except Exception:  # an Arelle message whose arguments do not fit its template
            text = str(record.msg)
        self.first_by_code[code] = f"[{code}] {text}" if code else text

    def summary(self) -> str:
        return " ".join(list(self.first_by_code.values())[:ERROR_MESSAGES_KEPT])


class FilingReader:
    """Reads filings with one Arelle controller, kept for the worker's life.

    `arelle.api.Session` cannot be reused with plugins in Arelle 2.47 (its second run clears the
    plugin configuration and fails), so the reader drives `CntlrCmdLine` itself the way
    `arelleCmdLine` does: plugins preloaded once, then `run` per filing with `keepOpen`, and the
    models closed here once the record is made.
    """

    def __init__(self, settings: ReaderSettings) -> None:
        from arelle import PluginManager
        from arelle.CntlrCmdLine import CntlrCmdLine

        self._settings = settings
        self._cntlr = CntlrCmdLine(disable_persistent_config=True)
        plugin_manager = PluginManager.getInstance()
        for name in PLUGINS:
            module_info = plugin_manager.addPluginModule(name)
            if not module_info:
                raise RuntimeError(f"Arelle cannot find its plugin {name!r}; is cyber_plugin installed?")
            self._cntlr.preloadedPlugins[name] = module_info
        plugin_manager.reset()
        self._errors = ErrorMessages()
        # Only errors are logged (the reason a load failed); the findings come back as values.
        self._cntlr.startLogging(logHandler=self._errors, logLevel="ERROR", logPropagate=False)
        self._cntlr.postLoggingInit()

    def outcome(self, source: str, recorded: frozenset[str]) -> Outcome:
        try:
            sha256 = file_sha256(source)
        except OSError as error:
            return Outcome(source, failure_record(source, None, f"cannot read the file: {_os_reason(error)}"))
        if sha256 in recorded:
            return Outcome(source, None)
        try:
            return Outcome(source, self.record(source, sha256))
        except Exception as error:  # a defect here must cost one filing, not the batch
            return Outcome(source, failure_record(source, sha256, f"{type(error).__name__}: {error}"))

    def record(self, source: str, sha256: str) -> Record:
        from arelle.RuntimeOptions import RuntimeOptions

        self._errors.clear()
        options = RuntimeOptions(
            entrypointFile=_entry_point(source),
            plugins="|".join(PLUGINS),
            workOffline=True if self._settings.offline else None,
            cacheDirectory=self._settings.cache_directory,
            keepOpen=True,
        )
        try:
            self._cntlr.run(options)
        except Exception as error:
            self._close(list(self._cntlr.modelManager.loadedModelXbrls))
            return failure_record(source, sha256, f"Arelle failed: {type(error).__name__}: {error}")
        models = list(self._cntlr.modelManager.loadedModelXbrls)
        try:
            return self._record_from(models, source, sha256)
        finally:
            self._close(models)

    def _record_from(self, models: list[Any], source: str, sha256: str) -> Record:
        from arelle.ModelDocument import Type as DocumentType

        from ..core.extraction import is_filing
        from ..integration.reporting import findings_for
        from ..integration.state import disclosure_of
        from ..outputs.json_format import disclosure_document

        filings = [model for model in models if is_filing(model)]
        if len(filings) == 1:
            model = filings[0]
            disclosure = disclosure_of(model)
            if self._errors.files_by_code.get(XML_SYNTAX_ERROR, set()) & set(disclosure.documents):
                # lxml recovered what it could of a damaged (often truncated) document: facts may
                # be missing, so its reading must not pass for the filing's disclosure.
                reason = self._errors.first_by_code[XML_SYNTAX_ERROR]
                return failure_record(source, sha256, f"not well-formed XML: {reason}")
            findings = findings_for(model, disclosure, self._settings.rules)
            return filing_record(disclosure_document(disclosure, findings), source, sha256)
        if filings:
            names = ", ".join(sorted(os.path.basename(model.modelDocument.uri) for model in filings))
            return failure_record(
                source, sha256, f"holds {len(filings)} separate XBRL reports ({names}); give them one by one"
            )
        loaded = [model.modelDocument for model in models if model.modelDocument is not None]
        if loaded:
            kind = DocumentType.typeName[loaded[0].type]
            return failure_record(
                source, sha256, f"not an XBRL instance or inline XBRL document (Arelle read it as {kind})"
            )
        reason = self._errors.summary() or "no XBRL entry point found"
        reason = reason.replace(_entry_point(source), repr(source))  # Arelle quotes what it was given
        return failure_record(source, sha256, f"Arelle could not load it: {reason}")

    def _close(self, models: list[Any]) -> None:
        manager = self._cntlr.modelManager
        for model in models:
            file_source = getattr(model, "fileSource", None)
            manager.close(model)
            if file_source is not None:
                file_source.close()  # with keepOpen Arelle leaves an archive open


def _entry_point(source: str) -> str:
    """Arelle's entry point for one file, as JSON so that a '|' in its name is not read as a list."""
    return json.dumps([{"file": source}])


def file_sha256(path: str) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


def worker_main(connection: Connection, settings: ReaderSettings, recorded: frozenset[str]) -> None:
    """A worker's life: read the sources the parent sends until it sends None or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent alone answers Ctrl-C
    try:
        reader = FilingReader(settings)
    except Exception as error:
        with contextlib.suppress(OSError):
            connection.send(StartFailure(f"{type(error).__name__}: {error}"))
        return
    while True:
        try:
            source = connection.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if source is None:
            return
        outcome = reader.outcome(source, recorded)
        try:
            connection.send(outcome)
        except OSError:
            return


# ---------------------------------------------------------------------------------------------
# Parent side: the pool. It knows which filing each worker holds, so a worker that dies (out of
# memory, a crash in a native library) costs that one filing, recorded with the reason.


class BatchError(Exception):
    """The batch cannot go on (no worker could start); the message says why."""


class StopRequest:
    """Set by Ctrl-C (SIGINT) or SIGTERM; the pool stops handing out filings and ends."""

    def __init__(self) -> None:
        self.requested = False

    def __call__(self, signal_number: int, frame: FrameType | None) -> None:
        self.requested = True

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        previous = {number: signal.signal(number, self) for number in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """A process started meanwhile inherits SIGINT ignored, from its very first instruction."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@dataclass
class Worker:
    process: Any
    connection: Connection
    source: str | None = None
    filings_read: int = 0

    @classmethod
    def start(cls, context: Any, settings: ReaderSettings, recorded: frozenset[str]) -> Worker:
        parent_end, child_end = context.Pipe()
        process = context.Process(
            target=worker_main, args=(child_end, settings, recorded), name=f"{PROGRAM}-worker", daemon=True
        )
        with _interrupts_ignored():
            process.start()
        child_end.close()
        return cls(process, parent_end)

    def assign(self, source: str) -> None:
        self.source = source
        with contextlib.suppress(OSError):  # a dead worker is noticed by its sentinel
            self.connection.send(source)

    def retire(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.send(None)
        self.process.join(_STOP_GRACE_SECONDS)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(_STOP_GRACE_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


def run_pool(
    sources: Sequence[str],
    settings: ReaderSettings,
    recorded: frozenset[str],
    jobs: int,
    on_outcome: Callable[[Outcome], None],
    stop: StopRequest,
) -> None:
    """Read every source in `jobs` worker processes, calling `on_outcome` in the parent as each
    finishes (in completion order); returns early, with the workers stopped, when `stop` is set."""
    context = multiprocessing.get_context("spawn")  # Arelle keeps process-wide state: no fork
    pending = deque(sources)
    busy: list[Worker] = []

    def hand_out(worker: Worker | None) -> None:
        if pending and not stop.requested:
            if worker is None or worker.filings_read >= FILINGS_PER_WORKER:
                if worker is not None:
                    worker.retire()
                worker = Worker.start(context, settings, recorded)
            worker.assign(pending.popleft())
            busy.append(worker)
        elif worker is not None:
            worker.retire()

    try:
        for _ in range(min(jobs, len(pending))):
            hand_out(None)
        while busy and not stop.requested:
            ready = set(
                wait([w.connection for w in busy] + [w.process.sentinel for w in busy], _POLL_SECONDS)
            )
            for worker in [w for w in busy if w.connection in ready or w.process.sentinel in ready]:
                busy.remove(worker)
                outcome, alive = _outcome_of(worker)
                on_outcome(outcome)
                worker.filings_read += 1
                if not alive:
                    worker.kill()  # reaps it; a new worker takes its place
                hand_out(worker if alive else None)
    finally:
        for worker in busy:
            worker.kill()


def _outcome_of(worker: Worker) -> tuple[Outcome, bool]:
    """The outcome a worker sent, or a failure record when it died; and whether it lives on."""
    source = worker.source
    assert source is not None, "a busy worker holds a source"
    message: Any = None
    with contextlib.suppress(EOFError, OSError):
        if worker.connection.poll():
            message = worker.connection.recv()
    if isinstance(message, StartFailure):
        raise BatchError(f"a worker could not start Arelle: {message.reason}")
    if isinstance(message, Outcome):
        return message, worker.process.is_alive()
    worker.process.join(_STOP_GRACE_SECONDS)
    reason = (
        f"the worker process reading it ended unexpectedly (exit status {worker.process.exitcode}); "
        "it may need more memory than was available"
    )
    try:
        sha256: str | None = file_sha256(source)
    except OSError:
        sha256 = None
    return Outcome(source, failure_record(source, sha256, reason)), False


# ---------------------------------------------------------------------------------------------
# Inputs: paths, globs, directories (searched recursively) and @list files.


class InputError(Exception):
    """An input that cannot be expanded (an unreadable list file)."""


def expand_inputs(arguments: Iterable[str], warn: Callable[[str], None]) -> list[str]:
    """Absolute paths of the files to read, each once, in the order given.

    A directory is searched recursively for filings (see `looks_like_filing`); a pattern is
    expanded with ** allowed; '@FILE' reads one entry per line (blank lines and lines starting
    with '#' skipped), each taken as if given on the command line. A path that does not exist is
    kept: it becomes a failure record saying so.
    """
    sources: dict[str, None] = {}
    for argument in arguments:
        entries = read_list_file(argument[1:]) if argument.startswith("@") else [argument]
        for entry in entries:
            for path in _expand_entry(entry, warn):
                sources.setdefault(os.path.abspath(path))
    return list(sources)


def read_list_file(path: str) -> list[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the list file {path!r}: {error}") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _expand_entry(entry: str, warn: Callable[[str], None]) -> list[str]:
    if os.path.isdir(entry):
        return filings_in(entry)
    if os.path.exists(entry) or not any(character in entry for character in "*?["):
        return [entry]
    matches = sorted(glob.glob(entry, recursive=True))
    if not matches:
        warn(f"no file matches {entry!r}")
    return [path for match in matches for path in (filings_in(match) if os.path.isdir(match) else [match])]


def filings_in(directory: str) -> list[str]:
    found: list[str] = []
    for folder, subfolders, files in os.walk(directory):
        subfolders.sort()
        found += [
            os.path.join(folder, name)
            for name in sorted(files)
            if Path(name).suffix.lower() in INPUT_SUFFIXES and looks_like_filing(os.path.join(folder, name))
        ]
    return found


def looks_like_filing(path: str) -> bool:
    """Whether a file found in a directory is a filing: an archive, an XBRL instance, or an HTML
    document with an inline XBRL element, identified as Arelle does. Exhibits, schemas and
    linkbases beside a filing are left out."""
    if path.lower().endswith(".zip"):
        return True
    from arelle.XbrlConst import ixbrlAll
    from lxml import etree

    instance_root = "{http://www.xbrl.org/2003/instance}xbrl"
    try:
        events = etree.iterparse(
            path, events=("start",), recover=True, huge_tree=True, resolve_entities=False, no_network=True
        )
        for index, (_, element) in enumerate(events):
            tag = element.tag if isinstance(element.tag, str) else ""
            if index == 0 and (tag == instance_root or not tag.endswith("html")):
                return tag == instance_root
            if tag.startswith("{") and tag[1:].partition("}")[0] in ixbrlAll:
                return True
    except (etree.LxmlError, OSError):
        return False
    return False


# ---------------------------------------------------------------------------------------------
# Progress and summary.


class Progress:
    """A tqdm bar on a terminal; otherwise one plain line per filing, with the rate and ETA."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self._total = total
        self._done = 0
        self._stream = stream
        self._started = time.monotonic()
        self._bar: Any = None
        if stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                file=stream,
                unit="filing",
                dynamic_ncols=True,
                bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}{postfix}]",
            )

    def advance(self, description: str) -> None:
        self._done += 1
        elapsed = time.monotonic() - self._started
        rate = self._done / elapsed if elapsed > 0 else 0.0
        if self._bar is not None:
            self._bar.set_postfix_str(f"{rate:.2f} filings/s", refresh=False)
            self._bar.update(1)
            return
        remaining = (self._total - self._done) / rate if rate else 0.0
        width = len(str(self._total))
        print(
            f"[{self._done:>{width}}/{self._total}] {rate:.2f} filings/s, ETA {_duration(remaining)}  "
            f"{description}",
            file=self._stream,
            flush=True,
        )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


@dataclass
class Tally:
    """What this run did, for the summary."""

    with_facts: int = 0
    without_facts: int = 0
    failed: int = 0
    already_recorded: int = 0
    same_content: int = 0
    findings: Counter[str] = field(default_factory=Counter)

    @property
    def read(self) -> int:
        return self.with_facts + self.without_facts + self.failed

    def count(self, record: Record) -> str:
        """Count a new record; returns how the progress line describes it."""
        if "error" in record:
            self.failed += 1
            return f"failed: {record['error']}"
        facts, findings = len(record["facts"]), len(record["findings"])
        if facts:
            self.with_facts += 1
        else:
            self.without_facts += 1
        self.findings.update(finding["code"] for finding in record["findings"])
        return f"{_plural(facts, 'cyd fact')}, {_plural(findings, 'finding')}"

    def summary_lines(self, seconds: float, jobs: int, outputs: Sequence[DatasetFile]) -> list[str]:
        rate = self.read / seconds if seconds > 0 else 0.0
        lines = [
            f"{PROGRAM}: {_plural(self.read, 'filing')} read in {seconds:.1f} s ({rate:.2f} filings/s) "
            f"with {_plural(jobs, 'worker')}",
            f"  with cyd facts:     {self.with_facts}",
            f"  without cyd facts:  {self.without_facts}",
            f"  failed:             {self.failed}",
            f"  already recorded:   {self.already_recorded} (skipped)",
        ]
        if self.same_content:
            lines.append(f"  same content as another input: {self.same_content} (skipped)")
        lines.append("  findings by code:" + ("" if self.findings else " none"))
        width = max((len(code) for code in self.findings), default=0)
        lines += [f"    {code:<{width}}  {count}" for code, count in sorted(self.findings.items())]
        lines.append("Dataset: " + ", ".join(os.fspath(output.path) for output in outputs))
        return lines


# ---------------------------------------------------------------------------------------------
# The command.


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Extract the SEC cybersecurity disclosures (cyd facts, flags, text blocks and the "
        "plugin's findings) of many filings into one dataset.",
        epilog="Re-running with the same outputs resumes: inputs already recorded (same SHA-256) are "
        "skipped. Ctrl-C stops cleanly, keeping every finished filing (exit status 130).",
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="an inline XBRL .htm, an XBRL .xml instance, an EDGAR submission .zip, a directory "
        "(searched recursively), a glob pattern, or @FILE listing inputs one per line",
    )
    parser.add_argument(
        "-o",
        "--output",
        action="append",
        required=True,
        metavar="OUTPUT",
        help=f"dataset to write (appended to and resumed); the format follows the extension: "
        f"{supported_extensions()}. May be given more than once.",
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=default_jobs(), help="worker processes (default: the CPU count)"
    )
    parser.add_argument("--offline", action="store_true", help="work offline (Arelle's --workOffline)")
    parser.add_argument(
        "--cache-directory", metavar="DIR", help="Arelle's cache directory for schemas (--cacheDirectory)"
    )
    parser.add_argument(
        "--rules", metavar="SPEC", help="switch rules off or re-grade them, as the plugin's --cyber-rules"
    )
    parser.add_argument(
        "--8k-items",
        dest="eight_k_items",
        metavar="ITEMS",
        help="8-K items the submissions report, as the plugin's --cyber-8k-items (e.g. 1.05,9.01)",
    )
    return parser


def default_jobs() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))  # the CPUs this process may use
    return os.cpu_count() or 1


def _rule_settings(arguments: argparse.Namespace) -> RuleSettings:
    disabled, severities = parse_rules(arguments.rules, RULE_CODES, option="--rules")
    return RuleSettings(disabled, severities, parse_items(arguments.eight_k_items, option="--8k-items"))


def _values_attached(argv: Sequence[str]) -> list[str]:
    """'--rules -CYBER.x' as '--rules=-CYBER.x': argparse would take a value starting with '-'
    for an option, and the plugin's --cyber-rules accepts it written apart."""
    attached: list[str] = []
    for argument in argv:
        if attached and attached[-1] in _OPTIONS_TAKING_DASHED_VALUES:
            attached[-1] = f"{attached[-1]}={argument}"
        else:
            attached.append(argument)
    return attached


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_intermixed_args(_values_attached(sys.argv[1:] if argv is None else argv))
    try:
        rules = _rule_settings(arguments)
    except OptionError as error:
        parser.error(str(error))
    if arguments.jobs < 1:
        parser.error(f"--jobs must be at least 1, not {arguments.jobs}")
    if arguments.cache_directory is not None and not os.path.isdir(arguments.cache_directory):
        parser.error(f"--cache-directory {arguments.cache_directory!r} is not a directory")

    def warn(message: str) -> None:
        print(f"{PROGRAM}: warning: {message}", file=sys.stderr)

    try:
        try:
            sources = expand_inputs(arguments.inputs, warn)
            if not sources:
                parser.error("the inputs name no filing")
            outputs = _open_outputs(arguments.output)
        except (InputError, DatasetError) as error:
            parser.error(str(error))
        settings = ReaderSettings(arguments.offline, _absolute(arguments.cache_directory), rules)
        try:
            return _run(sources, settings, arguments.jobs, outputs)
        finally:
            for output in outputs:
                output.close()
    except KeyboardInterrupt:  # outside the pool, where Ctrl-C is a request to stop (see _run)
        print(f"{PROGRAM}: interrupted", file=sys.stderr)
        return INTERRUPTED_EXIT_STATUS


def _absolute(path: str | None) -> str | None:
    return os.path.abspath(path) if path else None


def _open_outputs(paths: Iterable[str]) -> list[DatasetFile]:
    """Every output, read and checked first, so that none is touched when one is unusable."""
    unique = list(dict.fromkeys(Path(os.path.abspath(path)) for path in paths))
    outputs = [open_dataset(path) for path in unique]
    for output in outputs:
        output.open()
    return outputs


def _run(sources: list[str], settings: ReaderSettings, jobs: int, outputs: list[DatasetFile]) -> int:
    everywhere = set.intersection(*(output.recorded for output in outputs))
    tally = Tally()
    # Unreadable sources are recorded by path; every other source is looked up by content.
    todo = [source for source in sources if source_key(source) not in everywhere]
    tally.already_recorded = len(sources) - len(todo)
    recorded = frozenset(key for key in everywhere if not key.startswith(source_key("")))
    progress = Progress(len(todo), sys.stderr)
    stop = StopRequest()
    started = time.monotonic()

    def on_outcome(outcome: Outcome) -> None:
        name = os.path.basename(outcome.source)
        record = outcome.record
        if record is None:
            tally.already_recorded += 1
            progress.advance(f"{name}: already recorded")
            return
        key = record_key(record)
        missing = [output for output in outputs if key not in output.recorded]
        for output in missing:
            output.append(record)
        if missing:
            progress.advance(f"{name}: {tally.count(record)}")
        else:
            tally.same_content += 1
            progress.advance(f"{name}: same content as an input already recorded")

    workers = min(jobs, len(todo)) or 1
    try:
        with stop.installed():
            run_pool(todo, settings, recorded, jobs, on_outcome, stop)
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
