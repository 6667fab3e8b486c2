"""How long ``analyze`` takes at n <= 60 and n <= 200, beside a plain per-vector loop, in one run.

Run: ``python benchmarks/bench_analyze.py [--sizes 60,200] [--repeat 3] [--baseline 60]``.

For each shipped rule set and each size it times :func:`tajimi_rules.analyze` (the default
implementing moves), keeping the best of ``--repeat`` rounds (the largest size runs once, in the
last round); within each round the baseline and the analyses take turns, so the machine's load
touches each alike. The baseline is the simplest exhaustive loop at ``--baseline``:
build each ``Counts`` and call the compiled ``rule_set.rate`` and ``rule_set.matches`` once,
with no monotonicity check, no regions and no boundary table. The figures are comparable only
with each other: the machine and its load are the same for all of them.
"""

from __future__ import annotations

import argparse
import os
import time
from math import comb

import tajimi_rules as tr


def baseline(rule_set: tr.RuleSet, size: int) -> float:
    """Seconds for one plain pass of ``rate`` and ``matches`` over every vector with 1 <= n <= size."""
    start = time.perf_counter()
    for n in range(1, size + 1):
        for a in range(n + 1):
            for s in range(n - a + 1):
                for r in range(n - a - s + 1):
                    counts = tr.Counts(a, s, r, n - a - s - r)
                    rule_set.rate(counts)
                    rule_set.matches(counts)
    return time.perf_counter() - start


def timed(rule_set: tr.RuleSet, size: int) -> float:
    """Seconds of one run of ``analyze`` at ``size``."""
    start = time.perf_counter()
    tr.analyze(rule_set, max_items=size)
    return time.perf_counter() - start


def main() -> None:
    """Print one line per rule set and size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="60,200", help="comma-separated max_items values (default: 60,200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size below the largest (default: 3)")
    parser.add_argument("--baseline", type=int, default=60, help="size of the plain loop (default: 60)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"load {os.getloadavg()[0]:.2f} (1-minute average)")
    for rule_set_id in tr.documents.builtin_rule_sets():
        rule_set = tr.load_rules(rule_set_id)
        plain = float("inf")
        best = dict.fromkeys(sizes, float("inf"))
        for round_ in range(args.repeat):
            plain = min(plain, baseline(rule_set, args.baseline))
            for size in sizes:
                if len(sizes) == 1 or size != max(sizes) or round_ == args.repeat - 1:
                    best[size] = min(best[size], timed(rule_set, size))
        vectors = comb(args.baseline + 4, 4) - 1
        print(f"{rule_set_id}: plain rate+matches loop, n <= {args.baseline}: {plain:.2f} s ({vectors:,} vectors)")
        for size, seconds in best.items():
            repeat = 1 if len(sizes) > 1 and size == max(sizes) else args.repeat
            vectors = comb(size + 4, 4) - 1
            rate = vectors / seconds / 1e6
            print(
                f"{rule_set_id}: analyze, n <= {size}: {seconds:.2f} s ({seconds / plain:.2f}x the plain loop at "
                f"n <= {args.baseline}; {vectors:,} vectors, {rate:.2f} M vectors/s, best of {repeat})"
            )


if __name__ == "__main__":
    main()
