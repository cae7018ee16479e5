"""Results worked out once per test run and shared by every pytest-xdist worker.

The same real filings are loaded, exported and run through Arelle by tests in several modules,
which xdist spreads over its workers. `once(key, work)` does the work in whichever worker asks
first, under a file lock, keeps its result (pickled) in the run's temporary folder, and gives the
other workers that copy. Nothing outlives the run: the folder is the run's own (pytest keeps the
last few runs' folders, as it does for tmp_path). A failed work is not kept: the next asker tries
again and fails the same way.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest
from filelock import FileLock

T = TypeVar("T")

_ROOT: list[Path] = []  # the run's shared folder, set by the session fixture in conftest.py
_KEPT: dict[str, Any] = {}  # this worker's copies


def share_in(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Set the run's shared folder: beside the workers' own folders under xdist, else this
    process's own."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-results"
    root.mkdir(exist_ok=True)
    _ROOT[:] = [root]
    return root


def once(key: str, work: Callable[[Path], T]) -> T:
    """`work(folder)`'s result, worked out once per run: `folder` is a fresh folder of the run's
    shared folder, where the work may leave files that the result names."""
    if key in _KEPT:
        return _KEPT[key]  # type: ignore[no-any-return]
    assert _ROOT, "run_cache.share_in() was not called (the session fixture in conftest.py does)"
    name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    result_file = _ROOT[0] / f"{name}.pickle"
    with FileLock(_ROOT[0] / f"{name}.lock"):
        if result_file.exists():
            result = pickle.loads(result_file.read_bytes())
        else:
            folder = _ROOT[0] / name
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            result = work(folder)
            written = result_file.with_suffix(".part")
            written.write_bytes(pickle.dumps(result))
            written.replace(result_file)
    _KEPT[key] = result
    return result


def in_worker_order(keys: Sequence[T]) -> list[T]:
    """`keys` in the order this worker should work them out: one worker from the front, the other
    from the back, so that two workers that need the same results share the work instead of one
    waiting on the other's lock at every step."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return list(keys) if int(worker.removeprefix("gw") or 0) % 2 == 0 else list(reversed(keys))
