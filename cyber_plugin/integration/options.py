"""The plugin's options, each defined once (name, destination, help, check) in one table.

Arelle's command line (optparse) gets them as --cyber-NAME; cyber-extract's (argparse) gets the
rule options as --NAME. Either parser checks a value with the same function when it is parsed,
before anything is loaded, and the error names the option as the user typed it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from optparse import Option, OptionGroup, OptionParser
from typing import TYPE_CHECKING, Any, Final

from ..core.settings import OptionError, RuleSettings
from ..outputs import RENDERERS, by_extension, extension_list
from . import settings_codec
from .settings_codec import PLUGIN_PREFIX, SHORT_PREFIX

if TYPE_CHECKING:
    from arelle.RuntimeOptions import RuntimeOptions

# Checks a value given to the option named as the user typed it; raises OptionError.
Check = Callable[[str, str], object]


@dataclass(frozen=True)
class OptionSpec:
    stem: str  # the name after the prefix
    dest: str  # the attribute on the parsed options (also what Arelle's API callers set)
    help: str  # '{option}' is replaced by the option's full name
    metavar: str | None = None  # None: a switch that takes no value
    check: Check | None = None
    repeatable: bool = False

    def help_for(self, name: str) -> str:
        return self.help.format(option=name)


@dataclass(frozen=True)
class RunSettings:
    """Everything a run asked of the plugin."""

    rules: RuleSettings = field(default_factory=RuleSettings)
    exports: tuple[str, ...] = ()
    summary: bool = False
    compare: str | None = None  # the prior filing to compare the filing with


def _prior_named(value: str, option: str) -> str:
    """A prior filing's path or URL: anything but nothing."""
    if not value.strip():
        raise OptionError(f"{option} needs the prior filing's path or URL")
    return value


EXPORT: Final = OptionSpec(
    "export",
    "cyberExport",
    "Write the filing's cyd facts and findings to PATH; the format follows the extension "
    f"({extension_list(RENDERERS)}). May be given more than once.",
    "PATH",
    lambda path, option: by_extension(path, RENDERERS, option),
    repeatable=True,
)
COMPARE: Final = OptionSpec(
    "compare",
    "cyberCompare",
    "Compare the filing with the prior filing at PATH (usually last year's annual report, or the 8-K "
    "an 8-K/A amends): a file, archive or URL, loaded as the filing is, or the prior filing's JSON "
    "export (.json). CYBER.elementDropped and CYBER.flagChanged report what changed, and every export "
    "shows it.",
    "PATH",
    _prior_named,
)
RULES: Final = OptionSpec(
    settings_codec.RULES_STEM,
    settings_codec.RULES_DEST,
    "Switch rules off or change their severity: a comma-separated list of '-CODE' and "
    "'CODE=error|warning|info', e.g. {option}=-CYBER.missingElement,CYBER.taxonomyYear=error "
    "(a list that starts with '-' is attached with '=').",
    "SPEC",
    settings_codec.parse_rules,
)
EIGHT_K_ITEMS: Final = OptionSpec(
    settings_codec.ITEMS_STEM,
    settings_codec.ITEMS_DEST,
    "The 8-K items the submission reports, e.g. '1.05,9.01' (from the EDGAR header); "
    "with 1.05, a filing without cyd facts draws CYBER.incidentNotTagged.",
    "ITEMS",
    settings_codec.parse_items,
)
SUMMARY: Final = OptionSpec(
    "summary", "cyberSummary", "Log a short summary of the filing's cybersecurity disclosure."
)
PLUGIN_OPTIONS: Final = (EXPORT, COMPARE, RULES, EIGHT_K_ITEMS, SUMMARY)
RULE_OPTIONS: Final = (RULES, EIGHT_K_ITEMS)  # shared with cyber-extract


def _stored_value(check: Check, value: str, option: str, previous: Any, repeatable: bool) -> Any:
    """The value to store once `check` accepts it (OptionError otherwise): appended to the earlier
    ones for a repeatable option."""
    check(value, option)
    return [*(previous or []), value] if repeatable else value


# Arelle's command line (optparse).


def add_options(parser: OptionParser) -> None:
    group = OptionGroup(parser, "Cybersecurity disclosure (cyber_plugin)")
    for spec in PLUGIN_OPTIONS:
        name = PLUGIN_PREFIX + spec.stem
        if spec.check is None:
            group.add_option(
                name, dest=spec.dest, action="store_true", default=False, help=spec.help_for(name)
            )
            continue
        group.add_option(
            name,
            dest=spec.dest,
            action="callback",
            type="string",
            default=None,
            callback=_optparse_callback(spec.check, spec.dest, spec.repeatable),
            help=spec.help_for(name),
            metavar=spec.metavar,
        )
    parser.add_option_group(group)


def _optparse_callback(check: Check, dest: str, repeatable: bool) -> Callable[..., None]:
    """Rejects a bad value at parse time with Arelle's usage error; stores a good one in `dest`."""

    def callback(option: Option, opt_str: str, value: str, parser: OptionParser) -> None:
        try:
            stored = _stored_value(check, value, opt_str, getattr(parser.values, dest, None), repeatable)
        except OptionError as error:
            parser.error(str(error))
        setattr(parser.values, dest, stored)

    return callback


def settings_from(options: RuntimeOptions) -> RunSettings:
    """RunSettings from parsed options (or an API caller's RuntimeOptions); raises OptionError."""
    exports = getattr(options, EXPORT.dest, None) or ()
    if isinstance(exports, str):
        exports = (exports,)
    for path in exports:
        by_extension(path, RENDERERS, PLUGIN_PREFIX + EXPORT.stem)
    compare = getattr(options, COMPARE.dest, None)
    if compare is not None:
        _prior_named(str(compare), PLUGIN_PREFIX + COMPARE.stem)
    return RunSettings(
        rules=settings_codec.parse(vars(options), settings_codec.ARELLE_OPTIONS),
        exports=tuple(str(path) for path in exports),
        summary=bool(getattr(options, SUMMARY.dest, False)),
        compare=None if compare is None else str(compare),
    )


# cyber-extract's command line (argparse).


class CheckedValue(argparse.Action):
    """An option whose value `check` accepts or rejects when it is parsed, with the parser's usage
    error naming the option as typed; `repeatable` collects every value given in a list."""

    def __init__(
        self, option_strings: Sequence[str], dest: str, check: Check, repeatable: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(option_strings, dest, **kwargs)
        self.check = check
        self.repeatable = repeatable

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        option = option_string or self.dest
        try:
            stored = _stored_value(
                self.check, values, option, getattr(namespace, self.dest, None), self.repeatable
            )
        except OptionError as error:
            parser.error(str(error))
        setattr(namespace, self.dest, stored)


def add_arguments(parser: argparse.ArgumentParser, specs: Sequence[OptionSpec] = RULE_OPTIONS) -> None:
    """The options with values among `specs`, named with cyber-extract's short prefix."""
    for spec in specs:
        assert spec.check is not None, f"{spec.stem} takes no value"
        name = SHORT_PREFIX + spec.stem
        parser.add_argument(
            name,
            dest=spec.dest,
            action=CheckedValue,
            check=spec.check,
            repeatable=spec.repeatable,
            metavar=spec.metavar,
            help=spec.help_for(name),
        )
