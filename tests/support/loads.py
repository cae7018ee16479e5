"""Arelle in-process: `load_in_session` (one run with the plugin, its model kept open),
`load_once` (one load per filing and mode for the whole test session, kept as plain data) and
`export_once` (a filing's exports in every format, from the same run as its load without
validation).

Several test files compare the same filings loaded in different ways (with and without the
samples' schemas, with and without the plugin); each load is made once and its session closed at
once, so that the real 10-Ks are not loaded again for every comparison.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cyber_plugin.core.disclosure import Disclosure
from cyber_plugin.core.extraction import read_filing_section
from cyber_plugin.core.section import Section

from .command_line import EXPORT_FORMATS, CommandResult, Export
from .paths import TAXONOMY_CACHE
from .run_cache import once


@dataclass
class Loaded:
    """One in-process Arelle run with the plugin."""

    messages: list[dict[str, Any]]
    model: Any
    success: bool
    session: Any = field(repr=False)

    def messages_with(self, code: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m.get("messageCode") == code]

    @property
    def cyber_messages(self) -> list[dict[str, Any]]:
        return [m for m in self.messages if str(m.get("messageCode", "")).startswith("CYBER.")]

    @property
    def cyber_codes(self) -> list[str]:
        return [m["messageCode"] for m in self.cyber_messages]

    @property
    def disclosure(self) -> Any:
        from cyber_plugin.integration.state import reading_of

        return reading_of(self.model).disclosure


def load_in_session(
    path: Path | str,
    validate: bool = True,
    cache: bool = True,
    plugins: str | None = "cyber_plugin",
    disclosure_system: str | None = None,
    **plugin_options: Any,
) -> Loaded:
    """One in-process Arelle run with the plugin, offline; the caller closes `Loaded.session`.

    cache=False loads without the samples' schemas, as users load real filings offline;
    plugins=None loads without any plugin; disclosure_system selects one (e.g. "efm-pragmatic").
    """
    from arelle.api.Session import Session
    from arelle.logging.handlers.StructuredMessageLogHandler import StructuredMessageLogHandler
    from arelle.RuntimeOptions import RuntimeOptions

    session = Session()
    options = RuntimeOptions(
        entrypointFile=str(path),
        plugins=plugins,
        workOffline=True,
        cacheDirectory=str(TAXONOMY_CACHE) if cache else None,
        validate=validate,
        disclosureSystemName=disclosure_system,
        keepOpen=True,
        pluginOptions=plugin_options or None,
    )
    success = session.run(options, logHandler=StructuredMessageLogHandler())
    models = session.get_models()
    # A copy: the session's log handler stays on Arelle's logger and would also collect later runs.
    messages = list(session.get_log_messages())
    return Loaded(messages, models[0] if models else None, success, session)


@dataclass(frozen=True)
class Message:
    code: str
    level: str
    text: str
    refs: tuple[tuple[str, int | None], ...]  # (href, source line)


@dataclass(frozen=True)
class LoadRecord:
    messages: tuple[Message, ...]
    disclosure: Disclosure | None  # None when the plugin was not loaded
    # The section as the reader finds it when it walks the documents for the cyd text blocks
    # itself, instead of taking them from the plugin's reading of Arelle's facts.
    walked_section: Section | None = None

    @property
    def arelle_problems(self) -> tuple[Message, ...]:
        """Arelle's own errors and warnings (every message that is not the plugin's nor info)."""
        return tuple(m for m in self.messages if not m.code.startswith("CYBER.") and m.level not in _QUIET)

    @property
    def cyber_codes(self) -> tuple[str, ...]:
        return tuple(m.code for m in self.messages if m.code.startswith("CYBER."))


_QUIET = ("INFO", "DEBUG")


def _message(entry: dict[str, Any]) -> Message:
    refs = tuple((ref.get("href", ""), ref.get("sourceLine")) for ref in entry.get("refs", []))
    return Message(str(entry.get("messageCode", "")), str(entry.get("levelname", "")), entry["msg"], refs)


def load_once(path: Path, cache: bool, plugin: bool = True, validate: bool = True) -> LoadRecord:
    """The filing loaded offline, with or without the samples' schemas and the plugin: once per
    test run, whichever worker asks first (tests/support/run_cache.py). A load with the plugin and
    without validation is the one that also writes the filing's exports (`export_once`)."""
    if plugin and not validate:
        return _loaded_and_exported(path, cache)[0]
    key = f"load {path} cache={cache} plugin={plugin} validate={validate}"
    return once(key, lambda _: _loaded_once(path, cache, plugin, validate)[0])


def export_once(path: Path, cache: bool) -> Export:
    """`-f path --cyber-export` in every format (as the command line runs it, in this process),
    once per test run: the run `load_once(path, cache, validate=False)` reads too."""
    return _loaded_and_exported(path, cache)[1]


def _loaded_and_exported(path: Path, cache: bool) -> tuple[LoadRecord, Export]:
    return once(f"load and export {path} cache={cache}", lambda folder: _load_and_export(path, cache, folder))


def _load_and_export(path: Path, cache: bool, folder: Path) -> tuple[LoadRecord, Export]:
    files = {extension: folder / f"{path.stem}{extension}" for extension in EXPORT_FORMATS}
    record, success = _loaded_once(
        path, cache, True, False, cyberExport=[str(file) for file in files.values()]
    )
    log = [{"code": message.code, "level": message.level.lower()} for message in record.messages]
    return record, Export(files, CommandResult(0 if success else 1, "", "", log))


def _loaded_once(
    path: Path, cache: bool, plugin: bool, validate: bool, **plugin_options: Any
) -> tuple[LoadRecord, bool]:
    """The load's record, and whether Arelle's run succeeded."""
    loaded = load_in_session(
        path, cache=cache, plugins="cyber_plugin" if plugin else None, validate=validate, **plugin_options
    )
    try:
        disclosure = loaded.disclosure if plugin else None
        record = LoadRecord(
            tuple(_message(entry) for entry in loaded.messages),
            # A pickled copy holds no Arelle objects, so the closed model can be freed.
            pickle.loads(pickle.dumps(disclosure)),
            read_filing_section(loaded.model, disclosure.filing) if disclosure is not None else None,
        )
        return record, loaded.success
    finally:
        loaded.session.close()
