"""Extraction from real Arelle loads: continuations, exclusions, markup, flags, contexts."""

from __future__ import annotations

import dataclasses
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from cyber_plugin.core.catalogue import Topic
from cyber_plugin.core.settings import RuleSettings
from cyber_plugin.integration.state import reading_of

from .support.paths import SAMPLE_8K, SAMPLE_10K, SAMPLE_20F, SAMPLE_20F_XML
from .support.seed import as_the_page_shows
from .support.variants import GOVERNANCE_IDS, document_set, replace_text

PROCESSES = "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock"
ROLE_OF_MANAGEMENT = "CybersecurityRiskRoleOfManagementTextBlock"
REPORTS_TO_BOARD = "CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag"


def by_id(loaded: Any) -> dict[str, Any]:
    return {fact.id: fact for fact in loaded.disclosure.facts}


def test_continuations_lists_and_tables_become_lines(sample_load: Any) -> None:
    text = sample_load(SAMPLE_10K).disclosure.first(PROCESSES).value

    lines = text.split("\n")
    assert lines[0] == "Risk Management and Strategy"
    assert (
        "a security operations center, staffed around the clock"
        in lines[lines.index("The main elements of our program are:") + 1]
    )
    assert "Activity Provider Frequency" in lines  # a table row, cells kept apart
    assert (
        "SOC 2 Type II examination of the platform Independent registered public accounting firm Annually"
        in lines
    )
    assert "Effects of cybersecurity threats." in lines  # from the second continuation
    assert lines[-1].startswith("We continue to face cybersecurity threats")
    assert "31" not in lines and "32" not in lines  # page numbers between the pieces are not tagged


def test_excluded_markup_is_left_out(sample_load: Any) -> None:
    fact = sample_load(SAMPLE_10K).disclosure.first(ROLE_OF_MANAGEMENT)

    assert "Our CISO has more than 20 years of experience" in fact.value  # the continuation
    assert "\n34\n" not in fact.value and "34" not in fact.value.split("\n")
    assert "page-break-after" not in (fact.html or "")
    assert "ix:exclude" not in fact.html and "ix:continuation" not in fact.html


def test_html_keeps_the_markup_as_tagged(sample_load: Any) -> None:
    fact = sample_load(SAMPLE_10K).disclosure.first(PROCESSES)

    assert fact.html.count("<li") == 5
    assert "<table" in fact.html and "<ul" in fact.html


def test_ballot_box_flag_is_a_boolean_with_and_without_schemas(sample_load: Any) -> None:
    with_schema = sample_load(SAMPLE_10K).disclosure.first(REPORTS_TO_BOARD)
    without_schema = sample_load(SAMPLE_10K, cache=False).disclosure.first(REPORTS_TO_BOARD)

    assert with_schema.value is True and without_schema.value is True
    assert with_schema.model_object.concept is not None and without_schema.model_object.concept is None


def test_offline_without_schemas_extracts_the_same(sample_load: Any) -> None:
    with_schemas = sample_load(SAMPLE_10K).disclosure
    without = sample_load(SAMPLE_10K, cache=False).disclosure

    assert without.facts == with_schemas.facts
    assert without.filing == with_schemas.filing
    assert len(without.facts) == 16


def test_inline_and_xml_instances_agree(sample_load: Any) -> None:
    inline = sample_load(SAMPLE_20F).disclosure
    xml = sample_load(SAMPLE_20F_XML).disclosure

    assert [(f.id, f.local_name, f.value, f.period, f.context_id) for f in inline.facts] == [
        # The instance's text block is the SEC viewer's, two spans glued; the page has a space.
        (f.id, f.local_name, f.value if f.is_flag else as_the_page_shows(f.value), f.period, f.context_id)
        for f in xml.facts
    ]
    assert inline.filing == xml.filing
    assert {f.document for f in xml.facts} == {"filing.xml"}


def test_fact_details(sample_load: Any) -> None:
    fact = by_id(sample_load(SAMPLE_10K))["cyd-04"]

    assert fact.concept.label == "Cybersecurity Risk Management Third Party Engaged [Flag]"
    assert fact.concept.topic is Topic.RISK_MANAGEMENT
    assert fact.value is True and fact.html is None and fact.lexical == "true"
    assert fact.context_id == "c-fy2024" and fact.entity == "0001999902"
    assert fact.entity_scheme == "http://www.sec.gov/CIK"
    assert fact.period.start.isoformat() == "2024-01-01" and fact.period.end.isoformat() == "2024-12-31"
    assert fact.period.days == 366
    assert fact.dimensions == () and not fact.hidden and not fact.nil
    assert fact.document == "filing.htm" and fact.line > 100


def test_facts_come_in_presentation_order(sample_load: Any) -> None:
    disclosure = sample_load(SAMPLE_10K).disclosure

    assert [fact.id for fact in disclosure.facts] == [f"cyd-{n:02d}" for n in range(1, 17)]
    assert [fact.concept.order for fact in disclosure.facts] == list(range(1, 17))


def test_filing_information(sample_load: Any) -> None:
    filing = sample_load(SAMPLE_10K).disclosure.filing

    assert (filing.document_type, filing.amendment, filing.transition_report) == ("10-K", False, False)
    assert filing.registrant_name == "Harbor Point Analytics, Inc." and filing.cik == "0001999902"
    assert filing.period_end.isoformat() == "2024-12-31" and filing.fiscal_year_focus == "2024"
    assert filing.is_annual_report and not filing.is_incident_report
    assert filing.dei_namespaces == ("http://xbrl.sec.gov/dei/2024",)


def test_incident_report(sample_load: Any) -> None:
    disclosure = sample_load(SAMPLE_8K).disclosure

    assert disclosure.filing.base_form == "8-K" and disclosure.filing.is_incident_report
    assert [f.concept.topic for f in disclosure.facts] == [Topic.INCIDENT] * 4
    assert {(f.period.start.isoformat(), f.period.end.isoformat()) for f in disclosure.facts} == {
        ("2025-03-10", "2025-03-10")
    }
    assert set(disclosure.flags.values()) == {None}


def test_any_cyd_namespace_year_is_recognised(load: Any, tmp_path: Path) -> None:
    path = replace_text(SAMPLE_8K, tmp_path / "filing.htm", ("/cyd/2024", "/cyd/2031"))

    disclosure = load(path).disclosure

    assert disclosure.cyd_namespaces == ("http://xbrl.sec.gov/cyd/2031",)
    assert len(disclosure.facts) == 4 and all(f.concept.known for f in disclosure.facts)


def test_disclosure_is_read_once_and_immutable(load: Any) -> None:
    loaded = load(SAMPLE_20F)

    reading = reading_of(loaded.model)
    disclosure = reading.disclosure

    assert reading_of(loaded.model) is reading  # the validation's, under the same settings
    regraded = reading_of(loaded.model, RuleSettings(disabled=frozenset({"CYBER.untaggedText"})))
    assert regraded is not reading and regraded.disclosure is disclosure  # the rules again, not the model
    with pytest.raises(dataclasses.FrozenInstanceError):
        disclosure.facts[0].value = "changed"  # type: ignore[misc]


def test_disclosure_pickles_without_the_arelle_model(sample_load: Any) -> None:
    disclosure = sample_load(SAMPLE_20F).disclosure

    copied = pickle.loads(pickle.dumps(disclosure))

    assert copied == disclosure
    assert all(fact.model_object is None for fact in copied.facts)
    assert copied.flags == disclosure.flags


def test_inline_document_set_reads_facts_from_every_document(load: Any, tmp_path: Path) -> None:
    first, second = document_set(SAMPLE_10K, tmp_path)

    entry_point = json.dumps([{"ixds": [{"file": str(first)}, {"file": str(second)}]}])
    loaded = load(entry_point, plugins="cyber_plugin|inlineXbrlDocumentSet")

    disclosure = loaded.disclosure
    assert [fact.id for fact in disclosure.facts] == [f"cyd-{n:02d}" for n in range(1, 17)]
    assert {f.id: f.document for f in disclosure.facts} == {
        **{f"cyd-{n:02d}": "primary.htm" for n in range(1, 8)},
        **{element_id: "exhibit13.htm" for element_id in GOVERNANCE_IDS},
    }
    assert disclosure.documents == ("exhibit13.htm", "primary.htm")
    assert disclosure.filing.document_type == "10-K"
    assert "Our CISO has more than 20 years" in disclosure.first(ROLE_OF_MANAGEMENT).value
    # Each document repeats the whole of Item 1C with half of it tagged: the section read is one
    # document's, so its other half is untagged there.
    assert loaded.cyber_codes == ["CYBER.untaggedText"]
