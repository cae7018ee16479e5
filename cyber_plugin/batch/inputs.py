"""cyber-extract's inputs: paths, glob patterns and directories (searched recursively for
filings). `@FILE` lists are read by the command line (argparse) before they get here."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final

INPUT_SUFFIXES: Final = frozenset({".htm", ".html", ".xhtml", ".xml", ".zip"})


def expand_inputs(arguments: Iterable[str], warn: Callable[[str], None]) -> list[str]:
    """Absolute paths of the files to read, each once, in the order given.

    A directory is searched recursively for filings (see `looks_like_filing`); a pattern is
    expanded with ** allowed. A path that does not exist is kept: it becomes a failure record
    saying so.
    """
    sources: dict[str, None] = {}
    for argument in arguments:
        for path in _expand_entry(argument, warn):
            sources.setdefault(os.path.abspath(path))
    return list(sources)


def _expand_entry(entry: str, warn: Callable[[str], None]) -> list[str]:
    if os.path.isdir(entry):
        return filings_in(entry)
    if os.path.exists(entry) or not any(character in entry for character in "*?["):
        return [entry]
    matches = sorted(glob.glob(entry, recursive=True))
    if not matches:
        warn(f"no file matches {entry!r}")
    return [path for match in matches for path in (filings_in(match) if os.path.isdir(match) else [match])]


def filings_in(directory: str) -> list[str]:
    found: list[str] = []
    for folder, subfolders, files in os.walk(directory):
        subfolders.sort()
        found += [
            os.path.join(folder, name)
            for name in sorted(files)
            if Path(name).suffix.lower() in INPUT_SUFFIXES and looks_like_filing(os.path.join(folder, name))
        ]
    return found


def looks_like_filing(path: str) -> bool:
    """Whether a file found in a directory is a filing: an archive, an XBRL instance, or an HTML
    document with an inline XBRL element, identified as Arelle does. Exhibits, schemas and
    linkbases beside a filing are left out."""
    if path.lower().endswith(".zip"):
        return True
    from arelle.XbrlConst import ixbrlAll
    from lxml import etree

    instance_root = "{http://www.xbrl.org/2003/instance}xbrl"
    try:
        events = etree.iterparse(
            path, events=("start",), recover=True, huge_tree=True, resolve_entities=False, no_network=True
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
