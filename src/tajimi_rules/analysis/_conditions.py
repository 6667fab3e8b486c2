"""Conditions: the relations every vector of a region meets, found from the signs of its cells."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs

from .._fractions import format_fraction
from .._texts import text
from ..model import Level
from ..rules import Share
from ..rules._predicates import level_sum, relation_text
from ._arrangement import Arrangement

__all__ = ["Condition", "conditions", "describe"]

_LEVELS = tuple(Level)

_RELATION = {
    frozenset({1}): ">",
    frozenset({0}): "=",
    frozenset({-1}): "<",
    frozenset({0, 1}): ">=",
    frozenset({-1, 0}): "<=",
    frozenset({-1, 1}): "!=",
}
_NAMES = {">": "more_than", "=": "equal", "<": "less_than", ">=": "at_least", "<=": "at_most", "!=": "not_equal"}


@attrs.frozen
class Condition:
    """A relation every vector of a region meets: a share against a threshold, or a count of 0.

    ``share`` is ``None`` for "the count of ``level`` is 0".
    """

    relation: str
    share: Share | None = None
    level: Level | None = None
    threshold: Fraction | None = None

    def describe(self, lang: str = "en") -> str:
        """``(advanced+standard)/all = 2/3`` or ``behind = 0``."""
        op = relation_text(_NAMES[self.relation], lang)
        if self.share is None:
            assert self.level is not None
            return f"{text(f'rules.term.{self.level.value}', lang)} {op} 0"
        assert self.threshold is not None
        share = self.share
        return f"{level_sum(share.of, lang)}/{level_sum(share.in_, lang)} {op} {format_fraction(self.threshold)}"


def describe(found: Sequence[Condition], lang: str = "en") -> str:
    """Conditions joined by "and" (「かつ」), or ``(any)`` (「（全体）」) when there is none."""
    return text("rules.and", lang).join(c.describe(lang) for c in found) or text("analysis.any", lang)


def conditions(arrangement: Arrangement, keys: Sequence[int]) -> tuple[Condition, ...]:
    """Relations that hold in every cell of ``keys``: zero counts, then each form's relation."""
    found: list[Condition] = []
    for bit, level in enumerate(_LEVELS):
        if all(not key >> bit & 1 for key in keys):
            found.append(Condition("=", level=level))
    described: set[int] = set()
    for share, index, orientation in arrangement.shares:
        if index < 0 or index in described:
            continue
        described.add(index)
        mask = sum(1 << _LEVELS.index(level) for level in share.in_)
        if any(not key & mask for key in keys):
            continue  # the share is undefined somewhere in the region
        signs = frozenset(orientation * arrangement.sign(key, index) for key in keys)
        relation = _RELATION.get(signs)
        if relation is not None:
            found.append(Condition(relation, share=share, threshold=share.threshold))
    return _tightest(found)


def _tightest(conditions: list[Condition]) -> tuple[Condition, ...]:
    """Drop a bound on a share that a stricter bound on the same share implies."""

    def strength(condition: Condition) -> tuple[Fraction, bool]:
        assert condition.threshold is not None
        return condition.threshold, condition.relation in ("<", ">")

    kept: list[Condition] = []
    for condition in conditions:
        share = condition.share
        if share is None or condition.relation in ("=", "!="):
            kept.append(condition)
            continue
        same = [
            other
            for other in conditions
            if other.share is not None
            and (other.share.of, other.share.in_) == (share.of, share.in_)
            and other is not condition
        ]
        if any(other.relation == "=" for other in same):
            continue
        lower = condition.relation in (">", ">=")
        rivals = [other for other in same if (other.relation in (">", ">=")) == lower and other.relation != "!="]
        if lower and any(strength(other) > strength(condition) for other in rivals):
            continue
        if not lower and any(
            (strength(other)[0], -strength(other)[1]) < (strength(condition)[0], -strength(condition)[1])
            for other in rivals
        ):
            continue
        kept.append(condition)
    return tuple(kept)
