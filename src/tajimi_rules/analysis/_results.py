"""What soundness analysis and rule-set comparison find, as values: regions, violations, dead rules, coverage."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from ..model import Counts, Level, Rating
from ..rules import Combine, RuleSet
from ._conditions import Condition, describe
from ._moves import Move

__all__ = [
    "Analysis",
    "Boundary",
    "Coverage",
    "DeadReason",
    "DeadRule",
    "Disagreement",
    "Region",
    "RuleSetDiff",
    "Violation",
]


def _vector_json(counts: Counts) -> dict[str, int]:
    return {level.value: counts[level] for level in Level}


@attrs.frozen
class Region:
    """The vectors (``1 <= n <= max_items``) where exactly the rules ``rules`` hold.

    ``rating`` is what the rule set gives there (``None`` in a gap or an ambiguous overlap),
    ``witness`` the smallest such vector, ``conditions`` relations every vector of the region
    meets (the region may be a union of several cells, so they describe it, not define it),
    ``cells`` how many cells it spans.
    """

    rules: tuple[int, ...]
    ratings: tuple[Rating, ...]
    rating: Rating | None
    count: int
    witness: Counts
    conditions: tuple[Condition, ...]
    cells: int

    def describe(self, lang: str = "en") -> str:
        """The conditions joined by "and"; ``(any)`` when none is common to the whole region."""
        return describe(self.conditions, lang)

    def to_json(self) -> dict[str, Any]:
        """The region as JSON (rule numbers count from 1)."""
        return {
            "rules": [index + 1 for index in self.rules],
            "ratings": [rating.value for rating in self.ratings],
            "rating": self.rating.value if self.rating is not None else None,
            "count": self.count,
            "witness": _vector_json(self.witness),
            "conditions": [c.describe() for c in self.conditions],
            "cells": self.cells,
        }


@attrs.frozen
class Violation:
    """Moving one item by ``move`` lowers the rating from ``before`` to ``after``.

    ``count`` is the number of such pairs with ``n <= max_items`` (0 when the pair was found
    only by the check beyond ``max_items``); ``witness`` the smallest pair found.
    """

    move: Move
    before: Rating
    after: Rating
    count: int
    witness: tuple[Counts, Counts]

    def to_json(self) -> dict[str, Any]:
        """The violation as JSON."""
        return {
            "move": [self.move[0].value, self.move[1].value],
            "before": self.before.value,
            "after": self.after.value,
            "count": self.count,
            "witness": [_vector_json(self.witness[0]), _vector_json(self.witness[1])],
        }


class DeadReason(enum.Enum):
    """Why a rule never gives its rating."""

    NEVER_HOLDS = "never_holds"
    """Its condition holds for no vector."""
    SHADOWED = "shadowed"
    """Wherever it holds, an earlier rule holds too (first_match)."""
    AMBIGUOUS = "ambiguous"
    """Wherever it holds, a rule of another rating holds too (exclusive)."""


@attrs.frozen
class DeadRule:
    """A rule that never decides a rating, and the rules that take its place.

    ``by`` are the rules (earlier ones for ``SHADOWED``, ones of another rating for
    ``AMBIGUOUS``) that hold wherever this rule holds; ``everywhere`` is false when no single
    rule does, and ``by`` then lists every rule that takes its place somewhere.
    """

    index: int
    rating: Rating
    reason: DeadReason
    by: tuple[int, ...] = ()
    everywhere: bool = True

    def to_json(self) -> dict[str, Any]:
        """The dead rule as JSON (rule numbers count from 1)."""
        return {
            "rule": self.index + 1,
            "rating": self.rating.value,
            "reason": self.reason.value,
            "by": [index + 1 for index in self.by],
            "everywhere": self.everywhere,
        }


@attrs.frozen
class Boundary:
    """For one ``n`` and one rating: how many vectors get it, and the range of ``a + s`` and of ``a``."""

    n: int
    rating: Rating
    count: int
    implemented: tuple[int, int]
    advanced: tuple[int, int]

    def to_json(self) -> dict[str, Any]:
        """The boundary row as JSON."""
        return {
            "n": self.n,
            "rating": self.rating.value,
            "count": self.count,
            "implemented": list(self.implemented),
            "advanced": list(self.advanced),
        }


@attrs.frozen
class Coverage:
    """How far the findings reach beyond ``max_items`` (see the module docstring for the proof).

    ``cell_bound`` (4 × ``ray_bound``): every cell holds a vector with ``n`` at most this.
    ``complete``: ``max_items >= cell_bound``, so gaps, overlaps, dead rules and regions are
    exact for every ``n``. ``step``: the multiplier of the monotonicity check beyond
    ``max_items``, whose pairs have ``n`` up to ``step * cell_bound``. ``monotone_for_all_n``:
    true or false when proved for every ``n``, ``None`` when not established.
    """

    cells: int
    ray_bound: int
    cell_bound: int
    complete: bool
    step: int
    monotone_for_all_n: bool | None

    def to_json(self) -> dict[str, Any]:
        """The coverage as JSON."""
        return {
            "cells": self.cells,
            "ray_bound": self.ray_bound,
            "cell_bound": self.cell_bound,
            "complete": self.complete,
            "step": self.step,
            "pair_bound": self.step * self.cell_bound,
            "monotone_for_all_n": self.monotone_for_all_n,
        }


@attrs.frozen(kw_only=True)
class Analysis:
    """What :func:`analyze` found about a rule set; ``sound`` when total, exclusive, monotone, no dead rule."""

    rule_set: RuleSet = attrs.field(eq=False)
    max_items: int
    moves: tuple[Move, ...]
    vectors: int
    regions: tuple[Region, ...]
    violations: tuple[Violation, ...]
    dead_rules: tuple[DeadRule, ...]
    boundaries: tuple[Boundary, ...]
    coverage: Coverage

    @property
    def gaps(self) -> tuple[Region, ...]:
        """Regions where no rule holds."""
        return tuple(region for region in self.regions if not region.rules)

    @property
    def overlaps(self) -> tuple[Region, ...]:
        """Regions where rules of two or more ratings hold."""
        return tuple(region for region in self.regions if len(region.ratings) > 1)

    @property
    def total(self) -> bool:
        """Some rule holds for every vector."""
        return not self.gaps

    @property
    def exclusive(self) -> bool:
        """No vector gets two ratings: by order for first_match, by having no overlap for exclusive."""
        return self.rule_set.combine is Combine.FIRST_MATCH or not self.overlaps

    @property
    def monotone(self) -> bool:
        """No move of :attr:`moves` lowers a rating (among the pairs checked)."""
        return not self.violations

    @property
    def sound(self) -> bool:
        """Total, exclusive, monotone, and every rule can decide, among the vectors checked (``n <= max_items``)."""
        return self.total and self.exclusive and self.monotone and not self.dead_rules

    @property
    def sound_for_all_n(self) -> bool:
        """:attr:`sound`, and proved so for every ``n``: the check reached the cell bound.

        (A sound rule set rates every cell, so with complete coverage its monotonicity is
        proved for every ``n`` too.)
        """
        return self.sound and self.coverage.complete

    def to_json(self) -> dict[str, Any]:
        """Everything found, as JSON."""
        return {
            "rule_set": self.rule_set.id,
            "combine": self.rule_set.combine.value,
            "max_items": self.max_items,
            "vectors": self.vectors,
            "moves": [[source.value, target.value] for source, target in self.moves],
            "sound": self.sound,
            "sound_for_all_n": self.sound_for_all_n,
            "total": self.total,
            "exclusive": self.exclusive,
            "monotone": self.monotone,
            "gaps": [region.to_json() for region in self.gaps],
            "overlaps": [
                region.to_json() | {"defect": self.rule_set.combine is Combine.EXCLUSIVE} for region in self.overlaps
            ],
            "violations": [violation.to_json() for violation in self.violations],
            "dead_rules": [dead.to_json() for dead in self.dead_rules],
            "regions": [region.to_json() for region in self.regions],
            "boundaries": [boundary.to_json() for boundary in self.boundaries],
            "coverage": self.coverage.to_json(),
        }


@attrs.frozen
class Disagreement:
    """The vectors (``1 <= n <= max_items``) rated ``first`` by one rule set and ``second`` by the other."""

    first: Rating | None
    second: Rating | None
    count: int
    witness: Counts
    conditions: tuple[Condition, ...]
    cells: int

    def describe(self, lang: str = "en") -> str:
        """The conditions joined by "and"; ``(any)`` when none is common to the whole region."""
        return describe(self.conditions, lang)

    def to_json(self) -> dict[str, Any]:
        """The disagreement as JSON."""
        return {
            "first": self.first.value if self.first is not None else None,
            "second": self.second.value if self.second is not None else None,
            "count": self.count,
            "witness": _vector_json(self.witness),
            "conditions": [c.describe() for c in self.conditions],
            "cells": self.cells,
        }


@attrs.frozen(kw_only=True)
class RuleSetDiff:
    """Where two rule sets rate differently; ``complete`` when that holds for every ``n``."""

    first: RuleSet = attrs.field(eq=False)
    second: RuleSet = attrs.field(eq=False)
    max_items: int
    vectors: int
    disagreements: tuple[Disagreement, ...]
    coverage: Coverage

    @property
    def same(self) -> bool:
        """No vector is rated differently."""
        return not self.disagreements

    def to_json(self) -> dict[str, Any]:
        """The comparison as JSON."""
        return {
            "first": self.first.id,
            "second": self.second.id,
            "max_items": self.max_items,
            "vectors": self.vectors,
            "same": self.same,
            "disagreements": [d.to_json() for d in self.disagreements],
            "coverage": self.coverage.to_json(),
        }
