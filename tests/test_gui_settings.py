"""The desktop application's rule settings: Tools > Cybersecurity rule settings, driven in the real
CntlrWinMain on Xvfb, remembered in Arelle's config and used by the next Validate; and the pane
opening with a usable height."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cyber_plugin.checks import RULE_CODES
from cyber_plugin.integration import desktop_settings
from cyber_plugin.integration.options import RunSettings
from cyber_plugin.integration.settings_codec import DESKTOP_CONFIG

from .support.desktop import drive
from .support.paths import SAMPLE_10K, TAXONOMY_CACHE
from .support.variants import InlineVariant


@pytest.fixture(scope="module")
def observed(display: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("gui-settings")
    # The 10-K without its processes-integrated flag: CYBER.missingElement and CYBER.textWithoutFlag.
    variant = InlineVariant(SAMPLE_10K).unwrap("cyd-02").write(folder / "variant" / "filing.htm")
    drive("gui_settings_driver.py", display, folder, variant, TAXONOMY_CACHE, folder)
    return json.loads((folder / "observed-settings.json").read_text(encoding="utf-8"))


def _findings_column(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Row label -> findings column, for the rows that have findings (first row per label)."""
    found: dict[str, str] = {}
    for row in rows:
        if len(row["values"]) == 3 and row["values"][2]:
            found.setdefault(row["label"], row["values"][2])
    return found


FLAG = "Cybersecurity Risk Management Processes Integrated [Flag]"
TEXT = "Cybersecurity Risk Management Processes Integrated [Text Block]"


def test_the_dialog_offers_every_rule_off_or_at_any_severity(observed: dict[str, Any]) -> None:
    assert observed["dialog_title"] == "Cybersecurity rule settings"
    assert observed["dialog_rules"] == sorted(RULE_CODES)
    assert observed["dialog_choices_offered"] == ["error", "warning", "info", "off"]


def test_validate_uses_the_settings_chosen_in_the_dialog(observed: dict[str, Any]) -> None:
    before = _findings_column(observed["default_rows"])
    after = _findings_column(observed["regraded_rows"])

    assert before[TEXT] == "warning: textWithoutFlag"
    assert "CYBER.missingElement" in before
    assert after[TEXT] == "error: textWithoutFlag"  # re-graded
    assert "CYBER.missingElement" not in after  # switched off
    assert after[FLAG] == "error: textWithoutFlag"
    assert observed["regraded_rows"][0]["values"][2] == "1 error"


def test_a_bad_item_list_is_shown_and_nothing_is_saved(observed: dict[str, Any]) -> None:
    assert "'1.5x' is not an 8-K item number" in observed["bad_items_problem"]
    assert observed["dialog_open_after_bad_items"] is True
    assert observed["config_before_ok"] is None
    assert observed["dialog_closed_after_ok"] is True


def test_the_settings_are_remembered_in_arelles_config(observed: dict[str, Any]) -> None:
    assert observed["saved_rules"] == "-CYBER.missingElement,CYBER.textWithoutFlag=error"
    assert observed["saved_items"] == "1.05,9.01"
    # Closing the filing clears the plugin's state: the config still governs the next Validate.
    assert _findings_column(observed["rows_after_reopen"]) == _findings_column(observed["regraded_rows"])
    assert observed["dialog_shows_remembered"] == {
        "CYBER.textWithoutFlag": "error",
        "CYBER.missingElement": "off",
        "CYBER.duplicate": "info",
    }
    assert observed["dialog_shows_items"] == "1.05,9.01"


def test_an_export_before_validate_takes_the_saved_settings(observed: dict[str, Any]) -> None:
    assert observed["export_before_validate"] == [["CYBER.textWithoutFlag", "error"]]
    assert observed["pane_after_export"] == observed["export_before_validate"]  # logged, and shown


def test_defaults_put_every_rule_back(observed: dict[str, Any]) -> None:
    assert observed["saved_after_defaults"] == ""
    assert _findings_column(observed["rows_after_defaults"]) == _findings_column(observed["default_rows"])


def test_the_pane_opens_with_a_usable_height(observed: dict[str, Any]) -> None:
    # Arelle's default layout gives the top notebooks 300 of 900 pixels; the pane takes 60%.
    assert observed["top_share"] >= 0.55
    assert observed["pane_height"] >= 400  # the 10-K's 25 rows fit without scrolling


# The settings themselves, without a display.


def test_unusable_remembered_settings_fall_back_to_defaults_with_one_message() -> None:
    from arelle.Cntlr import Cntlr
    from arelle.logging.handlers.StructuredMessageLogHandler import StructuredMessageLogHandler

    cntlr = Cntlr(hasGui=False)
    handler = StructuredMessageLogHandler()
    cntlr.startLogging(logHandler=handler)
    try:
        cntlr.config[DESKTOP_CONFIG.rules_key] = "-CYBER.noSuchRule"
        settings = desktop_settings.remembered_settings(cntlr)
    finally:
        cntlr.close()

    assert settings == RunSettings()
    assert [m["messageCode"] for m in handler.messages] == ["CYBER.invalidOption"]
    assert "noSuchRule" in handler.messages[0]["msg"]
