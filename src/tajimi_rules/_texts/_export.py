"""Exported rule sets: the calculator workbook, the page and the module."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {}

PROBLEMS: Table = {}
