"""Hostile files against the quick road of validation: what a fast parser would let through is still caught."""

from __future__ import annotations

from pathlib import Path

import pytest

import tajimi_rules as tr

from .harness import api_hostile, run_hostile

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "tajimi-r4.json"

# Each case: the example changed in one place, and the problem the change must give.
CASES = {
    "key written twice": ('"rules": "tajimi-r4",', '"rules": "tajimi-r4", "rules": "tajimi-r4",', "json.duplicate_key"),
    "key written twice, once escaped": (
        '"rules": "tajimi-r4",',
        '"rules": "tajimi-r4", "\\u0072ules": "tajimi-r4",',
        "json.duplicate_key",
    ),
    "NaN": ('"national_rate": 0.092', '"national_rate": NaN', "json.constant"),
    "a rate too small for a float": ('"national_rate": 0.092', '"national_rate": 1e-400', "json.number_range"),
    "a lone surrogate": ('"ja": "組織体制"', '"ja": "組織体制\\ud800"', "json.surrogate"),
    "nesting past the limit": ('"page": 2', '"page": ' + "[" * 70 + "2" + "]" * 70, "json.depth"),
    "an integer too long": ('"fiscal_year": 2022', '"fiscal_year": 2022000000000000000000000', "json.huge_integer"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_quick_road_lets_nothing_through(case: str, tmp_path: Path) -> None:
    """Each file a fast parser would read without a word is reported with its problem, exit status 1."""
    old, new, code = CASES[case]
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "evaluation.json"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    run_hostile("validate", path, "--format", "json", root=tmp_path, status=1, codes=[code])


def test_a_byte_order_mark_is_no_problem(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark, which the fast parser refuses, leaves a valid file valid."""
    path = tmp_path / "evaluation.json"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    run_hostile("validate", path, root=tmp_path, status=0)


def test_a_huge_depth_limit_costs_nothing() -> None:
    """Validating with a depth limit of a billion answers at once, as with the default."""
    assert api_hostile(lambda: tr.validate(EXAMPLE.read_bytes(), max_depth=10**9), timeout=20) == []
