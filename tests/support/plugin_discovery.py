"""Arelle's plugin discovery, done once per test process.

Whenever a run names a plugin (`--plugins cyber_plugin`, `RuntimeOptions(plugins=...)`), Arelle
first reads the `__pluginInfo__` of every plugin it ships and of every installed entry point
(`EntryPointRef.discoverAll`) to find the name among them: about a quarter of a second each time a
controller is made, and the result is dropped with the controller. The suite makes some three
hundred controllers on one unchanging installation, in its own processes and in the runs forked
from the fork server (arelle_runner.py --serve). `remember_discovery()` keeps the first
discovery's result for the process's life and hands it to every later plugin manager; what a run
does with it (finding the plugin by its name or an alias, loading it, calling its hooks) is
Arelle's own, unchanged. Every process the tests start from an installed script (arelleCmdLine,
cyber-extract and its workers, the web servers) discovers as users' runs do.
"""

from __future__ import annotations

from typing import Any

_DISCOVERED: list[Any] = []


def remember_discovery() -> None:
    """From now on in this process, Arelle's plugin discovery runs once."""
    from arelle.plugin_system.entry_point_ref import EntryPointRef

    if getattr(EntryPointRef.discoverAll, "remembered", False):
        return
    discover_all = EntryPointRef.discoverAll

    def discover_once(plugin_manager: Any = None) -> list[Any]:
        from arelle.PluginManager import getInstance

        manager = plugin_manager or getInstance()
        if manager._entryPointRefCache is None:
            if not _DISCOVERED:
                _DISCOVERED.append(discover_all(plugin_manager=manager))
            manager._entryPointRefCache = _DISCOVERED[0]
        return manager._entryPointRefCache  # type: ignore[no-any-return]

    discover_once.remembered = True  # type: ignore[attr-defined]
    EntryPointRef.discoverAll = staticmethod(discover_once)  # type: ignore[method-assign]


def discover_now() -> None:
    """Discover the plugins here and now (the fork server does, so that its runs inherit it)."""
    from arelle.CntlrCmdLine import CntlrCmdLine
    from arelle.plugin_system.entry_point_ref import EntryPointRef

    remember_discovery()
    cntlr = CntlrCmdLine(disable_persistent_config=True)
    try:
        EntryPointRef.discoverAll()
    finally:
        cntlr.close()
