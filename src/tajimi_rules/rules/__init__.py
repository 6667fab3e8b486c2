"""Rules as data: share predicates, rules, rule sets, item grading, and explanations."""

from ._bulk import MAX_COUNT, RATING_CODES, ratings_of
from ._explain import Explanation, Outcome, RuleResult
from ._predicates import (
    AllOf,
    AnyOf,
    Comparison,
    CompoundResult,
    Not,
    Predicate,
    PredicateResult,
    Share,
    ShareResult,
    all_,
    any_,
    not_,
    share,
)
from ._rules import Combine, ItemGrading, Rule, RuleSet

__all__ = [
    "MAX_COUNT",
    "RATING_CODES",
    "AllOf",
    "AnyOf",
    "Combine",
    "Comparison",
    "CompoundResult",
    "Explanation",
    "ItemGrading",
    "Not",
    "Outcome",
    "Predicate",
    "PredicateResult",
    "Rule",
    "RuleResult",
    "RuleSet",
    "Share",
    "ShareResult",
    "all_",
    "any_",
    "not_",
    "ratings_of",
    "share",
]
