"""The markers every test gets from what it uses, and the tripwire that catches a wrong one.

The markers (registered in pyproject.toml; pytest runs with --strict-markers):
    arelle   loads a filing with Arelle: in-process (a Session, `load_in_session`, `load_once`, the
             Python API), as a process (arelleCmdLine, the web server, a documented command), or
             through cyber-extract
    gui      drives the desktop application on Xvfb
    browser  opens a page in Chromium
    slow     takes seconds, where the rest take milliseconds: starts a process of its own
             (Arelle, cyber-extract, mypy, Xvfb, Chromium, a server, a script), reads a real
             filing (../shared) through Arelle, or generates filings (a Hypothesis test)

A test is marked by the fixtures it requests and by the names its code reaches: its own body,
the fixtures' bodies, and every function or class of the tests (tests/, tests/support/) that those
call, followed through. `pytest -m "not arelle and not gui and not browser"` then runs the tests of
pure logic alone (CONTRIBUTING.md). A mark written on a test by hand (`@pytest.mark.arelle`) is
kept.

The tripwire: while a test without `arelle`, `gui` or `browser` runs (its set-up included), an
Arelle model created in the process, or a process started that runs Arelle, cyber-extract, Xvfb
or Chromium, fails the test and names what it did; so a test whose use the analysis misses is
caught in every run, the fast selection included.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pytest

from .paths import SHARED

HEAVY: Final = ("arelle", "gui", "browser")

# Fixtures, by name, and what using one makes a test.
FIXTURES: Final[dict[str, tuple[str, ...]]] = {
    "load": ("arelle",),
    "sample_load": ("arelle",),
    "export_run": ("arelle",),
    "real_exports": ("arelle", "slow"),
    "display": ("gui", "slow"),
}
# Names a test's code may reach, and what reaching one makes it. A name is a global the code uses
# (a module, or a function or class of the tests), or a module it imports inside a function.
REACHED: Final[dict[str, tuple[str, ...]]] = {
    "load_in_session": ("arelle",),
    "load_once": ("arelle",),
    "export_once": ("arelle",),
    "read_filing": ("arelle",),  # cyber_plugin.api
    "run_arelle": ("arelle", "slow"),
    "run_extract": ("arelle", "slow"),
    "start_extract": ("arelle", "slow"),
    "run_on_terminal": ("arelle", "slow"),
    "run_block": ("arelle", "slow"),  # a documented command: Arelle, cyber-extract or the API
    "block_run_by": ("arelle", "slow"),  # the same, run by the test itself
    "<arelle script>": ("arelle",),  # a script the test runs (see SCRIPTS)
    "ARELLE_CMD": ("arelle", "slow"),
    "CYBER_EXTRACT": ("arelle", "slow"),
    "open_in_chromium": ("browser", "slow"),
    "subprocess": ("slow",),
    "multiprocessing": ("slow",),
    "real_filings": ("slow",),
    "real_filing": ("slow",),
    "read_population": ("slow",),  # the SEC's cyd facts of 7,643 filings
    "read_corpus": ("slow",),  # the same, rebuilt for the suggestion model
    "time_suggestions": ("arelle", "slow"),  # benchmarks/suggestion_cost.py: Arelle in a child
}
# What a script a test writes or runs (a string it reaches) says when it runs Arelle.
SCRIPTS: Final = ("from arelle", "import arelle", "cyber_plugin.api", "cyber_plugin import api")
# Modules whose import (inside a test's code) means Arelle runs.
ARELLE_MODULES: Final = ("arelle.api", "arelle.CntlrCmdLine", "arelle.Cntlr", "cyber_plugin.api")
TESTS: Final = Path(__file__).resolve().parents[1]


def _defined_in_tests(thing: Any) -> bool:
    return _is_tests_module(getattr(thing, "__module__", "") or "")


@functools.cache
def _is_tests_module(name: str) -> bool:
    source = getattr(sys.modules.get(name), "__file__", None)
    return source is not None and Path(source).resolve().is_relative_to(TESTS)


def _codes(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _codes(constant)


def _functions(thing: Any) -> Iterator[types.FunctionType]:
    """The Python functions behind a function, method, fixture, partial or class of the tests."""
    thing = inspect.unwrap(getattr(thing, "__func__", thing))
    inner = getattr(getattr(thing, "hypothesis", None), "inner_test", None)  # a @given test's own body
    if inner is not None:
        yield from _functions(inner)
    elif isinstance(thing, functools.partial):
        yield from _functions(thing.func)
    elif isinstance(thing, types.FunctionType):
        yield thing
    elif isinstance(thing, type) and _defined_in_tests(thing):
        for member in vars(thing).values():
            member = member.fget if isinstance(member, property) else member
            if isinstance(member, (types.FunctionType, staticmethod, classmethod)):
                yield from _functions(member)


@functools.cache
def _reached(function: types.FunctionType) -> frozenset[str]:
    """The names `function` reaches, through the tests' own functions and classes."""
    found: set[str] = set()
    seen: set[types.FunctionType] = set()
    pending = [function]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for code in _codes(current.__code__):
            if any(isinstance(c, str) and any(script in c for script in SCRIPTS) for c in code.co_consts):
                found.add("<arelle script>")
            for name in code.co_names:
                found.add(name)
                value = current.__globals__.get(name)
                if isinstance(value, types.ModuleType):
                    found.add(value.__name__)
                elif isinstance(value, (type, types.FunctionType)) and not _defined_in_tests(value):
                    found.add(f"{value.__module__}.{value.__qualname__}")  # e.g. arelle.api.Session.Session
                elif isinstance(value, str) and any(script in value for script in SCRIPTS):
                    found.add("<arelle script>")
                elif value is not None and _defined_in_tests(value):
                    pending.extend(_functions(value))
        for cell in current.__closure__ or ():
            try:
                value = cell.cell_contents
            except ValueError:  # an empty cell
                continue
            if _defined_in_tests(value):
                pending.extend(_functions(value))
    return frozenset(found)


def marks_of(item: pytest.Item) -> set[str]:
    """The markers `item` gets from its fixtures and from the names its code reaches."""
    marks: set[str] = set()
    functions: list[types.FunctionType] = []
    if isinstance(item, pytest.Function):
        functions.extend(_functions(item.function))
        for name, definitions in item._fixtureinfo.name2fixturedefs.items():
            marks.update(FIXTURES.get(name, ()))
            for definition in definitions:
                if _defined_in_tests(definition.func):
                    functions.extend(_functions(definition.func))
    for function in functions:
        marks.update(marks_reached(function))
    if "arelle" in marks and any(_is_shared(value) for value in _parameters(item)):
        marks.add("slow")  # a real filing or incident report, read through Arelle
    if hasattr(getattr(item, "function", None), "hypothesis"):
        marks.add("slow")  # a Hypothesis test: many generated examples
    return marks


def _parameters(item: pytest.Item) -> list[Any]:
    callspec = getattr(item, "callspec", None)
    return list(callspec.params.values()) if callspec is not None else []


def _is_shared(value: Any) -> bool:
    return isinstance(value, Path) and value.is_relative_to(SHARED)


def marks_reached(function: types.FunctionType) -> set[str]:
    """The markers the names `function` reaches give it."""
    names = _reached(function)
    marks = {mark for name in names for mark in REACHED.get(name, ())}
    return marks | ({"arelle"} if any(name.startswith(ARELLE_MODULES) for name in names) else set())


def mark_items(items: list[pytest.Item]) -> None:
    for item in items:
        for name in sorted(marks_of(item) - {mark.name for mark in item.iter_markers()}):
            item.add_marker(name)


# The tripwire --------------------------------------------------------------------------------------

_SPAWNS: Final = (
    "arelleCmdLine",
    "cyber-extract",
    "arelle_runner",
    "gui_driver",
    "gui_settings_driver",
    "Xvfb",
    "chromium",
    "chrome",
    *SCRIPTS,
)


# The audit event of a run of Arelle's command line that the fork server starts (its process is
# forked there, not started here: tests/support/command_line.py).
FORKED_RUN: Final = "tests.forked_arelle_run"


class Tripwire:
    """What a test without `arelle`, `gui` or `browser` did that it should not have."""

    def __init__(self) -> None:
        self.watching = False
        self.seen: list[str] = []
        sys.addaudithook(self._audit)
        self._watch_models()

    def _watch_models(self) -> None:
        from arelle import ModelXbrl

        created = ModelXbrl.ModelXbrl.__init__

        @functools.wraps(created)
        def init(model: Any, *args: Any, **kwargs: Any) -> None:
            if self.watching:
                self.seen.append("created an Arelle model (arelle.ModelXbrl)")
            created(model, *args, **kwargs)

        ModelXbrl.ModelXbrl.__init__ = init  # type: ignore[method-assign]

    def _audit(self, event: str, arguments: tuple[Any, ...]) -> None:
        if self.watching and event == FORKED_RUN:
            self.seen.append(f"ran arelleCmdLine {' '.join(map(str, arguments[0]))[:200]}")
        elif self.watching and event == "subprocess.Popen":
            executable, command = arguments[0], arguments[1]
            command = command if isinstance(command, (str, bytes)) else " ".join(map(str, command or ()))
            command = f"{executable} {command!s}"
            if any(spawned in command for spawned in _SPAWNS):
                self.seen.append(f"started {command[:200]}")

    @contextlib.contextmanager
    def watching_over(self, item: pytest.Item) -> Iterator[None]:
        """Fail `item` if, while the block runs, it does what its markers say it does not."""
        if any(item.get_closest_marker(name) for name in HEAVY):
            yield
            return
        self.watching, self.seen = True, []
        try:
            yield
        finally:
            self.watching = False
        if self.seen:
            pytest.fail(
                f"{item.nodeid} is not marked arelle, gui or browser, but it "
                + "; ".join(dict.fromkeys(self.seen))
                + ". Mark it (tests/support/markers.py: FIXTURES, REACHED, or @pytest.mark.arelle).",
                pytrace=False,
            )
