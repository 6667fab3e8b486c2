"""How fast ``rule_set.rate`` is, beside a hand-written integer function, in one run.

Run: ``python benchmarks/bench_rate.py [--repeat 7]``. Rates every count vector with
1 <= n <= 40 (135,750 vectors, built before timing) with:

* ``hand-written``: the practised Tajimi rule as a plain function over the same ``Counts``;
* ``rule_set.rate``: the compiled ``tajimi-r4`` rule set;
* ``predicate tree``: walking the rule set's predicate objects at run time (for scale).

The three take turns within each of ``--repeat`` rounds (the predicate tree, being slow, in every
third round) and the best time of each is kept; the ratio to the hand-written function is the
figure that matters, since all run on the same machine at the same moments. The load is printed.
"""

from __future__ import annotations

import argparse
import os
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


def once(function: Callable[[Counts], object], data: list[Counts]) -> float:
    """Seconds to rate every vector once."""
    start = time.perf_counter()
    for c in data:
        function(c)
    return time.perf_counter() - start


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
    ways = {"hand-written": hand_written, "rule_set.rate": rules.rate, "predicate tree": interpreted(rules)}
    best = dict.fromkeys(ways, float("inf"))
    for round_ in range(args.repeat):
        for name, function in ways.items():
            if name != "predicate tree" or round_ % 3 == 0:
                best[name] = min(best[name], once(function, data))
    hand, compiled, tree = best.values()
    load = os.getloadavg()[0]
    rounds = f"best of {args.repeat} interleaved rounds, load {load:.2f}"
    print(f"{len(data):,} count vectors (1 <= n <= {args.max_items}), {rounds}")
    for name, seconds in (("hand-written", hand), ("rule_set.rate", compiled), ("predicate tree", tree)):
        print(f"  {name:15} {len(data) / seconds / 1e6:6.2f} M ratings/s   {seconds / hand:5.2f}x hand-written")


if __name__ == "__main__":
    main()
