"""Texts shared by every family: language names and the words every output uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {
    "lang.name": {"en": "English", "ja": "日本語"},
    "demo.items": {"en": "{count} {count:plural:item:items}", "ja": "{count}項目"},
}

PROBLEMS: Table = {}
