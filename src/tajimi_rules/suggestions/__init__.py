"""Improvement suggestions: the smallest changes that lift a rating, items at risk, and plans."""

from ._candidates import Candidate, CandidateOrder
from ._moves import CATCH_UP_MOVES, LAPSE_MOVES, NEW_ITEMS, RARER_MOVES
from ._results import (
    Beyond,
    BeyondKind,
    CategorySuggestions,
    CountsPlan,
    EvaluationPlan,
    PlannedChange,
    PlannedMove,
    Risk,
    RiskKind,
    Suggestion,
    SuggestionReason,
    SuggestionReport,
)
from ._search import SEARCH_BUDGET
from ._suggest import at_risk, improvement_plan, new_item_limit, smallest_change, suggest

__all__ = [
    "CATCH_UP_MOVES",
    "LAPSE_MOVES",
    "NEW_ITEMS",
    "RARER_MOVES",
    "SEARCH_BUDGET",
    "Beyond",
    "BeyondKind",
    "Candidate",
    "CandidateOrder",
    "CategorySuggestions",
    "CountsPlan",
    "EvaluationPlan",
    "PlannedChange",
    "PlannedMove",
    "Risk",
    "RiskKind",
    "Suggestion",
    "SuggestionReason",
    "SuggestionReport",
    "at_risk",
    "improvement_plan",
    "new_item_limit",
    "smallest_change",
    "suggest",
]
