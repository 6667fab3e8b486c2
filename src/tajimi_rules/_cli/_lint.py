"""``tajimi-rules lint-rules ID|PATH``: prove a rule set total, exclusive, monotone, with no dead rule.

Exit status 0 when it is all four for every n (no defect among the count vectors with
``1 <= n <= --max-items``, and ``--max-items`` reaches the rule set's cell bound, so the
coverage argument extends that to every n); 1 when a defect is found, or when none is found
but the check stops below the cell bound (not shown sound); 2 for unusable input, including
a ``--max-items`` outside ``1..MAX_ITEMS``.
"""

from __future__ import annotations

import argparse

from ..analysis._analysis import MOVE_SETS, Analysis, Coverage, Move, Region, analyze, parse_moves
from ..documents._loaders import load_rules
from ..model import Rating
from ..rules._rules import Combine
from ._common import EXIT_FOUND, EXIT_OK, Command, Output, add_format, table

__all__ = ["COMMAND", "MAX_ITEMS", "coverage_text", "max_items", "moves"]

MAX_ITEMS = 400
"""The largest ``--max-items``: n <= 400 is about 1.1 billion count vectors (n <= 200 takes seconds)."""


def max_items(text: str) -> int:
    """``--max-items``: a whole number from 1 to :data:`MAX_ITEMS`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_ITEMS:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_ITEMS}, got {value}")
    return value


def coverage_text(coverage: Coverage, max_items: int, what: str) -> str:
    """What holds beyond ``max_items``: ``what`` for every n, or how far the claim reaches and why."""
    if coverage.complete:
        return (
            f"beyond n = {max_items}: each of the {coverage.cells} cells has a vector with "
            f"n <= {coverage.cell_bound}, so {what} for every n."
        )
    if coverage.cell_bound > MAX_ITEMS:
        return (
            f"beyond n = {max_items}: not established. A cell may first appear at n = {coverage.cell_bound:,}, "
            f"beyond what the exhaustive check can reach (--max-items at most {MAX_ITEMS}), so the findings "
            f"cover n <= {max_items} only."
        )
    return (
        f"beyond n = {max_items}: not established (a cell may first appear at n = {coverage.cell_bound}; "
        f"rerun with --max-items {coverage.cell_bound})."
    )


def moves(text: str) -> tuple[Move, ...]:
    """``--moves``: a name of :data:`MOVE_SETS` or ``SOURCE:TARGET,...``."""
    try:
        return parse_moves(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rules", metavar="ID|PATH", help="a shipped rule set id or a rule set JSON file")
    parser.add_argument(
        "--max-items",
        type=max_items,
        default=60,
        metavar="N",
        help=f"check every count vector with 1 <= n <= N, N from 1 to {MAX_ITEMS} (default: 60)",
    )
    parser.add_argument(
        "--moves",
        type=moves,
        default=MOVE_SETS["implementing"],
        metavar="SET",
        help=(
            "one-item moves that must never lower a rating: implementing (default: needs_review->advanced, "
            "behind->standard), levels (behind->needs_review->standard->advanced, one step), upward "
            "(any move to a better level), or a list such as standard:advanced,behind:needs_review"
        ),
    )
    parser.add_argument(
        "--table-rows",
        type=int,
        default=12,
        metavar="K",
        help="rows of the boundary table in text output, n = 1..K (default: 12; JSON has every n)",
    )
    add_format(parser)


def _rules_text(analysis: Analysis, region: Region) -> str:
    numbers = ",".join(str(index + 1) for index in region.rules)
    ratings = ", ".join(analysis.rule_set.rules[index].rating.value for index in region.rules)
    return f"rules {numbers} ({ratings})"


def _move_text(move: Move) -> str:
    return f"{move[0].value}->{move[1].value}"


def _yes(value: bool) -> str:
    return "yes" if value else "NO"


def _render(analysis: Analysis, out: Output, table_rows: int) -> None:
    rule_set = analysis.rule_set
    out.write(f"{rule_set.id} ({rule_set.combine.value}) · {rule_set.title}")
    out.write(
        f"checked {analysis.vectors:,} count vectors with 1 <= n <= {analysis.max_items}; "
        f"moves: {', '.join(_move_text(move) for move in analysis.moves)}"
    )
    out.write()
    first_match = rule_set.combine is Combine.FIRST_MATCH
    overlaps = analysis.overlaps
    if first_match:
        exclusive_note = f"by rule order; {len(overlaps)} overlap region(s) settled by order, listed"
    else:
        exclusive_note = f"{len(overlaps)} overlap region(s)" if overlaps else "no vector matches two ratings"
    gap_count = sum(region.count for region in analysis.gaps)
    rows = [
        [
            "total",
            _yes(analysis.total),
            f"{gap_count:,} vectors match no rule" if gap_count else "every vector matches a rule",
        ],
        ["exclusive", _yes(analysis.exclusive), exclusive_note],
        [
            "monotone",
            _yes(analysis.monotone),
            f"{len(analysis.violations)} kind(s) of violation"
            if analysis.violations
            else "no move lowers a rating between rated vectors",
        ],
        [
            "dead rules",
            "none" if not analysis.dead_rules else str(len(analysis.dead_rules)),
            ", ".join(f"rule {dead.index + 1}" for dead in analysis.dead_rules),
        ],
    ]
    for line in table(rows):
        out.write(line)

    _render_findings(analysis, out)
    _render_boundaries(analysis, out, table_rows)
    _render_coverage(analysis, out)


def _render_findings(analysis: Analysis, out: Output) -> None:
    first_match = analysis.rule_set.combine is Combine.FIRST_MATCH
    overlaps = analysis.overlaps
    if analysis.gaps:
        out.write()
        out.write("gaps (no rule holds):")
        for region in analysis.gaps:
            out.write(f"  {region.count:,} vectors, smallest {region.witness.short()}")
            out.write(f"    where {region.describe()}")
    if overlaps:
        out.write()
        out.write(
            "overlaps hidden by the rule order (information):"
            if first_match
            else "overlaps (defects: no rating is given there):"
        )
        for region in overlaps:
            decided = f" -> {region.rating.value}" if region.rating is not None else ""
            out.write(
                f"  {_rules_text(analysis, region)}{decided}: {region.count:,} vectors, "
                f"smallest {region.witness.short()}"
            )
            out.write(f"    where {region.describe()}")
    if analysis.violations:
        out.write()
        out.write("monotonicity violations (a move that lowers the rating):")
        for violation in analysis.violations:
            before, after = violation.witness
            count = f"{violation.count:,} pairs" if violation.count else f"found beyond n = {analysis.max_items}"
            out.write(
                f"  {_move_text(violation.move)}: {violation.before.value} -> {violation.after.value}, "
                f"{count}, smallest {before.short()} -> {after.short()}"
            )
    if analysis.dead_rules:
        out.write()
        out.write("dead rules:")
        for dead in analysis.dead_rules:
            by = ", ".join(f"{index + 1} ({analysis.rule_set.rules[index].rating.value})" for index in dead.by)
            holds = f"rule(s) {by} hold too" if dead.everywhere else f"one of rules {by} holds too"
            reason = {
                "never_holds": "its condition never holds",
                "shadowed": f"wherever it holds, earlier {holds}",
                "ambiguous": f"wherever it holds, {holds}, with another rating, so no rating is given",
            }[dead.reason.value]
            out.write(f"  rule {dead.index + 1} ({dead.rating.value}): {reason}")


def _render_boundaries(analysis: Analysis, out: Output, table_rows: int) -> None:
    shown = [boundary for boundary in analysis.boundaries if boundary.n <= table_rows]
    if shown:
        out.write()
        out.write("boundaries: per n, the range of a+s (implemented) and of a (advanced) for each rating")
        ratings = [rating for rating in Rating if any(b.rating is rating for b in analysis.boundaries)]
        header = ["n", *(rating.value for rating in ratings)]
        cells: dict[tuple[int, Rating], str] = {
            (b.n, b.rating): f"a+s {_span(b.implemented)}, a {_span(b.advanced)}" for b in shown
        }
        lines = [header]
        for n in sorted({b.n for b in shown}):
            lines.append([str(n), *(cells.get((n, rating), "—") for rating in ratings)])
        for line in table(lines, right=(0,)):
            out.write("  " + line)


def _render_coverage(analysis: Analysis, out: Output) -> None:
    coverage = analysis.coverage
    out.write()
    out.write(coverage_text(coverage, analysis.max_items, "gaps, overlaps and dead rules are as above"))
    if coverage.monotone_for_all_n is True:
        out.write(f"monotone for every n (pairs checked up to n = {coverage.step * coverage.cell_bound}).")
    elif not analysis.monotone:
        out.write("not monotone: each violation above is a concrete pair of vectors.")
    elif not coverage.complete:
        out.write(
            f"monotonicity established for n <= {analysis.max_items} only (the check stops below the cell bound)."
        )
    else:
        out.write(f"monotonicity established for n <= {analysis.max_items} only (some cells are unrated).")
    if analysis.sound_for_all_n:
        out.write("result: sound")
    elif analysis.sound:
        out.write(f"result: no defect found for n <= {analysis.max_items}; not proved beyond (not shown sound)")
    else:
        out.write("result: not sound")


def _span(pair: tuple[int, int]) -> str:
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]}-{pair[1]}"


def _run(args: argparse.Namespace, out: Output) -> int:
    rule_set = load_rules(args.rules)
    analysis = analyze(rule_set, max_items=args.max_items, moves=args.moves)
    if args.format == "json":
        out.json(analysis.to_json())
    else:
        _render(analysis, out, args.table_rows)
    return EXIT_OK if analysis.sound_for_all_n else EXIT_FOUND


COMMAND = Command(
    name="lint-rules",
    help="prove a rule set total, exclusive, monotone and free of dead rules, and show its boundaries",
    configure=_configure,
    run=_run,
)
