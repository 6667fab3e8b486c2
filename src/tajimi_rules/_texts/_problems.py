"""Problems found in documents (evaluations, rule sets, catalogs): one template per problem code.

``PROBLEMS`` holds the message of every problem code the document pipeline reports; a code
whose message takes several forms has the template ``{detail}`` and its forms are phrases in
``TEXTS`` (``counts.too_many_items`` ...). ``TEXTS`` also holds the phrases that fill the
*expected* and *found* parts of a problem, and the words a problem line is written with.
"""

from __future__ import annotations

from collections.abc import Mapping

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from . import Lang, Table

_SCHEMA_GENERIC: Mapping[Lang, str] = {"en": "{detail}", "ja": "スキーマに合わない: {detail}"}
# JSON Schema keywords worded only by jsonschema's own message.
_GENERIC_KEYWORDS = (
    "allOf",
    "contains",
    "dependentRequired",
    "else",
    "format",
    "if",
    "multipleOf",
    "not",
    "propertyNames",
    "then",
)

PROBLEMS: Table = {
    # Reading the file itself.
    "file.missing": {"en": "no such file", "ja": "ファイルが存在しない"},
    "file.directory": {"en": "is a directory, not a file", "ja": "ファイルではなくディレクトリである"},
    "file.not_regular": {"en": "is {what}, not a regular file", "ja": "{what}であり、通常のファイルではない"},
    "file.too_large": {
        "en": "the file is {size}, over the limit of {limit:,}",
        "ja": "ファイルが{size}で、上限{limit:,}バイトを超えている",
    },
    "file.unreadable": {"en": "cannot read the file: {reason}", "ja": "ファイルを読めない: {reason}"},
    # JSON syntax and the reader's limits.
    "json.encoding": {"en": "the file is not UTF-8 text", "ja": "ファイルが UTF-8 のテキストではない"},
    "json.empty": {"en": "the file is empty", "ja": "ファイルが空である"},
    "json.syntax": {"en": "invalid JSON: {detail}", "ja": "JSON の構文エラー: {detail}"},
    "json.depth": {"en": "nested more than {limit} levels deep", "ja": "入れ子が{limit}段を超えている"},
    "json.constant": {"en": "{text} is not a JSON number", "ja": "{text} は JSON の数値ではない"},
    "json.huge_integer": {"en": "integer with {digits} digits is too large", "ja": "{digits}桁の整数は大きすぎる"},
    "json.number_range": {
        "en": "number {number} has more digits or a larger exponent than a rate or count needs",
        "ja": "数値 {number} は桁数または指数が大きすぎる",
    },
    "json.duplicate_key": {
        "en": "key {key!r} appears more than once in this object",
        "ja": "キー {key!r} が同じオブジェクトに複数回ある",
    },
    "json.surrogate": {
        "en": "{what} holds a lone UTF-16 surrogate (an escape such as \\ud800 with no pair), which is not a character",
        "ja": "{what}に対になっていないサロゲート（\\ud800 などの対のないエスケープ）があり、文字ではない",
    },
    # What kind of document a file is, and references it makes.
    "document.not_object": {"en": "the document is not a JSON object", "ja": "文書が JSON オブジェクトではない"},
    "document.unknown_schema": {
        "en": "$schema {claim!r} names no schema this library knows (it is never fetched)",
        "ja": "$schema {claim!r} は既知のスキーマではない（取得はしない）",
    },
    "document.kind_mismatch": {
        "en": "the file says it is {claimed} ($schema) but was checked as {kind}",
        "ja": "ファイルの $schema は{claimed}だが、{kind}として検査した",
    },
    "document.unknown_kind": {
        "en": "cannot tell what kind of document this is ({kinds})",
        "ja": "文書の種類（{kinds}）を判別できない",
    },
    "document.remote_ref": {
        "en": "$ref is not allowed: references to other documents are never followed",
        "ja": "$ref は使えない（他の文書への参照は取得しない）",
    },
    # The JSON Schema: one code per keyword that failed.
    "schema.required": {"en": "missing required key {key!r}", "ja": "必須のキー {key!r} がない"},
    "schema.unknown_key": {"en": "unknown key {key!r}{hint}", "ja": "未知のキー {key!r}{hint}"},
    "schema.type": {"en": "expected {expected}, found {found}", "ja": "{expected}であるべきところが{found}"},
    "schema.enum": {
        "en": "{value} is not one of the allowed values{hint}",
        "ja": "{value} は許される値ではない{hint}",
    },
    "schema.const": {
        "en": "{value} is not one of the allowed values{hint}",
        "ja": "{value} は許される値ではない{hint}",
    },
    "schema.pattern": {"en": "{value} does not have the expected form", "ja": "{value} の形式が正しくない"},
    "schema.minimum": {
        "en": "{value} is out of range: expected >= {limit}",
        "ja": "{value} は範囲外（{limit}以上であるべき）",
    },
    "schema.maximum": {
        "en": "{value} is out of range: expected <= {limit}",
        "ja": "{value} は範囲外（{limit}以下であるべき）",
    },
    "schema.exclusiveMinimum": {
        "en": "{value} is out of range: expected > {limit}",
        "ja": "{value} は範囲外（{limit}より大であるべき）",
    },
    "schema.exclusiveMaximum": {
        "en": "{value} is out of range: expected < {limit}",
        "ja": "{value} は範囲外（{limit}未満であるべき）",
    },
    "schema.minLength": {
        "en": "too few characters ({size}): expected at least {limit}",
        "ja": "{size}文字だが、{limit}文字以上であるべき",
    },
    "schema.maxLength": {
        "en": "too many characters ({size}): expected at most {limit}",
        "ja": "{size}文字だが、{limit}文字以下であるべき",
    },
    "schema.minItems": {
        "en": "too few items ({size}): expected at least {limit}",
        "ja": "{size}個の要素だが、{limit}個以上であるべき",
    },
    "schema.maxItems": {
        "en": "too many items ({size}): expected at most {limit}",
        "ja": "{size}個の要素だが、{limit}個以下であるべき",
    },
    "schema.minProperties": {
        "en": "too few keys ({size}): expected at least {limit}",
        "ja": "{size}個のキーだが、{limit}個以上であるべき",
    },
    "schema.maxProperties": {
        "en": "too many keys ({size}): expected at most {limit}",
        "ja": "{size}個のキーだが、{limit}個以下であるべき",
    },
    "schema.uniqueItems": {"en": "the array holds the same value more than once", "ja": "配列に同じ値が複数回ある"},
    "schema.anyOf": {"en": "{detail}", "ja": "{detail}"},
    "schema.oneOf": {"en": "{detail}", "ja": "{detail}"},
    **dict.fromkeys((f"schema.{keyword}" for keyword in _GENERIC_KEYWORDS), _SCHEMA_GENERIC),
    # A value the model refuses.
    "model.invalid": {"en": "{detail}", "ja": "モデルに合わない値: {detail}"},
    # Meaning.
    "municipality.check_digit": {
        "en": "local-government code {code} has a wrong check digit",
        "ja": "地方公共団体コード {code} の検査数字が誤っている",
    },
    "survey.fiscal_year": {
        "en": "fiscal year {year} is later than the current fiscal year {latest}: no survey exists yet",
        "ja": "年度 {year} は現在の年度 {latest} より後で、まだ調査がない",
    },
    "rules.unknown": {"en": "no rule set has the id {id!r}{hint}", "ja": "規則集 {id!r} は存在しない{hint}"},
    "category.duplicate_id": {"en": "category id {id!r} is used twice", "ja": "カテゴリID {id!r} が重複している"},
    "category.empty": {
        "en": "category {id!r} has no items at all (n = 0), so it cannot be rated",
        "ja": "カテゴリ {id!r} の評価項目が0個で、評価できない",
    },
    "category.stated_rating_unknown": {
        "en": "stated rating {rating} is not a rating the rule set gives",
        "ja": "記載の評価 {rating} は規則集にない評価である",
    },
    "item.duplicate_id": {"en": "item id {id!r} is used twice {scope}", "ja": "項目ID {id!r} が{scope}で重複している"},
    "item.level_contradicts_implemented": {
        "en": "item {id!r} is at level {level} but implemented is {implemented}",
        "ja": "項目 {id!r} の水準 {level} と実施の有無（{implemented}）が矛盾している",
    },
    "item.level_contradicts_grading": {
        "en": (
            "item {id!r} is at level {level}, but the rule set's item grading gives {graded} "
            "(implemented {implemented}, {rate_name} {rate} is {common}: common means {comparison} {threshold})"
        ),
        "ja": (
            "項目 {id!r} の水準 {level} が、規則集の項目判定による {graded} と矛盾している"
            "（実施 {implemented}、{rate_name} {rate} は{common}。普及とは {comparison} {threshold}）"
        ),
    },
    "counts.mismatch": {"en": "{detail}", "ja": "{detail}"},
    "text.mixed_script": {
        "en": "{text!r} mixes scripts ({mixed}); a character may have been misread",
        "ja": "{text!r} に異なる文字体系が混在している（{mixed}）。文字の読み取り誤りの可能性",
    },
    "fraction.invalid": {
        "en": "{what} {value!r} cannot be read: {error}",
        "ja": "{what} {value!r} を読めない（{error}）",
    },
    "fraction.out_of_range": {
        "en": "{what} {value!r} is {number}, outside [0, 1]",
        "ja": "{what} {value!r} は {number} で、0から1の範囲外",
    },
    "share.of_not_in": {
        "en": "a share counts levels its denominator leaves out: {outside} (of {of} is not within in {within})",
        "ja": "割合の分子の水準 {outside} が分母に含まれていない（of {of}、in {within}）",
    },
    "answers.ambiguous": {
        "en": "answer text {text!r} means both {first} and {second}",
        "ja": "回答 {text!r} が {first} と {second} の両方に含まれている",
    },
    # Resource bounds (src/tajimi_rules/_limits.py, docs/limits.md): refused before the work starts.
    "limits.shares": {
        "en": "rule set {id!r} has {count:,} share predicates, more than the {limit:,} one rule set may have",
        "ja": "規則集 {id!r} の割合条件が{count:,}個あり、上限{limit:,}個を超えている",
    },
    "limits.share_forms": {
        "en": "the rule sets used together have {count:,} distinct share thresholds, more than the {limit:,} "
        "the analysis and the suggestion search take on",
        "ja": "併せて使う規則集に異なる割合の閾値が{count:,}個あり、分析と提案の探索が扱う上限{limit:,}個を超えている",
    },
    "limits.max_items": {
        "en": "checking every count vector up to n = {max_items} with {forms} distinct share "
        "{forms:plural:threshold:thresholds} is over the analysis bound; this rule set can be checked up to "
        "n = {largest} (--max-items {largest})",
        "ja": "異なる割合の閾値{forms}個で n = {max_items} までの全件数ベクトルを検査するのは分析の上限を超える。"
        "この規則集は n = {largest} まで検査できる（--max-items {largest}）",
    },
    "limits.suggest_items": {
        "en": "the categories to plan for hold {count:,} items in all, more than the {limit:,} one run of suggestions "
        "takes on (--category plans for one category)",
        "ja": "計画の対象となるカテゴリの項目が合計{count:,}個あり、一度の提案の上限{limit:,}個を超えている"
        "（--category で一つのカテゴリに絞れる）",
    },
    "limits.report_items": {
        "en": "the categories name {count:,} items in all, more than the {limit:,} one report holds",
        "ja": "カテゴリの項目が合計{count:,}個あり、一つの報告書の上限{limit:,}個を超えている",
    },
    "limits.report_categories": {
        "en": "the evaluation has {count:,} categories, more than the {limit:,} one report holds "
        "(--max-categories raises the bound)",
        "ja": "評価のカテゴリが{count:,}個あり、一つの報告書の上限{limit:,}個を超えている"
        "（--max-categories で上限を上げられる）",
    },
}

TEXTS: Table = {
    # How a problem is written on one line.
    "problem.expected": {"en": "expected {value}", "ja": "期待: {value}"},
    "problem.found": {"en": "found {value}", "ja": "実際: {value}"},
    "problem.details": {"en": " ({details})", "ja": " ({details})"},
    "problem.separator": {"en": ", ", "ja": "、"},
    "problem.warning": {"en": "warning: {line}", "ja": "警告: {line}"},
    "problem.more": {
        "en": "{head} (and {count} more {count:plural:problem:problems})",
        "ja": "{head}（ほか{count}件）",
    },
    # Words shared by several problems.
    "words.or": {"en": "{first} or {second}", "ja": "{first}または{second}"},
    "words.one_of": {"en": "one of {options}", "ja": "{options} のいずれか"},
    "words.did_you_mean": {"en": "; did you mean {guess!r}?", "ja": "（{guess!r} の誤り？）"},
    "words.no_hint": {"en": "", "ja": ""},
    "words.examples": {"en": " (e.g. {values})", "ja": "（例: {values}）"},
    "words.true": {"en": "true", "ja": "あり"},
    "words.false": {"en": "false", "ja": "なし"},
    "words.value_of_type": {"en": "{type} {value}", "ja": "{type} {value}"},
    "words.json_document": {"en": "a JSON document", "ja": "JSON 文書"},
    "words.json_object": {"en": "a JSON object", "ja": "JSON オブジェクト"},
    "words.no_content": {"en": "no content", "ja": "内容なし"},
    "words.an_empty_object": {"en": "an empty object", "ja": "空のオブジェクト"},
    "words.keys": {"en": "keys {keys}", "ja": "キー {keys}"},
    "words.bytes": {"en": "{size:,} bytes", "ja": "{size:,}バイト"},
    "words.more_bytes": {"en": "more than {size:,} bytes", "ja": "{size:,}バイト超"},
    "words.at_most_bytes": {"en": "at most {size:,} bytes", "ja": "{size:,}バイト以下"},
    "words.byte_at": {"en": "byte 0x{byte:02x} at offset {offset}", "ja": "オフセット {offset} のバイト 0x{byte:02x}"},
    "words.utf8": {"en": "UTF-8 (a byte-order mark is allowed)", "ja": "UTF-8（BOM は可）"},
    "words.valid_json": {"en": "valid JSON", "ja": "正しい JSON"},
    "words.end_of_file": {"en": "end of file", "ja": "ファイルの終わり"},
    "words.nesting": {"en": "at most {limit} levels of nesting", "ja": "入れ子{limit}段まで"},
    "words.deeper_nesting": {"en": "deeper nesting", "ja": "それより深い入れ子"},
    "words.finite_number": {"en": "a finite number", "ja": "有限の数値"},
    "words.integer_digits": {"en": "an integer of at most {digits} digits", "ja": "{digits}桁までの整数"},
    "words.huge_integer": {"en": "{head}… ({digits} digits)", "ja": "{head}…（{digits}桁）"},
    "words.number_digits": {
        "en": "a number with at most {before} digits before the point and {after} after it",
        "ja": "整数部{before}桁・小数部{after}桁までの数値",
    },
    "words.each_key_once": {"en": "each key once", "ja": "各キーは一度だけ"},
    "words.key_repeated": {"en": "{key!r} repeated", "ja": "{key!r} が重複"},
    "words.a_key": {"en": "a key", "ja": "キー"},
    "words.a_string": {"en": "a string", "ja": "文字列"},
    "words.whole_characters": {
        "en": "text of whole Unicode characters (a \\uD8xx escape followed by its \\uDCxx pair)",
        "ja": "完全な Unicode 文字のテキスト（\\uD8xx のエスケープの後にその対の \\uDCxx）",
    },
    "words.existing_file": {"en": "an existing JSON file", "ja": "存在する JSON ファイル"},
    "words.nothing_here": {"en": "nothing at this path", "ja": "このパスには何もない"},
    "words.a_json_file": {"en": "a JSON file", "ja": "JSON ファイル"},
    "words.an_answers_file": {"en": "an answers file (CSV or .xlsx)", "ja": "回答ファイル（CSV または .xlsx）"},
    "words.a_directory": {"en": "a directory", "ja": "ディレクトリ"},
    "words.a_regular_file": {"en": "a regular JSON file", "ja": "通常の JSON ファイル"},
    "words.a_fifo": {"en": "a fifo", "ja": "パイプ"},
    "words.a_device": {"en": "a device or socket", "ja": "デバイスまたはソケット"},
    "words.a_readable_file": {"en": "a readable file", "ja": "読めるファイル"},
    "words.kind.evaluation": {"en": "an evaluation", "ja": "評価ファイル"},
    "words.kind.ruleset": {"en": "a rule set", "ja": "規則集"},
    "words.kind.catalog": {"en": "a catalog", "ja": "カタログ"},
    "words.kind.layout": {"en": "a workbook layout", "ja": "ワークブックのレイアウト"},
    "words.kind.overlay": {"en": "a catalog overlay", "ja": "カタログの上書き"},
    "words.a_known_kind": {
        "en": "a $schema naming one of the shipped schemas, or the keys of one of them",
        "ja": "既知のスキーマを指す $schema、またはそのいずれかのキー",
    },
    "words.not_a_reference": {"en": "the content itself, not a reference", "ja": "参照ではなく内容そのもの"},
    "words.key": {"en": "key {key!r}", "ja": "キー {key!r}"},
    "words.no_such_key": {"en": "no such key", "ja": "キーがない"},
    "words.matching": {"en": "a string matching {pattern}{examples}", "ja": "{pattern} に合う文字列{examples}"},
    "words.at_least_size": {"en": "at least {limit} {unit}", "ja": "{limit}{unit}以上"},
    "words.at_most_size": {"en": "at most {limit} {unit}", "ja": "{limit}{unit}以下"},
    "words.size": {"en": "{size} {unit}", "ja": "{size}{unit}"},
    "words.unit.Length": {"en": "characters", "ja": "文字"},
    "words.unit.Items": {"en": "items", "ja": "個の要素"},
    "words.unit.Properties": {"en": "keys", "ja": "個のキー"},
    "words.a_number_bound": {"en": "a number {symbol} {limit}", "ja": "{symbol} {limit} の数値"},
    "words.no_value_twice": {"en": "no value twice", "ja": "同じ値を二度含まない"},
    "words.needs_keys": {"en": "needs {which} of: {keys}", "ja": "{keys} のうち{which}が必要"},
    "words.exactly_one": {"en": "exactly one", "ja": "ちょうど一つ"},
    "words.at_least_one": {"en": "at least one", "ja": "少なくとも一つ"},
    "words.of_the_keys": {"en": "{which} of the keys {keys}", "ja": "キー {keys} のうち{which}"},
    "words.none_of_them": {"en": "none of them", "ja": "どれもない"},
    "words.not_a_valid": {"en": "{value} is not a valid {title}", "ja": "{value} は{title}として正しくない"},
    "words.value_here": {"en": "value here", "ja": "この位置の値"},
    "words.checked_against": {"en": "{keyword}: {value}", "ja": "{keyword}: {value}"},
    "words.titled": {"en": "{title}{examples}", "ja": "{title}{examples}"},
    "words.unique_category_id": {"en": "a unique category id", "ja": "重複しないカテゴリID"},
    "words.unique_item_id": {"en": "a unique item id", "ja": "重複しない項目ID"},
    "words.in_category": {"en": "in category {category!r}", "ja": "カテゴリ {category!r} 内"},
    "words.in_catalog": {"en": "in the catalog", "ja": "カタログ内"},
    "words.implemented_levels": {"en": "advanced or standard", "ja": "advanced または standard"},
    "words.not_implemented_levels": {"en": "needs_review or behind", "ja": "needs_review または behind"},
    "words.common": {"en": "common", "ja": "普及"},
    "words.rare": {"en": "rare", "ja": "希少"},
    "words.national_rate": {"en": "national rate", "ja": "全国実施率"},
    "words.prefecture_rate": {"en": "prefecture rate", "ja": "県内実施率"},
    "words.at_least_one_item": {"en": "at least one item", "ja": "1個以上の項目"},
    "words.all_counts_zero": {"en": "all four counts 0", "ja": "四つの件数がすべて0"},
    "words.fiscal_year_up_to": {"en": "a fiscal year up to {latest}", "ja": "{latest}年度まで"},
    "words.one_script": {"en": "one script per word", "ja": "一語に一つの文字体系"},
    "words.rate": {"en": "rate", "ja": "実施率"},
    "words.threshold": {"en": "threshold", "ja": "閾値"},
    "words.cost": {"en": "cost", "ja": "費用"},
    "words.a_fraction": {
        "en": "a fraction with a non-zero denominator, such as '2/3'",
        "ja": "分母が0でない分数（'2/3' など）",
    },
    "words.a_cost": {
        "en": "a whole number or a fraction with a non-zero denominator",
        "ja": "整数、または分母が0でない分数",
    },
    "words.zero_to_one": {"en": "a value from 0 to 1", "ja": "0から1の値"},
    "words.levels_among": {"en": "levels among {levels}", "ja": "{levels} のいずれかの水準"},
    "words.one_meaning": {"en": "each answer text under one meaning", "ja": "各回答は一つの意味にだけ"},
    # The forms of counts.mismatch.
    "counts.too_many_items": {
        "en": "category {id!r} names {named} items but counts {total}",
        "ja": "カテゴリ {id!r} の項目数 {named} が件数 {total} を超えている",
    },
    "counts.short_at_level": {
        "en": "category {id!r} has {named} {named:plural:item:items} at level {level} but counts.{key} is {count}",
        "ja": "カテゴリ {id!r} の {level} の項目が{named}個あるが、counts.{key} は{count}",
    },
    "counts.short_of_kind": {
        "en": "category {id!r} names {named} {which} items but counts only {room} ({levels})",
        "ja": "カテゴリ {id!r} の{which}項目数 {named} が件数 {room}（{levels}）を超えている",
    },
    "words.implemented": {"en": "implemented", "ja": "実施"},
    "words.not_implemented": {"en": "not implemented", "ja": "未実施"},
    "words.at_most_items": {"en": "at most {count} items", "ja": "{count}個以下の項目"},
    "words.at_most_kind_items": {"en": "at most {count} {which} items", "ja": "{which}項目{count}個以下"},
    "words.items": {"en": "{count} items", "ja": "{count}個の項目"},
    "words.at_least": {"en": "at least {count}", "ja": "{count}以上"},
    # Levels as the files write them (the id in English, the document's label in Japanese).
    "words.level.advanced": {"en": "advanced", "ja": "先進的"},
    "words.level.standard": {"en": "standard", "ja": "普通"},
    "words.level.needs_review": {"en": "needs_review", "ja": "検討が必要"},
    "words.level.behind": {"en": "behind", "ja": "遅れている"},
    # JSON types.
    "words.type.object": {"en": "object", "ja": "オブジェクト"},
    "words.type.array": {"en": "array", "ja": "配列"},
    "words.type.string": {"en": "string", "ja": "文字列"},
    "words.type.boolean": {"en": "boolean", "ja": "真偽値"},
    "words.type.integer": {"en": "integer", "ja": "整数"},
    "words.type.number": {"en": "number", "ja": "数値"},
    "words.type.null": {"en": "null", "ja": "null"},
    # The expected and found parts of the resource bounds.
    "words.at_most_shares": {"en": "at most {limit:,} share predicates", "ja": "割合条件{limit:,}個以下"},
    "words.shares": {"en": "{count:,} share predicates", "ja": "割合条件{count:,}個"},
    "words.at_most_forms": {
        "en": "at most {limit:,} distinct share thresholds",
        "ja": "異なる割合の閾値{limit:,}個以下",
    },
    "words.forms": {"en": "{count:,} distinct share thresholds", "ja": "異なる割合の閾値{count:,}個"},
    "words.max_items_at_most": {"en": "--max-items at most {limit}", "ja": "--max-items は{limit}以下"},
    "words.max_items": {"en": "--max-items {value}", "ja": "--max-items {value}"},
    "words.at_most_categories": {"en": "at most {limit:,} categories", "ja": "カテゴリ{limit:,}個以下"},
    "words.categories": {"en": "{count:,} categories", "ja": "カテゴリ{count:,}個"},
}
