"""The dataset's status, tables and table files, on disclosures and records built by hand; the data
dictionary matches the code."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import warnings
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from cyber_plugin.checks import run_checks
from cyber_plugin.core.catalogue import (
    ANNUAL_CONCEPTS,
    BY_NAME,
    CONCEPTS,
    INCIDENT_CONCEPTS,
    MATERIALLY_AFFECTED_FLAG,
    REQUIRED_ANNUAL_CONCEPTS,
    Concept,
    concept_for,
)
from cyber_plugin.core.disclosure import CydFact, Disclosure, FilingInfo, Period
from cyber_plugin.core.section import Paragraph, Section
from cyber_plugin.core.settings import RuleSettings
from cyber_plugin.core.status import STATUS_MEANINGS, Status, filing_status
from cyber_plugin.dataset import Tables, TableVersionError, read
from cyber_plugin.dataset.records import RECORDS_FILE, DatasetError, TablesDirectory
from cyber_plugin.dataset.table_files import MissingDependency, TableFormat, write_tables
from cyber_plugin.outputs import csv_format
from cyber_plugin.outputs.filing_record import export_record, filing_record
from cyber_plugin.outputs.json_format import disclosure_document
from cyber_plugin.outputs.tables import FACTS, FILINGS, FINDINGS, PARAGRAPHS, TABLE_VERSION, TABLES
from tools.data_dictionary import data_dictionary_markdown

from .support.paths import REPO

CYD = "http://xbrl.sec.gov/cyd/2024"
FISCAL_2024 = Period(start=date(2024, 1, 1), end=date(2024, 12, 31))
INCIDENT_MEMBERS = ("syk:March112026IncidentMember", "syk:May022026IncidentMember")
FAILURE = {"format": "cyber-disclosure", "version": 1, "source": "/x.htm", "sha256": None, "error": "gone"}
HOSTILE_TEXT = '=HYPERLINK("http://example.com")\nSecond paragraph, "quoted", ünïcode'
RISK = REQUIRED_ANNUAL_CONCEPTS[0].local_name
SECTION = Section(
    "1C",
    True,
    "Item 1C. Cybersecurity",
    "filing.htm",
    5,
    paragraphs=(
        Paragraph("Risk Management and Strategy", "filing.htm", 6, (RISK,), 25),
        Paragraph(
            "We assess, identify and manage material risks from cybersecurity threats.", "filing.htm", 7
        ),
        Paragraph("=SUM(A1) is text here: our managers review the program each quarter.", "filing.htm", 9),
    ),
)


def fact(concept: Concept, value: bool | str | None = None, number: int = 0) -> CydFact:
    if value is None:
        value = True if concept.is_flag else f"What {concept.short_name} says."
    return CydFact(
        concept=concept,
        namespace=CYD,
        value=value,
        html=None if concept.is_flag else f"<p>{value}</p>",
        lexical=str(value).lower() if concept.is_flag else "",
        context_id="c-1",
        period=FISCAL_2024,
        entity="1999901",
        entity_scheme="http://www.sec.gov/CIK",
        dimensions=(),
        id=f"f-{concept.order}-{number}",
        document="filing.htm",
        line=10 + concept.order,
        hidden=False,
        nil=False,
        language=None,
    )


def disclosure(
    form: str,
    facts: list[CydFact],
    period_end: date = date(2024, 12, 31),
    section: Section | None = None,
    **info: Any,
) -> Disclosure:
    filing = FilingInfo(
        document_type=form,
        registrant_name="Lumen Crest Holdings Limited",
        cik="1999901",
        period_end=period_end,
        fiscal_year_focus=str(period_end.year),
        fiscal_period_focus="FY",
        trading_symbol="LCHZ",
        period=FISCAL_2024,
        **info,
    )
    return Disclosure(
        source="/data/filing.htm", filing=filing, facts=tuple(facts), cyd_namespaces=(CYD,), section=section
    )


def complete() -> list[CydFact]:
    return [
        fact(c, False if c.local_name == MATERIALLY_AFFECTED_FLAG else None) for c in REQUIRED_ANNUAL_CONCEPTS
    ]


def record(of: Disclosure, items: tuple[str, ...] = ()) -> dict[str, Any]:
    """The dataset record cyber-extract makes of a disclosure."""
    settings = RuleSettings(eight_k_items=items)
    document = disclosure_document(of, run_checks(of, settings))
    return filing_record(document, of.source, "ab" * 32, filing_status(of, items))


# The status: one value per filing, on the rules' own tests.

STATUS_CASES = {
    "10-K due, nothing tagged": (disclosure("10-K", []), (), Status.MISSING),
    "10-K before the requirement": (disclosure("10-K", [], date(2024, 9, 28)), (), Status.NOT_REQUIRED),
    "10-K amendment": (disclosure("10-K/A", []), (), Status.NOT_REQUIRED),
    "10-K transition report": (disclosure("10-K", [], transition_report=True), (), Status.NOT_REQUIRED),
    "8-K without Item 1.05": (disclosure("8-K", []), ("2.02",), Status.NOT_REQUIRED),
    "8-K listing Item 1.05, nothing tagged": (disclosure("8-K", []), ("1.05", "9.01"), Status.MISSING),
    "10-K complete": (disclosure("10-K", complete()), (), Status.COMPLETE),
    "20-F complete": (disclosure("20-F", complete()), (), Status.COMPLETE),
    "10-K one element short": (disclosure("10-K", complete()[:-1]), (), Status.PARTIAL),
    "10-K before the requirement, partly tagged": (
        disclosure("10-K", complete()[:3], date(2024, 9, 28)),
        (),
        Status.PARTIAL,
    ),
    "8-K incident": (disclosure("8-K", [fact(c) for c in INCIDENT_CONCEPTS[:4]]), ("1.05",), Status.INCIDENT),
}


@pytest.mark.parametrize(("case", "items", "expected"), STATUS_CASES.values(), ids=list(STATUS_CASES))
def test_status_agrees_with_the_rules(case: Disclosure, items: tuple[str, ...], expected: Status) -> None:
    codes = {finding.code for finding in run_checks(case, RuleSettings(eight_k_items=items))}

    assert filing_status(case, items) is expected
    assert (expected is Status.MISSING) == bool(
        codes & {"CYBER.missingDisclosure", "CYBER.incidentNotTagged"}
    )
    assert (expected is Status.PARTIAL) == ("CYBER.missingElement" in codes)


def test_every_status_has_a_meaning() -> None:
    assert [status.value for status in Status] == [
        "not_required",
        "missing",
        "partial",
        "complete",
        "incident",
    ]
    assert all(len(STATUS_MEANINGS[status]) > 40 for status in Status)


# The tables.


def test_short_names_are_unique_snake_case_and_unknown_concepts_get_one() -> None:
    names = [concept.short_name for concept in CONCEPTS]

    assert len(set(names)) == len(names) == len(CONCEPTS)
    assert all(name.isidentifier() and name == name.lower() and len(name) <= 30 for name in names)
    assert concept_for("CybersecurityRiskNewThingFlag").short_name == "cybersecurity_risk_new_thing_flag"
    for table in TABLES:
        assert table.column_names[:2] == ("source", "accession_number"), table.name
        assert len(set(table.column_names)) == len(table.column_names)
        assert all(name.isidentifier() and name == name.lower() for name in table.column_names)


def test_a_filing_row_reads_identity_status_flags_and_text_from_the_record() -> None:
    facts = complete()
    facts[0] = replace(facts[0], value=HOSTILE_TEXT)
    ten_k = record(disclosure("10-K", [*facts, fact(facts[0].concept, "A second, later fact.", 1)]))

    [row] = FILINGS.rows(ten_k)
    cells = dict(zip(FILINGS.column_names, row, strict=True))

    assert cells["cik"] == "0001999901"  # ten digits, whatever was tagged
    assert (cells["ticker"], cells["form"], cells["fiscal_year"], cells["fiscal_period"]) == (
        "LCHZ",
        "10-K",
        2024,
        "FY",
    )
    assert (cells["period_end"], cells["status"], cells["cyd_facts"]) == (date(2024, 12, 31), "complete", 16)
    assert (cells["processes_integrated"], cells["materially_affected"]) == (True, False)
    assert cells["risk_management_processes"] == HOSTILE_TEXT  # the first fact's text, whole
    assert cells["materially_affected_text"] is None  # not tagged
    assert cells["accession_number"] is None and cells["filed"] is None  # the input names neither
    assert (cells["findings_error"], cells["finding_codes"]) == (1, ["CYBER.inconsistentDuplicate"])
    assert cells["section_found"] is cells["section_tagged_share"] is cells["section_text"] is None


def test_records_from_newer_readers_fill_accession_section_and_incident_columns() -> None:
    eight_k = record(disclosure("8-K", [fact(INCIDENT_CONCEPTS[0], f"Incident {n}.", n) for n in (1, 2)]))
    eight_k.update(accessionNumber="0001193125-26-149607", filed="2026-03-12", eightKItems=["1.05", "9.01"])
    eight_k["section"] = {"item": "1.05", "found": True, "taggedShare": 0.75, "text": "Item 1.05 ..."}
    for member, each in zip(INCIDENT_MEMBERS, eight_k["facts"], strict=True):
        each["incident"] = member

    [filing] = FILINGS.rows(eight_k)
    facts = [dict(zip(FACTS.column_names, row, strict=True)) for row in FACTS.rows(eight_k)]
    cells = dict(zip(FILINGS.column_names, filing, strict=True))

    assert (cells["accession_number"], cells["filed"], cells["eight_k_items"]) == (
        "0001193125-26-149607",
        date(2026, 3, 12),
        ["1.05", "9.01"],
    )
    assert (cells["section_found"], cells["section_tagged_share"], cells["section_text"]) == (
        True,
        0.75,
        "Item 1.05 ...",
    )
    assert [(f["incident"], f["text"], f["name"]) for f in facts] == [
        (INCIDENT_MEMBERS[0], "Incident 1.", "incident_nature"),
        (INCIDENT_MEMBERS[1], "Incident 2.", "incident_nature"),
    ]
    assert {f["accession_number"] for f in facts} == {"0001193125-26-149607"}


def test_a_failed_filing_is_a_row_with_its_error_and_nothing_else() -> None:

    [row] = FILINGS.rows(FAILURE)

    assert {
        name: value for name, value in zip(FILINGS.column_names, row, strict=True) if value not in (None, [])
    } == {
        "source": "/x.htm",
        "error": "gone",
    }
    assert FACTS.rows(FAILURE) == FINDINGS.rows(FAILURE) == []


def test_fact_and_finding_rows_name_each_other() -> None:
    facts = [fact(c) for c in ANNUAL_CONCEPTS if c.local_name != "CybersecurityRiskRoleOfManagementTextBlock"]
    ten_k = record(disclosure("10-K", [*facts, replace(facts[1], id="f-dup")]))

    rows = [dict(zip(FACTS.column_names, row, strict=True)) for row in FACTS.rows(ten_k)]
    findings = [dict(zip(FINDINGS.column_names, row, strict=True)) for row in FINDINGS.rows(ten_k)]

    assert [(f["code"], f["fact_ids"]) for f in findings] == [
        ("CYBER.missingElement", []),
        ("CYBER.duplicate", ["f-2-0", "f-dup"]),
    ]
    assert findings[0]["concepts"] == ["CybersecurityRiskRoleOfManagementTextBlock"]
    duplicated = [row for row in rows if row["name"] == "processes_integrated"]
    assert [(row["flag"], row["text"], row["finding_codes"]) for row in duplicated] == [
        (True, None, ["CYBER.duplicate"])
    ] * 2


# Table files and read().


@pytest.fixture
def records() -> list[dict[str, Any]]:
    facts = complete()
    facts[0] = replace(facts[0], value=HOSTILE_TEXT)
    return [
        record(disclosure("10-K", facts, section=SECTION)),
        record(disclosure("10-K", facts[:5], date(2024, 9, 28))),
        FAILURE,
        record(
            disclosure("8-K", [*map(fact, INCIDENT_CONCEPTS[:-1]), fact(INCIDENT_CONCEPTS[-1], "")]),
            ("1.05",),
        ),
    ]


def write_records(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("table_format", list(TableFormat))
def test_every_format_reads_back_as_the_same_typed_tables(
    records: list[dict[str, Any]], table_format: TableFormat, tmp_path: Path
) -> None:
    from_records = read(write_records(tmp_path / "cyd.jsonl", records))
    write_tables(tmp_path, records, table_format)

    from_tables = read(tmp_path)

    for (name, expected), (_, got) in zip(from_records.items(), from_tables.items(), strict=True):
        pd.testing.assert_frame_equal(got, expected, obj=name)
    filings = from_tables.filings
    assert len(filings) == 4 and len(from_tables.facts) == 15 + 5 + 5
    assert from_tables.paragraphs.text.tolist() == [p.text for p in SECTION.paragraphs]
    assert filings.risk_management_processes[0] == HOSTILE_TEXT  # line breaks, quotes and '=' survive
    assert filings.cik[0] == "0001999901" and filings.status.tolist()[1:] == ["partial", pd.NA, "incident"]
    assert pd.isna(filings.incident_not_available[3])  # an empty text reads as missing, in every format
    expected_types = {
        "cik": "string",
        "reports_to_board": "boolean",
        "cyd_facts": "Int64",
        "fiscal_year": "Int64",
    }
    assert {name: str(filings[name].dtype) for name in expected_types} == expected_types
    assert str(filings.period_end.dtype) == str(from_tables.facts.period_start.dtype) == "datetime64[ns]"
    assert str(filings.section_tagged_share.dtype) == "Float64"


def test_a_table_file_says_which_table_it_is(records: list[dict[str, Any]], tmp_path: Path) -> None:
    write_tables(tmp_path, records, TableFormat.PARQUET)
    write_tables(tmp_path, records, TableFormat.CSV)

    assert pq.read_schema(tmp_path / "facts.parquet").metadata[b"cyber_plugin.table"] == b"facts"
    version = str(TABLE_VERSION)
    assert (
        pq.read_schema(tmp_path / "facts.parquet").metadata[b"cyber_plugin.table_version"] == version.encode()
    )
    header = "table,table_version,source,accession_number,cik,entity_name,form,fiscal_year,code"
    assert (tmp_path / "findings.csv").read_text("utf-8-sig").startswith(header)
    rows = list(csv.reader(io.StringIO((tmp_path / "findings.csv").read_text("utf-8-sig"), newline="")))
    assert {tuple(row[:2]) for row in rows[1:]} == {("findings", version)}
    for suffix in (".parquet", ".csv"):
        alone = read(tmp_path / f"facts{suffix}")
        assert (
            len(alone.facts) == 25 and len(alone.filings) == len(alone.findings) == len(alone.paragraphs) == 0
        )
        assert list(alone.filings.columns) == list(FILINGS.column_names)


def test_an_interrupted_write_leaves_the_tables_as_they_were(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    write_tables(tmp_path, records, TableFormat.PARQUET)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}

    reads = []

    def interrupted() -> Any:  # read whole once (to pair them), cut short the second time
        reads.append(len(reads))
        yield from records[: 1 if len(reads) > 1 else None]
        if len(reads) > 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_tables(tmp_path, interrupted, TableFormat.PARQUET)
    assert len(reads) == 2

    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before  # no temporary file either


def test_read_takes_the_records_when_they_are_newer_than_the_tables(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    write_tables(tmp_path, records[:1], TableFormat.PARQUET)
    newer = write_records(tmp_path / RECORDS_FILE, records)  # as a run killed before it wrote the tables
    os.utime(newer, (newer.stat().st_mtime + 10,) * 2)

    assert len(read(tmp_path).filings) == 4


@pytest.mark.parametrize(
    ("name", "content"),
    [("cyd.jsonl", '{"some": "other data"}\n'), ("table.csv", "a,b\r\n1,2\r\n"), ("notes.txt", "")],
)
def test_read_refuses_what_is_not_a_dataset(name: str, content: str, tmp_path: Path) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")

    with pytest.raises(ValueError, match=r"not a cyber-extract|unsupported extension"):
        read(tmp_path / name)


def test_without_pandas_or_pyarrow_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(MissingDependency, match=r"pip install 'cyber-plugin\[dataset\]'"):
        read(tmp_path)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(DatasetError, match=r"Parquet needs pyarrow.*cyber-plugin\[dataset\]"):
        TablesDirectory(tmp_path / "cyd", TableFormat.PARQUET)
    TablesDirectory(tmp_path / "cyd", TableFormat.CSV)  # CSV tables need neither


def test_a_directory_that_is_not_a_dataset_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")

    with pytest.raises(DatasetError, match="neither empty nor a cyber-extract dataset directory"):
        TablesDirectory(tmp_path, TableFormat.PARQUET)
    with pytest.raises(DatasetError, match="is a file, not a directory"):
        TablesDirectory(tmp_path / "notes.txt", TableFormat.PARQUET)


def test_a_paragraph_row_per_paragraph_of_the_section_as_filed() -> None:
    ten_k = record(disclosure("10-K", complete(), section=SECTION))

    rows = [dict(zip(PARAGRAPHS.column_names, row, strict=True)) for row in PARAGRAPHS.rows(ten_k)]
    [filing] = FILINGS.rows(ten_k)
    cells = dict(zip(FILINGS.column_names, filing, strict=True))

    assert [(r["paragraph"], r["line"], r["tagged_by"], r["substantive"]) for r in rows] == [
        (1, 6, [RISK], False),  # a heading, tagged
        (2, 7, [], True),
        (3, 9, [], True),
    ]
    assert [r["substantive"] for r in rows] == [p.is_substantive for p in SECTION.paragraphs]
    assert [r["text"] for r in rows] == [p.text for p in SECTION.paragraphs]
    assert {(r["source"], r["cik"], r["item"], r["document"]) for r in rows} == {
        ("/data/filing.htm", "0001999901", "1C", "filing.htm")
    }
    assert (cells["section_item"], cells["section_heading"], cells["section_by_reference"]) == (
        "1C",
        "Item 1C. Cybersecurity",
        None,
    )
    assert (cells["section_paragraphs"], cells["section_untagged_paragraphs"]) == (3, 2)


def test_each_paragraph_row_has_the_models_best_suggestion_even_without_cyd_facts() -> None:
    """Suggested, never tagged: the best element and its score beside every substantive paragraph,
    in a filing that tags nothing too; none for a heading, nor in a record made before suggestions."""
    for facts in (complete(), []):
        subject = disclosure("10-K", facts, section=SECTION)
        rows = [
            dict(zip(PARAGRAPHS.column_names, row, strict=True)) for row in PARAGRAPHS.rows(record(subject))
        ]
        best = [subject.suggestions_for(index)[:1] for index in range(len(SECTION.paragraphs))]

        assert [(r["suggested"], r["suggested_score"]) for r in rows] == [
            (found[0].concept, round(found[0].score, 4)) if found else (None, None) for found in best
        ]
        assert [bool(found) for found in best] == [False, True, True]
        assert rows[1]["tagged_by"] == [] and rows[1]["suggested"] == RISK
    older = record(disclosure("10-K", complete(), section=SECTION))
    for paragraph in older["section"]["paragraphs"]:
        del paragraph["suggested"]
    assert {(r[-2], r[-1]) for r in PARAGRAPHS.rows(older)} == {(None, None)}
    assert PARAGRAPHS.column_names[-2:] == ("suggested", "suggested_score")


def test_no_paragraph_rows_when_the_section_was_not_read_or_not_found() -> None:
    not_read = record(disclosure("10-K", complete()))
    not_found = record(disclosure("10-K", complete(), section=Section("1C")))

    assert PARAGRAPHS.rows(not_read) == PARAGRAPHS.rows(not_found) == PARAGRAPHS.rows(FAILURE) == []
    counts = ("section_found", "section_paragraphs", "section_untagged_paragraphs")
    for each, expected in ((not_read, (None, None, None)), (not_found, (False, 0, 0))):
        [row] = FILINGS.rows(each)
        cells = dict(zip(FILINGS.column_names, row, strict=True))
        assert tuple(cells[name] for name in counts) == expected


def test_an_exports_record_is_cyber_extracts_without_hash_or_item_list() -> None:
    eight_k = replace(
        disclosure("8-K", [fact(c) for c in INCIDENT_CONCEPTS[:4]]), source="/x/0001193125-26-149607.htm"
    )

    exported = export_record(eight_k, run_checks(eight_k, RuleSettings()))

    assert list(exported)[:8] == [
        "format",
        "version",
        "source",
        "sha256",
        "accessionNumber",
        "filed",
        "eightKItems",
        "status",
    ]
    assert (exported["accessionNumber"], exported["sha256"], exported["filed"], exported["eightKItems"]) == (
        "0001193125-26-149607",
        None,
        None,
        [],
    )
    assert exported["status"] == "incident"
    assert {name: value for name, value in exported.items() if name not in list(exported)[2:8]} == {
        name: value
        for name, value in disclosure_document(eight_k, run_checks(eight_k, RuleSettings())).items()
        if name != "source"
    }


def test_the_csv_export_is_the_facts_table_file_of_its_record(tmp_path: Path) -> None:
    facts = complete()
    facts[0] = replace(facts[0], value=HOSTILE_TEXT)
    ten_k = disclosure("10-K", [*facts, fact(facts[0].concept, "A second, later fact.", 1)], section=SECTION)
    findings = run_checks(ten_k, RuleSettings())

    write_tables(tmp_path, [export_record(ten_k, findings)], TableFormat.CSV)

    assert csv_format.render(ten_k, findings) == (tmp_path / "facts.csv").read_bytes()
    exported = tmp_path / "export.csv"
    exported.write_bytes(csv_format.render(ten_k, findings))
    pd.testing.assert_frame_equal(read(exported).facts, read(tmp_path).facts)


def test_read_gives_every_table_by_name_and_unpacking_the_first_three_is_deprecated(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    tables = read(write_records(tmp_path / "cyd.jsonl", records))

    assert [name for name, _ in tables.items()] == [table.name for table in TABLES]
    assert [field for field in Tables.__dataclass_fields__] == [table.name for table in TABLES]
    assert tables["paragraphs"] is tables.paragraphs and len(tables.paragraphs) == 3
    with pytest.warns(DeprecationWarning, match=r"tables\.paragraphs"):
        filings, facts, findings = tables
    assert (filings, facts, findings) == (tables.filings, tables.facts, tables.findings)
    with pytest.warns(DeprecationWarning, match="deprecated"):
        assert tables[2] is tables.findings
    with pytest.raises(KeyError, match="the tables are filings, facts, findings, paragraphs"):
        tables["sections"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # by name: no warning
        assert tables.facts is tables["facts"]


def _csv_frame(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_a_table_file_of_another_version_says_so_and_what_to_do(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    write_tables(tmp_path, records, TableFormat.CSV)
    write_tables(tmp_path, records, TableFormat.PARQUET)
    facts = _csv_frame(tmp_path / "facts.csv")
    facts.drop(columns="table_version").to_csv(tmp_path / "first.csv", index=False)
    facts.assign(table_version=str(TABLE_VERSION + 1)).to_csv(tmp_path / "newer.csv", index=False)
    parquet = pq.read_table(tmp_path / "facts.parquet")
    metadata = {k: v for k, v in parquet.schema.metadata.items() if k != b"cyber_plugin.table_version"}
    pq.write_table(parquet.replace_schema_metadata(metadata), tmp_path / "first.parquet")

    for first in ("first.csv", "first.parquet"):
        with pytest.raises(
            TableVersionError, match=r"table_version 1 \(it names none\).*run cyber-extract again"
        ):
            read(tmp_path / first)
    with pytest.raises(
        TableVersionError, match=rf"table_version {TABLE_VERSION + 1}.*a newer cyber_plugin reads it"
    ):
        read(tmp_path / "newer.csv")


def test_a_directory_of_an_earlier_versions_tables_is_read_from_its_records(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    write_records(tmp_path / RECORDS_FILE, records)
    write_tables(tmp_path, records, TableFormat.CSV)
    for table in TABLES:
        _csv_frame(tmp_path / f"{table.name}.csv").drop(columns="table_version").to_csv(
            tmp_path / f"{table.name}.csv", index=False
        )

    from_directory, from_records = read(tmp_path), read(tmp_path / RECORDS_FILE)

    for (name, got), (_, expected) in zip(from_directory.items(), from_records.items(), strict=True):
        pd.testing.assert_frame_equal(got, expected, obj=name)
    (tmp_path / RECORDS_FILE).unlink()
    with pytest.raises(TableVersionError):
        read(tmp_path)


def test_a_column_added_later_reads_as_empty_and_an_unknown_one_is_left_out(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    write_tables(tmp_path, records, TableFormat.CSV)
    _csv_frame(tmp_path / "facts.csv").drop(columns="label").assign(page="12").to_csv(
        tmp_path / "older.csv", index=False
    )

    older, current = read(tmp_path / "older.csv").facts, read(tmp_path / "facts.csv").facts

    assert list(older.columns) == list(FACTS.column_names) and older.label.isna().all()
    pd.testing.assert_frame_equal(older.drop(columns="label"), current.drop(columns="label"))


def test_data_dictionary_is_generated_from_the_tables_and_catalogue() -> None:
    written = (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")

    assert written == data_dictionary_markdown(), "run `make data-dictionary`"
    for concept in CONCEPTS:
        assert f"| `{concept.short_name}` |" in written and BY_NAME[concept.local_name].label in written
