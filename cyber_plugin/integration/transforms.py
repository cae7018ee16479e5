"""The SEC's yes/no inline transforms, so flags tagged with them read without other plugins.

Registered through ModelManager.LoadCustomTransforms only where no other plugin (such as
EDGAR's own transforms) has registered the same name first.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Final

from arelle.formula.XPathContext import FunctionArgType
from arelle.ModelValue import QName, qname

SEC_TRANSFORMS_NAMESPACE: Final = "http://www.sec.gov/inlineXBRL/transformation/2015-08-31"
_UNCHECKED: Final = frozenset("\u2610")  # ☐
_CHECKED: Final = frozenset("\u2611\u2612")  # ☑ ☒


def _ballot_box(text: str) -> bool:
    mark = text.strip()
    if len(mark) == 1 and mark in _CHECKED:
        return True
    if len(mark) == 1 and mark in _UNCHECKED:
        return False
    # Arelle reports this exception as ix transformValueError on the fact.
    raise FunctionArgType(0, "ixt-sec:boolballotbox", value=text)


def boolballotbox(text: str) -> str:
    """☐ -> false; ☑ or ☒ -> true."""
    return "true" if _ballot_box(text) else "false"


def yesnoballotbox(text: str) -> str:
    """☐ -> No; ☑ or ☒ -> Yes (a string; extraction reads it as a flag)."""
    return "Yes" if _ballot_box(text) else "No"


def booleantrue(text: str) -> str:
    return "true"


def booleanfalse(text: str) -> str:
    return "false"


SEC_BOOLEAN_TRANSFORMS: Final[dict[str, Callable[[str], str]]] = {
    "boolballotbox": boolballotbox,
    "yesnoballotbox": yesnoballotbox,
    "booleantrue": booleantrue,
    "booleanfalse": booleanfalse,
}


def register(custom_transforms: MutableMapping[QName, Callable[[str], str]]) -> None:
    for name, function in SEC_BOOLEAN_TRANSFORMS.items():
        custom_transforms.setdefault(qname(SEC_TRANSFORMS_NAMESPACE, f"ixt-sec:{name}"), function)
