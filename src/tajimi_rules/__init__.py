"""The Tajimi informatization evaluation method as data.

Load a rule set, rate count vectors exactly, explain every rating, and check evaluations::

    >>> import tajimi_rules as tr
    >>> rules = tr.load_rules("tajimi-r4")
    >>> rules.rate(tr.Counts(advanced=2, standard=2, needs_review=2, behind=0))
    <Rating.GOOD: 'good'>
"""

from ._check import CategoryCheck, CheckReport, category_counts, check, item_level
from ._convert import converter, make_converter
from ._errors import InvalidDocumentError, Problem, Severity, TajimiRulesError, UnknownRuleSetError
from ._explain import Explanation, Outcome, RuleResult
from ._loaders import (
    DEFAULT_RULES,
    builtin_rule_sets,
    load_evaluation,
    load_rules,
    parse_evaluation,
    parse_rules,
)
from ._meaning import check_digit
from ._model import (
    IMPLEMENTING_MOVES,
    Category,
    Counts,
    Evaluation,
    Item,
    Level,
    Municipality,
    Name,
    Rating,
    Remarks,
    Source,
    Survey,
)
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
from ._schemas import schema
from ._version import __version__ as __version__

__all__ = [
    "DEFAULT_RULES",
    "IMPLEMENTING_MOVES",
    "AllOf",
    "AnyOf",
    "Category",
    "CategoryCheck",
    "CheckReport",
    "Combine",
    "Comparison",
    "CompoundResult",
    "Counts",
    "Evaluation",
    "Explanation",
    "InvalidDocumentError",
    "Item",
    "ItemGrading",
    "Level",
    "Municipality",
    "Name",
    "Not",
    "Outcome",
    "Predicate",
    "PredicateResult",
    "Problem",
    "Rating",
    "Remarks",
    "Rule",
    "RuleResult",
    "RuleSet",
    "Severity",
    "Share",
    "ShareResult",
    "Source",
    "Survey",
    "TajimiRulesError",
    "UnknownRuleSetError",
    "all_",
    "any_",
    "builtin_rule_sets",
    "category_counts",
    "check",
    "check_digit",
    "converter",
    "item_level",
    "load_evaluation",
    "load_rules",
    "make_converter",
    "not_",
    "parse_evaluation",
    "parse_rules",
    "schema",
    "share",
]
