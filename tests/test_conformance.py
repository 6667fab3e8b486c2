"""The shipped conformance suite: the library passes it, and it is what the generator writes."""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from pathlib import Path

import pytest

import tajimi_rules as tr
from tests.conformance import generate as _conformance
from tests.oracles import interpreted_rating, practised_rating

FILE = Path(__file__).resolve().parent / "conformance" / "tajimi-rules-conformance.json"


@pytest.fixture(scope="module")
def suite() -> dict[str, object]:
    """The conformance document as shipped."""
    value: dict[str, object] = json.loads(FILE.read_text(encoding="utf-8"))
    return value


def test_library_passes_every_case(suite: dict[str, object]):
    """The compiled rate function gives the expected rating for every case of the suite."""
    cases = suite["cases"]
    assert isinstance(cases, list)
    failures = []
    for rule_set_id, vector, expected in cases:
        rating = tr.load_rules(rule_set_id).rate(tr.Counts(*vector))
        if (rating.value if rating is not None else None) != expected:
            failures.append((rule_set_id, vector, expected, rating))
    assert failures == []


def test_suite_covers_both_shipped_rule_sets_and_every_outcome(suite: dict[str, object]):
    """Both shipped rule sets have cases, with every rating they give and with no rating where they give none."""
    cases = suite["cases"]
    assert isinstance(cases, list)
    seen: dict[str, set[str | None]] = {}
    for rule_set_id, _vector, expected in cases:
        seen.setdefault(rule_set_id, set()).add(expected)
    assert seen["tajimi-r4"] == {None, "advanced", "good", "partly_deficient", "deficient"}
    assert seen["tajimi-r4-written"] == {None, "advanced", "good", "partly_deficient"}
    assert set(seen) == set(tr.documents.builtin_rule_sets())


def test_suite_holds_every_small_boundary_vector(suite: dict[str, object]):
    """Every vector up to the small size where a share meets its threshold exactly is a case."""
    cases = suite["cases"]
    assert isinstance(cases, list)
    present = {(rule_set_id, tuple(vector)) for rule_set_id, vector, _ in cases}
    rules = tr.load_rules("tajimi-r4-written")
    # (advanced+standard)/all = 2/3 exactly, the written rules' overlap line.
    for n in range(3, _conformance.SMALL + 1, 3):
        for a in range(2 * n // 3 + 1):
            vector = (a, 2 * n // 3 - a, n // 3, 0)
            assert ("tajimi-r4-written", vector) in present
            # good needs (a+s)/n > 2/3 under the written rules, so at 2/3 only partly_deficient, or none.
            assert rules.rate(tr.Counts(*vector)) in (None, tr.Rating.PARTLY_DEFICIENT)


def test_suite_names_the_rule_set_files_it_was_made_from(suite: dict[str, object]):
    """The suite records the SHA-256 of each shipped rule set file, and they match the package data."""
    rule_sets = suite["rule_sets"]
    assert isinstance(rule_sets, dict)
    for rule_set_id, facts in rule_sets.items():
        data = files("tajimi_rules").joinpath("rulesets", f"{rule_set_id}.json").read_bytes()
        assert facts["sha256"] == hashlib.sha256(data).hexdigest()


def test_file_is_what_the_generator_writes():
    """The shipped file is exactly the generator's output (regenerate with python -m tests.conformance.generate)."""
    assert FILE.read_text(encoding="utf-8") == _conformance.render()


def test_generator_check_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """The generator writes a file, --check accepts it, and --check refuses a stale one."""
    target = tmp_path / "suite.json"
    assert _conformance.main(["--output", str(target)]) == 0
    assert _conformance.main(["--output", str(target), "--check"]) == 0
    target.write_text("{}", encoding="utf-8")
    assert _conformance.main(["--output", str(target), "--check"]) == 1
    assert _conformance.main(["--output", str(tmp_path / "missing.json"), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err


def interpreted(rule_set: tr.RuleSet, vector: list[int]) -> str | None:
    """The oracle's rating of ``vector`` as it is written in the suite (a rating's value, or None)."""
    rating = interpreted_rating(rule_set, tr.Counts(*vector))
    return None if rating is None else rating.value


def oracle_r4(vector: list[int]) -> str | None:
    """The practised reading in integers, as it is written in the suite."""
    rating = practised_rating(tr.Counts(*vector))
    return None if rating is None else rating.value


def test_expected_ratings_agree_with_an_independent_interpreter(suite: dict[str, object]):
    """Every case's expected rating is what the predicates' .holds with the combine rule gives."""
    cases = suite["cases"]
    assert isinstance(cases, list)
    rule_sets = {rule_set_id: tr.load_rules(rule_set_id) for rule_set_id in tr.documents.builtin_rule_sets()}
    wrong = [case for case in cases if interpreted(rule_sets[case[0]], case[1]) != case[2]]
    assert wrong == []


def test_practised_cases_agree_with_an_integer_oracle(suite: dict[str, object]):
    """Every tajimi-r4 case's expected rating matches the practised method written out in integers."""
    cases = suite["cases"]
    assert isinstance(cases, list)
    practised = [case for case in cases if case[0] == "tajimi-r4"]
    assert len(practised) > 100
    assert [case for case in practised if oracle_r4(case[1]) != case[2]] == []
