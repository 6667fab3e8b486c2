"""How fast ``rule_set.rate`` is, beside a hand-written integer function, in one run.

Run: ``python benchmarks/bench_rate.py [--repeat 7]``. Rates every count vector with
1 <= n <= 40 (135,750 vectors, built before timing) with:

* ``hand-written``: the practised Tajimi rule as a plain function over the same ``Counts``;
* ``rule_set.rate``: the compiled ``tajimi-r4`` rule set;
* ``predicate tree``: walking the rule set's predicate objects at run time (for scale).

Each is timed ``--repeat`` times and the best time is kept; the ratio to the hand-written
function is the figure that matters, since both run on the same machine at the same moment.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import tajimi_rules as tr
from tajimi_rules import Counts, Rating

ADVANCED, GOOD, PARTLY, DEFICIENT = Rating.ADVANCED, Rating.GOOD, Rating.PARTLY_DEFICIENT, Rating.DEFICIENT


def hand_written(c: Counts) -> Rating | None:
    """The practised Tajimi rule written by hand in integers."""
    a, s, r, b = c.advanced, c.standard, c.needs_review, c.behind
    n = a + s + r + b
    if n == 0:
        return None
    done = a + s
    if 3 * done >= 2 * n:
        return ADVANCED if 3 * a >= 2 * done else GOOD
    undone = r + b
    if 3 * b >= 2 * undone:
        return DEFICIENT
    return PARTLY


def vectors(max_items: int) -> list[Counts]:
    """Every count vector with 1 <= n <= max_items."""
    return [
        Counts(a, s, r, n - a - s - r)
        for n in range(1, max_items + 1)
        for a in range(n + 1)
        for s in range(n + 1 - a)
        for r in range(n + 1 - a - s)
    ]


def best_time(function: Callable[[Counts], object], data: list[Counts], repeat: int) -> float:
    """The best of ``repeat`` timings of rating every vector."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for c in data:
            function(c)
        best = min(best, time.perf_counter() - start)
    return best


def interpreted(rules: tr.RuleSet) -> Callable[[Counts], Rating | None]:
    """First-match rating by walking predicate objects at run time."""

    def rate(c: Counts) -> Rating | None:
        for rule in rules.rules:
            if rule.when.holds(c):
                return rule.rating
        return None

    return rate


def main() -> None:
    """Time the three ways of rating and print ratings per second and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--max-items", type=int, default=40)
    args = parser.parse_args()
    rules = tr.load_rules("tajimi-r4")
    data = vectors(args.max_items)
    assert all(rules.rate(c) is hand_written(c) for c in data), "compiled and hand-written disagree"
    hand = best_time(hand_written, data, args.repeat)
    compiled = best_time(rules.rate, data, args.repeat)
    tree = best_time(interpreted(rules), data, max(1, args.repeat // 3))
    print(f"{len(data):,} count vectors (1 <= n <= {args.max_items}), best of {args.repeat}")
    for name, seconds in (("hand-written", hand), ("rule_set.rate", compiled), ("predicate tree", tree)):
        print(f"  {name:15} {len(data) / seconds / 1e6:6.2f} M ratings/s   {seconds / hand:5.2f}x hand-written")


if __name__ == "__main__":
    main()
