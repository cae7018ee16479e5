"""Disclosures built by hand from ../shared/real-filings/population-sample.ndjson: the cyd facts of
200 real filings as the SEC's data sets hold them (plain text, flags true/false)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from cyber_plugin.core.catalogue import concept_for
from cyber_plugin.core.disclosure import CydFact, Disclosure, FilingInfo, Period

from .paths import POPULATION_SAMPLE


@dataclass(frozen=True)
class PopulationFiling:
    accession: str
    name: str
    form: str
    facts: tuple[dict[str, str], ...]

    def text_of(self, tag: str) -> str:
        return next(_unquoted(fact["value"]) for fact in self.facts if fact["tag"] == tag)


def _unquoted(value: str) -> str:
    """The data set's CSV quoting undone: a value in quotes, with each inner quote doubled."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('""', '"')
    return value


def population(path: Path = POPULATION_SAMPLE) -> dict[str, PopulationFiling]:
    """The sample's filings by accession number, or a skip when the file is absent."""
    if not path.is_file():
        pytest.skip(f"population sample not found at {path} (it sits beside the project in CI)")
    filings: dict[str, tuple[dict[str, str], list[dict[str, str]]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["t"] == "filing":
            filings[record["adsh"]] = (record, [])
        else:
            filings[record["adsh"]][1].append(record)
    return {
        accession: PopulationFiling(accession, header["name"], header["form"], tuple(facts))
        for accession, (header, facts) in filings.items()
    }


def sentence_from(filing: PopulationFiling, tag: str, opening: str) -> str:
    """The sentence of a real text block that starts with `opening` (it must be there)."""
    text = filing.text_of(tag)
    start = text.index(opening)
    end = text.find(". ", start)
    return text[start : end + 1 if end >= 0 else len(text)]


def _fact(tag: str, value: bool | str | None, index: int, period: Period) -> CydFact:
    concept = concept_for(tag)
    return CydFact(
        concept=concept,
        namespace="http://xbrl.sec.gov/cyd/2024",
        value=value,
        html=None if concept.is_flag or value is None else str(value),
        lexical=str(value).lower() if concept.is_flag else "",
        context_id="c-1",
        period=period,
        entity=None,
        entity_scheme=None,
        dimensions=(),
        id=f"f-{index}",
        document="filing.htm",
        line=index,
        hidden=False,
        nil=value is None,
        language="en-US",
    )


FISCAL_YEAR = Period(start=date(2024, 1, 1), end=date(2024, 12, 31))


def disclosure_of(filing: PopulationFiling) -> Disclosure:
    """The filing's cyd facts as extraction would give them, on one fiscal-year context."""
    facts = []
    for index, record in enumerate(filing.facts, start=1):
        raw = _unquoted(record["value"])
        value: bool | str | None = raw
        if concept_for(record["tag"]).is_flag:
            value = {"true": True, "false": False}.get(raw)
        facts.append(_fact(record["tag"], value, index, FISCAL_YEAR))
    return Disclosure(
        source=filing.accession,
        filing=FilingInfo(document_type=filing.form, period_end=FISCAL_YEAR.end, period=FISCAL_YEAR),
        facts=tuple(sorted(facts, key=lambda f: (f.concept.order, f.line or 0))),
        cyd_namespaces=("http://xbrl.sec.gov/cyd/2024",),
    )


def annual_disclosure(**values: bool | str) -> Disclosure:
    """A hand-built annual report holding only the given facts (local name -> value)."""
    facts = [_fact(tag, value, index, FISCAL_YEAR) for index, (tag, value) in enumerate(values.items(), 1)]
    return Disclosure(
        source="hand-built",
        filing=FilingInfo(document_type="10-K", period_end=FISCAL_YEAR.end, period=FISCAL_YEAR),
        facts=tuple(sorted(facts, key=lambda f: f.concept.order)),
        cyd_namespaces=("http://xbrl.sec.gov/cyd/2024",),
    )


def with_flag(disclosure: Disclosure, tag: str, value: bool) -> Disclosure:
    """The same disclosure with one flag set to `value`."""
    return replace(
        disclosure,
        facts=tuple(replace(f, value=value) if f.local_name == tag else f for f in disclosure.facts),
    )
