"""Survey answers, their column mappings and the batch: problems and messages.

A reader's problems that sit in a row carry the field ``at``: where in the row, written as a
locator (``column 'item': `` in a CSV, ``cell E12: `` in a spreadsheet), or empty.
"""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {
    "survey.expected.item_grading": {"en": "an item_grading object", "ja": "item_grading の指定"},
    "survey.expected.answer_text": {
        "en": "an answer text listed in the catalog (e.g. {examples})",
        "ja": "カタログにある回答の文言（例: {examples}）",
    },
    "survey.expected.one_answer": {"en": "one answer per body and item", "ja": "団体と項目ごとに一つの回答"},
    "survey.expected.readable_file": {"en": "a readable answers file", "ja": "読み取れる回答ファイル"},
    "survey.expected.rows": {"en": "at most {limit:,} rows of answers", "ja": "回答の行は{limit:,}行まで"},
    "survey.expected.header": {
        "en": "a header with code, item, answer (and optionally name, prefecture)",
        "ja": "code、item、answer（と任意で name、prefecture）の見出し行",
    },
    "survey.expected.mapping": {"en": "a JSON column mapping", "ja": "JSON の列対応表"},
    "survey.expected.one_row": {"en": "one row per body", "ja": "団体ごとに一行"},
    "survey.expected.workbook": {"en": "an .xlsx workbook", "ja": ".xlsx のブック"},
    "survey.expected.one_of": {"en": "one of {names}", "ja": "次のいずれか: {names}"},
    "answers.expected_item": {"en": "an item id or name of the catalog", "ja": "カタログの項目 ID または項目名"},
    "answers.did_you_mean": {"en": " (did you mean {name!r}?)", "ja": "（{name!r} のことですか）"},
    "survey.note": {
        "en": "rating computed under rule set {rules} from survey answers",
        "ja": "規則集 {rules} の下で調査回答から算出した評価",
    },
    "survey.note_unanswered": {
        "en": (
            "rating computed under rule set {rules} from survey answers; "
            "{unanswered} of {total} {total:plural:item:items} not answered"
        ),
        "ja": "規則集 {rules} の下で調査回答から算出した評価。{total}項目中{unanswered}項目は未回答",
    },
    "survey.unreadable_file": {
        "en": "cannot read the answers file: {reason}",
        "ja": "回答ファイルを読めない: {reason}",
    },
}

PROBLEMS: Table = {
    # -- body codes and names
    "answers.unmapped_items": {
        "en": (
            "{count} of {total} catalog {total:plural:item:items} {count:plural:is:are} read from no column "
            "of the mapping: {items}"
        ),
        "ja": "カタログの {total} 項目中 {count} 項目をマッピングのどの列からも読んでいない: {items}",
    },
    "answers.codes_normalised": {
        "en": (
            "{completed} 5-digit {completed:plural:code was:codes were} completed with the check digit and "
            "{restored} {restored:plural:code:codes} that had lost a leading zero got it back"
        ),
        "ja": "5桁のコード {completed} 件に検査数字を補い、先頭の 0 が落ちたコード {restored} 件を戻した",
    },
    "answers.bad_code": {
        "en": "{at}{raw!r} is not a 6-digit local-government code starting with a prefecture's number (01 to 47)",
        "ja": "{at}{raw!r} は都道府県の番号 (01〜47) で始まる6桁の地方公共団体コードではない",
    },
    "answers.check_digit": {
        "en": "{at}local-government code {code} has a wrong check digit",
        "ja": "{at}地方公共団体コード {code} の検査数字が誤っている",
    },
    "answers.long_name": {
        "en": "{at}the name is {length} characters long, longer than {limit}",
        "ja": "{at}団体名が {length} 文字で、{limit} 文字を超えている",
    },
    "answers.bad_name": {
        "en": "{at}the name contains control characters ({controls})",
        "ja": "{at}団体名に制御文字 ({controls}) が含まれている",
    },
    "answers.prefecture_mismatch": {
        "en": "prefecture {given!r} does not match code {code}, which is in {canonical}",
        "ja": "都道府県 {given!r} がコード {code} の都道府県 {canonical} と一致しない",
    },
    # -- answers
    "answers.unknown_item": {
        "en": "{at}item {item!r} is not in catalog {catalog!r}{hint}",
        "ja": "{at}項目 {item!r} はカタログ {catalog!r} にない{hint}",
    },
    "answers.unknown_answer": {
        "en": "{at}answer {answer!r} is not in the catalog's answer vocabulary",
        "ja": "{at}回答 {answer!r} はカタログの回答語彙にない",
    },
    "answers.duplicate": {
        "en": "{at}body {code} answers item {item!r} more than once",
        "ja": "{at}団体 {code} の項目 {item!r} への回答が重複している",
    },
    "answers.duplicate_row": {
        "en": "{at}body {code} has more than one row",
        "ja": "{at}団体 {code} の行が重複している",
    },
    # -- CSV files
    "answers.encoding": {
        "en": "the file cannot be decoded as {encodings}: {count:plural:line:lines} {lines}",
        "ja": "ファイルを {encodings} として読めない（{count}行: {lines}）",
    },
    "answers.mixed_encoding": {
        "en": (
            "the file mixes text encodings: it is UTF-8 but for {count:plural:line:lines} {lines}, "
            "which {count:plural:is:are} not "
            "(save the whole file in one encoding, or name the encoding to read it with)"
        ),
        "ja": (
            "ファイルの文字エンコーディングが混在している: UTF-8 だが{count}行（{lines}）は UTF-8 ではない"
            "（ファイル全体を一つのエンコーディングで保存するか、読むエンコーディングを指定する）"
        ),
    },
    "answers.lines_and_more": {
        "en": "{lines} and {more} more",
        "ja": "{lines} ほか{more}行",
    },
    "answers.unknown_encoding": {
        "en": "unknown text encoding {name!r}",
        "ja": "文字エンコーディング {name!r} は不明",
    },
    "answers.missing_column": {
        "en": "the header has no column {columns}",
        "ja": "見出し行に列 {columns} がない",
    },
    "answers.short_row": {
        "en": "the row has {count} {count:plural:field:fields}, fewer than the header's columns",
        "ja": "行の項目数 {count} が見出しより少ない",
    },
    "answers.bad_csv": {
        "en": "the CSV cannot be read past this line: {error}; the rest of the file was not read",
        "ja": "この行から先の CSV を読めない: {error}。以降は読んでいない",
    },
    "answers.too_many_rows": {
        "en": "the file has more than {limit:,} rows of answers; the rest of the file was not read",
        "ja": "回答の行が{limit:,}行を超えている。以降は読んでいない",
    },
    # -- spreadsheets
    "answers.mapping_missing": {
        "en": "a wide .xlsx needs a column mapping",
        "ja": "横長の .xlsx には列の対応表が必要",
    },
    "answers.xlsx_unavailable": {
        "en": "reading .xlsx needs openpyxl: pip install 'tajimi-rules[xlsx]'",
        "ja": ".xlsx を読むには openpyxl が必要: pip install 'tajimi-rules[xlsx]'",
    },
    "answers.not_xlsx": {
        "en": "cannot read the workbook: {error}",
        "ja": "ワークブックを読めない: {error}",
    },
    "answers.missing_sheet": {
        "en": "the workbook has no sheet {sheet!r}",
        "ja": "ワークブックにシート {sheet!r} がない",
    },
    # -- column mappings
    "mapping.not_object": {
        "en": "the column mapping is not a JSON object",
        "ja": "列の対応表が JSON オブジェクトではない",
    },
    "mapping.unknown_key": {
        "en": "unknown key {key!r}",
        "ja": "不明なキー {key!r}",
    },
    "mapping.bad_sheet": {
        "en": "sheet must be a sheet name",
        "ja": "sheet にはシート名を書く",
    },
    "mapping.bad_first_row": {
        "en": "first_row must be a row number",
        "ja": "first_row には行番号を書く",
    },
    "mapping.bad_column": {
        "en": "{key} must name a column by its letters",
        "ja": "{key} には列を英字で書く",
    },
    "mapping.no_items": {
        "en": "items must map column letters to item ids",
        "ja": "items には列の英字から項目IDへの対応を書く",
    },
    "mapping.bad_item_column": {
        "en": "{column!r} is not a column",
        "ja": "{column!r} は列ではない",
    },
    "mapping.item_not_id": {
        "en": "an item must be named by its id",
        "ja": "項目は項目IDで書く",
    },
    "mapping.unknown_item": {
        "en": "item {item!r} is not in the catalog",
        "ja": "項目 {item!r} はカタログにない",
    },
    "mapping.item_twice": {
        "en": "item {item!r} is already mapped from column {column}",
        "ja": "項目 {item!r} は列 {column} に対応づけ済み",
    },
    # -- the batch
    "ruleset.no_item_grading": {
        "en": "rule set {rules!r} has no item_grading, so answers cannot be graded",
        "ja": "規則集 {rules!r} に item_grading がなく、回答から水準を決められない",
    },
}
