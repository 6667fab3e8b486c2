"""Soundness findings and rule-set differences in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {
    "analysis.any": {"en": "(any)", "ja": "（全体）"},
}

PROBLEMS: Table = {}
