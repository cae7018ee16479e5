"""cyber-extract's inputs: paths, glob patterns, directories (searched recursively for filings)
and EDGAR archive URLs (taken as given). `@FILE` lists are read by the command line
(`argument_lists`) before they get here."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ..core.regular_files import check_regular, open_regular_file, os_reason
from ..edgar.submission import is_submission
from .sources import is_url

INPUT_SUFFIXES: Final = frozenset({".htm", ".html", ".xhtml", ".xml", ".zip", ".txt"})
_WILDCARDS: Final = "*?["
# EDGAR publishes beside an inline document `x.htm` the instance it extracted from it, `x_htm.xml`.
_EXTRACTED_TWIN: Final = re.compile(r"^(?P<stem>.+)_(?P<suffix>htm|html|xhtml)\.xml$", re.IGNORECASE)


@dataclass(frozen=True)
class Input:
    """A file to read: its absolute path (or a URL), and how progress lines and the summary show it
    (relative to the input it came from, so that files of the same name in different folders
    differ)."""

    path: str
    shown: str


def expand_inputs(arguments: Iterable[str], warn: Callable[[str], None]) -> list[Input]:
    """The files to read, each once, in the order given.

    A directory is searched recursively for filings (see `looks_like_filing`); a pattern is
    expanded with ** allowed; a URL is kept as it is. A path that does not exist is kept: it
    becomes a failure record saying so.
    """
    found: dict[str, Input] = {}
    for argument in arguments:
        for path, shown in _expand_entry(argument, warn):
            absolute = path if is_url(path) else os.path.abspath(path)
            found.setdefault(absolute, Input(absolute, shown))
    return list(found.values())


def _expand_entry(entry: str, warn: Callable[[str], None]) -> list[tuple[str, str]]:
    """(path, shown) for each file an argument names."""
    if is_url(entry):
        return [(entry, entry)]
    if os.path.isdir(entry):
        return _relative_to(entry, filings_in(entry, warn))
    if os.path.exists(entry) or not any(character in entry for character in _WILDCARDS):
        return [(entry, entry)]
    matches = sorted(glob.glob(entry, recursive=True))
    if not matches:
        warn(f"no file matches {entry!r}")
    files = [
        path for match in matches for path in (filings_in(match, warn) if os.path.isdir(match) else [match])
    ]
    return _relative_to(_literal_folder(entry), files)


def _literal_folder(pattern: str) -> str:
    """The folder a pattern starts from: its parts before the first one with a wildcard."""
    parts = Path(pattern).parts
    literal = next((index for index, part in enumerate(parts) if any(c in part for c in _WILDCARDS)), 0)
    return os.path.join(*parts[:literal]) if literal else ""


def _relative_to(folder: str, paths: Sequence[str]) -> list[tuple[str, str]]:
    return [(path, os.path.relpath(path, folder) if folder else path) for path in paths]


def filings_in(directory: str, warn: Callable[[str], None]) -> list[str]:
    """The filings in a directory and its subdirectories (not those behind links to directories).
    A name with a filing's extension that is not a regular file once its links are followed (a
    FIFO, a device, a broken link) is skipped unopened, with a warning saying why."""
    found: list[str] = []
    for folder, subfolders, files in os.walk(directory):
        subfolders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            if Path(name).suffix.lower() not in INPUT_SUFFIXES:
                continue
            try:
                check_regular(path)
            except OSError as error:
                warn(f"skipped {path}: {os_reason(error)}")
                continue
            if looks_like_filing(path):
                found.append(path)
    return found


def looks_like_filing(path: str) -> bool:
    """Whether a file found in a directory is a filing: an archive, an EDGAR full submission, an
    XBRL instance, or an HTML document with an inline XBRL element, identified as Arelle does.
    Exhibits, schemas, linkbases and other text files beside a filing are left out."""
    if path.lower().endswith(".zip"):
        return True
    if path.lower().endswith(".txt"):
        return is_submission(path)
    from arelle.XbrlConst import ixbrlAll
    from lxml import etree

    instance_root = "{http://www.xbrl.org/2003/instance}xbrl"
    try:
        with open_regular_file(path) as stream:
            events = etree.iterparse(
                stream,
                events=("start",),
                recover=True,
                huge_tree=True,
                resolve_entities=False,
                no_network=True,
            )
            for index, (_, element) in enumerate(events):
                tag = element.tag if isinstance(element.tag, str) else ""
                if index == 0 and (tag == instance_root or not tag.endswith("html")):
                    return tag == instance_root
                if tag.startswith("{") and tag[1:].partition("}")[0] in ixbrlAll:
                    return True
    except (etree.LxmlError, OSError):
        return False
    return False


def without_extracted_twins(inputs: Sequence[Input]) -> tuple[list[Input], dict[str, Input]]:
    """The inputs to read, and the extracted twins left out, by the path of the inline document
    they were extracted from.

    An EDGAR filing folder holds the inline document `x.htm` and the XBRL instance EDGAR extracted
    from it, `x_htm.xml`: one filing, read once, from the inline document (what the filer wrote).
    A twin given without its inline document is read.
    """
    paths = {each.path for each in inputs}
    kept: list[Input] = []
    twins: dict[str, Input] = {}
    for each in inputs:
        original = inline_original(each.path)
        if original in paths:
            twins[original] = each
        else:
            kept.append(each)
    return kept, twins


def inline_original(path: str) -> str | None:
    """The inline document an EDGAR-extracted instance (`x_htm.xml`) comes from (`x.htm`), by name."""
    folder, name = os.path.split(path)
    match = _EXTRACTED_TWIN.match(name)
    return os.path.join(folder, f"{match['stem']}.{match['suffix']}") if match else None
