"""What every part of the benchmark shares: paths, measuring one child process, the machine's
description, statistics and Markdown formatting."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from cyber_plugin.integration.guard import TIMINGS_VARIABLE

REPO: Final = Path(__file__).resolve().parents[1]
RESULTS: Final = REPO / "benchmarks" / "RESULTS.md"
SAMPLES: Final = REPO / "sample_filings"
TAXONOMY_CACHE: Final = SAMPLES / "taxonomy-cache"
REAL_FILINGS: Final = REPO.parent / "shared" / "real-filings"
ARELLE_CMD: Final = Path(sys.executable).with_name("arelleCmdLine")

_LOADED: Final = re.compile(r"loaded in ([\d.]+) secs")
_VALIDATED: Final = re.compile(r"validated in ([\d.]+) secs")


def real_filings() -> list[Path]:
    """The real 10-Ks' primary documents in ../shared/real-filings (none when it is absent)."""
    return sorted([*REAL_FILINGS.glob("*.htm"), *REAL_FILINGS.glob("*/*.htm")])


def arelle_times(texts: Iterable[str]) -> tuple[float | None, float | None]:
    """Arelle's own 'loaded in' and 'validated in' seconds among its messages (it rounds them
    to 10 ms); None where a message is missing."""
    load = validate = None
    for text in texts:
        if (loaded := _LOADED.search(text)) and load is None:
            load = float(loaded.group(1))
        elif (validated := _VALIDATED.search(text)) and validate is None:
            validate = float(validated.group(1))
    return load, validate


# --- measuring one child process ----------------------------------------------------------------


@dataclass
class ChildRun:
    """One arelleCmdLine (or worker) process: its own clock, CPU and peak memory."""

    wall: float
    cpu: float
    max_rss_kb: int
    returncode: int
    hooks: dict[str, float] = field(default_factory=dict)
    arelle_load: float | None = None
    arelle_validate: float | None = None
    stdout: str = ""

    @property
    def plugin_seconds(self) -> float:
        """Time spent inside the plugin's hooks (extraction, checks, exports, option handling)."""
        return sum(self.hooks.values())

    @property
    def arelle_own_seconds(self) -> float | None:
        """Arelle's load and validation, less the plugin's validation hook that runs inside it."""
        if self.arelle_load is None or self.arelle_validate is None:
            return None
        return self.arelle_load + self.arelle_validate - self.hooks.get("validate_filing", 0.0)


# A forked child inherits its parent's peak-RSS mark, and Linux carries it across exec: a child
# of this (large) process would report at least this process's peak. So every measured command
# is started by this small launcher, run as a fresh interpreter, which forks it and reports the
# child's own wall time and resource usage (wait4) as JSON.
LAUNCHER: Final = """
import json, os, sys, time
report, cpu, command = sys.argv[1], sys.argv[2], sys.argv[3:]
if cpu:
    os.sched_setaffinity(0, {int(cpu)})  # the child inherits it
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(report, "w") as stream:
    json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "max_rss_kb": usage.ru_maxrss,
               "returncode": os.waitstatus_to_exitcode(status)}, stream)
"""


def pinned_cpu() -> int | None:
    """The CPU the overhead runs are held to, or None where affinity cannot be set.

    Arelle runs on one thread. Held to one CPU, a run is not moved between CPUs mid-way, which
    narrows the spread between repetitions of the same command."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    return max(os.sched_getaffinity(0))


def run_child(
    command: Sequence[str],
    env: dict[str, str],
    cwd: Path,
    timings: Path | None = None,
    cpu: int | None = None,
) -> ChildRun:
    """Run a command to completion through the launcher: its own wall time, CPU time, peak RSS,
    output, and the plugin's hook timings when `timings` names the file they go to; held to
    `cpu` when given."""
    if timings is not None:
        timings.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "usage.json"
        with open(Path(folder) / "output.txt", "w+b") as output:
            subprocess.run(
                [
                    sys.executable,
                    "-S",
                    "-c",
                    LAUNCHER,
                    str(report),
                    "" if cpu is None else str(cpu),
                    *command,
                ],
                env=env,
                cwd=cwd,
                stdout=output,
                stderr=subprocess.STDOUT,
                check=True,
            )
            output.seek(0)
            stdout = output.read().decode("utf-8", "replace")
        usage = json.loads(report.read_text(encoding="utf-8"))
    run = ChildRun(
        wall=usage["wall"],
        cpu=usage["cpu"],
        max_rss_kb=usage["max_rss_kb"],
        returncode=usage["returncode"],
        stdout=stdout,
    )
    if timings is not None and timings.exists():
        for line in timings.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            run.hooks[record["hook"]] = run.hooks.get(record["hook"], 0.0) + record["seconds"]
    return run


def read_arelle_times(log_file: Path, run: ChildRun) -> None:
    """Arelle's load and validation times from a run's JSON log file."""
    if not log_file.exists():
        return
    entries = json.loads(log_file.read_text(encoding="utf-8")).get("log", [])
    run.arelle_load, run.arelle_validate = arelle_times(
        (entry.get("message") or {}).get("text", "") for entry in entries
    )


def child_environment(scratch: Path) -> dict[str, str]:
    """Arelle's config in a temporary folder; bytecode cached as in a normal installation.

    This sandbox sets PYTHONDONTWRITEBYTECODE, which makes every process compile the plugin
    from source (Arelle's own modules come precompiled from its wheel); a bytecode cache under
    the scratch folder gives every variant the same warm start a real installation has.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop(TIMINGS_VARIABLE, None)
    env["XDG_CONFIG_HOME"] = str(scratch / "xdg-config")
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    return env


# --- the machine --------------------------------------------------------------------------------


def cpu_model(default: str) -> str:
    """The CPU's model name from /proc/cpuinfo, or `default` where it cannot be read."""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return default
    return next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line), default
    )


def describe_machine() -> list[tuple[str, str]]:
    import arelle.Version
    import lxml.etree

    memory = "unknown"
    try:
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
        total_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
        memory = f"{total_kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    return [
        ("CPU", cpu_model("unknown")),
        ("cores", str(os.cpu_count())),
        ("memory", memory),
        ("system", platform.platform()),
        ("Python", platform.python_version()),
        ("Arelle", arelle.Version.__version__),
        ("lxml", ".".join(map(str, lxml.etree.LXML_VERSION))),
        ("commit", _git_commit()),
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]


def _git_commit() -> str:
    """The checked-out commit and whether the tree has local changes (read-only git calls)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"{commit} (with uncommitted changes)" if changes else commit


# --- statistics and Markdown --------------------------------------------------------------------


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def seconds_text(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.2f}"


def percent(ratio: float) -> str:
    return f"{(ratio - 1) * 100:+.1f}%"


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


def filings_parser(
    doc: str | None, repetitions: int, default: str = "the real 10-Ks"
) -> argparse.ArgumentParser:
    """A benchmark module's command line: the inline XBRL filings to time (none: `default`) and
    --repetitions; the description is the module docstring's first line."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n", 1)[0])
    parser.add_argument("files", nargs="*", type=Path, help=f"inline XBRL filings (default: {default})")
    parser.add_argument("--repetitions", type=positive_int, default=repetitions)
    return parser


def write_results(sections: Sequence[str], path: Path) -> None:
    """The whole report or nothing: written beside `path`, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".md.tmp")
    temporary.write_text("\n".join(sections), encoding="utf-8")
    os.replace(temporary, path)
