"""cyber-extract's `@FILE` lists: a file of arguments, one a line (trimmed; blank lines and lines
starting with '#' are skipped), which may name other lists.

They are read here, before argparse parses the command line, rather than by argparse's own
`fromfile_prefix_chars`, which follows a list that names itself until Python's recursion limit
(a traceback), and opens whatever the name points at (a FIFO waits forever, `/dev/zero` never
ends). Relative names are taken from the current directory, as argparse takes them.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Sequence
from typing import Final

from ..core.regular_files import open_regular_file, os_reason

PREFIX: Final = "@"
COMMENT: Final = "#"


class ArgumentListError(Exception):
    """A list that cannot be read, or lists that name each other in a circle; the message says which."""


def expand_lists(arguments: Sequence[str]) -> list[str]:
    """The arguments with each `@FILE` replaced by the arguments its file lists, lists in lists
    included."""
    return _expanded(arguments, ())


def _expanded(arguments: Sequence[str], open_lists: tuple[tuple[str, str], ...]) -> list[str]:
    """`open_lists`: (the name as given, its real path) of each list being read, outermost first."""
    expanded: list[str] = []
    for argument in arguments:
        if not argument.startswith(PREFIX):
            expanded.append(argument)
            continue
        name = argument[len(PREFIX) :]
        real = os.path.realpath(name)
        reals = [path for _, path in open_lists]
        if real in reals:
            raise ArgumentListError(_circle([given for given, _ in open_lists[reals.index(real) :]], name))
        expanded += _expanded(_listed(name), (*open_lists, (name, real)))
    return expanded


def _circle(reading: list[str], name: str) -> str:
    if len(reading) == 1:
        return f"the @FILE list {name!r} names itself"
    circle = " -> ".join(PREFIX + given for given in [*reading, name])
    return f"@FILE lists name each other in a circle: {circle}"


def _listed(name: str) -> list[str]:
    """The arguments one list file holds."""
    try:
        with open_regular_file(name) as stream:
            content = stream.read()
    except OSError as error:
        raise ArgumentListError(f"cannot read the @FILE list {name!r}: {os_reason(error)}") from None
    try:
        text = content.decode(locale.getpreferredencoding(False))  # as open() reads a text file
    except UnicodeDecodeError as error:
        raise ArgumentListError(f"the @FILE list {name!r} cannot be decoded: {error}") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith(COMMENT)]
