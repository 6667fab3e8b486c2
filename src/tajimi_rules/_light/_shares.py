"""Shares and their combinations, compared and worded: the comparison, and the formula texts.

A share ``numerator/denominator`` is compared with its threshold by cross-multiplying
integers (:meth:`Comparison.holds`); an empty denominator satisfies no comparison. The texts
here word a share and an ``all`` / ``any`` / ``not`` of shares as explanations show them
(``✗ (advanced+standard)/all = 13/21 >= 2/3``), from plain values, for the predicates of
:mod:`tajimi_rules.rules` and for the quick route of ``check`` alike.
"""

from __future__ import annotations

import enum

from .._fractions import format_fraction
from .._texts import text
from ._levels import Level

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up this package saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from fractions import Fraction
    from typing import Protocol

    class ShareLike(Protocol):
        """What the wording reads of a share: its levels, its comparison and its threshold."""

        @property
        def of(self) -> tuple[Level, ...]: ...
        @property
        def in_(self) -> tuple[Level, ...]: ...
        @property
        def comparison(self) -> Comparison: ...
        @property
        def threshold(self) -> Fraction: ...


__all__ = [
    "ALL_LEVELS",
    "Comparison",
    "compound_text",
    "formula",
    "level_sum",
    "relation_text",
    "share_text",
]


class Comparison(enum.Enum):
    """How a share is compared with its threshold."""

    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"

    @property
    def symbol(self) -> str:
        """The operator as ASCII (``>=``, ``>``, ``<``, ``<=``)."""
        return _SYMBOLS[self]

    @property
    def math(self) -> str:
        """The operator as a mathematical sign (≥, >, <, ≤)."""
        return _MATH[self]

    def holds(self, numerator: int, denominator: int, threshold: Fraction) -> bool:
        """Compare ``numerator/denominator`` with ``threshold`` by cross-multiplication.

        False whenever ``denominator`` is 0 (an undefined share satisfies no comparison).
        """
        if denominator <= 0:
            return False
        left = numerator * threshold.denominator
        right = threshold.numerator * denominator
        if self is Comparison.AT_LEAST:
            return left >= right
        if self is Comparison.MORE_THAN:
            return left > right
        if self is Comparison.LESS_THAN:
            return left < right
        return left <= right

    @property
    def negation(self) -> Comparison:
        """The comparison that holds exactly when this one fails (on a defined share)."""
        return _NEGATION[self]


_SYMBOLS = {
    Comparison.AT_LEAST: ">=",
    Comparison.MORE_THAN: ">",
    Comparison.LESS_THAN: "<",
    Comparison.AT_MOST: "<=",
}
_MATH = {
    Comparison.AT_LEAST: "≥",
    Comparison.MORE_THAN: ">",
    Comparison.LESS_THAN: "<",
    Comparison.AT_MOST: "≤",
}
_NEGATION = {
    Comparison.AT_LEAST: Comparison.LESS_THAN,
    Comparison.LESS_THAN: Comparison.AT_LEAST,
    Comparison.MORE_THAN: Comparison.AT_MOST,
    Comparison.AT_MOST: Comparison.MORE_THAN,
}

ALL_LEVELS: tuple[Level, ...] = tuple(Level)


def level_sum(levels: tuple[Level, ...], lang: str) -> str:
    """A sum of levels as a formula term: ``(advanced+standard)``, ``all`` (``(先進的+普通)``, ``全体``)."""
    if levels == ALL_LEVELS:
        return text("rules.term.all", lang)
    names = [text(f"rules.term.{level.value}", lang) for level in levels]
    return names[0] if len(names) == 1 else "(" + "+".join(names) + ")"


def relation_text(relation: str, lang: str) -> str:
    """A relation's sign: ``at_least``, ``more_than``, ``less_than``, ``at_most``, ``equal`` or ``not_equal``.

    English writes ASCII (``>=``), Japanese mathematical signs (``≥``).
    """
    return text(f"rules.relation.{relation}", lang)


def formula(of: tuple[Level, ...], in_: tuple[Level, ...], lang: str) -> str:
    """A share's formula: ``(advanced+standard)/all`` (``(先進的+普通)/全体``)."""
    return f"{level_sum(of, lang)}/{level_sum(in_, lang)}"


def _mark(holds: bool) -> str:
    return "✓" if holds else "✗"


def share_text(share: ShareLike, numerator: int, denominator: int, holds: bool, lang: str) -> str:
    """A share evaluated: ``✓ (advanced+standard)/all = 4/6 >= 2/3``."""
    op = relation_text(share.comparison.value, lang)
    left = formula(share.of, share.in_, lang)
    threshold = format_fraction(share.threshold)
    if denominator == 0:
        return f"{_mark(holds)} {left} = 0/0 {op} {threshold}: {text('rules.empty_denominator', lang)}"
    return f"{_mark(holds)} {left} = {numerator}/{denominator} {op} {threshold}"


_JOINERS = {"all": "rules.and", "any": "rules.or"}
"""The word joining the parts of each combinator (a ``not`` has one part)."""

_EMPTY = {"all": "rules.always", "any": "rules.never"}
"""What a combinator with no parts says: an empty ``all`` always holds, an empty ``any`` never."""


def compound_text(kind: str, holds: bool, parts: Sequence[tuple[str, bool]], lang: str) -> str:
    """An ``all`` / ``any`` / ``not`` evaluated (``kind`` as rule-set files spell it), from its parts' texts.

    Each part is its text and whether it is itself a combination (then it is bracketed).
    """
    if kind == "not":
        return f"{_mark(holds)} " + text("rules.not", lang, inner=parts[0][0])
    if not parts:
        return f"{_mark(holds)} " + text(_EMPTY[kind], lang)
    return text(_JOINERS[kind], lang).join(f"({part})" if compound else part for part, compound in parts)
