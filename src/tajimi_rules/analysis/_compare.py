"""Comparing two rule sets: the count vectors they rate differently, grouped into regions."""

from __future__ import annotations

from .._arguments import check_rule_set
from .._limits import check_analysis
from ..model import Counts, Rating
from ..rules import RuleSet
from ._arrangement import Arrangement, Cell, check_max_items, rule_shares, scan
from ._conditions import conditions
from ._results import Coverage, Disagreement, RuleSetDiff

__all__ = ["compare"]


def compare(first: RuleSet, second: RuleSet, max_items: int = 60) -> RuleSetDiff:
    """The vectors with ``1 <= n <= max_items`` that two rule sets rate differently, by region.

    >>> from tajimi_rules import load_rules
    >>> from tajimi_rules.analysis import compare
    >>> diff = compare(load_rules("tajimi-r4"), load_rules("tajimi-r4-written"), max_items=6)
    >>> [(d.first.value, d.second) for d in diff.disagreements][:1]
    [('deficient', None)]

    Raises :class:`TypeError` when ``first`` or ``second`` is not a loaded
    :class:`~tajimi_rules.RuleSet` and :class:`ValueError` for a ``max_items`` out of range.
    Rule sets over the documented bounds (``docs/limits.md``), or a ``max_items`` whose work
    would exceed them, raise :class:`~tajimi_rules.errors.InvalidDocumentError` first.
    """
    check_rule_set(first, "compare", "first")
    check_rule_set(second, "compare", "second")
    check_max_items(max_items)
    check_analysis(max_items, first, second)
    arrangement = Arrangement.of(rule_shares(first) + rule_shares(second))
    cells, _, vectors = scan(arrangement, max_items)
    groups: dict[tuple[Rating | None, Rating | None], list[Cell]] = {}
    for cell in cells.values():
        counts = Counts(*cell.witness)
        pair = (first.rate(counts), second.rate(counts))
        if pair[0] is not pair[1]:
            groups.setdefault(pair, []).append(cell)
    disagreements = []
    for (one, other), members in groups.items():
        smallest = min(members, key=lambda cell: cell.order)
        disagreements.append(
            Disagreement(
                first=one,
                second=other,
                count=sum(cell.count for cell in members),
                witness=Counts(*smallest.witness),
                conditions=conditions(arrangement, [cell.key for cell in members]),
                cells=len(members),
            )
        )
    disagreements.sort(key=lambda d: (sum(d.witness), tuple(d.witness)))
    ray_bound = arrangement.ray_bound()
    cell_bound = 4 * ray_bound  # Arrangement.cell_bound(), without computing the ray bound twice
    coverage = Coverage(
        cells=len(cells),
        ray_bound=ray_bound,
        cell_bound=cell_bound,
        complete=max_items >= cell_bound,
        step=1,
        monotone_for_all_n=None,
    )
    return RuleSetDiff(
        first=first,
        second=second,
        max_items=max_items,
        vectors=vectors,
        disagreements=tuple(disagreements),
        coverage=coverage,
    )
