"""What changed since the prior filing the run compares the filing with (`Disclosure.prior`); every
rule here is silent when there is none."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.comparison import Change, comparison_with_prior
from ..core.disclosure import Disclosure
from ..core.findings import Finding, Severity, Subject, report
from ..core.settings import RuleSettings
from ..core.words import compared_flag_text, form_title, prior_filing_text
from .rule import is_annual, label_of, rule


@rule(Severity.WARNING, about=Subject.CHANGES)
def elementDropped(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """An annual report compared with the prior annual report does not tag an element that the
    prior one tagged: usually a tag lost when last year's disclosure was rolled forward. One finding
    per element, naming the prior filing."""
    comparison = comparison_with_prior(disclosure)
    if comparison is None or not (is_annual(disclosure) and comparison.prior.is_annual_report):
        return
    for concept in comparison.dropped:
        yield report(
            "%(concept)s was tagged in the prior annual report, %(prior)s, but is not tagged in this "
            "%(form)s. Tag it where the disclosure answers it, or make sure the disclosure no longer "
            "does.",
            concepts=(concept,),
            concept=label_of(concept),
            prior=prior_filing_text(comparison.prior),
            form=form_title(disclosure.filing),
        )


@rule(Severity.INFO, about=Subject.CHANGES)
def flagChanged(disclosure: Disclosure, settings: RuleSettings) -> Iterator[Finding]:
    """A flag tagged both in the filing and in the prior filing it is compared with has another
    value now (for example materially affected: false last year, true this year), naming the
    prior filing."""
    comparison = comparison_with_prior(disclosure)
    if comparison is None:
        return
    for flag in comparison.flags:
        if flag.change is Change.FLAG_CHANGED:
            yield report(
                "%(flag)s is %(value)s; in the prior filing, %(prior)s, it was %(priorValue)s.",
                facts=disclosure.facts_for(flag.concept),
                flag=label_of(flag.concept),
                value=compared_flag_text(flag.tagged, flag.value),
                prior=prior_filing_text(comparison.prior),
                priorValue=compared_flag_text(flag.prior_tagged, flag.prior),
            )
