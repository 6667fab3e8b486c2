"""How a rating is decided from the rules that hold, and how that is worded.

The rules of a rule set are tried on a count vector; :func:`decide` turns which of them hold
into the outcome (rated by which rule, no rule, ambiguous, or an empty category), and
:func:`headline` and :func:`rule_text` word it as an explanation's lines. They work on plain
values, for :class:`~tajimi_rules.rules.Explanation` and for the quick route of ``check``.
"""

from __future__ import annotations

import enum

from .._texts import text
from ._levels import short_counts

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up this package saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

    from ._levels import Rating

__all__ = ["Outcome", "decide", "headline", "rule_text"]


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


def decide(first_match: bool, total: int, rules: Sequence[tuple[Rating, bool]]) -> tuple[Outcome, int | None]:
    """The outcome, and the index of the deciding rule, from each rule's rating and whether it holds.

    An empty category (``total`` 0) is never rated. Under first match the first rule that holds
    decides; under exclusive rules the holding rules must agree on one rating, and the first of
    them decides.
    """
    holding = [index for index, (_rating, holds) in enumerate(rules) if holds]
    if total == 0:
        return Outcome.EMPTY, None
    if not holding:
        return Outcome.NO_RULE, None
    if not first_match and len({rules[index][0] for index in holding}) > 1:
        return Outcome.AMBIGUOUS, None
    return Outcome.RATED, holding[0]


def headline(
    outcome: Outcome,
    counts: Iterable[int],
    matching: Sequence[Rating],
    decided: tuple[int, Rating] | None,
    lang: str,
) -> str:
    """One sentence: the rating and what decided it (``decided``: the deciding rule's index and rating).

    ``counts`` are the four counts, best level first; ``matching`` every rating whose rule holds,
    once each, in rule order.
    """
    values = tuple(counts)
    fields: dict[str, Any] = {
        "counts": f"{short_counts(values)} (n={sum(values)})",
        "no_rating": text("rules.no_rating", lang),
    }
    if outcome is Outcome.AMBIGUOUS:
        many = "two" if len(matching) == 2 else "many"
        names = text("rules.ratings.and", lang).join(r.label(lang) for r in matching)
        return text(f"rules.headline.ambiguous_{many}", lang, names=names, **fields)
    if decided is None:
        return text(f"rules.headline.{outcome.value}", lang, **fields)
    index, rating = decided
    fields |= {"rating": rating.label(lang), "number": index + 1}
    others = [r for r in matching if r is not rating]
    if not others:
        return text("rules.headline.rated", lang, **fields)
    also = text("rules.ratings.list", lang).join(r.label(lang) for r in others)
    return text("rules.headline.rated_also", lang, also=also, **fields)


def rule_text(index: int, rating: Rating, holds: bool, result: str, lang: str) -> str:
    """``✓ rule 1 (advanced) holds: ✓ ...``: a rule, whether it holds, and its condition's text (``result``)."""
    head = text("rules.rule", lang, number=index + 1, rating=rating.label(lang))
    outcome = text("rules.rule.held" if holds else "rules.rule.not_held", lang, rule=head)
    return f"{'✓' if holds else '✗'} {outcome}: {result}"
