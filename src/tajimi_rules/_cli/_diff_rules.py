"""``tajimi-rules diff-rules A B``: the count vectors two rule sets rate differently, by region.

Exit status 0 when they agree on every vector with ``1 <= n <= --max-items``, 1 when they
disagree somewhere, 2 for unusable input (including a ``--max-items`` outside ``1..MAX_ITEMS``, and rule sets or a
``--max-items`` over the documented bounds, refused before the comparison starts).
The last line says whether the answer holds for every n.
"""

from __future__ import annotations

import argparse

from .._errors import InvalidDocumentError
from .._texts import Lang, text
from ..analysis import RuleSetDiff, compare
from ..documents import load_rules
from ._common import EXIT_FOUND, EXIT_OK, EXIT_USAGE, Command, Output, add_format, add_lang, summary, visible
from ._lint_rules import coverage_text, rating_name
from ._options import MAX_ITEMS, MAX_ITEMS_HELP, located, max_items

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("first", metavar="A", help="a shipped rule set id or a rule set JSON file")
    parser.add_argument("second", metavar="B", help="a shipped rule set id or a rule set JSON file")
    parser.add_argument(
        "--max-items",
        type=max_items,
        default=60,
        metavar="N",
        help=f"compare every count vector with 1 <= n <= N (default: 60); {MAX_ITEMS_HELP}",
    )
    add_format(parser)
    add_lang(parser)


def _render(diff: RuleSetDiff, lang: Lang, out: Output) -> None:
    first, second = diff.first.id, diff.second.id
    out.write(
        visible(
            text(
                "cli.diff_rules.head", lang, first=first, second=second, vectors=diff.vectors, max_items=diff.max_items
            )
        )
    )
    if diff.same:
        out.write(text("cli.diff_rules.same", lang))
    for item in diff.disagreements:
        out.write()
        vectors = text("cli.lint.vectors", lang, count=item.count, witness=item.witness.short())
        ratings = f"{first} {rating_name(item.first, lang)}, {second} {rating_name(item.second, lang)}"
        out.write(visible(f"{ratings}: {vectors}"))
        out.write("  " + text("cli.lint.where", lang, conditions=item.describe(lang)))
    out.write()
    out.write(coverage_text(diff.coverage, diff.max_items, text("cli.diff_rules.claim", lang), lang))


def _run(args: argparse.Namespace, out: Output) -> int:
    first, second = load_rules(args.first), load_rules(args.second)
    try:
        diff = compare(first, second, max_items=args.max_items)
    except InvalidDocumentError as error:
        raise located(error, f"{args.first} + {args.second}") from None
    if args.format == "json":
        out.json(diff.to_json())
    else:
        _render(diff, args.lang, out)
    return EXIT_OK if diff.same else EXIT_FOUND


COMMAND = Command(
    name="diff-rules",
    help=summary("diff-rules"),
    exits=(
        (EXIT_OK, "the two rate every count vector with 1 <= n <= --max-items alike"),
        (EXIT_FOUND, "they disagree somewhere"),
        (
            EXIT_USAGE,
            f"usage error or unusable input (including a --max-items outside 1..{MAX_ITEMS}, "
            "or rule sets or a --max-items over the documented bounds)",
        ),
    ),
    configure=_configure,
    run=_run,
)
