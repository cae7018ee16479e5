"""cyber-extract: the batch command that turns many filings into a dataset.

Modules, each importing only those after it: cli (the command), inputs (what to read), progress
(the progress display and summary), pool (the worker processes), worker (one Arelle per process),
dataset (the records and the resumable files).
"""

from typing import Final

PROGRAM: Final = "cyber-extract"
