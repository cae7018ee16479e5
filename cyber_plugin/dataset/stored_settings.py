"""The rule settings a dataset was written with, stored with it, so that a resumed run never adds
records made under other settings (its findings would not be comparable).

They are kept in a small JSON file: inside a directory output (`DIR/cyber-extract-settings.json`),
beside a file output (`cyd.jsonl` -> `cyd.jsonl.settings.json`), whatever the dataset's format,
spelt as cyber-extract's options. They are compared by meaning, not spelling (settings_codec):
`--rules CYBER.duplicate=info`, that rule's own grade, resumes a dataset written without --rules.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from ..core.settings import OptionError, RuleSettings
from ..integration import settings_codec
from ..outputs import write_atomically
from .records import DatasetError

SETTINGS_FORMAT: Final = "cyber-extract-settings"
SETTINGS_VERSION: Final = 1
IN_DIRECTORY: Final = "cyber-extract-settings.json"
BESIDE_FILE: Final = ".settings.json"

Options = dict[str, str]


def settings_path(output: Path) -> Path:
    return output / IN_DIRECTORY if output.is_dir() else output.with_name(output.name + BESIDE_FILE)


def check_settings(output: Path, has_records: bool, rules: RuleSettings, warn: Callable[[str], None]) -> None:
    """Raises DatasetError when the output holds records made under other settings; warns when it
    holds records of unknown settings (written before settings were stored). Touches nothing."""
    if not has_records:
        return
    path = settings_path(output)
    stored = _stored_options(path)
    wanted = settings_codec.write(rules, settings_codec.STORED_SETTINGS)
    if stored is None:
        warn(
            f"{os.fspath(output)!r} does not say which rule settings its records were made with (an "
            f"earlier version wrote it); this run's ({_command_line(wanted)}) are recorded for it now"
        )
    elif _meaning(stored, path) != settings_codec.parse(wanted, settings_codec.STORED_SETTINGS):
        raise DatasetError(
            f"{os.fspath(output)!r} holds records made with {_command_line(stored)}, but this run asks for "
            f"{_command_line(wanted)}: resuming would mix findings made under different rules. Nothing was "
            "read. Give a new output for these settings; or run again with the dataset's settings; or, to "
            f"re-read every filing under the new ones, move the dataset and {settings_path(output).name!r} "
            "beside it away first."
        )


def store_settings(output: Path, rules: RuleSettings) -> None:
    """Record the settings with an opened output (in one atomic step, with the permissions a new
    output gets), unless already there."""
    path = settings_path(output)
    wanted = settings_codec.write(rules, settings_codec.STORED_SETTINGS)
    if path.exists() and _stored_options(path) == wanted:
        return
    content = {"format": SETTINGS_FORMAT, "version": SETTINGS_VERSION, "options": wanted}
    try:
        write_atomically(path, (json.dumps(content, indent=2) + "\n").encode("utf-8"))
    except OSError as error:
        raise DatasetError(f"cannot write {os.fspath(path)!r}: {error.strerror or error}") from None


def _stored_options(path: Path) -> Options | None:
    """The options a settings file holds; None when there is none."""
    try:
        content: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise DatasetError(f"cannot read the dataset's settings {os.fspath(path)!r}: {error}") from None
    if not isinstance(content, dict) or content.get("format") != SETTINGS_FORMAT:
        raise DatasetError(f"{os.fspath(path)!r} is not a {SETTINGS_FORMAT} file; move it away")
    options = content.get("options")
    return {str(name): str(value) for name, value in options.items()} if isinstance(options, dict) else {}


def _meaning(options: Options, path: Path) -> RuleSettings:
    """The settings a stored file's options mean."""
    try:
        return settings_codec.parse(options, settings_codec.STORED_SETTINGS)
    except OptionError as error:  # a rule this version does not have
        raise DatasetError(f"{os.fspath(path)!r} holds settings this version cannot use: {error}") from None


def _command_line(options: Options) -> str:
    given = [f"{name}={value}" for name, value in options.items() if value]
    return " ".join(given) if given else "the default rule settings"
