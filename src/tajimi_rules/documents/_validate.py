"""Validating documents of every kind: every problem, each with its JSON pointer.

:func:`validate` reads a document (a path, bytes, or a mapping), tells its kind (an
evaluation, a rule set or a catalog: from ``$schema``, else from its shape, unless told),
checks it against its JSON Schema and then checks its meaning. It returns every problem
found, most relevant first, and never raises for bad content. The loaders run the same
pipeline and raise :class:`~tajimi_rules.InvalidDocumentError` carrying the same problems.

Nothing is fetched: a ``$schema`` or ``$ref`` naming a URL is read as a name, never followed.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from .._arguments import check_choice, check_count, check_type
from .._errors import Problem
from ._jsonio import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH
from ._kinds import KINDS, detect_kind
from ._loaders import RulesArgument, context_for
from ._pipeline import Source, Validated, run
from ._schemas import Kind

__all__ = ["KINDS", "Validated", "detect_kind", "validate", "validated"]

_SOURCES = (str, os.PathLike, bytes, type(None), bool, int, float, Decimal, list, tuple, Mapping)
_A_SOURCE = "a path (str or os.PathLike), bytes, or a parsed JSON document"


def _check_arguments(  # noqa: PLR0913 - the options of validate(), checked together
    function: str,
    source: object,
    *,
    kind: object,
    name: object,
    max_bytes: object,
    max_depth: object,
    today: object,
    fast: object,
) -> None:
    """Raise :class:`TypeError` or :class:`ValueError` for an argument ``function`` cannot use."""
    check_type(source, _SOURCES, function=function, parameter="source", expected=_A_SOURCE)
    check_choice(kind, (*KINDS, None), function=function, parameter="kind")
    check_type(name, (str, type(None)), function=function, parameter="name", expected="a str or None")
    check_count(max_bytes, function=function, parameter="max_bytes")
    check_count(max_depth, function=function, parameter="max_depth")
    check_type(
        today, (datetime.date, type(None)), function=function, parameter="today", expected="a datetime.date or None"
    )
    check_type(fast, (bool, type(None)), function=function, parameter="fast", expected="True, False or None")


class _Options(NamedTuple):
    """The options of :func:`validate` and :func:`validated`, once checked."""

    kind: Kind | None
    rules: RulesArgument
    name: str | None
    max_bytes: int
    max_depth: int
    today: datetime.date | None
    fast: bool | None


def _run(source: Source, options: _Options, *, need_value: bool) -> Validated:
    """The pipeline on one document, its arguments checked."""
    return run(
        source,
        kind=options.kind,
        context=context_for(options.rules, options.today),
        name=options.name,
        max_bytes=options.max_bytes,
        max_depth=options.max_depth,
        fast=options.fast,
        need_value=need_value,
    )


def validated(  # noqa: PLR0913 - keyword-only options, each with a default
    source: Source,
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

    The arguments are those of :func:`validate`, and so are the exceptions. With
    ``need_value=False`` a valid evaluation is not structured into the model (faster).
    """
    _check_arguments(
        "validated", source, kind=kind, name=name, max_bytes=max_bytes, max_depth=max_depth, today=today, fast=fast
    )
    return _run(source, _Options(kind, rules, name, max_bytes, max_depth, today, fast), need_value=need_value)


def validate(  # noqa: PLR0913 - keyword-only options, each with a default
    source: Source,
    *,
    kind: Kind | None = None,
    rules: RulesArgument = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    today: datetime.date | None = None,
    fast: bool | None = None,
) -> list[Problem]:
    """Every problem in a document of any kind; an empty list when it is valid.

    ``source`` is a path, the document's bytes, or an already parsed mapping. ``kind``
    (``"evaluation"``, ``"ruleset"`` or ``"catalog"``, the keys of :data:`KINDS`) says what
    the document is; by default its ``$schema`` or its shape tells. ``rules`` is the rule set
    an evaluation is checked against (an id, a path, a mapping or a
    :class:`~tajimi_rules.RuleSet`; default: the file's own ``rules``, else ``tajimi-r4``):
    its item grading and its ratings. ``name`` labels the problems (default: the path). Files
    over ``max_bytes`` or nested deeper than ``max_depth`` are refused with a problem.
    ``today`` fixes the date the fiscal year is checked against. ``fast`` chooses the
    optional fast validator (the ``fast`` extra) for the verdict on valid documents: by
    default it is used for documents read from a path or bytes, ``True`` also uses it for a
    mapping (which must then hold only JSON values), ``False`` never.

    Problems come errors first, most relevant first, then warnings (which do not make the
    document invalid). Bad content never raises: a path that names no readable file (one
    holding a NUL byte included), a parsed document that is not an object, a mapping holding
    ``NaN``, ``Infinity`` or a lone surrogate are each a problem, as in a file. An unknown or
    invalid ``rules`` argument raises (:class:`~tajimi_rules.UnknownRuleSetError`,
    :class:`~tajimi_rules.InvalidDocumentError`); so does a wrong argument: :class:`ValueError`
    for an unknown ``kind`` or a negative ``max_bytes`` or ``max_depth``, :class:`TypeError`
    for an argument of the wrong type (each names the parameter).

    >>> validate(b'{"municipality": {"code": "212040"}}', kind="evaluation")[0].code
    'schema.required'
    """
    _check_arguments(
        "validate", source, kind=kind, name=name, max_bytes=max_bytes, max_depth=max_depth, today=today, fast=fast
    )
    options = _Options(kind, rules, name, max_bytes, max_depth, today, fast)
    return list(_run(source, options, need_value=False).problems)
