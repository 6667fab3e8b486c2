"""Share predicates and their combinators: exact comparisons, empty shares, descriptions."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tajimi_rules as tr
from tajimi_rules import Counts, Level, all_, any_, not_, share
from tajimi_rules.rules import Comparison

from .strategies import counts, predicates

A_S_OF_ALL = share(["advanced", "standard"], at_least="2/3")
A_OF_A_S = share(["advanced"], in_=["advanced", "standard"], at_least="2/3")


@pytest.mark.parametrize(
    ("comparison", "numerator", "denominator", "holds"),
    [
        (Comparison.AT_LEAST, 2, 3, True),
        (Comparison.AT_LEAST, 3, 5, False),
        (Comparison.MORE_THAN, 2, 3, False),
        (Comparison.LESS_THAN, 2, 3, False),
        (Comparison.LESS_THAN, 13, 21, True),
        (Comparison.AT_MOST, 4, 6, True),
    ],
)
def test_comparison_at_two_thirds(comparison, numerator, denominator, holds):
    """Comparisons with 2/3 are exact at and next to the boundary."""
    assert comparison.holds(numerator, denominator, Fraction(2, 3)) is holds


@given(
    st.sampled_from(list(Comparison)),
    st.integers(0, 10_000),
    st.integers(1, 10_000),
    st.fractions(min_value=0, max_value=1, max_denominator=1000),
)
def test_comparison_agrees_with_fraction_arithmetic(comparison, numerator, denominator, threshold):
    """Cross-multiplication gives the same verdict as exact rational comparison."""
    value = Fraction(numerator, denominator)
    expected = {
        Comparison.AT_LEAST: value >= threshold,
        Comparison.MORE_THAN: value > threshold,
        Comparison.LESS_THAN: value < threshold,
        Comparison.AT_MOST: value <= threshold,
    }[comparison]
    assert comparison.holds(numerator, denominator, threshold) is expected


@pytest.mark.parametrize("comparison", list(Comparison))
def test_empty_denominator_satisfies_no_comparison(comparison):
    """A share over an empty denominator is undefined: every comparison on it is false."""
    assert comparison.holds(0, 0, Fraction(0)) is False
    assert comparison.holds(0, 0, Fraction(1)) is False


def test_not_of_an_empty_share_holds():
    """``not`` of an undefined share holds, since the share's comparison does not."""
    nothing_implemented = Counts(0, 0, 1, 1)
    assert A_OF_A_S.holds(nothing_implemented) is False
    assert not_(A_OF_A_S).holds(nothing_implemented) is True


def test_share_numbers_and_text():
    """A share evaluated keeps its exact numbers and renders them in both languages."""
    result = A_S_OF_ALL.evaluate(Counts(2, 2, 2, 0))
    assert (result.numerator, result.denominator, result.holds) == (4, 6, True)
    assert result.text() == "✓ (advanced+standard)/all = 4/6 >= 2/3"
    assert result.text("ja") == "✓ (先進的+普通)/全体 = 4/6 ≥ 2/3"


def test_empty_share_text_says_why_it_is_false():
    """An undefined share is shown as 0/0 with the reason it is false."""
    assert A_OF_A_S.evaluate(Counts(0, 0, 0, 1)).text().endswith("0/0 >= 2/3: empty denominator, so false")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"of": ["behind"], "in_": ["advanced"], "at_least": "1/2"}, "among the denominator"),
        ({"of": ["advanced"], "at_least": "3/2"}, r"in \[0, 1\]"),
        ({"of": [], "at_least": "1/2"}, "at least one level"),
    ],
)
def test_share_refuses_meaningless_definitions(kwargs, message):
    """Numerator levels must lie within the denominator's, and thresholds within [0, 1]."""
    with pytest.raises(ValueError, match=message):
        share(**kwargs)


def test_share_needs_exactly_one_comparison():
    """A share is compared in exactly one way."""
    with pytest.raises(TypeError, match="exactly one"):
        share(["advanced"], at_least="1/2", less_than="2/3")


def test_levels_are_canonical():
    """The order levels are given in does not matter: they are kept best first, once each."""
    assert share(["standard", "advanced", "standard"], at_least="1/2") == A_S_OF_ALL.__class__(
        of=(Level.ADVANCED, Level.STANDARD), in_=tuple(Level), comparison=Comparison.AT_LEAST, threshold="1/2"
    )


def test_factories_flatten_nested_combinators():
    """Nested all_ / any_ collapse into one, as attrs' validators do."""
    assert all_(all_(A_S_OF_ALL), A_OF_A_S) == tr.rules.AllOf((A_S_OF_ALL, A_OF_A_S))
    assert any_(any_(A_S_OF_ALL, A_OF_A_S)) == tr.rules.AnyOf((A_S_OF_ALL, A_OF_A_S))
    assert all_(any_(A_S_OF_ALL), A_OF_A_S).predicates[0] == tr.rules.AnyOf((A_S_OF_ALL,))


def test_empty_combinators():
    """An empty ``all`` always holds and an empty ``any`` never does."""
    assert all_().holds(Counts(1, 0, 0, 0)) is True
    assert any_().holds(Counts(1, 0, 0, 0)) is False


def test_describe():
    """Predicates describe themselves in English and Japanese."""
    rule = all_(A_S_OF_ALL, A_OF_A_S)
    assert rule.describe() == "(advanced+standard)/all >= 2/3 and advanced/(advanced+standard) >= 2/3"
    assert rule.describe("ja") == "(先進的+普通)/全体 ≥ 2/3 かつ 先進的/(先進的+普通) ≥ 2/3"


@given(predicates, counts())
def test_evaluate_agrees_with_holds(predicate, vector):
    """Evaluating a predicate (for explanations) gives the same verdict as testing it."""
    assert predicate.evaluate(vector).holds is predicate.holds(vector)
