"""Every command the documentation shows is run by a named test or marked with what the tests
cannot have (see tests/support/doc_pages.py); the demo, command-line and batch examples run here as
written."""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

from .support.doc_pages import (
    COMMAND_LANGUAGES,
    Block,
    all_blocks,
    block_run_by,
    blocks,
    page_name,
    pages,
    run_block,
)
from .support.paths import REPO, SAMPLE_8K, SAMPLE_10K, SAMPLE_20F, SAMPLES

THIS = "tests/test_documented_commands.py"
NO_MARKER = "no '<!-- run by tests/...::test -->' or '<!-- not run: ... -->'"
INDENTED = "an indented code block (fence it, with a language)"


def problems(found: list[Block], texts: dict[str, str]) -> list[str]:
    """What keeps the pages' commands from being accounted for, one line each; `texts` are the
    pages' texts by name."""
    found_problems = []
    shown: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for block in found:
        if not block.language:
            found_problems.append(f"{block.where}: a code block without a language")
        elif block.language in COMMAND_LANGUAGES and not (block.run_by or block.reason):
            found_problems.append(f"{block.where}: {NO_MARKER}")
        elif block.run_by:
            shown[block.run_by][block.page].append(block.text)
            path, _, name = block.run_by.partition("::")
            source = REPO / path
            if not source.is_file() or f"def {name}(" not in source.read_text(encoding="utf-8"):
                found_problems.append(f"{block.where}: {block.run_by} does not exist")
    for test, by_page in shown.items():
        if len({tuple(texts) for texts in by_page.values()}) > 1:
            found_problems.append(f"{test}: {', '.join(by_page)} show different blocks for it")
    for page, text in texts.items():
        inside_fence = False
        previous = ""
        for number, line in enumerate(text.split("\n"), start=1):
            inside_fence ^= line.startswith("```")
            if not inside_fence and line.startswith("    ") and not previous.strip():
                found_problems.append(f"{page} line {number}: {INDENTED}")
            previous = line
    return found_problems


def test_every_documented_command_is_run_by_a_test_or_marked() -> None:
    texts = {page_name(page): page.read_text(encoding="utf-8") for page in pages()}
    found = all_blocks()

    assert problems(found, texts) == []
    marked = [b for b in found if b.language in COMMAND_LANGUAGES]
    assert sum(1 for b in marked if b.run_by) >= 7 and sum(1 for b in marked if b.reason) >= 3
    assert {"README.md", "docs/usage.md", "docs/cyber-extract.md", "docs/dataset.md"} <= {
        b.page for b in marked
    }


def test_the_check_finds_each_kind_of_gap() -> None:
    text = "\n".join(
        [
            "```sh",
            "make demo",
            "```",
            f"<!-- run by {THIS}::test_that_is_not_there -->",
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
            f"<!-- run by {THIS}::test_make_demo -->",
            "```sh",
            "make demo",
            "```",
        ]
    )
    other = "\n".join([f"<!-- run by {THIS}::test_make_demo -->", "```sh", "make demo --quietly", "```"])

    assert problems(blocks(text, "a.md") + blocks(other, "b.md"), {"a.md": text, "b.md": other}) == [
        f"a.md line 1: {NO_MARKER}",
        f"a.md line 5: {THIS}::test_that_is_not_there does not exist",
        "a.md line 12: a code block without a language",
        f"{THIS}::test_make_demo: a.md, b.md show different blocks for it",
        f"a.md line 16: {INDENTED}",
    ]


def test_make_demo() -> None:
    completed = run_block(f"{THIS}::test_make_demo", REPO)

    assert "[CYBER.summary] Entity: Lumen Crest Holdings Limited (CIK 0001999901)" in completed.stdout
    assert "Findings: no findings" in completed.stdout
    # The summary the README shows is what the demo prints, line by line ("..." skips lines).
    (shown,) = [b.text for b in all_blocks() if b.page == "README.md" and b.text.startswith("[CYBER.")]
    printed = iter(line.rstrip() for line in completed.stdout.splitlines())
    for line in shown.splitlines():
        if line.strip() != "...":
            assert line in printed, f"the README's demo output shows {line!r}, which the demo does not print"
    for extension in (".json", ".html", ".csv", ".xlsx"):
        assert (REPO / "out" / f"20f-item16k{extension}").stat().st_size > 1000


def test_loading_a_sample(tmp_path: Path) -> None:
    """The samples' README: a sample loads offline from the stand-in schemas without an error."""
    log = tmp_path / "log.json"
    command = block_run_by(f"{THIS}::test_loading_a_sample")

    run_block(f"{THIS}::test_loading_a_sample", REPO, command.replace("/tmp/log.json", str(log)))

    messages = json.loads(log.read_text(encoding="utf-8"))["log"]
    assert [m["code"] for m in messages if m["level"] in ("error", "warning")] == []
    assert any(m["code"] == "info" and "validated in" in m["message"]["text"] for m in messages)


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
    assert rows[0][:3] == ["table", "table_version", "source"] and len(rows) == archive_count + 1
