"""Writes the layout table: every module of the package, the benchmarks and the tools, with its job.

`python -m tools.layout_table [PAGE]` prints the table, or rewrites it in place between PAGE's
layout markers (`make layout-table` rewrites ARCHITECTURE.md). A module's job is the first
sentence of its docstring.

A module without a docstring is an error: its job would be missing from the table.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Final

from tools.generated_block import rewrite_generated_block

REPO: Final = Path(__file__).resolve().parents[1]
FOLDERS: Final = ("cyber_plugin", "benchmarks", "tools")
MARKER: Final = "layout"
_CLOSING: Final = {")": "(", "]": "[", "}": "{"}


def modules(repo: Path = REPO) -> list[Path]:
    """Every Python module of the layout's folders, as paths relative to the repository, a package's
    `__init__.py` right before its modules."""
    found = [path for folder in FOLDERS for path in (repo / folder).rglob("*.py")]
    return sorted(
        (path.relative_to(repo) for path in found if "__pycache__" not in path.parts),
        key=lambda path: (
            FOLDERS.index(path.parts[0]),
            path.parent.parts,
            path.name != "__init__.py",
            path.name,
        ),
    )


def first_sentence(docstring: str) -> str:
    """The docstring's first sentence: its first paragraph up to the first full stop that ends a
    sentence outside brackets and code (so "`x.py`", "(e.g. this)", "3.5" and the "1." that numbers
    a paragraph do not end it), without a closing colon."""
    paragraph = " ".join(docstring.strip().split("\n\n", 1)[0].split())
    depth: list[str] = []
    in_code = False
    for index, character in enumerate(paragraph):
        if character == "`":
            in_code = not in_code
        elif in_code:
            continue
        elif character in "([{":
            depth.append(character)
        elif character in _CLOSING and depth and depth[-1] == _CLOSING[character]:
            depth.pop()
        elif character == "." and not depth and _ends_sentence(paragraph, index):
            return paragraph[:index]
    return paragraph.rstrip(".:")


def _ends_sentence(paragraph: str, index: int) -> bool:
    """The full stop at `index` is followed by a space or the end, and follows more than one word."""
    return paragraph[index + 1 : index + 2] in ("", " ") and " " in paragraph[:index]


def job_of(path: Path, repo: Path = REPO) -> str:
    docstring = ast.get_docstring(ast.parse((repo / path).read_text(encoding="utf-8")))
    if not docstring:
        raise ValueError(f"{path.as_posix()} has no docstring to say what its job is")
    return first_sentence(docstring).replace("|", "\\|")


def layout_table_markdown(repo: Path = REPO) -> str:
    rows = ["| module | job |", "|---|---|"]
    for path in modules(repo):
        shown = f"{path.parent.as_posix()}/" if path.name == "__init__.py" else path.as_posix()
        rows.append(f"| `{shown}` | {job_of(path, repo)} |")
    return "\n".join(rows)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        rewrite_generated_block(Path(sys.argv[1]), MARKER, layout_table_markdown())
    else:
        print(layout_table_markdown())
