"""Laws of validation: fast and reference verdicts agree, quick and full checks agree, nothing crashes."""

from __future__ import annotations

import copy
import json
import string
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import tajimi_rules as tr
from tajimi_rules._convert import converter
from tajimi_rules._fractions import parse_fraction, parse_rate
from tajimi_rules.documents import _jsonio
from tajimi_rules.documents._jsonio import read_json
from tajimi_rules.documents._schemas import (
    Kind,
    fast_is_valid,
    fast_validator_available,
    schema,
    schema_problems,
    validator,
)
from tajimi_rules.documents._validate import KINDS, validate, validated

from .strategies import rule_sets

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE, _ = read_json(ROOT / "examples" / "tajimi-r4.json")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

needs_fast = pytest.mark.skipif(not fast_validator_available(), reason="the fast extra is not installed")

# Strategies --------------------------------------------------------------------------------

# Characters where ECMA-262 and Python's re disagree about \s, and line ends that $ cares about.
tricky_spaces = ["\n", "\r", "\t", " ", "\x1c", "\x85", "\xa0", "\u2028", "\u3000", "\ufeff"]
tricky = st.sampled_from([*tricky_spaces, "％", "/"])

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-2, max_value=2),
    st.text(max_size=8),
    st.text(alphabet=string.digits + "./% ", max_size=8),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8,
)


def _resolve(node: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        target: Any = root
        for token in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[token]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def from_schema(node: Mapping[str, Any], root: Mapping[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Documents shaped by a JSON Schema: mostly valid, sometimes not (anyOf/oneOf branches, patterns)."""
    node = _resolve(node, root)
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if "const" in node:
        return st.just(node["const"])
    for choice in ("anyOf", "oneOf"):
        if choice in node and all("type" in b or "$ref" in b or "const" in b for b in node[choice]):
            rest = {k: v for k, v in node.items() if k != choice}
            return st.one_of([from_schema({**rest, **branch}, root, depth) for branch in node[choice]])
    kind = node.get("type")
    if kind == "object":
        properties = node.get("properties", {})
        required = [key for key in node.get("required", ()) if key in properties]
        if depth > 6:
            return st.fixed_dictionaries({key: st.just(None) for key in required})
        optional = {
            key: from_schema(value, root, depth + 1) for key, value in properties.items() if key not in required
        }
        if "minProperties" in node and not required:
            # A predicate or an item grading: one key chosen.
            return st.sampled_from(sorted(properties)).flatmap(
                lambda key: from_schema(properties[key], root, depth + 1).map(lambda v: {key: v})
            )
        return st.fixed_dictionaries(
            {key: from_schema(properties[key], root, depth + 1) for key in required}, optional=optional
        )
    if kind == "array":
        low, high = node.get("minItems", 0), min(node.get("maxItems", 3), 3)
        if depth > 6:
            low = high = min(low, high)
        items = from_schema(node.get("items", {}), root, depth + 1)
        return st.lists(items, min_size=low, max_size=max(low, high), unique=bool(node.get("uniqueItems")))
    if kind == "string":
        if "pattern" in node:
            return st.one_of(
                st.from_regex(node["pattern"], fullmatch=True),
                st.tuples(st.from_regex(node["pattern"], fullmatch=True), tricky).map("".join),
            )
        return st.text(min_size=node.get("minLength", 0), max_size=min(node.get("maxLength", 12), 12))
    if kind == "integer":
        return st.integers(node.get("minimum", -5), min(node.get("maximum", 10**6), 10**6) + 1)
    if kind == "number":
        low, high = node.get("minimum", -1), node.get("maximum", 2)
        return st.decimals(min_value=low - 1, max_value=high + 1, places=3, allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    return json_values


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*at, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[Any]) -> Any:
    """A document with a few keys deleted, values replaced by other types, or keys added."""
    document = copy.deepcopy(draw(base))
    for _ in range(draw(st.integers(0, 3))):
        paths = [p for p in _paths(document) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = document
        for token in path[:-1]:
            parent = parent[token]
        action = draw(st.sampled_from(["delete", "replace", "add"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(json_values)
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=6))] = draw(json_values)
    return document


documents = {kind: from_schema(schema(kind), schema(kind)) for kind in KINDS}
# A layout has so many patterned ids and columns that a generated one is rarely valid: the shipped
# layout (and its mutations) makes sure both verdicts are seen.
documents["layout"] = st.one_of(
    documents["layout"],
    st.just(json.loads((ROOT / "src" / "tajimi_rules" / "layouts" / "mic-r4.json").read_text("utf-8"))),
)
# An overlay must extend a shipped catalog: one that does is among the documents.
documents["overlay"] = st.one_of(
    documents["overlay"],
    st.just({"id": "mine", "extends": "r4", "answers": {"implemented": ["導入しています"]}}),
)


@st.composite
def example_mutations(draw: st.DrawFn) -> Any:
    """The Tajimi example with counts shuffled, levels, rates or ids changed, keys deleted or retyped."""
    document = copy.deepcopy(EXAMPLE)
    categories = document["categories"]
    for _ in range(draw(st.integers(1, 4))):
        category = draw(st.sampled_from(categories))
        action = draw(st.sampled_from(["shuffle", "level", "implemented", "rate", "id", "zero", "name", "structure"]))
        items = category.get("items", [])
        if action == "shuffle" and "counts" in category:
            values = draw(st.permutations(list(category["counts"].values())))
            category["counts"] = dict(zip(category["counts"], values, strict=True))
        elif action == "level" and items:
            draw(st.sampled_from(items))["level"] = draw(st.sampled_from([lv.value for lv in tr.Level]))
        elif action == "implemented" and items:
            draw(st.sampled_from(items))["implemented"] = draw(st.booleans())
        elif action == "rate" and items:
            rate: Any = draw(
                st.one_of(
                    st.decimals(-1, 2, places=3),
                    st.sampled_from(["50%", "1/2", "3/2", "1/0", "0.5", "abc", True, None, [], {}]),
                )
            )
            draw(st.sampled_from(items))[draw(st.sampled_from(["national_rate", "prefecture_rate"]))] = rate
        elif action == "id":
            if len(items) >= 2 and draw(st.booleans()):
                first, second = draw(st.permutations(items))[:2]
                second["id"] = first["id"]
            else:
                category["id"] = draw(st.sampled_from([c["id"] for c in categories] + ["x"]))
        elif action == "zero" and "counts" in category:
            category["counts"] = dict.fromkeys(category["counts"], 0)
        elif action == "name":
            category["name"]["ja"] += draw(st.sampled_from(["й", "in", "Ω", "ツール"]))
        else:
            # A structural mutation may leave anything anywhere: it is the last change made.
            document = draw(mutated(st.just(document)))
            break
    return document


# Laws --------------------------------------------------------------------------------------


@needs_fast
@pytest.mark.parametrize("kind", KINDS)
def test_fast_verdict_is_the_reference_verdict(kind: Kind) -> None:
    """On documents shaped by the schema, mutated or not, the fast validator and jsonschema agree."""
    verdicts = {True: 0, False: 0}

    @SETTINGS
    @given(st.one_of(documents[kind], mutated(documents[kind]), json_values))
    def agree(document: Any) -> None:
        reference = validator(kind).is_valid(document)
        verdicts[reference] += 1
        assert fast_is_valid(document, kind) is reference

    agree()
    assert verdicts[True] > 0 and verdicts[False] > 0, "both verdicts must be exercised"


@pytest.mark.parametrize("kind", KINDS)
def test_worded_problems_exactly_when_invalid(kind: Kind) -> None:
    """The worded schema problems are empty exactly when the reference validator finds the document valid."""

    @SETTINGS
    @given(st.one_of(documents[kind], mutated(documents[kind]), json_values))
    def agree(document: Any) -> None:
        assert (schema_problems(document, kind) == []) is validator(kind).is_valid(document)

    agree()


@SETTINGS
@given(example_mutations())
def test_worded_problems_on_example_mutations(document: Any) -> None:
    """On mutations of the example, worded schema problems are empty exactly when the document is valid."""
    assert (schema_problems(document, "evaluation") == []) is validator("evaluation").is_valid(document)


@needs_fast
@SETTINGS
@given(example_mutations())
def test_fast_verdict_on_example_mutations(document: Any) -> None:
    """On mutations of the Tajimi example, the fast validator and jsonschema agree."""
    assert fast_is_valid(document, "evaluation") is validator("evaluation").is_valid(document)


def test_quick_and_full_checks_give_the_same_problems() -> None:
    """Mutations of the example give the same problems whether checked quickly or in full."""
    outcomes = {True: 0, False: 0}

    @SETTINGS
    @given(example_mutations())
    def agree(document: Any) -> None:
        quick = validate(document, kind="evaluation", fast=True)
        full = list(validated(document, kind="evaluation", fast=False, need_value=True).problems)
        outcomes[not full] += 1
        assert quick == full

    agree()
    assert outcomes[True] > 0 and outcomes[False] > 0, "both clean and broken documents must be exercised"


graded_rates = st.one_of(
    st.fractions(0, 1, max_denominator=12).map(lambda rate: f"{rate.numerator}/{rate.denominator}"),
    st.decimals(0, 1, places=3).map(float),
)
graded_items = st.lists(
    st.tuples(
        st.sampled_from([level.value for level in tr.Level]),
        st.sampled_from(["national_rate", "prefecture_rate"]),
        graded_rates,
    ),
    min_size=1,
    max_size=4,
)
item_gradings = st.builds(
    tr.rules.ItemGrading,
    threshold=st.fractions(0, 1, max_denominator=12),
    comparison=st.sampled_from(["at_least", "more_than"]),
    rate=st.sampled_from(["national", "prefecture"]),
)


def graded_evaluation(items: list[tuple[str, str, Any]]) -> bytes:
    """One category of ``items`` (level, rate key, rate), each implemented as its level says, written as bytes."""
    written = [
        {
            "id": f"item-{index}",
            "name": {"ja": f"項目{index}"},
            "level": level,
            "implemented": level in _DONE,
            key: rate,
        }
        for index, (level, key, rate) in enumerate(items)
    ]
    category = {"id": "graded", "group": {"ja": "分類"}, "name": {"ja": "分野"}, "items": written}
    document = {
        "municipality": {"code": "212041", "name": "多治見市", "prefecture": "岐阜県"},
        "survey": {"title": "令和4年度", "fiscal_year": 2022},
        "categories": [category],
    }
    return json.dumps(document, ensure_ascii=False).encode()


_DONE = {level.value for level in tr.Level if level.implemented}


def test_quick_and_full_checks_grade_items_alike() -> None:
    """Under any item grading, items whose rate confirms or contradicts their level get the same problems either way."""
    outcomes = {True: 0, False: 0}
    base = tr.load_rules("tajimi-r4")

    @SETTINGS
    @given(item_gradings, graded_items)
    def agree(grading: tr.rules.ItemGrading, items: list[tuple[str, str, Any]]) -> None:
        rules = attrs.evolve(base, item_grading=grading)
        data = graded_evaluation(items)
        quick = validate(data, rules=rules)
        full = list(validated(data, rules=rules, need_value=True).problems)
        outcomes[not full] += 1
        assert quick == full

    agree()
    assert outcomes[True] > 0 and outcomes[False] > 0, "both agreeing and contradicted levels must be exercised"


PARSERS: dict[str, Callable[[Any], object]] = {
    "evaluation": tr.documents.parse_evaluation,
    "ruleset": tr.documents.parse_rules,
    "catalog": tr.documents.parse_catalog,
    "layout": tr.survey.load_layout,
    "overlay": tr.survey.apply_overlay,
}


def test_every_kind_has_a_parser() -> None:
    """Each kind the pipeline knows has its raise-on-problems parser."""
    assert set(PARSERS) == set(KINDS)


@SETTINGS
@given(st.sampled_from(tuple(KINDS)).flatmap(lambda kind: st.tuples(st.just(kind), mutated(documents[kind]))))
def test_generated_documents_load_or_give_problems(case: tuple[Kind, Any]) -> None:
    """Documents generated from the schemas load or give problems, never another exception."""
    kind, document = case
    assert all(isinstance(p, tr.Problem) for p in validate(document))
    error = _load_error(PARSERS[kind], document)
    errors = [p for p in validate(document, kind=kind) if p.severity is tr.Severity.ERROR]
    assert (error is None) == (not errors)
    assert error is None or list(error.problems) == validate(document, kind=kind)


def _load_error(load: Callable[[Any], object], document: Any) -> tr.InvalidDocumentError | None:
    try:
        load(document)
    except tr.InvalidDocumentError as error:
        return error
    return None


@SETTINGS
@given(example_mutations())
def test_example_mutations_load_or_give_problems(document: Any) -> None:
    """Mutations of the example load or raise InvalidDocumentError with validate()'s problems."""
    error = _load_error(tr.documents.parse_evaluation, document)
    assert error is None or list(error.problems) == validate(document, kind="evaluation")


@SETTINGS
@given(st.binary(max_size=64) | json_values.map(lambda v: json.dumps(v, default=str).encode()))
def test_any_bytes_give_a_value_or_problems(data: bytes) -> None:
    """Any bytes validate to a list of problems; nothing raises."""
    assert isinstance(validate(data), list)


def json_text(value: Any) -> str:
    """``value`` written as JSON, decimals as numbers (``1E-7``, ``-0.5``), never as strings."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(key)}: {json_text(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(json_text(item) for item in value) + "]"
    return json.dumps(value)


# Numbers as documents write them: plain, with an exponent, some beyond what is read.
json_numbers = st.builds(
    lambda digits, exponent: Decimal(f"{digits}E{exponent}"),
    st.integers(-(10**25), 10**25),
    st.integers(-60, 30) | st.sampled_from([-5000, 99999999]),
)
numeric_values = st.recursive(
    json_scalars | json_numbers,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8,
)


@SETTINGS
@given(numeric_values, st.sampled_from(["", "dup", "nan", "deep", "long", "surrogate", "pair"]))
def test_quick_reading_is_the_careful_reading(value: Any, twist: str) -> None:
    """Reading JSON quickly gives exactly what the careful reading gives, problems included."""
    text = json_text(value)
    if twist == "dup":
        text = '{"a": 1, "a": ' + text + "}"
    elif twist == "nan":
        text = "[" + text + ", NaN]"
    elif twist == "deep":
        text = "[" * 70 + text + "]" * 70
    elif twist == "long":
        text = '{"n": 1234567890123456789, "v": ' + text + "}"
    elif twist == "surrogate":
        text = '{"\\udc00": ' + text + ', "s": "\\ud800"}'
    elif twist == "pair":
        text = '["\\ud83d\\ude00", ' + text + "]"
    data = text.encode()
    quick = read_json(data)
    original = _jsonio._quick_loads
    try:
        _jsonio._quick_loads = lambda *_args: _jsonio._CAREFUL
        careful = read_json(data)
    finally:
        _jsonio._quick_loads = original
    assert quick == careful


# Strings near the rate and cost forms: digits, separators and every kind of space.
_spaces = st.text(alphabet=tricky_spaces, max_size=2)
near_fractions = st.text(
    alphabet=string.digits + "./%％ " + "".join(tricky_spaces), min_size=1, max_size=10
) | st.builds(
    lambda before, core, after: before + core + after,
    _spaces,
    st.sampled_from(["1/2", "0.5", "1", "50%", "3 / 4", "12.5％", "1/0"]),
    _spaces,
)


@SETTINGS
@given(near_fractions, st.sampled_from(["national_rate", "cost"]))
def test_what_the_schema_admits_is_read(text: str, key: str) -> None:
    """A rate or cost string the schema admits is read by the parser (or has a zero denominator, said so)."""
    document = copy.deepcopy(EXAMPLE)
    document["categories"][0]["items"][0][key] = text
    where = f"/categories/0/items/0/{key}"
    found = [p for p in validate(document) if p.pointer == where]
    if any(p.code.startswith("schema.") for p in found):
        return
    read = parse_rate if key == "national_rate" else parse_fraction
    refused = None
    try:
        read(text)
    except ValueError as error:
        refused = str(error)
    if refused is None:
        assert {p.code for p in found} <= {"fraction.out_of_range"}, found
    else:
        assert "zero denominator" in refused, text
        assert [p.code for p in found] == ["fraction.invalid"]
        assert "zero denominator" in found[0].message


def test_what_the_library_writes_validates() -> None:
    """The example and the shipped rule sets, written back out by the converter, validate clean."""
    evaluation = tr.load_evaluation(ROOT / "examples" / "tajimi-r4.json")
    assert validate(converter.unstructure(evaluation), kind="evaluation") == []
    for name in tr.documents.builtin_rule_sets():
        written = converter.unstructure(tr.load_rules(name))
        assert validate(written, kind="ruleset") == []
        assert validate(_jsonio.dumps(written).encode()) == []


@SETTINGS
@given(rule_sets())
def test_written_rule_sets_validate(rule_set: tr.RuleSet) -> None:
    """Any rule set the library builds, written out, is a valid rule-set document."""
    written = converter.unstructure(rule_set)
    assume(len(written["rules"]) <= 64)
    assert validate(written, kind="ruleset") == []
