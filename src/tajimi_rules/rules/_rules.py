"""Rule sets: ordered rating rules over predicates, how they combine, and item grading.

A :class:`RuleSet` is data (normally read from a JSON file validated by
``ruleset.schema.json``) compiled once, on construction, into plain functions:

* ``rule_set.rate(counts)`` returns the :class:`~tajimi_rules.Rating`, or ``None`` where
  the rules give none. It builds no explanation and is as fast as a hand-written function.
* ``rule_set.rate_many(advanced, standard, needs_review, behind)`` rates whole arrays of counts
  at once (numpy, the ``fast`` extra), compiled on first use from the same rule data.
* ``rule_set.explain(counts)`` returns an :class:`~tajimi_rules.Explanation`: which rule
  decided, every rule whose condition holds, each clause with its exact numbers.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from .._fractions import parse_fraction
from .._light._explain import decide
from .._texts import text
from ..model import Counts, Level, Rating
from ._bulk import compile_bulk
from ._engine import MatchFunction, RateFunction, compile_rules
from ._explain import Explanation, RuleResult
from ._predicates import Comparison, Predicate

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["Combine", "ItemGrading", "Rule", "RuleSet"]


class Combine(enum.Enum):
    """How a rule set's rules combine into one rating.

    ``FIRST_MATCH``: rules are tried in order; the first whose condition holds gives the
    rating. ``EXCLUSIVE``: rules have no order; a vector whose matching rules name more than
    one rating is ambiguous and gets no rating, like a vector that no rule matches.
    """

    FIRST_MATCH = "first_match"
    EXCLUSIVE = "exclusive"


@attrs.frozen(kw_only=True)
class Rule:
    """One rating rule: ``rating`` applies when ``when`` holds.

    ``text`` optionally keeps the rule's wording in the source document.
    """

    rating: Rating = attrs.field(converter=Rating)
    when: Predicate
    text: str | None = None


def _grading_comparison(_instance: object, _attribute: object, value: Comparison) -> None:
    if value not in (Comparison.AT_LEAST, Comparison.MORE_THAN):
        raise ValueError("item grading calls a rate common when it is at_least or more_than a threshold")


_GRADING_RATES = ("national", "prefecture")
"""The rates an item grading can be based on: all bodies, or the bodies of the body's prefecture."""


def _grading_rate(_instance: object, _attribute: object, value: str) -> None:
    if value not in _GRADING_RATES:
        raise ValueError(f"item grading rate must be one of {', '.join(_GRADING_RATES)}, found {value!r}")


_GRADING_POPULATIONS = ("peers", "municipalities", "prefectures", "all")
"""The populations whose rate grades an item: the body's peers (municipalities for a municipality,
prefectural governments for a prefectural government), one population for every body, or all bodies."""

_GRADING_DENOMINATORS = ("answered", "population")
"""What a rate divides by: the bodies that answered the item, or every body of the population."""


def _grading_population(_instance: object, _attribute: object, value: str) -> None:
    if value not in _GRADING_POPULATIONS:
        raise ValueError(f"item grading population must be one of {', '.join(_GRADING_POPULATIONS)}, found {value!r}")


def _grading_denominator(_instance: object, _attribute: object, value: str) -> None:
    if value not in _GRADING_DENOMINATORS:
        raise ValueError(f"item grading denominator must be one of {', '.join(_GRADING_DENOMINATORS)}, found {value!r}")


@attrs.frozen(kw_only=True)
class ItemGrading:
    """How an item's level follows from whether it is implemented and how common it is.

    An item is *common* when its implementation rate is ``at_least`` (or ``more_than``)
    ``threshold``; the level is then ``Level.of(implemented, common)``. ``rate`` names the
    rate that decides: ``"national"`` (all bodies, the default) or ``"prefecture"`` (the
    bodies of the body's own prefecture). ``population`` names whose rate it is: ``"peers"``
    (the default: municipalities are compared with municipalities, prefectural governments with
    prefectural governments), ``"municipalities"``, ``"prefectures"`` or ``"all"`` bodies;
    ``denominator`` what the rate divides by: the bodies that ``"answered"`` the item (the
    default) or every body of the ``"population"``. The comparison is exact: rates and
    thresholds are fractions.
    """

    threshold: Fraction = attrs.field(converter=parse_fraction)
    comparison: Comparison = attrs.field(
        default=Comparison.AT_LEAST, converter=Comparison, validator=_grading_comparison
    )
    rate: str = attrs.field(default="national", validator=_grading_rate)
    population: str = attrs.field(default="peers", validator=_grading_population)
    denominator: str = attrs.field(default="answered", validator=_grading_denominator)

    def rate_of(self, national: Fraction | None, prefecture: Fraction | None) -> Fraction | None:
        """Of an item's two rates, the one this grading is based on."""
        return prefecture if self.rate == "prefecture" else national

    def is_common(self, rate: Fraction) -> bool:
        """Whether an item implemented by this share of bodies counts as common."""
        return self.comparison.holds(rate.numerator, rate.denominator, self.threshold)

    def level(self, implemented: bool, rate: Fraction) -> Level:
        """The level of an item from the two facts that place it."""
        return Level.of(implemented, self.is_common(rate))

    def common_at(self) -> tuple[int, int, bool, str]:
        """This grading as plain values: the threshold's numerator and denominator, strict or not, the rate key.

        Strict is ``more_than``; the rate key names the item's rate that decides
        (``"national_rate"`` or ``"prefecture_rate"``). The quick meaning check
        (:func:`~tajimi_rules._light._meaning.evaluation_clean`) takes it in this form.

        >>> ItemGrading(threshold="1/2", comparison="more_than").common_at()
        (1, 2, True, 'national_rate')
        """
        from .._light._meaning import common_at  # noqa: PLC0415 - loaded with the meaning checks, not with the core

        return common_at(self.threshold, self.comparison.value, self.rate)


def _as_rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(rules)


@attrs.frozen(kw_only=True)
class RuleSet:
    """A named, documented list of rating rules and the way they combine.

    >>> from tajimi_rules import load_rules, Counts
    >>> rules = load_rules("tajimi-r4")
    >>> rules.rate(Counts(advanced=2, standard=2, needs_review=2, behind=0))
    <Rating.GOOD: 'good'>
    """

    id: str
    title: str
    description: str
    combine: Combine = attrs.field(converter=Combine)
    rules: tuple[Rule, ...] = attrs.field(converter=_as_rules)
    item_grading: ItemGrading | None = None
    version: str | None = None
    title_ja: str | None = None
    """The title in Japanese, where ``title`` is in another language."""

    rate: RateFunction = attrs.field(init=False, eq=False, repr=False)
    matches: MatchFunction = attrs.field(init=False, eq=False, repr=False)
    source: str = attrs.field(init=False, eq=False, repr=False)
    _bulk: Callable[..., Any] | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        rate, matches, source = compile_rules(
            self.combine is Combine.EXCLUSIVE,
            [(rule.rating, rule.when) for rule in self.rules],
            name=self.id,
        )
        object.__setattr__(self, "rate", rate)
        object.__setattr__(self, "matches", matches)
        object.__setattr__(self, "source", source)

    def rate_many(self, advanced: Any, standard: Any, needs_review: Any, behind: Any) -> npt.NDArray[np.int8]:
        """Rate arrays of counts at once: an ``int8`` array of rating codes, ``-1`` for no rating.

        Code ``i`` stands for ``RATING_CODES[i]`` (``Rating`` in its declared order);
        :func:`~tajimi_rules.rules.ratings_of` turns codes into ratings. The arguments are
        anything numpy turns into integer arrays of one shape (or shapes that broadcast); each
        count must be from 0 to ``MAX_COUNT``. The ratings are exactly ``rate``'s, vector by
        vector. Needs numpy (the ``fast`` extra); the array code is compiled on first use.

        >>> from tajimi_rules import load_rules
        >>> from tajimi_rules.rules import ratings_of
        >>> rules = load_rules("tajimi-r4")
        >>> ratings_of(rules.rate_many([2, 0], [2, 0], [2, 0], [0, 0]))
        [<Rating.GOOD: 'good'>, None]
        """
        bulk = self._bulk
        if bulk is None:
            bulk = compile_bulk(self.combine is Combine.EXCLUSIVE, [(rule.rating, rule.when) for rule in self.rules])
            object.__setattr__(self, "_bulk", bulk)
        return bulk(advanced, standard, needs_review, behind)

    def matching_ratings(self, counts: Counts) -> tuple[Rating, ...]:
        """Every rating whose rule's condition holds for ``counts``, in rule order, once each."""
        bits = self.matches(counts)
        found: list[Rating] = []
        for index, rule in enumerate(self.rules):
            if bits >> index & 1 and rule.rating not in found:
                found.append(rule.rating)
        return tuple(found)

    def explain(self, counts: Counts) -> Explanation:
        """Rate ``counts`` and say why: the deciding rule and every rule with its numbers.

        Raises :class:`TypeError` for ``counts`` that are not :class:`~tajimi_rules.Counts`.
        (:meth:`rate`, compiled for speed, checks nothing: it expects ``Counts`` too.)
        """
        given: object = counts  # an untyped caller may pass anything
        if not isinstance(given, Counts):  # worded as _arguments words it (the core does not load that module)
            found = "None" if given is None else type(given).__name__
            raise TypeError(
                text(
                    "argument.type",
                    "en",
                    function="RuleSet.explain",
                    parameter="counts",
                    expected="a Counts",
                    found=found,
                )
            )
        results = tuple(
            RuleResult(index=index, rating=rule.rating, result=rule.when.evaluate(counts))
            for index, rule in enumerate(self.rules)
        )
        outcome, index = decide(
            self.combine is Combine.FIRST_MATCH, counts.total, [(result.rating, result.holds) for result in results]
        )
        decided_by = results[index] if index is not None else None
        return Explanation(
            rule_set=self.id,
            combine=self.combine.value,
            counts=counts,
            outcome=outcome,
            decided_by=decided_by,
            rules=results,
        )

    @property
    def ratings(self) -> tuple[Rating, ...]:
        """The ratings this rule set can give, in rule order, once each."""
        return tuple(dict.fromkeys(rule.rating for rule in self.rules))
