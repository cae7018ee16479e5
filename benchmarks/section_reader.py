"""The section reader's time per filing: `python -m benchmarks.section_reader [FILE ...]`.

Each filing (by default every real 10-K in ../shared/real-filings) is loaded once in-process by
Arelle (offline, no plugin, no validation); then reading its Item 1C / 16K section, exactly as the
plugin's extraction does (`read_filing_section`, given the cyd facts that extraction finds first,
untimed), is timed on that loaded model: the first read and the median of repeated reads, in
milliseconds. The target is at most 30 ms per real 10-K. Then a document that repeats "Item 1C.
Cybersecurity" 250, 500 and 1,200 times in one div is read (target: 1,200 in at most 1 s).
Prints Markdown tables; `section_reader_ms(files)` returns the medians for `make bench`.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from .common import REAL_FILINGS, filings_parser, real_filings

MAX_MS: Final = 30.0
DEFAULT_REPETITIONS: Final = 15
# A document that repeats the item's heading (issue #20: 1,200 headings in one div, 180 KB, took
# 32 s to read when each heading was read on to the end of the document).
REPEATED_HEADINGS: Final = 1200
MAX_REPEATED_HEADINGS_MS: Final = 1000.0


@dataclass(frozen=True)
class SectionTiming:
    filing: str
    first_ms: float
    median_ms: float
    cpu_ms: float  # the median of the reads' CPU time: what the reader costs on a busy machine
    found: bool
    paragraphs: int
    tagged_share: float


def time_section_reader(path: Path, repetitions: int = DEFAULT_REPETITIONS) -> SectionTiming:
    """Load one filing with Arelle and time the section reader on it."""
    from arelle.api.Session import Session
    from arelle.logging.handlers.StructuredMessageLogHandler import StructuredMessageLogHandler
    from arelle.RuntimeOptions import RuntimeOptions

    from cyber_plugin.core.catalogue import is_cyd_namespace
    from cyber_plugin.core.disclosure import FilingInfo
    from cyber_plugin.core.extraction import facts_by_qname, read_filing_section

    with Session() as session:
        options = RuntimeOptions(entrypointFile=str(path), workOffline=True, keepOpen=True, validate=False)
        session.run(options, logHandler=StructuredMessageLogHandler())
        model = session.get_models()[0]
        # The form from dei:DocumentType, read without the plugin so that the first read is cold.
        forms = [fact.value for fact in model.factsByLocalName.get("DocumentType", ())]
        filing = FilingInfo(document_type=forms[0] if forms else "10-K")
        # The cyd facts, as extraction finds them before it reads the section (not timed here).
        cyd_facts = [
            fact
            for qname, facts in facts_by_qname(model).items()
            if is_cyd_namespace(qname.namespaceURI)
            for fact in facts
        ]
        seconds: list[float] = []
        cpu: list[float] = []
        section = None
        for _ in range(repetitions + 1):
            started, started_cpu = time.perf_counter(), time.thread_time()
            section = read_filing_section(model, filing, cyd_facts)
            seconds.append(time.perf_counter() - started)
            cpu.append(time.thread_time() - started_cpu)
    return SectionTiming(
        filing=path.name,
        first_ms=seconds[0] * 1000,
        median_ms=statistics.median(seconds[1:]) * 1000,
        cpu_ms=statistics.median(cpu[1:]) * 1000,
        found=bool(section and section.found),
        paragraphs=len(section.paragraphs) if section else 0,
        tagged_share=section.tagged_share if section else 0.0,
    )


def repeated_headings_document(count: int) -> str:
    """An XHTML document with `count` "Item 1C. Cybersecurity" headings, each above a paragraph,
    all inside one div (about 150 bytes a heading)."""
    paragraph = (
        "<p>We assess, identify and manage material risks from cybersecurity threats through a program "
        "that our Board oversees.</p>"
    )
    body = "".join(f"<p>Item 1C. Cybersecurity</p>{paragraph}" for _ in range(count))
    return f'<html xmlns="http://www.w3.org/1999/xhtml"><body><div>{body}</div></body></html>'


def repeated_headings_ms(count: int = REPEATED_HEADINGS, repetitions: int = 3) -> float:
    """Milliseconds `read_section` takes on `repeated_headings_document(count)` (median)."""
    from lxml import etree

    from cyber_plugin.core.section import read_section

    root = etree.fromstring(repeated_headings_document(count).encode())
    seconds = []
    for _ in range(repetitions):
        started = time.perf_counter()
        read_section([("repeated.htm", root)], "1C")
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds) * 1000


def repeated_headings_markdown(counts: Sequence[int] = (250, 500, REPEATED_HEADINGS)) -> str:
    """The reader on documents that repeat the item's heading `count` times in one div: the time
    grows with the document, not with its square."""
    timings = [
        (count, len(repeated_headings_document(count)), repeated_headings_ms(count)) for count in counts
    ]
    rows = ["| headings | document (KB) | read_section (ms) |", "|---:|---:|---:|"]
    rows += [f"| {count:,} | {size / 1000:.0f} | {ms:.0f} |" for count, size, ms in timings]
    worst = timings[-1][2]
    verdict = "PASS" if worst <= MAX_REPEATED_HEADINGS_MS else "FAIL"
    rows.append(
        f"\nRepeated headings: {timings[-1][0]:,} read in {worst:.0f} ms "
        f"(target {MAX_REPEATED_HEADINGS_MS:.0f} ms): {verdict}"
    )
    return "\n".join(rows)


def section_reader_ms(files: Sequence[Path], repetitions: int = DEFAULT_REPETITIONS) -> dict[str, float]:
    """Milliseconds the section reader takes per filing (median of `repetitions` reads)."""
    return {path.name: time_section_reader(path, repetitions).median_ms for path in files}


def markdown(timings: Sequence[SectionTiming]) -> str:
    rows = [
        "| filing | first read (ms) | median (ms) | median CPU (ms) | found | paragraphs | tagged share |",
        "|---|---:|---:|---:|---|---:|---:|",
    ]
    rows += [
        f"| {t.filing} | {t.first_ms:.1f} | {t.median_ms:.1f} | {t.cpu_ms:.1f} | "
        f"{'yes' if t.found else 'no'} | {t.paragraphs} | {t.tagged_share:.1%} |"
        for t in timings
    ]
    worst = max((max(t.first_ms, t.median_ms) for t in timings), default=0.0)
    verdict = "PASS" if worst <= MAX_MS else "FAIL"
    rows.append(f"\nSection reader: at most {worst:.1f} ms per filing (target {MAX_MS:.0f} ms): {verdict}")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = filings_parser(__doc__, DEFAULT_REPETITIONS).parse_args(argv)
    files = arguments.files or real_filings()
    if not files:
        print(f"No filings given and none found in {REAL_FILINGS}", file=sys.stderr)
        return 1
    print(markdown([time_section_reader(path, arguments.repetitions) for path in files]))
    print(f"\n{repeated_headings_markdown()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
