"""The desktop application's Cybersecurity pane, menu commands and dialogs: the only package that
imports Tk."""
