"""Oracles: ratings computed from the definitions, independently of the library's engine and predicates.

``interpreted_rating`` reads a rule set as its JSON data (the shipped files' form) and walks each
predicate tree by hand, in integers; ``practised_rating`` is the practised Tajimi reading written
out in integers, without any rule file. Tests compare the compiled engine, the analysis, the
suggestions and the conformance suite against these.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import tajimi_rules as tr

# The position of each level in a count vector (advanced, standard, needs_review, behind).
_INDEX = {"advanced": 0, "standard": 1, "needs_review": 2, "behind": 3}


def _compare(comparison: str, numerator: int, denominator: int, threshold: Fraction) -> bool:
    """``numerator/denominator <comparison> threshold`` by cross-multiplication; false on an empty denominator."""
    if denominator == 0:
        return False
    left, right = numerator * threshold.denominator, threshold.numerator * denominator
    return {
        "at_least": left >= right,
        "more_than": left > right,
        "less_than": left < right,
        "at_most": left <= right,
    }[comparison]


def _sum(levels: Any, vector: tuple[int, ...]) -> int:
    """The number of items at ``levels`` (a list of level names, or ``"all"``)."""
    return sum(vector) if levels == "all" else sum(vector[_INDEX[level]] for level in levels)


def predicate_holds(predicate: Mapping[str, Any], vector: tuple[int, ...]) -> bool:
    """Whether a predicate, as JSON (``all``, ``any``, ``not`` or ``share``), holds for ``vector``."""
    (kind, value), *rest = predicate.items()
    assert not rest, f"a predicate has exactly one key: {predicate!r}"
    if kind == "all":
        return all(predicate_holds(part, vector) for part in value)
    if kind == "any":
        return any(predicate_holds(part, vector) for part in value)
    if kind == "not":
        return not predicate_holds(value, vector)
    assert kind == "share", kind
    (comparison,) = value.keys() - {"of", "in"}
    return _compare(
        comparison, _sum(value["of"], vector), _sum(value.get("in", "all"), vector), Fraction(value[comparison])
    )


# The JSON data of each rule set seen, by identity (the rule set is kept so its id is never reused).
_DATA: dict[int, tuple[object, Mapping[str, Any]]] = {}


def rule_set_data(rule_set: tr.RuleSet | Mapping[str, Any]) -> Mapping[str, Any]:
    """A rule set's JSON data: a mapping as given, a :class:`~tajimi_rules.RuleSet` unstructured once."""
    if isinstance(rule_set, Mapping):
        return rule_set
    key = id(rule_set)
    if key not in _DATA:
        if len(_DATA) > 1024:
            _DATA.clear()
        _DATA[key] = (rule_set, tr.converter.unstructure(rule_set))
    return _DATA[key][1]


def holding(rule_set: tr.RuleSet | Mapping[str, Any], counts: tr.Counts) -> tuple[int, ...]:
    """The indexes of the rules whose condition holds for ``counts``."""
    vector, rules = tuple(counts), rule_set_data(rule_set)["rules"]
    return tuple(index for index, rule in enumerate(rules) if predicate_holds(rule["when"], vector))


def interpreted_rating(rule_set: tr.RuleSet | Mapping[str, Any], counts: tr.Counts) -> tr.Rating | None:
    """The rating by the definitions: no items, no rating; first match, or one agreed rating when exclusive."""
    if sum(counts) == 0:
        return None
    data = rule_set_data(rule_set)
    ratings = [data["rules"][index]["rating"] for index in holding(data, counts)]
    if not ratings:
        return None
    if data["combine"] == "first_match" or len(set(ratings)) == 1:
        return tr.Rating(ratings[0])
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
