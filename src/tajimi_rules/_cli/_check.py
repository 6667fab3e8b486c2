"""``tajimi-rules check FILE``: recompute every category's rating and compare with the stated one.

Exit statuses: 0 when every category is rated and agrees with its stated rating (or states
none); 1 when some category disagrees or gets no rating; 2 for usage errors and unusable
input (a file that is not a valid evaluation, an unknown rule set).
"""

from __future__ import annotations

import argparse

from .._light._check_text import CheckLine, render_check
from .._texts import Lang, text
from ..checks import CategoryCheck, CheckReport, check
from ..documents import DEFAULT_RULES
from ._common import (
    EXIT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    Command,
    Output,
    add_format,
    add_lang,
    add_rules,
    summary,
)

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="evaluation JSON file")
    add_rules(parser, default_help=f"the file's own 'rules', else {DEFAULT_RULES}")
    add_format(parser)
    add_lang(parser)
    parser.add_argument("--explain", action="store_true", help="explain every category, not only the notable ones")


def _line(item: CategoryCheck, lang: Lang) -> CheckLine:
    counts, explanation = item.counts, item.explanation
    return CheckLine(
        id=item.category.id,
        name=item.category.name.label(lang),
        counts=tuple(counts) if counts is not None else None,
        rating=item.rating,
        outcome=explanation.outcome if explanation is not None else None,
        stated=item.stated_rating,
        explanation=explanation.lines(lang) if explanation is not None else None,
    )


def _render(report: CheckReport, file: str, lang: Lang, explain_all: bool, out: Output) -> None:
    evaluation, rules = report.evaluation, report.rules
    municipality = evaluation.municipality
    lines = render_check(
        f"{file}: {municipality.name} ({municipality.code}) · {evaluation.survey.title}",
        text("cli.rules_line", lang, id=rules.id, combine=rules.combine.value, title=rules.title),
        [_line(item, lang) for item in report.categories],
        lang,
        explain_all,
    )
    # Names and titles come from the files: their control characters are shown, not obeyed.
    for line in lines:
        out.write(line)


def _run(args: argparse.Namespace, out: Output) -> int:
    report = check(args.file, args.rules)
    if args.format == "json":
        out.json(report.to_json(args.lang, file=args.file))
    else:
        _render(report, args.file, args.lang, args.explain, out)
    return EXIT_OK if report.ok else EXIT_FOUND


COMMAND = Command(
    name="check",
    help=summary("check"),
    exits=(
        (EXIT_OK, "every category is rated and agrees with its stated rating"),
        (EXIT_FOUND, "some category disagrees with its stated rating or gets no rating"),
        (EXIT_USAGE, "usage error or unusable input (an invalid file, an unknown rule set)"),
    ),
    configure=_configure,
    run=_run,
)
