"""What the tests share that is not a test (CONTRIBUTING.md, "Layout"): the files they read
(paths, seed), Arelle in-process (loads) and as a process (command_line, arelle_runner and its
fork server), Arelle's plugin discovery done once (plugin_discovery),
cyber-extract as a process (extract), the one Disclosure builder (builder), filings written for
the tests (variants, hostile, minimal_filings, incidents, population_inline, prior_year,
two_years, edgar_submissions), independent readers (ixbrl_reader, same_tables, population), the
documentation's blocks (doc_pages), a loopback EDGAR (edgar_server), the desktop (desktop and its
drivers gui_driver, gui_settings_driver), the markers every test gets (markers) and the results
the pytest-xdist workers share (run_cache)."""
