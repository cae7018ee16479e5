"""The rule settings' one codec: every source reads the same meaning from the same wishes, each
meaning is written one way, and parse(write(s)) == s for every setting, defaults included."""

from __future__ import annotations

import argparse
import re
from optparse import OptionParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cyber_plugin.checks import REGISTRY, Rule
from cyber_plugin.core.findings import Severity
from cyber_plugin.core.settings import OptionError, RuleSettings
from cyber_plugin.integration.options import add_arguments, add_options, settings_from
from cyber_plugin.integration.settings_codec import (
    API_KEYWORDS,
    ARELLE_OPTIONS,
    CHOICES,
    DESKTOP_CONFIG,
    EXTRACT_OPTIONS,
    OFF,
    QUERY,
    SPELLINGS,
    STORED_SETTINGS,
    Spelling,
    choices_of,
    parse,
    with_choices,
    write,
)

ITEMS = ("1.01", "1.05", "2.02", "7.01", "8.01", "9.01", "10.01")
DUPLICATE = "CYBER.duplicate"  # an info rule
MISSING = "CYBER.missingElement"  # a warning rule


def spelt(spelling: Spelling, rules: object, items: object = None) -> RuleSettings:
    return parse({spelling.rules_key: rules, spelling.items_key: items}, spelling)


@st.composite
def rule_settings(draw: st.DrawFn) -> RuleSettings:
    """Any settings a user can ask for: each rule off or at any grade (its default included), and
    any 8-K items, typed in any order and any number of times."""
    choices = {rule.code: draw(st.sampled_from(CHOICES)) for rule in REGISTRY}
    items = draw(st.lists(st.sampled_from(ITEMS), max_size=6))
    return with_choices(choices, ",".join(items))


@given(rule_settings(), st.sampled_from(SPELLINGS))
def test_every_setting_round_trips_through_every_source(settings: RuleSettings, spelling: Spelling) -> None:
    assert parse(write(settings, spelling), spelling) == settings


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda rule: rule.code)
def test_each_rule_at_each_choice_round_trips_through_every_source(rule: Rule) -> None:
    for choice in CHOICES:
        settings = with_choices({rule.code: choice}, "")
        assert choices_of(settings)[rule.code] == choice
        for spelling in SPELLINGS:
            assert parse(write(settings, spelling), spelling) == settings, (choice, spelling)


def test_the_defaults_are_written_as_nothing_and_read_back() -> None:
    for spelling in SPELLINGS:
        assert write(RuleSettings(), spelling) == {spelling.rules_key: "", spelling.items_key: ""}
        assert parse(write(RuleSettings(), spelling), spelling) == RuleSettings()
        assert parse({}, spelling) == RuleSettings()


def test_a_rule_at_its_own_grade_is_no_change() -> None:
    every_default = ",".join(f"{rule.code}={rule.severity.value}" for rule in REGISTRY)

    assert spelt(EXTRACT_OPTIONS, "CYBER.duplicate=info") == RuleSettings()
    assert spelt(EXTRACT_OPTIONS, every_default) == RuleSettings()
    assert choices_of(RuleSettings()) == {rule.code: rule.severity.value for rule in REGISTRY}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("-duplicate", " -CYBER.duplicate , "),
        ("missingElement=ERROR", "CYBER.missingElement=error"),
        ("missingElement=info,missingElement=error", "missingElement=error"),  # the last entry wins
        ("-duplicate,duplicate=error", "-duplicate"),  # a rule switched off stays off
        ("-duplicate,missingElement=error", "missingElement=error,-duplicate"),
    ],
)
def test_settings_compare_by_meaning_not_spelling(one: str, other: str) -> None:
    assert spelt(ARELLE_OPTIONS, one) == spelt(ARELLE_OPTIONS, other)
    assert write(spelt(ARELLE_OPTIONS, one), QUERY) == write(spelt(ARELLE_OPTIONS, other), QUERY)


def test_items_are_a_set_in_item_order() -> None:
    settings = spelt(QUERY, None, "9.01; 1.05,10.01, 1.05,01.05")

    assert settings.eight_k_items == ("1.05", "9.01", "10.01")
    assert settings.reports_incident_item
    assert spelt(API_KEYWORDS, None, ["9.01", "1.05"]).eight_k_items == ("1.05", "9.01")  # a list too
    assert write(settings, STORED_SETTINGS)["--8k-items"] == "1.05,9.01,10.01"


def test_written_rules_follow_the_rules_order() -> None:
    settings = spelt(DESKTOP_CONFIG, f"{DUPLICATE}=warning,-{MISSING}")

    assert write(settings, DESKTOP_CONFIG) == {
        "cyberPluginRules": f"-{MISSING},{DUPLICATE}=warning",
        "cyberPlugin8kItems": "",
    }


def test_every_command_line_and_source_reads_the_same_wishes() -> None:
    rules, items = "-duplicate,textWithoutFlag=error", "9.01,1.05"
    arelle = OptionParser()
    add_options(arelle)
    extract = argparse.ArgumentParser()
    add_arguments(extract)
    arelle_options, _ = arelle.parse_args([f"--cyber-rules={rules}", "--cyber-8k-items", items])
    extract_options = extract.parse_args([f"--rules={rules}", "--8k-items", items])

    readings = {
        "Arelle's command line": settings_from(arelle_options).rules,
        "cyber-extract's command line": parse(vars(extract_options), EXTRACT_OPTIONS),
        "the REST query": spelt(QUERY, rules, items),
        "the desktop's config": spelt(DESKTOP_CONFIG, rules, items),
        "the API's keywords": spelt(API_KEYWORDS, rules, items.split(",")),
        "a dataset's settings": spelt(STORED_SETTINGS, rules, items),
    }

    expected = RuleSettings(
        frozenset({DUPLICATE}), {"CYBER.textWithoutFlag": Severity.ERROR}, ("1.05", "9.01")
    )
    assert readings == dict.fromkeys(readings, expected)


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        (ARELLE_OPTIONS, "--cyber-rules"),
        (EXTRACT_OPTIONS, "--rules"),
        (QUERY, "cyberRules"),
        (DESKTOP_CONFIG, "Rule settings"),
        (API_KEYWORDS, "rules"),
        (STORED_SETTINGS, "--rules"),
    ],
)
def test_a_bad_value_is_named_as_its_source_names_it(spelling: Spelling, name: str) -> None:
    with pytest.raises(OptionError, match="^" + re.escape(f"{name} names unknown rule 'CYBER.noSuchRule'")):
        spelt(spelling, "-noSuchRule")
    with pytest.raises(OptionError, match="is not one of error, warning, info"):
        spelt(spelling, "duplicate=loud")
    with pytest.raises(OptionError, match="neither '-CODE'"):
        spelt(spelling, "duplicate")
    with pytest.raises(
        OptionError, match="^" + re.escape(f"{spelling.items_name} entry '1.5x' is not an 8-K item number")
    ):
        spelt(spelling, None, "1.5x")


def test_the_dialogs_choices_are_checked() -> None:
    assert with_choices({DUPLICATE: OFF, MISSING: "error"}, "1.05") == spelt(
        DESKTOP_CONFIG, f"-{DUPLICATE},{MISSING}=error", "1.05"
    )
    with pytest.raises(
        OptionError, match=re.escape("CYBER.duplicate=loud is not one of error, warning, info, off")
    ):
        with_choices({DUPLICATE: "loud"}, "")


def test_a_key_given_without_a_value_in_a_query_means_nothing() -> None:
    """Arelle's web service sets a query key given without a value to True."""
    assert parse({QUERY.rules_key: True, QUERY.items_key: True}, QUERY) == RuleSettings()
