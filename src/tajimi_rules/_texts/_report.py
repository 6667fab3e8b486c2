"""Reports: headings, captions, tables and charts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {}

PROBLEMS: Table = {}
