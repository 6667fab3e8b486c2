"""``tajimi-rules suggest FILE``: the fewest item changes that lift each category's rating.

Exit statuses: 0 when the suggestions were written (whether or not every target can be
reached: that is part of the answer, not a failure); 2 for usage errors and unusable input
(an invalid file, an unknown rule set, an unknown ``--category``, and an evaluation or rule set
over the documented bounds, ``docs/limits.md``, refused before any search).

``--target`` takes a rating by its id or its label in either language (``good``, ``良好``);
``--category`` takes a category's id or its exact name (``統合型地理情報システム(GIS)の整備状況``,
compared after Unicode NFKC normalisation, so full-width brackets match), and names the
nearest ids and names ("did you mean") when nothing matches.
"""

from __future__ import annotations

import argparse
import difflib
import unicodedata

from .._errors import InvalidDocumentError, UnknownCategoryError
from .._limits import SUGGEST_ITEMS
from .._texts import LANGS, Lang, text
from ..documents import DEFAULT_RULES, resolve
from ..model import Evaluation, Rating
from ..report import rule_set_title
from ..suggestions import CandidateOrder, SuggestionReport, suggest
from ._common import EXIT_OK, EXIT_USAGE, Command, Output, UsageError, add_format, add_lang, add_rules, summary, visible
from ._options import add_budget, located

__all__ = ["COMMAND"]


def _key(value: str) -> str:
    """A name as compared: NFKC (full-width forms folded), case-folded, underscores as spaces, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().replace("_", " ").split())


def _rating(given: str) -> str:
    """The rating id that ``given`` names: an id or a label in any language (``良好`` is ``good``)."""
    names = {_key(rating.value): rating.value for rating in Rating}
    names.update({_key(text(f"rating.{rating.value}", lang)): rating.value for rating in Rating for lang in LANGS})
    found = names.get(_key(given))
    if found is None:
        choices = ", ".join(f"{rating.value} ({text(f'rating.{rating.value}', 'ja')})" for rating in Rating)
        raise argparse.ArgumentTypeError(f"unknown rating {given!r}: expected one of {choices}")
    return found


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="evaluation JSON file")
    parser.add_argument(
        "--target",
        metavar="RATING",
        type=_rating,
        default=None,
        help="target rating, by id or label in either language ("
        + ", ".join(f"{rating.value}/{text(f'rating.{rating.value}', 'ja')}" for rating in Rating)
        + "; default: every rating better than the category's own). With a target and no --category, "
        "a whole-evaluation plan is added",
    )
    parser.add_argument(
        "--category",
        metavar="ID|NAME",
        default=None,
        help="only this category, by id or exact name in either language (default: every one, "
        f"at most {SUGGEST_ITEMS:,} items in all)",
    )
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
    add_budget(parser)
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


def _category(given: str, evaluation: Evaluation) -> str:
    """The id of the category ``given`` names (its id, else its exact name); "did you mean" if none."""
    known = [category.id for category in evaluation.categories]
    if given in known:
        return given
    names: dict[str, str] = {}
    for category in evaluation.categories:
        for name in (category.id, category.name.ja, category.name.en):
            if name:
                names.setdefault(_key(name), category.id)
    found = names.get(_key(given))
    if found is not None:
        return found
    close = difflib.get_close_matches(_key(given), list(names), n=3, cutoff=0.6)
    if not close:
        raise UnknownCategoryError(given, known)
    labels = {category.id: category.name.ja for category in evaluation.categories}
    nearest = ", ".join(dict.fromkeys(f"{names[key]} ({labels[names[key]]})" for key in close))
    raise UsageError("cli.suggest.did_you_mean", name=given, nearest=nearest)


def _run(args: argparse.Namespace, out: Output) -> int:
    # One resolution: the evaluation is judged under the rule set it is rated with.
    evaluation, rules = resolve(args.file, args.rules)
    category = None if args.category is None else _category(args.category, evaluation)
    try:
        report = suggest(
            evaluation,
            rules,
            target=args.target,
            category=category,
            exact=args.exact,
            order=CandidateOrder(args.order),
            minimise=args.minimise,
            budget=args.budget,
        )
    except InvalidDocumentError as error:
        raise located(error, args.file) from None
    if args.format == "json":
        out.json(report.to_json(args.lang, file=args.file))
    else:
        _render(report, args.file, args.lang, out)
    return EXIT_OK


COMMAND = Command(
    name="suggest",
    help=summary("suggest"),
    exits=(
        (EXIT_OK, "the suggestions were written (a target out of reach is part of the answer)"),
        (
            EXIT_USAGE,
            "usage error or unusable input (an invalid file, an unknown rule set or --category, "
            "or input over the documented bounds)",
        ),
    ),
    configure=_configure,
    run=_run,
)
