"""The documentation pages, their code blocks, and the markers that say which test runs each command.

The pages are the README, ARCHITECTURE.md, CONTRIBUTING.md, every page in docs/ and the samples'
README. Every fenced
block names its language. Each `sh` or `python` block is preceded, on the line right above its
fence, by one of
    <!-- run by tests/test_x.py::test_name -->   (that test runs the block's commands)
    <!-- not run: why -->                       (what the tests cannot have)
A command shown on several pages carries the same marker on each, with the same text.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from .paths import REPO

COMMAND_LANGUAGES: Final = ("sh", "python")
_MARKER: Final = re.compile(r"^<!-- (?:run by (?P<test>tests/[\w/]+\.py::\w+)|not run: (?P<reason>.+)) -->$")
_FENCE: Final = re.compile(r"^```(?P<language>\S*)\s*$")


def pages() -> list[Path]:
    """The documentation pages, README first."""
    top = [REPO / name for name in ("README.md", "ARCHITECTURE.md", "CONTRIBUTING.md")]
    return [*top, *sorted((REPO / "docs").glob("*.md")), REPO / "sample_filings" / "README.md"]


def page_name(page: Path) -> str:
    return page.relative_to(REPO).as_posix()


@dataclass(frozen=True)
class Block:
    language: str
    text: str
    line: int  # of the opening fence, 1-based
    marker: str | None  # the line above the fence
    page: str = "README.md"

    @property
    def run_by(self) -> str | None:
        match = _MARKER.match(self.marker or "")
        return match["test"] if match else None

    @property
    def reason(self) -> str | None:
        match = _MARKER.match(self.marker or "")
        return match["reason"] if match else None

    @property
    def where(self) -> str:
        return f"{self.page} line {self.line}"


def blocks(text: str, page: str = "README.md") -> list[Block]:
    """The fenced blocks of one page's text."""
    lines = text.split("\n")
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        marker = lines[index - 1] if index > 0 else None
        found.append(Block(opening["language"], "\n".join(lines[index + 1 : end]), index + 1, marker, page))
        index = end + 1
    return found


def all_blocks() -> list[Block]:
    """The fenced blocks of every page."""
    return [block for page in pages() for block in blocks(page.read_text(encoding="utf-8"), page_name(page))]


def blocks_run_by(test: str) -> list[Block]:
    """The blocks whose marker names `test` ('tests/x.py::test_y'), on the first page that shows
    them (the check of every page makes sure that any other page shows the same)."""
    marked = [block for block in all_blocks() if block.run_by == test]
    assert marked, f"no page has a block marked <!-- run by {test} -->"
    return [block for block in marked if block.page == marked[0].page]


def block_run_by(test: str) -> str:
    """The text of the one block whose marker names `test`."""
    (block,) = blocks_run_by(test)
    return block.text


def run_block(test: str, cwd: Path, script: str | None = None) -> subprocess.CompletedProcess[str]:
    """The documented block that `test` is marked for (or `script` made from it), in bash, with
    the project's commands on PATH and Arelle offline."""
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
