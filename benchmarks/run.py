"""`make bench`: what cyber_plugin costs, measured side by side, written to benchmarks/RESULTS.md.

Run from the repository's root: `python -m benchmarks.run [--quick]`.

1. Overhead on real work (benchmarks/overhead.py): arelleCmdLine -v alone, with an empty control
   plugin, and with cyber_plugin exporting JSON (and HTML), on every real 10-K in
   ../shared/real-filings and every bundled sample; runs interleaved, medians of several.
2. Scaling (benchmarks/scaling.py): synthetic filings from benchmarks/generate.py (1,000 to
   100,000 facts with the same cyd facts; 1 to 500 incidents; 1 MB text blocks), each loaded in a
   fresh process through Arelle's Python API with the plugin, the plugin's time read from its own
   hook timings.
3. Export throughput (benchmarks/exports.py): every format in cyber_plugin.outputs.RENDERERS on
   the largest case.
4. Batch throughput (benchmarks/batch_throughput.py).
5. The section reader's time per real 10-K (benchmarks/section_reader.py).
6. Comparing two filings (benchmarks/comparison.py): two Disclosures of each real filing (its prior
   made by editing it), and the changes table of 10,000 dataset records.
7. What the suggestions add to each real 10-K, in fresh processes (benchmarks/suggestion_cost.py).

Then each target (benchmarks/targets.py) is printed with PASS or FAIL. Timings are never asserted
in the tests.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

from cyber_plugin.core.suggestion_model import MODEL_FILE
from cyber_plugin.outputs import RENDERERS

from .batch_throughput import batch_section
from .common import REPO, RESULTS, describe_machine, positive_int, real_filings, table, write_results
from .comparison import comparison_section
from .exports import throughput_section
from .generate import STANDARD_CASES
from .overhead import (
    measure_import,
    measure_overhead,
    overhead_filings,
    overhead_section,
    overhead_variants,
    write_empty_plugin,
)
from .scaling import QUICK_CASES, measure_scaling, scaling_section
from .section_reader import markdown as section_reader_markdown
from .section_reader import repeated_headings_markdown, time_section_reader
from .suggestion_cost import measure_suggestions
from .suggestion_cost import section as suggestion_section
from .targets import evaluate_targets

DEFAULT_REPETITIONS: Final = 5
QUICK_RESULTS: Final = REPO / "out" / "bench-quick.md"
PROFILING_NOTES: Final = Path(__file__).with_name("profiling-notes.md")


def parse_options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--repetitions",
        type=positive_int,
        help=f"runs per variant and filing (default {DEFAULT_REPETITIONS}; 1 with --quick)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke test, not figures to quote: one repetition, the smallest real 10-K and one sample, "
        "the three smallest scaling cases, batch throughput on two filings, the comparison on one filing "
        "and 1,000 records; written to "
        f"{QUICK_RESULTS.relative_to(REPO)} unless --output is given",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help=f"where to write the Markdown results (default {RESULTS.relative_to(REPO)})",
    )
    options = parser.parse_args(argv)
    if options.repetitions is None:
        options.repetitions = 1 if options.quick else DEFAULT_REPETITIONS
    if options.output is None:
        options.output = QUICK_RESULTS if options.quick else RESULTS
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    started = time.perf_counter()

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", flush=True)

    machine = describe_machine()
    progress("machine: " + "; ".join(f"{k} {v}" for k, v in machine))
    with tempfile.TemporaryDirectory(prefix="cyber-bench-") as scratch_name:
        scratch = Path(scratch_name)
        filings, filings_note = overhead_filings(options.quick)
        empty_plugin = write_empty_plugin(scratch)
        variants = overhead_variants(empty_plugin, sorted(RENDERERS))
        progress(
            f"1. overhead: {len(filings)} filings × {len(variants)} variants × {options.repetitions} runs"
        )
        load_before = os.getloadavg()[0]
        overhead = measure_overhead(filings, variants, options.repetitions, scratch, progress)
        load_averages = (load_before, os.getloadavg()[0])
        import_seconds = measure_import(scratch, empty_plugin, options.repetitions)

        progress("2. scaling: generating and loading the synthetic filings")
        cases = QUICK_CASES if options.quick else STANDARD_CASES
        scaling, generation_seconds = measure_scaling(scratch, progress, cases)

        progress("4. batch throughput")
        batch = batch_section(scratch, options.quick)
    progress("5. the section reader")
    reader_files = real_filings()[: 1 if options.quick else None]
    section_reader = (
        "## 5. The section reader (Item 1C / 16K as filed)\n\n"
        "`benchmarks/section_reader.py`: each real 10-K loaded once in-process, then the plugin's "
        "section reader timed on the loaded model (first read, then the median of repeated reads).\n\n"
        + section_reader_markdown([time_section_reader(path) for path in reader_files])
        + "\n\nA document that repeats the item's heading in one div (issue 20: 1,200 headings took 32 s "
        "when each was read on to the end of the document):\n\n" + repeated_headings_markdown() + "\n"
    )
    progress("6. comparing two filings")
    comparison = comparison_section(options.quick)

    progress("7. the suggestions")
    suggestions = measure_suggestions(reader_files, options.repetitions)
    suggestions_part = suggestion_section(suggestions, options.repetitions, MODEL_FILE.stat().st_size)

    targets = evaluate_targets(overhead, scaling, import_seconds, suggestions)
    total = time.perf_counter() - started
    target_table = table(
        ["target", "measured", "result"],
        [[t.description, t.measured, "PASS" if t.passed else "**FAIL**"] for t in targets],
    )
    quick_note = "\n**Quick mode (`--quick`)**: a smoke test on a few small cases, not figures to quote.\n"
    header = f"""# cyber_plugin benchmark results

Written by `make bench` (`benchmarks/run.py`, {options.repetitions} repetitions per variant) in
{total / 60:.1f} minutes. Rerun it to refresh every figure; nothing here is edited by hand.
{quick_note if options.quick else ""}
## Machine

{table(["", ""], machine)}

## Targets (issue 7; the suggestions': issue 23)

{target_table}
"""
    sections = [
        header,
        overhead_section(overhead, variants, import_seconds, load_averages)
        + (f"\n{filings_note}\n" if filings_note else ""),
        scaling_section(scaling, generation_seconds),
        throughput_section([(result.filing, result.report) for result in scaling]),
        batch,
        section_reader,
        comparison,
        suggestions_part,
        PROFILING_NOTES.read_text(encoding="utf-8"),
    ]
    write_results(sections, options.output)
    for target in targets:
        print(f"{'PASS' if target.passed else 'FAIL'}  {target.description}: {target.measured}")
    progress(f"wrote {options.output} in {total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
