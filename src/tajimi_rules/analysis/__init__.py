"""Soundness of rule sets: gaps, overlaps, monotonicity, dead rules, boundaries, and rule-set diffs."""

from ._analysis import (
    MOVE_SETS,
    Analysis,
    Boundary,
    Condition,
    Coverage,
    DeadReason,
    DeadRule,
    Disagreement,
    Region,
    RuleSetDiff,
    Violation,
    analyze,
    compare,
    parse_moves,
    ratings_given,
)

__all__ = [
    "MOVE_SETS",
    "Analysis",
    "Boundary",
    "Condition",
    "Coverage",
    "DeadReason",
    "DeadRule",
    "Disagreement",
    "Region",
    "RuleSetDiff",
    "Violation",
    "analyze",
    "compare",
    "parse_moves",
    "ratings_given",
]
