"""Improvement suggestions: plans, what else it would take, what holds a rating up, 良い点 and 検討点."""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from . import Table

_NOT_SETTLED_EN = (
    "the search stopped at its budget ({budget} count vectors a search, or what was left of the call's total)"
)

TEXTS: Table = {
    "suggestions.list": {"en": ", ", "ja": "、"},
    "suggestions.and": {"en": " and ", "ja": "・"},
    "suggestions.approx": {"en": "about ", "ja": "約"},
    # A target, as aimed at: "at least good" (exact: "good"), and in the whole-evaluation plan "exactly good".
    "suggestions.goal.at_least": {"en": "at least {target}", "ja": "{target}以上"},
    "suggestions.goal.exact": {"en": "{target}", "ja": "{target}"},
    "suggestions.goal.exactly": {"en": "exactly {target}", "ja": "ちょうど{target}"},
    "suggestions.goal.or_better": {"en": "{target} or better", "ja": "{target}以上"},
    # Items, named or not.
    "suggestions.example": {"en": "{name}", "ja": "「{name}」"},
    "suggestions.examples": {"en": ", ", "ja": ""},
    "suggestions.unnamed_item": {"en": "(an unnamed {level} item)", "ja": "（記載のない「{level}」の項目）"},
    "suggestions.unnamed_changes": {
        "en": "{count} {level} {count:plural:item:items} not named in the file",
        "ja": "「{level}」の{count}項目を実施。項目名の記載なし",
    },
    "suggestions.rate.national": {"en": "national rate {rate}", "ja": "全国実施率 {rate}"},
    "suggestions.rate.prefecture": {"en": "in the prefecture {rate}", "ja": "県内実施率 {rate}"},
    "suggestions.rates": {"en": " ({rates})", "ja": "（{rates}）"},
    "suggestions.item_level": {"en": "{name}: {level}{rates}", "ja": "「{name}」は{level}{rates}"},
    # Moves of several items at once.
    "suggestions.move.new": {
        "en": "{count} new {count:plural:item:items} added to the survey that the body does, at {target}",
        "ja": "調査に項目が{count}件追加され、この団体がそれを実施している（「{target}」）",
    },
    "suggestions.move.implement": {
        "en": "implementing {count} {source} {count:plural:item:items} (→ {target})",
        "ja": "「{source}」の{count}項目を実施（→{target}）",
    },
    "suggestions.move.drop": {
        "en": "dropping {count} {source} {count:plural:item:items} (→ {target})",
        "ja": "「{source}」の{count}項目を廃止（→{target}）",
    },
    "suggestions.move.rarer": {
        "en": "{count} {source} {count:plural:item:items} becoming rare nationally (→ {target})",
        "ja": "「{source}」の{count}項目が全国的に少数になる（→{target}）",
    },
    "suggestions.move.common": {
        "en": "{count} {source} {count:plural:item:items} becoming common nationally (→ {target})",
        "ja": "「{source}」の{count}項目が全国的に普及する（→{target}）",
    },
    "suggestions.more.first": {"en": "{count} {count:plural:item:items} more at {level}", "ja": "{level}{count}項目"},
    "suggestions.more.next": {"en": "{count} more at {level}", "ja": "{level}{count}項目"},
    "suggestions.cost": {"en": " (total cost {cost})", "ja": "（費用 計{cost}）"},
    # One suggestion, by its reason.
    "suggestions.already": {"en": "already {now} (target: {goal})", "ja": "すでに{now}（目標: {goal}）"},
    "suggestions.above": {
        "en": "already above the target: {now}, better than exactly {target} (a plan never lowers a rating)",
        "ja": "すでに目標の{target}より上の{now}（目標ちょうどを求める指定のため、下げる計画は立てない）",
    },
    "suggestions.never_given": {
        "en": "unreachable: the rule set never gives {wanted} to any counts",
        "ja": "この規則集はどの件数にも{wanted}の評価を出さない（どの計画でも届かない）",
    },
    "suggestions.budget": {
        "en": "not settled: " + _NOT_SETTLED_EN + " before it found a plan or ruled one out",
        "ja": "探索の上限（1回の探索で{budget}件の件数ベクトル、または呼び出し全体の残り）に達し、"
        "計画の有無を確定できませんでした",
    },
    "suggestions.reached": {"en": "{more} would make this {after}{cost}", "ja": "あと{more}で{after}になります{cost}"},
    "suggestions.reached.named": {
        "en": "{more} would make this {after}{cost}: e.g. {examples}",
        "ja": "あと{more}で{after}になります{cost}: 例{examples}",
    },
    "suggestions.reached.named_unnamed": {
        "en": "{more} would make this {after}{cost}: e.g. {examples}, and {rest}",
        "ja": "あと{more}で{after}になります{cost}: 例{examples}、ほかに{rest}",
    },
    "suggestions.reached.unnamed": {
        "en": "{more} would make this {after}{cost} ({rest})",
        "ja": "あと{more}で{after}になります{cost}（{rest}）",
    },
    "suggestions.unreachable": {
        "en": "this body's own actions (implementing its items) cannot make this {goal}; "
        "the best they can reach is {best}",
        "ja": "この団体自身の取組（項目の実施）だけでは{goal}に届きません（自らの取組で届く最良の評価: {best}）",
    },
    # Outside the body's control: never part of a plan, listed apart.
    "suggestions.outside.found": {
        "en": "only with changes outside this body's control: {option}",
        "ja": "団体の取組の外の変化があれば届きます: {option}",
    },
    "suggestions.outside.none": {"en": "{tried}", "ja": "{tried}"},
    # What else it would take.
    "suggestions.beyond.rarer": {"en": "items becoming rare nationally", "ja": "全国的に少数になる項目を加えて"},
    "suggestions.beyond.new_items": {
        "en": "up to {limit} new {limit:plural:item:items} at advanced and up to {limit} at standard",
        "ja": "「先進的」「普通」の項目をそれぞれ{limit}件まで追加して",
    },
    "suggestions.beyond.budget": {
        "en": "no plan with {what} was found before " + _NOT_SETTLED_EN + " (not settled)",
        "ja": "{what}届く計画は探索の上限（1回の探索で{budget}件、または呼び出し全体の残り）までに"
        "見つかりませんでした（未確定）",
    },
    "suggestions.beyond.none": {"en": "not even with {what}", "ja": "{what}も届きません"},
    "suggestions.beyond.plan": {
        "en": "{size} {size:plural:change:changes}: {moves}, giving {counts}, {after}",
        "ja": "計{size}件の変更: {moves}、結果 {counts} で{after}",
    },
    # What holds a rating up.
    "suggestions.risk": {
        "en": "if {which} {what}, the rating would fall to {after}{who}",
        "ja": "{which}{what}と{after}になります{who}",
    },
    "suggestions.risk.lapse": {"en": "stopped being done", "ja": "実施しなくなる"},
    "suggestions.risk.catch_up": {"en": "became common nationally", "ja": "全国的に普及する"},
    "suggestions.risk.which_one": {"en": "the one {level} item", "ja": "「{level}」の1項目が"},
    "suggestions.risk.which_any": {
        "en": "any one of the {count} {level} items",
        "ja": "「{level}」の{count}項目のうち1つでも",
    },
    "suggestions.risk.named": {"en": ": {names}", "ja": ": {names}"},
    "suggestions.risk.named_unnamed": {
        "en": ": {names} (and {unnamed} not named in the file)",
        "ja": ": {names}（ほか記載なし{unnamed}件）",
    },
    "suggestions.risk.unnamed": {"en": " ({unnamed} not named in the file)", "ja": ": 記載のない{unnamed}件"},
    "suggestions.no_risk": {"en": "no single item slipping would lower it", "ja": "1項目の変化では下がりません"},
    # A category's written suggestions.
    "suggestions.unknown_counts": {
        "en": "{name}: neither counts nor every item's level is known",
        "ja": "{name}: 件数も全項目の水準も分かりません",
    },
    "suggestions.unnamed_points": {
        "en": "{count} {level} {count:plural:item:items} (not named in the file)",
        "ja": "「{level}」の項目が{count}件（項目名の記載なし）",
    },
    "suggestions.unnamed_points_more": {
        "en": "{count} more {level} {count:plural:item:items} (not named in the file)",
        "ja": "ほかに「{level}」の項目が{count}件（項目名の記載なし）",
    },
    "suggestions.section.good_points": {"en": "Good points", "ja": "良い点"},
    "suggestions.section.points_to_consider": {"en": "Points to consider", "ja": "検討点"},
    "suggestions.section.plan": {"en": "Plan", "ja": "改善案"},
    "suggestions.section.outside": {
        "en": "Outside this body's control (not part of any plan)",
        "ja": "団体の取組の外で必要な変化（改善案には含めません）",
    },
    "suggestions.section.risks": {"en": "What holds this rating up", "ja": "この評価を支える項目"},
    "suggestions.plan_line": {"en": "to {goal}: {text}", "ja": "{goal}へ: {text}"},
    # The whole-evaluation plan.
    "suggestions.evaluation_plan": {
        "en": "Plan to bring every category to {goal}: {size} {size:plural:change:changes} in all "
        "(largest gain per item first)",
        "ja": "全カテゴリを{goal}にする計画: 計{size}件の変更（1件あたりの向上が大きい順）",
    },
    "suggestions.plan.unknown": {"en": "unknown counts", "ja": "件数不明"},
    "suggestions.plan.already": {"en": "already there", "ja": "達成済み"},
    "suggestions.plan.above": {"en": "already above the target (not lowered)", "ja": "目標より上（下げない）"},
}

PROBLEMS: Table = {}
