"""Meaning checks of catalog overlays: the catalog extended exists, the items changed are its own.

An overlay extends a shipped catalog; checking it needs that catalog, which the pipeline's context
loads (so this module loads nothing itself).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

from .._arguments import check_type, wrong_type, wrong_value
from .._errors import Problem, pointer, problem
from ..model import Catalog, normalize_answer

__all__ = ["overlay_problems"]

_MEANINGS = ("implemented", "not_implemented", "not_answered")


def _twice(answers: Mapping[str, Any], at: str) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for meaning in (*_MEANINGS, "trial"):
        for index, text in enumerate(answers.get(meaning, ())):
            first = seen.setdefault(normalize_answer(text), meaning)
            if first != meaning:
                yield problem(
                    "overlay.ambiguous_text",
                    pointer=f"{at}/{meaning}/{index}",
                    expected=first,
                    found=repr(text),
                    text=text,
                    first=first,
                    second=meaning,
                )


_IDS = "a collection of catalog ids"


def overlay_problems(
    document: Mapping[str, Any], catalog_ids: Collection[str], load: Callable[[str], Catalog]
) -> list[Problem]:
    """The meaning problems of a schema-valid overlay, each at its JSON pointer.

    ``catalog_ids`` are the catalogs an overlay may extend and ``load`` loads one of them.
    A wrong argument raises :class:`TypeError` naming it; a document not checked against the
    overlay schema first (no ``extends``) is a :class:`ValueError`.
    """
    check_type(document, Mapping, function="overlay_problems", parameter="document", expected="a Mapping")
    check_type(catalog_ids, Collection, function="overlay_problems", parameter="catalog_ids", expected=_IDS)
    if not callable(load):
        raise wrong_type("overlay_problems", "load", "a callable loading a catalog by id", load)
    if "extends" not in document:
        raise wrong_value("overlay_problems", "document", "a schema-valid overlay (with 'extends')", document)
    base_id = document["extends"]
    if base_id not in catalog_ids:
        known = ", ".join(sorted(catalog_ids))
        return [
            problem("overlay.unknown_catalog", pointer="/extends", expected=known, found=repr(base_id), name=base_id)
        ]
    base = load(base_id)
    items = base.item_index()
    categories = {category.id for category in base.categories}
    found = list(_twice(document.get("answers", {}), "/answers"))
    for item, change in document.get("items", {}).items():
        if item not in items:
            found.append(problem("overlay.unknown_item", pointer=pointer("items", item), found=repr(item), item=item))
        found.extend(_twice(change.get("answers", {}), pointer("items", item, "answers")))
    added: set[str] = set()
    for index, entry in enumerate(document.get("add", ())):
        if entry["category"] not in categories:
            at = pointer("add", index, "category")
            found.append(
                problem("overlay.unknown_category", pointer=at, found=repr(entry["category"]), name=entry["category"])
            )
        if entry["id"] in items or entry["id"] in added:
            at = pointer("add", index, "id")
            found.append(problem("overlay.duplicate_item", pointer=at, found=repr(entry["id"]), item=entry["id"]))
        added.add(entry["id"])
    return found
