"""``tajimi-rules diff-rules A B``: the count vectors two rule sets rate differently, by region.

Exit status 0 when they agree on every vector with ``1 <= n <= --max-items``, 1 when they
disagree somewhere, 2 for unusable input (including a ``--max-items`` outside ``1..400``).
The last line says whether the answer holds for every n.
"""

from __future__ import annotations

import argparse

from ..analysis._analysis import compare
from ..documents._loaders import load_rules
from ..model import Rating
from ._common import EXIT_FOUND, EXIT_OK, Command, Output, add_format
from ._lint import MAX_ITEMS, coverage_text, max_items

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("first", metavar="A", help="a shipped rule set id or a rule set JSON file")
    parser.add_argument("second", metavar="B", help="a shipped rule set id or a rule set JSON file")
    parser.add_argument(
        "--max-items",
        type=max_items,
        default=60,
        metavar="N",
        help=f"compare every count vector with 1 <= n <= N, N from 1 to {MAX_ITEMS} (default: 60)",
    )
    add_format(parser)


def _name(rating: Rating | None) -> str:
    return rating.value if rating is not None else "none"


def _run(args: argparse.Namespace, out: Output) -> int:
    first, second = load_rules(args.first), load_rules(args.second)
    diff = compare(first, second, max_items=args.max_items)
    if args.format == "json":
        out.json(diff.to_json())
        return EXIT_OK if diff.same else EXIT_FOUND
    out.write(f"{first.id} vs {second.id}: {diff.vectors:,} count vectors with 1 <= n <= {diff.max_items}")
    if diff.same:
        out.write("they rate every vector alike")
    for item in diff.disagreements:
        out.write()
        out.write(
            f"{first.id} {_name(item.first)}, {second.id} {_name(item.second)}: {item.count:,} vectors, "
            f"smallest {item.witness.short()}"
        )
        out.write(f"  where {item.describe()}")
    out.write()
    out.write(coverage_text(diff.coverage, diff.max_items, "these are all the kinds of disagreement"))
    return EXIT_OK if diff.same else EXIT_FOUND


COMMAND = Command(
    name="diff-rules",
    help="show the count vectors two rule sets rate differently, grouped into regions",
    configure=_configure,
    run=_run,
)
