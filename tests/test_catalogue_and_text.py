"""The concept table, namespace recognition, SEC transforms and text-block plain text."""

from __future__ import annotations

import pytest
from arelle.formula.XPathContext import FunctionArgType

from cyber_plugin.core import catalogue
from cyber_plugin.core.catalogue import Kind, Topic, concept_for, is_cyd_namespace
from cyber_plugin.core.textblock import plain_text
from cyber_plugin.integration import transforms


def test_catalogue_has_sixteen_annual_and_five_incident_elements() -> None:
    assert len(catalogue.ANNUAL_CONCEPTS) == 16 and len(catalogue.INCIDENT_CONCEPTS) == 5
    assert len(catalogue.ANNUAL_FLAGS) == 6
    assert len(catalogue.REQUIRED_ANNUAL_CONCEPTS) == 15
    assert [c.order for c in catalogue.CONCEPTS] == list(range(1, 22))
    assert all((c.kind is Kind.FLAG) == c.local_name.endswith("Flag") for c in catalogue.CONCEPTS)
    assert all(c.label.endswith("[Flag]" if c.is_flag else "[Text Block]") for c in catalogue.CONCEPTS)


def test_text_blocks_pair_with_their_flags() -> None:
    pairs = {c.local_name: c.paired_flag for c in catalogue.PAIRED_TEXT_BLOCKS}

    assert pairs == {
        "CybersecurityRiskManagementProcessesIntegratedTextBlock": (
            "CybersecurityRiskManagementProcessesIntegratedFlag"
        ),
        "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock": (
            "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag"
        ),
        "CybersecurityRiskManagementPositionsOrCommitteesResponsibleTextBlock": (
            "CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag"
        ),
    }
    assert all(catalogue.BY_NAME[flag].is_flag for flag in pairs.values())


@pytest.mark.parametrize(
    ("namespace", "expected"),
    [
        ("http://xbrl.sec.gov/cyd/2024", True),
        ("http://xbrl.sec.gov/cyd/2025", True),
        ("http://xbrl.sec.gov/cyd/2029", True),
        ("https://xbrl.sec.gov/cyd/2024", False),
        ("http://xbrl.sec.gov/dei/2024", False),
        ("http://xbrl.sec.gov/cyd/2024/extra", False),
        (None, False),
    ],
)
def test_cyd_namespaces(namespace: str | None, expected: bool) -> None:
    assert is_cyd_namespace(namespace) is expected


def test_unknown_local_names_are_described_from_their_suffix() -> None:
    flag = concept_for("CybersecurityRiskNewThingFlag")
    text = concept_for("CybersecurityAIUseTextBlock")

    assert (flag.known, flag.kind, flag.topic) == (False, Kind.FLAG, Topic.UNKNOWN)
    assert flag.label == "Cybersecurity Risk New Thing [Flag]"
    assert (text.kind, text.label) == (Kind.TEXT, "Cybersecurity AI Use [Text Block]")
    assert concept_for(catalogue.CONCEPTS[0].local_name) is catalogue.CONCEPTS[0]


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("boolballotbox", "\u2610", "false"),
        ("boolballotbox", " \u2611 ", "true"),
        ("boolballotbox", "\u2612", "true"),
        ("yesnoballotbox", "\u2612", "Yes"),
        ("yesnoballotbox", "\u2610", "No"),
    ],
)
def test_sec_boolean_transforms(name: str, raw: str, expected: str) -> None:
    assert transforms.SEC_BOOLEAN_TRANSFORMS[name](raw) == expected


@pytest.mark.parametrize("raw", ["X", "\u2612\u2610", "", "yes"])
def test_ballot_box_rejects_anything_else(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    # Arelle installs gettext's _ when its controller starts; its exceptions use it.
    monkeypatch.setattr(builtins, "_", str, raising=False)
    with pytest.raises(FunctionArgType):
        transforms.boolballotbox(raw)


def test_registration_keeps_a_transform_registered_first() -> None:
    from arelle.ModelValue import qname

    key = qname(transforms.SEC_TRANSFORMS_NAMESPACE, "ixt-sec:boolballotbox")
    registry = {key: str.upper}

    transforms.register(registry)

    assert registry[key] is str.upper and len(registry) == 2


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>One</p><p>Two</p>", "One\nTwo"),
        ("<div><span>inline</span> <b>words</b></div>", "inline words"),
        ("<p>wrapped\n   source   lines</p>", "wrapped source lines"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("<table><tr><td>c1</td><td>c2</td></tr><tr><td>d1</td><td>d2</td></tr></table>", "c1 c2\nd1 d2"),
        ("first<br/>second", "first\nsecond"),
        ("<p>A&#160;B &amp; C</p>", "A B & C"),
        ("<p>kept</p><script>alert(1)</script><style>p{}</style>", "kept"),
        ("plain text", "plain text"),
        ("", ""),
        ("<p>   </p>", ""),
        (
            "<p>Caf\u00e9 \u2014 \u05e9\u05dc\u05d5\u05dd \U0001f512</p>",
            "Caf\u00e9 \u2014 \u05e9\u05dc\u05d5\u05dd \U0001f512",
        ),
    ],
)
def test_plain_text(markup: str, expected: str) -> None:
    assert plain_text(markup) == expected
