"""The real Arelle desktop application with the plugin enabled, on Xvfb: the Cybersecurity tab,
its rows against the seed, selection in step with the Fact List, findings after Validate, export
from the menu, and no Tk in command-line runs."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import html as lxml_html

from cyber_plugin.core.catalogue import INCIDENT_CONCEPTS, MATERIALLY_AFFECTED_TEXT_BLOCK
from cyber_plugin.core.disclosure import Period
from cyber_plugin.core.section import Section
from cyber_plugin.core.suggestion_words import SUGGESTIONS_EXPLAINED

from .support.builder import disclosure
from .support.command_line import run_arelle
from .support.desktop import ARTIFACTS, drive
from .support.incidents import two_incidents
from .support.paths import SAMPLE_8K, SAMPLE_10K, SAMPLE_20F, TAXONOMY_CACHE
from .support.seed import as_the_page_shows, read_seed
from .support.variants import InlineVariant, replace_text


@pytest.fixture(scope="module")
def observed(display: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("gui")
    variant = InlineVariant(SAMPLE_10K).unwrap("cyd-02").write(folder / "variant" / "filing.htm")
    no_pane = replace_text(  # no cyd fact, none required, and no Item 1.05 to show
        SAMPLE_8K,
        folder / "no-pane" / "filing.htm",
        ('xmlns:cyd="http://xbrl.sec.gov/cyd/2024"', 'xmlns:cyd="http://example.com/x"'),
        ("Item 1.05 Material Cybersecurity Incidents.", "Item 8.01 Other Events."),
    )
    section_variant = InlineVariant(SAMPLE_20F).unwrap("cyd-11").write(folder / "section" / "filing.htm")
    incidents = two_incidents(folder / "incidents")
    prior = replace_text(  # last year's: the flag the variant unwraps tagged, a sentence worded otherwise
        SAMPLE_10K,
        folder / "prior" / "filing.htm",
        ("as a guide when we design", "as a reference when we design"),
    )
    arguments = (SAMPLE_20F, variant, no_pane, section_variant, incidents, TAXONOMY_CACHE, folder, prior)
    drive("gui_driver.py", display, folder, *arguments)
    return json.loads((folder / "observed.json").read_text(encoding="utf-8")) | {"folder": str(folder)}


def test_the_cybersecurity_tab_sits_beside_the_fact_list(observed: dict[str, Any]) -> None:
    assert observed["tabs"] == ["Fact List", "Cybersecurity"]
    assert "Cybersecurity disclosure" in observed["view_menu"]
    assert "Export cybersecurity disclosure\u2026" in observed["tools_menu"]
    assert (ARTIFACTS / "gui-pane.png").stat().st_size > 10_000


def _shown(seed_value: str) -> str:
    seed_value = as_the_page_shows(seed_value)
    first = seed_value.split("\n", 1)[0]
    return {"true": "Yes", "false": "No"}.get(
        seed_value, first[:160] + ("\u2026" if "\n" in seed_value or len(first) > 160 else "")
    )


def test_rows_labels_and_values_follow_the_seed_in_order(observed: dict[str, Any]) -> None:
    rows = observed["rows"]
    fact_rows = [(r["label"], r["values"][0]) for r in rows[1:] if len(r["values"]) == 3 and r["values"][1]]

    assert fact_rows == [(label, _shown(value)) for label, value in read_seed()]
    sections = [r["label"] for r in rows if not r["values"]][1:]
    assert sections == ["Risk management and strategy", "Governance"]
    optional = [r["label"] for r in rows if r["values"][:1] == ["not tagged (optional)"]]
    assert optional == [MATERIALLY_AFFECTED_TEXT_BLOCK.label]
    assert rows[0]["label"] == "Lumen Crest Holdings Limited: 20-F"
    assert rows[1]["label"].startswith("Not checked yet")


def test_selection_follows_the_fact_list_both_ways_without_looping(observed: dict[str, Any]) -> None:
    assert observed["fact_list_selection_is_fact"] is True
    assert observed["pane_selection"] == observed["pane_selection_after_settling"] == "cyd-11"


def test_full_text_opens_in_a_readable_window(observed: dict[str, Any]) -> None:
    seed = dict(read_seed())
    label = "Cybersecurity Risk Role of Management [Text Block]"

    assert observed["text_window_title"] == label
    heading, _, text = observed["text_window_text"].partition("\n\n")
    assert heading == f"{label}\n2024-01-01 to 2024-12-31   id cyd-11"
    assert text.strip() == seed[label].replace("\n", "\n\n")


def test_closing_the_filing_closes_the_pane_and_a_filing_without_disclosure_gets_none(
    observed: dict[str, Any],
) -> None:
    assert observed["tabs_after_close"] == []
    assert observed["tabs_for_filing_without_disclosure"] == ["Fact List"]


def test_validation_fills_the_findings_column(observed: dict[str, Any]) -> None:
    assert observed["before_validation"][1]["label"].startswith("Not checked yet")
    rows = {r["label"]: r["values"] for r in observed["after_validation"]}

    assert observed["after_validation"][0]["values"][2] == "2 warnings"
    assert observed["after_validation"][1]["label"] == "CYBER.missingElement"
    assert (
        rows["Cybersecurity Risk Management Processes Integrated [Text Block]"][2]
        == "warning: textWithoutFlag"
    )
    assert rows["Cybersecurity Risk Management Processes Integrated [Flag]"][:1] == ["not tagged"]
    assert rows["Cybersecurity Risk Management Third Party Engaged [Flag]"][2] == ""


def test_menu_export_writes_every_format(observed: dict[str, Any]) -> None:
    exports = {extension: Path(path) for extension, path in observed["exports"].items()}

    document = json.loads(exports[".json"].read_text(encoding="utf-8"))
    assert [f["code"] for f in document["findings"]] == ["CYBER.missingElement", "CYBER.textWithoutFlag"]
    assert lxml_html.fromstring(exports[".html"].read_bytes()).xpath("//table[@class='report']")
    assert len(list(csv.reader(exports[".csv"].read_text("utf-8-sig").splitlines()))) == 16
    sheets = openpyxl.load_workbook(exports[".xlsx"]).sheetnames
    assert sheets == ["Facts", "Findings", "Filing", "Section", "Changes"]
    assert observed["remembered_folder"] == observed["folder"]


def test_the_view_menu_reopens_the_pane(observed: dict[str, Any]) -> None:
    assert "Cybersecurity" not in observed["tabs_without_pane"]
    assert observed["tabs_after_reopen"][-1] == "Cybersecurity"


def test_the_section_as_filed_opens_with_untagged_paragraphs_highlighted(observed: dict[str, Any]) -> None:
    """The 20-F sample with its role-of-management block untagged: that paragraph is highlighted,
    and the headings (not substantive) are not."""
    assert observed["section_row"] == [
        "Item 16K as filed",
        "Item 16K: 10 paragraphs, 91% of the text in cyd text blocks, 1 substantive paragraph untagged",
        "",
        "",
    ]
    assert observed["section_window_title"] == "Item 16K as filed: Lumen Crest Holdings Limited"
    assert observed["section_window_head"].startswith("ITEM 16K. CYBERSECURITY\nItem 16K: 10 paragraphs")
    assert "Highlighted: paragraphs that no cyd text block covers." in observed["section_window_head"]
    [highlighted] = observed["highlighted"]
    assert highlighted.startswith("Our management understands and oversees the prevention")
    # Beside it, the element it reads like, in core/words.py's words (its text block was untagged).
    assert SUGGESTIONS_EXPLAINED in observed["section_window_head"]
    [words] = observed["suggested_words"]
    assert observed["suggested_beside"] == [f" \u00b7 {words}"]
    assert words.startswith("reads like ") and "Cybersecurity Risk Role of Management (" in words
    assert (ARTIFACTS / "gui-section.png").stat().st_size > 10_000


def test_the_section_window_and_the_facts_follow_each_other(observed: dict[str, Any]) -> None:
    # A click on the paragraph the board's text blocks tag selects the first of them, here and in
    # the Fact List; selecting the expertise block marks the paragraphs its tags hold.
    assert observed["selected_from_paragraph"] == "cyd-08"
    assert observed["fact_list_follows_paragraph"] is True
    assert observed["marked_for_expertise"] == ["Our management meets regularly to be bri"]
    assert observed["section_window_after_close"] is False  # closing the filing closes it


def test_each_incident_has_its_own_subtree_with_its_own_findings(observed: dict[str, Any]) -> None:
    rows = observed["incident_rows"]
    incidents = [(r["label"], r["values"][0]) for r in rows if r["parent"] == "Material incident"]
    under = {name: {r["label"]: r["values"] for r in rows if r["parent"] == name} for name, _ in incidents}
    scope, timing = (c.label for c in INCIDENT_CONCEPTS[1:3])
    phishing = next(r for r in rows if r["label"] == "Payroll Phishing")

    assert incidents == [
        ("Ransomware Attack", "member nwf:RansomwareMember"),
        ("Payroll Phishing", "member nwf:PhishingMember"),
    ]
    assert [list(children) for children in under.values()] == [[c.label for c in INCIDENT_CONCEPTS]] * 2
    assert under["Payroll Phishing"][scope] == ["not tagged", "", "warning: incidentIncomplete"]
    assert under["Payroll Phishing"][timing] == ["not tagged", "", "warning: incidentIncomplete"]
    assert under["Ransomware Attack"][scope][1:] == ["2025-03-10 to 2025-03-10", ""]
    assert phishing["values"][1:] == ["2025-03-10 to 2025-03-10", "warning: incidentIncomplete"]
    assert "Item 1.05 as filed" in [r["label"] for r in rows]  # an 8-K's Item 1.05 as filed


def test_a_filing_with_only_its_section_gets_the_pane() -> None:
    """Apple's FY2024 10-K tags no cyd fact and needs none, but its Item 1C is shown, untagged."""
    pane = pytest.importorskip("cyber_plugin.integration.gui.pane", reason="the GUI pane needs tkinter")
    section = Section("1C", True, "Item 1C. Cybersecurity", "aapl.htm", 8)
    before_the_rule = disclosure("10-K", (), period=Period(date(2023, 10, 1), date(2024, 9, 28)))

    assert not pane.wants_pane(before_the_rule)
    assert pane.wants_pane(replace(before_the_rule, section=section))
    assert not pane.wants_pane(replace(before_the_rule, section=Section("1C")))  # not found


def test_command_line_runs_never_import_tk(tmp_path: Path) -> None:
    modules_file = tmp_path / "modules.json"
    result = run_arelle(
        "-f",
        SAMPLE_20F,
        "-v",
        "--cyber-export",
        "x.html",
        cwd=tmp_path,
        modules_file=modules_file,
    )

    modules = set(json.loads(modules_file.read_text()))
    assert result.returncode == 0 and "CYBER.exported" in result.codes()
    assert "cyber_plugin.integration.hooks" in modules
    assert not {name for name in modules if name.startswith(("tkinter", "_tkinter"))}
    assert "cyber_plugin.integration.gui.pane" not in modules


def test_compare_with_prior_filing_shows_the_changes_in_the_pane(observed: dict[str, Any]) -> None:
    rows = observed["compare_rows"]
    assert rows[0]["label"].startswith("Changes since the 10-K")
    assert rows[0]["values"][0].startswith("1 element dropped, 0 added, 0 flags changed, 1 text block edited")
    changed = {r["label"]: r["values"][0] for r in rows[1:]}
    flag = "Cybersecurity Risk Management Processes Integrated [Flag]"
    assert changed[flag] == "dropped: true \u2192 not tagged"
    (edited,) = [
        value
        for label, value in changed.items()
        if label.startswith("Cybersecurity Risk Management Processes for")
    ]
    assert edited.startswith("edited, similarity 0.9") and "double-click for the redline" in edited
    assert any("CYBER.elementDropped" in line for line in observed["compare_log"])
    assert observed["compare_models"] == 1  # the prior filing's model was closed
    assert (observed["redline_deleted"], observed["redline_inserted"]) == (["reference"], ["guide"])
    assert (ARTIFACTS / "gui-pane-changes.png").stat().st_size > 10_000
