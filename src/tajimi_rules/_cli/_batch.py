"""``tajimi-rules batch SOURCE --catalog CATALOG --out DIR``: every body's evaluation from survey answers.

``SOURCE`` is a long CSV, a wide ``.xlsx`` with ``--mapping``, or, with ``--layout``, a set of
published workbooks (a zip of ``.xlsx`` files, a folder of them, or one ``.xlsx``).

National grading needs national rates. When the answers do not hold every body of their
population (47 prefectural governments, 1,741 municipalities), the rates they give are not
national: the run refuses, stating the coverage, unless ``--rates FILE`` gives the published
national rates or ``--grade-within-observed`` asks for grading within the observed bodies.
Every output records where its rates came from and the coverage.

Problems are grouped (identical problems on one line, with a count and the first places) and
the list is bounded by ``--max-problems``. Catalog items no column is read as, columns read as
no item, categories no body answered and formula cells saved without a value are warnings;
``--strict`` makes them errors.

Exit statuses: 0 when everything was read and written; 1 when ``--keep-going`` left out rows
with problems (they are listed on the error stream) but the rest was written; 2 when the
answers, catalog, layout, rates or rule set cannot be used, the answers do not cover the
nation and no way to grade was given, or the output directory is in the way or cannot be
written (a file where a directory must be, no permission, a dangling symbolic link, the
current directory given with ``--replace``): then nothing is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TextIO

import attrs

from .._errors import OutputExistsError
from .._texts import Lang, text
from ..documents import DEFAULT_CATALOG, DEFAULT_RULES, load_rules
from ..errors import Problem, Severity
from ..model import Catalog
from ..survey import (
    Answers,
    PublishedRates,
    available_readers,
    bound_groups,
    coverage_of,
    empty_categories,
    evaluate_answers,
    group_problems,
    load_any_catalog,
    read_answers,
    read_published_rates,
    read_workbooks,
    write_batch,
)
from ._common import EXIT_FOUND, EXIT_OK, EXIT_USAGE, Command, Output, UsageError, add_lang, add_rules, summary, visible
from ._options import count

__all__ = ["COMMAND"]

DEFAULT_MAX_PROBLEMS = 20
_STRICT = frozenset(
    {
        "workbook.unmapped_item",
        "workbook.unmapped_column",
        "answers.unmapped_items",
        "survey.empty_category",
        "workbook.formula_without_value",
    }
)
"""The warnings ``--strict`` makes errors: each means answers that were not read."""


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "answers",
        metavar="SOURCE",
        help="answers: a long CSV, a wide .xlsx with --mapping, or published workbooks (zip, folder, .xlsx) "
        "with --layout",
    )
    parser.add_argument(
        "--catalog",
        metavar="ID|PATH",
        required=True,
        help=f"survey catalog: a shipped id (e.g. {DEFAULT_CATALOG}), a catalog JSON file, or an overlay extending one",
    )
    add_rules(parser, default_help=DEFAULT_RULES)
    parser.add_argument("--out", metavar="DIR", required=True, help="output directory (must not exist or be empty)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--mapping", metavar="PATH", default=None, help="JSON mapping from spreadsheet columns to item ids (.xlsx)"
    )
    source.add_argument(
        "--layout",
        metavar="ID|PATH",
        default=None,
        help="workbook layout (a shipped id such as mic-r4, or a layout JSON file) for published workbooks",
    )
    parser.add_argument(
        "--reader", choices=("calamine", "openpyxl"), default=None, help="cell reader for --layout (default: fastest)"
    )
    grading = parser.add_mutually_exclusive_group()
    grading.add_argument(
        "--rates",
        metavar="FILE",
        default=None,
        help="published national rates (CSV or JSON: item, population, numerator/denominator or percentage)",
    )
    grading.add_argument(
        "--grade-within-observed",
        action="store_true",
        help="grade items by rates within the bodies in the answers (not national; recorded in every output)",
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
        "--strict",
        action="store_true",
        help="make unmapped items and columns, empty categories and formula cells saved without a value errors",
    )
    parser.add_argument(
        "--max-problems",
        type=count,
        default=DEFAULT_MAX_PROBLEMS,
        metavar="N",
        help=f"list at most N groups of problems (default: {DEFAULT_MAX_PROBLEMS})",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace DIR if it exists and is not empty (only a directory this command wrote; never a file)",
    )
    add_lang(parser)


class _Progress:
    """A progress bar on a terminal, one line per phase (reading, rating, writing)."""

    def __init__(self, stream: TextIO, lang: Lang) -> None:
        self.stream, self.lang = stream, lang

    def phase(self, name: str) -> Callable[[int, int], None]:
        label = text(f"cli.progress.{name}", self.lang)

        def show(done: int, total: int) -> None:
            if done == total or done % 50 == 0 or total < 50:
                filled = done * 30 // max(total, 1)
                self.stream.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
                if done == total:
                    self.stream.write("\n")
                self.stream.flush()

        return show


def _progress(out: Output, lang: Lang) -> _Progress | None:
    interactive = hasattr(out.stderr, "isatty") and out.stderr.isatty()
    return _Progress(out.stderr, lang) if interactive else None


def _read(args: argparse.Namespace, catalog: Catalog, out: Output, progress: _Progress | None) -> Answers:
    if args.layout is None:
        answers = read_answers(args.answers, catalog, mapping=args.mapping, encoding=args.encoding)
        if progress is not None:
            progress.phase("reading")(1, 1)
        return answers
    if args.reader is not None and args.reader not in available_readers():
        raise UsageError("cli.batch.no_reader", reader=args.reader)
    read = read_workbooks(
        args.answers,
        args.layout,
        catalog,
        reader=args.reader,
        progress=progress.phase("reading") if progress is not None else None,
    )
    if read.answers.bodies:
        out.error(visible(read.summary(args.lang)))
    return read.answers


def _strict(problems: Sequence[Problem], strict: bool) -> tuple[Problem, ...]:
    if not strict:
        return tuple(problems)
    return tuple(
        attrs.evolve(p, severity=Severity.ERROR) if p.code in _STRICT and p.severity is Severity.WARNING else p
        for p in problems
    )


def _show(problems: Sequence[Problem], args: argparse.Namespace, out: Output) -> None:
    """The problems grouped and bounded, one line per group."""
    groups, left_off = bound_groups(group_problems(problems), args.max_problems)
    for group in groups:
        out.error(visible(group.text(args.lang)))
    if left_off:
        out.error(text("grouped.left_off", args.lang, count=left_off, bound=args.max_problems))


def _published(args: argparse.Namespace, catalog: Catalog, out: Output) -> PublishedRates | None:
    if args.rates is None:
        return None
    rates, problems = read_published_rates(args.rates, catalog, encoding=args.encoding)
    if rates is None:
        _show(problems, args, out)
        raise UsageError("cli.batch.rates_problems", rates=args.rates, count=len(problems))
    return rates


def _run(args: argparse.Namespace, out: Output) -> int:
    catalog = load_any_catalog(args.catalog)
    rules = load_rules(args.rules)
    progress = _progress(out, args.lang)
    answers = _read(args, catalog, out, progress)
    problems = _strict((*answers.problems, *empty_categories(answers)), args.strict)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    _show(problems, args, out)
    if errors and not args.keep_going:
        if args.strict and any(p.code in _STRICT for p in errors):
            raise UsageError("cli.batch.strict", count=sum(p.code in _STRICT for p in errors))
        raise UsageError("cli.batch.problems", count=len(errors), answers=args.answers)
    if not answers.bodies:
        raise UsageError("cli.batch.no_answers", answers=args.answers)
    published = _published(args, catalog, out)
    coverage = coverage_of(answers)
    if published is None and not args.grade_within_observed and not coverage.national:
        raise UsageError("cli.batch.coverage", answers=args.answers, coverage=coverage.text(args.lang))
    batch = evaluate_answers(attrs.evolve(answers, problems=problems), rules, rates=published)
    if progress is not None:
        progress.phase("rating")(len(batch.results), len(batch.results))
    extra = batch.problems[len(problems) :]
    _show(extra, args, out)
    try:
        target = write_batch(
            batch,
            args.out,
            replace=args.replace,
            progress=progress.phase("writing") if progress else None,
            lang=args.lang,
        )
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
    if batch.source is not None and not (batch.source.kind == "answers" and not args.grade_within_observed):
        out.write(visible(text("cli.batch.rates_source", args.lang, source=batch.source.text(args.lang))))
    if errors:
        out.write(text("cli.batch.left_out", args.lang, count=len(errors)))
        return EXIT_FOUND
    return EXIT_OK


COMMAND = Command(
    name="batch",
    help=summary("batch"),
    exits=(
        (EXIT_OK, "everything was read and written"),
        (EXIT_FOUND, "--keep-going left out rows with problems (listed on the error stream); the rest was written"),
        (
            EXIT_USAGE,
            "unusable answers, catalog, layout, rates or rule set; answers not covering the nation without "
            "--rates or --grade-within-observed; or an output directory in the way: nothing written",
        ),
    ),
    configure=_configure,
    run=_run,
)
