"""``tajimi-rules report FILE --out PATH``: a report people read, in HTML, Markdown or PDF.

The format follows the extension of ``--out``: ``.html`` (or ``.htm``) writes one
self-contained HTML file with its charts embedded, ``.md`` (or ``.markdown``) writes
Markdown, ``.pdf`` a paginated A4 PDF printed by headless Chromium. The file is written
atomically: it appears whole, or not at all.

Exit statuses: 0 when the report was written (disagreements and unrated categories are part
of the report, not a failure); 2 for usage errors and unusable input: an invalid file, an
unknown rule set, an ``--out`` with another extension or in a directory that does not exist,
a file that cannot be written, the ``report`` extra not installed, (for a PDF) no Chromium, or
an evaluation over the documented bounds (``docs/limits.md``), refused before any work.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

from .._errors import InvalidDocumentError
from .._limits import MAX_REPORT_CATEGORIES
from .._texts import text
from ..documents import DEFAULT_RULES, resolve
from ..export import write_whatif
from ..model import Evaluation
from ..report import PdfError, write_report
from ..report._charts import reworded
from ..report._report import report_format
from ..rules import RuleSet
from ._common import (
    EXIT_OK,
    EXIT_USAGE,
    Command,
    Output,
    UsageError,
    add_lang,
    add_rules,
    is_directory,
    refuse_input_as_output,
    summary,
    visible,
)
from ._options import add_budget, located, positive

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="evaluation JSON file")
    parser.add_argument(
        "--out",
        metavar="PATH",
        required=True,
        help="where to write the report: .html (self-contained, with charts) or .md (Markdown)",
    )
    add_rules(parser, default_help=f"the file's own 'rules', else {DEFAULT_RULES}")
    add_lang(parser, what="the report and messages")
    parser.add_argument("--no-charts", action="store_true", help="leave the charts out of an HTML report")
    parser.add_argument(
        "--max-categories",
        type=positive,
        default=MAX_REPORT_CATEGORIES,
        metavar="N",
        help=f"refuse an evaluation of more than N categories (default: {MAX_REPORT_CATEGORIES}; "
        "see docs/limits.md; a what-if page, --interactive, has no such bound)",
    )
    add_budget(parser)
    parser.add_argument(
        "--interactive",
        action="store_true",
        help="write a what-if page (.html only): toggle items and move counts, and every level, count, "
        "rating and reason is recomputed in the page by the compiled rule set",
    )


def _run(args: argparse.Namespace, out: Output) -> int:
    out_path = Path(args.out)
    try:
        format_ = report_format(out_path)
    except ValueError:
        raise UsageError("cli.report.extension", out=args.out) from None
    if not is_directory(out_path.parent):
        raise UsageError("cli.report.no_directory", directory=out_path.parent)
    refuse_input_as_output(out_path, args.file, args.rules)
    evaluation, rules = resolve(args.file, args.rules)
    if args.interactive:
        return _interactive(args, out, format_, (evaluation, rules))
    try:
        # The chart library warns on stderr itself (a glyph its fonts lack, say, with its own source
        # path): its warnings are caught and said here in the project's words, neutralised.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            report = write_report(
                evaluation,
                out_path,
                rules,
                lang=args.lang,
                charts=not args.no_charts,
                max_categories=args.max_categories,
                budget=args.budget,
            )
    except InvalidDocumentError as error:
        raise located(error, args.file) from None
    except (ImportError, PdfError) as error:
        # A missing extra or a missing (or failing) Chromium for a PDF: the message says what to do.
        raise UsageError("cli.report.missing_extra", reason=str(error)) from error
    except OSError as error:
        raise UsageError("cli.report.cannot_write", out=out_path, reason=error.strerror or str(error)) from error
    # Warnings (a name the chart fonts cannot draw) in the project's words, never the library's.
    for problem in reworded(caught):
        out.error(visible(problem.located(args.file).text(args.lang)))
    summary = report.summary
    kind = text(f"cli.report.kind.{format_}", args.lang)
    written = text(
        "cli.report.written", args.lang, out=out_path, kind=kind, total=summary.total, disagree=summary.disagree
    )
    out.write(visible(written))
    return EXIT_OK


COMMAND = Command(
    name="report",
    help=summary("report"),
    exits=(
        (EXIT_OK, "the report was written (disagreements are part of the report, not a failure)"),
        (
            EXIT_USAGE,
            "usage error or unusable input, an --out that cannot be written, the report extra missing, "
            "or input over the documented bounds",
        ),
    ),
    configure=_configure,
    run=_run,
)


def _interactive(args: argparse.Namespace, out: Output, format_: str, resolved: tuple[Evaluation, RuleSet]) -> int:
    evaluation, rules = resolved
    out_path = Path(args.out)
    if format_ != "html":
        raise UsageError("cli.report.interactive_html", out=args.out)
    try:
        write_whatif(evaluation, out_path, rules, lang=args.lang)
    except OSError as error:
        raise UsageError("cli.report.cannot_write", out=out_path, reason=error.strerror or str(error)) from error
    out.write(visible(text("cli.report.interactive_written", args.lang, out=out_path)))
    return EXIT_OK
