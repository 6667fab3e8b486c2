"""The report and its charts: headings, labels and sentences (``report.*`` and ``report.chart.*``)."""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {
    "report.summary": {
        "en": "Ratings at a glance",
        "ja": "立ち位置評価一覧",
    },
    "report.group": {
        "en": "group",
        "ja": "分類",
    },
    "report.category": {
        "en": "category",
        "ja": "カテゴリ",
    },
    "report.counts": {
        "en": "a/s/r/b",
        "ja": "先/普/検/遅",
    },
    "report.n": {
        "en": "n",
        "ja": "項目数",
    },
    "report.rating": {
        "en": "rating",
        "ja": "算出した評価",
    },
    "report.stated": {
        "en": "stated",
        "ja": "記載の評価",
    },
    "report.agreement": {
        "en": "agreement",
        "ja": "一致",
    },
    "report.agrees": {
        "en": "agrees",
        "ja": "一致",
    },
    "report.differs": {
        "en": "differs",
        "ja": "不一致",
    },
    "report.not_stated": {
        "en": "not stated",
        "ja": "記載なし",
    },
    "report.municipality": {
        "en": "Municipality",
        "ja": "団体",
    },
    "report.survey": {
        "en": "Survey",
        "ja": "調査",
    },
    "report.rule_set": {
        "en": "Rule set",
        "ja": "規則集",
    },
    "report.method": {
        "en": "How the ratings are computed",
        "ja": "評価の算出方法",
    },
    "report.levels_intro": {
        "en": "Each item is placed by two facts: does the body do it, and is it common nationally.",
        "ja": "各項目は、実施しているか、全国的に多く実施されているかの二つで位置づけます。",
    },
    "report.no_grading": {
        "en": "This rule set grades no items: the file's counts or stated levels are used.",
        "ja": "この規則集は項目を格付けしません。ファイルの件数または記載の水準を用います。",
    },
    "report.combine_first_match": {
        "en": "Rules are tried in order; the first whose condition holds gives the rating.",
        "ja": "規則を上から順に調べ、最初に条件が成り立つ規則の評価とします。",
    },
    "report.combine_exclusive": {
        "en": "Rules have no order: where rules of different ratings hold at once, there is no rating.",
        "ja": "規則に順序はありません。異なる評価の規則が同時に成り立つときは評価なしとします。",
    },
    "report.legend": {
        "en": "a = advanced, s = standard, r = needs review, b = behind, n = a+s+r+b.",
        "ja": "先 = 先進的、普 = 普通、検 = 検討が必要、遅 = 遅れている、項目数 = 合計。",
    },
    "report.overview": {
        "en": "Overall",
        "ja": "全体",
    },
    "report.overview_alt": {
        "en": "Share of items at each level and the rating of every category",
        "ja": "各評価項目の水準別の割合と評価",
    },
    "report.explanation": {
        "en": "Why this rating",
        "ja": "この評価になる理由",
    },
    "report.trace": {
        "en": "The exact calculation",
        "ja": "計算の詳細",
    },
    "report.good": {
        "en": "Good points (良い点)",
        "ja": "良い点",
    },
    "report.consider": {
        "en": "Points to consider (検討点)",
        "ja": "検討点",
    },
    "report.from_items": {
        "en": "derived from the items, as the file states no remarks",
        "ja": "ファイルに記述がないため、項目から作成",
    },
    "report.items": {
        "en": "Items",
        "ja": "項目",
    },
    "report.item": {
        "en": "item",
        "ja": "項目",
    },
    "report.level": {
        "en": "level",
        "ja": "水準",
    },
    "report.implemented": {
        "en": "implemented",
        "ja": "実施",
    },
    "report.national_rate": {
        "en": "national rate",
        "ja": "全国実施率",
    },
    "report.prefecture_rate": {
        "en": "prefectural rate",
        "ja": "県内実施率",
    },
    "report.common": {
        "en": "common nationally",
        "ja": "全国的に多い",
    },
    "report.common_prefecture": {
        "en": "common in the prefecture",
        "ja": "県内で多い",
    },
    "report.levels_intro_prefecture": {
        "en": "Each item is placed by two facts: does the body do it, and is it common in its prefecture.",
        "ja": "各項目は、実施しているか、県内で多く実施されているかの二つで位置づけます。",
    },
    "report.chart_alt_prefecture": {
        "en": "Items of {name} by implementation rate in the prefecture and whether they are implemented",
        "ja": "{name}の項目: 県内実施率と実施の有無",
    },
    "report.number": {
        "en": "No.",
        "ja": "番号",
    },
    "report.note": {
        "en": "note",
        "ja": "備考",
    },
    "report.yes": {
        "en": "yes",
        "ja": "あり",
    },
    "report.no": {
        "en": "no",
        "ja": "なし",
    },
    "report.unknown": {
        "en": "—",
        "ja": "—",
    },
    "report.unnamed": {
        "en": "{count} more {count:plural:item is:items are} counted but not named in the file.",
        "ja": "ほかに{count}項目が件数に含まれますが、ファイルに項目名の記載がありません。",
    },
    "report.plan": {
        "en": "Smallest improvement plan",
        "ja": "最小の改善案",
    },
    "report.outside": {
        "en": "Outside this body's control (not part of the plan)",
        "ja": "団体の取組の外で必要な変化（改善案には含めません）",
    },
    "report.risks": {
        "en": "Items at risk",
        "ja": "この評価を支える項目",
    },
    "report.no_risk": {
        "en": "No single item slipping would lower this rating.",
        "ja": "1項目の変化では評価は下がりません。",
    },
    "report.no_plan": {
        "en": "This is the best rating the rule set gives.",
        "ja": "規則集で最良の評価です。",
    },
    "report.caution": {
        "en": "Caution: the rules are not monotone here",
        "ja": "注意: ここでは規則が単調でない",
    },
    "report.caution_text": {
        "en": (
            "Implementing one {source} item (→ {target}) would change {before} into {after}: "
            "{rating_after}, worse than today's {rating}."
        ),
        "ja": (
            "「{source}」の1項目を実施する（→{target}）と {before} が {after} となり、"
            "評価は{rating_after}に下がる（現在は{rating}）。"
        ),
    },
    "report.chart_alt": {
        "en": "Items of {name} by national implementation rate and whether they are implemented",
        "ja": "{name}の項目: 全国実施率と実施の有無",
    },
    "report.unknown_counts": {
        "en": "Neither counts nor every item's level is known, so there is no rating.",
        "ja": "件数も全項目の水準も分からないため、評価はありません。",
    },
    "report.page": {
        "en": "page {page} of the source document",
        "ja": "原資料 {page} ページ",
    },
    "report.generated": {
        "en": "Generated by tajimi-rules {version}.",
        "ja": "tajimi-rules {version} で作成。",
    },
    "report.footer": {
        "en": "Every rating is recomputed from the counts with exact fractions; nothing here is a float "
        "(percentages are rounded for reading).",
        "ja": "評価はすべて件数から分数で厳密に算出しています。浮動小数点数は使っていません"
        "（百分率は表示のために丸めたものです）。",
    },
    "report.tally": {
        "en": (
            "{total} {total:plural:category:categories}: {agree} agree, {disagree} differ, "
            "{unrated} unrated, {unstated} not stated."
        ),
        "ja": "{total}カテゴリ: 一致 {agree}、不一致 {disagree}、評価なし {unrated}、記載なし {unstated}。",
    },
    "report.contents": {
        "en": "Categories",
        "ja": "カテゴリ一覧",
    },
    "report.none_gap": {
        "en": "none (gap)",
        "ja": "なし（空白域）",
    },
    "report.none_overlap": {
        "en": "none (overlap)",
        "ja": "なし（重複）",
    },
    "report.none_empty": {
        "en": "none (no items)",
        "ja": "なし（項目0）",
    },
    "report.none_unknown": {
        "en": "unknown counts",
        "ja": "件数不明",
    },
    "report.grading_national": {
        "en": "An item is common when its national implementation rate is {comparison} {threshold}.",
        "ja": "全国実施率が{threshold}{comparison}の項目を「全国的に多い」とします。",
    },
    "report.grading_prefecture": {
        "en": "An item is common when its prefectural implementation rate is {comparison} {threshold}.",
        "ja": "県内実施率が{threshold}{comparison}の項目を「県内で多い」とします。",
    },
    "report.comparison_at_least": {
        "en": "at least",
        "ja": "以上",
    },
    "report.comparison_more_than": {
        "en": "more than",
        "ja": "超",
    },
    "report.approximately": {
        "en": "≈",
        "ja": "約",
    },
    "report.plan_exact": {
        "en": "To {target}",
        "ja": "{target}へ",
    },
    "report.plan_at_least": {
        "en": "To at least {target}",
        "ja": "{target}以上へ",
    },
    "report.chart.implemented": {
        "en": "implemented",
        "ja": "実施",
    },
    "report.chart.not_implemented": {
        "en": "not implemented",
        "ja": "未実施",
    },
    "report.chart.national": {
        "en": "national implementation rate",
        "ja": "全国実施率",
    },
    "report.chart.prefecture": {
        "en": "implementation rate in the prefecture",
        "ja": "県内実施率",
    },
    "report.chart.common": {
        "en": "common: {op} {threshold}",
        "ja": "全国的に多い: {op} {threshold}",
    },
    "report.chart.common_prefecture": {
        "en": "common in the prefecture: {op} {threshold}",
        "ja": "県内で多い: {op} {threshold}",
    },
    "report.chart.no_grading": {
        "en": "no item grading in this rule set",
        "ja": "この規則集は項目を格付けしない",
    },
    "report.chart.points": {
        "en": "dots: {shown} of {total} {total:plural:item:items}, those whose rate the file gives; "
        "quadrant labels: the counts",
        "ja": "点: 実施率の記載がある{shown}項目（全{total}項目）／各区画の数: 件数",
    },
    "report.pdf.missing": {
        "en": "a PDF report is printed by headless Chromium, which is not installed: install it "
        "(Debian: apt-get install chromium) or name its binary in ${variable}; or write .html and print that",
        "ja": "PDF の報告書はヘッドレス Chromium で印刷しますが、インストールされていません。"
        "インストールする（Debian: apt-get install chromium）か、${variable} にその実行ファイルを指定してください。"
        "または .html で書き出して印刷してください",
    },
    "report.pdf.failed": {
        "en": "Chromium ({binary}) could not print the report: {reason}",
        "ja": "Chromium（{binary}）で報告書を印刷できませんでした: {reason}",
    },
    "report.pdf.timeout": {
        "en": "Chromium did not finish printing the report within {seconds} seconds",
        "ja": "Chromium が{seconds}秒以内に報告書の印刷を終えませんでした",
    },
    "report.chart.numbered": {
        "en": "; numbers: the item table's No.",
        "ja": "／数字: 項目表の番号",
    },
    "report.chart.unlabelled": {
        "en": "; more than {limit} dots, so none is labelled (the item table lists them)",
        "ja": "／点が{limit}を超えるため番号なし（項目表を参照）",
    },
    "report.chart.share": {
        "en": "share of items at each level",
        "ja": "水準別の項目の割合",
    },
    "report.chart.no_rating": {
        "en": "no rating",
        "ja": "評価なし",
    },
    "report.chart.stated": {
        "en": "stated: {rating}",
        "ja": "記載: {rating}",
    },
}

PROBLEMS: Table = {
    # Warnings raised by the chart library, reworded.
    "chart.missing_glyph": {
        "en": (
            "a name holds {count} {count:plural:character:characters} the chart fonts cannot draw ({characters}); "
            "the chart shows {count:plural:it:them} as a blank or a box"
        ),
        "ja": (
            "名前にグラフのフォントで描けない文字が{count}字（{characters}）ある。グラフでは空白または四角で表示される"
        ),
    },
    "chart.library_warning": {
        "en": "the chart library warned ({kind}): {reason}",
        "ja": "グラフのライブラリが警告した（{kind}）: {reason}",
    },
}
