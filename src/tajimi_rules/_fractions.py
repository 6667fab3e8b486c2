"""Exact rational values: thresholds such as ``"2/3"`` and rates such as ``0.234`` or ``"23.4%"``.

No float ever decides anything here. JSON numbers are read as :class:`decimal.Decimal` (see
:mod:`tajimi_rules.documents._jsonio`) and turned into :class:`fractions.Fraction` exactly; a Python
``float`` given by a caller is read through its shortest ``repr``, which is the decimal the
person wrote (``0.234`` means 234/1000, not the nearest binary double).
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from ._light._digits import MAX_DIGITS_AFTER_POINT, MAX_DIGITS_BEFORE_POINT, decimal_in_range

__all__ = [
    "MAX_DIGITS_AFTER_POINT",
    "MAX_DIGITS_BEFORE_POINT",
    "decimal_in_range",
    "format_fraction",
    "format_percent",
    "parse_fraction",
    "parse_rate",
    "rate_to_json",
]

_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_DECIMAL = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*$")
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*%\s*$")


def parse_fraction(value: object) -> Fraction:
    """Read an exact fraction written ``"p/q"`` (or a whole number such as ``"1"``).

    >>> parse_fraction("2/3")
    Fraction(2, 3)
    >>> parse_fraction(Fraction(1, 2))
    Fraction(1, 2)

    Raises :class:`ValueError` for anything else, floats included: a threshold is
    written as a string so that no binary rounding can move it.
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value)
        match = _FRACTION.match(text)
        if match:
            numerator, denominator = int(match[1]), int(match[2])
            if denominator == 0:
                raise ValueError(f"fraction {value!r} has a zero denominator")
            return Fraction(numerator, denominator)
        if text.strip().isdigit():
            return Fraction(int(text))
    raise ValueError(f"expected an exact fraction such as '2/3', found {value!r}")


def parse_rate(value: object) -> Fraction:
    """Read a rate exactly: a number, ``"p/q"``, ``"0.234"`` or a percentage ``"23.4%"``.

    Full-width forms (``"２３．４％"``) are accepted.

    >>> parse_rate("23.4%")
    Fraction(117, 500)
    >>> parse_rate(0.234)
    Fraction(117, 500)
    """
    if isinstance(value, bool):
        raise ValueError(f"expected a rate, found {value!r}")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"expected a finite rate, found {value}")
        if not decimal_in_range(value):
            raise ValueError(
                f"rate {value} has more than {MAX_DIGITS_BEFORE_POINT} digits before the point "
                f"or {MAX_DIGITS_AFTER_POINT} after it"
            )
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"expected a finite rate, found {value}")
        # repr gives the shortest decimal that reads back as this float: the one written; a
        # float's exponent is small enough for exact arithmetic, whatever its digits.
        return Fraction(Decimal(repr(value)))
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value)
        match = _PERCENT.match(text)
        if match:
            return Fraction(Decimal(match[1])) / 100
        if _DECIMAL.match(text):
            try:
                return Fraction(Decimal(text.strip()))
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                pass
        return parse_fraction(text)
    raise ValueError(f"expected a rate, found {value!r}")


def format_fraction(value: Fraction) -> str:
    """Write a fraction as ``"p/q"`` (``"0"`` and ``"1"`` for the whole numbers)."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def format_percent(rate: Fraction, approx: str = "≈") -> str:
    """A rate as a percentage: exact where it has at most two decimals, else to one decimal after ``approx``.

    >>> format_percent(Fraction(117, 500))
    '23.4%'
    >>> format_percent(Fraction(40, 42), approx="約")
    '約95.2%'
    """
    value = rate * 100
    for places in range(3):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return _decimal(int(scaled), places) + "%"
    return approx + _decimal(round(value * 10), 1) + "%"


def _decimal(scaled: int, places: int) -> str:
    if not places:
        return str(scaled)
    whole, part = divmod(scaled, 10**places)
    return f"{whole}.{part:0{places}d}"


def rate_to_json(value: Fraction) -> float | int | str:
    """Write a rate for JSON: a number where it reads back exactly, else ``"p/q"``.

    >>> rate_to_json(Fraction(117, 500))
    0.234
    >>> rate_to_json(Fraction(1, 3))
    '1/3'
    """
    if value.denominator == 1:
        return value.numerator
    as_float = float(value)
    if Fraction(Decimal(repr(as_float))) == value:
        return as_float
    return format_fraction(value)
