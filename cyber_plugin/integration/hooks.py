"""What each Arelle hook does. `cyber_plugin/__init__.py` maps hooks here; every entry point is
guarded (see `guard`)."""

from __future__ import annotations

import logging
from collections.abc import Callable, MutableMapping
from typing import TYPE_CHECKING

from ..core.extraction import is_filing
from ..core.findings import CODE_PREFIX
from ..core.settings import OptionError
from ..outputs.summary import summary_lines
from . import prior, state, transforms, webservice
from .guard import guarded
from .options import add_options, settings_from
from .reporting import export_and_report, reported_reading

if TYPE_CHECKING:
    from optparse import OptionParser
    from tkinter import Menu

    from arelle.Cntlr import Cntlr
    from arelle.CntlrCmdLine import CntlrCmdLine
    from arelle.CntlrWinMain import CntlrWinMain
    from arelle.ModelValue import QName
    from arelle.ModelXbrl import ModelXbrl
    from arelle.RuntimeOptions import RuntimeOptions
    from arelle.ValidateXbrl import ValidateXbrl


@guarded
def register_transforms(custom_transforms: MutableMapping[QName, Callable[[str], str]]) -> None:
    transforms.register(custom_transforms)


@guarded
def add_command_line_options(parser: OptionParser) -> None:
    add_options(parser)


@guarded
def configure_run(cntlr: Cntlr, options: RuntimeOptions) -> None:
    state.begin_run(cntlr, None)  # until the options are known to be good, the plugin stands aside
    problems = webservice.option_problems(options)
    if not problems:
        try:
            state.begin_run(cntlr, settings_from(options))
            return
        except OptionError as error:
            problems = [(webservice.INVALID_OPTION, str(error))]
    for code, message in problems:
        cntlr.addToLog(message, messageCode=code, level=logging.ERROR)


@guarded
def compare_filing(cntlr: Cntlr, modelXbrl: ModelXbrl) -> None:
    """A command-line run that names a prior filing: compare the loaded filing with it, before the
    rules run (in validation or for the exports)."""
    settings = state.settings_of(cntlr)
    if settings is None or settings.compare is None or not is_filing(modelXbrl):
        return
    prior.compare_loaded_filing(modelXbrl, settings.compare)


@guarded
def validate_filing(val: ValidateXbrl) -> None:
    modelXbrl = val.modelXbrl
    cntlr = modelXbrl.modelManager.cntlr
    settings = state.settings_of(cntlr)
    if settings is None or not is_filing(modelXbrl):
        return
    reported_reading(modelXbrl, again=True)


@guarded
def export_filing(cntlr: CntlrCmdLine, options: RuntimeOptions, modelXbrl: ModelXbrl) -> None:
    settings = state.settings_of(cntlr)
    if settings is None or not (settings.exports or settings.summary):
        return
    if not is_filing(modelXbrl):
        modelXbrl.warning(
            CODE_PREFIX + "notAFiling",
            "Nothing was exported: %(entry)s is not an XBRL instance or inline XBRL filing.",
            modelObject=modelXbrl.modelDocument,
            entry=getattr(modelXbrl.modelDocument, "basename", "the entry point"),
        )
        return
    reading = reported_reading(modelXbrl)
    for path in settings.exports:
        export_and_report(modelXbrl, path, reading)
    if settings.summary:
        modelXbrl.info(
            CODE_PREFIX + "summary",
            "%(summary)s",
            modelObject=modelXbrl.modelDocument,
            summary="\n".join(summary_lines(reading.disclosure, reading.findings)),
        )


# The desktop application. The gui package (and with it Tk) is imported only when one of these
# runs, which the command line and servers never do.


@guarded
def add_view_menu(cntlr: CntlrWinMain, menu: Menu) -> None:
    from .gui import menus

    menus.add_view_menu(cntlr, menu)


@guarded
def add_tools_menu(cntlr: CntlrWinMain, menu: Menu) -> None:
    from .gui import menus

    menus.add_tools_menu(cntlr, menu)


@guarded
def show_loaded_filing(cntlr: CntlrWinMain, modelXbrl: ModelXbrl, attach: bool) -> None:
    if not is_filing(modelXbrl):
        return
    from .gui import menus

    menus.show_pane(cntlr, modelXbrl)
