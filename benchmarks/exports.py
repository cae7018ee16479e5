"""3. Export throughput: every renderer in cyber_plugin.outputs.RENDERERS, in process on a loaded
filing (the scaling worker measures it), reported for the case with the largest export."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, Final

from cyber_plugin.core.disclosure import Disclosure
from cyber_plugin.core.findings import Finding
from cyber_plugin.outputs import RENDERERS

from .common import median, table
from .generate import GeneratedFiling

RENDER_RUNS: Final = 3


def measure_throughput(disclosure: Disclosure, findings: tuple[Finding, ...]) -> dict[str, dict[str, Any]]:
    """Each format's output size in bytes and its median rendering time in seconds."""
    throughput = {}
    for extension, render in RENDERERS.items():
        render(disclosure, findings)  # untimed: some renderers import their module on first use
        seconds, size = [], 0
        for _ in range(RENDER_RUNS):
            started = time.perf_counter()
            size = len(render(disclosure, findings))
            seconds.append(time.perf_counter() - started)
        throughput[extension] = {"bytes": size, "seconds": median(seconds)}
    return throughput


def markup_bytes(disclosure: Disclosure) -> int:
    """What the renderers read: the text blocks' markup as tagged, in UTF-8."""
    return sum(len((fact.html or "").encode("utf-8")) for fact in disclosure.facts)


def throughput_section(cases: Sequence[tuple[GeneratedFiling, dict[str, Any]]]) -> str:
    """The section, from each scaling case's filing and its worker's report."""
    filing, report = max(cases, key=lambda case: case[1]["throughput"][".json"]["bytes"])
    markup_mb = report["markup_bytes"] / 1e6
    rows = []
    for extension, figures in report["throughput"].items():
        megabytes = figures["bytes"] / 1e6
        rows.append(
            [
                extension,
                f"{megabytes:.2f}",
                f"{figures['seconds'] * 1000:.0f}",
                f"{megabytes / figures['seconds']:.1f}",
                f"{markup_mb / figures['seconds']:.1f}",
            ]
        )
    header = ["format", "output (MB)", "time (ms)", "output MB/s", "text-block markup MB/s"]
    return f"""## 3. Export throughput

Each renderer in `cyber_plugin.outputs.RENDERERS` (`renderer(disclosure, findings)`, in process on
the loaded model, after one untimed call, median of {RENDER_RUNS}) on the case with the largest export,
`{filing.name}` ({filing.cyd_fact_count} cyd facts, {markup_mb:.1f} MB of text-block
markup). "output MB/s" is megabytes written per second, as asked; "text-block markup MB/s" is the filing's
text-block markup rendered per second, which compares the formats on the same input. An xlsx
file is compressed and an Excel cell holds at most 32,767 characters (longer text blocks are
cut there), so its output is small and its output MB/s says little.

{table(header, rows)}
"""
