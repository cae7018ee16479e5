"""Shared test helpers: real Arelle loads (in-process and as the installed command line)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_filings"
TAXONOMY_CACHE = SAMPLES / "taxonomy-cache"
SAMPLE_20F = SAMPLES / "20f-item16k" / "filing.htm"
SAMPLE_20F_XML = SAMPLES / "20f-item16k" / "filing.xml"
SAMPLE_10K = SAMPLES / "10k-item1c" / "filing.htm"
SAMPLE_8K = SAMPLES / "8k-item105" / "filing.htm"
ALL_SAMPLES = (SAMPLE_20F, SAMPLE_20F_XML, SAMPLE_10K, SAMPLE_8K)
SEED = REPO.parent / "shared" / "seed" / "000_33d3148e23465c44.txt"
REAL_FILINGS = REPO.parent / "shared" / "real-filings"
REAL_INCIDENTS = REPO.parent / "shared" / "real-incidents"
POPULATION_SAMPLE = REAL_FILINGS / "population-sample.ndjson"
ARELLE_CMD = Path(sys.executable).with_name("arelleCmdLine")


@pytest.fixture(scope="session", autouse=True)
def arelle_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Arelle keeps its config under XDG_CONFIG_HOME: give the tests their own."""
    config = tmp_path_factory.mktemp("xdg-config")
    previous = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = str(config)
    yield config
    if previous is None:
        os.environ.pop("XDG_CONFIG_HOME", None)
    else:
        os.environ["XDG_CONFIG_HOME"] = previous


def real_filings() -> list[Path]:
    """The real 10-K primary documents, or a skip when ../shared/real-filings is absent."""
    if not REAL_FILINGS.is_dir():
        pytest.skip(f"real filings not found at {REAL_FILINGS} (they sit beside the project in CI)")
    return sorted([*REAL_FILINGS.glob("*.htm"), *REAL_FILINGS.glob("*/*.htm")])


def real_filing(name: str) -> Path:
    path = next((p for p in real_filings() if p.name == name), None)
    assert path is not None, f"{name} is missing from {REAL_FILINGS}"
    return path


@pytest.fixture(scope="session")
def real_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Each real 10-K run through arelleCmdLine -v offline without its schemas: its JSON export,
    with the run's log under "_log"."""
    paths = real_filings()
    folder = tmp_path_factory.mktemp("real")
    exported: dict[str, dict[str, Any]] = {}
    for path in paths:
        target = folder / f"{path.stem}.json"
        result = run_arelle("-f", path, "-v", "--cyber-export", target, cwd=folder, cache=False)
        assert result.returncode == 0, result.stderr
        exported[path.name] = json.loads(target.read_text(encoding="utf-8")) | {"_log": result.log}
    return exported


@dataclass
class Loaded:
    """One in-process Arelle run with the plugin."""

    messages: list[dict[str, Any]]
    model: Any
    success: bool
    session: Any = field(repr=False)

    def messages_with(self, code: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m.get("messageCode") == code]

    @property
    def cyber_messages(self) -> list[dict[str, Any]]:
        return [m for m in self.messages if str(m.get("messageCode", "")).startswith("CYBER.")]

    @property
    def cyber_codes(self) -> list[str]:
        return [m["messageCode"] for m in self.cyber_messages]

    @property
    def disclosure(self) -> Any:
        from cyber_plugin.integration.state import disclosure_of as extract

        return extract(self.model)


def load_in_session(
    path: Path | str,
    validate: bool = True,
    cache: bool = True,
    plugins: str | None = "cyber_plugin",
    disclosure_system: str | None = None,
    **plugin_options: Any,
) -> Loaded:
    """One in-process Arelle run with the plugin, offline; the caller closes `Loaded.session`.

    cache=False loads without the samples' schemas, as users load real filings offline;
    plugins=None loads without any plugin; disclosure_system selects one (e.g. "efm-pragmatic").
    """
    from arelle.api.Session import Session
    from arelle.logging.handlers.StructuredMessageLogHandler import StructuredMessageLogHandler
    from arelle.RuntimeOptions import RuntimeOptions

    session = Session()
    options = RuntimeOptions(
        entrypointFile=str(path),
        plugins=plugins,
        workOffline=True,
        cacheDirectory=str(TAXONOMY_CACHE) if cache else None,
        validate=validate,
        disclosureSystemName=disclosure_system,
        keepOpen=True,
        pluginOptions=plugin_options or None,
    )
    success = session.run(options, logHandler=StructuredMessageLogHandler())
    models = session.get_models()
    return Loaded(session.get_log_messages(), models[0] if models else None, success, session)


@pytest.fixture
def load() -> Iterator[Any]:
    """load(path, validate=True, cache=True, **plugin_options) -> Loaded, closed after the test."""
    loaded: list[Loaded] = []

    def run(path: Path | str, **options: Any) -> Loaded:
        loaded.append(load_in_session(path, **options))
        return loaded[-1]

    yield run
    for each in loaded:
        each.session.close()


@dataclass
class CommandResult:
    returncode: int
    stdout: str
    stderr: str
    log: list[dict[str, Any]]
    peak_memory_mb: float | None = None
    seconds: float | None = None

    def codes(self, prefix: str = "CYBER.") -> list[str]:
        return [entry["code"] for entry in self.log if str(entry.get("code", "")).startswith(prefix)]

    def errors(self, code: str) -> list[dict[str, Any]]:
        return [entry for entry in self.log if entry["code"] == code and entry["level"] == "error"]


RUNNER = Path(__file__).with_name("arelle_runner.py")


def run_arelle(
    *args: str | Path,
    cwd: Path,
    cache: bool = True,
    plugins: str = "cyber_plugin",
    measure: bool = False,
    break_function: str | None = None,
    modules_file: Path | None = None,
) -> CommandResult:
    """arelleCmdLine with the plugin, offline, its log as JSON.

    Plain runs use the installed console script (which proves the entry point). `measure` (peak
    memory, time) and `break_function` ("module:function" made to raise) run Arelle through
    tests/arelle_runner.py instead.
    """
    log_file = cwd / f"log-{os.getpid()}-{len(list(cwd.glob('log-*.json')))}.json"
    usage_file = log_file.with_suffix(".usage.json")
    launcher = [str(ARELLE_CMD)]
    if measure or break_function:
        launcher = [sys.executable, str(RUNNER), "--usage-file", str(usage_file)]
        launcher += ["--break", break_function] if break_function else []
        launcher += ["--modules-file", str(modules_file)] if modules_file else []
        launcher += ["--"]
    command = [
        *launcher,
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
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, env=os.environ)
    log = json.loads(log_file.read_text(encoding="utf-8"))["log"] if log_file.exists() else []
    usage = json.loads(usage_file.read_text()) if usage_file.exists() else {}
    return CommandResult(
        completed.returncode,
        completed.stdout,
        completed.stderr,
        log,
        usage.get("peak_memory_mb"),
        usage.get("seconds"),
    )


def read_seed() -> list[tuple[str, str]]:
    """(label, value) pairs of the SEC viewer's rendering the 20-F sample reproduces."""
    if not SEED.is_file():
        pytest.skip(f"seed document not found at {SEED}")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("|") and "[Line Items]" in line) + 1
    pairs: list[tuple[str, str]] = []
    while index < len(lines) and not lines[index].startswith("|X"):
        label = lines[index][1:]
        value = [lines[index + 1][1:]]
        index += 2
        while index < len(lines) and not lines[index].startswith("|"):
            value.append(lines[index])
            index += 1
        pairs.append((label, "\n".join(value).strip()))
    return pairs


@pytest.fixture
def archive() -> Iterator[Any]:
    """A loopback server with EDGAR's archive layout (tests/edgar_server.py's Archive)."""
    from .edgar_server import serving

    with serving() as served:
        yield served


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder outside the project, so the plugin is found through its entry point."""
    folder = tmp_path / "run"
    folder.mkdir()
    return folder
