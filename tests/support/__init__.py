"""What the tests share that is not a test: the files they read (paths), Arelle runs in-process
(loads) and as a process (command_line, arelle_runner), cyber-extract runs (extract), builders of
Disclosures (builder) and of filings (variants, hostile, minimal_filings, population_inline,
edgar_submissions), independent readers (ixbrl_reader, same_tables), the documentation's blocks
(doc_pages), a loopback EDGAR (edgar_server), the desktop drivers (gui_driver,
gui_settings_driver) and the markers every test gets (markers)."""
