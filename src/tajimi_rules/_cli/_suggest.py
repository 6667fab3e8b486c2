"""``tajimi-rules suggest FILE``: the fewest item changes that lift each category's rating.

Exit statuses: 0 when the suggestions were written (whether or not every target can be
reached: that is part of the answer, not a failure); 2 for usage errors and unusable input
(an invalid file, an unknown rule set, an unknown ``--category``).
"""

from __future__ import annotations

import argparse

from .._errors import UnknownCategoryError
from .._texts import Lang, text
from ..documents import DEFAULT_RULES, resolve
from ..model import Rating
from ..report import rule_set_title
from ..suggestions import CandidateOrder, SuggestionReport, suggest
from ._common import EXIT_OK, EXIT_USAGE, Command, Output, add_format, add_lang, add_rules, visible

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="evaluation JSON file")
    parser.add_argument(
        "--target",
        metavar="RATING",
        choices=[rating.value for rating in Rating],
        default=None,
        help="target rating ("
        + ", ".join(rating.value for rating in Rating)
        + "; default: every rating better than the category's own). With a target and no --category, "
        "a whole-evaluation plan is added",
    )
    parser.add_argument("--category", metavar="ID", default=None, help="only this category (default: every one)")
    parser.add_argument("--exact", action="store_true", help="reach the target rating itself, not merely at least it")
    parser.add_argument(
        "--minimise",
        choices=("count", "cost"),
        default="count",
        help="minimise the number of items changed or their total cost (default: count)",
    )
    parser.add_argument(
        "--order",
        choices=[order.value for order in CandidateOrder],
        default=CandidateOrder.COMMON_FIRST.value,
        help=f"order in which candidate items are named (default: {CandidateOrder.COMMON_FIRST.value})",
    )
    add_rules(parser, default_help=f"the file's own 'rules', else {DEFAULT_RULES}")
    add_format(parser)
    add_lang(parser)


def _render(report: SuggestionReport, file: str, lang: Lang, out: Output) -> None:
    def write(line: str = "") -> None:
        # Names and titles come from the files: their control characters are shown, not obeyed.
        out.write(visible(line))

    municipality, rules = report.evaluation.municipality, report.rules
    write(f"{file}: {municipality.name} ({municipality.code}) · {report.evaluation.survey.title}")
    write(text("cli.rules_line", lang, id=rules.id, combine=rules.combine.value, title=rule_set_title(rules, lang)))
    for category in report.categories:
        write()
        for line in category.lines(lang):
            write(line)
    if report.target is not None and len(report.categories) > 1:
        write()
        for line in report.plan().lines(lang):
            write(line)


def _run(args: argparse.Namespace, out: Output) -> int:
    # One resolution: the evaluation is judged under the rule set it is rated with.
    evaluation, rules = resolve(args.file, args.rules)
    known = [category.id for category in evaluation.categories]
    if args.category is not None and args.category not in known:
        raise UnknownCategoryError(args.category, known)
    report = suggest(
        evaluation,
        rules,
        target=args.target,
        category=args.category,
        exact=args.exact,
        order=CandidateOrder(args.order),
        minimise=args.minimise,
    )
    if args.format == "json":
        out.json(report.to_json(args.lang, file=args.file))
    else:
        _render(report, args.file, args.lang, out)
    return EXIT_OK


COMMAND = Command(
    name="suggest",
    help="the fewest item changes that lift each category's rating, and what holds it up",
    exits=(
        (EXIT_OK, "the suggestions were written (a target out of reach is part of the answer)"),
        (EXIT_USAGE, "usage error or unusable input (an invalid file, an unknown rule set or --category)"),
    ),
    configure=_configure,
    run=_run,
)
