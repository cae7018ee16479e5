"""Benchmarks for cyber_plugin: `make bench` runs `python -m benchmarks.run` from the repository's
root, which writes RESULTS.md; `make bench-quick` runs the same code on a few small cases.

`benchmarks.generate` writes the synthetic Inline XBRL filings the scaling benchmark loads; the
tests use it at small sizes (tests/test_benchmark_generator.py).
"""
