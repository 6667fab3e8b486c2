"""Explanations: clauses, rules and ratings in words."""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False

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
    "rules.rule.held": {"en": "{rule} holds", "ja": "{rule}は成立"},
    "rules.rule.not_held": {"en": "{rule} does not hold", "ja": "{rule}は不成立"},
    # Explanations in sentences (the report's register: です・ます). Percentages are rounded for reading.
    "rules.prose.sentence_join": {"en": " ", "ja": ""},
    "rules.prose.levels_join": {"en": " or ", "ja": "と"},
    "rules.prose.of.one": {"en": "Items at {level}", "ja": "{level}の項目"},
    "rules.prose.of.many": {"en": "Items at {levels}", "ja": "{levels}の合計"},
    "rules.prose.in.one": {"en": " at {level}", "ja": "{level}の"},
    "rules.prose.in.many": {"en": " at {levels}", "ja": "{levels}の"},
    "rules.prose.all": {"en": "", "ja": ""},
    "rules.prose.rule_name": {"en": "Rule {number} ({rating})", "ja": "規則{number}（{rating}）"},
    "rules.prose.needs_all": {"en": " (every condition must be met)", "ja": "（条件をすべて満たす必要があります）"},
    "rules.prose.needs_any": {"en": " (any one condition suffices)", "ja": "（条件のいずれかを満たせば成立します）"},
    "rules.prose.rule.held": {"en": "{rule} holds{join}.", "ja": "{rule}は成立します{join}。"},
    "rules.prose.rule.not_held": {"en": "{rule} does not hold{join}.", "ja": "{rule}は成立しません{join}。"},
    "rules.prose.share.at_least.held": {
        "en": "{of} make up {num} of the {den} {den:plural:item:items}{within} ({percent}), "
        "at least the {threshold} "
        "({threshold_percent}) that {rating} needs.",
        "ja": "{of}は{within}{den}項目中{num}項目（{percent}）で、{rating}に必要な{threshold}"
        "（{threshold_percent}）以上を満たしています。",
    },
    "rules.prose.share.at_least.not_held": {
        "en": "{of} make up {num} of the {den} {den:plural:item:items}{within} ({percent}), "
        "short of the {threshold} "
        "({threshold_percent}) that {rating} needs.",
        "ja": "{of}は{within}{den}項目中{num}項目（{percent}）で、{rating}に必要な{threshold}"
        "（{threshold_percent}）に届きません。",
    },
    "rules.prose.share.more_than.held": {
        "en": "{of} make up {num} of the {den} {den:plural:item:items}{within} ({percent}), "
        "more than the {threshold} "
        "({threshold_percent}) that {rating} needs.",
        "ja": "{of}は{within}{den}項目中{num}項目（{percent}）で、{rating}に必要な{threshold}"
        "（{threshold_percent}）を上回っています。",
    },
    "rules.prose.share.more_than.not_held": {
        "en": "{of} make up {num} of the {den} {den:plural:item:items}{within} ({percent}), "
        "not more than the {threshold} "
        "({threshold_percent}) that {rating} needs.",
        "ja": "{of}は{within}{den}項目中{num}項目（{percent}）で、{rating}に必要な{threshold}"
        "（{threshold_percent}）を上回っていません。",
    },
    "rules.prose.share.less_than.held": {
        "en": "{of} make up {num} of the {den} {den:plural:item:items}{within} ({percent}), "
        "which meets the condition of {rating}: "
        "less than {threshold} ({threshold_percent}).",
        "ja": "{of}は{within}{den}項目中{num}項目（{percent}）で、{rating}の条件である{threshold}"
        "（{threshold_percent}）未満を満たしています。",
    },
    "rules.prose.share.less_than.not_held": {
        "en": "{of} make up {num} of the {den} {den:plural:item:items}{within} ({percent}), "
        "which does not meet the condition of "
        "{rating}: less than {threshold} ({threshold_percent}).",
        "ja": "{of}は{within}{den}項目中{num}項目（{percent}）で、{rating}の条件である{threshold}"
        "（{threshold_percent}）未満を満たしていません。",
    },
    "rules.prose.share.at_most.held": {
        "en": "{of} make up {num} of the {den} {den:plural:item:items}{within} ({percent}), "
        "which meets the condition of {rating}: "
        "at most {threshold} ({threshold_percent}).",
        "ja": "{of}は{within}{den}項目中{num}項目（{percent}）で、{rating}の条件である{threshold}"
        "（{threshold_percent}）以下を満たしています。",
    },
    "rules.prose.share.at_most.not_held": {
        "en": "{of} make up {num} of the {den} {den:plural:item:items}{within} ({percent}), "
        "which does not meet the condition of "
        "{rating}: at most {threshold} ({threshold_percent}).",
        "ja": "{of}は{within}{den}項目中{num}項目（{percent}）で、{rating}の条件である{threshold}"
        "（{threshold_percent}）以下を満たしていません。",
    },
    "rules.prose.empty.not_held": {
        "en": "There are no items{within}, so the share of {of} is undefined and this condition "
        "of {rating} ({threshold}, {threshold_percent}) is not met.",
        "ja": "{within}項目が1つもないため{of}の割合は定まらず、{rating}のこの条件"
        "（{threshold}、{threshold_percent}）は満たされません。",
    },
    "rules.prose.empty.held": {
        "en": "There are no items{within}, so the share of {of} is undefined; {rating} asks that it not reach "
        "{threshold} ({threshold_percent}), which is met.",
        "ja": "{within}項目が1つもないため{of}の割合は定まらず、{rating}が求める「{threshold}"
        "（{threshold_percent}）に当たらないこと」を満たしています。",
    },
    "rules.prose.rated": {
        "en": "Under the rule set “{rule_set}”, this category is rated {rating} (rule {number}).",
        "ja": "規則集「{rule_set}」による評価は{rating}です（規則{number}）。",
    },
    "rules.prose.also": {
        "en": "The rules for {also} hold too, but the rules apply in order, so the rating is {rating}.",
        "ja": "{also}の規則も成立しますが、規則は上から順に適用されるため{rating}になります。",
    },
    "rules.prose.ambiguous": {
        "en": "Under the rule set “{rule_set}”, the rules for {names} hold at once; as the rules are exclusive, "
        "there is no rating.",
        "ja": "規則集「{rule_set}」では{names}の規則が同時に成立し、規則が排他的なため評価がつきません。",
    },
    "rules.prose.no_rule": {
        "en": "Under the rule set “{rule_set}”, no rule holds, so there is no rating.",
        "ja": "規則集「{rule_set}」のどの規則も成立しないため、評価がつきません。",
    },
    "rules.prose.empty_category": {
        "en": "The category has no items, so there is no rating.",
        "ja": "評価項目がないため、評価がつきません。",
    },
}

PROBLEMS: Table = {}
