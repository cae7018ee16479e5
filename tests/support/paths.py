"""The files the tests read: the bundled samples, and the real filings, incidents, population and
seed that sit beside the project in ../shared (tests skip, saying so, when they are absent)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_filings"
TAXONOMY_CACHE = SAMPLES / "taxonomy-cache"
SAMPLE_20F = SAMPLES / "20f-item16k" / "filing.htm"
SAMPLE_20F_XML = SAMPLES / "20f-item16k" / "filing.xml"
SAMPLE_10K = SAMPLES / "10k-item1c" / "filing.htm"
SAMPLE_8K = SAMPLES / "8k-item105" / "filing.htm"
ALL_SAMPLES = (SAMPLE_20F, SAMPLE_20F_XML, SAMPLE_10K, SAMPLE_8K)
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_33d3148e23465c44.txt"
REAL_FILINGS = SHARED / "real-filings"
REAL_INCIDENTS = SHARED / "real-incidents"
POPULATION_SAMPLE = REAL_FILINGS / "population-sample.ndjson"
ARELLE_CMD = Path(sys.executable).with_name("arelleCmdLine")
CYBER_EXTRACT = Path(sys.executable).with_name("cyber-extract")


def real_filings() -> list[Path]:
    """The real 10-K primary documents, or a skip when ../shared/real-filings is absent."""
    if not REAL_FILINGS.is_dir():
        pytest.skip(f"real filings not found at {REAL_FILINGS} (they sit beside the project in CI)")
    return sorted([*REAL_FILINGS.glob("*.htm"), *REAL_FILINGS.glob("*/*.htm")])


def real_filing(name: str) -> Path:
    path = next((p for p in real_filings() if p.name == name), None)
    assert path is not None, f"{name} is missing from {REAL_FILINGS}"
    return path
