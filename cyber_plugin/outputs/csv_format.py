"""CSV: the facts table, one row per cyd fact (the section as filed is in the JSON, the Excel
workbook and the HTML report), UTF-8 with a byte-order mark (so Excel reads it as UTF-8),
RFC 4180 quoting and CRLF line ends, every text whole, formula-looking cells neutralised. The
first column, `table`, says `facts` on every row, as cyber-extract's CSV tables name theirs."""

from __future__ import annotations

import csv
import io
from typing import Final

from ..core.disclosure import Disclosure
from ..core.findings import Finding
from .tabular import TABLE_COLUMN, neutralise, sheets

TABLE_NAME: Final = "facts"


def render(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    facts = sheets(disclosure, findings)[0]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow((TABLE_COLUMN, *facts.columns))
    writer.writerows([TABLE_NAME, *map(neutralise, row)] for row in facts.rows)
    return buffer.getvalue().encode("utf-8-sig")
