"""cyber-extract: the batch command that turns many filings into a dataset.

Modules, each importing only those after it: cli (the command), run_settings (the rule settings
stored with each output), inputs (what to read), progress (the progress display and summary), pool
(the worker processes), worker (one Arelle per process), reports (which documents of an archive
are one report), dataset (the records and the resumable outputs), table_files (tables written
whole), tables (the filings, facts and findings tables made from records).
"""

from typing import Final

PROGRAM: Final = "cyber-extract"
