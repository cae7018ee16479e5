"""An EDGAR client: accession numbers, polite downloads from EDGAR's archive into Arelle's cache,
full-submission text files and their headers, and the 8-K items they report.

Modules: downloads (the archive's files into Arelle's cache: declared user agent, retries, Arelle's
own downloads under the same rules), ratelimit (the request rate shared by processes), submission
(EDGAR full-submission `.txt` files: the header and the XBRL documents unpacked), form8k_items
(8-K item numbers from their descriptions), filing_identity (a filing's accession number, filing
date and 8-K items), leftovers (working files named by their process: what a killed run leaves behind,
found and removed). Accession numbers in paths and URLs are read by `core/accession.py`, which the
exports use too, and files are opened by `core/regular_files.py` (never a FIFO or a device), which
the web service uses too; the client imports nothing else of the plugin.
"""
