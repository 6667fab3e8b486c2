"""Kinds of change: the one-item moves a plan is made of, and the slips that can lower a rating.

A *step* moves one item from a level to another (from ``None``: a new item). Implementing
moves (:data:`~tajimi_rules.model.IMPLEMENTING_MOVES`) are what a body can do by itself; the
others here describe what else would take a category further, or what could pull it down.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from ..model import IMPLEMENTING_MOVES, Counts, Level

__all__ = ["CATCH_UP_MOVES", "LAPSE_MOVES", "NEW_ITEMS", "RARER_MOVES", "Step", "delta", "limits", "source_rank"]

Step: TypeAlias = tuple[Level | None, Level]
"""One kind of change: an item moving from a level to another (``None``: a new item)."""

_INDEX = {level: index for index, level in enumerate(Level)}

RARER_MOVES: tuple[tuple[Level, Level], ...] = tuple(
    (level, Level.of(level.implemented, False)) for level in Level if level.common
)
"""Changes of national rarity only: an item common nationally becomes rare (the body unchanged)."""

LAPSE_MOVES: tuple[tuple[Level, Level], ...] = tuple((dst, src) for src, dst in IMPLEMENTING_MOVES)
"""The reverse of implementing: an item the body does stops being done."""

CATCH_UP_MOVES: tuple[tuple[Level, Level], ...] = tuple(
    (level, Level.of(level.implemented, True)) for level in Level if not level.common
)
"""The reverse of becoming rare: other bodies catch up and an item becomes common nationally."""

NEW_ITEMS: tuple[Step, ...] = tuple((None, Level.of(True, common)) for common in (False, True))
"""New items the body does, rare or common nationally."""


def delta(step: Step) -> tuple[int, int, int, int]:
    """The change one step makes to the count vector (a, s, r, b)."""
    change = [0, 0, 0, 0]
    if step[0] is not None:
        change[_INDEX[step[0]]] -= 1
    change[_INDEX[step[1]]] += 1
    return (change[0], change[1], change[2], change[3])


def source_rank(step: Step) -> int:
    """The position of a step's source in the level order (best first); -1 for a new item."""
    return _INDEX[step[0]] if step[0] is not None else -1


def limits(counts: Counts, steps: Sequence[Step], new_items: int) -> list[int]:
    """How many of each step could ever apply: items at the source or able to flow into it."""
    found = []
    for source, _target in steps:
        if source is None:
            found.append(new_items)
            continue
        feeding = {source}
        grew = True
        while grew:
            grew = False
            for src, dst in steps:
                if src is not None and dst in feeding and src not in feeding:
                    feeding.add(src)
                    grew = True
        found.append(counts.of(feeding))
    return found
