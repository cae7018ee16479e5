"""The plugin's Python entry point (cyber_plugin.api.read_filing) and Arelle's own Python API
(arelle.api.Session) with the plugin: supported use, and the traps the entry point hides."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cyber_plugin import checks
from cyber_plugin.api import FilingError, read_filing
from cyber_plugin.checks.rule import Rule, rule
from cyber_plugin.core import extraction
from cyber_plugin.core.disclosure import Disclosure
from cyber_plugin.core.findings import Finding, Severity
from cyber_plugin.core.settings import OptionError, RuleSettings

from .support.doc_pages import block_run_by
from .support.paths import SAMPLE_8K, SAMPLE_10K, SAMPLE_20F, TAXONOMY_CACHE
from .support.variants import InlineVariant, replace_text


@pytest.fixture(scope="module")
def variant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 10-K without its processes-integrated flag: CYBER.missingElement, CYBER.textWithoutFlag."""
    folder = tmp_path_factory.mktemp("api")
    return InlineVariant(SAMPLE_10K).unwrap("cyd-02").write(folder / "filing.htm")


def codes(findings: Any) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value) for f in findings]


def test_read_filing_returns_the_disclosure_and_its_findings(variant: Path, tmp_path: Path) -> None:
    reading = read_filing(variant, cache_directory=TAXONOMY_CACHE)

    assert reading.disclosure.filing.document_type == "10-K"
    assert len(reading.disclosure.facts) == 15
    assert codes(reading.findings) == [
        ("CYBER.missingElement", "warning"),
        ("CYBER.textWithoutFlag", "warning"),
    ]
    written = reading.export(tmp_path / "x.json")
    assert [f["code"] for f in json.loads(written.read_text(encoding="utf-8"))["findings"]] == [
        "CYBER.missingElement",
        "CYBER.textWithoutFlag",
    ]


def test_options_are_the_command_lines(variant: Path, tmp_path: Path) -> None:
    untagged_8k = replace_text(
        SAMPLE_8K,
        tmp_path / "filing.htm",
        ('xmlns:cyd="http://xbrl.sec.gov/cyd/2024"', 'xmlns:cyd="http://example.com/x"'),
    )

    regraded = read_filing(
        variant, rules="-missingElement,textWithoutFlag=error", cache_directory=TAXONOMY_CACHE
    )
    incident = read_filing(untagged_8k, eight_k_items=["1.05", "9.01"], cache_directory=TAXONOMY_CACHE)

    assert codes(regraded.findings) == [("CYBER.textWithoutFlag", "error")]
    assert codes(incident.findings) == [("CYBER.incidentNotTagged", "warning")]


def test_many_filings_in_a_row_in_one_process(variant: Path) -> None:
    readings = [read_filing(path, cache_directory=TAXONOMY_CACHE) for path in (variant, SAMPLE_20F, variant)]

    assert [r.disclosure.filing.document_type for r in readings] == ["10-K", "20-F", "10-K"]
    assert codes(readings[0].findings) == codes(readings[2].findings)
    assert readings[1].findings == ()


def test_validate_adds_arelles_messages_with_the_same_findings(variant: Path) -> None:
    reading = read_filing(
        variant, validate=True, rules="textWithoutFlag=error", cache_directory=TAXONOMY_CACHE
    )

    logged = [(m["messageCode"], m["levelname"].lower()) for m in reading.messages]
    assert [entry for entry in logged if entry[0].startswith("CYBER.")] == codes(reading.findings)
    assert ("CYBER.textWithoutFlag", "error") in logged


@pytest.mark.parametrize("validate", [False, True])
def test_a_filing_is_read_and_checked_once(
    variant: Path, validate: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With validate=True the validation's reading is the one returned: the filing is not read and
    checked a second time. Counted where every reading passes: the dei facts' reading, and a rule
    that counts its runs."""
    reads: list[str] = []
    runs: list[str] = []
    read_filing_info = extraction.read_filing_info

    def counted_read(dei_facts: Any) -> Any:
        reads.append("read")
        return read_filing_info(dei_facts)

    @rule(Severity.INFO)
    def countsItsRuns(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
        runs.append("checked")
        yield from ()

    monkeypatch.setattr(extraction, "read_filing_info", counted_read)
    monkeypatch.setattr(checks, "REGISTRY", (*checks.REGISTRY, Rule.of(countsItsRuns)))

    reading = read_filing(
        variant, validate=validate, rules="textWithoutFlag=error", cache_directory=TAXONOMY_CACHE
    )

    assert (reads, runs) == (["read"], ["checked"])
    assert codes(reading.findings) == [
        ("CYBER.missingElement", "warning"),
        ("CYBER.textWithoutFlag", "error"),
    ]


def test_a_misspelt_option_or_a_bad_value_is_refused_before_loading(variant: Path) -> None:
    with pytest.raises(TypeError, match="cyber_rules"):
        read_filing(variant, cyber_rules="-duplicate")  # type: ignore[call-arg]
    with pytest.raises(OptionError, match="noSuchRule"):
        read_filing(variant, rules="-noSuchRule")
    with pytest.raises(OptionError, match=r"1\.5x"):
        read_filing(variant, eight_k_items="1.5x")
    with pytest.raises(TypeError):
        read_filing(variant, arelle_options={"noSuchArelleOption": True})


def test_a_file_that_is_not_a_filing_is_a_filing_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.xml"
    text.write_text("<notes>not XBRL</notes>", encoding="utf-8")

    with pytest.raises(FilingError, match="not an XBRL filing") as missing:
        read_filing(tmp_path / "missing.htm")
    with pytest.raises(FilingError):
        read_filing(text)
    assert "missing.htm" in str(missing.value)
    assert any(m["levelname"] == "ERROR" for m in missing.value.messages)


def test_the_documented_example(variant: Path, tmp_path: Path) -> None:
    shutil.copy(variant, tmp_path / "filing.htm")
    (tmp_path / "taxonomy-cache").symlink_to(TAXONOMY_CACHE)
    example = block_run_by("tests/test_api.py::test_the_documented_example")

    completed = subprocess.run(
        [sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )

    assert completed.returncode == 0, completed.stderr[-3000:]
    lines = completed.stdout.splitlines()
    assert lines[0] == "10-K 15 cyd facts"
    assert [line.split()[:2] for line in lines[1:]] == [["CYBER.textWithoutFlag", "warning"]]
    assert (tmp_path / "filing-cyd.html").stat().st_size > 1000


# Arelle's own Python API, as docs/usage.md documents it.


def test_a_misspelt_plugin_option_given_to_arelles_session_is_an_error(load: Any) -> None:
    loaded = load(SAMPLE_10K, cyberRule="-duplicate")

    assert loaded.cyber_codes == ["CYBER.invalidOption"]
    assert "'cyberRule'" in loaded.messages_with("CYBER.invalidOption")[0]["msg"]


SECOND_RUN = """
import sys
from arelle.api.Session import Session
from arelle.RuntimeOptions import RuntimeOptions
options = RuntimeOptions(entrypointFile=sys.argv[1], plugins="cyber_plugin", workOffline=True)
with Session() as session:
    print("first", session.run(options), flush=True)
    session.run(options)
"""


def test_arelles_session_serves_one_run_only(tmp_path: Path) -> None:
    """Arelle's defect, documented in docs/usage.md (one Session per filing); read_filing hides it.
    If this starts to fail, Arelle has fixed it and docs/usage.md should say so."""
    completed = subprocess.run(
        [sys.executable, "-c", SECOND_RUN, str(SAMPLE_20F)], capture_output=True, text=True, timeout=300
    )

    assert "first True" in completed.stdout.splitlines()
    assert completed.returncode != 0 and "KeyError: 'modules'" in completed.stderr
