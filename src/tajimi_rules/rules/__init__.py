"""Rules as data: share predicates, rules, rule sets, item grading, and explanations."""

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
    "share",
]
