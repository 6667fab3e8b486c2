"""``tajimi-rules diff-rules A B``: the count vectors two rule sets rate differently, by region.

Exit status 0 when they agree on every vector with ``1 <= n <= --max-items``, 1 when they
disagree somewhere, 2 for unusable input.
"""

from __future__ import annotations

import argparse

from .._analysis import compare
from .._loaders import load_rules
from .._model import Rating
from ._common import EXIT_FOUND, EXIT_OK, Command, Output, add_format
from ._lint import max_items

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("first", metavar="A", help="a shipped rule set id or a rule set JSON file")
    parser.add_argument("second", metavar="B", help="a shipped rule set id or a rule set JSON file")
    parser.add_argument(
        "--max-items",
        type=max_items,
        default=60,
        metavar="N",
        help="compare every count vector with 1 <= n <= N (default: 60)",
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
    coverage = diff.coverage
    if coverage.complete:
        out.write(
            f"beyond n = {diff.max_items}: each of the {coverage.cells} cells has a vector with "
            f"n <= {coverage.cell_bound}, so these are all the kinds of disagreement for every n."
        )
    else:
        out.write(f"beyond n = {diff.max_items}: not established (rerun with --max-items {coverage.cell_bound}).")
    return EXIT_OK if diff.same else EXIT_FOUND


COMMAND = Command(
    name="diff-rules",
    help="show the count vectors two rule sets rate differently, grouped into regions",
    configure=_configure,
    run=_run,
)
