"""Hand-built facts and disclosures, as extraction would make them, for tests of pure logic."""

from __future__ import annotations

from datetime import date
from typing import Any

from cyber_plugin.core.catalogue import concept_for
from cyber_plugin.core.disclosure import CydFact, Disclosure, FilingInfo, Period
from cyber_plugin.core.section import Section

FISCAL_YEAR = Period(start=date(2024, 1, 1), end=date(2024, 12, 31))
CYD = "http://xbrl.sec.gov/cyd/2024"


def fact(name: str, value: bool | str | None, period: Period | None = FISCAL_YEAR, **fields: Any) -> CydFact:
    lexical = str(value).lower() if isinstance(value, bool) else value or ""
    defaults: dict[str, Any] = {
        "concept": concept_for(name),
        "namespace": CYD,
        "value": value,
        "html": value if isinstance(value, str) else None,
        "lexical": lexical,
        "context_id": "c" if period else None,
        "period": period,
        "entity": "0000000001",
        "entity_scheme": "http://www.sec.gov/CIK",
        "dimensions": (),
        "id": f"f-{name[-12:]}-{period.days if period else 0}",
        "document": "filing.htm",
        "line": 1,
        "hidden": False,
        "nil": value is None,
        "language": "en",
    }
    return CydFact(**(defaults | fields))


def disclosure(
    form: str, facts: tuple[CydFact, ...], period: Period = FISCAL_YEAR, section: Section | None = None
) -> Disclosure:
    filing = FilingInfo(
        document_type=form,
        amendment=False,
        registrant_name="Example Corp",
        cik="0000000001",
        period_end=period.end or period.instant,
        period=period,
        dei_namespaces=("http://xbrl.sec.gov/dei/2024",),
    )
    return Disclosure("filing.htm", filing, facts, (CYD,), section=section)
