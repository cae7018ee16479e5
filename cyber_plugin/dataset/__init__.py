"""The dataset: what cyber-extract writes and analysts read.

Modules: records (the dataset records and the resumable outputs: JSON Lines, CSV, a directory of
tables), tables (the filings, facts and findings tables made from records), table_model (what a
table and a column are), table_files (tables written whole as Parquet or CSV), stored_settings (the
rule settings stored with each output), reader (`read`: a dataset's tables as pandas DataFrames).

The analysts' entry point is `cyber_plugin.dataset.read`; pandas is imported only when it runs.
"""

from .reader import PANDAS_TYPES, Tables, read

__all__ = ["PANDAS_TYPES", "Tables", "read"]
