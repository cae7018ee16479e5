"""Every rule is documented; a failing rule or hook never stops Arelle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cyber_plugin import checks
from cyber_plugin.checks.rule import Rule
from cyber_plugin.core.findings import Severity
from cyber_plugin.integration import state

from .support.paths import SAMPLE_10K, SAMPLE_20F
from .support.variants import InlineVariant


def test_every_rule_is_documented_and_named_after_its_code() -> None:
    for rule in checks.REGISTRY:
        assert rule.code == "CYBER." + rule.function.__name__
        assert len(rule.description) > 20, rule.code


def test_a_failing_rule_becomes_one_internal_error_and_the_others_run(
    load: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def brokenRule(disclosure: Any, settings: Any) -> Any:
        """A rule with a defect."""
        raise RuntimeError("defect in a rule")
        yield

    broken = Rule("CYBER.brokenRule", Severity.WARNING, brokenRule)
    monkeypatch.setattr(checks, "REGISTRY", (broken, *checks.REGISTRY))
    path = InlineVariant(SAMPLE_10K).unwrap("cyd-08").write(tmp_path / "filing.htm")

    loaded = load(path)

    internal = [m for m in loaded.messages_with("CYBER.internalError") if m["levelname"] == "ERROR"]
    assert len(internal) == 1
    assert "CYBER.brokenRule" in internal[0]["msg"] and "defect in a rule" in internal[0]["msg"]
    assert [m["messageCode"] for m in loaded.cyber_messages if m["levelname"] != "DEBUG"] == [
        "CYBER.internalError",
        "CYBER.missingElement",
        "CYBER.untaggedText",
    ]
    traces = [m for m in loaded.messages_with("CYBER.internalError") if m["levelname"] == "DEBUG"]
    assert "RuntimeError: defect in a rule" in traces[0]["msg"]


def test_a_failing_hook_is_reported_and_arelle_goes_on(load: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(model: Any) -> Any:
        raise ValueError("extraction defect")

    monkeypatch.setattr(state, "read_disclosure", fail)

    loaded = load(SAMPLE_20F)

    assert loaded.success
    internal = [m for m in loaded.messages_with("CYBER.internalError") if m["levelname"] == "ERROR"]
    assert len(internal) == 1
    assert "validate_filing" in internal[0]["msg"] and "extraction defect" in internal[0]["msg"]
    assert "Traceback" not in internal[0]["msg"]
    assert any("validated in" in m["msg"] for m in loaded.messages)
