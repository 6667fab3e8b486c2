"""MkDocs hook: join the lines of a paragraph without a space where both sides are Japanese.

Markdown turns a line break inside a paragraph into a space, which a browser shows between
Japanese characters (「立ち位置 評価」). Between two CJK characters the break is removed instead;
code blocks and lines that start a Markdown block (lists, tables, headings, quotes) are left alone.
"""

from __future__ import annotations

import re
from typing import Any

_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")
_FENCE = re.compile(r"^\s*(```|~~~)")
_BLOCK_LINE = re.compile(r"^\s*(#|\||>|[-*+] |\d+\. |!!!|\?\?\?|:::)")


def _joins(line: str, following: str) -> bool:
    return bool(
        line
        and following
        and _CJK.match(line[-1])
        and _CJK.match(following[0])
        and not _BLOCK_LINE.match(line)
    )


def join_japanese_lines(markdown: str) -> str:
    """The Markdown with line breaks between two Japanese characters removed, outside code fences."""
    out: list[str] = []
    inside = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            inside = not inside
            out.append(line)
        elif not inside and out and _joins(out[-1], line) and not _FENCE.match(out[-1]):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def on_page_markdown(markdown: str, **_kwargs: Any) -> str:
    """MkDocs entry point."""
    return join_japanese_lines(markdown)
