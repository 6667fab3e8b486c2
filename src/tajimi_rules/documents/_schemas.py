r"""The JSON Schemas shipped with the package, and schema validation as problems.

The schemas are package data (``tajimi_rules/schemas/*.schema.json``), read only through
:mod:`importlib.resources`; the repository's top-level ``schemas/`` is the same folder.

jsonschema's Draft 2020-12 validator is the reference that words every problem. It is set up
to read ``pattern`` as the specification says, as an ECMA-262 regular expression (``$`` ends
the string, ``\s`` and ``\d`` have their ECMA-262 meaning), and to count a number with a
zero fraction part (``2.0``) as an integer. Where the optional ``fast`` extra
(``jsonschema-rs``) is installed, :func:`fast_is_valid` gives the same verdict much sooner,
so valid documents never pay for the reference; invalid ones are always worded by it.
"""

from __future__ import annotations

import difflib
import importlib
import json
import numbers
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Any, Literal

import jsonschema
import jsonschema.validators
from jsonschema.exceptions import ValidationError

from .._errors import Problem, pointer

__all__ = [
    "SCHEMA_IDS",
    "Kind",
    "did_you_mean",
    "ecma_pattern",
    "fast_is_valid",
    "fast_validator_available",
    "schema",
    "schema_problems",
    "validator",
]

Kind = Literal["evaluation", "ruleset", "catalog"]
"""The kinds of document the package has a schema for."""

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


# ECMA-262 classes, written for Python's re.
_ECMA_SPACE = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_ECMA_ESCAPES = {
    "s": f"[{_ECMA_SPACE}]",
    "S": f"[^{_ECMA_SPACE}]",
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[A-Za-z0-9_]",
    "W": "[^A-Za-z0-9_]",
}
_ECMA_IN_CLASS = {"s": _ECMA_SPACE, "d": "0-9", "w": "A-Za-z0-9_"}


def ecma_pattern(pattern: str) -> str:
    r"""Rewrite an ECMA-262 ``pattern`` so Python's :mod:`re` reads it the same way.

    ``$`` becomes ``\Z`` (Python's ``$`` would also match before a final newline), and
    ``\s``, ``\d``, ``\w`` get their ECMA-262 (not Unicode) meaning.

    >>> ecma_pattern(r"^[0-9]{6}$")
    '^[0-9]{6}\\Z'
    """
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            if in_class and escaped in _ECMA_IN_CLASS:
                out.append(_ECMA_IN_CLASS[escaped])
            elif not in_class and escaped in _ECMA_ESCAPES:
                out.append(_ECMA_ESCAPES[escaped])
            else:
                out.append(char + escaped)
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern.startswith("]", index + 1) or pattern.startswith("^]", index + 1):
                # A leading ']' is a literal member of the class.
                step = 2 if pattern[index + 1] == "]" else 3
                out.append(pattern[index : index + step])
                index += step
                continue
        elif char == "$":
            char = r"\Z"
        out.append(char)
        index += 1
    return "".join(out)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(ecma_pattern(pattern))


def _pattern(
    validator: jsonschema.protocols.Validator, patrn: str, instance: Any, _schema: Any
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _compiled(patrn).search(instance):
        yield ValidationError(f"{instance!r} does not match {patrn!r}")


def _is_integer(checker: Any, instance: Any) -> bool:
    if isinstance(instance, bool):
        return False
    if isinstance(instance, int):
        return True
    if isinstance(instance, float):
        return instance.is_integer()
    if isinstance(instance, Decimal):
        return instance.is_finite() and instance == instance.to_integral_value()
    return False


def _is_array(checker: Any, instance: Any) -> bool:
    return isinstance(instance, list | tuple)


def _is_object(checker: Any, instance: Any) -> bool:
    return isinstance(instance, Mapping)


# A mapping given by a caller may hold tuples and other mappings: they are arrays and objects.
_Reference = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator,
    validators={"pattern": _pattern},
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine_many(
        {"integer": _is_integer, "array": _is_array, "object": _is_object}
    ),
)


@cache
def validator(kind: Kind) -> jsonschema.protocols.Validator:
    """The reference Draft 2020-12 validator for ``kind`` (built once)."""
    made: jsonschema.protocols.Validator = _Reference(schema(kind))
    return made


@cache
def _fast(kind: Kind) -> Callable[[Any], bool] | None:
    try:
        module = importlib.import_module("jsonschema_rs")
    except ImportError:
        return None
    built = module.validator_for(dict(schema(kind)))
    check: Callable[[Any], bool] = built.is_valid
    return check


def fast_validator_available() -> bool:
    """Whether the optional fast validator (the ``fast`` extra, ``jsonschema-rs``) is installed."""
    return _fast("evaluation") is not None


def fast_is_valid(instance: Any, kind: Kind) -> bool | None:
    """The fast validator's verdict on a plain JSON value, or ``None`` when it cannot give one.

    ``instance`` must hold only what :func:`~tajimi_rules._jsonio.read_json` returns (dicts,
    lists, strings, ints, :class:`~decimal.Decimal`, booleans, ``None``). The verdict is the
    reference validator's, decided sooner; the property tests hold the two to that.
    """
    check = _fast(kind)
    if check is None:
        return None
    try:
        return check(instance)
    except (ValueError, TypeError, OverflowError):
        return None


def did_you_mean(word: str, choices: Iterator[str] | list[str] | tuple[str, ...]) -> str | None:
    """The closest of ``choices`` to a mistyped ``word``, if one is close enough."""
    options = [choice for choice in choices if isinstance(choice, str)]
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return close[0]
    lowered = {option.lower().replace("-", "_"): option for option in options}
    return lowered.get(word.lower().replace("-", "_"))


def _short(value: Any, limit: int = 60) -> str:
    if isinstance(value, Mapping):
        text = "an object" if value else "an empty object"
    elif isinstance(value, Decimal):
        text = str(value)
    elif isinstance(value, list):
        text = f"an array of {len(value)}"
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TYPES_JA = {
    "object": "オブジェクト",
    "array": "配列",
    "string": "文字列",
    "boolean": "真偽値",
    "integer": "整数",
    "number": "数値",
    "null": "null",
}


def _type_name(value: Any) -> str:
    """The JSON type a Python value stands for; a value no JSON type holds is named by its class."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, numbers.Integral):
        return "integer"
    if isinstance(value, numbers.Number | Decimal):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list | tuple):
        return "array"
    return type(value).__name__


def _type_ja(value: Any) -> str:
    names = value if isinstance(value, list) else [value]
    return "または".join(_TYPES_JA.get(str(name), str(name)) for name in names)


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
        kinds = {str(sub.validator) for sub in error.context}
        if "type" in kinds and kinds != {"type"} and kinds - {"type"} <= set(_BOUNDS):
            # The value has the right type for one branch and is out of its range: say so.
            yield from (sub for sub in error.context if sub.validator != "type")
            return
    yield error


def _required_branches(branches: Any) -> list[str] | None:
    """The keys of an ``anyOf`` / ``oneOf`` whose every branch only requires one key."""
    keys: list[str] = []
    for branch in branches if isinstance(branches, list) else []:
        if not isinstance(branch, Mapping) or set(branch) != {"required"} or len(branch["required"]) != 1:
            return None
        keys.append(str(branch["required"][0]))
    return keys or None


def _unknown_keys(error: ValidationError) -> Iterator[Problem]:
    error_schema: Any = error.schema
    instance = error.instance
    allowed = sorted(error_schema.get("properties", {}))
    extra = [key for key in instance if key not in allowed] if isinstance(instance, Mapping) else []
    for key in extra:
        guess = did_you_mean(str(key), allowed)
        hint = f"; did you mean {guess!r}?" if guess else ""
        hint_ja = f"（{guess!r} の誤り？）" if guess else ""
        yield Problem(
            code="schema.unknown_key",
            message=f"unknown key {key!r}{hint}",
            message_ja=f"未知のキー {key!r}{hint_ja}",
            pointer=pointer(*error.absolute_path, key),
            expected=repr(guess) if guess else "one of " + ", ".join(allowed),
            found=repr(key),
        )


# Each wording takes (keyword, its value, the schema, the instance) and gives
# (message, message_ja, expected, found); ``None`` keeps jsonschema's own message.
_Wording = tuple[str | None, str | None, str, str | None]


def _word_type(_keyword: str, value: Any, _schema: Any, instance: Any) -> _Wording:
    expected = " or ".join(value) if isinstance(value, list) else str(value)
    return (
        f"expected {expected}, found {_type_name(instance)}",
        f"{_type_ja(value)}であるべきところが{_type_ja(_type_name(instance))}",
        expected,
        f"{_type_name(instance)} {_short(instance)}",
    )


def _word_enum(keyword: str, value: Any, _schema: Any, instance: Any) -> _Wording:
    options = value if keyword == "enum" else [value]
    expected = "one of " + ", ".join(json.dumps(v, ensure_ascii=False) for v in options)
    guess = did_you_mean(instance, [str(v) for v in options]) if isinstance(instance, str) else None
    hint = f"; did you mean {guess!r}?" if guess else ""
    return (
        f"{_short(instance)} is not one of the allowed values{hint}",
        f"{_short(instance)} は許される値ではない" + (f"（{guess!r} の誤り？）" if guess else ""),
        repr(guess) if guess else expected,
        _short(instance),
    )


_BOUNDS = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
_BOUNDS_JA = {"minimum": "以上", "maximum": "以下", "exclusiveMinimum": "より大", "exclusiveMaximum": "未満"}


def _word_bound(keyword: str, value: Any, _schema: Any, instance: Any) -> _Wording:
    symbol = _BOUNDS[keyword]
    return (
        f"{_short(instance)} is out of range: expected {symbol} {value}",
        f"{_short(instance)} は範囲外（{value}{_BOUNDS_JA[keyword]}であるべき）",
        f"a number {symbol} {value}",
        _short(instance),
    )


def _examples(error_schema: Any) -> str:
    examples = error_schema.get("examples") if isinstance(error_schema, Mapping) else None
    if isinstance(examples, list) and examples:
        return " (e.g. " + ", ".join(_short(e) for e in examples[:3]) + ")"
    return ""


def _word_pattern(_keyword: str, value: Any, error_schema: Any, instance: Any) -> _Wording:
    return (
        f"{_short(instance)} does not have the expected form",
        f"{_short(instance)} の形式が正しくない",
        f"a string matching {value}{_examples(error_schema)}",
        _short(instance),
    )


_UNITS = {"Length": ("characters", "文字"), "Items": ("items", "個の要素"), "Properties": ("keys", "個のキー")}


def _word_size(keyword: str, value: Any, _schema: Any, instance: Any) -> _Wording:
    least = keyword.startswith("min")
    unit, unit_ja = _UNITS[keyword[3:]]
    size = len(instance) if isinstance(instance, str | list | Mapping) else 0
    return (
        f"too {'few' if least else 'many'} {unit}: expected {'at least' if least else 'at most'} {value}",
        f"{size}{unit_ja}だが、{value}{unit_ja}{'以上' if least else '以下'}であるべき",
        f"{'at least' if least else 'at most'} {value} {unit}",
        f"{size} {unit}",
    )


def _word_unique(_keyword: str, _value: Any, _schema: Any, instance: Any) -> _Wording:
    return (
        "the array holds the same value more than once",
        "配列に同じ値が複数回ある",
        "no value twice",
        _short(instance),
    )


def _word_choice(keyword: str, value: Any, error_schema: Any, instance: Any) -> _Wording:
    keys = _required_branches(value)
    if keys is not None:
        which = "exactly one" if keyword == "oneOf" else "at least one"
        which_ja = "ちょうど一つ" if keyword == "oneOf" else "少なくとも一つ"
        present = [key for key in keys if isinstance(instance, Mapping) and key in instance]
        return (
            f"needs {which} of: " + ", ".join(keys),
            f"{'、'.join(keys)} のうち{which_ja}が必要",
            f"{which} of the keys " + ", ".join(keys),
            "keys " + ", ".join(present) if present else "none of them",
        )
    title = error_schema.get("title") if isinstance(error_schema, Mapping) else None
    return (
        f"{_short(instance)} is not a valid {title or 'value here'}",
        f"{_short(instance)} は{title or 'この位置の値'}として正しくない",
        (str(title) if title else f"{keyword}: {_short(value)}") + _examples(error_schema),
        _short(instance),
    )


_WORDINGS = {
    "type": _word_type,
    "enum": _word_enum,
    "const": _word_enum,
    "pattern": _word_pattern,
    "uniqueItems": _word_unique,
    "anyOf": _word_choice,
    "oneOf": _word_choice,
    **dict.fromkeys(_BOUNDS, _word_bound),
    **dict.fromkeys(("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"), _word_size),
}


def _problems(error: ValidationError) -> Iterator[Problem]:
    keyword = str(error.validator)
    value: Any = error.validator_value
    instance = error.instance
    where = pointer(*error.absolute_path)
    if keyword == "additionalProperties":
        yield from _unknown_keys(error)
        return
    if keyword == "required":
        missing = [key for key in value if isinstance(instance, Mapping) and key not in instance]
        for name in missing or ["?"]:
            yield Problem(
                code="schema.required",
                message=f"missing required key {name!r}",
                message_ja=f"必須のキー {name!r} がない",
                pointer=where,
                expected=f"key {name!r}",
                found="no such key",
            )
        return
    wording = _WORDINGS.get(keyword)
    if wording is not None:
        message, message_ja, expected, found = wording(keyword, value, error.schema, instance)
    else:
        message, message_ja, expected, found = None, None, f"{keyword}: {_short(value)}", _short(instance)
    if message is None:
        message = error.message if len(error.message) <= 160 else error.message[:159] + "…"
    yield Problem(
        code=f"schema.{keyword}",
        message=message,
        message_ja=message_ja,
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
            for problem in _problems(leaf):
                if (problem.pointer, problem.message) not in seen:
                    seen.add((problem.pointer, problem.message))
                    problems.append(problem)
    return problems
