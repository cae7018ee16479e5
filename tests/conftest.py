"""The tests' fixtures and the hooks that mark and schedule them; the helpers they use live in
tests/support/."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .support.desktop import xvfb_display
from .support.loads import Loaded, export_once, load_in_session
from .support.markers import Tripwire, mark_items
from .support.paths import REAL_FILINGS, real_filings
from .support.plugin_discovery import remember_discovery
from .support.run_cache import in_worker_order, once, share_in

TRIPWIRE: list[Tripwire] = []


def pytest_configure(config: pytest.Config) -> None:
    # The suite starts some 200 Python processes (cyber-extract, its workers, servers), each
    # importing the plugin, and each xdist worker imports every test module: where the environment
    # turns bytecode caching off (PYTHONDONTWRITEBYTECODE), each would compile the plugin and the
    # tests from source again. Here they are cached, in the __pycache__ folders git ignores.
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    controls_workers = bool(config.getoption("numprocesses", None)) and not hasattr(config, "workerinput")
    if not controls_workers:  # the tests run here: watch them, and find Arelle's plugins once
        TRIPWIRE.append(Tripwire())
        remember_discovery()


@pytest.hookimpl(tryfirst=True)  # before -m deselects by them
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mark_items(items)
    heaviest_first(items)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    with TRIPWIRE[0].watching_over(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with TRIPWIRE[0].watching_over(item):
        return (yield)


# pytest-xdist (pyproject's addopts: -n auto --dist loadscope) gets its units of work from
# work_unit: the tests of a KEPT_TOGETHER module go to one worker together, so that its module
# fixtures (a server, a batch run, a written corpus, a mypy run) run once; the modules of a
# SHARED_GROUPS group share a worker; every other test is a unit of its own and goes to whichever
# worker is free (what such tests share costs little, or is worked out once per run:
# tests/support/run_cache.py).
KEPT_TOGETHER = frozenset(
    {
        "test_batch",  # the corpus read by cyber-extract with one job and with two
        "test_changes_table",  # the population's filings
        "test_compare_option",  # the two years' runs
        "test_dataset_walkthrough",  # the documented project, made once
        "test_exports",  # every filing's exports, read back once
        "test_gui",
        "test_gui_settings",
        "test_html_in_browser",
        "test_outputs_incidents",  # the Stryker 8-K/A, loaded once
        "test_real_incidents",  # the incident reports' exports
        "test_robustness",  # the healthy runs the broken ones are compared with
        "test_schemaless",  # the generated fixtures, loaded once each
        "test_suggestion_uses",  # the held-out filing
        "test_typing",  # one mypy run
        "test_webservice",  # the server
        "test_year_over_year",  # the two years written and read by cyber-extract
    }
)
SHARED_GROUPS = {
    # Each starts its own Xvfb on the first free display: never two at once.
    "test_gui": "desktop",
    "test_gui_settings": "desktop",
}


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to: its module's (or shared group's), or its own."""
    module = Path(nodeid.partition("::")[0]).stem
    return SHARED_GROUPS.get(module, module) if module in KEPT_TOGETHER else nodeid


# What a test costs, roughly, by its markers (seconds of CPU): a process of its own, an Arelle load,
# or neither. The units go to the workers heaviest first, so that the light ones fill in at the end
# and neither worker idles while the other finishes a long unit.
COST = {"gui": 8.0, "browser": 4.0, "slow": 2.0, "arelle": 0.5}
LIGHT = 0.01


def heaviest_first(items: list[pytest.Item]) -> None:
    """Order the tests by their unit's estimated cost, heaviest unit first (stable otherwise)."""
    cost: dict[str, float] = {}
    for item in items:
        marks = {mark.name for mark in item.iter_markers()}
        unit = work_unit(item.nodeid)
        cost[unit] = cost.get(unit, 0.0) + max((COST[m] for m in marks if m in COST), default=LIGHT)
    items.sort(key=lambda item: -cost[work_unit(item.nodeid)])


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "loadscope":
        return None  # another --dist on the command line: xdist's own
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False  # the collection's order is heaviest_first's

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return ModuleScheduling(config, log)


@pytest.fixture(scope="session", autouse=True)
def shared_results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder where results worked out once per run are kept (tests/support/run_cache.py)."""
    return share_in(tmp_path_factory)


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


@pytest.fixture(scope="session")
def real_exports(export_run: Any) -> dict[str, dict[str, Any]]:
    """Each real 10-K exported offline without its schemas: its JSON export (the runs the export
    tests read too)."""
    exported: dict[str, dict[str, Any]] = {}
    for path in in_worker_order(real_filings()):
        export = export_run(path)
        assert export.result.returncode == 0, export.result.stderr
        exported[path.name] = export.document
    return exported


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


@pytest.fixture(scope="session")
def export_run() -> Any:
    """export_run(path) -> Export: `-f path` with every export format, once per test run (the
    export, real-filing, batch and browser tests read the same runs, and `load_once(path, cache,
    validate=False)` is the same run). Real filings are read without the samples' schemas, as users
    read them. Without -v, which changes nothing in an export
    (test_command_line.py::test_export_works_without_validation_and_carries_findings) and would
    validate the filing again: `load_once(path, cache, validate=True)` does that once."""
    return lambda path: export_once(path, cache=not path.is_relative_to(REAL_FILINGS))


@pytest.fixture(scope="session")
def hostile_filing() -> Path:
    """The hostile filing (tests/support/hostile.py), written once per test run."""
    from .support.hostile import write_hostile_filing

    return once("hostile filing", lambda folder: write_hostile_filing(folder / "filing.htm"))


@pytest.fixture
def archive() -> Iterator[Any]:
    """A loopback server with EDGAR's archive layout (tests/support/edgar_server.py's Archive)."""
    from .support.edgar_server import serving

    with serving() as served:
        yield served


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """An Xvfb display for a module's desktop tests (tests/support/desktop.py)."""
    yield from xvfb_display()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder outside the project, so the plugin is found through its entry point."""
    folder = tmp_path / "run"
    folder.mkdir()
    return folder
