"""The docs site's Japanese: no space injected inside a sentence by a line break."""

from __future__ import annotations

import importlib.util
import types
from pathlib import Path

HOOK = Path(__file__).resolve().parent.parent / "docs" / "_hooks" / "japanese.py"


def _hook() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("japanese_hook", HOOK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_line_break_between_japanese_characters_is_removed():
    """A line break between two Japanese characters disappears; one next to a Latin letter stays."""
    join = _hook().join_japanese_lines
    assert join("立ち位置\n評価") == "立ち位置評価"
    assert join("rule\n評価") == "rule\n評価"
    assert join("評価。\nThe") == "評価。\nThe"


def test_code_fences_are_left_alone():
    """Inside a fenced code block the lines stay as written."""
    join = _hook().join_japanese_lines
    text = "前\n後\n```text\n立ち位置\n評価\n```\n前\n後"
    assert join(text) == "前後\n```text\n立ち位置\n評価\n```\n前後"


def test_headings_and_table_rows_are_not_joined():
    """A heading, list item or table row is never joined with the line after it."""
    join = _hook().join_japanese_lines
    assert join("# 見出し\n本文") == "# 見出し\n本文"
    assert join("| 表 |\n| 行 |") == "| 表 |\n| 行 |"
