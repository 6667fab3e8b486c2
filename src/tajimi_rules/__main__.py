"""``python -m tajimi_rules``: the command-line interface."""

from ._launch import run

run()
