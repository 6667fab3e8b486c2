"""Comparing two evaluations of one body (say, two survey years): what moved, and why.

A category *moved* when its computed rating differs. An item *changed* when its level
differs; since a level is the pair (implemented, common), the change has one of three
causes, read off the two levels: the body started or stopped doing the item
(``implemented``), the item's rate crossed the grading threshold (``rate``), or both
(``both``). Items present on one side only are ``added`` or ``removed``.

>>> from tajimi_rules import load_evaluation
>>> same = load_evaluation("examples/tajimi-r4.json")  # doctest: +SKIP
>>> diff_evaluations(same, same).changed  # doctest: +SKIP
False
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs

from .._errors import InvalidDocumentError, Problem, pointer
from .._fractions import format_fraction
from .._texts import Lang, text
from ..documents import load_rules, resolve
from ..model import Counts, Evaluation, Item, Level, Name, Rating
from ..rules._rules import ItemGrading, RuleSet
from ._check import check, item_level

__all__ = ["CategoryChange", "ChangeCause", "EvaluationDiff", "ItemChange", "diff_evaluations"]


class ChangeCause(enum.Enum):
    """Why an item's level changed."""

    IMPLEMENTED = "implemented"
    RATE = "rate"
    BOTH = "both"
    ADDED = "added"
    REMOVED = "removed"


@attrs.frozen(kw_only=True)
class ItemChange:
    """One item whose level differs between the two evaluations, and why."""

    category: str
    id: str
    name: Name
    old: Level | None
    new: Level | None
    cause: ChangeCause
    old_rate: Fraction | None = None
    new_rate: Fraction | None = None
    threshold: Fraction | None = None

    def describe(self, lang: Lang | str = "en") -> str:
        """One line: the item, its two levels, and the cause with its numbers."""
        old = self.old.label(lang) if self.old is not None else "—"
        new = self.new.label(lang) if self.new is not None else "—"
        return f"{self.id} {self.name.label(lang)}: {old} → {new} ({self._why(lang)})"

    def _why(self, lang: Lang | str) -> str:
        if self.cause in (ChangeCause.ADDED, ChangeCause.REMOVED):
            return text(f"checks.change.{self.cause.value}", lang)
        new = self.new
        if new is None:  # only a removed item has no new level
            return ""
        parts = []
        if self.cause in (ChangeCause.IMPLEMENTED, ChangeCause.BOTH):
            parts.append(text("checks.change.now_does" if new.implemented else "checks.change.stopped", lang))
        if self.cause in (ChangeCause.RATE, ChangeCause.BOTH):
            rates = ""
            if self.old_rate is not None and self.new_rate is not None:
                rates = f" {format_fraction(self.old_rate)} → {format_fraction(self.new_rate)}"
            limit = f" {format_fraction(self.threshold)}" if self.threshold is not None else ""
            message_id = "checks.change.rate_reached" if new.common else "checks.change.rate_fell"
            parts.append(text(message_id, lang, rates=rates, limit=limit))
        return text("checks.change.separator", lang).join(parts)

    def to_json(self) -> dict[str, Any]:
        """The change as a JSON-ready mapping."""
        return {
            "category": self.category,
            "id": self.id,
            "old": self.old.value if self.old is not None else None,
            "new": self.new.value if self.new is not None else None,
            "cause": self.cause.value,
            "old_rate": format_fraction(self.old_rate) if self.old_rate is not None else None,
            "new_rate": format_fraction(self.new_rate) if self.new_rate is not None else None,
            "threshold": format_fraction(self.threshold) if self.threshold is not None else None,
        }


@attrs.frozen(kw_only=True)
class CategoryChange:
    """One category's computed rating and counts on both sides (``None`` where absent)."""

    id: str
    name: Name
    old: Rating | None
    new: Rating | None
    old_counts: Counts | None
    new_counts: Counts | None

    @property
    def moved(self) -> bool:
        """Whether the rating differs."""
        return self.old is not self.new

    def to_json(self) -> dict[str, Any]:
        """The category as a JSON-ready mapping."""
        return {
            "id": self.id,
            "old": self.old.value if self.old is not None else None,
            "new": self.new.value if self.new is not None else None,
            "old_counts": self.old_counts.short() if self.old_counts is not None else None,
            "new_counts": self.new_counts.short() if self.new_counts is not None else None,
            "moved": self.moved,
        }


@attrs.frozen(kw_only=True)
class EvaluationDiff:
    """Two evaluations of one body compared under one rule set."""

    old: Evaluation
    new: Evaluation
    rules: RuleSet
    categories: tuple[CategoryChange, ...]
    items: tuple[ItemChange, ...]

    @property
    def moved(self) -> tuple[CategoryChange, ...]:
        """The categories whose rating moved."""
        return tuple(category for category in self.categories if category.moved)

    @property
    def changed(self) -> bool:
        """Whether any rating moved or any item changed level."""
        return bool(self.moved or self.items)

    def to_json(self) -> dict[str, Any]:
        """The comparison as one JSON-ready object (``diff --format json``)."""
        municipality = self.new.municipality
        return {
            "municipality": {"code": municipality.code, "name": municipality.name},
            "old_survey": {"title": self.old.survey.title, "fiscal_year": self.old.survey.fiscal_year},
            "new_survey": {"title": self.new.survey.title, "fiscal_year": self.new.survey.fiscal_year},
            "rules": self.rules.id,
            "changed": self.changed,
            "categories": [category.to_json() for category in self.moved],
            "items": [item.to_json() for item in self.items],
        }


def _rate(item: Item, grading: ItemGrading | None) -> Fraction | None:
    if grading is None:
        return item.national_rate
    return grading.rate_of(item.national_rate, item.prefecture_rate)


def _cause(old: Level | None, new: Level | None) -> ChangeCause:
    if old is None:
        return ChangeCause.ADDED
    if new is None:
        return ChangeCause.REMOVED
    doing = old.implemented != new.implemented
    common = old.common != new.common
    if doing and common:
        return ChangeCause.BOTH
    return ChangeCause.IMPLEMENTED if doing else ChangeCause.RATE


def _item_changes(
    category_id: str, old_items: tuple[Item, ...], new_items: tuple[Item, ...], grading: ItemGrading | None
) -> list[ItemChange]:
    before = {item.id: item for item in old_items}
    after = {item.id: item for item in new_items}
    changes = []
    for item_id in [*after, *(key for key in before if key not in after)]:
        old_item, new_item = before.get(item_id), after.get(item_id)
        old = item_level(old_item, grading) if old_item is not None else None
        new = item_level(new_item, grading) if new_item is not None else None
        if old is new:
            continue
        named = new_item or old_item
        assert named is not None
        changes.append(
            ItemChange(
                category=category_id,
                id=item_id,
                name=named.name,
                old=old,
                new=new,
                cause=_cause(old, new),
                old_rate=_rate(old_item, grading) if old_item is not None else None,
                new_rate=_rate(new_item, grading) if new_item is not None else None,
                threshold=grading.threshold if grading is not None else None,
            )
        )
    return changes


def diff_evaluations(
    old: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    new: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
) -> EvaluationDiff:
    """Compare two evaluations of the same body under ``rules`` (default: the new file's own).

    Raises :class:`InvalidDocumentError` when the two are evaluations of different bodies.
    """
    chosen = load_rules(rules) if rules is not None else None
    after, rule_set = resolve(new, chosen)
    before, _ = resolve(old, chosen)
    if before.municipality.code != after.municipality.code:
        raise InvalidDocumentError(
            [
                Problem(
                    code="diff.different_bodies",
                    pointer=pointer("municipality", "code"),
                    file=os.fspath(new) if isinstance(new, (str, os.PathLike)) else None,
                    expected=before.municipality.code,
                    found=after.municipality.code,
                )
            ],
            kind="evaluation",
        )
    grading = rule_set.item_grading
    old_checks = {c.category.id: c for c in check(before, rule_set).categories}
    new_checks = {c.category.id: c for c in check(after, rule_set).categories}
    categories, items = [], []
    for category_id in [*new_checks, *(key for key in old_checks if key not in new_checks)]:
        was, now = old_checks.get(category_id), new_checks.get(category_id)
        present = now if now is not None else was
        assert present is not None
        named = present.category
        categories.append(
            CategoryChange(
                id=category_id,
                name=named.name,
                old=was.rating if was is not None else None,
                new=now.rating if now is not None else None,
                old_counts=was.counts if was is not None else None,
                new_counts=now.counts if now is not None else None,
            )
        )
        items.extend(
            _item_changes(
                category_id,
                was.category.items if was is not None else (),
                now.category.items if now is not None else (),
                grading,
            )
        )
    return EvaluationDiff(old=before, new=after, rules=rule_set, categories=tuple(categories), items=tuple(items))
