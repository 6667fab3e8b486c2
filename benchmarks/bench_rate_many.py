"""Bulk rating against rating one vector at a time, in one run, in interleaved rounds.

Run: ``python benchmarks/bench_rate_many.py [--rounds 7] [--max-items 40]``. Rates every count vector with
1 <= n <= max_items (135,750 vectors for 40) under ``tajimi-r4``:

* ``per vector``: ``rule_set.rate(Counts(...))`` in a loop, including building each ``Counts``
  (what a caller holding four integer columns pays);
* ``per vector, Counts prebuilt``: ``rule_set.rate`` over ``Counts`` built before timing;
* ``bulk``: ``rule_set.rate_many`` over four ``int64`` arrays (numpy).

The rounds alternate between the three so that the machine's load touches each alike; the best
round of each is kept and the ratios are printed. Both sides are checked to give the same ratings.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

import tajimi_rules as tr
from tajimi_rules.rules import ratings_of


def main() -> None:
    """Time the three ways and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--max-items", type=int, default=40)
    args = parser.parse_args()
    rule_set = tr.load_rules("tajimi-r4")
    bulk = rule_set.rate_many
    rows = [
        (a, s, r, n - a - s - r)
        for n in range(1, args.max_items + 1)
        for a in range(n + 1)
        for s in range(n + 1 - a)
        for r in range(n + 1 - a - s)
    ]
    columns = [np.array(column, dtype=np.int64) for column in zip(*rows, strict=True)]
    prebuilt = [tr.Counts(*row) for row in rows]
    counts = tr.Counts
    rate = rule_set.rate

    def per_vector() -> object:
        return [rate(counts(a, s, r, b)) for a, s, r, b in rows]

    def per_vector_prebuilt() -> object:
        return [rate(c) for c in prebuilt]

    def in_bulk() -> object:
        return bulk(*columns)

    assert ratings_of(in_bulk()) == per_vector_prebuilt()
    ways = {"per vector": per_vector, "per vector, Counts prebuilt": per_vector_prebuilt, "bulk": in_bulk}
    best = dict.fromkeys(ways, float("inf"))
    for _ in range(args.rounds):
        for name, function in ways.items():
            start = time.perf_counter()
            function()
            best[name] = min(best[name], time.perf_counter() - start)
    print(f"{len(rows):,} vectors, best of {args.rounds} interleaved rounds, load {os.getloadavg()[0]:.2f}")
    for name, seconds in best.items():
        print(f"  {name:<28} {seconds * 1000:8.1f} ms  {len(rows) / seconds / 1e6:7.2f} M ratings/s")
    print(
        f"  bulk is {best['per vector'] / best['bulk']:.1f}x per vector (building Counts), "
        f"{best['per vector, Counts prebuilt'] / best['bulk']:.1f}x with Counts prebuilt"
    )


if __name__ == "__main__":
    main()
