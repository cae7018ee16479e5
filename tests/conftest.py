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


# pytest-xdist (pyproject's addopts: -n auto --dist loadscope) runs each module's tests together
# on one worker, so that its module fixtures run once; the modules of a SHARED_GROUPS group share
# a worker; the tests of SPREAD_MODULES share nothing costly and go one by one to whichever worker
# is free.
SPREAD_MODULES = frozenset(
    {
        "test_architecture",
        "test_benchmark_generator",
        "test_catalogue_and_text",
        "test_checks",
        "test_command_line",
        "test_documentation",
        "test_documentation_and_robustness",
        "test_extraction",
        "test_properties",
        "test_robustness",
        "test_seed",
    }
)
SHARED_GROUPS = {
    "test_exports": "validated-exports",
    "test_real_filings": "validated-exports",
    "test_html_in_browser": "validated-exports",
    "test_section": "validated-exports",
    # Each starts its own Xvfb on the first free display: never two at once.
    "test_gui": "desktop",
    "test_gui_settings": "desktop",
}


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to: its module's (or shared group's), or its own."""
    module = Path(nodeid.partition("::")[0]).stem
    return nodeid if module in SPREAD_MODULES else SHARED_GROUPS.get(module, module)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "loadscope":
        return None  # another --dist on the command line: xdist's own
    from xdist.scheduler import LoadScopeScheduling

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return ModuleScheduling(config, log)


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
def real_exports(validated_export: Any) -> dict[str, dict[str, Any]]:
    """Each real 10-K run through arelleCmdLine -v offline without its schemas: its JSON export,
    with the run's log under "_log" (the runs the export tests read too)."""
    exported: dict[str, dict[str, Any]] = {}
    for path in real_filings():
        export = validated_export(path)
        assert export.result.returncode == 0, export.result.stderr
        exported[path.name] = export.document | {"_log": export.result.log}
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
        from cyber_plugin.integration.state import reading_of

        return reading_of(self.model).disclosure


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
    # A copy: the session's log handler stays on Arelle's logger and would also collect later runs.
    messages = list(session.get_log_messages())
    return Loaded(messages, models[0] if models else None, success, session)


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


@pytest.fixture(scope="session")
def sample_load() -> Iterator[Any]:
    """sample_load(path, **options) -> Loaded, loaded once per session and shared: only for tests
    that read what loading an unchanged file gives (use `load` for anything that patches or
    counts)."""
    loaded: dict[tuple[Path, tuple[tuple[str, Any], ...]], Loaded] = {}

    def run(path: Path, **options: Any) -> Loaded:
        key = (path, tuple(sorted(options.items())))
        if key not in loaded:
            loaded[key] = load_in_session(path, **options)
            loaded[key].disclosure  # read while its run is the latest, as a single load would  # noqa: B018
        return loaded[key]

    yield run
    for each in loaded.values():
        each.session.close()


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


def run_arelle(
    *args: str | Path,
    cwd: Path,
    cache: bool = True,
    plugins: str = "cyber_plugin",
    measure: bool = False,
    break_function: str | None = None,
    modules_file: Path | None = None,
    no_collect: bool = False,
) -> CommandResult:
    """arelleCmdLine with the plugin, offline, its log as JSON.

    Plain runs use the installed console script (which proves the entry point). `measure` (peak
    memory, time) and `break_function` ("module:function" made to raise) run Arelle through
    tests/arelle_runner.py instead, as does `no_collect` (no cycle collection; the result counts
    the models left in memory after the run).
    """
    log_file = cwd / f"log-{os.getpid()}-{len(list(cwd.glob('log-*.json')))}.json"
    usage_file = log_file.with_suffix(".usage.json")
    launcher = [str(ARELLE_CMD)]
    if measure or break_function or no_collect:
        launcher = [sys.executable, str(RUNNER), "--usage-file", str(usage_file)]
        launcher += ["--break", break_function] if break_function else []
        launcher += ["--modules-file", str(modules_file)] if modules_file else []
        launcher += ["--no-collect"] if no_collect else []
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
        usage.get("models_left"),
    )


EXPORT_FORMATS = (".json", ".csv", ".xlsx", ".html")


@dataclass(frozen=True)
class Export:
    """One command-line run's export files (by extension) and its log."""

    files: dict[str, Path]
    result: CommandResult

    @property
    def document(self) -> dict[str, Any]:
        return json.loads(self.files[".json"].read_text(encoding="utf-8"))


def _exporter(folder: Path, formats: tuple[str, ...], *options: str) -> Any:
    """export(path) -> Export: arelleCmdLine with `options` and an export in each of `formats`,
    run once per filing and kept for the session (real filings are read without the samples'
    schemas, as users read them)."""
    done: dict[Path, Export] = {}

    def export(path: Path) -> Export:
        if path not in done:
            workdir = folder / str(len(done))
            workdir.mkdir()
            files = {extension: workdir / f"{path.stem}{extension}" for extension in formats}
            targets = [argument for file in files.values() for argument in ("--cyber-export", str(file))]
            result = run_arelle(
                "-f", path, *options, *targets, cwd=workdir, cache=not path.is_relative_to(REAL_FILINGS)
            )
            done[path] = Export(files, result)
        return done[path]

    return export


@pytest.fixture(scope="session")
def validated_export(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """validated_export(path) -> Export: `-f path -v` with every export format, once per session
    (the export, real-filing and browser tests read the same runs)."""
    return _exporter(tmp_path_factory.mktemp("validated-exports"), EXPORT_FORMATS, "-v")


@pytest.fixture(scope="session")
def json_export(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """json_export(path) -> Export: `-f path --cyber-export NAME.json`, once per session."""
    return _exporter(tmp_path_factory.mktemp("json-exports"), (".json",))


@pytest.fixture(scope="session")
def hostile_filing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .hostile import write_hostile_filing

    return write_hostile_filing(tmp_path_factory.mktemp("hostile") / "filing.htm")


# Where the SEC viewer's rendering (the seed) runs a continuation on directly although the page has
# white space between its two parts, in one block: the inline 20-F reads it as the page shows it
# (issue 20); the xBRL-XML 20-F holds the value as the viewer gives it.
SEED_GLUED = (("working mechanism.He has", "working mechanism. He has"),)


def as_the_page_shows(seed_value: str) -> str:
    for glued, spaced in SEED_GLUED:
        seed_value = seed_value.replace(glued, spaced)
    return seed_value


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
