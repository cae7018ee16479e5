"""The 8-K sample reporting two incidents on the cyd incident axis (the incident tests and the
desktop pane's read it)."""

from __future__ import annotations

from pathlib import Path

from .paths import SAMPLE_8K

NWF = "http://northwind.example/20250310"
XBRLDI = "http://xbrl.org/2006/xbrldi"
EXTENSION_SCHEMA_REF = '<link:schemaRef xlink:type="simple" xlink:href="nwf-20250310.xsd"/>\n'
AMENDMENT_FLAG = 'name="dei:AmendmentFlag" contextRef="c-20250310"'
ITEM_9_01 = '</div>\n\n<p style="margin:12pt 0 6pt 0;font-weight:bold;">Item 9.01'
NATURE = "MaterialCybersecurityIncidentNatureTextBlock"
SCOPE = "MaterialCybersecurityIncidentScopeTextBlock"
TIMING = "MaterialCybersecurityIncidentTimingTextBlock"
IMPACT = "MaterialCybersecurityIncidentMaterialImpactOrReasonablyLikelyMaterialImpactTextBlock"

EXTENSION_SCHEMA = f"""<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xbrli="http://www.xbrl.org/2003/instance"
    xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:dtr-types="http://www.xbrl.org/dtr/type/2022-03-31" targetNamespace="{NWF}"
    elementFormDefault="qualified">
  <xs:annotation><xs:appinfo>
    <link:linkbaseRef xlink:type="simple" xlink:href="nwf-20250310_lab.xml"
        xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase"
        xlink:role="http://www.xbrl.org/2003/role/labelLinkbaseRef"/>
  </xs:appinfo></xs:annotation>
  <xs:import namespace="http://www.xbrl.org/2003/instance"
      schemaLocation="http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"/>
  <xs:import namespace="http://www.xbrl.org/dtr/type/2022-03-31"
      schemaLocation="https://www.xbrl.org/dtr/type/2022-03-31/types.xsd"/>
  <xs:element id="nwf_RansomwareMember" name="RansomwareMember" type="dtr-types:domainItemType"
      substitutionGroup="xbrli:item" xbrli:periodType="duration" abstract="true" nillable="true"/>
  <xs:element id="nwf_PhishingMember" name="PhishingMember" type="dtr-types:domainItemType"
      substitutionGroup="xbrli:item" xbrli:periodType="duration" abstract="true" nillable="true"/>
</xs:schema>
"""
LABEL_LINKBASE = """<?xml version="1.0" encoding="utf-8"?>
<link:linkbase xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink">
  <link:labelLink xlink:type="extended" xlink:role="http://www.xbrl.org/2003/role/link">
    {labels}
  </link:labelLink>
</link:linkbase>
"""
LABEL = """<link:loc xlink:type="locator" xlink:href="nwf-20250310.xsd#nwf_{name}" xlink:label="loc_{name}"/>
    <link:label xlink:type="resource" xlink:label="lab_{name}" xlink:role="http://www.xbrl.org/2003/role/label"
        xml:lang="en-US">{label}</link:label>
    <link:labelArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/concept-label"
        xlink:from="loc_{name}" xlink:to="lab_{name}"/>"""
INCIDENT_CONTEXT = """<xbrli:context id="c-{name}">
<xbrli:entity>
<xbrli:identifier scheme="http://www.sec.gov/CIK">0001999903</xbrli:identifier>
<xbrli:segment>
<xbrldi:explicitMember dimension="cyd:MaterialCybersecurityIncidentAxis">nwf:{member}</xbrldi:explicitMember>
</xbrli:segment>
</xbrli:entity>
<xbrli:period><xbrli:startDate>2025-03-10</xbrli:startDate><xbrli:endDate>2025-03-10</xbrli:endDate></xbrli:period>
</xbrli:context>
"""
# The second incident: a phishing attack whose scope and timing are not tagged.
PHISHING_FACTS = """
<ix:nonNumeric id="phishing-nature" name="cyd:MaterialCybersecurityIncidentNatureTextBlock" contextRef="c-phishing" escape="true"><p>{nature}</p></ix:nonNumeric>
<ix:nonNumeric id="phishing-impact" name="cyd:MaterialCybersecurityIncidentMaterialImpactOrReasonablyLikelyMaterialImpactTextBlock" contextRef="c-phishing" escape="true"><p>{impact}</p></ix:nonNumeric>
"""  # noqa: E501


def substituted(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} is not in the sample: the variant would test nothing"
    return text.replace(old, new)


def two_incidents(
    folder: Path,
    form: str = "8-K",
    phishing_nature: str = "On March 6, 2025, a phishing campaign gave an attacker the payroll mailbox.",
    phishing_impact: str = "Payroll was delayed a week.",
) -> Path:
    """The 8-K sample reporting two incidents on the cyd incident axis, members labelled in an
    extension schema: the ransomware incident complete, the phishing one without scope and timing."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nwf-20250310.xsd").write_text(EXTENSION_SCHEMA, encoding="utf-8")
    labels = "\n    ".join(
        LABEL.format(name=name, label=label)
        for name, label in (("RansomwareMember", "Ransomware Attack"), ("PhishingMember", "Payroll Phishing"))
    )
    (folder / "nwf-20250310_lab.xml").write_text(LABEL_LINKBASE.format(labels=labels), encoding="utf-8")
    contexts = "".join(
        INCIDENT_CONTEXT.format(name=name, member=member)
        for name, member in (("ransomware", "RansomwareMember"), ("phishing", "PhishingMember"))
    )
    text = SAMPLE_8K.read_text(encoding="utf-8")
    text = substituted(
        text, 'xml:lang="en-US">', f'xmlns:xbrldi="{XBRLDI}" xmlns:nwf="{NWF}" xml:lang="en-US">'
    )
    text = substituted(text, "</ix:references>", f"{EXTENSION_SCHEMA_REF}</ix:references>")
    text = substituted(text, "</ix:resources>", f"{contexts}</ix:resources>")
    for name in (NATURE, SCOPE, TIMING, IMPACT):
        text = substituted(
            text, f'cyd:{name}" contextRef="c-20250310"', f'cyd:{name}" contextRef="c-ransomware"'
        )
    text = substituted(
        text, ITEM_9_01, PHISHING_FACTS.format(nature=phishing_nature, impact=phishing_impact) + ITEM_9_01
    )
    text = substituted(text, ">8-K</ix:nonNumeric>", f">{form}</ix:nonNumeric>")
    if form.endswith("/A"):
        text = substituted(
            text, f'{AMENDMENT_FLAG} format="ixt:fixed-false"', f'{AMENDMENT_FLAG} format="ixt:fixed-true"'
        )
    target = folder / "filing.htm"
    target.write_text(text, encoding="utf-8")
    return target
