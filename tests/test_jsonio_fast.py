"""The strict reader's quick path: what it lets through is exactly what the careful reading gives."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tajimi_rules.documents import _jsonio
from tajimi_rules.documents._jsonio import read_json

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
