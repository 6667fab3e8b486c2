"""Checking an evaluation against a rule set: recompute, compare with what was stated, explain.

>>> from tajimi_rules import check, load_evaluation
>>> report = check(load_evaluation("examples/tajimi-r4.json"))  # doctest: +SKIP
>>> [c.category.id for c in report.disagreements]  # doctest: +SKIP
['dx-staff-development', 'gis', 'digital-divide']
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import attrs

from .._convert import converter
from ..documents import resolve
from ..model import Category, Counts, Evaluation, Item, Level, Rating
from ..rules._explain import Explanation
from ..rules._rules import ItemGrading, RuleSet

__all__ = ["CategoryCheck", "CheckReport", "category_counts", "check", "item_level"]


def item_level(item: Item, grading: ItemGrading | None) -> Level | None:
    """An item's level: as stated, else graded from ``implemented`` and the grading's rate, else unknown."""
    if item.level is not None:
        return item.level
    if grading is None or item.implemented is None:
        return None
    rate = grading.rate_of(item.national_rate, item.prefecture_rate)
    return None if rate is None else grading.level(item.implemented, rate)


def category_counts(category: Category, grading: ItemGrading | None = None) -> Counts | None:
    """The counts a category is rated on: as stated, else counted from its items' levels.

    ``None`` when the file gives no counts and some item's level cannot be known.
    """
    if category.counts is not None:
        return category.counts
    levels = [item_level(item, grading) for item in category.items]
    if not levels or any(level is None for level in levels):
        return None
    return Counts.from_levels(level for level in levels if level is not None)


@attrs.frozen(kw_only=True)
class CategoryCheck:
    """One category checked: its counts, the computed rating with its explanation, the stated one."""

    category: Category
    counts: Counts | None
    explanation: Explanation | None

    @property
    def rating(self) -> Rating | None:
        """The computed rating (``None`` where the rules give none or counts are unknown)."""
        return self.explanation.rating if self.explanation is not None else None

    @property
    def stated_rating(self) -> Rating | None:
        """The rating the document states, if any."""
        return self.category.stated_rating

    @property
    def agrees(self) -> bool | None:
        """Whether computed and stated agree; ``None`` when nothing is stated."""
        if self.stated_rating is None:
            return None
        return self.rating is self.stated_rating

    @property
    def rated(self) -> bool:
        """Whether the rules gave this category a rating."""
        return self.rating is not None

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The check as a JSON-ready mapping (the ``categories`` entries of ``check --format json``)."""
        explanation = self.explanation
        return {
            "id": self.category.id,
            "group": converter.unstructure(self.category.group),
            "name": converter.unstructure(self.category.name),
            "counts": converter.unstructure(self.counts) if self.counts is not None else None,
            "n": self.counts.total if self.counts is not None else None,
            "rating": self.rating.value if self.rating is not None else None,
            "outcome": explanation.outcome.value if explanation is not None else "unknown_counts",
            "matching_rules": ([r.value for r in explanation.matching_ratings] if explanation is not None else []),
            "stated_rating": self.stated_rating.value if self.stated_rating is not None else None,
            "agrees": self.agrees,
            "explanation": explanation.to_json(lang) if explanation is not None else None,
        }


@attrs.frozen(kw_only=True)
class CheckReport:
    """Every category of an evaluation checked under one rule set."""

    evaluation: Evaluation
    rules: RuleSet
    categories: tuple[CategoryCheck, ...]

    @property
    def agreements(self) -> tuple[CategoryCheck, ...]:
        """Categories whose computed rating is the stated one."""
        return tuple(c for c in self.categories if c.agrees is True)

    @property
    def disagreements(self) -> tuple[CategoryCheck, ...]:
        """Categories whose computed rating differs from the stated one."""
        return tuple(c for c in self.categories if c.agrees is False)

    @property
    def unrated(self) -> tuple[CategoryCheck, ...]:
        """Categories the rules give no rating (gap, overlap, no items, or unknown counts)."""
        return tuple(c for c in self.categories if not c.rated)

    @property
    def overlaps(self) -> tuple[CategoryCheck, ...]:
        """Categories where rules of more than one rating hold."""
        return tuple(c for c in self.categories if c.explanation is not None and c.explanation.overlapping)

    @property
    def ok(self) -> bool:
        """True when every category is rated and none disagrees with its stated rating."""
        return not self.disagreements and not self.unrated

    def to_json(self, lang: str = "en", file: str | None = None) -> dict[str, Any]:
        """The report as one JSON-ready object (the output of ``check --format json``)."""
        municipality = self.evaluation.municipality
        return {
            "file": file,
            "municipality": {"code": municipality.code, "name": municipality.name},
            "rules": {"id": self.rules.id, "combine": self.rules.combine.value},
            "ok": self.ok,
            "summary": {
                "categories": len(self.categories),
                "agree": len(self.agreements),
                "disagree": len(self.disagreements),
                "unrated": len(self.unrated),
                "overlapping": len(self.overlaps),
                "no_stated_rating": sum(1 for c in self.categories if c.agrees is None),
            },
            "categories": [c.to_json(lang) for c in self.categories],
        }


def check(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
) -> CheckReport:
    """Rate every category of ``evaluation`` under ``rules`` and compare with the stated ratings.

    ``rules`` defaults to the evaluation's own ``rules`` id, else ``tajimi-r4``.
    """
    loaded, rule_set = resolve(evaluation, rules)
    checks = []
    for category in loaded.categories:
        counts = category_counts(category, rule_set.item_grading)
        checks.append(
            CategoryCheck(
                category=category,
                counts=counts,
                explanation=rule_set.explain(counts) if counts is not None else None,
            )
        )
    return CheckReport(evaluation=loaded, rules=rule_set, categories=tuple(checks))
