"""One cyber-extract run at a time writes an output: a second run on it stops at once (exit status
2) naming the running one; a killed run's lock, partial downloads and unpacked folders are taken
over or removed by the next run.

The first run is held mid-download by the loopback EDGAR server (it answers half the document, then
waits), so it is certainly running while the second starts.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path

from .support.edgar_server import Archive
from .support.extract import read_records, read_rows, run_extract
from .support.paths import CYBER_EXTRACT, SAMPLE_8K, SAMPLE_10K

USER_AGENT = "Example Research Lab research@example.com"
DOCUMENT = "/Archives/edgar/data/1999902/000199990225000011/hpa-20241231.htm"
OUTPUTS = ("cyd.jsonl", "cyd.csv", "tables/")


def start_held_run(archive: Archive, cwd: Path, *outputs: str) -> subprocess.Popen[str]:
    """cyber-extract reading the served document, held by the server after its first half (which
    is over a download block, so that a partial file is written), in its own process group."""
    padding = b"\n<!-- " + b"padding " * 40_000 + b"-->\n"  # about 320 kB
    archive.files[DOCUMENT] = SAMPLE_10K.read_bytes() + padding
    archive.failures[DOCUMENT] = ["hold"]
    process = subprocess.Popen(
        [str(CYBER_EXTRACT), archive.base_url + DOCUMENT, *edgar_options(archive, cwd), "--jobs", "1"]
        + [argument for output in outputs for argument in ("-o", output)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not list((cwd / "cache").rglob("*.part")):  # the worker has written the first block
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the download never started"
        time.sleep(0.05)
    return process


def edgar_options(archive: Archive, cwd: Path) -> list[str]:
    return [
        "--user-agent",
        USER_AGENT,
        "--edgar-base-url",
        archive.base_url,
        "--offline",
        "--cache-directory",
        str(cwd / "cache"),
    ]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` but the cache, by relative path, with its content."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "cache" not in path.relative_to(folder).parts
    }


def test_a_second_run_on_an_output_stops_at_once_naming_the_running_one(
    archive: Archive, tmp_path: Path
) -> None:
    before_start = datetime.now().astimezone() - timedelta(seconds=1)
    first = start_held_run(archive, tmp_path, *OUTPUTS)
    held = snapshot(tmp_path)
    assert sorted(held) == [
        *("cyd.csv", "cyd.csv.lock", "cyd.csv.settings.json"),
        *("cyd.jsonl", "cyd.jsonl.lock", "cyd.jsonl.settings.json"),
        *("tables.lock", "tables/cyber-extract-settings.json", "tables/records.jsonl"),
    ]
    try:
        for outputs, busy in [
            (["cyd.jsonl"], "cyd.jsonl"),
            (["tables/"], "tables"),  # a directory output
            (["other.jsonl", "cyd.csv"], "cyd.csv"),  # several outputs, one of them busy
        ]:
            second = run_extract(SAMPLE_8K, *[a for output in outputs for a in ("-o", output)], cwd=tmp_path)

            assert second.returncode == 2 and "Traceback" not in second.stderr
            message = second.stderr.splitlines()[-1]
            named = (
                f"cyber-extract: error: '{tmp_path / busy}' is being written by another cyber-extract run "
                f"(process {first.pid} on {socket.gethostname()}, started "
            )
            assert message.startswith(named), message
            started = datetime.fromisoformat(message[len(named) :].partition(")")[0])
            assert before_start <= started <= datetime.now().astimezone()
            assert message.endswith(
                "); nothing was read or written. Wait for it to end, or give another output."
            )
            assert snapshot(tmp_path) == held  # nothing of the second run, not even a lock of other.jsonl
    finally:
        archive.release.set()  # the first run's download goes on: it has to ask again
    _, stderr = first.communicate(timeout=120)

    assert first.returncode == 0, stderr
    assert [len(read_records(tmp_path / "cyd.jsonl")), len(read_rows(tmp_path / "cyd.csv")[1])] == [1, 1]
    assert not list(tmp_path.glob("*.lock")) and not list((tmp_path / "cache").rglob("*.part"))


def test_a_killed_runs_lock_and_partial_download_are_taken_over_by_the_next_run(
    archive: Archive, tmp_path: Path
) -> None:
    first = start_held_run(archive, tmp_path, "cyd.jsonl", "tables/")
    os.killpg(first.pid, signal.SIGKILL)  # the parent and its worker: no chance to tidy up
    first.communicate()
    left = sorted(path.name for path in tmp_path.glob("*.lock"))
    assert left == ["cyd.jsonl.lock", "tables.lock"] and list((tmp_path / "cache").rglob("*.part"))

    # Another input: the partial download is removed at the start, not when its URL comes again.
    after = subprocess.run(
        [
            str(CYBER_EXTRACT),
            str(SAMPLE_8K),
            "-o",
            "cyd.jsonl",
            "-o",
            "tables/",
            *edgar_options(archive, tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert after.returncode == 0, after.stderr
    for output in ("cyd.jsonl", "tables"):
        assert (
            f"cyber-extract: warning: '{tmp_path / output}' was locked by a run that ended without "
            f"releasing it (process {first.pid} on {socket.gethostname()}, started "
        ) in after.stderr
    assert not list(tmp_path.glob("*.lock"))
    assert not list((tmp_path / "cache").rglob("*.part"))
    assert [record["source"] for record in read_records(tmp_path / "cyd.jsonl")] == [str(SAMPLE_8K)]

    archive.release.set()
    again = subprocess.run(  # the killed run's filing, read now
        [
            str(CYBER_EXTRACT),
            archive.base_url + DOCUMENT,
            "-o",
            "cyd.jsonl",
            *edgar_options(archive, tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert again.returncode == 0, again.stderr
    records = read_records(tmp_path / "cyd.jsonl")
    assert [record["source"] for record in records] == [str(SAMPLE_8K), archive.base_url + DOCUMENT]
    assert "error" not in records[1] and records[1]["entity"]["name"] == "Harbor Point Analytics, Inc."
    assert not list((tmp_path / "cache").rglob("*.htm.lock"))  # the killed download's lock file too


def test_folders_a_killed_run_unpacked_submissions_into_are_removed_at_the_start(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    ended = subprocess.Popen(["true"])
    ended.wait()
    left = temporary / f"cyber-submission-{ended.pid}-q9z1"
    (left / "nested").mkdir(parents=True)
    (left / "nested" / "primary.htm").write_text("<html/>", encoding="utf-8")

    result = subprocess.run(
        [str(CYBER_EXTRACT), str(SAMPLE_8K), "-o", "cyd.jsonl", "--offline"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "TMPDIR": str(temporary)},
    )

    assert result.returncode == 0, result.stderr
    assert not left.exists()


def test_an_output_in_a_folder_that_does_not_exist_is_a_usage_error_and_no_folder_appears(
    tmp_path: Path,
) -> None:
    result = run_extract(SAMPLE_8K, "-o", "tables/", "-o", "mistyped/cyd.jsonl", cwd=tmp_path)

    assert result.returncode == 2
    missing = tmp_path / "mistyped"
    assert f"cannot write '{missing / 'cyd.jsonl'}': the folder '{missing}' does not exist\n" in result.stderr
    assert list(tmp_path.iterdir()) == []
