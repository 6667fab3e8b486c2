"""Bulk rating: arrays of counts rated at once, exactly as ``rate`` rates each vector."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tajimi_rules as tr
from tajimi_rules.rules._bulk import MAX_COUNT, compile_bulk, ratings_of

from .strategies import rule_sets

np = pytest.importorskip("numpy", reason="bulk rating needs numpy: pip install -e '.[fast]'")


def _bulk(rule_set: tr.RuleSet):
    return compile_bulk(rule_set.combine is tr.rules.Combine.EXCLUSIVE, [(r.rating, r.when) for r in rule_set.rules])


def _vectors(max_total: int) -> list[tuple[int, int, int, int]]:
    return [
        (a, s, r, n - a - s - r)
        for n in range(max_total + 1)
        for a in range(n + 1)
        for s in range(n - a + 1)
        for r in range(n - a - s + 1)
    ]


@pytest.mark.parametrize("rule_set_id", tr.documents.builtin_rule_sets())
def test_bulk_equals_rate_on_every_vector_up_to_30(rule_set_id):
    """For each shipped rule set, every vector with n <= 30 gets the same rating in bulk as one at a time."""
    rule_set = tr.load_rules(rule_set_id)
    vectors = _vectors(30)
    a, s, r, b = (np.array(column) for column in zip(*vectors, strict=True))
    expected = [rule_set.rate(tr.Counts(*vector)) for vector in vectors]
    assert ratings_of(_bulk(rule_set)(a, s, r, b)) == expected


@settings(max_examples=150, deadline=None)
@given(rule_sets(), st.lists(st.tuples(*[st.integers(0, 12)] * 4), min_size=1, max_size=60))
def test_bulk_equals_rate_on_generated_rule_sets(rule_set, vectors):
    """On generated rule sets and counts (gaps, overlaps and empty denominators included), bulk equals ``rate``."""
    a, s, r, b = (np.array(column) for column in zip(*vectors, strict=True))
    expected = [rule_set.rate(tr.Counts(*vector)) for vector in vectors]
    assert ratings_of(_bulk(rule_set)(a, s, r, b)) == expected


def test_bulk_is_exact_at_the_schema_bounds():
    """Counts at the schema's bound of 100,000 per level are rated exactly (no overflow, no float)."""
    rule_set = tr.load_rules("tajimi-r4")
    corners = list(itertools.product((0, 1, MAX_COUNT - 1, MAX_COUNT), repeat=4))
    a, s, r, b = (np.array(column) for column in zip(*corners, strict=True))
    assert ratings_of(_bulk(rule_set)(a, s, r, b)) == [rule_set.rate(tr.Counts(*corner)) for corner in corners]


@pytest.mark.parametrize("bad", [-1, MAX_COUNT + 1])
def test_bulk_refuses_counts_out_of_bounds(bad):
    """A count below 0 or above the schema's bound is refused before anything is rated."""
    with pytest.raises(ValueError, match="100,000"):
        _bulk(tr.load_rules("tajimi-r4"))([bad], [0], [0], [1])


@settings(max_examples=100, deadline=None)
@given(rule_sets(), st.lists(st.tuples(*[st.integers(0, 12)] * 4), min_size=1, max_size=60))
def test_rate_many_equals_rate_on_generated_rule_sets(rule_set, vectors):
    """``RuleSet.rate_many`` rates generated counts exactly as ``rate`` does, vector by vector."""
    a, s, r, b = (list(column) for column in zip(*vectors, strict=True))
    expected = [rule_set.rate(tr.Counts(*vector)) for vector in vectors]
    assert tr.rules.ratings_of(rule_set.rate_many(a, s, r, b)) == expected


@pytest.mark.parametrize("rule_set_id", tr.documents.builtin_rule_sets())
def test_rate_many_equals_rate_on_every_vector_up_to_20(rule_set_id):
    """For each shipped rule set, ``rate_many`` agrees with ``rate`` on every vector with n <= 20, n = 0 included."""
    rule_set = tr.load_rules(rule_set_id)
    vectors = _vectors(20)
    columns = [np.array(column) for column in zip(*vectors, strict=True)]
    codes = rule_set.rate_many(*columns)
    assert codes.dtype == np.int8
    assert codes.shape == (len(vectors),)
    assert tr.rules.ratings_of(codes) == [rule_set.rate(tr.Counts(*vector)) for vector in vectors]


def test_rate_many_compiles_once():
    """The array code is compiled on the first call and reused after it."""
    rule_set = tr.load_rules("tajimi-r4")
    rule_set.rate_many([1], [0], [0], [0])
    compiled = rule_set._bulk
    rule_set.rate_many([0], [1], [0], [0])
    assert compiled is not None
    assert rule_set._bulk is compiled


def test_rate_many_broadcasts_and_keeps_shape():
    """Scalars broadcast against arrays and a 2-D input gives 2-D codes, each as ``rate`` says."""
    rule_set = tr.load_rules("tajimi-r4")
    a = np.arange(12).reshape(3, 4)
    codes = rule_set.rate_many(a, 2, 1, 0)
    assert codes.shape == (3, 4)
    expected = [rule_set.rate(tr.Counts(int(x), 2, 1, 0)) for x in a.ravel()]
    assert tr.rules.ratings_of(codes.ravel()) == expected


def test_rate_many_refuses_counts_out_of_bounds():
    """``rate_many`` refuses a negative count before rating anything."""
    with pytest.raises(ValueError, match="100,000"):
        tr.load_rules("tajimi-r4").rate_many([0, -1], [0, 0], [0, 0], [1, 1])


def test_rate_many_on_equal_rule_sets_is_independent():
    """Two equal rule sets compare equal whether or not either has compiled its array code."""
    first, second = tr.load_rules("tajimi-r4"), tr.load_rules("tajimi-r4")
    first.rate_many([1], [1], [1], [1])
    assert first == second
    assert hash(first) == hash(second)
