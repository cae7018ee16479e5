"""`python -m cyber_plugin.checks` prints the rule table the README carries."""

from . import rule_table_markdown

print(rule_table_markdown())
