"""`python -m cyber_plugin.checks [README]` prints the rule table generated from the rules'
docstrings, or rewrites it in place between README's rules markers."""

import sys
from pathlib import Path

from . import rule_table_markdown

START, END = "<!-- rules:start -->\n", "\n<!-- rules:end -->"

if len(sys.argv) > 1:
    readme = Path(sys.argv[1])
    text = readme.read_text(encoding="utf-8")
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    readme.write_text(before + START + rule_table_markdown() + END + after, encoding="utf-8")
else:
    print(rule_table_markdown())
