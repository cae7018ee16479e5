"""Downloads from EDGAR's archive, against a loopback server with EDGAR's path layout: the
declared user agent, the rate limit shared by processes, retries, and the cache reruns reuse."""

from __future__ import annotations

import gzip
import os
import re
import socket
import subprocess
import sys
import time
import tracemalloc
import zlib
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

from cyber_plugin.edgar.downloads import (
    EdgarSettings,
    Fetcher,
    FetchError,
    UserAgentError,
    apply_to_web_cache,
    cache_path,
    check_user_agent,
    parse_archive_url,
)
from cyber_plugin.edgar.leftovers import PARTIAL_FOLDER, remove_leftovers

from .support.edgar_server import Archive, ArchiveHandler

USER_AGENT = "Example Research Lab research@example.com"
FOLDER = "/Archives/edgar/data/310764/000119312526149607/"
SUBMISSION = "/Archives/edgar/data/310764/000119312526149607/0001193125-26-149607.txt"


def settings_for(archive: Archive, cache: Path, **changes: object) -> EdgarSettings:
    values: dict[str, object] = {"backoff_seconds": 0.05, "timeout_seconds": 10.0} | changes
    return EdgarSettings(USER_AGENT, str(cache), archive.base_url, **values)  # type: ignore[arg-type]


def fetch_all(settings: EdgarSettings, urls: list[str]) -> list[str]:
    """One worker process's downloads."""
    fetcher = Fetcher(settings)
    return [str(fetcher.fetch(url)) for url in urls]


def test_fetch_downloads_into_arelles_cache_layout(archive: Archive, tmp_path: Path) -> None:
    archive.files[FOLDER + "syk-20260311.htm"] = b"<html>the 8-K</html>"
    url = archive.base_url + FOLDER + "syk-20260311.htm"

    path = Fetcher(settings_for(archive, tmp_path)).fetch(url)

    port = archive.base_url.rpartition(":")[2]
    assert path == tmp_path / "http" / "127.0.0.1" / f"^port{port}" / FOLDER.strip("/") / "syk-20260311.htm"
    assert path.read_bytes() == b"<html>the 8-K</html>"
    assert archive.requests[0][1:] == (FOLDER + "syk-20260311.htm", USER_AGENT)
    assert sorted(p.name for p in path.parent.iterdir()) == ["syk-20260311.htm"]  # no partial or lock file


def test_a_folder_url_fetches_the_full_submission(archive: Archive, tmp_path: Path) -> None:
    archive.files[SUBMISSION] = b"<SEC-DOCUMENT>"

    path = Fetcher(settings_for(archive, tmp_path)).fetch(archive.base_url + FOLDER)

    assert archive.paths() == [SUBMISSION]
    assert path.name == "0001193125-26-149607.txt"


def test_rerun_reads_the_cache_without_asking_the_server(archive: Archive, tmp_path: Path) -> None:
    archive.files[SUBMISSION] = b"<SEC-DOCUMENT>"
    first = Fetcher(settings_for(archive, tmp_path)).fetch(archive.base_url + SUBMISSION)
    archive.files.clear()  # a second request would now fail

    again = Fetcher(settings_for(archive, tmp_path)).fetch(archive.base_url + SUBMISSION)

    assert again == first and again.read_bytes() == b"<SEC-DOCUMENT>"
    assert archive.paths() == [SUBMISSION]


@pytest.mark.parametrize(
    "failures", [["429"], ["503", "503"], ["drop"], ["cut"], ["drop", "429", "cut"]], ids="-".join
)
def test_busy_server_and_dropped_connections_are_retried(
    failures: list[str], archive: Archive, tmp_path: Path
) -> None:
    archive.files[SUBMISSION] = b"<SEC-DOCUMENT>" * 1000
    archive.failures[SUBMISSION] = list(failures)

    path = Fetcher(settings_for(archive, tmp_path)).fetch(archive.base_url + SUBMISSION)

    assert path.read_bytes() == b"<SEC-DOCUMENT>" * 1000
    assert archive.paths() == [SUBMISSION] * (len(failures) + 1)
    if "429" in failures:  # the server's Retry-After: 1 was obeyed (its clock, not ours)
        index = failures.index("429")
        assert archive.requests[index + 1][0] - archive.requests[index][0] >= 1.0


def test_retries_back_off_exponentially(archive: Archive, tmp_path: Path) -> None:
    archive.files[SUBMISSION] = b"<SEC-DOCUMENT>"
    archive.failures[SUBMISSION] = ["drop", "drop"]

    Fetcher(settings_for(archive, tmp_path, backoff_seconds=0.1)).fetch(archive.base_url + SUBMISSION)

    first, second, third = (moment for moment, _, _ in archive.requests)
    assert second - first >= 0.1 and third - second >= 0.2  # on the server's clock


def test_retries_end_with_a_clear_failure(archive: Archive, tmp_path: Path) -> None:
    archive.files[SUBMISSION] = b"<SEC-DOCUMENT>"
    archive.failures[SUBMISSION] = ["503"] * 3

    with pytest.raises(
        FetchError, match=r"could not download .*: HTTP 503 Service Unavailable \(3 attempts\)"
    ):
        Fetcher(settings_for(archive, tmp_path, attempts=3)).fetch(archive.base_url + SUBMISSION)
    assert len(archive.requests) == 3
    assert not cache_path(archive.base_url + SUBMISSION, tmp_path).exists()


def test_missing_file_is_not_retried(archive: Archive, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"is not in EDGAR's archive \(HTTP 404\)"):
        Fetcher(settings_for(archive, tmp_path)).fetch(archive.base_url + SUBMISSION)
    assert len(archive.requests) == 1


def test_too_long_a_wait_fails_instead_of_stalling(archive: Archive, tmp_path: Path) -> None:
    archive.failures[SUBMISSION] = ["429"]  # Retry-After: 1

    with pytest.raises(FetchError, match="EDGAR asks to wait 1 s before asking again"):
        Fetcher(settings_for(archive, tmp_path, longest_wait_seconds=0.5)).fetch(
            archive.base_url + SUBMISSION
        )


def test_download_larger_than_the_limit_leaves_nothing(archive: Archive, tmp_path: Path) -> None:
    archive.files[SUBMISSION] = b"x" * 200_000

    with pytest.raises(FetchError, match="is larger than the download limit, 100000 bytes"):
        Fetcher(settings_for(archive, tmp_path, max_bytes=100_000)).fetch(archive.base_url + SUBMISSION)
    assert [p.name for p in cache_path(archive.base_url + SUBMISSION, tmp_path).parent.iterdir()] == []
    assert list((tmp_path / PARTIAL_FOLDER).iterdir()) == []


def test_gzip_encoded_answer_is_stored_decoded(archive: Archive, tmp_path: Path) -> None:
    archive.files[SUBMISSION] = gzip.compress(b"<SEC-DOCUMENT>")
    original = ArchiveHandler.send_response

    def with_encoding(handler: ArchiveHandler, code: int, message: str | None = None) -> None:
        original(handler, code, message)
        if code == 200:
            handler.send_header("Content-Encoding", "gzip")

    ArchiveHandler.send_response = with_encoding  # type: ignore[method-assign]
    try:
        path = Fetcher(settings_for(archive, tmp_path)).fetch(archive.base_url + SUBMISSION)
    finally:
        ArchiveHandler.send_response = original  # type: ignore[method-assign]
    assert path.read_bytes() == b"<SEC-DOCUMENT>"


def test_worker_processes_share_one_rate_limit(archive: Archive, tmp_path: Path) -> None:
    """Three processes, as cyber-extract's workers are started, download 15 files (unlimited, they
    would ask for them within a second): the server never sees more than 10 requests within one
    second (of its own clock)."""
    paths = [f"{FOLDER}file-{index:02}.htm" for index in range(15)]
    archive.files.update({path: path.encode() for path in paths})
    settings = settings_for(archive, tmp_path)
    shares = [[archive.base_url + path for path in paths[worker::3]] for worker in range(3)]

    with ProcessPoolExecutor(3, mp_context=get_context("spawn")) as pool:
        fetched = [path for share in pool.map(fetch_all, [settings] * 3, shares) for path in share]

    assert sorted(Path(path).read_bytes().decode() for path in fetched) == paths
    times = sorted(moment for moment, _, _ in archive.requests)
    assert len(times) == 15
    busiest = max(sum(1 for other in times if start <= other < start + 1.0) for start in times)
    assert busiest <= 10


def test_no_request_without_a_declared_user_agent(archive: Archive, tmp_path: Path) -> None:
    for user_agent in (
        "",
        "   ",
        "python-requests/2.32",
        "Mozilla/5.0 (Arelle/2.47) Email/NotRegistered@arelle.org",
    ):
        with pytest.raises(UserAgentError, match=r'give --user-agent "Your Name or Company you@example.com"'):
            Fetcher(EdgarSettings(user_agent, str(tmp_path), archive.base_url))
    assert archive.requests == []
    assert check_user_agent(f"  {USER_AGENT} ") == USER_AGENT


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"https://www.sec.gov{FOLDER}syk-20260311.htm", f"https://www.sec.gov{FOLDER}syk-20260311.htm"),
        (f"https://www.sec.gov{FOLDER}", f"https://www.sec.gov{SUBMISSION}"),
        (f"https://www.sec.gov{FOLDER.rstrip('/')}", f"https://www.sec.gov{SUBMISSION}"),
        (
            "https://www.sec.gov/Archives/edgar/data/310764/0001193125-26-149607.txt",
            "https://www.sec.gov/Archives/edgar/data/310764/0001193125-26-149607.txt",
        ),
        (
            f"https://www.sec.gov/ix?doc={FOLDER}syk-20260311.htm",
            f"https://www.sec.gov{FOLDER}syk-20260311.htm",
        ),
    ],
)
def test_archive_urls(url: str, expected: str) -> None:
    parsed = parse_archive_url(url)

    assert parsed is not None
    assert (parsed.cik, parsed.accession, parsed.document_url) == ("310764", "0001193125-26-149607", expected)


@pytest.mark.parametrize(
    "url",
    [
        f"https://example.com{FOLDER}syk-20260311.htm",  # another origin than the configured one
        f"http://www.sec.gov{FOLDER}syk-20260311.htm",
        f"https://www.sec.gov{FOLDER}../../../../etc/passwd",
        f"https://www.sec.gov{FOLDER}sub/file.htm",
        f"https://www.sec.gov{FOLDER}%2e%2e",
        f"https://www.sec.gov{FOLDER}file.htm?x=1",
        "https://www.sec.gov/Archives/edgar/data/310764/00011931252614960/file.htm",
        "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany",
        "/Archives/edgar/data/310764/000119312526149607/file.htm",
    ],
)
def test_other_urls_are_refused(url: str, tmp_path: Path) -> None:
    assert parse_archive_url(url) is None
    with pytest.raises(FetchError, match="is not an EDGAR archive URL"):
        Fetcher(EdgarSettings(USER_AGENT, str(tmp_path))).fetch(url)


def test_arelles_web_cache_finds_the_download_and_follows_the_same_rules(
    archive: Archive, tmp_path: Path
) -> None:
    """Arelle's own downloads (a filing's schemas) carry the user agent, pass through the shared
    rate limit, and a cached file is never asked for again; Arelle finds the fetcher's files."""
    from arelle.CntlrCmdLine import CntlrCmdLine

    archive.files[FOLDER + "syk-20260311.htm"] = b"<html>the 8-K</html>"
    archive.files[FOLDER + "syk-20260311.xsd"] = b"<schema/>"
    archive.failures[FOLDER + "syk-20260311.xsd"] = ["429"]
    settings = settings_for(archive, tmp_path)
    downloaded = Fetcher(settings).fetch(archive.base_url + FOLDER + "syk-20260311.htm")

    for _ in range(2):  # a second controller, as in a rerun, asks the server nothing
        cntlr = CntlrCmdLine(disable_persistent_config=True)
        try:
            apply_to_web_cache(cntlr.webCache, settings)
            apply_to_web_cache(cntlr.webCache, settings)  # installed once however often applied
            assert cntlr.webCache.getfilename(archive.base_url + FOLDER + "syk-20260311.htm") == str(
                downloaded
            )
            schema = cntlr.webCache.getfilename(archive.base_url + FOLDER + "syk-20260311.xsd")
        finally:
            cntlr.close()
        assert schema == str(cache_path(archive.base_url + FOLDER + "syk-20260311.xsd", tmp_path))

    assert Path(schema).read_bytes() == b"<schema/>"
    assert [(path, agent) for _, path, agent in archive.requests] == [
        (FOLDER + "syk-20260311.htm", USER_AGENT),
        (FOLDER + "syk-20260311.xsd", USER_AGENT),  # answered 429, Retry-After: 1
        (FOLDER + "syk-20260311.xsd", USER_AGENT),
    ]
    assert archive.requests[2][0] - archive.requests[1][0] >= 1.0


def test_a_redirect_to_another_origin_is_refused_and_nothing_cached(archive: Archive, tmp_path: Path) -> None:
    """localhost is another origin than 127.0.0.1, though the same server: what it would answer is
    not EDGAR's file."""
    elsewhere = archive.base_url.replace("127.0.0.1", "localhost") + FOLDER + "elsewhere.htm"
    archive.redirects[SUBMISSION] = elsewhere
    archive.files[FOLDER + "elsewhere.htm"] = b"<html>another company's filing</html>"

    refusal = rf"redirects to another origin \({re.escape(elsewhere)}\); not followed"
    with pytest.raises(FetchError, match=refusal):
        Fetcher(settings_for(archive, tmp_path)).fetch(archive.base_url + SUBMISSION)

    assert archive.paths() == [SUBMISSION]  # the foreign answer was never asked for
    assert list(cache_path(archive.base_url + SUBMISSION, tmp_path).parent.iterdir()) == []


def test_a_redirect_within_the_origin_is_followed(archive: Archive, tmp_path: Path) -> None:
    archive.redirects[SUBMISSION] = FOLDER + "moved.txt"  # a relative Location, resolved against the URL
    archive.files[FOLDER + "moved.txt"] = b"<SEC-DOCUMENT>"

    path = Fetcher(settings_for(archive, tmp_path)).fetch(archive.base_url + SUBMISSION)

    assert path.read_bytes() == b"<SEC-DOCUMENT>"
    assert [(path, agent) for _, path, agent in archive.requests] == [
        (SUBMISSION, USER_AGENT),
        (FOLDER + "moved.txt", USER_AGENT),
    ]


def gzip_of_zeros(mebibytes: int) -> bytes:
    """A gzip stream of `mebibytes` MiB of zero bytes (about a thousandth of that), made a MiB at a time."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    return b"".join(compressor.compress(zeros) for _ in range(mebibytes)) + compressor.flush()


@pytest.mark.parametrize(("decoded_mib", "limit_mib"), [(64, 1024), (64, 16)], ids=["kept", "too-large"])
def test_a_gzip_bomb_costs_no_more_memory_than_a_block(
    decoded_mib: int, limit_mib: int, archive: Archive, tmp_path: Path
) -> None:
    """A 64 KiB answer that decodes to 64 MiB, eight times the peak allowed: decoded a block at a
    time, whether it is kept (within the limit) or refused (over it)."""
    archive.files[SUBMISSION] = gzip_of_zeros(decoded_mib)
    original = ArchiveHandler.send_response

    def with_encoding(handler: ArchiveHandler, code: int, message: str | None = None) -> None:
        original(handler, code, message)
        if code == 200:
            handler.send_header("Content-Encoding", "gzip")

    fetcher = Fetcher(settings_for(archive, tmp_path, max_bytes=limit_mib << 20))
    ArchiveHandler.send_response = with_encoding  # type: ignore[method-assign]
    tracemalloc.start()
    try:
        if decoded_mib <= limit_mib:
            assert fetcher.fetch(archive.base_url + SUBMISSION).stat().st_size == decoded_mib << 20
        else:
            with pytest.raises(FetchError, match=f"is larger than the download limit, {limit_mib} MiB"):
                fetcher.fetch(archive.base_url + SUBMISSION)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        ArchiveHandler.send_response = original  # type: ignore[method-assign]
    assert peak < 8 << 20, f"{peak / (1 << 20):.0f} MiB at the peak"


def test_partial_downloads_of_processes_gone_are_removed_and_others_kept(tmp_path: Path) -> None:
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()  # its process id names no process now
    killed = subprocess.Popen(["sleep", "60"])
    killed.kill()  # not reaped: a zombie, as a killed worker whose parent was killed too can stay
    while Path(f"/proc/{killed.pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z":
        time.sleep(0.01)
    host = socket.gethostname()
    folder = tmp_path / PARTIAL_FOLDER
    folder.mkdir()
    gone = [folder / f"{ended.pid}@{host}-k7x2.part", folder / f"{killed.pid}@{host}-z0mb.part"]
    running = folder / f"{os.getpid()}@{host}-a1b2.part"
    other_host = folder / f"{ended.pid}@{host}.elsewhere-c3d4.part"  # its processes cannot be asked
    for path in (*gone, running, other_host):
        path.write_bytes(b"<html>")

    try:
        removed = remove_leftovers(tmp_path, tmp_path / "no-unpacked-folders")
    finally:
        killed.wait()

    assert removed == sorted(gone)
    assert sorted(folder.iterdir()) == sorted([running, other_host])


def test_a_download_is_written_apart_and_renamed_onto_its_file(archive: Archive, tmp_path: Path) -> None:
    archive.files[SUBMISSION] = b"<SEC-DOCUMENT>" * 100_000
    archive.failures[SUBMISSION] = ["cut", "cut"]

    path = Fetcher(settings_for(archive, tmp_path)).fetch(archive.base_url + SUBMISSION)

    assert path.read_bytes() == b"<SEC-DOCUMENT>" * 100_000
    assert list((tmp_path / PARTIAL_FOLDER).iterdir()) == []  # the cut answers' partial files removed
