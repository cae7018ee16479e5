"""Dataset records made from the SEC's cyd facts (../shared/population/cyd-facts-train.ndjson.gz):
each filing of the data set as the JSON export document cyber-extract would record for it, for
measuring and testing what the dataset does with many filings without loading any.

Each filing's facts become a Disclosure on one fiscal-year context (flags 'true'/'false' as
booleans, text blocks as the data set's plain text), written with `disclosure_document` and made a
record as cyber-extract makes one (`filing_record`, `with_identity`): its source and
`accessionNumber` the data set's adsh, `filed` its filing date. The data set has no section as
filed, so `section` is null.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Final

from cyber_plugin.core.catalogue import concept_for
from cyber_plugin.core.disclosure import CydFact, Disclosure, FilingInfo, Period
from cyber_plugin.core.status import filing_status
from cyber_plugin.outputs.filing_record import filing_record, with_identity
from cyber_plugin.outputs.json_format import disclosure_document

from .common import REPO

POPULATION: Final = REPO.parent / "shared" / "population" / "cyd-facts-train.ndjson.gz"
_BOOLEANS: Final = {"true": True, "false": False}


@dataclass(frozen=True)
class SecFiling:
    """One filing of the SEC's data set: its `{"t": "filing"}` line and its facts' lines."""

    header: dict[str, str]
    facts: tuple[dict[str, str], ...]

    @property
    def accession(self) -> str:
        return self.header["adsh"]


def read_population(path: Path = POPULATION) -> list[SecFiling]:
    """The data set's filings in file order (raises FileNotFoundError when it is absent)."""
    headers: dict[str, dict[str, str]] = {}
    facts: dict[str, list[dict[str, str]]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            entry = json.loads(line)
            if entry["t"] == "filing":
                headers[entry["adsh"]] = entry
                facts[entry["adsh"]] = []
            else:
                facts[entry["adsh"]].append(entry)
    return [SecFiling(header, tuple(facts[adsh])) for adsh, header in headers.items()]


def unquoted(value: str) -> str:
    """A value of the data set with its CSV quoting undone (in quotes, each inner quote doubled)."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('""', '"')
    return value


def compact_date(text: str) -> date | None:
    """A YYYYMMDD date of the data set."""
    return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if len(text) == 8 and text.isdigit() else None


def disclosure_of(filing: SecFiling) -> Disclosure:
    """The filing's cyd facts as extraction would read them, on one fiscal-year context."""
    end = compact_date(filing.header["period"])
    period = Period(start=None, end=end)
    facts = []
    for line, entry in enumerate(filing.facts, start=1):
        concept = concept_for(entry["tag"])
        raw = unquoted(entry["value"])
        value: bool | str | None = _BOOLEANS.get(raw) if concept.is_flag else raw
        facts.append(
            CydFact(
                concept=concept,
                namespace="http://xbrl.sec.gov/" + entry["version"],
                value=value,
                html=None if concept.is_flag else raw,
                lexical=raw if concept.is_flag else "",
                context_id="c-1",
                period=period,
                entity=filing.header["cik"],
                entity_scheme="http://www.sec.gov/CIK",
                dimensions=(),
                id=f"f-{line}",
                document=filing.header.get("instance", ""),
                line=line,
                hidden=False,
                nil=False,
                language=entry.get("lang"),
            )
        )
    return Disclosure(
        source=filing.accession,
        filing=FilingInfo(
            document_type=filing.header["form"],
            registrant_name=filing.header["name"],
            cik=filing.header["cik"],
            period_end=end,
            fiscal_year_focus=filing.header["fy"] or None,
            fiscal_period_focus=filing.header["fp"] or None,
            period=period,
        ),
        facts=tuple(sorted(facts, key=lambda fact: (fact.concept.order, fact.local_name, fact.line or 0))),
        cyd_namespaces=tuple(sorted({fact.namespace for fact in facts})),
    )


def record_of(filing: SecFiling) -> dict[str, Any]:
    """The dataset record cyber-extract would write for the filing (its findings left empty), as
    cyber-extract makes it: with its status, accession number and filing date."""
    disclosure = disclosure_of(filing)
    document = disclosure_document(disclosure, ())
    record = filing_record(document, filing.accession, None, filing_status(disclosure))
    return with_identity(record, filing.accession, compact_date(filing.header["filed"]), ())


def as_another_company(filing: SecFiling, cik: str) -> SecFiling:
    """The same filing, as if filed by another CIK (to make more filings than the data set has)."""
    accession = f"{filing.accession}-{cik}"
    return replace(
        filing,
        header=filing.header | {"cik": cik, "adsh": accession},
        facts=tuple(entry | {"adsh": accession} for entry in filing.facts),
    )
