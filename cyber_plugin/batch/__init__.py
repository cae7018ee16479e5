"""cyber-extract: the batch command that turns many filings into a dataset.

Modules, each importing only those after it: cli (the command), edgar_options (its options for
EDGAR URLs), run_settings (the rule settings stored with each output), inputs (what to read),
progress (the progress display and summary), pool (the worker processes), worker (one Arelle per
process), reports (which documents of an archive are one report), dataset (the records and the
resumable files), table_files (tables written whole), tables (the filings, facts and findings
tables made from records), table_model (what a table and a column are), sources (where an input is
read from, and the filing's identity), edgar (downloads from EDGAR's archive), ratelimit (the
request rate shared by processes), submission (EDGAR full-submission text files), form8k_items (8-K
item numbers from their descriptions), accession (accession numbers in paths and URLs).
"""

from typing import Final

PROGRAM: Final = "cyber-extract"
