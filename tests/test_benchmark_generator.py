"""The benchmark's filing generator, at small sizes: real Arelle loads them through the plugin,
which finds exactly the cyd facts the generator says it wrote, and the bytes never change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import (
    ANNUAL_NON_FILLER_FACTS,
    SEED,
    STANDARD_CASES,
    CaseSpec,
    GeneratedFiling,
    write_annual_report,
    write_case,
    write_incident_report,
)
from cyber_plugin.core.catalogue import ANNUAL_FLAGS, MATERIALLY_AFFECTED_FLAG

# After its opening sentence on its element, every generated text block is the same generic
# risk-management filler (benchmarks/markup.py), so the suggestion model may read one as the
# risk-management processes rather than its own element: CYBER.textReadsLikeOther (info), rightly.
GENERIC_FILLER = {"CYBER.textReadsLikeOther"}


def written_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def errors_and_warnings(loaded: Any) -> list[str]:
    return [
        f"{m.get('messageCode')}: {m.get('msg')}"
        for m in loaded.messages
        if str(m.get("levelname", "")).upper() in ("ERROR", "WARNING")
    ]


def extracted(loaded: Any) -> list[tuple[str | None, str]]:
    """(id, local name) of the plugin's cyd facts, in document order like the generator's list."""
    facts = sorted(loaded.disclosure.facts, key=lambda fact: fact.line or 0)
    return [(fact.id, fact.local_name) for fact in facts]


def test_generation_is_deterministic(tmp_path: Path) -> None:
    for run in ("first", "second"):
        write_annual_report(tmp_path / run / "annual", 200, text_block_bytes=800)
        write_incident_report(tmp_path / run / "incident", 3)
        write_annual_report(tmp_path / run / "other-seed", 200, text_block_bytes=800, seed=SEED + 1)

    for case in ("annual", "incident", "other-seed"):
        assert written_bytes(tmp_path / "first" / case) == written_bytes(tmp_path / "second" / case)
    assert written_bytes(tmp_path / "first" / "annual") != written_bytes(tmp_path / "first" / "other-seed")


def test_annual_report_loads_with_exactly_its_cyd_facts(tmp_path: Path, load: Any) -> None:
    filing = write_annual_report(tmp_path / "annual", 200, text_block_bytes=800)
    loaded = load(filing.path)

    assert loaded.success
    assert errors_and_warnings(loaded) == []
    # Flags and texts agree: the checks find nothing, but that some blocks read like another
    # element (GENERIC_FILLER).
    assert set(loaded.cyber_codes) <= GENERIC_FILLER
    assert extracted(loaded) == list(filing.cyd_facts)
    assert filing.cyd_fact_count == 16
    assert len(loaded.model.facts) == filing.total_facts == 200
    # Every fact has a schema, so every fact is in Arelle's index.
    assert len(loaded.model.factsInInstance) == filing.total_facts
    disclosure = loaded.disclosure
    assert disclosure.filing.document_type == "10-K"
    assert disclosure.flags == {
        concept.local_name: concept.local_name != MATERIALLY_AFFECTED_FLAG for concept in ANNUAL_FLAGS
    }
    assert all(len(fact.html or "") >= 800 for fact in disclosure.text_blocks)


def test_incident_report_tags_each_incident_on_its_own_member(tmp_path: Path, load: Any) -> None:
    filing = write_incident_report(tmp_path / "incident", 3)
    loaded = load(filing.path)

    assert errors_and_warnings(loaded) == []
    assert set(loaded.cyber_codes) <= GENERIC_FILLER
    assert extracted(loaded) == list(filing.cyd_facts)
    assert filing.cyd_fact_count == 15 and filing.incidents == 3
    members = {fact.dimensions for fact in loaded.disclosure.facts}
    assert members == {(("ex:IncidentAxis", f"ex:Incident00{n}Member"),) for n in (1, 2, 3)}
    assert loaded.disclosure.filing.document_type == "8-K"


def test_large_text_blocks_reach_their_size(tmp_path: Path, load: Any) -> None:
    filing = write_annual_report(tmp_path / "large", ANNUAL_NON_FILLER_FACTS, text_block_bytes=20_000)
    loaded = load(filing.path)

    assert errors_and_warnings(loaded) == []
    assert extracted(loaded) == list(filing.cyd_facts)
    sizes = [len(fact.html or "") for fact in loaded.disclosure.text_blocks]
    assert len(sizes) == 10 and all(20_000 <= size < 22_000 for size in sizes)
    assert all("\n" in str(fact.value) for fact in loaded.disclosure.text_blocks)  # paragraphs kept


def test_the_standard_cases_are_distinct_and_written_by_kind(tmp_path: Path) -> None:
    assert len({spec.name for spec in STANDARD_CASES}) == len(STANDARD_CASES)
    small = write_case(tmp_path, CaseSpec("tiny-8k", "incident", 2, 300))

    assert isinstance(small, GeneratedFiling)
    assert small.path == tmp_path / "tiny-8k" / "filing.htm" and small.form == "8-K"
    assert small.size_bytes == small.path.stat().st_size
    with pytest.raises(ValueError):
        write_annual_report(tmp_path / "too-small", ANNUAL_NON_FILLER_FACTS - 1)
