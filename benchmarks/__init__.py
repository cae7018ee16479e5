"""Benchmarks for cyber_plugin: `make bench` runs `benchmarks/run.py`, which writes RESULTS.md.

`benchmarks.generate` writes the synthetic Inline XBRL filings the scaling benchmark loads; the
tests use it at small sizes (tests/test_benchmark_generator.py).
"""
