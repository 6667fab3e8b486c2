"""The one pipeline every document goes through: read, kind, schema, structure, meaning.

:func:`run` reads a document (a path, bytes, or an already parsed mapping) strictly, tells
its kind (told, else from ``$schema``, else from its shape; see :data:`KINDS`), checks it
against its kind's JSON Schema, checks what must hold before structuring, structures it into
the kind's model class with the shared converter, and checks its meaning. It returns what it
found as a :class:`Validated` and never raises for bad content.

What a kind's meaning checks need beyond the document (for an evaluation, the rule set it is
checked against) comes from a ``context`` function the caller passes; the loaders pass one
that loads rule sets, so this module loads nothing itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .._errors import Problem, Severity, phrase
from ._jsonio import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, parse_json, quick_draft, read_bytes
from ._kinds import KINDS, Context, DocumentKind, detect_kind, schema_kind
from ._schemas import Kind, fast_is_valid, json_type, schema_problems, type_words
from ._values import value_problems

__all__ = ["ContextFor", "Source", "Validated", "not_an_object", "run"]

Source = str | os.PathLike[str] | bytes | Mapping[str, Any]
"""What a document is read from: a path, its bytes, or an already parsed mapping."""

ContextFor = Callable[[DocumentKind, Mapping[str, Any]], Context]
"""Gives the :class:`Context` one schema-valid document of a kind is checked in."""


def _no_context(_kind: DocumentKind, _document: Mapping[str, Any]) -> Context:
    return Context()


@attrs.frozen
class Validated:
    """What validating one document found: its kind, its problems, and its value if valid."""

    kind: Kind | None
    problems: tuple[Problem, ...]
    value: Any = None

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make the document invalid (warnings left out)."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """Whether the document is valid (it may still have warnings)."""
        return not self.errors


def not_an_object(value: Any) -> Problem:
    """The problem of a document whose JSON value is not an object."""
    return Problem(code="document.not_object", expected=phrase("words.json_object"), found=type_words(json_type(value)))


def _kind_problems(document: Mapping[str, Any], kind: Kind | None, told: bool) -> list[Problem]:
    problems = []
    claim = document.get("$schema")
    claimed = schema_kind(claim) if isinstance(claim, str) else None
    if isinstance(claim, str) and claimed is None:
        problems.append(
            Problem(
                code="document.unknown_schema",
                pointer="/$schema",
                fields={"claim": claim},
                expected=phrase("words.one_of", options=", ".join(k.schema_id for k in KINDS.values())),
                found=repr(claim),
                severity=Severity.WARNING,
            )
        )
    if told and claimed is not None and claimed.name != kind:
        problems.append(
            Problem(
                code="document.kind_mismatch",
                pointer="/$schema",
                fields={"claimed": phrase(f"words.kind.{claimed.name}"), "kind": phrase(f"words.kind.{kind}")},
                expected=phrase(f"words.kind.{kind}"),
                found=phrase(f"words.kind.{claimed.name}"),
            )
        )
    if kind is None:
        keys = ", ".join(sorted(map(str, document)))
        problems.append(
            Problem(
                code="document.unknown_kind",
                fields={"kinds": ", ".join(KINDS)},
                expected=phrase("words.a_known_kind"),
                found=phrase("words.keys", keys=keys) if document else phrase("words.an_empty_object"),
            )
        )
    return problems


def _remote_refs(problems: list[Problem]) -> list[Problem]:
    """Word an unknown ``$ref`` key holding a URL as what it is: a reference never followed."""
    return [
        Problem(
            code="document.remote_ref",
            pointer=problem.pointer,
            expected=phrase("words.not_a_reference"),
            found=problem.found,
        )
        if problem.code == "schema.unknown_key" and problem.found == repr("$ref")
        else problem
        for problem in problems
    ]


def _structured(document: Mapping[str, Any], kind: DocumentKind) -> tuple[Any, list[Problem]]:
    """The document structured into its kind's model, or the problems that stopped it."""
    # cattrs is loaded by the first document that is structured, not by the import.
    import cattrs  # noqa: PLC0415

    from .._convert import converter, structuring_problems  # noqa: PLC0415

    try:
        return converter.structure(document, kind.model), []
    except cattrs.BaseValidationError as error:
        return None, structuring_problems(error)
    except (ValueError, TypeError, KeyError) as error:
        return None, [Problem(code="model.invalid", fields={"detail": str(error)})]


def check(  # noqa: PLR0911 - one return for each stage of the pipeline that can stop it
    document: Any,
    *,
    kind: Kind | None = None,
    context: ContextFor = _no_context,
    plain: bool = False,
    need_value: bool = True,
    verdicts: Mapping[Kind, bool | None] | None = None,
) -> Validated:
    """Kind, schema, structure and meaning of one parsed document (its problems unordered, unlocated).

    ``verdicts`` holds the fast validator's verdict on this document by kind where it was
    already given (on the reader's float form of the same values).
    """
    if not isinstance(document, Mapping):
        return Validated(kind, (not_an_object(document),))
    told = kind is not None
    kind = kind if told else detect_kind(document)
    problems = _kind_problems(document, kind, told)
    if kind is None:
        return Validated(None, tuple(problems))
    entry = KINDS[kind]
    # The fast validator only ever says "valid"; every problem is worded by the reference.
    verdict = verdicts[kind] if verdicts is not None and kind in verdicts else None
    if not (plain and (verdict if verdict is not None else fast_is_valid(document, kind))):
        found = _remote_refs(schema_problems(document, kind))
        if found:
            return Validated(kind, (*problems, *found))
    settled = context(entry, document) if entry.uses_context else Context()
    # A valid file is told valid quickly; any doubt and the full checks word the problems.
    if not need_value and entry.clean is not None and entry.clean(document, settled):
        return Validated(kind, tuple(problems))
    before = entry.before(document)
    if before:
        return Validated(kind, (*problems, *before))
    value, failed = _structured(document, entry)
    if failed:
        return Validated(kind, (*problems, *failed))
    return Validated(kind, (*problems, *entry.meaning(value, settled)), value)


def run(  # noqa: PLR0913 - keyword-only options, each with a default
    source: Source,
    *,
    kind: Kind | None = None,
    context: ContextFor = _no_context,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    fast: bool | None = None,
    need_value: bool = True,
) -> Validated:
    """Read and check one document; its problems come errors first, each located in ``name``.

    ``name`` labels the problems (default: the path). ``fast`` chooses the optional fast
    validator for the verdict on valid documents: by default it is used for documents read
    from a path or bytes, ``True`` also uses it for a mapping, ``False`` never. With
    ``need_value=False`` a valid document may be judged without being structured (faster).
    """
    document: Any
    verdicts: dict[Kind, bool | None] = {}
    if isinstance(source, str | bytes | os.PathLike):
        label = name if name is not None else (None if isinstance(source, bytes) else os.fspath(source))
        plain = fast is not False  # only what the JSON reader makes: the fast validator may judge it

        def judge(draft: Any) -> None:
            # Judged on the reader's floats (exact stand-ins for the decimals) at the validator's full speed.
            if isinstance(draft, Mapping) and (draft_kind := kind or detect_kind(draft)) is not None:
                verdicts[draft_kind] = fast_is_valid(draft, draft_kind)

        data, read_problems = read_bytes(source, name=label, max_bytes=max_bytes)
        if data is None:
            return Validated(kind, tuple(read_problems))
        quick = _quick_verdict(data, kind, context, max_depth) if plain and not need_value else None
        if quick is not None:
            return _located(quick, label)
        document, read_problems = parse_json(
            data,
            name=name or ("<bytes>" if isinstance(source, bytes) else str(source)),
            max_depth=max_depth,
            peek=judge if plain else None,
        )
        if read_problems:
            return Validated(kind, tuple(read_problems))
    else:
        label, document, plain = name, source, fast is True
        # A mapping skipped the strict reader: find in it what a JSON file could not hold.
        found = value_problems(document, max_depth) if isinstance(document, Mapping) else []
        if found:
            return _located(Validated(kind, tuple(found)), label)
    result = check(document, kind=kind, context=context, plain=plain, need_value=need_value, verdicts=verdicts)
    return _located(result, label)


def _located(result: Validated, label: str | None) -> Validated:
    """``result`` with its problems errors first (each group in the order found), located in ``label``."""
    if not result.problems:
        return result
    ordered = sorted(result.problems, key=lambda p: p.severity is Severity.WARNING)
    if label is not None:
        ordered = [p.located(label) for p in ordered]
    return attrs.evolve(result, problems=tuple(ordered))


def _quick_verdict(data: bytes, kind: Kind | None, context: ContextFor, max_depth: int) -> Validated | None:
    """The verdict on a document that reads, validates and means well at first sight; ``None`` at any doubt.

    The document is read quickly (its fractions as floats, each standing exactly for the decimal
    written), judged by the fast validator and by its kind's quick meaning check; nothing is
    turned into decimals or structured. Any doubt, and the full pipeline reads it again and
    words every problem.
    """
    draft = quick_draft(data, max_depth)
    if not isinstance(draft, dict):
        return None
    told = kind is not None
    draft_kind = kind if told else detect_kind(draft)
    if draft_kind is None:
        return None
    entry = KINDS[draft_kind]
    problems = _kind_problems(draft, draft_kind, told)
    if entry.clean is None or any(p.severity is Severity.ERROR for p in problems):
        return None
    if fast_is_valid(draft, draft_kind) is not True:
        return None
    settled = context(entry, draft) if entry.uses_context else Context()
    return Validated(draft_kind, tuple(problems)) if entry.clean(draft, settled) else None
