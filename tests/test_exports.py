"""Every export format, written for every sample, real filing and real incident report, read back
and compared."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import html as lxml_html

from cyber_plugin.core.catalogue import concept_for
from cyber_plugin.core.words import ParagraphState
from cyber_plugin.outputs.tables import CHANGES, FACTS, FILINGS, FINDINGS, PARAGRAPHS, TABLE_VERSION
from cyber_plugin.outputs.tabular import restore
from cyber_plugin.outputs.xlsx_format import EXCEL_CELL_LIMIT

from .support.command_line import EXPORT_FORMATS, run_arelle
from .support.hostile import FORMULA_TEXT, HOSTILE_PARAGRAPH, LONG_TEXT_LENGTH
from .support.ixbrl_reader import page_paragraphs
from .support.paths import ALL_SAMPLES, REAL_FILINGS, REAL_INCIDENTS
from .support.run_cache import in_worker_order

FORMATS = EXPORT_FORMATS
REAL = sorted([*REAL_FILINGS.glob("*.htm"), *REAL_FILINGS.glob("*/*.htm")]) if REAL_FILINGS.is_dir() else []
INCIDENTS = sorted(REAL_INCIDENTS.glob("*.htm")) if REAL_INCIDENTS.is_dir() else []
EXPORTED = [*ALL_SAMPLES, *REAL, *INCIDENTS]


def text(value: Any) -> str:
    """A value as the tables write it in a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def accession_named_by(source: str) -> str:
    """The accession number a file is named by (the real incident reports are), else empty."""
    named = re.fullmatch(r"\d{10}-\d{2}-\d{6}", Path(source).stem)
    return named.group() if named else ""


def expected_fact_rows(document: dict[str, Any]) -> list[dict[str, str]]:
    """What the CSV and the Facts sheet must hold, derived here from the JSON export."""
    codes: dict[str, list[str]] = {}
    for finding in document["findings"]:
        for fact_id in finding["factIds"]:
            codes.setdefault(fact_id, [])
            if finding["code"] not in codes[fact_id]:
                codes[fact_id].append(finding["code"])

    rows = []
    for fact in document["facts"]:
        period = fact["period"] or {}
        value, kind = fact["value"], fact["kind"]
        rows.append(
            {
                "source": document["source"],
                "accession_number": accession_named_by(document["source"]),
                "concept": fact["concept"],
                "name": concept_for(fact["concept"]).short_name,
                "label": fact["label"],
                "section": fact["section"],
                "kind": kind,
                "incident": text(fact["incident"]),
                "flag": text(value) if kind == "flag" and isinstance(value, bool) else "",
                "text": text(value) if kind != "flag" else "",
                "period_start": period.get("start", ""),
                "period_end": period.get("end", period.get("instant", "")),
                "context": text(fact["contextRef"]),
                "dimensions": " ".join(f"{d}={m}" for d, m in fact["dimensions"].items()),
                "fact_id": text(fact["id"]),
                "document": fact["document"],
                "line": text(fact["line"]),
                "hidden": text(fact["hidden"]),
                "nil": text(fact["nil"]),
                "language": text(fact["language"]),
                "namespace": fact["namespace"],
                "known": text(fact["known"]),
                "finding_codes": " ".join(codes.get(fact["id"], [])),
            }
        )
    return rows


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text or text.count("\n") <= 1
    reader = csv.DictReader(io.StringIO(text, newline=""))
    # the first columns name the table and the version of its columns
    assert tuple(reader.fieldnames or ()) == ("table", "table_version", *FACTS.column_names)
    rows = [{key: restore(value) for key, value in row.items()} for row in reader]
    assert {(row.pop("table"), row.pop("table_version")) for row in rows} <= {("facts", str(TABLE_VERSION))}
    return rows


def excel_text(cell: Any) -> str:
    """A typed Excel cell as the CSV writes its value: a flag true/false, a date ISO."""
    if isinstance(cell, datetime):
        assert cell.time() == time(0), cell
        return cell.date().isoformat()
    return restore(cell) if isinstance(cell, str) else text(cell)


def read_sheet(workbook: Any, name: str) -> list[list[str]]:
    sheet = workbook[name]
    return [[excel_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


def fits_excel(cell: str, text: str) -> bool:
    """Whether a cell holds the text, or (over Excel's cell limit) its start and the marker."""
    if len(text) <= EXCEL_CELL_LIMIT:
        return cell == text
    return len(cell) == EXCEL_CELL_LIMIT and cell.startswith(text[:1000]) and "cell limit" in cell


@pytest.fixture(scope="module")
def exported(export_run: Any, hostile_filing: Path) -> dict[str, dict[str, Path]]:
    written = {}
    keyed = [*((_key(path), path) for path in EXPORTED), ("hostile", hostile_filing)]
    for key, path in in_worker_order(keyed):
        export = export_run(path)
        assert export.result.returncode == 0, export.result.stderr
        assert export.result.codes().count("CYBER.exported") == len(FORMATS), export.result.codes()
        written[key] = export.files
    return written


def _key(path: Path) -> str:
    return f"{path.parent.name}-{path.name}"


def _keys() -> list[str]:
    return [_key(p) for p in EXPORTED] + ["hostile"]


@pytest.mark.parametrize("key", _keys())
def test_csv_round_trips_every_fact(key: str, exported: dict[str, dict[str, Path]]) -> None:
    document = json.loads(exported[key][".json"].read_text(encoding="utf-8"))

    assert read_csv(exported[key][".csv"]) == expected_fact_rows(document)


@pytest.mark.parametrize("key", _keys())
def test_xlsx_round_trips_facts_findings_and_filing(key: str, exported: dict[str, dict[str, Path]]) -> None:
    document = json.loads(exported[key][".json"].read_text(encoding="utf-8"))
    workbook = openpyxl.load_workbook(exported[key][".xlsx"])

    assert workbook.sheetnames == ["Facts", "Findings", "Filing", "Section", "Changes"]
    facts = read_sheet(workbook, "Facts")
    assert tuple(facts[0]) == FACTS.column_names
    expected = expected_fact_rows(document)
    assert len(facts) - 1 == len(expected)
    for row, wanted in zip(facts[1:], expected, strict=True):
        got = dict(zip(FACTS.column_names, row, strict=True))
        assert fits_excel(got.pop("text"), wanted.pop("text"))
        assert got == wanted
    findings = read_sheet(workbook, "Findings")
    assert tuple(findings[0]) == FINDINGS.column_names
    assert [row[len(FINDINGS.column_names) - 5 :] for row in findings[1:]] == [
        [f["code"], f["severity"], f["message"], " ".join(f["concepts"]), " ".join(f["factIds"])]
        for f in document["findings"]
    ]
    filing_sheet = read_sheet(workbook, "Filing")
    assert filing_sheet[0] == ["column", "value", "what it holds"]
    assert [row[0] for row in filing_sheet[1:]] == list(FILINGS.column_names)
    filing = {row[0]: row[1] for row in filing_sheet[1:]}
    cik = document["entity"]["cik"] or ""
    assert filing["cik"] == (cik.rjust(10, "0") if cik.isdigit() else cik)
    assert (filing["form"], filing["source"]) == (document["documentType"] or "", document["source"])
    assert filing["cyd_facts"] == str(len(document["facts"])) and filing["sha256"] == ""
    assert read_sheet(workbook, "Changes") == [list(CHANGES.column_names)]  # no prior filing: no rows
    sheet = workbook["Facts"]
    assert sheet.freeze_panes == "A2"
    assert (sheet.auto_filter.ref is not None) == bool(expected)


@pytest.mark.parametrize("key", _keys())
def test_html_report_shows_every_fact_and_finding(key: str, exported: dict[str, dict[str, Path]]) -> None:
    document = json.loads(exported[key][".json"].read_text(encoding="utf-8"))
    page = lxml_html.fromstring(exported[key][".html"].read_bytes())

    loading = "//script | //iframe | //object | //embed | //form | //img | //link"
    assert not page.xpath(f"{loading} | //a[@href][not(starts-with(@href, '#'))]")
    for number, fact in enumerate(document["facts"]):
        row = page.get_element_by_id(f"fact-{number}")
        label, value = row.xpath("./td")
        assert label.text_content().startswith(fact["label"])
        shown = value.text_content()
        if fact["kind"] == "flag" and isinstance(fact["value"], bool):
            assert shown.strip() == str(fact["value"]).lower()
        elif fact["value"]:  # the paragraphs a browser shows are the value's lines
            assert page_paragraphs(value) == fact["value"].split("\n")
    report_text = page.text_content()
    for finding in document["findings"]:
        assert " ".join(finding["message"].split()) in " ".join(report_text.split())
    for code in {f["code"] for f in document["findings"]}:
        assert page.xpath(f"//*[@class and contains(@class, 'code') and text()='{code}']")


@pytest.mark.parametrize("key", _keys())
def test_the_section_as_filed_in_excel_and_html(key: str, exported: dict[str, dict[str, Path]]) -> None:
    """The Section sheet and the report's part hold the JSON's paragraphs, each marked tagged or not,
    and the Filing sheet says whether the section was found and how much of it is tagged."""
    section = json.loads(exported[key][".json"].read_text(encoding="utf-8"))["section"]
    workbook = openpyxl.load_workbook(exported[key][".xlsx"])
    page = lxml_html.fromstring(exported[key][".html"].read_bytes())

    sheet = [
        dict(zip(PARAGRAPHS.column_names, row, strict=True)) for row in read_sheet(workbook, "Section")[1:]
    ]
    shown = page.xpath("//section[@class='as-filed']//div[contains(@class, 'paragraph')]")
    filing = {row[0]: row[1] for row in read_sheet(workbook, "Filing")[1:]}
    if section is None:
        assert sheet == shown == [] and filing["section_found"] == filing["section_tagged_share"] == ""
        return
    assert (filing["section_item"], filing["section_found"], float(filing["section_tagged_share"])) == (
        section["item"],
        str(section["found"]).lower(),
        section["taggedShare"],
    )
    assert filing["section_paragraphs"] == str(len(section["paragraphs"]))
    paragraphs = section["paragraphs"]
    assert [
        (r["paragraph"], r["item"], r["tagged_by"], r["line"], r["page"], r["anchor"]) for r in sheet
    ] == [
        (
            str(number),
            section["item"],
            " ".join(p["taggedBy"]),
            str(p["line"]),
            p["page"] or "",
            p["anchor"] or "",
        )
        for number, p in enumerate(paragraphs, start=1)
    ]
    assert [row["substantive"] for row in sheet] == [str(p["substantive"]).lower() for p in paragraphs]
    for row, paragraph in zip(sheet, paragraphs, strict=True):
        assert fits_excel(row["text"], paragraph["text"])
    assert [div.xpath("./p")[0].text_content() for div in shown] == [p["text"] for p in paragraphs]
    untagged = 0
    for row, div, paragraph in zip(sheet, shown, paragraphs, strict=True):
        state = ParagraphState[div.get("class").removeprefix("paragraph ").upper()]
        assert (state is ParagraphState.TAGGED) is bool(paragraph["taggedBy"]) is bool(row["tagged_by"])
        assert (state is ParagraphState.UNTAGGED) is (row["substantive"] == "true" and not row["tagged_by"])
        untagged += state is ParagraphState.UNTAGGED
        assert (ParagraphState.UNTAGGED.value in div.text_content()) is (state is ParagraphState.UNTAGGED)
        links = div.xpath(".//a")
        assert {a.text_content() for a in links} == {
            concept_for(name).label for name in paragraph["taggedBy"]
        }
        for link in links:  # each to the row of a fact of that element
            target = page.get_element_by_id(link.get("href")[1:])
            assert target.xpath("./td[@class='label']")[0].text_content().startswith(link.text_content())
    assert filing["section_untagged_paragraphs"] == str(untagged)


def test_a_section_by_reference_shows_the_filings_words(exported: dict[str, dict[str, Path]]) -> None:
    if not REAL:
        pytest.skip(f"real filings not found at {REAL_FILINGS}")
    page = lxml_html.fromstring(exported["real-filings-wfc-10-k-2025-02-25.htm"][".html"].read_bytes())
    section = json.loads(exported["real-filings-wfc-10-k-2025-02-25.htm"][".json"].read_text("utf-8"))[
        "section"
    ]

    part = page.get_element_by_id("section-as-filed")
    assert part.xpath("./blockquote[@class='reference']")[0].text_content() == section["byReference"]
    where = " ".join(part.xpath("./p[@class='reference']")[0].text_content().split())
    assert where.startswith("Incorporated by reference: the filing puts it in the 2024 Annual Report")
    assert "Exhibit 13" in where
    finding = next(p for p in page.xpath("//p[@class='finding']") if "sectionByReference" in p.text_content())
    assert finding.xpath(".//a/@href") == ["#section-as-filed"]


def test_untagged_paragraphs_are_marked_and_a_filing_without_cyd_facts_shows_its_section(
    exported: dict[str, dict[str, Path]],
) -> None:
    if not REAL:
        pytest.skip(f"real filings not found at {REAL_FILINGS}")
    unh = lxml_html.fromstring(exported["real-filings-unh-10-k-2025-02-27.htm"][".html"].read_bytes())
    apple = lxml_html.fromstring(exported["real-filings-aapl-10-k-2024-11-01.htm"][".html"].read_bytes())

    [untagged] = unh.xpath("//div[@class='paragraph untagged']")
    assert untagged.get("id") == "paragraph-0"
    assert untagged.xpath("./p")[0].text_content().startswith("UnitedHealth Group manages cybersecurity and")
    assert "unh-10-k-2025-02-27.htm, page 21" in untagged.text_content()
    assert len(unh.xpath("//div[@class='paragraph tagged']")) == 7
    assert "92% of the text in cyd text blocks" in unh.get_element_by_id("section-as-filed").text_content()

    assert not apple.xpath("//tr[starts-with(@id, 'fact-')]")
    part = apple.get_element_by_id("section-as-filed")
    assert part.xpath("./h2")[0].text_content() == "Item 1C as filed"
    assert "4 paragraphs, 0% of the text in cyd text blocks, 4 substantive" in part.text_content()
    assert [div.get("class") for div in part.xpath("./div")] == ["paragraph untagged"] * 4


def test_a_paragraphs_markup_stays_text(exported: dict[str, dict[str, Path]]) -> None:
    """Section paragraphs are plain text: the report escapes them, as every filing text."""
    raw = exported["hostile"][".html"].read_text(encoding="utf-8")
    page = lxml_html.fromstring(raw)

    [untagged] = page.xpath("//div[@class='paragraph untagged']")
    assert untagged.xpath("./p")[0].text_content() == HOSTILE_PARAGRAPH
    assert untagged.xpath("./p")[0].getchildren() == []
    assert "&lt;script&gt;window.__pwned=6&lt;/script&gt;" in raw
    assert not page.xpath("//*[@onclick or @onerror]")


def test_html_report_layout_like_the_sec_viewer(exported: dict[str, dict[str, Path]]) -> None:
    page = lxml_html.fromstring(exported["20f-item16k-filing.htm"][".html"].read_bytes())

    heading = [th.text_content() for th in page.xpath("//table[@class='report']/thead/tr/th")]
    assert heading == [
        "Cybersecurity Risk Management and Strategy Disclosure",
        "12 Months Ended Dec. 31, 2024",
    ]
    header = page.xpath("//dl[@class='filing']")[0].text_content()
    for expected in (
        "Lumen Crest Holdings Limited",
        "0001999901",
        "20-F",
        "2024-01-01 to 2024-12-31",
        "2024",
    ):
        assert expected in header
    absent = page.get_element_by_id(
        "concept-CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock"
    )
    assert "not tagged (optional)" in absent.text_content()


def test_html_report_shows_absent_flags_and_missing_elements(exported: dict[str, dict[str, Path]]) -> None:
    if not REAL:
        pytest.skip(f"real filings not found at {REAL_FILINGS}")
    page = lxml_html.fromstring(exported["real-filings-abbv-10-k-2025-02-14.htm"][".html"].read_bytes())

    missing = page.get_element_by_id("concept-CybersecurityRiskManagementThirdPartyEngagedFlag")
    assert "not tagged" in missing.text_content()
    finding = page.xpath("//p[@class='finding']")[0]
    assert "CybersecurityRiskManagementThirdPartyEngagedFlag" in finding.text_content()
    assert finding.xpath(".//a/@href")[0].startswith("#concept-")


def test_spreadsheet_cells_are_not_formulas(exported: dict[str, dict[str, Path]]) -> None:
    rows = {
        row["fact_id"]: row
        for row in csv.DictReader(io.StringIO(exported["hostile"][".csv"].read_text("utf-8-sig")))
    }

    assert rows["cyd-09"]["text"] == "'" + FORMULA_TEXT
    assert rows["cyd-13"]["text"].startswith("'+")
    workbook = openpyxl.load_workbook(exported["hostile"][".xlsx"])
    for sheet in workbook:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f"  # never a formula
                assert (cell.data_type == "s") is isinstance(cell.value, str)
                assert not str(cell.value or "").startswith(("=", "+", "-", "@"))
    typed = dict(zip(FACTS.column_names, next(workbook["Facts"].iter_rows(min_row=2)), strict=True))
    assert (typed["hidden"].data_type, typed["line"].data_type, typed["period_end"].is_date) == (
        "b",
        "n",
        True,
    )


def test_long_text_is_whole_in_csv_and_marked_in_excel(exported: dict[str, dict[str, Path]]) -> None:
    rows = {
        row["fact_id"]: row
        for row in csv.DictReader(io.StringIO(exported["hostile"][".csv"].read_text("utf-8-sig")))
    }
    assert len(rows["cyd-15"]["text"]) == LONG_TEXT_LENGTH

    workbook = openpyxl.load_workbook(exported["hostile"][".xlsx"])
    facts = read_sheet(workbook, "Facts")
    fact_id, text = FACTS.column_names.index("fact_id"), FACTS.column_names.index("text")
    cut = next(row for row in facts if row[fact_id] == "cyd-15")[text]
    assert len(cut) == EXCEL_CELL_LIMIT and cut.endswith("see the JSON or CSV export]")


def test_unknown_extension_names_every_supported_format(workdir: Path) -> None:
    from .support.paths import SAMPLE_20F

    result = run_arelle("-f", SAMPLE_20F, "--cyber-export", "x.pdf", cwd=workdir)

    assert result.returncode == 2
    assert "supported: .changes.csv, .csv, .html, .json, .xlsx" in result.stderr
