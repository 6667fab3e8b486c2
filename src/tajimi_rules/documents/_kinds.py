"""The kinds of document the package reads, as one table: a new kind is one entry.

Each :class:`DocumentKind` says how a document of its kind is told apart (its ``$schema`` id,
from its schema file, or its shape), how its JSON value is checked before it is structured,
which model class it is structured into, and how the structured value's meaning is checked.
The pipeline (:mod:`tajimi_rules.documents`) runs every kind through the same steps.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Mapping
from typing import Any

import attrs

from .._errors import Problem
from .._light._schema import names_schema
from ..model import Catalog, Evaluation, Rating
from ..rules._rules import ItemGrading, RuleSet
from ._meaning import catalog_problems, evaluation_clean, evaluation_problems, rate_problems, ruleset_problems
from ._overlay import overlay_problems
from ._schemas import Kind, schema

__all__ = ["KINDS", "Context", "DocumentKind", "detect_kind", "schema_kind"]


@attrs.frozen(kw_only=True)
class Context:
    """What meaning checks need beyond the document itself.

    For an evaluation: the item ``grading`` and ``ratings`` of the rule set it is checked
    against, the rule-set ids its ``rules`` may name, and the date its fiscal year is checked
    against (``None``: today). Other kinds need none of it.
    """

    grading: ItemGrading | None = None
    ratings: Collection[Rating] | None = None
    rule_set_ids: Collection[str] | None = None
    today: datetime.date | None = None
    catalog_ids: Collection[str] = ()
    """The shipped catalogs an overlay may extend."""
    catalog: Callable[[str], Catalog] | None = None
    """Loads a shipped catalog by id (for an overlay's checks)."""


def _no_problems(_value: Any, _context: Context | None = None) -> list[Problem]:
    return []


def _evaluation_meaning(value: Evaluation, context: Context) -> list[Problem]:
    return evaluation_problems(
        value,
        grading=context.grading,
        ratings=context.ratings,
        rule_set_ids=context.rule_set_ids,
        today=context.today,
    )


def _evaluation_clean(document: Mapping[str, Any], context: Context) -> bool:
    if context.ratings is None or context.rule_set_ids is None:
        return False
    grading = context.grading
    return evaluation_clean(
        document,
        common_at=None if grading is None else grading.common_at(),
        ratings=context.ratings,
        rule_set_ids=context.rule_set_ids,
        today=context.today,
    )


def _catalog_meaning(value: Catalog, _context: Context) -> list[Problem]:
    return catalog_problems(value)


def _is_catalog(document: Mapping[str, Any]) -> bool:
    return "answers" in document and "extends" not in document


def _is_overlay(document: Mapping[str, Any]) -> bool:
    return "extends" in document and "files" not in document


def _overlay_meaning(document: Mapping[str, Any], context: Context) -> list[Problem]:
    if context.catalog is None:
        return []
    return overlay_problems(document, context.catalog_ids, context.catalog)


def _is_layout(document: Mapping[str, Any]) -> bool:
    return isinstance(document.get("files"), list)


def _layout_before(document: Mapping[str, Any]) -> list[Problem]:
    # The layout's meaning: readings named, texts under one meaning, columns used once.
    from ..model._layout import parse_layout  # noqa: PLC0415 - the layout model loads with the first layout

    return list(parse_layout(document)[1])


def _is_evaluation(document: Mapping[str, Any]) -> bool:
    # A catalog also has categories and a survey; its answer vocabulary tells it apart.
    return not _is_catalog(document) and any(key in document for key in ("categories", "municipality", "survey"))


def _is_ruleset(document: Mapping[str, Any]) -> bool:
    return "combine" in document or isinstance(document.get("rules"), list) or "item_grading" in document


@attrs.frozen(kw_only=True)
class DocumentKind:
    """One kind of document: its name, schema, shape, model and meaning checks."""

    name: Kind
    """The kind's name, also the stem of its schema file (``evaluation.schema.json``)."""
    model: type[Any]
    """The model class a valid document is structured into."""
    shape: Callable[[Mapping[str, Any]], bool]
    """Whether a document without a known ``$schema`` looks like this kind."""
    before: Callable[[Mapping[str, Any]], list[Problem]] = _no_problems
    """Meaning checks on the schema-valid JSON value, before structuring."""
    meaning: Callable[[Any, Context], list[Problem]] = _no_problems
    """Meaning checks on the structured value."""
    uses_rules: bool = False
    """Whether the meaning checks need a rule set in the :class:`Context`."""
    uses_context: bool = False
    """Whether the meaning checks need a :class:`Context` at all (a rule set, or shipped catalogs)."""
    clean: Callable[[Mapping[str, Any], Context], bool] | None = None
    """A quick verdict on a schema-valid value: ``True`` only when every check finds nothing."""

    @property
    def schema_id(self) -> str:
        """The ``$id`` of the kind's schema, which a document's ``$schema`` names."""
        return str(schema(self.name)["$id"])

    @property
    def schema_file(self) -> str:
        """The file name of the kind's schema in the package's ``schemas`` folder."""
        return f"{self.name}.schema.json"


KINDS: Mapping[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind(
            name="evaluation",
            model=Evaluation,
            shape=_is_evaluation,
            before=rate_problems,
            meaning=_evaluation_meaning,
            uses_rules=True,
            uses_context=True,
            clean=_evaluation_clean,
        ),
        DocumentKind(name="ruleset", model=RuleSet, shape=_is_ruleset, before=ruleset_problems),
        DocumentKind(name="catalog", model=Catalog, shape=_is_catalog, meaning=_catalog_meaning),
        DocumentKind(name="layout", model=dict, shape=_is_layout, before=_layout_before),
        DocumentKind(name="overlay", model=dict, shape=_is_overlay, meaning=_overlay_meaning, uses_context=True),
    )
}
"""Every kind of document the package reads, by name."""


def schema_kind(claim: str) -> DocumentKind | None:
    """The kind whose schema ``claim`` (a ``$schema`` value) names, or ``None``.

    The schema's id names it, and so does a path or URL ending in the schema's file name
    (an editor-style ``"../schemas/evaluation.schema.json"``).
    """
    for kind in KINDS.values():
        if names_schema(claim, kind.schema_id, kind.schema_file):
            return kind
    return None


def detect_kind(document: Mapping[str, Any]) -> Kind | None:
    """The kind of ``document``: from its ``$schema`` if that names one, else from its shape.

    An evaluation has ``categories``, ``municipality`` or ``survey``; a rule set has
    ``combine``, a list of ``rules`` or ``item_grading``; a catalog has ``answers``. ``None``
    when no kind can be told.

    >>> detect_kind({"$schema": "urn:tajimi-rules:schema:ruleset:1"})
    'ruleset'
    >>> detect_kind({"municipality": {}, "categories": []})
    'evaluation'
    >>> detect_kind({"survey": {}, "answers": {}, "categories": []})
    'catalog'
    """
    claim = document.get("$schema")
    if isinstance(claim, str) and (claimed := schema_kind(claim)) is not None:
        return claimed.name
    for kind in KINDS.values():
        if kind.shape(document):
            return kind.name
    return None
