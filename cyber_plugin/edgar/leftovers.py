"""Working files named by the process that makes them, so that what a killed run leaves behind can
be told from what a running one uses, and removed by the next run.

- The folders submissions are unpacked into: `<temporary directory>/cyber-submission-<pid>-<random>`
  (the temporary directory is the host's own).
- Partial downloads: `<cache>/cyber-extract-partial/<pid>@<host>-<random>.part`, renamed onto the
  cached file once complete. A cache may be shared by several hosts: only this host's processes
  can be asked whether they still run, so only their files are removed.

All of them sit in one known folder, so finding them costs one listing, however large the cache.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import socket
import sys
import tempfile
from pathlib import Path
from typing import Final

UNPACKED_PREFIX: Final = "cyber-submission-"
PARTIAL_FOLDER: Final = "cyber-extract-partial"
PARTIAL_SUFFIX: Final = ".part"
_UNPACKED: Final = re.compile(r"^cyber-submission-(?P<pid>[0-9]+)-")
_PARTIAL: Final = re.compile(r"^(?P<pid>[0-9]+)@(?P<host>.*)-[^-]*\.part$")


def unpacking_folder() -> tempfile.TemporaryDirectory[str]:
    """A new temporary folder to unpack a submission into, removed when its block ends."""
    return tempfile.TemporaryDirectory(prefix=f"{UNPACKED_PREFIX}{os.getpid()}-")


def partial_download(cache_directory: str | Path) -> tuple[int, Path]:
    """A new file for a download in progress, open for writing (its descriptor), with the
    permissions a new file gets (as the cached file it becomes)."""
    folder = Path(cache_directory, PARTIAL_FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{os.getpid()}@{socket.gethostname()}-{secrets.token_hex(6)}{PARTIAL_SUFFIX}"
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), path


def remove_leftovers(cache_directory: str | Path | None, temporary: str | Path | None = None) -> list[Path]:
    """Remove the unpacked folders (in `temporary`, else the temporary directory) and the partial
    downloads (in `cache_directory`, when given) of processes of this host that no longer run;
    returns what was removed."""
    removed = []
    for folder in sorted(Path(temporary or tempfile.gettempdir()).glob(f"{UNPACKED_PREFIX}*")):
        match = _UNPACKED.match(folder.name)
        if match and folder.is_dir() and not folder.is_symlink() and not _is_running(int(match["pid"])):
            shutil.rmtree(folder, ignore_errors=True)  # another account's stays: not ours to remove
            removed += [folder] if not folder.exists() else []
    partials = Path(cache_directory, PARTIAL_FOLDER) if cache_directory else None
    for partial in sorted(partials.glob(f"*{PARTIAL_SUFFIX}")) if partials and partials.is_dir() else ():
        match = _PARTIAL.match(partial.name)
        if match and match["host"] == socket.gethostname() and not _is_running(int(match["pid"])):
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
                removed.append(partial)
    return removed


def _is_running(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # os.kill ends the process there: never asked
    try:
        os.kill(pid, 0)  # sends nothing: only asks whether the process exists
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # another account's process, or a number this system cannot check: kept
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """Whether the process has ended but was not yet reaped (a killed worker whose parent was
    killed too waits for the system's first process to reap it, which in a container may be never);
    known where /proc tells it (Linux)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return status.rpartition(")")[2].split()[:1] in (["Z"], ["X"])
