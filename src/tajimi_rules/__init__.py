"""The Tajimi informatization evaluation method as data.

Load a rule set, rate count vectors exactly, explain every rating, and check evaluations::

    >>> import tajimi_rules as tr
    >>> rules = tr.load_rules("tajimi-r4")
    >>> rules.rate(tr.Counts(advanced=2, standard=2, needs_review=2, behind=0))
    <Rating.GOOD: 'good'>
"""

from . import analysis, checks, documents, errors, export, model, report, rules, suggestions, survey
from ._convert import converter
from ._errors import InvalidDocumentError, Problem, Severity, TajimiRulesError
from ._version import __version__ as __version__
from .analysis import analyze
from .checks import check
from .documents import load_evaluation, load_rules, validate
from .model import Category, Counts, Evaluation, Item, Level, Rating
from .rules import Rule, RuleSet, all_, any_, not_, share
from .suggestions import suggest

__all__ = [
    "Category",
    "Counts",
    "Evaluation",
    "InvalidDocumentError",
    "Item",
    "Level",
    "Problem",
    "Rating",
    "Rule",
    "RuleSet",
    "Severity",
    "TajimiRulesError",
    "all_",
    "analysis",
    "analyze",
    "any_",
    "check",
    "checks",
    "converter",
    "documents",
    "errors",
    "export",
    "load_evaluation",
    "load_rules",
    "model",
    "not_",
    "report",
    "rules",
    "share",
    "suggest",
    "suggestions",
    "survey",
    "validate",
]
