"""--cyber-compare PRIOR on Arelle's command line and in the Python API, on a real 10-K and last year's
report made from it by editing it (tests/prior_year.py): the two rules, every export's changes, a
prior that cannot be read, another registrant's filing, a prior given as its JSON export, and
Arelle's own messages unchanged."""

from __future__ import annotations

import csv
import itertools
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from lxml import html as lxml_html

from cyber_plugin.api import FilingError, read_filing
from cyber_plugin.outputs.tables import CHANGES
from cyber_plugin.outputs.tabular import restore

from .support.command_line import CommandResult, run_arelle
from .support.paths import REAL_FILINGS, REPO
from .support.prior_year import LAST_YEAR_NAME, THIS_YEAR, last_years_report

SCHEMA = json.loads((REPO / "cyber_plugin" / "outputs" / "cyber-disclosure.schema.json").read_text())
WORKED_EXAMPLE = "tests/test_compare_option.py::test_the_worked_example"
OVERSIGHT_FLAG = "CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag"
MATERIAL_TEXT = "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock"
POSITIONS_TEXT = "CybersecurityRiskManagementPositionsOrCommitteesResponsibleTextBlock"
EXPERTISE_TEXT = "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"
PRIOR_NAMED = "the 10-K for fiscal year 2023, period ending 2023-12-31"

pytestmark = pytest.mark.skipif(
    not THIS_YEAR.is_file(),
    reason=f"the real filings are not at {REAL_FILINGS} (they sit beside the project)",
)


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with this year's real 10-K and last year's, made from it."""
    folder = tmp_path_factory.mktemp("two-years")
    shutil.copy(THIS_YEAR, folder / THIS_YEAR.name)
    last_years_report(folder)
    return folder


def compared_run(folder: Path, prior: str, *options: str) -> CommandResult:
    return run_arelle("-f", THIS_YEAR.name, "--cyber-compare", prior, *options, cwd=folder, cache=False)


def arelle_messages(result: CommandResult) -> list[tuple[str, str, str]]:
    """Arelle's own messages (the plugin's aside), without the timings."""
    return [
        (m["code"], m["level"], m["message"]["text"])
        for m in result.log
        if not str(m["code"]).startswith("CYBER.") and m["code"] != "info"
    ]


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return [{key: restore(value) for key, value in row.items()} for row in csv.DictReader(stream)]


def markdown_table(page: str, heading: str) -> list[dict[str, str]]:
    """The rows of the first Markdown table after `heading` in a documentation page."""
    lines = (REPO / page).read_text(encoding="utf-8").split("\n")
    after = lines[lines.index(heading) :]
    first = next(i for i, line in enumerate(after) if line.startswith("|"))
    table = list(itertools.takewhile(lambda line: line.startswith("|"), after[first:]))
    header = [cell.strip() for cell in table[0].strip("|").split("|")]
    return [
        dict(zip(header, (cell.strip().strip("`") for cell in line.strip("|").split("|")), strict=True))
        for line in table[2:]
    ]


def test_the_worked_example(years: Path, tmp_path: Path) -> None:
    """docs/rules.md: the command, the messages it prints, and the changes table it writes."""
    for name in (THIS_YEAR.name, LAST_YEAR_NAME):
        shutil.copy(years / name, tmp_path / name)
    from .test_documented_commands import run_block

    completed = run_block(WORKED_EXAMPLE, tmp_path)

    printed = [line.rstrip().replace(f"{tmp_path}/", "") for line in completed.stdout.splitlines()]
    shown = next(b for b in _blocks_after(WORKED_EXAMPLE) if b.startswith("[CYBER."))
    for line in shown.splitlines():
        assert line in printed, f"docs/rules.md shows {line!r}, which the run does not print"
    rows = csv_rows(tmp_path / "nflx.changes.csv")
    documented = markdown_table("docs/rules.md", "### What the changes table says")
    assert [{k: r[k] for k in documented[0]} for r in rows] == documented
    page = lxml_html.fromstring((tmp_path / "nflx.html").read_bytes())
    assert page.xpath("//section[@id='changes']//del[normalize-space()='nearly']")
    assert page.xpath("//section[@id='changes']//ins[normalize-space()='over']")


def _blocks_after(test: str) -> list[str]:
    """The text blocks that follow the block marked for `test` on docs/rules.md, up to the next heading."""
    from .support.doc_pages import blocks

    found = blocks((REPO / "docs" / "rules.md").read_text(encoding="utf-8"), "docs/rules.md")
    index = next(i for i, block in enumerate(found) if block.run_by == test)
    return [block.text for block in found[index + 1 :] if block.language == "text"]


@pytest.fixture(scope="module")
def compared(years: Path) -> dict[str, Any]:
    """This year's 10-K validated and exported in every format, compared with last year's; and the
    same run without the comparison."""
    exports = {ext: years / f"compared{ext}" for ext in (".json", ".html", ".changes.csv", ".xlsx")}
    targets = [argument for path in exports.values() for argument in ("--cyber-export", str(path))]
    result = compared_run(years, LAST_YEAR_NAME, "-v", *targets)
    alone = run_arelle("-f", THIS_YEAR.name, "-v", cwd=years, cache=False)
    return {"result": result, "alone": alone, "exports": exports}


def test_the_two_rules_name_the_prior_filing(compared: dict[str, Any], years: Path) -> None:
    result: CommandResult = compared["result"]
    prior = f"{PRIOR_NAMED} ({years / LAST_YEAR_NAME})"

    assert result.returncode == 0, result.stderr
    messages = {
        m["code"]: m for m in result.log if m["code"] in ("CYBER.elementDropped", "CYBER.flagChanged")
    }
    assert (messages["CYBER.elementDropped"]["level"], messages["CYBER.flagChanged"]["level"]) == (
        "warning",
        "info",
    )
    assert prior in messages["CYBER.elementDropped"]["message"]["text"]
    assert prior in messages["CYBER.flagChanged"]["message"]["text"]
    assert "is true; in the prior filing" in messages["CYBER.flagChanged"]["message"]["text"]
    assert result.codes().count("CYBER.compared") == 1
    assert not [c for c in result.codes() if c.startswith("CYBER.prior")]


def test_arelle_s_messages_are_the_same_with_and_without_a_prior(compared: dict[str, Any]) -> None:
    assert arelle_messages(compared["result"]) == arelle_messages(compared["alone"])
    assert arelle_messages(compared["alone"])  # (Arelle does say things about this filing offline)


def test_every_export_carries_the_changes(compared: dict[str, Any], years: Path) -> None:
    exports: dict[str, Path] = compared["exports"]
    document = json.loads(exports[".json"].read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)

    changes = document["changes"]
    assert changes["prior"] | {"source": None} == {
        "source": None,
        "documentType": "10-K",
        "amendment": False,
        "cik": "0001065280",
        "entityName": "Netflix, Inc.",
        "fiscalYear": 2023,
        "periodEnd": "2023-12-31",
        "filed": None,
        "accessionNumber": None,
    }
    assert (changes["added"], changes["dropped"], changes["sameRegistrant"]) == (
        [POSITIONS_TEXT],
        [MATERIAL_TEXT],
        True,
    )
    changed = {e["concept"]: e for e in changes["elements"] if e["change"] != "same"}
    assert (changed[OVERSIGHT_FLAG]["priorValue"], changed[OVERSIGHT_FLAG]["value"]) == (False, True)
    expertise = changed[EXPERTISE_TEXT]
    assert expertise["change"] == "text_edited" and 0 < expertise["similarity"] < 1
    deleted = [r["text"] for r in expertise["diff"] if r["kind"] == "deleted"]
    inserted = " ".join(r["text"] for r in expertise["diff"] if r["kind"] == "inserted")
    assert deleted == ["nearly"] and inserted.startswith("over companies. Team members who support")
    assert {k: changes["section"][k] for k in ("kept", "added", "removed")} == {
        "kept": 4,
        "added": 1,
        "removed": 1,
    }

    rows = csv_rows(exports[".changes.csv"])
    assert [(r["concept"], r["change"]) for r in rows] == [
        (e["concept"], e["change"]) for e in changes["elements"] if e["change"] != "same"
    ]
    assert {r["table"] for r in rows} == {"changes"} and {r["prior_fiscal_year"] for r in rows} == {"2023"}
    sheet = openpyxl.load_workbook(exports[".xlsx"])["Changes"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert tuple(values[0]) == CHANGES.column_names
    assert [row[CHANGES.column_names.index("concept")] for row in values[1:]] == [r["concept"] for r in rows]

    report = lxml_html.fromstring(exports[".html"].read_bytes())
    (part,) = report.xpath("//section[@id='changes']")
    assert part.xpath("string(h2)") == f"Changes since {PRIOR_NAMED}"
    assert report.xpath("//a[@href='#change-" + MATERIAL_TEXT + "']"), "the finding links to its change"


def test_a_prior_given_as_its_json_export_gives_the_same_changes(
    compared: dict[str, Any], years: Path
) -> None:
    exported = years / "last-year.json"
    made = run_arelle("-f", LAST_YEAR_NAME, "--cyber-export", str(exported), cwd=years, cache=False)
    assert made.returncode == 0, made.stderr
    target = years / "from-json.json"

    result = compared_run(years, str(exported), "--cyber-export", str(target))

    assert result.returncode == 0 and "CYBER.compared" in result.codes()
    from_json = json.loads(target.read_text(encoding="utf-8"))["changes"]
    from_filing = json.loads(compared["exports"][".json"].read_text(encoding="utf-8"))["changes"]
    assert from_json == from_filing


@pytest.mark.parametrize(
    ("prior", "reason"),
    [
        ("no-such-file.htm", "no-such-file.htm"),
        ("not-a-filing.htm", "not an XBRL instance or inline XBRL filing"),
        ("broken.json", "cannot read it as a JSON export"),
    ],
)
def test_a_prior_that_cannot_be_read_is_an_error_and_the_run_goes_on(
    years: Path, tmp_path: Path, prior: str, reason: str
) -> None:
    (years / "not-a-filing.htm").write_text("<html><body><p>No XBRL here.</p></body></html>", "utf-8")
    (years / "broken.json").write_text("{not json", "utf-8")
    export = tmp_path / "alone.json"

    result = compared_run(years, prior, "--cyber-export", str(export))

    assert result.returncode == 0, result.stderr
    (error,) = result.errors("CYBER.priorNotLoaded")
    assert prior in error["message"]["text"] and reason in error["message"]["text"]
    assert not {"CYBER.compared", "CYBER.elementDropped", "CYBER.flagChanged"} & set(result.codes())
    document = json.loads(export.read_text(encoding="utf-8"))
    assert document["changes"] is None and document["documentType"] == "10-K"


def test_another_registrant_s_filing_is_compared_with_a_warning(years: Path, tmp_path: Path) -> None:
    other = REAL_FILINGS / "aapl-10-k-2024-11-01.htm"
    export = tmp_path / "other.json"

    result = compared_run(years, str(other), "--cyber-export", str(export))

    assert result.returncode == 0, result.stderr
    (warning,) = [m for m in result.log if m["code"] == "CYBER.priorOtherRegistrant"]
    assert warning["level"] == "warning"
    assert "CIK 0000320193" in warning["message"]["text"] and "CIK 0001065280" in warning["message"]["text"]
    assert json.loads(export.read_text(encoding="utf-8"))["changes"]["sameRegistrant"] is False


def test_the_prior_filing_s_model_is_freed(years: Path) -> None:
    result = run_arelle(
        "-f", THIS_YEAR.name, "--cyber-compare", LAST_YEAR_NAME, "-v", cwd=years, cache=False, no_collect=True
    )

    assert result.returncode == 0 and "CYBER.compared" in result.codes(), result.stderr
    assert result.models_left == 0


def test_the_python_api_compares_too(years: Path) -> None:
    reading = read_filing(years / THIS_YEAR.name, compare=years / LAST_YEAR_NAME)

    assert reading.disclosure.prior is not None and reading.disclosure.prior.fiscal_year == 2023
    assert {"CYBER.elementDropped", "CYBER.flagChanged"} <= {f.code for f in reading.findings}
    with pytest.raises(FilingError, match="is not a prior filing the plugin could read"):
        read_filing(years / THIS_YEAR.name, compare=years / "no-such-file.htm")
