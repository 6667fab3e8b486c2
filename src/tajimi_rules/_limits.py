"""Resource bounds: how large an input each piece of work takes on, checked before the work starts.

Every bound is data in :data:`BOUNDS` (the docs page ``docs/limits.md`` lists the same table,
and a test keeps the two alike). An input over a bound is refused with one problem naming
what was found and the bound (:class:`~tajimi_rules.errors.InvalidDocumentError`, exit status
2 on the command line) before any of the work is done; where an option raises a bound, the
problem names it. The bounds are chosen so that the largest input each admits finishes within
a minute on a shared 2-core machine (``benchmarks/bench_bounds.py`` measures them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from ._errors import InvalidDocumentError, Problem, phrase, problem

if TYPE_CHECKING:
    from .rules import RuleSet

__all__ = [
    "ANALYSIS_WORK",
    "BOUNDS",
    "CHART_LABELS",
    "MAX_ITEMS",
    "MAX_REPORT_CATEGORIES",
    "MAX_REPORT_ITEMS",
    "MAX_SHARES",
    "MAX_SHARE_FORMS",
    "SEARCH_BUDGET_HELP",
    "SUGGEST_BUDGET",
    "SUGGEST_ITEMS",
    "Bound",
    "analysis_rows",
    "analysis_work",
    "check_analysis",
    "check_report",
    "check_rule_sets",
    "check_suggest_items",
    "largest_max_items",
    "share_count",
]

MAX_ITEMS = 180
"""The largest ``--max-items`` (``max_items``) of ``lint-rules`` and ``diff-rules``."""

MAX_SHARES = 512
"""Share predicates in one rule set, repeats included: each is evaluated for every rating."""

MAX_SHARE_FORMS = 64
"""Distinct share thresholds (linear forms ``q*num - p*den``) of the rule sets used at once."""

ANALYSIS_WORK = 9_100_000
"""The analysis's work, ``rows(max_items) * (forms + 5)``: the rows of count vectors it walks, times forms per row."""

SUGGEST_BUDGET = 300_000
"""Count vectors all the searches of one ``suggest`` call examine together (each also stops at its own budget)."""

SEARCH_BUDGET_HELP = (
    "count vectors all the searches of the run examine together; a search it stops says it is not settled"
)
"""What ``--budget`` means, for the help of the commands that take it."""

SUGGEST_ITEMS = 400_000
"""Items (the counts' total ``n``) of the categories one ``suggest`` call plans for, together: each is a candidate."""

MAX_REPORT_CATEGORIES = 64
"""Categories in one report (each has its chart, explanation and plans)."""

MAX_REPORT_ITEMS = 20_000
"""Items the categories of one report name, together (each is a row of an item table and a dot of a chart)."""

CHART_LABELS = 40
"""Dots a category chart labels; a chart of more items draws every dot and labels none."""

_ROW_COST = 5  # the work of a row beside its forms, in forms (measured: benchmarks/bench_bounds.py)


@attrs.frozen
class Bound:
    """One documented bound: its name, value, the commands it applies to and the option that raises it."""

    name: str
    value: int
    commands: tuple[str, ...]
    option: str | None
    what: str


BOUNDS: tuple[Bound, ...] = (
    Bound(
        "MAX_SHARES",
        MAX_SHARES,
        ("lint-rules", "diff-rules", "suggest", "report"),
        None,
        "share predicates per rule set",
    ),
    Bound(
        "MAX_SHARE_FORMS",
        MAX_SHARE_FORMS,
        ("lint-rules", "diff-rules", "suggest", "report"),
        None,
        "distinct share thresholds (linear forms) in the rule sets used together",
    ),
    Bound("MAX_ITEMS", MAX_ITEMS, ("lint-rules", "diff-rules"), "--max-items", "largest --max-items"),
    Bound(
        "ANALYSIS_WORK",
        ANALYSIS_WORK,
        ("lint-rules", "diff-rules"),
        None,
        "rows of count vectors up to --max-items times (distinct forms + 5)",
    ),
    Bound("SUGGEST_BUDGET", SUGGEST_BUDGET, ("suggest", "report"), "--budget", "count vectors searched per call"),
    Bound("SUGGEST_ITEMS", SUGGEST_ITEMS, ("suggest", "report"), "--category", "items of the categories planned for"),
    Bound("MAX_REPORT_CATEGORIES", MAX_REPORT_CATEGORIES, ("report",), "--max-categories", "categories per report"),
    Bound("MAX_REPORT_ITEMS", MAX_REPORT_ITEMS, ("report",), None, "named items per report"),
    Bound("CHART_LABELS", CHART_LABELS, ("report",), None, "labelled dots per category chart"),
)
"""Every bound, for the docs page and its test."""


def share_count(rules: RuleSet) -> int:
    """The share predicates of every rule of ``rules``, repeats included."""
    from .analysis._arrangement import rule_shares  # noqa: PLC0415 - the analysis loads on first use

    return len(rule_shares(rules))


def _forms(rule_sets: Iterable[RuleSet]) -> int:
    from .analysis._arrangement import Arrangement, rule_shares  # noqa: PLC0415 - analysis loads on first use

    return len(Arrangement.of(share for rules in rule_sets for share in rule_shares(rules)).forms)


def check_rule_sets(*rule_sets: RuleSet) -> int:
    """Refuse rule sets over :data:`MAX_SHARES` or, together, :data:`MAX_SHARE_FORMS`; return their forms."""
    problems: list[Problem] = []
    for rules in rule_sets:
        shares = share_count(rules)
        if shares > MAX_SHARES:
            problems.append(
                problem(
                    "limits.shares",
                    pointer="/rules",
                    expected=phrase("words.at_most_shares", limit=MAX_SHARES),
                    found=phrase("words.shares", count=shares),
                    id=rules.id,
                    count=shares,
                    limit=MAX_SHARES,
                )
            )
    if problems:
        raise InvalidDocumentError(problems, kind="rule set")
    forms = _forms(rule_sets)
    if forms > MAX_SHARE_FORMS:
        found = problem(
            "limits.share_forms",
            pointer="/rules",
            expected=phrase("words.at_most_forms", limit=MAX_SHARE_FORMS),
            found=phrase("words.forms", count=forms),
            count=forms,
            limit=MAX_SHARE_FORMS,
        )
        raise InvalidDocumentError([found], kind="rule set")
    return forms


def analysis_rows(max_items: int) -> int:
    """The rows ``(n, a, s)`` of count vectors with ``1 <= n <= max_items``: ``sum (n+1)(n+2)/2``."""
    m = max_items
    # sum_{n=1}^{m} (n+1)(n+2)/2 = C(m+3, 3) - 1
    return (m + 1) * (m + 2) * (m + 3) // 6 - 1


def analysis_work(max_items: int, forms: int) -> int:
    """The analysis's work at ``max_items`` with ``forms`` distinct forms (see :data:`ANALYSIS_WORK`)."""
    return analysis_rows(max_items) * (forms + _ROW_COST)


def largest_max_items(forms: int) -> int:
    """The largest ``max_items`` (at most :data:`MAX_ITEMS`) whose work is within :data:`ANALYSIS_WORK`."""
    largest = 0
    while largest < MAX_ITEMS and analysis_work(largest + 1, forms) <= ANALYSIS_WORK:
        largest += 1
    return largest


def check_analysis(max_items: int, *rule_sets: RuleSet) -> None:
    """Refuse an analysis (or comparison) of ``rule_sets`` up to ``max_items`` over its bounds, before it starts."""
    forms = check_rule_sets(*rule_sets)
    if max_items > MAX_ITEMS or analysis_work(max_items, forms) > ANALYSIS_WORK:
        largest = largest_max_items(forms)
        found = problem(
            "limits.max_items",
            expected=phrase("words.max_items_at_most", limit=largest),
            found=phrase("words.max_items", value=max_items),
            max_items=max_items,
            forms=forms,
            largest=largest,
        )
        raise InvalidDocumentError([found], kind="rule set")


def check_report(categories: int, items: int, limit: int = MAX_REPORT_CATEGORIES) -> None:
    """Refuse a report of more than ``limit`` categories, or of more than :data:`MAX_REPORT_ITEMS` named items."""
    problems = []
    if categories > limit:
        problems.append(
            problem(
                "limits.report_categories",
                pointer="/categories",
                expected=phrase("words.at_most_categories", limit=limit),
                found=phrase("words.categories", count=categories),
                count=categories,
                limit=limit,
            )
        )
    if items > MAX_REPORT_ITEMS:
        problems.append(
            problem(
                "limits.report_items",
                pointer="/categories",
                expected=phrase("words.at_most_items", count=f"{MAX_REPORT_ITEMS:,}"),
                found=phrase("words.items", count=f"{items:,}"),
                count=items,
                limit=MAX_REPORT_ITEMS,
            )
        )
    if problems:
        raise InvalidDocumentError(problems, kind="evaluation")


def check_suggest_items(count: int) -> None:
    """Refuse a suggestion run over categories of more than :data:`SUGGEST_ITEMS` items in all."""
    if count > SUGGEST_ITEMS:
        found = problem(
            "limits.suggest_items",
            pointer="/categories",
            expected=phrase("words.at_most_items", count=f"{SUGGEST_ITEMS:,}"),
            found=phrase("words.items", count=f"{count:,}"),
            count=count,
            limit=SUGGEST_ITEMS,
        )
        raise InvalidDocumentError([found], kind="evaluation")
