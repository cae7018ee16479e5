"""Every rule: a filing that makes it fire, and one where it must stay silent.

The rules are pure functions of a Disclosure, so most tests run them on hand-built ones
(tests/support/builder.py, shaped like the bundled samples). A few runs through Arelle per rule family
prove the wiring: each finding logged under its code and level, referring to the facts it names.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from cyber_plugin import checks
from cyber_plugin.checks import REGISTRY, RULE_CODES, run_checks
from cyber_plugin.checks.rule import Rule, rule_mark
from cyber_plugin.core.catalogue import INCIDENT_INFORMATION_NOT_AVAILABLE
from cyber_plugin.core.disclosure import CydFact, Disclosure
from cyber_plugin.core.section import Section
from cyber_plugin.core.settings import INCIDENT_ITEM, RuleSettings

from .support.builder import ITEM_1C, Filing, annual_report, cyd_namespace, incident_report, item_1c
from .support.loads import Loaded
from .support.paths import ALL_SAMPLES, SAMPLE_8K, SAMPLE_10K
from .support.variants import InlineVariant, replace_text

CYD_2024 = 'xmlns:cyd="http://xbrl.sec.gov/cyd/2024"'
NOT_CYD = 'xmlns:cyd="http://harborpoint.example/cyber/2024"'
TEXT_PROCESSES = "cyd-01"
FLAG_INTEGRATED = "cyd-02"
TEXT_INTEGRATED = "cyd-03"
FLAG_THIRD_PARTY = "cyd-04"
FLAG_OVERSIGHT = "cyd-05"
FLAG_MATERIAL = "cyd-06"
TEXT_MATERIAL = "cyd-07"
TEXT_BOARD = "cyd-08"
TEXT_COMMITTEE = "cyd-09"
TEXT_INFORMING_COMMITTEE = "cyd-10"
TEXT_ROLE = "cyd-11"
FLAG_POSITIONS = "cyd-12"
TEXT_POSITIONS = "cyd-13"
TEXT_EXPERTISE = "cyd-14"
TEXT_INFORMING_MANAGEMENT = "cyd-15"
FLAG_REPORTS = "cyd-16"
INCIDENT_FACTS = ("cyd-nature", "cyd-scope", "cyd-timing", "cyd-impact")
TYPO = "CybersecurityRiskManagementExpertiseOfManagmentResponsibleTextBlock"
ITEMS_WITH_105 = (INCIDENT_ITEM, "9.01")


@dataclass(frozen=True)
class Reported:
    code: str
    level: str
    fact_ids: tuple[str, ...]


def reported(filing: Filing | Disclosure, code: str, settings: RuleSettings | None = None) -> list[Reported]:
    """The findings of one rule on a hand-built filing, as Arelle would log them."""
    return [Reported(f.code, f.severity.arelle_level, f.fact_ids) for f in findings(filing, code, settings)]


def findings(filing: Filing | Disclosure, code: str, settings: RuleSettings | None = None) -> list[Any]:
    disclosure = filing.build() if isinstance(filing, Filing) else filing
    return [f for f in run_checks(disclosure, settings or RuleSettings()) if f.code == code]


def message(filing: Filing, code: str) -> str:
    return findings(filing, code)[0].message


def marked_functions() -> dict[str, Callable[..., Any]]:
    """Every function that @rule marks in the modules of cyber_plugin/checks, by qualified name."""
    found = {}
    for info in pkgutil.iter_modules(checks.__path__):
        module = importlib.import_module(f"{checks.__name__}.{info.name}")
        for function in vars(module).values():
            if rule_mark(function) is not None and function.__module__ == module.__name__:
                found[f"{module.__name__}.{function.__qualname__}"] = function
    return found


def test_every_rule_is_registered_and_everything_registered_is_a_rule() -> None:
    """A rule left out of REGISTRY would never run; REGISTRY takes only functions @rule marks."""
    marked = marked_functions()
    registered = {
        f"{rule.function.__module__}.{rule.function.__qualname__}": rule.function for rule in REGISTRY
    }

    assert sorted(set(marked) - set(registered)) == [], "marked with @rule but missing from REGISTRY"
    assert sorted(set(registered) - set(marked)) == [], "in REGISTRY but not a rule of cyber_plugin/checks"
    assert len(REGISTRY) == len(registered) and len(set(RULE_CODES)) == len(RULE_CODES), "listed twice"


def test_registry_takes_only_marked_functions() -> None:
    def notARule(disclosure: Disclosure, settings: RuleSettings) -> Any:
        return iter(())

    with pytest.raises(TypeError, match="notARule is not marked with @rule"):
        Rule.of(notARule)


@pytest.mark.parametrize(
    "filing",
    [annual_report(), annual_report(form="20-F"), incident_report()],
    ids=["10-K", "20-F", "8-K"],
)
def test_complete_hand_built_filings_have_no_finding(filing: Filing) -> None:
    assert run_checks(filing.build(), RuleSettings(eight_k_items=ITEMS_WITH_105)) == ()


# missingDisclosure


def test_missing_disclosure_fires_on_a_recent_10k_without_cyd_facts() -> None:
    filing = annual_report().unwrap_all()

    assert reported(filing, "CYBER.missingDisclosure") == [Reported("CYBER.missingDisclosure", "ERROR", ())]
    assert "exhibit" in message(filing, "CYBER.missingDisclosure")


@pytest.mark.parametrize(
    "filing",
    [
        annual_report(),
        annual_report(amendment=True).unwrap_all(),
        annual_report(form="10-K/A", amendment=None).unwrap_all(),
        annual_report(period_end="2024-12-14").unwrap_all(),
        annual_report(form="10-Q").unwrap_all(),
        annual_report(transition=True).unwrap_all(),
    ],
    ids=["tagged", "amendment", "amendment-form", "period-before-2024-12-15", "not-annual", "transition"],
)
def test_missing_disclosure_silent(filing: Filing) -> None:
    assert reported(filing, "CYBER.missingDisclosure") == []


# missingElement


def test_missing_element_lists_what_is_missing() -> None:
    filing = annual_report().unwrap(TEXT_BOARD).unwrap(FLAG_REPORTS)

    assert reported(filing, "CYBER.missingElement") == [Reported("CYBER.missingElement", "WARNING", ())]
    text = message(filing, "CYBER.missingElement")
    assert "13 of the 15" in text
    assert "Board of Directors Oversight [Text Block]" in text
    assert "Report to Board [Flag]" in text


def test_missing_element_silent_without_the_optional_materially_affected_text() -> None:
    assert reported(annual_report().unwrap(TEXT_MATERIAL), "CYBER.missingElement") == []


def test_missing_element_names_the_paragraph_most_likely_to_answer_each_missing_text_block() -> None:
    filing = annual_report().unwrap(TEXT_EXPERTISE).unwrap(TEXT_INFORMING_MANAGEMENT).as_filed(item_1c())
    scores = filing.build().section_scores
    assert scores is not None
    expertise = scores.best_paragraph(annual_report().fact(TEXT_EXPERTISE).local_name)
    assert expertise is not None and expertise[0] == len(ITEM_1C) - 1

    text = message(filing, "CYBER.missingElement")

    assert text.endswith(
        " The paragraph of Item 1C most likely to answer a missing text block (the suggestion model's "
        "score, 0 to 1): Cybersecurity Risk Management Expertise of Management Responsible: line 9 “Our "
        f"Chief Information Security Officer has more than…” ({expertise[1].score:.2f}). No paragraph of "
        "Item 1C reads clearly like the other missing text blocks: Cybersecurity Risk Process for Informing "
        "Management or Committees Responsible."
    )


@pytest.mark.parametrize(
    ("section", "sentence"),
    [
        (None, None),  # no section as filed: the finding lists what is missing, as before
        (
            item_1c(len(ITEM_1C) - 1),
            "No paragraph of Item 1C reads clearly like any missing text block: Cybersecurity Risk "
            "Management Expertise of Management Responsible.",
        ),
    ],
    ids=["no-section", "expertise-paragraph-left-out"],
)
def test_missing_element_names_no_paragraph_when_none_reads_like_it(
    section: Section | None, sentence: str | None
) -> None:
    filing = annual_report().unwrap(TEXT_EXPERTISE)
    text = message(filing.as_filed(section) if section else filing, "CYBER.missingElement")

    assert ("reads clearly like" in text) is (sentence is not None)
    assert "most likely to answer" not in text
    assert sentence is None or text.endswith(f"passage that answers it). {sentence}")


# flagWithoutText / textWithoutFlag / flagFalseWithText


@pytest.mark.parametrize(
    ("filing", "fact_ids"),
    [
        (annual_report().unwrap(TEXT_POSITIONS), (FLAG_POSITIONS,)),
        (annual_report().set_text(TEXT_POSITIONS, " "), (FLAG_POSITIONS, TEXT_POSITIONS)),
    ],
    ids=["not-tagged", "empty"],
)
def test_flag_without_text_fires(filing: Filing, fact_ids: tuple[str, ...]) -> None:
    assert reported(filing, "CYBER.flagWithoutText") == [
        Reported("CYBER.flagWithoutText", "WARNING", fact_ids)
    ]


def test_flag_without_text_silent_when_flag_false() -> None:
    filing = annual_report().unwrap(TEXT_MATERIAL).set(FLAG_MATERIAL, value=False)

    assert reported(filing, "CYBER.flagWithoutText") == []


def test_text_without_flag_fires() -> None:
    assert reported(annual_report().unwrap(FLAG_INTEGRATED), "CYBER.textWithoutFlag") == [
        Reported("CYBER.textWithoutFlag", "WARNING", (TEXT_INTEGRATED,))
    ]


def test_text_without_flag_silent_when_flag_is_false() -> None:
    assert reported(annual_report().set(FLAG_INTEGRATED, value=False), "CYBER.textWithoutFlag") == []


def test_flag_false_with_text_fires() -> None:
    assert reported(annual_report().set(FLAG_INTEGRATED, value=False), "CYBER.flagFalseWithText") == [
        Reported("CYBER.flagFalseWithText", "WARNING", (FLAG_INTEGRATED, TEXT_INTEGRATED))
    ]


def test_flag_false_with_text_silent_when_text_denies_it() -> None:
    filing = (
        annual_report()
        .set(FLAG_INTEGRATED, value=False)
        .set_text(
            TEXT_INTEGRATED,
            "Our cybersecurity risk management processes are not integrated into our overall risk "
            "management system; they are run separately by the IT department.",
        )
    )

    assert reported(filing, "CYBER.flagFalseWithText") == []


# duplicates


def test_inconsistent_duplicate_is_an_error() -> None:
    filing = annual_report().copy_fact(FLAG_THIRD_PARTY, "cyd-04-again", value=False)

    assert reported(filing, "CYBER.inconsistentDuplicate") == [
        Reported("CYBER.inconsistentDuplicate", "ERROR", (FLAG_THIRD_PARTY, "cyd-04-again"))
    ]
    assert reported(filing, "CYBER.duplicate") == []


def test_consistent_duplicate_is_info() -> None:
    filing = annual_report().copy_fact(FLAG_THIRD_PARTY, "cyd-04-again")

    assert reported(filing, "CYBER.duplicate") == [
        Reported("CYBER.duplicate", "INFO", (FLAG_THIRD_PARTY, "cyd-04-again"))
    ]
    assert reported(filing, "CYBER.inconsistentDuplicate") == []


@pytest.mark.parametrize(
    "filing",
    [
        annual_report().copy_fact(TEXT_COMMITTEE, "cyd-09-fr", language="fr"),
        annual_report().context("c-q4", start="2024-10-01").copy_fact(TEXT_COMMITTEE, "q4", context="c-q4"),
    ],
    ids=["another-language", "another-period"],
)
def test_same_concept_in_another_language_or_context_is_no_duplicate(filing: Filing) -> None:
    assert reported(filing, "CYBER.duplicate") == reported(filing, "CYBER.inconsistentDuplicate") == []


# contexts


def test_period_mismatch_fires_for_a_quarter() -> None:
    filing = annual_report().context("c-q4", start="2024-10-01").set(TEXT_EXPERTISE, context="c-q4")

    assert reported(filing, "CYBER.periodMismatch") == [
        Reported("CYBER.periodMismatch", "WARNING", (TEXT_EXPERTISE,))
    ]


def test_period_mismatch_silent_on_an_equivalent_fiscal_year_context() -> None:
    filing = annual_report().context("c-fy-copy").set(TEXT_EXPERTISE, context="c-fy-copy")

    assert reported(filing, "CYBER.periodMismatch") == []


def test_dimensional_context_fires() -> None:
    filing = (
        annual_report()
        .context("c-seg", dimension=("dei:LegalEntityAxis", "dei:EntityDomain"))
        .set(TEXT_EXPERTISE, context="c-seg")
    )

    assert reported(filing, "CYBER.dimensionalContext") == [
        Reported("CYBER.dimensionalContext", "WARNING", (TEXT_EXPERTISE,))
    ]


def test_entity_mismatch_fires() -> None:
    filing = annual_report().context("c-other", cik="0000000042").set(TEXT_EXPERTISE, context="c-other")

    assert reported(filing, "CYBER.entityMismatch") == [
        Reported("CYBER.entityMismatch", "ERROR", (TEXT_EXPERTISE,))
    ]


@pytest.mark.parametrize("code", ["CYBER.dimensionalContext", "CYBER.entityMismatch", "CYBER.periodMismatch"])
def test_context_rules_silent_on_the_fiscal_year_context(code: str) -> None:
    assert reported(annual_report(), code) == []


def test_entity_mismatch_silent_when_the_cik_differs_only_in_leading_zeros() -> None:
    filing = annual_report().context("c-short", cik="1999902").set(TEXT_EXPERTISE, context="c-short")

    assert reported(filing, "CYBER.entityMismatch") == []


# values


@pytest.mark.parametrize("edit", ["empty", "nil"])
def test_empty_text_block_fires(edit: str) -> None:
    filing = annual_report()
    filing = filing.set_text(TEXT_COMMITTEE, "  ") if edit == "empty" else filing.make_nil(TEXT_COMMITTEE)

    assert reported(filing, "CYBER.emptyTextBlock") == [
        Reported("CYBER.emptyTextBlock", "WARNING", (TEXT_COMMITTEE,))
    ]


def test_empty_text_block_silent_on_short_text() -> None:
    assert reported(annual_report().set_text(TEXT_COMMITTEE, "audit committee"), "CYBER.emptyTextBlock") == []


@pytest.mark.parametrize("edit", ["bad-ballot", "nil"])
def test_invalid_flag_fires(edit: str) -> None:
    filing = annual_report()
    filing = filing.set(FLAG_REPORTS, value="X") if edit == "bad-ballot" else filing.make_nil(FLAG_REPORTS)

    assert reported(filing, "CYBER.invalidFlag") == [Reported("CYBER.invalidFlag", "ERROR", (FLAG_REPORTS,))]


@pytest.mark.parametrize("value", [True, False])
def test_invalid_flag_silent_on_either_boolean(value: bool) -> None:
    assert reported(annual_report().set(FLAG_REPORTS, value=value), "CYBER.invalidFlag") == []


def test_hidden_fact_fires() -> None:
    assert reported(annual_report().hide(FLAG_THIRD_PARTY), "CYBER.hiddenFact") == [
        Reported("CYBER.hiddenFact", "WARNING", (FLAG_THIRD_PARTY,))
    ]


def test_hidden_fact_silent_when_nothing_is_hidden() -> None:
    assert reported(annual_report(), "CYBER.hiddenFact") == []


# form and taxonomy


def test_form_mismatch_incident_elements_in_a_10k() -> None:
    assert reported(incident_report(form="10-K"), "CYBER.formMismatch") == [
        Reported("CYBER.formMismatch", "WARNING", INCIDENT_FACTS)
    ]


def test_form_mismatch_annual_elements_in_an_8k() -> None:
    found = reported(annual_report(form="8-K"), "CYBER.formMismatch")

    assert len(found) == 1 and found[0].level == "WARNING" and len(found[0].fact_ids) == 16


@pytest.mark.parametrize("filing", [incident_report(), annual_report()], ids=["8-K", "10-K"])
def test_form_mismatch_silent_on_matching_forms(filing: Filing) -> None:
    assert reported(filing, "CYBER.formMismatch") == []


def test_taxonomy_year_differs_from_dei() -> None:
    filing = annual_report(cyd_year=2025)

    found = reported(filing, "CYBER.taxonomyYear")

    assert len(found) == 1 and found[0].level == "WARNING" and len(found[0].fact_ids) == 16
    assert "2025 differs from the dei taxonomy year 2024" in message(filing, "CYBER.taxonomyYear")


def test_taxonomy_year_mixed_cyd_years() -> None:
    filing = annual_report().set(TEXT_EXPERTISE, namespace=cyd_namespace(2025))

    assert "mixes cyd taxonomy years 2024, 2025" in message(filing, "CYBER.taxonomyYear")


def test_taxonomy_year_silent_when_years_agree() -> None:
    assert reported(annual_report(), "CYBER.taxonomyYear") == []


def test_unknown_concept_fires() -> None:
    assert reported(annual_report().rename(TEXT_EXPERTISE, TYPO), "CYBER.unknownConcept") == [
        Reported("CYBER.unknownConcept", "WARNING", (TEXT_EXPERTISE,))
    ]


def test_unknown_concept_silent_on_catalogued_names() -> None:
    assert reported(annual_report(), "CYBER.unknownConcept") == []


# incidents


def test_incident_incomplete_fires() -> None:
    filing = incident_report().unwrap("cyd-timing")

    assert reported(filing, "CYBER.incidentIncomplete") == [
        Reported("CYBER.incidentIncomplete", "WARNING", ("cyd-nature", "cyd-scope", "cyd-impact"))
    ]
    assert "Timing" in message(filing, "CYBER.incidentIncomplete")


def test_incident_incomplete_silent_with_information_not_available() -> None:
    filing = incident_report().rename("cyd-timing", INCIDENT_INFORMATION_NOT_AVAILABLE)

    assert reported(filing, "CYBER.incidentIncomplete") == []


def test_incident_not_tagged_fires_with_item_105() -> None:
    found = reported(
        incident_report().unwrap_all(), "CYBER.incidentNotTagged", RuleSettings(eight_k_items=ITEMS_WITH_105)
    )

    assert found == [Reported("CYBER.incidentNotTagged", "WARNING", ())]


@pytest.mark.parametrize(
    ("filing", "items"),
    [
        (incident_report(), ITEMS_WITH_105),
        (incident_report().unwrap_all(), ()),
        (incident_report().unwrap_all(), ("8.01", "9.01")),
    ],
    ids=["tagged", "no-item-list", "without-item-105"],
)
def test_incident_not_tagged_silent(filing: Filing, items: tuple[str, ...]) -> None:
    assert reported(filing, "CYBER.incidentNotTagged", RuleSettings(eight_k_items=items)) == []


# textContradictsFlag


def test_text_contradicts_materially_affected_true() -> None:
    filing = annual_report().set(FLAG_MATERIAL, value=True)

    assert reported(filing, "CYBER.textContradictsFlag") == [
        Reported("CYBER.textContradictsFlag", "WARNING", (FLAG_MATERIAL, TEXT_MATERIAL))
    ]
    assert "have not materially affected" in message(filing, "CYBER.textContradictsFlag")


def test_text_contradicts_third_party_engaged_false() -> None:
    assert reported(annual_report().set(FLAG_THIRD_PARTY, value=False), "CYBER.textContradictsFlag") == [
        Reported("CYBER.textContradictsFlag", "WARNING", (FLAG_THIRD_PARTY, TEXT_PROCESSES))
    ]


@pytest.mark.parametrize(
    "filing",
    [
        annual_report()
        .set(FLAG_THIRD_PARTY, value=False)
        .set_text(TEXT_PROCESSES, "We do not engage third-party assessors or consultants."),
        annual_report()
        .set(FLAG_MATERIAL, value=True)
        .set_text(TEXT_PROCESSES, "A ransomware attack in 2024 has materially affected our operations."),
    ],
    ids=["denial", "opposite-claim-elsewhere"],
)
def test_text_contradicts_flag_silent(filing: Filing) -> None:
    assert reported(filing, "CYBER.textContradictsFlag") == []


# textReadsLikeOther

EXPERTISE_TEXT = (
    "Our Chief Information Security Officer has over 20 years of experience in information security "
    "and holds the Certified Information Systems Security Professional certification."
)
INCIDENT_TEXT = (
    "On March 10, 2025, we detected that a threat actor had gained unauthorized access to certain of "
    "our information technology systems and encrypted files on servers that support our freight "
    "scheduling operations."
)


def test_text_reads_like_other_fires_on_an_incident_block_holding_management_expertise() -> None:
    filing = incident_report().set_text("cyd-nature", EXPERTISE_TEXT)

    assert reported(filing, "CYBER.textReadsLikeOther") == [
        Reported("CYBER.textReadsLikeOther", "INFO", ("cyd-nature",))
    ]
    assert message(filing, "CYBER.textReadsLikeOther").startswith(
        "Material Cybersecurity Incident Nature [Text Block] (id cyd-nature) reads far more like "
        "Cybersecurity Risk Management Expertise of Management Responsible (0.9"
    )


@pytest.mark.parametrize(
    "filing",
    [
        incident_report().set_text("cyd-nature", INCIDENT_TEXT),
        incident_report()
        .set_text("cyd-nature", EXPERTISE_TEXT)
        .text("CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock", EXPERTISE_TEXT, "copy"),
        annual_report().set_text(TEXT_EXPERTISE, EXPERTISE_TEXT),
    ],
    ids=["incident-text", "copied-into-the-element-it-reads-like", "its-own-element"],
)
def test_text_reads_like_other_silent(filing: Filing) -> None:
    assert reported(filing, "CYBER.textReadsLikeOther") == []


# Through Arelle: one load per rule family (two for incidents, whose rules need opposite filings).


def logged(loaded: Loaded, code: str) -> list[Reported]:
    """A rule's findings as Arelle logged them, with the ids of the facts each one refers to."""
    found = []
    for entry in loaded.messages_with(code):
        ids = tuple(
            ref["href"].rpartition("#")[2] for ref in entry.get("refs", []) if "#" in ref.get("href", "")
        )
        found.append(
            Reported(code, entry["levelname"], tuple(i for i in ids if not i.startswith("element(")))
        )
    return found


def logged_by_code(loaded: Loaded, expected: dict[str, list[tuple[str, tuple[str, ...]]]]) -> dict[str, Any]:
    """The (level, fact ids) that Arelle logged for each code of `expected`, to compare with it."""
    return {code: [(r.level, r.fact_ids) for r in logged(loaded, code)] for code in expected}


def ten_k(tmp_path: Path, edit: Callable[[InlineVariant], Any]) -> Path:
    variant = InlineVariant(SAMPLE_10K)
    edit(variant)
    return variant.write(tmp_path / "10k" / "filing.htm")


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_samples_raise_no_warning_or_error(sample_load: Any, sample: Path) -> None:
    loaded = sample_load(sample)

    assert loaded.success
    assert loaded.cyber_codes == []
    problems = [m for m in loaded.messages if m["levelname"] in ("ERROR", "WARNING")]
    assert problems == []


@pytest.mark.parametrize(
    ("filing", "sample"), [(annual_report(), SAMPLE_10K), (incident_report(), SAMPLE_8K)], ids=["10-K", "8-K"]
)
def test_hand_built_filings_are_the_samples_as_arelle_reads_them(
    filing: Filing, sample: Path, sample_load: Any
) -> None:
    """So that an edit of the hand-built filing stands for the same edit of the sample."""
    built, read = filing.build(), sample_load(sample).disclosure

    def shape(disclosure: Disclosure) -> list[CydFact]:
        """The facts without their text and source line (the hand-built text is shorter)."""
        return [
            replace(fact, value=fact.value if fact.is_flag else fact.has_text, html=None, line=None)
            for fact in disclosure.facts
        ]

    assert shape(built) == shape(read)
    assert (built.filing, built.cyd_namespaces, built.documents) == (
        read.filing,
        read.cyd_namespaces,
        read.documents,
    )


def test_hidden_fact_silent_for_hidden_dei(sample_load: Any) -> None:
    loaded = sample_load(SAMPLE_10K)

    assert loaded.disclosure.filing.cik == "0001999902"  # read from ix:hidden
    assert logged(loaded, "CYBER.hiddenFact") == []


def test_through_arelle_missing_disclosure(load: Any, tmp_path: Path) -> None:
    loaded = load(replace_text(SAMPLE_10K, tmp_path / "filing.htm", (CYD_2024, NOT_CYD)))

    assert logged(loaded, "CYBER.missingDisclosure") == [Reported("CYBER.missingDisclosure", "ERROR", ())]
    assert "exhibit" in loaded.messages_with("CYBER.missingDisclosure")[0]["msg"]


def test_through_arelle_completeness(load: Any, tmp_path: Path) -> None:
    ballots = {"cyd-16-x": "X", "cyd-16-unchecked": "\u2610", "cyd-16-checked": " \u2611 "}

    def edit(v: InlineVariant) -> None:
        v.unwrap(TEXT_POSITIONS).unwrap(FLAG_INTEGRATED).make_nil(TEXT_COMMITTEE)
        for fact_id, ballot in ballots.items():
            v.copy_fact(FLAG_REPORTS, fact_id).set_text(fact_id, ballot)

    loaded = load(ten_k(tmp_path, edit))

    expected = {
        "CYBER.missingElement": [("WARNING", ())],
        "CYBER.flagWithoutText": [("WARNING", (FLAG_POSITIONS,))],
        "CYBER.textWithoutFlag": [("WARNING", (TEXT_INTEGRATED,))],
        "CYBER.emptyTextBlock": [("WARNING", (TEXT_COMMITTEE,))],
        # Every ballot box is a boolean; only the X is no flag.
        "CYBER.invalidFlag": [("ERROR", ("cyd-16-x",))],
    }
    assert logged_by_code(loaded, expected) == expected
    assert "13 of the 15" in loaded.messages_with("CYBER.missingElement")[0]["msg"]
    values = {fact.id: fact.value for fact in loaded.disclosure.facts if fact.is_flag}
    assert [values[i] for i in (FLAG_REPORTS, "cyd-16-unchecked", "cyd-16-checked")] == [True, False, True]


def test_through_arelle_duplicates(load: Any, tmp_path: Path) -> None:
    def edit(v: InlineVariant) -> None:
        v.copy_fact(FLAG_THIRD_PARTY, "cyd-04-again", format="ixt:fixed-false")
        v.copy_fact(FLAG_OVERSIGHT, "cyd-05-again")
        v.copy_fact(TEXT_COMMITTEE, "cyd-09-fr", **{"{http://www.w3.org/XML/1998/namespace}lang": "fr"})

    loaded = load(ten_k(tmp_path, edit))

    expected = {
        "CYBER.inconsistentDuplicate": [("ERROR", (FLAG_THIRD_PARTY, "cyd-04-again"))],
        "CYBER.duplicate": [("INFO", (FLAG_OVERSIGHT, "cyd-05-again"))],  # not the French copy
    }
    assert logged_by_code(loaded, expected) == expected


def test_through_arelle_contexts(load: Any, tmp_path: Path) -> None:
    def edit(v: InlineVariant) -> None:
        v.add_context("c-q4", start="2024-10-01").set(TEXT_INFORMING_COMMITTEE, contextRef="c-q4")
        v.add_context("c-seg", dimension=("dei:LegalEntityAxis", "dei:EntityDomain"))
        v.set(TEXT_ROLE, contextRef="c-seg")
        v.add_context("c-other", cik="0000000042").set(TEXT_INFORMING_MANAGEMENT, contextRef="c-other")
        v.add_context("c-fy-copy").set(TEXT_BOARD, contextRef="c-fy-copy")
        v.hide(FLAG_THIRD_PARTY).rename(TEXT_EXPERTISE, f"cyd:{TYPO}")

    loaded = load(ten_k(tmp_path, edit))

    expected = {
        "CYBER.periodMismatch": [("WARNING", (TEXT_INFORMING_COMMITTEE,))],  # not c-fy-copy's
        "CYBER.dimensionalContext": [("WARNING", (TEXT_ROLE,))],
        "CYBER.entityMismatch": [("ERROR", (TEXT_INFORMING_MANAGEMENT,))],
        "CYBER.hiddenFact": [("WARNING", (FLAG_THIRD_PARTY,))],
        "CYBER.unknownConcept": [("WARNING", (TEXT_EXPERTISE,))],
    }
    assert logged_by_code(loaded, expected) == expected
    unknown = loaded.disclosure.facts_for(TYPO)
    assert len(unknown) == 1 and not unknown[0].concept.known and unknown[0].value.startswith("Our CISO")


def test_through_arelle_form_and_taxonomy_year(load: Any, tmp_path: Path) -> None:
    path = replace_text(
        SAMPLE_8K,
        tmp_path / "filing.htm",
        (">8-K</ix:nonNumeric>", ">10-K</ix:nonNumeric>"),
        ("/cyd/2024", "/cyd/2025"),
    )
    loaded = load(path)

    expected = {
        "CYBER.formMismatch": [("WARNING", INCIDENT_FACTS)],
        "CYBER.taxonomyYear": [("WARNING", INCIDENT_FACTS)],
    }
    assert logged_by_code(loaded, expected) == expected
    text = loaded.messages_with("CYBER.taxonomyYear")[0]["msg"]
    assert "2025 differs from the dei taxonomy year 2024" in text


def test_through_arelle_incident_incomplete(load: Any, tmp_path: Path) -> None:
    variant = InlineVariant(SAMPLE_8K).unwrap("cyd-timing")
    loaded = load(variant.write(tmp_path / "8k" / "filing.htm"))

    assert logged(loaded, "CYBER.incidentIncomplete") == [
        Reported("CYBER.incidentIncomplete", "WARNING", ("cyd-nature", "cyd-scope", "cyd-impact"))
    ]
    assert "Timing" in loaded.messages_with("CYBER.incidentIncomplete")[0]["msg"]


def test_through_arelle_incident_not_tagged_takes_the_item_list_option(load: Any, tmp_path: Path) -> None:
    path = replace_text(SAMPLE_8K, tmp_path / "filing.htm", (CYD_2024, NOT_CYD))

    loaded = load(path, cyber8kItems="1.05,9.01")

    assert logged(loaded, "CYBER.incidentNotTagged") == [Reported("CYBER.incidentNotTagged", "WARNING", ())]


def test_through_arelle_text(load: Any, tmp_path: Path) -> None:
    def edit(v: InlineVariant) -> None:
        v.set(FLAG_MATERIAL, format="ixt:fixed-true").set(FLAG_INTEGRATED, format="ixt:fixed-false")

    loaded = load(ten_k(tmp_path, edit))

    expected = {
        "CYBER.textContradictsFlag": [("WARNING", (FLAG_MATERIAL, TEXT_MATERIAL))],
        "CYBER.flagFalseWithText": [("WARNING", (FLAG_INTEGRATED, TEXT_INTEGRATED))],
    }
    assert logged_by_code(loaded, expected) == expected
    assert "have not materially affected" in loaded.messages_with("CYBER.textContradictsFlag")[0]["msg"]


def test_through_arelle_text_reads_like_other(load: Any, tmp_path: Path) -> None:
    variant = InlineVariant(SAMPLE_8K).set_text("cyd-nature", EXPERTISE_TEXT)

    loaded = load(variant.write(tmp_path / "8k" / "filing.htm"))

    assert logged(loaded, "CYBER.textReadsLikeOther") == [
        Reported("CYBER.textReadsLikeOther", "INFO", ("cyd-nature",))
    ]
