"""The command line: headings, labels and messages of every command, and how it reports errors.

Help texts (``--help``) and argument-syntax errors are argparse's and stay English.
"""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from . import Table

_ERRORS: Table = {
    "cli.error.internal": {
        "en": "tajimi-rules: internal error: {kind}: {error}",
        "ja": "tajimi-rules: 内部エラー: {kind}: {error}",
    },
    "cli.error.report_bug": {
        "en": "tajimi-rules: this is a bug; please report it with the command you ran",
        "ja": "tajimi-rules: これは不具合です。実行したコマンドを添えて報告してください",
    },
    "cli.error.unknown_rule_set": {
        "en": "unknown rule set {name!r}: expected one of {known} or the path of a rule-set JSON file",
        "ja": "規則集 {name!r} はない（{known} のいずれか、または規則集 JSON ファイルのパスを指定する）",
    },
    "cli.error.unknown_catalog": {
        "en": "unknown catalog {name!r}: expected one of {known} or the path of a catalog JSON file",
        "ja": "調査カタログ {name!r} はない（{known} のいずれか、またはカタログ JSON ファイルのパスを指定する）",
    },
    "cli.error.unknown_category": {
        "en": "unknown category {name!r}: expected one of {known}",
        "ja": "カテゴリ {name!r} はない（あるもの: {known}）",
    },
    "cli.error.unknown_id": {
        "en": "unknown id {name!r}: expected one of {known}",
        "ja": "ID {name!r} はない（あるもの: {known}）",
    },
    "cli.error.output_exists": {
        "en": "{path}: the output exists and is not empty (replacing it was not asked for)",
        "ja": "{path}: 出力先が既にあり、空でない（置き換えは指定されていない）",
    },
}

_SHARED: Table = {
    "cli.rules_line": {"en": "rules: {id} ({combine}) · {title}", "ja": "規則集: {id} ({combine}) · {title}"},
    "cli.rating.none": {"en": "none", "ja": "なし"},
}

_CHECK: Table = {
    "cli.check.column.mark": {"en": "", "ja": ""},
    "cli.check.column.id": {"en": "id", "ja": "ID"},
    "cli.check.column.category": {"en": "category", "ja": "カテゴリ"},
    "cli.check.column.n": {"en": "n", "ja": "n"},
    "cli.check.column.counts": {"en": "a/s/r/b", "ja": "先/普/検/遅"},
    "cli.check.column.computed": {"en": "computed", "ja": "算出"},
    "cli.check.column.stated": {"en": "stated", "ja": "記載"},
    "cli.check.unknown_counts": {"en": "unknown counts", "ja": "件数不明"},
    "cli.check.outcome.no_rule": {"en": "none (gap)", "ja": "なし（空白域）"},
    "cli.check.outcome.ambiguous": {"en": "none (overlap)", "ja": "なし（重複）"},
    "cli.check.outcome.empty": {"en": "none (no items)", "ja": "なし（項目0）"},
    "cli.check.summary": {
        "en": "{total} {total:plural:category:categories}: {agree} agree, {disagree} disagree, {unrated} unrated",
        "ja": "{total}カテゴリ: 一致 {agree}、不一致 {disagree}、評価なし {unrated}",
    },
    "cli.check.category": {
        "en": "{name}: computed {computed}, stated {stated}",
        "ja": "{name}: 算出 {computed}、記載 {stated}",
    },
    "cli.check.nothing_known": {
        "en": "neither counts nor every item's level is known",
        "ja": "件数も全項目の水準も分からない",
    },
}

_VALIDATE: Table = {
    "cli.validate.summary": {
        "en": (
            "{files} {files:plural:file:files}: {valid} valid, {invalid} invalid "
            "({errors} {errors:plural:error:errors}, {warnings} {warnings:plural:warning:warnings})"
        ),
        "ja": "{files}ファイル: 有効 {valid}、無効 {invalid}（エラー {errors}、警告 {warnings}）",
    },
    # The wording of ``file.unreadable`` when the thing that cannot be read is a directory.
    "cli.validate.unlisted": {
        "en": "cannot list the directory: {reason}",
        "ja": "ディレクトリの中身を読めない: {reason}",
    },
}

_LINT: Table = {
    "cli.lint.checked": {
        "en": "checked {vectors:,} count vectors with 1 <= n <= {max_items}; moves: {moves}",
        "ja": "1 ≤ n ≤ {max_items} の件数ベクトル {vectors:,} 個を検査した。移動: {moves}",
    },
    "cli.lint.row.total": {"en": "total", "ja": "網羅"},
    "cli.lint.row.exclusive": {"en": "exclusive", "ja": "排他"},
    "cli.lint.row.monotone": {"en": "monotone", "ja": "単調"},
    "cli.lint.row.dead": {"en": "dead rules", "ja": "働かない規則"},
    "cli.lint.yes": {"en": "yes", "ja": "はい"},
    "cli.lint.no": {"en": "NO", "ja": "いいえ"},
    "cli.lint.none": {"en": "none", "ja": "なし"},
    "cli.lint.rule": {"en": "rule {number}", "ja": "規則 {number}"},
    "cli.lint.rules": {"en": "rules {numbers} ({ratings})", "ja": "規則 {numbers}（{ratings}）"},
    "cli.lint.total.gaps": {
        "en": "{count:,} vectors match no rule",
        "ja": "どの規則にも当てはまらないベクトルが {count:,} 個",
    },
    "cli.lint.total.none": {"en": "every vector matches a rule", "ja": "どのベクトルもいずれかの規則に当てはまる"},
    "cli.lint.exclusive.by_order": {
        "en": "by rule order; {count} overlap region(s) settled by order, listed",
        "ja": "規則の順序による。順序で決まる重なりの領域 {count} 個（下に列挙）",
    },
    "cli.lint.exclusive.overlaps": {"en": "{count} overlap region(s)", "ja": "重なりの領域 {count} 個"},
    "cli.lint.exclusive.none": {"en": "no vector matches two ratings", "ja": "二つの評価に当てはまるベクトルはない"},
    "cli.lint.monotone.kinds": {"en": "{count} kind(s) of violation", "ja": "違反 {count} 種"},
    "cli.lint.monotone.none": {
        "en": "no move lowers a rating between rated vectors",
        "ja": "評価のあるベクトルの間で評価を下げる移動はない",
    },
    "cli.lint.vectors": {"en": "{count:,} vectors, smallest {witness}", "ja": "ベクトル {count:,} 個、最小 {witness}"},
    "cli.lint.where": {"en": "where {conditions}", "ja": "条件: {conditions}"},
    "cli.lint.gaps": {"en": "gaps (no rule holds):", "ja": "空白域（どの規則も成り立たない）:"},
    "cli.lint.overlaps.ordered": {
        "en": "overlaps hidden by the rule order (information):",
        "ja": "規則の順序で隠れた重なり（参考）:",
    },
    "cli.lint.overlaps.defects": {
        "en": "overlaps (defects: no rating is given there):",
        "ja": "重なり（欠陥: そこでは評価が付かない）:",
    },
    "cli.lint.violations": {
        "en": "monotonicity violations (a move that lowers the rating):",
        "ja": "単調性の違反（評価を下げる移動）:",
    },
    "cli.lint.pairs": {"en": "{count:,} pairs", "ja": "{count:,} 組"},
    "cli.lint.pairs_beyond": {"en": "found beyond n = {max_items}", "ja": "n = {max_items} より先で発見"},
    "cli.lint.violation": {
        "en": "{move}: {before} -> {after}, {pairs}, smallest {smallest} -> {then}",
        "ja": "{move}: {before} -> {after}、{pairs}、最小 {smallest} -> {then}",
    },
    "cli.lint.dead": {"en": "dead rules:", "ja": "働かない規則:"},
    "cli.lint.dead.rule": {"en": "rule {number} ({rating}): {reason}", "ja": "規則 {number}（{rating}）: {reason}"},
    "cli.lint.dead.holds_everywhere": {"en": "rule(s) {by} hold too", "ja": "規則 {by} も成り立つ"},
    "cli.lint.dead.holds_somewhere": {"en": "one of rules {by} holds too", "ja": "規則 {by} のいずれかも成り立つ"},
    "cli.lint.dead.never_holds": {"en": "its condition never holds", "ja": "条件が成り立つことがない"},
    "cli.lint.dead.shadowed": {
        "en": "wherever it holds, earlier {holds}",
        "ja": "成り立つところでは必ず、それより前の{holds}",
    },
    "cli.lint.dead.ambiguous": {
        "en": "wherever it holds, {holds}, with another rating, so no rating is given",
        "ja": "成り立つところでは必ず、別の評価の{holds}ため、評価が付かない",
    },
    "cli.lint.boundaries": {
        "en": "boundaries: per n, the range of a+s (implemented) and of a (advanced) for each rating",
        "ja": "境界: n ごと、評価ごとの a+s（実施）と a（先進的）の範囲",
    },
    "cli.lint.claim": {
        "en": "gaps, overlaps and dead rules are as above",
        "ja": "空白域・重なり・働かない規則は上のとおり",
    },
    "cli.lint.monotone.every_n": {
        "en": "monotone for every n (pairs checked up to n = {n}).",
        "ja": "すべての n で単調（n = {n} までの組を検査）。",
    },
    "cli.lint.monotone.not": {
        "en": "not monotone: each violation above is a concrete pair of vectors.",
        "ja": "単調でない: 上の違反はどれも具体的なベクトルの組。",
    },
    "cli.lint.monotone.below_bound": {
        "en": "monotonicity established for n <= {max_items} only (the check stops below the cell bound).",
        "ja": "単調性は n ≤ {max_items} でのみ確認（検査がセルの上限に届かない）。",
    },
    "cli.lint.monotone.unrated_cells": {
        "en": "monotonicity established for n <= {max_items} only (some cells are unrated).",
        "ja": "単調性は n ≤ {max_items} でのみ確認（評価の付かないセルがある）。",
    },
    "cli.lint.result.sound": {"en": "result: sound", "ja": "結果: 健全"},
    "cli.lint.result.not_shown": {
        "en": "result: no defect found for n <= {max_items}; not proved beyond (not shown sound)",
        "ja": "結果: n ≤ {max_items} で欠陥なし。その先は証明されていない（健全とは示せていない）",
    },
    "cli.lint.result.not_sound": {"en": "result: not sound", "ja": "結果: 健全でない"},
    "cli.coverage.complete": {
        "en": (
            "beyond n = {max_items}: each of the {cells} cells has a vector with n <= {cell_bound}, "
            "so {what} for every n."
        ),
        "ja": (
            "n = {max_items} より先: {cells} 個のセルのどれにも n ≤ {cell_bound} のベクトルがあるので、"
            "すべての n で{what}。"
        ),
    },
    "cli.coverage.unreachable": {
        "en": (
            "beyond n = {max_items}: not established. A cell may first appear at n = {cell_bound:,}, "
            "beyond what the exhaustive check can reach (--max-items at most {limit}), so the findings "
            "cover n <= {max_items} only."
        ),
        "ja": (
            "n = {max_items} より先: 確認できていない。セルが初めて現れるのは n = {cell_bound:,} かもしれず、"
            "全数検査の届く範囲（--max-items は最大 {limit}）を超えるため、結果は n ≤ {max_items} についてのみ言える。"
        ),
    },
    "cli.coverage.rerun": {
        "en": (
            "beyond n = {max_items}: not established (a cell may first appear at n = {cell_bound}; "
            "rerun with --max-items {cell_bound})."
        ),
        "ja": (
            "n = {max_items} より先: 確認できていない（セルが初めて現れるのは n = {cell_bound} かもしれない。"
            "--max-items {cell_bound} で再実行する）。"
        ),
    },
}

_DIFF_RULES: Table = {
    "cli.diff_rules.head": {
        "en": "{first} vs {second}: {vectors:,} count vectors with 1 <= n <= {max_items}",
        "ja": "{first} と {second}: 1 ≤ n ≤ {max_items} の件数ベクトル {vectors:,} 個",
    },
    "cli.diff_rules.same": {"en": "they rate every vector alike", "ja": "どのベクトルも同じに評価する"},
    "cli.diff_rules.claim": {"en": "these are all the kinds of disagreement", "ja": "食い違いの種類はこれですべて"},
}

_BATCH: Table = {
    "cli.batch.problems": {
        "en": (
            "{count} {count:plural:problem:problems} in {answers}: nothing written "
            "(use --keep-going to skip those rows)"
        ),
        "ja": "{answers}: 問題 {count} 件のため何も書き出していない（--keep-going でその行を除いて続行）",
    },
    "cli.batch.no_answers": {
        "en": "{answers}: no answers to evaluate: nothing written",
        "ja": "{answers}: 評価する回答がなく、何も書き出していない",
    },
    "cli.batch.output_exists": {
        "en": "{path}: the output exists and is not empty (use --replace to replace it)",
        "ja": "{path}: 出力先が既にあり、空でない（置き換えるには --replace）",
    },
    "cli.batch.not_ours": {
        "en": "{path}: not a directory tajimi-rules batch wrote: --replace leaves it alone (nothing written)",
        "ja": (
            "{path}: tajimi-rules batch が書き出したディレクトリではないため、--replace でも置き換えない"
            "（何も書き出していない）"
        ),
    },
    "cli.batch.cannot_write": {
        "en": "cannot write the output directory {out}: {reason} (nothing written)",
        "ja": "出力ディレクトリ {out} に書き出せない: {reason}（何も書き出していない）",
    },
    "cli.batch.written": {
        "en": (
            "{out}: {count} {count:plural:evaluation:evaluations}, summary.csv, national.csv, rates.csv{xlsx} "
            "({catalog}, {rules})"
        ),
        "ja": "{out}: 評価 {count} 件、summary.csv、national.csv、rates.csv{xlsx}（{catalog}、{rules}）",
    },
    "cli.batch.xlsx": {"en": ", summary.xlsx", "ja": "、summary.xlsx"},
    "cli.batch.left_out": {
        "en": "{count} {count:plural:row:rows} with problems {count:plural:was:were} left out (listed in problems.csv)",
        "ja": "問題のある {count} 行を除いた（problems.csv に記載）",
    },
}

_SHEETS: Table = {
    "batch.sheet.bodies": {"en": "Bodies", "ja": "団体別"},
    "batch.sheet.rates": {"en": "Rates", "ja": "実施率"},
    "batch.sheet.national": {"en": "national", "ja": "全国"},
    "batch.sheet.code": {"en": "Code", "ja": "団体コード"},
    "batch.sheet.prefecture": {"en": "Prefecture", "ja": "都道府県"},
    "batch.sheet.name": {"en": "Name", "ja": "団体名"},
    "batch.sheet.unanswered": {"en": "unanswered", "ja": "未回答"},
    "batch.sheet.score": {"en": "Score", "ja": "得点"},
    "batch.sheet.rank": {"en": "Rank", "ja": "順位"},
    "batch.sheet.rank_of": {"en": "Ranked among", "ja": "順位の母数"},
    "batch.sheet.item": {"en": "Item id", "ja": "項目ID"},
    "batch.sheet.item_name": {"en": "Item", "ja": "項目"},
    "batch.sheet.category": {"en": "Category id", "ja": "カテゴリID"},
    "batch.sheet.category_name": {"en": "Category", "ja": "カテゴリ"},
    "batch.sheet.scope": {"en": "Scope id", "ja": "範囲ID"},
    "batch.sheet.scope_name": {"en": "Scope", "ja": "範囲"},
    "batch.sheet.bodies_of": {"en": "Bodies", "ja": "対象"},
    "batch.sheet.implemented": {"en": "Implemented", "ja": "実施"},
    "batch.sheet.answered": {"en": "Answered", "ja": "回答"},
    "batch.sheet.rate": {"en": "Rate", "ja": "実施率"},
    "batch.sheet.fraction": {"en": "Exact fraction", "ja": "分数（正確な値）"},
}

_SUGGEST: Table = {
    "cli.suggest.did_you_mean": {
        "en": "unknown category {name!r}: did you mean {nearest}?",
        "ja": "カテゴリ {name!r} はない（近いもの: {nearest}）",
    },
}

_SCHEMA: Table = {
    "cli.schema.written": {
        "en": "{out}: {count} {count:plural:schema:schemas} ({names})",
        "ja": "{out}: スキーマ {count} 件（{names}）",
    },
    "cli.schema.cannot_write": {
        "en": "cannot write the schemas into {out}: {reason}",
        "ja": "{out} にスキーマを書き出せない: {reason}",
    },
}

_DIFF: Table = {
    "cli.diff.head": {
        "en": "{name} ({code}): {years} · rules {rules}",
        "ja": "{name} ({code}): {years} · 規則集 {rules}",
    },
    "cli.diff.unchanged": {"en": "no rating moved and no item changed level", "ja": "変化なし"},
    "cli.diff.items": {"en": "items that changed level:", "ja": "水準が変わった項目:"},
    "cli.diff.column.id": {"en": "id", "ja": "ID"},
    "cli.diff.column.category": {"en": "category", "ja": "カテゴリ"},
    "cli.diff.column.old": {"en": "old", "ja": "前"},
    "cli.diff.column.new": {"en": "new", "ja": "後"},
    "cli.diff.column.old_counts": {"en": "old a/s/r/b", "ja": "前 先/普/検/遅"},
    "cli.diff.column.new_counts": {"en": "new a/s/r/b", "ja": "後 先/普/検/遅"},
}

_REPORT: Table = {
    "cli.report.extension": {
        "en": "--out must end in .html, .md or .pdf: {out}",
        "ja": "--out の拡張子は .html、.md、.pdf のいずれかにしてください: {out}",
    },
    "cli.report.no_directory": {
        "en": "no such directory for --out: {directory}",
        "ja": "出力先のディレクトリがない: {directory}",
    },
    "cli.error.out_is_input": {
        "en": "--out {out} is the input {given}: writing would destroy it; give another name",
        "ja": "--out {out} は入力 {given} と同じファイルです。書き込むと入力が失われるため、別の名前を指定してください",
    },
    "cli.report.missing_extra": {"en": "{reason}", "ja": "{reason}"},
    "cli.report.cannot_write": {"en": "cannot write {out}: {reason}", "ja": "書き込めない: {out}: {reason}"},
    "cli.report.kind.html": {"en": "HTML", "ja": "HTML"},
    "cli.report.kind.markdown": {"en": "Markdown", "ja": "Markdown"},
    "cli.report.kind.pdf": {"en": "PDF", "ja": "PDF"},
    "cli.report.interactive_html": {
        "en": "an interactive report is a page: give --out a name ending in .html (not {out})",
        "ja": "対話型のレポートはページです。--out には .html で終わる名前を指定してください（{out} ではなく）",
    },
    "cli.report.interactive_written": {
        "en": "wrote {out}: a what-if page (change items and counts; ratings are recomputed in the page)",
        "ja": "{out} に書き出しました: 試算ページ（項目と件数を変えると、評価をページ内で再計算します）",
    },
    "cli.report.written": {
        "en": "{out}: {kind} report of {total} {total:plural:category:categories} ({disagree} disagree)",
        "ja": "{out}: {kind} の報告書（{total}カテゴリ、不一致 {disagree}）",
    },
}

TEXTS: Table = {
    **_ERRORS,
    **_SHARED,
    **_CHECK,
    **_VALIDATE,
    **_LINT,
    **_DIFF_RULES,
    **_BATCH,
    **_SHEETS,
    **_SCHEMA,
    **_SUGGEST,
    **_DIFF,
    **_REPORT,
}

PROBLEMS: Table = {
    "file.no_json": {"en": "the directory holds no .json file", "ja": "ディレクトリに .json ファイルがない"},
}
