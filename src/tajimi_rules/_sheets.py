r"""Text for a worksheet cell: what a worksheet cannot hold is written as an escape.

The xlsx format (XML 1.0) cannot hold the C0 control characters but tab, line feed and carriage
return; a name from the input holding one (an escape sequence, a backspace) is written with the
character as a visible escape, ``\x1b``, rather than stopping the writing.

>>> sheet_text("多治見\x1b[2J市")
'多治見\\x1b[2J市'
"""

from __future__ import annotations

import re

__all__ = ["sheet_text"]

# The characters a worksheet cannot hold (C0 controls but tab, line feed and carriage return).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sheet_text(text: str) -> str:
    """``text`` with the characters a worksheet cannot hold written as escapes."""
    return _ILLEGAL.sub(lambda match: ascii(match[0])[1:-1], text)
