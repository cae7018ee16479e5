"""The installed plugin on Arelle's command line: options, exports, exit codes."""

from __future__ import annotations

import json
import subprocess
from optparse import OptionParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cyber_plugin.checks import RULE_CODES
from cyber_plugin.integration.options import add_options, settings_from

from .support.command_line import run_arelle
from .support.paths import ALL_SAMPLES, ARELLE_CMD, SAMPLE_8K, SAMPLE_10K, SAMPLE_20F, real_filing
from .support.variants import InlineVariant

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "cyber_plugin" / "outputs" / "cyber-disclosure.schema.json").read_text()
)


def findings_of(path: Path) -> list[tuple[str, str]]:
    return [(f["code"], f["severity"]) for f in json.loads(path.read_text(encoding="utf-8"))["findings"]]


@pytest.mark.parametrize("name", ["cyber_plugin", "cyber", "CYD", "Cybersecurity Disclosure (cyd)"])
def test_plugin_loads_by_entry_point_name_and_aliases(name: str, workdir: Path) -> None:
    completed = subprocess.run(
        [str(ARELLE_CMD), "--plugins", name, "--workOffline", "--help"],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert completed.returncode == 0
    assert "--cyber-export" in completed.stdout
    # As a run forked from the tests' fork server finds it, with the discovery it keeps
    # (tests/support/plugin_discovery.py): by the same names.
    forked = run_arelle("--help", plugins=name, cwd=workdir)
    assert forked.returncode == 0 and "--cyber-export" in forked.stdout


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_sample_export_matches_the_json_schema(sample: Path, export_run: Any) -> None:
    export = export_run(sample)

    assert export.result.returncode == 0
    document = export.document
    jsonschema.validate(document, SCHEMA)
    assert document["format"] == "cyber-disclosure" and document["version"] == 1


def test_export_works_without_validation_and_carries_findings(workdir: Path, tmp_path: Path) -> None:
    variant = InlineVariant(SAMPLE_10K).unwrap("cyd-08").write(tmp_path / "filing.htm")

    without_v = run_arelle("-f", variant, "--cyber-export", "a.json", cwd=workdir)
    with_v = run_arelle("-f", variant, "-v", "--cyber-export", "b.json", cwd=workdir)

    assert (
        findings_of(workdir / "a.json")
        == findings_of(workdir / "b.json")
        == [("CYBER.missingElement", "warning"), ("CYBER.untaggedText", "warning")]
    )
    assert (
        without_v.codes().count("CYBER.missingElement") == with_v.codes().count("CYBER.missingElement") == 1
    )


def test_several_exports_in_one_run(workdir: Path) -> None:
    run_arelle("-f", SAMPLE_8K, "--cyber-export", "one.json", "--cyber-export", "two.json", cwd=workdir)

    assert (workdir / "one.json").read_bytes() == (workdir / "two.json").read_bytes()


def test_findings_are_stable_across_runs(workdir: Path, tmp_path: Path) -> None:
    variant = (
        InlineVariant(SAMPLE_10K)
        .unwrap("cyd-02")
        .copy_fact("cyd-04", "cyd-04-again", format="ixt:fixed-false")
        .set_text("cyd-09", "")
        .write(tmp_path / "filing.htm")
    )

    run_arelle("-f", variant, "--cyber-export", "first.json", cwd=workdir)
    run_arelle("-f", variant, "--cyber-export", "second.json", cwd=workdir)

    first = json.loads((workdir / "first.json").read_text())["findings"]
    assert len(first) == 5
    assert first == json.loads((workdir / "second.json").read_text())["findings"]


def test_rules_can_be_switched_off_and_regraded(workdir: Path, tmp_path: Path) -> None:
    variant = InlineVariant(SAMPLE_10K).unwrap("cyd-08").write(tmp_path / "filing.htm")
    cyd_2025 = tmp_path / "y" / "filing.htm"
    cyd_2025.parent.mkdir()
    cyd_2025.write_text(variant.read_text().replace("/cyd/2024", "/cyd/2025"))

    result = run_arelle(
        "-f",
        cyd_2025,
        "-v",
        "--cyber-rules",
        "-CYBER.missingElement,taxonomyYear=error",
        "--cyber-export",
        "x.json",
        cwd=workdir,
    )

    assert findings_of(workdir / "x.json") == [
        ("CYBER.taxonomyYear", "error"),
        ("CYBER.untaggedText", "warning"),
    ]
    logged = [(e["code"], e["level"]) for e in result.log if e["code"] == "CYBER.taxonomyYear"]
    assert logged == [("CYBER.taxonomyYear", "error")]
    assert "CYBER.missingElement" not in result.codes()


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--cyber-export", "out.txt", "supported: .changes.csv, .csv, .html, .json, .xlsx"),
        ("--cyber-rules", "CYBER.noSuchRule=error", "known rules: CYBER.missingDisclosure"),
        ("--cyber-rules", "CYBER.duplicate=fatal", "not one of error, warning, info"),
        ("--cyber-rules", "duplicate", "neither '-CODE'"),
        ("--cyber-8k-items", "1.05,nine", "such as 1.05,9.01"),
    ],
)
def test_bad_options_are_rejected_before_loading(
    option: str, value: str, expected: str, workdir: Path
) -> None:
    result = run_arelle("-f", SAMPLE_20F, option, value, cwd=workdir)

    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (workdir / "out.txt").exists()


def test_unwritable_export_is_an_error_and_leaves_nothing(workdir: Path) -> None:
    result = run_arelle("-f", SAMPLE_20F, "--cyber-export", "missing/folder/x.json", cwd=workdir)

    assert result.returncode == 0
    assert result.codes() == ["CYBER.exportFailed"]
    assert [e["level"] for e in result.log if e["code"] == "CYBER.exportFailed"] == ["error"]
    assert list(workdir.rglob("*.json*")) == list(workdir.glob("log-*.json"))


def test_export_replaces_an_existing_file_whole(workdir: Path) -> None:
    target = workdir / "x.json"
    target.write_text("previous content")

    run_arelle("-f", SAMPLE_20F, "--cyber-export", target, cwd=workdir)

    assert json.loads(target.read_text())["documentType"] == "20-F"
    assert sorted(p.name for p in workdir.iterdir() if not p.name.startswith("log-")) == ["x.json"]


def test_error_finding_sets_the_exit_code_with_validation_exit_code(workdir: Path, tmp_path: Path) -> None:
    variant = InlineVariant(SAMPLE_10K).copy_fact("cyd-04", "cyd-04-again", format="ixt:fixed-false")
    path = variant.write(tmp_path / "filing.htm")

    failing = run_arelle("-f", path, "-v", "--validationExitCode", cwd=workdir)
    clean = run_arelle("-f", SAMPLE_10K, "-v", "--validationExitCode", cwd=workdir)

    assert "CYBER.inconsistentDuplicate" in failing.codes()
    assert failing.returncode != 0
    assert clean.returncode == 0


def test_rules_run_in_the_same_pass_as_arelles_own_validation(workdir: Path) -> None:
    result = run_arelle("-f", real_filing("abbv-10-k-2025-02-14.htm"), "-v", cwd=workdir, cache=False)
    own = [e for e in result.log if e["code"].startswith("ix11.")]
    assert own and result.codes() == ["CYBER.missingElement"]


def test_rules_run_beside_another_disclosure_systems_validation(workdir: Path, tmp_path: Path) -> None:
    # Arelle's own DBA plugin stands in for EFM/DQC (not bundled): its rules only run under its
    # disclosure system; ours run in the same validation pass all the same.
    path = InlineVariant(SAMPLE_10K).unwrap("cyd-08").write(tmp_path / "filing.htm")

    result = run_arelle(
        "-f",
        path,
        "-v",
        "--disclosureSystem",
        "arl-2024-preview",
        cwd=workdir,
        plugins="validate/DBA|cyber_plugin",
    )

    assert any(entry["code"].startswith("DBA.") for entry in result.log)
    assert result.codes() == ["CYBER.missingElement", "CYBER.untaggedText"]


def test_summary_names_entity_form_period_flags_and_text_blocks(workdir: Path) -> None:
    result = run_arelle("-f", SAMPLE_20F, "--cyber-summary", cwd=workdir)

    summary = next(e for e in result.log if e["code"] == "CYBER.summary")["message"]["text"]
    assert "Lumen Crest Holdings Limited (CIK 0001999901)" in summary
    assert "Form: 20-F" in summary and "Period: 2024-01-01 to 2024-12-31" in summary
    assert "Third Party Engaged [Flag]: yes" in summary
    assert "Materially Affect Registrant [Flag]: no" in summary
    assert "Text blocks: 9" in summary
    assert "Item 16K: 10 paragraphs, 99% of the text in cyd text blocks, 0 substantive" in summary


def test_every_rule_code_is_known_to_the_option_parser() -> None:
    parser = OptionParser()
    add_options(parser)

    for code in RULE_CODES:
        options, _ = parser.parse_args([f"--cyber-rules=-{code}"])
        assert settings_from(options).rules.disabled == {code}


@pytest.mark.parametrize("sample", [SAMPLE_10K, SAMPLE_8K], ids=lambda path: path.parent.name)
def test_a_closed_model_is_freed_when_the_run_ends(sample: Path, workdir: Path) -> None:
    """Arelle frees a closed model by reference counting. A reading or finding the plugin keeps must
    not refer to the model's documents, or the whole tree stays in memory until the process ends
    (a higher peak, as the JSON log is written after the close, and a slower exit)."""
    export = workdir / "closed.json"
    result = run_arelle("-f", sample, "-v", f"--cyber-export={export}", cwd=workdir, no_collect=True)
    assert result.returncode == 0 and export.exists(), result.stderr
    assert result.codes(), "the plugin ran and logged"
    assert result.models_left == 0
