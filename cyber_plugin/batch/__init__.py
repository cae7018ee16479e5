"""cyber-extract: the batch command that turns many filings into a dataset."""
