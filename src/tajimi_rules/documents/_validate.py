"""Validating evaluation and rule-set documents: every problem, each with its JSON pointer.

:func:`validate` reads a document (a path, bytes, or a mapping), tells whether it is an
evaluation or a rule set (from ``$schema``, else from its shape, unless told), checks it
against its JSON Schema and then checks its meaning. It returns every problem found, most
relevant first, and never raises for bad content. The loaders run the same checks and raise
:class:`~tajimi_rules.InvalidDocumentError` carrying the same problems.

Nothing is fetched: a ``$schema`` or ``$ref`` naming a URL is read as a name, never followed.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from typing import Any

import attrs
import cattrs

from .._convert import converter, structuring_problems
from .._errors import Problem, Severity
from ..model import Evaluation
from ..rules._rules import RuleSet
from ._jsonio import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, read_json
from ._loaders import DEFAULT_RULES, RulesArgument, _not_an_object, builtin_rule_sets, load_rules
from ._meaning import evaluation_clean, evaluation_problems, rate_problems, ruleset_problems
from ._schemas import SCHEMA_IDS, Kind, fast_is_valid, schema_problems

__all__ = ["KINDS", "Validated", "detect_kind", "validate", "validated"]

KINDS: tuple[Kind, ...] = ("evaluation", "ruleset")
"""The kinds of document :func:`validate` knows."""

_SCHEMA_FILES: Mapping[str, Kind] = {f"{kind}.schema.json": kind for kind in KINDS}


@attrs.frozen
class Validated:
    """What validating one document found: its kind, its problems, and its value if valid."""

    kind: Kind | None
    problems: tuple[Problem, ...]
    value: Evaluation | RuleSet | None = None

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make the document invalid (warnings left out)."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """Whether the document is valid (it may still have warnings)."""
        return not self.errors


def _schema_kind(claim: str) -> Kind | None:
    if claim in SCHEMA_IDS:
        return SCHEMA_IDS[claim]
    # An editor-style reference to the shipped file: "../schemas/evaluation.schema.json", a URL...
    tail = claim.rsplit("/", 1)[-1].split("#", 1)[0]
    return _SCHEMA_FILES.get(tail)


def detect_kind(document: Mapping[str, Any]) -> Kind | None:
    """The kind of ``document``: from its ``$schema`` if that names one, else from its shape.

    An evaluation has ``categories`` or ``municipality``; a rule set has ``combine`` or a list
    of ``rules``. ``None`` when neither can be told.

    >>> detect_kind({"$schema": "urn:tajimi-rules:schema:ruleset:1"})
    'ruleset'
    >>> detect_kind({"municipality": {}, "categories": []})
    'evaluation'
    """
    claim = document.get("$schema")
    if isinstance(claim, str):
        kind = _schema_kind(claim)
        if kind is not None:
            return kind
    if "categories" in document or "municipality" in document or "survey" in document:
        return "evaluation"
    if "combine" in document or isinstance(document.get("rules"), list) or "item_grading" in document:
        return "ruleset"
    return None


def _kind_problems(document: Mapping[str, Any], kind: Kind | None, told: bool) -> list[Problem]:
    problems = []
    claim = document.get("$schema")
    claimed = _schema_kind(claim) if isinstance(claim, str) else None
    if isinstance(claim, str) and claimed is None:
        problems.append(
            Problem(
                code="document.unknown_schema",
                message=f"$schema {claim!r} names no schema this library knows (it is never fetched)",
                message_ja=f"$schema {claim!r} は既知のスキーマではない（取得はしない）",
                pointer="/$schema",
                expected="one of " + ", ".join(SCHEMA_IDS),
                found=repr(claim),
                severity=Severity.WARNING,
            )
        )
    if told and claimed is not None and claimed != kind:
        problems.append(
            Problem(
                code="document.kind_mismatch",
                message=f"the file says it is a {claimed} ($schema) but was checked as a {kind}",
                message_ja=f"ファイルの $schema は {claimed} だが、{kind} として検査した",
                pointer="/$schema",
                expected=f"a {kind}",
                found=f"a {claimed}",
            )
        )
    if kind is None:
        problems.append(
            Problem(
                code="document.unknown_kind",
                message="cannot tell whether this is an evaluation or a rule set",
                message_ja="評価ファイルか規則集か判別できない",
                expected="a $schema naming the evaluation or rule-set schema, or their keys",
                found="keys " + ", ".join(sorted(map(str, document))) if document else "an empty object",
            )
        )
    return problems


def _remote_refs(problems: list[Problem]) -> list[Problem]:
    """Word an unknown ``$ref`` key holding a URL as what it is: a reference never followed."""
    out = []
    for problem in problems:
        if problem.code == "schema.unknown_key" and problem.found == repr("$ref"):
            out.append(
                attrs.evolve(
                    problem,
                    code="document.remote_ref",
                    message="$ref is not allowed: references to other documents are never followed",
                    message_ja="$ref は使えない（他の文書への参照は取得しない）",
                    expected="the content itself, not a reference",
                )
            )
        else:
            out.append(problem)
    return out


def _rule_set(rules: RulesArgument, named: Any) -> tuple[RuleSet, frozenset[str]]:
    """The rule set an evaluation is checked against, and the rule-set ids it may name."""
    known = frozenset(builtin_rule_sets())
    if rules is not None:
        rule_set = load_rules(rules)
        return rule_set, known | {rule_set.id}
    return load_rules(named if named in known else DEFAULT_RULES), known


def _check_value(
    document: Any,
    *,
    kind: Kind | None,
    rules: RulesArgument,
    plain: bool,
    today: datetime.date | None,
    need_value: bool,
) -> Validated:
    if not isinstance(document, Mapping):
        return Validated(kind, (_not_an_object(document, None),))
    told = kind is not None
    kind = kind if told else detect_kind(document)
    problems = _kind_problems(document, kind, told)
    if kind is None:
        return Validated(None, tuple(problems))
    # The fast validator only ever says "valid"; every problem is worded by the reference.
    if not (plain and fast_is_valid(document, kind)):
        found = _remote_refs(schema_problems(document, kind))
        if found:
            return Validated(kind, (*problems, *found))
    if kind == "evaluation":
        rule_set, known = _rule_set(rules, document.get("rules"))
        checks: dict[str, Any] = {
            "grading": rule_set.item_grading,
            "ratings": rule_set.ratings,
            "rule_set_ids": known,
            "today": today,
        }
        # A valid file is told valid quickly; any doubt and the full checks word the problems.
        if not need_value and evaluation_clean(document, **checks):
            return Validated(kind, tuple(problems))
    before = rate_problems(document) if kind == "evaluation" else ruleset_problems(document)
    if before:
        return Validated(kind, (*problems, *before))
    target: type[Evaluation | RuleSet] = Evaluation if kind == "evaluation" else RuleSet
    try:
        value = converter.structure(document, target)
    except cattrs.BaseValidationError as error:
        return Validated(kind, (*problems, *structuring_problems(error)))
    except (ValueError, TypeError, KeyError) as error:
        return Validated(kind, (*problems, Problem(code="model.invalid", message=str(error))))
    if isinstance(value, Evaluation):
        problems.extend(evaluation_problems(value, **checks))
    return Validated(kind, tuple(problems), value)


def validated(
    source: str | os.PathLike[str] | bytes | Mapping[str, Any],
    *,
    kind: Kind | None = None,
    rules: RulesArgument = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    today: datetime.date | None = None,
    fast: bool | None = None,
    need_value: bool = True,
) -> Validated:
    """Validate one document and keep what was found: kind, problems, and the value if valid.

    The arguments are those of :func:`validate`; the loaders build their values through this.
    With ``need_value=False`` a valid evaluation is not structured into the model (faster).
    """
    document: Any
    if isinstance(source, str | bytes | os.PathLike):
        label = name if name is not None else (None if isinstance(source, bytes) else os.fspath(source))
        document, read_problems = read_json(source, name=label, max_bytes=max_bytes, max_depth=max_depth)
        if read_problems:
            return Validated(kind, tuple(read_problems))
        plain = fast is not False  # only what the JSON reader makes: the fast validator may judge it
    else:
        label, document, plain = name, source, fast is True
    result = _check_value(document, kind=kind, rules=rules, plain=plain, today=today, need_value=need_value)
    # Errors first, each group in the order found (most relevant first); warnings last.
    ordered = sorted(result.problems, key=lambda p: p.severity is Severity.WARNING)
    if label is not None:
        ordered = [p.located(label) for p in ordered]
    return attrs.evolve(result, problems=tuple(ordered))


def validate(
    source: str | os.PathLike[str] | bytes | Mapping[str, Any],
    *,
    kind: Kind | None = None,
    rules: RulesArgument = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    today: datetime.date | None = None,
    fast: bool | None = None,
) -> list[Problem]:
    """Every problem in an evaluation or rule-set document; an empty list when it is valid.

    ``source`` is a path, the document's bytes, or an already parsed mapping. ``kind``
    (``"evaluation"`` or ``"ruleset"``) says what the document is; by default its ``$schema``
    or its shape tells. ``rules`` is the rule set an evaluation is checked against (an id, a
    path, a mapping or a :class:`~tajimi_rules.RuleSet`; default: the file's own ``rules``,
    else ``tajimi-r4``): its item grading and its ratings. ``name`` labels the problems
    (default: the path). Files over ``max_bytes`` or nested deeper than ``max_depth`` are
    refused with a problem. ``today`` fixes the date the fiscal year is checked against.
    ``fast`` chooses the optional fast validator (the ``fast`` extra) for the verdict on valid
    documents: by default it is used for documents read from a path or bytes, ``True`` also
    uses it for a mapping (which must then hold only JSON values), ``False`` never.

    Problems come errors first, most relevant first, then warnings (which do not make the
    document invalid). Bad content never raises; an unknown or invalid ``rules`` argument
    does (:class:`~tajimi_rules.UnknownRuleSetError`, :class:`~tajimi_rules.InvalidDocumentError`).

    >>> validate(b'{"municipality": {"code": "212040"}}', kind="evaluation")[0].code
    'schema.required'
    """
    return list(
        validated(
            source,
            kind=kind,
            rules=rules,
            name=name,
            max_bytes=max_bytes,
            max_depth=max_depth,
            today=today,
            fast=fast,
            need_value=False,
        ).problems
    )
