"""Explanations: clauses, rules and ratings in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {
    "rules.no_rating": {"en": "no rating", "ja": "評価なし"},
    # The terms of a share's formula: English writes the levels' identifiers, Japanese their labels.
    "rules.term.advanced": {"en": "advanced", "ja": "先進的"},
    "rules.term.standard": {"en": "standard", "ja": "普通"},
    "rules.term.needs_review": {"en": "needs_review", "ja": "検討が必要"},
    "rules.term.behind": {"en": "behind", "ja": "遅れている"},
    "rules.term.all": {"en": "all", "ja": "全体"},
    # Relations: English writes ASCII operators, Japanese mathematical signs.
    "rules.relation.at_least": {"en": ">=", "ja": "≥"},
    "rules.relation.more_than": {"en": ">", "ja": ">"},
    "rules.relation.less_than": {"en": "<", "ja": "<"},
    "rules.relation.at_most": {"en": "<=", "ja": "≤"},
    "rules.relation.equal": {"en": "=", "ja": "="},
    "rules.relation.not_equal": {"en": "!=", "ja": "≠"},
    "rules.and": {"en": " and ", "ja": " かつ "},
    "rules.or": {"en": " or ", "ja": " または "},
    "rules.always": {"en": "always", "ja": "常に真"},
    "rules.never": {"en": "never", "ja": "常に偽"},
    "rules.not": {"en": "not ({inner})", "ja": "({inner}) でない"},
    "rules.empty_denominator": {"en": "empty denominator, so false", "ja": "分母が0のため偽"},
    "rules.rule": {"en": "rule {number} ({rating})", "ja": "規則{number}（{rating}）"},
    "rules.ratings.and": {"en": " and ", "ja": "・"},
    "rules.ratings.list": {"en": ", ", "ja": "・"},
    "rules.headline.empty": {"en": "{counts}: {no_rating} (no items)", "ja": "{counts}: {no_rating}（評価項目がない）"},
    "rules.headline.no_rule": {
        "en": "{counts}: {no_rating} (no rule's condition holds: a gap in the rules)",
        "ja": "{counts}: {no_rating}（どの規則にも該当しない）",
    },
    "rules.headline.ambiguous_two": {
        "en": "{counts}: {no_rating} (exclusive rules overlap: {names} both hold)",
        "ja": "{counts}: {no_rating}（{names} の規則が同時に該当し、排他的な規則集では決まらない）",
    },
    "rules.headline.ambiguous_many": {
        "en": "{counts}: {no_rating} (exclusive rules overlap: {names} all hold)",
        "ja": "{counts}: {no_rating}（{names} の規則が同時に該当し、排他的な規則集では決まらない）",
    },
    "rules.headline.rated": {"en": "{counts}: {rating} (rule {number})", "ja": "{counts}: {rating}（規則{number}）"},
    "rules.headline.rated_also": {
        "en": "{counts}: {rating} (rule {number}); also holding: {also}",
        "ja": "{counts}: {rating}（規則{number}）。ほかに該当: {also}",
    },
}

PROBLEMS: Table = {}
