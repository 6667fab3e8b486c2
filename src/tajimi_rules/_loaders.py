"""Loading rule sets and evaluations from files, mappings, or the package's own data.

Every loader validates against the JSON Schema first, then structures into the model, then
checks meaning; whatever is wrong is raised as one :class:`~tajimi_rules.InvalidDocumentError`
carrying every problem with its JSON pointer.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import cattrs

from ._convert import converter, structuring_problems
from ._errors import InvalidDocumentError, Problem, Severity, UnknownRuleSetError
from ._jsonio import read_json
from ._meaning import evaluation_problems
from ._model import Evaluation
from ._rules import RuleSet
from ._schemas import Kind, schema_problems

__all__ = [
    "DEFAULT_RULES",
    "builtin_rule_sets",
    "load_evaluation",
    "load_rules",
    "parse_evaluation",
    "parse_rules",
]

DEFAULT_RULES = "tajimi-r4"
"""The rule set used when neither the caller nor the evaluation names one."""

_NOT_AN_OBJECT = "the document is not a JSON object"


def builtin_rule_sets() -> tuple[str, ...]:
    """The ids of the rule sets shipped with the package, sorted."""
    folder = files("tajimi_rules").joinpath("rulesets")
    return tuple(
        sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json"))
    )


def _not_an_object(value: Any, file: str | None) -> Problem:
    return Problem(
        code="document.not_object",
        message=_NOT_AN_OBJECT,
        message_ja="文書が JSON オブジェクトではない",
        file=file,
        expected="a JSON object",
        found=type(value).__name__ if not isinstance(value, list) else "an array",
    )


def _structure(data: Any, kind: Kind, target: type[Any], file: str | None) -> Any:
    if not isinstance(data, Mapping):
        raise InvalidDocumentError([_not_an_object(data, file)], kind=kind)
    problems = schema_problems(data, kind)
    if problems:
        raise InvalidDocumentError([p.located(file) for p in problems], kind=kind)
    try:
        return converter.structure(data, target)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as error:
        if isinstance(error, cattrs.BaseValidationError):
            found = structuring_problems(error)
        else:
            found = [Problem(code="model.invalid", message=str(error))]
        raise InvalidDocumentError([p.located(file) for p in found], kind=kind) from None


def parse_rules(data: Mapping[str, Any], *, file: str | None = None) -> RuleSet:
    """Build a :class:`RuleSet` from a JSON-ready mapping, validating it first."""
    rule_set: RuleSet = _structure(data, "ruleset", RuleSet, file)
    return rule_set


@cache
def _builtin(rule_set_id: str) -> RuleSet:
    resource = files("tajimi_rules").joinpath("rulesets", f"{rule_set_id}.json")
    data, problems = read_json(resource.read_bytes(), name=f"tajimi_rules/rulesets/{rule_set_id}.json")
    if problems:  # pragma: no cover - shipped data is tested
        raise InvalidDocumentError(problems, kind="ruleset")
    return parse_rules(data, file=f"tajimi_rules/rulesets/{rule_set_id}.json")


def _read(path: str | os.PathLike[str], kind: Kind) -> Any:
    data, problems = read_json(path)
    if problems:
        raise InvalidDocumentError(problems, kind=kind)
    return data


def load_rules(
    rules: str | os.PathLike[str] | Mapping[str, Any] | RuleSet | None = None,
) -> RuleSet:
    """Load a rule set by id (``"tajimi-r4"``), from a JSON file path, or from a mapping.

    ``None`` gives the default rule set, :data:`DEFAULT_RULES`. Shipped rule sets are read
    once and cached. Raises :class:`UnknownRuleSetError` for a name that is neither a
    shipped id nor an existing path, and :class:`InvalidDocumentError` for an invalid file.
    """
    if isinstance(rules, RuleSet):
        return rules
    if rules is None:
        rules = DEFAULT_RULES
    if isinstance(rules, Mapping):
        return parse_rules(rules)
    text = os.fspath(rules)
    if text in builtin_rule_sets():
        return _builtin(text)
    path = Path(text)
    if path.exists() or text.endswith(".json") or os.sep in text:
        return parse_rules(_read(path, "ruleset"), file=text)
    raise UnknownRuleSetError(text, builtin_rule_sets())


def parse_evaluation(data: Mapping[str, Any], *, file: str | None = None) -> Evaluation:
    """Build an :class:`Evaluation` from a JSON-ready mapping, validating schema and meaning."""
    evaluation: Evaluation = _structure(data, "evaluation", Evaluation, file)
    errors = [p for p in evaluation_problems(evaluation) if p.severity is Severity.ERROR]
    if errors:
        raise InvalidDocumentError([p.located(file) for p in errors], kind="evaluation")
    return evaluation


def load_evaluation(source: str | os.PathLike[str] | Mapping[str, Any] | Evaluation) -> Evaluation:
    """Load an evaluation from a JSON file path or a mapping (an :class:`Evaluation` passes through).

    Raises :class:`InvalidDocumentError` with every problem found.
    """
    if isinstance(source, Evaluation):
        return source
    if isinstance(source, Mapping):
        return parse_evaluation(source)
    return parse_evaluation(_read(source, "evaluation"), file=os.fspath(source))
