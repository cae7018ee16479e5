"""The benchmark's cheap parts, without timing anything: its options, the child-process launcher,
the export throughput on a small generated filing, the paired ratios and the targets' selection.
(`make bench-quick` runs the whole benchmark on a few small cases; `make bench` measures.)"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.common import RESULTS, ChildRun, child_environment, percent, pinned_cpu, run_child
from benchmarks.exports import markup_bytes, measure_throughput, throughput_section
from benchmarks.generate import STANDARD_CASES, GeneratedFiling, write_incident_report
from benchmarks.overhead import SAMPLE_FILINGS, OverheadFiling, OverheadResult, overhead_filings, own_cost
from benchmarks.run import DEFAULT_REPETITIONS, QUICK_RESULTS, parse_options
from benchmarks.scaling import QUICK_CASES, ScalingResult
from benchmarks.suggestion_cost import SuggestionTiming, time_suggestions
from benchmarks.targets import evaluate_targets
from cyber_plugin.outputs import RENDERERS

from .support.paths import SAMPLE_10K


def test_options_default_to_the_full_run_and_quick_to_a_smoke_test(tmp_path: Path) -> None:
    full = parse_options([])
    assert (full.quick, full.repetitions, full.output) == (False, DEFAULT_REPETITIONS, RESULTS)
    quick = parse_options(["--quick"])
    assert (quick.quick, quick.repetitions, quick.output) == (True, 1, QUICK_RESULTS)
    assert quick.output != RESULTS  # a smoke test never overwrites the committed figures
    chosen = parse_options(["--quick", "--repetitions", "3", "--output", str(tmp_path / "r.md")])
    assert (chosen.repetitions, chosen.output) == (3, tmp_path / "r.md")
    with pytest.raises(SystemExit):
        parse_options(["--repetitions", "0"])


def test_quick_mode_measures_a_subset_of_each_part() -> None:
    assert [spec.name for spec in QUICK_CASES] == ["annual-1k", "8k-1-incident", "8k-10-incidents"]
    assert set(QUICK_CASES) < set(STANDARD_CASES)
    filings, _ = overhead_filings(quick=True)
    samples = [filing for filing in filings if not filing.real]
    real = [filing for filing in filings if filing.real]
    assert [filing.path for filing in samples] == [SAMPLE_FILINGS[0]]
    assert len(real) <= 1
    everything, _ = overhead_filings()
    assert len(everything) == len(SAMPLE_FILINGS) + len([f for f in everything if f.real])


def test_the_launcher_reports_the_child_s_own_status_output_and_hook_timings(tmp_path: Path) -> None:
    timings = tmp_path / "timings.jsonl"
    script = (
        "import json, sys\n"
        f"with open({str(timings)!r}, 'a') as f:\n"
        "    for s in (0.25, 0.5):\n"
        "        f.write(json.dumps({'hook': 'validate_filing', 'seconds': s}) + '\\n')\n"
        "print('child says hello')\n"
        "sys.exit(3)\n"
    )
    run = run_child([sys.executable, "-c", script], child_environment(tmp_path), tmp_path, timings)

    assert run.returncode == 3
    assert "child says hello" in run.stdout
    assert run.hooks == {"validate_filing": 0.75}
    assert run.max_rss_kb > 0


def test_every_renderer_is_measured_on_a_generated_filing(tmp_path: Path, load: Any) -> None:
    filing = write_incident_report(tmp_path / "incident", 2)
    disclosure = load(filing.path).disclosure

    throughput = measure_throughput(disclosure, ())
    assert list(throughput) == list(RENDERERS)
    assert all(figures["bytes"] > 0 and figures["seconds"] > 0 for figures in throughput.values())
    markup = markup_bytes(disclosure)
    assert markup >= 10 * 600  # ten text blocks of about 600 bytes each
    section = throughput_section([(filing, {"throughput": throughput, "markup_bytes": markup})])
    assert f"`incident` ({filing.cyd_fact_count} cyd facts" in section
    assert [line.split(" | ")[0] for line in section.splitlines() if line.startswith("| .")] == [
        f"| {extension}" for extension in RENDERERS
    ]


def _run(wall: float) -> ChildRun:
    return ChildRun(wall=wall, cpu=wall, max_rss_kb=100_000, returncode=0)


def test_overhead_is_the_median_of_paired_ratios_not_a_ratio_of_medians() -> None:
    runs = {"arelle": [_run(1.0), _run(2.0), _run(3.0)], "json": [_run(2.5), _run(2.1), _run(3.0)]}
    result = OverheadResult(OverheadFiling(Path("x.htm"), real=True), runs, cyd_facts=None)

    assert percent(result.wall_ratio("json", "arelle")) == "+5.0%"  # ratios 2.5, 1.05, 1.0
    assert result.wall("json") / result.wall("arelle") == pytest.approx(1.25)  # medians 2.5 / 2.0


def test_the_launcher_holds_the_child_to_the_cpu_it_is_given(tmp_path: Path) -> None:
    cpu = pinned_cpu()
    assert cpu is not None  # Linux
    script = "import os; print(sorted(os.sched_getaffinity(0)))"

    run = run_child([sys.executable, "-c", script], child_environment(tmp_path), tmp_path, cpu=cpu)

    assert run.stdout.strip() == f"[{cpu}]"


def test_what_the_plugin_adds_is_counted_from_its_import_and_its_hooks() -> None:
    def plugin_run(wall: float, hooks: float) -> ChildRun:
        run = _run(wall)
        run.hooks = {"validate_filing": hooks * 0.75, "export_filing": hooks * 0.25}
        return run

    runs = {
        "empty": [_run(2.0), _run(1.9), _run(2.2)],
        "json": [plugin_run(2.1, 0.010), plugin_run(2.6, 0.012), plugin_run(2.0, 0.014)],
    }
    result = OverheadResult(OverheadFiling(Path("x.htm"), real=True), runs, cyd_facts=1)

    assert own_cost(result, import_seconds=0.028) == pytest.approx((0.028 + 0.012) / 2.0)
    assert percent(result.wall_ratio("json", "empty")) == "+5.0%"  # 1.05, 1.368, 0.909: the noise


def _scaling(name: str, hooks_seconds: float, warm_seconds: float) -> ScalingResult:
    filing = GeneratedFiling(name, Path(name), "10-K", 1, (), 0, 0, 0)
    report = {"hooks": {"validate_filing": hooks_seconds}, "warm_seconds": warm_seconds}
    return ScalingResult(filing, _run(1.0), report)


def test_targets_are_judged_only_on_what_was_measured() -> None:
    quick = [_scaling(name, 0.002, 0.001) for name in ("annual-1k", "8k-1-incident", "8k-10-incidents")]
    assert evaluate_targets([], quick, 0.03) == []

    full = [
        _scaling("annual-1k", 0.002, 0.0010),
        _scaling("annual-100k", 0.003, 0.0016),
        _scaling("8k-1-incident", 0.001, 0.0001),
        _scaling("8k-500-incidents", 0.7, 0.05),
    ]
    targets = evaluate_targets([], full, 0.03)
    assert [(target.measured, target.passed) for target in targets] == [
        ("3.0 / 2.0 ms = 1.50×", True),
        ("1.6 / 1.0 ms = 1.60×", False),
        ("700.0 / 1.0 ms = 700× (50.0 / 0.10 ms = 500×)", False),
    ]


def test_the_comparison_benchmark_s_prior_differs_in_every_way_it_says() -> None:
    """`prior_by_editing` makes last year's reading with a flag flipped, a text block more and one
    fewer, sentences edited, and paragraphs added, removed and edited: the comparison it times
    meets every kind of change."""
    from dataclasses import replace

    from benchmarks.comparison import everything, prior_by_editing
    from cyber_plugin.core.comparison import Change, ParagraphChange, view_of_disclosure
    from cyber_plugin.core.section import Paragraph, Section

    from .support.builder import annual_report

    texts = ("Overview.", "We assess risks. We manage them. We report them.", "Our CISO leads it.", "End.")
    paragraphs = tuple(Paragraph(text, "filing.htm", line) for line, text in enumerate(texts))
    current = replace(annual_report().build(), section=Section("1C", True, paragraphs=paragraphs))
    prior = prior_by_editing(current)

    comparison = everything(replace(current, prior=view_of_disclosure(prior)))

    assert {element.change for element in comparison.changed_elements} == {
        Change.ADDED,
        Change.DROPPED,
        Change.FLAG_CHANGED,
        Change.TEXT_EDITED,
    }
    assert {entry.change for entry in comparison.paragraphs} == set(ParagraphChange)
    assert prior.filing.fiscal_year_focus == "2023" and str(prior.filing.period_end) == "2023-12-28"


def test_the_suggestions_cost_is_measured_in_a_fresh_process(tmp_path: Path) -> None:
    timing = time_suggestions(SAMPLE_10K, 1, tmp_path)

    assert (timing.filing, timing.paragraphs, timing.blocks) == (
        "filing.htm",
        26,
        10,
    )  # substantive paragraphs, text blocks
    assert set(timing.wall_ms) == {"import", "load", "section", "blocks"}
    assert all(ms > 0 for ms in timing.wall_ms.values()) and timing.total_cpu_ms > 0


def test_the_suggestions_target_is_judged_on_both_clocks() -> None:
    def timing(name: str, wall: float, cpu: float) -> SuggestionTiming:
        return SuggestionTiming(
            name, 10, 9, dict.fromkeys(("import", "load", "section", "blocks"), 1.0), (wall,), (cpu,)
        )

    measured = [timing("a.htm", 16.0, 9.0), timing("b.htm", 12.0, 11.0)]
    targets = evaluate_targets([], [], 0.03, measured)

    assert [(target.measured, target.passed) for target in targets] == [
        ("worst 11.0 ms (b.htm)", True),  # CPU time
        ("worst 16.0 ms (a.htm)", False),  # the wall clock
    ]
    assert "(CPU time)" in targets[0].description and "(wall clock)" in targets[1].description
