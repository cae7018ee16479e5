"""Arelle's REST web service with the plugin, on loopback: validation in JSON and text, requests in
a row with different options and nothing leaking between them, a client never making the server
write a file, misspelt parameters as errors, the plugin's own route serving every export, and
concurrent requests under Arelle's default server and under cheroot (a threaded one) each
answered from its own filing and options."""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import json
import os
import shlex
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from optparse import OptionParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from lxml import html as lxml_html

from cyber_plugin.integration import hooks, state, webservice
from cyber_plugin.integration.options import add_options
from cyber_plugin.outputs.tables import CHANGES

from .support.doc_pages import block_run_by
from .support.paths import ALL_SAMPLES, ARELLE_CMD, SAMPLE_8K, SAMPLE_10K, SAMPLE_20F, TAXONOMY_CACHE
from .support.variants import InlineVariant, replace_text


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def get(self, path: str, **query: str) -> tuple[int, str, bytes]:
        """(status, content type, body) of GET path?query."""
        return self.fetch(f"{self.url}{path}?{urllib.parse.urlencode(query)}")

    def fetch(self, address: str, attempts: int = 3) -> tuple[int, str, bytes]:
        """The reply; a connection the server's system dropped before any reply is made again
        (Arelle's default server, wsgiref, accepts one connection at a time with a backlog of 5:
        the kernel resets connections that wait too long beyond it)."""
        try:
            with urllib.request.urlopen(address, timeout=300) as response:
                return response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read()
        except (ConnectionError, urllib.error.URLError) as error:
            dropped = isinstance(error, ConnectionError) or isinstance(error.reason, ConnectionError)
            if not dropped or attempts <= 1:
                raise
            return self.fetch(address, attempts - 1)

    def post(self, path: str, body: bytes, **query: str) -> tuple[int, str, bytes]:
        """(status, content type, body) of POST path?query with `body`."""
        address = f"{self.url}{path}?{urllib.parse.urlencode(query)}"
        try:
            with urllib.request.urlopen(urllib.request.Request(address, data=body), timeout=300) as response:
                return response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read()

    def validate(self, file: Path, **query: str) -> list[dict[str, Any]]:
        """The JSON log of /rest/xbrl/validation."""
        status, content_type, body = self.get("/rest/xbrl/validation", file=str(file), media="json", **query)
        assert status == 200 and content_type.startswith("application/json")
        return json.loads(body)["log"]


OFFLINE = ("--workOffline", f"--cacheDirectory={TAXONOMY_CACHE}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(folder: Path, *plugin_arguments: str, kind: str = "") -> Iterator[Server]:
    """Arelle's web server on a free port: its default one, or `kind` (e.g. cheroot)."""
    port = free_port()
    environment = dict(
        os.environ, XDG_CONFIG_HOME=str(folder / "config"), ARELLE_WEBSERVER_NO_SECURITY_WARNING="1"
    )
    address = f"127.0.0.1:{port}" + (f":{kind}" if kind else "")
    process = subprocess.Popen(
        [str(ARELLE_CMD), "--webserver", address, *plugin_arguments, *OFFLINE],
        cwd=folder,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(f"http://127.0.0.1:{port}", process)
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(server.url + "/about", timeout=5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("Arelle's web server did not start")
            time.sleep(0.2)
    try:
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


serving = contextlib.contextmanager(start_server)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("webservice")


@pytest.fixture(scope="module")
def servers(folder: Path) -> Iterator[Callable[[str], Server]]:
    """servers(kind) -> the module's server with the plugin, of that kind ("": Arelle's default),
    started by the first test that asks for it and serving the module's tests after it."""
    with contextlib.ExitStack() as stack:
        started: dict[str, Server] = {}

        def of_kind(kind: str) -> Server:
            if kind not in started:
                started[kind] = stack.enter_context(serving(folder, "--plugins", "cyber_plugin", kind=kind))
            return started[kind]

        yield of_kind


@pytest.fixture(scope="module")
def server(servers: Callable[[str], Server]) -> Server:
    return servers("")


@pytest.fixture(scope="module")
def variant(folder: Path) -> Path:
    """The 10-K without its processes-integrated flag: CYBER.missingElement, CYBER.textWithoutFlag."""
    return InlineVariant(SAMPLE_10K).unwrap("cyd-02").write(folder / "variant" / "filing.htm")


@pytest.fixture(scope="module")
def untagged_8k(folder: Path) -> Path:
    return replace_text(
        SAMPLE_8K,
        folder / "untagged-8k" / "filing.htm",
        ('xmlns:cyd="http://xbrl.sec.gov/cyd/2024"', 'xmlns:cyd="http://example.com/x"'),
    )


def cyber(log: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(entry["code"], entry["level"]) for entry in log if entry["code"].startswith("CYBER.")]


# Validation through Arelle's own route.


def test_validation_in_json_and_in_text(server: Server, variant: Path) -> None:
    assert cyber(server.validate(variant)) == [
        ("CYBER.missingElement", "warning"),
        ("CYBER.textWithoutFlag", "warning"),
    ]
    status, content_type, body = server.get("/rest/xbrl/validation", file=str(variant), media="text")
    text = body.decode("utf-8")
    assert status == 200 and content_type.startswith("text/plain")
    assert "[CYBER.missingElement]" in text and "[CYBER.textWithoutFlag]" in text


def test_requests_in_a_row_take_their_own_options_and_leak_nothing(
    server: Server, variant: Path, untagged_8k: Path
) -> None:
    switched_off = server.validate(variant, cyberRules="-CYBER.textWithoutFlag")
    regraded = server.validate(variant, cyberRules="textWithoutFlag=error", cyberSummary="")
    incident = server.validate(untagged_8k, cyber8kItems="1.05,9.01")
    plain = server.validate(variant)
    plain_8k = server.validate(untagged_8k)

    assert cyber(switched_off) == [("CYBER.missingElement", "warning")]
    assert cyber(regraded) == [
        ("CYBER.missingElement", "warning"),
        ("CYBER.textWithoutFlag", "error"),
        ("CYBER.summary", "info"),
    ]
    assert cyber(incident) == [("CYBER.incidentNotTagged", "warning")]
    assert cyber(plain) == [("CYBER.missingElement", "warning"), ("CYBER.textWithoutFlag", "warning")]
    assert cyber(plain_8k) == []


def test_a_client_cannot_make_the_server_write_a_file(server: Server, variant: Path, folder: Path) -> None:
    new_file = folder / "written-by-a-client.html"
    existing = folder / "existing.json"
    existing.write_text("keep me", encoding="utf-8")

    for target in (new_file, existing):
        log = server.validate(variant, cyberExport=str(target))
        refused = [e for e in log if e["code"] == "CYBER.pathRefused"]
        assert len(refused) == 1 and refused[0]["level"] == "error"
        assert "/rest/cyber" in refused[0]["message"]["text"]
        assert "CYBER.exported" not in [e["code"] for e in log]

    assert not new_file.exists()
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith((".written", ".existing"))) == []


@pytest.mark.parametrize("parameter", ["cyber-export", "cyberexport", "cyber_rules", "cyberSumary"])
def test_a_misspelt_cyber_parameter_is_an_error(
    server: Server, variant: Path, folder: Path, parameter: str
) -> None:
    target = folder / f"misspelt-{parameter}.json"
    log = server.validate(variant, **{parameter: str(target)})

    invalid = [e for e in log if e["code"] == "CYBER.invalidOption"]
    assert len(invalid) == 1 and repr(parameter) in invalid[0]["message"]["text"]
    assert "cyberExport" in invalid[0]["message"]["text"]  # says how the options are spelt
    assert not target.exists()


# The plugin's own route: the export in the response.

CONTENT_TYPES = {
    "json": "application/json; charset=UTF-8",
    "html": "text/html; charset=UTF-8",
    "csv": "text/csv; charset=UTF-8",
    "changes.csv": "text/csv; charset=UTF-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def test_the_route_returns_every_format_with_its_content_type(server: Server, variant: Path) -> None:
    replies = {name: server.get("/rest/cyber", file=str(variant), format=name) for name in CONTENT_TYPES}

    assert {name: (status, kind) for name, (status, kind, _) in replies.items()} == {
        name: (200, kind) for name, kind in CONTENT_TYPES.items()
    }
    document = json.loads(replies["json"][2])
    assert document["documentType"] == "10-K"
    assert [f["code"] for f in document["findings"]] == ["CYBER.missingElement", "CYBER.textWithoutFlag"]
    assert lxml_html.fromstring(replies["html"][2]).xpath("//table[@class='report']")
    assert len(list(csv.reader(replies["csv"][2].decode("utf-8-sig").splitlines()))) == 16
    assert openpyxl.load_workbook(io.BytesIO(replies["xlsx"][2])).sheetnames == [
        "Facts",
        "Findings",
        "Filing",
        "Section",
        "Changes",
    ]
    # Without a prior filing, the changes table is its header alone.
    assert replies["changes.csv"][2].decode("utf-8-sig").splitlines() == [
        ",".join(("table", "table_version", *CHANGES.column_names))
    ]
    # The default format is JSON.
    assert server.get("/rest/cyber", file=str(variant))[1] == CONTENT_TYPES["json"]


def test_the_route_takes_rule_options_and_leaks_nothing_into_the_next_request(
    server: Server, variant: Path, untagged_8k: Path
) -> None:
    _, _, regraded = server.get(
        "/rest/cyber", file=str(variant), cyberRules="-missingElement,textWithoutFlag=error"
    )
    _, _, incident = server.get("/rest/cyber", file=str(untagged_8k), cyber8kItems="1.05")
    after = server.validate(variant)

    findings = [(f["code"], f["severity"]) for f in json.loads(regraded)["findings"]]
    assert findings == [("CYBER.textWithoutFlag", "error")]
    assert [f["code"] for f in json.loads(incident)["findings"]] == ["CYBER.incidentNotTagged"]
    assert cyber(after) == [("CYBER.missingElement", "warning"), ("CYBER.textWithoutFlag", "warning")]
    assert sum(1 for e in after if "] loaded in " in e["message"]["text"]) == 1  # this request's load only


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ({"cyberExport": "/tmp/anything.json"}, 403, "CYBER.pathRefused"),
        ({"cyber-rules": "-missingElement"}, 400, "CYBER.invalidOption"),
        ({"format": "pdf"}, 400, "CYBER.invalidOption"),
        ({"cyberRules": "-noSuchRule"}, 400, "CYBER.invalidOption"),
        ({"cyber8kItems": "1.5x"}, 400, "CYBER.invalidOption"),
        ({"file": ""}, 400, "CYBER.invalidOption"),
        ({"file": "/no/such/filing.htm"}, 422, "CYBER.notAFiling"),
    ],
)
def test_the_route_refuses_bad_requests_with_a_coded_reason(
    server: Server, variant: Path, folder: Path, query: dict[str, str], status: int, code: str
) -> None:
    reply = server.get("/rest/cyber", **({"file": str(variant)} | query))

    assert reply[0] == status and reply[1].startswith("text/plain")
    assert reply[2].decode("utf-8").startswith(f"[{code}]")
    assert not Path("/tmp/anything.json").exists()


def test_a_fifo_or_a_device_named_by_a_client_is_refused_and_the_service_goes_on(
    server: Server, variant: Path, folder: Path
) -> None:
    """Reading a FIFO waits for a writer forever, and /dev/zero never ends: while every run waits for
    the one before, one such request stopped the whole service, Arelle's routes included. Without
    the refusal, the first request below never answers."""
    fifo, zero = folder / "waiting.htm", folder / "zero.htm"
    os.mkfifo(fifo)
    zero.symlink_to("/dev/zero")
    for route, file, kind in [
        ("/rest/cyber", fifo, "a FIFO (named pipe)"),
        ("/rest/xbrl/validation", fifo, "a FIFO (named pipe)"),
        ("/rest/cyber", zero, "a character device"),
    ]:
        address = f"{server.url}{route}?{urllib.parse.urlencode({'file': str(file), 'media': 'json'})}"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(address, timeout=60).close()
        body = refused.value.read().decode("utf-8")
        assert refused.value.code == 422
        assert body == f"[CYBER.notARegularFile] {file} is {kind}, not a regular file: it is not read\n"

    assert server.get("/rest/cyber", file=str(variant))[0] == 200  # the service goes on


def test_a_plugin_named_by_one_request_stays_active_for_the_next(folder: Path, variant: Path) -> None:
    bare = folder / "bare"
    bare.mkdir()
    for server in start_server(bare):
        without = server.validate(variant)
        named = server.validate(variant, plugins="cyber_plugin")
        later = server.validate(variant)

    assert cyber(without) == []
    assert [code for code, _ in cyber(named)] == ["CYBER.missingElement", "CYBER.textWithoutFlag"]
    assert cyber(later) == cyber(named)  # Arelle's behaviour, documented in docs/usage.md


def test_the_documented_requests(server: Server, variant: Path, tmp_path: Path) -> None:
    lines = block_run_by("tests/test_webservice.py::test_the_documented_requests").split("\n")
    # The fixture starts this server (offline, on a free port).
    assert lines[0] == "arelleCmdLine --webserver 127.0.0.1:8080 --plugins cyber_plugin"
    replies = []
    for line in lines[1:]:
        arguments = shlex.split(line)
        assert arguments[0] == "curl"
        address = arguments[-1].replace("http://127.0.0.1:8080", server.url)
        status, content_type, body = server.fetch(address.replace("/path/to/filing.htm", str(variant)))
        assert status == 200
        if "-o" in arguments:
            (tmp_path / arguments[arguments.index("-o") + 1]).write_bytes(body)
        replies.append((content_type, body))

    assert cyber(json.loads(replies[0][1])["log"]) == [("CYBER.textWithoutFlag", "warning")]
    report = lxml_html.fromstring((tmp_path / "filing-cyd.html").read_bytes())
    assert replies[1][0] == CONTENT_TYPES["html"] and report.xpath("//table[@class='report']")


# The limits themselves, without a server.


def test_every_option_that_names_a_path_is_refused_in_the_web_service() -> None:
    parser = OptionParser()
    add_options(parser)
    path_options = {o.dest for g in parser.option_groups for o in g.option_list if o.metavar == "PATH"}

    assert path_options and path_options <= webservice.PATH_OPTIONS
    for name in webservice.PATH_OPTIONS:
        web = SimpleNamespace(webserver="127.0.0.1:8080", **{name: "/tmp/x.json"})
        command_line = SimpleNamespace(webserver=None, **{name: "/tmp/x.json"})
        assert [code for code, _ in webservice.option_problems(web)] == [webservice.PATH_REFUSED]
        assert webservice.option_problems(command_line) == []


# Concurrent requests: one controller serves them one at a time, each from its own models.

# Arelle's default server (wsgiref) answers one connection at a time and its system queues five
# more: further connections at once are dropped and made again only after the system's retry
# delays (seconds each), which tests the system, not the route. cheroot answers from a pool of
# threads, and gets many requests at once.
REQUESTS_AT_ONCE = {"": 6, "cheroot": 48}
SERVER_KINDS = [
    pytest.param("", id="default-server"),
    pytest.param(
        "cheroot",
        id="cheroot",
        marks=pytest.mark.skipif(
            importlib.util.find_spec("cheroot") is None,
            reason="cheroot is not installed (the test extra installs it: pip install -e '.[test]')",
        ),
    ),
]


def at_once(requests: list[Any], ask: Any) -> list[Any]:
    """Every request sent at the same moment, each from its own thread."""
    start = threading.Barrier(len(requests))

    def send(request: Any) -> Any:
        start.wait()
        return ask(request)

    with ThreadPoolExecutor(len(requests)) as pool:
        return list(pool.map(send, requests))


@pytest.fixture(scope="module")
def distinct_filings(folder: Path, variant: Path, untagged_8k: Path) -> list[Path]:
    """The samples and four edited samples: eight different filings, each small, so that the
    requests cost little beyond what they test (the real 10-Ks are read in test_real_filings)."""
    other_20f = InlineVariant(SAMPLE_20F).unwrap("cyd-11").write(folder / "other-20f" / "filing.htm")
    other_8k = replace_text(
        SAMPLE_8K,
        folder / "other-8k" / "filing.htm",
        ("Item 1.05 Material Cybersecurity Incidents.", "Item 8.01 Other Events."),
    )
    return [*ALL_SAMPLES, variant, untagged_8k, other_20f, other_8k]


@pytest.mark.parametrize("kind", SERVER_KINDS)
def test_concurrent_route_requests_are_each_answered_from_their_own_filing(
    kind: str, servers: Callable[[str], Server], distinct_filings: list[Path]
) -> None:
    files = [distinct_filings[n % len(distinct_filings)] for n in range(REQUESTS_AT_ONCE[kind])]
    server = servers(kind)
    alone = {path: server.get("/rest/cyber", file=str(path)) for path in distinct_filings}
    together = at_once(files, lambda path: server.get("/rest/cyber", file=str(path)))

    assert {path: json.loads(reply[2])["source"] for path, reply in alone.items()} == {
        path: str(path) for path in distinct_filings
    }
    wrong = [
        f"{path.name}: {status} {body[:200]!r}"
        for path, (status, _, body) in zip(files, together, strict=True)
        if (status, body) != (200, alone[path][2])
    ]
    assert wrong == [], f"{len(wrong)} of {len(files)} replies are not their own filing's export"


@pytest.mark.parametrize("kind", SERVER_KINDS[1:])  # the default server answers one at a time anyway
def test_concurrent_validations_each_keep_their_own_rule_settings(
    kind: str, servers: Callable[[str], Server], variant: Path, untagged_8k: Path
) -> None:
    asked: list[tuple[Path, dict[str, str]]] = [
        (variant, {}),
        (variant, {"cyberRules": "-CYBER.textWithoutFlag"}),
        (variant, {"cyberRules": "textWithoutFlag=error,missingElement=info"}),
        (untagged_8k, {"cyber8kItems": "1.05"}),
        (untagged_8k, {}),
        (SAMPLE_10K, {"cyberRules": "-missingElement"}),
    ] * 2
    server = servers(kind)
    together = at_once(asked, lambda request: cyber(server.validate(request[0], **request[1])))

    expected = {
        (variant, ""): [("CYBER.missingElement", "warning"), ("CYBER.textWithoutFlag", "warning")],
        (variant, "-CYBER.textWithoutFlag"): [("CYBER.missingElement", "warning")],
        (variant, "textWithoutFlag=error,missingElement=info"): [
            ("CYBER.missingElement", "info"),
            ("CYBER.textWithoutFlag", "error"),
        ],
        (untagged_8k, "1.05"): [("CYBER.incidentNotTagged", "warning")],
        (untagged_8k, ""): [],
        (SAMPLE_10K, "-missingElement"): [],
    }
    for (path, query), findings in zip(asked, together, strict=True):
        assert findings == expected[(path, next(iter(query.values()), ""))], (path, query)


def test_each_thread_runs_with_its_own_settings() -> None:
    """Two runs on one controller at once, as a threaded server makes them: each thread's hooks
    see the settings its own run's options gave, not the other's."""
    from arelle.Cntlr import Cntlr

    cntlr = Cntlr(hasGui=False)
    both_configured = threading.Barrier(2)
    seen: dict[str, Any] = {}

    def run(name: str, rules: str) -> None:
        hooks.configure_run(cntlr, SimpleNamespace(cyberRules=rules, webserver="127.0.0.1:8080"))
        both_configured.wait()
        settings = state.settings_of(cntlr)
        seen[name] = settings.rules.disabled if settings is not None else None

    try:
        threads = [
            threading.Thread(target=run, args=("first", "-CYBER.duplicate")),
            threading.Thread(target=run, args=("second", "-CYBER.missingElement")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        cntlr.close()

    assert seen == {"first": {"CYBER.duplicate"}, "second": {"CYBER.missingElement"}}


# A prior filing sent to the route: its JSON export as the body of a POST.


def test_a_post_compares_the_filing_with_the_prior_filing_s_json_export(
    server: Server, variant: Path
) -> None:
    status, _, body = server.get("/rest/cyber", file=str(variant))
    assert status == 200
    prior = json.loads(body)
    flag = next(fact for fact in prior["facts"] if fact["concept"].endswith("Flag"))
    flag["value"] = not flag["value"]  # last year's value was the other one
    prior["source"] = "last-year.htm"

    status, content_type, body = server.post("/rest/cyber", json.dumps(prior).encode(), file=str(variant))

    assert (status, content_type) == (200, CONTENT_TYPES["json"]), body
    changes = json.loads(body)["changes"]
    assert changes["prior"]["source"] == "last-year.htm"
    assert [(e["concept"], e["change"]) for e in changes["elements"] if e["change"] != "same"] == [
        (flag["concept"], "flag_changed")
    ]
    findings = json.loads(body)["findings"]
    assert [f["code"] for f in findings if f["code"] == "CYBER.flagChanged"] == ["CYBER.flagChanged"]
    # The next request, a GET, is compared with nothing.
    assert json.loads(server.get("/rest/cyber", file=str(variant))[2])["changes"] is None
    status, _, csv_body = server.post(
        "/rest/cyber", json.dumps(prior).encode(), file=str(variant), format="changes.csv"
    )
    assert status == 200 and len(csv_body.decode("utf-8-sig").splitlines()) == 2  # header, one row


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html>not json</html>", "not the prior filing's JSON export"),
        (b'{"format": "something else"}', "is not a cyber-disclosure JSON export"),
        (b"[1, 2]", "is not a cyber-disclosure JSON export"),
    ],
)
def test_a_post_whose_body_is_not_a_json_export_is_refused(
    server: Server, variant: Path, body: bytes, reason: str
) -> None:
    status, _, reply = server.post("/rest/cyber", body, file=str(variant))

    assert status == 400
    assert reply.decode().startswith("[CYBER.priorNotLoaded]") and reason in reply.decode()


def test_the_prior_filing_as_a_path_is_refused_in_the_web_service(server: Server, variant: Path) -> None:
    status, _, reply = server.get("/rest/cyber", file=str(variant), cyberCompare=str(variant))
    log = server.validate(variant, cyberCompare=str(variant))

    assert status == 403 and reply.decode().startswith("[CYBER.pathRefused]")
    refused = [e for e in log if e["code"] == "CYBER.pathRefused"]
    assert len(refused) == 1 and "cyberCompare" in refused[0]["message"]["text"]
    assert not [e for e in log if e["code"] in ("CYBER.compared", "CYBER.flagChanged")]
