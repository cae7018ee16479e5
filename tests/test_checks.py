"""Every rule: a filing that makes it fire, and one where it must stay silent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .conftest import ALL_SAMPLES, SAMPLE_8K, SAMPLE_10K, Loaded
from .variants import InlineVariant, replace_text

CYD_2024 = 'xmlns:cyd="http://xbrl.sec.gov/cyd/2024"'
NOT_CYD = 'xmlns:cyd="http://harborpoint.example/cyber/2024"'
FLAG_INTEGRATED = "cyd-02"
TEXT_INTEGRATED = "cyd-03"
FLAG_THIRD_PARTY = "cyd-04"
FLAG_MATERIAL = "cyd-06"
TEXT_BOARD = "cyd-08"
TEXT_COMMITTEE = "cyd-09"
FLAG_POSITIONS = "cyd-12"
TEXT_POSITIONS = "cyd-13"
TEXT_EXPERTISE = "cyd-14"
FLAG_REPORTS = "cyd-16"


@dataclass(frozen=True)
class Reported:
    code: str
    level: str
    fact_ids: tuple[str, ...]


def reported(loaded: Loaded, code: str) -> list[Reported]:
    found = []
    for message in loaded.messages_with(code):
        ids = tuple(
            ref["href"].rpartition("#")[2] for ref in message.get("refs", []) if "#" in ref.get("href", "")
        )
        found.append(
            Reported(code, message["levelname"], tuple(i for i in ids if not i.startswith("element(")))
        )
    return found


def ten_k(tmp_path: Path, edit: Callable[[InlineVariant], Any]) -> Path:
    variant = InlineVariant(SAMPLE_10K)
    edit(variant)
    return variant.write(tmp_path / "10k" / "filing.htm")


def eight_k(tmp_path: Path, edit: Callable[[InlineVariant], Any]) -> Path:
    variant = InlineVariant(SAMPLE_8K)
    edit(variant)
    return variant.write(tmp_path / "8k" / "filing.htm")


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_samples_raise_no_warning_or_error(load: Any, sample: Path) -> None:
    loaded = load(sample)

    assert loaded.success
    assert loaded.cyber_codes == []
    problems = [m for m in loaded.messages if m["levelname"] in ("ERROR", "WARNING")]
    assert problems == []


# missingDisclosure


def test_missing_disclosure_fires_on_a_recent_10k_without_cyd_facts(load: Any, tmp_path: Path) -> None:
    path = replace_text(SAMPLE_10K, tmp_path / "filing.htm", (CYD_2024, NOT_CYD))

    found = reported(load(path), "CYBER.missingDisclosure")

    assert [(f.level, f.fact_ids) for f in found] == [("ERROR", ())]
    assert "exhibit" in load(path).messages_with("CYBER.missingDisclosure")[0]["msg"]


@pytest.mark.parametrize(
    "edit",
    [
        (),
        (
            (CYD_2024, NOT_CYD),
            (
                'format="ixt:fixed-false">false</ix:nonNumeric>',
                'format="ixt:fixed-true">true</ix:nonNumeric>',
            ),
        ),
        ((CYD_2024, NOT_CYD), ("December 31, 2024</ix:nonNumeric>", "December 14, 2024</ix:nonNumeric>")),
        ((CYD_2024, NOT_CYD), ("10-K</ix:nonNumeric>", "10-Q</ix:nonNumeric>")),
    ],
    ids=["tagged", "amendment", "period-before-2024-12-15", "not-annual"],
)
def test_missing_disclosure_silent(load: Any, tmp_path: Path, edit: tuple[tuple[str, str], ...]) -> None:
    path = replace_text(SAMPLE_10K, tmp_path / "filing.htm", *edit)

    assert reported(load(path), "CYBER.missingDisclosure") == []


def test_missing_disclosure_silent_for_transition_report(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: v.set("dei-DocumentTransitionReport", format="ixt:fixed-true"))
    path = replace_text(path, tmp_path / "t" / "filing.htm", (CYD_2024, NOT_CYD))

    assert reported(load(path), "CYBER.missingDisclosure") == []


# missingElement


def test_missing_element_lists_what_is_missing(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: (v.unwrap(TEXT_BOARD), v.unwrap(FLAG_REPORTS)))
    loaded = load(path)

    found = reported(loaded, "CYBER.missingElement")

    assert [(f.level, f.fact_ids) for f in found] == [("WARNING", ())]
    message = loaded.messages_with("CYBER.missingElement")[0]["msg"]
    assert "13 of the 15" in message
    assert "Board of Directors Oversight [Text Block]" in message
    assert "Report to Board [Flag]" in message


def test_missing_element_silent_without_the_optional_materially_affected_text(
    load: Any, tmp_path: Path
) -> None:
    path = ten_k(tmp_path, lambda v: v.unwrap("cyd-07"))

    assert reported(load(path), "CYBER.missingElement") == []


# flagWithoutText / textWithoutFlag / flagFalseWithText


def test_flag_without_text_fires(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: v.unwrap(TEXT_POSITIONS))

    assert reported(load(path), "CYBER.flagWithoutText") == [
        Reported("CYBER.flagWithoutText", "WARNING", (FLAG_POSITIONS,))
    ]


def test_flag_without_text_silent_when_flag_false(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: (v.unwrap("cyd-07"), v.set(FLAG_MATERIAL, format="ixt:fixed-false")))

    assert reported(load(path), "CYBER.flagWithoutText") == []


def test_text_without_flag_fires(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: v.unwrap(FLAG_INTEGRATED))

    assert reported(load(path), "CYBER.textWithoutFlag") == [
        Reported("CYBER.textWithoutFlag", "WARNING", (TEXT_INTEGRATED,))
    ]


def test_text_without_flag_silent_when_flag_is_false(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: v.set(FLAG_INTEGRATED, format="ixt:fixed-false"))

    assert reported(load(path), "CYBER.textWithoutFlag") == []


def test_flag_false_with_text_fires(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: v.set(FLAG_INTEGRATED, format="ixt:fixed-false"))

    assert reported(load(path), "CYBER.flagFalseWithText") == [
        Reported("CYBER.flagFalseWithText", "WARNING", (FLAG_INTEGRATED, TEXT_INTEGRATED))
    ]


def test_flag_false_with_text_silent_when_text_denies_it(load: Any, tmp_path: Path) -> None:
    path = ten_k(
        tmp_path,
        lambda v: (
            v.set(FLAG_INTEGRATED, format="ixt:fixed-false"),
            v.set_text(
                TEXT_INTEGRATED,
                "Our cybersecurity risk management processes are not integrated into our overall risk "
                "management system; they are run separately by the IT department.",
            ),
        ),
    )

    assert reported(load(path), "CYBER.flagFalseWithText") == []


# duplicates


def test_inconsistent_duplicate_is_an_error(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: v.copy_fact(FLAG_THIRD_PARTY, "cyd-04-again", format="ixt:fixed-false"))
    loaded = load(path)

    assert reported(loaded, "CYBER.inconsistentDuplicate") == [
        Reported("CYBER.inconsistentDuplicate", "ERROR", (FLAG_THIRD_PARTY, "cyd-04-again"))
    ]
    assert reported(loaded, "CYBER.duplicate") == []


def test_consistent_duplicate_is_info(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: v.copy_fact(FLAG_THIRD_PARTY, "cyd-04-again"))
    loaded = load(path)

    assert reported(loaded, "CYBER.duplicate") == [
        Reported("CYBER.duplicate", "INFO", (FLAG_THIRD_PARTY, "cyd-04-again"))
    ]
    assert reported(loaded, "CYBER.inconsistentDuplicate") == []


def test_same_concept_in_another_language_is_no_duplicate(load: Any, tmp_path: Path) -> None:
    path = ten_k(
        tmp_path,
        lambda v: v.copy_fact(
            TEXT_COMMITTEE, "cyd-09-fr", **{"{http://www.w3.org/XML/1998/namespace}lang": "fr"}
        ),
    )
    loaded = load(path)

    assert reported(loaded, "CYBER.duplicate") == reported(loaded, "CYBER.inconsistentDuplicate") == []


# contexts


def test_period_mismatch_fires_for_a_quarter(load: Any, tmp_path: Path) -> None:
    path = ten_k(
        tmp_path,
        lambda v: (v.add_context("c-q4", start="2024-10-01"), v.set(TEXT_EXPERTISE, contextRef="c-q4")),
    )

    assert reported(load(path), "CYBER.periodMismatch") == [
        Reported("CYBER.periodMismatch", "WARNING", (TEXT_EXPERTISE,))
    ]


def test_period_mismatch_silent_on_an_equivalent_fiscal_year_context(load: Any, tmp_path: Path) -> None:
    path = ten_k(
        tmp_path, lambda v: (v.add_context("c-fy-copy"), v.set(TEXT_EXPERTISE, contextRef="c-fy-copy"))
    )

    assert reported(load(path), "CYBER.periodMismatch") == []


def test_dimensional_context_fires(load: Any, tmp_path: Path) -> None:
    path = ten_k(
        tmp_path,
        lambda v: (
            v.add_context("c-seg", dimension=("dei:LegalEntityAxis", "dei:EntityDomain")),
            v.set(TEXT_EXPERTISE, contextRef="c-seg"),
        ),
    )

    assert reported(load(path), "CYBER.dimensionalContext") == [
        Reported("CYBER.dimensionalContext", "WARNING", (TEXT_EXPERTISE,))
    ]


def test_entity_mismatch_fires(load: Any, tmp_path: Path) -> None:
    path = ten_k(
        tmp_path,
        lambda v: (v.add_context("c-other", cik="0000000042"), v.set(TEXT_EXPERTISE, contextRef="c-other")),
    )

    assert reported(load(path), "CYBER.entityMismatch") == [
        Reported("CYBER.entityMismatch", "ERROR", (TEXT_EXPERTISE,))
    ]


@pytest.mark.parametrize("code", ["CYBER.dimensionalContext", "CYBER.entityMismatch", "CYBER.periodMismatch"])
def test_context_rules_silent_on_the_fiscal_year_context(load: Any, code: str) -> None:
    assert reported(load(SAMPLE_10K), code) == []


# values


@pytest.mark.parametrize("edit", ["empty", "nil"])
def test_empty_text_block_fires(load: Any, tmp_path: Path, edit: str) -> None:
    path = ten_k(
        tmp_path,
        lambda v: v.set_text(TEXT_COMMITTEE, "  ") if edit == "empty" else v.make_nil(TEXT_COMMITTEE),
    )

    assert reported(load(path), "CYBER.emptyTextBlock") == [
        Reported("CYBER.emptyTextBlock", "WARNING", (TEXT_COMMITTEE,))
    ]


def test_empty_text_block_silent_on_short_text(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: v.set_text(TEXT_COMMITTEE, "audit committee"))

    assert reported(load(path), "CYBER.emptyTextBlock") == []


@pytest.mark.parametrize("edit", ["bad-ballot", "nil"])
def test_invalid_flag_fires(load: Any, tmp_path: Path, edit: str) -> None:
    path = ten_k(
        tmp_path,
        lambda v: v.set_text(FLAG_REPORTS, "X") if edit == "bad-ballot" else v.make_nil(FLAG_REPORTS),
    )

    assert reported(load(path), "CYBER.invalidFlag") == [
        Reported("CYBER.invalidFlag", "ERROR", (FLAG_REPORTS,))
    ]


@pytest.mark.parametrize("ballot", ["\u2610", "\u2611", " \u2612 "])
def test_invalid_flag_silent_on_every_ballot_box(load: Any, tmp_path: Path, ballot: str) -> None:
    path = ten_k(tmp_path, lambda v: v.set_text(FLAG_REPORTS, ballot))
    loaded = load(path)

    assert reported(loaded, "CYBER.invalidFlag") == []
    assert loaded.disclosure.first(
        "CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag"
    ).value is (ballot.strip() != "\u2610")


def test_hidden_fact_fires(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: v.hide(FLAG_THIRD_PARTY))

    assert reported(load(path), "CYBER.hiddenFact") == [
        Reported("CYBER.hiddenFact", "WARNING", (FLAG_THIRD_PARTY,))
    ]


def test_hidden_fact_silent_for_hidden_dei(load: Any) -> None:
    loaded = load(SAMPLE_10K)

    assert loaded.disclosure.filing.cik == "0001999902"  # read from ix:hidden
    assert reported(loaded, "CYBER.hiddenFact") == []


# form and taxonomy


def test_form_mismatch_incident_elements_in_a_10k(load: Any, tmp_path: Path) -> None:
    path = replace_text(SAMPLE_8K, tmp_path / "filing.htm", (">8-K</ix:nonNumeric>", ">10-K</ix:nonNumeric>"))

    found = reported(load(path), "CYBER.formMismatch")

    assert [(f.level, f.fact_ids) for f in found] == [
        ("WARNING", ("cyd-nature", "cyd-scope", "cyd-timing", "cyd-impact"))
    ]


def test_form_mismatch_annual_elements_in_an_8k(load: Any, tmp_path: Path) -> None:
    path = replace_text(
        SAMPLE_10K, tmp_path / "filing.htm", (">10-K</ix:nonNumeric>", ">8-K</ix:nonNumeric>")
    )

    found = reported(load(path), "CYBER.formMismatch")

    assert len(found) == 1 and len(found[0].fact_ids) == 16


@pytest.mark.parametrize("sample", [SAMPLE_8K, SAMPLE_10K], ids=["8-K", "10-K"])
def test_form_mismatch_silent_on_matching_forms(load: Any, sample: Path) -> None:
    assert reported(load(sample), "CYBER.formMismatch") == []


def test_taxonomy_year_differs_from_dei(load: Any, tmp_path: Path) -> None:
    path = replace_text(SAMPLE_10K, tmp_path / "filing.htm", ("/cyd/2024", "/cyd/2025"))
    loaded = load(path)

    found = reported(loaded, "CYBER.taxonomyYear")

    assert len(found) == 1 and found[0].level == "WARNING" and len(found[0].fact_ids) == 16
    assert (
        "2025 differs from the dei taxonomy year 2024" in loaded.messages_with("CYBER.taxonomyYear")[0]["msg"]
    )


def test_taxonomy_year_mixed_cyd_years(load: Any, tmp_path: Path) -> None:
    path = replace_text(
        SAMPLE_10K,
        tmp_path / "filing.htm",
        (CYD_2024, CYD_2024 + ' xmlns:cyd25="http://xbrl.sec.gov/cyd/2025"'),
        (
            'name="cyd:CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"',
            'name="cyd25:CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"',
        ),
    )
    loaded = load(path)

    assert "mixes cyd taxonomy years 2024, 2025" in loaded.messages_with("CYBER.taxonomyYear")[0]["msg"]


def test_taxonomy_year_silent_when_years_agree(load: Any) -> None:
    assert reported(load(SAMPLE_10K), "CYBER.taxonomyYear") == []


def test_unknown_concept_fires_and_is_still_extracted(load: Any, tmp_path: Path) -> None:
    typo = "cyd:CybersecurityRiskManagementExpertiseOfManagmentResponsibleTextBlock"
    path = ten_k(tmp_path, lambda v: v.rename(TEXT_EXPERTISE, typo))
    loaded = load(path)

    assert reported(loaded, "CYBER.unknownConcept") == [
        Reported("CYBER.unknownConcept", "WARNING", (TEXT_EXPERTISE,))
    ]
    unknown = loaded.disclosure.facts_for(typo.partition(":")[2])
    assert len(unknown) == 1 and not unknown[0].concept.known and unknown[0].value.startswith("Our CISO")


def test_unknown_concept_silent_on_catalogued_names(load: Any) -> None:
    assert reported(load(SAMPLE_10K), "CYBER.unknownConcept") == []


# incidents


def test_incident_incomplete_fires(load: Any, tmp_path: Path) -> None:
    path = eight_k(tmp_path, lambda v: v.unwrap("cyd-timing"))
    loaded = load(path)

    assert reported(loaded, "CYBER.incidentIncomplete") == [
        Reported("CYBER.incidentIncomplete", "WARNING", ("cyd-nature", "cyd-scope", "cyd-impact"))
    ]
    assert "Timing" in loaded.messages_with("CYBER.incidentIncomplete")[0]["msg"]


def test_incident_incomplete_silent_with_information_not_available(load: Any, tmp_path: Path) -> None:
    path = eight_k(
        tmp_path,
        lambda v: v.rename(
            "cyd-timing", "cyd:MaterialCybersecurityIncidentInformationNotAvailableOrUndeterminedTextBlock"
        ),
    )

    assert reported(load(path), "CYBER.incidentIncomplete") == []


def test_incident_not_tagged_fires_with_item_105(load: Any, tmp_path: Path) -> None:
    path = replace_text(SAMPLE_8K, tmp_path / "filing.htm", (CYD_2024, NOT_CYD))

    found = reported(load(path, cyber8kItems="1.05,9.01"), "CYBER.incidentNotTagged")

    assert [(f.level, f.fact_ids) for f in found] == [("WARNING", ())]


@pytest.mark.parametrize("items", ["1.05,9.01", None])
def test_incident_not_tagged_silent(load: Any, tmp_path: Path, items: str | None) -> None:
    # Tagged with 1.05 listed, or untagged without an item list.
    path = SAMPLE_8K if items else replace_text(SAMPLE_8K, tmp_path / "filing.htm", (CYD_2024, NOT_CYD))
    options = {"cyber8kItems": items} if items else {}

    assert reported(load(path, **options), "CYBER.incidentNotTagged") == []


def test_incident_not_tagged_silent_without_item_105(load: Any, tmp_path: Path) -> None:
    path = replace_text(SAMPLE_8K, tmp_path / "filing.htm", (CYD_2024, NOT_CYD))

    assert reported(load(path, cyber8kItems="8.01,9.01"), "CYBER.incidentNotTagged") == []


# textContradictsFlag


def test_text_contradicts_materially_affected_true(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: v.set(FLAG_MATERIAL, format="ixt:fixed-true"))
    loaded = load(path)

    assert reported(loaded, "CYBER.textContradictsFlag") == [
        Reported("CYBER.textContradictsFlag", "WARNING", (FLAG_MATERIAL, "cyd-07"))
    ]
    assert "have not materially affected" in loaded.messages_with("CYBER.textContradictsFlag")[0]["msg"]


def test_text_contradicts_third_party_engaged_false(load: Any, tmp_path: Path) -> None:
    path = ten_k(tmp_path, lambda v: v.set(FLAG_THIRD_PARTY, format="ixt:fixed-false"))

    assert reported(load(path), "CYBER.textContradictsFlag") == [
        Reported("CYBER.textContradictsFlag", "WARNING", (FLAG_THIRD_PARTY, "cyd-01"))
    ]


def test_text_contradicts_flag_silent_on_a_denial(load: Any, tmp_path: Path) -> None:
    path = ten_k(
        tmp_path,
        lambda v: (
            v.set(FLAG_THIRD_PARTY, format="ixt:fixed-false"),
            v.set_text(FLAG_THIRD_PARTY, "We do not engage third-party assessors or consultants"),
            v.set_text("cyd-03", "Our processes are integrated into enterprise risk management."),
        ),
    )

    assert reported(load(path), "CYBER.textContradictsFlag") == []
