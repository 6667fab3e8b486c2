"""The exact, bounded search over count vectors: the least plan of each kind that meets a goal.

A rating depends only on the count vector, so a plan is a number of each kind of step, and
every combination is covered: one amount is walked in *runs* on which every share's linear
form (and every count) keeps its sign, so the rating is constant and only a run's first point
needs rating; the other amounts are tried by increasing total. The forms come from the
arrangement kernel of :mod:`tajimi_rules.analysis`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeAlias

import attrs

from ..analysis._arrangement import UNIT, Arrangement, rule_shares
from ..model import Counts, Rating
from ..rules import RuleSet
from ._moves import Step, delta, source_rank

__all__ = [
    "SEARCH_BUDGET",
    "Budget",
    "Goal",
    "Hit",
    "Key",
    "Outcome",
    "by_total",
    "meets",
    "rank",
    "run_starts",
    "search",
    "worst_source_first",
]

SEARCH_BUDGET = 200_000
"""At most this many count vectors are examined by one search of :func:`~tajimi_rules.suggest`.

A search the budget stops says so in its result (:attr:`SuggestionReason.BUDGET`,
:attr:`Beyond.complete` false); it never reports "impossible" for what it did not search.
"""


@attrs.define
class Budget:
    """The count vectors the searches of one call may still examine, together (``suggest(budget=...)``)."""

    remaining: int

    def allow(self, budget: int | None) -> int:
        """What one search with its own ``budget`` (``None``: none) may examine now."""
        return self.remaining if budget is None else min(budget, self.remaining)


Key: TypeAlias = tuple[Any, ...]
Goal: TypeAlias = Callable[[Rating | None], bool]


def rank(rating: Rating | None) -> int:
    """A rating's rank; no rating ranks below every rating."""
    return -1 if rating is None else rating.rank


def meets(rating: Rating | None, target: Rating, exact: bool) -> bool:
    """Whether ``rating`` reaches ``target``: at least as good, or (``exact``) the target itself."""
    if rating is None:
        return False
    return rating is target if exact else rating.rank >= target.rank


@attrs.frozen
class Hit:
    """A combination of amounts that meets a goal, its key, and the counts and rating it gives."""

    key: Key
    amounts: tuple[int, ...]
    after: Counts
    rating: Rating | None


@attrs.frozen
class Outcome:
    """What one search found: per goal the best hit (``None``: none), and whether that is settled."""

    hits: tuple[Hit | None, ...]
    settled: tuple[bool, ...]
    best_rank: int
    """The best rank met among the vectors examined (-1: none rated)."""
    complete: bool
    """Every combination was examined (so ``best_rank`` is the best there is)."""


@functools.lru_cache(maxsize=16)
def _forms(rules: RuleSet) -> tuple[tuple[int, int, int, int], ...]:
    """The linear forms whose signs decide the rating: the shares' forms and the four counts."""
    return Arrangement.of(rule_shares(rules)).forms + UNIT


def run_starts(forms: Sequence[Sequence[int]], base: Sequence[int], step: Sequence[int], limit: int) -> list[int]:
    """The ``k`` in ``0..limit`` where a run of ``base + k*step`` with one sign per form begins.

    Each form is affine in ``k``, so its sign changes at most twice; between two consecutive
    starts every form, and so the rating, is constant.
    """
    cuts = {0, limit + 1}
    for form in forms:
        at = sum(c * x for c, x in zip(form, base, strict=True))
        slope = sum(c * d for c, d in zip(form, step, strict=True))
        if slope > 0:  # first k with f >= 0, first k with f > 0
            cuts.update((-(at // slope), (-at) // slope + 1))
        elif slope < 0:  # first k with f <= 0, first k with f < 0
            cuts.update((-((-at) // -slope), at // -slope + 1))
    return sorted(c for c in cuts if 0 <= c <= limit)


def _compositions(total: int, limits: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Every tuple of amounts, each within its limit, that adds up to ``total``."""
    if len(limits) <= 1:
        if total == 0 and not limits:
            yield ()
        elif limits and 0 <= total <= limits[0]:
            yield (total,)
        return
    rest = sum(limits[1:])
    for first in range(max(0, total - rest), min(total, limits[0]) + 1):
        for others in _compositions(total - first, limits[1:]):
            yield (first, *others)


class _Search:
    """The state of one search: per goal the best hit so far, its ties, and whether it is settled."""

    def __init__(
        self,
        goals: Sequence[Goal],
        key: Callable[[tuple[int, ...]], Key],
        tie: Callable[[Sequence[Hit]], Hit] | None,
    ) -> None:
        self.goals = goals
        self.key = key
        self.tie = tie
        self.hits: list[Hit | None] = [None] * len(goals)
        self.tied: list[list[Hit]] = [[] for _ in goals]
        self.settled = [False] * len(goals)
        self.best_rank = -1

    def settle_below(self, total: int) -> None:
        """Settle every goal whose hit has fewer changes than ``total`` (no larger total beats it)."""
        for g, hit in enumerate(self.hits):
            if hit is not None and sum(hit.amounts) < total:
                self.settled[g] = True

    def offer(self, amounts: tuple[int, ...], after: Counts, rating: Rating | None) -> None:
        """Record a rated point for every open goal it meets, if it beats (or, with a tie-break, ties) the best."""
        self.best_rank = max(self.best_rank, rank(rating))
        for g, goal in enumerate(self.goals):
            if self.settled[g] or not goal(rating):
                continue
            found = self.key(amounts)
            hit = self.hits[g]
            if hit is None or found < hit.key:
                better = Hit(found, amounts, after, rating)
                self.hits[g] = better
                self.tied[g] = [better]
            elif self.tie is not None and found == hit.key:
                self.tied[g].append(Hit(found, amounts, after, rating))

    def outcome(self, complete: bool) -> Outcome:
        """The hits found (ties broken), and which goals are settled."""
        tie = self.tie
        best = tuple(
            tie(found) if tie is not None and len(found) > 1 else hit
            for hit, found in zip(self.hits, self.tied, strict=True)
        )
        done = (True,) * len(self.goals) if complete else tuple(self.settled)
        return Outcome(hits=best, settled=done, best_rank=self.best_rank, complete=complete)


def search(  # noqa: PLR0913 - the search state in full: counts, moves, limits, rules, goals and keyword options
    counts: Counts,
    steps: Sequence[Step],
    limits: Sequence[int],
    rules: RuleSet,
    goals: Sequence[Goal],
    *,
    key: Callable[[tuple[int, ...]], Key],
    tie: Callable[[Sequence[Hit]], Hit] | None = None,
    by_total: bool,
    budget: int | None,
    shared: Budget | None = None,
) -> Outcome:
    """For each goal, the combination of amounts of ``steps`` (each within its limit) with the least ``key``.

    One amount (the one with the largest limit) is walked in runs on which the rating is
    constant (:func:`run_starts`); ``key`` must not decrease as an amount grows, so a run's
    first point is its best. The other amounts are tried by increasing total; with
    ``by_total`` (``key`` starts with the total number of changes) a goal is settled as soon as
    no larger total can beat its hit. ``tie`` picks one of the hits of equal ``key`` once the
    search is over. At most ``budget`` points are examined, and no more than ``shared`` has
    left, which is charged with what the search examined.
    """
    limit = shared.allow(budget) if shared is not None else budget
    state = _Search(goals, key, tie)
    complete, examined = _walk(counts, steps, limits, rules, state, by_total=by_total, limit=limit)
    if shared is not None:
        shared.remaining -= examined
    return state.outcome(complete)


def _walk(  # noqa: PLR0913 - the search's state, passed on from search()
    counts: Counts,
    steps: Sequence[Step],
    limits: Sequence[int],
    rules: RuleSet,
    state: _Search,
    *,
    by_total: bool,
    limit: int | None,
) -> tuple[bool, int]:
    """Offer every combination to ``state`` (see :func:`search`); whether all were examined, and how many were."""
    forms = _forms(rules)
    deltas = [delta(step) for step in steps]
    walk = max(range(len(steps)), key=lambda i: limits[i])
    others = [i for i in range(len(steps)) if i != walk]
    examined = 0
    for row_total in range(sum(limits[i] for i in others) + 1):
        if by_total:
            state.settle_below(row_total)
        if all(state.settled):
            break
        for partial in _compositions(row_total, [limits[i] for i in others]):
            base = list(counts)
            for i, amount in zip(others, partial, strict=True):
                base = [x + amount * d for x, d in zip(base, deltas[i], strict=True)]
            for k in run_starts(forms, base, deltas[walk], limits[walk]):
                if limit is not None and examined >= limit:
                    return False, examined
                examined += 1
                point = [x + k * d for x, d in zip(base, deltas[walk], strict=True)]
                if min(point) >= 0:
                    amounts = list(partial)
                    amounts.insert(walk, k)
                    after = Counts(*point)
                    state.offer(tuple(amounts), after, rules.rate(after))
    return True, examined


def by_total(prefer: Callable[[tuple[int, ...]], Key]) -> Callable[[tuple[int, ...]], Key]:
    """A key: fewest changes in all, then ``prefer``."""
    return lambda amounts: (sum(amounts), *prefer(amounts))


def worst_source_first(steps: Sequence[Step]) -> Callable[[tuple[int, ...]], tuple[int, ...]]:
    """A tie-break: more moves from worse levels (those common nationally first)."""
    ranks = [(-source_rank(step), i) for i, step in enumerate(steps)]
    ordered = [i for _, i in sorted(ranks)]
    return lambda amounts: tuple(-amounts[i] for i in ordered)
