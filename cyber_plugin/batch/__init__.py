"""cyber-extract: the batch command that turns many filings into a dataset.

Modules, each importing only those after it: cli (the command), argument_lists (its @FILE lists),
edgar_arguments (its options for EDGAR URLs), inputs (what to read), progress (the progress
display and summary), pool (the worker processes), worker (one Arelle per process), reports (which
documents of an archive are one report), screening (what is refused before Arelle sees it: special
files, archives with entries outside them), sources (where an input is read from: a path or a
download in the cache, its hash, its submission header). The EDGAR client is `cyber_plugin.edgar`,
the dataset `cyber_plugin.dataset`.
"""

from typing import Final

PROGRAM: Final = "cyber-extract"
