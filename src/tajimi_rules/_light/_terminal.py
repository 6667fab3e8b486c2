"""What reaches a terminal: text with its control characters escaped, JSON likewise, aligned tables.

A name or a message may hold characters that move the cursor, recolour or reorder what a
terminal shows; every command writes through these, so no file can drive the terminal it is
checked in. Widths count East Asian wide characters as two columns.
"""

from __future__ import annotations

import re
import unicodedata

# Not ``typing.TYPE_CHECKING``: importing typing would cost the start-up this package saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

__all__ = ["json_text", "table", "visible", "visible_lines", "width"]

# C0 and C1 controls (escape sequences start here), line and paragraph separators, and the
# bidirectional overrides and isolates that reorder what a terminal shows.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def visible(line: str) -> str:
    r"""``line`` with its control characters written as escapes, so a file cannot drive the terminal.

    A name holding an escape sequence would otherwise move the cursor, recolour or reorder
    what the terminal shows.

    >>> visible("多治見\x1b[2J市")
    '多治見\\x1b[2J市'
    """
    return _CONTROL.sub(lambda match: ascii(match[0])[1:-1], line)


def visible_lines(text: str) -> str:
    r"""``text`` with its line breaks kept and every other control character written as an escape.

    >>> visible_lines("一行目\n二行目\r")
    '一行目\n二行目\\r'
    """
    # Line breaks of the output's own stay; everything else that could drive a terminal is escaped.
    return "\n".join(visible(line) for line in text.split("\n"))


# json.dumps escapes C0 controls inside strings; what it leaves raw (C1 controls, bidi and
# line-separator characters) is written as a JSON escape, which reads back as the same data.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def json_text(value: Any) -> str:
    r"""``value`` as indented JSON (Japanese kept readable), with no character that could drive a terminal.

    >>> print(json_text({"名前": "多治見\u202e市"}))
    {
      "名前": "多治見\u202e市"
    }
    """
    import json  # noqa: PLC0415 - only a JSON answer pays for the module

    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def width(cell: str) -> int:
    """Display width in a terminal: East Asian wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in cell)


def _pad(cell: str, size: int, right: bool) -> str:
    gap = " " * max(0, size - width(cell))
    return gap + cell if right else cell + gap


def table(rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> list[str]:
    """Align rows into columns (the first row is the header), counting wide characters as 2."""
    sizes = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(_pad(cell, sizes[i], i in right) for i, cell in enumerate(row)).rstrip() for row in rows]
