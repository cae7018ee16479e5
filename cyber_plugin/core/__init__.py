"""The core: the catalogue of cyd concepts, the Disclosure read once from a loaded filing, the
section as filed, findings, settings and the words people read; it imports no other layer."""
