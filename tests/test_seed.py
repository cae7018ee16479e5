"""The 20-F sample reproduces the SEC viewer's rendering of a real 20-F, word for word (the inline
sample as the page shows it, where the viewer glues two words)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .support.paths import SAMPLE_20F, SAMPLE_20F_XML
from .support.seed import as_the_page_shows, read_seed


def _as_seed_value(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@pytest.mark.parametrize("sample", [SAMPLE_20F, SAMPLE_20F_XML], ids=["inline", "xbrl-xml"])
def test_export_reproduces_every_label_and_value_of_the_seed(sample: Path, export_run: Any) -> None:
    export = export_run(sample)

    assert export.result.returncode == 0, export.result.stderr
    exported = export.document
    rows = [(fact["label"], _as_seed_value(fact["value"])) for fact in exported["facts"]]
    read = as_the_page_shows if sample == SAMPLE_20F else str
    assert rows == [(label, read(value)) for label, value in read_seed()]


def test_seed_sample_identity_and_flags(export_run: Any) -> None:
    export = export_run(SAMPLE_20F)

    exported = export.document
    assert exported["documentType"] == "20-F"
    assert exported["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    assert exported["cydNamespaces"] == ["http://xbrl.sec.gov/cyd/2024"]
    assert list(exported["flags"].values()) == [True, True, True, False, True, True]
    assert export.result.codes() == ["CYBER.exported"] * len(export.files)  # one per file; no finding
