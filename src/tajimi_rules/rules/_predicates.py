"""Composable predicates over a category's counts: shares, and ``all`` / ``any`` / ``not``.

A :class:`Share` says "the share of items at levels L1 among items at levels L2 is at least
(more than, less than, at most) p/q". It is decided by cross-multiplying integers: for
``numerator/denominator >= p/q`` the test is ``numerator * q >= p * denominator``.

**Empty denominators.** A share whose denominator counts no item (``advanced/(advanced+
standard)`` when nothing is implemented) is *undefined*, and every comparison on it is
false: "at least 2/3 of the implemented items are advanced" does not hold when none is
implemented. ``not`` of such a share is therefore true. A category with no items at all
(n = 0) is never rated, whatever the rules say (see :mod:`tajimi_rules._engine`).

Predicates are built with the lowercase factories, which flatten nested combinators of the
same kind the way attrs' validators do::

    >>> from tajimi_rules import share, all_
    >>> rule = all_(
    ...     share(["advanced", "standard"], at_least="2/3"),
    ...     share(["advanced"], in_=["advanced", "standard"], at_least="2/3"),
    ... )
    >>> print(rule.describe())
    (advanced+standard)/all >= 2/3 and advanced/(advanced+standard) >= 2/3
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import TypeAlias

import attrs

from .._fractions import format_fraction, parse_fraction
from .._light._shares import ALL_LEVELS, Comparison, compound_text, formula, level_sum, relation_text, share_text
from .._texts import text
from ..model import Counts, Level

__all__ = [
    "ALL_LEVELS",
    "AllOf",
    "AnyOf",
    "Comparison",
    "CompoundResult",
    "Not",
    "Predicate",
    "PredicateResult",
    "Share",
    "ShareResult",
    "all_",
    "any_",
    "level_sum",
    "not_",
    "relation_text",
    "share",
]


def _levels(value: Iterable[Level | str]) -> tuple[Level, ...]:
    """Canonical form of a set of levels: distinct, in the enum's order (best first)."""
    wanted = {Level(level) for level in value}
    return tuple(level for level in Level if level in wanted)


def _threshold(value: str | int | Fraction) -> Fraction:
    return parse_fraction(value)


def _check_share(instance: Share, _attribute: object, _value: Fraction) -> None:
    if not instance.of:
        raise ValueError("a share needs at least one level to count")
    if not instance.in_:
        raise ValueError("a share needs at least one level in its denominator")
    if not set(instance.of) <= set(instance.in_):
        outside = ", ".join(level.value for level in instance.of if level not in instance.in_)
        raise ValueError(f"levels counted must be among the denominator's levels: {outside}")
    if not 0 <= instance.threshold <= 1:
        raise ValueError(f"a share's threshold must be in [0, 1], got {instance.threshold}")


def _formula(share: Share, lang: str) -> str:
    return formula(share.of, share.in_, lang)


@attrs.frozen
class Share:
    """The share of items at levels ``of`` among items at levels ``in_``, compared with a threshold."""

    of: tuple[Level, ...] = attrs.field(converter=_levels)
    in_: tuple[Level, ...] = attrs.field(converter=_levels)
    comparison: Comparison = attrs.field(converter=Comparison)
    threshold: Fraction = attrs.field(converter=_threshold, validator=_check_share)

    def holds(self, counts: Counts) -> bool:
        """Whether the share condition holds for ``counts`` (false on an empty denominator)."""
        return self.comparison.holds(counts.of(self.of), counts.of(self.in_), self.threshold)

    def evaluate(self, counts: Counts) -> ShareResult:
        """The numbers behind :meth:`holds`, as a value."""
        numerator, denominator = counts.of(self.of), counts.of(self.in_)
        return ShareResult(
            self,
            numerator,
            denominator,
            self.comparison.holds(numerator, denominator, self.threshold),
        )

    def describe(self, lang: str = "en") -> str:
        """``(advanced+standard)/all >= 2/3`` (``lang="ja"``: ``(先進的+普通)/全体 ≥ 2/3``)."""
        op = relation_text(self.comparison.value, lang)
        return f"{_formula(self, lang)} {op} {format_fraction(self.threshold)}"


@attrs.frozen
class AllOf:
    """Holds when every one of ``predicates`` holds (an empty ``all`` always holds)."""

    predicates: tuple[Predicate, ...]

    def holds(self, counts: Counts) -> bool:
        """Whether every part holds."""
        return all(predicate.holds(counts) for predicate in self.predicates)

    def evaluate(self, counts: Counts) -> CompoundResult:
        """Every part evaluated (no short cut, so an explanation shows all the numbers)."""
        parts = tuple(predicate.evaluate(counts) for predicate in self.predicates)
        return CompoundResult(self, all(part.holds for part in parts), parts)

    def describe(self, lang: str = "en") -> str:
        """The parts joined by "and" (かつ)."""
        if not self.predicates:
            return text("rules.always", lang)
        return text("rules.and", lang).join(_nested(p, lang) for p in self.predicates)


@attrs.frozen
class AnyOf:
    """Holds when at least one of ``predicates`` holds (an empty ``any`` never holds)."""

    predicates: tuple[Predicate, ...]

    def holds(self, counts: Counts) -> bool:
        """Whether some part holds."""
        return any(predicate.holds(counts) for predicate in self.predicates)

    def evaluate(self, counts: Counts) -> CompoundResult:
        """Every part evaluated (no short cut, so an explanation shows all the numbers)."""
        parts = tuple(predicate.evaluate(counts) for predicate in self.predicates)
        return CompoundResult(self, any(part.holds for part in parts), parts)

    def describe(self, lang: str = "en") -> str:
        """The parts joined by "or" (または)."""
        if not self.predicates:
            return text("rules.never", lang)
        return text("rules.or", lang).join(_nested(p, lang) for p in self.predicates)


@attrs.frozen
class Not:
    """Holds when ``predicate`` does not."""

    predicate: Predicate

    def holds(self, counts: Counts) -> bool:
        """Whether the inner predicate fails."""
        return not self.predicate.holds(counts)

    def evaluate(self, counts: Counts) -> CompoundResult:
        """The inner predicate evaluated, and the negation of its outcome."""
        inner = self.predicate.evaluate(counts)
        return CompoundResult(self, not inner.holds, (inner,))

    def describe(self, lang: str = "en") -> str:
        """``not (...)`` (``(...) でない``)."""
        return text("rules.not", lang, inner=self.predicate.describe(lang))


Predicate: TypeAlias = Share | AllOf | AnyOf | Not


def _nested(predicate: Predicate, lang: str) -> str:
    text = predicate.describe(lang)
    return f"({text})" if isinstance(predicate, AllOf | AnyOf) and predicate.predicates else text


@attrs.frozen
class ShareResult:
    """A share evaluated on some counts: the fraction found and whether the comparison held."""

    predicate: Share
    numerator: int
    denominator: int
    holds: bool

    def text(self, lang: str = "en") -> str:
        """``(advanced+standard)/all = 4/6 >= 2/3``, with a mark for the outcome."""
        return share_text(self.predicate, self.numerator, self.denominator, self.holds, lang)


@attrs.frozen
class CompoundResult:
    """An ``all`` / ``any`` / ``not`` evaluated: its outcome and each part's result."""

    predicate: AllOf | AnyOf | Not
    holds: bool
    parts: tuple[PredicateResult, ...]

    def text(self, lang: str = "en") -> str:
        """The parts' texts joined as the predicate joins them."""
        parts = [(part.text(lang), isinstance(part, CompoundResult)) for part in self.parts]
        return compound_text(_KEYS[type(self.predicate)], self.holds, parts, lang)

    def leaves(self) -> tuple[ShareResult, ...]:
        """Every share evaluated under this node, left to right."""
        found: list[ShareResult] = []
        for part in self.parts:
            if isinstance(part, ShareResult):
                found.append(part)
            else:
                found.extend(part.leaves())
        return tuple(found)


PredicateResult: TypeAlias = ShareResult | CompoundResult

_KEYS: dict[type[AllOf | AnyOf | Not], str] = {AllOf: "all", AnyOf: "any", Not: "not"}
"""Each combinator's key, as rule-set files spell it."""


def share(
    of: Iterable[Level | str],
    *,
    in_: Iterable[Level | str] | None = None,
    at_least: str | Fraction | None = None,
    more_than: str | Fraction | None = None,
    less_than: str | Fraction | None = None,
    at_most: str | Fraction | None = None,
) -> Share:
    """Build a :class:`Share`; ``in_`` defaults to all levels. Give exactly one comparison.

    >>> share(["behind"], in_=["needs_review", "behind"], at_least="2/3").describe()
    'behind/(needs_review+behind) >= 2/3'
    """
    given = {
        Comparison.AT_LEAST: at_least,
        Comparison.MORE_THAN: more_than,
        Comparison.LESS_THAN: less_than,
        Comparison.AT_MOST: at_most,
    }
    chosen = [(comparison, value) for comparison, value in given.items() if value is not None]
    if len(chosen) != 1:
        raise TypeError("give exactly one of at_least, more_than, less_than, at_most")
    comparison, threshold = chosen[0]
    return Share(
        of=tuple(of),
        in_=ALL_LEVELS if in_ is None else tuple(in_),
        comparison=comparison,
        threshold=threshold,
    )


def _flatten(kind: type[AllOf] | type[AnyOf], predicates: Iterable[Predicate]) -> tuple[Predicate, ...]:
    flat: list[Predicate] = []
    for predicate in predicates:
        if isinstance(predicate, kind):
            flat.extend(predicate.predicates)
        else:
            flat.append(predicate)
    return tuple(flat)


def all_(*predicates: Predicate) -> AllOf:
    """A predicate that holds when all of ``predicates`` hold; nested ``all_`` are flattened."""
    return AllOf(_flatten(AllOf, predicates))


def any_(*predicates: Predicate) -> AnyOf:
    """A predicate that holds when any of ``predicates`` holds; nested ``any_`` are flattened."""
    return AnyOf(_flatten(AnyOf, predicates))


def not_(predicate: Predicate) -> Not:
    """A predicate that holds when ``predicate`` does not."""
    return Not(predicate)
