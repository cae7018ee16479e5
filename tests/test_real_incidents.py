"""The four real Item 1.05 incident reports in ../shared/real-incidents/, read offline without
their schemas: the worked examples in docs/rules.md, finding by finding."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .support.command_line import run_arelle
from .support.ixbrl_reader import layout_problems, read_cyd_facts, squeeze
from .support.paths import REAL_INCIDENTS

STRYKER = "0001193125-26-149607.htm"
GENIUS = "0001493152-24-052394.htm"
CARECLOUD = "0001493152-26-013239.htm"
COUPANG = "0001834584-25-000196.htm"
UNNAMED = "Material cybersecurity incident"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    if not REAL_INCIDENTS.is_dir():
        pytest.skip(
            f"real incident reports not found at {REAL_INCIDENTS} (they sit beside the project in CI)"
        )
    folder = tmp_path_factory.mktemp("incidents")
    exported = {}
    for path in sorted(REAL_INCIDENTS.glob("*.htm")):
        target = folder / f"{path.stem}.json"
        result = run_arelle("-f", path, "-v", "--cyber-export", target, cwd=folder, cache=False)
        assert result.returncode == 0, result.stderr
        exported[path.name] = json.loads(target.read_text(encoding="utf-8")) | {"_log": result.log}
    assert sorted(exported) == sorted([STRYKER, GENIUS, CARECLOUD, COUPANG])
    return exported


# What a reviewer would agree with, report by report (the worked examples in docs/rules.md).
EXPECTED_FINDINGS = {
    STRYKER: [],
    # Its nature and scope blocks hold risk-management prose, its information-not-available block
    # says no incident has materially affected it (docs/suggestion-model.md hand-reads them).
    GENIUS: [
        ("CYBER.textReadsLikeOther", "info", ["Fact000022"]),
        ("CYBER.textReadsLikeOther", "info", ["Fact000025"]),
        ("CYBER.textReadsLikeOther", "info", ["Fact000026"]),
    ],
    CARECLOUD: [
        ("CYBER.formMismatch", "warning", ["Fact000038", "Fact000039", "Fact000042", "Fact000041"]),
        ("CYBER.incidentIncomplete", "warning", ["Fact000040", "Fact000043"]),
    ],
    # Item 1.05 as filed holds a paragraph on the subsidiary's chief executive that no text block tags.
    COUPANG: [("CYBER.untaggedText", "warning", [])],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_FINDINGS))
def test_real_incident_findings(name: str, exports: dict[str, dict[str, Any]]) -> None:
    exported = exports[name]

    assert [(f["code"], f["severity"], f["factIds"]) for f in exported["findings"]] == EXPECTED_FINDINGS[name]
    logged = [
        e["code"]
        for e in exported["_log"]
        if e["code"].startswith("CYBER.") and e["code"] != "CYBER.exported"
    ]
    assert logged == [code for code, _, _ in EXPECTED_FINDINGS[name]]  # no internal error either


@pytest.mark.parametrize("name", sorted(EXPECTED_FINDINGS))
def test_every_cyd_fact_is_exported(name: str, exports: dict[str, dict[str, Any]]) -> None:
    expected = read_cyd_facts(REAL_INCIDENTS / name)

    got = {
        fact["id"]: (fact["concept"], fact["value"] if fact["kind"] == "flag" else squeeze(fact["value"]))
        for fact in exports[name]["facts"]
    }
    assert got == expected


@pytest.mark.parametrize("name", sorted(EXPECTED_FINDINGS))
def test_text_is_read_as_the_page_lays_it_out(name: str, exports: dict[str, dict[str, Any]]) -> None:
    """As for the real 10-Ks (test_real_filings): each text block's text and Item 1.05's
    paragraphs are the page's, read independently: no words glued across continuations (Genius
    Group's "threats;Performing"), no source line wraps kept ("The\nCompany"), no line broken at an
    element styled display:inline (Stryker's "Form <div style="display:inline">8-K,</div>")."""
    exported = exports[name]

    assert layout_problems(REAL_INCIDENTS / name, exported) == []
    section = exported["section"]
    assert section is None if name == GENIUS else section["paragraphs"]  # a 6-K has no items


# Item 1.05 as filed, report by report (the table in docs/section.md): heading, paragraphs, tagged
# share, the first and last words, the pages the document prints.
REAL_SECTIONS = {
    STRYKER: (
        "Item 1.05 Material Cybersecurity Incidents.", 4, 0.6097,
        "As previously disclosed in the Original Report and as further reported on two Item 7.01 "
        "Current Reports on Form 8-K, furnished to the SEC",
        "commercial, ordering and distribution systems have been restored.", [None] * 4,
    ),
    CARECLOUD: (
        "Item 1.05 Material Cybersecurity Incidents.", 5, 1.0,
        "On March 16, 2026, CareCloud, Inc. (the “Company”) experienced",
        "will amend this Current Report on Form 8-K as such information is determined or becomes available.",
        ["2"] * 5,
    ),
    COUPANG: (
        "Item 1.05. Material Cybersecurity Incidents.", 4, 0.8763,
        "On November 18, 2025, Coupang Corp.",
        "is serving as interim chief executive officer of the Korean subsidiary.", [None] * 4,
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(REAL_SECTIONS))
def test_item_1_05_as_filed(name: str, exports: dict[str, dict[str, Any]]) -> None:
    heading, count, share, first, last, pages = REAL_SECTIONS[name]

    section = exports[name]["section"]

    assert (section["item"], section["found"], section["heading"]) == ("1.05", True, heading)
    assert (len(section["paragraphs"]), section["taggedShare"]) == (count, share)
    assert section["paragraphs"][0]["text"].startswith(first)
    assert section["paragraphs"][-1]["text"].endswith(last)
    assert [p["page"] for p in section["paragraphs"]] == pages
    assert exports[GENIUS]["section"] is None  # a 6-K has no items


def test_coupang_untagged_paragraph_is_named_by_its_nearest_id_and_first_words(
    exports: dict[str, dict[str, Any]],
) -> None:
    """Coupang's 8-K is written on a few long lines and prints no page numbers."""
    [message] = [f["message"] for f in exports[COUPANG]["findings"] if f["code"] == "CYBER.untaggedText"]

    assert message == (
        "Paragraphs of Item 1.05 in 0001834584-25-000196.htm that no cyd text block covers (1 of 4; 88% "
        "of the section's text is tagged): near #f-27-1 “The former chief executive officer of Coupang "
        "Corp.,…”. Tag each with the text block of the element it answers, or move it out of Item 1.05 "
        "if it answers none."
    )


def test_genius_groups_incident_blocks_read_like_its_risk_management(
    exports: dict[str, dict[str, Any]],
) -> None:
    """The 6-K tags risk-management text as an incident's nature and scope, and a "not materially
    affected" statement as information not yet determined: each reads far more like another element."""
    messages = [f["message"] for f in exports[GENIUS]["findings"] if f["code"] == "CYBER.textReadsLikeOther"]
    processes = "Cybersecurity Risk Management Processes for Assessing, Identifying, and Managing Threats"
    affected = "Cybersecurity Risk Materially Affected or Reasonably Likely to Materially Affect Registrant"
    ending = (
        "the suggestion model's scores, 0 to 1, for the whole block. Check that it is tagged with the "
        "element it answers."
    )

    assert messages == [
        "Material Cybersecurity Incident Nature [Text Block] (id Fact000022) reads far more like "
        f"{processes} (0.98) than like its own element (0.00): {ending}",
        f"Material Cybersecurity Incident Scope [Text Block] (id Fact000025) reads far more like {processes} "
        f"(0.92) than like its own element (0.00): {ending}",
        "Material Cybersecurity Incident Information Not Available or Undetermined [Text Block] (id "
        f"Fact000026) reads far more like {affected} (0.96) than like its own element (0.00): {ending}",
    ]


def test_continuations_join_as_the_page_shows_them(exports: dict[str, dict[str, Any]]) -> None:
    """A continuation in another block of the page starts a new line; one in the same block goes
    on where the text stopped, even inside a word (Coupang's "N" | "o Coupang customers")."""
    values = {fact["id"]: fact["value"] for e in exports.values() for fact in e["facts"]}

    assert "industry specify threats;\nPerforming a cybersecurity risk assessment" in values["Fact000025"]
    assert "No Coupang customers’ banking information" in values["f-26"]
    assert (
        values["Fact000040"]
        == "The Company is continuing to investigate the nature and scope of the incident."
    )


def incidents(exported: dict[str, Any]) -> list[tuple[str, str | None, list[str]]]:
    return [(i["name"], i["member"], i["factIds"]) for i in exported["incidents"]]


def test_stryker_amendment_reports_one_incident_on_the_axis(exports: dict[str, dict[str, Any]]) -> None:
    """All five blocks on the member syk:March112026IncidentMember (no label offline): complete,
    and as an amendment it would not have to be."""
    stryker = exports[STRYKER]

    assert (stryker["documentType"], stryker["amendment"]) == ("8-K/A", True)
    assert incidents(stryker) == [
        (
            "March112026IncidentMember",
            "syk:March112026IncidentMember",
            ["ixv-442", "ixv-446", "ixv-443", "ixv-444", "ixv-445"],
        )
    ]
    assert {f["incident"] for f in stryker["facts"]} == {"March112026IncidentMember"}
    assert {json.dumps(f["period"]) for f in stryker["facts"]} == {
        '{"start": "2026-03-11", "end": "2026-03-11"}'
    }


def test_genius_6k_name_is_one_line(exports: dict[str, dict[str, Any]]) -> None:
    genius = exports[GENIUS]

    assert genius["entity"] == {
        "name": "Genius Group Limited",
        "cik": "0001847806",
        "tradingSymbol": None,
    }  # two lines in the markup
    assert genius["documentType"] == "6-K"
    assert incidents(genius) == [(UNNAMED, None, ["Fact000022", "Fact000025", "Fact000026"])]


def test_carecloud_flag_tagged_on_a_sentence_is_true(exports: dict[str, dict[str, Any]]) -> None:
    carecloud = exports[CARECLOUD]

    flag = next(f for f in carecloud["facts"] if f["id"] == "Fact000039")
    assert flag["value"] is True  # format="ixt:booleantrue" on a whole sentence
    assert carecloud["entity"]["name"] == "CareCloud, Inc."
    assert incidents(carecloud) == [(UNNAMED, None, ["Fact000040", "Fact000043"])]
    assert [f["incident"] for f in carecloud["facts"] if f["section"] != "material incident"] == [None] * 4


def test_coupang_plain_incident_report(exports: dict[str, dict[str, Any]]) -> None:
    coupang = exports[COUPANG]

    assert incidents(coupang) == [(UNNAMED, None, ["f-25", "f-26", "f-24", "f-27"])]
    assert {f["language"] for f in coupang["facts"]} == {"en-US"}  # the only one that sets xml:lang
    assert {f["language"] for f in exports[STRYKER]["facts"]} == {None}


def test_taxonomy_years_as_filed(exports: dict[str, dict[str, Any]]) -> None:
    years = {name: [ns.rpartition("/")[2] for ns in e["cydNamespaces"]] for name, e in exports.items()}

    assert years == {STRYKER: ["2025"], GENIUS: ["2024"], CARECLOUD: ["2025"], COUPANG: ["2025"]}
