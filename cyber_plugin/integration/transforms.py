"""The SEC's yes/no inline transforms, so flags tagged with them read without other plugins.

The SEC's transformation registry (namespace below) defines 18 formats, none of which core Arelle
knows. The plugin teaches Arelle only the two that yes/no facts use, `ixt-sec:boolballotbox` and
`ixt-sec:yesnoballotbox`, exactly as the registry defines them; the others (durations, number
words, country, state and exchange names) stay with EDGAR's own transforms plugin. A name the
registry does not define (such as `ixt-sec:booleantrue`) is never registered, so Arelle still
reports it as `ix11.11.1.2:invalidTransformation`, as EDGAR does: the plugin must not change
another validator's results. Registered through ModelManager.LoadCustomTransforms only where no
other plugin (such as EDGAR's) has registered the same name first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from typing import Final

from arelle.formula.XPathContext import FunctionArgType
from arelle.ModelValue import QName

SEC_TRANSFORMS_NAMESPACE: Final = "http://www.sec.gov/inlineXBRL/transformation/2015-08-31"
# One ballot box (U+2610 to U+2612) with only XML white space around it: a no-break or thin space
# is not white space to the registry, and EDGAR rejects it.
_BALLOT_BOX: Final = re.compile(r"[ \t\n\r]*([\u2610-\u2612])[ \t\n\r]*")
_CHECKED: Final = frozenset("\u2611\u2612")  # ☑ ☒; ☐ (U+2610) is unchecked


def _ballot_box(text: str, name: str) -> bool:
    match = _BALLOT_BOX.fullmatch(text)
    if match is None:
        # Arelle reports this exception as ix transformValueError on the fact.
        raise FunctionArgType(0, f"ixt-sec:{name}", value=text)
    return match.group(1) in _CHECKED


def boolballotbox(text: str) -> str:
    """☐ -> false; ☑ or ☒ -> true."""
    return "true" if _ballot_box(text, "boolballotbox") else "false"


def yesnoballotbox(text: str) -> str:
    """☐ -> No; ☑ or ☒ -> Yes (a string; extraction reads it as a flag)."""
    return "Yes" if _ballot_box(text, "yesnoballotbox") else "No"


SEC_BOOLEAN_TRANSFORMS: Final[dict[str, Callable[[str], str]]] = {
    "boolballotbox": boolballotbox,
    "yesnoballotbox": yesnoballotbox,
}


def register(custom_transforms: MutableMapping[QName, Callable[[str], str]]) -> None:
    for name, function in SEC_BOOLEAN_TRANSFORMS.items():
        custom_transforms.setdefault(QName("ixt-sec", SEC_TRANSFORMS_NAMESPACE, name), function)
