"""What every command shares: exit statuses, output streams, tables that align Japanese text."""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TextIO

import attrs

__all__ = [
    "EXIT_FOUND",
    "EXIT_OK",
    "EXIT_USAGE",
    "Command",
    "Output",
    "add_format",
    "add_lang",
    "add_rules",
    "table",
    "visible",
    "width",
]

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_USAGE = 2


@attrs.frozen
class Output:
    """Where a command writes: results to ``stdout``, problems to ``stderr``."""

    stdout: TextIO
    stderr: TextIO

    def write(self, text: str = "") -> None:
        """Write a line of results."""
        print(text, file=self.stdout)

    def json(self, value: Any) -> None:
        """Write one JSON document of results."""
        print(json.dumps(value, ensure_ascii=False, indent=2), file=self.stdout)

    def error(self, text: str) -> None:
        """Write a line to the error stream."""
        print(text, file=self.stderr)


@attrs.frozen
class Command:
    """One sub-command: its name, help, how to add its arguments, and how to run it."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Output], int]


def add_format(parser: argparse.ArgumentParser) -> None:
    """``--format text|json``."""
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang en|ja``."""
    parser.add_argument("--lang", choices=("en", "ja"), default="en", help="language of messages (default: en)")


def add_rules(parser: argparse.ArgumentParser, *, default_help: str) -> None:
    """``--rules ID|PATH``."""
    parser.add_argument("--rules", metavar="ID|PATH", default=None, help=f"rule set: {default_help}")


# C0 and C1 controls (escape sequences start here), line and paragraph separators, and the
# bidirectional overrides and isolates that reorder what a terminal shows.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    r"""``text`` with its control characters written as escapes, so a file cannot drive the terminal.

    A name holding an escape sequence would otherwise move the cursor, recolour or reorder
    what the terminal shows.

    >>> visible("多治見\x1b[2J市")
    '多治見\\x1b[2J市'
    """
    return _CONTROL.sub(lambda match: ascii(match[0])[1:-1], text)


def width(text: str) -> int:
    """Display width in a terminal: East Asian wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def table(rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> list[str]:
    """Align rows into columns (the first row is the header), counting wide characters as 2."""
    sizes = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(_pad(cell, sizes[i], i in right) for i, cell in enumerate(row)).rstrip() for row in rows]
