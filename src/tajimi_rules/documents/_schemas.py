r"""The JSON Schemas shipped with the package, and schema validation as problems.

The schemas are package data (``tajimi_rules/schemas/*.schema.json``), read once each by
:func:`~tajimi_rules._light._schema.shipped_schema`, which the quick route of ``check`` reads
them with too; the repository's top-level ``schemas/`` is the same folder.

jsonschema's Draft 2020-12 validator is the reference that words every problem. It is set up
to read ``pattern`` as the specification says, as an ECMA-262 regular expression (``$`` ends
the string, ``\s`` and ``\d`` have their ECMA-262 meaning), and to count a number with a
zero fraction part (``2.0``) as an integer. Where the optional ``fast`` extra
(``jsonschema-rs``) is installed, :func:`fast_is_valid` gives the same verdict much sooner,
so valid documents never pay for the reference; invalid ones are always worded by it.
"""

from __future__ import annotations

import importlib
import json
import numbers
import re
import types
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from .._errors import Detail, Phrase, Problem, phrase, pointer
from .._light._schema import shipped_schema
from .._texts import PROBLEM_CODES

if TYPE_CHECKING:
    import jsonschema.protocols
    from jsonschema.exceptions import ValidationError

__all__ = [
    "SCHEMA_IDS",
    "Kind",
    "did_you_mean",
    "ecma_pattern",
    "fast_is_valid",
    "fast_validator_available",
    "hint",
    "json_type",
    "schema",
    "schema_problems",
    "type_words",
    "validator",
]

Kind = Literal["evaluation", "ruleset", "catalog", "layout", "overlay"]
"""The kinds of document the package has a schema for."""

SCHEMA_IDS: Mapping[str, Kind] = {
    "urn:tajimi-rules:schema:evaluation:1": "evaluation",
    "urn:tajimi-rules:schema:ruleset:1": "ruleset",
}


def schema(kind: str) -> Mapping[str, Any]:
    """The JSON Schema (Draft 2020-12) for ``"evaluation"`` or ``"ruleset"`` documents."""
    loaded: Mapping[str, Any] = shipped_schema(kind)
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
    from jsonschema.exceptions import ValidationError  # noqa: PLC0415 - loaded with the reference validator

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


@cache
def _reference() -> Any:
    """The reference validator class, built on first use (importing jsonschema takes a while)."""
    import jsonschema.validators  # noqa: PLC0415 - only documents with problems need it

    # A mapping given by a caller may hold tuples and other mappings: they are arrays and objects.
    return jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator,
        validators={"pattern": _pattern},
        type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine_many(
            {"integer": _is_integer, "array": _is_array, "object": _is_object}
        ),
    )


@cache
def validator(kind: Kind) -> jsonschema.protocols.Validator:
    """The reference Draft 2020-12 validator for ``kind`` (built on first use, once)."""
    made: jsonschema.protocols.Validator = _reference()(schema(kind))
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

    ``instance`` must hold only what :func:`~tajimi_rules.documents._jsonio.read_json` returns (dicts,
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
    import difflib  # noqa: PLC0415 - loaded by the first misspelt key, not by every start-up

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


_JSON_TYPES = frozenset({"object", "array", "string", "boolean", "integer", "number", "null"})


_JSON_TYPE_OF: tuple[tuple[type | types.UnionType, str], ...] = (
    (bool, "boolean"),
    (numbers.Integral, "integer"),
    (numbers.Number | Decimal, "number"),
    (str, "string"),
    (Mapping, "object"),
    (list | tuple, "array"),
)


def json_type(value: Any) -> str:
    """The JSON type a Python value stands for; a value no JSON type holds is named by its class."""
    if value is None:
        return "null"
    # Order matters: a bool is an Integral, and an Integral is a Number.
    return next((name for kind, name in _JSON_TYPE_OF if isinstance(value, kind)), type(value).__name__)


def type_words(value: Any) -> Detail:
    """JSON type names as words ("string or integer"); a name that is no JSON type stays as it is."""
    names = [str(name) for name in (value if isinstance(value, list) else [value])]
    words: list[Detail] = [phrase(f"words.type.{name}") if name in _JSON_TYPES else name for name in names]
    joined = words[-1]
    for word in reversed(words[:-1]):
        joined = phrase("words.or", first=word, second=joined)
    return joined


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
        yield Problem(
            code="schema.unknown_key",
            pointer=pointer(*error.absolute_path, key),
            fields={"key": key, "hint": hint(guess)},
            expected=repr(guess) if guess else phrase("words.one_of", options=", ".join(allowed)),
            found=repr(key),
        )


def hint(guess: str | None) -> Phrase:
    """The "did you mean" part of a message, empty when there is no guess."""
    return phrase("words.did_you_mean", guess=guess) if guess else phrase("words.no_hint")


# Each wording takes (keyword, its value, the schema, the instance) and gives
# (fields, expected, found) of the problem ``schema.<keyword>``.
_Wording = tuple[dict[str, Any], Detail, Detail]


def _word_type(_keyword: str, value: Any, _schema: Any, instance: Any) -> _Wording:
    found = type_words(json_type(instance))
    return (
        {"expected": type_words(value), "found": found},
        type_words(value),
        phrase("words.value_of_type", type=found, value=_short(instance)),
    )


def _word_enum(keyword: str, value: Any, _schema: Any, instance: Any) -> _Wording:
    options = value if keyword == "enum" else [value]
    expected = ", ".join(json.dumps(v, ensure_ascii=False) for v in options)
    guess = did_you_mean(instance, [str(v) for v in options]) if isinstance(instance, str) else None
    return (
        {"value": _short(instance), "hint": hint(guess)},
        repr(guess) if guess else phrase("words.one_of", options=expected),
        _short(instance),
    )


_BOUNDS = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}


def _word_bound(keyword: str, value: Any, _schema: Any, instance: Any) -> _Wording:
    return (
        {"value": _short(instance), "limit": value},
        phrase("words.a_number_bound", symbol=_BOUNDS[keyword], limit=value),
        _short(instance),
    )


def _examples(error_schema: Any) -> Phrase:
    examples = error_schema.get("examples") if isinstance(error_schema, Mapping) else None
    if isinstance(examples, list) and examples:
        return phrase("words.examples", values=", ".join(_short(e) for e in examples[:3]))
    return phrase("words.no_hint")


def _word_pattern(_keyword: str, value: Any, error_schema: Any, instance: Any) -> _Wording:
    return (
        {"value": _short(instance)},
        phrase("words.matching", pattern=value, examples=_examples(error_schema)),
        _short(instance),
    )


def _word_size(keyword: str, value: Any, _schema: Any, instance: Any) -> _Wording:
    unit = phrase(f"words.unit.{keyword[3:]}")
    size = len(instance) if isinstance(instance, str | list | Mapping) else 0
    bound = "words.at_least_size" if keyword.startswith("min") else "words.at_most_size"
    return (
        {"size": size, "limit": value},
        phrase(bound, limit=value, unit=unit),
        phrase("words.size", size=size, unit=unit),
    )


def _word_unique(_keyword: str, _value: Any, _schema: Any, instance: Any) -> _Wording:
    return {}, phrase("words.no_value_twice"), _short(instance)


def _word_choice(keyword: str, value: Any, error_schema: Any, instance: Any) -> _Wording:
    keys = _required_branches(value)
    if keys is not None:
        which = phrase("words.exactly_one" if keyword == "oneOf" else "words.at_least_one")
        present = [key for key in keys if isinstance(instance, Mapping) and key in instance]
        return (
            {"detail": phrase("words.needs_keys", which=which, keys=", ".join(keys))},
            phrase("words.of_the_keys", which=which, keys=", ".join(keys)),
            phrase("words.keys", keys=", ".join(present)) if present else phrase("words.none_of_them"),
        )
    title = error_schema.get("title") if isinstance(error_schema, Mapping) else None
    named: Detail = str(title) if title else phrase("words.value_here")
    expected: Detail = (
        phrase("words.titled", title=str(title), examples=_examples(error_schema))
        if title
        else phrase("words.checked_against", keyword=keyword, value=_short(value))
    )
    return {"detail": phrase("words.not_a_valid", value=_short(instance), title=named)}, expected, _short(instance)


_WORDINGS: Mapping[str, Callable[[str, Any, Any, Any], _Wording]] = {
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
                pointer=where,
                fields={"key": name},
                expected=phrase("words.key", key=name),
                found=phrase("words.no_such_key"),
            )
        return
    wording = _WORDINGS.get(keyword)
    if wording is not None:
        fields, expected, found = wording(keyword, value, error.schema, instance)
    else:
        detail = error.message if len(error.message) <= 160 else error.message[:159] + "…"
        fields, expected, found = {"detail": detail}, f"{keyword}: {_short(value)}", _short(instance)
        if f"schema.{keyword}" not in PROBLEM_CODES:
            # A keyword no shipped schema uses: jsonschema's own words, as they are.
            yield Problem(code=f"schema.{keyword}", pointer=where, message=detail, expected=expected, found=found)
            return
    yield Problem(code=f"schema.{keyword}", pointer=where, fields=fields, expected=expected, found=found)


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
