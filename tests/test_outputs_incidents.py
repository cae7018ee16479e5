"""Incidents kept apart in the outputs: the HTML report heads each incident and lists its untagged
aspects under it, incident findings name their incident, every fact sits in one layout group, the
batch's text columns never mix incidents; the real Stryker 8-K/A end to end."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from typing import Any

import openpyxl
import pytest
from lxml import html as lxml_html

from cyber_plugin.checks import run_checks
from cyber_plugin.core.catalogue import (
    INCIDENT_AXIS,
    INCIDENT_CONCEPTS,
    PROCESSES_INTEGRATED_FLAG,
    STRUCTURAL_CONCEPTS,
    Topic,
)
from cyber_plugin.core.disclosure import CydFact, Incident, Period
from cyber_plugin.core.settings import RuleSettings
from cyber_plugin.core.words import incident_heading, incident_member_text
from cyber_plugin.outputs import html_report, xlsx_format
from cyber_plugin.outputs.json_format import disclosure_document
from cyber_plugin.outputs.layout import layout
from cyber_plugin.outputs.tables import FACTS, FILINGS

from .support.builder import disclosure, fact
from .support.loads import Loaded, load_in_session
from .support.paths import REAL_INCIDENTS

EVENT = Period(start=date(2025, 3, 10), end=date(2025, 3, 10))
NATURE, SCOPE, TIMING, IMPACT, NOT_AVAILABLE = (c.local_name for c in INCIDENT_CONCEPTS)
RANSOMWARE = ("Ransomware Attack", "nwf:RansomwareMember")
PHISHING = ("Payroll Phishing", "nwf:PhishingMember")
STRYKER_8K_A = REAL_INCIDENTS / "0001193125-26-149607.htm"


def on_incident(name: str, text: str, incident: tuple[str, str], line: int) -> CydFact:
    """A fact on a member of the incident axis, as extraction reads it."""
    label, member = incident
    return fact(
        name,
        text,
        period=EVENT,
        id=f"{member.partition(':')[2]}-{name[-20:]}",
        line=line,
        dimensions=((f"cyd:{INCIDENT_AXIS}", member),),
        incident=label,
        incident_member=member,
    )


# The ransomware incident is complete and mentioned first; the phishing one lacks scope and
# timing, and its impact comes before the ransomware's in the document.
TWO_INCIDENTS = disclosure(
    "8-K",
    (
        on_incident(NATURE, "Ransomware encrypted the file servers.", RANSOMWARE, 10),
        on_incident(NATURE, "A phishing campaign took the payroll mailbox.", PHISHING, 50),
        on_incident(SCOPE, "Two plants stopped.", RANSOMWARE, 20),
        on_incident(TIMING, "March 10, 2025.", RANSOMWARE, 30),
        on_incident(IMPACT, "Payroll was delayed a week.", PHISHING, 15),
        on_incident(IMPACT, "Revenue of one quarter.", RANSOMWARE, 60),
    ),
    period=EVENT,
)


def incident_blocks(page: Any) -> dict[str, list[tuple[str, str]]]:
    """Each incident heading of the report -> the (label, value) rows under it."""
    blocks: dict[str, list[tuple[str, str]]] = {}
    rows: list[tuple[str, str]] | None = None
    for row in page.xpath("//table[@class='report']/tbody/tr"):
        if row.get("class") == "incident":
            rows = blocks.setdefault(" ".join(row.text_content().split()), [])
        elif row.get("class") is None and rows is not None:
            label, value = row.xpath("./td")
            rows.append((label.text.strip(), " ".join(value.text_content().split())))
    return blocks


def test_the_report_heads_each_incident_and_shows_its_untagged_aspects_under_it() -> None:
    page = lxml_html.fromstring(html_report.render(TWO_INCIDENTS, run_checks(TWO_INCIDENTS, RuleSettings())))
    ransomware = TWO_INCIDENTS.incidents[0]
    labels = [c.label for c in INCIDENT_CONCEPTS]

    blocks = incident_blocks(page)

    assert list(blocks) == [
        f"{incident_heading(ransomware)} ({incident_member_text(ransomware)})",
        "Incident: Payroll Phishing (member nwf:PhishingMember)",
    ]
    assert blocks["Incident: Payroll Phishing (member nwf:PhishingMember)"] == [
        (labels[0], "A phishing campaign took the payroll mailbox."),
        (labels[1], "not tagged"),
        (labels[2], "not tagged"),
        (labels[3], "Payroll was delayed a week."),
        (labels[4], "not tagged (optional)"),
    ]
    assert [value for _, value in blocks[next(iter(blocks))]][1:] == [
        "Two plants stopped.",
        "March 10, 2025.",
        "Revenue of one quarter.",
        "not tagged (optional)",
    ]
    assert len(page.xpath("//tr[@class='items']")) == 1  # one [Line Items] heading over both


def test_an_incident_finding_names_its_incident_and_links_to_its_untagged_aspects() -> None:
    findings = run_checks(TWO_INCIDENTS, RuleSettings())
    page = lxml_html.fromstring(html_report.render(TWO_INCIDENTS, findings))
    ids = page.xpath("//@id")

    [incomplete] = [
        p for p in page.xpath("//p[@class='finding']") if "incidentIncomplete" in p.text_content()
    ]
    links = [(a.get("href")[1:], a.text_content()) for a in incomplete.xpath(".//a")]

    assert len(ids) == len(set(ids))
    assert links[0] == ("incident-1", "incident Payroll Phishing")
    assert page.get_element_by_id("incident-1").text_content().startswith("Incident: Payroll Phishing")
    absent = [anchor for anchor, _ in links if anchor.startswith("concept-")]
    assert absent == [f"concept-{SCOPE}", f"concept-{TIMING}"]
    for anchor in absent:  # the rows under the phishing heading, not the ransomware's
        assert page.get_element_by_id(anchor) in page.get_element_by_id("incident-1").itersiblings()
    assert f"concept-{NOT_AVAILABLE}-2" in ids  # both incidents leave it untagged


def test_every_fact_sits_in_one_group_strays_included() -> None:
    """An annual fact on an incident's member stays with that incident; facts of elements the
    catalogue does not know, and of structural elements, get groups of their own."""
    annual_on_axis = on_incident(PROCESSES_INTEGRATED_FLAG, "true", PHISHING, 70)
    unknown = fact("CybersecurityRiskNewThingFlag", True, period=EVENT, id="new", line=80)
    structural = fact(STRUCTURAL_CONCEPTS[1].local_name, "x", period=EVENT, id="line-items", line=90)
    report = disclosure("8-K", (*TWO_INCIDENTS.facts, annual_on_axis, unknown, structural), period=EVENT)

    groups = layout(report)

    assert [(g.topic, g.incident.name if g.incident else None) for g in groups] == [
        (Topic.INCIDENT, "Ransomware Attack"),
        (Topic.INCIDENT, "Payroll Phishing"),
        (Topic.UNKNOWN, None),
        (Topic.STRUCTURE, None),
    ]
    placed = [fact.id for group in groups for fact in group.facts]
    assert sorted(placed) == sorted(fact.id for fact in report.facts)
    assert groups[1].entries[-1].facts == (annual_on_axis,)
    assert [g.facts for g in groups[2:]] == [(unknown,), (structural,)]
    page = lxml_html.fromstring(html_report.render(report, run_checks(report, RuleSettings())))
    headings = [th.text_content() for th in page.xpath("//tr[@class='items']/th")]
    assert headings[1:] == [Topic.UNKNOWN.heading, Topic.STRUCTURE.heading]


def test_an_incident_report_without_incident_facts_shows_the_aspects_untagged() -> None:
    groups = layout(disclosure("8-K", (), period=EVENT))

    assert [(g.incident, [e.facts for e in g.entries]) for g in groups] == [
        (Incident("Material cybersecurity incident", None, ()), [()] * len(INCIDENT_CONCEPTS))
    ]


def test_the_batch_text_columns_take_the_first_incident_whole() -> None:
    """Presentation order puts the phishing impact first; the filings row still takes every
    incident text from the ransomware incident, mentioned first, and says so."""
    [row] = FILINGS.rows(disclosure_document(TWO_INCIDENTS, ()))
    cells = dict(zip(FILINGS.column_names, row, strict=True))

    assert [f.incident for f in TWO_INCIDENTS.facts_for(IMPACT)] == ["Payroll Phishing", "Ransomware Attack"]
    assert (cells["incidents"], cells["incident"]) == (2, "Ransomware Attack")
    assert (cells["incident_nature"], cells["incident_impact"]) == (
        "Ransomware encrypted the file servers.",
        "Revenue of one quarter.",
    )
    assert cells["incident_not_available"] is None


# The real 8-K/A.


@pytest.fixture(scope="module")
def stryker() -> Iterator[Loaded]:
    if not STRYKER_8K_A.is_file():
        pytest.skip(f"real incident reports not found at {REAL_INCIDENTS}")
    loaded = load_in_session(STRYKER_8K_A, cache=False)
    yield loaded
    loaded.session.close()


def test_the_stryker_amendment_reads_as_one_incident_in_the_report_and_the_workbook(stryker: Loaded) -> None:
    disclosure_ = stryker.disclosure
    findings = run_checks(disclosure_, RuleSettings())
    page = lxml_html.fromstring(html_report.render(disclosure_, findings))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_format.render(disclosure_, findings)))

    blocks = incident_blocks(page)

    assert list(blocks) == ["Incident: March112026IncidentMember (member syk:March112026IncidentMember)"]
    [rows] = blocks.values()
    assert [label for label, _ in rows] == [c.label for c in INCIDENT_CONCEPTS]
    assert not [value for _, value in rows if value.startswith("not tagged")]
    incident_column = FACTS.column_names.index("incident")
    facts = list(workbook["Facts"].iter_rows(min_row=2, values_only=True))
    assert {row[incident_column] for row in facts} == {"March112026IncidentMember"} and len(facts) == 5
    filing = {row[0]: row[1] for row in workbook["Filing"].iter_rows(min_row=2, values_only=True)}
    assert (filing["incidents"], filing["incident"]) == (1, "March112026IncidentMember")
    assert (filing["form"], filing["accession_number"], filing["status"]) == (
        "8-K/A",
        "0001193125-26-149607",
        "incident",
    )
