"""Catalog overlays: a small document that extends a shipped catalog without copying it.

An overlay (``overlay.schema.json``, ``$schema`` ``urn:tajimi-rules:schema:overlay:1``) names the
shipped catalog it ``extends`` and changes only what it lists: answer spellings added to the
whole vocabulary (a text listed under a meaning leaves any other meaning the shipped catalog gave
it), items renamed or added to a category, per-item answer readings (「有」 read as implemented for
one item only), and how answers on trial (実証中, 実証実験中) count (``trial_counts_as``, not
implemented by default).

:func:`overlay_problems` checks an overlay's meaning (the catalog it extends exists, the items
and categories it names exist, added ids are new, no text under two meanings); the document
pipeline runs it for ``tajimi-rules validate``. :func:`apply_overlay` gives the resulting
:class:`OverlaidCatalog`, a :class:`~tajimi_rules.survey.Catalog` that also carries the per-item
readings the answer readers use.

>>> catalog = apply_overlay(
...     {
...         "id": "mine",
...         "extends": "r4",
...         "answers": {"implemented": ["導入しています"]},
...         "items": {"cio-adviser": {"answers": {"implemented": ["有"]}}},
...     }
... )
>>> catalog.id, catalog.answers.read("導入しています").value, catalog.read("有", "cio-adviser").value
('mine', 'implemented', 'implemented')
>>> catalog.read("有", "external-digital-talent") is None
True
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .._arguments import check_source
from ..documents import load_catalog, validated
from ..errors import InvalidDocumentError
from ..model import Answer, AnswerVocabulary, Catalog, CatalogCategory, CatalogItem, Name, normalize_answer
from ..model._layout import BUILTIN_READINGS

__all__ = ["OverlaidCatalog", "apply_overlay", "load_any_catalog", "load_overlay"]

_MEANINGS = ("implemented", "not_implemented", "not_answered")
_TRIAL_TEXTS: tuple[str, ...] = tuple(BUILTIN_READINGS["standard"]["trial"])


@attrs.frozen(kw_only=True)
class OverlaidCatalog(Catalog):
    """A catalog made by an overlay: the shipped one with its changes, and per-item answer readings."""

    extends: str
    item_answers: Mapping[str, AnswerVocabulary] = attrs.field(factory=dict, eq=False)

    def read(self, text: str | None, item: str) -> Answer | None:
        """What ``text`` means as an answer to ``item``: the item's own reading first, then the catalog's."""
        own = self.item_answers.get(item)
        found = own.read(text) if own is not None else None
        return found if found is not None else self.answers.read(text)


def _texts(answers: Mapping[str, Any], trial_counts_as: str) -> dict[str, list[str]]:
    """An overlay's answer texts by catalog meaning, trial texts placed where they count."""
    placed = {meaning: list(answers.get(meaning, ())) for meaning in _MEANINGS}
    placed[trial_counts_as].extend(answers.get("trial", ()))
    return placed


def _merge(base: AnswerVocabulary, added: Mapping[str, list[str]]) -> AnswerVocabulary:
    """``base`` with ``added``: a text added under one meaning leaves every other meaning."""
    moved = {normalize_answer(text) for texts in added.values() for text in texts}
    merged = {
        meaning: [t for t in base.texts(Answer(meaning)) if normalize_answer(t) not in moved] + list(added[meaning])
        for meaning in _MEANINGS
    }
    return AnswerVocabulary(**{key: tuple(value) for key, value in merged.items()})


def _name(value: Mapping[str, Any]) -> Name:
    return Name(ja=value["ja"], en=value.get("en"))


def _categories(base: Catalog, document: Mapping[str, Any]) -> tuple[CatalogCategory, ...]:
    changes = document.get("items", {})
    additions: dict[str, list[CatalogItem]] = {}
    for entry in document.get("add", ()):
        item = CatalogItem(id=entry["id"], name=_name(entry["name"]), note=entry.get("note"))
        additions.setdefault(entry["category"], []).append(item)
    categories = []
    for category in base.categories:
        items = [
            attrs.evolve(item, name=_name(changes[item.id]["name"])) if "name" in changes.get(item.id, {}) else item
            for item in category.items
        ]
        categories.append(attrs.evolve(category, items=(*items, *additions.get(category.id, ()))))
    return tuple(categories)


def apply_overlay(document: Mapping[str, Any]) -> OverlaidCatalog:
    """The catalog an overlay makes; :class:`~tajimi_rules.errors.InvalidDocumentError` when it is invalid."""
    result = validated(document, kind="overlay")
    if result.errors:
        raise InvalidDocumentError(list(result.problems), kind="overlay")
    base = load_catalog(document["extends"])
    trial = document.get("trial_counts_as", "not_implemented")
    answers = dict(document.get("answers", {}))
    answers["trial"] = [*_TRIAL_TEXTS, *answers.get("trial", ())]
    vocabulary = _merge(base.answers, _texts(answers, trial))
    item_answers = {
        item: AnswerVocabulary(**{k: tuple(v) for k, v in _texts(change["answers"], trial).items()})
        for item, change in document.get("items", {}).items()
        if "answers" in change
    }
    return OverlaidCatalog(
        id=document["id"],
        survey=base.survey,
        answers=vocabulary,
        categories=_categories(base, document),
        title=document.get("title", base.title),
        description=document.get("description", base.description),
        extends=base.id,
        item_answers=item_answers,
    )


def load_overlay(source: str | os.PathLike[str] | Mapping[str, Any]) -> OverlaidCatalog:
    """An overlay read from a path or mapping and applied (see :func:`apply_overlay`).

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_source(source, "load_overlay", mapping=True)
    if isinstance(source, Mapping):
        return apply_overlay(source)
    result = validated(os.fspath(source), kind="overlay")
    if result.errors:
        raise InvalidDocumentError(list(result.problems), kind="overlay")
    assert isinstance(result.value, Mapping)
    return apply_overlay(result.value)


def _regular_file(source: str | os.PathLike[str]) -> bool:
    # A name too long or a link loop is no file to sniff: the catalog loader reports it.
    try:
        return Path(source).is_file()
    except (OSError, ValueError):
        return False


def load_any_catalog(source: str | os.PathLike[str] | Mapping[str, Any] | Catalog | None) -> Catalog:
    """A catalog by shipped id, path or mapping, where a document that ``extends`` one is an overlay.

    A wrong argument raises :class:`TypeError` naming it.
    """
    if source is not None and not isinstance(source, Catalog):
        check_source(source, "load_any_catalog", mapping=True)
    if isinstance(source, Mapping):
        return apply_overlay(source) if "extends" in source else load_catalog(source)
    if source is not None and not isinstance(source, Catalog) and _regular_file(source):
        try:
            document = json.loads(Path(source).read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            document = None  # the catalog loader reports it with its line and column
        if isinstance(document, Mapping) and "extends" in document:
            return load_overlay(source)
    return load_catalog(source)
