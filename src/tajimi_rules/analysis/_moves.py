"""One-item moves between levels: the named move sets monotonicity is checked against."""

from __future__ import annotations

from typing import TypeAlias

from .._arguments import check_type
from ..model import IMPLEMENTING_MOVES, Level

__all__ = ["MOVE_SETS", "Move", "move_delta", "parse_moves"]

Move: TypeAlias = tuple[Level, Level]
"""One item moving from a level (first) to another (second)."""

_LEVELS = tuple(Level)
_A, _S, _R, _B = _LEVELS

MOVE_SETS: dict[str, tuple[Move, ...]] = {
    "implementing": IMPLEMENTING_MOVES,
    "levels": ((_B, _R), (_R, _S), (_S, _A)),
    "upward": ((_B, _R), (_B, _S), (_B, _A), (_R, _S), (_R, _A), (_S, _A)),
}
"""Named sets of one-item moves for monotonicity.

``implementing``: implement an item, its rarity unchanged (needs_review -> advanced,
behind -> standard), the default. ``levels``: one step up the level order (behind ->
needs_review -> standard -> advanced). ``upward``: any move to a better level.
"""


def parse_moves(text: str) -> tuple[Move, ...]:
    """Moves from a name in :data:`MOVE_SETS` or a list such as ``"standard:advanced,behind:needs_review"``.

    Raises :class:`ValueError` for an unknown name or level, :class:`TypeError` for a ``text`` that is no ``str``.
    """
    check_type(text, str, function="parse_moves", parameter="text", expected="a str")
    if text in MOVE_SETS:
        return MOVE_SETS[text]
    moves: list[Move] = []
    for part in text.split(","):
        source, sep, target = part.strip().partition(":")
        if not sep:
            raise ValueError(f"not a move set name or SOURCE:TARGET: {part.strip()!r}")
        move = (Level(source.strip()), Level(target.strip()))
        if move[0] is move[1]:
            raise ValueError(f"a move needs two different levels: {part.strip()!r}")
        if move not in moves:
            moves.append(move)
    return tuple(moves)


def move_delta(move: Move) -> tuple[int, int, int, int]:
    """The change a move makes to the count vector (a, s, r, b)."""
    delta = [0, 0, 0, 0]
    delta[_LEVELS.index(move[0])] -= 1
    delta[_LEVELS.index(move[1])] += 1
    return (delta[0], delta[1], delta[2], delta[3])
