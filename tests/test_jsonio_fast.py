"""The strict reader's quick path and the quick draft let through exactly what the careful reading gives."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tajimi_rules._light import _json
from tajimi_rules.documents import _jsonio, _pipeline
from tajimi_rules.documents._jsonio import read_json
from tajimi_rules.documents._kinds import KINDS
from tajimi_rules.documents._loaders import context_for
from tajimi_rules.documents._validate import validate

from .test_validate_properties import example_mutations, json_text

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def careful(data: bytes) -> tuple[Any, list[Any]]:
    """``read_json`` with the quick path switched off."""
    original = _jsonio._quick_loads
    try:
        _jsonio._quick_loads = lambda *_args: _jsonio._CAREFUL
        return read_json(data)
    finally:
        _jsonio._quick_loads = original


def shape(value: Any) -> Any:
    """``value`` with every number tagged by its type and exact digits, so ``0.5`` and ``0.50`` differ."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    if isinstance(value, Decimal):
        return ("decimal", value.as_tuple())
    return (type(value).__name__, value)


# Decimals as people write them: few or many digits, trailing zeros, signs, exponents.
written_decimals = st.builds(
    lambda whole, fraction, exponent: whole + ("." + fraction if fraction else "") + exponent,
    st.sampled_from(["0", "1", "-0", "12", "-3", "123456789", "12345678901234", "999999999999999"]),
    st.text(alphabet="0123456789", max_size=18),
    st.sampled_from(["", "", "", "e3", "E-2", "e+0"]),
)
documents = st.recursive(
    written_decimals | st.sampled_from(["true", "false", "null", '"a:b"', '"x.50"', "7"]),
    lambda inner: (
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
        | st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), inner), max_size=4).map(
            lambda pairs: "{" + ", ".join(f'"{key}": {item}' for key, item in pairs) + "}"
        )
    ),
    max_leaves=10,
)


@SETTINGS
@given(documents)
def test_quick_reading_keeps_every_digit_of_the_careful_reading(text: str) -> None:
    """On decimals, arrays, objects and repeated keys, the quick reading equals the careful one, digit for digit."""
    data = text.encode()
    quick, careful_ = read_json(data), careful(data)
    assert shape(quick[0]) == shape(careful_[0])
    assert [p.code for p in quick[1]] == [p.code for p in careful_[1]]


@pytest.mark.parametrize(
    "text",
    ["0.50", "2.0", "1.10", "[0.5, 0.50, 0.500]", '{"r": 0.250}', "123456789012345.5", "1e-99999999", "1.5E3"],
)
def test_numbers_a_float_would_change_are_read_carefully(text: str) -> None:
    """Trailing zeros, 16 significant digits and exponents keep exactly the decimal written."""
    value, problems = read_json(text.encode())
    careful_value, careful_problems = careful(text.encode())
    assert shape(value) == shape(careful_value)
    assert [p.code for p in problems] == [p.code for p in careful_problems]


def test_peek_sees_floats_that_stand_exactly_for_the_decimals() -> None:
    """``peek`` sees the document with floats; the value returned has the decimals written."""
    seen: list[Any] = []
    value, problems = read_json(
        b'{"rate": 0.234, "items": [0.5, {"r": 0.001}], "n": 3}', peek=lambda doc: seen.append(shape(doc))
    )
    assert problems == []
    assert seen == [shape({"rate": 0.234, "items": [0.5, {"r": 0.001}], "n": 3})]
    assert shape(value) == shape({"rate": Decimal("0.234"), "items": [Decimal("0.5"), {"r": Decimal("0.001")}], "n": 3})


def test_a_duplicate_key_seen_by_peek_still_is_a_problem() -> None:
    """A document with a key written twice is reported even after ``peek`` has seen it."""
    value, problems = read_json(b'{"a": 1, "b": {"c": 0.5, "c": 0.5}}', peek=lambda _doc: None)
    assert value is None
    assert [p.code for p in problems] == ["json.duplicate_key"]


def test_the_example_is_read_quickly() -> None:
    """The shipped example goes through the quick path and reads as the careful reading does."""
    data = (ROOT / "examples" / "tajimi-r4.json").read_bytes()
    assert _jsonio._quick_loads(data, data.decode(), _jsonio.DEFAULT_MAX_DEPTH) is not _jsonio._CAREFUL
    assert shape(read_json(data)[0]) == shape(careful(data)[0])


@pytest.mark.parametrize("depth", [63, 64, 65, 70])
def test_nesting_at_the_limit_reads_as_the_careful_reading(depth: int) -> None:
    """Arrays nested around the depth limit give the same value or problem on both paths."""
    data = ("[" * depth + "1" + "]" * depth).encode()
    quick, careful_ = read_json(data), careful(data)
    assert json.dumps(quick[0]) == json.dumps(careful_[0])
    assert [p.code for p in quick[1]] == [p.code for p in careful_[1]]


def test_colons_and_brackets_inside_strings_do_not_count() -> None:
    """Key separators, brackets and escaped quotes inside strings are not taken for structure."""
    data = b'{"$schema": "urn:a:b", "t": "[{\\"x\\": 1}]", "u": "\\\\", "v": "a\\\\\\"b:{"}'
    value, problems = read_json(data)
    assert problems == []
    assert _jsonio._quick_loads(data, data.decode(), 64) is not _jsonio._CAREFUL
    assert value == json.loads(data)


# The quick verdict of validation: a draft read with the fast extra's parser -------------------------

needs_fast = pytest.mark.skipif(_json.fast_json() is None, reason="the fast extra is not installed")


def exact(value: Any) -> Any:
    """``value`` with every number as an exact fraction, so a draft's floats compare with the careful decimals."""
    if isinstance(value, dict):
        return {key: exact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [exact(item) for item in value]
    if isinstance(value, float):
        return ("number", Fraction(Decimal(repr(value))))
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return ("number", Fraction(value))
    return (type(value).__name__, value)


twisted = st.tuples(
    documents,
    st.sampled_from(["", "dup", "escaped dup", "nan", "deep", "long", "surrogate", "backslash", "colon", "bom"]),
)


def twist(text: str, how: str) -> bytes:
    """``text`` with one thing the reader must notice (or must not be misled by) wrapped around it."""
    wrapped = {
        "": text,
        "dup": '{"a": 1, "a": ' + text + "}",
        "escaped dup": '{"a": ' + text + ', "\\u0061": 2}',
        "nan": "[" + text + ", NaN]",
        "deep": "[" * 64 + text + "]" * 64,
        "long": '{"n": 1234567890123456789, "v": ' + text + "}",
        "surrogate": '{"s": "\\ud800", "v": ' + text + "}",
        "backslash": '{"p": "C:\\\\x\\"", "q:": ' + text + "}",
        "colon": '{":": ":", "v": ' + text + "}",
        "bom": "\ufeff" + text,
    }[how]
    return wrapped.encode()


@needs_fast
@SETTINGS
@given(twisted)
def test_a_quick_draft_holds_the_values_of_the_careful_reading(case: tuple[str, str]) -> None:
    """A draft is given only for documents read without problems, and holds exactly their values."""
    data = twist(*case)
    draft = _json.quick_draft(data)
    value, problems = careful(data)
    if draft is not None:
        assert problems == []
        assert exact(draft) == exact(value)


@needs_fast
@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 1}',
        '{"a": {"b": 0.5, "b": 0.5}}',
        '{"a": 1, "\\u0061": 1}',
        '{"k\\"": 1, "k\\u0022": 1}',
        '{"x:": ":", "x:": ":"}',
        '{"s": "\\ud800"}',
        "[1e-400]",
        "[1E400]",
        "[12345678901234567890]",
        "[NaN]",
        "[1, 2,]",
        "",
        "[" * 66 + "]" * 66,
    ],
)
def test_what_the_careful_reading_refuses_gives_no_draft(text: str) -> None:
    """Repeated keys (however written), lone surrogates, numbers out of range, bad syntax and deep nesting: no draft."""
    data = text.encode()
    assert careful(data)[1] != []
    assert _json.quick_draft(data) is None


@needs_fast
@pytest.mark.parametrize("text", ["[0.1234567890123456]", "[1234567890123456]", "[1.5e2]", '["\\ud83d\\ude00"]'])
def test_numbers_a_float_may_not_keep_give_no_draft(text: str) -> None:
    """Sixteen digits, exponents and surrogate escapes are left to the careful reading, which accepts them."""
    data = text.encode()
    assert careful(data)[1] == []
    assert _json.quick_draft(data) is None


@needs_fast
@pytest.mark.parametrize("depth", [63, 64, 65])
def test_a_draft_keeps_to_the_depth_limit(depth: int) -> None:
    """Values nested deeper than the limit give no draft; up to it, the draft is the value."""
    data = ("[" * depth + "1" + "]" * depth).encode()
    draft = _json.quick_draft(data)
    assert (draft is not None) is (depth <= _json.DEFAULT_MAX_DEPTH)
    assert (draft is None) or json.dumps(draft) == data.decode()


def test_the_example_gives_a_draft() -> None:
    """The shipped example is read as a draft when the fast extra is installed, and then equals its value."""
    data = (ROOT / "examples" / "tajimi-r4.json").read_bytes()
    draft = _json.quick_draft(data)
    assert (draft is None) is (_json.fast_json() is None)
    if draft is not None:
        assert exact(draft) == exact(read_json(data)[0])


def without_drafts(data: bytes, **options: Any) -> list[Any]:
    """``validate`` with every short cut switched off: each document read, judged by the reference and checked in full.

    The quick verdict, the fast schema verdict and the quick meaning check all stand aside.
    """
    plain_kinds = {name: attrs.evolve(entry, clean=None) for name, entry in KINDS.items()}
    with (
        mock.patch.object(_pipeline, "_quick_verdict", return_value=None),
        mock.patch.object(_pipeline, "fast_is_valid", return_value=None),
        mock.patch.dict(KINDS, plain_kinds),
    ):
        return validate(data, **options)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(example_mutations(), st.sampled_from(["", "Дом", "デバinド", "0.50"]), st.booleans())
def test_the_quick_verdict_is_the_full_verdict(document: Any, odd_name: str, told: bool) -> None:
    """Written out as bytes, mutations of the example give the same problems with the quick verdict and without."""
    if isinstance(document, dict) and isinstance(categories := document.get("categories"), list) and categories:
        name = categories[0].get("name") if isinstance(categories[0], dict) else None
        if isinstance(name, dict) and isinstance(name.get("ja"), str):
            name["ja"] += odd_name
    data = json_text(document).encode()
    options: dict[str, Any] = {"kind": "evaluation"} if told else {}
    assert validate(data, **options) == without_drafts(data, **options)


@needs_fast
def test_the_example_is_judged_quickly() -> None:
    """The shipped example, valid, gets its verdict without being turned into decimals or structured."""
    data = (ROOT / "examples" / "tajimi-r4.json").read_bytes()
    quick = _pipeline._quick_verdict(data, None, context_for(), _jsonio.DEFAULT_MAX_DEPTH)
    assert quick is not None
    assert quick.kind == "evaluation"
    assert list(quick.problems) == validate(data) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"ja": "組織体制"', '"ja": "組織体制Дом"'),
        ('"ja": "組織体制"', '"ja": "デバinド"'),
        ('"stated_rating": "good"', '"stated_rating": "excellent"'),
        (
            '"level": "needs_review",\n          "implemented": false',
            '"level": "needs_review",\n          "implemented": true',
        ),
        ('"needs_review": 2,', '"needs_review": 0,'),
        ('"id": "cio-adviser"', '"id": "external-digital-talent"'),
        ('"code": "212041"', '"code": "212042"'),
        ('"rules": "tajimi-r4"', '"rules": "tajimi-r9"'),
        ('"national_rate": 0.092', '"national_rate": "3/2"'),
        ('"national_rate": 0.092', '"national_rate": 0.5, "national_rate": 0.092'),
        ('"national_rate": 0.092', '"national_rate": 0.9'),
        ('"$schema": "../schemas/evaluation.schema.json"', '"$schema": "https://example.com/evaluation.json"'),
    ],
)
def test_each_problem_of_meaning_escapes_the_quick_verdict(old: str, new: str) -> None:
    """The example changed in one place has problems, the same with the quick verdict and without."""
    original = (ROOT / "examples" / "tajimi-r4.json").read_text(encoding="utf-8")
    assert old in original
    data = original.replace(old, new, 1).encode()
    problems = validate(data)
    assert problems != []
    assert problems == without_drafts(data)


@needs_fast
@pytest.mark.parametrize("max_depth", [-1, 0, 1, 10**9])
def test_any_depth_limit_gives_the_careful_verdict(max_depth: int) -> None:
    """A draft is given only where the careful reading with the same limit finds nothing; a huge limit costs nothing."""
    for text in ('{"a": [1, {"b": 2}]}', "7", "[]"):
        data = text.encode()
        draft = _json.quick_draft(data, max_depth)
        value, problems = read_json(data, max_depth=max_depth)
        assert draft is None or (problems == [] and exact(draft) == exact(value))


@pytest.mark.parametrize(
    ("text", "version"), [("3.11.6", (3, 11, 6)), ("3.12.0rc1", (3, 12, 0)), ("3.9", (3, 9)), ("4", (4,))]
)
def test_orjson_versions_compare_by_their_numbers(text: str, version: tuple[int, ...]) -> None:
    """A version is read by the leading digits of its parts, so an orjson older than 3.11.6 is told apart."""
    assert _json._version(text) == version


def test_a_kind_told_wrongly_escapes_the_quick_verdict() -> None:
    """An evaluation validated as a rule set gets the same problems, located in its name, on both roads."""
    data = (ROOT / "examples" / "tajimi-r4.json").read_bytes()
    problems = validate(data, kind="ruleset", name="tajimi.json")
    assert problems != [] and all(p.file == "tajimi.json" for p in problems)
    assert problems == without_drafts(data, kind="ruleset", name="tajimi.json")
