"""Schema-valid inputs at (or past) the documented resource bounds, built to size.

Shared by the bound tests (small and refused sizes) and ``benchmarks/bench_bounds.py`` (the
largest sizes each bound admits).
"""

from __future__ import annotations

from typing import Any

__all__ = ["evaluation_document", "rule_set_document"]

_OF = (
    ["advanced"],
    ["standard"],
    ["needs_review"],
    ["behind"],
    ["advanced", "standard"],
    ["needs_review", "behind"],
    ["advanced", "needs_review"],
    ["standard", "behind"],
)
_RATINGS = ("advanced", "good", "partly_deficient", "deficient")
_LEVELS = ("advanced", "standard", "needs_review", "behind")


def rule_set_document(rules: int, predicates: int, *, thresholds: int | None = None) -> dict[str, Any]:
    """A first-match rule set of ``rules`` rules, each the ``all`` of ``predicates`` shares of all items.

    Shares cycle through eight level sets; ``thresholds`` (default: every share its own)
    distinct thresholds are used, so the rule set has ``min(thresholds, shares)`` distinct
    linear forms, give or take forms that coincide.
    """
    out = []
    number = 0
    for index in range(rules):
        parts = []
        for _ in range(predicates):
            which = number if thresholds is None else number % thresholds
            number += 1
            q = 101 + which
            p = (which * 37) % q or 1
            parts.append({"share": {"of": _OF[which % len(_OF)], "in": "all", "at_least": f"{p}/{q}"}})
        out.append({"rating": _RATINGS[index % len(_RATINGS)], "when": {"all": parts}})
    return {
        "$schema": "urn:tajimi-rules:schema:ruleset:1",
        "id": f"large-{rules}x{predicates}",
        "title": "A large rule set",
        "description": "generated to test the resource bounds",
        "version": "1",
        "combine": "first_match",
        "rules": out,
    }


def evaluation_document(categories: int, counts: tuple[int, int, int, int], *, items: int = 0) -> dict[str, Any]:
    """An evaluation of ``categories`` categories with these counts, each naming its first ``items`` items.

    Named items take their levels in the counts' proportions and have a national rate, so each
    is placed on the category's chart.
    """
    levels = [level for level, count in zip(_LEVELS, counts, strict=True) for _ in range(count)][:items]
    return {
        "title": "A large evaluation",
        "municipality": {"code": "212041", "name": "多治見市", "prefecture": "岐阜県"},
        "survey": {"title": "generated", "fiscal_year": 2022},
        "rules": "tajimi-r4",
        "categories": [
            {
                "id": f"c{index}",
                "group": {"ja": "グループ", "en": "Group"},
                "name": {"ja": f"カテゴリ{index}", "en": f"Category {index}"},
                "counts": dict(zip(_LEVELS, counts, strict=True)),
                "items": [
                    {
                        "id": f"c{index}-i{number}",
                        "name": {"ja": f"項目{number}", "en": f"Item {number}"},
                        "level": level,
                        "implemented": level in ("advanced", "standard"),
                        "national_rate": _rate(level, number),
                    }
                    for number, level in enumerate(levels)
                ],
            }
            for index in range(categories)
        ],
    }


def _rate(level: str, number: int) -> float:
    """A rate on the level's side of one half (rare below, common at or above), spread by ``number``."""
    step = (number * 7919) % 499 / 1000  # 0 .. 0.498
    return round(0.5 + step, 3) if level in ("standard", "behind") else round(step, 3)
