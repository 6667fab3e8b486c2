"""How many digits a decimal read from a document may have: as many as a rate or a count can need.

The readers refuse a number past them before anything builds its exact value;
:mod:`tajimi_rules._fractions` exports them as before.
"""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing would cost the start-up this package saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal

__all__ = ["MAX_DIGITS_AFTER_POINT", "MAX_DIGITS_BEFORE_POINT", "decimal_in_range"]

MAX_DIGITS_BEFORE_POINT = 18
"""Most digits a decimal read from a document may have before its point (a count's limit)."""
MAX_DIGITS_AFTER_POINT = 40
"""Most digits a decimal read from a document may reach after its point, exponent included."""


def decimal_in_range(number: Decimal) -> bool:
    """Whether a finite ``number`` reaches at most 18 digits before its point and 40 after it.

    Exactly, ``1e-99999999`` is a fraction over a hundred-million-digit integer, which costs
    minutes to build; no rate or count needs more than these digits.

    >>> from decimal import Decimal
    >>> decimal_in_range(Decimal("0.234")), decimal_in_range(Decimal("1e-99999999"))
    (True, False)
    """
    exponent = number.as_tuple().exponent
    return (
        isinstance(exponent, int)
        and exponent >= -MAX_DIGITS_AFTER_POINT
        and number.adjusted() < MAX_DIGITS_BEFORE_POINT
    )
