"""cyber_plugin: reads and checks SEC cybersecurity disclosures (cyd) in Arelle.

This module only maps Arelle's hooks to the code in the submodules (Arelle registers a hook
only when its function is defined in the file that holds __pluginInfo__).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Arelle's classes, for the type checker only: nothing is imported at run time
    from collections.abc import Callable
    from optparse import OptionParser
    from tkinter import Menu

    from arelle.Cntlr import Cntlr
    from arelle.CntlrCmdLine import CntlrCmdLine
    from arelle.CntlrWinMain import CntlrWinMain
    from arelle.ModelValue import QName
    from arelle.ModelXbrl import ModelXbrl
    from arelle.RuntimeOptions import RuntimeOptions
    from arelle.ValidateXbrl import ValidateXbrl
    from bottle import Bottle

PLUGIN_NAME = "Cybersecurity Disclosure (cyd)"
PLUGIN_VERSION = "0.1.0"


def load_plugin_url() -> str:
    """Entry point (group arelle.plugin): where Arelle finds __pluginInfo__."""
    return __file__


def loadCustomTransforms(
    customTransforms: dict[QName, Callable[[str], str]], *args: Any, **kwargs: Any
) -> None:
    from .integration.hooks import register_transforms

    register_transforms(customTransforms)


def commandLineOptions(parser: OptionParser, *args: Any, **kwargs: Any) -> None:
    from .integration.hooks import add_command_line_options

    add_command_line_options(parser)


def commandLineUtilityRun(cntlr: Cntlr, options: RuntimeOptions, *args: Any, **kwargs: Any) -> None:
    from .integration.hooks import configure_run

    configure_run(cntlr, options)


def commandLineXbrlLoaded(
    cntlr: CntlrCmdLine, options: RuntimeOptions, modelXbrl: ModelXbrl, *args: Any, **kwargs: Any
) -> None:
    from .integration.hooks import compare_filing

    compare_filing(cntlr, modelXbrl)


def validateXbrlFinally(val: ValidateXbrl, *args: Any, **kwargs: Any) -> None:
    from .integration.hooks import validate_filing

    validate_filing(val)


def commandLineXbrlRun(
    cntlr: CntlrCmdLine, options: RuntimeOptions, modelXbrl: ModelXbrl, *args: Any, **kwargs: Any
) -> None:
    from .integration.hooks import export_filing

    export_filing(cntlr, options, modelXbrl)


def startWebServer(app: Bottle, cntlr: CntlrCmdLine, *args: Any, **kwargs: Any) -> None:
    from .integration.webservice import add_routes

    add_routes(app, cntlr)  # returns None: Arelle's own routes stay


def guiMenuView(cntlr: CntlrWinMain, menu: Menu, *args: Any, **kwargs: Any) -> None:
    from .integration.hooks import add_view_menu

    add_view_menu(cntlr, menu)


def guiMenuTools(cntlr: CntlrWinMain, menu: Menu, *args: Any, **kwargs: Any) -> None:
    from .integration.hooks import add_tools_menu

    add_tools_menu(cntlr, menu)


def guiXbrlLoaded(
    cntlr: CntlrWinMain, modelXbrl: ModelXbrl, attach: bool = False, *args: Any, **kwargs: Any
) -> None:
    from .integration.hooks import show_loaded_filing

    show_loaded_filing(cntlr, modelXbrl, attach)


__pluginInfo__ = {
    "name": PLUGIN_NAME,
    "aliases": ("cyber_plugin", "cyber", "cyd"),
    "version": PLUGIN_VERSION,
    "description": "Extracts the SEC Cybersecurity Disclosure (cyd) facts of 10-K Item 1C, "
    "20-F Item 16K and 8-K Item 1.05, checks that they agree with each other, and exports them.",
    "license": "Apache-2.0",
    "author": "cyber_plugin developers",
    "copyright": "(c) cyber_plugin developers",
    "ModelManager.LoadCustomTransforms": loadCustomTransforms,
    "CntlrCmdLine.Options": commandLineOptions,
    "CntlrCmdLine.Utility.Run": commandLineUtilityRun,
    "CntlrCmdLine.Xbrl.Loaded": commandLineXbrlLoaded,
    "Validate.XBRL.Finally": validateXbrlFinally,
    "CntlrCmdLine.Xbrl.Run": commandLineXbrlRun,
    "CntlrWebMain.StartWebServer": startWebServer,
    "CntlrWinMain.Menu.View": guiMenuView,
    "CntlrWinMain.Menu.Tools": guiMenuTools,
    "CntlrWinMain.Xbrl.Loaded": guiXbrlLoaded,
}
