"""1. Overhead on real work: arelleCmdLine -v alone, with an empty control plugin, and with
cyber_plugin exporting JSON (and HTML), each a separate process, interleaved, medians of several."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from cyber_plugin.integration.guard import TIMINGS_VARIABLE

from .common import (
    ARELLE_CMD,
    REAL_FILINGS,
    REPO,
    SAMPLES,
    TAXONOMY_CACHE,
    ChildRun,
    child_environment,
    median,
    percent,
    pinned_cpu,
    read_arelle_times,
    real_filings,
    run_child,
    table,
)

SAMPLE_FILINGS: Final = (
    SAMPLES / "20f-item16k" / "filing.htm",
    SAMPLES / "20f-item16k" / "filing.xml",
    SAMPLES / "10k-item1c" / "filing.htm",
    SAMPLES / "8k-item105" / "filing.htm",
)

EMPTY_PLUGIN: Final = '''"""Does nothing: the benchmark's control for what loading any plugin costs."""

__pluginInfo__ = {
    "name": "Benchmark empty control plugin",
    "version": "0.0.0",
    "description": "Does nothing.",
    "license": "Apache-2.0",
    "author": "cyber_plugin benchmark",
    "copyright": "(c) cyber_plugin developers",
}
'''


@dataclass(frozen=True)
class Variant:
    key: str
    title: str
    plugins: str | None  # None: Arelle alone
    export_extension: str | None = None


@dataclass(frozen=True)
class OverheadFiling:
    path: Path
    real: bool  # a real 10-K (the targets apply) or a bundled sample

    @property
    def label(self) -> str:
        return self.path.name if self.real else f"{self.path.parent.name}/{self.path.name}"


@dataclass
class OverheadResult:
    filing: OverheadFiling
    runs: dict[str, list[ChildRun]]
    cyd_facts: int | None

    def wall(self, key: str) -> float:
        return median(r.wall for r in self.runs[key])

    def cpu(self, key: str) -> float:
        return median(r.cpu for r in self.runs[key])

    def peak_mb(self, key: str) -> float:
        return median(r.max_rss_kb for r in self.runs[key]) / 1024

    def plugin_ms(self, key: str) -> float:
        return median(r.plugin_seconds for r in self.runs[key]) * 1000

    def hook_ms(self, key: str, hook: str) -> float:
        return median(r.hooks.get(hook, 0.0) for r in self.runs[key]) * 1000

    def ratio(self, key: str, base: str, measure: Callable[[ChildRun], float]) -> float:
        """Median of the per-repetition ratios: each repetition runs every variant back to back,
        so pairing them cancels slow drifts in what else the machine is doing."""
        return median(measure(a) / measure(b) for a, b in zip(self.runs[key], self.runs[base], strict=True))

    def wall_ratio(self, key: str, base: str) -> float:
        return self.ratio(key, base, lambda run: run.wall)

    def cpu_ratio(self, key: str, base: str) -> float:
        return self.ratio(key, base, lambda run: run.cpu)

    def memory_ratio(self, key: str, base: str) -> float:
        return self.ratio(key, base, lambda run: run.max_rss_kb)

    def arelle_own(self, key: str) -> float | None:
        values = [r.arelle_own_seconds for r in self.runs[key] if r.arelle_own_seconds is not None]
        return median(values) if values else None


def write_empty_plugin(folder: Path) -> Path:
    """The control: a plugin Arelle discovers and loads, with no hooks."""
    plugin = folder / "empty_plugin"
    plugin.mkdir()
    (plugin / "__init__.py").write_text(EMPTY_PLUGIN, encoding="utf-8")
    return plugin


def overhead_filings(quick: bool = False) -> tuple[list[OverheadFiling], str | None]:
    """Every real 10-K and every sample; in quick mode the smallest real 10-K that stands alone (a
    filing set in its own folder loads its schemas and linkbases too) and the first sample."""
    real = [OverheadFiling(path, real=True) for path in real_filings()]
    note = None
    if not real:
        note = f"The real filings were not found at {REAL_FILINGS}; only the samples were measured."
    samples = [OverheadFiling(path, real=False) for path in SAMPLE_FILINGS]
    if quick:
        alone = [filing for filing in real if filing.path.parent == REAL_FILINGS]
        real = sorted(alone, key=lambda filing: filing.path.stat().st_size)[:1]
        samples = samples[:1]
    return real + samples, note


def overhead_variants(empty_plugin: Path, extensions: Sequence[str]) -> list[Variant]:
    variants = [
        Variant("arelle", "Arelle alone", None),
        Variant("empty", "empty control plugin", str(empty_plugin)),
        Variant("json", "cyber_plugin, JSON export", "cyber_plugin", ".json"),
    ]
    if ".html" in extensions:
        variants.append(Variant("html", "cyber_plugin, HTML export", "cyber_plugin", ".html"))
    return variants


def overhead_command(filing: OverheadFiling, variant: Variant, folder: Path, log_file: Path) -> list[str]:
    command = [str(ARELLE_CMD), "--workOffline", "-f", str(filing.path), "-v"]
    if not filing.real:  # the samples' schemas, as make demo loads them
        command += ["--cacheDirectory", str(TAXONOMY_CACHE)]
    if variant.plugins:
        command += ["--plugins", variant.plugins]
    if variant.export_extension:
        command += ["--cyber-export", str(folder / f"export{variant.export_extension}")]
    return [*command, "--logFile", str(log_file), "--logFileMode", "w"]


def measure_overhead(
    filings: Sequence[OverheadFiling],
    variants: Sequence[Variant],
    repetitions: int,
    scratch: Path,
    progress: Callable[[str], None],
) -> list[OverheadResult]:
    env = child_environment(scratch)
    cpu = pinned_cpu()
    folder = scratch / "overhead"
    folder.mkdir(parents=True, exist_ok=True)
    timings = folder / "timings.jsonl"
    log_file = folder / "log.json"

    def run_once(filing: OverheadFiling, variant: Variant) -> ChildRun:
        run_env = dict(env)
        if variant.plugins == "cyber_plugin":
            run_env[TIMINGS_VARIABLE] = str(timings)
        log_file.unlink(missing_ok=True)
        command = overhead_command(filing, variant, folder, log_file)
        run = run_child(
            command, run_env, folder, timings if variant.plugins == "cyber_plugin" else None, cpu=cpu
        )
        if run.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({run.returncode}):\n{run.stdout[-2000:]}")
        read_arelle_times(log_file, run)
        return run

    # One untimed run of each variant first, on the smallest filing: fills the bytecode cache.
    smallest = min(filings, key=lambda f: f.path.stat().st_size)
    for variant in variants:
        run_once(smallest, variant)
    results = []
    for filing in filings:
        filing.path.read_bytes()  # in the page cache before the first timed run, whichever it is
        runs: dict[str, list[ChildRun]] = {v.key: [] for v in variants}
        for repetition in range(repetitions):
            # Interleaved, and rotated so that no variant always runs first or last.
            shift = repetition % len(variants)
            for variant in [*variants[shift:], *variants[:shift]]:
                runs[variant.key].append(run_once(filing, variant))
        export = folder / "export.json"
        cyd_facts = len(json.loads(export.read_text(encoding="utf-8"))["facts"]) if export.exists() else None
        export.unlink(missing_ok=True)
        result = OverheadResult(filing, runs, cyd_facts)
        results.append(result)
        progress(
            f"  {filing.label}: Arelle {result.wall('arelle'):.2f} s, with cyber_plugin "
            f"{result.wall('json'):.2f} s, plugin in-process {result.plugin_ms('json'):.1f} ms"
        )
    return results


IMPORT_SCRIPT: Final = """
import os, sys, time
from arelle import CntlrCmdLine
sample, cache, empty_plugin = sys.argv[1:4]
# First a whole run with the empty control plugin: Arelle's own modules for loading and
# validating are then imported, as they are by the time cyber_plugin's first hook runs.
CntlrCmdLine.parseAndRun(["--workOffline", "-f", sample, "--cacheDirectory", cache, "-v",
                          "--plugins", empty_plugin, "--logFile", os.devnull])
started = time.perf_counter()
import cyber_plugin.integration.hooks
print("IMPORT", time.perf_counter() - started)
"""


def measure_import(scratch: Path, empty_plugin: Path, repetitions: int) -> float:
    """Seconds to import the plugin's modules in a run (not in the hook timings): measured after a
    run with the empty control plugin, so that only what cyber_plugin adds is counted."""
    env = child_environment(scratch)
    samples = []
    for _ in range(repetitions + 1):
        completed = subprocess.run(
            [
                sys.executable,
                "-c",
                IMPORT_SCRIPT,
                str(SAMPLE_FILINGS[0]),
                str(TAXONOMY_CACHE),
                str(empty_plugin),
            ],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        line = next(line for line in completed.stdout.splitlines() if line.startswith("IMPORT "))
        samples.append(float(line.split()[1]))
    return median(samples[1:])  # the first run writes the bytecode cache


def own_cost(result: OverheadResult, import_seconds: float) -> float:
    """What cyber_plugin adds to a run, counted inside the process (importing its modules and its
    hooks, JSON export), as a share of the run with the empty control plugin."""
    return (import_seconds + result.plugin_ms("json") / 1000) / result.wall("empty")


# --- the section --------------------------------------------------------------------------------


def spread(result: OverheadResult, key: str, base: str) -> str:
    """The lowest and highest per-repetition wall-time ratio: how far one run can be off."""
    ratios = [a.wall / b.wall for a, b in zip(result.runs[key], result.runs[base], strict=True)]
    return f"{(min(ratios) - 1) * 100:+.1f}…{(max(ratios) - 1) * 100:+.1f}%"


def overhead_section(
    results: Sequence[OverheadResult],
    variants: Sequence[Variant],
    import_seconds: float,
    load_averages: tuple[float, float],
) -> str:
    keys = [v.key for v in variants]
    has_html = "html" in keys
    wall_rows = []
    for r in results:
        base, empty, plugin = r.wall("arelle"), r.wall("empty"), r.wall("json")
        row = [
            r.filing.label,
            "—" if r.cyd_facts is None else r.cyd_facts,
            f"{base:.3f}",
            f"{empty:.3f}",
            f"{plugin:.3f}",
            percent(r.wall_ratio("json", "arelle")),
            f"{percent(r.wall_ratio('json', 'empty'))} ({spread(r, 'json', 'empty')})",
            percent(r.cpu_ratio("json", "empty")),
            f"{own_cost(r, import_seconds) * 100:+.1f}%",
        ]
        if has_html:
            row.append(f"{r.wall('html'):.3f} ({percent(r.wall_ratio('html', 'arelle'))})")
        wall_rows.append(row)
    wall_header = [
        "filing",
        "cyd facts",
        "Arelle alone (s)",
        "+ empty plugin (s)",
        "+ cyber_plugin, JSON (s)",
        "vs. Arelle alone",
        "vs. empty plugin (lowest…highest repetition)",
        "CPU vs. empty plugin",
        "counted: import + hooks",
    ]
    if has_html:
        wall_header.append("+ cyber_plugin, HTML (s)")
    memory_rows = [
        [
            r.filing.label,
            f"{r.peak_mb('arelle'):.1f}",
            f"{r.peak_mb('empty'):.1f}",
            f"{r.peak_mb('json'):.1f}",
            percent(r.memory_ratio("json", "arelle")),
        ]
        + ([f"{r.peak_mb('html'):.1f} ({percent(r.memory_ratio('html', 'arelle'))})"] if has_html else [])
        for r in results
    ]
    memory_header = [
        "filing",
        "Arelle alone (MB)",
        "+ empty plugin (MB)",
        "+ cyber_plugin, JSON (MB)",
        "overhead",
    ]
    if has_html:
        memory_header.append("+ cyber_plugin, HTML (MB)")
    in_process_rows = []
    for r in results:
        own = r.arelle_own("json")
        plugin_ms = r.plugin_ms("json")
        in_process_rows.append(
            [
                r.filing.label,
                f"{r.hook_ms('json', 'validate_filing'):.1f}",
                f"{r.hook_ms('json', 'export_filing'):.1f}",
                f"{plugin_ms:.1f}",
                f"{own:.2f}" if own is not None else "—",
                f"{plugin_ms / 1000 / own * 100:.1f}%" if own else "—",
            ]
            + ([f"{r.plugin_ms('html'):.1f}"] if has_html else [])
        )
    in_process_header = [
        "filing",
        "validation hook (ms)",
        "JSON export hook (ms)",
        "plugin total (ms)",
        "Arelle load + validation (s)",
        "plugin share",
    ]
    if has_html:
        in_process_header.append("plugin total with HTML export (ms)")
    html_note = (
        ""
        if has_html
        else "\nThe HTML export is not available in this tree (`.html` is not in "
        "`cyber_plugin.outputs.RENDERERS`), so its overhead run was skipped.\n"
    )
    cpu = pinned_cpu()
    cpu_note = "not here: CPU affinity is not available" if cpu is None else f"CPU {cpu}"
    return f"""## 1. Overhead on real work

Each filing is run through `arelleCmdLine --workOffline -f FILING -v --logFile log.json` as a
separate process: Arelle alone; with an empty control plugin (`--plugins /path/to/empty_plugin`,
a plugin with no hooks); and with `--plugins cyber_plugin --cyber-export export.json` (and
`export.html` where that format exists). The variants are interleaved and their order rotated,
one untimed warm-up run of each comes first. Every run is held to one CPU ({cpu_note}), so that
it is not moved between CPUs mid-way. Times and peaks are medians of the repetitions;
the percentages are medians of the per-repetition ratios (the variants of one repetition run
back to back, so pairing them cancels slow drifts in the machine's other work).
The bundled samples are loaded with `--cacheDirectory sample_filings/taxonomy-cache`; the real
10-Ks offline without their schemas, as the tests load them. Peak memory is each child's own
maximum resident set size (`wait4`). The plugin's in-process time is what its hooks measure
themselves (`CYBER_PLUGIN_TIMINGS`): extraction, checks and logging in the validation hook, the
export in the export hook. Arelle's load and validation come from its own "loaded in" and
"validated in" messages (rounded to 10 ms), less the plugin's validation hook, which runs inside
Arelle's validation.

**Where the wall-time difference goes.** Naming any plugin with `--plugins` makes Arelle 2.47.3
discover every plugin before it loads the one named: it parses the source of each of its ~125
built-in plugins with `ast` to read their `__pluginInfo__` and scans the installed entry points
(`arelle/plugin_system/entry_point_ref.py`, `EntryPointRef.discoverAll`), on every run. The
empty control plugin pays exactly that and nothing else, so "vs. empty plugin" is what
cyber_plugin itself adds (importing its modules and running its hooks); "vs. Arelle alone" adds
Arelle's discovery, which no plugin can avoid. On the small samples Arelle's discovery also sets
the peak memory.

Importing cyber_plugin's modules takes {import_seconds * 1000:.1f} ms per process (median; not
part of the hook timings), measured in a process that has first run Arelle with the empty control
plugin on a sample, so that Arelle's own modules, which any run loads, are not counted.

**Two ways to see what the plugin adds.** The paired wall-time ratio ("vs. empty plugin")
measures it from outside, with everything a run does; the column "counted: import + hooks" adds
up what the plugin's code takes inside the process (the import above and its hooks' own timings)
over the empty plugin's run. On this machine the repetitions of one command spread by about ±10
points (lowest…highest in brackets; the machine is a shared virtual one), several times the
plugin's own cost, so the measured ratio of one filing moves by several points between runs of
this benchmark, in both directions; `--repetitions 9` narrows it. The counted figure does not
move with that noise; it leaves out only what the plugin could cost outside its code (a larger
heap for Python's collector to walk, a later exit), which the peak-memory table and the measured
ratio bound.

One-minute load average on this {os.cpu_count()}-core machine: {load_averages[0]:.2f} before these runs,
{load_averages[1]:.2f} after{_busy_note(load_averages)}.

### Wall time (median of the repetitions)

{table(wall_header, wall_rows)}
{html_note}
### Peak memory (median maximum RSS)

{table(memory_header, memory_rows)}

### The plugin's own time, measured inside the process

{table(in_process_header, in_process_rows)}

<details><summary>Every run's wall time (s), in the order run</summary>

{raw_runs(results, variants)}

</details>
"""


def raw_runs(results: Sequence[OverheadResult], variants: Sequence[Variant]) -> str:
    """The individual wall times behind the medians, so the spread can be judged."""
    rows = [
        [r.filing.label, *(", ".join(f"{run.wall:.3f}" for run in r.runs[v.key]) for v in variants)]
        for r in results
    ]
    return table(["filing", *(v.title for v in variants)], rows)


def _busy_note(load_averages: tuple[float, float]) -> str:
    """A note when other work ran beside the benchmark: before it, the load should be near 0;
    after it, near 1 (its own runs, one at a time)."""
    before, after = load_averages
    if before < 0.5 and after < 1.5:
        return " (the benchmark's own runs, one at a time: nothing else competed for the CPUs)"
    return (
        " (other work competed for the CPUs, so the wall times are noisier than on a quiet machine; "
        "the CPU-time column and the in-process times are less affected)"
    )
