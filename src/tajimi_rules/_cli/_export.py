"""``tajimi-rules export RULES --to js|sql|xlsx --out FILE``: the rule set compiled for another engine.

``js`` writes an ES module (``rate``, ``matches``, ``explain``), ``sql`` a ``CASE`` expression in
a ``CREATE VIEW``, ``xlsx`` a calculator workbook rating the counts typed in its rows. The file
is written atomically (an existing one is replaced).

Exit statuses: 0 when the file was written; 2 for usage errors and unusable input: an unknown
or invalid rule set, one whose products could leave the target's exact integer range, an
``--out`` in a directory that does not exist, or a file that cannot be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .._texts import LANGS, resolve_lang, text
from ..documents import load_rules
from ..export import Target, write_export
from ._common import (
    EXIT_OK,
    EXIT_USAGE,
    Command,
    Output,
    UsageError,
    is_directory,
    refuse_input_as_output,
    summary,
    visible,
)

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rules", metavar="RULES", help="a shipped rule set id or a rule set JSON file")
    parser.add_argument(
        "--to",
        required=True,
        choices=[target.value for target in Target],
        help="js (ES module), sql (CASE expression and view) or xlsx (calculator workbook)",
    )
    parser.add_argument("--out", metavar="FILE", required=True, help="where to write the export")
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help="language of the workbook's labels and of messages (default: $TAJIMI_RULES_LANG, else the locale)",
    )


def _run(args: argparse.Namespace, out: Output) -> int:
    lang = resolve_lang(args.lang)
    path = Path(args.out)
    if not is_directory(path.parent):
        raise UsageError("export.cli.no_directory", directory=path.parent)
    refuse_input_as_output(path, args.rules)
    rules = load_rules(args.rules)
    try:
        write_export(rules, args.to, path, lang)
    except OSError as error:
        raise UsageError("export.cli.cannot_write", path=path, reason=error.strerror or str(error)) from error
    out.write(visible(text("export.cli.wrote_export", lang, path=path, rules=rules.id, to=args.to)))
    return EXIT_OK


COMMAND = Command(
    name="export",
    help=summary("export"),
    exits=(
        (EXIT_OK, "the file was written"),
        (EXIT_USAGE, "usage error or unusable input, or an --out that cannot be written"),
    ),
    configure=_configure,
    run=_run,
)
