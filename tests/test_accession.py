"""Accession numbers from paths and URLs; 8-K item numbers from EDGAR's item descriptions."""

from __future__ import annotations

import pytest

from cyber_plugin.core.accession import accession_from_path, dashed
from cyber_plugin.edgar.form8k_items import ITEM_TITLES, item_number

STRYKER = "0001193125-26-149607"


@pytest.mark.parametrize(
    "path",
    [
        "0001193125-26-149607.txt",
        "/data/edgar/0001193125-26-149607.htm",
        "downloads/0001193125-26-149607-xbrl.zip",
        "0001193125-26-149607-index.htm",
        "0001193125-26-149607.hdr.sgml",
        "000119312526149607.txt",
        "000119312526149607-xbrl.zip",
        "edgar/data/310764/000119312526149607/syk-20260311.htm",
        "edgar/data/310764/000119312526149607/",
        "edgar/data/310764/000119312526149607",
        r"C:\filings\310764\000119312526149607\syk-20260311.htm",
        "filings/0001193125-26-149607/primary.htm",
        "https://www.sec.gov/Archives/edgar/data/310764/000119312526149607/syk-20260311.htm",
        "https://www.sec.gov/Archives/edgar/data/310764/0001193125-26-149607.txt",
        "https://www.sec.gov/ix?doc=/Archives/edgar/data/310764/000119312526149607/syk-20260311.htm",
    ],
)
def test_accession_named_by_a_path(path: str) -> None:
    assert accession_from_path(path) == STRYKER


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/",
        "filing.htm",
        "sample_filings/10k-item1c/filing.htm",
        "000119312526149607.htm",  # eighteen digits alone are too weak a sign in a file name
        "000119312526149607/filing.htm",  # an 18-digit folder counts only under a CIK folder
        "0001193125-26-1496070.htm",
        "x0001193125-26-149607.htm",
        "edgar/data/310764/00011931252614960/filing.htm",  # 17 digits
    ],
)
def test_no_accession_where_none_is_named(path: str) -> None:
    assert accession_from_path(path) is None


def test_the_file_name_wins_over_its_folder() -> None:
    path = "edgar/data/310764/000119312526149607/0001834584-25-000196.htm"
    assert accession_from_path(path) == "0001834584-25-000196"


def test_dashed_form() -> None:
    assert dashed("000119312526149607") == STRYKER
    assert dashed(f" {STRYKER} ") == STRYKER
    assert dashed("00011931252614960") is None
    assert dashed("0001193125-2614-9607") is None


def test_every_item_title_maps_to_its_number() -> None:
    assert {number: item_number(title) for number, title in ITEM_TITLES.items()} == {
        number: number for number in ITEM_TITLES
    }


@pytest.mark.parametrize(
    ("description", "number"),
    [
        ("Material Cybersecurity Incidents", "1.05"),
        ("MATERIAL CYBERSECURITY INCIDENTS", "1.05"),
        ("Material Cybersecurity Incident", "1.05"),
        ("<ITEMS>1.05", "1.05"),  # a filer agent's raw tag, leaked into the description
        ("1.05", "1.05"),  # the dissemination header's <ITEMS> value
        ("Item 1.05 Material Cybersecurity Incidents", "1.05"),
        # as EDGAR writes 5.02: a colon where the form has a semicolon, wrapped over three lines
        (
            "Departure of Directors or Certain Officers; Election of\n                "
            "Directors; Appointment of Certain Officers: Compensatory\n     Arrangements of Certain Officers",
            "5.02",
        ),
        ("Material Modifications to Rights of Security Holders", "3.03"),
        ("Cost Associated with Exit or Disposal Activities", "2.05"),
        ("Amendment to Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics", "5.05"),
        ("Shareholder Nominations Pursuant to Exchange Act Rule 14a-11", "5.08"),
        ("Results of Operations and Financial Conditions", "2.02"),
        ("Financial Statements and Exhibits", "9.01"),
    ],
)
def test_item_descriptions_as_edgar_writes_them(description: str, number: str) -> None:
    assert item_number(description) == number


@pytest.mark.parametrize("description", ["", "   ", "Something Else Entirely", "Other", "Financial Data"])
def test_unknown_descriptions_have_no_number(description: str) -> None:
    assert item_number(description) is None
