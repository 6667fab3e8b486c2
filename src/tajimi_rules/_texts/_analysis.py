"""Soundness findings and rule-set differences in words."""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {
    "analysis.any": {"en": "(any)", "ja": "（全体）"},
}

PROBLEMS: Table = {}
