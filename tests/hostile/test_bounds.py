"""Hostile inputs over the documented resource bounds: refused at once, with the bound's problem, nothing written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import tajimi_rules as tr
from tajimi_rules import _limits as limits

from ..conftest import EXAMPLE
from ..large_inputs import evaluation_document, rule_set_document
from .harness import HOSTILE_TEXTS, api_hostile, run_hostile

# Every case is refused before the work starts, so each is given far less than the work would take.
QUICK = 20


def _write(root: Path, name: str, document: Any) -> Path:
    path = root / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _many_thresholds(root: Path, title: str = "many thresholds") -> Path:
    document = rule_set_document(4, (limits.MAX_SHARE_FORMS + 4) // 4)
    document["title"] = title
    return _write(root, "many.json", document)


def _many_shares(root: Path) -> Path:
    return _write(root, "shares.json", rule_set_document(64, 64, thresholds=8))


def _at_forms_bound(root: Path) -> Path:
    return _write(root, "wide.json", rule_set_document(1, limits.MAX_SHARE_FORMS))


def _huge_counts(root: Path) -> Path:
    document = evaluation_document(16, (100_000, 100_000, 100_000, 100_000))
    return _write(root, "huge.json", document)


def _many_categories(root: Path, count: int = 1_000) -> Path:
    return _write(root, "categories.json", evaluation_document(count, (1, 1, 0, 0)))


@pytest.mark.parametrize("command", ["lint-rules", "suggest-rules", "diff-rules"])
def test_too_many_thresholds(tmp_path: Path, command: str):
    """A rule set with more distinct thresholds than MAX_SHARE_FORMS is refused by every command that uses it."""
    rules = _many_thresholds(tmp_path)
    argv = {
        "lint-rules": ("lint-rules", rules),
        "suggest-rules": ("suggest", EXAMPLE, "--rules", rules),
        "diff-rules": ("diff-rules", "tajimi-r4", rules),
    }[command]
    run_hostile(*argv, root=tmp_path, status=2, codes=["limits.share_forms"], timeout=QUICK)


def test_report_under_too_many_thresholds(tmp_path: Path):
    """Report under a rule set over MAX_SHARE_FORMS exits 2 and writes no report."""
    rules = _many_thresholds(tmp_path)
    run_hostile(
        "report", EXAMPLE, "--rules", rules, "--out", tmp_path / "r.md", root=tmp_path, status=2,
        codes=["limits.share_forms"], timeout=QUICK,
    )  # fmt: skip


def test_too_many_shares(tmp_path: Path):
    """64 rules of 64 shares (4,096, the schema's most without nesting) is over MAX_SHARES: refused at once."""
    run_hostile("lint-rules", _many_shares(tmp_path), root=tmp_path, status=2, codes=["limits.shares"], timeout=QUICK)


def test_too_many_shares_in_japanese(tmp_path: Path):
    """The shares bound is refused in Japanese too, with the same code."""
    result = run_hostile(
        "suggest", EXAMPLE, "--rules", _many_shares(tmp_path), "--lang", "ja", root=tmp_path, status=2,
        codes=["limits.shares"], timeout=QUICK,
    )  # fmt: skip
    assert "割合条件が4,096個" in result.stderr


def test_hostile_title_on_a_refused_rule_set(tmp_path: Path):
    """A refused rule set whose title drives a terminal: the refusal shows nothing that drives it."""
    rules = _many_thresholds(tmp_path, title="".join(HOSTILE_TEXTS.values()))
    run_hostile("lint-rules", rules, root=tmp_path, status=2, codes=["limits.share_forms"], timeout=QUICK)


@pytest.mark.parametrize("command", ["lint-rules", "diff-rules"])
def test_max_items_over_the_work_bound(tmp_path: Path, command: str):
    """At MAX_SHARE_FORMS thresholds, one --max-items past the largest admitted is refused before the check."""
    rules = _at_forms_bound(tmp_path)
    largest = str(limits.largest_max_items(limits.MAX_SHARE_FORMS) + 1)
    argv = ("lint-rules", rules) if command == "lint-rules" else ("diff-rules", rules, rules)
    run_hostile(*argv, "--max-items", largest, root=tmp_path, status=2, codes=["limits.max_items"], timeout=QUICK)


@pytest.mark.parametrize(
    "value", ["400", "240", str(limits.MAX_ITEMS + 1), "99999999999999999999", "-1", "0", "1e3", "nan", "\x1b[2J"]
)
def test_max_items_outside_the_ceiling(tmp_path: Path, value: str):
    """--max-items outside 1..MAX_ITEMS (including the former maximum, 400) is a usage error, at once."""
    run_hostile("lint-rules", "tajimi-r4", "--max-items", value, root=tmp_path, status=2, timeout=QUICK)


def test_diff_rules_max_items_outside_the_ceiling(tmp_path: Path):
    """diff-rules --max-items 400 (the former maximum) is a usage error."""
    run_hostile("diff-rules", "tajimi-r4", "tajimi-r4-written", "--max-items", "400", root=tmp_path, status=2)


@pytest.mark.parametrize("format_", ["text", "json"])
def test_suggest_over_the_items_bound(tmp_path: Path, format_: str):
    """16 categories near the schema's 100,000 per level: refused at once (the problem in JSON too)."""
    run_hostile(
        "suggest", _huge_counts(tmp_path), "--format", format_, root=tmp_path, status=2,
        codes=["limits.suggest_items"], timeout=QUICK,
    )  # fmt: skip


@pytest.mark.parametrize("budget", ["0", "-5", "abc", "1.5", "", "\x1b]0;owned\x07"])
def test_bad_budget(tmp_path: Path, budget: str):
    """--budget that is not a positive whole number is a usage error."""
    run_hostile("suggest", EXAMPLE, "--budget", budget, root=tmp_path, status=2, timeout=QUICK)


def test_tiny_budget_is_an_answer_not_a_failure(tmp_path: Path):
    """--budget 1: the searches stop unsettled, which is part of the answer (exit 0)."""
    result = run_hostile("suggest", EXAMPLE, "--budget", "1", root=tmp_path, status=0, timeout=QUICK)
    assert "not settled" in result.stdout


def test_report_of_too_many_categories(tmp_path: Path):
    """A report of 1,000 categories (the schema's most) is refused at once; no file is written."""
    out = tmp_path / "r.html"
    run_hostile(
        "report", _many_categories(tmp_path), "--out", out, root=tmp_path, status=2,
        codes=["limits.report_categories"], timeout=QUICK,
    )  # fmt: skip


def test_report_of_too_many_categories_as_pdf(tmp_path: Path):
    """The categories bound is checked before a PDF is printed."""
    out = tmp_path / "r.pdf"
    run_hostile(
        "report", _many_categories(tmp_path, limits.MAX_REPORT_CATEGORIES + 1), "--out", out, "--lang", "ja",
        root=tmp_path, status=2, codes=["limits.report_categories"], timeout=QUICK,
    )  # fmt: skip


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_bad_max_categories(tmp_path: Path, value: str):
    """--max-categories that is not a positive whole number is a usage error."""
    out = tmp_path / "r.md"
    run_hostile("report", EXAMPLE, "--out", out, "--max-categories", value, root=tmp_path, status=2, timeout=QUICK)


def test_report_budget_option(tmp_path: Path):
    """Report --budget 1 still writes the report (unsettled plans say so)."""
    run_hostile(
        "report", EXAMPLE, "--out", tmp_path / "r.md", "--budget", "1", root=tmp_path, status=0, writes=["r.md"]
    )


def test_api_refusals_are_the_documented_error(tmp_path: Path):
    """From Python each bound raises InvalidDocumentError with the bound's code, at once."""
    wide = tr.load_rules(rule_set_document(4, (limits.MAX_SHARE_FORMS + 4) // 4))
    huge = json.loads(_huge_counts(tmp_path).read_text("utf-8"))
    calls = {
        "limits.share_forms": lambda: tr.analyze(wide),
        "limits.max_items": lambda: tr.analyze(tr.load_rules("tajimi-r4"), max_items=10_000),
        "limits.suggest_items": lambda: tr.suggest(huge),
        "limits.report_categories": lambda: tr.report.build_report(
            json.loads(_many_categories(tmp_path).read_text("utf-8"))
        ),
    }
    for code, call in calls.items():
        raised = api_hostile(call, timeout=QUICK)
        assert isinstance(raised, tr.InvalidDocumentError), (code, raised)
        assert [problem.code for problem in raised.problems] == [code]
