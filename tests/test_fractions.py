"""Exact fractions and rates: nothing is ever read as a binary float."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tajimi_rules._fractions import decimal_in_range, format_fraction, parse_fraction, parse_rate, rate_to_json


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2/3", Fraction(2, 3)),
        (" 1 / 3 ", Fraction(1, 3)),
        ("1", Fraction(1)),
        ("０/１", Fraction(0)),
        ("4/6", Fraction(2, 3)),
    ],
)
def test_parse_fraction(text, value):
    """Thresholds are read from "p/q" strings exactly (full-width digits too)."""
    assert parse_fraction(text) == value


@pytest.mark.parametrize("bad", [0.5, "0.5", "2/0", "a/b", "", None, True])
def test_parse_fraction_refuses_everything_else(bad):
    """A threshold is never a float, a decimal string, or a zero denominator."""
    with pytest.raises(ValueError):  # noqa: PT011 - the message differs by input
        parse_fraction(bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("23.4%", Fraction(234, 1000)),
        ("２３．４％", Fraction(234, 1000)),
        (0.234, Fraction(234, 1000)),
        (Decimal("0.092"), Fraction(92, 1000)),
        ("1/3", Fraction(1, 3)),
        ("0.5", Fraction(1, 2)),
        (1, Fraction(1)),
    ],
)
def test_parse_rate(value, expected):
    """Rates are read exactly from numbers, decimals, fractions and percentages."""
    assert parse_rate(value) == expected


def test_float_rate_is_the_decimal_written():
    """A float rate means the decimal a person wrote, not the nearest binary double."""
    assert parse_rate(0.1) == Fraction(1, 10)
    assert Fraction(0.1) != Fraction(1, 10)


@pytest.mark.parametrize("bad", [True, "abc", Decimal("NaN"), [0.5]])
def test_parse_rate_refuses_non_rates(bad):
    """Booleans, words, NaN and containers are not rates."""
    with pytest.raises(ValueError):  # noqa: PT011 - the message differs by input
        parse_rate(bad)


def test_format_fraction():
    """Fractions are written "p/q", whole numbers as digits."""
    assert format_fraction(Fraction(2, 3)) == "2/3"
    assert format_fraction(Fraction(1)) == "1"


@given(st.fractions(min_value=0, max_value=1, max_denominator=10_000))
def test_rate_round_trips_exactly(value):
    """Every rate written for JSON reads back as exactly the same fraction."""
    assert parse_rate(rate_to_json(value)) == value


@pytest.mark.parametrize(
    ("text", "in_range"),
    [
        ("0.234", True),
        ("1E-40", True),
        ("1E-41", False),
        ("1e-99999999", False),
        ("123456789012345678.5", True),
        ("1e18", False),
        ("0E+50", False),
    ],
)
def test_decimal_range(text, in_range):
    """Decimals reach at most 18 digits before the point and 40 after it, exponent included."""
    assert decimal_in_range(Decimal(text)) is in_range


def test_decimal_rate_beyond_the_range_is_refused():
    """A decimal rate of 1e-99999999 is refused at once instead of built as a huge fraction."""
    with pytest.raises(ValueError, match="40 after it"):
        parse_rate(Decimal("1e-99999999"))


def test_float_rate_keeps_its_whole_range():
    """A float rate is read exactly whatever its exponent: a float's exponent is always small."""
    assert parse_rate(1e-300) == Fraction(1, 10**300)
    with pytest.raises(ValueError, match="finite"):
        parse_rate(float("inf"))
