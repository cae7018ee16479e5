"""EDGAR full-submission text files: the header, and the XBRL documents unpacked for Arelle.

The submissions are built around the real incident 8-Ks in ../shared/real-incidents
(tests/support/edgar_submissions.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cyber_plugin.edgar.leftovers import remove_leftovers
from cyber_plugin.edgar.submission import (
    Limits,
    SubmissionError,
    is_submission,
    read_header,
    unpack,
    unpacked,
)

from .support.edgar_submissions import (
    EMPTY_SCHEMA,
    FILINGS,
    INCIDENT,
    Filing,
    build_submission,
    document,
    header,
    uuencoded,
)
from .support.ixbrl_reader import read_cyd_facts, squeeze

PLUGINS = "cyber_plugin|inlineXbrlDocumentSet"


def cyd_facts(loaded: Any) -> dict[str, tuple[str, object]]:
    """The loaded report's cyd facts, in tests/support/ixbrl_reader's terms: id -> (name, value)."""
    return {
        fact.id: (fact.concept.local_name, fact.value if fact.concept.is_flag else squeeze(fact.value))
        for fact in loaded.disclosure.facts
    }


@pytest.mark.parametrize("filing", FILINGS, ids=lambda filing: filing.accession)
def test_header_gives_accession_filing_date_and_items(filing: Filing, tmp_path: Path) -> None:
    path = build_submission(tmp_path, filing)

    parsed = read_header(path)

    assert parsed.accession_number == filing.accession
    assert parsed.form_type == filing.form
    assert parsed.filed == date(int(filing.filed[:4]), int(filing.filed[4:6]), int(filing.filed[6:]))
    assert parsed.period is not None and parsed.period.strftime("%Y%m%d") == filing.period
    assert (parsed.cik, parsed.company_name) == (filing.cik, filing.company)
    assert parsed.items == filing.items
    assert parsed.unrecognised_items == ()
    assert is_submission(path) and not is_submission(filing.path)


@pytest.mark.parametrize("filing", FILINGS, ids=lambda filing: filing.accession)
def test_unpacked_submission_loads_as_the_filing(filing: Filing, tmp_path: Path, load: Any) -> None:
    folder = tmp_path / "unpacked"
    folder.mkdir()

    result = unpack(build_submission(tmp_path, filing), folder)

    prefix = filing.schema.removesuffix(".xsd")
    assert [path.name for path in result.documents] == [f"{prefix}.htm", filing.schema, f"{prefix}_lab.xml"]
    assert {path.name for path in folder.iterdir()} == {path.name for path in result.documents}
    assert (folder / f"{prefix}.htm").read_bytes() == filing.path.read_bytes().strip()
    assert result.entry_documents == (folder / f"{prefix}.htm",)
    assert result.header.items == filing.items

    loaded = load(result.entry_point, cache=False, plugins=PLUGINS)

    assert not loaded.messages_with("IOerror")  # the extension schema was found beside the document
    assert cyd_facts(loaded) == cyd_facts(load(filing.path, cache=False)) != {}


INLINE_EXHIBIT = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
 xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase"
 xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:cyd="http://xbrl.sec.gov/cyd/2025">
<head><title>Exhibit 99.2</title></head>
<body>
<div style="display:none"><ix:header><ix:references>
<link:schemaRef xlink:type="simple" xlink:href="SCHEMA"/></ix:references><ix:resources>
<xbrli:context id="exhibit-context"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0001582982</xbrli:identifier></xbrli:entity>
<xbrli:period><xbrli:startDate>2026-03-24</xbrli:startDate><xbrli:endDate>2026-03-24</xbrli:endDate></xbrli:period></xbrli:context>
</ix:resources></ix:header></div>
<p><ix:nonNumeric name="cyd:MaterialCybersecurityIncidentScopeTextBlock" contextRef="exhibit-context"
 id="exhibit-fact" escape="true">The incident reached the billing systems of two
 subsidiaries.</ix:nonNumeric></p>
</body></html>
"""


def test_primary_document_and_inline_exhibit_load_as_one_document_set(tmp_path: Path, load: Any) -> None:
    filing = FILINGS[2]
    exhibit_text = INLINE_EXHIBIT.replace("SCHEMA", filing.schema).encode()
    exhibit = document(
        "EX-99.2", 9, "ex99-2.htm", "INLINE EXHIBIT", b"<XBRL>\n" + exhibit_text + b"\n</XBRL>"
    )
    folder = tmp_path / "unpacked"
    folder.mkdir()

    result = unpack(build_submission(tmp_path, filing, (exhibit,)), folder)
    loaded = load(result.entry_point, cache=False, plugins=PLUGINS)

    assert [path.name for path in result.entry_documents] == ["ccld-20260324.htm", "ex99-2.htm"]
    (tmp_path / "exhibit.htm").write_bytes(exhibit_text)
    primary = cyd_facts(load(filing.path, cache=False))
    assert cyd_facts(loaded) == primary | read_cyd_facts(tmp_path / "exhibit.htm") != primary
    assert len(loaded.session.get_models()) == 1


def test_unpacked_folder_is_removed_afterwards(tmp_path: Path) -> None:
    with unpacked(build_submission(tmp_path, FILINGS[3])) as result:
        assert result.entry_documents[0].is_file()
    assert not result.folder.exists()


@pytest.mark.parametrize(
    "name",
    [
        "../escaped.xsd",
        "/tmp/absolute.xsd",
        "sub/folder.xsd",
        "..\\windows.xsd",
        ".hidden.xsd",
        "CPNG-20251215.XSD",
    ],
)
def test_a_document_not_named_as_a_plain_file_makes_a_submission_unusable(name: str, tmp_path: Path) -> None:
    """Its name is a path, hidden or repeats another's: it is not written, and the filing, which
    would be read without it, is refused naming it."""
    filing = FILINGS[3]  # its schema is cpng-20251215.xsd: the upper-case name is a duplicate of it
    hostile = document("EX-101.SCH", 9, name, "SCHEMA", b"<XBRL>\n" + EMPTY_SCHEMA + b"</XBRL>")
    folder = tmp_path / "deep" / "unpacked"
    folder.mkdir(parents=True)
    why = "as is another document" if name.startswith("CPNG") else "not a plain file name"

    with pytest.raises(SubmissionError) as refused:
        unpack(build_submission(tmp_path, filing, (hostile,)), folder)

    assert str(refused.value) == (
        f"its document 9 (EX-101.SCH) is named {name!r}, {why}: it is not unpacked, so the filing "
        "cannot be read whole"
    )
    assert sorted(p.name for p in tmp_path.rglob("*.xsd")) == ["cpng-20251215.xsd"]  # nothing outside


def test_uuencoded_document_is_decoded(tmp_path: Path) -> None:
    filing = FILINGS[3]
    text = filing.path.read_bytes()
    path = tmp_path / "submission.txt"
    path.write_bytes(
        header(filing, 1)
        + document("8-K", 1, "primary.htm", "8-K", uuencoded("primary.htm", text))
        + b"</SEC-DOCUMENT>\n"
    )

    with unpacked(path) as result:
        assert result.entry_documents[0].read_bytes() == text


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (Limits(document_bytes=10_000), "its document 'cpng-20251215.htm' is larger than 10000 bytes"),
        (Limits(total_bytes=27_500), "its XBRL documents exceed 27500 bytes"),
    ],
)
def test_size_limits(limits: Limits, message: str, tmp_path: Path) -> None:
    folder = tmp_path / "unpacked"
    folder.mkdir()
    with pytest.raises(SubmissionError, match=re.escape(message)):
        unpack(build_submission(tmp_path, FILINGS[3]), folder, limits)


def test_dissemination_header_format(tmp_path: Path) -> None:
    path = tmp_path / "0001834584-25-000196.txt"
    path.write_text(
        "<SUBMISSION>\n<ACCESSION-NUMBER>0001834584-25-000196\n<TYPE>8-K\n<PUBLIC-DOCUMENT-COUNT>12\n"
        "<PERIOD>20251215\n<ITEMS>1.05\n<ITEMS>9.01\n<FILING-DATE>20251217\n<FILER>\n<COMPANY-DATA>\n"
        "<CONFORMED-NAME>Coupang, Inc.\n<CIK>1834584\n</COMPANY-DATA>\n</FILER>\n<DOCUMENT>\n<TYPE>8-K\n",
        encoding="latin-1",
    )

    parsed = read_header(path)

    assert (parsed.accession_number, parsed.form_type, parsed.filed) == (
        "0001834584-25-000196",
        "8-K",
        date(2025, 12, 17),
    )
    assert (parsed.period, parsed.items) == (date(2025, 12, 15), ("1.05", "9.01"))
    assert (parsed.cik, parsed.company_name) == ("0001834584", "Coupang, Inc.")


def test_unknown_item_description_is_reported(tmp_path: Path) -> None:
    filing = Filing(
        **{**FILINGS[3].__dict__, "item_lines": (INCIDENT, "Something Else Entirely", "<ITEMS>7.01")}
    )

    parsed = read_header(build_submission(tmp_path, filing))

    assert parsed.items == ("1.05", "7.01")
    assert parsed.unrecognised_items == ("Something Else Entirely",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><body>not a submission</body></html>", "does not start with <SEC-DOCUMENT>"),
        (
            b"<SEC-DOCUMENT>x.txt\n<SEC-HEADER>x\nACCESSION NUMBER:\t0001834584-25-000196\n",
            "header never ends",
        ),
        (b"<SEC-DOCUMENT>x.txt\n" + b"FILER:\n" * 200_000, "no header end within"),
    ],
)
def test_not_a_submission(content: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(SubmissionError, match=message):
        read_header(path)


def test_submission_cut_short_or_without_xbrl(tmp_path: Path) -> None:
    filing = FILINGS[3]
    cut = tmp_path / "cut.txt"
    cut.write_bytes(header(filing, 1) + document("8-K", 1, "a.htm", "8-K", filing.path.read_bytes())[:5000])
    plain = tmp_path / "plain.txt"
    plain.write_bytes(
        header(filing, 1) + document("8-K", 1, "a.htm", "8-K", b"<html><body>8-K</body></html>")
    )

    with pytest.raises(SubmissionError, match=r"its document 'a.htm' has no </TEXT>: the file is cut short"):
        unpack(cut, tmp_path)
    with pytest.raises(SubmissionError, match="holds no inline XBRL document and no XBRL instance"):
        unpack(plain, tmp_path)


def test_a_header_as_large_as_allowed_is_read_in_time_that_grows_with_its_size(tmp_path: Path) -> None:
    """The worst shape: one item description wrapped over a megabyte of three-byte lines. Joined
    line by line, it took seconds (the time grew with the square of the size); read in a fraction of a
    second now. The generous limit is the best of three readings, so that a busy machine does not
    fail it."""
    start = b"<SEC-DOCUMENT>0001834584-25-000196.txt\n<SEC-HEADER>0001834584-25-000196.hdr.sgml\n"
    start += b"ITEM INFORMATION:\t\tMaterial Cybersecurity Incidents\n"
    count = ((1 << 20) - len(start) - 100) // 3
    lines = b"\tx\n" * count
    path = tmp_path / "0001834584-25-000196.txt"
    path.write_bytes(start + lines + b"</SEC-HEADER>\n")
    assert (1 << 20) - 100 <= path.stat().st_size <= 1 << 20

    seconds = []
    for _ in range(3):
        started = time.perf_counter()
        parsed = read_header(path)
        seconds.append(time.perf_counter() - started)

    assert parsed.item_descriptions == ("Material Cybersecurity Incidents" + " x" * count,)
    assert min(seconds) < 1.5, seconds


def test_folders_left_by_killed_runs_are_removed_and_those_in_use_kept(tmp_path: Path) -> None:
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()  # its process id names no process now
    left = tmp_path / f"cyber-submission-{ended.pid}-k7x2"
    in_use = tmp_path / f"cyber-submission-{os.getpid()}-a1b2"
    someone_elses = tmp_path / "cyber-submission-notes"
    for folder in (left, in_use, someone_elses):
        folder.mkdir()
        (folder / "filing.htm").write_text("<html/>", encoding="utf-8")

    removed = remove_leftovers(None, tmp_path)

    assert removed == [left]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([in_use.name, someone_elses.name])


def test_a_submission_is_unpacked_into_a_folder_named_by_its_process(tmp_path: Path) -> None:
    with unpacked(build_submission(tmp_path, FILINGS[3])) as result:
        assert result.folder.name.startswith(f"cyber-submission-{os.getpid()}-")
