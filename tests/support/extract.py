"""cyber-extract as a process (the installed command, offline, with the samples' schemas) and
readers of what it writes: JSON Lines records, CSV rows, its summary's counts."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import os
import pty
import re
import struct
import subprocess
import termios
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cyber_plugin.outputs.tabular import restore

from .paths import CYBER_EXTRACT, REPO, TAXONOMY_CACHE

EXPORT_SCHEMA = json.loads((REPO / "cyber_plugin" / "outputs" / "cyber-disclosure.schema.json").read_text())


def run_extract(*arguments: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed cyber-extract, offline, with the samples' schemas (real filings ignore them)."""
    return subprocess.run(
        [str(CYBER_EXTRACT), *map(str, arguments), *common_options()],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def common_options() -> list[str]:
    return ["--offline", "--cache-directory", str(TAXONOMY_CACHE)]


def start_extract(*arguments: str | Path, cwd: Path) -> subprocess.Popen[str]:
    """cyber-extract in its own process group, as a shell runs a command (for kill and Ctrl-C)."""
    return subprocess.Popen(
        [str(CYBER_EXTRACT), *map(str, arguments), *common_options()],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_records(path: Path) -> list[dict[str, Any]]:
    content = path.read_text(encoding="utf-8")
    assert content == "" or content.endswith("\n"), "the JSONL ends with a torn line"
    return [json.loads(line) for line in content.splitlines()]


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    reader = csv.reader(raw.decode("utf-8-sig").splitlines())
    header = next(reader)
    return header, [dict(zip(header, map(restore, row), strict=True)) for row in reader]


def without(document: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {name: value for name, value in document.items() if name not in keys}


def summary_count(output: str, label: str) -> int:
    match = re.search(rf"^  {label}: +(\d+)", output, re.MULTILINE)
    assert match, f"no {label!r} in {output!r}"
    return int(match.group(1))


def run_on_terminal(*arguments: str | Path, cwd: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """cyber-extract with its standard error on a terminal 100 columns wide; returns what the
    terminal showed."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # rows, columns
    try:
        completed = subprocess.run(
            [str(CYBER_EXTRACT), *map(str, arguments), *common_options()],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
            timeout=120,
        )
        os.close(terminal)
        shown = b"".join(iter_read(controller)).decode("utf-8", errors="replace")
    finally:
        os.close(controller)
    return completed, shown


def iter_read(descriptor: int) -> Iterator[bytes]:
    while True:
        try:
            chunk = os.read(descriptor, 65536)
        except OSError:  # the terminal's other end is closed: all was read
            return
        if not chunk:
            return
        yield chunk
