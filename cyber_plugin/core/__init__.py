"""The core: the catalogue of cyd concepts, the Disclosure read once from a loaded filing, the
section as filed, findings, settings, the words people read, and the comparison of two filings; it
imports no other layer."""
