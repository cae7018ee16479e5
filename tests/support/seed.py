"""The SEC viewer's rendering of the 20-F sample (../shared/seed), which the sample reproduces."""

from __future__ import annotations

import pytest

from .paths import SEED

# Where the SEC viewer's rendering (the seed) runs a continuation on directly although the page has
# white space between its two parts, in one block: the inline 20-F reads it as the page shows it
# (issue 20); the xBRL-XML 20-F holds the value as the viewer gives it.
SEED_GLUED = (("working mechanism.He has", "working mechanism. He has"),)


def as_the_page_shows(seed_value: str) -> str:
    for glued, spaced in SEED_GLUED:
        seed_value = seed_value.replace(glued, spaced)
    return seed_value


def read_seed() -> list[tuple[str, str]]:
    """(label, value) pairs of the SEC viewer's rendering the 20-F sample reproduces."""
    if not SEED.is_file():
        pytest.skip(f"seed document not found at {SEED}")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("|") and "[Line Items]" in line) + 1
    pairs: list[tuple[str, str]] = []
    while index < len(lines) and not lines[index].startswith("|X"):
        label = lines[index][1:]
        value = [lines[index + 1][1:]]
        index += 2
        while index < len(lines) and not lines[index].startswith("|"):
            value.append(lines[index])
            index += 1
        pairs.append((label, "\n".join(value).strip()))
    return pairs
