"""CYBER.elementDropped and CYBER.flagChanged: what changed since the prior filing a run compares the
filing with. Each fires on a hand-built pair and stays silent without a prior and where nothing of
its kind changed."""

from __future__ import annotations

from dataclasses import replace

from cyber_plugin.checks import run_checks
from cyber_plugin.core.catalogue import MATERIALLY_AFFECTED_FLAG
from cyber_plugin.core.comparison import view_of_disclosure
from cyber_plugin.core.disclosure import Disclosure
from cyber_plugin.core.findings import Finding, Severity
from cyber_plugin.core.settings import RuleSettings

from .support.builder import Filing, annual_report, incident_report

DROPPED, CHANGED = "CYBER.elementDropped", "CYBER.flagChanged"
FLAG_MATERIAL, FLAG_POSITIONS, TEXT_EXPERTISE = "cyd-06", "cyd-12", "cyd-14"
PRIOR = "the 10-K for fiscal year 2023, period ending 2023-12-31 (last-year.htm)"


def last_year(**filing: object) -> Filing:
    return annual_report(period_end="2023-12-31", fiscal_year="2023", **filing)


def with_prior(current: Filing | Disclosure, prior: Filing) -> Disclosure:
    disclosure = current.build() if isinstance(current, Filing) else current
    return replace(disclosure, prior=replace(view_of_disclosure(prior.build()), source="last-year.htm"))


def findings(disclosure: Disclosure, code: str, settings: RuleSettings | None = None) -> list[Finding]:
    return [f for f in run_checks(disclosure, settings or RuleSettings()) if f.code == code]


def test_an_element_tagged_last_year_and_not_this_year_is_a_warning_naming_last_year_s_report() -> None:
    current = annual_report().unwrap(FLAG_POSITIONS).unwrap(TEXT_EXPERTISE)

    found = findings(with_prior(current, last_year()), DROPPED)

    assert [(f.severity, f.concepts) for f in found] == [
        (Severity.WARNING, ("CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag",)),
        (Severity.WARNING, ("CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock",)),
    ]
    assert found[0].message == (
        "Cybersecurity Risk Management Positions or Committees Responsible [Flag] was tagged in the prior "
        f"annual report, {PRIOR}, but is not tagged in this 10-K. Tag it where the disclosure answers it, "
        "or make sure the disclosure no longer does."
    )


def test_element_dropped_is_silent_without_a_prior_or_a_dropped_element_or_for_other_forms() -> None:
    dropped = annual_report().unwrap(FLAG_POSITIONS)
    an_8k_a = incident_report(form="8-K/A", amendment=True).unwrap("cyd-scope")

    assert findings(dropped.build(), DROPPED) == []  # no prior
    assert findings(with_prior(annual_report(), last_year().unwrap(FLAG_POSITIONS)), DROPPED) == []  # added
    assert findings(with_prior(annual_report().set(FLAG_MATERIAL, value=True), last_year()), DROPPED) == []
    assert findings(with_prior(an_8k_a, incident_report()), DROPPED) == []  # an amendment tags what is new
    assert findings(with_prior(dropped, incident_report()), DROPPED) == []  # the prior is no annual report
    assert (
        findings(with_prior(dropped, last_year()), DROPPED, RuleSettings(disabled=frozenset({DROPPED}))) == []
    )


def test_a_flag_whose_value_changed_is_information_naming_the_prior_filing() -> None:
    current = annual_report().set(FLAG_MATERIAL, value=True)

    found = findings(with_prior(current, last_year()), CHANGED)

    assert [(f.severity, f.concept_names, f.fact_ids) for f in found] == [
        (Severity.INFO, (MATERIALLY_AFFECTED_FLAG,), (FLAG_MATERIAL,))
    ]
    assert found[0].message == (
        "Cybersecurity Risk Materially Affected or Reasonably Likely to Materially Affect Registrant [Flag] "
        f"is true; in the prior filing, {PRIOR}, it was false."
    )


def test_a_flag_that_is_no_longer_a_boolean_changed_too() -> None:
    found = findings(with_prior(annual_report().make_nil(FLAG_POSITIONS), last_year()), CHANGED)

    assert [f.message.split(";")[0].endswith("is neither true nor false") for f in found] == [True]


def test_flag_changed_is_silent_without_a_prior_or_a_changed_value() -> None:
    changed = annual_report().set(FLAG_MATERIAL, value=True)

    assert findings(changed.build(), CHANGED) == []
    assert findings(with_prior(annual_report(), last_year()), CHANGED) == []
    # A flag dropped or added is an element dropped or added, not a changed value.
    assert findings(with_prior(annual_report().unwrap(FLAG_MATERIAL), last_year()), CHANGED) == []
    assert findings(with_prior(annual_report(), last_year().unwrap(FLAG_MATERIAL)), CHANGED) == []


def test_a_complete_filing_compared_with_itself_a_year_earlier_has_no_finding() -> None:
    assert run_checks(with_prior(annual_report(), last_year()), RuleSettings()) == ()
