"""``tajimi-rules workbook EVALUATION --out plan.xlsx|plan.html``: an evaluation to play with.

``.xlsx`` writes the what-if workbook (toggle items, move counted items; every rating recomputed by
formulas), ``.html`` the interactive page (the same, recomputed by the compiled JavaScript). The
file is written atomically (an existing one is replaced).

Exit statuses: 0 when the file was written; 2 for usage errors and unusable input: an invalid
evaluation, an unknown rule set, an ``--out`` with another extension or in a directory that does
not exist, or a file that cannot be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .._texts import LANGS, resolve_lang, text
from ..documents import DEFAULT_RULES, resolve
from ..export import write_whatif
from ._common import (
    EXIT_OK,
    EXIT_USAGE,
    Command,
    Output,
    UsageError,
    add_rules,
    is_directory,
    refuse_input_as_output,
    summary,
    visible,
)

__all__ = ["COMMAND"]

_SUFFIXES = (".xlsx", ".html", ".htm")


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("evaluation", metavar="EVALUATION", help="evaluation JSON file")
    parser.add_argument(
        "--out", metavar="FILE", required=True, help="the what-if workbook (.xlsx) or interactive page (.html)"
    )
    add_rules(parser, default_help=f"the file's own 'rules', else {DEFAULT_RULES}")
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help="language of the workbook or page and of messages (default: $TAJIMI_RULES_LANG, else the locale)",
    )


def _run(args: argparse.Namespace, out: Output) -> int:
    lang = resolve_lang(args.lang)
    path = Path(args.out)
    if path.suffix.lower() not in _SUFFIXES:
        raise UsageError("export.cli.suffix", path=path, suffixes=", ".join(_SUFFIXES))
    if not is_directory(path.parent):
        raise UsageError("export.cli.no_directory", directory=path.parent)
    refuse_input_as_output(path, args.evaluation, args.rules)
    evaluation, rules = resolve(args.evaluation, args.rules)
    try:
        write_whatif(evaluation, path, rules, lang)
    except OSError as error:
        raise UsageError("export.cli.cannot_write", path=path, reason=error.strerror or str(error)) from error
    out.write(
        visible(text("export.cli.wrote_whatif", lang, path=path, count=len(evaluation.categories), rules=rules.id))
    )
    return EXIT_OK


COMMAND = Command(
    name="workbook",
    help=summary("workbook"),
    exits=(
        (EXIT_OK, "the file was written"),
        (EXIT_USAGE, "usage error or unusable input, or an --out that cannot be written"),
    ),
    configure=_configure,
    run=_run,
)
