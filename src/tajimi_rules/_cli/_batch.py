"""``tajimi-rules batch ANSWERS --catalog CATALOG --out DIR``: every body's evaluation from survey answers.

Exit statuses: 0 when everything was read and written; 1 when ``--keep-going`` left out rows
with problems (they are listed on the error stream) but the rest was written; 2 when the
answers, catalog or rule set cannot be used, or the output directory is in the way or cannot
be written (a file where a directory must be, no permission, a dangling symbolic link, the
current directory given with ``--replace``): then nothing is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO

from .._errors import OutputExistsError
from .._texts import text
from ..documents import DEFAULT_CATALOG, DEFAULT_RULES, load_catalog, load_rules
from ..survey import evaluate_answers, read_answers, write_batch
from ._common import EXIT_FOUND, EXIT_OK, EXIT_USAGE, Command, Output, UsageError, add_lang, add_rules, visible

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("answers", metavar="ANSWERS", help="answers: a long CSV, or a wide .xlsx with --mapping")
    parser.add_argument(
        "--catalog",
        metavar="ID|PATH",
        required=True,
        help=f"survey catalog: a shipped id (e.g. {DEFAULT_CATALOG}) or a catalog JSON file",
    )
    add_rules(parser, default_help=DEFAULT_RULES)
    parser.add_argument("--out", metavar="DIR", required=True, help="output directory (must not exist or be empty)")
    parser.add_argument(
        "--mapping", metavar="PATH", default=None, help="JSON mapping from spreadsheet columns to item ids (.xlsx)"
    )
    parser.add_argument(
        "--encoding",
        default=None,
        help="text encoding of a CSV (default: UTF-8 with or without BOM, else cp932)",
    )
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="leave out rows with problems and write the rest (exit status 1)",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace DIR if it exists and is not empty (only a directory this command wrote; never a file)",
    )
    add_lang(parser)


def _progress(stream: TextIO) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        if done == total or done % 50 == 0:
            filled = done * 30 // total
            stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            if done == total:
                stream.write("\n")
            stream.flush()

    return show


def _run(args: argparse.Namespace, out: Output) -> int:
    catalog = load_catalog(args.catalog)
    rules = load_rules(args.rules)
    answers = read_answers(args.answers, catalog, mapping=args.mapping, encoding=args.encoding)
    errors = answers.errors
    if errors and not args.keep_going:
        raise UsageError("cli.batch.problems", problems=answers.problems, count=len(errors), answers=args.answers)
    for problem in answers.problems:
        out.error(visible(problem.text(args.lang)))
    if not answers.bodies:
        raise UsageError("cli.batch.no_answers", answers=args.answers)
    batch = evaluate_answers(answers, rules)
    interactive = hasattr(out.stderr, "isatty") and out.stderr.isatty()
    progress = _progress(out.stderr) if interactive else None
    try:
        target = write_batch(batch, args.out, replace=args.replace, progress=progress, lang=args.lang)
    except OutputExistsError as error:
        # With --replace, the only refusal left is for something this command did not write.
        reason = "cli.batch.not_ours" if args.replace else "cli.batch.output_exists"
        raise UsageError(reason, path=error.path) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError("cli.batch.cannot_write", out=args.out, reason=reason) from error
    xlsx = text("cli.batch.xlsx", args.lang) if (target / "summary.xlsx").exists() else ""
    written = text(
        "cli.batch.written",
        args.lang,
        out=target,
        count=len(batch.results),
        catalog=catalog.id,
        rules=rules.id,
        xlsx=xlsx,
    )
    out.write(visible(written))
    if errors:
        out.write(text("cli.batch.left_out", args.lang, count=len(errors)))
        return EXIT_FOUND
    return EXIT_OK


COMMAND = Command(
    name="batch",
    help="evaluate every body in a survey's answers: one evaluation per body and summary tables",
    exits=(
        (EXIT_OK, "everything was read and written"),
        (EXIT_FOUND, "--keep-going left out rows with problems (listed on the error stream); the rest was written"),
        (EXIT_USAGE, "unusable answers, catalog or rule set, or an output directory in the way: nothing written"),
    ),
    configure=_configure,
    run=_run,
)
