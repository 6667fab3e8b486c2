"""Hypothesis strategies for the model: counts, levels, predicates and rule sets."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

import tajimi_rules as tr

levels = st.sampled_from(list(tr.Level))
ratings = st.sampled_from(list(tr.Rating))
comparisons = st.sampled_from(list(tr.rules.Comparison))
_LEVELS = list(tr.Level)


@st.composite
def counts(draw: st.DrawFn, max_total: int = 40, min_total: int = 0) -> tr.Counts:
    """Count vectors whose total lies in [min_total, max_total].

    Built, not filtered: draw the total n, then three cuts of 0..n into four parts (every split of n
    can be drawn, and each part shrinks towards 0).
    """
    n = draw(st.integers(min_total, max_total))
    low, middle, high = sorted(draw(st.tuples(*(st.integers(0, n) for _ in range(3)))))
    return tr.Counts(low, middle - low, high - middle, n - high)


thresholds = st.builds(lambda q, p: Fraction(min(p, q), q), st.integers(1, 12), st.integers(0, 12))


def _subset(levels: list[tr.Level], mask: int) -> list[tr.Level]:
    """The levels whose bit is set in ``mask`` (bit i for ``levels[i]``)."""
    return [level for bit, level in enumerate(levels) if mask >> bit & 1]


@st.composite
def shares(draw: st.DrawFn) -> tr.rules.Share:
    """A share predicate whose numerator levels lie within its denominator levels.

    Built, not filtered: each set of levels is drawn as a non-zero bit mask, the denominator's over
    the four levels and the numerator's over the denominator's levels, in order.
    """
    denominator = _subset(_LEVELS, draw(st.integers(1, 2 ** len(_LEVELS) - 1)))
    numerator = _subset(denominator, draw(st.integers(1, 2 ** len(denominator) - 1)))
    return tr.rules.Share(
        of=tuple(numerator), in_=tuple(denominator), comparison=draw(comparisons), threshold=draw(thresholds)
    )


predicates: st.SearchStrategy[tr.rules.Predicate] = st.recursive(
    shares(),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda ps: tr.rules.AllOf(tuple(ps))),
        st.lists(inner, max_size=3).map(lambda ps: tr.rules.AnyOf(tuple(ps))),
        inner.map(tr.rules.Not),
    ),
    max_leaves=6,
)


_RULE_LISTS = st.lists(st.builds(tr.Rule, rating=ratings, when=predicates), min_size=1, max_size=5)


@st.composite
def rule_sets(draw: st.DrawFn) -> tr.RuleSet:
    """A rule set of one to five random rules, either way of combining."""
    return tr.RuleSet(
        id="generated",
        title="generated",
        description="a generated rule set",
        combine=draw(st.sampled_from(list(tr.rules.Combine))),
        rules=tuple(draw(_RULE_LISTS)),
    )
