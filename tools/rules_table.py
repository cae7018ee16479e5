"""`python tools/rules_table.py [README]` prints the rule table generated from the rules'
docstrings, or rewrites it in place between README's rules markers (`make rules-table`)."""

from __future__ import annotations

import sys
from pathlib import Path

from cyber_plugin.checks import REGISTRY

START, END = "<!-- rules:start -->\n", "\n<!-- rules:end -->"


def rule_table_markdown() -> str:
    rows = ["| code | severity | fires when |", "|---|---|---|"]
    rows += [f"| `{r.code}` | {r.severity.value} | {r.description} |" for r in REGISTRY]
    return "\n".join(rows)


def rewrite(readme: Path) -> None:
    text = readme.read_text(encoding="utf-8")
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    readme.write_text(before + START + rule_table_markdown() + END + after, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        rewrite(Path(sys.argv[1]))
    else:
        print(rule_table_markdown())
