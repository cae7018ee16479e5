"""The markers: registered, given by what a test uses, and the tripwire that fails a test whose
use the marking missed (so that `-m "not arelle and not gui and not browser"` stays pure)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from .support.loads import load_in_session
from .support.markers import marks_reached
from .support.paths import REPO, SAMPLE_8K


def test_the_four_markers_are_registered_and_no_other_is_allowed() -> None:
    options = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]
    registered = [line.partition(":")[0] for line in options["ini_options"]["markers"]]

    assert registered == ["arelle", "gui", "browser", "slow"]
    assert "--strict-markers" in options["ini_options"]["addopts"].split()


def _reads_a_sample() -> object:
    loaded = load_in_session(SAMPLE_8K)
    loaded.session.close()
    return loaded.messages


def _through_a_helper() -> object:
    return _reads_a_sample()


def _runs_a_script() -> object:
    return subprocess.run([sys.executable, "-c", "from arelle.api.Session import Session"], check=True)


def _pure() -> object:
    return sorted({3, 1, 2})


@pytest.mark.parametrize(
    ("function", "marks"),
    [
        (_reads_a_sample, {"arelle"}),
        (_through_a_helper, {"arelle"}),
        (_runs_a_script, {"arelle", "slow"}),
        (_pure, set()),
    ],
    ids=["loads", "through-a-helper", "runs-a-script", "pure"],
)
def test_marks_follow_what_the_code_reaches(function: object, marks: set[str]) -> None:
    assert marks_reached(function) == marks  # type: ignore[arg-type]


PROBE = """
import importlib

from tests.support.paths import SAMPLE_8K
from tests.support.loads import load_in_session


def test_pure():
    assert sorted({2, 1}) == [1, 2]


def test_loads_and_is_marked_for_it():
    load_in_session(SAMPLE_8K).session.close()


def test_loads_where_the_marking_cannot_see():
    loads = importlib.import_module("tests.support." + "loads")
    getattr(loads, "load_in_" + "session")(SAMPLE_8K).session.close()


def test_runs_the_command_line_where_the_marking_cannot_see(tmp_path):
    command_line = importlib.import_module("tests.support." + "command_line")
    getattr(command_line, "run_" + "arelle")("--about", cwd=tmp_path)
"""


def run_probe(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """The probe tests above, run with the suite's conftest (its markers and tripwire)."""
    (folder / "conftest.py").write_text("from tests.conftest import *  # noqa: F403\n", encoding="utf-8")
    (folder / "test_probe.py").write_text(PROBE, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rf", *options, "test_probe.py"],
        cwd=folder,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.arelle  # its probe loads the 8-K sample
def test_the_fast_selection_leaves_out_a_marked_test_and_fails_an_unmarked_one(tmp_path: Path) -> None:
    """The fast loop's selection, on the probe: the test that loads and is marked for it is left
    out, the one whose load the marking cannot see fails, naming what it did."""
    completed = run_probe(tmp_path, "-m", "not arelle and not gui and not browser")

    assert "2 failed, 1 passed, 1 deselected" in completed.stdout, completed.stdout[-3000:]
    assert (
        "test_probe.py::test_loads_where_the_marking_cannot_see is not marked arelle, gui or browser, "
        "but it created an Arelle model (arelle.ModelXbrl)" in completed.stdout
    )
    # A run forked by the fork server (support/command_line.py) starts no process here.
    assert (
        "test_probe.py::test_runs_the_command_line_where_the_marking_cannot_see is not marked arelle, "
        "gui or browser, but it ran arelleCmdLine --usage-file" in completed.stdout
    )
