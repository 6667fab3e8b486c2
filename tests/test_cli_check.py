"""``tajimi-rules check``: the table, the explanations, JSON output and exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_cli as run

ROOT = Path(__file__).resolve().parent.parent


def test_check_reports_the_three_disagreements(example_path):
    """On the Tajimi example, check marks exactly three categories and exits 1."""
    status, out, err = run("check", str(example_path))
    assert status == 1 and err == ""
    marked = [line.split()[1] for line in out.splitlines() if line.startswith("✗")]
    assert marked == ["dx-staff-development", "gis", "digital-divide"]
    assert "16 categories: 13 agree, 3 disagree, 0 unrated" in out
    assert "(advanced+standard)/all = 13/21 >= 2/3" in out


def test_check_with_written_rules_shows_gaps_and_overlaps(example_path):
    """With the literal reading, check shows the gap categories and the overlap as unrated."""
    status, out, _ = run("check", str(example_path), "--rules", "tajimi-r4-written")
    assert status == 1
    unrated = {line.split()[1]: line for line in out.splitlines() if line.startswith("✗") and "none (" in line}
    assert sorted(unrated) == ["online-procedures", "resident-services", "security-audit", "telework"]
    assert "none (overlap)" in unrated["telework"]
    assert "exclusive rules overlap: partly deficient and deficient both hold" in out


def test_check_in_japanese(example_path):
    """--lang ja renders labels and explanations in Japanese."""
    _, out, _ = run("check", str(example_path), "--lang", "ja")
    assert "職員育成" in out and "やや不備あり" in out
    assert "(先進的+普通)/全体 = 13/21 ≥ 2/3" in out


def test_check_json(example_path):
    """--format json prints one object whose categories carry the contract's keys."""
    status, out, _ = run("check", str(example_path), "--format", "json")
    data = json.loads(out)
    assert status == 1
    by_id = {c["id"]: c for c in data["categories"]}
    assert by_id["gis"]["rating"] == "partly_deficient"
    assert by_id["gis"]["stated_rating"] == "good"
    assert by_id["gis"]["agrees"] is False
    assert by_id["telework"]["matching_rules"] == ["deficient", "partly_deficient"]


def test_check_json_written_rating_is_null_where_unrated(example_path):
    """Unrated categories have a null rating in JSON."""
    _, out, _ = run("check", str(example_path), "--format", "json", "--rules", "tajimi-r4-written")
    by_id = {c["id"]: c for c in json.loads(out)["categories"]}
    assert by_id["security-audit"]["rating"] is None
    assert by_id["security-audit"]["matching_rules"] == []


def test_all_agreeing_file_exits_0(tmp_path, example_path):
    """A file whose stated ratings all agree exits 0."""
    data = json.loads(example_path.read_text("utf-8"))
    data["categories"] = [
        c for c in data["categories"] if c["id"] not in {"dx-staff-development", "gis", "digital-divide"}
    ]
    path = tmp_path / "agreeing.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert run("check", str(path))[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ("check", "no-such-file.json"),
        ("check", "{example}", "--rules", "no-such-rules"),
        ("check",),
        ("check", "{example}", "--format", "yaml"),
    ],
)
def test_unusable_input_exits_2_without_traceback(example_path, argv):
    """Missing files, unknown rule sets and bad arguments exit 2 with a message, no traceback."""
    status, _, err = run(*(a.format(example=example_path) for a in argv))
    assert status == 2
    assert "Traceback" not in err and err.strip()


def test_invalid_file_names_file_and_pointer(tmp_path):
    """An invalid evaluation is reported as file#pointer lines on stderr."""
    path = tmp_path / "bad.json"
    bad = {
        "municipality": {"code": "212041", "name": "x", "prefecture": "y"},
        "survey": {"title": "t"},
        "categories": [],
    }
    path.write_text(json.dumps(bad))
    status, _, err = run("check", str(path))
    assert status == 2
    assert f"{path}#/survey: missing required key 'fiscal_year'" in err


def test_console_entry_point(example_path):
    """``python -m tajimi_rules`` runs the same command line."""
    done = subprocess.run(
        [sys.executable, "-m", "tajimi_rules", "check", str(example_path), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["summary"]["disagree"] == 3


def test_own_rule_set_file_with_its_own_id(tmp_path, example_path):
    """An evaluation naming a rule set of its own is checked with --rules PATH, and refused without it."""
    rules = json.loads((ROOT / "src" / "tajimi_rules" / "rulesets" / "tajimi-r4.json").read_text("utf-8"))
    rules["id"] = "our-city"
    rules_path = tmp_path / "our-city.json"
    rules_path.write_text(json.dumps(rules, ensure_ascii=False), "utf-8")
    data = json.loads(example_path.read_text("utf-8"))
    data["rules"] = "our-city"
    path = tmp_path / "evaluation.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    status, out, _ = run("check", str(path), "--rules", str(rules_path))
    assert status == 1
    assert "rules: our-city (first_match)" in out
    status, _, err = run("check", str(path))
    assert status == 2
    assert f"{path}#/rules: " in err


def test_names_with_escape_sequences_are_shown_escaped(tmp_path, example_path):
    """Control characters in category names appear as escapes in the table and the explanations."""
    data = json.loads(example_path.read_text("utf-8"))
    gis = next(c for c in data["categories"] if c["id"] == "gis")  # a disagreement: explained too
    gis["name"]["en"] = "GIS\x1b]0;owned\x07"
    path = tmp_path / "escapes.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    status, out, err = run("check", str(path))
    assert (status, err) == (1, "")
    assert "\x1b" not in out and "\x07" not in out
    assert out.count("GIS\\x1b]0;owned\\x07") == 2


def test_invalid_file_exits_2_as_documented(tmp_path):
    """The check command refuses an invalid file as unusable input (exit 2) where validate reports it (exit 1)."""
    path = tmp_path / "bad.json"
    path.write_text('{"municipality": {}}', "utf-8")
    assert run("check", str(path))[0] == 2
    assert run("validate", str(path))[0] == 1
    docs = (ROOT / "docs" / "validation.md").read_text("utf-8")
    assert "`check` exits 2" in docs


def test_problems_of_a_refused_file_are_shown_escaped(tmp_path):
    """Control characters in a refused file's problem text reach the terminal escaped."""
    path = tmp_path / "bad.json"
    bad: dict[str, object] = {"municipality": {"code": "212041", "name": "x", "prefecture": "y"}}
    bad["survey"] = {"title": "t"}
    bad["categories"] = [{"id": "c", "group": {"ja": "g"}, "name": {"ja": "c"}, "counts": {}, "\x1b[2J": 1}]
    path.write_text(json.dumps(bad))
    status, _, err = run("check", str(path))
    assert status == 2
    assert "\x1b" not in err
    assert "\\x1b[2J" in err
