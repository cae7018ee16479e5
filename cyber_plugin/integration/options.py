"""The plugin's command-line options, checked when they are parsed (before any loading)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from optparse import OptionGroup, OptionParser
from typing import Any

from ..checks import RULE_CODES
from ..core.settings import OptionError, RuleSettings, parse_items, parse_rules
from ..outputs import renderer_for


@dataclass(frozen=True)
class RunSettings:
    """Everything a run asked of the plugin."""

    rules: RuleSettings = field(default_factory=RuleSettings)
    exports: tuple[str, ...] = ()
    summary: bool = False


def add_options(parser: OptionParser) -> None:
    group = OptionGroup(parser, "Cybersecurity disclosure (cyber_plugin)")
    group.add_option(
        "--cyber-export",
        dest="cyberExport",
        action="callback",
        type="string",
        default=None,
        callback=_checked(lambda value: renderer_for(value), append=True),
        help="Write the filing's cyd facts and findings to PATH; the format follows the "
        "extension (.json). May be given more than once.",
        metavar="PATH",
    )
    group.add_option(
        "--cyber-rules",
        dest="cyberRules",
        action="callback",
        type="string",
        default=None,
        callback=_checked(lambda value: parse_rules(value, RULE_CODES)),
        help="Switch rules off or change their severity: a comma-separated list of '-CODE' and "
        "'CODE=error|warning|info', e.g. '-CYBER.missingElement,CYBER.taxonomyYear=error'.",
        metavar="SPEC",
    )
    group.add_option(
        "--cyber-8k-items",
        dest="cyber8kItems",
        action="callback",
        type="string",
        default=None,
        callback=_checked(parse_items),
        help="The 8-K items the submission reports, e.g. '1.05,9.01' (from the EDGAR header); "
        "with 1.05, a filing without cyd facts draws CYBER.incidentNotTagged.",
        metavar="ITEMS",
    )
    group.add_option(
        "--cyber-summary",
        dest="cyberSummary",
        action="store_true",
        default=False,
        help="Log a short summary of the filing's cybersecurity disclosure.",
    )
    parser.add_option_group(group)


def _checked(check: Callable[[str], object], append: bool = False) -> Callable[..., None]:
    """An optparse callback that rejects a bad value at parse time with Arelle's usage error."""

    def callback(option: Any, opt_str: str, value: str, parser: OptionParser) -> None:
        try:
            check(value)
        except OptionError as error:
            parser.error(str(error))
        if append:
            value = [*(getattr(parser.values, option.dest, None) or []), value]
        setattr(parser.values, option.dest, value)

    return callback


def settings_from(options: Any) -> RunSettings:
    """RunSettings from parsed options (or an API caller's RuntimeOptions); raises OptionError."""
    exports = getattr(options, "cyberExport", None) or ()
    if isinstance(exports, str):
        exports = (exports,)
    for path in exports:
        renderer_for(path)
    disabled, severities = parse_rules(getattr(options, "cyberRules", None), RULE_CODES)
    return RunSettings(
        rules=RuleSettings(
            disabled=disabled,
            severities=severities,
            eight_k_items=parse_items(getattr(options, "cyber8kItems", None)),
        ),
        exports=tuple(str(path) for path in exports),
        summary=bool(getattr(options, "cyberSummary", False)),
    )
