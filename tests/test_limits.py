"""The documented resource bounds: each refused before the work starts, by the API and the command line."""

from __future__ import annotations

import itertools
import json
import math
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tajimi_rules as tr
from tajimi_rules import _limits as limits
from tajimi_rules.analysis import compare
from tajimi_rules.analysis._arrangement import UNIT, Arrangement
from tajimi_rules.report import _charts as charts
from tajimi_rules.report import build_report
from tajimi_rules.report._charts import pack_lanes
from tajimi_rules.suggestions import SuggestionReason
from tajimi_rules.suggestions._search import Budget, search

from .conftest import EXAMPLE, Result
from .large_inputs import evaluation_document, rule_set_document

DOCS = Path(__file__).resolve().parent.parent / "docs" / "limits.md"


def _rules(rules: int, predicates: int, thresholds: int | None = None) -> tr.RuleSet:
    return tr.load_rules(rule_set_document(rules, predicates, thresholds=thresholds))


def _codes(error: BaseException) -> list[str]:
    assert isinstance(error, tr.InvalidDocumentError)
    return [problem.code for problem in error.problems]


def _write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def many_thresholds() -> tr.RuleSet:
    """A rule set with one distinct threshold more than MAX_SHARE_FORMS."""
    return _rules(4, (limits.MAX_SHARE_FORMS + 4) // 4)


@pytest.fixture(scope="module")
def at_the_forms_bound() -> tr.RuleSet:
    """A rule set with exactly MAX_SHARE_FORMS distinct thresholds."""
    return _rules(1, limits.MAX_SHARE_FORMS)


def test_every_bound_is_on_the_docs_page():
    """docs/limits.md names every bound of the table with its value."""
    page = DOCS.read_text("utf-8")
    for bound in limits.BOUNDS:
        assert f"`{bound.name}`" in page, bound.name
        assert f"{bound.value:,}" in page, bound.name
        if bound.option is not None:
            assert f"`{bound.option}" in page, bound.option


def test_analysis_rows_counts_the_rows_walked():
    """analysis_rows(m) is the number of (n, a, s) with 1 <= n <= m and a + s <= n."""
    for m in range(1, 12):
        rows = sum(1 for n in range(1, m + 1) for a in range(n + 1) for _s in range(n - a + 1))
        assert limits.analysis_rows(m) == rows


def test_largest_max_items_is_the_largest_within_the_work_bound():
    """The largest --max-items admitted is within ANALYSIS_WORK and the next one is not (or it is MAX_ITEMS)."""
    for forms in (0, 3, 12, 40, limits.MAX_SHARE_FORMS):
        largest = limits.largest_max_items(forms)
        assert limits.analysis_work(largest, forms) <= limits.ANALYSIS_WORK
        assert largest == limits.MAX_ITEMS or limits.analysis_work(largest + 1, forms) > limits.ANALYSIS_WORK
    assert limits.largest_max_items(3) == limits.MAX_ITEMS  # the shipped rule sets reach the ceiling


def test_analyze_refuses_too_many_thresholds(many_thresholds):
    """analyze() refuses a rule set with more distinct thresholds than MAX_SHARE_FORMS, saying how many."""
    with pytest.raises(tr.InvalidDocumentError) as raised:
        tr.analyze(many_thresholds, max_items=1)
    (problem,) = raised.value.problems
    assert problem.code == "limits.share_forms"
    assert problem.pointer == "/rules"
    assert problem.found == f"{limits.MAX_SHARE_FORMS + 4} distinct share thresholds"
    assert problem.expected == f"at most {limits.MAX_SHARE_FORMS} distinct share thresholds"
    assert "閾値" in problem.text("ja")


def test_analyze_refuses_too_many_shares():
    """analyze() refuses a rule set of more than MAX_SHARES share predicates, even with few thresholds."""
    rules = _rules(9, 64, thresholds=4)
    assert limits.share_count(rules) == 576 > limits.MAX_SHARES
    with pytest.raises(tr.InvalidDocumentError) as raised:
        tr.analyze(rules, max_items=1)
    assert _codes(raised.value) == ["limits.shares"]
    assert "576" in raised.value.problems[0].text("ja")


def test_analyze_refuses_max_items_over_the_work_bound(at_the_forms_bound):
    """At MAX_SHARE_FORMS thresholds, analyze() takes the largest admitted --max-items' worth of work, no more."""
    largest = limits.largest_max_items(limits.MAX_SHARE_FORMS)
    with pytest.raises(tr.InvalidDocumentError) as raised:
        tr.analyze(at_the_forms_bound, max_items=largest + 1)
    (problem,) = raised.value.problems
    assert problem.code == "limits.max_items"
    assert problem.expected == f"--max-items at most {largest}"
    assert f"n = {largest}" in problem.message
    assert tr.analyze(at_the_forms_bound, max_items=3).max_items == 3


def test_analyze_refuses_max_items_over_the_ceiling(practised):
    """analyze() refuses max_items over MAX_ITEMS for any rule set."""
    with pytest.raises(tr.InvalidDocumentError) as raised:
        tr.analyze(practised, max_items=limits.MAX_ITEMS + 1)
    assert _codes(raised.value) == ["limits.max_items"]


def test_compare_counts_the_thresholds_of_both_rule_sets(practised):
    """compare() bounds the distinct thresholds of the two rule sets together."""
    own = _rules(1, limits.MAX_SHARE_FORMS - 1)
    with pytest.raises(tr.InvalidDocumentError) as raised:
        compare(own, practised, max_items=1)
    assert _codes(raised.value) == ["limits.share_forms"]
    assert compare(own, own, max_items=2).same


def test_lint_and_diff_rules_refuse_with_the_file_named(cli: Callable[..., Result], tmp_path: Path):
    """lint-rules and diff-rules exit 2 on a rule set over the bounds, naming its file; the option's help says so."""
    path = _write(tmp_path / "many.json", rule_set_document(4, (limits.MAX_SHARE_FORMS + 4) // 4))
    status, out, err = cli("lint-rules", path)
    assert (status, out) == (2, "")
    assert f"{path}#/rules: the rule sets used together have 68 distinct share thresholds" in err
    status, out, err = cli("diff-rules", path, "tajimi-r4", "--lang", "ja")
    assert (status, out) == (2, "")
    assert f"{path} + tajimi-r4#/rules:" in err and "異なる割合の閾値が71個" in err
    assert "docs/limits.md" in " ".join(cli("lint-rules", "--help").stdout.split())


def test_lint_rules_names_the_largest_max_items(cli: Callable[..., Result], tmp_path: Path):
    """lint-rules --max-items past the work bound exits 2 and names the largest --max-items for the rule set."""
    path = _write(tmp_path / "wide.json", rule_set_document(1, limits.MAX_SHARE_FORMS))
    largest = limits.largest_max_items(limits.MAX_SHARE_FORMS)
    status, out, err = cli("lint-rules", path, "--max-items", str(largest + 1))
    assert (status, out) == (2, "")
    assert f"(--max-items {largest})" in err and f"expected --max-items at most {largest}" in err


def _two_categories() -> dict[str, Any]:
    document = evaluation_document(2, (1, 1, 1, 1))
    document["categories"][0]["counts"] = dict.fromkeys(("advanced", "standard", "needs_review", "behind"), 100_000)
    return document


def test_suggest_refuses_more_items_than_it_takes_on():
    """suggest() refuses categories of more than SUGGEST_ITEMS items in all, before any search."""
    document = _two_categories()
    with pytest.raises(tr.InvalidDocumentError) as raised:
        tr.suggest(document)
    (problem,) = raised.value.problems
    assert problem.code == "limits.suggest_items"
    assert problem.found == "400,004 items" and problem.expected == "at most 400,000 items"
    assert tr.suggest(document, category="c1").categories[0].counts == tr.Counts(1, 1, 1, 1)


def test_suggest_cli_refuses_and_category_narrows(cli: Callable[..., Result], tmp_path: Path):
    """Suggest exits 2 naming the file and the bound; --category plans for one category within it."""
    path = _write(tmp_path / "two.json", _two_categories())
    status, out, err = cli("suggest", path)
    assert (status, out) == (2, "")
    assert f"{path}#/categories: the categories to plan for hold 400,004 items in all" in err
    assert cli("suggest", path, "--category", "c1").status == 0


def test_suggest_rules_over_the_bounds_are_refused(many_thresholds):
    """suggest() refuses a rule set over the bounds before any search."""
    with pytest.raises(tr.InvalidDocumentError) as raised:
        tr.suggest(EXAMPLE, many_thresholds)
    assert _codes(raised.value) == ["limits.share_forms"]


def test_budget_is_shared_by_every_search_of_a_call():
    """With a budget of 1 the searches of a call stop unsettled (reason budget); the default settles them."""
    starved = tr.suggest(EXAMPLE, budget=1)
    reasons = [s.reason for c in starved.categories for s in c.suggestions]
    assert SuggestionReason.BUDGET in reasons
    assert SuggestionReason.REACHED not in reasons[1:]  # at most the first search had its one vector
    full = tr.suggest(EXAMPLE)
    assert SuggestionReason.BUDGET not in [s.reason for c in full.categories for s in c.suggestions]


def _total(amounts: tuple[int, ...]) -> tuple[int]:
    return (sum(amounts),)


def test_a_search_is_charged_to_the_shared_budget(practised):
    """search() examines no more than the shared budget has left, and charges it with what it examined."""
    counts = tr.Counts(0, 3, 30, 30)
    steps = list(tr.model.IMPLEMENTING_MOVES)
    goals = [lambda rating: rating is tr.Rating.ADVANCED]
    shared = Budget(1_000)
    search(counts, steps, [30, 30], practised, goals, key=_total, by_total=True, budget=None, shared=shared)
    spent = 1_000 - shared.remaining
    assert 0 < spent <= 1_000
    little = Budget(3)
    outcome = search(counts, steps, [30, 30], practised, goals, key=_total, by_total=True, budget=None, shared=little)
    assert little.remaining == 0 and not outcome.complete


@pytest.mark.parametrize(("bad", "error"), [(0, ValueError), (-1, ValueError), (True, TypeError), (1.5, TypeError)])
def test_budget_must_be_a_positive_integer(bad: Any, error: type[Exception]):
    """suggest(budget=...) refuses anything but a positive integer, naming the argument."""
    with pytest.raises(error, match="suggest\\(\\) argument budget must be an int of at least 1"):
        tr.suggest(EXAMPLE, budget=bad)


def test_suggest_budget_option(cli: Callable[..., Result]):
    """Suggest --budget raises or lowers the total; a stopped search says it is not settled; 0 is a usage error."""
    status, out, _ = cli("suggest", EXAMPLE, "--budget", "1")
    assert status == 0 and "not settled" in out
    status, out, _ = cli("suggest", EXAMPLE, "--budget", "5000000")
    assert status == 0 and "not settled" not in out
    status, _, err = cli("suggest", EXAMPLE, "--budget", "0")
    assert status == 2 and "must be at least 1" in err


def test_report_refuses_more_categories_than_allowed(tmp_path: Path):
    """build_report() and write_report() refuse more than max_categories categories, writing nothing."""
    with pytest.raises(tr.InvalidDocumentError) as raised:
        build_report(EXAMPLE, max_categories=15)
    (problem,) = raised.value.problems
    assert problem.code == "limits.report_categories"
    assert problem.found == "16 categories" and problem.expected == "at most 15 categories"
    assert len(build_report(EXAMPLE, max_categories=16).categories) == 16
    many = evaluation_document(limits.MAX_REPORT_CATEGORIES + 1, (1, 0, 0, 0))
    with pytest.raises(tr.InvalidDocumentError) as raised:
        tr.report.write_report(many, tmp_path / "r.md")
    assert _codes(raised.value) == ["limits.report_categories"]
    assert not list(tmp_path.iterdir())


def test_report_refuses_more_named_items_than_a_report_holds():
    """A report whose categories name more than MAX_REPORT_ITEMS items is refused (and one at the bound is not)."""
    limits.check_report(1, limits.MAX_REPORT_ITEMS)
    with pytest.raises(tr.InvalidDocumentError) as raised:
        limits.check_report(1, limits.MAX_REPORT_ITEMS + 1)
    assert _codes(raised.value) == ["limits.report_items"]
    with pytest.raises(tr.InvalidDocumentError) as raised:
        limits.check_report(limits.MAX_REPORT_CATEGORIES + 1, limits.MAX_REPORT_ITEMS + 1)
    assert _codes(raised.value) == ["limits.report_categories", "limits.report_items"]


def test_report_max_categories_option(cli: Callable[..., Result], tmp_path: Path):
    """Report --max-categories lowers or raises the bound; over it, exit 2 and no file."""
    out = tmp_path / "r.md"
    status, _, err = cli("report", EXAMPLE, "--out", out, "--max-categories", "3")
    assert status == 2 and "more than the 3 one report holds" in err and not out.exists()
    many = _write(tmp_path / "many.json", evaluation_document(limits.MAX_REPORT_CATEGORIES + 1, (1, 0, 0, 0)))
    assert cli("report", many, "--out", out).status == 2 and not out.exists()
    max_categories = str(limits.MAX_REPORT_CATEGORIES + 1)
    assert cli("report", many, "--out", out, "--max-categories", max_categories).status == 0
    assert out.exists()


def _ray_bound_by_triples(forms: tuple[tuple[int, int, int, int], ...]) -> int:
    """The ray bound spelled out: every three of the forms and the counts, their line by its 3x3 minors."""
    rows = [*forms, *UNIT]
    bound = 1
    for u, v, w in itertools.combinations(rows, 3):
        minors = []
        for skip in range(4):
            columns = [c for c in range(4) if c != skip]
            matrix = [[row[c] for c in columns] for row in (u, v, w)]
            a, b, c = matrix
            minors.append(
                a[0] * (b[1] * c[2] - b[2] * c[1])
                - a[1] * (b[0] * c[2] - b[2] * c[0])
                + a[2] * (b[0] * c[1] - b[1] * c[0])
            )
        kernel = (minors[0], -minors[1], minors[2], -minors[3])
        if any(kernel) and (all(k >= 0 for k in kernel) or all(k <= 0 for k in kernel)):
            bound = max(bound, sum(abs(k) for k in kernel) // math.gcd(*kernel))
    return bound


def test_ray_bound_is_that_of_every_three_forms():
    """The ray bound (minors of pairs computed once) equals the one computed triple by triple, on random forms."""
    generator = random.Random(36)
    for _ in range(200):
        forms = tuple(
            form
            for form in (tuple(generator.randint(-9, 9) for _ in range(4)) for _ in range(generator.randint(0, 7)))
            if any(form)
        )
        assert Arrangement(forms, ()).ray_bound() == _ray_bound_by_triples(forms), forms  # type: ignore[arg-type]


def _greedy(spans: list[tuple[float, float, int]], gap: float = 3.0) -> list[int]:
    """The lane packing spelled out: each span, left to right, in the lowest lane it fits."""
    lanes = [0] * len(spans)
    ends: dict[tuple[int, int], float] = {}
    for index in sorted(range(len(spans)), key=lambda i: spans[i][0]):
        start, end, row = spans[index]
        lane = 0
        while ends.get((row, lane), float("-inf")) + gap > start:
            lane += 1
        ends[(row, lane)] = end
        lanes[index] = lane
    return lanes


def test_lane_packing_matches_the_greedy_rule():
    """pack_lanes gives every span the lane the lowest-lane-that-fits rule gives, on random spans."""
    generator = random.Random(2022)
    for size in (0, 1, 5, 40, 300):
        spans = []
        for _ in range(size):
            start = generator.uniform(0, 500)
            spans.append((start, start + generator.uniform(1, 120), generator.randrange(2)))
        assert pack_lanes(spans) == _greedy(spans)
    # Labels of one lane never come closer than the gap.
    lanes = pack_lanes(spans)
    for row, lane in {(s[2], lane) for s, lane in zip(spans, lanes, strict=True)}:
        members = sorted(s for s, placed in zip(spans, lanes, strict=True) if (s[2], placed) == (row, lane))
        assert all(a[1] + 3.0 <= b[0] for a, b in itertools.pairwise(members))


def test_a_chart_beyond_the_label_bound_has_dots_and_no_labels():
    """A category chart of more than CHART_LABELS items draws every dot, labels none, and keeps its height."""
    document = evaluation_document(1, (30, 30, 30, 30), items=120)
    report = tr.check(document)
    with charts._style():
        figure = charts.category_figure(report.categories[0], report.rules)
    axes = figure.axes[0]
    assert not [text for text in axes.texts if type(text).__name__ == "Annotation"]
    assert sum(len(collection.get_offsets()) for collection in axes.collections) == 120  # type: ignore[arg-type, misc]
    note = " ".join(text.get_text() for text in axes.texts)
    assert re.search(r"more than 40 dots, so none is labelled", note)
    assert figure.get_size_inches()[1] < 4
