"""What changed since the prior filing, in the outputs of one filing (hand-built pairs): the JSON
`changes` object against the schema, the HTML report's "Changes since ..." part (redlines as
<del>/<ins>, the findings linked to their rows, hostile text escaped), the changes CSV, and
nothing of it without a prior filing."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import jsonschema
from lxml import html as lxml_html

from cyber_plugin.checks import run_checks
from cyber_plugin.core.comparison import view_of_disclosure
from cyber_plugin.core.disclosure import Disclosure
from cyber_plugin.core.settings import RuleSettings
from cyber_plugin.outputs import RENDERERS
from cyber_plugin.outputs.tables import CHANGES

from .support.builder import Filing, annual_report
from .support.paths import REPO

SCHEMA = json.loads((REPO / "cyber_plugin" / "outputs" / "cyber-disclosure.schema.json").read_text())
PROCESSES = "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock"
POSITIONS_FLAG = "CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag"
HOSTILE = '<script>alert("x")</script> & <b onclick="y">bold</b>'


def compared(current: Filing, prior: Filing) -> Disclosure:
    prior_view = replace(view_of_disclosure(prior.build()), source="last-year.htm")
    return replace(current.build(), prior=prior_view)


def pair() -> Disclosure:
    prior = annual_report(period_end="2023-12-31", fiscal_year="2023")
    prior.set_text("cyd-01", "We maintain a robust program. It reports to the board.")
    current = annual_report().unwrap("cyd-12")
    current.set_text("cyd-01", f"We maintain a comprehensive program, which reports to the board. {HOSTILE}")
    return compared(current, prior)


def rendered(disclosure: Disclosure, extension: str) -> bytes:
    return RENDERERS[extension](disclosure, run_checks(disclosure, RuleSettings()))


def test_the_json_changes_object_follows_the_schema_and_gives_the_prior_text_back() -> None:
    document = json.loads(rendered(pair(), ".json"))

    jsonschema.validate(document, SCHEMA)
    changes = document["changes"]
    assert changes["dropped"] == [POSITIONS_FLAG] and changes["added"] == []
    (edited,) = [e for e in changes["elements"] if e["change"] == "text_edited"]
    assert edited["concept"] == PROCESSES
    runs = edited["diff"]
    prior = " ".join(r["text"] for r in runs if r["kind"] != "inserted")
    assert prior.replace(" .", ".") == "We maintain a robust program. It reports to the board."
    assert {"deleted", "inserted", "kept"} == {r["kind"] for r in runs}


def test_without_a_prior_filing_the_outputs_say_nothing_of_changes() -> None:
    disclosure = annual_report().build()

    assert json.loads(rendered(disclosure, ".json"))["changes"] is None
    page = lxml_html.fromstring(rendered(disclosure, ".html"))
    assert not page.xpath("//section[@id='changes']") and not page.xpath("//del|//ins")
    lines = rendered(disclosure, ".changes.csv").decode("utf-8-sig").splitlines()
    assert lines == [",".join(("table", "table_version", *CHANGES.column_names))]


def test_the_html_part_is_a_redline_with_the_filing_s_text_escaped() -> None:
    markup = rendered(pair(), ".html")
    page = lxml_html.fromstring(markup)

    (part,) = page.xpath("//section[@id='changes']")
    assert part.xpath("string(h2)") == "Changes since the 10-K for fiscal year 2023, period ending 2023-12-31"
    redline = part.xpath(f"//tr[@id='change-{PROCESSES}']/following-sibling::tr[1]//p[@class='redline']")[0]
    assert [d.text for d in redline.xpath(".//del")][:1] == ["robust"]
    assert "comprehensive" in [i.text for i in redline.xpath(".//ins")]
    inserted = " ".join(i.text for i in redline.xpath(".//ins"))
    assert '<script>alert("x")</script>' in inserted  # shown as text ...
    assert not page.xpath("//script") and not page.xpath("//*[@onclick]")  # ... never as markup
    assert b"&lt;script&gt;" in markup
    # CYBER.elementDropped links to the row of the element it names.
    dropped_row = f"#change-{POSITIONS_FLAG}"
    assert page.xpath(f"//a[@href='{dropped_row}']")
    assert part.xpath(f"//tr[@id='change-{POSITIONS_FLAG}']/td[@class='change']/text()") == ["dropped"]


def test_the_changes_csv_has_a_row_per_changed_element() -> None:
    rows = list(csv.DictReader(io.StringIO(rendered(pair(), ".changes.csv").decode("utf-8-sig"))))

    assert [(r["table"], r["concept"], r["change"]) for r in rows] == [
        ("changes", PROCESSES, "text_edited"),
        ("changes", POSITIONS_FLAG, "dropped"),
    ]
    assert rows[1]["prior_value"] == "true" and rows[1]["value"] == ""
    assert 0 < float(rows[0]["similarity"]) < 1 and rows[0]["prior_source"] == "last-year.htm"
