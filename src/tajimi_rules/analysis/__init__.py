"""Soundness of rule sets: gaps, overlaps, monotonicity, dead rules, boundaries, and rule-set diffs.

:func:`analyze` checks one rule set, exactly, and says how far its findings reach beyond the
sizes it visited (:class:`Coverage`); :func:`compare` finds where two rule sets disagree. Both
place count vectors in the cells of an arrangement of linear forms, the kernel the suggestion
search shares.
"""

from ._compare import compare
from ._conditions import Condition
from ._moves import MOVE_SETS, Move, parse_moves
from ._results import (
    Analysis,
    Boundary,
    Coverage,
    DeadReason,
    DeadRule,
    Disagreement,
    Region,
    RuleSetDiff,
    Violation,
)
from ._soundness import RATINGS_GIVEN_SCAN, analyze, ratings_given

__all__ = [
    "MOVE_SETS",
    "RATINGS_GIVEN_SCAN",
    "Analysis",
    "Boundary",
    "Condition",
    "Coverage",
    "DeadReason",
    "DeadRule",
    "Disagreement",
    "Move",
    "Region",
    "RuleSetDiff",
    "Violation",
    "analyze",
    "compare",
    "parse_moves",
    "ratings_given",
]
