"""Batch throughput: filings per second for `cyber-extract --jobs 1` and `--jobs 2` on the real
filings in ../shared/real-filings, against running `arelleCmdLine` once per filing.

Standalone, from the repository's root: `python -m benchmarks.batch_throughput` prints a Markdown
section to stdout and exits 0 (`make bench` runs it so and pastes it into RESULTS.md). The three
methods are measured side by side in one run, interleaved (each repetition runs all three, in a
rotating order), and the medians are reported. Everything runs offline with its own
XDG_CONFIG_HOME.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from .common import REAL_FILINGS, REPO, child_environment, cpu_model, positive_int, real_filings

BIN: Final = Path(sys.executable).parent
ARELLE_CMD: Final = BIN / "arelleCmdLine"
CYBER_EXTRACT: Final = BIN / "cyber-extract"
DEFAULT_REPETITIONS: Final = 5
TIMEOUT_SECONDS: Final = 600
QUIET_SHARE: Final = 0.1  # other work below this share of the CPU time counts as an idle machine
WHO: Final = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
PER_FILING_COMMAND: Final = "`arelleCmdLine --plugins cyber_plugin --workOffline -f F --cyber-export x.json`"


@dataclass
class Method:
    name: str
    run: Callable[[Path], None]  # runs the method once in a fresh folder
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run_checked(command: Sequence[str | Path], cwd: Path, env: dict[str, str]) -> None:
    completed = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({completed.returncode}): {completed.stderr[-2000:]}")


def arelle_per_filing(filings: Sequence[Path], env: dict[str, str]) -> Callable[[Path], None]:
    def run(folder: Path) -> None:
        for filing in filings:
            export = folder / "x.json"
            run_checked(
                [
                    ARELLE_CMD,
                    "--plugins",
                    "cyber_plugin",
                    "--workOffline",
                    "-f",
                    filing,
                    "--cyber-export",
                    export,
                ],
                folder,
                env,
            )
            if not export.is_file():
                raise RuntimeError(f"arelleCmdLine wrote no export for {filing}")

    return run


def cyber_extract(filings: Sequence[Path], jobs: int, env: dict[str, str]) -> Callable[[Path], None]:
    def run(folder: Path) -> None:
        dataset = folder / "cyd.jsonl"
        run_checked([CYBER_EXTRACT, *filings, "-o", dataset, "--jobs", str(jobs), "--offline"], folder, env)
        records = [json.loads(line) for line in dataset.read_text(encoding="utf-8").splitlines()]
        failed = [record["source"] for record in records if "error" in record]
        if len(records) != len(filings) or failed:
            raise RuntimeError(f"cyber-extract --jobs {jobs}: {len(records)} records, failed: {failed}")

    return run


def machine() -> str:
    cpu = cpu_model(platform.processor() or platform.machine())
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    from arelle.Version import __version__ as arelle_version

    return (
        f"{os.cpu_count()} CPUs ({usable} usable by this process), {cpu}; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; Arelle {arelle_version}"
    )


class OtherWork:
    """CPU time that other processes took while the benchmark ran: all busy CPU time of the machine
    (/proc/stat) less this process's and its children's. Where it is large, the numbers are not
    what an idle machine would give."""

    def __init__(self) -> None:
        self._start = self._sample()

    @staticmethod
    def _sample() -> tuple[float, float, float] | None:
        try:
            fields = Path("/proc/stat").read_text(encoding="utf-8").split("\n", 1)[0].split()[1:]
        except OSError:
            return None
        ticks = [int(value) for value in fields]
        idle = ticks[3] + ticks[4]  # idle and iowait
        own = sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime for who in WHO)
        return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK"), own, time.monotonic()

    def note(self) -> str:
        end = self._sample()
        if self._start is None or end is None:
            return ""
        busy = end[0] - self._start[0]
        own = end[1] - self._start[1]
        available = (end[2] - self._start[2]) * (os.cpu_count() or 1)
        other = max(busy - own, 0.0)
        verdict = (
            "so the machine was close to idle"
            if other < QUIET_SHARE * available
            else "which competed with the benchmark for the CPUs: an idle machine gives better numbers, most "
            "of all for --jobs 2"
        )
        return (
            f" While it ran, other processes used {other:.0f} of the {available:.0f} CPU-seconds "
            f"available ({other / available:.0%}), {verdict}."
        )


def markdown(methods: Sequence[Method], filings: Sequence[Path], repetitions: int, other_work: str) -> str:
    baseline = methods[0]
    size_mb = sum(path.stat().st_size for path in filings) / 1e6
    rows = [
        "| method | median wall time (s) | filings/s | vs arelleCmdLine per filing | runs (s) |",
        "|---|---|---|---|---|",
    ]
    for method in methods:
        rate = len(filings) / method.median
        runs = ", ".join(f"{seconds:.2f}" for seconds in method.seconds)
        ratio = baseline.median / method.median
        rows.append(f"| {method.name} | {method.median:.2f} | {rate:.2f} | {ratio:.2f}x | {runs} |")
    return "\n".join(
        [
            "## Batch extraction throughput (cyber-extract)",
            "",
            f"Machine: {machine()}.{other_work}",
            "",
            f"Filings: the {len(filings)} real 10-Ks in `../shared/real-filings` ({size_mb:.1f} MB), offline "
            "and without their SEC schemas, each read once per run. Every method ran "
            f"{repetitions} times, interleaved in a rotating order; the table gives medians. Times are "
            "wall-clock times of whole commands, so cyber-extract's include starting its worker "
            "processes (Python, Arelle and the plugin, once per worker), which a batch of thousands "
            "of filings spreads thin.",
            "",
            *rows,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repetitions", type=positive_int, default=DEFAULT_REPETITIONS, help="runs of each method"
    )
    parser.add_argument("--limit", type=positive_int, help="only the first LIMIT real filings")
    arguments = parser.parse_args(argv)
    filings = real_filings()[: arguments.limit]
    if not filings:
        print(
            f"## Batch extraction throughput (cyber-extract)\n\nSkipped: no real filings at {REAL_FILINGS}.\n"
        )
        return 0
    with tempfile.TemporaryDirectory(prefix="batch-throughput-") as temporary:
        root = Path(temporary)
        env = {**os.environ, "XDG_CONFIG_HOME": str(root / "xdg-config")}
        methods = [
            Method(f"{PER_FILING_COMMAND}, once per filing", arelle_per_filing(filings, env)),
            Method("`cyber-extract --jobs 1 --offline`", cyber_extract(filings, 1, env)),
            Method("`cyber-extract --jobs 2 --offline`", cyber_extract(filings, 2, env)),
        ]
        other_work = OtherWork()
        for repetition in range(arguments.repetitions):
            order = methods[repetition % len(methods) :] + methods[: repetition % len(methods)]
            for method in order:
                folder = root / f"run-{repetition}-{methods.index(method)}"
                folder.mkdir()
                started = time.perf_counter()
                method.run(folder)
                method.seconds.append(time.perf_counter() - started)
        note = other_work.note()
    print(markdown(methods, filings, arguments.repetitions, note))
    return 0


def batch_section(scratch: Path, quick: bool = False) -> str:
    """Section 4 of RESULTS.md: this module run as its own process (--quick: two filings, once)."""
    options = ["--repetitions", "1", "--limit", "2"] if quick else []
    completed = subprocess.run(
        [sys.executable, "-m", __name__, *options],
        env=child_environment(scratch),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    if completed.returncode != 0:
        return (
            "## 4. Batch throughput\n\n"
            f"`{Path(__file__).relative_to(REPO)}` failed (exit status {completed.returncode}):\n\n"
            f"```\n{(completed.stderr or completed.stdout)[-2000:]}\n```\n"
        )
    section = completed.stdout.strip()
    if section.startswith("## "):  # its own top-level heading becomes a subsection of ours
        section = "#" + section
    return "## 4. Batch throughput\n\n" + section + "\n"


if __name__ == "__main__":
    sys.exit(main())
