"""Exported rule sets: the calculator workbook, the what-if workbook and page, and their problems."""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from . import Table

_LABELS: Table = {
    "export.rating.advanced": {"en": "advanced", "ja": "先進的"},
    "export.rating.good": {"en": "good", "ja": "良好"},
    "export.rating.partly_deficient": {"en": "partly deficient", "ja": "やや不備あり"},
    "export.rating.deficient": {"en": "deficient", "ja": "不備あり"},
    "export.rating.none": {"en": "no rating", "ja": "評価なし"},
    "export.rating.invalid": {"en": "invalid counts", "ja": "件数が不正"},
    "export.level.advanced": {"en": "advanced", "ja": "先進的"},
    "export.level.standard": {"en": "standard", "ja": "普通"},
    "export.level.needs_review": {"en": "needs review", "ja": "検討が必要"},
    "export.level.behind": {"en": "behind", "ja": "遅れている"},
    "export.level.all": {"en": "all", "ja": "全体"},
    "export.implemented.yes": {"en": "implemented", "ja": "実施"},
    "export.implemented.no": {"en": "not implemented", "ja": "未実施"},
    "export.agrees": {"en": "✓ agrees", "ja": "✓ 一致"},
    "export.differs": {"en": "✗ differs", "ja": "✗ 不一致"},
    "export.combine.first_match": {
        "en": "first match: the rules are tried in order; the first whose condition holds gives the rating",
        "ja": "先勝ち: 規則を順に調べ、最初に条件が成り立つ規則の評価とする",
    },
    "export.combine.exclusive": {
        "en": "exclusive: where rules of different ratings hold at once, or none holds, there is no rating",
        "ja": "排他: 異なる評価の規則が同時に成り立つとき、またはどれも成り立たないときは評価なし",
    },
}

_WORKBOOK: Table = {
    "export.sheet.calculator": {"en": "calculator", "ja": "計算"},
    "export.sheet.about": {"en": "rule set", "ja": "規則集"},
    "export.sheet.categories": {"en": "categories", "ja": "評価項目"},
    "export.sheet.items": {"en": "items", "ja": "項目"},
    "export.header.label": {"en": "label", "ja": "評価"},
    "export.about.rule_set": {"en": "rule set", "ja": "規則集"},
    "export.about.title": {"en": "title", "ja": "名称"},
    "export.about.combine": {"en": "combination", "ja": "組み合わせ方"},
    "export.about.rule": {"en": "rule {number} ({rating})", "ja": "規則{number}（{rating}）"},
    "export.about.exact": {
        "en": (
            "Every share is compared by multiplying whole numbers (q × part ≥ p × whole): each product stays "
            "below 10^15, where spreadsheet numbers are exact. An empty denominator satisfies no comparison; "
            "n = 0 is never rated."
        ),
        "ja": (
            "割合はすべて整数の掛け算（q × 部分 ≥ p × 全体）で比べる。積は 10^15 未満に収まり、表計算の数値で"
            "厳密に扱える。分母が0の割合はどの比較も満たさない。項目数0は評価しない。"
        ),
    },
    "export.validation.count": {
        "en": "a whole number from 0 to {top}",
        "ja": "0 から {top} までの整数",
    },
    "export.validation.move": {
        "en": "a whole number from 0 to the items counted at the level moved from",
        "ja": "0 から移す元の水準の件数までの整数",
    },
    "export.whatif.item.category": {"en": "category", "ja": "評価項目ID"},
    "export.whatif.item.category_name": {"en": "category name", "ja": "評価項目"},
    "export.whatif.item.item": {"en": "item", "ja": "項目ID"},
    "export.whatif.item.item_name": {"en": "item name", "ja": "項目"},
    "export.whatif.item.national_rate": {"en": "national rate", "ja": "全国実施率"},
    "export.whatif.item.prefecture_rate": {"en": "prefectural rate", "ja": "県内実施率"},
    "export.whatif.item.implemented": {"en": "implemented?", "ja": "実施／未実施"},
    "export.whatif.item.rate_numerator": {"en": "rate (numerator)", "ja": "実施率（分子）"},
    "export.whatif.item.rate_denominator": {"en": "rate (denominator)", "ja": "実施率（分母）"},
    "export.whatif.item.common": {"en": "common", "ja": "多数が実施"},
    "export.whatif.item.level": {"en": "level", "ja": "水準"},
    "export.whatif.category.category": {"en": "category", "ja": "評価項目ID"},
    "export.whatif.category.category_name": {"en": "category name", "ja": "評価項目"},
    "export.whatif.category.counted_advanced": {"en": "counted: advanced", "ja": "件数のみ: 先進的"},
    "export.whatif.category.counted_standard": {"en": "counted: standard", "ja": "件数のみ: 普通"},
    "export.whatif.category.counted_needs_review": {"en": "counted: needs review", "ja": "件数のみ: 検討が必要"},
    "export.whatif.category.counted_behind": {"en": "counted: behind", "ja": "件数のみ: 遅れている"},
    "export.whatif.category.move_needs_review_advanced": {
        "en": "implement: needs review → advanced",
        "ja": "実施する: 検討が必要 → 先進的",
    },
    "export.whatif.category.move_behind_standard": {
        "en": "implement: behind → standard",
        "ja": "実施する: 遅れている → 普通",
    },
    "export.whatif.category.move_advanced_needs_review": {
        "en": "give up: advanced → needs review",
        "ja": "やめる: 先進的 → 検討が必要",
    },
    "export.whatif.category.move_standard_behind": {
        "en": "give up: standard → behind",
        "ja": "やめる: 普通 → 遅れている",
    },
    "export.whatif.category.advanced": {"en": "advanced", "ja": "先進的"},
    "export.whatif.category.standard": {"en": "standard", "ja": "普通"},
    "export.whatif.category.needs_review": {"en": "needs review", "ja": "検討が必要"},
    "export.whatif.category.behind": {"en": "behind", "ja": "遅れている"},
    "export.whatif.category.n": {"en": "n", "ja": "項目数"},
    "export.whatif.category.rating": {"en": "rating", "ja": "評価ID"},
    "export.whatif.category.label": {"en": "computed rating", "ja": "算出した評価"},
    "export.whatif.category.stated": {"en": "stated rating", "ja": "記載の評価"},
    "export.whatif.category.agrees": {"en": "agreement", "ja": "一致"},
}

_PROBLEM_PARTS: Table = {
    "export.out_of_range.expected": {
        "en": "a threshold whose parts times {product_bound} stay within {limit}",
        "ja": "分子・分母と件数 {product_bound} の積が {limit} 以下に収まる閾値",
    },
}

_PAGE: Table = {
    "export.page.title": {"en": "What if: {title}", "ja": "試算: {title}"},
    "export.page.intro": {
        "en": (
            "Tick or untick the items, and change how many of the counted items are implemented: every level, "
            "count, rating and reason below is recomputed in the page by the rule set {rules}, compiled to JavaScript."
        ),
        "ja": (
            "項目の実施・未実施を切り替え、件数のみの項目のうち実施する数を変えると、下の水準・件数・評価・理由が"
            "規則集 {rules} から生成した JavaScript によりページ内で再計算される。"
        ),
    },
    "export.page.counts": {"en": "a/s/r/b", "ja": "先/普/検/遅"},
    "export.page.n": {"en": "n", "ja": "項目数"},
    "export.page.computed": {"en": "computed", "ja": "算出した評価"},
    "export.page.stated": {"en": "stated", "ja": "記載の評価"},
    "export.page.named": {"en": "Named items", "ja": "名前のある項目"},
    "export.page.counted": {"en": "Items the file only counts", "ja": "件数のみの項目"},
    "export.page.reason": {"en": "Why", "ja": "理由"},
    "export.page.reset": {"en": "Reset", "ja": "元に戻す"},
    "export.page.unknown": {"en": "unknown counts", "ja": "件数不明"},
    "export.page.headline": {"en": "{counts} (n={n}): {rating}", "ja": "{counts}（項目数 {n}）: {rating}"},
    "export.page.rule": {"en": "rule {number} ({rating})", "ja": "規則{number}（{rating}）"},
    "export.page.outcome.empty": {"en": "no items", "ja": "評価項目がない"},
    "export.page.outcome.no_rule": {
        "en": "no rule's condition holds: a gap in the rules",
        "ja": "どの規則にも該当しない",
    },
    "export.page.outcome.ambiguous": {
        "en": "rules of different ratings hold at once",
        "ja": "異なる評価の規則が同時に該当する",
    },
    "export.page.empty_denominator": {"en": "empty denominator, so false", "ja": "分母が0のため偽"},
    "export.page.and": {"en": " and ", "ja": " かつ "},
    "export.page.good": {"en": "Good points (良い点)", "ja": "良い点"},
    "export.page.consider": {"en": "Points to consider (検討点)", "ja": "検討点"},
}

_CLI: Table = {
    "export.cli.no_directory": {
        "en": "no such directory for --out: {directory}",
        "ja": "出力先のディレクトリがない: {directory}",
    },
    "export.cli.cannot_write": {
        "en": "cannot write {path}: {reason}",
        "ja": "書き込めない: {path}: {reason}",
    },
    "export.cli.suffix": {
        "en": "--out must end in one of {suffixes}: {path}",
        "ja": "--out の拡張子は {suffixes} のいずれかにする: {path}",
    },
    "export.cli.wrote_export": {
        "en": "{path}: {rules} exported to {to}",
        "ja": "{path}: {rules} を {to} に書き出した",
    },
    "export.cli.wrote_whatif": {
        "en": "{path}: what-if plan of {count} {count:plural:category:categories} under {rules}",
        "ja": "{path}: {count}評価項目の試算（規則集 {rules}）",
    },
}

TEXTS: Table = {**_LABELS, **_WORKBOOK, **_PROBLEM_PARTS, **_PAGE, **_CLI}

PROBLEMS: Table = {
    "export.out_of_range": {
        "en": (
            "the threshold {threshold} makes products up to {product}, beyond the integers "
            "the {target} port holds exactly (up to {limit})"
        ),
        "ja": "閾値 {threshold} では積が最大 {product} となり、{target} で厳密に扱える整数（{limit} まで）を超える",
    },
}
