"""The catalogue of cybersecurity-disclosure (cyd) concepts: the one data table.

Every cyd element name, label, topic, order and pairing lives here and nowhere else. A local
name found in a cyd namespace that is not in the table is described by `concept_for`, which
derives its kind from the name's suffix and marks it unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, TypeGuard


class Kind(StrEnum):
    FLAG = "flag"
    TEXT = "text"
    ABSTRACT = "abstract"  # axes, domains, tables and line items: structure, never facts


class Topic(StrEnum):
    RISK_MANAGEMENT = "risk management and strategy"
    GOVERNANCE = "governance"
    INCIDENT = "material incident"
    STRUCTURE = "structure"
    UNKNOWN = "unknown"

    @property
    def heading(self) -> str:
        """The heading its facts are listed under (a property: `title` is str's own method)."""
        return TOPIC_TITLES[self]


TOPIC_TITLES: Final = {
    Topic.RISK_MANAGEMENT: "Risk management and strategy",
    Topic.GOVERNANCE: "Governance",
    Topic.INCIDENT: "Material incident",
    Topic.STRUCTURE: "Structure (abstract elements, never facts)",
    Topic.UNKNOWN: "Not in the catalogue",
}


class FormFamily(StrEnum):
    """Which reports carry an element: the annual Item 1C / 16K ones or the Item 1.05 ones."""

    ANNUAL = "annual"
    INCIDENT = "incident"


@dataclass(frozen=True)
class Concept:
    local_name: str
    kind: Kind
    label: str
    topic: Topic
    order: int
    item: str
    family: FormFamily | None
    paired_flag: str | None = None
    known: bool = True
    short_name: str = ""  # snake_case, for table columns (see `_ROWS`)

    @property
    def is_flag(self) -> bool:
        return self.kind is Kind.FLAG

    @property
    def is_abstract(self) -> bool:
        return self.kind is Kind.ABSTRACT


_S = Topic
_A = FormFamily.ANNUAL
_I = FormFamily.INCIDENT
_F = Kind.FLAG
_T = Kind.TEXT

# Local names of the flags that pair with text blocks (referenced by the rows below).
PROCESSES_INTEGRATED_FLAG: Final = "CybersecurityRiskManagementProcessesIntegratedFlag"
THIRD_PARTY_ENGAGED_FLAG: Final = "CybersecurityRiskManagementThirdPartyEngagedFlag"
MATERIALLY_AFFECTED_FLAG: Final = (
    "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag"
)
POSITIONS_RESPONSIBLE_FLAG: Final = "CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag"

# (local name, short name, kind, standard label, topic, S-K item, family, paired flag), in the
# SEC's presentation order. The short name is the concept's column in cyber-extract's tables.
# fmt: off
_ROWS: Final[tuple[tuple[str, str, Kind, str, Topic, str, FormFamily, str | None], ...]] = (
    ("CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock", "risk_management_processes",
     _T, "Cybersecurity Risk Management Processes for Assessing, Identifying, and Managing Threats [Text Block]", _S.RISK_MANAGEMENT, "106(b)(1)", _A, None),
    (PROCESSES_INTEGRATED_FLAG, "processes_integrated",
     _F, "Cybersecurity Risk Management Processes Integrated [Flag]", _S.RISK_MANAGEMENT, "106(b)(1)(i)", _A, None),
    ("CybersecurityRiskManagementProcessesIntegratedTextBlock", "processes_integrated_text",
     _T, "Cybersecurity Risk Management Processes Integrated [Text Block]", _S.RISK_MANAGEMENT, "106(b)(1)(i)", _A, PROCESSES_INTEGRATED_FLAG),
    (THIRD_PARTY_ENGAGED_FLAG, "third_party_engaged",
     _F, "Cybersecurity Risk Management Third Party Engaged [Flag]", _S.RISK_MANAGEMENT, "106(b)(1)(ii)", _A, None),
    ("CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag", "third_party_oversight",
     _F, "Cybersecurity Risk Third Party Oversight and Identification Processes [Flag]", _S.RISK_MANAGEMENT, "106(b)(1)(iii)", _A, None),
    (MATERIALLY_AFFECTED_FLAG, "materially_affected",
     _F, "Cybersecurity Risk Materially Affected or Reasonably Likely to Materially Affect Registrant [Flag]", _S.RISK_MANAGEMENT, "106(b)(2)", _A, None),
    ("CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock", "materially_affected_text",
     _T, "Cybersecurity Risk Materially Affected or Reasonably Likely to Materially Affect Registrant [Text Block]", _S.RISK_MANAGEMENT, "106(b)(2)", _A, MATERIALLY_AFFECTED_FLAG),
    ("CybersecurityRiskBoardOfDirectorsOversightTextBlock", "board_oversight",
     _T, "Cybersecurity Risk Board of Directors Oversight [Text Block]", _S.GOVERNANCE, "106(c)(1)", _A, None),
    ("CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock", "board_committee",
     _T, "Cybersecurity Risk Board Committee or Subcommittee Responsible for Oversight [Text Block]", _S.GOVERNANCE, "106(c)(1)", _A, None),
    ("CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock", "informing_board_committee",
     _T, "Cybersecurity Risk Process for Informing Board Committee or Subcommittee Responsible for Oversight [Text Block]", _S.GOVERNANCE, "106(c)(1)", _A, None),
    ("CybersecurityRiskRoleOfManagementTextBlock", "management_role",
     _T, "Cybersecurity Risk Role of Management [Text Block]", _S.GOVERNANCE, "106(c)(2)", _A, None),
    (POSITIONS_RESPONSIBLE_FLAG, "positions_responsible",
     _F, "Cybersecurity Risk Management Positions or Committees Responsible [Flag]", _S.GOVERNANCE, "106(c)(2)(i)", _A, None),
    ("CybersecurityRiskManagementPositionsOrCommitteesResponsibleTextBlock", "positions_responsible_text",
     _T, "Cybersecurity Risk Management Positions or Committees Responsible [Text Block]", _S.GOVERNANCE, "106(c)(2)(i)", _A, POSITIONS_RESPONSIBLE_FLAG),
    ("CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock", "management_expertise",
     _T, "Cybersecurity Risk Management Expertise of Management Responsible [Text Block]", _S.GOVERNANCE, "106(c)(2)(i)", _A, None),
    ("CybersecurityRiskProcessForInformingManagementOrCommitteesResponsibleTextBlock", "informing_management",
     _T, "Cybersecurity Risk Process for Informing Management or Committees Responsible [Text Block]", _S.GOVERNANCE, "106(c)(2)(ii)", _A, None),
    ("CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag", "reports_to_board",
     _F, "Cybersecurity Risk Management Positions or Committees Responsible Report to Board [Flag]", _S.GOVERNANCE, "106(c)(2)(iii)", _A, None),
    ("MaterialCybersecurityIncidentNatureTextBlock", "incident_nature",
     _T, "Material Cybersecurity Incident Nature [Text Block]", _S.INCIDENT, "8-K 1.05(a)", _I, None),
    # The cyd/2024 standard label reads "... Timing [Text Block]", an SEC error fixed in 2025.
    ("MaterialCybersecurityIncidentScopeTextBlock", "incident_scope",
     _T, "Material Cybersecurity Incident Scope [Text Block]", _S.INCIDENT, "8-K 1.05(a)", _I, None),
    ("MaterialCybersecurityIncidentTimingTextBlock", "incident_timing",
     _T, "Material Cybersecurity Incident Timing [Text Block]", _S.INCIDENT, "8-K 1.05(a)", _I, None),
    ("MaterialCybersecurityIncidentMaterialImpactOrReasonablyLikelyMaterialImpactTextBlock", "incident_impact",
     _T, "Material Cybersecurity Incident Material Impact or Reasonably Likely Material Impact [Text Block]", _S.INCIDENT, "8-K 1.05(a)", _I, None),
    ("MaterialCybersecurityIncidentInformationNotAvailableOrUndeterminedTextBlock", "incident_not_available",
     _T, "Material Cybersecurity Incident Information Not Available or Undetermined [Text Block]", _S.INCIDENT, "8-K 1.05 Instruction 2", _I, None),
)
# fmt: on

CONCEPTS: Final[tuple[Concept, ...]] = tuple(
    Concept(name, kind, label, topic, order, item, family, paired, short_name=short)
    for order, (name, short, kind, label, topic, item, family, paired) in enumerate(_ROWS, start=1)
)

# The taxonomy's structural elements, in the SEC's presentation: the annual report's table and
# line items, and the incident report's table, axis (one member per incident), domain and line
# items. Abstract: they shape the presentation and never carry a fact.
INCIDENT_AXIS: Final = "MaterialCybersecurityIncidentAxis"
_STRUCTURAL_ROWS: Final[tuple[tuple[str, str, FormFamily], ...]] = (
    (
        "CybersecurityRiskManagementStrategyAndGovernanceTable",
        "Cybersecurity Risk Management, Strategy, and Governance [Table]",
        _A,
    ),
    (
        "CybersecurityRiskManagementStrategyAndGovernanceLineItems",
        "Cybersecurity Risk Management, Strategy, and Governance [Line Items]",
        _A,
    ),
    ("MaterialCybersecurityIncidentTable", "Material Cybersecurity Incident [Table]", _I),
    (INCIDENT_AXIS, "Material Cybersecurity Incident [Axis]", _I),
    ("MaterialCybersecurityIncidentDomain", "Material Cybersecurity Incident [Domain]", _I),
    ("MaterialCybersecurityIncidentLineItems", "Material Cybersecurity Incident [Line Items]", _I),
)
STRUCTURAL_CONCEPTS: Final[tuple[Concept, ...]] = tuple(
    Concept(name, Kind.ABSTRACT, label, Topic.STRUCTURE, order, "", family)
    for order, (name, label, family) in enumerate(_STRUCTURAL_ROWS, start=len(CONCEPTS) + 1)
)
BY_NAME: Final[dict[str, Concept]] = {c.local_name: c for c in (*CONCEPTS, *STRUCTURAL_CONCEPTS)}
# The incident that an incident fact tagged without the incident axis belongs to.
UNNAMED_INCIDENT: Final = "Material cybersecurity incident"

ANNUAL_CONCEPTS: Final = tuple(c for c in CONCEPTS if c.family is FormFamily.ANNUAL)
INCIDENT_CONCEPTS: Final = tuple(c for c in CONCEPTS if c.family is FormFamily.INCIDENT)
ANNUAL_FLAGS: Final = tuple(c for c in ANNUAL_CONCEPTS if c.is_flag)
PAIRED_TEXT_BLOCKS: Final = tuple(c for c in CONCEPTS if c.paired_flag)
MATERIALLY_AFFECTED_TEXT_BLOCK: Final = next(
    c for c in PAIRED_TEXT_BLOCKS if c.paired_flag == MATERIALLY_AFFECTED_FLAG
)
INCIDENT_INFORMATION_NOT_AVAILABLE: Final = INCIDENT_CONCEPTS[-1]
# The elements a complete disclosure may leave untagged: the materially-affected text block is
# only needed when its flag is true, the information-not-available block only when some aspect of
# the incident is not yet determined. Every other element is expected: the 15 of a complete
# Item 1C / 16K, and the incident's nature, scope, timing and impact.
OPTIONAL_CONCEPTS: Final = frozenset({MATERIALLY_AFFECTED_TEXT_BLOCK, INCIDENT_INFORMATION_NOT_AVAILABLE})
REQUIRED_ANNUAL_CONCEPTS: Final = tuple(c for c in ANNUAL_CONCEPTS if c not in OPTIONAL_CONCEPTS)
INCIDENT_ASPECTS: Final = tuple(c for c in INCIDENT_CONCEPTS if c not in OPTIONAL_CONCEPTS)
TEXT_BLOCK_FOR_FLAG: Final[dict[str, Concept]] = {
    c.paired_flag: c for c in PAIRED_TEXT_BLOCKS if c.paired_flag
}

CYD_NAMESPACE_PATTERN: Final = re.compile(r"^http://xbrl\.sec\.gov/cyd/(\d{4})$")
DEI_NAMESPACE_PATTERN: Final = re.compile(r"^http://xbrl\.sec\.gov/dei/(\d{4})$")


def namespace_year(namespace: str | None, pattern: re.Pattern[str]) -> int | None:
    """The release year of a cyd or dei namespace, or None when it is not one."""
    match = pattern.match(namespace or "")
    return int(match.group(1)) if match else None


def is_cyd_namespace(namespace: str | None) -> TypeGuard[str]:
    return namespace_year(namespace, CYD_NAMESPACE_PATTERN) is not None


def is_dei_namespace(namespace: str | None) -> TypeGuard[str]:
    return namespace_year(namespace, DEI_NAMESPACE_PATTERN) is not None


_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def concept_for(local_name: str) -> Concept:
    """The catalogue entry for a cyd local name; an unknown name gets one derived from the name."""
    known = BY_NAME.get(local_name)
    if known is not None:
        return known
    stem, kind, suffix = local_name, Kind.TEXT, ""
    for ending, ending_kind, label_suffix in (
        ("Flag", Kind.FLAG, " [Flag]"),
        ("TextBlock", Kind.TEXT, " [Text Block]"),
    ):
        if local_name.endswith(ending):
            stem, kind, suffix = local_name[: -len(ending)], ending_kind, label_suffix
            break
    return Concept(
        local_name=local_name,
        kind=kind,
        label=_WORD_BOUNDARY.sub(" ", stem) + suffix,
        topic=Topic.UNKNOWN,
        order=len(BY_NAME) + 1,
        item="",
        family=None,
        known=False,
        short_name=_WORD_BOUNDARY.sub("_", local_name).lower(),
    )


class Dei(StrEnum):
    """The dei elements the plugin reads (local names; any dei namespace year)."""

    DOCUMENT_TYPE = "DocumentType"
    AMENDMENT_FLAG = "AmendmentFlag"
    REGISTRANT_NAME = "EntityRegistrantName"
    CENTRAL_INDEX_KEY = "EntityCentralIndexKey"
    PERIOD_END_DATE = "DocumentPeriodEndDate"
    FISCAL_YEAR_FOCUS = "DocumentFiscalYearFocus"
    FISCAL_PERIOD_FOCUS = "DocumentFiscalPeriodFocus"
    TRADING_SYMBOL = "TradingSymbol"
    TRANSITION_REPORT = "DocumentTransitionReport"


ANNUAL_FORMS: Final = frozenset({"10-K", "20-F", "10-KT", "20-FT", "40-F"})
INCIDENT_FORMS: Final = frozenset({"8-K", "6-K"})
INTERIM_FORMS: Final = frozenset({"10-Q", "10-QT"})
AMENDMENT_SUFFIX: Final = "/A"


class FiledForm:
    """What a filing's form says, for a class with `document_type` (dei:DocumentType) and
    `amendment` (dei:AmendmentFlag) attributes: FilingInfo and FilingView."""

    document_type: str | None
    amendment: bool | None

    @property
    def base_form(self) -> str:
        """The form without an amendment suffix, upper-cased: '10-K/A' -> '10-K'."""
        return (self.document_type or "").strip().upper().removesuffix(AMENDMENT_SUFFIX)

    @property
    def is_amendment(self) -> bool:
        """dei:AmendmentFlag true, or a form ending in '/A'."""
        return bool(self.amendment) or (self.document_type or "").strip().upper().endswith(AMENDMENT_SUFFIX)

    @property
    def is_annual_report(self) -> bool:
        return self.base_form in ANNUAL_FORMS

    @property
    def is_incident_report(self) -> bool:
        return self.base_form in INCIDENT_FORMS


# The item of each form that holds the cybersecurity disclosure: S-K 106 in annual reports, a
# material incident (Item 1.05) in an 8-K.
SECTION_ITEMS: Final = {"10-K": "1C", "10-KT": "1C", "20-F": "16K", "20-FT": "16K", "8-K": "1.05"}
# The part of the report that holds each item: its heading, repeated at the top of its pages, is
# no end of the item.
SECTION_PARTS: Final = {"1C": "PART I", "16K": "PART II"}
# The items that hold an annual report's Item 1C / 16K disclosure (the annual elements answer them).
ANNUAL_ITEMS: Final = frozenset(SECTION_ITEMS[form] for form in ANNUAL_FORMS & SECTION_ITEMS.keys())
# Forms subject to DQC_0202's tagging requirement.
REQUIRED_ANNUAL_FORMS: Final = frozenset({"10-K", "20-F"})
REQUIREMENT_START: Final = "2024-12-15"
