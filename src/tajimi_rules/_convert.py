"""The one cattrs converter between JSON-ready data and the typed model.

:func:`make_converter` builds it; :data:`converter` is the shared instance. Predicates are a
family told apart by their single key (``all`` / ``any`` / ``not`` / ``share``); fractions are
written as exact strings (thresholds) or as numbers that read back exactly (rates).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import cattrs
from cattrs.v import format_exception

from ._errors import Problem, pointer
from ._fractions import format_fraction, parse_rate, rate_to_json
from .model import Counts
from .rules._predicates import ALL_LEVELS, AllOf, AnyOf, Comparison, Not, Predicate, Share
from .rules._rules import ItemGrading

__all__ = ["converter", "make_converter", "structuring_problems"]


def _structure_predicate(value: Any, _type: object = None) -> Predicate:
    if not isinstance(value, Mapping) or len(value) != 1:
        raise ValueError("a predicate is an object with exactly one of: all, any, not, share")
    ((key, body),) = value.items()
    if key == "all":
        return AllOf(tuple(_structure_predicate(part) for part in body))
    if key == "any":
        return AnyOf(tuple(_structure_predicate(part) for part in body))
    if key == "not":
        return Not(_structure_predicate(body))
    if key == "share":
        comparisons = [c for c in Comparison if c.value in body]
        if len(comparisons) != 1:
            raise ValueError("a share needs exactly one of at_least, more_than, less_than, at_most")
        denominator = body.get("in", "all")
        return Share(
            of=body["of"],
            in_=ALL_LEVELS if denominator == "all" else denominator,
            comparison=comparisons[0],
            threshold=body[comparisons[0].value],
        )
    raise ValueError(f"unknown predicate {key!r}: expected all, any, not or share")


def _unstructure_predicate(predicate: Predicate) -> dict[str, Any]:
    if isinstance(predicate, Share):
        return {
            "share": {
                "of": [level.value for level in predicate.of],
                "in": "all" if predicate.in_ == ALL_LEVELS else [level.value for level in predicate.in_],
                predicate.comparison.value: format_fraction(predicate.threshold),
            }
        }
    if isinstance(predicate, AllOf):
        return {"all": [_unstructure_predicate(part) for part in predicate.predicates]}
    if isinstance(predicate, AnyOf):
        return {"any": [_unstructure_predicate(part) for part in predicate.predicates]}
    return {"not": _unstructure_predicate(predicate.predicate)}


def _structure_grading(value: Any, _type: object) -> ItemGrading:
    common = value["common"]
    ((comparison, threshold),) = common.items()
    return ItemGrading(
        threshold=threshold,
        comparison=comparison,
        rate=value.get("rate", "national"),
        population=value.get("population", "peers"),
        denominator=value.get("denominator", "answered"),
    )


def _unstructure_grading(grading: ItemGrading) -> dict[str, Any]:
    written: dict[str, Any] = {"rate": grading.rate}
    # Written only when not the default, so rule sets that do not say them read back the same.
    if grading.population != "peers":
        written["population"] = grading.population
    if grading.denominator != "answered":
        written["denominator"] = grading.denominator
    written["common"] = {grading.comparison.value: format_fraction(grading.threshold)}
    return written


def _structure_fraction(value: Any, _type: object) -> Fraction:
    return parse_rate(value)


def make_converter() -> cattrs.Converter:
    """Build a converter for the model: rule sets, evaluations and their parts."""
    conv = cattrs.Converter(omit_if_default=True, detailed_validation=True)
    conv.register_structure_hook(Fraction, _structure_fraction)
    conv.register_unstructure_hook(Fraction, rate_to_json)
    for kind in (Share, AllOf, AnyOf, Not):
        conv.register_unstructure_hook(kind, _unstructure_predicate)
    conv.register_structure_hook_func(lambda t: t == Predicate, _structure_predicate)
    conv.register_unstructure_hook_func(lambda t: t == Predicate, _unstructure_predicate)
    conv.register_structure_hook(ItemGrading, _structure_grading)
    conv.register_unstructure_hook(ItemGrading, _unstructure_grading)
    # Counts always carry all four levels, zeros included.
    conv.register_unstructure_hook(
        Counts,
        lambda c: {
            "advanced": c.advanced,
            "standard": c.standard,
            "needs_review": c.needs_review,
            "behind": c.behind,
        },
    )
    return conv


converter = make_converter()

_PATH_STEP = re.compile(r"\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\['([^']*)'\]")


def _path_to_pointer(path: str) -> str:
    tokens: list[str | int] = []
    for attribute, index, key in _PATH_STEP.findall(path.removeprefix("$")):
        tokens.append(attribute or (int(index) if index else key))
    return pointer(*tokens)


def _describe(error: BaseException, type_: type[Any] | None) -> str:
    if isinstance(error, ValueError | TypeError) and str(error):
        return str(error)
    return format_exception(error, type_)


def structuring_problems(error: Exception) -> list[Problem]:
    """Turn a cattrs structuring error into problems with JSON pointers."""
    problems = []
    for line in cattrs.transform_error(error, path="$", format_exception=_describe):
        message, _, path = line.rpartition(" @ ")
        problems.append(
            Problem(
                code="model.invalid",
                fields={"detail": message or line},
                pointer=_path_to_pointer(path) if path else "",
            )
        )
    return problems
