"""Published workbooks: layouts, local-government codes as found, the workbook reader, grouped problems."""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {
    "workbook.place": {
        "en": "sheet {sheet!r} cell {cell}",
        "ja": "シート「{sheet}」セル {cell}",
    },
    "workbook.meaning.implemented": {"en": "implemented", "ja": "実施"},
    "workbook.meaning.not_implemented": {"en": "not implemented", "ja": "未実施"},
    "workbook.meaning.not_applicable": {"en": "not applicable", "ja": "該当なし"},
    "workbook.meaning.not_answered": {"en": "not answered", "ja": "無回答"},
    "workbook.meaning.trial": {"en": "on trial", "ja": "実証中"},
    "workbook.population.prefectures": {"en": "prefectures", "ja": "都道府県"},
    "workbook.population.municipalities": {"en": "municipalities", "ja": "市区町村"},
    "workbook.population.all": {"en": "bodies", "ja": "団体"},
    "workbook.summary": {
        "en": "read {files} {files:plural:file:files}, {sheets} {sheets:plural:sheet:sheets}, {rows} "
        "{rows:plural:row:rows} ({bodies} {bodies:plural:body:bodies}); skipped {skipped} "
        "{skipped:plural:row:rows} without a code; completed {completed} 5-digit "
        "{completed:plural:code:codes} with the check digit; restored {restored} lost leading "
        "{restored:plural:zero:zeros}",
        "ja": "{files} ファイル、{sheets} シート、{rows} 行（{bodies} 団体）を読んだ。"
        "コードのない {skipped} 行を飛ばし、"
        "5桁のコード {completed} 件に検査数字を補い、先頭の 0 が落ちたコード {restored} 件を戻した",
    },
    "grouped.more": {
        "en": "{first} — and {more} more like it ({places}{etc})",
        "ja": "{first} — ほか同様の問題が {more} 件（{places}{etc}）",
    },
    "grouped.etc": {"en": ", …", "ja": " ほか"},
    "grouped.left_off": {
        "en": "{count} more {count:plural:problem:problems} not shown (the list is bounded at {bound})",
        "ja": "ほかに {count} 件の問題は表示していない（表示は {bound} 件まで）",
    },
    "coverage.text": {
        "en": "{bodies:,} of {all_bodies:,} bodies, {prefectures} of {all_prefectures} prefectures "
        "({municipalities:,} of {all_municipalities:,} municipalities, {governments} of {all_prefectures} "
        "prefectural governments)",
        "ja": "{all_bodies:,} 団体中 {bodies:,} 団体、{all_prefectures} 都道府県中 {prefectures}"
        "（市区町村 {all_municipalities:,} 中 {municipalities:,}、都道府県庁 {all_prefectures} 中 {governments}）",
    },
    "coverage.source.answers": {
        "en": "national rates computed from the answers; the answers cover {coverage}",
        "ja": "全国の実施率は回答から算出。回答は{coverage}",
    },
    "coverage.source.observed": {
        "en": "rates within the observed bodies only, not national; the answers cover {coverage}",
        "ja": "実施率は回答した団体の中だけのもので、全国のものではない。回答は{coverage}",
    },
    "coverage.source.published": {
        "en": "published national rates from {file}; the answers cover {coverage}",
        "ja": "全国の実施率は公表値 {file} による。回答は{coverage}",
    },
    "survey.rates_note": {
        "en": "{note}; {source}",
        "ja": "{note}。{source}",
    },
    "cli.batch.coverage": {
        "en": (
            "{answers}: the answers cover {coverage}, not the nation: national rates cannot be computed "
            "from them; give published rates (--rates FILE) or grade within the observed bodies "
            "(--grade-within-observed): nothing written"
        ),
        "ja": (
            "{answers}: 回答は{coverage}で、全国を覆っていない。全国の実施率は算出できない。"
            "公表値を与える（--rates FILE）か、回答した団体の中で評価する（--grade-within-observed）こと。"
            "何も書き出していない"
        ),
    },
    "cli.batch.rates_problems": {
        "en": "{rates}: {count} {count:plural:problem:problems} in the published rates: nothing written",
        "ja": "{rates}: 公表値の実施率に問題 {count} 件のため何も書き出していない",
    },
    "cli.batch.rates_source": {"en": "rates: {source}", "ja": "実施率: {source}"},
    "cli.batch.read": {"en": "{summary}", "ja": "{summary}"},
    "cli.batch.strict": {
        "en": "{count} {count:plural:warning:warnings} made errors by --strict: nothing written",
        "ja": "--strict により警告 {count} 件をエラーとしたため何も書き出していない",
    },
    "cli.batch.no_reader": {
        "en": "the cell reader {reader!r} is not installed (pip install 'tajimi-rules[xlsx]')",
        "ja": "セルの読み取りライブラリ {reader!r} が入っていない（pip install 'tajimi-rules[xlsx]'）",
    },
    "rates.words.whole": {"en": "a whole number", "ja": "整数"},
    "rates.words.percentage": {
        "en": "a percentage from 0 to 100 (70.2 or 70.2%)",
        "ja": "0〜100 の百分率（70.2 や 70.2%）",
    },
    "rates.words.numerator": {
        "en": "a whole number from 0 to the denominator {denominator}",
        "ja": "0 から分母 {denominator} までの整数",
    },
    "rates.words.rate": {"en": "numerator and denominator, or percentage", "ja": "分子と分母、または百分率"},
    "rates.words.item": {"en": "an item id of the catalog", "ja": "カタログの項目 ID"},
    "rates.words.population": {
        "en": "municipalities, prefectures or all",
        "ja": "municipalities、prefectures または all",
    },
    "rates.words.once": {"en": "one row per item and population", "ja": "項目と母集団ごとに 1 行"},
    "rates.words.header": {"en": "item, population, ...", "ja": "item、population などの列"},
    "rates.words.list": {"en": "a list of objects", "ja": "オブジェクトの配列"},
    "rates.words.one": {"en": "at least one rate", "ja": "少なくとも 1 つの実施率"},
    "survey.words.answered_item": {"en": "at least one answered item", "ja": "回答のある項目が 1 つ以上"},
    "survey.words.every_item": {"en": "a column for every catalog item", "ja": "カタログの各項目に列があること"},
    "workbook.words.source": {
        "en": "a .zip of .xlsx workbooks, a folder, or an .xlsx workbook",
        "ja": ".xlsx を収めた .zip、フォルダ、または .xlsx ブック",
    },
    "workbook.words.xlsx": {
        "en": "an .xlsx workbook (a zip of XML parts, without a password)",
        "ja": ".xlsx ブック（XML 部品の zip、パスワードなし）",
    },
    "workbook.words.cached_value": {
        "en": "formula cells saved with their value",
        "ja": "値とともに保存された数式セル",
    },
    "workbook.words.bytes": {"en": "bytes", "ja": "バイト"},
    "workbook.words.one_workbook": {"en": "one workbook part", "ja": "ワークブックの部品が一つ"},
    "workbook.words.one_part": {"en": "each part name once", "ja": "部品名はそれぞれ一度だけ"},
    "workbook.words.strings": {"en": "strings", "ja": "個の文字列"},
    "workbook.kind.worksheet": {"en": "a worksheet", "ja": "ワークシート"},
    "workbook.kind.chartsheet": {"en": "a chartsheet", "ja": "グラフシート"},
    "workbook.kind.dialogsheet": {"en": "a dialog sheet", "ja": "ダイアログシート"},
    "workbook.kind.macrosheet": {"en": "a macro sheet", "ja": "マクロシート"},
    "workbook.kind.unknown": {"en": "a sheet of an unknown kind", "ja": "種類の分からないシート"},
    "cli.progress.reading": {"en": "reading", "ja": "読込"},
    "cli.progress.rating": {"en": "rating", "ja": "評価"},
    "cli.progress.writing": {"en": "writing", "ja": "書出"},
    "layout.cli.exists": {
        "en": "{out}: already holds {files} (use --replace to replace them): nothing written",
        "ja": "{out}: 既に {files} がある（置き換えるには --replace）。何も書き出していない",
    },
    "layout.cli.cannot_write": {
        "en": "cannot write the draft into {out}: {reason} (nothing written)",
        "ja": "下書きを {out} に書き出せない: {reason}（何も書き出していない）",
    },
    "layout.cli.no_reader": {
        "en": "the cell reader {reader!r} is not installed (pip install 'tajimi-rules[xlsx]')",
        "ja": "セルの読み取りライブラリ {reader!r} が入っていない（pip install 'tajimi-rules[xlsx]'）",
    },
    "layout.cli.nothing": {
        "en": "{source}: no sheet with local-government codes was found: nothing written",
        "ja": "{source}: 団体コードのあるシートが見つからず、何も書き出していない",
    },
    "layout.cli.written": {
        "en": (
            "{out}: layout.json ({files} {files:plural:file:files}, {sheets} {sheets:plural:sheet:sheets}) "
            "and catalog.json ({items} {items:plural:item:items}) drafted from {source}; edit them, check them "
            "with 'tajimi-rules validate {out}', then read with 'tajimi-rules batch {source} --layout "
            "{out}/layout.json --catalog {out}/catalog.json'"
        ),
        "ja": (
            "{out}: {source} から layout.json（{files} ファイル、{sheets} シート）と catalog.json（{items} 項目）"
            "の下書きを作った。編集し、'tajimi-rules validate {out}' で確かめ、'tajimi-rules batch {source} "
            "--layout {out}/layout.json --catalog {out}/catalog.json' で読むこと"
        ),
    },
}

PROBLEMS: Table = {
    # The layout document.
    "layout.not_json": {
        "en": "the layout is not JSON: {error}",
        "ja": "レイアウトが JSON ではない: {error}",
    },
    "layout.not_object": {
        "en": "the layout is not a JSON object",
        "ja": "レイアウトが JSON オブジェクトではない",
    },
    "layout.unreadable": {
        "en": "cannot read the layout: {error}",
        "ja": "レイアウトを読めない: {error}",
    },
    "layout.required": {
        "en": "missing required key {key!r}",
        "ja": "必須のキー {key!r} がない",
    },
    "layout.unknown_key": {
        "en": "unknown key {key!r}",
        "ja": "未知のキー {key!r}",
    },
    "layout.type": {
        "en": "expected {wanted}, found {got}",
        "ja": "{wanted} であるべきところが {got}",
    },
    "layout.item_columns": {
        "en": "an item is read either from one column (with reading or texts) or from the pair applies and done",
        "ja": "項目は1列（reading または texts を伴う）か、applies と done の2列の組から読む",
    },
    "layout.value": {
        "en": "{value} is not allowed here ({keyword} {limit})",
        "ja": "{value} はここに書けない（{keyword} {limit}）",
    },
    "layout.unknown_reading": {
        "en": "no reading is named {name!r}",
        "ja": "{name!r} という読み方はない",
    },
    "layout.reading_cycle": {
        "en": "the reading {name!r} extends itself through {chain}",
        "ja": "読み方 {name!r} が {chain} を通じて自身を拡張している",
    },
    "layout.ambiguous_text": {
        "en": "the text {text!r} is listed under both {first} and {second}",
        "ja": "文言 {text!r} が {first} と {second} の両方にある",
    },
    "layout.column_twice": {
        "en": "column {letters} is used twice in the sheet",
        "ja": "列 {letters} がシート内で2回使われている",
    },
    "layout.item_twice": {
        "en": "item {item!r} is read twice from the sheet",
        "ja": "項目 {item!r} をシートから2回読んでいる",
    },
    "layout.rows": {
        "en": "the first row of bodies ({first_row}) is not below the header row ({header_row})",
        "ja": "団体の最初の行 ({first_row}) が見出し行 ({header_row}) より下にない",
    },
    "layout.unknown_item": {
        "en": "item {item!r} is not in catalog {catalog!r}",
        "ja": "項目 {item!r} はカタログ {catalog!r} にない",
    },
    # The workbooks.
    "workbook.missing": {
        "en": "there is no such file or folder",
        "ja": "そのファイルもフォルダもない",
    },
    "workbook.not_zip": {
        "en": "{what} cannot be opened: {error}",
        "ja": "{what} を開けない: {error}",
    },
    "workbook.unreadable": {
        "en": "part {part!r} cannot be read (the file is damaged or cut short): {error}",
        "ja": "部品 {part!r} を読めない（ファイルが壊れているか途中で切れている）: {error}",
    },
    "workbook.too_large": {
        "en": "the workbook unpacks to {size} bytes, more than the {limit} bytes allowed",
        "ja": "ワークブックを展開すると {size} バイトで、上限 {limit} バイトを超える",
    },
    "workbook.xml_entities": {
        "en": "part {part!r} holds a markup declaration (DOCTYPE or ENTITY): XML entities are never expanded, "
        "the workbook is refused",
        "ja": "部品 {part!r} にマークアップ宣言（DOCTYPE や ENTITY）がある: XML 実体は展開しないので、"
        "このワークブックは読まない",
    },
    "workbook.entity_reference": {
        "en": "part {part!r} refers to the entity {reference}, which no workbook defines (entities are never expanded)",
        "ja": "部品 {part!r} が実体 {reference} を参照しているが、ワークブックでは定義されない（実体は展開しない）",
    },
    "workbook.encrypted": {
        "en": "the workbook is encrypted (password-protected): save it without a password to read it",
        "ja": "ワークブックが暗号化されている（パスワード保護）: パスワードなしで保存し直せば読める",
    },
    "workbook.legacy_xls": {
        "en": "the file is a legacy binary workbook (.xls), not an .xlsx: save it as .xlsx to read it",
        "ja": "ファイルは旧形式のバイナリのブック（.xls）で .xlsx ではない: .xlsx で保存し直せば読める",
    },
    "workbook.too_many_parts": {
        "en": "the workbook holds {count} parts, more than the {limit} allowed",
        "ja": "ワークブックの部品が {count} 個で、上限 {limit} 個を超える",
    },
    "workbook.compression_ratio": {
        "en": "part {part!r} unpacks to {ratio} times its packed size, more than {limit} (a zip bomb)",
        "ja": "部品 {part!r} は展開すると圧縮時の {ratio} 倍になり、上限 {limit} 倍を超える（zip 爆弾）",
    },
    "workbook.size_mismatch": {
        "en": "part {part!r} declares {declared} bytes unpacked but unpacks to another size",
        "ja": "部品 {part!r} の展開後のサイズは {declared} バイトと宣言されているが、実際は異なる",
    },
    "workbook.compression": {
        "en": "part {part!r} is packed with compression method {method}; a workbook uses stored or deflate",
        "ja": "部品 {part!r} の圧縮方式が {method} である。ワークブックは無圧縮か deflate を使う",
    },
    "workbook.structure": {
        "en": "the package's structure does not hold together at part {part!r} (a part it names is missing, "
        "a part name is used twice, or it names more than one workbook part)",
        "ja": "パッケージの構造が部品 {part!r} で成り立たない（指す部品がない、部品名が重複している、"
        "またはワークブックの部品を複数指している）",
    },
    "workbook.shared_strings": {
        "en": "the shared-strings table {part!r} holds {count:,} {unit}, more than the {limit:,} allowed",
        "ja": "共有文字列の表 {part!r} が {count:,} {unit}で、上限 {limit:,} を超える",
    },
    "workbook.too_many_cells": {
        "en": "the workbook's sheets hold more than {limit:,} cells (found at part {part!r})",
        "ja": "ワークブックのシートのセルが {limit:,} 個を超える（部品 {part!r} で判明）",
    },
    "workbook.sheet_extent": {
        "en": "sheet {sheet!r} reaches {reach} (rows x columns), more than can be read",
        "ja": "シート「{sheet}」は {reach}（行 x 列）に及び、読める範囲を超える",
    },
    "workbook.not_worksheet": {
        "en": "sheet {sheet!r} is {kind}, not a worksheet of answers",
        "ja": "シート「{sheet}」は{kind}で、回答のワークシートではない",
    },
    "workbook.formula_without_value": {
        "en": "sheet {sheet!r}: {count} formula {count:plural:cell was:cells were} saved without a value "
        "and {count:plural:is:are} read as blank (not answered): {cells}; open and save the workbook in a "
        "spreadsheet program to store the values",
        "ja": "シート「{sheet}」: 値なしで保存された数式セル {count} 個を空欄（無回答）として読んだ: {cells}。"
        "表計算ソフトで開いて保存すれば値が入る",
    },
    "workbook.no_reader": {
        "en": "reading .xlsx needs python-calamine or openpyxl: pip install 'tajimi-rules[xlsx]'",
        "ja": ".xlsx を読むには python-calamine か openpyxl が必要: pip install 'tajimi-rules[xlsx]'",
    },
    "workbook.missing_file": {
        "en": "no workbook in the set matches {pattern!r}",
        "ja": "{pattern!r} に合うワークブックがない",
    },
    "workbook.missing_sheet": {
        "en": "the workbook has no sheet {sheet!r}",
        "ja": "ワークブックにシート「{sheet}」がない",
    },
    "workbook.code_not_digits": {
        "en": "{place}: {value} is not a local-government code",
        "ja": "{place}: {value} は地方公共団体コードではない",
    },
    "workbook.code_length": {
        "en": "{place}: {value} has the wrong number of digits for a local-government code",
        "ja": "{place}: {value} は地方公共団体コードとして桁数が合わない",
    },
    "workbook.code_prefecture": {
        "en": "{place}: {value} names no prefecture (a code starts 01 to 47)",
        "ja": "{place}: {value} の都道府県コードが 01〜47 ではない",
    },
    "workbook.code_check_digit": {
        "en": "{place}: local-government code {value} has a wrong check digit",
        "ja": "{place}: 地方公共団体コード {value} の検査数字が誤っている",
    },
    "workbook.code_ambiguous": {
        "en": "{place}: {value} may be a 5-digit code or a 6-digit code that lost its leading zero",
        "ja": "{place}: {value} は5桁のコードとも、先頭の 0 が落ちた6桁のコードとも読める",
    },
    "workbook.population": {
        "en": "{place}: body {code} is not one of the {population} the sheet lists",
        "ja": "{place}: 団体 {code} はこのシートが挙げる{population}ではない",
    },
    "workbook.prefecture_mismatch": {
        "en": "{place}: prefecture {given!r} does not match code {code}, which is in {canonical}",
        "ja": "{place}: 都道府県 {given!r} がコード {code} の都道府県 {canonical} と一致しない",
    },
    "workbook.unknown_answer": {
        "en": "{place}: answer {answer!r} to item {item!r} is not in the reading {reading!r}",
        "ja": "{place}: 項目 {item!r} への回答 {answer!r} は読み方 {reading!r} にない",
    },
    "workbook.duplicate_row": {
        "en": "{place}: body {code} has a second row in the sheet",
        "ja": "{place}: 団体 {code} の行がシート内で重複している",
    },
    "workbook.conflict": {
        "en": "{place}: body {code} answers item {item!r} {meaning}, but {other_place} answers {other_meaning}",
        "ja": "{place}: 団体 {code} の項目 {item!r} への回答は{meaning}だが、{other_place} では{other_meaning}",
    },
    "workbook.unmapped_item": {
        "en": "catalog item {item!r} is read from no column of the layout",
        "ja": "カタログの項目 {item!r} をレイアウトのどの列からも読んでいない",
    },
    "workbook.unmapped_column": {
        "en": "{place}: the column headed {header!r} is read as no catalog item",
        "ja": "{place}: 見出し {header!r} の列をどのカタログ項目としても読んでいない",
    },
    "survey.empty_category": {
        "en": (
            "{count} of {total} {total:plural:category:categories} {count:plural:has:have} no answered item "
            "in any body and {count:plural:is:are} left out of every evaluation: {categories}"
        ),
        "ja": (
            "{total} カテゴリ中 {count} カテゴリはどの団体にも回答のある項目がなく、どの評価にも入らない: {categories}"
        ),
    },
    "survey.no_published_rate": {
        "en": "item {item!r} has no published rate over {population}: it is left ungraded",
        "ja": "項目 {item!r} に {population} の公表値の実施率がなく、判定しない",
    },
    "rates.bad_value": {
        "en": "the {key} {value} cannot be used",
        "ja": "{key} の値 {value} は使えない",
    },
    "rates.header": {
        "en": "the rates file does not name its columns item and population",
        "ja": "実施率のファイルに item と population の列がない",
    },
    "rates.not_json": {
        "en": "the rates file is not JSON: {error}",
        "ja": "実施率のファイルが JSON ではない: {error}",
    },
    "rates.unreadable": {
        "en": "cannot read the rates file: {error}",
        "ja": "実施率のファイルを読めない: {error}",
    },
    "rates.empty": {
        "en": "the rates file holds no rate",
        "ja": "実施率のファイルに実施率が一つもない",
    },
    "overlay.unknown_catalog": {
        "en": "the overlay extends {name!r}, which is not a shipped catalog",
        "ja": "上書きが拡張する {name!r} は同梱のカタログではない",
    },
    "overlay.unknown_item": {
        "en": "item {item!r} is not in the catalog the overlay extends",
        "ja": "項目 {item!r} は上書きが拡張するカタログにない",
    },
    "overlay.unknown_category": {
        "en": "category {name!r} is not in the catalog the overlay extends",
        "ja": "カテゴリ {name!r} は上書きが拡張するカタログにない",
    },
    "overlay.duplicate_item": {
        "en": "item id {item!r} is already taken",
        "ja": "項目 ID {item!r} は既に使われている",
    },
    "overlay.ambiguous_text": {
        "en": "the answer text {text!r} is listed as {first} and as {second}",
        "ja": "回答 {text!r} が {first} と {second} の両方にある",
    },
}
