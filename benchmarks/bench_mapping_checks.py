"""What checking a mapping for what JSON text could not hold costs ``validate`` on a mapping.

A document given as a mapping is walked once for non-finite numbers, lone surrogates and
depth (``documents._values``) before its schema and meaning are checked. This measures, in
one run, ``validate`` on mappings of the Tajimi example (16 categories) with that walk and
with the walk left out (the baseline: what ``validate`` cost before it), and the walk alone.
Run::

    .venv/bin/python benchmarks/bench_mapping_checks.py [--copies 200] [--rounds 5]

The ways take turns within each round so that the machine's load touches each alike; the best
round of each is kept, and the ratios are printed with the load.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tajimi_rules import Problem
from tajimi_rules.documents import _pipeline, validate
from tajimi_rules.documents._values import value_problems

# Run as a file, the script sees its own folder: the repository's root holds the benchmarks package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._timing import interleaved

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "tajimi-r4.json"


def main() -> None:
    """Build the mappings, then measure each way in interleaved rounds."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    document: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    mappings = [copy.deepcopy(document) for _ in range(args.copies)]
    namespace = vars(_pipeline)  # where run() looks the walk up
    checked = namespace["value_problems"]

    def nothing(_document: Mapping[str, Any], _max_depth: int) -> list[Problem]:
        return []

    def with_walk() -> int:
        return sum(len(validate(mapping)) for mapping in mappings)

    def without_walk() -> int:
        namespace["value_problems"] = nothing
        try:
            return sum(len(validate(mapping)) for mapping in mappings)
        finally:
            namespace["value_problems"] = checked

    def walk_alone() -> int:
        return sum(len(value_problems(mapping, 64)) for mapping in mappings)

    assert with_walk() == without_walk() == walk_alone() == 0
    ways = {
        "validate, walk left out (baseline)": without_walk,
        "validate, with the walk": with_walk,
        "walk alone": walk_alone,
    }
    best = interleaved(ways, args.rounds)
    print(f"best of {args.rounds} interleaved rounds, load {os.getloadavg()[0]:.2f} (1-minute average)")
    baseline = best["validate, walk left out (baseline)"]
    for label, seconds in best.items():
        per = seconds / args.copies * 1000
        print(f"{label:40} {per:8.3f} ms per mapping   {seconds / baseline:6.3f} x baseline")


if __name__ == "__main__":
    main()
