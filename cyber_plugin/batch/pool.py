"""cyber-extract's process pool. The parent hands one file at a time to each worker process and
knows which filing each worker holds, so a worker that dies (out of memory, a crash in a native
library) costs that one filing, recorded with the reason."""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.resource_tracker
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from types import FrameType
from typing import Any, Final

from . import PROGRAM
from .worker import Outcome, ReaderSettings, StartFailure, failed_outcome, worker_main

# A worker is replaced after this many filings, which bounds what Arelle's process-wide caches
# (QNames, lxml's name dictionary) can grow to over thousands of filings.
FILINGS_PER_WORKER: Final = 100
_POLL_SECONDS: Final = 0.25  # how soon a Ctrl-C is noticed while every worker is busy
_STOP_GRACE_SECONDS: Final = 5.0


class BatchError(Exception):
    """The batch cannot go on (no worker could start); the message says why."""


class StopRequest:
    """Set by Ctrl-C (SIGINT) or SIGTERM; the pool stops handing out filings and ends."""

    def __init__(self) -> None:
        self.requested = False

    def __call__(self, signal_number: int, frame: FrameType | None) -> None:
        self.requested = True

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        previous = {number: signal.signal(number, self) for number in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """A process started meanwhile never sees a Ctrl-C: it inherits SIGINT blocked (held from its
    very first instruction until it ignores it: worker_main). Here a Ctrl-C meanwhile is held too,
    and answered when the block ends; ignoring it instead, as where signals cannot be blocked, would
    lose it."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: ignored meanwhile, then answered again
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)
        return
    # The first process a spawn context starts also starts multiprocessing's resource tracker,
    # and starting it unblocks SIGINT and SIGTERM in this thread: the worker started next would
    # inherit SIGINT unblocked. The tracker is started first, outside the block.
    multiprocessing.resource_tracker.ensure_running()
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


@dataclass
class Worker:
    process: Any
    connection: Connection
    source: str | None = None
    filings_read: int = 0

    @classmethod
    def start(cls, context: Any, settings: ReaderSettings) -> Worker:
        parent_end, child_end = context.Pipe()
        process = context.Process(
            target=worker_main, args=(child_end, settings), name=f"{PROGRAM}-worker", daemon=True
        )
        with _interrupts_held():
            process.start()
        child_end.close()
        return cls(process, parent_end)

    def assign(self, source: str) -> None:
        self.source = source
        with contextlib.suppress(OSError):  # a dead worker is noticed by its sentinel
            self.connection.send(source)

    def retire(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.send(None)
        self.process.join(_STOP_GRACE_SECONDS)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(_STOP_GRACE_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


def run_pool(
    sources: Sequence[str],
    settings: ReaderSettings,
    jobs: int,
    on_outcome: Callable[[Outcome], None],
    stop: StopRequest,
) -> None:
    """Read every source in `jobs` worker processes, calling `on_outcome` in the parent as each
    finishes (in completion order); returns early, with the workers stopped, when `stop` is set."""
    context = multiprocessing.get_context("spawn")  # Arelle keeps process-wide state: no fork
    pending = deque(sources)
    busy: list[Worker] = []

    def hand_out(worker: Worker | None) -> None:
        if pending and not stop.requested:
            if worker is None or worker.filings_read >= FILINGS_PER_WORKER:
                if worker is not None:
                    worker.retire()
                worker = Worker.start(context, settings)
            worker.assign(pending.popleft())
            busy.append(worker)
        elif worker is not None:
            worker.retire()

    try:
        for _ in range(min(jobs, len(pending))):
            hand_out(None)
        while busy and not stop.requested:
            ready = set(
                wait([w.connection for w in busy] + [w.process.sentinel for w in busy], _POLL_SECONDS)
            )
            for worker in [w for w in busy if w.connection in ready or w.process.sentinel in ready]:
                busy.remove(worker)
                outcome, alive = _outcome_of(worker, settings)
                on_outcome(outcome)
                worker.filings_read += 1
                if not alive:
                    worker.kill()  # reaps it; a new worker takes its place
                hand_out(worker if alive else None)
    finally:
        for worker in busy:
            worker.kill()


def _outcome_of(worker: Worker, settings: ReaderSettings) -> tuple[Outcome, bool]:
    """The outcome a worker sent, or a failure record when it died; and whether it lives on."""
    source = worker.source
    assert source is not None, "a busy worker holds a source"
    message: Any = None
    with contextlib.suppress(EOFError, OSError):
        if worker.connection.poll():
            message = worker.connection.recv()
    if isinstance(message, StartFailure):
        raise BatchError(f"a worker could not start Arelle: {message.reason}")
    if isinstance(message, Outcome):
        return message, worker.process.is_alive()
    worker.process.join(_STOP_GRACE_SECONDS)
    reason = (
        f"the worker process reading it ended unexpectedly (exit status {worker.process.exitcode}); "
        "it may need more memory than was available"
    )
    return failed_outcome(source, reason, settings), False
