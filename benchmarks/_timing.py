"""Interleaved rounds: every way of doing a job takes its turn in each round, and each keeps its best round.

The machine is shared and its load moves; taking turns within each round lets the load touch every
way alike, and the best round of each is the least disturbed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TypeVar

__all__ = ["interleaved"]

T = TypeVar("T")


def interleaved(
    ways: Mapping[str, Callable[[], T]], rounds: int, *, each: Callable[[str, T], object] | None = None
) -> dict[str, float]:
    """Best seconds of each way over ``rounds`` rounds, the ways taking turns within each round.

    ``each``, if given, is shown every way's label and result after every run (to check the result).
    """
    best = dict.fromkeys(ways, float("inf"))
    for _ in range(rounds):
        for label, way in ways.items():
            start = time.perf_counter()
            result = way()
            best[label] = min(best[label], time.perf_counter() - start)
            if each is not None:
                each(label, result)
    return best
