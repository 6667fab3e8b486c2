"""The Tajimi informatization evaluation method as data.

Load a rule set, rate count vectors exactly, explain every rating, and check evaluations::

    >>> import tajimi_rules as tr
    >>> rules = tr.load_rules("tajimi-r4")
    >>> rules.rate(tr.Counts(advanced=2, standard=2, needs_review=2, behind=0))
    <Rating.GOOD: 'good'>

Importing the package loads nothing but its version: each name below, and each namespace,
is imported on first use (PEP 562), so the command line starts at once and a program that
only rates counts never loads the readers, the schemas or the report writers. The core
(``model``, ``rules`` and the errors) comes with the first name that needs it.
"""

from __future__ import annotations

from ._version import __version__ as __version__

# Not ``typing.TYPE_CHECKING``: importing typing would cost the start-up this module saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from . import analysis, checks, documents, errors, export, model, report, rules, suggestions, survey
    from ._convert import converter
    from ._errors import InvalidDocumentError, Problem, Severity, TajimiRulesError
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

_NAMESPACES = frozenset(
    {"analysis", "checks", "documents", "errors", "export", "model", "report", "rules", "suggestions", "survey"}
)
# Where each everyday name lives: the module it is imported from on first use.
_HOMES = {
    "Category": ".model",
    "Counts": ".model",
    "Evaluation": ".model",
    "InvalidDocumentError": "._errors",
    "Item": ".model",
    "Level": ".model",
    "Problem": "._errors",
    "Rating": ".model",
    "Rule": ".rules",
    "RuleSet": ".rules",
    "Severity": "._errors",
    "TajimiRulesError": "._errors",
    "all_": ".rules",
    "analyze": ".analysis",
    "any_": ".rules",
    "check": ".checks",
    "converter": "._convert",
    "load_evaluation": ".documents",
    "load_rules": ".documents",
    "not_": ".rules",
    "share": ".rules",
    "suggest": ".suggestions",
    "validate": ".documents",
}


def __getattr__(name: str) -> Any:
    """Import a namespace or an everyday name on first use, and keep it."""
    from importlib import import_module  # noqa: PLC0415

    if name in _NAMESPACES:
        value: Any = import_module(f".{name}", __name__)
    elif name in _HOMES:
        value = getattr(import_module(_HOMES[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, whether or not they are loaded yet."""
    return sorted({*__all__, *(key for key in globals() if key.startswith("__"))})
