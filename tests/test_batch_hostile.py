"""cyber-extract on hostile and careless inputs: a directory holding a link to /dev/zero, a FIFO and
archives whose entries name files outside them; the same special files named on the command line;
@FILE lists that name each other; a cache directory that does not exist yet.

Each case is a clear record or message, the run takes seconds and little memory, and no file
outside the inputs is read: the archives' entries name a file that exists outside them, holding
another company's filing, whose name would show up in a record if it were read.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from cyber_plugin.batch.screening import entry_outside, leads_outside

from .support.extract import common_options, read_records, run_extract
from .support.paths import CYBER_EXTRACT, SAMPLE_10K, SAMPLE_20F

OUTSIDE_COMPANY = "Lumen Crest Holdings Limited"  # the 20-F sample's registrant
ENTRY_COMPANY = "Harbor Point Analytics, Inc."  # the 10-K sample's: what the archives hold
MAX_SECONDS = 5.0
MAX_MEMORY_MB = 250
CHARACTER_DEVICE = "a character device, not a regular file"
FIFO = "a FIFO (named pipe), not a regular file"
OUTSIDE = (
    "names a file outside the archive (an absolute path or '..'); Arelle would read the file at that "
    "place on disk"
)

# Runs a command with at most 4 GiB of address space (so that a run reading /dev/zero fails instead of
# taking the machine's memory), in its own process group (killed whole after 60 s), and prints what
# happened as JSON, with the largest resident size among its processes.
MEASURED = """
import json, os, resource, signal, subprocess, sys, time
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
started = time.monotonic()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)
try:
    stdout, stderr = process.communicate(timeout=60)
except subprocess.TimeoutExpired:
    os.killpg(process.pid, signal.SIGKILL)
    stdout, stderr = process.communicate()
    stderr += "\\n(killed after 60 s)"
seconds = time.monotonic() - started
rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"returncode": process.returncode, "stdout": stdout, "stderr": stderr,
                  "seconds": seconds, "rss_mb": rss_mb}))
"""


def run_measured(*arguments: str | Path, cwd: Path) -> dict[str, Any]:
    command = [str(CYBER_EXTRACT), *map(str, arguments), *common_options()]
    completed = subprocess.run(
        [sys.executable, "-c", MEASURED, *command], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def zip_with(path: Path, entry: str, content: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo(entry), content)  # a ZipInfo keeps the name as given
    return path


def tar_gz_with(path: Path, entry: str, content: bytes) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        member = tarfile.TarInfo(entry)
        member.size = len(content)
        archive.addfile(member, io.BytesIO(content))
    return path


def test_a_hostile_directory_takes_seconds_and_reads_nothing_outside_the_inputs(tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "other.htm"  # another company's filing, beside the inputs
    outside.parent.mkdir()
    shutil.copy(SAMPLE_20F, outside)
    filings = tmp_path / "filings"
    filings.mkdir()
    (filings / "zero.htm").symlink_to("/dev/zero")
    os.mkfifo(filings / "fifo.txt")
    entry = SAMPLE_10K.read_bytes()  # read as the entry, the record would name its company
    # filings/slip.zip/../../outside/other.htm is outside/other.htm
    zip_with(filings / "slip.zip", "../../outside/other.htm", entry)
    zip_with(filings / "absolute.zip", str(outside), entry)
    zip_with(filings / "backslashes.zip", "..\\..\\outside\\other.htm", entry)
    slip_tar = tar_gz_with(tmp_path / "slip.tar.gz", "../outside/other.htm", entry)  # named: not searched
    named = [filings / "zero.htm", filings / "fifo.txt", slip_tar]

    run = run_measured(filings, *named, "-o", "cyd.jsonl", "--jobs", "2", cwd=tmp_path)

    assert run["returncode"] == 0, run["stderr"]
    assert run["seconds"] < MAX_SECONDS and run["rss_mb"] < MAX_MEMORY_MB, run
    assert "Traceback" not in run["stderr"]
    for name, kind in [("zero.htm", CHARACTER_DEVICE), ("fifo.txt", FIFO)]:  # the directory's skip lines
        assert f"cyber-extract: warning: skipped {filings / name}: {kind}\n" in run["stderr"]
    records = {Path(record["source"]).name: record for record in read_records(tmp_path / "cyd.jsonl")}
    assert records["zero.htm"]["error"] == f"cannot read the file: {CHARACTER_DEVICE}"
    assert records["fifo.txt"]["error"] == f"cannot read the file: {FIFO}"
    for name, entry_name in [
        ("slip.zip", "../../outside/other.htm"),
        ("absolute.zip", str(outside)),
        ("backslashes.zip", "..\\..\\outside\\other.htm"),
        ("slip.tar.gz", "../outside/other.htm"),
    ]:
        assert (
            records[name]["error"]
            == f"refused: the archive's entry {entry_name!r} {OUTSIDE} instead of the entry"
        )
        assert records[name]["sha256"] is not None  # a regular file: its content is known
    assert sorted(records) == sorted(
        ["zero.htm", "fifo.txt", "slip.zip", "absolute.zip", "backslashes.zip", "slip.tar.gz"]
    )
    dataset = (tmp_path / "cyd.jsonl").read_text(encoding="utf-8")
    assert OUTSIDE_COMPANY not in dataset and ENTRY_COMPANY not in dataset
    assert "with 0 workers" in run["stdout"]  # nothing needed Arelle


def test_a_safe_archive_beside_them_is_read(tmp_path: Path) -> None:
    """The same run reads what it should: an archive whose entry is a plain name, and the inputs
    refused before do not stop it."""
    os.mkfifo(tmp_path / "fifo.htm")
    safe = zip_with(tmp_path / "safe.zip", "10-k/filing.htm", SAMPLE_10K.read_bytes())

    result = run_extract(safe, tmp_path / "fifo.htm", "-o", "cyd.jsonl", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    records = {Path(record["source"]).name: record for record in read_records(tmp_path / "cyd.jsonl")}
    assert records["safe.zip"]["entity"]["name"] == ENTRY_COMPANY and "error" not in records["safe.zip"]
    assert records["fifo.htm"]["error"] == f"cannot read the file: {FIFO}"


@pytest.mark.parametrize(
    ("entry", "outside"),
    [
        ("../other.htm", True),
        ("filing/../../other.htm", True),
        ("filing/../other.htm", True),  # stays inside, but a '..' part is refused whatever it leads to
        ("/etc/passwd", True),
        ("\\windows\\other.htm", True),
        ("..\\other.htm", True),
        ("C:/other.htm", True),
        ("C:other.htm", True),
        ("//server/share/other.htm", True),
        ("filing.htm", False),
        ("10-k/filing.htm", False),
        ("10-k/", False),
        ("a..b.htm", False),
        (".hidden/filing.htm", False),
    ],
)
def test_entry_names_that_lead_outside_an_archive(entry: str, outside: bool) -> None:
    assert leads_outside(entry) is outside


def test_archives_are_told_as_arelle_tells_them(tmp_path: Path) -> None:
    """A ZIP whatever its name (Arelle looks at the content), a .tar.gz by its name."""
    disguised = zip_with(tmp_path / "filing.htm", "../x.htm", b"<html/>")
    tar = tar_gz_with(tmp_path / "filing.tar.gz", "../x.htm", b"<html/>")
    renamed = tar.rename(tmp_path / "filing.tgz")  # not an archive to Arelle

    with open(disguised, "rb") as stream:
        assert entry_outside(stream, disguised.name) == "../x.htm"
    with open(renamed, "rb") as stream:
        assert entry_outside(stream, "filing.tar.gz") == "../x.htm"
        assert entry_outside(stream, renamed.name) is None
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    with open(broken, "rb") as stream:
        assert entry_outside(stream, broken.name) is None  # Arelle reports a damaged archive itself


@pytest.mark.parametrize(
    ("lists", "expected"),
    [
        ({"list.txt": "@list.txt\n"}, "the @FILE list 'list.txt' names itself"),
        (
            {"a.txt": "# a\n@b.txt\n", "b.txt": "@c.txt\n", "c.txt": "@a.txt\n"},
            "@FILE lists name each other in a circle: @a.txt -> @b.txt -> @c.txt -> @a.txt",
        ),
        ({"a.txt": "@fifo\n"}, f"cannot read the @FILE list 'fifo': {FIFO}"),
    ],
    ids=["itself", "circle", "fifo"],
)
def test_lists_that_name_each_other_or_a_fifo_are_usage_errors(
    lists: dict[str, str], expected: str, tmp_path: Path
) -> None:
    for name, content in lists.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo")
    before = sorted(tmp_path.iterdir())

    started = time.monotonic()
    result = run_extract(SAMPLE_10K, "-o", "cyd.jsonl", f"@{next(iter(lists))}", cwd=tmp_path)

    assert result.returncode == 2 and time.monotonic() - started < 60
    assert f"cyber-extract: error: {expected}\n" in result.stderr and "Traceback" not in result.stderr
    assert sorted(tmp_path.iterdir()) == before


def test_a_list_may_name_another_list_more_than_once(tmp_path: Path) -> None:
    """Only a circle is refused: the same list twice, side by side, is read twice."""
    (tmp_path / "samples.txt").write_text(f"{SAMPLE_10K}\n", encoding="utf-8")
    (tmp_path / "all.txt").write_text("@samples.txt\n@samples.txt\n", encoding="utf-8")

    result = run_extract("@all.txt", "-o", "cyd.jsonl", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert [record["source"] for record in read_records(tmp_path / "cyd.jsonl")] == [str(SAMPLE_10K)]


def test_a_cache_directory_that_does_not_exist_yet_is_created(tmp_path: Path) -> None:
    cache = tmp_path / "new" / "cache"

    result = subprocess.run(
        [
            str(CYBER_EXTRACT),
            str(SAMPLE_10K),
            "-o",
            "cyd.jsonl",
            "--offline",
            "--cache-directory",
            str(cache),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert cache.is_dir()
    [record] = read_records(tmp_path / "cyd.jsonl")
    assert (
        "error" not in record and len(record["facts"]) == 16
    )  # schemas unloaded: the facts are read all the same


def test_a_cache_directory_that_cannot_be_one_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file", encoding="utf-8")

    result = subprocess.run(
        [str(CYBER_EXTRACT), str(SAMPLE_10K), "-o", "cyd.jsonl", "--cache-directory", "cache/sub"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 2
    assert f"--cache-directory '{tmp_path / 'cache' / 'sub'}' cannot be made a directory: " in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cache"]


def test_an_output_that_is_a_fifo_is_a_usage_error_not_a_wait(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "cyd.jsonl")

    result = subprocess.run(
        [str(CYBER_EXTRACT), str(SAMPLE_10K), "-o", "cyd.jsonl", *common_options()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert f"cyber-extract: error: cannot read '{tmp_path / 'cyd.jsonl'}': {FIFO}\n" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cyd.jsonl"]  # its lock file removed
