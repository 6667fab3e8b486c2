"""Comparing two evaluations of one body: moved ratings, changed levels, and their causes."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import tajimi_rules as tr

from .conftest import EXAMPLE
from .conftest import run_cli as _run


def _item(item_id: str, implemented: bool, rate: str) -> dict[str, Any]:
    return {"id": item_id, "name": {"ja": item_id.upper()}, "implemented": implemented, "national_rate": rate}


def _evaluation(year: int, items: list[dict[str, Any]], code: str = "212041") -> dict[str, Any]:
    return {
        "municipality": {"code": code, "name": "多治見市", "prefecture": "岐阜県"},
        "survey": {"title": f"survey {year}", "fiscal_year": year},
        "rules": "tajimi-r4",
        "categories": [{"id": "c", "group": {"ja": "群"}, "name": {"ja": "分類"}, "items": items}],
    }


OLD = _evaluation(
    2022,
    [
        _item("started", False, "1/4"),
        _item("crossed", True, "2/5"),
        _item("both", False, "2/5"),
        _item("steady", True, "9/10"),
        _item("dropped", True, "1/10"),
    ],
)
NEW = _evaluation(
    2023,
    [
        _item("started", True, "1/4"),
        _item("crossed", True, "1/2"),
        _item("both", True, "3/5"),
        _item("steady", True, "19/20"),
        _item("added", True, "1/10"),
    ],
)


def test_each_changed_item_has_its_cause():
    """Implementing, a rate crossing 1/2, both, and items on one side only are told apart."""
    diff = tr.checks.diff_evaluations(OLD, NEW)
    causes = {change.id: (change.old, change.new, change.cause) for change in diff.items}
    assert causes == {
        "started": (tr.Level.NEEDS_REVIEW, tr.Level.ADVANCED, tr.checks.ChangeCause.IMPLEMENTED),
        "crossed": (tr.Level.ADVANCED, tr.Level.STANDARD, tr.checks.ChangeCause.RATE),
        "both": (tr.Level.NEEDS_REVIEW, tr.Level.STANDARD, tr.checks.ChangeCause.BOTH),
        "added": (None, tr.Level.ADVANCED, tr.checks.ChangeCause.ADDED),
        "dropped": (tr.Level.ADVANCED, None, tr.checks.ChangeCause.REMOVED),
    }


def test_rate_change_reports_the_numbers():
    """A rate-driven change states the old and new rate and the threshold crossed."""
    diff = tr.checks.diff_evaluations(OLD, NEW)
    crossed = next(change for change in diff.items if change.id == "crossed")
    assert (crossed.old_rate, crossed.new_rate, crossed.threshold) == (Fraction(2, 5), Fraction(1, 2), Fraction(1, 2))
    assert "2/5 → 1/2 reached 1/2" in crossed.describe()
    assert "基準" in crossed.describe("ja")


def test_category_rating_move_is_reported():
    """The category's counts 2/1/2/0 → 2/3/0/0 move its rating from partly deficient to good."""
    diff = tr.checks.diff_evaluations(OLD, NEW)
    (moved,) = diff.moved
    assert (moved.id, moved.old, moved.new) == ("c", tr.Rating.PARTLY_DEFICIENT, tr.Rating.GOOD)
    assert (moved.old_counts, moved.new_counts) == (tr.Counts(2, 1, 2, 0), tr.Counts(2, 3, 0, 0))
    assert diff.changed


def test_same_evaluation_has_no_changes():
    """An evaluation compared with itself has no moved category and no changed item."""
    diff = tr.checks.diff_evaluations(EXAMPLE, EXAMPLE)
    assert (diff.moved, diff.items, diff.changed) == ((), (), False)


def test_different_bodies_are_refused():
    """Evaluations of two different bodies cannot be compared: a problem at /municipality/code."""
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.checks.diff_evaluations(OLD, _evaluation(2023, NEW["categories"][0]["items"], code="011002"))
    problem = caught.value.problems[0]
    assert (problem.code, problem.pointer, problem.expected, problem.found) == (
        "diff.different_bodies",
        "/municipality/code",
        "212041",
        "011002",
    )


def _files(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(OLD, ensure_ascii=False), encoding="utf-8")
    new.write_text(json.dumps(NEW, ensure_ascii=False), encoding="utf-8")
    return str(old), str(new)


def test_cli_diff_text_lists_moves_and_causes(tmp_path: Path):
    """``diff OLD NEW`` prints the moved category and each changed item with why; status 1."""
    status, stdout, _stderr = _run("diff", *_files(tmp_path))
    assert status == 1
    assert "partly deficient" in stdout
    assert "good" in stdout
    assert "started STARTED: needs review → advanced (the body now does it)" in stdout
    assert "dropped DROPPED: advanced → — (not answered in the new evaluation)" in stdout


def test_cli_diff_json(tmp_path: Path):
    """``--format json`` gives the moved categories and changed items as data."""
    status, stdout, _stderr = _run("diff", *_files(tmp_path), "--format", "json")
    data = json.loads(stdout)
    assert status == 1
    assert data["categories"] == [
        {
            "id": "c",
            "old": "partly_deficient",
            "new": "good",
            "old_counts": "2/1/2/0",
            "new_counts": "2/3/0/0",
            "moved": True,
        }
    ]
    assert {item["id"]: item["cause"] for item in data["items"]} == {
        "started": "implemented",
        "crossed": "rate",
        "both": "both",
        "added": "added",
        "dropped": "removed",
    }


def test_cli_diff_no_change_is_status_0():
    """Comparing a file with itself prints that nothing changed and exits 0."""
    status, stdout, _stderr = _run("diff", str(EXAMPLE), str(EXAMPLE), "--lang", "ja")
    assert status == 0
    assert "変化なし" in stdout


def test_cli_diff_different_bodies_is_status_2(tmp_path: Path):
    """Two different bodies are a usage error with the problem on stderr."""
    old, _new = _files(tmp_path)
    other = tmp_path / "other.json"
    other.write_text(json.dumps(_evaluation(2023, [], code="011002")), encoding="utf-8")
    status, _stdout, stderr = _run("diff", old, str(other))
    assert status == 2
    assert "different bodies" in stderr


def _local_rules(tmp_path: Path) -> Path:
    data = json.loads((Path(tr.__file__).parent / "rulesets" / "tajimi-r4.json").read_text("utf-8"))
    data["id"] = "local-r4"
    path = tmp_path / "local-r4.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_cli_diff_loads_files_under_the_chosen_rules(tmp_path: Path):
    """Files that name a rule set only known by path compare under ``--rules`` that path."""
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps({**OLD, "rules": "local-r4"}, ensure_ascii=False), encoding="utf-8")
    new.write_text(json.dumps({**NEW, "rules": "local-r4"}, ensure_ascii=False), encoding="utf-8")
    status, stdout, stderr = _run("diff", str(old), str(new), "--rules", str(_local_rules(tmp_path)))
    assert (status, stderr) == (1, "")
    assert "rules local-r4" in stdout


def test_different_bodies_problem_names_a_path_file(tmp_path: Path):
    """The different-bodies problem names the new file whether it is given as str or as a Path."""
    old, _new = _files(tmp_path)
    other = tmp_path / "other.json"
    other.write_text(json.dumps(_evaluation(2023, [], code="011002")), encoding="utf-8")
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.checks.diff_evaluations(Path(old), other)
    assert caught.value.problems[0].file == str(other)


def test_every_cause_is_worded_in_both_languages():
    """Each cause of a change reads the same way in English and Japanese, numbers included."""
    diff = tr.checks.diff_evaluations(OLD, NEW)
    worded = {change.id: (change.describe("en"), change.describe("ja")) for change in diff.items}
    assert worded["both"] == (
        "both BOTH: needs review → standard (the body now does it; the rate 2/5 → 3/5 reached 1/2)",
        "both BOTH: 検討が必要 → 普通 (実施するようになった、実施率 2/5 → 3/5 が基準 1/2 に達した)",
    )
    assert worded["added"][1] == "added ADDED: — → 先進的 (新たに回答)"
    assert worded["dropped"][1] == "dropped DROPPED: 先進的 → — (新しい評価に回答なし)"


def test_cli_diff_in_japanese(tmp_path: Path):
    """``diff --lang ja`` writes its heading, table and item causes in Japanese."""
    status, stdout, stderr = _run("diff", *_files(tmp_path), "--lang", "ja")
    assert (status, stderr) == (1, "")
    assert stdout.splitlines()[0] == "多治見市 (212041): 2022 → 2023 · 規則集 tajimi-r4"
    assert "前 先/普/検/遅" in stdout and "水準が変わった項目:" in stdout
    assert "  c: started STARTED: 検討が必要 → 先進的 (実施するようになった)" in stdout


def test_cli_diff_problem_in_japanese(tmp_path: Path):
    """The different-bodies problem is written in Japanese with --lang ja."""
    old, _new = _files(tmp_path)
    other = tmp_path / "other.json"
    other.write_text(json.dumps(_evaluation(2023, [], code="011002")), encoding="utf-8")
    status, _stdout, stderr = _run("diff", old, str(other), "--lang", "ja")
    assert status == 2
    assert "二つの評価の団体が異なる" in stderr


def test_cli_diff_default_rules_is_the_library_default():
    """``diff --help`` names the library's default rule set, not a copy of its id."""
    result = _run("diff", "--help")
    assert result.status == 0
    assert f"else {tr.documents.DEFAULT_RULES})" in " ".join(result.stdout.split())
