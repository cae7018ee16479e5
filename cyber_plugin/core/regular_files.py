"""Files opened for reading only when they are regular files.

A path found in a folder or named by a user may be a FIFO (opening it waits for a writer, forever),
a device (`/dev/zero` never ends; opening a tape rewinds it), a socket or a directory, also behind a
link. Such a path is refused from its metadata, before it is opened; the check is repeated on the
opened file, so that a path swapped meanwhile is refused too, and the opening itself never waits.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from typing import Final

_KINDS: Final = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """A path that names something other than a regular file; the message says what it is."""


def kind_of(mode: int) -> str:
    """What a file of this mode is, as a message says it ('a FIFO (named pipe)')."""
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def not_regular(path: str | os.PathLike[str], mode: int) -> NotRegularFile:
    return NotRegularFile(errno.EINVAL, f"{kind_of(mode)}, not a regular file", os.fspath(path))


def check_regular(path: str | os.PathLike[str]) -> None:
    """Raises NotRegularFile unless `path` (its links followed) is a regular file; OSError when it
    cannot be looked at (missing, a broken or looping link)."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise not_regular(path, mode)


def special_file_kind(name: str) -> str | None:
    """What `name` is when it names a local file that reading would never finish or never begin (a
    FIFO, a device, a socket, also behind a link), as a message says it; None for a regular file, a
    directory, a URL and anything that does not exist (whoever opens it says what is wrong)."""
    if "://" in name:
        return None
    try:
        mode = os.stat(name).st_mode
    except (OSError, ValueError):  # missing, a path inside an archive, a NUL in the name
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else kind_of(mode)


def open_regular_file(path: str | os.PathLike[str]) -> io.BufferedReader:
    """`path` opened for binary reading if it is a regular file; else NotRegularFile (or the
    OSError of a path that cannot be opened), without blocking and without reading anything."""
    check_regular(path)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):  # replaced since it was looked at
            raise not_regular(path, mode)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def os_reason(error: OSError) -> str:
    """Why a file could not be read, in a few words ('a FIFO (named pipe), not a regular file')."""
    return error.strerror or str(error)
