r"""Verdicts from JSON Schemas on the standard library alone: is a JSON value valid, yes or no.

:func:`compile_verdict` turns a JSON Schema (Draft 2020-12, the keywords the shipped schemas use)
into a function of a value, built once out of closures: judging a value never reads the schema
again. :func:`verdict_for` gives the verdict of a shipped schema, compiled on first use and kept.

A verdict is exact or conservative: ``True`` only where the reference validator (jsonschema, as
:mod:`tajimi_rules.documents._schemas` sets it up) finds the value valid, and otherwise the same
answer as the reference, except where the value is in doubt; then it is ``False``. In doubt are:

* anything that is no JSON value as :func:`json.loads` gives them (dicts with string keys, lists,
  strings, ints, floats, booleans and ``None``), at any depth;
* a NaN or an infinity, which is no JSON number (the reference takes a NaN for a number in any range);
* an array of arrays under ``uniqueItems`` holding a duplicate: the reference sorts the items by
  Python's order, where ``[1]`` and ``[true]`` are equal, and compares neighbours only, so it may
  miss a duplicate that JSON equality sees.

Elsewhere JSON's meaning is kept, not Python's: a boolean is no number, ``2.0`` is an integer (as
in the reference), ``enum``, ``const`` and ``uniqueItems`` compare by JSON equality (``false`` is
not ``0``, ``1`` is ``1.0``), lengths count code points, and each ``pattern`` is read as ECMA-262
reads it. A schema with any other keyword, a ``$ref`` outside the document, a ``format``, or a
pattern using syntax outside the part read here gets no verdict (``None``): the caller then takes
the full road.
"""

from __future__ import annotations

import re

from ._shipped import shipped_bytes

# Not ``typing.TYPE_CHECKING``: importing typing would cost the start-up this package saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

    Check = Callable[[Any], bool]
    Allowed = dict[type, bool]

__all__ = ["compile_verdict", "names_schema", "shipped_schema", "verdict_for"]


class _DoubtError(Exception):
    """Raised by a check that cannot judge a value as the reference would; the verdict is then False."""


class _UnsupportedError(Exception):
    """Raised while compiling a part of a schema that verdicts do not cover; the schema gets none."""


# --------------------------------------------------------------------------- the vocabulary read here

_META_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
_ANNOTATIONS = frozenset(
    {"title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly", "$comment", "$defs"}
)
_ASSERTIONS = frozenset(
    {
        "type",
        "enum",
        "const",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "$ref",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
    }
)
_KEYWORDS = _ANNOTATIONS | _ASSERTIONS
# The keywords that judge one JSON type only, by type; the number keywords in _bounded's order.
_NUMBER_KEYWORDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_STRING_KEYWORDS = frozenset({"pattern", "minLength", "maxLength"})
_ARRAY_KEYWORDS = frozenset({"items", "minItems", "maxItems", "uniqueItems"})
_OBJECT_KEYWORDS = frozenset(
    {"properties", "required", "additionalProperties", "propertyNames", "minProperties", "maxProperties"}
)

_NULL = type(None)
_JSON: frozenset[type] = frozenset({dict, list, str, int, float, bool, _NULL})
# The Python types of each JSON type. An integer may be a float with no fraction (2.0), as in the reference.
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "null": (_NULL,),
    "number": (int, float),
    "integer": (int, float),
}
# Each Python type a value may have, and whether a float must be whole: at first, every JSON value.
_ANY: Allowed = dict.fromkeys(_JSON, False)
_UNBOUNDED = float("inf")


# --------------------------------------------------------------------------- checks on values


def _accept(_value: Any) -> bool:
    return True


def _refuse(_value: Any) -> bool:
    return False


def _finite(value: float) -> bool:
    """True for a finite float; NaN and the infinities are no JSON numbers."""
    if value - value != 0.0:
        raise _DoubtError
    return True


def _whole(value: float) -> bool:
    """Whether a finite float is an integer (2.0 is one in Draft 2020-12)."""
    return _finite(value) and value.is_integer()


def _other(value: Any) -> bool:
    """False for a JSON value of a type the schema refuses; doubt for what is no JSON value."""
    kind = type(value)
    if kind is float:
        _finite(value)
    if kind not in _JSON:
        raise _DoubtError
    return False


def _json_only(value: Any) -> bool:
    """True when ``value`` holds nothing but JSON values; doubt otherwise (for schemas that do not look everywhere)."""
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind is dict:
            if any(type(key) is not str for key in item):
                raise _DoubtError
            pending.extend(item.values())
        elif kind is list:
            pending.extend(item)
        else:
            _other(item)
    return True


def _key(value: Any) -> Any:
    """A hashable stand-in equal for JSON-equal values: ``1`` and ``1.0`` alike, ``true`` and ``1`` not."""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return value
    if kind is float:
        _finite(value)
        return value
    if kind is bool:
        return (0, value)
    if kind is list:
        return (1, tuple(map(_key, value)))
    if kind is dict and all(type(name) is str for name in value):
        return (2, frozenset(zip(value, map(_key, value.values()), strict=True)))
    raise _DoubtError


def _unique(value: list[Any]) -> bool:
    """Whether no two items of an array are JSON-equal (doubt where the reference could miss a duplicate)."""
    keys = [_key(item) for item in value]
    if len(set(keys)) == len(keys):
        return True
    if any(type(item) is list for item in value):
        raise _DoubtError
    return False


def _every(checks: list[Check]) -> Check:
    """A check that holds when each of ``checks`` holds, tried in order."""
    if not checks:
        return _accept
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)

    def every(value: Any) -> bool:
        for check in checks:  # noqa: SIM110 - a loop is quicker than all() over a generator
            if not check(value):
                return False
        return True

    return every


def _any_of(branches: list[Check]) -> Check:
    def any_of(value: Any) -> bool:
        for branch in branches:  # noqa: SIM110 - a loop is quicker than any() over a generator
            if branch(value):
                return True
        return False

    return any_of


def _one_of(branches: list[Check]) -> Check:
    def one_of(value: Any) -> bool:
        held = False
        for branch in branches:
            if branch(value):
                if held:
                    return False
                held = True
        return held

    return one_of


def _not(inner: Check) -> Check:
    return lambda value: not inner(value)


def _forward(cell: list[Check]) -> Check:
    """A check for a schema still being compiled (a predicate within a predicate): found in ``cell`` when used."""
    return lambda value: cell[0](value)  # noqa: PLW0108 - cell[0] is filled in later


def _dispatch(per_type: dict[type, Check]) -> Check:
    """A check that picks the check for a value's type; a type not listed is refused (or, if no JSON type, doubted)."""
    if len(per_type) == 1:
        ((only, check),) = per_type.items()
        if check is _accept:
            return lambda value: type(value) is only or _other(value)
        return lambda value: check(value) if type(value) is only else _other(value)
    pick = per_type.get

    def dispatch(value: Any) -> bool:
        check = pick(type(value))
        return _other(value) if check is None else check(value)

    return dispatch


def _object(
    properties: dict[str, Check], required: frozenset[str], extra: Check | None, names: Check | None
) -> Check | None:
    """The check of an object's members: ``extra`` judges members not in ``properties`` (None: none allowed)."""
    if not properties and extra is _accept and names is None:
        return (lambda value: value.keys() >= required) if required else None
    if extra is None:
        return _closed(properties, required, names)
    pick = properties.get
    walk = bool(properties) or extra is not _accept

    def check(value: dict[Any, Any]) -> bool:
        if required and not value.keys() >= required:
            return False
        if walk:
            for key, member in value.items():
                known = pick(key)
                if known is None:
                    if type(key) is not str:
                        raise _DoubtError
                    if not extra(member):
                        return False
                elif not known(member):
                    return False
        return names is None or all(map(names, value))

    return check


def _closed(properties: dict[str, Check], required: frozenset[str], names: Check | None) -> Check:
    """The check of an object whose keys must all be among ``properties`` (``additionalProperties: false``)."""
    known = frozenset(properties)
    pick = properties.__getitem__

    def check(value: dict[Any, Any]) -> bool:
        keys = value.keys()
        if required and not keys >= required:
            return False
        if not keys <= known:
            return _other_keys(value)
        for key, member in value.items():
            if not pick(key)(member):
                return False
        return names is None or all(map(names, value))

    return check


def _other_keys(value: dict[Any, Any]) -> bool:
    """False for an object with a key it may not have; doubt if a key is no string (no JSON object has one)."""
    if any(type(key) is not str for key in value):
        raise _DoubtError
    return False


def _sized(low: float, high: float, check: Check | None) -> Check | None:
    """``check`` with a bound on ``len(value)`` first, where there is one."""
    if low == 0 and high == _UNBOUNDED:
        return check
    if check is None:
        return lambda value: low <= len(value) <= high
    return lambda value: low <= len(value) <= high and check(value)


def _array(items: Check | None, unique: bool) -> Check | None:
    if items is None:
        return _unique if unique else None
    if unique:
        return lambda value: all(map(items, value)) and _unique(value)
    return lambda value: all(map(items, value))


def _bounded(low: float | None, high: float | None, above: float | None, below: float | None) -> Check | None:
    """The check of a number against ``minimum``, ``maximum``, ``exclusiveMinimum`` and ``exclusiveMaximum``."""
    checks: list[Check] = []
    if low is not None and high is not None:
        checks.append(lambda value: low <= value <= high)
    elif low is not None:
        checks.append(lambda value: value >= low)
    elif high is not None:
        checks.append(lambda value: value <= high)
    if above is not None:
        checks.append(lambda value: value > above)
    if below is not None:
        checks.append(lambda value: value < below)
    return _every(checks) if checks else None


def _string_parts(node: Mapping[str, Any]) -> tuple[float, float, Callable[[str], object] | None]:
    """A string's bounds on its length (in code points, as Python counts) and its pattern's ``search``."""
    pattern = node.get("pattern", "")
    if type(pattern) is not str:
        raise _UnsupportedError
    search = _ecma(pattern).search if "pattern" in node else None
    return _count(node, "minLength", 0), _count(node, "maxLength", _UNBOUNDED), search


def _string_check(node: Mapping[str, Any]) -> Check | None:
    """The check of a string's length and pattern."""
    low, high, search = _string_parts(node)
    if search is None:
        return _sized(low, high, None)
    return _sized(low, high, lambda value: search(value) is not None)


def _string_node(node: Mapping[str, Any]) -> Check:
    """The check of a schema that only wants a string: one closure, the commonest leaf of a document."""
    low, high, search = _string_parts(node)
    # Each is True, or else False for a value of another JSON type (or doubt, for what is no JSON value).
    if search is None and low == 0 and high == _UNBOUNDED:
        return lambda value: type(value) is str or _other(value)
    if search is None:
        return lambda value: (type(value) is str and low <= len(value) <= high) or _other(value)
    if low == 0 and high == _UNBOUNDED:
        return lambda value: (type(value) is str and search(value) is not None) or _other(value)
    return lambda value: (
        (type(value) is str and low <= len(value) <= high and search(value) is not None) or _other(value)
    )


# --------------------------------------------------------------------------- patterns, read as ECMA-262 reads them

# ECMA-262 reads \d and \w as fixed ASCII sets and \s as a fixed list of spaces and line ends. Python's re, on a str
# pattern, reads them by Unicode categories, so "٣" (an Arabic-Indic digit) would match \d; re.ASCII would mend \d
# and \w but make \s miss the no-break and ideographic spaces ECMA-262 counts. So each is written out as a set.
_SPACE = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_IN_CLASS = {"d": "0-9", "w": "A-Za-z0-9_", "s": _SPACE}
_SETS = {
    **{name: f"[{members}]" for name, members in _IN_CLASS.items()},
    **{name.upper(): f"[^{members}]" for name, members in _IN_CLASS.items()},
}
_CONTROLS = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v"}
_HEX = {"x": 2, "u": 4}
# "$" ends the string in ECMA-262 (without the m flag); Python's "$" also matches before a final newline.
_PLAIN = {")": ("close", ")"), "|": ("boundary", "|"), "^": ("boundary", "^"), "$": ("boundary", "\\Z")}
# The patterns compiled so far, by their ECMA-262 text: the shipped schemas share a few.
_PATTERNS: dict[str, re.Pattern[str]] = {}


def _escape(pattern: str, index: int, in_class: bool) -> tuple[str, str, int]:
    r"""The escape after the backslash at ``index - 1``: ``("set", text, next)`` or ``("char", char, next)``.

    Read are the class escapes, the control escapes, ``\xHH``, ``\uHHHH`` outside the surrogates,
    and an ASCII punctuation mark standing for itself. Others (``\b``, ``\p{...}``, back references,
    ``\cX``, ``\0``, ``\u{...}``) are not read: Python reads some of them differently, or not at all.
    """
    char = pattern[index : index + 1]
    if char in _SETS:
        if in_class and char not in _IN_CLASS:
            raise _UnsupportedError  # a complement within a class ([\D]) has no ASCII spelling in Python's re
        return "set", _IN_CLASS[char] if in_class else _SETS[char], index + 1
    if char in _CONTROLS:
        return "char", _CONTROLS[char], index + 1
    if char in _HEX:
        digits = pattern[index + 1 : index + 1 + _HEX[char]]
        if len(digits) != _HEX[char] or not all(d in "0123456789abcdefABCDEF" for d in digits):
            raise _UnsupportedError
        return "char", _char(chr(int(digits, 16))), index + 1 + _HEX[char]
    if char and char.isascii() and char.isprintable() and not char.isalnum():
        return "char", char, index + 1
    raise _UnsupportedError


def _char(char: str) -> str:
    """``char`` as a member of a pattern: no lone surrogate (ECMA-262 pairs them, Python does not)."""
    if "\ud800" <= char <= "\udfff":
        raise _UnsupportedError
    return char


def _member(pattern: str, index: int, first: bool) -> tuple[str, str, int]:
    """One member of a class at ``index``: ``("set", text, next)`` or ``("char", char, next)``."""
    if index >= len(pattern):
        raise _UnsupportedError
    char = pattern[index]
    if char == "\\":
        return _escape(pattern, index + 1, in_class=True)
    if char == "-" and not first and not pattern.startswith("]", index + 1):
        raise _UnsupportedError  # a bare '-' between members reads differently across dialects
    return "char", _char(char), index + 1


def _class(pattern: str, index: int) -> tuple[str, int]:
    """The class whose '[' is at ``index - 1``, written for Python, and the index after its ']'."""
    negated = pattern.startswith("^", index)
    index += negated
    if pattern.startswith("]", index):
        raise _UnsupportedError  # in ECMA-262 [] matches nothing and [^] anything; Python reads the ']' as a member
    parts = ["[^" if negated else "["]
    first = True
    while not pattern.startswith("]", index):
        kind, text, index = _member(pattern, index, first)
        first = False
        if pattern.startswith("-", index) and not pattern.startswith("-]", index):
            end_kind, end, index = _member(pattern, index + 1, first=True)
            if kind != "char" or end_kind != "char" or text > end:
                raise _UnsupportedError
            parts.append(f"{re.escape(text)}-{re.escape(end)}")
        else:
            parts.append(text if kind == "set" else re.escape(text))
    return "".join(parts) + "]", index + 1


def _quantifier(pattern: str, index: int) -> tuple[str, str, int]:
    """The quantifier at ``index``: ``*``, ``+``, ``?``, ``{n}``, ``{n,}`` or ``{n,m}``, maybe lazy (a ``?`` after)."""
    end = index + 1
    if pattern[index] == "{":
        end = pattern.find("}", index) + 1
        low, _, high = pattern[index + 1 : end - 1].partition(",")
        if not end or not _digits(low) or not (_digits(high) or not high):
            # A literal '{' only outside ECMA-262's unicode mode; and Python reads {,n} as {0,n}.
            raise _UnsupportedError
    end += pattern.startswith("?", end)
    return "quantifier", pattern[index:end], end


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _group(pattern: str, index: int) -> tuple[str, str, int]:
    """The opening of a group at ``index``: capturing, or not (``(?:``)."""
    if pattern.startswith("(?:", index):
        return "open", "(?:", index + 3
    if pattern.startswith("(?", index):
        raise _UnsupportedError  # look-arounds, named groups and flags: not read here
    return "open", "(", index + 1


def _token(pattern: str, index: int) -> tuple[str, str, int]:
    """The token at ``index``: its kind (atom, quantifier, open, close, boundary), its Python text, the next index."""
    char = pattern[index]
    if char == "[":
        text, index = _class(pattern, index + 1)
        return "atom", text, index
    if char == "\\":
        kind, text, index = _escape(pattern, index + 1, in_class=False)
        return "atom", text if kind == "set" else re.escape(text), index
    if char in "*+?{":
        return _quantifier(pattern, index)
    if char == "(":
        return _group(pattern, index)
    if char in _PLAIN:
        kind, text = _PLAIN[char]
        return kind, text, index + 1
    if char in ".]}":
        # ECMA-262's '.' refuses \r, \u2028 and \u2029 as well as \n, and the reference's (Python's) only \n:
        # no reading of it agrees with both. A lone ']' or '}' is an error in ECMA-262's unicode mode.
        raise _UnsupportedError
    return "atom", re.escape(_char(char)), index + 1


def _ecma(pattern: str) -> re.Pattern[str]:
    """An ECMA-262 ``pattern`` compiled for Python's re, to be used with ``search`` (patterns are unanchored)."""
    compiled = _PATTERNS.get(pattern)
    if compiled is None:
        compiled = _PATTERNS[pattern] = re.compile(_python(pattern))
    return compiled


def _python(pattern: str) -> str:
    """An ECMA-262 ``pattern`` written for Python's re, read the same way (or unsupported)."""
    out: list[str] = []
    index = depth = 0
    last = "open"
    while index < len(pattern):
        kind, text, index = _token(pattern, index)
        if kind == "quantifier" and last not in ("atom", "close"):
            raise _UnsupportedError  # nothing to repeat, a possessive '*+', or an assertion quantified
        depth += (kind == "open") - (kind == "close")
        if depth < 0:
            raise _UnsupportedError
        out.append(text)
        last = kind
    if depth:
        raise _UnsupportedError
    written = "".join(out)
    try:
        re.compile(written)
    except re.error:
        raise _UnsupportedError from None
    return written


# --------------------------------------------------------------------------- reading a schema's keywords


def _count(node: Mapping[str, Any], keyword: str, default: float) -> float:
    value = node.get(keyword, default)
    if value is default or (type(value) is int and value >= 0):
        return value
    raise _UnsupportedError


def _bound(node: Mapping[str, Any], keyword: str) -> float | None:
    if keyword not in node:
        return None
    value = node[keyword]
    if type(value) in (int, float) and value - value == 0:
        return value  # type: ignore[no-any-return]
    raise _UnsupportedError


def _subschemas(node: Mapping[str, Any], keyword: str) -> list[Any]:
    value = node.get(keyword, [])
    if type(value) is not list or (keyword in node and not value):
        raise _UnsupportedError
    return value


def _allowed(node: Mapping[str, Any]) -> Allowed:
    """The Python types ``type`` lets through, each with whether a float must be whole."""
    names = node.get("type")
    if names is None:
        return dict(_ANY)
    names = [names] if type(names) is str else names
    if type(names) is not list or not names or not all(type(name) is str and name in _TYPES for name in names):
        raise _UnsupportedError
    allowed: Allowed = {}
    for name in names:
        for kind in _TYPES[name]:
            allowed[kind] = allowed.get(kind, True) and name == "integer" and kind is float
    return allowed


def _members(node: Mapping[str, Any], allowed: Allowed) -> dict[type, Check] | None:
    """For ``enum`` or ``const``: for each type a member may have, the check that a value of that type is one."""
    if "enum" in node:
        members = node["enum"]
        if type(members) is not list:
            raise _UnsupportedError
    elif "const" in node:
        members = [node["const"]]
    else:
        return None
    try:
        keys = [(_kind(member), _key(member)) for member in members]
        if "enum" in node and "const" in node:  # both apply: the members the constant is JSON-equal to
            const = (_kind(node["const"]), _key(node["const"]))
            keys = [key for key in keys if key == const]
    except _DoubtError:
        raise _UnsupportedError from None
    checks: dict[type, Check] = {}
    for kind in allowed:
        same = frozenset(key for member_kind, key in keys if kind in member_kind)
        if same and kind in (str, int, float, _NULL):
            checks[kind] = same.__contains__  # their keys are the values themselves
        elif same:
            checks[kind] = _keyed(same)
    return checks


def _keyed(keys: frozenset[Any]) -> Check:
    """The check that a value is JSON-equal to one of the values whose :func:`_key` are ``keys``."""
    return lambda value: _key(value) in keys


def _kind(member: Any) -> tuple[type, ...]:
    """The Python types of values that may be JSON-equal to ``member``."""
    kind = type(member)
    return (int, float) if kind in (int, float) else (kind,)


# --------------------------------------------------------------------------- compiling


class _Compiler:
    """Compiles the schemas of one document into checks, each ``$ref`` once."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        if type(root) is not dict:
            raise _UnsupportedError
        dialect = root.get("$schema", _META_SCHEMA)
        if type(dialect) is not str or dialect.rstrip("#") != _META_SCHEMA or type(root.get("$id", "")) is not str:
            raise _UnsupportedError  # another dialect (or none the reference would know) reads keywords otherwise
        self.root = root
        self.body = {key: value for key, value in root.items() if key not in ("$schema", "$id")}
        self.targets: dict[str, Any] = {}
        self._done: dict[str, Check] = {}
        self._cells: dict[str, list[Check]] = {}

    def compile(self, node: Any, pending: frozenset[str] = frozenset()) -> Check:
        """The check for ``node``; ``pending`` holds the ``$ref`` followed since the value last changed."""
        if node is True or node is False:
            return _accept if node else _refuse
        if type(node) is not dict or not node.keys() <= _KEYWORDS:
            raise _UnsupportedError
        allowed = _allowed(node)
        members = _members(node, allowed)
        if members is not None:
            allowed = {kind: whole for kind, whole in allowed.items() if kind in members}
        typed = self._typed(node)
        applied = self._applicators(node, pending)
        if members is None and not applied and allowed.keys() == {str}:
            return _string_node(node)
        if members is None and allowed == _ANY and not typed:
            return _every(applied)  # nothing about the value's own type: each applicator judges it whole
        per_type: dict[type, Check] = {}
        for kind, whole in allowed.items():
            member = None if members is None else members[kind]
            own = [check for check in (typed.get(kind), member) if check is not None]
            if kind is float:
                own.insert(0, _whole if whole else _finite)
            per_type[kind] = _every([*own, *applied])
        return _dispatch(per_type)

    def _typed(self, node: Mapping[str, Any]) -> dict[type, Check]:
        """The checks of the keywords that apply to one JSON type, by the Python types they judge."""
        present = node.keys()
        typed: dict[type, Check | None] = {}
        if not present.isdisjoint(_NUMBER_KEYWORDS):
            typed[int] = typed[float] = _bounded(*(_bound(node, keyword) for keyword in _NUMBER_KEYWORDS))
        if not present.isdisjoint(_STRING_KEYWORDS):
            typed[str] = _string_check(node)
        if not present.isdisjoint(_ARRAY_KEYWORDS):
            unique = node.get("uniqueItems", False)
            if type(unique) is not bool:
                raise _UnsupportedError
            typed[list] = _sized(
                _count(node, "minItems", 0),
                _count(node, "maxItems", _UNBOUNDED),
                _array(self.compile(node["items"]) if "items" in node else None, unique),
            )
        if not present.isdisjoint(_OBJECT_KEYWORDS):
            typed[dict] = self._object(node)
        return {kind: check for kind, check in typed.items() if check is not None}

    def _object(self, node: Mapping[str, Any]) -> Check | None:
        properties = node.get("properties", {})
        required = node.get("required", [])
        if type(properties) is not dict or type(required) is not list or not all(type(k) is str for k in required):
            raise _UnsupportedError
        extra = node.get("additionalProperties", True)
        names = node.get("propertyNames", True)
        members = _object(
            {key: self.compile(value) for key, value in properties.items()},
            frozenset(required),
            None if extra is False else self.compile(extra),
            None if names is True else self.compile(names),
        )
        return _sized(_count(node, "minProperties", 0), _count(node, "maxProperties", _UNBOUNDED), members)

    def _applicators(self, node: Mapping[str, Any], pending: frozenset[str]) -> list[Check]:
        """The checks of ``$ref``, ``allOf``, ``anyOf``, ``oneOf`` and ``not``: each judges any value."""
        applied: list[Check] = []
        if "$ref" in node:
            applied.append(self._reference(node["$ref"], pending))
        applied += [self.compile(sub, pending) for sub in _subschemas(node, "allOf")]
        if "anyOf" in node:
            applied.append(_any_of([self.compile(sub, pending) for sub in _subschemas(node, "anyOf")]))
        if "oneOf" in node:
            applied.append(_one_of([self.compile(sub, pending) for sub in _subschemas(node, "oneOf")]))
        if "not" in node:
            applied.append(_not(self.compile(node["not"], pending)))
        return applied

    def _reference(self, reference: Any, pending: frozenset[str]) -> Check:
        if reference in pending:
            raise _UnsupportedError  # a loop of references that never moves into the value: endless in the reference
        done = self._done.get(reference)
        if done is not None:
            return done
        if reference in self._cells:
            return _forward(self._cells[reference])
        target = self._resolve(reference)
        cell = self._cells[reference] = []
        check = self.compile(target, pending | {reference})
        cell.append(check)
        del self._cells[reference]
        self._done[reference] = check
        return check

    def _resolve(self, reference: Any) -> Any:
        """The schema a local ``$ref`` (``#`` and a JSON pointer) names in the root document."""
        if type(reference) is not str or not reference.startswith("#") or "%" in reference:
            raise _UnsupportedError  # another document, an anchor, or an escape: the full road resolves those
        pointer = reference[1:]
        if pointer and not pointer.startswith("/"):
            raise _UnsupportedError
        target: Any = self.root
        for part in pointer.split("/")[1:]:
            step = part.replace("~1", "/").replace("~0", "~")
            if type(target) is dict and step in target:
                target = target[step]
            elif type(target) is list and step.isdigit() and step.isascii() and int(step) < len(target):
                target = target[int(step)]
            else:
                raise _UnsupportedError
        self.targets[reference] = target
        return target

    def covers(self) -> bool:
        """Whether every check that holds has looked at every part of the value (then no walk is needed)."""
        # The references' answers are the greatest fixed point: a schema that holds through itself
        # (a predicate within a predicate) looks everywhere if all the rest of it does.
        table = dict.fromkeys(self.targets, True)
        while True:
            again = {reference: _covers(target, table) for reference, target in self.targets.items()}
            if again == table:
                return _covers(self.body, table)
            table = again


def _covers(node: Any, table: dict[str, bool]) -> bool:
    """Whether ``node``, when it holds, has looked at every part of the value (``table``: each ``$ref``'s answer)."""
    if node is True or node is False:
        return node is False
    if "enum" in node or "const" in node or table.get(node.get("$ref", ""), False):
        return True
    if any(_covers(sub, table) for sub in node.get("allOf", ())):
        return True
    for keyword in ("anyOf", "oneOf"):
        if node.get(keyword) and all(_covers(sub, table) for sub in node[keyword]):
            return True
    names = node.get("type")
    kinds = set(_TYPES) if names is None else {names} if type(names) is str else set(names)
    if "object" in kinds and not (
        _covers(node.get("additionalProperties", True), table)
        and all(_covers(sub, table) for sub in node.get("properties", {}).values())
    ):
        return False
    return "array" not in kinds or _covers(node.get("items", True), table)


def compile_verdict(schema: Mapping[str, Any]) -> Callable[[Any], bool] | None:
    """A function saying whether a JSON value is valid under ``schema``, or ``None`` if this cannot judge it.

    The function's ``True`` is the reference validator's; its ``False`` is the reference's or a doubt
    (see the module's documentation). ``None`` comes for a schema with a keyword, a ``$ref`` or a
    pattern syntax not read here, including ``format``.

    >>> verdict = compile_verdict({"type": "array", "items": {"enum": [0, "zero"]}, "uniqueItems": True})
    >>> verdict([0, "zero"]), verdict([0, 0.0]), verdict([False])
    (True, False, False)
    >>> compile_verdict({"type": "string", "format": "date"}) is None
    True
    """
    try:
        compiler = _Compiler(schema)
        check = compiler.compile(compiler.body)
        covered = compiler.covers()
    except (_UnsupportedError, RecursionError):
        return None

    def verdict(value: Any) -> bool:
        try:
            return check(value) and (covered or _json_only(value))
        except (_DoubtError, RecursionError):
            return False

    return verdict


_SHIPPED: dict[str, Callable[[Any], bool] | None] = {}
_DOCUMENTS: dict[str, Any] = {}


def verdict_for(name: str) -> Callable[[Any], bool] | None:
    """The verdict of the shipped schema ``schemas/{name}.schema.json`` (``"evaluation"``, ``"ruleset"``, ...).

    The schema is read as package data and compiled on first use, then kept.
    """
    if name not in _SHIPPED:
        _SHIPPED[name] = compile_verdict(shipped_schema(name))
    return _SHIPPED[name]


def shipped_schema(name: str) -> Any:
    """The shipped schema ``schemas/{name}.schema.json`` as read, kept after the first reading."""
    if name not in _DOCUMENTS:
        _DOCUMENTS[name] = _read_schema(name)
    return _DOCUMENTS[name]


def names_schema(claim: str, schema_id: str, schema_file: str) -> bool:
    """Whether a ``$schema`` value names a schema: by its id, or by a path or URL ending in its file name.

    >>> names_schema(
    ...     "../schemas/evaluation.schema.json", "urn:tajimi-rules:schema:evaluation:1", "evaluation.schema.json"
    ... )
    True
    """
    return claim == schema_id or claim.rsplit("/", 1)[-1].split("#", 1)[0] == schema_file


def _read_schema(name: str) -> Any:
    if not (name.isascii() and name.isalpha()):
        raise ValueError(f"no shipped schema is named {name!r}")
    import json  # noqa: PLC0415 - loaded with the first verdict

    try:
        data = shipped_bytes("schemas", f"{name}.schema")
    except FileNotFoundError:
        raise ValueError(f"no shipped schema is named {name!r}") from None
    return json.loads(data)
