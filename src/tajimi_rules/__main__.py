"""``python -m tajimi_rules``: the command-line interface."""

from ._cli import run

run()
