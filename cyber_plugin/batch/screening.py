"""What is refused before Arelle sees it, with the reason its failure record gives.

- A path that is not a regular file: a FIFO (reading it waits for a writer, forever), a device
  (`/dev/zero` never ends), a socket, a directory; also behind a link.
- An archive with an entry whose name is absolute or holds a `..` part: Arelle resolves such a
  name against the archive's own path and reads the file on disk at that place instead of the
  entry, so the record would carry somebody else's file. Arelle takes any ZIP file for an archive,
  whatever its name, and a `.tar.gz` by its name; so does this check. The archive is refused
  whole, unread by Arelle.
"""

from __future__ import annotations

import re
import tarfile
import zipfile
import zlib
from pathlib import Path, PureWindowsPath
from typing import BinaryIO, Final

from ..core.regular_files import open_regular_file, os_reason

TAR_GZ_SUFFIX: Final = ".tar.gz"
_SEPARATORS: Final = re.compile(r"[\\/]")  # Arelle reads a backslash in an entry name as a slash


def refusal(path: Path) -> str | None:
    """Why the file at `path` is not to be read, or None when Arelle may load it."""
    try:
        with open_regular_file(path) as stream:
            entry = entry_outside(stream, path.name)
    except OSError as error:
        return f"cannot read the file: {os_reason(error)}"
    if entry is None:
        return None
    return (
        f"refused: the archive's entry {entry!r} names a file outside the archive (an absolute path or "
        "'..'); Arelle would read the file at that place on disk instead of the entry"
    )


def entry_outside(stream: BinaryIO, name: str) -> str | None:
    """The first entry of the archive in `stream` (named `name`) whose name leads outside it; None
    when none does, or when it is no archive (or one too damaged to list, which Arelle reports)."""
    try:
        if zipfile.is_zipfile(stream):
            stream.seek(0)
            with zipfile.ZipFile(stream) as archive:
                names = archive.namelist()
        elif name.lower().endswith(TAR_GZ_SUFFIX):
            stream.seek(0)
            with tarfile.open(fileobj=stream, mode="r:gz") as archive:
                names = archive.getnames()
        else:
            return None
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error, ValueError):
        return None
    return next((entry for entry in names if leads_outside(entry)), None)


def leads_outside(entry: str) -> bool:
    """Whether an archive entry's name would be read outside the archive: an absolute path (also a
    Windows drive or share) or one with a '..' part."""
    parts = _SEPARATORS.split(entry)
    return not parts[0] or bool(PureWindowsPath(entry).drive) or ".." in parts
