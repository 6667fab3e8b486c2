"""Local-government codes as people have them: 6 digits, 5 digits, numbers that lost a zero."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tajimi_rules.survey import check_digit
from tajimi_rules.survey._codes import Code, CodeFault, code_digits, normalize_code


@st.composite
def codes(draw):
    """Valid 6-digit codes: a prefecture, a body number, and the check digit."""
    prefix = f"{draw(st.integers(1, 47)):02d}{draw(st.integers(0, 999)):03d}"
    return f"{prefix}{check_digit(prefix)}"


def test_six_digits_are_verified_by_the_check_digit():
    """A 6-digit code with the right check digit is kept; a wrong one names the right code."""
    assert normalize_code("212041") == Code("212041")
    assert normalize_code("212042") == CodeFault("check_digit", "212041", "'212042'")


def test_full_width_digits_are_digits():
    """Full-width digits read as digits (NFKC)."""
    assert normalize_code("２１２０４１") == Code("212041")


@given(codes())
def test_five_digits_get_the_check_digit(code):
    """In a 5-digit column, the first five digits give back the code, marked completed."""
    assert normalize_code(code[:5], digits=5) == Code(code, completed=True)


@given(codes())
def test_numbers_that_lost_the_zero_are_restored(code):
    """A code stored as a number gives back the code in its column's form, marked restored when a zero was lost."""
    six = normalize_code(int(code), digits=6)
    five = normalize_code(int(code[:5]), digits=5)
    assert isinstance(six, Code) and six.code == code and six.restored == code.startswith("0")
    assert isinstance(five, Code) and five.code == code and five.completed
    assert five.restored == code.startswith("0")


def test_integral_floats_are_numbers():
    """A float with no fraction part is read as the integer it is."""
    assert normalize_code(12025.0, digits=6) == Code("012025", restored=True)


def test_ambiguous_five_digits_without_a_column_form_are_refused():
    """``12017`` alone is both a 5-digit code and ``012017`` without its zero: refused, naming both."""
    fault = normalize_code("12017")
    assert fault == CodeFault("ambiguous", "120171 | 012017", "'12017'")


def test_unambiguous_five_digits_are_read_by_the_check_digit():
    """Without a column form, a 5-digit value that only one reading makes valid is read that way."""
    assert normalize_code("13101") == Code("131016", completed=True)


@pytest.mark.parametrize("value", [None, "", "全国計", "（注）回答のない団体", "   "])
def test_cells_without_digits_hold_no_code(value):
    """Empty cells, totals and notes hold no code (the reader skips and counts them)."""
    assert normalize_code(value) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("21204a", "not_digits"),
        (1.5, "not_digits"),
        (-3, "not_digits"),
        ("1234567", "length"),
        ("482011", "prefecture"),
    ],
)
def test_malformed_codes_are_faults(value, reason):
    """A value with digits that is no code is a fault that says why, with expected and found."""
    fault = normalize_code(value)
    assert isinstance(fault, CodeFault)
    assert fault.reason == reason
    assert fault.found == repr(value)


def test_the_column_form_is_six_when_any_code_has_six_digits():
    """A column is read as 6-digit codes when any value has six digits, else as 5-digit codes."""
    assert code_digits(["全国計", 1100, "13101"]) == 5
    assert code_digits([12025, "131016"]) == 6
