"""The documentation agrees with the code: the generated rule and layout tables are current, every
relative link and image resolves (anchors included), every repository path and test it names
exists, every count of rules, elements and flags it states is the code's, and no page but
benchmarks/RESULTS.md quotes benchmark figures."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Final
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin

from benchmarks.common import RESULTS
from benchmarks.run import parse_options
from cyber_plugin.checks import REGISTRY
from cyber_plugin.core.catalogue import ANNUAL_CONCEPTS, ANNUAL_FLAGS, REQUIRED_ANNUAL_CONCEPTS
from tools.generated_block import generated_block
from tools.layout_table import first_sentence, layout_table_markdown, modules
from tools.rules_table import rule_table_markdown

from .support.doc_pages import page_name, pages
from .support.paths import REPO

# ---------------------------------------------------------------------------------------------
# Generated parts


def test_the_rule_table_is_generated_from_the_docstrings() -> None:
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")

    assert generated_block(page, "rules") == rule_table_markdown(), "run make rules-table"


def test_the_layout_table_is_generated_from_the_code() -> None:
    page = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")

    assert generated_block(page, "layout") == layout_table_markdown(), "run make layout-table"


def test_the_layout_table_lists_every_module_and_none_that_does_not_exist() -> None:
    listed = re.findall(r"^\| `([^`]+)` \|", layout_table_markdown(), flags=re.MULTILINE)
    expected = {
        (path.parent.as_posix() + "/" if path.name == "__init__.py" else path.as_posix())
        for folder in ("cyber_plugin", "benchmarks", "tools")
        for path in (p.relative_to(REPO) for p in (REPO / folder).rglob("*.py"))
        if "__pycache__" not in path.parts
    }

    assert sorted(listed) == sorted(expected) and len(listed) == len(set(listed))
    assert all((REPO / path).exists() for path in listed)
    assert {"cyber_plugin/edgar/", "cyber_plugin/dataset/reader.py", "cyber_plugin/batch/cli.py"} <= set(
        listed
    )
    assert len(modules()) == len(listed)


@pytest.mark.parametrize(
    ("docstring", "sentence"),
    [
        ("What a rule is. And more.", "What a rule is"),
        ("Reads `x.py` (e.g. this one). Then more", "Reads `x.py` (e.g. this one)"),
        ("1. Overhead on real work: a run.\nSecond line.", "1. Overhead on real work: a run"),
        (
            "Version 3.5 of it, and\nits lines joined.\n\nA second paragraph.",
            "Version 3.5 of it, and its lines joined",
        ),
        ("The entry, whichever it is:\n\n    read(path)", "The entry, whichever it is"),
    ],
)
def test_a_modules_job_is_the_first_sentence_of_its_docstring(docstring: str, sentence: str) -> None:
    assert first_sentence(docstring) == sentence


# ---------------------------------------------------------------------------------------------
# Links, anchors and paths

_MARKDOWN: Final = MarkdownIt("commonmark", {"html": True}).enable("table").use(anchors_plugin, max_level=6)
_HTML_ANCHOR: Final = re.compile(r"""<a\s+(?:name|id)=["']([^"']+)["']""")


def markdown_files() -> list[Path]:
    """Every Markdown file of the repository (not the virtual environment or outputs)."""
    skipped = {".venv", "out", "build", ".git", "test-artifacts", ".pytest_cache"}
    return sorted(p for p in REPO.rglob("*.md") if not skipped & set(p.relative_to(REPO).parts))


def _tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _tokens(token.children or [])


def anchors_in(text: str) -> frozenset[str]:
    """The anchors GitHub makes for a page's headings, and its HTML anchors."""
    headings = {t.attrs["id"] for t in _MARKDOWN.parse(text) if t.type == "heading_open" and "id" in t.attrs}
    return frozenset({str(h) for h in headings} | set(_HTML_ANCHOR.findall(text)))


@cache
def anchors_of(path: Path) -> frozenset[str]:
    return anchors_in(path.read_text(encoding="utf-8"))


def broken_links(path: Path, text: str | None = None) -> list[str]:
    """Each relative link or image of the page (its text, or as read) that points at nothing."""
    text = path.read_text(encoding="utf-8") if text is None else text
    found = []
    for token in _tokens(_MARKDOWN.parse(text)):
        target = token.attrs.get("href") if token.type == "link_open" else token.attrs.get("src")
        if token.type not in ("link_open", "image") or not isinstance(target, str):
            continue
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            continue  # a web address: not checked offline
        where = f"{path.relative_to(REPO).as_posix()}: {target}"
        linked = (path.parent / unquote(parts.path)).resolve()
        anchors = anchors_of(linked) if parts.path and linked.suffix == ".md" else anchors_in(text)
        if parts.path and not linked.exists():
            found.append(f"{where}: no such file")
        elif parts.fragment and (linked.suffix == ".md" or not parts.path) and parts.fragment not in anchors:
            shown = linked.relative_to(REPO).as_posix() if parts.path else "this page"
            found.append(f"{where}: no such heading in {shown}")
    return found


def test_every_relative_link_and_image_resolves_anchors_included() -> None:
    assert [problem for path in markdown_files() for problem in broken_links(path)] == []
    assert len(markdown_files()) >= 12


def test_the_link_check_finds_a_missing_file_and_a_missing_heading() -> None:
    text = (
        "# A page\n\n## Its section: one / two\n\n[ok](#its-section-one--two) [ok](usage.md#options) "
        "[ok](../README.md) ![gone](no-such.png) [gone](usage.md#no-such-heading) [gone](#nowhere) "
        "[web](https://example.com/x.md#y) `[code](nowhere.md)`\n"
    )

    assert broken_links(REPO / "docs" / "new.md", text) == [
        "docs/new.md: no-such.png: no such file",
        "docs/new.md: usage.md#no-such-heading: no such heading in docs/usage.md",
        "docs/new.md: #nowhere: no such heading in this page",
    ]


_NAMED_PATH: Final = re.compile(
    r"`((?:cyber_plugin|tests|tools|benchmarks|docs|sample_filings)/[\w./-]*)(?:::(\w+))?`"
)
_PACKAGE_PATH: Final = re.compile(r"`((?:core|checks|outputs|integration|edgar|dataset|batch)/[\w./-]*)`")


def missing_paths(text: str) -> list[str]:
    """Each repository path written in backticks (`tests/x.py::test_y` too) that does not exist,
    and each path in the package written from its layer (`core/catalogue.py`)."""
    named = [*_NAMED_PATH.findall(text), *((f"cyber_plugin/{p}", "") for p in _PACKAGE_PATH.findall(text))]
    found = []
    for path, test in named:
        if not (REPO / path).exists():
            found.append(f"{path}: no such file")
        elif test and f"def {test}(" not in (REPO / path).read_text(encoding="utf-8"):
            found.append(f"{path}::{test}: no such test")
    return found


def test_every_path_and_test_a_page_names_exists() -> None:
    problems = {page_name(page): missing_paths(page.read_text(encoding="utf-8")) for page in pages()}

    assert {page: found for page, found in problems.items() if found} == {}


def test_the_path_check_finds_a_moved_module_and_a_renamed_test() -> None:
    text = "`cyber_plugin/batch/tables.py`, `tests/test_api.py::test_gone`, `cyber_plugin/api.py`"

    assert missing_paths(text + ", `core/words.py` and `batch/run_settings.py`") == [
        "cyber_plugin/batch/tables.py: no such file",
        "tests/test_api.py::test_gone: no such test",
        "cyber_plugin/batch/run_settings.py: no such file",
    ]


# ---------------------------------------------------------------------------------------------
# Counts and figures

_NUMBER_WORDS: Final = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
_TENS: Final = {"twenty": 20, "thirty": 30}
_NUMBER: Final = r"\d+|(?:twenty|thirty)-(?:one|two|three|four|five|six|seven|eight|nine)|" + "|".join(
    _NUMBER_WORDS
)
_COUNTED: Final = re.compile(
    rf"(?<![\w.,-])(?<!other )({_NUMBER})\s+((?:annual\s+)?(?:rules?|elements?|flags?))\b",
    flags=re.IGNORECASE,
)


def number(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if "-" in word:
        tens, ones = word.split("-")
        return _TENS[tens] + _NUMBER_WORDS.index(ones)
    return _NUMBER_WORDS.index(word)


def stated_counts() -> dict[str, int]:
    """What a count of each kind must be: the code's own numbers."""
    return {
        "rules": len(REGISTRY),
        "annual elements": len(ANNUAL_CONCEPTS),
        "elements": len(REQUIRED_ANNUAL_CONCEPTS),  # of a complete Item 1C / 16K
        "flags": len(ANNUAL_FLAGS),
        "annual flags": len(ANNUAL_FLAGS),
    }


def wrong_counts(text: str, page: str) -> list[str]:
    """Each count of rules, elements or flags in the text that the code contradicts ("one" is left
    alone: "one flag" counts nothing, nor do "the other five flags")."""
    expected = stated_counts()
    found = []
    for line_number, line in enumerate(text.split("\n"), start=1):
        for count, noun in _COUNTED.findall(line):
            kind = " ".join(noun.lower().split()).removesuffix("s") + "s"
            if count.lower() != "one" and number(count) != expected[kind]:
                found.append(
                    f"{page} line {line_number}: '{count} {noun}', but the code has {expected[kind]}"
                )
    return found


def test_every_stated_count_is_the_codes() -> None:
    problems = [
        problem
        for page in pages()
        for problem in wrong_counts(page.read_text(encoding="utf-8"), page_name(page))
    ]

    assert problems == []


def test_the_count_check_finds_a_stale_count() -> None:
    rules, flags = len(REGISTRY), len(ANNUAL_FLAGS)
    text = (
        f"It has {rules + 2} rules, in version 1.05 rules.\n"
        f"All {len(REQUIRED_ANNUAL_CONCEPTS)} elements and the {_NUMBER_WORDS[flags]} flags, "
        f"not {flags + 1} annual flags.\nOne flag is true, the other {_NUMBER_WORDS[flags - 1]} flags false."
    )

    assert wrong_counts(text, "a.md") == [
        f"a.md line 1: '{rules + 2} rules', but the code has {rules}",
        f"a.md line 2: '{flags + 1} annual flags', but the code has {flags}",
    ]
    assert [number(word) for word in ("twenty-one", "fifteen", "Six", "40")] == [21, 15, 6, 40]


_FIGURE: Final = re.compile(
    r"make bench of \d|\b\d+(?:\.\d+)?\s?(?:ms|filings/s|filings a second|MB/s)\b|\d+(?:\.\d+)?% to \d"
)


def quoted_figures(text: str) -> list[str]:
    """The benchmark figures written in a page's prose (fenced blocks show formats, not figures)."""
    inside_fence = False
    found = []
    for line in text.split("\n"):
        inside_fence ^= line.startswith("```")
        if not inside_fence:
            found += _FIGURE.findall(line)
    return found


def test_make_bench_writes_its_figures_to_the_results_alone() -> None:
    sources = {path.name: path.read_text(encoding="utf-8") for path in (REPO / "benchmarks").glob("*.py")}

    assert parse_options([]).output == RESULTS == REPO / "benchmarks" / "RESULTS.md"
    assert parse_options(["--quick"]).output == REPO / "out" / "bench-quick.md"
    assert [name for name, source in sources.items() if "write_results(" in source] == ["common.py", "run.py"]
    assert [name for name, source in sources.items() if re.search("README|CHANGELOG", source)] == []


def test_no_page_but_the_results_quotes_benchmark_figures() -> None:
    quoted = {
        page_name(page): quoted_figures(page.read_text(encoding="utf-8"))
        for page in [*pages(), REPO / "CHANGELOG.md"]
    }

    assert {page: figures for page, figures in quoted.items() if figures} == {}
    assert quoted_figures("in 2 to 4 ms, 0.84 filings a second; 0.9% to 2.3% of a run") == [
        "4 ms",
        "0.84 filings a second",
        "0.9% to 2",
    ]
