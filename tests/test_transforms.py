"""The plugin teaches Arelle the SEC's yes/no transforms and nothing else: Arelle's own messages
are the same with and without the plugin, except the errors about those formats."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest
from arelle.formula.XPathContext import FunctionArgType
from lxml import etree

from cyber_plugin.integration import transforms

from .support.loads import Message, load_once
from .support.paths import ALL_SAMPLES, REAL_FILINGS, REAL_INCIDENTS, SAMPLE_10K
from .support.variants import InlineVariant

INVALID_TRANSFORMATION = "ix11.11.1.2:invalidTransformation"
REAL = sorted([*REAL_FILINGS.glob("*.htm"), *REAL_FILINGS.glob("*/*.htm"), *REAL_INCIDENTS.glob("*.htm")])
SKIP_REASON = f"real filings not found at {REAL_FILINGS.parent} (they sit beside the project in CI)"
TAUGHT = {f"ixt-sec:{name}" for name in transforms.SEC_BOOLEAN_TRANSFORMS}


@pytest.fixture
def arelle_gettext(monkeypatch: pytest.MonkeyPatch) -> None:
    # Arelle installs gettext's _ when its controller starts; its exceptions use it.
    monkeypatch.setattr(builtins, "_", str, raising=False)


@pytest.mark.parametrize("raw", ["\u2612\u00a0", "\u00a0\u2610", "\u2611\u2009", "\u202f\u2612"])
def test_a_ballot_box_beside_a_no_break_or_thin_space_is_rejected(raw: str, arelle_gettext: None) -> None:
    """The registry allows only XML white space around the box, as EDGAR does."""
    for transform in transforms.SEC_BOOLEAN_TRANSFORMS.values():
        with pytest.raises(FunctionArgType):
            transform(raw)


def test_xml_white_space_around_a_ballot_box_is_allowed() -> None:
    assert transforms.boolballotbox("\t\u2612\r\n ") == "true"
    assert transforms.yesnoballotbox(" \u2610 ") == "No"


def test_only_formats_the_sec_registry_defines_are_registered() -> None:
    registry: dict[object, object] = {}

    transforms.register(registry)

    assert {str(name) for name in registry} == TAUGHT == {"ixt-sec:boolballotbox", "ixt-sec:yesnoballotbox"}


def test_an_undefined_sec_format_still_draws_arelles_error(tmp_path: Path) -> None:
    """ixt-sec:booleantrue is not in the SEC's registry: Arelle (and EDGAR) reject it, and so the
    plugin must leave the error in place."""
    variant = InlineVariant(SAMPLE_10K).set("cyd-16", format="ixt-sec:booleantrue")
    path = variant.write(tmp_path / "filing.htm")

    loaded = load_once(path, cache=True)

    assert [m.code for m in loaded.arelle_problems] == [INVALID_TRANSFORMATION]
    assert loaded.arelle_problems[0].refs[0][0].endswith("#cyd-16")
    assert "CYBER.invalidFlag" in loaded.cyber_codes


def taught_facts(path: Path) -> set[tuple[str, int]]:
    """(name, source line) of every inline fact whose format is one the plugin registers."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    found = set()
    for element in etree.parse(str(path), parser).iter():
        prefix, _, local = (element.get("format") or "").rpartition(":")
        namespace = element.nsmap.get(prefix) if isinstance(element.tag, str) else None
        if namespace == transforms.SEC_TRANSFORMS_NAMESPACE and f"ixt-sec:{local}" in TAUGHT:
            found.add((element.get("name"), element.sourceline))
    return found


def is_taught_format_error(message: Message, taught: set[tuple[str, int]]) -> bool:
    return message.code == INVALID_TRANSFORMATION and any(
        message.text.startswith(f"Fact {name} ") and line in {ref_line for _, ref_line in message.refs}
        for name, line in taught
    )


def assert_arelle_unchanged_by_the_plugin(path: Path, cache: bool) -> int:
    with_plugin = load_once(path, cache=cache).arelle_problems
    without = load_once(path, cache=cache, plugin=False).arelle_problems
    taught = taught_facts(path)

    expected = [m for m in without if not is_taught_format_error(m, taught)]
    assert list(with_plugin) == expected
    return len(without) - len(expected)


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("cache", [True, False], ids=["with-schemas", "without-schemas"])
def test_arelles_messages_on_every_sample_are_unchanged_but_for_sec_yes_no_formats(
    sample: Path, cache: bool
) -> None:
    taught_errors = assert_arelle_unchanged_by_the_plugin(sample, cache)

    assert taught_errors == (1 if sample == SAMPLE_10K else 0)  # the 10-K's ballot-box flag


@pytest.mark.parametrize(
    "path",
    REAL or [pytest.param(None, marks=pytest.mark.skip(SKIP_REASON))],
    ids=lambda p: p.name if p else "none",
)
def test_arelles_messages_on_every_real_filing_are_unchanged_but_for_sec_yes_no_formats(path: Path) -> None:
    assert_arelle_unchanged_by_the_plugin(path, cache=False)
