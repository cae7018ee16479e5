"""Arelle as a process: arelleCmdLine with the plugin, offline, its log read back as JSON (forked
from the fork server, arelle_runner.py --serve); and what an export run gives (`Export`)."""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .markers import FORKED_RUN
from .paths import TAXONOMY_CACHE


@dataclass
class CommandResult:
    returncode: int
    stdout: str
    stderr: str
    log: list[dict[str, Any]]
    peak_memory_mb: float | None = None
    seconds: float | None = None
    models_left: int | None = None  # models still in memory after the run (no_collect)

    def codes(self, prefix: str = "CYBER.") -> list[str]:
        return [entry["code"] for entry in self.log if str(entry.get("code", "")).startswith(prefix)]

    def errors(self, code: str) -> list[dict[str, Any]]:
        return [entry for entry in self.log if entry["code"] == code and entry["level"] == "error"]


RUNNER = Path(__file__).with_name("arelle_runner.py")


class ForkServer:
    """tests/support/arelle_runner.py --serve, started by the first run of this process and kept
    for its life: each run is a process forked from one that has already imported Arelle."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None

    def run(self, arguments: list[str], cwd: Path, timeout: float) -> tuple[int, str, str]:
        """(exit status, stdout, stderr) of one run of arelle_runner.py with `arguments`."""
        with self._lock, tempfile.TemporaryDirectory(prefix="arelle-run-") as streams:
            out, err = Path(streams, "stdout"), Path(streams, "stderr")
            request = {
                "arguments": arguments,
                "cwd": str(cwd),
                "env": dict(os.environ),
                "stdout": str(out),
                "stderr": str(err),
            }
            sys.audit(FORKED_RUN, arguments)  # for the tripwire (support/markers.py)
            server = self._server()
            assert server.stdin is not None and server.stdout is not None
            server.stdin.write((json.dumps(request) + "\n").encode())
            server.stdin.flush()
            pid = self._answer(server, 60)["pid"]
            try:
                status = self._answer(server, timeout)["returncode"]
            except TimeoutError:
                os.kill(pid, signal.SIGKILL)
                self._answer(server, 60)
                raise
            return status, out.read_text(), err.read_text()

    def _server(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, str(RUNNER), "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
            atexit.register(self._process.kill)
        return self._process

    @staticmethod
    def _answer(server: subprocess.Popen[bytes], timeout: float) -> dict[str, int]:
        assert server.stdout is not None
        if not select.select([server.stdout], [], [], timeout)[0]:
            raise TimeoutError(f"no answer from the Arelle fork server in {timeout} s")
        line = server.stdout.readline()
        if not line:
            raise RuntimeError(f"the Arelle fork server ended (exit status {server.wait()})")
        answer: dict[str, int] = json.loads(line)
        return answer


FORK_SERVER = ForkServer()


def run_arelle(
    *args: str | Path,
    cwd: Path,
    cache: bool = True,
    plugins: str = "cyber_plugin",
    break_function: str | None = None,
    modules_file: Path | None = None,
    no_collect: bool = False,
) -> CommandResult:
    """arelleCmdLine with the plugin, offline, its log as JSON, in a process of its own.

    The process is forked from one that has imported Arelle already (tests/support/arelle_runner.py
    --serve) and runs Arelle's `main` as the installed arelleCmdLine script does (the script itself
    runs in test_command_line's entry point test and the documented commands). The result has the run's
    peak memory and time; `break_function` ("module:function") is made to raise first, and
    `no_collect` turns the cycle collector off and counts the models left in memory after the run.
    """
    log_file = cwd / f"log-{os.getpid()}-{len(list(cwd.glob('log-*.json')))}.json"
    usage_file = log_file.with_suffix(".usage.json")
    arelle_arguments = [
        "--plugins",
        plugins,
        "--workOffline",
        "--logFile",
        str(log_file),
        "--logFileMode",
        "w",
        *([f"--cacheDirectory={TAXONOMY_CACHE}"] if cache else []),
        *map(str, args),
    ]
    runner_arguments = ["--usage-file", str(usage_file)]
    runner_arguments += ["--break", break_function] if break_function else []
    runner_arguments += ["--modules-file", str(modules_file)] if modules_file else []
    runner_arguments += ["--no-collect"] if no_collect else []
    returncode, stdout, stderr = FORK_SERVER.run([*runner_arguments, "--", *arelle_arguments], cwd, 600)
    log = json.loads(log_file.read_text(encoding="utf-8"))["log"] if log_file.exists() else []
    usage = json.loads(usage_file.read_text()) if usage_file.exists() else {}
    return CommandResult(
        returncode,
        stdout,
        stderr,
        log,
        usage.get("peak_memory_mb"),
        usage.get("seconds"),
        usage.get("models_left"),
    )


EXPORT_FORMATS = (".json", ".csv", ".xlsx", ".html")


@dataclass(frozen=True)
class Export:
    """One run's export files (by extension) and its log."""

    files: dict[str, Path]
    result: CommandResult

    @property
    def document(self) -> dict[str, Any]:
        return json.loads(self.files[".json"].read_text(encoding="utf-8"))
