"""``tajimi-rules suggest FILE``: the fewest item changes that lift each category's rating.

Exit statuses: 0 when the suggestions were written (whether or not every target can be
reached: that is part of the answer, not a failure); 2 for usage errors and unusable input
(an invalid file, an unknown rule set, an unknown ``--category``).
"""

from __future__ import annotations

import argparse

from ..documents._loaders import DEFAULT_RULES, load_evaluation, load_rules
from ..model import Rating
from ..suggestions._suggest import CandidateOrder, SuggestionReport, suggest
from ._common import EXIT_OK, EXIT_USAGE, Command, Output, add_format, add_lang, add_rules

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
        + "); default: every rating better than the category's own. With a target and no --category, "
        "a whole-evaluation plan is added",
    )
    parser.add_argument("--category", metavar="ID", default=None, help="only this category (its id)")
    parser.add_argument("--exact", action="store_true", help="reach the target rating itself, not merely at least it")
    parser.add_argument(
        "--minimise",
        choices=("count", "cost"),
        default="count",
        help="minimise the number of items changed (default) or their total cost",
    )
    parser.add_argument(
        "--order",
        choices=[order.value for order in CandidateOrder],
        default=CandidateOrder.COMMON_FIRST.value,
        help="order in which candidate items are named (default: common_first)",
    )
    add_rules(parser, default_help=f"the file's own 'rules', else {DEFAULT_RULES}")
    add_format(parser)
    add_lang(parser)


def _render(report: SuggestionReport, file: str, lang: str, out: Output) -> None:
    ja = lang == "ja"
    municipality = report.evaluation.municipality
    out.write(f"{file}: {municipality.name} ({municipality.code}) · {report.evaluation.survey.title}")
    out.write(
        ("規則集: " if ja else "rules: ") + f"{report.rules.id} ({report.rules.combine.value}) · {report.rules.title}"
    )
    for category in report.categories:
        out.write()
        for line in category.lines(lang):
            out.write(line)
    if report.target is not None and len(report.categories) > 1:
        out.write()
        for line in report.plan().lines(lang):
            out.write(line)


def _run(args: argparse.Namespace, out: Output) -> int:
    evaluation = load_evaluation(args.file)
    rules = load_rules(args.rules if args.rules is not None else evaluation.rules)
    if args.category is not None and args.category not in {c.id for c in evaluation.categories}:
        known = ", ".join(c.id for c in evaluation.categories)
        if args.lang == "ja":
            out.error(f"tajimi-rules: カテゴリ {args.category!r} はない（あるもの: {known}）")
        else:
            out.error(f"tajimi-rules: no category {args.category!r} (known: {known})")
        return EXIT_USAGE
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
    configure=_configure,
    run=_run,
)
