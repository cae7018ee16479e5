"""The desktop tests' display (Xvfb on the first free number) and the drivers that run the real
Arelle desktop application on it (gui_driver.py, gui_settings_driver.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .paths import REPO

ARTIFACTS = REPO / "test-artifacts"
XVFB = shutil.which("Xvfb")


def xvfb_display() -> Iterator[str]:
    """An X display of its own (":90" ...) for as long as the caller holds it."""
    if XVFB is None:
        pytest.skip("Xvfb is not installed (.ci/run installs it); the GUI test needs an X display")
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    server = subprocess.Popen(
        [XVFB, f":{number}", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if time.monotonic() > deadline or server.poll() is not None:
            pytest.fail("Xvfb did not start")
        time.sleep(0.1)
    yield f":{number}"
    server.terminate()
    server.wait(timeout=20)


def drive(driver: str, display: str, folder: Path, *arguments: str | Path) -> None:
    """Run a driver script on the display with its own Arelle config; keep its screenshots."""
    environment = dict(os.environ, DISPLAY=display, XDG_CONFIG_HOME=str(folder / "config"))
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).with_name(driver)), *map(str, arguments)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    ARTIFACTS.mkdir(exist_ok=True)
    for screenshot in folder.glob("*.png"):
        shutil.copy(screenshot, ARTIFACTS / screenshot.name)
