"""What a dataset compares when it writes its tables: each annual report with the same CIK's previous
annual report in the dataset, and each incident report amendment with the report it amends.

The records are read twice: first into their views (`outputs.filing_record.view_of_document`,
without the sections' paragraphs), which `core.pairing` pairs; then given back, each annual report
that has a prior one with its `changes` object (`outputs.json_changes`, without the word diffs), and
each amendment of an incident report with `amends`, the `source` of the report it amends. The
tables read those (`filings.prior_source` and `filings.amends`, the `changes` table) as they read an
export's; the records file itself is left as the filings were read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator

from ..core.comparison import Comparison
from ..core.pairing import amended_reports, annual_report_pairs
from ..outputs.filing_record import view_of_document
from ..outputs.filings_table import AMENDS_KEY
from ..outputs.json_changes import CHANGES_KEY, changes_document
from ..outputs.table_model import Record

# Records read twice: a function that reads them anew at each call, in the same order, or a collection.
Records = Callable[[], Iterable[Record]] | Collection[Record]


def compared_records(records: Records) -> Iterator[Record]:
    """The records (read twice; see the module docstring), with what their comparisons add."""
    if isinstance(records, Iterator):
        raise TypeError("the records are read twice: give a collection, or a function that reads them")
    read = records if callable(records) else lambda: records
    views = [view_of_document(record, with_section=False) for record in read()]
    position = {id(view): number for number, view in enumerate(views)}
    added: dict[int, Record] = {}
    for prior, report in annual_report_pairs(views):
        comparison = changes_document(Comparison(prior, report), diffs=False)
        added.setdefault(position[id(report)], {})[CHANGES_KEY] = comparison
    for amended, amendment in amended_reports(views):
        added.setdefault(position[id(amendment)], {})[AMENDS_KEY] = amended.source
    for number, record in enumerate(read()):
        yield record | added[number] if number in added else record
