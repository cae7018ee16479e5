"""Broken and hostile inputs never take Arelle down: a corpus, hooks forced to fail, XXE.

Each corpus entry is written by the test and carries a line saying what it is. Every run goes
through the command line with -v and an export: it must exit normally, log the expected codes,
print and log no Python traceback, and stay within memory and time bounds.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cyber_plugin.core.textblock import plain_text
from cyber_plugin.outputs.html_report import sanitise

from .support.command_line import CommandResult, run_arelle
from .support.paths import SAMPLE_10K, SAMPLE_20F, SAMPLE_20F_XML
from .support.variants import InlineVariant

MAX_MEMORY_MB = 2500
MAX_SECONDS = 180
TEN_K = SAMPLE_10K.read_text(encoding="utf-8")


def _edited(*replacements: tuple[str, str]) -> Callable[[Path], Path]:
    def build(target: Path) -> Path:
        text = TEN_K
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new, 1)
        target.write_text(text, encoding="utf-8")
        return target

    return build


def _variant(edit: Callable[[InlineVariant], object]) -> Callable[[Path], Path]:
    def build(target: Path) -> Path:
        variant = InlineVariant(SAMPLE_10K)
        edit(variant)
        return variant.write(target)

    return build


def _nested(depth: int) -> Callable[[Path], Path]:
    def build(target: Path) -> Path:
        opening = re.search(r'<ix:nonNumeric id="cyd-14"[^>]*>', TEN_K)
        assert opening
        nested = "<div>" * depth + "deep text" + "</div>" * depth
        target.write_text(TEN_K[: opening.end()] + nested + TEN_K[opening.end() :], encoding="utf-8")
        return target

    return build


def _large_text_block(megabytes: int) -> Callable[[Path], Path]:
    paragraph = "<p>" + "Our program assesses, identifies and manages cybersecurity risks. " * 15 + "</p>\n"

    def build(target: Path) -> Path:
        opening = re.search(r'<ix:nonNumeric id="cyd-14"[^>]*>', TEN_K)
        assert opening
        body = paragraph * (megabytes * 1_000_000 // len(paragraph) + 1)
        target.write_text(TEN_K[: opening.end()] + body + TEN_K[opening.end() :], encoding="utf-8")
        return target

    return build


def _latin1(target: Path) -> Path:
    text = TEN_K.replace('encoding="utf-8"', 'encoding="ISO-8859-1"', 1).replace(
        "Our CISO has more than 20 years", "Our CISO (Ren\u00e9e Fa\u00e7ade) has more than 20 years", 1
    )
    target.write_bytes(text.encode("iso-8859-1", errors="xmlcharrefreplace"))
    return target


RTL_AND_EMOJI = (
    "\u05d0\u05d1\u05d8\u05d7\u05ea \u05de\u05d9\u05d3\u05e2 "  # Hebrew
    "\u0623\u0645\u0646 \u0627\u0644\u0645\u0639\u0644\u0648\u0645\u0627\u062a "  # Arabic
    "\U0001f512\U0001f6e1\ufe0f \u200f"  # emoji, a right-to-left mark
)


@dataclass(frozen=True)
class BrokenInput:
    name: str
    what: str
    build: Callable[[Path], Path]
    expected: tuple[str, ...]
    check: Callable[[dict[str, dict]], None] | None = None


def _value(facts: dict[str, dict], fact_id: str) -> object:
    return facts[fact_id]["value"]


CORPUS = (
    BrokenInput(
        "not-xbrl",
        "a text file named .htm",
        lambda t: (t.write_text("not XBRL at all\n"), t)[1],
        ("xmlSchema:syntax",),
    ),
    BrokenInput(
        "truncated",
        "the 10-K cut off after 5,000 characters: malformed XML",
        lambda t: (t.write_text(TEN_K[:5000]), t)[1],
        ("xmlSchema:syntax",),
    ),
    BrokenInput(
        "undeclared-prefix",
        "the cyd prefix used but never declared",
        _edited(('xmlns:cyd="http://xbrl.sec.gov/cyd/2024"', "")),
        ("CYBER.missingDisclosure", "ix11.12.1.2:missingReferences"),
    ),
    BrokenInput(
        "broken-context",
        "a flag whose contextRef names no context",
        _variant(lambda v: v.set("cyd-04", contextRef="c-missing")),
        ("CYBER.periodMismatch", "xbrl.4.6.1:itemContextRef"),
        lambda facts: None if facts["cyd-04"]["period"] is None else pytest.fail("period read from nowhere"),
    ),
    BrokenInput(
        "failed-transform",
        "a ballot-box flag holding an X",
        _variant(lambda v: v.set_text("cyd-16", "X")),
        ("CYBER.invalidFlag",),
        lambda facts: None if _value(facts, "cyd-16") is None else pytest.fail("X read as a flag"),
    ),
    BrokenInput(
        "nil-facts",
        "a nil flag and a nil text block",
        _variant(lambda v: (v.make_nil("cyd-04"), v.make_nil("cyd-09"))),
        ("CYBER.invalidFlag", "CYBER.emptyTextBlock"),
        lambda facts: None if facts["cyd-04"]["nil"] and facts["cyd-09"]["nil"] else pytest.fail("nil lost"),
    ),
    BrokenInput(
        "empty-text",
        "a text block holding only white space",
        _variant(lambda v: v.set_text("cyd-09", " ")),
        ("CYBER.emptyTextBlock",),
    ),
    BrokenInput(
        "unknown-concept",
        "a misspelt cyd element",
        _variant(
            lambda v: v.rename("cyd-14", "cyd:CybersecurityRiskManagementExpertiseOfManagmentTextBlock")
        ),
        ("CYBER.unknownConcept",),
    ),
    BrokenInput(
        "future-namespace",
        "a cyd namespace from 2031",
        _edited(("/cyd/2024", "/cyd/2031")),
        ("CYBER.taxonomyYear",),
    ),
    BrokenInput(
        "duplicate-ids",
        "two facts with the same id",
        _variant(lambda v: v.set("cyd-05", id="cyd-04")),
        ("xml.3.3.1:idMustBeUnique",),
    ),
    BrokenInput(
        "continuation-loop",
        "a continuation chain that loops back on itself",
        _variant(lambda v: v.set("cyd-01-c2", continuedAt="cyd-01-c1")),
        ("ix11.4.1.2:continuationCycle",),
    ),
    BrokenInput(
        "continuation-dangles",
        "a continuation chain pointing at no element",
        _variant(lambda v: v.set("cyd-11", continuedAt="cyd-nowhere")),
        ("ix11.11.1.2:continuationMissing",),
    ),
    BrokenInput(
        "deep-nesting",
        "900 nested divs inside a text block",
        _nested(900),
        (),
        lambda facts: (
            None if str(_value(facts, "cyd-14")).startswith("deep text\n") else pytest.fail("text lost")
        ),
    ),
    BrokenInput(
        "deeper-than-python-recursion",
        "1,500 nested divs: Arelle's recursive reading of the fact gives up",
        _nested(1500),
        ("exception:RecursionError", "CYBER.emptyTextBlock"),
    ),
    BrokenInput(
        "deeper-than-arelle",
        "5,000 nested divs: past the XML parser's depth limit",
        _nested(5000),
        ("xmlSchema:syntax",),
    ),
    BrokenInput(
        "20-mb-text-block",
        "a 20 MB text block",
        _large_text_block(20),
        (),
        lambda facts: None if len(str(_value(facts, "cyd-14"))) > 19_000_000 else pytest.fail("text cut"),
    ),
    BrokenInput(
        "latin-1",
        "an ISO-8859-1 document with accented text",
        _latin1,
        (),
        lambda facts: (
            None if "Ren\u00e9e Fa\u00e7ade" in str(_value(facts, "cyd-14")) else pytest.fail("accents lost")
        ),
    ),
    BrokenInput(
        "rtl-and-emoji",
        "right-to-left scripts and emoji in a text block",
        _variant(lambda v: v.set_text("cyd-09", RTL_AND_EMOJI)),
        (),
        lambda facts: (
            None if _value(facts, "cyd-09") == RTL_AND_EMOJI.strip() else pytest.fail("text changed")
        ),
    ),
)


def our_tracebacks(log: list[dict]) -> list[str]:
    """Log entries holding a traceback through the plugin's code. (Arelle's own validator logs a
    traceback with exception:RecursionError for markup nested deeper than Python's recursion
    limit: that one is Arelle's, and the plugin still extracts and exports.)"""
    texts = [json.dumps(entry) for entry in log]
    return [text for text in texts if "Traceback" in text and "cyber_plugin" in text]


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.name)
def test_broken_input_is_reported_and_arelle_goes_on(case: BrokenInput, tmp_path: Path) -> None:
    path = case.build(tmp_path / "filing.htm")
    export = tmp_path / "out.json"

    result = run_arelle(
        "-f",
        path,
        "-v",
        "--cyber-export",
        export,
        "--cyber-export",
        tmp_path / "out.html",
        cwd=tmp_path,
    )

    assert result.returncode == 0, case.what
    logged = {entry["code"] for entry in result.log}
    assert set(case.expected) <= logged, f"{case.what}: {sorted(logged)}"
    assert "CYBER.internalError" not in logged
    assert "Traceback" not in result.stdout + result.stderr
    assert not our_tracebacks(result.log)
    assert result.peak_memory_mb is not None and result.peak_memory_mb < MAX_MEMORY_MB
    assert result.seconds is not None and result.seconds < MAX_SECONDS
    if case.check is not None:
        facts = {fact["id"]: fact for fact in json.loads(export.read_text(encoding="utf-8"))["facts"]}
        case.check(facts)


HOOK_SAMPLE = SAMPLE_20F  # no SEC transform in it, so a failed registration changes nothing else
HOOKS = [
    ("register_transforms", "cyber_plugin.integration.transforms:register", ()),
    ("add_command_line_options", "cyber_plugin.integration.hooks:add_options", ()),
    ("configure_run", "cyber_plugin.integration.hooks:settings_from", ()),
    ("validate_filing", "cyber_plugin.integration.state:read_disclosure", ()),
    ("export_filing", "cyber_plugin.integration.reporting:write_export", ("--cyber-export", "x.json")),
]


@pytest.fixture(scope="module")
def healthy_run(tmp_path_factory: pytest.TempPathFactory) -> Callable[[tuple[str, ...]], CommandResult]:
    """The unbroken run that a broken one is compared with, once per set of options."""
    runs: dict[tuple[str, ...], CommandResult] = {}

    def run(extra: tuple[str, ...]) -> CommandResult:
        if extra not in runs:
            folder = tmp_path_factory.mktemp("healthy")
            runs[extra] = run_arelle("-f", HOOK_SAMPLE, "-v", *extra, cwd=folder)
        return runs[extra]

    return run


@pytest.mark.parametrize(("hook", "function", "extra"), HOOKS, ids=[h[0] for h in HOOKS])
def test_a_failure_inside_each_hook_is_one_internal_error(
    hook: str,
    function: str,
    extra: tuple[str, ...],
    tmp_path: Path,
    healthy_run: Callable[[tuple[str, ...]], CommandResult],
) -> None:
    healthy = healthy_run(extra)
    broken = run_arelle("-f", HOOK_SAMPLE, "-v", *extra, cwd=tmp_path, break_function=function)

    assert broken.returncode == healthy.returncode == 0
    internal = broken.errors("CYBER.internalError")
    assert len(internal) == 1 and f"failed in {hook}" in internal[0]["message"]["text"]
    others = [
        (e["code"], e["level"])
        for e in broken.log
        if not e["code"].startswith("CYBER.") and e["level"] != "info"
    ]
    assert others == [
        (e["code"], e["level"])
        for e in healthy.log
        if not e["code"].startswith("CYBER.") and e["level"] != "info"
    ]
    assert "Traceback" not in broken.stdout + broken.stderr


# Entities: text-block markup is parsed with entity expansion and network access off.


@pytest.fixture
def trap_server() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request made to it."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"EXPANDED-FROM-THE-NETWORK")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)  # shut down in 0.05 s
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def hostile_entities(base_url: str) -> str:
    laughs = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    return (
        f'<!DOCTYPE div [<!ENTITY lol0 "lol">{laughs}'
        f'<!ENTITY remote SYSTEM "{base_url}/remote"><!ENTITY local SYSTEM "file:///etc/hostname">'
        f'<!ENTITY % parameter SYSTEM "{base_url}/parameter"> %parameter;]>'
        "<div><p>Before &remote; &local; &lol9; after.</p></div>"
    )


def test_text_block_parsing_neither_expands_nor_fetches_entities(trap_server: tuple[str, list[str]]) -> None:
    base_url, requests = trap_server
    markup = hostile_entities(base_url)

    text = plain_text(markup)
    cleaned = sanitise(markup)

    assert "Before" in text and "after." in text
    assert "lol" * 10 not in text and "EXPANDED" not in text and len(text) < len(markup)
    assert "EXPANDED" not in cleaned and "lol" * 10 not in cleaned
    assert requests == []


def test_hostile_entities_in_an_instance_text_block_go_nowhere(
    trap_server: tuple[str, list[str]], tmp_path: Path
) -> None:
    base_url, requests = trap_server
    escaped = hostile_entities(base_url).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    instance = SAMPLE_20F_XML.read_text(encoding="utf-8")
    start = instance.index(">", instance.index('id="cyd-09"')) + 1
    end = instance.index("</cyd:", start)
    (tmp_path / "filing.xml").write_text(instance[:start] + escaped + instance[end:], encoding="utf-8")

    result = run_arelle(
        "-f",
        tmp_path / "filing.xml",
        "-v",
        "--cyber-export",
        "x.json",
        "--cyber-export",
        "x.html",
        cwd=tmp_path,
    )

    assert result.returncode == 0
    fact = next(f for f in json.loads((tmp_path / "x.json").read_text())["facts"] if f["id"] == "cyd-09")
    assert "Before" in fact["value"] and "EXPANDED" not in fact["value"] and "lol" * 10 not in fact["value"]
    assert "EXPANDED" not in (tmp_path / "x.html").read_text()
    assert requests == []


def test_escaped_markup_nested_past_the_xml_parser_limit_keeps_its_text(tmp_path: Path) -> None:
    nested = ("<div>" * 5000 + "deep text" + "</div>" * 5000).replace("<", "&lt;").replace(">", "&gt;")
    instance = SAMPLE_20F_XML.read_text(encoding="utf-8")
    start = instance.index(">", instance.index('id="cyd-09"')) + 1
    end = instance.index("</cyd:", start)
    (tmp_path / "filing.xml").write_text(instance[:start] + nested + instance[end:], encoding="utf-8")

    result = run_arelle("-f", tmp_path / "filing.xml", "-v", "--cyber-export", "x.json", cwd=tmp_path)

    assert result.returncode == 0 and not our_tracebacks(result.log)
    fact = next(f for f in json.loads((tmp_path / "x.json").read_text())["facts"] if f["id"] == "cyd-09")
    assert fact["value"] == "deep text"
