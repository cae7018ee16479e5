"""textContradictsFlag and flagFalseWithText on real sentences from the SEC's population sample:
hedged, conditional and delegated statements claim nothing, a denial must cover "reasonably
likely", and statements made outright still count."""

from __future__ import annotations

from cyber_plugin.checks import text
from cyber_plugin.core.catalogue import (
    MATERIALLY_AFFECTED_FLAG,
    POSITIONS_RESPONSIBLE_FLAG,
    TEXT_BLOCK_FOR_FLAG,
    THIRD_PARTY_ENGAGED_FLAG,
)
from cyber_plugin.core.disclosure import Disclosure
from cyber_plugin.core.settings import RuleSettings

from .support.population import annual_disclosure, disclosure_of, population, sentence_from

PROCESSES_TEXT = "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock"
INFORMING_MANAGEMENT_TEXT = "CybersecurityRiskProcessForInformingManagementOrCommitteesResponsibleTextBlock"
MATERIALLY_AFFECTED_TEXT = TEXT_BLOCK_FOR_FLAG[MATERIALLY_AFFECTED_FLAG].local_name
POSITIONS_TEXT = TEXT_BLOCK_FOR_FLAG[POSITIONS_RESPONSIBLE_FLAG].local_name


def contradictions(disclosure: Disclosure) -> list[str]:
    return [f.message for f in text.textContradictsFlag(disclosure, RuleSettings())]


def false_flags_with_text(disclosure: Disclosure) -> list[str]:
    return [f.message for f in text.flagFalseWithText(disclosure, RuleSettings())]


def third_party_false_beside(sentence: str) -> Disclosure:
    return annual_disclosure(**{THIRD_PARTY_ENGAGED_FLAG: False, PROCESSES_TEXT: sentence})


def test_may_engage_is_no_engagement() -> None:
    sentence = sentence_from(
        population()["0001079973-25-000490"], PROCESSES_TEXT, "The Company may use third-party programs"
    )
    assert "may use third-party programs and software and engage assessors, consultants" in sentence

    assert contradictions(third_party_false_beside(sentence)) == []
    stated = sentence.replace("may use", "uses").replace("and engage assessors", "and engages assessors")
    assert len(contradictions(third_party_false_beside(stated))) == 1


def test_relying_on_an_adviser_to_engage_is_no_engagement_by_the_company() -> None:
    sentence = sentence_from(
        population()["0001213900-25-027110"], PROCESSES_TEXT, "The Company relies on the Investment Adviser"
    )
    assert sentence.startswith("The Company relies on the Investment Adviser to engage external experts")

    assert contradictions(third_party_false_beside(sentence)) == []
    stated = sentence.replace("relies on the Investment Adviser to engage", "engages")
    assert len(contradictions(third_party_false_beside(stated))) == 1


def test_what_management_will_do_in_the_event_of_an_incident_is_no_standing_responsibility() -> None:
    sentence = sentence_from(
        population()["0001104659-26-036811"], INFORMING_MANAGEMENT_TEXT, "In the event of a cybersecurity"
    )
    assert "the management team will report to our board of directors" in sentence

    def positions_false_beside(statement: str) -> Disclosure:
        return annual_disclosure(**{POSITIONS_RESPONSIBLE_FLAG: False, POSITIONS_TEXT: statement})

    assert false_flags_with_text(positions_false_beside(sentence)) == []
    standing = sentence.replace(
        "In the event of a cybersecurity incident impacting us, the management team will report",
        "The management team reports",
    )
    assert len(false_flags_with_text(positions_false_beside(standing))) == 1


def materially_affected_true_beside(sentence: str) -> Disclosure:
    return annual_disclosure(**{MATERIALLY_AFFECTED_FLAG: True, MATERIALLY_AFFECTED_TEXT: sentence})


def test_not_affected_to_date_says_nothing_of_reasonably_likely() -> None:
    sentence = sentence_from(
        population()["0001174947-26-000299"], MATERIALLY_AFFECTED_TEXT, "While we have experienced"
    )
    assert sentence.endswith("have not materially affected the Corporation to date.")

    assert contradictions(materially_affected_true_beside(sentence)) == []


def test_a_denial_that_covers_reasonably_likely_contradicts_a_true_flag() -> None:
    sentence = sentence_from(
        population()["0001213900-25-025843"], MATERIALLY_AFFECTED_TEXT, "Cybersecurity threats have not"
    )
    assert "have not materially affected, and are not reasonably likely to affect" in sentence

    found = contradictions(materially_affected_true_beside(sentence))

    assert len(found) == 1 and "not reasonably likely" in found[0]


def test_a_denial_turned_around_by_but_is_none() -> None:
    sentence = (
        "Risks from cybersecurity threats have not materially affected us, but we face ongoing risks "
        "that, if realized, are reasonably likely to have such an effect."
    )

    assert contradictions(materially_affected_true_beside(sentence)) == []


def test_on_the_population_sample_only_the_real_contradiction_is_reported() -> None:
    """Of the 200 real filings, one tags the materially-affected flag true beside "we are not aware
    of any previous cybersecurity threats that have materially affected or are reasonably likely to
    materially affect the Partnership": a real contradiction. Every other filing is left alone."""
    findings = {
        accession: contradictions(disclosure_of(filing)) + false_flags_with_text(disclosure_of(filing))
        for accession, filing in population().items()
    }

    reported = {accession: messages for accession, messages in findings.items() if messages}
    assert list(reported) == ["0001070423-25-000006"]
    assert "we are not aware of any previous cybersecurity threats" in reported["0001070423-25-000006"][0]
    assert len(findings) == 200
