"""The dataset: what cyber-extract writes and analysts read.

Modules: records (the resumable outputs: JSON Lines, CSV, a directory of tables), table_files
(tables written whole as Parquet or CSV), stored_settings (the rule settings stored with each
output), output_lock (one writer per output), reader (`read`: a dataset's tables as pandas
DataFrames). What a record is and the tables made from it (filings, facts, findings, paragraphs)
are defined in `outputs` (filing_record, table_model, filings_table, tables), which the CSV and
Excel exports of one filing share.

The analysts' entry point is `cyber_plugin.dataset.read`; pandas is imported only when it runs.
"""

from .reader import PANDAS_TYPES, Tables, TableVersionError, read

__all__ = ["PANDAS_TYPES", "TableVersionError", "Tables", "read"]
