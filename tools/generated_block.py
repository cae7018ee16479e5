"""A generated block of a documentation page: the text between its `<!-- NAME:start -->` and
`<!-- NAME:end -->` markers, which the tools rewrite and the tests compare with the code."""

from __future__ import annotations

from pathlib import Path


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start -->\n", f"\n<!-- {name}:end -->"


def generated_block(text: str, name: str) -> str:
    """The block between NAME's markers in `text`; ValueError when they are missing."""
    start, end = markers(name)
    _, found_start, rest = text.partition(start)
    inside, found_end, _ = rest.partition(end)
    if not (found_start and found_end):
        raise ValueError(f"no {start.strip()} ... {end.strip()} markers")
    return inside


def rewrite_generated_block(page: Path, name: str, content: str) -> None:
    """Replaces the block between NAME's markers in `page` with `content`."""
    text = page.read_text(encoding="utf-8")
    start, end = markers(name)
    old = generated_block(text, name)
    page.write_text(text.replace(start + old + end, start + content + end, 1), encoding="utf-8")
