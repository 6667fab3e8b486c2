"""The standard-library schema verdicts: the reference validator's answer, or a doubt that says False.

The reference is jsonschema's Draft 2020-12 validator as the package sets it up
(:func:`tajimi_rules.documents._schemas.validator`); ``jsonschema-rs`` (the fast extra) is held
to the same answers where it gives one. A verdict may differ from the reference only by doubting
(``False``) a value that holds a NaN or an infinity, something that is no JSON value, or an array
of arrays whose duplicate the reference's sorting misses.
"""

from __future__ import annotations

import ast
import json
import math
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tajimi_rules._light._schema import compile_verdict, verdict_for
from tajimi_rules.documents._schemas import Kind, fast_is_valid, schema, validator

from .conftest import EXAMPLE, ROOT
from .hostile.test_fuzz import _paths, _set, documents, mutated, repair
from .large_inputs import evaluation_document

KINDS: tuple[Kind, ...] = ("evaluation", "ruleset", "catalog", "layout", "overlay")
# The fuzzing strategy draws every kind; it does not model the layout's column-or-pair choice (a oneOf
# of branches with "not"), so drawn layouts are invalid ones: the shipped layout is the valid case.
DRAWN = settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
REFERENCE = type(validator("evaluation"))
"""The reference validator class, built as the package builds it, for schemas written here."""


def finite(value: Any) -> bool:
    """Whether ``value`` holds no NaN and no infinity, at any depth."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(map(finite, value.values()))
    if isinstance(value, list):
        return all(map(finite, value))
    return True


def assert_agrees(kind: Kind, document: Any) -> bool:
    """The verdict on ``document`` is the reference's (and jsonschema-rs's), or False on a NaN or an infinity."""
    verdict = verdict_for(kind)
    assert verdict is not None
    reference = validator(kind).is_valid(document)
    expected = reference and finite(document)
    assert verdict(document) is expected, (kind, reference)
    fast = fast_is_valid(document, kind)
    if fast is not None and finite(document):
        assert fast is reference
    return expected


# --------------------------------------------------------------------------- what compiles


@pytest.mark.parametrize("kind", KINDS)
def test_every_shipped_schema_compiles(kind):
    """Each shipped schema gets a verdict, compiled once and kept."""
    verdict = verdict_for(kind)
    assert verdict is not None
    assert verdict_for(kind) is verdict
    assert compile_verdict(schema(kind)) is not None


@pytest.mark.parametrize(
    "unread",
    [
        {"type": "string", "format": "date"},
        {"type": "object", "dependentRequired": {"a": ["b"]}},
        {"prefixItems": [{"type": "string"}]},
        {"items": [{"type": "string"}]},
        {"$ref": "https://example.com/other.schema.json"},
        {"$ref": "other.schema.json#/$defs/x"},
        {"$ref": "#/$defs/missing", "$defs": {}},
        {"$ref": "#/$defs/a%20b", "$defs": {"a b": {}}},
        {"$ref": "#anchor", "$defs": {"x": {"$anchor": "anchor"}}},
        {"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"},
        {"$defs": {"a": {"anyOf": [{"$ref": "#/$defs/b"}]}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"},
        {"properties": {"a": {"$id": "urn:x", "type": "string"}}},
        {"properties": {"a": {"$schema": "http://json-schema.org/draft-07/schema#"}}},
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"},
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "#"},
        {"minLength": "1"},
        {"minimum": True},
        {"required": "id"},
        {"anyOf": []},
    ],
)
def test_a_schema_outside_what_is_read_gets_no_verdict(unread):
    """An unknown keyword, format, a $ref that is not local or loops in place, a sub-dialect: no verdict."""
    assert compile_verdict(unread) is None


@pytest.mark.parametrize(
    "pattern",
    [
        "^a.b$",  # ECMA-262's '.' refuses \r and \u2028, Python's only \n
        r"\bword\b",
        r"(?<=a)b",
        r"(?i)abc",
        r"(?P<name>a)",
        r"\p{L}",
        r"(a)\1",
        r"\cA",
        r"\0",
        r"\u{1F600}",
        r"\ud83d\ude00",
        "[]",
        "[^]",
        r"[\D]",
        "[a-c-e]",
        "[[a]]",
        "[a--b]",
        r"[\d-z]",
        "[z-a]",
        "a{,3}",
        "a{2,1}",
        "a{x}",
        "a{٣}",
        "a*+",
        "a**",
        "*a",
        "^*",
        "(a",
        "a)",
        "a]",
        "a}",
        "\\",
        "[a",
    ],
)
def test_a_pattern_outside_what_is_read_gets_no_verdict(pattern):
    """Pattern syntax that Python and ECMA-262 read differently, or that is not read here: no verdict."""
    assert compile_verdict({"type": "string", "pattern": pattern}) is None


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


SHIPPED_PATTERNS = sorted({found for kind in KINDS for found in _patterns(schema(kind))})
# Characters where ECMA-262 and Python's re part ways: line ends for '$', Unicode digits, wide forms and spaces.
_AWKWARD = st.sampled_from(
    ["\n", "\r", "\u2028", "٣", "３", "0", "9", "/", "%", "％", ".", " ", "\u3000", "\t", "a", "Z"]
)


@pytest.mark.parametrize("pattern", SHIPPED_PATTERNS)
def test_each_shipped_pattern_is_read_as_the_reference_reads_it(pattern):
    """Each pattern of the shipped schemas judges strings as the reference does, awkward characters included."""
    node = {"type": "string", "pattern": pattern}
    verdict = compile_verdict(node)
    assert verdict is not None
    reference = REFERENCE(node)
    seen = {True: 0, False: 0}

    @DRAWN
    @given(
        st.one_of(
            st.from_regex(pattern, fullmatch=True),
            st.from_regex(pattern, fullmatch=True).map(lambda text: text + "\n"),
            st.text(_AWKWARD, max_size=12),
        )
    )
    def agree(text: str) -> None:
        seen[reference.is_valid(text)] += 1
        assert verdict(text) is reference.is_valid(text)

    agree()
    assert seen[True] and seen[False]


# --------------------------------------------------------------------------- agreement on documents


@pytest.mark.parametrize("kind", KINDS)
def test_drawn_documents_get_the_reference_verdict(kind):
    """Documents drawn from the schema, repaired in meaning or not, get the reference's verdict."""
    outcomes: set[bool] = set()

    @DRAWN
    @given(documents(kind), st.booleans())
    def agree(document: dict[str, Any], repaired: bool) -> None:
        outcomes.add(assert_agrees(kind, repair(kind, document) if repaired else document))

    agree()
    assert True in outcomes or kind == "layout"


_UNREADABLE = object()


def _parsed(drawn: Any) -> Any:
    """A mutation as a JSON value: bytes are parsed, as :func:`json.loads` reads them (NaN included)."""
    if not isinstance(drawn, bytes):
        return drawn
    try:
        return json.loads(drawn)
    except (ValueError, RecursionError):
        return _UNREADABLE


@pytest.mark.parametrize("kind", KINDS)
def test_mutated_documents_get_the_reference_verdict(kind):
    """Documents with keys dropped, values replaced, deep wrapping, odd tokens or NaN: the reference's verdict."""

    @DRAWN
    @given(mutated(kind))
    def agree(drawn: Any) -> None:
        document = _parsed(drawn)
        assume(document is not _UNREADABLE)
        assert_agrees(kind, document)

    agree()


def _documents() -> Iterator[Path]:
    folders = [ROOT / "examples", ROOT / "tests" / "broken"]
    folders += [ROOT / "src" / "tajimi_rules" / name for name in ("rulesets", "catalogs", "layouts")]
    for folder in folders:
        yield from sorted(folder.glob("*.json"))


def _json_files() -> list[Any]:
    found = []
    for path in _documents():
        try:
            json.loads(path.read_bytes())
        except ValueError:
            continue
        found.append(pytest.param(path, id=str(path.relative_to(ROOT))))
    return found


@pytest.mark.parametrize("path", _json_files())
def test_each_file_gets_the_reference_verdict_for_every_kind(path):
    """The example, the broken files and the shipped documents that parse: the reference verdict, for each kind."""
    document = json.loads(path.read_bytes())
    for kind in KINDS:
        assert_agrees(kind, document)


def test_the_national_size_evaluation_is_valid():
    """A national-size evaluation (16 categories, 176 named items with rates) is valid, as the reference says."""
    document = json.loads(json.dumps(evaluation_document(16, (3, 3, 3, 2), items=11)))
    assert assert_agrees("evaluation", document)


_KEYS = st.sampled_from(["a", "b", "c"])
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0.0, 1.0, -1.5, 2.5, 1e300]),
    st.text("ab1 ", max_size=3),
)
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3), max_leaves=8
)
_TYPE_NAMES = st.sampled_from(["object", "array", "string", "integer", "number", "boolean", "null"])
_LEAVES = st.one_of(
    st.builds(lambda name: {"type": name}, _TYPE_NAMES | st.lists(_TYPE_NAMES, min_size=1, max_size=3, unique=True)),
    st.builds(lambda members: {"enum": members}, st.lists(_VALUES, min_size=1, max_size=3)),
    st.builds(lambda member: {"const": member}, _VALUES),
    st.builds(
        lambda keyword, bound: {keyword: bound},
        st.sampled_from(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
        st.sampled_from([0, 1, 1.5, -1]),
    ),
    st.builds(
        lambda keyword, size: {keyword: size},
        st.sampled_from(["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"]),
        st.integers(0, 3),
    ),
    st.builds(lambda pattern: {"pattern": pattern}, st.sampled_from(["^a", "b$", "^[^a]*$", r"^\d$", r"\s", "a{2}"])),
    st.builds(lambda keys: {"required": keys}, st.lists(_KEYS, max_size=2)),
    st.just({"uniqueItems": True}),
    st.just({}),
    st.booleans(),
)


def _merged(one: Any, two: Any) -> Any:
    """Two schemas' keywords in one schema (the second's where both have one)."""
    return {**one, **two} if isinstance(one, dict) and isinstance(two, dict) else one


def _wider(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.builds(lambda members: {"properties": members}, st.dictionaries(_KEYS, inner, max_size=2)),
        st.builds(
            lambda keyword, sub: {keyword: sub},
            st.sampled_from(["items", "additionalProperties", "propertyNames", "not"]),
            inner,
        ),
        st.builds(
            lambda keyword, subs: {keyword: subs},
            st.sampled_from(["anyOf", "oneOf", "allOf"]),
            st.lists(inner, min_size=1, max_size=3),
        ),
        st.builds(
            lambda one, two: {**one, **two} if isinstance(one, dict) and isinstance(two, dict) else one, inner, inner
        ),
    )


_RANDOM_SCHEMAS = st.recursive(_LEAVES, _wider, max_leaves=6).filter(lambda node: isinstance(node, dict))


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(_RANDOM_SCHEMAS, st.lists(_VALUES | st.just(float("nan")), min_size=1, max_size=5))
@example(node={"const": None, "enum": [""]}, values=[""])  # both apply: nothing is allowed
def test_random_schemas_get_the_reference_verdict(node, values):
    """Schemas built from the keywords read here, on small values: never True where the reference says invalid.

    And the reference's verdict exactly, unless a value holds a NaN (or the schema asks for unique items, where
    an array of arrays may be doubted).
    """
    verdict = compile_verdict(node)
    assert verdict is not None
    reference = REFERENCE(node)
    for value in values:
        valid = reference.is_valid(value)
        assert verdict(value) <= valid
        if finite(value) and "uniqueItems" not in json.dumps(node):
            assert verdict(value) is valid


# --------------------------------------------------------------------------- JSON's meaning, not Python's

NESTED = {"$defs": {"list": {"type": "array", "items": {"$ref": "#/$defs/list"}}}, "$ref": "#/$defs/list"}
EXACT: list[tuple[Any, Any, bool]] = [
    # enum and const compare by JSON equality: false is not 0, true is not 1, 1 is 1.0, at any depth.
    ({"enum": [0]}, False, False),
    ({"enum": [0]}, 0.0, True),
    ({"enum": [False]}, 0, False),
    ({"enum": [1, "a"]}, True, False),
    ({"enum": [None]}, None, True),
    ({"enum": [[1], {"a": 1}]}, [1.0], True),
    ({"enum": [[1], {"a": 1}]}, {"a": True}, False),
    ({"const": 1}, True, False),
    ({"const": 1}, 1.0, True),
    ({"const": True}, 1, False),
    ({"const": [1, {"a": False}]}, [1.0, {"a": False}], True),
    ({"const": [1, {"a": False}]}, [1, {"a": 0}], False),
    # uniqueItems, by the same equality.
    ({"uniqueItems": True}, [1, True], True),
    ({"uniqueItems": True}, [0, False], True),
    ({"uniqueItems": True}, [1, 1.0], False),
    ({"uniqueItems": True}, ["a", "b", "a"], False),
    ({"uniqueItems": True}, [None, None], False),
    ({"uniqueItems": True}, [{"a": 1}, {"a": 1.0}], False),
    ({"uniqueItems": True}, [{"a": 1}, {"a": True}], True),
    ({"uniqueItems": True}, [[1], [True]], True),
    ({"uniqueItems": True}, [[1], [1.0]], False),
    ({"not": {"uniqueItems": True}}, [[1], [True], [1]], False),
    # A boolean is no number; a float with no fraction is an integer; comparisons are exact.
    ({"type": "integer"}, 1.0, True),
    ({"type": "integer"}, 1.5, False),
    ({"type": "integer"}, True, False),
    ({"type": "number"}, False, False),
    ({"type": ["integer", "string"]}, 2.0, True),
    ({"type": ["integer", "number"]}, 1.5, True),
    ({"type": ["number", "integer"]}, 1.5, True),
    ({"minimum": 5}, True, True),
    ({"type": "integer", "maximum": 10**20}, 10**20, True),
    ({"type": "integer", "maximum": 10**20}, 10**20 + 1, False),
    ({"maximum": 9007199254740992}, 9007199254740993, False),
    ({"exclusiveMaximum": 1}, 1.0, False),
    ({"exclusiveMinimum": 0}, 1e-300, True),
    ({"exclusiveMinimum": 0}, 0, False),
    ({"type": "boolean"}, 1, False),
    ({"type": "null"}, 0, False),
    # Lengths count code points: an astral character is one, a lone surrogate is one.
    ({"maxLength": 1}, "😀", True),
    ({"minLength": 2}, "😀", False),
    ({"maxLength": 1}, "\ud800", True),
    ({"maxLength": 1}, "か\u3099", False),
    # Patterns are ECMA-262's, unanchored: \d, \w and \s by their fixed sets, '$' at the very end only.
    ({"pattern": r"^\d+$"}, "123", True),
    ({"pattern": r"^\d+$"}, "١٢٣", False),
    ({"pattern": r"^\d+$"}, "１２３", False),
    ({"pattern": r"[\d.]"}, "٣", False),
    ({"pattern": r"^\w+$"}, "é", False),
    ({"pattern": r"^\s$"}, "\u3000", True),
    ({"pattern": r"^\s$"}, "\ufeff", True),
    ({"pattern": r"^\s$"}, "\x85", False),
    ({"pattern": r"^\S$"}, "\x85", True),
    ({"pattern": "^[0-9]{6}$"}, "212041\n", False),
    ({"pattern": "^[0-9]{6}$"}, "212041", True),
    ({"pattern": "an"}, "banana", True),
    ({"pattern": r"^\u0041\x42$"}, "AB", True),
    ({"pattern": "^[%％]$"}, "％", True),
    ({"pattern": r"^(?:a|b\.)+?c$"}, "ab.c", True),
    ({"pattern": "^x"}, 12, True),
    # Objects and the applicators.
    ({"required": ["a"]}, {"b": 1}, False),
    ({"required": ["a"]}, ["a"], True),
    ({"properties": {"a": {}}, "required": ["b"]}, {"a": 1}, False),
    ({"properties": {"a": {}}, "required": ["b"], "additionalProperties": False}, {"a": 1}, False),
    ({"propertyNames": {"pattern": "^[a-z]+$"}}, {"ab": 1, "Ab": 2}, False),
    ({"additionalProperties": {"type": "integer"}}, {"a": 1.0}, True),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"a": "x", "b": 1}, False),
    ({"minProperties": 1, "maxProperties": 1}, {}, False),
    ({"minItems": 1, "maxItems": 2, "items": {"type": "string"}}, ["a", "b", "c"], False),
    ({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, 1, False),
    ({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, -1, True),
    ({"anyOf": [{"type": "integer"}, {"type": "string"}]}, None, False),
    ({"allOf": [{"minimum": 0}, {"maximum": 1}]}, 2, False),
    ({"not": {"type": "string"}}, 1, True),
    ({"not": {"not": {"const": 0}}}, False, False),
    ({"type": "array", "items": False}, [], True),
    (
        {"$defs": {"list": {"type": "array", "items": {"$ref": "#/$defs/list"}}}, "$ref": "#/$defs/list"},
        [[[]], []],
        True,
    ),
    ({"$defs": {"list": {"type": "array", "items": {"$ref": "#/$defs/list"}}}, "$ref": "#/$defs/list"}, [[[1]]], False),
]


@pytest.mark.parametrize(("node", "value", "valid"), EXACT)
def test_json_meaning_not_pythons(node, value, valid):
    """Booleans, integral floats, JSON equality, code points, ECMA-262 patterns: the verdict is the reference's."""
    verdict = compile_verdict(node)
    assert verdict is not None
    assert REFERENCE(node).is_valid(value) is valid
    assert verdict(value) is valid


class _Object(dict):  # type: ignore[type-arg]
    """A mapping no JSON reader gives."""


DOUBTED = [
    # No JSON number, though the reference takes a NaN for a number in any range.
    ({"type": "number", "minimum": 0, "maximum": 1}, float("nan")),
    ({"type": "number"}, float("inf")),
    ({"not": {"type": "string"}}, float("-inf")),
    ({"type": "array", "items": {"type": "number"}}, [float("nan")]),
    # The reference sorts [1], [true] and [1] as equal, compares neighbours only, and misses the duplicate.
    ({"uniqueItems": True}, [[1], [True], [1]]),
    # No JSON value, wherever it is; the reference takes tuples for arrays and mappings for objects.
    ({}, (1, 2)),
    ({"type": "array"}, (1,)),
    ({"type": "object"}, {1: "a"}),
    ({"not": {"properties": {"a": {}}, "additionalProperties": False}}, {1: "a"}),
    ({"type": "object", "additionalProperties": {"type": "string"}}, {1: "a"}),
    ({"type": "object"}, {"a": {1, 2}}),
    ({"type": "object"}, _Object(a=1)),
    ({"type": "number"}, Decimal(1)),
    ({"not": {"type": "string"}}, b"x"),
    ({"properties": {"a": {"type": "integer"}}}, {"a": 1, "b": [object()]}),
    ({"anyOf": [{"type": "array"}, {"type": "object"}]}, [1, {"b": (2,)}]),
]


@pytest.mark.parametrize(("node", "value"), DOUBTED)
def test_a_doubt_is_false(node, value):
    """NaN, infinities, what no JSON reader gives, a duplicate the reference misses: False where it says valid."""
    verdict = compile_verdict(node)
    assert verdict is not None
    assert REFERENCE(node).is_valid(value)
    assert verdict(value) is False


def _replaced(document: Any, path: tuple[Any, ...], new: Any) -> Any:
    return _set(json.loads(json.dumps(document)), path, new)


_EXAMPLE = json.loads(EXAMPLE.read_text("utf-8"))
# Each gives a value that no JSON reader gives, in place of a value of the example.
_FOREIGN: list[Callable[[Any], Any]] = [
    lambda value: tuple(value) if isinstance(value, list) else (value,),
    lambda value: _Object(value) if isinstance(value, dict) else [value, _Object()],
    lambda value: Decimal(1) if isinstance(value, int) and not isinstance(value, bool) else [value, Decimal(1)],
    lambda value: {1: value},
    lambda value: float("nan"),
    lambda value: object(),
]


@settings(max_examples=60, deadline=None, database=None)
@given(st.sampled_from(list(_paths(_EXAMPLE))), st.sampled_from(_FOREIGN))
def test_anything_but_json_anywhere_is_false(path, foreign):
    """A value no JSON reader gives, or a NaN, put anywhere in the valid example: the verdict is False."""
    verdict = verdict_for("evaluation")
    assert verdict is not None and verdict(_EXAMPLE)
    original: Any = _EXAMPLE
    for step in path:
        original = original[step]
    assert verdict(_replaced(_EXAMPLE, path, foreign(original))) is False


def test_a_schema_that_looks_nowhere_still_refuses_what_is_no_json():
    """A schema that does not look at some members still finds a value no JSON reader gives, at any depth."""
    verdict = compile_verdict({"type": "object", "properties": {"a": {"type": "integer"}}})
    assert verdict is not None
    assert verdict({"a": 1, "b": [{"c": None, "d": 1.5}]}) is True
    assert verdict({"a": 1, "b": [{"c": (None,)}]}) is False
    assert verdict({"a": 1, "b": [float("nan")]}) is False


def test_verdict_for_names_only_shipped_schemas():
    """``verdict_for`` reads only the shipped schemas, by their plain names."""
    for name in ("../schemas/evaluation", "evaluation.schema", "nothing"):
        with pytest.raises(ValueError, match="no shipped schema"):
            verdict_for(name)


# --------------------------------------------------------------------------- what importing costs

_MAY_LOAD = ("tajimi_rules._light", "tajimi_rules._texts")
_HEAVY = ("attrs", "cattrs", "jsonschema", "jsonschema_rs", "typing")


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(repr(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(ast.literal_eval(out.splitlines()[-1]))


def _outside_the_core(modules: set[str]) -> set[str]:
    ours = {name for name in modules if name.split(".")[0] == "tajimi_rules"}
    # The package itself and its version come with any of its modules.
    return {
        name
        for name in ours - {"tajimi_rules", "tajimi_rules._version"}
        if not any(name == home or name.startswith(home + ".") for home in _MAY_LOAD)
    }


def test_importing_the_verdicts_loads_only_the_standard_library():
    """Importing the module loads no third-party module, not typing, and nothing of the package beyond its core."""
    loaded = _loaded_after("import tajimi_rules._light._schema")
    assert not loaded & set(_HEAVY)
    assert not _outside_the_core(loaded)


def test_judging_a_document_loads_only_the_standard_library():
    """Compiling the evaluation verdict and judging the example loads no third-party module nor the full road."""
    loaded = _loaded_after(
        "import json\nfrom tajimi_rules._light._schema import verdict_for\n"
        f"assert verdict_for('evaluation')(json.loads(open({str(EXAMPLE)!r}, 'rb').read()))"
    )
    # typing comes with importlib.resources, which reads the schema as package data.
    assert not loaded & (set(_HEAVY) - {"typing"})
    assert not _outside_the_core(loaded)
