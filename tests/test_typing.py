"""The type checker: the package, tools/ and benchmarks/ check clean (`make typecheck`, run here so
that `make test` type-checks beside the other tests, on one core while they use the other), and it
sees Arelle's own classes where the plugin meets Arelle (the hooks, the reading path, extraction),
not Any: mypy, run with the project's configuration (pyproject's [tool.mypy]), on a few lines that
use the package."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Final

import pytest

from .support.paths import REPO

# Each boundary, and the Arelle class its parameter is.
BOUNDARIES: Final = {
    "cyber_plugin.validateXbrlFinally": "val: arelle.ValidateXbrl.ValidateXbrl",
    "cyber_plugin.commandLineUtilityRun": "options: arelle.RuntimeOptions.RuntimeOptions",
    "cyber_plugin.commandLineXbrlRun": "modelXbrl: arelle.ModelXbrl.ModelXbrl",
    "cyber_plugin.guiXbrlLoaded": "cntlr: arelle.CntlrWinMain.CntlrWinMain",
    "cyber_plugin.integration.hooks.configure_run": "cntlr: arelle.Cntlr.Cntlr",
    "cyber_plugin.integration.state.reading_of": "modelXbrl: arelle.ModelXbrl.ModelXbrl",
    "cyber_plugin.integration.state.settings_of": "cntlr: arelle.Cntlr.Cntlr",
    "cyber_plugin.integration.reporting.log_findings": "modelXbrl: arelle.ModelXbrl.ModelXbrl",
    "cyber_plugin.integration.webservice.export_reply": "cntlr: arelle.CntlrCmdLine.CntlrCmdLine",
    "cyber_plugin.core.extraction.read_disclosure": "modelXbrl: arelle.ModelXbrl.ModelXbrl",
    "cyber_plugin.core.extraction.read_fact": "fact: arelle.ModelObject.ModelObject",
}
_REVEALED: Final = re.compile(r":(\d+): note: Revealed type is \"(.*)\"$")
_ERROR: Final = re.compile(r":(\d+): error: (.*)$")


def _uses() -> str:
    """A module that reveals each boundary's type, the type of a fact's Arelle object, and makes one
    mistake (a path where a model belongs)."""
    modules = sorted({name.rpartition(".")[0] for name in BOUNDARIES})
    lines = [f"import {module}" for module in modules]
    lines += ["from cyber_plugin.core.disclosure import CydFact", ""]
    lines += [f"reveal_type({name})" for name in BOUNDARIES]
    lines += [
        "",
        "def model_object_of(fact: CydFact) -> None:",
        "    reveal_type(fact.model_object)",
        "",
        "cyber_plugin.integration.state.reading_of('filing.htm')",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def package_check() -> subprocess.CompletedProcess[str]:
    """mypy as `make typecheck` runs it: on what pyproject's [tool.mypy] names, its cache filled."""
    return subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, timeout=900, check=False
    )


def test_the_package_the_tools_and_the_benchmarks_type_check_clean(
    package_check: subprocess.CompletedProcess[str],
) -> None:
    assert package_check.returncode == 0, package_check.stdout + package_check.stderr
    assert package_check.stdout.startswith("Success: no issues found in ")


@pytest.fixture(scope="module")
def mypy_output(
    tmp_path_factory: pytest.TempPathFactory, package_check: subprocess.CompletedProcess[str]
) -> list[str]:
    uses = tmp_path_factory.mktemp("typing") / "uses.py"
    uses.write_text(_uses(), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(REPO / "pyproject.toml"),
            "--cache-dir",
            str(REPO / ".mypy_cache"),  # shared with the package's check, which fills it first
            str(uses),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: the mistake was found; 2: mypy failed
    return result.stdout.splitlines()


def _revealed(output: list[str]) -> list[str]:
    return [match.group(2) for line in output if (match := _REVEALED.search(line))]


def test_each_boundary_takes_arelles_own_class(mypy_output: list[str]) -> None:
    revealed = _revealed(mypy_output)[: len(BOUNDARIES)]

    assert len(revealed) == len(BOUNDARIES), mypy_output
    for (name, parameter), signature in zip(BOUNDARIES.items(), revealed, strict=True):
        assert parameter in signature, f"{name}: {signature}"


def test_a_facts_arelle_object_is_a_model_object(mypy_output: list[str]) -> None:
    assert _revealed(mypy_output)[len(BOUNDARIES) :] == ["arelle.ModelObject.ModelObject | None"]


def test_a_path_given_for_a_model_is_a_type_error(mypy_output: list[str]) -> None:
    errors = [match.group(2) for line in mypy_output if (match := _ERROR.search(line))]

    assert errors == [
        'Argument 1 to "reading_of" has incompatible type "str"; expected "ModelXbrl"  [arg-type]'
    ]
