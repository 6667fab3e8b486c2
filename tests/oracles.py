"""Oracles: ratings computed from the definitions, independently of the library's engine and predicates.

``interpreted_rating`` reads a rule set as its JSON data (the shipped files' form) and walks each
predicate tree by hand, in integers; ``practised_rating`` is the practised Tajimi reading written
out in integers, without any rule file. Tests compare the compiled engine, the analysis, the
suggestions and the conformance suite against these.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import attrs

import tajimi_rules as tr

# The position of each level in a count vector (advanced, standard, needs_review, behind).
_INDEX = {"advanced": 0, "standard": 1, "needs_review": 2, "behind": 3}
_COMPARE: dict[str, Callable[[int, int], bool]] = {
    "at_least": operator.ge,
    "more_than": operator.gt,
    "less_than": operator.lt,
    "at_most": operator.le,
}

Vector = tuple[int, ...]


def _indexes(levels: Any) -> tuple[int, ...]:
    """The vector positions of ``levels`` (a list of level names, or ``"all"``)."""
    return tuple(range(4)) if levels == "all" else tuple(_INDEX[level] for level in levels)


def predicate(data: Mapping[str, Any]) -> Callable[[Vector], bool]:
    """A predicate, as JSON (``all``, ``any``, ``not`` or ``share``), read into a test of a count vector.

    A share ``of/in`` is compared with its fraction p/q by cross-multiplication, ``of * q <op> p * in``,
    and is false when ``in`` counts no item; ``all`` of nothing holds, ``any`` of nothing does not.
    """
    (kind, value), *rest = data.items()
    assert not rest, f"a predicate has exactly one key: {data!r}"
    if kind in ("all", "any"):
        parts = tuple(predicate(part) for part in value)
        combine = all if kind == "all" else any
        return lambda vector: combine(part(vector) for part in parts)
    if kind == "not":
        inner = predicate(value)
        return lambda vector: not inner(vector)
    assert kind == "share", kind
    (comparison,) = value.keys() - {"of", "in"}
    threshold = Fraction(value[comparison])
    p, q, compare = threshold.numerator, threshold.denominator, _COMPARE[comparison]
    of, in_ = _indexes(value["of"]), _indexes(value.get("in", "all"))

    def share(vector: Vector) -> bool:
        denominator = sum([vector[i] for i in in_])
        return denominator > 0 and compare(sum([vector[i] for i in of]) * q, p * denominator)

    return share


@attrs.frozen
class _Interpreter:
    """A rule set read from its JSON data: each rule's test, rating, the combine rule, and a memo of answers."""

    tests: tuple[Callable[[Vector], bool], ...]
    ratings: tuple[tr.Rating, ...]
    first_match: bool
    memo: dict[Vector, tuple[int, ...]] = attrs.field(factory=dict)

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> _Interpreter:
        rules = data["rules"]
        return cls(
            tests=tuple(predicate(rule["when"]) for rule in rules),
            ratings=tuple(tr.Rating(rule["rating"]) for rule in rules),
            first_match=data["combine"] == "first_match",
        )

    def holding(self, vector: Vector) -> tuple[int, ...]:
        if vector not in self.memo:
            if len(self.memo) > 200_000:
                self.memo.clear()
            self.memo[vector] = tuple(index for index, test in enumerate(self.tests) if test(vector))
        return self.memo[vector]


# The interpreter of each rule set seen, by identity (the rule set is kept so its id is never reused).
_SEEN: dict[int, tuple[object, _Interpreter]] = {}


def _interpreter(rule_set: tr.RuleSet | Mapping[str, Any]) -> _Interpreter:
    key = id(rule_set)
    if key not in _SEEN:
        if len(_SEEN) > 256:
            _SEEN.clear()
        data = rule_set if isinstance(rule_set, Mapping) else tr.converter.unstructure(rule_set)
        _SEEN[key] = (rule_set, _Interpreter.of(data))
    return _SEEN[key][1]


def holding(rule_set: tr.RuleSet | Mapping[str, Any], counts: tr.Counts) -> tuple[int, ...]:
    """The indexes of the rules whose condition holds for ``counts``."""
    return _interpreter(rule_set).holding(tuple(counts))


def interpreted_rating(rule_set: tr.RuleSet | Mapping[str, Any], counts: tr.Counts) -> tr.Rating | None:
    """The rating by the definitions: no items, no rating; first match, or one agreed rating when exclusive."""
    vector = tuple(counts)
    if sum(vector) == 0:
        return None
    interpreter = _interpreter(rule_set)
    ratings = {interpreter.ratings[index]: None for index in interpreter.holding(vector)}
    if not ratings:
        return None
    if interpreter.first_match or len(ratings) == 1:
        return next(iter(ratings))
    return None


def practised_rating(counts: tr.Counts) -> tr.Rating | None:
    """The practised Tajimi reading in integers: advanced, good, deficient, partly deficient; first match wins."""
    a, s, r, b = counts
    n, done, undone = a + s + r + b, a + s, r + b
    if n == 0:
        return None
    if 3 * done >= 2 * n:
        return tr.Rating.ADVANCED if 3 * a >= 2 * done else tr.Rating.GOOD
    if 3 * b >= 2 * undone:
        return tr.Rating.DEFICIENT
    return tr.Rating.PARTLY_DEFICIENT
