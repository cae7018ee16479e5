"""EDGAR full-submission text files built around the real incident 8-Ks in
../shared/real-incidents, with the header, exhibits, images and generated files EDGAR puts beside
them (for tests/test_submission.py and tests/test_batch_edgar.py)."""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from .paths import REPO

REAL_INCIDENTS = REPO.parent / "shared" / "real-incidents"
INCIDENT = "Material Cybersecurity Incidents"
EXHIBITS = "Financial Statements and Exhibits"


@dataclass(frozen=True)
class Filing:
    name: str
    form: str
    cik: str
    company: str
    period: str
    filed: str
    item_lines: tuple[str, ...]  # the header's ITEM INFORMATION values
    items: tuple[str, ...]  # the numbers they stand for

    @property
    def accession(self) -> str:
        return self.name.removesuffix(".htm")

    @property
    def path(self) -> Path:
        path = REAL_INCIDENTS / self.name
        if not path.is_file():
            pytest.skip(f"real incident reports not found at {REAL_INCIDENTS} (they sit beside the project)")
        return path

    @property
    def schema(self) -> str:
        """The extension schema the document names (its schemaRef)."""
        found = re.search(rb'schemaRef[^>]*href="([^"]+\.xsd)"', self.path.read_bytes())
        assert found, self.name
        return found.group(1).decode()


FILINGS = (
    Filing(
        "0001193125-26-149607.htm",
        "8-K/A",
        "0000310764",
        "STRYKER CORP",
        "20260311",
        "20260312",
        (INCIDENT, EXHIBITS),
        ("1.05", "9.01"),
    ),
    Filing(
        "0001493152-24-052394.htm", "6-K", "0001847806", "Genius Group Ltd", "20241230", "20241231", (), ()
    ),
    # EDGAR wraps a long description onto indented lines, and leaves some ITEM INFORMATION empty
    Filing(
        "0001493152-26-013239.htm",
        "8-K",
        "0001582982",
        "CareCloud, Inc.",
        "20260324",
        "20260325",
        (
            INCIDENT,
            "Departure of Directors or Certain Officers; Election of\n"
            "                                Directors; Appointment of Certain Officers: Compensatory\n"
            "                                Arrangements of Certain Officers",
            "",
            EXHIBITS,
        ),
        ("1.05", "5.02", "9.01"),
    ),
    Filing(
        "0001834584-25-000196.htm",
        "8-K",
        "0001834584",
        "Coupang, Inc.",
        "20251215",
        "20251217",
        (INCIDENT,),
        ("1.05",),
    ),
)
EMPTY_SCHEMA = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"'
    b' targetNamespace="http://example.com/extension"/>\n'
)
EMPTY_LINKBASE = b'<?xml version="1.0" encoding="utf-8"?>\n<link:linkbase xmlns:link="http://www.xbrl.org/2003/linkbase"/>\n'


def uuencoded(name: str, content: bytes) -> bytes:
    lines = [binascii.b2a_uu(content[i : i + 45]) for i in range(0, len(content), 45)]
    return b"begin 644 " + name.encode() + b"\n" + b"".join(lines) + b"`\nend"


def document(kind: str, sequence: int, name: str, description: str, text: bytes) -> bytes:
    return (
        (
            f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{sequence}\n<FILENAME>{name}\n<DESCRIPTION>{description}\n"
            "<TEXT>\n"
        ).encode()
        + text
        + b"\n</TEXT>\n</DOCUMENT>\n"
    )


def header(filing: Filing, documents: int) -> bytes:
    items = "".join(f"ITEM INFORMATION:\t\t{line}\n" for line in filing.item_lines)
    return (
        f"<SEC-DOCUMENT>{filing.accession}.txt : {filing.filed}\n"
        f"<SEC-HEADER>{filing.accession}.hdr.sgml : {filing.filed}\n"
        f"<ACCEPTANCE-DATETIME>{filing.filed}161530\n"
        f"ACCESSION NUMBER:\t\t{filing.accession}\n"
        f"CONFORMED SUBMISSION TYPE:\t{filing.form}\n"
        f"PUBLIC DOCUMENT COUNT:\t\t{documents}\n"
        f"CONFORMED PERIOD OF REPORT:\t{filing.period}\n{items}"
        f"FILED AS OF DATE:\t\t{filing.filed}\n"
        f"DATE AS OF CHANGE:\t\t{filing.filed}\n\n"
        "FILER:\n\n\tCOMPANY DATA:\t\n"
        f"\t\tCOMPANY CONFORMED NAME:\t\t\t{filing.company}\n"
        f"\t\tCENTRAL INDEX KEY:\t\t\t{filing.cik}\n"
        "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tSERVICES-PREPACKAGED SOFTWARE [7372]\n"
        "\t\tSTATE OF INCORPORATION:\t\t\tDE\n\t\tFISCAL YEAR END:\t\t\t1231\n\n"
        f"\tFILING VALUES:\n\t\tFORM TYPE:\t\t{filing.form}\n\t\tSEC ACT:\t\t1934 Act\n"
        "\t\tSEC FILE NUMBER:\t001-00000\n\n"
        "\tBUSINESS ADDRESS:\t\n\t\tSTREET 1:\t\t1 MAIN STREET\n\t\tCITY:\t\t\tANYTOWN\n"
        "</SEC-HEADER>\n"
    ).encode()


def build_submission(
    folder: Path, filing: Filing, extra: tuple[bytes, ...] = (), primary: bytes | None = None
) -> Path:
    """The submission EDGAR would disseminate: the inline 8-K (the real one, or `primary`), a plain
    exhibit, an image, the extension taxonomy, and the files EDGAR generates (the extracted
    instance, R pages). Written as `folder/<accession>.txt`."""
    prefix = filing.schema.removesuffix(".xsd")
    documents = [
        document(
            filing.form,
            1,
            f"{prefix}.htm",
            filing.form,
            b"<XBRL>\n" + (filing.path.read_bytes() if primary is None else primary) + b"\n</XBRL>",
        ),
        document(
            "EX-99.1", 2, "ex99-1.htm", "PRESS RELEASE", b"<html><body><p>Press release</p></body></html>"
        ),
        document(
            "GRAPHIC", 3, "logo.jpg", "GRAPHIC", uuencoded("logo.jpg", b"\xff\xd8\xff\xe0 not really a JPEG")
        ),
        document(
            "EX-101.SCH",
            4,
            filing.schema,
            "XBRL TAXONOMY EXTENSION SCHEMA",
            b"<XBRL>\n" + EMPTY_SCHEMA + b"</XBRL>",
        ),
        document(
            "EX-101.LAB",
            5,
            f"{prefix}_lab.xml",
            "XBRL TAXONOMY EXTENSION LABEL LINKBASE",
            b"<XBRL>\n" + EMPTY_LINKBASE + b"</XBRL>",
        ),
        document(
            "XML", 6, f"{prefix}_htm.xml", "IDEA: XBRL DOCUMENT", b"<XML>\n" + EMPTY_LINKBASE + b"</XML>"
        ),
        document("XML", 7, "R1.htm", "IDEA: XBRL DOCUMENT", b"<html><body>Cover</body></html>"),
        document(
            "ZIP", 8, f"{filing.accession}-xbrl.zip", "IDEA: XBRL DOCUMENT", uuencoded("x.zip", b"PK\x05\x06")
        ),
        *extra,
    ]
    path = folder / f"{filing.accession}.txt"
    path.write_bytes(header(filing, len(documents)) + b"".join(documents) + b"</SEC-DOCUMENT>\n")
    return path
