"""Explanations as values: why a count vector got the rating it got (or none).

An :class:`Explanation` holds every rule's evaluated condition, so a reader sees the
deciding rule, the rules that also hold (overlaps a first-match order hides), and each
clause with its exact fraction. :meth:`Explanation.lines` renders it as an exact trace in English
or Japanese, :meth:`Explanation.prose` as sentences a lay reader follows, with percentages
(「先進的と普通の合計は21項目中13項目（61.9%）で、良好に必要な2/3（66.7%）に届きません。」).
Percentages are for reading only: they are rounded from the exact fractions, and nothing is
decided from them.
"""

from __future__ import annotations

from typing import Any

import attrs

from .._light._explain import Outcome, headline, rule_text
from .._texts import text
from ..model import Counts, Level, Rating
from ._predicates import ALL_LEVELS, AllOf, AnyOf, Not, PredicateResult, ShareResult

__all__ = ["Explanation", "Outcome", "RuleResult", "percent_text", "rating_text"]


def percent_text(numerator: int, denominator: int) -> str:
    """``numerator/denominator`` as a percentage to one decimal, rounded half up in integers (display only).

    >>> percent_text(13, 21), percent_text(2, 3), percent_text(1, 2)
    ('61.9%', '66.7%', '50.0%')
    """
    tenths = (numerator * 2000 + denominator) // (2 * denominator)
    return f"{tenths // 10}.{tenths % 10}%"


def _levels_phrase(levels: tuple[Level, ...], lang: str, key: str) -> str:
    names = [level.label(lang) for level in levels]
    if len(names) == 1:
        return text(f"rules.prose.{key}.one", lang, level=names[0])
    return text(f"rules.prose.{key}.many", lang, levels=text("rules.prose.levels_join", lang).join(names))


def clause_prose(clause: ShareResult, rating: Rating, lang: str = "en", *, negated: bool = False) -> str:
    """One share clause as a sentence: the share found, with a percentage, against what ``rating`` needs.

    ``negated``: the clause sits under a ``not``, so the rule needs the opposite comparison.
    Whether the clause holds (as the rule needs it) is said in words, never left to a sign.
    """
    share = clause.predicate
    comparison = share.comparison.negation if negated else share.comparison
    held = clause.holds != negated
    fields: dict[str, Any] = {
        "of": _levels_phrase(share.of, lang, "of"),
        "within": _levels_phrase(share.in_, lang, "in") if share.in_ != ALL_LEVELS else text("rules.prose.all", lang),
        "num": clause.numerator,
        "den": clause.denominator,
        "rating": rating.label(lang),
        "threshold": f"{share.threshold.numerator}/{share.threshold.denominator}",
        "threshold_percent": percent_text(share.threshold.numerator, share.threshold.denominator),
    }
    if clause.denominator == 0:
        outcome = "held" if held else "not_held"
        return text(f"rules.prose.empty.{outcome}", lang, **fields)
    fields["percent"] = percent_text(clause.numerator, clause.denominator)
    outcome = "held" if held else "not_held"
    return text(f"rules.prose.share.{comparison.value}.{outcome}", lang, **fields)


def _leaves(result: PredicateResult, negated: bool = False) -> list[tuple[ShareResult, bool]]:
    """Every share clause under ``result`` with whether an odd number of ``not`` wraps it."""
    if isinstance(result, ShareResult):
        return [(result, negated)]
    inner = not negated if isinstance(result.predicate, Not) else negated
    return [leaf for part in result.parts for leaf in _leaves(part, inner)]


def rating_text(rating: Rating | None, lang: str = "en") -> str:
    """A rating's label, or "no rating" (「評価なし」) for ``None``."""
    return rating.label(lang) if rating is not None else text("rules.no_rating", lang)


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
        """``✓ rule 1 (advanced), holds: ✓ (advanced+standard)/all = 4/6 >= 2/3 and ...``.

        The rule and each of its clauses carry their own mark, a single clause too, so a clause
        that fails never reads as a statement that holds.
        """
        return rule_text(self.index, self.rating, self.holds, self.result.text(lang), lang)

    def prose(self, lang: str = "en") -> str:
        """The rule in sentences: whether it holds, then each clause with its share and percentage."""
        head = text("rules.prose.rule_name", lang, number=self.index + 1, rating=self.rating.label(lang))
        leaves = _leaves(self.result)
        join = ""
        if len(leaves) > 1 and isinstance(self.result.predicate, AllOf | AnyOf):
            join = text(f"rules.prose.needs_{'all' if isinstance(self.result.predicate, AllOf) else 'any'}", lang)
        sentences = [text(f"rules.prose.rule.{'held' if self.holds else 'not_held'}", lang, rule=head, join=join)]
        sentences += [clause_prose(clause, self.rating, lang, negated=negated) for clause, negated in leaves]
        return text("rules.prose.sentence_join", lang).join(sentences)


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
        decided = self.decided_by
        return headline(
            self.outcome,
            self.counts,
            self.matching_ratings,
            (decided.index, decided.rating) if decided is not None else None,
            lang,
        )

    def prose(self, lang: str = "en", *, title: str | None = None) -> list[str]:
        """The explanation in sentences with percentages: the outcome, then the rules that decided it.

        ``title`` names the rule set (its title in ``lang``); without it the rule set's id is used.
        Under ``first_match`` the rules after the deciding one played no part and are left out;
        the exact trace (:meth:`lines`) keeps them.
        """
        fields: dict[str, Any] = {"rule_set": title or self.rule_set, "n": self.counts.total}
        if self.outcome is Outcome.EMPTY:
            return [text("rules.prose.empty_category", lang, **fields)]
        shown = self.rules
        if self.outcome is Outcome.RATED:
            assert self.decided_by is not None
            fields |= {"rating": self.decided_by.rating.label(lang), "number": self.decided_by.index + 1}
            opening = text("rules.prose.rated", lang, **fields)
            others = [r for r in self.matching_ratings if r is not self.decided_by.rating]
            if others and self.combine == "first_match":
                also = text("rules.ratings.list", lang).join(r.label(lang) for r in others)
                opening += text("rules.prose.sentence_join", lang) + text("rules.prose.also", lang, also=also, **fields)
            if self.combine == "first_match":
                shown = self.rules[: self.decided_by.index + 1]
        elif self.outcome is Outcome.AMBIGUOUS:
            names = text("rules.ratings.and", lang).join(r.label(lang) for r in self.matching_ratings)
            opening = text("rules.prose.ambiguous", lang, names=names, **fields)
        else:
            opening = text("rules.prose.no_rule", lang, **fields)
        return [opening, *(result.prose(lang) for result in shown)]

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
            "prose": self.prose(lang),
        }
