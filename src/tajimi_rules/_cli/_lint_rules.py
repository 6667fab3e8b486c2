"""``tajimi-rules lint-rules ID|PATH``: prove a rule set total, exclusive, monotone, with no dead rule.

Exit status 0 when it is all four for every n (no defect among the count vectors with
``1 <= n <= --max-items``, and ``--max-items`` reaches the rule set's cell bound, so the
coverage argument extends that to every n); 1 when a defect is found, or when none is found
but the check stops below the cell bound (not shown sound); 2 for unusable input, including
a ``--max-items`` outside ``1..MAX_ITEMS`` and a rule set or ``--max-items`` over the documented
bounds (``docs/limits.md``), refused before the check starts.
"""

from __future__ import annotations

import argparse

from .._errors import InvalidDocumentError
from .._texts import Lang, text
from ..analysis import MOVE_SETS, Analysis, Coverage, Move, Region, analyze, parse_moves
from ..documents import load_rules
from ..model import Rating
from ..rules import Combine
from ._common import EXIT_FOUND, EXIT_OK, EXIT_USAGE, Command, Output, add_format, add_lang, summary, table, visible
from ._options import MAX_ITEMS, MAX_ITEMS_HELP, located, max_items

__all__ = ["COMMAND", "coverage_text", "moves", "rating_name"]


def coverage_text(coverage: Coverage, max_items: int, what: str, lang: Lang) -> str:
    """What holds beyond ``max_items``: ``what`` (a claim) for every n, or how far the claim reaches and why."""
    if coverage.complete:
        return text(
            "cli.coverage.complete",
            lang,
            max_items=max_items,
            cells=coverage.cells,
            cell_bound=coverage.cell_bound,
            what=what,
        )
    if coverage.cell_bound > MAX_ITEMS:
        return text(
            "cli.coverage.unreachable", lang, max_items=max_items, cell_bound=coverage.cell_bound, limit=MAX_ITEMS
        )
    return text("cli.coverage.rerun", lang, max_items=max_items, cell_bound=coverage.cell_bound)


def rating_name(rating: Rating | None, lang: Lang) -> str:
    """A rating's id, or the word for no rating."""
    return rating.value if rating is not None else text("cli.rating.none", lang)


def moves(given: str) -> tuple[Move, ...]:
    """``--moves``: a name of :data:`MOVE_SETS` or ``SOURCE:TARGET,...``."""
    try:
        return parse_moves(given)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rules", metavar="ID|PATH", help="a shipped rule set id or a rule set JSON file")
    parser.add_argument(
        "--max-items",
        type=max_items,
        default=60,
        metavar="N",
        help=f"check every count vector with 1 <= n <= N (default: 60); {MAX_ITEMS_HELP}",
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
    add_lang(parser)


def _rules_text(analysis: Analysis, region: Region, lang: Lang) -> str:
    numbers = ",".join(str(index + 1) for index in region.rules)
    ratings = ", ".join(analysis.rule_set.rules[index].rating.value for index in region.rules)
    return text("cli.lint.rules", lang, numbers=numbers, ratings=ratings)


def _move_text(move: Move) -> str:
    return f"{move[0].value}->{move[1].value}"


def _yes(value: bool, lang: Lang) -> str:
    return text("cli.lint.yes" if value else "cli.lint.no", lang)


def _exclusive_note(analysis: Analysis, lang: Lang) -> str:
    count = len(analysis.overlaps)
    if analysis.rule_set.combine is Combine.FIRST_MATCH:
        return text("cli.lint.exclusive.by_order", lang, count=count)
    return text("cli.lint.exclusive.overlaps" if count else "cli.lint.exclusive.none", lang, count=count)


def _verdicts(analysis: Analysis, lang: Lang) -> list[list[str]]:
    gaps = sum(region.count for region in analysis.gaps)
    violations = len(analysis.violations)
    dead = analysis.dead_rules
    return [
        [
            text("cli.lint.row.total", lang),
            _yes(analysis.total, lang),
            text("cli.lint.total.gaps" if gaps else "cli.lint.total.none", lang, count=gaps),
        ],
        [text("cli.lint.row.exclusive", lang), _yes(analysis.exclusive, lang), _exclusive_note(analysis, lang)],
        [
            text("cli.lint.row.monotone", lang),
            _yes(analysis.monotone, lang),
            text("cli.lint.monotone.kinds" if violations else "cli.lint.monotone.none", lang, count=violations),
        ],
        [
            text("cli.lint.row.dead", lang),
            str(len(dead)) if dead else text("cli.lint.none", lang),
            ", ".join(text("cli.lint.rule", lang, number=rule.index + 1) for rule in dead),
        ],
    ]


def _render(analysis: Analysis, out: Output, table_rows: int, lang: Lang) -> None:
    rule_set = analysis.rule_set
    out.write(visible(f"{rule_set.id} ({rule_set.combine.value}) · {rule_set.title}"))
    out.write(
        text(
            "cli.lint.checked",
            lang,
            vectors=analysis.vectors,
            max_items=analysis.max_items,
            moves=", ".join(_move_text(move) for move in analysis.moves),
        )
    )
    out.write()
    for line in table(_verdicts(analysis, lang)):
        out.write(line)
    _render_gaps(analysis, out, lang)
    _render_overlaps(analysis, out, lang)
    _render_violations(analysis, out, lang)
    _render_dead_rules(analysis, out, lang)
    _render_boundaries(analysis, out, table_rows, lang)
    _render_coverage(analysis, out, lang)


def _vectors(region: Region, lang: Lang) -> str:
    return text("cli.lint.vectors", lang, count=region.count, witness=region.witness.short())


def _render_gaps(analysis: Analysis, out: Output, lang: Lang) -> None:
    if not analysis.gaps:
        return
    out.write()
    out.write(text("cli.lint.gaps", lang))
    for region in analysis.gaps:
        out.write("  " + _vectors(region, lang))
        out.write("    " + text("cli.lint.where", lang, conditions=region.describe(lang)))


def _render_overlaps(analysis: Analysis, out: Output, lang: Lang) -> None:
    if not analysis.overlaps:
        return
    out.write()
    first_match = analysis.rule_set.combine is Combine.FIRST_MATCH
    out.write(text("cli.lint.overlaps.ordered" if first_match else "cli.lint.overlaps.defects", lang))
    for region in analysis.overlaps:
        decided = f" -> {region.rating.value}" if region.rating is not None else ""
        out.write(f"  {_rules_text(analysis, region, lang)}{decided}: {_vectors(region, lang)}")
        out.write("    " + text("cli.lint.where", lang, conditions=region.describe(lang)))


def _render_violations(analysis: Analysis, out: Output, lang: Lang) -> None:
    if not analysis.violations:
        return
    out.write()
    out.write(text("cli.lint.violations", lang))
    for violation in analysis.violations:
        before, after = violation.witness
        if violation.count:
            pairs = text("cli.lint.pairs", lang, count=violation.count)
        else:
            pairs = text("cli.lint.pairs_beyond", lang, max_items=analysis.max_items)
        line = text(
            "cli.lint.violation",
            lang,
            move=_move_text(violation.move),
            before=violation.before.value,
            after=violation.after.value,
            pairs=pairs,
            smallest=before.short(),
            then=after.short(),
        )
        out.write("  " + line)


def _render_dead_rules(analysis: Analysis, out: Output, lang: Lang) -> None:
    if not analysis.dead_rules:
        return
    out.write()
    out.write(text("cli.lint.dead", lang))
    for dead in analysis.dead_rules:
        by = ", ".join(f"{index + 1} ({analysis.rule_set.rules[index].rating.value})" for index in dead.by)
        holds = text(
            "cli.lint.dead.holds_everywhere" if dead.everywhere else "cli.lint.dead.holds_somewhere", lang, by=by
        )
        reason = text(f"cli.lint.dead.{dead.reason.value}", lang, holds=holds)
        out.write(
            "  " + text("cli.lint.dead.rule", lang, number=dead.index + 1, rating=dead.rating.value, reason=reason)
        )


def _render_boundaries(analysis: Analysis, out: Output, table_rows: int, lang: Lang) -> None:
    shown = [boundary for boundary in analysis.boundaries if boundary.n <= table_rows]
    if not shown:
        return
    out.write()
    out.write(text("cli.lint.boundaries", lang))
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


def _monotone_text(analysis: Analysis, lang: Lang) -> str:
    coverage = analysis.coverage
    if coverage.monotone_for_all_n is True:
        return text("cli.lint.monotone.every_n", lang, n=coverage.step * coverage.cell_bound)
    if not analysis.monotone:
        return text("cli.lint.monotone.not", lang)
    if not coverage.complete:
        return text("cli.lint.monotone.below_bound", lang, max_items=analysis.max_items)
    return text("cli.lint.monotone.unrated_cells", lang, max_items=analysis.max_items)


def _render_coverage(analysis: Analysis, out: Output, lang: Lang) -> None:
    out.write()
    what = text("cli.lint.claim", lang)
    out.write(coverage_text(analysis.coverage, analysis.max_items, what, lang))
    out.write(_monotone_text(analysis, lang))
    if analysis.sound_for_all_n:
        out.write(text("cli.lint.result.sound", lang))
    elif analysis.sound:
        out.write(text("cli.lint.result.not_shown", lang, max_items=analysis.max_items))
    else:
        out.write(text("cli.lint.result.not_sound", lang))


def _span(pair: tuple[int, int]) -> str:
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]}-{pair[1]}"


def _run(args: argparse.Namespace, out: Output) -> int:
    rule_set = load_rules(args.rules)
    try:
        analysis = analyze(rule_set, max_items=args.max_items, moves=args.moves)
    except InvalidDocumentError as error:
        raise located(error, args.rules) from None
    if args.format == "json":
        out.json(analysis.to_json())
    else:
        _render(analysis, out, args.table_rows, args.lang)
    return EXIT_OK if analysis.sound_for_all_n else EXIT_FOUND


COMMAND = Command(
    name="lint-rules",
    help=summary("lint-rules"),
    exits=(
        (EXIT_OK, "sound: total, exclusive, monotone and without dead rules for every n"),
        (EXIT_FOUND, "a defect was found, or none up to --max-items but the check stops below the cell bound"),
        (
            EXIT_USAGE,
            f"usage error or unusable input (including a --max-items outside 1..{MAX_ITEMS}, "
            "or a rule set or --max-items over the documented bounds)",
        ),
    ),
    configure=_configure,
    run=_run,
)
