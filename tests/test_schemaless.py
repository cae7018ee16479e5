"""Extraction needs no schema: every sample, fixture and real filing exports the same facts with
the samples' schemas (--cacheDirectory sample_filings/taxonomy-cache) and without any, and the
language is the xml:lang the document sets, whichever validator runs beside the plugin."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from benchmarks.generate import write_annual_report, write_incident_report
from cyber_plugin.core.disclosure import Disclosure
from cyber_plugin.outputs.json_format import fact_document

from .support.command_line import run_arelle
from .support.hostile import write_hostile_filing
from .support.loads import load_in_session, load_once
from .support.paths import ALL_SAMPLES, REAL_FILINGS, REAL_INCIDENTS, SAMPLE_20F_XML

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REAL = sorted([*REAL_FILINGS.glob("*.htm"), *REAL_FILINGS.glob("*/*.htm"), *REAL_INCIDENTS.glob("*.htm")])
SKIP_REASON = f"real filings not found at {REAL_FILINGS.parent} (they sit beside the project in CI)"

# An xBRL-XML incident report: two incidents on the cyd incident axis, a nil block and a block
# holding only a full stop, with a registrant name broken over two lines.
INCIDENT_XML = """<?xml version="1.0" encoding="utf-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:dei="http://xbrl.sec.gov/dei/2024"
    xmlns:cyd="http://xbrl.sec.gov/cyd/2024" xmlns:nwf="http://northwind.example/20250310" xml:lang="en-US">
  <link:schemaRef xlink:type="simple" xlink:href="https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd"/>
  <link:schemaRef xlink:type="simple" xlink:href="https://xbrl.sec.gov/dei/2024/dei-2024.xsd"/>
  <xbrli:context id="c">
    <xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0001999903</xbrli:identifier></xbrli:entity>
    <xbrli:period><xbrli:startDate>2025-03-10</xbrli:startDate><xbrli:endDate>2025-03-10</xbrli:endDate></xbrli:period>
  </xbrli:context>
  {incident_contexts}
  <dei:DocumentType contextRef="c">8-K</dei:DocumentType>
  <dei:AmendmentFlag contextRef="c">false</dei:AmendmentFlag>
  <dei:EntityCentralIndexKey contextRef="c">0001999903</dei:EntityCentralIndexKey>
  <dei:EntityRegistrantName contextRef="c">Northwind
      Freight Systems Corp.</dei:EntityRegistrantName>
  <cyd:MaterialCybersecurityIncidentNatureTextBlock id="n1" contextRef="c-ransomware">&lt;p&gt;Ransomware
    encrypted the routing servers.&lt;/p&gt;</cyd:MaterialCybersecurityIncidentNatureTextBlock>
  <cyd:MaterialCybersecurityIncidentScopeTextBlock id="s1" contextRef="c-ransomware"
    >.</cyd:MaterialCybersecurityIncidentScopeTextBlock>
  <cyd:MaterialCybersecurityIncidentNatureTextBlock id="n2" contextRef="c-phishing"
    >A phishing campaign.</cyd:MaterialCybersecurityIncidentNatureTextBlock>
  <cyd:MaterialCybersecurityIncidentTimingTextBlock id="t2" contextRef="c-phishing" xsi:nil="true"/>
</xbrli:xbrl>
"""
INCIDENT_CONTEXT = """<xbrli:context id="c-{name}">
    <xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0001999903</xbrli:identifier>
      <xbrli:segment>
        <xbrldi:explicitMember dimension="cyd:MaterialCybersecurityIncidentAxis"
          >{member}</xbrldi:explicitMember>
      </xbrli:segment>
    </xbrli:entity>
    <xbrli:period><xbrli:startDate>2025-03-10</xbrli:startDate><xbrli:endDate>2025-03-10</xbrli:endDate></xbrli:period>
  </xbrli:context>"""


def write_incident_xml(target: Path) -> Path:
    contexts = "\n  ".join(
        INCIDENT_CONTEXT.format(name=name, member=member)
        for name, member in (("ransomware", "nwf:RansomwareMember"), ("phishing", "nwf:PhishingMember"))
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(INCIDENT_XML.format(incident_contexts=contexts), encoding="utf-8")
    return target


FIXTURE_WRITERS = {
    "generated-annual-report": lambda folder: write_annual_report(folder, 200, text_block_bytes=600).path,
    "generated-incident-report": lambda folder: write_incident_report(folder, 2, text_block_bytes=300).path,
    "hostile": lambda folder: write_hostile_filing(folder / "filing.htm"),
    "incident-xml": lambda folder: write_incident_xml(folder / "filing.xml"),
}


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fixtures")
    return {name: write(folder / name) for name, write in FIXTURE_WRITERS.items()}


def exported_facts(disclosure: Disclosure) -> list[dict[str, Any]]:
    return [fact_document(fact) for fact in disclosure.facts]


def document_language(path: Path) -> str | None:
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    return root.getroot().get(XML_LANG)


def assert_same_in_both_modes(path: Path) -> Disclosure:
    with_schemas = load_once(path, cache=True, validate=False)
    without = load_once(path, cache=False, validate=False)
    assert with_schemas.disclosure is not None and without.disclosure is not None
    assert "CYBER.internalError" not in with_schemas.cyber_codes + without.cyber_codes
    assert exported_facts(without.disclosure) == exported_facts(with_schemas.disclosure)
    assert without.disclosure.filing == with_schemas.disclosure.filing
    assert without.disclosure.incidents == with_schemas.disclosure.incidents
    # The section reader finds the same covering text blocks walking the documents itself as it
    # is given from the facts Arelle found (and their continuations from Arelle's id index).
    assert without.disclosure.section == without.walked_section
    assert with_schemas.disclosure.section == with_schemas.walked_section
    return without.disclosure


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_sample_exports_the_same_facts_with_and_without_schemas(sample: Path) -> None:
    disclosure = assert_same_in_both_modes(sample)

    assert disclosure.facts and disclosure.filing.registrant_name
    assert {fact.language for fact in disclosure.facts} == {document_language(sample)} == {"en-US"}


@pytest.mark.parametrize("name", sorted(FIXTURE_WRITERS))
def test_every_fixture_exports_the_same_facts_with_and_without_schemas(
    name: str, fixtures: dict[str, Path]
) -> None:
    disclosure = assert_same_in_both_modes(fixtures[name])

    assert disclosure.facts


def test_xml_incident_report_without_schemas_is_read_whole(fixtures: dict[str, Path]) -> None:
    disclosure = load_once(fixtures["incident-xml"], cache=False, validate=False).disclosure
    assert disclosure is not None

    assert disclosure.filing.registrant_name == "Northwind Freight Systems Corp."
    assert [(i.name, i.member, [f.id for f in i.facts]) for i in disclosure.incidents] == [
        ("RansomwareMember", "nwf:RansomwareMember", ["n1", "s1"]),
        ("PhishingMember", "nwf:PhishingMember", ["n2", "t2"]),
    ]
    assert disclosure.first("MaterialCybersecurityIncidentNatureTextBlock").value == (
        "Ransomware encrypted the routing servers."
    )
    timing = disclosure.first("MaterialCybersecurityIncidentTimingTextBlock")
    assert timing.nil and timing.value is None


def test_the_xml_sample_exports_on_the_command_line_without_schemas(workdir: Path) -> None:
    """The reported failure: no --cacheDirectory, an xBRL-XML instance, an export."""
    target = workdir / "x.json"

    result = run_arelle("-f", SAMPLE_20F_XML, "-v", "--cyber-export", target, cwd=workdir, cache=False)

    assert result.returncode == 0, result.stderr
    assert "CYBER.internalError" not in result.codes()
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert len(exported["facts"]) == 15 and exported["documentType"] == "20-F"
    assert exported["entity"] == {
        "name": "Lumen Crest Holdings Limited",
        "cik": "0001999901",
        "tradingSymbol": "LCHZ",
    }
    assert all(isinstance(value, bool) for value in exported["flags"].values())


@pytest.mark.parametrize(
    "path",
    REAL or [pytest.param(None, marks=pytest.mark.skip(SKIP_REASON))],
    ids=lambda p: p.name if p else "none",
)
def test_every_real_filing_exports_the_same_facts_with_and_without_schemas(path: Path) -> None:
    """A real filing given without its own schema (a lone document, as most of ../shared's are)
    reaches no schema either way, so its loads with the samples' schemas and without are the same
    run; it is loaded once, without. One given with its schema (IBM's filing set) is loaded both ways."""
    if reaches_the_cached_schemas(path):
        disclosure = assert_same_in_both_modes(path)
    else:
        without = load_once(path, cache=False, validate=False)
        assert without.disclosure is not None and "CYBER.internalError" not in without.cyber_codes
        assert without.disclosure.section == without.walked_section
        disclosure = without.disclosure

    assert {fact.language for fact in disclosure.facts} <= {document_language(path)}


def reaches_the_cached_schemas(path: Path) -> bool:
    """Whether a schema the document refers to is on the web (where the samples' cache may answer)
    or beside it (and may import one from the web)."""
    head = path.read_text(encoding="utf-8", errors="replace")[:200_000]
    references = re.findall(r"<link:schemaRef[^>]*?href=\"([^\"]+)\"", head)
    assert references, f"{path.name} refers to no schema"
    return any(ref.startswith(("http:", "https:")) or (path.parent / ref).exists() for ref in references)


def test_only_ibms_filing_set_reaches_the_cached_schemas() -> None:
    if not REAL:
        pytest.skip(SKIP_REASON)
    assert [path.name for path in REAL if reaches_the_cached_schemas(path)] == ["ibm-20241231.htm"]


def test_language_is_the_documents_not_a_disclosure_systems(tmp_path: Path) -> None:
    """Arelle fills a disclosure system's default language into facts whose document sets none;
    the export reports what the document says, whichever validator runs beside the plugin."""
    without_lang = tmp_path / "filing.htm"
    without_lang.write_text(ALL_SAMPLES[0].read_text(encoding="utf-8").replace(' xml:lang="en-US"', ""))
    languages = {}
    for name, path in (("sample", ALL_SAMPLES[0]), ("no xml:lang", without_lang)):
        for system in (None, "efm-pragmatic"):
            loaded = load_in_session(path, disclosure_system=system)
            try:
                languages[name, system] = {fact.language for fact in loaded.disclosure.facts}
            finally:
                loaded.session.close()

    assert languages == {
        ("sample", None): {"en-US"},
        ("sample", "efm-pragmatic"): {"en-US"},
        ("no xml:lang", None): {None},
        ("no xml:lang", "efm-pragmatic"): {None},
    }
