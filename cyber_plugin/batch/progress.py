"""cyber-extract's progress display and the tally behind its closing summary."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TextIO

from ..dataset.records import DatasetFile
from ..outputs.table_model import Record
from . import PROGRAM

FAILURES_LISTED: Final = 10  # in the summary; the dataset holds every one


class Progress:
    """A tqdm bar on a terminal; otherwise one plain line per filing, with the rate and ETA."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self._total = total
        self._done = 0
        self._stream = stream
        self._started = time.monotonic()
        self._bar: Any = None
        if stream.isatty() and total:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                file=stream,
                unit="filing",
                dynamic_ncols=True,
                bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}{postfix}]",
            )

    def advance(self, name: str, description: str, failed: bool = False) -> None:
        """One more filing done; on a terminal a failure is printed above the bar at once."""
        self._done += 1
        elapsed = time.monotonic() - self._started
        rate = self._done / elapsed if elapsed > 0 else 0.0
        if self._bar is not None:
            if failed:
                self._bar.write(f"{name}: {description}", file=self._stream)
            self._bar.set_postfix_str(f"{rate:.2f} filings/s", refresh=False)
            self._bar.update(1)
            return
        remaining = (self._total - self._done) / rate if rate else 0.0
        width = len(str(self._total))
        print(
            f"[{self._done:>{width}}/{self._total}] {rate:.2f} filings/s, ETA {_duration(remaining)}  "
            f"{name}: {description}",
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
    extracted_twins: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # "name: reason", as the summary lists them

    @property
    def read(self) -> int:
        return self.with_facts + self.without_facts + self.failed

    def count(self, record: Record, name: str) -> str:
        """Count a new record of the input shown as `name`; returns how the progress line describes it."""
        if "error" in record:
            self.failed += 1
            self.failures.append(f"{name}: {record['error']}")
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
            *(f"    {failure}" for failure in self.failures[:FAILURES_LISTED]),
        ]
        if len(self.failures) > FAILURES_LISTED:
            lines.append(f"    ... and {len(self.failures) - FAILURES_LISTED} more (records with an error)")
        lines.append(f"  already recorded:   {self.already_recorded} (skipped)")
        if self.extracted_twins:
            lines.append(f"  extracted twins:    {self.extracted_twins} (skipped: x_htm.xml beside x.htm)")
        if self.same_content:
            lines.append(f"  same content as another input: {self.same_content} (skipped)")
        lines.append("  findings by code:" + ("" if self.findings else " none"))
        width = max((len(code) for code in self.findings), default=0)
        lines += [f"    {code:<{width}}  {count}" for code, count in sorted(self.findings.items())]
        lines.append("Dataset: " + ", ".join(os.fspath(output.path) for output in outputs))
        return lines
