"""Every command the README shows is run by a named test or marked with what the tests cannot
have (see tests/readme.py); the README's demo, command-line and batch examples run here as written."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO, SAMPLE_8K, SAMPLE_10K, SAMPLE_20F, SAMPLES
from .readme import COMMAND_LANGUAGES, Block, block_run_by, blocks

THIS = "tests/test_readme_commands.py"


def problems(found: list[Block], text: str) -> list[str]:
    """What keeps the README's commands from being accounted for, one line each."""
    found_problems = []
    for block in found:
        where = f"README line {block.line}"
        if not block.language:
            found_problems.append(f"{where}: a code block without a language")
        elif block.language in COMMAND_LANGUAGES and not (block.run_by or block.reason):
            found_problems.append(f"{where}: no '<!-- run by tests/...::test -->' or '<!-- not run: ... -->'")
        elif block.run_by:
            path, _, name = block.run_by.partition("::")
            source = REPO / path
            if not source.is_file() or f"def {name}(" not in source.read_text(encoding="utf-8"):
                found_problems.append(f"{where}: {block.run_by} does not exist")
    inside_fence = False
    previous = ""
    for number, line in enumerate(text.split("\n"), start=1):
        inside_fence ^= line.startswith("```")
        if not inside_fence and line.startswith("    ") and not previous.strip():
            found_problems.append(f"README line {number}: an indented code block (fence it, with a language)")
        previous = line
    return found_problems


def test_every_readme_command_is_run_by_a_test_or_marked() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")

    assert problems(blocks(text), text) == []
    marked = [b for b in blocks(text) if b.language in COMMAND_LANGUAGES]
    assert sum(1 for b in marked if b.run_by) >= 7 and sum(1 for b in marked if b.reason) >= 3


def test_the_check_finds_each_kind_of_gap() -> None:
    text = "\n".join(
        [
            "```sh",
            "make demo",
            "```",
            "<!-- run by tests/test_readme_commands.py::test_that_is_not_there -->",
            "```sh",
            "make demo",
            "```",
            "<!-- not run: needs a mainframe -->",
            "```python",
            "print(1)",
            "```",
            "```",
            "output",
            "```",
            "",
            "    an indented block",
        ]
    )

    assert problems(blocks(text), text) == [
        "README line 1: no '<!-- run by tests/...::test -->' or '<!-- not run: ... -->'",
        "README line 5: tests/test_readme_commands.py::test_that_is_not_there does not exist",
        "README line 12: a code block without a language",
        "README line 16: an indented code block (fence it, with a language)",
    ]


def run_block(test: str, cwd: Path, script: str | None = None) -> subprocess.CompletedProcess[str]:
    """The README block that `test` is marked for (or `script` made from it), in bash, with the
    project's commands on PATH and Arelle offline."""
    environment = dict(
        os.environ,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        ARELLE_WORK_OFFLINE="true",
    )
    completed = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script or block_run_by(test)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-3000:]
    return completed


def test_make_demo() -> None:
    completed = run_block(f"{THIS}::test_make_demo", REPO)

    assert "[CYBER.summary] Entity: Lumen Crest Holdings Limited (CIK 0001999901)" in completed.stdout
    assert "Findings: no findings" in completed.stdout
    for extension in (".json", ".html", ".csv", ".xlsx"):
        assert (REPO / "out" / f"20f-item16k{extension}").stat().st_size > 1000


def test_the_command_line_example(tmp_path: Path) -> None:
    shutil.copy(SAMPLE_10K, tmp_path / "filing.htm")

    run_block(f"{THIS}::test_the_command_line_example", tmp_path)

    document = json.loads((tmp_path / "filing-cyd.json").read_text(encoding="utf-8"))
    assert document["documentType"] == "10-K" and len(document["facts"]) == 16


def _zip(target: Path, filing: Path, folder: str = "") -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        archive.write(filing, folder + str(filing.relative_to(SAMPLES)))


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_batch_examples(tmp_path: Path) -> None:
    for sample in (SAMPLE_10K, SAMPLE_8K):
        shutil.copytree(sample.parent, tmp_path / "filings" / sample.parent.name)
    _zip(tmp_path / "edgar" / "2025" / "q1" / "20f.zip", SAMPLE_20F)
    (tmp_path / "extra").mkdir()
    shutil.copy(SAMPLE_20F, tmp_path / "extra" / "filing.htm")
    (tmp_path / "more.txt").write_text("extra/filing.htm\n", encoding="utf-8")

    run_block(f"{THIS}::test_the_batch_examples", tmp_path)

    records = _records(tmp_path / "cyd.jsonl")
    assert sorted(str(r["documentType"]) for r in records) == ["10-K", "20-F", "20-F", "8-K"]
    assert not [r for r in records if "error" in r]
    assert len(list(csv.reader((tmp_path / "cyd.csv").read_text("utf-8-sig").splitlines()))) == 3


def test_retrying_the_failed_filings(tmp_path: Path) -> None:
    broken = tmp_path / "broken.htm"
    broken.write_text('<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body><ix:header>', "utf-8")
    shutil.copy(SAMPLE_8K, tmp_path / "filing.htm")
    run_block(f"{THIS}::test_retrying_the_failed_filings", tmp_path, "cyber-extract . -o cyd.jsonl --offline")
    assert sorted("error" in r for r in _records(tmp_path / "cyd.jsonl")) == [False, True]

    run_block(f"{THIS}::test_retrying_the_failed_filings", tmp_path)

    assert (tmp_path / "failed.txt").read_text(encoding="utf-8") == f"{broken}\n"
    (retried,) = _records(tmp_path / "retry.jsonl")
    assert retried["source"] == str(broken) and "error" in retried


@pytest.mark.parametrize("archive_count", [4, 2], ids=["one-per-shard", "two-shards-empty"])
def test_the_sharding_recipe(tmp_path: Path, archive_count: int) -> None:
    """Run as written, with four archives (one per shard) or two (two shards empty) in a folder
    here and each machine k in turn."""
    archives = tmp_path / "edgar"
    for number, sample in enumerate((SAMPLE_10K, SAMPLE_8K, SAMPLE_20F)[: min(archive_count, 3)]):
        _zip(archives / f"{number}.zip", sample)
    if archive_count == 4:
        _zip(archives / "3.zip", SAMPLE_20F, folder="amended/")
    recipe = block_run_by(f"{THIS}::test_the_sharding_recipe")
    on_each_machine = next(line for line in recipe.split("\n") if "shard-0k" in line)
    script = recipe.replace("/data/edgar", str(archives)).replace(
        on_each_machine, f"for k in 0 1 2 3; do {on_each_machine.replace('0k', '0$k')}; done"
    )

    run_block(f"{THIS}::test_the_sharding_recipe", tmp_path, script)

    records = _records(tmp_path / "cyd.jsonl")
    expected = ["10-K", "20-F", "20-F", "8-K"] if archive_count == 4 else ["10-K", "8-K"]
    assert sorted(str(r["documentType"]) for r in records) == expected
    assert len([shard for shard in tmp_path.glob("shard-0*") if shard.stat().st_size]) == archive_count
    rows = list(csv.reader((tmp_path / "cyd.csv").read_text("utf-8-sig").splitlines()))
    assert rows[0][:2] == ["table", "source"] and len(rows) == archive_count + 1
