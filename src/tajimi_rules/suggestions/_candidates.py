"""Candidate items: the items a plan may implement, the order they are named in, and which a plan takes.

Candidates are the items not implemented (one per item at a source level of the implementing
moves; unnamed ones where the file gives counts without naming enough items), in a
configurable order (:class:`CandidateOrder`). :func:`implementing_key` orders plans of
implementing moves and picks the items each one takes.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, Literal, TypeAlias

import attrs

from ..checks._check import item_level
from ..model import IMPLEMENTING_MOVES, Category, Counts, Item, Level
from ..rules import RuleSet
from ._search import Hit, Key

__all__ = ["Candidate", "CandidateOrder", "Minimise", "OrderKey", "candidates", "implementing_key"]

Minimise: TypeAlias = Literal["count", "cost"]
"""What a plan minimises: the number of items changed, or their total cost."""


class CandidateOrder(enum.Enum):
    """The order in which a plan names the candidate items (items not implemented).

    ``COMMON_FIRST``: items common nationally (``behind``: expected of the body) first, then by
    national rate, highest first (the default). ``NATIONAL_RATE``: by national rate only,
    highest first. ``COST``: cheapest first. ``FILE``: as listed in the file. Items without a
    national rate follow those with one; unnamed items come after the named ones of their level.
    """

    COMMON_FIRST = "common_first"
    NATIONAL_RATE = "national_rate"
    COST = "cost"
    FILE = "file"


@attrs.frozen(kw_only=True)
class Candidate:
    """An item that could be implemented: a named item of the file, or an unnamed one (``item`` ``None``)."""

    item: Item | None
    level: Level
    index: int
    """Position in the file's item list (unnamed items come after every named one)."""
    cost: Fraction
    """The item's cost, or the default cost where the file gives none."""

    @property
    def national_rate(self) -> Fraction | None:
        """The item's national implementation rate, if known."""
        return self.item.national_rate if self.item is not None else None


OrderKey: TypeAlias = Callable[[Candidate], Any]


def _rate_key(rate: Fraction | None) -> tuple[int, Fraction]:
    return (1, Fraction(0)) if rate is None else (0, -rate)


def _order_key(order: CandidateOrder | OrderKey) -> OrderKey:
    """A sort key over candidates: named items by ``order``, then unnamed ones, common first."""
    if not isinstance(order, CandidateOrder):
        custom = order
        return lambda c: (0, custom(c), c.index) if c.item is not None else (1, not c.level.common, c.index)

    def key(c: Candidate) -> tuple[Any, ...]:
        unnamed = c.item is None
        prefecture = c.item.prefecture_rate if c.item is not None else None
        rates = (_rate_key(c.national_rate), _rate_key(prefecture))
        if order is CandidateOrder.COMMON_FIRST:
            return (not c.level.common, unnamed, *rates, c.index)
        if order is CandidateOrder.NATIONAL_RATE:
            return (unnamed, *rates, not c.level.common, c.index)
        if order is CandidateOrder.COST:
            return (unnamed, c.cost, not c.level.common, *rates, c.index)
        return (unnamed, c.index)

    return key


def candidates(
    category: Category,
    counts: Counts,
    rules: RuleSet,
    order: CandidateOrder | OrderKey,
    default_cost: Fraction,
) -> tuple[Candidate, ...]:
    """Every candidate (one per item at a source level of the implementing moves), in ``order``."""
    sources = [source for source, _ in IMPLEMENTING_MOVES]
    found: dict[Level, list[Candidate]] = {level: [] for level in sources}
    for index, item in enumerate(category.items):
        level = item_level(item, rules.item_grading)
        if level in found and len(found[level]) < counts[level]:
            cost = item.cost if item.cost is not None else default_cost
            found[level].append(Candidate(item=item, level=level, index=index, cost=cost))
    end = len(category.items)
    for level in sources:
        for _ in range(counts[level] - len(found[level])):
            found[level].append(Candidate(item=None, level=level, index=end, cost=default_cost))
    return tuple(sorted((c for level in sources for c in found[level]), key=_order_key(order)))


def implementing_key(
    candidates: Sequence[Candidate], minimise: Minimise
) -> tuple[
    Callable[[tuple[int, ...]], Key], Callable[[Sequence[Hit]], Hit], dict[Level, list[Candidate]], dict[int, int]
]:
    """The order of plans of implementing moves, and the items each takes: the cheapest of each level.

    ``count``: fewest items, then cheapest, then items first in the candidate order; ``cost``:
    cheapest, then fewest, then first in order. Among the items of one level the cheapest are
    taken (ties in candidate order), which is the least cost for a given number of each move.
    """
    rank = {id(c): i for i, c in enumerate(candidates)}
    pools = {
        src: sorted((c for c in candidates if c.level is src), key=lambda c: (c.cost, rank[id(c)]))
        for src, _ in IMPLEMENTING_MOVES
    }
    prefix = {
        src: list(itertools.accumulate((c.cost for c in pool), initial=Fraction(0))) for src, pool in pools.items()
    }

    def key(amounts: tuple[int, ...]) -> Key:
        size = sum(amounts)
        cost = sum((prefix[src][k] for (src, _), k in zip(IMPLEMENTING_MOVES, amounts, strict=True)), Fraction(0))
        return (size, cost) if minimise == "count" else (cost, size)

    first, second = ([rank[id(c)] for c in pools[src]] for src, _ in IMPLEMENTING_MOVES)

    def earliest(tied: Sequence[Hit]) -> Hit:
        """Of plans equal in size and cost, the one whose items, sorted, come first in the candidate order.

        Two such plans differ only in how many items each level gives: one takes the extra
        items X of one level, the other the extra items Y of the other level, and the sorted
        lists first differ at the earliest item of X or Y. So walking the plans by their
        first amount needs only running minima of the items passed over.
        """
        ordered = sorted(tied, key=lambda hit: hit.amounts[0])
        best = ordered[0]
        taken, left = best.amounts[0], best.amounts[1]
        least_first = least_second = len(candidates)
        for hit in ordered[1:]:
            k1, k2 = hit.amounts
            least_first = min(least_first, *first[taken:k1], len(candidates))
            least_second = min(least_second, *second[k2:left], len(candidates))
            taken, left = k1, k2
            if least_first < least_second:
                best = hit
                least_first = least_second = len(candidates)
        return best

    return key, earliest, pools, rank
