"""What every command shares: exit statuses, the usage error, output streams, arguments, aligned tables.

The text that reaches a terminal is escaped and aligned by :mod:`tajimi_rules._light._terminal`,
whose ``visible``, ``width`` and ``table`` are exported here as before.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

import attrs

from .._errors import Problem, TajimiRulesError
from .._light._terminal import json_text, table, visible, visible_lines, width
from .._texts import LANGS, Lang, text

__all__ = [
    "COMMAND_TABLE",
    "EXIT_FOUND",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "Command",
    "Output",
    "UsageError",
    "add_format",
    "add_lang",
    "add_rules",
    "is_directory",
    "refuse_input_as_output",
    "summary",
    "table",
    "visible",
    "width",
]

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class UsageError(TajimiRulesError):
    """A command cannot run as asked: its message is a text id with fields, in any language.

    ``problems`` are shown before the message (say, the rows of an answer file that stopped a
    batch). ``str()`` gives the English message.
    """

    exit_code = EXIT_USAGE

    def __init__(self, message_id: str, /, *, problems: Iterable[Problem] = (), **fields: Any) -> None:
        self.message_id = message_id
        self.fields = fields
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.text("en"))

    def text(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return text(self.message_id, lang, **self.fields)


# The command table, light enough to load before any command: name, module, one line of help.
# ``--help`` lists the commands from it; only the command run is imported and configured.
COMMAND_TABLE: tuple[tuple[str, str, str], ...] = (
    ("check", "_check", "recompute each category's rating, compare it with the stated one, and explain"),
    (
        "validate",
        "_validate",
        "check documents (evaluation, ruleset, catalog, layout, overlay) against their schema and meaning; "
        "report every problem",
    ),
    ("suggest", "_suggest", "the fewest item changes that lift each category's rating, and what holds it up"),
    (
        "lint-rules",
        "_lint_rules",
        "prove a rule set total, exclusive, monotone and free of dead rules, and show its boundaries",
    ),
    ("diff-rules", "_diff_rules", "show the count vectors two rule sets rate differently, grouped into regions"),
    ("batch", "_batch", "evaluate every body in a survey's answers: one evaluation per body and summary tables"),
    ("layout", "_layout", "draft a workbook layout and catalog from published workbooks (layout init)"),
    (
        "diff",
        "_diff",
        "compare two evaluations of one body: categories whose rating moved, items that changed level, and why",
    ),
    (
        "report",
        "_report",
        "write a report people read: summary table, explanations, remarks, plans and charts (HTML or Markdown)",
    ),
    ("export", "_export", "compile a rule set to JavaScript, SQL or a spreadsheet calculator"),
    ("workbook", "_workbook", "write a what-if workbook (.xlsx) or interactive page (.html) of an evaluation"),
    ("schema", "_schema", "write the JSON Schemas into a folder, for editors that validate documents offline"),
)
"""Every command, in the order ``--help`` lists them: its name, its module in this package, its help line."""


def summary(name: str) -> str:
    """The help line of the command ``name``, from :data:`COMMAND_TABLE`."""
    return next(line for command, _module, line in COMMAND_TABLE if command == name)


@attrs.frozen
class Output:
    """Where a command writes: results to ``stdout``, problems to ``stderr``."""

    stdout: TextIO
    stderr: TextIO

    # Every text reaches the terminal through these three, each neutralised here: one step for every
    # command, whatever part of a message came from input.

    def write(self, line: str = "") -> None:
        """Write a line (or lines) of results, control characters written as escapes."""
        print(visible_lines(line), file=self.stdout)

    def json(self, value: Any) -> None:
        """Write one JSON document of results; characters that could drive a terminal stay JSON escapes."""
        print(json_text(value), file=self.stdout)

    def error(self, line: str) -> None:
        """Write a line (or lines) to the error stream, control characters written as escapes."""
        print(visible_lines(line), file=self.stderr)


@attrs.frozen
class Command:
    """One sub-command: its name, help, exit statuses, how to add its arguments, and how to run it.

    ``exits`` pairs each exit status with when the command returns it; ``--help`` lists them.
    ``run`` gets the parsed arguments, with ``lang`` already resolved to a language.
    """

    name: str
    help: str
    exits: tuple[tuple[int, str], ...]
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Output], int]

    @property
    def epilog(self) -> str:
        """The exit statuses, one a line, as ``--help`` ends."""
        return "exit statuses:\n" + "\n".join(f"  {status}  {when}" for status, when in self.exits)


def add_format(parser: argparse.ArgumentParser) -> None:
    """``--format text|json``."""
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def add_lang(parser: argparse.ArgumentParser, *, what: str = "messages") -> None:
    """``--lang en|ja``; left ``None`` here, the command line resolves it from the environment."""
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help=f"language of {what} (default: $TAJIMI_RULES_LANG, else ja when the locale is Japanese, else en)",
    )


def add_rules(parser: argparse.ArgumentParser, *, default_help: str) -> None:
    """``--rules ID|PATH``."""
    parser.add_argument("--rules", metavar="ID|PATH", default=None, help=f"rule set (default: {default_help})")


def refuse_input_as_output(out: Path, *inputs: str | None) -> None:
    """Raise a usage error when ``out`` is the same file as one of ``inputs`` (writing would destroy it).

    An input that is no file (a shipped id, say) or an ``out`` that does not exist yet is none.
    """
    for given in inputs:
        if given is None:
            continue
        try:
            same = os.path.samefile(out, given)
        except (OSError, ValueError):
            continue
        if same:
            raise UsageError("cli.error.out_is_input", out=out, given=given)


def is_directory(path: Path) -> bool:
    """Whether ``path`` is a directory; a name too long, a link loop or a NUL is none (not an error)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False
