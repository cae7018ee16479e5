"""Incident reports as they really come: several incidents on the cyd incident axis, amendments,
6-Ks, incident facts in annual reports, junk text, the structural elements and cyd/2026."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cyber_plugin.core import catalogue
from cyber_plugin.core.catalogue import Kind, Topic, concept_for

from .support.command_line import run_arelle
from .support.incidents import SCOPE, TIMING, two_incidents
from .support.loads import Loaded
from .support.paths import SAMPLE_8K
from .support.variants import InlineVariant, replace_text

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "cyber_plugin" / "outputs" / "cyber-disclosure.schema.json").read_text()
)


def ids_of(facts: Any) -> list[str]:
    return [fact.id for fact in facts]


def findings(loaded: Loaded, code: str) -> list[tuple[str, ...]]:
    """The fact ids of each message with the code."""
    return [
        tuple(ref["href"].rpartition("#")[2] for ref in message.get("refs", []) if "#" in ref.get("href", ""))
        for message in loaded.messages_with(code)
    ]


# The catalogue


def test_catalogue_knows_the_structural_elements_as_abstract_never_as_facts() -> None:
    names = [c.local_name for c in catalogue.STRUCTURAL_CONCEPTS]

    assert names == [
        "CybersecurityRiskManagementStrategyAndGovernanceTable",
        "CybersecurityRiskManagementStrategyAndGovernanceLineItems",
        "MaterialCybersecurityIncidentTable",
        "MaterialCybersecurityIncidentAxis",
        "MaterialCybersecurityIncidentDomain",
        "MaterialCybersecurityIncidentLineItems",
    ]
    assert all(
        c.is_abstract and c.topic is Topic.STRUCTURE and c.known for c in catalogue.STRUCTURAL_CONCEPTS
    )
    assert not set(names) & {c.local_name for c in catalogue.CONCEPTS}  # never shown or required
    assert concept_for(catalogue.INCIDENT_AXIS).label == "Material Cybersecurity Incident [Axis]"
    assert concept_for(catalogue.INCIDENT_AXIS).kind is Kind.ABSTRACT


def test_scope_keeps_its_correct_label() -> None:
    """cyd/2024 labels the scope block "... Timing [Text Block]" by mistake; the catalogue does not."""
    assert concept_for(SCOPE).label == "Material Cybersecurity Incident Scope [Text Block]"


def test_a_fact_of_a_structural_element_is_reported(load: Any, tmp_path: Path) -> None:
    path = replace_text(
        SAMPLE_8K, tmp_path / "filing.htm", (f"cyd:{TIMING}", "cyd:MaterialCybersecurityIncidentLineItems")
    )

    loaded = load(path, cache=False)

    assert findings(loaded, "CYBER.unknownConcept") == [("cyd-timing",)]
    assert "abstract structural element" in loaded.messages_with("CYBER.unknownConcept")[0]["msg"]


# Several incidents


def test_incidents_are_kept_apart_and_named_by_their_labels(load: Any, tmp_path: Path) -> None:
    disclosure = load(two_incidents(tmp_path)).disclosure

    assert [(i.name, i.member, ids_of(i.facts)) for i in disclosure.incidents] == [
        (
            "Ransomware Attack",
            "nwf:RansomwareMember",
            ["cyd-nature", "cyd-scope", "cyd-timing", "cyd-impact"],
        ),
        ("Payroll Phishing", "nwf:PhishingMember", ["phishing-nature", "phishing-impact"]),
    ]


def test_without_the_extension_schema_incidents_are_named_by_local_name(load: Any, tmp_path: Path) -> None:
    path = two_incidents(tmp_path)
    (tmp_path / "nwf-20250310.xsd").unlink()

    disclosure = load(path, cache=False).disclosure

    assert [i.name for i in disclosure.incidents] == ["RansomwareMember", "PhishingMember"]


def test_incident_rules_apply_per_incident(load: Any, tmp_path: Path) -> None:
    loaded = load(two_incidents(tmp_path))

    assert findings(loaded, "CYBER.incidentIncomplete") == [("phishing-nature", "phishing-impact")]
    message = loaded.messages_with("CYBER.incidentIncomplete")[0]["msg"]
    assert "of incident Payroll Phishing" in message and "Scope" in message and "Timing" in message
    assert "Nature" not in message.partition("does not tag")[2].partition(".")[0]


def test_an_amendment_may_tag_only_what_was_undetermined(load: Any, tmp_path: Path) -> None:
    """Item 1.05 Instruction 2: an 8-K/A gives what was not determined before; the phishing
    incident's nature and impact alone are a complete amendment."""
    loaded = load(two_incidents(tmp_path, form="8-K/A"))

    assert loaded.disclosure.filing.is_amendment
    assert findings(loaded, "CYBER.incidentIncomplete") == []


def test_an_amendment_tagging_only_the_impact_is_complete(load: Any, tmp_path: Path) -> None:
    """The usual 8-K/A: the impact, not determined when the 8-K was filed, and nothing else."""
    variant = InlineVariant(SAMPLE_8K).unwrap("cyd-nature").unwrap("cyd-scope").unwrap("cyd-timing")
    variant.set_text("dei-DocumentType", "8-K/A").set("dei-AmendmentFlag", format="ixt:fixed-true")
    original = InlineVariant(SAMPLE_8K).unwrap("cyd-nature").unwrap("cyd-scope").unwrap("cyd-timing")

    amendment = load(variant.write(tmp_path / "amendment" / "filing.htm"))
    assert amendment.disclosure.filing.is_amendment
    assert findings(amendment, "CYBER.incidentIncomplete") == []

    first_report = load(original.write(tmp_path / "original" / "filing.htm"))
    assert findings(first_report, "CYBER.incidentIncomplete") == [("cyd-impact",)]


def test_an_amendment_that_tags_no_text_for_an_incident_is_reported(load: Any, tmp_path: Path) -> None:
    path = two_incidents(tmp_path, form="8-K/A", phishing_nature="\u2014", phishing_impact=".")

    loaded = load(path)

    assert findings(loaded, "CYBER.incidentIncomplete") == [("phishing-nature", "phishing-impact")]
    assert (
        "This amendment tags no text of incident Payroll Phishing"
        in (loaded.messages_with("CYBER.incidentIncomplete")[0]["msg"])
    )
    assert findings(loaded, "CYBER.emptyTextBlock") == [("phishing-nature",), ("phishing-impact",)]


def test_exports_say_which_incident_each_fact_reports(tmp_path: Path, workdir: Path) -> None:
    path = two_incidents(tmp_path / "filing")
    result = run_arelle(
        "-f",
        path,
        "-v",
        "--cyber-export",
        workdir / "x.json",
        "--cyber-export",
        workdir / "x.csv",
        "--cyber-summary",
        cwd=workdir,
    )
    assert result.returncode == 0, result.stderr

    exported = json.loads((workdir / "x.json").read_text(encoding="utf-8"))
    jsonschema.validate(exported, SCHEMA)
    assert [(i["name"], i["member"], i["factIds"]) for i in exported["incidents"]] == [
        (
            "Ransomware Attack",
            "nwf:RansomwareMember",
            ["cyd-nature", "cyd-scope", "cyd-timing", "cyd-impact"],
        ),
        ("Payroll Phishing", "nwf:PhishingMember", ["phishing-nature", "phishing-impact"]),
    ]
    assert {f["id"]: f["incident"] for f in exported["facts"]}["phishing-impact"] == "Payroll Phishing"
    rows = list(csv.DictReader(io.StringIO((workdir / "x.csv").read_bytes().decode("utf-8-sig"))))
    assert [row["incident"] for row in rows] == [f["incident"] for f in exported["facts"]]
    summary = next(e for e in result.log if e["code"] == "CYBER.summary")["message"]["text"]
    assert "Incidents: 2 (Ransomware Attack; Payroll Phishing)" in summary


# Forms


def test_incident_facts_in_a_10k_are_a_form_mismatch_not_a_period_or_dimension_one(
    load: Any, tmp_path: Path
) -> None:
    """Incident blocks sit on one-day durations at the event date, often on the incident axis:
    formMismatch says they do not belong in a 10-K; the annual-report context rules stay silent."""
    path = two_incidents(tmp_path, form="10-K")

    loaded = load(path)

    assert findings(loaded, "CYBER.formMismatch") == [
        ("cyd-nature", "phishing-nature", "cyd-scope", "cyd-timing", "cyd-impact", "phishing-impact")
    ]
    assert findings(loaded, "CYBER.periodMismatch") == findings(loaded, "CYBER.dimensionalContext") == []


def test_a_6k_carries_incident_facts_legitimately(load: Any, tmp_path: Path) -> None:
    path = replace_text(SAMPLE_8K, tmp_path / "filing.htm", (">8-K</ix:nonNumeric>", ">6-K</ix:nonNumeric>"))

    loaded = load(path)

    assert loaded.disclosure.filing.is_incident_report
    assert loaded.cyber_codes == []


# Junk text


def scope_replaced(folder: Path, text: str) -> Path:
    return InlineVariant(SAMPLE_8K).set_text("cyd-scope", text).write(folder / "filing.htm")


@pytest.mark.parametrize("junk", [".", " \u2014 ", ": ;"])
def test_a_block_without_a_letter_or_digit_is_empty(load: Any, tmp_path: Path, junk: str) -> None:
    loaded = load(scope_replaced(tmp_path, junk))

    assert findings(loaded, "CYBER.emptyTextBlock") == [("cyd-scope",)]
    assert "without a letter or digit" in loaded.messages_with("CYBER.emptyTextBlock")[0]["msg"]
    assert findings(loaded, "CYBER.incidentIncomplete") == [
        ("cyd-nature", "cyd-scope", "cyd-timing", "cyd-impact")
    ]


def test_a_block_with_one_digit_is_not_empty(load: Any, tmp_path: Path) -> None:
    loaded = load(scope_replaced(tmp_path, "(1)"))

    assert findings(loaded, "CYBER.emptyTextBlock") == []


# Taxonomy years and dei


def test_a_2026_incident_report_loads_cleanly_with_the_2026_stub(load: Any, tmp_path: Path) -> None:
    path = replace_text(
        SAMPLE_8K,
        tmp_path / "filing.htm",
        ("cyd/2024", "cyd/2026"),
        ("cyd-2024", "cyd-2026"),
        ("dei/2024", "dei/2026"),
        ("dei-2024", "dei-2026"),
    )

    loaded = load(path)

    assert loaded.disclosure.cyd_namespaces == ("http://xbrl.sec.gov/cyd/2026",)
    assert all(fact.model_object.concept is not None for fact in loaded.disclosure.facts)  # the stub loaded
    assert [m for m in loaded.messages if m["levelname"] in ("ERROR", "WARNING")] == []


def test_dei_values_lose_the_markups_line_breaks(load: Any, tmp_path: Path) -> None:
    path = replace_text(
        SAMPLE_8K,
        tmp_path / "filing.htm",
        (">Northwind Freight Systems Corp.<", ">Northwind\n  Freight\tSystems Corp.\n<"),
    )

    filing = load(path).disclosure.filing

    assert filing.registrant_name == "Northwind Freight Systems Corp."
