"""What the pane's columns say for a fact, an element not tagged, or a group of findings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ...core.catalogue import Concept
from ...core.disclosure import CydFact
from ...core.findings import Finding, Severity
from ...core.words import FlagForm, flag_word, period_text, short_code, untagged_state, value_note

_FIRST_LINE_LIMIT: Final = 160
_BAD_FLAG_LIMIT: Final = 40
_SEVERITY_ORDER: Final = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def value_text(fact: CydFact) -> str:
    """The value column: Yes or No, a text block's first line, or why there is no value."""
    note = value_note(fact, limit=_BAD_FLAG_LIMIT)
    if note is not None:
        return note
    if fact.is_flag:
        return flag_word(fact.value is True, FlagForm.VALUE)
    line = str(fact.value).split("\n", 1)[0]
    more = len(line) > _FIRST_LINE_LIMIT or "\n" in str(fact.value)
    return line[:_FIRST_LINE_LIMIT] + ("\u2026" if more else "")


def fact_values(fact: CydFact, findings: list[Finding]) -> tuple[str, str, str]:
    """A fact's row: value, period and findings columns."""
    return value_text(fact), period_text(fact.period), findings_text(findings)


def untagged_values(concept: Concept, findings: list[Finding]) -> tuple[str, str, str]:
    """The row of an element the filing does not tag."""
    return untagged_state(concept), "", findings_text(findings)


def _worst(findings: list[Finding]) -> Severity:
    return min(findings, key=lambda f: _SEVERITY_ORDER[f.severity]).severity


def severity_tag(findings: list[Finding]) -> tuple[str, ...]:
    """The row's colour: its worst finding's severity."""
    return (_worst(findings).value,) if findings else ()


def findings_text(findings: list[Finding]) -> str:
    """The findings column: the worst severity and the codes, 'warning: incidentIncomplete'."""
    if not findings:
        return ""
    codes = ", ".join(dict.fromkeys(short_code(f.code) for f in findings))
    return f"{_worst(findings).value}: {codes}"


def findings_about(facts: Iterable[CydFact], findings_by_fact: dict[int, list[Finding]]) -> list[Finding]:
    """The findings about any of `facts`, each once."""
    found: dict[int, Finding] = {}
    for fact in facts:
        for finding in findings_by_fact.get(id(fact), ()):
            found.setdefault(id(finding), finding)
    return list(found.values())
