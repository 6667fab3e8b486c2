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

from .._errors import InvalidDocumentError, Problem, UnknownRuleSetError
from ..model import Evaluation
from ..rules._rules import RuleSet
from ._schemas import Kind

__all__ = [
    "DEFAULT_RULES",
    "builtin_rule_sets",
    "load_evaluation",
    "load_rules",
    "parse_evaluation",
    "parse_rules",
    "resolve",
]

DEFAULT_RULES = "tajimi-r4"
"""The rule set used when neither the caller nor the evaluation names one."""

_NOT_AN_OBJECT = "the document is not a JSON object"


@cache
def builtin_rule_sets() -> tuple[str, ...]:
    """The ids of the rule sets shipped with the package, sorted (read once)."""
    folder = files("tajimi_rules").joinpath("rulesets")
    return tuple(sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json")))


def _not_an_object(value: Any, file: str | None) -> Problem:
    return Problem(
        code="document.not_object",
        message=_NOT_AN_OBJECT,
        message_ja="文書が JSON オブジェクトではない",
        file=file,
        expected="a JSON object",
        found=type(value).__name__ if not isinstance(value, list) else "an array",
    )


def parse_rules(data: Mapping[str, Any], *, file: str | None = None) -> RuleSet:
    """Build a :class:`RuleSet` from a JSON-ready mapping, validating it first."""
    rule_set: RuleSet = _valid(data, "ruleset", file)
    return rule_set


@cache
def _builtin(rule_set_id: str) -> RuleSet:
    resource = files("tajimi_rules").joinpath("rulesets", f"{rule_set_id}.json")
    rule_set: RuleSet = _valid(resource.read_bytes(), "ruleset", f"tajimi_rules/rulesets/{rule_set_id}.json")
    return rule_set


RulesArgument = str | os.PathLike[str] | Mapping[str, Any] | RuleSet | None
"""What names a rule set: a shipped id, a path, a mapping, a loaded rule set, or ``None``."""


def _valid(
    source: str | os.PathLike[str] | bytes | Mapping[str, Any],
    kind: Kind,
    file: str | None,
    rules: RulesArgument = None,
) -> Any:
    """The document's value, checked exactly as :func:`~tajimi_rules.validate` checks it."""
    # Imported here: the validator loads rule sets through this module.
    from ._validate import validated  # noqa: PLC0415

    result = validated(source, kind=kind, name=file, rules=rules)
    if not result.ok:
        raise InvalidDocumentError(result.problems, kind=kind)
    return result.value


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
    if _names_a_file(text):
        rule_set: RuleSet = _valid(Path(text), "ruleset", text)
        return rule_set
    raise UnknownRuleSetError(text, builtin_rule_sets())


def _names_a_file(text: str) -> bool:
    """Whether ``text`` is meant as a path: it looks like one, or something is there."""
    if text.endswith(".json") or os.sep in text:
        return True
    try:
        os.stat(text)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # something is there but cannot be looked at: reading it says what
    return True


def parse_evaluation(data: Mapping[str, Any], *, file: str | None = None, rules: RulesArgument = None) -> Evaluation:
    """Build an :class:`Evaluation` from a JSON-ready mapping, validating schema and meaning.

    ``rules`` is the rule set the evaluation will be rated with (default: the file's own
    ``rules``, else :data:`DEFAULT_RULES`): its item grading and ratings are checked against.
    """
    evaluation: Evaluation = _valid(data, "evaluation", file, rules)
    return evaluation


def load_evaluation(
    source: str | os.PathLike[str] | Mapping[str, Any] | Evaluation, *, rules: RulesArgument = None
) -> Evaluation:
    """Load an evaluation from a JSON file path or a mapping (an :class:`Evaluation` passes through).

    ``rules`` is as for :func:`parse_evaluation`. Raises :class:`InvalidDocumentError` with
    every problem found.
    """
    if isinstance(source, Evaluation):
        return source
    if isinstance(source, Mapping):
        return parse_evaluation(source, rules=rules)
    evaluation: Evaluation = _valid(source, "evaluation", os.fspath(source), rules)
    return evaluation


def resolve(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
) -> tuple[Evaluation, RuleSet]:
    """The evaluation, loaded under the chosen rule set, and that rule set: ``rules``, else the evaluation's own.

    The evaluation is loaded (and its meaning checked) under ``rules`` when given, so a file
    written under that rule set loads; without ``rules``, under its own ``rules`` id, else ``tajimi-r4``.
    """
    chosen = load_rules(rules) if rules is not None else None
    loaded = load_evaluation(evaluation, rules=chosen)
    return loaded, chosen if chosen is not None else load_rules(loaded.rules)
