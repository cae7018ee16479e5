"""Writes the rule table: each rule's code, severity and docstring, in REGISTRY's order.

`python -m tools.rules_table [PAGE]` prints the table, or rewrites it in place between PAGE's
rules markers (`make rules-table` rewrites docs/rules.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from cyber_plugin.checks import REGISTRY
from tools.generated_block import rewrite_generated_block

MARKER = "rules"


def rule_table_markdown() -> str:
    rows = ["| code | severity | fires when |", "|---|---|---|"]
    rows += [f"| `{r.code}` | {r.severity.value} | {r.description} |" for r in REGISTRY]
    return "\n".join(rows)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        rewrite_generated_block(Path(sys.argv[1]), MARKER, rule_table_markdown())
    else:
        print(rule_table_markdown())
