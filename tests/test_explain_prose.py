"""Explanations in sentences: percentages for reading, every clause's outcome in words, the rule set's title."""

from __future__ import annotations

import re
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tajimi_rules import Counts, load_rules
from tajimi_rules.model import Rating
from tajimi_rules.report import build_report
from tajimi_rules.rules import share
from tajimi_rules.rules._explain import clause_prose, percent_text


def test_percent_is_rounded_half_up_to_one_decimal():
    """13/21 reads 61.9%, 2/3 reads 66.7%, 1/8 reads 12.5%, 1/16 (6.25%) rounds up to 6.3%."""
    assert [percent_text(*f) for f in [(13, 21), (2, 3), (1, 8), (1, 16), (0, 5), (5, 5)]] == [
        "61.9%",
        "66.7%",
        "12.5%",
        "6.3%",
        "0.0%",
        "100.0%",
    ]


@given(st.integers(min_value=1, max_value=500).flatmap(lambda d: st.tuples(st.integers(0, d), st.just(d))))
def test_percent_is_within_half_a_tenth_of_the_exact_share(pair):
    """The displayed percentage is the exact share rounded: off by at most 0.05 points."""
    numerator, denominator = pair
    shown = Fraction(percent_text(numerator, denominator).removesuffix("%"))
    assert abs(shown - Fraction(100 * numerator, denominator)) <= Fraction(1, 20)


def test_the_issue_sentence_in_japanese():
    """6/7/8/0 under tajimi-r4 explains rule 2 as the issue words it, with both percentages."""
    explanation = load_rules("tajimi-r4").explain(Counts(6, 7, 8, 0))
    prose = "".join(explanation.prose("ja"))
    assert "先進的と普通の合計は21項目中13項目（61.9%）で、良好に必要な2/3（66.7%）に届きません。" in prose
    assert "規則2（良好）は成立しません。" in prose


def test_a_single_clause_rule_says_it_fails_in_the_trace_and_in_words():
    """A failing one-clause rule carries ✗ and 'does not hold' on the rule and ✗ on its clause."""
    explanation = load_rules("tajimi-r4").explain(Counts(6, 7, 8, 0))
    rule = explanation.rules[1]
    assert rule.text("en").startswith("✗ rule 2 (good) does not hold: ✗ ")
    assert rule.text("ja").startswith("✗ 規則2（良好）は不成立: ✗ ")
    assert "does not hold" in rule.prose("en")


def test_every_clause_of_every_rule_has_a_sentence_with_its_outcome():
    """Each share clause gets one sentence with its count, its percentage and held or not held in words."""
    rules = load_rules("tajimi-r4")
    for counts in [Counts(2, 2, 2, 0), Counts(0, 0, 1, 1), Counts(5, 1, 0, 0), Counts(0, 3, 0, 4)]:
        explanation = rules.explain(counts)
        for result in explanation.rules:
            prose = result.prose("ja")
            assert prose.count("項目中") == len(result.clauses()) - sum(c.denominator == 0 for c in result.clauses())
            assert ("成立します" in prose) == result.holds


def test_under_first_match_the_prose_stops_at_the_deciding_rule():
    """Rules after the deciding one played no part and are left out of the sentences (not of the trace)."""
    explanation = load_rules("tajimi-r4").explain(Counts(5, 4, 4, 0))
    assert explanation.decided_by is not None
    assert len(explanation.prose("en")) == 1 + explanation.decided_by.index + 1
    assert len(explanation.lines("en")) == 1 + len(explanation.rules)


def test_negated_and_empty_clauses_say_what_the_rule_needs():
    """A clause under not reads as the opposite comparison; an empty denominator says the share is undefined."""
    clause = share(["behind"], in_=["needs_review", "behind"], at_least="2/3").evaluate(Counts(3, 0, 0, 0))
    assert "定まらず" in clause_prose(clause, Rating.GOOD, "ja")
    assert "満たされません" in clause_prose(clause, Rating.GOOD, "ja")
    assert "満たしています" in clause_prose(clause, Rating.GOOD, "ja", negated=True)
    held = share(["advanced"], at_least="1/2").evaluate(Counts(1, 3, 0, 0))
    assert "未満を満たしています" in clause_prose(held, Rating.GOOD, "ja", negated=True)


def test_english_prose_names_the_rule_set_and_uses_no_identifiers():
    """The English sentences start with a capital and write level labels, not identifiers like needs_review."""
    explanation = load_rules("tajimi-r4").explain(Counts(6, 7, 8, 0))
    for sentence in explanation.prose("en", title="Tajimi R4"):
        assert sentence[0].isupper()
        assert "needs_review" not in sentence
    assert "“Tajimi R4”" in explanation.prose("en", title="Tajimi R4")[0]


def test_the_japanese_report_gives_reasons_in_polite_sentences_under_the_japanese_title():
    """Each category of the example reads 「…です。」 with percentages, under the rule set's Japanese title."""
    report = build_report("examples/tajimi-r4.json", lang="ja")
    for category in report.categories:
        assert category.reasons[0].startswith("規則集「多治見市 令和4年度評価（運用どおり）」")
        assert all(paragraph.endswith("。") for paragraph in category.reasons)
        assert re.search(r"（\d+\.\d%）", "".join(category.reasons[1:]))
    page = report.html(charts=False, font=False)
    assert "多治見市 令和4年度評価（運用どおり）" in page
    assert "first_match" not in page.split("<main>")[0]
