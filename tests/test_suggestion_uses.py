"""The suggestions in use (issue #23): the section's scores, computed once per reading and only when
a rule or an output needs them; the JSON export's `suggested` on every substantive paragraph, and
none where the model reads nothing; and, through Arelle, a held-out filing's paragraph left
untagged, which untaggedText names its element first.

The rules' own tests are in tests/test_checks.py, the words each output shows in
tests/test_words.py, the real filings' in tests/test_section.py, tests/test_real_filings.py and
tests/test_real_incidents.py, the model's in tests/test_suggestions.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

import jsonschema
import pytest

from cyber_plugin.checks import run_checks
from cyber_plugin.core import suggestions
from cyber_plugin.core.disclosure import Disclosure
from cyber_plugin.core.section import Paragraph, Reference, Section
from cyber_plugin.core.section_text import first_words
from cyber_plugin.core.settings import RuleSettings
from cyber_plugin.core.suggestions import SectionScores
from cyber_plugin.outputs import RENDERERS, json_format

from .support.builder import DOCUMENT, ITEM_1C, annual_report, incident_report, item_1c
from .support.paths import REPO, SAMPLE_10K, TAXONOMY_CACHE
from .support.population_inline import PopulationFiling, build_from_pieces, write

SCHEMA: Final = json.loads(
    (REPO / "cyber_plugin" / "outputs" / "cyber-disclosure.schema.json").read_text(encoding="utf-8")
)
EXPERTISE: Final = "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"
EXPERTISE_NAME: Final = "Cybersecurity Risk Management Expertise of Management Responsible"
POPULATION: Final = REPO.parent / "shared" / "population" / "cyd-facts-train.ndjson.gz"


def item_1c_filing() -> Disclosure:
    """The hand-built 10-K with Item 1C as filed, its expertise text block not tagged."""
    return annual_report().unwrap("cyd-14").as_filed(item_1c()).build()


def test_the_json_export_gives_every_substantive_paragraph_its_suggestions() -> None:
    disclosure = item_1c_filing()

    document = json.loads(json_format.render(disclosure, run_checks(disclosure, RuleSettings())))

    jsonschema.validate(document, SCHEMA)
    paragraphs = document["section"]["paragraphs"]
    # Headings get none; every other paragraph three, tagged or not.
    assert [len(p["suggested"]) for p in paragraphs] == [0, 3, 0, 3, 3, 3, 3]
    for index, paragraph in enumerate(paragraphs):
        expected = [
            {"concept": s.concept, "score": round(s.score, 4)} for s in disclosure.suggestions_for(index)
        ]
        assert paragraph["suggested"] == expected
        scores = [s["score"] for s in paragraph["suggested"]]
        assert scores == sorted(scores, reverse=True) and all(0 <= score <= 1 for score in scores)
    assert paragraphs[-1]["suggested"][0]["concept"] == EXPERTISE


ITEM_105 = Section(
    "1.05",
    True,
    "Item 1.05 Material Cybersecurity Incidents",
    DOCUMENT,
    2,
    paragraphs=(Paragraph(ITEM_1C[-1][0], DOCUMENT, 3),),
)
BY_REFERENCE = Section(
    "1C",
    True,
    "ITEM 1C. CYBERSECURITY",
    DOCUMENT,
    2,
    by_reference=Reference("Item 1C is incorporated by reference from the 2024 Annual Report."),
    paragraphs=(Paragraph("Item 1C is incorporated by reference from the 2024 Annual Report.", DOCUMENT, 3),),
)


@pytest.mark.parametrize(
    "disclosure",
    [
        incident_report().as_filed(ITEM_105).build(),
        annual_report().as_filed(BY_REFERENCE).build(),
        annual_report().as_filed(Section("1C")).build(),
        annual_report().build(),
    ],
    ids=["item-1.05", "by-reference", "not-found", "no-section"],
)
def test_no_suggestions_where_the_model_reads_no_annual_section(disclosure: Disclosure) -> None:
    """The model knows the annual report's elements: an 8-K's Item 1.05 and a section that only
    points elsewhere are not scored (nor is a section not found, or none)."""
    document = json.loads(json_format.render(disclosure, ()))

    assert disclosure.section_scores is None
    assert [p["suggested"] for p in (document["section"] or {}).get("paragraphs", [])] in ([], [[]])
    jsonschema.validate(document, SCHEMA)


@pytest.fixture
def scorings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The number of paragraphs of each section scored from now on (the real scoring runs)."""
    scored: list[int] = []
    real = suggestions.score_section

    def counted(paragraphs: Any) -> SectionScores:
        scored.append(len(paragraphs))
        return real(paragraphs)

    monkeypatch.setattr(suggestions, "score_section", counted)
    yield scored


def test_the_section_is_scored_once_for_the_rules_and_every_output(scorings: list[int]) -> None:
    disclosure = item_1c_filing()
    findings = run_checks(disclosure, RuleSettings())
    again = run_checks(disclosure, RuleSettings(disabled=frozenset({"CYBER.duplicate"})))

    for render in RENDERERS.values():
        render(disclosure, findings)

    assert scorings == [len(ITEM_1C)]
    assert {f.code for f in findings} >= {"CYBER.untaggedText", "CYBER.missingElement"}
    assert [f.message for f in again if f.code == "CYBER.untaggedText"] == [
        f.message for f in findings if f.code == "CYBER.untaggedText"
    ]


def test_a_reading_that_needs_no_suggestion_scores_nothing(scorings: list[int]) -> None:
    """A complete filing with every paragraph tagged: its rules ask for no suggestion."""
    tagged = tuple(replace(p, tagged_by=("x",)) if p.is_substantive else p for p in item_1c().paragraphs)
    disclosure = annual_report().as_filed(replace(item_1c(), paragraphs=tagged)).build()

    assert [f.code for f in run_checks(disclosure, RuleSettings())] == []
    assert scorings == []


LOADED_MODELS = """
import sys
from arelle import CntlrCmdLine
CntlrCmdLine.parseAndRun(sys.argv[1:])
imported = "cyber_plugin.core.suggestion_model" in sys.modules
print("SUGGESTION MODULES IMPORTED", imported)
from cyber_plugin.core.suggestion_model import load_model
print("MODELS LOADED", load_model.cache_info().currsize if imported else 0)
"""


@pytest.mark.parametrize(
    ("options", "loaded"),
    [
        (["--cyber-rules=-textReadsLikeOther"], 0),
        ([], 1),  # textReadsLikeOther reads the text blocks
        (["--cyber-rules=-textReadsLikeOther", "--cyber-export", "{tmp}/out.json"], 1),  # suggested
    ],
    ids=["no-rule-or-output-needs-it", "a-rule-needs-it", "an-output-needs-it"],
)
def test_the_model_is_loaded_only_when_a_rule_or_output_needs_it(
    tmp_path: Path, options: list[str], loaded: int
) -> None:
    """The complete sample 10-K, validated in a fresh process with the plugin: the suggestion
    modules are not even imported unless a rule or an output needs them."""
    arguments = ["--plugins", "cyber_plugin", "--workOffline", "-f", str(SAMPLE_10K), "-v"]
    arguments += ["--cacheDirectory", str(TAXONOMY_CACHE), "--logFile", str(tmp_path / "log.json")]
    arguments += [option.format(tmp=tmp_path) for option in options]
    environment = os.environ | {"XDG_CONFIG_HOME": str(tmp_path / "config")}

    done = subprocess.run(
        [sys.executable, "-c", LOADED_MODELS, *arguments],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    assert f"MODELS LOADED {loaded}" in done.stdout.splitlines()
    assert f"SUGGESTION MODULES IMPORTED {bool(loaded)}" in done.stdout.splitlines()


# Through Arelle: a held-out filing's own section, its expertise paragraph left untagged.


@pytest.fixture(scope="module")
def held_out() -> tuple[PopulationFiling, Any]:
    """The first validation filing (by accession number) of a 10-K or 20-F whose section, rebuilt
    as the suggestion model's corpus rebuilds it (tools/suggestion_corpus.py), has four pieces or
    more and one tagged with the expertise of management alone: as tests/test_suggestions.py picks
    one for the model, among the forms whose section the plugin reads."""
    if not POPULATION.is_file():
        pytest.skip(f"{POPULATION} not found (CI has it)")
    from tools.suggestion_corpus import (
        corpus_filing,
        excluded_ciks,
        is_validation,
        normal_cik,
        read_population,
    )

    excluded = set(excluded_ciks())
    candidates = sorted(
        (header["adsh"], header, facts)
        for header, facts in read_population(POPULATION)
        if header["form"] in ("10-K", "20-F")
        and normal_cik(header["cik"]) not in excluded
        and is_validation(header["cik"])
        and any(fact["tag"] == EXPERTISE for fact in facts)
    )
    for _, header, facts in candidates:
        filing = corpus_filing(header, facts)
        alone = [piece for piece in filing.pieces if piece.labels == {EXPERTISE}]
        if len(alone) == 1 and len(filing.pieces) >= 4:
            return PopulationFiling(filing.accession, header["name"], filing.form), filing
    pytest.fail("no validation filing has one paragraph tagged with the expertise alone")


def test_a_held_out_filings_untagged_paragraph_is_named_its_element_first(
    load: Any, tmp_path: Path, held_out: tuple[PopulationFiling, Any]
) -> None:
    """Built as an inline filing from the held-out filing's own texts, each element's paragraphs
    tagged as the filer tagged them, but the expertise paragraph, which no text block covers: read
    through Arelle with the plugin, untaggedText names that paragraph, and the expertise first."""
    population_filing, filing = held_out
    pieces = [(piece.text, piece.labels, piece.heading) for piece in filing.pieces]
    built = build_from_pieces(population_filing, pieces, frozenset({EXPERTISE}))
    path = write(built, tmp_path)

    loaded = load(path, cyberExport=str(tmp_path / "out.json"))

    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    jsonschema.validate(exported, SCHEMA)
    assert [(p["text"], tuple(sorted(p["taggedBy"]))) for p in exported["section"]["paragraphs"]] == [
        (text, tuple(sorted(tags))) for text, tags in built.paragraphs
    ]
    [alone] = [piece.text for piece in filing.pieces if piece.labels == {EXPERTISE}]
    [message] = [m["msg"] for m in loaded.messages_with("CYBER.untaggedText")]
    assert f" that no cyd text block covers (1 of {len(pieces)};" in message, filing.accession
    assert f"“{first_words(alone)}” reads like {EXPERTISE_NAME} (" in message, filing.accession
    [missing] = [m["msg"] for m in loaded.messages_with("CYBER.missingElement")]
    assert f"{EXPERTISE_NAME} [Text Block]" in missing
    # Then the paragraph most likely to answer it, or that none reads clearly like it.
    assert EXPERTISE_NAME in missing.split("a text block with the passage that answers it).")[1]


def test_the_model_file_is_read_in_place_as_numpy_reads_it(tmp_path: Path) -> None:
    import numpy as np

    from cyber_plugin.core.suggestion_model import MODEL_FILE, stored_arrays

    with np.load(MODEL_FILE) as stored:
        expected = {name: stored[name] for name in stored.files}
    for in_place in (stored_arrays(MODEL_FILE), stored_arrays(MODEL_FILE.read_bytes())):
        assert sorted(in_place) == sorted(expected)
        for name, array in expected.items():
            assert (in_place[name].dtype, in_place[name].shape) == (array.dtype, array.shape), name
            assert np.array_equal(in_place[name], array) and not in_place[name].flags.writeable, name
    compressed = tmp_path / "compressed.npz"  # not the training tool's: read by numpy
    np.savez_compressed(compressed, weights=np.arange(6.0).reshape(2, 3))
    assert np.array_equal(stored_arrays(compressed)["weights"], np.arange(6.0).reshape(2, 3))
