"""Every cyd fact of each real 10-K, read offline without its schemas, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support.ixbrl_reader import layout_problems, read_cyd_facts, squeeze
from .support.loads import load_once
from .support.paths import REAL_FILINGS, real_filing

REAL = sorted([*REAL_FILINGS.glob("*.htm"), *REAL_FILINGS.glob("*/*.htm")]) if REAL_FILINGS.is_dir() else []
SKIP_REASON = f"real filings not found at {REAL_FILINGS} (they sit beside the project in CI)"


@pytest.mark.parametrize(
    "path",
    REAL or [pytest.param(None, marks=pytest.mark.skip(SKIP_REASON))],
    ids=lambda p: p.name if p else "none",
)
def test_export_holds_every_cyd_fact_and_nothing_else(path: Path, real_exports: dict[str, dict]) -> None:
    expected = read_cyd_facts(path)
    exported = real_exports[path.name]

    got = {
        fact["id"]: (fact["concept"], fact["value"] if fact["kind"] == "flag" else squeeze(fact["value"]))
        for fact in exported["facts"]
    }
    assert len(exported["facts"]) == len(expected)
    assert got == expected


@pytest.mark.parametrize(
    "path",
    REAL or [pytest.param(None, marks=pytest.mark.skip(SKIP_REASON))],
    ids=lambda p: p.name if p else "none",
)
def test_text_is_read_as_the_page_lays_it_out(path: Path, real_exports: dict[str, dict]) -> None:
    """An independent reading (lxml; block elements and <br> as paragraph boundaries, display
    styles respected, continuations joined where the page joins them) gives each text block's
    exported text, white space collapsed, with every line break where a paragraph ends; and each
    paragraph of the section is one of the document's paragraphs, with only short lines (page
    furniture, headings) left out between them."""
    exported = real_exports[path.name]

    assert exported["section"]["paragraphs"]
    assert layout_problems(path, exported) == []


def test_the_common_case_netflix(real_exports: dict[str, dict]) -> None:
    netflix = real_exports["nflx-10-k-2025-01-27.htm"]

    assert len(netflix["facts"]) == 15
    assert sum(fact["kind"] == "flag" for fact in netflix["facts"]) == 6
    assert {fact["contextRef"] for fact in netflix["facts"]} == {"c-1"}
    assert netflix["flags"] == {
        "CybersecurityRiskManagementProcessesIntegratedFlag": True,
        "CybersecurityRiskManagementThirdPartyEngagedFlag": True,
        "CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag": True,
        "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag": False,
        "CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag": True,
        "CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag": True,
    }
    assert netflix["entity"] == {"name": "Netflix, Inc.", "cik": "0001065280", "tradingSymbol": "NFLX"}
    assert netflix["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    assert (netflix["fiscalYearFocus"], netflix["fiscalPeriodFocus"]) == ("2024", "FY")


def test_continued_text_block_is_complete(real_exports: dict[str, dict]) -> None:
    netflix = real_exports["nflx-10-k-2025-01-27.htm"]
    first = netflix["facts"][0]

    assert first["id"] == "f-36"  # continued at f-36-1
    assert first["value"].startswith("We have an enterprise-wide information security program")
    assert "Audit Committee.\nOur systems and those of third parties" in first["value"]


def test_absent_flags_are_null_not_false(real_exports: dict[str, dict]) -> None:
    abbvie = real_exports["abbv-10-k-2025-02-14.htm"]

    assert [fact["kind"] for fact in abbvie["facts"]] == ["text"]
    assert set(abbvie["flags"].values()) == {None}


def test_later_taxonomy_year_is_read(real_exports: dict[str, dict]) -> None:
    assert real_exports["pg-10-k-2025-08-04.htm"]["cydNamespaces"] == ["http://xbrl.sec.gov/cyd/2025"]
    assert len(real_exports["pg-10-k-2025-08-04.htm"]["facts"]) == 15


@pytest.mark.parametrize("name", ["wfc-10-k-2025-02-25.htm", "aapl-10-k-2024-11-01.htm"])
def test_filings_without_cyd_facts_export_none(name: str, real_exports: dict[str, dict]) -> None:
    assert real_exports[name]["facts"] == []
    assert real_exports[name]["cydNamespaces"] == []


# What a reviewer would agree with, filing by filing (the worked examples in docs/rules.md).
EXPECTED_FINDINGS = {
    "aapl-10-k-2024-11-01.htm": [],
    "abbv-10-k-2025-02-14.htm": [("CYBER.missingElement", "warning", [])],
    "ibm-20241231.htm": [],
    "nflx-10-k-2025-01-27.htm": [],
    "pg-10-k-2025-08-04.htm": [],
    "unh-10-k-2025-02-27.htm": [
        ("CYBER.missingElement", "warning", []),
        ("CYBER.duplicate", "info", ["f-46", "f-50"]),
        ("CYBER.untaggedText", "warning", []),
    ],
    "wfc-10-k-2025-02-25.htm": [
        ("CYBER.missingDisclosure", "error", []),
        ("CYBER.sectionByReference", "info", []),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_FINDINGS))
def test_real_filing_findings(name: str, real_exports: dict[str, dict]) -> None:
    exported = real_exports[name]

    findings = [(f["code"], f["severity"], f["factIds"]) for f in exported["findings"]]
    assert findings == EXPECTED_FINDINGS[name]
    # The same findings logged by a validating run (the one test_transforms.py reads too).
    logged = load_once(real_filing(name), cache=False, validate=True).cyber_codes
    assert list(logged) == [code for code, _, _ in EXPECTED_FINDINGS[name]]


def test_unitedhealth_misses_two_governance_text_blocks(real_exports: dict[str, dict]) -> None:
    finding = real_exports["unh-10-k-2025-02-27.htm"]["findings"][0]

    assert finding["concepts"] == [
        "CybersecurityRiskBoardOfDirectorsOversightTextBlock",
        "CybersecurityRiskRoleOfManagementTextBlock",
    ]


def test_abbvie_umbrella_text_block_misses_fourteen_elements(real_exports: dict[str, dict]) -> None:
    finding = real_exports["abbv-10-k-2025-02-14.htm"]["findings"][0]

    assert len(finding["concepts"]) == 14


def test_unitedhealths_missing_blocks_read_like_no_paragraph_clearly(real_exports: dict[str, dict]) -> None:
    """Its board-oversight and role-of-management texts are tagged only as other elements (the
    committee and positions responsible); no paragraph scores either high enough to be named."""
    message = real_exports["unh-10-k-2025-02-27.htm"]["findings"][0]["message"]

    assert message.endswith(
        "No paragraph of Item 1C reads clearly like any missing text block: Cybersecurity Risk Board of "
        "Directors Oversight; Cybersecurity Risk Role of Management."
    )


def test_abbvies_umbrella_block_holds_a_paragraph_that_answers_board_oversight(
    real_exports: dict[str, dict],
) -> None:
    """AbbVie tags all of Item 1C as risk-management processes: of the text blocks it leaves
    untagged, the board's oversight is answered by a paragraph on page 26, which the finding names."""
    message = real_exports["abbv-10-k-2025-02-14.htm"]["findings"][0]["message"]
    named, unnamed = message.split("(the suggestion model's score, 0 to 1): ")[1].split(
        ". No paragraph of Item 1C reads clearly like the other missing text blocks: "
    )

    assert named == (
        "Cybersecurity Risk Board of Directors Oversight: page 26 “Our board of directors has risk "
        "oversight responsibility…” (0.96)"
    )
    assert len(unnamed.removesuffix(".").split("; ")) == 7  # every other missing text block
