"""The README's code blocks and the markers that say which test runs each command.

Every fenced block names its language. Each `sh` or `python` block is preceded, on the line
right above its fence, by one of
    <!-- run by tests/test_x.py::test_name -->   (that test runs the block's commands)
    <!-- not run: why -->                       (what the tests cannot have)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .conftest import REPO

README: Final = REPO / "README.md"
COMMAND_LANGUAGES: Final = ("sh", "python")
_MARKER: Final = re.compile(r"^<!-- (?:run by (?P<test>tests/[\w/]+\.py::\w+)|not run: (?P<reason>.+)) -->$")
_FENCE: Final = re.compile(r"^```(?P<language>\S*)\s*$")


@dataclass(frozen=True)
class Block:
    language: str
    text: str
    line: int  # of the opening fence, 1-based
    marker: str | None  # the line above the fence

    @property
    def run_by(self) -> str | None:
        match = _MARKER.match(self.marker or "")
        return match["test"] if match else None

    @property
    def reason(self) -> str | None:
        match = _MARKER.match(self.marker or "")
        return match["reason"] if match else None


def blocks(text: str | None = None) -> list[Block]:
    lines = (README.read_text(encoding="utf-8") if text is None else text).split("\n")
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        marker = lines[index - 1] if index > 0 else None
        found.append(Block(opening["language"], "\n".join(lines[index + 1 : end]), index + 1, marker))
        index = end + 1
    return found


def block_run_by(test: str) -> str:
    """The text of the one README block whose marker names `test` ('tests/x.py::test_y')."""
    (block,) = [b for b in blocks() if b.run_by == test]
    return block.text
