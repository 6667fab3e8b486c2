"""The compiled engine agrees with the predicates it was compiled from."""

from __future__ import annotations

import re

from hypothesis import given, settings

import tajimi_rules as tr
from tajimi_rules import Counts, Rating, Rule, RuleSet, share
from tajimi_rules.rules import Combine

from .oracles import interpreted_rating
from .strategies import counts, rule_sets


@settings(max_examples=150)
@given(rule_sets(), counts(max_total=30))
def test_compiled_rate_matches_interpretation(rules, vector):
    """For any rule set and any counts, the compiled rate equals the interpreted one."""
    assert rules.rate(vector) is interpreted_rating(rules, vector)


@settings(max_examples=150)
@given(rule_sets(), counts(max_total=30))
def test_compiled_matches_is_the_set_of_holding_rules(rules, vector):
    """Bit i of ``matches`` is set exactly when rule i's condition holds (n > 0)."""
    expected = sum(1 << i for i, rule in enumerate(rules.rules) if rule.when.holds(vector))
    assert rules.matches(vector) == (expected if vector.total else 0)


@settings(max_examples=200)
@given(rule_sets(), counts(max_total=30))
def test_explanation_agrees_with_rate(rules, vector):
    """The explanation names the same rating as the fast path."""
    assert rules.explain(vector).rating is rules.rate(vector)


def _rules(combine: Combine, *rules: Rule) -> RuleSet:
    return RuleSet(id="t", title="t", description="t", combine=combine, rules=rules)


def test_no_items_no_rating():
    """A category with no items is never rated, even by a rule that always holds."""
    always = _rules(Combine.FIRST_MATCH, Rule(rating=Rating.GOOD, when=tr.all_()))
    assert always.rate(Counts()) is None
    assert always.explain(Counts()).outcome is tr.rules.Outcome.EMPTY


def test_exclusive_overlap_of_two_ratings_is_ambiguous():
    """Under exclusive combination, rules of two ratings holding at once give no rating."""
    half = share(["advanced"], at_least="1/2")
    rules = _rules(Combine.EXCLUSIVE, Rule(rating=Rating.GOOD, when=half), Rule(rating=Rating.ADVANCED, when=half))
    assert rules.rate(Counts(1, 1, 0, 0)) is None
    assert rules.explain(Counts(1, 1, 0, 0)).outcome is tr.rules.Outcome.AMBIGUOUS


def test_exclusive_rules_of_one_rating_do_not_conflict():
    """Two exclusive rules giving the same rating may both hold."""
    rules = _rules(
        Combine.EXCLUSIVE,
        Rule(rating=Rating.GOOD, when=share(["advanced"], at_least="1/2")),
        Rule(rating=Rating.GOOD, when=share(["standard"], at_least="1/2")),
    )
    assert rules.rate(Counts(1, 1, 0, 0)) is Rating.GOOD


def test_first_match_takes_the_first_holding_rule():
    """Under first-match combination the earliest holding rule decides."""
    half = share(["advanced"], at_least="1/2")
    rules = _rules(Combine.FIRST_MATCH, Rule(rating=Rating.GOOD, when=half), Rule(rating=Rating.ADVANCED, when=half))
    assert rules.rate(Counts(1, 1, 0, 0)) is Rating.GOOD
    assert rules.explain(Counts(1, 1, 0, 0)).matching_ratings == (Rating.GOOD, Rating.ADVANCED)


def test_generated_code_is_integer_arithmetic(practised, written):
    """The generated source holds no float literal and no division."""
    for rules in (practised, written):
        assert not re.search(r"\d\.\d|\d[eE]-?\d|/", rules.source)
        assert "3 * a_s >= 2 * n" in rules.source
