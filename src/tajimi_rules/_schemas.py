"""The JSON Schemas shipped with the package, and schema validation as problems.

The schemas are package data (``tajimi_rules/schemas/*.schema.json``), read only through
:mod:`importlib.resources`; the repository's top-level ``schemas/`` is the same folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from importlib.resources import files
from typing import Any, Literal

import jsonschema
from jsonschema.exceptions import ValidationError

from ._errors import Problem, pointer

__all__ = ["SCHEMA_IDS", "Kind", "schema", "schema_problems", "validator"]

Kind = Literal["evaluation", "ruleset"]

SCHEMA_IDS: Mapping[str, Kind] = {
    "urn:tajimi-rules:schema:evaluation:1": "evaluation",
    "urn:tajimi-rules:schema:ruleset:1": "ruleset",
}


@cache
def schema(kind: Kind) -> Mapping[str, Any]:
    """The JSON Schema (Draft 2020-12) for ``"evaluation"`` or ``"ruleset"`` documents."""
    text = files("tajimi_rules").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def validator(kind: Kind) -> jsonschema.Draft202012Validator:
    """A ready Draft 2020-12 validator for ``kind`` (built once)."""
    return jsonschema.Draft202012Validator(schema(kind))


def _short(value: Any, limit: int = 60) -> str:
    if isinstance(value, Mapping):
        text = "an object" if value else "an empty object"
    elif isinstance(value, list):
        text = f"an array of {len(value)}"
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_JSON_TYPES = {
    dict: "object",
    list: "array",
    str: "string",
    bool: "boolean",
    int: "integer",
    type(None): "null",
}


def _type_name(value: Any) -> str:
    for python, name in _JSON_TYPES.items():
        if type(value) is python:
            return name
    return "number"


def _order(error: ValidationError) -> tuple[int, list[tuple[int, int, str]], bool]:
    """Most relevant first: shallower errors (more is wrong), then document order, weak last."""
    steps = [(0, t, "") if isinstance(t, int) else (1, 0, str(t)) for t in error.absolute_path]
    return (len(steps), steps, error.validator in ("anyOf", "oneOf"))


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """The most specific errors under an ``anyOf`` / ``oneOf`` failure, best match first."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):
            # Some branch got further into the value: report that branch's complaints.
            for sub in sorted(error.context, key=_order):
                if len(sub.absolute_path) == deepest:
                    yield from _leaf_errors(sub)
            return
    yield error


def _problem(error: ValidationError) -> Problem:
    keyword = str(error.validator)
    value: Any = error.validator_value
    error_schema: Any = error.schema
    instance = error.instance
    where = pointer(*error.absolute_path)
    expected: str | None
    found: str | None = _short(instance)
    if keyword == "type":
        expected, found = f"{value}", f"{_type_name(instance)} {_short(instance)}"
    elif keyword == "required":
        missing = [key for key in value if isinstance(instance, Mapping) and key not in instance]
        name = missing[0] if missing else "?"
        return Problem(
            code="schema.required",
            message=f"missing required key {name!r}",
            message_ja=f"必須のキー {name!r} がない",
            pointer=where,
            expected=f"key {name!r}",
            found="no such key",
        )
    elif keyword == "additionalProperties":
        allowed = sorted(error_schema.get("properties", {}))
        extra = [key for key in instance if key not in allowed] if isinstance(instance, Mapping) else []
        key = extra[0] if extra else "?"
        return Problem(
            code="schema.unknown_key",
            message=f"unknown key {key!r}",
            message_ja=f"未知のキー {key!r}",
            pointer=pointer(*error.absolute_path, key),
            expected="one of " + ", ".join(allowed),
            found=repr(key),
        )
    elif keyword == "enum":
        expected = "one of " + ", ".join(json.dumps(v, ensure_ascii=False) for v in value)
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        expected = f"{keyword} {value}"
    elif keyword == "pattern":
        expected = f"a string matching {value}"
    else:
        expected = f"{keyword}: {_short(value)}"
    return Problem(
        code=f"schema.{keyword}",
        message=error.message if len(error.message) <= 160 else error.message[:159] + "…",
        pointer=where,
        expected=expected,
        found=found,
    )


def schema_problems(instance: Any, kind: Kind) -> list[Problem]:
    """Every schema violation in ``instance``, most relevant first (as jsonschema's ``best_match``)."""
    errors = sorted(validator(kind).iter_errors(instance), key=_order)
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for error in errors:
        for leaf in _leaf_errors(error):
            problem = _problem(leaf)
            if (problem.pointer, problem.message) not in seen:
                seen.add((problem.pointer, problem.message))
                problems.append(problem)
    return problems
