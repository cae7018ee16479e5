"""2. Scaling: the synthetic filings of benchmarks/generate.py, each loaded in a fresh worker
process through Arelle's Python API with the plugin; the plugin's time read from its own hook
timings, then its code path again on the loaded model.

The worker is this module run from the repository's root: `python -m benchmarks.scaling FILING`
prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from cyber_plugin.integration.guard import TIMINGS_VARIABLE

from .common import (
    REPO,
    TAXONOMY_CACHE,
    ChildRun,
    arelle_times,
    child_environment,
    median,
    run_child,
    seconds_text,
    table,
)
from .exports import markup_bytes, measure_throughput
from .generate import SEED, STANDARD_CASES, CaseSpec, GeneratedFiling, write_case

# --quick: one of each kind, the smallest sizes.
QUICK_CASES: Final = tuple(
    spec for spec in STANDARD_CASES if spec.name in ("annual-1k", "8k-1-incident", "8k-10-incidents")
)
# The repeated run on a loaded model: at least 7 times, and more (up to 31) while the total is
# under half a second, so millisecond-sized medians are not at the mercy of one busy moment.
WARM_REPETITIONS: Final = 7
# After its opening sentence on its element, each generated text block is the same generic
# risk-management filler (benchmarks/markup.py): the suggestion model may read one as the
# risk-management processes rather than its own element, and say so. The rule's work is part of
# what the plugin costs; its findings are no problem of the filing's.
EXPECTED_FINDINGS: Final = frozenset({"CYBER.textReadsLikeOther"})
WARM_MAX_REPETITIONS: Final = 31
WARM_MIN_SECONDS: Final = 0.5


@dataclass
class ScalingResult:
    filing: GeneratedFiling
    run: ChildRun
    report: dict[str, Any]

    @property
    def hooks_ms(self) -> float:
        """The plugin's own time in the real run: validation hook plus the JSON export hook."""
        hooks = self.report["hooks"]
        return float(hooks.get("validate_filing", 0.0) + hooks.get("export_filing", 0.0)) * 1000

    @property
    def warm_ms(self) -> float:
        return float(self.report["warm_seconds"]) * 1000


def measure_scaling(
    scratch: Path, progress: Callable[[str], None], cases: Sequence[CaseSpec] = STANDARD_CASES
) -> tuple[list[ScalingResult], float]:
    folder = scratch / "scaling"
    started = time.perf_counter()
    filings = [write_case(folder, spec) for spec in cases]
    generation_seconds = time.perf_counter() - started
    env = child_environment(scratch)
    results = []
    for filing in filings:
        timings = filing.path.parent / "timings.jsonl"
        run_env = dict(env, **{TIMINGS_VARIABLE: str(timings)})
        command = [sys.executable, "-m", __name__, str(filing.path)]  # this module, as the worker
        run = run_child(command, run_env, REPO, timings)
        if run.returncode != 0:
            raise RuntimeError(f"worker for {filing.name} failed ({run.returncode}):\n{run.stdout[-3000:]}")
        report = json.loads(run.stdout.strip().splitlines()[-1])
        report["hooks"] = run.hooks
        result = ScalingResult(filing, run, report)
        results.append(result)
        progress(
            f"  {filing.name}: Arelle load {seconds_text(report['arelle_load'])} s, "
            f"plugin {result.hooks_ms:.1f} ms "
            f"(warm {result.warm_ms:.1f} ms)"
        )
    return results, generation_seconds


def worker(filing: Path) -> None:
    """One synthetic filing through Arelle's API with the plugin (validation and a JSON export),
    then the plugin's code path again on the loaded model; prints one JSON line."""
    from arelle import ModelXbrl
    from arelle.api.Session import Session
    from arelle.logging.handlers.StructuredMessageLogHandler import StructuredMessageLogHandler
    from arelle.RuntimeOptions import RuntimeOptions

    from cyber_plugin.core.settings import RuleSettings
    from cyber_plugin.integration.state import forget, reading_of
    from cyber_plugin.outputs import RENDERERS

    index_builds = _watch_fact_index(ModelXbrl.ModelXbrl)
    export = filing.parent / "export.json"
    options = RuntimeOptions(
        entrypointFile=str(filing),
        plugins="cyber_plugin",
        workOffline=True,
        cacheDirectory=str(TAXONOMY_CACHE),
        validate=True,
        keepOpen=True,
        pluginOptions={"cyberExport": str(export)},
    )
    with Session() as session:
        session.run(options, logHandler=StructuredMessageLogHandler())
        messages = session.get_log_messages()
        model = session.get_models()[0]
        load, validate = arelle_times(str(m.get("msg", "")) for m in messages)
        problems = [m for m in messages if str(m.get("levelname", "")).lower() in ("error", "warning")]

        # The same code path again, on the loaded model: median of several, index already built.
        warm: list[float] = []
        while len(warm) < WARM_REPETITIONS or (
            sum(warm) < WARM_MIN_SECONDS and len(warm) < WARM_MAX_REPETITIONS
        ):
            forget(model)  # a new Disclosure each time: nothing cached from the previous run
            started = time.perf_counter()
            reading = reading_of(model, RuleSettings())
            RENDERERS[".json"](reading.disclosure, reading.findings)
            warm.append(time.perf_counter() - started)
        disclosure, findings = reading.disclosure, reading.findings

        report = {
            "arelle_load": load,
            "arelle_validate": validate,
            "problems": [str(m.get("msg", ""))[:300] for m in problems[:5]],
            "problem_count": len(problems),
            "cyd_facts": len(disclosure.facts),
            "findings": [finding.code for finding in findings],
            "warm_seconds": median(warm),
            "warm_repetitions": len(warm),
            "index_builds": index_builds,
            "throughput": measure_throughput(disclosure, findings),
            "export_bytes": export.stat().st_size if export.exists() else None,
            "markup_bytes": markup_bytes(disclosure),
        }
    print(json.dumps(report))


def _watch_fact_index(model_class: Any) -> list[dict[str, Any]]:
    """Record who first builds Arelle's lazy factsByQname index, and what building it costs."""
    builds: list[dict[str, Any]] = []
    index = model_class.factsByQname

    def factsByQname(self: Any) -> Any:
        if "_factsByQname" in vars(self):
            return index.fget(self)
        caller = sys._getframe(1).f_globals.get("__name__", "?")
        started = time.perf_counter()
        built = index.fget(self)
        builds.append(
            {"by": caller, "seconds": time.perf_counter() - started, "facts": len(self.factsInInstance)}
        )
        return built

    model_class.factsByQname = property(factsByQname)
    return builds


def scaling_section(results: Sequence[ScalingResult], generation_seconds: float) -> str:
    rows = []
    for r in results:
        report = r.report
        per_cyd = r.hooks_ms * 1000 / max(r.filing.cyd_fact_count, 1)
        builds = report["index_builds"]
        index = f"{builds[0]['by']} ({builds[0]['seconds'] * 1000:.1f} ms)" if builds else "not built"
        rows.append(
            [
                r.filing.name,
                f"{r.filing.total_facts:,}",
                f"{r.filing.cyd_fact_count:,}",
                f"{r.filing.size_bytes / 1e6:.1f}",
                seconds_text(report["arelle_load"]),
                seconds_text(report["arelle_validate"]),
                f"{report['hooks'].get('validate_filing', 0) * 1000:.1f}",
                f"{report['hooks'].get('export_filing', 0) * 1000:.1f}",
                f"{r.hooks_ms:.1f}",
                f"{r.warm_ms:.1f}",
                f"{per_cyd:.0f}",
                f"{r.run.max_rss_kb / 1024:.0f}",
                index,
            ]
        )
    header = [
        "filing",
        "facts",
        "cyd facts",
        "size (MB)",
        "Arelle load (s)",
        "Arelle validation (s)",
        "validation hook (ms)",
        "JSON export hook (ms)",
        "plugin total (ms)",
        "plugin, index built (ms)",
        "µs per cyd fact",
        "peak RSS (MB)",
        "factsByQname first built by (cost)",
    ]
    problems = [
        f"- {r.filing.name}: {r.report['problem_count']} Arelle error/warning messages"
        + (f", e.g. {r.report['problems'][0]!r}" if r.report["problems"] else "")
        + f"; findings {unexpected}"
        for r in results
        for unexpected in [[code for code in r.report["findings"] if code not in EXPECTED_FINDINGS]]
        if r.report["problem_count"] or unexpected
    ]
    flagged = sum(code in EXPECTED_FINDINGS for r in results for code in r.report["findings"])
    problem_text = (
        "\n".join(problems)
        if problems
        else "Every synthetic filing loads without an error or warning and draws no finding but "
        f"{', '.join(sorted(EXPECTED_FINDINGS))} ({flagged} in all): after its opening sentence, each "
        "text block is the same generic risk-management filler, which the suggestion model may read "
        "as the risk-management processes rather than as the block's own element."
    )
    return f"""## 2. Scaling

`benchmarks/generate.py` writes the filings (seed {SEED}, the same bytes every run;
{generation_seconds:.1f} s for all of them): annual reports (10-K) with the 16 annual cyd facts,
14 dei facts and non-cyd monetary facts up to 1,000, 10,000 and 100,000 facts; 8-Ks whose five
incident text blocks are tagged once per incident, each incident on its own context with an
explicit `ex:IncidentAxis` member (1, 10, 100 and 500 incidents); and an annual report whose ten
text blocks are about 1 MB each. Every filing references the SEC's cyd and dei schemas (from
`sample_filings/taxonomy-cache`) and a generated company schema, so every fact is defined and
indexed. Each is loaded in a fresh process through Arelle's API with the plugin, `validate=True`
(as `-v`) and a JSON export. "plugin total" is what the plugin's hooks measured in that run
(validation hook plus export hook): the real code path, including any lazy Arelle index the
plugin is the first to touch. "plugin, index built" runs the same code again on the loaded model
(`reading_of`: extraction and the rules, then the JSON renderer; the median of {WARM_REPETITIONS} to
{WARM_MAX_REPETITIONS} runs, as many as fit in {WARM_MIN_SECONDS} s, each on a new Disclosure).

**Arelle's fact index.** Arelle builds `modelXbrl.factsByQname` lazily, on first use. Plain `-v`
does not use it, so in these runs the plugin's validation hook is the first to touch it and pays
for building it over every fact in the filing (last column). Validation that does use it (EDGAR's
EFM plugin, the XBRL US DQC rules, formula, ESEF and other disclosure systems) builds it before
the plugin runs; then the plugin's time is the "index built" column.

{table(header, rows)}

{problem_text}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The scaling benchmark's worker: one filing, one JSON line.")
    parser.add_argument("filing", type=Path, help="a filing written by benchmarks.generate")
    worker(parser.parse_args(argv).filing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
