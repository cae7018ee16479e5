"""One writer per output: a lock file beside each output (`cyd.jsonl.lock` beside `cyd.jsonl`,
`tables.lock` beside the directory `tables/`), held for the whole run.

The lock is the operating system's lock on that file (filelock: `flock` on Unix, `LockFileEx`
on Windows), which ends with the process that holds it, however it ends: the lock a killed run
leaves behind is no lock at all, and the next run takes it over at once (and says so). The file
holds who has the lock (process id, host, start time) for the message a second run stops with;
it is removed when the run ends, while still held, so that no other run can be left holding a
removed file. The lock is placed beside the output's real path (links resolved), so that two
spellings of one output share it.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from filelock import FileLock, Timeout

from ..core.regular_files import open_regular_file
from .records import DatasetError

LOCK_SUFFIX: Final = ".lock"
_HOLDER_BYTES: Final = 4096


class OutputLocked(DatasetError):
    """Another run is writing the output; the message names it."""


@dataclass(frozen=True)
class Holder:
    """The run that holds an output's lock."""

    pid: int
    host: str
    started: str  # ISO 8601, to the second, with the UTC offset

    def __str__(self) -> str:
        return f"process {self.pid} on {self.host}, started {self.started}"


def lock_path(output: str | os.PathLike[str]) -> Path:
    real = Path(os.path.realpath(output))
    return real.with_name(real.name + LOCK_SUFFIX)


@contextlib.contextmanager
def locked_outputs(outputs: Iterable[str | os.PathLike[str]], warn: Callable[[str], None]) -> Iterator[None]:
    """Every output locked for the block, in one order (so two runs never wait on each other);
    OutputLocked, at once, when another run holds one (those taken are released again)."""
    started = datetime.now().astimezone().isoformat("T", "seconds")
    this_run = Holder(os.getpid(), socket.gethostname(), started)
    by_lock = {lock_path(output): os.path.abspath(output) for output in outputs}
    with contextlib.ExitStack() as stack:
        for lock_file in sorted(by_lock):
            stack.enter_context(_held(lock_file, by_lock[lock_file], this_run, warn))
        yield


@contextlib.contextmanager
def _held(lock_file: Path, output: str, this_run: Holder, warn: Callable[[str], None]) -> Iterator[None]:
    left_behind: list[Holder | None] = []

    def take(descriptor: int) -> None:
        """Called with the lock just taken: whoever the file names held it before and is gone."""
        left_behind.append(_holder_in(_read(descriptor)))
        os.ftruncate(descriptor, 0)
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.write(descriptor, json.dumps(asdict(this_run)).encode("utf-8"))

    if not lock_file.parent.is_dir():  # filelock would make it: a mistyped folder must not appear
        folder = os.fspath(lock_file.parent)
        raise DatasetError(f"cannot write {output!r}: the folder {folder!r} does not exist")
    lock = FileLock(lock_file, timeout=0, on_acquired=take)
    try:
        lock.acquire()
    except Timeout:
        holder = _holder_in(_read_file(lock_file))
        raise OutputLocked(
            f"{output!r} is being written by another cyber-extract run "
            f"({holder or f'named in {os.fspath(lock_file)!r}'}); nothing was read or written. Wait for "
            "it to end, or give another output."
        ) from None
    except OSError as error:
        raise DatasetError(
            f"cannot write {output!r}: its lock file {os.fspath(lock_file)!r} cannot be made: "
            f"{error.strerror or error}"
        ) from None
    try:
        if left_behind and left_behind[0] is not None:
            warn(
                f"{output!r} was locked by a run that ended without releasing it ({left_behind[0]}), "
                "perhaps killed; this run takes the lock over and resumes the output"
            )
        yield
    finally:
        with contextlib.suppress(OSError):
            os.remove(lock_file)  # while held: see the module's docstring
        lock.release()


def _read(descriptor: int) -> bytes:
    os.lseek(descriptor, 0, os.SEEK_SET)
    return os.read(descriptor, _HOLDER_BYTES)


def _read_file(path: Path) -> bytes:
    try:
        with open_regular_file(path) as stream:
            return stream.read(_HOLDER_BYTES)
    except OSError:  # gone meanwhile, or locked against reading (Windows)
        return b""


def _holder_in(content: bytes) -> Holder | None:
    try:
        fields = json.loads(content)
        return Holder(int(fields["pid"]), str(fields["host"]), str(fields["started"]))
    except (ValueError, TypeError, KeyError):
        return None
