"""One disclosure through every output: each spells flags, periods and untagged elements with
core/words.py's words, and untagged incident elements read the same in the report and the GUI."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import openpyxl
import pytest
from lxml import html as lxml_html

from cyber_plugin.checks import run_checks
from cyber_plugin.core.catalogue import (
    INCIDENT_ASPECTS,
    INCIDENT_CONCEPTS,
    INCIDENT_INFORMATION_NOT_AVAILABLE,
    MATERIALLY_AFFECTED_TEXT_BLOCK,
    POSITIONS_RESPONSIBLE_FLAG,
    PROCESSES_INTEGRATED_FLAG,
    REQUIRED_ANNUAL_CONCEPTS,
    THIRD_PARTY_ENGAGED_FLAG,
    Concept,
)
from cyber_plugin.core.disclosure import Period
from cyber_plugin.core.findings import CODE_PREFIX, Finding, Severity
from cyber_plugin.core.section import Paragraph, Section
from cyber_plugin.core.settings import RuleSettings
from cyber_plugin.core.suggestion_words import SUGGESTIONS_EXPLAINED, reads_like, scored
from cyber_plugin.core.suggestions import Suggestion
from cyber_plugin.core.words import (
    FlagForm,
    ParagraphState,
    counted,
    flag_state,
    flag_word,
    paragraph_state,
    period_cells,
    period_heading,
    period_phrase,
    period_text,
    reporting_period_text,
    section_summary,
    section_title,
    untagged_state,
)
from cyber_plugin.outputs import csv_format, html_report, json_format, xlsx_format
from cyber_plugin.outputs.summary import summary_lines
from cyber_plugin.outputs.tables import FACTS, PARAGRAPHS
from cyber_plugin.outputs.tabular import restore

from .support.builder import FISCAL_YEAR, disclosure, fact

pane = pytest.importorskip("cyber_plugin.integration.gui.pane", reason="the GUI pane needs tkinter")

QUARTER = Period(start=date(2024, 10, 1), end=date(2024, 12, 31))
YEAR_END = Period(instant=date(2024, 12, 31))
TEXT_BLOCK = REQUIRED_ANNUAL_CONCEPTS[0].local_name
ROLE_OF_MANAGEMENT = "CybersecurityRiskRoleOfManagementTextBlock"
NATURE = INCIDENT_ASPECTS[0].local_name


def paragraph(text: str, line: int, *tagged_by: str) -> Paragraph:
    return Paragraph(text, "filing.htm", line, tagged_by, len(text) - text.count(" ") if tagged_by else 0)


SECTION = Section(
    "1C",
    True,
    "Item 1C. Cybersecurity",
    "filing.htm",
    5,
    paragraphs=(
        paragraph("Risk management", 6),
        paragraph("We assess and manage cybersecurity threats.", 7, TEXT_BLOCK),
        paragraph("Our managers meet every quarter to review the program.", 8),
    ),
)
ANNUAL_REPORT = disclosure(
    "10-K",
    (
        fact(PROCESSES_INTEGRATED_FLAG, True),
        fact(THIRD_PARTY_ENGAGED_FLAG, False),
        fact(POSITIONS_RESPONSIBLE_FLAG, None),  # nil: neither true nor false
        fact(TEXT_BLOCK, "We assess and manage cybersecurity threats."),
        fact(ROLE_OF_MANAGEMENT, "Management leads.", period=QUARTER),
        fact(ROLE_OF_MANAGEMENT, "Management leads.", period=YEAR_END),
    ),
    section=SECTION,
)


@pytest.fixture(scope="module")
def outputs() -> dict[str, Any]:
    """Every output of the one annual report."""
    findings = run_checks(ANNUAL_REPORT, RuleSettings())
    csv_text = csv_format.render(ANNUAL_REPORT, findings).decode("utf-8-sig")
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_format.render(ANNUAL_REPORT, findings)))
    return {
        "findings": findings,
        "json": json.loads(json_format.render(ANNUAL_REPORT, findings)),
        "html": lxml_html.fromstring(html_report.render(ANNUAL_REPORT, findings)),
        "csv": [{k: restore(v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(csv_text))],
        "xlsx": [dict(zip(FACTS.column_names, row, strict=True)) for row in _sheet(workbook, "Facts")[1:]],
        "xlsx filing": {row[0]: row[1] for row in _sheet(workbook, "Filing")[1:]},
        "xlsx section": [
            dict(zip(PARAGRAPHS.column_names, row, strict=True)) for row in _sheet(workbook, "Section")[1:]
        ],
        "summary": summary_lines(ANNUAL_REPORT, findings),
    }


def _sheet(workbook: Any, name: str) -> list[tuple[Any, ...]]:
    """A sheet's rows: texts unguarded, typed cells (flags, numbers, dates) as Excel holds them."""
    return [
        tuple(restore(cell) if isinstance(cell, str) else cell for cell in row)
        for row in workbook[name].iter_rows(values_only=True)
    ]


def _html_value(page: Any, anchor: str) -> str:
    return page.get_element_by_id(anchor).xpath("./td[@class='value']")[0].text_content()


def _html_meta(page: Any, anchor: str) -> str:
    return page.get_element_by_id(anchor).xpath(".//span[@class='meta']")[0].text_content()


def test_flags_read_as_words_py_spells_them_in_every_output(outputs: dict[str, Any]) -> None:
    flags = [f for f in ANNUAL_REPORT.facts if isinstance(f.value, bool)]
    assert {f.value for f in flags} == {True, False}

    for number, flag in enumerate(ANNUAL_REPORT.facts):
        if flag not in flags:
            continue
        assert outputs["json"]["facts"][number]["value"] is flag.value
        assert outputs["csv"][number]["flag"] == flag_word(flag.value, FlagForm.LEXICAL)
        assert outputs["xlsx"][number]["flag"] is flag.value  # an Excel boolean, TRUE or FALSE
        assert _html_value(outputs["html"], f"fact-{number}") == flag_word(flag.value, FlagForm.LEXICAL)
        assert pane.fact_values(flag, [])[0] == flag_word(flag.value, FlagForm.VALUE)
    for concept in (c for c in ANNUAL_REPORT.shown_concepts if c.is_flag):
        value = ANNUAL_REPORT.flags[concept.local_name]
        assert f"  {concept.label}: {flag_state(value, FlagForm.PROSE)}" in outputs["summary"]
        assert outputs["xlsx filing"][concept.short_name] is value
        assert outputs["json"]["flags"][concept.local_name] is value


def test_the_forms_of_a_flag_are_the_readers_words() -> None:
    assert [flag_word(True, form) for form in FlagForm] == ["true", "yes", "Yes"]
    assert [flag_word(False, form) for form in FlagForm] == ["false", "no", "No"]
    assert flag_state(None, FlagForm.PROSE) == "not tagged"


def test_a_nil_flag_reads_nil_in_the_report_and_the_pane(outputs: dict[str, Any]) -> None:
    number, nil_flag = next((n, f) for n, f in enumerate(ANNUAL_REPORT.facts) if f.is_flag and f.nil)

    assert _html_value(outputs["html"], f"fact-{number}") == "nil"
    assert pane.fact_values(nil_flag, [])[0] == "nil"
    assert outputs["csv"][number]["flag"] == "" and outputs["xlsx"][number]["flag"] is None


def test_periods_read_as_words_py_writes_them_in_every_output(outputs: dict[str, Any]) -> None:
    for number, each in enumerate(ANNUAL_REPORT.facts):
        row = outputs["csv"][number]
        assert (row["period_start"], row["period_end"]) == period_cells(each.period)
        cells = [outputs["xlsx"][number][name] for name in ("period_start", "period_end")]
        assert tuple(cell.date().isoformat() if cell else "" for cell in cells) == period_cells(each.period)
        assert pane.fact_values(each, [])[1] == period_text(each.period)
        meta = _html_meta(outputs["html"], f"fact-{number}")
        other_period = each.period != ANNUAL_REPORT.reporting_period
        assert (f"period {period_text(each.period)}" in meta) is other_period

    page = outputs["html"]
    fields = page.xpath("//dl[@class='filing']")[0]
    header = dict(zip(fields.xpath("./dt/text()"), fields.xpath("./dd/text()"), strict=True))
    assert header["Period"] == reporting_period_text(ANNUAL_REPORT) == "2024-01-01 to 2024-12-31"
    assert f"Period: {reporting_period_text(ANNUAL_REPORT)}" in outputs["summary"]
    heading = page.xpath("//table[@class='report']/thead/tr/th")[1].text_content()
    assert heading == period_heading(ANNUAL_REPORT.reporting_period, date(2024, 12, 31))


def test_the_forms_of_a_period() -> None:
    assert period_text(QUARTER) == "2024-10-01 to 2024-12-31"
    assert period_text(YEAR_END) == "2024-12-31"
    assert period_text(None) == "(no context)"
    assert period_cells(YEAR_END) == ("", "2024-12-31")
    assert period_heading(FISCAL_YEAR, None) == "12 Months Ended Dec. 31, 2024"
    assert period_heading(Period(start=date(2024, 12, 30), end=date(2024, 12, 31)), None) == "Dec. 31, 2024"
    assert period_heading(None, None) == "Value"


def test_rule_messages_describe_periods_with_words_py(outputs: dict[str, Any]) -> None:
    mismatches = [f for f in outputs["findings"] if f.code == CODE_PREFIX + "periodMismatch"]

    assert [f.facts[0].period for f in mismatches] == [QUARTER, YEAR_END]
    for finding in mismatches:
        assert period_phrase(finding.facts[0]) in finding.message
    assert "2024-10-01 to 2024-12-31 (92 days)" in mismatches[0].message
    assert "the instant 2024-12-31" in mismatches[1].message


def test_untagged_elements_read_the_same_in_the_report_and_the_pane(outputs: dict[str, Any]) -> None:
    untagged = [c for c in ANNUAL_REPORT.shown_concepts if not ANNUAL_REPORT.facts_for(c.local_name)]
    assert MATERIALLY_AFFECTED_TEXT_BLOCK in untagged

    for concept in untagged:
        shown = _html_value(outputs["html"], f"concept-{concept.local_name}")
        assert shown == pane.untagged_values(concept, [])[0] == untagged_state(concept)
    assert untagged_state(MATERIALLY_AFFECTED_TEXT_BLOCK) == "not tagged (optional)"
    assert {untagged_state(c) for c in untagged if c is not MATERIALLY_AFFECTED_TEXT_BLOCK} == {"not tagged"}


def test_the_section_reads_as_words_py_writes_it_in_every_output(outputs: dict[str, Any]) -> None:
    states = [paragraph_state(p) for p in SECTION.paragraphs]
    part = outputs["html"].get_element_by_id("section-as-filed")
    marks = [div.xpath(".//span[@class='mark']") for div in part.xpath("./div")]

    assert states == [ParagraphState.MINOR, ParagraphState.TAGGED, ParagraphState.UNTAGGED]
    sheet = outputs["xlsx section"]
    assert [(bool(row["tagged_by"]), row["substantive"]) for row in sheet] == [
        (False, False),
        (True, True),
        (False, True),
    ]
    assert [mark[0].text_content() if mark else None for mark in marks] == [None, None, states[2].value]
    assert part.xpath("./h2")[0].text_content() == section_title(SECTION) == "Item 1C as filed"
    assert section_summary(SECTION) in " ".join(part.text_content().split())
    assert section_summary(SECTION) in outputs["summary"]
    assert outputs["xlsx filing"]["section_untagged_paragraphs"] == 1
    assert section_summary(SECTION) == (
        "Item 1C: 3 paragraphs, 39% of the text in cyd text blocks, 1 substantive paragraph untagged"
    )
    assert [f.code for f in outputs["findings"] if f.code == CODE_PREFIX + "untaggedText"]


def test_the_suggestion_beside_an_untagged_paragraph_reads_the_same_in_every_output(
    outputs: dict[str, Any],
) -> None:
    """The finding, the report and the tables say what the untagged paragraph reads like with the
    same words and the same element (the desktop window's is in tests/test_gui.py)."""
    suggested = ANNUAL_REPORT.suggestions_for(2)
    words = reads_like(suggested)
    part = outputs["html"].get_element_by_id("section-as-filed")
    [finding] = [f for f in outputs["findings"] if f.code == CODE_PREFIX + "untaggedText"]
    best = suggested[0]

    assert words.startswith(("reads like ", "reads most like ")) and scored(best) in words
    assert [span.text_content() for span in part.xpath(".//span[@class='suggested']")] == [words]
    assert SUGGESTIONS_EXPLAINED in part.text_content()
    assert f"…” {words}. Tag each with the text block it reads like" in finding.message
    assert outputs["json"]["section"]["paragraphs"][2]["suggested"][0] == {
        "concept": best.concept,
        "score": round(best.score, 4),
    }
    rows = [(row["suggested"], row["suggested_score"]) for row in outputs["xlsx section"]]
    assert rows[0] == (None, None) and rows[2] == (best.concept, round(best.score, 4))
    assert rows[1][0] == ANNUAL_REPORT.suggestions_for(1)[0].concept  # tagged or not


def test_what_a_paragraph_reads_like() -> None:
    role, expertise = (
        ROLE_OF_MANAGEMENT,
        "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock",
    )
    likely, unlikely = Suggestion(role, 0.912), Suggestion(expertise, 0.5)

    assert reads_like([likely, unlikely, Suggestion(TEXT_BLOCK, 0.1)]) == (
        "reads like Cybersecurity Risk Role of Management (0.91) and Cybersecurity Risk Management "
        "Expertise of Management Responsible (0.50)"
    )
    assert reads_like([Suggestion(role, 0.31), Suggestion(expertise, 0.2)]) == (
        "reads most like Cybersecurity Risk Role of Management (0.31), no element clearly"
    )
    assert reads_like([]) == ""


# The drift fixes.

INCIDENT_REPORT = disclosure(
    "8-K", (fact(NATURE, "Ransomware encrypted some servers.", period=YEAR_END),), period=YEAR_END
)


def _untagged_incident_texts() -> dict[Concept, tuple[str, str]]:
    page = lxml_html.fromstring(html_report.render(INCIDENT_REPORT, ()))
    return {
        concept: (_html_value(page, f"concept-{concept.local_name}"), pane.untagged_values(concept, [])[0])
        for concept in INCIDENT_CONCEPTS[1:]
    }


def test_an_8k_untagged_incident_block_reads_the_same_in_the_report_and_the_pane() -> None:
    texts = _untagged_incident_texts()

    assert all(html == gui for html, gui in texts.values())
    assert {concept: html for concept, (html, _) in texts.items()} == {
        **{aspect: "not tagged" for aspect in INCIDENT_ASPECTS[1:]},
        INCIDENT_INFORMATION_NOT_AVAILABLE: "not tagged (optional)",
    }


def test_the_pane_shortens_codes_by_the_plugins_prefix() -> None:
    finding = Finding(CODE_PREFIX + "incidentIncomplete", Severity.WARNING, "t", (), INCIDENT_REPORT.facts)

    assert pane.fact_values(INCIDENT_REPORT.facts[0], [finding])[2] == "warning: incidentIncomplete"


def test_counts_take_their_noun_in_the_right_number() -> None:
    assert [counted(n, "paragraph") for n in (0, 1, 2)] == ["0 paragraphs", "1 paragraph", "2 paragraphs"]
    one_fact = disclosure("10-K", (fact(TEXT_BLOCK, "We assess and manage cybersecurity threats."),))
    assert summary_lines(one_fact, ())[3].endswith("; 1 cyd fact")
