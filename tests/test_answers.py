"""Reading survey answers: long CSV in every encoding, wide .xlsx, and every problem located."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tajimi_rules as tr
from tajimi_rules._cli import main
from tajimi_rules._cli._common import Output
from tajimi_rules._texts import PROBLEM_CODES
from tajimi_rules.survey._mapping import ColumnMapping
from tajimi_rules.survey._xlsx import read_rows

TAJIMI, SAPPORO, CHIYODA = "212041", "011002", "131016"

GOOD_CSV = (
    "code,item,answer,name,prefecture\n"
    "212041,cio-adviser,導入済み,多治見市,岐阜県\n"
    "212041,csirt,予定なし,多治見市,岐阜県\n"
    "212041,telework,令和5年度中に導入予定,多治見市,岐阜県\n"
    "011002,cio-adviser,済,札幌市,北海道\n"
    "011002,csirt,,札幌市,北海道\n"
    "131016,cio-adviser,未,千代田区,東京都\n"
)


@pytest.fixture(scope="module")
def catalog() -> tr.survey.Catalog:
    """The shipped R4 catalog."""
    return tr.survey.load_catalog("r4")


def _answers(answers: tr.survey.Answers, code: str, *items: str) -> list[tr.survey.Answer]:
    of = answers.of(code)
    return [of[item] for item in items]


def test_long_csv_reads_answers_by_meaning(catalog: tr.survey.Catalog):
    """Each row's text becomes its meaning; items with no row are not answered."""
    answers = tr.survey.read_long_csv(GOOD_CSV.encode(), catalog, name="a.csv")
    assert answers.problems == ()
    assert [b.code for b in answers.bodies] == [SAPPORO, CHIYODA, TAJIMI]
    assert _answers(answers, TAJIMI, "cio-adviser", "csirt", "telework", "ai-chatbot") == [
        tr.survey.Answer.IMPLEMENTED,
        tr.survey.Answer.NOT_IMPLEMENTED,
        tr.survey.Answer.NOT_IMPLEMENTED,
        tr.survey.Answer.NOT_ANSWERED,
    ]
    assert _answers(answers, SAPPORO, "cio-adviser", "csirt") == [
        tr.survey.Answer.IMPLEMENTED,
        tr.survey.Answer.NOT_ANSWERED,
    ]


def test_bodies_take_name_and_prefecture(catalog: tr.survey.Catalog):
    """A body's name comes from the file, its prefecture from its code's first two digits."""
    answers = tr.survey.read_long_csv(GOOD_CSV.encode(), catalog)
    body = next(b for b in answers.bodies if b.code == TAJIMI)
    assert (body.name, body.prefecture, body.prefecture_code, body.is_prefecture) == ("多治見市", "岐阜県", "21", False)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "shift_jis"])
def test_long_csv_encodings_read_the_same(tmp_path: Path, catalog: tr.survey.Catalog, encoding: str):
    """UTF-8 with or without BOM, cp932 and Shift_JIS files give the same answers."""
    path = tmp_path / "answers.csv"
    path.write_bytes(GOOD_CSV.replace("\n", "\r\n").encode(encoding))
    answers = tr.survey.read_answers(path, catalog)
    assert answers.problems == ()
    assert answers == tr.survey.read_long_csv(GOOD_CSV.encode(), catalog, name=str(path))


def test_forced_encoding_is_used(catalog: tr.survey.Catalog):
    """``encoding`` forces a decoding; bytes that do not decode are a located problem."""
    data = GOOD_CSV.encode("cp932")
    assert tr.survey.read_long_csv(data, catalog, encoding="cp932").problems == ()
    (problem,) = tr.survey.read_long_csv(data, catalog, encoding="utf-8").problems
    assert problem.code == "answers.encoding"
    assert (problem.line, problem.column) == (2, 20)


def test_undecodable_file_names_line_and_column(catalog: tr.survey.Catalog):
    """Bytes that are neither UTF-8 nor cp932 are reported at their line and byte column."""
    data = b"code,item,answer\n212041,cio-adviser,\x81\x7f\n"
    (problem,) = tr.survey.read_long_csv(data, catalog, name="bad.csv").problems
    assert (problem.code, problem.file, problem.line, problem.column) == ("answers.encoding", "bad.csv", 2, 20)


def test_japanese_headers_are_accepted(catalog: tr.survey.Catalog):
    """The header may use 団体コード, 項目, 回答 (in any column order)."""
    text = "回答,団体コード,項目\n済,212041,cio-adviser\n"
    answers = tr.survey.read_long_csv(text.encode(), catalog)
    assert answers.problems == ()
    assert _answers(answers, TAJIMI, "cio-adviser") == [tr.survey.Answer.IMPLEMENTED]


def _problems(text: str, catalog: tr.survey.Catalog) -> list[tuple[str, int | None, int | None]]:
    answers = tr.survey.read_long_csv(text.encode(), catalog, name="x.csv")
    assert all(p.file == "x.csv" for p in answers.problems)
    return [(p.code, p.line, p.column) for p in answers.problems]


def test_unknown_answer_names_row_and_column(catalog: tr.survey.Catalog):
    """An answer text outside the vocabulary is a problem at its line and the answer column."""
    text = "code,item,answer\n212041,cio-adviser,済\n212041,csirt,たぶん\n"
    assert _problems(text, catalog) == [("answers.unknown_answer", 3, 3)]


def test_unknown_item_names_row_and_column(catalog: tr.survey.Catalog):
    """An item id the catalog lacks is a problem at its line and the item column."""
    text = "name,code,item,answer\n多治見市,212041,no-such-item,済\n"
    assert _problems(text, catalog) == [("answers.unknown_item", 2, 3)]


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("212042", "answers.check_digit"),
        ("21204", "answers.bad_code"),
        ("x12041", "answers.bad_code"),
        ("481234", "answers.bad_code"),
    ],
)
def test_bad_codes_name_row_and_column(catalog: tr.survey.Catalog, code: str, problem: str):
    """Wrong check digits, short codes, non-digits and unknown prefectures are located problems."""
    text = f"item,code,answer\ncio-adviser,212041,済\ncio-adviser,{code},済\n"
    assert _problems(text, catalog) == [(problem, 3, 2)]


def test_check_digit_problem_says_the_right_code(catalog: tr.survey.Catalog):
    """A wrong check digit is reported with the code it should have been."""
    answers = tr.survey.read_long_csv(b"code,item,answer\n212042,cio-adviser,1\n", catalog)
    assert answers.problems[0].expected == "212041"


def test_duplicate_answer_is_a_problem(catalog: tr.survey.Catalog):
    """Answering one item twice for one body is a problem at the second row; the first answer stays."""
    text = "code,item,answer\n212041,cio-adviser,済\n212041,cio-adviser,未\n"
    answers = tr.survey.read_long_csv(text.encode(), catalog)
    assert [(p.code, p.line, p.column) for p in answers.problems] == [("answers.duplicate", 3, 2)]
    assert _answers(answers, TAJIMI, "cio-adviser") == [tr.survey.Answer.IMPLEMENTED]


def test_missing_column_is_a_problem_at_the_header(catalog: tr.survey.Catalog):
    """A header without the answer column is a problem on line 1 and nothing is read."""
    answers = tr.survey.read_long_csv(b"code,item\n212041,cio-adviser\n", catalog)
    assert [(p.code, p.line) for p in answers.problems] == [("answers.missing_column", 1)]
    assert answers.bodies == ()


def test_short_row_is_a_problem(catalog: tr.survey.Catalog):
    """A row with fewer fields than the answer column needs is a located problem."""
    assert _problems("code,item,answer\n212041,cio-adviser\n", catalog) == [("answers.short_row", 2, 3)]


def test_rows_with_problems_are_left_out(catalog: tr.survey.Catalog):
    """Good rows are kept beside bad ones; the bad rows' answers stay unanswered."""
    text = "code,item,answer\n212041,cio-adviser,済\n212041,csirt,たぶん\n"
    answers = tr.survey.read_long_csv(text.encode(), catalog)
    assert len(answers.errors) == 1
    assert _answers(answers, TAJIMI, "cio-adviser", "csirt") == [
        tr.survey.Answer.IMPLEMENTED,
        tr.survey.Answer.NOT_ANSWERED,
    ]


def test_prefecture_that_contradicts_the_code_is_a_warning(catalog: tr.survey.Catalog):
    """A prefecture column that disagrees with the code warns, and the code's prefecture is used."""
    text = "code,item,answer,prefecture\n212041,cio-adviser,済,愛知県\n"
    answers = tr.survey.read_long_csv(text.encode(), catalog)
    (problem,) = answers.problems
    assert (problem.code, problem.severity, problem.line, problem.column) == (
        "answers.prefecture_mismatch",
        tr.Severity.WARNING,
        2,
        4,
    )
    assert answers.errors == ()
    assert answers.bodies[0].prefecture == "岐阜県"


def test_missing_file_is_a_problem(tmp_path: Path, catalog: tr.survey.Catalog):
    """A missing answers file is a problem, not an exception."""
    answers = tr.survey.read_answers(tmp_path / "nothing.csv", catalog)
    assert [p.code for p in answers.problems] == ["file.missing"]


# -- wide .xlsx --------------------------------------------------------------------------------

openpyxl = pytest.importorskip("openpyxl")

MAPPING = {
    "sheet": "回答",
    "first_row": 3,
    "code": "A",
    "name": "B",
    "prefecture": "C",
    "items": {"D": "cio-adviser", "E": "csirt", "F": "telework"},
}


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "回答"
    sheet.append(["", "", "", "組織体制", "組織体制・規程類の整備", "テレワーク"])
    sheet.append(["団体コード", "団体名", "都道府県名", "CIO補佐官", "CSIRT", "テレワーク"])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_wide_xlsx_reads_one_row_per_body(tmp_path: Path, catalog: tr.survey.Catalog):
    """Each row is a body, each mapped column an item; a numeric code gets its leading zero back."""
    path = _workbook(
        tmp_path / "wide.xlsx",
        [[212041, "多治見市", "岐阜県", "導入済み", "予定なし", None], [11002, "札幌市", "北海道", "未", "済", "済"]],
    )
    answers = tr.survey.read_answers(path, catalog, mapping=MAPPING)
    # The mapping reads 3 of the catalog's 114 items: the rest are named in one warning, nothing else.
    assert [(p.code, p.severity) for p in answers.problems] == [("answers.unmapped_items", tr.Severity.WARNING)]
    assert "111 of 114 catalog items are read from no column" in answers.problems[0].text("en")
    assert _answers(answers, TAJIMI, "cio-adviser", "csirt", "telework") == [
        tr.survey.Answer.IMPLEMENTED,
        tr.survey.Answer.NOT_IMPLEMENTED,
        tr.survey.Answer.NOT_ANSWERED,
    ]
    assert _answers(answers, SAPPORO, "cio-adviser", "csirt", "telework") == [
        tr.survey.Answer.NOT_IMPLEMENTED,
        tr.survey.Answer.IMPLEMENTED,
        tr.survey.Answer.IMPLEMENTED,
    ]


def test_wide_xlsx_problems_name_the_cell(tmp_path: Path, catalog: tr.survey.Catalog):
    """An unknown answer in a spreadsheet is reported at its row and column, naming the cell."""
    path = _workbook(tmp_path / "wide.xlsx", [["212041", "多治見市", "岐阜県", "済", "たぶん", "未"]])
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(MAPPING, ensure_ascii=False), encoding="utf-8")
    answers = tr.survey.read_answers(path, catalog, mapping=mapping)
    # The mapping reads 3 of the catalog's items: the warning naming the rest is left aside here.
    (problem,) = [p for p in answers.problems if p.code != "answers.unmapped_items"]
    assert (problem.code, problem.file, problem.line, problem.column) == ("answers.unknown_answer", str(path), 3, 5)
    assert "E3" in problem.message


def test_wide_xlsx_bad_code_and_duplicate_row(tmp_path: Path, catalog: tr.survey.Catalog):
    """A bad check digit and a body's second row are located at the code cell."""
    path = _workbook(
        tmp_path / "wide.xlsx",
        [
            ["212042", "多治見市", "岐阜県", "済", "済", "済"],
            ["212041", "多治見市", "岐阜県", "済", "済", "済"],
            ["212041", "多治見市", "岐阜県", "済", "済", "済"],
        ],
    )
    answers = tr.survey.read_answers(path, catalog, mapping=MAPPING)
    assert [(p.code, p.line, p.column) for p in answers.problems if p.code != "answers.unmapped_items"] == [
        ("answers.check_digit", 3, 1),
        ("answers.duplicate_row", 5, 1),
    ]
    assert answers.problems[0].message.startswith("cell A3: ")


def test_repeated_bad_code_is_reported_at_each_row(catalog: tr.survey.Catalog):
    """The same bad code on two rows gives two problems, each with its own line."""
    text = "code,item,answer\n212042,cio-adviser,済\n212042,csirt,済\n"
    answers = tr.survey.read_long_csv(text.encode(), catalog)
    assert [(p.line, p.column, p.message.split(":")[0]) for p in answers.problems] == [
        (2, 1, "column 'code'"),
        (3, 1, "column 'code'"),
    ]


def test_mapping_problems_have_pointers(tmp_path: Path, catalog: tr.survey.Catalog):
    """A mapping naming an unknown item or a bad column is reported with JSON pointers."""
    path = _workbook(tmp_path / "wide.xlsx", [])
    mapping = {"code": "1", "items": {"D": "no-such-item", "e": "csirt"}}
    answers = tr.survey.read_answers(path, catalog, mapping=mapping)
    assert sorted(p.pointer for p in answers.problems) == ["/code", "/items/D", "/items/e"]


def test_missing_sheet_is_a_problem(tmp_path: Path, catalog: tr.survey.Catalog):
    """A mapping naming a sheet the workbook lacks is a problem listing the sheets."""
    path = _workbook(tmp_path / "wide.xlsx", [])
    answers = tr.survey.read_answers(path, catalog, mapping={**MAPPING, "sheet": "Sheet9"})
    assert [p.code for p in answers.problems] == ["answers.missing_sheet"]


def test_xlsx_without_mapping_is_a_problem(tmp_path: Path, catalog: tr.survey.Catalog):
    """A wide workbook cannot be read without its column mapping."""
    path = _workbook(tmp_path / "wide.xlsx", [])
    assert [p.code for p in tr.survey.read_answers(path, catalog).problems] == ["answers.mapping_missing"]


def test_not_a_workbook_is_a_problem(tmp_path: Path, catalog: tr.survey.Catalog):
    """A file that is not a workbook is a problem, not a traceback."""
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"not a zip")
    assert [p.code for p in tr.survey.read_answers(path, catalog, mapping=MAPPING).problems] == ["answers.not_xlsx"]


def test_csv_field_over_the_parser_limit_is_a_located_problem(catalog: tr.survey.Catalog):
    """A field longer than the CSV parser accepts is a problem at its line, not an exception."""
    text = 'code,item,answer\n212041,cio-adviser,済\n212041,csirt,"' + "x" * 140_000 + '"\n'
    answers = tr.survey.read_long_csv(text.encode(), catalog, name="big.csv")
    (problem,) = answers.problems
    assert (problem.code, problem.file, problem.line) == ("answers.bad_csv", "big.csv", 3)
    assert _answers(answers, TAJIMI, "cio-adviser") == [tr.survey.Answer.IMPLEMENTED]


@pytest.mark.parametrize(
    ("name", "code", "fault"),
    [
        ("多" * 201, "answers.long_name", "201 characters long"),
        ("多治\x00見\x01市", "answers.bad_name", "U+0000, U+0001"),
    ],
)
def test_name_that_cannot_be_written_is_a_problem_at_its_cell(
    catalog: tr.survey.Catalog, name: str, code: str, fault: str
):
    """A name over the schema's length or holding control characters is refused at its row and column, once."""
    text = f"code,item,answer,name\n212041,cio-adviser,済,{name}\n212041,csirt,済,{name}\n011002,csirt,済,札幌市\n"
    answers = tr.survey.read_long_csv(text.encode(), catalog, name="n.csv")
    (problem,) = answers.problems
    assert (problem.code, problem.line, problem.column) == (code, 2, 4)
    assert fault in problem.message and problem.message.startswith("column 'name'")
    assert [body.code for body in answers.bodies] == [SAPPORO]


def test_forced_encoding_failure_names_that_encoding(catalog: tr.survey.Catalog):
    """When an encoding was forced, the problem names it rather than UTF-8 and Shift_JIS."""
    (problem,) = tr.survey.read_long_csv(GOOD_CSV.encode("cp932"), catalog, encoding="utf-8").problems
    assert "utf-8" in problem.message and "Shift_JIS" not in problem.message


def test_mapping_item_that_is_not_an_id_is_a_mapping_problem(tmp_path: Path, catalog: tr.survey.Catalog):
    """A mapping whose item is a list (not an item id) is a problem at its pointer, not an exception."""
    path = _workbook(tmp_path / "wide.xlsx", [])
    answers = tr.survey.read_answers(path, catalog, mapping={"code": "A", "items": {"D": ["x"], "E": {"id": "csirt"}}})
    assert [(p.code, p.pointer) for p in answers.problems] == [
        ("mapping.item_not_id", "/items/D"),
        ("mapping.item_not_id", "/items/E"),
    ]


def test_one_item_mapped_from_two_columns_is_one_mapping_problem(tmp_path: Path, catalog: tr.survey.Catalog):
    """Two columns mapped to one item give one mapping problem, not a duplicate answer per row."""
    path = _workbook(
        tmp_path / "wide.xlsx",
        [["212041", "多治見市", "岐阜県", "済", "済", "済"], ["011002", "札幌市", "北海道", "済", "済", "済"]],
    )
    mapping = {**MAPPING, "items": {"D": "cio-adviser", "E": "cio-adviser"}}
    answers = tr.survey.read_answers(path, catalog, mapping=mapping)
    assert [(p.code, p.pointer) for p in answers.problems] == [("mapping.item_twice", "/items/E")]
    assert "already mapped from column D" in answers.problems[0].message


@pytest.mark.parametrize("cell", [11002, 11002.0, "011002"])
def test_numeric_code_cell_gets_its_leading_zero_back(catalog: tr.survey.Catalog, cell: object):
    """A code cell read as 11002 or 11002.0 is the code 011002."""
    layout = ColumnMapping(sheet=None, first_row=1, code=1, name=None, prefecture=None, items=((2, "cio-adviser"),))
    answers = read_rows([(cell, "済")], layout, catalog, "w.xlsx")
    assert answers.problems == ()
    assert _answers(answers, SAPPORO, "cio-adviser") == [tr.survey.Answer.IMPLEMENTED]


def test_every_reader_problem_has_its_texts_from_the_table(tmp_path: Path, catalog: tr.survey.Catalog):
    """Every problem the readers report has a code of the text table and both its English and Japanese message."""
    text = (
        "code,item,answer,name,prefecture\n212042,cio-adviser,済\n481234,csirt,済\n212041,nope,済\n"
        "212041,cio-adviser,たぶん\n212041,csirt,済,,愛知県\n212041,csirt,済\n212041\n011002,csirt,済,a\x01b\n"
    )
    problems = [
        *tr.survey.read_long_csv(text.encode(), catalog).problems,
        *tr.survey.read_long_csv(b"code,item\n", catalog).problems,
        *tr.survey.read_long_csv(b"\x81\x7f", catalog, encoding="utf-8").problems,
        *tr.survey.read_long_csv(b"", catalog, encoding="no-such-encoding").problems,
        *tr.survey.read_answers(tmp_path / "wide.xlsx", catalog).problems,
        *tr.survey.read_answers(tmp_path / "w.xlsx", catalog, mapping={"code": "1", "zz": 1, "items": {}}).problems,
    ]
    codes = {problem.code for problem in problems}
    assert len(codes) >= 12
    assert codes <= PROBLEM_CODES
    assert all(problem.message and problem.message_ja and problem.message != problem.message_ja for problem in problems)


def test_missing_mapping_names_no_command_line_option(tmp_path: Path, catalog: tr.survey.Catalog):
    """The library's message for a workbook without a mapping speaks of the mapping, not of a command's option."""
    (problem,) = tr.survey.read_answers(tmp_path / "wide.xlsx", catalog).problems
    assert "column mapping" in problem.message
    assert "--" not in problem.message and "--" not in (problem.message_ja or "")


def test_short_row_of_one_field_is_worded_in_the_singular(catalog: tr.survey.Catalog):
    """A row of one field says "1 field", not "1 fields"."""
    (problem,) = tr.survey.read_long_csv(b"code,item,answer\n212041\n", catalog).problems
    assert "the row has 1 field," in problem.message


def test_mapping_is_read_with_every_problem_at_its_pointer(catalog: tr.survey.Catalog):
    """A column mapping reads into column numbers; each of its faults is a problem with a pointer and a code."""
    mapping, problems = tr.survey.parse_mapping({"code": "A", "name": "B", "items": {"AB": "csirt"}}, catalog)
    assert problems == []
    assert mapping == tr.survey.ColumnMapping(
        sheet=None, first_row=2, code=1, name=2, prefecture=None, items=((28, "csirt"),)
    )
    mapping, problems = tr.survey.parse_mapping(
        {"code": "a", "first_row": 0, "sheet": 1, "items": []}, catalog, "m.json"
    )
    assert mapping is None
    assert [(p.code, p.pointer, p.file) for p in problems] == [
        ("mapping.bad_sheet", "/sheet", "m.json"),
        ("mapping.bad_first_row", "/first_row", "m.json"),
        ("mapping.bad_column", "/code", "m.json"),
        ("mapping.no_items", "/items", "m.json"),
    ]


# -- the shipped vocabulary and catalog overlays ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("任命している", "implemented"),
        ("既に導入済み", "implemented"),
        ("令和６年度以降に導入予定", "not_implemented"),
        ("実証中", "not_implemented"),
        ("任用していない", "not_implemented"),
        ("有", None),
        ("無", None),
    ],
)
def test_the_shipped_vocabulary_knows_the_published_forms(catalog: tr.survey.Catalog, text: str, meaning: str | None):
    """The r4 vocabulary reads the survey's published forms; 有/無 are no longer a global meaning."""
    found = catalog.answers.read(text)
    assert (found.value if found is not None else None) == meaning


OVERLAY = {
    "$schema": "urn:tajimi-rules:schema:overlay:1",
    "id": "my-r4",
    "extends": "r4",
    "answers": {"implemented": ["導入しています", "検討中"]},
    "trial_counts_as": "implemented",
    "items": {
        "cio-adviser": {
            "name": {"ja": "CIO補佐官等の任命"},
            "answers": {"implemented": ["有"], "not_implemented": ["無"]},
        }
    },
    "add": [{"category": "dx-organization", "id": "cdo", "name": {"ja": "CDOの任命"}}],
}


def test_an_overlay_extends_a_shipped_catalog_without_copying_it(catalog: tr.survey.Catalog):
    """An overlay adds spellings (moving 検討中), renames and adds items, and keeps everything else."""
    made = tr.survey.apply_overlay(OVERLAY)
    assert (made.id, made.extends, made.survey) == ("my-r4", "r4", catalog.survey)
    assert made.answers.read("導入しています") is tr.survey.Answer.IMPLEMENTED
    assert made.answers.read("検討中") is tr.survey.Answer.IMPLEMENTED  # left not_implemented for implemented
    assert made.answers.read("実証中") is tr.survey.Answer.IMPLEMENTED  # trial_counts_as
    assert made.category_of("cdo").id == "dx-organization"
    assert next(i for i in made.items if i.id == "cio-adviser").name.ja == "CIO補佐官等の任命"
    assert len(made.items) == len(catalog.items) + 1


def test_per_item_readings_apply_to_their_item_only(tmp_path: Path):
    """An overlay's 有 reads as implemented for its item; for another item it is an unknown answer."""
    made = tr.survey.apply_overlay(OVERLAY)
    text = f"code,item,answer\n{TAJIMI},cio-adviser,有\n{SAPPORO},cio-adviser,無\n{CHIYODA},csirt,有\n"
    answers = tr.survey.read_long_csv(text.encode(), made)
    assert answers.of(TAJIMI)["cio-adviser"] is tr.survey.Answer.IMPLEMENTED
    assert answers.of(SAPPORO)["cio-adviser"] is tr.survey.Answer.NOT_IMPLEMENTED
    assert [p.code for p in answers.problems] == ["answers.unknown_answer"]


def test_a_bad_overlay_gets_pointer_precise_problems(tmp_path: Path):
    """Validate checks an overlay: unknown items and categories, reused ids, texts under two meanings."""
    bad = {
        **OVERLAY,
        "answers": {"implemented": ["x"], "trial": ["x"]},
        "items": {"nope": {"name": {"ja": "?"}}},
        "add": [{"category": "nope", "id": "cio-adviser", "name": {"ja": "?"}}],
    }
    problems = tr.documents.validate(bad)
    assert {(p.code, p.pointer) for p in problems} == {
        ("overlay.ambiguous_text", "/answers/trial/0"),
        ("overlay.unknown_item", "/items/nope"),
        ("overlay.unknown_category", "/add/0/category"),
        ("overlay.duplicate_item", "/add/0/id"),
    }
    path = tmp_path / "overlay.json"
    path.write_text(json.dumps({**OVERLAY, "extends": "r9"}, ensure_ascii=False), encoding="utf-8")
    status, stdout, _ = _cli("validate", str(path))
    assert status == 1 and f"{path}#/extends: " in stdout
    path.write_text(json.dumps(OVERLAY, ensure_ascii=False), encoding="utf-8")
    assert _cli("validate", str(path))[0] == 0


def test_batch_takes_an_overlay_as_its_catalog(tmp_path: Path):
    """`batch --catalog overlay.json` reads answers with the overlay's spellings and items."""
    overlay = tmp_path / "overlay.json"
    overlay.write_text(json.dumps(OVERLAY, ensure_ascii=False), encoding="utf-8")
    source = tmp_path / "answers.csv"
    source.write_text(f"code,item,answer\n{TAJIMI},cio-adviser,有\n{TAJIMI},cdo,導入しています\n", encoding="utf-8")
    out = tmp_path / "out"
    status, stdout, stderr = _cli(
        "batch", str(source), "--catalog", str(overlay), "--out", str(out), "--grade-within-observed"
    )
    assert status == 0, stderr
    evaluation = json.loads((out / "evaluations" / f"{TAJIMI}.json").read_text("utf-8"))
    assert {item["id"] for c in evaluation["categories"] for item in c["items"]} == {"cio-adviser", "cdo"}
    assert "(my-r4, tajimi-r4)" in stdout


def _cli(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    return main(list(argv), out=Output(stdout, stderr)), stdout.getvalue(), stderr.getvalue()


def test_csv_codes_as_people_have_them_are_normalised(catalog: tr.survey.Catalog):
    """A zero lost beside 6-digit codes is restored; a column of 5-digit codes is completed; one warning says so."""
    restored = tr.survey.read_long_csv(b"code,item,answer\n212041,cio-adviser,1\n12017,cio-adviser,1\n", catalog)
    assert [body.code for body in restored.bodies] == ["012017", "212041"]
    completed = tr.survey.read_long_csv(b"code,item,answer\n21204,cio-adviser,1\n12017,cio-adviser,1\n", catalog)
    assert [body.code for body in completed.bodies] == [f"12017{tr.survey.check_digit('12017')}", "212041"]
    assert [(p.code, p.severity) for p in completed.problems] == [("answers.codes_normalised", tr.Severity.WARNING)]
    assert "2 5-digit codes were completed" in completed.problems[0].text("en")


def test_csv_items_by_their_japanese_name_and_did_you_mean():
    """A CSV item given by its exact catalog name is read as that item; a near miss names the closest one."""
    catalog = tr.survey.load_catalog("r4")
    item = next(item for item in catalog.items if item.id == "cio-adviser")
    data = f"code,item,answer\n212041,{item.name.ja},導入済み\n212041,{item.name.ja[:-1]},導入済み\n".encode()
    answers = tr.survey.read_long_csv(data, catalog)
    (problem,) = answers.problems
    assert problem.code == "answers.unknown_item" and problem.line == 3
    assert answers.of("212041")["cio-adviser"] is tr.survey.Answer.IMPLEMENTED
    assert f"did you mean {item.name.ja!r}?" in problem.text("en")
    assert f"（{item.name.ja!r} のことですか）" in problem.text("ja")
    assert "期待: カタログの項目 ID または項目名" in problem.text("ja")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system has no fifos")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_answers_that_are_no_regular_file_are_refused_without_waiting(kind, tmp_path):
    """A fifo (which would wait for a writer) or /dev/zero (which never ends) as answers: a problem, exit 2, at once."""
    if kind == "fifo":
        source = tmp_path / "answers.csv"
        os.mkfifo(source)
    else:
        source = Path("/dev/zero")
        if not source.exists():
            pytest.skip("this system has no /dev/zero")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "tajimi_rules", "batch", str(source), "--catalog", "r4", "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "file.not_regular" not in result.stderr  # worded, not a code
    assert "not a regular file" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
