"""Why every product the ports compute is exact, and the refusal of a rule set that would break it.

Every share ``num/den`` compared with ``p/q`` becomes ``q * num  ⋚  p * den``. Under the schemas'
bounds a count is at most :data:`MAX_COUNT` (100,000), so ``num, den <= n <= 4 * MAX_COUNT``
(:data:`MAX_TOTAL`, 400,000), and a threshold in [0, 1] has ``0 <= p <= q <= 999,999,999`` (at
most 9 digits). Each side of a comparison is therefore at most ``999,999,999 * 400,000 < 4 * 10^14``,
and each target holds every integer up to its limit exactly:

* **JavaScript** numbers are IEEE-754 doubles: every integer up to ``2^53`` (about ``9.007 * 10^15``)
  is exact, and a product of two exact integers whose result is below it is exact.
* **SQL** (SQLite, DuckDB): the literals are cast to 64-bit ``BIGINT``, exact up to ``2^63 - 1``.
* **Excel formulas** (and LibreOffice) compute in doubles but keep 15 significant digits when
  they compare and display; integers below ``10^15`` differ in those digits, so they compare exactly.

A rule set built in Python may hold a threshold with larger parts (a :class:`~fractions.Fraction`
is unbounded); :func:`range_problems` finds every such threshold, and the compilers refuse the rule
set with an :class:`~tajimi_rules.errors.InvalidDocumentError` instead of writing a port that
could round.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from fractions import Fraction

from .._errors import InvalidDocumentError, Problem, phrase, pointer
from .._fractions import format_fraction
from ..rules import MAX_COUNT, AllOf, AnyOf, Not, Predicate, RuleSet, Share

__all__ = ["MAX_COUNT", "MAX_TOTAL", "Target", "check_range", "range_problems", "shares_of"]

MAX_TOTAL = 4 * MAX_COUNT
"""The largest number of items in a category, so the largest numerator or denominator of a share."""


class Target(enum.Enum):
    """An engine a rule set is exported to, with the largest integer it holds exactly."""

    JS = "js"
    SQL = "sql"
    XLSX = "xlsx"

    @property
    def limit(self) -> int:
        """Every integer from 0 to this one is exact in the target's numbers."""
        return _LIMITS[self]


_LIMITS = {Target.JS: 2**53, Target.SQL: 2**63 - 1, Target.XLSX: 10**15}


def shares_of(predicate: Predicate, *tokens: str | int) -> Iterator[tuple[str, Share]]:
    """Every share under ``predicate``, left to right, with its JSON pointer in the rule-set document."""
    if isinstance(predicate, Share):
        yield pointer(*tokens, "share", predicate.comparison.value), predicate
    elif isinstance(predicate, AllOf | AnyOf):
        key = "all" if isinstance(predicate, AllOf) else "any"
        for index, part in enumerate(predicate.predicates):
            yield from shares_of(part, *tokens, key, index)
    elif isinstance(predicate, Not):
        yield from shares_of(predicate.predicate, *tokens, "not")


def _largest_product(threshold: Fraction) -> int:
    return max(threshold.numerator, threshold.denominator) * MAX_TOTAL


def range_problems(rules: RuleSet, target: Target) -> list[Problem]:
    """A problem for every threshold whose cross-multiplication could leave ``target``'s exact range."""
    problems = []
    for index, rule in enumerate(rules.rules):
        for where, share in shares_of(rule.when, "rules", index, "when"):
            product = _largest_product(share.threshold)
            if product <= target.limit:
                continue
            fields = {
                "threshold": format_fraction(share.threshold),
                "target": target.value,
                "limit": f"{target.limit:,}",
                "product_bound": f"{MAX_TOTAL:,}",
                "product": f"{product:,}",
            }
            problems.append(
                Problem(
                    code="export.out_of_range",
                    fields=fields,
                    pointer=where,
                    expected=phrase("export.out_of_range.expected", **fields),
                    found=format_fraction(share.threshold),
                )
            )
    return problems


def check_range(rules: RuleSet, target: Target) -> None:
    """Raise :class:`~tajimi_rules.errors.InvalidDocumentError` if ``rules`` cannot be exported exactly."""
    problems = range_problems(rules, target)
    if problems:
        raise InvalidDocumentError(problems, kind="rule set")
