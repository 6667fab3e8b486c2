"""Explanations as values: why a count vector got the rating it got (or none).

An :class:`Explanation` holds every rule's evaluated condition, so a reader sees the
deciding rule, the rules that also hold (overlaps a first-match order hides), and each
clause with its exact fraction. :meth:`Explanation.lines` renders it in English or Japanese.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from .._texts import text
from ..model import Counts, Rating
from ._predicates import CompoundResult, PredicateResult, ShareResult

__all__ = ["Explanation", "Outcome", "RuleResult", "rating_text"]


def rating_text(rating: Rating | None, lang: str = "en") -> str:
    """A rating's label, or "no rating" (「評価なし」) for ``None``."""
    return rating.label(lang) if rating is not None else text("rules.no_rating", lang)


class Outcome(enum.Enum):
    """How a rating came about, or why there is none."""

    RATED = "rated"
    """A rule decided the rating."""
    NO_RULE = "no_rule"
    """No rule's condition holds: the vector falls in a gap of the rules."""
    AMBIGUOUS = "ambiguous"
    """Exclusive rules of different ratings hold at once: the rules overlap here."""
    EMPTY = "empty"
    """The category has no items (n = 0), which no rule set rates."""


@attrs.frozen(kw_only=True)
class RuleResult:
    """One rule's condition evaluated on the counts: the rule's position, its rating, and the result."""

    index: int
    rating: Rating
    result: PredicateResult

    @property
    def holds(self) -> bool:
        """Whether the rule's condition holds."""
        return self.result.holds

    def clauses(self) -> tuple[ShareResult, ...]:
        """Every share clause of the condition with its numbers, left to right."""
        if isinstance(self.result, ShareResult):
            return (self.result,)
        return self.result.leaves()

    def text(self, lang: str = "en") -> str:
        """``rule 1 (advanced): ✓ (advanced+standard)/all = 4/6 >= 2/3 and ...``."""
        head = text("rules.rule", lang, number=self.index + 1, rating=self.rating.label(lang))
        body = self.result.text(lang)
        mark = "✓" if self.holds else "✗"
        # A share's text starts with its own mark; the rule's mark replaces it.
        return f"{mark} {head}: {body if isinstance(self.result, CompoundResult) else body[2:]}"


@attrs.frozen(kw_only=True)
class Explanation:
    """Why ``counts`` got ``rating`` under the rule set ``rule_set``."""

    rule_set: str
    combine: str
    counts: Counts
    outcome: Outcome
    decided_by: RuleResult | None
    rules: tuple[RuleResult, ...]

    @property
    def rating(self) -> Rating | None:
        """The rating, or ``None`` where the rules give none."""
        return self.decided_by.rating if self.decided_by is not None else None

    @property
    def matching(self) -> tuple[RuleResult, ...]:
        """Every rule whose condition holds, in rule order."""
        return tuple(result for result in self.rules if result.holds)

    @property
    def matching_ratings(self) -> tuple[Rating, ...]:
        """Every rating whose rule's condition holds, once each, in rule order."""
        return tuple(dict.fromkeys(result.rating for result in self.matching))

    @property
    def overlapping(self) -> bool:
        """Whether rules of more than one rating hold (decided by order, or ambiguous)."""
        return len(self.matching_ratings) > 1

    def headline(self, lang: str = "en") -> str:
        """One sentence: the rating and what decided it."""
        fields: dict[str, Any] = {
            "counts": f"{self.counts.short()} (n={self.counts.total})",
            "no_rating": text("rules.no_rating", lang),
        }
        if self.outcome is Outcome.EMPTY:
            return text("rules.headline.empty", lang, **fields)
        if self.outcome is Outcome.NO_RULE:
            return text("rules.headline.no_rule", lang, **fields)
        if self.outcome is Outcome.AMBIGUOUS:
            many = "two" if len(self.matching_ratings) == 2 else "many"
            names = text("rules.ratings.and", lang).join(r.label(lang) for r in self.matching_ratings)
            return text(f"rules.headline.ambiguous_{many}", lang, names=names, **fields)
        assert self.decided_by is not None
        fields |= {"rating": self.decided_by.rating.label(lang), "number": self.decided_by.index + 1}
        others = [r for r in self.matching_ratings if r is not self.decided_by.rating]
        if not others:
            return text("rules.headline.rated", lang, **fields)
        also = text("rules.ratings.list", lang).join(r.label(lang) for r in others)
        return text("rules.headline.rated_also", lang, also=also, **fields)

    def lines(self, lang: str = "en") -> list[str]:
        """The headline, then one line per rule with its clauses and numbers."""
        return [self.headline(lang), *("  " + result.text(lang) for result in self.rules)]

    def text(self, lang: str = "en") -> str:
        """:meth:`lines` joined by newlines."""
        return "\n".join(self.lines(lang))

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The explanation as a JSON-ready mapping."""
        return {
            "outcome": self.outcome.value,
            "rating": self.rating.value if self.rating else None,
            "decided_by": self.decided_by.index if self.decided_by else None,
            "matching_rules": [r.value for r in self.matching_ratings],
            "rules": [
                {
                    "index": result.index,
                    "rating": result.rating.value,
                    "holds": result.holds,
                    "clauses": [
                        {
                            "text": clause.predicate.describe(lang),
                            "numerator": clause.numerator,
                            "denominator": clause.denominator,
                            "holds": clause.holds,
                        }
                        for clause in result.clauses()
                    ],
                    "text": result.text(lang),
                }
                for result in self.rules
            ],
            "text": self.headline(lang),
        }
