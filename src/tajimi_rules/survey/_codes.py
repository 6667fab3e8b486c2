"""Local-government codes as people have them: 6 digits, 5 digits, or a number that lost its zero.

A 全国地方公共団体コード has six digits: two for the prefecture (01 to 47), three for the body,
and a check digit. Published tables and spreadsheets hold it in other shapes too:

* **5 digits without the check digit** (some survey years print codes that way): the check digit
  is computed and the result says so (``completed``);
* **a number that lost its leading zero** (Hokkaido to Ibaraki start with ``0``): a spreadsheet
  stores ``012025`` as the number ``12025``, and ``01100`` as ``1100``; the zero is put back and
  the result says so (``restored``).

A 5-digit value is ambiguous on its own: ``12017`` may be a 5-digit code (Chiba, ``12017`` +
check digit) or the 6-digit ``012017`` without its zero. :func:`normalize_code` settles it by the
form of the column the value came from (``digits``: 5 or 6; a reader infers it from the column,
6 when any value there has six digits). Without that context a 5-digit value is read by the
check digit: when exactly one reading gives a valid code it is taken; when both do, the value is
refused as ambiguous, naming both candidates.

A cell with no digit at all (empty, ``全国計``, a note) holds **no code**: :func:`normalize_code`
returns ``None`` and a reader skips and counts the row. Anything else that is not a code is a
:class:`CodeFault` naming what was expected and what was found.

>>> normalize_code("212041")
Code(code='212041', completed=False, restored=False)
>>> normalize_code(21204, digits=5)
Code(code='212041', completed=True, restored=False)
>>> normalize_code(12025.0, digits=6)
Code(code='012025', completed=False, restored=True)
>>> normalize_code("全国計") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

import attrs

from .._arguments import check_choice, wrong_type
from .._light._meaning import check_digit_unchecked

__all__ = ["Code", "CodeFault", "code_digits", "normalize_code"]

_PREFECTURE_CODES = frozenset(f"{number:02d}" for number in range(1, 48))
_DIGITS = re.compile(r"^[0-9]+$")
_FORMS = (5, 6, None)
_ANY_DIGIT = re.compile(r"[0-9]")

Digits = Literal[5, 6]
"""The form of a column of codes: 5 digits without the check digit, or 6 with it."""


@attrs.frozen
class Code:
    """A 6-digit local-government code, and how it was made from the value given.

    ``completed``: the check digit was computed (the value had 5 digits);
    ``restored``: a leading zero the value had lost was put back.
    """

    code: str
    completed: bool = False
    restored: bool = False


@attrs.frozen
class CodeFault:
    """Why a value is not a local-government code: a message id, and the expected and found texts.

    ``reason`` is one of ``not_digits``, ``length``, ``prefecture``, ``check_digit``,
    ``ambiguous``; ``expected`` and ``found`` are language-neutral (digits and the value's repr).
    """

    reason: str
    expected: str
    found: str


def _digits_of(value: object) -> tuple[str | None, bool]:
    """The digit text of a cell value and whether it was a number; ``(None, _)`` for no digits."""
    if isinstance(value, bool):
        return repr(value), False
    if isinstance(value, float):
        if not value.is_integer() or value < 0:
            return repr(value), True
        return str(int(value)), True
    if isinstance(value, int):
        return (str(value), True) if value >= 0 else (repr(value), True)
    text = unicodedata.normalize("NFKC", str(value)).strip() if value is not None else ""
    # "012025.0" is how some exports write a whole number.
    text = text.removesuffix(".0") if _DIGITS.match(text.removesuffix(".0")) else text
    return (text if _ANY_DIGIT.search(text) else None), False


def code_digits(values: Iterable[object]) -> Digits:
    """The form of a column of code cells: 6 when any value has six digits, else 5.

    >>> code_digits(["全国計", 1100, "13101"])
    5
    >>> code_digits([12025, "131016"])
    6

    ``values`` that are not iterable raise :class:`TypeError` naming them.
    """
    if not isinstance(values, Iterable) or isinstance(values, (str, bytes)):
        raise wrong_type("code_digits", "values", "an iterable of cell values (not a str)", values)
    for value in values:
        digits, _ = _digits_of(value)
        if digits is not None and _DIGITS.match(digits) and len(digits) == 6:
            return 6
    return 5


def _six(code: str, found: str) -> Code | CodeFault:
    """Verify a 6-digit code: a known prefecture and the right check digit."""
    if code[:2] not in _PREFECTURE_CODES:
        return CodeFault("prefecture", "01-47", found)
    expected = check_digit_unchecked(code[:5])
    if int(code[5]) != expected:
        return CodeFault("check_digit", f"{code[:5]}{expected}", found)
    return Code(code)


def _five(code: str, found: str) -> Code | CodeFault:
    """Complete a 5-digit code with its check digit."""
    if code[:2] not in _PREFECTURE_CODES:
        return CodeFault("prefecture", "01-47", found)
    return Code(f"{code}{check_digit_unchecked(code)}", completed=True)


def _either(digits: str, found: str) -> Code | CodeFault:
    """A 5-digit value with no column form: the one reading that gives a valid code."""
    as_five = _five(digits, found)
    as_six = _six("0" + digits, found) if not digits.startswith("0") else None
    valid_six = isinstance(as_six, Code)
    if isinstance(as_five, Code) and valid_six:
        assert isinstance(as_six, Code)
        return CodeFault("ambiguous", f"{as_five.code} | {as_six.code}", found)
    if valid_six:
        assert isinstance(as_six, Code)
        return attrs.evolve(as_six, restored=True)
    return as_five


def normalize_code(  # noqa: PLR0911 - one return for each form a code cell can take
    value: object, *, digits: Digits | None = None
) -> Code | CodeFault | None:
    """The 6-digit code a cell holds, a :class:`CodeFault`, or ``None`` when it holds no code.

    ``value`` is what a reader gives: a string (full-width digits are read as digits), an int, or a
    float with no fraction part. ``digits`` is the form of the column (see the module doc).

    >>> normalize_code(1100, digits=5)
    Code(code='011002', completed=True, restored=True)
    >>> normalize_code("212042")
    CodeFault(reason='check_digit', expected='212041', found="'212042'")

    ``digits`` other than 5, 6 or ``None`` raises :class:`ValueError` (:class:`TypeError` for
    another type) naming it.
    """
    form: object = digits  # typed, but called from untyped programs too
    if form is not None and (type(form) is not int or form not in _FORMS):
        check_choice(form, _FORMS, function="normalize_code", parameter="digits")
    text, numeric = _digits_of(value)
    if text is None:
        return None
    found = repr(value)
    if not _DIGITS.match(text):
        return CodeFault("not_digits", "6 digits" if digits != 5 else "5 digits", found)
    size = len(text)
    if size == 6 and digits != 5:
        return _six(text, found)
    if size == 5 and digits == 6:
        checked = _six("0" + text, found) if not text.startswith("0") else None
        if isinstance(checked, Code):
            return attrs.evolve(checked, restored=True)
        return CodeFault("length", "6 digits", found)
    if size == 5 and digits == 5:
        return _five(text, found)
    if size == 5:
        return _either(text, found)
    if size == 4 and digits != 6 and (numeric or digits == 5):
        completed = _five("0" + text, found)
        return attrs.evolve(completed, restored=True) if isinstance(completed, Code) else completed
    return CodeFault("length", "5 digits" if digits == 5 else "6 digits", found)
