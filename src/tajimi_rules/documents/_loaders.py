"""Loading rule sets, evaluations and catalogs from files, mappings, or the package's own data.

Every loader runs the one document pipeline (JSON Schema, structure, meaning) and raises one
:class:`~tajimi_rules.InvalidDocumentError` carrying every problem with its JSON pointer
when the document is not valid. A name that is neither a shipped id nor a path raises the
kind's :class:`~tajimi_rules.errors.UnknownIdError`.

Arguments: a parsed document that is a JSON value but not an object (``None``, a list, a
number) is bad content, an :class:`~tajimi_rules.InvalidDocumentError` (``document.not_object``)
from every loader and a problem from :func:`~tajimi_rules.validate`; a value no JSON document
holds and no path names (``object()``, a set) raises :class:`TypeError` naming the parameter.
A path holding a NUL byte is a problem (``file.unreadable``), as on the command line.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from .._arguments import check_type
from .._errors import InvalidDocumentError, UnknownCatalogError, UnknownIdError, UnknownRuleSetError
from .._light._shipped import DEFAULT_CATALOG, DEFAULT_RULES, builtin_catalogs, builtin_rule_sets, shipped_bytes
from ..model import Catalog, Evaluation
from ..rules._rules import RuleSet
from ._kinds import Context, DocumentKind
from ._pipeline import ContextFor, Source, not_an_object, run
from ._schemas import Kind

__all__ = [
    "DEFAULT_CATALOG",
    "DEFAULT_RULES",
    "RulesArgument",
    "builtin_catalogs",
    "builtin_rule_sets",
    "context_for",
    "load_catalog",
    "load_evaluation",
    "load_rules",
    "parse_catalog",
    "parse_evaluation",
    "parse_rules",
    "resolve",
]

RulesArgument = str | os.PathLike[str] | Mapping[str, Any] | RuleSet | None
"""What names a rule set: a shipped id, a path, a mapping, a loaded rule set, or ``None``."""

_T = TypeVar("_T")

# What a parsed JSON document can be; a list or a number is one, but not an object.
_JSON_VALUES = (type(None), bool, int, float, Decimal, str, list, tuple, Mapping)
_A_DOCUMENT = "a JSON value (a Mapping for a valid document)"
_RULES_ARGUMENT = "a rule-set id or path (str or os.PathLike), a Mapping, a RuleSet or None"
_CATALOG_ARGUMENT = "a catalog id or path (str or os.PathLike), a Mapping, a Catalog or None"
_A_CATALOG = "a Catalog (load one with load_catalog())"


def check_catalog(value: object, function: str, parameter: str = "catalog") -> None:
    """Raise :class:`TypeError` unless ``value`` is a loaded catalog."""
    check_type(value, Catalog, function=function, parameter=parameter, expected=_A_CATALOG)


_EVALUATION_ARGUMENT = "a path (str or os.PathLike), bytes, a Mapping or an Evaluation"


def context_for(rules: RulesArgument = None, today: datetime.date | None = None) -> ContextFor:
    """The context documents are checked in: for an evaluation, the rule set it is rated with.

    That is ``rules`` when given, else the rule set the evaluation names (when it is a shipped
    one), else :data:`DEFAULT_RULES`. ``rules`` is loaded only when an evaluation needs it.
    """

    def settle(kind: DocumentKind, document: Mapping[str, Any]) -> Context:
        if not kind.uses_rules:
            return Context(catalog_ids=builtin_catalogs(), catalog=load_catalog)
        known = frozenset(builtin_rule_sets())
        if rules is not None:
            rule_set = load_rules(rules)
            known |= {rule_set.id}
        else:
            named = document.get("rules")
            rule_set = load_rules(named if named in known else DEFAULT_RULES)
        return Context(grading=rule_set.item_grading, ratings=rule_set.ratings, rule_set_ids=known, today=today)

    return settle


def _valid(source: Source, kind: Kind, file: str | None, expected: type[_T], rules: RulesArgument = None) -> _T:
    """The document's value, checked exactly as :func:`~tajimi_rules.validate` checks it."""
    result = run(source, kind=kind, name=file, context=context_for(rules))
    if not result.ok or not isinstance(result.value, expected):
        raise InvalidDocumentError(result.problems, kind=kind)
    return result.value


def _names_a_file(text: str) -> bool:
    """Whether ``text`` is meant as a path: it looks like one, or something is there."""
    if text.endswith(".json") or os.sep in text:
        return True
    try:
        os.stat(text)
    except FileNotFoundError:
        return False
    except (OSError, ValueError):
        return True  # something is there but cannot be looked at, or a NUL byte: reading it says what
    return True


def _by_name(text: str, shipped: tuple[str, ...], unknown: type[UnknownIdError]) -> Path | str:
    """A shipped id as it is, or the path ``text`` names; ``unknown`` when it is neither."""
    if text in shipped:
        return text
    if _names_a_file(text):
        return Path(text)
    raise unknown(text, shipped)


def _check_document(data: object, function: str, parameter: str, kind: Kind, file: str | None) -> None:
    """Raise unless ``data`` is a JSON object: :class:`TypeError` if it is no JSON value at all."""
    check_type(data, _JSON_VALUES, function=function, parameter=parameter, expected=_A_DOCUMENT)
    if not isinstance(data, Mapping):  # a string too: parsed data, never a path
        raise InvalidDocumentError([not_an_object(data).located(file)], kind=kind)


def _check_file(file: object, function: str) -> None:
    check_type(file, (str, type(None)), function=function, parameter="file", expected="a str or None")


# --------------------------------------------------------------------------- rule sets


def parse_rules(data: Mapping[str, Any], *, file: str | None = None) -> RuleSet:
    """Build a :class:`RuleSet` from a JSON-ready mapping, validating it first.

    Raises :class:`~tajimi_rules.InvalidDocumentError` when ``data`` is not a valid rule set
    (``None`` or a list included: ``document.not_object``), :class:`TypeError` when it is no JSON value.
    """
    _check_file(file, "parse_rules")
    _check_document(data, "parse_rules", "data", "ruleset", file)
    return _valid(data, "ruleset", file, RuleSet)


@cache
def _builtin_rules(rule_set_id: str) -> RuleSet:
    data = shipped_bytes("rulesets", rule_set_id)
    return _valid(data, "ruleset", f"tajimi_rules/rulesets/{rule_set_id}.json", RuleSet)


def load_rules(rules: RulesArgument = None) -> RuleSet:
    """Load a rule set by id (``"tajimi-r4"``), from a JSON file path, or from a mapping.

    ``None`` gives the default rule set, :data:`DEFAULT_RULES`. Shipped rule sets are read
    once and cached. Raises :class:`~tajimi_rules.UnknownRuleSetError` for a name that is
    neither a shipped id nor an existing path, :class:`~tajimi_rules.InvalidDocumentError`
    for an invalid file (a path with a NUL byte included), and :class:`TypeError` for an
    argument of another type.
    """
    if isinstance(rules, RuleSet):
        return rules
    check_type(
        rules,
        (str, os.PathLike, Mapping, type(None)),
        function="load_rules",
        parameter="rules",
        expected=_RULES_ARGUMENT,
    )
    if isinstance(rules, Mapping):
        return parse_rules(rules)
    named = _by_name(os.fspath(rules if rules is not None else DEFAULT_RULES), builtin_rule_sets(), UnknownRuleSetError)
    if isinstance(named, str):
        return _builtin_rules(named)
    return _valid(named, "ruleset", str(named), RuleSet)


# --------------------------------------------------------------------------- evaluations


def parse_evaluation(data: Mapping[str, Any], *, file: str | None = None, rules: RulesArgument = None) -> Evaluation:
    """Build an :class:`Evaluation` from a JSON-ready mapping, validating schema and meaning.

    ``rules`` is the rule set the evaluation will be rated with (default: the file's own
    ``rules``, else :data:`DEFAULT_RULES`): its item grading and ratings are checked against.
    Raises :class:`~tajimi_rules.InvalidDocumentError` when ``data`` is not a valid evaluation
    (``None`` or a list included: ``document.not_object``), :class:`TypeError` when it is no JSON value.
    """
    _check_file(file, "parse_evaluation")
    _check_document(data, "parse_evaluation", "data", "evaluation", file)
    return _valid(data, "evaluation", file, Evaluation, rules)


def load_evaluation(
    source: str | os.PathLike[str] | Mapping[str, Any] | Evaluation, *, rules: RulesArgument = None
) -> Evaluation:
    """Load an evaluation from a JSON file path or a mapping (an :class:`Evaluation` passes through).

    ``rules`` is as for :func:`parse_evaluation`; ``source`` may also be the document's bytes.
    Raises :class:`~tajimi_rules.InvalidDocumentError` with every problem found: a missing or
    unreadable file (a path with a NUL byte included), or a parsed document that is not a JSON
    object (``None``, a list: ``document.not_object``, as :func:`parse_evaluation` says).
    Raises :class:`TypeError` for a ``source`` of another type.
    """
    if isinstance(source, Evaluation):
        return source
    if isinstance(source, bytes):
        return _valid(source, "evaluation", None, Evaluation, rules)
    if isinstance(source, str | os.PathLike):
        return _valid(source, "evaluation", os.fspath(source), Evaluation, rules)
    check_type(source, _JSON_VALUES, function="load_evaluation", parameter="source", expected=_EVALUATION_ARGUMENT)
    return parse_evaluation(source, rules=rules)


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


# --------------------------------------------------------------------------- catalogs


def parse_catalog(data: Mapping[str, Any], *, file: str | None = None) -> Catalog:
    """Build a :class:`~tajimi_rules.model.Catalog` from a JSON-ready mapping, validating schema and meaning.

    Raises :class:`~tajimi_rules.InvalidDocumentError` when ``data`` is not a valid catalog
    (``None`` or a list included: ``document.not_object``), :class:`TypeError` when it is no JSON value.
    """
    _check_file(file, "parse_catalog")
    _check_document(data, "parse_catalog", "data", "catalog", file)
    return _valid(data, "catalog", file, Catalog)


@cache
def _builtin_catalog(catalog_id: str) -> Catalog:
    data = shipped_bytes("catalogs", catalog_id)
    return _valid(data, "catalog", f"tajimi_rules/catalogs/{catalog_id}.json", Catalog)


def load_catalog(source: str | os.PathLike[str] | Mapping[str, Any] | Catalog | None = None) -> Catalog:
    """Load a catalog by id (``"r4"``), from a JSON file path, or from a mapping.

    ``None`` gives :data:`DEFAULT_CATALOG`. Shipped catalogs are read once and cached. Raises
    :class:`~tajimi_rules.errors.UnknownCatalogError` for a name that is neither a shipped id
    nor an existing path, :class:`~tajimi_rules.InvalidDocumentError` for an invalid file, and
    :class:`TypeError` for an argument of another type.

    >>> load_catalog("r4").answers.read("令和5年度中に導入予定")
    <Answer.NOT_IMPLEMENTED: 'not_implemented'>
    """
    if isinstance(source, Catalog):
        return source
    check_type(
        source,
        (str, os.PathLike, Mapping, type(None)),
        function="load_catalog",
        parameter="source",
        expected=_CATALOG_ARGUMENT,
    )
    if isinstance(source, Mapping):
        return parse_catalog(source)
    named = _by_name(
        os.fspath(source if source is not None else DEFAULT_CATALOG), builtin_catalogs(), UnknownCatalogError
    )
    if isinstance(named, str):
        return _builtin_catalog(named)
    return _valid(named, "catalog", str(named), Catalog)
