"""7. Suggestions: what the suggestion model adds to the plugin's run on a real 10-K, counted in the
process: `python -m benchmarks.suggestion_cost [--repetitions N] [FILE ...]`.

Each repetition is a fresh process (as every run of Arelle is): the plugin's modules that a run
without suggestions imports are imported, Arelle loads the filing (offline, without the plugin or
validation) and the plugin's reading of it is made (`read_disclosure`), untimed; then what the
suggestions add to that run is timed, each the first time in the process: importing the
suggestion modules, reading the model file (`load_model`), scoring the section
(`Disclosure.section_scores`, which the rules and every output share) and reading the text blocks
for CYBER.textReadsLikeOther (`reading_like_others`). A run with the plugin but without
suggestions does none of this (the model is loaded only when a rule or output needs it), so the
sum is what they add. Wall clock and CPU time, medians of the repetitions. Target (issue 23): at
most 15 ms per real 10-K. Prints a Markdown table; `measure_suggestions(files)` gives the timings
to `make bench`.
"""

from __future__ import annotations

import importlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

# The child imports only what it chooses before it times the suggestion modules' import
# (benchmarks/common.py imports the plugin's package): so this module imports common only where
# the parent needs it.
CHILD: Final = """
import json, os, sys
if sys.argv[2]:
    os.sched_setaffinity(0, {int(sys.argv[2])})
from benchmarks.suggestion_cost import measure_once
print(json.dumps(measure_once(sys.argv[1])))
"""
MAX_MS: Final = 15.0
DEFAULT_REPETITIONS: Final = 5
PARTS: Final = ("import", "load", "section", "blocks")


@dataclass(frozen=True)
class SuggestionTiming:
    filing: str
    paragraphs: int  # the section's substantive paragraphs, scored
    blocks: int  # the text blocks read
    wall_ms: dict[str, float]  # by part, median of the repetitions
    totals_ms: tuple[float, ...]  # each repetition's total: wall clock
    cpu_totals_ms: tuple[float, ...]  # and CPU time

    @property
    def total_ms(self) -> float:
        return statistics.median(self.totals_ms)

    @property
    def total_cpu_ms(self) -> float:
        return statistics.median(self.cpu_totals_ms)


def measure_once(path: Path | str) -> dict[str, Any]:
    """In this process, which has not used the suggestions yet: load `path` with Arelle, read it as
    the plugin does, then time each part of what the suggestions add (the child's work)."""
    from arelle.api.Session import Session
    from arelle.logging.handlers.StructuredMessageLogHandler import StructuredMessageLogHandler
    from arelle.RuntimeOptions import RuntimeOptions

    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(part: str, work: Callable[[], Any]) -> Any:
        started, started_cpu = time.perf_counter(), time.thread_time()
        result = work()
        wall[part] = (time.perf_counter() - started) * 1000
        cpu[part] = (time.thread_time() - started_cpu) * 1000
        return result

    # What a run of the plugin imports without suggestions is no part of their cost.
    import cyber_plugin.checks
    import cyber_plugin.core.extraction
    import cyber_plugin.outputs  # noqa: F401

    suggestions = timed("import", lambda: importlib.import_module("cyber_plugin.core.suggestions"))
    from cyber_plugin.core.extraction import read_disclosure
    from cyber_plugin.core.suggestion_model import load_model

    with Session() as session:
        options = RuntimeOptions(entrypointFile=str(path), workOffline=True, keepOpen=True, validate=False)
        session.run(options, logHandler=StructuredMessageLogHandler())
        disclosure = read_disclosure(session.get_models()[0])
    blocks = [
        (f.local_name, f.value) for f in disclosure.text_blocks if f.has_text and isinstance(f.value, str)
    ]
    timed("load", load_model)
    scores = timed("section", lambda: disclosure.section_scores)
    timed("blocks", lambda: suggestions.reading_like_others(list(dict.fromkeys(blocks))))
    scored = sum(row is not None for row in scores.scores) if scores is not None else 0
    return {"paragraphs": scored, "blocks": len(blocks), "wall": wall, "cpu": cpu}


def time_suggestions(path: Path, repetitions: int, scratch: Path) -> SuggestionTiming:
    """`repetitions` fresh processes on one filing, after one that writes the bytecode cache (as
    an installation has it); the medians of their timings."""
    from .common import REPO, child_environment, pinned_cpu

    cpu = pinned_cpu()
    runs = []
    for _ in range(repetitions + 1):  # the first, untimed, writes the bytecode cache
        completed = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), "" if cpu is None else str(cpu)],
            env=child_environment(scratch),
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    runs = runs[1:]
    return SuggestionTiming(
        filing=path.name,
        paragraphs=runs[0]["paragraphs"],
        blocks=runs[0]["blocks"],
        wall_ms={part: statistics.median(run["wall"][part] for run in runs) for part in PARTS},
        totals_ms=tuple(sum(run["wall"].values()) for run in runs),
        cpu_totals_ms=tuple(sum(run["cpu"].values()) for run in runs),
    )


def measure_suggestions(
    files: Sequence[Path], repetitions: int = DEFAULT_REPETITIONS, scratch: Path | None = None
) -> list[SuggestionTiming]:
    with tempfile.TemporaryDirectory(prefix="cyber-suggestions-") as folder:
        return [time_suggestions(path, repetitions, scratch or Path(folder)) for path in files]


def markdown(timings: Sequence[SuggestionTiming]) -> str:
    from .common import table

    rows = [
        [
            t.filing,
            t.paragraphs,
            t.blocks,
            *(f"{t.wall_ms[part]:.1f}" for part in PARTS),
            f"{t.total_ms:.1f} ({min(t.totals_ms):.1f}…{max(t.totals_ms):.1f})",
            f"{t.total_cpu_ms:.1f} ({min(t.cpu_totals_ms):.1f}…{max(t.cpu_totals_ms):.1f})",
        ]
        for t in timings
    ]
    header = [
        "filing",
        "paragraphs scored",
        "text blocks read",
        "import (ms)",
        "model read (ms)",
        "section scored (ms)",
        "text blocks read (ms)",
        "total (ms; lowest…highest repetition)",
        "total CPU (ms; lowest…highest)",
    ]
    return table(header, rows)


def worst(timings: Sequence[SuggestionTiming], cpu: bool) -> SuggestionTiming:
    """The filing where the suggestions cost the most, by CPU time or by the wall clock."""
    return max(timings, key=lambda t: t.total_cpu_ms if cpu else t.total_ms)


def verdicts(timings: Sequence[SuggestionTiming]) -> list[tuple[str, str, bool]]:
    """The target of issue 23 on both clocks: (what, measured, passed)."""
    found = []
    for cpu, clock in ((True, "CPU time"), (False, "wall clock")):
        slowest = worst(timings, cpu)
        spent = slowest.total_cpu_ms if cpu else slowest.total_ms
        found.append(
            (
                f"Suggestions add ≤ {MAX_MS:.0f} ms to each real 10-K, in-process ({clock}): importing "
                "their modules, reading the model, scoring the section and the text blocks, the first time "
                "in a process",
                f"worst {spent:.1f} ms ({slowest.filing})",
                spent <= MAX_MS,
            )
        )
    return found


def section(timings: Sequence[SuggestionTiming], repetitions: int, model_bytes: int) -> str:
    """The part of benchmarks/RESULTS.md on the suggestions."""
    return f"""## 7. Suggestions (issue 23)

`benchmarks/suggestion_cost.py`: what the suggestion model adds to a run of the plugin on each real
10-K, counted in the process as the plugin's own cost is (section 1): in each of {repetitions}
fresh processes per filing (after an untimed one that writes the bytecode cache), Arelle loads
the filing and the plugin reads it (untimed); then the first import of the suggestion modules,
the first read of the model file
({model_bytes / 1_000_000:.2f} MB, `cyber_plugin/core/suggestion_model.npz`, memory-mapped), the
scoring of Item 1C's paragraphs (once per reading, shared by the rules and every output) and the
reading of the text blocks for `CYBER.textReadsLikeOther`. A run that needs no suggestion does none
of it. Medians of the repetitions; the plugin's hook times in section 1 include this work.

{_with_verdicts(timings) if timings else "No real 10-K was found: nothing measured."}
"""


def _with_verdicts(timings: Sequence[SuggestionTiming]) -> str:
    lines = [
        f"{'PASS' if passed else 'FAIL'}: {what}: {measured}" for what, measured, passed in verdicts(timings)
    ]
    return markdown(timings) + "\n\n" + "\n".join(f"- {line}" for line in lines)


def main(argv: Sequence[str] | None = None) -> int:
    from .common import REAL_FILINGS, filings_parser, real_filings

    arguments = filings_parser(__doc__, DEFAULT_REPETITIONS).parse_args(argv)
    files = arguments.files or real_filings()
    if not files:
        print(f"No filings given and none found in {REAL_FILINGS}", file=sys.stderr)
        return 1
    print(_with_verdicts(measure_suggestions(files, arguments.repetitions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
