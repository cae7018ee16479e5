"""Last year's annual report made from this year's real one by editing it, for the worked example of
comparing two filings (docs/rules.md): Netflix's real FY2024 10-K, and a copy of it edited into
the FY2023 report it could have followed.

The edits, each a change the comparison must report the other way round:
- the fiscal year, the period end and the fiscal-year context move a year back;
- the third-party-oversight flag was false (this year: true, CYBER.flagChanged);
- the materially-affected sentence was tagged as its text block too (this year it is not:
  CYBER.elementDropped);
- the positions-responsible text block was not tagged (this year it is: added);
- the expertise text block said "nearly 30 years" and had no second sentence (this year: edited).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from .paths import REAL_FILINGS

THIS_YEAR: Final = REAL_FILINGS / "nflx-10-k-2025-01-27.htm"
LAST_YEAR_NAME: Final = "nflx-10-k-2024-01-26.htm"
_MATERIAL_FLAG: Final = (
    '<ix:nonNumeric contextRef="c-1" name="cyd:CybersecurityRiskMateriallyAffectedOrReasonablyLikely'
    'ToMateriallyAffectRegistrantFlag" format="ixt:fixed-false" id="f-41">'
)
_MATERIAL_END: Final = (
    "to date these incidents have not had a material impact on our service, systems or business."
)
_POSITIONS_FLAG: Final = (
    '<ix:nonNumeric contextRef="c-1" '
    'name="cyd:CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag" '
    'format="ixt:fixed-true" id="f-47">Vice President of Security and Privacy Engineering'
    "</ix:nonNumeric> leads "
    "our global information security organization responsible for overseeing the Netflix information "
    "security program."
)
_OVERSIGHT_FLAG: Final = 'name="cyd:CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag"'
EDITS: Final = (
    # The year before.
    (
        '<ix:nonNumeric contextRef="c-1" name="dei:DocumentFiscalYearFocus" id="f-33">2024',
        '<ix:nonNumeric contextRef="c-1" name="dei:DocumentFiscalYearFocus" id="f-33">2023',
    ),
    (
        'id="f-4">December 31</ix:nonNumeric>, 2024</ix:nonNumeric>',
        'id="f-4">December 31</ix:nonNumeric>, 2023</ix:nonNumeric>',
    ),
    (
        '<xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0001065280'
        "</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate>"
        "<xbrli:endDate>2024-12-31</xbrli:endDate>",
        '<xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0001065280'
        "</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2023-01-01</xbrli:startDate>"
        "<xbrli:endDate>2023-12-31</xbrli:endDate>",
    ),
    # A flag flipped.
    (
        _OVERSIGHT_FLAG + ' format="ixt:fixed-true"',
        _OVERSIGHT_FLAG + ' format="ixt:fixed-false"',
    ),
    # A text block tagged last year only: the materially-affected sentences, around their flag.
    (
        _MATERIAL_FLAG,
        '<ix:nonNumeric contextRef="c-1" name="cyd:CybersecurityRiskMateriallyAffectedOrReasonablyLikely'
        'ToMateriallyAffectRegistrantTextBlock" id="last-year-1" escape="true">' + _MATERIAL_FLAG,
    ),
    (_MATERIAL_END + "</ix:nonNumeric>", _MATERIAL_END + "</ix:nonNumeric></ix:nonNumeric>"),
    # A text block not tagged last year: the positions-responsible block around its flag.
    (
        '<ix:nonNumeric contextRef="c-1" name="cyd:CybersecurityRiskManagementPositionsOrCommittees'
        'ResponsibleTextBlock" id="f-44" escape="true">The ' + _POSITIONS_FLAG + "</ix:nonNumeric>",
        "The " + _POSITIONS_FLAG,
    ),
    # Sentences edited.
    ("has over 30 years of industry experience", "has nearly 30 years of industry experience"),
    (
        " Team members who support our information security program have relevant educational and "
        "industry experience, including holding similar positions at large technology companies.",
        "",
    ),
)


def last_years_report(folder: Path) -> Path:
    """Write last year's report, made from this year's by the edits above, into `folder`."""
    markup = THIS_YEAR.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert markup.count(old) == 1, f"the edit's text is not once in {THIS_YEAR.name}: {old[:60]}"
        markup = markup.replace(old, new)
    target = folder / LAST_YEAR_NAME
    target.write_text(markup, encoding="utf-8")
    return target
