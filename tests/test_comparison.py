"""Two filings compared: every kind of change on hand-built Disclosures (tests/builder.py), the view
of a filing made from a Disclosure and from its JSON export document alike, on hand-built and on
every real filing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cyber_plugin.core.catalogue import (
    INCIDENT_AXIS,
    MATERIALLY_AFFECTED_FLAG,
    POSITIONS_RESPONSIBLE_FLAG,
    THIRD_PARTY_ENGAGED_FLAG,
    UNNAMED_INCIDENT,
)
from cyber_plugin.core.comparison import (
    Change,
    Comparison,
    comparison_with_prior,
    view_of_disclosure,
)
from cyber_plugin.core.disclosure import Disclosure
from cyber_plugin.core.filing_view import FilingView
from cyber_plugin.core.section import Paragraph, Section
from cyber_plugin.core.word_diff import RunKind
from cyber_plugin.core.words import redline_text
from cyber_plugin.outputs.filing_record import view_of_document
from cyber_plugin.outputs.json_format import disclosure_document

from .support.builder import Filing, annual_report, cyd_namespace, incident_report
from .support.loads import load_once
from .support.paths import ALL_SAMPLES, REAL_INCIDENTS, real_filings

PROCESSES_TEXT = "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock"
MATERIAL_TEXT = "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock"
EXPERTISE_TEXT = "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"
NATURE = "MaterialCybersecurityIncidentNatureTextBlock"
IMPACT = "MaterialCybersecurityIncidentMaterialImpactOrReasonablyLikelyMaterialImpactTextBlock"
NOT_AVAILABLE = "MaterialCybersecurityIncidentInformationNotAvailableOrUndeterminedTextBlock"
FLAG_MATERIAL, FLAG_THIRD_PARTY, FLAG_POSITIONS = "cyd-06", "cyd-04", "cyd-12"
TEXT_PROCESSES, TEXT_MATERIAL, TEXT_EXPERTISE = "cyd-01", "cyd-07", "cyd-14"


def last_year() -> Filing:
    return annual_report(period_end="2023-12-31", fiscal_year="2023")


def compared(prior: Filing | Disclosure, current: Filing | Disclosure) -> Comparison:
    """The comparison of two hand-built filings, as the plugin makes it (the prior's view on the
    current Disclosure)."""
    prior = prior.build() if isinstance(prior, Filing) else prior
    current = current.build() if isinstance(current, Filing) else current
    comparison = comparison_with_prior(replace(current, prior=view_of_disclosure(prior)))
    assert comparison is not None
    return comparison


def changes(comparison: Comparison) -> dict[str, Change]:
    return {element.concept: element.change for element in comparison.changed_elements}


def test_the_same_filing_a_year_later_has_no_change() -> None:
    comparison = compared(last_year(), annual_report())

    assert comparison.changed_elements == ()
    assert len(comparison.flags) == 6 and len(comparison.texts) == 10
    assert all(text.similarity == 1.0 and text.change is Change.SAME for text in comparison.texts)
    assert comparison.same_registrant
    assert comparison_with_prior(annual_report().build()) is None


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [(True, False, Change.FLAG_CHANGED), (False, True, Change.FLAG_CHANGED), (True, True, Change.SAME)],
)
def test_a_flag_s_value_from_one_year_to_the_next(before: bool, after: bool, expected: Change) -> None:
    comparison = compared(
        last_year().set(FLAG_MATERIAL, value=before), annual_report().set(FLAG_MATERIAL, value=after)
    )

    flag = next(flag for flag in comparison.flags if flag.concept == MATERIALLY_AFFECTED_FLAG)
    assert (flag.prior, flag.value, flag.prior_tagged, flag.tagged) == (before, after, True, True)
    assert flag.change is expected
    assert changes(comparison) == ({MATERIALLY_AFFECTED_FLAG: expected} if before != after else {})


def test_a_flag_tagged_last_year_and_not_this_year_is_dropped_and_back_again_added() -> None:
    dropped = compared(last_year(), annual_report().unwrap(FLAG_POSITIONS))
    added = compared(last_year().unwrap(FLAG_POSITIONS), annual_report())

    assert changes(dropped) == {POSITIONS_RESPONSIBLE_FLAG: Change.DROPPED}
    assert dropped.dropped == (POSITIONS_RESPONSIBLE_FLAG,) and dropped.added == ()
    flag = next(flag for flag in dropped.flags if flag.concept == POSITIONS_RESPONSIBLE_FLAG)
    assert (flag.prior, flag.value, flag.prior_tagged, flag.tagged) == (True, None, True, False)
    assert changes(added) == {POSITIONS_RESPONSIBLE_FLAG: Change.ADDED}
    assert added.added == (POSITIONS_RESPONSIBLE_FLAG,) and added.dropped == ()


def test_a_flag_that_is_no_longer_a_boolean_changed_but_was_not_dropped() -> None:
    comparison = compared(last_year(), annual_report().make_nil(FLAG_THIRD_PARTY))

    flag = next(flag for flag in comparison.flags if flag.concept == THIRD_PARTY_ENGAGED_FLAG)
    assert (flag.prior, flag.value, flag.tagged, flag.change) == (True, None, True, Change.FLAG_CHANGED)


def test_text_blocks_same_edited_added_and_dropped() -> None:
    prior = last_year().unwrap(TEXT_EXPERTISE)
    prior.set_text(TEXT_PROCESSES, "We maintain a robust cybersecurity program.\n\nIt is reviewed yearly.")
    current = annual_report().unwrap(TEXT_MATERIAL)
    current.set_text(
        TEXT_PROCESSES, "We maintain a comprehensive cybersecurity program. It is reviewed yearly."
    )
    comparison = compared(prior, current)

    assert changes(comparison) == {
        PROCESSES_TEXT: Change.TEXT_EDITED,
        MATERIAL_TEXT: Change.DROPPED,
        EXPERTISE_TEXT: Change.ADDED,
    }
    by_concept = {text.concept: text for text in comparison.texts}
    edited = by_concept[PROCESSES_TEXT]
    assert edited.similarity == round(2 * 11 / 24, 4)  # 12 tokens each (2 full stops), 11 in common
    assert redline_text(edited.diff) == (
        "We maintain a [-robust-] {+comprehensive+} cybersecurity program. It is reviewed yearly."
    )
    dropped, added = by_concept[MATERIAL_TEXT], by_concept[EXPERTISE_TEXT]
    assert (dropped.text, dropped.similarity, [run.kind for run in dropped.diff]) == (
        None,
        None,
        [RunKind.DELETED],
    )
    assert (added.prior_text, added.similarity, [run.kind for run in added.diff]) == (
        None,
        None,
        [RunKind.INSERTED],
    )
    assert by_concept["CybersecurityRiskBoardOfDirectorsOversightTextBlock"].change is Change.SAME


def test_a_text_block_changed_in_white_space_only_is_the_same() -> None:
    prior = last_year().set_text(TEXT_PROCESSES, "We maintain  a program.\nIt is reviewed\u00a0yearly.")
    current = annual_report().set_text(TEXT_PROCESSES, "We maintain a program. It is reviewed yearly.")

    assert changes(compared(prior, current)) == {}


def test_an_element_unknown_to_the_catalogue_and_a_second_fact_of_an_element() -> None:
    typo = "CybersecurityRiskManagementExpertiseOfManagmentResponsibleTextBlock"
    current = annual_report().rename(TEXT_EXPERTISE, typo)
    current.copy_fact(TEXT_PROCESSES, "second", text="A second passage of the processes.")
    comparison = compared(last_year(), current)

    assert changes(comparison) == {
        PROCESSES_TEXT: Change.TEXT_EDITED,
        EXPERTISE_TEXT: Change.DROPPED,
        typo: Change.ADDED,
    }
    assert comparison.current.text_of[PROCESSES_TEXT].endswith("\nA second passage of the processes.")


def test_an_element_tagged_only_by_a_nil_fact_is_tagged() -> None:
    comparison = compared(last_year(), annual_report().make_nil(TEXT_EXPERTISE))

    assert changes(comparison) == {EXPERTISE_TEXT: Change.TEXT_EDITED}
    assert next(t for t in comparison.texts if t.concept == EXPERTISE_TEXT).similarity == 0.0


def with_section(filing: Filing, *texts: str, found: bool = True) -> Disclosure:
    paragraphs = tuple(Paragraph(text, "filing.htm", line) for line, text in enumerate(texts, start=10))
    return replace(
        filing.build(), section=Section("1C", found, "Item 1C. Cybersecurity", paragraphs=paragraphs)
    )


def paragraph_states(comparison: Comparison) -> list[tuple[str, str, int | None, int | None]]:
    return [(p.change.value, p.text, p.prior_index, p.index) for p in comparison.paragraphs]


def test_paragraphs_kept_added_and_removed_in_reading_order() -> None:
    prior = with_section(last_year(), "Overview", "We assess risks yearly.", "Old  paragraph.", "Governance")
    current = with_section(
        annual_report(), "Overview", "We assess\nrisks yearly.", "Governance", "New paragraph."
    )
    comparison = compared(prior, current)

    assert comparison.section_compared
    assert paragraph_states(comparison) == [
        ("kept", "Overview", 0, 0),
        ("kept", "We assess\nrisks yearly.", 1, 1),  # white space aside, the same paragraph
        ("removed", "Old  paragraph.", 2, None),
        ("kept", "Governance", 3, 2),
        ("added", "New paragraph.", None, 3),
    ]


def test_an_edited_paragraph_is_removed_and_added_side_by_side_and_a_moved_one_is_kept() -> None:
    prior = with_section(last_year(), "Alpha.", "Our CISO reports to the CEO.", "Omega.", "Moved.")
    current = with_section(annual_report(), "Moved.", "Alpha.", "Our CISO reports to the CFO.", "Omega.")

    assert paragraph_states(compared(prior, current)) == [
        ("kept", "Moved.", 3, 0),
        ("kept", "Alpha.", 0, 1),
        ("removed", "Our CISO reports to the CEO.", 1, None),
        ("added", "Our CISO reports to the CFO.", None, 2),
        ("kept", "Omega.", 2, 3),
    ]


def test_paragraphs_are_compared_only_when_both_sections_were_found() -> None:
    prior = with_section(last_year(), "Overview", found=False)

    assert compared(prior, with_section(annual_report(), "Overview")).paragraphs == ()
    assert not compared(last_year(), with_section(annual_report(), "Overview")).section_compared


def on_member(filing: Filing, fact_id: str, member: str, name: str) -> Filing:
    """A fact moved onto a member of the incident axis, as extraction reads such a fact."""
    return filing.set(
        fact_id,
        dimensions=((f"cyd:{INCIDENT_AXIS}", member),),
        incident=name,
        incident_member=member,
    )


def incident_on_members(filing: Filing, members: dict[str, tuple[str, ...]]) -> Filing:
    for member, fact_ids in members.items():
        for fact_id in fact_ids:
            on_member(filing, fact_id, member, member.rpartition(":")[2])
    return filing


def test_an_8k_a_and_its_8k_are_compared_member_by_member_when_both_use_the_axis() -> None:
    original = incident_on_members(
        incident_report(),
        {"nwf:MarchIncidentMember": ("cyd-nature", "cyd-scope", "cyd-timing", "cyd-impact")},
    )
    amendment = incident_report(form="8-K/A", amendment=True).unwrap("cyd-scope").unwrap("cyd-timing")
    amendment.set_text("cyd-impact", "The incident has had a material impact on our operations.")
    amendment.copy_fact("cyd-nature", "cyd-april", text="A second intrusion in April.")
    amendment = incident_on_members(
        amendment,
        {"nwf:MarchIncidentMember": ("cyd-nature", "cyd-impact"), "nwf:AprilIncidentMember": ("cyd-april",)},
    )
    comparison = compared(original, amendment)

    assert [(t.incident_member, t.concept, t.change) for t in comparison.incidents] == [
        ("nwf:MarchIncidentMember", NATURE, Change.SAME),
        ("nwf:MarchIncidentMember", "MaterialCybersecurityIncidentScopeTextBlock", Change.DROPPED),
        ("nwf:MarchIncidentMember", "MaterialCybersecurityIncidentTimingTextBlock", Change.DROPPED),
        ("nwf:MarchIncidentMember", IMPACT, Change.TEXT_EDITED),
        ("nwf:AprilIncidentMember", NATURE, Change.ADDED),
    ]
    # By concept, the nature text block holds both incidents' texts: edited.
    assert changes(comparison)[NATURE] is Change.TEXT_EDITED


def test_incident_reports_are_compared_by_concept_when_one_does_not_use_the_axis() -> None:
    original = incident_report()  # without the axis
    amendment = incident_report(form="8-K/A", amendment=True).unwrap("cyd-scope")
    amendment.text(NOT_AVAILABLE, "The scope is not yet determined.", "cyd-not-available")
    amendment = incident_on_members(
        amendment, {"nwf:MarchIncidentMember": ("cyd-nature", "cyd-not-available")}
    )
    comparison = compared(original, amendment)

    assert comparison.incidents == ()
    assert changes(comparison) == {
        "MaterialCybersecurityIncidentScopeTextBlock": Change.DROPPED,
        NOT_AVAILABLE: Change.ADDED,
    }


def test_a_comparison_says_whether_both_filings_are_one_registrant_s() -> None:
    assert not compared(incident_report(), annual_report()).same_registrant
    assert compared(annual_report(cik="1999902"), annual_report()).same_registrant  # as EDGAR pads it
    assert not compared(annual_report(cik=None), annual_report(cik=None)).same_registrant


# The view: what a filing says, the same from a Disclosure and from its JSON export document.


def document_view(disclosure: Disclosure) -> FilingView:
    """The view of the Disclosure's JSON export, written and read back as text."""
    return view_of_document(json.loads(json.dumps(disclosure_document(disclosure, ()))))


def test_a_view_holds_the_identity_the_flags_the_texts_and_the_paragraphs() -> None:
    filing = annual_report(cik="1999902", form="10-K/A", amendment=None).make_nil(FLAG_THIRD_PARTY)
    filing.copy_fact(TEXT_PROCESSES, "repeated")  # the same text twice: once in the view
    view = view_of_disclosure(with_section(filing, "Overview", "We assess risks."))

    assert (view.cik, view.document_type, view.base_form, view.is_amendment, view.is_annual_report) == (
        "0001999902",
        "10-K/A",
        "10-K",
        True,
        True,
    )
    assert (view.fiscal_year, view.period_end.isoformat() if view.period_end else None) == (
        2024,
        "2024-12-31",
    )
    assert (
        view.flag_values[THIRD_PARTY_ENGAGED_FLAG] is None
        and view.flag_values[MATERIALLY_AFFECTED_FLAG] is False
    )
    assert "\n" not in view.text_of[PROCESSES_TEXT]
    assert (view.section_found, view.paragraphs) == (True, ("Overview", "We assess risks."))
    assert not view.reports_incident and not view.uses_incident_axis


def hand_built_filings() -> list[Disclosure]:
    member = "nwf:MarchIncidentMember"
    return [
        with_section(annual_report(), "Overview", "We assess risks.", "Governance"),
        with_section(annual_report(form="20-F", cyd_year=2025), "Only one.", found=False),
        annual_report().make_nil(FLAG_THIRD_PARTY).make_nil(TEXT_EXPERTISE).build(),
        incident_report().build(),
        incident_on_members(
            incident_report(form="8-K/A", amendment=True), {member: ("cyd-nature", "cyd-impact")}
        ).build(),
        Filing(form="6-K", cik=None, fiscal_year=None).text(NATURE, "<p>Nature</p>", "n").build(),
    ]


@pytest.mark.parametrize("disclosure", hand_built_filings(), ids=lambda d: d.filing.document_type or "")
def test_a_hand_built_disclosure_and_its_json_document_give_equal_views(disclosure: Disclosure) -> None:
    assert document_view(disclosure) == view_of_disclosure(disclosure)


def test_views_of_incident_facts_keep_their_members() -> None:
    member = "nwf:MarchIncidentMember"
    disclosure = incident_on_members(incident_report(), {member: ("cyd-nature",)}).build()
    view = view_of_disclosure(disclosure)

    assert view.reports_incident and view.uses_incident_axis
    assert view.incident_text_of == {(member, NATURE): disclosure.facts_for(NATURE)[0].value}
    assert disclosure.incidents[0].member == member and UNNAMED_INCIDENT in {
        i.name for i in disclosure.incidents
    }


def test_a_failure_record_gives_a_view_of_nothing() -> None:
    view = view_of_document(
        {"format": "cyber-disclosure", "version": 1, "source": "/in/bad.htm", "error": "x"}
    )

    assert (view.source, view.document_type, view.cik, view.tagged, view.section_found) == (
        "/in/bad.htm",
        None,
        None,
        frozenset(),
        False,
    )


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda path: path.name)
def test_every_sample_and_its_json_document_give_equal_views(path: Path) -> None:
    disclosure = load_once(path, cache=True, validate=False).disclosure
    assert disclosure is not None

    assert document_view(disclosure) == view_of_disclosure(disclosure)


def test_every_real_filing_and_its_json_document_give_equal_views() -> None:
    incidents = sorted(REAL_INCIDENTS.glob("*.htm")) if REAL_INCIDENTS.is_dir() else []
    differing = []
    for path in [*real_filings(), *incidents]:
        disclosure = load_once(path, cache=False, validate=False).disclosure
        assert disclosure is not None
        if document_view(disclosure) != view_of_disclosure(disclosure):
            differing.append(path.name)

    assert differing == []


def test_the_view_reads_the_dataset_record_s_own_keys() -> None:
    record: dict[str, Any] = disclosure_document(incident_report().unwrap_all().build(), ())
    record |= {"accessionNumber": "0001999903-25-000001", "filed": "2025-03-12", "eightKItems": ["1.05"]}
    view = view_of_document(record)

    assert (view.accession, view.filed and view.filed.isoformat(), view.reports_incident) == (
        "0001999903-25-000001",
        "2025-03-12",
        True,
    )
    assert view.document_type == "8-K" and view.tagged == frozenset() and cyd_namespace(2024)
